//! Requests: started in a case, written step by step (the completeness check says what is missing),
//! moved along the lifecycle by the side whose step it is, and chased by their deadlines. When the
//! requested authority uses this installation, it sees the request in its registry once sent.

use super::cases::{acting_user, load as load_case};
use super::{Caller, Object, authorize, authorize_object, commit, record};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::Outcome;
use liaison_domain::date::Date;
use liaison_domain::legal_basis::{Answer, CooperationType, Query, resolve};
use liaison_domain::page::{Page, PageRequest};
use liaison_domain::policy::{Action, Permit, Target, request_scope};
use liaison_domain::request::completeness::{self, Context, Finding};
use liaison_domain::request::deadline::{self, DeadlineKind, DefaultDays};
use liaison_domain::request::lifecycle::{self, StepContext};
use liaison_domain::request::{Case, Draft, Side, Status, Transition, refusal};
use liaison_domain::{CaseId, CountryCode, FieldError, OrgId, RequestId};
use liaison_store::Conn;
use liaison_store::cases::CaseRecord;
use liaison_store::requests::{self, Backlog, Event, RegistryFilter, RequestRecord, StoredDeadline};
use liaison_store::{cases, orgs};
use serde_json::json;

/// Everything a reader of a request sees, as far as their side may see it.
pub struct RequestView {
    pub record: RequestRecord,
    /// The side the reader is on.
    pub side: Side,
    /// The case (requesting side only: the requested side sees what the request cites).
    pub case: Option<CaseRecord>,
    /// The offences, persons and assets the request cites, from the case.
    pub cited: Case,
    /// What is missing or inconsistent (requesting side, while not sent).
    pub findings: Vec<Finding>,
    /// The legal bases available between the two states for this type, today.
    pub answer: Option<Answer>,
    pub events: Vec<Event>,
    pub deadlines: Vec<StoredDeadline>,
    /// Steps the reader's side could take now (the lifecycle still checks roles and guards).
    pub next_steps: Vec<Transition>,
    pub counterpart_on_installation: bool,
    pub parent: Option<RequestRecord>,
    pub supplements: Vec<RequestRecord>,
    pub requesting_org: Option<orgs::Organisation>,
    pub requested_org: Option<orgs::Organisation>,
}

fn object(r: &RequestRecord) -> Object {
    Object::new("request", r.id, Some(r.org.to_string()))
}

/// The side of `r` the caller is on, if any.
fn side_of(caller: &Caller, r: &RequestRecord) -> Option<Side> {
    let a = caller.actor()?;
    if a.org == r.org {
        Some(Side::Requesting)
    } else if r.requested_org == Some(a.org) {
        Some(Side::Requested)
    } else {
        None
    }
}

/// Sent to the requested side: only then does it see the request (a draft withdrawn before sending never is).
fn is_sent(r: &RequestRecord) -> bool {
    r.sent_at.is_some()
}

/// Loads a request and asks the policy for `action` on it; what the caller may not see is "not found".
async fn load(
    st: &AppState,
    caller: &Caller,
    id: RequestId,
    action: Action,
) -> Result<(RequestRecord, Permit), AppError> {
    let mut c = st.store.read().await?;
    let rec = requests::get(&mut c, id).await?.ok_or(AppError::NotFound("request"))?;
    let on_team = match caller.actor() {
        Some(a) if a.org == rec.org => cases::is_member(&mut c, rec.case, a.user).await?,
        _ => false,
    };
    drop(c);
    let target = Target::Request { requesting: rec.org, requested: rec.requested_org, on_team, sent: is_sent(&rec) };
    let permit = authorize_object(st, caller, action, target, Some(id.to_string())).await?;
    Ok((rec, permit))
}

/// Asks the policy for a write on a request already read (so a read-only token cannot act on it).
pub(crate) async fn authorize_write(st: &AppState, caller: &Caller, v: &RequestView) -> Result<(), AppError> {
    let on_team = v.case.is_some();
    let target = Target::Request {
        requesting: v.record.org,
        requested: v.record.requested_org,
        on_team,
        sent: is_sent(&v.record),
    };
    authorize_object(st, caller, Action::RequestTransition, target, Some(v.record.id.to_string())).await.map(|_| ())
}

