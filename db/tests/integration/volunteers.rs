//! Volunteering queries against a fresh database per test, with the demo data loaded: the
//! rules the database holds itself (a shift's places, one live role of each kind, one live
//! report of a name to an area, an ask answered once, a need of one day), the triggers that
//! keep the counts and give places back, and who the board and the patches name.

use crate::common;
use common::{with_demo_data, K};
use db::organisations::{self as orgs, Asked, NewOrganisation};
use db::volunteers::{self as q, NewRoster, SignUp};
use ids::{AreaId, ShiftId, UserId};
use sqlx::types::chrono::{NaiveDate, NaiveTime, Utc};
use sqlx::{PgConnection, PgPool};

/// 上河村社区, and another community of its street, and the street.
const COMMUNITY: &str = "110108025014";
const NEIGHBOUR: &str = "110108025001";
const STREET: &str = "110108025";

async fn area(conn: &mut PgConnection, code: &str) -> AreaId {
    db::areas::by_code(conn, code).await.expect("area").id
}

/// A new resident of 上河村社区.
async fn resident(conn: &mut PgConnection, phone: &str) -> UserId {
    let id: i64 = sqlx::query_scalar(
        "insert into users (phone, password_hash, display_name, role, home_community_id)
         values ($1, 'not-a-hash', '居民' || right($1, 3), 'resident',
                 (select id from areas where code = '110108025014'))
         returning id",
    )
    .bind(phone)
    .fetch_one(conn)
    .await
    .expect("a resident");
    UserId(id)
}

/// `resident`'s confirmed role of `kind` in their community.
async fn serving(conn: &mut PgConnection, resident: UserId, kind: &'static str, by: UserId) {
    let id = q::ask(
        conn,
        resident,
        &K(kind),
        (kind == "party_member").then_some("某党支部"),
    )
    .await
    .expect("q")
    .expect("asked");
    q::decide(conn, id, &K("active"), None, by)
        .await
        .expect("decided");
}

/// A shift of `places` in 上河村社区 tomorrow; its id.
async fn shift(conn: &mut PgConnection, places: i32, by: UserId, details: Option<&str>) -> ShiftId {
    let community = area(conn, COMMUNITY).await;
    let day: NaiveDate =
        sqlx::query_scalar("select (now() at time zone 'Asia/Shanghai')::date + 1")
            .fetch_one(&mut *conn)
            .await
            .expect("tomorrow");
    let (_, written) = q::create_roster(
        conn,
        &NewRoster {
            community_id: community,
            title: "桶前值守",
            place: "桶站",
            weekdays: &[1, 2, 3, 4, 5, 6, 7],
            starts: NaiveTime::from_hms_opt(7, 0, 0).expect("time"),
            ends: NaiveTime::from_hms_opt(9, 0, 0).expect("time"),
            places,
            first_day: day,
            last_day: day,
            details,
        },
        by,
    )
    .await
    .expect("a roster");
    assert_eq!(written, 1);
    let id: i64 = sqlx::query_scalar("select max(id) from shifts")
        .fetch_one(conn)
        .await
        .expect("shift");
    ShiftId(id)
}

/// How many serve as volunteers now, by the count the triggers keep.
async fn volunteers_serving(conn: &mut PgConnection) -> i32 {
    sqlx::query_scalar(
        "select coalesce(sum(active), 0)::int from service_people where kind = 'volunteer'",
    )
    .fetch_one(conn)
    .await
    .expect("count")
}

