//! What every page shares: the caller, the language, the layout data ("chrome"), rendering, error
//! pages, and the extractors that send people to the login or enrolment page when needed.

use super::csrf::PreloginToken;
use crate::api::extract::client_addr;
use crate::auth::principal::{LANG_COOKIE, Principal, cookie, resolve};
use crate::error::AppError;
use crate::i18n::{I18n, Tr};
use crate::state::AppState;
use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use liaison_domain::Role;
use liaison_store::sessions::Stage;

/// The signed-in person as the navigation shows them.
pub struct NavUser {
    pub display_name: String,
    pub username: String,
    pub org_name: String,
    pub is_admin: bool,
    pub is_auditor: bool,
    pub is_operator_admin: bool,
    /// Prepares or handles requests (prosecutor, central authority officer).
    pub works_on_requests: bool,
    /// Notifications not yet read.
    pub unread: i64,
    /// Central authority officers and analysts see the statistics.
    pub sees_statistics: bool,
    /// Reads notices and screens against them.
    pub screens: bool,
    /// Publishes notices (liaison officers).
    pub publishes_notices: bool,
}

/// Layout data of every page.
pub struct Chrome<'a> {
    pub t: Tr<'a>,
    pub title: String,
    pub user: Option<NavUser>,
    pub csrf: String,
    /// Only the language form and logout button when the session is not yet fully logged in.
    pub full: bool,
}

/// The request as a page sees it.
pub struct WebCtx {
    pub principal: Option<Principal>,
    pub locale: &'static str,
    pub prelogin: String,
    pub client: Option<String>,
    pub user_agent: Option<String>,
    /// The signed-in user's unread notifications (for the navigation).
    pub unread: i64,
}

impl WebCtx {
    pub fn chrome<'a>(&self, st: &'a AppState, title_id: &str) -> Chrome<'a> {
        let t = st.i18n.tr(self.locale);
        let user = self.principal.as_ref().map(|p| NavUser {
            display_name: p.user.display_name.to_string(),
            username: p.user.username.to_string(),
            org_name: p.org.name.to_string(),
            is_admin: p.user.roles.has(Role::Administrator),
            is_auditor: p.user.roles.has(Role::Auditor),
            is_operator_admin: p.user.roles.has(Role::Administrator) && p.org.is_operator,
            works_on_requests: p.user.roles.has(Role::CentralAuthorityOfficer) || p.user.roles.has(Role::Prosecutor),
            unread: self.unread,
            sees_statistics: p.user.roles.has(Role::CentralAuthorityOfficer) || p.user.roles.has(Role::Analyst),
            screens: [Role::LiaisonOfficer, Role::Analyst, Role::Prosecutor, Role::CentralAuthorityOfficer]
                .into_iter()
                .any(|r| p.user.roles.has(r)),
            publishes_notices: p.user.roles.has(Role::LiaisonOfficer),
        });
        let csrf = self
            .principal
            .as_ref()
            .and_then(|p| p.csrf_token())
            .map(str::to_string)
            .unwrap_or_else(|| self.prelogin.clone());
        let full = self.principal.as_ref().is_some_and(|p| p.stage() == Stage::Full && !p.user.must_change_password);
        Chrome { title: t.t(title_id), t, user, csrf, full }
    }

    pub fn principal(&self) -> Result<&Principal, AppError> {
        self.principal.as_ref().ok_or(AppError::Unauthenticated)
    }

    /// An error page in the caller's language (or the login page for the unauthenticated).
    pub fn fail(&self, st: &AppState, e: AppError) -> Response {
        if matches!(e, AppError::Unauthenticated) {
            return Redirect::to("/login").into_response();
        }
        e.log();
        let page = ErrorPage {
            c: self.chrome(st, "error-title"),
            status: e.status().as_u16(),
            message: error_message(&st.i18n.tr(self.locale), &e),
        };
        (e.status(), render(&page)).into_response()
    }
}

/// The translated, safe message for an error, with field errors spelled out.
/// Answers a form post: a redirect to `to(value)` when it worked; the form again, with the error's message,
/// when the input was wrong (invalid, in conflict, or based on a stale version); the error page otherwise.
pub async fn after<T, Page>(
    st: &AppState,
    s: &Signed,
    result: Result<T, AppError>,
    to: impl FnOnce(&T) -> String,
    again: impl FnOnce(String) -> Page,
) -> Response
where
    Page: std::future::Future<Output = Response>,
{
    match result {
        Ok(v) => Redirect::to(&to(&v)).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_) | AppError::Stale(_))) => {
            again(error_message(&st.i18n.tr(s.ctx.locale), &e)).await
        }
        Err(e) => s.ctx.fail(st, e),
    }
}

