//! Server-only: reading an area and the areas below it.

use super::AreaListing;
use crate::error::AppError;

/// The area with division code `code` and the areas directly below it. Errors: `NotFound`.
pub async fn listing(conn: &mut db::PgConnection, code: &str) -> Result<AreaListing, AppError> {
    let area = db::areas::by_code(conn, code).await?;
    let children = db::areas::children(conn, area.id).await?;
    Ok(AreaListing {
        parent_code: area.parent_code.clone(),
        area: area.try_into()?,
        children: children
            .into_iter()
            .map(TryInto::try_into)
            .collect::<Result<_, _>>()?,
    })
}
