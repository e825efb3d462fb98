//! User accounts as administrators manage them: create, change roles, disable, reset password or
//! second factor, end sessions. Colleagues of one organisation can see each other; nobody else can.

use super::{Caller, Object, authorize, commit, record, record_alone};
use crate::auth::password;
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::Outcome;
use liaison_domain::page::{Page, PageRequest};
use liaison_domain::password_policy;
use liaison_domain::policy::{Action, Target, user_list_scope};
use liaison_domain::text::{DisplayName, Email, Username};
use liaison_domain::{FieldError, Invalid, OrgId, RoleSet, UserId};
use liaison_store::users::{self, User};
use liaison_store::{orgs, sessions, tokens};
use serde_json::json;

pub struct NewUser {
    pub org_id: OrgId,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub roles: Vec<String>,
    pub password: String,
    pub locale: Option<String>,
}

fn target(u: &User) -> Target {
    Target::User { org: u.org_id, user: u.id }
}

fn object(u: &User) -> Object {
    Object::new("user", u.id, Some(u.org_id.to_string()))
}

pub async fn create(st: &AppState, caller: &Caller, input: NewUser) -> Result<User, AppError> {
    authorize(st, caller, Action::UserCreate, Target::Org(input.org_id)).await?;
    let mut inv = Invalid::default();
    let username = inv.check("username", Username::parse(&input.username));
    let display_name = inv.check("display_name", DisplayName::parse(&input.display_name));
    let email = match input.email.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(e) => inv.check("email", Email::parse(e)).map(Some),
        None => Some(None),
    };
    let roles = match RoleSet::parse(&input.roles) {
        Ok(r) => Some(r),
        Err(e) => {
            inv.push(e);
            None
        }
    };
    let locale = match input.locale.as_deref() {
        None | Some("") => Some(crate::i18n::DEFAULT_LOCALE),
        Some(l) => crate::i18n::I18n::supported(l).or_else(|| {
            inv.push(FieldError::new("locale", "unknown_value", format!("'{l}' is not a language of the interface")));
            None
        }),
    };
    if let Err(mut e) = password_policy::check(&input.password, &[&input.username, &input.display_name, "liaison"]) {
        e.field = "password".into();
        inv.push(e);
    }
    let (Some(username), Some(display_name), Some(email), Some(roles), Some(locale)) =
        (username, display_name, email, roles, locale)
    else {
        return Err(inv.into());
    };
    inv.into_result()?;
    {
        let mut c = st.store.read().await?;
        if orgs::get(&mut c, input.org_id).await?.is_none() {
            return Err(FieldError::new("org_id", "unknown_value", "no such organisation").into());
        }
    }
    let hash = password::hash_blocking(input.password).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let now = st.now();
    let user = User {
        id: UserId(uuid::Uuid::now_v7()),
        org_id: input.org_id,
        username,
        display_name,
        email,
        roles,
        password_hash: hash,
        password_changed_at: now,
        // An administrator chose this password: the user replaces it at first login.
        must_change_password: !matches!(caller, Caller::Cli),
        locale: locale.to_string(),
        disabled: false,
        totp_secret: None,
        totp_pending_secret: None,
        totp_last_step: 0,
        failed_logins: 0,
        locked_until: 0,
        last_login_at: None,
        created_at: now,
        updated_at: now,
    };
    let mut tx = st.store.write().await?;
    users::insert(&mut tx, &user).await?;
    let details = json!({"username": user.username.as_str(), "display_name": user.display_name.as_str(), "roles": user.roles.to_csv()});
    record(st, &mut tx, caller, "user.create", &object(&user).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(user)
}

/// Reads a user record (audited: who looked at whose account).
pub async fn get(st: &AppState, caller: &Caller, id: UserId) -> Result<User, AppError> {
    let user = {
        let mut c = st.store.read().await?;
        users::get(&mut c, id).await?
    };
    let Some(user) = user else {
        // Same answer as for a user of another organisation: existence is not revealed.
        return Err(AppError::Denied(liaison_domain::policy::Denied::NotFound));
    };
    authorize(st, caller, Action::UserRead, target(&user)).await?;
    if caller.actor().is_some_and(|a| a.user != user.id) {
        record_alone(st, caller, "user.read", &object(&user), Outcome::Success).await;
    }
    Ok(user)
}

pub async fn list(
    st: &AppState,
    caller: &Caller,
    org: OrgId,
    query: Option<&str>,
    page: PageRequest,
) -> Result<Page<User>, AppError> {
    let permit = authorize(st, caller, Action::UserList, Target::Org(org)).await?;
    let scope = match caller.actor() {
        Some(a) => user_list_scope(a, &permit),
        None => liaison_domain::policy::OrgScope::Only(org),
    };
    let mut c = st.store.read().await?;
    let (items, total) =
        users::list(&mut c, scope, query.filter(|q| !q.trim().is_empty()), page.limit, page.offset).await?;
    Ok(Page { items, total, limit: page.limit, offset: page.offset })
}

