//! Consultations through the real router and database: area staff create, publish, close and
//! decide; only residents verified in the area vote, once each, changing their ballot until
//! it closes; results show as the rule says and never who chose what; bad ballots and races
//! change nothing.

use crate::common;
use ids::{CommentId, ConsultationId, OptionId};

use app::consultations::{beijing_time_value, ConsultationSummary, ConsultationView, Phase};
use app::error::AppError;
use app::ssr::Settings;
use axum::http::{header, StatusCode};
use axum::Router;
use common::{account, app, count, error, post, post_multipart, signed_in, urlencoding, verify};
use sqlx::PgPool;

const RESIDENT: (&str, &str) = ("13800000001", "jiesu-resident");
/// The demo resident's community: 上河村社区.
const COMMUNITY: &str = "110108025014";

/// Area staff of a street in another district (东城区): signed in, their cookie.
async fn outsider(app: &Router, pool: &PgPool) -> String {
    let cookie = account(app, pool, "13900000404", "area_staff", None).await;
    sqlx::query(
        "update users set scope_area_id = (select id from areas where code = '110101001')
         where phone = '13900000404'",
    )
    .execute(pool)
    .await
    .expect("scoped elsewhere");
    cookie
}

/// Creates a consultation for `area` as `staff`, open from an hour ago for a week unless
/// `fields` say otherwise; its id.
async fn create(app: &Router, staff: &str, area: &str, fields: &[(&str, &str)]) -> ConsultationId {
    let (status, body, id) = try_create(app, staff, area, fields).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    id.expect("its page")
}

async fn try_create(
    app: &Router,
    staff: &str,
    area: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, String, Option<ConsultationId>) {
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

async fn step(app: &Router, staff: &str, id: ConsultationId, step: &str) -> (StatusCode, String) {
    let (status, _, body) = post(
        app,
        "/api/consultations/step",
        format!("id={id}&step={step}"),
        Some(staff),
    )
    .await;
    (status, body)
}

async fn vote(
    app: &Router,
    cookie: &str,
    id: ConsultationId,
    options: &[OptionId],
) -> (StatusCode, String) {
    let id = id.to_string();
    let options: Vec<String> = options.iter().map(OptionId::to_string).collect();
    let mut fields = vec![("id", id.as_str())];
    fields.extend(options.iter().map(|o| ("options", o.as_str())));
    let (status, _, body) =
        post_multipart(app, "/api/consultations/vote", Some(cookie), &fields, &[]).await;
    (status, body)
}

async fn read(
    app: &Router,
    cookie: Option<&str>,
    id: ConsultationId,
) -> (StatusCode, Option<ConsultationView>) {
    let (status, _, body) = post(app, "/api/consultations/view", format!("id={id}"), cookie).await;
    (status, serde_json::from_str(&body).ok())
}

async fn view(app: &Router, cookie: Option<&str>, id: ConsultationId) -> ConsultationView {
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
    let app = app(pool.clone(), one_ballot_shows()).await;
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
        vote(&app, &resident, id, &[OptionId(1)]).await.0,
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
            AppError::from(app::consultations::ConsultationRefusal::OptionsTooManyChosen),
        ),
        (
            &resident,
            vec![parking, abstain],
            AppError::from(app::consultations::ConsultationRefusal::OptionsAbstainAlone),
        ),
        (
            &resident,
            vec![foreign],
            AppError::from(app::consultations::ConsultationRefusal::OptionsUnknown),
        ),
        (
            &resident,
            vec![],
            AppError::from(app::consultations::ConsultationRefusal::OptionsRequired),
        ),
        (
            &unverified,
            vec![parking],
            AppError::from(app::consultations::ConsultationRefusal::BallotNotVerified),
        ),
        (
            &elsewhere,
            vec![parking],
            AppError::from(app::consultations::ConsultationRefusal::BallotNotVerified),
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
    let outsider = outsider(&app, &pool).await;
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
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::StatusNotNow)
    );

    // Closed: no more ballots, the results are everyone's, and it awaits its decision.
    assert_eq!(step(&app, &staff, id, "close").await.0, StatusCode::OK);
    let (status, body) = vote(&app, &resident, id, &[parking]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::BallotNotOpen)
    );
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
            assert_eq!(error(&body).refused_as(), Some((field, reason)));
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
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::ClosesAtPast)
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_thousand_ballots_at_once_from_one_resident_leave_one(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    verify(&pool, RESIDENT.0).await;
    let staff = account(&app, &pool, "13900000401", "area_staff", None).await;
    let id = create(&app, &staff, COMMUNITY, &[("max_choices", "2")]).await;
    step(&app, &staff, id, "publish").await;
    let options: Vec<OptionId> = view(&app, Some(&resident), id)
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

/// Posts `fields` to consultation server function `name` as `cookie`'s user; the status, the
/// redirect (if any) and the body.
async fn send_to(
    app: &Router,
    name: &str,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
) -> (StatusCode, Option<String>, String) {
    let body = fields
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencoding(v)))
        .collect::<Vec<_>>()
        .join("&");
    let (status, headers, body) =
        post(app, &format!("/api/consultations/{name}"), body, cookie).await;
    let location = headers
        .get(header::LOCATION)
        .and_then(|l| l.to_str().ok())
        .map(str::to_owned);
    (status, location, body)
}

