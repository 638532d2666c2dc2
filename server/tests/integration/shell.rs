//! The frame every page shares, through the real router on a real database: a refusal that a
//! form post came back with shows at the top of whatever page it lands on, in both languages;
//! the large-text switch (长辈模式); the home page's first offers; pages leave compressed.

use crate::common;

use app::error::refusal_message;
use app::error::AppError;
use app::i18n::Locale;
use app::ssr::Settings;
use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use common::{get, send};
use leptos::server_fn::error::ServerFnUrlError;
use sqlx::PgPool;

/// These tests take turns. Rendered at once on several test runtimes in one process, pages
/// sometimes stalled (about 1 run in 6: a page never finished, or one waited 5 s); one at a
/// time, never in 30 runs. Each `#[sqlx::test]` has a runtime of its own, which a server
/// never has; the cause is not found yet.
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// `text` as it appears in HTML text.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The page at `path` as a form post that `error` refused comes back to it.
fn landing(path: &str, error: AppError, locale: Locale) -> Request<Body> {
    let url = ServerFnUrlError::new("/api/some/form", error)
        .to_url(&format!("http://localhost{path}"))
        .expect("a url");
    let uri = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    Request::get(uri)
        .header(header::COOKIE, format!("jiesu_lang={}", locale.tag()))
        .body(Body::empty())
        .expect("request")
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn every_refusal_shows_at_the_top_of_the_page_it_lands_on_in_both_languages(pool: PgPool) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let app = common::app(pool, Settings::default()).await;
    let mut errors: Vec<AppError> = app::error::every_refusal().map(|(_, e)| e).collect();
    errors.extend([
        AppError::Unauthorized,
        AppError::Forbidden,
        AppError::NotFound,
        AppError::Conflict,
        AppError::RateLimited,
        AppError::Unavailable,
        AppError::BadRequest("x".into()),
        AppError::Internal,
    ]);
    assert!(errors.len() > 150, "every refusal: {}", errors.len());
    // A page whose form is not there any more (a closed consultation's ballot, say) and one
    // whose form is: the refusal shows either way.
    let pages = ["/consultations", "/sign-in"];
    for locale in Locale::ALL {
        let t = locale.texts();
        for (i, error) in errors.iter().enumerate() {
            let page = pages[i % pages.len()];
            let (status, _, body) = send(&app, landing(page, error.clone(), locale)).await;
            assert_eq!(status, StatusCode::OK, "{page} with {error:?}");
            let message = escaped(&refusal_message(t, error));
            let summary = body
                .split(r#"class="refusal">"#)
                .nth(1)
                .and_then(|rest| rest.split("</p>").next())
                .unwrap_or_else(|| panic!("no refusal summary on {page} for {error:?}"));
            assert!(
                summary.contains(&message),
                "{locale:?} {error:?}: {summary} lacks {message}"
            );
            assert!(summary.contains(&escaped(t.refusal_title)));
        }
    }
    // Without a refusal there is no summary.
    let (_, _, body) = send(&app, get("/consultations")).await;
    assert!(!body.contains(r#"class="refusal""#));
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_large_text_switch_is_remembered_like_the_language(pool: PgPool) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let app = common::app(pool, Settings::default()).await;
    let (_, _, body) = send(&app, get("/")).await;
    assert!(!body.contains("large-text"), "standard by default");
    assert!(
        body.contains(r#"href="/text-size/large?back=/""#),
        "the switch is a link"
    );

    let (status, headers, _) = send(&app, get("/text-size/large?back=/areas/110108")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/areas/110108");
    let cookie = headers[header::SET_COOKIE].to_str().expect("ascii");
    assert!(cookie.starts_with("jiesu_text=large;"), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("Max-Age=31536000"));

    let request = Request::get("/areas/110108")
        .header(header::COOKIE, "jiesu_lang=en; jiesu_text=large")
        .body(Body::empty())
        .expect("request");
    let (_, _, body) = send(&app, request).await;
    assert!(
        body.contains(r#"<html lang="en" class="large-text""#),
        "{}",
        &body[..300]
    );
    assert!(body.contains(r#"href="/text-size/standard?back=/areas/110108""#));
    assert!(body.contains("Standard text"));

    let (_, headers, _) = send(&app, get("/text-size/large?back=//evil.example")).await;
    assert_eq!(headers[header::LOCATION], "/", "no open redirect");
    assert_eq!(
        send(&app, get("/text-size/huge")).await.0,
        StatusCode::NOT_FOUND
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_home_page_leads_with_filing_and_looking_up(pool: PgPool) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let app = common::app(pool.clone(), Settings::default()).await;
    let (_, _, body) = send(&app, get("/")).await;
    let file = body
        .find(r#"href="/requests/new""#)
        .expect("a link to file");
    let lookup = body.find(r#"action="/lookup""#).expect("a lookup form");
    let about = body.find("怎么办理").expect("how it works");
    assert!(
        file < about && lookup < about,
        "filing and lookup come first"
    );
    assert!(
        !body.contains("我正在办理的诉求"),
        "nothing of anyone's own when signed out"
    );

    // A signed-in resident sees their open requests and unread messages.
    let cookie = common::signed_in(&app, "13800000001", "jiesu-resident").await;
    let number = common::file_noise(&app, &cookie, "40e30000-0000-4000-8000-000000000001").await;
    let request = Request::get("/")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .expect("request");
    let (_, _, body) = send(&app, request).await;
    assert!(body.contains("我正在办理的诉求"));
    assert!(body.contains(&number), "their new request is listed");
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn pages_leave_compressed_for_browsers_that_take_it(pool: PgPool) {
    let _turn = ONE_AT_A_TIME.lock().await;
    let app = common::app(pool, Settings::default()).await;
    let request = Request::get("/areas/110108")
        .header(header::ACCEPT_ENCODING, "br, gzip")
        .body(Body::empty())
        .expect("request");
    let (status, headers, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CONTENT_ENCODING], "br");
    let request = Request::get("/areas/110108")
        .header(header::ACCEPT_ENCODING, "gzip")
        .body(Body::empty())
        .expect("request");
    assert_eq!(
        send(&app, request).await.1[header::CONTENT_ENCODING],
        "gzip"
    );
    let (_, headers, body) = send(&app, get("/areas/110108")).await;
    assert!(headers.get(header::CONTENT_ENCODING).is_none());
    assert!(body.contains("海淀区"));
}
