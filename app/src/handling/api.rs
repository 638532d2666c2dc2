//! Server functions of the handling feature.

use super::QueuePage;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// The form whose typed values `handle_request` keeps for the page to show again.
pub const HANDLE_FORM: &str = "handle_request";

/// A staff step on the request `number` (a multipart form: the whistle names several
/// `units`, a resolution may carry `photos`), then back to its page. Errors: `Unauthorized`, `Forbidden` (not theirs to take),
/// `NotFound`, `Invalid` (see `Step::parse` and `ssr::apply`; `status`: not_allowed when the
/// request is no longer where the step applies).
#[server(endpoint = "requests/handle", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn handle_request(data: MultipartData) -> Result<(), AppError> {
    use super::{ssr, Step, StepForm};
    use crate::requests::photos;
    use crate::ssr::{borrowed, current_user, form_parts, keeping_typed, respond, state};
    let state = state()?;
    let (pairs, uploads) = match form_parts(data, Some(state.settings.max_photo_bytes)).await {
        Ok(parts) => match parts.photos_refused {
            Some(refused) => return respond(Err(refused)),
            None => (parts.pairs, parts.uploads),
        },
        Err(error) => return respond(Err(error)),
    };
    let field = |name: &str| crate::fields::field_value(&pairs, name).unwrap_or_default();
    keeping_typed(HANDLE_FORM, &borrowed(&pairs), async || {
        let number = crate::requests::parse_tracking_number(field("number"))?;
        let step = Step::parse(&StepForm::from_pairs(
            pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        ))?;
        let user = current_user().await?;
        // Only a resolution carries photos (its evidence).
        let uploads = match step {
            Step::Resolve { .. } => uploads,
            _ => Vec::new(),
        };
        if !uploads.is_empty() {
            // Decoding photos is the expensive part: first the step without them, rolled back,
            // so a caller who may not take it costs no decoding.
            crate::ssr::dry_run(&state.pool, async |tx| {
                ssr::apply(tx, &state.settings, &user, &number, &step, &[]).await
            })
            .await?;
        }
        let stored =
            photos::store_all(&state.photos, uploads, state.settings.max_photo_pixels).await?;
        let mut tx = state.pool.begin().await?;
        let applied =
            match ssr::apply(&mut tx, &state.settings, &user, &number, &step, &stored).await {
                Ok(()) => tx.commit().await.map_err(AppError::from),
                Err(error) => Err(error),
            };
        if applied.is_err() {
            state.photos.forget(&photos::keys(&stored)).await;
        }
        applied?;
        leptos_axum::redirect(&format!("/requests/{number}?done={}", field("step")));
        Ok(())
    })
    .await
}

/// Page `page` (from 0; default 0) of the signed-in staff member's queue: the intake queue
/// (submitted and returned requests, oldest first) for a dispatcher; for a handler, the summons
/// waiting for their unit's check-in, then their unit's requests, nearest deadline first.
/// Errors: `Unauthorized`, `Forbidden` (residents, area staff, admins).
#[server(endpoint = "staff/queue")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn staff_queue(page: Option<u32>) -> Result<QueuePage, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let state = state()?;
            let mut conn = state.pool.acquire().await?;
            super::ssr::queue(&mut conn, &state.settings, &user, page.unwrap_or(0)).await
        }
        .await,
    )
}
