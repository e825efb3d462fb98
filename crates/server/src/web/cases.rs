//! Case pages: the list, a new case, and a case with its offences, persons, assets, team and requests.
//! Every change goes through `services::cases::update` with the version the page was rendered from.

use super::admin::Pager;
use super::forms::{Fields, Opt, countries, label, options};
use super::page::{Chrome, Signed, error_message, render};
use crate::clock::format_ms;
use crate::error::AppError;
use crate::services::cases::{self as svc, CaseView};
use crate::services::templates;
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use liaison_domain::date::PartialDate;
use liaison_domain::legal_basis::CooperationType;
use liaison_domain::page::PageRequest;
use liaison_domain::request::{Asset, AssetKind, Case, Offence, OffenceCategory, Person, PersonRole};
use liaison_domain::{CaseId, CountryCode, FieldError, Invalid, UserId};
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    limit: Option<i64>,
    offset: Option<i64>,
}

pub struct CaseRow {
    pub id: String,
    pub reference: String,
    pub title: String,
    pub persons: usize,
    pub updated: String,
}

#[derive(Template)]
#[template(path = "cases.html")]
struct CasesPage<'a> {
    c: Chrome<'a>,
    q: String,
    rows: Vec<CaseRow>,
    pager: Pager,
    error: Option<String>,
}

pub async fn list(State(st): State<AppState>, s: Signed, Query(q): Query<ListQuery>) -> Response {
    list_page(&st, &s, &q, None).await
}

