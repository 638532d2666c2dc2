//! 每月一题 (the month's topic): each month the city takes up, district by district, a kind of
//! problem residents raise most or are least satisfied with. Last month's rollups propose the
//! candidates; an admin publishes a topic (title, description, lead unit, co-units, target,
//! deadline); admins and the topic's task force (专班: the staff of its lead unit and
//! co-units, from any area) post progress updates, each marked with the unit that posted it;
//! the topic page is public, and every request of that
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
/// The longest name of what a countable target counts (户, 处), in characters.
pub const MAX_TARGET_UNIT: usize = 10;
/// The largest count a target or a result may give.
pub const MAX_COUNT: i64 = 1_000_000_000;
/// The longest document title, in characters.
pub const MAX_DOC_TITLE: usize = 100;
/// The longest issuer of a document, in characters.
pub const MAX_ISSUER: usize = 60;
/// The longest link to a document, in characters.
pub const MAX_LINK: usize = 500;
/// The most co-units a topic has.
pub const MAX_CO_UNITS: usize = 10;
/// How many candidates each list proposes.
pub const CANDIDATES: i64 = 10;
/// Ratings a district × category needs before its satisfaction ranks it: fewer say little.
pub const MIN_RATED: i64 = 5;

/// A checked topic form: publish a topic, post progress on one, or list a policy document
/// issued for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TopicChange {
    Publish(TopicDraft),
    Progress {
        topic: TopicId,
        /// 0–100
        percent: i16,
        /// The count reached so far, for a countable target.
        result: Option<i64>,
        note: String,
    },
    Document {
        topic: TopicId,
        document: DocumentDraft,
    },
}

/// A policy document issued for a topic (政策文件): a link to it, or its text, or both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentDraft {
    pub title: String,
    pub issuer: String,
    pub issued_on: chrono::NaiveDate,
    /// `http(s)://…`, or empty.
    pub link: String,
    pub body: String,
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
    /// A countable target: how many, and of what (户, 处).
    pub target_count: Option<(i64, String)>,
    /// `YYYY-MM-DD`
    pub deadline: chrono::NaiveDate,
}

/// Every field of the topic forms (`co_units` repeats), each of which a refusal may name.
pub const FIELDS: [&str; 20] = [
    "change",
    "title",
    "description",
    "district",
    "category",
    "lead_unit",
    "co_units",
    "target",
    "target_count",
    "target_unit",
    "deadline",
    "topic",
    "percent",
    "result",
    "update",
    "doc_title",
    "doc_issuer",
    "doc_date",
    "doc_link",
    "doc_text",
];

/// A count as people type it (`200,000`, `20 万` is not one): a whole number from 0 to
/// [`MAX_COUNT`], commas and spaces allowed; `None` when empty.
fn count(text: &str, refusal: TopicRefusal) -> Result<Option<i64>, AppError> {
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .collect();
    if digits.is_empty() {
        return Ok(None);
    }
    match digits.parse::<i64>() {
        Ok(n) if (0..=MAX_COUNT).contains(&n) => Ok(Some(n)),
        _ => Err(refusal.into()),
    }
}

/// A date typed as `YYYY-MM-DD`.
fn date(text: &str, refusal: TopicRefusal) -> Result<chrono::NaiveDate, AppError> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| refusal.into())
}

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
                let target_count = match count(field("target_count"), R::TargetCountFormat)? {
                    Some(0) => return Err(R::TargetCountFormat.into()),
                    Some(n) => Some((
                        n,
                        one_line(
                            field("target_unit"),
                            MAX_TARGET_UNIT,
                            R::TargetUnitRequired,
                            R::TargetUnitTooLong,
                            R::TargetUnitTooLong,
                        )?,
                    )),
                    None => None,
                };
                let deadline = date(field("deadline"), R::DeadlineFormat)?;
                Ok(TopicChange::Publish(TopicDraft {
                    title,
                    description,
                    district,
                    category,
                    lead_unit,
                    co_units,
                    target,
                    target_count,
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
                result: count(field("result"), R::ResultFormat)?,
                note: required_text(
                    field("update"),
                    MAX_TEXT,
                    R::UpdateRequired,
                    R::UpdateTooLong,
                )?,
            }),
            "document" => {
                let topic = field("topic")
                    .trim()
                    .parse()
                    .map_err(|_| AppError::from(R::TopicRequired))?;
                let title = one_line(
                    field("doc_title"),
                    MAX_DOC_TITLE,
                    R::DocTitleRequired,
                    R::DocTitleTooLong,
                    R::DocTitleTooLong,
                )?;
                let issuer = one_line(
                    field("doc_issuer"),
                    MAX_ISSUER,
                    R::DocIssuerRequired,
                    R::DocIssuerTooLong,
                    R::DocIssuerTooLong,
                )?;
                let issued_on = date(field("doc_date"), R::DocDateFormat)?;
                let link = field("doc_link").trim().to_owned();
                let web = link.starts_with("https://") || link.starts_with("http://");
                if !link.is_empty()
                    && (!web
                        || link.chars().count() > MAX_LINK
                        || link.chars().any(|c| c.is_whitespace() || c.is_control()))
                {
                    return Err(R::DocLinkFormat.into());
                }
                let body = field("doc_text").trim().to_owned();
                if body.chars().count() > MAX_TEXT {
                    return Err(R::DocTextTooLong.into());
                }
                if link.is_empty() && body.is_empty() {
                    return Err(R::DocTextRequired.into());
                }
                Ok(TopicChange::Document {
                    topic,
                    document: DocumentDraft {
                        title,
                        issuer,
                        issued_on,
                        link,
                        body,
                    },
                })
            }
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
    /// For the whole city (its task force may span districts), not one district.
    pub citywide: bool,
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
    /// The count reached, for a countable target.
    pub result: Option<i64>,
    pub note: String,
    pub at: i64,
    /// The task force (专班) unit that posted it (none: the city's administrators).
    pub unit: Option<Names>,
}

/// A topic's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TopicView {
    pub summary: TopicSummary,
    pub description: String,
    pub target: String,
    /// A countable target (how many, of what) and the count reached so far.
    pub target_count: Option<(i64, String)>,
    pub result_count: i64,
    /// The policy documents issued for it, by date of issue.
    pub documents: Vec<DocumentView>,
    pub co_units: Vec<Names>,
    pub published_at: i64,
    /// Oldest first.
    pub updates: Vec<UpdateView>,
    /// The viewer may post progress: an admin, or staff of a unit of its task force (专班: the
    /// lead unit and the co-units, from any area).
    pub can_post: bool,
}

/// A policy document on a topic's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentView {
    pub title: String,
    pub issuer: String,
    /// `YYYY-MM-DD`
    pub issued_on: String,
    pub link: String,
    pub body: String,
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
