//! What every api test needs: the real router on a fresh database (with the demo data), and
//! requests sent to it with `oneshot`.
#![allow(
    dead_code,
    reason = "not every helper is used by every build of the tests"
)]

use app::error::AppError;
use app::ssr::{AppState, Settings};
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use leptos::prelude::LeptosOptions;
use sqlx::PgPool;
use tower::ServiceExt;

/// The router, with the demo data loaded into `pool` and the given settings.
pub async fn app(pool: PgPool, settings: Settings) -> Router {
    app_and_state(pool, settings).await.0
}

/// The router as `app` builds it, and the state its handlers share.
pub async fn app_and_state(pool: PgPool, settings: Settings) -> (Router, AppState) {
    server::load_demo_data(&pool).await.expect("demo data");
    router_and_state(pool, settings).await
}

/// The router on a database with the reference data only, as a server started without
/// `JIESU_DEMO_DATA` has: no account at all.
pub async fn app_without_demo_accounts(pool: PgPool, settings: Settings) -> Router {
    server::load_reference_data(&pool)
        .await
        .expect("reference data");
    router_and_state(pool, settings).await.0
}

async fn router_and_state(pool: PgPool, mut settings: Settings) -> (Router, AppState) {
    settings.demo_accounts = server::demo_accounts_exist(&pool).await.expect("demo flag");
    // The live inbox listens on this test's database, as the server's does.
    let inbox = app::ssr::Hub::new(db::inbox::CHANNEL);
    tokio::spawn(inbox.clone().listen(pool.clone()));
    let ballots = app::consultations::live::LiveResults::new();
    tokio::spawn(ballots.clone().listen(pool.clone()));
    // So do the caches: what the server keeps in memory is kept in the tests too.
    let caches = app::ssr::Caches::new();
    tokio::spawn(caches.clone().listen(pool.clone()));
    let leptos_options = LeptosOptions::builder()
        .output_name("jiesu")
        .site_root("target/site")
        .build();
    let state = AppState {
        leptos_options,
        pool,
        settings: std::sync::Arc::new(settings),
        photos: app::requests::photos::PhotoStore::local(&photo_dir()).expect("photo folder"),
        inbox,
        ballots,
        caches,
    };
    let router = server::router(state.clone())
        // Every request comes from this address (the per-client limits see it).
        .layer(axum::extract::connect_info::MockConnectInfo(CLIENT));
    (router, state)
}

/// The client address of every request sent to `app`.
pub const CLIENT: std::net::SocketAddr = std::net::SocketAddr::new(
    std::net::IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 7)),
    40000,
);

/// Status, headers and body of `request`.
pub async fn send(app: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
    let response = app.clone().oneshot(request).await.expect("response");
    let (parts, body) = response.into_parts();
    let bytes = body.collect().await.expect("body").to_bytes();
    (
        parts.status,
        parts.headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// A server-function call as the browser's client makes it: form-encoded arguments, JSON back,
/// with the session cookie when given.
pub async fn post(
    app: &Router,
    uri: &str,
    body: String,
    cookie: Option<&str>,
) -> (StatusCode, HeaderMap, String) {
    let mut request =
        Request::post(uri).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(app, request.body(Body::from(body)).expect("request")).await
}

pub fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).expect("request")
}

/// The `name=value` part of the response's Set-Cookie, or "".
pub fn session_cookie(headers: &HeaderMap) -> String {
    headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or_default()
        .to_owned()
}

/// The error a server function answered with.
pub fn error(body: &str) -> AppError {
    serde_json::from_str(body).expect("an AppError")
}

/// The code in the newest message the development sender kept for `phone`.
pub async fn sent_code(pool: &PgPool, phone: &str) -> String {
    let body: String =
        sqlx::query_scalar("select body from sms_outbox where phone = $1 order by id desc limit 1")
            .bind(phone)
            .fetch_one(pool)
            .await
            .expect("a message was sent");
    body.split(|c: char| !c.is_ascii_digit())
        .find(|run| run.len() == 6)
        .expect("a 6-digit code")
        .to_owned()
}

/// Signs in; returns the session cookie. Panics unless it worked.
pub async fn signed_in(app: &Router, phone: &str, password: &str) -> String {
    let body = format!("phone={phone}&password={password}");
    let (status, headers, body) = post(app, "/api/accounts/sign_in", body, None).await;
    assert_eq!(status, StatusCode::OK, "signing in: {body}");
    session_cookie(&headers)
}

/// Folds the measures' pending deltas and checks that every rollup equals the event log.
pub async fn folded_and_clean(pool: &PgPool) {
    server::worker::fold(pool).await.expect("fold");
    let mut conn = pool.acquire().await.expect("connection");
    let found = db::measures::check(&mut conn, 20).await.expect("check");
    assert!(found.is_clean(), "{found:#?}");
}

