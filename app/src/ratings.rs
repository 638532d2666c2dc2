//! Ratings: the resident says whether a resolved request was really resolved and how satisfied
//! they are (which closes it), and may reopen it (重办) within `REOPEN_DAYS` when it was not
//! resolved or they were dissatisfied. A request counts as resolved only when its resident
//! says so. One rating per round (a database constraint); a reopen starts the next round.

pub mod api;
pub mod forms;
pub mod page;
pub mod texts;
pub use texts::{RatingRefusal, RatingTexts};
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use crate::requests::Outcome;
use serde::{Deserialize, Serialize};

/// Satisfaction, from 1 (very dissatisfied) to 5 (very satisfied).
pub const SATISFACTION: std::ops::RangeInclusive<i16> = 1..=5;

/// The name of a satisfaction level (1–5) for people, in `locale`.
pub fn satisfaction_label(level: i16, locale: crate::i18n::Locale) -> Option<&'static str> {
    Some(locale.pick(match level {
        1 => ("非常不满意", "Very dissatisfied"),
        2 => ("不满意", "Dissatisfied"),
        3 => ("一般", "So-so"),
        4 => ("满意", "Satisfied"),
        5 => ("非常满意", "Very satisfied"),
        _ => return None,
    }))
}

/// What the resident may say was wrong or right, besides the outcome.
pub const REASONS: [&str; 3] = ["speed", "attitude", "outcome"];

/// The name of a rating reason for people, in `locale`.
pub fn reason_label(key: &str, locale: crate::i18n::Locale) -> Option<&'static str> {
    Some(locale.pick(match key {
        "speed" => ("办理速度", "Speed"),
        "attitude" => ("工作态度", "Attitude"),
        "outcome" => ("办理结果", "The result"),
        _ => return None,
    }))
}

/// The longest comment, in characters.
pub const MAX_COMMENT: usize = 500;

/// How long after closing a resident may reopen, in days.
pub const REOPEN_DAYS: i64 = 7;

/// How long a resolved request waits for its rating before it closes as unrated, in days.
pub const RATE_DAYS: i64 = 7;

/// A rating, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub outcome: Outcome,
    pub satisfaction: i16,
    pub reasons: Vec<String>,
    pub comment: String,
}

impl Rating {
    /// `pairs`: the form's fields (`outcome`, `satisfaction`, `reasons` repeated, `comment`).
    /// Errors: `Invalid` for `outcome`, `satisfaction` (required), `reasons` (unknown),
    /// `comment` (too_long).
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Rating, AppError> {
        let (mut outcome, mut satisfaction, mut comment) = ("", "", "");
        let mut reasons = Vec::new();
        for (name, value) in pairs {
            match name {
                "outcome" => outcome = value,
                "satisfaction" => satisfaction = value,
                "comment" => comment = value,
                "reasons" if !value.is_empty() => reasons.push(value),
                _ => {}
            }
        }
        let outcome = Outcome::parse(outcome.trim())
            .ok_or_else(|| AppError::from(RatingRefusal::OutcomeRequired))?;
        let satisfaction = satisfaction
            .trim()
            .parse::<i16>()
            .ok()
            .filter(|s| SATISFACTION.contains(s))
            .ok_or_else(|| AppError::from(RatingRefusal::SatisfactionRequired))?;
        let mut reasons = reasons
            .into_iter()
            .map(|r| {
                REASONS
                    .into_iter()
                    .find(|known| *known == r)
                    .map(str::to_owned)
                    .ok_or_else(|| AppError::from(RatingRefusal::ReasonsUnknown))
            })
            .collect::<Result<Vec<_>, _>>()?;
        reasons.sort();
        reasons.dedup();
        let comment = comment.trim();
        if comment.chars().count() > MAX_COMMENT {
            return Err(AppError::from(RatingRefusal::CommentTooLong));
        }
        Ok(Rating {
            outcome,
            satisfaction,
            reasons,
            comment: comment.to_owned(),
        })
    }

    /// Satisfied or very satisfied (the satisfaction rate counts these).
    pub fn is_satisfied(&self) -> bool {
        self.satisfaction >= 4
    }

    /// Not resolved, or dissatisfied: the resident may reopen.
    pub fn allows_reopen(&self) -> bool {
        self.outcome == Outcome::NotResolved || self.satisfaction <= 2
    }
}

/// The resident's rating of the latest round, as their request page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingView {
    pub rating: Rating,
    pub at: i64,
    /// Until when they may reopen (when the rating allows it and the round is closed).
    pub reopen_until: Option<i64>,
}

/// What a request page offers its resident about rating: their rating of the latest round,
/// and whether they may rate it now or reopen it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingPanel {
    pub rating: Option<RatingView>,
    /// Resolved: its resident may rate it.
    pub can_rate: bool,
    /// Closed, rated not resolved or dissatisfied, within the days allowed: its resident may
    /// reopen it.
    pub can_reopen: bool,
}

#[cfg(test)]
mod tests;
