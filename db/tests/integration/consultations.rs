//! Consultation queries against a fresh database per test, with the demo data loaded: the
//! rules the database holds (one reply level, a ballot's options are its consultation's),
//! a ballot replaced whole, turnout, and the requests a consultation is opened from.

use crate::common;
use ids::{ConsultationId, OptionId, RequestId, UserId};

use common::{file, with_demo_data, K};
use db::consultations::{self as q, discussion, NewConsultation};
use db::DbError;
use sqlx::types::chrono::Utc;
use sqlx::{PgConnection, PgPool};
use std::time::Duration;

/// 上河村社区.
const COMMUNITY: &str = "110108025014";

/// An open consultation of 上河村社区 with options A, B, C and abstain; its id and options.
async fn open_one(conn: &mut PgConnection, staff: UserId) -> (ConsultationId, Vec<OptionId>) {
    let area = db::areas::by_code(conn, COMMUNITY).await.expect("area").id;
    let options = ["A".to_owned(), "B".to_owned(), "C".to_owned()];
    let id = q::create(
        conn,
        &NewConsultation {
            area_id: area,
            title: "楼下空地怎么用",
            background: "背景",
            question: "改成什么？",
            max_choices: 2,
            results_shown: "live",
            opens_at: Utc::now() - Duration::from_secs(3600),
            closes_at: Utc::now() + Duration::from_secs(7 * 86_400),
            options: &options,
            abstain: true,
            created_by: staff,
        },
    )
    .await
    .expect("created");
    q::publish(conn, id).await.expect("published");
    let ids = q::options(conn, id)
        .await
        .expect("options")
        .iter()
        .map(|o| o.id)
        .collect();
    (id, ids)
}

async fn staff(pool: &PgPool) -> UserId {
    sqlx::query_scalar(
        "insert into users (phone, password_hash, display_name, role, scope_area_id)
         select '13900000401', 'not-a-hash', '社区工作人员', 'area_staff', id
         from areas where code = $1 returning id",
    )
    .bind(COMMUNITY)
    .fetch_one(pool)
    .await
    .expect("staff")
}

/// Verifies `resident` in their home community, as staff member `staff` approving their ask.
async fn verify(conn: &mut PgConnection, resident: UserId, staff: UserId) {
    let asked = db::verifications::ask(conn, resident, "3号楼")
        .await
        .expect("q")
        .expect("asked");
    db::verifications::decide(conn, asked, &K("approved"), None, staff)
        .await
        .expect("approved");
}

fn constraint(result: Result<impl std::fmt::Debug, DbError>) -> String {
    match result {
        Err(DbError::Conflict { constraint }) => constraint,
        other => panic!("expected a constraint, got {other:?}"),
    }
}

