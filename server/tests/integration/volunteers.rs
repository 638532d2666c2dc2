//! Volunteering through the real router and database: community staff appoint stewards and
//! confirm volunteers and party members (staff elsewhere may not; nobody appoints
//! themselves); rosters write their shifts; shifts fill to their places and no further, even
//! under a race; every refusal writes nothing.

use crate::common;
use app::error::AppError;
use app::ssr::Settings;
use app::volunteers::{
    MyVolunteering, StaffVolunteering, VolunteerKind, VolunteerRefusal as R, VolunteerStatus,
};
use axum::http::StatusCode;
use axum::Router;
use common::{account, app, area_staff, count, error, form_body, post, post_multipart, verify};
use ids::{ShiftId, VolunteerId};
use sqlx::PgPool;

pub(crate) const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");
/// The demo resident's community: 上河村社区, in 曙光街道.
pub(crate) const COMMUNITY: &str = "110108025014";
/// Another community of the same street: 曙光花园社区.
pub(crate) const NEIGHBOUR: &str = "110108025001";

pub(crate) async fn call(
    app: &Router,
    cookie: &str,
    path: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let (status, _, body) = post(app, path, form_body(fields), Some(cookie)).await;
    (status, body)
}

/// A call that must be refused with `refusal`.
pub(crate) async fn refused(
    app: &Router,
    cookie: &str,
    path: &str,
    fields: &[(&str, &str)],
    refusal: impl Into<AppError>,
) {
    let refusal = refusal.into();
    let (status, body) = call(app, cookie, path, fields).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{path} {fields:?}: {body}"
    );
    assert_eq!(error(&body), refusal, "{path} {fields:?}");
}

pub(crate) async fn ok(app: &Router, cookie: &str, path: &str, fields: &[(&str, &str)]) {
    let (status, body) = call(app, cookie, path, fields).await;
    assert_eq!(status, StatusCode::OK, "{path} {fields:?}: {body}");
}

