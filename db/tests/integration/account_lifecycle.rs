//! The rest of an account's life: caller records taken over, the profile, password changes
//! and deletion, against a fresh database per test.

use db::{accounts, areas, codes, DbError};
use ids::{AreaId, UserId};
use sqlx::PgPool;

/// A city, a district, a street and two communities: returns the communities' ids.
async fn a_street_with_two_communities(pool: &PgPool) -> (AreaId, AreaId) {
    let ids: Vec<AreaId> = sqlx::query_scalar(
        "with city as (insert into areas (code, level, name_zh, name_en)
                       values ('110000', 'city', '北京市', 'Beijing') returning id),
              district as (insert into areas (code, parent_id, level, name_zh, name_en)
                           select '110108', id, 'district', '海淀区', 'Haidian' from city returning id),
              street as (insert into areas (code, parent_id, level, name_zh, name_en)
                         select '110108025', id, 'street', '曙光街道', 'Shuguang' from district
                         returning id)
         insert into areas (code, parent_id, level, name_zh, name_en)
         select c.code, street.id, 'community', c.name, c.name
         from street, (values ('110108025014', '上河村社区'), ('110108025015', '下河村社区')) c (code, name)
         returning id",
    )
    .fetch_all(pool)
    .await
    .expect("areas");
    (ids[0], ids[1])
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.expect(sql)
}

