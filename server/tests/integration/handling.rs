//! Staff handling requests through the real router and database: the whole way from filing to
//! resolution with a whistle, who may take which step (the whole matrix), races and refusals.

use crate::common;

use app::error::AppError;
use app::handling::{QueueItem, QueuePage};
use app::request_page::RequestPageView;
use app::requests::Status;
use app::ssr::Settings;
use axum::http::{header, StatusCode};
use axum::Router;
use common::{
    account, app, count, error, file_noise as file, post, post_multipart, signed_in, try_step, view,
};
use sqlx::PgPool;

const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");
const DISPATCHER: (&str, &str) = ("13800000002", "jiesu-dispatcher");
/// The demo handler's unit: 曙光街道办事处, the office of the demo resident's street.
const HANDLER: (&str, &str) = ("13800000003", "jiesu-handler");
const UNIT: &str = "street:110108025";
const OTHER_UNIT: &str = "city_management";
/// The committee of 上河村社区, the demo resident's community, in 曙光街道.
const COMMITTEE: &str = "community:110108025014";

/// A small PNG: a photo of the result.
fn evidence_photo() -> Vec<u8> {
    let mut png = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        32,
        24,
        image::Rgb([40, 160, 90]),
    ))
    .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
    .expect("png");
    png
}

async fn queue(app: &Router, cookie: &str) -> Vec<QueueItem> {
    queue_page(app, cookie, 0).await.items
}

