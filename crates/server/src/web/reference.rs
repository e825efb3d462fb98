//! Pages of the directory, the networks and the legal-basis finder.

use super::admin::Pager;
use super::page::{Chrome, Signed, error_message, render};
use crate::clock::{date_of, format_ms};
use crate::error::AppError;
use crate::services::reference::{self as svc, DirectoryFilter, Entry};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use liaison_domain::legal_basis::CooperationType;
use liaison_domain::page::PageRequest;
use liaison_domain::policy::{Action, Target, authorize};
use serde::Deserialize;

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

fn type_choices(t: &crate::i18n::Tr<'_>, selected: &str) -> Vec<Choice> {
    CooperationType::ALL
        .iter()
        .map(|k| Choice {
            value: k.as_str().into(),
            label: t.t(&format!("coop-{}", k.as_str().replace('_', "-"))),
            selected: k.as_str() == selected,
        })
        .collect()
}

/// Every country, labelled in the interface language and sorted by that label.
fn country_choices(selected: &str, lang: &str) -> Vec<Choice> {
    let mut v: Vec<Choice> = liaison_domain::CountryCode::all()
        .filter_map(|(c, _)| liaison_domain::CountryCode::parse(c).ok())
        .map(|c| Choice {
            value: c.to_string(),
            label: format!("{} · {c}", c.name_in(lang)),
            selected: c.as_str() == selected,
        })
        .collect();
    v.sort_by(|a, b| a.label.cmp(&b.label));
    v
}

pub struct AuthorityRow {
    pub id: String,
    pub name: String,
    pub name_en: String,
    pub country: String,
    pub kind: String,
    pub handles: String,
    pub languages: String,
    pub has_24_7: bool,
    pub confirmed: String,
    pub stale: bool,
}

