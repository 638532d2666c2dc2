//! Organisations that report to a community or a street (单位双报到) with a resource list,
//! confirmed by that area's staff; and the asks for those resources, answered by the
//! organisation's contact. The migration `20261210090000_organisations_needs_board.sql` keeps
//! one live report of a name to an area.

use crate::{keys, DbError};
use ids::{AreaId, AskId, OrganisationId, ResourceId, UserId};
use sqlx::types::chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

/// A checked report, as `app` hands it over.
#[derive(Debug, Clone)]
pub struct NewOrganisation<'a> {
    pub area_id: AreaId,
    pub name: &'a str,
    pub contact_name: &'a str,
    pub contact_phone: &'a str,
    /// Its resource list: one line per kind.
    pub resources: &'a [(&'a dyn keys::ResourceKind, &'a str)],
}

/// The areas resident `resident` may report an organisation to: their home community, then its
/// street: (id, code, zh, en).
pub async fn report_areas(
    conn: &mut PgConnection,
    resident: UserId,
) -> Result<Vec<(AreaId, String, String, String)>, DbError> {
    let rows = sqlx::query!(
        "select a.id, a.code, a.name_zh, a.name_en from users u
         join areas h on h.id = u.home_community_id
         join areas a on a.id in (h.id, h.parent_id)
         where u.id = $1
         order by a.id = h.id desc",
        resident.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (AreaId(r.id), r.code, r.name_zh, r.name_en))
        .collect())
}

/// Records resident `reporter`'s report of an organisation with its resources, waiting for
/// the area's staff; `None` when that name has a live report to that area already.
pub async fn report(
    conn: &mut PgConnection,
    reporter: UserId,
    org: &NewOrganisation<'_>,
) -> Result<Option<OrganisationId>, DbError> {
    let id = sqlx::query_scalar!(
        "insert into organisations (area_id, reporter_id, name, contact_name, contact_phone)
         values ($1, $2, $3, $4, $5)
         on conflict (area_id, name) where status in ('pending', 'active') do nothing
         returning id",
        org.area_id.0,
        reporter.0,
        org.name,
        org.contact_name,
        org.contact_phone
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = id else {
        return Ok(None);
    };
    let (kinds, whats): (Vec<&str>, Vec<&str>) =
        org.resources.iter().map(|(k, w)| (k.key(), *w)).unzip();
    sqlx::query!(
        "insert into organisation_resources (organisation_id, kind, what)
         select $1, k, w from unnest($2::text[], $3::text[]) as r(k, w)",
        id,
        &kinds as &[&str],
        &whats as &[&str]
    )
    .execute(conn)
    .await?;
    Ok(Some(OrganisationId(id)))
}

/// An organisation with its area's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrganisationRow {
    pub id: OrganisationId,
    pub name: String,
    pub status: String,
    pub reason: Option<String>,
    pub contact_name: String,
    pub contact_phone: String,
    pub area_code: String,
    pub area_zh: String,
    pub area_en: String,
    pub created_at: DateTime<Utc>,
}

/// Whose organisations to read.
#[derive(Debug, Clone, Copy)]
pub enum Which {
    /// Those a resident reported, newest first.
    Reporter(UserId),
    /// The live ones reporting to an area or to the areas within it, those waiting first.
    InArea(AreaId),
    /// The confirmed ones reporting to an area or within it, or to its street (as a
    /// community's page lists them), by name.
    Serving(AreaId),
}

