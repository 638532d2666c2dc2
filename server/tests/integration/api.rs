//! The real router against a real, fresh database per test (`#[sqlx::test]`), driven with
//! `oneshot`: health checks, a server function, pages, the language switch.

use crate::common;

use app::ssr::Settings;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use common::{get, send};
use sqlx::PgPool;

async fn app(pool: PgPool) -> Router {
    common::app(pool, Settings::default()).await
}

/// A server-function call as the browser makes it (form-encoded arguments, JSON back).
fn post_form(uri: &str, body: &'static str) -> Request<Body> {
    Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body))
        .expect("request")
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn health_checks_answer_while_the_database_does(pool: PgPool) {
    let app = app(pool.clone()).await;
    assert_eq!(send(&app, get("/healthz")).await.0, StatusCode::OK);
    assert_eq!(send(&app, get("/readyz")).await.0, StatusCode::OK);
    pool.close().await;
    assert_eq!(
        send(&app, get("/readyz")).await.0,
        StatusCode::SERVICE_UNAVAILABLE
    );
    assert_eq!(send(&app, get("/healthz")).await.0, StatusCode::OK);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn list_areas_returns_the_districts_of_beijing(pool: PgPool) {
    let (status, _, body) = send(
        &app(pool).await,
        post_form("/api/areas/list", "code=110000"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let listing: app::areas::AreaListing = serde_json::from_str(&body).expect("an AreaListing");
    assert_eq!(listing.area.name_zh, "北京市");
    assert_eq!(listing.children.len(), 16);
    assert!(listing
        .children
        .iter()
        .any(|d| d.name_zh == "海淀区" && d.name_en == "Haidian District"));
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn list_areas_answers_404_for_an_unknown_code(pool: PgPool) {
    let (status, _, body) = send(
        &app(pool).await,
        post_form("/api/areas/list", "code=999999"),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let error: app::error::AppError = serde_json::from_str(&body).expect("an AppError");
    assert_eq!(error, app::error::AppError::NotFound);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn pages_are_chinese_unless_the_cookie_says_english(pool: PgPool) {
    let app = app(pool).await;
    let (status, _, body) = send(&app, get("/areas/110108")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains(r#"<html lang="zh-CN""#), "{body}");
    assert!(body.contains("曙光街道"));

    // A browser asking for English in Accept-Language still gets Chinese: only the cookie decides.
    let request = Request::get("/areas/110108")
        .header(header::ACCEPT_LANGUAGE, "en-US")
        .body(Body::empty());
    assert!(send(&app, request.expect("request"))
        .await
        .2
        .contains(r#"lang="zh-CN""#));

    let request = Request::get("/areas/110108")
        .header(header::COOKIE, "jiesu_lang=en")
        .body(Body::empty());
    let (_, _, body) = send(&app, request.expect("request")).await;
    assert!(body.contains(r#"<html lang="en""#));
    assert!(body.contains("Shuguang Subdistrict"));
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_language_switch_sets_the_cookie_and_returns_to_the_page(pool: PgPool) {
    let app = app(pool).await;
    let (status, headers, _) = send(&app, get("/lang/en?back=/areas/110108")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/areas/110108");
    let cookie = headers[header::SET_COOKIE].to_str().expect("ascii");
    assert!(
        cookie.starts_with("jiesu_lang=en;") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );

    let (_, headers, _) = send(&app, get("/lang/zh-CN?back=//evil.example")).await;
    assert_eq!(headers[header::LOCATION], "/");
    assert_eq!(send(&app, get("/lang/fr")).await.0, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn unknown_pages_and_areas_answer_404(pool: PgPool) {
    let app = app(pool).await;
    let (status, _, body) = send(&app, get("/no-such-page")).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(body.contains("找不到这个页面"));
    assert_eq!(
        send(&app, get("/areas/999999")).await.0,
        StatusCode::NOT_FOUND
    );
}
