//! 每月一题: the candidates a month's rollups suggest, publishing a topic with its units,
//! progress updates, and reading topics for their pages and for the requests they cover.

use crate::DbError;
use ids::{AreaId, CategoryId, TopicId, UnitId, UserId};
use sqlx::types::chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

/// A district × category of one month's rollups, as a candidate topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CandidateRow {
    pub district_code: String,
    pub district_zh: String,
    pub district_en: String,
    pub category_code: String,
    pub category_zh: String,
    pub category_en: String,
    pub filed: i64,
    pub rated: i64,
    pub satisfied: i64,
    /// A topic for this district and category in `published_month`, if there is one.
    pub topic_id: Option<TopicId>,
}

/// Which candidates: the most filed, or the least satisfied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rank {
    /// Most requests filed first.
    MostFiled,
    /// Lowest share of satisfied ratings first, among those rated at least `min_rated` times.
    LeastSatisfied { min_rated: i64 },
}

/// The `limit` district × category rollups of `month` that rank first by `rank`, each with
/// the topic already published for it in `published_month`, if any. Ties go by district and
/// category code.
pub async fn candidates(
    conn: &mut PgConnection,
    month: NaiveDate,
    published_month: NaiveDate,
    rank: Rank,
    limit: i64,
) -> Result<Vec<CandidateRow>, DbError> {
    let (least_satisfied, min_rated) = match rank {
        Rank::MostFiled => (false, 0),
        Rank::LeastSatisfied { min_rated } => (true, min_rated.max(1)),
    };
    let rows = sqlx::query_as!(
        CandidateRow,
        r#"select a.code as district_code, a.name_zh as district_zh, a.name_en as district_en,
                  c.code as category_code, c.name_zh as category_zh, c.name_en as category_en,
                  m.filed::bigint as "filed!", m.rated::bigint as "rated!",
                  m.satisfied::bigint as "satisfied!", t.id as "topic_id?: TopicId"
           from measures m
           join areas a on a.id = m.scope_id
           join categories c on c.id = m.category_id
           left join topics t on t.month = $2 and t.district_id = m.scope_id
                             and t.category_id = m.category_id
           where m.scope = 'district' and m.month = $1 and m.category_id > 0
             and case when $3 then m.rated >= $4 else m.filed > 0 end
           order by case when $3 then m.satisfied::float8 / m.rated else -m.filed end,
                    a.code, c.code
           limit $5"#,
        month as _,
        published_month as _,
        least_satisfied,
        min_rated as i32,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A topic as an admin publishes it, its places and units as ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewTopic<'a> {
    pub month: NaiveDate,
    pub district_id: AreaId,
    pub category_id: CategoryId,
    pub title: &'a str,
    pub description: &'a str,
    pub target: &'a str,
    /// A countable target: how many, of what (户, 处).
    pub target_count: Option<(i64, &'a str)>,
    pub deadline: NaiveDate,
    pub lead_unit_id: UnitId,
    pub co_unit_ids: &'a [UnitId],
    pub published_by: UserId,
}

/// Publishes `topic` with its co-units; its id, or `None` when its district and category
/// have a topic for that month already.
pub async fn publish(
    conn: &mut PgConnection,
    topic: &NewTopic<'_>,
) -> Result<Option<TopicId>, DbError> {
    let id = sqlx::query_scalar!(
        "insert into topics (month, district_id, category_id, title, description, target,
                             deadline, lead_unit_id, published_by, target_count, target_unit)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         on conflict (month, district_id, category_id) do nothing
         returning id",
        topic.month as _,
        topic.district_id.0,
        topic.category_id.0,
        topic.title,
        topic.description,
        topic.target,
        topic.deadline as _,
        topic.lead_unit_id.0,
        topic.published_by.0,
        topic.target_count.map(|(n, _)| n),
        topic.target_count.map_or("", |(_, unit)| unit)
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(id) = id {
        sqlx::query!(
            "insert into topic_units (topic_id, unit_id)
             select $1, u from unnest($2::bigint[]) as u on conflict do nothing",
            id,
            topic.co_unit_ids as &[UnitId]
        )
        .execute(conn)
        .await?;
    }
    Ok(id.map(TopicId))
}

/// Whether unit `unit_id` is in topic `topic_id`'s task force (专班): its lead unit or one of
/// its co-units.
pub async fn in_task_force(
    conn: &mut PgConnection,
    topic_id: TopicId,
    unit_id: UnitId,
) -> Result<bool, DbError> {
    let found = sqlx::query_scalar!(
        r#"select exists(
               select 1 from topics where id = $1 and lead_unit_id = $2
               union all
               select 1 from topic_units where topic_id = $1 and unit_id = $2) as "found!""#,
        topic_id.0,
        unit_id.0
    )
    .fetch_one(conn)
    .await?;
    Ok(found)
}

/// A progress update: how far, in per cent; the count reached, for a countable target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Progress<'a> {
    pub percent: i16,
    pub result: Option<i64>,
    pub note: &'a str,
}

