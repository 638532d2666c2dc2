//! What is kept of a page: by this process, and by a browser or a proxy.
//!
//! A page seen without a session (no session cookie sent, none set) is one anyone sees alike
//! at that address with those preference cookies (language, text size). Such a page is:
//! - kept here with the database snapshot it was read at (`pg_current_snapshot()`, read before
//!   it is drawn) and served again, without drawing it, while the snapshot is the same: no
//!   transaction has written anything since, in any process, so the page is what drawing it
//!   would give. The check is one small read; a page is drawn again at the latest after
//!   [`KEPT_FOR`] (what it says of the time, such as this month, moves on). Views that find no
//!   current page at the same snapshot wait for one of them to draw it;
//! - sent `public, no-cache` with an ETag, so a proxy or the browser may keep it but asks each
//!   time whether it is still current, and a 304 without a body answers when it is.
//!
//! Each response carries a fresh CSP nonce, in the policy and in the page, kept or not. The
//! ETag is the page's contents without its nonce; a 304 carries no CSP, so the copy a browser
//! kept keeps the policy its nonce belongs to. A page seen with a session is the visitor's own:
//! `private, no-cache`, never kept by anyone else. Anything but a page (server functions,
//! photos, files) keeps what its handler says.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use std::collections::HashMap;
use std::hash::Hasher;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// The largest public page this reads whole to tag it (a larger one is answered 500; pages
/// are far smaller).
const MAX_TAGGED_BYTES: usize = 4 * 1024 * 1024;
/// How much of pages this process keeps at most (all dropped when full).
const MAX_KEPT_BYTES: usize = 16 * 1024 * 1024;
/// How long a page is served again at most, however still the database.
pub const KEPT_FOR: Duration = Duration::from_secs(10);

/// The pages this process keeps for visitors without a session.
#[derive(Clone)]
pub struct Pages {
    pool: db::PgPool,
    kept: Arc<Mutex<Kept>>,
    drawing: Arc<Mutex<HashMap<At, Arc<Drawing>>>>,
}

/// A page at a database snapshot.
type At = (Key, String);

/// A page being drawn at a snapshot: what it gave (`None`: nothing to keep), once drawn.
type Drawing = tokio::sync::OnceCell<Option<Arc<Page>>>;

#[derive(Default)]
struct Kept {
    pages: HashMap<Key, Arc<Page>>,
    bytes: usize,
}

/// A page's address and the preference cookies sent with it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    uri: String,
    cookies: Option<HeaderValue>,
}

struct Page {
    snapshot: String,
    drawn: Instant,
    headers: HeaderMap,
    body: Bytes,
    /// The nonce the page was drawn with, replaced by a fresh one in each response.
    nonce: Option<String>,
    etag: String,
}

impl Pages {
    pub fn new(pool: db::PgPool) -> Self {
        Pages {
            pool,
            kept: Arc::default(),
            drawing: Arc::default(),
        }
    }

    fn kept(&self, key: &Key, snapshot: &str) -> Option<Arc<Page>> {
        let kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        kept.pages
            .get(key)
            .filter(|p| p.snapshot == snapshot && p.drawn.elapsed() < KEPT_FOR)
            .cloned()
    }

    fn keep(&self, key: Key, page: Arc<Page>) {
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.bytes + page.body.len() > MAX_KEPT_BYTES {
            kept.pages.clear();
            kept.bytes = 0;
        }
        kept.bytes += page.body.len();
        if let Some(old) = kept.pages.insert(key, page) {
            kept.bytes -= old.body.len();
        }
    }

    /// The database's snapshot now (which transactions have written): `None` when it cannot be
    /// read (the page is then drawn, and not kept).
    async fn snapshot(&self) -> Option<String> {
        let read = async {
            let mut conn = self.pool.acquire().await.map_err(db::DbError::from)?;
            db::snapshot(&mut conn).await
        };
        match read.await {
            Ok(snapshot) => Some(snapshot),
            Err(error) => {
                tracing::warn!(%error, "the database snapshot could not be read: the page is drawn");
                None
            }
        }
    }
}

