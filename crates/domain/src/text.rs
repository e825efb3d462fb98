//! Validated text values: user names, display names, organisation names, e-mail addresses.
//! Names are stored in their own script; only control characters and edge whitespace are refused.

use crate::validation::FieldError;
use serde::Serialize;
use std::fmt;

fn bounded(field: &str, s: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let t = s.trim();
    let n = t.chars().count();
    if n < min {
        return Err(FieldError::new(
            field,
            if n == 0 { "required" } else { "too_short" },
            format!("must be at least {min} characters"),
        ));
    }
    if n > max {
        return Err(FieldError::new(field, "too_long", format!("must be at most {max} characters (got {n})")));
    }
    if t.chars().any(|c| c.is_control()) {
        return Err(FieldError::new(field, "invalid_characters", "must not contain control characters"));
    }
    Ok(t.to_string())
}

macro_rules! text_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn as_str(&self) -> &str { &self.0 }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(&self.0) }
        }
    };
}

text_type!(
    /// Login name: 3–64 characters of lowercase ASCII letters, digits, `.`, `-`, `_`.
    Username
);
text_type!(
    /// A person's name as they write it, in any script (1–200 characters).
    DisplayName
);
text_type!(
    /// An organisation's name in its own language and script (2–300 characters).
    OrgName
);
text_type!(
    /// An e-mail address (syntax checked loosely: local@domain.tld).
    Email
);

impl Username {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let t = bounded("username", s, 3, 64)?.to_lowercase();
        if !t.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '_')) {
            return Err(FieldError::new(
                "username",
                "invalid_characters",
                "may contain only latin letters, digits, '.', '-' and '_'",
            ));
        }
        Ok(Self(t))
    }
}

impl DisplayName {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        bounded("display_name", s, 1, 200).map(Self)
    }
}

impl OrgName {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        bounded("name", s, 2, 300).map(Self)
    }
}

impl Email {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let t = bounded("email", s, 3, 254)?;
        let ok = match t.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !t.chars().any(char::is_whitespace)
                    && !domain.contains('@')
            }
            None => false,
        };
        if !ok {
            return Err(FieldError::new("email", "invalid_format", format!("'{t}' is not an e-mail address")));
        }
        Ok(Self(t))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_keep_their_script() {
        assert_eq!(DisplayName::parse(" Сергей Плохов ").unwrap().as_str(), "Сергей Плохов");
        assert_eq!(OrgName::parse("النيابة العامة").unwrap().as_str(), "النيابة العامة");
    }

    #[test]
    fn bad_values_say_what_is_wrong() {
        assert_eq!(Username::parse("ab").unwrap_err().code, "too_short");
        assert_eq!(Username::parse("иван").unwrap_err().code, "invalid_characters");
        assert_eq!(Username::parse("Ivan.P").unwrap().as_str(), "ivan.p");
        assert_eq!(DisplayName::parse("a\u{0007}b").unwrap_err().code, "invalid_characters");
        assert_eq!(DisplayName::parse(&"x".repeat(201)).unwrap_err().code, "too_long");
        assert_eq!(Email::parse("no-at-sign").unwrap_err().code, "invalid_format");
        assert!(Email::parse("a@b.org").is_ok());
    }
}
