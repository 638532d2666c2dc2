//! Server functions of the accounts feature.

use super::{CurrentUser, MyData, Profile};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Signs in with a phone number and password, then goes to the home page. Anyone may call it.
/// Errors: `Invalid` (`phone`: malformed; `password`: empty or wrong), `RateLimited`.
#[server(endpoint = "accounts/sign_in")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn sign_in(phone: String, password: String) -> Result<(), AppError> {
    use super::{ssr, Credentials};
    use crate::ssr::{client_addr, respond, session, state};
    respond(
        async {
            let credentials = Credentials::parse(&phone, &password)?;
            let (state, addr) = (state()?, client_addr().await);
            let checked =
                ssr::check_credentials(&state.pool, &state.settings, &credentials, addr.as_deref())
                    .await?;
            ssr::start_session(&session().await?, &checked).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

/// Signs out (ends the session) and goes to the home page. Anyone may call it.
#[server(endpoint = "accounts/sign_out")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
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
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn who_am_i() -> Result<Option<CurrentUser>, AppError> {
    use crate::ssr::{respond, session, state};
    respond(
        async {
            let state = state()?;
            super::ssr::session_user(&state.pool, &state.settings, &session().await?).await
        }
        .await,
    )
}

/// Starts a resident's registration: sends a code to the number (the account is created when
/// the code comes back, see `confirm_phone`), then goes to the confirmation page. Anyone may call it. Errors: `Invalid` (see
/// `Registration::parse`; `community`: not a community; `phone`: taken), `RateLimited`.
#[server(endpoint = "accounts/register")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn register(
    phone: String,
    password: String,
    display_name: String,
    community: String,
) -> Result<(), AppError> {
    use super::{ssr, Registration};
    use crate::ssr::{client_addr, keeping_typed, session, state};
    // Without JavaScript the form comes back empty: keep what was typed, the password aside.
    let typed = [
        ("phone", phone.as_str()),
        ("display_name", display_name.as_str()),
        ("community", community.as_str()),
    ];
    keeping_typed(REGISTER_FORM, &typed, async || {
        let form = Registration::parse(&phone, &password, &display_name, &community)?;
        let state = state()?;
        // The session first: it loads from the pool (see `crate::ssr::session`).
        let (session, addr) = (session().await?, client_addr().await);
        let text = ssr::register(
            &state.pool,
            &state.settings,
            &session,
            &form,
            addr.as_deref(),
        )
        .await?;
        ssr::send_sms(&state.pool, &state.settings, &text).await?;
        leptos_axum::redirect(&format!("/register/confirm?phone={}", form.phone.as_str()));
        Ok(())
    })
    .await
}

/// The form whose typed values `register` keeps for the page to show again.
pub const REGISTER_FORM: &str = "register";

/// What was typed into `form` when the server last refused it, once (then forgotten); empty
/// when there is nothing. Anyone may call it; it reads only this session.
#[server(endpoint = "accounts/typed")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn typed_values(form: String) -> Result<Vec<(String, String)>, AppError> {
    use crate::ssr::{respond, take_typed};
    respond(Ok(take_typed(&form).await))
}

/// Confirms the registration this session started with the code sent to the number, creates
/// the account, signs in and goes to the home page. Anyone may call it. Errors: `Invalid`
/// (`phone`: format, taken; `code`: format, wrong, expired, too_many_tries, start_again).
#[server(endpoint = "accounts/confirm")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn confirm_phone(phone: String, code: String) -> Result<(), AppError> {
    use super::{parse_code, ssr, Phone};
    use crate::ssr::{respond, session, state};
    respond(
        async {
            let (phone, code) = (Phone::parse(&phone)?, parse_code(&code)?);
            // The session first: it loads from the pool (see `crate::ssr::session`).
            let session = session().await?;
            let pool = state()?.pool;
            let confirmed = ssr::confirm_registration(&pool, &session, &phone, &code).await?;
            ssr::start_session(&session, &confirmed).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

/// Texts a password reset code to the number (a number without an account is told it has
/// none: the answer here is the same either way), then goes to the page that takes the code.
/// Anyone may call it. Errors:
/// `Invalid { field: "phone" }`, `RateLimited`, `Unavailable`.
#[server(endpoint = "accounts/reset_request")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn request_password_reset(phone: String) -> Result<(), AppError> {
    use super::{ssr, Phone};
    use crate::ssr::{client_addr, respond, session, state};
    respond(
        async {
            let phone = Phone::parse(&phone)?;
            let state = state()?;
            let (session, addr) = (session().await?, client_addr().await);
            let text = ssr::request_reset(
                &state.pool,
                &state.settings,
                &session,
                &phone,
                addr.as_deref(),
            )
            .await?;
            ssr::send_sms(&state.pool, &state.settings, &text).await?;
            leptos_axum::redirect(&format!("/reset-password/confirm?phone={}", phone.as_str()));
            Ok(())
        }
        .await,
    )
}

/// Sets a new password with the code of the reset this session started, signs in (other
/// sessions end) and goes to the home page. Anyone may call it. Errors: `Invalid` (see
/// `PasswordReset::parse`; `code`: wrong, expired, too_many_tries, start_again).
#[server(endpoint = "accounts/reset")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reset_password(phone: String, code: String, password: String) -> Result<(), AppError> {
    use super::{ssr, PasswordReset};
    use crate::ssr::{respond, session, state};
    respond(
        async {
            let form = PasswordReset::parse(&phone, &code, &password)?;
            // The session first: it loads from the pool (see `crate::ssr::session`).
            let session = session().await?;
            let pool = state()?.pool;
            let reset = ssr::reset_password(&pool, &session, &form).await?;
            ssr::start_session(&session, &reset).await?;
            leptos_axum::redirect("/");
            Ok(())
        }
        .await,
    )
}

