//! Chasing what was never answered. A run looks at every open deadline due within a week, and for each
//! that has reached a new stage (due soon, due, overdue, and every fortnight while overdue) it notifies
//! the requesting side (the case's team and the organisation's central authority officers) and, when the
//! requested authority uses this installation, its central authority officers — in the application and
//! by e-mail — and writes the reminder on the request's timeline and in the audit trail. Runs on several
//! nodes at once send each reminder once: the stage is advanced with a compare-and-set.
//! Steps of a request also notify the other side (a new incoming request, an acknowledgement…).

use super::{Caller, Object, record};
use crate::error::AppError;
use crate::i18n::{Tr, plain};
use crate::state::AppState;
use liaison_domain::Role;
use liaison_domain::audit::Outcome;
use liaison_domain::date::Date;
use liaison_domain::request::deadline::{DeadlineKind, Stage, reminder_owed};
use liaison_domain::request::{Side, Transition};
use liaison_store::Conn;
use liaison_store::notifications::{self, Mail, Notification};
use liaison_store::requests::{self, Event, RequestRecord};
use liaison_store::users::User;
use liaison_store::{cases, users};
use serde_json::{Value, json};
use std::collections::BTreeMap;

#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RunSummary {
    /// Deadlines looked at.
    pub deadlines: usize,
    /// Reminders written (one per deadline that reached a new stage).
    pub reminders: usize,
    pub notifications: usize,
    pub mails: usize,
}

/// The people of an organisation who handle its requests, plus (requesting side) the case's team.
async fn people(conn: &mut Conn, r: &RequestRecord, side: Side) -> Result<Vec<User>, AppError> {
    let org = match side {
        Side::Requesting => r.org,
        Side::Requested => match r.requested_org {
            Some(o) => o,
            None => return Ok(Vec::new()),
        },
    };
    let mut out: BTreeMap<String, User> = BTreeMap::new();
    for u in users::active_of_org(conn, org).await? {
        if u.roles.has(Role::CentralAuthorityOfficer) {
            out.insert(u.id.to_string(), u);
        }
    }
    if side == Side::Requesting {
        for id in cases::members(conn, r.case).await? {
            if let Some(u) = users::get(conn, id).await?.filter(|u| !u.disabled) {
                out.insert(u.id.to_string(), u);
            }
        }
    }
    Ok(out.into_values().collect())
}

/// The sentence a notification says, in the reader's language.
pub fn wording(t: &Tr<'_>, kind: &str, p: &Value) -> String {
    let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or_default().to_string();
    let country =
        liaison_domain::CountryCode::parse(&s("country")).map(|c| c.name_in(t.code).to_string()).unwrap_or_default();
    match kind {
        "deadline" => {
            let what = t.t(&format!("deadline-{}", s("deadline")));
            t.ta(
                &format!("notice-deadline-{}", s("stage").replace('_', "-")),
                &[("reference", &s("reference")), ("country", &country), ("what", &what), ("due", &s("due"))],
            )
        }
        "incoming" => t.ta("notice-incoming", &[("reference", &s("reference")), ("country", &country)]),
        "task" => t.ta(
            &format!("notice-task-{}", s("stage").replace('_', "-")),
            &[("task", &s("task")), ("group", &s("group")), ("due", &s("due"))],
        ),
        "focal_point" => {
            let tasks = p.get("tasks").and_then(Value::as_u64).unwrap_or(0).to_string();
            t.ta("notice-focal-point", &[("network", &s("network")), ("tasks", &tasks)])
        }
        "hit" => t.ta(
            "notice-hit",
            &[("label", &s("label")), ("org", &s("org")), ("purpose", &s("purpose")), ("score", &s("score"))],
        ),
        _ => t.ta(
            "notice-step",
            &[
                ("reference", &s("reference")),
                ("step", &t.t(&format!("step-{}", s("step").replace('_', "-")))),
                ("actor", &s("actor")),
            ],
        ),
    }
}

/// Notifies `to` (in the application, and by e-mail when they have an address), in one transaction.
async fn notify(
    st: &AppState,
    conn: &mut Conn,
    to: &[User],
    kind: &str,
    r: &RequestRecord,
    params: Value,
) -> Result<(usize, usize), AppError> {
    let now = st.now();
    let mut mails = 0;
    for u in to {
        notifications::insert(
            conn,
            &Notification {
                id: uuid::Uuid::now_v7().to_string(),
                user: u.id,
                kind: kind.into(),
                request: Some(r.id),
                params: params.clone(),
                created_at: now,
                read_at: None,
            },
        )
        .await?;
        if let Some(email) = &u.email {
            let t = st.i18n.tr(&u.locale);
            let text = plain(wording(&t, kind, &params));
            let link = st
                .config
                .public_url
                .as_deref()
                .map(|b| format!("\n\n{}/requests/{}", b.trim_end_matches('/'), r.id))
                .unwrap_or_default();
            let body = format!("{text}{link}\n\n-- \n{}", plain(t.t("mail-footer")));
            notifications::enqueue(
                conn,
                &Mail {
                    id: uuid::Uuid::now_v7().to_string(),
                    to: email.to_string(),
                    subject: format!("Liaison: {text}"),
                    body,
                    created_at: now,
                    attempts: 0,
                },
            )
            .await?;
            mails += 1;
        }
    }
    Ok((to.len(), mails))
}

