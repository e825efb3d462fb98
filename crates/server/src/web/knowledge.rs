//! Pages of the knowledge base: search with filters and results, a document, and the publishing form
//! (new and edit).

use super::files::FileRow;
use super::forms::{Fields, Opt, countries, label, options};
use super::page::{Chrome, Signed, after, error_message, render};
use crate::error::AppError;
use crate::services::knowledge::{self as svc, Filters, KnowledgeInput};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use liaison_domain::Role;
use liaison_domain::knowledge::KnowledgeKind;
use liaison_domain::request::OffenceCategory;

pub struct ResultRow {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub meta: String,
    pub snippet: String,
    pub restricted: String,
}

#[derive(Template)]
#[template(path = "knowledge.html")]
struct SearchPage<'a> {
    c: Chrome<'a>,
    q: String,
    kinds: Vec<Opt>,
    countries: Vec<Opt>,
    crimes: Vec<Opt>,
    networks: Vec<Opt>,
    language: String,
    instrument: String,
    rows: Vec<ResultRow>,
    summary: String,
    may_publish: bool,
    error: Option<String>,
}

fn with_none(t: &crate::i18n::Tr<'_>, mut o: Vec<Opt>) -> Vec<Opt> {
    let none_selected = !o.iter().any(|x| x.selected);
    o.insert(0, Opt { value: String::new(), label: t.t("option-any"), selected: none_selected });
    o
}

fn document_id(id: &str) -> Result<uuid::Uuid, AppError> {
    uuid::Uuid::parse_str(id).map_err(|_| AppError::NotFound("knowledge document"))
}

fn may_publish(s: &Signed) -> bool {
    let r = &s.p.user.roles;
    r.has(Role::DataSteward) || r.has(Role::CentralAuthorityOfficer) || r.has(Role::WorkingGroupSecretary)
}

pub async fn search(State(st): State<AppState>, s: Signed, Query(f): Query<Filters>) -> Response {
    let t = st.i18n.tr(s.ctx.locale);
    let (rows, summary, error) = match svc::search(&st, &s.p.caller(), &f).await {
        Ok(r) => {
            let rows = r
                .hits
                .iter()
                .map(|h| {
                    let b = &h.document.body;
                    let mut meta: Vec<String> = b.countries.iter().map(|c| c.name_in(t.code).to_string()).collect();
                    meta.extend(b.instruments.iter().cloned());
                    meta.extend(b.articles.iter().cloned());
                    meta.push(label(&t, "doc-lang", &b.language));
                    ResultRow {
                        id: h.document.id.to_string(),
                        title: b.title.clone(),
                        kind: label(&t, "knowledge-kind", b.kind.as_str()),
                        meta: meta.join(" · "),
                        snippet: h.snippet.clone(),
                        restricted: b
                            .network()
                            .map(|n| t.t1("knowledge-restricted-to", "network", n))
                            .unwrap_or_default(),
                    }
                })
                .collect();
            let total = r.total.to_string();
            let summary = t.t1("knowledge-found", "count", &total);
            (rows, summary, None)
        }
        Err(e @ AppError::Invalid(_)) => (Vec::new(), String::new(), Some(error_message(&t, &e))),
        Err(e) => return s.ctx.fail(&st, e),
    };
    let sel = |v: &Option<String>| v.clone().unwrap_or_default();
    let networks = match svc::networks_read(&st, &s.p.caller()).await {
        Ok(n) => n,
        Err(e) => return s.ctx.fail(&st, e),
    };
    let networks = networks
        .into_iter()
        .map(|(id, name)| Opt { selected: f.network.as_deref() == Some(id.as_str()), value: id, label: name })
        .collect();
    render(&SearchPage {
        c: s.ctx.chrome(&st, "knowledge-title"),
        q: sel(&f.q),
        kinds: with_none(
            &t,
            options(&t, "knowledge-kind", KnowledgeKind::ALL.iter().map(|k| k.as_str()), &sel(&f.kind)),
        ),
        countries: with_none(&t, countries(&t, &sel(&f.country))),
        crimes: with_none(&t, options(&t, "offence", OffenceCategory::ALL.iter().map(|k| k.as_str()), &sel(&f.crime))),
        networks: with_none(&t, networks),
        language: sel(&f.language),
        instrument: sel(&f.instrument),
        rows,
        summary,
        may_publish: may_publish(&s),
        error,
    })
}

