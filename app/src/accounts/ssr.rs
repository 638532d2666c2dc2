//! Server-only account logic: credentials against the throttle, sessions, the profile and
//! deletion. One-time codes (registration, password reset) are in `codes`, the SMS senders in
//! `sms`.

mod codes;
mod sms;

pub use codes::{confirm_registration, register, request_reset, reset_password};
pub use sms::{send as send_sms, Message, SmsGateway};

use super::{Credentials, CurrentUser, MyAccount, MyData, Profile, ProfileUpdate, Role, UserId};
use crate::accounts::AccountRefusal;
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
    id: UserId,
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
    /// Signed in as staff: the shorter lifetimes apply (`Settings::session_limits`).
    #[serde(default)]
    staff: bool,
}

const SESSION_USER: &str = "user";

impl SessionUser {
    /// Past its lifetime, or idle too long (staff's are shorter), at `now`.
    fn expired(&self, settings: &Settings, now: i64) -> bool {
        let (lifetime, idle) = settings.session_limits(self.staff);
        now - self.signed_in_at > lifetime || now - self.seen_at > idle + SEEN_EVERY_SECS
    }

    /// Whether the account as it is now still lets this session stand: it has a password
    /// (not deleted), is not disabled, and its password is the one signed in with.
    fn still_holds_for(&self, row: &db::accounts::UserRow) -> bool {
        row.password_hash.is_some()
            && !row.disabled
            && row.password_version == self.password_version
    }
}

/// How often an active session is saved to push back its idle expiry, in seconds.
const SEEN_EVERY_SECS: i64 = 60;

/// How the sign-in throttle answers a try (see [`throttle`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttle {
    Allow,
    /// Too many failures from this client (with this number, or with any): refused here, not
    /// elsewhere, so nobody locks a known number out by guessing from another address.
    Refuse,
    /// The number failed often from everywhere together: one try at a time, this many
    /// seconds apart (doubling with each failure, at most a minute). Slows a guesser spread
    /// over many addresses without locking the owner out.
    Wait(u32),
}

/// The most a number that fails from everywhere makes its owner wait between tries.
const MAX_SIGN_IN_WAIT_SECS: u32 = 60;

/// Whether a sign-in with these recent failures may go ahead.
pub fn throttle(settings: &Settings, failures: &db::accounts::FailureCounts) -> Throttle {
    if failures.phone_from_client >= settings.sign_in_max_failures
        || failures.from_client >= settings.sign_in_max_failures_per_client
    {
        return Throttle::Refuse;
    }
    let over = failures.phone - settings.sign_in_max_failures;
    if over < 0 {
        return Throttle::Allow;
    }
    let wait = 1u32
        .checked_shl(u32::try_from(over).unwrap_or(u32::MAX))
        .unwrap_or(MAX_SIGN_IN_WAIT_SECS)
        .min(MAX_SIGN_IN_WAIT_SECS);
    match failures.secs_since_last_for_phone {
        Some(since) if since < f64::from(wait) => Throttle::Wait(wait),
        _ => Throttle::Allow,
    }
}

/// The user whose phone number and password these are. Tries are throttled by number and by
/// client address (see [`throttle`]); each try is recorded as a failure before the password is
/// checked (so tries sent at once all count) and forgotten when it succeeds. The password is
/// checked with no transaction open and no connection held. Errors: `RateLimited`,
/// `Unavailable` (too many password checks queued), `Invalid { field: "password", reason:
/// "wrong" }` (the same for an unknown number, so nobody learns which numbers are
/// registered), `Invalid { field: "password", reason: "disabled" }` (the right password of an
/// account an admin took away).
pub async fn check_credentials(
    pool: &db::PgPool,
    settings: &Settings,
    credentials: &Credentials,
    client_addr: Option<&str>,
) -> Result<SignedIn, AppError> {
    let phone = credentials.phone.as_str();
    let (user, attempt) = {
        let mut tx = pool.begin().await?;
        db::accounts::lock_phone(&mut tx, phone).await?;
        let failures = db::accounts::recent_failures(
            &mut tx,
            phone,
            client_addr,
            settings.sign_in_window_secs,
        )
        .await?;
        if throttle(settings, &failures) != Throttle::Allow {
            return Err(AppError::RateLimited);
        }
        let attempt = db::accounts::record_failure(&mut tx, phone, client_addr).await?;
        let user = db::accounts::by_phone(&mut tx, phone).await?;
        tx.commit().await?;
        (user, attempt)
    };
    let hash = user.as_ref().and_then(|u| u.password_hash.clone());
    if !crate::ssr::password_matches(&credentials.password, hash).await? {
        return Err(AppError::from(AccountRefusal::PasswordWrong));
    }
    let user = user.ok_or(AppError::Internal)?;
    let mut conn = pool.acquire().await?;
    db::accounts::forget_failure(&mut conn, attempt).await?;
    if user.disabled {
        return Err(AppError::from(AccountRefusal::PasswordDisabled));
    }
    db::accounts::clear_failures_from(&mut conn, phone, client_addr).await?;
    signed_in(user)
}

