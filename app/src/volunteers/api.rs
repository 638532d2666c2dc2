//! Server functions of volunteering.

use crate::error::AppError;
use ids::{ShiftId, VolunteerId};
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// The roster form's key for what was typed (shown again after a refusal).
pub const ROSTER_FORM: &str = "roster";
/// The need form's.
pub const NEED_FORM: &str = "need";

/// The signed-in resident's roles, what they may offer, and the coming shifts of the
/// community they serve. Errors: `Unauthorized`, `Forbidden` (not a resident).
#[server(endpoint = "volunteers/mine")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn read_my_volunteering() -> Result<super::MyVolunteering, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::mine(&mut conn, &user).await
        }
        .await,
    )
}

/// The resident offers to serve their home community (`kind`: volunteer, or party_member of
/// `organisation`), then back to `/volunteers`. Errors: `Unauthorized`, `Forbidden` (not a
/// resident), `Invalid` (see `Offer::parse`; `kind`: live).
#[server(endpoint = "volunteers/offer")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn offer_to_serve(kind: String, organisation: String) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let offer = super::Offer::parse(&kind, &organisation)?;
            in_transaction(async |tx, user| super::ssr::offer(tx, user, &offer).await).await?;
            leptos_axum::redirect("/volunteers?done=asked");
            Ok(())
        }
        .await,
    )
}

/// Area staff's page: the roles waiting and serving in their area, the communities they
/// manage and the coming shifts. Errors: `Unauthorized`, `Forbidden` (not area staff).
#[server(endpoint = "volunteers/staff")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn read_staff_volunteering() -> Result<super::StaffVolunteering, AppError> {
    use crate::ssr::{current_user, respond, state};
    respond(
        async {
            let user = current_user().await?;
            let mut conn = state()?.pool.acquire().await?;
            super::ssr::staff(&mut conn, &user).await
        }
        .await,
    )
}

/// Area staff confirm, decline or end role `id` (see `Decision::parse`), then back to
/// `/volunteers`. Errors: `Unauthorized`, `Forbidden`, `NotFound`, `Invalid` (see
/// `Decision::parse`; `status`: not_now).
#[server(endpoint = "volunteers/decide")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn decide_volunteer(
    id: VolunteerId,
    decision: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let decision = super::Decision::parse(&decision, &reason)?;
            in_transaction(async |tx, user| super::ssr::decide(tx, user, id, &decision).await)
                .await?;
            leptos_axum::redirect("/volunteers?done=decided");
            Ok(())
        }
        .await,
    )
}

/// Area staff appoint a verified resident of a community in their area its steward for a
/// patch, then back to `/volunteers`. Errors: `Unauthorized`, `Forbidden`, `Invalid` (see
/// `Appointment::parse`; `community`: outside; `phone`: not_verified, already).
#[server(endpoint = "volunteers/appoint")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn appoint_steward(
    community: String,
    phone: String,
    patch: String,
    starts_on: String,
) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let value = |name: &str| {
                match name {
                    "community" => community.as_str(),
                    "phone" => phone.as_str(),
                    "patch" => patch.as_str(),
                    "starts_on" => starts_on.as_str(),
                    _ => "",
                }
                .to_owned()
            };
            let appointment = super::Appointment::parse(value)?;
            in_transaction(async |tx, user| super::ssr::appoint(tx, user, &appointment).await)
                .await?;
            leptos_axum::redirect("/volunteers?done=appointed");
            Ok(())
        }
        .await,
    )
}

/// Area staff post a duty roster for a community in their area (a multipart form: `weekdays`
/// repeats), or a need (`kind` = need: one day, with `details`), then back to `/volunteers`.
/// Errors: `Unauthorized`, `Forbidden`, `Invalid` (see `RosterDraft::parse` and
/// `RosterDraft::parse_need`; `community`: outside; `last_day`: past).
#[server(endpoint = "volunteers/roster", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn post_roster(data: MultipartData) -> Result<(), AppError> {
    use crate::ssr::{borrowed, form_pairs, in_transaction, keeping_typed, respond};
    let pairs = respond(form_pairs(data).await)?;
    let value = |name: &str| {
        pairs
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let need = value("kind") == "need";
    let (form, done) = if need {
        (NEED_FORM, "need#needs")
    } else {
        (ROSTER_FORM, "roster#shifts")
    };
    keeping_typed(form, &borrowed(&pairs), async || {
        let draft = if need {
            super::RosterDraft::parse_need(value)?
        } else {
            super::RosterDraft::parse(value)?
        };
        in_transaction(async |tx, user| super::ssr::post_roster(tx, user, &draft).await).await?;
        leptos_axum::redirect(&format!("/volunteers?done={done}"));
        Ok(())
    })
    .await
}

