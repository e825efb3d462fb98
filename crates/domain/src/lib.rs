//! Liaison's domain: the vocabulary of international cooperation in criminal matters as types,
//! with validation, the access policy and the audit chain. Pure: no I/O, no clock, no database.

/// An enum with a stable snake_case name per variant, `ALL`, `as_str`, `parse` and serde by name.
macro_rules! named_enum {
    ($(#[$m:meta])* pub enum $name:ident { $($(#[$vm:meta])* $variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name { $($(#[$vm])* #[serde(rename = $s)] $variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $s),+ }
            }
            pub fn parse(s: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|x| x.as_str() == s.trim())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str(self.as_str()) }
        }
    };
}

pub mod audit;
pub mod country;
pub mod date;
pub mod directory;
pub mod group;
pub mod ids;
pub mod knowledge;
pub mod legal_basis;
pub mod network;
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
pub use ids::{CaseId, GroupId, HitId, MeetingId, NoticeId, OrgId, RequestId, ScreeningId, TaskId, TokenId, UserId};
pub use role::{Role, RoleSet};
pub use validation::{FieldError, Invalid};
