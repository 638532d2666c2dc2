//! Communities' needs (需求清单) and the recognition board, through the real router and
//! database: a need is one day's shift that says what is needed, taken on by those serving
//! up to its places, its hours counted but not as duty covered; the board and a community's
//! page name only those who chose it, and nobody's phone.

use crate::common;
use crate::organisations::area_page;
use crate::volunteers::{
    call, day, decide, mine, ok, post_roster, roster, sign_up, staff, COMMUNITY, RESIDENT,
};
use app::error::AppError;
use app::ssr::Settings;
use app::volunteers::VolunteerRefusal as R;
use axum::http::StatusCode;
use axum::Router;
use common::{account, app, area_staff, count, error, verify};
use sqlx::PgPool;

/// Has each of `phones` (residents of 上河村) offer to volunteer and `community` confirm
/// them; their cookies.
async fn volunteers(app: &Router, pool: &PgPool, community: &str, phones: &[&str]) -> Vec<String> {
    let mut people = Vec::new();
    for phone in phones {
        let cookie = account(app, pool, phone, "resident", None).await;
        ok(
            app,
            &cookie,
            "/api/volunteers/offer",
            &[("kind", "volunteer"), ("organisation", "")],
        )
        .await;
        people.push(cookie);
    }
    for role in staff(app, community).await.pending {
        assert_eq!(
            decide(app, community, role.id, "confirm", "").await.0,
            StatusCode::OK
        );
    }
    people
}

/// A need form's fields for `on`, with `changes`.
fn need<'a>(on: &'a str, changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("kind", "need"),
        ("community", COMMUNITY),
        ("title", "帮独居老人买菜"),
        ("details", "三位独居老人，每人一份菜单，送到家门口"),
        ("place", "社区服务站集合"),
        ("day", on),
        ("starts", "09:00"),
        ("ends", "11:00"),
        ("places", "1"),
    ];
    for (k, _) in changes {
        fields.retain(|(n, _)| n != k);
    }
    fields.extend_from_slice(changes);
    fields
}

