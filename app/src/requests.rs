//! Requests (诉求): what residents file and follow to the end. The form and its checks, the
//! lifecycle (`lifecycle`), and what pages show of a request.

pub mod aids;
pub mod api;
pub mod draft;
pub mod lifecycle;
pub mod masking;
pub mod page;
#[cfg(feature = "ssr")]
pub mod photos;

/// At most this many photos per request.
pub const MAX_PHOTOS: usize = 4;
/// The kinds of photo the filing form takes (as the browser names them; the server goes by
/// the content).
pub const PHOTO_TYPES: [&str; 3] = ["image/jpeg", "image/png", "image/webp"];

/// The most bytes one photo may have (the server's setting) for a file field's
/// `data-max-bytes`, which the browser checks before uploading; `None` outside a server render.
pub fn max_photo_bytes() -> Option<String> {
    #[cfg(feature = "ssr")]
    return leptos::prelude::use_context::<crate::ssr::AppState>()
        .map(|s| s.settings.max_photo_bytes.to_string());
    #[cfg(not(feature = "ssr"))]
    None
}

/// The photos chosen in a form, as the browser describes them (size in bytes, type), checked
/// before anything is uploaded: the server reads them whole and would say the same after a
/// long upload. Errors: `Invalid { field: "photos" }` with reason `too_many`, `type` or
/// `too_large` (over `max_bytes`).
pub fn check_chosen_photos(chosen: &[(u64, String)], max_bytes: u64) -> Result<(), AppError> {
    if chosen.len() > MAX_PHOTOS {
        return Err(RequestRefusal::PhotosTooMany.into());
    }
    for (size, kind) in chosen {
        // An empty type: the browser does not know; the server will look at the content.
        if !kind.is_empty() && !PHOTO_TYPES.contains(&kind.as_str()) {
            return Err(RequestRefusal::PhotosType.into());
        }
        if *size > max_bytes {
            return Err(RequestRefusal::PhotosTooLarge.into());
        }
    }
    Ok(())
}
pub mod access;
pub mod forms;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod texts;
pub use access::{sees_all, Standing, UnitKind};
pub use texts::{RequestRefusal, RequestTexts};

use crate::error::AppError;
use ids::{PhotoId, RequestId};
pub use lifecycle::Status;
use serde::{Deserialize, Serialize};

/// The longest note, reason or explanation on a request, in characters (the event log's
/// limit).
pub const MAX_NOTE: usize = 2000;

/// Every kind of event a request's log holds (named for people by `event_kind_label`).
pub const EVENT_KINDS: [&str; 29] = [
    "filed",
    "info_added",
    "withdrawn",
    "dispatched",
    "returned",
    "accepted",
    "responded",
    "progress",
    "resolved",
    "closed",
    "reopened",
    "merged",
    "reclassified",
    "whistle",
    "checked_in",
    "contribution",
    "respond_overdue",
    "resolve_overdue",
    "check_in_overdue",
    "closed_unrated",
    "passed_down",
    "passed_up",
    "pass_overdue",
    "summons_rated",
    "answered",
    "found",
    "confirmed",
    "sent_back",
    "case_opened",
];

