//! Request queries against a fresh database per test, with the demo data loaded.

use crate::common;
use ids::{RequestId, UserId};

use common::{file, with_demo_data, K};
use db::requests::{self, NewEvent};
use db::DbError;
use sqlx::PgPool;

const KEY1: &str = "11111111-1111-4111-8111-111111111111";
const KEY2: &str = "22222222-2222-4222-8222-222222222222";

#[sqlx::test]
async fn filing_numbers_requests_from_a_sequence_and_once_per_form(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let first = file(&mut conn, resident, "environment.noise", KEY1).await;
    let again = file(&mut conn, resident, "environment.noise", KEY1).await;
    let second = file(&mut conn, resident, "environment.noise", KEY2).await;
    assert!(first.created && !again.created && second.created);
    assert_eq!(first.id, again.id);
    assert_eq!(first.tracking_number, again.tracking_number);
    let n = |t: &str| {
        t.split_once('-')
            .map(|(_, n)| n.parse::<i32>().expect("number"))
            .expect("dash")
    };
    // The repeat took a number it did not use: numbers may have gaps, never repeats.
    assert_eq!(n(&second.tracking_number), n(&first.tracking_number) + 2);
    let today: String =
        sqlx::query_scalar("select to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD')")
            .fetch_one(&pool)
            .await
            .expect("today");
    assert!(
        first.tracking_number.starts_with(&format!("{today}-")),
        "the Beijing day"
    );
    assert_eq!(first.tracking_number.len(), "20261126-000123".len());
    let events = requests::events(&mut conn, first.id, true)
        .await
        .expect("events");
    assert_eq!(events.len(), 1);
    assert_eq!(
        (events[0].kind.as_str(), events[0].to_status.as_deref()),
        ("filed", Some("submitted"))
    );
    assert_eq!(
        requests::filed_recently(&mut conn, resident, 3600)
            .await
            .expect("count"),
        2
    );
    assert_eq!(
        requests::id_of(&mut conn, &first.tracking_number)
            .await
            .expect("q"),
        Some(first.id)
    );
}

#[sqlx::test]
async fn a_request_reads_back_with_its_names(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let filed = file(&mut conn, resident, "environment.noise", KEY1).await;
    let row = requests::by_tracking_number(&mut conn, &filed.tracking_number)
        .await
        .expect("q")
        .expect("found");
    assert_eq!(
        (
            row.community_zh.as_str(),
            row.street_zh.as_str(),
            row.district_zh.as_str()
        ),
        ("上河村社区", "曙光街道", "海淀区")
    );
    assert_eq!(
        (row.status.as_str(), row.resident_name.as_str()),
        ("submitted", "马大姐")
    );
    assert_eq!(row.unit_zh, None, "not dispatched yet");
    assert_eq!(row.respond_by, filed.respond_by);
    assert_eq!(
        requests::by_tracking_number(&mut conn, "20000101-000001")
            .await
            .expect("q"),
        None
    );
}

#[sqlx::test]
async fn only_leaf_categories_and_communities_are_offered_for_filing(pool: PgPool) {
    with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let group = requests::category(&mut conn, "environment")
        .await
        .expect("q")
        .expect("found");
    let leaf = requests::category(&mut conn, "environment.noise")
        .await
        .expect("q")
        .expect("found");
    assert!(!group.is_leaf && leaf.is_leaf);
    assert_eq!(
        requests::category(&mut conn, "nope").await.expect("q"),
        None
    );
    assert_eq!(
        requests::place(&mut conn, "110108025").await.expect("q"),
        None,
        "a street"
    );
    assert!(requests::place(&mut conn, "110108025014")
        .await
        .expect("q")
        .is_some());
    let all = requests::categories(&mut conn).await.expect("categories");
    let environment = all
        .iter()
        .position(|c| c.code == "environment")
        .expect("group");
    let noise = all
        .iter()
        .position(|c| c.code == "environment.noise")
        .expect("leaf");
    assert!(environment < noise, "parents come before their children");
}

