//! Working groups: set up by a working-group secretary with the parties (authorities of two or more states)
//! and members; seen by their members only. Meetings are planned in a time zone with an agenda that starts
//! with the plan's overdue tasks and the parties' unanswered requests; members propose items; the protocol
//! records attendance and numbered decisions, which become tasks with a party, an owner and a due date.

use super::{Caller, Object, authorize, authorize_object, commit, record};
use crate::error::AppError;
use crate::state::AppState;
use chrono::TimeZone;
use liaison_domain::audit::Outcome;
use liaison_domain::date::Date;
use liaison_domain::group::meeting::{
    self, AgendaItem, AgendaSource, MeetingBody, MeetingStatus, OpenTask, Protocol, Translation,
};
use liaison_domain::group::task::{DecisionRef, Link, TaskBody, TaskStatus};
use liaison_domain::group::{GroupBody, GroupRole, GroupStatus, Member, Party, check_members, ics};
use liaison_domain::policy::{Action, Target};
use liaison_domain::validation::{FieldError, Invalid};
use liaison_domain::{GroupId, MeetingId, OrgId, TaskId, UserId};
use liaison_store::groups::{self, GroupRecord, MeetingRecord, TaskNote, TaskRecord};
use liaison_store::{orgs, users};
use serde_json::json;

/// A request without an answer deadline goes on the agenda once it has waited this long.
pub const UNANSWERED_AFTER_DAYS: i64 = 90;

fn object(g: &GroupRecord) -> Object {
    Object::new("working_group", g.id, None)
}

/// What a caller asks to set up or change: the parties by organisation, the members with their roles.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
pub struct GroupInput {
    pub name: String,
    pub mandate: String,
    /// YYYY-MM-DD
    pub established: String,
    #[serde(default)]
    pub rhythm: Option<String>,
    /// The organisations taking part (their states are read from the directory of organisations).
    pub parties: Vec<String>,
    #[serde(default)]
    pub members: Vec<MemberInput>,
}

#[derive(Debug, Clone, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct MemberInput {
    pub user: String,
    /// co_chair, secretary, member, expert
    pub role: String,
}

/// A group as one of its members sees it.
#[derive(Debug, Clone)]
pub struct GroupView {
    pub group: GroupRecord,
    pub members: Vec<MemberView>,
    /// The caller's role (none for the command line).
    pub role: Option<GroupRole>,
}

#[derive(Debug, Clone)]
pub struct MemberView {
    pub member: Member,
    pub name: String,
    pub org_name: String,
}

fn id_of<T>(field: &str, s: &str, make: impl Fn(uuid::Uuid) -> T) -> Result<T, AppError> {
    uuid::Uuid::parse_str(s.trim())
        .map(make)
        .map_err(|_| FieldError::new(field, "invalid_id", format!("'{s}' is not an identifier")).into())
}

/// The group and the caller's role in it, if the policy allows `action`; a group the caller is not a
/// member of is "not found".
pub(crate) async fn load(
    st: &AppState,
    caller: &Caller,
    id: GroupId,
    action: Action,
) -> Result<(GroupRecord, Option<GroupRole>), AppError> {
    let mut c = st.store.read().await?;
    let group = groups::get_group(&mut c, id).await?;
    let role = match caller.actor() {
        Some(a) => groups::role_of(&mut c, id, a.user).await?,
        None => None,
    };
    drop(c);
    authorize_object(st, caller, action, Target::Group { role }, Some(id.to_string())).await?;
    let group = group.ok_or(AppError::NotFound("working group"))?;
    Ok((group, role))
}

