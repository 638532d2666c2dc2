//! The grassroots tier through the real router and database: a community's committee handles
//! what the routing rules send it, a street office passes a request down to one of its
//! communities (下派) and the community passes one back up (上报), each with a deadline the
//! worker watches; the measures count both and still equal the event log.

use crate::common;

use app::error::AppError;
use app::handling::HandlingRefusal;
use app::requests::Status;
use app::ssr::Settings;
use axum::http::StatusCode;
use axum::Router;
use common::{
    count, error, file_noise, file_of, folded_and_clean, post, signed_in, step, try_step,
    unit_count, view,
};
use sqlx::PgPool;

const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");
const DISPATCHER: (&str, &str) = ("13800000002", "jiesu-dispatcher");
/// 曙光街道办事处: the street office of the resident's community.
const HANDLER: (&str, &str) = ("13800000003", "jiesu-handler");
const STREET_OFFICE: &str = "street:110108025";
/// The area staff of 上河村社区 (曙光街道), the resident's community: its committee's staff.
const COMMUNITY: (&str, &str) = ("13800000006", "jiesu-community");
const COMMITTEE: &str = "community:110108025014";
/// 承平园社区 in 平谷区: a community of another street.
const OTHER_COMMITTEE: &str = "community:110117001005";

struct People {
    resident: String,
    dispatcher: String,
    street: String,
    community: String,
}

async fn setup(pool: &PgPool) -> (Router, People) {
    let settings = Settings {
        filings_per_hour: 1000,
        ..Settings::default()
    };
    let app = common::app(pool.clone(), settings).await;
    let people = People {
        resident: signed_in(&app, RESIDENT.0, RESIDENT.1).await,
        dispatcher: signed_in(&app, DISPATCHER.0, DISPATCHER.1).await,
        street: signed_in(&app, HANDLER.0, HANDLER.1).await,
        community: signed_in(&app, COMMUNITY.0, COMMUNITY.1).await,
    };
    (app, people)
}

