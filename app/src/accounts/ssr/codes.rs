//! One-time codes texted to a number: confirming a registration, resetting a password. Both
//! remember in the session which code they started, so only this browser can use it.

use super::{session_error, signed_in, sms, SignedIn};
use crate::accounts::{PasswordReset, Phone, Registration};
use crate::error::AppError;
use crate::ssr::Settings;
use tower_sessions::Session;

/// At most this many tries of one code.
const CODE_TRIES: i32 = 5;

/// A code's purpose: its `phone_codes.purpose` and the session key that remembers it.
#[derive(Clone, Copy)]
struct Purpose {
    name: &'static str,
    session_key: &'static str,
}

const REGISTER: Purpose = Purpose {
    name: "register",
    session_key: "registration",
};
const RESET: Purpose = Purpose {
    name: "reset_password",
    session_key: "password_reset",
};

/// Refuses a new code when too many went to this number, or were asked for from this client,
/// within the hour. Errors: `RateLimited`.
async fn check_code_limits(
    conn: &mut db::PgConnection,
    settings: &Settings,
    phone: &Phone,
    client_addr: Option<&str>,
) -> Result<(), AppError> {
    let (to_phone, from_client) =
        db::codes::sent_recently(conn, phone.as_str(), client_addr, 3600).await?;
    if to_phone >= settings.codes_per_phone_per_hour
        || from_client >= settings.codes_per_client_per_hour
    {
        return Err(AppError::RateLimited);
    }
    Ok(())
}

/// A fresh code and its hash.
async fn new_code() -> Result<(String, String), AppError> {
    let code = format!("{:06}", rand::random_range(0..1_000_000));
    let hash = crate::ssr::hash_password(code.clone()).await?;
    Ok((code, hash))
}

/// The text carrying `code`, in the language of the page that asked for it.
fn code_message(settings: &Settings, phone: &Phone, code: &str) -> sms::Message {
    let minutes = (settings.code_ttl_secs / 60).max(1).to_string();
    let body = crate::i18n::request_locale()
        .texts()
        .sms_code
        .replace("{code}", code)
        .replace("{minutes}", &minutes);
    sms::Message {
        phone: phone.as_str().to_owned(),
        body,
    }
}

/// Sends a code to the number of a new registration and remembers the registration in the
/// session; the account is created when the code comes back. A hotline caller record with
/// the number does not stop it (confirming takes it over). Errors: `RateLimited`, `Invalid`
/// (`community`: not a community; `phone`: taken). Returns the text to send once the
/// transaction is committed.
pub async fn register(
    conn: &mut db::PgConnection,
    settings: &Settings,
    session: &Session,
    form: &Registration,
    client_addr: Option<&str>,
) -> Result<sms::Message, AppError> {
    check_code_limits(conn, settings, &form.phone, client_addr).await?;
    let community = db::areas::community_id(conn, &form.community_code)
        .await?
        .ok_or_else(|| AppError::invalid("community", "not_a_community"))?;
    let existing = db::accounts::by_phone(conn, form.phone.as_str()).await?;
    if existing.is_some_and(|u| u.password_hash.is_some() || u.role != "resident") {
        return Err(AppError::invalid("phone", "taken"));
    }
    let (code, code_hash) = new_code().await?;
    let account = db::codes::PendingAccount {
        password_hash: &crate::ssr::hash_password(form.password.clone()).await?,
        display_name: &form.display_name,
        home_community_id: community,
    };
    let phone = form.phone.as_str();
    let ttl = settings.code_ttl_secs;
    let id =
        db::codes::create_registration(conn, phone, &code_hash, ttl, client_addr, &account).await?;
    remember(session, REGISTER, id).await?;
    Ok(code_message(settings, &form.phone, &code))
}

/// Confirms the registration this session started with the code sent to `phone`, creates the
/// account (or takes over the number's caller record) and returns its user. Each wrong try
/// counts (commit even on error). Errors: `Invalid { field: "code" }` (see `check_code`);
/// `Invalid { field: "phone", reason: "taken" }` if the number got an account meanwhile.
pub async fn confirm_registration(
    conn: &mut db::PgConnection,
    session: &Session,
    phone: &Phone,
    code: &str,
) -> Result<SignedIn, AppError> {
    let stored = check_code(conn, session, REGISTER, phone, code).await?;
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
    signed_in(db::accounts::by_id(conn, id).await?)
}

/// Stores a password reset code for `phone` and remembers the reset in the session; returns
/// the text to send once the transaction is committed: the code if the number has an account,
/// else a note that it has none. Either way the answer is the same and a text goes out, so
/// nobody learns which numbers are registered; both count towards the code limits. Errors:
/// `RateLimited`.
pub async fn request_reset(
    conn: &mut db::PgConnection,
    settings: &Settings,
    session: &Session,
    phone: &Phone,
    client_addr: Option<&str>,
) -> Result<sms::Message, AppError> {
    check_code_limits(conn, settings, phone, client_addr).await?;
    let (code, code_hash) = new_code().await?;
    let ttl = settings.code_ttl_secs;
    let id = db::codes::create_reset(conn, phone.as_str(), &code_hash, ttl, client_addr).await?;
    let account = db::accounts::by_phone(conn, phone.as_str()).await?;
    remember(session, RESET, id).await?;
    if account.is_some_and(|u| u.password_hash.is_some()) {
        Ok(code_message(settings, phone, &code))
    } else {
        Ok(sms::Message {
            phone: phone.as_str().to_owned(),
            body: crate::i18n::request_locale()
                .texts()
                .sms_no_account
                .to_owned(),
        })
    }
}

/// Sets a new password with the code of the reset this session started, clears the number's
/// failed sign-ins and returns the user (other sessions end). Errors: `Invalid { field:
/// "code" }` (see `check_code`).
pub async fn reset_password(
    conn: &mut db::PgConnection,
    session: &Session,
    form: &PasswordReset,
) -> Result<SignedIn, AppError> {
    check_code(conn, session, RESET, &form.phone, &form.code).await?;
    let phone = form.phone.as_str();
    let Some(user) = db::accounts::by_phone(conn, phone).await? else {
        // Deleted meanwhile: the code matched, but there is nothing left to reset.
        return Err(AppError::invalid("code", "start_again"));
    };
    let hash = crate::ssr::hash_password(form.password.clone()).await?;
    db::accounts::set_password(conn, user.id, &hash).await?;
    db::accounts::clear_failures(conn, phone).await?;
    signed_in(db::accounts::by_id(conn, user.id).await?)
}

async fn remember(session: &Session, purpose: Purpose, id: i64) -> Result<(), AppError> {
    session
        .insert(purpose.session_key, id)
        .await
        .map_err(session_error)
}

/// The code row this session started for `purpose`, if `code` is its code: then it is used up
/// and forgotten. A wrong try counts. Errors: `Invalid { field: "code" }` with reason `wrong`,
/// `expired`, `too_many_tries` or `start_again` (none started in this session for this
/// number, or already used).
async fn check_code(
    conn: &mut db::PgConnection,
    session: &Session,
    purpose: Purpose,
    phone: &Phone,
    code: &str,
) -> Result<db::codes::CodeRow, AppError> {
    let id = session
        .get::<i64>(purpose.session_key)
        .await
        .map_err(session_error)?;
    let stored = match id {
        Some(id) => db::codes::by_id(conn, id, purpose.name).await?,
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
    session
        .remove_value(purpose.session_key)
        .await
        .map_err(session_error)?;
    Ok(stored)
}