/// Reads the parties and members of an input against the directory: each party an organisation here, each
/// member a user of one of them.
async fn resolve(st: &AppState, input: &GroupInput) -> Result<(GroupBody, Vec<Member>), AppError> {
    let mut inv = Invalid::default();
    let mut c = st.store.read().await?;
    let mut parties = Vec::new();
    for (i, p) in input.parties.iter().enumerate() {
        let field = format!("parties[{i}]");
        let Ok(org) = id_of(&field, p, OrgId) else {
            inv.push(FieldError::new(field, "invalid_id", format!("'{p}' is not an identifier")));
            continue;
        };
        match orgs::get(&mut c, org).await? {
            Some(o) => parties.push(Party { org, country: o.country }),
            None => inv.push(FieldError::new(field, "unknown_organisation", "no such organisation")),
        }
    }
    let mut members = Vec::new();
    for (i, m) in input.members.iter().enumerate() {
        let Some(role) = GroupRole::parse(&m.role) else {
            inv.push(FieldError::new(
                format!("members[{i}].role"),
                "unknown_value",
                "co_chair, secretary, member or expert",
            ));
            continue;
        };
        let field = format!("members[{i}].user");
        let Ok(user) = id_of(&field, &m.user, UserId) else {
            inv.push(FieldError::new(field, "invalid_id", "not an identifier"));
            continue;
        };
        match users::get(&mut c, user).await? {
            Some(u) if !u.disabled => members.push(Member { user, org: u.org_id, role }),
            _ => inv.push(FieldError::new(field, "unknown_user", "no such user")),
        }
    }
    let established = inv.check("established", Date::parse(&input.established));
    inv.into_result()?;
    let body = GroupBody {
        name: input.name.clone(),
        mandate: input.mandate.clone(),
        established: established.ok_or(AppError::NotFound("date"))?,
        rhythm: input.rhythm.clone(),
        parties,
    }
    .check()?;
    Ok((body, members))
}

