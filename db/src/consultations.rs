//! Community consultations (议事厅): creating one with its options, publishing, closing,
//! ballots (one per resident, replaced when changed), the aggregate results and the outcome.
//! The migration `20261128120000_consultations.sql` holds the rules the database can state.

use crate::DbError;
use sqlx::types::chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

/// A consultation as staff create it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConsultation<'a> {
    pub area_id: i64,
    pub title: &'a str,
    pub background: &'a str,
    pub question: &'a str,
    pub max_choices: i32,
    pub results_shown: &'a str,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    /// In order.
    pub options: &'a [String],
    /// Adds an "abstain" option after the others (its label empty: pages name it in their
    /// language).
    pub abstain: bool,
    pub created_by: i64,
}

/// Creates a draft consultation with its options; its id.
pub async fn create(conn: &mut PgConnection, new: &NewConsultation<'_>) -> Result<i64, DbError> {
    let id = sqlx::query_scalar!(
        "insert into consultations (area_id, title, background, question, max_choices,
                                    results_shown, opens_at, closes_at, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
        new.area_id,
        new.title,
        new.background,
        new.question,
        new.max_choices,
        new.results_shown,
        new.opens_at as _,
        new.closes_at as _,
        new.created_by
    )
    .fetch_one(&mut *conn)
    .await?;
    let mut labels = new.options.to_vec();
    let mut abstain = vec![false; labels.len()];
    if new.abstain {
        labels.push(String::new());
        abstain.push(true);
    }
    sqlx::query!(
        "insert into consultation_options (consultation_id, position, label, abstain)
         select $1, o.n, o.label, o.abstain
         from unnest($2::text[], $3::boolean[]) with ordinality as o (label, abstain, n)",
        id,
        &labels,
        &abstain
    )
    .execute(conn)
    .await?;
    Ok(id)
}

/// A consultation with its area's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationRow {
    pub id: i64,
    pub area_id: i64,
    pub area_code: String,
    pub area_zh: String,
    pub area_en: String,
    pub title: String,
    pub background: String,
    pub question: String,
    pub max_choices: i32,
    pub results_shown: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub status: String,
    pub outcome: Option<String>,
    pub outcome_by: Option<String>,
    pub outcome_due: Option<NaiveDate>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// Which consultations to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// This one (draft or not).
    One(i64),
    /// Every published or decided one, and the drafts of the areas within `drafts_of` when
    /// given; the latest closing first.
    Listed { drafts_of: Option<i64> },
}

