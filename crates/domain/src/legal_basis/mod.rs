//! Legal bases for cooperation between two states: the instruments and their parties (`model`), the
//! reference-data importer that checks them (`import`), and the resolver that answers "on what legal
//! basis may state A ask state B for this, on this date?" with its reasons (`resolve`).

pub mod import;
pub mod model;
pub mod resolve;

pub use model::{Catalogue, CooperationType, Instrument, Level, Party, PartyStatus, Provision};
pub use resolve::{Answer, Basis, Query, resolve};
