//! Community consultations (议事厅): creating one with its options, publishing, closing,
//! ballots (one per resident, replaced when changed), the aggregate results and the outcome.
//! The migration `20261128120000_consultations.sql` holds the rules the database can state.

pub mod discussion;

use crate::DbError;
use ids::{AreaId, ConsultationId, OptionId, RequestId, UserId};
use sqlx::types::chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;

/// The channel cast or changed ballots are announced on (the payload: their consultation's
/// id; see `announce_ballots`).
pub const BALLOTS_CHANNEL: &str = "jiesu_ballots";

/// Tells every server process listening on `BALLOTS_CHANNEL` that consultations `ids` took
/// ballots (one notification each, sent when this statement's transaction commits).
pub async fn announce_ballots(
    conn: &mut PgConnection,
    ids: &[ConsultationId],
) -> Result<(), DbError> {
    sqlx::query!(
        "with sent as (select pg_notify($1, id::text) from unnest($2::bigint[]) as id)
         select count(*) from sent",
        BALLOTS_CHANNEL,
        ids as &[ConsultationId]
    )
    .fetch_one(conn)
    .await?;
    Ok(())
}

/// A consultation as staff create it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewConsultation<'a> {
    pub area_id: AreaId,
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
    pub created_by: UserId,
}

/// Creates a draft consultation with its options; its id.
pub async fn create(
    conn: &mut PgConnection,
    new: &NewConsultation<'_>,
) -> Result<ConsultationId, DbError> {
    let id = sqlx::query_scalar!(
        "insert into consultations (area_id, title, background, question, max_choices,
                                    results_shown, opens_at, closes_at, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
        new.area_id.0,
        new.title,
        new.background,
        new.question,
        new.max_choices,
        new.results_shown,
        new.opens_at as _,
        new.closes_at as _,
        new.created_by.0
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
    Ok(ConsultationId(id))
}

/// A consultation with its area's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsultationRow {
    pub id: ConsultationId,
    pub area_id: AreaId,
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
    /// When staff closed it early: when it was meant to close.
    pub planned_closes_at: Option<DateTime<Utc>>,
    pub status: String,
    pub outcome: Option<String>,
    pub outcome_by: Option<String>,
    pub outcome_due: Option<NaiveDate>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Comments residents reported that are not hidden yet, counted for the staff whose
    /// drafts are listed (`Which::Listed { drafts_of }`) when it lies in their area; else 0.
    pub reported: i64,
}

/// Which consultations to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// This one (draft or not).
    One(ConsultationId),
    /// Every published or decided one, and the drafts of the areas within `drafts_of` when
    /// given; the latest closing first.
    Listed { drafts_of: Option<AreaId> },
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
                  c.closes_at as "closes_at: DateTime<Utc>",
                  c.planned_closes_at as "planned_closes_at: DateTime<Utc>", c.status, c.outcome,
                  c.outcome_by, c.outcome_due as "outcome_due: NaiveDate",
                  c.decided_at as "decided_at: DateTime<Utc>",
                  case when $2::bigint is not null and area_within($2, c.area_id) then
                      (select count(*) from consultation_comments m
                       where m.consultation_id = c.id and m.hidden_at is null
                         and exists (select 1 from comment_reports r where r.comment_id = m.id))
                  else 0 end as "reported!"
           from consultations c join areas a on a.id = c.area_id
           where case when $1::bigint is not null then c.id = $1
                      else c.status <> 'draft'
                           or ($2::bigint is not null and area_within($2, c.area_id)) end
           order by c.closes_at desc, c.id desc
           limit $3"#,
        one as Option<ConsultationId>,
        drafts_of as Option<AreaId>,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Locks consultation `id` until the transaction ends (`for share`: ballots do not wait for
/// each other, a staff change waits for them); whether it exists.
pub async fn lock(
    conn: &mut PgConnection,
    id: ConsultationId,
    exclusive: bool,
) -> Result<bool, DbError> {
    let found = if exclusive {
        sqlx::query_scalar!(
            "select id from consultations where id = $1 for update",
            id.0
        )
        .fetch_optional(conn)
        .await?
    } else {
        sqlx::query_scalar!("select id from consultations where id = $1 for share", id.0)
            .fetch_optional(conn)
            .await?
    };
    Ok(found.is_some())
}

/// An option.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionRow {
    pub id: OptionId,
    pub label: String,
    pub abstain: bool,
    /// Ballots that chose it.
    pub votes: i64,
}

