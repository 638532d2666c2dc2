//! Server functions of the inbox.

use super::InboxPage;
use crate::error::AppError;
use leptos::prelude::*;

/// How many notices a page shows.
pub const PAGE: i64 = 30;

/// A page of the signed-in user's inbox, newest first, older than `before` when given.
/// Errors: `Unauthorized`.
#[server(endpoint = "inbox/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_inbox(before: Option<i64>) -> Result<InboxPage, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::page(&mut conn, user.id, before, PAGE).await
        }
        .await,
    )
}

/// How many of the signed-in user's notices are unread (0 when signed out).
#[server(endpoint = "inbox/unread")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn unread_count() -> Result<i64, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let Ok(user) = current_user().await else {
                return Ok(0);
            };
            let mut conn = state()?.pool.acquire().await?;
            Ok(db::inbox::unread(&mut conn, user.id).await?)
        }
        .await,
    )
}

/// Marks every notice of the signed-in user read, then back to the inbox. Errors:
/// `Unauthorized`.
#[server(endpoint = "inbox/read")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn mark_inbox_read() -> Result<(), AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            db::inbox::mark_all_read(&mut conn, user.id).await?;
            leptos_axum::redirect("/inbox");
            Ok(())
        }
        .await,
    )
}
