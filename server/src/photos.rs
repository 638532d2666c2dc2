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
    Path(id): Path<i64>,
) -> Response {
    app::requests::ssr::photo_response(&state, &session, id, false).await
}

pub async fn thumbnail(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Response {
    app::requests::ssr::photo_response(&state, &session, id, true).await
}

/// Turns a bare 413 (the body limit) into a page that says what happened, in the language of
/// the `jiesu_lang` cookie.
pub async fn explain_too_large(request: Request, next: Next) -> Response {
    let locale = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(Locale::from_cookie_header)
        .unwrap_or_default();
    let response = next.run(request).await;
    if response.status() != StatusCode::PAYLOAD_TOO_LARGE {
        return response;
    }
    let t = locale.texts();
    let page = format!(
        "<!DOCTYPE html><html lang=\"{}\"><meta charset=\"utf-8\"><meta name=\"viewport\" \
         content=\"width=device-width, initial-scale=1\"><title>{}</title><h1>{}</h1><p>{}</p>\
         <p><a href=\"javascript:history.back()\">{}</a></p></html>",
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
