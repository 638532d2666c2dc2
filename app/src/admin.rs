//! Administration: the units, the categories' deadlines and default units, the routing rules
//! and the staff accounts (nobody registers as staff). An admin form is parsed into a
//! `Change` by `Change::parse`, in the browser and again on the server, and applied in one
//! transaction; only admins may read or change any of it.

pub mod api;
pub mod forms;
pub mod page;
mod sections;
pub mod texts;
pub use texts::{AdminRefusal, AdminTexts};
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::accounts::{new_password, parse_display_name, Phone, Role, PASSWORD_LIMITS};
use crate::error::AppError;
use crate::fields::list_code;
use crate::requests::Names;
use serde::{Deserialize, Serialize};
use AdminRefusal as R;

/// Where a unit's code would stand in a routing rule: send the requests to the committee
/// (居委会 / 村委会) of each one's own community.
pub const OWN_COMMUNITY: &str = "community:own";

/// The kinds of unit, in the order the form lists them.
pub const UNIT_KINDS: [&str; 5] = [
    "hotline_centre",
    "department",
    "district",
    "street",
    "utility",
];

/// The name of an administrative change for people, in `locale`.
pub fn change_label(key: &str, locale: crate::i18n::Locale) -> Option<&'static str> {
    Some(locale.pick(match key {
        "staff" => ("保存账号", "Save staff account"),
        "category" => ("保存类别", "Save category"),
        "rule" => ("保存规则", "Save rule"),
        "remove_rule" => ("删除规则", "Remove rule"),
        "unit" => ("保存单位", "Save unit"),
        "disable" => ("停用账号", "Disable account"),
        "enable" => ("恢复账号", "Enable account"),
        _ => return None,
    }))
}

/// The name of a kind of unit for people, in `locale`.
pub fn unit_kind_label(key: &str, locale: crate::i18n::Locale) -> Option<&'static str> {
    Some(locale.pick(match key {
        "hotline_centre" => ("热线中心", "Hotline centre"),
        "department" => ("市级部门", "City department"),
        "district" => ("区政府", "District government"),
        "street" => ("街道（乡镇）", "Street or town office"),
        "utility" => ("公共服务企业", "Utility"),
        _ => return None,
    }))
}

/// The roles an admin gives a staff account, in the order the form lists them.
pub const STAFF_ROLES: [Role; 4] = [
    Role::Dispatcher,
    Role::Handler,
    Role::AreaStaff,
    Role::Admin,
];

/// The name of a staff role as the admin page gives it, in `locale`.
pub fn staff_role_label(role: Role, locale: crate::i18n::Locale) -> &'static str {
    match role {
        Role::Dispatcher => locale.pick(("派单员（12345 中心）", "Dispatcher (12345 centre)")),
        Role::Handler => locale.pick(("承办人员", "Handler (unit)")),
        Role::AreaStaff => locale.pick(("区域工作人员", "Area staff")),
        Role::Admin => locale.pick(("系统管理员", "Administrator")),
        Role::Resident => role.label(locale),
    }
}

/// The longest deadline, in hours (a year).
pub const MAX_HOURS: i32 = 8760;

/// The longest unit name, in characters.
pub const MAX_NAME: usize = 100;

/// A category's deadlines, in hours: normal and urgent, to respond and to resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hours {
    pub respond: i32,
    pub resolve: i32,
    pub urgent_respond: i32,
    pub urgent_resolve: i32,
}

