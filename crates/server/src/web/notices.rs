//! Notice and screening pages: the notices one may see, a new notice, an import, a notice with who screened
//! against it; the screening forms (person, document, vehicle, list with progress), a screening's hits with
//! their explanations and decisions, and the review queue.

use super::admin::Pager;
use super::forms::{Fields, Opt, countries, label, options};
use super::page::{Chrome, Signed, error_message, render};
use crate::api::notices::list_rows;
use crate::clock::format_ms;
use crate::error::AppError;
use crate::services::notices::{self as svc, Format};
use crate::services::screening::{self as scr, DocumentQuery, HitView, PersonQuery, VehicleQuery};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use liaison_domain::notice::{
    ArrestWarrant, DocumentStatus, NoticeBody, NoticeKind, NoticePerson, NoticeStatus, Sex, StolenVehicle, Subject,
    TravelDocument,
};
use liaison_domain::page::PageRequest;
use liaison_domain::{CountryCode, FieldError, HitId, NoticeId, ScreeningId};
use liaison_store::notices::{Filter, NoticeRecord};
use liaison_store::screenings::Decision;
use serde::Deserialize;

const KINDS: &[&str] = &[
    "red",
    "yellow",
    "blue",
    "black",
    "green",
    "orange",
    "purple",
    "silver",
    "un_special",
    "diffusion",
    "stolen_vehicle",
    "travel_document",
];

#[derive(Deserialize, Default)]
pub struct ListQuery {
    #[serde(default)]
    q: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    status: String,
    limit: Option<i64>,
    offset: Option<i64>,
}

pub struct NoticeRow {
    pub id: String,
    pub label: String,
    pub kind: String,
    pub kind_code: String,
    pub title: String,
    pub status: String,
    pub restricted: bool,
    pub updated: String,
}

fn row(t: &crate::i18n::Tr<'_>, n: &NoticeRecord) -> NoticeRow {
    NoticeRow {
        id: n.id.to_string(),
        label: n.body.label(),
        kind: label(t, "notice-kind", n.body.kind.as_str()),
        kind_code: n.body.kind.as_str().to_owned(),
        title: n.body.title.clone(),
        status: label(t, "notice-status", n.status.as_str()),
        restricted: !n.body.addressees.is_empty(),
        updated: format_ms(n.updated_at),
    }
}

#[derive(Template)]
#[template(path = "notices.html")]
struct NoticesPage<'a> {
    c: Chrome<'a>,
    q: String,
    kinds: Vec<Opt>,
    statuses: Vec<Opt>,
    rows: Vec<NoticeRow>,
    pager: Pager,
}

