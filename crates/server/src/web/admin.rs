//! Administration pages: users of an organisation and the organisations themselves.

use super::page::{Chrome, Signed, error_message, render};
use crate::clock::format_ms;
use crate::error::AppError;
use crate::services::{orgs, users};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use liaison_domain::page::PageRequest;
use liaison_domain::{OrgId, Role, UserId};
use serde::Deserialize;

/// A pager: where we are and links to the neighbouring pages.
pub struct Pager {
    pub from: u64,
    pub to: u64,
    pub total: u64,
    pub prev: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    pub fn new<T>(p: &liaison_domain::page::Page<T>, base: &str) -> Self {
        let sep = if base.contains('?') { '&' } else { '?' };
        let link = |o: u64| format!("{base}{sep}offset={o}&limit={}", p.limit);
        Pager {
            from: if p.items.is_empty() { 0 } else { p.offset + 1 },
            to: p.offset + p.items.len() as u64,
            total: p.total,
            prev: (p.offset > 0).then(|| link(p.offset.saturating_sub(u64::from(p.limit)))),
            next: p.next_offset().map(link),
        }
    }
}

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    org: String,
    limit: Option<i64>,
    offset: Option<i64>,
}

pub struct UserRow {
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub roles: String,
    pub status: String,
    pub second_factor: bool,
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage<'a> {
    c: Chrome<'a>,
    org_name: String,
    org_id: String,
    q: String,
    rows: Vec<UserRow>,
    pager: Pager,
    can_create: bool,
}

fn role_names(t: &crate::i18n::Tr<'_>, roles: &liaison_domain::RoleSet) -> String {
    roles.iter().map(|r| t.t(&format!("role-{}", r.as_str().replace('_', "-")))).collect::<Vec<_>>().join(", ")
}

fn status_of(t: &crate::i18n::Tr<'_>, u: &liaison_store::users::User, now: i64) -> String {
    t.t(if u.disabled {
        "status-disabled"
    } else if u.locked_until > now {
        "status-locked"
    } else {
        "status-active"
    })
}

