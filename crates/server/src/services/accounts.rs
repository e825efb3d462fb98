//! Signing in and one's own account: password and second factor, enrolment with recovery codes,
//! password change, interface language, sessions and logout.

use super::{Caller, Object, commit, record, record_alone};
use crate::auth::principal::{Principal, actor_of};
use crate::auth::secrets::{normalise_recovery_code, random_token, recovery_code, sha256_hex};
use crate::auth::{password, totp};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::Role;
use liaison_domain::audit::Outcome;
use liaison_domain::page::{Page, PageRequest};
use liaison_domain::password_policy;
use liaison_store::sessions::{Session, Stage};
use liaison_store::users::User;
use liaison_store::{orgs, sessions, users};
use serde_json::json;

pub const RECOVERY_CODES: usize = 10;

/// A started session: the cookie secret (never stored) and how far login has come.
pub struct LoginResult {
    pub session_secret: String,
    pub csrf_token: String,
    pub stage: Stage,
}

fn anonymous(label: &str, client: Option<String>) -> Caller {
    Caller::Anonymous { attempted: label.to_string(), client }
}

fn user_caller(user: &User, org: &orgs::Organisation, client: Option<String>) -> Caller {
    Caller::User { actor: actor_of(user, org, None), username: user.username.to_string(), client }
}

/// Whether this user must have a second factor: administrators always, others when their organisation says so.
pub fn second_factor_required(user: &User, org: &orgs::Organisation) -> bool {
    user.roles.has(Role::Administrator) || org.require_totp
}

/// Checks user name and password, with rate limits and lockout; starts a session.
pub async fn login(
    st: &AppState,
    username: &str,
    pw: &str,
    client: Option<String>,
    user_agent: Option<String>,
) -> Result<LoginResult, AppError> {
    let now = st.now();
    let ip = client.clone().unwrap_or_default();
    if let Err(retry_after) = st.login_limiter.check(&ip, now) {
        st.metrics.login("rate_limited");
        record_alone(
            st,
            &anonymous(username, client.clone()),
            "auth.login",
            &Object::none().with(json!({"reason": "rate_limited"})),
            Outcome::Failure,
        )
        .await;
        return Err(AppError::RateLimited { retry_after });
    }
    let found = {
        let mut c = st.store.read().await?;
        users::get_by_username(&mut c, username).await?
    };
    let Some(mut user) = found else {
        let _ = password::verify_blocking(pw.to_string(), password::decoy_hash().to_string()).await;
        st.metrics.login("failure");
        record_alone(
            st,
            &anonymous(username, client.clone()),
            "auth.login",
            &Object::none().with(json!({"reason": "unknown_user"})),
            Outcome::Failure,
        )
        .await;
        return Err(AppError::InvalidCredentials);
    };
    let org = {
        let mut c = st.store.read().await?;
        orgs::get(&mut c, user.org_id).await?.ok_or(AppError::Internal("user without organisation".into()))?
    };
    let caller = user_caller(&user, &org, client.clone());
    let object = Object::new("user", user.id, Some(org.id.to_string()));
    if user.locked_until > now {
        st.metrics.login("locked");
        record_alone(
            st,
            &caller,
            "auth.login",
            &Object::new("user", user.id, Some(org.id.to_string())).with(json!({"reason": "locked"})),
            Outcome::Failure,
        )
        .await;
        return Err(AppError::Locked { retry_after: ((user.locked_until - now) / 1000).max(1) as u64 });
    }
    let ok = password::verify_blocking(pw.to_string(), user.password_hash.clone()).await;
    if !ok || user.disabled {
        let reason = if user.disabled { "disabled" } else { "wrong_password" };
        let locked = if ok { false } else { register_failure(st, &mut user).await? };
        st.metrics.login("failure");
        record_alone(
            st,
            &caller,
            "auth.login",
            &Object::new("user", user.id, Some(org.id.to_string())).with(json!({"reason": reason, "locked": locked})),
            Outcome::Failure,
        )
        .await;
        return Err(if locked {
            AppError::Locked { retry_after: (st.config.lockout_minutes * 60) as u64 }
        } else {
            AppError::InvalidCredentials
        });
    }
    let stage = if user.has_totp() {
        Stage::SecondFactor
    } else if second_factor_required(&user, &org) {
        Stage::MustEnrol
    } else {
        Stage::Full
    };
    let secret = random_token();
    let session = Session {
        id_hash: sha256_hex(&secret),
        user_id: user.id,
        stage,
        csrf_token: random_token(),
        created_at: now,
        last_seen_at: now,
        client: client.clone(),
        user_agent: user_agent.map(|u| u.chars().take(300).collect()),
        revoked_at: None,
    };
    user.failed_logins = 0;
    if stage != Stage::SecondFactor {
        user.last_login_at = Some(now);
    }
    user.updated_at = now;
    let mut tx = st.store.write().await?;
    users::update(&mut tx, &user).await?;
    sessions::insert(&mut tx, &session).await?;
    record(st, &mut tx, &caller, "auth.login", &object.with(json!({"stage": stage.as_str()})), Outcome::Success)
        .await?;
    commit(tx).await?;
    st.metrics.login("success");
    Ok(LoginResult { session_secret: secret, csrf_token: session.csrf_token, stage })
}