/// Posts a progress update to topic `topic_id` for unit `unit_id` (none: an admin's) and makes
/// its percentage (and its count, when it has one) the topic's; `false` when there is no such
/// topic.
pub async fn post_update(
    conn: &mut PgConnection,
    topic_id: TopicId,
    progress: &Progress<'_>,
    (posted_by, unit_id): (UserId, Option<UnitId>),
) -> Result<bool, DbError> {
    let (percent, note) = (progress.percent, progress.note);
    let found = sqlx::query!(
        "update topics set percent = $2, result_count = coalesce($3, result_count) where id = $1",
        topic_id.0,
        percent,
        progress.result
    )
    .execute(&mut *conn)
    .await?;
    if found.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query!(
        "insert into topic_updates (topic_id, percent, note, posted_by, unit_id, result_count)
         values ($1, $2, $3, $4, $5, $6)",
        topic_id.0,
        percent,
        note,
        posted_by.0,
        unit_id as Option<UnitId>,
        progress.result
    )
    .execute(conn)
    .await?;
    Ok(true)
}

/// A published topic with the names of its district, category and lead unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TopicRow {
    pub id: TopicId,
    pub month: NaiveDate,
    pub district_code: String,
    pub district_zh: String,
    pub district_en: String,
    pub category_code: String,
    pub category_zh: String,
    pub category_en: String,
    pub title: String,
    pub description: String,
    pub target: String,
    pub deadline: NaiveDate,
    pub lead_unit_code: String,
    pub lead_unit_zh: String,
    pub lead_unit_en: String,
    pub percent: i16,
    pub published_at: DateTime<Utc>,
    pub target_count: Option<i64>,
    pub target_unit: String,
    pub result_count: i64,
}

/// The topics, newest month first, at most `limit`; only topic `id` when given.
pub async fn list(
    conn: &mut PgConnection,
    id: Option<TopicId>,
    limit: i64,
) -> Result<Vec<TopicRow>, DbError> {
    let rows = sqlx::query_as!(
        TopicRow,
        r#"select t.id, t.month as "month: NaiveDate",
                  a.code as district_code, a.name_zh as district_zh, a.name_en as district_en,
                  c.code as category_code, c.name_zh as category_zh, c.name_en as category_en,
                  t.title, t.description, t.target, t.deadline as "deadline: NaiveDate",
                  u.code as lead_unit_code, u.name_zh as lead_unit_zh, u.name_en as lead_unit_en,
                  t.percent, t.published_at as "published_at: DateTime<Utc>",
                  t.target_count, t.target_unit, t.result_count
           from topics t
           join areas a on a.id = t.district_id
           join categories c on c.id = t.category_id
           join units u on u.id = t.lead_unit_id
           where $1::bigint is null or t.id = $1
           order by t.month desc, t.id desc
           limit $2"#,
        id as Option<TopicId>,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A code with its names (a unit, a district).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Named {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

/// The co-units of topic `topic_id`, by code.
pub async fn co_units(conn: &mut PgConnection, topic_id: TopicId) -> Result<Vec<Named>, DbError> {
    let rows = sqlx::query_as!(
        Named,
        "select u.code, u.name_zh, u.name_en
         from topic_units t join units u on u.id = t.unit_id
         where t.topic_id = $1 order by u.code",
        topic_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A progress update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateRow {
    pub percent: i16,
    pub note: String,
    pub posted_at: DateTime<Utc>,
    pub result_count: Option<i64>,
    /// The task force unit it was posted for (none: an admin's).
    pub unit_zh: Option<String>,
    pub unit_en: Option<String>,
}

/// The progress updates of topic `topic_id`, oldest first.
pub async fn updates(
    conn: &mut PgConnection,
    topic_id: TopicId,
) -> Result<Vec<UpdateRow>, DbError> {
    let rows = sqlx::query_as!(
        UpdateRow,
        r#"select p.percent, p.note, p.posted_at as "posted_at: DateTime<Utc>", p.result_count,
                  u.name_zh as "unit_zh?", u.name_en as "unit_en?"
           from topic_updates p left join units u on u.id = p.unit_id
           where p.topic_id = $1 order by p.id"#,
        topic_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The city (for a city-wide topic), then the districts, in code order.
pub async fn districts(conn: &mut PgConnection) -> Result<Vec<Named>, DbError> {
    let rows = sqlx::query_as!(
        Named,
        "select code, name_zh, name_en from areas where level in ('city', 'district')
         order by level <> 'city', code"
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A policy document issued for a topic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document<'a> {
    pub title: &'a str,
    pub issuer: &'a str,
    pub issued_on: NaiveDate,
    /// `http(s)://…`, or empty when the text is given.
    pub link: &'a str,
    pub body: &'a str,
}

/// Lists `document` under topic `topic_id`; `false` when there is no such topic.
pub async fn add_document(
    conn: &mut PgConnection,
    topic_id: TopicId,
    document: &Document<'_>,
    added_by: UserId,
) -> Result<bool, DbError> {
    let added = sqlx::query!(
        "insert into topic_documents (topic_id, title, issuer, issued_on, link, body, added_by)
         select id, $2, $3, $4, $5, $6, $7 from topics where id = $1",
        topic_id.0,
        document.title,
        document.issuer,
        document.issued_on as _,
        document.link,
        document.body,
        added_by.0
    )
    .execute(conn)
    .await?;
    Ok(added.rows_affected() > 0)
}

/// A policy document as the topic's page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRow {
    pub title: String,
    pub issuer: String,
    pub issued_on: NaiveDate,
    pub link: String,
    pub body: String,
}

/// The documents of topic `topic_id`, by date of issue.
pub async fn documents(
    conn: &mut PgConnection,
    topic_id: TopicId,
) -> Result<Vec<DocumentRow>, DbError> {
    let rows = sqlx::query_as!(
        DocumentRow,
        r#"select title, issuer, issued_on as "issued_on: NaiveDate", link, body
           from topic_documents where topic_id = $1 order by issued_on, id"#,
        topic_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}
