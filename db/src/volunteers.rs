//! Volunteers and party members: the roles residents serve their community in (stewards
//! appointed by its staff; volunteers and reported party members confirmed by them), and the
//! duty rosters they sign up for. The migration `20261209090000_volunteers.sql` keeps one live
//! role of each kind per resident and holds each shift's capacity.

use crate::{keys, DbError};
use ids::{AreaId, RequestId, RosterId, ShiftId, UnitId, UserId, VolunteerId};
use sqlx::types::chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use sqlx::PgConnection;

/// What appointing a steward found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Appointed {
    /// The new role's id, and the steward.
    Done(VolunteerId, UserId),
    /// No resident with that phone is verified in the community.
    NotVerified,
    /// They are a steward already.
    Already,
}

/// Appoints the resident with `phone`, who must be verified in community `community_id`, its
/// steward for `patch` from `starts_on`, by staff member `by`.
pub async fn appoint(
    conn: &mut PgConnection,
    community_id: AreaId,
    phone: &str,
    patch: &str,
    starts_on: NaiveDate,
    by: UserId,
) -> Result<Appointed, DbError> {
    let resident = sqlx::query_scalar!(
        "select u.id from users u
         join residence_verifications v on v.resident_id = u.id and v.status = 'approved'
         where u.phone = $1 and u.role = 'resident' and u.deleted_at is null
           and v.community_id = $2
         for share of u",
        phone,
        community_id.0
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(resident) = resident else {
        return Ok(Appointed::NotVerified);
    };
    let id = sqlx::query_scalar!(
        "insert into volunteers (resident_id, community_id, kind, status, patch, starts_on,
                                 decided_by, decided_at)
         values ($1, $2, 'steward', 'active', $3, $4, $5, now())
         on conflict (resident_id, kind) where status in ('pending', 'active') do nothing
         returning id",
        resident,
        community_id.0,
        patch,
        starts_on as _,
        by.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(id.map_or(Appointed::Already, |id| {
        Appointed::Done(VolunteerId(id), UserId(resident))
    }))
}

/// Resident `resident_id` asks to serve their home community as `kind` (a volunteer, or a
/// party member of `organisation`); the new role's id, or `None` when they have a live one of
/// that kind already (or no home community).
pub async fn ask(
    conn: &mut PgConnection,
    resident_id: UserId,
    kind: &dyn keys::VolunteerKind,
    organisation: Option<&str>,
) -> Result<Option<VolunteerId>, DbError> {
    let id = sqlx::query_scalar!(
        "insert into volunteers (resident_id, community_id, kind, status, organisation)
         select id, home_community_id, $2, 'pending', $3 from users
         where id = $1 and role = 'resident' and home_community_id is not null
           and deleted_at is null
         on conflict (resident_id, kind) where status in ('pending', 'active') do nothing
         returning id",
        resident_id.0,
        kind.key(),
        organisation
    )
    .fetch_optional(conn)
    .await?;
    Ok(id.map(VolunteerId))
}

/// A role with its community's names and its resident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VolunteerRow {
    pub id: VolunteerId,
    pub kind: String,
    pub status: String,
    pub patch: Option<String>,
    pub starts_on: Option<NaiveDate>,
    pub organisation: Option<String>,
    pub reason: Option<String>,
    pub community_code: String,
    pub community_zh: String,
    pub community_en: String,
    pub resident_name: String,
    pub resident_phone: String,
    pub created_at: DateTime<Utc>,
}

/// Whose roles to read.
#[derive(Debug, Clone, Copy)]
pub enum Which {
    /// A resident's live ones and their latest decided ones, newest first.
    Resident(UserId),
    /// The live ones in the communities an area contains, those waiting first, oldest first.
    InArea(AreaId),
}

