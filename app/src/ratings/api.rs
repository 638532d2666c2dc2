//! Server functions of the ratings feature.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// The resident rates their resolved request `number` (a multipart form: `reasons` repeats),
/// which closes it, then back to its page. Errors: `Unauthorized`, `Forbidden` (not theirs),
/// `NotFound`, `Invalid` (see `Rating::parse`; `status`: not_allowed when it is not resolved
/// or was rated already).
#[server(endpoint = "requests/rate", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn rate_request(data: MultipartData) -> Result<(), AppError> {
    use super::{ssr, Rating};
    use crate::ssr::{form_pairs, in_transaction, respond};
    respond(
        async {
            let pairs = form_pairs(data).await?;
            let field = |name: &str| crate::fields::field_value(&pairs, name).unwrap_or_default();
            let number = crate::requests::parse_tracking_number(field("number"))?;
            let rating = Rating::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))?;
            in_transaction(async |tx, user| ssr::rate(tx, user, &number, &rating).await).await?;
            leptos_axum::redirect(&format!("/requests/{number}?done=rated"));
            Ok(())
        }
        .await,
    )
}

/// The resident reopens (重办) their closed request `number`, saying why. Errors:
/// `Unauthorized`, `Forbidden`, `NotFound`, `Invalid` (`note`: required, too_long; `status`,
/// `reopen`: see `ssr::reopen`).
#[server(endpoint = "requests/reopen")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reopen_request(number: String, note: String) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let number = crate::requests::parse_tracking_number(&number)?;
            let note = crate::requests::parse_note(&note)?;
            in_transaction(async |tx, user| super::ssr::reopen(tx, user, &number, &note).await)
                .await?;
            leptos_axum::redirect(&format!("/requests/{number}?done=reopened"));
            Ok(())
        }
        .await,
    )
}
