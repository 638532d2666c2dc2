//! Server functions of organisations' reports and resource asks.

use crate::error::AppError;
use ids::{AskId, OrganisationId, ResourceId};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// The report form's key for what was typed (shown again after a refusal).
pub const ORGANISATION_FORM: &str = "organisation";

/// The organisations part of `/volunteers` for the signed-in resident or area staff. Errors:
/// `Unauthorized`, `Forbidden` (anyone else).
#[server(endpoint = "volunteers/organisations")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn read_organisations() -> Result<super::OrganisationsSeen, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::seen(&mut conn, &user).await
        }
        .await,
    )
}

/// A resident reports an organisation (they are its contact) to their home community or its
/// street (a multipart form), then back to `/volunteers`. Errors: `Unauthorized`, `Forbidden`
/// (not a resident), `Invalid` (see `OrganisationDraft::parse`; `area`: outside; `name`:
/// live).
#[server(endpoint = "volunteers/organisation", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn report_organisation(data: MultipartData) -> Result<(), AppError> {
    use crate::ssr::{borrowed, form_pairs, in_transaction, keeping_typed, respond};
    let pairs = respond(form_pairs(data).await)?;
    let value = |name: &str| {
        crate::fields::field_value(&pairs, name)
            .unwrap_or_default()
            .to_owned()
    };
    keeping_typed(ORGANISATION_FORM, &borrowed(&pairs), async || {
        let draft = super::OrganisationDraft::parse(value)?;
        in_transaction(async |tx, user| super::ssr::report(tx, user, &draft).await).await?;
        leptos_axum::redirect("/volunteers?done=org_reported#organisations");
        Ok(())
    })
    .await
}

/// Area staff confirm, decline or end organisation `id` (see `Decision::parse`), then back
/// to `/volunteers`. Errors: `Unauthorized`, `Forbidden`, `NotFound`, `Invalid` (see
/// `Decision::parse`; `status`: not_now).
#[server(endpoint = "volunteers/decide_organisation")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decide_organisation(
    id: OrganisationId,
    decision: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let decision = crate::volunteers::Decision::parse(&decision, &reason)?;
            in_transaction(async |tx, user| super::ssr::decide(tx, user, id, &decision).await)
                .await?;
            leptos_axum::redirect("/volunteers?done=decided#organisations");
            Ok(())
        }
        .await,
    )
}

/// Area staff ask an organisation for resource `resource`, then back to `/volunteers`.
/// Errors: `Unauthorized`, `Forbidden`, `NotFound`, `Invalid` (see `AskDraft::parse`;
/// `needed_on`: past; `resource`: not_serving, outside).
#[server(endpoint = "volunteers/ask")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn ask_resource(
    resource: ResourceId,
    what: String,
    needed_on: String,
) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let draft = super::AskDraft::parse(&what, &needed_on)?;
            in_transaction(async |tx, user| super::ssr::ask(tx, user, resource, &draft).await)
                .await?;
            leptos_axum::redirect("/volunteers?done=org_asked#asks");
            Ok(())
        }
        .await,
    )
}

/// An organisation's contact answers ask `id` (`answer`: agreed or declined, with a note),
/// then back to `/volunteers`. Errors: `Unauthorized`, `Forbidden` (not its contact),
/// `NotFound`, `Invalid` (see `Answer::parse`; `answer`: answered).
#[server(endpoint = "volunteers/answer")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn answer_ask(id: AskId, answer: String, note: String) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let answer = super::Answer::parse(&answer, &note)?;
            in_transaction(async |tx, user| super::ssr::answer(tx, user, id, &answer).await)
                .await?;
            leptos_axum::redirect("/volunteers?done=org_answered#asks");
            Ok(())
        }
        .await,
    )
}
