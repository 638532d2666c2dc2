//! Server functions of the administration feature.

use super::Overview;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// The form whose typed values `admin_change` keeps for the page to show again.
pub const ADMIN_FORM: &str = "admin_change";

/// An administrative change (see `Change::parse`), then back to `/admin`. Errors:
/// `Unauthorized`, `Forbidden` (not an admin), `Invalid` (see `Change::parse` and
/// `ssr::apply`).
#[server(endpoint = "admin/change", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn admin_change(data: MultipartData) -> Result<(), AppError> {
    use super::{ssr, Change, ChangeForm};
    use crate::ssr::{borrowed, current_user, form_pairs, hash_password, keeping_typed};
    use crate::ssr::{respond, state};
    let pairs = respond(form_pairs(data).await)?;
    let typed = borrowed(&pairs);
    keeping_typed(ADMIN_FORM, &typed, async || {
        let change = Change::parse(&ChangeForm::from_pairs(typed.iter().copied()))?;
        let user = current_user().await?;
        ssr::admin_only(&user)?; // before hashing: only an admin's password is worth the CPU
        let hash = match &change {
            Change::Staff {
                password: Some(p), ..
            } => Some(hash_password(p.clone()).await?),
            _ => None,
        };
        let state = state()?;
        let mut tx = state.pool.begin().await?;
        ssr::apply(&mut tx, &user, &change, hash.as_deref()).await?;
        tx.commit().await?;
        // The other processes hear of it from Postgres; this one reads it afresh at once.
        state.caches.reference_changed();
        leptos_axum::redirect(&format!("/admin?done={}", change.name()));
        Ok(())
    })
    .await
}

/// Everything the admin page shows: units, categories with their deadlines and default
/// units, routing rules, staff accounts. Errors: `Unauthorized`, `Forbidden` (not an admin).
#[server(endpoint = "admin/overview")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn admin_overview() -> Result<Overview, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::overview(&mut conn, &user).await
        }
        .await,
    )
}