pub(crate) async fn mine(app: &Router, cookie: &str) -> MyVolunteering {
    let (status, body) = call(app, cookie, "/api/volunteers/mine", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("my volunteering")
}

pub(crate) async fn staff(app: &Router, cookie: &str) -> StaffVolunteering {
    let (status, body) = call(app, cookie, "/api/volunteers/staff", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("the staff's volunteering")
}

/// Everything volunteering writes, as one text.
async fn fingerprint(pool: &PgPool) -> String {
    sqlx::query_scalar(
        "select concat_ws('|',
             (select string_agg(md5(v::text), '' order by id) from volunteers v),
             (select string_agg(md5(r::text), '' order by id) from rosters r),
             (select string_agg(md5(s::text), '' order by id) from shifts s),
             (select string_agg(md5(g::text), '' order by id) from shift_signups g),
             (select count(*) from notifications where kind like 'volunteer_%'))",
    )
    .fetch_one(pool)
    .await
    .expect("fingerprint")
}

fn decision(
    id: VolunteerId,
    decision: &'static str,
    reason: &'static str,
) -> [(&'static str, String); 3] {
    [
        ("id", id.to_string()),
        ("decision", decision.to_owned()),
        ("reason", reason.to_owned()),
    ]
}

pub(crate) async fn decide(
    app: &Router,
    cookie: &str,
    id: VolunteerId,
    which: &'static str,
    reason: &'static str,
) -> (StatusCode, String) {
    let fields = decision(id, which, reason);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    call(app, cookie, "/api/volunteers/decide", &fields).await
}

fn appointment<'a>(community: &'a str, phone: &'a str) -> [(&'a str, &'a str); 4] {
    [
        ("community", community),
        ("phone", phone),
        ("patch", "3号楼至5号楼"),
        ("starts_on", "2026-12-07"),
    ]
}

/// Verifies the demo resident in 上河村 and has `staff` appoint them its steward.
async fn make_steward(app: &Router, pool: &PgPool, staff: &str) {
    verify(pool, RESIDENT.0).await;
    let fields = appointment(COMMUNITY, RESIDENT.0);
    ok(app, staff, "/api/volunteers/appoint", &fields).await;
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn community_staff_appoint_stewards_and_confirm_volunteers_and_party_members(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = common::signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    // A second resident of 上河村 (the `account` helper's home), not verified.
    let member = account(&app, &pool, "13900000301", "resident", None).await;
    let community = area_staff(&app, &pool, "13900000302", COMMUNITY).await;
    let street = area_staff(&app, &pool, "13900000303", "110108025").await;
    let neighbour = area_staff(&app, &pool, "13900000304", NEIGHBOUR).await;
    let district = area_staff(&app, &pool, "13900000305", "110108").await;
    let before = fingerprint(&pool).await;

    // Appointing: only area staff, only in their area, only a resident verified there.
    let (status, _) = call(
        &app,
        &resident,
        "/api/volunteers/appoint",
        &appointment(COMMUNITY, RESIDENT.0),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::FORBIDDEN,
        "a resident appointing themselves"
    );
    let appoint = "/api/volunteers/appoint";
    refused(
        &app,
        &community,
        appoint,
        &appointment(COMMUNITY, RESIDENT.0),
        R::PhoneNotVerified,
    )
    .await;
    verify(&pool, RESIDENT.0).await;
    refused(
        &app,
        &neighbour,
        appoint,
        &appointment(COMMUNITY, RESIDENT.0),
        R::CommunityOutside,
    )
    .await;
    // A district's staff decide, but do not appoint.
    refused(
        &app,
        &district,
        appoint,
        &appointment(COMMUNITY, RESIDENT.0),
        R::CommunityOutside,
    )
    .await;
    refused(
        &app,
        &community,
        appoint,
        &appointment("110108", RESIDENT.0),
        R::CommunityRequired,
    )
    .await;
    refused(
        &app,
        &community,
        appoint,
        &appointment(COMMUNITY, "13900000301"),
        R::PhoneNotVerified,
    )
    .await;
    let mut blank = appointment(COMMUNITY, RESIDENT.0);
    blank[2].1 = " ";
    refused(&app, &community, appoint, &blank, R::PatchRequired).await;
    assert_eq!(fingerprint(&pool).await, before, "refusals write nothing");

    ok(
        &app,
        &community,
        appoint,
        &appointment(COMMUNITY, RESIDENT.0),
    )
    .await;
    refused(
        &app,
        &street,
        appoint,
        &appointment(COMMUNITY, RESIDENT.0),
        R::PhoneAlready,
    )
    .await;
    let steward = mine(&app, &resident).await.roles;
    assert_eq!(steward.len(), 1);
    assert_eq!(
        (
            steward[0].kind,
            steward[0].status,
            steward[0].patch.as_deref()
        ),
        (
            VolunteerKind::Steward,
            VolunteerStatus::Active,
            Some("3号楼至5号楼")
        )
    );
    assert_eq!(
        steward[0].resident, None,
        "a resident's own view shows no phone"
    );
    assert_eq!(
        count(
            &pool,
            "select count(*) from notifications where kind = 'volunteer_appointed'"
        )
        .await,
        1
    );

    // Residents offer; a party member names their organisation; nobody offers twice.
    let offer = "/api/volunteers/offer";
    ok(
        &app,
        &resident,
        offer,
        &[("kind", "volunteer"), ("organisation", "")],
    )
    .await;
    refused(
        &app,
        &resident,
        offer,
        &[("kind", "volunteer"), ("organisation", "")],
        R::KindLive,
    )
    .await;
    refused(
        &app,
        &resident,
        offer,
        &[("kind", "steward"), ("organisation", "")],
        R::KindUnknown,
    )
    .await;
    refused(
        &app,
        &member,
        offer,
        &[("kind", "party_member"), ("organisation", " ")],
        R::OrganisationRequired,
    )
    .await;
    ok(
        &app,
        &member,
        offer,
        &[
            ("kind", "party_member"),
            ("organisation", "某科技公司党支部"),
        ],
    )
    .await;
    let (status, _) = call(
        &app,
        &community,
        offer,
        &[("kind", "volunteer"), ("organisation", "")],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "staff offer nothing");

    // The community's, street's and district's staff see them; a neighbour's do not.
    let list = staff(&app, &community).await;
    assert_eq!((list.pending.len(), list.serving.len()), (2, 1));
    assert_eq!(list.communities.len(), 1);
    assert!(
        list.pending.iter().all(|r| r.resident.is_some()),
        "staff see who"
    );
    assert_eq!(staff(&app, &street).await.communities.len(), count(&pool, "select count(*) from areas where parent_id = (select id from areas where code = '110108025')").await as usize);
    assert!(
        staff(&app, &district).await.communities.is_empty(),
        "a district decides only"
    );
    assert_eq!(staff(&app, &district).await.pending.len(), 2);
    let theirs = staff(&app, &neighbour).await;
    assert!(theirs.pending.is_empty() && theirs.serving.is_empty());
    let (status, _) = call(&app, &resident, "/api/volunteers/staff", &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Deciding: another community's staff may not; declining says why; one way each.
    let party = list
        .pending
        .iter()
        .find(|r| r.kind == VolunteerKind::PartyMember)
        .expect("the party member");
    assert_eq!(party.organisation.as_deref(), Some("某科技公司党支部"));
    let volunteer = list
        .pending
        .iter()
        .find(|r| r.kind == VolunteerKind::Volunteer)
        .expect("the volunteer");
    let before = fingerprint(&pool).await;
    assert_eq!(
        decide(&app, &neighbour, party.id, "confirm", "").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        decide(&app, &member, party.id, "confirm", "").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        decide(&app, &community, VolunteerId(99_999), "confirm", "")
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (status, body) = decide(&app, &community, volunteer.id, "decline", " ").await;
    assert_eq!(
        (status, error(&body)),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            AppError::from(R::ReasonRequired)
        )
    );
    let (_, body) = decide(&app, &community, volunteer.id, "end", "不再参加").await;
    assert_eq!(
        error(&body),
        AppError::from(R::StatusNotNow),
        "only what serves ends"
    );
    assert_eq!(fingerprint(&pool).await, before);

    let (status, body) = decide(&app, &community, party.id, "confirm", "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = decide(&app, &street, volunteer.id, "decline", "本季度队伍已满").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, body) = decide(&app, &community, party.id, "confirm", "").await;
    assert_eq!(error(&body), AppError::from(R::StatusNotNow));
    let member_view = mine(&app, &member).await;
    assert_eq!(member_view.roles[0].status, VolunteerStatus::Active);
    assert!(!member_view.can_report && member_view.can_join);
    let resident_view = mine(&app, &resident).await;
    let declined = resident_view
        .roles
        .iter()
        .find(|r| r.kind == VolunteerKind::Volunteer)
        .expect("declined");
    assert_eq!(
        (declined.status, declined.reason.as_deref()),
        (VolunteerStatus::Declined, Some("本季度队伍已满"))
    );
    assert!(resident_view.can_join, "declined: they may ask again");

    // The steward's appointment ends, with a reason; they hear of each decision.
    let steward_id = steward[0].id;
    let (status, body) = decide(&app, &community, steward_id, "end", "已搬离本片区").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        count(
            &pool,
            "select count(*) from notifications where kind like 'volunteer_%'"
        )
        .await,
        4
    );
    assert!(staff(&app, &community)
        .await
        .serving
        .iter()
        .all(|r| r.id != steward_id));

    // Moving home ends what they served in the old community.
    assert_eq!(staff(&app, &community).await.figures[0].party_members, 1);
    sqlx::query(
        "update users set home_community_id = (select id from areas where code = $1)
         where phone = '13900000301'",
    )
    .bind(NEIGHBOUR)
    .execute(&pool)
    .await
    .expect("moved");
    let moved = mine(&app, &member).await;
    assert_eq!(moved.roles[0].status, VolunteerStatus::Ended);
    assert!(moved.can_report, "they may report to their new community");
    assert_eq!(staff(&app, &community).await.figures[0].party_members, 0);
}

/// A roster form's fields, with `changes`.
pub(crate) fn roster<'a>(
    community: &'a str,
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("community", community),
        ("title", "垃圾分类桶前值守"),
        ("place", "3号楼西侧桶站"),
        ("weekdays", "1"),
        ("weekdays", "2"),
        ("weekdays", "3"),
        ("weekdays", "4"),
        ("weekdays", "5"),
        ("weekdays", "6"),
        ("weekdays", "7"),
        ("starts", "07:00"),
        ("ends", "09:00"),
        ("places", "2"),
    ];
    for (k, _) in changes {
        fields.retain(|(name, _)| name != k);
    }
    fields.extend_from_slice(changes);
    fields
}

pub(crate) async fn post_roster(
    app: &Router,
    cookie: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String) {
    let (status, _, body) =
        post_multipart(app, "/api/volunteers/roster", Some(cookie), fields, &[]).await;
    (status, body)
}

/// A date `days` from today in Beijing.
pub(crate) fn day(days: i64) -> String {
    (chrono::Utc::now() + chrono::Duration::hours(8) + chrono::Duration::days(days))
        .format("%Y-%m-%d")
        .to_string()
}

pub(crate) async fn sign_up(
    app: &Router,
    cookie: &str,
    shift: ShiftId,
    cancel: bool,
) -> (StatusCode, String) {
    let id = shift.to_string();
    let cancel = if cancel { "1" } else { "" };
    call(
        app,
        cookie,
        "/api/volunteers/shift",
        &[("shift", &id), ("cancel", cancel)],
    )
    .await
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn rosters_write_their_shifts_which_fill_to_their_places(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = common::signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let other = account(&app, &pool, "13900000311", "resident", None).await;
    let third = account(&app, &pool, "13900000312", "resident", None).await;
    let community = area_staff(&app, &pool, "13900000313", COMMUNITY).await;
    let neighbour = area_staff(&app, &pool, "13900000314", NEIGHBOUR).await;
    let (tomorrow, in_a_week) = (day(1), day(7));

    // Refusals write nothing.
    let before = fingerprint(&pool).await;
    let span = [
        ("first_day", tomorrow.as_str()),
        ("last_day", in_a_week.as_str()),
    ];
    let (status, _) = post_roster(&app, &resident, &roster(COMMUNITY, &span)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    for (cookie, changes, refusal) in [
        (&neighbour, vec![], R::CommunityOutside),
        (&community, vec![("places", "0")], R::PlacesFormat),
        (&community, vec![("ends", "06:00")], R::EndsBeforeStart),
        (
            &community,
            vec![("last_day", "2020-01-02"), ("first_day", "2020-01-01")],
            R::LastDayPast,
        ),
    ] {
        let mut fields = roster(COMMUNITY, &span);
        for (k, v) in changes {
            fields.retain(|(name, _)| *name != k);
            fields.push((k, v));
        }
        let (status, body) = post_roster(&app, cookie, &fields).await;
        assert_eq!(
            (status, error(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, AppError::from(refusal))
        );
    }
    let weekdays_gone: Vec<_> = roster(COMMUNITY, &span)
        .into_iter()
        .filter(|(k, _)| *k != "weekdays")
        .collect();
    let (_, body) = post_roster(&app, &community, &weekdays_gone).await;
    assert_eq!(error(&body), AppError::from(R::WeekdaysRequired));
    assert_eq!(fingerprint(&pool).await, before);

    // Every day of the week from tomorrow for a week: seven shifts.
    let (status, body) = post_roster(&app, &community, &roster(COMMUNITY, &span)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(count(&pool, "select count(*) from shifts").await, 7);
    let shifts = staff(&app, &community).await.shifts;
    assert_eq!(shifts.len(), 7);
    assert!(shifts
        .iter()
        .all(|s| s.places == 2 && s.taken == 0 && s.upcoming));
    let first = shifts[0].id;
    let seven_am = count(&pool, &format!(
        "select extract(hour from starts_at at time zone 'Asia/Shanghai')::bigint from shifts where id = {first}"
    ))
    .await;
    assert_eq!(seven_am, 7, "shifts are in Beijing time");

    // Only those serving the community sign up.
    let (_, body) = sign_up(&app, &resident, first, false).await;
    assert_eq!(error(&body), AppError::from(R::ShiftNotServing));
    assert!(
        mine(&app, &resident).await.shifts.is_empty(),
        "not serving: no shifts to show"
    );
    make_steward(&app, &pool, &community).await;
    for cookie in [&other, &third] {
        ok(
            &app,
            cookie,
            "/api/volunteers/offer",
            &[("kind", "volunteer"), ("organisation", "")],
        )
        .await;
    }
    for role in staff(&app, &community).await.pending {
        let (status, body) = decide(&app, &community, role.id, "confirm", "").await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    assert_eq!(mine(&app, &resident).await.shifts.len(), 7);

    let (status, body) = sign_up(&app, &resident, first, false).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, body) = sign_up(&app, &resident, first, false).await;
    assert_eq!(error(&body), AppError::from(R::ShiftAlready));
    ok(
        &app,
        &other,
        "/api/volunteers/shift",
        &[("shift", &first.to_string()), ("cancel", "")],
    )
    .await;
    let (_, body) = sign_up(&app, &third, first, false).await;
    assert_eq!(error(&body), AppError::from(R::ShiftFull));
    let shown = staff(&app, &community).await.shifts.remove(0);
    assert!(shown.covered());
    assert_eq!(
        shown.names,
        vec!["马大姐".to_owned(), "测试resident".to_owned()]
    );
    assert!(mine(&app, &resident).await.shifts[0].mine);
    assert!(
        mine(&app, &resident).await.shifts[0].names.is_empty(),
        "residents see no names"
    );

    // Cancelling frees the place; cancelling twice is refused.
    let (status, _) = sign_up(&app, &resident, first, true).await;
    assert_eq!(status, StatusCode::OK);
    let (_, body) = sign_up(&app, &resident, first, true).await;
    assert_eq!(error(&body), AppError::from(R::ShiftNotSigned));
    let (status, body) = sign_up(&app, &third, first, false).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        count(
            &pool,
            &format!("select taken::bigint from shifts where id = {first}")
        )
        .await,
        2
    );
    // Ending a role gives back the places its holder took in shifts still to come.
    let third_role: i64 = sqlx::query_scalar(
        "select v.id from volunteers v join users u on u.id = v.resident_id
         where u.phone = '13900000312' and v.status = 'active'",
    )
    .fetch_one(&pool)
    .await
    .expect("the third's role");
    let (status, body) = decide(&app, &community, VolunteerId(third_role), "end", "不再参加").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let taken = format!("select taken::bigint from shifts where id = {first}");
    assert_eq!(count(&pool, &taken).await, 1);
    let (_, body) = check(&app, &third, first, false).await;
    assert_eq!(error(&body), AppError::from(R::ShiftNotSigned));

    // A shift that has begun takes no one, and no one leaves it.
    let second = shifts[1].id;
    sqlx::query("update shifts set starts_at = now() - interval '1 minute' where id = $1")
        .bind(second.0)
        .execute(&pool)
        .await
        .expect("begun");
    let (_, body) = sign_up(&app, &resident, second, false).await;
    assert_eq!(error(&body), AppError::from(R::ShiftPast));
    let (_, body) = sign_up(&app, &other, second, false).await;
    assert_eq!(error(&body), AppError::from(R::ShiftPast));
    let (_, body) = sign_up(&app, &resident, second, true).await;
    assert_eq!(
        error(&body),
        AppError::from(R::ShiftNotSigned),
        "none leaves it"
    );
    let (status, _) = sign_up(&app, &resident, ShiftId(99_999), false).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = sign_up(&app, &community, first, false).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "staff do not sign up");
}

/// 100 residents serving a community sign up at once for a shift with 5 places: exactly 5
/// get one, and the count matches the sign-ups.
#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_hundred_sign_ups_at_once_for_five_places_get_five(pool: PgPool) {
    let _app = app(pool.clone(), Settings::default()).await;
    sqlx::query(
        "insert into users (phone, password_hash, display_name, role, home_community_id)
         select '1390001' || lpad(n::text, 4, '0'), 'x', '居民' || n, 'resident',
                (select id from areas where code = $1)
         from generate_series(1, 100) n",
    )
    .bind(COMMUNITY)
    .execute(&pool)
    .await
    .expect("residents");
    sqlx::query(
        "insert into volunteers (resident_id, community_id, kind, status, decided_at)
         select id, home_community_id, 'volunteer', 'active', now() from users
         where phone like '1390001%'",
    )
    .execute(&pool)
    .await
    .expect("volunteers");
    let staff: i64 = sqlx::query_scalar("select id from users where phone = '13800000004'")
        .fetch_one(&pool)
        .await
        .expect("staff");
    let mut conn = pool.acquire().await.expect("conn");
    let community = db::areas::community_id(&mut conn, COMMUNITY)
        .await
        .expect("q")
        .expect("community");
    let tomorrow = (chrono::Utc::now() + chrono::Duration::days(2)).date_naive();
    let (_, shifts) = db::volunteers::create_roster(
        &mut conn,
        &db::volunteers::NewRoster {
            community_id: community,
            title: "桶前值守",
            place: "桶站",
            weekdays: &[1, 2, 3, 4, 5, 6, 7],
            starts: chrono::NaiveTime::from_hms_opt(7, 0, 0).expect("7:00"),
            ends: chrono::NaiveTime::from_hms_opt(9, 0, 0).expect("9:00"),
            places: 5,
            first_day: tomorrow,
            last_day: tomorrow,
            details: None,
        },
        ids::UserId(staff),
    )
    .await
    .expect("roster");
    assert_eq!(shifts, 1);
    drop(conn);
    let shift: i64 = sqlx::query_scalar("select id from shifts")
        .fetch_one(&pool)
        .await
        .expect("shift");
    let residents: Vec<i64> =
        sqlx::query_scalar("select id from users where phone like '1390001%'")
            .fetch_all(&pool)
            .await
            .expect("ids");
    // As many at once as the pool has connections.
    let tries = residents.into_iter().map(|resident| {
        let pool = pool.clone();
        tokio::spawn(async move {
            let mut tx = pool.begin().await.expect("begin");
            let outcome = db::volunteers::sign_up(&mut tx, ShiftId(shift), ids::UserId(resident))
                .await
                .expect("sign up");
            tx.commit().await.expect("commit");
            outcome
        })
    });
    let outcomes: Vec<_> = futures::future::join_all(tries)
        .await
        .into_iter()
        .map(|r| r.expect("task"))
        .collect();
    let done = outcomes
        .iter()
        .filter(|o| **o == db::volunteers::SignUp::Done)
        .count();
    let full = outcomes
        .iter()
        .filter(|o| **o == db::volunteers::SignUp::Full)
        .count();
    assert_eq!((done, full), (5, 95));
    assert_eq!(
        count(
            &pool,
            "select count(*) from shift_signups where status = 'signed'"
        )
        .await,
        5
    );
    assert_eq!(count(&pool, "select taken::bigint from shifts").await, 5);
}

pub(crate) async fn check(
    app: &Router,
    cookie: &str,
    shift: ShiftId,
    out: bool,
) -> (StatusCode, String) {
    let id = shift.to_string();
    let out = if out { "1" } else { "" };
    call(
        app,
        cookie,
        "/api/volunteers/check",
        &[("shift", &id), ("out", out)],
    )
    .await
}

/// Moves shift `id` to start `starts` and end `ends` (SQL intervals from now).
pub(crate) async fn move_shift(pool: &PgPool, id: ShiftId, starts: &str, ends: &str) {
    sqlx::query(&format!(
        "update shifts set starts_at = now() + interval '{starts}', ends_at = now() + interval '{ends}'
         where id = $1"
    ))
    .bind(id.0)
    .execute(pool)
    .await
    .expect("moved");
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_worker_reminds_tells_of_short_shifts_and_closes_them_and_hours_count(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let community = area_staff(&app, &pool, "13900000321", COMMUNITY).await;
    let mut people = Vec::new();
    for phone in ["13900000322", "13900000323", "13900000324"] {
        let cookie = account(&app, &pool, phone, "resident", None).await;
        ok(
            &app,
            &cookie,
            "/api/volunteers/offer",
            &[("kind", "volunteer"), ("organisation", "")],
        )
        .await;
        people.push(cookie);
    }
    for role in staff(&app, &community).await.pending {
        assert_eq!(
            decide(&app, &community, role.id, "confirm", "").await.0,
            StatusCode::OK
        );
    }
    // One shift, three days ahead (past the time the staff are told of a short one).
    let third_day = day(3);
    let span = [
        ("first_day", third_day.as_str()),
        ("last_day", third_day.as_str()),
        ("places", "4"),
    ];
    let (status, body) = post_roster(&app, &community, &roster(COMMUNITY, &span)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let shift = staff(&app, &community).await.shifts[0].id;
    for cookie in &people {
        assert_eq!(sign_up(&app, cookie, shift, false).await.0, StatusCode::OK);
    }
    let notices = |kind: &'static str| {
        let pool = pool.clone();
        async move {
            count(
                &pool,
                &format!("select count(*) from notifications where kind = '{kind}'"),
            )
            .await
        }
    };
    server::worker::pass(&pool).await.expect("pass");
    assert_eq!(
        (
            notices("shift_reminder").await,
            notices("shift_short").await
        ),
        (0, 0),
        "too early"
    );

    // Within a day: each is reminded once, and the community's staff told once it is short.
    move_shift(&pool, shift, "1 hour", "3 hours").await;
    server::worker::pass(&pool).await.expect("pass");
    server::worker::pass(&pool).await.expect("pass again");
    assert_eq!(notices("shift_reminder").await, 3);
    let staff_told = count(
        &pool,
        "select count(*) from notifications n join users u on u.id = n.user_id
         where n.kind = 'shift_short' and u.phone = '13900000321'",
    )
    .await;
    assert_eq!(staff_told, 1);
    let short_note: String =
        sqlx::query_scalar("select note from notifications where kind = 'shift_short' limit 1")
            .fetch_one(&pool)
            .await
            .expect("note");
    assert!(short_note.ends_with("垃圾分类桶前值守 · 1"), "{short_note}");

    // On site: not before the window; in, once; out, once, after in.
    let (_, body) = check(&app, &people[0], shift, false).await;
    assert_eq!(error(&body), AppError::from(R::ShiftNotNow));
    move_shift(&pool, shift, "-10 minutes", "50 minutes").await;
    let (_, body) = check(&app, &people[0], shift, true).await;
    assert_eq!(
        error(&body),
        AppError::from(R::ShiftChecked),
        "out before in"
    );
    for cookie in &people[..2] {
        assert_eq!(check(&app, cookie, shift, false).await.0, StatusCode::OK);
    }
    let (_, body) = check(&app, &people[0], shift, false).await;
    assert_eq!(error(&body), AppError::from(R::ShiftChecked));
    let outsider = account(&app, &pool, "13900000325", "resident", None).await;
    let (_, body) = check(&app, &outsider, shift, false).await;
    assert_eq!(error(&body), AppError::from(R::ShiftNotSigned));
    let seen = mine(&app, &people[0]).await.shifts.remove(0);
    assert!(seen.checked_in && seen.can_check_out && !seen.can_check_in && !seen.upcoming);
    assert_eq!(check(&app, &people[0], shift, true).await.0, StatusCode::OK);
    let (_, body) = check(&app, &people[0], shift, true).await;
    assert_eq!(error(&body), AppError::from(R::ShiftChecked));

    // Over: the first served the hour within it (in early and out late count from its start
    // to its end); the second, in but never out, is out at its end; the third is a no-show.
    sqlx::query(
        "update shifts set starts_at = now() - interval '4 hours', ends_at = now() - interval '3 hours'
         where id = $1",
    )
    .bind(shift.0)
    .execute(&pool)
    .await
    .expect("over");
    sqlx::query(
        "update shift_signups g set checked_in_at = s.starts_at + interval '30 minutes'
         from shifts s, users u
         where s.id = g.shift_id and u.id = g.resident_id and u.phone = '13900000323'",
    )
    .execute(&pool)
    .await
    .expect("came late");
    sqlx::query(
        "update shift_signups g set checked_in_at = s.starts_at - interval '10 minutes',
                                    checked_out_at = s.ends_at + interval '10 minutes'
         from shifts s, users u
         where s.id = g.shift_id and u.id = g.resident_id and u.phone = '13900000322'",
    )
    .execute(&pool)
    .await
    .expect("stayed long");
    server::worker::pass(&pool).await.expect("pass");
    assert_eq!(mine(&app, &people[0]).await.served, (1, 60, 0));
    assert_eq!(mine(&app, &people[1]).await.served, (1, 30, 0));
    assert_eq!(mine(&app, &people[2]).await.served, (0, 0, 1));
    let (_, body) = check(&app, &people[2], shift, false).await;
    assert_eq!(
        error(&body),
        AppError::from(R::ShiftNotSigned),
        "a no-show checks in no more"
    );
    // Leaders' figures: the shift counted once, uncovered (2 of its 4 places came).
    server::worker::pass(&pool).await.expect("pass again");
    let month = count(
        &pool,
        "select (shifts * 1000000 + covered * 100000 + minutes * 10 + no_shows)::bigint
         from service_months",
    )
    .await;
    assert_eq!(month, 1_000_000 + 90 * 10 + 1);
    let figures = staff(&app, &community).await.figures;
    assert_eq!((figures.len(), figures[0].volunteers), (1, 3));
}

/// A small JPEG, as a phone's camera would send.
fn photo() -> Vec<u8> {
    let mut bytes = Vec::new();
    image::DynamicImage::ImageRgb8(image::RgbImage::from_pixel(
        64,
        48,
        image::Rgb([90, 140, 60]),
    ))
    .write_to(
        &mut std::io::Cursor::new(&mut bytes),
        image::ImageFormat::Jpeg,
    )
    .expect("jpeg");
    bytes
}

async fn confirm_fix(
    app: &Router,
    cookie: &str,
    number: &str,
    with_photo: bool,
) -> (StatusCode, String) {
    let jpeg = photo();
    let files: Vec<(&str, &str, &[u8])> = if with_photo {
        vec![("photos", "fixed.jpg", jpeg.as_slice())]
    } else {
        Vec::new()
    };
    let fields = [("number", number), ("note", "路灯已修好，晚上亮了")];
    let (status, _, body) = post_multipart(
        app,
        "/api/volunteers/confirm_fix",
        Some(cookie),
        &fields,
        &files,
    )
    .await;
    (status, body)
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_steward_reports_from_their_patch_and_confirms_a_fix_on_site(pool: PgPool) {
    use app::requests::{RequestRefusal, Status};
    let settings = Settings {
        filings_per_hour: 1000,
        ..Settings::default()
    };
    let app = app(pool.clone(), settings).await;
    let steward = common::signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let neighbour = account(&app, &pool, "13900000331", "resident", None).await;
    // The demo community staff of 上河村 act for its committee.
    let committee = common::signed_in(&app, "13800000006", "jiesu-community").await;
    let community = area_staff(&app, &pool, "13900000332", COMMUNITY).await;

    // Not a steward yet: a patrol report is refused, and there is nothing to confirm with.
    let (_, body, _) =
        common::try_record(&app, &steward, "00000000-0000-4000-8000-000000000301", &[]).await;
    assert_eq!(
        error(&body),
        AppError::from(RequestRefusal::SourceNotFinder)
    );
    make_steward(&app, &pool, &community).await;
    let (status, body) = call(&app, &steward, "/api/requests/finder", &[]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let setup: Option<app::requests::FinderSetup> = serde_json::from_str(&body).expect("setup");
    let setup = setup.expect("a steward reports");
    assert!(setup.steward && setup.units.is_empty());
    assert_eq!(setup.area_code, COMMUNITY);

    // Only on patrol, in their community, summoning nobody.
    let before = count(&pool, "select count(*) from requests").await;
    for (n, fields, refusal) in [
        (
            2,
            vec![("source", "hot_spot")],
            RequestRefusal::SourceNotFinder,
        ),
        (
            3,
            vec![("summon", "city_management")],
            RequestRefusal::SourceNotFinder,
        ),
        (
            4,
            vec![("community", NEIGHBOUR)],
            RequestRefusal::CommunityNotOurs,
        ),
    ] {
        let key = format!("00000000-0000-4000-8000-00000000030{n}");
        let (_, body, _) = common::try_record(&app, &steward, &key, &fields).await;
        assert_eq!(error(&body), AppError::from(refusal), "{fields:?}");
    }
    assert_eq!(count(&pool, "select count(*) from requests").await, before);
    let number = common::record(&app, &steward, "00000000-0000-4000-8000-000000000305", &[]).await;
    assert_eq!(count(&pool, "select count(*) from steward_cases").await, 1);

    // It is in the committee's queue, in progress; the steward follows it but never rates it.
    let page = common::view(&app, Some(&steward), &number).await;
    assert!(page.request.is_mine && !page.rating.can_rate);
    assert_eq!(page.request.status, Status::InProgress);
    let unit: String = sqlx::query_scalar(
        "select u.code from requests r join units u on u.id = r.unit_id where r.tracking_number = $1",
    )
    .bind(&number)
    .fetch_one(&pool)
    .await
    .expect("unit");
    assert_eq!(unit, "community:110108025014");
    let resolution = [("closure", "resolved"), ("explanation", "已更换灯泡")];
    common::step(&app, &committee, &number, "resolve", &resolution).await;
    let rating = [
        ("number", number.as_str()),
        ("outcome", "resolved"),
        ("satisfaction", "5"),
    ];
    let (status, _, _) =
        post_multipart(&app, "/api/requests/rate", Some(&steward), &rating, &[]).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "nobody rates a found case");

    // On site, with a photo: once; not by a resident who is no steward.
    let listed = mine(&app, &steward).await;
    assert!(listed.steward);
    assert_eq!(listed.to_confirm.len(), 1);
    assert!(!listed.to_confirm[0].confirmed);
    let before = count(&pool, "select count(*) from request_events").await;
    let (_, body) = confirm_fix(&app, &steward, &number, false).await;
    assert_eq!(error(&body), AppError::from(R::PhotosRequired));
    let (_, body) = confirm_fix(&app, &neighbour, &number, true).await;
    assert_eq!(error(&body), AppError::from(R::FixNotSteward));
    assert_eq!(
        count(&pool, "select count(*) from request_events").await,
        before
    );
    let (status, body) = confirm_fix(&app, &steward, &number, true).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (_, body) = confirm_fix(&app, &steward, &number, true).await;
    assert_eq!(error(&body), AppError::from(R::FixAlready));
    let events = common::view(&app, None, &number)
        .await
        .request
        .detail
        .expect("public")
        .events;
    let line = events
        .iter()
        .find(|e| e.kind == "steward_confirmed")
        .expect("on the timeline");
    assert_eq!(
        (line.note.as_str(), line.photos.len()),
        ("路灯已修好，晚上亮了", 1)
    );
    assert!(mine(&app, &steward).await.to_confirm[0].confirmed);
    assert_eq!(
        common::view(&app, Some(&steward), &number)
            .await
            .request
            .status,
        Status::Resolved,
        "the state stays: the street office still confirms it"
    );
    let cases = "select (steward_cases * 10 + steward_cases_settled)::bigint from service_months";
    assert_eq!(count(&pool, cases).await, 10);
    let street = common::signed_in(&app, "13800000003", "jiesu-handler").await;
    common::step(&app, &street, &number, "confirm", &[]).await;
    assert_eq!(
        count(&pool, cases).await,
        11,
        "settled once its street closes it"
    );
    assert_eq!(staff(&app, &community).await.figures[0].stewards, 1);

    // A request of another community is not theirs to confirm.
    let elsewhere = account(&app, &pool, "13900000333", "resident", None).await;
    sqlx::query("update users set home_community_id = (select id from areas where code = $1) where phone = '13900000333'")
        .bind(NEIGHBOUR)
        .execute(&pool)
        .await
        .expect("moved");
    let other = common::file_noise(&app, &elsewhere, "00000000-0000-4000-8000-000000000306").await;
    sqlx::query(
        "update requests set community_id = (select id from areas where code = $1),
                             status = 'resolved', resolved_at = now(), closure_code = 'resolved',
                             unit_id = (select id from units where code = 'street:110108025')
         where tracking_number = $2",
    )
    .bind(NEIGHBOUR)
    .bind(&other)
    .execute(&pool)
    .await
    .expect("resolved elsewhere");
    let (status, _) = confirm_fix(&app, &steward, &other, true).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "nobody learns that it exists"
    );

    // A private request of their own community is neither listed nor theirs to confirm.
    let private =
        common::file_noise(&app, &neighbour, "00000000-0000-4000-8000-000000000307").await;
    sqlx::query(
        "update requests set is_public = false, status = 'resolved', resolved_at = now(),
                             closure_code = 'resolved',
                             unit_id = (select id from units where code = 'street:110108025')
         where tracking_number = $1",
    )
    .bind(&private)
    .execute(&pool)
    .await
    .expect("resolved, private");
    assert!(mine(&app, &steward)
        .await
        .to_confirm
        .iter()
        .all(|r| r.number != private));
    let (status, _) = confirm_fix(&app, &steward, &private, true).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    // Their own case is the committee's to settle: they may add to it, never withdraw it.
    sqlx::query("update requests set status = 'submitted' where tracking_number = $1")
        .bind(&number)
        .execute(&pool)
        .await
        .expect("back at intake");
    assert!(
        !common::view(&app, Some(&steward), &number)
            .await
            .request
            .can_withdraw
    );
    let (status, _) = call(
        &app,
        &steward,
        "/api/requests/withdraw",
        &[("number", &number)],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // A verification revoked ends the appointment.
    sqlx::query(
        "update residence_verifications set status = 'revoked', reason = '已搬离', decided_at = now()
         where resident_id = (select id from users where phone = $1)",
    )
    .bind(RESIDENT.0)
    .execute(&pool)
    .await
    .expect("revoked");
    assert!(!mine(&app, &steward).await.steward);
}
