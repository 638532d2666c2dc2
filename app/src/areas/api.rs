//! Server functions of the areas feature.

use super::AreaListing;
use crate::error::AppError;
use leptos::prelude::*;

/// The area with division code `code` and the areas directly below it. Anyone may call it.
/// Errors: `NotFound` for an unknown code.
#[server(endpoint = "areas/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_areas(code: String) -> Result<AreaListing, AppError> {
    use crate::ssr::{respond, state};
    respond(
        async {
            let mut conn = state()?.pool.acquire().await?;
            let area = db::areas::by_code(&mut conn, &code).await?;
            let children = db::areas::children(&mut conn, area.id).await?;
            Ok(AreaListing {
                parent_code: area.parent_code.clone(),
                area: area.try_into()?,
                children: children
                    .into_iter()
                    .map(TryInto::try_into)
                    .collect::<Result<_, _>>()?,
            })
        }
        .await,
    )
}
