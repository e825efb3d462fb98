//! Requests between authorities and the national cases they belong to: what a request of each type
//! must contain (and what is still missing), its lifecycle, and its deadlines. Pure: no I/O, no clock.

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
