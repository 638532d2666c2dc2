//! Jiesu's server: start-up (database, migrations, demo data), the router and shutdown.

pub mod assets;
mod caching;
pub mod config;
mod draining;
mod health;
mod photos;
pub mod postgres;
pub mod security;
mod switches;
pub mod telemetry;
pub mod worker;

use app::i18n::Locale;
use app::layout::TextSize;
use app::ssr::AppState;
use app::{shell, App};
use axum::Router;
use config::Config;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use postgres::{ClusterError, PrivateCluster};
use sqlx::postgres::PgPoolOptions;
use tower_http::trace::{DefaultMakeSpan, DefaultOnResponse, TraceLayer};
use tower_sessions::{Expiry, SessionManagerLayer};
use tower_sessions_sqlx_store::PostgresStore;

/// Why the server could not start (each message says what to do about it).
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(
        "usage: server [pg start|pg stop|deadlines|measures check|measures rebuild|add-admin PHONE NAME]"
    )]
    Usage,
    #[error("add-admin: {0}")]
    AddAdmin(String),
    #[error("private database: {0}")]
    Cluster(#[from] ClusterError),
    #[error("cannot reach the database: {0}")]
    Connect(sqlx::Error),
    #[error(
        "database migration failed, the server will not start on a schema it does not know: {0}"
    )]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("loading the demo data failed: {0}")]
    Demo(db::DbError),
    #[error("the deadline worker failed: {0}")]
    Worker(db::DbError),
    #[error("the measures differ from the event log (listed above)")]
    Inconsistent,
    #[error(
        "JIESU_SMS_GATEWAY_URL is set but JIESU_SMS_GATEWAY_KEY is empty: set the gateway's key"
    )]
    SmsGatewayKey,
    #[error(
        "no way to send text messages: set JIESU_SMS_GATEWAY_URL and JIESU_SMS_GATEWAY_KEY, or \
         JIESU_SMS_DEV=true to write them (codes included) to the log in development"
    )]
    NoSmsSender,
    #[error("cannot use the photo folder {dir}: {source}")]
    Uploads { dir: String, source: std::io::Error },
    #[error("bad Leptos configuration: {0}")]
    Leptos(String),
    #[error("cannot serve on {addr}: {source}")]
    Bind {
        addr: String,
        source: std::io::Error,
    },
}

/// Every route: pages and server functions (Leptos), `/healthz`, `/readyz`, `/lang/{tag}`,
/// `/text-size/{size}`, `/inbox/events`, `/consultations/{id}/events`, `/photos/…`, static
/// files and the 404 page, with request tracing.
pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(
        || view! { <App locale=Locale::default() text_size=TextSize::default() /> },
    );
    let options = state.leptos_options.clone();
    let sessions = session_layer(&state);
    Router::new()
        .route("/healthz", axum::routing::get(health::healthz))
        .route("/readyz", axum::routing::get(health::readyz))
        .route("/lang/{tag}", axum::routing::get(switches::language))
        .route("/text-size/{size}", axum::routing::get(switches::text_size))
        .route("/inbox/events", axum::routing::get(inbox_events))
        .route(
            "/consultations/{id}/events",
            axum::routing::get(consultation_events),
        )
        .route("/photos/{id}", axum::routing::get(photos::photo))
        .route("/measures/csv", axum::routing::get(measures_csv))
        .route(
            "/photos/{id}/thumbnail",
            axum::routing::get(photos::thumbnail),
        )
        .leptos_routes(&state, routes, move || shell(options.clone()))
        .fallback(static_or_not_found)
        .layer(sessions)
        // Outside the sessions: a page that sets a cookie is nobody else's, and a kept page
        // is served without loading one.
        .layer(axum::middleware::from_fn_with_state(
            caching::Pages::new(state.pool.clone()),
            caching::pages,
        ))
        // An explicit body limit for every request (a filing form with its photos fits).
        .layer(tower_http::limit::RequestBodyLimitLayer::new(
            state.settings.max_body_bytes(),
        ))
        .layer(axum::middleware::from_fn(photos::explain_too_large))
        // Outside the rest: a cross-origin write is refused before anything reads it.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            security::guard,
        ))
        // Pages, server functions and anything not compressed ahead of time, compressed as
        // they go out (never event streams or images: tower-http's default rule).
        .layer(
            tower_http::compression::CompressionLayer::new()
                .quality(tower_http::CompressionLevel::Precise(5)),
        )
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(DefaultMakeSpan::new().level(tracing::Level::INFO))
                .on_response(DefaultOnResponse::new().level(tracing::Level::INFO)),
        )
        .with_state(state)
}

