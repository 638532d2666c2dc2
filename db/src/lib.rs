//! Jiesu's database: migrations and every query, server-only.
//!
//! Query functions take `&mut PgConnection` so that the caller owns the transaction: one action,
//! one transaction. Rows come back as `XRow` structs; `app` turns them into its wire types.

pub mod accounts;
pub mod admin;
pub mod answers;
pub mod areas;
pub mod codes;
pub mod consultations;
pub mod demo;
mod error;
pub mod export;
pub mod handling;
pub mod inbox;
pub mod keys;
pub mod measures;
pub mod organisations;
pub mod ratings;
pub mod requests;
pub mod topics;
pub mod verifications;
pub mod volunteers;

pub use error::DbError;
pub use sqlx::{PgConnection, PgPool};

/// The schema's migrations, embedded; run at start-up and by `#[sqlx::test]`.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!();

/// Which transactions have written to the database server so far
/// (`pg_current_snapshot()` as text): the same text later means nothing was written since,
/// by anyone (a transaction that only reads takes no id and changes nothing of it).
pub async fn snapshot(conn: &mut PgConnection) -> Result<String, DbError> {
    let snapshot = sqlx::query_scalar!(r#"select pg_current_snapshot()::text as "snapshot!""#)
        .fetch_one(conn)
        .await?;
    Ok(snapshot)
}
