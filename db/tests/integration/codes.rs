//! One-time codes and the registrations waiting in them, against a fresh database per test.

use db::codes::{self, PendingAccount};
use db::{accounts, areas, DbError};
use ids::AreaId;
use sqlx::PgPool;

async fn a_community(pool: &PgPool) -> AreaId {
    sqlx::query_scalar(
        "with city as (insert into areas (code, level, name_zh, name_en)
                       values ('110000', 'city', '北京市', 'Beijing') returning id)
         insert into areas (code, parent_id, level, name_zh, name_en)
         select '1', id, 'community', '社区', 'C' from city returning id",
    )
    .fetch_one(pool)
    .await
    .expect("areas")
}

#[sqlx::test]
async fn only_communities_can_be_home(pool: PgPool) {
    let id = a_community(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    assert_eq!(
        areas::community_id(&mut conn, "1").await.expect("query"),
        Some(id)
    );
    assert_eq!(
        areas::community_id(&mut conn, "110000")
            .await
            .expect("query"),
        None
    );
}

#[sqlx::test]
async fn a_registration_waits_in_its_code_with_its_own_details(pool: PgPool) {
    let community = a_community(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let account = PendingAccount {
        password_hash: "h",
        display_name: "甲",
        home_community_id: community,
    };
    let id = codes::create_registration(
        &mut conn,
        "13900000001",
        "c",
        600,
        Some("10.0.0.1"),
        &account,
    )
    .await
    .expect("code");
    let other = PendingAccount {
        display_name: "乙",
        ..account
    };
    codes::create_registration(&mut conn, "13900000001", "c2", -1, None, &other)
        .await
        .expect("code");

    let code = codes::by_id(&mut conn, id, "register")
        .await
        .expect("query")
        .expect("found");
    assert_eq!(
        (code.phone.as_str(), code.code_hash.as_str(), code.tries),
        ("13900000001", "c", 0)
    );
    assert_eq!(
        (code.expired, code.used, code.display_name.as_deref()),
        (false, false, Some("甲"))
    );
    assert_eq!(
        codes::by_id(&mut conn, id, "reset_password")
            .await
            .expect("query"),
        None
    );
    codes::add_try(&mut conn, id).await.expect("try");
    assert!(codes::mark_used(&mut conn, id).await.expect("used"));
    assert!(
        !codes::mark_used(&mut conn, id).await.expect("used"),
        "a code is used once"
    );
    let code = codes::by_id(&mut conn, id, "register")
        .await
        .expect("query")
        .expect("found");
    assert_eq!((code.tries, code.used), (1, true));
    assert!(
        codes::by_id(&mut conn, id + 1, "register")
            .await
            .expect("q")
            .expect("second")
            .expired
    );

    assert_eq!(
        codes::sent_recently(&mut conn, "13900000001", Some("10.0.0.1"), 3600)
            .await
            .expect("q"),
        codes::SentCounts {
            to_phone: 2,
            from_client: 1,
            all: 2
        }
    );
    assert_eq!(
        codes::sent_recently(&mut conn, "13900000003", Some("10.0.0.1"), 3600)
            .await
            .expect("q"),
        codes::SentCounts {
            to_phone: 0,
            from_client: 1,
            all: 2
        }
    );
}

#[sqlx::test]
async fn a_registration_code_must_carry_its_account(pool: PgPool) {
    let refused = sqlx::query(
        "insert into phone_codes (phone, purpose, code_hash, expires_at) values ('1', 'register', 'c', now())",
    )
    .execute(&pool)
    .await
    .map_err(DbError::from);
    assert!(
        matches!(refused, Err(DbError::Conflict { constraint }) if constraint == "phone_codes_registration_check")
    );
}

#[sqlx::test]
async fn a_resident_account_is_created_once_per_number(pool: PgPool) {
    let community = a_community(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let id = accounts::create_resident(&mut conn, "13900000001", "h", "甲", community)
        .await
        .expect("create");
    assert_eq!(
        accounts::by_id(&mut conn, id).await.expect("user").role,
        "resident"
    );
    let again = accounts::create_resident(&mut conn, "13900000001", "h", "乙", community).await;
    assert!(
        matches!(again, Err(DbError::Conflict { constraint }) if constraint == "users_phone_key")
    );
}

#[sqlx::test]
async fn the_development_sender_keeps_its_messages(pool: PgPool) {
    let mut conn = pool.acquire().await.expect("connection");
    codes::keep_sent_message(&mut conn, "13900000001", "验证码 123456")
        .await
        .expect("keep");
    let body: String = sqlx::query_scalar("select body from sms_outbox")
        .fetch_one(&pool)
        .await
        .expect("body");
    assert_eq!(body, "验证码 123456");
}