/// `SELECT count(*)` of the given query.
pub async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.expect(sql)
}

/// One count of the unit with `code` (every month), from the rollups.
pub async fn unit_count(pool: &PgPool, code: &str, column: &str) -> i64 {
    count(
        pool,
        &format!(
            "select coalesce(sum(m.{column}), 0)::bigint from measures m
             join units u on u.id = m.scope_id
             where m.scope = 'unit' and u.code = '{code}' and m.category_id = 0"
        ),
    )
    .await
}

/// A fresh folder for one test's photos.
pub fn photo_dir() -> std::path::PathBuf {
    let n: u64 = rand_id();
    std::env::temp_dir().join(format!("jiesu-test-photos-{n:016x}"))
}

fn rand_id() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.finish()
}

/// A `multipart/form-data` body as a browser sends it: the text `fields`, then the `files`
/// (field name, file name, content). Returns the content type and the body.
pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "----jiesu-test-boundary";
    let mut body: Vec<u8> = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    for (name, file_name, content) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; \
                 filename=\"{file_name}\"\r\nContent-Type: image/jpeg\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(content);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Posts a multipart form (text fields and files) to `uri`, with the session cookie if given.
pub async fn post_multipart(
    app: &Router,
    uri: &str,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> (StatusCode, HeaderMap, String) {
    let (content_type, body) = multipart(fields, files);
    let mut request = Request::post(uri)
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CONTENT_LENGTH, body.len()); // as browsers send it
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    send(app, request.body(Body::from(body)).expect("request")).await
}

/// A user straight in the database (the flows that create them are tested elsewhere), signed
/// in; returns the session cookie. `role` is a role's name; a resident lives in
/// 海淀区曙光街道上河村社区, a handler belongs to the unit with code `unit`.
pub async fn account(
    app: &Router,
    pool: &PgPool,
    phone: &str,
    role: &str,
    unit: Option<&str>,
) -> String {
    let password = "test-password";
    let hash = app::ssr::hash_password_now(password).expect("hash");
    sqlx::query(
        "insert into users (phone, password_hash, display_name, role, home_community_id, unit_id,
                            scope_area_id)
         select $1, $2, $3, $4,
                case when $4 = 'resident' then (select id from areas where code = '110108025014') end,
                (select id from units where code = $5),
                case when $4 = 'area_staff' then (select id from areas where code = '110108025') end",
    )
    .bind(phone)
    .bind(&hash)
    .bind(format!("测试{role}"))
    .bind(role)
    .bind(unit)
    .execute(pool)
    .await
    .expect("an account");
    signed_in(app, phone, password).await
}

