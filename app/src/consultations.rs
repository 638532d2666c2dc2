//! Community consultations (议事厅, "群众的事商量着办"): area staff put a question to the
//! verified residents of their area; residents vote while it is open and may change their
//! ballot until it closes; results are aggregates only, shown as the consultation's rule says;
//! every consultation ends with a published outcome. Forms are parsed by `Draft::parse`,
//! `parse_ballot` and `Outcome::parse`, in the browser and again on the server.

pub mod api;
#[cfg(feature = "ssr")]
pub mod live;
pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use crate::requests::Names;
use serde::{Deserialize, Serialize};

/// The longest title, in characters.
pub const MAX_TITLE: usize = 60;
/// The longest question, option or "by whom", in characters.
pub const MAX_LINE: usize = 200;
/// The longest background or outcome, in characters.
pub const MAX_TEXT: usize = 4000;
/// Options a consultation has (besides "abstain").
pub const OPTIONS: std::ops::RangeInclusive<usize> = 2..=20;
/// Beijing is UTC+8 all year: the forms' times are Beijing's.
pub const BEIJING_OFFSET_SECS: i64 = 8 * 3600;

/// When results show.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResultsShown {
    /// Always, while voting goes on.
    Live,
    /// To those who voted, and to everyone once it closes.
    AfterVote,
    /// Once it closes.
    AfterClose,
}

impl ResultsShown {
    pub const ALL: [ResultsShown; 3] = [
        ResultsShown::Live,
        ResultsShown::AfterVote,
        ResultsShown::AfterClose,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ResultsShown::Live => "live",
            ResultsShown::AfterVote => "after_vote",
            ResultsShown::AfterClose => "after_close",
        }
    }

    pub fn parse(s: &str) -> Option<ResultsShown> {
        Self::ALL.into_iter().find(|r| r.as_str() == s)
    }
}

/// Where a consultation stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    /// Not published: its area's staff see it.
    Draft,
    /// Published, not open yet.
    Upcoming,
    Open,
    /// Closed without an outcome: awaiting the decision for this many whole days.
    AwaitingDecision {
        days: i64,
    },
    Decided,
}

impl Phase {
    /// The phase of a consultation of `status` (`draft`, `published`, `decided`) open from
    /// `opens_at` to `closes_at`, at `now` (Unix seconds).
    pub fn at(status: &str, opens_at: i64, closes_at: i64, now: i64) -> Phase {
        match status {
            "draft" => Phase::Draft,
            "decided" => Phase::Decided,
            _ if now < opens_at => Phase::Upcoming,
            _ if now < closes_at => Phase::Open,
            _ => Phase::AwaitingDecision {
                days: (now - closes_at) / 86_400,
            },
        }
    }

    /// Voting is over.
    pub fn closed(self) -> bool {
        matches!(self, Phase::AwaitingDecision { .. } | Phase::Decided)
    }
}

/// Whether the results show, under `rule`, in `phase`, to a viewer who `voted`.
pub fn results_visible(rule: ResultsShown, phase: Phase, voted: bool) -> bool {
    match rule {
        _ if phase.closed() => true,
        ResultsShown::Live => phase == Phase::Open,
        ResultsShown::AfterVote => voted,
        ResultsShown::AfterClose => false,
    }
}

/// A checked consultation form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Draft {
    /// The area it covers (a code).
    pub area: String,
    pub title: String,
    pub background: String,
    pub question: String,
    /// In order, without "abstain".
    pub options: Vec<String>,
    /// 1: a single choice.
    pub max_choices: i32,
    pub abstain: bool,
    pub results_shown: ResultsShown,
    /// Unix seconds.
    pub opens_at: i64,
    pub closes_at: i64,
    /// The open requests it is opened from (ids), if any.
    pub requests: Vec<i64>,
}

/// A text of at most `max` characters, required; `one_line` refuses line breaks.
fn text(field: &str, value: &str, max: usize, one_line: bool) -> Result<String, AppError> {
    let value = value.trim();
    if value.is_empty() {
        Err(AppError::invalid(field, "required"))
    } else if value.chars().count() > max {
        Err(AppError::invalid(field, "too_long"))
    } else if one_line && value.chars().any(char::is_control) {
        Err(AppError::invalid(field, "format"))
    } else {
        Ok(value.to_owned())
    }
}

