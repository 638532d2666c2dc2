//! The administrative form the browser checks before posting.

use super::{Change, ChangeForm, FIELDS, REFUSED_FIELDS};
use crate::components::checked_form::FormCheck;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// An administrative change ([`Change`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AdminForm {
    Change,
}

impl FormCheck for AdminForm {
    const ALL: &'static [Self] = &[AdminForm::Change];

    fn check(self, v: &dyn Fn(&str) -> String) -> Result<(), AppError> {
        let values = FIELDS.map(|name| (name, v(name)));
        let form = ChangeForm::from_pairs(values.iter().map(|(k, v)| (*k, v.as_str())));
        Change::parse(&form).map(drop)
    }

    fn fields(self) -> &'static [&'static str] {
        &REFUSED_FIELDS
    }
}

crate::checked_form!(
    /// The form of an administrative change.
    AdminCheckedForm for AdminForm
);
