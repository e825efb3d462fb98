//! Pages of a network's own space (for its states' users): focal points with the handover form, events
//! with the planning form, and an event with its participants by country and the attendance list.

use super::forms::{Fields, Opt, label, options};
use super::page::{Chrome, Signed, after, render};
use crate::clock::date_of;
use crate::error::AppError;
use crate::services::networks as svc;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use liaison_domain::network::{EventBody, EventKind, EventStatus, Participant};
use liaison_domain::policy::{self, Action, Target};
use liaison_domain::{CountryCode, FieldError};

pub struct PointRow {
    pub country: String,
    pub name: String,
    pub org: String,
    pub since: String,
    pub until: String,
}

pub struct EventRow {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub when: String,
    pub status: String,
    pub participants: usize,
}

#[derive(Template)]
#[template(path = "network_space.html")]
struct SpacePage<'a> {
    c: Chrome<'a>,
    id: String,
    points: Vec<PointRow>,
    events: Vec<EventRow>,
    kinds: Vec<Opt>,
    hands_over: bool,
    plans_events: bool,
    f: Fields,
    error: Option<String>,
}

fn event_id(id: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(id).map_err(|_| AppError::NotFound("event"))
}

/// Whether the signed-in user may do `action` on `target`, a network or event whose page they see (the
/// service checks again on every post; this only decides which forms the page offers).
fn may(s: &Signed, action: Action, target: Target) -> bool {
    let caller = s.p.caller();
    caller.actor().is_some_and(|a| policy::authorize(a, action, target).is_ok())
}

async fn space_page(st: &AppState, s: &Signed, id: &str, f: Fields, error: Option<String>) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let points = svc::focal_points(st, &s.p.caller(), id)
            .await?
            .into_iter()
            .map(|v| PointRow {
                country: v.point.country.name_in(t.code).to_string(),
                name: v.name,
                org: v.org_name,
                since: date_of(v.point.since).map(|d| d.to_string()).unwrap_or_default(),
                until: v.point.until.and_then(date_of).map(|d| d.to_string()).unwrap_or_default(),
            })
            .collect();
        let events = svc::events(st, &s.p.caller(), id)
            .await?
            .into_iter()
            .map(|e| EventRow {
                id: e.id.to_string(),
                title: e.body.title.clone(),
                kind: label(&t, "event-kind", e.body.kind.as_str()),
                when: format!("{} – {}", e.body.starts, e.body.ends),
                status: label(&t, "event-status", e.status.as_str()),
                participants: e.body.participants.len(),
            })
            .collect();
        Ok::<_, AppError>(render(&SpacePage {
            c: Chrome {
                title: format!("{} · {}", id.to_uppercase(), t.t("network-space")),
                ..s.ctx.chrome(st, "network-space")
            },
            id: id.to_owned(),
            points,
            events,
            kinds: options(&t, "event-kind", EventKind::ALL.iter().map(|k| k.as_str()), &f.get("kind")),
            hands_over: may(s, Action::FocalPointManage, Target::Network { member: true }),
            plans_events: may(s, Action::NetworkEventManage, Target::Network { member: true }),
            f,
            error,
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(st, e))
}

pub async fn space(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    space_page(&st, &s, &id, Fields(Vec::new()), None).await
}

/// Participants typed one per line as `name; country code; authority`.
fn participants(text: &str) -> Result<Vec<Participant>, AppError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let parts: Vec<&str> = line.split(';').map(str::trim).collect();
        let (Some(name), Some(country), Some(authority)) = (parts.first(), parts.get(1), parts.get(2)) else {
            return Err(FieldError::new(
                "participants",
                "invalid_line",
                format!("line {}: name; country; authority", n + 1),
            )
            .into());
        };
        let country = CountryCode::parse(country).map_err(|_| {
            FieldError::new(
                "participants",
                "invalid_country",
                format!("line {}: '{country}' is not a country code", n + 1),
            )
        })?;
        out.push(Participant {
            name: (*name).to_owned(),
            country,
            authority: (*authority).to_owned(),
            attended: false,
        });
    }
    Ok(out)
}

fn date_field(f: &Fields, name: &str) -> Result<liaison_domain::date::Date, AppError> {
    liaison_domain::date::Date::parse(&f.get(name)).map_err(|mut e| {
        e.field = name.to_owned();
        AppError::from(e)
    })
}

