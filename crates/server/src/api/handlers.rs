//! The API's handlers, grouped by noun: authentication and own account, organisations, users,
//! tokens, audit.

use super::dto::*;
use super::extract::{ApiAuthed, ApiJson, ApiQuery, ApiSession, Client};
use crate::auth::principal::{Via, clear_session_cookie, session_cookie};
use crate::clock::rfc3339;
use crate::error::{AppError, Problem};
use crate::services::{accounts, audit, orgs, tokens, users};
use crate::state::AppState;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use liaison_domain::page::PageRequest;
use liaison_domain::{FieldError, OrgId, TokenId, UserId};
use liaison_store::audit::{AuditFilter, Verification};

type ApiResult<T> = Result<T, AppError>;

fn page(limit: Option<i64>, offset: Option<i64>) -> ApiResult<PageRequest> {
    Ok(PageRequest::parse(limit, offset)?)
}

fn path_id<T>(s: &str, parse: fn(&str) -> Option<T>, what: &'static str) -> ApiResult<T> {
    parse(s).ok_or(AppError::NotFound(what))
}

// ---- authentication and own account ----

/// Log in with user name and password; starts a session (cookie). The answer says whether a second
/// factor must follow.
#[utoipa::path(post, path = "/auth/login", tag = "auth", request_body = LoginIn,
    responses((status = 200, body = LoginOut), (status = 401, body = Problem), (status = 429, body = Problem)))]
pub async fn login(
    State(st): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    ApiJson(b): ApiJson<LoginIn>,
) -> ApiResult<Response> {
    let ua = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_string);
    let r = accounts::login(&st, &b.username, &b.password, client, ua).await?;
    let cookie = session_cookie(&r.session_secret, st.config.secure_cookies());
    Ok(([(header::SET_COOKIE, cookie)], Json(LoginOut { stage: r.stage.as_str().into(), csrf_token: r.csrf_token }))
        .into_response())
}

/// Complete login with a TOTP code or a recovery code.
#[utoipa::path(post, path = "/auth/second-factor", tag = "auth", request_body = CodeIn,
    responses((status = 204), (status = 401, body = Problem)))]
pub async fn second_factor(
    State(st): State<AppState>,
    ApiSession(p): ApiSession,
    ApiJson(b): ApiJson<CodeIn>,
) -> ApiResult<StatusCode> {
    accounts::second_factor(&st, &p, &b.code).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// End this session.
#[utoipa::path(post, path = "/auth/logout", tag = "auth", responses((status = 204)))]
pub async fn logout(State(st): State<AppState>, ApiSession(p): ApiSession) -> ApiResult<Response> {
    accounts::logout(&st, &p).await?;
    Ok(([(header::SET_COOKIE, clear_session_cookie(st.config.secure_cookies()))], StatusCode::NO_CONTENT)
        .into_response())
}

/// End every session of the caller ("log out everywhere").
#[utoipa::path(post, path = "/auth/logout-everywhere", tag = "auth", responses((status = 200, body = CountOut)))]
pub async fn logout_everywhere(State(st): State<AppState>, ApiAuthed(p): ApiAuthed) -> ApiResult<Json<CountOut>> {
    Ok(Json(CountOut { count: accounts::logout_everywhere(&st, &p).await? }))
}

/// The caller's account and organisation.
#[utoipa::path(get, path = "/me", tag = "account", responses((status = 200, body = MeOut), (status = 401, body = Problem)),
    security(("token" = []), ("session" = [])))]
pub async fn me(State(st): State<AppState>, ApiAuthed(p): ApiAuthed) -> ApiResult<Json<MeOut>> {
    let (by, scopes) = match &p.via {
        Via::Session(_) => ("session", None),
        Via::Token(_) => {
            ("token", p.actor.token_scopes.as_ref().map(|s| s.iter().map(|x| x.as_str().to_string()).collect()))
        }
    };
    Ok(Json(MeOut {
        user: UserOut::of(&p.user, st.now()),
        organisation: OrgOut::from(&p.org),
        authenticated_by: by.into(),
        token_scopes: scopes,
    }))
}

/// Change one's own password (ends the caller's other sessions).
#[utoipa::path(post, path = "/me/password", tag = "account", request_body = PasswordChange,
    responses((status = 204), (status = 422, body = Problem)))]
