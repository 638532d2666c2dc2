//! Server functions of the areas feature.

use super::AreaListing;
use crate::error::AppError;
use leptos::prelude::*;

/// The area with division code `code` and the areas directly below it (kept in memory: areas
/// change rarely). Anyone may call it. Errors: `NotFound` for an unknown code.
#[server(endpoint = "areas/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_areas(code: String) -> Result<AreaListing, AppError> {
    use crate::ssr::{respond, state};
    respond(
        async {
            let state = state()?;
            let read = async || super::ssr::listing(&mut *state.pool.acquire().await?, &code).await;
            let kept = state.caches.areas.get(code.clone(), 0, read).await?;
            Ok(AreaListing::clone(&kept))
        }
        .await,
    )
}