async fn answer_for(st: &AppState, from: CountryCode, d: &Draft, on: Date) -> Result<Answer, AppError> {
    let loaded = super::reference::loaded(st).await?;
    let q = Query {
        requesting: from,
        requested: d.requested_country,
        kind: d.kind,
        measure: None,
        offence: None,
        date: on,
    };
    Ok(resolve(&loaded.catalogue, &q))
}

async fn findings_for(st: &AppState, rec: &RequestRecord, case: &Case) -> Result<(Vec<Finding>, Answer), AppError> {
    let on = st.today()?;
    let answer = answer_for(st, rec.requesting_country, &rec.draft, on).await?;
    let cx = Context { requesting_country: rec.requesting_country, case, answer: Some(&answer), today: on };
    Ok((completeness::check(&rec.draft, &cx), answer))
}

/// The organisation behind the requested authority's directory entry, when it uses this installation.
async fn requested_org_of(st: &AppState, d: &Draft) -> Result<Option<OrgId>, AppError> {
    let Some(id) = &d.requested_authority else { return Ok(None) };
    let loaded = super::reference::loaded(st).await?;
    let entry = loaded.entries.iter().find(|e| &e.authority.id == id).ok_or_else(|| {
        FieldError::new("requested_authority", "unknown_value", format!("no authority '{id}' in the directory"))
    })?;
    if entry.authority.country != d.requested_country {
        return Err(FieldError::new(
            "requested_authority",
            "inconsistent",
            format!("'{id}' is an authority of {}, not of {}", entry.authority.country, d.requested_country),
        )
        .into());
    }
    Ok(entry.authority.organisation)
}

/// The case's offences, persons and assets the draft cites.
fn cited(case: &Case, d: &Draft) -> Case {
    Case {
        reference: case.reference.clone(),
        title: String::new(),
        proceedings: String::new(),
        summary: String::new(),
        offences: case.offences.iter().filter(|o| d.offences.contains(&o.key)).cloned().collect(),
        persons: case.persons.iter().filter(|p| d.persons.contains(&p.key)).cloned().collect(),
        assets: case.assets.iter().filter(|a| d.assets.contains(&a.key)).cloned().collect(),
    }
}

/// A timeline entry of `r` by the caller, now (for other services: kind and comment to fill in).
pub(crate) fn timeline_entry(st: &AppState, caller: &Caller, r: &RequestRecord, details: serde_json::Value) -> Event {
    event(st, caller, r, "", details)
}

/// A timeline entry of `r` by the caller, now; callers fill in the step, comment and details.
fn event(st: &AppState, caller: &Caller, r: &RequestRecord, kind: &str, details: serde_json::Value) -> Event {
    let (actor_user, actor_label, actor_org) = match caller {
        Caller::User { actor, username, .. } => (Some(actor.user), username.clone(), Some(actor.org)),
        Caller::Anonymous { .. } => (None, "anonymous".into(), None),
        Caller::Cli => (None, "cli".into(), None),
        Caller::System => (None, "system".into(), None),
    };
    Event {
        request: r.id,
        seq: 0,
        at_ms: st.now(),
        actor_user,
        actor_label,
        actor_org,
        kind: kind.into(),
        from_status: None,
        to_status: None,
        on_behalf: false,
        comment: String::new(),
        details,
    }
}

/// Keeps the sending deadline of an extradition after a provisional arrest in step with the draft.
async fn sync_sending_deadline(conn: &mut Conn, r: &RequestRecord) -> Result<(), AppError> {
    let existing = requests::deadlines(conn, r.id).await?.into_iter().find(|d| d.kind == DeadlineKind::Sending);
    let wanted = r.draft.provisional_arrest.and_then(|a| deadline::sending_after_arrest(a, &r.draft.legal_basis));
    match (wanted, existing) {
        // Unchanged: keep the reminders already sent.
        (Some(dl), Some(old)) if old.due == dl.due.to_string() => {}
        (Some(dl), _) => {
            let source = serde_json::to_string(&dl.source).map_err(|e| AppError::Internal(e.to_string()))?;
            let d = StoredDeadline {
                request: r.id,
                kind: DeadlineKind::Sending,
                due: dl.due.to_string(),
                source,
                last_stage: 0,
                met_at: None,
            };
            requests::put_deadline(conn, &d).await?;
        }
        (None, Some(_)) => requests::delete_deadline(conn, r.id, DeadlineKind::Sending).await?,
        (None, None) => {}
    }
    Ok(())
}

