//! Handling queries against a fresh database per test, with the demo data loaded.

use crate::common;
use ids::{RequestId, UnitId, UserId};

use common::{file, with_demo_data, K};
use db::handling::{self as h, Change, Deadline, Recipients};
use sqlx::PgPool;

const KEY1: &str = "11111111-1111-4111-8111-111111111111";
const KEY2: &str = "22222222-2222-4222-8222-222222222222";

async fn scalar(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.expect(sql)
}

#[sqlx::test]
async fn dispatch_return_and_resolution_write_what_they_say(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let filed = file(&mut conn, resident, "environment.noise", KEY1).await;
    let unit = h::unit_id(&mut conn, "street:110108025")
        .await
        .expect("q")
        .expect("the street office");
    assert_eq!(
        h::unit_id(&mut conn, "hotline").await.expect("q"),
        None,
        "the centre handles nothing"
    );
    let locked = h::lock(&mut conn, &filed.tracking_number)
        .await
        .expect("q")
        .expect("found");
    assert_eq!(
        (locked.status.as_str(), locked.unit_id, locked.urgent),
        ("submitted", None, false)
    );
    assert_eq!(
        h::lock(&mut conn, "20000101-000001").await.expect("q"),
        None
    );

    let change = |status: &'static K, unit_id, closure_code: Option<&'static K>| Change {
        id: filed.id,
        status,
        unit_id,
        dispatched: status.0 == "dispatched",
        responded: status.0 == "responded",
        closure_code: closure_code.map(|c| c as &dyn db::keys::ClosureCode),
    };
    h::change(&mut conn, &change(&K("dispatched"), Some(Some(unit)), None))
        .await
        .expect("dispatch");
    assert_eq!(
        h::unit_queue(&mut conn, unit, 10, 0)
            .await
            .expect("q")
            .len(),
        1
    );
    assert!(h::intake(&mut conn, 10, 0).await.expect("q").is_empty());
    h::change(&mut conn, &change(&K("submitted"), Some(None), None))
        .await
        .expect("return");
    let intake = h::intake(&mut conn, 10, 0).await.expect("q");
    assert_eq!(intake.len(), 1);
    assert_eq!(
        intake[0].unit_zh.as_deref(),
        Some("曙光街道办事处"),
        "the proposal stays"
    );
    h::change(&mut conn, &change(&K("dispatched"), Some(Some(unit)), None))
        .await
        .expect("again");
    h::change(&mut conn, &change(&K("responded"), None, None))
        .await
        .expect("respond");
    h::change(
        &mut conn,
        &change(&K("resolved"), None, Some(&K("partly_resolved"))),
    )
    .await
    .expect("resolve");
    let row: (String, Option<UnitId>, Option<String>, bool, bool, bool) = sqlx::query_as(
        "select status, unit_id, closure_code, dispatched_at is not null, responded_at is not null,
                resolved_at is not null from requests",
    )
    .fetch_one(&pool)
    .await
    .expect("row");
    assert_eq!(
        row,
        (
            "resolved".into(),
            Some(unit),
            Some("partly_resolved".into()),
            true,
            true,
            true
        )
    );
    assert!(
        h::unit_queue(&mut conn, unit, 10, 0)
            .await
            .expect("q")
            .is_empty(),
        "resolved leaves the queue"
    );
    // The database refuses a dispatched request without a unit.
    let refused = h::change(&mut conn, &change(&K("dispatched"), Some(None), None)).await;
    assert!(refused.is_err());
}

