//! 每月一题 (the month's topic): each month the city takes up, district by district, a kind of
//! problem residents raise most or are least satisfied with. Last month's rollups propose the
//! candidates; an admin publishes a topic (title, description, lead unit, co-units, target,
//! deadline) and posts progress updates; the topic page is public, and every request of that
//! category and district links to it. A form is parsed into a `TopicChange` by
//! `TopicChange::parse`, in the browser and again on the server.

pub mod api;
pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use crate::fields::{list_code, one_line, required_text};
use crate::requests::Names;
use ids::TopicId;
use serde::{Deserialize, Serialize};
use TopicRefusal as R;

/// The longest title, in characters.
pub const MAX_TITLE: usize = 60;
/// The longest description or progress note, in characters.
pub const MAX_TEXT: usize = 2000;
/// The longest target, in characters.
pub const MAX_TARGET: usize = 200;
/// The most co-units a topic has.
pub const MAX_CO_UNITS: usize = 10;
/// How many candidates each list proposes.
pub const CANDIDATES: i64 = 10;
/// Ratings a district × category needs before its satisfaction ranks it: fewer say little.
pub const MIN_RATED: i64 = 5;

/// A checked topic form: publish a topic, or post progress on one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TopicChange {
    Publish(TopicDraft),
    Progress {
        topic: TopicId,
        /// 0–100
        percent: i16,
        note: String,
    },
}

/// A topic as an admin writes it (codes for its district, category and units).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicDraft {
    pub title: String,
    pub description: String,
    pub district: String,
    pub category: String,
    pub lead_unit: String,
    pub co_units: Vec<String>,
    pub target: String,
    /// `YYYY-MM-DD`
    pub deadline: chrono::NaiveDate,
}

/// Every field of the topic forms (`co_units` repeats), each of which a refusal may name.
pub const FIELDS: [&str; 12] = [
    "change",
    "title",
    "description",
    "district",
    "category",
    "lead_unit",
    "co_units",
    "target",
    "deadline",
    "topic",
    "percent",
    "update",
];

impl TopicChange {
    /// Checks a topic form given as `(name, value)` pairs. Errors: `Invalid` with the field:
    /// `change` (unknown); `title`, `target` (required, too_long, format); `description`
    /// (required, too_long); `district`, `category`, `lead_unit` (required);
    /// `co_units` (required: a code is malformed; too_many; lead: the lead unit is among
    /// them); `deadline` (format); `topic` (required); `percent` (format: not a whole number
    /// from 0 to 100); `update` (required, too_long).
    pub fn parse<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)> + Clone,
    ) -> Result<TopicChange, AppError> {
        let field = |name: &str| {
            pairs
                .clone()
                .into_iter()
                .find(|(k, _)| *k == name)
                .map_or("", |(_, v)| v)
        };
        match field("change") {
            "publish" => {
                // In the form's order, so the first refusal is the first field in error.
                let title = one_line(
                    field("title"),
                    MAX_TITLE,
                    R::TitleRequired,
                    R::TitleTooLong,
                    R::TitleFormat,
                )?;
                let description = required_text(
                    field("description"),
                    MAX_TEXT,
                    R::DescriptionRequired,
                    R::DescriptionTooLong,
                )?;
                let district = list_code(field("district"), R::DistrictRequired)?;
                let category = list_code(field("category"), R::CategoryRequired)?;
                let lead_unit = list_code(field("lead_unit"), R::LeadUnitRequired)?;
                let mut co_units = Vec::new();
                for (_, code) in pairs.clone().into_iter().filter(|(k, _)| *k == "co_units") {
                    if code.trim().is_empty() {
                        continue;
                    }
                    let code = list_code(code, R::CoUnitsRequired)?;
                    if code == lead_unit {
                        return Err(AppError::from(R::CoUnitsLead));
                    }
                    if !co_units.contains(&code) {
                        co_units.push(code);
                    }
                }
                if co_units.len() > MAX_CO_UNITS {
                    return Err(AppError::from(R::CoUnitsTooMany));
                }
                let target = one_line(
                    field("target"),
                    MAX_TARGET,
                    R::TargetRequired,
                    R::TargetTooLong,
                    R::TargetFormat,
                )?;
                let deadline =
                    chrono::NaiveDate::parse_from_str(field("deadline").trim(), "%Y-%m-%d")
                        .map_err(|_| AppError::from(R::DeadlineFormat))?;
                Ok(TopicChange::Publish(TopicDraft {
                    title,
                    description,
                    district,
                    category,
                    lead_unit,
                    co_units,
                    target,
                    deadline,
                }))
            }
            "progress" => Ok(TopicChange::Progress {
                topic: field("topic")
                    .trim()
                    .parse()
                    .map_err(|_| AppError::from(R::TopicRequired))?,
                percent: field("percent")
                    .trim()
                    .trim_end_matches('%')
                    .parse()
                    .ok()
                    .filter(|p| (0..=100).contains(p))
                    .ok_or_else(|| AppError::from(R::PercentFormat))?,
                note: required_text(
                    field("update"),
                    MAX_TEXT,
                    R::UpdateRequired,
                    R::UpdateTooLong,
                )?,
            }),
            _ => Err(AppError::from(R::ChangeUnknown)),
        }
    }
}

/// A topic as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicSummary {
    pub id: TopicId,
    /// `YYYY-MM`
    pub month: String,
    pub district_code: String,
    pub district: Names,
    pub category_code: String,
    pub category: Names,
    pub title: String,
    pub lead_unit: Names,
    pub percent: i16,
    /// `YYYY-MM-DD`
    pub deadline: String,
    /// The deadline passed short of 100 %.
    pub overdue: bool,
}

/// A progress update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdateView {
    pub percent: i16,
    pub note: String,
    pub at: i64,
}

/// A topic's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicView {
    pub summary: TopicSummary,
    pub description: String,
    pub target: String,
    pub co_units: Vec<Names>,
    pub published_at: i64,
    /// Oldest first.
    pub updates: Vec<UpdateView>,
    /// The viewer is an admin: they may post progress.
    pub can_post: bool,
}

/// The topics page: every topic, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicList {
    pub topics: Vec<TopicSummary>,
    /// The viewer is an admin: they may publish one.
    pub can_publish: bool,
}

/// A district × category of last month, proposed as a topic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub district_code: String,
    pub district: Names,
    pub category_code: String,
    pub category: Names,
    pub filed: i64,
    pub rated: i64,
    /// Satisfied of rated, in per cent (`None`: nothing rated).
    pub satisfaction: Option<f64>,
    /// This month's topic for the pair, when one is published already.
    pub topic: Option<TopicId>,
}

/// A code and its names, for a form's choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub name: Names,
    /// A sub-category (indented).
    pub nested: bool,
}

/// What the publishing page shows: last month's candidates and the form's choices.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidates {
    /// The month the candidates come from, `YYYY-MM`.
    pub month: String,
    pub most_filed: Vec<Candidate>,
    pub least_satisfied: Vec<Candidate>,
    pub districts: Vec<Choice>,
    pub categories: Vec<Choice>,
    pub units: Vec<Choice>,
}

pub mod forms;
#[cfg(test)]
mod tests;
pub mod texts;
pub use texts::{TopicRefusal, TopicTexts};
