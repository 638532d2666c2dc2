//! `AppError`: the one error every server function returns, with its HTTP status.
//!
//! Database errors arrive as `db::DbError` (server only); anything unexpected is logged with its
//! cause and reaches the browser only as [`AppError::Internal`].

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// What went wrong, in terms a page can show. `field` and `reason` of [`AppError::Invalid`] are
/// stable keys, translated by the i18n layer where the message is shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthorized,
    #[error("not allowed")]
    Forbidden,
    #[error("invalid {field}: {reason}")]
    Invalid { field: String, reason: String },
    /// The action clashed with the database's state (a unique or check constraint no caller
    /// mapped to a field). Which constraint is logged, never sent.
    #[error("conflict")]
    Conflict,
    #[error("too many attempts")]
    RateLimited,
    /// The request itself could not be read (missing or malformed arguments).
    #[error("bad request: {0}")]
    BadRequest(String),
    /// Something we depend on (the SMS gateway) is not answering; trying later may work.
    #[error("service unavailable")]
    Unavailable,
    #[error("internal error")]
    Internal,
}

impl AppError {
    /// A refused input: which field, and a stable key for why (translated where shown).
    pub fn invalid(field: &str, reason: &str) -> AppError {
        AppError::Invalid {
            field: field.to_owned(),
            reason: reason.to_owned(),
        }
    }

    /// The HTTP status this error is answered with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Invalid { .. } => 422,
            AppError::Conflict => 409,
            AppError::RateLimited => 429,
            AppError::BadRequest(_) => 400,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m)
            | ServerFnErrorErr::MissingArg(m)
            | ServerFnErrorErr::Deserialization(m) => AppError::BadRequest(m),
            // Transport failures seen by the browser: the page says "try again", no detail.
            _ => AppError::Internal,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<db::DbError> for AppError {
    fn from(error: db::DbError) -> Self {
        match error {
            db::DbError::NotFound => AppError::NotFound,
            db::DbError::Conflict { constraint } => {
                tracing::warn!(constraint, "unmapped constraint violation");
                AppError::Conflict
            }
            other @ (db::DbError::BadData(_) | db::DbError::Other(_)) => {
                tracing::error!(error = %other, "database error");
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        db::DbError::from(error).into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_has_a_distinct_client_or_server_status() {
        let invalid = AppError::Invalid {
            field: "phone".into(),
            reason: "format".into(),
        };
        assert_eq!(invalid.status(), 422);
        assert_eq!(AppError::NotFound.status(), 404);
        assert_eq!(AppError::RateLimited.status(), 429);
        assert_eq!(AppError::Internal.status(), 500);
    }

    #[test]
    fn unreadable_arguments_are_the_callers_fault_not_ours() {
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Args("parent".into()));
        assert_eq!(err.status(), 400);
        let err = AppError::from_server_fn_error(ServerFnErrorErr::Request("down".into()));
        assert_eq!(err, AppError::Internal);
    }
}
