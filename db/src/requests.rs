//! Requests: filing one (its tracking number, deadlines, proposed unit and first event in the
//! caller's transaction), reading them, and the event log every change appends to.

use crate::{keys, DbError};
use ids::{AreaId, CategoryId, EventId, PhotoId, RequestId, TopicId, UnitId, UserId};
use sqlx::types::chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A category as filing needs it: its deadlines, and whether it is a leaf (requests are filed
/// under leaves only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilingCategory {
    pub id: CategoryId,
    pub respond_hours: i32,
    pub resolve_hours: i32,
    pub is_leaf: bool,
}

/// The category with this code, if any.
pub async fn category(
    conn: &mut PgConnection,
    code: &str,
) -> Result<Option<FilingCategory>, DbError> {
    let row = sqlx::query_as!(
        FilingCategory,
        r#"select c.id, c.respond_hours, c.resolve_hours,
                  not exists(select 1 from categories k where k.parent_id = c.id) as "is_leaf!"
           from categories c where c.code = $1"#,
        code
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A community with its street and district.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub community_id: AreaId,
    pub street_id: AreaId,
    pub district_id: AreaId,
}

/// The community with this code, with its street and district; `None` when the code is not a
/// community's.
pub async fn place(
    conn: &mut PgConnection,
    community_code: &str,
) -> Result<Option<Place>, DbError> {
    let row = sqlx::query_as!(
        Place,
        r#"select c.id as community_id, s.id as street_id, d.id as district_id
           from areas c join areas s on s.id = c.parent_id join areas d on d.id = s.parent_id
           where c.code = $1 and c.level = 'community' and s.level = 'street'
             and d.level = 'district'"#,
        community_code
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// The unit the routing rules propose for a request of `category_id` in `place`, and the rule
/// (none: the fallback, the street office of the place). The most specific rule wins: the
/// category before its parent, then the community before the street, the district and anywhere.
pub async fn propose_unit(
    conn: &mut PgConnection,
    category_id: CategoryId,
    place: Place,
) -> Result<(Option<i64>, Option<UnitId>), DbError> {
    let rule = sqlx::query!(
        r#"select r.id,
                  coalesce(r.unit_id, (select m.id from units m
                                       where m.kind = 'community' and m.area_id = $2)) as unit_id
           from routing_rules r join categories c on c.id = $1
           where (r.category_id = c.id or r.category_id = c.parent_id)
             and (r.area_id is null or r.area_id in ($2, $3, $4))
           order by (r.category_id = c.id) desc,
                    case r.area_id when $2 then 0 when $3 then 1 when $4 then 2 else 3 end
           limit 1"#,
        category_id.0,
        place.community_id.0,
        place.street_id.0,
        place.district_id.0
    )
    .fetch_optional(&mut *conn)
    .await?;
    if let Some(rule) = rule {
        return Ok((Some(rule.id), rule.unit_id.map(UnitId)));
    }
    let office = sqlx::query_scalar!(
        "select u.id from units u join areas a on a.id = u.area_id
         where a.id = $1 and u.kind = 'street'",
        place.street_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok((None, office.map(UnitId)))
}

/// A request to file, checked.
pub struct NewRequest<'a> {
    pub resident_id: UserId,
    /// Who filed it: the resident, or the hotline operator who took their call.
    pub filed_by: UserId,
    pub kind: &'a dyn keys::RequestKind,
    pub category: &'a FilingCategory,
    pub place: Place,
    pub address: &'a str,
    pub description: &'a str,
    pub position: Option<(f64, f64)>,
    pub is_public: bool,
    pub show_name: bool,
    pub proposed_unit_id: Option<UnitId>,
    pub routing_rule_id: Option<i64>,
    pub idempotency_key: &'a str,
    /// A case staff found themselves (主动治理): held by their unit, in progress from the
    /// start; `resident_id` and `filed_by` are the staff member who recorded it.
    pub found: Option<Found<'a>>,
}

/// How a found case came to a unit's notice, and the unit that found it.
pub struct Found<'a> {
    pub source: &'a dyn keys::Source,
    pub unit_id: UnitId,
}

/// What filing answers: the request and what its confirmation shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Filed {
    pub id: RequestId,
    pub tracking_number: String,
    pub respond_by: DateTime<Utc>,
    /// `false` when this form had been filed already (the same idempotency key): nothing new
    /// was written.
    pub created: bool,
    /// The "filed" event (photos sent with the form belong to it); `None` when not `created`.
    pub first_event_id: Option<EventId>,
}

/// Files a request: a tracking number for today (Beijing; no lock: see the migration
/// `request_numbers`), deadlines from the category's hours
/// counted from now, and its first event (`filed`; `found` for a found case, which is in
/// progress at the unit that found it, with no first contact to make). The same resident's same idempotency key files once:
/// a second call answers the first request (check `by_idempotency_key` first to skip the
/// work: racing calls still file once). Call it inside a transaction.
pub async fn file(conn: &mut PgConnection, new: &NewRequest<'_>) -> Result<Filed, DbError> {
    let (latitude, longitude) = new.position.unzip();
    let source = new.found.as_ref().map(|f| f.source.key());
    let finder = new.found.as_ref().map(|f| f.unit_id);
    let (kind, to_status): (_, &dyn keys::Status) = match finder {
        Some(_) => ("found", &keys::InProgress),
        None => ("filed", &keys::Submitted),
    };
    // The request and its first event in one statement (one round trip); the event's
    // triggers see the request, as they run when the statement ends.
    let row = sqlx::query!(
        r#"with made as (
               insert into requests (tracking_number, resident_id, kind, category_id,
                                     community_id, street_id, district_id, address, latitude,
                                     longitude, description, is_public, show_name,
                                     proposed_unit_id, routing_rule_id, respond_by, resolve_by,
                                     idempotency_key, source, found_by_unit_id, unit_id, status,
                                     responded_at)
               values (to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD') || '-'
                           || lpad((nextval('request_numbers') % 1000000)::text, 6, '0'),
                       $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14,
                       now() + make_interval(hours => $15), now() + make_interval(hours => $16),
                       $17::text::uuid, coalesce($18, 'resident'), $19, $19, $20,
                       case when $19::bigint is null then null else now() end)
               on conflict (resident_id, idempotency_key) do nothing
               returning id, tracking_number, respond_by),
           event as (
               insert into request_events (request_id, actor_id, kind, from_status, to_status,
                                           note, is_public, unit_id)
               select id, $21, $22, null, $20, '', true, $19 from made
               returning id)
           select m.id, m.tracking_number, m.respond_by as "respond_by: DateTime<Utc>",
                  e.id as event_id
           from made m, event e"#,
        new.resident_id.0,
        new.kind.key(),
        new.category.id.0,
        new.place.community_id.0,
        new.place.street_id.0,
        new.place.district_id.0,
        new.address,
        latitude,
        longitude,
        new.description,
        new.is_public,
        new.show_name,
        new.proposed_unit_id as Option<UnitId>,
        new.routing_rule_id,
        new.category.respond_hours,
        new.category.resolve_hours,
        new.idempotency_key,
        source,
        finder as Option<UnitId>,
        keys::Key::key(to_status),
        new.filed_by.0,
        kind
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else {
        // The same form, filed at this very moment by another request: answer that one.
        return by_idempotency_key(conn, new.resident_id, new.idempotency_key)
            .await?
            .ok_or(DbError::NotFound);
    };
    Ok(Filed {
        id: RequestId(row.id),
        tracking_number: row.tracking_number,
        respond_by: row.respond_by,
        created: true,
        first_event_id: Some(EventId(row.event_id)),
    })
}

/// The request `resident_id` filed with form key `key`, if any (`created` is `false`).
pub async fn by_idempotency_key(
    conn: &mut PgConnection,
    resident_id: UserId,
    key: &str,
) -> Result<Option<Filed>, DbError> {
    let row = sqlx::query!(
        r#"select id, tracking_number, respond_by as "respond_by: DateTime<Utc>"
           from requests where resident_id = $1 and idempotency_key = $2::text::uuid"#,
        resident_id.0,
        key
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| Filed {
        id: RequestId(r.id),
        tracking_number: r.tracking_number,
        respond_by: r.respond_by,
        created: false,
        first_event_id: None,
    }))
}

