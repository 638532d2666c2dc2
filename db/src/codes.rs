//! One-time codes sent by SMS: stored hashed, valid for a while, a few tries each. A
//! registration's code row also holds the account it will create.

use crate::DbError;
use ids::AreaId;
use sqlx::PgConnection;

/// A code row, with the pending account when it was sent for a registration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRow {
    pub id: i64,
    pub phone: String,
    pub code_hash: String,
    pub tries: i32,
    pub expired: bool,
    pub used: bool,
    pub password_hash: Option<String>,
    pub display_name: Option<String>,
    pub home_community_id: Option<AreaId>,
}

/// The details of a registration waiting for its number to be confirmed.
pub struct PendingAccount<'a> {
    pub password_hash: &'a str,
    pub display_name: &'a str,
    pub home_community_id: AreaId,
}

/// Stores a registration's code (its hash), valid for `ttl_secs`, with the account it will
/// create, and returns its id.
pub async fn create_registration(
    conn: &mut PgConnection,
    phone: &str,
    code_hash: &str,
    ttl_secs: i64,
    client_addr: Option<&str>,
    account: &PendingAccount<'_>,
) -> Result<i64, DbError> {
    let id = sqlx::query_scalar!(
        "insert into phone_codes (phone, purpose, code_hash, expires_at, client_addr,
                                  password_hash, display_name, home_community_id)
         values ($1, 'register', $2, now() + make_interval(secs => $3), $4, $5, $6, $7)
         returning id",
        phone,
        code_hash,
        ttl_secs as f64,
        client_addr,
        account.password_hash,
        account.display_name,
        account.home_community_id.0
    )
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Stores a password reset's code (its hash) for `phone`, valid for `ttl_secs`, and returns its
/// id. Stored whether or not the number has an account, so that the rate limits count every
/// request for a code.
pub async fn create_reset(
    conn: &mut PgConnection,
    phone: &str,
    code_hash: &str,
    ttl_secs: i64,
    client_addr: Option<&str>,
) -> Result<i64, DbError> {
    let id = sqlx::query_scalar!(
        "insert into phone_codes (phone, purpose, code_hash, expires_at, client_addr)
         values ($1, 'reset_password', $2, now() + make_interval(secs => $3), $4)
         returning id",
        phone,
        code_hash,
        ttl_secs as f64,
        client_addr
    )
    .fetch_one(conn)
    .await?;
    Ok(id)
}

/// Code `id` for `purpose`, locked until the transaction ends (two tries at once count as two).
pub async fn by_id(
    conn: &mut PgConnection,
    id: i64,
    purpose: &str,
) -> Result<Option<CodeRow>, DbError> {
    let row = sqlx::query_as!(
        CodeRow,
        r#"select id, phone, code_hash, tries, expires_at <= now() as "expired!",
                  used_at is not null as "used!", password_hash, display_name,
                  home_community_id as "home_community_id: AreaId"
           from phone_codes
           where id = $1 and purpose = $2
           for update"#,
        id,
        purpose
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Counts one more try of code `id`.
pub async fn add_try(conn: &mut PgConnection, id: i64) -> Result<(), DbError> {
    sqlx::query!("update phone_codes set tries = tries + 1 where id = $1", id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks code `id` used: it cannot be used again. False if it already was.
pub async fn mark_used(conn: &mut PgConnection, id: i64) -> Result<bool, DbError> {
    let done = sqlx::query!(
        "update phone_codes set used_at = now() where id = $1 and used_at is null",
        id
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Serialises sending codes until the transaction ends, so the hourly limits are checked and
/// the new code stored one request at a time.
pub async fn lock_sending(conn: &mut PgConnection) -> Result<(), DbError> {
    sqlx::query!("select pg_advisory_xact_lock(hashtext('jiesu texts'))")
        .execute(conn)
        .await?;
    Ok(())
}

/// Codes sent within a window: to one number, asked for from one client, and all together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentCounts {
    pub to_phone: i64,
    pub from_client: i64,
    pub all: i64,
}

/// How many codes went to `phone`, were asked for from `client_addr`, and went out at all, in
/// the last `window_secs` seconds.
pub async fn sent_recently(
    conn: &mut PgConnection,
    phone: &str,
    client_addr: Option<&str>,
    window_secs: i64,
) -> Result<SentCounts, DbError> {
    let row = sqlx::query!(
        r#"select count(*) filter (where phone = $1) as "to_phone!",
                  count(*) filter (where client_addr = $2) as "from_addr!",
                  count(*) as "all!"
           from phone_codes
           where created_at > now() - make_interval(secs => $3)"#,
        phone,
        client_addr,
        window_secs as f64
    )
    .fetch_one(conn)
    .await?;
    Ok(SentCounts {
        to_phone: row.to_phone,
        from_client: row.from_addr,
        all: row.all,
    })
}

/// Keeps a message of the development SMS sender where developers and tests can read it.
pub async fn keep_sent_message(
    conn: &mut PgConnection,
    phone: &str,
    body: &str,
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into sms_outbox (phone, body) values ($1, $2)",
        phone,
        body
    )
    .execute(conn)
    .await?;
    Ok(())
}
