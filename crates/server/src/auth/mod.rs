//! Authentication primitives: password hashing, TOTP, random secrets, rate limits, and the request
//! principal (who is calling, from a session cookie or an API token).

pub mod password;
pub mod principal;
pub mod ratelimit;
pub mod secrets;
pub mod totp;
