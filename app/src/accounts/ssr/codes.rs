//! One-time codes texted to a number: confirming a registration, resetting a password. Both
//! remember in the session which code they started, so only this browser can use it.

use super::{session_error, signed_in, sms, SignedIn};
use crate::accounts::AccountRefusal;
use crate::accounts::{AccountTexts, PasswordReset, Phone, Registration};
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

/// Refuses a new code when the hour's budget of texts is spent, or too many went to this
/// number, or were asked for from this client, within the hour. Errors: `Invalid { field:
/// "phone", reason: "texts_spent" }`, `RateLimited`.
async fn check_code_limits(
    conn: &mut db::PgConnection,
    settings: &Settings,
    phone: &Phone,
    client_addr: Option<&str>,
) -> Result<(), AppError> {
    let sent = db::codes::sent_recently(conn, phone.as_str(), client_addr, 3600).await?;
    if sent.all >= settings.texts_per_hour {
        tracing::warn!(
            budget = settings.texts_per_hour,
            "the hour's budget of texts is spent"
        );
        return Err(AppError::from(AccountRefusal::PhoneTextsSpent));
    }
    if sent.to_phone >= settings.codes_per_phone_per_hour
        || sent.from_client >= settings.codes_per_client_per_hour
    {
        return Err(AppError::RateLimited);
    }
    Ok(())
}

/// Checks the limits (cheaply, so a refused caller costs no hashing), then runs `store` in a
/// transaction that holds the texts' lock while it checks them again and stores the code: the
/// limits hold however many ask at once. Errors: as `check_code_limits`, and `store`'s.
async fn within_limits<T>(
    pool: &db::PgPool,
    settings: &Settings,
    phone: &Phone,
    client_addr: Option<&str>,
    store: impl AsyncFnOnce(&mut db::PgConnection) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let mut tx = pool.begin().await?;
    db::codes::lock_sending(&mut tx).await?;
    check_code_limits(&mut tx, settings, phone, client_addr).await?;
    let stored = store(&mut tx).await?;
    tx.commit().await?;
    Ok(stored)
}

/// A fresh code and its hash (hashed with no transaction open).
async fn new_code() -> Result<(String, String), AppError> {
    let code = format!("{:06}", rand::random_range(0..1_000_000));
    let hash = crate::ssr::hash_password(code.clone()).await?;
    Ok((code, hash))
}

/// The text carrying `code`, in the language of the page that asked for it.
fn code_message(settings: &Settings, phone: &Phone, code: &str) -> sms::Message {
    let minutes = (settings.code_ttl_secs / 60).max(1);
    let t = AccountTexts::of(crate::i18n::request_locale());
    let body = (t.sms_code)(code, minutes);
    sms::Message {
        phone: phone.as_str().to_owned(),
        body,
    }
}

/// A text without a code, in the language of the page that asked for it.
fn note(phone: &Phone, pick: fn(&AccountTexts) -> &'static str) -> sms::Message {
    sms::Message {
        phone: phone.as_str().to_owned(),
        body: pick(AccountTexts::of(crate::i18n::request_locale())).to_owned(),
    }
}

