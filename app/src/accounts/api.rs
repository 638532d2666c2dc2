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

/// Starts a resident's registration: sends a code to the number (the account is created when
/// the code comes back, see `confirm_phone`), then goes to the confirmation page. Anyone may call it. Errors: `Invalid` (see
/// `Registration::parse`; `community`: not a community; `phone`: taken), `RateLimited`.
#[server(endpoint = "accounts/register")]
pub async fn register(
    phone: String,
    password: String,
    display_name: String,
    community: String,
) -> Result<(), AppError> {
    use super::{ssr, Registration};
    use crate::ssr::{client_addr, keep_typed, respond, session, state};
    let result = async {
        let form = Registration::parse(&phone, &password, &display_name, &community)?;
        let state = state()?;
        let mut tx = state.pool.begin().await?;
        let (session, addr) = (session().await?, client_addr().await);
        ssr::register(&mut tx, &state.settings, &session, &form, addr.as_deref()).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/register/confirm?phone={}", form.phone.as_str()));
        Ok(())
    }
    .await;
    if result.is_err() {
        // Without JavaScript the form comes back empty: keep what was typed, the password aside.
        keep_typed(
            REGISTER_FORM,
            &[
                ("phone", &phone),
                ("display_name", &display_name),
                ("community", &community),
            ],
        )
        .await;
    }
    respond(result)
}

/// The form whose typed values `register` keeps for the page to show again.
pub const REGISTER_FORM: &str = "register";

/// What was typed into `form` when the server last refused it, once (then forgotten); empty
/// when there is nothing. Anyone may call it; it reads only this session.
#[server(endpoint = "accounts/typed")]
pub async fn typed_values(form: String) -> Result<Vec<(String, String)>, AppError> {
    use crate::ssr::{respond, take_typed};
    respond(Ok(take_typed(&form).await))
}

/// Confirms the registration this session started with the code sent to the number, creates
/// the account, signs in and goes to the home page. Anyone may call it. Errors: `Invalid`
/// (`phone`: format, taken; `code`: format, wrong, expired, too_many_tries, start_again).
#[server(endpoint = "accounts/confirm")]
pub async fn confirm_phone(phone: String, code: String) -> Result<(), AppError> {
    use super::{parse_code, ssr, Phone};
    use crate::ssr::{respond, session, state};
    respond(
        async {
            let (phone, code) = (Phone::parse(&phone)?, parse_code(&code)?);
            let (mut tx, session) = (state()?.pool.begin().await?, session().await?);
            let confirmed = ssr::confirm_registration(&mut tx, &session, &phone, &code).await;
            tx.commit().await?; // a wrong try counts even though we answer with an error
            ssr::start_session(&session, &confirmed?).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}
