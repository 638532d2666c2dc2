//! The request page's server function.

use super::RequestPageView;
use crate::error::AppError;
use leptos::prelude::*;

/// The request with this tracking number, cut to what the caller may see; a private one's
/// status only with `tail`, the last 4 digits of the filer's number. Anyone may call it; a
/// wrong `tail` counts against the caller's address like a failed sign-in. Errors: `Invalid`
/// (`number`, `tail`: format), `NotFound`, `RateLimited`.
#[server(endpoint = "requests/view")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn view_request(
    number: String,
    tail: Option<String>,
) -> Result<RequestPageView, AppError> {
    use crate::ssr::{client_addr, current_user, respond, state};
    respond(
        async {
            let number = crate::requests::parse_tracking_number(&number)?;
            let tail = tail
                .as_deref()
                .map(crate::requests::parse_phone_tail)
                .transpose()?;
            let viewer = current_user().await.ok();
            let state = state()?;
            let mut conn = state.pool.acquire().await?;
            let Some(tail) = tail else {
                return super::ssr::view(&mut conn, viewer.as_ref(), &number, None).await;
            };
            let addr = client_addr().await;
            crate::requests::ssr::guarded_guess(
                &mut conn,
                &state.settings,
                addr.as_deref(),
                async |conn| super::ssr::view(conn, viewer.as_ref(), &number, Some(&tail)).await,
            )
            .await
        }
        .await,
    )
}
