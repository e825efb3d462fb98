//! API of cases, requests (the writer, the lifecycle, the registry, the unanswered backlog) and
//! request templates. Case and request contents are the domain's documents, as JSON.

use super::extract::{ApiAuthed, ApiJson, ApiQuery};
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::services::cases::{self as cases_svc, CaseView};
use crate::services::requests::{self as svc, NewRequest, RegistryQuery, RequestView, StepInput};
use crate::services::templates as templates_svc;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use liaison_domain::legal_basis::CooperationType;
use liaison_domain::page::{Page, PageRequest};
use liaison_domain::request::completeness::Finding;
use liaison_domain::request::{Case, Draft, Transition, refusal};
use liaison_domain::{CaseId, FieldError, RequestId, UserId};
use liaison_store::cases::CaseRecord;
use liaison_store::requests::RequestRecord;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

type ApiResult<T> = Result<T, AppError>;

fn case_id(s: &str) -> Result<CaseId, AppError> {
    CaseId::parse(s).ok_or(AppError::NotFound("case"))
}

fn request_id(s: &str) -> Result<RequestId, AppError> {
    RequestId::parse(s).ok_or(AppError::NotFound("request"))
}

fn value<T: Serialize>(v: &T) -> serde_json::Value {
    serde_json::to_value(v).unwrap_or_default()
}

/// A line of the registry.
#[derive(Serialize, ToSchema)]
pub struct RequestSummary {
    pub id: String,
    pub our_reference: String,
    pub their_reference: Option<String>,
    /// mla, extradition, transfer_of_proceedings, transfer_of_sentenced_persons, confiscation, recognition_of_judgment.
    #[serde(rename = "type")]
    pub kind: String,
    pub status: String,
    pub urgency: String,
    pub requesting_country: String,
    pub requested_country: String,
    /// The requested organisation uses this installation.
    pub counterpart_on_installation: bool,
    pub complete: bool,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub acknowledged_at: Option<String>,
    pub closed_at: Option<String>,
    pub supplements: Option<String>,
}

