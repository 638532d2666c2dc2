//! Server-only account logic: credentials against the throttle, sessions, the profile and
//! deletion. One-time codes (registration, password reset) are in `codes`, the SMS senders in
//! `sms`.

mod codes;
mod sms;

pub use codes::{confirm_registration, register, request_reset, reset_password};
pub use sms::{send as send_sms, Message, SmsGateway};

use super::{
    Credentials, CurrentUser, MyAccount, MyData, PasswordChange, Profile, ProfileUpdate, Role,
    UserId,
};
use crate::error::AppError;
use crate::ssr::Settings;
use serde::{Deserialize, Serialize};
use tower_sessions::Session;

/// A user who just proved who they are: what a new session remembers.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub user: CurrentUser,
    password_version: i32,
}

/// What the session remembers about who signed in.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
struct SessionUser {
    id: i64,
    /// Unix seconds: sessions end after `Settings::session_lifetime_secs` however active.
    signed_in_at: i64,
    /// The account's password version at sign-in: changing the password ends the session.
    /// (Sessions from before versions existed read as 0, every account's first version.)
    #[serde(default)]
    password_version: i32,
    /// Unix seconds when the session was last saved: it is saved again (and its idle expiry
    /// pushed back) once a minute at most, not on every request.
    #[serde(default)]
    seen_at: i64,
}

const SESSION_USER: &str = "user";

/// How often an active session is saved to push back its idle expiry, in seconds.
const SEEN_EVERY_SECS: i64 = 60;

/// The user whose phone number and password these are. Refuses further tries once a number
/// has failed `sign_in_max_failures` times within the window, and records each failure.
/// Errors: `RateLimited`, `Invalid { field: "password", reason: "wrong" }` (the same for an
/// unknown number, so nobody learns which numbers are registered).
pub async fn check_credentials(
    conn: &mut db::PgConnection,
    settings: &Settings,
    credentials: &Credentials,
    client_addr: Option<&str>,
) -> Result<SignedIn, AppError> {
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
    signed_in(user.ok_or(AppError::Internal)?)
}

fn signed_in(row: db::accounts::UserRow) -> Result<SignedIn, AppError> {
    let role = Role::parse(&row.role).ok_or_else(|| {
        tracing::error!(role = row.role, "unknown role in the database");
        AppError::Internal
    })?;
    Ok(SignedIn {
        user: CurrentUser {
            id: UserId(row.id),
            display_name: row.display_name,
            role,
            unit_id: row.unit_id,
            scope_area_id: row.scope_area_id,
        },
        password_version: row.password_version,
    })
}

