//! Accounts: who is calling. Phone numbers, signing in and out, the signed-in user.

pub mod api;
pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
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
            Err(AppError::invalid("phone", "format"))
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
            return Err(AppError::invalid("password", "required"));
        }
        Ok(Credentials {
            phone,
            password: password.to_owned(),
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Resident,
    Dispatcher,
    Handler,
    AreaStaff,
    Admin,
}

impl Role {
    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "resident" => Some(Role::Resident),
            "dispatcher" => Some(Role::Dispatcher),
            "handler" => Some(Role::Handler),
            "area_staff" => Some(Role::AreaStaff),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

/// The signed-in user, as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub display_name: String,
    pub role: Role,
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
                Err(AppError::invalid("phone", "format")),
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
            Err(AppError::invalid("password", "required"))
        );
        assert!(Credentials::parse("13800000001", "x").is_ok());
    }

    #[test]
    fn every_role_in_the_database_is_known() {
        for role in ["resident", "dispatcher", "handler", "area_staff", "admin"] {
            assert!(Role::parse(role).is_some(), "{role}");
        }
    }
}
