//! `Config::from_env()`: everything the server reads from its environment, typed, with the
//! database URL redacted in `Debug`.

use std::fmt;
use std::path::PathBuf;

/// A value kept out of logs: `Debug` shows `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(pub String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    /// `DATABASE_URL`: a PostgreSQL someone else runs. Without it, a private cluster is
    /// started from the installed PostgreSQL binaries, with its files in `data_dir`.
    pub database_url: Option<Secret>,
    /// `JIESU_DATA_DIR`, default `.data`: the private cluster's folder.
    pub data_dir: PathBuf,
    /// `JIESU_UPLOAD_DIR`, default `<data_dir>/uploads`: where photos are kept.
    pub upload_dir: PathBuf,
    /// Load the demo data (with its accounts of known passwords) into an empty database: only
    /// when asked with `JIESU_DEMO_DATA=true` (`scripts/dev.sh` asks), never by default.
    pub demo_data: bool,
    /// `JIESU_SMS_DEV=true`: without a gateway, texts (with their codes) go to the log and the
    /// `sms_outbox` table. A server with neither refuses to start.
    pub sms_dev: bool,
    /// `JIESU_DB_MAX_CONNECTIONS`, default 10.
    pub db_max_connections: u32,
    /// How often the deadline worker runs: `JIESU_WORKER_INTERVAL_SECS`, default 60; 0 turns
    /// it off in this process (benchmarks run it on their own).
    pub worker_interval: std::time::Duration,
    /// How often the measures' deltas are folded into the rollups the dashboard reads:
    /// `JIESU_FOLD_INTERVAL_MS`, default 2000; 0 turns it off.
    pub fold_interval: std::time::Duration,
    /// Limits and lifetimes handed to the app: `JIESU_SIGN_IN_MAX_FAILURES` (5),
    /// `JIESU_SIGN_IN_WINDOW_SECS` (900), `JIESU_SESSION_IDLE_SECS` (7200),
    /// `JIESU_SESSION_LIFETIME_SECS` (604800), `JIESU_SECURE_COOKIES` (false; true behind HTTPS),
    /// `JIESU_CODE_TTL_SECS` (600), `JIESU_CODES_PER_PHONE_PER_HOUR` (5),
    /// `JIESU_CODES_PER_CLIENT_PER_HOUR` (20), `JIESU_FILINGS_PER_HOUR` (10),
    /// `JIESU_CHECK_IN_MINUTES` (1440) and `JIESU_URGENT_CHECK_IN_MINUTES` (30) for 报到,
    /// `JIESU_HOT_SPOT_THRESHOLD` (5: open requests of one category in one community within 7
    /// days that make a hot spot);
    /// `JIESU_SMS_GATEWAY_URL` with
    /// `JIESU_SMS_GATEWAY_KEY` send text messages through an HTTP gateway (without them, the
    /// development sender writes them to the log and the `sms_outbox` table).
    pub settings: app::ssr::Settings,
}