/// Starts a session for `signed_in` under a new session id (so an id planted before sign-in
/// is worthless after it).
pub async fn start_session(session: &Session, signed_in: &SignedIn) -> Result<(), AppError> {
    session.cycle_id().await.map_err(session_error)?;
    let record = SessionUser {
        id: signed_in.user.id.0,
        signed_in_at: now_secs(),
        seen_at: now_secs(),
        password_version: signed_in.password_version,
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

/// The user signed in on this session, if any: not past the session's lifetime, the account
/// not deleted and its password unchanged since. It takes a connection from `pool` only after
/// the session store has read the session (with a connection of its own): holding one while
/// waiting for another deadlocks a busy pool.
pub async fn session_user(
    pool: &db::PgPool,
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
    let now = now_secs();
    if now - record.signed_in_at > settings.session_lifetime_secs {
        end_session(session).await?;
        return Ok(None);
    }
    if now - record.seen_at > SEEN_EVERY_SECS {
        // Changed, so saved at the end of this request with a new idle expiry.
        let seen = SessionUser {
            seen_at: now,
            ..record
        };
        session
            .insert(SESSION_USER, seen)
            .await
            .map_err(session_error)?;
    }
    let found = {
        let mut conn = pool.acquire().await?;
        db::accounts::by_id(&mut conn, record.id).await
    };
    match found {
        Ok(row)
            if row.password_hash.is_some() && row.password_version == record.password_version =>
        {
            signed_in(row).map(|s| Some(s.user))
        }
        Ok(_) | Err(db::DbError::NotFound) => {
            end_session(session).await?;
            Ok(None)
        }
        Err(other) => Err(other.into()),
    }
}

/// The signed-in user's profile. Errors: `NotFound` (deleted meanwhile).
pub async fn profile(conn: &mut db::PgConnection, user: &CurrentUser) -> Result<Profile, AppError> {
    let row = db::accounts::profile(conn, user.id.0).await?;
    let home = match &row.home_community_code {
        Some(code) => db::areas::with_ancestors(conn, code)
            .await?
            .into_iter()
            .map(crate::areas::Area::try_from)
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let phone_masked = row
        .phone
        .as_deref()
        .and_then(|p| super::Phone::parse(p).ok())
        .map(|p| p.masked())
        .unwrap_or_default();
    Ok(Profile {
        phone_masked,
        display_name: row.display_name,
        role: user.role,
        home,
    })
}

/// Changes the signed-in user's display name and home community. Errors: `Invalid {
/// field: "community", reason: "not_a_community" }`, `NotFound`.
pub async fn update_profile(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    form: &ProfileUpdate,
) -> Result<(), AppError> {
    let community = db::areas::community_id(conn, &form.community_code)
        .await?
        .ok_or_else(|| AppError::invalid("community", "not_a_community"))?;
    // The residence verification of the consultations feature is dropped here when it lands.
    db::accounts::update_profile(conn, user.id.0, &form.display_name, community).await?;
    Ok(())
}

/// Checks the signed-in user's current password as signing in does (a wrong one counts
/// towards the throttle). Errors: `RateLimited`, `Invalid { field, reason }` as given for a
/// wrong password.
async fn check_own_password(
    conn: &mut db::PgConnection,
    settings: &Settings,
    user: &CurrentUser,
    password: &str,
    (field, reason): (&str, &str),
    client_addr: Option<&str>,
) -> Result<(), AppError> {
    let row = db::accounts::profile(conn, user.id.0).await?;
    let phone = row.phone.as_deref().ok_or(AppError::Unauthorized)?;
    let credentials = Credentials {
        phone: super::Phone::parse(phone).map_err(|_| AppError::Internal)?,
        password: password.to_owned(),
    };
    match check_credentials(conn, settings, &credentials, client_addr).await {
        Ok(found) if found.user.id == user.id => Ok(()),
        Ok(_) => Err(AppError::Internal),
        Err(AppError::Invalid { .. }) => Err(AppError::invalid(field, reason)),
        Err(other) => Err(other),
    }
}

/// Changes the signed-in user's password after checking the current one; sessions signed in
/// with the old password end. Returns what this session's fresh start needs. Errors:
/// `RateLimited`, `Invalid { field: "current_password", reason: "wrong" }`.
pub async fn change_password(
    conn: &mut db::PgConnection,
    settings: &Settings,
    user: &CurrentUser,
    form: &PasswordChange,
    client_addr: Option<&str>,
) -> Result<SignedIn, AppError> {
    check_own_password(
        conn,
        settings,
        user,
        &form.current,
        ("current_password", "wrong"),
        client_addr,
    )
    .await?;
    let hash = crate::ssr::hash_password(form.new.clone()).await?;
    let password_version = db::accounts::set_password(conn, user.id.0, &hash).await?;
    Ok(SignedIn {
        user: user.clone(),
        password_version,
    })
}

/// Deletes the signed-in user's account after checking the password: sign-in is gone, name
/// and number are erased, requests stay de-identified. Errors: `RateLimited`, `Invalid {
/// field: "password", reason: "mismatch" }`.
pub async fn delete_account(
    conn: &mut db::PgConnection,
    settings: &Settings,
    user: &CurrentUser,
    password: &str,
    client_addr: Option<&str>,
) -> Result<(), AppError> {
    let wrong = ("password", "mismatch");
    check_own_password(conn, settings, user, password, wrong, client_addr).await?;
    db::accounts::delete(conn, user.id.0).await?;
    Ok(())
}

/// Everything kept about the signed-in user: the account, the requests filed and seconded.
/// Times are Beijing time (RFC 3339, +08:00). (Ratings and ballots join when they exist.)
pub async fn my_data(conn: &mut db::PgConnection, user: &CurrentUser) -> Result<MyData, AppError> {
    let row = db::accounts::profile(conn, user.id.0).await?;
    let home_community = match &row.home_community_code {
        Some(code) => {
            let path = db::areas::with_ancestors(conn, code).await?;
            Some(
                path.iter()
                    .rev()
                    .map(|a| a.name_zh.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        }
        None => None,
    };
    let (filed, seconded) = db::requests::export(conn, user.id.0).await?;
    let requests = filed
        .into_iter()
        .map(|r| super::MyRequest {
            tracking_number: r.tracking_number,
            kind: r.kind,
            category: r.category_code,
            community_code: r.community_code,
            address: r.address,
            description: r.description,
            public: r.is_public,
            show_name: r.show_name,
            status: r.status,
            filed_at: crate::time::rfc3339(r.created_at.timestamp()),
        })
        .collect();
    Ok(MyData {
        requests,
        seconded,
        exported_at: crate::time::rfc3339(chrono::Utc::now().timestamp()),
        account: MyAccount {
            phone: row.phone.unwrap_or_default(),
            display_name: row.display_name,
            role: user.role,
            home_community_code: row.home_community_code,
            home_community,
            registered_at: crate::time::rfc3339(row.created_at.timestamp()),
        },
    })
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
