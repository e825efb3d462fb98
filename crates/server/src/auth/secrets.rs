//! Random secrets and their storage form. Secrets with 256 bits of entropy (session ids, API tokens,
//! recovery codes) are stored as their SHA-256: a fast hash is enough when guessing is hopeless.

use base64::Engine as _;
use sha2::{Digest, Sha256};

/// `n` random bytes from the operating system.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut b = [0u8; N];
    // getrandom only fails when the OS has no entropy source; nothing can work then.
    if getrandom::fill(&mut b).is_err() {
        tracing::error!("the operating system's random source failed");
        std::process::abort();
    }
    b
}

/// A URL-safe random token with 256 bits of entropy.
pub fn random_token() -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(random_bytes::<32>())
}

pub fn sha256_hex(s: &str) -> String {
    hex::encode(Sha256::digest(s.as_bytes()))
}

/// Compares two secrets in constant time.
pub fn same(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A recovery code: ten characters of base32 in two groups (`ABCDE-FGHIJ`), 50 bits each.
pub fn recovery_code() -> String {
    let s = data_encoding::BASE32_NOPAD.encode(&random_bytes::<7>());
    format!("{}-{}", &s[..5], &s[5..10])
}

/// Normalises a typed recovery code (case, spaces, dashes) before hashing.
pub fn normalise_recovery_code(s: &str) -> String {
    let c: String = s.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_ascii_uppercase();
    if c.len() == 10 { format!("{}-{}", &c[..5], &c[5..]) } else { c }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_unique_and_recovery_codes_normalise() {
        assert_ne!(random_token(), random_token());
        assert_eq!(random_token().len(), 43);
        let code = recovery_code();
        assert_eq!(normalise_recovery_code(&code.to_lowercase().replace('-', " ")), code);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