pub async fn list(State(st): State<AppState>, s: Signed, Query(q): Query<ListQuery>) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let filter = Filter {
            kind: NoticeKind::parse(&q.kind),
            status: NoticeStatus::parse(&q.status),
            q: Some(q.q.clone()).filter(|x| !x.is_empty()),
            own_only: false,
        };
        let page = svc::list(&st, &s.p.caller(), &filter, PageRequest::parse(q.limit, q.offset)?).await?;
        let rows = page.items.iter().map(|n| row(&t, n)).collect();
        let mut kinds = vec![Opt { value: String::new(), label: t.t("notice-kind-any"), selected: q.kind.is_empty() }];
        kinds.extend(options(&t, "notice-kind", KINDS.iter().copied(), &q.kind));
        let mut statuses =
            vec![Opt { value: String::new(), label: t.t("notice-status-any"), selected: q.status.is_empty() }];
        statuses.extend(options(&t, "notice-status", ["active", "cancelled", "expired"], &q.status));
        let base = format!(
            "/notices?q={}&kind={}&status={}",
            urlencoding::encode(&q.q),
            urlencoding::encode(&q.kind),
            urlencoding::encode(&q.status)
        );
        Ok::<_, AppError>(render(&NoticesPage {
            c: s.ctx.chrome(&st, "notices-title"),
            q: q.q.clone(),
            kinds,
            statuses,
            rows,
            pager: Pager::new(&page, &base),
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

/// The notice form: a new notice, or the owner's edit of one (then `version` guards against a lost update).
#[derive(Template)]
#[template(path = "notice_new.html")]
struct NewPage<'a> {
    c: Chrome<'a>,
    action: String,
    submit: String,
    version: Option<i64>,
    kinds: Vec<Opt>,
    sexes: Vec<Opt>,
    doc_statuses: Vec<Opt>,
    countries: Vec<Opt>,
    f: Fields,
    error: Option<String>,
}

/// The form for a new notice (`editing` none) or for editing one at a version.
fn form_page(st: &AppState, s: &Signed, f: Fields, editing: Option<(&str, i64)>, error: Option<String>) -> Response {
    let t = st.i18n.tr(s.ctx.locale);
    let kind = f.get("kind");
    let (title, action, submit, version) = match editing {
        Some((id, version)) => ("notice-edit-title", format!("/notices/{id}/edit"), "notice-save", Some(version)),
        None => ("notice-new-title", "/notices".to_owned(), "notice-publish", None),
    };
    render(&NewPage {
        c: s.ctx.chrome(st, title),
        action,
        submit: t.t(submit),
        version,
        kinds: options(&t, "notice-kind", KINDS.iter().copied(), if kind.is_empty() { "red" } else { &kind }),
        sexes: options(&t, "sex", ["U", "M", "F"], &f.get("sex_id")),
        doc_statuses: options(&t, "document-status", ["stolen", "lost", "revoked", "stolen_blank"], &f.get("status")),
        countries: countries(&t, &f.get("plate_country")),
        f,
        error,
    })
}

pub async fn new_form(State(st): State<AppState>, s: Signed) -> Response {
    form_page(&st, &s, Fields(Vec::new()), None, None)
}

/// The form's fields for a stored notice: what `body_of` reads back.
fn fields_of(body: &NoticeBody) -> Fields {
    let mut f: Vec<(String, String)> = Vec::new();
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            f.push((k.to_owned(), v));
        }
    };
    put("kind", Some(body.kind.as_str().to_owned()));
    put("title", Some(body.title.clone()));
    put("summary", Some(body.summary.clone()));
    put("addressees", Some(body.addressees.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")));
    put("review_date", body.review_date.map(|d| d.to_string()));
    match &body.subject {
        Subject::Person(p) => {
            put("forename", p.forename.clone());
            put("name", p.name.clone());
            put("forename_in_original_script", p.forename_in_original_script.clone());
            put("name_in_original_script", p.name_in_original_script.clone());
            put("other_names", Some(p.other_names.join("\n")));
            put("date_of_birth", p.date_of_birth.clone());
            put("nationalities", Some(p.nationalities.join(", ")));
            put("sex_id", p.sex_id.map(|x| x.as_str().to_owned()));
            put("place_of_birth", p.place_of_birth.clone());
            put("distinguishing_marks", p.distinguishing_marks.clone());
            if let Some(w) = p.arrest_warrants.first() {
                put("warrant_country", Some(w.issuing_country_id.clone()));
                put("charge", Some(w.charge.clone()));
            }
        }
        Subject::Vehicle(v) => {
            put("vin", v.vin.clone());
            put("chassis_number", v.chassis_number.clone());
            put("plate", v.plate.clone());
            put("plate_country", v.plate_country.clone());
            put("make", v.make.clone());
            put("model", v.model.clone());
            put("colour", v.colour.clone());
            put("year", v.year.map(|y| y.to_string()));
        }
        Subject::Document(d) => {
            put("document_type", Some(d.document_type.clone()));
            put("number", Some(d.number.clone()));
            put("issuing_state", Some(d.issuing_state.clone()));
            put("status", d.status.map(|x| x.as_str().to_owned()));
            put("mrz", d.mrz.clone());
            put("holder_name", d.holder_name.clone());
            put("expiry_date", d.expiry_date.clone());
        }
    }
    Fields(f)
}

fn codes(text: &str) -> Vec<String> {
    text.split([',', ' ', ';']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_ascii_uppercase).collect()
}

/// The notice the form describes; the kind decides which part of the form is read. Editing, what the form
/// does not show (aliases, identity documents, physical description, further warrants of an imported
/// notice) is kept from the stored notice.
fn body_of(f: &Fields, stored: Option<&NoticeBody>) -> Result<NoticeBody, AppError> {
    let kind =
        NoticeKind::parse(&f.get("kind")).ok_or_else(|| FieldError::new("kind", "unknown_value", "choose a kind"))?;
    let mut addressees = Vec::new();
    for c in codes(&f.get("addressees")) {
        addressees.push(CountryCode::parse(&c).map_err(|mut e| {
            e.field = "addressees".into();
            e
        })?);
    }
    let subject = match kind.subject() {
        liaison_domain::notice::SubjectKind::Person => {
            let kept = match stored.map(|b| &b.subject) {
                Some(Subject::Person(p)) => p.clone(),
                _ => NoticePerson::default(),
            };
            let mut warrants = kept.arrest_warrants.clone();
            match (f.opt("warrant_country"), f.opt("charge")) {
                (Some(c), Some(charge)) => {
                    let first =
                        ArrestWarrant { issuing_country_id: c.to_ascii_uppercase(), charge, charge_translation: None };
                    match warrants.first_mut() {
                        Some(w) if w.charge == first.charge => w.issuing_country_id = first.issuing_country_id,
                        Some(w) => *w = first,
                        None => warrants.push(first),
                    }
                }
                _ => {
                    if !warrants.is_empty() {
                        warrants.remove(0);
                    }
                }
            }
            Subject::Person(NoticePerson {
                forename: f.opt("forename"),
                name: f.opt("name"),
                forename_in_original_script: f.opt("forename_in_original_script"),
                name_in_original_script: f.opt("name_in_original_script"),
                other_names: f
                    .get("other_names")
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_owned)
                    .collect(),
                date_of_birth: f.opt("date_of_birth"),
                nationalities: codes(&f.get("nationalities")),
                sex_id: Sex::parse(&f.get("sex_id")),
                place_of_birth: f.opt("place_of_birth"),
                distinguishing_marks: f.opt("distinguishing_marks"),
                arrest_warrants: warrants,
                ..kept
            })
        }
        liaison_domain::notice::SubjectKind::Vehicle => Subject::Vehicle(StolenVehicle {
            vin: f.opt("vin"),
            chassis_number: f.opt("chassis_number"),
            plate: f.opt("plate"),
            plate_country: f.opt("plate_country"),
            make: f.opt("make"),
            model: f.opt("model"),
            colour: f.opt("colour"),
            year: f.opt("year").and_then(|y| y.parse().ok()),
        }),
        liaison_domain::notice::SubjectKind::Document => Subject::Document(TravelDocument {
            document_type: f.get("document_type"),
            number: f.get("number"),
            issuing_state: f.get("issuing_state"),
            status: DocumentStatus::parse(&f.get("status")),
            mrz: f.opt("mrz"),
            holder_name: f.opt("holder_name"),
            expiry_date: f.opt("expiry_date"),
        }),
    };
    let review_date = match f.opt("review_date") {
        Some(d) => Some(liaison_domain::date::Date::parse(&d).map_err(|mut e| {
            e.field = "review_date".into();
            e
        })?),
        None => None,
    };
    Ok(NoticeBody {
        kind,
        title: f.get("title"),
        summary: f.get("summary"),
        subject,
        addressees,
        review_date,
        source_id: stored.and_then(|b| b.source_id.clone()),
    })
}

pub async fn create(State(st): State<AppState>, s: Signed, Form(f): Form<Vec<(String, String)>>) -> Response {
    let f = Fields(f);
    let result = async { svc::create(&st, &s.p.caller(), body_of(&f, None)?).await }.await;
    match result {
        Ok(rec) => Redirect::to(&format!("/notices/{}", rec.id)).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            form_page(&st, &s, f, None, Some(msg))
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

/// The owner's form for a notice, filled with what is stored.
pub async fn edit_form(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    let run = async {
        let nid = NoticeId::parse(&id).ok_or(AppError::NotFound("notice"))?;
        svc::editable(&st, &s.p.caller(), nid).await
    };
    match run.await {
        Ok(n) => form_page(&st, &s, fields_of(&n.body), Some((&id, n.version)), None),
        Err(e) => s.ctx.fail(&st, e),
    }
}

pub async fn edit(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let version: i64 = f.get("version").parse().unwrap_or(-1);
    let result = async {
        let nid = NoticeId::parse(&id).ok_or(AppError::NotFound("notice"))?;
        let stored = svc::editable(&st, &s.p.caller(), nid).await?;
        svc::update(&st, &s.p.caller(), nid, version, body_of(&f, Some(&stored.body))?).await
    }
    .await;
    match result {
        Ok(_) => Redirect::to(&format!("/notices/{id}")).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_) | AppError::Stale(_))) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            form_page(&st, &s, f, Some((&id, version)), Some(msg))
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

pub struct HitRow {
    pub at: String,
    pub org: String,
    pub purpose: String,
    pub searched: String,
    pub score: String,
    pub decision: String,
}

pub struct Fact {
    pub label: String,
    pub value: String,
}

#[derive(Template)]
#[template(path = "notice.html")]
struct NoticePage<'a> {
    c: Chrome<'a>,
    id: String,
    n: NoticeRow,
    summary: String,
    facts: Vec<Fact>,
    names: Vec<String>,
    addressees: String,
    owner: bool,
    active: bool,
    hits: Vec<HitRow>,
    error: Option<String>,
}

fn facts(t: &crate::i18n::Tr<'_>, n: &NoticeRecord) -> (Vec<String>, Vec<Fact>) {
    let mut out = Vec::new();
    let mut put = |key: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            out.push(Fact { label: t.t(key), value: v });
        }
    };
    let names = match &n.body.subject {
        Subject::Person(p) => {
            put("field-date-of-birth", p.date_of_birth.clone());
            put("field-nationalities", Some(p.nationalities.join(", ")));
            put("field-sex", p.sex_id.map(|x| label(t, "sex", x.as_str())));
            put("field-place-of-birth", p.place_of_birth.clone());
            put("field-distinguishing-marks", p.distinguishing_marks.clone());
            for w in &p.arrest_warrants {
                put("field-warrant", Some(format!("{}: {}", w.issuing_country_id, w.charge)));
            }
            for d in &p.identity_documents {
                put("field-identity-document", Some(format!("{} {}", d.kind.clone().unwrap_or_default(), d.nr)));
            }
            p.all_names()
        }
        Subject::Vehicle(v) => {
            put("field-vin", v.vin.clone());
            put("field-chassis", v.chassis_number.clone());
            put("field-plate", v.plate.clone().map(|p| format!("{p} {}", v.plate_country.clone().unwrap_or_default())));
            put(
                "field-vehicle",
                Some([&v.make, &v.model, &v.colour].into_iter().flatten().cloned().collect::<Vec<_>>().join(" ")),
            );
            Vec::new()
        }
        Subject::Document(d) => {
            put("field-document-type", Some(d.document_type.clone()));
            put("field-number", Some(d.number.clone()));
            put("field-issuing-state", Some(d.issuing_state.clone()));
            put("field-document-status", d.status.map(|x| label(t, "document-status", x.as_str())));
            put("field-holder", d.holder_name.clone());
            Vec::new()
        }
    };
    put("field-review-date", n.body.review_date.map(|d| d.to_string()));
    (names, out)
}

