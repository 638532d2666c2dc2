//! Accounts: who is calling. Phone numbers, signing in and out, the signed-in user.

pub mod api;
pub mod forms;
pub mod inputs;
pub mod page;
pub mod profile;
pub mod register;
pub mod reset;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod texts;
pub use texts::{AccountRefusal, AccountTexts};

use crate::error::AppError;
use ids::{CommentId, ConsultationId};
use serde::{Deserialize, Serialize};

/// A mainland mobile number: 11 digits starting 1[3-9]. Spaces and dashes typed between the
/// digits are dropped, a leading +86 too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Phone(String);

impl Phone {
    /// Errors: `Invalid { field: "phone", reason: "format" }`.
    pub fn parse(input: &str) -> Result<Phone, AppError> {
        let digits: String = input.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        let digits = digits.strip_prefix("+86").unwrap_or(&digits);
        let valid = digits.len() == 11
            && digits.chars().all(|c| c.is_ascii_digit())
            && digits.starts_with('1')
            && matches!(digits.as_bytes()[1], b'3'..=b'9');
        if valid {
            Ok(Phone(digits.to_owned()))
        } else {
            Err(AppError::from(AccountRefusal::PhoneFormat))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number as public pages may show it: 138****1234.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..3], &self.0[7..])
    }
}

/// What the sign-in form sends, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub phone: Phone,
    pub password: String,
}

impl Credentials {
    /// Errors: `Invalid` for a malformed number (`phone`) or an empty password (`password`).
    pub fn parse(phone: &str, password: &str) -> Result<Credentials, AppError> {
        let phone = Phone::parse(phone)?;
        if password.is_empty() {
            return Err(AppError::from(AccountRefusal::PasswordRequired));
        }
        Ok(Credentials {
            phone,
            password: password.to_owned(),
        })
    }
}

/// What the registration form sends, checked. The community is checked against the area tree
/// on the server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registration {
    pub phone: Phone,
    pub password: String,
    pub display_name: String,
    pub community_code: String,
}

/// The shortest and longest password accepted, in characters.
pub const PASSWORD_CHARS: std::ops::RangeInclusive<usize> = 8..=128;
/// The longest display name, in characters.
pub const DISPLAY_NAME_MAX_CHARS: usize = 20;

impl Registration {
    /// Errors: `Invalid` naming the first field refused: `phone` (format), `password`
    /// (too_short, too_long), `display_name` (required, too_long), `community` (required).
    pub fn parse(
        phone: &str,
        password: &str,
        display_name: &str,
        community: &str,
    ) -> Result<Registration, AppError> {
        Ok(Registration {
            phone: Phone::parse(phone)?,
            password: new_password(password, PASSWORD_LIMITS)?,
            display_name: parse_display_name(display_name)?,
            community_code: parse_community(community)?,
        })
    }
}

/// The refusals of a new password in the `password` field.
pub const PASSWORD_LIMITS: (AccountRefusal, AccountRefusal) = (
    AccountRefusal::PasswordTooShort,
    AccountRefusal::PasswordTooLong,
);

/// A new password (see [`PASSWORD_CHARS`]), refused with `too_short` or `too_long`: the
/// refusals of the field it is typed in.
pub fn new_password(
    password: &str,
    (too_short, too_long): (AccountRefusal, AccountRefusal),
) -> Result<String, AppError> {
    let chars = password.chars().count();
    if chars < *PASSWORD_CHARS.start() {
        return Err(too_short.into());
    }
    if chars > *PASSWORD_CHARS.end() {
        return Err(too_long.into());
    }
    Ok(password.to_owned())
}

/// A display name, trimmed. Errors: `Invalid { field: "display_name" }` with reason
/// `required` (empty, or control characters) or `too_long`.
pub fn parse_display_name(input: &str) -> Result<String, AppError> {
    parse_name(
        input,
        AccountRefusal::DisplayNameRequired,
        AccountRefusal::DisplayNameTooLong,
    )
}

