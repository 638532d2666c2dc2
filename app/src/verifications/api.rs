//! Server functions of residence verification.

use crate::error::AppError;
use ids::VerificationId;
use leptos::prelude::*;

/// The signed-in resident's latest verification and whether they may ask. Errors:
/// `Unauthorized`, `Forbidden` (not a resident).
#[server(endpoint = "verifications/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn read_my_verification() -> Result<super::MyVerification, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::mine(&mut conn, &user).await
        }
        .await,
    )
}

/// The resident asks to be verified in their home community at `address`, then back to their
/// account page. Errors: `Unauthorized`, `Forbidden` (not a resident), `Invalid` (`address`:
/// required, too_long; `verification`: live).
#[server(endpoint = "verifications/ask")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn ask_verification(address: String) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let address = super::parse_address(&address)?;
            in_transaction(async |tx, user| super::ssr::ask(tx, user, &address).await).await?;
            leptos_axum::redirect("/account?saved=verification#verification");
            Ok(())
        }
        .await,
    )
}

/// The pending verifications and approved residents in the area staff member's area.
/// Errors: `Unauthorized`, `Forbidden` (not area staff).
#[server(endpoint = "verifications/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_verifications() -> Result<super::StaffVerifications, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::staff_list(&mut conn, &user).await
        }
        .await,
    )
}

/// Area staff approve, reject or revoke verification `id` (see `Decision::parse`), then back
/// to `/verifications`. Errors: `Unauthorized`, `Forbidden`, `NotFound`, `Invalid` (see
/// `Decision::parse` and `ssr::decide`).
#[server(endpoint = "verifications/decide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decide_verification(
    id: VerificationId,
    decision: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let decision = super::Decision::parse(&decision, &reason)?;
            in_transaction(async |tx, user| super::ssr::decide(tx, user, id, &decision).await)
                .await?;
            leptos_axum::redirect(&format!("/verifications?done={id}"));
            Ok(())
        }
        .await,
    )
}
