//! The state every handler and server function reaches, the settings, and the bridge from
//! [`AppError`] to the HTTP status.

use super::Hub;
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
    pub inbox: Hub<ids::UserId>,
    /// Ballots cast, announced to this process, and the live results pages here follow.
    #[from_ref(skip)]
    pub ballots: crate::consultations::live::LiveResults,
    /// What this process keeps in memory of what changes rarely.
    #[from_ref(skip)]
    pub caches: super::Caches,
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
    /// How long a unit has to take a request passed to it (下派 / 上报: accept it or pass it
    /// on), in minutes: normally, and for an urgent request.
    pub pass_minutes: i32,
    pub urgent_pass_minutes: i32,
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
            pass_minutes: 4 * 60,
            urgent_pass_minutes: 30,
        }
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
