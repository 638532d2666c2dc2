//! Server-only account logic: checking credentials against the throttle, and the session.

use super::{Credentials, CurrentUser, Role};
use crate::error::AppError;
use crate::ssr::Settings;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// What the session remembers about who signed in.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct SessionUser {
    id: i64,
    /// Unix seconds: sessions end after `Settings::session_lifetime_secs` however active.
    signed_in_at: i64,
}

const SESSION_USER: &str = "user";

/// The user whose phone number and password these are. Refuses further tries once a number
/// has failed `sign_in_max_failures` times within the window, and records each failure.
/// Errors: `RateLimited`, `Invalid { field: "password", reason: "wrong" }` (the same for an
/// unknown number, so nobody learns which numbers are registered).
pub async fn check_credentials(
    conn: &mut db::PgConnection,
    settings: &Settings,
    credentials: &Credentials,
    client_addr: Option<&str>,
) -> Result<CurrentUser, AppError> {
    let phone = credentials.phone.as_str();
    let failures = db::accounts::recent_failures(conn, phone, settings.sign_in_window_secs).await?;
    if failures >= settings.sign_in_max_failures {
        return Err(AppError::RateLimited);
    }
    let user = db::accounts::by_phone(conn, phone).await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.as_deref());
    if !password_matches(&credentials.password, hash) {
        db::accounts::record_failure(conn, phone, client_addr).await?;
        return Err(AppError::invalid("password", "wrong"));
    }
    db::accounts::clear_failures(conn, phone).await?;
    let user = user.ok_or(AppError::Internal)?;
    current_user_from(user)
}

/// Whether `password` matches `hash`; with no hash (unknown number, deleted account) a
/// password is still hashed, so the answer takes as long either way.
fn password_matches(password: &str, hash: Option<&str>) -> bool {
    use argon2::PasswordVerifier;
    match hash {
        Some(hash) => argon2::Argon2::default()
            .verify_password(password.as_bytes(), hash)
            .is_ok(),
        None => {
            let _ = crate::ssr::hash_password(password);
            false
        }
    }
}

fn current_user_from(row: db::accounts::UserRow) -> Result<CurrentUser, AppError> {
    let role = Role::parse(&row.role).ok_or_else(|| {
        tracing::error!(role = row.role, "unknown role in the database");
        AppError::Internal
    })?;
    Ok(CurrentUser {
        id: row.id,
        display_name: row.display_name,
        role,
    })
}

/// Starts a session for `user` under a new session id (so an id planted before sign-in is
/// worthless after it).
pub async fn start_session(session: &Session, user: &CurrentUser) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    let record = SessionUser {
        id: user.id,
        signed_in_at: now_secs(),
    };
    session
        .insert(SESSION_USER, record)
        .await
        .map_err(session_error)
}

/// Ends the session, removing it from the store.
pub async fn end_session(session: &Session) -> Result<(), AppError> {
    session.flush().await.map_err(session_error)
}

/// The user signed in on this session, if any and if the session is not past its lifetime.
pub async fn session_user(
    conn: &mut db::PgConnection,
    settings: &Settings,
    session: &Session,
) -> Result<Option<CurrentUser>, AppError> {
    let Some(record) = session
        .get::<SessionUser>(SESSION_USER)
        .await
        .map_err(session_error)?
    else {
        return Ok(None);
    };
    if now_secs() - record.signed_in_at > settings.session_lifetime_secs {
        end_session(session).await?;
        return Ok(None);
    }
    match db::accounts::by_id(conn, record.id).await {
        Ok(row) if row.password_hash.is_some() => current_user_from(row).map(Some),
        Ok(_) | Err(db::DbError::NotFound) => {
            end_session(session).await?;
            Ok(None)
        }
        Err(other) => Err(other.into()),
    }
}

fn now_secs() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

fn session_error(error: tower_sessions::session::Error) -> AppError {
    tracing::error!(%error, "session store error");
    AppError::Internal
}