/// The name of an event kind for people, in `locale`.
pub fn event_kind_label(key: &str, locale: crate::i18n::Locale) -> Option<&'static str> {
    Some(locale.pick(match key {
        "filed" => ("提交了诉求", "Filed"),
        "info_added" => ("补充了信息", "Information added"),
        "withdrawn" => ("撤回了诉求", "Withdrawn"),
        "dispatched" => ("已派单", "Dispatched"),
        "returned" => ("退回派单", "Returned to the dispatcher"),
        "accepted" => ("已接单", "Accepted"),
        "responded" => ("已联系市民", "Contacted the resident"),
        "progress" => ("办理进展", "Progress"),
        "resolved" => ("已办结", "Resolved"),
        "closed" => ("已结案", "Closed"),
        "reopened" => ("重新办理", "Reopened"),
        "merged" => ("合并到其他诉求", "Merged into another request"),
        "reclassified" => ("调整了诉求类别", "Category changed"),
        "whistle" => ("吹哨：召集相关单位", "Whistle: other units summoned"),
        "checked_in" => ("报到", "Checked in"),
        "contribution" => ("协同单位办理情况", "A summoned unit's part"),
        "respond_overdue" => ("超过响应时限", "Respond-by deadline missed"),
        "resolve_overdue" => ("超过办结时限", "Resolve-by deadline missed"),
        "check_in_overdue" => ("报到超时", "Check-in deadline missed"),
        "closed_unrated" => ("7 天未评价，自动结案", "Closed unrated after 7 days"),
        "passed_down" => ("街道下派社区办理", "Passed down to the community"),
        "passed_up" => ("社区上报街道", "Passed up to the street office"),
        "answered" => ("12345 热线直接答复", "Answered by the 12345 hotline"),
        "pass_overdue" => ("签收超时", "Not taken in time"),
        "summons_rated" => ("评价协同单位", "A summoned unit's part rated"),
        "found" => ("主动发现，立案办理", "Found and taken up"),
        "confirmed" => ("街道确认已解决", "Confirmed fixed by the street office"),
        "sent_back" => (
            "街道确认未解决，继续办理",
            "Sent back by the street office: not fixed",
        ),
        "case_opened" => (
            "街道已就此类问题主动立案办理",
            "The street office opened a case on this problem",
        ),
        "steward_confirmed" => (
            "小巷管家现场确认已解决",
            "The lane steward confirmed on site it is fixed",
        ),
        _ => return None,
    }))
}

/// The label of event `kind` in the page's language (the kind itself if unknown).
pub fn event_label<'a>(t: &crate::i18n::CommonTexts, kind: &'a str) -> &'a str {
    event_kind_label(kind, t.locale()).unwrap_or(kind)
}

crate::keyed_enum! {
    /// What kind of request it is.
    #[derive(Serialize, Deserialize)]
    pub enum RequestKind {
        Inquiry = "inquiry" => "咨询", "Inquiry";
        Help = "help" => "求助", "Help";
        Complaint = "complaint" => "投诉", "Complaint";
        Report = "report" => "举报", "Report";
        Suggestion = "suggestion" => "建议", "Suggestion";
        Praise = "praise" => "表扬", "Praise";
    }
}
crate::db_key!(RequestKind => RequestKind);

crate::keyed_enum! {
    /// Where a request came from: a resident, or staff who found the problem themselves
    /// (主动治理, 未诉先办), and how.
    #[derive(Serialize, Deserialize)]
    pub enum Source {
        Resident = "resident" => "市民诉求", "A resident's request";
        Patrol = "patrol" => "巡查发现", "Found on patrol";
        HotSpot = "hot_spot" => "热点研判", "From a hot spot";
        Consultation = "consultation" => "议事协商", "From a consultation";
        InPerson = "in_person" => "群众当面反映", "A resident's word in person";
    }
}
crate::db_key!(Source => Source);

/// How far back hot spots look, in days: a hot spot is its open requests of one category in
/// one community filed in this time.
pub const HOT_SPOT_DAYS: i32 = 7;

/// The most units a found case summons when it is recorded (as one whistle does).
pub const MAX_SUMMONED_AT_FINDING: usize = 10;

crate::keyed_enum! {
    /// How a unit closes its round.
    #[derive(Serialize, Deserialize)]
    pub enum ClosureCode {
        Resolved = "resolved" => "已解决", "Resolved";
        PartlyResolved = "partly_resolved" => "部分解决", "Partly resolved";
        NotOurRemit = "not_our_remit" => "不属于职责范围", "Not our remit";
        /// For an inquiry: the question was answered.
        Answered = "answered" => "已解答（咨询）", "Answered (inquiry)";
        /// The request asked for something unreasonable.
        Unreasonable = "unreasonable" => "诉求不合理", "Unreasonable request";
    }
}
crate::db_key!(ClosureCode => ClosureCode);

