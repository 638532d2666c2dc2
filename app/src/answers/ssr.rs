//! Server-only library: reading it and applying an edit, for admins only.

use super::{AnswerRefusal as R, Edit, Entry, Library};
use crate::accounts::CurrentUser;
use crate::admin::ssr::admin_only;
use crate::error::AppError;
use crate::requests::Names;
use db::answers::{self as q, Saved};

/// The library for `user`. Errors: `Forbidden` (not an admin).
pub async fn library(conn: &mut db::PgConnection, user: &CurrentUser) -> Result<Library, AppError> {
    admin_only(user)?;
    let entries = q::all(conn)
        .await?
        .into_iter()
        .map(|a| Entry {
            id: a.id,
            title: a.title,
            body: a.body,
            categories: a
                .category_codes
                .into_iter()
                .zip(a.category_zh.into_iter().zip(a.category_en))
                .map(|(code, (zh, en))| (code, Names { zh, en }))
                .collect(),
            updated_at: a.updated_at.timestamp(),
        })
        .collect();
    let categories = crate::requests::ssr::categories(conn).await?;
    Ok(Library {
        entries,
        categories,
    })
}

/// Applies `edit` for `user`, in the caller's transaction. Errors: `Forbidden` (not an
/// admin); `Invalid`: `id` (unknown), `categories` (invalid: a code names no category).
pub async fn apply(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    edit: &Edit,
) -> Result<(), AppError> {
    admin_only(user)?;
    match edit {
        Edit::Save {
            id,
            title,
            body,
            categories,
        } => {
            let draft = q::Draft {
                id: *id,
                title,
                body,
                category_codes: categories,
            };
            match q::save(conn, &draft, user.id).await? {
                Saved::Saved(_) => Ok(()),
                Saved::NotFound => Err(R::EntryUnknown.into()),
                Saved::UnknownCategory => Err(R::CategoriesInvalid.into()),
            }
        }
        Edit::Remove { id } => {
            if q::remove(conn, *id).await? {
                Ok(())
            } else {
                Err(R::EntryUnknown.into())
            }
        }
    }
}
