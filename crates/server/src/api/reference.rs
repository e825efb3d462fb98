//! API of the directory, the treaty data and the legal-basis finder.

use super::dto::ListParams;
use super::extract::{ApiAuthed, ApiJson, ApiQuery};
use crate::clock::{date_of, rfc3339};
use crate::error::{AppError, Problem};
use crate::services::reference::{self as svc, DirectoryFilter, Entry};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use liaison_domain::directory::Authority;
use liaison_domain::page::PageRequest;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

type ApiResult<T> = Result<T, AppError>;

/// A directory entry.
#[derive(Serialize, ToSchema)]
pub struct AuthorityOut {
    pub id: String,
    pub country: String,
    pub country_name: String,
    /// Name in the state's own language and script.
    pub name: String,
    pub name_en: Option<String>,
    pub kind: String,
    /// Cooperation types it handles.
    pub handles: Vec<String>,
    pub languages: Vec<String>,
    pub has_24_7_contact: bool,
    /// Last confirmed as correct (YYYY-MM-DD).
    pub confirmed: Option<String>,
    /// Not confirmed for more than a year.
    pub stale: bool,
    /// shipped, import or edit.
    pub origin: String,
    pub provenance: String,
    pub updated_at: String,
    pub updated_by: Option<String>,
    /// The whole entry: competences, contacts, channels, networks, sources.
    #[schema(value_type = Object)]
    pub entry: serde_json::Value,
}

