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
    db::accounts::lock_phone(conn, phone).await?;
    let failures = db::accounts::recent_failures(conn, phone, settings.sign_in_window_secs).await?;
    if failures >= settings.sign_in_max_failures {
        return Err(AppError::RateLimited);
    }
    let user = db::accounts::by_phone(conn, phone).await?;
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    if !crate::ssr::password_matches(&credentials.password, hash).await {
        db::accounts::record_failure(conn, phone, client_addr).await?;
        return Err(AppError::invalid("password", "wrong"));
    }
    db::accounts::clear_failures(conn, phone).await?;
    let user = user.ok_or(AppError::Internal)?;
    current_user_from(user)
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

/// At most this many tries of one code.
const CODE_TRIES: i32 = 5;
const REGISTER: &str = "register";
/// The session remembers which registration it started: only that one can be confirmed here.
const SESSION_REGISTRATION: &str = "registration";

/// Sends a code to the number of a new registration and remembers the registration in the
/// session; the account is created when the code comes back. Errors: `RateLimited` (too many
/// codes to this number or from this client within the hour), `Invalid` (`community`: not a
/// community; `phone`: taken).
pub async fn register(
    conn: &mut db::PgConnection,
    settings: &Settings,
    session: &Session,
    form: &super::Registration,
    client_addr: Option<&str>,
) -> Result<(), AppError> {
    let phone = form.phone.as_str();
    let (to_phone, from_client) = db::codes::sent_recently(conn, phone, client_addr, 3600).await?;
    if to_phone >= settings.codes_per_phone_per_hour
        || from_client >= settings.codes_per_client_per_hour
    {
        return Err(AppError::RateLimited);
    }
    let community = db::areas::community_id(conn, &form.community_code)
        .await?
        .ok_or_else(|| AppError::invalid("community", "not_a_community"))?;
    if db::accounts::by_phone(conn, phone).await?.is_some() {
        return Err(AppError::invalid("phone", "taken"));
    }
    let code = format!("{:06}", rand::random_range(0..1_000_000));
    let account = db::codes::PendingAccount {
        password_hash: &crate::ssr::hash_password(form.password.clone()).await?,
        display_name: &form.display_name,
        home_community_id: community,
    };
    let code_hash = crate::ssr::hash_password(code.clone()).await?;
    let id = db::codes::create_registration(
        conn,
        phone,
        &code_hash,
        settings.code_ttl_secs,
        client_addr,
        &account,
    )
    .await?;
    send_sms(
        conn,
        phone,
        &format!("【接诉即办】验证码 {code}，10分钟内有效。Jiesu code: {code}"),
    )
    .await?;
    session
        .insert(SESSION_REGISTRATION, id)
        .await
        .map_err(session_error)
}

/// Confirms the registration this session started with the code sent to `phone`, creates the
/// account and returns its user. Each wrong try counts (commit even on error). Errors:
/// `Invalid { field: "code" }` with reason `wrong`, `expired`, `too_many_tries` or
/// `start_again` (no registration in this session, or already used); `Invalid { field:
/// "phone", reason: "taken" }` if the number got an account meanwhile.
pub async fn confirm_registration(
    conn: &mut db::PgConnection,
    session: &Session,
    phone: &super::Phone,
    code: &str,
) -> Result<CurrentUser, AppError> {
    let id = session
        .get::<i64>(SESSION_REGISTRATION)
        .await
        .map_err(session_error)?;
    let stored = match id {
        Some(id) => db::codes::by_id(conn, id, REGISTER).await?,
        None => None,
    };
    let Some(stored) = stored.filter(|c| !c.used && c.phone == phone.as_str()) else {
        return Err(AppError::invalid("code", "start_again"));
    };
    if stored.expired {
        return Err(AppError::invalid("code", "expired"));
    }
    if stored.tries >= CODE_TRIES {
        return Err(AppError::invalid("code", "too_many_tries"));
    }
    if !crate::ssr::password_matches(code, Some(stored.code_hash.clone())).await {
        db::codes::add_try(conn, stored.id).await?;
        return Err(AppError::invalid("code", "wrong"));
    }
    db::codes::mark_used(conn, stored.id).await?;
    let (Some(hash), Some(name), Some(community)) = (
        stored.password_hash,
        stored.display_name,
        stored.home_community_id,
    ) else {
        return Err(AppError::Internal); // the table's check constraint rules this out
    };
    let id = db::accounts::create_resident(conn, phone.as_str(), &hash, &name, community)
        .await
        .map_err(|e| match e {
            db::DbError::Conflict { .. } => AppError::invalid("phone", "taken"),
            other => other.into(),
        })?;
    session
        .remove_value(SESSION_REGISTRATION)
        .await
        .map_err(session_error)?;
    current_user_from(db::accounts::by_id(conn, id).await?)
}

/// The development sender: writes the message to the log and keeps it in `sms_outbox`, where
/// tests read it. (An HTTP gateway sender for production is still to come.)
async fn send_sms(conn: &mut db::PgConnection, phone: &str, body: &str) -> Result<(), AppError> {
    tracing::info!(phone, body, "SMS (development sender)");
    db::codes::keep_sent_message(conn, phone, body).await?;
    Ok(())
}
