//! Server-only ratings: rating a resolved round (which closes the request), reopening, and
//! the rating a request page shows. Each runs in the caller's transaction.

use super::{Outcome, Rating, RatingView, REOPEN_DAYS};
use crate::accounts::CurrentUser;
use crate::error::AppError;
use crate::ratings::RatingRefusal;
use crate::requests::lifecycle::{self, Action};
use crate::requests::ssr::status;
use crate::requests::Status;
use db::handling::{self as h, Recipients};
use ids::RequestId;

/// The request with this number, locked, if `user` filed it. Errors: `NotFound`,
/// `Forbidden` (someone else's).
async fn own(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    tracking_number: &str,
) -> Result<h::Locked, AppError> {
    let request = h::lock(conn, tracking_number)
        .await?
        .ok_or(AppError::NotFound)?;
    // Nobody rates a found case (its street office confirms it): its `resident_id` is the
    // staff member or lane steward who recorded it.
    if request.resident_id != user.id
        || user.role != crate::accounts::Role::Resident
        || request.found_in.is_some()
    {
        return Err(AppError::Forbidden);
    }
    Ok(request)
}

/// Rates the resolved request `tracking_number` for its resident, which closes it. Errors:
/// `NotFound`, `Forbidden` (not theirs), `Invalid { field: "status", reason: "not_allowed" }`
/// (not resolved: not yet, or rated already).
pub async fn rate(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    tracking_number: &str,
    rating: &Rating,
) -> Result<(), AppError> {
    let request = own(conn, user, tracking_number).await?;
    let from = status(&request.status)?;
    let to = lifecycle::next(from, Action::Close)?;
    db::ratings::rate(
        conn,
        &db::ratings::NewRating {
            request_id: request.id,
            round: request.round,
            resident_id: user.id,
            unit_id: request.unit_id,
            outcome: &rating.outcome,
            satisfaction: rating.satisfaction,
            reasons: &rating.reasons,
            comment: &rating.comment,
        },
    )
    .await
    .map_err(|e| match e {
        db::DbError::Conflict { constraint } if constraint == "ratings_request_id_round_key" => {
            AppError::from(crate::requests::RequestRefusal::StatusNotAllowed)
        }
        other => other.into(),
    })?;
    db::requests::append_event(
        conn,
        &db::requests::NewEvent {
            request_id: request.id,
            actor_id: Some(user.id),
            kind: Action::Close.as_str(),
            from_status: Some(&from),
            to_status: Some(&to),
            note: "",
            is_public: true,
            unit_id: None,
        },
    )
    .await?;
    if let Some(unit) = request.unit_id {
        h::notify(conn, Recipients::Unit(unit), request.id, "closed", "").await?;
    }
    Ok(())
}

/// Reopens (重办) the resident's closed request: back to the same unit as the next round,
/// with a new resolve-by; `reason` goes on the timeline. Errors: `NotFound`, `Forbidden`,
/// `Invalid` with `status` (not_allowed: not closed), `reopen` (satisfied: the rating said
/// resolved and satisfied; too_late: more than `REOPEN_DAYS` after closing; unrated: closed
/// without a rating).
pub async fn reopen(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    tracking_number: &str,
    reason: &str,
) -> Result<(), AppError> {
    let request = own(conn, user, tracking_number).await?;
    let from = status(&request.status)?;
    let to = lifecycle::next(from, Action::Reopen)?;
    let rated = db::ratings::current(conn, request.id)
        .await?
        .ok_or_else(|| AppError::from(RatingRefusal::ReopenUnrated))?;
    let view = rating_view(rated);
    if !view.rating.allows_reopen() {
        return Err(AppError::from(RatingRefusal::ReopenSatisfied));
    }
    if view
        .reopen_until
        .is_none_or(|until| chrono::Utc::now().timestamp() > until)
    {
        return Err(AppError::from(RatingRefusal::ReopenTooLate));
    }
    let hours = h::hours(conn, Some(request.category_id), None)
        .await?
        .ok_or(AppError::Internal)?;
    let resolve = if request.urgent {
        hours.urgent_resolve
    } else {
        hours.resolve
    };
    db::ratings::reopen(conn, request.id, resolve).await?;
    db::requests::append_event(
        conn,
        &db::requests::NewEvent {
            request_id: request.id,
            actor_id: Some(user.id),
            kind: Action::Reopen.as_str(),
            from_status: Some(&from),
            to_status: Some(&to),
            note: reason,
            is_public: true,
            // The round counts against the unit that resolved it.
            unit_id: request.unit_id,
        },
    )
    .await?;
    if let Some(unit) = request.unit_id {
        h::notify(conn, Recipients::Unit(unit), request.id, "reopened", "").await?;
    }
    Ok(())
}

fn rating_view(row: db::ratings::RatingRow) -> RatingView {
    let rating = Rating {
        outcome: Outcome::parse(&row.outcome).unwrap_or(Outcome::NotResolved),
        satisfaction: row.satisfaction,
        reasons: row.reasons,
        comment: row.comment,
    };
    let reopen_until = row
        .closed_at
        .filter(|_| rating.allows_reopen())
        .map(|closed| closed.timestamp() + REOPEN_DAYS * 86_400);
    RatingView {
        rating,
        at: row.created_at.timestamp(),
        reopen_until,
    }
}

/// The rating of request `request_id`'s current round, if rated.
pub async fn current(
    conn: &mut db::PgConnection,
    request_id: RequestId,
) -> Result<Option<RatingView>, AppError> {
    Ok(db::ratings::current(conn, request_id)
        .await?
        .map(rating_view))
}

/// The rating part of request `request_id`'s page, in `status`, for its resident
/// (`is_mine`); nothing for anyone else.
pub async fn panel(
    conn: &mut db::PgConnection,
    is_mine: bool,
    status: Status,
    request_id: RequestId,
) -> Result<super::RatingPanel, AppError> {
    let mut panel = super::RatingPanel {
        can_rate: is_mine && lifecycle::next(status, Action::Close).is_ok(),
        ..Default::default()
    };
    if is_mine && status == Status::Closed {
        panel.rating = current(conn, request_id).await?;
        let now = chrono::Utc::now().timestamp();
        panel.can_reopen = panel
            .rating
            .as_ref()
            .and_then(|r| r.reopen_until)
            .is_some_and(|until| now <= until);
    }
    Ok(panel)
}
