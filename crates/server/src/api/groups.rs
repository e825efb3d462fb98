//! API of working groups: groups and their members, meetings (planned with a pre-filled agenda, proposals,
//! the agenda's order, the protocol), the calendar as iCalendar, the action plan and "my tasks".

use super::extract::{ApiAuthed, ApiJson};
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::services::groups::{self as svc, GroupInput, MeetingInput, TaskInput};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use liaison_domain::group::GroupStatus;
use liaison_domain::group::task::TaskStatus;
use liaison_domain::{FieldError, GroupId, MeetingId, TaskId, UserId};
use liaison_store::groups::{GroupRecord, MeetingRecord, TaskNote, TaskRecord};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

type ApiResult<T> = Result<T, AppError>;

fn group_id(s: &str) -> Result<GroupId, AppError> {
    GroupId::parse(s).ok_or(AppError::NotFound("working group"))
}

pub(super) fn meeting_id(s: &str) -> Result<MeetingId, AppError> {
    MeetingId::parse(s).ok_or(AppError::NotFound("meeting"))
}

fn task_id(s: &str) -> Result<TaskId, AppError> {
    TaskId::parse(s).ok_or(AppError::NotFound("task"))
}

#[derive(Serialize, ToSchema)]
pub struct GroupOut {
    pub id: String,
    pub status: String,
    pub version: i64,
    /// name, mandate, established, rhythm, parties [{org, country}]
    #[schema(value_type = Object)]
    pub group: liaison_domain::group::GroupBody,
    pub created_at: String,
    pub updated_at: String,
}

impl GroupOut {
    fn of(g: &GroupRecord) -> GroupOut {
        GroupOut {
            id: g.id.to_string(),
            status: g.status.as_str().into(),
            version: g.version,
            group: g.body.clone(),
            created_at: rfc3339(g.created_at),
            updated_at: rfc3339(g.updated_at),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct MemberOut {
    pub user: String,
    pub name: String,
    pub org: String,
    pub org_name: String,
    pub role: String,
}

#[derive(Serialize, ToSchema)]
pub struct GroupDetail {
    #[serde(flatten)]
    pub group: GroupOut,
    pub members: Vec<MemberOut>,
    /// The caller's role in the group.
    pub your_role: Option<String>,
}

#[utoipa::path(get, path = "/groups", tag = "groups", responses((status = 200, body = Vec<GroupOut>)))]
pub async fn list_groups(State(st): State<AppState>, ApiAuthed(p): ApiAuthed) -> ApiResult<Json<Vec<GroupOut>>> {
    Ok(Json(svc::list(&st, &p.caller()).await?.iter().map(GroupOut::of).collect()))
}

/// Set up a working group (a working-group secretary; the caller's organisation takes part).
#[utoipa::path(post, path = "/groups", tag = "groups", request_body = GroupInput,
    responses((status = 201, body = GroupOut), (status = 422, body = Problem), (status = 403, body = Problem)))]
pub async fn create_group(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(input): ApiJson<GroupInput>,
) -> ApiResult<(StatusCode, Json<GroupOut>)> {
    let g = svc::create(&st, &p.caller(), input).await?;
    Ok((StatusCode::CREATED, Json(GroupOut::of(&g))))
}

#[utoipa::path(get, path = "/groups/{id}", tag = "groups", params(("id" = String, Path)),
    responses((status = 200, body = GroupDetail), (status = 404, body = Problem)))]
