//! The measures (三率) through the real router and database: rates computed by hand on a small
//! fixture equal the rollups the dashboard reads; the consistency check finds no difference
//! after a random workload (and does find one when a rollup is tampered with); bad dashboard
//! addresses get a clear refusal.

use crate::common;

use app::error::AppError;
use app::measures::{Counts, Dashboard, Line};
use app::ssr::Settings;
use axum::http::StatusCode;
use axum::Router;
use common::{
    error, file_noise, get, post, post_multipart, reopen, send, signed_in, step, try_step,
};
use sqlx::PgPool;

const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");
const DISPATCHER: (&str, &str) = ("13800000002", "jiesu-dispatcher");
const HANDLER: (&str, &str) = ("13800000003", "jiesu-handler");
/// 曙光街道办事处, in 海淀区 (110108), street 110108025: where `file_noise` files.
const UNIT: &str = "street:110108025";
const STREET: &str = "110108025";
const DISTRICT: &str = "110108";
const SUMMONED: &str = "city_management";

struct People {
    resident: String,
    dispatcher: String,
    handler: String,
    summoned: String,
    /// The staff of 上河村社区 (曙光街道), where `file_noise` files: its committee's.
    community: String,
}

async fn setup(pool: &PgPool) -> (Router, People) {
    let settings = Settings {
        filings_per_hour: 1000,
        ..Settings::default()
    };
    let app = common::app(pool.clone(), settings).await;
    let people = People {
        resident: signed_in(&app, RESIDENT.0, RESIDENT.1).await,
        dispatcher: signed_in(&app, DISPATCHER.0, DISPATCHER.1).await,
        handler: signed_in(&app, HANDLER.0, HANDLER.1).await,
        summoned: common::account(&app, pool, "13900000301", "handler", Some(SUMMONED)).await,
        community: signed_in(&app, "13800000006", "jiesu-community").await,
    };
    (app, people)
}

async fn rate(app: &Router, cookie: &str, number: &str, outcome: &str, satisfaction: &str) {
    let fields = [
        ("number", number),
        ("outcome", outcome),
        ("satisfaction", satisfaction),
    ];
    let (status, _, body) =
        post_multipart(app, "/api/requests/rate", Some(cookie), &fields, &[]).await;
    assert_eq!(status, StatusCode::OK, "rate: {body}");
}

/// The dashboard server function; the status and body.
async fn dashboard_call(
    app: &Router,
    scope: &str,
    code: &str,
    month: &str,
) -> (StatusCode, String) {
    let (status, _, body) = post(
        app,
        "/api/measures/dashboard",
        format!("scope={scope}&code={code}&month={month}"),
        None,
    )
    .await;
    (status, body)
}

async fn dashboard(app: &Router, scope: &str, code: &str) -> Dashboard {
    let (status, body) = dashboard_call(app, scope, code, "").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_str(&body).expect("a Dashboard")
}

fn line<'a>(lines: &'a [Line], code: &str) -> &'a Line {
    lines
        .iter()
        .find(|l| l.code == code)
        .unwrap_or_else(|| panic!("{code} in {lines:?}"))
}

async fn fold(pool: &PgPool) {
    server::worker::fold(pool).await.expect("fold");
}

async fn check_clean(pool: &PgPool) {
    let mut conn = pool.acquire().await.expect("connection");
    let found = db::measures::check(&mut conn, 20).await.expect("check");
    assert!(found.is_clean(), "{found:#?}");
}

async fn dispatched_and_answered(app: &Router, p: &People, key: &str) -> String {
    let number = file_noise(app, &p.resident, key).await;
    step(app, &p.dispatcher, &number, "dispatch", &[("unit", UNIT)]).await;
    step(app, &p.handler, &number, "accept", &[]).await;
    step(app, &p.handler, &number, "respond", &[("note", "已联系")]).await;
    number
}