async fn staff(pool: &PgPool) -> UserId {
    UserId(
        sqlx::query_scalar("select id from users where phone = '13800000006'")
            .fetch_one(pool)
            .await
            .expect("the community's staff"),
    )
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_shift_holds_its_places_a_role_is_live_once_and_ending_it_gives_places_back(
    pool: PgPool,
) {
    with_demo_data(&pool).await;
    let by = staff(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let (a, b) = (
        resident(&mut conn, "13900000701").await,
        resident(&mut conn, "13900000702").await,
    );
    serving(&mut conn, a, "volunteer", by).await;
    assert_eq!(
        q::ask(&mut conn, a, &K("volunteer"), None)
            .await
            .expect("q"),
        None,
        "one live role of a kind"
    );
    let one = shift(&mut conn, 1, by, None).await;
    assert_eq!(
        q::sign_up(&mut conn, one, b).await.expect("q"),
        SignUp::NotServing
    );
    assert_eq!(
        q::sign_up(&mut conn, one, a).await.expect("q"),
        SignUp::Done
    );
    assert_eq!(
        q::sign_up(&mut conn, one, a).await.expect("q"),
        SignUp::Already
    );
    serving(&mut conn, b, "party_member", by).await;
    assert_eq!(
        q::sign_up(&mut conn, one, b).await.expect("q"),
        SignUp::Full
    );
    let over = sqlx::query("update shifts set taken = taken + 1 where id = $1")
        .bind(one.0)
        .execute(&mut *conn)
        .await;
    assert!(over.is_err(), "the check holds the places whoever writes");

    // Ending the role gives the place back (a trigger), and the count of who serves drops.
    assert_eq!(volunteers_serving(&mut conn).await, 1);
    let role: i64 = sqlx::query_scalar("select id from volunteers where resident_id = $1")
        .bind(a.0)
        .fetch_one(&mut *conn)
        .await
        .expect("role");
    q::decide(
        &mut conn,
        ids::VolunteerId(role),
        &K("ended"),
        Some("搬走"),
        by,
    )
    .await
    .expect("ended");
    assert_eq!(volunteers_serving(&mut conn).await, 0);
    let taken: i32 = sqlx::query_scalar("select taken from shifts where id = $1")
        .bind(one.0)
        .fetch_one(&mut *conn)
        .await
        .expect("taken");
    assert_eq!(taken, 0);
    assert_eq!(
        q::sign_up(&mut conn, one, b).await.expect("q"),
        SignUp::Done
    );

    // A need is a roster of one day with what it needs.
    let need = sqlx::query(
        "insert into rosters (community_id, title, place, weekdays, starts, ends, places,
                              first_day, last_day, created_by, kind, details)
         values ((select id from areas where code = '110108025014'), '买菜', '服务站', '{1,2}',
                 '09:00', '11:00', 1, current_date, current_date + 1, $1, 'need', '三位老人')",
    )
    .bind(by.0)
    .execute(&mut *conn)
    .await;
    assert!(need.is_err(), "a need has one day");
    let need = shift(&mut conn, 2, by, Some("三位老人")).await;
    let details: Option<String> = sqlx::query_scalar(
        "select r.details from shifts s join rosters r on r.id = s.roster_id where s.id = $1",
    )
    .bind(need.0)
    .fetch_one(&mut *conn)
    .await
    .expect("details");
    assert_eq!(details.as_deref(), Some("三位老人"));
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn an_organisation_reports_once_counts_when_confirmed_and_an_ask_is_answered_once(
    pool: PgPool,
) {
    let contact = with_demo_data(&pool).await;
    let by = staff(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let (community, neighbour, street) = (
        area(&mut conn, COMMUNITY).await,
        area(&mut conn, NEIGHBOUR).await,
        area(&mut conn, STREET).await,
    );
    let areas = orgs::report_areas(&mut conn, contact).await.expect("q");
    assert_eq!(
        areas.iter().map(|a| a.0).collect::<Vec<_>>(),
        [community, street],
        "the home community, then its street"
    );
    let resources: [(&dyn db::keys::ResourceKind, &str); 2] =
        [(&K("skill"), "义诊"), (&K("room"), "会议室")];
    let report = NewOrganisation {
        area_id: community,
        name: "某医院党委",
        contact_name: "王书记",
        contact_phone: "13900000499",
        resources: &resources,
    };
    let id = orgs::report(&mut conn, contact, &report)
        .await
        .expect("q")
        .expect("reported");
    assert_eq!(
        orgs::report(&mut conn, contact, &report).await.expect("q"),
        None,
        "one live report of a name to an area"
    );
    let listed = orgs::resources(&mut conn, &[id]).await.expect("q");
    assert_eq!(
        listed.iter().map(|r| r.kind.as_str()).collect::<Vec<_>>(),
        ["room", "skill"],
        "in the list's order"
    );
    let room = listed[0].id;

    // Only confirmed ones are asked, and count.
    assert_eq!(
        orgs::ask(
            &mut conn,
            room,
            community,
            by,
            "借会议室",
            Utc::now().date_naive()
        )
        .await
        .expect("q"),
        Asked::NotServing
    );
    assert!(
        !orgs::lock(&mut conn, id, neighbour)
            .await
            .expect("q")
            .expect("found")
            .in_area
    );
    assert!(
        orgs::lock(&mut conn, id, street)
            .await
            .expect("q")
            .expect("found")
            .in_area
    );
    orgs::decide(&mut conn, id, &K("active"), None, by)
        .await
        .expect("confirmed");
    let count: i32 = sqlx::query_scalar(
        "select active from service_people where community_id = $1 and kind = 'organisation'",
    )
    .bind(community.0)
    .fetch_one(&mut *conn)
    .await
    .expect("counted");
    assert_eq!(count, 1);
    assert_eq!(
        q::own_organisations(&mut conn, community).await.expect("q"),
        1
    );
    assert_eq!(
        orgs::ask(
            &mut conn,
            room,
            neighbour,
            by,
            "借会议室",
            Utc::now().date_naive()
        )
        .await
        .expect("q"),
        Asked::Outside
    );
    let Asked::Done(ask, told) = orgs::ask(
        &mut conn,
        room,
        street,
        by,
        "借会议室",
        Utc::now().date_naive(),
    )
    .await
    .expect("q") else {
        panic!("a street asks its community's organisation");
    };
    assert_eq!(told, contact);
    let found = orgs::lock_ask(&mut conn, ask)
        .await
        .expect("q")
        .expect("ask");
    assert_eq!(
        (found.status.as_str(), found.reporter_id),
        ("asked", contact)
    );
    orgs::answer(&mut conn, ask, &K("agreed"), "周六可用")
        .await
        .expect("answered");
    let unanswered = sqlx::query("update resource_asks set status = 'asked' where id = $1")
        .bind(ask.0)
        .execute(&mut *conn)
        .await;
    assert!(
        unanswered.is_err(),
        "an answered ask keeps its answer's time"
    );
    let asks = orgs::asks(&mut conn, orgs::Asks::ToReporter(contact), 10)
        .await
        .expect("q");
    assert_eq!(
        (
            asks.len(),
            asks[0].status.as_str(),
            asks[0].answer.as_deref()
        ),
        (1, "agreed", Some("周六可用"))
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_board_and_the_patches_name_only_those_who_chose_it(pool: PgPool) {
    let steward = with_demo_data(&pool).await;
    let by = staff(&pool).await;
    let mut conn = pool.acquire().await.expect("conn");
    let community = area(&mut conn, COMMUNITY).await;
    sqlx::query(
        "insert into volunteers (resident_id, community_id, kind, status, patch, starts_on,
                                 decided_by, decided_at)
         values ($1, $2, 'steward', 'active', '3号楼', current_date, $3, now())",
    )
    .bind(steward.0)
    .bind(community.0)
    .bind(by.0)
    .execute(&mut *conn)
    .await
    .expect("a steward");
    let other = resident(&mut conn, "13900000711").await;
    serving(&mut conn, other, "volunteer", by).await;
    let nobody = resident(&mut conn, "13900000712").await;

    assert!(q::board(&mut conn, community, 10)
        .await
        .expect("q")
        .is_empty());
    let patches = q::patches(&mut conn, community, 10).await.expect("q");
    assert_eq!(
        (patches[0].patch.as_str(), patches[0].name.as_deref()),
        ("3号楼", None)
    );

    for who in [steward, nobody] {
        q::recognise(&mut conn, who, true).await.expect("chosen");
    }
    assert!(q::recognised(&mut conn, steward).await.expect("q"));
    let board = q::board(&mut conn, community, 10).await.expect("q");
    assert_eq!(board.len(), 1, "those who serve, only: {board:?}");
    assert_eq!(board[0].kinds, ["steward"]);
    let patches = q::patches(&mut conn, community, 10).await.expect("q");
    assert!(patches[0].name.is_some());
    q::recognise(&mut conn, steward, false).await.expect("left");
    assert!(q::board(&mut conn, community, 10)
        .await
        .expect("q")
        .is_empty());
    assert!(!q::recognised(&mut conn, steward).await.expect("q"));
}
