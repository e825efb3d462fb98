//! One's own account: language, password, second factor, sessions, API tokens.

use super::page::{Chrome, Signed, WebCtx, error_message, render};
use crate::auth::principal::{LANG_COOKIE, clear_session_cookie};
use crate::clock::format_ms;
use crate::error::AppError;
use crate::i18n::I18n;
use crate::services::{accounts, tokens};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use liaison_domain::TokenId;
use liaison_domain::page::PageRequest;
use liaison_domain::policy::grantable_scopes;
use liaison_store::sessions::Stage;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct LanguageForm {
    locale: String,
    #[serde(default)]
    back: String,
}

/// Switches the interface language: stored on the account when signed in, in a cookie otherwise.
pub async fn language(State(st): State<AppState>, ctx: WebCtx, Form(f): Form<LanguageForm>) -> Response {
    let back = if f.back.starts_with('/') && !f.back.starts_with("//") { f.back.clone() } else { "/".into() };
    let Some(code) = I18n::supported(&f.locale) else {
        return ctx.fail(&st, AppError::BadRequest { detail: format!("unknown language '{}'", f.locale) });
    };
    if let Some(p) = ctx.principal.as_ref()
        && let Err(e) = accounts::set_locale(&st, p, code).await
    {
        return ctx.fail(&st, e);
    }
    let secure = if st.config.secure_cookies() { "; Secure" } else { "" };
    let cookie = format!("{LANG_COOKIE}={code}; Path=/; Max-Age=31536000; SameSite=Strict{secure}");
    ([(header::SET_COOKIE, cookie)], Redirect::to(&back)).into_response()
}

pub struct SessionRow {
    pub created: String,
    pub last_seen: String,
    pub client: String,
    pub agent: String,
    pub current: bool,
}

pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub prefix: String,
    pub scopes: String,
    pub expires: String,
    pub last_used: String,
    pub state: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage<'a> {
    c: Chrome<'a>,
    username: String,
    display_name: String,
    org: String,
    roles: String,
    second_factor: bool,
    recovery_left: i64,
    sessions: Vec<SessionRow>,
    tokens: Vec<TokenRow>,
    scopes: Vec<String>,
    new_secret: Option<String>,
    error: Option<String>,
}

async fn account_page(
    st: &AppState,
    s: &Signed,
    new_secret: Option<String>,
    error: Option<String>,
) -> Result<Response, AppError> {
    let p = &s.p;
    let t = st.i18n.tr(s.ctx.locale);
    let now = st.now();
    let sessions = accounts::my_sessions(st, p, PageRequest { limit: 100, offset: 0 })
        .await?
        .items
        .into_iter()
        .map(|x| SessionRow {
            created: format_ms(x.created_at),
            last_seen: format_ms(x.last_seen_at),
            client: x.client.clone().unwrap_or_default(),
            agent: x.user_agent.clone().unwrap_or_default().chars().take(80).collect(),
            current: Some(x.id_hash.as_str()) == p.session_hash(),
        })
        .collect();
    let tokens = tokens::list(st, &p.caller(), PageRequest { limit: 100, offset: 0 })
        .await?
        .items
        .into_iter()
        .map(|x| {
            let active = x.revoked_at.is_none() && x.expires_at > now;
            TokenRow {
                id: x.id.to_string(),
                name: x.name.clone(),
                prefix: x.prefix.clone(),
                scopes: x.scopes.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", "),
                expires: format_ms(x.expires_at),
                last_used: x.last_used_at.map(format_ms).unwrap_or_else(|| "—".into()),
                state: t.t(if x.revoked_at.is_some() {
                    "token-revoked"
                } else if active {
                    "token-active"
                } else {
                    "token-expired"
                }),
                active,
            }
        })
        .collect();
    let page = AccountPage {
        c: s.ctx.chrome(st, "account-title"),
        username: p.user.username.to_string(),
        display_name: p.user.display_name.to_string(),
        org: format!("{} ({})", p.org.name, p.org.country),
        roles: p
            .user
            .roles
            .iter()
            .map(|r| t.t(&format!("role-{}", r.as_str().replace('_', "-"))))
            .collect::<Vec<_>>()
            .join(", "),
        second_factor: p.user.has_totp(),
        recovery_left: accounts::recovery_codes_left(st, p).await?,
        sessions,
        tokens,
        scopes: grantable_scopes(&p.actor).iter().map(|s| s.as_str().to_string()).collect(),
        new_secret,
        error,
    };
    Ok(render(&page))
}

