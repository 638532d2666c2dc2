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
    /// The largest request body accepted: twice a filing form with all its photos. A form
    /// whose photos are over their limit is still read to its end (the photos dropped as they
    /// arrive), so that it comes back with its message and what was typed, not a reset
    /// connection.
    pub fn max_body_bytes(&self) -> usize {
        2 * crate::requests::MAX_PHOTOS * self.max_photo_bytes + 1024 * 1024
    }

    /// How long a session lasts in all and without a request, in seconds: staff's shorter.
    pub fn session_limits(&self, staff: bool) -> (i64, i64) {
        if staff {
            (
                self.staff_session_lifetime_secs,
                self.staff_session_idle_secs,
            )
        } else {
            (self.session_lifetime_secs, self.session_idle_secs)
        }
    }
}

/// Limits and lifetimes, from the server's configuration (tests set their own).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Failed sign-ins with one number from one client, within the window, after which that
    /// client's tries with it are refused (and from everywhere together, after which the
    /// number takes one try at a time, further and further apart).
    pub sign_in_max_failures: i64,
    /// Failed sign-ins from one client with any numbers, within the window, after which its
    /// tries are refused.
    pub sign_in_max_failures_per_client: i64,
    pub sign_in_window_secs: i64,
    /// A resident's session ends after this long without a request...
    pub session_idle_secs: i64,
    /// ...and this long after sign-in, however active.
    pub session_lifetime_secs: i64,
    /// The same for staff (ASVS level 2: 30 minutes idle, 12 hours in all).
    pub staff_session_idle_secs: i64,
    pub staff_session_lifetime_secs: i64,
    /// Peers whose `X-Forwarded-For` is believed (the reverse proxies in front of Jiesu).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// Texts (codes) Jiesu may send in an hour, all numbers together.
    pub texts_per_hour: i64,
    /// The most pixels a photo may decode into.
    pub max_photo_pixels: u64,
    /// Live consultation results move only after this many ballots changed since the last
    /// published tally, and the first tally needs this many voters: one ballot alone never
    /// shows.
    pub live_results_min_ballots: i64,
    /// How often a live stream (inbox, results) checks that its session still holds, in
    /// seconds: one that ended (signed out, disabled, expired) closes within this.
    pub live_session_check_secs: u64,
    /// The demo accounts exist (their passwords are published): every page says so.
    pub demo_accounts: bool,
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
            sign_in_max_failures_per_client: 30,
            sign_in_window_secs: 15 * 60,
            session_idle_secs: 2 * 3600,
            session_lifetime_secs: 7 * 24 * 3600,
            staff_session_idle_secs: 30 * 60,
            staff_session_lifetime_secs: 12 * 3600,
            trusted_proxies: Vec::new(),
            texts_per_hour: 1000,
            max_photo_pixels: 40_000_000,
            live_results_min_ballots: 5,
            live_session_check_secs: 15,
            demo_accounts: false,
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

