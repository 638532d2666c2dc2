//! Organisations that report to a community or a street (单位双报到): a legal entity's party
//! organisation, reported by its contact (a signed-in resident) with a resource list (资源清单:
//! rooms, people, skills, money). That area's staff confirm it; the community (or street)
//! asks for a resource; the contact answers, and the answer is recorded. Forms are parsed by
//! `OrganisationDraft::parse`, `AskDraft::parse` and `Answer::parse`, in the browser and again
//! on the server.

pub mod api;
#[cfg(feature = "ssr")]
pub mod ssr;
pub mod texts;
pub use texts::{OrganisationRefusal, OrganisationTexts};

use super::{VolunteerStatus, MAX_LINE};
use crate::accounts::Phone;
use crate::error::AppError;
use crate::fields::{list_code, one_line, optional_text};
use crate::requests::Names;
use chrono::NaiveDate;
use ids::{AskId, OrganisationId, ResourceId};
use serde::{Deserialize, Serialize};
use OrganisationRefusal as R;

crate::keyed_enum! {
    /// A kind of resource an organisation offers.
    #[derive(Serialize, Deserialize)]
    pub enum ResourceKind {
        Room = "room" => "场地", "Rooms";
        People = "people" => "人员", "People";
        Skill = "skill" => "专业技能", "Skills";
        Money = "money" => "资金物资", "Money and goods";
    }
}
crate::db_key!(ResourceKind => ResourceKind);

impl ResourceKind {
    fn too_long(self) -> OrganisationRefusal {
        match self {
            ResourceKind::Room => R::RoomTooLong,
            ResourceKind::People => R::PeopleTooLong,
            ResourceKind::Skill => R::SkillTooLong,
            ResourceKind::Money => R::MoneyTooLong,
        }
    }
}

crate::keyed_enum! {
    /// Where an ask for a resource stands.
    #[derive(Serialize, Deserialize)]
    pub enum AskStatus {
        Asked = "asked" => "待答复", "Waiting for an answer";
        Agreed = "agreed" => "已同意", "Agreed";
        Declined = "declined" => "未能提供", "Cannot provide";
    }
}
crate::db_key!(AskStatus => AskStatus);

/// The longest line of a resource list, in characters.
pub const MAX_RESOURCE: usize = 200;

/// Every field of the report form.
pub const ORGANISATION_FIELDS: [&str; 9] = [
    "area",
    "name",
    "contact_name",
    "contact_phone",
    "room",
    "people",
    "skill",
    "money",
    "resources",
];

/// A checked report of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationDraft {
    /// The community or street it reports to (a code).
    pub area: String,
    pub name: String,
    pub contact_name: String,
    pub contact_phone: Phone,
    /// One line per kind offered, at least one.
    pub resources: Vec<(ResourceKind, String)>,
}

impl OrganisationDraft {
    /// Checks the report form (`value(name)`: the field, "" when missing; a resource's field
    /// is named by its kind). Errors: `Invalid`: `area` (required); `name`, `contact_name`
    /// (required, too_long, format); `contact_phone` (format); `room`, `people`, `skill`,
    /// `money` (too_long); `resources` (required: none offered).
    pub fn parse(value: impl Fn(&str) -> String) -> Result<OrganisationDraft, AppError> {
        let area = list_code(&value("area"), R::AreaRequired)?;
        let name = one_line(
            &value("name"),
            MAX_LINE,
            R::NameRequired,
            R::NameTooLong,
            R::NameFormat,
        )?;
        let contact_name = one_line(
            &value("contact_name"),
            MAX_LINE,
            R::ContactRequired,
            R::ContactTooLong,
            R::ContactFormat,
        )?;
        let contact_phone = Phone::parse(&value("contact_phone"))
            .map_err(|_| AppError::from(R::ContactPhoneFormat))?;
        let mut resources = Vec::new();
        for kind in ResourceKind::ALL {
            let what = optional_text(&value(kind.as_str()), MAX_RESOURCE, kind.too_long())?;
            if !what.is_empty() {
                resources.push((kind, what));
            }
        }
        if resources.is_empty() {
            return Err(AppError::from(R::ResourcesRequired));
        }
        Ok(OrganisationDraft {
            area,
            name,
            contact_name,
            contact_phone,
            resources,
        })
    }
}

/// A checked ask for a resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskDraft {
    pub what: String,
    pub needed_on: NaiveDate,
}

impl AskDraft {
    /// Errors: `Invalid`: `what` (required, too_long), `needed_on` (format).
    pub fn parse(what: &str, needed_on: &str) -> Result<AskDraft, AppError> {
        Ok(AskDraft {
            what: crate::fields::required_text(
                what,
                MAX_RESOURCE,
                R::WhatRequired,
                R::WhatTooLong,
            )?,
            needed_on: NaiveDate::parse_from_str(needed_on.trim(), "%Y-%m-%d")
                .map_err(|_| AppError::from(R::NeededOnFormat))?,
        })
    }
}

/// An organisation's answer to an ask: agreeing (a note optional), or saying why it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub status: AskStatus,
    pub note: String,
}

impl Answer {
    /// Errors: `Invalid`: `answer` (unknown), `note` (required: declining says why;
    /// too_long).
    pub fn parse(answer: &str, note: &str) -> Result<Answer, AppError> {
        let status = match AskStatus::parse(answer.trim()) {
            Some(s @ (AskStatus::Agreed | AskStatus::Declined)) => s,
            _ => return Err(AppError::from(R::AnswerUnknown)),
        };
        let note = optional_text(note, crate::requests::MAX_NOTE, R::NoteTooLong)?;
        if status == AskStatus::Declined && note.is_empty() {
            return Err(AppError::from(R::NoteRequired));
        }
        Ok(Answer { status, note })
    }
}

/// One line of a resource list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResourceView {
    pub id: ResourceId,
    pub kind: ResourceKind,
    pub what: String,
}

/// An organisation as its contact, staff or the public see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationView {
    pub id: OrganisationId,
    pub name: String,
    pub status: VolunteerStatus,
    pub reason: Option<String>,
    /// The community or street it reports to.
    pub area: Names,
    /// Its contact (name, phone), for its contact and the staff it reports to; nobody else.
    pub contact: Option<(String, String)>,
    pub resources: Vec<ResourceView>,
}

/// An ask for a resource, as its organisation's contact and the staff see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AskView {
    pub id: AskId,
    pub organisation: String,
    pub resource_kind: ResourceKind,
    pub resource: String,
    /// Who asked: the community or street.
    pub area: Names,
    pub what: String,
    /// `2026-12-12`.
    pub needed_on: String,
    pub status: AskStatus,
    pub answer: Option<String>,
}

/// The organisations part of `/volunteers`, by who is looking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OrganisationsSeen {
    /// A resident: the organisations they are the contact for, the asks to them, and where
    /// they may report one (their home community and its street: code, names).
    Contact {
        organisations: Vec<OrganisationView>,
        asks: Vec<AskView>,
        report_areas: Vec<(String, Names)>,
    },
    /// Area staff: the organisations reporting within their area (waiting first), and the
    /// asks they made or that reached those organisations.
    Staff {
        organisations: Vec<OrganisationView>,
        asks: Vec<AskView>,
    },
}

#[cfg(test)]
mod tests;
