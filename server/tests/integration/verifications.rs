//! Residence verification through the real router and database: a resident asks, area staff
//! of an area containing the community decide (others may not), refusals change nothing, one
//! live verification per resident even under a race, and moving home drops it.

use crate::common;
use ids::{AreaId, UserId, VerificationId};

use app::error::AppError;
use app::ssr::Settings;
use app::verifications::{MyVerification, StaffVerifications, VerificationStatus};
use axum::http::{header, StatusCode};
use axum::Router;
use common::{app, area_staff, count, error, post, signed_in, urlencoding};
use sqlx::PgPool;

const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");

async fn ask(app: &Router, cookie: Option<&str>, address: &str) -> (StatusCode, String) {
    let (status, headers, body) = post(
        app,
        "/api/verifications/ask",
        format!("address={}", urlencoding(address)),
        cookie,
    )
    .await;
    if status == StatusCode::OK {
        assert_eq!(
            headers[header::LOCATION],
            "/account?saved=verification#verification"
        );
    }
    (status, body)
}

async fn decide(
    app: &Router,
    cookie: &str,
    id: VerificationId,
    decision: &str,
    reason: &str,
) -> (StatusCode, String) {
    let (status, _, body) = post(
        app,
        "/api/verifications/decide",
        format!("id={id}&decision={decision}&reason={}", urlencoding(reason)),
        Some(cookie),
    )
    .await;
    (status, body)
}