crate::keyed_enum! {
    /// Whether the matter was resolved, in the resident's words: their rating closes a round.
    #[derive(Serialize, Deserialize)]
    pub enum Outcome {
        Resolved = "resolved" => "已解决", "Resolved";
        PartlyResolved = "partly" => "部分解决", "Partly resolved";
        NotResolved = "not_resolved" => "未解决", "Not resolved";
    }
}
crate::db_key!(Outcome => Outcome);

/// The filing form as typed (every field a string; checkboxes `true` when ticked).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct DraftForm {
    pub kind: String,
    pub category: String,
    pub community: String,
    pub address: String,
    pub description: String,
    pub public: bool,
    pub show_name: bool,
    pub latitude: String,
    pub longitude: String,
    pub idempotency_key: String,
    /// Ticked when the resident saw the similar open requests and files anyway.
    pub not_duplicate: bool,
    /// A hotline operator filing for a caller: the caller's number and name.
    pub caller_phone: String,
    pub caller_name: String,
    /// Staff recording a case they found: how (a `Source` key), and the units to summon at
    /// once (their codes; every value of the repeated `summon` field).
    pub source: String,
    pub summon: Vec<String>,
}

/// A description's length in characters.
pub const DESCRIPTION_CHARS: std::ops::RangeInclusive<usize> = 10..=2000;
/// The longest address or landmark, in characters.
pub const ADDRESS_MAX_CHARS: usize = 200;

/// A request ready to file: every field checked. Category and community are checked against
/// their trees on the server.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestDraft {
    pub kind: RequestKind,
    pub category_code: String,
    pub community_code: String,
    pub address: String,
    pub description: String,
    pub public: bool,
    pub show_name: bool,
    pub position: Option<(f64, f64)>,
    pub idempotency_key: String,
    pub not_duplicate: bool,
    /// Filed by a hotline operator for this caller.
    pub caller: Option<Caller>,
    /// Recorded by staff who found the problem themselves.
    pub found: Option<Found>,
}

/// What the filing form needs to record a case staff (or a lane steward) found: the area of
/// their unit (a street's code, or a community's), and the units they may summon at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinderSetup {
    pub area_code: String,
    pub units: Vec<UnitChoice>,
    /// A lane steward reporting from their patch: on patrol, summoning nobody.
    pub steward: bool,
}

/// A unit, as a staff form lists it (to dispatch to, to summon).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitChoice {
    pub code: String,
    pub name: Names,
    /// Its tier: a summons list shows departments first, the districts' and streets' below.
    pub kind: Option<UnitKind>,
}

#[cfg(feature = "ssr")]
impl From<db::handling::UnitRow> for UnitChoice {
    fn from(u: db::handling::UnitRow) -> UnitChoice {
        UnitChoice {
            kind: UnitKind::parse(&u.kind),
            code: u.code,
            name: Names {
                zh: u.name_zh,
                en: u.name_en,
            },
        }
    }
}

/// A case staff found themselves: how, and the units (codes) it summons at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub source: Source,
    pub summon: Vec<String>,
}

impl Found {
    /// `None` when no source was given (a resident's request). Errors: `Invalid` for
    /// `source` (unknown: not one of the staff's sources), `summon` (too_many, invalid).
    pub fn parse(source: &str, summon: &[String]) -> Result<Option<Found>, AppError> {
        let source = source.trim();
        if source.is_empty() {
            return Ok(None);
        }
        let source = Source::parse(source)
            .filter(|s| *s != Source::Resident)
            .ok_or_else(|| AppError::from(RequestRefusal::SourceUnknown))?;
        if summon.len() > MAX_SUMMONED_AT_FINDING {
            return Err(AppError::from(RequestRefusal::SummonTooMany));
        }
        let mut codes = summon
            .iter()
            .map(|c| crate::fields::list_code(c, RequestRefusal::SummonInvalid))
            .collect::<Result<Vec<_>, _>>()?;
        codes.sort();
        codes.dedup();
        Ok(Some(Found {
            source,
            summon: codes,
        }))
    }
}

