//! Reading the audit trail: the auditor's filtered list, the JSON-lines export, chain verification.
//! Reading the trail is itself audited.

use super::{Caller, Object, authorize, record_alone};
use crate::clock::parse_time;
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::{AuditEvent, Outcome};
use liaison_domain::page::{Page, PageRequest};
use liaison_domain::policy::{Action, OrgScope, Target, audit_scope};
use liaison_domain::{FieldError, Invalid};
use liaison_store::audit::{self, AuditFilter, Verification};
use serde_json::json;

/// The filter fields as a person or program types them, all optional.
#[derive(Debug, Clone, Default)]
pub struct FilterInput<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub outcome: &'a str,
    pub object_id: &'a str,
    /// `YYYY-MM-DD` (from the start of that day, UTC) or an RFC 3339 instant.
    pub from: &'a str,
    /// `YYYY-MM-DD` (through the end of that day, UTC) or an RFC 3339 instant (exclusive).
    pub to: &'a str,
}

/// Parses filter input, naming each bad field.
pub fn parse_filter(input: &FilterInput<'_>) -> Result<AuditFilter, AppError> {
    let mut inv = Invalid::default();
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    let outcome = opt(input.outcome).and_then(|o| {
        let r = Outcome::parse(&o);
        if r.is_none() {
            inv.push(FieldError::new("outcome", "unknown_value", "must be success, denied or failure"));
        }
        r
    });
    let mut time = |name: &str, v: &str| {
        opt(v).and_then(|v| {
            let r = parse_time(&v);
            if r.is_none() {
                inv.push(FieldError::new(name, "invalid_format", "must be YYYY-MM-DD or an RFC 3339 instant"));
            }
            r
        })
    };
    let from_ms = time("from", input.from);
    let date_only = input.to.trim().len() == 10;
    let to_ms = time("to", input.to).map(|t| if date_only { t + 86_400_000 } else { t });
    inv.into_result()?;
    Ok(AuditFilter {
        actor: opt(input.actor),
        action: opt(input.action),
        outcome,
        object_id: opt(input.object_id),
        from_ms,
        to_ms,
        after_seq: None,
    })
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_parse_dates_inclusively_and_name_bad_fields() {
        let f = parse_filter(&FilterInput {
            action: " user. ",
            from: "2026-01-01",
            to: "2026-01-01",
            ..Default::default()
        })
        .unwrap();
        assert_eq!(f.action.as_deref(), Some("user."));
        assert_eq!(f.to_ms.unwrap() - f.from_ms.unwrap(), 86_400_000, "a date-only end includes that day");
        let f = parse_filter(&FilterInput { to: "2026-01-01T12:00:00Z", ..Default::default() }).unwrap();
        assert_eq!(f.to_ms, parse_time("2026-01-01T12:00:00Z"));
        let Err(AppError::Invalid(inv)) =
            parse_filter(&FilterInput { outcome: "maybe", from: "yesterday", ..Default::default() })
        else {
            panic!("expected field errors")
        };
        let fields: Vec<&str> = inv.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["outcome", "from"]);
    }
}
