//! The header's two switches, links that work without JavaScript: `/lang/{tag}?back=/path`
//! (the language) and `/text-size/{size}?back=/path` (长辈模式). Each sets its cookie and
//! returns to the page it came from.

use app::i18n::{Locale, LANG_COOKIE};
use app::layout::{TextSize, TEXT_SIZE_COOKIE};
use app::ssr::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Back {
    back: Option<String>,
}

/// Sets the language cookie and goes back.
pub async fn language(
    State(state): State<AppState>,
    Path(tag): Path<String>,
    Query(back): Query<Back>,
) -> Response {
    match Locale::from_tag(&tag) {
        Some(locale) => remember(&state, LANG_COOKIE, locale.tag(), back),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Sets the text-size cookie and goes back.
pub async fn text_size(
    State(state): State<AppState>,
    Path(size): Path<String>,
    Query(back): Query<Back>,
) -> Response {
    match TextSize::parse(&size) {
        Some(size) => remember(&state, TEXT_SIZE_COOKIE, size.as_str(), back),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}

/// Sets a preference cookie for a year (HttpOnly: no script reads it; Secure over HTTPS) and
/// sends the browser back.
fn remember(state: &AppState, name: &str, value: &str, back: Back) -> Response {
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie =
        format!("{name}={value}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}");
    let location = local_path(back.back.as_deref());
    (
        StatusCode::SEE_OTHER,
        [(header::SET_COOKIE, cookie), (header::LOCATION, location)],
    )
        .into_response()
}

/// `back` if it is a path on this site, else `/` (no open redirect to another host).
fn local_path(back: Option<&str>) -> String {
    match back {
        Some(p)
            if p.starts_with('/')
                && !p.starts_with("//")
                && !p.contains('\\')
                && !p.chars().any(|c| c.is_control() || c.is_whitespace()) =>
        {
            p.to_owned()
        }
        _ => "/".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn only_paths_on_this_site_are_returned_to() {
        assert_eq!(local_path(Some("/areas/110108?x=1")), "/areas/110108?x=1");
        assert_eq!(local_path(Some("//evil.example/")), "/");
        assert_eq!(local_path(Some("https://evil.example/")), "/");
        assert_eq!(local_path(Some("/\\evil.example")), "/");
        // Browsers drop tabs and newlines from URLs: "/\t/evil" would become "//evil".
        assert_eq!(local_path(Some("/\t/evil.example")), "/");
        assert_eq!(local_path(Some("/\u{1}x")), "/");
        assert_eq!(local_path(Some("/\u{1}x")), "/");
        assert_eq!(local_path(None), "/");
    }
}