/// The organisations `which` names, at most `limit`.
pub async fn list(
    conn: &mut PgConnection,
    which: Which,
    limit: i64,
) -> Result<Vec<OrganisationRow>, DbError> {
    let (reporter, area, serving) = match which {
        Which::Reporter(id) => (Some(id), None, None),
        Which::InArea(id) => (None, Some(id), None),
        Which::Serving(id) => (None, None, Some(id)),
    };
    let rows = sqlx::query_as!(
        OrganisationRow,
        r#"select o.id, o.name, o.status, o.reason, o.contact_name, o.contact_phone,
                  a.code as area_code, a.name_zh as area_zh, a.name_en as area_en,
                  o.created_at as "created_at: DateTime<Utc>"
           from organisations o join areas a on a.id = o.area_id
           where ($1::bigint is null or o.reporter_id = $1)
             and ($2::bigint is null
                  or (o.status in ('pending', 'active') and area_within($2, o.area_id)))
             and ($3::bigint is null
                  or (o.status = 'active'
                      and (area_within($3, o.area_id)
                           or o.area_id = (select parent_id from areas where id = $3))))
           order by case when $2::bigint is not null and o.status = 'pending' then 0 else 1 end,
                    case when $3::bigint is not null then o.name end,
                    case when $2::bigint is null then -o.id else o.id end
           limit $4"#,
        reporter as Option<UserId>,
        area as Option<AreaId>,
        serving as Option<AreaId>,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One line of a resource list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceRow {
    pub id: ResourceId,
    pub organisation_id: OrganisationId,
    pub kind: String,
    pub what: String,
}

/// The resource lists of `organisations`, in the order room, people, skill, money.
pub async fn resources(
    conn: &mut PgConnection,
    organisations: &[OrganisationId],
) -> Result<Vec<ResourceRow>, DbError> {
    let ids: Vec<i64> = organisations.iter().map(|o| o.0).collect();
    let rows = sqlx::query_as!(
        ResourceRow,
        "select id, organisation_id, kind, what from organisation_resources
         where organisation_id = any($1)
         order by organisation_id,
                  array_position(array['room', 'people', 'skill', 'money'], kind)",
        &ids
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// An organisation as a decision finds it, locked until the transaction ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decidable {
    pub status: String,
    pub reporter_id: UserId,
    pub name: String,
    /// Area `area_id` (the deciding staff's) is the one it reports to, or contains it.
    pub in_area: bool,
}

/// Organisation `id`, locked, as staff of area `area_id` would decide on it.
pub async fn lock(
    conn: &mut PgConnection,
    id: OrganisationId,
    area_id: AreaId,
) -> Result<Option<Decidable>, DbError> {
    let row = sqlx::query_as!(
        Decidable,
        r#"select status, reporter_id, name, area_within($2, area_id) as "in_area!"
           from organisations where id = $1 for update"#,
        id.0,
        area_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Records a decision on organisation `id` (locked by `lock`).
pub async fn decide(
    conn: &mut PgConnection,
    id: OrganisationId,
    status: &dyn keys::VolunteerStatus,
    reason: Option<&str>,
    by: UserId,
) -> Result<(), DbError> {
    sqlx::query!(
        "update organisations set status = $2, reason = $3, decided_by = $4, decided_at = now()
         where id = $1",
        id.0,
        status.key(),
        reason,
        by.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// What asking for a resource found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    /// The ask's id, and the organisation's contact to tell.
    Done(AskId, UserId),
    NotFound,
    /// The organisation is not (or no longer) confirmed.
    NotServing,
    /// The organisation reports to an area neither within the asker's nor containing it.
    Outside,
}

/// Staff `by` of area `area_id` ask for resource `resource_id`: `what`, needed on
/// `needed_on`. Staff may ask an organisation that reports to their area, to an area within
/// it, or to an area containing it (a street's organisation, by its communities).
pub async fn ask(
    conn: &mut PgConnection,
    resource_id: ResourceId,
    area_id: AreaId,
    by: UserId,
    what: &str,
    needed_on: NaiveDate,
) -> Result<Asked, DbError> {
    let found = sqlx::query!(
        r#"select o.status, o.reporter_id,
                  area_within($2, o.area_id) or area_within(o.area_id, $2) as "related!"
           from organisation_resources r join organisations o on o.id = r.organisation_id
           where r.id = $1
           for share of o"#,
        resource_id.0,
        area_id.0
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(found) = found else {
        return Ok(Asked::NotFound);
    };
    if !found.related {
        return Ok(Asked::Outside);
    }
    if found.status != "active" {
        return Ok(Asked::NotServing);
    }
    let id = sqlx::query_scalar!(
        "insert into resource_asks (resource_id, area_id, asked_by, what, needed_on)
         values ($1, $2, $3, $4, $5) returning id",
        resource_id.0,
        area_id.0,
        by.0,
        what,
        needed_on as _
    )
    .fetch_one(conn)
    .await?;
    Ok(Asked::Done(AskId(id), UserId(found.reporter_id)))
}

/// An ask with its resource, organisation and asking area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AskRow {
    pub id: AskId,
    pub organisation: String,
    pub resource_kind: String,
    pub resource: String,
    pub area_zh: String,
    pub area_en: String,
    pub what: String,
    pub needed_on: NaiveDate,
    pub status: String,
    pub answer: Option<String>,
    pub created_at: DateTime<Utc>,
}

/// Whose asks to read.
#[derive(Debug, Clone, Copy)]
pub enum Asks {
    /// Those to the organisations a resident reported.
    ToReporter(UserId),
    /// Those staff of an area made, or that reached organisations reporting within it.
    OfArea(AreaId),
}

/// The asks `which` names, those waiting first, then newest, at most `limit`.
pub async fn asks(
    conn: &mut PgConnection,
    which: Asks,
    limit: i64,
) -> Result<Vec<AskRow>, DbError> {
    let (reporter, area) = match which {
        Asks::ToReporter(id) => (Some(id), None),
        Asks::OfArea(id) => (None, Some(id)),
    };
    let rows = sqlx::query_as!(
        AskRow,
        r#"select k.id, o.name as organisation, r.kind as resource_kind, r.what as resource,
                  a.name_zh as area_zh, a.name_en as area_en, k.what,
                  k.needed_on as "needed_on: NaiveDate", k.status, k.answer,
                  k.created_at as "created_at: DateTime<Utc>"
           from resource_asks k
           join organisation_resources r on r.id = k.resource_id
           join organisations o on o.id = r.organisation_id
           join areas a on a.id = k.area_id
           where ($1::bigint is null or o.reporter_id = $1)
             and ($2::bigint is null or area_within($2, k.area_id) or area_within($2, o.area_id))
           order by case when k.status = 'asked' then 0 else 1 end, k.id desc
           limit $3"#,
        reporter as Option<UserId>,
        area as Option<AreaId>,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// An ask as its answer finds it, locked until the transaction ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Answerable {
    pub status: String,
    /// The organisation's contact, who answers.
    pub reporter_id: UserId,
    /// Who asked, to tell.
    pub asked_by: UserId,
    pub what: String,
}

/// Ask `id`, locked.
pub async fn lock_ask(conn: &mut PgConnection, id: AskId) -> Result<Option<Answerable>, DbError> {
    let row = sqlx::query_as!(
        Answerable,
        "select k.status, o.reporter_id, k.asked_by, k.what
         from resource_asks k
         join organisation_resources r on r.id = k.resource_id
         join organisations o on o.id = r.organisation_id
         where k.id = $1
         for update of k",
        id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Records the answer to ask `id` (locked by `lock_ask`).
pub async fn answer(
    conn: &mut PgConnection,
    id: AskId,
    status: &dyn keys::AskStatus,
    answer: &str,
) -> Result<(), DbError> {
    sqlx::query!(
        "update resource_asks set status = $2, answer = $3, answered_at = now() where id = $1",
        id.0,
        status.key(),
        answer
    )
    .execute(conn)
    .await?;
    Ok(())
}