/// The roles `which` names, at most `limit`.
pub async fn list(
    conn: &mut PgConnection,
    which: Which,
    limit: i64,
) -> Result<Vec<VolunteerRow>, DbError> {
    let (resident, area) = match which {
        Which::Resident(id) => (Some(id), None),
        Which::InArea(id) => (None, Some(id)),
    };
    let rows = sqlx::query_as!(
        VolunteerRow,
        r#"select v.id, v.kind, v.status, v.patch, v.starts_on as "starts_on: NaiveDate",
                  v.organisation, v.reason,
                  m.code as community_code, m.name_zh as community_zh,
                  m.name_en as community_en,
                  coalesce(u.display_name, '') as "resident_name!",
                  coalesce(u.phone, '') as "resident_phone!",
                  v.created_at as "created_at: DateTime<Utc>"
           from volunteers v
           join users u on u.id = v.resident_id
           join areas m on m.id = v.community_id
           where ($1::bigint is null or v.resident_id = $1)
             and ($2::bigint is null
                  or (v.status in ('pending', 'active') and area_contains($2, v.community_id)))
           order by case when $1::bigint is null and v.status = 'pending' then 0 else 1 end,
                    case when $1::bigint is null then v.id else -v.id end
           limit $3"#,
        resident as Option<UserId>,
        area as Option<AreaId>,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A role as a decision finds it, locked until the transaction ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decidable {
    pub kind: String,
    pub status: String,
    pub resident_id: UserId,
    /// Area `area_id` (the deciding staff's) contains its community.
    pub in_area: bool,
}

/// Role `id`, locked, as staff of area `area_id` would decide on it.
pub async fn lock(
    conn: &mut PgConnection,
    id: VolunteerId,
    area_id: AreaId,
) -> Result<Option<Decidable>, DbError> {
    let row = sqlx::query_as!(
        Decidable,
        r#"select kind, status, resident_id, area_contains($2, community_id) as "in_area!"
           from volunteers where id = $1 for update"#,
        id.0,
        area_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Records a decision on role `id` (locked by `lock`): its new status, the reason and who
/// decided.
pub async fn decide(
    conn: &mut PgConnection,
    id: VolunteerId,
    status: &dyn keys::VolunteerStatus,
    reason: Option<&str>,
    by: UserId,
) -> Result<(), DbError> {
    sqlx::query!(
        "update volunteers set status = $2, reason = $3, decided_by = $4, decided_at = now()
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

/// The community resident `resident_id` serves in (any active role), if any.
pub async fn serves_in(
    conn: &mut PgConnection,
    resident_id: UserId,
) -> Result<Option<AreaId>, DbError> {
    let community = sqlx::query_scalar!(
        "select community_id from volunteers
         where resident_id = $1 and status = 'active'
         order by id limit 1",
        resident_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(community.map(AreaId))
}

/// The community with `code` if staff of area `area_id` manage it (it is their community, or a
/// community of their street; see `managed_communities`): `Ok(None)` for no such community,
/// `Ok(Some((id, false)))` for one they do not manage.
pub async fn community_in(
    conn: &mut PgConnection,
    code: &str,
    area_id: AreaId,
) -> Result<Option<(AreaId, bool)>, DbError> {
    let row = sqlx::query!(
        r#"select id, $2 in (id, parent_id) as "inside!" from areas
           where code = $1 and level = 'community'"#,
        code,
        area_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| (AreaId(r.id), r.inside)))
}

/// The communities staff of area `area_id` manage volunteers in: the area itself when it is a
/// community, a street's communities; none above (a district's staff only decide): (code,
/// zh, en), in code order.
pub async fn managed_communities(
    conn: &mut PgConnection,
    area_id: AreaId,
) -> Result<Vec<(String, String, String)>, DbError> {
    let rows = sqlx::query!(
        "select m.code, m.name_zh, m.name_en from areas m
         left join areas s on s.id = m.parent_id
         where m.level = 'community' and (m.id = $1 or (s.id = $1 and s.level = 'street'))
         order by m.code",
        area_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (r.code, r.name_zh, r.name_en))
        .collect())
}

/// A checked roster, as `app` hands it over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRoster<'a> {
    pub community_id: AreaId,
    pub title: &'a str,
    pub place: &'a str,
    /// ISO weekdays, 1 Monday .. 7 Sunday.
    pub weekdays: &'a [i16],
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub places: i32,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// A need's what (a one-day roster); `None` for duty.
    pub details: Option<&'a str>,
}

/// Creates a roster and writes its shifts (each of its weekdays from its first to its last
/// day, in Beijing time, that has not begun yet); the roster's id and how many shifts.
pub async fn create_roster(
    conn: &mut PgConnection,
    roster: &NewRoster<'_>,
    by: UserId,
) -> Result<(RosterId, i64), DbError> {
    let id = sqlx::query_scalar!(
        "insert into rosters (community_id, title, place, weekdays, starts, ends, places,
                              first_day, last_day, created_by, kind, details)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
                 case when $11::text is null then 'duty' else 'need' end, $11)
         returning id",
        roster.community_id.0,
        roster.title,
        roster.place,
        roster.weekdays,
        roster.starts as _,
        roster.ends as _,
        roster.places,
        roster.first_day as _,
        roster.last_day as _,
        by.0,
        roster.details
    )
    .fetch_one(&mut *conn)
    .await?;
    let shifts = sqlx::query_scalar!(
        r#"with written as (
               insert into shifts (roster_id, starts_at, ends_at, places)
               select r.id, (g.d::date + r.starts) at time zone 'Asia/Shanghai',
                      (g.d::date + r.ends) at time zone 'Asia/Shanghai', r.places
               from rosters r,
                    generate_series(r.first_day, r.last_day, interval '1 day') as g(d)
               where r.id = $1
                 and extract(isodow from g.d)::smallint = any (r.weekdays)
                 and (g.d::date + r.starts) at time zone 'Asia/Shanghai' > now()
               returning 1)
           select count(*) as "count!" from written"#,
        id
    )
    .fetch_one(conn)
    .await?;
    Ok((RosterId(id), shifts))
}

/// A shift with its roster, as the rosters page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShiftRow {
    pub id: ShiftId,
    pub roster_id: RosterId,
    pub title: String,
    pub place: String,
    /// A need's what; `None` for a duty shift.
    pub details: Option<String>,
    pub community_zh: String,
    pub community_en: String,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub places: i32,
    pub taken: i32,
    /// The viewer has signed up for it.
    pub mine: bool,
    /// Who signed up, in sign-up order (their display names).
    pub names: Vec<String>,
    /// The viewer's check-in and check-out, if they signed up.
    pub checked_in_at: Option<DateTime<Utc>>,
    pub checked_out_at: Option<DateTime<Utc>>,
}

