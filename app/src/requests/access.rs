//! Who sees what of a request: its resident, the hotline, admins, and the units handling it
//! or summoned to it see everything; everyone else what its resident made public.

use crate::accounts::{CurrentUser, Role};

/// How a staff member stands to one request: the unit handling it, and whether their unit is
/// summoned to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    pub request_unit: Option<ids::UnitId>,
    /// `Some(checked_in)` when the caller's unit is summoned.
    pub summoned: Option<bool>,
}

/// Whether `user` sees everything of a request (private ones, internal notes, who filed):
/// the dispatchers and admins, the handling unit and the units summoned to it.
pub fn sees_all(user: &CurrentUser, standing: Standing) -> bool {
    match user.role {
        Role::Dispatcher | Role::Admin => true,
        Role::Handler => {
            (user.unit_id.is_some() && user.unit_id == standing.request_unit)
                || standing.summoned.is_some()
        }
        Role::Resident | Role::AreaStaff => false,
    }
}