#[sqlx::test]
async fn deadlines_follow_the_category_and_urgency_from_the_filing_time(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let filed = file(&mut conn, resident, "environment.noise", KEY1).await;
    let heating = h::hours(&mut conn, None, Some("housing.heating"))
        .await
        .expect("q")
        .expect("heating");
    assert_eq!(
        (
            heating.respond,
            heating.resolve,
            heating.urgent_respond,
            heating.urgent_resolve,
            heating.is_leaf
        ),
        (12, 72, 2, 24, true)
    );
    assert!(
        !h::hours(&mut conn, None, Some("housing"))
            .await
            .expect("q")
            .expect("group")
            .is_leaf
    );
    assert_eq!(
        h::hours(&mut conn, None, Some("nothing")).await.expect("q"),
        None
    );
    let hours_after_filing = |urgent: bool| {
        let pool = pool.clone();
        async move {
            let (respond, resolve, flag): (f64, f64, bool) = sqlx::query_as(
                "select extract(epoch from respond_by - created_at)::float8 / 3600,
                        extract(epoch from resolve_by - created_at)::float8 / 3600, urgent from requests",
            )
            .fetch_one(&pool)
            .await
            .expect("hours");
            assert_eq!(flag, urgent);
            (respond, resolve)
        }
    };
    h::set_deadlines(&mut conn, filed.id, heating, false)
        .await
        .expect("set");
    assert_eq!(hours_after_filing(false).await, (12.0, 72.0));
    h::set_deadlines(&mut conn, filed.id, heating, true)
        .await
        .expect("set");
    assert_eq!(hours_after_filing(true).await, (2.0, 24.0));
}

#[sqlx::test]
async fn merging_moves_seconds_once_per_resident(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let kept = file(&mut conn, resident, "environment.noise", KEY1).await;
    let duplicate = file(&mut conn, resident, "environment.noise", KEY2).await;
    let neighbours: Vec<UserId> = sqlx::query_scalar(
        "insert into users (phone, display_name, role) select '1390000000' || g, '邻居', 'resident'
         from generate_series(1, 2) g returning id",
    )
    .fetch_all(&pool)
    .await
    .expect("neighbours");
    for n in &neighbours {
        db::requests::second(&mut conn, duplicate.id, *n)
            .await
            .expect("second");
    }
    db::requests::second(&mut conn, kept.id, neighbours[0])
        .await
        .expect("second");
    assert_eq!(
        h::merge(&mut conn, duplicate.id, kept.id)
            .await
            .expect("merge"),
        2
    );
    let state: (String, Option<RequestId>, i32) =
        sqlx::query_as("select status, merged_into_id, seconds from requests where id = $1")
            .bind(duplicate.id)
            .fetch_one(&pool)
            .await
            .expect("merged");
    assert_eq!(state, ("merged".into(), Some(kept.id), 0));
    assert_eq!(
        scalar(&pool, "select count(*) from request_seconds").await,
        2
    );
}

#[sqlx::test]
async fn a_unit_is_summoned_once_and_checks_in_once(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let filed = file(&mut conn, resident, "environment.noise", KEY1).await;
    let handler = UserId(scalar(&pool, "select id from users where phone = '13800000003'").await);
    let own = h::unit_id(&mut conn, "street:110108025")
        .await
        .expect("q")
        .expect("own");
    let other = h::unit_id(&mut conn, "city_management")
        .await
        .expect("q")
        .expect("other");
    h::change(
        &mut conn,
        &Change {
            id: filed.id,
            status: &K("accepted"),
            unit_id: Some(Some(own)),
            dispatched: true,
            responded: false,
            closure_code: None,
        },
    )
    .await
    .expect("dispatched");
    assert!(
        h::summon(&mut conn, filed.id, other, own, handler, "需要配合", 30)
            .await
            .expect("summon")
    );
    assert!(
        !h::summon(&mut conn, filed.id, other, own, handler, "again", 30)
            .await
            .expect("summon")
    );
    assert!(
        h::summon(&mut conn, filed.id, own, own, handler, "self", 30)
            .await
            .is_err(),
        "not itself"
    );
    assert_eq!(
        h::summons_state(&mut conn, filed.id, other)
            .await
            .expect("q"),
        Some(false)
    );
    assert_eq!(
        h::summons_state(&mut conn, filed.id, own).await.expect("q"),
        None
    );
    let queue = h::unit_queue(&mut conn, other, 10, 0).await.expect("q");
    assert_eq!(queue.len(), 1);
    assert!(queue[0].check_in_by.is_some());
    assert_eq!(
        queue[0].unit_zh.as_deref(),
        Some("曙光街道办事处"),
        "who summoned it"
    );
    assert_eq!(
        h::check_in(&mut conn, filed.id, other, handler)
            .await
            .expect("q"),
        Some(false)
    );
    assert_eq!(
        h::check_in(&mut conn, filed.id, other, handler)
            .await
            .expect("q"),
        None,
        "once"
    );
    assert_eq!(
        h::summons_state(&mut conn, filed.id, other)
            .await
            .expect("q"),
        Some(true)
    );
    let listed = h::summons(&mut conn, filed.id).await.expect("q");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].unit_code, "city_management");
    assert!(listed[0].checked_in_at.is_some());
    assert!(h::unit_queue(&mut conn, other, 10, 0)
        .await
        .expect("q")
        .is_empty());
}

