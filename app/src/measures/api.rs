//! Server functions of the measures feature: public, read-only.

use super::Dashboard;
use crate::error::AppError;
use leptos::prelude::*;

/// The dashboard of `scope` (`city`, `district` or `unit`; `code` names the district or unit)
/// for `month` (`2026-11`; empty: this month). Anyone may call it. Errors: `Invalid` with
/// `scope` or `month`, `NotFound` (no such district or unit).
#[server(endpoint = "measures/dashboard")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn measures_dashboard(
    scope: String,
    code: String,
    month: Option<String>,
) -> Result<Dashboard, AppError> {
    use crate::ssr::{respond, state};
    respond(
        async {
            let state = state()?;
            let subject = super::Subject::parse(&scope)?;
            let mut conn = state.pool.acquire().await?;
            super::ssr::dashboard(
                &mut conn,
                &state.caches,
                subject,
                &code,
                month.as_deref(),
                state.settings.score_weights,
            )
            .await
        }
        .await,
    )
}