/// A hotline caller a request is filed for: the number finds or creates their record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub phone: crate::accounts::Phone,
    pub name: String,
}

impl Caller {
    /// `None` when no number was given. Errors: `Invalid` for `caller_phone` (format) or
    /// `caller_name` (required, too_long).
    pub fn parse(phone: &str, name: &str) -> Result<Option<Caller>, AppError> {
        if phone.trim().is_empty() {
            return Ok(None);
        }
        let phone = crate::accounts::Phone::parse(phone)
            .map_err(|_| AppError::from(RequestRefusal::CallerPhoneFormat))?;
        let name = crate::accounts::parse_name(
            name,
            RequestRefusal::CallerNameRequired,
            RequestRefusal::CallerNameTooLong,
        )?;
        Ok(Some(Caller { phone, name }))
    }
}

impl RequestDraft {
    /// Errors: `Invalid` naming the first field refused: `kind` (required), `category`
    /// (required), `community` (required), `address` (too_long), `description` (too_short,
    /// too_long), `position` (invalid), `idempotency_key` (missing: the form was not ours),
    /// `caller_phone`, `caller_name` (see `Caller::parse`), `source`, `summon` (see
    /// `Found::parse`).
    pub fn parse(form: &DraftForm) -> Result<RequestDraft, AppError> {
        let kind = RequestKind::parse(form.kind.trim())
            .ok_or_else(|| AppError::from(RequestRefusal::KindRequired))?;
        let category = form.category.trim();
        if category.is_empty() || category.len() > 64 {
            return Err(AppError::from(RequestRefusal::CategoryRequired));
        }
        let community_code = crate::accounts::parse_community(&form.community)?;
        let address = form.address.trim();
        if address.chars().count() > ADDRESS_MAX_CHARS || address.chars().any(char::is_control) {
            return Err(AppError::from(RequestRefusal::AddressTooLong));
        }
        let description = form.description.trim();
        let chars = description.chars().count();
        if chars < *DESCRIPTION_CHARS.start() {
            return Err(AppError::from(RequestRefusal::DescriptionTooShort));
        }
        if chars > *DESCRIPTION_CHARS.end() {
            return Err(AppError::from(RequestRefusal::DescriptionTooLong));
        }
        let position = parse_position(&form.latitude, &form.longitude)?;
        let key = form.idempotency_key.trim();
        if !is_uuid(key) {
            return Err(AppError::from(RequestRefusal::IdempotencyKeyMissing));
        }
        let caller = Caller::parse(&form.caller_phone, &form.caller_name)?;
        let found = Found::parse(&form.source, &form.summon)?;
        Ok(RequestDraft {
            kind,
            category_code: category.to_owned(),
            community_code,
            address: address.to_owned(),
            description: description.to_owned(),
            public: form.public,
            show_name: form.show_name,
            position,
            idempotency_key: key.to_ascii_lowercase(),
            not_duplicate: form.not_duplicate,
            caller,
            found,
        })
    }
}

fn parse_position(latitude: &str, longitude: &str) -> Result<Option<(f64, f64)>, AppError> {
    let (lat, lon) = (latitude.trim(), longitude.trim());
    if lat.is_empty() && lon.is_empty() {
        return Ok(None);
    }
    match (lat.parse::<f64>(), lon.parse::<f64>()) {
        (Ok(lat), Ok(lon)) if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) => {
            Ok(Some((lat, lon)))
        }
        _ => Err(AppError::from(RequestRefusal::PositionInvalid)),
    }
}

/// Whether `s` is a UUID in its usual text form (8-4-4-4-12 hex digits).
fn is_uuid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

pub use masking::mask_private_numbers;

/// A tracking number a resident can read over the phone: the filing day (Beijing) and its
/// number that day, e.g. `20261126-000123`.
pub fn tracking_number(day: &str, number: i32) -> String {
    format!("{day}-{number:06}")
}

/// A category as the filing form lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub code: String,
    pub parent_code: Option<String>,
    pub name_zh: String,
    pub name_en: String,
    pub respond_hours: i32,
    pub resolve_hours: i32,
}