#[sqlx::test]
async fn status_changes_go_through_the_locked_row_and_the_log(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut tx = pool.begin().await.expect("begin");
    let filed = file(&mut tx, resident, "environment.noise", KEY1).await;
    let (status, owner, found) = requests::lock(&mut tx, filed.id).await.expect("lock");
    assert_eq!(
        (status.as_str(), owner, found),
        ("submitted", resident, false)
    );
    requests::set_status(&mut tx, filed.id, &K("withdrawn"))
        .await
        .expect("set");
    requests::append_event(
        &mut tx,
        &NewEvent {
            request_id: filed.id,
            actor_id: Some(resident),
            kind: "withdrawn",
            from_status: Some(&K("submitted")),
            to_status: Some(&K("withdrawn")),
            note: "",
            is_public: true,
            unit_id: None,
        },
    )
    .await
    .expect("event");
    requests::append_event(
        &mut tx,
        &NewEvent {
            request_id: filed.id,
            actor_id: None,
            kind: "progress",
            from_status: None,
            to_status: None,
            note: "internal",
            is_public: false,
            unit_id: None,
        },
    )
    .await
    .expect("internal event");
    tx.commit().await.expect("commit");
    let mut conn = pool.acquire().await.expect("connection");
    assert_eq!(
        requests::events(&mut conn, filed.id, true)
            .await
            .expect("q")
            .len(),
        2
    );
    assert_eq!(
        requests::events(&mut conn, filed.id, false)
            .await
            .expect("q")
            .len(),
        3
    );
    let bad = requests::set_status(&mut conn, filed.id, &K("lost")).await;
    assert!(
        matches!(bad, Err(DbError::Conflict { constraint }) if constraint == "requests_status_check")
    );
    assert!(matches!(
        requests::lock(&mut conn, RequestId(-1)).await,
        Err(DbError::NotFound)
    ));
}

#[sqlx::test]
async fn my_list_pages_by_keyset_and_filters_by_status(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let first = file(&mut conn, resident, "environment.noise", KEY1).await;
    let second = file(&mut conn, resident, "environment.noise", KEY2).await;
    requests::set_status(&mut conn, first.id, &K("withdrawn"))
        .await
        .expect("set");
    let page = requests::list_mine(&mut conn, resident, None, None, 1)
        .await
        .expect("q");
    assert_eq!(page.iter().map(|r| r.id).collect::<Vec<_>>(), [second.id]);
    let next = requests::list_mine(&mut conn, resident, None, Some(second.id), 1)
        .await
        .expect("q");
    assert_eq!(next.iter().map(|r| r.id).collect::<Vec<_>>(), [first.id]);
    let withdrawn = requests::list_mine(&mut conn, resident, Some(&K("withdrawn")), None, 10)
        .await
        .expect("q");
    assert_eq!(
        withdrawn.iter().map(|r| r.id).collect::<Vec<_>>(),
        [first.id]
    );
    assert!(
        requests::list_mine(&mut conn, UserId(resident.0 + 1), None, None, 10)
            .await
            .expect("q")
            .is_empty()
    );
}

#[sqlx::test]
async fn the_database_refuses_a_description_out_of_bounds(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let short = sqlx::query(
        "insert into requests (tracking_number, resident_id, kind, category_id, community_id,
                               street_id, district_id, address, description, is_public, show_name,
                               respond_by, resolve_by, idempotency_key)
         select 'x', $1, 'complaint', c.id, a.id, a.id, a.id, '', 'short', true, false, now(), now(),
                gen_random_uuid()
         from categories c, areas a limit 1",
    )
    .bind(resident)
    .execute(&pool)
    .await
    .map_err(DbError::from);
    assert!(
        matches!(short, Err(DbError::Conflict { constraint }) if constraint == "requests_description_check")
    );
}

