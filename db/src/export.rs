//! Everything kept about one resident beyond their account and requests, for "download my
//! data": ratings, residence verifications, ballots, comments, reports, their own notes on
//! requests and their notifications.

use crate::DbError;
use ids::{CommentId, ConsultationId, UserId};
use sqlx::types::chrono::{DateTime, Utc};
use sqlx::PgConnection;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingRow {
    pub tracking_number: String,
    pub round: i32,
    pub outcome: String,
    pub satisfaction: i16,
    pub reasons: Vec<String>,
    pub comment: String,
    pub created_at: DateTime<Utc>,
}

pub async fn ratings(conn: &mut PgConnection, resident: UserId) -> Result<Vec<RatingRow>, DbError> {
    Ok(sqlx::query_as!(
        RatingRow,
        r#"select r.tracking_number, g.round, g.outcome, g.satisfaction, g.reasons, g.comment,
                  g.created_at as "created_at: DateTime<Utc>"
           from ratings g join requests r on r.id = g.request_id
           where g.resident_id = $1 order by g.id"#,
        resident.0
    )
    .fetch_all(conn)
    .await?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationRow {
    pub community_code: String,
    pub address: String,
    pub status: String,
    pub reason: Option<String>,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

pub async fn verifications(
    conn: &mut PgConnection,
    resident: UserId,
) -> Result<Vec<VerificationRow>, DbError> {
    Ok(sqlx::query_as!(
        VerificationRow,
        r#"select a.code as community_code, v.address, v.status, v.reason,
                  v.created_at as "created_at: DateTime<Utc>",
                  v.decided_at as "decided_at: DateTime<Utc>"
           from residence_verifications v join areas a on a.id = v.community_id
           where v.resident_id = $1 order by v.id"#,
        resident.0
    )
    .fetch_all(conn)
    .await?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotRow {
    pub consultation_id: ConsultationId,
    pub title: String,
    pub choices: Vec<String>,
    pub cast_at: DateTime<Utc>,
    pub changed_at: DateTime<Utc>,
}

pub async fn ballots(conn: &mut PgConnection, resident: UserId) -> Result<Vec<BallotRow>, DbError> {
    Ok(sqlx::query_as!(
        BallotRow,
        r#"select b.consultation_id, c.title,
                  array(select o.label from ballot_choices x
                        join consultation_options o
                          on o.consultation_id = x.consultation_id and o.id = x.option_id
                        where x.consultation_id = b.consultation_id and x.resident_id = b.resident_id
                        order by o.position) as "choices!",
                  b.cast_at as "cast_at: DateTime<Utc>",
                  b.changed_at as "changed_at: DateTime<Utc>"
           from ballots b join consultations c on c.id = b.consultation_id
           where b.resident_id = $1 order by b.cast_at"#,
        resident.0
    )
    .fetch_all(conn)
    .await?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    pub id: CommentId,
    pub consultation_id: ConsultationId,
    pub parent_id: Option<CommentId>,
    pub body: String,
    pub hidden_reason: Option<String>,
    pub created_at: DateTime<Utc>,
}

pub async fn comments(
    conn: &mut PgConnection,
    resident: UserId,
) -> Result<Vec<CommentRow>, DbError> {
    Ok(sqlx::query_as!(
        CommentRow,
        r#"select id, consultation_id, parent_id as "parent_id: CommentId", body, hidden_reason,
                  created_at as "created_at: DateTime<Utc>"
           from consultation_comments where author_id = $1 order by id"#,
        resident.0
    )
    .fetch_all(conn)
    .await?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub comment_id: CommentId,
    pub consultation_id: ConsultationId,
    pub created_at: DateTime<Utc>,
}

pub async fn reports(conn: &mut PgConnection, resident: UserId) -> Result<Vec<ReportRow>, DbError> {
    Ok(sqlx::query_as!(
        ReportRow,
        r#"select r.comment_id, c.consultation_id, r.created_at as "created_at: DateTime<Utc>"
           from comment_reports r join consultation_comments c on c.id = r.comment_id
           where r.reporter_id = $1 order by r.created_at"#,
        resident.0
    )
    .fetch_all(conn)
    .await?)
}

/// What the resident did on requests (added information, withdrew, reopened…), with notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteRow {
    pub tracking_number: String,
    pub kind: String,
    pub note: String,
    pub created_at: DateTime<Utc>,
}

pub async fn notes(conn: &mut PgConnection, resident: UserId) -> Result<Vec<NoteRow>, DbError> {
    Ok(sqlx::query_as!(
        NoteRow,
        r#"select r.tracking_number, e.kind, e.note, e.created_at as "created_at: DateTime<Utc>"
           from request_events e join requests r on r.id = e.request_id
           where e.actor_id = $1 order by e.id"#,
        resident.0
    )
    .fetch_all(conn)
    .await?)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRow {
    pub kind: String,
    pub tracking_number: Option<String>,
    pub note: String,
    pub read: bool,
    pub created_at: DateTime<Utc>,
}

pub async fn notifications(
    conn: &mut PgConnection,
    resident: UserId,
) -> Result<Vec<NotificationRow>, DbError> {
    Ok(sqlx::query_as!(
        NotificationRow,
        r#"select n.kind, r.tracking_number as "tracking_number?", n.note,
                  n.read_at is not null as "read!", n.created_at as "created_at: DateTime<Utc>"
           from notifications n left join requests r on r.id = n.request_id
           where n.user_id = $1 order by n.id"#,
        resident.0
    )
    .fetch_all(conn)
    .await?)
}
