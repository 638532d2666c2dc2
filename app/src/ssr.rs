//! Server-only helpers for server functions: the shared state and the error-to-status bridge.

use crate::error::AppError;
use axum::extract::FromRef;
use leptos::prelude::*;

/// What every request handler and server function can reach. Built once by the server.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub pool: db::PgPool,
    pub settings: std::sync::Arc<Settings>,
    pub photos: crate::requests::photos::PhotoStore,
    /// New notifications announced to this process (the live inbox badge): recipients' ids.
    #[from_ref(skip)]
    pub inbox: Hub,
    /// Ballots cast, announced to this process, and the live results pages here follow.
    #[from_ref(skip)]
    pub ballots: crate::consultations::live::LiveResults,
}

/// Announcements from Postgres (`LISTEN` on one channel, each payload an id), fanned out to
/// the pages connected to this process, whichever process wrote them.
#[derive(Clone)]
pub struct Hub {
    channel: &'static str,
    sender: tokio::sync::broadcast::Sender<i64>,
}

impl Hub {
    pub fn new(channel: &'static str) -> Hub {
        Hub {
            channel,
            sender: tokio::sync::broadcast::channel(1024).0,
        }
    }

    /// Listens on Postgres until the process ends, reconnecting after a lost connection.
    pub async fn listen(self, pool: db::PgPool) {
        loop {
            if let Err(error) = self.listen_once(&pool).await {
                tracing::warn!(%error, channel = self.channel, "listener lost its connection; reconnecting");
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    }

    async fn listen_once(&self, pool: &db::PgPool) -> Result<(), sqlx::Error> {
        let mut listener = sqlx::postgres::PgListener::connect_with(pool).await?;
        listener.listen(self.channel).await?;
        loop {
            let message = listener.recv().await?;
            if let Ok(id) = message.payload().parse() {
                // Nobody listening is fine: no page about it is open here.
                let _ = self.sender.send(id);
            }
        }
    }

    pub fn subscribe(&self) -> tokio::sync::broadcast::Receiver<i64> {
        self.sender.subscribe()
    }

    /// Waits for an announcement about `id` (or for falling behind, which may have lost one);
    /// false once the hub is gone.
    pub async fn wait_for(receiver: &mut tokio::sync::broadcast::Receiver<i64>, id: i64) -> bool {
        use tokio::sync::broadcast::error::RecvError;
        loop {
            match receiver.recv().await {
                Ok(announced) if announced == id => return true,
                Err(RecvError::Lagged(_)) => return true,
                Ok(_) => {}
                Err(RecvError::Closed) => return false,
            }
        }
    }
}

impl Settings {
    /// The largest request body accepted: a filing form with all its photos.
    pub fn max_body_bytes(&self) -> usize {
        crate::requests::photos::MAX_PHOTOS * self.max_photo_bytes + 1024 * 1024
    }
}

/// Limits and lifetimes, from the server's configuration (tests set their own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Failed sign-ins with one number, within the window, after which tries are refused.
    pub sign_in_max_failures: i64,
    pub sign_in_window_secs: i64,
    /// A session ends after this long without a request...
    pub session_idle_secs: i64,
    /// ...and this long after sign-in, however active.
    pub session_lifetime_secs: i64,
    /// Mark the session cookie `Secure` (when served over HTTPS).
    pub secure_cookies: bool,
    /// One-time codes: how long one is valid, and how many may be sent per hour to one number
    /// and at the request of one client address.
    pub code_ttl_secs: i64,
    pub codes_per_phone_per_hour: i64,
    pub codes_per_client_per_hour: i64,
    /// Requests one resident may file per hour.
    pub filings_per_hour: i64,
    /// The largest photo accepted, in bytes (the request body limit follows from it).
    pub max_photo_bytes: usize,
    /// Where text messages go: `None` is the development sender (the log and `sms_outbox`).
    pub sms_gateway: Option<crate::accounts::ssr::SmsGateway>,
    /// How long a summoned unit has to check in (报到), in minutes: normally, and for an
    /// urgent request.
    pub check_in_minutes: i32,
    pub urgent_check_in_minutes: i32,
    /// Open requests of one category in one community within `handling::HOT_SPOT_DAYS` that
    /// make a hot spot.
    pub hot_spot_threshold: i64,
    /// The weights of the composite score on the public dashboard.
    pub score_weights: crate::measures::Weights,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            sign_in_max_failures: 5,
            sign_in_window_secs: 15 * 60,
            session_idle_secs: 2 * 3600,
            session_lifetime_secs: 7 * 24 * 3600,
            secure_cookies: false,
            code_ttl_secs: 10 * 60,
            codes_per_phone_per_hour: 5,
            codes_per_client_per_hour: 20,
            filings_per_hour: 10,
            hot_spot_threshold: 5,
            score_weights: crate::measures::Weights::default(),
            max_photo_bytes: 8 * 1024 * 1024,
            sms_gateway: None,
            check_in_minutes: 24 * 60,
            urgent_check_in_minutes: 30,
        }
    }
}