#[sqlx::test]
async fn a_caller_record_is_found_again_and_taken_over_by_registering(pool: PgPool) {
    let (home, _) = a_street_with_two_communities(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let caller = accounts::caller_record(&mut conn, "13900000001", "来电市民")
        .await
        .expect("caller")
        .expect("a resident's number");
    let again = accounts::caller_record(&mut conn, "13900000001", "别的名字")
        .await
        .expect("caller again")
        .expect("a resident's number");
    assert_eq!(caller, again, "one record per number");
    let row = accounts::by_id(&mut conn, caller).await.expect("row");
    assert_eq!(
        row.password_hash, None,
        "nobody can sign in with a caller record"
    );

    let id = accounts::create_resident(&mut conn, "13900000001", "hash", "王阿姨", home)
        .await
        .expect("taken over");
    assert_eq!(
        id, caller,
        "the requests filed for the caller stay with the number"
    );
    let row = accounts::by_id(&mut conn, id).await.expect("row");
    assert_eq!(
        (row.display_name.as_str(), row.password_hash.as_deref()),
        ("王阿姨", Some("hash"))
    );
    let taken = accounts::create_resident(&mut conn, "13900000001", "h2", "冒名", home).await;
    assert!(
        matches!(taken, Err(DbError::Conflict { constraint }) if constraint == "users_phone_key"),
        "an account is never taken over"
    );
    assert_eq!(
        accounts::by_id(&mut conn, id)
            .await
            .expect("row")
            .display_name,
        "王阿姨"
    );
}

#[sqlx::test]
async fn the_profile_shows_and_changes_name_and_community(pool: PgPool) {
    let (home, other) = a_street_with_two_communities(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let id = accounts::create_resident(&mut conn, "13900000001", "h", "王阿姨", home)
        .await
        .expect("account");
    let profile = accounts::profile(&mut conn, id).await.expect("profile");
    assert_eq!(profile.phone.as_deref(), Some("13900000001"));
    assert_eq!(profile.home_community_code.as_deref(), Some("110108025014"));

    accounts::update_profile(&mut conn, id, "王奶奶", other)
        .await
        .expect("update");
    let profile = accounts::profile(&mut conn, id).await.expect("profile");
    assert_eq!(profile.display_name, "王奶奶");
    assert_eq!(profile.home_community_code.as_deref(), Some("110108025015"));
    assert!(matches!(
        accounts::update_profile(&mut conn, UserId(id.0 + 1), "x", other).await,
        Err(DbError::NotFound)
    ));
}

#[sqlx::test]
async fn a_community_comes_with_its_street_and_district(pool: PgPool) {
    a_street_with_two_communities(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let path = areas::with_ancestors(&mut conn, "110108025014")
        .await
        .expect("path");
    let codes: Vec<&str> = path.iter().map(|a| a.code.as_str()).collect();
    assert_eq!(codes, ["110108025014", "110108025", "110108"]);
    assert!(areas::with_ancestors(&mut conn, "999")
        .await
        .expect("query")
        .is_empty());
}

#[sqlx::test]
async fn a_new_password_raises_the_version_sessions_check(pool: PgPool) {
    let (home, _) = a_street_with_two_communities(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let id = accounts::create_resident(&mut conn, "13900000001", "old", "甲", home)
        .await
        .expect("account");
    let before = accounts::by_id(&mut conn, id)
        .await
        .expect("row")
        .password_version;
    let after = accounts::set_password(&mut conn, id, "new")
        .await
        .expect("set");
    assert_eq!(after, before + 1);
    let row = accounts::by_id(&mut conn, id).await.expect("row");
    assert_eq!(
        (row.password_hash.as_deref(), row.password_version),
        (Some("new"), after)
    );

    let caller = accounts::caller_record(&mut conn, "13900000002", "来电")
        .await
        .expect("caller")
        .expect("a resident's number");
    assert!(
        matches!(
            accounts::set_password(&mut conn, caller, "x").await,
            Err(DbError::NotFound)
        ),
        "a caller record gets a password only by confirming its number"
    );
}

#[sqlx::test]
async fn deleting_erases_name_and_number_and_frees_the_number(pool: PgPool) {
    let (home, _) = a_street_with_two_communities(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let id = accounts::create_resident(&mut conn, "13900000001", "h", "王阿姨", home)
        .await
        .expect("account");
    let other = accounts::create_resident(&mut conn, "13900000002", "h", "李叔", home)
        .await
        .expect("other account");
    codes::create_reset(&mut conn, "13900000001", "code-hash", 600, Some("10.0.0.1"))
        .await
        .expect("code");
    codes::keep_sent_message(&mut conn, "13900000001", "验证码 123456")
        .await
        .expect("message");
    accounts::record_failure(&mut conn, "13900000001", None)
        .await
        .expect("failure");

    accounts::delete(&mut conn, id).await.expect("delete");
    let row = accounts::by_id(&mut conn, id)
        .await
        .expect("the row stays for its requests");
    assert_eq!((row.display_name.as_str(), row.password_hash), ("", None));
    assert!(matches!(
        accounts::profile(&mut conn, id).await,
        Err(DbError::NotFound)
    ));
    assert_eq!(
        accounts::by_phone(&mut conn, "13900000001")
            .await
            .expect("query"),
        None
    );
    for table in ["phone_codes", "sms_outbox", "sign_in_failures"] {
        let left = count(
            &pool,
            &format!("select count(*) from {table} where phone = '13900000001'"),
        )
        .await;
        assert_eq!(left, 0, "{table} forgot the number");
    }
    assert_eq!(
        accounts::by_id(&mut conn, other)
            .await
            .expect("other")
            .display_name,
        "李叔",
        "nobody else is touched"
    );
    assert!(matches!(
        accounts::delete(&mut conn, id).await,
        Err(DbError::NotFound)
    ));
    accounts::create_resident(&mut conn, "13900000001", "h", "新用户", home)
        .await
        .expect("the number can register again");
}

#[sqlx::test]
async fn a_deleted_account_keeps_nothing_that_names_it(pool: PgPool) {
    let (home, _) = a_street_with_two_communities(&pool).await;
    let half_deleted = sqlx::query(
        "insert into users (phone, password_hash, display_name, role, home_community_id, deleted_at)
         values ('13900000001', 'h', '王阿姨', 'resident', $1, now())",
    )
    .bind(home)
    .execute(&pool)
    .await
    .map_err(DbError::from);
    assert!(
        matches!(half_deleted, Err(DbError::Conflict { constraint }) if constraint == "users_deleted_check")
    );
}

#[sqlx::test]
async fn a_reset_code_counts_towards_the_limits_like_any_other(pool: PgPool) {
    let mut conn = pool.acquire().await.expect("connection");
    let id = codes::create_reset(&mut conn, "13900000001", "code-hash", 600, Some("10.0.0.1"))
        .await
        .expect("code");
    let row = codes::by_id(&mut conn, id, "reset_password")
        .await
        .expect("query")
        .expect("found");
    assert_eq!((row.tries, row.expired, row.used), (0, false, false));
    assert_eq!(
        row.password_hash, None,
        "a reset carries no pending account"
    );
    assert_eq!(
        codes::by_id(&mut conn, id, "register")
            .await
            .expect("query"),
        None,
        "a reset code cannot confirm a registration"
    );
    assert_eq!(
        codes::sent_recently(&mut conn, "13900000001", Some("10.0.0.1"), 3600)
            .await
            .expect("count"),
        codes::SentCounts {
            to_phone: 1,
            from_client: 1,
            all: 1
        }
    );
}
