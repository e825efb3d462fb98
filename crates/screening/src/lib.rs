//! Liaison's screening engine: finds a person however their name was written — in Cyrillic, Latin with
//! national letters, Arabic or Persian script, Georgian or Armenian, under any of the transliteration schemes
//! documents use — and explains each hit part by part. Pure: no I/O, no clock; deterministic.
//!
//! The path of a comparison: [`normalize`] splits a name into words in their script; [`translit`] spells
//! each word in ASCII Latin under every scheme that fits; [`key`] reduces each spelling to keys on which the
//! schemes agree; [`name`] pairs the parts of two names; [`evidence`] weighs date of birth and nationality;
//! [`person::compare`] gives the score and its explanation. [`index::Index`] finds the candidates for a query
//! from the keys so that a search never scans every record.

pub mod evidence;
pub mod index;
pub mod key;
pub mod name;
pub mod normalize;
pub mod notice;
pub mod person;
pub mod similarity;
#[cfg(any(test, feature = "synthetic"))]
pub mod synthetic;
mod tables;
pub mod translit;

pub use evidence::BirthDate;
pub use index::{Hit, Index, SearchOptions};
pub use person::{Analysed, Comparison, Explanation, Person, compare, score};

/// Names the algorithm and its version; stored with every hit so that a later change of the engine is visible.
pub const ALGORITHM: &str = "liaison-names-1";

/// The score from which a hit goes to review unless the caller sets another.
pub const DEFAULT_THRESHOLD: f32 = 0.7;
