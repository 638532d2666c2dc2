//! Organisations reporting to a community or a street (单位双报到), through the real router and
//! database: their contact reports them with a resource list; only the staff of the area they
//! report to confirm them; staff ask for their resources within related areas; only their
//! contact answers, once; the area's page counts them and never shows their contact; every
//! refusal writes nothing.

use crate::common;
use crate::volunteers::{call, ok, refused, COMMUNITY, NEIGHBOUR};
use app::ssr::Settings;
use app::volunteers::area::AreaService;
use app::volunteers::organisations::{
    AskStatus, OrganisationRefusal as R, OrganisationsSeen, ResourceKind,
};
use app::volunteers::{VolunteerRefusal, VolunteerStatus};
use axum::http::StatusCode;
use axum::Router;
use common::{account, app, area_staff, count};
use sqlx::PgPool;

const STREET: &str = "110108025";
const REPORT: &str = "/api/volunteers/organisation";
const ASK: &str = "/api/volunteers/ask";
const ANSWER: &str = "/api/volunteers/answer";

/// A report form's fields, with `changes`.
fn report<'a>(
    area: &'a str,
    name: &'a str,
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("area", area),
        ("name", name),
        ("contact_name", "王书记"),
        ("contact_phone", "13900000499"),
        ("room", "会议室一间，可容纳 30 人"),
        ("people", ""),
        ("skill", "法律咨询"),
        ("money", ""),
    ];
    for (k, _) in changes {
        fields.retain(|(n, _)| n != k);
    }
    fields.extend_from_slice(changes);
    fields
}

/// Posts the report form (multipart, as the page does).
async fn reporting(app: &Router, cookie: &str, fields: &[(&str, &str)]) -> (StatusCode, String) {
    let (status, _, body) = common::post_multipart(app, REPORT, Some(cookie), fields, &[]).await;
    (status, body)
}

async fn report_refused(app: &Router, cookie: &str, fields: &[(&str, &str)], refusal: R) {
    let (status, body) = reporting(app, cookie, fields).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{fields:?}: {body}"
    );
    assert_eq!(
        common::error(&body),
        app::error::AppError::from(refusal),
        "{fields:?}"
    );
}

async fn report_ok(app: &Router, cookie: &str, fields: &[(&str, &str)]) {
    let (status, body) = reporting(app, cookie, fields).await;
    assert_eq!(status, StatusCode::OK, "{fields:?}: {body}");
}

async fn seen(app: &Router, cookie: &str) -> OrganisationsSeen {
    let (status, body) = call(app, cookie, "/api/volunteers/organisations", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("organisations")
}

pub(crate) async fn area_page(app: &Router, code: &str) -> (StatusCode, Option<AreaService>) {
    let (status, _, body) = common::post(
        app,
        "/api/volunteers/area",
        common::form_body(&[("code", code)]),
        None,
    )
    .await;
    (status, serde_json::from_str(&body).ok())
}

/// Everything organisations write, as one text.
async fn fingerprint(pool: &PgPool) -> String {
    sqlx::query_scalar(
        "select concat_ws('|',
             (select string_agg(md5(o::text), '' order by id) from organisations o),
             (select string_agg(md5(r::text), '' order by id) from organisation_resources r),
             (select string_agg(md5(k::text), '' order by id) from resource_asks k),
             (select count(*) from notifications
              where kind like 'organisation_%' or kind like 'resource_%'))",
    )
    .fetch_one(pool)
    .await
    .expect("fingerprint")
}

