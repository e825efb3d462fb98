//! API of notices (publish, import, export, cancel) and screening (a person, a document, a vehicle, a list
//! streamed with its progress), with the review of hits.

use super::extract::{ApiAuthed, ApiJson, ApiQuery};
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::services::notices::{self as svc, Format, ImportReport};
use crate::services::screening::{self as scr, DocumentQuery, HitView, PersonQuery, Screened, VehicleQuery};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use liaison_domain::notice::{NoticeBody, NoticeKind, NoticeStatus, manifest};
use liaison_domain::page::PageRequest;
use liaison_domain::{FieldError, HitId, Invalid, NoticeId, ScreeningId};
use liaison_store::notices::{Filter, NoticeRecord};
use liaison_store::screenings::Decision;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

type ApiResult<T> = Result<T, AppError>;

fn notice_id(s: &str) -> Result<NoticeId, AppError> {
    NoticeId::parse(s).ok_or(AppError::NotFound("notice"))
}

/// A notice as the API shows it.
#[derive(Serialize, ToSchema)]
pub struct NoticeOut {
    pub id: String,
    pub owner: String,
    pub status: String,
    pub version: i64,
    pub label: String,
    pub created_at: String,
    pub updated_at: String,
    /// The notice: kind, title, summary, subject (person, vehicle or document), addressees, review date.
    #[schema(value_type = Object)]
    pub notice: NoticeBody,
}

