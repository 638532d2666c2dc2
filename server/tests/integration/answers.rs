//! The hotline answers at intake (直接答复) through the real router and database: a dispatcher
//! answers an inquiry from the standard answers library, the resident rates it like any
//! resolution, a reopened answer comes back to the dispatchers; only admins keep the library;
//! the measures count answers apart from dispatches and still equal the event log.

use crate::common;

use app::answers::Library;
use app::error::AppError;
use app::handling::HandlingRefusal;
use app::requests::{ClosureCode, Status};
use app::ssr::Settings;
use axum::http::StatusCode;
use axum::Router;
use common::{
    count, error, file_of, folded_and_clean, post, post_multipart, reopen, signed_in, step,
    try_step, view,
};
use sqlx::PgPool;

const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");
const DISPATCHER: (&str, &str) = ("13800000002", "jiesu-dispatcher");
const HANDLER: (&str, &str) = ("13800000003", "jiesu-handler");
const ADMIN: (&str, &str) = ("13800000005", "jiesu-admin");
const STREET_OFFICE: &str = "street:110108025";

/// A form's fields.
type Fields<'a> = &'a [(&'a str, &'a str)];

struct People {
    resident: String,
    dispatcher: String,
    handler: String,
    admin: String,
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
        handler: signed_in(&app, HANDLER.0, HANDLER.1).await,
        admin: signed_in(&app, ADMIN.0, ADMIN.1).await,
    };
    (app, people)
}