#[derive(Default)]
pub struct UserChanges {
    pub display_name: Option<String>,
    pub email: Option<Option<String>>,
    pub roles: Option<Vec<String>>,
    pub disabled: Option<bool>,
}

pub async fn update(st: &AppState, caller: &Caller, id: UserId, ch: UserChanges) -> Result<User, AppError> {
    let mut inv = Invalid::default();
    let display_name = ch.display_name.as_deref().map(|d| inv.check("display_name", DisplayName::parse(d)));
    let email = ch.email.as_ref().map(|e| match e.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        Some(e) => inv.check("email", Email::parse(e)).map(Some),
        None => Some(None),
    });
    let roles = ch.roles.as_ref().map(|r| match RoleSet::parse(r) {
        Ok(r) => Some(r),
        Err(e) => {
            inv.push(e);
            None
        }
    });
    let mut user = get_for_change(st, caller, id, Action::UserUpdate).await?;
    inv.into_result()?;
    let mut tx = st.store.write().await?;
    if let Some(Some(d)) = display_name {
        user.display_name = d;
    }
    if let Some(Some(e)) = email {
        user.email = e;
    }
    if let Some(Some(r)) = roles {
        user.roles = r;
    }
    let now = st.now();
    let mut ended = 0;
    if let Some(d) = ch.disabled {
        if d && !user.disabled {
            ended = sessions::revoke_all_for_user(&mut tx, user.id, now).await?
                + tokens::revoke_all_for_user(&mut tx, user.id, now).await?;
        }
        user.disabled = d;
    }
    user.updated_at = now;
    users::update(&mut tx, &user).await?;
    let details = json!({"display_name": user.display_name.as_str(), "roles": user.roles.to_csv(), "disabled": user.disabled, "sessions_and_tokens_ended": ended});
    record(st, &mut tx, caller, "user.update", &object(&user).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(user)
}

async fn get_for_change(st: &AppState, caller: &Caller, id: UserId, action: Action) -> Result<User, AppError> {
    let user = {
        let mut c = st.store.read().await?;
        users::get(&mut c, id).await?
    };
    let Some(user) = user else { return Err(AppError::Denied(liaison_domain::policy::Denied::NotFound)) };
    authorize(st, caller, action, target(&user)).await?;
    Ok(user)
}

/// Sets a new password chosen by an administrator (to be changed at next login), lifts a lockout,
/// optionally removes the second factor (lost device), and ends the user's sessions.
pub async fn reset_password(
    st: &AppState,
    caller: &Caller,
    id: UserId,
    new_password: &str,
    clear_second_factor: bool,
) -> Result<User, AppError> {
    let mut user = get_for_change(st, caller, id, Action::UserResetPassword).await?;
    password_policy::check(new_password, &[user.username.as_str(), user.display_name.as_str(), "liaison"])?;
    let hash =
        password::hash_blocking(new_password.to_string()).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let now = st.now();
    let mut tx = st.store.write().await?;
    user.password_hash = hash;
    user.password_changed_at = now;
    user.must_change_password = !matches!(caller, Caller::Cli);
    user.failed_logins = 0;
    user.locked_until = 0;
    if clear_second_factor {
        user.totp_secret = None;
        user.totp_pending_secret = None;
        users::replace_recovery_codes(&mut tx, user.id, &[]).await?;
    }
    user.updated_at = now;
    users::update(&mut tx, &user).await?;
    let ended = sessions::revoke_all_for_user(&mut tx, user.id, now).await?;
    let details = json!({"second_factor_cleared": clear_second_factor, "sessions_ended": ended});
    record(st, &mut tx, caller, "user.reset_password", &object(&user).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(user)
}

/// Ends every session of a user (stolen laptop, departure).
pub async fn revoke_sessions(st: &AppState, caller: &Caller, id: UserId) -> Result<u64, AppError> {
    let user = get_for_change(st, caller, id, Action::UserRevokeSessions).await?;
    let mut tx = st.store.write().await?;
    let n = sessions::revoke_all_for_user(&mut tx, user.id, st.now()).await?;
    record(st, &mut tx, caller, "user.revoke_sessions", &object(&user).with(json!({"sessions": n})), Outcome::Success)
        .await?;
    commit(tx).await?;
    Ok(n)
}

/// Finds a user by name for the command line.
pub async fn find_by_username(st: &AppState, username: &str) -> Result<User, AppError> {
    let mut c = st.store.read().await?;
    users::get_by_username(&mut c, username).await?.ok_or(AppError::NotFound("user"))
}