/// The shifts of the rosters of the communities area `area_id` contains, from `from` to
/// `to`, soonest first, at most `limit`; `mine` for `viewer`; who signed up only
/// `with_names` (for staff).
pub async fn shifts(
    conn: &mut PgConnection,
    area_id: AreaId,
    viewer: UserId,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    limit: i64,
    with_names: bool,
) -> Result<Vec<ShiftRow>, DbError> {
    let rows = sqlx::query_as!(
        ShiftRow,
        r#"select s.id, s.roster_id, r.title, r.place, r.details, m.name_zh as community_zh,
                  m.name_en as community_en,
                  s.starts_at as "starts_at: DateTime<Utc>",
                  s.ends_at as "ends_at: DateTime<Utc>", s.places, s.taken,
                  exists (select 1 from shift_signups g
                          where g.shift_id = s.id and g.resident_id = $2
                            and g.status = 'signed') as "mine!",
                  case when $6 then
                      array(select coalesce(u.display_name, '') from shift_signups g
                            join users u on u.id = g.resident_id
                            where g.shift_id = s.id and g.status = 'signed'
                            order by g.id)
                  else '{}' end as "names!",
                  m_in.checked_in_at as "checked_in_at: DateTime<Utc>",
                  m_in.checked_out_at as "checked_out_at: DateTime<Utc>"
           from shifts s
           left join shift_signups m_in
             on m_in.shift_id = s.id and m_in.resident_id = $2 and m_in.status = 'signed'
           join rosters r on r.id = s.roster_id
           join areas m on m.id = r.community_id
           where area_contains($1, r.community_id)
             and s.ends_at > $3 and s.starts_at < $4
           order by s.starts_at, s.id
           limit $5"#,
        area_id.0,
        viewer.0,
        from as _,
        to as _,
        limit,
        with_names
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// What signing up for a shift found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignUp {
    Done,
    NotFound,
    /// It has begun or is over.
    Past,
    /// Every place is taken.
    Full,
    /// They have signed up for it already.
    Already,
    /// They serve no community, or another one than the shift's.
    NotServing,
}

/// Resident `resident_id`, who must serve the shift's community in an active role, signs up
/// for shift `id`. Everything is decided under the shift's row lock, so that however many
/// sign up at once, no more than its places get one, and nothing is written unless `Done`.
pub async fn sign_up(
    conn: &mut PgConnection,
    id: ShiftId,
    resident_id: UserId,
) -> Result<SignUp, DbError> {
    // After waiting for the lock, the row read is the one the sign-up before left.
    let shift = sqlx::query!(
        r#"select s.starts_at > now() as "future!", s.taken < s.places as "open!",
                  exists (select 1 from volunteers v
                          where v.resident_id = $2 and v.status = 'active'
                            and v.community_id = r.community_id) as "serves!"
           from shifts s join rosters r on r.id = s.roster_id
           where s.id = $1
           for update of s"#,
        id.0,
        resident_id.0
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(shift) = shift else {
        return Ok(SignUp::NotFound);
    };
    if !shift.serves {
        return Ok(SignUp::NotServing);
    }
    if !shift.future {
        return Ok(SignUp::Past);
    }
    let signed = sqlx::query_scalar!(
        "insert into shift_signups (shift_id, resident_id)
         select $1, $2 where $3
         on conflict (shift_id, resident_id) where status = 'signed' do nothing
         returning id",
        id.0,
        resident_id.0,
        shift.open
    )
    .fetch_optional(&mut *conn)
    .await?;
    if signed.is_none() {
        let already = sqlx::query_scalar!(
            r#"select exists (select 1 from shift_signups
                              where shift_id = $1 and resident_id = $2
                                and status = 'signed') as "already!""#,
            id.0,
            resident_id.0
        )
        .fetch_one(conn)
        .await?;
        return Ok(if already {
            SignUp::Already
        } else {
            SignUp::Full
        });
    }
    sqlx::query!("update shifts set taken = taken + 1 where id = $1", id.0)
        .execute(conn)
        .await?;
    Ok(SignUp::Done)
}

/// Resident `resident_id` cancels their sign-up for shift `id` before it begins, freeing the
/// place; whether there was one to cancel.
pub async fn cancel(
    conn: &mut PgConnection,
    id: ShiftId,
    resident_id: UserId,
) -> Result<bool, DbError> {
    let cancelled = sqlx::query_scalar!(
        r#"with cancelled as (
               update shift_signups g set status = 'cancelled'
               from shifts s
               where g.shift_id = $1 and g.resident_id = $2 and g.status = 'signed'
                 and s.id = g.shift_id and s.starts_at > now()
               returning g.shift_id)
           update shifts set taken = taken - 1
           where id in (select shift_id from cancelled)
           returning id"#,
        id.0,
        resident_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(cancelled.is_some())
}

/// How long before a shift its people may check in, in minutes.
pub const CHECK_IN_EARLY_MINUTES: i32 = 30;
/// How long after a shift its people may still check out, in minutes; after that, the worker
/// closes it (`close_shifts`).
pub const CHECK_OUT_GRACE_MINUTES: i32 = 120;

/// What checking in or out found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Checked {
    Done,
    /// They are not signed up for it (or serve its community no more).
    NotSigned,
    /// Outside its window: checking in from `CHECK_IN_EARLY_MINUTES` before the shift to its
    /// end, checking out after checking in until `CHECK_OUT_GRACE_MINUTES` after it.
    NotNow,
    /// Checked in (or out) already; or checking out before checking in.
    Already,
}

