//! The measures (三率) as rollups: recounting the requests that events note as pending,
//! folding the deltas a recount writes into the rollups, reading them for the public pages,
//! and recomputing them from the event log (the consistency check, and a rebuild after a bulk
//! load). The migrations `20261127120000_measures.sql`,
//! `20261206090000_communities_handle.sql`, `20261207090000_answers_at_intake.sql` and
//! `20261208090000_found_cases.sql` (the latest form) say how a request is counted;
//! `20261212090000_measures_counted_later.sql` why the fold, not the action, recounts.

use crate::DbError;
use ids::{CategoryId, RequestId, UnitId};
use sqlx::types::chrono::NaiveDate;
use sqlx::{Connection, PgConnection};

/// The counts every rollup row holds, in the order of its `counts` array.
pub const COUNTS: [&str; 20] = [
    "filed",
    "dispatched",
    "responded_on_time",
    "respond_overdue",
    "resolve_overdue",
    "rated",
    "resolved",
    "satisfied",
    "unrated",
    "reopened",
    "returned",
    "whistles",
    "late_check_ins",
    "passed_down",
    "passed_up",
    "late_passes",
    "answered",
    "found",
    "settled",
    "settled_on_time",
];

/// What a rollup row is kept for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    City,
    District,
    Street,
    Community,
    Unit,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::City => "city",
            Scope::District => "district",
            Scope::Street => "street",
            Scope::Community => "community",
            Scope::Unit => "unit",
        }
    }
}

/// Recounts up to `limit` of the requests events noted as pending (the oldest notes first),
/// writing what changed as deltas; returns how many notes it took. One recount runs at a
/// time across every server (a transaction lock): call it in its own transaction.
pub async fn recount_pending(conn: &mut PgConnection, limit: i32) -> Result<u64, DbError> {
    let taken = sqlx::query_scalar!(r#"select recount_pending($1) as "n!""#, limit)
        .fetch_one(conn)
        .await?;
    Ok(u64::try_from(taken).unwrap_or(0))
}

/// Folds up to `limit` pending deltas into the rollups, once each (the deltas taken are
/// deleted by the statement that adds them); returns how many it folded. Deltas another
/// transaction holds are skipped, so several servers may fold at once.
pub async fn fold(conn: &mut PgConnection, limit: i64) -> Result<u64, DbError> {
    let folded = sqlx::query_scalar!(
        r#"with taken as (
               delete from measure_deltas where id in (
                   select id from measure_deltas order by id limit $1 for update skip locked)
               returning *),
           summed as (
               select t.month, s.scope, s.scope_id, s.category_id,
                      sum(t.filed)::int as filed, sum(t.dispatched)::int as dispatched,
                      sum(t.responded_on_time)::int as responded_on_time,
                      sum(t.respond_overdue)::int as respond_overdue,
                      sum(t.resolve_overdue)::int as resolve_overdue, sum(t.rated)::int as rated,
                      sum(t.resolved)::int as resolved, sum(t.satisfied)::int as satisfied,
                      sum(t.unrated)::int as unrated, sum(t.reopened)::int as reopened,
                      sum(t.returned)::int as returned, sum(t.whistles)::int as whistles,
                      sum(t.late_check_ins)::int as late_check_ins,
                      sum(t.passed_down)::int as passed_down, sum(t.passed_up)::int as passed_up,
                      sum(t.late_passes)::int as late_passes,
                      sum(t.answered)::int as answered, sum(t.found)::int as found,
                      sum(t.settled)::int as settled,
                      sum(t.settled_on_time)::int as settled_on_time
               from taken t
               cross join lateral measure_scopes(t.district_id, t.street_id, t.community_id,
                                                 t.unit_id, t.category_id) s
               group by t.month, s.scope, s.scope_id, s.category_id),
           added as (
               insert into measures (month, scope, scope_id, category_id, filed, dispatched,
                                     responded_on_time, respond_overdue, resolve_overdue, rated,
                                     resolved, satisfied, unrated, reopened, returned, whistles,
                                     late_check_ins, passed_down, passed_up, late_passes,
                                     answered, found, settled, settled_on_time)
               select * from summed order by scope, scope_id, category_id, month
               on conflict on constraint measures_pkey do update set
                   filed = measures.filed + excluded.filed,
                   dispatched = measures.dispatched + excluded.dispatched,
                   responded_on_time = measures.responded_on_time + excluded.responded_on_time,
                   respond_overdue = measures.respond_overdue + excluded.respond_overdue,
                   resolve_overdue = measures.resolve_overdue + excluded.resolve_overdue,
                   rated = measures.rated + excluded.rated,
                   resolved = measures.resolved + excluded.resolved,
                   satisfied = measures.satisfied + excluded.satisfied,
                   unrated = measures.unrated + excluded.unrated,
                   reopened = measures.reopened + excluded.reopened,
                   returned = measures.returned + excluded.returned,
                   whistles = measures.whistles + excluded.whistles,
                   late_check_ins = measures.late_check_ins + excluded.late_check_ins,
                   passed_down = measures.passed_down + excluded.passed_down,
                   passed_up = measures.passed_up + excluded.passed_up,
                   late_passes = measures.late_passes + excluded.late_passes,
                   answered = measures.answered + excluded.answered,
                   found = measures.found + excluded.found,
                   settled = measures.settled + excluded.settled,
                   settled_on_time = measures.settled_on_time + excluded.settled_on_time),
           -- The dashboards kept in memory are read again (once per batch, not per view).
           bumped as (
               update measures_generation set generation = generation + 1
               where exists (select from taken))
           select count(*) as "n!" from taken"#,
        limit
    )
    .fetch_one(conn)
    .await?;
    Ok(u64::try_from(folded).unwrap_or(0))
}

