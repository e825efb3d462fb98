//! API tokens for programs: the secret is shown once and stored hashed; scopes never exceed what the
//! user's roles allow; each expires and can be revoked. Only the owner sees their tokens.

use super::{Caller, Object, authorize, commit, record};
use crate::auth::principal::TOKEN_PREFIX;
use crate::auth::secrets::{random_token, sha256_hex};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::Outcome;
use liaison_domain::page::{Page, PageRequest};
use liaison_domain::policy::{Action, Scope, Target, grantable_scopes};
use liaison_domain::{FieldError, Invalid, TokenId};
use liaison_store::tokens::{self, ApiToken};
use serde_json::json;

pub struct NewToken {
    pub name: String,
    pub scopes: Vec<String>,
    pub expires_in_days: i64,
}

/// Creates a token; returns it with the secret, which is never shown again.
pub async fn create(st: &AppState, caller: &Caller, input: NewToken) -> Result<(ApiToken, String), AppError> {
    let Some(actor) = caller.actor() else { return Err(AppError::Unauthenticated) };
    authorize(st, caller, Action::OwnAccountUpdate, Target::Personal { owner: actor.user }).await?;
    let mut inv = Invalid::default();
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
        inv.push(FieldError::new("name", "invalid", "must be 1–100 characters without control characters"));
    }
    let allowed = grantable_scopes(actor);
    let mut scopes = Vec::new();
    for (i, s) in input.scopes.iter().enumerate() {
        match Scope::parse(s) {
            Some(sc) if allowed.contains(&sc) => scopes.push(sc),
            Some(_) => inv.push(FieldError::new(
                format!("scopes[{i}]"),
                "not_allowed",
                format!("your roles do not allow the scope '{s}'"),
            )),
            None => inv.push(FieldError::new(
                format!("scopes[{i}]"),
                "unknown_value",
                format!("unknown scope '{s}'; known: read, write, admin, audit"),
            )),
        }
    }
    scopes.sort();
    scopes.dedup();
    if scopes.is_empty() && input.scopes.is_empty() {
        inv.push(FieldError::new("scopes", "required", "at least one scope is required"));
    }
    if !(1..=st.config.token_max_days).contains(&input.expires_in_days) {
        inv.push(FieldError::new(
            "expires_in_days",
            "out_of_range",
            format!("must be between 1 and {}", st.config.token_max_days),
        ));
    }
    inv.into_result()?;
    let secret = format!("{TOKEN_PREFIX}{}", random_token());
    let now = st.now();
    let token = ApiToken {
        id: TokenId(uuid::Uuid::now_v7()),
        user_id: actor.user,
        name,
        prefix: secret.chars().take(12).collect(),
        secret_hash: sha256_hex(&secret),
        scopes,
        created_at: now,
        expires_at: now + input.expires_in_days * 86_400_000,
        last_used_at: None,
        revoked_at: None,
    };
    let mut tx = st.store.write().await?;
    tokens::insert(&mut tx, &token).await?;
    let scopes: Vec<&str> = token.scopes.iter().map(|s| s.as_str()).collect();
    let details = json!({"name": token.name, "scopes": scopes.join(","), "expires_at": token.expires_at});
    record(
        st,
        &mut tx,
        caller,
        "token.create",
        &Object::new("api_token", token.id, Some(actor.org.to_string())).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    Ok((token, secret))
}

pub async fn list(st: &AppState, caller: &Caller, page: PageRequest) -> Result<Page<ApiToken>, AppError> {
    let Some(actor) = caller.actor() else { return Err(AppError::Unauthenticated) };
    authorize(st, caller, Action::OwnAccountRead, Target::Personal { owner: actor.user }).await?;
    let mut c = st.store.read().await?;
    let (items, total) = tokens::list_for_user(&mut c, actor.user, page.limit, page.offset).await?;
    Ok(Page { items, total, limit: page.limit, offset: page.offset })
}

pub async fn revoke(st: &AppState, caller: &Caller, id: TokenId) -> Result<(), AppError> {
    let token = {
        let mut c = st.store.read().await?;
        tokens::get(&mut c, id).await?
    };
    let Some(token) = token else { return Err(AppError::NotFound("token")) };
    authorize(st, caller, Action::OwnAccountUpdate, Target::Personal { owner: token.user_id }).await?;
    let mut tx = st.store.write().await?;
    tokens::revoke(&mut tx, token.id, st.now()).await?;
    let org = caller.actor().map(|a| a.org.to_string());
    record(
        st,
        &mut tx,
        caller,
        "token.revoke",
        &Object::new("api_token", token.id, org).with(json!({"name": token.name})),
        Outcome::Success,
    )
    .await?;
    commit(tx).await
}