impl Hours {
    /// Errors: `Invalid { field: "hours", reason: "invalid" }` unless each is a whole number
    /// of hours from 1 to `MAX_HOURS`, resolving takes no less than responding, and urgent
    /// deadlines are no longer than normal ones (the `categories_hours_check` constraint).
    pub fn parse(
        respond: &str,
        resolve: &str,
        urgent_respond: &str,
        urgent_resolve: &str,
    ) -> Result<Hours, AppError> {
        let hours = |s: &str| {
            s.trim()
                .parse::<i32>()
                .ok()
                .filter(|h| (1..=MAX_HOURS).contains(h))
        };
        let invalid = || AppError::from(R::HoursInvalid);
        let h = Hours {
            respond: hours(respond).ok_or_else(invalid)?,
            resolve: hours(resolve).ok_or_else(invalid)?,
            urgent_respond: hours(urgent_respond).ok_or_else(invalid)?,
            urgent_resolve: hours(urgent_resolve).ok_or_else(invalid)?,
        };
        let consistent = h.resolve >= h.respond
            && h.urgent_respond <= h.respond
            && h.urgent_resolve >= h.urgent_respond
            && h.urgent_resolve <= h.resolve;
        if consistent {
            Ok(h)
        } else {
            Err(invalid())
        }
    }
}

/// One administrative change, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    /// Creates the unit with this code, or renames, re-kinds and re-places it.
    Unit {
        code: String,
        kind: String,
        names: Names,
        /// The area it answers for (an area code).
        area: String,
    },
    /// Sets a category's deadlines and its default unit (`None`: the street office of the
    /// place, unless a routing rule says otherwise).
    Category {
        category: String,
        hours: Hours,
        default_unit: Option<String>,
    },
    /// Sends requests of `category` (and its sub-categories) in `area` to `unit`, replacing
    /// any rule for the same category and area.
    Rule {
        category: String,
        area: String,
        unit: String,
    },
    RemoveRule {
        category: String,
        area: String,
    },
    /// Creates the staff account with this number, or changes its name, role, unit or area
    /// (and its password, when one is given: required for a new account).
    Staff {
        phone: Phone,
        display_name: String,
        role: Role,
        /// A handler's unit (its code).
        unit: Option<String>,
        /// An area staff member's area (its code).
        area: Option<String>,
        password: Option<String>,
    },
    /// Takes the account with this number away (staff or resident): its sessions end, it
    /// cannot sign in or reset its password.
    Disable {
        phone: Phone,
        reason: String,
    },
    /// Gives a disabled account back.
    Enable {
        phone: Phone,
    },
}

/// The longest reason for disabling an account, in characters (the database holds it too).
pub const MAX_REASON: usize = 2000;

/// Every field of the admin forms.
pub const FIELDS: [&str; 17] = [
    "change",
    "unit_code",
    "unit_kind",
    "name_zh",
    "name_en",
    "area",
    "category",
    "respond",
    "resolve",
    "urgent_respond",
    "urgent_resolve",
    "unit",
    "phone",
    "display_name",
    "role",
    "password",
    "reason",
];

/// The fields an admin form's refusal may name.
pub const REFUSED_FIELDS: [&str; 15] = [
    "change",
    "rule",
    "unit_code",
    "unit_kind",
    "name_zh",
    "name_en",
    "area",
    "category",
    "hours",
    "unit",
    "phone",
    "display_name",
    "role",
    "password",
    "reason",
];

/// An admin form as posted: the change's name and every field any change has ("" when
/// absent).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeForm {
    pub change: String,
    pub unit_code: String,
    pub unit_kind: String,
    pub name_zh: String,
    pub name_en: String,
    pub area: String,
    pub category: String,
    pub respond: String,
    pub resolve: String,
    pub urgent_respond: String,
    pub urgent_resolve: String,
    pub unit: String,
    pub phone: String,
    pub display_name: String,
    pub role: String,
    pub password: String,
    pub reason: String,
}

impl ChangeForm {
    /// The form from its posted `(name, value)` pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> ChangeForm {
        let mut form = ChangeForm::default();
        for (name, value) in pairs {
            let slot = match name {
                "change" => &mut form.change,
                "unit_code" => &mut form.unit_code,
                "unit_kind" => &mut form.unit_kind,
                "name_zh" => &mut form.name_zh,
                "name_en" => &mut form.name_en,
                "area" => &mut form.area,
                "category" => &mut form.category,
                "respond" => &mut form.respond,
                "resolve" => &mut form.resolve,
                "urgent_respond" => &mut form.urgent_respond,
                "urgent_resolve" => &mut form.urgent_resolve,
                "unit" => &mut form.unit,
                "phone" => &mut form.phone,
                "display_name" => &mut form.display_name,
                "role" => &mut form.role,
                "password" => &mut form.password,
                "reason" => &mut form.reason,
                _ => continue,
            };
            value.clone_into(slot);
        }
        form
    }
}