/// Serves a kept page when it is current, keeps and tags the public pages drawn, and marks
/// private pages private.
///
/// When a page is not kept (the first view, a write since, [`KEPT_FOR`] past), the views that
/// ask for it at the same snapshot wait for one of them to draw it rather than each drawing it:
/// when a busy page expired, every caller at once drew it again (32 draws in a burst under wrk,
/// the slowest view 66–193 ms; the request page's p99 tail).
pub async fn pages(State(pages): State<Pages>, request: Request, next: Next) -> Response {
    // Only GET: a HEAD's empty body would tag differently from the page.
    let get = request.method() == Method::GET;
    let anonymous = !has_session_cookie(request.headers());
    let known = request.headers().get(header::IF_NONE_MATCH).cloned();
    let key = Key {
        uri: request.uri().to_string(),
        cookies: request.headers().get(header::COOKIE).cloned(),
    };
    let snapshot = if get && anonymous && may_be_page(request.uri().path()) {
        pages.snapshot().await
    } else {
        None
    };
    let Some(snapshot) = snapshot else {
        return draw(request, next, None).await.0;
    };
    if let Some(page) = pages.kept(&key, &snapshot) {
        return serve(&page, known.as_ref());
    }
    let turn = Turn::take(&pages, (key.clone(), snapshot.clone()));
    let mut mine = Some(request);
    let mut own = None;
    let drawn = turn
        .drawing
        .get_or_init(|| async {
            let request = mine.take()?;
            let (response, page) = draw(request, next.clone(), Some(snapshot)).await;
            own = Some(response);
            page
        })
        .await
        .clone();
    if let Some(response) = own {
        if let Some(page) = &drawn {
            pages.keep(key, Arc::clone(page));
        }
        return response;
    }
    drop(turn);
    match (drawn, mine) {
        (Some(page), _) => serve(&page, known.as_ref()),
        // What another view drew is not to be kept (not a public page): this one draws its own.
        (None, Some(request)) => draw(request, next, None).await.0,
        (None, None) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// A view's place among those waiting for a page to be drawn at a snapshot; the last to leave
/// takes the drawing away.
struct Turn<'a> {
    pages: &'a Pages,
    at: At,
    drawing: Arc<Drawing>,
}

impl<'a> Turn<'a> {
    fn take(pages: &'a Pages, at: At) -> Self {
        let mut drawing = pages.drawing.lock().unwrap_or_else(PoisonError::into_inner);
        let drawing = Arc::clone(drawing.entry(at.clone()).or_default());
        Turn { pages, at, drawing }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut drawing = self
            .pages
            .drawing
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        // Counted under the lock that taking a turn holds: no view is joining meanwhile.
        if Arc::strong_count(&self.drawing) == 2 {
            drawing.remove(&self.at);
        }
    }
}

/// Draws the page; tags a public one, and gives it to keep when it was read at a `snapshot`.
async fn draw(
    request: Request,
    next: Next,
    snapshot: Option<String>,
) -> (Response, Option<Arc<Page>>) {
    let anonymous = !has_session_cookie(request.headers());
    let known = request.headers().get(header::IF_NONE_MATCH).cloned();
    let get = request.method() == Method::GET;
    let mut response = next.run(request).await;
    if !get || response.status() != StatusCode::OK || !is_page(response.headers()) {
        return (response, None);
    }
    if !anonymous || response.headers().contains_key(header::SET_COOKIE) {
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
        return (response, None);
    }
    let (mut parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, MAX_TAGGED_BYTES).await else {
        tracing::warn!("a public page could not be read whole to tag it");
        return (StatusCode::INTERNAL_SERVER_ERROR.into_response(), None);
    };
    let nonce = nonce_of(&parts.headers);
    let etag = etag_of(&body, nonce.as_deref());
    let headers = &mut parts.headers;
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, no-cache"),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Cookie"));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        headers.insert(header::ETAG, value);
    }
    let page = Page {
        snapshot: snapshot.clone().unwrap_or_default(),
        drawn: Instant::now(),
        headers: parts.headers,
        body,
        nonce,
        etag,
    };
    let answer = if known.as_ref().is_some_and(|k| matches(k, &page.etag)) {
        not_modified(&page)
    } else {
        with_headers(page.headers.clone(), Body::from(page.body.clone()))
    };
    (answer, snapshot.map(|_| Arc::new(page)))
}

