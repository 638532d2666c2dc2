//! Accounts: users found by phone number or id, and the failed sign-ins that throttle guessing.

use crate::DbError;
use sqlx::PgConnection;

/// A user as signing in needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub id: i64,
    pub display_name: String,
    pub role: String,
    /// `None` once the account is deleted.
    pub password_hash: Option<String>,
}

/// The account registered with `phone`, if any.
pub async fn by_phone(conn: &mut PgConnection, phone: &str) -> Result<Option<UserRow>, DbError> {
    let row = sqlx::query_as!(
        UserRow,
        "select id, display_name, role, password_hash from users where phone = $1",
        phone
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// The account with this id. Errors: `NotFound`.
pub async fn by_id(conn: &mut PgConnection, id: i64) -> Result<UserRow, DbError> {
    let row = sqlx::query_as!(
        UserRow,
        "select id, display_name, role, password_hash from users where id = $1",
        id
    )
    .fetch_one(conn)
    .await?;
    Ok(row)
}

/// How many sign-ins with `phone` failed in the last `window_secs` seconds.
pub async fn recent_failures(
    conn: &mut PgConnection,
    phone: &str,
    window_secs: i64,
) -> Result<i64, DbError> {
    let count = sqlx::query_scalar!(
        r#"select count(*) as "count!" from sign_in_failures
           where phone = $1 and created_at > now() - make_interval(secs => $2)"#,
        phone,
        window_secs as f64
    )
    .fetch_one(conn)
    .await?;
    Ok(count)
}

/// Records a failed sign-in with `phone` from `client_addr`.
pub async fn record_failure(
    conn: &mut PgConnection,
    phone: &str,
    client_addr: Option<&str>,
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into sign_in_failures (phone, client_addr) values ($1, $2)",
        phone,
        client_addr
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets the failed sign-ins of `phone` (after a successful one).
pub async fn clear_failures(conn: &mut PgConnection, phone: &str) -> Result<(), DbError> {
    sqlx::query!("delete from sign_in_failures where phone = $1", phone)
        .execute(conn)
        .await?;
    Ok(())
}

/// Removes expired sessions; returns how many.
pub async fn delete_expired_sessions(conn: &mut PgConnection) -> Result<u64, DbError> {
    let done = sqlx::query!("delete from tower_sessions.session where expiry_date < now()")
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Creates a resident's account (its number confirmed) and returns its id. Errors:
/// `Conflict { users_phone_key }` when the number has an account.
pub async fn create_resident(
    conn: &mut PgConnection,
    phone: &str,
    password_hash: &str,
    display_name: &str,
    home_community_id: i64,
) -> Result<i64, DbError> {
    let id = sqlx::query_scalar!(
        "insert into users (phone, password_hash, display_name, role, home_community_id)
         values ($1, $2, $3, 'resident', $4)
         returning id",
        phone,
        password_hash,
        display_name,
        home_community_id
    )
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Serialises sign-in attempts for one number until the transaction ends, so that tries sent
/// at once are counted one after the other.
pub async fn lock_phone(conn: &mut PgConnection, phone: &str) -> Result<(), DbError> {
    sqlx::query!(
        "select pg_advisory_xact_lock(hashtext('sign-in ' || $1::text))",
        phone
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes failed sign-ins older than a day (the throttle looks at minutes); returns how many.
pub async fn delete_old_failures(conn: &mut PgConnection) -> Result<u64, DbError> {
    let done =
        sqlx::query!("delete from sign_in_failures where created_at < now() - interval '1 day'")
            .execute(conn)
            .await?;
    Ok(done.rows_affected())
}
