//! Consultations through the real router and database: area staff create, publish, close and
//! decide; only residents verified in the area vote, once each, changing their ballot until
//! it closes; results show as the rule says and never who chose what; bad ballots and races
//! change nothing.

mod common;

use app::consultations::{beijing_time_value, ConsultationSummary, ConsultationView, Phase};
use app::error::AppError;
use app::ssr::Settings;
use axum::http::{header, StatusCode};
use axum::Router;
use common::{account, app, count, error, post, post_multipart, signed_in};
use sqlx::PgPool;

const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");
/// The demo resident's community: 上河村社区.
const COMMUNITY: &str = "110108025014";

/// Verifies the resident with `phone` in their home community (the verification flow has its
/// own tests).
async fn verify(pool: &PgPool, phone: &str) {
    sqlx::query(
        "insert into residence_verifications (resident_id, community_id, address, status, decided_at)
         select id, home_community_id, '3号楼', 'approved', now() from users where phone = $1",
    )
    .bind(phone)
    .execute(pool)
    .await
    .expect("verified");
}

/// Creates a consultation for `area` as `staff`, open from an hour ago for a week unless
/// `fields` say otherwise; its id.
async fn create(app: &Router, staff: &str, area: &str, fields: &[(&str, &str)]) -> i64 {
    let (status, body, id) = try_create(app, staff, area, fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    id.expect("its page")
}

async fn try_create(
    app: &Router,
    staff: &str,
    area: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, Option<i64>) {
    let now = chrono::Utc::now().timestamp();
    let (opens, closes) = (
        beijing_time_value(now - 3600),
        beijing_time_value(now + 7 * 86_400),
    );
    let mut all = vec![
        ("area", area),
        ("title", "楼下空地怎么用"),
        ("background", "小区3号楼下有一块空地，居民有不同想法。"),
        ("question", "这块空地改成什么？"),
        ("options", "停车位\n健身器材\n儿童游乐区"),
        ("max_choices", "1"),
        ("abstain", "on"),
        ("results_shown", "after_vote"),
        ("opens_at", opens.as_str()),
        ("closes_at", closes.as_str()),
    ];
    for (k, v) in fields {
        all.retain(|(name, _)| name != k);
        all.push((k, v));
    }
    let (status, headers, body) =
        post_multipart(app, "/api/consultations/create", Some(staff), &all, &[]).await;
    let id = headers
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .and_then(|l| l.strip_prefix("/consultations/"))
        .and_then(|l| l.split('?').next())
        .and_then(|id| id.parse().ok());
    (status, body, id)
}

async fn step(app: &Router, staff: &str, id: i64, step: &str) -> (StatusCode, String) {
    let (status, _, body) = post(
        app,
        "/api/consultations/step",
        format!("id={id}&step={step}"),
        Some(staff),
    )
    .await;
    (status, body)
}

async fn vote(app: &Router, cookie: &str, id: i64, options: &[i64]) -> (StatusCode, String) {
    let id = id.to_string();
    let options: Vec<String> = options.iter().map(i64::to_string).collect();
    let mut fields = vec![("id", id.as_str())];
    fields.extend(options.iter().map(|o| ("options", o.as_str())));
    let (status, _, body) =
        post_multipart(app, "/api/consultations/vote", Some(cookie), &fields, &[]).await;
    (status, body)
}

async fn read(
    app: &Router,
    cookie: Option<&str>,
    id: i64,
) -> (StatusCode, Option<ConsultationView>) {
    let (status, _, body) = post(app, "/api/consultations/view", format!("id={id}"), cookie).await;
    (status, serde_json::from_str(&body).ok())
}

async fn view(app: &Router, cookie: Option<&str>, id: i64) -> ConsultationView {
    let (status, view) = read(app, cookie, id).await;
    assert_eq!(status, StatusCode::OK);
    view.expect("a consultation")
}

async fn ballots(pool: &PgPool) -> (i64, i64) {
    (
        count(pool, "select count(*) from ballots").await,
        count(pool, "select count(*) from ballot_choices").await,
    )
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn verified_residents_vote_once_and_staff_close_and_decide(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    verify(&pool, RESIDENT.0).await;
    // Street staff of 曙光街道, which contains the community.
    let staff = account(&app, &pool, "13900000401", "area_staff", None).await;
    let unverified = account(&app, &pool, "13900000402", "resident", None).await;
    let elsewhere = account(&app, &pool, "13900000403", "resident", None).await;
    sqlx::query(
        "update users set home_community_id = (select id from areas where code = '110108025001')
         where phone = '13900000403'",
    )
    .execute(&pool)
    .await
    .expect("moved");
    verify(&pool, "13900000403").await;

    // A draft is its area's staff's only.
    let id = create(&app, &staff, COMMUNITY, &[]).await;
    assert_eq!(
        read(&app, Some(&resident), id).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        vote(&app, &resident, id, &[1]).await.0,
        StatusCode::NOT_FOUND
    );
    let listed = |cookie: Option<String>| {
        let app = app.clone();
        async move {
            let (status, _, body) = post(
                &app,
                "/api/consultations/list",
                String::new(),
                cookie.as_deref(),
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{body}");
            serde_json::from_str::<Vec<ConsultationSummary>>(&body).expect("a list")
        }
    };
    assert!(listed(None).await.is_empty());
    assert_eq!(listed(Some(staff.clone())).await[0].phase, Phase::Draft);
    let (status, _) = step(&app, &staff, id, "publish").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(listed(None).await[0].phase, Phase::Open);

    let before = view(&app, Some(&resident), id).await;
    assert!(before.can_vote);
    assert_eq!(before.options.len(), 4, "three and abstain");
    assert!(before.options[3].abstain);
    assert!(
        before.options.iter().all(|o| o.votes.is_none()) && before.turnout.is_none(),
        "after_vote: nothing before voting"
    );
    let [parking, fitness, _, abstain] = [0, 1, 2, 3].map(|i| before.options[i].id);

    // Refused ballots change nothing.
    let other = create(&app, &staff, COMMUNITY, &[]).await;
    step(&app, &staff, other, "publish").await;
    let foreign = view(&app, Some(&resident), other).await.options[0].id;
    let refusals = [
        (
            &resident,
            vec![parking, fitness],
            AppError::invalid("options", "too_many_chosen"),
        ),
        (
            &resident,
            vec![parking, abstain],
            AppError::invalid("options", "abstain_alone"),
        ),
        (
            &resident,
            vec![foreign],
            AppError::invalid("options", "unknown"),
        ),
        (&resident, vec![], AppError::invalid("options", "required")),
        (
            &unverified,
            vec![parking],
            AppError::invalid("ballot", "not_verified"),
        ),
        (
            &elsewhere,
            vec![parking],
            AppError::invalid("ballot", "not_verified"),
        ),
    ];
    for (cookie, options, expected) in refusals {
        let (status, body) = vote(&app, cookie, id, &options).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{options:?}");
        assert_eq!(error(&body), expected, "{options:?}");
    }
    assert_eq!(
        vote(&app, &staff, id, &[parking]).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(ballots(&pool).await, (0, 0));

    // A ballot, then a change of mind: still one ballot.
    assert_eq!(
        vote(&app, &resident, id, &[parking]).await.0,
        StatusCode::OK
    );
    assert_eq!(
        vote(&app, &resident, id, &[fitness]).await.0,
        StatusCode::OK
    );
    assert_eq!(ballots(&pool).await, (1, 1));
    let mine = view(&app, Some(&resident), id).await;
    assert_eq!(mine.my_choices, [fitness]);
    let votes: Vec<_> = mine.options.iter().map(|o| o.votes).collect();
    assert_eq!(votes, [Some(0), Some(1), Some(0), Some(0)]);
    assert_eq!(
        mine.turnout,
        Some((1, 1)),
        "one ballot of one verified resident"
    );
    let visitor = view(&app, None, id).await;
    assert!(visitor.my_choices.is_empty() && visitor.turnout.is_none());
    assert!(visitor.options.iter().all(|o| o.votes.is_none()));

    // Staff elsewhere may not close it; nobody decides before it closes.
    let outsider = account(&app, &pool, "13900000404", "area_staff", None).await;
    sqlx::query(
        "update users set scope_area_id = (select id from areas where code = '110101001')
         where phone = '13900000404'",
    )
    .execute(&pool)
    .await
    .expect("scoped elsewhere");
    assert_eq!(
        step(&app, &outsider, id, "close").await.0,
        StatusCode::FORBIDDEN
    );
    let decide = |cookie: String| {
        let app = app.clone();
        async move {
            let (status, _, body) = post(
                &app,
                "/api/consultations/decide",
                format!(
                    "id={id}&plan={}&by={}&due=2027-03-31",
                    "%E5%BB%BA%E5%81%A5%E8%BA%AB%E8%A7%92", "%E5%B1%85%E5%A7%94%E4%BC%9A"
                ),
                Some(&cookie),
            )
            .await;
            (status, body)
        }
    };
    let (status, body) = decide(staff.clone()).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error(&body), AppError::invalid("status", "not_now"));

    // Closed: no more ballots, the results are everyone's, and it awaits its decision.
    assert_eq!(step(&app, &staff, id, "close").await.0, StatusCode::OK);
    let (status, body) = vote(&app, &resident, id, &[parking]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error(&body), AppError::invalid("ballot", "not_open"));
    let closed = view(&app, None, id).await;
    assert_eq!(closed.summary.phase, Phase::AwaitingDecision { days: 0 });
    assert_eq!(closed.options[1].votes, Some(1));
    assert_eq!(ballots(&pool).await, (1, 1));

    assert_eq!(decide(outsider).await.0, StatusCode::FORBIDDEN);
    let (status, body) = decide(staff.clone()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let decided = view(&app, None, id).await;
    assert_eq!(decided.summary.phase, Phase::Decided);
    let outcome = decided.outcome.expect("published");
    assert_eq!(
        (outcome.outcome.as_str(), outcome.by.as_str()),
        ("建健身角", "居委会")
    );
    assert_eq!(
        decide(staff.clone()).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn staff_create_only_within_their_area_and_refusals_write_nothing(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let staff = account(&app, &pool, "13900000401", "area_staff", None).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let cases = [
        (
            &staff,
            "110108",
            &[][..],
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(("area", "outside")),
        ),
        (
            &staff,
            "999999",
            &[][..],
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(("area", "unknown")),
        ),
        (
            &staff,
            COMMUNITY,
            &[
                ("opens_at", "2020-01-01T09:00"),
                ("closes_at", "2020-01-02T09:00"),
            ][..],
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(("closes_at", "past")),
        ),
        (
            &staff,
            COMMUNITY,
            &[("options", "就一个")][..],
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(("options", "too_few")),
        ),
        (&resident, COMMUNITY, &[][..], StatusCode::FORBIDDEN, None),
    ];
    for (cookie, area, fields, expected, refusal) in cases {
        let (status, body, _) = try_create(&app, cookie, area, fields).await;
        assert_eq!(status, expected, "{area} {fields:?}: {body}");
        if let Some((field, reason)) = refusal {
            assert_eq!(error(&body), AppError::invalid(field, reason));
        }
    }
    assert_eq!(
        count(&pool, "select (select count(*) from consultations) + (select count(*) from consultation_options)").await,
        0
    );
    // Its own street and a community in it are fine.
    create(&app, &staff, "110108025", &[]).await;
    let late = create(&app, &staff, COMMUNITY, &[]).await;
    // A draft whose closing time passed before it was published: nobody could vote in it.
    sqlx::query(
        "update consultations set opens_at = now() - interval '2 days',
                                  closes_at = now() - interval '1 day' where id = $1",
    )
    .bind(late)
    .execute(&pool)
    .await
    .expect("time passes");
    let (status, body) = step(&app, &staff, late, "publish").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error(&body), AppError::invalid("closes_at", "past"));
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_thousand_ballots_at_once_from_one_resident_leave_one(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    verify(&pool, RESIDENT.0).await;
    let staff = account(&app, &pool, "13900000401", "area_staff", None).await;
    let id = create(&app, &staff, COMMUNITY, &[("max_choices", "2")]).await;
    step(&app, &staff, id, "publish").await;
    let options: Vec<i64> = view(&app, Some(&resident), id)
        .await
        .options
        .iter()
        .map(|o| o.id)
        .collect();
    let mut ballots_at_once = tokio::task::JoinSet::new();
    for i in 0..1000 {
        let (app, resident) = (app.clone(), resident.clone());
        // Alternating one and two choices, so a mixed-up ballot would show.
        let chosen = if i % 2 == 0 {
            vec![options[0]]
        } else {
            vec![options[1], options[2]]
        };
        ballots_at_once.spawn(async move { vote(&app, &resident, id, &chosen).await });
    }
    for (status, body) in ballots_at_once.join_all().await {
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let (ballots, choices) = ballots(&pool).await;
    assert_eq!(ballots, 1);
    let mine = view(&app, Some(&resident), id).await.my_choices;
    assert!(
        mine == [options[0]] || mine == [options[1], options[2]],
        "one whole ballot: {mine:?}"
    );
    assert_eq!(choices, mine.len() as i64);
}