async fn queue(app: &Router, cookie: &str) -> Vec<app::handling::QueueItem> {
    let (status, _, body) = post(app, "/api/staff/queue", String::new(), Some(cookie)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page: app::handling::QueuePage = serde_json::from_str(&body).expect("a queue");
    page.items
}

async fn queue_numbers(app: &Router, cookie: &str) -> Vec<String> {
    queue(app, cookie)
        .await
        .into_iter()
        .map(|i| i.tracking_number)
        .collect()
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_community_handles_what_the_rules_send_it_from_its_own_queue(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    // 楼道堆物: the demo rules send the community's own matters to its committee.
    let number = file_of(
        &app,
        &p.resident,
        "7a1d0c1e-0000-4000-8000-000000000001",
        "community.stairwell",
    )
    .await;
    let offered = view(&app, Some(&p.dispatcher), &number)
        .await
        .staff
        .expect("a panel");
    assert_eq!(offered.proposed_unit.as_deref(), Some(COMMITTEE));
    assert!(
        offered.units.iter().any(|u| u.code == COMMITTEE),
        "the request's own committee is on the list"
    );
    assert!(
        !offered.units.iter().any(|u| u.code == OTHER_COMMITTEE),
        "no other community's committee is: {:?}",
        offered.units.len()
    );
    step(
        &app,
        &p.dispatcher,
        &number,
        "dispatch",
        &[("unit", COMMITTEE)],
    )
    .await;
    assert_eq!(
        queue_numbers(&app, &p.community).await,
        std::slice::from_ref(&number)
    );
    assert!(queue_numbers(&app, &p.street).await.is_empty());

    // A community does not return to the hotline: it passes up, or handles.
    let (status, body) = try_step(
        &app,
        Some(&p.community),
        &number,
        "return",
        &[("reason", "不归我们管")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    step(&app, &p.community, &number, "accept", &[]).await;
    step(
        &app,
        &p.community,
        &number,
        "respond",
        &[("note", "网格员已上门，今天清理")],
    )
    .await;
    let fields = [("closure", "resolved"), ("explanation", "楼道杂物已清走")];
    step(&app, &p.community, &number, "resolve", &fields).await;

    let seen = view(&app, Some(&p.resident), &number).await;
    assert_eq!(seen.status, Status::Resolved);
    let detail = seen.request.detail.expect("detail");
    assert_eq!(
        detail.unit.map(|u| u.zh),
        Some("上河村社区居民委员会".into()),
        "the resident sees who handles it"
    );
    let told = count(
        &pool,
        "select count(*) from notifications n join users u on u.id = n.user_id
         where u.phone = '13800000006' and n.kind = 'dispatched'",
    )
    .await;
    assert_eq!(told, 1, "the committee's staff heard of the dispatch");
    folded_and_clean(&pool).await;
    assert_eq!(unit_count(&pool, COMMITTEE, "dispatched").await, 1);
    assert_eq!(unit_count(&pool, COMMITTEE, "responded_on_time").await, 1);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_street_passes_down_the_community_passes_up_and_the_measures_say_so(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    let number = file_noise(&app, &p.resident, "7a1d0c1e-0000-4000-8000-000000000002").await;
    step(
        &app,
        &p.dispatcher,
        &number,
        "dispatch",
        &[("unit", STREET_OFFICE)],
    )
    .await;
    // Accept first: a street office passes down what it has taken on.
    let (status, body) = try_step(
        &app,
        Some(&p.street),
        &number,
        "pass_down",
        &[("community", COMMITTEE)],
    )
    .await;
    assert_eq!(
        error(&body),
        AppError::from(app::requests::RequestRefusal::StatusNotAllowed)
    );
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    step(&app, &p.street, &number, "accept", &[]).await;
    step(&app, &p.street, &number, "respond", &[("note", "已联系")]).await;
    let offered = view(&app, Some(&p.street), &number)
        .await
        .staff
        .expect("a panel");
    assert!(offered.steps.iter().any(|s| s == "pass_down"));
    assert!(
        offered.communities.iter().any(|c| c.code == COMMITTEE),
        "its own communities"
    );
    assert!(!offered
        .communities
        .iter()
        .any(|c| c.code == OTHER_COMMITTEE));

    // Refusals change nothing.
    let events = count(&pool, "select count(*) from request_events").await;
    let (_, body) = try_step(
        &app,
        Some(&p.street),
        &number,
        "pass_down",
        &[("community", OTHER_COMMITTEE)],
    )
    .await;
    assert_eq!(
        error(&body),
        AppError::from(HandlingRefusal::CommunityNotOurs)
    );
    let (_, body) = try_step(&app, Some(&p.street), &number, "pass_down", &[]).await;
    assert_eq!(
        error(&body),
        AppError::from(HandlingRefusal::CommunityRequired)
    );
    let (status, _) = try_step(
        &app,
        Some(&p.community),
        &number,
        "pass_down",
        &[("community", COMMITTEE)],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "not the community's to pass");
    assert_eq!(
        count(&pool, "select count(*) from request_events").await,
        events
    );

    step(
        &app,
        &p.street,
        &number,
        "pass_down",
        &[("community", COMMITTEE), ("note", "请社区先上门劝导")],
    )
    .await;
    let seen = view(&app, Some(&p.community), &number).await;
    assert_eq!(seen.status, Status::Dispatched);
    assert_eq!(seen.passes.len(), 1);
    assert!(seen.passes[0].down && seen.passes[0].answered_at.is_none());
    let theirs = queue(&app, &p.community).await;
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].tracking_number, number);
    let (from, take_by) = theirs[0]
        .passed
        .clone()
        .expect("a pass waiting to be taken");
    assert_eq!(from.zh, "曙光街道办事处");
    assert_eq!(take_by, seen.passes[0].answer_by);
    assert!(queue_numbers(&app, &p.street).await.is_empty());

    // The community cannot settle it: up, with a reason, before even accepting.
    let (_, body) = try_step(&app, Some(&p.community), &number, "pass_up", &[]).await;
    assert_eq!(
        error(&body),
        AppError::from(HandlingRefusal::ReasonRequired)
    );
    step(
        &app,
        &p.community,
        &number,
        "pass_up",
        &[("reason", "饭馆排风扇需要执法，社区办不了")],
    )
    .await;
    let seen = view(&app, Some(&p.resident), &number).await;
    assert_eq!(seen.status, Status::Dispatched);
    assert_eq!(
        seen.request
            .detail
            .as_ref()
            .and_then(|d| d.unit.clone())
            .map(|u| u.zh),
        Some("曙光街道办事处".into())
    );
    assert_eq!(seen.passes.len(), 2);
    assert!(
        seen.passes[0].answered_at.is_some(),
        "passing on takes the pass"
    );
    assert!(!seen.passes[1].down);
    let kinds: Vec<String> = seen
        .request
        .detail
        .expect("detail")
        .events
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(
        kinds.ends_with(&["passed_down".into(), "passed_up".into()]),
        "{kinds:?}"
    );

    // The street office does not take it in time: the worker marks it once.
    sqlx::query(
        "update passes set answer_by = now() - interval '1 minute' where answered_at is null",
    )
    .execute(&pool)
    .await
    .expect("deadline passed");
    server::worker::pass(&pool).await.expect("worker");
    server::worker::pass(&pool).await.expect("worker again");
    assert_eq!(
        count(
            &pool,
            "select count(*) from request_events where kind = 'pass_overdue'"
        )
        .await,
        1
    );
    step(&app, &p.street, &number, "accept", &[]).await;
    let fields = [
        ("closure", "resolved"),
        ("explanation", "已联合执法，风机更换"),
    ];
    step(&app, &p.street, &number, "respond", &[("note", "重新联系")]).await;
    step(&app, &p.street, &number, "resolve", &fields).await;

    folded_and_clean(&pool).await;
    assert_eq!(unit_count(&pool, STREET_OFFICE, "passed_down").await, 1);
    assert_eq!(unit_count(&pool, COMMITTEE, "passed_up").await, 1);
    assert_eq!(unit_count(&pool, STREET_OFFICE, "late_passes").await, 1);
    // The street office answered first: the response is its, passing it on moved nothing.
    assert_eq!(unit_count(&pool, STREET_OFFICE, "dispatched").await, 1);
    assert_eq!(
        unit_count(&pool, STREET_OFFICE, "responded_on_time").await,
        1
    );
    assert_eq!(unit_count(&pool, COMMITTEE, "dispatched").await, 0);
    // The community has its own rollup row, with the request filed there.
    let filed = count(
        &pool,
        "select coalesce(sum(m.filed), 0)::bigint from measures m join areas a on a.id = m.scope_id
         where m.scope = 'community' and a.code = '110108025014' and m.category_id = 0",
    )
    .await;
    assert_eq!(filed, 1);
}