/// Looks at every open deadline due by a week from `today` and sends the reminders owed.
pub async fn run(st: &AppState, today: Date) -> Result<RunSummary, AppError> {
    let until = today.add_days(Stage::DUE_SOON_DAYS).unwrap_or(today).to_string();
    let mut c = st.store.read().await?;
    let due = requests::open_deadlines_until(&mut c, &until, 100_000).await?;
    drop(c);
    let mut sum = RunSummary { deadlines: due.len(), ..Default::default() };
    for d in due {
        let Ok(due_date) = Date::parse(&d.due) else { continue };
        let Some(stage) = reminder_owed(due_date, today, d.last_stage) else { continue };
        let mut tx = st.store.write().await?;
        if !requests::advance_stage(&mut tx, d.request, d.kind, d.last_stage, stage.ordinal()).await? {
            continue; // another node sent it
        }
        let Some(r) = requests::get(&mut tx, d.request).await? else { continue };
        if r.status.is_final() {
            continue;
        }
        // Each side is told of the other state: the requesting side of the requested, and back.
        let params_for = |country: liaison_domain::CountryCode| json!({"reference": r.our_reference, "country": country.as_str(), "deadline": d.kind.as_str(), "due": d.due, "stage": stage.name(), "ordinal": stage.ordinal()});
        let params = params_for(r.requested_country());
        let home = people(&mut tx, &r, Side::Requesting).await?;
        let (mut n, mut m) = notify(st, &mut tx, &home, "deadline", &r, params.clone()).await?;
        if d.kind != DeadlineKind::Sending {
            let away = people(&mut tx, &r, Side::Requested).await?;
            let (n2, m2) = notify(st, &mut tx, &away, "deadline", &r, params_for(r.requesting_country)).await?;
            n += n2;
            m += m2;
        }
        let caller = Caller::System;
        let ev = Event {
            request: r.id,
            seq: 0,
            at_ms: st.now(),
            actor_user: None,
            actor_label: "system".into(),
            actor_org: None,
            kind: "reminder".into(),
            from_status: None,
            to_status: None,
            on_behalf: false,
            comment: String::new(),
            details: json!({"deadline": d.kind.as_str(), "due": d.due, "stage": stage.name(), "notified": n}),
        };
        requests::append_event(&mut tx, &ev).await?;
        let object = Object::new("request", r.id, Some(r.org.to_string())).with(params);
        record(st, &mut tx, &caller, "request.reminder", &object, Outcome::Success).await?;
        super::commit(tx).await?;
        sum.reminders += 1;
        sum.notifications += n;
        sum.mails += m;
    }
    Ok(sum)
}

/// Tells the other side of a request about a step (best effort: a failure is logged, the step stands).
pub async fn after_step(st: &AppState, r: &RequestRecord, step: Transition, actor: &str, on_behalf: bool) {
    let result = async {
        let mut tx = st.store.write().await?;
        let (to, kind) = match step {
            Transition::Send => (people(&mut tx, r, Side::Requested).await?, "incoming"),
            _ if step.side() == Side::Requested && !on_behalf => (people(&mut tx, r, Side::Requesting).await?, "step"),
            _ => return Ok::<(), AppError>(()),
        };
        if to.is_empty() {
            return Ok(());
        }
        let country = if kind == "incoming" { r.requesting_country } else { r.requested_country() };
        let params =
            json!({"reference": r.our_reference, "country": country.as_str(), "step": step.as_str(), "actor": actor});
        notify(st, &mut tx, &to, kind, r, params).await?;
        super::commit(tx).await
    }
    .await;
    if let Err(e) = result {
        tracing::error!(error = %e, request = %r.id, "could not notify the other side of a step");
    }
}

/// Sends the e-mail that is due, when a relay is configured. Returns (sent, failed).
pub async fn deliver(st: &AppState) -> Result<(usize, usize), AppError> {
    let Some(cfg) = st.config.smtp.clone() else { return Ok((0, 0)) };
    let now = st.now();
    let mut c = st.store.read().await?;
    let due = notifications::due_mail(&mut c, now, 200).await?;
    drop(c);
    let (mut sent, mut failed) = (0, 0);
    for m in due {
        // Claim it for ten minutes: with several nodes, each mail goes out once.
        let mut tx = st.store.write().await?;
        let mine = notifications::claim(&mut tx, &m.id, now, now + 600_000).await?;
        super::commit(tx).await?;
        if !mine {
            continue;
        }
        let date = chrono::DateTime::from_timestamp_millis(m.created_at).map(|d| d.to_rfc2822()).unwrap_or_default();
        let result = crate::mail::send(&cfg, &m.to, &m.subject, &m.body, &date, &m.id).await;
        let mut tx = st.store.write().await?;
        match result {
            Ok(()) => {
                notifications::mark_sent(&mut tx, &m.id, st.now()).await?;
                sent += 1;
            }
            Err(e) => {
                // Back off: 1, 2, 4 … minutes, at most a day.
                let wait = (60_000i64 << m.attempts.clamp(0, 10)).min(86_400_000);
                notifications::mark_failed(&mut tx, &m.id, &e.to_string(), now + wait).await?;
                tracing::warn!(error = %e, to = %m.to, "mail not sent; will retry");
                failed += 1;
            }
        }
        super::commit(tx).await?;
    }
    Ok((sent, failed))
}

