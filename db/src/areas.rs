//! The area tree: the city, its districts, their streets and towns, their communities and
//! villages (administrative division codes as keys).

use crate::DbError;
use ids::AreaId;
use sqlx::PgConnection;

/// The code of the root of the tree, Beijing.
pub const CITY_CODE: &str = "110000";

/// One area, with its parent's code and how many areas lie directly below it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AreaRow {
    pub id: AreaId,
    pub code: String,
    pub level: String,
    pub name_zh: String,
    pub name_en: String,
    pub parent_code: Option<String>,
    pub children: i64,
}

/// The area with this division code. Errors: `NotFound`.
pub async fn by_code(conn: &mut PgConnection, code: &str) -> Result<AreaRow, DbError> {
    let row = sqlx::query_as!(
        AreaRow,
        r#"select a.id, a.code, a.level, a.name_zh, a.name_en, p.code as "parent_code?",
                  (select count(*) from areas c where c.parent_id = a.id) as "children!"
           from areas a left join areas p on p.id = a.parent_id
           where a.code = $1"#,
        code
    )
    .fetch_one(conn)
    .await?;
    Ok(row)
}

/// The code and level of area `id`. Errors: `NotFound`.
pub async fn code_and_level(
    conn: &mut PgConnection,
    id: AreaId,
) -> Result<(String, String), DbError> {
    let row = sqlx::query!("select code, level from areas where id = $1", id.0)
        .fetch_one(conn)
        .await?;
    Ok((row.code, row.level))
}

/// The names of area `id` (zh, en). Errors: `NotFound`.
pub async fn names(conn: &mut PgConnection, id: AreaId) -> Result<(String, String), DbError> {
    let row = sqlx::query!("select name_zh, name_en from areas where id = $1", id.0)
        .fetch_one(conn)
        .await?;
    Ok((row.name_zh, row.name_en))
}

/// The areas directly below `parent_id`, in code order.
pub async fn children(conn: &mut PgConnection, parent_id: AreaId) -> Result<Vec<AreaRow>, DbError> {
    let rows = sqlx::query_as!(
        AreaRow,
        r#"select a.id, a.code, a.level, a.name_zh, a.name_en, p.code as "parent_code?",
                  (select count(*) from areas c where c.parent_id = a.id) as "children!"
           from areas a join areas p on p.id = a.parent_id
           where a.parent_id = $1
           order by a.code"#,
        parent_id.0
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// The id of the community (level `community`) with this code, if there is one.
pub async fn community_id(conn: &mut PgConnection, code: &str) -> Result<Option<AreaId>, DbError> {
    let id = sqlx::query_scalar!(
        "select id from areas where code = $1 and level = 'community'",
        code
    )
    .fetch_optional(conn)
    .await?;
    Ok(id.map(AreaId))
}

/// The area with this code and those above it, from it up to (not including) the city.
pub async fn with_ancestors(conn: &mut PgConnection, code: &str) -> Result<Vec<AreaRow>, DbError> {
    let rows = sqlx::query_as!(
        AreaRow,
        r#"with recursive up (id, depth) as (
               select id, 0 from areas where code = $1
               union all
               select a.parent_id, up.depth + 1 from areas a join up on a.id = up.id
               where a.parent_id is not null)
           select a.id as "id!", a.code as "code!", a.level as "level!",
                  a.name_zh as "name_zh!", a.name_en as "name_en!", p.code as "parent_code?",
                  (select count(*) from areas c where c.parent_id = a.id) as "children!"
           from up join areas a on a.id = up.id left join areas p on p.id = a.parent_id
           where a.level <> 'city'
           order by up.depth"#,
        code
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}