/// Starts a registration: stores a code for the number with the account it will create and
/// remembers it in the session; the account is created when the code comes back. A hotline
/// caller record with the number does not stop it (confirming takes it over). A number that
/// already has an account gets a text saying so and pointing to password reset, and the
/// answer here is the same, so nobody learns which numbers are registered. Returns the text
/// to send. Errors: `RateLimited`, `Invalid` (`community`: not a community; `phone`:
/// texts_spent), `Unavailable`.
pub async fn register(
    pool: &db::PgPool,
    settings: &Settings,
    session: &Session,
    form: &Registration,
    client_addr: Option<&str>,
) -> Result<sms::Message, AppError> {
    let (community, existing) = {
        let mut conn = pool.acquire().await?;
        check_code_limits(&mut conn, settings, &form.phone, client_addr).await?;
        let community = db::areas::community_id(&mut conn, &form.community_code)
            .await?
            .ok_or_else(|| AppError::from(AccountRefusal::CommunityNotACommunity))?;
        let existing = db::accounts::by_phone(&mut conn, form.phone.as_str()).await?;
        (community, existing)
    };
    let has_account = existing.is_some_and(|u| u.password_hash.is_some() || u.role != "resident");
    // Hashed for a taken number too: the answer takes as long, whichever it is.
    let (code, code_hash) = new_code().await?;
    let password_hash = crate::ssr::hash_password(form.password.clone()).await?;
    let account = db::codes::PendingAccount {
        password_hash: &password_hash,
        display_name: &form.display_name,
        home_community_id: community,
    };
    let (phone, ttl) = (form.phone.as_str(), settings.code_ttl_secs);
    let id = within_limits(pool, settings, &form.phone, client_addr, async |tx| {
        Ok(
            db::codes::create_registration(tx, phone, &code_hash, ttl, client_addr, &account)
                .await?,
        )
    })
    .await?;
    remember(session, REGISTER, id).await?;
    if has_account {
        // No code: confirming would find the number taken anyway.
        Ok(note(&form.phone, |t| t.sms_already_registered))
    } else {
        Ok(code_message(settings, &form.phone, &code))
    }
}

/// Confirms the registration this session started with the code sent to `phone`, creates the
/// account (or takes over the number's caller record) and returns its user. Each try counts.
/// Errors: `Invalid { field: "code" }` (see `check_code`); `Invalid { field: "phone", reason:
/// "taken" }` if the number has an account.
pub async fn confirm_registration(
    pool: &db::PgPool,
    session: &Session,
    phone: &Phone,
    code: &str,
) -> Result<SignedIn, AppError> {
    let stored = check_code(pool, session, REGISTER, phone, code).await?;
    let (Some(hash), Some(name), Some(community)) = (
        stored.password_hash,
        stored.display_name,
        stored.home_community_id,
    ) else {
        return Err(AppError::Internal); // the table's check constraint rules this out
    };
    let mut tx = pool.begin().await?;
    use_code(&mut tx, stored.id).await?;
    let id = db::accounts::create_resident(&mut tx, phone.as_str(), &hash, &name, community)
        .await
        .map_err(|e| match e {
            db::DbError::Conflict { .. } => AppError::from(AccountRefusal::PhoneTaken),
            other => other.into(),
        })?;
    let user = signed_in(db::accounts::by_id(&mut tx, id).await?)?;
    tx.commit().await?;
    forget(session, REGISTER).await?;
    Ok(user)
}

/// Stores a password reset code for `phone` and remembers the reset in the session; returns
/// the text to send: the code if the number has a resident's account in use; otherwise a
/// note (no account; a staff account, whose password only an admin resets; an account an
/// admin disabled). Either way the answer is the same and a text goes out, so nobody learns
/// which numbers are registered; each counts towards the limits. Errors: `RateLimited`,
/// `Invalid { field: "phone", reason: "texts_spent" }`, `Unavailable`.
pub async fn request_reset(
    pool: &db::PgPool,
    settings: &Settings,
    session: &Session,
    phone: &Phone,
    client_addr: Option<&str>,
) -> Result<sms::Message, AppError> {
    let account = {
        let mut conn = pool.acquire().await?;
        check_code_limits(&mut conn, settings, phone, client_addr).await?;
        db::accounts::by_phone(&mut conn, phone.as_str()).await?
    };
    let (code, code_hash) = new_code().await?;
    let ttl = settings.code_ttl_secs;
    let id = within_limits(pool, settings, phone, client_addr, async |tx| {
        Ok(db::codes::create_reset(tx, phone.as_str(), &code_hash, ttl, client_addr).await?)
    })
    .await?;
    remember(session, RESET, id).await?;
    Ok(match account {
        Some(u) if u.password_hash.is_none() => note(phone, |t| t.sms_no_account),
        Some(u) if u.disabled => note(phone, |t| t.sms_account_disabled),
        Some(u) if u.role != "resident" => note(phone, |t| t.sms_staff_reset),
        Some(_) => code_message(settings, phone, &code),
        None => note(phone, |t| t.sms_no_account),
    })
}