impl NoticeOut {
    pub fn of(n: &NoticeRecord) -> NoticeOut {
        NoticeOut {
            id: n.id.to_string(),
            owner: n.org.to_string(),
            status: n.status.to_string(),
            version: n.version,
            label: n.body.label(),
            created_at: rfc3339(n.created_at),
            updated_at: rfc3339(n.updated_at),
            notice: n.body.clone(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct NoticePage {
    pub items: Vec<NoticeOut>,
    pub total: u64,
    pub limit: u32,
    pub offset: u64,
    pub next_offset: Option<u64>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct NoticeParams {
    /// red, yellow, blue, black, green, orange, purple, silver, un_special, diffusion, stolen_vehicle, travel_document
    pub kind: Option<String>,
    /// active, cancelled, expired
    pub status: Option<String>,
    /// Text in names, numbers, plates and titles.
    pub q: Option<String>,
    /// Only one's own organisation's notices.
    pub own: Option<bool>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

impl NoticeParams {
    pub fn filter(&self) -> Result<Filter, AppError> {
        let mut inv = Invalid::default();
        let kind = self.kind.as_deref().filter(|k| !k.is_empty()).and_then(|k| {
            let parsed = NoticeKind::parse(k);
            if parsed.is_none() {
                inv.push(FieldError::new("kind", "unknown_value", format!("'{k}' is not a kind of notice")));
            }
            parsed
        });
        let status = self.status.as_deref().filter(|s| !s.is_empty()).and_then(|s| {
            let parsed = NoticeStatus::parse(s);
            if parsed.is_none() {
                inv.push(FieldError::new(
                    "status",
                    "unknown_value",
                    format!("'{s}' is not active, cancelled or expired"),
                ));
            }
            parsed
        });
        inv.into_result()?;
        Ok(Filter { kind, status, q: self.q.clone(), own_only: self.own.unwrap_or(false) })
    }
}

/// The notices visible to the caller's organisation: its own, those addressed to every member, and
/// diffusions addressed to its country.
#[utoipa::path(get, path = "/notices", tag = "notices", params(NoticeParams), responses((status = 200, body = NoticePage), (status = 422, body = Problem)))]
pub async fn list_notices(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<NoticeParams>,
) -> ApiResult<Json<NoticePage>> {
    let page = svc::list(&st, &p.caller(), &q.filter()?, PageRequest::parse(q.limit, q.offset)?).await?;
    Ok(Json(NoticePage {
        items: page.items.iter().map(NoticeOut::of).collect(),
        total: page.total,
        limit: page.limit,
        offset: page.offset,
        next_offset: page.next_offset(),
    }))
}

/// Publish a notice of the caller's organisation.
#[utoipa::path(post, path = "/notices", tag = "notices", request_body(content = Object, description = "kind, title, summary, subject {person|vehicle|document}, addressees[], review_date"),
    responses((status = 201, body = NoticeOut), (status = 422, body = Problem), (status = 403, body = Problem)))]
pub async fn create_notice(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(body): ApiJson<NoticeBody>,
) -> ApiResult<(StatusCode, Json<NoticeOut>)> {
    let rec = svc::create(&st, &p.caller(), body).await?;
    Ok((StatusCode::CREATED, Json(NoticeOut::of(&rec))))
}

#[utoipa::path(get, path = "/notices/{id}", tag = "notices", params(("id" = String, Path)), responses((status = 200, body = NoticeOut), (status = 404, body = Problem)))]
pub async fn get_notice(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<NoticeOut>> {
    Ok(Json(NoticeOut::of(&svc::get(&st, &p.caller(), notice_id(&id)?).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NoticeUpdate {
    pub version: i64,
    #[schema(value_type = Object)]
    pub notice: NoticeBody,
}

/// Replace the content of one's organisation's notice.
#[utoipa::path(put, path = "/notices/{id}", tag = "notices", params(("id" = String, Path)), request_body = NoticeUpdate,
    responses((status = 200, body = NoticeOut), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn update_notice(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(u): ApiJson<NoticeUpdate>,
) -> ApiResult<Json<NoticeOut>> {
    Ok(Json(NoticeOut::of(&svc::update(&st, &p.caller(), notice_id(&id)?, u.version, u.notice).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// active or cancelled
    pub status: String,
    #[serde(default)]
    pub reason: String,
}

/// Cancel one's notice (with the reason) or make it active again.
#[utoipa::path(post, path = "/notices/{id}/status", tag = "notices", params(("id" = String, Path)), request_body = StatusChange,
    responses((status = 200, body = NoticeOut), (status = 422, body = Problem)))]
pub async fn notice_status(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(c): ApiJson<StatusChange>,
) -> ApiResult<Json<NoticeOut>> {
    let status = match NoticeStatus::parse(&c.status) {
        Some(s @ (NoticeStatus::Active | NoticeStatus::Cancelled)) => s,
        _ => return Err(FieldError::new("status", "unknown_value", "active or cancelled").into()),
    };
    Ok(Json(NoticeOut::of(&svc::set_status(&st, &p.caller(), notice_id(&id)?, status, &c.reason).await?)))
}

/// Who screened against a notice, when and why: for the notice's owner.
#[derive(Serialize, ToSchema)]
pub struct HitOnNoticeOut {
    pub at: String,
    pub searching_organisation: String,
    pub purpose: String,
    pub searched: String,
    pub score: f64,
    pub decision: String,
}

#[utoipa::path(get, path = "/notices/{id}/hits", tag = "notices", params(("id" = String, Path)), responses((status = 200, body = Vec<HitOnNoticeOut>), (status = 404, body = Problem)))]
pub async fn notice_hits(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<HitOnNoticeOut>>> {
    let hits = svc::hits(&st, &p.caller(), notice_id(&id)?).await?;
    Ok(Json(
        hits.into_iter()
            .map(|(h, org)| HitOnNoticeOut {
                at: rfc3339(h.hit.created_at),
                searching_organisation: org,
                purpose: h.purpose,
                searched: h.hit.query_label,
                score: h.hit.score_milli as f64 / 1000.0,
                decision: h.hit.decision.as_str().to_owned(),
            })
            .collect(),
    ))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ImportParams {
    /// interpol (notice JSON: list, detail, array or JSON lines) or ftm (FollowTheMoney JSON lines)
    pub format: String,
    /// The kind for records whose kind the file does not tell (red, yellow, blue…).
    pub kind: Option<String>,
}

/// Import notices into the caller's organisation. Good records are imported (re-importing changes nothing);
/// bad ones are reported with their place and reason.
#[utoipa::path(post, path = "/notices/import", tag = "notices", params(ImportParams), request_body(content = String, content_type = "application/json"),
    responses((status = 200, body = ImportReport), (status = 422, body = Problem)))]
pub async fn import_notices(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<ImportParams>,
    body: String,
) -> ApiResult<Json<ImportReport>> {
    let format =
        Format::parse(&q.format).ok_or_else(|| FieldError::new("format", "unknown_value", "interpol or ftm"))?;
    let kind = match q.kind.as_deref().filter(|k| !k.is_empty()) {
        Some(k) => Some(
            NoticeKind::parse(k)
                .ok_or_else(|| FieldError::new("kind", "unknown_value", format!("'{k}' is not a kind of notice")))?,
        ),
        None => None,
    };
    Ok(Json(svc::import(&st, &p.caller(), format, kind, &body).await?))
}

/// The visible active person notices as FollowTheMoney JSON lines.
#[utoipa::path(get, path = "/notices/export.ftm", tag = "notices", responses((status = 200, content_type = "application/x-ndjson", body = String)))]
pub async fn export_ftm(State(st): State<AppState>, ApiAuthed(p): ApiAuthed) -> ApiResult<Response> {
    let text = svc::export_ftm(&st, &p.caller()).await?;
    Ok(([(axum::http::header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8")], text).into_response())
}

/// A hit as the searching side sees it.
#[derive(Serialize, ToSchema)]
pub struct HitOut {
    pub id: String,
    pub searched: String,
    pub row: Option<i64>,
    pub score: f64,
    /// Which parts matched how, what the date of birth and nationality said; or the exact key for objects.
    #[schema(value_type = Object)]
    pub explanation: serde_json::Value,
    /// pending, confirmed, false_positive
    pub decision: String,
    pub notice: NoticeOut,
}

impl HitOut {
    pub fn of(h: &HitView) -> HitOut {
        HitOut {
            id: h.hit.id.to_string(),
            searched: h.hit.query_label.clone(),
            row: h.hit.query_row,
            score: h.hit.score_milli as f64 / 1000.0,
            explanation: serde_json::from_str(&h.hit.explanation).unwrap_or_default(),
            decision: h.hit.decision.as_str().to_owned(),
            notice: NoticeOut::of(&h.notice),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ScreeningOut {
    pub id: String,
    pub kind: String,
    pub purpose: String,
    pub algorithm: String,
    pub threshold: f64,
    pub queries: i64,
    pub at: String,
    pub hits: Vec<HitOut>,
}

impl ScreeningOut {
    pub fn of(s: &Screened) -> ScreeningOut {
        ScreeningOut {
            id: s.screening.id.to_string(),
            kind: s.screening.kind.clone(),
            purpose: s.screening.purpose.clone(),
            algorithm: s.screening.algorithm.clone(),
            threshold: s.screening.threshold_milli as f64 / 1000.0,
            queries: s.screening.queries,
            at: rfc3339(s.screening.created_at),
            hits: s.hits.iter().map(HitOut::of).collect(),
        }
    }
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonScreening {
    pub name: String,
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub nationality: Option<String>,
    /// Why: the case, the control, the request (required; shown to the notice's owner).
    pub purpose: String,
    #[serde(default)]
    pub threshold: Option<f32>,
}

/// Screen one person.
#[utoipa::path(post, path = "/screenings/person", tag = "screening", request_body = PersonScreening,
    responses((status = 201, body = ScreeningOut), (status = 422, body = Problem)))]
pub async fn screen_person(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(q): ApiJson<PersonScreening>,
) -> ApiResult<(StatusCode, Json<ScreeningOut>)> {
    let query = PersonQuery { name: q.name, birth_date: q.birth_date, nationality: q.nationality };
    let s = scr::person(&st, &p.caller(), &query, &q.purpose, q.threshold).await?;
    Ok((StatusCode::CREATED, Json(ScreeningOut::of(&s))))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DocumentScreening {
    #[serde(default)]
    pub mrz: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub issuing_state: Option<String>,
    pub purpose: String,
}

/// Screen a travel document (its MRZ, or its number and issuing state); with an MRZ, its holder too.
#[utoipa::path(post, path = "/screenings/document", tag = "screening", request_body = DocumentScreening,
    responses((status = 201, body = ScreeningOut), (status = 422, body = Problem)))]
pub async fn screen_document(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(q): ApiJson<DocumentScreening>,
) -> ApiResult<(StatusCode, Json<ScreeningOut>)> {
    let query = DocumentQuery { mrz: q.mrz, number: q.number, issuing_state: q.issuing_state };
    let s = scr::document(&st, &p.caller(), &query, &q.purpose).await?;
    Ok((StatusCode::CREATED, Json(ScreeningOut::of(&s))))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VehicleScreening {
    #[serde(default)]
    pub vin: Option<String>,
    #[serde(default)]
    pub plate: Option<String>,
    pub purpose: String,
}

/// Screen a vehicle by VIN or plate.
#[utoipa::path(post, path = "/screenings/vehicle", tag = "screening", request_body = VehicleScreening,
    responses((status = 201, body = ScreeningOut), (status = 422, body = Problem)))]
pub async fn screen_vehicle(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(q): ApiJson<VehicleScreening>,
) -> ApiResult<(StatusCode, Json<ScreeningOut>)> {
    let query = VehicleQuery { vin: q.vin, plate: q.plate };
    let s = scr::vehicle(&st, &p.caller(), &query, &q.purpose).await?;
    Ok((StatusCode::CREATED, Json(ScreeningOut::of(&s))))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListParams {
    pub purpose: String,
    pub threshold: Option<f32>,
}

/// Reads a CSV list into screening rows; a file that cannot be read, or bad rows, are one clear error.
pub fn list_rows(text: &str) -> Result<Vec<PersonQuery>, AppError> {
    let (rows, errors) = manifest::parse(text).map_err(|e| FieldError::new("file", "invalid_csv", e.to_string()))?;
    if !errors.is_empty() {
        return Err(Invalid(
            errors
                .iter()
                .map(|e| FieldError::new(format!("line {}", e.line), "invalid_row", e.reason.clone()))
                .collect(),
        )
        .into());
    }
    Ok(rows
        .into_iter()
        .map(|r| PersonQuery { name: r.name, birth_date: r.birth_date, nationality: r.nationality })
        .collect())
}

/// Screen a list (CSV with a header: name or given_names and surname; birth_date; nationality). The answer
/// is JSON lines: `{"progress": n, "of": total}` as rows are screened, then `{"screening": …}` (or
/// `{"error": problem}`).
#[utoipa::path(post, path = "/screenings/list", tag = "screening", params(ListParams), request_body(content = String, content_type = "text/csv"),
    responses((status = 200, content_type = "application/x-ndjson", body = String), (status = 422, body = Problem)))]
pub async fn screen_list(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<ListParams>,
    body: String,
) -> ApiResult<Response> {
    let rows = list_rows(&body)?;
    let (tx, rx) = tokio::sync::mpsc::channel::<String>(16);
    let caller = p.caller();
    tokio::spawn(async move {
        let total = rows.len();
        let progress = tx.clone();
        let report = move |done: usize| {
            let _ = progress.try_send(format!("{{\"progress\":{done},\"of\":{total}}}\n"));
        };
        let result = scr::list(&st, &caller, &rows, &q.purpose, q.threshold, &report).await;
        let last = match result {
            Ok(s) => serde_json::json!({"screening": ScreeningOut::of(&s)}),
            Err(e) => serde_json::json!({"error": e.problem()}),
        };
        let _ = tx.send(format!("{last}\n")).await;
    });
    Ok((
        [(axum::http::header::CONTENT_TYPE, "application/x-ndjson; charset=utf-8")],
        axum::body::Body::new(crate::stream::Lines::new(rx)),
    )
        .into_response())
}

#[utoipa::path(get, path = "/screenings/{id}", tag = "screening", params(("id" = String, Path)), responses((status = 200, body = ScreeningOut), (status = 404, body = Problem)))]
pub async fn get_screening(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<ScreeningOut>> {
    let id = ScreeningId::parse(&id).ok_or(AppError::NotFound("screening"))?;
    Ok(Json(ScreeningOut::of(&scr::get(&st, &p.caller(), id).await?)))
}

/// The review queue: the caller's organisation's undecided hits, oldest first.
#[utoipa::path(get, path = "/screenings/review", tag = "screening", responses((status = 200, body = Vec<HitOut>)))]
pub async fn review_queue(State(st): State<AppState>, ApiAuthed(p): ApiAuthed) -> ApiResult<Json<Vec<HitOut>>> {
    Ok(Json(scr::pending(&st, &p.caller()).await?.iter().map(HitOut::of).collect()))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HitDecision {
    /// confirmed or false_positive
    pub decision: String,
    #[serde(default)]
    pub note: Option<String>,
}

/// Decide a hit: the same person or object (confirmed), or not (false_positive). The decision sticks for the
/// same query and notice.
#[utoipa::path(post, path = "/hits/{id}/decision", tag = "screening", params(("id" = String, Path)), request_body = HitDecision,
    responses((status = 200, body = Object), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn decide_hit(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(d): ApiJson<HitDecision>,
) -> ApiResult<Json<serde_json::Value>> {
    let id = HitId::parse(&id).ok_or(AppError::NotFound("hit"))?;
    let decision = match Decision::parse(&d.decision) {
        Some(x @ (Decision::Confirmed | Decision::FalsePositive)) => x,
        _ => return Err(FieldError::new("decision", "unknown_value", "confirmed or false_positive").into()),
    };
    let hit = scr::decide(&st, &p.caller(), id, decision, d.note.as_deref()).await?;
    Ok(Json(serde_json::json!({"id": hit.id.to_string(), "decision": hit.decision.as_str()})))
}
