//! End-to-end tests: the real server over HTTP on SQLite and PostgreSQL, the authorisation matrix,
//! bad input, a crash test of the real binary, and browser journeys in headless Chromium.
//! One test binary keeps link time down.

// Test code: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::type_complexity)]

mod api;
mod authz;
mod bad_input;
mod browser;
mod chasing;
mod crash;
mod groups;
mod knowledge;
mod networks;
mod notices;
mod reference;
mod requests;
mod screening;
mod support;
