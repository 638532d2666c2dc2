//! Server-only residence verification: asking (residents), the staff lists and decisions (area
//! staff, within their area), each in the caller's transaction.

use super::{Decision, MyVerification, StaffVerifications, Verification, VerificationStatus};
use crate::accounts::{CurrentUser, Phone};
use crate::error::AppError;
use crate::requests::Names;
use crate::verifications::VerificationRefusal;
use db::verifications as q;
use ids::VerificationId;

fn verification(row: q::VerificationRow, for_staff: bool) -> Result<Verification, AppError> {
    let status = VerificationStatus::parse(&row.status).ok_or(AppError::Internal)?;
    let masked = Phone::parse(&row.resident_phone)
        .map(|p| p.masked())
        .unwrap_or_default();
    Ok(Verification {
        id: row.id,
        status,
        community: Names {
            zh: format!("{} {}", row.street_zh, row.community_zh),
            en: format!("{}, {}", row.community_en, row.street_en),
        },
        address: row.address,
        reason: row.reason,
        asked_at: row.created_at.timestamp(),
        decided_at: row.decided_at.map(|at| at.timestamp()),
        resident: for_staff.then_some((row.resident_name, masked)),
    })
}

/// The resident's latest verification and whether they may ask. Errors: `Forbidden` (not a
/// resident).
pub async fn mine(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
) -> Result<MyVerification, AppError> {
    user.resident_only()?;
    let latest = match q::list(conn, q::Which::Resident(user.id), 1).await?.pop() {
        Some(row) => Some(verification(row, false)?),
        None => None,
    };
    let live = latest.as_ref().is_some_and(|v| {
        matches!(
            v.status,
            VerificationStatus::Pending | VerificationStatus::Approved
        )
    });
    Ok(MyVerification {
        latest,
        can_ask: !live,
    })
}

/// The resident asks to be verified in their home community at `address`. Errors:
/// `Forbidden` (not a resident), `Invalid { field: "verification", reason: "live" }` (a
/// pending or approved one exists).
pub async fn ask(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    address: &str,
) -> Result<(), AppError> {
    user.resident_only()?;
    q::ask(conn, user.id, address)
        .await?
        .map(drop)
        .ok_or_else(|| AppError::from(VerificationRefusal::VerificationLive))
}

/// The pending verifications and the approved residents in the staff member's area. Errors:
/// `Forbidden` (not area staff).
pub async fn staff_list(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
) -> Result<StaffVerifications, AppError> {
    let area_id = user.staff_area()?;
    let (zh, en) = db::areas::names(conn, area_id).await?;
    let mut lists = Vec::with_capacity(2);
    for status in [VerificationStatus::Pending, VerificationStatus::Approved] {
        let which = q::Which::InArea {
            area_id,
            status: &status,
        };
        let rows = q::list(conn, which, super::LIST_SIZE).await?;
        lists.push(
            rows.into_iter()
                .map(|row| verification(row, true))
                .collect::<Result<Vec<_>, _>>()?,
        );
    }
    let approved = lists.pop().unwrap_or_default();
    let pending = lists.pop().unwrap_or_default();
    Ok(StaffVerifications {
        area: Names { zh, en },
        pending,
        approved,
    })
}

/// Area staff decide on verification `id`, and its resident hears of it. Errors: `Forbidden`
/// (not area staff, or the community lies outside their area), `NotFound`, `Invalid {
/// field: "status", reason: "not_now" }` (approving or rejecting what is not pending,
/// revoking what is not approved).
pub async fn decide(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    id: VerificationId,
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
        return Err(AppError::from(VerificationRefusal::StatusNotNow));
    }
    q::decide(conn, id, &to, reason, user.id).await?;
    let kind = format!("verification_{}", to.as_str());
    q::notify(conn, found.resident_id, &kind, reason.unwrap_or_default()).await?;
    Ok(())
}
