//! The private cluster: initialised, started, reachable over its socket, stopped, restarted
//! with its data kept. Runs the real PostgreSQL binaries in a temporary folder.

use server::postgres::PrivateCluster;
use sqlx::{Connection, PgConnection};

#[tokio::test]
async fn a_private_cluster_starts_keeps_its_data_and_stops() {
    let root = std::env::temp_dir().join(format!("jiesu-cluster-test-{}", std::process::id()));
    let cluster = PrivateCluster::new(&root).expect("PostgreSQL binaries are installed");

    assert!(cluster
        .start()
        .await
        .expect("first start initialises and starts"));
    cluster
        .create_database("kept")
        .await
        .expect("create database");
    let mut conn = PgConnection::connect(&cluster.url("kept"))
        .await
        .expect("connect over the socket");
    sqlx::raw_sql("create table t (x int); insert into t values (42)")
        .execute(&mut conn)
        .await
        .expect("write");
    conn.close().await.expect("close");
    cluster.stop().await.expect("stop");
    assert!(
        PgConnection::connect(&cluster.url("kept")).await.is_err(),
        "stopped means stopped"
    );

    assert!(cluster.start().await.expect("second start reuses the data"));
    cluster
        .create_database("kept")
        .await
        .expect("an existing database is fine");
    let mut conn = PgConnection::connect(&cluster.url("kept"))
        .await
        .expect("reconnect");
    let x: i32 = sqlx::query_scalar("select x from t")
        .fetch_one(&mut conn)
        .await
        .expect("read");
    assert_eq!(x, 42);
    conn.close().await.expect("close");
    cluster.stop().await.expect("stop again");
    std::fs::remove_dir_all(&root).expect("clean up");
}

/// A newcomer working as root clones into a folder only root may enter (`/root`, or a fresh
/// `mktemp -d`, mode 700). PostgreSQL runs as `postgres`, which cannot enter it: the cluster
/// must still start, somewhere `postgres` can reach, and be found again by the same folder.
#[tokio::test]
async fn a_cluster_asked_for_in_a_folder_postgres_cannot_enter_still_runs() {
    use std::os::unix::fs::PermissionsExt;
    let private = std::env::temp_dir().join(format!("jiesu-private-{}", std::process::id()));
    std::fs::create_dir_all(&private).expect("create the private folder");
    std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o700)).expect("chmod 700");
    let wanted = private.join("clone").join(".data");

    let cluster = PrivateCluster::new(&wanted).expect("PostgreSQL binaries are installed");
    let as_root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .expect("read /proc/self");
    if as_root {
        assert!(
            !cluster.root().starts_with(&private),
            "as root the cluster moves out of a folder postgres cannot enter: {}",
            cluster.root().display()
        );
    }
    cluster.start().await.expect("the cluster starts");
    cluster
        .create_database("jiesu")
        .await
        .expect("create database");
    let mut conn = PgConnection::connect(&cluster.url("jiesu"))
        .await
        .expect("connect over the socket");
    let one: i32 = sqlx::query_scalar("select 1")
        .fetch_one(&mut conn)
        .await
        .expect("query");
    assert_eq!(one, 1);
    conn.close().await.expect("close");

    let again = PrivateCluster::new(&wanted).expect("the same folder again");
    assert_eq!(
        again.root(),
        cluster.root(),
        "the same folder finds the same cluster"
    );
    again.stop().await.expect("stop");
    std::fs::remove_dir_all(cluster.root()).expect("clean up the cluster");
    std::fs::remove_dir_all(&private).expect("clean up the private folder");
}