impl Config {
    pub fn from_env() -> Config {
        Config::from_vars(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    /// The configuration from any source of variables (tests pass a map).
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Config {
        let database_url = var("DATABASE_URL").map(Secret);
        let data_dir: PathBuf = var("JIESU_DATA_DIR")
            .unwrap_or_else(|| ".data".into())
            .into();
        let upload_dir =
            var("JIESU_UPLOAD_DIR").map_or_else(|| data_dir.join("uploads"), PathBuf::from);
        let yes =
            |name: &str| var(name).is_some_and(|v| matches!(v.as_str(), "1" | "true" | "yes"));
        let demo_data = yes("JIESU_DEMO_DATA");
        let sms_dev = yes("JIESU_SMS_DEV");
        let db_max_connections = var("JIESU_DB_MAX_CONNECTIONS")
            .and_then(|v| v.parse().ok())
            .unwrap_or(10);
        let worker_interval = std::time::Duration::from_secs(
            var("JIESU_WORKER_INTERVAL_SECS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(60),
        );
        let fold_interval = std::time::Duration::from_millis(
            var("JIESU_FOLD_INTERVAL_MS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(2000),
        );
        let defaults = app::ssr::Settings::default();
        let number =
            |name: &str, default: i64| var(name).and_then(|v| v.parse().ok()).unwrap_or(default);
        let settings = app::ssr::Settings {
            sign_in_max_failures: number(
                "JIESU_SIGN_IN_MAX_FAILURES",
                defaults.sign_in_max_failures,
            ),
            sign_in_max_failures_per_client: number(
                "JIESU_SIGN_IN_MAX_FAILURES_PER_CLIENT",
                defaults.sign_in_max_failures_per_client,
            ),
            sign_in_window_secs: number("JIESU_SIGN_IN_WINDOW_SECS", defaults.sign_in_window_secs),
            staff_session_idle_secs: number(
                "JIESU_STAFF_SESSION_IDLE_SECS",
                defaults.staff_session_idle_secs,
            ),
            staff_session_lifetime_secs: number(
                "JIESU_STAFF_SESSION_LIFETIME_SECS",
                defaults.staff_session_lifetime_secs,
            ),
            trusted_proxies: var("JIESU_TRUSTED_PROXIES")
                .map(|v| trusted_proxies(&v))
                .unwrap_or_default(),
            texts_per_hour: number("JIESU_TEXTS_PER_HOUR", defaults.texts_per_hour),
            max_photo_pixels: var("JIESU_MAX_PHOTO_PIXELS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(defaults.max_photo_pixels),
            live_results_min_ballots: number(
                "JIESU_LIVE_RESULTS_MIN_BALLOTS",
                defaults.live_results_min_ballots,
            )
            .max(1),
            live_session_check_secs: var("JIESU_LIVE_SESSION_CHECK_SECS")
                .and_then(|v| v.parse().ok())
                .unwrap_or(defaults.live_session_check_secs),
            // Found out at start-up, from the database.
            demo_accounts: false,
            session_idle_secs: number("JIESU_SESSION_IDLE_SECS", defaults.session_idle_secs),
            session_lifetime_secs: number(
                "JIESU_SESSION_LIFETIME_SECS",
                defaults.session_lifetime_secs,
            ),
            secure_cookies: yes("JIESU_SECURE_COOKIES"),
            code_ttl_secs: number("JIESU_CODE_TTL_SECS", defaults.code_ttl_secs),
            codes_per_phone_per_hour: number(
                "JIESU_CODES_PER_PHONE_PER_HOUR",
                defaults.codes_per_phone_per_hour,
            ),
            codes_per_client_per_hour: number(
                "JIESU_CODES_PER_CLIENT_PER_HOUR",
                defaults.codes_per_client_per_hour,
            ),
            filings_per_hour: number("JIESU_FILINGS_PER_HOUR", defaults.filings_per_hour),
            hot_spot_threshold: number("JIESU_HOT_SPOT_THRESHOLD", defaults.hot_spot_threshold),
            max_photo_bytes: var("JIESU_MAX_PHOTO_BYTES")
                .and_then(|v| v.parse().ok())
                .unwrap_or(defaults.max_photo_bytes),
            check_in_minutes: var("JIESU_CHECK_IN_MINUTES")
                .and_then(|v| v.parse().ok())
                .unwrap_or(defaults.check_in_minutes),
            urgent_check_in_minutes: var("JIESU_URGENT_CHECK_IN_MINUTES")
                .and_then(|v| v.parse().ok())
                .unwrap_or(defaults.urgent_check_in_minutes),
            pass_minutes: var("JIESU_PASS_MINUTES")
                .and_then(|v| v.parse().ok())
                .unwrap_or(defaults.pass_minutes),
            urgent_pass_minutes: var("JIESU_URGENT_PASS_MINUTES")
                .and_then(|v| v.parse().ok())
                .unwrap_or(defaults.urgent_pass_minutes),
            score_weights: var("JIESU_SCORE_WEIGHTS").map_or(defaults.score_weights, |v| {
                app::measures::Weights::parse(&v).unwrap_or_else(|error| {
                    tracing::warn!(%error, value = %v, "JIESU_SCORE_WEIGHTS ignored: three whole per cents adding up to 100, like 10,45,45");
                    defaults.score_weights
                })
            }),
            sms_gateway: var("JIESU_SMS_GATEWAY_URL").map(|url| app::accounts::ssr::SmsGateway {
                url,
                key: var("JIESU_SMS_GATEWAY_KEY").unwrap_or_default(),
            }),
        };
        Config {
            database_url,
            data_dir,
            upload_dir,
            demo_data,
            sms_dev,
            db_max_connections,
            worker_interval,
            fold_interval,
            settings,
        }
    }
}

/// `JIESU_TRUSTED_PROXIES`: addresses or networks, comma-separated (`10.0.0.1, 10.1.0.0/16,
/// ::1`). An entry that is neither is left out, with a warning.
fn trusted_proxies(list: &str) -> Vec<ipnet::IpNet> {
    list.split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
        .filter_map(|entry| {
            let net = entry
                .parse::<ipnet::IpNet>()
                .or_else(|_| entry.parse::<std::net::IpAddr>().map(ipnet::IpNet::from));
            if net.is_err() {
                tracing::warn!(
                    entry,
                    "JIESU_TRUSTED_PROXIES: not an address or a network; left out"
                );
            }
            net.ok()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Config {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_vars(|name| vars.get(name).cloned())
    }

    #[test]
    fn demo_data_and_the_development_sender_only_when_asked() {
        let c = config(&[]);
        assert_eq!(c.database_url, None);
        assert_eq!(c.data_dir, PathBuf::from(".data"));
        assert!(!c.demo_data, "not even in the private cluster");
        assert!(!c.sms_dev);
        assert!(!config(&[("DATABASE_URL", "postgres://x")]).demo_data);
        let asked = config(&[("JIESU_DEMO_DATA", "true"), ("JIESU_SMS_DEV", "true")]);
        assert!(asked.demo_data && asked.sms_dev);
        assert!(!config(&[("JIESU_DEMO_DATA", "false")]).demo_data);
    }

    #[test]
    fn trusted_proxies_are_addresses_or_networks() {
        let c = config(&[(
            "JIESU_TRUSTED_PROXIES",
            "10.0.0.1, 10.1.0.0/16,::1,nonsense",
        )]);
        let nets: Vec<String> = c
            .settings
            .trusted_proxies
            .iter()
            .map(|n| n.to_string())
            .collect();
        assert_eq!(nets, ["10.0.0.1/32", "10.1.0.0/16", "::1/128"]);
        assert!(config(&[]).settings.trusted_proxies.is_empty());
    }

    #[test]
    fn the_database_url_and_the_sms_key_never_reach_a_log() {
        let c = config(&[
            ("DATABASE_URL", "postgres://user:hunter2@db/jiesu"),
            ("JIESU_SMS_GATEWAY_URL", "https://sms.example/send"),
            ("JIESU_SMS_GATEWAY_KEY", "sesame"),
        ]);
        let logged = format!("{c:?}");
        assert!(!logged.contains("hunter2"));
        assert!(!logged.contains("sesame"));
        assert!(logged.contains("https://sms.example/send"));
    }

    #[test]
    fn text_messages_go_to_the_log_unless_a_gateway_is_configured() {
        assert_eq!(config(&[]).settings.sms_gateway, None);
        let gateway = config(&[("JIESU_SMS_GATEWAY_URL", "https://sms.example/send")])
            .settings
            .sms_gateway
            .map(|g| g.url);
        assert_eq!(gateway.as_deref(), Some("https://sms.example/send"));
    }
}
