//! Request pages: the registry (outgoing and incoming), the unanswered backlog, a request with its
//! findings, deadlines, timeline and the steps the reader may take, and the writer, step by step.

use super::admin::Pager;
use super::forms::{Fields, Opt, countries, field_label, label, options};
use super::page::{Chrome, Signed, error_message, render};
use crate::clock::format_ms;
use crate::error::AppError;
use crate::services::requests::{self as svc, RegistryQuery, RequestView, StepInput};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use liaison_domain::date::Date;
use liaison_domain::legal_basis::CooperationType;
use liaison_domain::page::PageRequest;
use liaison_domain::policy::Actor;
use liaison_domain::request::completeness::{Severity, WriterStep};
use liaison_domain::request::lifecycle::{self, StepContext};
use liaison_domain::request::{Draft, ExtraditionPurpose, Measure, Side, Transition, Urgency, refusal};
use liaison_domain::{CountryCode, FieldError, Invalid, RequestId};
use serde::Deserialize;

fn request_id(s: &str) -> Result<RequestId, AppError> {
    RequestId::parse(s).ok_or(AppError::NotFound("request"))
}

#[derive(Deserialize, Default)]
pub struct RegistryParams {
    #[serde(default)]
    direction: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    kind: String,
    #[serde(default)]
    country: String,
    #[serde(default)]
    q: String,
    #[serde(default)]
    pending: String,
    limit: Option<i64>,
    offset: Option<i64>,
}

pub struct RegistryRow {
    pub id: String,
    pub reference: String,
    pub their_reference: String,
    pub kind: String,
    pub country: String,
    pub status: String,
    pub status_code: String,
    pub urgency: String,
    pub sent: String,
    pub age_days: String,
}

#[derive(Template)]
#[template(path = "requests.html")]
struct RegistryPage<'a> {
    c: Chrome<'a>,
    incoming: bool,
    q: String,
    pending: bool,
    statuses: Vec<Opt>,
    kinds: Vec<Opt>,
    countries: Vec<Opt>,
    rows: Vec<RegistryRow>,
    pager: Pager,
}