pub struct NewRequest {
    pub case: CaseId,
    pub kind: String,
    pub requested_country: String,
    /// Start from one of the organisation's templates.
    pub template: Option<String>,
    /// The request this one supplements.
    pub supplements: Option<RequestId>,
}

pub async fn create(st: &AppState, caller: &Caller, input: NewRequest) -> Result<RequestRecord, AppError> {
    let (user, _) = acting_user(caller)?;
    let (case, _) = load_case(st, caller, input.case, Action::RequestCreate).await?;
    let kind = CooperationType::parse(&input.kind).ok_or_else(|| {
        let known: Vec<&str> = CooperationType::ALL.iter().map(|k| k.as_str()).collect();
        FieldError::new("kind", "unknown_value", format!("unknown type '{}'; known: {}", input.kind, known.join(", ")))
    })?;
    let country = CountryCode::parse(&input.requested_country).map_err(|mut e| {
        e.field = "requested_country".into();
        e
    })?;
    let mut c = st.store.read().await?;
    let org = orgs::get(&mut c, case.org).await?.ok_or(AppError::NotFound("organisation"))?;
    let mut draft = Draft::new(kind, country);
    if let Some(t) = &input.template {
        let tpl = super::templates::get_in(&mut c, case.org, t).await?;
        draft = Draft { kind, requested_country: country, ..tpl };
    }
    let parent = match input.supplements {
        Some(p) => {
            let parent = requests::get(&mut c, p).await?.filter(|x| x.case == case.id).ok_or_else(|| {
                FieldError::new("supplements", "unknown_value", "no request of this case with that id")
            })?;
            if !is_sent(&parent) {
                return Err(FieldError::new(
                    "supplements",
                    "not_sent",
                    "only a request already sent can be supplemented",
                )
                .into());
            }
            // A supplementary request goes where the original went, on the same basis.
            draft = Draft {
                requested_authority: parent.draft.requested_authority.clone(),
                legal_basis: parent.draft.legal_basis.clone(),
                reciprocity: parent.draft.reciprocity,
                language: parent.draft.language.clone(),
                second_language: parent.draft.second_language.clone(),
                subject: parent.draft.subject.clone(),
                offences: parent.draft.offences.clone(),
                ..Draft::new(parent.kind(), parent.requested_country())
            };
            Some(parent)
        }
        None => None,
    };
    drop(c);
    let requested_org = requested_org_of(st, &draft).await?;
    let now = st.now();
    let mut tx = st.store.write().await?;
    let year = st.today()?.year();
    let our_reference = requests::next_reference(&mut tx, case.org, org.country, draft.kind, year).await?;
    let mut rec = RequestRecord {
        id: RequestId(uuid::Uuid::now_v7()),
        case: case.id,
        org: case.org,
        requesting_country: org.country,
        requested_org,
        status: Status::Draft,
        our_reference,
        their_reference: None,
        parent: parent.as_ref().map(|p| p.id),
        draft,
        complete: false,
        created_by: user,
        created_at: now,
        updated_at: now,
        version: 1,
        sent_at: None,
        acknowledged_at: None,
        closed_at: None,
        refusal_grounds: Vec::new(),
        sent_cited: None,
    };
    let (findings, _) = findings_for(st, &rec, &case.case).await?;
    rec.complete = completeness::is_complete(&findings);
    // Another organisation of the same country may hold the number: take the next one.
    let mut tries = 0;
    while !requests::insert(&mut tx, &rec).await? {
        tries += 1;
        if tries > 1_000 {
            return Err(AppError::Internal("no free request number".into()));
        }
        rec.our_reference = requests::next_reference(&mut tx, case.org, org.country, rec.kind(), year).await?;
    }
    let details = json!({"reference": rec.our_reference, "kind": rec.kind().as_str(), "requested_country": rec.requested_country().as_str(), "supplements": parent.as_ref().map(|p| p.our_reference.clone())});
    requests::append_event(&mut tx, &event(st, caller, &rec, "created", details.clone())).await?;
    if let Some(p) = &parent {
        let e = event(st, caller, p, "supplementary", json!({"reference": rec.our_reference}));
        requests::append_event(&mut tx, &e).await?;
    }
    record(st, &mut tx, caller, "request.create", &object(&rec).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(rec)
}

pub async fn get(st: &AppState, caller: &Caller, id: RequestId) -> Result<RequestView, AppError> {
    let (record, _) = load(st, caller, id, Action::RequestRead).await?;
    let side = side_of(caller, &record).ok_or(AppError::NotFound("request"))?;
    let mut c = st.store.read().await?;
    let case = cases::get(&mut c, record.case).await?.ok_or(AppError::NotFound("case"))?;
    let events = requests::events(&mut c, id).await?;
    let deadlines = requests::deadlines(&mut c, id).await?;
    let parent = match record.parent {
        Some(p) => requests::get(&mut c, p).await?,
        None => None,
    };
    let mut events = events;
    let mut deadlines = deadlines;
    if side == Side::Requested {
        // The requested side sees the course of the request from its sending on, not the requesting
        // side's drafting, edits, reviews, reminders or escalations, nor its deadline for sending.
        let sent = record.sent_at.unwrap_or(i64::MAX);
        events.retain(|e| e.at_ms >= sent && matches!(e.kind.as_str(), "transition" | "attachment"));
        deadlines.retain(|d| d.kind != DeadlineKind::Sending);
    }
    let mut supplements = requests::supplements(&mut c, id).await?;
    if side == Side::Requested {
        supplements.retain(|s| is_sent(s) && s.requested_org == record.requested_org);
    }
    let requesting_org = orgs::get(&mut c, record.org).await?;
    let requested_org = match record.requested_org {
        Some(o) => orgs::get(&mut c, o).await?,
        None => None,
    };
    drop(c);
    let (findings, answer) = if side == Side::Requesting && !is_sent(&record) {
        let (f, a) = findings_for(st, &record, &case.case).await?;
        (f, Some(a))
    } else {
        (Vec::new(), None)
    };
    let on_installation = record.requested_org.is_some();
    Ok(RequestView {
        cited: record.sent_cited.clone().unwrap_or_else(|| cited(&case.case, &record.draft)),
        case: (side == Side::Requesting).then_some(case),
        next_steps: lifecycle::next_steps(record.status, side, on_installation),
        counterpart_on_installation: on_installation,
        side,
        findings,
        answer,
        events,
        deadlines,
        parent,
        supplements,
        requesting_org,
        requested_org,
        record,
    })
}

/// Saves the draft (autosave and explicit saves alike) if `version` is still the stored one.
pub async fn edit(
    st: &AppState,
    caller: &Caller,
    id: RequestId,
    version: i64,
    draft: Draft,
) -> Result<RequestRecord, AppError> {
    let (mut rec, _) = load(st, caller, id, Action::RequestEdit).await?;
    if rec.status != Status::Draft {
        return Err(AppError::Conflict(format!(
            "request {} is {}; only a draft can be changed (return it to draft first)",
            rec.our_reference, rec.status
        )));
    }
    if rec.version != version {
        return Err(AppError::Stale("request"));
    }
    let draft = draft.check()?;
    if draft == rec.draft {
        return Ok(rec);
    }
    let requested_org = requested_org_of(st, &draft).await?;
    let mut c = st.store.read().await?;
    let case = cases::get(&mut c, rec.case).await?.ok_or(AppError::NotFound("case"))?;
    drop(c);
    let changed = changed_fields(&rec.draft, &draft);
    rec.draft = draft;
    rec.requested_org = requested_org;
    let (findings, _) = findings_for(st, &rec, &case.case).await?;
    rec.complete = completeness::is_complete(&findings);
    rec.version += 1;
    rec.updated_at = st.now();
    let mut tx = st.store.write().await?;
    requests::update(&mut tx, &rec).await?;
    sync_sending_deadline(&mut tx, &rec).await?;
    let details = json!({"version": rec.version, "fields": changed, "complete": rec.complete});
    requests::append_event(&mut tx, &event(st, caller, &rec, "edited", details.clone())).await?;
    record(st, &mut tx, caller, "request.edit", &object(&rec).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(rec)
}

/// The top-level fields that differ between two drafts (for the timeline and the audit trail).
fn changed_fields(a: &Draft, b: &Draft) -> Vec<String> {
    let (Ok(serde_json::Value::Object(x)), Ok(serde_json::Value::Object(y))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return Vec::new();
    };
    y.iter().filter(|(k, v)| x.get(*k) != Some(*v)).map(|(k, _)| k.clone()).collect()
}

pub struct StepInput {
    pub step: Transition,
    pub comment: String,
    /// Refusal grounds (codes of `refusal::GROUNDS`).
    pub grounds: Vec<String>,
    /// The requested side's own reference, recorded on receipt or acknowledgement.
    pub their_reference: Option<String>,
    /// The version the caller read; a stale one is refused.
    pub version: Option<i64>,
}

pub async fn transition(
    st: &AppState,
    caller: &Caller,
    id: RequestId,
    input: StepInput,
) -> Result<RequestRecord, AppError> {
    let (mut rec, _) = load(st, caller, id, Action::RequestTransition).await?;
    let side = side_of(caller, &rec).ok_or(AppError::NotFound("request"))?;
    let roles = caller.actor().map(|a| a.roles.clone()).unwrap_or_default();
    if let Some(v) = input.version
        && v != rec.version
    {
        return Err(AppError::Stale("request"));
    }
    let comment = input.comment.trim();
    if comment.chars().count() > 10_000 || comment.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(FieldError::new("comment", "invalid", "at most 10,000 characters, no control characters").into());
    }
    let mut grounds = Vec::new();
    for (i, g) in input.grounds.iter().enumerate() {
        match refusal::ground(g.trim()) {
            Some(x) => grounds.push(x.code.to_string()),
            None => {
                return Err(FieldError::new(
                    format!("grounds[{i}]"),
                    "unknown_value",
                    format!("unknown refusal ground '{g}'"),
                )
                .into());
            }
        }
    }
    let complete = if matches!(input.step, Transition::MarkReady | Transition::Send) {
        let mut c = st.store.read().await?;
        let case = cases::get(&mut c, rec.case).await?.ok_or(AppError::NotFound("case"))?;
        drop(c);
        completeness::is_complete(&findings_for(st, &rec, &case.case).await?.0)
    } else {
        rec.complete
    };
    let on_installation = rec.requested_org.is_some();
    let cx = StepContext {
        side,
        roles: &roles,
        counterpart_on_installation: on_installation,
        complete,
        comment,
        grounds: &grounds,
    };
    let from = rec.status;
    let to = match lifecycle::step(from, input.step, &cx) {
        Ok(to) => to,
        Err(e) => {
            let details = json!({"step": input.step.as_str(), "from": from.as_str(), "refused": e.to_string()});
            super::record_alone(st, caller, "request.transition", &object(&rec).with(details), Outcome::Denied).await;
            return Err(AppError::Step(e));
        }
    };
    let on_behalf = input.step.side() != side;
    let now = st.now();
    rec.status = to;
    rec.complete = complete;
    rec.version += 1;
    rec.updated_at = now;
    if let Some(r) = input.their_reference.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        if r.chars().count() > 100 || r.chars().any(char::is_control) {
            return Err(FieldError::new("their_reference", "invalid", "at most 100 characters").into());
        }
        if !matches!(input.step, Transition::Receive | Transition::Acknowledge) {
            return Err(
                FieldError::new("their_reference", "not_allowed", "recorded on receipt or acknowledgement").into()
            );
        }
        rec.their_reference = Some(r.to_string());
    }
    let mut tx = st.store.write().await?;
    match input.step {
        Transition::Send => {
            rec.sent_at = Some(now);
            // What the request cites of the case is fixed as sent: later edits of the case stay home.
            let case = cases::get(&mut tx, rec.case).await?.ok_or(AppError::NotFound("case"))?;
            rec.sent_cited = Some(cited(&case.case, &rec.draft));
            requests::meet_deadline(&mut tx, rec.id, DeadlineKind::Sending, now).await?;
            let on = st.today()?;
            for dl in deadline::on_sending(on, rec.urgency(), rec.draft.deadline, &DefaultDays::default()) {
                let source = serde_json::to_string(&dl.source).map_err(|e| AppError::Internal(e.to_string()))?;
                requests::put_deadline(
                    &mut tx,
                    &StoredDeadline {
                        request: rec.id,
                        kind: dl.kind,
                        due: dl.due.to_string(),
                        source,
                        last_stage: 0,
                        met_at: None,
                    },
                )
                .await?;
            }
        }
        Transition::Acknowledge => {
            rec.acknowledged_at = Some(now);
            requests::meet_deadline(&mut tx, rec.id, DeadlineKind::Acknowledgement, now).await?;
        }
        Transition::Execute | Transition::ExecutePartially | Transition::Refuse | Transition::Withdraw => {
            rec.closed_at = Some(now);
            if input.step == Transition::Refuse {
                rec.refusal_grounds = grounds.clone();
            }
            for k in DeadlineKind::ALL {
                requests::meet_deadline(&mut tx, rec.id, *k, now).await?;
            }
        }
        _ => {}
    }
    requests::update(&mut tx, &rec).await?;
    let details = json!({"step": input.step.as_str(), "from": from.as_str(), "to": to.as_str(), "on_behalf": on_behalf, "grounds": grounds, "their_reference": rec.their_reference});
    let e = Event {
        from_status: Some(from),
        to_status: Some(to),
        on_behalf,
        comment: comment.to_string(),
        ..event(st, caller, &rec, "transition", details.clone())
    };
    requests::append_event(&mut tx, &e).await?;
    let action = format!("request.{}", input.step.as_str());
    record(st, &mut tx, caller, &action, &object(&rec).with(details), Outcome::Success).await?;
    commit(tx).await?;
    let actor = match caller {
        Caller::User { username, .. } => username.clone(),
        _ => String::new(),
    };
    super::chasing::after_step(st, &rec, input.step, &actor, on_behalf).await;
    Ok(rec)
}