/// The comment id a comment's redirect points at.
fn comment_id(location: Option<String>) -> CommentId {
    location
        .and_then(|l| {
            l.rsplit_once("#comment-")
                .and_then(|(_, id)| id.parse().ok())
        })
        .expect("to the comment")
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn verified_residents_discuss_report_and_staff_hide_with_a_reason(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    verify(&pool, RESIDENT.0).await;
    let neighbour = account(&app, &pool, "13900000402", "resident", None).await;
    verify(&pool, "13900000402").await;
    let unverified = account(&app, &pool, "13900000403", "resident", None).await;
    let staff = account(&app, &pool, "13900000401", "area_staff", None).await;
    let outsider = outsider(&app, &pool).await;
    let id = create(&app, &staff, COMMUNITY, &[]).await;
    let other = create(&app, &staff, COMMUNITY, &[]).await;
    let sid = id.to_string();
    let comment = |cookie: String, parent: String, body: &'static str| {
        let (app, sid) = (app.clone(), sid.clone());
        async move {
            send_to(
                &app,
                "comment",
                &[("id", &sid), ("parent", &parent), ("body", body)],
                Some(&cookie),
            )
            .await
        }
    };
    // Not in a draft, not without an account, not unverified.
    let (status, _, body) = comment(resident.clone(), String::new(), "草稿").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, _, body) = comment(staff.clone(), String::new(), "草稿").await;
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::StatusNotNow),
        "{status}"
    );
    step(&app, &staff, id, "publish").await;
    step(&app, &staff, other, "publish").await;
    let (status, _, _) = send_to(
        &app,
        "comment",
        &[("id", &sid), ("parent", ""), ("body", "x")],
        None,
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let (status, _, body) = comment(unverified.clone(), String::new(), "我也想说").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::BodyNotVerified)
    );
    let (_, _, body) = comment(resident.clone(), String::new(), "   ").await;
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::BodyRequired)
    );
    assert_eq!(
        count(&pool, "select count(*) from consultation_comments").await,
        0
    );

    // A comment, a reply, and staff answering.
    let (status, location, body) = comment(resident.clone(), String::new(), "建议做健身角").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let first = comment_id(location);
    let (_, location, _) = comment(neighbour.clone(), first.to_string(), "同意，老人需要").await;
    let reply = comment_id(location);
    let (_, location, _) = comment(staff.clone(), first.to_string(), "我们会考虑").await;
    comment_id(location);
    // One level only, and only this consultation's comments.
    let (status, _, body) = comment(resident.clone(), reply.to_string(), "回复的回复").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::ParentUnknown)
    );
    let (_, location, _) = send_to(
        &app,
        "comment",
        &[
            ("id", &other.to_string()),
            ("parent", ""),
            ("body", "另一个"),
        ],
        Some(&resident),
    )
    .await;
    let elsewhere = comment_id(location);
    let (_, _, body) = comment(resident.clone(), elsewhere.to_string(), "串门").await;
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::ParentUnknown)
    );
    assert_eq!(
        count(&pool, "select count(*) from consultation_comments").await,
        4
    );

    let seen = view(&app, None, id).await;
    let shape: Vec<_> = seen
        .comments
        .iter()
        .map(|c| (c.parent, c.by_staff, c.body.clone().unwrap_or_default()))
        .collect();
    assert_eq!(
        shape,
        [
            (None, false, "建议做健身角".to_owned()),
            (Some(first), false, "同意，老人需要".to_owned()),
            (Some(first), true, "我们会考虑".to_owned()),
        ]
    );
    assert!(
        !seen.can_comment && !seen.can_report,
        "a visitor reads only"
    );
    assert!(view(&app, Some(&resident), id).await.can_comment);

    // Reports: once per resident, never one's own, never by staff.
    let report = |cookie: String, comment: CommentId| {
        let app = app.clone();
        async move {
            send_to(
                &app,
                "report",
                &[("comment", &comment.to_string())],
                Some(&cookie),
            )
            .await
        }
    };
    assert_eq!(report(neighbour.clone(), first).await.0, StatusCode::OK);
    assert_eq!(report(neighbour.clone(), first).await.0, StatusCode::OK);
    assert_eq!(report(unverified.clone(), first).await.0, StatusCode::OK);
    let (status, _, body) = report(resident.clone(), first).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::StatusNotNow)
    );
    assert_eq!(report(staff.clone(), first).await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        report(neighbour.clone(), CommentId(999_999)).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        count(&pool, "select count(*) from comment_reports").await,
        2
    );
    assert_eq!(
        view(&app, Some(&staff), id).await.comments[0].reports,
        Some(2)
    );
    let theirs = view(&app, Some(&neighbour), id).await;
    assert_eq!(theirs.comments[0].reports, None, "counts are for staff");
    // Its staff see it waiting in the list; nobody else does.
    let reported = |cookie: Option<String>| {
        let app = app.clone();
        async move {
            let (_, _, body) = post(
                &app,
                "/api/consultations/list",
                String::new(),
                cookie.as_deref(),
            )
            .await;
            serde_json::from_str::<Vec<ConsultationSummary>>(&body)
                .expect("a list")
                .into_iter()
                .find(|c| c.id == id)
                .expect("listed")
                .reported
        }
    };
    assert_eq!(reported(Some(staff.clone())).await, 1);
    assert_eq!(reported(None).await, 0);
    assert_eq!(reported(Some(neighbour.clone())).await, 0);
    assert!(theirs.comments[0].reported);

    // Hiding: its staff only, with a reason, shown to everyone instead of the text.
    let hide = |cookie: String, reason: &'static str| {
        let app = app.clone();
        async move {
            send_to(
                &app,
                "hide",
                &[("comment", &first.to_string()), ("reason", reason)],
                Some(&cookie),
            )
            .await
        }
    };
    assert_eq!(hide(outsider, "广告").await.0, StatusCode::FORBIDDEN);
    assert_eq!(
        hide(resident.clone(), "广告").await.0,
        StatusCode::FORBIDDEN
    );
    let (_, _, body) = hide(staff.clone(), " ").await;
    assert_eq!(
        error(&body),
        AppError::from(app::admin::AdminRefusal::ReasonRequired)
    );
    assert_eq!(
        count(
            &pool,
            "select count(*) from consultation_comments where hidden_at is not null"
        )
        .await,
        0
    );
    assert_eq!(
        hide(staff.clone(), "含有他人电话号码").await.0,
        StatusCode::OK
    );
    let (_, _, body) = hide(staff.clone(), "再藏一次").await;
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::StatusNotNow)
    );
    let hidden = view(&app, None, id).await;
    assert_eq!(hidden.comments[0].body, None);
    assert_eq!(
        hidden.comments[0].hidden_reason.as_deref(),
        Some("含有他人电话号码")
    );
    assert_eq!(hidden.comments.len(), 3, "its replies stay");
    assert_eq!(
        report(unverified, first).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(reported(Some(staff.clone())).await, 0, "dealt with");
    let (status, _, page) = common::send(&app, common::get(&format!("/consultations/{id}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("该评论已被社区工作人员隐藏。理由：含有他人电话号码"));
    assert!(
        !page.contains("建议做健身角"),
        "the hidden text is not sent"
    );
    assert!(page.contains("同意，老人需要"));
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_consultation_opened_from_requests_shows_on_them_with_its_outcome(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    let staff = account(&app, &pool, "13900000401", "area_staff", None).await;
    let numbers = [
        common::file_noise(&app, &resident, "0b6b3f2e-0000-4000-8000-000000000001").await,
        common::file_noise(&app, &resident, "0b6b3f2e-0000-4000-8000-000000000002").await,
    ];
    let sources = |community: Option<&'static str>| {
        let (app, staff) = (app.clone(), staff.clone());
        async move {
            let body = match community {
                Some(c) => format!("community={c}&category=environment.noise"),
                None => String::new(),
            };
            let (status, _, body) =
                post(&app, "/api/consultations/sources", body, Some(&staff)).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            serde_json::from_str::<app::consultations::Sources>(&body).expect("sources")
        }
    };
    let groups = sources(None).await;
    let noise = groups
        .groups
        .iter()
        .find(|g| g.community_code == COMMUNITY && g.category_code == "environment.noise")
        .expect("the noise group");
    assert_eq!((noise.open, noise.hot_spot), (2, false));
    assert!(groups.chosen.is_none());
    let chosen = sources(Some(COMMUNITY))
        .await
        .chosen
        .expect("the group's requests");
    let numbered: Vec<_> = chosen
        .requests
        .iter()
        .map(|r| r.tracking_number.clone())
        .collect();
    assert_eq!(numbered, numbers);
    let ids: Vec<String> = chosen.requests.iter().map(|r| r.id.to_string()).collect();
    let (status, _, _) = post(
        &app,
        "/api/consultations/sources",
        String::new(),
        Some(&resident),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "staff only");

    // A request that is not open in its area is refused, and nothing is written.
    let (status, body, _) = try_create(&app, &staff, COMMUNITY, &[("requests", "999999")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::RequestsOutside)
    );
    let (_, body, _) = try_create(&app, &staff, COMMUNITY, &[("requests", "abc")]).await;
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::RequestsUnknown)
    );
    assert_eq!(count(&pool, "select count(*) from consultations").await, 0);

    let fields: Vec<(&str, &str)> = ids.iter().map(|id| ("requests", id.as_str())).collect();
    let id = {
        // `try_create` replaces a field by name: repeated `requests` go in one by one.
        let now = chrono::Utc::now().timestamp();
        let (opens, closes) = (
            beijing_time_value(now - 3600),
            beijing_time_value(now + 86_400),
        );
        let mut all = vec![
            ("area", COMMUNITY),
            ("title", "夜间噪音怎么管"),
            ("background", "两件噪音投诉"),
            ("question", "怎么办？"),
            ("options", "限时营业\n加装隔音"),
            ("max_choices", "1"),
            ("results_shown", "live"),
            ("opens_at", opens.as_str()),
            ("closes_at", closes.as_str()),
        ];
        all.extend(fields);
        let (status, headers, body) =
            post_multipart(&app, "/api/consultations/create", Some(&staff), &all, &[]).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        headers[header::LOCATION]
            .to_str()
            .ok()
            .and_then(|l| l.strip_prefix("/consultations/"))
            .and_then(|l| l.split('?').next())
            .and_then(|id| id.parse::<ConsultationId>().ok())
            .expect("its page")
    };
    assert_eq!(
        count(&pool, "select count(*) from consultation_requests").await,
        2
    );
    let linked = |n: usize| {
        let (app, resident, number) = (app.clone(), resident.clone(), numbers[n].clone());
        async move {
            common::view(&app, Some(&resident), &number)
                .await
                .consultations
        }
    };
    assert!(linked(0).await.is_empty(), "a draft is not shown");
    step(&app, &staff, id, "publish").await;
    let shown = linked(1).await;
    assert_eq!(
        (shown[0].id, shown[0].phase, shown[0].outcome.clone()),
        (id, Phase::Open, None)
    );
    // Both requests are one resident's: told once, about the first.
    let told = "select count(*) from notifications where kind = 'consultation_linked'";
    assert_eq!(count(&pool, told).await, 1, "once per resident");
    let about: String = sqlx::query_scalar(
        "select r.tracking_number from notifications n join requests r on r.id = n.request_id
         where n.kind = 'consultation_linked'",
    )
    .fetch_one(&pool)
    .await
    .expect("the notification");
    assert_eq!(about, numbers[0]);
    let page = view(&app, None, id).await;
    assert_eq!(
        page.requests
            .iter()
            .map(|(_, n)| n.clone())
            .collect::<Vec<_>>(),
        numbers
    );
    // A private request's number is for the consultation's staff only.
    sqlx::query("update requests set is_public = false where tracking_number = $1")
        .bind(&numbers[1])
        .execute(&pool)
        .await
        .expect("made private");
    let linked_numbers = |cookie: Option<String>| {
        let app = app.clone();
        async move {
            view(&app, cookie.as_deref(), id)
                .await
                .requests
                .into_iter()
                .map(|(_, n)| n)
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(linked_numbers(None).await, [numbers[0].clone()]);
    assert_eq!(linked_numbers(Some(staff.clone())).await, numbers);

    // Progress comes after the outcome.
    let update = |cookie: String, note: &'static str| {
        let app = app.clone();
        async move {
            send_to(
                &app,
                "update",
                &[("id", &id.to_string()), ("update", note)],
                Some(&cookie),
            )
            .await
        }
    };
    let (_, _, body) = update(staff.clone(), "已约谈商户").await;
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::StatusNotNow)
    );
    step(&app, &staff, id, "close").await;
    let (status, _, body) = send_to(
        &app,
        "decide",
        &[
            ("id", &id.to_string()),
            ("plan", "商户22点后停用排风扇"),
            ("by", "上河村社区居委会"),
            ("due", "2027-01-31"),
        ],
        Some(&staff),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let decided = linked(0).await;
    assert_eq!(decided[0].phase, Phase::Decided);
    assert_eq!(decided[0].outcome.as_deref(), Some("商户22点后停用排风扇"));
    let told = "select count(*) from notifications where kind = 'consultation_decided'";
    assert_eq!(count(&pool, told).await, 1);

    let (_, _, body) = update(staff.clone(), " ").await;
    assert_eq!(
        error(&body),
        AppError::from(app::consultations::ConsultationRefusal::UpdateRequired)
    );
    assert_eq!(
        update(resident.clone(), "我说的").await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(update(staff.clone(), "已约谈商户").await.0, StatusCode::OK);
    assert_eq!(
        update(staff.clone(), "排风扇已加装定时器").await.0,
        StatusCode::OK
    );
    let notes: Vec<_> = view(&app, None, id)
        .await
        .updates
        .into_iter()
        .map(|(_, n)| n)
        .collect();
    assert_eq!(notes, ["排风扇已加装定时器", "已约谈商户"], "newest first");
    let told = "select count(*) from notifications where kind = 'consultation_progress'";
    assert_eq!(count(&pool, told).await, 2, "one per update");
    let (_, _, request_page) =
        common::send(&app, common::get(&format!("/requests/{}", numbers[0]))).await;
    assert!(
        request_page.contains("夜间噪音怎么管") && request_page.contains("商户22点后停用排风扇")
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn turnout_counts_a_voter_who_moved_away_once(pool: PgPool) {
    let app = app(pool.clone(), one_ballot_shows()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    verify(&pool, RESIDENT.0).await;
    let staff = account(&app, &pool, "13900000401", "area_staff", None).await;
    let id = create(&app, &staff, COMMUNITY, &[("results_shown", "live")]).await;
    step(&app, &staff, id, "publish").await;
    let option = view(&app, Some(&resident), id).await.options[0].id;
    vote(&app, &resident, id, &[option]).await;
    assert_eq!(view(&app, None, id).await.turnout, Some((1, 1)));
    // Moving home drops the verification; the ballot stays, and so does its voter.
    sqlx::query(
        "update users set home_community_id = (select id from areas where code = '110108025001')
         where phone = $1",
    )
    .bind(RESIDENT.0)
    .execute(&pool)
    .await
    .expect("moved");
    assert_eq!(
        view(&app, None, id).await.turnout,
        Some((1, 1)),
        "never above 100 %"
    );
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn live_results_arrive_over_server_sent_events_only_as_the_rule_allows(pool: PgPool) {
    let (app, state) = common::app_and_state(pool.clone(), one_ballot_shows()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    verify(&pool, RESIDENT.0).await;
    let staff = account(&app, &pool, "13900000401", "area_staff", None).await;
    let live = create(&app, &staff, COMMUNITY, &[("results_shown", "live")]).await;
    let hidden = create(&app, &staff, COMMUNITY, &[]).await;
    let events = |id: ConsultationId| format!("/consultations/{id}/events");
    let (status, _, _) = common::send(&app, common::get(&events(live))).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a draft");
    step(&app, &staff, live, "publish").await;
    step(&app, &staff, hidden, "publish").await;
    let (status, _, _) = common::send(&app, common::get(&events(hidden))).await;
    assert_eq!(
        status,
        StatusCode::NO_CONTENT,
        "after_vote: not before voting"
    );
    assert_eq!(
        followed_within_5_s(&state, 0).await,
        0,
        "a refused page leaves no reader"
    );

    // Two pages follow it: a visitor's and the resident's.
    let mut pages = [
        common::open_events(&app, &events(live), None).await,
        common::open_events(&app, &events(live), Some(&resident)).await,
    ];
    for body in &mut pages {
        // Ballots, verified residents, then the votes of the three options and abstain.
        assert!(
            common::next_event(body, "tally")
                .await
                .contains("data: 0 1 0 0 0 0"),
            "the results now"
        );
    }
    assert_eq!(state.ballots.followed(), 1, "one reader for both pages");
    common::wait_for_listener(&pool, "jiesu_ballots").await;
    let second = view(&app, Some(&resident), live).await.options[1].id;
    assert_eq!(
        vote(&app, &resident, live, &[second]).await.0,
        StatusCode::OK
    );
    for body in &mut pages {
        assert!(
            common::next_event(body, "tally")
                .await
                .contains("data: 1 1 0 1 0 0"),
            "after the ballot"
        );
    }
    // Both pages close: the reader stops.
    drop(pages);
    assert_eq!(followed_within_5_s(&state, 0).await, 0, "nobody follows it");
}

/// Settings under which live results move with every ballot (the tests of the live machinery;
/// by default one ballot alone never shows, see below).
fn one_ballot_shows() -> Settings {
    Settings {
        live_results_min_ballots: 1,
        ..Settings::default()
    }
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn one_ballot_alone_changes_nothing_a_viewer_can_see(pool: PgPool) {
    let (app, _) = common::app_and_state(pool.clone(), Settings::default()).await;
    let staff = account(&app, &pool, "13900000401", "area_staff", None).await;
    let id = create(&app, &staff, COMMUNITY, &[("results_shown", "live")]).await;
    step(&app, &staff, id, "publish").await;
    // Before anyone votes: the empty tally, which tells nothing about anyone.
    let before = view(&app, None, id).await;
    assert_eq!(before.turnout.map(|t| t.0), Some(0));
    let mut page = common::open_events(&app, &format!("/consultations/{id}/events"), None).await;
    assert!(common::next_event(&mut page, "tally")
        .await
        .contains("data: 0 "));
    common::wait_for_listener(&pool, "jiesu_ballots").await;

    let mut voters = Vec::new();
    for n in 0..6 {
        let phone = format!("1390000050{n}");
        let cookie = account(&app, &pool, &phone, "resident", None).await;
        verify(&pool, &phone).await;
        voters.push(cookie);
    }
    let option = view(&app, Some(&voters[0]), id).await.options[0].id;
    // One ballot: what a visitor, another voter and the voter see has not moved.
    assert_eq!(
        vote(&app, &voters[0], id, &[option]).await.0,
        StatusCode::OK
    );
    for cookie in [None, Some(voters[0].as_str()), Some(voters[1].as_str())] {
        let seen = view(&app, cookie, id).await;
        assert_eq!(seen.turnout.map(|t| t.0), Some(0), "{cookie:?}");
        assert!(seen.options.iter().all(|o| o.votes == Some(0)));
    }
    // Changing it again and again is still one ballot.
    let other = view(&app, Some(&voters[0]), id).await.options[1].id;
    for choice in [other, option, other, option] {
        assert_eq!(
            vote(&app, &voters[0], id, &[choice]).await.0,
            StatusCode::OK
        );
    }
    assert_eq!(view(&app, None, id).await.turnout.map(|t| t.0), Some(0));
    // Four more (five in all since the last tally): the next tally, with all five.
    for cookie in &voters[1..5] {
        assert_eq!(vote(&app, cookie, id, &[option]).await.0, StatusCode::OK);
    }
    let after = view(&app, None, id).await;
    assert_eq!(after.turnout.map(|t| t.0), Some(5));
    assert_eq!(after.options[0].votes, Some(5));
    // The live page got that tally, and never one with fewer than five new ballots.
    let event = common::next_event(&mut page, "tally").await;
    assert!(event.contains("data: 5 "), "{event}");
    // A sixth ballot: nothing moves again until four more.
    assert_eq!(
        vote(&app, &voters[5], id, &[option]).await.0,
        StatusCode::OK
    );
    assert_eq!(view(&app, None, id).await.turnout.map(|t| t.0), Some(5));
    // Once closed, the results are the exact count.
    step(&app, &staff, id, "close").await;
    assert_eq!(view(&app, None, id).await.turnout.map(|t| t.0), Some(6));
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn a_consultation_with_fewer_voters_than_the_threshold_shows_none_yet(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    verify(&pool, RESIDENT.0).await;
    let staff = account(&app, &pool, "13900000401", "area_staff", None).await;
    let id = create(&app, &staff, COMMUNITY, &[("results_shown", "live")]).await;
    step(&app, &staff, id, "publish").await;
    // The first ballot is cast before anyone looked: no empty tally was ever published.
    let option: OptionId = sqlx::query_scalar(
        "select id from consultation_options where consultation_id = $1 order by position limit 1",
    )
    .bind(id)
    .fetch_one(&pool)
    .await
    .expect("an option");
    assert_eq!(vote(&app, &resident, id, &[option]).await.0, StatusCode::OK);
    let seen = view(&app, None, id).await;
    assert_eq!((seen.turnout, seen.withheld_until), (None, Some(5)));
    assert!(seen.options.iter().all(|o| o.votes.is_none()));
    let (_, _, page) = common::send(&app, common::get(&format!("/consultations/{id}"))).await;
    assert!(page.contains("至少 5 位居民投票后才显示结果"), "{page}");
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn numbers_in_comments_are_masked_for_everyone_but_their_author(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    verify(&pool, RESIDENT.0).await;
    let staff = account(&app, &pool, "13900000401", "area_staff", None).await;
    let id = create(&app, &staff, COMMUNITY, &[]).await;
    step(&app, &staff, id, "publish").await;
    let body = "有事打我电话１３８·１２３４·５６７８";
    let (status, _, answer) = send_to(
        &app,
        "comment",
        &[("id", &id.to_string()), ("parent", ""), ("body", body)],
        Some(&resident),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let shown = |v: ConsultationView| v.comments[0].body.clone().unwrap_or_default();
    assert_eq!(shown(view(&app, Some(&resident), id).await), body);
    for cookie in [None, Some(staff.as_str())] {
        assert_eq!(
            shown(view(&app, cookie, id).await),
            "有事打我电话１３８·****·５６７８"
        );
    }
}

#[sqlx::test(migrator = "db::MIGRATOR")]
async fn download_my_data_holds_ballots_comments_reports_and_verifications(pool: PgPool) {
    let app = app(pool.clone(), Settings::default()).await;
    let resident = signed_in(&app, RESIDENT.0, RESIDENT.1).await;
    verify(&pool, RESIDENT.0).await;
    let neighbour = account(&app, &pool, "13900000402", "resident", None).await;
    verify(&pool, "13900000402").await;
    let staff = account(&app, &pool, "13900000401", "area_staff", None).await;
    let id = create(&app, &staff, COMMUNITY, &[]).await;
    step(&app, &staff, id, "publish").await;
    let option = view(&app, Some(&resident), id).await.options[2].id;
    assert_eq!(vote(&app, &resident, id, &[option]).await.0, StatusCode::OK);
    let sid = id.to_string();
    send_to(
        &app,
        "comment",
        &[("id", &sid), ("parent", ""), ("body", "建儿童游乐区吧")],
        Some(&resident),
    )
    .await;
    send_to(
        &app,
        "comment",
        &[("id", &sid), ("parent", ""), ("body", "我反对")],
        Some(&neighbour),
    )
    .await;
    let theirs = view(&app, Some(&resident), id)
        .await
        .comments
        .iter()
        .find(|c| !c.mine)
        .map(|c| c.id)
        .expect("the neighbour's comment");
    send_to(
        &app,
        "report",
        &[("comment", &theirs.to_string())],
        Some(&resident),
    )
    .await;
    let number = common::file_noise(&app, &resident, "5e1f0000-0000-4000-8000-00000000da7a").await;
    // A rating straight in the database (the rating flow has its own tests).
    sqlx::query(
        "insert into ratings (request_id, round, resident_id, outcome, satisfaction, comment)
         select id, 1, resident_id, 'resolved', 5, '办得好' from requests where tracking_number = $1",
    )
    .bind(&number)
    .execute(&pool)
    .await
    .expect("a rating");

    let request = axum::http::Request::get("/api/accounts/my_data")
        .header(header::COOKIE, &resident)
        .body(axum::body::Body::empty())
        .expect("request");
    let (status, _, body) = common::send(&app, request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let data: app::accounts::MyData = serde_json::from_str(&body).expect("MyData");
    assert_eq!(data.ballots.len(), 1);
    assert_eq!(data.ballots[0].choices, ["儿童游乐区"]);
    assert_eq!(data.comments.len(), 1);
    assert_eq!(data.comments[0].body, "建儿童游乐区吧");
    assert_eq!(data.reports.len(), 1);
    assert_eq!(data.reports[0].comment_id, theirs);
    assert_eq!(data.verifications.len(), 1);
    assert_eq!(data.verifications[0].status, "approved");
    assert!(data
        .notes
        .iter()
        .any(|n| n.tracking_number == number && n.kind == "filed"));
    assert_eq!(data.ratings.len(), 1);
    assert_eq!(
        (
            data.ratings[0].tracking_number.as_str(),
            data.ratings[0].comment.as_str()
        ),
        (number.as_str(), "办得好")
    );
}

/// How many consultations pages follow live once that is `expected`, or after 5 s.
async fn followed_within_5_s(state: &app::ssr::AppState, expected: usize) -> usize {
    for _ in 0..100 {
        if state.ballots.followed() == expected {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    state.ballots.followed()
}