pub async fn registry(State(st): State<AppState>, s: Signed, Query(p): Query<RegistryParams>) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let incoming = p.direction == "incoming";
        let pending = p.pending == "on" || p.pending == "true";
        let q = RegistryQuery {
            incoming,
            status: Some(p.status.clone()),
            kind: Some(p.kind.clone()),
            country: Some(p.country.clone()),
            q: Some(p.q.clone()),
            pending_only: pending,
        };
        let page = svc::list(&st, &s.p.caller(), q, PageRequest::parse(p.limit, p.offset)?).await?;
        let now = st.now();
        let rows = page
            .items
            .iter()
            .map(|r| {
                let counterpart = if incoming { r.requesting_country } else { r.requested_country() };
                RegistryRow {
                    id: r.id.to_string(),
                    reference: r.our_reference.clone(),
                    their_reference: r.their_reference.clone().unwrap_or_default(),
                    kind: label(&t, "kind", r.kind().as_str()),
                    country: format!("{counterpart} · {}", counterpart.name_in(t.code)),
                    status: label(&t, "req-status", r.status.as_str()),
                    status_code: r.status.as_str().into(),
                    urgency: label(&t, "urgency", r.urgency().as_str()),
                    sent: r.sent_at.map(format_ms).unwrap_or_default(),
                    age_days: match (r.sent_at, r.closed_at) {
                        (Some(s), None) => ((now - s) / 86_400_000).to_string(),
                        _ => String::new(),
                    },
                }
            })
            .collect();
        let base = format!(
            "/requests?direction={}&status={}&kind={}&country={}&q={}&pending={}",
            if incoming { "incoming" } else { "outgoing" },
            p.status,
            p.kind,
            p.country,
            urlencoding::encode(&p.q),
            if pending { "on" } else { "" }
        );
        let mut statuses = vec![Opt { value: String::new(), label: "—".into(), selected: p.status.is_empty() }];
        statuses.extend(options(
            &t,
            "req-status",
            liaison_domain::request::Status::ALL.iter().map(|s| s.as_str()),
            &p.status,
        ));
        let mut kinds = vec![Opt { value: String::new(), label: "—".into(), selected: p.kind.is_empty() }];
        kinds.extend(options(&t, "kind", CooperationType::ALL.iter().map(|k| k.as_str()), &p.kind));
        let mut cs = vec![Opt { value: String::new(), label: "—".into(), selected: p.country.is_empty() }];
        cs.extend(countries(&t, &p.country));
        Ok::<_, AppError>(render(&RegistryPage {
            c: s.ctx.chrome(&st, if incoming { "requests-incoming-title" } else { "requests-title" }),
            incoming,
            q: p.q.clone(),
            pending,
            statuses,
            kinds,
            countries: cs,
            rows,
            pager: Pager::new(&page, &base),
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

pub struct BacklogRow {
    pub code: String,
    pub country: String,
    pub count: i64,
    pub oldest: String,
    pub age_days: i64,
    pub overdue: i64,
}

#[derive(Template)]
#[template(path = "unanswered.html")]
struct UnansweredPage<'a> {
    c: Chrome<'a>,
    rows: Vec<BacklogRow>,
}

pub async fn unanswered(State(st): State<AppState>, s: Signed) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let now = st.now();
        let rows = svc::unanswered(&st, &s.p.caller())
            .await?
            .into_iter()
            .map(|b| BacklogRow {
                code: b.country.to_string(),
                country: format!("{} · {}", b.country, b.country.name_in(t.code)),
                count: b.count,
                oldest: format_ms(b.oldest_sent_at),
                age_days: (now - b.oldest_sent_at) / 86_400_000,
                overdue: b.overdue,
            })
            .collect();
        Ok::<_, AppError>(render(&UnansweredPage { c: s.ctx.chrome(&st, "unanswered-title"), rows }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

pub struct FindingRow {
    pub field: String,
    pub severity: String,
    pub severity_code: &'static str,
    pub text: String,
    pub detail: String,
    pub source: String,
    pub step: &'static str,
}

pub struct StepTab {
    pub code: &'static str,
    pub label: String,
    pub blocking: usize,
    pub current: bool,
}

pub struct EventRow {
    pub at: String,
    pub actor: String,
    pub what: String,
    pub on_behalf: bool,
    pub comment: String,
}

pub struct DeadlineRow {
    pub kind: String,
    pub due: String,
    pub state: String,
    pub overdue: bool,
}

pub struct Action {
    pub step: &'static str,
    pub label: String,
    pub needs_comment: bool,
    pub grounds: Vec<Opt>,
    pub their_reference: bool,
    pub on_behalf: bool,
}

pub struct Line {
    pub label: String,
    pub value: String,
}

pub struct FileRow {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub side: String,
    pub size: String,
    pub sha256: String,
    pub by: String,
    pub at: String,
    pub note: String,
}

pub struct RouteRow {
    pub network: String,
    pub name: String,
    pub contacts: String,
    pub can: bool,
}

#[derive(Template)]
#[template(path = "request.html")]
struct RequestPage<'a> {
    c: Chrome<'a>,
    id: String,
    version: i64,
    reference: String,
    status: String,
    status_code: String,
    side_requesting: bool,
    case_link: Option<String>,
    summary: Vec<Line>,
    content: Vec<Line>,
    persons: Vec<Line>,
    findings: Vec<FindingRow>,
    tabs: Vec<StepTab>,
    deadlines: Vec<DeadlineRow>,
    events: Vec<EventRow>,
    actions: Vec<Action>,
    can_edit: bool,
    supplements: Vec<Line>,
    can_supplement: bool,
    /// Central authority officers keep the organisation's templates.
    can_template: bool,
    /// Networks to escalate through, when a deadline is overdue.
    routes: Vec<RouteRow>,
    files: Vec<FileRow>,
    can_attach: bool,
    attachment_kinds: Vec<Opt>,
    /// Formal documents the reader may print: (kind, label).
    documents: Vec<(&'static str, String)>,
    error: Option<String>,
}

fn findings_rows(t: &crate::i18n::Tr<'_>, v: &RequestView) -> Vec<FindingRow> {
    v.findings
        .iter()
        .map(|f| FindingRow {
            field: field_label(t, &f.field),
            severity: label(
                t,
                "severity",
                match f.severity {
                    Severity::Missing => "missing",
                    Severity::Inconsistent => "inconsistent",
                    Severity::Advice => "advice",
                },
            ),
            severity_code: match f.severity {
                Severity::Missing => "missing",
                Severity::Inconsistent => "inconsistent",
                Severity::Advice => "advice",
            },
            text: label(t, "finding", f.code),
            detail: f.message.clone(),
            source: f.source.clone().unwrap_or_default(),
            step: f.step().as_str(),
        })
        .collect()
}

fn tabs(t: &crate::i18n::Tr<'_>, v: &RequestView, current: Option<WriterStep>) -> Vec<StepTab> {
    WriterStep::ALL
        .iter()
        .map(|s| StepTab {
            code: s.as_str(),
            label: label(t, "writer-step", s.as_str()),
            blocking: v.findings.iter().filter(|f| f.step() == *s && f.blocks()).count(),
            current: Some(*s) == current,
        })
        .collect()
}

/// The steps the reader could take now: the lifecycle's answer for their side and roles.
fn actions(t: &crate::i18n::Tr<'_>, v: &RequestView, actor: &Actor) -> Vec<Action> {
    let cited = &v.record.draft.legal_basis;
    // Before sending, the findings decide; marking ready or sending is offered only when nothing blocks.
    let complete = !v.findings.iter().any(|f| f.blocks());
    v.next_steps
        .iter()
        .filter(|step| {
            let cx = StepContext {
                side: v.side,
                roles: &actor.roles,
                counterpart_on_installation: v.counterpart_on_installation,
                complete,
                comment: "x",
                grounds: &["other".to_string()],
            };
            lifecycle::step(v.record.status, **step, &cx).is_ok()
        })
        .map(|step| Action {
            step: step.as_str(),
            label: label(t, "step", step.as_str()),
            needs_comment: step.needs_comment(),
            grounds: if *step == Transition::Refuse {
                refusal::applicable(v.record.kind(), cited)
                    .into_iter()
                    .map(|(g, arts)| Opt {
                        value: g.code.into(),
                        label: format!(
                            "{}{}",
                            label(t, "ground", g.code),
                            if arts.is_empty() { String::new() } else { format!(" ({})", arts.join("; ")) }
                        ),
                        selected: false,
                    })
                    .collect()
            } else {
                Vec::new()
            },
            their_reference: matches!(step, Transition::Receive | Transition::Acknowledge),
            on_behalf: step.side() != v.side,
        })
        .collect()
}

async fn request_page(st: &AppState, s: &Signed, id: &str, error: Option<String>) -> Response {
    let run = async {
        let v = svc::get(st, &s.p.caller(), request_id(id)?).await?;
        let t = st.i18n.tr(s.ctx.locale);
        let r = &v.record;
        let d = &r.draft;
        let today = Date::of_ms(st.now());
        let country = |c: CountryCode| format!("{c} · {}", c.name_in(t.code));
        let mut summary = vec![
            Line { label: t.t("field-kind"), value: label(&t, "kind", r.kind().as_str()) },
            Line { label: t.t("field-requesting-country"), value: country(r.requesting_country) },
            Line { label: t.t("field-requested-country"), value: country(r.requested_country()) },
            Line { label: t.t("field-urgency"), value: label(&t, "urgency", r.urgency().as_str()) },
        ];
        if let Some(o) = &v.requesting_org {
            summary.push(Line { label: t.t("field-requesting-authority"), value: o.name.to_string() });
        }
        if let Some(o) = &v.requested_org {
            summary.push(Line { label: t.t("field-requested-authority"), value: o.name.to_string() });
        } else if let Some(a) = &d.requested_authority {
            summary.push(Line { label: t.t("field-requested-authority"), value: a.clone() });
        }
        if let Some(their) = &r.their_reference {
            summary.push(Line { label: t.t("field-their-reference"), value: their.clone() });
        }
        if !d.legal_basis.is_empty() || d.reciprocity {
            let mut basis: Vec<String> = d.legal_basis.clone();
            if d.reciprocity {
                basis.push(t.t("field-reciprocity"));
            }
            summary.push(Line { label: t.t("field-legal-basis"), value: basis.join("; ") });
        }
        if !d.measures.is_empty() {
            summary.push(Line {
                label: t.t("field-measures"),
                value: d.measures.iter().map(|m| label(&t, "measure", m.as_str())).collect::<Vec<_>>().join(", "),
            });
        }
        if let Some(p) = &r.parent {
            summary.push(Line { label: t.t("field-supplements"), value: p.to_string() });
        }
        if !r.refusal_grounds.is_empty() {
            summary.push(Line {
                label: t.t("field-refusal-grounds"),
                value: r.refusal_grounds.iter().map(|g| label(&t, "ground", g)).collect::<Vec<_>>().join("; "),
            });
        }
        let content: Vec<Line> = [
            ("field-subject", &d.subject),
            ("field-facts", &d.facts),
            ("field-assistance-sought", &d.assistance_sought),
            ("field-purpose", &d.purpose),
            ("field-procedure", &d.procedure),
            ("field-decision", &d.decision),
            ("field-penalty", &d.penalty),
            ("field-questions", &d.measure_details.questions),
        ]
        .into_iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| Line { label: t.t(k), value: v.clone() })
        .collect();
        let persons = v
            .cited
            .persons
            .iter()
            .map(|p| Line {
                label: label(&t, "person-role", p.role.as_str()),
                value: if p.name_latin.is_empty() { p.name.clone() } else { format!("{} ({})", p.name, p.name_latin) },
            })
            .collect();
        let deadlines = v
            .deadlines
            .iter()
            .map(|dl| {
                let overdue =
                    dl.met_at.is_none() && today.is_some_and(|t| Date::parse(&dl.due).is_ok_and(|due| due < t));
                DeadlineRow {
                    kind: label(&t, "deadline", dl.kind.as_str()),
                    due: dl.due.clone(),
                    state: match dl.met_at {
                        Some(m) => format!("{} {}", t.t("deadline-met"), format_ms(m)),
                        None if overdue => t.t("deadline-overdue"),
                        None => t.t("deadline-open"),
                    },
                    overdue,
                }
            })
            .collect();
        let events = v
            .events
            .iter()
            .map(|e| EventRow {
                at: format_ms(e.at_ms),
                actor: e.actor_label.clone(),
                what: match e.to_status {
                    Some(to) => format!("{} → {}", label(&t, "event", &e.kind), label(&t, "req-status", to.as_str())),
                    None => label(&t, "event", &e.kind),
                },
                on_behalf: e.on_behalf,
                comment: e.comment.clone(),
            })
            .collect();
        let actor = &s.p.actor;
        let overdue = v
            .deadlines
            .iter()
            .any(|d| d.met_at.is_none() && today.is_some_and(|t| Date::parse(&d.due).is_ok_and(|due| due < t)));
        let routes = if overdue
            && v.side == Side::Requesting
            && actor.roles.has(liaison_domain::Role::CentralAuthorityOfficer)
        {
            crate::services::chasing::escalation_routes(st, &s.p.caller(), r.id)
                .await?
                .into_iter()
                .map(|route| RouteRow {
                    can: route.contacts.iter().any(|(_, _, c)| c.email.is_some()),
                    contacts: route
                        .contacts
                        .iter()
                        .map(|(_, a, c)| format!("{} ({a})", c.name))
                        .collect::<Vec<_>>()
                        .join("; "),
                    network: route.network,
                    name: route.network_name,
                })
                .collect()
        } else {
            Vec::new()
        };
        let files = crate::services::attachments::list(st, &s.p.caller(), r.id)
            .await?
            .into_iter()
            .map(|a| FileRow {
                size: super::files::size(a.size),
                kind: label(&t, "attachment", &a.kind),
                side: label(&t, "side", &a.side),
                at: format_ms(a.created_at),
                id: a.id,
                name: a.name,
                sha256: a.sha256,
                by: a.uploaded_by_label,
                note: a.note,
            })
            .collect();
        let can_attach = r.status != liaison_domain::request::Status::Withdrawn
            && match v.side {
                Side::Requesting => {
                    actor.roles.has(liaison_domain::Role::CentralAuthorityOfficer)
                        || actor.roles.has(liaison_domain::Role::Prosecutor)
                }
                Side::Requested => actor.roles.has(liaison_domain::Role::CentralAuthorityOfficer),
            };
        let page = RequestPage {
            files,
            can_attach,
            attachment_kinds: options(
                &t,
                "attachment",
                crate::services::attachments::KINDS,
                if v.side == Side::Requested { "result" } else { "annex" },
            ),
            c: s.ctx.chrome(st, "request-title"),
            id: r.id.to_string(),
            version: r.version,
            reference: r.our_reference.clone(),
            status: label(&t, "req-status", r.status.as_str()),
            status_code: r.status.as_str().into(),
            side_requesting: v.side == Side::Requesting,
            case_link: v.case.as_ref().map(|c| format!("/cases/{}", c.id)),
            summary,
            content,
            persons,
            findings: findings_rows(&t, &v),
            tabs: tabs(&t, &v, None),
            deadlines,
            events,
            actions: actions(&t, &v, actor),
            can_edit: v.side == Side::Requesting && r.status == liaison_domain::request::Status::Draft,
            supplements: v
                .supplements
                .iter()
                .map(|x| Line { label: x.id.to_string(), value: x.our_reference.clone() })
                .collect(),
            can_supplement: v.side == Side::Requesting && r.status.is_pending_abroad(),
            routes,
            can_template: v.side == Side::Requesting && actor.roles.has(liaison_domain::Role::CentralAuthorityOfficer),
            documents: {
                let mut docs = Vec::new();
                let ours = v.side == Side::Requesting;
                if ours && d.language.is_some() {
                    docs.push(("request", t.t("document-request")));
                }
                if ours && r.status.is_pending_abroad() {
                    docs.push(("reminder", t.t("document-reminder")));
                }
                let acknowledged = matches!(
                    r.status,
                    liaison_domain::request::Status::Received
                        | liaison_domain::request::Status::Acknowledged
                        | liaison_domain::request::Status::InExecution
                );
                if acknowledged && (!ours || !v.counterpart_on_installation) {
                    docs.push(("acknowledgement", t.t("document-acknowledgement")));
                }
                docs
            },
            error,
        };
        Ok::<_, AppError>(render(&page))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(st, e))
}

pub async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    request_page(&st, &s, &id, None).await
}

pub async fn step(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let run = async {
        let step = Transition::parse(&f.get("step"))
            .ok_or_else(|| FieldError::new("step", "unknown_value", "unknown step"))?;
        let input = StepInput {
            step,
            comment: f.get("comment"),
            grounds: f.all("grounds"),
            their_reference: f.opt("their_reference"),
            version: Some(f.version()),
        };
        svc::transition(&st, &s.p.caller(), request_id(&id)?, input).await
    };
    match run.await {
        Ok(_) => Redirect::to(&format!("/requests/{id}")).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_) | AppError::Stale(_) | AppError::Step(_))) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            request_page(&st, &s, &id, Some(msg)).await
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

/// Starts a supplementary request to a request already sent.
pub async fn supplement(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    let run = async {
        let caller = s.p.caller();
        let v = svc::get(&st, &caller, request_id(&id)?).await?;
        let case = v.case.as_ref().ok_or(AppError::NotFound("case"))?;
        let input = svc::NewRequest {
            case: case.id,
            kind: v.record.kind().as_str().into(),
            requested_country: v.record.requested_country().to_string(),
            template: None,
            supplements: Some(v.record.id),
        };
        svc::create(&st, &caller, input).await
    };
    match run.await {
        Ok(r) => Redirect::to(&format!("/requests/{}/write/basics", r.id)).into_response(),
        Err(e @ AppError::Invalid(_)) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            request_page(&st, &s, &id, Some(msg)).await
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

/// A checkbox in the writer.
pub struct Check {
    pub value: String,
    pub label: String,
    pub checked: bool,
    pub note: String,
}

#[derive(Template)]
#[template(path = "writer.html")]
struct WriterPage<'a> {
    c: Chrome<'a>,
    id: String,
    version: i64,
    reference: String,
    step: &'static str,
    next: Option<&'static str>,
    tabs: Vec<StepTab>,
    findings: Vec<FindingRow>,
    d: Draft,
    kind: &'static str,
    kinds: Vec<Opt>,
    purposes: Vec<Opt>,
    measures: Vec<Check>,
    countries: Vec<Opt>,
    authorities: Vec<Opt>,
    urgencies: Vec<Opt>,
    deadline: String,
    provisional_arrest: String,
    bases: Vec<Check>,
    reciprocity_note: String,
    languages: Vec<Opt>,
    second_languages: Vec<Opt>,
    offences: Vec<Check>,
    persons: Vec<Check>,
    assets: Vec<Check>,
    annexes: String,
    error: Option<String>,
}

impl WriterPage<'_> {
    fn wants(&self, m: &str) -> bool {
        self.d.measures.iter().any(|x| x.as_str() == m)
    }
    fn hearing(&self) -> bool {
        self.d.measures.iter().any(|m| m.is_hearing())
    }
    fn conf(&self, v: &str) -> bool {
        match self.d.confidentiality {
            Some(true) => v == "yes",
            Some(false) => v == "no",
            None => false,
        }
    }
    fn consent_is(&self, v: &str) -> bool {
        match self.d.consent {
            Some(true) => v == "yes",
            Some(false) => v == "no",
            None => false,
        }
    }
}

fn opt_none(t: &crate::i18n::Tr<'_>) -> Opt {
    Opt { value: String::new(), label: t.t("option-none"), selected: false }
}

async fn writer_page(st: &AppState, s: &Signed, id: &str, step: WriterStep, error: Option<String>) -> Response {
    let run = async {
        let v = svc::get(st, &s.p.caller(), request_id(id)?).await?;
        if v.side != Side::Requesting || v.record.status != liaison_domain::request::Status::Draft {
            return Ok(Redirect::to(&format!("/requests/{id}")).into_response());
        }
        let t = st.i18n.tr(s.ctx.locale);
        let d = v.record.draft.clone();
        let Some(case) = v.case.as_ref().map(|c| c.case.clone()) else {
            return Ok(Redirect::to(&format!("/requests/{id}")).into_response());
        };
        let loaded = crate::services::reference::loaded(st).await?;
        let mut authorities = vec![opt_none(&t)];
        authorities.extend(loaded.entries.iter().filter(|e| e.authority.country == d.requested_country).map(|e| Opt {
            value: e.authority.id.clone(),
            label: match &e.authority.name_en {
                Some(en) => format!("{} ({en})", e.authority.name),
                None => e.authority.name.clone(),
            },
            selected: d.requested_authority.as_deref() == Some(e.authority.id.as_str()),
        }));
        let mut bases: Vec<Check> = Vec::new();
        let mut reciprocity_note = String::new();
        if let Some(a) = &v.answer {
            for b in &a.bases {
                let langs: Vec<String> = b
                    .requested_declarations
                    .iter()
                    .filter(|x| !x.languages.is_empty())
                    .map(|x| format!("{}: {}", x.article, x.languages.join(", ")))
                    .collect();
                bases.push(Check {
                    value: b.instrument.clone(),
                    label: format!("{} — {}", b.short, b.title),
                    checked: d.legal_basis.contains(&b.instrument),
                    note: format!(
                        "{}{}",
                        b.explanation,
                        if langs.is_empty() {
                            String::new()
                        } else {
                            format!(" · {}: {}", t.t("field-languages"), langs.join("; "))
                        }
                    ),
                });
            }
            reciprocity_note = a.reciprocity.clone().unwrap_or_default();
        }
        // Instruments cited that no longer bind (e.g. the state changed): still shown, so they can be unticked.
        let unlisted: Vec<String> =
            d.legal_basis.iter().filter(|i| !bases.iter().any(|b| &b.value == *i)).cloned().collect();
        for id in unlisted {
            bases.push(Check { value: id.clone(), label: id, checked: true, note: t.t("finding-not-binding") });
        }
        let langs = |sel: &Option<String>| super::forms::document_languages(&t, sel.as_deref());
        let checks = |items: Vec<(String, String)>, chosen: &[String]| -> Vec<Check> {
            items
                .into_iter()
                .map(|(k, l)| Check { checked: chosen.contains(&k), value: k, label: l, note: String::new() })
                .collect()
        };
        let page = WriterPage {
            c: s.ctx.chrome(st, "writer-title"),
            id: id.to_string(),
            version: v.record.version,
            reference: v.record.our_reference.clone(),
            step: step.as_str(),
            next: WriterStep::ALL.iter().skip_while(|x| **x != step).nth(1).map(|x| x.as_str()),
            tabs: tabs(&t, &v, Some(step)),
            findings: findings_rows(&t, &v).into_iter().filter(|f| f.step == step.as_str()).collect(),
            kind: d.kind.as_str(),
            kinds: options(&t, "kind", CooperationType::ALL.iter().map(|k| k.as_str()), d.kind.as_str()),
            purposes: {
                let mut o = vec![opt_none(&t)];
                o.extend(options(
                    &t,
                    "purpose",
                    ExtraditionPurpose::ALL.iter().map(|p| p.as_str()),
                    d.extradition_purpose.map(|p| p.as_str()).unwrap_or(""),
                ));
                o
            },
            measures: Measure::ALL
                .iter()
                .filter(|m| m.fits(d.kind))
                .map(|m| Check {
                    value: m.as_str().into(),
                    label: label(&t, "measure", m.as_str()),
                    checked: d.measures.contains(m),
                    note: String::new(),
                })
                .collect(),
            countries: countries(&t, d.requested_country.as_str()),
            authorities,
            urgencies: options(&t, "urgency", Urgency::ALL.iter().map(|u| u.as_str()), d.urgency.as_str()),
            deadline: d.deadline.map(|x| x.to_string()).unwrap_or_default(),
            provisional_arrest: d.provisional_arrest.map(|x| x.to_string()).unwrap_or_default(),
            bases,
            reciprocity_note,
            languages: langs(&d.language),
            second_languages: langs(&d.second_language),
            offences: checks(
                case.offences
                    .iter()
                    .map(|o| {
                        (
                            o.key.clone(),
                            format!("{} — {} ({})", o.key, o.description, label(&t, "offence", o.category.as_str())),
                        )
                    })
                    .collect(),
                &d.offences,
            ),
            persons: checks(
                case.persons
                    .iter()
                    .map(|p| {
                        (
                            p.key.clone(),
                            format!("{} — {} ({})", p.key, p.name, label(&t, "person-role", p.role.as_str())),
                        )
                    })
                    .collect(),
                &d.persons,
            ),
            assets: checks(
                case.assets
                    .iter()
                    .map(|a| (a.key.clone(), format!("{} — {} {}", a.key, a.description, a.identifier)))
                    .collect(),
                &d.assets,
            ),
            annexes: d.annexes.join("\n"),
            d,
            error,
        };
        Ok::<_, AppError>(render(&page))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(st, e))
}

pub async fn write(State(st): State<AppState>, s: Signed, Path((id, step)): Path<(String, String)>) -> Response {
    match WriterStep::parse(&step) {
        Some(w) => writer_page(&st, &s, &id, w, None).await,
        None => s.ctx.fail(&st, AppError::NotFound("step")),
    }
}

fn parse_opt<T>(inv: &mut Invalid, field: &str, v: Option<String>, parse: impl Fn(&str) -> Option<T>) -> Option<T> {
    let v = v?;
    let r = parse(&v);
    if r.is_none() {
        inv.push(FieldError::new(field, "unknown_value", format!("unknown value '{v}'")));
    }
    r
}

/// Applies the fields of one writer step to the draft.
fn apply(step: WriterStep, d: &mut Draft, f: &Fields) -> Result<(), AppError> {
    let mut inv = Invalid::default();
    match step {
        WriterStep::Basics => {
            if let Some(k) = parse_opt(&mut inv, "kind", f.opt("kind"), CooperationType::parse) {
                d.kind = k;
            }
            d.extradition_purpose =
                parse_opt(&mut inv, "extradition_purpose", f.opt("extradition_purpose"), ExtraditionPurpose::parse);
            d.measures = f
                .all("measures")
                .iter()
                .filter_map(|m| parse_opt(&mut inv, "measures", Some(m.clone()), Measure::parse))
                .collect();
            if let Some(c) =
                f.opt("requested_country").and_then(|c| inv.check("requested_country", CountryCode::parse(&c)))
            {
                if c != d.requested_country {
                    d.requested_authority = None;
                }
                d.requested_country = c;
            }
            if f.has("requested_authority") {
                d.requested_authority = f.opt("requested_authority");
            }
            if let Some(u) = parse_opt(&mut inv, "urgency", f.opt("urgency"), Urgency::parse) {
                d.urgency = u;
            }
            d.urgency_reason = f.get("urgency_reason");
            d.deadline = f.opt("deadline").and_then(|x| inv.check("deadline", Date::parse(&x)));
            d.provisional_arrest =
                f.opt("provisional_arrest").and_then(|x| inv.check("provisional_arrest", Date::parse(&x)));
        }
        WriterStep::LegalBasis => {
            d.legal_basis = f.all("legal_basis");
            d.reciprocity = f.has("reciprocity");
            d.language = f.opt("language");
            d.second_language = f.opt("second_language");
        }
        WriterStep::Content => {
            d.subject = f.get("subject");
            d.facts = f.get("facts");
            d.offences = f.all("offences");
            d.assistance_sought = f.get("assistance_sought");
            d.purpose = f.get("purpose");
            d.procedure = f.get("procedure");
            d.confidentiality = f.yes_no("confidentiality");
            d.confidentiality_reason = f.get("confidentiality_reason");
        }
        WriterStep::Particulars => {
            d.persons = f.all("persons");
            d.assets = f.all("assets");
            let md = &mut d.measure_details;
            for (name, slot) in [
                ("questions", &mut md.questions),
                ("video_link", &mut md.video_link),
                ("premises", &mut md.premises),
                ("accounts", &mut md.accounts),
                ("telecom", &mut md.telecom),
                ("service", &mut md.service),
                ("operation", &mut md.operation),
                ("transfer", &mut md.transfer),
                ("sharing", &mut md.sharing),
            ] {
                if f.has(name) {
                    *slot = f.get(name);
                }
            }
            for (name, slot) in
                [("decision", &mut d.decision), ("penalty", &mut d.penalty), ("assurances", &mut d.assurances)]
            {
                if f.has(name) {
                    *slot = f.get(name);
                }
            }
            if f.has("consent") {
                d.consent = f.yes_no("consent");
            }
        }
        WriterStep::Signature => {
            d.annexes = f.get("annexes").lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_string).collect();
            d.signatory_name = f.get("signatory_name");
            d.signatory_position = f.get("signatory_position");
        }
    }
    inv.into_result().map_err(AppError::from)
}

