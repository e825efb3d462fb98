//! Notices and the objects they concern: wanted, missing and unidentified persons, stolen vehicles and
//! stolen or lost travel documents.

pub mod mrz;
pub mod vin;