#[derive(Template)]
#[template(path = "knowledge_document.html")]
struct DocumentPage<'a> {
    c: Chrome<'a>,
    id: String,
    title: String,
    kind: String,
    meta: Vec<(String, String)>,
    summary: String,
    text: String,
    lang: String,
    ours: bool,
    files: Vec<FileRow>,
    files_base: String,
    may_attach: bool,
    error: Option<String>,
}

pub async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    document_page(&st, &s, &id, None).await
}

async fn document_page(st: &AppState, s: &Signed, id: &str, error: Option<String>) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let uid = document_id(id)?;
        let d = svc::get(st, &s.p.caller(), uid).await?;
        let b = &d.body;
        let mut meta = vec![(t.t("field-language"), label(&t, "doc-lang", &b.language))];
        let join = |v: Vec<String>| v.join(", ");
        for (key, value) in [
            ("field-countries", join(b.countries.iter().map(|c| c.name_in(t.code).to_string()).collect())),
            ("field-instruments", join(b.instruments.clone())),
            ("field-articles", b.articles.clone().unwrap_or_default()),
            ("field-crime-types", join(b.crime_types.iter().map(|c| label(&t, "offence", c.as_str())).collect())),
            ("field-source", b.source.clone().unwrap_or_default()),
            ("field-dated", b.dated.map(|d| d.to_string()).unwrap_or_default()),
            (
                "field-access",
                b.network()
                    .map(|n| t.t1("knowledge-restricted-to", "network", n))
                    .unwrap_or_else(|| t.t("knowledge-open")),
            ),
        ] {
            if !value.is_empty() {
                meta.push((t.t(key), value));
            }
        }
        let ours = d.org == s.p.org.id && may_publish(s);
        Ok::<_, AppError>(render(&DocumentPage {
            c: s.ctx.chrome(st, "knowledge-title"),
            id: d.id.to_string(),
            title: b.title.clone(),
            kind: label(&t, "knowledge-kind", b.kind.as_str()),
            meta,
            summary: b.summary.clone().unwrap_or_default(),
            text: b.text.clone(),
            lang: b.language.clone(),
            ours,
            files: super::files::rows(svc::files(st, &s.p.caller(), uid).await?),
            files_base: format!("/knowledge/{}/files", d.id),
            may_attach: ours,
            error,
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(st, e))
}

/// Adds a file to a document from its page (multipart form).
pub async fn attach(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    form: axum::extract::Multipart,
) -> Response {
    let result =
        async { svc::attach(&st, &s.p.caller(), document_id(&id)?, super::files::upload_of(form).await?).await }.await;
    after(&st, &s, result, |_| format!("/knowledge/{id}#files"), |msg| document_page(&st, &s, &id, Some(msg))).await
}

/// A document's file, decrypted and checked; the download is audited.
pub async fn file(State(st): State<AppState>, s: Signed, Path((id, file)): Path<(String, String)>) -> Response {
    let result = async { svc::file(&st, &s.p.caller(), document_id(&id)?, &file).await }.await;
    super::files::download(&st, &s, result)
}

#[derive(Template)]
#[template(path = "knowledge_form.html")]
struct FormPage<'a> {
    c: Chrome<'a>,
    action: String,
    version: i64,
    kinds: Vec<Opt>,
    crimes: Vec<Opt>,
    f: Fields,
    error: Option<String>,
}

