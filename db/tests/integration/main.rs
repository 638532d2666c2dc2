//! The db crate's integration tests, one binary: each module a part of it.

mod account_lifecycle;
mod accounts;
mod areas;
mod codes;
mod common;
mod consultations;
mod handling;
mod requests;
mod volunteers;
