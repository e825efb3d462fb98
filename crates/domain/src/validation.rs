//! Field-level validation errors shared by every parser in the domain.

use serde::Serialize;

/// One field that failed validation, with a message a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldError {
    /// The field's name as the client sent it (`username`, `roles[2]`, …).
    pub field: String,
    /// Stable machine-readable code (`too_short`, `unknown_value`, …).
    pub code: &'static str,
    /// Human-readable explanation in English; the UI translates by `code`.
    pub message: String,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self { field: field.into(), code, message: message.into() }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// A set of field errors; empty means valid.
#[derive(Debug, Clone, Default, PartialEq, Eq, thiserror::Error)]
#[error("invalid input: {}", .0.iter().map(|e| format!("{}: {}", e.field, e.message)).collect::<Vec<_>>().join("; "))]
pub struct Invalid(pub Vec<FieldError>);

impl Invalid {
    pub fn one(field: impl Into<String>, code: &'static str, message: impl Into<String>) -> Self {
        Self(vec![FieldError::new(field, code, message)])
    }

    /// Collects the error of a parse result under `field`, returning the value when it parsed.
    pub fn check<T>(&mut self, field: &str, result: Result<T, FieldError>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(mut e) => {
                e.field = field.to_string();
                self.0.push(e);
                None
            }
        }
    }

    pub fn push(&mut self, e: FieldError) {
        self.0.push(e);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `Ok(())` when nothing was collected, otherwise the collected errors.
    pub fn into_result(self) -> Result<(), Invalid> {
        if self.0.is_empty() { Ok(()) } else { Err(self) }
    }
}

/// Trims a free text field and checks it: present when `required`, at most `max` characters, no control
/// characters but line breaks and tabs.
pub fn text(inv: &mut Invalid, field: &str, value: &mut String, required: bool, max: usize) {
    *value = value.trim().to_owned();
    if required && value.is_empty() {
        inv.push(FieldError::new(field, "required", "must not be empty"));
    } else if value.chars().count() > max {
        inv.push(FieldError::new(field, "too_long", format!("at most {max} characters")));
    } else if value.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        inv.push(FieldError::new(field, "control_character", "contains control characters"));
    }
}

/// `text` for an optional field; a blank value becomes none.
pub fn opt_text(inv: &mut Invalid, field: &str, value: &mut Option<String>, max: usize) {
    if let Some(v) = value {
        text(inv, field, v, false, max);
        if v.is_empty() {
            *value = None;
        }
    }
}