impl Category {
    pub fn name(&self, locale: crate::i18n::Locale) -> &str {
        match locale {
            crate::i18n::Locale::ZhCn => &self.name_zh,
            crate::i18n::Locale::En => &self.name_en,
        }
    }
}

/// A name in both languages.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Names {
    pub zh: String,
    pub en: String,
}

impl Names {
    pub fn get(&self, locale: crate::i18n::Locale) -> &str {
        match locale {
            crate::i18n::Locale::ZhCn => &self.zh,
            crate::i18n::Locale::En => &self.en,
        }
    }
}

/// A request as its page shows it, cut to what the viewer may see: everything for its
/// resident and staff; for anyone else the public part with phone and ID numbers masked, or,
/// for a private request, its status only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub tracking_number: String,
    pub status: Status,
    pub created_at: i64,
    /// `None` for a private request seen by someone else.
    pub detail: Option<RequestDetail>,
    pub is_mine: bool,
    pub can_withdraw: bool,
    pub can_add_info: bool,
    /// A signed-in resident may second ("me too") someone else's open public request once.
    pub can_second: bool,
    pub seconded: bool,
    /// A merged request: the tracking number of the one to follow instead.
    pub merged_into: Option<String>,
}

/// The part of a [`RequestView`] that a private request hides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDetail {
    pub kind: RequestKind,
    pub category: Names,
    /// District, street, community.
    pub place: Names,
    pub address: String,
    pub description: String,
    pub is_public: bool,
    /// Shown when the resident opted in (or to them and staff).
    pub resident_name: Option<String>,
    pub unit: Option<Names>,
    pub seconds: i32,
    pub respond_by: i64,
    pub resolve_by: i64,
    pub events: Vec<EventView>,
    /// Photo ids: `/photos/{id}` and `/photos/{id}/thumbnail`.
    pub photos: Vec<PhotoId>,
    pub urgent: bool,
    /// How the unit closed its round, once it has.
    pub closure_code: Option<ClosureCode>,
    /// A case staff found (主动治理): how, by which unit, and the requests it answers.
    pub found: Option<FoundView>,
}

/// How a found case came about, on its page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FoundView {
    pub source: Source,
    /// The unit that found it.
    pub by: Names,
    /// The tracking numbers of the requests it was opened for (from a hot spot).
    pub linked: Vec<String>,
}

/// A line of a request's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventView {
    pub kind: String,
    pub note: String,
    pub at: i64,
    /// Written by staff (not by the resident or the system).
    pub by_staff: bool,
    /// Internal: shown to staff only.
    pub is_public: bool,
    /// The unit it names: the one the staff member acted for, or the one a dispatch went to.
    pub unit: Option<Names>,
    /// Photos that came with it (a resolution's evidence).
    pub photos: Vec<PhotoId>,
    /// A closing by the resident's rating: what they said of the outcome.
    pub rating: Option<Outcome>,
}

/// A line of "my requests".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MineItem {
    pub tracking_number: String,
    pub category: Names,
    pub summary: String,
    pub status: Status,
    pub respond_by: i64,
    pub resolve_by: i64,
    pub created_at: i64,
}

/// A page of "my requests" and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinePage {
    pub items: Vec<MineItem>,
    /// Pass as `before` for the next page; `None` on the last.
    pub next: Option<RequestId>,
}

/// A line of the public list (or of "is it one of these?").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicItem {
    pub tracking_number: String,
    pub category: Names,
    /// Street and community.
    pub place: Names,
    /// The start of the description, phone and ID numbers masked.
    pub summary: String,
    pub status: Status,
    pub seconds: i32,
    pub created_at: i64,
}

/// A page of public requests and where the next one starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicPage {
    pub items: Vec<PublicItem>,
    pub next: Option<RequestId>,
}

