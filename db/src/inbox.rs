//! The in-app inbox: a user's notifications (written by the handling steps and the deadline
//! worker, see `handling::notify`), how many are unread, and marking them read.

use crate::DbError;
use ids::UserId;
use sqlx::types::chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// The channel a new notification is announced on (its payload: the recipient's id).
pub const CHANNEL: &str = "jiesu_inbox";

/// How many of user `user_id`'s notifications are unread.
pub async fn unread(conn: &mut PgConnection, user_id: UserId) -> Result<i64, DbError> {
    let n = sqlx::query_scalar!(
        r#"select count(*) as "n!" from notifications where user_id = $1 and read_at is null"#,
        user_id.0
    )
    .fetch_one(conn)
    .await?;
    Ok(n)
}

/// A notification, with the request it is about (its number, community and category).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotificationRow {
    pub id: i64,
    pub kind: String,
    pub note: String,
    pub tracking_number: Option<String>,
    pub community_zh: Option<String>,
    pub community_en: Option<String>,
    pub category_zh: Option<String>,
    pub category_en: Option<String>,
    pub created_at: DateTime<Utc>,
    pub read: bool,
}

/// User `user_id`'s notifications, newest first, older than `before` (an id) when given.
pub async fn list(
    conn: &mut PgConnection,
    user_id: UserId,
    before: Option<i64>,
    limit: i64,
) -> Result<Vec<NotificationRow>, DbError> {
    let rows = sqlx::query_as!(
        NotificationRow,
        r#"select n.id, n.kind, n.note, r.tracking_number as "tracking_number?",
                  m.name_zh as "community_zh?", m.name_en as "community_en?",
                  c.name_zh as "category_zh?", c.name_en as "category_en?",
                  n.created_at as "created_at: DateTime<Utc>", n.read_at is not null as "read!"
           from notifications n
           left join requests r on r.id = n.request_id
           left join areas m on m.id = r.community_id
           left join categories c on c.id = r.category_id
           where n.user_id = $1 and ($2::bigint is null or n.id < $2)
           order by n.id desc limit $3"#,
        user_id.0,
        before,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Marks every unread notification of user `user_id` read; how many it marked.
pub async fn mark_all_read(conn: &mut PgConnection, user_id: UserId) -> Result<u64, DbError> {
    let done = sqlx::query!(
        "update notifications set read_at = now() where user_id = $1 and read_at is null",
        user_id.0
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}