/// How many requests `resident_id` filed in the last `window_secs` seconds.
pub async fn filed_recently(
    conn: &mut PgConnection,
    resident_id: UserId,
    window_secs: i64,
) -> Result<i64, DbError> {
    let count = sqlx::query_scalar!(
        r#"select count(*) as "count!" from requests
           where resident_id = $1 and created_at > now() - make_interval(secs => $2)"#,
        resident_id.0,
        window_secs as f64
    )
    .fetch_one(conn)
    .await?;
    Ok(count)
}

/// A request with the names its pages show.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestRow {
    pub id: RequestId,
    pub tracking_number: String,
    pub resident_id: UserId,
    pub resident_name: String,
    pub kind: String,
    pub category_code: String,
    pub category_zh: String,
    pub category_en: String,
    pub community_code: String,
    pub community_zh: String,
    pub community_en: String,
    pub street_zh: String,
    pub street_en: String,
    pub district_zh: String,
    pub district_en: String,
    pub address: String,
    pub description: String,
    pub is_public: bool,
    pub show_name: bool,
    pub status: String,
    pub unit_zh: Option<String>,
    pub unit_en: Option<String>,
    pub unit_id: Option<UnitId>,
    /// The kind of the unit handling it (`street`, `community`, …).
    pub unit_kind: Option<String>,
    pub seconds: i32,
    pub respond_by: DateTime<Utc>,
    pub resolve_by: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub urgent: bool,
    /// The code of the unit the routing rules proposed.
    pub proposed_unit_code: Option<String>,
    /// The request this one was merged into (its tracking number).
    pub merged_into: Option<String>,
    pub closure_code: Option<String>,
    /// The last 4 digits of the filer's number (a private request's status is shown to
    /// whoever gives them); `None` once the account is deleted.
    pub resident_phone_tail: Option<String>,
    /// `resident`, or how staff found it.
    pub source: String,
    /// The street of a case staff found (its street office confirms it).
    pub found_in: Option<AreaId>,
    /// The unit that found it (a found case).
    pub found_by_zh: Option<String>,
    pub found_by_en: Option<String>,
    /// What else the request's page would read has anything: its page skips the round trip
    /// to what has nothing (most requests have no summons, pass or consultation).
    pub has_photos: bool,
    pub has_summons: bool,
    pub has_passes: bool,
    pub has_consultations: bool,
    /// The topic it comes under, if any: the newest of its district's or the city's, for its
    /// category or that category's parent; its id and title.
    pub topic_id: Option<TopicId>,
    pub topic_title: Option<String>,
}

