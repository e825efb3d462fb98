//! Request templates of an organisation: a named draft (type, basis, language, standard wording) that
//! new requests can start from. Kept by the organisation's central authority officers.

use super::cases::acting_user;
use super::{Caller, Object, authorize, commit, record};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::Outcome;
use liaison_domain::policy::{Action, Target};
use liaison_domain::request::Draft;
use liaison_domain::{FieldError, OrgId};
use liaison_store::Conn;
use liaison_store::templates::{self, Template};
use serde_json::json;

/// A template's draft, by name, within the organisation (for starting a request).
pub(crate) async fn get_in(conn: &mut Conn, org: OrgId, name: &str) -> Result<Draft, AppError> {
    templates::get(conn, org, name)
        .await?
        .map(|t| t.draft)
        .ok_or_else(|| FieldError::new("template", "unknown_value", format!("no template named '{name}'")).into())
}

pub async fn list(st: &AppState, caller: &Caller) -> Result<Vec<Template>, AppError> {
    let (_, org) = acting_user(caller)?;
    // Everyone who may start a request may see the templates to start from.
    authorize(st, caller, Action::RequestList, Target::None).await?;
    let mut c = st.store.read().await?;
    Ok(templates::list(&mut c, org).await?)
}

pub async fn save(st: &AppState, caller: &Caller, name: &str, draft: Draft) -> Result<Template, AppError> {
    let (user, org) = acting_user(caller)?;
    authorize(st, caller, Action::TemplateManage, Target::Org(org)).await?;
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 120 || name.chars().any(char::is_control) {
        return Err(FieldError::new("name", "invalid", "a name of 1 to 120 characters").into());
    }
    let draft = draft.check()?;
    let now = st.now();
    let t = Template {
        id: uuid::Uuid::now_v7().to_string(),
        org,
        name: name.to_string(),
        draft,
        created_by: user,
        created_at: now,
        updated_at: now,
    };
    let mut tx = st.store.write().await?;
    let saved = templates::upsert(&mut tx, &t).await?;
    let details = json!({"name": saved.name, "kind": saved.draft.kind.as_str()});
    record(
        st,
        &mut tx,
        caller,
        "template.save",
        &Object::new("template", &saved.id, Some(org.to_string())).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    Ok(saved)
}

pub async fn delete(st: &AppState, caller: &Caller, name: &str) -> Result<(), AppError> {
    let (_, org) = acting_user(caller)?;
    authorize(st, caller, Action::TemplateManage, Target::Org(org)).await?;
    let mut tx = st.store.write().await?;
    if !templates::delete(&mut tx, org, name).await? {
        return Err(AppError::NotFound("template"));
    }
    record(st, &mut tx, caller, "template.delete", &Object::none().with(json!({"name": name})), Outcome::Success)
        .await?;
    commit(tx).await?;
    Ok(())
}