async fn queue_page(app: &Router, cookie: &str, page: u32) -> QueuePage {
    let (status, _, body) = post(
        app,
        "/api/staff/queue",
        format!("page={page}"),
        Some(cookie),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("a queue")
}

fn kinds(view: &RequestPageView) -> Vec<String> {
    view.detail
        .as_ref()
        .expect("detail")
        .events
        .iter()
        .map(|e| e.kind.clone())
        .collect()
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_request_goes_from_filing_through_a_whistle_to_resolution(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let number = file(&app, &resident, "0f8fad5b-d9cb-469f-a165-70867728950e").await;
    let dispatcher = signed_in(&app, DISPATCHER.0, DISPATCHER.1).await;
    let handler = signed_in(&app, HANDLER.0, HANDLER.1).await;
    let summoned = account(&app, &pool, "13900000010", "handler", Some(OTHER_UNIT)).await;

    let intake = queue(&app, &dispatcher).await;
    assert_eq!(intake.len(), 1);
    assert_eq!(intake[0].tracking_number, number);
    assert_eq!(
        intake[0].unit.as_ref().map(|u| u.zh.as_str()),
        Some("曙光街道办事处")
    );
    assert!(!intake[0].has_rule, "proposed by place: the street office");
    let offered = view(&app, Some(&dispatcher), &number)
        .await
        .staff
        .expect("a panel");
    assert_eq!(offered.steps, ["dispatch", "answer", "reclassify", "merge"]);
    assert_eq!(offered.proposed_unit.as_deref(), Some(UNIT));

    let ok = |r: (StatusCode, String)| assert_eq!(r.0, StatusCode::OK, "{}", r.1);
    ok(try_step(
        &app,
        Some(&dispatcher),
        &number,
        "dispatch",
        &[("unit", UNIT)],
    )
    .await);
    assert!(
        queue(&app, &dispatcher).await.is_empty(),
        "out of the intake queue"
    );
    let ours = queue(&app, &handler).await;
    assert_eq!(ours.len(), 1);
    assert_eq!(ours[0].status, Status::Dispatched);

    ok(try_step(&app, Some(&handler), &number, "accept", &[]).await);
    ok(try_step(
        &app,
        Some(&handler),
        &number,
        "respond",
        &[("note", "已电话联系马大姐，今晚去现场")],
    )
    .await);
    ok(try_step(
        &app,
        Some(&handler),
        &number,
        "whistle",
        &[("units", OTHER_UNIT), ("reason", "排风扇噪音需城管执法")],
    )
    .await);
    let theirs = queue(&app, &summoned).await;
    assert_eq!(
        theirs.len(),
        1,
        "the summons tops the summoned unit's queue"
    );
    assert!(theirs[0].check_in_by.is_some());
    let (status, body) = try_step(
        &app,
        Some(&summoned),
        &number,
        "contribute",
        &[("note", "x")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "check in first: {body}");
    ok(try_step(&app, Some(&summoned), &number, "check_in", &[]).await);
    let (_, body) = try_step(&app, Some(&summoned), &number, "check_in", &[]).await;
    assert_eq!(error(&body), AppError::Forbidden, "once");
    ok(try_step(
        &app,
        Some(&summoned),
        &number,
        "contribute",
        &[("note", "已责令饭馆更换静音风机")],
    )
    .await);
    ok(try_step(
        &app,
        Some(&handler),
        &number,
        "progress",
        &[("note", "内部：等城管复查")],
    )
    .await);
    // Resolved with a photo of the result as evidence.
    let (status, _, body) = post_multipart(
        &app,
        "/api/requests/handle",
        Some(&handler),
        &[
            ("number", &number),
            ("step", "resolve"),
            ("closure", "resolved"),
            ("explanation", "风机已更换，夜间噪音复测达标"),
        ],
        &[("photos", "after.png", &evidence_photo())],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let seen = view(&app, Some(&resident), &number).await;
    assert_eq!(seen.status, Status::Resolved);
    let detail = seen.detail.as_ref().expect("detail");
    assert!(detail.photos.is_empty(), "the filing had no photos");
    let evidence = &detail.events.last().expect("events").photos;
    assert_eq!(evidence.len(), 1, "the photo is the resolution's");
    let (status, _, _) = common::send(
        &app,
        axum::http::Request::get(format!("/photos/{}", evidence[0]))
            .header(header::COOKIE, &resident)
            .body(axum::body::Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        kinds(&seen),
        [
            "filed",
            "dispatched",
            "accepted",
            "responded",
            "whistle",
            "checked_in",
            "contribution",
            "resolved"
        ],
        "the internal progress note is not the resident's to see"
    );
    let detail = seen.request.detail.expect("detail");
    assert_eq!(detail.unit.map(|u| u.zh), Some("曙光街道办事处".into()));
    assert_eq!(seen.summons.len(), 1);
    assert!(seen.summons[0].checked_in_at.is_some());
    assert_eq!(
        detail.closure_code,
        Some(app::requests::ClosureCode::Resolved)
    );
    let contribution = detail
        .events
        .iter()
        .find(|e| e.kind == "contribution")
        .expect("contribution");
    assert_eq!(
        contribution.unit.as_ref().map(|u| u.en.as_str()),
        Some("Beijing Municipal Commission of City Management")
    );
    assert_eq!(
        count(&pool, "select count(*) from notifications n join users u on u.id = n.user_id where u.phone = '13800000001'").await,
        4,
        "the resident heard of the dispatch, acceptance, answer and resolution"
    );
    let stamps: (bool, bool, bool) = sqlx::query_as(
        "select dispatched_at is not null, responded_at is not null, resolved_at is not null from requests",
    )
    .fetch_one(&pool)
    .await
    .expect("stamps");
    assert_eq!(stamps, (true, true, true));
}

/// A step, the steps that bring a fresh request to where it applies, the step's fields, and
/// the one caller allowed to take it.
type Case<'a> = (&'a str, &'a [&'a str], Vec<(&'a str, &'a str)>, &'a str);

/// The signed-in cookie of each kind of caller (None: signed out), by name.
async fn callers(app: &Router, pool: &PgPool) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("signed_out", None),
        (
            "resident",
            Some(signed_in(app, RESIDENT.0, RESIDENT.1).await),
        ),
        (
            "dispatcher",
            Some(signed_in(app, DISPATCHER.0, DISPATCHER.1).await),
        ),
        ("handler", Some(signed_in(app, HANDLER.0, HANDLER.1).await)),
        (
            "other_handler",
            Some(
                account(
                    app,
                    pool,
                    "13900000011",
                    "handler",
                    Some("street:110101001"),
                )
                .await,
            ),
        ),
        (
            "summoned_handler",
            Some(account(app, pool, "13900000012", "handler", Some(OTHER_UNIT)).await),
        ),
        (
            "area_staff",
            Some(signed_in(app, "13800000004", "jiesu-staff").await),
        ),
        (
            "street_staff",
            Some(account(app, pool, "13900000013", "area_staff", None).await),
        ),
        (
            "community",
            Some(signed_in(app, "13800000006", "jiesu-community").await),
        ),
        (
            "admin",
            Some(signed_in(app, "13800000005", "jiesu-admin").await),
        ),
    ]
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn every_step_checks_who_calls_deny_by_default(pool: PgPool) {
    let settings = Settings {
        filings_per_hour: 1000,
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    let callers = callers(&app, &pool).await;
    let cookie = |name: &str| {
        callers
            .iter()
            .find(|(n, _)| *n == name)
            .and_then(|(_, c)| c.clone())
    };
    let resident = cookie("resident").expect("resident");
    // Each step, the steps that bring a fresh request to where it applies, its fields, and
    // the one caller allowed to take it.
    let other_request = file(&app, &resident, "11111111-1111-4111-8111-111111111111").await;
    let into = other_request.as_str();
    let cases: [Case; 14] = [
        ("dispatch", &[], vec![("unit", UNIT)], "dispatcher"),
        (
            "reclassify",
            &[],
            vec![("category", "environment.sanitation")],
            "dispatcher",
        ),
        ("merge", &[], vec![("into", into)], "dispatcher"),
        ("accept", &["dispatch"], vec![], "handler"),
        (
            "return",
            &["dispatch"],
            vec![("reason", "不属于本街道")],
            "handler",
        ),
        (
            "respond",
            &["dispatch", "accept"],
            vec![("note", "已联系")],
            "handler",
        ),
        (
            "progress",
            &["dispatch", "accept", "respond"],
            vec![("note", "在办")],
            "handler",
        ),
        (
            "resolve",
            &["dispatch", "accept", "respond"],
            vec![("closure", "resolved"), ("explanation", "已解决")],
            "handler",
        ),
        (
            "whistle",
            &["dispatch", "accept"],
            vec![("units", OTHER_UNIT), ("reason", "需要配合")],
            "handler",
        ),
        (
            "check_in",
            &["dispatch", "accept", "whistle"],
            vec![],
            "summoned_handler",
        ),
        (
            "contribute",
            &["dispatch", "accept", "whistle", "check_in"],
            vec![("note", "已配合")],
            "summoned_handler",
        ),
        (
            "rate_summons",
            &["dispatch", "accept", "whistle", "check_in", "contribute"],
            vec![
                ("summoned", OTHER_UNIT),
                ("arrived", "5"),
                ("cooperation", "4"),
                ("result", "4"),
            ],
            "handler",
        ),
        (
            "pass_down",
            &["dispatch", "accept"],
            vec![("community", COMMITTEE)],
            "handler",
        ),
        (
            "pass_up",
            &["dispatch", "accept", "pass_down"],
            vec![("reason", "社区办不了")],
            "community",
        ),
    ];
    let setup_fields = |s: &str| -> Vec<(&str, &str)> {
        match s {
            "dispatch" => vec![("unit", UNIT)],
            "respond" => vec![("note", "已联系")],
            "whistle" => vec![("units", OTHER_UNIT), ("reason", "需要配合")],
            "pass_down" => vec![("community", COMMITTEE)],
            "contribute" => vec![("note", "已配合")],
            _ => vec![],
        }
    };
    let setup_by = |s: &str| match s {
        "dispatch" => "dispatcher",
        "check_in" | "contribute" => "summoned_handler",
        _ => "handler",
    };
    let mut key = 0x2000_0000_u32;
    for (name, setup, fields, allowed) in &cases {
        for (caller, caller_cookie) in &callers {
            key += 1;
            let number = file(
                &app,
                &resident,
                &format!("{key:08x}-1111-4111-8111-111111111111"),
            )
            .await;
            for s in *setup {
                let by = cookie(setup_by(s));
                let (status, body) =
                    try_step(&app, by.as_deref(), &number, s, &setup_fields(s)).await;
                assert_eq!(status, StatusCode::OK, "setting up {name}: {s}: {body}");
            }
            let events = count(&pool, "select count(*) from request_events").await;
            let (status, body) =
                try_step(&app, caller_cookie.as_deref(), &number, name, fields).await;
            let expected = match (*caller, caller == allowed) {
                ("signed_out", _) => StatusCode::UNAUTHORIZED,
                (_, true) => StatusCode::OK,
                _ => StatusCode::FORBIDDEN,
            };
            assert_eq!(status, expected, "{name} by {caller}: {body}");
            let written = count(&pool, "select count(*) from request_events").await - events;
            assert_eq!(
                written,
                i64::from(status == StatusCode::OK),
                "{name} by {caller}"
            );
        }
    }
    // The queue: dispatchers, handlers and a community's staff only.
    for (caller, caller_cookie) in &callers {
        let (status, _, _) = post(
            &app,
            "/api/staff/queue",
            String::new(),
            caller_cookie.as_deref(),
        )
        .await;
        let expected = match *caller {
            "signed_out" => StatusCode::UNAUTHORIZED,
            "dispatcher" | "handler" | "other_handler" | "summoned_handler" | "area_staff"
            | "community" => StatusCode::OK,
            _ => StatusCode::FORBIDDEN,
        };
        assert_eq!(status, expected, "queue by {caller}");
    }
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_street_rates_a_summoned_units_part_once_after_it_was_posted(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let number = file(&app, &resident, "0f8fad5b-d9cb-469f-a165-70867728950e").await;
    let dispatcher = signed_in(&app, DISPATCHER.0, DISPATCHER.1).await;
    let handler = signed_in(&app, HANDLER.0, HANDLER.1).await;
    let summoned = account(&app, &pool, "13900000030", "handler", Some(OTHER_UNIT)).await;
    let step = |cookie: &str, name: &'static str, fields: Vec<(&'static str, &'static str)>| {
        let (app, number, cookie) = (app.clone(), number.clone(), cookie.to_owned());
        async move { try_step(&app, Some(&cookie), &number, name, &fields).await }
    };
    let ok = |r: (StatusCode, String)| assert_eq!(r.0, StatusCode::OK, "{}", r.1);
    ok(step(&dispatcher, "dispatch", vec![("unit", UNIT)]).await);
    ok(step(&handler, "accept", vec![]).await);
    let whistle = vec![("units", OTHER_UNIT), ("reason", "需要城管执法")];
    ok(step(&handler, "whistle", whistle).await);
    ok(step(&summoned, "check_in", vec![]).await);
    let rating = vec![
        ("summoned", OTHER_UNIT),
        ("arrived", "5"),
        ("cooperation", "4"),
        ("result", "3"),
        ("comment", "到场及时，执法后仍有噪音"),
    ];
    // Not before the unit has posted its part: the form is not even offered.
    let panel = view(&app, Some(&handler), &number)
        .await
        .staff
        .expect("a panel");
    assert!(
        !panel.steps.iter().any(|s| s == "rate_summons"),
        "{:?}",
        panel.steps
    );
    let (_, body) = step(&handler, "rate_summons", rating.clone()).await;
    assert_eq!(
        error(&body),
        AppError::from(app::handling::HandlingRefusal::SummonedNotContributed)
    );
    ok(step(&summoned, "contribute", vec![("note", "已责令更换风机")]).await);
    let panel = view(&app, Some(&handler), &number)
        .await
        .staff
        .expect("a panel");
    assert_eq!(
        panel
            .to_rate
            .iter()
            .map(|u| u.code.as_str())
            .collect::<Vec<_>>(),
        [OTHER_UNIT]
    );
    // The summoned unit does not rate itself; nobody rates a unit their unit did not summon.
    let (status, _) = step(&summoned, "rate_summons", rating.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let mut other = rating.clone();
    other[0] = ("summoned", "waterworks");
    let (_, body) = step(&handler, "rate_summons", other).await;
    assert_eq!(
        error(&body),
        AppError::from(app::handling::HandlingRefusal::SummonedUnknown)
    );
    ok(step(&handler, "rate_summons", rating.clone()).await);
    let events = count(&pool, "select count(*) from request_events").await;
    let (_, body) = step(&handler, "rate_summons", rating).await;
    assert_eq!(
        error(&body),
        AppError::from(app::handling::HandlingRefusal::SummonedRatedAlready),
        "once per summons"
    );
    assert_eq!(
        count(&pool, "select count(*) from request_events").await,
        events
    );

    // The summoned unit sees its rating and the comment; the public the scores only.
    let theirs = view(&app, Some(&summoned), &number).await;
    let rated = theirs.summons[0].rating.clone().expect("rated");
    assert_eq!((rated.arrived, rated.cooperation, rated.result), (5, 4, 3));
    assert_eq!(rated.comment, "到场及时，执法后仍有噪音");
    let public = view(&app, None, &number).await;
    assert_eq!(
        public.summons[0]
            .rating
            .as_ref()
            .map(|r| r.comment.as_str()),
        Some("")
    );
    assert_eq!(
        count(&pool, "select count(*) from notifications n join users u on u.id = n.user_id where u.phone = '13900000030' and n.kind = 'summons_rated'").await,
        1,
        "the rated unit hears of it"
    );
    // The department ranking shows it, with the formula.
    let (status, _, body) = post(
        &app,
        "/api/measures/dashboard",
        "scope=city&code=&month=".to_owned(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let dashboard: app::measures::Dashboard = serde_json::from_str(&body).expect("a dashboard");
    let line = dashboard
        .units
        .iter()
        .find(|l| l.code == OTHER_UNIT)
        .expect("the department ranks");
    let score = line.summons.expect("its rating");
    assert_eq!(score.ratings, 1);
    assert!((score.mean - 4.0).abs() < 1e-9, "{}", score.mean);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn two_dispatchers_at_once_dispatch_once(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let number = file(&app, &resident, "0f8fad5b-d9cb-469f-a165-70867728950e").await;
    let first = signed_in(&app, DISPATCHER.0, DISPATCHER.1).await;
    let second = account(&app, &pool, "13900000020", "dispatcher", None).await;
    let (a, b) = tokio::join!(
        try_step(&app, Some(&first), &number, "dispatch", &[("unit", UNIT)]),
        try_step(
            &app,
            Some(&second),
            &number,
            "dispatch",
            &[("unit", OTHER_UNIT)]
        ),
    );
    let mut statuses = [a.0, b.0];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::UNPROCESSABLE_ENTITY]);
    let refused = if a.0 == StatusCode::OK { b.1 } else { a.1 };
    assert_eq!(
        error(&refused),
        AppError::from(app::requests::RequestRefusal::StatusNotAllowed)
    );
    assert_eq!(
        count(
            &pool,
            "select count(*) from request_events where kind = 'dispatched'"
        )
        .await,
        1
    );
}

/// A refused step: (who, request, step, fields, refusal).
type Refused<'a> = (&'a str, &'a str, &'a str, Vec<(&'a str, &'a str)>, AppError);

/// Takes each step and checks it is refused as expected.
async fn refuse_all(app: &Router, cases: Vec<Refused<'_>>) {
    for (cookie, number, name, fields, expected) in cases {
        let (_, body) = try_step(app, Some(cookie), number, name, &fields).await;
        assert_eq!(error(&body), expected, "{name} {fields:?}");
    }
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn bad_steps_are_refused_and_nothing_changes(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let number = file(&app, &resident, "0f8fad5b-d9cb-469f-a165-70867728950e").await;
    let dispatcher = signed_in(&app, DISPATCHER.0, DISPATCHER.1).await;
    let handler = signed_in(&app, HANDLER.0, HANDLER.1).await;
    let before = count(&pool, "select count(*) from request_events").await;
    let d = dispatcher.as_str();
    let h = handler.as_str();
    refuse_all(
        &app,
        vec![
            // A handler cannot accept what is not dispatched to it (403 before the state).
            (h, &number, "accept", vec![], AppError::Forbidden),
            (
                d,
                &number,
                "dispatch",
                vec![("unit", "nowhere")],
                AppError::from(app::handling::HandlingRefusal::UnitUnknown),
            ),
            (
                d,
                &number,
                "reclassify",
                vec![("category", "environment")],
                AppError::from(app::requests::RequestRefusal::CategoryNotALeaf),
            ),
            (
                d,
                &number,
                "merge",
                vec![("into", &number)],
                AppError::from(app::handling::HandlingRefusal::IntoSame),
            ),
            (
                d,
                &number,
                "merge",
                vec![("into", "20000101-000001")],
                AppError::from(app::handling::HandlingRefusal::IntoUnknown),
            ),
            (
                d,
                &number,
                "launch",
                vec![],
                AppError::from(app::handling::HandlingRefusal::StepUnknown),
            ),
            (
                d,
                "20000101-000001",
                "dispatch",
                vec![("unit", UNIT)],
                AppError::NotFound,
            ),
        ],
    )
    .await;
    assert_eq!(
        count(&pool, "select count(*) from request_events").await,
        before
    );

    try_step(&app, Some(d), &number, "dispatch", &[("unit", UNIT)]).await;
    try_step(&app, Some(h), &number, "accept", &[]).await;
    // Answer the resident before resolving.
    refuse_all(
        &app,
        vec![(
            h,
            &number,
            "resolve",
            vec![("closure", "resolved"), ("explanation", "好了")],
            AppError::from(app::requests::RequestRefusal::StatusNotAllowed),
        )],
    )
    .await;
    try_step(&app, Some(h), &number, "respond", &[("note", "已联系")]).await;
    let stranger = account(&app, &pool, "13900000030", "handler", Some("waterworks")).await;
    refuse_all(
        &app,
        vec![
            (
                h,
                &number,
                "resolve",
                vec![("closure", "resolved"), ("explanation", "  ")],
                AppError::from(app::handling::HandlingRefusal::ExplanationRequired),
            ),
            (
                h,
                &number,
                "whistle",
                vec![("units", UNIT), ("reason", "x")],
                AppError::from(app::handling::HandlingRefusal::UnitsOwn),
            ),
            (
                h,
                &number,
                "whistle",
                vec![("units", OTHER_UNIT), ("units", "nowhere"), ("reason", "x")],
                AppError::from(app::handling::HandlingRefusal::UnitsUnknown),
            ),
            // A unit that was not summoned cannot check in.
            (&stranger, &number, "check_in", vec![], AppError::Forbidden),
        ],
    )
    .await;
    assert_eq!(
        count(&pool, "select count(*) from summons").await,
        0,
        "a refused whistle summons nobody, not even the known unit"
    );
    assert_eq!(
        kinds(&view(&app, Some(&resident), &number).await),
        ["filed", "dispatched", "accepted", "responded"]
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn returns_reclassification_urgency_and_merges_do_what_they_say(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let number = file(&app, &resident, "0f8fad5b-d9cb-469f-a165-70867728950e").await;
    let duplicate = file(&app, &resident, "11111111-1111-4111-8111-111111111111").await;
    let dispatcher = signed_in(&app, DISPATCHER.0, DISPATCHER.1).await;
    let handler = signed_in(&app, HANDLER.0, HANDLER.1).await;
    let hours = |v: &RequestPageView| {
        let d = v.detail.as_ref().expect("detail");
        (
            (d.respond_by - v.created_at) / 3600,
            (d.resolve_by - v.created_at) / 3600,
        )
    };

    // Urgent: the category's urgent hours (noise: 2 h / 24 h), counted from filing.
    try_step(
        &app,
        Some(&dispatcher),
        &number,
        "dispatch",
        &[("unit", UNIT), ("urgent", "on")],
    )
    .await;
    assert_eq!(
        hours(&view(&app, Some(&dispatcher), &number).await),
        (2, 24)
    );
    // Returned: back in the intake queue, with no unit, counted against the unit.
    let (status, body) = try_step(
        &app,
        Some(&handler),
        &number,
        "return",
        &[("reason", "应由物业处理")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let back = view(&app, Some(&dispatcher), &number).await;
    assert_eq!(back.status, Status::Submitted);
    let intake = queue(&app, &dispatcher).await;
    let returned = intake
        .iter()
        .find(|i| i.tracking_number == number)
        .expect("in intake");
    assert_eq!(returned.returns, 1);
    assert_eq!(
        count(&pool, "select count(*) from request_events e join units u on u.id = e.unit_id where e.kind = 'returned' and u.code = 'street:110108025'").await,
        1
    );
    // The resident does not see the internal reason.
    let theirs = view(&app, Some(&resident), &number).await;
    assert!(!kinds(&theirs).contains(&"returned".to_owned()));
    // Re-classified: the new category's hours, still urgent (heating: 2 h / 24 h).
    try_step(
        &app,
        Some(&dispatcher),
        &number,
        "reclassify",
        &[("category", "housing.heating")],
    )
    .await;
    assert_eq!(
        hours(&view(&app, Some(&dispatcher), &number).await),
        (2, 24),
        "heating, urgent"
    );
    // Merged: the seconds move over; the resident is pointed to the kept request.
    let neighbour = account(&app, &pool, "13900000040", "resident", None).await;
    let (status, _, body) = post(
        &app,
        "/api/requests/second",
        format!("number={duplicate}"),
        Some(&neighbour),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = try_step(
        &app,
        Some(&dispatcher),
        &duplicate,
        "merge",
        &[("into", &number)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let merged = view(&app, Some(&resident), &duplicate).await;
    assert_eq!(merged.status, Status::Merged);
    assert_eq!(merged.merged_into.as_deref(), Some(number.as_str()));
    let kept = view(&app, None, &number).await;
    assert_eq!(kept.request.detail.expect("public").seconds, 1);
    assert_eq!(
        count(&pool, "select count(*) from notifications n join users u on u.id = n.user_id where u.phone = '13800000001' and n.kind = 'merged'").await,
        1
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_worker_marks_each_missed_deadline_once_even_when_two_run(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let late = file(&app, &resident, "0f8fad5b-d9cb-469f-a165-70867728950e").await;
    let on_time = file(&app, &resident, "11111111-1111-4111-8111-111111111111").await;
    let dispatcher = signed_in(&app, DISPATCHER.0, DISPATCHER.1).await;
    let handler = signed_in(&app, HANDLER.0, HANDLER.1).await;
    try_step(
        &app,
        Some(&dispatcher),
        &late,
        "dispatch",
        &[("unit", UNIT)],
    )
    .await;
    try_step(&app, Some(&handler), &late, "accept", &[]).await;
    try_step(
        &app,
        Some(&handler),
        &late,
        "whistle",
        &[("units", OTHER_UNIT), ("reason", "需要配合")],
    )
    .await;
    sqlx::query(
        "update requests set respond_by = now() - interval '1 hour', resolve_by = now() - interval '1 minute'
         where tracking_number = $1",
    )
    .bind(&late)
    .execute(&pool)
    .await
    .expect("past deadlines");
    sqlx::query("update summons set check_in_by = now() - interval '1 minute'")
        .execute(&pool)
        .await
        .expect("past check-in");

    let (a, b) = tokio::join!(server::worker::pass(&pool), server::worker::pass(&pool));
    // A row one pass holds, the other skips (SKIP LOCKED); when both skip one, the next pass
    // marks it. Never twice: three in all, and the timeline below holds each once.
    let mut marked = a.expect("pass") + b.expect("pass");
    for _ in 0..3 {
        marked += server::worker::pass(&pool).await.expect("pass");
    }
    assert_eq!(marked, 3, "respond, resolve, check-in: once each");
    let seen = view(&app, Some(&resident), &late).await;
    let mut overdue: Vec<String> = kinds(&seen)
        .into_iter()
        .filter(|k| k.ends_with("_overdue"))
        .collect();
    overdue.sort();
    assert_eq!(
        overdue,
        ["check_in_overdue", "resolve_overdue", "respond_overdue"]
    );
    assert!(kinds(&view(&app, Some(&resident), &on_time).await)
        .iter()
        .all(|k| !k.ends_with("_overdue")));
    assert!(seen.summons[0].is_late(chrono::Utc::now().timestamp()));
    // The unit and the dispatcher heard of both request deadlines.
    assert_eq!(
        count(&pool, "select count(*) from notifications where kind in ('respond_overdue', 'resolve_overdue') and user_id in (select id from users where phone in ('13800000002', '13800000003'))").await,
        4
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_hotline_files_for_a_caller_and_nobody_else_may(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let dispatcher = signed_in(&app, DISPATCHER.0, DISPATCHER.1).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let handler = signed_in(&app, HANDLER.0, HANDLER.1).await;
    let form = |key: &'static str, phone: &'static str| {
        vec![
            ("idempotency_key", key),
            ("community", "110108025014"),
            ("kind", "complaint"),
            ("category", "environment.noise"),
            ("description", "来电反映楼下饭馆夜里排风扇噪音很大"),
            ("public", "on"),
            ("not_duplicate", "on"),
            ("caller_phone", phone),
            ("caller_name", "王女士"),
        ]
    };
    let key = "7d0b7a52-0000-4000-8000-000000000001";
    let (status, headers, body) = post_multipart(
        &app,
        "/api/requests/file",
        Some(&dispatcher),
        &form(key, "139 0000 0055"),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let location = headers[header::LOCATION]
        .to_str()
        .expect("ascii")
        .to_owned();
    let number = location
        .trim_start_matches("/requests/")
        .trim_end_matches("?filed=1")
        .to_owned();
    // The request is the caller's (a record nobody signs in with yet); the dispatcher filed it.
    let (caller_phone, has_password, filer): (String, bool, String) = sqlx::query_as(
        "select c.phone, c.password_hash is not null, f.phone
         from requests r join users c on c.id = r.resident_id
         join request_events e on e.request_id = r.id and e.kind = 'filed'
         join users f on f.id = e.actor_id
         where r.tracking_number = $1",
    )
    .bind(&number)
    .fetch_one(&pool)
    .await
    .expect("filed");
    assert_eq!(
        (caller_phone.as_str(), has_password, filer.as_str()),
        ("13900000055", false, DISPATCHER.0)
    );
    // The dispatcher goes on to dispatch it from its page.
    assert!(view(&app, Some(&dispatcher), &number)
        .await
        .staff
        .expect("staff panel")
        .steps
        .contains(&"dispatch".to_owned()));
    // The same form again files nothing new; the caller's next call finds the same record.
    let (status, headers, _) = post_multipart(
        &app,
        "/api/requests/file",
        Some(&dispatcher),
        &form(key, "13900000055"),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::LOCATION], location.as_str());
    let (status, _, body) = post_multipart(
        &app,
        "/api/requests/file",
        Some(&dispatcher),
        &form("7d0b7a52-0000-4000-8000-000000000002", "13900000055"),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        count(
            &pool,
            "select count(*) from users where phone = '13900000055'"
        )
        .await,
        1
    );
    assert_eq!(
        count(&pool, "select count(*) from requests r join users u on u.id = r.resident_id where u.phone = '13900000055'").await,
        2
    );

    // Refused: no caller, a staff member's number as the caller, a resident naming a caller,
    // a handler filing at all. Nothing is filed.
    let before = count(&pool, "select count(*) from requests").await;
    let refusals = [
        (
            dispatcher.as_str(),
            form("7d0b7a52-0000-4000-8000-000000000003", ""),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(AppError::from(
                app::requests::RequestRefusal::CallerPhoneRequired,
            )),
        ),
        (
            dispatcher.as_str(),
            form("7d0b7a52-0000-4000-8000-000000000004", HANDLER.0),
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(AppError::from(
                app::requests::RequestRefusal::CallerPhoneStaff,
            )),
        ),
        (
            resident.as_str(),
            form("7d0b7a52-0000-4000-8000-000000000005", "13900000056"),
            StatusCode::FORBIDDEN,
            None,
        ),
        (
            handler.as_str(),
            form("7d0b7a52-0000-4000-8000-000000000006", "13900000056"),
            StatusCode::FORBIDDEN,
            None,
        ),
    ];
    for (cookie, fields, expected, refusal) in &refusals {
        let (status, _, body) =
            post_multipart(&app, "/api/requests/file", Some(cookie), fields, &[]).await;
        assert_eq!(status, *expected, "{fields:?}: {body}");
        if let Some(refusal) = refusal {
            assert_eq!(&error(&body), refusal);
        }
    }
    assert_eq!(count(&pool, "select count(*) from requests").await, before);
    assert_eq!(
        count(
            &pool,
            "select count(*) from users where phone = '13900000056'"
        )
        .await,
        0
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_long_queue_comes_in_pages_oldest_first(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let first = file(&app, &resident, "0f8fad5b-d9cb-469f-a165-70867728950e").await;
    // 120 more like it, each filed a minute later than the one before.
    sqlx::query(
        "insert into requests (tracking_number, resident_id, kind, category_id, community_id,
                               street_id, district_id, address, description, is_public,
                               show_name, respond_by, resolve_by, idempotency_key, created_at)
         select '20990101-' || lpad(n::text, 6, '0'), resident_id, kind, category_id,
                community_id, street_id, district_id, address, description, is_public, show_name,
                respond_by, resolve_by, gen_random_uuid(), created_at + make_interval(mins => n)
         from requests, generate_series(1, 120) n",
    )
    .execute(&pool)
    .await
    .expect("more requests");
    let dispatcher = signed_in(&app, DISPATCHER.0, DISPATCHER.1).await;
    let one = queue_page(&app, &dispatcher, 0).await;
    let two = queue_page(&app, &dispatcher, 1).await;
    assert_eq!((one.items.len(), one.more), (100, true));
    assert_eq!((two.items.len(), two.more, two.page), (21, false, 1));
    assert_eq!(one.items[0].tracking_number, first, "oldest first");
    assert_eq!(two.items[20].tracking_number, "20990101-000120");
    let all: std::collections::BTreeSet<_> = one
        .items
        .iter()
        .chain(&two.items)
        .map(|i| i.tracking_number.clone())
        .collect();
    assert_eq!(all.len(), 121, "no request twice, none left out");
    assert!(queue_page(&app, &dispatcher, 2).await.items.is_empty());
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn hot_spots_reach_the_dispatcher_and_the_street_office_only(pool: PgPool) {
    let settings = Settings {
        hot_spot_threshold: 3,
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let dispatcher = signed_in(&app, DISPATCHER.0, DISPATCHER.1).await;
    let street_office = signed_in(&app, HANDLER.0, HANDLER.1).await;
    let department = account(&app, &pool, "13900000040", "handler", Some(OTHER_UNIT)).await;
    let other_street = account(
        &app,
        &pool,
        "13900000041",
        "handler",
        Some("street:110101001"),
    )
    .await;
    let keys = [
        "c0ffee00-0000-4000-8000-000000000001",
        "c0ffee00-0000-4000-8000-000000000002",
        "c0ffee00-0000-4000-8000-000000000003",
    ];
    file(&app, &resident, keys[0]).await;
    file(&app, &resident, keys[1]).await;
    assert!(
        queue_page(&app, &dispatcher, 0).await.hot_spots.is_empty(),
        "two are not yet"
    );
    file(&app, &resident, keys[2]).await;

    let spots = queue_page(&app, &dispatcher, 0).await.hot_spots;
    assert_eq!(spots.len(), 1);
    assert_eq!(
        (
            spots[0].community.zh.as_str(),
            spots[0].category_code.as_str(),
            spots[0].open
        ),
        ("上河村社区", "environment.noise", 3)
    );
    assert_eq!(queue_page(&app, &street_office, 0).await.hot_spots, spots);
    assert!(queue_page(&app, &department, 0).await.hot_spots.is_empty());
    assert!(queue_page(&app, &other_street, 0)
        .await
        .hot_spots
        .is_empty());
    // Filed more than 7 days ago, they are no longer a hot spot.
    sqlx::query("update requests set created_at = now() - interval '8 days'")
        .execute(&pool)
        .await
        .expect("a week on");
    assert!(queue_page(&app, &dispatcher, 0).await.hot_spots.is_empty());
}

/// The `hot_spot` notices in `cookie`'s inbox.
async fn hot_spot_notices(app: &Router, cookie: &str) -> Vec<app::inbox::Notice> {
    let (status, _, body) = post(app, "/api/inbox/list", String::new(), Some(cookie)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page: app::inbox::InboxPage = serde_json::from_str(&body).expect("an inbox page");
    page.notices
        .into_iter()
        .filter(|n| n.kind == "hot_spot")
        .collect()
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_hot_spot_is_raised_once_to_the_dispatchers_and_its_street_office(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let dispatcher = signed_in(&app, DISPATCHER.0, DISPATCHER.1).await;
    let street_office = signed_in(&app, HANDLER.0, HANDLER.1).await;
    let department = account(&app, &pool, "13900000042", "handler", Some(OTHER_UNIT)).await;
    let other_street = account(
        &app,
        &pool,
        "13900000043",
        "handler",
        Some("street:110101001"),
    )
    .await;
    let key = |i: u32| format!("c0ffee00-0000-4000-8000-0000000001{i:02}");
    let mut numbers = Vec::new();
    for i in 0..2 {
        numbers.push(file(&app, &resident, &key(i)).await);
    }
    assert_eq!(
        server::worker::raise_hot_spots(&pool, 3)
            .await
            .expect("pass"),
        0
    );
    numbers.push(file(&app, &resident, &key(2)).await);

    // Two servers' workers at once raise it once between them.
    let (a, b) = tokio::join!(
        server::worker::raise_hot_spots(&pool, 3),
        server::worker::raise_hot_spots(&pool, 3)
    );
    assert_eq!(a.expect("one pass") + b.expect("the other"), 1);
    for cookie in [&dispatcher, &street_office] {
        let notices = hot_spot_notices(&app, cookie).await;
        assert_eq!(notices.len(), 1, "told once");
        let (community, category) = notices[0].about.clone().expect("where and what");
        assert_eq!(
            (
                community.zh.as_str(),
                category.en.as_str(),
                notices[0].note.as_str(),
                notices[0].tracking_number.as_deref()
            ),
            (
                "上河村社区",
                "Noise",
                "3",
                numbers.last().map(String::as_str)
            )
        );
    }
    for cookie in [&department, &other_street, &resident] {
        assert!(hot_spot_notices(&app, cookie).await.is_empty());
    }
    let (status, _, page) = common::send(
        &app,
        axum::http::Request::get("/inbox")
            .header(header::COOKIE, &dispatcher)
            .body(axum::body::Body::empty())
            .expect("request"),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("上河村社区「噪声扰民」7 天内 3 件未办结"),
        "{page}"
    );

    // A fourth within the window is the same hot spot: nobody is told again.
    file(&app, &resident, &key(3)).await;
    assert_eq!(
        server::worker::raise_hot_spots(&pool, 3)
            .await
            .expect("pass"),
        0
    );
    assert_eq!(hot_spot_notices(&app, &dispatcher).await.len(), 1);

    // A window later, still hot: raised again.
    sqlx::query("update hot_spot_alerts set raised_at = now() - interval '8 days'")
        .execute(&pool)
        .await
        .expect("a week on");
    assert_eq!(
        server::worker::raise_hot_spots(&pool, 3)
            .await
            .expect("pass"),
        1
    );
    let again = hot_spot_notices(&app, &dispatcher).await;
    assert_eq!(again.len(), 2);
    assert_eq!(again[0].note, "4");
}
