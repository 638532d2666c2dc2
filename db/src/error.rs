//! `DbError`: what a query can fail with, in terms the layers above can act on.

/// A query's failure. Constraint violations carry the constraint's name (never its message),
/// so `app` can map `users_phone_key` to "this number is already registered".
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("row not found")]
    NotFound,
    #[error("constraint {constraint} violated")]
    Conflict { constraint: String },
    /// Data refused before it reached the database (a malformed demo-data file).
    #[error("bad data: {0}")]
    BadData(String),
    #[error(transparent)]
    Other(sqlx::Error),
}

impl From<sqlx::Error> for DbError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => DbError::NotFound,
            sqlx::Error::Database(ref e) => match e.constraint() {
                Some(constraint) => DbError::Conflict {
                    constraint: constraint.to_owned(),
                },
                None => DbError::Other(error),
            },
            other => DbError::Other(other),
        }
    }
}
