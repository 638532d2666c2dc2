//! Volunteers and party members (小巷管家, 志愿者, 双报到): the people who serve their
//! community, and the duty rosters they keep ("规定时段不断岗").
//!
//! Community staff appoint verified residents as stewards for a patch; residents ask to join
//! their community's volunteer team or report to it as working party members, and its staff
//! confirm or decline. Staff post duty rosters (a recurring shift at one place); anyone serving
//! the community signs up for a shift while places remain, and may cancel before it begins.
//! Forms are parsed by `Appointment::parse`, `Offer::parse`, `Decision::parse` and
//! `RosterDraft::parse`, in the browser and again on the server.

pub mod api;
pub mod area;
pub mod forms;
pub mod organisations;
pub mod page;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod texts;
pub use texts::{VolunteerRefusal, VolunteerTexts};

use crate::accounts::Phone;
use crate::error::AppError;
use crate::fields::{list_code, one_line};
use crate::requests::Names;
use chrono::{NaiveDate, NaiveTime};
use ids::{RosterId, ShiftId, VolunteerId};
use serde::{Deserialize, Serialize};
use VolunteerRefusal as R;

crate::keyed_enum! {
    /// The role a resident serves their community in.
    #[derive(Serialize, Deserialize)]
    pub enum VolunteerKind {
        /// Appointed by the community for a patch.
        Steward = "steward" => "小巷管家", "Lane steward";
        /// A member of the community's volunteer team.
        Volunteer = "volunteer" => "社区志愿者", "Community volunteer";
        /// A working party member reporting to their home community (双报到).
        PartyMember = "party_member" => "在职党员（双报到）", "Working party member (双报到)";
    }
}
crate::db_key!(VolunteerKind => VolunteerKind);

crate::keyed_enum! {
    /// Where a role stands.
    #[derive(Serialize, Deserialize)]
    pub enum VolunteerStatus {
        Pending = "pending" => "待社区确认", "Waiting for the community";
        Active = "active" => "在岗", "Serving";
        Declined = "declined" => "未通过", "Declined";
        Ended = "ended" => "已结束", "Ended";
    }
}
crate::db_key!(VolunteerStatus => VolunteerStatus);

/// The longest patch, organisation, roster title or place, in characters.
pub const MAX_LINE: usize = 100;
/// The most places a shift has.
pub const MAX_PLACES: i32 = 100;
/// The longest roster, in days (first to last).
pub const MAX_ROSTER_DAYS: i64 = 92;
/// How many days of shifts the pages show.
pub const SHIFT_DAYS: i64 = 14;
/// How long before a shift a reminder arrives, in hours.
pub const REMIND_HOURS: i32 = 12;
/// How long before a shift with open places its community's staff are told, in hours.
pub const SHORT_HOURS: i32 = 48;
/// How many roles or shifts a list shows.
pub const LIST_SIZE: i64 = 300;

/// A checked appointment of a steward.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Appointment {
    /// The community (a code).
    pub community: String,
    pub phone: Phone,
    /// A few buildings or a lane.
    pub patch: String,
    pub starts_on: NaiveDate,
}

/// A date as a `date` field gives it. Refused with `format`.
fn parse_date(value: &str, format: VolunteerRefusal) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| AppError::from(format))
}

/// A time of day as a `time` field gives it (`07:00`). Refused with `format`.
fn parse_time(value: &str, format: VolunteerRefusal) -> Result<NaiveTime, AppError> {
    let value = value.trim();
    NaiveTime::parse_from_str(value, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(value, "%H:%M:%S"))
        .map_err(|_| AppError::from(format))
}

impl Appointment {
    /// Errors: `Invalid`: `community` (required), `phone` (format), `patch` (required,
    /// too_long, format), `starts_on` (format).
    pub fn parse(value: impl Fn(&str) -> String) -> Result<Appointment, AppError> {
        Ok(Appointment {
            community: list_code(&value("community"), R::CommunityRequired)?,
            phone: Phone::parse(&value("phone"))?,
            patch: one_line(
                &value("patch"),
                MAX_LINE,
                R::PatchRequired,
                R::PatchTooLong,
                R::PatchFormat,
            )?,
            starts_on: parse_date(&value("starts_on"), R::StartsOnFormat)?,
        })
    }
}

/// What a resident offers their community: to join its volunteer team, or to report to it as
/// a working party member of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Offer {
    Volunteer,
    PartyMember { organisation: String },
}

