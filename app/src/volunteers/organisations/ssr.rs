//! Server-only organisations: residents report them and answer for them; area staff confirm
//! them and ask for their resources; each in the caller's transaction.

use super::{
    Answer, AskDraft, AskStatus, AskView, OrganisationDraft, OrganisationRefusal as R,
    OrganisationView, OrganisationsSeen, ResourceKind, ResourceView,
};
use crate::accounts::CurrentUser;
use crate::error::AppError;
use crate::requests::Names;
use crate::volunteers::{Decision, VolunteerStatus, LIST_SIZE};
use db::keys;
use db::organisations as q;
use ids::{AskId, OrganisationId, ResourceId};

/// Whose eyes: the contact and the staff see the contact; the public does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Eyes {
    Contact,
    Staff,
    Public,
}

/// The organisations `which` names, with their resource lists.
pub async fn organisations(
    conn: &mut db::PgConnection,
    which: q::Which,
    eyes: Eyes,
) -> Result<Vec<OrganisationView>, AppError> {
    let rows = q::list(conn, which, LIST_SIZE).await?;
    let ids: Vec<OrganisationId> = rows.iter().map(|r| r.id).collect();
    let resources = q::resources(conn, &ids).await?;
    rows.into_iter()
        .map(|row| {
            let resources = resources
                .iter()
                .filter(|r| r.organisation_id == row.id)
                .map(|r| {
                    Ok(ResourceView {
                        id: r.id,
                        kind: ResourceKind::parse(&r.kind).ok_or(AppError::Internal)?,
                        what: r.what.clone(),
                    })
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            Ok(OrganisationView {
                id: row.id,
                name: row.name,
                status: VolunteerStatus::parse(&row.status).ok_or(AppError::Internal)?,
                reason: row.reason,
                area: Names {
                    zh: row.area_zh,
                    en: row.area_en,
                },
                contact: (eyes != Eyes::Public).then_some((row.contact_name, row.contact_phone)),
                resources,
            })
        })
        .collect()
}

/// The asks `which` names.
pub async fn asks(conn: &mut db::PgConnection, which: q::Asks) -> Result<Vec<AskView>, AppError> {
    q::asks(conn, which, LIST_SIZE)
        .await?
        .into_iter()
        .map(|r| {
            Ok(AskView {
                id: r.id,
                organisation: r.organisation,
                resource_kind: ResourceKind::parse(&r.resource_kind).ok_or(AppError::Internal)?,
                resource: r.resource,
                area: Names {
                    zh: r.area_zh,
                    en: r.area_en,
                },
                what: r.what,
                needed_on: r.needed_on.format("%Y-%m-%d").to_string(),
                status: AskStatus::parse(&r.status).ok_or(AppError::Internal)?,
                answer: r.answer,
            })
        })
        .collect()
}

/// The organisations part of `/volunteers` for `user`. Errors: `Forbidden` (neither a
/// resident nor area staff).
pub async fn seen(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
) -> Result<OrganisationsSeen, AppError> {
    if user.resident_only().is_ok() {
        let report_areas = q::report_areas(conn, user.id)
            .await?
            .into_iter()
            .map(|(_, code, zh, en)| (code, Names { zh, en }))
            .collect();
        return Ok(OrganisationsSeen::Contact {
            organisations: organisations(conn, q::Which::Reporter(user.id), Eyes::Contact).await?,
            asks: asks(conn, q::Asks::ToReporter(user.id)).await?,
            report_areas,
        });
    }
    let area_id = user.staff_area()?;
    Ok(OrganisationsSeen::Staff {
        organisations: organisations(conn, q::Which::InArea(area_id), Eyes::Staff).await?,
        asks: asks(conn, q::Asks::OfArea(area_id)).await?,
    })
}

/// A resident reports an organisation to their home community or its street. Errors:
/// `Forbidden` (not a resident), `Invalid`: `area` (outside: neither), `name` (live: that
/// name reports there already).
pub async fn report(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    draft: &OrganisationDraft,
) -> Result<(), AppError> {
    user.resident_only()?;
    let area_id = q::report_areas(conn, user.id)
        .await?
        .into_iter()
        .find(|(_, code, _, _)| *code == draft.area)
        .map(|(id, ..)| id)
        .ok_or_else(|| AppError::from(R::AreaOutside))?;
    let resources: Vec<(&dyn keys::ResourceKind, &str)> = draft
        .resources
        .iter()
        .map(|(kind, what)| (kind as &dyn keys::ResourceKind, what.as_str()))
        .collect();
    let org = q::NewOrganisation {
        area_id,
        name: &draft.name,
        contact_name: &draft.contact_name,
        contact_phone: draft.contact_phone.as_str(),
        resources: &resources,
    };
    q::report(conn, user.id, &org)
        .await?
        .map(drop)
        .ok_or_else(|| AppError::from(R::NameLive))
}

/// Area staff decide on organisation `id`, and its contact hears of it. Errors: `Forbidden`
/// (not area staff, or it reports outside their area), `NotFound`, `Invalid { field:
/// "status", reason: "not_now" }`.
pub async fn decide(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: OrganisationId,
    decision: &Decision,
) -> Result<(), AppError> {
    let area_id = user.staff_area()?;
    let found = q::lock(conn, id, area_id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !found.in_area {
        return Err(AppError::Forbidden);
    }
    let (from, to, reason) = decision.transition();
    if found.status != from.as_str() {
        return Err(AppError::from(
            crate::volunteers::VolunteerRefusal::StatusNotNow,
        ));
    }
    q::decide(conn, id, &to, reason, user.id).await?;
    let kind = format!("organisation_{}", to.as_str());
    let note = match reason {
        Some(reason) => format!("{} · {reason}", found.name),
        None => found.name,
    };
    db::verifications::notify(conn, found.reporter_id, &kind, &note).await?;
    Ok(())
}

/// Area staff ask for resource `resource`, and the organisation's contact hears of it.
/// Errors: `Forbidden` (not area staff), `NotFound`, `Invalid`: `needed_on` (past),
/// `resource` (not_serving, outside).
pub async fn ask(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    resource: ResourceId,
    draft: &AskDraft,
) -> Result<(), AppError> {
    let area_id = user.staff_area()?;
    if draft.needed_on < crate::time::today_in_beijing() {
        return Err(AppError::from(R::NeededOnPast));
    }
    match q::ask(
        conn,
        resource,
        area_id,
        user.id,
        &draft.what,
        draft.needed_on,
    )
    .await?
    {
        q::Asked::NotFound => Err(AppError::NotFound),
        q::Asked::NotServing => Err(AppError::from(R::ResourceNotServing)),
        q::Asked::Outside => Err(AppError::from(R::ResourceOutside)),
        q::Asked::Done(_, contact) => {
            db::verifications::notify(conn, contact, "resource_asked", &draft.what).await?;
            Ok(())
        }
    }
}

/// The organisation's contact answers ask `id`, and whoever asked hears of it. Errors:
/// `Forbidden` (not its contact), `NotFound`, `Invalid { field: "answer", reason: "answered" }`.
pub async fn answer(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: AskId,
    answer: &Answer,
) -> Result<(), AppError> {
    let found = q::lock_ask(conn, id).await?.ok_or(AppError::NotFound)?;
    if found.reporter_id != user.id {
        return Err(AppError::Forbidden);
    }
    if found.status != AskStatus::Asked.as_str() {
        return Err(AppError::from(R::AskAnswered));
    }
    q::answer(conn, id, &answer.status, &answer.note).await?;
    let kind = format!("resource_{}", answer.status.as_str());
    let note = if answer.note.is_empty() {
        found.what
    } else {
        format!("{} · {}", found.what, answer.note)
    };
    db::verifications::notify(conn, found.asked_by, &kind, &note).await?;
    Ok(())
}
