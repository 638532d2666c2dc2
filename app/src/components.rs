//! Widgets shared by several features.
pub mod layout;