/// Static files under the site root (the WASM, its JS, the CSS, icons; a precompressed `.br`
/// or `.gz` beside one goes to browsers that take it) and, at any other address, the 404 page.
///
/// Not leptos_axum's `file_and_error_handler`: it answers a file inside a child of whatever
/// reactive owner the worker thread was left with, and under load a file's response took the
/// response headers (the CSP among them) of a page rendering at that moment.
async fn static_or_not_found(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    use tower::ServiceExt;
    let (parts, body) = request.into_parts();
    let file = axum::extract::Request::from_parts(parts.clone(), axum::body::Body::empty());
    let served = tower_http::services::ServeDir::new(state.leptos_options.site_root.as_ref())
        .precompressed_br()
        .precompressed_gzip()
        .oneshot(file)
        .await;
    match served {
        Ok(response) if response.status() != axum::http::StatusCode::NOT_FOUND => {
            let mut response = response.into_response();
            if response.status().is_success() {
                let hashed = state.leptos_options.hash_files;
                assets::set_cache_control(&mut response, parts.uri.path(), hashed);
                assets::set_worker_csp(&mut response, parts.uri.path());
            }
            return response;
        }
        _ => {}
    }
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(
        move || provide_context(state.clone()),
        move || shell(options.clone()),
    );
    let mut page = render(axum::extract::Request::from_parts(parts, body)).await;
    // The 404 page answers 404, unless it redirected.
    if page.status() == axum::http::StatusCode::OK {
        *page.status_mut() = axum::http::StatusCode::NOT_FOUND;
    }
    page
}

/// `GET /inbox/events`: the signed-in user's unread count, live (Server-Sent Events).
async fn inbox_events(
    axum::extract::State(state): axum::extract::State<AppState>,
    session: tower_sessions::Session,
) -> axum::response::Response {
    app::inbox::ssr::events(state, session).await
}

/// `GET /consultations/{id}/events`: a consultation's results, live (Server-Sent Events).
async fn consultation_events(
    axum::extract::State(state): axum::extract::State<AppState>,
    session: tower_sessions::Session,
    axum::extract::Path(id): axum::extract::Path<ids::ConsultationId>,
) -> axum::response::Response {
    app::consultations::ssr::events(state, session, id).await
}

/// `GET /measures/csv?scope=…&code=…&month=…&table=…`: a dashboard table as CSV.
async fn measures_csv(
    axum::extract::State(state): axum::extract::State<AppState>,
    headers: axum::http::HeaderMap,
    axum::extract::Query(query): axum::extract::Query<app::measures::ssr::CsvQuery>,
) -> axum::response::Response {
    let locale = headers
        .get(axum::http::header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .map(app::i18n::Locale::from_cookie_header)
        .unwrap_or_default();
    app::measures::ssr::csv_response(&state, locale, &query).await
}

/// Server-side sessions in Postgres: an HttpOnly, SameSite=Lax cookie that expires after the
/// configured idle time. Over HTTPS it is Secure and named `__Host-…`, so no sibling host can
/// set or shadow it.
fn session_layer(state: &AppState) -> SessionManagerLayer<PostgresStore> {
    let idle = tower_sessions::cookie::time::Duration::seconds(state.settings.session_idle_secs);
    let name = if state.settings.secure_cookies {
        "__Host-jiesu_session"
    } else {
        "jiesu_session"
    };
    SessionManagerLayer::new(PostgresStore::new(state.pool.clone()))
        .with_name(name)
        .with_path("/")
        .with_http_only(true)
        .with_same_site(tower_sessions::cookie::SameSite::Lax)
        .with_secure(state.settings.secure_cookies)
        // Saved when it changes: `session_user` marks an active session changed once a
        // minute, which pushes its idle expiry back without a write on every request.
        .with_expiry(Expiry::OnInactivity(idle))
}

/// How long a pooled connection may sit idle before it is pinged ahead of its next use.
const PING_IDLE_AFTER: std::time::Duration = std::time::Duration::from_secs(30);

/// Connects to the database, migrates it, loads demo data when configured, and returns the
/// pool. Errors: a failed connection, migration or demo load.
pub async fn prepare_database(url: &str, config: &Config) -> Result<db::PgPool, StartupError> {
    let pool = PgPoolOptions::new()
        .max_connections(config.db_max_connections)
        // A connection just back from another request is known to work: pinging it before
        // every use cost a round trip per query. One left idle a while is pinged first (the
        // database may have restarted meanwhile).
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= PING_IDLE_AFTER {
                    sqlx::Connection::ping(conn).await?;
                }
                Ok(true)
            })
        })
        .connect(url)
        .await
        .map_err(StartupError::Connect)?;
    db::MIGRATOR.run(&pool).await?;
    let loaded = if config.demo_data {
        load_demo_data(&pool).await
    } else {
        load_reference_data(&pool).await
    };
    loaded.map_err(StartupError::Demo)?;
    Ok(pool)
}