/// Counts a failure; locks the account at the threshold. Returns whether it is now locked.
async fn register_failure(st: &AppState, user: &mut User) -> Result<bool, AppError> {
    let now = st.now();
    let mut tx = st.store.write().await?;
    // Re-read inside the write transaction so concurrent failures all count.
    let mut fresh = users::get(&mut tx, user.id).await?.ok_or(AppError::NotFound("user"))?;
    fresh.failed_logins += 1;
    let locked = fresh.failed_logins >= st.config.lockout_threshold;
    if locked {
        fresh.locked_until = now + st.config.lockout_minutes * 60_000;
        fresh.failed_logins = 0;
    }
    fresh.updated_at = now;
    users::update(&mut tx, &fresh).await?;
    commit(tx).await?;
    *user = fresh;
    Ok(locked)
}

/// Completes a login with a TOTP code or a recovery code.
pub async fn second_factor(st: &AppState, p: &Principal, code: &str) -> Result<(), AppError> {
    let Some(hash) = p.session_hash() else { return Err(AppError::Unauthenticated) };
    if p.stage() != Stage::SecondFactor {
        return Err(AppError::BadRequest { detail: "no second factor is pending for this session".into() });
    }
    let now = st.now();
    let caller = p.caller();
    let object = Object::new("user", p.user.id, Some(p.org.id.to_string()));
    if p.user.locked_until > now {
        return Err(AppError::Locked { retry_after: ((p.user.locked_until - now) / 1000).max(1) as u64 });
    }
    let mut tx = st.store.write().await?;
    let mut user = users::get(&mut tx, p.user.id).await?.ok_or(AppError::Unauthenticated)?;
    let secret = user.totp_secret.clone().unwrap_or_default();
    let method = if let Some(step) = totp::verify(&secret, code, now / 1000, user.totp_last_step) {
        user.totp_last_step = step;
        Some("totp")
    } else if users::use_recovery_code(&mut tx, user.id, &sha256_hex(&normalise_recovery_code(code)), now).await? {
        Some("recovery_code")
    } else {
        None
    };
    let Some(method) = method else {
        drop(tx);
        let locked = register_failure(st, &mut user).await?;
        if locked {
            let mut tx = st.store.write().await?;
            sessions::revoke(&mut tx, hash, now).await?;
            commit(tx).await?;
        }
        record_alone(st, &caller, "auth.second_factor", &object.with(json!({"locked": locked})), Outcome::Failure)
            .await;
        return Err(if locked {
            AppError::Locked { retry_after: (st.config.lockout_minutes * 60) as u64 }
        } else {
            AppError::InvalidSecondFactor
        });
    };
    user.failed_logins = 0;
    user.last_login_at = Some(now);
    user.updated_at = now;
    users::update(&mut tx, &user).await?;
    sessions::set_stage(&mut tx, hash, Stage::Full).await?;
    record(st, &mut tx, &caller, "auth.second_factor", &object.with(json!({"method": method})), Outcome::Success)
        .await?;
    commit(tx).await
}

