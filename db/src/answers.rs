//! The hotline's library of standard answers (标准答复库): reading it (all of it for the admins,
//! what fits a request's category for a dispatcher), saving and removing an entry.

use crate::DbError;
use ids::{RequestId, StandardAnswerId, UserId};
use sqlx::types::chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A standard answer with the categories it answers (none: any).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswerRow {
    pub id: StandardAnswerId,
    pub title: String,
    pub body: String,
    pub category_codes: Vec<String>,
    pub category_zh: Vec<String>,
    pub category_en: Vec<String>,
    pub updated_at: DateTime<Utc>,
}

/// Every standard answer, by title.
pub async fn all(conn: &mut PgConnection) -> Result<Vec<AnswerRow>, DbError> {
    let rows = sqlx::query_as!(
        AnswerRow,
        r#"select a.id, a.title, a.body,
                  coalesce(array_agg(c.code order by c.code) filter (where c.id is not null), '{}') as "category_codes!",
                  coalesce(array_agg(c.name_zh order by c.code) filter (where c.id is not null), '{}') as "category_zh!",
                  coalesce(array_agg(c.name_en order by c.code) filter (where c.id is not null), '{}') as "category_en!",
                  a.updated_at as "updated_at: DateTime<Utc>"
           from standard_answers a
           left join standard_answer_categories ac on ac.answer_id = a.id
           left join categories c on c.id = ac.category_id
           group by a.id
           order by a.title, a.id"#
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The standard answers for request `request_id`: those naming its category or the
/// category's parent first, then those for any category; at most `limit`.
pub async fn for_request(
    conn: &mut PgConnection,
    request_id: RequestId,
    limit: i64,
) -> Result<Vec<(StandardAnswerId, String, String)>, DbError> {
    let rows = sqlx::query!(
        r#"with its as (
               select c.id, c.parent_id from requests r join categories c on c.id = r.category_id
               where r.id = $1)
           select a.id, a.title, a.body
           from standard_answers a
           cross join lateral (
               select count(*) filter (where ac.category_id in (
                          select id from its union all select parent_id from its)) as fits,
                      count(*) as named
               from standard_answer_categories ac where ac.answer_id = a.id
           ) f
           where f.fits > 0 or f.named = 0
           order by f.fits = 0, a.title, a.id
           limit $2"#,
        request_id.0,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| (StandardAnswerId(r.id), r.title, r.body))
        .collect())
}

/// A standard answer as an admin saves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft<'a> {
    /// `None`: a new one.
    pub id: Option<StandardAnswerId>,
    pub title: &'a str,
    pub body: &'a str,
    pub category_codes: &'a [String],
}

/// What saving a standard answer came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Saved(StandardAnswerId),
    /// No standard answer has the draft's id.
    NotFound,
    /// A category code names no category.
    UnknownCategory,
}

/// Creates or replaces a standard answer with its categories, in the caller's transaction.
pub async fn save(
    conn: &mut PgConnection,
    draft: &Draft<'_>,
    by: UserId,
) -> Result<Saved, DbError> {
    let categories = sqlx::query_scalar!(
        "select id from categories where code = any($1)",
        draft.category_codes
    )
    .fetch_all(&mut *conn)
    .await?;
    if categories.len() != draft.category_codes.len() {
        return Ok(Saved::UnknownCategory);
    }
    let id = match draft.id {
        Some(id) => {
            sqlx::query_scalar!(
            "update standard_answers set title = $2, body = $3, updated_by = $4, updated_at = now()
                 where id = $1 returning id",
            id.0,
            draft.title,
            draft.body,
            by.0
        )
            .fetch_optional(&mut *conn)
            .await?
        }
        None => Some(
            sqlx::query_scalar!(
                "insert into standard_answers (title, body, updated_by) values ($1, $2, $3)
                 returning id",
                draft.title,
                draft.body,
                by.0
            )
            .fetch_one(&mut *conn)
            .await?,
        ),
    };
    let Some(id) = id else {
        return Ok(Saved::NotFound);
    };
    sqlx::query!(
        "delete from standard_answer_categories where answer_id = $1",
        id
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "insert into standard_answer_categories (answer_id, category_id)
         select $1, unnest($2::bigint[])",
        id,
        &categories
    )
    .execute(&mut *conn)
    .await?;
    Ok(Saved::Saved(StandardAnswerId(id)))
}

/// Removes a standard answer; whether there was one. Requests answered from it keep their
/// own copy of the text.
pub async fn remove(conn: &mut PgConnection, id: StandardAnswerId) -> Result<bool, DbError> {
    let removed = sqlx::query!("delete from standard_answers where id = $1", id.0)
        .execute(conn)
        .await?;
    Ok(removed.rows_affected() > 0)
}