/// A kept page, with a fresh nonce (or a 304 when the browser has it).
fn serve(page: &Page, known: Option<&HeaderValue>) -> Response {
    if known.is_some_and(|k| matches(k, &page.etag)) {
        return not_modified(page);
    }
    let Some(old) = page.nonce.as_deref() else {
        return with_headers(page.headers.clone(), Body::from(page.body.clone()));
    };
    let fresh = leptos::nonce::Nonce::new().to_string();
    let mut headers = page.headers.clone();
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .map(|p| p.replace(&format!("'nonce-{old}'"), &format!("'nonce-{fresh}'")))
        .and_then(|p| HeaderValue::from_str(&p).ok());
    match policy {
        Some(policy) => headers.insert(header::CONTENT_SECURITY_POLICY, policy),
        // Never the old nonce again: without a policy naming the fresh one, no page.
        None => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let mut body = Vec::with_capacity(page.body.len());
    let mut from = 0;
    for at in memchr::memmem::find_iter(&page.body, old.as_bytes()) {
        body.extend_from_slice(&page.body[from..at]);
        body.extend_from_slice(fresh.as_bytes());
        from = at + old.len();
    }
    body.extend_from_slice(&page.body[from..]);
    headers.remove(header::CONTENT_LENGTH);
    with_headers(headers, Body::from(body))
}

/// The kept copy is current: no body, and no policy (the copy keeps its own).
fn not_modified(page: &Page) -> Response {
    let mut headers = page.headers.clone();
    headers.remove(header::CONTENT_SECURITY_POLICY);
    headers.remove(header::CONTENT_LENGTH);
    let mut answer = with_headers(headers, Body::empty());
    *answer.status_mut() = StatusCode::NOT_MODIFIED;
    answer
}

fn with_headers(headers: HeaderMap, body: Body) -> Response {
    let mut response = Response::new(body);
    *response.headers_mut() = headers;
    response
}

/// Whether `path` may be a page: not a file (the WASM, CSS, icons, photos), a server function,
/// a stream or a health check, which need no snapshot read before them.
fn may_be_page(path: &str) -> bool {
    let not_pages = ["/pkg/", "/api/", "/photos/", "/healthz", "/readyz"];
    let last = path.rsplit('/').next().unwrap_or_default();
    !not_pages.iter().any(|p| path.starts_with(p))
        && !last.contains('.')
        && !path.ends_with("/events")
}

/// Whether the request names a session (the cookie's name is the same with or without the
/// `__Host-` prefix).
fn has_session_cookie(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .any(|(name, _)| name.trim_start_matches("__Host-") == "jiesu_session")
}

fn is_page(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

/// The nonce in a page's Content-Security-Policy (`'nonce-…'`), if it has one.
fn nonce_of(headers: &HeaderMap) -> Option<String> {
    let policy = headers
        .get(header::CONTENT_SECURITY_POLICY)?
        .to_str()
        .ok()?;
    let start = policy.find("'nonce-")? + "'nonce-".len();
    let length = policy[start..].find('\'')?;
    Some(policy[start..start + length].to_owned()).filter(|n| !n.is_empty())
}

/// A strong ETag of `page` with every occurrence of `nonce` left out.
fn etag_of(page: &[u8], nonce: Option<&str>) -> String {
    // Fixed keys: the same page gets the same tag in every process of a build.
    let mut hasher = std::hash::DefaultHasher::new();
    let mut from = 0;
    if let Some(nonce) = nonce.map(str::as_bytes) {
        for at in memchr::memmem::find_iter(page, nonce) {
            hasher.write(&page[from..at]);
            from = at + nonce.len();
        }
    }
    hasher.write(&page[from..]);
    format!("\"{:016x}\"", hasher.finish())
}

/// Whether an `If-None-Match` value names `etag` (or is `*`).
fn matches(known: &HeaderValue, etag: &str) -> bool {
    known.to_str().is_ok_and(|known| {
        known.split(',').map(str::trim).any(|tag| {
            tag == "*" || tag == etag || tag.strip_prefix("W/").is_some_and(|t| t == etag)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::Request;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[test]
    fn a_page_tags_alike_whatever_its_nonce() {
        let one = etag_of(b"<script nonce=\"abc123\">x</script>abc123", Some("abc123"));
        let two = etag_of(b"<script nonce=\"zzz999\">x</script>zzz999", Some("zzz999"));
        assert_eq!(one, two);
        let other = etag_of(b"<script nonce=\"zzz999\">y</script>", Some("zzz999"));
        assert_ne!(one, other);
        assert_ne!(etag_of(b"a", None), etag_of(b"b", None));
    }

    #[test]
    fn reads_the_nonce_and_the_session_cookie() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'self' 'nonce-Q1w2' 'wasm-unsafe-eval'"),
        );
        assert_eq!(nonce_of(&headers).as_deref(), Some("Q1w2"));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("lang=en; text=large"),
        );
        assert!(!has_session_cookie(&headers));
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("lang=en; __Host-jiesu_session=abc"),
        );
        assert!(has_session_cookie(&headers));
    }

    #[test]
    fn files_and_calls_are_not_pages() {
        assert!(may_be_page("/"));
        assert!(may_be_page("/requests/20261205-000001"));
        for path in [
            "/pkg/jiesu.css",
            "/favicon.svg",
            "/photos/3",
            "/api/requests/file",
            "/inbox/events",
        ] {
            assert!(!may_be_page(path), "{path}");
        }
    }

    #[test]
    fn if_none_match_names_a_tag() {
        let tag = "\"0123456789abcdef\"";
        let known = |v: &'static str| matches(&HeaderValue::from_static(v), tag);
        assert!(known("\"0123456789abcdef\""));
        assert!(known("\"x\", W/\"0123456789abcdef\""));
        assert!(known("*"));
        assert!(!known("\"fedcba9876543210\""));
    }

    /// A router answering `/page` (a public page) and `/missing` (a 404) after a pause,
    /// counting how often each is drawn, behind the middleware.
    fn counting(pool: sqlx::PgPool) -> (axum::Router, Arc<[AtomicUsize; 2]>) {
        let draws = Arc::new([AtomicUsize::new(0), AtomicUsize::new(0)]);
        let answer = |which: usize, status: StatusCode| {
            let draws = Arc::clone(&draws);
            move || async move {
                draws[which].fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(300)).await;
                (
                    status,
                    [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                    "<p>页</p>",
                )
            }
        };
        let app = axum::Router::new()
            .route("/page", axum::routing::get(answer(0, StatusCode::OK)))
            .route(
                "/missing",
                axum::routing::get(answer(1, StatusCode::NOT_FOUND)),
            )
            .layer(axum::middleware::from_fn_with_state(
                Pages::new(pool),
                pages,
            ));
        (app, draws)
    }

    /// `n` views of `uri` at once: their statuses and bodies.
    async fn at_once(app: &axum::Router, uri: &str, n: usize) -> Vec<(StatusCode, Bytes)> {
        use tower::ServiceExt;
        let views = (0..n).map(|_| {
            let request = Request::get(uri).body(Body::empty()).expect("request");
            async move {
                let response = app.clone().oneshot(request).await.expect("answered");
                let status = response.status();
                let body = axum::body::to_bytes(response.into_body(), usize::MAX).await;
                (status, body.expect("a body"))
            }
        });
        futures::future::join_all(views).await
    }

    #[sqlx::test]
    async fn views_of_a_page_not_kept_wait_for_one_drawing(pool: sqlx::PgPool) {
        let (app, draws) = counting(pool);
        let views = at_once(&app, "/page", 16).await;
        assert!(views
            .iter()
            .all(|(status, body)| *status == StatusCode::OK && *body == views[0].1));
        assert_eq!(
            draws[0].load(Ordering::SeqCst),
            1,
            "drawn once for 16 views"
        );
        at_once(&app, "/page", 4).await;
        assert_eq!(draws[0].load(Ordering::SeqCst), 1, "then kept");

        // What is not kept (not found, here) is drawn for each view still.
        let views = at_once(&app, "/missing", 5).await;
        assert!(views
            .iter()
            .all(|(status, _)| *status == StatusCode::NOT_FOUND));
        assert_eq!(draws[1].load(Ordering::SeqCst), 5);
    }

    #[test]
    fn a_kept_page_goes_out_with_a_fresh_nonce_everywhere() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'self' 'nonce-OLDnonce'"),
        );
        let page = Page {
            snapshot: "1:1:".into(),
            drawn: Instant::now(),
            headers,
            body: Bytes::from_static(b"<script nonce=\"OLDnonce\"></script><p>OLDnonce</p>"),
            nonce: Some("OLDnonce".into()),
            etag: "\"t\"".into(),
        };
        let response = serve(&page, None);
        let policy = response.headers()[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .expect("a policy")
            .to_owned();
        assert!(!policy.contains("OLDnonce"));
        let fresh = nonce_of(response.headers()).expect("a nonce");
        assert!(fresh.len() >= 16);
        let served = serve(&page, None);
        assert_ne!(
            nonce_of(served.headers()).expect("a nonce"),
            fresh,
            "another each time"
        );
        let current = serve(&page, Some(&HeaderValue::from_static("\"t\"")));
        assert_eq!(current.status(), StatusCode::NOT_MODIFIED);
        assert!(!current
            .headers()
            .contains_key(header::CONTENT_SECURITY_POLICY));
    }
}
