//! 每月一题 through the real router and database: last month's rollups propose candidates,
//! only admins publish, admins and the topic's task force post progress, refusals name the field and write nothing, the
//! topic page is public, and requests of the topic's category and district link to it.

use crate::common;
use ids::TopicId;

use app::error::AppError;
use app::ssr::Settings;
use app::topics::{Candidates, TopicList, TopicView};
use axum::http::{header, StatusCode};
use axum::Router;
use common::{
    account, app, count, error, file_noise, file_of, post, post_multipart, signed_in, view,
};
use sqlx::PgPool;

const ADMIN: (&str, &str) = ("13800000005", "jiesu-admin");
const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");
/// The demo resident's district: 海淀区.
const DISTRICT: &str = "110108";

/// A publishing form for the demo resident's district and `category`.
fn topic_fields<'a>(category: &'a str, title: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("change", "publish"),
        ("title", title),
        ("description", "上月海淀区夜间噪声投诉集中在施工工地周边。"),
        ("district", DISTRICT),
        ("category", category),
        ("lead_unit", "district:110108"),
        ("co_units", "city_management"),
        ("co_units", "street:110108025"),
        ("target", "夜间施工投诉减少一半"),
        ("deadline", "2099-12-31"),
    ]
}

/// Posts a topic form; status and body, and the topic's id when it went through.
async fn change(
    app: &Router,
    cookie: Option<&str>,
    fields: &[(&str, &str)],
) -> (StatusCode, String, Option<TopicId>) {
    let (status, headers, body) =
        post_multipart(app, "/api/topics/change", cookie, fields, &[]).await;
    let id = headers
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .and_then(|l| l.strip_prefix("/topics/"))
        .and_then(|l| l.split('?').next())
        .and_then(|id| id.parse().ok());
    (status, body, id)
}

async fn call<T: serde::de::DeserializeOwned>(
    app: &Router,
    uri: &str,
    body: String,
    cookie: Option<&str>,
) -> T {
    let (status, _, body) = post(app, uri, body, cookie).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    serde_json::from_str(&body).expect("a reply")
}

/// Moves every request (and its events) a month back and counts the rollups again, as if
/// they had been filed last month.
async fn into_last_month(pool: &PgPool) {
    let mut tx = pool.begin().await.expect("tx");
    for sql in [
        "update requests set created_at = created_at - interval '1 month'",
        "update request_events set created_at = created_at - interval '1 month'",
    ] {
        sqlx::query(sql)
            .execute(&mut *tx)
            .await
            .expect("a month back");
    }
    db::measures::rebuild(&mut tx).await.expect("rollups");
    tx.commit().await.expect("commit");
}