/// The rollups' generation: it moves whenever what a dashboard shows may have changed (a fold
/// that folded something, a rebuild, a rating of a summons, a renamed area, unit or category).
pub async fn generation(conn: &mut PgConnection) -> Result<i64, DbError> {
    let generation = sqlx::query_scalar!("select generation from measures_generation")
        .fetch_one(conn)
        .await?;
    Ok(generation)
}

/// One rollup row with the names of what it is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeasureRow {
    pub month: NaiveDate,
    pub scope_id: i64,
    /// The area's or unit's code ('' for the city).
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    /// 0: every category.
    pub category_id: CategoryId,
    pub category_code: String,
    pub category_zh: String,
    pub category_en: String,
    /// The unit's kind ('' for an area).
    pub unit_kind: String,
    /// In the order of [`COUNTS`].
    pub counts: Vec<i64>,
}

/// What to read from the rollups.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Query {
    pub scope: Scope,
    /// Only this area or unit (`None`: every one of the scope).
    pub scope_id: Option<i64>,
    /// Only the streets of this district (for `Scope::Street`).
    pub within: Option<i64>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// One row per category (true) or the rows for every category (false).
    pub by_category: bool,
}

/// The rollup rows `query` asks for, by month, then code. Reads rollups only: its cost grows
/// with the number of areas, units and months asked for, not with the number of requests.
pub async fn read(conn: &mut PgConnection, query: Query) -> Result<Vec<MeasureRow>, DbError> {
    // A range on category_id, so that the index on (scope, month, category_id) reads only
    // the rows asked for: the "every category" rows are 0, a category's its id.
    let categories: (i64, i64) = if query.by_category {
        (1, i64::MAX)
    } else {
        (0, 0)
    };
    let rows = sqlx::query_as!(
        MeasureRow,
        r#"select m.month as "month: NaiveDate", m.scope_id,
                  coalesce(a.code, u.code, '') as "code!",
                  coalesce(a.name_zh, u.name_zh, '') as "name_zh!",
                  coalesce(a.name_en, u.name_en, '') as "name_en!",
                  m.category_id,
                  coalesce(c.code, '') as "category_code!",
                  coalesce(c.name_zh, '') as "category_zh!",
                  coalesce(c.name_en, '') as "category_en!",
                  coalesce(u.kind, '') as "unit_kind!",
                  m.counts as "counts!"
           from measures m
           left join areas a on m.scope in ('district', 'street', 'community') and a.id = m.scope_id
           left join units u on m.scope = 'unit' and u.id = m.scope_id
           left join categories c on c.id = m.category_id
           where m.scope = $1 and m.month between $2 and $3
             and ($4::bigint is null or m.scope_id = $4)
             and ($5::bigint is null or a.parent_id = $5)
             and m.category_id between $6 and $7
           order by m.month, 3, m.category_id"#,
        query.scope.as_str(),
        query.from as _,
        query.to as _,
        query.scope_id,
        query.within,
        categories.0,
        categories.1
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// How the units that summoned a unit rated its part, for one unit.
#[derive(Debug, Clone, PartialEq)]
pub struct SummonsScoreRow {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub kind: String,
    /// The mean of the three scores (arrived, co-operation, result) over all its ratings.
    pub mean: f64,
    pub ratings: i64,
}

/// The ratings summoned units were given by the units that summoned them, per unit, for
/// ratings given from `from` to `to` (the first days of months, Asia/Shanghai). Reads the
/// ratings of those months only (an index on when they were given).
pub async fn summons_scores(
    conn: &mut PgConnection,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<SummonsScoreRow>, DbError> {
    let rows = sqlx::query_as!(
        SummonsScoreRow,
        r#"select u.code, u.name_zh, u.name_en, u.kind,
                  avg((g.arrived + g.cooperation + g.result) / 3.0)::float8 as "mean!",
                  count(*) as "ratings!"
           from summons_ratings g join summons m on m.id = g.summons_id
           join units u on u.id = m.unit_id
           where g.created_at >= ($1::date)::timestamp at time zone 'Asia/Shanghai'
             and g.created_at < (($2::date + interval '1 month'))::timestamp at time zone 'Asia/Shanghai'
           group by u.id
           order by u.code"#,
        from as _,
        to as _
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A unit found by its code, for its page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub id: UnitId,
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
}

/// The unit with code `code`, if there is one.
pub async fn unit(conn: &mut PgConnection, code: &str) -> Result<Option<UnitRow>, DbError> {
    let row = sqlx::query_as!(
        UnitRow,
        "select id, code, name_zh, name_en from units where code = $1",
        code
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// The hotline centre, whose rollups count what the hotline answered at intake.
pub async fn hotline_centre(conn: &mut PgConnection) -> Result<Option<UnitRow>, DbError> {
    let row = sqlx::query_as!(
        UnitRow,
        "select id, code, name_zh, name_en from units where kind = 'hotline_centre'"
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A rollup that differs from what the event log says it should hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    pub month: NaiveDate,
    pub scope: String,
    pub scope_id: i64,
    pub category_id: CategoryId,
    /// In the order of [`COUNTS`].
    pub expected: Vec<i64>,
    pub kept: Vec<i64>,
}

/// What the consistency check found.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Check {
    /// Rollup rows (with the deltas not folded yet) that differ from the event log.
    pub rollups: Vec<Difference>,
    /// Requests whose last counted contribution differs from their log's.
    pub requests: Vec<RequestId>,
}

impl Check {
    pub fn is_clean(&self) -> bool {
        self.rollups.is_empty() && self.requests.is_empty()
    }
}

/// Recomputes every rollup and every request's contribution from the event log and returns
/// where they differ from what is kept (at most `limit` of each). The requests still pending
/// are recounted first, in a transaction it rolls back: what is kept is then what the next
/// fold will hold. Reads the whole log: a command, never a page view.
pub async fn check(conn: &mut PgConnection, limit: i64) -> Result<Check, DbError> {
    let mut tx = conn.begin().await?;
    recount_pending(&mut tx, i32::MAX).await?;
    let conn = &mut *tx;
    let rollups = sqlx::query_as!(
        Difference,
        r#"select coalesce(e.month, k.month) as "month!: NaiveDate", coalesce(e.scope, k.scope) as "scope!",
                  coalesce(e.scope_id, k.scope_id) as "scope_id!",
                  coalesce(e.category_id, k.category_id) as "category_id!",
                  array_replace(e.counts, null, 0) as "expected!",
                  array_replace(k.counts, null, 0) as "kept!"
           from measures_expected e
           full join measures_kept k
             on (k.month, k.scope, k.scope_id, k.category_id)
                = (e.month, e.scope, e.scope_id, e.category_id)
           where array_replace(e.counts, null, 0) <> array_replace(k.counts, null, 0)
           order by 1, 2, 3, 4
           limit $1"#,
        limit
    )
    .fetch_all(&mut *conn)
    .await?;
    let requests = sqlx::query_scalar!(
        r#"select distinct coalesce(t.request_id, m.request_id) as "id!: RequestId"
           from measures_truth t
           full join request_measures m
             on m.request_id = t.request_id and m.unit_id is not distinct from t.unit_id
           where array_replace(t.counts, null, 0) <> array_replace(m.counts, null, 0)
              or (t.month, t.category_id, t.community_id, t.street_id, t.district_id)
                 is distinct from (m.month, m.category_id, m.community_id, m.street_id, m.district_id)
           order by 1
           limit $1"#,
        limit
    )
    .fetch_all(&mut *conn)
    .await?;
    tx.rollback().await?;
    Ok(Check { rollups, requests })
}

/// Throws the rollups away and counts them again from the event log, in the caller's
/// transaction: after a bulk load that bypassed the event trigger. Returns the rollup rows.
pub async fn rebuild(conn: &mut PgConnection) -> Result<u64, DbError> {
    // Sorting and hashing millions of rows: in memory, not in temporary files.
    sqlx::query!("set local work_mem = '1GB'")
        .execute(&mut *conn)
        .await?;
    sqlx::query!("truncate measures, measure_deltas, request_measures, measures_pending")
        .execute(&mut *conn)
        .await?;
    sqlx::query!("insert into request_measures select * from measures_truth")
        .execute(&mut *conn)
        .await?;
    let rows = sqlx::query!(
        "insert into measures (month, scope, scope_id, category_id, filed, dispatched,
                               responded_on_time, respond_overdue, resolve_overdue, rated,
                               resolved, satisfied, unrated, reopened, returned, whistles,
                               late_check_ins, passed_down, passed_up, late_passes, answered,
                               found, settled, settled_on_time)
         select r.month, s.scope, s.scope_id, s.category_id, sum(r.filed), sum(r.dispatched),
                sum(r.responded_on_time), sum(r.respond_overdue), sum(r.resolve_overdue),
                sum(r.rated), sum(r.resolved), sum(r.satisfied), sum(r.unrated),
                sum(r.reopened), sum(r.returned), sum(r.whistles), sum(r.late_check_ins),
                sum(r.passed_down), sum(r.passed_up), sum(r.late_passes), sum(r.answered),
                sum(r.found), sum(r.settled), sum(r.settled_on_time)
         from request_measures r
         cross join lateral measure_scopes(r.district_id, r.street_id, r.community_id,
                                           r.unit_id, r.category_id) s
         group by r.month, s.scope, s.scope_id, s.category_id"
    )
    .execute(conn)
    .await?;
    Ok(rows.rows_affected())
}
