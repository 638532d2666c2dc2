//! Administration: units, the categories' deadlines, routing rules and staff accounts, as the
//! admin page reads and changes them. Codes are checked here (`None`/`false` for one that
//! does not exist), so the caller can say which field was wrong.

use crate::{keys, DbError};
use ids::{AreaId, CategoryId, UnitId, UserId};
use sqlx::types::chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// A unit with the area it answers for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub code: String,
    pub kind: String,
    pub name_zh: String,
    pub name_en: String,
    pub area_code: String,
    pub area_zh: String,
    pub area_en: String,
}

/// Every unit but the communities' committees (one per community, made with it): the city's
/// first, then by kind and code.
pub async fn units(conn: &mut PgConnection) -> Result<Vec<UnitRow>, DbError> {
    let rows = sqlx::query_as!(
        UnitRow,
        "select u.code, u.kind, u.name_zh, u.name_en,
                a.code as area_code, a.name_zh as area_zh, a.name_en as area_en
         from units u join areas a on a.id = u.area_id
         where u.kind <> 'community'
         order by a.parent_id nulls first, u.kind, u.code"
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// Creates the unit `code`, or changes its kind, names and area. Returns `None` when no area
/// has `area_code`, otherwise whether it was created.
/// The kind of the unit with this code, if there is one.
pub async fn unit_kind(conn: &mut PgConnection, code: &str) -> Result<Option<String>, DbError> {
    let kind = sqlx::query_scalar!("select kind from units where code = $1", code)
        .fetch_optional(conn)
        .await?;
    Ok(kind)
}

pub async fn save_unit(
    conn: &mut PgConnection,
    code: &str,
    kind: &str,
    name_zh: &str,
    name_en: &str,
    area_code: &str,
) -> Result<Option<bool>, DbError> {
    let created = sqlx::query_scalar!(
        r#"insert into units (code, kind, name_zh, name_en, area_id)
           select $1, $2, $3, $4, id from areas where code = $5
           on conflict (code) do update
              set kind = excluded.kind, name_zh = excluded.name_zh,
                  name_en = excluded.name_en, area_id = excluded.area_id
           returning (xmax = 0) as "created!""#,
        code,
        kind,
        name_zh,
        name_en,
        area_code
    )
    .fetch_optional(conn)
    .await?;
    Ok(created)
}

/// A category with its deadlines and the unit of its rule for anywhere (its default unit).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryRow {
    pub code: String,
    pub parent_code: Option<String>,
    pub name_zh: String,
    pub name_en: String,
    pub respond_hours: i32,
    pub resolve_hours: i32,
    pub urgent_respond_hours: i32,
    pub urgent_resolve_hours: i32,
    pub unit_code: Option<String>,
    pub unit_zh: Option<String>,
    pub unit_en: Option<String>,
}

/// Every category, each group followed by its members. A rule sending the category to the
/// committee of each request's own community names `own_community` as its unit's code.
pub async fn categories(
    conn: &mut PgConnection,
    own_community: &str,
) -> Result<Vec<CategoryRow>, DbError> {
    let rows = sqlx::query_as!(
        CategoryRow,
        r#"select c.code, p.code as "parent_code?", c.name_zh, c.name_en,
                  c.respond_hours, c.resolve_hours, c.urgent_respond_hours, c.urgent_resolve_hours,
                  coalesce(u.code, case when r.to_community then $1 end) as "unit_code?",
                  coalesce(u.name_zh, case when r.to_community then '所在社区居（村）委会' end) as "unit_zh?",
                  coalesce(u.name_en, case when r.to_community then 'The committee of its community' end) as "unit_en?"
           from categories c
           left join categories p on p.id = c.parent_id
           left join routing_rules r on r.category_id = c.id and r.area_id is null
           left join units u on u.id = r.unit_id
           order by coalesce(p.code, c.code), p.code nulls first, c.code"#,
        own_community
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A category's deadlines, in hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hours {
    pub respond: i32,
    pub resolve: i32,
    pub urgent_respond: i32,
    pub urgent_resolve: i32,
}

/// Sets the deadlines of category `code` (requests filed from now on get them); its id, or
/// `None` when no category has the code.
pub async fn set_hours(
    conn: &mut PgConnection,
    code: &str,
    hours: Hours,
) -> Result<Option<CategoryId>, DbError> {
    let id = sqlx::query_scalar!(
        r#"update categories
         set respond_hours = $2, resolve_hours = $3,
             urgent_respond_hours = $4, urgent_resolve_hours = $5
         where code = $1
         returning id as "id: CategoryId""#,
        code,
        hours.respond,
        hours.resolve,
        hours.urgent_respond,
        hours.urgent_resolve
    )
    .fetch_optional(conn)
    .await?;
    Ok(id)
}

/// Sends requests of category `category_id` in area `area_id` (`None`: anywhere) to unit
/// `unit_id` (`None`: the committee of each request's own community), replacing the rule for
/// the same category and area.
pub async fn save_rule(
    conn: &mut PgConnection,
    category_id: CategoryId,
    area_id: Option<AreaId>,
    unit_id: Option<UnitId>,
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into routing_rules (category_id, area_id, unit_id, to_community)
         values ($1, $2, $3, $3::bigint is null)
         on conflict on constraint routing_rules_category_area_key
         do update set unit_id = excluded.unit_id, to_community = excluded.to_community",
        category_id.0,
        area_id as Option<AreaId>,
        unit_id as Option<UnitId>
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes the rule for this category and area (`None`: anywhere); whether there was one.
/// Requests it proposed a unit for keep the unit.
pub async fn remove_rule(
    conn: &mut PgConnection,
    category_id: CategoryId,
    area_id: Option<AreaId>,
) -> Result<bool, DbError> {
    let done = sqlx::query!(
        "delete from routing_rules
         where category_id = $1 and area_id is not distinct from $2",
        category_id.0,
        area_id as Option<AreaId>
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// A routing rule for one area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleRow {
    pub category_code: String,
    pub category_zh: String,
    pub category_en: String,
    pub area_code: String,
    pub area_zh: String,
    pub area_en: String,
    pub unit_zh: String,
    pub unit_en: String,
}

/// Every rule for an area (the rules for anywhere are the categories' default units).
pub async fn rules(conn: &mut PgConnection) -> Result<Vec<RuleRow>, DbError> {
    let rows = sqlx::query_as!(
        RuleRow,
        r#"select c.code as category_code, c.name_zh as category_zh, c.name_en as category_en,
                a.code as area_code, a.name_zh as area_zh, a.name_en as area_en,
                coalesce(u.name_zh, '所在社区居（村）委会') as "unit_zh!",
                coalesce(u.name_en, 'The committee of its community') as "unit_en!"
         from routing_rules r
         join categories c on c.id = r.category_id
         join areas a on a.id = r.area_id
         left join units u on u.id = r.unit_id
         order by c.code, a.code"#
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A staff account, with its handler's unit or area staff member's area.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRow {
    pub phone: String,
    pub display_name: String,
    pub role: String,
    pub place_code: Option<String>,
    pub place_zh: Option<String>,
    pub place_en: Option<String>,
}

/// Every staff account, by role and name.
pub async fn staff(conn: &mut PgConnection) -> Result<Vec<StaffRow>, DbError> {
    let rows = sqlx::query_as!(
        StaffRow,
        r#"select s.phone as "phone!", s.display_name, s.role,
                  coalesce(u.code, a.code) as place_code,
                  coalesce(u.name_zh, a.name_zh) as place_zh,
                  coalesce(u.name_en, a.name_en) as place_en
           from users s
           left join units u on u.id = s.unit_id
           left join areas a on a.id = s.scope_area_id
           where s.role <> 'resident' and s.phone is not null
           order by s.role, s.display_name, s.id"#
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A staff account to create or change.
pub struct StaffAccount<'a> {
    pub phone: &'a str,
    pub display_name: &'a str,
    pub role: &'a dyn keys::Role,
    pub unit_id: Option<UnitId>,
    pub scope_area_id: Option<AreaId>,
    /// A new password's hash (`None`: keep it). A new password ends the account's sessions.
    pub password_hash: Option<&'a str>,
}

/// Creates the staff account (its password hash is required). Errors: `Conflict {
/// users_phone_key }` when the number has an account.
pub async fn create_staff(
    conn: &mut PgConnection,
    account: &StaffAccount<'_>,
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into users (phone, display_name, role, unit_id, scope_area_id, password_hash)
         values ($1, $2, $3, $4, $5, $6)",
        account.phone,
        account.display_name,
        account.role.key(),
        account.unit_id as Option<UnitId>,
        account.scope_area_id as Option<AreaId>,
        account.password_hash
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Changes the staff account with this number: name, role, unit, area, and its password when
/// a hash is given. Returns `false` when no staff account has the number (a resident's, or
/// none).
pub async fn update_staff(
    conn: &mut PgConnection,
    account: &StaffAccount<'_>,
) -> Result<bool, DbError> {
    let done = sqlx::query!(
        "update users
         set display_name = $2, role = $3, unit_id = $4, scope_area_id = $5,
             password_hash = coalesce($6, password_hash),
             password_version = password_version + case when $6::text is null then 0 else 1 end
         where phone = $1 and role <> 'resident'",
        account.phone,
        account.display_name,
        account.role.key(),
        account.unit_id as Option<UnitId>,
        account.scope_area_id as Option<AreaId>,
        account.password_hash
    )
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Keeps what admin `admin_id` did: `action` (the change's name), its `subject` (a code or a
/// number) and a `detail` (never a password). In the change's own transaction.
pub async fn audit(
    conn: &mut PgConnection,
    admin_id: UserId,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into admin_audit (admin_id, action, subject, detail) values ($1, $2, $3, $4)",
        admin_id.0,
        action,
        subject,
        detail
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// One entry of the admins' audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub created_at: DateTime<Utc>,
    pub admin_name: String,
    pub admin_phone: Option<String>,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// The newest `limit` entries of the audit log, newest first.
pub async fn audit_log(conn: &mut PgConnection, limit: i64) -> Result<Vec<AuditRow>, DbError> {
    let rows = sqlx::query_as!(
        AuditRow,
        r#"select a.created_at as "created_at: DateTime<Utc>",
                  u.display_name as admin_name, u.phone as admin_phone,
                  a.action, a.subject, a.detail
           from admin_audit a join users u on u.id = a.admin_id
           order by a.created_at desc, a.id desc
           limit $1"#,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// An account an admin disabled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisabledRow {
    pub phone: Option<String>,
    pub display_name: String,
    pub role: String,
    pub reason: String,
    pub disabled_at: DateTime<Utc>,
}

/// Every disabled account, most recently disabled first.
pub async fn disabled_accounts(conn: &mut PgConnection) -> Result<Vec<DisabledRow>, DbError> {
    let rows = sqlx::query_as!(
        DisabledRow,
        r#"select phone, display_name, role, disabled_reason as "reason!",
                  disabled_at as "disabled_at!: DateTime<Utc>"
           from users where disabled_at is not null and deleted_at is null
           order by disabled_at desc"#
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}
