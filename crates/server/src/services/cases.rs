//! National cases: opened by prosecutors and central authority officers, seen by the case's team and
//! the organisation's central authority officers only (need to know).

use super::{Caller, Object, authorize, authorize_object, commit, record};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::Outcome;
use liaison_domain::page::{Page, PageRequest};
use liaison_domain::policy::{Action, Permit, Target, request_scope};
use liaison_domain::request::Case;
use liaison_domain::{CaseId, FieldError, OrgId, UserId};
use liaison_store::cases::{self, CaseRecord};
use liaison_store::requests::{self, RequestRecord};
use liaison_store::users::{self, User};
use serde_json::json;

/// A case with its team and its requests.
pub struct CaseView {
    pub record: CaseRecord,
    pub team: Vec<User>,
    pub requests: Vec<RequestRecord>,
}

pub(crate) fn object(c: &CaseRecord) -> Object {
    Object::new("case", c.id, Some(c.org.to_string()))
}

pub(crate) fn acting_user(caller: &Caller) -> Result<(UserId, OrgId), AppError> {
    caller.actor().map(|a| (a.user, a.org)).ok_or(AppError::Unauthenticated)
}

/// Loads a case and asks the policy for `action` on it. A case the caller may not see is "not found".
pub(crate) async fn load(
    st: &AppState,
    caller: &Caller,
    id: CaseId,
    action: Action,
) -> Result<(CaseRecord, Permit), AppError> {
    let mut c = st.store.read().await?;
    let rec = cases::get(&mut c, id).await?.ok_or(AppError::NotFound("case"))?;
    let on_team = match caller.actor() {
        Some(a) => cases::is_member(&mut c, id, a.user).await?,
        None => false,
    };
    drop(c);
    let target = Target::Case { org: rec.org, on_team };
    let permit = authorize_object(st, caller, action, target, Some(id.to_string())).await?;
    Ok((rec, permit))
}

pub async fn create(st: &AppState, caller: &Caller, case: Case) -> Result<CaseRecord, AppError> {
    let (user, org) = acting_user(caller)?;
    authorize(st, caller, Action::CaseCreate, Target::Org(org)).await?;
    let case = case.check()?;
    let now = st.now();
    let rec = CaseRecord {
        id: CaseId(uuid::Uuid::now_v7()),
        org,
        case,
        created_by: user,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let mut tx = st.store.write().await?;
    cases::insert(&mut tx, &rec).await?;
    cases::add_member(&mut tx, rec.id, user, now).await?;
    let details = json!({"reference": rec.case.reference, "persons": rec.case.persons.len(), "offences": rec.case.offences.len()});
    record(st, &mut tx, caller, "case.create", &object(&rec).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(rec)
}

pub async fn get(st: &AppState, caller: &Caller, id: CaseId) -> Result<CaseView, AppError> {
    let (record, _) = load(st, caller, id, Action::CaseRead).await?;
    let mut c = st.store.read().await?;
    let mut team = Vec::new();
    for u in cases::members(&mut c, id).await? {
        team.extend(users::get(&mut c, u).await?);
    }
    let requests = requests::of_case(&mut c, id).await?;
    Ok(CaseView { record, team, requests })
}

/// Replaces the case's content, if `version` is still the stored one.
pub async fn update(
    st: &AppState,
    caller: &Caller,
    id: CaseId,
    version: i64,
    case: Case,
) -> Result<CaseRecord, AppError> {
    let (mut rec, _) = load(st, caller, id, Action::CaseUpdate).await?;
    let case = case.check()?;
    if rec.version != version {
        return Err(AppError::Stale("case"));
    }
    rec.case = case;
    rec.version += 1;
    rec.updated_at = st.now();
    let mut tx = st.store.write().await?;
    cases::update(&mut tx, &rec).await?;
    let details = json!({"reference": rec.case.reference, "version": rec.version});
    record(st, &mut tx, caller, "case.update", &object(&rec).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(rec)
}

/// Adds a colleague (by user name) to the case's team.
pub async fn add_member(st: &AppState, caller: &Caller, id: CaseId, username: &str) -> Result<User, AppError> {
    let (rec, _) = load(st, caller, id, Action::CaseUpdate).await?;
    let mut tx = st.store.write().await?;
    let user = users::get_by_username(&mut tx, username)
        .await?
        .filter(|u| u.org_id == rec.org && !u.disabled)
        .ok_or_else(|| {
            FieldError::new("username", "unknown_value", format!("no active user '{username}' in this organisation"))
        })?;
    cases::add_member(&mut tx, id, user.id, st.now()).await?;
    let details = json!({"member": user.username.as_str()});
    record(st, &mut tx, caller, "case.member_add", &object(&rec).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(user)
}

pub async fn remove_member(st: &AppState, caller: &Caller, id: CaseId, member: UserId) -> Result<(), AppError> {
    let (rec, _) = load(st, caller, id, Action::CaseUpdate).await?;
    let mut tx = st.store.write().await?;
    if cases::members(&mut tx, id).await?.len() <= 1 {
        return Err(AppError::Conflict("a case keeps at least one team member".into()));
    }
    if !cases::remove_member(&mut tx, id, member).await? {
        return Err(AppError::NotFound("team member"));
    }
    let details = json!({"member": member.to_string()});
    record(st, &mut tx, caller, "case.member_remove", &object(&rec).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(())
}

pub async fn list(
    st: &AppState,
    caller: &Caller,
    q: Option<&str>,
    page: PageRequest,
) -> Result<Page<CaseRecord>, AppError> {
    let (_, org) = acting_user(caller)?;
    let permit = authorize(st, caller, Action::CaseList, Target::Org(org)).await?;
    let scope = caller.actor().map(|a| request_scope(a, &permit)).ok_or(AppError::Unauthenticated)?;
    let mut c = st.store.read().await?;
    let (items, total) = cases::list(&mut c, scope, q, page.limit, page.offset).await?;
    Ok(Page { items, total, limit: page.limit, offset: page.offset })
}
