//! Administration through the real router and database: only admins read or change anything;
//! each change takes effect (a new staff account signs in and works, new deadlines and rules
//! apply to the next filing); refusals name the field and change nothing.

use crate::common;

use app::admin::Overview;
use app::ssr::Settings;
use axum::http::{header, StatusCode};
use axum::Router;
use common::{account, app, count, error, file_noise as file, post, post_multipart, signed_in};
use sqlx::PgPool;

const ADMIN: (&str, &str) = ("13800000005", "jiesu-admin");
const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");

/// Posts an admin change; the status and body.
async fn change(
    app: &Router,
    cookie: Option<&str>,
    name: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut all = vec![("change", name)];
    all.extend_from_slice(fields);
    let (status, headers, body) = post_multipart(app, "/api/admin/change", cookie, &all, &[]).await;
    if status == StatusCode::OK {
        assert_eq!(headers[header::LOCATION], format!("/admin?done={name}"));
    }
    (status, body)
}

async fn overview(app: &Router, cookie: &str) -> Overview {
    let (status, _, body) = post(app, "/api/admin/overview", String::new(), Some(cookie)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("an overview")
}

/// Everything an admin change could touch, to show a refusal changed nothing.
async fn fingerprint(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar::<_, String>(
        "select 'u' || count(*) || max(md5(u::text)) from units u
         union all select 'c' || string_agg(md5(c::text), '' order by id) from categories c
         union all select 'r' || count(*) || coalesce(string_agg(md5(r::text), '' order by id), '')
                   from routing_rules r
         union all select 's' || string_agg(md5(s::text), '' order by id) from users s",
    )
    .fetch_all(pool)
    .await
    .expect("fingerprint")
}

const STAFF_FIELDS: [(&str, &str); 5] = [
    ("phone", "13900000077"),
    ("display_name", "王派单"),
    ("role", "handler"),
    ("unit", "city_management"),
    ("password", "a-good-password"),
];

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn only_admins_read_or_change_anything(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let cookies = [
        (
            "resident",
            account(&app, &pool, "13900000101", "resident", None).await,
        ),
        (
            "dispatcher",
            account(&app, &pool, "13900000102", "dispatcher", None).await,
        ),
        (
            "handler",
            account(
                &app,
                &pool,
                "13900000103",
                "handler",
                Some("city_management"),
            )
            .await,
        ),
        (
            "area_staff",
            account(&app, &pool, "13900000104", "area_staff", None).await,
        ),
    ];
    let before = fingerprint(&pool).await;
    let changes: [(&str, &[(&str, &str)]); 5] = [
        ("staff", &STAFF_FIELDS),
        (
            "unit",
            &[
                ("unit_code", "new_unit"),
                ("unit_kind", "utility"),
                ("name_zh", "新单位"),
                ("name_en", "New unit"),
                ("area", "110000"),
            ],
        ),
        (
            "category",
            &[
                ("category", "environment.noise"),
                ("respond", "1"),
                ("resolve", "2"),
                ("urgent_respond", "1"),
                ("urgent_resolve", "1"),
            ],
        ),
        (
            "rule",
            &[
                ("category", "environment.noise"),
                ("area", "110108"),
                ("unit", "city_management"),
            ],
        ),
        (
            "remove_rule",
            &[("category", "environment.noise"), ("area", "110108")],
        ),
    ];
    for (role, cookie) in &cookies {
        let (status, _, body) =
            post(&app, "/api/admin/overview", String::new(), Some(cookie)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{role} read: {body}");
        for (name, fields) in changes {
            let (status, body) = change(&app, Some(cookie), name, fields).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{role} {name}: {body}");
        }
    }
    for (name, fields) in changes {
        let (status, _) = change(&app, None, name, fields).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "signed out {name}");
    }
    assert_eq!(fingerprint(&pool).await, before);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_new_staff_account_signs_in_and_works_in_its_unit(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let admin = signed_in(&app, ADMIN.0, ADMIN.1).await;
    let (status, body) = change(&app, Some(&admin), "staff", &STAFF_FIELDS).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let listed = overview(&app, &admin).await;
    let staff = listed
        .staff
        .iter()
        .find(|s| s.phone == "13900000077")
        .expect("listed");
    assert_eq!(staff.display_name, "王派单");
    assert_eq!(staff.place_code.as_deref(), Some("city_management"));
    // The account signs in and sees its unit's queue.
    let handler = signed_in(&app, "13900000077", "a-good-password").await;
    let (status, _, body) = post(&app, "/api/staff/queue", String::new(), Some(&handler)).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Moved to another unit, renamed, password kept: the same session now works there.
    let moved = [
        ("phone", "139 0000 0077"),
        ("display_name", "王承办"),
        ("role", "handler"),
        ("unit", "street:110108025"),
    ];
    let (status, body) = change(&app, Some(&admin), "staff", &moved).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let unit: String = sqlx::query_scalar(
        "select n.code from users u join units n on n.id = u.unit_id where u.phone = '13900000077'",
    )
    .fetch_one(&pool)
    .await
    .expect("unit");
    assert_eq!(unit, "street:110108025");
    let (status, _, _) = post(&app, "/api/staff/queue", String::new(), Some(&handler)).await;
    assert_eq!(status, StatusCode::OK);

    // A new password ends the account's sessions.
    let reset = [moved.as_slice(), &[("password", "another-password")]].concat();
    let (status, body) = change(&app, Some(&admin), "staff", &reset).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _, _) = post(&app, "/api/staff/queue", String::new(), Some(&handler)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    signed_in(&app, "13900000077", "another-password").await;

    // Made a dispatcher: no unit any more.
    let dispatcher = [
        ("phone", "13900000077"),
        ("display_name", "王派单"),
        ("role", "dispatcher"),
    ];
    let (status, body) = change(&app, Some(&admin), "staff", &dispatcher).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        count(
            &pool,
            "select count(*) from users where phone = '13900000077'
             and role = 'dispatcher' and unit_id is null"
        )
        .await,
        1
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn deadlines_default_units_and_rules_apply_to_the_next_filing(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let admin = signed_in(&app, ADMIN.0, ADMIN.1).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let hours = [
        ("category", "environment.noise"),
        ("respond", "3"),
        ("resolve", "48"),
        ("urgent_respond", "1"),
        ("urgent_resolve", "12"),
        ("unit", "city_management"),
    ];
    let (status, body) = change(&app, Some(&admin), "category", &hours).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let noise = overview(&app, &admin)
        .await
        .categories
        .into_iter()
        .find(|c| c.code == "environment.noise")
        .expect("noise");
    assert_eq!(
        (noise.hours.respond, noise.hours.resolve),
        (3, 48),
        "{noise:?}"
    );
    assert_eq!(
        noise.default_unit.map(|(code, _)| code).as_deref(),
        Some("city_management")
    );

    let number = file(&app, &resident, "5b3c0f4e-0000-4000-8000-000000000001").await;
    let (unit, hours_to_respond): (String, f64) = sqlx::query_as(
        "select u.code, extract(epoch from r.respond_by - r.created_at)::float8 / 3600
         from requests r join units u on u.id = r.proposed_unit_id
         where r.tracking_number = $1",
    )
    .bind(&number)
    .fetch_one(&pool)
    .await
    .expect("filed");
    assert_eq!(unit, "city_management");
    assert!((hours_to_respond - 3.0).abs() < 0.01, "{hours_to_respond}");

    // A rule for the district beats the default unit; removed, the default is back.
    let rule = [
        ("category", "environment.noise"),
        ("area", "110108"),
        ("unit", "street:110108025"),
    ];
    let (status, body) = change(&app, Some(&admin), "rule", &rule).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let listed = overview(&app, &admin).await;
    assert!(listed
        .rules
        .iter()
        .any(|r| r.category_code == "environment.noise" && r.area_code == "110108"));
    let ruled = file(&app, &resident, "5b3c0f4e-0000-4000-8000-000000000002").await;
    assert_eq!(proposed(&pool, &ruled).await, "street:110108025");

    let (status, body) = change(&app, Some(&admin), "remove_rule", &rule[..2]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The request the rule routed keeps its unit.
    assert_eq!(proposed(&pool, &ruled).await, "street:110108025");
    let after = file(&app, &resident, "5b3c0f4e-0000-4000-8000-000000000003").await;
    assert_eq!(proposed(&pool, &after).await, "city_management");

    // Without a default unit, the street office takes it.
    let (status, body) = change(&app, Some(&admin), "category", &hours[..5]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let fallback = file(&app, &resident, "5b3c0f4e-0000-4000-8000-000000000004").await;
    assert_eq!(proposed(&pool, &fallback).await, "street:110108025");

    // A rule may send it to the committee of the request's own community, whichever it is.
    let own = [
        ("category", "environment.noise"),
        ("area", "110108025"),
        ("unit", app::admin::OWN_COMMUNITY),
    ];
    let (status, body) = change(&app, Some(&admin), "rule", &own).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let listed = overview(&app, &admin).await;
    let rule = listed
        .rules
        .iter()
        .find(|r| r.area_code == "110108025")
        .expect("the rule");
    assert_eq!(rule.unit.zh, "所在社区居（村）委会");
    let local = file(&app, &resident, "5b3c0f4e-0000-4000-8000-000000000005").await;
    assert_eq!(proposed(&pool, &local).await, "community:110108025014");
    // As the default unit too.
    let mut default_own = hours;
    default_own[5] = ("unit", app::admin::OWN_COMMUNITY);
    let (status, body) = change(&app, Some(&admin), "category", &default_own).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let noise = overview(&app, &admin)
        .await
        .categories
        .into_iter()
        .find(|c| c.code == "environment.noise")
        .expect("noise");
    assert_eq!(
        noise.default_unit.map(|(code, _)| code).as_deref(),
        Some(app::admin::OWN_COMMUNITY)
    );
}

async fn proposed(pool: &PgPool, number: &str) -> String {
    sqlx::query_scalar(
        "select u.code from requests r join units u on u.id = r.proposed_unit_id
         where r.tracking_number = $1",
    )
    .bind(number)
    .fetch_one(pool)
    .await
    .expect("proposed unit")
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn units_are_created_and_renamed_by_code(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let admin = signed_in(&app, ADMIN.0, ADMIN.1).await;
    let mut unit = vec![
        ("unit_code", "gas_company"),
        ("unit_kind", "utility"),
        ("name_zh", "北京燃气集团"),
        ("name_en", "Beijing Gas Group"),
        ("area", "110000"),
    ];
    let (status, body) = change(&app, Some(&admin), "unit", &unit).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    unit[3] = ("name_en", "Beijing Gas");
    let (status, body) = change(&app, Some(&admin), "unit", &unit).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let listed = overview(&app, &admin).await;
    let gas: Vec<_> = listed
        .units
        .iter()
        .filter(|u| u.code == "gas_company")
        .collect();
    assert_eq!(gas.len(), 1);
    assert_eq!(gas[0].name.en, "Beijing Gas");
    assert_eq!(gas[0].area_code, "110000");
}

/// A refused change: (change, fields, (field, reason)).
type Refusal<'a> = (&'a str, Vec<(&'a str, &'a str)>, (&'a str, &'a str));

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn refusals_name_the_field_and_change_nothing(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let admin = signed_in(&app, ADMIN.0, ADMIN.1).await;
    let before = fingerprint(&pool).await;
    let noise_hours = |respond: &'static str, resolve: &'static str| {
        vec![
            ("category", "environment.noise"),
            ("respond", respond),
            ("resolve", resolve),
            ("urgent_respond", "1"),
            ("urgent_resolve", "2"),
        ]
    };
    let cases: Vec<Refusal> = vec![
        ("nonsense", vec![], ("change", "unknown")),
        ("category", noise_hours("0", "24"), ("hours", "invalid")),
        ("category", noise_hours("24", "12"), ("hours", "invalid")),
        ("category", noise_hours("abc", "12"), ("hours", "invalid")),
        (
            "category",
            [noise_hours("2", "24"), vec![("unit", "no_such_unit")]].concat(),
            ("unit", "unknown"),
        ),
        (
            "category",
            vec![
                ("category", "no.such"),
                ("respond", "2"),
                ("resolve", "24"),
                ("urgent_respond", "1"),
                ("urgent_resolve", "2"),
            ],
            ("category", "unknown"),
        ),
        (
            "rule",
            vec![
                ("category", "environment.noise"),
                ("area", "999999"),
                ("unit", "city_management"),
            ],
            ("area", "unknown"),
        ),
        (
            "remove_rule",
            vec![("category", "environment.noise"), ("area", "110105")],
            ("rule", "unknown"),
        ),
        (
            "unit",
            vec![
                ("unit_code", "x y"),
                ("unit_kind", "utility"),
                ("name_zh", "某单位"),
                ("name_en", "A unit"),
                ("area", "110000"),
            ],
            ("unit_code", "required"),
        ),
        (
            "unit",
            vec![
                ("unit_code", "some_unit"),
                ("unit_kind", "ministry"),
                ("name_zh", "某单位"),
                ("name_en", "A unit"),
                ("area", "110000"),
            ],
            ("unit_kind", "required"),
        ),
        (
            "unit",
            vec![
                ("unit_code", "some_unit"),
                ("unit_kind", "utility"),
                ("name_zh", "某单位"),
                ("name_en", "A unit"),
                ("area", "999999"),
            ],
            ("area", "unknown"),
        ),
        // One hotline centre: no second one, and the one there is stays one.
        (
            "unit",
            vec![
                ("unit_code", "hotline_two"),
                ("unit_kind", "hotline_centre"),
                ("name_zh", "第二热线"),
                ("name_en", "A second hotline"),
                ("area", "110000"),
            ],
            ("unit_kind", "hotline"),
        ),
        (
            "unit",
            vec![
                ("unit_code", "hotline"),
                ("unit_kind", "department"),
                ("name_zh", "热线"),
                ("name_en", "Hotline"),
                ("area", "110000"),
            ],
            ("unit_kind", "hotline"),
        ),
        (
            "staff",
            vec![
                ("phone", "12345"),
                ("display_name", "某人"),
                ("role", "dispatcher"),
                ("password", "a-good-password"),
            ],
            ("phone", "format"),
        ),
        (
            "staff",
            vec![
                ("phone", "13900000078"),
                ("display_name", "某人"),
                ("role", "resident"),
                ("password", "a-good-password"),
            ],
            ("role", "required"),
        ),
        (
            "staff",
            vec![
                ("phone", "13900000078"),
                ("display_name", "某人"),
                ("role", "dispatcher"),
            ],
            ("password", "required"),
        ),
        (
            "staff",
            vec![
                ("phone", "13900000078"),
                ("display_name", "某人"),
                ("role", "handler"),
                ("password", "a-good-password"),
            ],
            ("unit", "required"),
        ),
        (
            "staff",
            vec![
                ("phone", "13900000078"),
                ("display_name", "某人"),
                ("role", "area_staff"),
                ("area", "999999"),
                ("password", "a-good-password"),
            ],
            ("area", "unknown"),
        ),
        (
            "staff",
            vec![
                ("phone", RESIDENT.0),
                ("display_name", "某人"),
                ("role", "dispatcher"),
                ("password", "a-good-password"),
            ],
            ("phone", "resident"),
        ),
        (
            "staff",
            vec![
                ("phone", ADMIN.0),
                ("display_name", "管理员"),
                ("role", "dispatcher"),
            ],
            ("role", "own"),
        ),
    ];
    for (name, fields, (field, reason)) in &cases {
        let (status, body) = change(&app, Some(&admin), name, fields).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name} {fields:?}: {body}"
        );
        assert_eq!(
            error(&body).refused_as(),
            Some((*field, *reason)),
            "{name} {fields:?}"
        );
    }
    assert_eq!(fingerprint(&pool).await, before);
}
