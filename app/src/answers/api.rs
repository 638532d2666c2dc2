//! Server functions of the standard answers library.

use super::Library;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// The form whose typed values `edit_answers` keeps for the page to show again.
pub const ANSWERS_FORM: &str = "edit_answers";

/// A change to the library (see `Edit::parse`; a multipart form, since an answer names any
/// number of `categories`), then back to `/admin/answers`. Errors: `Unauthorized`,
/// `Forbidden` (not an admin), `Invalid` (see `Edit::parse` and `ssr::apply`).
#[server(endpoint = "answers/edit", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn edit_answers(data: MultipartData) -> Result<(), AppError> {
    use crate::ssr::{borrowed, form_pairs, in_transaction, keeping_typed, respond};
    let pairs = respond(form_pairs(data).await)?;
    let typed = borrowed(&pairs);
    keeping_typed(ANSWERS_FORM, &typed, async || {
        let edit = super::Edit::parse(typed.iter().copied())?;
        in_transaction(async |tx, user| super::ssr::apply(tx, user, &edit).await).await?;
        leptos_axum::redirect(&format!("/admin/answers?done={}", edit.name()));
        Ok(())
    })
    .await
}

/// The whole library with the categories an entry may name. Errors: `Unauthorized`,
/// `Forbidden` (not an admin).
#[server(endpoint = "answers/library")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn answer_library() -> Result<Library, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::library(&mut conn, &user).await
        }
        .await,
    )
}
