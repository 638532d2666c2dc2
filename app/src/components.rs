//! Widgets shared by several features.
pub mod checked_form;
pub mod layout;
