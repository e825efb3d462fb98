//! API of networks' own space: focal points with their handover, and events with participants and
//! attendance. Only for the users of the network's states.

use super::extract::{ApiAuthed, ApiJson};
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::services::networks as svc;
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use liaison_domain::network::{EventBody, EventStatus};
use liaison_domain::policy::Action;
use liaison_domain::{FieldError, UserId};
use liaison_store::networks::EventRecord;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

type ApiResult<T> = Result<T, AppError>;

#[derive(Serialize, ToSchema)]
pub struct FocalPointOut {
    pub country: String,
    pub user: String,
    pub name: String,
    pub org_name: String,
    pub since: String,
    pub until: Option<String>,
}

/// The focal points of each state, current and past.
#[utoipa::path(get, path = "/networks/{id}/focal-points", tag = "networks", params(("id" = String, Path)),
    responses((status = 200, body = Vec<FocalPointOut>), (status = 404, body = Problem)))]
pub async fn focal_points(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<FocalPointOut>>> {
    let points = svc::focal_points(&st, &p.caller(), &id).await?;
    Ok(Json(
        points
            .into_iter()
            .map(|v| FocalPointOut {
                country: v.point.country.to_string(),
                user: v.point.user.to_string(),
                name: v.name,
                org_name: v.org_name,
                since: rfc3339(v.point.since),
                until: v.point.until.map(rfc3339),
            })
            .collect(),
    ))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HandOver {
    /// The new focal point: a user of the caller's state.
    pub user: String,
}

#[derive(Serialize, ToSchema)]
pub struct HandedOver {
    /// Open tasks passed from the predecessor to the successor.
    pub tasks_handed_over: u64,
}

/// Name the caller's state's focal point; the predecessor's open tasks pass to the successor.
#[utoipa::path(post, path = "/networks/{id}/focal-points", tag = "networks", params(("id" = String, Path)), request_body = HandOver,
    responses((status = 200, body = HandedOver), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn hand_over(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<HandOver>,
) -> ApiResult<Json<HandedOver>> {
    let user = UserId::parse(&b.user).ok_or_else(|| FieldError::new("user", "invalid_id", "not an identifier"))?;
    Ok(Json(HandedOver { tasks_handed_over: svc::hand_over(&st, &p.caller(), &id, user).await? }))
}

#[derive(Serialize, ToSchema)]
pub struct EventOut {
    pub id: String,
    pub network: String,
    pub status: String,
    pub version: i64,
    /// title, kind, objectives, programme, starts, ends, place, organisers, participants [{name, country,
    /// authority, attended}]
    #[schema(value_type = Object)]
    pub event: EventBody,
    /// Per country: [registered, attended].
    #[schema(value_type = Object)]
    pub by_country: std::collections::BTreeMap<String, (usize, usize)>,
    pub updated_at: String,
}

impl EventOut {
    fn of(e: &EventRecord) -> EventOut {
        EventOut {
            id: e.id.to_string(),
            network: e.network.clone(),
            status: e.status.as_str().into(),
            version: e.version,
            event: e.body.clone(),
            by_country: e.body.by_country().into_iter().map(|(c, n)| (c.to_string(), n)).collect(),
            updated_at: rfc3339(e.updated_at),
        }
    }
}

fn event_id(s: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(s).map_err(|_| AppError::NotFound("event"))
}

#[utoipa::path(get, path = "/networks/{id}/events", tag = "networks", params(("id" = String, Path)),
    responses((status = 200, body = Vec<EventOut>), (status = 404, body = Problem)))]
pub async fn events(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<Vec<EventOut>>> {
    Ok(Json(svc::events(&st, &p.caller(), &id).await?.iter().map(EventOut::of).collect()))
}

/// Plan a workshop, conference, training or meeting of the network (working-group secretaries of its states).
#[utoipa::path(post, path = "/networks/{id}/events", tag = "networks", params(("id" = String, Path)), request_body(content = Object),
    responses((status = 201, body = EventOut), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn create_event(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<EventBody>,
) -> ApiResult<(StatusCode, Json<EventOut>)> {
    Ok((StatusCode::CREATED, Json(EventOut::of(&svc::create_event(&st, &p.caller(), &id, b).await?))))
}

#[utoipa::path(get, path = "/events/{id}", tag = "networks", params(("id" = String, Path)), responses((status = 200, body = EventOut), (status = 404, body = Problem)))]
pub async fn event(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<EventOut>> {
    let (e, _) = svc::event(&st, &p.caller(), event_id(&id)?, Action::NetworkRead).await?;
    Ok(Json(EventOut::of(&e)))
}

#[derive(Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EventUpdate {
    pub version: i64,
    /// planned, held, cancelled
    pub status: String,
    #[schema(value_type = Object)]
    pub event: EventBody,
}

/// Replace an event's programme, participants and attendance (attendance once held).
#[utoipa::path(put, path = "/events/{id}", tag = "networks", params(("id" = String, Path)), request_body = EventUpdate,
    responses((status = 200, body = EventOut), (status = 404, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn update_event(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<EventUpdate>,
) -> ApiResult<Json<EventOut>> {
    let status = EventStatus::parse(&b.status)
        .ok_or_else(|| FieldError::new("status", "unknown_value", "planned, held or cancelled"))?;
    Ok(Json(EventOut::of(&svc::update_event(&st, &p.caller(), event_id(&id)?, b.version, status, b.event).await?)))
}
