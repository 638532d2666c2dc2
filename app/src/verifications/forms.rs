//! The verification forms the browser checks before posting.

use super::{parse_address, Decision};
use crate::components::checked_form::FormCheck;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VerificationForm {
    /// A resident asking to be verified.
    Ask,
    /// Area staff deciding on a verification.
    Decide,
}

impl FormCheck for VerificationForm {
    const ALL: &'static [Self] = &[VerificationForm::Ask, VerificationForm::Decide];

    fn check(self, v: &dyn Fn(&str) -> String) -> Result<(), AppError> {
        match self {
            VerificationForm::Ask => parse_address(&v("address")).map(drop),
            VerificationForm::Decide => Decision::parse(&v("decision"), &v("reason")).map(drop),
        }
    }

    fn fields(self) -> &'static [&'static str] {
        match self {
            VerificationForm::Ask => &["address", "verification"],
            VerificationForm::Decide => &["decision", "reason", "status"],
        }
    }
}

crate::checked_form!(
    /// A verification form (asking, deciding).
    VerificationCheckedForm for VerificationForm
);
