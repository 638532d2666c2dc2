//! Handling: what staff do to a request (派单, 直接答复, 接单, 退单, 答复, 办结, 吹哨报到, 下派, 上报) and who
//! may do it. A staff form is parsed into a `Step` by `Step::parse`, in the browser and again on the
//! server; `allowed` is the one table of who may take which step; the server applies a step
//! through the request state machine (`requests::lifecycle`) in one transaction.

pub mod api;
pub mod forms;
pub mod page;
pub mod texts;
pub use texts::{HandlingRefusal, HandlingTexts};
#[cfg(feature = "ssr")]
pub mod ssr;

use crate::accounts::{CurrentUser, Role};
use crate::error::{AppError, Refusal};
use crate::fields::{list_code, optional_text, required_text};
use crate::requests::lifecycle::Action;
use crate::requests::RequestRefusal::NoteTooLong;
use crate::requests::MAX_NOTE;
use crate::requests::{ClosureCode, Names, Standing, Status, UnitKind};
use serde::{Deserialize, Serialize};
use HandlingRefusal as R;

/// The most units one whistle summons.
pub const MAX_SUMMONED: usize = 10;
/// The most standard answers the answer step offers.
pub const ANSWER_CHOICES: i64 = 50;

/// One staff step on a request, checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// To a unit (its code); `urgent` shortens the deadlines.
    Dispatch {
        unit: String,
        urgent: bool,
    },
    /// The hotline's answer at intake (直接答复): no unit needs to act.
    Answer {
        answer: String,
    },
    Reclassify {
        category: String,
    },
    /// Into the request with this tracking number.
    Merge {
        into: String,
    },
    Accept,
    Return {
        reason: String,
    },
    Respond {
        note: String,
    },
    Progress {
        note: String,
        public: bool,
    },
    Resolve {
        code: ClosureCode,
        explanation: String,
    },
    /// Summons these units (codes).
    Whistle {
        units: Vec<String>,
        reason: String,
    },
    CheckIn {
        note: String,
    },
    Contribute {
        note: String,
    },
    /// To the committee of one of the street's communities (its code), with an optional note.
    PassDown {
        community: String,
        note: String,
    },
    /// Back to the street office, with the reason it is beyond the community.
    PassUp {
        reason: String,
    },
    /// Rates the part of the summoned unit with this code: arrived, co-operation, result (1 to
    /// 5 each) and a comment.
    RateSummons {
        summoned: String,
        scores: [i16; 3],
        comment: String,
    },
    /// The street office confirms a found case is fixed, with an optional note.
    Confirm {
        note: String,
    },
    /// The street office says a found case is not fixed, and why.
    SendBack {
        reason: String,
    },
}

/// A staff form as posted: the step's name and every field any step has ("" when absent);
/// `units` holds every value of the repeated `units` field.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepForm {
    pub step: String,
    pub unit: String,
    pub urgent: bool,
    pub note: String,
    pub public: bool,
    pub reason: String,
    pub closure: String,
    pub explanation: String,
    pub category: String,
    pub into: String,
    pub units: Vec<String>,
    pub community: String,
    pub summoned: String,
    pub arrived: String,
    pub cooperation: String,
    pub result: String,
    pub comment: String,
    pub answer: String,
}

impl StepForm {
    /// The form from its posted `(name, value)` pairs.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> StepForm {
        let mut form = StepForm::default();
        for (name, value) in pairs {
            let value = value.to_owned();
            match name {
                "step" => form.step = value,
                "unit" => form.unit = value,
                "urgent" => form.urgent = !value.is_empty(),
                "note" => form.note = value,
                "public" => form.public = !value.is_empty(),
                "reason" => form.reason = value,
                "closure" => form.closure = value,
                "explanation" => form.explanation = value,
                "category" => form.category = value,
                "into" => form.into = value,
                "community" => form.community = value,
                "summoned" => form.summoned = value,
                "arrived" => form.arrived = value,
                "cooperation" => form.cooperation = value,
                "result" => form.result = value,
                "comment" => form.comment = value,
                "answer" => form.answer = value,
                "units" if !value.is_empty() => form.units.push(value),
                _ => {}
            }
        }
        form
    }
}

/// A staff member's note (a note, a reason, an explanation): trimmed, 1 to `MAX_NOTE`
/// characters, refused with `empty` or `too_long`.
fn note(text: &str, empty: impl Refusal, too_long: impl Refusal) -> Result<String, AppError> {
    required_text(text, MAX_NOTE, empty, too_long)
}

