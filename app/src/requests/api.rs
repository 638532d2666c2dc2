//! Server functions of the requests feature.

use super::{Category, MinePage, PublicItem, PublicPage};
use crate::error::AppError;
use ids::RequestId;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// Files a request for the signed-in resident from the filing form (a multipart form, so
/// photos can travel with it), then goes to its page. Filing the same form twice files once.
/// Errors: `Unauthorized`, `Forbidden` (staff), `RateLimited`, `BadRequest` (not a multipart
/// form), `Invalid` (see `RequestDraft::parse`; `category`: unknown, not_a_leaf; `community`:
/// not_a_community; `similar`: found; `photos`: type, too_many_pixels, unreadable,
/// too_large, too_many). A body over the limit is answered 413 before this runs.
#[server(endpoint = "requests/file", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn file_request(data: MultipartData) -> Result<(), AppError> {
    use super::{photos, ssr, RequestDraft};
    use crate::ssr::{current_user, keeping_typed, respond, state};
    let state = state()?;
    let (form, parts) = respond(ssr::read_form(data, state.settings.max_photo_bytes).await)?;
    let uploads = parts.uploads;
    keeping_typed(FILE_FORM, &ssr::typed_pairs(&form), async || {
        if let Some(refused) = parts.photos_refused {
            return Err(refused);
        }
        let draft = RequestDraft::parse(&form)?;
        let user = current_user().await?;
        if !uploads.is_empty() {
            // Decoding photos is the expensive part: first the filing without them, rolled
            // back, so a caller who may not file (or is over the limit, or chose a wrong
            // category) costs no decoding.
            crate::ssr::dry_run(&state.pool, async |tx| {
                ssr::file(tx, &state.settings, &user, &draft, &[]).await
            })
            .await?;
        }
        let stored =
            photos::store_all(&state.photos, uploads, state.settings.max_photo_pixels).await?;
        let mut tx = state.pool.begin().await?;
        let filed = match ssr::file(&mut tx, &state.settings, &user, &draft, &stored).await {
            Ok(filed) => tx.commit().await.map(|()| filed).map_err(AppError::from),
            Err(error) => Err(error),
        };
        if !filed.as_ref().is_ok_and(|f| f.created) {
            // Refused, or filed before with its photos: these copies are not needed.
            state.photos.forget(&photos::keys(&stored)).await;
        }
        let number = filed?.tracking_number;
        leptos_axum::redirect(&format!("/requests/{number}?filed=1"));
        Ok(())
    })
    .await
}

/// The form whose typed values `file_request` keeps for the page to show again.
pub const FILE_FORM: &str = "file_request";

/// What the signed-in staff member needs to record a case they found (主动治理): `None` unless
/// they act for a street office or a community's committee, or are a lane steward. Errors:
/// `Unauthorized`.
#[server(endpoint = "requests/finder")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn finder_setup() -> Result<Option<super::FinderSetup>, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::finder_setup(&mut conn, &user).await
        }
        .await,
    )
}

/// Every category, parents first, for the filing form. Anyone may call it.
#[server(endpoint = "requests/categories")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn list_categories() -> Result<Vec<Category>, AppError> {
    use crate::ssr::{respond, state};
    respond(
        async {
            let state = state()?;
            let read = async || super::ssr::categories(&mut *state.pool.acquire().await?).await;
            Ok(Vec::clone(
                &*state.caches.categories.get((), 0, read).await?,
            ))
        }
        .await,
    )
}

/// A page of the signed-in resident's requests, newest first: `status` ones only when given
/// (a status name), older than `before` when given. Errors: `Unauthorized`.
#[server(endpoint = "requests/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn my_requests(
    status: Option<String>,
    before: Option<RequestId>,
) -> Result<MinePage, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let status = status.as_deref().and_then(super::Status::parse);
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::mine(&mut conn, &user, status, before).await
        }
        .await,
    )
}

/// Withdraws the signed-in resident's own request (before a unit accepts it), then goes back
/// to its page. Errors: `Unauthorized`, `Forbidden` (not theirs), `NotFound`, `Invalid {
/// field: "status", reason: "not_allowed" }`.
#[server(endpoint = "requests/withdraw")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn withdraw_request(number: String) -> Result<(), AppError> {
    use super::lifecycle::Action;
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let number = super::parse_tracking_number(&number)?;
            in_transaction(async |tx, user| {
                super::ssr::act_on_own(tx, user, &number, Action::Withdraw, "").await
            })
            .await?;
            leptos_axum::redirect(&format!("/requests/{number}"));
            Ok(())
        }
        .await,
    )
}

/// Adds information to the signed-in resident's own open request, then goes back to its
/// page. Errors: `Unauthorized`, `Forbidden`, `NotFound`, `Invalid` (`note`: required,
/// too_long; `status`: not_allowed).
#[server(endpoint = "requests/add_info")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn add_information(number: String, note: String) -> Result<(), AppError> {
    use super::lifecycle::Action;
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let number = super::parse_tracking_number(&number)?;
            let note = super::parse_note(&note)?;
            in_transaction(async |tx, user| {
                super::ssr::act_on_own(tx, user, &number, Action::AddInfo, &note).await
            })
            .await?;
            leptos_axum::redirect(&format!("/requests/{number}"));
            Ok(())
        }
        .await,
    )
}

/// A page of public requests, newest first, narrowed by district, street, category (a group
/// includes its leaves) and status (codes and names; empty: any), older than `before` when
/// given. Anyone may call it.
#[server(endpoint = "requests/public")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn public_requests(
    district: Option<String>,
    street: Option<String>,
    category: Option<String>,
    status: Option<String>,
    before: Option<RequestId>,
) -> Result<PublicPage, AppError> {
    use crate::ssr::{respond, state};
    respond(
        async {
            let given = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
            let query = super::ssr::PublicQuery {
                district: given(district),
                street: given(street),
                category: given(category),
                status: given(status).as_deref().and_then(super::Status::parse),
                before,
            };
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::public(&mut conn, &query).await
        }
        .await,
    )
}

/// Open public requests like the one being filed (same category and community, last 30
/// days), for "is it one of these?". Anyone may call it.
#[server(endpoint = "requests/similar")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn similar_requests(
    category: String,
    community: String,
) -> Result<Vec<PublicItem>, AppError> {
    use crate::ssr::{respond, state};
    respond(
        async {
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::similar(&mut conn, &category, &community).await
        }
        .await,
    )
}

/// The signed-in resident seconds ("me too", 附议) someone else's open public request, once,
/// then goes back to its page. Errors: `Unauthorized`, `Forbidden` (staff), `NotFound`,
/// `Invalid { field: "second" }` (own, closed, already).
#[server(endpoint = "requests/second")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn second_request(number: String) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let number = super::parse_tracking_number(&number)?;
            in_transaction(async |tx, user| super::ssr::second(tx, user, &number).await).await?;
            leptos_axum::redirect(&format!("/requests/{number}"));
            Ok(())
        }
        .await,
    )
}