pub async fn overview(State(st): State<AppState>, s: Signed) -> Response {
    account_page(&st, &s, None, None).await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

#[derive(Template)]
#[template(path = "password.html")]
struct PasswordPage<'a> {
    c: Chrome<'a>,
    forced: bool,
    error: Option<String>,
}

pub async fn password_form(State(st): State<AppState>, s: Signed) -> Response {
    render(&PasswordPage { c: s.ctx.chrome(&st, "password-title"), forced: s.p.user.must_change_password, error: None })
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
    confirm_password: String,
}

pub async fn password(State(st): State<AppState>, s: Signed, Form(f): Form<PasswordForm>) -> Response {
    let result = if f.new_password != f.confirm_password {
        Err(AppError::from(liaison_domain::FieldError::new(
            "confirm_password",
            "mismatch",
            st.i18n.tr(s.ctx.locale).t("password-mismatch"),
        )))
    } else {
        accounts::change_password(&st, &s.p, &f.current_password, &f.new_password).await
    };
    match result {
        Ok(()) => Redirect::to("/account").into_response(),
        Err(e) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            let page = PasswordPage {
                c: s.ctx.chrome(&st, "password-title"),
                forced: s.p.user.must_change_password,
                error: Some(msg),
            };
            (e.status(), render(&page)).into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "enrol.html")]
struct EnrolPage<'a> {
    c: Chrome<'a>,
    required: bool,
    already: bool,
    secret: String,
    qr_svg: String,
    error: Option<String>,
}

#[derive(Template)]
#[template(path = "recovery_codes.html")]
struct RecoveryPage<'a> {
    c: Chrome<'a>,
    codes: Vec<String>,
}

pub async fn enrol_form(State(st): State<AppState>, s: Signed) -> Response {
    enrol_page(&st, &s, None).await
}

async fn enrol_page(st: &AppState, s: &Signed, error: Option<String>) -> Response {
    match accounts::begin_enrolment(st, &s.p).await {
        Ok(e) => render(&EnrolPage {
            c: s.ctx.chrome(st, "enrol-title"),
            required: s.p.stage() == Stage::MustEnrol,
            already: s.p.user.has_totp(),
            secret: e.secret,
            qr_svg: e.qr_svg,
            error,
        }),
        Err(e) => s.ctx.fail(st, e),
    }
}

pub async fn enrol(State(st): State<AppState>, s: Signed, Form(f): Form<super::auth::CodeForm>) -> Response {
    match accounts::confirm_enrolment(&st, &s.p, &f.code).await {
        Ok(codes) => render(&RecoveryPage { c: s.ctx.chrome(&st, "recovery-title"), codes }),
        Err(e) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            // A new secret is shown with the error: the old one was never confirmed.
            enrol_page(&st, &s, Some(msg)).await
        }
    }
}

pub async fn logout_everywhere(State(st): State<AppState>, s: Signed) -> Response {
    match accounts::logout_everywhere(&st, &s.p).await {
        Ok(_) => ([(header::SET_COOKIE, clear_session_cookie(st.config.secure_cookies()))], Redirect::to("/login"))
            .into_response(),
        Err(e) => s.ctx.fail(&st, e),
    }
}

#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
    #[serde(default)]
    expires_in_days: String,
    #[serde(default)]
    scope_read: Option<String>,
    #[serde(default)]
    scope_write: Option<String>,
    #[serde(default)]
    scope_admin: Option<String>,
    #[serde(default)]
    scope_audit: Option<String>,
}

pub async fn create_token(State(st): State<AppState>, s: Signed, Form(f): Form<TokenForm>) -> Response {
    let scopes =
        [("read", &f.scope_read), ("write", &f.scope_write), ("admin", &f.scope_admin), ("audit", &f.scope_audit)]
            .iter()
            .filter(|(_, v)| v.is_some())
            .map(|(k, _)| k.to_string())
            .collect();
    let days = f.expires_in_days.trim().parse().unwrap_or(0);
    let result =
        tokens::create(&st, &s.p.caller(), tokens::NewToken { name: f.name, scopes, expires_in_days: days }).await;
    let page = match result {
        Ok((_, secret)) => account_page(&st, &s, Some(secret), None).await,
        Err(e) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            account_page(&st, &s, None, Some(msg)).await.map(|r| (e.status(), r).into_response())
        }
    };
    page.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

pub async fn revoke_token(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    let Some(id) = TokenId::parse(&id) else { return s.ctx.fail(&st, AppError::NotFound("token")) };
    match tokens::revoke(&st, &s.p.caller(), id).await {
        Ok(()) => Redirect::to("/account").into_response(),
        Err(e) => s.ctx.fail(&st, e),
    }
}