async fn rate(app: &Router, cookie: &str, number: &str, fields: &[(&str, &str)]) {
    let mut all = vec![("number", number)];
    all.extend_from_slice(fields);
    let (status, _, body) =
        post_multipart(app, "/api/requests/rate", Some(cookie), &all, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

async fn edit(app: &Router, cookie: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let (status, _, body) =
        post_multipart(app, "/api/answers/edit", Some(cookie), fields, &[]).await;
    (status, body)
}

async fn library(app: &Router, cookie: &str) -> (StatusCode, String) {
    let (status, _, body) = post(app, "/api/answers/library", String::new(), Some(cookie)).await;
    (status, body)
}

/// One count of this month's rollup for `scope` (`unit`: the unit with `code`; `city`).
async fn this_month(pool: &PgPool, scope: &str, code: &str, column: &str) -> i64 {
    let which = match scope {
        "unit" => format!("m.scope_id = (select id from units where code = '{code}')"),
        _ => "m.scope_id = 0".to_owned(),
    };
    count(
        pool,
        &format!(
            "select coalesce(sum(m.{column}), 0)::bigint from measures m
             where m.scope = '{scope}' and {which} and m.category_id = 0"
        ),
    )
    .await
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_dispatcher_answers_from_the_library_and_the_resident_rates_it(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    let number = file_of(
        &app,
        &p.resident,
        "5e1a0c1e-0000-4000-8000-000000000001",
        "housing.heating",
    )
    .await;
    let panel = view(&app, Some(&p.dispatcher), &number)
        .await
        .staff
        .expect("a panel");
    assert!(
        panel.steps.contains(&"answer".to_owned()),
        "{:?}",
        panel.steps
    );
    // The heating answer first (its category), then the one for every category; none of
    // the other categories'.
    let titles: Vec<&str> = panel.answers.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["供暖季时间", "建议已记录（任何类别）"]);
    let text = format!("{}（已核实您所在小区的供热单位）", panel.answers[0].body);
    step(&app, &p.dispatcher, &number, "answer", &[("answer", &text)]).await;

    let seen = view(&app, Some(&p.resident), &number).await;
    assert_eq!(seen.request.status, Status::Resolved);
    let detail = seen.request.detail.expect("the resident's own request");
    assert_eq!(detail.closure_code, Some(ClosureCode::Answered));
    let answered = detail
        .events
        .iter()
        .find(|e| e.kind == "answered")
        .expect("the answer on the timeline");
    assert_eq!(answered.note, text);
    assert!(answered.is_public);
    assert!(seen.rating.can_rate);
    assert_eq!(
        count(
            &pool,
            &format!(
                "select count(*) from notifications n join requests r on r.id = n.request_id
                 where r.tracking_number = '{number}' and n.kind = 'answered'"
            ),
        )
        .await,
        1,
        "the resident is told"
    );
    rate(
        &app,
        &p.resident,
        &number,
        &[("outcome", "resolved"), ("satisfaction", "5")],
    )
    .await;
    assert_eq!(
        view(&app, Some(&p.resident), &number).await.request.status,
        Status::Closed
    );

    // Received, not dispatched; answered at intake, rated against the hotline centre.
    server::worker::fold(&pool).await.expect("fold");
    assert_eq!(this_month(&pool, "city", "", "filed").await, 1);
    assert_eq!(this_month(&pool, "city", "", "dispatched").await, 0);
    assert_eq!(this_month(&pool, "city", "", "answered").await, 1);
    assert_eq!(this_month(&pool, "unit", "hotline", "answered").await, 1);
    assert_eq!(this_month(&pool, "unit", "hotline", "rated").await, 1);
    assert_eq!(this_month(&pool, "unit", "hotline", "satisfied").await, 1);
    assert_eq!(this_month(&pool, "unit", "hotline", "dispatched").await, 0);
    let (status, _, body) = post(
        &app,
        "/api/measures/dashboard",
        "scope=city&code=".to_owned(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let city: app::measures::Dashboard = serde_json::from_str(&body).expect("a dashboard");
    let heating = city
        .answered
        .iter()
        .find(|l| l.code == "housing.heating")
        .expect("the answers by category");
    assert_eq!((heating.counts.answered, heating.counts.satisfied), (1, 1));
    assert_eq!(city.hotline.as_deref(), Some("hotline"));
    folded_and_clean(&pool).await;
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_reopened_answer_goes_back_to_the_dispatchers(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    let number = file_of(
        &app,
        &p.resident,
        "5e1a0c1e-0000-4000-8000-000000000002",
        "housing.heating",
    )
    .await;
    step(
        &app,
        &p.dispatcher,
        &number,
        "answer",
        &[("answer", "供暖期从 11 月 15 日开始。")],
    )
    .await;
    rate(
        &app,
        &p.resident,
        &number,
        &[
            ("outcome", "not_resolved"),
            ("satisfaction", "1"),
            ("reasons", "outcome"),
        ],
    )
    .await;
    let (status, body) = reopen(&app, &p.resident, &number).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        view(&app, Some(&p.resident), &number).await.request.status,
        Status::Dispatched
    );
    // Days pass: the answer was the response, so the reopened round misses no respond-by.
    sqlx::query(
        "update requests set respond_by = now() - interval '1 hour' where tracking_number = $1",
    )
    .bind(&number)
    .execute(&pool)
    .await
    .expect("time passes");
    server::worker::pass(&pool).await.expect("worker");
    let overdue = format!(
        "select count(*) from request_events e join requests r on r.id = e.request_id
         where r.tracking_number = '{number}' and e.kind = 'respond_overdue'"
    );
    assert_eq!(count(&pool, &overdue).await, 0);
    // In the dispatchers' queue, with what they may do: settle it, or return it to intake.
    let (status, _, body) =
        post(&app, "/api/staff/queue", String::new(), Some(&p.dispatcher)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let queue: app::handling::QueuePage = serde_json::from_str(&body).expect("a queue");
    assert!(queue.items.iter().any(|i| i.tracking_number == number));
    let panel = view(&app, Some(&p.dispatcher), &number)
        .await
        .staff
        .expect("a panel");
    assert_eq!(panel.steps, ["reclassify", "merge", "accept", "return"]);
    step(
        &app,
        &p.dispatcher,
        &number,
        "return",
        &[("reason", "需要街道上门查看")],
    )
    .await;
    // Back at intake, its response clock starts again for the unit it goes to.
    let fresh = format!(
        "select count(*) from requests where tracking_number = '{number}'
           and respond_by > now() and not respond_overdue and responded_at is null"
    );
    assert_eq!(count(&pool, &fresh).await, 1);
    step(
        &app,
        &p.dispatcher,
        &number,
        "dispatch",
        &[("unit", STREET_OFFICE)],
    )
    .await;
    step(&app, &p.handler, &number, "accept", &[]).await;
    step(&app, &p.handler, &number, "respond", &[("note", "已联系")]).await;
    // Answered once, dispatched once; the street office answers for the response.
    server::worker::fold(&pool).await.expect("fold");
    assert_eq!(this_month(&pool, "city", "", "answered").await, 1);
    assert_eq!(this_month(&pool, "city", "", "dispatched").await, 1);
    assert_eq!(
        this_month(&pool, "unit", STREET_OFFICE, "responded_on_time").await,
        1
    );
    assert_eq!(this_month(&pool, "unit", "hotline", "reopened").await, 1);
    folded_and_clean(&pool).await;
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn an_answer_is_refused_once_dispatched_or_from_anyone_but_a_dispatcher(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    let number = file_of(
        &app,
        &p.resident,
        "5e1a0c1e-0000-4000-8000-000000000003",
        "environment.noise",
    )
    .await;
    let (status, body) = try_step(
        &app,
        Some(&p.dispatcher),
        &number,
        "answer",
        &[("answer", " ")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        error(&body),
        AppError::from(HandlingRefusal::AnswerRequired)
    );
    for someone in [&p.handler, &p.resident, &p.admin] {
        let (status, body) = try_step(
            &app,
            Some(someone),
            &number,
            "answer",
            &[("answer", "答复")],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    }
    step(
        &app,
        &p.dispatcher,
        &number,
        "dispatch",
        &[("unit", STREET_OFFICE)],
    )
    .await;
    let (status, body) = try_step(
        &app,
        Some(&p.dispatcher),
        &number,
        "answer",
        &[("answer", "答复")],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(
        error(&body),
        AppError::from(app::requests::RequestRefusal::StatusNotAllowed)
    );
    assert_eq!(
        view(&app, Some(&p.resident), &number).await.request.status,
        Status::Dispatched
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn only_admins_keep_the_library_and_each_refusal_names_its_field(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    let (status, body) = library(&app, &p.admin).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let before: Library = serde_json::from_str(&body).expect("a library");
    assert_eq!(before.entries.len(), 5, "the demo library");
    for someone in [&p.dispatcher, &p.handler, &p.resident] {
        assert_eq!(library(&app, someone).await.0, StatusCode::FORBIDDEN);
        let (status, _) = edit(
            &app,
            someone,
            &[("edit", "save"), ("title", "t"), ("body", "b")],
        )
        .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    let new = [
        ("edit", "save"),
        ("id", ""),
        ("title", "停车收费标准"),
        ("body", "您好！居住区停车收费标准由物业公示。"),
        ("categories", "transport.parking"),
        ("categories", "transport"),
    ];
    let (status, body) = edit(&app, &p.admin, &new).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, body) = library(&app, &p.admin).await;
    let after: Library = serde_json::from_str(&body).expect("a library");
    let saved = after
        .entries
        .iter()
        .find(|e| e.title == "停车收费标准")
        .expect("saved");
    let codes: Vec<&str> = saved.categories.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["transport", "transport.parking"]);
    let id = saved.id.to_string();

    // Each refusal, and nothing changed by it.
    let refusals: [(Fields, &str, &str); 4] = [
        (
            &[("edit", "save"), ("title", ""), ("body", "b")],
            "title",
            "required",
        ),
        (
            &[
                ("edit", "save"),
                ("title", "t"),
                ("body", "b"),
                ("categories", "transport.nowhere"),
            ],
            "categories",
            "invalid",
        ),
        (
            &[
                ("edit", "save"),
                ("id", "999999"),
                ("title", "t"),
                ("body", "b"),
            ],
            "id",
            "unknown",
        ),
        (&[("edit", "remove"), ("id", "999999")], "id", "unknown"),
    ];
    for (fields, field, reason) in refusals {
        let (status, body) = edit(&app, &p.admin, fields).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(
            error(&body).refused_as(),
            Some((field, reason)),
            "{fields:?}"
        );
    }
    assert_eq!(
        count(&pool, "select count(*) from standard_answers").await,
        6,
        "nothing half-written"
    );
    // A browser sends line breaks as CRLF and counts each as one character: so does the
    // server, and 2,000 characters with a line break are 2,000.
    let full = format!("{}\r\n{}", "字".repeat(1000), "字".repeat(999));
    let (status, body) = edit(
        &app,
        &p.admin,
        &[("edit", "save"), ("title", "长答复"), ("body", &full)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        count(
            &pool,
            "select count(*) from standard_answers where title = '长答复'
               and char_length(body) = 2000 and body not like '%' || chr(13) || '%'"
        )
        .await,
        1
    );
    // An edit replaces the categories; a removal removes it once.
    let changed = [
        ("edit", "save"),
        ("id", id.as_str()),
        ("title", "停车收费标准"),
        ("body", "您好！收费标准以物业公示为准。"),
    ];
    let (status, body) = edit(&app, &p.admin, &changed).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        count(
            &pool,
            &format!("select count(*) from standard_answer_categories where answer_id = {id}")
        )
        .await,
        0
    );
    let (status, body) = edit(&app, &p.admin, &[("edit", "remove"), ("id", id.as_str())]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = edit(&app, &p.admin, &[("edit", "remove"), ("id", id.as_str())]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}
