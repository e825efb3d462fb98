//! The one web error type. Every failure a handler can meet maps here, and from here to a status and an
//! RFC 9457 problem document (the JSON API) or an error page (the web UI, in `web::error`).

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use liaison_domain::policy::Denied;
use liaison_domain::request::TransitionError;
use liaison_domain::{FieldError, Invalid};
use liaison_store::StoreError;
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("authentication required")]
    Unauthenticated,
    #[error("the user name or password is wrong")]
    InvalidCredentials,
    #[error("the code is wrong or was already used")]
    InvalidSecondFactor,
    #[error("{0}")]
    Denied(Denied),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("{0}")]
    Invalid(Invalid),
    #[error("{detail}")]
    BadRequest { detail: String },
    #[error("{0}")]
    Conflict(String),
    /// Someone else changed the object since the caller read it.
    #[error("this {0} was changed by someone else since you opened it; reload it and make your change again")]
    Stale(&'static str),
    /// The lifecycle refused a step.
    #[error("{0}")]
    Step(TransitionError),
    #[error("the form's security token is missing or does not match your session; reload the page and try again")]
    Csrf,
    #[error("too many attempts; try again in {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    #[error("the account is temporarily locked after repeated failed logins; try again in {retry_after} seconds")]
    Locked { retry_after: u64 },
    #[error("you must change your password before doing anything else")]
    PasswordChangeRequired,
    #[error("the request body is larger than the limit of {limit} bytes")]
    PayloadTooLarge { limit: usize },
    #[error("{0}")]
    UnsupportedMediaType(String),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("service unavailable: {0}")]
    Unavailable(String),
    /// Something failed inside; the cause is logged, the client sees only that it failed.
    #[error("internal error")]
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict(what) => AppError::Conflict(format!("{what} already exists")),
            StoreError::Stale(what) => AppError::Stale(what),
            StoreError::NotFound(what) => AppError::NotFound(what),
            other => AppError::Internal(other.to_string()),
        }
    }
}

impl From<Invalid> for AppError {
    fn from(e: Invalid) -> Self {
        AppError::Invalid(e)
    }
}

impl From<FieldError> for AppError {
    fn from(e: FieldError) -> Self {
        AppError::Invalid(Invalid(vec![e]))
    }
}

impl From<Denied> for AppError {
    fn from(d: Denied) -> Self {
        AppError::Denied(d)
    }
}

/// RFC 9457 problem details, with field errors for validation problems.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Problem {
    /// A URI reference naming the problem type.
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    pub status: u16,
    pub detail: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ProblemField>,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ProblemField {
    /// The field, as the client named it (`username`, `roles[1]`).
    pub field: String,
    /// JSON Pointer (RFC 6901) to the field in the request body.
    pub pointer: String,
    /// Stable code (`required`, `too_long`, `unknown_value`…).
    pub code: String,
    pub message: String,
}

