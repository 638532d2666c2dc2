//! Ratings: the resident says whether a resolved request was really resolved and how satisfied
//! they are (which closes it), and may reopen it (重办) within `REOPEN_DAYS` when it was not
//! resolved or they were dissatisfied. A request counts as resolved only when its resident
//! says so. One rating per round (a database constraint); a reopen starts the next round.

pub mod api;
pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// Whether the matter was resolved, in the resident's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Outcome {
    Resolved,
    PartlyResolved,
    NotResolved,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [
        Outcome::Resolved,
        Outcome::PartlyResolved,
        Outcome::NotResolved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Resolved => "resolved",
            Outcome::PartlyResolved => "partly",
            Outcome::NotResolved => "not_resolved",
        }
    }

    /// Its place in [`Outcome::ALL`] (and in the catalogues' `outcome_names`).
    pub fn index(self) -> usize {
        Outcome::ALL.iter().position(|o| *o == self).unwrap_or(0)
    }

    pub fn parse(s: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.as_str() == s)
    }
}

/// Satisfaction, from 1 (very dissatisfied) to 5 (very satisfied).
pub const SATISFACTION: std::ops::RangeInclusive<i16> = 1..=5;

/// What the resident may say was wrong or right, besides the outcome.
pub const REASONS: [&str; 3] = ["speed", "attitude", "outcome"];

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
            .ok_or_else(|| AppError::invalid("outcome", "required"))?;
        let satisfaction = satisfaction
            .trim()
            .parse::<i16>()
            .ok()
            .filter(|s| SATISFACTION.contains(s))
            .ok_or_else(|| AppError::invalid("satisfaction", "required"))?;
        let mut reasons = reasons
            .into_iter()
            .map(|r| {
                REASONS
                    .into_iter()
                    .find(|known| *known == r)
                    .map(str::to_owned)
                    .ok_or_else(|| AppError::invalid("reasons", "unknown"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        reasons.sort();
        reasons.dedup();
        let comment = comment.trim();
        if comment.chars().count() > MAX_COMMENT {
            return Err(AppError::invalid("comment", "too_long"));
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

#[cfg(test)]
mod tests;