/// A score from 1 to 5, refused with `missing` otherwise.
fn score(text: &str, missing: impl Refusal) -> Result<i16, AppError> {
    match text.trim().parse::<i16>() {
        Ok(n) if (1..=5).contains(&n) => Ok(n),
        _ => Err(missing.into_error()),
    }
}

impl Step {
    /// Checks a staff form. Errors: `Invalid` with the field: `step` (unknown), `unit`,
    /// `category`, `community`, `units` (required, too_many), `into` (invalid), `closure` (required),
    /// `reason`, `note`, `explanation` (required, too_long).
    pub fn parse(form: &StepForm) -> Result<Step, AppError> {
        Ok(match form.step.as_str() {
            "dispatch" => Step::Dispatch {
                unit: list_code(&form.unit, R::UnitRequired)?,
                urgent: form.urgent,
            },
            "answer" => Step::Answer {
                answer: note(&form.answer, R::AnswerRequired, R::AnswerTooLong)?,
            },
            "reclassify" => Step::Reclassify {
                category: list_code(&form.category, R::CategoryRequired)?,
            },
            "merge" => Step::Merge {
                into: crate::requests::parse_tracking_number(&form.into)
                    .map_err(|_| AppError::from(R::IntoInvalid))?,
            },
            "accept" => Step::Accept,
            "return" => Step::Return {
                reason: note(&form.reason, R::ReasonRequired, R::ReasonTooLong)?,
            },
            "respond" => Step::Respond {
                note: note(&form.note, R::NoteRequired, NoteTooLong)?,
            },
            "progress" => Step::Progress {
                note: note(&form.note, R::NoteRequired, NoteTooLong)?,
                public: form.public,
            },
            "resolve" => Step::Resolve {
                code: ClosureCode::parse(form.closure.trim())
                    .ok_or_else(|| AppError::from(R::ClosureRequired))?,
                explanation: note(
                    &form.explanation,
                    R::ExplanationRequired,
                    R::ExplanationTooLong,
                )?,
            },
            "whistle" => {
                if form.units.is_empty() {
                    return Err(AppError::from(R::UnitsRequired));
                }
                if form.units.len() > MAX_SUMMONED {
                    return Err(AppError::from(R::UnitsTooMany));
                }
                let mut units = form
                    .units
                    .iter()
                    .map(|u| list_code(u, R::UnitsRequired))
                    .collect::<Result<Vec<_>, _>>()?;
                units.sort();
                units.dedup();
                Step::Whistle {
                    units,
                    reason: note(&form.reason, R::ReasonRequired, R::ReasonTooLong)?,
                }
            }
            "check_in" => Step::CheckIn {
                note: optional_text(&form.note, MAX_NOTE, NoteTooLong)?,
            },
            "contribute" => Step::Contribute {
                note: note(&form.note, R::NoteRequired, NoteTooLong)?,
            },
            "pass_down" => Step::PassDown {
                community: list_code(&form.community, R::CommunityRequired)?,
                note: optional_text(&form.note, MAX_NOTE, NoteTooLong)?,
            },
            "pass_up" => Step::PassUp {
                reason: note(&form.reason, R::ReasonRequired, R::ReasonTooLong)?,
            },
            "rate_summons" => Step::RateSummons {
                summoned: list_code(&form.summoned, R::SummonedRequired)?,
                scores: [
                    score(&form.arrived, R::ArrivedRequired)?,
                    score(&form.cooperation, R::CooperationRequired)?,
                    score(&form.result, R::ResultRequired)?,
                ],
                comment: optional_text(&form.comment, MAX_NOTE, R::CommentTooLong)?,
            },
            "confirm" => Step::Confirm {
                note: optional_text(&form.note, MAX_NOTE, NoteTooLong)?,
            },
            "send_back" => Step::SendBack {
                reason: note(&form.reason, R::ReasonRequired, R::ReasonTooLong)?,
            },
            _ => return Err(AppError::from(R::StepUnknown)),
        })
    }

    /// The state machine's action for this step.
    pub fn action(&self) -> Action {
        match self {
            Step::Dispatch { .. } => Action::Dispatch,
            Step::Answer { .. } => Action::Answer,
            Step::Reclassify { .. } => Action::Reclassify,
            Step::Merge { .. } => Action::Merge,
            Step::Accept => Action::Accept,
            Step::Return { .. } => Action::Return,
            Step::Respond { .. } => Action::Respond,
            Step::Progress { .. } => Action::Progress,
            Step::Resolve { .. } => Action::Resolve,
            Step::Whistle { .. } => Action::Whistle,
            Step::CheckIn { .. } => Action::CheckIn,
            Step::Contribute { .. } => Action::Contribute,
            Step::PassDown { .. } => Action::PassDown,
            Step::PassUp { .. } => Action::PassUp,
            Step::RateSummons { .. } => Action::RateSummons,
            Step::Confirm { .. } => Action::Confirm,
            Step::SendBack { .. } => Action::SendBack,
        }
    }
}

