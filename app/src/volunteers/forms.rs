//! The volunteering forms the browser checks before posting.

use super::{Appointment, Decision, Offer, RosterDraft};
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
}

impl FormCheck for VolunteerForm {
    const ALL: &'static [Self] = &[
        VolunteerForm::Offer,
        VolunteerForm::Decide,
        VolunteerForm::Appoint,
        VolunteerForm::Roster,
        VolunteerForm::Shift,
    ];

    fn check(self, v: &dyn Fn(&str) -> String) -> Result<(), AppError> {
        match self {
            VolunteerForm::Offer => Offer::parse(&v("kind"), &v("organisation")).map(drop),
            VolunteerForm::Decide => Decision::parse(&v("decision"), &v("reason")).map(drop),
            VolunteerForm::Appoint => Appointment::parse(v).map(drop),
            VolunteerForm::Roster => RosterDraft::parse(v).map(drop),
            VolunteerForm::Shift => Ok(()),
        }
    }

    fn fields(self) -> &'static [&'static str] {
        match self {
            VolunteerForm::Offer => &["kind", "organisation"],
            VolunteerForm::Decide => &["decision", "reason", "status"],
            VolunteerForm::Appoint => &["community", "phone", "patch", "starts_on"],
            VolunteerForm::Roster => &super::ROSTER_FIELDS,
            VolunteerForm::Shift => &["shift"],
        }
    }
}

crate::checked_form!(
    /// A volunteering form.
    VolunteerCheckedForm for VolunteerForm
);
