//! The consultation forms the browser checks before posting.

use super::DRAFT_FIELDS;
use super::{parse_ballot, parse_hide_reason, parse_update, Draft, NewComment, Outcome};
use crate::components::checked_form::FormCheck;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConsultationForm {
    /// A new consultation ([`Draft`]).
    New,
    /// A resident's ballot.
    Ballot,
    /// A consultation's outcome.
    Outcome,
    /// A comment or reply in the discussion.
    Comment,
    /// A moderator hiding a comment.
    HideComment,
    /// Progress after the outcome.
    Update,
}

impl FormCheck for ConsultationForm {
    const ALL: &'static [Self] = &[
        ConsultationForm::New,
        ConsultationForm::Ballot,
        ConsultationForm::Outcome,
        ConsultationForm::Comment,
        ConsultationForm::HideComment,
        ConsultationForm::Update,
    ];

    fn check(self, v: &dyn Fn(&str) -> String) -> Result<(), AppError> {
        match self {
            ConsultationForm::New => Draft::parse(v).map(drop),
            ConsultationForm::Ballot => {
                // The browser sees the first of the chosen `options`: enough to tell none.
                let first = v("options");
                parse_ballot([("options", first.as_str())]).map(drop)
            }
            ConsultationForm::Outcome => Outcome::parse(&v("plan"), &v("by"), &v("due")).map(drop),
            ConsultationForm::Comment => NewComment::parse(&v("body"), &v("parent")).map(drop),
            ConsultationForm::HideComment => parse_hide_reason(&v("reason")).map(drop),
            ConsultationForm::Update => parse_update(&v("update")).map(drop),
        }
    }

    fn fields(self) -> &'static [&'static str] {
        match self {
            ConsultationForm::New => &DRAFT_FIELDS,
            ConsultationForm::Ballot => &["options", "ballot"],
            ConsultationForm::Outcome => &["plan", "by", "due", "status"],
            ConsultationForm::Comment => &["body", "parent"],
            ConsultationForm::HideComment => &["reason", "status"],
            ConsultationForm::Update => &["update", "status"],
        }
    }
}

crate::checked_form!(
    /// A consultation form (a new one, a ballot, the outcome, the discussion).
    ConsultationCheckedForm for ConsultationForm
);