/// A person's name as a form gives it (trimmed, one line, at most
/// [`DISPLAY_NAME_MAX_CHARS`]), refused with `required` or `too_long`.
pub fn parse_name(
    input: &str,
    required: impl crate::error::Refusal,
    too_long: impl crate::error::Refusal,
) -> Result<String, AppError> {
    let name = input.trim();
    if name.is_empty() || name.chars().any(char::is_control) {
        return Err(required.into_error());
    }
    if name.chars().count() > DISPLAY_NAME_MAX_CHARS {
        return Err(too_long.into_error());
    }
    Ok(name.to_owned())
}

/// A community's area code as chosen (digits; the server checks it is a community).
/// Errors: `Invalid { field: "community", reason: "required" }`.
pub fn parse_community(input: &str) -> Result<String, AppError> {
    let code = input.trim();
    if code.is_empty() || !code.chars().all(|c| c.is_ascii_digit()) {
        return Err(AppError::from(AccountRefusal::CommunityRequired));
    }
    Ok(code.to_owned())
}

/// What the profile form sends: a new display name and home community.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileUpdate {
    pub display_name: String,
    pub community_code: String,
}

impl ProfileUpdate {
    /// Errors: `Invalid` for `display_name` or `community` (as in [`Registration::parse`]).
    pub fn parse(display_name: &str, community: &str) -> Result<ProfileUpdate, AppError> {
        Ok(ProfileUpdate {
            display_name: parse_display_name(display_name)?,
            community_code: parse_community(community)?,
        })
    }
}

/// What the change-password form sends: the current password (checked on the server) and a
/// new one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordChange {
    pub current: String,
    pub new: String,
}

impl PasswordChange {
    /// Errors: `Invalid` for `current_password` (required) or `new_password` (too_short,
    /// too_long).
    pub fn parse(current: &str, new: &str) -> Result<PasswordChange, AppError> {
        if current.is_empty() {
            return Err(AppError::from(AccountRefusal::CurrentPasswordRequired));
        }
        Ok(PasswordChange {
            current: current.to_owned(),
            new: new_password(
                new,
                (
                    AccountRefusal::NewPasswordTooShort,
                    AccountRefusal::NewPasswordTooLong,
                ),
            )?,
        })
    }
}

/// What the second step of a password reset sends: the code texted to the number and the new
/// password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PasswordReset {
    pub phone: Phone,
    pub code: String,
    pub password: String,
}

impl PasswordReset {
    /// Errors: `Invalid` for `phone` (format), `code` (format) or `password` (too_short,
    /// too_long).
    pub fn parse(phone: &str, code: &str, password: &str) -> Result<PasswordReset, AppError> {
        Ok(PasswordReset {
            phone: Phone::parse(phone)?,
            code: parse_code(code)?,
            password: new_password(password, PASSWORD_LIMITS)?,
        })
    }
}

/// The current password, typed again to confirm deleting the account.
/// Errors: `Invalid { field: "password", reason: "required" }`.
pub fn parse_password_confirmation(password: &str) -> Result<String, AppError> {
    if password.is_empty() {
        return Err(AppError::from(AccountRefusal::PasswordRequired));
    }
    Ok(password.to_owned())
}

/// A one-time code as typed: six digits (spaces dropped). Errors: `Invalid { field: "code",
/// reason: "format" }`.
pub fn parse_code(input: &str) -> Result<String, AppError> {
    let code: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() == 6 && code.chars().all(|c| c.is_ascii_digit()) {
        Ok(code)
    } else {
        Err(AppError::from(AccountRefusal::CodeFormat))
    }
}

crate::keyed_enum! {
    #[derive(Serialize, Deserialize)]
    pub enum Role {
        Resident = "resident" => "居民", "Resident";
        Dispatcher = "dispatcher" => "派单员", "Dispatcher";
        Handler = "handler" => "承办人员", "Handler";
        AreaStaff = "area_staff" => "区域工作人员", "Area staff";
        Admin = "admin" => "管理员", "Admin";
    }
}
crate::db_key!(Role => Role);

pub use ids::UserId;