/// The request with this tracking number, if any.
pub async fn by_tracking_number(
    conn: &mut PgConnection,
    tracking_number: &str,
) -> Result<Option<RequestRow>, DbError> {
    let row = sqlx::query_as!(
        RequestRow,
        r#"select r.id, r.tracking_number, r.resident_id, u.display_name as resident_name, r.kind,
                  c.code as category_code, c.name_zh as category_zh, c.name_en as category_en,
                  a.code as community_code, a.name_zh as community_zh, a.name_en as community_en,
                  s.name_zh as street_zh, s.name_en as street_en,
                  d.name_zh as district_zh, d.name_en as district_en,
                  r.address, r.description, r.is_public, r.show_name, r.status,
                  n.name_zh as "unit_zh?", n.name_en as "unit_en?", r.unit_id as "unit_id: UnitId",
                  n.kind as "unit_kind?", r.seconds,
                  r.respond_by as "respond_by: DateTime<Utc>",
                  r.resolve_by as "resolve_by: DateTime<Utc>",
                  r.created_at as "created_at: DateTime<Utc>",
                  r.urgent, p.code as "proposed_unit_code?", g.tracking_number as "merged_into?",
                  r.closure_code, right(u.phone, 4) as resident_phone_tail, r.source,
                  case when r.source <> 'resident' then r.street_id end as "found_in: AreaId",
                  f.name_zh as "found_by_zh?", f.name_en as "found_by_en?",
                  exists (select from request_photos x where x.request_id = r.id) as "has_photos!",
                  exists (select from summons x where x.request_id = r.id) as "has_summons!",
                  exists (select from passes x where x.request_id = r.id) as "has_passes!",
                  exists (select from consultation_requests x where x.request_id = r.id)
                      as "has_consultations!",
                  tp.id as "topic_id?: TopicId", tp.title as "topic_title?"
           from requests r
           join users u on u.id = r.resident_id
           join categories c on c.id = r.category_id
           join areas a on a.id = r.community_id
           join areas s on s.id = r.street_id
           join areas d on d.id = r.district_id
           left join units n on n.id = r.unit_id
           left join units p on p.id = r.proposed_unit_id
           left join requests g on g.id = r.merged_into_id
           left join units f on f.id = r.found_by_unit_id
           left join lateral (
               select t.id, t.title from topics t
               where t.district_id in (r.district_id, (select id from areas where level = 'city'))
                 and t.category_id in (r.category_id, c.parent_id)
               order by t.month desc, t.id desc
               limit 1) tp on true
           where r.tracking_number = $1"#,
        tracking_number
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// A line of a resident's own list.
#[derive(Debug, Clone, PartialEq)]
pub struct MineRow {
    pub id: RequestId,
    pub tracking_number: String,
    pub category_zh: String,
    pub category_en: String,
    pub description: String,
    pub status: String,
    pub respond_by: DateTime<Utc>,
    pub resolve_by: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
}

/// The requests `resident_id` filed, newest first, `status` ones only when given; at most
/// `limit`, older than request `before` when given (keyset).
pub async fn list_mine(
    conn: &mut PgConnection,
    resident_id: UserId,
    status: Option<&dyn keys::Status>,
    before: Option<RequestId>,
    limit: i64,
) -> Result<Vec<MineRow>, DbError> {
    let rows = sqlx::query_as!(
        MineRow,
        r#"select r.id, r.tracking_number, c.name_zh as category_zh, c.name_en as category_en,
                  r.description, r.status,
                  r.respond_by as "respond_by: DateTime<Utc>",
                  r.resolve_by as "resolve_by: DateTime<Utc>",
                  r.created_at as "created_at: DateTime<Utc>"
           from requests r join categories c on c.id = r.category_id
           where r.resident_id = $1 and ($2::text is null or r.status = $2)
             and ($3::bigint is null or r.id < $3)
           order by r.id desc
           limit $4"#,
        resident_id.0,
        status.map(keys::Key::key),
        before as Option<RequestId>,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Request `id`'s status, its resident and whether it is a found case (staff or a steward
/// recorded it), its row locked until the transaction ends (every change of a request goes
/// through this lock). Errors: `NotFound`.
pub async fn lock(
    conn: &mut PgConnection,
    id: RequestId,
) -> Result<(String, UserId, bool), DbError> {
    let row = sqlx::query!(
        r#"select status, resident_id, source <> 'resident' as "found!"
           from requests where id = $1 for update"#,
        id.0
    )
    .fetch_one(conn)
    .await?;
    Ok((row.status, UserId(row.resident_id), row.found))
}

/// Sets request `id`'s status (after the state machine allowed it).
pub async fn set_status(
    conn: &mut PgConnection,
    id: RequestId,
    status: &dyn keys::Status,
) -> Result<(), DbError> {
    sqlx::query!(
        "update requests set status = $2, updated_at = now() where id = $1",
        id.0,
        status.key()
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// An event to append to a request's log.
pub struct NewEvent<'a> {
    pub request_id: RequestId,
    pub actor_id: Option<UserId>,
    pub kind: &'a str,
    pub from_status: Option<&'a dyn keys::Status>,
    pub to_status: Option<&'a dyn keys::Status>,
    pub note: &'a str,
    pub is_public: bool,
    /// The unit the actor acted for (a handler's unit), when any.
    pub unit_id: Option<UnitId>,
}

/// Appends an event to a request's log and returns its id.
pub async fn append_event(
    conn: &mut PgConnection,
    event: &NewEvent<'_>,
) -> Result<EventId, DbError> {
    let id = sqlx::query_scalar!(
        "insert into request_events (request_id, actor_id, kind, from_status, to_status, note,
                                     is_public, unit_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        event.request_id.0,
        event.actor_id as Option<UserId>,
        event.kind,
        event.from_status.map(keys::Key::key),
        event.to_status.map(keys::Key::key),
        event.note,
        event.is_public,
        event.unit_id as Option<UnitId>
    )
    .fetch_one(conn)
    .await?;
    Ok(EventId(id))
}

/// One line of a request's timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub id: EventId,
    pub kind: String,
    pub to_status: Option<String>,
    pub note: String,
    pub is_public: bool,
    pub actor_role: Option<String>,
    pub created_at: DateTime<Utc>,
    /// The unit the event names (the actor's, or the one a dispatch went to).
    pub unit_zh: Option<String>,
    pub unit_en: Option<String>,
    /// A closing by the resident's rating: its outcome (written in the same transaction).
    pub rating: Option<String>,
}

/// Request `request_id`'s events in order; the public ones only when `public_only`.
pub async fn events(
    conn: &mut PgConnection,
    request_id: RequestId,
    public_only: bool,
) -> Result<Vec<EventRow>, DbError> {
    let rows = sqlx::query_as!(
        EventRow,
        r#"select e.id, e.kind, e.to_status, e.note, e.is_public, u.role as "actor_role?",
                  e.created_at as "created_at: DateTime<Utc>",
                  n.name_zh as "unit_zh?", n.name_en as "unit_en?",
                  (select g.outcome from ratings g
                   where e.kind = 'closed' and g.request_id = e.request_id
                     and g.created_at = e.created_at
                   order by g.round desc limit 1) as "rating?"
           from request_events e left join users u on u.id = e.actor_id
           left join units n on n.id = e.unit_id
           where e.request_id = $1 and (e.is_public or not $2)
           order by e.id"#,
        request_id.0,
        public_only
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A category of the tree, with its parent's code (none at the top).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryRow {
    pub code: String,
    pub parent_code: Option<String>,
    pub name_zh: String,
    pub name_en: String,
    pub respond_hours: i32,
    pub resolve_hours: i32,
}

/// Every category, parents before their children, in code order.
pub async fn categories(conn: &mut PgConnection) -> Result<Vec<CategoryRow>, DbError> {
    let rows = sqlx::query_as!(
        CategoryRow,
        r#"select c.code, p.code as "parent_code?", c.name_zh, c.name_en, c.respond_hours,
                  c.resolve_hours
           from categories c left join categories p on p.id = c.parent_id
           order by coalesce(p.code, c.code), p.code is not null, c.code"#
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The id of the request with this tracking number, if any.
pub async fn id_of(
    conn: &mut PgConnection,
    tracking_number: &str,
) -> Result<Option<RequestId>, DbError> {
    let id = sqlx::query_scalar!(
        "select id from requests where tracking_number = $1",
        tracking_number
    )
    .fetch_optional(conn)
    .await?;
    Ok(id.map(RequestId))
}

/// What the public list may be narrowed to (ids; `None`: any).
#[derive(Debug, Clone, Copy, Default)]
pub struct PublicFilter<'a> {
    pub district_id: Option<AreaId>,
    pub street_id: Option<AreaId>,
    /// A category and, for a group, its leaves (see `category_family`).
    pub category_ids: Option<&'a [CategoryId]>,
    pub status: Option<&'a dyn keys::Status>,
}

/// A line of the public list.
#[derive(Debug, Clone, PartialEq, sqlx::FromRow)]
pub struct PublicRow {
    pub id: RequestId,
    pub tracking_number: String,
    pub category_zh: String,
    pub category_en: String,
    pub street_zh: String,
    pub street_en: String,
    pub community_zh: String,
    pub community_en: String,
    pub description: String,
    pub status: String,
    pub seconds: i32,
    pub created_at: DateTime<Utc>,
}

/// Public requests (not withdrawn or merged), newest first, narrowed by `filter`; at most
/// `limit`, older than request `before` when given (keyset: no OFFSET however deep). The
/// query is planned for the filters given, each time (an unnamed statement: a generic plan
/// for "any filter" scans the whole list for a rare combination, 200 ms instead of 1 ms at
/// 1 M rows).
pub async fn list_public(
    conn: &mut PgConnection,
    filter: PublicFilter<'_>,
    before: Option<RequestId>,
    limit: i64,
) -> Result<Vec<PublicRow>, DbError> {
    // Not the checked macro: only a plain query can be sent unnamed (the db tests read it).
    let rows = sqlx::query_as::<_, PublicRow>(
        "select r.id, r.tracking_number, c.name_zh as category_zh, c.name_en as category_en,
                s.name_zh as street_zh, s.name_en as street_en,
                a.name_zh as community_zh, a.name_en as community_en,
                left(r.description, 120) as description, r.status, r.seconds, r.created_at
         from requests r
         join categories c on c.id = r.category_id
         join areas s on s.id = r.street_id
         join areas a on a.id = r.community_id
         where r.is_public and r.status not in ('withdrawn', 'merged')
           and ($1::bigint is null or r.district_id = $1)
           and ($2::bigint is null or r.street_id = $2)
           and ($3::bigint[] is null or r.category_id = any($3))
           and ($4::text is null or r.status = $4)
           and ($5::bigint is null or r.id < $5)
         order by r.id desc
         limit $6",
    )
    .bind(filter.district_id)
    .bind(filter.street_id)
    .bind(filter.category_ids)
    .bind(filter.status.map(keys::Key::key))
    .bind(before)
    .bind(limit)
    .persistent(false)
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The id of the area with this code at `level`, if any.
pub async fn area_id(
    conn: &mut PgConnection,
    code: &str,
    level: &str,
) -> Result<Option<AreaId>, DbError> {
    let id = sqlx::query_scalar!(
        "select id from areas where code = $1 and level = $2",
        code,
        level
    )
    .fetch_optional(conn)
    .await?;
    Ok(id.map(AreaId))
}

/// The ids of the category with this code and of its children (empty: no such category).
pub async fn category_family(
    conn: &mut PgConnection,
    code: &str,
) -> Result<Vec<CategoryId>, DbError> {
    let ids = sqlx::query_scalar!(
        r#"select k.id as "id!" from categories c join categories k on k.id = c.id or k.parent_id = c.id
           where c.code = $1"#,
        code
    )
    .fetch_all(conn)
    .await?;
    Ok(ids.into_iter().map(CategoryId).collect())
}

/// Records that `resident_id` seconds ("me too") request `request_id` and counts it. Errors:
/// `Conflict { request_seconds_pkey }` when they did already.
pub async fn second(
    conn: &mut PgConnection,
    request_id: RequestId,
    resident_id: UserId,
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into request_seconds (request_id, resident_id) values ($1, $2)",
        request_id.0,
        resident_id.0
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update requests set seconds = seconds + 1 where id = $1",
        request_id.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether `resident_id` seconded request `request_id`.
pub async fn has_seconded(
    conn: &mut PgConnection,
    request_id: RequestId,
    resident_id: UserId,
) -> Result<bool, DbError> {
    let found = sqlx::query_scalar!(
        r#"select exists(select 1 from request_seconds
                         where request_id = $1 and resident_id = $2) as "found!""#,
        request_id.0,
        resident_id.0
    )
    .fetch_one(conn)
    .await?;
    Ok(found)
}

/// Open public requests of category `category_id` in community `community_id` filed in the
/// last `days` days, newest first (at most `limit`): "is it one of these?".
pub async fn similar(
    conn: &mut PgConnection,
    category_id: CategoryId,
    community_id: AreaId,
    days: i32,
    limit: i64,
) -> Result<Vec<PublicRow>, DbError> {
    let rows = sqlx::query_as!(
        PublicRow,
        r#"select r.id, r.tracking_number, c.name_zh as category_zh, c.name_en as category_en,
                  s.name_zh as street_zh, s.name_en as street_en,
                  a.name_zh as community_zh, a.name_en as community_en,
                  left(r.description, 120) as "description!", r.status, r.seconds,
                  r.created_at as "created_at: DateTime<Utc>"
           from requests r
           join categories c on c.id = r.category_id
           join areas s on s.id = r.street_id
           join areas a on a.id = r.community_id
           where r.community_id = $2 and r.category_id = $1 and r.is_public
             and r.status not in ('resolved', 'closed', 'withdrawn', 'merged')
             and r.created_at > now() - make_interval(days => $3)
           order by r.id desc
           limit $4"#,
        category_id.0,
        community_id.0,
        days,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One of a resident's requests as "download my data" gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct ExportRow {
    pub tracking_number: String,
    pub kind: String,
    pub category_code: String,
    pub community_code: String,
    pub address: String,
    pub description: String,
    pub is_public: bool,
    pub show_name: bool,
    pub status: String,
    pub created_at: DateTime<Utc>,
}

/// Every request `resident_id` filed, oldest first, and the tracking numbers of those they
/// seconded.
pub async fn export(
    conn: &mut PgConnection,
    resident_id: UserId,
) -> Result<(Vec<ExportRow>, Vec<String>), DbError> {
    let filed = sqlx::query_as!(
        ExportRow,
        r#"select r.tracking_number, r.kind, c.code as category_code, a.code as community_code,
                  r.address, r.description, r.is_public, r.show_name, r.status,
                  r.created_at as "created_at: DateTime<Utc>"
           from requests r join categories c on c.id = r.category_id
           join areas a on a.id = r.community_id
           where r.resident_id = $1
           order by r.id"#,
        resident_id.0
    )
    .fetch_all(&mut *conn)
    .await?;
    let seconded = sqlx::query_scalar!(
        "select r.tracking_number from request_seconds s join requests r on r.id = s.request_id
         where s.resident_id = $1 order by s.created_at",
        resident_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok((filed, seconded))
}

/// A stored photo to record.
pub struct NewPhoto<'a> {
    pub request_id: RequestId,
    pub event_id: Option<EventId>,
    pub object_key: &'a str,
    pub thumbnail_key: &'a str,
    pub width: i32,
    pub height: i32,
    pub bytes: i32,
}

/// Records a stored photo of a request and returns its id.
pub async fn add_photo(conn: &mut PgConnection, photo: &NewPhoto<'_>) -> Result<PhotoId, DbError> {
    let id = sqlx::query_scalar!(
        "insert into request_photos (request_id, event_id, object_key, thumbnail_key,
                                     content_type, width, height, bytes)
         values ($1, $2, $3, $4, 'image/jpeg', $5, $6, $7) returning id",
        photo.request_id.0,
        photo.event_id as Option<EventId>,
        photo.object_key,
        photo.thumbnail_key,
        photo.width,
        photo.height,
        photo.bytes
    )
    .fetch_one(conn)
    .await?;
    Ok(PhotoId(id))
}

/// A photo of a request and the event it came with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhotoRef {
    pub id: PhotoId,
    pub event_id: Option<EventId>,
}

/// Request `request_id`'s photos, in order.
pub async fn photo_ids(
    conn: &mut PgConnection,
    request_id: RequestId,
) -> Result<Vec<PhotoRef>, DbError> {
    let ids = sqlx::query_as!(
        PhotoRef,
        r#"select id, event_id as "event_id: EventId" from request_photos
           where request_id = $1 order by id"#,
        request_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(ids)
}

/// A photo with what deciding who may see it needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoRow {
    pub object_key: String,
    pub thumbnail_key: String,
    pub is_public: bool,
    pub resident_id: UserId,
    pub request_id: RequestId,
    pub unit_id: Option<UnitId>,
    /// The street of a case staff found (its street office sees it all).
    pub found_in: Option<AreaId>,
}

/// Photo `id`, if any.
pub async fn photo(conn: &mut PgConnection, id: PhotoId) -> Result<Option<PhotoRow>, DbError> {
    let row = sqlx::query_as!(
        PhotoRow,
        r#"select p.object_key, p.thumbnail_key, r.is_public, r.resident_id, r.id as request_id,
                r.unit_id as "unit_id: UnitId",
                case when r.source <> 'resident' then r.street_id end as "found_in: AreaId"
         from request_photos p join requests r on r.id = p.request_id
         where p.id = $1"#,
        id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}
