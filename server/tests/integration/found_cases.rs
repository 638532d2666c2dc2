//! Acting before anyone calls (主动治理) through the real router and database: street and
//! community staff record the problems they find, which run through the one lifecycle; the
//! street office, not a resident, confirms the fix; a case opened from a hot spot links its
//! requests and tells their residents; the measures count found cases apart from the three
//! rates and still equal the event log.

use crate::common;

use app::error::AppError;
use app::requests::{RequestRefusal, Source, Status};
use app::ssr::Settings;
use axum::http::StatusCode;
use axum::Router;
use common::{
    account, count, error, file_noise, folded_and_clean, post, post_multipart, record, signed_in,
    step, try_record, try_step, unit_count, view,
};
use sqlx::PgPool;

const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");
const DISPATCHER: (&str, &str) = ("13800000002", "jiesu-dispatcher");
/// 曙光街道办事处.
const HANDLER: (&str, &str) = ("13800000003", "jiesu-handler");
const STREET_OFFICE: &str = "street:110108025";
/// The staff of 上河村社区 (曙光街道).
const COMMUNITY: (&str, &str) = ("13800000006", "jiesu-community");
const COMMITTEE: &str = "community:110108025014";
/// Another community of 曙光街道, and one of another street (平谷区).
const NEIGHBOUR: &str = "110108025001";
const ELSEWHERE: &str = "110117001005";
const CITY_MANAGEMENT: &str = "city_management";
const ECOLOGY: &str = "ecology";

struct People {
    resident: String,
    dispatcher: String,
    street: String,
    community: String,
    city_management: String,
    ecology: String,
}

async fn setup(pool: &PgPool) -> (Router, People) {
    let settings = Settings {
        filings_per_hour: 1000,
        hot_spot_threshold: 2,
        ..Settings::default()
    };
    let app = common::app(pool.clone(), settings).await;
    let people = People {
        resident: signed_in(&app, RESIDENT.0, RESIDENT.1).await,
        dispatcher: signed_in(&app, DISPATCHER.0, DISPATCHER.1).await,
        street: signed_in(&app, HANDLER.0, HANDLER.1).await,
        community: signed_in(&app, COMMUNITY.0, COMMUNITY.1).await,
        city_management: account(&app, pool, "13900000101", "handler", Some(CITY_MANAGEMENT)).await,
        ecology: account(&app, pool, "13900000102", "handler", Some(ECOLOGY)).await,
    };
    (app, people)
}