async fn mine(app: &Router, cookie: &str) -> MyVerification {
    let (status, _, body) = post(app, "/api/verifications/mine", String::new(), Some(cookie)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("a verification")
}

async fn staff_list(app: &Router, cookie: &str) -> StaffVerifications {
    let (status, _, body) = post(app, "/api/verifications/list", String::new(), Some(cookie)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("a list")
}

async fn verified_in(pool: &PgPool, code: &str) -> bool {
    let mut conn = pool.acquire().await.expect("conn");
    let resident: UserId = sqlx::query_scalar("select id from users where phone = $1")
        .bind(RESIDENT.0)
        .fetch_one(&mut *conn)
        .await
        .expect("resident");
    let area: AreaId = sqlx::query_scalar("select id from areas where code = $1")
        .bind(code)
        .fetch_one(&mut *conn)
        .await
        .expect("area");
    db::verifications::verified_in(&mut conn, resident, area)
        .await
        .expect("verified?")
}

async fn fingerprint(pool: &PgPool) -> String {
    sqlx::query_scalar(
        "select coalesce(string_agg(md5(v::text), '' order by id), '') from residence_verifications v",
    )
    .fetch_one(pool)
    .await
    .expect("fingerprint")
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn staff_of_the_area_verify_a_resident_who_may_then_lose_it(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    // The demo resident lives in 上河村社区, 曙光街道, 海淀区.
    let community = area_staff(&app, &pool, "13900000201", "110108025014").await;
    let district = area_staff(&app, &pool, "13900000202", "110108").await;
    let elsewhere = area_staff(&app, &pool, "13900000203", "110101001").await;
    let dispatcher = signed_in(&app, "13800000002", "jiesu-dispatcher").await;

    assert!(mine(&app, &resident).await.can_ask);
    let (status, body) = ask(&app, Some(&resident), " 3号楼2单元501 ").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = ask(&app, Some(&resident), "3号楼2单元501").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::verifications::VerificationRefusal::VerificationLive)
    );
    let (status, body) = ask(&app, Some(&resident), "  ").await;
    assert_eq!(
        error(&body),
        AppError::from(app::verifications::VerificationRefusal::AddressRequired),
        "{status}"
    );
    let (status, _) = ask(&app, Some(&dispatcher), "3号楼").await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "staff have no home to verify"
    );
    let (status, _) = ask(&app, None, "3号楼").await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);

    let waiting = mine(&app, &resident).await;
    let latest = waiting.latest.expect("asked");
    assert_eq!(
        (latest.status, latest.address.as_str(), waiting.can_ask),
        (VerificationStatus::Pending, "3号楼2单元501", false)
    );
    assert_eq!(latest.resident, None, "a resident's own view");

    // The community's and the district's staff see it; staff elsewhere do not.
    for cookie in [&community, &district] {
        let list = staff_list(&app, cookie).await;
        assert_eq!(list.pending.len(), 1);
        assert_eq!(
            list.pending[0].resident,
            Some(("马大姐".to_owned(), "138****0001".to_owned()))
        );
    }
    assert!(staff_list(&app, &elsewhere).await.pending.is_empty());
    let (status, _, _) = post(
        &app,
        "/api/verifications/list",
        String::new(),
        Some(&dispatcher),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Refusals change nothing.
    let id = latest.id;
    let before = fingerprint(&pool).await;
    let refusals = [
        (&elsewhere, "approve", "", StatusCode::FORBIDDEN),
        (&dispatcher, "approve", "", StatusCode::FORBIDDEN),
        (&resident, "approve", "", StatusCode::FORBIDDEN),
        (&community, "reject", " ", StatusCode::UNPROCESSABLE_ENTITY),
        (
            &community,
            "revoke",
            "搬走了",
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (&community, "promote", "", StatusCode::UNPROCESSABLE_ENTITY),
    ];
    for (cookie, decision, reason, expected) in refusals {
        let (status, body) = decide(&app, cookie, id, decision, reason).await;
        assert_eq!(status, expected, "{decision}: {body}");
    }
    let (status, _) = decide(&app, &community, VerificationId(99999), "approve", "").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(fingerprint(&pool).await, before);

    // Approved: verified in the community, its street, its district and the city only.
    let (status, body) = decide(&app, &community, id, "approve", "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = decide(&app, &district, id, "approve", "").await;
    assert_eq!(
        error(&body),
        AppError::from(app::verifications::VerificationRefusal::StatusNotNow),
        "{status}"
    );
    assert_eq!(
        mine(&app, &resident).await.latest.expect("one").status,
        VerificationStatus::Approved
    );
    for (code, expected) in [
        ("110108025014", true),
        ("110108025", true),
        ("110108", true),
        ("110000", true),
        ("110108025001", false),
        ("110101", false),
    ] {
        assert_eq!(verified_in(&pool, code).await, expected, "{code}");
    }
    assert_eq!(
        count(
            &pool,
            "select count(*) from notifications n join users u on u.id = n.user_id
             where u.phone = '13800000001' and n.kind = 'verification_approved'"
        )
        .await,
        1
    );

    // Revoked with a reason; the resident may ask again.
    let (status, body) = decide(&app, &district, id, "revoke", "已搬离本社区").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let revoked = mine(&app, &resident).await;
    let latest = revoked.latest.expect("one");
    assert_eq!(
        (latest.status, latest.reason.as_deref(), revoked.can_ask),
        (VerificationStatus::Revoked, Some("已搬离本社区"), true)
    );
    assert!(!verified_in(&pool, "110108025014").await);

    // Asked and approved again, then moving home drops it.
    ask(&app, Some(&resident), "5号楼101").await;
    let id = mine(&app, &resident).await.latest.expect("asked").id;
    decide(&app, &community, id, "approve", "").await;
    assert!(verified_in(&pool, "110108025014").await);
    let (status, _, body) = post(
        &app,
        "/api/accounts/update_profile",
        format!(
            "display_name={}&community=110108025001",
            urlencoding("马大姐")
        ),
        Some(&resident),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let moved = mine(&app, &resident).await;
    assert_eq!(
        moved.latest.expect("one").status,
        VerificationStatus::Dropped
    );
    assert!(moved.can_ask);
    assert!(!verified_in(&pool, "110108025014").await);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_resident_asking_many_times_at_once_has_one_live_verification(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let mut asks = tokio::task::JoinSet::new();
    // As many at once as the ballot benchmark's clients: more than the pool has connections.
    for _ in 0..64 {
        let (app, resident) = (app.clone(), resident.clone());
        asks.spawn(async move { ask(&app, Some(&resident), "3号楼2单元501").await });
    }
    let answers = asks.join_all().await;
    let ok = answers.iter().filter(|(s, _)| *s == StatusCode::OK).count();
    assert_eq!(ok, 1, "{answers:?}");
    for (status, body) in answers.iter().filter(|(s, _)| *s != StatusCode::OK) {
        assert_eq!(*status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            error(body),
            AppError::from(app::verifications::VerificationRefusal::VerificationLive)
        );
    }
    assert_eq!(
        count(&pool, "select count(*) from residence_verifications").await,
        1
    );
}