#[sqlx::test]
async fn replies_go_one_level_deep_within_one_consultation(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let staff = staff(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let (id, _) = open_one(&mut conn, staff).await;
    let (other, _) = open_one(&mut conn, staff).await;
    let top = discussion::add(&mut conn, id, None, resident, "建议做健身角")
        .await
        .expect("a comment");
    let reply = discussion::add(&mut conn, id, Some(top), staff, "收到")
        .await
        .expect("a reply");
    let parent_key = "consultation_comments_parent_fkey";
    assert_eq!(
        constraint(discussion::add(&mut conn, id, Some(reply), resident, "回复的回复").await),
        parent_key
    );
    assert_eq!(
        constraint(discussion::add(&mut conn, other, Some(top), resident, "串门").await),
        parent_key
    );

    // Reports count once per resident; a hidden comment keeps its place, not its text.
    discussion::report(&mut conn, top, staff)
        .await
        .expect("report");
    discussion::report(&mut conn, top, staff)
        .await
        .expect("again");
    discussion::hide(&mut conn, top, staff, "广告")
        .await
        .expect("hidden");
    let shown = discussion::comments(&mut conn, id, Some(staff), 10)
        .await
        .expect("comments");
    assert_eq!(shown.len(), 2);
    assert_eq!((shown[0].body.as_deref(), shown[0].reports), (None, 1));
    assert_eq!(shown[0].hidden_reason.as_deref(), Some("广告"));
    assert!(shown[0].reported_by_viewer);
    assert_eq!(shown[1].parent_id, Some(top));
    assert!(shown[1].by_staff);
    let locked = discussion::lock(&mut conn, top)
        .await
        .expect("q")
        .expect("found");
    assert!(locked.hidden);
}

#[sqlx::test]
async fn a_ballot_is_replaced_whole_and_holds_only_its_consultations_options(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let staff = staff(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    verify(&mut conn, resident, staff).await;
    let (id, options) = open_one(&mut conn, staff).await;
    let (_, foreign) = open_one(&mut conn, staff).await;
    let checked = q::ballot_box(&mut conn, id, resident)
        .await
        .expect("q")
        .expect("found");
    assert!(checked.verified);
    assert_eq!(checked.option_ids, options);
    assert_eq!(checked.abstains, [false, false, false, true]);

    assert!(q::cast(&mut conn, id, resident, &options[..2])
        .await
        .expect("cast"));
    assert!(q::cast(&mut conn, id, resident, &options[1..3])
        .await
        .expect("changed"));
    assert_eq!(
        q::choices(&mut conn, id, resident).await.expect("q"),
        &options[1..3]
    );
    let mut tx = pool.begin().await.expect("begin");
    assert_eq!(
        constraint(q::cast(&mut tx, id, resident, &[foreign[0]]).await),
        "ballot_choices_consultation_id_option_id_fkey"
    );
    tx.rollback().await.expect("rollback");
    let votes: Vec<i64> = q::options(&mut conn, id)
        .await
        .expect("q")
        .iter()
        .map(|o| o.votes)
        .collect();
    assert_eq!(votes, [0, 1, 1, 0]);
    assert_eq!(q::turnout(&mut conn, id).await.expect("q"), (1, 1));
    // Moving home drops the verification; the voter still counts once.
    sqlx::query(
        "update users set home_community_id = (select id from areas where code = '110108025001')
         where id = $1",
    )
    .bind(resident)
    .execute(&pool)
    .await
    .expect("moved");
    assert_eq!(q::turnout(&mut conn, id).await.expect("q"), (1, 1));
    assert!(
        !q::ballot_box(&mut conn, id, resident)
            .await
            .expect("q")
            .expect("found")
            .verified
    );
    // Cast checks again under its lock: no longer verified, the ballot stays as it was.
    assert!(!q::cast(&mut conn, id, resident, &options[..1])
        .await
        .expect("refused"));
    assert_eq!(
        q::choices(&mut conn, id, resident).await.expect("q"),
        &options[1..3]
    );
}

#[sqlx::test]
async fn a_ballot_cast_after_closing_writes_nothing(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let staff = staff(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    verify(&mut conn, resident, staff).await;
    let (id, options) = open_one(&mut conn, staff).await;
    // The server read the ballot box while it was open; it closed before the ballot came.
    assert!(
        q::ballot_box(&mut conn, id, resident)
            .await
            .expect("q")
            .expect("found")
            .verified
    );
    q::close_now(&mut conn, id).await.expect("closed");
    assert!(!q::cast(&mut conn, id, resident, &options[..1])
        .await
        .expect("refused"));
    assert_eq!(q::turnout(&mut conn, id).await.expect("q"), (0, 1));
    assert!(q::choices(&mut conn, id, resident)
        .await
        .expect("q")
        .is_empty());
}

#[sqlx::test]
async fn open_requests_of_the_area_are_grouped_and_linked(pool: PgPool) {
    let resident = with_demo_data(&pool).await;
    let staff = staff(&pool).await;
    let mut conn = pool.acquire().await.expect("connection");
    let first = file(
        &mut conn,
        resident,
        "environment.noise",
        "11111111-1111-4111-8111-111111111111",
    )
    .await;
    let second = file(
        &mut conn,
        resident,
        "environment.noise",
        "22222222-2222-4222-8222-222222222222",
    )
    .await;
    let area = db::areas::by_code(&mut conn, COMMUNITY)
        .await
        .expect("area")
        .id;
    let elsewhere = db::areas::by_code(&mut conn, "110108025001")
        .await
        .expect("area")
        .id;
    let groups = q::request_groups(&mut conn, area).await.expect("q");
    assert_eq!(groups.len(), 1);
    assert_eq!(
        (groups[0].category_code.as_str(), groups[0].open),
        ("environment.noise", 2)
    );
    assert!(q::request_groups(&mut conn, elsewhere)
        .await
        .expect("q")
        .is_empty());
    let ids = [first.id, second.id, RequestId(999_999)];
    assert_eq!(
        q::open_within(&mut conn, area, &ids).await.expect("q"),
        [first.id, second.id]
    );
    assert!(q::open_within(&mut conn, elsewhere, &ids)
        .await
        .expect("q")
        .is_empty());

    let (id, _) = open_one(&mut conn, staff).await;
    q::link_requests(&mut conn, id, &[first.id, second.id])
        .await
        .expect("linked");
    q::notify_filers(&mut conn, id, "consultation_linked")
        .await
        .expect("told");
    let told: i64 =
        sqlx::query_scalar("select count(*) from notifications where kind = 'consultation_linked'")
            .fetch_one(&pool)
            .await
            .expect("q");
    assert_eq!(told, 1, "one resident, told once");
    let linked = q::of_request(&mut conn, second.id).await.expect("q");
    assert_eq!((linked[0].id, linked[0].outcome.clone()), (id, None));
    assert_eq!(
        q::requests_of(&mut conn, id, false).await.expect("q").len(),
        2
    );
}