/// The resident chooses to be on their community's recognition board (`shown` non-empty) or
/// not, then back to `/volunteers`. Errors: `Unauthorized`, `Forbidden` (not a resident).
#[server(endpoint = "volunteers/board")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn choose_board(shown: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let shown = shown.is_some_and(|s| !s.is_empty());
            in_transaction(async |tx, user| super::ssr::recognise(tx, user, shown).await).await?;
            let done = if shown { "board_on" } else { "board_off" };
            leptos_axum::redirect(&format!("/volunteers?done={done}#board"));
            Ok(())
        }
        .await,
    )
}

/// A resident serving the shift's community signs up for shift `shift` (`cancel` non-empty:
/// cancels instead), then back to `/volunteers`. Errors: `Unauthorized`, `Forbidden` (not a
/// resident), `NotFound`, `Invalid` (`shift`: full, past, already, not_serving, not_signed).
#[server(endpoint = "volunteers/shift")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn shift_sign_up(shift: ShiftId, cancel: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let cancel = cancel.is_some_and(|c| !c.is_empty());
            in_transaction(async |tx, user| super::ssr::shift(tx, user, shift, cancel).await)
                .await?;
            let done = if cancel { "cancelled" } else { "signed" };
            leptos_axum::redirect(&format!("/volunteers?done={done}#shifts"));
            Ok(())
        }
        .await,
    )
}

/// A resident signed up for shift `shift` checks in on site (`out` non-empty: out), then
/// back to `/volunteers`. Errors: `Unauthorized`, `Forbidden` (not a resident), `Invalid`
/// (`shift`: not_signed, not_now, checked).
#[server(endpoint = "volunteers/check")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn shift_check(shift: ShiftId, out: Option<String>) -> Result<(), AppError> {
    use crate::ssr::{in_transaction, respond};
    respond(
        async {
            let out = out.is_some_and(|o| !o.is_empty());
            in_transaction(async |tx, user| super::ssr::check(tx, user, shift, out).await).await?;
            let done = if out { "checked_out" } else { "checked_in" };
            leptos_axum::redirect(&format!("/volunteers?done={done}#shifts"));
            Ok(())
        }
        .await,
    )
}

/// A lane steward confirms on site that request `number` of their community is fixed (a
/// multipart form: `number`, `note`, `photos`, one at least), then back to `/volunteers`.
/// Errors: `Unauthorized`, `Forbidden`, `NotFound`, `Invalid` (see `Fix::parse` and
/// `ssr::confirm_fix`; `photos`: required, and the photo checks).
#[server(endpoint = "volunteers/confirm_fix", input = MultipartFormData)]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn confirm_fix(data: MultipartData) -> Result<(), AppError> {
    use crate::requests::photos;
    use crate::ssr::{current_user, form_parts, respond, state};
    let state = state()?;
    let parts = match form_parts(data, Some(state.settings.max_photo_bytes)).await {
        Ok(parts) => parts,
        Err(error) => return respond(Err(error)),
    };
    if let Some(refused) = parts.photos_refused {
        return respond(Err(refused));
    }
    let field = |name: &str| crate::fields::field_value(&parts.pairs, name).unwrap_or_default();
    respond(
        async {
            let fix = super::Fix::parse(field("number"), field("note"))?;
            let user = current_user().await?;
            if parts.uploads.is_empty() {
                return Err(AppError::from(super::VolunteerRefusal::PhotosRequired));
            }
            // Decoding photos is the expensive part: first the confirmation without them,
            // rolled back, so a caller who may not confirm costs no decoding.
            crate::ssr::dry_run(&state.pool, async |tx| {
                super::ssr::confirm_fix(tx, &user, &fix, &[]).await
            })
            .await?;
            let stored = photos::store_all(
                &state.photos,
                parts.uploads,
                state.settings.max_photo_pixels,
            )
            .await?;
            let mut tx = state.pool.begin().await?;
            let done = match super::ssr::confirm_fix(&mut tx, &user, &fix, &stored).await {
                Ok(()) => tx.commit().await.map_err(AppError::from),
                Err(error) => Err(error),
            };
            if done.is_err() {
                state.photos.forget(&photos::keys(&stored)).await;
            }
            done?;
            leptos_axum::redirect("/volunteers?done=confirmed#to-confirm");
            Ok(())
        }
        .await,
    )
}