pub fn error_message(t: &Tr<'_>, e: &AppError) -> String {
    match e {
        AppError::Invalid(inv) => {
            inv.0.iter().map(|f| format!("{}: {}", field_label(t, &f.field), f.message)).collect::<Vec<_>>().join("; ")
        }
        AppError::RateLimited { retry_after } | AppError::Locked { retry_after } => {
            t.t1(&format!("problem-{}", e.slug()), "seconds", &retry_after.to_string())
        }
        AppError::Conflict(what) => format!("{} ({what})", t.t("problem-conflict")),
        AppError::BadRequest { detail } => format!("{}: {detail}", t.t("problem-bad-request")),
        AppError::Step(step) => format!("{} ({step})", t.t(&format!("problem-{}", e.slug()))),
        _ => t.t(&format!("problem-{}", e.slug())),
    }
}

fn field_label(t: &Tr<'_>, field: &str) -> String {
    let base = field.split('[').next().unwrap_or(field);
    let id = format!("field-{}", base.replace('_', "-"));
    let label = t.t(&id);
    if label == id { field.to_string() } else { label }
}

/// Error page outside any handler (the CSRF layer): language from cookie or browser.
pub fn error_response(st: &AppState, headers: &HeaderMap, e: AppError) -> Response {
    let ctx = WebCtx {
        principal: None,
        locale: anonymous_locale(headers),
        prelogin: String::new(),
        client: None,
        user_agent: None,
        unread: 0,
    };
    ctx.fail(st, e)
}

fn anonymous_locale(headers: &HeaderMap) -> &'static str {
    cookie(headers, LANG_COOKIE)
        .and_then(I18n::supported)
        .unwrap_or_else(|| I18n::negotiate(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok())))
}

impl FromRequestParts<AppState> for WebCtx {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Response> {
        let client = client_addr(parts);
        let prelogin = parts.extensions.get::<PreloginToken>().map(|p| p.0.clone()).unwrap_or_default();
        let principal = match resolve(st, &parts.headers, client.clone()).await {
            Ok(p) => p,
            Err(AppError::Unauthenticated) => None,
            Err(e) => return Err(error_response(st, &parts.headers, e)),
        };
        let locale = principal
            .as_ref()
            .and_then(|p| I18n::supported(&p.user.locale))
            .unwrap_or_else(|| anonymous_locale(&parts.headers));
        let user_agent = parts.headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_string);
        let unread = match &principal {
            Some(p) if p.stage() == Stage::Full => {
                let mut c = st.store.read().await.map_err(|e| error_response(st, &parts.headers, e.into()))?;
                liaison_store::notifications::unread_count(&mut c, p.user.id)
                    .await
                    .map_err(|e| error_response(st, &parts.headers, e.into()))?
            }
            _ => 0,
        };
        Ok(WebCtx { principal, locale, prelogin, client, user_agent, unread })
    }
}

/// A fully signed-in page visitor. Others are sent where they must go first: the login page, the
/// second factor, enrolment of a required second factor, or a required password change.
pub struct Signed {
    pub ctx: WebCtx,
    pub p: Principal,
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, st: &AppState) -> Result<Self, Response> {
        let ctx = WebCtx::from_request_parts(parts, st).await?;
        let path = parts.uri.path();
        let Some(p) = ctx.principal.clone() else { return Err(Redirect::to("/login").into_response()) };
        match p.stage() {
            Stage::SecondFactor => return Err(Redirect::to("/login/second-factor").into_response()),
            Stage::MustEnrol if path != "/account/second-factor" => {
                return Err(Redirect::to("/account/second-factor").into_response());
            }
            _ => {}
        }
        if p.user.must_change_password && p.stage() == Stage::Full && path != "/account/password" {
            return Err(Redirect::to("/account/password").into_response());
        }
        Ok(Signed { ctx, p })
    }
}

pub fn render<T: Template>(t: &T) -> Response {
    match t.render() {
        Ok(html) => Html(html).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            (StatusCode::INTERNAL_SERVER_ERROR, "internal error").into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    c: Chrome<'a>,
    status: u16,
    message: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    c: Chrome<'a>,
    org_country: String,
    roles: Vec<String>,
}

pub async fn home(axum::extract::State(st): axum::extract::State<AppState>, s: Signed) -> Response {
    let p = &s.p;
    let t = st.i18n.tr(s.ctx.locale);
    let roles = p.user.roles.iter().map(|r| t.t(&format!("role-{}", r.as_str().replace('_', "-")))).collect();
    let page = HomePage {
        c: s.ctx.chrome(&st, "home-title"),
        org_country: format!("{} · {}", p.org.country, p.org.country.name_in(t.code)),
        roles,
    };
    render(&page)
}

pub async fn not_found(axum::extract::State(st): axum::extract::State<AppState>, ctx: WebCtx) -> Response {
    ctx.fail(&st, AppError::NotFound("page"))
}
