//! `/lang/{tag}?back=/path`: the language switch. Sets the `jiesu_lang` cookie and returns to
//! the page it came from, so it works without JavaScript.

use app::i18n::{Locale, LANG_COOKIE};
use app::ssr::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct Back {
    back: Option<String>,
}

/// Sets the language cookie (HttpOnly: no script reads it; Secure over HTTPS) and goes back.
pub async fn switch(
    State(state): State<AppState>,
    Path(tag): Path<String>,
    Query(back): Query<Back>,
) -> Response {
    let Some(locale) = Locale::from_tag(&tag) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let secure = if state.settings.secure_cookies {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly{secure}",
        locale.tag()
    );
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
