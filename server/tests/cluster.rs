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
