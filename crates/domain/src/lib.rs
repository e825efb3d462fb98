//! Liaison's domain: the vocabulary of international cooperation in criminal matters as types,
//! with validation, the access policy and the audit chain. Pure: no I/O, no clock, no database.

pub mod audit;
pub mod country;
pub mod date;
pub mod directory;
pub mod ids;
pub mod legal_basis;
pub mod notice;
pub mod page;
pub mod password_policy;
pub mod policy;
pub mod reference;
pub mod request;
pub mod role;
pub mod sniff;
pub mod statistics;
pub mod text;
pub mod validation;

#[cfg(test)]
mod fuzz_tests;

pub use country::CountryCode;
pub use ids::{CaseId, OrgId, RequestId, TokenId, UserId};
pub use role::{Role, RoleSet};
pub use validation::{FieldError, Invalid};
