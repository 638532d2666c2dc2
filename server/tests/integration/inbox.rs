//! The inbox through the real router and database: notices from handling steps, the unread
//! count, marking read, and the live count over Server-Sent Events.

use crate::common;

use app::inbox::InboxPage;
use app::ssr::Settings;
use axum::http::{header, StatusCode};
use common::{app, post, post_multipart, signed_in};
use sqlx::PgPool;

async fn file_and_dispatch(app: &axum::Router, resident: &str, dispatcher: &str) -> String {
    let fields = [
        ("idempotency_key", "0f8fad5b-d9cb-469f-a165-70867728950e"),
        ("community", "110108025014"),
        ("kind", "complaint"),
        ("category", "environment.noise"),
        ("description", "楼下饭馆每天夜里排风扇噪音很大"),
        ("public", "on"),
    ];
    let (status, headers, body) =
        post_multipart(app, "/api/requests/file", Some(resident), &fields, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let number = headers[header::LOCATION]
        .to_str()
        .expect("ascii")
        .trim_start_matches("/requests/")
        .trim_end_matches("?filed=1")
        .to_owned();
    let step = [
        ("number", number.as_str()),
        ("step", "dispatch"),
        ("unit", "street:110108025"),
    ];
    let (status, _, body) =
        post_multipart(app, "/api/requests/handle", Some(dispatcher), &step, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    number
}

async fn unread(app: &axum::Router, cookie: Option<&str>) -> i64 {
    let (status, _, body) = post(app, "/api/inbox/unread", String::new(), cookie).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("a count")
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_step_lands_in_the_inbox_until_it_is_read(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, "13800000001", "jiesu-resident").await;
    let dispatcher = signed_in(&app, "13800000002", "jiesu-dispatcher").await;
    let handler = signed_in(&app, "13800000003", "jiesu-handler").await;
    assert_eq!(unread(&app, Some(&resident)).await, 0);
    let number = file_and_dispatch(&app, &resident, &dispatcher).await;
    assert_eq!(unread(&app, Some(&resident)).await, 1);
    assert_eq!(
        unread(&app, Some(&handler)).await,
        1,
        "the unit hears of the dispatch"
    );
    assert_eq!(unread(&app, Some(&dispatcher)).await, 0);
    assert_eq!(unread(&app, None).await, 0, "signed out: nothing");

    let (status, _, body) = post(&app, "/api/inbox/list", String::new(), Some(&resident)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let page: InboxPage = serde_json::from_str(&body).expect("a page");
    assert_eq!(page.notices.len(), 1);
    assert_eq!(page.notices[0].kind, "dispatched");
    assert_eq!(
        page.notices[0].tracking_number.as_deref(),
        Some(number.as_str())
    );
    assert!(!page.notices[0].read);

    let (status, _, _) = post(&app, "/api/inbox/read", String::new(), Some(&resident)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(unread(&app, Some(&resident)).await, 0);
    assert_eq!(
        unread(&app, Some(&handler)).await,
        1,
        "only the reader's own"
    );
    let (status, _, _) = post(&app, "/api/inbox/list", String::new(), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = post(&app, "/api/inbox/read", String::new(), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_unread_count_arrives_live_over_server_sent_events(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, "13800000001", "jiesu-resident").await;
    let dispatcher = signed_in(&app, "13800000002", "jiesu-dispatcher").await;
    let (status, _, _) = common::send(&app, common::get("/inbox/events")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "signed out");

    let mut body = common::open_events(&app, "/inbox/events", Some(&resident)).await;
    assert!(
        common::next_event(&mut body, "unread")
            .await
            .contains("data: 0"),
        "the count now"
    );
    common::wait_for_listener(&pool, "jiesu_inbox").await;
    file_and_dispatch(&app, &resident, &dispatcher).await;
    assert!(
        common::next_event(&mut body, "unread")
            .await
            .contains("data: 1"),
        "the count after the dispatch"
    );
}