/// A unit's name in one language, refused with `required` (empty, or not one line) or
/// `too_long`.
fn name(text: &str, (required, too_long): (R, R)) -> Result<String, AppError> {
    let text = text.trim();
    if text.is_empty() || text.chars().any(char::is_control) {
        Err(required.into())
    } else if text.chars().count() > MAX_NAME {
        Err(too_long.into())
    } else {
        Ok(text.to_owned())
    }
}

/// `Some(code)`, or `None` for an empty field.
fn optional_code(text: &str, missing: R) -> Result<Option<String>, AppError> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        list_code(text, missing).map(Some)
    }
}

impl Change {
    /// Checks an admin form. Errors: `Invalid` with the field: `change` (unknown),
    /// `unit_code`, `unit_kind`, `area`, `category`, `unit`, `role` (required), `name_zh`,
    /// `name_en` (required, too_long), `hours` (invalid), `phone` (format), `display_name`,
    /// `password` (too_short, too_long).
    pub fn parse(form: &ChangeForm) -> Result<Change, AppError> {
        Ok(match form.change.as_str() {
            "unit" => Change::Unit {
                code: list_code(&form.unit_code, R::UnitCodeRequired)?,
                kind: UNIT_KINDS
                    .into_iter()
                    .find(|k| *k == form.unit_kind.trim())
                    .ok_or_else(|| AppError::from(R::UnitKindRequired))?
                    .to_owned(),
                names: Names {
                    zh: name(&form.name_zh, (R::NameZhRequired, R::NameZhTooLong))?,
                    en: name(&form.name_en, (R::NameEnRequired, R::NameEnTooLong))?,
                },
                area: list_code(&form.area, R::AreaRequired)?,
            },
            "category" => Change::Category {
                category: list_code(&form.category, R::CategoryRequired)?,
                hours: Hours::parse(
                    &form.respond,
                    &form.resolve,
                    &form.urgent_respond,
                    &form.urgent_resolve,
                )?,
                default_unit: optional_code(&form.unit, R::UnitRequired)?,
            },
            "rule" => Change::Rule {
                category: list_code(&form.category, R::CategoryRequired)?,
                area: list_code(&form.area, R::AreaRequired)?,
                unit: list_code(&form.unit, R::UnitRequired)?,
            },
            "remove_rule" => Change::RemoveRule {
                category: list_code(&form.category, R::CategoryRequired)?,
                area: list_code(&form.area, R::AreaRequired)?,
            },
            "staff" => {
                let phone = Phone::parse(&form.phone)?;
                let display_name = parse_display_name(&form.display_name)?;
                let role = STAFF_ROLES
                    .into_iter()
                    .find(|r| Some(*r) == Role::parse(form.role.trim()))
                    .ok_or_else(|| AppError::from(R::RoleRequired))?;
                let unit = match role {
                    Role::Handler => Some(list_code(&form.unit, R::UnitRequired)?),
                    _ => None,
                };
                let area = match role {
                    Role::AreaStaff => Some(list_code(&form.area, R::AreaRequired)?),
                    _ => None,
                };
                let password = if form.password.is_empty() {
                    None
                } else {
                    Some(new_password(&form.password, PASSWORD_LIMITS)?)
                };
                Change::Staff {
                    phone,
                    display_name,
                    role,
                    unit,
                    area,
                    password,
                }
            }
            "disable" => {
                let phone = Phone::parse(&form.phone)?;
                let reason = form.reason.trim();
                if reason.is_empty() {
                    return Err(AppError::from(R::ReasonRequired));
                }
                if reason.chars().count() > MAX_REASON {
                    return Err(AppError::from(R::ReasonTooLong));
                }
                Change::Disable {
                    phone,
                    reason: reason.to_owned(),
                }
            }
            "enable" => Change::Enable {
                phone: Phone::parse(&form.phone)?,
            },
            _ => return Err(AppError::from(R::ChangeUnknown)),
        })
    }