/// Saves one step. `go` says where to go next: the same step, the next one, or the request page.
pub async fn save(
    State(st): State<AppState>,
    s: Signed,
    Path((id, step)): Path<(String, String)>,
    headers: axum::http::HeaderMap,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let autosave = headers.contains_key("x-autosave");
    let Some(w) = WriterStep::parse(&step) else { return s.ctx.fail(&st, AppError::NotFound("step")) };
    let run = async {
        let caller = s.p.caller();
        let rid = request_id(&id)?;
        let v = svc::get(&st, &caller, rid).await?;
        let mut d = v.record.draft.clone();
        apply(w, &mut d, &f)?;
        svc::edit(&st, &caller, rid, f.version(), d).await
    };
    let result = run.await;
    if autosave {
        // The writer's script saves in the background and wants the new version, or the reason.
        return match result {
            Ok(r) => axum::Json(serde_json::json!({"version": r.version, "complete": r.complete})).into_response(),
            Err(e) => {
                let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
                (e.status(), axum::Json(serde_json::json!({"detail": msg}))).into_response()
            }
        };
    }
    match result {
        Ok(_) => {
            let to = match f.get("go").as_str() {
                "next" => WriterStep::ALL
                    .iter()
                    .skip_while(|x| **x != w)
                    .nth(1)
                    .map(|x| format!("/requests/{id}/write/{}", x.as_str())),
                "request" => Some(format!("/requests/{id}")),
                _ => None,
            };
            Redirect::to(&to.unwrap_or_else(|| format!("/requests/{id}/write/{step}"))).into_response()
        }
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_) | AppError::Stale(_))) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            writer_page(&st, &s, &id, w, Some(msg)).await
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

