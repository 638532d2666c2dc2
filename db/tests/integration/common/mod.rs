//! What the request and handling query tests share: the demo data and a filed request.
#![allow(
    dead_code,
    reason = "not every helper is used by every build of the tests"
)]

use db::demo;
use db::requests::{self, NewRequest};
use ids::UserId;
use sqlx::{PgConnection, PgPool};

/// Loads the demo data (with fake password hashes); the demo resident's id.
pub async fn with_demo_data(pool: &PgPool) -> UserId {
    let mut tx = pool.begin().await.expect("begin");
    demo::load_if_empty(&mut tx).await.expect("reference data");
    demo::add_accounts(&mut tx, |p| Ok(format!("not-a-hash:{p}")))
        .await
        .expect("demo accounts");
    tx.commit().await.expect("commit");
    sqlx::query_scalar("select id from users where phone = '13800000001'")
        .fetch_one(pool)
        .await
        .expect("the demo resident")
}

/// Files a noise-like complaint of `category` in 上河村社区 for `resident` with form key `key`.
pub async fn file(
    conn: &mut PgConnection,
    resident: UserId,
    category: &str,
    key: &str,
) -> requests::Filed {
    let category = requests::category(conn, category)
        .await
        .expect("q")
        .expect("category");
    let place = requests::place(conn, "110108025014")
        .await
        .expect("q")
        .expect("place");
    let (rule, unit) = requests::propose_unit(conn, category.id, place)
        .await
        .expect("unit");
    requests::file(
        conn,
        &NewRequest {
            resident_id: resident,
            filed_by: resident,
            kind: &K("complaint"),
            category: &category,
            place,
            address: "",
            description: "楼下饭馆每天夜里排风扇噪音很大",
            position: Some((39.96, 116.28)),
            is_public: true,
            show_name: false,
            proposed_unit_id: unit,
            routing_rule_id: rule,
            idempotency_key: key,
            found: None,
        },
    )
    .await
    .expect("filed")
}

/// A value of one of the schema's fixed lists, as these tests write it: its key (in `app`, the
/// list's enum stands here).
#[derive(Debug, Clone, Copy)]
pub struct K(pub &'static str);

impl db::keys::Key for K {
    fn key(&self) -> &'static str {
        self.0
    }
}

impl db::keys::Status for K {}
impl db::keys::RequestKind for K {}
impl db::keys::ClosureCode for K {}
impl db::keys::Outcome for K {}
impl db::keys::Role for K {}
impl db::keys::VerificationStatus for K {}
impl db::keys::VolunteerKind for K {}
impl db::keys::VolunteerStatus for K {}
impl db::keys::ResourceKind for K {}
impl db::keys::AskStatus for K {}