/// The signed-in user, as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: UserId,
    pub display_name: String,
    pub role: Role,
    /// The unit they act for: a handler's unit; for a community's area staff, the
    /// community's committee (居委会 / 村委会); for a dispatcher, the hotline centre.
    pub unit_id: Option<ids::UnitId>,
    /// An area staff member's area (its id).
    pub scope_area_id: Option<ids::AreaId>,
}

impl CurrentUser {
    /// The unit this user acts for on requests: a handler's, a community staff member's
    /// committee, a dispatcher's hotline centre (what it answers at intake); `None` for
    /// everyone else.
    pub fn unit(&self) -> Option<ids::UnitId> {
        match self.role {
            Role::Handler | Role::AreaStaff | Role::Dispatcher => self.unit_id,
            Role::Resident | Role::Admin => None,
        }
    }

    /// Passes a resident. Errors: `Forbidden` for anyone else.
    pub fn resident_only(&self) -> Result<(), AppError> {
        if self.role == Role::Resident {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }

    /// An area staff member's area. Errors: `Forbidden` for anyone else.
    pub fn staff_area(&self) -> Result<ids::AreaId, AppError> {
        match (self.role, self.scope_area_id) {
            (Role::AreaStaff, Some(area)) => Ok(area),
            _ => Err(AppError::Forbidden),
        }
    }
}

/// A resident's own account, as their profile shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    /// Masked (138****1234): the page never needs the whole number.
    pub phone_masked: String,
    pub display_name: String,
    pub role: Role,
    /// The home community and its street and district, from the community up.
    pub home: Vec<crate::areas::Area>,
}

/// Everything Jiesu keeps about a resident, as "download my data" gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyData {
    pub exported_at: String,
    pub account: MyAccount,
    pub requests: Vec<MyRequest>,
    /// Tracking numbers of the requests seconded ("me too").
    pub seconded: Vec<String>,
    /// What the resident did on requests (added information, withdrew, reopened…).
    pub notes: Vec<MyNote>,
    pub ratings: Vec<MyRating>,
    pub verifications: Vec<MyVerification>,
    pub ballots: Vec<MyBallot>,
    pub comments: Vec<MyComment>,
    /// Comments the resident reported.
    pub reports: Vec<MyReport>,
    pub notifications: Vec<MyNotification>,
}

