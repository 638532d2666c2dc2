//! Who sees what of a request: its resident, the hotline, admins, and the units handling it
//! or summoned to it (a community's committee through its staff) see everything; everyone else what its resident made public.

use crate::accounts::{CurrentUser, Role};

crate::keyed_enum! {
    /// The tiers of unit that handle requests.
    #[derive(serde::Serialize, serde::Deserialize)]
    pub enum UnitKind {
        HotlineCentre = "hotline_centre";
        Department = "department";
        District = "district";
        Street = "street";
        Utility = "utility";
        /// A community's committee (居委会 / 村委会).
        Community = "community";
    }
}

/// How a staff member stands to one request: the unit handling it and its tier, and whether
/// their unit is summoned to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub request_unit: Option<ids::UnitId>,
    /// The tier of `request_unit` (a street office passes down, a community passes up).
    pub unit_kind: Option<UnitKind>,
    /// `Some(checked_in)` when the caller's unit is summoned.
    pub summoned: Option<bool>,
    /// A case staff found (主动治理) and the caller's unit is the street office of its street,
    /// which confirms it fixed.
    pub confirms: bool,
}

/// Whether `user` sees everything of a request (private ones, internal notes, who filed):
/// the dispatchers and admins, the handling unit and the units summoned to it, and for a case
/// staff found, the street office that confirms it.
pub fn sees_all(user: &CurrentUser, standing: Standing) -> bool {
    match user.role {
        Role::Dispatcher | Role::Admin => true,
        Role::Handler | Role::AreaStaff => {
            (user.unit().is_some() && user.unit() == standing.request_unit)
                || (user.unit().is_some() && standing.summoned.is_some())
                || standing.confirms
        }
        Role::Resident => false,
    }
}