#[sqlx::test]
async fn the_public_list_pages_by_keyset_under_any_filter(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut conn = pool.begin().await.expect("transaction");
    let keys = [KEY1, KEY2, "33333333-3333-4333-8333-333333333333"];
    let mut ids = Vec::new();
    for key in keys {
        ids.push(file(&mut conn, resident, "environment.noise", key).await.id);
    }
    let haidian = requests::area_id(&mut conn, "110108", "district")
        .await
        .expect("q");
    assert!(haidian.is_some());
    assert_eq!(
        requests::area_id(&mut conn, "110108", "street")
            .await
            .expect("q"),
        None
    );
    let family = requests::category_family(&mut conn, "environment")
        .await
        .expect("q");
    assert_eq!(family.len(), 5, "the group and its 4 leaves");
    assert!(requests::category_family(&mut conn, "nope")
        .await
        .expect("q")
        .is_empty());
    let filter = requests::PublicFilter {
        district_id: haidian,
        category_ids: Some(&family),
        ..Default::default()
    };
    let first = requests::list_public(&mut conn, filter, None, 2)
        .await
        .expect("q");
    let rest = requests::list_public(&mut conn, filter, first.last().map(|r| r.id), 2)
        .await
        .expect("q");
    let seen: Vec<RequestId> = first.iter().chain(&rest).map(|r| r.id).collect();
    assert_eq!(
        seen,
        [ids[2], ids[1], ids[0]],
        "every request once, newest first"
    );
    requests::set_status(&mut conn, ids[0], &K("withdrawn"))
        .await
        .expect("withdraw");
    let all = requests::list_public(&mut conn, Default::default(), None, 10)
        .await
        .expect("q");
    assert_eq!(all.len(), 2, "withdrawn requests leave the public list");
}

#[sqlx::test]
async fn a_resident_seconds_a_request_once(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let filed = file(&mut conn, resident, "environment.noise", KEY1).await;
    let neighbour: UserId = sqlx::query_scalar("select id from users where phone = '13800000002'")
        .fetch_one(&pool)
        .await
        .expect("another user");
    assert!(!requests::has_seconded(&mut conn, filed.id, neighbour)
        .await
        .expect("q"));
    requests::second(&mut conn, filed.id, neighbour)
        .await
        .expect("second");
    assert!(requests::has_seconded(&mut conn, filed.id, neighbour)
        .await
        .expect("q"));
    let again = requests::second(&mut conn, filed.id, neighbour).await;
    assert!(
        matches!(again, Err(DbError::Conflict { constraint }) if constraint == "request_seconds_pkey")
    );
    let row = requests::by_tracking_number(&mut conn, &filed.tracking_number)
        .await
        .expect("q")
        .expect("found");
    assert_eq!(row.seconds, 1);
}

#[sqlx::test]
async fn similar_means_open_public_same_category_same_community_recent(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let filed = file(&mut conn, resident, "environment.noise", KEY1).await;
    let category = requests::category(&mut conn, "environment.noise")
        .await
        .expect("q")
        .expect("c");
    let other = requests::category(&mut conn, "housing.heating")
        .await
        .expect("q")
        .expect("c");
    let place = requests::place(&mut conn, "110108025014")
        .await
        .expect("q")
        .expect("p");
    let found = requests::similar(&mut conn, category.id, place.community_id, 30, 5)
        .await
        .expect("q");
    assert_eq!(found.iter().map(|r| r.id).collect::<Vec<_>>(), [filed.id]);
    assert!(
        requests::similar(&mut conn, other.id, place.community_id, 30, 5)
            .await
            .expect("q")
            .is_empty()
    );
    sqlx::query("update requests set created_at = now() - interval '31 days'")
        .execute(&pool)
        .await
        .expect("age");
    assert!(
        requests::similar(&mut conn, category.id, place.community_id, 30, 5)
            .await
            .expect("q")
            .is_empty(),
        "older than 30 days"
    );
}
