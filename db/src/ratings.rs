//! Ratings and what they do to a request: closing it, reopening it (the next round), and
//! closing the ones left unrated.

use crate::{keys, DbError};
use ids::{RequestId, UnitId, UserId};
use sqlx::types::chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A rating to record.
pub struct NewRating<'a> {
    pub request_id: RequestId,
    pub round: i32,
    pub resident_id: UserId,
    pub unit_id: Option<UnitId>,
    pub outcome: &'a dyn keys::Outcome,
    pub satisfaction: i16,
    pub reasons: &'a [String],
    pub comment: &'a str,
}

/// Records `rating` and closes its request. Errors: `Conflict {
/// ratings_request_id_round_key }` when the round was rated already.
pub async fn rate(conn: &mut PgConnection, rating: &NewRating<'_>) -> Result<(), DbError> {
    sqlx::query!(
        "insert into ratings (request_id, round, resident_id, unit_id, outcome, satisfaction,
                              reasons, comment)
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
        rating.request_id.0,
        rating.round,
        rating.resident_id.0,
        rating.unit_id as Option<UnitId>,
        rating.outcome.key(),
        rating.satisfaction,
        rating.reasons,
        rating.comment
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update requests set status = 'closed', closed_at = now(), updated_at = now()
         where id = $1",
        rating.request_id.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// The rating of a request's latest round, with when the request closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingRow {
    pub round: i32,
    pub outcome: String,
    pub satisfaction: i16,
    pub reasons: Vec<String>,
    pub comment: String,
    pub created_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

/// The rating of request `request_id`'s current round, if it has one.
pub async fn current(
    conn: &mut PgConnection,
    request_id: RequestId,
) -> Result<Option<RatingRow>, DbError> {
    let row = sqlx::query_as!(
        RatingRow,
        r#"select g.round, g.outcome, g.satisfaction, g.reasons, g.comment,
                  g.created_at as "created_at: DateTime<Utc>",
                  r.closed_at as "closed_at: DateTime<Utc>"
           from requests r join ratings g on g.request_id = r.id and g.round = r.round
           where r.id = $1"#,
        request_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Reopens request `id` to the unit that had it, as round `round + 1`, to be resolved within
/// `resolve_hours` from now.
pub async fn reopen(
    conn: &mut PgConnection,
    id: RequestId,
    resolve_hours: i32,
) -> Result<(), DbError> {
    sqlx::query!(
        "update requests set status = 'dispatched', round = round + 1,
                resolve_by = now() + make_interval(hours => $2), resolve_overdue = false,
                resolved_at = null, closure_code = null, closed_at = null, updated_at = now()
         where id = $1",
        id.0,
        resolve_hours
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Closes up to `limit` residents' requests (a found case waits for its street's
/// confirmation) resolved more than `days` days ago and still unrated, each
/// with a public `closed_unrated` event; returns how many. Rows another worker holds are
/// skipped, so several servers may run it at once.
pub async fn close_unrated(conn: &mut PgConnection, days: i32, limit: i64) -> Result<u64, DbError> {
    let closed = sqlx::query_scalar!(
        r#"with due as (
               select id from requests
               where status = 'resolved' and resolved_at < now() - make_interval(days => $1)
                 and source = 'resident'
               order by resolved_at limit $2 for update skip locked),
           closed as (
               update requests r set status = 'closed', closed_at = now(), updated_at = now()
               from due where r.id = due.id
               returning r.id, r.unit_id),
           logged as (
               insert into request_events (request_id, kind, from_status, to_status, is_public, unit_id)
               select id, 'closed_unrated', 'resolved', 'closed', true, unit_id from closed)
           select count(*) as "n!" from closed"#,
        days,
        limit
    )
    .fetch_one(conn)
    .await?;
    Ok(u64::try_from(closed).unwrap_or(0))
}
