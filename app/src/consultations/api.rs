//! Server functions of consultations.

use super::{ConsultationSummary, ConsultationView, Sources};
use crate::error::AppError;
use ids::{CommentId, ConsultationId};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// The form whose typed values `create_consultation` keeps for the page to show again.
pub const CONSULTATION_FORM: &str = "consultation_create";

/// The form whose typed values `decide_consultation` keeps for the page to show again.
pub const OUTCOME_FORM: &str = "consultation_outcome";

/// Area staff create a draft consultation (see `Draft::parse`); then to its page. Errors:
/// `Unauthorized`, `Forbidden` (not area staff), `Invalid` (see `Draft::parse`,
/// `ssr::create`).
#[server(endpoint = "consultations/create", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn create_consultation(data: MultipartData) -> Result<(), AppError> {
    use crate::ssr::{borrowed, form_pairs, in_transaction, keeping_typed, respond};
    let pairs = respond(form_pairs(data).await)?;
    // A repeated field (the requests it is opened from) gives all its values.
    let value = |name: &str| {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    };
    keeping_typed(CONSULTATION_FORM, &borrowed(&pairs), async || {
        let draft = super::Draft::parse(value)?;
        let id =
            in_transaction(async |tx, user| super::ssr::create(tx, user, &draft).await).await?;
        leptos_axum::redirect(&format!("/consultations/{id}?done=created"));
        Ok(())
    })
    .await
}

/// Staff publish a draft (`step=publish`) or close an open consultation now (`close`).
/// Errors: `Unauthorized`, `Forbidden`, `NotFound`, `Invalid` (`step`: unknown; `status`:
/// not_allowed).
#[server(endpoint = "consultations/step")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn consultation_step(id: ConsultationId, step: String) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let step = super::StaffStep::parse(&step)?;
            in_transaction(async |tx, user| super::ssr::staff_step(tx, user, id, step).await)
                .await?;
            leptos_axum::redirect(&format!("/consultations/{id}?done=step"));
            Ok(())
        }
        .await,
    )
}

/// Staff publish the outcome of a closed consultation: what will be done, by whom, by when.
/// Errors: `Unauthorized`, `Forbidden`, `NotFound`, `Invalid` (see `Outcome::parse`;
/// `status`: not_allowed).
#[server(endpoint = "consultations/decide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decide_consultation(
    id: ConsultationId,
    plan: String,
    by: String,
    due: String,
) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, keeping_typed};
    let typed = [
        ("plan", plan.as_str()),
        ("by", by.as_str()),
        ("due", due.as_str()),
    ];
    keeping_typed(OUTCOME_FORM, &typed, async || {
        let outcome = super::Outcome::parse(&plan, &by, &due)?;
        in_transaction(async |tx, user| super::ssr::decide(tx, user, id, &outcome).await).await?;
        leptos_axum::redirect(&format!("/consultations/{id}?done=decided"));
        Ok(())
    })
    .await
}

/// A resident casts or changes their ballot (`id`, and `options` repeated); then back to the
/// consultation. Errors: `Unauthorized`, `Forbidden`, `NotFound`, `Invalid` (see
/// `parse_ballot`, `ssr::vote`). Pages following its results live hear of it (see
/// `live::LiveResults::cast`).
#[server(endpoint = "consultations/vote", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn cast_ballot(data: MultipartData) -> Result<(), AppError> {
    use crate::ssr::{current_user, form_pairs, respond, state};
    respond(
        async {
            let pairs = form_pairs(data).await?;
            let id: ConsultationId = crate::fields::field_value(&pairs, "id")
                .and_then(|v| v.trim().parse().ok())
                .ok_or(AppError::NotFound)?;
            let chosen = super::parse_ballot(crate::ssr::borrowed(&pairs))?;
            let user = current_user().await?;
            let state = state()?;
            // Not a transaction: the ballot is written by one statement (see `ssr::vote`).
            super::ssr::vote(&mut *state.pool.acquire().await?, &user, id, &chosen).await?;
            state.ballots.cast(id);
            leptos_axum::redirect(&format!("/consultations/{id}?done=voted"));
            Ok(())
        }
        .await,
    )
}

