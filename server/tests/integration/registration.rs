//! Registering with a confirmed phone number, through the real router and database.

use crate::common;

use app::error::AppError;
use app::ssr::Settings;
use axum::http::{header, HeaderMap, StatusCode};
use axum::Router;
use common::{app, error, post, sent_code, session_cookie};
use sqlx::PgPool;

const COMMUNITY: &str = "110108025014"; // 海淀区曙光街道上河村社区
const STREET: &str = "110108025"; // 曙光街道: not a community

/// Starts a registration; returns the status, the body and the session cookie it started.
async fn register(
    app: &Router,
    phone: &str,
    password: &str,
    community: &str,
) -> (StatusCode, String, String) {
    let body = format!(
        "phone={phone}&password={password}&display_name=%E7%8E%8B%E9%98%BF%E5%A7%A8&community={community}"
    );
    let (status, headers, body) = post(app, "/api/accounts/register", body, None).await;
    (status, body, session_cookie(&headers))
}

async fn confirm(
    app: &Router,
    session: &str,
    phone: &str,
    code: &str,
) -> (StatusCode, HeaderMap, String) {
    let body = format!("phone={phone}&code={code}");
    post(app, "/api/accounts/confirm", body, Some(session)).await
}

async fn users_with(pool: &PgPool, phone: &str) -> i64 {
    sqlx::query_scalar("select count(*) from users where phone = $1")
        .bind(phone)
        .fetch_one(pool)
        .await
        .expect("count")
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_resident_registers_confirms_the_number_and_is_signed_in(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let (status, body, session) = register(&app, "13900000001", "long-enough", COMMUNITY).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        users_with(&pool, "13900000001").await,
        0,
        "no account until the number is confirmed"
    );
    let stored: String =
        sqlx::query_scalar("select code_hash from phone_codes where phone = '13900000001'")
            .fetch_one(&pool)
            .await
            .expect("code");
    let code = sent_code(&pool, "13900000001").await;
    assert!(!stored.contains(&code), "the code is stored hashed");

    let (status, headers, body) = confirm(&app, &session, "13900000001", &code).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(users_with(&pool, "13900000001").await, 1);
    let cookie = headers[header::SET_COOKIE]
        .to_str()
        .expect("ascii")
        .split(';')
        .next()
        .expect("cookie")
        .to_owned();
    let (_, _, me) = post(&app, "/api/accounts/me", String::new(), Some(&cookie)).await;
    assert!(me.contains("王阿姨"), "{me}");
    let (status, _, _) = post(
        &app,
        "/api/accounts/sign_in",
        "phone=13900000001&password=long-enough".into(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "the new password signs in");

    // A used code is spent.
    let (_, _, body) = confirm(&app, &cookie, "13900000001", &code).await;
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::CodeStartAgain)
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_code_confirms_only_the_registration_it_was_sent_for(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let (_, _, resident) = register(&app, "13900000001", "residents-password", COMMUNITY).await;
    let resident_code = sent_code(&pool, "13900000001").await;
    // Someone else registers the same number with their own password, elsewhere...
    let (_, _, other) = register(&app, "13900000001", "someone-elses", COMMUNITY).await;
    let others_code = sent_code(&pool, "13900000001").await;
    // ...but the code that reached the resident's phone only confirms in the other session
    // what the other session asked for, and the resident's own session wants its own code.
    if others_code != resident_code {
        let (_, _, body) = confirm(&app, &resident, "13900000001", &others_code).await;
        assert_eq!(
            error(&body),
            AppError::from(app::accounts::AccountRefusal::CodeWrong)
        );
    }
    let (status, _, body) = confirm(&app, &resident, "13900000001", &resident_code).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, body) = confirm(&app, &other, "13900000001", &others_code).await;
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::PhoneTaken)
    );
    let (status, _, _) = post(
        &app,
        "/api/accounts/sign_in",
        "phone=13900000001&password=residents-password".into(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn five_wrong_tries_spend_the_code(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let (_, _, session) = register(&app, "13900000001", "long-enough", COMMUNITY).await;
    let code = sent_code(&pool, "13900000001").await;
    let wrong = if code == "000000" { "111111" } else { "000000" };
    for _ in 0..5 {
        let (_, _, body) = confirm(&app, &session, "13900000001", wrong).await;
        assert_eq!(
            error(&body),
            AppError::from(app::accounts::AccountRefusal::CodeWrong)
        );
    }
    let (status, _, body) = confirm(&app, &session, "13900000001", &code).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::CodeTooManyTries)
    );
    assert_eq!(users_with(&pool, "13900000001").await, 0);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn an_expired_code_is_refused(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let (_, _, session) = register(&app, "13900000001", "long-enough", COMMUNITY).await;
    let code = sent_code(&pool, "13900000001").await;
    sqlx::query("update phone_codes set expires_at = now() - interval '1 second'")
        .execute(&pool)
        .await
        .expect("expire");
    let (_, _, body) = confirm(&app, &session, "13900000001", &code).await;
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::CodeExpired)
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn without_the_registering_session_a_code_confirms_nothing(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    register(&app, "13900000001", "long-enough", COMMUNITY).await;
    let code = sent_code(&pool, "13900000001").await;
    let (status, _, body) = post(
        &app,
        "/api/accounts/confirm",
        format!("phone=13900000001&code={code}"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::CodeStartAgain)
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn bad_registrations_are_refused_and_nothing_is_stored(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cases = [
        (
            "12345",
            "long-enough",
            COMMUNITY,
            AppError::from(app::accounts::AccountRefusal::PhoneFormat),
        ),
        (
            "13900000001",
            "short",
            COMMUNITY,
            AppError::from(app::accounts::AccountRefusal::PasswordTooShort),
        ),
        (
            "13900000001",
            "long-enough",
            STREET,
            AppError::from(app::requests::RequestRefusal::CommunityNotACommunity),
        ),
        (
            "13900000001",
            "long-enough",
            "999999999999",
            AppError::from(app::requests::RequestRefusal::CommunityNotACommunity),
        ),
    ];
    for (phone, password, community, expected) in cases {
        let (status, body, _) = register(&app, phone, password, community).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{phone} {password} {community}"
        );
        assert_eq!(error(&body), expected);
    }
    assert_eq!(users_with(&pool, "13900000001").await, 0);
    let codes: i64 = sqlx::query_scalar("select count(*) from phone_codes")
        .fetch_one(&pool)
        .await
        .expect("count");
    let sent: i64 = sqlx::query_scalar("select count(*) from sms_outbox")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!((codes, sent), (0, 0));
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn codes_to_one_number_are_rate_limited(pool: PgPool) {
    let settings = Settings {
        codes_per_phone_per_hour: 2,
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    for _ in 0..2 {
        assert_eq!(
            register(&app, "13900000001", "long-enough", COMMUNITY)
                .await
                .0,
            StatusCode::OK
        );
    }
    let (status, body, _) = register(&app, "13900000001", "long-enough", COMMUNITY).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(error(&body), AppError::RateLimited);
    let sent: i64 = sqlx::query_scalar("select count(*) from sms_outbox")
        .fetch_one(&pool)
        .await
        .expect("count");
    assert_eq!(sent, 2);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_refused_form_keeps_what_was_typed_but_the_password_once(pool: PgPool) {
    let app = app(pool, Settings::default()).await;
    let (status, _, session) = register(&app, "13900000001", "secret-password", STREET).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, _, typed) = post(
        &app,
        "/api/accounts/typed",
        "form=register".into(),
        Some(&session),
    )
    .await;
    let typed: Vec<(String, String)> = serde_json::from_str(&typed).expect("pairs");
    assert!(
        typed.contains(&("phone".into(), "13900000001".into())),
        "{typed:?}"
    );
    assert!(
        typed.contains(&("community".into(), STREET.into())),
        "{typed:?}"
    );
    assert!(
        !typed
            .iter()
            .any(|(k, v)| k == "password" || v.contains("secret")),
        "{typed:?}"
    );
    let (_, _, again) = post(
        &app,
        "/api/accounts/typed",
        "form=register".into(),
        Some(&session),
    )
    .await;
    assert_eq!(again, "[]", "shown once");
}
