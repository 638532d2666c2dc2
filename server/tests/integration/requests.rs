//! Filing and following requests through the real router and database.

use crate::common;

use app::error::AppError;
use app::requests::{MinePage, Status};
use app::ssr::Settings;
use axum::body::Body;
use axum::http::{header, HeaderMap, Request, StatusCode};
use axum::Router;
use common::{account, app, count, error, post, post_multipart, send, signed_in, view};
use sqlx::PgPool;

const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");
const COMMUNITY: &str = "110108025014"; // 海淀区曙光街道上河村社区
const KEY: &str = "0f8fad5b-d9cb-469f-a165-70867728950e";

/// The filing form's fields, as the page sends them.
fn form(overrides: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = [
        ("idempotency_key", KEY),
        ("community", COMMUNITY),
        ("kind", "complaint"),
        ("category", "environment.noise"),
        ("address", "上河村小区3号楼"),
        (
            "description",
            "楼下饭馆每天夜里排风扇噪音很大，请打13812341234联系我",
        ),
        ("public", "on"),
        // Tests file several alike; "is it one of these?" has its own test.
        ("not_duplicate", "on"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    for (k, v) in overrides {
        fields.retain(|(name, _)| name != k);
        if !v.is_empty() {
            fields.push((k.to_string(), v.to_string()));
        }
    }
    fields
}

/// Posts the filing form as multipart/form-data, as a browser does.
async fn file(
    app: &Router,
    cookie: Option<&str>,
    fields: &[(String, String)],
) -> (StatusCode, HeaderMap, String) {
    file_with_photos(app, cookie, fields, &[]).await
}

/// The same with photos: (file name, content) each.
async fn file_with_photos(
    app: &Router,
    cookie: Option<&str>,
    fields: &[(String, String)],
    photos: &[(&str, Vec<u8>)],
) -> (StatusCode, HeaderMap, String) {
    let fields: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let files: Vec<(&str, &str, &[u8])> = photos
        .iter()
        .map(|(name, content)| ("photos", *name, content.as_slice()))
        .collect();
    post_multipart(app, "/api/requests/file", cookie, &fields, &files).await
}

/// Photos to upload: (file name, content) each.
type Uploads<'a> = Vec<(&'a str, Vec<u8>)>;

/// A small JPEG carrying an Exif segment with a GPS position in it.
fn photo_with_exif() -> Vec<u8> {
    let mut plain = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        64,
        48,
        image::Rgb([90, 120, 200]),
    ))
    .write_to(
        &mut std::io::Cursor::new(&mut plain),
        image::ImageFormat::Jpeg,
    )
    .expect("jpeg");
    let exif = b"Exif\x00\x00MM\x00\x2a GPS 39.96N 116.28E";
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&u16::try_from(exif.len() + 2).expect("short").to_be_bytes());
    out.extend_from_slice(exif);
    out.extend_from_slice(&plain[2..]);
    out
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// The tracking number in a filing's Location (`/requests/{number}?filed=1`).
fn filed_number(headers: &HeaderMap) -> String {
    let location = headers[header::LOCATION].to_str().expect("ascii");
    location
        .trim_start_matches("/requests/")
        .trim_end_matches("?filed=1")
        .to_owned()
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_resident_files_a_request_and_follows_it(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let (status, headers, body) = file(&app, Some(&cookie), &form(&[])).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let number = filed_number(&headers);
    let (day, n) = number.split_once('-').expect("day-number");
    assert_eq!((day.len(), n.len()), (8, 6), "{number}");

    let mine = view(&app, Some(&cookie), &number).await;
    assert!(mine.is_mine && mine.can_withdraw && mine.can_add_info);
    assert_eq!(mine.status, Status::Submitted);
    let detail = mine
        .request
        .detail
        .clone()
        .expect("the resident sees everything");
    assert!(
        detail.description.contains("13812341234"),
        "their own words, unmasked"
    );
    assert_eq!(detail.resident_name.as_deref(), Some("马大姐"));
    assert_eq!(detail.events.len(), 1);
    assert_eq!(detail.events[0].kind, "filed");
    let hours = |at: i64| (at - mine.created_at) / 3600;
    assert_eq!(
        (hours(detail.respond_by), hours(detail.resolve_by)),
        (24, 168),
        "noise: respond within a day, resolve within a week (categories.tsv)"
    );

    let public = view(&app, None, &number).await;
    assert!(!public.is_mine && !public.can_withdraw);
    let detail = public
        .request
        .detail
        .expect("a public request shows its public part");
    assert!(
        detail.description.contains("138****1234"),
        "{}",
        detail.description
    );
    assert!(!detail.description.contains("13812341234"));
    assert_eq!(
        detail.resident_name, None,
        "no name unless the resident opted in"
    );

    let proposed: (Option<String>, Option<i64>) = sqlx::query_as(
        "select u.code, r.routing_rule_id from requests r left join units u on u.id = r.proposed_unit_id",
    )
    .fetch_one(&pool)
    .await
    .expect("proposal");
    assert_eq!(
        proposed,
        (Some("street:110108025".into()), None),
        "the street office by default"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_same_form_submitted_twice_files_once(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    // Without "none of these": the second post must not offer the first as "one of these".
    let plain = form(&[("not_duplicate", "")]);
    let first = file(&app, Some(&cookie), &plain).await;
    let second = file(&app, Some(&cookie), &plain).await;
    assert_eq!(
        (first.0, second.0),
        (StatusCode::OK, StatusCode::OK),
        "{}",
        second.2
    );
    assert_eq!(filed_number(&first.1), filed_number(&second.1));
    assert_eq!(count(&pool, "select count(*) from requests").await, 1);
    assert_eq!(count(&pool, "select count(*) from request_events").await, 1);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn bad_filings_are_refused_and_nothing_is_stored(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let long = "吵".repeat(2001);
    let cases: Vec<(Vec<(&str, &str)>, AppError)> = vec![
        (
            vec![("description", "太吵了请管管")],
            AppError::from(app::requests::RequestRefusal::DescriptionTooShort),
        ),
        (
            vec![("description", long.as_str())],
            AppError::from(app::requests::RequestRefusal::DescriptionTooLong),
        ),
        (
            vec![("category", "no.such")],
            AppError::from(app::requests::RequestRefusal::CategoryUnknown),
        ),
        (
            vec![("category", "environment")],
            AppError::from(app::requests::RequestRefusal::CategoryNotALeaf),
        ),
        (
            vec![("community", "110108025")],
            AppError::from(app::requests::RequestRefusal::CommunityNotACommunity),
        ),
        (
            vec![("kind", "rant")],
            AppError::from(app::requests::RequestRefusal::KindRequired),
        ),
        (
            vec![("idempotency_key", "")],
            AppError::from(app::requests::RequestRefusal::IdempotencyKeyMissing),
        ),
        (
            vec![("latitude", "100"), ("longitude", "116")],
            AppError::from(app::requests::RequestRefusal::PositionInvalid),
        ),
    ];
    for (overrides, expected) in cases {
        let (status, _, body) = file(&app, Some(&cookie), &form(&overrides)).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{overrides:?}");
        assert_eq!(error(&body), expected, "{overrides:?}");
    }
    assert_eq!(count(&pool, "select count(*) from requests").await, 0);
    assert_eq!(count(&pool, "select count(*) from request_events").await, 0);
    assert_eq!(
        count(&pool, "select count(*) from pg_sequences where sequencename = 'request_numbers' and last_value is not null").await,
        0,
        "no tracking number was handed out"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn only_a_signed_in_resident_files_and_not_too_often(pool: PgPool) {
    let settings = Settings {
        filings_per_hour: 2,
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    let (status, _, body) = file(&app, None, &form(&[])).await;
    assert_eq!(
        (status, error(&body)),
        (StatusCode::UNAUTHORIZED, AppError::Unauthorized)
    );
    // Other staff do not file (the hotline files for callers: see the handling tests).
    let handler = signed_in(&app, "13800000003", "jiesu-handler").await;
    let (status, _, _) = file(&app, Some(&handler), &form(&[])).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let keys = [
        "11111111-1111-4111-8111-111111111111",
        "22222222-2222-4222-8222-222222222222",
        "33333333-3333-4333-8333-333333333333",
    ];
    for key in &keys[..2] {
        let (status, _, body) = file(&app, Some(&cookie), &form(&[("idempotency_key", key)])).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (status, _, body) = file(&app, Some(&cookie), &form(&[("idempotency_key", keys[2])])).await;
    assert_eq!(
        (status, error(&body)),
        (StatusCode::TOO_MANY_REQUESTS, AppError::RateLimited)
    );
    assert_eq!(count(&pool, "select count(*) from requests").await, 2);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_private_request_shows_its_status_only_to_whoever_knows_the_filers_digits(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let (_, headers, _) = file(&app, Some(&cookie), &form(&[("public", "")])).await;
    let number = filed_number(&headers);
    // By its number alone it is not there, as for a number never given out.
    for body in [
        format!("number={number}"),
        format!("number={number}&tail=1234"),
    ] {
        let (status, _, answer) = post(&app, "/api/requests/view", body, None).await;
        assert_eq!(
            (status, error(&answer)),
            (StatusCode::NOT_FOUND, AppError::NotFound)
        );
    }
    let (status, _, page) = send(&app, common::get(&format!("/requests/{number}"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        page.contains("手机号后4位"),
        "the page says how to find a private one"
    );
    // With the last 4 digits of the filer's number (13800000001): its status only.
    let (status, _, answer) = post(
        &app,
        "/api/requests/view",
        format!("number={number}&tail=0001"),
        None,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let anonymous: app::requests::RequestView = serde_json::from_str(&answer).expect("a view");
    assert_eq!(
        (anonymous.status, anonymous.detail),
        (Status::Submitted, None)
    );
    let (status, _, answer) = post(
        &app,
        "/api/requests/view",
        format!("number={number}&tail=12x4"),
        None,
    )
    .await;
    assert_eq!(
        (status, error(&answer)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::from(app::requests::RequestRefusal::TailFormat)
        )
    );
    let dispatcher = signed_in(&app, "13800000002", "jiesu-dispatcher").await;
    let staff = view(&app, Some(&dispatcher), &number).await;
    let detail = staff.request.detail.expect("staff see a private request");
    assert_eq!(
        detail.resident_name.as_deref(),
        Some("马大姐"),
        "staff always see who filed"
    );
    let elsewhere = account(
        &app,
        &pool,
        "13900000009",
        "handler",
        Some("street:110101001"),
    )
    .await;
    assert_eq!(
        view(&app, Some(&elsewhere), &number).await.detail,
        None,
        "a unit that does not handle it sees its status only"
    );
    let area_staff = signed_in(&app, "13800000004", "jiesu-staff").await;
    assert_eq!(view(&app, Some(&area_staff), &number).await.detail, None);
    let neighbour = account(&app, &pool, "13900000010", "resident", None).await;
    let (status, _, _) = post(
        &app,
        "/api/requests/view",
        format!("number={number}"),
        Some(&neighbour),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "another resident: not without the digits"
    );
    let (status, _, body) = post(
        &app,
        "/api/requests/view",
        "number=20000101-000001".into(),
        None,
    )
    .await;
    assert_eq!(
        (status, error(&body)),
        (StatusCode::NOT_FOUND, AppError::NotFound)
    );
    let (status, _, body) = post(&app, "/api/requests/view", "number=123".into(), None).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::requests::RequestRefusal::NumberFormat)
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn only_its_resident_adds_information_or_withdraws(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let (_, headers, _) = file(&app, Some(&cookie), &form(&[])).await;
    let number = filed_number(&headers);
    let add = |cookie: Option<String>, note: &str| {
        let app = app.clone();
        let body = format!("number={number}&note={note}");
        async move { post(&app, "/api/requests/add_info", body, cookie.as_deref()).await }
    };
    let withdraw = |cookie: Option<String>| {
        let app = app.clone();
        let body = format!("number={number}");
        async move { post(&app, "/api/requests/withdraw", body, cookie.as_deref()).await }
    };

    let (status, _, _) = add(None, "more").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let other = account(&app, &pool, "13900000001", "resident", None).await;
    let (status, _, _) = add(Some(other.clone()), "not mine").await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = withdraw(Some(other)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (_, _, body) = add(Some(cookie.clone()), "").await;
    assert_eq!(
        error(&body),
        AppError::from(app::requests::RequestRefusal::NoteRequired)
    );

    let (status, headers, body) = add(
        Some(cookie.clone()),
        "%E5%A4%9C%E9%87%8C11%E7%82%B9%E4%BB%A5%E5%90%8E",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(headers[header::LOCATION], format!("/requests/{number}"));
    let (status, _, body) = withdraw(Some(cookie.clone())).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let after = view(&app, Some(&cookie), &number).await;
    assert_eq!(after.status, Status::Withdrawn);
    assert!(!after.can_withdraw && !after.can_add_info);
    let kinds: Vec<String> = after
        .request
        .detail
        .expect("detail")
        .events
        .into_iter()
        .map(|e| e.kind)
        .collect();
    assert_eq!(kinds, ["filed", "info_added", "withdrawn"]);

    let (status, _, body) = withdraw(Some(cookie.clone())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::requests::RequestRefusal::StatusNotAllowed)
    );
    let (_, _, body) = add(Some(cookie), "too late").await;
    assert_eq!(
        error(&body),
        AppError::from(app::requests::RequestRefusal::StatusNotAllowed)
    );
    assert_eq!(count(&pool, "select count(*) from request_events").await, 3);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn my_requests_are_mine_newest_first_and_filterable(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let (_, first, _) = file(&app, Some(&cookie), &form(&[])).await;
    let second_key = [("idempotency_key", "44444444-4444-4444-8444-444444444444")];
    let (_, second, _) = file(&app, Some(&cookie), &form(&second_key)).await;
    post(
        &app,
        "/api/requests/withdraw",
        format!("number={}", filed_number(&first)),
        Some(&cookie),
    )
    .await;

    let list = |query: &'static str| {
        let (app, cookie) = (app.clone(), cookie.clone());
        async move {
            let (status, _, body) =
                post(&app, "/api/requests/mine", query.into(), Some(&cookie)).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            serde_json::from_str::<MinePage>(&body).expect("a MinePage")
        }
    };
    let all = list("").await;
    let numbers: Vec<String> = all
        .items
        .iter()
        .map(|i| i.tracking_number.clone())
        .collect();
    assert_eq!(numbers, [filed_number(&second), filed_number(&first)]);
    assert_eq!(all.next, None);
    let withdrawn = list("status=withdrawn").await;
    assert_eq!(withdrawn.items.len(), 1);
    assert_eq!(withdrawn.items[0].status, Status::Withdrawn);

    let dispatcher = signed_in(&app, "13800000002", "jiesu-dispatcher").await;
    let (_, _, body) = post(&app, "/api/requests/mine", String::new(), Some(&dispatcher)).await;
    let theirs: MinePage = serde_json::from_str(&body).expect("a MinePage");
    assert!(theirs.items.is_empty(), "nobody else's requests");
    let (status, _, _) = post(&app, "/api/requests/mine", String::new(), None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    // "My data" carries them too, as filed.
    let request = Request::get("/api/accounts/my_data")
        .header(header::COOKIE, &cookie)
        .body(Body::empty())
        .expect("request");
    let (_, _, body) = send(&app, request).await;
    let data: app::accounts::MyData = serde_json::from_str(&body).expect("MyData");
    let filed: Vec<&str> = data
        .requests
        .iter()
        .map(|r| r.tracking_number.as_str())
        .collect();
    assert_eq!(filed, [filed_number(&first), filed_number(&second)]);
    assert!(
        data.requests[0].description.contains("13812341234"),
        "their own words"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn routing_rules_propose_the_most_specific_unit(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let cases = [
        (
            "housing.heating",
            "55555555-5555-4555-8555-555555555555",
            "heating",
        ),
        (
            "transport.roads",
            "66666666-6666-4666-8666-666666666666",
            "district:110108",
        ),
        (
            "market.food_safety",
            "77777777-7777-4777-8777-777777777777",
            "market_regulation",
        ),
    ];
    for (category, key, unit) in cases {
        let (status, headers, body) = file(
            &app,
            Some(&cookie),
            &form(&[("category", category), ("idempotency_key", key)]),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let proposed: String = sqlx::query_scalar(
            "select u.code from requests r join units u on u.id = r.proposed_unit_id
             where r.tracking_number = $1",
        )
        .bind(filed_number(&headers))
        .fetch_one(&pool)
        .await
        .expect("proposed unit");
        assert_eq!(proposed, unit, "{category}");
    }
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_similar_open_request_is_offered_before_filing_a_duplicate(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let first = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let (_, headers, _) = file(&app, Some(&first), &form(&[])).await;
    let number = filed_number(&headers);

    let neighbour = account(&app, &pool, "13900000001", "resident", None).await;
    let again = form(&[
        ("not_duplicate", ""),
        ("idempotency_key", "88888888-8888-4888-8888-888888888888"),
    ]);
    let (status, _, body) = file(&app, Some(&neighbour), &again).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::requests::RequestRefusal::SimilarFound)
    );
    assert_eq!(count(&pool, "select count(*) from requests").await, 1);
    let body = format!("category=environment.noise&community={COMMUNITY}");
    let (_, _, similar) = post(&app, "/api/requests/similar", body, None).await;
    let similar: Vec<app::requests::PublicItem> = serde_json::from_str(&similar).expect("items");
    assert_eq!(
        similar
            .iter()
            .map(|i| i.tracking_number.as_str())
            .collect::<Vec<_>>(),
        [number.as_str()]
    );
    assert!(
        similar[0].summary.contains("138****1234"),
        "masked: {}",
        similar[0].summary
    );

    // "Me too" instead, once.
    let second = |cookie: String| {
        let (app, body) = (app.clone(), format!("number={number}"));
        async move { post(&app, "/api/requests/second", body, Some(&cookie)).await }
    };
    let (status, _, body) = second(neighbour.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, _, body) = second(neighbour.clone()).await;
    assert_eq!(
        error(&body),
        AppError::from(app::requests::RequestRefusal::SecondAlready)
    );
    let (_, _, body) = second(first.clone()).await;
    assert_eq!(
        error(&body),
        AppError::from(app::requests::RequestRefusal::SecondOwn)
    );
    let seen = view(&app, Some(&neighbour), &number).await;
    assert!(seen.seconded && !seen.can_second);
    assert_eq!(seen.request.detail.expect("public").seconds, 1);
    assert_eq!(
        count(&pool, "select count(*) from request_seconds").await,
        1
    );

    // Ticking "none of these" files it anyway.
    let anyway = form(&[("idempotency_key", "99999999-9999-4999-8999-999999999999")]);
    let (status, _, body) = file(&app, Some(&neighbour), &anyway).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_public_list_pages_by_keyset_and_filters(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let filings = [
        (
            "environment.noise",
            "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa1",
            "on",
        ),
        (
            "housing.heating",
            "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa2",
            "on",
        ),
        (
            "environment.greenery",
            "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaa3",
            "",
        ),
    ];
    for (category, key, public) in filings {
        let (status, _, body) = file(
            &app,
            Some(&cookie),
            &form(&[
                ("category", category),
                ("idempotency_key", key),
                ("public", public),
            ]),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let list = |query: &'static str| {
        let app = app.clone();
        async move {
            let (status, _, body) = post(&app, "/api/requests/public", query.into(), None).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            serde_json::from_str::<app::requests::PublicPage>(&body).expect("a PublicPage")
        }
    };
    let all = list("").await;
    let categories: Vec<String> = all.items.iter().map(|i| i.category.en.clone()).collect();
    assert_eq!(
        categories,
        ["Heating", "Noise"],
        "newest first, the private one left out"
    );
    assert_eq!(
        list("category=environment").await.items.len(),
        1,
        "a group includes its leaves"
    );
    assert_eq!(
        list("district=110108&street=110108025").await.items.len(),
        2
    );
    assert_eq!(
        list("district=110101").await.items.len(),
        0,
        "another district"
    );
    assert_eq!(list("district=nope").await.items.len(), 0);
    assert_eq!(list("status=closed").await.items.len(), 0);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn photos_are_stored_without_exif_and_shown_to_whoever_may_see_the_request(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let original = photo_with_exif();
    assert!(contains(&original, b"GPS"));
    let (status, headers, body) = file_with_photos(
        &app,
        Some(&cookie),
        &form(&[("public", "")]),
        &[("IMG_0001.jpg", original)],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let number = filed_number(&headers);
    let seen = view(&app, Some(&cookie), &number).await;
    let photos = seen.request.detail.expect("detail").photos;
    assert_eq!(photos.len(), 1);

    let get = |uri: String, cookie: Option<String>| {
        let app = app.clone();
        async move {
            let mut request = Request::get(uri);
            if let Some(cookie) = cookie {
                request = request.header(header::COOKIE, cookie);
            }
            let response =
                tower::ServiceExt::oneshot(app, request.body(Body::empty()).expect("request"))
                    .await
                    .expect("response");
            let status = response.status();
            let bytes = http_body_util::BodyExt::collect(response.into_body())
                .await
                .expect("body")
                .to_bytes();
            (status, bytes)
        }
    };
    let (status, stored) = get(format!("/photos/{}", photos[0]), Some(cookie.clone())).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        image::guess_format(&stored).ok(),
        Some(image::ImageFormat::Jpeg)
    );
    assert!(
        !contains(&stored, b"Exif") && !contains(&stored, b"GPS"),
        "EXIF is gone"
    );
    let (status, thumb) = get(format!("/photos/{}/thumbnail", photos[0]), Some(cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!thumb.is_empty());
    let (status, _) = get(format!("/photos/{}", photos[0]), None).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a private request's photo is nobody else's"
    );
    let (status, _) = get("/photos/999999".into(), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn bad_photos_are_refused_and_nothing_is_stored(pool: PgPool) {
    let settings = Settings {
        max_photo_bytes: 20_000,
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let exe = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff".to_vec();
    let small = photo_with_exif();
    let cases: Vec<(Uploads, AppError)> = vec![
        (
            vec![("photo.jpg", exe)],
            AppError::from(app::requests::RequestRefusal::PhotosType),
        ),
        (
            vec![("big.jpg", vec![0xFF; 30_000])],
            AppError::from(app::requests::RequestRefusal::PhotosTooLarge),
        ),
        (
            (0..5).map(|_| ("p.jpg", small.clone())).collect(),
            AppError::from(app::requests::RequestRefusal::PhotosTooMany),
        ),
    ];
    for (photos, expected) in cases {
        let (status, _, body) = file_with_photos(&app, Some(&cookie), &form(&[]), &photos).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{expected:?}");
        assert_eq!(error(&body), expected);
        // The whole form was read: what was typed comes back with the refusal.
        let (_, _, typed) = post(
            &app,
            "/api/accounts/typed",
            "form=file_request".into(),
            Some(&cookie),
        )
        .await;
        assert!(typed.contains("上河村小区3号楼"), "{expected:?}: {typed}");
    }
    assert_eq!(count(&pool, "select count(*) from requests").await, 0);
    assert_eq!(count(&pool, "select count(*) from request_photos").await, 0);

    // Past the body limit (4 photos and the form): 413, said in the visitor's language.
    let huge = vec![0u8; Settings::default().max_body_bytes().min(2_000_000)];
    let (status, _, body) =
        file_with_photos(&app, Some(&cookie), &form(&[]), &[("huge.jpg", huge)]).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(body.contains("8MB"), "{body}");
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn guessing_a_private_requests_digits_is_throttled(pool: PgPool) {
    let settings = Settings {
        sign_in_max_failures_per_client: 5,
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let (_, headers, _) = file(&app, Some(&cookie), &form(&[("public", "")])).await;
    let number = filed_number(&headers);
    for guess in 2..7 {
        let body = format!("number={number}&tail={guess:04}");
        let (status, _, _) = post(&app, "/api/requests/view", body, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
    // The right digits, now: too late from this address.
    let body = format!("number={number}&tail=0001");
    let (status, _, answer) = post(&app, "/api/requests/view", body, None).await;
    assert_eq!(
        (status, error(&answer)),
        (StatusCode::TOO_MANY_REQUESTS, AppError::RateLimited)
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn phone_numbers_typed_in_any_format_are_masked_on_public_pages(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let description =
        "排风扇很吵，联系我１３８ １２３４ ５６７８或138.8765.4321，身份证110101 19900307 123X";
    let (status, headers, body) =
        file(&app, Some(&cookie), &form(&[("description", description)])).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let number = filed_number(&headers);
    let public = view(&app, None, &number)
        .await
        .request
        .detail
        .expect("public")
        .description;
    assert_eq!(
        public,
        "排风扇很吵，联系我１３８ **** ５６７８或138.****.4321，身份证110*** ******** 123X"
    );
    let own = view(&app, Some(&cookie), &number)
        .await
        .request
        .detail
        .expect("mine")
        .description;
    assert_eq!(own, description, "the resident reads their own words");
}

/// A PNG cut short: its header reads, its pixels do not (only decoding finds that out).
fn broken_png() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        64,
        64,
        image::Rgb([90, 120, 200]),
    ))
    .write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Png,
    )
    .expect("png");
    bytes.truncate(60);
    bytes
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn photos_are_decoded_only_after_the_step_is_allowed(pool: PgPool) {
    let settings = Settings {
        filings_per_hour: 1,
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    let cookie = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    // Decoded, the broken photo is refused as unreadable: this is what decoding finds.
    let photos: Uploads = vec![("broken.png", broken_png())];
    let (status, _, body) = file_with_photos(&app, Some(&cookie), &form(&[]), &photos).await;
    assert_eq!(
        (status, error(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::from(app::requests::RequestRefusal::PhotosUnreadable)
        )
    );
    let (status, headers, body) = file(&app, Some(&cookie), &form(&[])).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let number = filed_number(&headers);
    // Over the hour's limit: refused as such, the photo never decoded.
    let second = form(&[("idempotency_key", "0f8fad5b-d9cb-469f-a165-70867728950f")]);
    let (status, _, body) = file_with_photos(&app, Some(&cookie), &second, &photos).await;
    assert_eq!(
        (status, error(&body)),
        (StatusCode::TOO_MANY_REQUESTS, AppError::RateLimited)
    );
    // A resident resolving their own request with "evidence": refused as not theirs to take.
    let fields = [
        ("number", number.as_str()),
        ("step", "resolve"),
        ("closure", "resolved"),
        ("explanation", "已经处理好了，排风扇已经换成静音的。"),
    ];
    let files: Vec<(&str, &str, &[u8])> = vec![("photos", "broken.png", photos[0].1.as_slice())];
    let (status, _, body) =
        post_multipart(&app, "/api/requests/handle", Some(&cookie), &fields, &files).await;
    assert_eq!(
        (status, error(&body)),
        (StatusCode::FORBIDDEN, AppError::Forbidden)
    );
    assert_eq!(count(&pool, "select count(*) from request_photos").await, 0);
}