async fn resolve(app: &Router, p: &People, number: &str) {
    let fields = [("closure", "resolved"), ("explanation", "已处理")];
    step(app, &p.handler, number, "resolve", &fields).await;
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn hand_computed_rates_equal_the_rollups(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    // R1: answered in time, resolved, rated resolved and very satisfied.
    let r1 = dispatched_and_answered(&app, &p, "b1b2c3d4-0000-4000-8000-000000000001").await;
    resolve(&app, &p, &r1).await;
    rate(&app, &p.resident, &r1, "resolved", "5").await;
    // R2: rated not resolved, reopened, resolved again and rated partly resolved, satisfied.
    // Only the second round's rating counts.
    let r2 = dispatched_and_answered(&app, &p, "b1b2c3d4-0000-4000-8000-000000000002").await;
    resolve(&app, &p, &r2).await;
    rate(&app, &p.resident, &r2, "not_resolved", "1").await;
    assert_eq!(reopen(&app, &p.resident, &r2).await.0, StatusCode::OK);
    step(&app, &p.handler, &r2, "accept", &[]).await;
    step(&app, &p.handler, &r2, "respond", &[("note", "再次联系")]).await;
    resolve(&app, &p, &r2).await;
    rate(&app, &p.resident, &r2, "partly", "4").await;
    // R3: dispatched, returned by the unit: a return against it, no dispatch.
    let r3 = file_noise(&app, &p.resident, "b1b2c3d4-0000-4000-8000-000000000003").await;
    step(&app, &p.dispatcher, &r3, "dispatch", &[("unit", UNIT)]).await;
    step(&app, &p.handler, &r3, "return", &[("reason", "不归我们管")]).await;
    // R4: filed only.
    file_noise(&app, &p.resident, "b1b2c3d4-0000-4000-8000-000000000004").await;
    // R5: the respond-by passes (the worker marks it), answered late, a whistle whose summoned
    // unit misses its check-in, resolved and left unrated for more than 7 days.
    let r5 = file_noise(&app, &p.resident, "b1b2c3d4-0000-4000-8000-000000000005").await;
    step(&app, &p.dispatcher, &r5, "dispatch", &[("unit", UNIT)]).await;
    step(&app, &p.handler, &r5, "accept", &[]).await;
    sqlx::query(
        "update requests set respond_by = now() - interval '1 minute' where tracking_number = $1",
    )
    .bind(&r5)
    .execute(&pool)
    .await
    .expect("respond-by passed");
    server::worker::pass(&pool).await.expect("worker");
    step(&app, &p.handler, &r5, "respond", &[("note", "晚了")]).await;
    let whistle = [("units", SUMMONED), ("reason", "需要城管执法")];
    step(&app, &p.handler, &r5, "whistle", &whistle).await;
    sqlx::query("update summons set check_in_by = now() - interval '1 minute'")
        .execute(&pool)
        .await
        .expect("check-in passed");
    server::worker::pass(&pool).await.expect("worker");
    resolve(&app, &p, &r5).await;
    sqlx::query(
        "update requests set resolved_at = now() - interval '8 days' where tracking_number = $1",
    )
    .bind(&r5)
    .execute(&pool)
    .await
    .expect("resolved long ago");
    server::worker::pass(&pool).await.expect("worker");
    fold(&pool).await;

    let unit = Counts {
        filed: 3,
        dispatched: 3,
        responded_on_time: 2,
        respond_overdue: 1,
        resolve_overdue: 0,
        rated: 2,
        resolved: 1,
        satisfied: 2,
        unrated: 1,
        reopened: 1,
        returned: 1,
        whistles: 1,
        late_check_ins: 0,
        passed_down: 0,
        passed_up: 0,
        late_passes: 0,
        answered: 0,
        found: 0,
        settled: 0,
        settled_on_time: 0,
    };
    let everywhere = Counts {
        filed: 5,
        late_check_ins: 1,
        ..unit
    };
    let city = dashboard(&app, "city", "").await;
    assert_eq!(city.this_month(), everywhere);
    assert_eq!(line(&city.streets, STREET).counts, everywhere);
    assert_eq!(line(&city.districts, DISTRICT).counts, everywhere);
    assert_eq!(
        line(&city.categories, "environment.noise").counts,
        everywhere
    );
    assert_eq!(line(&city.units, SUMMONED).counts.late_check_ins, 1);
    assert!(
        city.units.iter().all(|l| l.code != UNIT),
        "street offices rank as streets"
    );
    let district = dashboard(&app, "district", DISTRICT).await;
    assert_eq!(district.this_month(), everywhere);
    assert_eq!(line(&district.streets, STREET).counts, everywhere);
    let office = dashboard(&app, "unit", UNIT).await;
    assert_eq!(office.this_month(), unit);
    assert_eq!(office.last_month(), Counts::default());
    assert_eq!(office.trend.len(), 12);
    // 2 of 3 answered in time, 1 of 2 resolved, 2 of 2 satisfied; weighted 10/45/45.
    let rate = |r: Option<f64>| (r.expect("a rate") * 100.0).round() / 100.0;
    assert_eq!(rate(unit.response_rate()), 66.67);
    assert_eq!(rate(unit.resolution_rate()), 50.0);
    assert_eq!(rate(unit.satisfaction_rate()), 100.0);
    assert_eq!(rate(unit.score(office.weights)), 74.17);
    check_clean(&pool).await;

    // The check is not blind: a tampered rollup and a lost delta are both reported.
    sqlx::query("update measures set filed = filed + 1 where scope = 'street'")
        .execute(&pool)
        .await
        .expect("tamper");
    let mut conn = pool.acquire().await.expect("connection");
    let found = db::measures::check(&mut conn, 20).await.expect("check");
    assert_eq!(
        found.rollups.len(),
        2,
        "the street, for every category and its own"
    );
    assert!(found
        .rollups
        .iter()
        .all(|d| d.scope == "street" && d.kept[0] == d.expected[0] + 1));
    assert!(found.requests.is_empty());
    sqlx::query("delete from request_measures where request_id = (select min(id) from requests)")
        .execute(&mut *conn)
        .await
        .expect("forget a request");
    let found = db::measures::check(&mut conn, 20).await.expect("check");
    assert_eq!(found.requests.len(), 1);
    // A rebuild counts everything again from the log.
    db::measures::rebuild(&mut conn).await.expect("rebuild");
    drop(conn);
    check_clean(&pool).await;
    assert_eq!(dashboard(&app, "unit", UNIT).await.this_month(), unit);
}

/// A small deterministic generator (xorshift), so a failing run can be repeated.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_fold_counts_what_actions_noted_and_the_check_sees_it_pending(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    fold(&pool).await;
    let before = dashboard(&app, "unit", UNIT).await.this_month();
    // An action notes its request; it pays for no recount, so nothing is counted yet.
    let number = dispatched_and_answered(&app, &p, "c1b2c3d4-0000-4000-8000-000000000001").await;
    let pending = "select count(distinct p.request_id) from measures_pending p
                   join requests r on r.id = p.request_id";
    assert_eq!(common::count(&pool, pending).await, 1);
    assert_eq!(
        common::count(&pool, "select count(*) from measure_deltas").await,
        0
    );
    // The check counts what is pending as the next fold will: clean, and it keeps nothing.
    check_clean(&pool).await;
    assert_eq!(common::count(&pool, pending).await, 1);
    // The fold recounts it, then folds its deltas: the dashboard has it, nothing is left.
    fold(&pool).await;
    assert_eq!(common::count(&pool, pending).await, 0);
    let after = dashboard(&app, "unit", UNIT).await.this_month();
    assert_eq!(after.filed, before.filed + 1);
    assert_eq!(after.dispatched, before.dispatched + 1);
    assert_eq!(after.responded_on_time, before.responded_on_time + 1);
    // More steps on it are noted again and counted once more, with no double count.
    resolve(&app, &p, &number).await;
    rate(&app, &p.resident, &number, "resolved", "5").await;
    fold(&pool).await;
    let rated = dashboard(&app, "unit", UNIT).await.this_month();
    assert_eq!(rated.filed, before.filed + 1);
    assert_eq!(rated.rated, before.rated + 1);
    check_clean(&pool).await;
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn after_a_random_workload_the_rollups_equal_the_event_log(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    let mut dice = Dice(0x9e37_79b9_7f4a_7c15);
    let mut numbers = Vec::new();
    for i in 0..12 {
        let key = format!("c1b2c3d4-0000-4000-8000-{i:012}");
        numbers.push(file_noise(&app, &p.resident, &key).await);
    }
    let units = [UNIT, SUMMONED];
    let outcomes = ["resolved", "partly", "not_resolved"];
    // How often each kind of step went through: dispatch, return, accept (two units),
    // respond, resolve, rate, reopen, whistle, reclassify, the worker, a pass down or up, the
    // community's own steps, the hotline's answer at intake (or its steps on a reopened one).
    let mut taken = [0; 16];
    for turn in 0..1500 {
        let number = numbers[dice.below(numbers.len())].clone();
        let choice = dice.below(16);
        let ok = match choice {
            0 | 1 => {
                let unit = units[dice.below(2)];
                try_step(
                    &app,
                    Some(&p.dispatcher),
                    &number,
                    "dispatch",
                    &[("unit", unit)],
                )
                .await
                .0
            }
            2 => {
                try_step(
                    &app,
                    Some(&p.handler),
                    &number,
                    "return",
                    &[("reason", "退回")],
                )
                .await
                .0
            }
            3 => {
                try_step(&app, Some(&p.handler), &number, "accept", &[])
                    .await
                    .0
            }
            4 => {
                try_step(&app, Some(&p.summoned), &number, "accept", &[])
                    .await
                    .0
            }
            5 | 6 => {
                // Whichever unit holds it answers the resident, or resolves it.
                let (name, fields): (&str, &[(&str, &str)]) = if choice == 5 {
                    ("respond", &[("note", "已联系")])
                } else {
                    (
                        "resolve",
                        &[("closure", "resolved"), ("explanation", "已处理")],
                    )
                };
                let mut status = StatusCode::FORBIDDEN;
                for who in [&p.handler, &p.summoned, &p.community, &p.dispatcher] {
                    status = try_step(&app, Some(who), &number, name, fields).await.0;
                    if status != StatusCode::FORBIDDEN {
                        break;
                    }
                }
                status
            }
            7 | 8 => {
                let satisfaction = (dice.below(5) + 1).to_string();
                let fields = [
                    ("number", number.as_str()),
                    ("outcome", outcomes[dice.below(3)]),
                    ("satisfaction", satisfaction.as_str()),
                ];
                post_multipart(&app, "/api/requests/rate", Some(&p.resident), &fields, &[])
                    .await
                    .0
            }
            9 => reopen(&app, &p.resident, &number).await.0,
            10 => {
                let fields = [("units", SUMMONED), ("reason", "协同")];
                try_step(&app, Some(&p.handler), &number, "whistle", &fields)
                    .await
                    .0
            }
            11 => {
                let category = ["environment.noise", "transport.parking"][dice.below(2)];
                try_step(
                    &app,
                    Some(&p.dispatcher),
                    &number,
                    "reclassify",
                    &[("category", category)],
                )
                .await
                .0
            }
            12 => {
                // Deadlines pass now and then; the worker marks them and closes the unrated.
                sqlx::query(
                    "update requests set respond_by = least(respond_by, now()),
                            resolve_by = least(resolve_by, now()),
                            resolved_at = resolved_at - interval '8 days'
                     where tracking_number = $1",
                )
                .bind(&number)
                .execute(&pool)
                .await
                .expect("deadlines passed");
                sqlx::query("update summons set check_in_by = now() - interval '1 minute'")
                    .execute(&pool)
                    .await
                    .expect("check-ins passed");
                sqlx::query("update passes set answer_by = now() - interval '1 minute'")
                    .execute(&pool)
                    .await
                    .expect("passes due");
                server::worker::pass(&pool).await.expect("worker");
                StatusCode::OK
            }
            13 => {
                // Passed down by the street office, or back up by the community.
                let down = [("community", "community:110108025014")];
                let up = [("reason", "社区办不了")];
                match try_step(&app, Some(&p.handler), &number, "pass_down", &down).await {
                    (StatusCode::OK, _) => StatusCode::OK,
                    _ => {
                        try_step(&app, Some(&p.community), &number, "pass_up", &up)
                            .await
                            .0
                    }
                }
            }
            15 => {
                // The hotline answers at intake, or takes up or returns a reopened answer.
                let (name, fields): (&str, &[(&str, &str)]) = match dice.below(4) {
                    0 | 1 => ("answer", &[("answer", "热线已答复")]),
                    2 => ("accept", &[]),
                    _ => ("return", &[("reason", "需要派单")]),
                };
                try_step(&app, Some(&p.dispatcher), &number, name, fields)
                    .await
                    .0
            }
            _ => {
                // The community's own steps on what it holds.
                let (name, fields): (&str, &[(&str, &str)]) = match dice.below(3) {
                    0 => ("accept", &[]),
                    1 => ("respond", &[("note", "社区已上门")]),
                    _ => (
                        "resolve",
                        &[("closure", "resolved"), ("explanation", "社区已办结")],
                    ),
                };
                try_step(&app, Some(&p.community), &number, name, fields)
                    .await
                    .0
            }
        };
        if ok == StatusCode::OK {
            taken[choice] += 1;
        }
        // Fold now and then, so the rollups hold folded and pending deltas together.
        if turn % 100 == 99 {
            fold(&pool).await;
            check_clean(&pool).await;
        }
    }
    assert!(
        taken.iter().all(|n| *n > 0),
        "some kind of step never went through: {taken:?}"
    );
    check_clean(&pool).await;
    fold(&pool).await;
    check_clean(&pool).await;
    let left: i64 = common::count(&pool, "select count(*) from measure_deltas").await;
    assert_eq!(left, 0, "everything folded");
    // The dashboard sums to what the requests table says was filed.
    let filed = dashboard(&app, "city", "").await.this_month().filed;
    assert_eq!(filed, 12);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_street_ranks_all_its_communities_and_a_community_shows_its_year(pool: PgPool) {
    const COMMUNITY: &str = "110108025014";
    let (app, p) = setup(&pool).await;
    let one = dispatched_and_answered(&app, &p, "e1b2c3d4-0000-4000-8000-000000000001").await;
    resolve(&app, &p, &one).await;
    rate(&app, &p.resident, &one, "resolved", "5").await;
    file_noise(&app, &p.resident, "e1b2c3d4-0000-4000-8000-000000000002").await;
    fold(&pool).await;

    // The street: every one of its communities, the one with requests first (it has a score).
    let street = dashboard(&app, "street", STREET).await;
    let parent = street.parent.as_ref().expect("its district");
    assert_eq!(
        (parent.subject, parent.code.as_str()),
        (app::measures::Subject::District, DISTRICT)
    );
    let all = common::count(
        &pool,
        &format!("select count(*) from areas a join areas s on s.id = a.parent_id where s.code = '{STREET}'"),
    )
    .await;
    assert_eq!(street.communities.len() as i64, all);
    assert_eq!(street.communities[0].code, COMMUNITY);
    assert_eq!(street.communities[0].counts.filed, 2);
    assert!(street.communities[1..]
        .iter()
        .all(|l| l.counts == Counts::default()));
    assert_eq!(street.this_month().filed, 2);

    // The community: its own figures, and a year by category that names the empty ones too.
    let community = dashboard(&app, "community", COMMUNITY).await;
    assert_eq!(community.name.zh, "上河村社区");
    assert_eq!(
        community.parent.as_ref().map(|p| p.code.as_str()),
        Some(STREET)
    );
    assert_eq!(community.this_month().filed, 2);
    assert_eq!(community.this_month().rated, 1);
    let leaves = common::count(
        &pool,
        "select count(*) from categories c where not exists(select 1 from categories k where k.parent_id = c.id)",
    )
    .await;
    assert_eq!(community.year.len() as i64, leaves);
    assert_eq!(community.year[0].code, "environment.noise");
    assert_eq!(community.year[0].counts.filed, 2);
    assert_eq!(
        line(&community.year, "environment.waste_sorting")
            .counts
            .filed,
        0
    );
    // Both pages render, and the CSV of the year names every category.
    let (status, _, page) = send(&app, get(&format!("/measures/communities/{COMMUNITY}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("垃圾分类") && page.contains("上河村社区"),
        "{page}"
    );
    let (status, _, page) = send(&app, get(&format!("/measures/streets/{STREET}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(&format!("/measures/communities/{COMMUNITY}")),
        "{page}"
    );
    let (status, _, csv) = send(
        &app,
        get(&format!(
            "/measures/csv?scope=community&code={COMMUNITY}&table=year"
        )),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        csv.lines().count() as i64,
        leaves + 1,
        "a header and a line per category"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn bad_dashboard_addresses_are_refused_clearly(pool: PgPool) {
    let (app, _) = setup(&pool).await;
    let refusals = [
        (
            "city",
            "",
            "2026-13",
            AppError::from(app::measures::MeasureRefusal::MonthFormat),
        ),
        (
            "city",
            "",
            "November",
            AppError::from(app::measures::MeasureRefusal::MonthFormat),
        ),
        (
            "city",
            "",
            "2026-1",
            AppError::from(app::measures::MeasureRefusal::MonthFormat),
        ),
        (
            "city",
            "",
            "9999-01",
            AppError::from(app::measures::MeasureRefusal::MonthNotYet),
        ),
        (
            "city",
            "",
            "1999-12",
            AppError::from(app::measures::MeasureRefusal::MonthTooEarly),
        ),
        (
            "ward",
            "",
            "",
            AppError::from(app::measures::MeasureRefusal::ScopeUnknown),
        ),
    ];
    for (scope, code, month, refusal) in refusals {
        let (status, body) = dashboard_call(&app, scope, code, month).await;
        assert_eq!(
            (status, error(&body)),
            (StatusCode::UNPROCESSABLE_ENTITY, refusal),
            "{scope} {code} {month}"
        );
    }
    // An area or unit that does not exist, or one level's code as another's.
    for (scope, code) in [
        ("district", "999999"),
        ("district", STREET),
        ("street", DISTRICT),
        ("community", STREET),
        ("community", ""),
        ("unit", "nobody"),
    ] {
        let (status, body) = dashboard_call(&app, scope, code, "").await;
        assert_eq!(
            (status, error(&body)),
            (StatusCode::NOT_FOUND, AppError::NotFound),
            "{scope} {code}"
        );
    }
    // The pages say it in words; the CSV too, with its status.
    let (_, _, page) = send(&app, get("/measures?month=2026-13")).await;
    assert!(page.contains("月份格式应为 2026-11"), "{page}");
    let (_, _, page) = send(&app, get("/measures/districts/999999")).await;
    assert!(
        page.contains(app::i18n::Locale::ZhCn.texts().not_found_text),
        "{page}"
    );
    let (status, _, body) = send(&app, get("/measures/csv?scope=city&table=everything")).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    use app::error::Refusal;
    assert_eq!(body, app::measures::MeasureRefusal::TableUnknown.words().0);
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn the_pages_draw_the_figures_and_the_csv_holds_them(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    let number = dispatched_and_answered(&app, &p, "d1b2c3d4-0000-4000-8000-000000000001").await;
    resolve(&app, &p, &number).await;
    rate(&app, &p.resident, &number, "resolved", "5").await;
    fold(&pool).await;
    let (status, _, page) = send(&app, get("/measures")).await;
    assert_eq!(status, StatusCode::OK);
    for expected in [
        "role=\"img\"",
        "<title id=\"trend-title\">",
        "id=\"categories-desc\"",
        "响应率 = 在响应时限前答复的已派单诉求 ÷ 已派单诉求",
        "响应率 × 10% + 解决率 × 45% + 满意率 × 45%",
        "曙光街道",
        "100.0%",
        "/measures/csv?scope=city&amp;code=&amp;month=",
    ] {
        assert!(page.contains(expected), "{expected} missing");
    }
    let (status, _, page) = send(&app, get("/measures/streets?sort=filed&order=asc")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("aria-sort=\"ascending\""));
    let (status, headers, csv) = send(&app, get("/measures/csv?scope=city&table=streets")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(headers["content-type"]
        .to_str()
        .expect("ascii")
        .starts_with("text/csv"));
    let mut rows = csv.trim_start_matches('\u{feff}').lines();
    let header = rows.next().expect("a header");
    assert!(header.starts_with("code,name_zh,name_en,filed,dispatched,responded_on_time"));
    let row = rows.next().expect("a street");
    assert!(row.starts_with(&format!("{STREET},曙光街道,")), "{row}");
    assert!(row.ends_with(",100.00,100.00,100.00,100.00"), "{row}");
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_csv_cell_a_spreadsheet_would_run_stays_text(pool: PgPool) {
    let (app, p) = setup(&pool).await;
    // A name someone typed as a formula (units and categories are named by admins).
    sqlx::query("update areas set name_en = '=HYPERLINK(\"https://evil.example\",\"x\")', name_zh = '@SUM(1)' where code = $1")
        .bind(STREET)
        .execute(&pool)
        .await
        .expect("renamed");
    let number = dispatched_and_answered(&app, &p, "d1b2c3d4-0000-4000-8000-0000000000c5").await;
    resolve(&app, &p, &number).await;
    fold(&pool).await;
    let (status, headers, csv) = send(&app, get("/measures/csv?scope=city&table=streets")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let row = csv
        .lines()
        .find(|row| row.starts_with(STREET))
        .expect("the street's row");
    assert!(
        row.starts_with(&format!(
            "{STREET},'@SUM(1),\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"x\"\")\","
        )),
        "{row}"
    );
}