/// Information a resident adds to their open request. Errors: `Invalid { field: "note" }`
/// with reason `required` or `too_long` (2,000 characters).
pub fn parse_note(input: &str) -> Result<String, AppError> {
    let note = input.trim();
    if note.is_empty() {
        return Err(AppError::from(RequestRefusal::NoteRequired));
    }
    if note.chars().count() > *DESCRIPTION_CHARS.end() {
        return Err(AppError::from(RequestRefusal::NoteTooLong));
    }
    Ok(note.to_owned())
}

/// A tracking number as typed (spaces dropped). Errors: `Invalid { field: "number", reason:
/// "format" }`.
pub fn parse_tracking_number(input: &str) -> Result<String, AppError> {
    let number: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let valid = number.len() == 15
        && number.as_bytes()[8] == b'-'
        && number
            .bytes()
            .enumerate()
            .all(|(i, b)| i == 8 || b.is_ascii_digit());
    if valid {
        Ok(number)
    } else {
        Err(AppError::from(RequestRefusal::NumberFormat))
    }
}

/// The last 4 digits of a phone number, as typed to look up a private request (full-width
/// digits and spaces allowed). Errors: `Invalid { field: "tail", reason: "format" }`.
pub fn parse_phone_tail(input: &str) -> Result<String, AppError> {
    let digits: String = input
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => {
                char::from_u32(u32::from(c) - u32::from('０') + u32::from('0')).unwrap_or(c)
            }
            c => c,
        })
        .collect();
    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        Ok(digits)
    } else {
        Err(AppError::from(RequestRefusal::TailFormat))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> DraftForm {
        DraftForm {
            kind: "complaint".into(),
            category: "environment.noise".into(),
            community: "110108025014".into(),
            address: "上河村小区3号楼".into(),
            description: "楼下饭馆每天夜里排风扇噪音很大".into(),
            public: true,
            show_name: false,
            latitude: String::new(),
            longitude: String::new(),
            idempotency_key: "0f8fad5b-d9cb-469f-a165-70867728950e".into(),
            not_duplicate: false,
            caller_phone: String::new(),
            caller_name: String::new(),
            source: String::new(),
            summon: Vec::new(),
        }
    }

    #[test]
    fn a_found_case_says_how_it_was_found_and_whom_it_summons() {
        let draft = |source: &str, summon: &[&str]| {
            RequestDraft::parse(&DraftForm {
                source: source.into(),
                summon: summon.iter().map(|c| (*c).to_owned()).collect(),
                ..form()
            })
            .map(|d| d.found)
        };
        assert_eq!(draft("", &[]), Ok(None));
        assert_eq!(
            draft(" patrol ", &["env", "cityman", "env"]),
            Ok(Some(Found {
                source: Source::Patrol,
                summon: vec!["cityman".into(), "env".into()],
            }))
        );
        assert_eq!(
            draft("hot_spot", &[]).map(|f| f.map(|f| f.source)),
            Ok(Some(Source::HotSpot))
        );
        // A resident's own source is not one staff record.
        assert_eq!(
            draft("resident", &[]),
            Err(AppError::from(RequestRefusal::SourceUnknown))
        );
        assert_eq!(
            draft("rumour", &[]),
            Err(AppError::from(RequestRefusal::SourceUnknown))
        );
        let many: Vec<String> = (0..=MAX_SUMMONED_AT_FINDING)
            .map(|i| format!("u{i}"))
            .collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            draft("patrol", &many),
            Err(AppError::from(RequestRefusal::SummonTooMany))
        );
        assert_eq!(
            draft("patrol", &["<script>"]),
            Err(AppError::from(RequestRefusal::SummonInvalid))
        );
    }

    #[test]
    fn a_caller_needs_a_number_and_a_name() {
        let draft = |phone: &str, name: &str| {
            RequestDraft::parse(&DraftForm {
                caller_phone: phone.into(),
                caller_name: name.into(),
                ..form()
            })
            .map(|d| d.caller)
        };
        assert_eq!(draft("", ""), Ok(None));
        assert_eq!(
            draft("139 0000 0001", " 王女士 "),
            Ok(Some(Caller {
                phone: crate::accounts::Phone::parse("13900000001").expect("number"),
                name: "王女士".into(),
            }))
        );
        assert_eq!(
            draft("12345", "王女士"),
            Err(AppError::from(RequestRefusal::CallerPhoneFormat))
        );
        assert_eq!(
            draft("13900000001", " "),
            Err(AppError::from(RequestRefusal::CallerNameRequired))
        );
        assert_eq!(
            draft("13900000001", &"王".repeat(21)),
            Err(AppError::from(RequestRefusal::CallerNameTooLong))
        );
    }

    #[test]
    fn a_good_form_becomes_a_draft() {
        let draft = RequestDraft::parse(&form()).expect("valid");
        assert_eq!(draft.kind, RequestKind::Complaint);
        assert_eq!(draft.position, None);
        let with_position = DraftForm {
            latitude: "39.96".into(),
            longitude: "116.28".into(),
            ..form()
        };
        assert_eq!(
            RequestDraft::parse(&with_position).map(|d| d.position),
            Ok(Some((39.96, 116.28)))
        );
    }

    #[test]
    fn each_bad_field_is_named() {
        let refused = |f: DraftForm| RequestDraft::parse(&f).err();
        let invalid = |refusal: RequestRefusal| Some(AppError::from(refusal));
        assert_eq!(
            refused(DraftForm {
                kind: "rant".into(),
                ..form()
            }),
            invalid(RequestRefusal::KindRequired)
        );
        assert_eq!(
            refused(DraftForm {
                category: " ".into(),
                ..form()
            }),
            invalid(RequestRefusal::CategoryRequired)
        );
        assert_eq!(
            refused(DraftForm {
                community: "".into(),
                ..form()
            }),
            invalid(RequestRefusal::CommunityRequired)
        );
        assert_eq!(
            refused(DraftForm {
                description: "太吵了请管管".into(),
                ..form()
            }),
            invalid(RequestRefusal::DescriptionTooShort)
        );
        assert_eq!(
            refused(DraftForm {
                description: "吵".repeat(2001),
                ..form()
            }),
            invalid(RequestRefusal::DescriptionTooLong)
        );
        assert_eq!(
            refused(DraftForm {
                address: "路".repeat(201),
                ..form()
            }),
            invalid(RequestRefusal::AddressTooLong)
        );
        assert_eq!(
            refused(DraftForm {
                latitude: "91".into(),
                longitude: "116".into(),
                ..form()
            }),
            invalid(RequestRefusal::PositionInvalid)
        );
        assert_eq!(
            refused(DraftForm {
                idempotency_key: "".into(),
                ..form()
            }),
            invalid(RequestRefusal::IdempotencyKeyMissing)
        );
        // Exactly 10 and 2,000 characters are fine.
        assert!(RequestDraft::parse(&DraftForm {
            description: "吵".repeat(10),
            ..form()
        })
        .is_ok());
        assert!(RequestDraft::parse(&DraftForm {
            description: "吵".repeat(2000),
            ..form()
        })
        .is_ok());
    }

    #[test]
    fn tracking_numbers_read_out_by_day_and_number() {
        assert_eq!(tracking_number("20261126", 123), "20261126-000123");
        assert_eq!(
            parse_tracking_number(" 20261126-000123 "),
            Ok("20261126-000123".into())
        );
        for bad in ["20261126000123", "2026112-6000123", "20261126-00012x", ""] {
            assert_eq!(
                parse_tracking_number(bad),
                Err(AppError::from(RequestRefusal::NumberFormat)),
                "{bad}"
            );
        }
    }

    #[test]
    fn added_information_is_checked_like_a_description() {
        assert_eq!(
            parse_note("  "),
            Err(AppError::from(RequestRefusal::NoteRequired))
        );
        assert_eq!(
            parse_note(&"字".repeat(2001)),
            Err(AppError::from(RequestRefusal::NoteTooLong))
        );
        assert_eq!(parse_note(" 还是很吵 "), Ok("还是很吵".into()));
    }
}