/// Resident `resident_id` checks in (`out`: out) on site for shift `id`.
pub async fn check(
    conn: &mut PgConnection,
    id: ShiftId,
    resident_id: UserId,
    out: bool,
) -> Result<Checked, DbError> {
    let found = sqlx::query!(
        r#"select g.id, g.checked_in_at is not null as "in!", g.checked_out_at is not null as "out!",
                  now() between s.starts_at - make_interval(mins => $3) and s.ends_at
                      as "in_window!",
                  now() <= s.ends_at + make_interval(mins => $4) as "out_window!"
           from shift_signups g join shifts s on s.id = g.shift_id
           join rosters r on r.id = s.roster_id
           where g.shift_id = $1 and g.resident_id = $2 and g.status = 'signed'
             and exists (select 1 from volunteers v
                         where v.resident_id = $2 and v.status = 'active'
                           and v.community_id = r.community_id)
           for update of g"#,
        id.0,
        resident_id.0,
        CHECK_IN_EARLY_MINUTES,
        CHECK_OUT_GRACE_MINUTES
    )
    .fetch_optional(&mut *conn)
    .await?;
    let Some(found) = found else {
        return Ok(Checked::NotSigned);
    };
    let (already, window) = if out {
        (!found.r#in || found.out, found.out_window)
    } else {
        (found.r#in, found.in_window)
    };
    if already {
        return Ok(Checked::Already);
    }
    if !window {
        return Ok(Checked::NotNow);
    }
    sqlx::query!(
        "update shift_signups
         set checked_in_at = case when $2 then checked_in_at else now() end,
             checked_out_at = case when $2 then now() else checked_out_at end
         where id = $1",
        found.id,
        out
    )
    .execute(conn)
    .await?;
    Ok(Checked::Done)
}

/// Puts a reminder into the inbox of everyone signed up for a shift that starts within
/// `hours` and who has not been reminded, at most `limit`; how many.
pub async fn remind(conn: &mut PgConnection, hours: i32, limit: i64) -> Result<u64, DbError> {
    let told = sqlx::query_scalar!(
        r#"with due as (
               select g.id, g.resident_id, s.starts_at, r.title, r.place
               from shift_signups g
               join shifts s on s.id = g.shift_id
               join rosters r on r.id = s.roster_id
               where g.status = 'signed' and g.reminded_at is null
                 and s.starts_at > now() and s.starts_at <= now() + make_interval(hours => $1)
               order by g.id limit $2
               for update of g skip locked),
           told as (
               insert into notifications (user_id, kind, note)
               select resident_id, 'shift_reminder',
                      to_char(starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')
                          || ' ' || title || ' · ' || place
               from due),
           marked as (
               update shift_signups set reminded_at = now()
               where id in (select id from due) returning 1)
           select count(*) as "count!" from marked"#,
        hours,
        limit
    )
    .fetch_one(conn)
    .await?;
    Ok(u64::try_from(told).unwrap_or(0))
}

/// Tells the staff of a shift's community (area staff of that community) of every shift that
/// starts within `hours` with places still open, once each, at most `limit`; how many
/// shifts.
pub async fn tell_short(conn: &mut PgConnection, hours: i32, limit: i64) -> Result<u64, DbError> {
    let told = sqlx::query_scalar!(
        r#"with due as (
               select s.id, s.starts_at, s.places - s.taken as missing, r.title,
                      r.community_id
               from shifts s join rosters r on r.id = s.roster_id
               where s.short_told_at is null and s.taken < s.places
                 and s.starts_at > now() and s.starts_at <= now() + make_interval(hours => $1)
               order by s.starts_at, s.id limit $2
               for update of s skip locked),
           told as (
               insert into notifications (user_id, kind, note)
               select u.id, 'shift_short',
                      to_char(d.starts_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')
                          || ' ' || d.title || ' · ' || d.missing
               from due d join users u
                 on u.scope_area_id = d.community_id and u.role = 'area_staff'
                and u.deleted_at is null),
           marked as (
               update shifts set short_told_at = now()
               where id in (select id from due) returning 1)
           select count(*) as "count!" from marked"#,
        hours,
        limit
    )
    .fetch_one(conn)
    .await?;
    Ok(u64::try_from(told).unwrap_or(0))
}

/// Closes the shifts over for `CHECK_OUT_GRACE_MINUTES`, at most `limit`: a sign-up never
/// checked in is a no-show, one never checked out is out at the shift's end; then the shift
/// counts in its community's month (covered when as many checked in as it has places). How
/// many shifts.
pub async fn close_shifts(conn: &mut PgConnection, limit: i64) -> Result<u64, DbError> {
    let due = sqlx::query_scalar!(
        "select id from shifts
         where closed_at is null and ends_at + make_interval(mins => $1) < now()
         order by ends_at, id limit $2
         for update skip locked",
        CHECK_OUT_GRACE_MINUTES,
        limit
    )
    .fetch_all(&mut *conn)
    .await?;
    if due.is_empty() {
        return Ok(0);
    }
    sqlx::query!(
        "update shift_signups g
         set status = case when g.checked_in_at is null then 'no_show' else g.status end,
             checked_out_at = case when g.checked_in_at is null then null else s.ends_at end
         from shifts s
         where s.id = g.shift_id and g.shift_id = any($1)
           and g.status = 'signed' and g.checked_out_at is null",
        &due
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into service_months (community_id, month, shifts, covered, minutes, no_shows)
         select r.community_id,
                date_trunc('month', s.starts_at at time zone 'Asia/Shanghai')::date,
                count(*) filter (where r.kind = 'duty'),
                count(*) filter (where r.kind = 'duty' and c.came >= s.places),
                coalesce(sum(c.minutes), 0), coalesce(sum(c.missed), 0)
         from shifts s
         join rosters r on r.id = s.roster_id
         cross join lateral (
             select count(*) filter (where g.checked_in_at is not null) as came,
                    count(*) filter (where g.status = 'no_show') as missed,
                    (sum(greatest(0, extract(epoch from
                        least(g.checked_out_at, s.ends_at) - greatest(g.checked_in_at, s.starts_at))
                        / 60)) filter (where g.checked_in_at is not null))::bigint as minutes
             from shift_signups g where g.shift_id = s.id and g.status <> 'cancelled') c
         where s.id = any($1)
         group by 1, 2
         on conflict (community_id, month) do update
             set shifts = service_months.shifts + excluded.shifts,
                 covered = service_months.covered + excluded.covered,
                 minutes = service_months.minutes + excluded.minutes,
                 no_shows = service_months.no_shows + excluded.no_shows",
        &due
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into service_totals (community_id, resident_id, shifts, minutes)
         select r.community_id, g.resident_id, count(*),
                coalesce(sum(greatest(0, extract(epoch from
                    least(g.checked_out_at, s.ends_at) - greatest(g.checked_in_at, s.starts_at))
                    / 60)), 0)::bigint
         from shift_signups g
         join shifts s on s.id = g.shift_id
         join rosters r on r.id = s.roster_id
         where g.shift_id = any($1) and g.checked_in_at is not null and g.status <> 'cancelled'
         group by 1, 2
         on conflict (community_id, resident_id) do update
             set shifts = service_totals.shifts + excluded.shifts,
                 minutes = service_totals.minutes + excluded.minutes",
        &due
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update shifts set closed_at = now() where id = any($1)",
        &due
    )
    .execute(conn)
    .await?;
    Ok(u64::try_from(due.len()).unwrap_or(0))
}

/// A community's figures for a month, as leaders see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiguresRow {
    pub code: String,
    pub name_zh: String,
    pub name_en: String,
    pub stewards: i32,
    pub volunteers: i32,
    pub party_members: i32,
    /// Organisations reporting to the community itself.
    pub organisations: i32,
    pub shifts: i32,
    pub covered: i32,
    pub minutes: i64,
    pub no_shows: i32,
    pub steward_cases: i32,
    pub steward_cases_settled: i32,
}

/// The figures of the communities staff of area `area_id` manage (a community, or a street's
/// communities) for the month starting `month`, from the rollups, in code order.
pub async fn figures(
    conn: &mut PgConnection,
    area_id: AreaId,
    month: NaiveDate,
) -> Result<Vec<FiguresRow>, DbError> {
    let rows = sqlx::query_as!(
        FiguresRow,
        r#"select m.code, m.name_zh, m.name_en,
                  coalesce((select active from service_people p
                            where p.community_id = m.id and p.kind = 'steward'), 0) as "stewards!",
                  coalesce((select active from service_people p
                            where p.community_id = m.id and p.kind = 'volunteer'), 0)
                      as "volunteers!",
                  coalesce((select active from service_people p
                            where p.community_id = m.id and p.kind = 'party_member'), 0)
                      as "party_members!",
                  coalesce((select active from service_people p
                            where p.community_id = m.id and p.kind = 'organisation'), 0)
                      as "organisations!",
                  coalesce(f.shifts, 0) as "shifts!", coalesce(f.covered, 0) as "covered!",
                  coalesce(f.minutes, 0) as "minutes!", coalesce(f.no_shows, 0) as "no_shows!",
                  coalesce(f.steward_cases, 0) as "steward_cases!",
                  coalesce(f.steward_cases_settled, 0) as "steward_cases_settled!"
           from areas m
           left join areas s on s.id = m.parent_id
           left join service_months f on f.community_id = m.id and f.month = $2
           where m.level = 'community' and (m.id = $1 or (s.id = $1 and s.level = 'street'))
           order by m.code"#,
        area_id.0,
        month as _
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// What resident `resident_id` has served: (shifts attended, minutes served within them,
/// no-shows).
pub async fn served(
    conn: &mut PgConnection,
    resident_id: UserId,
) -> Result<(i64, i64, i64), DbError> {
    let row = sqlx::query!(
        r#"select count(*) filter (where g.checked_out_at is not null) as "shifts!",
                  coalesce(sum(greatest(0, extract(epoch from
                      least(g.checked_out_at, s.ends_at) - greatest(g.checked_in_at, s.starts_at))
                      / 60)) filter (where g.checked_out_at is not null), 0)::bigint as "minutes!",
                  count(*) filter (where g.status = 'no_show') as "no_shows!"
           from shift_signups g join shifts s on s.id = g.shift_id
           where g.resident_id = $1 and g.status <> 'cancelled'"#,
        resident_id.0
    )
    .fetch_one(conn)
    .await?;
    Ok((row.shifts, row.minutes, row.no_shows))
}

/// Resident `resident_id`'s live steward appointment, if any: (its id, its community, that
/// community's committee, the community's code).
pub async fn steward(
    conn: &mut PgConnection,
    resident_id: UserId,
) -> Result<Option<(VolunteerId, AreaId, UnitId, String)>, DbError> {
    let row = sqlx::query!(
        "select v.id, v.community_id, u.id as unit_id, a.code from volunteers v
         join units u on u.kind = 'community' and u.area_id = v.community_id
         join areas a on a.id = v.community_id
         where v.resident_id = $1 and v.kind = 'steward' and v.status = 'active'",
        resident_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|r| {
        (
            VolunteerId(r.id),
            AreaId(r.community_id),
            UnitId(r.unit_id),
            r.code,
        )
    }))
}

/// Records that steward `steward_id` reported case `request_id`.
pub async fn steward_case(
    conn: &mut PgConnection,
    request_id: RequestId,
    steward_id: VolunteerId,
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into steward_cases (request_id, steward_id) values ($1, $2)",
        request_id.0,
        steward_id.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A request of a steward's community waiting for its resident's rating (or its street's
/// confirmation), which the steward may confirm fixed on site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToConfirmRow {
    pub tracking_number: String,
    pub category_zh: String,
    pub category_en: String,
    pub address: String,
    pub resolved_at: Option<DateTime<Utc>>,
    /// The steward confirmed it already.
    pub confirmed: bool,
}

/// The resolved public requests of community `community_id` (and the steward's own cases),
/// most recently resolved first, at most `limit`.
pub async fn to_confirm(
    conn: &mut PgConnection,
    community_id: AreaId,
    steward: UserId,
    limit: i64,
) -> Result<Vec<ToConfirmRow>, DbError> {
    let rows = sqlx::query_as!(
        ToConfirmRow,
        r#"select r.tracking_number, c.name_zh as category_zh, c.name_en as category_en,
                  r.address,
                  r.resolved_at as "resolved_at: DateTime<Utc>",
                  exists (select 1 from request_events e
                          where e.request_id = r.id and e.kind = 'steward_confirmed'
                            and e.actor_id = $2
                            and e.created_at >= r.resolved_at) as "confirmed!"
           from requests r join categories c on c.id = r.category_id
           where r.community_id = $1 and r.status = 'resolved'
             and (r.is_public or r.resident_id = $2)
           order by r.resolved_at desc nulls last, r.id desc
           limit $3"#,
        community_id.0,
        steward.0,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A request as a steward's on-site confirmation finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmable {
    pub id: RequestId,
    pub status: String,
    pub resident_id: UserId,
    /// In the steward's community, and public or their own.
    pub theirs: bool,
    /// They confirmed it already (this round).
    pub confirmed: bool,
}

/// The request with `tracking_number` as steward `steward` of community `community_id` would
/// confirm it, locked against a concurrent step.
pub async fn confirmable(
    conn: &mut PgConnection,
    tracking_number: &str,
    community_id: AreaId,
    steward: UserId,
) -> Result<Option<Confirmable>, DbError> {
    let row = sqlx::query_as!(
        Confirmable,
        r#"select r.id, r.status, r.resident_id,
                  r.community_id = $2 and (r.is_public or r.resident_id = $3) as "theirs!",
                  exists (select 1 from request_events e
                          where e.request_id = r.id and e.kind = 'steward_confirmed'
                            and e.actor_id = $3
                            and e.created_at >= coalesce(r.resolved_at, r.created_at))
                      as "confirmed!"
           from requests r where r.tracking_number = $1
           for update of r"#,
        tracking_number,
        community_id.0,
        steward.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Puts resident `resident_id` on the recognition board (`shown`) or takes them off.
pub async fn recognise(
    conn: &mut PgConnection,
    resident_id: UserId,
    shown: bool,
) -> Result<(), DbError> {
    if shown {
        sqlx::query!(
            "insert into recognition (resident_id) values ($1) on conflict do nothing",
            resident_id.0
        )
        .execute(conn)
        .await?;
    } else {
        sqlx::query!(
            "delete from recognition where resident_id = $1",
            resident_id.0
        )
        .execute(conn)
        .await?;
    }
    Ok(())
}

/// Resident `resident_id` chose to be on the recognition board.
pub async fn recognised(conn: &mut PgConnection, resident_id: UserId) -> Result<bool, DbError> {
    let shown = sqlx::query_scalar!(
        r#"select exists (select 1 from recognition where resident_id = $1) as "shown!""#,
        resident_id.0
    )
    .fetch_one(conn)
    .await?;
    Ok(shown)
}

/// One person on a recognition board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardRow {
    pub name: String,
    pub community_zh: String,
    pub community_en: String,
    /// The kinds of their active roles there.
    pub kinds: Vec<String>,
    /// Shifts attended there and minutes served, from the totals the worker keeps.
    pub shifts: i32,
    pub minutes: i64,
}

/// Those serving in the communities within area `area_id` who chose to be on the board, most
/// minutes served first, at most `limit`.
pub async fn board(
    conn: &mut PgConnection,
    area_id: AreaId,
    limit: i64,
) -> Result<Vec<BoardRow>, DbError> {
    let rows = sqlx::query_as!(
        BoardRow,
        r#"select coalesce(u.display_name, '') as "name!", m.name_zh as community_zh,
                  m.name_en as community_en,
                  array_agg(v.kind order by v.kind) as "kinds!",
                  coalesce(max(t.shifts), 0) as "shifts!",
                  coalesce(max(t.minutes), 0)::bigint as "minutes!"
           from recognition g
           join users u on u.id = g.resident_id and u.deleted_at is null
           join volunteers v on v.resident_id = g.resident_id and v.status = 'active'
           join areas m on m.id = v.community_id
           left join service_totals t
             on t.resident_id = g.resident_id and t.community_id = v.community_id
           where area_within($1, v.community_id)
           group by u.id, m.id
           order by 6 desc, 1
           limit $2"#,
        area_id.0,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// One steward's patch, as a community's page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchRow {
    pub patch: String,
    pub community_zh: String,
    pub community_en: String,
    /// Their name, only when they chose to be on the recognition board.
    pub name: Option<String>,
}

/// The active stewards' patches in the communities within area `area_id`, by community and
/// patch, at most `limit`.
pub async fn patches(
    conn: &mut PgConnection,
    area_id: AreaId,
    limit: i64,
) -> Result<Vec<PatchRow>, DbError> {
    let rows = sqlx::query_as!(
        PatchRow,
        r#"select v.patch as "patch!", m.name_zh as community_zh, m.name_en as community_en,
                  case when g.resident_id is not null then u.display_name end as name
           from volunteers v
           join areas m on m.id = v.community_id
           join users u on u.id = v.resident_id
           left join recognition g on g.resident_id = v.resident_id
           where v.kind = 'steward' and v.status = 'active'
             and area_within($1, v.community_id)
           order by m.code, v.patch, v.id
           limit $2"#,
        area_id.0,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// How many confirmed organisations report to area `area_id` itself (a street's, beside its
/// communities'), from the rollup.
pub async fn own_organisations(conn: &mut PgConnection, area_id: AreaId) -> Result<i32, DbError> {
    let active = sqlx::query_scalar!(
        "select active from service_people where community_id = $1 and kind = 'organisation'",
        area_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(active.unwrap_or(0))
}