pub async fn users(State(st): State<AppState>, s: Signed, Query(q): Query<ListQuery>) -> Response {
    let run = async {
        let org = if q.org.is_empty() {
            s.p.org.id
        } else {
            OrgId::parse(&q.org).ok_or(AppError::NotFound("organisation"))?
        };
        let page = PageRequest::parse(q.limit, q.offset)?;
        let caller = s.p.caller();
        let list = users::list(&st, &caller, org, Some(q.q.as_str()), page).await?;
        let o = orgs::get(&st, &caller, org).await?;
        let t = st.i18n.tr(s.ctx.locale);
        let now = st.now();
        let pager = Pager::new(&list, &format!("/admin/users?org={}&q={}", org, urlencoding::encode(&q.q)));
        let rows = list
            .items
            .iter()
            .map(|u| UserRow {
                id: u.id.to_string(),
                username: u.username.to_string(),
                display_name: u.display_name.to_string(),
                roles: role_names(&t, &u.roles),
                status: status_of(&t, u, now),
                second_factor: u.has_totp(),
            })
            .collect();
        let can_create = liaison_domain::policy::authorize(
            &s.p.actor,
            liaison_domain::policy::Action::UserCreate,
            liaison_domain::policy::Target::Org(org),
        )
        .is_ok();
        Ok::<_, AppError>(render(&UsersPage {
            c: s.ctx.chrome(&st, "users-title"),
            org_name: o.name.to_string(),
            org_id: org.to_string(),
            q: q.q.clone(),
            rows,
            pager,
            can_create,
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

pub struct RoleChoice {
    pub value: &'static str,
    pub label: String,
    pub checked: bool,
}

fn role_choices(t: &crate::i18n::Tr<'_>, checked: &[String]) -> Vec<RoleChoice> {
    Role::ALL
        .iter()
        .map(|r| RoleChoice {
            value: r.as_str(),
            label: t.t(&format!("role-{}", r.as_str().replace('_', "-"))),
            checked: checked.iter().any(|c| c == r.as_str()),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "user_new.html")]
struct NewUserPage<'a> {
    c: Chrome<'a>,
    org_id: String,
    org_name: String,
    username: String,
    display_name: String,
    email: String,
    roles: Vec<RoleChoice>,
    error: Option<String>,
}

#[derive(Deserialize)]
pub struct OrgQuery {
    #[serde(default)]
    org: String,
}

pub async fn new_user_form(State(st): State<AppState>, s: Signed, Query(q): Query<OrgQuery>) -> Response {
    let org = OrgId::parse(&q.org).unwrap_or(s.p.org.id);
    let t = st.i18n.tr(s.ctx.locale);
    match orgs::get(&st, &s.p.caller(), org).await {
        Ok(o) => render(&NewUserPage {
            c: s.ctx.chrome(&st, "user-new-title"),
            org_id: org.to_string(),
            org_name: o.name.to_string(),
            username: String::new(),
            display_name: String::new(),
            email: String::new(),
            roles: role_choices(&t, &[]),
            error: None,
        }),
        Err(e) => s.ctx.fail(&st, e),
    }
}

/// Decodes a form with repeated keys (`role=a&role=b`), which serde's form decoding cannot.
fn form_pairs(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| {
            let d = |s: &str| urlencoding::decode(&s.replace('+', " ")).map(|c| c.into_owned()).unwrap_or_default();
            (d(k), d(v))
        })
        .collect()
}

fn field(pairs: &[(String, String)], name: &str) -> String {
    pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

fn all(pairs: &[(String, String)], name: &str) -> Vec<String> {
    pairs.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
}

pub async fn create_user(State(st): State<AppState>, s: Signed, body: String) -> Response {
    let f = form_pairs(&body);
    let org = OrgId::parse(&field(&f, "org_id")).unwrap_or(s.p.org.id);
    let input = users::NewUser {
        org_id: org,
        username: field(&f, "username"),
        display_name: field(&f, "display_name"),
        email: Some(field(&f, "email")),
        roles: all(&f, "role"),
        password: field(&f, "password"),
        locale: Some(field(&f, "locale")).filter(|l| !l.is_empty()),
    };
    match users::create(&st, &s.p.caller(), input).await {
        Ok(u) => Redirect::to(&format!("/admin/users/{}", u.id)).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let t = st.i18n.tr(s.ctx.locale);
            let org_name = orgs::get(&st, &s.p.caller(), org).await.map(|o| o.name.to_string()).unwrap_or_default();
            let page = NewUserPage {
                c: s.ctx.chrome(&st, "user-new-title"),
                org_id: org.to_string(),
                org_name,
                username: field(&f, "username"),
                display_name: field(&f, "display_name"),
                email: field(&f, "email"),
                roles: role_choices(&t, &all(&f, "role")),
                error: Some(error_message(&t, &e)),
            };
            (e.status(), render(&page)).into_response()
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

#[derive(Template)]
#[template(path = "user.html")]
struct UserPage<'a> {
    c: Chrome<'a>,
    id: String,
    org_id: String,
    username: String,
    display_name: String,
    email: String,
    roles: Vec<RoleChoice>,
    role_names: String,
    status: String,
    disabled: bool,
    second_factor: bool,
    last_login: String,
    created: String,
    can_manage: bool,
    error: Option<String>,
    notice: Option<String>,
}

async fn user_page(
    st: &AppState,
    s: &Signed,
    id: UserId,
    error: Option<String>,
    notice: Option<String>,
) -> Result<Response, AppError> {
    let u = users::get(st, &s.p.caller(), id).await?;
    let t = st.i18n.tr(s.ctx.locale);
    let checked: Vec<String> = u.roles.iter().map(|r| r.as_str().to_string()).collect();
    let can_manage = liaison_domain::policy::authorize(
        &s.p.actor,
        liaison_domain::policy::Action::UserUpdate,
        liaison_domain::policy::Target::User { org: u.org_id, user: u.id },
    )
    .is_ok();
    Ok(render(&UserPage {
        c: s.ctx.chrome(st, "user-title"),
        id: u.id.to_string(),
        org_id: u.org_id.to_string(),
        username: u.username.to_string(),
        display_name: u.display_name.to_string(),
        email: u.email.as_ref().map(|e| e.to_string()).unwrap_or_default(),
        roles: role_choices(&t, &checked),
        role_names: role_names(&t, &u.roles),
        status: status_of(&t, &u, st.now()),
        disabled: u.disabled,
        second_factor: u.has_totp(),
        last_login: u.last_login_at.map(format_ms).unwrap_or_else(|| "—".into()),
        created: format_ms(u.created_at),
        can_manage,
        error,
        notice,
    }))
}

pub async fn user(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    let Some(id) = UserId::parse(&id) else { return s.ctx.fail(&st, AppError::NotFound("user")) };
    user_page(&st, &s, id, None, None).await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

async fn after_change(st: &AppState, s: &Signed, id: UserId, r: Result<String, AppError>) -> Response {
    let t = st.i18n.tr(s.ctx.locale);
    let shown = match r {
        Ok(notice) => user_page(st, s, id, None, Some(notice)).await,
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let status = e.status();
            user_page(st, s, id, Some(error_message(&t, &e)), None).await.map(|r| (status, r).into_response())
        }
        Err(e) => Err(e),
    };
    shown.unwrap_or_else(|e| s.ctx.fail(st, e))
}

pub async fn update_user(State(st): State<AppState>, s: Signed, Path(id): Path<String>, body: String) -> Response {
    let Some(id) = UserId::parse(&id) else { return s.ctx.fail(&st, AppError::NotFound("user")) };
    let f = form_pairs(&body);
    let ch = users::UserChanges {
        display_name: Some(field(&f, "display_name")),
        email: Some(Some(field(&f, "email"))),
        roles: Some(all(&f, "role")),
        disabled: Some(field(&f, "disabled") == "on"),
    };
    let r = users::update(&st, &s.p.caller(), id, ch).await.map(|_| st.i18n.tr(s.ctx.locale).t("notice-saved"));
    after_change(&st, &s, id, r).await
}

#[derive(Deserialize)]
pub struct ResetForm {
    new_password: String,
    #[serde(default)]
    clear_second_factor: Option<String>,
}

pub async fn reset_password(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<ResetForm>,
) -> Response {
    let Some(id) = UserId::parse(&id) else { return s.ctx.fail(&st, AppError::NotFound("user")) };
    let r = users::reset_password(&st, &s.p.caller(), id, &f.new_password, f.clear_second_factor.is_some())
        .await
        .map(|_| st.i18n.tr(s.ctx.locale).t("notice-password-reset"));
    after_change(&st, &s, id, r).await
}

pub async fn revoke_sessions(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    let Some(id) = UserId::parse(&id) else { return s.ctx.fail(&st, AppError::NotFound("user")) };
    let r = users::revoke_sessions(&st, &s.p.caller(), id)
        .await
        .map(|n| st.i18n.tr(s.ctx.locale).t1("notice-sessions-ended", "count", &n.to_string()));
    after_change(&st, &s, id, r).await
}

pub struct OrgRow {
    pub id: String,
    pub name: String,
    pub country: String,
    pub kind: String,
    pub require_totp: bool,
    pub is_operator: bool,
}

pub struct KindChoice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

fn kind_choices(t: &crate::i18n::Tr<'_>, selected: &str) -> Vec<KindChoice> {
    orgs::kinds()
        .map(|k| KindChoice { value: k, label: t.t(&format!("kind-{}", k.replace('_', "-"))), selected: k == selected })
        .collect()
}

#[derive(Template)]
#[template(path = "orgs.html")]
struct OrgsPage<'a> {
    c: Chrome<'a>,
    rows: Vec<OrgRow>,
    pager: Pager,
    country: String,
    can_create: bool,
    kinds: Vec<KindChoice>,
    countries: Vec<(&'static str, &'static str)>,
    error: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct OrgListQuery {
    #[serde(default)]
    country: String,
    limit: Option<i64>,
    offset: Option<i64>,
}

async fn orgs_page(st: &AppState, s: &Signed, q: &OrgListQuery, error: Option<String>) -> Result<Response, AppError> {
    let page = PageRequest::parse(q.limit, q.offset)?;
    let list = orgs::list(st, &s.p.caller(), Some(q.country.as_str()), page).await?;
    let t = st.i18n.tr(s.ctx.locale);
    let pager = Pager::new(&list, &format!("/admin/organisations?country={}", urlencoding::encode(&q.country)));
    let rows = list
        .items
        .iter()
        .map(|o| OrgRow {
            id: o.id.to_string(),
            name: o.name.to_string(),
            country: format!("{} · {}", o.country, o.country.name_in(t.code)),
            kind: t.t(&format!("kind-{}", o.kind.replace('_', "-"))),
            require_totp: o.require_totp,
            is_operator: o.is_operator,
        })
        .collect();
    let can_create = liaison_domain::policy::authorize(
        &s.p.actor,
        liaison_domain::policy::Action::OrgCreate,
        liaison_domain::policy::Target::None,
    )
    .is_ok();
    Ok(render(&OrgsPage {
        c: s.ctx.chrome(st, "orgs-title"),
        rows,
        pager,
        country: q.country.clone(),
        can_create,
        kinds: kind_choices(&t, "central_authority"),
        countries: liaison_domain::CountryCode::all().collect(),
        error,
    }))
}

pub async fn orgs(State(st): State<AppState>, s: Signed, Query(q): Query<OrgListQuery>) -> Response {
    orgs_page(&st, &s, &q, None).await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

#[derive(Deserialize)]
pub struct OrgForm {
    name: String,
    #[serde(default)]
    country: String,
    kind: String,
    #[serde(default)]
    require_totp: Option<String>,
}

pub async fn create_org(State(st): State<AppState>, s: Signed, Form(f): Form<OrgForm>) -> Response {
    let input = orgs::NewOrg {
        name: f.name,
        country: f.country,
        kind: f.kind,
        require_totp: f.require_totp.is_some(),
        is_operator: false,
    };
    match orgs::create(&st, &s.p.caller(), input).await {
        Ok(o) => Redirect::to(&format!("/admin/organisations/{}", o.id)).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            let status = e.status();
            orgs_page(&st, &s, &OrgListQuery::default(), Some(msg))
                .await
                .map(|r| (status, r).into_response())
                .unwrap_or_else(|e| s.ctx.fail(&st, e))
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

#[derive(Template)]
#[template(path = "org.html")]
struct OrgPage<'a> {
    c: Chrome<'a>,
    id: String,
    name: String,
    country: String,
    kinds: Vec<KindChoice>,
    kind_label: String,
    require_totp: bool,
    is_operator: bool,
    can_manage: bool,
    can_see_users: bool,
    error: Option<String>,
    notice: Option<String>,
}

async fn org_page(
    st: &AppState,
    s: &Signed,
    id: OrgId,
    error: Option<String>,
    notice: Option<String>,
) -> Result<Response, AppError> {
    let o = orgs::get(st, &s.p.caller(), id).await?;
    let t = st.i18n.tr(s.ctx.locale);
    use liaison_domain::policy::{Action, Target, authorize};
    Ok(render(&OrgPage {
        c: s.ctx.chrome(st, "org-title"),
        id: o.id.to_string(),
        name: o.name.to_string(),
        country: format!("{} · {}", o.country, o.country.name_in(t.code)),
        kinds: kind_choices(&t, &o.kind),
        kind_label: t.t(&format!("kind-{}", o.kind.replace('_', "-"))),
        require_totp: o.require_totp,
        is_operator: o.is_operator,
        can_manage: authorize(&s.p.actor, Action::OrgUpdate, Target::Org(o.id)).is_ok(),
        can_see_users: authorize(&s.p.actor, Action::UserList, Target::Org(o.id)).is_ok(),
        error,
        notice,
    }))
}

pub async fn org(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    let Some(id) = OrgId::parse(&id) else { return s.ctx.fail(&st, AppError::NotFound("organisation")) };
    org_page(&st, &s, id, None, None).await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

pub async fn update_org(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<OrgForm>,
) -> Response {
    let Some(id) = OrgId::parse(&id) else { return s.ctx.fail(&st, AppError::NotFound("organisation")) };
    let ch = orgs::OrgChanges { name: Some(f.name), kind: Some(f.kind), require_totp: Some(f.require_totp.is_some()) };
    let t = st.i18n.tr(s.ctx.locale);
    let shown = match orgs::update(&st, &s.p.caller(), id, ch).await {
        Ok(_) => org_page(&st, &s, id, None, Some(t.t("notice-saved"))).await,
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let status = e.status();
            org_page(&st, &s, id, Some(error_message(&t, &e)), None).await.map(|r| (status, r).into_response())
        }
        Err(e) => Err(e),
    };
    shown.unwrap_or_else(|e| s.ctx.fail(&st, e))
}