pub async fn change_password(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(b): ApiJson<PasswordChange>,
) -> ApiResult<StatusCode> {
    accounts::change_password(&st, &p, &b.current_password, &b.new_password).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Set the interface language.
#[utoipa::path(put, path = "/me/locale", tag = "account", request_body = LocaleIn, responses((status = 204), (status = 422, body = Problem)))]
pub async fn set_locale(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(b): ApiJson<LocaleIn>,
) -> ApiResult<StatusCode> {
    accounts::set_locale(&st, &p, &b.locale).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The caller's live sessions, most recently used first.
#[utoipa::path(get, path = "/me/sessions", tag = "account", params(ListParams), responses((status = 200, body = SessionPage)))]
pub async fn my_sessions(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<ListParams>,
) -> ApiResult<Json<SessionPage>> {
    let list = accounts::my_sessions(&st, &p, page(q.limit, q.offset)?).await?;
    Ok(Json(SessionPage::of(list, |s| SessionOut {
        created_at: rfc3339(s.created_at),
        last_seen_at: rfc3339(s.last_seen_at),
        client: s.client.clone(),
        user_agent: s.user_agent.clone(),
        current: Some(s.id_hash.as_str()) == p.session_hash(),
    })))
}

/// Start enrolling a TOTP second factor: a new secret to put in an authenticator app.
#[utoipa::path(post, path = "/me/second-factor", tag = "account", responses((status = 200, body = EnrolmentOut)))]
pub async fn begin_enrolment(State(st): State<AppState>, ApiSession(p): ApiSession) -> ApiResult<Json<EnrolmentOut>> {
    if p.stage() == liaison_store::sessions::Stage::SecondFactor {
        return Err(AppError::Unauthenticated);
    }
    let e = accounts::begin_enrolment(&st, &p).await?;
    Ok(Json(EnrolmentOut { secret: e.secret, otpauth_uri: e.uri }))
}

/// Confirm enrolment with a first code; returns single-use recovery codes, shown once.
#[utoipa::path(put, path = "/me/second-factor", tag = "account", request_body = CodeIn,
    responses((status = 200, body = RecoveryCodesOut), (status = 401, body = Problem)))]
pub async fn confirm_enrolment(
    State(st): State<AppState>,
    ApiSession(p): ApiSession,
    ApiJson(b): ApiJson<CodeIn>,
) -> ApiResult<Json<RecoveryCodesOut>> {
    if p.stage() == liaison_store::sessions::Stage::SecondFactor {
        return Err(AppError::Unauthenticated);
    }
    Ok(Json(RecoveryCodesOut { recovery_codes: accounts::confirm_enrolment(&st, &p, &b.code).await? }))
}

// ---- organisations ----

/// The directory of organisations.
#[utoipa::path(get, path = "/organisations", tag = "organisations", params(ListParams), responses((status = 200, body = OrgPage)))]
pub async fn list_orgs(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<ListParams>,
) -> ApiResult<Json<OrgPage>> {
    let pg = orgs::list(&st, &p.caller(), q.country.as_deref(), page(q.limit, q.offset)?).await?;
    Ok(Json(OrgPage::of(pg, |o| OrgOut::from(&o))))
}

/// Create an organisation (administrators of the operating organisation).
#[utoipa::path(post, path = "/organisations", tag = "organisations", request_body = OrgCreate,
    responses((status = 201, body = OrgOut), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn create_org(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(b): ApiJson<OrgCreate>,
) -> ApiResult<(StatusCode, Json<OrgOut>)> {
    let input = orgs::NewOrg {
        name: b.name,
        country: b.country,
        kind: b.kind,
        require_totp: b.require_totp,
        is_operator: false,
    };
    let o = orgs::create(&st, &p.caller(), input).await?;
    Ok((StatusCode::CREATED, Json(OrgOut::from(&o))))
}

#[utoipa::path(get, path = "/organisations/{id}", tag = "organisations", params(("id" = String, Path)),
    responses((status = 200, body = OrgOut), (status = 404, body = Problem)))]
