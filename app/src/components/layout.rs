//! The frame around every page: header with navigation and language switch, main, footer;
//! plus the 404 page and the error boundary's fallback.

use crate::accounts::page::AccountCorner;
use crate::i18n::{switch_href, use_locale, use_texts};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    let locale = use_locale();
    let t = locale.texts();
    let location = use_location();
    // The switch returns to this very page, query included.
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let query = search.trim_start_matches('?');
    let here = if query.is_empty() {
        path
    } else {
        format!("{path}?{query}")
    };
    let other = locale.other();
    // Demo accounts have published passwords: nobody should take this site for a real one.
    #[cfg(feature = "ssr")]
    let demo = use_context::<crate::ssr::AppState>().is_some_and(|s| s.settings.demo_accounts);
    #[cfg(not(feature = "ssr"))]
    let demo = false;
    let demo_banner =
        demo.then(|| view! { <p class="demo-banner" role="note">{t.demo_data_banner}</p> });
    view! {
        <Title formatter=move |page: String| {
            if page.is_empty() { t.app_name.to_string() } else { format!("{page} · {}", t.app_name) }
        } />
        <a class="skip" href="#main">{t.skip_to_content}</a>
        {demo_banner}
        <header class="site-header">
            <a class="brand" href="/">
                <span class="brand-mark" aria-hidden="true">"12345"</span>
                <span class="brand-name">{t.app_name}</span>
            </a>
            <nav aria-label=t.nav_label>
                <a href="/">{t.nav_home}</a>
                <a href="/requests/new">{t.nav_file}</a>
                <a href="/requests">{t.nav_public}</a>
                <a href="/measures">{t.nav_measures}</a>
                <a href="/topics">{t.nav_topics}</a>
                <a href="/consultations">{t.nav_consultations}</a>
                <a href="/lookup">{t.nav_lookup}</a>
                <a href="/areas">{t.nav_areas}</a>
            </nav>
            <AccountCorner />
            <a class="lang-switch" href=switch_href(other, &here) hreflang=other.tag() lang=other.tag()>
                {other.texts().switch_to_this_language}
            </a>
        </header>
        <main id="main">
            <ErrorBoundary fallback=|errors| view! { <ErrorPage errors /> }>{children()}</ErrorBoundary>
        </main>
        <footer class="site-footer">
            <p>{t.footer}</p>
        </footer>
    }
}

/// The page for an unknown address; answers 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let t = use_texts();
    view! {
        <Title text=t.not_found_title />
        <section class="notice">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_text}</p>
            <p>
                <a href="/">{t.back_home}</a>
            </p>
        </section>
    }
}

/// What an error boundary shows instead of a page that failed. Pages that load data put their
/// own `<ErrorBoundary>` inside their `<Suspense>`; the layout's catches everything else.
#[component]
pub fn ErrorPage(errors: ArcRwSignal<Errors>) -> impl IntoView {
    let t = use_texts();
    let app_errors: Vec<Option<crate::error::AppError>> = errors
        .get_untracked()
        .into_iter()
        .map(|(_, error)| error.downcast_ref::<crate::error::AppError>().cloned())
        .collect();
    let not_found = app_errors
        .iter()
        .all(|e| e == &Some(crate::error::AppError::NotFound));
    let title = if not_found {
        t.not_found_title
    } else {
        t.error_title
    };
    let messages = app_errors
        .iter()
        .map(|e| {
            e.as_ref()
                .map_or(t.error_text, |e| crate::i18n::error_message(t, e))
        })
        .collect::<std::collections::BTreeSet<_>>();
    view! {
        <Title text=title />
        <section class="notice" role="alert">
            <h1>{title}</h1>
            {messages.into_iter().map(|m| view! { <p>{m}</p> }).collect_view()}
            <p>
                <a href="/">{t.back_home}</a>
            </p>
        </section>
    }
}

/// What a page for signed-in users shows a visitor who is signed out: a redirect to sign in
/// (a `302` when rendered on the server, so it works without JavaScript).
pub fn sign_in_first() -> AnyView {
    view! { <leptos_router::components::Redirect path="/sign-in" /> }.into_any()
}
