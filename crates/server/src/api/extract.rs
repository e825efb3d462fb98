//! Extractors of the JSON API that turn every bad request into a problem document: JSON bodies and
//! query strings (malformed, wrong types, unknown fields, invalid UTF-8, too large), the caller
//! (API token or session, with the CSRF header for cookie-authenticated writes) and the client address.

use crate::auth::principal::{Principal, Via, resolve};
use crate::auth::secrets::same;
use crate::error::AppError;
use crate::state::AppState;
use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{ConnectInfo, FromRequest, FromRequestParts, Request};
use axum::http::Method;
use axum::http::request::Parts;
use liaison_store::sessions::Stage;
use serde::de::DeserializeOwned;
use std::net::SocketAddr;

pub const CSRF_HEADER: &str = "x-csrf-token";

/// The client's address as the server saw it.
pub fn client_addr(parts: &Parts) -> Option<String> {
    parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ci| ci.0.ip().to_string())
}

/// A JSON body, with rejections as problem documents.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, AppError> {
        let limit = req.extensions().get::<BodyLimit>().map(|l| l.0).unwrap_or(0);
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(ApiJson(v)),
            Err(JsonRejection::MissingJsonContentType(_)) => {
                Err(AppError::UnsupportedMediaType("send the body as JSON with Content-Type: application/json".into()))
            }
            Err(JsonRejection::JsonSyntaxError(e)) => {
                Err(AppError::BadRequest { detail: format!("malformed JSON: {}", source_text(&e)) })
            }
            Err(JsonRejection::JsonDataError(e)) => {
                Err(AppError::BadRequest { detail: format!("JSON does not fit: {}", source_text(&e)) })
            }
            Err(JsonRejection::BytesRejection(e)) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(AppError::PayloadTooLarge { limit })
            }
            Err(e) => Err(AppError::BadRequest { detail: e.body_text() }),
        }
    }
}

fn source_text(e: &dyn std::error::Error) -> String {
    // The innermost error names the line, column and field (serde_path_to_error is built into axum).
    let mut cur: &dyn std::error::Error = e;
    let mut text = e.to_string();
    while let Some(next) = cur.source() {
        text = next.to_string();
        cur = next;
    }
    text
}

/// A query string, with rejections as problem documents.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(ApiQuery(v)),
            Err(QueryRejection::FailedToDeserializeQueryString(e)) => {
                Err(AppError::BadRequest { detail: format!("query string: {}", source_text(&e)) })
            }
            Err(e) => Err(AppError::BadRequest { detail: e.body_text() }),
        }
    }
}

/// The configured body limit, put in request extensions so rejections can name it.
#[derive(Clone, Copy)]
pub struct BodyLimit(pub usize);

fn safe(m: &Method) -> bool {
    matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// A fully signed-in caller. Cookie sessions must send the CSRF header on writes; a user whose password
/// must change can do only that (and log out).
pub struct ApiAuthed(pub Principal);

impl FromRequestParts<AppState> for ApiAuthed {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, AppError> {
        let p = resolve(st, &parts.headers, client_addr(parts)).await?.ok_or(AppError::Unauthenticated)?;
        if p.stage() != Stage::Full {
            return Err(AppError::Unauthenticated);
        }
        check_csrf(parts, &p)?;
        let path = parts.uri.path();
        if p.user.must_change_password
            && !(path.ends_with("/me/password") || path.ends_with("/auth/logout") || path.ends_with("/me"))
        {
            return Err(AppError::PasswordChangeRequired);
        }
        Ok(ApiAuthed(p))
    }
}

/// A caller with a session at any stage (for the second factor and enrolment).
pub struct ApiSession(pub Principal);

impl FromRequestParts<AppState> for ApiSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, AppError> {
        let p = resolve(st, &parts.headers, client_addr(parts)).await?.ok_or(AppError::Unauthenticated)?;
        if !matches!(p.via, Via::Session(_)) {
            return Err(AppError::BadRequest {
                detail: "this endpoint needs a login session, not an API token".into(),
            });
        }
        check_csrf(parts, &p)?;
        Ok(ApiSession(p))
    }
}

fn check_csrf(parts: &Parts, p: &Principal) -> Result<(), AppError> {
    if let (Via::Session(s), false) = (&p.via, safe(&parts.method)) {
        let sent = parts.headers.get(CSRF_HEADER).and_then(|v| v.to_str().ok()).unwrap_or("");
        if !same(sent, &s.csrf_token) {
            return Err(AppError::Csrf);
        }
    }
    Ok(())
}

/// The client address as an extractor.
pub struct Client(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for Client {
    type Rejection = std::convert::Infallible;
    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Client(client_addr(parts)))
    }
}
