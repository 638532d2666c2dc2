//! The library's forms, checked in the browser before posting.

use super::{Edit, FIELDS};
use crate::components::checked_form::FormCheck;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A change to the library ([`Edit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AnswerForm {
    Edit,
}

impl FormCheck for AnswerForm {
    const ALL: &'static [Self] = &[AnswerForm::Edit];

    fn check(self, v: &dyn Fn(&str) -> String) -> Result<(), AppError> {
        // The browser sees the first of the repeated `categories`: enough for every refusal
        // but too_many, which the server gives.
        let values = FIELDS.map(|name| (name, v(name)));
        Edit::parse(values.iter().map(|(k, v)| (*k, v.as_str()))).map(drop)
    }

    fn fields(self) -> &'static [&'static str] {
        &["edit", "id", "title", "body", "categories"]
    }
}

crate::checked_form!(
    /// A form of the standard answers library.
    AnswerCheckedForm for AnswerForm
);
