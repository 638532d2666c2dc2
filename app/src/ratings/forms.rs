//! The rating form the browser checks before posting.

use super::Rating;
use crate::components::checked_form::FormCheck;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A resident's rating ([`Rating`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RatingForm {
    Rate,
}

impl FormCheck for RatingForm {
    const ALL: &'static [Self] = &[RatingForm::Rate];

    fn check(self, v: &dyn Fn(&str) -> String) -> Result<(), AppError> {
        // The browser sees the first of the repeated `reasons`.
        let values = ["outcome", "satisfaction", "reasons", "comment"].map(|n| (n, v(n)));
        Rating::parse(values.iter().map(|(k, v)| (*k, v.as_str()))).map(drop)
    }

    fn fields(self) -> &'static [&'static str] {
        &["outcome", "satisfaction", "reasons", "comment", "status"]
    }
}

crate::checked_form!(
    /// The form of a resident's rating.
    RatingCheckedForm for RatingForm
);