/// This request's session, its record loaded. Errors: `Internal` (the router has no session
/// layer).
///
/// Loaded now: a session loads its record from the pool the first time it is read, so a
/// caller that began a transaction first and read the session inside it would hold one
/// connection while waiting for another (with as many such requests as connections, all wait).
pub async fn session() -> Result<tower_sessions::Session, AppError> {
    let session = leptos_axum::extract::<tower_sessions::Session>()
        .await
        .map_err(|error| {
            tracing::error!(%error, "no session on this request");
            AppError::Internal
        })?;
    session.is_empty().await;
    Ok(session)
}

/// The user signed in on this request's session. Errors: `Unauthorized` (nobody is).
pub async fn current_user() -> Result<crate::accounts::CurrentUser, AppError> {
    let state = state()?;
    crate::accounts::ssr::session_user(&state.pool, &state.settings, &session().await?)
        .await?
        .ok_or(AppError::Unauthorized)
}

/// Runs `action` as the signed-in user in one transaction, committed only when it succeeds:
/// a refusal writes nothing. Errors: `Unauthorized` (nobody is signed in), and `action`'s.
pub async fn in_transaction<T>(
    action: impl AsyncFnOnce(
        &mut db::PgConnection,
        &crate::accounts::CurrentUser,
    ) -> Result<T, AppError>,
) -> Result<T, AppError> {
    let user = current_user().await?;
    let mut tx = state()?.pool.begin().await?;
    let value = action(&mut tx, &user).await?;
    tx.commit().await?;
    Ok(value)
}

/// The client's address as the socket saw it, when known.
pub async fn client_addr() -> Option<String> {
    use axum::extract::ConnectInfo;
    let ConnectInfo(addr) = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()?;
    Some(addr.ip().to_string())
}

/// The state provided to this request. Errors: `Internal` (the router was built without it).
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request's context");
        AppError::Internal
    })
}

/// Passes a server function's result through, setting the HTTP status of an error (Leptos
/// answers 500 for every error unless told otherwise). A plain HTML form post (no JavaScript)
/// keeps Leptos' redirect back to the form, which carries the error in its URL.
pub fn respond<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    let form_post = use_context::<axum::http::request::Parts>().is_some_and(|parts| {
        parts.method == axum::http::Method::POST
            && parts
                .headers
                .get(axum::http::header::ACCEPT)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("text/html"))
    });
    if let (Err(error), false) = (&result, form_post) {
        if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
            let status = axum::http::StatusCode::from_u16(error.status())
                .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
            options.set_status(status);
        }
    }
    result
}

/// An argon2id hash (PHC string, salt included) of `password`, computed on a blocking thread
/// (~40 ms of CPU that must not stall other requests). Errors: `Internal`.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_password_now(&password))
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing task failed");
            AppError::Internal
        })?
}

/// The same, on this thread (start-up and demo data).
pub fn hash_password_now(password: &str) -> Result<String, AppError> {
    use argon2::PasswordHasher;
    argon2::Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| {
            tracing::error!(error = %e, "password hashing failed");
            AppError::Internal
        })
}