pub async fn get_org(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<OrgOut>> {
    let id = path_id(&id, OrgId::parse, "organisation")?;
    Ok(Json(OrgOut::from(&orgs::get(&st, &p.caller(), id).await?)))
}

/// Change an organisation's name, kind or second-factor rule (its administrators, or the operator's).
#[utoipa::path(patch, path = "/organisations/{id}", tag = "organisations", params(("id" = String, Path)), request_body = OrgPatch,
    responses((status = 200, body = OrgOut), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn update_org(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<OrgPatch>,
) -> ApiResult<Json<OrgOut>> {
    let id = path_id(&id, OrgId::parse, "organisation")?;
    let o = orgs::update(
        &st,
        &p.caller(),
        id,
        orgs::OrgChanges { name: b.name, kind: b.kind, require_totp: b.require_totp },
    )
    .await?;
    Ok(Json(OrgOut::from(&o)))
}

// ---- users ----

/// Users of an organisation (the caller's by default).
#[utoipa::path(get, path = "/users", tag = "users", params(ListParams), responses((status = 200, body = UserPage), (status = 403, body = Problem)))]
pub async fn list_users(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<ListParams>,
) -> ApiResult<Json<UserPage>> {
    let org = match q.org_id.as_deref() {
        Some(s) => OrgId::parse(s)
            .ok_or_else(|| AppError::from(FieldError::new("org_id", "invalid_format", "not an identifier")))?,
        None => p.org.id,
    };
    let pg = users::list(&st, &p.caller(), org, q.q.as_deref(), page(q.limit, q.offset)?).await?;
    let now = st.now();
    Ok(Json(UserPage::of(pg, |u| UserOut::of(&u, now))))
}

/// Create a user (administrators of the organisation).
#[utoipa::path(post, path = "/users", tag = "users", request_body = UserCreate,
    responses((status = 201, body = UserOut), (status = 403, body = Problem), (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn create_user(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(b): ApiJson<UserCreate>,
) -> ApiResult<(StatusCode, Json<UserOut>)> {
    let org_id = match b.org_id.as_deref() {
        Some(s) => OrgId::parse(s)
            .ok_or_else(|| AppError::from(FieldError::new("org_id", "invalid_format", "not an identifier")))?,
        None => p.org.id,
    };
    let input = users::NewUser {
        org_id,
        username: b.username,
        display_name: b.display_name,
        email: b.email,
        roles: b.roles,
        password: b.password,
        locale: b.locale,
    };
    let u = users::create(&st, &p.caller(), input).await?;
    Ok((StatusCode::CREATED, Json(UserOut::of(&u, st.now()))))
}

#[utoipa::path(get, path = "/users/{id}", tag = "users", params(("id" = String, Path)),
    responses((status = 200, body = UserOut), (status = 404, body = Problem)))]
pub async fn get_user(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<UserOut>> {
    let id = path_id(&id, UserId::parse, "user")?;
    Ok(Json(UserOut::of(&users::get(&st, &p.caller(), id).await?, st.now())))
}

/// Change a user's name, e-mail, roles, or disable the account (which ends its sessions and tokens).
#[utoipa::path(patch, path = "/users/{id}", tag = "users", params(("id" = String, Path)), request_body = UserPatch,
    responses((status = 200, body = UserOut), (status = 403, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn update_user(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<UserPatch>,
) -> ApiResult<Json<UserOut>> {
    let id = path_id(&id, UserId::parse, "user")?;
    let ch = users::UserChanges {
        display_name: b.display_name,
        email: b.email.map(Some),
        roles: b.roles,
        disabled: b.disabled,
    };
    Ok(Json(UserOut::of(&users::update(&st, &p.caller(), id, ch).await?, st.now())))
}

/// Set a temporary password (to be changed at next login), lift a lockout, optionally clear the second factor.
#[utoipa::path(post, path = "/users/{id}/reset-password", tag = "users", params(("id" = String, Path)), request_body = PasswordReset,
    responses((status = 200, body = UserOut), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn reset_password(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
    ApiJson(b): ApiJson<PasswordReset>,
) -> ApiResult<Json<UserOut>> {
    let id = path_id(&id, UserId::parse, "user")?;
    let u = users::reset_password(&st, &p.caller(), id, &b.new_password, b.clear_second_factor).await?;
    Ok(Json(UserOut::of(&u, st.now())))
}

/// End every session of a user.
#[utoipa::path(post, path = "/users/{id}/revoke-sessions", tag = "users", params(("id" = String, Path)),
    responses((status = 200, body = CountOut), (status = 403, body = Problem)))]
pub async fn revoke_user_sessions(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<Json<CountOut>> {
    let id = path_id(&id, UserId::parse, "user")?;
    Ok(Json(CountOut { count: users::revoke_sessions(&st, &p.caller(), id).await? }))
}

// ---- API tokens ----

/// The caller's API tokens.
#[utoipa::path(get, path = "/tokens", tag = "tokens", params(ListParams), responses((status = 200, body = TokenPage)))]
pub async fn list_tokens(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<ListParams>,
) -> ApiResult<Json<TokenPage>> {
    let pg = tokens::list(&st, &p.caller(), page(q.limit, q.offset)?).await?;
    Ok(Json(TokenPage::of(pg, |t| TokenOut::from(&t))))
}

/// Create an API token; the secret is in this answer only.
#[utoipa::path(post, path = "/tokens", tag = "tokens", request_body = TokenCreate,
    responses((status = 201, body = TokenCreated), (status = 422, body = Problem)))]
pub async fn create_token(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiJson(b): ApiJson<TokenCreate>,
) -> ApiResult<(StatusCode, Json<TokenCreated>)> {
    let (t, secret) = tokens::create(
        &st,
        &p.caller(),
        tokens::NewToken { name: b.name, scopes: b.scopes, expires_in_days: b.expires_in_days },
    )
    .await?;
    Ok((StatusCode::CREATED, Json(TokenCreated { token: TokenOut::from(&t), secret })))
}

/// Revoke one of the caller's tokens.
#[utoipa::path(delete, path = "/tokens/{id}", tag = "tokens", params(("id" = String, Path)),
    responses((status = 204), (status = 404, body = Problem)))]
pub async fn revoke_token(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    let id = path_id(&id, TokenId::parse, "token")?;
    tokens::revoke(&st, &p.caller(), id).await?;
    Ok(StatusCode::NO_CONTENT)
}

// ---- audit ----

fn audit_filter(q: &AuditParams) -> ApiResult<AuditFilter> {
    fn v(s: &Option<String>) -> &str {
        s.as_deref().unwrap_or("")
    }
    audit::parse_filter(&audit::FilterInput {
        actor: v(&q.actor),
        action: v(&q.action),
        outcome: v(&q.outcome),
        object_id: v(&q.object_id),
        from: v(&q.from),
        to: v(&q.to),
    })
}

/// Audit events visible to the auditor, newest first.
#[utoipa::path(get, path = "/audit/events", tag = "audit", params(AuditParams),
    responses((status = 200, body = AuditPage), (status = 403, body = Problem)))]
