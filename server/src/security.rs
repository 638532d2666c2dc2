//! What every request passes through before it reaches a handler, and every response on its
//! way out: cross-origin writes are refused, and the browser's protections are switched on.
//!
//! Cross-origin writes: a browser says where a request comes from (`Sec-Fetch-Site` in current
//! browsers, `Origin` on every cross-origin POST since long before). A state-changing request
//! (any method but GET, HEAD and OPTIONS) that a browser marks as coming from anywhere but this
//! origin is refused with 403 before a handler runs, so it writes nothing. Same-site sibling
//! hosts count as other origins. A request that carries neither header did not come from a
//! page of another origin (scripts and the hotline's own tools send neither) and is let
//! through, as Go's `CrossOriginProtection` does.

use app::ssr::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The Content-Security-Policy of everything that is not a page (JSON, photos, CSV, CSS,
/// the WASM): nothing in it may run, and nobody may frame it. Pages get theirs, with the
/// nonce of their hydration script, from `app::shell`.
const NOT_A_PAGE_CSP: &str =
    "default-src 'none'; img-src 'self'; style-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Powerful browser features: the filing form may ask for the position (this site only);
/// nothing here uses the others.
const PERMISSIONS_POLICY: &str =
    "geolocation=(self), camera=(), microphone=(), payment=(), usb=(), interest-cohort=()";

/// Refuses a cross-origin write (403, nothing written), then adds the security headers to
/// whatever the router answers.
pub async fn guard(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if is_cross_origin_write(request.method(), request.headers()) {
        tracing::warn!(
            method = %request.method(),
            path = request.uri().path(),
            origin = ?request.headers().get(header::ORIGIN),
            "cross-origin write refused"
        );
        let mut refused = (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "application/json")],
            serde_json::to_string(&app::error::AppError::Forbidden).unwrap_or_default(),
        )
            .into_response();
        add_headers(refused.headers_mut(), state.settings.secure_cookies, false);
        return refused;
    }
    let mut response = next.run(request).await;
    // A 304 updates what the browser kept: a page kept keeps its own policy.
    let kept = response.status() == StatusCode::NOT_MODIFIED;
    add_headers(response.headers_mut(), state.settings.secure_cookies, kept);
    response
}

/// Whether this request changes state and a browser says it comes from another origin.
pub fn is_cross_origin_write(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    let text = |name: header::HeaderName| headers.get(name).map(|v| v.to_str().unwrap_or(""));
    if let Some(site) = text(header::HeaderName::from_static("sec-fetch-site")) {
        // "none": the user typed it or chose a bookmark; never a page's doing.
        return !matches!(site, "same-origin" | "none");
    }
    match text(header::ORIGIN) {
        None => false,
        Some(origin) => {
            let host = text(header::HOST).unwrap_or("");
            origin_authority(origin) != Some(host) || host.is_empty()
        }
    }
}

/// `host[:port]` of an `Origin` header (`null` and anything unreadable have none).
fn origin_authority(origin: &str) -> Option<&str> {
    let rest = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))?;
    (!rest.is_empty() && !rest.contains('/')).then_some(rest)
}

/// The headers every response carries; a page's own CSP (with its nonce) is kept, and a 304
/// for a page the browser kept (`kept`) gets none.
fn add_headers(headers: &mut HeaderMap, https: bool, kept: bool) {
    let set = |headers: &mut HeaderMap, name: &'static str, value: &'static str| {
        headers.insert(
            header::HeaderName::from_static(name),
            HeaderValue::from_static(value),
        );
    };
    if !kept && !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        set(headers, "content-security-policy", NOT_A_PAGE_CSP);
    }
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "x-frame-options", "DENY");
    set(headers, "referrer-policy", "same-origin");
    set(headers, "permissions-policy", PERMISSIONS_POLICY);
    set(headers, "cross-origin-opener-policy", "same-origin");
    if https {
        set(
            headers,
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(
                header::HeaderName::from_static(name),
                HeaderValue::from_static(value),
            );
        }
        map
    }

    #[test]
    fn reads_are_never_refused() {
        let evil = headers(&[
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ]);
        assert!(!is_cross_origin_write(&Method::GET, &evil));
        assert!(!is_cross_origin_write(&Method::HEAD, &evil));
    }

    #[test]
    fn a_write_is_refused_unless_the_browser_says_it_is_from_this_origin() {
        let post = |pairs| is_cross_origin_write(&Method::POST, &headers(pairs));
        assert!(post(&[("sec-fetch-site", "cross-site")]));
        assert!(
            post(&[("sec-fetch-site", "same-site")]),
            "a sibling host is another origin"
        );
        assert!(!post(&[("sec-fetch-site", "same-origin")]));
        assert!(post(&[
            ("host", "jiesu.example"),
            ("origin", "https://evil.example")
        ]));
        assert!(post(&[
            ("host", "jiesu.example"),
            ("origin", "https://a.jiesu.example")
        ]));
        assert!(post(&[
            ("host", "jiesu.example:3000"),
            ("origin", "http://jiesu.example")
        ]));
        assert!(post(&[("host", "jiesu.example"), ("origin", "null")]));
        assert!(
            post(&[("origin", "https://jiesu.example")]),
            "no Host to compare with"
        );
        assert!(!post(&[
            ("host", "jiesu.example"),
            ("origin", "https://jiesu.example")
        ]));
        assert!(!post(&[
            ("host", "127.0.0.1:3000"),
            ("origin", "http://127.0.0.1:3000")
        ]));
        // Sec-Fetch-Site wins: a browser that sends it knows better than a Host comparison.
        assert!(post(&[
            ("host", "jiesu.example"),
            ("origin", "https://jiesu.example"),
            ("sec-fetch-site", "cross-site")
        ]));
        assert!(
            !post(&[]),
            "no browser of another origin sends neither header"
        );
    }
}