/// The networks through which an unanswered request of the caller's side may be escalated.
pub async fn escalation_routes(
    st: &AppState,
    caller: &Caller,
    id: liaison_domain::RequestId,
) -> Result<Vec<liaison_domain::directory::EscalationRoute>, AppError> {
    let v = super::requests::get(st, caller, id).await?;
    if v.side != Side::Requesting {
        return Err(AppError::NotFound("escalation"));
    }
    let loaded = super::reference::loaded(st).await?;
    let authorities: Vec<_> = loaded.entries.iter().map(|e| e.authority.clone()).collect();
    Ok(liaison_domain::directory::escalation_routes(
        &loaded.networks,
        &authorities,
        v.record.requesting_country,
        v.record.requested_country(),
    ))
}

/// Escalates an unanswered request to the requested state's contact points of a network: each gets an
/// e-mail; the escalation goes on the timeline and in the audit trail. Central authority officers of
/// the requesting side only. Returns how many contact points were written to.
pub async fn escalate(
    st: &AppState,
    caller: &Caller,
    id: liaison_domain::RequestId,
    network: &str,
    comment: &str,
) -> Result<usize, AppError> {
    let v = super::requests::get(st, caller, id).await?;
    let actor = caller.actor().ok_or(AppError::Unauthenticated)?;
    super::requests::authorize_write(st, caller, &v).await?;
    let object = Object::new("request", v.record.id, Some(v.record.org.to_string()));
    if v.side != Side::Requesting || !actor.roles.has(Role::CentralAuthorityOfficer) {
        let why = json!({"refused": "escalation is for the requesting side's central authority officers"});
        super::record_alone(st, caller, "request.escalate", &object.with(why), Outcome::Denied).await;
        return Err(AppError::Denied(liaison_domain::policy::Denied::Role));
    }
    if !v.record.status.is_pending_abroad() {
        return Err(AppError::Conflict("only a request sent and not yet answered can be escalated".into()));
    }
    let routes = escalation_routes(st, caller, id).await?;
    let country = v.record.requested_country();
    let route = routes.iter().find(|r| r.network == network).ok_or_else(|| {
        liaison_domain::FieldError::new(
            "network",
            "unknown_value",
            format!("{country} and the requesting state share no network '{network}'"),
        )
    })?;
    let contacts: Vec<_> =
        route.contacts.iter().filter_map(|(_, a, c)| c.email.clone().map(|e| (a.clone(), c.name.clone(), e))).collect();
    if contacts.is_empty() {
        return Err(liaison_domain::FieldError::new(
            "network",
            "no_contact",
            format!("no contact point of {} with an e-mail address is recorded for {country}; a data steward can add one in the directory", route.network_name),
        )
        .into());
    }
    let comment = comment.trim();
    if comment.chars().count() > 5_000 {
        return Err(liaison_domain::FieldError::new("comment", "too_long", "at most 5,000 characters").into());
    }
    let sent = v.record.sent_at.and_then(liaison_domain::date::Date::of_ms).map(|d| d.to_string()).unwrap_or_default();
    let from = v.requesting_org.as_ref().map(|o| o.name.to_string()).unwrap_or_default();
    let now = st.now();
    let mut tx = st.store.write().await?;
    for (authority, name, email) in &contacts {
        let body = format!(
            "Dear {name} ({authority}),\n\nOn {sent} {from} sent request {} to {country} ({}). It has not been answered.\n\
             We ask for your help, as {} contact point, to find out where it stands.\n\n{comment}\n\n-- \nLiaison",
            v.record.our_reference,
            v.record.kind().as_str().replace('_', " "),
            route.network_name
        );
        notifications::enqueue(
            &mut tx,
            &Mail {
                id: uuid::Uuid::now_v7().to_string(),
                to: email.clone(),
                subject: format!("{}: unanswered request {} — {}", route.network_name, v.record.our_reference, country),
                body,
                created_at: now,
                attempts: 0,
            },
        )
        .await?;
    }
    let details = json!({"network": network, "contacts": contacts.iter().map(|c| c.1.clone()).collect::<Vec<_>>()});
    let ev = Event {
        kind: "escalation".into(),
        comment: comment.to_string(),
        ..super::requests::timeline_entry(st, caller, &v.record, details.clone())
    };
    requests::append_event(&mut tx, &ev).await?;
    record(st, &mut tx, caller, "request.escalate", &object.with(details), Outcome::Success).await?;
    super::commit(tx).await?;
    Ok(contacts.len())
}