fn row(t: &crate::i18n::Tr<'_>, e: &Entry, now: i64) -> AuthorityRow {
    let a = &e.authority;
    let mut handles: Vec<String> = a
        .competences
        .iter()
        .filter_map(|c| CooperationType::parse(&c.kind))
        .map(|k| t.t(&format!("coop-{}", k.as_str().replace('_', "-"))))
        .collect();
    handles.dedup();
    AuthorityRow {
        id: a.id.clone(),
        name: a.name.clone(),
        name_en: a.name_en.clone().unwrap_or_default(),
        country: format!("{} · {}", a.country, a.country.name_in(t.code)),
        kind: t.t(&format!("kind-{}", a.kind.replace('_', "-"))),
        handles: handles.join(", "),
        languages: a.languages.join(", "),
        has_24_7: a.has_24_7(),
        confirmed: a.confirmed.map(|d| d.to_string()).unwrap_or_else(|| "—".into()),
        stale: date_of(now).is_none_or(|d| a.stale(d)),
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct DirectoryQuery {
    #[serde(default)]
    country: String,
    #[serde(default)]
    kind: String,
    #[serde(default, rename = "type")]
    cooperation: String,
    #[serde(default)]
    network: String,
    #[serde(default)]
    language: String,
    #[serde(default)]
    measure: String,
    #[serde(default)]
    q: String,
    limit: Option<i64>,
    offset: Option<i64>,
}

#[derive(Template)]
#[template(path = "directory.html")]
struct DirectoryPage<'a> {
    c: Chrome<'a>,
    q: DirectoryQuery,
    countries: Vec<Choice>,
    kinds: Vec<Choice>,
    types: Vec<Choice>,
    networks: Vec<Choice>,
    rows: Vec<AuthorityRow>,
    pager: Pager,
    error: Option<String>,
}

pub async fn directory(State(st): State<AppState>, s: Signed, Query(q): Query<DirectoryQuery>) -> Response {
    let t = st.i18n.tr(s.ctx.locale);
    let caller = s.p.caller();
    let run = async {
        let nets = svc::networks(&st, &caller).await?;
        let networks = nets
            .iter()
            .map(|n| Choice { value: n.id.clone(), label: n.name.clone(), selected: n.id == q.network })
            .collect();
        let kinds = liaison_domain::directory::KINDS
            .iter()
            .map(|k| Choice {
                value: k.to_string(),
                label: t.t(&format!("kind-{}", k.replace('_', "-"))),
                selected: *k == q.kind,
            })
            .collect();
        let (rows, pager, error) = match DirectoryFilter::parse(
            &q.country,
            &q.kind,
            &q.cooperation,
            &q.measure,
            &q.network,
            &q.language,
            &q.q,
        ) {
            Ok(f) => {
                let page = svc::search(&st, &caller, &f, PageRequest::parse(q.limit, q.offset)?).await?;
                let base = format!(
                    "/directory?country={}&kind={}&type={}&network={}&language={}&measure={}&q={}",
                    urlencoding::encode(&q.country),
                    urlencoding::encode(&q.kind),
                    urlencoding::encode(&q.cooperation),
                    urlencoding::encode(&q.network),
                    urlencoding::encode(&q.language),
                    urlencoding::encode(&q.measure),
                    urlencoding::encode(&q.q)
                );
                let now = st.now();
                let pager = Pager::new(&page, &base);
                (page.items.iter().map(|e| row(&t, e, now)).collect(), pager, None)
            }
            Err(e) => {
                let empty: liaison_domain::page::Page<()> =
                    liaison_domain::page::Page { items: vec![], total: 0, limit: 50, offset: 0 };
                (Vec::new(), Pager::new(&empty, "/directory"), Some(error_message(&t, &e)))
            }
        };
        Ok::<_, AppError>(render(&DirectoryPage {
            c: s.ctx.chrome(&st, "directory-title"),
            countries: country_choices(&q.country.to_uppercase(), t.code),
            kinds,
            types: type_choices(&t, &q.cooperation),
            networks,
            rows,
            pager,
            error,
            q: q.clone(),
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

pub struct CompetenceRow {
    pub kind: String,
    pub role: String,
    pub stage: String,
    pub note: String,
}

pub struct ContactRow {
    pub name: String,
    pub function: String,
    pub phone: String,
    pub email: String,
    pub available_24_7: bool,
}

#[derive(Template)]
#[template(path = "authority.html")]
struct AuthorityPage<'a> {
    c: Chrome<'a>,
    r: AuthorityRow,
    competences: Vec<CompetenceRow>,
    contacts: Vec<ContactRow>,
    networks: Vec<String>,
    sources: Vec<String>,
    website: String,
    note: String,
    origin: String,
    provenance: String,
    updated: String,
    updated_by: String,
    can_edit: bool,
    json: String,
    error: Option<String>,
    notice: Option<String>,
}

async fn authority_page(
    st: &AppState,
    s: &Signed,
    id: &str,
    json_override: Option<String>,
    error: Option<String>,
    notice: Option<String>,
) -> Result<Response, AppError> {
    let e = svc::authority(st, &s.p.caller(), id).await?;
    let t = st.i18n.tr(s.ctx.locale);
    let a = &e.authority;
    let competences = a
        .competences
        .iter()
        .map(|c| CompetenceRow {
            kind: CooperationType::parse(&c.kind)
                .map(|k| t.t(&format!("coop-{}", k.as_str().replace('_', "-"))))
                .unwrap_or_else(|| c.kind.clone()),
            role: t.t(match c.role {
                liaison_domain::directory::CompetenceRole::CentralAuthority => "role-central-authority",
                liaison_domain::directory::CompetenceRole::CompetentAuthority => "role-competent-authority",
            }),
            stage: c.stage.clone().unwrap_or_default(),
            note: c.note.clone().unwrap_or_default(),
        })
        .collect();
    let contacts = a
        .contacts
        .iter()
        .map(|c| ContactRow {
            name: c.name.clone(),
            function: c.function.clone().unwrap_or_default(),
            phone: c.phone.clone().unwrap_or_default(),
            email: c.email.clone().unwrap_or_default(),
            available_24_7: c.available_24_7,
        })
        .collect();
    let can_edit = authorize(&s.p.actor, Action::DirectoryEdit, Target::Authority { org: a.organisation }).is_ok();
    let json = json_override.unwrap_or_else(|| serde_json::to_string_pretty(a).unwrap_or_default());
    Ok(render(&AuthorityPage {
        c: Chrome { title: a.name.clone(), ..s.ctx.chrome(st, "authority-title") },
        r: row(&t, &e, st.now()),
        competences,
        contacts,
        networks: a.networks.clone(),
        sources: a.source.clone(),
        website: a.website.clone().unwrap_or_default(),
        note: [a.note.clone(), a.name_note.clone()].into_iter().flatten().collect::<Vec<_>>().join(" "),
        origin: e.origin.clone(),
        provenance: e.provenance.clone(),
        updated: format_ms(e.updated_at),
        updated_by: e.updated_by.clone().unwrap_or_default(),
        can_edit,
        json,
        error,
        notice,
    }))
}

pub async fn authority(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    authority_page(&st, &s, &id, None, None, None).await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    provenance: String,
}

pub async fn confirm(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<ConfirmForm>,
) -> Response {
    let t = st.i18n.tr(s.ctx.locale);
    let shown = match svc::confirm_authority(&st, &s.p.caller(), &id, &f.provenance).await {
        Ok(_) => authority_page(&st, &s, &id, None, None, Some(t.t("notice-confirmed"))).await,
        Err(e @ AppError::Invalid(_)) => authority_page(&st, &s, &id, None, Some(error_message(&t, &e)), None)
            .await
            .map(|r| (e.status(), r).into_response()),
        Err(e) => Err(e),
    };
    shown.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

#[derive(Deserialize)]
pub struct EditForm {
    entry: String,
    provenance: String,
}

pub async fn edit(State(st): State<AppState>, s: Signed, Path(id): Path<String>, Form(f): Form<EditForm>) -> Response {
    let t = st.i18n.tr(s.ctx.locale);
    let parsed = serde_json::from_str::<liaison_domain::directory::Authority>(&f.entry)
        .map_err(|e| AppError::BadRequest { detail: e.to_string() });
    let result = match parsed {
        Ok(a) => svc::edit_authority(&st, &s.p.caller(), &id, a, &f.provenance).await,
        Err(e) => Err(e),
    };
    let shown = match result {
        Ok(_) => return Redirect::to(&format!("/directory/authorities/{}", urlencoding::encode(&id))).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::BadRequest { .. })) => {
            authority_page(&st, &s, &id, Some(f.entry.clone()), Some(error_message(&t, &e)), None)
                .await
                .map(|r| (e.status(), r).into_response())
        }
        Err(e) => Err(e),
    };
    shown.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

#[derive(Template)]
#[template(path = "network.html")]
struct NetworkPage<'a> {
    c: Chrome<'a>,
    id: String,
    full_name: String,
    scope: String,
    secretariat: String,
    legal_basis: String,
    members: Vec<String>,
    participants: Vec<String>,
    rows: Vec<AuthorityRow>,
    sources: Vec<String>,
    notes: String,
}

pub async fn network(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    let t = st.i18n.tr(s.ctx.locale);
    match svc::network(&st, &s.p.caller(), &id).await {
        Ok((n, members)) => {
            let now = st.now();
            let named = |cs: &[liaison_domain::CountryCode]| {
                cs.iter().map(|c| format!("{c} · {}", c.name_in(t.code))).collect()
            };
            render(&NetworkPage {
                c: Chrome { title: n.name.clone(), ..s.ctx.chrome(&st, "network-title") },
                id: n.id.clone(),
                full_name: n.full_name.clone().unwrap_or_default(),
                scope: n.scope.clone().unwrap_or_default(),
                secretariat: n.secretariat.clone().or(n.secretariat_note.clone()).unwrap_or_default(),
                legal_basis: n.legal_basis.clone().unwrap_or_default(),
                members: named(&n.members),
                participants: named(&n.participants),
                rows: members.iter().map(|e| row(&t, e, now)).collect(),
                sources: n.source.clone(),
                notes: [n.members_note.clone(), n.scope_note.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" "),
            })
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

#[derive(Deserialize, Default, Clone)]
pub struct FinderQuery {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
    #[serde(default, rename = "type")]
    kind: String,
    #[serde(default)]
    date: String,
    #[serde(default)]
    measure: String,
    #[serde(default)]
    offence: String,
}

pub struct BasisView {
    pub rank: usize,
    pub short: String,
    pub title: String,
    pub level: String,
    pub explanation: String,
    pub articles: String,
    pub channels: String,
    pub channel_note: String,
    pub language: String,
    pub dual_criminality: String,
    pub time_limits: String,
    pub source: String,
    /// The requested state's declarations, one line each.
    pub declarations: Vec<String>,
}

#[derive(Template)]
#[template(path = "legal_basis.html")]
struct FinderPage<'a> {
    c: Chrome<'a>,
    q: FinderQuery,
    countries_from: Vec<Choice>,
    countries_to: Vec<Choice>,
    types: Vec<Choice>,
    asked: bool,
    heading: String,
    bases: Vec<BasisView>,
    send_to: Vec<AuthorityRow>,
    excluded: Vec<(String, String)>,
    reciprocity: String,
    warnings: Vec<String>,
    error: Option<String>,
}

pub async fn finder(State(st): State<AppState>, s: Signed, Query(q): Query<FinderQuery>) -> Response {
    let t = st.i18n.tr(s.ctx.locale);
    let asked = !q.from.is_empty() || !q.to.is_empty();
    let mut page = FinderPage {
        c: s.ctx.chrome(&st, "finder-title"),
        countries_from: country_choices(&q.from.to_uppercase(), t.code),
        countries_to: country_choices(&q.to.to_uppercase(), t.code),
        types: type_choices(&t, if q.kind.is_empty() { "mla" } else { &q.kind }),
        asked: false,
        heading: String::new(),
        bases: Vec::new(),
        send_to: Vec::new(),
        excluded: Vec::new(),
        reciprocity: String::new(),
        warnings: Vec::new(),
        error: None,
        q: q.clone(),
    };
    if asked {
        let Some(today) = date_of(st.now()) else {
            return s.ctx.fail(&st, AppError::Internal("clock out of range".into()));
        };
        let result = match svc::parse_query(&q.from, &q.to, &q.kind, &q.date, &q.measure, &q.offence, today) {
            Ok(query) => svc::legal_basis(&st, &s.p.caller(), &query).await.map(|r| (query, r)),
            Err(e) => Err(e),
        };
        match result {
            Ok((query, (answer, send_to))) => {
                let now = st.now();
                page.asked = true;
                page.heading = format!(
                    "{} → {} · {} · {}",
                    query.requesting,
                    query.requested,
                    t.t(&format!("coop-{}", query.kind.as_str().replace('_', "-"))),
                    query.date
                );
                page.bases = answer
                    .bases
                    .iter()
                    .enumerate()
                    .map(|(i, b)| {
                        let p = b.provision.clone().unwrap_or_default();
                        BasisView {
                            rank: i + 1,
                            short: b.short.clone(),
                            title: b.title.clone(),
                            level: t.t(&format!("level-{}", b.level.as_str())),
                            explanation: b.explanation.clone(),
                            articles: p.articles,
                            channels: p
                                .channels
                                .iter()
                                .map(|c| t.t(&format!("channel-{}", format!("{c:?}").to_lowercase())))
                                .collect::<Vec<_>>()
                                .join(", "),
                            channel_note: p.channel_note,
                            language: p.language,
                            dual_criminality: p
                                .dual_criminality
                                .map(|d| t.t(&format!("dual-{}", format!("{d:?}").to_lowercase())))
                                .map(|l| {
                                    if p.dual_criminality_note.is_empty() {
                                        l.clone()
                                    } else {
                                        format!("{l} — {}", p.dual_criminality_note)
                                    }
                                })
                                .unwrap_or_default(),
                            time_limits: p.time_limits,
                            source: p.source,
                            declarations: b
                                .requested_declarations
                                .iter()
                                .map(|d| {
                                    if d.article.is_empty() {
                                        d.text.clone()
                                    } else {
                                        format!("{}: {}", d.article, d.text)
                                    }
                                })
                                .collect(),
                        }
                    })
                    .collect();
                page.send_to = send_to.iter().map(|e| row(&t, e, now)).collect();
                page.excluded = answer.excluded.iter().map(|x| (x.short.clone(), x.reason.clone())).collect();
                page.reciprocity = answer.reciprocity.clone().unwrap_or_default();
                page.warnings = answer.warnings.clone();
            }
            Err(e @ AppError::Invalid(_)) => page.error = Some(error_message(&t, &e)),
            Err(e) => return s.ctx.fail(&st, e),
        }
    }
    render(&page)
}
