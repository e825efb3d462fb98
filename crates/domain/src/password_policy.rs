//! The password policy: long enough, not common, not derived from the account's name.
//! Follows NIST SP 800-63B: length and a blocklist rather than composition rules.

use crate::validation::FieldError;

pub const MIN_LENGTH: usize = 12;
pub const MAX_LENGTH: usize = 256;

const COMMON: &str = include_str!("../../../data/common-passwords.txt");

fn is_common(word: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> = std::sync::OnceLock::new();
    let set = SET.get_or_init(|| COMMON.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).collect());
    set.contains(word)
}

/// The part of a password that people vary least: lowercased, digits and symbols at both ends removed,
/// then common letter-for-digit swaps undone ("P@ssw0rd2024!" → "p@ssw0rd" → "password").
fn core_of(password: &str) -> String {
    let lower = password.to_lowercase();
    let trimmed = lower.trim_matches(|c: char| !c.is_alphabetic());
    trimmed
        .chars()
        .map(|c| match c {
            '@' | '4' => 'a',
            '3' => 'e',
            '1' | '!' => 'i',
            '0' => 'o',
            '$' | '5' => 's',
            '7' => 't',
            other => other,
        })
        .collect()
}

fn trimmed_of(password: &str) -> String {
    password.to_lowercase().trim_matches(|c: char| !c.is_alphabetic()).to_string()
}

/// Checks a new password for an account. `context` holds words the password must not be built on
/// (user name, display name, organisation, product name).
pub fn check(password: &str, context: &[&str]) -> Result<(), FieldError> {
    let n = password.chars().count();
    let err = |code, msg: String| Err(FieldError::new("password", code, msg));
    if n < MIN_LENGTH {
        return err("too_short", format!("must be at least {MIN_LENGTH} characters (got {n})"));
    }
    if n > MAX_LENGTH {
        return err("too_long", format!("must be at most {MAX_LENGTH} characters"));
    }
    if password.chars().any(char::is_control) {
        return err("invalid_characters", "must not contain control characters".into());
    }
    let distinct: std::collections::BTreeSet<char> = password.chars().collect();
    if distinct.len() < 5 {
        return err("too_simple", "uses too few different characters".into());
    }
    let lower = password.to_lowercase();
    if is_common(&lower) || is_common(&trimmed_of(password)) || is_common(&core_of(password)) {
        return err("common", "is one of the most commonly used passwords".into());
    }
    for word in context.iter().map(|w| w.trim().to_lowercase()).filter(|w| w.chars().count() >= 4) {
        if lower.contains(&word) {
            return err("contains_context", "must not contain your user name, your name or the product's name".into());
        }
    }
    if is_sequence(&lower) {
        return err("too_simple", "is a keyboard or alphabet sequence".into());
    }
    Ok(())
}

fn is_sequence(s: &str) -> bool {
    const ROWS: [&str; 4] = [
        "abcdefghijklmnopqrstuvwxyz",
        "0123456789012345678901234567890",
        "qwertyuiopasdfghjklzxcvbnm",
        "1234567890qwertyuiop",
    ];
    ROWS.iter().any(|row| row.contains(s) || row.chars().rev().collect::<String>().contains(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_common_and_contextual_passwords_are_refused() {
        assert_eq!(check("short", &[]).unwrap_err().code, "too_short");
        assert_eq!(check("password1234", &[]).unwrap_err().code, "common");
        assert_eq!(check("P@ssw0rd2024!", &[]).unwrap_err().code, "common");
        assert_eq!(check("aaaaaaaaaaaaaaaa", &[]).unwrap_err().code, "too_simple");
        assert_eq!(check("abcdefghijklmnop", &[]).unwrap_err().code, "too_simple");
        assert_eq!(check("ivanov-strong-9271", &["ivanov"]).unwrap_err().code, "contains_context");
        assert_eq!(check(&"x1y2z3".repeat(50), &[]).unwrap_err().code, "too_long");
    }

    #[test]
    fn long_uncommon_passwords_in_any_script_pass() {
        assert!(check("correct horse battery staple", &["ivanov"]).is_ok());
        assert!(check("Белая лошадь у реки 1987", &[]).is_ok());
        assert!(check("حصان أبيض عند النهر", &[]).is_ok());
    }

    #[test]
    fn the_blocklist_is_loaded() {
        assert!(COMMON.lines().filter(|l| !l.starts_with('#')).count() > 1000);
        assert!(is_common("qwerty"));
    }
}
