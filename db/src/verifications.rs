//! Residence verification: a resident asks to be verified in their home community; area staff
//! whose area contains it approve, reject or (later) revoke. The migration
//! `20261128110000_residence_verifications.sql` keeps one live verification per resident and
//! drops it when the resident moves.

use crate::{keys, DbError};
use ids::{AreaId, UserId, VerificationId};
use sqlx::types::chrono::{DateTime, Utc};
use sqlx::PgConnection;

/// Asks for resident `resident_id` to be verified in their home community at `address`; the
/// new verification's id, or `None` when they have a pending or approved one already (or are
/// not a resident with a home community).
pub async fn ask(
    conn: &mut PgConnection,
    resident_id: UserId,
    address: &str,
) -> Result<Option<VerificationId>, DbError> {
    // The account first, locked: a move home at the same moment either waits for this ask
    // (and its trigger then drops it) or goes first (and this reads the new community).
    sqlx::query_scalar!(
        "select id from users where id = $1 for share",
        resident_id.0
    )
    .fetch_optional(&mut *conn)
    .await?;
    let id = sqlx::query_scalar!(
        "insert into residence_verifications (resident_id, community_id, address)
         select id, home_community_id, $2 from users
         where id = $1 and role = 'resident' and home_community_id is not null
           and deleted_at is null
         on conflict (resident_id) where status in ('pending', 'approved') do nothing
         returning id",
        resident_id.0,
        address
    )
    .fetch_optional(conn)
    .await?;
    Ok(id.map(VerificationId))
}

/// A verification with its community's names and, for staff, its resident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerificationRow {
    pub id: VerificationId,
    pub status: String,
    pub address: String,
    pub reason: Option<String>,
    pub community_code: String,
    pub community_zh: String,
    pub community_en: String,
    pub street_zh: String,
    pub street_en: String,
    pub resident_name: String,
    pub resident_phone: String,
    pub created_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
}

/// Whose verifications to read.
#[derive(Debug, Clone, Copy)]
pub enum Which<'a> {
    /// A resident's, newest first.
    Resident(UserId),
    /// Those of `status` in the communities an area contains, oldest first.
    InArea {
        area_id: AreaId,
        status: &'a dyn keys::VerificationStatus,
    },
}

/// The verifications `which` names, at most `limit`.
pub async fn list(
    conn: &mut PgConnection,
    which: Which<'_>,
    limit: i64,
) -> Result<Vec<VerificationRow>, DbError> {
    let (resident, area, status) = match which {
        Which::Resident(id) => (Some(id), None, None),
        Which::InArea { area_id, status } => (None, Some(area_id), Some(status.key())),
    };
    let rows = sqlx::query_as!(
        VerificationRow,
        r#"select v.id, v.status, v.address, v.reason,
                  m.code as community_code, m.name_zh as community_zh, m.name_en as community_en,
                  s.name_zh as street_zh, s.name_en as street_en,
                  coalesce(u.display_name, '') as "resident_name!",
                  coalesce(u.phone, '') as "resident_phone!",
                  v.created_at as "created_at: DateTime<Utc>",
                  v.decided_at as "decided_at: DateTime<Utc>"
           from residence_verifications v
           join users u on u.id = v.resident_id
           join areas m on m.id = v.community_id
           join areas s on s.id = m.parent_id
           join areas d on d.id = s.parent_id
           where ($1::bigint is null or v.resident_id = $1)
             and ($2::bigint is null or (v.status = $3 and $2 in (m.id, s.id, d.id, d.parent_id)))
           order by case when $1::bigint is null then v.id else -v.id end
           limit $4"#,
        resident as Option<UserId>,
        area as Option<AreaId>,
        status,
        limit
    )
    .fetch_all(conn)
    .await?;
    Ok(rows)
}

/// A verification as a decision finds it, locked until the transaction ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decidable {
    pub status: String,
    pub resident_id: UserId,
    /// Area `area_id` (the deciding staff's) contains its community.
    pub in_area: bool,
}

/// Verification `id`, locked, as staff of area `area_id` would decide it.
pub async fn lock(
    conn: &mut PgConnection,
    id: VerificationId,
    area_id: AreaId,
) -> Result<Option<Decidable>, DbError> {
    let row = sqlx::query_as!(
        Decidable,
        r#"select status, resident_id, area_contains($2, community_id) as "in_area!"
           from residence_verifications where id = $1 for update"#,
        id.0,
        area_id.0
    )
    .fetch_optional(conn)
    .await?;
    Ok(row)
}

/// Records a decision on verification `id` (locked by `lock`): its new status, the reason
/// (required for `rejected` and `revoked`) and who decided.
pub async fn decide(
    conn: &mut PgConnection,
    id: VerificationId,
    status: &dyn keys::VerificationStatus,
    reason: Option<&str>,
    decided_by: UserId,
) -> Result<(), DbError> {
    sqlx::query!(
        "update residence_verifications
         set status = $2, reason = $3, decided_by = $4, decided_at = now()
         where id = $1",
        id.0,
        status.key(),
        reason,
        decided_by.0
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Whether resident `resident_id` is verified in a community area `area_id` contains.
pub async fn verified_in(
    conn: &mut PgConnection,
    resident_id: UserId,
    area_id: AreaId,
) -> Result<bool, DbError> {
    let verified = sqlx::query_scalar!(
        r#"select exists (
               select 1 from residence_verifications
               where resident_id = $1 and status = 'approved'
                 and area_contains($2, community_id)) as "verified!""#,
        resident_id.0,
        area_id.0
    )
    .fetch_one(conn)
    .await?;
    Ok(verified)
}

/// Puts a notification of `kind` (no request) into user `user_id`'s inbox, with `note`.
pub async fn notify(
    conn: &mut PgConnection,
    user_id: UserId,
    kind: &str,
    note: &str,
) -> Result<(), DbError> {
    sqlx::query!(
        "insert into notifications (user_id, kind, note) values ($1, $2, $3)",
        user_id.0,
        kind,
        note
    )
    .execute(conn)
    .await?;
    Ok(())
}
