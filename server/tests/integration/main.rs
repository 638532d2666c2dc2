//! The server crate's integration tests, one binary: each module a part of it.

mod accounts;
mod admin;
mod answers;
mod api;
mod caches;
mod cluster;
mod common;
mod communities;
mod consultations;
mod found_cases;
mod handling;
mod inbox;
mod measures;
mod needs_and_board;
mod organisations;
mod password_reset;
mod profile;
mod ratings;
mod registration;
mod requests;
mod security;
mod shell;
mod topics;
mod verifications;
mod volunteers;