async fn decide(app: &Router, cookie: &str, id: &str, decision: &str, reason: &str) -> StatusCode {
    let fields = [("id", id), ("decision", decision), ("reason", reason)];
    call(app, cookie, "/api/volunteers/decide_organisation", &fields)
        .await
        .0
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn organisations_report_are_confirmed_and_answer_asks_for_their_resources(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    // Both residents live in 上河村 (the `account` helper's home).
    let contact = account(&app, &pool, "13900000401", "resident", None).await;
    let other = account(&app, &pool, "13900000402", "resident", None).await;
    let community = area_staff(&app, &pool, "13900000403", COMMUNITY).await;
    let street = area_staff(&app, &pool, "13900000404", STREET).await;
    let neighbour = area_staff(&app, &pool, "13900000405", NEIGHBOUR).await;
    let before = fingerprint(&pool).await;

    // Reporting: a resident, to their home community or its street, offering something.
    let nothing = report(
        COMMUNITY,
        "某科技公司党支部",
        &[("room", ""), ("skill", " ")],
    );
    report_refused(&app, &contact, &nothing, R::ResourcesRequired).await;
    let elsewhere = report(NEIGHBOUR, "某科技公司党支部", &[]);
    report_refused(&app, &contact, &elsewhere, R::AreaOutside).await;
    let district = report("110108", "某科技公司党支部", &[]);
    report_refused(&app, &contact, &district, R::AreaOutside).await;
    let phone = report(COMMUNITY, "某科技公司党支部", &[("contact_phone", "12345")]);
    report_refused(&app, &contact, &phone, R::ContactPhoneFormat).await;
    let blank = report(COMMUNITY, " ", &[]);
    report_refused(&app, &contact, &blank, R::NameRequired).await;
    let (status, _) = reporting(&app, &community, &report(COMMUNITY, "某单位", &[])).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "staff report nothing");
    assert_eq!(fingerprint(&pool).await, before, "refusals write nothing");

    report_ok(&app, &contact, &report(COMMUNITY, "某科技公司党支部", &[])).await;
    report_refused(
        &app,
        &other,
        &report(COMMUNITY, "某科技公司党支部", &[]),
        R::NameLive,
    )
    .await;
    report_ok(
        &app,
        &contact,
        &report(STREET, "某医院党委", &[("money", "每年物资 1 万元")]),
    )
    .await;
    report_ok(&app, &other, &report(COMMUNITY, "某学校党支部", &[])).await;

    let OrganisationsSeen::Contact {
        organisations,
        asks,
        report_areas,
    } = seen(&app, &contact).await
    else {
        panic!("a resident sees the contact's part");
    };
    assert!(asks.is_empty());
    let codes: Vec<&str> = report_areas.iter().map(|(code, _)| code.as_str()).collect();
    assert_eq!(
        codes,
        [COMMUNITY, STREET],
        "home community, then its street"
    );
    assert_eq!(organisations.len(), 2);
    let hospital = &organisations[0];
    assert_eq!(hospital.name, "某医院党委", "newest first");
    assert_eq!(hospital.status, VolunteerStatus::Pending);
    assert_eq!(
        hospital
            .resources
            .iter()
            .map(|r| r.kind)
            .collect::<Vec<_>>(),
        [ResourceKind::Room, ResourceKind::Skill, ResourceKind::Money]
    );
    assert_eq!(
        hospital.contact.as_ref().map(|c| c.1.as_str()),
        Some("13900000499")
    );
    let company = organisations[1].clone();

    // Deciding: only staff of the area it reports to, or above it.
    let staff_list = |cookie: String| {
        let app = app.clone();
        async move {
            match seen(&app, &cookie).await {
                OrganisationsSeen::Staff { organisations, .. } => organisations,
                OrganisationsSeen::Contact { .. } => panic!("staff see the staff's part"),
            }
        }
    };
    let theirs = staff_list(community.clone()).await;
    assert_eq!(
        theirs.iter().map(|o| o.name.as_str()).collect::<Vec<_>>(),
        ["某科技公司党支部", "某学校党支部"],
        "a community's staff see what reports to it, not the street's"
    );
    assert_eq!(staff_list(street.clone()).await.len(), 3);
    assert!(staff_list(neighbour.clone()).await.is_empty());
    let before = fingerprint(&pool).await;
    let company_id = company.id.to_string();
    assert_eq!(
        decide(&app, &neighbour, &company_id, "confirm", "").await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        decide(&app, &contact, &company_id, "confirm", "").await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        decide(&app, &community, "99999", "confirm", "").await,
        StatusCode::NOT_FOUND
    );
    let hospital_id = hospital.id.to_string();
    assert_eq!(
        decide(&app, &community, &hospital_id, "confirm", "").await,
        StatusCode::FORBIDDEN,
        "a community's staff do not confirm the street's"
    );
    refused(
        &app,
        &community,
        "/api/volunteers/decide_organisation",
        &[
            ("id", &company_id),
            ("decision", "end"),
            ("reason", "搬走了"),
        ],
        VolunteerRefusal::StatusNotNow,
    )
    .await;
    assert_eq!(fingerprint(&pool).await, before, "refusals write nothing");
    assert_eq!(
        decide(&app, &community, &company_id, "confirm", "").await,
        StatusCode::OK
    );
    assert_eq!(
        decide(&app, &street, &hospital_id, "confirm", "").await,
        StatusCode::OK
    );
    assert_eq!(
        count(
            &pool,
            "select count(*) from notifications where kind = 'organisation_active'"
        )
        .await,
        2
    );

    // Asking: staff of a related area, of a confirmed organisation, for a day to come.
    let room = |o: &app::volunteers::organisations::OrganisationView| o.resources[0].id.to_string();
    let (company_room, hospital_room) = (room(&company), room(hospital));
    let school_room = room(&theirs[1]);
    let ask = |resource: &str, what: &'static str, on: String| {
        vec![
            ("resource", resource.to_owned()),
            ("what", what.to_owned()),
            ("needed_on", on),
        ]
    };
    let fields = |v: &Vec<(&'static str, String)>| -> Vec<(&str, String)> {
        v.iter().map(|(k, s)| (*k, s.clone())).collect()
    };
    let asking = async |cookie: &str, v: Vec<(&'static str, String)>| {
        let f = fields(&v);
        let f: Vec<(&str, &str)> = f.iter().map(|(k, s)| (*k, s.as_str())).collect();
        call(&app, cookie, ASK, &f).await
    };
    let before = fingerprint(&pool).await;
    let tomorrow = crate::volunteers::day(1);
    let refused_ask = async |cookie: &str, v: Vec<(&'static str, String)>, refusal: R| {
        let (status, body) = asking(cookie, v).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(common::error(&body), app::error::AppError::from(refusal));
    };
    refused_ask(
        &neighbour,
        ask(&company_room, "借会议室", tomorrow.clone()),
        R::ResourceOutside,
    )
    .await;
    refused_ask(
        &community,
        ask(&school_room, "借会议室", tomorrow.clone()),
        R::ResourceNotServing,
    )
    .await;
    refused_ask(
        &community,
        ask(&company_room, "借会议室", crate::volunteers::day(-1)),
        R::NeededOnPast,
    )
    .await;
    refused_ask(
        &community,
        ask(&company_room, " ", tomorrow.clone()),
        R::WhatRequired,
    )
    .await;
    assert_eq!(
        asking(&contact, ask(&company_room, "借会议室", tomorrow.clone()))
            .await
            .0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        asking(&community, ask("99999", "借会议室", tomorrow.clone()))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(fingerprint(&pool).await, before, "refusals write nothing");
    let (status, body) = asking(
        &community,
        ask(&company_room, "周六居民议事会借会议室", tomorrow.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // A street's organisation serves its communities too.
    let (status, body) = asking(
        &community,
        ask(&hospital_room, "义诊场地", tomorrow.clone()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        count(
            &pool,
            "select count(*) from notifications where kind = 'resource_asked'"
        )
        .await,
        2
    );

    // Answering: only the contact, once; declining says why.
    let OrganisationsSeen::Contact { asks, .. } = seen(&app, &contact).await else {
        panic!("the contact's part");
    };
    assert_eq!(asks.len(), 2);
    assert!(asks.iter().all(|a| a.status == AskStatus::Asked));
    let first = asks[0].id.to_string();
    let before = fingerprint(&pool).await;
    let (status, _) = call(
        &app,
        &other,
        ANSWER,
        &[("id", &first), ("answer", "agreed"), ("note", "")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "only its contact answers");
    refused(
        &app,
        &contact,
        ANSWER,
        &[("id", &first), ("answer", "declined"), ("note", " ")],
        R::NoteRequired,
    )
    .await;
    refused(
        &app,
        &contact,
        ANSWER,
        &[("id", &first), ("answer", "asked"), ("note", "")],
        R::AnswerUnknown,
    )
    .await;
    assert_eq!(fingerprint(&pool).await, before, "refusals write nothing");
    ok(
        &app,
        &contact,
        ANSWER,
        &[
            ("id", &first),
            ("answer", "agreed"),
            ("note", "周六上午可用"),
        ],
    )
    .await;
    refused(
        &app,
        &contact,
        ANSWER,
        &[("id", &first), ("answer", "declined"), ("note", "改主意")],
        R::AskAnswered,
    )
    .await;
    assert_eq!(
        count(
            &pool,
            "select count(*) from notifications n join users u on u.id = n.user_id
                      where n.kind = 'resource_agreed' and u.phone = '13900000403'"
        )
        .await,
        1,
        "whoever asked is told"
    );
    let OrganisationsSeen::Staff { asks, .. } = seen(&app, &community).await else {
        panic!("the staff's part");
    };
    let answered = asks
        .iter()
        .find(|a| a.id.to_string() == first)
        .expect("the ask");
    assert_eq!(
        (answered.status, answered.answer.as_deref()),
        (AskStatus::Agreed, Some("周六上午可用"))
    );

    // The pages count the confirmed ones and show no contact.
    let (_, page) = area_page(&app, COMMUNITY).await;
    let page = page.expect("the community's page");
    assert_eq!(page.total.organisations, 1);
    assert!(!page.street);
    assert_eq!(page.organisations.len(), 2, "its own and its street's");
    assert!(page.organisations.iter().all(|o| o.contact.is_none()));
    let (_, page) = area_page(&app, STREET).await;
    let page = page.expect("the street's page");
    assert_eq!(
        page.total.organisations, 2,
        "the street's own and its communities'"
    );
    assert!(page.street && !page.communities.is_empty());
    assert_eq!(
        area_page(&app, "110108").await.0,
        StatusCode::NOT_FOUND,
        "a district has none"
    );
    assert_eq!(area_page(&app, "999999").await.0, StatusCode::NOT_FOUND);

    // Ending one takes it off the count and out of reach of asks.
    assert_eq!(
        decide(&app, &community, &company_id, "end", "单位搬迁").await,
        StatusCode::OK
    );
    assert_eq!(
        area_page(&app, COMMUNITY)
            .await
            .1
            .expect("page")
            .total
            .organisations,
        0
    );
    refused_ask(
        &community,
        ask(&company_room, "借会议室", tomorrow),
        R::ResourceNotServing,
    )
    .await;
}