/// Times in these are Beijing time, RFC 3339.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyNote {
    pub tracking_number: String,
    pub kind: String,
    pub note: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRating {
    pub tracking_number: String,
    pub round: i32,
    pub outcome: String,
    pub satisfaction: i16,
    pub reasons: Vec<String>,
    pub comment: String,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyVerification {
    pub community_code: String,
    pub address: String,
    pub status: String,
    pub reason: Option<String>,
    pub asked_at: String,
    pub decided_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyBallot {
    pub consultation_id: ConsultationId,
    pub consultation: String,
    pub choices: Vec<String>,
    pub cast_at: String,
    pub changed_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyComment {
    pub id: CommentId,
    pub consultation_id: ConsultationId,
    pub reply_to: Option<CommentId>,
    pub body: String,
    pub hidden_reason: Option<String>,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyReport {
    pub comment_id: CommentId,
    pub consultation_id: ConsultationId,
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyNotification {
    pub kind: String,
    pub tracking_number: Option<String>,
    pub note: String,
    pub read: bool,
    pub at: String,
}

/// A request in [`MyData`], as it was filed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyRequest {
    pub tracking_number: String,
    pub kind: String,
    pub category: String,
    pub community_code: String,
    pub address: String,
    pub description: String,
    pub public: bool,
    pub show_name: bool,
    pub status: String,
    pub filed_at: String,
}

/// The account part of [`MyData`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAccount {
    pub phone: String,
    pub display_name: String,
    pub role: Role,
    pub home_community_code: Option<String>,
    pub home_community: Option<String>,
    pub registered_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mainland_mobile_number_is_accepted_however_it_is_typed() {
        for typed in [
            "13800000001",
            "138 0000 0001",
            "138-0000-0001",
            "+8613800000001",
        ] {
            assert_eq!(
                Phone::parse(typed).map(|p| p.0),
                Ok("13800000001".into()),
                "{typed}"
            );
        }
    }

    #[test]
    fn other_numbers_are_refused_with_the_field_named() {
        for typed in [
            "",
            "1380000000",
            "138000000011",
            "12800000001",
            "23800000001",
            "1380000000a",
        ] {
            assert_eq!(
                Phone::parse(typed),
                Err(AppError::from(AccountRefusal::PhoneFormat)),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn public_pages_see_a_masked_number() {
        assert_eq!(
            Phone::parse("13812341234").map(|p| p.masked()),
            Ok("138****1234".into())
        );
    }

    #[test]
    fn signing_in_needs_a_password() {
        assert_eq!(
            Credentials::parse("13800000001", ""),
            Err(AppError::from(AccountRefusal::PasswordRequired))
        );
        assert!(Credentials::parse("13800000001", "x").is_ok());
    }

    #[test]
    fn a_registration_names_the_first_field_it_refuses() {
        let ok = Registration::parse("13900000001", "long enough", " 王阿姨 ", "110108025014");
        assert_eq!(ok.as_ref().map(|r| r.display_name.as_str()), Ok("王阿姨"));
        let refused = |phone, password, name, community| {
            Registration::parse(phone, password, name, community).err()
        };
        assert_eq!(
            refused("1", "long enough", "a", "1"),
            Some(AppError::from(AccountRefusal::PhoneFormat))
        );
        assert_eq!(
            refused("13900000001", "short", "a", "1"),
            Some(AppError::from(AccountRefusal::PasswordTooShort))
        );
        let long = "x".repeat(129);
        assert_eq!(
            refused("13900000001", &long, "a", "1"),
            Some(AppError::from(AccountRefusal::PasswordTooLong))
        );
        assert_eq!(
            refused("13900000001", "long enough", "  ", "1"),
            Some(AppError::from(AccountRefusal::DisplayNameRequired))
        );
        let name = "名".repeat(21);
        assert_eq!(
            refused("13900000001", "long enough", &name, "1"),
            Some(AppError::from(AccountRefusal::DisplayNameTooLong))
        );
        assert_eq!(
            refused("13900000001", "long enough", "a", ""),
            Some(AppError::from(AccountRefusal::CommunityRequired))
        );
        assert_eq!(
            refused("13900000001", "long enough", "a", "x1"),
            Some(AppError::from(AccountRefusal::CommunityRequired))
        );
    }

    #[test]
    fn a_code_is_six_digits() {
        assert_eq!(parse_code(" 123 456 "), Ok("123456".into()));
        for bad in ["12345", "1234567", "12345a", ""] {
            assert_eq!(
                parse_code(bad),
                Err(AppError::from(AccountRefusal::CodeFormat)),
                "{bad:?}"
            );
        }
    }

    #[test]
    fn every_role_in_the_database_is_known() {
        for role in ["resident", "dispatcher", "handler", "area_staff", "admin"] {
            assert!(Role::parse(role).is_some(), "{role}");
        }
    }

    #[test]
    fn profile_and_password_forms_name_the_field_they_refuse() {
        assert_eq!(
            ProfileUpdate::parse(" 老马 ", "110108025014").map(|p| p.display_name),
            Ok("老马".into())
        );
        assert_eq!(
            ProfileUpdate::parse("老马", ""),
            Err(AppError::from(AccountRefusal::CommunityRequired))
        );
        assert_eq!(
            PasswordChange::parse("", "long enough"),
            Err(AppError::from(AccountRefusal::CurrentPasswordRequired))
        );
        assert_eq!(
            PasswordChange::parse("old", "short"),
            Err(AppError::from(AccountRefusal::NewPasswordTooShort))
        );
        assert_eq!(
            PasswordReset::parse("13900000001", "12345", "long enough"),
            Err(AppError::from(AccountRefusal::CodeFormat))
        );
        assert_eq!(
            PasswordReset::parse("13900000001", "123456", "short"),
            Err(AppError::from(AccountRefusal::PasswordTooShort))
        );
        assert_eq!(
            parse_password_confirmation(""),
            Err(AppError::from(AccountRefusal::PasswordRequired))
        );
    }
}
