//! The application services: one function per action, called alike by the JSON API, the web UI and
//! the command line. Each checks the policy, does the work in one transaction and writes its audit
//! event in that same transaction.

pub mod accounts;
pub mod attachments;
pub mod audit;
pub mod cases;
pub mod chasing;
pub mod documents;
pub mod files;
pub mod group_documents;
pub mod group_files;
pub mod group_results;
pub mod groups;
pub mod knowledge;
pub mod networks;
pub mod notices;
pub mod notifications;
pub mod orgs;
pub mod reference;
pub mod requests;
pub mod screening;
pub mod statistics;
pub mod templates;
pub mod tokens;
pub mod users;

use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::{NewAuditEvent, Outcome, canonical_details};
use liaison_domain::policy::{self, Action, Actor, Permit, Target};
use liaison_store::Conn;
use serde_json::Value;

/// Who asks for an action.
#[derive(Debug, Clone)]
pub enum Caller {
    /// A signed-in user (through a session or an API token).
    User { actor: Actor, username: String, client: Option<String> },
    /// Someone not (yet) signed in: failed logins. `attempted` is the user name they typed.
    Anonymous { attempted: String, client: Option<String> },
    /// The local command line, run by whoever holds the database: trusted, still audited.
    Cli,
    /// Liaison itself, on its schedule (reminders): audited as `system`.
    System,
}

impl Caller {
    pub fn actor(&self) -> Option<&Actor> {
        match self {
            Caller::User { actor, .. } => Some(actor),
            Caller::Anonymous { .. } | Caller::Cli | Caller::System => None,
        }
    }

    pub fn client(&self) -> Option<String> {
        match self {
            Caller::User { client, .. } | Caller::Anonymous { client, .. } => client.clone(),
            Caller::Cli | Caller::System => None,
        }
    }
}

/// What an audit event is about.
pub struct Object {
    pub kind: &'static str,
    pub id: Option<String>,
    pub org: Option<String>,
    pub details: Value,
}

impl Object {
    pub fn new(kind: &'static str, id: impl ToString, org: Option<String>) -> Self {
        Object { kind, id: Some(id.to_string()), org, details: Value::Object(Default::default()) }
    }
    pub fn none() -> Self {
        Object { kind: "", id: None, org: None, details: Value::Object(Default::default()) }
    }
    pub fn with(mut self, details: Value) -> Self {
        self.details = details;
        self
    }
}

pub fn new_event(st: &AppState, caller: &Caller, action: &str, object: &Object, outcome: Outcome) -> NewAuditEvent {
    let (actor_user, actor_label, actor_org) = match caller {
        Caller::User { actor, username, .. } => {
            (Some(actor.user.to_string()), username.clone(), Some(actor.org.to_string()))
        }
        Caller::Anonymous { attempted, .. } => {
            (None, attempted.chars().filter(|c| !c.is_control()).take(64).collect(), None)
        }
        Caller::Cli => (None, "cli".to_string(), None),
        Caller::System => (None, "system".to_string(), None),
    };
    NewAuditEvent {
        id: uuid::Uuid::now_v7().to_string(),
        at_ms: st.now(),
        actor_user,
        actor_label,
        actor_org,
        action: action.to_string(),
        object_kind: (!object.kind.is_empty()).then(|| object.kind.to_string()),
        object_id: object.id.clone(),
        object_org: object.org.clone(),
        client: caller.client(),
        outcome,
        details: canonical_details(&object.details),
    }
}

/// Appends an audit event inside the caller's transaction.
pub async fn record(
    st: &AppState,
    conn: &mut Conn,
    caller: &Caller,
    action: &str,
    object: &Object,
    outcome: Outcome,
) -> Result<(), AppError> {
    liaison_store::audit::append(conn, &new_event(st, caller, action, object, outcome)).await?;
    Ok(())
}

/// Appends an audit event in a transaction of its own (for failures and denials, where the action's
/// own transaction is rolled back).
pub async fn record_alone(st: &AppState, caller: &Caller, action: &str, object: &Object, outcome: Outcome) {
    let result = async {
        let mut tx = st.store.write().await?;
        record(st, &mut tx, caller, action, object, outcome).await?;
        tx.commit().await.map_err(liaison_store::StoreError::from)?;
        Ok::<(), AppError>(())
    }
    .await;
    if let Err(e) = result {
        tracing::error!(error = %e, action, "could not write audit event");
    }
}

/// Asks the policy; a refusal is audited and returned as an error.
pub async fn authorize(st: &AppState, caller: &Caller, action: Action, target: Target) -> Result<Permit, AppError> {
    authorize_object(st, caller, action, target, None).await
}

/// As `authorize`, naming the object (a case's or request's id) in the audit event of a refusal.
pub async fn authorize_object(
    st: &AppState,
    caller: &Caller,
    action: Action,
    target: Target,
    object_id: Option<String>,
) -> Result<Permit, AppError> {
    match caller {
        Caller::Cli | Caller::System => Ok(policy::local_operator_permit(action, target)),
        Caller::Anonymous { .. } => Err(AppError::Unauthenticated),
        Caller::User { actor, .. } => match policy::authorize(actor, action, target) {
            Ok(p) => Ok(p),
            Err(denied) => {
                let (kind, id, org) = match target {
                    Target::None => ("", None, None),
                    Target::Org(o) => ("organisation", Some(o.to_string()), Some(o.to_string())),
                    Target::User { org, user } => ("user", Some(user.to_string()), Some(org.to_string())),
                    Target::Personal { owner } => ("personal", Some(owner.to_string()), None),
                    Target::Authority { org } => ("authority", None, org.map(|o| o.to_string())),
                    Target::Case { org, .. } => ("case", object_id, Some(org.to_string())),
                    Target::Request { requesting, .. } => ("request", object_id, Some(requesting.to_string())),
                    Target::Notice { org, .. } => ("notice", object_id, Some(org.to_string())),
                    Target::Screening { org } => ("screening", object_id, Some(org.to_string())),
                    // The group's authorities are not named to someone who may not know the group exists.
                    Target::Group { .. } => ("working_group", object_id, None),
                    Target::GroupTask { .. } => ("group_task", object_id, None),
                    Target::Knowledge { .. } => ("knowledge_document", object_id, None),
                    Target::Network { .. } => ("network", object_id, None),
                    Target::NetworkEvent { .. } => ("network_event", object_id, None),
                };
                let object = Object { kind, id, org, details: serde_json::json!({"reason": format!("{denied:?}")}) };
                record_alone(st, caller, action.as_str(), &object, Outcome::Denied).await;
                Err(AppError::Denied(denied))
            }
        },
    }
}

/// Commits, mapping the error.
pub async fn commit(tx: liaison_store::WriteTx) -> Result<(), AppError> {
    tx.commit().await.map_err(|e| AppError::from(liaison_store::StoreError::from(e)))
}
