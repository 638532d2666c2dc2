//! What is kept to answer faster is never stale after an action: a public page's ETag changes
//! with its status (and a browser's kept copy is answered again in full), a dashboard kept in
//! memory follows the fold, the category tree kept in memory follows an admin's change, and a
//! signed-in visitor's page is never offered for keeping.

use crate::common;

use app::measures::Dashboard;
use app::requests::Category;
use app::ssr::Settings;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use common::{file_noise, get, post, post_multipart, send, signed_in, step};
use sqlx::PgPool;

const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");
const DISPATCHER: (&str, &str) = ("13800000002", "jiesu-dispatcher");
const ADMIN: (&str, &str) = ("13800000005", "jiesu-admin");

fn etag(headers: &HeaderMap) -> String {
    headers[header::ETAG].to_str().expect("an ETag").to_owned()
}

/// The page at `uri` for a browser that kept the copy tagged `tag`.
async fn revalidate(app: &Router, uri: &str, tag: &str) -> (StatusCode, HeaderMap, String) {
    let request = Request::get(uri)
        .header(header::IF_NONE_MATCH, tag)
        .body(Body::empty())
        .expect("request");
    send(app, request).await
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_public_page_is_kept_only_while_its_status_stands(pool: PgPool) {
    let app = common::app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let dispatcher = signed_in(&app, DISPATCHER.0, DISPATCHER.1).await;
    let number = file_noise(&app, &resident, "c0c0c0c0-0000-4000-8000-000000000001").await;
    let page = format!("/requests/{number}");

    let (status, headers, body) = send(&app, get(&page)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "public, no-cache");
    assert!(body.contains("已提交"), "the page shows its status");
    let first = etag(&headers);
    // The same page again: a new nonce in its policy, the same tag.
    let (_, again, _) = send(&app, get(&page)).await;
    assert_ne!(
        headers[header::CONTENT_SECURITY_POLICY],
        again[header::CONTENT_SECURITY_POLICY]
    );
    assert_eq!(etag(&again), first);

    // A browser that kept it is told it is current, with no body and no other policy.
    let (status, headers, body) = revalidate(&app, &page, &first).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    assert!(body.is_empty());
    assert!(!headers.contains_key(header::CONTENT_SECURITY_POLICY));

    // Once the dispatcher acts, the kept copy is stale: the browser gets the page again.
    step(
        &app,
        &dispatcher,
        &number,
        "dispatch",
        &[("unit", "street:110108025")],
    )
    .await;
    let (status, headers, body) = revalidate(&app, &page, &first).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("已派单"), "the page shows the new status");
    assert_ne!(etag(&headers), first);
    assert!(headers.contains_key(header::CONTENT_SECURITY_POLICY));

    // What a signed-in visitor sees is theirs: never offered for keeping, never a 304.
    let request = Request::get(&page)
        .header(header::COOKIE, &resident)
        .header(header::IF_NONE_MATCH, "*")
        .body(Body::empty())
        .expect("request");
    let (status, headers, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "private, no-cache");
    assert!(!headers.contains_key(header::ETAG));
}

async fn city(app: &Router) -> Dashboard {
    let (status, _, body) = post(
        app,
        "/api/measures/dashboard",
        "scope=city&code=&month=".to_owned(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("a dashboard")
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_dashboard_kept_in_memory_follows_the_fold(pool: PgPool) {
    let app = common::app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let before = city(&app).await;
    assert_eq!(city(&app).await, before, "read twice, the same");
    file_noise(&app, &resident, "c0c0c0c0-0000-4000-8000-000000000002").await;
    // Not folded yet: the rollups, and so the dashboard, have not moved.
    assert_eq!(city(&app).await, before);
    server::worker::fold(&pool).await.expect("fold");
    let after = city(&app).await;
    let filed = |d: &Dashboard| d.trend.last().map(|m| m.counts.filed);
    assert_eq!(
        filed(&after),
        filed(&before).map(|n| n + 1),
        "the filing counts"
    );
}

async fn noise_hours(app: &Router) -> (i32, i32) {
    let (status, _, body) = post(app, "/api/requests/categories", String::new(), None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let categories: Vec<Category> = serde_json::from_str(&body).expect("categories");
    let noise = categories
        .into_iter()
        .find(|c| c.code == "environment.noise")
        .expect("noise");
    (noise.respond_hours, noise.resolve_hours)
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_category_tree_kept_in_memory_follows_an_admins_change(pool: PgPool) {
    let app = common::app(pool.clone(), Settings::default()).await;
    let admin = signed_in(&app, ADMIN.0, ADMIN.1).await;
    let kept = noise_hours(&app).await;
    assert_eq!(noise_hours(&app).await, kept);
    let hours = [
        ("change", "category"),
        ("category", "environment.noise"),
        ("respond", "3"),
        ("resolve", "48"),
        ("urgent_respond", "1"),
        ("urgent_resolve", "12"),
    ];
    let (status, _, body) =
        post_multipart(&app, "/api/admin/change", Some(&admin), &hours, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_ne!(kept, (3, 48));
    assert_eq!(noise_hours(&app).await, (3, 48), "read again at once");
}