async fn list_page(st: &AppState, s: &Signed, q: &ListQuery, error: Option<String>) -> Response {
    let run = async {
        let page = svc::list(st, &s.p.caller(), Some(&q.q), PageRequest::parse(q.limit, q.offset)?).await?;
        let rows = page
            .items
            .iter()
            .map(|r| CaseRow {
                id: r.id.to_string(),
                reference: r.case.reference.clone(),
                title: r.case.title.clone(),
                persons: r.case.persons.len(),
                updated: format_ms(r.updated_at),
            })
            .collect();
        let pager = Pager::new(&page, &format!("/cases?q={}", urlencoding::encode(&q.q)));
        Ok::<_, AppError>(render(&CasesPage { c: s.ctx.chrome(st, "cases-title"), q: q.q.clone(), rows, pager, error }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(st, e))
}

pub async fn create(State(st): State<AppState>, s: Signed, Form(f): Form<Vec<(String, String)>>) -> Response {
    let f = Fields(f);
    let case = Case {
        reference: f.get("reference"),
        title: f.get("title"),
        proceedings: f.get("proceedings"),
        summary: f.get("summary"),
        offences: Vec::new(),
        persons: Vec::new(),
        assets: Vec::new(),
    };
    match svc::create(&st, &s.p.caller(), case).await {
        Ok(rec) => Redirect::to(&format!("/cases/{}", rec.id)).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            list_page(&st, &s, &ListQuery::default(), Some(msg)).await
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

pub struct PersonRow {
    pub p: Person,
    pub role: String,
    pub nationalities: String,
    pub birth_date: String,
    pub roles: Vec<Opt>,
}

pub struct OffenceRow {
    pub o: Offence,
    pub category: String,
    pub categories: Vec<Opt>,
}

pub struct AssetRow {
    pub a: Asset,
    pub kind: String,
    pub kinds: Vec<Opt>,
    pub holders: Vec<Opt>,
}

pub struct RequestRow {
    pub id: String,
    pub reference: String,
    pub kind: String,
    pub country: String,
    pub status: String,
    pub status_code: String,
}

pub struct Member {
    pub id: String,
    pub username: String,
    pub display_name: String,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage<'a> {
    c: Chrome<'a>,
    id: String,
    version: i64,
    case: Case,
    offences: Vec<OffenceRow>,
    persons: Vec<PersonRow>,
    assets: Vec<AssetRow>,
    requests: Vec<RequestRow>,
    team: Vec<Member>,
    categories: Vec<Opt>,
    roles: Vec<Opt>,
    kinds: Vec<Opt>,
    holders: Vec<Opt>,
    request_types: Vec<Opt>,
    countries: Vec<Opt>,
    templates: Vec<String>,
    error: Option<String>,
}

fn case_id(s: &str) -> Result<CaseId, AppError> {
    CaseId::parse(s).ok_or(AppError::NotFound("case"))
}

async fn case_page(st: &AppState, s: &Signed, id: &str, error: Option<String>) -> Response {
    let run = async {
        let v: CaseView = svc::get(st, &s.p.caller(), case_id(id)?).await?;
        let t = st.i18n.tr(s.ctx.locale);
        let case = v.record.case.clone();
        let holders = |sel: &str| {
            let mut o = vec![Opt { value: String::new(), label: "—".into(), selected: sel.is_empty() }];
            o.extend(case.persons.iter().map(|p| Opt {
                value: p.key.clone(),
                label: p.name.clone(),
                selected: p.key == sel,
            }));
            o
        };
        let cat_values: Vec<&str> = OffenceCategory::ALL.iter().map(|c| c.as_str()).collect();
        let role_values: Vec<&str> = PersonRole::ALL.iter().map(|r| r.as_str()).collect();
        let kind_values: Vec<&str> = AssetKind::ALL.iter().map(|k| k.as_str()).collect();
        let templates = templates::list(st, &s.p.caller())
            .await
            .map(|ts| ts.into_iter().map(|t| t.name).collect())
            .unwrap_or_default();
        let page = CasePage {
            c: s.ctx.chrome(st, "case-title"),
            id: v.record.id.to_string(),
            version: v.record.version,
            offences: case
                .offences
                .iter()
                .map(|o| OffenceRow {
                    o: o.clone(),
                    category: label(&t, "offence", o.category.as_str()),
                    categories: options(&t, "offence", cat_values.iter().copied(), o.category.as_str()),
                })
                .collect(),
            persons: case
                .persons
                .iter()
                .map(|p| PersonRow {
                    p: p.clone(),
                    role: label(&t, "person-role", p.role.as_str()),
                    nationalities: p.nationalities.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", "),
                    birth_date: p.birth_date.map(|d| d.to_string()).unwrap_or_default(),
                    roles: options(&t, "person-role", role_values.iter().copied(), p.role.as_str()),
                })
                .collect(),
            assets: case
                .assets
                .iter()
                .map(|a| AssetRow {
                    a: a.clone(),
                    kind: label(&t, "asset", a.kind.as_str()),
                    kinds: options(&t, "asset", kind_values.iter().copied(), a.kind.as_str()),
                    holders: holders(a.holder.as_deref().unwrap_or("")),
                })
                .collect(),
            requests: v
                .requests
                .iter()
                .map(|r| RequestRow {
                    id: r.id.to_string(),
                    reference: r.our_reference.clone(),
                    kind: label(&t, "kind", r.kind().as_str()),
                    country: format!("{} · {}", r.requested_country(), r.requested_country().name_in(t.code)),
                    status: label(&t, "req-status", r.status.as_str()),
                    status_code: r.status.as_str().to_string(),
                })
                .collect(),
            team: v
                .team
                .iter()
                .map(|u| Member {
                    id: u.id.to_string(),
                    username: u.username.to_string(),
                    display_name: u.display_name.to_string(),
                })
                .collect(),
            categories: options(&t, "offence", cat_values.iter().copied(), ""),
            roles: options(&t, "person-role", role_values.iter().copied(), ""),
            kinds: options(&t, "asset", kind_values.iter().copied(), ""),
            holders: holders(""),
            request_types: options(&t, "kind", CooperationType::ALL.iter().map(|k| k.as_str()), "mla"),
            countries: countries(&t, ""),
            templates,
            case,
            error,
        };
        Ok::<_, AppError>(render(&page))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(st, e))
}

pub async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    case_page(&st, &s, &id, None).await
}

/// Applies `change` to the case the form was rendered from and saves it; on a mistake, the page again
/// with the message.
async fn mutate(
    st: &AppState,
    s: &Signed,
    id: &str,
    f: &Fields,
    change: impl FnOnce(&mut Case) -> Result<(), AppError>,
) -> Response {
    let run = async {
        let cid = case_id(id)?;
        let v = svc::get(st, &s.p.caller(), cid).await?;
        let mut case = v.record.case.clone();
        change(&mut case)?;
        svc::update(st, &s.p.caller(), cid, f.version(), case).await?;
        Ok::<_, AppError>(())
    };
    match run.await {
        Ok(()) => Redirect::to(&format!("/cases/{id}")).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_) | AppError::Stale(_))) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            case_page(st, s, id, Some(msg)).await
        }
        Err(e) => s.ctx.fail(st, e),
    }
}

pub async fn update(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    mutate(&st, &s, &id, &f, |c| {
        c.reference = f.get("reference");
        c.title = f.get("title");
        c.proceedings = f.get("proceedings");
        c.summary = f.get("summary");
        Ok(())
    })
    .await
}

/// The next free key with a prefix (`p3`).
fn next_key<'a>(prefix: &str, keys: impl Iterator<Item = &'a String>) -> String {
    let n = keys.filter_map(|k| k.strip_prefix(prefix)?.parse::<u32>().ok()).max().unwrap_or(0);
    format!("{prefix}{}", n + 1)
}