/// Whether `user` may take `action` on a request where they stand as `standing`: the one
/// table of who may do what. Deny by default: every action not listed is refused. A unit's
/// steps are taken by whoever acts for it (`CurrentUser::unit`: its handlers, a community's
/// area staff for its committee, the dispatchers for the hotline centre).
pub fn allowed(user: &CurrentUser, action: Action, standing: Standing) -> bool {
    let unit = user.unit();
    let handles = unit.is_some() && unit == standing.request_unit;
    let holder = |kind: UnitKind| handles && standing.unit_kind == Some(kind);
    match action {
        Action::Dispatch | Action::Reclassify | Action::Merge => user.role == Role::Dispatcher,
        // For the hotline centre: without one, nobody answers at intake.
        Action::Answer => user.role == Role::Dispatcher && unit.is_some(),
        Action::Accept | Action::Respond | Action::Progress | Action::Resolve => handles,
        // The hotline centre settles a reopened answer itself or returns it to be dispatched;
        // it summons nobody.
        Action::Whistle | Action::RateSummons => {
            handles && standing.unit_kind != Some(UnitKind::HotlineCentre)
        }
        // A community passes up to its street office; it does not return to the hotline.
        Action::Return => handles && standing.unit_kind != Some(UnitKind::Community),
        Action::PassDown => holder(UnitKind::Street),
        Action::PassUp => holder(UnitKind::Community),
        Action::CheckIn => unit.is_some() && standing.summoned == Some(false),
        Action::Contribute => unit.is_some() && standing.summoned == Some(true),
        // A found case: its street office stands in for the resident who would rate it.
        Action::Confirm | Action::SendBack => unit.is_some() && standing.confirms,
        Action::AddInfo | Action::Withdraw | Action::Close | Action::Reopen => false,
    }
}

/// Every staff step, with its action: the forms a request page may offer.
pub const STEPS: [(&str, Action); 17] = [
    ("dispatch", Action::Dispatch),
    ("answer", Action::Answer),
    ("reclassify", Action::Reclassify),
    ("merge", Action::Merge),
    ("accept", Action::Accept),
    ("return", Action::Return),
    ("respond", Action::Respond),
    ("progress", Action::Progress),
    ("resolve", Action::Resolve),
    ("whistle", Action::Whistle),
    ("check_in", Action::CheckIn),
    ("contribute", Action::Contribute),
    ("pass_down", Action::PassDown),
    ("pass_up", Action::PassUp),
    ("rate_summons", Action::RateSummons),
    ("confirm", Action::Confirm),
    ("send_back", Action::SendBack),
];

/// The name of a staff step for people, in `locale`.
pub fn step_label(key: &str, locale: crate::i18n::Locale) -> Option<&'static str> {
    Some(locale.pick(match key {
        "dispatch" => ("派单", "Dispatch"),
        "answer" => ("直接答复", "Answer at intake"),
        "reclassify" => ("调整类别", "Change category"),
        "merge" => ("合并重复诉求", "Merge a duplicate"),
        "accept" => ("接单", "Accept"),
        "return" => ("退回派单", "Return to the dispatcher"),
        "respond" => (
            "联系市民（首次响应）",
            "Contact the resident (first response)",
        ),
        "progress" => ("更新进展", "Post progress"),
        "resolve" => ("办结", "Resolve"),
        "whistle" => ("吹哨", "Blow the whistle"),
        "check_in" => ("报到", "Check in"),
        "contribute" => ("报送协同办理情况", "Post our part"),
        "pass_down" => ("下派社区", "Pass down to a community"),
        "pass_up" => ("上报街道", "Pass up to the street office"),
        "rate_summons" => ("评价协同单位", "Rate a summoned unit's part"),
        "confirm" => ("确认已解决（结案）", "Confirm it is fixed (close)"),
        "send_back" => ("未解决，退回继续办理", "Not fixed: send it back"),
        _ => return None,
    }))
}

pub use crate::requests::UnitChoice;

/// A summoned unit on the request page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummonsView {
    /// Its code: what the rating form names.
    pub code: String,
    pub unit: Names,
    pub reason: String,
    pub check_in_by: i64,
    pub checked_in_at: Option<i64>,
    /// It posted its part.
    pub contributed: bool,
    /// The summoning unit's rating of its part, once given.
    pub rating: Option<SummonsRating>,
}

