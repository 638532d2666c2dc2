//! `GET /photos/{id}` and `/photos/{id}/thumbnail`, and the answer to a request body over the
//! limit (413, in the visitor's language).

use app::i18n::Locale;
use app::ssr::AppState;
use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_sessions::Session;

pub async fn photo(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<ids::PhotoId>,
) -> Response {
    app::requests::ssr::photo_response(&state, &session, id, false).await
}

pub async fn thumbnail(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<ids::PhotoId>,
) -> Response {
    app::requests::ssr::photo_response(&state, &session, id, true).await
}

/// Turns a bare 413 (the body limit) into a page that says what happened, in the language of
/// the `jiesu_lang` cookie, with a way back to the page the form was on.
pub async fn explain_too_large(request: Request, next: Next) -> Response {
    let locale = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_cookie_header)
        .unwrap_or_default();
    // Where the form was: the Referer's path, on this site whatever host it named (none: home).
    let back = request
        .headers()
        .get(header::REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(|r| r.split_once("://").map(|(_, rest)| rest))
        .and_then(|rest| rest.find('/').map(|i| &rest[i..]))
        .filter(|path| !path.starts_with("//"))
        .map_or_else(|| "/".to_owned(), escape_attribute);
    let response = next.run(request).await;
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return response;
    }
    let t = app::requests::RequestTexts::of(locale);
    let page = format!(
        "<!DOCTYPE html><html lang=\"{}\"><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{}</title><h1>{}</h1><p>{}</p>\
         <p><a href=\"{back}\">{}</a></p></html>",
        locale.tag(),
        t.upload_too_large_title,
        t.upload_too_large_title,
        t.upload_too_large,
        t.back
    );
    (
        StatusCode::PAYLOAD_TOO_LARGE,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

/// `s` safe inside a double-quoted HTML attribute.
fn escape_attribute(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