/// Resolves once user `user_id`'s session no longer holds (see
/// `accounts::ssr::session_still_valid`), checked every `live_session_check_secs`: a live
/// stream ends with it. A failed check (the database away) is tried again next time.
pub async fn session_ends(state: AppState, session: tower_sessions::Session, user_id: i64) {
    let every = std::time::Duration::from_secs(state.settings.live_session_check_secs.max(1));
    loop {
        tokio::time::sleep(every).await;
        let valid = crate::accounts::ssr::session_still_valid(
            &state.pool,
            &state.settings,
            &session,
            user_id,
        )
        .await;
        if let Ok(false) = valid {
            return;
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

/// Sets this page's Content-Security-Policy: scripts only from this site and the hydration
/// script carrying this response's nonce (no inline script else), WASM compiled from this
/// site, no plugins, no framing, forms posting here only.
pub fn set_page_csp() {
    let Some(options) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let nonce = leptos::nonce::use_nonce()
        .map(|n| format!(" 'nonce-{n}'"))
        .unwrap_or_default();
    let policy = format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = axum::http::HeaderValue::from_str(&policy) {
        options.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}

/// The client's address, as the limits per client key it: the socket's peer, or, when the
/// peer is a trusted proxy, the nearest address in `X-Forwarded-For` that is not one. An IPv6
/// client is keyed by its /64 (one home or phone gets a whole /64). `None` only without a
/// socket (never in the server).
pub async fn client_addr() -> Option<String> {
    use axum::extract::ConnectInfo;
    let ConnectInfo(addr) = leptos_axum::extract::<ConnectInfo<std::net::SocketAddr>>()
        .await
        .ok()?;
    let forwarded = use_context::<axum::http::request::Parts>().and_then(|parts| {
        let values: Vec<String> = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    });
    let trusted = state()
        .map(|s| s.settings.trusted_proxies.clone())
        .unwrap_or_default();
    Some(client_key(addr.ip(), forwarded.as_deref(), &trusted))
}

/// See [`client_addr`]: `peer` is the socket's address, `forwarded` the `X-Forwarded-For`
/// values joined with commas.
pub fn client_key(
    peer: std::net::IpAddr,
    forwarded: Option<&str>,
    trusted: &[ipnet::IpNet],
) -> String {
    let is_trusted = |ip: &std::net::IpAddr| trusted.iter().any(|net| net.contains(ip));
    let mut client = peer;
    if is_trusted(&peer) {
        // Right to left: each proxy appends the address it saw; the first one no trusted proxy
        // could have written is the client's (anything left of it the client may have made up).
        for hop in forwarded.unwrap_or("").rsplit(',') {
            let Ok(ip) = hop.trim().parse::<std::net::IpAddr>() else {
                break;
            };
            client = ip;
            if !is_trusted(&ip) {
                break;
            }
        }
    }
    match client {
        std::net::IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                let prefix = std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0);
                format!("{prefix}/64")
            }
        },
        v4 => v4.to_string(),
    }
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

/// Permits for CPU-heavy work (password hashes, photo decodes), each kind on its own: half
/// the cores (at least one), so a burst of it leaves the other half to everything else.
pub fn half_the_cores() -> tokio::sync::Semaphore {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    tokio::sync::Semaphore::new((cores / 2).max(1))
}

/// Password hashes computed at once.
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> =
    std::sync::LazyLock::new(half_the_cores);

/// Runs `action` in a transaction that is then rolled back: whether the action would pass
/// (who may, limits, fields), before anything expensive is done for it. Errors: `action`'s.
pub async fn dry_run<T>(
    pool: &db::PgPool,
    action: impl AsyncFnOnce(&mut db::PgConnection) -> Result<T, AppError>,
) -> Result<(), AppError> {
    let mut tx = pool.begin().await?;
    action(&mut tx).await?;
    tx.rollback().await?;
    Ok(())
}

/// How long a password check may wait for its turn before the answer is "busy, try again".
const HASHING_QUEUE_WAIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Runs `work` (an argon2 hash or check) on a blocking thread once one of the few hashing
/// permits is free. Errors: `Unavailable` (waited too long), `Internal`.
async fn hashing<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, AppError> {
    let _permit = tokio::time::timeout(HASHING_QUEUE_WAIT, HASHING.acquire())
        .await
        .map_err(|_| {
            tracing::warn!("password hashing is saturated: a caller was told to try later");
            AppError::Unavailable
        })?
        .map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(work).await.map_err(|e| {
        tracing::error!(error = %e, "password hashing task failed");
        AppError::Internal
    })
}

/// An argon2id hash (PHC string, salt included) of `password`, computed on a blocking thread
/// (~40 ms of CPU that must not stall other requests), a few at once at most. Never call it
/// inside a transaction. Errors: `Unavailable` (too many queued), `Internal`.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    hashing(move || hash_password_now(&password)).await?
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

/// Whether `password` matches `hash`, on a blocking thread, a few at once at most. Without a
/// hash (an unknown number, a deleted account) it checks against a made-up hash, so the answer
/// takes as long either way. Never call it inside a transaction. Errors: `Unavailable`.
pub async fn password_matches(password: &str, hash: Option<String>) -> Result<bool, AppError> {
    use argon2::PasswordVerifier;
    static UNKNOWN: std::sync::LazyLock<Option<String>> =
        std::sync::LazyLock::new(|| hash_password_now("no account has this password").ok());
    let password = password.to_owned();
    let known = hash.is_some();
    // Check even without a hash: the answer must take as long either way.
    let matched = hashing(move || {
        let Some(hash) = hash.or_else(|| UNKNOWN.clone()) else {
            return false;
        };
        argon2::Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await?;
    Ok(known && matched)
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
    Ok(form_parts(data, None).await?.pairs)
}

/// What [`form_parts`] read of a multipart form.
#[derive(Debug, Default)]
pub struct FormParts {
    /// The text fields, in order (a repeated name comes once per value).
    pub pairs: Vec<(String, String)>,
    /// The photos, each within the size limit.
    pub uploads: Vec<Vec<u8>>,
    /// Why the photos were refused (`Invalid { field: "photos" }`, `too_many` or `too_large`):
    /// the rest of the form was still read, so that what was typed can be shown again.
    pub photos_refused: Option<AppError>,
}

/// A multipart form's text fields, in order, and the files chosen in its `photos` field when
/// `max_photo_bytes` is given (empty file fields and any other file field are skipped). A
/// photo over the limit, or one too many, is read to its end and dropped, and the form read on:
/// the refusal comes back with every text field (see [`FormParts`]). Errors: `BadRequest` (not
/// a readable multipart form).
pub async fn form_parts(
    data: leptos::server_fn::codec::MultipartData,
    max_photo_bytes: Option<usize>,
) -> Result<FormParts, AppError> {
    let bad = |e: &dyn std::fmt::Display| AppError::BadRequest(format!("form: {e}"));
    let mut multipart = data
        .into_inner()
        .ok_or_else(|| bad(&"not a multipart form"))?;
    let mut parts = FormParts::default();
    while let Some(mut field) = multipart.next_field().await.map_err(|e| bad(&e))? {
        let name = field.name().unwrap_or_default().to_owned();
        if field.file_name().is_none() {
            parts
                .pairs
                .push((name, field.text().await.map_err(|e| bad(&e))?));
            continue;
        }
        let Some(max_bytes) = max_photo_bytes.filter(|_| name == "photos") else {
            continue;
        };
        let mut bytes = Vec::new();
        let mut over = false;
        while let Some(chunk) = field.chunk().await.map_err(|e| bad(&e))? {
            // Past the limit the rest is read and dropped: answering before the browser has
            // sent it all would reset its connection, and the form would be lost.
            over |= bytes.len() + chunk.len() > max_bytes;
            if !over {
                bytes.extend_from_slice(&chunk);
            }
        }
        let refusal = if over {
            Some("too_large")
        } else if !bytes.is_empty() && parts.uploads.len() == crate::requests::MAX_PHOTOS {
            Some("too_many")
        } else {
            None
        };
        match refusal {
            Some(reason) => {
                parts.uploads.clear();
                parts
                    .photos_refused
                    .get_or_insert(AppError::invalid("photos", reason));
            }
            None if !bytes.is_empty() && parts.photos_refused.is_none() => {
                parts.uploads.push(bytes)
            }
            None => {}
        }
    }
    Ok(parts)
}

#[cfg(test)]
mod tests {
    use super::client_key;
    use std::net::IpAddr;

    fn ip(s: &str) -> IpAddr {
        s.parse().expect("an address")
    }

    #[test]
    fn a_forwarded_address_counts_only_behind_a_trusted_proxy() {
        let proxy: Vec<ipnet::IpNet> = vec!["10.0.0.0/24".parse().expect("a network")];
        // Not from a trusted proxy: whatever the header says, the peer is the client.
        assert_eq!(
            client_key(ip("192.0.2.9"), Some("203.0.113.1"), &proxy),
            "192.0.2.9"
        );
        assert_eq!(
            client_key(ip("10.0.0.5"), Some("203.0.113.1"), &[]),
            "10.0.0.5"
        );
        // From one: the nearest address no trusted proxy wrote, whatever the client made up
        // to its left.
        assert_eq!(
            client_key(
                ip("10.0.0.5"),
                Some("1.1.1.1, 203.0.113.1, 10.0.0.9"),
                &proxy
            ),
            "203.0.113.1"
        );
        assert_eq!(
            client_key(ip("10.0.0.5"), Some("10.0.0.8"), &proxy),
            "10.0.0.8"
        );
        assert_eq!(client_key(ip("10.0.0.5"), None, &proxy), "10.0.0.5");
        assert_eq!(
            client_key(ip("10.0.0.5"), Some("garbage"), &proxy),
            "10.0.0.5"
        );
    }

    #[test]
    fn an_ipv6_client_is_its_64() {
        assert_eq!(
            client_key(ip("2001:db8:1:2:3:4:5:6"), None, &[]),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            client_key(ip("2001:db8:1:2::ffff"), None, &[]),
            "2001:db8:1:2::/64"
        );
        assert_eq!(client_key(ip("::ffff:192.0.2.7"), None, &[]), "192.0.2.7");
    }
}
