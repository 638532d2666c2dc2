//! A resident's own data through the real router and database: the profile, the password,
//! "my data" and deleting the account.

use crate::common;

use app::accounts::{MyData, Profile};
use app::error::AppError;
use app::ssr::Settings;
use axum::http::{header, StatusCode};
use common::{app, count, error, get, post, send, signed_in};
use sqlx::PgPool;

const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident"); // 马大姐, 上河村社区
const OTHER_COMMUNITY: &str = "110108025016"; // 怡丽北园社区, the same street
const STREET: &str = "110108025";

async fn profile(app: &axum::Router, cookie: &str) -> Profile {
    let (status, _, body) = post(app, "/api/accounts/profile", String::new(), Some(cookie)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("a Profile")
}

async fn delete(
    app: &axum::Router,
    cookie: &str,
    password: &str,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let body = format!("password={password}");
    post(app, "/api/accounts/delete", body, Some(cookie)).await
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn signed_out_nothing_of_an_account_can_be_read_or_changed(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let calls = [
        ("/api/accounts/profile", String::new()),
        (
            "/api/accounts/update_profile",
            format!("display_name=x&community={OTHER_COMMUNITY}"),
        ),
        (
            "/api/accounts/change_password",
            "current_password=jiesu-resident&new_password=a-new-password".into(),
        ),
        ("/api/accounts/delete", "password=jiesu-resident".into()),
    ];
    for (uri, body) in calls {
        let (status, _, body) = post(&app, uri, body, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{uri}");
        assert_eq!(error(&body), AppError::Unauthorized, "{uri}");
    }
    let (status, _, _) = send(&app, get("/api/accounts/my_data")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let unchanged = count(
        &pool,
        "select count(*) from users where display_name = '马大姐' and phone = '13800000001'",
    )
    .await;
    assert_eq!(unchanged, 1);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_resident_changes_name_and_community(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let before = profile(&app, &cookie).await;
    assert_eq!(before.phone_masked, "138****0001");
    let home: Vec<&str> = before.home.iter().map(|a| a.name_zh.as_str()).collect();
    assert_eq!(home, ["上河村社区", "曙光街道", "海淀区"]);

    let body = format!("display_name=%E9%A9%AC%E5%A5%B6%E5%A5%B6&community={OTHER_COMMUNITY}");
    let (status, headers, body) =
        post(&app, "/api/accounts/update_profile", body, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers[header::LOCATION], "/account?saved=profile");
    let after = profile(&app, &cookie).await;
    assert_eq!(after.display_name, "马奶奶");
    assert_eq!(
        after.home.first().map(|a| a.code.as_str()),
        Some(OTHER_COMMUNITY)
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_bad_profile_change_is_refused_and_nothing_changes(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let cases = [
        (
            format!("display_name=&community={OTHER_COMMUNITY}"),
            AppError::from(app::accounts::AccountRefusal::DisplayNameRequired),
        ),
        (
            format!("display_name=x&community={STREET}"),
            AppError::from(app::requests::RequestRefusal::CommunityNotACommunity),
        ),
        (
            "display_name=x&community=999999999999".into(),
            AppError::from(app::requests::RequestRefusal::CommunityNotACommunity),
        ),
    ];
    for (body, expected) in cases {
        let (status, _, answer) = post(
            &app,
            "/api/accounts/update_profile",
            body.clone(),
            Some(&cookie),
        )
        .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(error(&answer), expected, "{body}");
    }
    let unchanged = profile(&app, &cookie).await;
    assert_eq!(unchanged.display_name, "马大姐");
    assert_eq!(
        unchanged.home.first().map(|a| a.code.as_str()),
        Some("110108025014")
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_new_password_keeps_this_session_and_ends_the_others(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let here = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let elsewhere = signed_in(&app, RESIDENT.0, RESIDENT.1).await;

    let body = "current_password=wrong-one&new_password=a-new-password".to_owned();
    let (status, _, answer) = post(&app, "/api/accounts/change_password", body, Some(&here)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&answer),
        AppError::from(app::accounts::AccountRefusal::CurrentPasswordWrong)
    );
    let body = "current_password=jiesu-resident&new_password=short".to_owned();
    let (_, _, answer) = post(&app, "/api/accounts/change_password", body, Some(&here)).await;
    assert_eq!(
        error(&answer),
        AppError::from(app::accounts::AccountRefusal::NewPasswordTooShort)
    );

    let body = "current_password=jiesu-resident&new_password=a-new-password".to_owned();
    let (status, headers, answer) =
        post(&app, "/api/accounts/change_password", body, Some(&here)).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(headers[header::LOCATION], "/account?saved=password");
    let here = common::session_cookie(&headers); // the session id changed with the password

    let (_, _, me) = post(&app, "/api/accounts/me", String::new(), Some(&here)).await;
    assert!(me.contains("马大姐"), "this session stays signed in: {me}");
    let (_, _, me) = post(&app, "/api/accounts/me", String::new(), Some(&elsewhere)).await;
    assert_eq!(me, "null", "the other session ended");
    signed_in(&app, RESIDENT.0, "a-new-password").await;
    let (status, _, _) = post(
        &app,
        "/api/accounts/sign_in",
        "phone=13800000001&password=jiesu-resident".into(),
        None,
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the old password is gone"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn guessing_the_current_password_is_throttled_like_signing_in(pool: PgPool) {
    let settings = Settings {
        sign_in_max_failures: 2,
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    for _ in 0..2 {
        let body = "current_password=guess&new_password=a-new-password".to_owned();
        let (status, _, answer) =
            post(&app, "/api/accounts/change_password", body, Some(&cookie)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            error(&answer),
            AppError::from(app::accounts::AccountRefusal::CurrentPasswordWrong)
        );
    }
    let body = "current_password=jiesu-resident&new_password=a-new-password".to_owned();
    let (status, _, answer) =
        post(&app, "/api/accounts/change_password", body, Some(&cookie)).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(error(&answer), AppError::RateLimited);
    let (status, _, _) = delete(&app, &cookie, "guess").await;
    assert_eq!(
        status,
        StatusCode::TOO_MANY_REQUESTS,
        "deleting is throttled too"
    );
    assert_eq!(
        count(
            &pool,
            "select count(*) from users where phone = '13800000001'"
        )
        .await,
        1
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn my_data_downloads_as_a_json_file_of_my_own_account(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let request = axum::http::Request::get("/api/accounts/my_data")
        .header(header::COOKIE, &cookie)
        .body(axum::body::Body::empty())
        .expect("request");
    let (status, headers, body) = send(&app, request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let disposition = headers[header::CONTENT_DISPOSITION]
        .to_str()
        .expect("ascii");
    assert!(disposition.starts_with("attachment"), "{disposition}");
    let data: MyData = serde_json::from_str(&body).expect("MyData");
    assert_eq!(data.account.phone, "13800000001");
    assert_eq!(data.account.display_name, "马大姐");
    assert_eq!(
        data.account.home_community.as_deref(),
        Some("海淀区 曙光街道 上河村社区")
    );
    assert!(data.exported_at.ends_with("+08:00"), "{}", data.exported_at);
    assert!(data.requests.is_empty() && data.seconded.is_empty());
    assert!(
        !body.contains("argon2"),
        "no password hash leaves the server"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn deleting_the_account_ends_sign_in_and_erases_name_and_number(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let (_, _, answer) = delete(&app, &cookie, "wrong").await;
    assert_eq!(
        error(&answer),
        AppError::from(app::accounts::AccountRefusal::PasswordMismatch)
    );
    let (_, _, answer) = delete(&app, &cookie, "").await;
    assert_eq!(
        error(&answer),
        AppError::from(app::accounts::AccountRefusal::PasswordRequired)
    );
    assert_eq!(
        count(
            &pool,
            "select count(*) from users where phone = '13800000001'"
        )
        .await,
        1
    );

    let (status, headers, answer) = delete(&app, &cookie, "jiesu-resident").await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(headers[header::LOCATION], "/account/deleted");
    let (_, _, me) = post(&app, "/api/accounts/me", String::new(), Some(&cookie)).await;
    assert_eq!(me, "null");
    let (status, _, _) = post(
        &app,
        "/api/accounts/sign_in",
        "phone=13800000001&password=jiesu-resident".into(),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "sign-in is gone");
    let named = count(
        &pool,
        "select count(*) from users where phone = '13800000001' or display_name = '马大姐'",
    )
    .await;
    assert_eq!(named, 0, "name and number are erased");
    let kept = count(
        &pool,
        "select count(*) from users where deleted_at is not null",
    )
    .await;
    assert_eq!(kept, 1, "the row stays for the requests it filed");
    // Nobody else was touched: the dispatcher still signs in.
    signed_in(&app, "13800000002", "jiesu-dispatcher").await;
}