pub async fn create(st: &AppState, caller: &Caller, input: GroupInput) -> Result<GroupRecord, AppError> {
    let actor = caller.actor().ok_or(AppError::Unauthenticated)?.clone();
    authorize(st, caller, Action::GroupCreate, Target::Org(actor.org)).await?;
    let (body, mut members) = resolve(st, &input).await?;
    if !body.parties.iter().any(|p| p.org == actor.org) {
        return Err(FieldError::new("parties", "own_organisation", "your organisation takes part in the group").into());
    }
    if !members.iter().any(|m| m.user == actor.user) {
        members.push(Member { user: actor.user, org: actor.org, role: GroupRole::Secretary });
    }
    check_members(&body, &members)?;
    let now = st.now();
    let group = GroupRecord {
        id: GroupId(uuid::Uuid::now_v7()),
        status: GroupStatus::Active,
        body,
        created_by: Some(actor.user),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let mut tx = st.store.write().await?;
    groups::insert_group(&mut tx, &group).await?;
    groups::set_members(&mut tx, group.id, &members, now).await?;
    let details = json!({"name": group.body.name, "parties": group.body.parties, "members": members.len()});
    record(st, &mut tx, caller, "group.create", &object(&group).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(group)
}

/// Changes a group's details, parties and members (co-chairs and secretary); `version` is the one read.
pub async fn update(
    st: &AppState,
    caller: &Caller,
    id: GroupId,
    version: i64,
    status: Option<GroupStatus>,
    input: GroupInput,
) -> Result<GroupRecord, AppError> {
    let (old, _) = load(st, caller, id, Action::GroupManage).await?;
    if old.version != version {
        return Err(AppError::Stale("working group"));
    }
    let (body, members) = resolve(st, &input).await?;
    check_members(&body, &members)?;
    let next = GroupRecord {
        body,
        status: status.unwrap_or(old.status),
        updated_at: st.now(),
        version: old.version + 1,
        ..old
    };
    let mut tx = st.store.write().await?;
    groups::update_group(&mut tx, &next).await?;
    groups::set_members(&mut tx, id, &members, next.updated_at).await?;
    let details = json!({"version": next.version, "status": next.status, "members": members.len()});
    record(st, &mut tx, caller, "group.update", &object(&next).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(next)
}

/// The groups the caller is a member of.
pub async fn list(st: &AppState, caller: &Caller) -> Result<Vec<GroupRecord>, AppError> {
    let actor = caller.actor().ok_or(AppError::Unauthenticated)?;
    authorize(st, caller, Action::GroupList, Target::None).await?;
    let mut c = st.store.read().await?;
    Ok(groups::groups_of(&mut c, actor.user).await?)
}

pub async fn get(st: &AppState, caller: &Caller, id: GroupId) -> Result<GroupView, AppError> {
    let (group, role) = load(st, caller, id, Action::GroupRead).await?;
    let mut c = st.store.read().await?;
    let mut members = Vec::new();
    for m in groups::members(&mut c, id).await? {
        let name = users::get(&mut c, m.user).await?.map(|u| u.display_name.to_string()).unwrap_or_default();
        let org_name = orgs::get(&mut c, m.org).await?.map(|o| o.name.to_string()).unwrap_or_default();
        members.push(MemberView { member: m, name, org_name });
    }
    Ok(GroupView { group, members, role })
}

/// When and where a meeting is to be held, as a secretary types it: a local date and time in a zone.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
pub struct MeetingInput {
    pub title: String,
    /// The local start, `YYYY-MM-DDTHH:MM`, in `time_zone`.
    pub starts: String,
    /// An IANA time zone: `Europe/Moscow`, `Asia/Tashkent`.
    pub time_zone: String,
    pub duration_minutes: u32,
    #[serde(default)]
    pub place: Option<String>,
    #[serde(default)]
    pub online_link: Option<String>,
}

/// The instant of a local date and time in a zone; the local date too (the meeting's day).
pub fn instant(local: &str, zone: &str) -> Result<(i64, Date), AppError> {
    let tz: chrono_tz::Tz = zone
        .trim()
        .parse()
        .map_err(|_| FieldError::new("time_zone", "unknown_time_zone", format!("'{zone}' is not a time zone")))?;
    let naive = chrono::NaiveDateTime::parse_from_str(local.trim(), "%Y-%m-%dT%H:%M").map_err(|_| {
        FieldError::new("starts", "invalid_format", format!("'{local}' is not a date and time YYYY-MM-DDTHH:MM"))
    })?;
    let at = tz.from_local_datetime(&naive).earliest().ok_or_else(|| {
        FieldError::new("starts", "no_such_time", format!("{local} does not exist in {zone} (the clocks change)"))
    })?;
    let day = Date::parse(&naive.date().format("%Y-%m-%d").to_string())?;
    Ok((at.timestamp_millis(), day))
}

/// The local date and time of an instant in a zone, as `YYYY-MM-DD HH:MM` with the zone's abbreviation.
/// Whether meeting `m` has begun by the clock (its protocol may be recorded from then on).
pub fn has_begun(st: &AppState, m: &MeetingRecord) -> bool {
    m.body.starts_at <= st.now()
}

pub fn local_time(ms: i64, zone: &str) -> String {
    let Ok(tz) = zone.parse::<chrono_tz::Tz>() else { return String::new() };
    tz.timestamp_millis_opt(ms).single().map(|t| t.format("%Y-%m-%d %H:%M %Z").to_string()).unwrap_or_default()
}

/// Plans a meeting; its agenda starts with the plan's tasks overdue on the meeting's day and the parties'
/// requests that await an answer past their deadline (or for `UNANSWERED_AFTER_DAYS` without one).
pub async fn plan_meeting(
    st: &AppState,
    caller: &Caller,
    group: GroupId,
    input: MeetingInput,
) -> Result<MeetingRecord, AppError> {
    let (g, _) = load(st, caller, group, Action::GroupManage).await?;
    let (starts_at, day) = instant(&input.starts, &input.time_zone)?;
    let body = MeetingBody {
        title: input.title,
        starts_at,
        duration_minutes: input.duration_minutes,
        time_zone: input.time_zone.trim().to_owned(),
        place: input.place,
        online_link: input.online_link,
    }
    .check()?;
    let mut c = st.store.read().await?;
    let open: Vec<OpenTask> = groups::tasks(&mut c, group)
        .await?
        .into_iter()
        .filter(|t| t.status.is_open())
        .map(|t| OpenTask { id: t.id, description: t.body.description, due: t.body.due })
        .collect();
    let pending = groups::pending_between(&mut c, &g.body.parties).await?;
    drop(c);
    let mut agenda = meeting::prefill(&[], &open, &pending, day, UNANSWERED_AFTER_DAYS);
    for item in &mut agenda {
        if let Some(r) = item.request.and_then(|id| pending.iter().find(|p| p.id == id)) {
            // Language-neutral: the page names the kind of item in the reader's language.
            let due = r.due.map(|d| format!(", {d}")).unwrap_or_default();
            item.title = format!("{} · {} → {} · {}{due}", r.reference, r.from, r.to, r.sent);
        }
    }
    let now = st.now();
    let m = MeetingRecord {
        id: MeetingId(uuid::Uuid::now_v7()),
        group,
        status: MeetingStatus::Planned,
        body,
        agenda,
        attendance: Vec::new(),
        protocol: None,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let mut tx = st.store.write().await?;
    groups::insert_meeting(&mut tx, &m).await?;
    let details = json!({"group": group, "starts_at": m.body.starts_at, "agenda_items": m.agenda.len()});
    let obj = Object::new("group_meeting", m.id, None).with(details);
    record(st, &mut tx, caller, "group.meeting.plan", &obj, Outcome::Success).await?;
    commit(tx).await?;
    Ok(m)
}

/// A meeting and its group's record, if the caller may do `action` in the group.
pub(crate) async fn load_meeting(
    st: &AppState,
    caller: &Caller,
    id: MeetingId,
    action: Action,
) -> Result<(MeetingRecord, GroupRecord, Option<GroupRole>), AppError> {
    let mut c = st.store.read().await?;
    let m = groups::get_meeting(&mut c, id).await?;
    drop(c);
    // A meeting that does not exist and one of a group the caller is not in answer alike.
    let Some(m) = m else {
        authorize_object(st, caller, action, Target::Group { role: None }, Some(id.to_string())).await?;
        return Err(AppError::NotFound("meeting"));
    };
    let (g, role) = load(st, caller, m.group, action).await?;
    Ok((m, g, role))
}

pub async fn meeting(st: &AppState, caller: &Caller, id: MeetingId) -> Result<(MeetingRecord, GroupRecord), AppError> {
    let (m, g, _) = load_meeting(st, caller, id, Action::GroupRead).await?;
    Ok((m, g))
}

pub async fn meetings(st: &AppState, caller: &Caller, group: GroupId) -> Result<Vec<MeetingRecord>, AppError> {
    load(st, caller, group, Action::GroupRead).await?;
    let mut c = st.store.read().await?;
    Ok(groups::meetings(&mut c, group).await?)
}

async fn save_meeting(
    st: &AppState,
    caller: &Caller,
    next: &MeetingRecord,
    action: &str,
    details: serde_json::Value,
) -> Result<(), AppError> {
    let mut tx = st.store.write().await?;
    groups::update_meeting(&mut tx, next).await?;
    let obj = Object::new("group_meeting", next.id, None).with(details);
    record(st, &mut tx, caller, action, &obj, Outcome::Success).await?;
    commit(tx).await
}

/// A member proposes an item for a planned meeting; it goes to the end of the agenda.
pub async fn propose(
    st: &AppState,
    caller: &Caller,
    id: MeetingId,
    title: &str,
    notes: Option<String>,
) -> Result<MeetingRecord, AppError> {
    let (m, _, _) = load_meeting(st, caller, id, Action::GroupPropose).await?;
    if m.status != MeetingStatus::Planned {
        return Err(AppError::Conflict("the meeting is no longer planned".into()));
    }
    let mut agenda = m.agenda.clone();
    agenda.push(AgendaItem {
        title: title.to_owned(),
        notes,
        source: AgendaSource::Proposed,
        task: None,
        request: None,
        proposed_by: caller.actor().map(|a| a.user),
    });
    meeting::check_agenda(&mut agenda)?;
    let next = MeetingRecord { agenda, updated_at: st.now(), version: m.version + 1, ..m };
    save_meeting(st, caller, &next, "group.meeting.propose", json!({"items": next.agenda.len()})).await?;
    Ok(next)
}

/// The secretary orders the agenda: `order` lists the current items' positions (from 0) in their new
/// order; items left out are taken off.
pub async fn order_agenda(
    st: &AppState,
    caller: &Caller,
    id: MeetingId,
    version: i64,
    order: &[usize],
) -> Result<MeetingRecord, AppError> {
    let (m, _, _) = load_meeting(st, caller, id, Action::GroupManage).await?;
    if m.version != version {
        return Err(AppError::Stale("meeting"));
    }
    let mut seen = vec![false; m.agenda.len()];
    let mut agenda = Vec::new();
    for (i, at) in order.iter().enumerate() {
        match (m.agenda.get(*at), seen.get_mut(*at)) {
            (Some(item), Some(s)) if !*s => {
                *s = true;
                agenda.push(item.clone());
            }
            _ => {
                return Err(FieldError::new(format!("order[{i}]"), "invalid_position", "no such item, or twice").into());
            }
        }
    }
    let next = MeetingRecord { agenda, updated_at: st.now(), version: m.version + 1, ..m };
    save_meeting(st, caller, &next, "group.meeting.agenda", json!({"items": next.agenda.len()})).await?;
    Ok(next)
}

/// What a secretary records of a held meeting.
#[derive(Debug, Clone, Default)]
pub struct ProtocolRecord {
    /// The members present.
    pub attendance: Vec<UserId>,
    pub minutes: String,
    /// The decisions in order; they are numbered 1, 2, 3…
    pub decisions: Vec<String>,
    /// The language minutes and decisions are written in (ISO 639); the recorder's when not given.
    pub language: Option<String>,
    /// The same protocol in a second language, decision for decision.
    pub translation: Option<Translation>,
}

/// Records a held meeting: who attended (members of the group), the minutes and the decisions, numbered in
/// the order given, in their language and optionally in a second one.
pub async fn record_protocol(
    st: &AppState,
    caller: &Caller,
    id: MeetingId,
    version: i64,
    input: ProtocolRecord,
) -> Result<MeetingRecord, AppError> {
    let (m, g, _) = load_meeting(st, caller, id, Action::GroupManage).await?;
    if m.version != version {
        return Err(AppError::Stale("meeting"));
    }
    if m.status == MeetingStatus::Cancelled {
        return Err(AppError::Conflict("the meeting was cancelled".into()));
    }
    if !has_begun(st, &m) {
        let at = local_time(m.body.starts_at, &m.body.time_zone);
        return Err(AppError::Conflict(format!(
            "the meeting begins at {at}: its protocol records what was said there"
        )));
    }
    let mut c = st.store.read().await?;
    let members = groups::members(&mut c, g.id).await?;
    drop(c);
    for (i, u) in input.attendance.iter().enumerate() {
        if !members.iter().any(|m| m.user == *u) {
            return Err(FieldError::new(format!("attendance[{i}]"), "not_a_member", "not a member of the group").into());
        }
    }
    let language = input.language.map(|l| l.trim().to_owned()).filter(|l| !l.is_empty());
    let protocol =
        Protocol::numbered(input.minutes, input.decisions).in_language(language, input.translation).check()?;
    let next = MeetingRecord {
        status: MeetingStatus::Held,
        attendance: input.attendance,
        protocol: Some(protocol),
        updated_at: st.now(),
        version: m.version + 1,
        ..m
    };
    let decided = next.protocol.as_ref().map_or(0, |p| p.decisions.len());
    save_meeting(st, caller, &next, "group.meeting.protocol", json!({"decisions": decided})).await?;
    Ok(next)
}

/// The group's meetings as an iCalendar file.
pub async fn calendar(st: &AppState, caller: &Caller, group: GroupId) -> Result<String, AppError> {
    let (g, _) = load(st, caller, group, Action::GroupRead).await?;
    let mut c = st.store.read().await?;
    let ms = groups::meetings(&mut c, group).await?;
    let events: Vec<ics::Event> = ms
        .iter()
        .map(|m| ics::Event {
            uid: format!("{}@liaison", m.id),
            stamp: m.updated_at,
            start: m.body.starts_at,
            end: m.body.ends_at(),
            summary: format!("{} — {}", g.body.name, m.body.title),
            location: m.body.place.clone(),
            url: m.body.online_link.clone(),
            description: Some(
                m.agenda.iter().zip(1..).map(|(i, n)| format!("{n}. {}", i.title)).collect::<Vec<_>>().join("\n"),
            ),
            cancelled: m.status == MeetingStatus::Cancelled,
            sequence: u32::try_from(m.version - 1).unwrap_or(0),
        })
        .collect();
    Ok(ics::calendar(&events))
}

/// A task as asked for: the party and member responsible, the due date, the decision it comes from.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
pub struct TaskInput {
    pub description: String,
    pub party: String,
    #[serde(default)]
    pub owner: Option<String>,
    /// YYYY-MM-DD
    pub due: String,
    #[serde(default)]
    pub meeting: Option<String>,
    #[serde(default)]
    pub decision: Option<u32>,
    /// `{"kind": "case" | "request" | "notice", "id": "…"}`
    #[serde(default)]
    #[schema(value_type = Vec<Object>)]
    pub links: Vec<Link>,
}

pub async fn create_task(
    st: &AppState,
    caller: &Caller,
    group: GroupId,
    input: TaskInput,
) -> Result<TaskRecord, AppError> {
    let (g, _) = load(st, caller, group, Action::GroupManage).await?;
    let party = id_of("party", &input.party, OrgId)?;
    if !g.body.parties.iter().any(|p| p.org == party) {
        return Err(FieldError::new("party", "not_a_party", "not one of the group's authorities").into());
    }
    let owner =
        input.owner.as_deref().filter(|o| !o.trim().is_empty()).map(|o| id_of("owner", o, UserId)).transpose()?;
    let mut c = st.store.read().await?;
    if let Some(o) = owner
        && !groups::members(&mut c, group).await?.iter().any(|m| m.user == o && m.org == party)
    {
        return Err(FieldError::new("owner", "not_a_member", "a member of the responsible authority").into());
    }
    let decision = match (input.meeting.as_deref().filter(|m| !m.trim().is_empty()), input.decision) {
        (Some(m), Some(n)) => {
            let meeting = id_of("meeting", m, MeetingId)?;
            let held = groups::get_meeting(&mut c, meeting).await?.filter(|m| m.group == group);
            let exists = held.and_then(|m| m.protocol).is_some_and(|p| p.decisions.iter().any(|d| d.n == n));
            if !exists {
                return Err(FieldError::new("decision", "unknown_decision", "no such decision of the group").into());
            }
            Some(DecisionRef { meeting, n })
        }
        (None, None) => None,
        _ => {
            return Err(
                FieldError::new("decision", "incomplete", "a decision is named by its meeting and number").into()
            );
        }
    };
    drop(c);
    let body = TaskBody {
        description: input.description,
        party,
        owner,
        due: Date::parse(&input.due).map_err(|mut e| {
            e.field = "due".into();
            e
        })?,
        decision,
        links: input.links,
    }
    .check()?;
    let now = st.now();
    let t = TaskRecord {
        id: TaskId(uuid::Uuid::now_v7()),
        group,
        status: TaskStatus::Open,
        body,
        reminded: 0,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let mut tx = st.store.write().await?;
    groups::insert_task(&mut tx, &t).await?;
    let details = json!({"group": group, "due": t.body.due, "decision": t.body.decision});
    record(
        st,
        &mut tx,
        caller,
        "group.task.create",
        &Object::new("group_task", t.id, None).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    Ok(t)
}

/// The group's plan, by due date.
pub async fn plan(st: &AppState, caller: &Caller, group: GroupId) -> Result<Vec<TaskRecord>, AppError> {
    load(st, caller, group, Action::GroupRead).await?;
    let mut c = st.store.read().await?;
    Ok(groups::tasks(&mut c, group).await?)
}

/// The caller's tasks in the groups they are a member of.
pub async fn my_tasks(st: &AppState, caller: &Caller) -> Result<Vec<TaskRecord>, AppError> {
    let actor = caller.actor().ok_or(AppError::Unauthenticated)?;
    authorize(st, caller, Action::GroupList, Target::None).await?;
    let mut c = st.store.read().await?;
    Ok(groups::tasks_of(&mut c, actor.user).await?)
}

/// Reports on a task: a new status and/or a progress note (the member responsible, or those who run the
/// group).
pub async fn report(
    st: &AppState,
    caller: &Caller,
    id: TaskId,
    version: i64,
    status: Option<TaskStatus>,
    note: Option<String>,
) -> Result<(TaskRecord, Vec<TaskNote>), AppError> {
    let mut c = st.store.read().await?;
    let task = groups::get_task(&mut c, id).await?;
    let (role, owner) = match (&task, caller.actor()) {
        (Some(t), Some(a)) => (groups::role_of(&mut c, t.group, a.user).await?, t.body.owner == Some(a.user)),
        _ => (None, false),
    };
    drop(c);
    authorize_object(st, caller, Action::TaskUpdate, Target::GroupTask { role, owner }, Some(id.to_string())).await?;
    let task = task.ok_or(AppError::NotFound("task"))?;
    if task.version != version {
        return Err(AppError::Stale("task"));
    }
    let note = note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if status.is_none() && note.is_none() {
        return Err(FieldError::new("note", "required", "a new status or a progress note").into());
    }
    if let Some(n) = &note
        && n.chars().count() > 4_000
    {
        return Err(FieldError::new("note", "too_long", "at most 4000 characters").into());
    }
    let now = st.now();
    let next = TaskRecord { status: status.unwrap_or(task.status), updated_at: now, version: task.version + 1, ..task };
    let mut tx = st.store.write().await?;
    groups::update_task(&mut tx, &next).await?;
    if let Some(text) = &note {
        let n = TaskNote {
            id: uuid::Uuid::now_v7(),
            task: id,
            author: caller.actor().map(|a| a.user),
            text: text.clone(),
            created_at: now,
        };
        groups::add_note(&mut tx, &n).await?;
    }
    let details = json!({"status": next.status, "note": note.is_some()});
    record(
        st,
        &mut tx,
        caller,
        "group.task.report",
        &Object::new("group_task", id, None).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    let mut c = st.store.read().await?;
    let notes = groups::notes(&mut c, id).await?;
    Ok((next, notes))
}

/// A task with its notes, for a member of its group.
pub async fn task(st: &AppState, caller: &Caller, id: TaskId) -> Result<(TaskRecord, Vec<TaskNote>), AppError> {
    let mut c = st.store.read().await?;
    let task = groups::get_task(&mut c, id).await?;
    let role = match (&task, caller.actor()) {
        (Some(t), Some(a)) => groups::role_of(&mut c, t.group, a.user).await?,
        _ => None,
    };
    drop(c);
    authorize_object(st, caller, Action::GroupRead, Target::Group { role }, Some(id.to_string())).await?;
    let task = task.ok_or(AppError::NotFound("task"))?;
    let mut c = st.store.read().await?;
    let notes = groups::notes(&mut c, id).await?;
    Ok((task, notes))
}

/// Members typed one per line as `username role` (role optional: member), as the group form takes them.
pub async fn members_from_lines(st: &AppState, text: &str) -> Result<Vec<MemberInput>, AppError> {
    let mut inv = Invalid::default();
    let mut out = Vec::new();
    let mut c = st.store.read().await?;
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let mut words = line.split_whitespace();
        let username = words.next().unwrap_or_default();
        let role = words.next().unwrap_or("member");
        if GroupRole::parse(role).is_none() {
            inv.push(FieldError::new(
                format!("members[{}]", n + 1),
                "unknown_value",
                format!("line {}: '{role}' is not co_chair, secretary, member or expert", n + 1),
            ));
            continue;
        }
        match users::get_by_username(&mut c, username).await? {
            Some(u) if !u.disabled => out.push(MemberInput { user: u.id.to_string(), role: role.to_owned() }),
            _ => inv.push(FieldError::new(
                format!("members[{}]", n + 1),
                "unknown_user",
                format!("line {}: no user '{username}'", n + 1),
            )),
        }
    }
    inv.into_result()?;
    Ok(out)
}

/// The organisations a group may take in, by name (the directory of organisations is public).
pub async fn organisations(st: &AppState, caller: &Caller) -> Result<Vec<liaison_store::orgs::Organisation>, AppError> {
    let page = super::orgs::list(
        st,
        caller,
        None,
        liaison_domain::page::PageRequest { limit: liaison_domain::page::MAX_LIMIT, offset: 0 },
    )
    .await?;
    Ok(page.items)
}

/// Sends the reminders owed on `today` for open tasks: a week before the due date, on it, then every
/// fortnight while overdue; to the member responsible, or to those who run the group when none is named.
/// Returns the reminders sent.
pub async fn remind(st: &AppState, today: Date) -> Result<usize, AppError> {
    use liaison_store::notifications::{self, Notification};
    let until = today.add_days(liaison_domain::request::deadline::Stage::DUE_SOON_DAYS).unwrap_or(today);
    let mut c = st.store.read().await?;
    let due = groups::open_tasks_due_by(&mut c, until).await?;
    drop(c);
    let mut sent = 0;
    for task in due {
        let Some(stage) = liaison_domain::group::task::reminder_owed(task.status, task.body.due, today, task.reminded)
        else {
            continue;
        };
        let mut tx = st.store.write().await?;
        if !groups::mark_reminded(&mut tx, task.id, task.reminded, stage.ordinal()).await? {
            continue; // another server sent it
        }
        let Some(group) = groups::get_group(&mut tx, task.group).await? else { continue };
        let members = groups::members(&mut tx, task.group).await?;
        let to: Vec<UserId> = match task.body.owner.filter(|o| members.iter().any(|m| m.user == *o)) {
            Some(owner) => vec![owner],
            None => members.iter().filter(|m| m.role.manages()).map(|m| m.user).collect(),
        };
        let params = json!({"task": task.body.description, "group": group.body.name, "due": task.body.due,
            "stage": stage.name(), "task_id": task.id});
        for user in &to {
            let n = Notification {
                id: uuid::Uuid::now_v7().to_string(),
                user: *user,
                kind: "task".into(),
                request: None,
                params: params.clone(),
                created_at: st.now(),
                read_at: None,
            };
            notifications::insert(&mut tx, &n).await?;
        }
        let obj = Object::new("group_task", task.id, None).with(json!({"stage": stage.name(), "notified": to.len()}));
        record(st, &mut tx, &Caller::System, "group.task.reminder", &obj, Outcome::Success).await?;
        commit(tx).await?;
        sent += 1;
    }
    Ok(sent)
}
