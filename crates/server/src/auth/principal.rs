//! Who is calling: resolved from an `Authorization: Bearer` API token or the session cookie, with
//! timeouts, revocation and account state checked on every request.

use crate::auth::secrets::sha256_hex;
use crate::error::AppError;
use crate::services::Caller;
use crate::state::AppState;
use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, COOKIE};
use liaison_domain::TokenId;
use liaison_domain::policy::Actor;
use liaison_store::orgs::Organisation;
use liaison_store::sessions::{Session, Stage};
use liaison_store::users::User;
use liaison_store::{orgs, sessions, tokens, users};

pub const SESSION_COOKIE: &str = "liaison_session";
/// Anonymous form token for the login page (double-submit), before any session exists.
pub const PRELOGIN_COOKIE: &str = "liaison_prelogin";
pub const LANG_COOKIE: &str = "liaison_lang";
pub const TOKEN_PREFIX: &str = "lsn_";

#[derive(Debug, Clone)]
pub enum Via {
    Session(Session),
    Token(TokenId),
}

#[derive(Debug, Clone)]
pub struct Principal {
    pub user: User,
    pub org: Organisation,
    pub actor: Actor,
    pub via: Via,
    pub client: Option<String>,
}

impl Principal {
    pub fn caller(&self) -> Caller {
        Caller::User {
            actor: self.actor.clone(),
            username: self.user.username.to_string(),
            client: self.client.clone(),
        }
    }

    pub fn stage(&self) -> Stage {
        match &self.via {
            Via::Session(s) => s.stage,
            Via::Token(_) => Stage::Full,
        }
    }

    pub fn csrf_token(&self) -> Option<&str> {
        match &self.via {
            Via::Session(s) => Some(&s.csrf_token),
            Via::Token(_) => None,
        }
    }

    pub fn session_hash(&self) -> Option<&str> {
        match &self.via {
            Via::Session(s) => Some(&s.id_hash),
            Via::Token(_) => None,
        }
    }
}

pub fn cookie<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get(AUTHORIZATION)?.to_str().ok()?.strip_prefix("Bearer ").map(str::trim)
}

/// Resolves the caller; `Ok(None)` when the request carries no credentials or stale ones.
pub async fn resolve(
    st: &AppState,
    headers: &HeaderMap,
    client: Option<String>,
) -> Result<Option<Principal>, AppError> {
    let now = st.now();
    let mut conn = st.store.read().await?;
    if let Some(secret) = bearer(headers) {
        // A token that does not resolve is an error, not anonymity: the program should know.
        let token =
            tokens::get_by_secret_hash(&mut conn, &sha256_hex(secret)).await?.ok_or(AppError::Unauthenticated)?;
        if token.revoked_at.is_some() || token.expires_at <= now {
            return Err(AppError::Unauthenticated);
        }
        let Some((user, org)) = account(&mut conn, token.user_id).await? else { return Err(AppError::Unauthenticated) };
        tokens::touch(&mut conn, token.id, now).await?;
        let actor = actor_of(&user, &org, Some(token.scopes.clone()));
        return Ok(Some(Principal { user, org, actor, via: Via::Token(token.id), client }));
    }
    let Some(secret) = cookie(headers, SESSION_COOKIE) else { return Ok(None) };
    let Some(session) = sessions::get(&mut conn, &sha256_hex(secret)).await? else { return Ok(None) };
    let idle = st.config.session_idle_minutes * 60_000;
    let absolute = st.config.session_absolute_hours * 3_600_000;
    if session.revoked_at.is_some() || now - session.last_seen_at > idle || now - session.created_at > absolute {
        return Ok(None);
    }
    let Some((user, org)) = account(&mut conn, session.user_id).await? else { return Ok(None) };
    sessions::touch(&mut conn, &session.id_hash, now, 30_000).await?;
    let actor = actor_of(&user, &org, None);
    Ok(Some(Principal { user, org, actor, via: Via::Session(session), client }))
}

/// The user and organisation, when the account may be used.
async fn account(
    conn: &mut liaison_store::Conn,
    id: liaison_domain::UserId,
) -> Result<Option<(User, Organisation)>, AppError> {
    let Some(user) = users::get(conn, id).await? else { return Ok(None) };
    if user.disabled {
        return Ok(None);
    }
    let org = orgs::get(conn, user.org_id).await?.ok_or(AppError::Internal("user without organisation".into()))?;
    Ok(Some((user, org)))
}

pub fn actor_of(user: &User, org: &Organisation, token_scopes: Option<Vec<liaison_domain::policy::Scope>>) -> Actor {
    Actor { user: user.id, org: org.id, org_is_operator: org.is_operator, roles: user.roles.clone(), token_scopes }
}

/// `Set-Cookie` value for the session cookie.
pub fn session_cookie(value: &str, secure: bool) -> String {
    format!("{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Strict{}", if secure { "; Secure" } else { "" })
}

pub fn clear_session_cookie(secure: bool) -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0{}", if secure { "; Secure" } else { "" })
}