pub async fn create_event(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let result = async {
        let body = EventBody {
            title: f.get("title"),
            kind: EventKind::parse(&f.get("kind"))
                .ok_or_else(|| FieldError::new("kind", "unknown_value", "choose a kind"))?,
            objectives: f.get("objectives"),
            programme: f.opt("programme"),
            starts: date_field(&f, "starts")?,
            ends: date_field(&f, "ends")?,
            place: f.opt("place"),
            organisers: f.get("organisers").lines().map(str::to_owned).collect(),
            participants: participants(&f.get("participants"))?,
        };
        svc::create_event(&st, &s.p.caller(), &id, body).await
    }
    .await;
    after(&st, &s, result, |e| format!("/events/{}", e.id), |msg| space_page(&st, &s, &id, f, Some(msg))).await
}

pub async fn hand_over(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let result = async {
        let mut c = st.store.read().await?;
        let user = liaison_store::users::get_by_username(&mut c, f.get("username").trim())
            .await?
            .ok_or_else(|| FieldError::new("username", "unknown_user", "no such user"))?;
        drop(c);
        svc::hand_over(&st, &s.p.caller(), &id, user.id).await
    }
    .await;
    after(&st, &s, result, |_| format!("/networks/{id}"), |msg| space_page(&st, &s, &id, f, Some(msg))).await
}

pub struct ParticipantRow {
    pub i: usize,
    pub name: String,
    pub country: String,
    pub authority: String,
    pub attended: bool,
}

#[derive(Template)]
#[template(path = "network_event.html")]
struct EventPage<'a> {
    c: Chrome<'a>,
    id: String,
    network: String,
    title: String,
    kind: String,
    when: String,
    place: String,
    status: String,
    organisers: String,
    objectives: String,
    programme: String,
    participants: Vec<ParticipantRow>,
    by_country: Vec<(String, usize, usize)>,
    version: i64,
    manages: bool,
    error: Option<String>,
}

async fn event_page(st: &AppState, s: &Signed, id: &str, error: Option<String>) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let uid = event_id(id)?;
        let (e, own) = svc::event(st, &s.p.caller(), uid, Action::NetworkRead).await?;
        let manages = may(s, Action::NetworkEventManage, Target::NetworkEvent { member: true, own });
        let b = &e.body;
        Ok::<_, AppError>(render(&EventPage {
            c: Chrome { title: b.title.clone(), ..s.ctx.chrome(st, "network-space") },
            id: e.id.to_string(),
            network: e.network.clone(),
            title: b.title.clone(),
            kind: label(&t, "event-kind", b.kind.as_str()),
            when: format!("{} – {}", b.starts, b.ends),
            place: b.place.clone().unwrap_or_default(),
            status: label(&t, "event-status", e.status.as_str()),
            organisers: b.organisers.join(", "),
            objectives: b.objectives.clone(),
            programme: b.programme.clone().unwrap_or_default(),
            participants: b
                .participants
                .iter()
                .enumerate()
                .map(|(i, p)| ParticipantRow {
                    i,
                    name: p.name.clone(),
                    country: p.country.name_in(t.code).to_string(),
                    authority: p.authority.clone(),
                    attended: p.attended,
                })
                .collect(),
            by_country: b.by_country().into_iter().map(|(c, (r, a))| (c.name_in(t.code).to_string(), r, a)).collect(),
            version: e.version,
            manages,
            error,
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(st, e))
}

pub async fn event(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    event_page(&st, &s, &id, None).await
}

/// Records the attendance list: the event is held, and those ticked attended.
pub async fn attendance(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let result = async {
        let uid = event_id(&id)?;
        let (e, _) = svc::event(&st, &s.p.caller(), uid, Action::NetworkEventManage).await?;
        let present: Vec<usize> = f.all("attended").iter().filter_map(|i| i.parse().ok()).collect();
        let mut body = e.body.clone();
        for (i, p) in body.participants.iter_mut().enumerate() {
            p.attended = present.contains(&i);
        }
        body.participants.extend(participants(&f.get("more"))?);
        let version = f.get("version").parse().unwrap_or(-1);
        svc::update_event(&st, &s.p.caller(), uid, version, EventStatus::Held, body).await
    }
    .await;
    after(&st, &s, result, |_| format!("/events/{id}"), |msg| event_page(&st, &s, &id, Some(msg))).await
}