/// Consultation `id` as the viewer may see it. Errors: `NotFound`.
#[server(endpoint = "consultations/view")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn read_consultation(id: ConsultationId) -> Result<ConsultationView, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let viewer = current_user().await.ok();
            let state = state()?;
            let min_ballots = state.settings.live_results_min_ballots;
            let mut conn = state.pool.acquire().await?;
            super::ssr::view(&mut conn, viewer.as_ref(), id, min_ballots).await
        }
        .await,
    )
}

/// Every published or decided consultation (and the viewer's area's drafts, for its staff).
#[server(endpoint = "consultations/list")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_consultations() -> Result<Vec<ConsultationSummary>, AppError> {
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

/// The request groups a consultation may be opened from (area staff), and the requests of
/// the group `community` × `category` when given. Errors: `Unauthorized`, `Forbidden`.
#[server(endpoint = "consultations/sources")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn consultation_sources(
    community: Option<String>,
    category: Option<String>,
) -> Result<Sources, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let state = state()?;
            let mut conn = state.pool.acquire().await?;
            let threshold = state.settings.hot_spot_threshold;
            let (community, category) = (community.as_deref(), category.as_deref());
            super::ssr::sources(&mut conn, &user, threshold, community, category).await
        }
        .await,
    )
}

/// A resident verified in its area, or its staff, comments on consultation `id` (`parent`:
/// replying to that comment); then to the comment. Errors: `Unauthorized`, `NotFound`,
/// `Invalid` (see `NewComment::parse`, `ssr::comment`).
#[server(endpoint = "consultations/comment")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn post_comment(
    id: ConsultationId,
    parent: String,
    body: String,
) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let comment = super::NewComment::parse(&body, &parent)?;
            let comment =
                in_transaction(async |tx, user| super::ssr::comment(tx, user, id, &comment).await)
                    .await?;
            leptos_axum::redirect(&format!(
                "/consultations/{id}?done=commented#comment-{comment}"
            ));
            Ok(())
        }
        .await,
    )
}

/// A resident reports comment `comment`; then back to it. Errors: `Unauthorized`,
/// `Forbidden`, `NotFound`, `Invalid` (`status`: not_now).
#[server(endpoint = "consultations/report")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn report_comment(comment: CommentId) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let id = in_transaction(async |tx, user| super::ssr::report(tx, user, comment).await)
                .await?;
            leptos_axum::redirect(&format!(
                "/consultations/{id}?done=reported#comment-{comment}"
            ));
            Ok(())
        }
        .await,
    )
}

/// Staff hide comment `comment`, saying why; then back to it. Errors: `Unauthorized`,
/// `Forbidden`, `NotFound`, `Invalid` (`reason`: required, too_long; `status`: not_now).
#[server(endpoint = "consultations/hide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn hide_comment(comment: CommentId, reason: String) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let reason = super::parse_hide_reason(&reason)?;
            let id =
                in_transaction(async |tx, user| super::ssr::hide(tx, user, comment, &reason).await)
                    .await?;
            leptos_axum::redirect(&format!(
                "/consultations/{id}?done=hidden#comment-{comment}"
            ));
            Ok(())
        }
        .await,
    )
}

/// Staff post how a decided consultation's outcome is going. Errors: `Unauthorized`,
/// `Forbidden`, `NotFound`, `Invalid` (`update`: required, too_long; `status`: not_now).
#[server(endpoint = "consultations/update")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn post_consultation_update(id: ConsultationId, update: String) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let note = super::parse_update(&update)?;
            in_transaction(async |tx, user| super::ssr::post_update(tx, user, id, &note).await)
                .await?;
            leptos_axum::redirect(&format!("/consultations/{id}?done=updated#progress"));
            Ok(())
        }
        .await,
    )
}