/// The consultations `which` names, at most `limit`.
pub async fn list(
    conn: &mut PgConnection,
    which: Which,
    limit: i64,
) -> Result<Vec<ConsultationRow>, DbError> {
    let (one, drafts_of) = match which {
        Which::One(id) => (Some(id), None),
        Which::Listed { drafts_of } => (None, drafts_of),
    };
    let rows = sqlx::query_as!(
        ConsultationRow,
        r#"select c.id, c.area_id, a.code as area_code, a.name_zh as area_zh,
                  a.name_en as area_en, c.title, c.background, c.question, c.max_choices,
                  c.results_shown, c.opens_at as "opens_at: DateTime<Utc>",
                  c.closes_at as "closes_at: DateTime<Utc>", c.status, c.outcome,
                  c.outcome_by, c.outcome_due as "outcome_due: NaiveDate",
                  c.decided_at as "decided_at: DateTime<Utc>"
           from consultations c join areas a on a.id = c.area_id
           where case when $1::bigint is not null then c.id = $1
                      else c.status <> 'draft'
                           or ($2::bigint is not null and area_within($2, c.area_id)) end
           order by c.closes_at desc, c.id desc
           limit $3"#,
        one,
        drafts_of,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Locks consultation `id` until the transaction ends (`for share`: ballots do not wait for
/// each other, a staff change waits for them); whether it exists.
pub async fn lock(conn: &mut PgConnection, id: i64, exclusive: bool) -> Result<bool, DbError> {
    let found = if exclusive {
        sqlx::query_scalar!("select id from consultations where id = $1 for update", id)
            .fetch_optional(conn)
            .await?
    } else {
        sqlx::query_scalar!("select id from consultations where id = $1 for share", id)
            .fetch_optional(conn)
            .await?
    };
    Ok(found.is_some())
}

/// An option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionRow {
    pub id: i64,
    pub label: String,
    pub abstain: bool,
    /// Ballots that chose it.
    pub votes: i64,
}

/// The options of consultation `id` in order, each with how many ballots chose it.
pub async fn options(conn: &mut PgConnection, id: i64) -> Result<Vec<OptionRow>, DbError> {
    let rows = sqlx::query_as!(
        OptionRow,
        r#"select o.id, o.label, o.abstain,
                  (select count(*) from ballot_choices b
                   where b.consultation_id = o.consultation_id and b.option_id = o.id) as "votes!"
           from consultation_options o
           where o.consultation_id = $1
           order by o.position"#,
        id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// How many ballots consultation `id` has, and how many residents are verified in its area.
pub async fn turnout(conn: &mut PgConnection, id: i64) -> Result<(i64, i64), DbError> {
    let row = sqlx::query!(
        r#"select (select count(*) from ballots where consultation_id = $1) as "ballots!",
                  (select count(*) from residence_verifications v, consultations c
                   where c.id = $1 and v.status = 'approved'
                     and area_contains(c.area_id, v.community_id)) as "eligible!""#,
        id
    )
    .fetch_one(conn)
    .await?;
    Ok((row.ballots, row.eligible))
}

/// The options resident `resident_id` chose in consultation `id` (empty: no ballot).
pub async fn choices(
    conn: &mut PgConnection,
    id: i64,
    resident_id: i64,
) -> Result<Vec<i64>, DbError> {
    let rows = sqlx::query_scalar!(
        "select option_id from ballot_choices
         where consultation_id = $1 and resident_id = $2 order by option_id",
        id,
        resident_id
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// What a ballot is checked against, read in one statement with the consultation locked
/// `for share` (ballots go on side by side; a staff change waits for them, and they for it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotBox {
    pub status: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub max_choices: i32,
    /// The resident is verified in a community of its area.
    pub verified: bool,
    /// Its options' ids, and which of them is "abstain".
    pub option_ids: Vec<i64>,
    pub abstains: Vec<bool>,
}

/// Consultation `id` as resident `resident_id`'s ballot finds it, locked; `None` if there is
/// no such consultation.
pub async fn ballot_box(
    conn: &mut PgConnection,
    id: i64,
    resident_id: i64,
) -> Result<Option<BallotBox>, DbError> {
    let row = sqlx::query_as!(
        BallotBox,
        r#"select c.status, c.opens_at as "opens_at: DateTime<Utc>",
                  c.closes_at as "closes_at: DateTime<Utc>", c.max_choices,
                  exists (select 1 from residence_verifications v
                          where v.resident_id = $2 and v.status = 'approved'
                            and area_contains(c.area_id, v.community_id)) as "verified!",
                  array(select o.id from consultation_options o
                        where o.consultation_id = c.id order by o.position) as "option_ids!",
                  array(select o.abstain from consultation_options o
                        where o.consultation_id = c.id order by o.position) as "abstains!"
           from consultations c where c.id = $1
           for share of c"#,
        id,
        resident_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Casts or replaces resident `resident_id`'s ballot in consultation `id` with `option_ids`.
/// The ballot row's primary key serializes a resident's concurrent ballots: each replaces the
/// last, and one ballot remains. Errors: `Constraint` when an option is not this
/// consultation's (the foreign key).
pub async fn cast(
    conn: &mut PgConnection,
    id: i64,
    resident_id: i64,
    option_ids: &[i64],
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into ballots (consultation_id, resident_id) values ($1, $2)
         on conflict (consultation_id, resident_id) do update set changed_at = now()",
        id,
        resident_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "delete from ballot_choices where consultation_id = $1 and resident_id = $2",
        id,
        resident_id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into ballot_choices (consultation_id, resident_id, option_id)
         select $1, $2, unnest($3::bigint[])",
        id,
        resident_id,
        option_ids
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Publishes draft `id`.
pub async fn publish(conn: &mut PgConnection, id: i64) -> Result<(), DbError> {
    sqlx::query!(
        "update consultations set status = 'published' where id = $1 and status = 'draft'",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Closes open consultation `id` now.
pub async fn close_now(conn: &mut PgConnection, id: i64) -> Result<(), DbError> {
    sqlx::query!(
        "update consultations set closes_at = now()
         where id = $1 and status = 'published' and opens_at < now() and closes_at > now()",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Publishes the outcome of consultation `id`: what will be done, by whom, by when.
pub async fn decide(
    conn: &mut PgConnection,
    id: i64,
    outcome: &str,
    by: &str,
    due: NaiveDate,
) -> Result<(), DbError> {
    sqlx::query!(
        "update consultations
         set status = 'decided', outcome = $2, outcome_by = $3, outcome_due = $4,
             decided_at = now()
         where id = $1",
        id,
        outcome,
        by,
        due as _
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether area `outer_id` is area `inner_id` or lies above it.
pub async fn area_within(
    conn: &mut PgConnection,
    outer_id: i64,
    inner_id: i64,
) -> Result<bool, DbError> {
    let within = sqlx::query_scalar!(
        r#"select area_within($1, $2) as "within!""#,
        outer_id,
        inner_id
    )
    .fetch_one(conn)
    .await?;
    Ok(within)
}
