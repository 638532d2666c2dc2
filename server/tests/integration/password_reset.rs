//! Codes texted to a number beyond registering: resetting a forgotten password, taking over a
//! hotline caller record, and the HTTP SMS gateway, through the real router and database.

use crate::common;
use ids::UserId;

use app::accounts::ssr::SmsGateway;
use app::error::AppError;
use app::ssr::Settings;
use axum::http::{HeaderMap, StatusCode};
use axum::Router;
use common::{app, count, error, post, sent_code, session_cookie, signed_in};
use sqlx::PgPool;
use std::sync::{Arc, Mutex};

const COMMUNITY: &str = "110108025014";

/// Asks for a reset code; returns the status, body and the session cookie it started.
async fn request_reset(app: &Router, phone: &str) -> (StatusCode, String, String) {
    let body = format!("phone={phone}");
    let (status, headers, body) = post(app, "/api/accounts/reset_request", body, None).await;
    (status, body, session_cookie(&headers))
}

async fn reset(
    app: &Router,
    session: &str,
    phone: &str,
    code: &str,
    password: &str,
) -> (StatusCode, HeaderMap, String) {
    let body = format!("phone={phone}&code={code}&password={password}");
    post(app, "/api/accounts/reset", body, Some(session)).await
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_forgotten_password_is_reset_with_the_texted_code(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let elsewhere = signed_in(&app, "13800000001", "jiesu-resident").await;
    let (status, body, session) = request_reset(&app, "13800000001").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let code = sent_code(&pool, "13800000001").await;

    let (_, _, body) = reset(&app, &session, "13800000001", &code, "short").await;
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::PasswordTooShort)
    );
    let wrong = if code == "000000" { "111111" } else { "000000" };
    let (_, _, body) = reset(&app, &session, "13800000001", wrong, "a-new-password").await;
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::CodeWrong)
    );
    let (_, _, body) = reset(&app, "", "13800000001", &code, "a-new-password").await;
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::CodeStartAgain),
        "only the browser that asked can use the code"
    );

    let (status, headers, body) =
        reset(&app, &session, "13800000001", &code, "a-new-password").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cookie = session_cookie(&headers);
    let (_, _, me) = post(&app, "/api/accounts/me", String::new(), Some(&cookie)).await;
    assert!(me.contains("马大姐"), "signed in after the reset: {me}");
    let (_, _, me) = post(&app, "/api/accounts/me", String::new(), Some(&elsewhere)).await;
    assert_eq!(me, "null", "sessions with the old password end");
    signed_in(&app, "13800000001", "a-new-password").await;
    let (_, _, body) = reset(&app, &session, "13800000001", &code, "another-password").await;
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::CodeStartAgain),
        "a code works once"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_reset_for_an_unknown_number_answers_alike_and_sends_no_code(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let known = post(
        &app,
        "/api/accounts/reset_request",
        "phone=13800000001".into(),
        None,
    )
    .await;
    let unknown = post(
        &app,
        "/api/accounts/reset_request",
        "phone=13900000009".into(),
        None,
    )
    .await;
    assert_eq!(
        (known.0, &known.2),
        (unknown.0, &unknown.2),
        "same status and body"
    );
    let location = |headers: &HeaderMap| {
        headers[axum::http::header::LOCATION]
            .to_str()
            .expect("ascii")
            .replace(|c: char| c.is_ascii_digit(), "#")
    };
    assert_eq!(location(&known.1), location(&unknown.1), "same next page");
    // Both numbers get a text (the same wait, the same failures); only an account's has a code.
    let told: String =
        sqlx::query_scalar("select body from sms_outbox where phone = '13900000009'")
            .fetch_one(&pool)
            .await
            .expect("the unknown number was told");
    assert!(
        !told
            .split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() == 6),
        "{told}"
    );
    let session = session_cookie(&unknown.1);
    let (_, _, body) = reset(&app, &session, "13900000009", "123456", "a-new-password").await;
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::CodeWrong)
    );
    assert_eq!(
        count(
            &pool,
            "select count(*) from users where phone = '13900000009'"
        )
        .await,
        0
    );

    let (status, _, body) =
        post(&app, "/api/accounts/reset_request", "phone=12".into(), None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::PhoneFormat)
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn reset_codes_are_rate_limited_per_number_and_per_client(pool: PgPool) {
    let settings = Settings {
        codes_per_phone_per_hour: 2,
        codes_per_client_per_hour: 3,
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    for _ in 0..2 {
        assert_eq!(request_reset(&app, "13800000001").await.0, StatusCode::OK);
    }
    let (status, body, _) = request_reset(&app, "13800000001").await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "a third code to one number"
    );
    assert_eq!(error(&body), AppError::RateLimited);
    assert_eq!(request_reset(&app, "13800000002").await.0, StatusCode::OK);
    let (status, _, _) = request_reset(&app, "13800000003").await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "a fourth code asked for by one client, to another number"
    );
    assert_eq!(count(&pool, "select count(*) from sms_outbox").await, 3);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn confirming_a_number_takes_over_its_hotline_caller_record(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let caller = {
        let mut conn = pool.acquire().await.expect("connection");
        db::accounts::caller_record(&mut conn, "13900000001", "来电市民")
            .await
            .expect("caller record")
            .expect("a resident's number")
    };
    let (status, _, body) = post(
        &app,
        "/api/accounts/sign_in",
        "phone=13900000001&password=anything-at-all".into(),
        None,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "a caller record has no sign-in"
    );
    assert_eq!(
        error(&body),
        AppError::from(app::accounts::AccountRefusal::PasswordWrong)
    );

    let body = format!(
        "phone=13900000001&password=long-enough&display_name=%E7%8E%8B%E9%98%BF%E5%A7%A8&community={COMMUNITY}"
    );
    let (status, headers, body) = post(&app, "/api/accounts/register", body, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let session = session_cookie(&headers);
    let code = sent_code(&pool, "13900000001").await;
    let body = format!("phone=13900000001&code={code}");
    let (status, _, body) = post(&app, "/api/accounts/confirm", body, Some(&session)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let owner: UserId = sqlx::query_scalar("select id from users where phone = '13900000001'")
        .fetch_one(&pool)
        .await
        .expect("one user");
    assert_eq!(
        owner, caller,
        "the record (and what was filed for it) is now the account"
    );
    signed_in(&app, "13900000001", "long-enough").await;
}

/// What a fake SMS gateway received: (authorization header, JSON body).
type Received = Arc<Mutex<Vec<(String, serde_json::Value)>>>;

/// An HTTP SMS gateway on a free local port answering `status`; returns its URL.
async fn gateway(status: StatusCode, received: Received) -> String {
    let handler = move |headers: HeaderMap, axum::Json(body): axum::Json<serde_json::Value>| {
        let received = received.clone();
        async move {
            let auth = headers
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            received.lock().expect("lock").push((auth, body));
            status
        }
    };
    let router = Router::new().route("/send", axum::routing::post(handler));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    format!("http://{addr}/send")
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn in_production_codes_go_out_through_the_http_gateway(pool: PgPool) {
    let received = Received::default();
    let url = gateway(StatusCode::OK, received.clone()).await;
    let settings = Settings {
        sms_gateway: Some(SmsGateway {
            url,
            key: "gateway-key".into(),
        }),
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    // Everything logged on this thread while the code is made and sent, at every level.
    let log = Logged::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(log.clone())
        .finish();
    let guard = tracing::subscriber::set_default(subscriber);
    let (status, body, _) = request_reset(&app, "13800000001").await;
    drop(guard);
    assert_eq!(status, StatusCode::OK, "{body}");
    let received = received.lock().expect("lock").clone();
    assert_eq!(received.len(), 1);
    let (auth, message) = &received[0];
    assert_eq!(auth, "Bearer gateway-key");
    assert_eq!(message["phone"], "13800000001");
    let text = message["message"].as_str().expect("text");
    assert!(
        text.split(|c: char| !c.is_ascii_digit())
            .any(|run| run.len() == 6),
        "{text}"
    );
    assert_eq!(
        count(&pool, "select count(*) from sms_outbox").await,
        0,
        "not the dev sender"
    );
    let code = text
        .split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .expect("a code");
    let logged = String::from_utf8_lossy(&log.0.lock().expect("lock")).into_owned();
    assert!(!logged.is_empty(), "the capture works");
    assert!(!logged.contains(code), "the code never reaches the log");
}

/// A log written to memory.
#[derive(Clone, Default)]
struct Logged(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Logged {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Logged {
    type Writer = Logged;

    fn make_writer(&'a self) -> Logged {
        self.clone()
    }
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn when_the_gateway_fails_the_resident_is_told_and_no_account_waits(pool: PgPool) {
    let url = gateway(StatusCode::INTERNAL_SERVER_ERROR, Received::default()).await;
    let settings = Settings {
        sms_gateway: Some(SmsGateway {
            url,
            key: "k".into(),
        }),
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    let body =
        format!("phone=13900000001&password=long-enough&display_name=x&community={COMMUNITY}");
    let (status, _, body) = post(&app, "/api/accounts/register", body, None).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(error(&body), AppError::Unavailable);
    assert_eq!(
        count(
            &pool,
            "select count(*) from users where phone = '13900000001'"
        )
        .await,
        0
    );
}
