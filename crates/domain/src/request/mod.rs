//! Requests between authorities and the national cases they belong to: what a request of each type
//! must contain (and what is still missing), its lifecycle, and its deadlines. Pure: no I/O, no clock.

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

pub mod case;
pub mod completeness;
pub mod content;
pub mod deadline;
pub mod kind;
pub mod lifecycle;
pub mod refusal;

pub use case::{Asset, AssetKind, Case, Offence, OffenceCategory, Person, PersonRole};
pub use completeness::{Finding, Severity, check};
pub use content::{Draft, MeasureDetails};
pub use kind::{ExtraditionPurpose, Measure, Urgency};
pub use lifecycle::{Side, Status, Transition, TransitionError};