impl Offer {
    /// Errors: `Invalid`: `kind` (unknown: not volunteer or party_member), `organisation`
    /// (required, too_long, format: a party member names their employer's party organisation).
    pub fn parse(kind: &str, organisation: &str) -> Result<Offer, AppError> {
        match VolunteerKind::parse(kind.trim()) {
            Some(VolunteerKind::Volunteer) => Ok(Offer::Volunteer),
            Some(VolunteerKind::PartyMember) => Ok(Offer::PartyMember {
                organisation: one_line(
                    organisation,
                    MAX_LINE,
                    R::OrganisationRequired,
                    R::OrganisationTooLong,
                    R::OrganisationFormat,
                )?,
            }),
            _ => Err(AppError::from(R::KindUnknown)),
        }
    }

    pub fn kind(&self) -> VolunteerKind {
        match self {
            Offer::Volunteer => VolunteerKind::Volunteer,
            Offer::PartyMember { .. } => VolunteerKind::PartyMember,
        }
    }
}

/// A staff decision on a role.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Decision {
    Confirm,
    Decline {
        reason: String,
    },
    /// Ends a steward's appointment or a volunteer's service.
    End {
        reason: String,
    },
}

impl Decision {
    /// Errors: `Invalid`: `decision` (unknown), `reason` (required, too_long: declining and
    /// ending say why).
    pub fn parse(decision: &str, reason: &str) -> Result<Decision, AppError> {
        let reason = || {
            crate::fields::required_text(
                reason,
                crate::requests::MAX_NOTE,
                R::ReasonRequired,
                R::ReasonTooLong,
            )
        };
        match decision.trim() {
            "confirm" => Ok(Decision::Confirm),
            "decline" => Ok(Decision::Decline { reason: reason()? }),
            "end" => Ok(Decision::End { reason: reason()? }),
            _ => Err(AppError::from(R::DecisionUnknown)),
        }
    }

    /// The status it moves from, the status it moves to, and its reason.
    pub fn transition(&self) -> (VolunteerStatus, VolunteerStatus, Option<&str>) {
        use VolunteerStatus::*;
        match self {
            Decision::Confirm => (Pending, Active, None),
            Decision::Decline { reason } => (Pending, Declined, Some(reason)),
            Decision::End { reason } => (Active, Ended, Some(reason)),
        }
    }
}

/// A checked duty roster: a recurring shift at one place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterDraft {
    /// The community (a code).
    pub community: String,
    pub title: String,
    pub place: String,
    /// ISO weekdays, 1 Monday .. 7 Sunday, ascending.
    pub weekdays: Vec<i16>,
    pub starts: NaiveTime,
    pub ends: NaiveTime,
    pub places: i32,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// A need's what (a need is a roster of one day); `None` for duty.
    pub details: Option<String>,
}

/// Every field of the roster form.
pub const ROSTER_FIELDS: [&str; 9] = [
    "community",
    "title",
    "place",
    "weekdays",
    "starts",
    "ends",
    "places",
    "first_day",
    "last_day",
];