#[derive(Clone)]
pub struct RegistryQuery {
    pub incoming: bool,
    pub status: Option<String>,
    pub kind: Option<String>,
    pub country: Option<String>,
    pub q: Option<String>,
    pub pending_only: bool,
}

pub async fn list(
    st: &AppState,
    caller: &Caller,
    q: RegistryQuery,
    page: PageRequest,
) -> Result<Page<RequestRecord>, AppError> {
    let permit = authorize(st, caller, Action::RequestList, Target::None).await?;
    let scope = caller.actor().map(|a| request_scope(a, &permit)).ok_or(AppError::Unauthenticated)?;
    let blank = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
    let mut inv = liaison_domain::Invalid::default();
    let status = blank(&q.status).and_then(|s| {
        Status::parse(&s).or_else(|| {
            inv.push(FieldError::new("status", "unknown_value", format!("unknown status '{s}'")));
            None
        })
    });
    let kind = blank(&q.kind).and_then(|s| {
        CooperationType::parse(&s).or_else(|| {
            inv.push(FieldError::new("kind", "unknown_value", format!("unknown type '{s}'")));
            None
        })
    });
    let country = blank(&q.country).and_then(|s| inv.check("country", CountryCode::parse(&s)));
    inv.into_result()?;
    let filter = RegistryFilter {
        scope,
        direction: if q.incoming { requests::Direction::Incoming } else { requests::Direction::Outgoing },
        status,
        kind,
        country,
        q: blank(&q.q),
        pending_only: q.pending_only,
    };
    let mut c = st.store.read().await?;
    let (items, total) = requests::list(&mut c, &filter, page.limit, page.offset).await?;
    Ok(Page { items, total, limit: page.limit, offset: page.offset })
}

/// Requests sent and not answered, per counterpart country, oldest backlog first.
pub async fn unanswered(st: &AppState, caller: &Caller) -> Result<Vec<Backlog>, AppError> {
    let permit = authorize(st, caller, Action::RequestList, Target::None).await?;
    let scope = caller.actor().map(|a| request_scope(a, &permit)).ok_or(AppError::Unauthenticated)?;
    let mut c = st.store.read().await?;
    Ok(requests::unanswered(&mut c, scope, &st.today()?.to_string()).await?)
}