/// The options of consultation `id` in order, each with how many ballots chose it.
pub async fn options(
    conn: &mut PgConnection,
    id: ConsultationId,
) -> Result<Vec<OptionRow>, DbError> {
    let rows = sqlx::query_as!(
        OptionRow,
        r#"select o.id, o.label, o.abstain,
                  (select count(*) from ballot_choices b
                   where b.consultation_id = o.consultation_id and b.option_id = o.id) as "votes!"
           from consultation_options o
           where o.consultation_id = $1
           order by o.position"#,
        id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A tally viewers of an open consultation were shown, and when it was published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedTally {
    /// In the order of the options.
    pub votes: Vec<i64>,
    pub ballots: i64,
    pub eligible: i64,
    pub published_at: DateTime<Utc>,
}

/// The last tally published for consultation `id`, if any.
pub async fn published_tally(
    conn: &mut PgConnection,
    id: ConsultationId,
) -> Result<Option<PublishedTally>, DbError> {
    let row = sqlx::query_as!(
        PublishedTally,
        r#"select votes as "votes!", ballots, eligible,
                  published_at as "published_at: DateTime<Utc>"
           from published_tallies where consultation_id = $1"#,
        id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// How many ballots of consultation `id` were cast or changed after `since` (all of them
/// without it).
pub async fn ballots_changed_since(
    conn: &mut PgConnection,
    id: ConsultationId,
    since: Option<DateTime<Utc>>,
) -> Result<i64, DbError> {
    let count = sqlx::query_scalar!(
        r#"select count(*) as "count!" from ballots
           where consultation_id = $1 and ($2::timestamptz is null or changed_at > $2)"#,
        id.0,
        since as _
    )
    .fetch_one(conn)
    .await?;
    Ok(count)
}

/// Publishes a new tally of consultation `id` (replacing the last one).
pub async fn publish_tally(
    conn: &mut PgConnection,
    id: ConsultationId,
    votes: &[i64],
    ballots: i64,
    eligible: i64,
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into published_tallies (consultation_id, votes, ballots, eligible)
         values ($1, $2, $3, $4)
         on conflict (consultation_id) do update
            set votes = excluded.votes, ballots = excluded.ballots,
                eligible = excluded.eligible, published_at = now()",
        id.0,
        votes,
        ballots,
        eligible
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// How many ballots consultation `id` has, and how many residents could vote in it: those
/// verified in its area now and those who voted (a resident who voted and then moved still
/// counts once), so the share is never above 100 %.
pub async fn turnout(conn: &mut PgConnection, id: ConsultationId) -> Result<(i64, i64), DbError> {
    let row = sqlx::query!(
        r#"select (select count(*) from ballots where consultation_id = $1) as "ballots!",
                  (select count(*) from (
                       select v.resident_id from residence_verifications v, consultations c
                       where c.id = $1 and v.status = 'approved'
                         and area_contains(c.area_id, v.community_id)
                       union
                       select resident_id from ballots where consultation_id = $1) e)
                  as "eligible!""#,
        id.0
    )
    .fetch_one(conn)
    .await?;
    Ok((row.ballots, row.eligible))
}

/// The options resident `resident_id` chose in consultation `id` (empty: no ballot).
pub async fn choices(
    conn: &mut PgConnection,
    id: ConsultationId,
    resident_id: UserId,
) -> Result<Vec<OptionId>, DbError> {
    let rows = sqlx::query_scalar!(
        "select option_id from ballot_choices
         where consultation_id = $1 and resident_id = $2 order by option_id",
        id.0,
        resident_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(OptionId).collect())
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
    pub option_ids: Vec<OptionId>,
    pub abstains: Vec<bool>,
}

/// Consultation `id` as resident `resident_id`'s ballot finds it (not locked: `cast` checks
/// again under its lock); `None` if there is no such consultation.
pub async fn ballot_box(
    conn: &mut PgConnection,
    id: ConsultationId,
    resident_id: UserId,
) -> Result<Option<BallotBox>, DbError> {
    let row = sqlx::query_as!(
        BallotBox,
        r#"select c.status, c.opens_at as "opens_at: DateTime<Utc>",
                  c.closes_at as "closes_at: DateTime<Utc>", c.max_choices,
                  exists (select 1 from residence_verifications v
                          where v.resident_id = $2 and v.status = 'approved'
                            and area_contains(c.area_id, v.community_id)) as "verified!",
                  array(select o.id from consultation_options o
                        where o.consultation_id = c.id order by o.position) as "option_ids!: Vec<OptionId>",
                  array(select o.abstain from consultation_options o
                        where o.consultation_id = c.id order by o.position) as "abstains!"
           from consultations c where c.id = $1"#,
        id.0,
        resident_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Casts or replaces resident `resident_id`'s ballot in consultation `id` with `option_ids`,
/// in one statement (the function `cast_ballot`): with the consultation locked for share, it
/// checks that it is open and the resident verified in its area, then writes the ballot
/// whole. A resident's concurrent ballots serialize on the ballot row; one remains. Returns
/// false, having written nothing, when the ballot is no longer allowed (closed meanwhile, the
/// verification revoked). Errors: `Constraint` when an option is not this consultation's
/// (the foreign key).
pub async fn cast(
    conn: &mut PgConnection,
    id: ConsultationId,
    resident_id: UserId,
    option_ids: &[OptionId],
) -> Result<bool, DbError> {
    let cast = sqlx::query_scalar!(
        r#"select cast_ballot($1, $2, $3::bigint[]) as "cast!""#,
        id.0,
        resident_id.0,
        option_ids as &[OptionId]
    )
    .fetch_one(conn)
    .await?;
    Ok(cast)
}

/// Publishes draft `id`.
pub async fn publish(conn: &mut PgConnection, id: ConsultationId) -> Result<(), DbError> {
    sqlx::query!(
        "update consultations set status = 'published' where id = $1 and status = 'draft'",
        id.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Closes open consultation `id` now.
pub async fn close_now(conn: &mut PgConnection, id: ConsultationId) -> Result<(), DbError> {
    sqlx::query!(
        "update consultations set planned_closes_at = closes_at, closes_at = now()
         where id = $1 and status = 'published' and opens_at < now() and closes_at > now()",
        id.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Publishes the outcome of consultation `id`: what will be done, by whom, by when.
pub async fn decide(
    conn: &mut PgConnection,
    id: ConsultationId,
    outcome: &str,
    by: &str,
    due: NaiveDate,
) -> Result<(), DbError> {
    sqlx::query!(
        "update consultations
         set status = 'decided', outcome = $2, outcome_by = $3, outcome_due = $4,
             decided_at = now()
         where id = $1",
        id.0,
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
    outer_id: AreaId,
    inner_id: AreaId,
) -> Result<bool, DbError> {
    let within = sqlx::query_scalar!(
        r#"select area_within($1, $2) as "within!""#,
        outer_id.0,
        inner_id.0
    )
    .fetch_one(conn)
    .await?;
    Ok(within)
}

/// Puts a notification of `kind` (the consultation's title as its note) into the inbox of
/// each resident whose requests consultation `id` was opened from: once each, about their
/// first such request.
pub async fn notify_filers(
    conn: &mut PgConnection,
    id: ConsultationId,
    kind: &str,
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into notifications (user_id, request_id, kind, note)
         select distinct on (r.resident_id) r.resident_id, r.id, $2, c.title
         from consultation_requests l
         join requests r on r.id = l.request_id
         join consultations c on c.id = l.consultation_id
         where l.consultation_id = $1
         order by r.resident_id, r.id",
        id.0,
        kind
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Open requests of one category in one community, as a consultation may be opened from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestGroupRow {
    pub community_code: String,
    pub community_zh: String,
    pub community_en: String,
    pub category_code: String,
    pub category_zh: String,
    pub category_en: String,
    pub open: i64,
}

/// The statuses of a request still being handled.
const OPEN: [&str; 5] = [
    "submitted",
    "dispatched",
    "accepted",
    "responded",
    "in_progress",
];

/// The open requests in area `area_id`'s communities, by community and category; the
/// largest groups first, at most 20.
pub async fn request_groups(
    conn: &mut PgConnection,
    area_id: AreaId,
) -> Result<Vec<RequestGroupRow>, DbError> {
    let rows = sqlx::query_as!(
        RequestGroupRow,
        r#"select m.code as community_code, m.name_zh as community_zh,
                  m.name_en as community_en, c.code as category_code,
                  c.name_zh as category_zh, c.name_en as category_en, g.open as "open!"
           from (select community_id, category_id, count(*) as open
                 from requests
                 where status = any($2) and area_contains($1, community_id)
                 group by community_id, category_id) g
           join areas m on m.id = g.community_id
           join categories c on c.id = g.category_id
           order by g.open desc, m.code, c.code
           limit 20"#,
        area_id.0,
        &OPEN.map(str::to_owned)
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// An open request a consultation may be opened from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenRequestRow {
    pub id: RequestId,
    pub tracking_number: String,
    pub description: String,
    pub created_at: DateTime<Utc>,
}

/// The open requests of category `category_code` in community `community_code`, within area
/// `area_id`, oldest first; at most 50.
pub async fn open_requests(
    conn: &mut PgConnection,
    area_id: AreaId,
    community_code: &str,
    category_code: &str,
) -> Result<Vec<OpenRequestRow>, DbError> {
    let rows = sqlx::query_as!(
        OpenRequestRow,
        r#"select r.id, r.tracking_number, r.description,
                  r.created_at as "created_at: DateTime<Utc>"
           from requests r
           join areas m on m.id = r.community_id
           join categories c on c.id = r.category_id
           where m.code = $2 and c.code = $3 and r.status = any($4)
             and area_contains($1, r.community_id)
           order by r.id
           limit 50"#,
        area_id.0,
        community_code,
        category_code,
        &OPEN.map(str::to_owned)
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Of `request_ids`, those that are open and in a community of area `area_id`.
pub async fn open_within(
    conn: &mut PgConnection,
    area_id: AreaId,
    request_ids: &[RequestId],
) -> Result<Vec<RequestId>, DbError> {
    let rows = sqlx::query_scalar!(
        "select id from requests
         where id = any($2) and status = any($3) and area_contains($1, community_id)
         order by id",
        area_id.0,
        request_ids as &[RequestId],
        &OPEN.map(str::to_owned)
    )
    .fetch_all(conn)
    .await?;
    Ok(rows.into_iter().map(RequestId).collect())
}

/// Links consultation `id` to the requests it was opened from.
pub async fn link_requests(
    conn: &mut PgConnection,
    id: ConsultationId,
    request_ids: &[RequestId],
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into consultation_requests (consultation_id, request_id)
         select $1, unnest($2::bigint[]) on conflict do nothing",
        id.0,
        request_ids as &[RequestId]
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A consultation a request links to, or a request a consultation was opened from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRow {
    pub id: ConsultationId,
    /// The consultation's title, or the request's tracking number.
    pub label: String,
    pub status: String,
    pub opens_at: DateTime<Utc>,
    pub closes_at: DateTime<Utc>,
    pub outcome: Option<String>,
}

/// The published consultations opened from request `request_id`, oldest first.
pub async fn of_request(
    conn: &mut PgConnection,
    request_id: RequestId,
) -> Result<Vec<LinkRow>, DbError> {
    let rows = sqlx::query_as!(
        LinkRow,
        r#"select c.id, c.title as label, c.status, c.opens_at as "opens_at: DateTime<Utc>",
                  c.closes_at as "closes_at: DateTime<Utc>", c.outcome
           from consultation_requests l join consultations c on c.id = l.consultation_id
           where l.request_id = $1 and c.status <> 'draft'
           order by c.id"#,
        request_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The tracking numbers of the requests consultation `id` was opened from (id, number): the
/// public ones, and the private ones too when `with_private`.
pub async fn requests_of(
    conn: &mut PgConnection,
    id: ConsultationId,
    with_private: bool,
) -> Result<Vec<(RequestId, String)>, DbError> {
    let rows = sqlx::query!(
        "select r.id, r.tracking_number
         from consultation_requests l join requests r on r.id = l.request_id
         where l.consultation_id = $1 and (r.is_public or $2)
         order by r.id",
        id.0,
        with_private
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (RequestId(r.id), r.tracking_number))
        .collect())
}

/// A progress update after the outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateRow {
    pub note: String,
    pub created_at: DateTime<Utc>,
}

/// Posts a progress update on consultation `id` by staff member `by`.
pub async fn add_update(
    conn: &mut PgConnection,
    id: ConsultationId,
    note: &str,
    by: UserId,
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into consultation_updates (consultation_id, note, posted_by) values ($1, $2, $3)",
        id.0,
        note,
        by.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The progress updates of consultation `id`, newest first.
pub async fn updates(
    conn: &mut PgConnection,
    id: ConsultationId,
) -> Result<Vec<UpdateRow>, DbError> {
    let rows = sqlx::query_as!(
        UpdateRow,
        r#"select note, created_at as "created_at: DateTime<Utc>"
           from consultation_updates where consultation_id = $1 order by id desc"#,
        id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}