/// A formal document of the request (PDF), for the web UI.
pub async fn document(State(st): State<AppState>, s: Signed, Path((id, kind)): Path<(String, String)>) -> Response {
    match crate::api::requests::pdf_response(&st, &s.p.caller(), &id, &kind).await {
        Ok(r) => r,
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            request_page(&st, &s, &id, Some(msg)).await
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

pub struct NoticeRow {
    pub id: String,
    pub text: String,
    pub at: String,
    pub unread: bool,
    pub link: Option<String>,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage<'a> {
    c: Chrome<'a>,
    rows: Vec<NoticeRow>,
    pager: Pager,
}

#[derive(Deserialize, Default)]
pub struct NoticeParams {
    limit: Option<i64>,
    offset: Option<i64>,
}

pub async fn notifications(State(st): State<AppState>, s: Signed, Query(q): Query<NoticeParams>) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let page =
            crate::services::notifications::list(&st, &s.p.caller(), false, PageRequest::parse(q.limit, q.offset)?)
                .await?;
        let rows =
            page.items
                .iter()
                .map(|n| NoticeRow {
                    id: n.id.clone(),
                    text: crate::services::chasing::wording(&t, &n.kind, &n.params),
                    at: format_ms(n.created_at),
                    unread: n.read_at.is_none(),
                    link: n.request.map(|r| format!("/requests/{r}")).or_else(|| {
                        n.params["link"].as_str().filter(|l| l.starts_with("/notices/")).map(str::to_owned)
                    }),
                })
                .collect();
        Ok::<_, AppError>(render(&NotificationsPage {
            c: s.ctx.chrome(&st, "notifications-title"),
            rows,
            pager: Pager::new(&page, "/notifications"),
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

pub async fn read_notifications(
    State(st): State<AppState>,
    s: Signed,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let id = f.opt("id");
    match crate::services::notifications::mark_read(&st, &s.p.caller(), id.as_deref()).await {
        Ok(_) | Err(AppError::NotFound(_)) => Redirect::to("/notifications").into_response(),
        Err(e) => s.ctx.fail(&st, e),
    }
}

/// The registry as CSV, with the filters of the page.
pub async fn registry_csv(State(st): State<AppState>, s: Signed, Query(p): Query<RegistryParams>) -> Response {
    let q = RegistryQuery {
        incoming: p.direction == "incoming",
        status: Some(p.status.clone()),
        kind: Some(p.kind.clone()),
        country: Some(p.country.clone()),
        q: Some(p.q.clone()),
        pending_only: p.pending == "on" || p.pending == "true",
    };
    match crate::services::statistics::registry_csv(&st, &s.p.caller(), q).await {
        Ok(csv) => (
            [
                (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
                (axum::http::header::CONTENT_DISPOSITION, "attachment; filename=\"requests.csv\""),
            ],
            csv,
        )
            .into_response(),
        Err(e) => s.ctx.fail(&st, e),
    }
}

#[derive(Template)]
#[template(path = "statistics.html")]
struct StatisticsPage<'a> {
    c: Chrome<'a>,
    from: String,
    to: String,
    total: usize,
    refused_share: String,
    charts: Vec<String>,
    rows: Vec<PairRow>,
}

pub struct PairRow {
    pub pair: String,
    pub year: i32,
    pub requests: usize,
    pub ack: String,
    pub exe: String,
}

#[derive(Deserialize, Default)]
pub struct PeriodParams {
    #[serde(default)]
    from: String,
    #[serde(default)]
    to: String,
}

pub async fn statistics(State(st): State<AppState>, s: Signed, Query(p): Query<PeriodParams>) -> Response {
    use super::charts::{bars, lines};
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let (from, to) = crate::api::requests::period(&Some(p.from.clone()), &Some(p.to.clone()))?;
        let sum = crate::services::statistics::summary(&st, &s.p.caller(), from, to).await?;
        let days = |v: Option<f64>| v.map(|d| format!("{d:.0}")).unwrap_or_else(|| "—".into());
        let pair_label = |pair: &str| pair.to_string();
        let mut charts = vec![
            bars(
                "chart-types",
                &t.t("statistics-by-type"),
                &sum.by_type.iter().map(|(k, v)| (label(&t, "kind", k), *v as f64)).collect::<Vec<_>>(),
                |v| format!("{v:.0}"),
            ),
            bars(
                "chart-pairs",
                &t.t("statistics-by-pair"),
                &sum.by_pair.iter().map(|(k, v)| (pair_label(k), *v as f64)).collect::<Vec<_>>(),
                |v| format!("{v:.0}"),
            ),
        ];
        let mut years: Vec<i32> = sum.pair_years.iter().map(|p| p.year).collect();
        years.sort_unstable();
        years.dedup();
        let mut pairs: Vec<String> =
            sum.pair_years.iter().map(|p| format!("{}→{}", p.requesting, p.requested)).collect();
        pairs.sort();
        pairs.dedup();
        for (id, title, pick) in [("chart-ack", "statistics-median-ack", 0), ("chart-exe", "statistics-median-exe", 1)]
        {
            let series: Vec<(String, Vec<Option<f64>>)> = pairs
                .iter()
                .map(|pair| {
                    let vals = years
                        .iter()
                        .map(|y| {
                            sum.pair_years
                                .iter()
                                .find(|p| p.year == *y && format!("{}→{}", p.requesting, p.requested) == *pair)
                                .and_then(|p| {
                                    if pick == 0 {
                                        p.median_days_to_acknowledgement
                                    } else {
                                        p.median_days_to_execution
                                    }
                                })
                        })
                        .collect();
                    (pair.clone(), vals)
                })
                .collect();
            charts.push(lines(id, &t.t(title), &years, &series, &t.t("statistics-days")));
        }
        if !sum.refusal_grounds.is_empty() {
            charts.push(bars(
                "chart-grounds",
                &t.t("statistics-refusal-grounds"),
                &sum.refusal_grounds.iter().map(|(k, v)| (label(&t, "ground", k), *v as f64)).collect::<Vec<_>>(),
                |v| format!("{v:.0}"),
            ));
        }
        let rows = sum
            .pair_years
            .iter()
            .map(|p| PairRow {
                pair: format!("{}→{}", p.requesting, p.requested),
                year: p.year,
                requests: p.requests,
                ack: days(p.median_days_to_acknowledgement),
                exe: days(p.median_days_to_execution),
            })
            .collect();
        Ok::<_, AppError>(render(&StatisticsPage {
            c: s.ctx.chrome(&st, "statistics-title"),
            from: p.from.clone(),
            to: p.to.clone(),
            total: sum.total,
            refused_share: sum.refused_share.map(|x| format!("{:.0} %", x * 100.0)).unwrap_or_else(|| "—".into()),
            charts,
            rows,
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

/// Saves the request's standard parts as a template of the organisation.
pub async fn save_template(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let run = async {
        let v = svc::get(&st, &s.p.caller(), request_id(&id)?).await?;
        if v.side != Side::Requesting {
            return Err(AppError::Denied(liaison_domain::policy::Denied::Role));
        }
        crate::services::templates::save(&st, &s.p.caller(), &f.get("name"), v.record.draft.as_template()).await
    };
    match run.await {
        Ok(_) => Redirect::to(&format!("/requests/{id}")).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::Denied(_))) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            request_page(&st, &s, &id, Some(msg)).await
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

pub async fn escalate(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let run = async {
        crate::services::chasing::escalate(&st, &s.p.caller(), request_id(&id)?, &f.get("network"), &f.get("comment"))
            .await
    };
    match run.await {
        Ok(_) => Redirect::to(&format!("/requests/{id}")).into_response(),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_) | AppError::Denied(_))) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            request_page(&st, &s, &id, Some(msg)).await
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

/// Attaches a file from the request page (multipart form).
pub async fn upload(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    form: axum::extract::Multipart,
) -> Response {
    let run = async {
        let (kind, f) = super::files::kind_and_upload_of(form).await?;
        let u = crate::services::attachments::Upload {
            name: f.name,
            kind: kind.unwrap_or_else(|| "other".into()),
            note: f.note,
            bytes: f.bytes,
        };
        crate::services::attachments::upload(&st, &s.p.caller(), request_id(&id)?, u).await
    };
    match run.await {
        Ok(_) => Redirect::to(&format!("/requests/{id}")).into_response(),
        Err(
            e @ (AppError::Invalid(_)
            | AppError::Conflict(_)
            | AppError::PayloadTooLarge { .. }
            | AppError::Unavailable(_)
            | AppError::BadRequest { .. }),
        ) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            request_page(&st, &s, &id, Some(msg)).await
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

pub async fn download(State(st): State<AppState>, s: Signed, Path((id, att)): Path<(String, String)>) -> Response {
    match crate::api::requests::file_response(&st, &s.p.caller(), &id, &att).await {
        Ok(r) => r,
        Err(e) => s.ctx.fail(&st, e),
    }
}
