//! Signing in and out through the real router and database: sessions, errors, throttling.

use crate::common;

use app::error::AppError;
use app::ssr::Settings;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use common::{app, error, post as call, session_cookie};
use sqlx::PgPool;
use tower::ServiceExt;

async fn sign_in(app: &Router, phone: &str, password: &str) -> (StatusCode, HeaderMap, String) {
    call(
        app,
        "/api/accounts/sign_in",
        format!("phone={phone}&password={password}"),
        None,
    )
    .await
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_resident_signs_in_is_known_by_the_session_and_signs_out(pool: PgPool) {
    let app = app(pool, Settings::default()).await;
    let (status, headers, body) = sign_in(&app, "138 0000 0001", "jiesu-resident").await;
    // Called as the browser's server-function client does: 200, and a Location to go to.
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers[header::LOCATION], "/");
    let set_cookie = headers[header::SET_COOKIE].to_str().expect("ascii");
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    let cookie = session_cookie(&headers);

    let (_, _, me) = call(&app, "/api/accounts/me", String::new(), Some(&cookie)).await;
    let me: Option<app::accounts::CurrentUser> =
        serde_json::from_str(&me).expect("Option<CurrentUser>");
    let me = me.expect("signed in");
    assert_eq!(
        (me.display_name.as_str(), me.role),
        ("马大姐", app::accounts::Role::Resident)
    );

    call(&app, "/api/accounts/sign_out", String::new(), Some(&cookie)).await;
    let (_, _, me) = call(&app, "/api/accounts/me", String::new(), Some(&cookie)).await;
    assert_eq!(me, "null", "the old session is gone");
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn bad_input_is_refused_with_the_field_named(pool: PgPool) {
    let app = app(pool, Settings::default()).await;
    let (status, _, body) = sign_in(&app, "12345", "x").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::PhoneFormat)
    );

    let (status, _, body) = sign_in(&app, "13800000001", "").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::PasswordRequired)
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_wrong_password_and_an_unknown_number_get_the_same_answer(pool: PgPool) {
    let app = app(pool, Settings::default()).await;
    let wrong = sign_in(&app, "13800000001", "not-the-password").await;
    let unknown = sign_in(&app, "13999999999", "not-the-password").await;
    assert_eq!(wrong.0, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!((wrong.0, error(&wrong.2)), (unknown.0, error(&unknown.2)));
    assert_eq!(
        error(&wrong.2),
        AppError::from(app::accounts::AccountRefusal::PasswordWrong)
    );
    assert!(
        !wrong.1.contains_key(header::SET_COOKIE),
        "no session for a failed sign-in"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn repeated_failures_lock_the_number_even_for_the_right_password(pool: PgPool) {
    let settings = Settings {
        sign_in_max_failures: 3,
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    for _ in 0..3 {
        assert_eq!(
            sign_in(&app, "13800000001", "guess").await.0,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    let (status, _, body) = sign_in(&app, "13800000001", "jiesu-resident").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(error(&body), AppError::RateLimited);
    // Another number is not affected.
    let (status, _, _) = sign_in(&app, "13800000002", "jiesu-dispatcher").await;
    assert_eq!(status, StatusCode::OK);
    // The failures are in Postgres, so a second server process sees them too.
    let kept: i64 =
        sqlx::query_scalar("select count(*) from sign_in_failures where phone = '13800000001'")
            .fetch_one(&pool)
            .await
            .expect("count");
    assert_eq!(kept, 3);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn without_javascript_a_refusal_returns_to_the_form_with_the_error(pool: PgPool) {
    let app = app(pool, Settings::default()).await;
    let request = Request::post("/api/accounts/sign_in")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, "http://127.0.0.1:3000/sign-in")
        .body(Body::from("phone=13800000001&password=wrong"))
        .expect("request");
    let response = app.oneshot(request).await.expect("response");
    assert!(response.status().is_redirection());
    let location = response.headers()[header::LOCATION]
        .to_str()
        .expect("ascii");
    assert!(
        location.starts_with("http://127.0.0.1:3000/sign-in?") && location.contains("__err="),
        "{location}"
    );
}