pub async fn get_group(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<GroupDetail>> {
    let v = svc::get(&st, &p.caller(), group_id(&id)?).await?;
    Ok(Json(GroupDetail {
        group: GroupOut::of(&v.group),
        members: v
            .members
            .into_iter()
            .map(|m| MemberOut {
                user: m.member.user.to_string(),
                name: m.name,
                org: m.member.org.to_string(),
                org_name: m.org_name,
                role: m.member.role.as_str().into(),
            })
            .collect(),
        your_role: v.role.map(|r| r.as_str().to_owned()),
    }))
}

#[derive(Deserialize, ToSchema)]
pub struct GroupUpdate {
    pub version: i64,
    /// active, suspended, closed
    #[serde(default)]
    pub status: Option<String>,
    #[serde(flatten)]
    pub group: GroupInput,
}

/// Change a group's details, parties and members (co-chairs and secretary).
#[utoipa::path(put, path = "/groups/{id}", tag = "groups", params(("id" = String, Path)), request_body = GroupUpdate,
    responses((status = 200, body = GroupOut), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn update_group(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(u): ApiJson<GroupUpdate>,
) -> ApiResult<Json<GroupOut>> {
    let status = u
        .status
        .as_deref()
        .map(|s| {
            GroupStatus::parse(s)
                .ok_or_else(|| FieldError::new("status", "unknown_value", "active, suspended or closed"))
        })
        .transpose()?;
    Ok(Json(GroupOut::of(&svc::update(&st, &p.caller(), group_id(&id)?, u.version, status, u.group).await?)))
}

#[derive(Serialize, ToSchema)]
pub struct MeetingOut {
    pub id: String,
    pub group: String,
    pub status: String,
    pub version: i64,
    pub title: String,
    pub starts_at: String,
    pub ends_at: String,
    pub time_zone: String,
    /// The start in the meeting's time zone.
    pub local_start: String,
    pub place: Option<String>,
    pub online_link: Option<String>,
    /// Items in order: title, notes, source (proposed, overdue_task, unanswered_request), task, request.
    #[schema(value_type = Vec<Object>)]
    pub agenda: Vec<liaison_domain::group::meeting::AgendaItem>,
    pub attendance: Vec<String>,
    /// minutes and numbered decisions, once held.
    #[schema(value_type = Option<Object>)]
    pub protocol: Option<liaison_domain::group::meeting::Protocol>,
}

impl MeetingOut {
    fn of(m: &MeetingRecord) -> MeetingOut {
        MeetingOut {
            id: m.id.to_string(),
            group: m.group.to_string(),
            status: m.status.as_str().into(),
            version: m.version,
            title: m.body.title.clone(),
            starts_at: rfc3339(m.body.starts_at),
            ends_at: rfc3339(m.body.ends_at()),
            time_zone: m.body.time_zone.clone(),
            local_start: svc::local_time(m.body.starts_at, &m.body.time_zone),
            place: m.body.place.clone(),
            online_link: m.body.online_link.clone(),
            agenda: m.agenda.clone(),
            attendance: m.attendance.iter().map(ToString::to_string).collect(),
            protocol: m.protocol.clone(),
        }
    }
}

#[utoipa::path(get, path = "/groups/{id}/meetings", tag = "groups", params(("id" = String, Path)),
    responses((status = 200, body = Vec<MeetingOut>), (status = 404, body = Problem)))]
pub async fn list_meetings(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<MeetingOut>>> {
    Ok(Json(svc::meetings(&st, &p.caller(), group_id(&id)?).await?.iter().map(MeetingOut::of).collect()))
}

/// Plan a meeting; its agenda starts with the overdue tasks and the parties' unanswered requests.
#[utoipa::path(post, path = "/groups/{id}/meetings", tag = "groups", params(("id" = String, Path)), request_body = MeetingInput,
    responses((status = 201, body = MeetingOut), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn plan_meeting(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<MeetingInput>,
) -> ApiResult<(StatusCode, Json<MeetingOut>)> {
    let m = svc::plan_meeting(&st, &p.caller(), group_id(&id)?, input).await?;
    Ok((StatusCode::CREATED, Json(MeetingOut::of(&m))))
}

/// The group's meetings as an iCalendar file (times in UTC).
#[utoipa::path(get, path = "/groups/{id}/calendar.ics", tag = "groups", params(("id" = String, Path)),
    responses((status = 200, content_type = "text/calendar", body = String), (status = 404, body = Problem)))]
pub async fn calendar(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let ics = svc::calendar(&st, &p.caller(), group_id(&id)?).await?;
    Ok(([(axum::http::header::CONTENT_TYPE, "text/calendar; charset=utf-8")], ics).into_response())
}

#[utoipa::path(get, path = "/meetings/{id}", tag = "groups", params(("id" = String, Path)),
    responses((status = 200, body = MeetingOut), (status = 404, body = Problem)))]
