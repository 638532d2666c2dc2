//! Accounts: users found by phone number or id, and the failed sign-ins that throttle guessing.

use crate::DbError;
use ids::{AreaId, UnitId, UserId};
use sqlx::types::chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A user as signing in needs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserRow {
    pub id: UserId,
    pub display_name: String,
    pub role: String,
    /// `None` for a hotline caller record (nobody can sign in) and once the account is deleted.
    pub password_hash: Option<String>,
    /// Raised by every password change: sessions signed in with an older one are over.
    pub password_version: i32,
    /// The unit they act for (the view `unit_staff`): a handler's unit; for a community's area
    /// staff, its committee (居委会 / 村委会).
    pub unit_id: Option<UnitId>,
    /// An area staff member's area.
    pub scope_area_id: Option<AreaId>,
    /// An admin took the account away: no sign-in, no reset, its sessions end.
    pub disabled: bool,
}

/// The account registered with `phone`, if any.
pub async fn by_phone(conn: &mut PgConnection, phone: &str) -> Result<Option<UserRow>, DbError> {
    let row = sqlx::query_as!(
        UserRow,
        r#"select id, display_name, role, password_hash,
                  password_version,
                  (select w.unit_id from unit_staff w where w.user_id = users.id)
                      as "unit_id: UnitId",
                  scope_area_id as "scope_area_id: AreaId",
                  disabled_at is not null as "disabled!"
           from users where phone = $1"#,
        phone
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// The account with this id. Errors: `NotFound`.
pub async fn by_id(conn: &mut PgConnection, id: UserId) -> Result<UserRow, DbError> {
    let row = sqlx::query_as!(
        UserRow,
        r#"select id, display_name, role, password_hash,
                  password_version,
                  (select w.unit_id from unit_staff w where w.user_id = users.id)
                      as "unit_id: UnitId",
                  scope_area_id as "scope_area_id: AreaId",
                  disabled_at is not null as "disabled!"
           from users where id = $1"#,
        id.0
    )
    .fetch_one(conn)
    .await?;
    Ok(row)
}

/// What the sign-in throttle looks at, within the window: failed sign-ins with this number
/// from this client, from this client with any number, and with this number from anywhere,
/// and how long ago the newest of those last was (seconds).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct FailureCounts {
    pub phone_from_client: i64,
    pub from_client: i64,
    pub phone: i64,
    pub secs_since_last_for_phone: Option<f64>,
}

/// The failed sign-ins the throttle counts for `phone` tried from `client` (keyed as
/// `app::ssr::client_addr` keys it) in the last `window_secs` seconds.
pub async fn recent_failures(
    conn: &mut PgConnection,
    phone: &str,
    client: Option<&str>,
    window_secs: i64,
) -> Result<FailureCounts, DbError> {
    let row = sqlx::query!(
        r#"select count(*) filter (where phone = $1 and client_addr = $2) as "phone_from_client!",
                  count(*) filter (where client_addr = $2) as "from_client!",
                  count(*) filter (where phone = $1) as "phone!",
                  extract(epoch from now() - max(created_at) filter (where phone = $1))::float8
                      as "since_last?"
           from sign_in_failures
           where created_at > now() - make_interval(secs => $3)
             and (phone = $1 or client_addr = $2)"#,
        phone,
        client,
        window_secs as f64
    )
    .fetch_one(conn)
    .await?;
    Ok(FailureCounts {
        phone_from_client: row.phone_from_client,
        from_client: row.from_client,
        phone: row.phone,
        secs_since_last_for_phone: row.since_last,
    })
}

/// Records a failed sign-in with `phone` from `client_addr`; its id. (Signing in records one
/// before checking the password and forgets it on success, so tries sent at once are all
/// counted.)
pub async fn record_failure(
    conn: &mut PgConnection,
    phone: &str,
    client_addr: Option<&str>,
) -> Result<i64, DbError> {
    let id = sqlx::query_scalar!(
        "insert into sign_in_failures (phone, client_addr) values ($1, $2) returning id",
        phone,
        client_addr
    )
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Forgets the failed sign-ins of `phone` from `client_addr` (after a successful one there):
/// failures from elsewhere still count.
pub async fn clear_failures_from(
    conn: &mut PgConnection,
    phone: &str,
    client_addr: Option<&str>,
) -> Result<(), DbError> {
    sqlx::query!(
        "delete from sign_in_failures where phone = $1 and client_addr is not distinct from $2",
        phone,
        client_addr
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Forgets every failed sign-in of `phone` (the owner proved the number with a texted code).
pub async fn clear_failures(conn: &mut PgConnection, phone: &str) -> Result<(), DbError> {
    sqlx::query!("delete from sign_in_failures where phone = $1", phone)
        .execute(conn)
        .await?;
    Ok(())
}

/// Takes account `id` away with `reason` (an admin's doing): it cannot sign in or reset its
/// password, and its sessions end at their next request. Errors: `NotFound` (no such account,
/// or deleted).
pub async fn disable(conn: &mut PgConnection, id: UserId, reason: &str) -> Result<(), DbError> {
    let done = sqlx::query!(
        "update users set disabled_at = now(), disabled_reason = $2
         where id = $1 and deleted_at is null",
        id.0,
        reason
    )
    .execute(conn)
    .await?;
    found(done.rows_affected())
}

/// Gives a disabled account back. Errors: `NotFound`.
pub async fn enable(conn: &mut PgConnection, id: UserId) -> Result<(), DbError> {
    let done = sqlx::query!(
        "update users set disabled_at = null, disabled_reason = null
         where id = $1 and deleted_at is null",
        id.0
    )
    .execute(conn)
    .await?;
    found(done.rows_affected())
}

/// Whether the session with this id is still in the store and not expired.
pub async fn session_alive(conn: &mut PgConnection, id: &str) -> Result<bool, DbError> {
    let alive = sqlx::query_scalar!(
        r#"select exists(select 1 from tower_sessions.session
                         where id = $1 and expiry_date > now()) as "alive!""#,
        id
    )
    .fetch_one(conn)
    .await?;
    Ok(alive)
}

/// Removes expired sessions; returns how many.
pub async fn delete_expired_sessions(conn: &mut PgConnection) -> Result<u64, DbError> {
    let done = sqlx::query!("delete from tower_sessions.session where expiry_date < now()")
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Creates a resident's account (its number confirmed) and returns its id. A hotline caller
/// record with this number (no password) becomes the account, keeping its requests. Errors:
/// `Conflict { users_phone_key }` when the number has an account.
pub async fn create_resident(
    conn: &mut PgConnection,
    phone: &str,
    password_hash: &str,
    display_name: &str,
    home_community_id: AreaId,
) -> Result<UserId, DbError> {
    let id = sqlx::query_scalar!(
        "insert into users (phone, password_hash, display_name, role, home_community_id,
                            password_version)
         values ($1, $2, $3, 'resident', $4, 0)
         on conflict (phone) do update
            set password_hash = excluded.password_hash,
                display_name = excluded.display_name,
                home_community_id = excluded.home_community_id,
                password_version = users.password_version + 1
            where users.password_hash is null and users.role = 'resident'
         returning id",
        phone,
        password_hash,
        display_name,
        home_community_id.0
    )
    .fetch_optional(conn)
    .await?;
    id.map(UserId).ok_or_else(|| DbError::Conflict {
        constraint: "users_phone_key".into(),
    })
}

/// Finds or creates the resident with `phone` for a hotline call and returns their id: their
/// account, or a caller record (no password: nobody signs in with it until the number is
/// confirmed by registering). `None` when the number is a staff account's.
pub async fn caller_record(
    conn: &mut PgConnection,
    phone: &str,
    display_name: &str,
) -> Result<Option<UserId>, DbError> {
    // On conflict the no-op update still returns the row (and waits for a concurrent insert
    // of the same number instead of missing it).
    let id = sqlx::query_scalar!(
        "insert into users (phone, display_name, role) values ($1, $2, 'resident')
         on conflict (phone) do update set phone = excluded.phone
            where users.role = 'resident'
         returning id",
        phone,
        display_name
    )
    .fetch_optional(conn)
    .await?;
    Ok(id.map(UserId))
}

/// A resident's own account, as their profile shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileRow {
    pub id: UserId,
    pub phone: Option<String>,
    pub display_name: String,
    pub role: String,
    pub home_community_code: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// The profile of account `id`. Errors: `NotFound`.
pub async fn profile(conn: &mut PgConnection, id: UserId) -> Result<ProfileRow, DbError> {
    let row = sqlx::query_as!(
        ProfileRow,
        r#"select u.id, u.phone, u.display_name, u.role, a.code as "home_community_code?",
                  u.created_at as "created_at: DateTime<Utc>"
           from users u left join areas a on a.id = u.home_community_id
           where u.id = $1 and u.deleted_at is null"#,
        id.0
    )
    .fetch_one(conn)
    .await?;
    Ok(row)
}

/// Changes the display name and home community of account `id`. Errors: `NotFound`.
pub async fn update_profile(
    conn: &mut PgConnection,
    id: UserId,
    display_name: &str,
    home_community_id: AreaId,
) -> Result<(), DbError> {
    let done = sqlx::query!(
        "update users set display_name = $2, home_community_id = $3
         where id = $1 and deleted_at is null",
        id.0,
        display_name,
        home_community_id.0
    )
    .execute(conn)
    .await?;
    found(done.rows_affected())
}

/// Sets the password of account `id` (an argon2 hash) and returns its new password version:
/// sessions signed in with an older one end. Errors: `NotFound` (no such account, or deleted).
pub async fn set_password(
    conn: &mut PgConnection,
    id: UserId,
    password_hash: &str,
) -> Result<i32, DbError> {
    let version = sqlx::query_scalar!(
        "update users set password_hash = $2, password_version = password_version + 1
         where id = $1 and deleted_at is null and password_hash is not null
         returning password_version",
        id.0,
        password_hash
    )
    .fetch_optional(conn)
    .await?;
    version.ok_or(DbError::NotFound)
}

/// Deletes account `id`: no sign-in, no name, no number; its requests stay, de-identified. The
/// codes and failed sign-ins kept for its number go too. Errors: `NotFound`.
pub async fn delete(conn: &mut PgConnection, id: UserId) -> Result<(), DbError> {
    let phone = sqlx::query_scalar!(
        "update users u
            set phone = null, password_hash = null, display_name = '', home_community_id = null,
                deleted_at = now()
           from users before
          where u.id = $1 and before.id = u.id and u.deleted_at is null
          returning before.phone",
        id.0
    )
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(DbError::NotFound)?;
    if let Some(phone) = phone {
        sqlx::query!("delete from phone_codes where phone = $1", phone)
            .execute(&mut *conn)
            .await?;
        sqlx::query!("delete from sign_in_failures where phone = $1", phone)
            .execute(&mut *conn)
            .await?;
        sqlx::query!("delete from sms_outbox where phone = $1", phone)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

fn found(rows: u64) -> Result<(), DbError> {
    if rows == 0 {
        Err(DbError::NotFound)
    } else {
        Ok(())
    }
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

/// Forgets one recorded failure (the try it stood for succeeded).
pub async fn forget_failure(conn: &mut PgConnection, id: i64) -> Result<(), DbError> {
    sqlx::query!("delete from sign_in_failures where id = $1", id)
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
