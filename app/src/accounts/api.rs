//! Server functions of the accounts feature.

use super::CurrentUser;
use crate::error::AppError;
use leptos::prelude::*;

/// Signs in with a phone number and password, then goes to the home page. Anyone may call it.
/// Errors: `Invalid` (`phone`: malformed; `password`: empty or wrong), `RateLimited`.
#[server(endpoint = "accounts/sign_in")]
pub async fn sign_in(phone: String, password: String) -> Result<(), AppError> {
    use super::{ssr, Credentials};
    use crate::ssr::{client_addr, respond, session, state};
    respond(
        async {
            let credentials = Credentials::parse(&phone, &password)?;
            let state = state()?;
            let mut tx = state.pool.begin().await?;
            let checked = ssr::check_credentials(
                &mut tx,
                &state.settings,
                &credentials,
                client_addr().await.as_deref(),
            )
            .await;
            tx.commit().await?; // a failure is recorded even though we answer with an error
            ssr::start_session(&session().await?, &checked?).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

/// Signs out (ends the session) and goes to the home page. Anyone may call it.
#[server(endpoint = "accounts/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::ssr::{respond, session};
    respond(
        async {
            super::ssr::end_session(&session().await?).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

/// The signed-in user, or `None`. Anyone may call it.
#[server(endpoint = "accounts/me")]
pub async fn who_am_i() -> Result<Option<CurrentUser>, AppError> {
    use crate::ssr::{respond, session, state};
    respond(
        async {
            let state = state()?;
            let mut conn = state.pool.acquire().await?;
            super::ssr::session_user(&mut conn, &state.settings, &session().await?).await
        }
        .await,
    )
}