async fn posted(app: &Router, cookie: &str, fields: &[(&str, &str)]) -> (StatusCode, AppError) {
    let (status, body) = post_roster(app, cookie, fields).await;
    (
        status,
        if status == StatusCode::OK {
            AppError::Internal
        } else {
            error(&body)
        },
    )
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_need_is_taken_on_like_a_shift_and_its_hours_count_but_not_as_duty(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let community = area_staff(&app, &pool, "13900000501", COMMUNITY).await;
    let people = volunteers(&app, &pool, &community, &["13900000502", "13900000503"]).await;
    let on = day(2);

    let before = count(&pool, "select count(*) from rosters").await;
    for (changes, refusal) in [
        (vec![("details", " ")], R::DetailsRequired),
        (vec![("day", "12月9日")], R::DayFormat),
        (vec![("places", "0")], R::PlacesFormat),
        (vec![("ends", "08:00")], R::EndsBeforeStart),
    ] {
        let (status, said) = posted(&app, &community, &need(&on, &changes)).await;
        assert_eq!(
            (status, said),
            (StatusCode::UNPROCESSABLE_ENTITY, AppError::from(refusal)),
            "{changes:?}"
        );
    }
    let yesterday = day(-1);
    let (_, said) = posted(&app, &community, &need(&yesterday, &[])).await;
    assert_eq!(said, AppError::from(R::DayPast));
    assert_eq!(
        count(&pool, "select count(*) from rosters").await,
        before,
        "refusals write nothing"
    );
    let (status, _) = post_roster(&app, &people[0], &need(&on, &[])).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "a resident posts no need");

    let (status, _) = posted(&app, &community, &need(&on, &[])).await;
    assert_eq!(status, StatusCode::OK);
    // A duty roster beside it keeps its own kind.
    let span = [("first_day", on.as_str()), ("last_day", on.as_str())];
    let (status, body) = post_roster(&app, &community, &roster(COMMUNITY, &span)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let shifts = mine(&app, &people[0]).await.shifts;
    let needs: Vec<_> = shifts.iter().filter(|s| s.details.is_some()).collect();
    assert_eq!(needs.len(), 1, "one need, one day");
    assert_eq!(
        needs[0].details.as_deref(),
        Some("三位独居老人，每人一份菜单，送到家门口")
    );
    assert_eq!(shifts.len(), 2);
    let need_shift = needs[0].id;

    // Taken on up to its places.
    assert_eq!(
        sign_up(&app, &people[0], need_shift, false).await.0,
        StatusCode::OK
    );
    let (_, body) = sign_up(&app, &people[1], need_shift, false).await;
    assert_eq!(error(&body), AppError::from(R::ShiftFull));

    // Done: its hours count for the person and the month, but it is no duty shift covered.
    sqlx::query(
        "update shifts set starts_at = now() - interval '5 hours', ends_at = now() - interval '3 hours'
         where id = $1",
    )
    .bind(need_shift.0)
    .execute(&pool)
    .await
    .expect("over");
    sqlx::query(
        "update shift_signups set checked_in_at = now() - interval '5 hours' where shift_id = $1",
    )
    .bind(need_shift.0)
    .execute(&pool)
    .await
    .expect("came");
    server::worker::pass(&pool).await.expect("pass");
    assert_eq!(mine(&app, &people[0]).await.served, (1, 120, 0));
    let month = count(
        &pool,
        "select (shifts * 100000 + covered * 10000 + minutes)::bigint from service_months",
    )
    .await;
    assert_eq!(month, 120, "no duty shift counted, 120 minutes served");
    let totals = count(
        &pool,
        "select (shifts * 10000 + minutes)::bigint from service_totals",
    )
    .await;
    assert_eq!(totals, 10_120, "the person's totals");
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_board_and_a_community_page_name_only_those_who_choose_it(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let community = area_staff(&app, &pool, "13900000511", COMMUNITY).await;
    let people = volunteers(&app, &pool, &community, &["13900000512", "13900000513"]).await;
    let resident = common::signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    verify(&pool, RESIDENT.0).await;
    ok(
        &app,
        &community,
        "/api/volunteers/appoint",
        &[
            ("community", COMMUNITY),
            ("phone", RESIDENT.0),
            ("patch", "3号楼至5号楼"),
            ("starts_on", &day(0)),
        ],
    )
    .await;
    let board = "/api/volunteers/board";

    let (_, page) = area_page(&app, COMMUNITY).await;
    let page = page.expect("the page");
    assert!(page.board.is_empty(), "nobody chose it yet");
    assert_eq!(page.patches.len(), 1);
    assert_eq!(page.patches[0].0, "3号楼至5号楼");
    assert_eq!(
        page.patches[0].2, None,
        "a steward's name shows only when they choose it"
    );
    assert_eq!((page.total.stewards, page.total.volunteers), (1, 2));

    ok(&app, &people[0], board, &[("shown", "1")]).await;
    ok(&app, &resident, board, &[("shown", "1")]).await;
    ok(&app, &resident, board, &[("shown", "1")]).await;
    assert!(mine(&app, &resident).await.recognised);
    let page = area_page(&app, COMMUNITY).await.1.expect("the page");
    let mut names: Vec<&str> = page.board.iter().map(|b| b.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["测试resident", "马大姐"]);
    assert_eq!(page.patches[0].2.as_deref(), Some("马大姐"));
    let json = serde_json::to_string(&page).expect("json");
    for phone in ["13900000512", "13900000513", RESIDENT.0] {
        assert!(!json.contains(phone), "no phone on the page");
    }

    // Leaving it, moving away (the role ends), or staff trying: off the board.
    ok(&app, &resident, board, &[("shown", "")]).await;
    assert!(!mine(&app, &resident).await.recognised);
    sqlx::query("update users set home_community_id = (select id from areas where code = '110108025001') where phone = '13900000512'")
        .execute(&pool)
        .await
        .expect("moved");
    assert!(area_page(&app, COMMUNITY)
        .await
        .1
        .expect("page")
        .board
        .is_empty());
    let (status, _) = call(&app, &community, board, &[("shown", "1")]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
