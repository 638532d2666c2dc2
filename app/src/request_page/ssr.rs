//! Server-only: reading a request's page, the request first (with what else has anything),
//! then each panel's part that does.

use super::RequestPageView;
use crate::accounts::CurrentUser;
use crate::error::AppError;

/// The page of the request with this tracking number, as `viewer` may see it (see
/// `requests::ssr::view`). Errors: `NotFound`.
pub async fn view(
    conn: &mut db::PgConnection,
    viewer: Option<&CurrentUser>,
    tracking_number: &str,
    phone_tail: Option<&str>,
) -> Result<RequestPageView, AppError> {
    let seen = crate::requests::ssr::view(conn, viewer, tracking_number, phone_tail).await?;
    let status = seen.view.status;
    // A found case is its street office's to confirm, even when a steward recorded it.
    let found = seen.view.detail.as_ref().is_some_and(|d| d.found.is_some());
    let rates = seen.view.is_mine && !found;
    let rating = crate::ratings::ssr::panel(conn, rates, status, seen.id).await?;
    let mut page = RequestPageView {
        request: seen.view,
        staff: None,
        rating,
        summons: Vec::new(),
        passes: Vec::new(),
        topic: None,
        consultations: Vec::new(),
    };
    // Only the status of a private request shows, and nothing around it.
    if page.request.detail.is_none() {
        return Ok(page);
    }
    if let (Some(viewer), Some(standing)) = (viewer, seen.standing) {
        let proposal = (seen.proposed_unit, seen.urgent);
        let on = (seen.id, status, standing);
        page.staff = crate::handling::ssr::panel(conn, viewer, on, proposal).await?;
    }
    let sees_all = match (viewer, seen.standing) {
        (Some(viewer), Some(standing)) => crate::requests::sees_all(viewer, standing),
        _ => false,
    };
    // Most requests have none of these: only what has something is read.
    if seen.has.summons {
        page.summons = crate::handling::ssr::summons(conn, seen.id, sees_all).await?;
    }
    if seen.has.passes {
        page.passes = crate::handling::ssr::passes(conn, seen.id).await?;
    }
    page.topic = seen.topic;
    if seen.has.consultations {
        page.consultations = crate::consultations::ssr::of_request(conn, seen.id).await?;
    }
    Ok(page)
}
