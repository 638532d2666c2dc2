//! The hotline's library of standard answers (标准答复库). Admins keep it at `/admin/answers`:
//! a title, the text and the categories it answers (none: any). A dispatcher answering a
//! request at intake (直接答复, see `handling`) starts from one and edits it. An edit is
//! parsed by `Edit::parse`, in the browser and again on the server.

pub mod api;
pub mod forms;
pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;
#[cfg(test)]
mod tests;
pub mod texts;
pub use texts::{AnswerRefusal, AnswerTexts};

use crate::error::AppError;
use crate::fields::{list_code, required_text};
use crate::requests::{Category, Names};
use ids::StandardAnswerId;
use serde::{Deserialize, Serialize};
use AnswerRefusal as R;

/// The longest title, in characters.
pub const TITLE_MAX: usize = 100;
/// The longest text, in characters (as long as any staff note).
pub const BODY_MAX: usize = crate::requests::MAX_NOTE;
/// The most categories one answer names.
pub const MAX_CATEGORIES: usize = 40;

/// A standard answer as the library lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: StandardAnswerId,
    pub title: String,
    pub body: String,
    /// The categories it answers, each `(code, names)`; none: any.
    pub categories: Vec<(String, Names)>,
    pub updated_at: i64,
}

/// The library and the categories an entry may name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Library {
    pub entries: Vec<Entry>,
    pub categories: Vec<Category>,
}

/// A change to the library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Edit {
    /// Creates an entry (`id` none) or replaces one.
    Save {
        id: Option<StandardAnswerId>,
        title: String,
        body: String,
        categories: Vec<String>,
    },
    Remove {
        id: StandardAnswerId,
    },
}

/// The fields of the library's forms.
pub const FIELDS: [&str; 5] = ["edit", "id", "title", "body", "categories"];

impl Edit {
    /// Reads a library form's `(name, value)` pairs (`categories` repeated). Errors:
    /// `Invalid`: `edit` (unknown), `id` (invalid), `title`, `body` (required, too_long),
    /// `categories` (too_many, invalid).
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Edit, AppError> {
        let (mut edit, mut id, mut title, mut body) = ("", "", "", "");
        let mut categories = Vec::new();
        for (name, value) in pairs {
            match name {
                "edit" => edit = value,
                "id" => id = value,
                "title" => title = value,
                "body" => body = value,
                "categories" if !value.is_empty() => categories.push(value),
                _ => {}
            }
        }
        let id = match id.trim() {
            "" => None,
            text => Some(
                text.parse::<StandardAnswerId>()
                    .map_err(|_| AppError::from(R::IdInvalid))?,
            ),
        };
        match edit {
            "save" => {
                if categories.len() > MAX_CATEGORIES {
                    return Err(R::CategoriesTooMany.into());
                }
                let mut categories = categories
                    .into_iter()
                    .map(|c| list_code(c, R::CategoriesInvalid))
                    .collect::<Result<Vec<_>, _>>()?;
                categories.sort();
                categories.dedup();
                Ok(Edit::Save {
                    id,
                    title: single_line(title)?,
                    body: required_text(body, BODY_MAX, R::BodyRequired, R::BodyTooLong)?,
                    categories,
                })
            }
            "remove" => Ok(Edit::Remove {
                id: id.ok_or_else(|| AppError::from(R::IdInvalid))?,
            }),
            _ => Err(R::EditUnknown.into()),
        }
    }

    /// Its name, as the page's notice after it says it.
    pub fn name(&self) -> &'static str {
        match self {
            Edit::Save { .. } => "save",
            Edit::Remove { .. } => "remove",
        }
    }
}

/// A title: trimmed, one line, 1 to `TITLE_MAX` characters.
fn single_line(text: &str) -> Result<String, AppError> {
    let title = required_text(text, TITLE_MAX, R::TitleRequired, R::TitleTooLong)?;
    if title.contains(['\n', '\r']) {
        return Err(R::TitleTooLong.into());
    }
    Ok(title)
}
