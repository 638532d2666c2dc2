//! The topic form the browser checks before posting.

use super::{TopicChange, FIELDS};
use crate::components::checked_form::FormCheck;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Publishing a topic or posting its progress ([`TopicChange`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TopicForm {
    Change,
}

impl FormCheck for TopicForm {
    const ALL: &'static [Self] = &[TopicForm::Change];

    fn check(self, v: &dyn Fn(&str) -> String) -> Result<(), AppError> {
        // The browser sees the first of the repeated `co_units`.
        let values = FIELDS.map(|name| (name, v(name)));
        TopicChange::parse(values.iter().map(|(k, v)| (*k, v.as_str()))).map(drop)
    }

    fn fields(self) -> &'static [&'static str] {
        &FIELDS
    }
}

crate::checked_form!(
    /// The form of a topic (publishing it, posting its progress).
    TopicCheckedForm for TopicForm
);
