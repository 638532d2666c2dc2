//! Who is asking: this request's session and signed-in user, the transaction an action runs
//! in, and what a refused form kept of what was typed.

use super::{state, AppState};
use crate::error::AppError;
use ids::UserId;
use leptos::prelude::*;

/// Resolves once user `user_id`'s session no longer holds (see
/// `accounts::ssr::session_still_valid`), checked every `live_session_check_secs`: a live
/// stream ends with it. A failed check (the database away) is tried again next time.
pub async fn session_ends(state: AppState, session: tower_sessions::Session, user_id: UserId) {
    let every = std::time::Duration::from_secs(state.settings.live_session_check_secs.max(1));
    loop {
        tokio::time::sleep(every).await;
        let valid = crate::accounts::ssr::session_still_valid(
            &state.pool,
            &state.settings,
            &session,
            user_id,
        )
        .await;
        if let Ok(false) = valid {
            return;
        }
    }
}

/// This request's session, its record loaded. Errors: `Internal` (the router has no session
/// layer).
///
/// Loaded now: a session loads its record from the pool the first time it is read, so a
/// caller that began a transaction first and read the session inside it would hold one
/// connection while waiting for another (with as many such requests as connections, all wait).
pub async fn session() -> Result<tower_sessions::Session, AppError> {
    let session = leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(|error| {
            tracing::error!(%error, "no session on this request");
            AppError::Internal
        })?;
    session.is_empty().await;
    Ok(session)
}

/// The user signed in on this request's session. Errors: `Unauthorized` (nobody is).
pub async fn current_user() -> Result<crate::accounts::CurrentUser, AppError> {
    let state = state()?;
    crate::accounts::ssr::session_user(&state.pool, &state.settings, &session().await?)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// Runs `action` as the signed-in user in one transaction, committed only when it succeeds:
/// a refusal writes nothing. Errors: `Unauthorized` (nobody is signed in), and `action`'s.
pub async fn in_transaction<T>(
    action: impl AsyncFnOnce(
        &mut db::PgConnection,
        &crate::accounts::CurrentUser,
    ) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let user = current_user().await?;
    let mut tx = state()?.pool.begin().await?;
    let value = action(&mut tx, &user).await?;
    tx.commit().await?;
    Ok(value)
}

/// Runs `action` in a transaction that is then rolled back: whether the action would pass
/// (who may, limits, fields), before anything expensive is done for it. Errors: `action`'s.
pub async fn dry_run<T>(
    pool: &db::PgPool,
    action: impl AsyncFnOnce(&mut db::PgConnection) -> Result<T, AppError>,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    action(&mut tx).await?;
    tx.rollback().await?;
    Ok(())
}

/// Runs a form post's `action` and answers with its result (its HTTP status set); when it is
/// refused, keeps what was `typed` under `form` for the page to show again (a plain form post
/// loses it otherwise). Errors: `action`'s.
pub async fn keeping_typed<T>(
    form: &str,
    typed: &[(&str, &str)],
    action: impl AsyncFnOnce() -> Result<T, AppError>,
) -> Result<T, AppError> {
    let result = action().await;
    if result.is_err() {
        keep_typed(form, typed).await;
    }
    super::respond(result)
}

/// Keeps what was typed into `form` in the session, passwords aside. A failure only means the
/// user types again: logged, not returned.
async fn keep_typed(form: &str, values: &[(&str, &str)]) {
    let Ok(session) = session().await else { return };
    let values: Vec<(String, String)> = values
        .iter()
        .filter(|(k, _)| !k.contains("password"))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    if let Err(error) = session.insert(&format!("typed:{form}"), values).await {
        tracing::warn!(%error, "could not keep the typed values");
    }
}

/// The header an upload with progress sends (see `components::checked_form`).
pub const UPLOAD_HEADER: &str = "x-jiesu-upload";

/// Takes (and forgets) what `keep_typed` kept for `form`.
pub async fn take_typed(form: &str) -> Vec<(String, String)> {
    let Ok(session) = session().await else {
        return Vec::new();
    };
    let key = format!("typed:{form}");
    // An upload posted with progress (`X-Jiesu-Upload`) is an XMLHttpRequest: it follows the
    // redirect and renders the page once before the browser goes there. That rendering must
    // leave the values for the browser's own.
    let peek = use_context::<axum::http::request::Parts>()
        .is_some_and(|parts| parts.headers.contains_key(UPLOAD_HEADER));
    let kept = session
        .get::<Vec<(String, String)>>(&key)
        .await
        .ok()
        .flatten();
    // Removing marks the session changed (a write when the response goes): only when kept.
    if !peek && kept.is_some() {
        if let Err(error) = session.remove_value(&key).await {
            tracing::warn!(%error, "could not forget the typed values");
        }
    }
    kept.unwrap_or_default()
}