/// A Beijing time as a `datetime-local` field gives it (`2026-12-01T09:00`, seconds
/// allowed), as Unix seconds. Errors: `Invalid { field, reason: "format" }`.
pub fn parse_beijing_time(field: &str, value: &str) -> Result<i64, AppError> {
    let value = value.trim();
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|format| chrono::NaiveDateTime::parse_from_str(value, format).ok())
        .map(|t| t.and_utc().timestamp() - BEIJING_OFFSET_SECS)
        .ok_or_else(|| AppError::invalid(field, "format"))
}

/// Unix seconds as a `datetime-local` value in Beijing time.
pub fn beijing_time_value(at: i64) -> String {
    chrono::DateTime::from_timestamp(at + BEIJING_OFFSET_SECS, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M").to_string())
        .unwrap_or_default()
}

/// Every field of the consultation form.
pub const DRAFT_FIELDS: [&str; 11] = [
    "area",
    "title",
    "background",
    "question",
    "options",
    "max_choices",
    "abstain",
    "results_shown",
    "opens_at",
    "closes_at",
    "requests",
];

impl Draft {
    /// Checks a consultation form (`value(name)`: the field, "" when missing). Errors:
    /// `Invalid` with the field: `area` (required); `title`, `question` (required,
    /// too_long, format); `background` (required, too_long); `options` (too_few, too_many,
    /// too_long: an option over `MAX_LINE`, repeated: the same option twice); `max_choices`
    /// (format: not a whole number from 1 to the number of options); `results_shown`
    /// (required); `opens_at`, `closes_at` (format); `closes_at` (before_open); `requests`
    /// (unknown: not request ids; the repeated field's values come separated by whitespace).
    pub fn parse(value: impl Fn(&str) -> String) -> Result<Draft, AppError> {
        let area = crate::handling::parse_code("area", &value("area"))?;
        let title = text("title", &value("title"), MAX_TITLE, true)?;
        let background = text("background", &value("background"), MAX_TEXT, false)?;
        let question = text("question", &value("question"), MAX_LINE, true)?;
        let options: Vec<String> = value("options")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if options.len() < *OPTIONS.start() {
            return Err(AppError::invalid("options", "too_few"));
        }
        if options.len() > *OPTIONS.end() {
            return Err(AppError::invalid("options", "too_many"));
        }
        if options.iter().any(|o| o.chars().count() > MAX_LINE) {
            return Err(AppError::invalid("options", "too_long"));
        }
        if options
            .iter()
            .enumerate()
            .any(|(i, o)| options[..i].contains(o))
        {
            return Err(AppError::invalid("options", "repeated"));
        }
        let max_choices = value("max_choices")
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|m| (1..=options.len() as i32).contains(m))
            .ok_or_else(|| AppError::invalid("max_choices", "format"))?;
        let results_shown = ResultsShown::parse(value("results_shown").trim())
            .ok_or_else(|| AppError::invalid("results_shown", "required"))?;
        let opens_at = parse_beijing_time("opens_at", &value("opens_at"))?;
        let closes_at = parse_beijing_time("closes_at", &value("closes_at"))?;
        if closes_at <= opens_at {
            return Err(AppError::invalid("closes_at", "before_open"));
        }
        let mut requests = Vec::new();
        for id in value("requests").split_whitespace() {
            let id = id
                .parse::<i64>()
                .map_err(|_| AppError::invalid("requests", "unknown"))?;
            if !requests.contains(&id) {
                requests.push(id);
            }
        }
        Ok(Draft {
            area,
            title,
            background,
            question,
            options,
            max_choices,
            abstain: !value("abstain").is_empty(),
            results_shown,
            opens_at,
            closes_at,
            requests,
        })
    }
}

/// The options a ballot form chose (the repeated `options` field), each an option's id.
/// Errors: `Invalid { field: "options", reason: "required" }` (none), `"unknown"` (not an id).
pub fn parse_ballot<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Result<Vec<i64>, AppError> {
    let mut chosen = Vec::new();
    for (_, value) in pairs
        .into_iter()
        .filter(|(k, v)| *k == "options" && !v.trim().is_empty())
    {
        let id = value
            .trim()
            .parse::<i64>()
            .map_err(|_| AppError::invalid("options", "unknown"))?;
        if !chosen.contains(&id) {
            chosen.push(id);
        }
    }
    if chosen.is_empty() {
        Err(AppError::invalid("options", "required"))
    } else {
        Ok(chosen)
    }
}