impl RosterDraft {
    /// Checks a roster form (`value(name)`: the field, "" when missing; the repeated
    /// `weekdays` comes as its values separated by whitespace). Errors: `Invalid`:
    /// `community` (required); `title`, `place` (required, too_long, format); `weekdays`
    /// (required: none chosen, unknown: not 1 to 7); `starts`, `ends` (format); `ends`
    /// (before_start); `places` (format: not a whole number from 1 to `MAX_PLACES`);
    /// `first_day`, `last_day` (format); `last_day` (before_first, too_long: over
    /// `MAX_ROSTER_DAYS`).
    pub fn parse(value: impl Fn(&str) -> String) -> Result<RosterDraft, AppError> {
        let community = list_code(&value("community"), R::CommunityRequired)?;
        let title = one_line(
            &value("title"),
            MAX_LINE,
            R::TitleRequired,
            R::TitleTooLong,
            R::TitleFormat,
        )?;
        let place = one_line(
            &value("place"),
            MAX_LINE,
            R::PlaceRequired,
            R::PlaceTooLong,
            R::PlaceFormat,
        )?;
        let mut weekdays = Vec::new();
        for day in value("weekdays").split_whitespace() {
            let day = day
                .parse::<i16>()
                .ok()
                .filter(|d| (1..=7).contains(d))
                .ok_or_else(|| AppError::from(R::WeekdaysUnknown))?;
            if !weekdays.contains(&day) {
                weekdays.push(day);
            }
        }
        if weekdays.is_empty() {
            return Err(AppError::from(R::WeekdaysRequired));
        }
        weekdays.sort_unstable();
        let starts = parse_time(&value("starts"), R::StartsFormat)?;
        let ends = parse_time(&value("ends"), R::EndsFormat)?;
        if ends <= starts {
            return Err(AppError::from(R::EndsBeforeStart));
        }
        let places = value("places")
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|p| (1..=MAX_PLACES).contains(p))
            .ok_or_else(|| AppError::from(R::PlacesFormat))?;
        let first_day = parse_date(&value("first_day"), R::FirstDayFormat)?;
        let last_day = parse_date(&value("last_day"), R::LastDayFormat)?;
        if last_day < first_day {
            return Err(AppError::from(R::LastDayBeforeFirst));
        }
        if (last_day - first_day).num_days() >= MAX_ROSTER_DAYS {
            return Err(AppError::from(R::LastDayTooLong));
        }
        Ok(RosterDraft {
            community,
            title,
            place,
            weekdays,
            starts,
            ends,
            places,
            first_day,
            last_day,
            details: None,
        })
    }

    /// Checks a need form (需求清单): `community`, `title`, `details` (what is needed), `place`,
    /// `day`, `starts`, `ends`, `places` (how many people); a roster of that one day. Errors:
    /// as `parse`, and `details` (required, too_long), `day` (format).
    pub fn parse_need(value: impl Fn(&str) -> String) -> Result<RosterDraft, AppError> {
        let day = parse_date(&value("day"), R::DayFormat)?;
        let details = crate::fields::required_text(
            &value("details"),
            MAX_DETAILS,
            R::DetailsRequired,
            R::DetailsTooLong,
        )?;
        let weekday = chrono::Datelike::weekday(&day).number_from_monday();
        let mut draft = RosterDraft::parse(|name| match name {
            "weekdays" => weekday.to_string(),
            "first_day" | "last_day" => value("day"),
            _ => value(name),
        })?;
        draft.details = Some(details);
        Ok(draft)
    }
}

/// The longest description of a need, in characters.
pub const MAX_DETAILS: usize = 500;

/// Every field of the need form.
pub const NEED_FIELDS: [&str; 8] = [
    "community",
    "title",
    "details",
    "place",
    "day",
    "starts",
    "ends",
    "places",
];

/// A role as its resident or staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleView {
    pub id: VolunteerId,
    pub kind: VolunteerKind,
    pub status: VolunteerStatus,
    pub community: Names,
    /// The community's code (its page of who serves it).
    pub community_code: String,
    pub patch: Option<String>,
    /// `2026-12-01`.
    pub starts_on: Option<String>,
    pub organisation: Option<String>,
    pub reason: Option<String>,
    pub asked_at: i64,
    /// Staff see who: name and masked number. Nobody else sees a volunteer's phone.
    pub resident: Option<(String, String)>,
}

/// A shift as the rosters show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShiftView {
    pub id: ShiftId,
    pub roster: RosterId,
    pub title: String,
    pub place: String,
    /// A need's what; `None` for a duty shift.
    pub details: Option<String>,
    pub community: Names,
    pub starts_at: i64,
    pub ends_at: i64,
    pub places: i32,
    pub taken: i32,
    /// The viewer has signed up.
    pub mine: bool,
    /// It has not begun: sign-ups and cancellations are open.
    pub upcoming: bool,
    /// For its staff: who signed up.
    pub names: Vec<String>,
    /// The viewer checked in (out) on site.
    pub checked_in: bool,
    pub checked_out: bool,
    /// The viewer may check in (out) now.
    pub can_check_in: bool,
    pub can_check_out: bool,
}

impl ShiftView {
    /// Every place is taken.
    pub fn covered(&self) -> bool {
        self.taken >= self.places
    }
}

/// A lane steward's on-site confirmation that a request of their community is fixed: its
/// tracking number and what they saw (the photo comes with the form).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub number: String,
    pub note: String,
}

impl Fix {
    /// Errors: `Invalid`: `number` (format), `note` (too_long).
    pub fn parse(number: &str, note: &str) -> Result<Fix, AppError> {
        Ok(Fix {
            number: crate::requests::parse_tracking_number(number)?,
            note: crate::fields::optional_text(note, crate::requests::MAX_NOTE, R::NoteTooLong)?,
        })
    }
}

/// A resolved request of a steward's community, waiting for its rating, which they may
/// confirm fixed on site.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ToConfirm {
    pub number: String,
    pub category: Names,
    pub address: String,
    pub resolved_at: Option<i64>,
    /// They confirmed it already.
    pub confirmed: bool,
}