/// Loads Beijing's areas, the categories, units and routing rules into an empty database (one
/// transaction): what every Jiesu needs.
pub async fn load_reference_data(pool: &db::PgPool) -> Result<(), db::DbError> {
    let mut tx = pool.begin().await?;
    if db::demo::load_if_empty(&mut tx).await? {
        tracing::info!("reference data loaded: areas, categories, units, routing rules");
    }
    tx.commit().await.map_err(db::DbError::from)
}

/// Loads the reference data and the demo accounts (one per role, with published passwords)
/// if missing: only when asked (`JIESU_DEMO_DATA=true`), never in a real deployment.
pub async fn load_demo_data(pool: &db::PgPool) -> Result<(), db::DbError> {
    load_reference_data(pool).await?;
    let mut tx = pool.begin().await?;
    let hash = |password: &str| {
        app::ssr::hash_password_now(password)
            .map_err(|_| db::DbError::BadData("password hash".into()))
    };
    if db::demo::add_accounts(&mut tx, hash).await? {
        tracing::warn!("demo accounts added: their passwords are published; never in production");
    }
    tx.commit().await?;
    Ok(())
}

/// `server add-admin PHONE NAME`: creates an admin account in `DATABASE_URL`'s database with
/// the password given on standard input (a deployment without demo data has no account at
/// all; the first admin comes from here, the rest from the admin page).
pub async fn add_admin(config: &Config, phone: &str, name: &str) -> Result<(), StartupError> {
    let refused = |e: app::error::AppError| StartupError::AddAdmin(format!("{e}"));
    let phone = app::accounts::Phone::parse(phone).map_err(refused)?;
    let name = app::accounts::parse_display_name(name).map_err(refused)?;
    let mut password = String::new();
    std::io::stdin()
        .read_line(&mut password)
        .map_err(|e| StartupError::AddAdmin(format!("reading the password: {e}")))?;
    let password = app::accounts::new_password(
        password.trim_end_matches(['\r', '\n']),
        app::accounts::PASSWORD_LIMITS,
    )
    .map_err(refused)?;
    let hash = app::ssr::hash_password_now(&password).map_err(refused)?;
    let pool = worker::command_database(config).await?;
    let mut conn = pool
        .acquire()
        .await
        .map_err(|e| StartupError::AddAdmin(e.to_string()))?;
    let account = db::admin::StaffAccount {
        phone: phone.as_str(),
        display_name: &name,
        role: &app::accounts::Role::Admin,
        unit_id: None,
        scope_area_id: None,
        password_hash: Some(&hash),
    };
    db::admin::create_staff(&mut conn, &account)
        .await
        .map_err(|e| StartupError::AddAdmin(format!("{e} (does the number have an account?)")))?;
    println!("admin {} added", phone.as_str());
    Ok(())
}

/// Whether the demo accounts exist (every page then says so).
pub async fn demo_accounts_exist(pool: &db::PgPool) -> Result<bool, db::DbError> {
    let mut conn = pool.acquire().await?;
    db::demo::accounts_exist(&mut conn).await
}

/// Runs Jiesu until Ctrl-C or SIGTERM, then stops the private cluster if it started one.
pub async fn serve(config: Config) -> Result<(), StartupError> {
    tracing::info!(?config, "starting");
    match &config.settings.sms_gateway {
        Some(gateway) if gateway.key.is_empty() => return Err(StartupError::SmsGatewayKey),
        Some(_) => {}
        None if !config.sms_dev => return Err(StartupError::NoSmsSender),
        None => tracing::warn!(
            "text messages (with their codes) go to this log and the sms_outbox table: \
             the development sender (JIESU_SMS_DEV=true). In production set \
             JIESU_SMS_GATEWAY_URL and _KEY"
        ),
    }
    let mut own_cluster = None;
    let url = match &config.database_url {
        Some(url) => url.0.clone(),
        None => {
            let cluster = PrivateCluster::new(&config.data_dir)?;
            if cluster.start().await? {
                own_cluster = Some(cluster.clone());
            }
            if let Err(error) = cluster.create_database("jiesu").await {
                if let Some(cluster) = own_cluster {
                    let _ = cluster.stop().await;
                }
                return Err(error.into());
            }
            cluster.url("jiesu")
        }
    };
    let served = serve_on(&url, &config).await;
    if let Some(cluster) = own_cluster {
        if let Err(error) = cluster.stop().await {
            tracing::error!(%error, "stopping the private cluster failed");
        }
    }
    served
}