/// The hot spots on `cookie`'s workspace, which must offer recording found cases.
async fn hot_spots(app: &Router, cookie: &str) -> Vec<app::handling::HotSpot> {
    let (status, _, body) = post(app, "/api/staff/queue", String::new(), Some(cookie)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let queue: app::handling::QueuePage = serde_json::from_str(&body).expect("a queue");
    assert!(queue.records_found);
    queue.hot_spots
}

/// One count of the city, from the rollups.
async fn city_count(pool: &PgPool, column: &str) -> i64 {
    count(
        pool,
        &format!(
            "select coalesce(sum({column}), 0)::bigint from measures
             where scope = 'city' and category_id = 0"
        ),
    )
    .await
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_street_patrol_case_summons_departments_and_its_street_confirms_the_fix(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    let summon = [("summon", CITY_MANAGEMENT), ("summon", ECOLOGY)];
    let key = "5f0d0c1e-0000-4000-8000-000000000001";
    let number = record(&app, &p.street, key, &summon).await;
    // The same form again records it once.
    assert_eq!(record(&app, &p.street, key, &summon).await, number);

    let page = view(&app, Some(&p.street), &number).await;
    assert_eq!(page.status, Status::InProgress);
    let detail = page.detail.clone().expect("all of it");
    let found = detail.found.expect("a found case");
    assert_eq!(found.source, Source::Patrol);
    assert_eq!(found.by.zh, "曙光街道办事处");
    assert!(found.linked.is_empty());
    let mut summoned: Vec<&str> = page.summons.iter().map(|s| s.code.as_str()).collect();
    summoned.sort_unstable();
    assert_eq!(summoned, [CITY_MANAGEMENT, ECOLOGY]);
    assert!(detail.events.iter().any(|e| e.kind == "found"));
    assert!(detail.events.iter().any(|e| e.kind == "whistle"));
    // Staff act on it through their steps: none of a resident's.
    assert!(!page.is_mine && !page.can_withdraw && !page.can_add_info && !page.rating.can_rate);
    let steps = page.staff.expect("a panel").steps;
    assert!(steps.contains(&"resolve".to_owned()), "{steps:?}");
    // Both departments were told.
    assert_eq!(
        count(
            &pool,
            "select count(*) from notifications n join users u on u.id = n.user_id
             where n.kind = 'whistle' and u.phone in ('13900000101', '13900000102')"
        )
        .await,
        2
    );

    // They check in and post their part; the street rates both.
    for (cookie, code) in [(&p.city_management, CITY_MANAGEMENT), (&p.ecology, ECOLOGY)] {
        step(&app, cookie, &number, "check_in", &[]).await;
        step(
            &app,
            cookie,
            &number,
            "contribute",
            &[("note", "已到现场处置")],
        )
        .await;
        let scores = [
            ("summoned", code),
            ("arrived", "5"),
            ("cooperation", "4"),
            ("result", "5"),
        ];
        step(&app, &p.street, &number, "rate_summons", &scores).await;
    }
    let resolution = [
        ("closure", "resolved"),
        ("explanation", "空调外机已加装减震垫"),
    ];
    step(&app, &p.street, &number, "resolve", &resolution).await;

    // Nobody rates it: not a resident, not the staff member who recorded it.
    for cookie in [&p.resident, &p.street] {
        let rating = [
            ("number", number.as_str()),
            ("outcome", "resolved"),
            ("satisfaction", "5"),
        ];
        let (status, _, body) =
            post_multipart(&app, "/api/requests/rate", Some(cookie), &rating, &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    }
    assert_eq!(count(&pool, "select count(*) from ratings").await, 0);
    // Only the street office confirms it: not the community, a department or the hotline.
    for cookie in [&p.community, &p.city_management, &p.dispatcher, &p.resident] {
        let (status, body) = try_step(&app, Some(cookie), &number, "confirm", &[]).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    }
    // Not fixed after all: back to work at the same unit, then resolved again and confirmed.
    let (status, body) = try_step(&app, Some(&p.street), &number, "send_back", &[]).await;
    assert_eq!(
        error(&body),
        AppError::from(app::handling::HandlingRefusal::ReasonRequired),
        "{status}"
    );
    step(
        &app,
        &p.street,
        &number,
        "send_back",
        &[("reason", "夜里复查仍有噪音")],
    )
    .await;
    assert_eq!(
        view(&app, Some(&p.street), &number).await.status,
        Status::InProgress
    );
    step(&app, &p.street, &number, "resolve", &resolution).await;
    step(
        &app,
        &p.street,
        &number,
        "confirm",
        &[("note", "夜间复查，已无噪音")],
    )
    .await;
    let closed = view(&app, None, &number).await;
    assert_eq!(closed.status, Status::Closed);
    let kinds: Vec<String> = closed
        .detail
        .clone()
        .expect("public")
        .events
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert!(kinds.contains(&"sent_back".to_owned()), "{kinds:?}");
    assert!(kinds.contains(&"confirmed".to_owned()), "{kinds:?}");
    // The worker never closes it unrated: it waited for the street.
    assert_eq!(
        count(
            &pool,
            "select count(*) from request_events where kind = 'closed_unrated'"
        )
        .await,
        0
    );

    // Counted apart from the three rates: found and settled by the street office, on time.
    folded_and_clean(&pool).await;
    assert_eq!(unit_count(&pool, STREET_OFFICE, "found").await, 1);
    assert_eq!(unit_count(&pool, STREET_OFFICE, "settled").await, 1);
    assert_eq!(unit_count(&pool, STREET_OFFICE, "settled_on_time").await, 1);
    assert_eq!(unit_count(&pool, STREET_OFFICE, "whistles").await, 2);
    for column in ["filed", "dispatched", "rated", "unrated", "respond_overdue"] {
        assert_eq!(city_count(&pool, column).await, 0, "{column}");
    }
    assert_eq!(city_count(&pool, "found").await, 1);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_case_from_a_hot_spot_answers_its_requests_and_tells_their_residents(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    let first = file_noise(&app, &p.resident, "5f0d0c1e-0000-4000-8000-000000000011").await;
    let second = file_noise(&app, &p.resident, "5f0d0c1e-0000-4000-8000-000000000012").await;
    // Two open requests of one category in one community: a hot spot (threshold 2 here),
    // which the street office may open a case on.
    let spots = hot_spots(&app, &p.street).await;
    assert_eq!(spots.len(), 1);
    assert_eq!((spots[0].open, spots[0].case_number.as_deref()), (2, None));
    let before = count(&pool, "select count(*) from requests").await;
    let fields = [("source", "hot_spot"), ("summon", ECOLOGY)];
    let case = record(
        &app,
        &p.street,
        "5f0d0c1e-0000-4000-8000-000000000013",
        &fields,
    )
    .await;
    assert_eq!(
        count(&pool, "select count(*) from requests").await,
        before + 1
    );

    let page = view(&app, Some(&p.street), &case).await;
    let found = page
        .detail
        .clone()
        .and_then(|d| d.found)
        .expect("a found case");
    assert_eq!(found.source, Source::HotSpot);
    assert_eq!(found.linked, [first.clone(), second.clone()]);
    assert_eq!(page.summons.len(), 1);
    for number in [&first, &second] {
        let theirs = view(&app, Some(&p.resident), number).await;
        let told = theirs
            .detail
            .clone()
            .expect("theirs")
            .events
            .into_iter()
            .find(|e| e.kind == "case_opened")
            .expect("told on the timeline");
        assert_eq!(told.note, case);
        assert!(told.is_public);
    }
    assert_eq!(
        count(
            &pool,
            "select count(*) from notifications n join users u on u.id = n.user_id
             where n.kind = 'case_opened' and u.phone = '13800000001'"
        )
        .await,
        2
    );
    // The hot spot now points to its case (a found case does not count in a hot spot: only
    // residents' requests do), and offers no second one.
    let spots = hot_spots(&app, &p.street).await;
    assert_eq!(spots.len(), 1);
    assert_eq!(
        (spots[0].open, spots[0].case_number.as_deref()),
        (2, Some(case.as_str()))
    );
    folded_and_clean(&pool).await;
    assert_eq!(city_count(&pool, "filed").await, 2);
    assert_eq!(city_count(&pool, "found").await, 1);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn only_street_and_community_staff_record_cases_in_their_own_area(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    let refused = |body: &str| error(body);
    let key = |n: u32| format!("5f0d0c1e-0000-4000-8000-{n:012}");
    // A resident, the hotline and a department do not record found cases.
    for (n, cookie) in [
        (1, &p.resident),
        (2, &p.dispatcher),
        (3, &p.city_management),
    ] {
        let (status, body, _) = try_record(&app, cookie, &key(n), &[]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(
            refused(&body),
            AppError::from(RequestRefusal::SourceNotFinder)
        );
    }
    // A community's committee records in its own community only; a street office in its
    // street's.
    let cases = [
        (4, &p.community, NEIGHBOUR),
        (5, &p.street, ELSEWHERE),
        (6, &p.community, ELSEWHERE),
    ];
    for (n, cookie, community) in cases {
        let (status, body, _) =
            try_record(&app, cookie, &key(n), &[("community", community)]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(
            refused(&body),
            AppError::from(RequestRefusal::CommunityNotOurs)
        );
    }
    // An unknown unit to summon, or one's own: refused, and nothing is written.
    let before = count(&pool, "select count(*) from requests").await;
    for (n, unit, why) in [
        (7, "no_such_unit", RequestRefusal::SummonUnknown),
        (8, COMMITTEE, RequestRefusal::SummonOwn),
    ] {
        let (status, body, _) = try_record(&app, &p.community, &key(n), &[("summon", unit)]).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(refused(&body), AppError::from(why));
    }
    let (_, body, _) = try_record(&app, &p.community, &key(9), &[("source", "resident")]).await;
    assert_eq!(
        refused(&body),
        AppError::from(RequestRefusal::SourceUnknown)
    );
    assert_eq!(count(&pool, "select count(*) from requests").await, before);

    // What each may record with: the form's setup.
    let setup_of = async |cookie: &str| {
        let (status, _, body) =
            post(&app, "/api/requests/finder", String::new(), Some(cookie)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_str::<Option<app::requests::FinderSetup>>(&body).expect("a setup")
    };
    let community = setup_of(&p.community).await.expect("the committee records");
    assert_eq!(community.area_code, "110108025014");
    assert!(!community.units.iter().any(|u| u.code == COMMITTEE));
    assert_eq!(
        setup_of(&p.street).await.map(|s| s.area_code).as_deref(),
        Some("110108025")
    );
    assert_eq!(setup_of(&p.city_management).await, None);
    assert_eq!(setup_of(&p.resident).await, None);

    // The committee's own case: it holds it, and its street office confirms it.
    let number = record(&app, &p.community, &key(10), &[]).await;
    let page = view(&app, Some(&p.community), &number).await;
    assert_eq!(page.status, Status::InProgress);
    let resolution = [("closure", "resolved"), ("explanation", "已协调住户调整")];
    step(&app, &p.community, &number, "resolve", &resolution).await;
    let (status, _) = try_step(&app, Some(&p.community), &number, "confirm", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let offered = view(&app, Some(&p.street), &number)
        .await
        .staff
        .expect("a panel");
    assert_eq!(offered.steps, ["confirm", "send_back"]);
    step(&app, &p.street, &number, "confirm", &[]).await;
    folded_and_clean(&pool).await;
    assert_eq!(unit_count(&pool, COMMITTEE, "found").await, 1);
    assert_eq!(unit_count(&pool, COMMITTEE, "settled").await, 1);
    assert_eq!(unit_count(&pool, STREET_OFFICE, "found").await, 0);
}