/// What enrolment shows: the secret, its URI and QR code.
pub struct Enrolment {
    pub secret: String,
    pub uri: String,
    pub qr_svg: String,
}

/// Starts (or restarts) TOTP enrolment: a new pending secret, not active until confirmed.
pub async fn begin_enrolment(st: &AppState, p: &Principal) -> Result<Enrolment, AppError> {
    let secret = totp::new_secret();
    let mut tx = st.store.write().await?;
    let mut user = users::get(&mut tx, p.user.id).await?.ok_or(AppError::Unauthenticated)?;
    user.totp_pending_secret = Some(secret.clone());
    user.updated_at = st.now();
    users::update(&mut tx, &user).await?;
    record(
        st,
        &mut tx,
        &p.caller(),
        "account.totp_enrolment_started",
        &Object::new("user", p.user.id, Some(p.org.id.to_string())),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    let account = format!("{}@{}", p.user.username, p.org.name);
    let uri = totp::provisioning_uri(&secret, &st.config.totp_issuer, &account);
    let qr_svg = totp::qr_svg(&uri).ok_or(AppError::Internal("QR code could not be made".into()))?;
    Ok(Enrolment { secret, uri, qr_svg })
}

/// Confirms enrolment with the first code; activates the secret, issues recovery codes (shown once)
/// and lifts a must-enrol session to a full one.
pub async fn confirm_enrolment(st: &AppState, p: &Principal, code: &str) -> Result<Vec<String>, AppError> {
    let now = st.now();
    let mut tx = st.store.write().await?;
    let mut user = users::get(&mut tx, p.user.id).await?.ok_or(AppError::Unauthenticated)?;
    let Some(pending) = user.totp_pending_secret.clone() else {
        return Err(AppError::BadRequest { detail: "no enrolment is in progress; start it again".into() });
    };
    let Some(step) = totp::verify(&pending, code, now / 1000, 0) else {
        drop(tx);
        record_alone(
            st,
            &p.caller(),
            "account.totp_enrolled",
            &Object::new("user", p.user.id, Some(p.org.id.to_string())),
            Outcome::Failure,
        )
        .await;
        return Err(AppError::InvalidSecondFactor);
    };
    user.totp_secret = Some(pending);
    user.totp_pending_secret = None;
    user.totp_last_step = step;
    user.updated_at = now;
    users::update(&mut tx, &user).await?;
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| recovery_code()).collect();
    let hashes: Vec<String> = codes.iter().map(|c| sha256_hex(c)).collect();
    users::replace_recovery_codes(&mut tx, user.id, &hashes).await?;
    if let (Some(hash), Stage::MustEnrol) = (p.session_hash(), p.stage()) {
        sessions::set_stage(&mut tx, hash, Stage::Full).await?;
    }
    record(
        st,
        &mut tx,
        &p.caller(),
        "account.totp_enrolled",
        &Object::new("user", p.user.id, Some(p.org.id.to_string())),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    Ok(codes)
}

/// Changes one's own password after checking the current one and the policy; ends other sessions.
pub async fn change_password(st: &AppState, p: &Principal, current: &str, new: &str) -> Result<(), AppError> {
    if !password::verify_blocking(current.to_string(), p.user.password_hash.clone()).await {
        record_alone(
            st,
            &p.caller(),
            "account.password_change",
            &Object::new("user", p.user.id, Some(p.org.id.to_string()))
                .with(json!({"reason": "wrong_current_password"})),
            Outcome::Failure,
        )
        .await;
        return Err(AppError::Invalid(liaison_domain::Invalid::one(
            "current_password",
            "wrong",
            "the current password is wrong",
        )));
    }
    password_policy::check(new, &[p.user.username.as_str(), p.user.display_name.as_str(), "liaison"]).map_err(
        |mut e| {
            e.field = "new_password".into();
            AppError::from(e)
        },
    )?;
    let hash = password::hash_blocking(new.to_string()).await.map_err(|e| AppError::Internal(e.to_string()))?;
    let now = st.now();
    let mut tx = st.store.write().await?;
    let mut user = users::get(&mut tx, p.user.id).await?.ok_or(AppError::Unauthenticated)?;
    user.password_hash = hash;
    user.password_changed_at = now;
    user.must_change_password = false;
    user.updated_at = now;
    users::update(&mut tx, &user).await?;
    let ended = end_other_sessions(&mut tx, p, now).await?;
    record(
        st,
        &mut tx,
        &p.caller(),
        "account.password_change",
        &Object::new("user", p.user.id, Some(p.org.id.to_string())).with(json!({"other_sessions_ended": ended})),
        Outcome::Success,
    )
    .await?;
    commit(tx).await
}

async fn end_other_sessions(conn: &mut liaison_store::Conn, p: &Principal, now: i64) -> Result<u64, AppError> {
    // With an API token there is no current session: every session ends.
    Ok(sessions::revoke_others(conn, p.user.id, p.session_hash().unwrap_or(""), now).await?)
}

/// Sets the interface language; it stays with the account.
pub async fn set_locale(st: &AppState, p: &Principal, locale: &str) -> Result<(), AppError> {
    let Some(code) = crate::i18n::I18n::supported(locale) else {
        return Err(AppError::from(liaison_domain::FieldError::new(
            "locale",
            "unknown_value",
            format!("'{locale}' is not a language of the interface"),
        )));
    };
    let mut tx = st.store.write().await?;
    let mut user = users::get(&mut tx, p.user.id).await?.ok_or(AppError::Unauthenticated)?;
    user.locale = code.to_string();
    user.updated_at = st.now();
    users::update(&mut tx, &user).await?;
    record(
        st,
        &mut tx,
        &p.caller(),
        "account.locale",
        &Object::new("user", p.user.id, Some(p.org.id.to_string())).with(json!({"locale": code})),
        Outcome::Success,
    )
    .await?;
    commit(tx).await
}

/// Ends the current session.
pub async fn logout(st: &AppState, p: &Principal) -> Result<(), AppError> {
    let Some(hash) = p.session_hash() else { return Ok(()) };
    let mut tx = st.store.write().await?;
    sessions::revoke(&mut tx, hash, st.now()).await?;
    record(
        st,
        &mut tx,
        &p.caller(),
        "auth.logout",
        &Object::new("user", p.user.id, Some(p.org.id.to_string())),
        Outcome::Success,
    )
    .await?;
    commit(tx).await
}

/// Ends every session of the user, this one included ("log out everywhere").
pub async fn logout_everywhere(st: &AppState, p: &Principal) -> Result<u64, AppError> {
    let mut tx = st.store.write().await?;
    let n = sessions::revoke_all_for_user(&mut tx, p.user.id, st.now()).await?;
    record(
        st,
        &mut tx,
        &p.caller(),
        "auth.logout_everywhere",
        &Object::new("user", p.user.id, Some(p.org.id.to_string())).with(json!({"sessions": n})),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    Ok(n)
}

/// One page of the user's live sessions.
pub async fn my_sessions(st: &AppState, p: &Principal, page: PageRequest) -> Result<Page<Session>, AppError> {
    let since = st.now() - st.config.session_absolute_hours * 3_600_000;
    let mut c = st.store.read().await?;
    let (items, total) = sessions::list_live_for_user(&mut c, p.user.id, since, page.limit, page.offset).await?;
    Ok(Page { items, total, limit: page.limit, offset: page.offset })
}

/// Unused recovery codes left.
pub async fn recovery_codes_left(st: &AppState, p: &Principal) -> Result<i64, AppError> {
    let mut c = st.store.read().await?;
    Ok(users::unused_recovery_codes(&mut c, p.user.id).await?)
}