#[sqlx::test]
async fn notifications_reach_the_user_the_unit_or_the_dispatchers(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let filed = file(&mut conn, resident, "environment.noise", KEY1).await;
    let unit = h::unit_id(&mut conn, "street:110108025")
        .await
        .expect("q")
        .expect("unit");
    assert_eq!(
        h::notify(
            &mut conn,
            Recipients::User(resident),
            filed.id,
            "accepted",
            ""
        )
        .await
        .expect("n"),
        1
    );
    assert_eq!(
        h::notify(
            &mut conn,
            Recipients::Unit(unit),
            filed.id,
            "dispatched",
            ""
        )
        .await
        .expect("n"),
        1
    );
    assert_eq!(
        h::notify(&mut conn, Recipients::Dispatchers, filed.id, "returned", "")
            .await
            .expect("n"),
        1
    );
    let roles: Vec<String> = sqlx::query_scalar(
        "select u.role from notifications n join users u on u.id = n.user_id order by n.id",
    )
    .fetch_all(&pool)
    .await
    .expect("roles");
    assert_eq!(roles, ["resident", "handler", "dispatcher"]);
}

#[sqlx::test]
async fn overdue_deadlines_are_marked_once_through_their_indexes(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let filed = file(&mut conn, resident, "environment.noise", KEY1).await;
    file(&mut conn, resident, "environment.noise", KEY2).await;
    sqlx::query("update requests set respond_by = now() - interval '1 minute' where id = $1")
        .bind(filed.id)
        .execute(&pool)
        .await
        .expect("past");
    assert_eq!(
        h::mark_overdue(&mut conn, Deadline::Respond, 10)
            .await
            .expect("mark"),
        1
    );
    assert_eq!(
        h::mark_overdue(&mut conn, Deadline::Respond, 10)
            .await
            .expect("mark"),
        0
    );
    assert_eq!(
        h::mark_overdue(&mut conn, Deadline::Resolve, 10)
            .await
            .expect("mark"),
        0
    );
    assert_eq!(
        h::mark_overdue(&mut conn, Deadline::CheckIn, 10)
            .await
            .expect("mark"),
        0
    );
    assert_eq!(
        scalar(
            &pool,
            "select count(*) from request_events where kind = 'respond_overdue'"
        )
        .await,
        1
    );
    assert_eq!(
        scalar(
            &pool,
            "select count(*) from notifications where kind = 'respond_overdue'"
        )
        .await,
        1,
        "the dispatcher (no unit yet)"
    );
    // The planner reaches due rows through the partial index, not by reading the table.
    sqlx::query("set enable_seqscan = off")
        .execute(&mut *conn)
        .await
        .expect("set");
    let plan: Vec<String> = sqlx::query_scalar(
        "explain select id from requests where not respond_overdue and respond_by < now()
           and status in ('submitted', 'dispatched', 'accepted') order by respond_by limit 500",
    )
    .fetch_all(&mut *conn)
    .await
    .expect("plan");
    assert!(
        plan.iter().any(|l| l.contains("requests_respond_due_idx")),
        "{plan:?}"
    );
}
