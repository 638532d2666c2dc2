//! The discussion under a consultation: comments with one level of replies, residents'
//! reports, and moderators hiding a comment with a reason. The migration
//! `20261129090000_consultation_discussion.sql` holds the one-level rule.

use crate::DbError;
use ids::{CommentId, ConsultationId, UserId};
use sqlx::types::chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A comment as the page shows it (the body is withheld once hidden).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentRow {
    pub id: CommentId,
    pub parent_id: Option<CommentId>,
    pub author_id: UserId,
    pub author_name: String,
    /// Written by staff, not a resident.
    pub by_staff: bool,
    /// `None` once hidden.
    pub body: Option<String>,
    pub created_at: DateTime<Utc>,
    pub hidden_reason: Option<String>,
    /// How many residents reported it.
    pub reports: i64,
    /// Whether user `viewer` reported it.
    pub reported_by_viewer: bool,
}

/// The comments of consultation `id`, each followed by its replies, oldest first; at most
/// `limit`. `viewer` (a user id) marks what they reported.
pub async fn comments(
    conn: &mut PgConnection,
    id: ConsultationId,
    viewer: Option<UserId>,
    limit: i64,
) -> Result<Vec<CommentRow>, DbError> {
    let rows = sqlx::query_as!(
        CommentRow,
        r#"select c.id, c.parent_id as "parent_id: CommentId", c.author_id, u.display_name as author_name,
                  u.role <> 'resident' as "by_staff!",
                  case when c.hidden_at is null then c.body end as body,
                  c.created_at as "created_at: DateTime<Utc>", c.hidden_reason,
                  (select count(*) from comment_reports r where r.comment_id = c.id) as "reports!",
                  exists (select 1 from comment_reports r
                          where r.comment_id = c.id and r.reporter_id = $2) as "reported_by_viewer!"
           from consultation_comments c join users u on u.id = c.author_id
           where c.consultation_id = $1
           order by coalesce(c.parent_id, c.id), c.id
           limit $3"#,
        id.0,
        viewer as Option<UserId>,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Adds a comment (`parent_id`: a reply to it) by user `author_id`; its id. Errors:
/// `Constraint` when the parent is a reply or another consultation's (the foreign key).
pub async fn add(
    conn: &mut PgConnection,
    id: ConsultationId,
    parent_id: Option<CommentId>,
    author_id: UserId,
    body: &str,
) -> Result<CommentId, DbError> {
    let comment = sqlx::query_scalar!(
        "insert into consultation_comments (consultation_id, parent_id, author_id, body)
         values ($1, $2, $3, $4) returning id",
        id.0,
        parent_id as Option<CommentId>,
        author_id.0,
        body
    )
    .fetch_one(conn)
    .await?;
    Ok(CommentId(comment))
}

/// A comment's consultation and author, with whether it is hidden; locked for a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentOwner {
    pub consultation_id: ConsultationId,
    pub author_id: UserId,
    pub hidden: bool,
}

/// Comment `comment_id`, locked until the transaction ends; `None` if there is none.
pub async fn lock(
    conn: &mut PgConnection,
    comment_id: CommentId,
) -> Result<Option<CommentOwner>, DbError> {
    let row = sqlx::query_as!(
        CommentOwner,
        r#"select consultation_id, author_id, hidden_at is not null as "hidden!"
           from consultation_comments where id = $1 for update"#,
        comment_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// User `reporter_id` reports comment `comment_id` (again: nothing changes).
pub async fn report(
    conn: &mut PgConnection,
    comment_id: CommentId,
    reporter_id: UserId,
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into comment_reports (comment_id, reporter_id) values ($1, $2)
         on conflict do nothing",
        comment_id.0,
        reporter_id.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Moderator `by` hides comment `comment_id`, saying why.
pub async fn hide(
    conn: &mut PgConnection,
    comment_id: CommentId,
    by: UserId,
    reason: &str,
) -> Result<(), DbError> {
    sqlx::query!(
        "update consultation_comments
         set hidden_at = now(), hidden_by = $2, hidden_reason = $3
         where id = $1 and hidden_at is null",
        comment_id.0,
        by.0,
        reason
    )
    .execute(conn)
    .await?;
    Ok(())
}
