//! Networks' own space, for the users of their member and participating states: the focal point of each
//! state (named or handed over by the state's administrators and secretaries: the successor takes over the
//! predecessor's open tasks in the working groups of the successor's authority) and the network's events
//! (planned and kept by secretaries of its states), with participants by country and the attendance list.

use super::{Caller, Object, authorize_object, commit, record};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::Outcome;
use liaison_domain::directory::Network;
use liaison_domain::network::{self, EventBody, EventStatus, FocalPoint};
use liaison_domain::policy::{Action, Target};
use liaison_domain::{CountryCode, FieldError, UserId};
use liaison_store::networks::{self as store, EventRecord};
use liaison_store::{orgs, users};
use serde_json::json;

/// The network and the caller's state, if the caller may do `action` in its space; a network the caller's
/// state is not in is "not found".
/// The network `id` (if it exists), the caller's state, and whether that state is in the network.
async fn standing(
    st: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<(Option<Network>, Option<CountryCode>, bool), AppError> {
    let loaded = super::reference::loaded(st).await?;
    let found = loaded.networks.iter().find(|n| n.id == id).cloned();
    let country = match caller.actor() {
        Some(a) => {
            let mut c = st.store.read().await?;
            orgs::get(&mut c, a.org).await?.map(|o| o.country)
        }
        None => None,
    };
    let member = match (&found, country) {
        (Some(n), Some(c)) => n.members.contains(&c) || n.participants.contains(&c),
        _ => false,
    };
    Ok((found, country, member))
}

async fn load(
    st: &AppState,
    caller: &Caller,
    id: &str,
    action: Action,
) -> Result<(Network, Option<CountryCode>), AppError> {
    let (found, country, member) = standing(st, caller, id).await?;
    authorize_object(st, caller, action, Target::Network { member }, Some(id.to_owned())).await?;
    Ok((found.ok_or(AppError::NotFound("network"))?, country))
}

/// A focal point with the person's name, for display.
#[derive(Debug, Clone)]
pub struct FocalPointView {
    pub point: FocalPoint,
    pub name: String,
    pub org_name: String,
}

pub async fn focal_points(st: &AppState, caller: &Caller, network: &str) -> Result<Vec<FocalPointView>, AppError> {
    load(st, caller, network, Action::NetworkRead).await?;
    let mut c = st.store.read().await?;
    let mut out = Vec::new();
    for point in store::focal_points(&mut c, network).await? {
        let user = users::get(&mut c, point.user).await?;
        let org_name = match &user {
            Some(u) => orgs::get(&mut c, u.org_id).await?.map(|o| o.name.to_string()).unwrap_or_default(),
            None => String::new(),
        };
        out.push(FocalPointView {
            name: user.map(|u| u.display_name.to_string()).unwrap_or_default(),
            org_name,
            point,
        });
    }
    Ok(out)
}

/// Names `successor` (a user of the caller's state) the state's focal point in the network; the one before
/// hands over: their term ends and the successor is told. When the successor's own authority names them
/// (the caller is of their organisation and is not the successor), the predecessor's seats in that
/// authority's working groups and their open tasks there pass to the successor, each seat audited in its
/// group: an authority passes on what is its own, and no one gives themselves a seat. Returns the number of
/// tasks handed over.
pub async fn hand_over(st: &AppState, caller: &Caller, network: &str, successor: UserId) -> Result<u64, AppError> {
    let (n, country) = load(st, caller, network, Action::FocalPointManage).await?;
    let country = country.ok_or(AppError::NotFound("organisation"))?;
    let mut c = st.store.read().await?;
    let user = users::get(&mut c, successor).await?.filter(|u| !u.disabled);
    let user_org = match &user {
        Some(u) => orgs::get(&mut c, u.org_id).await?,
        None => None,
    };
    let current = store::current_focal_point(&mut c, &n.id, country).await?;
    drop(c);
    let (Some(user), Some(org)) = (user, user_org) else {
        return Err(FieldError::new("user", "unknown_user", "no such user").into());
    };
    if org.country != country {
        return Err(FieldError::new("user", "other_state", "a focal point is a user of the caller's own state").into());
    }
    let now = st.now();
    let change = network::hand_over(current.as_ref(), &n.id, country, successor, now)?;
    let mut tx = st.store.write().await?;
    store::hand_over(&mut tx, change.predecessor.as_ref(), &change.successor).await?;
    let own_authority = caller.actor().is_some_and(|a| a.org == org.id && a.user != successor);
    let handed = match (&change.predecessor, own_authority) {
        (Some(p), true) => store::hand_over_items(&mut tx, p.user, successor, org.id, now).await?,
        _ => store::HandedOver::default(),
    };
    for group in &handed.seats {
        let details = json!({"user": successor, "from": change.predecessor.as_ref().map(|p| p.user), "network": n.id});
        let obj = Object::new("group", group.clone(), Some(org.id.to_string())).with(details);
        record(st, &mut tx, caller, "group.member.handover", &obj, Outcome::Success).await?;
    }
    let moved = handed.tasks;
    let n_params = json!({"network": n.name, "tasks": moved});
    liaison_store::notifications::insert(
        &mut tx,
        &liaison_store::notifications::Notification {
            id: uuid::Uuid::now_v7().to_string(),
            user: user.id,
            kind: "focal_point".into(),
            request: None,
            params: n_params,
            created_at: now,
            read_at: None,
        },
    )
    .await?;
    let details = json!({"country": country, "successor": successor, "predecessor": change.predecessor.map(|p| p.user), "tasks": moved});
    record(
        st,
        &mut tx,
        caller,
        "network.focal_point",
        &Object::new("network", n.id.clone(), None).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    Ok(moved)
}

pub async fn events(st: &AppState, caller: &Caller, network: &str) -> Result<Vec<EventRecord>, AppError> {
    load(st, caller, network, Action::NetworkRead).await?;
    let mut c = st.store.read().await?;
    Ok(store::events(&mut c, network).await?)
}

pub async fn create_event(
    st: &AppState,
    caller: &Caller,
    network: &str,
    body: EventBody,
) -> Result<EventRecord, AppError> {
    let (n, _) = load(st, caller, network, Action::NetworkEventManage).await?;
    let body = body.check()?;
    let now = st.now();
    let e = EventRecord {
        id: uuid::Uuid::now_v7(),
        network: n.id.clone(),
        status: EventStatus::Planned,
        body,
        created_by: caller.actor().map(|a| a.user),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let mut tx = st.store.write().await?;
    store::insert_event(&mut tx, &e).await?;
    let details = json!({"network": n.id, "title": e.body.title, "starts": e.body.starts});
    record(
        st,
        &mut tx,
        caller,
        "network.event_create",
        &Object::new("network_event", e.id, None).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    Ok(e)
}

/// An event of a network the caller's state is in, and whether the caller's organisation planned it.
pub async fn event(
    st: &AppState,
    caller: &Caller,
    id: uuid::Uuid,
    action: Action,
) -> Result<(EventRecord, bool), AppError> {
    let e = {
        let mut c = st.store.read().await?;
        store::get_event(&mut c, id).await?
    };
    let Some(e) = e else {
        let hidden = Target::NetworkEvent { member: false, own: false };
        authorize_object(st, caller, action, hidden, Some(id.to_string())).await?;
        return Err(AppError::NotFound("event"));
    };
    let (_, _, member) = standing(st, caller, &e.network).await?;
    let own = planned_by_callers_org(st, caller, &e).await?;
    authorize_object(st, caller, action, Target::NetworkEvent { member, own }, Some(id.to_string())).await?;
    Ok((e, own))
}

/// Whether the caller's organisation planned `e` (its secretaries alone change it).
async fn planned_by_callers_org(st: &AppState, caller: &Caller, e: &EventRecord) -> Result<bool, AppError> {
    let (Some(actor), Some(planner)) = (caller.actor(), e.created_by) else {
        return Ok(false);
    };
    let mut c = st.store.read().await?;
    Ok(users::get(&mut c, planner).await?.is_some_and(|u| u.org_id == actor.org))
}

/// Replaces an event's content (programme, participants, attendance) and status; `version` is the one read.
pub async fn update_event(
    st: &AppState,
    caller: &Caller,
    id: uuid::Uuid,
    version: i64,
    status: EventStatus,
    body: EventBody,
) -> Result<EventRecord, AppError> {
    let (old, _) = event(st, caller, id, Action::NetworkEventManage).await?;
    if old.version != version {
        return Err(AppError::Stale("event"));
    }
    let body = body.check()?;
    if status != EventStatus::Held && body.participants.iter().any(|p| p.attended) {
        return Err(FieldError::new("participants", "not_held", "attendance is recorded once the event is held").into());
    }
    let next = EventRecord { status, body, updated_at: st.now(), version: old.version + 1, ..old };
    let mut tx = st.store.write().await?;
    store::update_event(&mut tx, &next).await?;
    let details = json!({"status": next.status, "participants": next.body.participants.len(),
        "attended": next.body.participants.iter().filter(|p| p.attended).count()});
    record(
        st,
        &mut tx,
        caller,
        "network.event_update",
        &Object::new("network_event", id, None).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    Ok(next)
}