/// A summoning unit's rating of a summoned unit's part (街乡评价部门).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummonsRating {
    /// 到位, 配合, 效果: 1 to 5 each.
    pub arrived: i16,
    pub cooperation: i16,
    pub result: i16,
    /// Staff only (empty for everyone else).
    pub comment: String,
}

/// Whether something due `by` (a check-in, a pass to be taken) is late at `now`: done after
/// its deadline, or not done and the deadline has passed.
pub fn is_late(done_at: Option<i64>, by: i64, now: i64) -> bool {
    done_at.unwrap_or(now) > by
}

impl SummonsView {
    /// Checked in after the deadline, or not yet and the deadline has passed.
    pub fn is_late(&self, now: i64) -> bool {
        is_late(self.checked_in_at, self.check_in_by, now)
    }
}

/// What the staff part of a request page shows: the steps the viewer may take now (the
/// state machine and `allowed` agree) and the units to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffPanel {
    pub steps: Vec<String>,
    pub units: Vec<UnitChoice>,
    /// The unit proposed at filing (its code), preselected for dispatch.
    pub proposed_unit: Option<String>,
    pub urgent: bool,
    /// The categories to re-classify into (empty unless that step is offered).
    pub categories: Vec<crate::requests::Category>,
    /// The street's communities to pass down to (empty unless that step is offered).
    pub communities: Vec<UnitChoice>,
    /// The summoned units whose part this unit may rate now (checked in, contributed, not
    /// rated yet); the step is offered only when there is one.
    pub to_rate: Vec<UnitChoice>,
    /// The standard answers that fit the request, its category's first (empty unless the
    /// answer step is offered).
    pub answers: Vec<AnswerChoice>,
}

/// A standard answer (标准答复) a dispatcher may start from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerChoice {
    pub id: ids::StandardAnswerId,
    pub title: String,
    pub body: String,
}

/// A pass between a street office and a community (下派 / 上报) on the request page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PassView {
    /// Down to a community (true) or up to the street office.
    pub down: bool,
    pub from: Names,
    pub to: Names,
    pub reason: String,
    pub answer_by: i64,
    pub answered_at: Option<i64>,
    pub at: i64,
}

/// The steps `user` may take on a request in `status` where they stand as `standing`.
pub fn steps_for(user: &CurrentUser, status: Status, standing: Standing) -> Vec<String> {
    STEPS
        .iter()
        .filter(|(_, action)| {
            allowed(user, *action, standing)
                && crate::requests::lifecycle::next(status, *action).is_ok()
        })
        .map(|(name, _)| (*name).to_owned())
        .collect()
}

/// A request in a staff queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueItem {
    pub tracking_number: String,
    pub status: Status,
    pub is_public: bool,
    pub category: Names,
    pub place: Names,
    pub summary: String,
    pub urgent: bool,
    pub respond_by: i64,
    pub resolve_by: i64,
    pub created_at: i64,
    /// Intake: the proposed unit; a unit's queue: the unit that summoned it, for a summons.
    pub unit: Option<Names>,
    /// Intake: the area of the rule that proposed the unit (`None`: the street office).
    pub rule_area: Option<Names>,
    pub has_rule: bool,
    /// A summons waiting for this unit's check-in, by then.
    pub check_in_by: Option<i64>,
    pub returns: i64,
    /// A pass to this unit waiting to be taken: the unit that passed it, and by when.
    pub passed: Option<(Names, i64)>,
}

pub use crate::requests::HOT_SPOT_DAYS;

/// Many open requests of one category in one community lately (未诉先办): the dispatcher and
/// the street office should act before more residents have to call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotSpot {
    pub community_code: String,
    pub community: Names,
    pub street: Names,
    pub street_code: String,
    pub category: Names,
    pub category_code: String,
    /// Open requests filed in the last `HOT_SPOT_DAYS` days.
    pub open: i64,
    /// The case opened from it and not closed yet (its number): no second one is offered.
    pub case_number: Option<String>,
}

/// A page of a staff queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueuePage {
    /// The hot spots the viewer should know of (first page only): every one for a
    /// dispatcher, its street's for a street office.
    pub hot_spots: Vec<HotSpot>,
    /// The viewer's unit records the cases it finds (a street office, a community's
    /// committee): the page offers that, and a case from each hot spot.
    pub records_found: bool,
    pub items: Vec<QueueItem>,
    /// Which page (from 0).
    pub page: u32,
    /// Whether another page follows.
    pub more: bool,
}

#[cfg(test)]
mod tests;
