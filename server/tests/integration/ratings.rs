//! Rating and reopening through the real router and database: only the resident rates, only a
//! resolved round, once; reopening goes back to the same unit as the next round, only when not
//! resolved or dissatisfied and within 7 days; unrated requests close themselves.

use crate::common;

use app::error::AppError;
use app::requests::Status;
use app::ssr::Settings;
use axum::http::StatusCode;
use axum::Router;
use common::{count, error, file_noise, post_multipart, reopen, signed_in, step, view};
use sqlx::PgPool;

const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");
const DISPATCHER: (&str, &str) = ("13800000002", "jiesu-dispatcher");
const HANDLER: (&str, &str) = ("13800000003", "jiesu-handler");
const UNIT: &str = "street:110108025";

struct Staff {
    dispatcher: String,
    handler: String,
}

/// Files a request as the demo resident and has it dispatched, answered and resolved.
async fn resolved(app: &Router, staff: &Staff, resident: &str, key: &str) -> String {
    let number = file_noise(app, resident, key).await;
    step(
        app,
        &staff.dispatcher,
        &number,
        "dispatch",
        &[("unit", UNIT)],
    )
    .await;
    step(app, &staff.handler, &number, "accept", &[]).await;
    step(
        app,
        &staff.handler,
        &number,
        "respond",
        &[("note", "已联系")],
    )
    .await;
    resolve_again(app, staff, &number).await;
    number
}

async fn resolve_again(app: &Router, staff: &Staff, number: &str) {
    let explanation = [("closure", "resolved"), ("explanation", "已处理")];
    step(app, &staff.handler, number, "resolve", &explanation).await;
}

/// Rates `number` as `cookie`'s user; the status and body.
async fn rate(
    app: &Router,
    cookie: &str,
    number: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut all = vec![("number", number)];
    all.extend_from_slice(fields);
    let (status, _, body) =
        post_multipart(app, "/api/requests/rate", Some(cookie), &all, &[]).await;
    (status, body)
}

const UNHAPPY: [(&str, &str); 3] = [
    ("outcome", "not_resolved"),
    ("satisfaction", "1"),
    ("reasons", "outcome"),
];
const HAPPY: [(&str, &str); 2] = [("outcome", "resolved"), ("satisfaction", "5")];

