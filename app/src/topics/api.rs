//! Server functions of 每月一题.

use super::{Candidates, TopicList};
use crate::error::AppError;
use ids::TopicId;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// The form whose typed values `topic_change` keeps for the page to show again.
pub const TOPIC_FORM: &str = "topic_change";

/// Publishes a topic, posts progress on one or lists a policy document for it (see
/// `TopicChange::parse`), then to the topic's page. Errors: `Unauthorized`, `Forbidden`
/// (publishing: not an admin; progress or a document: neither an admin nor the topic's task
/// force), `NotFound` (progress or a document on no topic), `Invalid` (see
/// `TopicChange::parse` and `ssr::apply`).
#[server(endpoint = "topics/change", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn change_topic(data: MultipartData) -> Result<(), AppError> {
    use super::{ssr, TopicChange};
    use crate::ssr::{borrowed, form_pairs, in_transaction, keeping_typed, respond};
    let pairs = respond(form_pairs(data).await)?;
    let typed = borrowed(&pairs);
    keeping_typed(TOPIC_FORM, &typed, async || {
        let change = TopicChange::parse(typed.iter().copied())?;
        let id = in_transaction(async |tx, user| ssr::apply(tx, user, &change).await).await?;
        let done = match change {
            TopicChange::Publish(_) => "published",
            TopicChange::Progress { .. } => "progress",
            TopicChange::Document { .. } => "document",
        };
        leptos_axum::redirect(&format!("/topics/{id}?done={done}"));
        Ok(())
    })
    .await
}

/// Every topic, newest first, and whether the viewer may publish one.
#[server(endpoint = "topics/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn topics_list() -> Result<TopicList, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let viewer = current_user().await.ok();
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::list(&mut conn, viewer.as_ref()).await
        }
        .await,
    )
}

/// Topic `id` with its co-units and progress. Errors: `NotFound`.
#[server(endpoint = "topics/view")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn read_topic(id: TopicId) -> Result<super::TopicView, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let viewer = current_user().await.ok();
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::view(&mut conn, viewer.as_ref(), id).await
        }
        .await,
    )
}

/// Last month's candidate topics and the publishing form's choices. Errors: `Unauthorized`,
/// `Forbidden` (not an admin).
#[server(endpoint = "topics/candidates")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn topic_candidates() -> Result<Candidates, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::candidates(&mut conn, &user).await
        }
        .await,
    )
}
