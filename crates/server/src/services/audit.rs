//! Reading the audit trail: the auditor's filtered list, the JSON-lines export, chain verification.
//! Reading the trail is itself audited.

use super::{Caller, Object, authorize, record_alone};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::{AuditEvent, Outcome};
use liaison_domain::page::{Page, PageRequest};
use liaison_domain::policy::{Action, OrgScope, Target, audit_scope};
use liaison_store::audit::{self, AuditFilter, Verification};
use serde_json::json;

async fn scope(st: &AppState, caller: &Caller, action: Action) -> Result<OrgScope, AppError> {
    let permit = authorize(st, caller, action, Target::None).await?;
    Ok(match caller.actor() {
        Some(a) => audit_scope(a, &permit),
        None => OrgScope::All,
    })
}

fn filter_details(f: &AuditFilter) -> serde_json::Value {
    json!({"actor": f.actor, "action": f.action, "outcome": f.outcome.map(|o| o.as_str()), "object_id": f.object_id, "from": f.from_ms, "to": f.to_ms})
}

pub async fn list(
    st: &AppState,
    caller: &Caller,
    f: &AuditFilter,
    page: PageRequest,
) -> Result<Page<AuditEvent>, AppError> {
    let scope = scope(st, caller, Action::AuditRead).await?;
    let (items, total) = {
        let mut c = st.store.read().await?;
        audit::list(&mut c, scope, f, false, page.limit, page.offset).await?
    };
    record_alone(st, caller, "audit.read", &Object::none().with(filter_details(f)), Outcome::Success).await;
    Ok(Page { items, total, limit: page.limit, offset: page.offset })
}

/// Every matching event, oldest first, as JSON lines, read in batches.
pub async fn export_jsonl(st: &AppState, caller: &Caller, f: &AuditFilter) -> Result<String, AppError> {
    let scope = scope(st, caller, Action::AuditRead).await?;
    record_alone(st, caller, "audit.export", &Object::none().with(filter_details(f)), Outcome::Success).await;
    let mut out = String::new();
    let mut f = f.clone();
    let mut c = st.store.read().await?;
    loop {
        let (batch, _) = audit::list(&mut c, scope, &f, true, 1000, 0).await?;
        for e in &batch {
            out.push_str(&serde_json::to_string(e).map_err(|e| AppError::Internal(e.to_string()))?);
            out.push('\n');
        }
        match batch.last() {
            Some(last) if batch.len() == 1000 => f.after_seq = Some(last.seq),
            _ => break,
        }
    }
    Ok(out)
}

pub async fn verify(st: &AppState, caller: &Caller) -> Result<Verification, AppError> {
    scope(st, caller, Action::AuditVerify).await?;
    let v = {
        let mut c = st.store.read().await?;
        audit::verify(&mut c).await?
    };
    let details = match &v {
        Verification::Intact { events, .. } => json!({"intact": true, "events": events}),
        Verification::Broken(e) => json!({"intact": false, "error": e.to_string()}),
    };
    record_alone(st, caller, "audit.verify", &Object::none().with(details), Outcome::Success).await;
    Ok(v)
}
