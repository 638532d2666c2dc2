//! The account forms the browser checks before posting.

use super::{
    parse_code, parse_password_confirmation, Credentials, PasswordChange, PasswordReset, Phone,
    ProfileUpdate, Registration,
};
use crate::components::checked_form::FormCheck;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountForm {
    SignIn,
    Register,
    ConfirmCode,
    ResetRequest,
    ResetPassword,
    Profile,
    ChangePassword,
    DeleteAccount,
}

impl FormCheck for AccountForm {
    const ALL: &'static [Self] = &[
        AccountForm::SignIn,
        AccountForm::Register,
        AccountForm::ConfirmCode,
        AccountForm::ResetRequest,
        AccountForm::ResetPassword,
        AccountForm::Profile,
        AccountForm::ChangePassword,
        AccountForm::DeleteAccount,
    ];

    fn check(self, v: &dyn Fn(&str) -> String) -> Result<(), AppError> {
        match self {
            AccountForm::SignIn => Credentials::parse(&v("phone"), &v("password")).map(drop),
            AccountForm::Register => Registration::parse(
                &v("phone"),
                &v("password"),
                &v("display_name"),
                &v("community"),
            )
            .map(drop),
            AccountForm::ConfirmCode => parse_code(&v("code")).map(drop),
            AccountForm::ResetRequest => Phone::parse(&v("phone")).map(drop),
            AccountForm::ResetPassword => {
                PasswordReset::parse(&v("phone"), &v("code"), &v("password")).map(drop)
            }
            AccountForm::Profile => {
                ProfileUpdate::parse(&v("display_name"), &v("community")).map(drop)
            }
            AccountForm::ChangePassword => {
                PasswordChange::parse(&v("current_password"), &v("new_password")).map(drop)
            }
            AccountForm::DeleteAccount => parse_password_confirmation(&v("password")).map(drop),
        }
    }

    fn fields(self) -> &'static [&'static str] {
        match self {
            AccountForm::SignIn => &["phone", "password"],
            AccountForm::Register => &["phone", "password", "display_name", "community"],
            AccountForm::ConfirmCode => &["code", "phone"],
            AccountForm::ResetRequest => &["phone"],
            AccountForm::ResetPassword => &["phone", "code", "password"],
            AccountForm::Profile => &["display_name", "community"],
            AccountForm::ChangePassword => &["current_password", "new_password"],
            AccountForm::DeleteAccount => &["password"],
        }
    }
}

crate::checked_form!(
    /// An account form (signing in, registering, a code, a password, the profile).
    AccountCheckedForm for AccountForm
);