impl RequestSummary {
    pub fn of(r: &RequestRecord) -> Self {
        RequestSummary {
            id: r.id.to_string(),
            our_reference: r.our_reference.clone(),
            their_reference: r.their_reference.clone(),
            kind: r.kind().as_str().into(),
            status: r.status.as_str().into(),
            urgency: r.urgency().as_str().into(),
            requesting_country: r.requesting_country.to_string(),
            requested_country: r.requested_country().to_string(),
            counterpart_on_installation: r.requested_org.is_some(),
            complete: r.complete,
            created_at: rfc3339(r.created_at),
            sent_at: r.sent_at.map(rfc3339),
            acknowledged_at: r.acknowledged_at.map(rfc3339),
            closed_at: r.closed_at.map(rfc3339),
            supplements: r.parent.map(|p| p.to_string()),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct TeamMember {
    pub id: String,
    pub username: String,
    pub display_name: String,
}

#[derive(Serialize, ToSchema)]
pub struct CaseOut {
    pub id: String,
    pub org_id: String,
    /// Send it back with a change; a change made meanwhile by someone else is refused (409).
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    /// The case: reference, title, proceedings, summary, offences, persons, assets.
    #[schema(value_type = Object)]
    pub case: serde_json::Value,
    pub team: Vec<TeamMember>,
    pub requests: Vec<RequestSummary>,
}

impl CaseOut {
    fn of(r: &CaseRecord) -> Self {
        CaseOut {
            id: r.id.to_string(),
            org_id: r.org.to_string(),
            version: r.version,
            created_at: rfc3339(r.created_at),
            updated_at: rfc3339(r.updated_at),
            case: value(&r.case),
            team: Vec::new(),
            requests: Vec::new(),
        }
    }
    fn of_view(v: &CaseView) -> Self {
        CaseOut {
            team: v
                .team
                .iter()
                .map(|u| TeamMember {
                    id: u.id.to_string(),
                    username: u.username.to_string(),
                    display_name: u.display_name.to_string(),
                })
                .collect(),
            requests: v.requests.iter().map(RequestSummary::of).collect(),
            ..CaseOut::of(&v.record)
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct Paged<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub limit: u32,
    pub offset: u64,
    pub next_offset: Option<u64>,
}

fn paged<A, B>(p: &Page<A>, f: impl Fn(&A) -> B) -> Paged<B> {
    Paged {
        items: p.items.iter().map(f).collect(),
        total: p.total,
        limit: p.limit,
        offset: p.offset,
        next_offset: p.next_offset(),
    }
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct CaseParams {
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    /// Reference, title or a person's name, any script.
    pub q: Option<String>,
}

/// The cases the caller may see: their team's, or all of the organisation's for central authority officers.
#[utoipa::path(get, path = "/cases", tag = "cases", params(CaseParams), responses((status = 200, body = Paged<CaseOut>), (status = 403, body = Problem)))]
pub async fn list_cases(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<CaseParams>,
) -> ApiResult<Json<Paged<CaseOut>>> {
    let page = cases_svc::list(&st, &p.caller(), q.q.as_deref(), PageRequest::parse(q.limit, q.offset)?).await?;
    Ok(Json(paged(&page, CaseOut::of)))
}

/// Open a case; the caller joins its team.
#[utoipa::path(post, path = "/cases", tag = "cases", request_body(content = Object, description = "The case: reference, title, proceedings, summary, offences[], persons[], assets[]"),
    responses((status = 201, body = CaseOut), (status = 422, body = Problem), (status = 409, body = Problem)))]
pub async fn create_case(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(case): ApiJson<Case>,
) -> ApiResult<(StatusCode, Json<CaseOut>)> {
    let rec = cases_svc::create(&st, &p.caller(), case).await?;
    Ok((StatusCode::CREATED, Json(CaseOut::of(&rec))))
}

/// A case with its team and requests.
#[utoipa::path(get, path = "/cases/{id}", tag = "cases", params(("id" = String, Path)), responses((status = 200, body = CaseOut), (status = 404, body = Problem)))]
pub async fn get_case(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<CaseOut>> {
    Ok(Json(CaseOut::of_view(&cases_svc::get(&st, &p.caller(), case_id(&id)?).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseUpdate {
    /// The version read.
    pub version: i64,
    #[schema(value_type = Object)]
    pub case: Case,
}

/// Replace a case's content.
#[utoipa::path(put, path = "/cases/{id}", tag = "cases", params(("id" = String, Path)), request_body = CaseUpdate,
    responses((status = 200, body = CaseOut), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn update_case(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<CaseUpdate>,
) -> ApiResult<Json<CaseOut>> {
    Ok(Json(CaseOut::of(&cases_svc::update(&st, &p.caller(), case_id(&id)?, b.version, b.case).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberIn {
    pub username: String,
}

/// Add a colleague to the case's team.
#[utoipa::path(post, path = "/cases/{id}/team", tag = "cases", params(("id" = String, Path)), request_body = MemberIn,
    responses((status = 201, body = TeamMember), (status = 422, body = Problem)))]
pub async fn add_member(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<MemberIn>,
) -> ApiResult<(StatusCode, Json<TeamMember>)> {
    let u = cases_svc::add_member(&st, &p.caller(), case_id(&id)?, &b.username).await?;
    Ok((
        StatusCode::CREATED,
        Json(TeamMember {
            id: u.id.to_string(),
            username: u.username.to_string(),
            display_name: u.display_name.to_string(),
        }),
    ))
}

/// Remove someone from the case's team.
#[utoipa::path(delete, path = "/cases/{id}/team/{user_id}", tag = "cases", params(("id" = String, Path), ("user_id" = String, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn remove_member(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path((id, user)): Path<(String, String)>,
) -> ApiResult<StatusCode> {
    let user = UserId::parse(&user).ok_or(AppError::NotFound("team member"))?;
    cases_svc::remove_member(&st, &p.caller(), case_id(&id)?, user).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RegistryParams {
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    /// `outgoing` (default) or `incoming`.
    pub direction: Option<String>,
    pub status: Option<String>,
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: Option<String>,
    /// Counterpart country (ISO 3166-1 alpha-2).
    pub country: Option<String>,
    /// Fragment of our or their reference.
    pub q: Option<String>,
    /// Only requests sent and not yet answered.
    pub pending: Option<bool>,
}

impl RegistryParams {
    pub fn query(self) -> Result<(RegistryQuery, PageRequest), AppError> {
        let incoming = match self.direction.as_deref().map(str::trim) {
            None | Some("") | Some("outgoing") => false,
            Some("incoming") => true,
            Some(d) => {
                return Err(
                    FieldError::new("direction", "unknown_value", format!("'{d}': use outgoing or incoming")).into()
                );
            }
        };
        Ok((
            RegistryQuery {
                incoming,
                status: self.status,
                kind: self.kind,
                country: self.country,
                q: self.q,
                pending_only: self.pending.unwrap_or(false),
            },
            PageRequest::parse(self.limit, self.offset)?,
        ))
    }
}

/// The registry of requests, outgoing or incoming.
#[utoipa::path(get, path = "/requests", tag = "requests", params(RegistryParams), responses((status = 200, body = Paged<RequestSummary>), (status = 422, body = Problem)))]
pub async fn list_requests(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<RegistryParams>,
) -> ApiResult<Json<Paged<RequestSummary>>> {
    let (q, page) = q.query()?;
    Ok(Json(paged(&svc::list(&st, &p.caller(), q, page).await?, RequestSummary::of)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestIn {
    pub case_id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub requested_country: String,
    /// Name of one of the organisation's templates to start from.
    pub template: Option<String>,
    /// Id of the request this one supplements.
    pub supplements: Option<String>,
}

/// Start a request in a case (a draft, numbered at once).
#[utoipa::path(post, path = "/requests", tag = "requests", request_body = RequestIn, responses((status = 201, body = RequestOut), (status = 422, body = Problem)))]
pub async fn create_request(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(b): ApiJson<RequestIn>,
) -> ApiResult<(StatusCode, Json<RequestOut>)> {
    let supplements = match b.supplements.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => Some(
            RequestId::parse(s).ok_or_else(|| FieldError::new("supplements", "invalid_format", "not a request id"))?,
        ),
        None => None,
    };
    let case =
        CaseId::parse(b.case_id.trim()).ok_or_else(|| FieldError::new("case_id", "invalid_format", "not a case id"))?;
    let caller = p.caller();
    let rec = svc::create(
        &st,
        &caller,
        NewRequest { case, kind: b.kind, requested_country: b.requested_country, template: b.template, supplements },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(RequestOut::of(&svc::get(&st, &caller, rec.id).await?))))
}

#[derive(Serialize, ToSchema)]
pub struct FindingOut {
    pub field: String,
    /// missing, inconsistent or advice (advice does not block).
    pub severity: String,
    pub code: String,
    pub message: String,
    /// The article that asks for it.
    pub source: Option<String>,
    /// The writer step where the field is filled in.
    pub step: String,
}

impl FindingOut {
    pub fn of(f: &Finding) -> Self {
        FindingOut {
            field: f.field.clone(),
            severity: value(&f.severity).as_str().unwrap_or_default().to_string(),
            code: f.code.into(),
            message: f.message.clone(),
            source: f.source.clone(),
            step: f.step().as_str().into(),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct EventOut {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub kind: String,
    pub from_status: Option<String>,
    pub to_status: Option<String>,
    pub on_behalf: bool,
    pub comment: String,
    #[schema(value_type = Object)]
    pub details: serde_json::Value,
}

#[derive(Serialize, ToSchema)]
pub struct DeadlineOut {
    /// acknowledgement, answer or sending.
    pub kind: String,
    pub due: String,
    #[schema(value_type = Object)]
    pub source: serde_json::Value,
    pub met_at: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct RequestOut {
    #[serde(flatten)]
    pub summary: RequestSummary,
    pub version: i64,
    /// requesting or requested: the caller's side.
    pub side: String,
    /// The case (requesting side only).
    pub case_id: Option<String>,
    /// The request's content.
    #[schema(value_type = Object)]
    pub draft: serde_json::Value,
    /// The offences, persons and assets the request cites.
    #[schema(value_type = Object)]
    pub cited: serde_json::Value,
    /// What is still missing or inconsistent (requesting side, before sending).
    pub findings: Vec<FindingOut>,
    /// The legal bases available between the two states (requesting side, before sending).
    #[schema(value_type = Object)]
    pub legal_basis: Option<serde_json::Value>,
    pub next_steps: Vec<String>,
    pub deadlines: Vec<DeadlineOut>,
    pub timeline: Vec<EventOut>,
    pub refusal_grounds: Vec<String>,
    pub supplementary_requests: Vec<RequestSummary>,
}

impl RequestOut {
    pub fn of(v: &RequestView) -> Self {
        RequestOut {
            summary: RequestSummary::of(&v.record),
            version: v.record.version,
            side: value(&v.side).as_str().unwrap_or_default().to_string(),
            case_id: v.case.as_ref().map(|c| c.id.to_string()),
            draft: value(&v.record.draft),
            cited: value(&v.cited),
            findings: v.findings.iter().map(FindingOut::of).collect(),
            legal_basis: v.answer.as_ref().map(value),
            next_steps: v.next_steps.iter().map(|t| t.as_str().to_string()).collect(),
            deadlines: v
                .deadlines
                .iter()
                .map(|d| DeadlineOut {
                    kind: d.kind.as_str().into(),
                    due: d.due.clone(),
                    source: serde_json::from_str(&d.source).unwrap_or_default(),
                    met_at: d.met_at.map(rfc3339),
                })
                .collect(),
            timeline: v
                .events
                .iter()
                .map(|e| EventOut {
                    seq: e.seq,
                    at: rfc3339(e.at_ms),
                    actor: e.actor_label.clone(),
                    kind: e.kind.clone(),
                    from_status: e.from_status.map(|s| s.as_str().into()),
                    to_status: e.to_status.map(|s| s.as_str().into()),
                    on_behalf: e.on_behalf,
                    comment: e.comment.clone(),
                    details: e.details.clone(),
                })
                .collect(),
            refusal_grounds: v.record.refusal_grounds.clone(),
            supplementary_requests: v.supplements.iter().map(RequestSummary::of).collect(),
        }
    }
}

/// A request as the caller's side sees it: content, what is missing, legal bases, deadlines, timeline.
#[utoipa::path(get, path = "/requests/{id}", tag = "requests", params(("id" = String, Path)), responses((status = 200, body = RequestOut), (status = 404, body = Problem)))]
pub async fn get_request(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<RequestOut>> {
    Ok(Json(RequestOut::of(&svc::get(&st, &p.caller(), request_id(&id)?).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DraftIn {
    /// The version read.
    pub version: i64,
    #[schema(value_type = Object)]
    pub draft: Draft,
}

/// Save the draft (also what autosave calls). Missing content is allowed; the findings say what is missing.
#[utoipa::path(put, path = "/requests/{id}", tag = "requests", params(("id" = String, Path)), request_body = DraftIn,
    responses((status = 200, body = RequestOut), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn edit_request(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<DraftIn>,
) -> ApiResult<Json<RequestOut>> {
    let caller = p.caller();
    let rec = svc::edit(&st, &caller, request_id(&id)?, b.version, b.draft).await?;
    Ok(Json(RequestOut::of(&svc::get(&st, &caller, rec.id).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StepIn {
    /// mark_ready, return_to_draft, send, receive, acknowledge, start_execution, execute, execute_partially, refuse, withdraw.
    pub step: String,
    #[serde(default)]
    pub comment: String,
    /// Refusal grounds (codes from GET /refusal-grounds).
    #[serde(default)]
    pub grounds: Vec<String>,
    /// The requested side's reference, on receipt or acknowledgement.
    pub their_reference: Option<String>,
    /// The version read (recommended).
    pub version: Option<i64>,
}

/// Take a lifecycle step. Each step belongs to one side and role; a refusal needs grounds.
#[utoipa::path(post, path = "/requests/{id}/transitions", tag = "requests", params(("id" = String, Path)), request_body = StepIn,
    responses((status = 200, body = RequestOut), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn transition(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<StepIn>,
) -> ApiResult<Json<RequestOut>> {
    let step = Transition::parse(&b.step).ok_or_else(|| {
        let known: Vec<&str> = Transition::ALL.iter().map(|t| t.as_str()).collect();
        FieldError::new("step", "unknown_value", format!("unknown step '{}'; known: {}", b.step, known.join(", ")))
    })?;
    let caller = p.caller();
    let rec = svc::transition(
        &st,
        &caller,
        request_id(&id)?,
        StepInput {
            step,
            comment: b.comment,
            grounds: b.grounds,
            their_reference: b.their_reference,
            version: b.version,
        },
    )
    .await?;
    Ok(Json(RequestOut::of(&svc::get(&st, &caller, rec.id).await?)))
}

#[derive(Serialize, ToSchema)]
pub struct BacklogOut {
    pub country: String,
    pub count: i64,
    pub oldest_sent_at: String,
    pub oldest_age_days: i64,
    pub overdue: i64,
}

/// Requests sent and not yet answered, per counterpart country, oldest first.
#[utoipa::path(get, path = "/requests/unanswered", tag = "requests", responses((status = 200, body = Vec<BacklogOut>)))]
pub async fn unanswered(State(st): State<AppState>, ApiAuthed(p): ApiAuthed) -> ApiResult<Json<Vec<BacklogOut>>> {
    let now = st.now();
    let rows = svc::unanswered(&st, &p.caller()).await?;
    Ok(Json(
        rows.iter()
            .map(|b| BacklogOut {
                country: b.country.to_string(),
                count: b.count,
                oldest_sent_at: rfc3339(b.oldest_sent_at),
                oldest_age_days: (now - b.oldest_sent_at) / 86_400_000,
                overdue: b.overdue,
            })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct GroundOut {
    pub code: String,
    pub description: String,
    /// Articles of the instruments cited that provide for it.
    pub articles: Vec<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct GroundParams {
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub kind: String,
    /// Instrument ids cited, comma-separated.
    pub basis: Option<String>,
}

/// Refusal grounds for a type of request under the instruments cited.
#[utoipa::path(get, path = "/refusal-grounds", tag = "requests", params(GroundParams), responses((status = 200, body = Vec<GroundOut>), (status = 422, body = Problem)))]
pub async fn refusal_grounds(
    ApiAuthed(_p): ApiAuthed,
    ApiQuery(q): ApiQuery<GroundParams>,
) -> ApiResult<Json<Vec<GroundOut>>> {
    let kind = CooperationType::parse(&q.kind)
        .ok_or_else(|| FieldError::new("type", "unknown_value", format!("unknown type '{}'", q.kind)))?;
    let cited: Vec<String> =
        q.basis.unwrap_or_default().split(',').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect();
    Ok(Json(
        refusal::applicable(kind, &cited)
            .into_iter()
            .map(|(g, articles)| GroundOut { code: g.code.into(), description: g.description.into(), articles })
            .collect(),
    ))
}

#[derive(Serialize, ToSchema)]
pub struct TemplateOut {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[schema(value_type = Object)]
    pub draft: serde_json::Value,
    pub updated_at: String,
}

/// The organisation's request templates.
#[utoipa::path(get, path = "/request-templates", tag = "requests", responses((status = 200, body = Vec<TemplateOut>)))]
pub async fn list_templates(State(st): State<AppState>, ApiAuthed(p): ApiAuthed) -> ApiResult<Json<Vec<TemplateOut>>> {
    let ts = templates_svc::list(&st, &p.caller()).await?;
    Ok(Json(
        ts.iter()
            .map(|t| TemplateOut {
                name: t.name.clone(),
                kind: t.draft.kind.as_str().into(),
                draft: value(&t.draft),
                updated_at: rfc3339(t.updated_at),
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TemplateIn {
    #[schema(value_type = Object)]
    pub draft: Draft,
}

/// Save a template under a name (central authority officers).
#[utoipa::path(put, path = "/request-templates/{name}", tag = "requests", params(("name" = String, Path)), request_body = TemplateIn,
    responses((status = 200, body = TemplateOut), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn put_template(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(name): Path<String>,
    ApiJson(b): ApiJson<TemplateIn>,
) -> ApiResult<Json<TemplateOut>> {
    let t = templates_svc::save(&st, &p.caller(), &name, b.draft).await?;
    Ok(Json(TemplateOut {
        name: t.name.clone(),
        kind: t.draft.kind.as_str().into(),
        draft: value(&t.draft),
        updated_at: rfc3339(t.updated_at),
    }))
}

/// Delete a template.
#[utoipa::path(delete, path = "/request-templates/{name}", tag = "requests", params(("name" = String, Path)), responses((status = 204), (status = 404, body = Problem)))]
pub async fn delete_template(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(name): Path<String>,
) -> ApiResult<StatusCode> {
    templates_svc::delete(&st, &p.caller(), &name).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A formal document of the request as PDF: `request` (requesting side), `reminder` (requesting side,
/// while unanswered) or `acknowledgement` (requested side), in the request's language(s).
#[utoipa::path(get, path = "/requests/{id}/documents/{kind}", tag = "requests", params(("id" = String, Path), ("kind" = String, Path)),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn document(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path((id, kind)): Path<(String, String)>,
) -> ApiResult<axum::response::Response> {
    pdf_response(&st, &p.caller(), &id, &kind).await
}

/// The PDF answer shared by the API and the web UI.
pub async fn pdf_response(
    st: &AppState,
    caller: &crate::services::Caller,
    id: &str,
    kind: &str,
) -> ApiResult<axum::response::Response> {
    let kind =
        crate::services::documents::Kind::parse(kind.trim_end_matches(".pdf")).ok_or(AppError::NotFound("document"))?;
    let (name, bytes) = crate::services::documents::pdf(st, caller, request_id(id)?, kind).await?;
    Ok(pdf_file(&name, bytes))
}

/// A PDF answered as a download named `name`.
pub fn pdf_file(name: &str, bytes: Vec<u8>) -> axum::response::Response {
    use axum::response::IntoResponse;
    let disposition = format!("attachment; filename=\"{}\"", name.replace(['"', '\\', '\r', '\n'], ""));
    (
        [
            (axum::http::header::CONTENT_TYPE, "application/pdf".to_string()),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

#[derive(Serialize, ToSchema)]
pub struct NotificationOut {
    pub id: String,
    /// deadline, incoming or step.
    pub kind: String,
    pub request_id: Option<String>,
    /// The notification in the caller's language.
    pub text: String,
    #[schema(value_type = Object)]
    pub params: serde_json::Value,
    pub created_at: String,
    pub read_at: Option<String>,
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct NotificationParams {
    pub limit: Option<i64>,
    pub offset: Option<i64>,
    /// Only those not yet read.
    pub unread: Option<bool>,
}

/// The caller's notifications, newest first.
#[utoipa::path(get, path = "/notifications", tag = "notifications", params(NotificationParams), responses((status = 200, body = Paged<NotificationOut>)))]
pub async fn notifications(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<NotificationParams>,
) -> ApiResult<Json<Paged<NotificationOut>>> {
    let page = crate::services::notifications::list(
        &st,
        &p.caller(),
        q.unread.unwrap_or(false),
        PageRequest::parse(q.limit, q.offset)?,
    )
    .await?;
    let t = st.i18n.tr(&p.user.locale);
    Ok(Json(paged(&page, |n| NotificationOut {
        id: n.id.clone(),
        kind: n.kind.clone(),
        request_id: n.request.map(|r| r.to_string()),
        text: crate::i18n::plain(crate::services::chasing::wording(&t, &n.kind, &n.params)),
        params: n.params.clone(),
        created_at: rfc3339(n.created_at),
        read_at: n.read_at.map(rfc3339),
    })))
}

#[derive(Serialize, ToSchema)]
pub struct MarkedOut {
    pub marked: u64,
}

/// Mark one notification read (`all` for every one).
#[utoipa::path(post, path = "/notifications/{id}/read", tag = "notifications", params(("id" = String, Path)), responses((status = 200, body = MarkedOut), (status = 404, body = Problem)))]
pub async fn read_notification(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<MarkedOut>> {
    let which = (id != "all").then_some(id.as_str());
    Ok(Json(MarkedOut { marked: crate::services::notifications::mark_read(&st, &p.caller(), which).await? }))
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StatisticsParams {
    /// First day of sending counted (YYYY-MM-DD).
    pub from: Option<String>,
    /// Last day of sending counted (YYYY-MM-DD).
    pub to: Option<String>,
}

pub fn period(
    from: &Option<String>,
    to: &Option<String>,
) -> Result<(Option<liaison_domain::date::Date>, Option<liaison_domain::date::Date>), AppError> {
    let mut inv = liaison_domain::Invalid::default();
    let mut one = |field: &str, v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .and_then(|s| inv.check(field, liaison_domain::date::Date::parse(s)))
    };
    let (f, t) = (one("from", from), one("to", to));
    inv.into_result()?;
    Ok((f, t))
}

/// Figures of the organisation's requests (sent and received): counts by type, pair and status, median
/// days to acknowledgement and to execution per country pair and year, the share refused and the grounds.
#[utoipa::path(get, path = "/statistics", tag = "requests", params(StatisticsParams), responses((status = 200, content_type = "application/json", body = Object), (status = 403, body = Problem)))]
pub async fn statistics(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<StatisticsParams>,
) -> ApiResult<Json<serde_json::Value>> {
    let (from, to) = period(&q.from, &q.to)?;
    Ok(Json(value(&crate::services::statistics::summary(&st, &p.caller(), from, to).await?)))
}

/// The registry as CSV (same filters as GET /requests; every page).
#[utoipa::path(get, path = "/requests/export.csv", tag = "requests", params(RegistryParams), responses((status = 200, content_type = "text/csv", body = String), (status = 422, body = Problem)))]
pub async fn export_csv(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<RegistryParams>,
) -> ApiResult<axum::response::Response> {
    csv_response(&st, &p.caller(), q).await
}

pub async fn csv_response(
    st: &AppState,
    caller: &crate::services::Caller,
    q: RegistryParams,
) -> ApiResult<axum::response::Response> {
    use axum::response::IntoResponse;
    let (q, _) = q.query()?;
    let csv = crate::services::statistics::registry_csv(st, caller, q).await?;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (axum::http::header::CONTENT_DISPOSITION, "attachment; filename=\"requests.csv\""),
        ],
        csv,
    )
        .into_response())
}

/// Networks through which an unanswered request may be escalated, with the requested state's contact points.
#[utoipa::path(get, path = "/requests/{id}/escalation", tag = "requests", params(("id" = String, Path)), responses((status = 200, content_type = "application/json", body = Object), (status = 404, body = Problem)))]
pub async fn escalation_routes(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<serde_json::Value>> {
    Ok(Json(value(&crate::services::chasing::escalation_routes(&st, &p.caller(), request_id(&id)?).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EscalationIn {
    /// Network id (casc, ejn…).
    pub network: String,
    #[serde(default)]
    pub comment: String,
}

#[derive(Serialize, ToSchema)]
pub struct EscalationOut {
    /// Contact points written to.
    pub contacted: usize,
}

/// Escalate an unanswered request to the requested state's contact points of a network (e-mail).
#[utoipa::path(post, path = "/requests/{id}/escalation", tag = "requests", params(("id" = String, Path)), request_body = EscalationIn,
    responses((status = 200, body = EscalationOut), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn escalate(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<EscalationIn>,
) -> ApiResult<Json<EscalationOut>> {
    let n =
        crate::services::chasing::escalate(&st, &p.caller(), request_id(&id)?, b.network.trim(), &b.comment).await?;
    Ok(Json(EscalationOut { contacted: n }))
}

#[derive(Serialize, ToSchema)]
pub struct AttachmentOut {
    pub id: String,
    /// requesting or requested: who attached it.
    pub side: String,
    /// annex, result, evidence or other.
    pub kind: String,
    pub name: String,
    /// From the content, not the name.
    pub media_type: String,
    pub size: i64,
    /// SHA-256 of the content, hex.
    pub sha256: String,
    pub note: String,
    pub uploaded_by: String,
    pub created_at: String,
}

impl AttachmentOut {
    pub fn of(a: &liaison_store::attachments::Attachment) -> Self {
        AttachmentOut {
            id: a.id.clone(),
            side: a.side.clone(),
            kind: a.kind.clone(),
            name: a.name.clone(),
            media_type: a.media_type.clone(),
            size: a.size,
            sha256: a.sha256.clone(),
            note: a.note.clone(),
            uploaded_by: a.uploaded_by_label.clone(),
            created_at: rfc3339(a.created_at),
        }
    }
}

#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UploadParams {
    /// The file's name.
    pub name: String,
    /// annex, result, evidence or other.
    pub kind: String,
    #[serde(default)]
    pub note: String,
}

/// Attach a file (the request body is the file, any content type; its type is judged by its content).
#[utoipa::path(post, path = "/requests/{id}/attachments", tag = "requests", params(("id" = String, Path), UploadParams),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 201, body = AttachmentOut), (status = 413, body = Problem), (status = 422, body = Problem), (status = 503, body = Problem)))]
pub async fn upload(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiQuery(q): ApiQuery<UploadParams>,
    body: axum::body::Body,
) -> ApiResult<(StatusCode, Json<AttachmentOut>)> {
    let limit = st.config.max_file_bytes;
    let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| AppError::PayloadTooLarge { limit })?;
    let u = crate::services::attachments::Upload { name: q.name, kind: q.kind, note: q.note, bytes: bytes.to_vec() };
    let a = crate::services::attachments::upload(&st, &p.caller(), request_id(&id)?, u).await?;
    Ok((StatusCode::CREATED, Json(AttachmentOut::of(&a))))
}

/// The files attached to a request.
#[utoipa::path(get, path = "/requests/{id}/attachments", tag = "requests", params(("id" = String, Path)), responses((status = 200, body = Vec<AttachmentOut>), (status = 404, body = Problem)))]
pub async fn attachments(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<AttachmentOut>>> {
    let list = crate::services::attachments::list(&st, &p.caller(), request_id(&id)?).await?;
    Ok(Json(list.iter().map(AttachmentOut::of).collect()))
}

/// Download an attached file (decrypted, checked against its SHA-256; the download is audited).
#[utoipa::path(get, path = "/requests/{id}/attachments/{attachment}", tag = "requests", params(("id" = String, Path), ("attachment" = String, Path)),
    responses((status = 200, content_type = "application/octet-stream", body = Vec<u8>), (status = 404, body = Problem)))]
pub async fn download(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path((id, att)): Path<(String, String)>,
) -> ApiResult<axum::response::Response> {
    file_response(&st, &p.caller(), &id, &att).await
}

pub async fn file_response(
    st: &AppState,
    caller: &crate::services::Caller,
    id: &str,
    att: &str,
) -> ApiResult<axum::response::Response> {
    let (a, bytes) = crate::services::attachments::download(st, caller, request_id(id)?, att).await?;
    Ok(super::files::send(&a.name, &a.media_type, &a.sha256, bytes))
}