    /// What the audit log keeps of this change: its subject (a code or a number) and what was
    /// set (never a password: only that one was set).
    pub fn audit_record(&self) -> (String, String) {
        match self {
            Change::Unit {
                code,
                kind,
                names,
                area,
            } => (
                code.clone(),
                format!("kind={kind} name={} / {} area={area}", names.zh, names.en),
            ),
            Change::Category {
                category,
                hours,
                default_unit,
            } => (
                category.clone(),
                format!(
                    "hours={}/{} urgent={}/{} default_unit={}",
                    hours.respond,
                    hours.resolve,
                    hours.urgent_respond,
                    hours.urgent_resolve,
                    default_unit.as_deref().unwrap_or("-")
                ),
            ),
            Change::Rule {
                category,
                area,
                unit,
            } => (format!("{category}@{area}"), format!("unit={unit}")),
            Change::RemoveRule { category, area } => (format!("{category}@{area}"), String::new()),
            Change::Staff {
                phone,
                display_name,
                role,
                unit,
                area,
                password,
            } => (
                phone.as_str().to_owned(),
                format!(
                    "name={display_name} role={} unit={} area={}{}",
                    role.as_str(),
                    unit.as_deref().unwrap_or("-"),
                    area.as_deref().unwrap_or("-"),
                    if password.is_some() {
                        " password set"
                    } else {
                        ""
                    }
                ),
            ),
            Change::Disable { phone, reason } => (phone.as_str().to_owned(), reason.clone()),
            Change::Enable { phone } => (phone.as_str().to_owned(), String::new()),
        }
    }

    /// The change's name, as the form posts it.
    pub fn name(&self) -> &'static str {
        match self {
            Change::Unit { .. } => "unit",
            Change::Category { .. } => "category",
            Change::Rule { .. } => "rule",
            Change::RemoveRule { .. } => "remove_rule",
            Change::Staff { .. } => "staff",
            Change::Disable { .. } => "disable",
            Change::Enable { .. } => "enable",
        }
    }
}

/// A unit, as the admin page lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitItem {
    pub code: String,
    pub kind: String,
    pub name: Names,
    pub area_code: String,
    pub area: Names,
}

/// A category with its deadlines and default unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CategoryItem {
    pub code: String,
    pub parent_code: Option<String>,
    pub name: Names,
    pub hours: Hours,
    /// The unit of its rule for anywhere (its code and name).
    pub default_unit: Option<(String, Names)>,
}

/// A routing rule for one area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleItem {
    pub category_code: String,
    pub category: Names,
    pub area_code: String,
    pub area: Names,
    pub unit: Names,
}

/// A staff account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffItem {
    pub phone: String,
    pub display_name: String,
    pub role: Role,
    /// A handler's unit, an area staff member's area.
    pub place: Option<Names>,
    pub place_code: Option<String>,
}

/// An account an admin disabled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DisabledItem {
    pub phone: String,
    pub display_name: String,
    pub role: Role,
    pub reason: String,
    /// Beijing time, to the minute.
    pub since: String,
}

/// One entry of the audit log: who did what, when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditItem {
    /// Beijing time, to the minute.
    pub at: String,
    pub admin: String,
    /// The change's name (`Change::name`).
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// How many audit entries the admin page shows (the newest).
pub const AUDIT_SHOWN: i64 = 100;

/// Everything the admin page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overview {
    pub units: Vec<UnitItem>,
    pub categories: Vec<CategoryItem>,
    pub rules: Vec<RuleItem>,
    pub staff: Vec<StaffItem>,
    pub disabled: Vec<DisabledItem>,
    pub audit: Vec<AuditItem>,
}

#[cfg(test)]
mod tests;