fn signed_in(row: db::accounts::UserRow) -> Result<SignedIn, AppError> {
    let role = Role::parse(&row.role).ok_or_else(|| {
        tracing::error!(role = row.role, "unknown role in the database");
        AppError::Internal
    })?;
    Ok(SignedIn {
        user: CurrentUser {
            id: row.id,
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
        id: signed_in.user.id,
        signed_in_at: now_secs(),
        seen_at: now_secs(),
        password_version: signed_in.password_version,
        staff: signed_in.user.role != Role::Resident,
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
    if record.expired(settings, now) {
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
        Ok(row) if record.still_holds_for(&row) => signed_in(row).map(|s| Some(s.user)),
        Ok(_) | Err(db::DbError::NotFound) => {
            end_session(session).await?;
            Ok(None)
        }
        Err(other) => Err(other.into()),
    }
}

/// Whether user `user_id`'s session (as a live stream opened it) still holds: still in the
/// store (not signed out), within its lifetimes (as of the stream's start: a stream alone is
/// not activity), and the account not disabled, deleted or given a new password since.
/// Changes nothing. Errors: only the store's or the database's failures.
pub async fn session_still_valid(
    pool: &db::PgPool,
    settings: &Settings,
    session: &Session,
    user_id: UserId,
) -> Result<bool, AppError> {
    let Some(record) = session
        .get::<SessionUser>(SESSION_USER)
        .await
        .map_err(session_error)?
    else {
        return Ok(false);
    };
    if record.id != user_id || record.expired(settings, now_secs()) {
        return Ok(false);
    }
    let Some(id) = session.id() else {
        return Ok(false);
    };
    let mut conn = pool.acquire().await?;
    if !db::accounts::session_alive(&mut conn, &id.to_string()).await? {
        return Ok(false);
    }
    Ok(match db::accounts::by_id(&mut conn, user_id).await {
        Ok(row) => record.still_holds_for(&row),
        Err(db::DbError::NotFound) => false,
        Err(other) => return Err(other.into()),
    })
}

/// The signed-in user's profile. Errors: `NotFound` (deleted meanwhile).
pub async fn profile(conn: &mut db::PgConnection, user: &CurrentUser) -> Result<Profile, AppError> {
    let row = db::accounts::profile(conn, user.id).await?;
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
        .ok_or_else(|| AppError::from(AccountRefusal::CommunityNotACommunity))?;
    // The residence verification of the consultations feature is dropped here when it lands.
    db::accounts::update_profile(conn, user.id, &form.display_name, community).await?;
    Ok(())
}

/// Checks the signed-in user's current password as signing in does (a wrong one counts
/// towards the throttle), with no transaction open. Errors: `RateLimited`, `Unavailable`,
/// `Invalid { field, reason }` as given for a wrong password.
pub async fn check_own_password(
    pool: &db::PgPool,
    settings: &Settings,
    user: &CurrentUser,
    password: &str,
    wrong: super::AccountRefusal,
    client_addr: Option<&str>,
) -> Result<(), AppError> {
    let row = {
        let mut conn = pool.acquire().await?;
        db::accounts::profile(&mut conn, user.id).await?
    };
    let phone = row.phone.as_deref().ok_or(AppError::Unauthorized)?;
    let credentials = Credentials {
        phone: super::Phone::parse(phone).map_err(|_| AppError::Internal)?,
        password: password.to_owned(),
    };
    match check_credentials(pool, settings, &credentials, client_addr).await {
        Ok(found) if found.user.id == user.id => Ok(()),
        Ok(_) => Err(AppError::Internal),
        Err(AppError::Invalid { .. }) => Err(wrong.into()),
        Err(other) => Err(other),
    }
}

/// Sets the signed-in user's new password (its hash made beforehand, outside any
/// transaction); sessions signed in with the old password end. Returns what this session's
/// fresh start needs. Errors: `NotFound` (deleted meanwhile).
pub async fn change_password(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    new_hash: &str,
) -> Result<SignedIn, AppError> {
    let password_version = db::accounts::set_password(conn, user.id, new_hash).await?;
    Ok(SignedIn {
        user: user.clone(),
        password_version,
    })
}

/// Deletes the signed-in user's account (its password checked beforehand): sign-in is gone,
/// name and number are erased, requests stay de-identified. Errors: `NotFound`.
pub async fn delete_account(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
) -> Result<(), AppError> {
    db::accounts::delete(conn, user.id).await?;
    Ok(())
}

/// Everything kept about the signed-in user: the account, the requests filed and seconded,
/// their notes on requests, ratings, residence verifications, ballots, comments, reports and
/// notifications. Times are Beijing time (RFC 3339, +08:00).
pub async fn my_data(conn: &mut db::PgConnection, user: &CurrentUser) -> Result<MyData, AppError> {
    let row = db::accounts::profile(conn, user.id).await?;
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
    let (filed, seconded) = db::requests::export(conn, user.id).await?;
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
    let at = |t: chrono::DateTime<chrono::Utc>| crate::time::rfc3339(t.timestamp());
    let id = user.id;
    let notes = db::export::notes(conn, id)
        .await?
        .into_iter()
        .map(|n| super::MyNote {
            tracking_number: n.tracking_number,
            kind: n.kind,
            note: n.note,
            at: at(n.created_at),
        });
    let ratings = db::export::ratings(conn, id)
        .await?
        .into_iter()
        .map(|r| super::MyRating {
            tracking_number: r.tracking_number,
            round: r.round,
            outcome: r.outcome,
            satisfaction: r.satisfaction,
            reasons: r.reasons,
            comment: r.comment,
            at: at(r.created_at),
        });
    let verifications = db::export::verifications(conn, id)
        .await?
        .into_iter()
        .map(|v| super::MyVerification {
            community_code: v.community_code,
            address: v.address,
            status: v.status,
            reason: v.reason,
            asked_at: at(v.created_at),
            decided_at: v.decided_at.map(at),
        });
    let ballots = db::export::ballots(conn, id)
        .await?
        .into_iter()
        .map(|b| super::MyBallot {
            consultation_id: b.consultation_id,
            consultation: b.title,
            choices: b.choices,
            cast_at: at(b.cast_at),
            changed_at: at(b.changed_at),
        });
    let comments = db::export::comments(conn, id)
        .await?
        .into_iter()
        .map(|c| super::MyComment {
            id: c.id,
            consultation_id: c.consultation_id,
            reply_to: c.parent_id,
            body: c.body,
            hidden_reason: c.hidden_reason,
            at: at(c.created_at),
        });
    let reports = db::export::reports(conn, id)
        .await?
        .into_iter()
        .map(|r| super::MyReport {
            comment_id: r.comment_id,
            consultation_id: r.consultation_id,
            at: at(r.created_at),
        });
    let notifications = db::export::notifications(conn, id)
        .await?
        .into_iter()
        .map(|n| super::MyNotification {
            kind: n.kind,
            tracking_number: n.tracking_number,
            note: n.note,
            read: n.read,
            at: at(n.created_at),
        });
    Ok(MyData {
        notes: notes.collect(),
        ratings: ratings.collect(),
        verifications: verifications.collect(),
        ballots: ballots.collect(),
        comments: comments.collect(),
        reports: reports.collect(),
        notifications: notifications.collect(),
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