fn parse_enum<T>(field: &str, value: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, AppError> {
    parse(value).ok_or_else(|| FieldError::new(field, "unknown_value", format!("unknown value '{value}'")).into())
}

/// Puts `item` in place of the one with the same key, or adds it.
fn upsert<T>(list: &mut Vec<T>, item: T, key: impl Fn(&T) -> &str, wanted: &str) {
    match list.iter().position(|x| key(x) == wanted) {
        Some(i) => list[i] = item,
        None => list.push(item),
    }
}

pub async fn offence(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    mutate(&st, &s, &id, &f, |c| {
        let key = f.opt("key").unwrap_or_else(|| next_key("o", c.offences.iter().map(|o| &o.key)));
        let o = Offence {
            key: key.clone(),
            category: parse_enum("category", &f.get("category"), OffenceCategory::parse)?,
            description: f.get("description"),
            legal_provision: f.get("legal_provision"),
            maximum_penalty: f.get("maximum_penalty"),
            time_and_place: f.get("time_and_place"),
        };
        upsert(&mut c.offences, o, |o| &o.key, &key);
        Ok(())
    })
    .await
}

pub async fn person(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    mutate(&st, &s, &id, &f, |c| {
        let key = f.opt("key").unwrap_or_else(|| next_key("p", c.persons.iter().map(|p| &p.key)));
        let mut inv = Invalid::default();
        let birth_date = f.opt("birth_date").and_then(|d| inv.check("birth_date", PartialDate::parse(&d)));
        let nationalities: Vec<CountryCode> = f
            .get("nationalities")
            .split([',', ' '])
            .filter(|s| !s.is_empty())
            .filter_map(|s| inv.check("nationalities", CountryCode::parse(s)))
            .collect();
        let location_country =
            f.opt("location_country").and_then(|s| inv.check("location_country", CountryCode::parse(&s)));
        inv.into_result()?;
        let p = Person {
            key: key.clone(),
            role: parse_enum("role", &f.get("role"), PersonRole::parse)?,
            name: f.get("name"),
            name_latin: f.get("name_latin"),
            birth_date,
            birth_place: f.get("birth_place"),
            nationalities,
            identity_documents: f.get("identity_documents"),
            location: f.get("location"),
            location_country,
            description: f.get("description"),
        };
        upsert(&mut c.persons, p, |p| &p.key, &key);
        Ok(())
    })
    .await
}

pub async fn asset(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    mutate(&st, &s, &id, &f, |c| {
        let key = f.opt("key").unwrap_or_else(|| next_key("a", c.assets.iter().map(|a| &a.key)));
        let mut inv = Invalid::default();
        let country = f.opt("country").and_then(|s| inv.check("country", CountryCode::parse(&s)));
        inv.into_result()?;
        let a = Asset {
            key: key.clone(),
            kind: parse_enum("kind", &f.get("kind"), AssetKind::parse)?,
            description: f.get("description"),
            identifier: f.get("identifier"),
            holder: f.opt("holder"),
            country,
            value: f.get("value"),
        };
        upsert(&mut c.assets, a, |a| &a.key, &key);
        Ok(())
    })
    .await
}

pub async fn remove(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    mutate(&st, &s, &id, &f, |c| {
        let key = f.get("key");
        match f.get("list").as_str() {
            "offences" => c.offences.retain(|o| o.key != key),
            "persons" => {
                c.persons.retain(|p| p.key != key);
                for a in &mut c.assets {
                    if a.holder.as_deref() == Some(key.as_str()) {
                        a.holder = None;
                    }
                }
            }
            "assets" => c.assets.retain(|a| a.key != key),
            other => return Err(FieldError::new("list", "unknown_value", format!("unknown list '{other}'")).into()),
        }
        Ok(())
    })
    .await
}

pub async fn add_member(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let run = async { svc::add_member(&st, &s.p.caller(), case_id(&id)?, &f.get("username")).await.map(|_| ()) };
    done(&st, &s, &id, run.await).await
}

pub async fn remove_member(
    State(st): State<AppState>,
    s: Signed,
    Path((id, user)): Path<(String, String)>,
) -> Response {
    let run = async {
        let u = UserId::parse(&user).ok_or(AppError::NotFound("team member"))?;
        svc::remove_member(&st, &s.p.caller(), case_id(&id)?, u).await
    };
    done(&st, &s, &id, run.await).await
}

async fn done(st: &AppState, s: &Signed, id: &str, r: Result<(), AppError>) -> Response {
    match r {
        Ok(()) => Redirect::to(&format!("/cases/{id}")).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            case_page(st, s, id, Some(msg)).await
        }
        Err(e) => s.ctx.fail(st, e),
    }
}

/// Starts a request in the case and opens the writer.
pub async fn new_request(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let run = async {
        let input = crate::services::requests::NewRequest {
            case: case_id(&id)?,
            kind: f.get("kind"),
            requested_country: f.get("requested_country"),
            template: f.opt("template"),
            supplements: None,
        };
        crate::services::requests::create(&st, &s.p.caller(), input).await
    };
    match run.await {
        Ok(r) => Redirect::to(&format!("/requests/{}/write/basics", r.id)).into_response(),
        Err(e @ AppError::Invalid(_)) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            case_page(&st, &s, &id, Some(msg)).await
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}