fn input_of(f: &Fields) -> KnowledgeInput {
    let list = |name: &str| -> Vec<String> {
        f.get(name).split([',', ' ', '\n']).map(str::trim).filter(|x| !x.is_empty()).map(str::to_owned).collect()
    };
    KnowledgeInput {
        title: f.get("title"),
        kind: f.get("kind"),
        language: f.get("language"),
        summary: f.opt("summary"),
        text: f.get("text"),
        countries: list("countries").into_iter().map(|c| c.to_uppercase()).collect(),
        instruments: list("instruments"),
        articles: f.opt("articles"),
        crime_types: f.all("crime_types"),
        source: f.opt("source"),
        dated: f.opt("dated"),
        network: f.opt("network"),
    }
}

async fn form_page(
    st: &AppState,
    s: &Signed,
    action: String,
    version: i64,
    f: Fields,
    error: Option<String>,
) -> Response {
    let t = st.i18n.tr(s.ctx.locale);
    let chosen = f.all("crime_types");
    let crimes = OffenceCategory::ALL
        .iter()
        .map(|k| Opt {
            value: k.as_str().into(),
            label: label(&t, "offence", k.as_str()),
            selected: chosen.iter().any(|c| c == k.as_str()),
        })
        .collect();
    render(&FormPage {
        c: s.ctx.chrome(st, "knowledge-publish"),
        action,
        version,
        kinds: options(&t, "knowledge-kind", KnowledgeKind::ALL.iter().map(|k| k.as_str()), &f.get("kind")),
        crimes,
        f,
        error,
    })
}

pub async fn new_form(State(st): State<AppState>, s: Signed) -> Response {
    let f = Fields(vec![("language".into(), s.ctx.locale.to_owned())]);
    form_page(&st, &s, "/knowledge".into(), 0, f, None).await
}

pub async fn publish(State(st): State<AppState>, s: Signed, Form(f): Form<Vec<(String, String)>>) -> Response {
    let f = Fields(f);
    let result = svc::publish(&st, &s.p.caller(), input_of(&f)).await;
    after(
        &st,
        &s,
        result,
        |d| format!("/knowledge/{}", d.id),
        |msg| form_page(&st, &s, "/knowledge".into(), 0, f, Some(msg)),
    )
    .await
}

pub async fn edit_form(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    let run = async {
        let uid = document_id(&id)?;
        let d = svc::get(&st, &s.p.caller(), uid).await?;
        let b = d.body;
        let mut f = vec![
            ("title".to_owned(), b.title),
            ("kind".into(), b.kind.as_str().into()),
            ("language".into(), b.language),
            ("summary".into(), b.summary.unwrap_or_default()),
            ("text".into(), b.text),
            ("countries".into(), b.countries.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")),
            ("instruments".into(), b.instruments.join(", ")),
            ("articles".into(), b.articles.unwrap_or_default()),
            ("source".into(), b.source.unwrap_or_default()),
            ("dated".into(), b.dated.map(|x| x.to_string()).unwrap_or_default()),
        ];
        if let liaison_domain::knowledge::Access::Network { network } = b.access {
            f.push(("network".into(), network));
        }
        f.extend(b.crime_types.iter().map(|c| ("crime_types".to_owned(), c.as_str().to_owned())));
        Ok::<_, AppError>(form_page(&st, &s, format!("/knowledge/{id}"), d.version, Fields(f), None).await)
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

pub async fn save(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let version = f.get("version").parse().unwrap_or(-1);
    let result = async {
        let uid = document_id(&id)?;
        svc::update(&st, &s.p.caller(), uid, version, input_of(&f)).await
    }
    .await;
    after(
        &st,
        &s,
        result,
        |d| format!("/knowledge/{}", d.id),
        |msg| form_page(&st, &s, format!("/knowledge/{id}"), version, f, Some(msg)),
    )
    .await
}

pub async fn withdraw(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    let result = async {
        let uid = document_id(&id)?;
        svc::withdraw(&st, &s.p.caller(), uid).await
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/knowledge").into_response(),
        Err(e) => s.ctx.fail(&st, e),
    }
}