async fn notice_page(st: &AppState, s: &Signed, id: &str, error: Option<String>) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let nid = NoticeId::parse(id).ok_or(AppError::NotFound("notice"))?;
        let n = svc::get(st, &s.p.caller(), nid).await?;
        let owner = s.p.org.id == n.org && s.p.user.roles.has(liaison_domain::Role::LiaisonOfficer);
        let hits = if owner {
            svc::hits(st, &s.p.caller(), nid)
                .await?
                .into_iter()
                .map(|(h, org)| HitRow {
                    at: format_ms(h.hit.created_at),
                    org,
                    purpose: h.purpose,
                    searched: h.hit.query_label,
                    score: format!("{:.2}", h.hit.score_milli as f64 / 1000.0),
                    decision: label(&t, "decision", h.hit.decision.as_str()),
                })
                .collect()
        } else {
            Vec::new()
        };
        let (names, facts) = facts(&t, &n);
        Ok::<_, AppError>(render(&NoticePage {
            c: s.ctx.chrome(st, "notice-title"),
            id: n.id.to_string(),
            n: row(&t, &n),
            summary: n.body.summary.clone(),
            facts,
            names,
            addressees: n
                .body
                .addressees
                .iter()
                .map(|c| format!("{c} · {}", c.name_in(t.code)))
                .collect::<Vec<_>>()
                .join(", "),
            owner,
            active: n.status == NoticeStatus::Active,
            hits,
            error,
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(st, e))
}

pub async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    notice_page(&st, &s, &id, None).await
}

