//! Login pages: user name and password, then the second factor; logout.

use super::page::{Chrome, WebCtx, error_message, render};
use crate::auth::principal::{clear_session_cookie, session_cookie};
use crate::error::AppError;
use crate::services::accounts;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use liaison_store::sessions::Stage;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    c: Chrome<'a>,
    username: String,
    error: Option<String>,
}

pub async fn login_form(State(st): State<AppState>, ctx: WebCtx) -> Response {
    if ctx.principal.as_ref().is_some_and(|p| p.stage() == Stage::Full) {
        return Redirect::to("/").into_response();
    }
    render(&LoginPage { c: ctx.chrome(&st, "login-title"), username: String::new(), error: None })
}

#[derive(Deserialize)]
pub struct LoginForm {
    username: String,
    password: String,
}

pub async fn login(State(st): State<AppState>, ctx: WebCtx, Form(f): Form<LoginForm>) -> Response {
    match accounts::login(&st, &f.username, &f.password, ctx.client.clone(), ctx.user_agent.clone()).await {
        Ok(r) => {
            let next = match r.stage {
                Stage::SecondFactor => "/login/second-factor",
                Stage::MustEnrol => "/account/second-factor",
                Stage::Full => "/",
            };
            let cookie = session_cookie(&r.session_secret, st.config.secure_cookies());
            ([(header::SET_COOKIE, cookie)], Redirect::to(next)).into_response()
        }
        Err(e) => {
            let status = e.status();
            let t = st.i18n.tr(ctx.locale);
            let page = LoginPage {
                c: ctx.chrome(&st, "login-title"),
                username: f.username,
                error: Some(error_message(&t, &e)),
            };
            (status, render(&page)).into_response()
        }
    }
}

#[derive(Template)]
#[template(path = "second_factor.html")]
struct SecondFactorPage<'a> {
    c: Chrome<'a>,
    error: Option<String>,
}

pub async fn second_factor_form(State(st): State<AppState>, ctx: WebCtx) -> Response {
    match ctx.principal.as_ref().map(|p| p.stage()) {
        Some(Stage::SecondFactor) => {
            render(&SecondFactorPage { c: ctx.chrome(&st, "second-factor-title"), error: None })
        }
        Some(_) => Redirect::to("/").into_response(),
        None => Redirect::to("/login").into_response(),
    }
}

#[derive(Deserialize)]
pub struct CodeForm {
    pub code: String,
}

pub async fn second_factor(State(st): State<AppState>, ctx: WebCtx, Form(f): Form<CodeForm>) -> Response {
    let Some(p) = ctx.principal.as_ref() else { return Redirect::to("/login").into_response() };
    match accounts::second_factor(&st, p, &f.code).await {
        Ok(()) => Redirect::to("/").into_response(),
        Err(AppError::Locked { retry_after }) => {
            let e = AppError::Locked { retry_after };
            let t = st.i18n.tr(ctx.locale);
            let page = LoginPage {
                c: ctx.chrome(&st, "login-title"),
                username: p.user.username.to_string(),
                error: Some(error_message(&t, &e)),
            };
            (
                StatusCode::TOO_MANY_REQUESTS,
                [(header::SET_COOKIE, clear_session_cookie(st.config.secure_cookies()))],
                render(&page),
            )
                .into_response()
        }
        Err(e) => {
            let t = st.i18n.tr(ctx.locale);
            let page =
                SecondFactorPage { c: ctx.chrome(&st, "second-factor-title"), error: Some(error_message(&t, &e)) };
            (e.status(), render(&page)).into_response()
        }
    }
}

pub async fn logout(State(st): State<AppState>, ctx: WebCtx) -> Response {
    if let Some(p) = ctx.principal.as_ref()
        && let Err(e) = accounts::logout(&st, p).await
    {
        return ctx.fail(&st, e);
    }
    ([(header::SET_COOKIE, clear_session_cookie(st.config.secure_cookies()))], Redirect::to("/login")).into_response()
}