/// Whether `password` matches `hash`, on a blocking thread. Without a hash (an unknown number,
/// a deleted account) it checks against a made-up hash, so the answer takes as long either way.
pub async fn password_matches(password: &str, hash: Option<String>) -> bool {
    use argon2::PasswordVerifier;
    static UNKNOWN: std::sync::LazyLock<Option<String>> =
        std::sync::LazyLock::new(|| hash_password_now("no account has this password").ok());
    let password = password.to_owned();
    let known = hash.is_some();
    let checked = tokio::task::spawn_blocking(move || {
        let Some(hash) = hash.or_else(|| UNKNOWN.clone()) else {
            return false;
        };
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok()
    });
    // Wait for the check even without a hash: the answer must take as long either way.
    let matched = checked.await.unwrap_or(false);
    known && matched
}

/// Keeps what was typed into `form` in the session, for the page to show again after a
/// refusal (a plain form post loses it otherwise). Never pass a password. A failure only
/// means the user types again: logged, not returned.
pub async fn keep_typed(form: &str, values: &[(&str, &str)]) {
    let Ok(session) = session().await else { return };
    let values: Vec<(String, String)> = values
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    if let Err(error) = session.insert(&format!("typed:{form}"), values).await {
        tracing::warn!(%error, "could not keep the typed values");
    }
}

/// The header an upload with progress sends (see `components::checked_form`).
pub const UPLOAD_HEADER: &str = "x-jiesu-upload";

/// Takes (and forgets) what `keep_typed` kept for `form`.
pub async fn take_typed(form: &str) -> Vec<(String, String)> {
    let Ok(session) = session().await else {
        return Vec::new();
    };
    let key = format!("typed:{form}");
    // An upload posted with progress (`X-Jiesu-Upload`) is an XMLHttpRequest: it follows the
    // redirect and renders the page once before the browser goes there. That rendering must
    // leave the values for the browser's own.
    let peek = use_context::<axum::http::request::Parts>()
        .is_some_and(|parts| parts.headers.contains_key(UPLOAD_HEADER));
    let typed = if peek {
        session.get::<Vec<(String, String)>>(&key).await
    } else {
        session.remove::<Vec<(String, String)>>(&key).await
    };
    typed.ok().flatten().unwrap_or_default()
}

/// The text fields of a multipart form, in order (a repeated name comes once per value; file
/// fields are skipped). Errors: `BadRequest` (not a readable multipart form).
pub async fn form_pairs(
    data: leptos::server_fn::codec::MultipartData,
) -> Result<Vec<(String, String)>, AppError> {
    Ok(form_parts(data, None).await?.0)
}

/// A multipart form's text fields, in order (a repeated name comes once per value), and the
/// files chosen in its `photos` field when `max_photo_bytes` is given (empty file fields and
/// any other file field are skipped). Errors: `BadRequest` (not a readable multipart form),
/// `Invalid { field: "photos" }` with reason `too_many` or `too_large` (over
/// `max_photo_bytes`).
pub async fn form_parts(
    data: leptos::server_fn::codec::MultipartData,
    max_photo_bytes: Option<usize>,
) -> Result<(Vec<(String, String)>, Vec<Vec<u8>>), AppError> {
    let bad = |e: &dyn std::fmt::Display| AppError::BadRequest(format!("form: {e}"));
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| bad(&"not a multipart form"))?;
    let mut pairs = Vec::new();
    let mut uploads = Vec::new();
    while let Some(mut field) = multipart.next_field().await.map_err(|e| bad(&e))? {
        let name = field.name().unwrap_or_default().to_owned();
        if field.file_name().is_none() {
            pairs.push((name, field.text().await.map_err(|e| bad(&e))?));
            continue;
        }
        let Some(max_bytes) = max_photo_bytes.filter(|_| name == "photos") else {
            continue;
        };
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|e| bad(&e))? {
            bytes.extend_from_slice(&chunk);
            if bytes.len() > max_bytes {
                return Err(AppError::invalid("photos", "too_large"));
            }
        }
        if !bytes.is_empty() {
            uploads.push(bytes);
        }
        if uploads.len() > crate::requests::photos::MAX_PHOTOS {
            return Err(AppError::invalid("photos", "too_many"));
        }
    }
    Ok((pairs, uploads))
}
