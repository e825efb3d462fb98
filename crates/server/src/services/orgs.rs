//! Organisations: the directory every user sees, created by the operator's administrators, settings
//! changed by their own administrators.

use super::{Caller, Object, authorize, commit, record};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::Outcome;
use liaison_domain::page::{Page, PageRequest};
use liaison_domain::policy::{Action, OrgScope, Target};
use liaison_domain::text::OrgName;
use liaison_domain::{CountryCode, FieldError, Invalid, OrgId};
use liaison_store::orgs::{self, Organisation};
use serde_json::json;

/// Kinds of organisation: the kinds of authority in the directory, plus the operator of the installation.
pub fn kinds() -> impl Iterator<Item = &'static str> {
    liaison_domain::directory::KINDS.into_iter().chain(["operator"])
}

pub fn parse_kind(s: &str) -> Result<String, FieldError> {
    kinds().find(|k| *k == s.trim()).map(str::to_string).ok_or_else(|| {
        FieldError::new(
            "kind",
            "unknown_value",
            format!("unknown kind '{s}'; known kinds: {}", kinds().collect::<Vec<_>>().join(", ")),
        )
    })
}

pub struct NewOrg {
    pub name: String,
    pub country: String,
    pub kind: String,
    pub require_totp: bool,
    pub is_operator: bool,
}

pub async fn create(st: &AppState, caller: &Caller, input: NewOrg) -> Result<Organisation, AppError> {
    authorize(st, caller, Action::OrgCreate, Target::None).await?;
    let mut inv = Invalid::default();
    let name = inv.check("name", OrgName::parse(&input.name));
    let country = inv.check("country", CountryCode::parse(&input.country));
    let kind = inv.check("kind", parse_kind(&input.kind));
    let (Some(name), Some(country), Some(kind)) = (name, country, kind) else { return Err(inv.into()) };
    if input.is_operator && !matches!(caller, Caller::Cli) {
        return Err(AppError::from(FieldError::new(
            "is_operator",
            "not_allowed",
            "only the command line can create an operator organisation",
        )));
    }
    let now = st.now();
    let org = Organisation {
        id: OrgId(uuid::Uuid::now_v7()),
        name,
        country,
        kind,
        is_operator: input.is_operator,
        require_totp: input.require_totp,
        created_at: now,
        updated_at: now,
    };
    let mut tx = st.store.write().await?;
    orgs::insert(&mut tx, &org).await?;
    let details = json!({"name": org.name.as_str(), "country": org.country.as_str(), "kind": org.kind, "require_totp": org.require_totp, "is_operator": org.is_operator});
    record(
        st,
        &mut tx,
        caller,
        "org.create",
        &Object::new("organisation", org.id, Some(org.id.to_string())).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    Ok(org)
}

pub struct OrgChanges {
    pub name: Option<String>,
    pub kind: Option<String>,
    pub require_totp: Option<bool>,
}

pub async fn update(st: &AppState, caller: &Caller, id: OrgId, ch: OrgChanges) -> Result<Organisation, AppError> {
    authorize(st, caller, Action::OrgUpdate, Target::Org(id)).await?;
    let mut inv = Invalid::default();
    let name = ch.name.as_deref().map(|n| inv.check("name", OrgName::parse(n)));
    let kind = ch.kind.as_deref().map(|k| inv.check("kind", parse_kind(k)));
    inv.into_result()?;
    let mut tx = st.store.write().await?;
    let mut org = orgs::get(&mut tx, id).await?.ok_or(AppError::NotFound("organisation"))?;
    if let Some(Some(n)) = name {
        org.name = n;
    }
    if let Some(Some(k)) = kind {
        org.kind = k;
    }
    if let Some(r) = ch.require_totp {
        org.require_totp = r;
    }
    org.updated_at = st.now();
    orgs::update(&mut tx, &org).await?;
    let details = json!({"name": org.name.as_str(), "kind": org.kind, "require_totp": org.require_totp});
    record(
        st,
        &mut tx,
        caller,
        "org.update",
        &Object::new("organisation", org.id, Some(org.id.to_string())).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    Ok(org)
}

pub async fn get(st: &AppState, caller: &Caller, id: OrgId) -> Result<Organisation, AppError> {
    authorize(st, caller, Action::OrgRead, Target::Org(id)).await?;
    let mut c = st.store.read().await?;
    orgs::get(&mut c, id).await?.ok_or(AppError::NotFound("organisation"))
}

pub async fn list(
    st: &AppState,
    caller: &Caller,
    country: Option<&str>,
    page: PageRequest,
) -> Result<Page<Organisation>, AppError> {
    authorize(st, caller, Action::OrgList, Target::None).await?;
    let country = country.filter(|c| !c.trim().is_empty()).map(CountryCode::parse).transpose()?;
    let mut c = st.store.read().await?;
    let (items, total) = orgs::list(&mut c, OrgScope::All, country, page.limit, page.offset).await?;
    Ok(Page { items, total, limit: page.limit, offset: page.offset })
}
