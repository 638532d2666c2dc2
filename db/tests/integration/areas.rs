//! The area tree and the demo data, against a fresh database per test.

use db::areas::{self, CITY_CODE};
use db::{demo, DbError};
use sqlx::PgPool;

fn fake_hash(password: &str) -> Result<String, DbError> {
    Ok(format!("not-a-hash:{password}"))
}

async fn with_demo_data(pool: &PgPool) {
    let mut tx = pool.begin().await.expect("begin");
    assert!(demo::load_if_empty(&mut tx)
        .await
        .expect("reference data loads"));
    assert!(demo::add_accounts(&mut tx, fake_hash)
        .await
        .expect("demo accounts load"));
    tx.commit().await.expect("commit");
}

#[sqlx::test]
async fn beijing_has_its_16_districts_and_every_street(pool: PgPool) {
    with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let city = areas::by_code(&mut conn, CITY_CODE)
        .await
        .expect("the city");
    assert_eq!((city.name_zh.as_str(), city.parent_code), ("北京市", None));
    let districts = areas::children(&mut conn, city.id)
        .await
        .expect("districts");
    assert_eq!(districts.len(), 16);
    assert!(districts
        .iter()
        .all(|d| d.level == "district" && d.parent_code.as_deref() == Some(CITY_CODE)));
    let streets: i64 = districts.iter().map(|d| d.children).sum();
    assert!(
        streets > 300,
        "Beijing has over 300 streets and towns, found {streets}"
    );
}

#[sqlx::test]
async fn the_seed_articles_communities_are_there_in_both_languages(pool: PgPool) {
    with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let shuguang = areas::by_code(&mut conn, "110108025")
        .await
        .expect("曙光街道");
    assert_eq!(shuguang.name_en, "Shuguang Subdistrict");
    assert_eq!(shuguang.parent_code.as_deref(), Some("110108"));
    let communities = areas::children(&mut conn, shuguang.id)
        .await
        .expect("communities");
    assert!(communities
        .iter()
        .any(|c| c.name_zh == "上河村社区" && c.level == "community" && c.children == 0));
    for (code, name) in [
        ("110117001005", "承平园社区"),
        ("110111011219", "南广阳城村"),
        ("110101008005", "赵家楼社区"),
    ] {
        assert_eq!(
            areas::by_code(&mut conn, code).await.expect(name).name_zh,
            name
        );
    }
}

#[sqlx::test]
async fn reference_data_alone_brings_no_account(pool: PgPool) {
    let mut tx = pool.begin().await.expect("begin");
    assert!(demo::load_if_empty(&mut tx).await.expect("reference data"));
    assert!(!demo::accounts_exist(&mut tx).await.expect("query"));
    tx.commit().await.expect("commit");
    let users: i64 = sqlx::query_scalar("select count(*) from users")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(users, 0, "no account with a published password");
}

#[sqlx::test]
async fn demo_data_goes_into_an_empty_database_only_once(pool: PgPool) {
    with_demo_data(&pool).await;
    let mut tx = pool.begin().await.expect("begin");
    assert!(!demo::load_if_empty(&mut tx).await.expect("second load"));
    assert!(!demo::add_accounts(&mut tx, fake_hash)
        .await
        .expect("second load"));
    assert!(demo::accounts_exist(&mut tx).await.expect("query"));
    tx.commit().await.expect("commit");
    let users: i64 = sqlx::query_scalar("select count(*) from users")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(users, demo::ACCOUNTS.len() as i64);
    let roles: Vec<String> = sqlx::query_scalar("select role from users order by id")
        .fetch_all(&pool)
        .await
        .expect("roles");
    assert_eq!(
        roles,
        [
            "resident",
            "dispatcher",
            "handler",
            "area_staff",
            "admin",
            "area_staff"
        ]
    );
}

#[sqlx::test]
async fn an_unknown_code_is_not_found(pool: PgPool) {
    let mut conn = pool.acquire().await.expect("connection");
    assert!(matches!(
        areas::by_code(&mut conn, "999999").await,
        Err(DbError::NotFound)
    ));
}

#[sqlx::test]
async fn the_database_refuses_a_street_without_a_parent(pool: PgPool) {
    let result = sqlx::query(
        "insert into areas (code, level, name_zh, name_en) values ('1', 'street', 'x', 'x')",
    )
    .execute(&pool)
    .await
    .map_err(DbError::from);
    match result {
        Err(DbError::Conflict { constraint }) => assert_eq!(constraint, "areas_parent_check"),
        other => panic!("expected the parent check to refuse it, got {other:?}"),
    }
}
