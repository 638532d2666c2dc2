//! Community consultations (议事厅, "群众的事商量着办"): area staff put a question to the
//! verified residents of their area; residents vote while it is open and may change their
//! ballot until it closes; results are aggregates only, shown as the consultation's rule says;
//! every consultation ends with a published outcome. Forms are parsed by `Draft::parse`,
//! `parse_ballot` and `Outcome::parse`, in the browser and again on the server.

pub mod api;
pub mod forms;
pub mod texts;
pub use texts::{ConsultationRefusal, ConsultationTexts};
#[cfg(feature = "ssr")]
pub mod live;
pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::error::AppError;
use crate::fields::{one_line, required_text};
use crate::requests::Names;
use ids::{CommentId, ConsultationId, OptionId, RequestId};
use serde::{Deserialize, Serialize};
use ConsultationRefusal as R;

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

crate::keyed_enum! {
    /// When results show.
    #[derive(Serialize, Deserialize)]
    pub enum ResultsShown {
        /// Always, while voting goes on.
        Live = "live" => "投票期间实时公布", "Live, while voting goes on";
        /// To those who voted, and to everyone once it closes.
        AfterVote = "after_vote" => "投票后可见，截止后公开", "To those who voted, then to all once closed";
        /// Once it closes.
        AfterClose = "after_close" => "截止后公布", "Once it closes";
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
    pub requests: Vec<RequestId>,
}

/// A Beijing time as a `datetime-local` field gives it (`2026-12-01T09:00`, seconds
/// allowed), as Unix seconds, refused with `format`.
pub fn parse_beijing_time(value: &str, format: ConsultationRefusal) -> Result<i64, AppError> {
    let value = value.trim();
    ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|format| chrono::NaiveDateTime::parse_from_str(value, format).ok())
        .map(|t| t.and_utc().timestamp() - BEIJING_OFFSET_SECS)
        .ok_or_else(|| format.into())
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
        let area = crate::fields::list_code(&value("area"), R::AreaRequired)?;
        let title = one_line(
            &value("title"),
            MAX_TITLE,
            R::TitleRequired,
            R::TitleTooLong,
            R::TitleFormat,
        )?;
        let background = required_text(
            &value("background"),
            MAX_TEXT,
            R::BackgroundRequired,
            R::BackgroundTooLong,
        )?;
        let question = one_line(
            &value("question"),
            MAX_LINE,
            R::QuestionRequired,
            R::QuestionTooLong,
            R::QuestionFormat,
        )?;
        let options: Vec<String> = value("options")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if options.len() < *OPTIONS.start() {
            return Err(AppError::from(R::OptionsTooFew));
        }
        if options.len() > *OPTIONS.end() {
            return Err(AppError::from(R::OptionsTooMany));
        }
        if options.iter().any(|o| o.chars().count() > MAX_LINE) {
            return Err(AppError::from(R::OptionsTooLong));
        }
        if options
            .iter()
            .enumerate()
            .any(|(i, o)| options[..i].contains(o))
        {
            return Err(AppError::from(R::OptionsRepeated));
        }
        let max_choices = value("max_choices")
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|m| (1..=options.len() as i32).contains(m))
            .ok_or_else(|| AppError::from(R::MaxChoicesFormat))?;
        let results_shown = ResultsShown::parse(value("results_shown").trim())
            .ok_or_else(|| AppError::from(R::ResultsShownRequired))?;
        let opens_at = parse_beijing_time(&value("opens_at"), R::OpensAtFormat)?;
        let closes_at = parse_beijing_time(&value("closes_at"), R::ClosesAtFormat)?;
        if closes_at <= opens_at {
            return Err(AppError::from(R::ClosesAtBeforeOpen));
        }
        let mut requests = Vec::new();
        for id in value("requests").split_whitespace() {
            let id = id
                .parse::<RequestId>()
                .map_err(|_| AppError::from(R::RequestsUnknown))?;
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
) -> Result<Vec<OptionId>, AppError> {
    let mut chosen = Vec::new();
    for (_, value) in pairs
        .into_iter()
        .filter(|(k, v)| *k == "options" && !v.trim().is_empty())
    {
        let id = value
            .trim()
            .parse::<OptionId>()
            .map_err(|_| AppError::from(R::OptionsUnknown))?;
        if !chosen.contains(&id) {
            chosen.push(id);
        }
    }
    if chosen.is_empty() {
        Err(AppError::from(R::OptionsRequired))
    } else {
        Ok(chosen)
    }
}