pub async fn status(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let result = async {
        let nid = NoticeId::parse(&id).ok_or(AppError::NotFound("notice"))?;
        let to = NoticeStatus::parse(&f.get("status"))
            .ok_or_else(|| FieldError::new("status", "unknown_value", "active or cancelled"))?;
        svc::set_status(&st, &s.p.caller(), nid, to, &f.get("reason")).await
    }
    .await;
    match result {
        Ok(_) => Redirect::to(&format!("/notices/{id}")).into_response(),
        Err(e @ AppError::Invalid(_)) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            notice_page(&st, &s, &id, Some(msg)).await
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

#[derive(Template)]
#[template(path = "notice_import.html")]
struct ImportPage<'a> {
    c: Chrome<'a>,
    kinds: Vec<Opt>,
    report: Option<crate::services::notices::ImportReport>,
    error: Option<String>,
}

pub async fn import_form(State(st): State<AppState>, s: Signed) -> Response {
    let t = st.i18n.tr(s.ctx.locale);
    render(&ImportPage {
        c: s.ctx.chrome(&st, "notice-import-title"),
        kinds: options(&t, "notice-kind", KINDS.iter().copied(), "red"),
        report: None,
        error: None,
    })
}

pub async fn import(State(st): State<AppState>, s: Signed, Form(f): Form<Vec<(String, String)>>) -> Response {
    let f = Fields(f);
    let t = st.i18n.tr(s.ctx.locale);
    let result = async {
        let format = Format::parse(&f.get("format"))
            .ok_or_else(|| FieldError::new("format", "unknown_value", "interpol or ftm"))?;
        svc::import(&st, &s.p.caller(), format, NoticeKind::parse(&f.get("kind")), &f.get("data")).await
    }
    .await;
    let kinds = options(&t, "notice-kind", KINDS.iter().copied(), &f.get("kind"));
    match result {
        Ok(report) => render(&ImportPage {
            c: s.ctx.chrome(&st, "notice-import-title"),
            kinds,
            report: Some(report),
            error: None,
        }),
        Err(e @ AppError::Invalid(_)) => {
            let msg = error_message(&t, &e);
            render(&ImportPage { c: s.ctx.chrome(&st, "notice-import-title"), kinds, report: None, error: Some(msg) })
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

#[derive(Template)]
#[template(path = "screening.html")]
struct ScreeningPage<'a> {
    c: Chrome<'a>,
    f: Fields,
    error: Option<String>,
    pending: usize,
}

async fn screening_page(st: &AppState, s: &Signed, f: Fields, error: Option<String>) -> Response {
    let pending = scr::pending(st, &s.p.caller()).await.map(|p| p.len()).unwrap_or(0);
    render(&ScreeningPage { c: s.ctx.chrome(st, "screening-title"), f, error, pending })
}

pub async fn screening(State(st): State<AppState>, s: Signed) -> Response {
    screening_page(&st, &s, Fields(Vec::new()), None).await
}

/// The screening forms post here: `what` says which one.
pub async fn screen(
    State(st): State<AppState>,
    s: Signed,
    Path(what): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let caller = s.p.caller();
    let purpose = f.get("purpose");
    let threshold = f.opt("threshold").and_then(|t| t.parse::<f32>().ok());
    let result = match what.as_str() {
        "person" => {
            let q =
                PersonQuery { name: f.get("name"), birth_date: f.opt("birth_date"), nationality: f.opt("nationality") };
            scr::person(&st, &caller, &q, &purpose, threshold).await
        }
        "document" => {
            let q = DocumentQuery { mrz: f.opt("mrz"), number: f.opt("number"), issuing_state: f.opt("issuing_state") };
            scr::document(&st, &caller, &q, &purpose).await
        }
        "vehicle" => {
            scr::vehicle(&st, &caller, &VehicleQuery { vin: f.opt("vin"), plate: f.opt("plate") }, &purpose).await
        }
        "list" => match list_rows(&f.get("list")) {
            Ok(rows) => scr::list(&st, &caller, &rows, &purpose, threshold, &|_| {}).await,
            Err(e) => Err(e),
        },
        _ => Err(AppError::NotFound("screening form")),
    };
    match result {
        Ok(out) => Redirect::to(&format!("/screenings/{}", out.screening.id)).into_response(),
        Err(e @ AppError::Invalid(_)) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            screening_page(&st, &s, f, Some(msg)).await
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

pub struct Part {
    pub query: String,
    pub record: String,
    pub how: String,
    pub similarity: String,
}

pub struct ResultRow {
    pub id: String,
    pub row: String,
    pub searched: String,
    pub score: String,
    pub notice_id: String,
    pub notice_label: String,
    pub kind: String,
    pub kind_code: String,
    pub parts: Vec<Part>,
    pub evidence: String,
    pub pending: bool,
    pub decision: String,
}

fn result_row(t: &crate::i18n::Tr<'_>, h: &HitView) -> ResultRow {
    let e: serde_json::Value = serde_json::from_str(&h.hit.explanation).unwrap_or_default();
    let parts = e["parts"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| Part {
            query: p["query"].as_str().unwrap_or_default().to_owned(),
            record: p["record"].as_str().unwrap_or_default().to_owned(),
            how: label(t, "match-how", p["how"].as_str().unwrap_or_default()),
            similarity: format!("{:.2}", p["similarity"].as_f64().unwrap_or_default()),
        })
        .collect();
    let evidence = if e["exact"].as_bool() == Some(true) {
        t.t("match-exact")
    } else {
        format!(
            "{} · {}",
            label(t, "match-date", e["birth_date"].as_str().unwrap_or("unknown")),
            label(t, "match-nationality", e["nationality"].as_str().unwrap_or("unknown"))
        )
    };
    ResultRow {
        id: h.hit.id.to_string(),
        row: h.hit.query_row.map(|r| r.to_string()).unwrap_or_default(),
        searched: h.hit.query_label.clone(),
        score: format!("{:.2}", h.hit.score_milli as f64 / 1000.0),
        notice_id: h.notice.id.to_string(),
        notice_label: h.notice.body.label(),
        kind: label(t, "notice-kind", h.notice.body.kind.as_str()),
        kind_code: h.notice.body.kind.as_str().to_owned(),
        parts,
        evidence,
        pending: h.hit.decision == Decision::Pending,
        decision: label(t, "decision", h.hit.decision.as_str()),
    }
}

#[derive(Template)]
#[template(path = "screening_result.html")]
struct ResultPage<'a> {
    c: Chrome<'a>,
    id: String,
    kind: String,
    purpose: String,
    queries: i64,
    at: String,
    threshold: String,
    algorithm: String,
    rows: Vec<ResultRow>,
    back: String,
}

pub async fn result(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let sid = ScreeningId::parse(&id).ok_or(AppError::NotFound("screening"))?;
        let out = scr::get(&st, &s.p.caller(), sid).await?;
        Ok::<_, AppError>(render(&ResultPage {
            c: s.ctx.chrome(&st, "screening-result-title"),
            id: out.screening.id.to_string(),
            kind: label(&t, "screening-kind", &out.screening.kind),
            purpose: out.screening.purpose.clone(),
            queries: out.screening.queries,
            at: format_ms(out.screening.created_at),
            threshold: format!("{:.2}", out.screening.threshold_milli as f64 / 1000.0),
            algorithm: out.screening.algorithm.clone(),
            rows: out.hits.iter().map(|h| result_row(&t, h)).collect(),
            back: format!("/screenings/{}", out.screening.id),
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

#[derive(Template)]
#[template(path = "review.html")]
struct ReviewPage<'a> {
    c: Chrome<'a>,
    rows: Vec<ResultRow>,
    back: String,
}

pub async fn review(State(st): State<AppState>, s: Signed) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let hits = scr::pending(&st, &s.p.caller()).await?;
        Ok::<_, AppError>(render(&ReviewPage {
            c: s.ctx.chrome(&st, "review-title"),
            rows: hits.iter().map(|h| result_row(&t, h)).collect(),
            back: "/screenings/review".into(),
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

pub async fn decide(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let result = async {
        let hid = HitId::parse(&id).ok_or(AppError::NotFound("hit"))?;
        let d = match Decision::parse(&f.get("decision")) {
            Some(d @ (Decision::Confirmed | Decision::FalsePositive)) => d,
            _ => return Err(FieldError::new("decision", "unknown_value", "confirmed or false_positive").into()),
        };
        scr::decide(&st, &s.p.caller(), hid, d, f.opt("note").as_deref()).await
    }
    .await;
    match result {
        Ok(hit) => {
            // Only back to a screening page: never an address from the form elsewhere.
            let back = f
                .opt("back")
                .filter(|b| {
                    b.starts_with("/screenings/")
                        && b[1..].chars().all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-')
                })
                .unwrap_or_else(|| format!("/screenings/{}", hit.screening));
            Redirect::to(&back).into_response()
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}
