//! Handling: the staff's side of a request. Locking it for a staff action, writing what each
//! action changes (unit, deadlines, answer and closure), the whistle and its check-ins, the
//! dispatcher's and the units' queues, and the in-app inbox. Every function runs in the
//! caller's transaction; the lifecycle check happens in `app` before any of these writes.

use crate::{keys, DbError};
use ids::{AreaId, CategoryId, RequestId, UnitId, UserId};
use sqlx::types::chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A request locked for a staff action (`select … for update`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Locked {
    pub id: RequestId,
    pub tracking_number: String,
    pub status: String,
    pub resident_id: UserId,
    pub unit_id: Option<UnitId>,
    /// The kind of the unit handling it (`street`, `community`, …).
    pub unit_kind: Option<String>,
    pub category_id: CategoryId,
    pub urgent: bool,
    pub round: i32,
    /// The street of a case staff found (its street office confirms it); `None` for a
    /// resident's request.
    pub found_in: Option<AreaId>,
}

/// Locks the request with this tracking number; `None` if there is none.
pub async fn lock(
    conn: &mut PgConnection,
    tracking_number: &str,
) -> Result<Option<Locked>, DbError> {
    let row = sqlx::query_as!(
        Locked,
        r#"select r.id, r.tracking_number, r.status, r.resident_id, r.unit_id as "unit_id: UnitId",
                  u.kind as "unit_kind?", r.category_id, r.urgent, r.round,
                  case when r.source <> 'resident' then r.street_id end as "found_in: AreaId"
         from requests r left join units u on u.id = r.unit_id
         where r.tracking_number = $1 for update of r"#,
        tracking_number
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A unit, as forms list them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub id: UnitId,
    pub code: String,
    pub kind: String,
    pub name_zh: String,
    pub name_en: String,
}

/// Every unit that handles requests city-wide or for a street or district (not the hotline
/// centre, not the communities' committees: see [`community_unit`] and [`communities_of`]),
/// departments first.
pub async fn units(conn: &mut PgConnection) -> Result<Vec<UnitRow>, DbError> {
    let rows = sqlx::query_as!(
        UnitRow,
        "select id, code, kind, name_zh, name_en from units
         where kind not in ('hotline_centre', 'community')
         order by kind <> 'department', kind, code"
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The id of the handling unit with this code (not the hotline centre).
pub async fn unit_id(conn: &mut PgConnection, code: &str) -> Result<Option<UnitId>, DbError> {
    let id = sqlx::query_scalar!(
        "select id from units where code = $1 and kind <> 'hotline_centre'",
        code
    )
    .fetch_optional(conn)
    .await?;
    Ok(id.map(UnitId))
}

/// The committee (居委会 / 村委会) of the community of request `request_id`.
pub async fn community_unit(
    conn: &mut PgConnection,
    request_id: RequestId,
) -> Result<Option<UnitRow>, DbError> {
    let row = sqlx::query_as!(
        UnitRow,
        "select u.id, u.code, u.kind, u.name_zh, u.name_en
         from requests r join units u on u.kind = 'community' and u.area_id = r.community_id
         where r.id = $1",
        request_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// The committees of the communities of the street that street office `unit_id` answers for,
/// by code; none for any other unit.
pub async fn communities_of(
    conn: &mut PgConnection,
    unit_id: UnitId,
) -> Result<Vec<UnitRow>, DbError> {
    let rows = sqlx::query_as!(
        UnitRow,
        "select c.id, c.code, c.kind, c.name_zh, c.name_en
         from units o
         join areas m on m.parent_id = o.area_id
         join units c on c.kind = 'community' and c.area_id = m.id
         where o.id = $1 and o.kind = 'street'
         order by c.code",
        unit_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The units `by_unit` summoned to request `request_id` that checked in and posted their part
/// and are not rated yet: the ones it may rate now.
pub async fn summons_to_rate(
    conn: &mut PgConnection,
    request_id: RequestId,
    by_unit: UnitId,
) -> Result<Vec<UnitRow>, DbError> {
    let rows = sqlx::query_as!(
        UnitRow,
        "select u.id, u.code, u.kind, u.name_zh, u.name_en
         from summons m join units u on u.id = m.unit_id
         where m.request_id = $1 and m.summoned_by_unit_id = $2 and m.contributed
           and not exists(select 1 from summons_ratings g where g.summons_id = m.id)
         order by m.id",
        request_id.0,
        by_unit.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The street office above community committee `unit_id`; `None` for any other unit.
pub async fn street_office_above(
    conn: &mut PgConnection,
    unit_id: UnitId,
) -> Result<Option<UnitId>, DbError> {
    let id = sqlx::query_scalar!(
        "select o.id from units c
         join areas m on m.id = c.area_id
         join units o on o.kind = 'street' and o.area_id = m.parent_id
         where c.id = $1 and c.kind = 'community'",
        unit_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(id.map(UnitId))
}

/// Which way a request is passed between a street office and a community.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// 下派: a street office to one of its communities.
    Down,
    /// 上报: a community back to its street office.
    Up,
}

/// Records that `from` passed request `request_id` to `to` (the request's unit changes in
/// [`change`]), to be taken within `minutes`; a pass waiting for `from` is taken by it.
pub async fn pass(
    conn: &mut PgConnection,
    request_id: RequestId,
    direction: Direction,
    (from, to): (UnitId, UnitId),
    by: UserId,
    reason: &str,
    minutes: i32,
) -> Result<(), DbError> {
    take_pass(conn, request_id, from).await?;
    sqlx::query!(
        "insert into passes (request_id, direction, from_unit_id, to_unit_id, passed_by, reason,
                             answer_by)
         values ($1, $2, $3, $4, $5, $6, now() + make_interval(mins => $7))",
        request_id.0,
        match direction {
            Direction::Down => "down",
            Direction::Up => "up",
        },
        from.0,
        to.0,
        by.0,
        reason,
        minutes
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Marks the pass of request `request_id` waiting for `unit_id` as taken (it accepted the
/// request, or passed it on); nothing when none waits.
pub async fn take_pass(
    conn: &mut PgConnection,
    request_id: RequestId,
    unit_id: UnitId,
) -> Result<(), DbError> {
    sqlx::query!(
        "update passes set answered_at = now()
         where request_id = $1 and to_unit_id = $2 and answered_at is null",
        request_id.0,
        unit_id.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A pass between a street office and a community, as the request page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassRow {
    pub direction: String,
    pub from_zh: String,
    pub from_en: String,
    pub to_zh: String,
    pub to_en: String,
    pub reason: String,
    pub answer_by: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// The passes of request `request_id`, oldest first.
pub async fn passes(
    conn: &mut PgConnection,
    request_id: RequestId,
) -> Result<Vec<PassRow>, DbError> {
    let rows = sqlx::query_as!(
        PassRow,
        r#"select p.direction, f.name_zh as from_zh, f.name_en as from_en, t.name_zh as to_zh,
                  t.name_en as to_en, p.reason, p.answer_by as "answer_by: DateTime<Utc>",
                  p.answered_at as "answered_at: DateTime<Utc>",
                  p.created_at as "created_at: DateTime<Utc>"
           from passes p join units f on f.id = p.from_unit_id join units t on t.id = p.to_unit_id
           where p.request_id = $1 order by p.id"#,
        request_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A category's deadlines, normal and urgent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub category_id: CategoryId,
    pub respond: i32,
    pub resolve: i32,
    pub urgent_respond: i32,
    pub urgent_resolve: i32,
    pub is_leaf: bool,
}

/// The deadlines of the category with this code, or of category `id` when `code` is `None`.
pub async fn hours(
    conn: &mut PgConnection,
    id: Option<CategoryId>,
    code: Option<&str>,
) -> Result<Option<Hours>, DbError> {
    let row = sqlx::query_as!(
        Hours,
        r#"select c.id as category_id, c.respond_hours as respond, c.resolve_hours as resolve,
                  c.urgent_respond_hours as urgent_respond, c.urgent_resolve_hours as urgent_resolve,
                  not exists(select 1 from categories k where k.parent_id = c.id) as "is_leaf!"
           from categories c where c.id = $1 or c.code = $2"#,
        id as Option<CategoryId>,
        code
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Sets request `id`'s category, urgency and deadlines, counted from its filing time.
pub async fn set_deadlines(
    conn: &mut PgConnection,
    id: RequestId,
    hours: Hours,
    urgent: bool,
) -> Result<(), DbError> {
    let (respond, resolve) = if urgent {
        (hours.urgent_respond, hours.urgent_resolve)
    } else {
        (hours.respond, hours.resolve)
    };
    sqlx::query!(
        "update requests set category_id = $2, urgent = $3,
                respond_by = created_at + make_interval(hours => $4),
                resolve_by = created_at + make_interval(hours => $5),
                updated_at = now()
         where id = $1",
        id.0,
        hours.category_id.0,
        urgent,
        respond,
        resolve
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Starts request `id`'s response clock again: answered within `hours` from now, as if never
/// answered. For an answer at intake that its resident reopened and the hotline returned to be
/// dispatched: the unit it goes to answers the resident anew.
pub async fn restart_response(
    conn: &mut PgConnection,
    id: RequestId,
    hours: i32,
) -> Result<(), DbError> {
    sqlx::query!(
        "update requests set respond_by = now() + make_interval(hours => $2),
                respond_overdue = false, responded_at = null, updated_at = now()
         where id = $1",
        id.0,
        hours
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes a status change and what comes with it: the unit (`Some(None)` clears it), and the
/// time of the first dispatch, the first answer or the resolution, with its closure code.
pub struct Change<'a> {
    pub id: RequestId,
    pub status: &'a dyn keys::Status,
    pub unit_id: Option<Option<UnitId>>,
    pub dispatched: bool,
    pub responded: bool,
    pub closure_code: Option<&'a dyn keys::ClosureCode>,
}

pub async fn change(conn: &mut PgConnection, change: &Change<'_>) -> Result<(), DbError> {
    let (set_unit, unit) = match change.unit_id {
        Some(unit) => (true, unit),
        None => (false, None),
    };
    sqlx::query!(
        "update requests set
            status = $2,
            unit_id = case when $3 then $4 else unit_id end,
            dispatched_at = case when $5 then coalesce(dispatched_at, now()) else dispatched_at end,
            responded_at = case when $6 then coalesce(responded_at, now()) else responded_at end,
            resolved_at = case when $7::text is not null then now() else resolved_at end,
            closure_code = coalesce($7, closure_code),
            closed_at = case when $2 = 'closed' then now() else closed_at end,
            updated_at = now()
         where id = $1",
        change.id.0,
        change.status.key(),
        set_unit,
        unit as Option<UnitId>,
        change.dispatched,
        change.responded,
        change.closure_code.map(keys::Key::key)
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Merges request `id` into `into_id`: its status, the pointer, and its seconds, which move
/// to the kept request (once per resident). Returns the kept request's seconds.
pub async fn merge(
    conn: &mut PgConnection,
    id: RequestId,
    into_id: RequestId,
) -> Result<i32, DbError> {
    sqlx::query!(
        "update requests set status = 'merged', merged_into_id = $2, seconds = 0, updated_at = now()
         where id = $1",
        id.0,
        into_id.0
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "with moved as (delete from request_seconds where request_id = $1 returning resident_id, created_at)
         insert into request_seconds (request_id, resident_id, created_at)
         select $2, m.resident_id, m.created_at from moved m
         where m.resident_id <> (select resident_id from requests where id = $2)
         on conflict do nothing",
        id.0,
        into_id.0
    )
    .execute(&mut *conn)
    .await?;
    let seconds = sqlx::query_scalar!(
        r#"update requests set seconds = (select count(*) from request_seconds where request_id = $1)::int
           where id = $1 returning seconds"#,
        into_id.0
    )
    .fetch_one(conn)
    .await?;
    Ok(seconds)
}

/// A request as a queue lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    pub tracking_number: String,
    pub status: String,
    /// The resident let it be public (else its staff alone see more than its status).
    pub is_public: bool,
    pub category_zh: String,
    pub category_en: String,
    pub place_zh: String,
    pub place_en: String,
    pub description: String,
    pub urgent: bool,
    pub respond_by: DateTime<Utc>,
    pub resolve_by: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    /// The unit proposed at filing, or handling it, or summoning this unit.
    pub unit_zh: Option<String>,
    pub unit_en: Option<String>,
    /// Why it was proposed: the routing rule's area (`None`: the street office fallback).
    pub rule_area_zh: Option<String>,
    pub rule_area_en: Option<String>,
    pub has_rule: bool,
    /// A summons waiting for this unit's check-in, with its deadline.
    pub check_in_by: Option<DateTime<Utc>>,
    /// How many times it came back to the dispatcher.
    pub returns: i64,
    /// A pass to this unit waiting to be taken (下派 / 上报): who passed it, and by when.
    pub passed_zh: Option<String>,
    pub passed_en: Option<String>,
    pub take_by: Option<DateTime<Utc>>,
}

/// The intake queue: submitted (and returned) requests and the open ones the hotline centre
/// holds (answers at intake reopened by their residents), oldest first, with the proposed unit
/// and the rule that proposed it; `limit` of them after skipping `offset`.
pub async fn intake(
    conn: &mut PgConnection,
    limit: i64,
    offset: i64,
) -> Result<Vec<QueueRow>, DbError> {
    let rows = sqlx::query_as!(
        QueueRow,
        r#"select r.tracking_number, r.status, r.is_public, c.name_zh as category_zh, c.name_en as category_en,
                  d.name_zh || ' ' || s.name_zh || ' ' || m.name_zh as "place_zh!",
                  m.name_en || ', ' || s.name_en || ', ' || d.name_en as "place_en!",
                  r.description, r.urgent, r.respond_by as "respond_by: DateTime<Utc>",
                  r.resolve_by as "resolve_by: DateTime<Utc>", r.created_at as "created_at: DateTime<Utc>",
                  u.name_zh as "unit_zh?", u.name_en as "unit_en?",
                  coalesce(ra.name_zh, case when g.id is not null then '全市' end) as "rule_area_zh?",
                  coalesce(ra.name_en, case when g.id is not null then 'Citywide' end) as "rule_area_en?",
                  g.id is not null as "has_rule!",
                  null::timestamptz as "check_in_by?: DateTime<Utc>",
                  (select count(*) from request_events e
                   where e.request_id = r.id and e.kind = 'returned') as "returns!",
                  null::text as "passed_zh?", null::text as "passed_en?",
                  null::timestamptz as "take_by?: DateTime<Utc>"
           from requests r
           join categories c on c.id = r.category_id
           join areas m on m.id = r.community_id
           join areas s on s.id = r.street_id
           join areas d on d.id = r.district_id
           left join units u on u.id = r.proposed_unit_id
           left join routing_rules g on g.id = r.routing_rule_id
           left join areas ra on ra.id = g.area_id
           where r.status = 'submitted'
              or (r.status in ('dispatched', 'accepted', 'responded', 'in_progress')
                  and r.unit_id = (select h.id from units h where h.kind = 'hotline_centre'))
           order by r.created_at, r.id
           limit $1 offset $2"#,
        limit,
        offset
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A unit's queue: the summons waiting for its check-in first (nearest deadline first), then
/// the requests dispatched to it that are not resolved, nearest resolve-by first; `limit` of
/// them after skipping `offset`.
pub async fn unit_queue(
    conn: &mut PgConnection,
    unit_id: UnitId,
    limit: i64,
    offset: i64,
) -> Result<Vec<QueueRow>, DbError> {
    let rows = sqlx::query_as!(
        QueueRow,
        r#"select r.tracking_number, r.status, r.is_public, c.name_zh as category_zh, c.name_en as category_en,
                  d.name_zh || ' ' || s.name_zh || ' ' || m.name_zh as "place_zh!",
                  m.name_en || ', ' || s.name_en || ', ' || d.name_en as "place_en!",
                  r.description, r.urgent, r.respond_by as "respond_by: DateTime<Utc>",
                  r.resolve_by as "resolve_by: DateTime<Utc>", r.created_at as "created_at: DateTime<Utc>",
                  u.name_zh as "unit_zh?", u.name_en as "unit_en?",
                  null::text as "rule_area_zh?", null::text as "rule_area_en?", false as "has_rule!",
                  q.check_in_by as "check_in_by?: DateTime<Utc>",
                  0::bigint as "returns!",
                  pf.name_zh as "passed_zh?", pf.name_en as "passed_en?",
                  p.answer_by as "take_by?: DateTime<Utc>"
           from (
               select m.request_id, m.check_in_by, m.summoned_by_unit_id as shown_unit, 0 as rank,
                      m.check_in_by as due
               from summons m where m.unit_id = $1 and m.checked_in_at is null
               union all
               select r.id, null, r.unit_id, 1, r.resolve_by
               from requests r
               where r.unit_id = $1 and r.status in ('dispatched', 'accepted', 'responded', 'in_progress')
           ) q
           join requests r on r.id = q.request_id
           join categories c on c.id = r.category_id
           join areas m on m.id = r.community_id
           join areas s on s.id = r.street_id
           join areas d on d.id = r.district_id
           left join units u on u.id = q.shown_unit
           left join passes p on q.rank = 1 and p.request_id = r.id and p.to_unit_id = $1
                             and p.answered_at is null
           left join units pf on pf.id = p.from_unit_id
           order by q.rank, q.due, r.id
           limit $2 offset $3"#,
        unit_id.0,
        limit,
        offset
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Summons `unit_id` to request `request_id` (吹哨) with a check-in deadline `hours` from now.
/// Returns `false` when that unit had been summoned already (nothing written).
pub async fn summon(
    conn: &mut PgConnection,
    request_id: RequestId,
    unit_id: UnitId,
    by_unit_id: UnitId,
    by_user_id: UserId,
    reason: &str,
    minutes: i32,
) -> Result<bool, DbError> {
    let done = sqlx::query!(
        "insert into summons (request_id, unit_id, summoned_by_unit_id, summoned_by, reason, check_in_by)
         values ($1, $2, $3, $4, $5, now() + make_interval(mins => $6))
         on conflict (request_id, unit_id) do nothing",
        request_id.0,
        unit_id.0,
        by_unit_id.0,
        by_user_id.0,
        reason,
        minutes
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Whether `unit_id` is summoned to request `request_id`, and if so whether it has checked in.
pub async fn summons_state(
    conn: &mut PgConnection,
    request_id: RequestId,
    unit_id: UnitId,
) -> Result<Option<bool>, DbError> {
    let checked_in = sqlx::query_scalar!(
        r#"select checked_in_at is not null as "checked_in!" from summons
           where request_id = $1 and unit_id = $2"#,
        request_id.0,
        unit_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(checked_in)
}

/// Records `unit_id`'s check-in on request `request_id` by `user_id`. Returns whether it was
/// late, or `None` when there was no open summons (not summoned, or checked in already).
pub async fn check_in(
    conn: &mut PgConnection,
    request_id: RequestId,
    unit_id: UnitId,
    user_id: UserId,
) -> Result<Option<bool>, DbError> {
    let late = sqlx::query_scalar!(
        r#"update summons set checked_in_at = now(), checked_in_by = $3
           where request_id = $1 and unit_id = $2 and checked_in_at is null
           returning checked_in_at > check_in_by as "late!""#,
        request_id.0,
        unit_id.0,
        user_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(late)
}

/// A summoned unit, as the request page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummonsRow {
    pub unit_code: String,
    pub unit_zh: String,
    pub unit_en: String,
    pub reason: String,
    pub check_in_by: DateTime<Utc>,
    pub checked_in_at: Option<DateTime<Utc>>,
    /// It posted its part (a `contribution` event of that unit).
    pub contributed: bool,
    /// The summoning unit's rating of its part: arrived, co-operation, result, comment.
    pub arrived: Option<i16>,
    pub cooperation: Option<i16>,
    pub result: Option<i16>,
    pub comment: Option<String>,
}

/// The units summoned to request `request_id`, in the order they were summoned.
pub async fn summons(
    conn: &mut PgConnection,
    request_id: RequestId,
) -> Result<Vec<SummonsRow>, DbError> {
    let rows = sqlx::query_as!(
        SummonsRow,
        r#"select u.code as unit_code, u.name_zh as unit_zh, u.name_en as unit_en, m.reason,
                m.check_in_by as "check_in_by: DateTime<Utc>",
                m.checked_in_at as "checked_in_at: DateTime<Utc>",
                m.contributed as "contributed!",
                g.arrived as "arrived?", g.cooperation as "cooperation?", g.result as "result?",
                g.comment as "comment?"
         from summons m join units u on u.id = m.unit_id
         left join summons_ratings g on g.summons_id = m.id
         where m.request_id = $1 order by m.id"#,
        request_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A summoning unit's rating of a summoned unit's part: arrived (到位), co-operation (配合)
/// and result (效果), 1 to 5 each, and a comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummonsScores<'a> {
    pub arrived: i16,
    pub cooperation: i16,
    pub result: i16,
    pub comment: &'a str,
}

/// What became of a rating of a summons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummonsRated {
    /// Kept; the rated unit.
    Rated(UnitId),
    /// `by_unit` summoned no unit with that code to this request.
    NoSuchSummons,
    /// The unit has not posted its part yet.
    NotContributed,
    /// Rated once already (nothing changed).
    Already,
}

/// Rates the part of the unit with code `unit_code` summoned to request `request_id` by
/// `by_unit`, as `by_user`: once per summons, after it posted its part.
pub async fn rate_summons(
    conn: &mut PgConnection,
    request_id: RequestId,
    unit_code: &str,
    (by_unit, by_user): (UnitId, UserId),
    scores: &SummonsScores<'_>,
) -> Result<SummonsRated, DbError> {
    let found = sqlx::query!(
        r#"select m.id, m.unit_id, m.contributed as "contributed!"
           from summons m join units u on u.id = m.unit_id
           where m.request_id = $1 and u.code = $2 and m.summoned_by_unit_id = $3
           for update of m"#,
        request_id.0,
        unit_code,
        by_unit.0
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(found) = found else {
        return Ok(SummonsRated::NoSuchSummons);
    };
    if !found.contributed {
        return Ok(SummonsRated::NotContributed);
    }
    let kept = sqlx::query!(
        "insert into summons_ratings (summons_id, arrived, cooperation, result, comment, rated_by)
         values ($1, $2, $3, $4, $5, $6)
         on conflict (summons_id) do nothing",
        found.id,
        scores.arrived,
        scores.cooperation,
        scores.result,
        scores.comment,
        by_user.0
    )
    .execute(conn)
    .await?;
    Ok(if kept.rows_affected() == 1 {
        SummonsRated::Rated(UnitId(found.unit_id))
    } else {
        SummonsRated::Already
    })
}

/// Who receives a notification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Recipients {
    /// One user (a resident).
    User(UserId),
    /// Everyone acting for a unit (`unit_staff`).
    Unit(UnitId),
    /// Every dispatcher.
    Dispatchers,
}

/// Puts a notification of `kind` about request `request_id` into the inboxes of
/// `recipients`; how many received it.
pub async fn notify(
    conn: &mut PgConnection,
    recipients: Recipients,
    request_id: RequestId,
    kind: &str,
    note: &str,
) -> Result<u64, DbError> {
    let (user, unit, dispatchers) = match recipients {
        Recipients::User(id) => (Some(id), None, false),
        Recipients::Unit(id) => (None, Some(id), false),
        Recipients::Dispatchers => (None, None, true),
    };
    let done = sqlx::query!(
        "insert into notifications (user_id, request_id, kind, note)
         select u.id, $4, $5, $6 from users u
         where u.password_hash is not null
           and (u.id = $1 or ($3 and u.role = 'dispatcher')
                or u.id in (select w.user_id from unit_staff w where w.unit_id = $2))",
        user as Option<UserId>,
        unit as Option<UnitId>,
        dispatchers,
        request_id.0,
        kind,
        note
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

/// Which deadline a worker pass looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// A request not answered by its respond-by.
    Respond,
    /// A request not resolved by its resolve-by.
    Resolve,
    /// A summoned unit that did not check in by its check-in deadline.
    CheckIn,
    /// A unit that did not take a request passed to it (下派 / 上报) by its deadline.
    Pass,
}

/// Marks up to `limit` unmet deadlines of kind `which` whose time has passed, once each: sets
/// the flag, appends an event (`respond_overdue`, `resolve_overdue`, `check_in_overdue`,
/// `pass_overdue`) and
/// notifies the unit concerned and the dispatchers, all in the caller's transaction. Rows
/// another worker holds are skipped (`for update skip locked`), so several servers may run
/// it at once; the partial indexes on the deadlines find the rows. Returns how many it marked.
// The three queries differ only in their deadline and flag; each is its own statement so
// that its `where` matches its partial index exactly (an `or` of the two would read neither).
pub async fn mark_overdue(
    conn: &mut PgConnection,
    which: Deadline,
    limit: i64,
) -> Result<u64, DbError> {
    let marked = match which {
        Deadline::Respond => {
            sqlx::query_scalar!(
                r#"with due as (
                       select id from requests
                       where not respond_overdue and respond_by < now()
                         and status in ('submitted', 'dispatched', 'accepted')
                         -- a reopened round was answered in its first round
                         and responded_at is null
                       order by respond_by limit $1 for update skip locked),
                   marked as (
                       update requests r set respond_overdue = true from due where r.id = due.id
                       returning r.id, r.status, r.unit_id),
                   logged as (
                       insert into request_events (request_id, kind, from_status, to_status, is_public, unit_id)
                       select id, 'respond_overdue', status, status, true, unit_id from marked),
                   told as (
                       insert into notifications (user_id, request_id, kind)
                       select u.id, m.id, 'respond_overdue' from marked m
                       join users u on u.password_hash is not null
                        and (u.role = 'dispatcher' or u.id in (
                                select w.user_id from unit_staff w where w.unit_id = m.unit_id)))
                   select count(*) as "n!" from marked"#,
                limit
            )
            .fetch_one(conn)
            .await?
        }
        Deadline::Resolve => {
            sqlx::query_scalar!(
                r#"with due as (
                       select id from requests
                       where not resolve_overdue and resolve_by < now()
                         and status in ('submitted', 'dispatched', 'accepted', 'responded', 'in_progress')
                       order by resolve_by limit $1 for update skip locked),
                   marked as (
                       update requests r set resolve_overdue = true from due where r.id = due.id
                       returning r.id, r.status, r.unit_id),
                   logged as (
                       insert into request_events (request_id, kind, from_status, to_status, is_public, unit_id)
                       select id, 'resolve_overdue', status, status, true, unit_id from marked),
                   told as (
                       insert into notifications (user_id, request_id, kind)
                       select u.id, m.id, 'resolve_overdue' from marked m
                       join users u on u.password_hash is not null
                        and (u.role = 'dispatcher' or u.id in (
                                select w.user_id from unit_staff w where w.unit_id = m.unit_id)))
                   select count(*) as "n!" from marked"#,
                limit
            )
            .fetch_one(conn)
            .await?
        }
        Deadline::CheckIn => {
            sqlx::query_scalar!(
                r#"with due as (
                       -- the request too: a staff action holding it may want this
                       -- summons, so take both or neither
                       select m.id from summons m join requests r on r.id = m.request_id
                       where m.checked_in_at is null and not m.overdue and m.check_in_by < now()
                       order by m.check_in_by limit $1 for update of m, r skip locked),
                   marked as (
                       update summons m set overdue = true from due where m.id = due.id
                       returning m.request_id, m.unit_id, m.summoned_by_unit_id),
                   logged as (
                       insert into request_events (request_id, kind, from_status, to_status, is_public, unit_id)
                       select m.request_id, 'check_in_overdue', r.status, r.status, true, m.unit_id
                       from marked m join requests r on r.id = m.request_id),
                   told as (
                       insert into notifications (user_id, request_id, kind)
                       select u.user_id, m.request_id, 'check_in_overdue' from marked m
                       join unit_staff u on u.unit_id in (m.unit_id, m.summoned_by_unit_id))
                   select count(*) as "n!" from marked"#,
                limit
            )
            .fetch_one(conn)
            .await?
        }
        Deadline::Pass => {
            sqlx::query_scalar!(
                r#"with due as (
                       -- the request too, as for a summons
                       select p.id from passes p join requests r on r.id = p.request_id
                       where p.answered_at is null and not p.overdue and p.answer_by < now()
                       order by p.answer_by limit $1 for update of p, r skip locked),
                   marked as (
                       update passes p set overdue = true from due where p.id = due.id
                       returning p.request_id, p.to_unit_id, p.from_unit_id),
                   logged as (
                       insert into request_events (request_id, kind, from_status, to_status, is_public, unit_id)
                       select m.request_id, 'pass_overdue', r.status, r.status, true, m.to_unit_id
                       from marked m join requests r on r.id = m.request_id),
                   told as (
                       insert into notifications (user_id, request_id, kind)
                       select u.user_id, m.request_id, 'pass_overdue' from marked m
                       join unit_staff u on u.unit_id in (m.to_unit_id, m.from_unit_id))
                   select count(*) as "n!" from marked"#,
                limit
            )
            .fetch_one(conn)
            .await?
        }
    };
    Ok(u64::try_from(marked).unwrap_or(0))
}

/// Many open requests of one category in one community, lately: a hot spot (未诉先办).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HotSpotRow {
    pub community_code: String,
    pub community_zh: String,
    pub community_en: String,
    pub street_code: String,
    pub street_zh: String,
    pub street_en: String,
    pub category_code: String,
    pub category_zh: String,
    pub category_en: String,
    pub open: i64,
    /// The open case a street or community opened from it (主动治理), if any: its number.
    pub case_number: Option<String>,
}

/// The hot spots: `threshold` or more open requests of one category in one community filed in
/// the last `days` days, in street `street_id` when given; the largest first, at most 50.
pub async fn hot_spots(
    conn: &mut PgConnection,
    threshold: i64,
    days: i32,
    street_id: Option<AreaId>,
) -> Result<Vec<HotSpotRow>, DbError> {
    let rows = sqlx::query_as!(
        HotSpotRow,
        r#"select m.code as community_code, m.name_zh as community_zh, m.name_en as community_en,
                  s.code as street_code, s.name_zh as street_zh, s.name_en as street_en,
                  c.code as category_code, c.name_zh as category_zh, c.name_en as category_en,
                  h.open as "open!",
                  (select k.tracking_number from requests k
                   where k.source = 'hot_spot' and k.community_id = h.community_id
                     and k.category_id = h.category_id
                     and k.status in ('submitted', 'dispatched', 'accepted', 'responded',
                                      'in_progress', 'resolved')
                   order by k.id desc limit 1) as "case_number?"
           from (select community_id, category_id, count(*) as open
                 from requests
                 where status in ('submitted', 'dispatched', 'accepted', 'responded', 'in_progress')
                   and created_at > now() - make_interval(days => $2)
                   and ($3::bigint is null or street_id = $3)
                   and source = 'resident'
                 group by community_id, category_id
                 having count(*) >= $1) h
           join areas m on m.id = h.community_id
           join areas s on s.id = m.parent_id
           join categories c on c.id = h.category_id
           order by h.open desc, m.code, c.code
           limit 50"#,
        threshold,
        days,
        street_id as Option<AreaId>
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Raises the hot spots that appeared: every community × category with `threshold` or more
/// open requests filed in the last `days` days and not raised in that window already is
/// remembered (`hot_spot_alerts`) and put into the inboxes of the dispatchers and of that
/// street's office as a `hot_spot` notification about its newest request, the note holding
/// how many are open. The alerts' primary key makes concurrent passes raise each once.
/// Returns how many hot spots it raised.
pub async fn raise_hot_spots(
    conn: &mut PgConnection,
    threshold: i64,
    days: i32,
) -> Result<u64, DbError> {
    let raised = sqlx::query_scalar!(
        r#"with hot as (
               select community_id, category_id, count(*)::int as open, max(id) as newest
               from requests
               where status in ('submitted', 'dispatched', 'accepted', 'responded', 'in_progress')
                 and created_at > now() - make_interval(days => $2)
                 and source = 'resident'
               group by community_id, category_id
               having count(*) >= $1),
           raised as (
               insert into hot_spot_alerts as a (community_id, category_id, request_id, open)
               select community_id, category_id, newest, open from hot
               on conflict (community_id, category_id) do update
                   set request_id = excluded.request_id, open = excluded.open, raised_at = now()
                   where a.raised_at <= now() - make_interval(days => $2)
               returning a.community_id, a.request_id, a.open),
           told as (
               insert into notifications (user_id, request_id, kind, note)
               select u.id, r.request_id, 'hot_spot', r.open::text
               from raised r
               join areas m on m.id = r.community_id
               join users u on u.password_hash is not null
                and (u.role = 'dispatcher'
                     or (u.role = 'handler' and u.unit_id in (
                            select s.id from units s where s.kind = 'street' and s.area_id = m.parent_id))))
           select count(*) as "n!" from raised"#,
        threshold,
        days
    )
    .fetch_one(conn)
    .await?;
    Ok(u64::try_from(raised).unwrap_or(0))
}

/// The street a street office answers for; `None` for any other unit.
pub async fn street_of(
    conn: &mut PgConnection,
    unit_id: UnitId,
) -> Result<Option<AreaId>, DbError> {
    let street = sqlx::query_scalar!(
        "select area_id from units where id = $1 and kind = 'street'",
        unit_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(street.map(AreaId))
}

/// Whether unit `unit_id` may record a case it found in community `community_id`: a
/// community's committee in its own community, a street office in its street's communities.
pub async fn finds_in(
    conn: &mut PgConnection,
    unit_id: UnitId,
    community_id: AreaId,
) -> Result<bool, DbError> {
    let ok = sqlx::query_scalar!(
        r#"select exists(
               select 1 from units u join areas c on c.id = $2 and c.level = 'community'
               where u.id = $1
                 and ((u.kind = 'community' and u.area_id = c.id)
                      or (u.kind = 'street' and u.area_id = c.parent_id))) as "ok!""#,
        unit_id.0,
        community_id.0
    )
    .fetch_one(conn)
    .await?;
    Ok(ok)
}

/// Sends resolved case `id` back to work (the street says it is not fixed): in progress at
/// the same unit, its resolution undone; the resolve-by stays.
pub async fn send_back(conn: &mut PgConnection, id: RequestId) -> Result<(), DbError> {
    sqlx::query!(
        "update requests set status = 'in_progress', resolved_at = null, closure_code = null,
                             updated_at = now()
         where id = $1",
        id.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A resident's request linked to a case opened from its hot spot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Linked {
    pub request_id: RequestId,
    pub resident_id: UserId,
}

/// Links case `case_id` to the hot spot it was opened from: residents' open requests of
/// category `category_id` in community `community_id` filed in the last `days` days (the hot
/// spot's rule). Returns those linked.
pub async fn link_hot_spot(
    conn: &mut PgConnection,
    case_id: RequestId,
    (community_id, category_id): (AreaId, CategoryId),
    days: i32,
) -> Result<Vec<Linked>, DbError> {
    let rows = sqlx::query_as!(
        Linked,
        r#"with linked as (
               insert into case_links (case_id, request_id)
               select $1, r.id from requests r
               where r.community_id = $2 and r.category_id = $3 and r.source = 'resident'
                 and r.status in ('submitted', 'dispatched', 'accepted', 'responded', 'in_progress')
                 and r.created_at > now() - make_interval(days => $4)
               on conflict do nothing
               returning request_id)
           select l.request_id as "request_id: RequestId", r.resident_id as "resident_id: UserId"
           from linked l join requests r on r.id = l.request_id
           order by l.request_id"#,
        case_id.0,
        community_id.0,
        category_id.0,
        days
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The tracking numbers of the requests case `case_id` was opened for (from a hot spot).
pub async fn linked_numbers(
    conn: &mut PgConnection,
    case_id: RequestId,
) -> Result<Vec<String>, DbError> {
    let rows = sqlx::query_scalar!(
        "select r.tracking_number from case_links l join requests r on r.id = l.request_id
         where l.case_id = $1 order by r.id",
        case_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The code of the area of unit `unit_id` when it is a street office or a community's
/// committee (the units that record the cases they find); `None` for any other unit.
pub async fn finder_area(
    conn: &mut PgConnection,
    unit_id: UnitId,
) -> Result<Option<String>, DbError> {
    let code = sqlx::query_scalar!(
        "select a.code from units u join areas a on a.id = u.area_id
         where u.id = $1 and u.kind in ('street', 'community')",
        unit_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(code)
}