async fn setup(pool: &PgPool) -> (Router, Staff, String) {
    let app = common::app(pool.clone(), Settings::default()).await;
    let staff = Staff {
        dispatcher: signed_in(&app, DISPATCHER.0, DISPATCHER.1).await,
        handler: signed_in(&app, HANDLER.0, HANDLER.1).await,
    };
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    (app, staff, resident)
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_resident_rates_a_resolved_round_once_and_that_closes_it(pool: PgPool) {
    let (app, staff, resident) = setup(&pool).await;
    let waiting = file_noise(&app, &resident, "a1b2c3d4-0000-4000-8000-000000000001").await;
    let number = resolved(
        &app,
        &staff,
        &resident,
        "a1b2c3d4-0000-4000-8000-000000000002",
    )
    .await;
    assert!(view(&app, Some(&resident), &number).await.rating.can_rate);
    assert!(
        !view(&app, Some(&staff.handler), &number)
            .await
            .rating
            .can_rate
    );

    // Refused, nothing written: someone else, a request not resolved, a bad form.
    let neighbour = common::account(&app, &pool, "13900000201", "resident", None).await;
    let refusals = [
        (
            &neighbour,
            number.as_str(),
            &HAPPY[..],
            StatusCode::FORBIDDEN,
            AppError::Forbidden,
        ),
        (
            &staff.handler,
            number.as_str(),
            &HAPPY[..],
            StatusCode::FORBIDDEN,
            AppError::Forbidden,
        ),
        (
            &resident,
            waiting.as_str(),
            &HAPPY[..],
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::from(app::requests::RequestRefusal::StatusNotAllowed),
        ),
        (
            &resident,
            number.as_str(),
            &[("outcome", "resolved")][..],
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::from(app::ratings::RatingRefusal::SatisfactionRequired),
        ),
    ];
    for (cookie, number, fields, status, refusal) in refusals {
        let (got, body) = rate(&app, cookie, number, fields).await;
        assert_eq!((got, error(&body)), (status, refusal), "{fields:?}");
    }
    assert_eq!(count(&pool, "select count(*) from ratings").await, 0);

    let (status, body) = rate(&app, &resident, &number, &HAPPY).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let seen = view(&app, Some(&resident), &number).await;
    assert_eq!(seen.status, Status::Closed);
    assert!(
        !seen.rating.can_rate && !seen.rating.can_reopen,
        "resolved and satisfied"
    );
    assert_eq!(seen.rating.rating.expect("rating").rating.satisfaction, 5);
    // The timeline's closing says what the resident said of the outcome.
    let closing = seen
        .request
        .detail
        .expect("detail")
        .events
        .into_iter()
        .find(|e| e.kind == "closed")
        .expect("a closing event");
    assert_eq!(closing.rating, Some(app::requests::Outcome::Resolved));
    // Twice in a round: refused.
    let (status, body) = rate(&app, &resident, &number, &UNHAPPY).await;
    assert_eq!(
        (status, error(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::from(app::requests::RequestRefusal::StatusNotAllowed)
        )
    );
    let (status, body) = reopen(&app, &resident, &number).await;
    assert_eq!(
        (status, error(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::from(app::ratings::RatingRefusal::ReopenSatisfied)
        )
    );
    assert_eq!(count(&pool, "select count(*) from ratings").await, 1);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn an_unhappy_resident_reopens_to_the_same_unit_as_the_next_round(pool: PgPool) {
    let (app, staff, resident) = setup(&pool).await;
    let number = resolved(
        &app,
        &staff,
        &resident,
        "a1b2c3d4-0000-4000-8000-000000000003",
    )
    .await;
    let (status, body) = rate(&app, &resident, &number, &UNHAPPY).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(view(&app, Some(&resident), &number).await.rating.can_reopen);

    let (status, body) = reopen(&app, &resident, &number).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (round, unit, status_now, resolve_in_hours): (i32, String, String, f64) = sqlx::query_as(
        "select r.round, u.code, r.status,
                extract(epoch from r.resolve_by - now())::float8 / 3600
         from requests r join units u on u.id = r.unit_id where r.tracking_number = $1",
    )
    .bind(&number)
    .fetch_one(&pool)
    .await
    .expect("request");
    assert_eq!(
        (round, unit.as_str(), status_now.as_str()),
        (2, UNIT, "dispatched")
    );
    assert!(
        resolve_in_hours > 160.0,
        "a new resolve-by: {resolve_in_hours} h"
    );
    // The reopened round counts against the unit that resolved it.
    assert_eq!(
        count(
            &pool,
            "select count(*) from request_events e join units u on u.id = e.unit_id
             where e.kind = 'reopened' and u.code = 'street:110108025'"
        )
        .await,
        1
    );
    // Twice in a round: it is no longer closed.
    let (status, body) = reopen(&app, &resident, &number).await;
    assert_eq!(
        (status, error(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::from(app::requests::RequestRefusal::StatusNotAllowed)
        )
    );

    // The unit takes the second round from the start (contacting the resident again) and
    // resolves it; the resident rates it too.
    step(&app, &staff.handler, &number, "accept", &[]).await;
    step(
        &app,
        &staff.handler,
        &number,
        "respond",
        &[("note", "再次联系")],
    )
    .await;
    resolve_again(&app, &staff, &number).await;
    let (status, body) = rate(&app, &resident, &number, &HAPPY).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        count(&pool, "select count(*) from ratings where round in (1, 2)").await,
        2
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn after_seven_days_it_is_too_late_and_unrated_requests_close_themselves(pool: PgPool) {
    let (app, staff, resident) = setup(&pool).await;
    let late = resolved(
        &app,
        &staff,
        &resident,
        "a1b2c3d4-0000-4000-8000-000000000004",
    )
    .await;
    let (status, _) = rate(&app, &resident, &late, &UNHAPPY).await;
    assert_eq!(status, StatusCode::OK);
    sqlx::query(
        "update requests set closed_at = now() - interval '8 days' where tracking_number = $1",
    )
    .bind(&late)
    .execute(&pool)
    .await
    .expect("eight days on");
    assert!(!view(&app, Some(&resident), &late).await.rating.can_reopen);
    let (status, body) = reopen(&app, &resident, &late).await;
    assert_eq!(
        (status, error(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::from(app::ratings::RatingRefusal::ReopenTooLate)
        )
    );

    let unrated = resolved(
        &app,
        &staff,
        &resident,
        "a1b2c3d4-0000-4000-8000-000000000005",
    )
    .await;
    let fresh = resolved(
        &app,
        &staff,
        &resident,
        "a1b2c3d4-0000-4000-8000-000000000006",
    )
    .await;
    sqlx::query(
        "update requests set resolved_at = now() - interval '8 days' where tracking_number = $1",
    )
    .bind(&unrated)
    .execute(&pool)
    .await
    .expect("eight days on");
    let (a, b) = tokio::join!(server::worker::pass(&pool), server::worker::pass(&pool));
    assert_eq!(a.expect("pass") + b.expect("pass"), 1, "closed once");
    let seen = view(&app, Some(&resident), &unrated).await;
    assert_eq!(seen.status, Status::Closed);
    assert!(seen.rating.rating.is_none() && !seen.rating.can_reopen);
    assert_eq!(
        seen.request
            .detail
            .expect("detail")
            .events
            .last()
            .map(|e| e.kind.as_str()),
        Some("closed_unrated")
    );
    let (status, body) = reopen(&app, &resident, &unrated).await;
    assert_eq!(
        (status, error(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::from(app::ratings::RatingRefusal::ReopenUnrated)
        )
    );
    assert_eq!(
        view(&app, Some(&resident), &fresh).await.status,
        Status::Resolved
    );
}