/// An option as a ballot checks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionView {
    pub id: OptionId,
    pub label: String,
    pub abstain: bool,
    /// `None` while the results do not show.
    pub votes: Option<i64>,
}

/// Checks `chosen` against a consultation's `options` and `max_choices`. Errors: `Invalid {
/// field: "options" }`: `unknown` (an option of another consultation), `too_many_chosen`,
/// `abstain_alone` (abstaining with another choice).
pub fn check_ballot(
    chosen: &[OptionId],
    options: &[OptionView],
    max_choices: i32,
) -> Result<(), AppError> {
    let mut abstains = false;
    for id in chosen {
        let option = options
            .iter()
            .find(|o| o.id == *id)
            .ok_or_else(|| AppError::from(R::OptionsUnknown))?;
        abstains |= option.abstain;
    }
    if abstains && chosen.len() > 1 {
        return Err(AppError::from(R::OptionsAbstainAlone));
    }
    if chosen.len() > usize::try_from(max_choices).unwrap_or(1) {
        return Err(AppError::from(R::OptionsTooManyChosen));
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
            outcome: required_text(outcome, MAX_TEXT, R::PlanRequired, R::PlanTooLong)?,
            by: one_line(by, MAX_LINE, R::ByRequired, R::ByTooLong, R::ByFormat)?,
            due: chrono::NaiveDate::parse_from_str(due.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::from(R::DueFormat))?,
        })
    }
}

/// A consultation as lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsultationSummary {
    pub id: ConsultationId,
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
    pub my_choices: Vec<OptionId>,
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
    pub requests: Vec<(RequestId, String)>,
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
pub const MAX_UPDATE: usize = 2000;
/// The most comments a page shows.
pub const MAX_COMMENTS: i64 = 500;

/// A comment in the discussion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommentView {
    pub id: CommentId,
    /// A reply's comment.
    pub parent: Option<CommentId>,
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
    pub parent: Option<CommentId>,
}

impl NewComment {
    /// Errors: `Invalid`: `body` (required, too_long), `parent` (unknown: not an id).
    pub fn parse(body: &str, parent: &str) -> Result<NewComment, AppError> {
        let parent = match parent.trim() {
            "" => None,
            id => Some(
                id.parse::<CommentId>()
                    .map_err(|_| AppError::from(R::ParentUnknown))?,
            ),
        };
        Ok(NewComment {
            body: required_text(body, MAX_COMMENT, R::BodyRequired, R::BodyTooLong)?,
            parent,
        })
    }
}

/// A progress update's text. Errors: `Invalid { field: "update" }`: required, too_long.
pub fn parse_update(note: &str) -> Result<String, AppError> {
    required_text(note, MAX_UPDATE, R::UpdateRequired, R::UpdateTooLong)
}

/// A moderator's reason for hiding a comment. Errors: `Invalid { field: "reason" }`:
/// required, too_long.
pub fn parse_hide_reason(reason: &str) -> Result<String, AppError> {
    crate::fields::required_text(
        reason,
        crate::requests::MAX_NOTE,
        ConsultationRefusal::ReasonRequired,
        ConsultationRefusal::ReasonTooLong,
    )
}

/// A consultation a request's page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedConsultation {
    pub id: ConsultationId,
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
    pub id: RequestId,
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
pub fn events_path(id: ConsultationId) -> String {
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
            _ => Err(AppError::from(R::StepUnknown)),
        }
    }
}

#[cfg(test)]
mod tests;
