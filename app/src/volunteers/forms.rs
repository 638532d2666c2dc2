//! The volunteering forms the browser checks before posting.

use super::organisations::{Answer, AskDraft, OrganisationDraft};
use super::{Appointment, Decision, Fix, Offer, RosterDraft};
use crate::components::checked_form::FormCheck;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum VolunteerForm {
    /// A resident offering to serve (joining the team, reporting as a party member).
    Offer,
    /// Staff deciding on a role.
    Decide,
    /// Staff appointing a steward.
    Appoint,
    /// Staff posting a duty roster.
    Roster,
    /// A resident signing up for a shift or cancelling.
    Shift,
    /// A steward confirming on site that a request is fixed.
    Fix,
    /// Staff posting a community's need.
    Need,
    /// A resident reporting an organisation.
    Organisation,
    /// Staff asking for an organisation's resource.
    Ask,
    /// An organisation's contact answering an ask.
    Answer,
    /// A resident choosing the recognition board, or leaving it.
    Board,
}

impl FormCheck for VolunteerForm {
    const ALL: &'static [Self] = &[
        VolunteerForm::Offer,
        VolunteerForm::Decide,
        VolunteerForm::Appoint,
        VolunteerForm::Roster,
        VolunteerForm::Shift,
        VolunteerForm::Fix,
        VolunteerForm::Need,
        VolunteerForm::Organisation,
        VolunteerForm::Ask,
        VolunteerForm::Answer,
        VolunteerForm::Board,
    ];

    fn check(self, v: &dyn Fn(&str) -> String) -> Result<(), AppError> {
        match self {
            VolunteerForm::Offer => Offer::parse(&v("kind"), &v("organisation")).map(drop),
            VolunteerForm::Decide => Decision::parse(&v("decision"), &v("reason")).map(drop),
            VolunteerForm::Appoint => Appointment::parse(v).map(drop),
            VolunteerForm::Roster => RosterDraft::parse(v).map(drop),
            VolunteerForm::Shift | VolunteerForm::Board => Ok(()),
            VolunteerForm::Fix => Fix::parse(&v("number"), &v("note")).map(drop),
            VolunteerForm::Need => RosterDraft::parse_need(v).map(drop),
            VolunteerForm::Organisation => OrganisationDraft::parse(v).map(drop),
            VolunteerForm::Ask => AskDraft::parse(&v("what"), &v("needed_on")).map(drop),
            VolunteerForm::Answer => Answer::parse(&v("answer"), &v("note")).map(drop),
        }
    }

    fn fields(self) -> &'static [&'static str] {
        match self {
            VolunteerForm::Offer => &["kind", "organisation"],
            VolunteerForm::Decide => &["decision", "reason", "status"],
            VolunteerForm::Appoint => &["community", "phone", "patch", "starts_on"],
            VolunteerForm::Roster => &super::ROSTER_FIELDS,
            VolunteerForm::Shift => &["shift"],
            VolunteerForm::Fix => &["number", "note", "photos", "fix", "status"],
            VolunteerForm::Need => &super::NEED_FIELDS,
            VolunteerForm::Organisation => &super::organisations::ORGANISATION_FIELDS,
            VolunteerForm::Ask => &["what", "needed_on", "resource"],
            VolunteerForm::Answer => &["answer", "note"],
            VolunteerForm::Board => &["shown"],
        }
    }
}

crate::checked_form!(
    /// A volunteering form.
    VolunteerCheckedForm for VolunteerForm
);
