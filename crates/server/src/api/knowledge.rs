//! API of the knowledge base: search with filters, publish, read, change and withdraw documents.

use super::extract::{ApiAuthed, ApiJson, ApiQuery};
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::services::knowledge::{self as svc, Filters, Hit, KnowledgeInput};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use liaison_store::knowledge::KnowledgeRecord;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

type ApiResult<T> = Result<T, AppError>;

pub(super) fn doc_id(s: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(s).map_err(|_| AppError::NotFound("knowledge document"))
}

#[derive(Serialize, ToSchema)]
pub struct KnowledgeOut {
    pub id: String,
    pub org: String,
    pub version: i64,
    /// title, kind, language, summary, text, countries, instruments, articles, crime_types, source, dated,
    /// access {to: all | network, network}
    #[schema(value_type = Object)]
    pub document: liaison_domain::knowledge::KnowledgeBody,
    pub created_at: String,
    pub updated_at: String,
}

impl KnowledgeOut {
    fn of(d: &KnowledgeRecord) -> KnowledgeOut {
        KnowledgeOut {
            id: d.id.to_string(),
            org: d.org.to_string(),
            version: d.version,
            document: d.body.clone(),
            created_at: rfc3339(d.created_at),
            updated_at: rfc3339(d.updated_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct KnowledgeHit {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub language: String,
    pub countries: Vec<String>,
    pub instruments: Vec<String>,
    /// The network the document is restricted to, if any.
    pub network: Option<String>,
    pub score: f64,
    /// An extract around the first word found.
    pub snippet: String,
    pub updated_at: String,
}

impl KnowledgeHit {
    fn of(h: &Hit) -> KnowledgeHit {
        let b = &h.document.body;
        KnowledgeHit {
            id: h.document.id.to_string(),
            title: b.title.clone(),
            kind: b.kind.as_str().into(),
            language: b.language.clone(),
            countries: b.countries.iter().map(ToString::to_string).collect(),
            instruments: b.instruments.clone(),
            network: b.network().map(str::to_owned),
            score: (h.score * 1000.0).round() / 1000.0,
            snippet: h.snippet.clone(),
            updated_at: rfc3339(h.document.updated_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct KnowledgeResults {
    pub items: Vec<KnowledgeHit>,
    pub total: usize,
}

/// Search the knowledge base: every word of `q` in any script (inflected forms found), filtered by kind,
/// language, country, instrument and crime type; only what the caller may read.
#[utoipa::path(get, path = "/knowledge", tag = "knowledge", params(Filters), responses((status = 200, body = KnowledgeResults), (status = 422, body = Problem)))]
pub async fn search(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(f): ApiQuery<Filters>,
) -> ApiResult<Json<KnowledgeResults>> {
    let r = svc::search(&st, &p.caller(), &f).await?;
    Ok(Json(KnowledgeResults { items: r.hits.iter().map(KnowledgeHit::of).collect(), total: r.total }))
}

/// Publish a document for the caller's organisation (data stewards, central authority officers,
/// working-group secretaries); `network` restricts it to that network's states.
#[utoipa::path(post, path = "/knowledge", tag = "knowledge", request_body = KnowledgeInput,
    responses((status = 201, body = KnowledgeOut), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn publish(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(input): ApiJson<KnowledgeInput>,
) -> ApiResult<(StatusCode, Json<KnowledgeOut>)> {
    Ok((StatusCode::CREATED, Json(KnowledgeOut::of(&svc::publish(&st, &p.caller(), input).await?))))
}

#[utoipa::path(get, path = "/knowledge/{id}", tag = "knowledge", params(("id" = String, Path)), responses((status = 200, body = KnowledgeOut), (status = 404, body = Problem)))]
pub async fn get(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<KnowledgeOut>> {
    Ok(Json(KnowledgeOut::of(&svc::get(&st, &p.caller(), doc_id(&id)?).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeUpdate {
    pub version: i64,
    pub document: KnowledgeInput,
}

/// Replace a document of the caller's organisation; `version` is the one read.
#[utoipa::path(put, path = "/knowledge/{id}", tag = "knowledge", params(("id" = String, Path)), request_body = KnowledgeUpdate,
    responses((status = 200, body = KnowledgeOut), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn update(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<KnowledgeUpdate>,
) -> ApiResult<Json<KnowledgeOut>> {
    Ok(Json(KnowledgeOut::of(&svc::update(&st, &p.caller(), doc_id(&id)?, b.version, b.document).await?)))
}

/// Withdraw a document of the caller's organisation.
#[utoipa::path(delete, path = "/knowledge/{id}", tag = "knowledge", params(("id" = String, Path)), responses((status = 204), (status = 404, body = Problem)))]
pub async fn withdraw(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    svc::withdraw(&st, &p.caller(), doc_id(&id)?).await?;
    Ok(StatusCode::NO_CONTENT)
}