/// An option as a ballot checks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    pub id: i64,
    pub label: String,
    pub abstain: bool,
    /// `None` while the results do not show.
    pub votes: Option<i64>,
}

/// Checks `chosen` against a consultation's `options` and `max_choices`. Errors: `Invalid {
/// field: "options" }`: `unknown` (an option of another consultation), `too_many_chosen`,
/// `abstain_alone` (abstaining with another choice).
pub fn check_ballot(
    chosen: &[i64],
    options: &[OptionView],
    max_choices: i32,
) -> Result<(), AppError> {
    let mut abstains = false;
    for id in chosen {
        let option = options
            .iter()
            .find(|o| o.id == *id)
            .ok_or_else(|| AppError::invalid("options", "unknown"))?;
        abstains |= option.abstain;
    }
    if abstains && chosen.len() > 1 {
        return Err(AppError::invalid("options", "abstain_alone"));
    }
    if chosen.len() > usize::try_from(max_choices).unwrap_or(1) {
        return Err(AppError::invalid("options", "too_many_chosen"));
    }
    Ok(())
}

/// A checked outcome: what will be done, by whom, by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    pub outcome: String,
    pub by: String,
    pub due: chrono::NaiveDate,
}

impl Outcome {
    /// Errors: `Invalid`: `plan` (required, too_long: what will be done), `by` (required,
    /// too_long, format),
    /// `due` (format).
    pub fn parse(outcome: &str, by: &str, due: &str) -> Result<Outcome, AppError> {
        Ok(Outcome {
            outcome: text("plan", outcome, MAX_TEXT, false)?,
            by: text("by", by, MAX_LINE, true)?,
            due: chrono::NaiveDate::parse_from_str(due.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::invalid("due", "format"))?,
        })
    }
}

/// A consultation as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationSummary {
    pub id: i64,
    pub title: String,
    pub area: Names,
    pub phase: Phase,
    pub opens_at: i64,
    pub closes_at: i64,
    /// Staff closed it early: it was meant to close then.
    pub planned_closes_at: Option<i64>,
    /// Reported comments not hidden yet (for its staff; else 0).
    pub reported: i64,
}

/// Why an open consultation shows this viewer no ballot (the page says so, and where to go).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoBallot {
    SignIn,
    /// Staff accounts do not vote.
    Staff,
    /// A resident not verified in its area.
    Unverified,
}

/// A consultation's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationView {
    pub summary: ConsultationSummary,
    pub area_code: String,
    pub background: String,
    pub question: String,
    pub max_choices: i32,
    pub results_shown: ResultsShown,
    pub options: Vec<OptionView>,
    /// Shown with the results: ballots cast, residents verified in the area.
    pub turnout: Option<(i64, i64)>,
    /// The viewer's ballot (option ids), for them only.
    pub my_choices: Vec<i64>,
    /// The viewer is a resident verified in the area and it is open.
    pub can_vote: bool,
    /// Open, but not to this viewer: why.
    pub no_ballot: Option<NoBallot>,
    /// The viewer is staff of an area containing it.
    pub can_manage: bool,
    pub outcome: Option<Outcome>,
    /// Progress after the outcome, newest first: (when, note).
    pub updates: Vec<(i64, String)>,
    /// The requests it was opened from: (id, tracking number).
    pub requests: Vec<(i64, String)>,
    /// The discussion: each comment followed by its replies.
    pub comments: Vec<CommentView>,
    /// The viewer may comment and reply (a resident verified in its area, or its staff).
    pub can_comment: bool,
    /// The viewer may report comments (a signed-in resident).
    pub can_report: bool,
    /// The results the viewer sees change while it is open: the page follows them live.
    pub live: bool,
    /// The viewer may follow the results, but fewer than this many residents have voted:
    /// nothing is shown yet (one ballot alone never shows).
    pub withheld_until: Option<i64>,
}

/// The longest comment, in characters.
pub const MAX_COMMENT: usize = 1000;
/// The longest progress update, in characters (as a topic's).
pub const MAX_UPDATE: usize = crate::topics::MAX_TEXT;
/// The most comments a page shows.
pub const MAX_COMMENTS: i64 = 500;

