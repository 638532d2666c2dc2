//! What a city portal on the open internet must withstand: forged cross-site requests, pages
//! without the browser's protections, cookies that scripts or sibling hosts can reach.

use crate::common;

use app::error::AppError;
use app::ssr::Settings;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use common::{app, count, send};
use sqlx::PgPool;

/// A form post to a server function with the given extra headers.
async fn post_with(
    app: &Router,
    uri: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> (StatusCode, HeaderMap, String) {
    let mut request = Request::post(uri)
        .header(header::HOST, "jiesu.example")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    send(
        app,
        request.body(Body::from(body.to_owned())).expect("request"),
    )
    .await
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn cross_origin_writes_are_refused_before_they_write_anything(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let wrong_password = "phone=13800000001&password=guessing-wrong";
    let register =
        "phone=13912345678&password=a-long-password&display_name=%E5%BC%A0&community=110108025014";
    let forged: [&[(&str, &str)]; 5] = [
        &[("origin", "https://evil.example")],
        &[
            ("origin", "https://evil.example"),
            ("sec-fetch-site", "cross-site"),
        ],
        // A sibling host of the same site is another origin.
        &[
            ("origin", "https://blog.jiesu.example"),
            ("sec-fetch-site", "same-site"),
        ],
        &[("sec-fetch-site", "same-site")],
        &[("origin", "null")],
    ];
    for headers in forged {
        for (uri, body) in [
            ("/api/accounts/sign_in", wrong_password),
            ("/api/accounts/register", register),
            ("/api/accounts/reset_request", "phone=13800000001"),
        ] {
            let (status, _, answer) = post_with(&app, uri, body, headers).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{uri} {headers:?}: {answer}");
        }
    }
    assert_eq!(
        count(&pool, "select count(*) from sign_in_failures").await,
        0
    );
    assert_eq!(count(&pool, "select count(*) from phone_codes").await, 0);
    assert_eq!(count(&pool, "select count(*) from sms_outbox").await, 0);

    // The same posts from this site's own pages go through (a wrong password is counted).
    for headers in [
        &[
            ("origin", "https://jiesu.example"),
            ("sec-fetch-site", "same-origin"),
        ][..],
        &[("origin", "https://jiesu.example")][..],
    ] {
        let (status, _, _) =
            post_with(&app, "/api/accounts/sign_in", wrong_password, headers).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    assert_eq!(
        count(&pool, "select count(*) from sign_in_failures").await,
        2
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_signed_in_residents_session_cannot_be_ridden_from_another_site(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = common::signed_in(&app, "13800000001", "jiesu-resident").await;
    let before = count(&pool, "select count(*) from requests").await;
    let fields = [
        ("idempotency_key", "5e1f0000-0000-4000-8000-000000000001"),
        ("community", "110108025014"),
        ("kind", "complaint"),
        ("category", "environment.noise"),
        ("description", "伪造的诉求"),
        ("public", "on"),
        ("not_duplicate", "on"),
    ];
    let (content_type, body) = common::multipart(&fields, &[]);
    let request = Request::post("/api/requests/file")
        .header(header::CONTENT_TYPE, content_type)
        .header(header::COOKIE, &cookie)
        .header("origin", "https://evil.example")
        .header("sec-fetch-site", "cross-site")
        .body(Body::from(body))
        .expect("request");
    let (status, _, _) = send(&app, request).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(count(&pool, "select count(*) from requests").await, before);
    // Signing out is a write too: a forged one leaves the session alone.
    let (status, _, _) = post_with(
        &app,
        "/api/accounts/sign_out",
        "",
        &[("cookie", &cookie), ("origin", "https://evil.example")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, _, me) = common::post(&app, "/api/accounts/me", String::new(), Some(&cookie)).await;
    assert_ne!(me, "null", "still signed in");
}

fn header_text<'a>(headers: &'a HeaderMap, name: &str) -> &'a str {
    headers
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing"))
        .to_str()
        .expect("ascii")
}

/// The headers every response must carry.
fn assert_protected(what: &str, headers: &HeaderMap) {
    assert_eq!(
        header_text(headers, "x-content-type-options"),
        "nosniff",
        "{what}"
    );
    assert!(
        header_text(headers, "referrer-policy").contains("origin"),
        "{what}"
    );
    assert!(
        header_text(headers, "permissions-policy").contains("geolocation=(self)"),
        "{what}"
    );
    let csp = header_text(headers, "content-security-policy");
    assert!(csp.contains("frame-ancestors 'none'"), "{what}: {csp}");
    assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
    assert!(!csp.contains("'unsafe-eval'"), "{what}: {csp}");
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn every_response_carries_the_security_headers(pool: PgPool) {
    let app = app(pool, Settings::default()).await;
    for uri in [
        "/",
        "/requests",
        "/no-such-page",
        "/healthz",
        "/measures/csv?scope=city&table=streets",
        "/photos/999999",
        "/lang/en?back=/",
    ] {
        let (_, headers, _) = send(&app, common::get(uri)).await;
        assert_protected(uri, &headers);
        assert!(
            headers.get("strict-transport-security").is_none(),
            "not over HTTP"
        );
    }
    let (_, headers, _) = common::post(&app, "/api/accounts/me", String::new(), None).await;
    assert_protected("a server function", &headers);

    // A page's scripts run only with this response's nonce: the hydration script carries it.
    let (_, headers, page) = send(&app, common::get("/")).await;
    let csp = header_text(&headers, "content-security-policy");
    let nonce = csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the page's CSP");
    assert!(nonce.len() >= 16, "{nonce}");
    assert!(csp.contains("script-src 'self' 'nonce-"), "{csp}");
    assert!(page.contains(&format!("<script type=\"module\" nonce=\"{nonce}\"")));
    let (_, again, _) = send(&app, common::get("/")).await;
    assert_ne!(
        header_text(&again, "content-security-policy"),
        csp,
        "a new nonce for every page"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn over_https_cookies_are_secure_host_only_and_hsts_is_sent(pool: PgPool) {
    let settings = Settings {
        secure_cookies: true,
        ..Settings::default()
    };
    let app = app(pool, settings).await;
    let (_, headers, _) = send(&app, common::get("/")).await;
    assert!(header_text(&headers, "strict-transport-security").contains("max-age="));
    let (status, headers, body) = common::post(
        &app,
        "/api/accounts/sign_in",
        "phone=13800000001&password=jiesu-resident".into(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let cookie = header_text(&headers, "set-cookie");
    assert!(cookie.starts_with("__Host-jiesu_session="), "{cookie}");
    for attribute in ["Secure", "HttpOnly", "Path=/", "SameSite=Lax"] {
        assert!(cookie.contains(attribute), "{attribute}: {cookie}");
    }
    assert!(!cookie.contains("Domain"), "{cookie}");
    let (_, headers, _) = send(&app, common::get("/lang/en?back=/")).await;
    let lang = header_text(&headers, "set-cookie");
    assert!(
        lang.contains("HttpOnly") && lang.contains("Secure"),
        "{lang}"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_language_cookie_is_out_of_scripts_reach(pool: PgPool) {
    let app = app(pool, Settings::default()).await;
    let (status, headers, _) = send(&app, common::get("/lang/en?back=/areas")).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let lang = header_text(&headers, "set-cookie");
    assert!(
        lang.starts_with("jiesu_lang=en;") && lang.contains("HttpOnly"),
        "{lang}"
    );
}

/// An admin change (a multipart form, as the admin page posts it); its status and body.
async fn admin_change(app: &Router, admin: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let (status, _, body) =
        common::post_multipart(app, "/api/admin/change", Some(admin), fields, &[]).await;
    (status, body)
}

async fn me(app: &Router, cookie: &str) -> String {
    common::post(app, "/api/accounts/me", String::new(), Some(cookie))
        .await
        .2
}

/// The newest text the development sender kept for `phone`.
async fn last_text(pool: &PgPool, phone: &str) -> String {
    sqlx::query_scalar("select body from sms_outbox where phone = $1 order by id desc limit 1")
        .bind(phone)
        .fetch_one(pool)
        .await
        .expect("a text was sent")
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn an_admin_takes_an_account_away_and_the_log_keeps_it(pool: PgPool) {
    let settings = Settings {
        live_session_check_secs: 1,
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    let admin = common::signed_in(&app, "13800000005", "jiesu-admin").await;
    let resident = common::signed_in(&app, "13800000001", "jiesu-resident").await;
    let handler = common::signed_in(&app, "13800000003", "jiesu-handler").await;
    let mut stream = common::open_events(&app, "/inbox/events", Some(&handler)).await;
    common::next_event(&mut stream, "unread").await;

    // Not without a reason, not one's own, not a number nobody has.
    let refusals = [
        (
            &[
                ("change", "disable"),
                ("phone", "13800000001"),
                ("reason", " "),
            ][..],
            AppError::from(app::admin::AdminRefusal::ReasonRequired),
        ),
        (
            &[
                ("change", "disable"),
                ("phone", "13800000005"),
                ("reason", "x"),
            ][..],
            AppError::from(app::admin::AdminRefusal::PhoneOwn),
        ),
        (
            &[
                ("change", "disable"),
                ("phone", "13912345678"),
                ("reason", "x"),
            ][..],
            AppError::from(app::admin::AdminRefusal::PhoneUnknown),
        ),
    ];
    for (fields, refusal) in refusals {
        let (status, body) = admin_change(&app, &admin, fields).await;
        assert_eq!(
            (status, common::error(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, refusal)
        );
    }
    let (status, body) = admin_change(
        &app,
        &resident,
        &[
            ("change", "disable"),
            ("phone", "13800000003"),
            ("reason", "x"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");

    for (phone, reason) in [("13800000001", "冒用他人身份"), ("13800000003", "已调离")] {
        let (status, body) = admin_change(
            &app,
            &admin,
            &[("change", "disable"), ("phone", phone), ("reason", reason)],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    // Their sessions are over at once, their live stream within a check.
    assert_eq!(me(&app, &resident).await, "null");
    assert_eq!(me(&app, &handler).await, "null");
    let ended = tokio::time::timeout(std::time::Duration::from_secs(10), async {
        use http_body_util::BodyExt;
        loop {
            match stream.frame().await {
                None | Some(Err(_)) => return,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert!(ended.is_ok(), "the live stream closed");
    // The right password says the account is disabled; a reset sends no code.
    let (status, _, body) = common::post(
        &app,
        "/api/accounts/sign_in",
        "phone=13800000001&password=jiesu-resident".into(),
        None,
    )
    .await;
    assert_eq!(
        (status, common::error(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::from(app::accounts::AccountRefusal::PasswordDisabled)
        )
    );
    let (status, _, _) = common::post(
        &app,
        "/api/accounts/reset_request",
        "phone=13800000001".into(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "the same answer as for any number");
    let text = last_text(&pool, "13800000001").await;
    assert_eq!(
        text,
        app::accounts::AccountTexts::of(app::i18n::Locale::ZhCn).sms_account_disabled
    );

    // Given back, the account signs in again.
    let (status, body) = admin_change(
        &app,
        &admin,
        &[("change", "enable"), ("phone", "13800000001")],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let resident = common::signed_in(&app, "13800000001", "jiesu-resident").await;

    // The log keeps every change, newest first, and the page lists who is disabled and why.
    let (_, _, body) = common::post(&app, "/api/admin/overview", String::new(), Some(&admin)).await;
    let overview: app::admin::Overview = serde_json::from_str(&body).expect("overview");
    let actions: Vec<(&str, &str, &str)> = overview
        .audit
        .iter()
        .map(|a| (a.action.as_str(), a.subject.as_str(), a.detail.as_str()))
        .collect();
    assert_eq!(
        actions,
        [
            ("enable", "13800000001", ""),
            ("disable", "13800000003", "已调离"),
            ("disable", "13800000001", "冒用他人身份"),
        ]
    );
    assert!(overview
        .audit
        .iter()
        .all(|a| a.admin.contains("13800000005")));
    let disabled: Vec<(&str, &str)> = overview
        .disabled
        .iter()
        .map(|d| (d.phone.as_str(), d.reason.as_str()))
        .collect();
    assert_eq!(disabled, [("13800000003", "已调离")]);
    // A refused change leaves no trace; the log is for admins only.
    assert_eq!(count(&pool, "select count(*) from admin_audit").await, 3);
    let (status, _, _) =
        common::post(&app, "/api/admin/overview", String::new(), Some(&resident)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn staff_passwords_are_never_reset_by_text(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let (status, _, _) = common::post(
        &app,
        "/api/accounts/reset_request",
        "phone=13800000002".into(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "the same answer as for any number");
    let text = last_text(&pool, "13800000002").await;
    assert_eq!(
        text,
        app::accounts::AccountTexts::of(app::i18n::Locale::ZhCn).sms_staff_reset
    );
    assert!(
        !text.chars().any(|c| c.is_ascii_digit()),
        "no code in it: {text}"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn registering_a_taken_number_looks_like_any_other_and_tells_its_owner(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let register = |phone: &str| {
        format!(
            "phone={phone}&password=a-long-password&display_name=%E5%BC%A0&community=110108025014"
        )
    };
    let (taken_status, taken_headers, _) = common::post(
        &app,
        "/api/accounts/register",
        register("13800000001"),
        None,
    )
    .await;
    let (fresh_status, fresh_headers, _) = common::post(
        &app,
        "/api/accounts/register",
        register("13912345678"),
        None,
    )
    .await;
    assert_eq!(
        (taken_status, fresh_status),
        (StatusCode::OK, StatusCode::OK)
    );
    let next = |h: &HeaderMap| {
        h[header::LOCATION]
            .to_str()
            .expect("ascii")
            .replace(|c: char| c.is_ascii_digit(), "#")
    };
    assert_eq!(next(&taken_headers), next(&fresh_headers));
    let owner = last_text(&pool, "13800000001").await;
    assert_eq!(
        owner,
        app::accounts::AccountTexts::of(app::i18n::Locale::ZhCn).sms_already_registered
    );
    assert!(last_text(&pool, "13912345678").await.contains("验证码"));
}

/// A sign-in as if from `client` (the test router's peer is a trusted proxy that says so).
async fn sign_in_from(app: &Router, client: &str, phone: &str, password: &str) -> StatusCode {
    let body = format!("phone={phone}&password={password}");
    post_with(
        app,
        "/api/accounts/sign_in",
        &body,
        &[("x-forwarded-for", client)],
    )
    .await
    .0
}

fn behind_a_proxy(settings: Settings) -> Settings {
    Settings {
        // The address every test request comes from (`common::CLIENT`).
        trusted_proxies: vec!["10.0.0.7/32".parse().expect("a network")],
        ..settings
    }
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn guessing_from_elsewhere_slows_a_number_down_but_never_locks_its_owner_out(pool: PgPool) {
    let app = app(pool.clone(), behind_a_proxy(Settings::default())).await;
    let (owner, guesser) = ("198.51.100.2", "203.0.113.9");
    for _ in 0..5 {
        let status = sign_in_from(&app, guesser, "13800000003", "wrong-guess").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }
    // The guesser is refused from now on...
    let status = sign_in_from(&app, guesser, "13800000003", "jiesu-handler").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // ...and the number takes one try at a time: right now, the owner waits a moment too.
    let status = sign_in_from(&app, owner, "13800000003", "jiesu-handler").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    sqlx::query("update sign_in_failures set created_at = created_at - interval '2 seconds'")
        .execute(&pool)
        .await
        .expect("a moment later");
    let status = sign_in_from(&app, owner, "13800000003", "jiesu-handler").await;
    assert_eq!(status, StatusCode::OK, "the owner is not locked out");
    // Another IPv6 address in the guesser's /64 is the same guesser.
    let v6 = Settings {
        sign_in_max_failures_per_client: 2,
        ..behind_a_proxy(Settings::default())
    };
    let app = common::app(pool.clone(), v6).await;
    for (client, phone) in [
        ("2001:db8:1:2::1", "13900000001"),
        ("2001:db8:1:2:ffff::9", "13900000002"),
    ] {
        assert_eq!(
            sign_in_from(&app, client, phone, "wrong-guess").await,
            StatusCode::UNPROCESSABLE_ENTITY
        );
    }
    assert_eq!(
        sign_in_from(&app, "2001:db8:1:2:abcd::1", "13900000003", "wrong-guess").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        sign_in_from(&app, "2001:db8:1:3::1", "13900000003", "wrong-guess").await,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the next /64 is someone else"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn forwarded_addresses_count_only_from_a_trusted_proxy(pool: PgPool) {
    let settings = Settings {
        codes_per_client_per_hour: 2,
        ..Settings::default()
    };
    // Not behind a trusted proxy: a made-up X-Forwarded-For changes nothing.
    let app = app(pool.clone(), settings.clone()).await;
    let mut statuses = Vec::new();
    for (n, client) in ["192.0.2.1", "192.0.2.2", "192.0.2.3"].iter().enumerate() {
        let body = format!("phone=1391000000{n}");
        statuses.push(
            post_with(
                &app,
                "/api/accounts/reset_request",
                &body,
                &[("x-forwarded-for", client)],
            )
            .await
            .0,
        );
    }
    assert_eq!(
        statuses,
        [
            StatusCode::OK,
            StatusCode::OK,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    // Behind one, each client is counted on its own.
    sqlx::query("delete from phone_codes")
        .execute(&pool)
        .await
        .expect("a new hour");
    let app = common::app(pool.clone(), behind_a_proxy(settings)).await;
    for (n, client) in ["192.0.2.1", "192.0.2.2", "192.0.2.3"].iter().enumerate() {
        let body = format!("phone=1392000000{n}");
        let (status, _, _) = post_with(
            &app,
            "/api/accounts/reset_request",
            &body,
            &[("x-forwarded-for", client)],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{client}");
    }
    let kept: Vec<Option<String>> =
        sqlx::query_scalar("select client_addr from phone_codes order by id")
            .fetch_all(&pool)
            .await
            .expect("codes");
    assert_eq!(
        kept,
        [
            Some("192.0.2.1".into()),
            Some("192.0.2.2".into()),
            Some("192.0.2.3".into())
        ]
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_hours_budget_of_texts_holds_and_says_so(pool: PgPool) {
    let settings = Settings {
        texts_per_hour: 3,
        ..behind_a_proxy(Settings::default())
    };
    let app = app(pool.clone(), settings).await;
    for n in 0..3 {
        let (status, _, _) = post_with(
            &app,
            "/api/accounts/reset_request",
            &format!("phone=1393000000{n}"),
            &[("x-forwarded-for", &format!("192.0.2.{n}"))],
        )
        .await;
        assert_eq!(status, StatusCode::OK);
    }
    let register =
        "phone=13930000009&password=a-long-password&display_name=%E5%BC%A0&community=110108025014";
    for (uri, body) in [
        ("/api/accounts/reset_request", "phone=13930000008"),
        ("/api/accounts/register", register),
    ] {
        let (status, _, answer) =
            post_with(&app, uri, body, &[("x-forwarded-for", "192.0.2.200")]).await;
        assert_eq!(
            (status, common::error(&answer)),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                AppError::from(app::accounts::AccountRefusal::PhoneTextsSpent)
            ),
            "{uri}"
        );
    }
    assert_eq!(count(&pool, "select count(*) from sms_outbox").await, 3);
    // And the page says it in words.
    use app::error::Refusal;
    let (zh, _) = app::accounts::AccountRefusal::PhoneTextsSpent.words();
    assert!(zh.contains("上限"));
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_burst_for_one_number_sends_at_most_its_limit(pool: PgPool) {
    let settings = Settings {
        codes_per_phone_per_hour: 5,
        ..behind_a_proxy(Settings::default())
    };
    let app = app(pool.clone(), settings).await;
    let burst = (0..50).map(|n| {
        let app = app.clone();
        async move {
            post_with(
                &app,
                "/api/accounts/reset_request",
                "phone=13940000001",
                &[("x-forwarded-for", &format!("192.0.2.{n}"))],
            )
            .await
            .0
        }
    });
    let statuses = futures::future::join_all(burst).await;
    let sent = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(sent, 5, "{statuses:?}");
    assert!(statuses
        .iter()
        .all(|s| *s == StatusCode::OK || *s == StatusCode::TOO_MANY_REQUESTS));
    assert_eq!(count(&pool, "select count(*) from phone_codes").await, 5);
    assert_eq!(count(&pool, "select count(*) from sms_outbox").await, 5);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn sign_in_tries_sent_at_once_are_all_counted(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let burst = (0..20).map(|_| {
        let app = app.clone();
        async move {
            common::post(
                &app,
                "/api/accounts/sign_in",
                "phone=13800000001&password=guessing-wrong".into(),
                None,
            )
            .await
            .0
        }
    });
    let statuses = futures::future::join_all(burst).await;
    let checked = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    assert_eq!(checked, 5, "only the first five were checked: {statuses:?}");
    assert_eq!(
        count(&pool, "select count(*) from sign_in_failures").await,
        5
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_staff_session_ends_sooner_than_a_residents(pool: PgPool) {
    let settings = Settings {
        staff_session_lifetime_secs: 1,
        ..Settings::default()
    };
    let app = app(pool, settings).await;
    let staff = common::signed_in(&app, "13800000002", "jiesu-dispatcher").await;
    let resident = common::signed_in(&app, "13800000001", "jiesu-resident").await;
    assert_ne!(me(&app, &staff).await, "null");
    tokio::time::sleep(std::time::Duration::from_millis(2100)).await;
    assert_eq!(me(&app, &staff).await, "null", "past the staff lifetime");
    assert_ne!(
        me(&app, &resident).await,
        "null",
        "a resident's lasts longer"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn demo_data_shows_on_every_page(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    for uri in ["/", "/requests", "/sign-in", "/no-such-page"] {
        let (_, _, page) = send(&app, common::get(uri)).await;
        assert!(page.contains("演示数据"), "{uri}");
    }
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn without_being_asked_there_is_no_demo_account_and_no_banner(pool: PgPool) {
    let config = server::config::Config::from_vars(|_| None);
    assert!(!config.demo_data, "not even for the private cluster");
    let app = common::app_without_demo_accounts(pool.clone(), Settings::default()).await;
    assert_eq!(count(&pool, "select count(*) from users").await, 0);
    assert!(count(&pool, "select count(*) from areas").await > 7000);
    let (status, _, page) = send(&app, common::get("/")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!page.contains("演示数据"));
    let (status, _, _) = common::post(
        &app,
        "/api/accounts/sign_in",
        "phone=13800000005&password=jiesu-admin".into(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "no demo admin");
}

#[tokio::test]
async fn a_server_without_a_way_to_send_texts_refuses_to_start() {
    let config = server::config::Config::from_vars(|_| None);
    let started = server::serve(config).await;
    assert!(
        matches!(started, Err(server::StartupError::NoSmsSender)),
        "{started:?}"
    );
}
