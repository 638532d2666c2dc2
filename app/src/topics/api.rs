//! Server functions of 每月一题.

use super::{Candidates, TopicList};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// The form whose typed values `topic_change` keeps for the page to show again.
pub const TOPIC_FORM: &str = "topic_change";

/// Publishes a topic or posts progress on one (see `TopicChange::parse`), then to the
/// topic's page. Errors: `Unauthorized`, `Forbidden` (not an admin), `NotFound` (progress on
/// no topic), `Invalid` (see `TopicChange::parse` and `ssr::apply`).
#[server(endpoint = "topics/change", input = MultipartFormData)]
pub async fn change_topic(data: MultipartData) -> Result<(), AppError> {
    use super::{ssr, TopicChange};
    use crate::ssr::{form_pairs, in_transaction, keep_typed, respond};
    let pairs = match form_pairs(data).await {
        Ok(pairs) => pairs,
        Err(error) => return respond(Err(error)),
    };
    let typed: Vec<(&str, &str)> = pairs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let result = async {
        let change = TopicChange::parse(typed.iter().copied())?;
        let id = in_transaction(async |tx, user| ssr::apply(tx, user, &change).await).await?;
        let done = match change {
            TopicChange::Publish(_) => "published",
            TopicChange::Progress { .. } => "progress",
        };
        leptos_axum::redirect(&format!("/topics/{id}?done={done}"));
        Ok(())
    }
    .await;
    if result.is_err() {
        keep_typed(TOPIC_FORM, &typed).await;
    }
    respond(result)
}

/// Every topic, newest first, and whether the viewer may publish one.
#[server(endpoint = "topics/list")]
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
pub async fn read_topic(id: i64) -> Result<super::TopicView, AppError> {
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