async fn topic_count(pool: &PgPool) -> i64 {
    count(
        pool,
        "select (select count(*) from topics) + (select count(*) from topic_units)
                + (select count(*) from topic_updates)",
    )
    .await
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn last_months_rollups_propose_and_an_admin_publishes_for_the_requests_to_link(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let admin = signed_in(&app, ADMIN.0, ADMIN.1).await;
    let mut noise = Vec::new();
    for i in 0..3 {
        noise.push(
            file_noise(
                &app,
                &resident,
                &format!("7091c000-0000-4000-8000-00000000000{i}"),
            )
            .await,
        );
    }
    let waste = file_of(
        &app,
        &resident,
        "7091c000-0000-4000-8000-000000000009",
        "environment.sanitation",
    )
    .await;
    into_last_month(&pool).await;

    let candidates: Candidates =
        call(&app, "/api/topics/candidates", String::new(), Some(&admin)).await;
    let last_month = app::measures::ssr::current_month().previous().to_string();
    assert_eq!(candidates.month, last_month);
    let most: Vec<_> = candidates
        .most_filed
        .iter()
        .map(|c| {
            (
                c.district_code.as_str(),
                c.category_code.as_str(),
                c.filed,
                c.topic,
            )
        })
        .collect();
    assert_eq!(
        most,
        [
            (DISTRICT, "environment.noise", 3, None),
            (DISTRICT, "environment.sanitation", 1, None)
        ]
    );
    assert!(
        candidates.least_satisfied.is_empty(),
        "nothing was rated {} times",
        app::topics::MIN_RATED
    );
    assert!(candidates.districts.iter().any(|d| d.code == DISTRICT));

    // Publishing is for admins only.
    let before = topic_count(&pool).await;
    let fields = topic_fields("environment.noise", "夜间施工噪声");
    let (status, _, _) = change(&app, Some(&resident), &fields).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = change(&app, None, &fields).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, _) = post(
        &app,
        "/api/topics/candidates",
        String::new(),
        Some(&resident),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(topic_count(&pool).await, before);

    let (status, body, id) = change(&app, Some(&admin), &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let noise_topic = id.expect("the topic's page");
    let candidates: Candidates =
        call(&app, "/api/topics/candidates", String::new(), Some(&admin)).await;
    assert_eq!(
        candidates.most_filed[0].topic,
        Some(noise_topic),
        "marked as taken"
    );

    // The same district and category twice in a month: refused, nothing written.
    let before = topic_count(&pool).await;
    let (status, body, _) = change(&app, Some(&admin), &fields).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::topics::TopicRefusal::CategoryTaken)
    );
    assert_eq!(topic_count(&pool).await, before);

    // Requests of that category in that district link to it; another category does not.
    let linked = view(&app, None, &noise[0]).await.topic;
    assert_eq!(linked, Some((noise_topic, "夜间施工噪声".to_owned())));
    assert_eq!(view(&app, None, &waste).await.topic, None);
    // A topic on the parent category covers its sub-categories, and the newest wins.
    let (status, body, id) = change(
        &app,
        Some(&admin),
        &topic_fields("environment", "城市环境整治"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let environment_topic = id.expect("a topic");
    let linked = view(&app, None, &waste).await.topic;
    assert_eq!(linked.map(|(id, _)| id), Some(environment_topic));

    // Progress: admins only, on a topic that exists; the topic takes the latest percentage.
    let progress = |topic: String, percent: &'static str| {
        vec![
            ("change", "progress".to_owned()),
            ("topic", topic),
            ("percent", percent.to_owned()),
            ("update", "已约谈三家施工单位，夜间施工一律报备".to_owned()),
        ]
    };
    let fields = progress(noise_topic.to_string(), "40");
    let borrowed: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, _) = change(&app, Some(&resident), &borrowed).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body, id) = change(&app, Some(&admin), &borrowed).await;
    assert_eq!((status, id), (StatusCode::OK, Some(noise_topic)), "{body}");
    let missing = progress("99999".to_owned(), "50");
    let borrowed: Vec<(&str, &str)> = missing.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (status, _, _) = change(&app, Some(&admin), &borrowed).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Anyone reads the topic and the list.
    let topic: TopicView = call(&app, "/api/topics/view", format!("id={noise_topic}"), None).await;
    assert_eq!(topic.summary.percent, 40);
    assert_eq!(topic.updates.len(), 1);
    assert_eq!(topic.co_units.len(), 2);
    assert!(!topic.can_post, "signed out");
    assert!(!topic.summary.overdue);
    let list: TopicList = call(&app, "/api/topics/list", String::new(), Some(&admin)).await;
    assert!(list.can_publish);
    let ids: Vec<TopicId> = list.topics.iter().map(|t| t.id).collect();
    assert_eq!(ids, [environment_topic, noise_topic], "newest first");

    let (status, _, page) =
        common::send(&app, common::get(&format!("/topics/{noise_topic}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("夜间施工噪声") && page.contains("已完成 40%"),
        "{page}"
    );
    assert!(page.contains("已约谈三家施工单位"));
    assert!(!page.contains("发布进展"), "no progress form for visitors");
    for missing in ["/topics/99999", "/topics/abc"] {
        let (status, _, _) = common::send(&app, common::get(missing)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{missing}");
    }
    let (_, _, page) = common::send(&app, common::get(&format!("/requests/{}", noise[1]))).await;
    assert!(
        page.contains(&format!("href=\"/topics/{environment_topic}\"")),
        "{page}"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_refused_topic_names_its_field_and_writes_nothing(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let admin = account(&app, &pool, "13900000301", "admin", None).await;
    let before = topic_count(&pool).await;
    let with = |field: &'static str, value: &'static str| {
        let mut fields: Vec<_> = topic_fields("environment.noise", "夜间施工噪声")
            .into_iter()
            .filter(|(k, _)| *k != field)
            .collect();
        fields.push((field, value));
        fields
    };
    let cases = [
        (with("deadline", "2020-01-01"), ("deadline", "past")),
        (with("deadline", "明年"), ("deadline", "format")),
        (with("district", "110108025"), ("district", "unknown")),
        (with("category", "no.such"), ("category", "unknown")),
        (with("lead_unit", "no_such_unit"), ("lead_unit", "unknown")),
        (with("co_units", "district:110108"), ("co_units", "lead")),
        (with("title", ""), ("title", "required")),
    ];
    for (fields, (field, reason)) in cases {
        let (status, body, _) = change(&app, Some(&admin), &fields).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{fields:?}");
        assert_eq!(
            error(&body).refused_as(),
            Some((field, reason)),
            "{fields:?}"
        );
    }
    // An unknown co-unit among known ones.
    let mut fields = topic_fields("environment.noise", "夜间施工噪声");
    fields.push(("co_units", "no_such_unit"));
    let (status, body, _) = change(&app, Some(&admin), &fields).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::topics::TopicRefusal::CoUnitsUnknown)
    );
    assert_eq!(topic_count(&pool).await, before, "nothing half-written");

    // Without JavaScript the form comes back with the refusal under its field, in the
    // page's language, and the title as typed.
    let (content_type, body) = common::multipart(&with("deadline", "2020-01-01"), &[]);
    let request = axum::http::Request::post("/api/topics/change")
        .header(header::CONTENT_TYPE, content_type)
        .header(header::COOKIE, &admin)
        .header(header::REFERER, "http://localhost/topics/new")
        .header(header::ACCEPT, "text/html")
        .body(axum::body::Body::from(body))
        .expect("request");
    let (status, headers, _) = common::send(&app, request).await;
    assert!(status.is_redirection(), "{status}");
    let back = headers[header::LOCATION]
        .to_str()
        .expect("ascii")
        .to_owned();
    assert!(back.contains("__err="), "{back}");
    let page = axum::http::Request::get(back)
        .header(header::COOKIE, &admin)
        .body(axum::body::Body::empty())
        .expect("request");
    let (_, _, page) = common::send(&app, page).await;
    assert!(page.contains("完成期限不能早于今天。"), "{page}");
    assert!(page.contains("value=\"夜间施工噪声\""), "{page}");
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_task_force_posts_progress_for_its_unit_and_nobody_else_does(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let admin = signed_in(&app, ADMIN.0, ADMIN.1).await;
    let (status, body, id) = change(
        &app,
        Some(&admin),
        &topic_fields("environment.noise", "夜间施工噪声"),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let topic = id.expect("a topic");
    // 曙光街道办事处 is a co-unit (the demo handler's); 自来水 is not in the task force.
    let street = signed_in(&app, "13800000003", "jiesu-handler").await;
    let outsider = account(&app, &pool, "13900000302", "handler", Some("waterworks")).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let read = |cookie: String| {
        let app = app.clone();
        async move {
            call::<TopicView>(
                &app,
                "/api/topics/view",
                format!("id={topic}"),
                Some(&cookie),
            )
            .await
        }
    };
    assert!(read(street.clone()).await.can_post);
    assert!(!read(outsider.clone()).await.can_post);
    assert!(!read(resident.clone()).await.can_post);

    let fields = [
        ("change", "progress"),
        ("topic", &*topic.to_string()),
        ("percent", "30"),
        ("update", "街道已排查辖区 12 处工地"),
    ];
    for someone in [&outsider, &resident] {
        let (status, _, _) = change(&app, Some(someone), &fields).await;
        assert_eq!(status, StatusCode::FORBIDDEN);
    }
    assert_eq!(
        count(&pool, "select count(*) from topic_updates").await,
        0,
        "nothing written by a refusal"
    );
    let (status, body, _) = change(&app, Some(&street), &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut admins = fields;
    admins[2] = ("percent", "45");
    let (status, body, _) = change(&app, Some(&admin), &admins).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let seen = read(resident).await;
    assert_eq!(seen.summary.percent, 45);
    let by: Vec<Option<&str>> = seen
        .updates
        .iter()
        .map(|u| u.unit.as_ref().map(|n| n.zh.as_str()))
        .collect();
    assert_eq!(by, [Some("曙光街道办事处"), None], "who posted each");
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_citywide_topic_counts_toward_its_target_and_lists_its_documents(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let admin = signed_in(&app, ADMIN.0, ADMIN.1).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    // A request in 海淀区 filed before: a city-wide topic covers every district's.
    let deeds = file_of(
        &app,
        &resident,
        "d7a1d0c1-0000-4000-8000-000000000001",
        "housing.title_deeds",
    )
    .await;
    let fields = [
        ("change", "publish"),
        ("title", "不动产登记历史遗留问题"),
        ("description", "老旧小区多年办不下房产证。"),
        ("district", "110000"),
        ("category", "housing.title_deeds"),
        ("lead_unit", "planning"),
        // A task force from several areas: a Haidian street and the Chaoyang government.
        ("co_units", "street:110108025"),
        ("co_units", "district:110105"),
        ("target", "为 20 万户居民办下房产证"),
        ("target_count", "200,000"),
        ("target_unit", "户"),
        ("deadline", "2099-12-31"),
    ];
    let (status, body, id) = change(&app, Some(&admin), &fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let topic = id.expect("a topic");
    assert_eq!(
        view(&app, None, &deeds).await.topic.map(|(id, _)| id),
        Some(topic)
    );

    // The street office posts the count reached, and lists the document it works from.
    let street = signed_in(&app, "13800000003", "jiesu-handler").await;
    let id = topic.to_string();
    let progress = [
        ("change", "progress"),
        ("topic", id.as_str()),
        ("percent", "84"),
        ("result", "168000"),
        ("update", "本街道又有 2 万户拿到房产证"),
    ];
    let (status, body, _) = change(&app, Some(&street), &progress).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let mut document = vec![
        ("change", "document"),
        ("topic", id.as_str()),
        ("doc_title", "关于解决不动产登记历史遗留问题的意见"),
        ("doc_issuer", "北京市规划和自然资源委员会"),
        ("doc_date", "2026-03-01"),
        ("doc_link", "javascript:alert(1)"),
        ("doc_text", ""),
    ];
    let (status, body, _) = change(&app, Some(&street), &document).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    assert_eq!(error(&body).refused_as(), Some(("doc_link", "format")));
    assert_eq!(
        count(&pool, "select count(*) from topic_documents").await,
        0
    );
    document[5] = ("doc_link", "https://example.gov.cn/yijian.html");
    let (status, _, _) = change(&app, Some(&resident), &document).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, body, _) = change(&app, Some(&street), &document).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let seen: TopicView = call(&app, "/api/topics/view", format!("id={topic}"), None).await;
    assert!(seen.summary.citywide);
    assert_eq!(seen.target_count, Some((200_000, "户".to_owned())));
    assert_eq!(seen.result_count, 168_000);
    assert_eq!(seen.updates[0].result, Some(168_000));
    assert_eq!(seen.documents.len(), 1);
    assert_eq!(seen.documents[0].issued_on, "2026-03-01");
    let (status, _, page) = common::send(&app, common::get(&format!("/topics/{topic}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("已完成 168,000 / 200,000 户（84.0%）"),
        "{page}"
    );
    assert!(
        page.contains("href=\"https://example.gov.cn/yijian.html\""),
        "{page}"
    );
    assert!(page.contains("全市（跨区）"), "{page}");
}
