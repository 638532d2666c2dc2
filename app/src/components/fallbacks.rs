//! What a page shows instead of itself: the 404 page, the error boundary's fallback, and the
//! gate of a page for some viewers only (the way to sign in, or why not).

use crate::i18n::CommonTexts;
use leptos::prelude::*;
use leptos_meta::Title;

/// The page for an unknown address; answers 404.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(axum::http::StatusCode::NOT_FOUND);
    }
    let t = CommonTexts::here();
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
    let t = CommonTexts::here();
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
                .map_or(t.error_text.into(), |e| crate::error::error_message(t, e))
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
/// The gate of a page for some viewers only: what `result` holds, or what the page shows
/// instead: the way to sign in (signed out) or `forbidden` (signed in but not allowed, when
/// the page says so). Errors: any other of `result`'s.
pub fn gate<T>(
    result: Result<T, crate::error::AppError>,
    forbidden: Option<&'static str>,
) -> Result<Result<T, AnyView>, crate::error::AppError> {
    use crate::error::AppError;
    match (result, forbidden) {
        (Ok(value), _) => Ok(Ok(value)),
        (Err(AppError::Unauthorized), _) => Ok(Err(sign_in_first())),
        (Err(AppError::Forbidden), Some(text)) => Ok(Err(view! { <p>{text}</p> }.into_any())),
        (Err(other), _) => Err(other),
    }
}

/// Instead of a page for the signed-in only: off to sign in.
pub fn sign_in_first() -> AnyView {
    view! { <leptos_router::components::Redirect path="/sign-in" /> }.into_any()
}