/// A request as `cookie`'s user (None: signed out) may see it.
pub async fn view(
    app: &Router,
    cookie: Option<&str>,
    number: &str,
) -> app::request_page::RequestPageView {
    let (status, _, body) = post(
        app,
        "/api/requests/view",
        format!("number={number}"),
        cookie,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("a request page")
}

/// Files a public noise complaint in 上河村社区 as `resident` (a session cookie) with form key
/// `key`, past "is it one of these?"; its tracking number.
pub async fn file_noise(app: &Router, resident: &str, key: &str) -> String {
    file_of(app, resident, key, "environment.noise").await
}

/// Files a public complaint of `category` in 上河村社区 as `resident` with form key `key`,
/// past "is it one of these?"; its tracking number.
pub async fn file_of(app: &Router, resident: &str, key: &str, category: &str) -> String {
    let fields = [
        ("idempotency_key", key),
        ("community", "110108025014"),
        ("kind", "complaint"),
        ("category", category),
        ("description", "楼下饭馆每天夜里排风扇噪音很大"),
        ("public", "on"),
        ("not_duplicate", "on"),
    ];
    let (status, headers, body) =
        post_multipart(app, "/api/requests/file", Some(resident), &fields, &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let location = headers[header::LOCATION].to_str().expect("ascii");
    location
        .trim_start_matches("/requests/")
        .trim_end_matches("?filed=1")
        .to_owned()
}

/// Takes staff step `step` on request `number` with `fields` as `cookie`'s user (None: signed
/// out); the status and body. A step that went through points back to the request page.
pub async fn try_step(
    app: &Router,
    cookie: Option<&str>,
    number: &str,
    step: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut all = vec![("number", number), ("step", step)];
    all.extend_from_slice(fields);
    let (status, headers, body) =
        post_multipart(app, "/api/requests/handle", cookie, &all, &[]).await;
    if status == StatusCode::OK {
        assert_eq!(
            headers[header::LOCATION],
            format!("/requests/{number}?done={step}")
        );
    }
    (status, body)
}

/// Takes staff step `step`; it must go through.
pub async fn step(app: &Router, cookie: &str, number: &str, step: &str, fields: &[(&str, &str)]) {
    let (status, body) = try_step(app, Some(cookie), number, step, fields).await;
    assert_eq!(status, StatusCode::OK, "{step}: {body}");
}

/// Asks to reopen (重办) `number` as `cookie`'s user, saying it is still noisy; the status and
/// body.
pub async fn reopen(app: &Router, cookie: &str, number: &str) -> (StatusCode, String) {
    let (status, _, body) = post(
        app,
        "/api/requests/reopen",
        format!("number={number}&note=%E8%BF%98%E6%98%AF%E5%90%B5"),
        Some(cookie),
    )
    .await;
    (status, body)
}

/// Opens the Server-Sent Events stream at `path` (signed in with `cookie`, when given) and
/// checks that it is one; its body, to read with `next_event`.
pub async fn open_events(app: &Router, path: &str, cookie: Option<&str>) -> Body {
    let mut request = Request::get(path);
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let request = request.body(Body::empty()).expect("request");
    let response = app.clone().oneshot(request).await.expect("response");
    assert_eq!(response.status(), StatusCode::OK, "{path} streams");
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    response.into_body()
}

/// Waits until this test's database has a session listening on `channel`: a hub's listener
/// connects in the background, and an event sent before it listens is not seen. Fails after
/// 5 s.
pub async fn wait_for_listener(pool: &PgPool, channel: &str) {
    for _ in 0..100 {
        let listening: i64 = sqlx::query_scalar(
            "select count(*) from pg_stat_activity
             where datname = current_database() and query ilike 'listen%' || $1 || '%'",
        )
        .bind(channel)
        .fetch_one(pool)
        .await
        .expect("activity");
        if listening > 0 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    panic!("nothing listens on {channel} within 5 s");
}

/// The next Server-Sent Event called `name` on a response's `body` (its text), within 10 s.
pub async fn next_event(body: &mut Body, name: &str) -> String {
    let wanted = format!("event: {name}");
    loop {
        let frame = tokio::time::timeout(std::time::Duration::from_secs(10), body.frame())
            .await
            .expect("an event within 10 s")
            .expect("open")
            .expect("a frame");
        if let Ok(data) = frame.into_data() {
            let text = String::from_utf8_lossy(&data).into_owned();
            if text.contains(&wanted) {
                return text;
            }
        }
    }
}

/// `value` percent-encoded for a form body.
pub fn urlencoding(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A form body of `fields`, percent-encoded.
pub fn form_body(fields: &[(&str, &str)]) -> String {
    fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencoding(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// An area staff member of the area with `code`, signed in.
pub async fn area_staff(app: &Router, pool: &PgPool, phone: &str, code: &str) -> String {
    let cookie = account(app, pool, phone, "area_staff", None).await;
    sqlx::query(
        "update users set scope_area_id = (select id from areas where code = $2) where phone = $1",
    )
    .bind(phone)
    .bind(code)
    .execute(pool)
    .await
    .expect("scoped");
    cookie
}

/// Verifies the resident with `phone` in their home community (the verification flow has its
/// own tests).
pub async fn verify(pool: &PgPool, phone: &str) {
    sqlx::query(
        "insert into residence_verifications (resident_id, community_id, address, status, decided_at)
         select id, home_community_id, '3号楼', 'approved', now() from users where phone = $1",
    )
    .bind(phone)
    .execute(pool)
    .await
    .expect("verified");
}

/// Records a found case as `cookie`'s user with `fields` on top of a patrol case in 上河村社区;
/// the status, the body and the tracking number when it went through.
pub async fn try_record(
    app: &Router,
    cookie: &str,
    key: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, Option<String>) {
    let mut all = vec![
        ("idempotency_key", key),
        ("kind", "report"),
        ("category", "environment.noise"),
        ("description", "巡查发现3号楼东侧空调外机噪音扰民，夜间尤甚"),
        ("public", "on"),
    ];
    for (name, value) in fields {
        all.retain(|(n, _)| n != name || *name == "summon");
        all.push((name, value));
    }
    if !all.iter().any(|(n, _)| *n == "community") {
        all.push(("community", "110108025014"));
    }
    if !all.iter().any(|(n, _)| *n == "source") {
        all.push(("source", "patrol"));
    }
    let (status, headers, body) =
        post_multipart(app, "/api/requests/file", Some(cookie), &all, &[]).await;
    let number = headers.get(axum::http::header::LOCATION).map(|l| {
        l.to_str()
            .expect("ascii")
            .trim_start_matches("/requests/")
            .trim_end_matches("?filed=1")
            .to_owned()
    });
    (status, body, number)
}

pub async fn record(app: &Router, cookie: &str, key: &str, fields: &[(&str, &str)]) -> String {
    let (status, body, number) = try_record(app, cookie, key, fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    number.expect("a tracking number")
}