pub async fn list_audit(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<AuditParams>,
) -> ApiResult<Json<AuditPage>> {
    let f = audit_filter(&q)?;
    let pg = audit::list(&st, &p.caller(), &f, page(q.limit, q.offset)?).await?;
    Ok(Json(AuditPage::of(pg, |e| AuditEventOut::from(&e))))
}

/// Every matching audit event, oldest first, as JSON lines (`application/x-ndjson`).
#[utoipa::path(get, path = "/audit/export", tag = "audit", params(AuditParams),
    responses((status = 200, content_type = "application/x-ndjson", body = String), (status = 403, body = Problem)))]
pub async fn export_audit(
    State(st): State<AppState>,
    ApiAuthed(p): ApiAuthed,
    ApiQuery(q): ApiQuery<AuditParams>,
) -> ApiResult<Response> {
    let f = audit_filter(&q)?;
    let body = audit::export_jsonl(&st, &p.caller(), &f).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-ndjson"),
            (header::CONTENT_DISPOSITION, "attachment; filename=\"liaison-audit.jsonl\""),
        ],
        body,
    )
        .into_response())
}

/// Verify the whole hash chain (auditors of the operating organisation).
#[utoipa::path(get, path = "/audit/verify", tag = "audit", responses((status = 200, body = VerifyOut), (status = 403, body = Problem)))]
pub async fn verify_audit(State(st): State<AppState>, ApiAuthed(p): ApiAuthed) -> ApiResult<Json<VerifyOut>> {
    Ok(Json(match audit::verify(&st, &p.caller()).await? {
        Verification::Intact { events, .. } => VerifyOut { intact: true, events: Some(events), error: None },
        Verification::Broken(e) => VerifyOut { intact: false, events: None, error: Some(e.to_string()) },
    }))
}