fn pointer_of(field: &str) -> String {
    let mut p = String::new();
    for part in field.split('.') {
        match part.split_once('[') {
            Some((name, idx)) => {
                p.push('/');
                p.push_str(name);
                p.push('/');
                p.push_str(idx.trim_end_matches(']'));
            }
            None => {
                p.push('/');
                p.push_str(part);
            }
        }
    }
    p
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::Unauthenticated | AppError::InvalidCredentials | AppError::InvalidSecondFactor => {
                StatusCode::UNAUTHORIZED
            }
            AppError::Denied(Denied::NotFound) | AppError::NotFound(_) => StatusCode::NOT_FOUND,
            AppError::Denied(Denied::Role | Denied::TokenScope) | AppError::Csrf | AppError::PasswordChangeRequired => {
                StatusCode::FORBIDDEN
            }
            AppError::Invalid(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Step(TransitionError::WrongSide(_) | TransitionError::Role(_)) => StatusCode::FORBIDDEN,
            AppError::Step(TransitionError::CommentRequired | TransitionError::GroundsRequired) => {
                StatusCode::UNPROCESSABLE_ENTITY
            }
            AppError::Step(TransitionError::NotFromHere { .. } | TransitionError::Incomplete) => StatusCode::CONFLICT,
            AppError::BadRequest { .. } => StatusCode::BAD_REQUEST,
            AppError::Conflict(_) | AppError::Stale(_) => StatusCode::CONFLICT,
            AppError::RateLimited { .. } | AppError::Locked { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::PayloadTooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            AppError::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem type's short name, also the Fluent message id suffix in the web UI.
    pub fn slug(&self) -> &'static str {
        match self {
            AppError::Unauthenticated => "unauthenticated",
            AppError::InvalidCredentials => "invalid-credentials",
            AppError::InvalidSecondFactor => "invalid-second-factor",
            AppError::Denied(Denied::NotFound) | AppError::NotFound(_) => "not-found",
            AppError::Denied(Denied::Role) => "forbidden",
            AppError::Denied(Denied::TokenScope) => "insufficient-scope",
            AppError::Invalid(_) => "validation",
            AppError::Step(TransitionError::WrongSide(_) | TransitionError::Role(_)) => "step-forbidden",
            AppError::Step(TransitionError::CommentRequired | TransitionError::GroundsRequired) => "validation",
            AppError::Step(TransitionError::Incomplete) => "request-incomplete",
            AppError::Step(TransitionError::NotFromHere { .. }) => "step-not-allowed",
            AppError::BadRequest { .. } => "bad-request",
            AppError::Conflict(_) => "conflict",
            AppError::Stale(_) => "stale",
            AppError::Csrf => "csrf",
            AppError::RateLimited { .. } => "rate-limited",
            AppError::Locked { .. } => "account-locked",
            AppError::PasswordChangeRequired => "password-change-required",
            AppError::PayloadTooLarge { .. } => "payload-too-large",
            AppError::UnsupportedMediaType(_) => "unsupported-media-type",
            AppError::MethodNotAllowed => "method-not-allowed",
            AppError::Unavailable(_) => "unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    pub fn problem(&self) -> Problem {
        let status = self.status();
        let errors = match self {
            AppError::Invalid(inv) => inv
                .0
                .iter()
                .map(|e| ProblemField {
                    field: e.field.clone(),
                    pointer: pointer_of(&e.field),
                    code: e.code.to_string(),
                    message: e.message.clone(),
                })
                .collect(),
            AppError::Step(e @ (TransitionError::CommentRequired | TransitionError::GroundsRequired)) => {
                let field = if matches!(e, TransitionError::CommentRequired) { "comment" } else { "grounds" };
                vec![ProblemField {
                    field: field.into(),
                    pointer: pointer_of(field),
                    code: "required".into(),
                    message: e.to_string(),
                }]
            }
            _ => Vec::new(),
        };
        Problem {
            kind: format!("/problems/{}", self.slug()),
            title: status.canonical_reason().unwrap_or("Error").to_string(),
            status: status.as_u16(),
            detail: self.to_string(),
            errors,
        }
    }

    pub fn retry_after(&self) -> Option<u64> {
        match self {
            AppError::RateLimited { retry_after } | AppError::Locked { retry_after } => Some(*retry_after),
            _ => None,
        }
    }

    pub fn log(&self) {
        if let AppError::Internal(cause) = self {
            tracing::error!(%cause, "internal error");
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        self.log();
        let mut res = (self.status(), Json(self.problem())).into_response();
        res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if let Some(v) = self.retry_after().and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
            res.headers_mut().insert(header::RETRY_AFTER, v);
        }
        if matches!(self, AppError::Unauthenticated) {
            res.headers_mut().insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer realm=\"liaison\""));
        }
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_problems_point_at_fields() {
        let e = AppError::Invalid(Invalid(vec![FieldError::new("roles[1]", "unknown_value", "unknown role 'king'")]));
        let p = e.problem();
        assert_eq!(p.status, 422);
        assert_eq!(p.kind, "/problems/validation");
        assert_eq!(p.errors[0].pointer, "/roles/1");
    }

    #[test]
    fn store_conflicts_are_409_and_other_store_errors_500() {
        assert_eq!(AppError::from(StoreError::Conflict("a user")).status(), StatusCode::CONFLICT);
        assert_eq!(AppError::from(StoreError::Corrupt("x".into())).status(), StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(AppError::Internal("secret cause".into()).problem().detail, "internal error");
    }
}