impl AuthorityOut {
    pub fn of(e: &Entry, now: i64) -> Self {
        let a = &e.authority;
        let today = date_of(now);
        let mut handles: Vec<String> = a.competences.iter().map(|c| c.kind.clone()).collect();
        handles.dedup();
        AuthorityOut {
            id: a.id.clone(),
            country: a.country.to_string(),
            country_name: a.country.english_name().to_string(),
            name: a.name.clone(),
            name_en: a.name_en.clone(),
            kind: a.kind.clone(),
            handles,
            languages: a.languages.clone(),
            has_24_7_contact: a.has_24_7(),
            confirmed: a.confirmed.map(|d| d.to_string()),
            stale: today.is_none_or(|t| a.stale(t)),
            origin: e.origin.clone(),
            provenance: e.provenance.clone(),
            updated_at: rfc3339(e.updated_at),
            updated_by: e.updated_by.clone(),
            entry: serde_json::to_value(a).unwrap_or_default(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct AuthorityPage {
    pub items: Vec<AuthorityOut>,
    pub total: u64,
    pub limit: u32,
    pub offset: u64,
    pub next_offset: Option<u64>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DirectoryParams {
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    /// ISO 3166-1 alpha-2.
    pub country: Option<String>,
    /// Kind of authority (prosecutor, ministry, court, police…).
    pub kind: Option<String>,
    /// Cooperation type handled (mla, extradition, …).
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub cooperation: Option<String>,
    /// Measure named in a competence (fragment).
    pub measure: Option<String>,
    /// Network id (casc, wacap, refco, ejn…).
    pub network: Option<String>,
    /// ISO 639-1 language accepted.
    pub language: Option<String>,
    /// Name fragment, own script or English.
    pub q: Option<String>,
}

fn s(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("")
}

/// Search the directory of authorities.
#[utoipa::path(get, path = "/directory/authorities", tag = "directory", params(DirectoryParams),
    responses((status = 200, body = AuthorityPage), (status = 422, body = Problem)))]
pub async fn search(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<DirectoryParams>,
) -> ApiResult<Json<AuthorityPage>> {
    let f = DirectoryFilter::parse(
        s(&q.country),
        s(&q.kind),
        s(&q.cooperation),
        s(&q.measure),
        s(&q.network),
        s(&q.language),
        s(&q.q),
    )?;
    let page = svc::search(&st, &p.caller(), &f, PageRequest::parse(q.limit, q.offset)?).await?;
    let now = st.now();
    let next_offset = page.next_offset();
    Ok(Json(AuthorityPage {
        items: page.items.iter().map(|e| AuthorityOut::of(e, now)).collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
        next_offset,
    }))
}

/// One directory entry.
#[utoipa::path(get, path = "/directory/authorities/{id}", tag = "directory", params(("id" = String, Path)),
    responses((status = 200, body = AuthorityOut), (status = 404, body = Problem)))]
pub async fn get_authority(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<AuthorityOut>> {
    Ok(Json(AuthorityOut::of(&svc::authority(&st, &p.caller(), &id).await?, st.now())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AuthorityEdit {
    /// The whole entry, as returned in `entry`.
    #[schema(value_type = Object)]
    pub authority: serde_json::Value,
    /// Where the new information comes from (a URL, a letter, a call).
    pub provenance: String,
}

/// Replace a directory entry (data stewards; the administrators of the organisation it describes).
#[utoipa::path(put, path = "/directory/authorities/{id}", tag = "directory", params(("id" = String, Path)), request_body = AuthorityEdit,
    responses((status = 200, body = AuthorityOut), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn edit_authority(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<AuthorityEdit>,
) -> ApiResult<Json<AuthorityOut>> {
    let a: Authority =
        serde_json::from_value(b.authority).map_err(|e| AppError::BadRequest { detail: format!("authority: {e}") })?;
    Ok(Json(AuthorityOut::of(&svc::edit_authority(&st, &p.caller(), &id, a, &b.provenance).await?, st.now())))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProvenanceIn {
    /// How the entry was checked (a URL, a letter, a call).
    pub provenance: String,
}

/// Record that an entry was checked and is still right.
#[utoipa::path(post, path = "/directory/authorities/{id}/confirm", tag = "directory", params(("id" = String, Path)), request_body = ProvenanceIn,
    responses((status = 200, body = AuthorityOut), (status = 403, body = Problem)))]
pub async fn confirm_authority(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ProvenanceIn>,
) -> ApiResult<Json<AuthorityOut>> {
    Ok(Json(AuthorityOut::of(&svc::confirm_authority(&st, &p.caller(), &id, &b.provenance).await?, st.now())))
}

#[derive(Serialize, ToSchema)]
pub struct NetworkOut {
    pub id: String,
    pub name: String,
    #[schema(value_type = Object)]
    pub network: serde_json::Value,
}

#[derive(Serialize, ToSchema)]
pub struct NetworkPage {
    pub items: Vec<NetworkOut>,
    pub total: u64,
    pub limit: u32,
    pub offset: u64,
    pub next_offset: Option<u64>,
}

/// Networks of authorities and contact points.
#[utoipa::path(get, path = "/directory/networks", tag = "directory", params(ListParams), responses((status = 200, body = NetworkPage)))]
pub async fn networks(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<ListParams>,
) -> ApiResult<Json<NetworkPage>> {
    let page = PageRequest::parse(q.limit, q.offset)?;
    let all = svc::networks(&st, &p.caller()).await?;
    let total = all.len() as u64;
    let items: Vec<NetworkOut> = all
        .iter()
        .skip(page.offset as usize)
        .take(page.limit as usize)
        .map(|n| NetworkOut {
            id: n.id.clone(),
            name: n.name.clone(),
            network: serde_json::to_value(n).unwrap_or_default(),
        })
        .collect();
    let next = page.offset + u64::from(page.limit);
    Ok(Json(NetworkPage {
        items,
        total,
        limit: page.limit,
        offset: page.offset,
        next_offset: (next < total).then_some(next),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct NetworkDetail {
    pub network: NetworkOut,
    /// Directory entries of its members.
    pub members: Vec<AuthorityOut>,
}

/// One network with its members' directory entries.
#[utoipa::path(get, path = "/directory/networks/{id}", tag = "directory", params(("id" = String, Path)),
    responses((status = 200, body = NetworkDetail), (status = 404, body = Problem)))]
pub async fn network(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<NetworkDetail>> {
    let (n, members) = svc::network(&st, &p.caller(), &id).await?;
    let now = st.now();
    Ok(Json(NetworkDetail {
        network: NetworkOut {
            id: n.id.clone(),
            name: n.name.clone(),
            network: serde_json::to_value(&n).unwrap_or_default(),
        },
        members: members.iter().map(|e| AuthorityOut::of(e, now)).collect(),
    }))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LegalBasisParams {
    /// Requesting state (ISO 3166-1 alpha-2).
    pub from: String,
    /// Requested state.
    pub to: String,
    /// mla, extradition, transfer_of_proceedings, transfer_of_sentenced_persons, confiscation, recognition_of_judgment.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: String,
    /// Date to judge on (YYYY-MM-DD), today by default.
    pub date: Option<String>,
    pub measure: Option<String>,
    pub offence: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct LegalBasisOut {
    /// Ranked bases with their explanations and provisions, the instruments set aside and why,
    /// reciprocity when nothing binds both states, and warnings.
    #[schema(value_type = Object)]
    pub answer: serde_json::Value,
    /// Where to send the request in the requested state.
    pub send_to: Vec<AuthorityOut>,
}

/// The legal bases for a request from one state to another, ranked and explained.
#[utoipa::path(get, path = "/legal-basis", tag = "legal-basis", params(LegalBasisParams),
    responses((status = 200, body = LegalBasisOut), (status = 422, body = Problem)))]
pub async fn legal_basis(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<LegalBasisParams>,
) -> ApiResult<Json<LegalBasisOut>> {
    let today = st.today()?;
    let query = svc::parse_query(&q.from, &q.to, &q.kind, s(&q.date), s(&q.measure), s(&q.offence), today)?;
    let (answer, send_to) = svc::legal_basis(&st, &p.caller(), &query).await?;
    let now = st.now();
    Ok(Json(LegalBasisOut {
        answer: serde_json::to_value(&answer).map_err(|e| AppError::Internal(e.to_string()))?,
        send_to: send_to.iter().map(|e| AuthorityOut::of(e, now)).collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct InstrumentOut {
    pub id: String,
    pub short: String,
    pub title: String,
    /// bilateral, regional or universal.
    pub level: String,
    pub parties: usize,
    /// Cooperation types it covers.
    pub scope: Vec<String>,
    /// The whole checked instrument: parties with dates and declarations, provisions, supersessions.
    #[schema(value_type = Object)]
    pub instrument: serde_json::Value,
}

impl InstrumentOut {
    fn of(i: &liaison_domain::legal_basis::Instrument) -> Self {
        InstrumentOut {
            id: i.id.clone(),
            short: i.short.clone(),
            title: i.title.clone(),
            level: i.level.as_str().into(),
            parties: i.parties.len(),
            scope: i.scope.iter().map(|t| t.as_str().to_string()).collect(),
            instrument: serde_json::to_value(i).unwrap_or_default(),
        }
    }
}

/// The legal instruments known, with their parties.
#[utoipa::path(get, path = "/instruments", tag = "legal-basis", responses((status = 200, body = Vec<InstrumentOut>)))]
pub async fn instruments(State(st): State<AppState>, ApiAuthed(p): ApiAuthed) -> ApiResult<Json<Vec<InstrumentOut>>> {
    Ok(Json(svc::instruments(&st, &p.caller()).await?.instruments.iter().map(InstrumentOut::of).collect()))
}

/// One instrument.
#[utoipa::path(get, path = "/instruments/{id}", tag = "legal-basis", params(("id" = String, Path)),
    responses((status = 200, body = InstrumentOut), (status = 404, body = Problem)))]
pub async fn instrument(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<InstrumentOut>> {
    let cat = svc::instruments(&st, &p.caller()).await?;
    Ok(Json(InstrumentOut::of(cat.get(&id).ok_or(AppError::NotFound("instrument"))?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct InstrumentPut {
    /// The instrument in the reference-data file format (id, title, short, level, adopted, in_force,
    /// scope, parties with dates, sources).
    #[schema(value_type = Object)]
    pub instrument: serde_json::Value,
    pub provenance: String,
}

/// Add or replace an instrument, e.g. a bilateral treaty (data stewards).
#[utoipa::path(put, path = "/instruments/{id}", tag = "legal-basis", params(("id" = String, Path)), request_body = InstrumentPut,
    responses((status = 200, body = InstrumentOut), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn put_instrument(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<InstrumentPut>,
) -> ApiResult<Json<InstrumentOut>> {
    Ok(Json(InstrumentOut::of(&svc::put_instrument(&st, &p.caller(), &id, &b.instrument, &b.provenance).await?)))
}