pub async fn get_meeting(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<MeetingOut>> {
    Ok(Json(MeetingOut::of(&svc::meeting(&st, &p.caller(), meeting_id(&id)?).await?.0)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    pub title: String,
    #[serde(default)]
    pub notes: Option<String>,
}

/// Propose an agenda item (any member).
#[utoipa::path(post, path = "/meetings/{id}/agenda", tag = "groups", params(("id" = String, Path)), request_body = Proposal,
    responses((status = 200, body = MeetingOut), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn propose(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<Proposal>,
) -> ApiResult<Json<MeetingOut>> {
    Ok(Json(MeetingOut::of(&svc::propose(&st, &p.caller(), meeting_id(&id)?, &b.title, b.notes).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AgendaOrder {
    pub version: i64,
    /// The current items' positions (from 0) in their new order; items left out are taken off.
    pub order: Vec<usize>,
}

/// Order the agenda (co-chairs and secretary).
#[utoipa::path(put, path = "/meetings/{id}/agenda", tag = "groups", params(("id" = String, Path)), request_body = AgendaOrder,
    responses((status = 200, body = MeetingOut), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn order_agenda(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<AgendaOrder>,
) -> ApiResult<Json<MeetingOut>> {
    Ok(Json(MeetingOut::of(&svc::order_agenda(&st, &p.caller(), meeting_id(&id)?, b.version, &b.order).await?)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProtocolInput {
    pub version: i64,
    /// The members present (user ids).
    #[serde(default)]
    pub attendance: Vec<String>,
    #[serde(default)]
    pub minutes: String,
    /// The decisions in order; they are numbered 1, 2, 3…
    pub decisions: Vec<String>,
    /// ISO 639 code of the language minutes and decisions are written in (default: the caller's).
    #[serde(default)]
    pub language: Option<String>,
    /// The protocol in a second language: `{"language", "minutes", "decisions": [...]}`, as many decisions.
    #[serde(default)]
    #[schema(value_type = Option<Object>)]
    pub translation: Option<liaison_domain::group::meeting::Translation>,
}

/// Record the protocol of a held meeting (co-chairs and secretary).
#[utoipa::path(put, path = "/meetings/{id}/protocol", tag = "groups", params(("id" = String, Path)), request_body = ProtocolInput,
    responses((status = 200, body = MeetingOut), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn record_protocol(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ProtocolInput>,
) -> ApiResult<Json<MeetingOut>> {
    let mut attendance = Vec::new();
    for (i, u) in b.attendance.iter().enumerate() {
        attendance.push(UserId::parse(u).ok_or_else(|| {
            FieldError::new(format!("attendance[{i}]"), "invalid_id", format!("'{u}' is not an identifier"))
        })?);
    }
    let input = svc::ProtocolRecord {
        attendance,
        minutes: b.minutes,
        decisions: b.decisions,
        language: b.language.or_else(|| Some(p.user.locale.clone())),
        translation: b.translation,
    };
    let m = svc::record_protocol(&st, &p.caller(), meeting_id(&id)?, b.version, input).await?;
    Ok(Json(MeetingOut::of(&m)))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ProtocolDocumentQuery {
    /// A second language for Liaison's wording when the protocol has no translation (ISO 639).
    pub second: Option<String>,
}

/// The protocol of a held meeting as PDF: in its language and, side by side, in its translation (or with
/// the fixed wording in `second`); signed by the co-chairs.
#[utoipa::path(get, path = "/meetings/{id}/protocol.pdf", tag = "groups", params(("id" = String, Path), ProtocolDocumentQuery),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn protocol_document(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<ProtocolDocumentQuery>,
) -> ApiResult<Response> {
    let (name, bytes) =
        crate::services::group_documents::protocol_pdf(&st, &p.caller(), meeting_id(&id)?, q.second.as_deref()).await?;
    Ok(super::requests::pdf_file(&name, bytes))
}

#[derive(Serialize, ToSchema)]
pub struct NoteOut {
    pub author: Option<String>,
    pub text: String,
    pub at: String,
}

#[derive(Serialize, ToSchema)]
pub struct TaskOut {
    pub id: String,
    pub group: String,
    pub status: String,
    pub version: i64,
    /// description, party, owner, due, decision {meeting, n}, links
    #[schema(value_type = Object)]
    pub task: liaison_domain::group::task::TaskBody,
    pub notes: Vec<NoteOut>,
    pub updated_at: String,
}

impl TaskOut {
    fn of(t: &TaskRecord, notes: &[TaskNote]) -> TaskOut {
        TaskOut {
            id: t.id.to_string(),
            group: t.group.to_string(),
            status: t.status.as_str().into(),
            version: t.version,
            task: t.body.clone(),
            notes: notes
                .iter()
                .map(|n| NoteOut {
                    author: n.author.map(|a| a.to_string()),
                    text: n.text.clone(),
                    at: rfc3339(n.created_at),
                })
                .collect(),
            updated_at: rfc3339(t.updated_at),
        }
    }
}

#[utoipa::path(get, path = "/groups/{id}/tasks", tag = "groups", params(("id" = String, Path)),
    responses((status = 200, body = Vec<TaskOut>), (status = 404, body = Problem)))]
pub async fn plan(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<TaskOut>>> {
    Ok(Json(svc::plan(&st, &p.caller(), group_id(&id)?).await?.iter().map(|t| TaskOut::of(t, &[])).collect()))
}

/// Add a task to the plan (co-chairs and secretary), usually from a decision.
#[utoipa::path(post, path = "/groups/{id}/tasks", tag = "groups", params(("id" = String, Path)), request_body = TaskInput,
    responses((status = 201, body = TaskOut), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create_task(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(input): ApiJson<TaskInput>,
) -> ApiResult<(StatusCode, Json<TaskOut>)> {
    let t = svc::create_task(&st, &p.caller(), group_id(&id)?, input).await?;
    Ok((StatusCode::CREATED, Json(TaskOut::of(&t, &[]))))
}

/// The caller's tasks in their groups.
#[utoipa::path(get, path = "/tasks/mine", tag = "groups", responses((status = 200, body = Vec<TaskOut>)))]
pub async fn my_tasks(State(st): State<AppState>, ApiAuthed(p): ApiAuthed) -> ApiResult<Json<Vec<TaskOut>>> {
    Ok(Json(svc::my_tasks(&st, &p.caller()).await?.iter().map(|t| TaskOut::of(t, &[])).collect()))
}

#[utoipa::path(get, path = "/tasks/{id}", tag = "groups", params(("id" = String, Path)),
    responses((status = 200, body = TaskOut), (status = 404, body = Problem)))]
pub async fn get_task(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<TaskOut>> {
    let (t, notes) = svc::task(&st, &p.caller(), task_id(&id)?).await?;
    Ok(Json(TaskOut::of(&t, &notes)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskReport {
    pub version: i64,
    /// open, in_progress, done, dropped
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub note: Option<String>,
}

/// Report on a task: status and/or a progress note (the member responsible, co-chairs, secretary).
#[utoipa::path(post, path = "/tasks/{id}/reports", tag = "groups", params(("id" = String, Path)), request_body = TaskReport,
    responses((status = 200, body = TaskOut), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn report(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<TaskReport>,
) -> ApiResult<Json<TaskOut>> {
    let status = b
        .status
        .as_deref()
        .map(|s| {
            TaskStatus::parse(s)
                .ok_or_else(|| FieldError::new("status", "unknown_value", "open, in_progress, done or dropped"))
        })
        .transpose()?;
    let (t, notes) = svc::report(&st, &p.caller(), task_id(&id)?, b.version, status, b.note).await?;
    Ok(Json(TaskOut::of(&t, &notes)))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct ResultsQuery {
    /// First year (default: nine years before `to`).
    pub from: Option<i32>,
    /// Last year (default: this year).
    pub to: Option<i32>,
}

#[derive(Serialize, ToSchema)]
pub struct ResultsOut {
    /// Per year, each indicator's value (null: unknown) and where it comes from (computed or entered).
    #[schema(value_type = Vec<Object>)]
    pub years: Vec<liaison_domain::group::results::Year>,
}

/// The group's results per year: requests executed between the parties, median days to execution, persons
/// extradited and transferred (computed), assets frozen, confiscated and returned (entered).
#[utoipa::path(get, path = "/groups/{id}/results", tag = "groups", params(("id" = String, Path), ResultsQuery),
    responses((status = 200, body = ResultsOut), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn results(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<ResultsQuery>,
) -> ApiResult<Json<ResultsOut>> {
    let (_, years) = crate::services::group_results::yearly(&st, &p.caller(), group_id(&id)?, q.from, q.to).await?;
    Ok(Json(ResultsOut { years }))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResultInput {
    pub year: i32,
    /// requests_executed, median_days_to_execution, persons_extradited, persons_transferred, assets_frozen,
    /// assets_confiscated, assets_returned
    pub indicator: String,
    pub value: f64,
    #[serde(default)]
    pub note: Option<String>,
}

/// Enter a figure for a year (co-chairs and secretary); it replaces the computed one.
#[utoipa::path(put, path = "/groups/{id}/results", tag = "groups", params(("id" = String, Path)), request_body = ResultInput,
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn enter_result(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<ResultInput>,
) -> ApiResult<StatusCode> {
    let indicator = liaison_domain::group::results::Indicator::parse(&b.indicator).ok_or_else(|| {
        FieldError::new("indicator", "unknown_value", format!("'{}' is not an indicator", b.indicator))
    })?;
    let e = liaison_domain::group::results::Entered { year: b.year, indicator, value: b.value, note: b.note };
    crate::services::group_results::enter(&st, &p.caller(), group_id(&id)?, e).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The yearly results report as PDF, in the caller's language (`second` for a second language beside it).
#[utoipa::path(get, path = "/groups/{id}/results/{year}/report.pdf", tag = "groups", params(("id" = String, Path), ("year" = i32, Path), ProtocolDocumentQuery),
    responses((status = 200, content_type = "application/pdf", body = Vec<u8>), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn results_report(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path((id, year)): Path<(String, i32)>,
    axum::extract::Query(q): axum::extract::Query<ProtocolDocumentQuery>,
) -> ApiResult<Response> {
    let (name, bytes) = crate::services::group_results::report_pdf(
        &st,
        &p.caller(),
        group_id(&id)?,
        year,
        &p.user.locale,
        q.second.as_deref(),
    )
    .await?;
    Ok(super::requests::pdf_file(&name, bytes))
}
