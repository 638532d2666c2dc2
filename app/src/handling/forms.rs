//! The staff step form the browser checks before posting.

use super::{Step, StepForm};
use crate::components::checked_form::FormCheck;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A staff step on a request ([`Step`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HandlingForm {
    Handle,
}

impl FormCheck for HandlingForm {
    const ALL: &'static [Self] = &[HandlingForm::Handle];

    fn check(self, v: &dyn Fn(&str) -> String) -> Result<(), AppError> {
        // The browser sees the first of the repeated `units`: enough to tell none.
        let first_unit = v("units");
        let pairs = [
            "step",
            "unit",
            "urgent",
            "note",
            "public",
            "reason",
            "closure",
            "explanation",
            "category",
            "into",
            "community",
            "summoned",
            "arrived",
            "cooperation",
            "result",
            "comment",
            "answer",
        ]
        .map(|name| (name, v(name)));
        let form = StepForm::from_pairs(
            pairs
                .iter()
                .map(|(k, v)| (*k, v.as_str()))
                .chain(std::iter::once(("units", first_unit.as_str()))),
        );
        Step::parse(&form).map(drop)
    }

    fn fields(self) -> &'static [&'static str] {
        &[
            "step",
            "unit",
            "units",
            "note",
            "reason",
            "closure",
            "explanation",
            "category",
            "into",
            "community",
            "summoned",
            "arrived",
            "cooperation",
            "result",
            "comment",
            "answer",
            "status",
            "photos",
        ]
    }
}

crate::checked_form!(
    /// The form of a staff step on a request.
    HandlingCheckedForm for HandlingForm
);