async fn serve_on(url: &str, config: &Config) -> Result<(), StartupError> {
    let pool = prepare_database(url, config).await?;
    let mut leptos_options = get_configuration(None)
        .map_err(|e| StartupError::Leptos(e.to_string()))?
        .leptos_options;
    // A release build made with hashed file names leaves their hashes beside the binary: use
    // them, however the server was started (cargo-leptos sets LEPTOS_HASH_FILES; a plain run
    // of the binary does not).
    if std::env::var_os("LEPTOS_HASH_FILES").is_none() {
        leptos_options.hash_files = std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.join(leptos_options.hash_file.as_ref())))
            .is_some_and(|file| file.exists());
    }
    let addr = leptos_options.site_addr;
    // Before serving (about a second after a build, nothing otherwise), so that the first
    // visitor already gets the compressed copies.
    let site_root = std::path::PathBuf::from(leptos_options.site_root.as_ref());
    let compressed = tokio::task::spawn_blocking({
        let root = site_root.clone();
        move || assets::precompress(&root)
    })
    .await;
    match compressed {
        Ok(Ok(0)) => {}
        Ok(Ok(n)) => {
            tracing::info!(files = n, root = %site_root.display(), "compressed static files")
        }
        Ok(Err(error)) => tracing::warn!(%error, root = %site_root.display(),
            "static files could not be compressed ahead of time: they go out compressed per request"),
        Err(error) => tracing::warn!(%error, "compressing static files failed"),
    }
    tokio::spawn(delete_expired_sessions(pool.clone()));
    if !config.worker_interval.is_zero() {
        tokio::spawn(worker::run(
            pool.clone(),
            config.worker_interval,
            config.settings.hot_spot_threshold,
        ));
    }
    if !config.fold_interval.is_zero() {
        tokio::spawn(worker::run_folds(pool.clone(), config.fold_interval));
    }
    let mut settings = config.settings.clone();
    settings.demo_accounts = demo_accounts_exist(&pool)
        .await
        .map_err(StartupError::Demo)?;
    let settings = std::sync::Arc::new(settings);
    let photos =
        app::requests::photos::PhotoStore::local(&config.upload_dir).map_err(|source| {
            StartupError::Uploads {
                dir: config.upload_dir.display().to_string(),
                source,
            }
        })?;
    let inbox = app::ssr::Hub::new(db::inbox::CHANNEL);
    tokio::spawn(inbox.clone().listen(pool.clone()));
    let ballots = app::consultations::live::LiveResults::new();
    tokio::spawn(ballots.clone().listen(pool.clone()));
    let caches = app::ssr::Caches::new();
    tokio::spawn(caches.clone().listen(pool.clone()));
    let state = AppState {
        leptos_options,
        pool,
        settings,
        photos,
        inbox,
        ballots,
        caches,
    };
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|source| StartupError::Bind {
            addr: addr.to_string(),
            source,
        })?;
    tracing::info!("serving http://{addr}");
    let (drain, draining) = draining::channel();
    let app = router(state)
        .layer(axum::middleware::from_fn_with_state(
            draining,
            draining::end_streams,
        ))
        .into_make_service_with_connect_info::<std::net::SocketAddr>();
    // On the signal: no new connection; the requests under way finish, the live streams end.
    let stopping = async move {
        shutdown_signal().await;
        tracing::info!("stopping: finishing the requests under way, ending the live streams");
        drain.start();
    };
    axum::serve(listener, app)
        .with_graceful_shutdown(stopping)
        .await
        .map_err(|source| StartupError::Bind {
            addr: addr.to_string(),
            source,
        })?;
    tracing::info!("stopped serving");
    Ok(())
}

/// Every hour, removes expired sessions and day-old failed sign-ins (safe with several
/// servers: each delete is idempotent).
async fn delete_expired_sessions(pool: db::PgPool) {
    let mut every_hour = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        let deleted = async {
            let mut conn = pool.acquire().await?;
            db::accounts::delete_expired_sessions(&mut conn).await?;
            db::accounts::delete_old_failures(&mut conn).await
        };
        if let Err(error) = deleted.await {
            tracing::warn!(%error, "clean-up of sessions and failed sign-ins failed");
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
