//! Account queries against a fresh database per test.

use db::{accounts, DbError};
use ids::UserId;
use sqlx::PgPool;

async fn a_resident(pool: &PgPool, phone: &str) -> UserId {
    sqlx::query_scalar(
        "insert into users (phone, password_hash, display_name, role) values ($1, 'h', '居民', 'resident') returning id",
    )
    .bind(phone)
    .fetch_one(pool)
    .await
    .expect("insert user")
}

#[sqlx::test]
async fn users_are_found_by_phone_and_by_id(pool: PgPool) {
    let id = a_resident(&pool, "13900000001").await;
    let mut conn = pool.acquire().await.expect("connection");
    let by_phone = accounts::by_phone(&mut conn, "13900000001")
        .await
        .expect("query")
        .expect("found");
    assert_eq!((by_phone.id, by_phone.role.as_str()), (id, "resident"));
    assert_eq!(
        accounts::by_id(&mut conn, id).await.expect("by id"),
        by_phone
    );
    assert_eq!(
        accounts::by_phone(&mut conn, "13900000002")
            .await
            .expect("query"),
        None
    );
    assert!(matches!(
        accounts::by_id(&mut conn, UserId(id.0 + 1)).await,
        Err(DbError::NotFound)
    ));
}

#[sqlx::test]
async fn a_number_can_be_registered_once(pool: PgPool) {
    a_resident(&pool, "13900000001").await;
    let again = sqlx::query(
        "insert into users (phone, display_name, role) values ('13900000001', 'x', 'resident')",
    )
    .execute(&pool)
    .await
    .map_err(DbError::from);
    assert!(
        matches!(again, Err(DbError::Conflict { constraint }) if constraint == "users_phone_key")
    );
}

#[sqlx::test]
async fn failures_count_within_their_window_by_number_and_by_client(pool: PgPool) {
    let mut conn = pool.acquire().await.expect("connection");
    for _ in 0..3 {
        accounts::record_failure(&mut conn, "13900000001", Some("10.0.0.1"))
            .await
            .expect("record");
    }
    accounts::record_failure(&mut conn, "13900000001", Some("10.0.0.2"))
        .await
        .expect("record");
    accounts::record_failure(&mut conn, "13900000002", Some("10.0.0.1"))
        .await
        .expect("record");
    sqlx::query("update sign_in_failures set created_at = now() - interval '1 hour' where id = (select min(id) from sign_in_failures)")
        .execute(&mut *conn)
        .await
        .expect("age one failure");
    let counts = |window| {
        let pool = pool.clone();
        async move {
            let mut conn = pool.acquire().await.expect("connection");
            accounts::recent_failures(&mut conn, "13900000001", Some("10.0.0.1"), window)
                .await
                .expect("count")
        }
    };
    let within = counts(900).await;
    assert_eq!(
        (within.phone_from_client, within.from_client, within.phone),
        (2, 3, 3)
    );
    assert!(within.secs_since_last_for_phone.is_some_and(|s| s < 60.0));
    let wider = counts(7200).await;
    assert_eq!(
        (wider.phone_from_client, wider.from_client, wider.phone),
        (3, 4, 4)
    );
    // A success from one client forgets that client's failures with the number only.
    accounts::clear_failures_from(&mut conn, "13900000001", Some("10.0.0.1"))
        .await
        .expect("clear");
    let after = counts(7200).await;
    assert_eq!(
        (after.phone_from_client, after.from_client, after.phone),
        (0, 1, 1)
    );
    accounts::clear_failures(&mut conn, "13900000001")
        .await
        .expect("clear");
    assert_eq!(counts(7200).await.phone, 0);
}

#[sqlx::test]
async fn only_expired_sessions_are_deleted(pool: PgPool) {
    sqlx::query(
        "insert into tower_sessions.session (id, data, expiry_date)
         values ('old', '', now() - interval '1 minute'), ('live', '', now() + interval '1 hour')",
    )
    .execute(&pool)
    .await
    .expect("sessions");
    let mut conn = pool.acquire().await.expect("connection");
    assert_eq!(
        accounts::delete_expired_sessions(&mut conn)
            .await
            .expect("delete"),
        1
    );
    let left: Vec<String> = sqlx::query_scalar("select id from tower_sessions.session")
        .fetch_all(&pool)
        .await
        .expect("left");
    assert_eq!(left, ["live"]);
}

#[sqlx::test]
async fn failures_older_than_a_day_are_cleaned_up(pool: PgPool) {
    let mut conn = pool.acquire().await.expect("connection");
    accounts::record_failure(&mut conn, "13900000001", None)
        .await
        .expect("record");
    accounts::record_failure(&mut conn, "13900000002", None)
        .await
        .expect("record");
    sqlx::query("update sign_in_failures set created_at = now() - interval '25 hours' where phone = '13900000001'")
        .execute(&mut *conn)
        .await
        .expect("age");
    assert_eq!(
        accounts::delete_old_failures(&mut conn)
            .await
            .expect("delete"),
        1
    );
    assert_eq!(
        accounts::recent_failures(&mut conn, "13900000002", None, 900)
            .await
            .expect("count")
            .phone,
        1
    );
}

#[sqlx::test]
async fn sign_ins_for_one_number_wait_for_each_other(pool: PgPool) {
    let mut first = pool.begin().await.expect("begin");
    accounts::lock_phone(&mut first, "13900000001")
        .await
        .expect("lock");
    let mut other_number = pool.begin().await.expect("begin");
    accounts::lock_phone(&mut other_number, "13900000002")
        .await
        .expect("another number is free");
    let mut second = pool.begin().await.expect("begin");
    sqlx::query("set local lock_timeout = '200ms'")
        .execute(&mut *second)
        .await
        .expect("timeout");
    assert!(
        accounts::lock_phone(&mut second, "13900000001")
            .await
            .is_err(),
        "the same number waits"
    );
}