/// The signed-in user's profile. Errors: `Unauthorized`.
#[server(endpoint = "accounts/profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_profile() -> Result<Profile, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::profile(&mut conn, &user).await
        }
        .await,
    )
}

/// Changes the signed-in user's display name and home community, then goes back to the
/// profile. Errors: `Unauthorized`, `Invalid` (`display_name`; `community`: required,
/// not_a_community).
#[server(endpoint = "accounts/update_profile")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn update_profile(display_name: String, community: String) -> Result<(), AppError> {
    use super::{ssr, ProfileUpdate};
    use crate::ssr::{in_transaction, keeping_typed};
    let typed = [
        ("display_name", display_name.as_str()),
        ("community", community.as_str()),
    ];
    keeping_typed(PROFILE_FORM, &typed, async || {
        let form = ProfileUpdate::parse(&display_name, &community)?;
        in_transaction(async |tx, user| ssr::update_profile(tx, user, &form).await).await?;
        leptos_axum::redirect("/account?saved=profile");
        Ok(())
    })
    .await
}

/// The form whose typed values `update_profile` keeps for the page to show again.
pub const PROFILE_FORM: &str = "profile";

/// Changes the signed-in user's password after checking the current one; this session stays
/// signed in, every other one ends. Goes back to the profile. Errors: `Unauthorized`,
/// `Invalid` (`current_password`: required, wrong; `new_password`), `RateLimited`.
#[server(endpoint = "accounts/change_password")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn change_password(
    current_password: String,
    new_password: String,
) -> Result<(), AppError> {
    use super::{ssr, PasswordChange};
    use crate::ssr::{client_addr, current_user, respond, session, state};
    respond(
        async {
            let form = PasswordChange::parse(&current_password, &new_password)?;
            let (user, state, addr) = (current_user().await?, state()?, client_addr().await);
            let wrong = super::AccountRefusal::CurrentPasswordWrong;
            ssr::check_own_password(
                &state.pool,
                &state.settings,
                &user,
                &form.current,
                wrong,
                addr.as_deref(),
            )
            .await?;
            let hash = crate::ssr::hash_password(form.new.clone()).await?;
            let mut tx = state.pool.begin().await?;
            let changed = ssr::change_password(&mut tx, &user, &hash).await?;
            tx.commit().await?;
            ssr::start_session(&session().await?, &changed).await?;
            leptos_axum::redirect("/account?saved=password");
            Ok(())
        }
        .await,
    )
}

/// Everything Jiesu keeps about the signed-in user, as a JSON file to download (a plain link
/// works: GET). Errors: `Unauthorized`.
#[server(endpoint = "accounts/my_data", input = GetUrl)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn download_my_data() -> Result<MyData, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            let data = super::ssr::my_data(&mut conn, &user).await?;
            if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
                let disposition = "attachment; filename=\"jiesu-my-data.json\"";
                response.insert_header(
                    axum::http::header::CONTENT_DISPOSITION,
                    axum::http::HeaderValue::from_static(disposition),
                );
            }
            Ok(data)
        }
        .await,
    )
}

/// Deletes the signed-in user's account after checking the password: sign-in is gone, the
/// name and number are erased, requests stay de-identified. Ends the session and goes to a
/// page that says so. Errors: `Unauthorized`, `Invalid { field: "password" }` (required,
/// wrong), `RateLimited`.
#[server(endpoint = "accounts/delete")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn delete_account(password: String) -> Result<(), AppError> {
    use super::{parse_password_confirmation, ssr};
    use crate::ssr::{client_addr, current_user, respond, session, state};
    respond(
        async {
            let password = parse_password_confirmation(&password)?;
            let (user, state, addr) = (current_user().await?, state()?, client_addr().await);
            let wrong = super::AccountRefusal::PasswordMismatch;
            ssr::check_own_password(
                &state.pool,
                &state.settings,
                &user,
                &password,
                wrong,
                addr.as_deref(),
            )
            .await?;
            let mut tx = state.pool.begin().await?;
            ssr::delete_account(&mut tx, &user).await?;
            tx.commit().await?;
            ssr::end_session(&session().await?).await?;
            leptos_axum::redirect("/account/deleted");
            Ok(())
        }
        .await,
    )
}