/// Sets a new password with the code of the reset this session started, clears the number's
/// failed sign-ins and returns the user (other sessions end). Only a resident's account in
/// use can be reset this way. Errors: `Invalid { field: "code" }` (see `check_code`).
pub async fn reset_password(
    pool: &db::PgPool,
    session: &Session,
    form: &PasswordReset,
) -> Result<SignedIn, AppError> {
    let stored = check_code(pool, session, RESET, &form.phone, &form.code).await?;
    let hash = crate::ssr::hash_password(form.password.clone()).await?;
    let phone = form.phone.as_str();
    let mut tx = pool.begin().await?;
    use_code(&mut tx, stored.id).await?;
    let user = match db::accounts::by_phone(&mut tx, phone).await? {
        Some(u) if u.role == "resident" && !u.disabled && u.password_hash.is_some() => u,
        // Deleted, disabled or made staff meanwhile: the code matched, but there is nothing
        // a text may reset.
        _ => return Err(AppError::from(AccountRefusal::CodeStartAgain)),
    };
    db::accounts::set_password(&mut tx, user.id, &hash).await?;
    db::accounts::clear_failures(&mut tx, phone).await?;
    let user = signed_in(db::accounts::by_id(&mut tx, user.id).await?)?;
    tx.commit().await?;
    forget(session, RESET).await?;
    Ok(user)
}

async fn remember(session: &Session, purpose: Purpose, id: i64) -> Result<(), AppError> {
    session
        .insert(purpose.session_key, id)
        .await
        .map_err(session_error)
}

async fn forget(session: &Session, purpose: Purpose) -> Result<(), AppError> {
    session
        .remove_value(purpose.session_key)
        .await
        .map(|_| ())
        .map_err(session_error)
}

/// Marks code `id` used, unless a try at the same moment already did. Errors: `Invalid {
/// field: "code", reason: "start_again" }`.
async fn use_code(conn: &mut db::PgConnection, id: i64) -> Result<(), AppError> {
    if db::codes::mark_used(conn, id).await? {
        Ok(())
    } else {
        Err(AppError::from(AccountRefusal::CodeStartAgain))
    }
}

/// The code row this session started for `purpose`, if `code` is its code. The try is counted
/// before the code is checked (so tries sent at once all count), and the check runs with no
/// transaction open. The caller marks it used. Errors: `Invalid { field: "code" }` with
/// reason `wrong`, `expired`, `too_many_tries` or `start_again` (none started in this session
/// for this number, or already used), `Unavailable`.
async fn check_code(
    pool: &db::PgPool,
    session: &Session,
    purpose: Purpose,
    phone: &Phone,
    code: &str,
) -> Result<db::codes::CodeRow, AppError> {
    let id = session
        .get::<i64>(purpose.session_key)
        .await
        .map_err(session_error)?;
    let stored = {
        let mut tx = pool.begin().await?;
        let stored = match id {
            Some(id) => db::codes::by_id(&mut tx, id, purpose.name).await?,
            None => None,
        };
        let Some(stored) = stored.filter(|c| !c.used && c.phone == phone.as_str()) else {
            return Err(AppError::from(AccountRefusal::CodeStartAgain));
        };
        if stored.expired {
            return Err(AppError::from(AccountRefusal::CodeExpired));
        }
        if stored.tries >= CODE_TRIES {
            return Err(AppError::from(AccountRefusal::CodeTooManyTries));
        }
        db::codes::add_try(&mut tx, stored.id).await?;
        tx.commit().await?;
        stored
    };
    if !crate::ssr::password_matches(code, Some(stored.code_hash.clone())).await? {
        return Err(AppError::from(AccountRefusal::CodeWrong));
    }
    Ok(stored)
}