/// The volunteering page of a resident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyVolunteering {
    /// Their roles, live ones and past ones, newest first.
    pub roles: Vec<RoleView>,
    /// No live volunteer role: they may ask to join.
    pub can_join: bool,
    /// No live party member role: they may report.
    pub can_report: bool,
    /// The coming shifts of the community they serve, if they serve one.
    pub shifts: Vec<ShiftView>,
    /// What they have served: shifts attended, minutes within them, no-shows.
    pub served: (i64, i64, i64),
    /// They are a lane steward: they report from their patch and confirm fixes on site.
    pub steward: bool,
    /// For a steward: the resolved requests of their community.
    pub to_confirm: Vec<ToConfirm>,
    /// They chose to be on the recognition board.
    pub recognised: bool,
}

/// A community's figures for one month, from the rollups.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommunityFigures {
    pub code: String,
    pub name: Names,
    /// Serving now.
    pub stewards: i32,
    pub volunteers: i32,
    pub party_members: i32,
    /// Confirmed organisations reporting to it.
    pub organisations: i32,
    /// Shifts over this month, and those with every place attended.
    pub shifts: i32,
    pub covered: i32,
    pub minutes: i64,
    pub no_shows: i32,
    /// Cases stewards reported this month, and those settled.
    pub steward_cases: i32,
    pub steward_cases_settled: i32,
}

impl CommunityFigures {
    /// The share of shifts covered, in whole percent; `None` without shifts.
    pub fn covered_percent(&self) -> Option<i64> {
        (self.shifts > 0).then(|| i64::from(self.covered) * 100 / i64::from(self.shifts))
    }

    /// Adds `other`'s counts to these (a street's from its communities').
    pub fn add(&mut self, other: &CommunityFigures) {
        self.stewards += other.stewards;
        self.volunteers += other.volunteers;
        self.party_members += other.party_members;
        self.organisations += other.organisations;
        self.shifts += other.shifts;
        self.covered += other.covered;
        self.minutes += other.minutes;
        self.no_shows += other.no_shows;
        self.steward_cases += other.steward_cases;
        self.steward_cases_settled += other.steward_cases_settled;
    }
}

/// The volunteering page of area staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffVolunteering {
    pub area: Names,
    /// Their area's code when it has a page of who serves it (a community or a street).
    pub area_page: Option<String>,
    /// The communities they may appoint stewards in and post rosters for: (code, names).
    pub communities: Vec<(String, Names)>,
    /// Waiting for a decision, oldest first.
    pub pending: Vec<RoleView>,
    /// Serving now.
    pub serving: Vec<RoleView>,
    /// The coming shifts, soonest first, with who signed up.
    pub shifts: Vec<ShiftView>,
    /// This month (`2026-12`), and its figures per community they manage.
    pub month: String,
    pub figures: Vec<CommunityFigures>,
}

/// The name of a volunteering notice (`volunteer_<status>`, `volunteer_appointed`,
/// `shift_reminder`, `shift_short`, `organisation_<status>`, `resource_<ask status>`) for people, in `locale`; its note is the reason, a
/// steward's patch, or the shift (when, what, where; for a short one, how many are missing).
pub fn notice_label(kind: &str, locale: crate::i18n::Locale) -> Option<&'static str> {
    Some(locale.pick(match kind {
        "volunteer_appointed" => ("您已被任命为小巷管家", "You are appointed a lane steward"),
        "volunteer_active" => ("社区已确认您的志愿身份", "Your community confirmed you"),
        "volunteer_declined" => ("社区未通过您的申请", "Your community declined your offer"),
        "volunteer_ended" => ("您的志愿服务已结束", "Your service has ended"),
        "shift_reminder" => (
            "值守提醒：您报名的班次快开始了",
            "Reminder: your duty shift starts soon",
        ),
        "shift_short" => ("值守班次还缺人", "A duty shift is still short of people"),
        "organisation_active" => (
            "社区已确认单位报到",
            "Your organisation's report is confirmed",
        ),
        "organisation_declined" => ("单位报到未通过", "Your organisation's report was declined"),
        "organisation_ended" => ("单位报到已结束", "Your organisation's report has ended"),
        "resource_asked" => (
            "社区向贵单位提出了资源需求",
            "A community asks for your resources",
        ),
        "resource_agreed" => ("单位同意了资源需求", "An organisation agreed to your ask"),
        "resource_declined" => (
            "单位未能提供所需资源",
            "An organisation cannot provide what you asked",
        ),
        _ => return None,
    }))
}

#[cfg(test)]
mod tests;
