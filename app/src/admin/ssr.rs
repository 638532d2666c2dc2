//! Server-only administration: applying a change (in the caller's transaction) and what the
//! admin page reads. Only admins get past `admin_only`.

use super::{
    AuditItem, CategoryItem, Change, DisabledItem, Hours, Overview, RuleItem, StaffItem, UnitItem,
};
use crate::accounts::{CurrentUser, Role};
use crate::admin::AdminRefusal;
use crate::error::AppError;
use crate::requests::Names;
use db::admin as q;
use ids::{AreaId, CategoryId, UnitId, UserId};

/// Errors: `Forbidden` unless `user` is an admin.
pub fn admin_only(user: &CurrentUser) -> Result<(), AppError> {
    if user.role == Role::Admin {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Applies `change` for `user`. Errors: `Forbidden` (not an admin); `Invalid` for codes that
/// name nothing (`area`, `category`, `unit`: unknown), `phone` (resident: the number is a
/// resident's), `password` (required for a new account), `role` (own: an admin cannot take
/// away their own role).
///
/// `password_hash` is the hash of a staff change's password, made before the transaction.
/// Every change is kept in the audit log, in the same transaction. Disabling refuses `phone`
/// (unknown: no account; own: an admin cannot disable themselves).
pub async fn apply(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
    change: &Change,
    password_hash: Option<&str>,
) -> Result<(), AppError> {
    admin_only(user)?;
    match change {
        Change::Unit {
            code,
            kind,
            names,
            area,
        } => {
            // One hotline centre, the dispatchers': no second one, and it stays what it is.
            let was = q::unit_kind(conn, code).await?;
            let hotline = |k: &str| k == crate::requests::UnitKind::HotlineCentre.as_str();
            if hotline(kind) != was.as_deref().is_some_and(hotline) {
                return Err(AdminRefusal::KindHotline.into());
            }
            q::save_unit(conn, code, kind, &names.zh, &names.en, area)
                .await?
                .ok_or_else(|| AppError::from(AdminRefusal::AreaUnknown))?;
        }
        Change::Category {
            category,
            hours,
            default_unit,
        } => {
            let id = q::set_hours(conn, category, db_hours(*hours))
                .await?
                .ok_or_else(|| AppError::from(crate::requests::RequestRefusal::CategoryUnknown))?;
            match default_unit {
                Some(unit) => {
                    let unit = rule_target(conn, unit).await?;
                    q::save_rule(conn, id, None, unit).await?;
                }
                None => {
                    q::remove_rule(conn, id, None).await?;
                }
            }
        }
        Change::Rule {
            category,
            area,
            unit,
        } => {
            let category = category_id(conn, category).await?;
            let area = area_id(conn, area).await?;
            let unit = rule_target(conn, unit).await?;
            q::save_rule(conn, category, Some(area), unit).await?;
        }
        Change::RemoveRule { category, area } => {
            let category = category_id(conn, category).await?;
            let area = area_id(conn, area).await?;
            if !q::remove_rule(conn, category, Some(area)).await? {
                return Err(AppError::from(AdminRefusal::RuleUnknown));
            }
        }
        Change::Staff {
            phone,
            display_name,
            role,
            unit,
            area,
            password,
        } => {
            db::accounts::lock_phone(conn, phone.as_str()).await?;
            let existing = db::accounts::by_phone(conn, phone.as_str()).await?;
            if existing.as_ref().is_some_and(|u| u.id == user.id) && *role != Role::Admin {
                return Err(AppError::from(AdminRefusal::RoleOwn));
            }
            if existing
                .as_ref()
                .is_some_and(|u| u.role == Role::Resident.as_str())
            {
                return Err(AppError::from(AdminRefusal::PhoneResident));
            }
            if existing.is_none() && password.is_none() {
                return Err(AppError::from(AdminRefusal::PasswordRequired));
            }
            if password.is_some() != password_hash.is_some() {
                return Err(AppError::Internal); // the caller hashes the password it was given
            }
            let unit_id = match unit {
                Some(code) => Some(unit_id(conn, code).await?),
                None => None,
            };
            let scope_area_id = match area {
                Some(code) => Some(area_id(conn, code).await?),
                None => None,
            };
            let account = q::StaffAccount {
                phone: phone.as_str(),
                display_name,
                role,
                unit_id,
                scope_area_id,
                password_hash,
            };
            match existing {
                None => q::create_staff(conn, &account).await?,
                Some(_) => {
                    if !q::update_staff(conn, &account).await? {
                        return Err(AppError::from(AdminRefusal::PhoneResident));
                    }
                }
            }
        }
        Change::Disable { phone, reason } => {
            let account = account_of(conn, phone, user).await?;
            db::accounts::disable(conn, account, reason).await?;
        }
        Change::Enable { phone } => {
            let account = account_of(conn, phone, user).await?;
            db::accounts::enable(conn, account).await?;
        }
    }
    let (subject, detail) = change.audit_record();
    q::audit(conn, user.id, change.name(), &subject, &detail).await?;
    Ok(())
}

/// The id of the account with `phone`, not `admin`'s own. Errors: `Invalid { field: "phone" }`
/// (unknown, own).
async fn account_of(
    conn: &mut db::PgConnection,
    phone: &crate::accounts::Phone,
    admin: &CurrentUser,
) -> Result<UserId, AppError> {
    let account = db::accounts::by_phone(conn, phone.as_str())
        .await?
        .ok_or_else(|| AppError::from(AdminRefusal::PhoneUnknown))?;
    if account.id == admin.id {
        return Err(AppError::from(AdminRefusal::PhoneOwn));
    }
    Ok(account.id)
}

fn db_hours(h: Hours) -> q::Hours {
    q::Hours {
        respond: h.respond,
        resolve: h.resolve,
        urgent_respond: h.urgent_respond,
        urgent_resolve: h.urgent_resolve,
    }
}

async fn category_id(conn: &mut db::PgConnection, code: &str) -> Result<CategoryId, AppError> {
    db::requests::category(conn, code)
        .await?
        .map(|c| c.id)
        .ok_or_else(|| AppError::from(crate::requests::RequestRefusal::CategoryUnknown))
}

async fn area_id(conn: &mut db::PgConnection, code: &str) -> Result<AreaId, AppError> {
    match db::areas::by_code(conn, code).await {
        Ok(area) => Ok(area.id),
        Err(db::DbError::NotFound) => Err(AppError::from(AdminRefusal::AreaUnknown)),
        Err(other) => Err(other.into()),
    }
}

async fn unit_id(conn: &mut db::PgConnection, code: &str) -> Result<UnitId, AppError> {
    db::handling::unit_id(conn, code)
        .await?
        .ok_or_else(|| AppError::from(AdminRefusal::UnitUnknown))
}

/// Where a routing rule sends requests: the unit with code `code`, or `None` for
/// `OWN_COMMUNITY` (the committee of each request's own community).
async fn rule_target(conn: &mut db::PgConnection, code: &str) -> Result<Option<UnitId>, AppError> {
    if code == crate::admin::OWN_COMMUNITY {
        return Ok(None);
    }
    unit_id(conn, code).await.map(Some)
}

/// Everything the admin page shows. Errors: `Forbidden` (not an admin).
pub async fn overview(
    conn: &mut db::PgConnection,
    user: &CurrentUser,
) -> Result<Overview, AppError> {
    admin_only(user)?;
    let units = q::units(conn)
        .await?
        .into_iter()
        .map(|u| UnitItem {
            code: u.code,
            kind: u.kind,
            name: Names {
                zh: u.name_zh,
                en: u.name_en,
            },
            area_code: u.area_code,
            area: Names {
                zh: u.area_zh,
                en: u.area_en,
            },
        })
        .collect();
    let categories = q::categories(conn, crate::admin::OWN_COMMUNITY)
        .await?
        .into_iter()
        .map(|c| CategoryItem {
            code: c.code,
            parent_code: c.parent_code,
            name: Names {
                zh: c.name_zh,
                en: c.name_en,
            },
            hours: Hours {
                respond: c.respond_hours,
                resolve: c.resolve_hours,
                urgent_respond: c.urgent_respond_hours,
                urgent_resolve: c.urgent_resolve_hours,
            },
            default_unit: c
                .unit_code
                .zip(c.unit_zh.zip(c.unit_en))
                .map(|(code, (zh, en))| (code, Names { zh, en })),
        })
        .collect();
    let rules = q::rules(conn)
        .await?
        .into_iter()
        .map(|r| RuleItem {
            category_code: r.category_code,
            category: Names {
                zh: r.category_zh,
                en: r.category_en,
            },
            area_code: r.area_code,
            area: Names {
                zh: r.area_zh,
                en: r.area_en,
            },
            unit: Names {
                zh: r.unit_zh,
                en: r.unit_en,
            },
        })
        .collect();
    let staff = q::staff(conn)
        .await?
        .into_iter()
        .filter_map(|s| {
            Some(StaffItem {
                phone: s.phone,
                display_name: s.display_name,
                role: Role::parse(&s.role)?,
                place: s.place_zh.zip(s.place_en).map(|(zh, en)| Names { zh, en }),
                place_code: s.place_code,
            })
        })
        .collect();
    let disabled = q::disabled_accounts(conn)
        .await?
        .into_iter()
        .filter_map(|d| {
            Some(DisabledItem {
                phone: d.phone?,
                display_name: d.display_name,
                role: Role::parse(&d.role)?,
                reason: d.reason,
                since: crate::time::minute(d.disabled_at.timestamp()),
            })
        })
        .collect();
    let audit = q::audit_log(conn, super::AUDIT_SHOWN)
        .await?
        .into_iter()
        .map(|a| AuditItem {
            at: crate::time::minute(a.created_at.timestamp()),
            admin: format!("{} ({})", a.admin_name, a.admin_phone.unwrap_or_default()),
            action: a.action,
            subject: a.subject,
            detail: a.detail,
        })
        .collect();
    Ok(Overview {
        disabled,
        audit,
        units,
        categories,
        rules,
        staff,
    })
}