/// A comment in the discussion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: i64,
    /// A reply's comment.
    pub parent: Option<i64>,
    pub author: String,
    /// Written by staff.
    pub by_staff: bool,
    /// `None` once hidden by a moderator.
    pub body: Option<String>,
    pub hidden_reason: Option<String>,
    pub at: i64,
    /// How many residents reported it (its staff only).
    pub reports: Option<i64>,
    /// The viewer reported it.
    pub reported: bool,
    /// The viewer wrote it.
    pub mine: bool,
}

/// A checked comment: its text, and the comment it replies to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewComment {
    pub body: String,
    pub parent: Option<i64>,
}

impl NewComment {
    /// Errors: `Invalid`: `body` (required, too_long), `parent` (unknown: not an id).
    pub fn parse(body: &str, parent: &str) -> Result<NewComment, AppError> {
        let parent = match parent.trim() {
            "" => None,
            id => Some(
                id.parse::<i64>()
                    .map_err(|_| AppError::invalid("parent", "unknown"))?,
            ),
        };
        Ok(NewComment {
            body: text("body", body, MAX_COMMENT, false)?,
            parent,
        })
    }
}

/// A progress update's text. Errors: `Invalid { field: "update" }`: required, too_long.
pub fn parse_update(note: &str) -> Result<String, AppError> {
    text("update", note, MAX_UPDATE, false)
}

/// A moderator's reason for hiding a comment. Errors: `Invalid { field: "reason" }`:
/// required, too_long.
pub fn parse_hide_reason(reason: &str) -> Result<String, AppError> {
    crate::handling::required("reason", reason)
}

/// A consultation a request's page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedConsultation {
    pub id: i64,
    pub title: String,
    pub phase: Phase,
    /// What will be done, once decided.
    pub outcome: Option<String>,
}

/// Open requests of one category in one community, from which staff may open a
/// consultation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestGroup {
    pub community: Names,
    pub community_code: String,
    pub category: Names,
    pub category_code: String,
    pub open: i64,
    /// As many as make a hot spot.
    pub hot_spot: bool,
}

/// An open request, as the new consultation form lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenRequest {
    pub id: i64,
    pub tracking_number: String,
    /// The first line of its description, shortened.
    pub summary: String,
    pub at: i64,
}

/// What a new consultation may start from: the open request groups of the staff member's
/// area, and the chosen group's requests with a pre-filled draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sources {
    pub groups: Vec<RequestGroup>,
    pub chosen: Option<Chosen>,
}

/// A chosen group of requests and the form it pre-fills.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Chosen {
    pub group: RequestGroup,
    pub requests: Vec<OpenRequest>,
}

/// The results as they change: votes in the options' order, ballots, and residents who
/// could vote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub votes: Vec<i64>,
    pub ballots: i64,
    pub eligible: i64,
}

impl Tally {
    /// As an event's data: "ballots eligible votes…", whole numbers separated by spaces.
    pub fn encode(&self) -> String {
        let mut numbers = vec![self.ballots, self.eligible];
        numbers.extend(&self.votes);
        numbers
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// What `encode` wrote; `None` for anything else.
    pub fn decode(data: &str) -> Option<Tally> {
        let numbers = data
            .split(' ')
            .map(|n| n.parse::<i64>().ok())
            .collect::<Option<Vec<_>>>()?;
        match numbers.as_slice() {
            [ballots, eligible, votes @ ..] => Some(Tally {
                votes: votes.to_vec(),
                ballots: *ballots,
                eligible: *eligible,
            }),
            _ => None,
        }
    }

    /// Turnout as a share ("37.5%"), or "—" when nobody could vote.
    pub fn share(&self) -> String {
        if self.eligible > 0 {
            format!("{:.1}%", self.ballots as f64 * 100.0 / self.eligible as f64)
        } else {
            "—".to_owned()
        }
    }
}

/// The path of a consultation's live results (Server-Sent Events, `tally` events).
pub fn events_path(id: i64) -> String {
    format!("/consultations/{id}/events")
}

/// A staff step on a consultation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum StaffStep {
    Publish,
    Close,
}

impl StaffStep {
    /// Errors: `Invalid { field: "step", reason: "unknown" }`.
    pub fn parse(step: &str) -> Result<StaffStep, AppError> {
        match step {
            "publish" => Ok(StaffStep::Publish),
            "close" => Ok(StaffStep::Close),
            _ => Err(AppError::invalid("step", "unknown")),
        }
    }
}

#[cfg(test)]
mod tests;
