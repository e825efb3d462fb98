//! Formal documents of a request as PDF: the request itself in its language (and optionally a second
//! one), the requested side's acknowledgement of receipt, and the requesting side's reminder. Every
//! fixed word comes from the Fluent `doc-*` messages of the document's language; the text the writer
//! wrote is printed as written.

use super::Caller;
use super::requests::{RequestView, get};
use crate::error::AppError;
use crate::i18n::{Tr, plain};
use crate::state::AppState;
use liaison_documents::{Bilingual, Direction, DocumentText, FormalDocument, Labels, Letterhead, Paragraph, Signature};
use liaison_domain::date::Date;
use liaison_domain::legal_basis::Catalogue;
use liaison_domain::request::{Draft, Person, Side, Status, Urgency};
use liaison_domain::{CountryCode, FieldError, RequestId};

/// Which document of a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Request,
    Acknowledgement,
    Reminder,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "request" => Kind::Request,
            "acknowledgement" => Kind::Acknowledgement,
            "reminder" => Kind::Reminder,
            _ => return None,
        })
    }
}

/// A reference number that never breaks across lines (a word joiner after each hyphen).
pub(crate) fn unbroken(reference: &str) -> String {
    reference.replace('-', "-\u{2060}")
}

/// A date as the language writes it.
pub(crate) fn date_in(lang: &str, d: Date) -> String {
    let s = d.to_string();
    let (y, rest) = s.split_at(4);
    let (m, dd) = (&rest[1..3], &rest[4..6]);
    match lang {
        "ru" => format!("{dd}.{m}.{y}"),
        "fr" | "es" | "ar" => format!("{dd}/{m}/{y}"),
        "zh" => format!("{y}年{m}月{dd}日"),
        _ => s,
    }
}

pub(crate) fn labels(t: &Tr<'_>) -> Labels {
    let l = |id: &str| plain(t.t(id));
    Labels {
        our_reference: l("doc-our-reference"),
        your_reference: l("doc-your-reference"),
        date: l("doc-date"),
        legal_basis: l("doc-legal-basis"),
        annexes: l("doc-annexes"),
        page: l("doc-page"),
        of: l("doc-of"),
        to: l("doc-to"),
        signature: l("doc-signature"),
        urgent: l("doc-urgent"),
    }
}

pub(crate) fn direction(lang: &str) -> Direction {
    if lang == "ar" { Direction::Rtl } else { Direction::Ltr }
}

fn person_line(t: &Tr<'_>, p: &Person) -> String {
    let l = |id: &str| plain(t.t(id));
    let mut parts = vec![if p.name_latin.is_empty() || p.name_latin == p.name {
        p.name.clone()
    } else {
        format!("{} ({})", p.name, p.name_latin)
    }];
    parts.push(plain(t.t(&format!("person-role-{}", p.role.as_str().replace('_', "-")))));
    if let Some(b) = p.birth_date {
        parts.push(format!("{} {b}", l("doc-born")));
    }
    if !p.birth_place.is_empty() {
        parts.push(format!("{} {}", l("doc-in"), p.birth_place));
    }
    if !p.nationalities.is_empty() {
        let n: Vec<String> = p.nationalities.iter().map(|c| c.name_in(t.code).to_string()).collect();
        parts.push(format!("{}: {}", l("doc-nationality"), n.join(", ")));
    }
    if !p.identity_documents.is_empty() {
        parts.push(format!("{}: {}", l("doc-documents"), p.identity_documents));
    }
    if !p.location.is_empty() {
        parts.push(format!("{}: {}", l("doc-location"), p.location));
    }
    if !p.description.is_empty() {
        parts.push(p.description.clone());
    }
    parts.join("; ")
}

/// The numbered paragraphs of a request in language `t`.
fn request_paragraphs(t: &Tr<'_>, v: &RequestView, d: &Draft) -> Vec<Paragraph> {
    let h = |id: &str| Some(plain(t.t(id)));
    let mut out = Vec::new();
    let mut push = |heading: Option<String>, text: String| {
        if !text.trim().is_empty() {
            out.push(Paragraph { heading, text });
        }
    };
    push(h("doc-h-subject"), d.subject.clone());
    push(h("doc-h-facts"), d.facts.clone());
    let offences: Vec<String> = v
        .cited
        .offences
        .iter()
        .map(|o| {
            let mut s = o.description.clone();
            if !o.legal_provision.is_empty() {
                s.push_str(&format!(" — {}", o.legal_provision));
            }
            if !o.maximum_penalty.is_empty() {
                s.push_str(&format!(" ({}: {})", plain(t.t("doc-maximum-penalty")), o.maximum_penalty));
            }
            if !o.time_and_place.is_empty() {
                s.push_str(&format!("; {}: {}", plain(t.t("doc-time-place")), o.time_and_place));
            }
            s
        })
        .collect();
    push(h("doc-h-offences"), offences.join("\n\n"));
    push(h("doc-h-persons"), v.cited.persons.iter().map(|p| person_line(t, p)).collect::<Vec<_>>().join("\n\n"));
    let assets: Vec<String> = v
        .cited
        .assets
        .iter()
        .map(|a| {
            let kind = plain(t.t(&format!("asset-{}", a.kind.as_str().replace('_', "-"))));
            [kind, a.description.clone(), a.identifier.clone(), a.value.clone()]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    push(h("doc-h-assets"), assets.join("\n\n"));
    let mut assistance = d.assistance_sought.clone();
    if !d.measures.is_empty() {
        let names: Vec<String> =
            d.measures.iter().map(|m| plain(t.t(&format!("measure-{}", m.as_str().replace('_', "-"))))).collect();
        assistance =
            if assistance.is_empty() { names.join("; ") } else { format!("{}.\n\n{assistance}", names.join("; ")) };
    }
    push(h("doc-h-assistance"), assistance);
    let md = &d.measure_details;
    for (id, text) in [
        ("field-questions", &md.questions),
        ("field-video-link", &md.video_link),
        ("field-premises", &md.premises),
        ("field-accounts", &md.accounts),
        ("field-telecom", &md.telecom),
        ("field-service", &md.service),
        ("field-operation", &md.operation),
        ("field-transfer", &md.transfer),
        ("field-sharing", &md.sharing),
    ] {
        push(h(id), text.clone());
    }
    push(h("doc-h-decision"), d.decision.clone());
    push(h("doc-h-penalty"), d.penalty.clone());
    push(h("doc-h-assurances"), d.assurances.clone());
    if d.consent == Some(true) {
        push(h("doc-h-consent"), plain(t.t("doc-consent-given")));
    }
    push(h("doc-h-purpose"), d.purpose.clone());
    push(h("doc-h-procedure"), d.procedure.clone());
    if d.confidentiality == Some(true) {
        let reason =
            if d.confidentiality_reason.is_empty() { String::new() } else { format!(" {}", d.confidentiality_reason) };
        push(h("doc-h-confidentiality"), format!("{}{reason}", plain(t.t("doc-confidential"))));
    }
    let mut urgency = String::new();
    if d.urgency != Urgency::Normal {
        urgency.push_str(&d.urgency_reason);
    }
    if let Some(dl) = d.deadline {
        let line = plain(t.t1("doc-deadline", "date", &date_in(t.code, dl)));
        urgency = if urgency.is_empty() { line } else { format!("{urgency}\n\n{line}") };
    }
    push(h("doc-h-urgency"), urgency);
    if d.reciprocity {
        push(h("doc-h-reciprocity"), plain(t.t("doc-reciprocity")));
    }
    out
}

/// Citations of the instruments the request rests on, with the articles for its type.
fn citations(catalogue: &Catalogue, d: &Draft) -> Vec<String> {
    d.legal_basis
        .iter()
        .map(|id| match catalogue.get(id) {
            Some(i) => match i.provisions.get(&d.kind).filter(|p| !p.articles.is_empty()) {
                Some(p) => format!("{} ({}), {}", i.title, i.short, p.articles),
                None => format!("{} ({})", i.title, i.short),
            },
            None => id.clone(),
        })
        .collect()
}

fn version_in(
    t: &Tr<'_>,
    kind: Kind,
    v: &RequestView,
    catalogue: &Catalogue,
    addressee: &[String],
    ours: &str,
) -> DocumentText {
    let d = &v.record.draft;
    let lang = t.code;
    let (title, paragraphs, legal_basis, annexes, closing) = match kind {
        Kind::Request => (
            plain(t.t(&format!("doc-title-{}", d.kind.as_str().replace('_', "-")))),
            request_paragraphs(t, v, d),
            citations(catalogue, d),
            d.annexes.clone(),
            Some(plain(t.t("doc-closing"))),
        ),
        Kind::Acknowledgement => {
            let received = v.record.acknowledged_at.or(v.record.sent_at).and_then(Date::of_ms);
            let text = plain(t.ta(
                "doc-ack-text",
                &[
                    ("received", &received.map(|x| date_in(lang, x)).unwrap_or_default()),
                    ("reference", &unbroken(&v.record.our_reference)),
                    ("ours", &unbroken(ours)),
                ],
            ));
            (
                plain(t.t("doc-title-acknowledgement")),
                vec![Paragraph { heading: None, text }],
                Vec::new(),
                Vec::new(),
                None,
            )
        }
        Kind::Reminder => {
            let sent = v.record.sent_at.and_then(Date::of_ms);
            let what =
                if v.record.acknowledged_at.is_some() { "doc-reminder-answer" } else { "doc-reminder-acknowledgement" };
            let text = plain(t.ta(
                "doc-reminder-text",
                &[
                    ("sent", &sent.map(|x| date_in(lang, x)).unwrap_or_default()),
                    ("reference", &unbroken(&v.record.our_reference)),
                    ("kind", &plain(t.t(&format!("kind-{}", d.kind.as_str().replace('_', "-")))).to_lowercase()),
                    ("what", &plain(t.t(what))),
                ],
            ));
            (
                plain(t.t("doc-title-reminder")),
                vec![Paragraph { heading: None, text }],
                citations(catalogue, d),
                Vec::new(),
                None,
            )
        }
    };
    DocumentText {
        lang: lang.to_string(),
        direction: direction(lang),
        labels: labels(t),
        title,
        addressee: addressee.to_vec(),
        legal_basis,
        paragraphs,
        annexes,
        closing,
    }
}

/// Renders a document of request `id` for the caller: the request and reminders for the requesting
/// side, the acknowledgement for the requested side. Returns a file name and the PDF.
pub async fn pdf(st: &AppState, caller: &Caller, id: RequestId, kind: Kind) -> Result<(String, Vec<u8>), AppError> {
    let v = get(st, caller, id).await?;
    let d = &v.record.draft;
    match (kind, v.side) {
        (Kind::Request | Kind::Reminder, Side::Requesting) | (Kind::Acknowledgement, Side::Requested) => {}
        (Kind::Acknowledgement, Side::Requesting) if !v.counterpart_on_installation => {}
        _ => return Err(AppError::Denied(liaison_domain::policy::Denied::Role)),
    }
    if kind == Kind::Reminder && !v.record.status.is_pending_abroad() {
        return Err(AppError::Conflict("a reminder is for a request sent and not yet answered".into()));
    }
    if kind == Kind::Acknowledgement
        && !matches!(v.record.status, Status::Received | Status::Acknowledged | Status::InExecution)
    {
        return Err(AppError::Conflict("an acknowledgement is for a request received and not yet answered".into()));
    }
    let lang = d
        .language
        .clone()
        .ok_or_else(|| FieldError::new("language", "required", "choose the language of the document"))?;
    let loaded = super::reference::loaded(st).await?;
    let entry_of = |authority: Option<&str>| {
        authority.and_then(|a| loaded.entries.iter().find(|e| e.authority.id == a)).map(|e| e.authority.clone())
    };
    let requested = entry_of(d.requested_authority.as_deref());
    let requesting_org = v.requesting_org.as_ref().ok_or(AppError::NotFound("organisation"))?;
    let requesting_entry =
        loaded.entries.iter().find(|e| e.authority.organisation == Some(requesting_org.id)).map(|e| &e.authority);
    // Who writes and who receives: the requesting side writes the request and the reminder; the
    // requested side writes the acknowledgement.
    let (from_name, from_country, from_address, to_name, to_country) = match kind {
        Kind::Acknowledgement => (
            v.requested_org
                .as_ref()
                .map(|o| o.name.to_string())
                .or(requested.as_ref().map(|a| a.name.clone()))
                .unwrap_or_default(),
            d.requested_country,
            requested.as_ref().and_then(|a| a.address.clone()),
            requesting_org.name.to_string(),
            v.record.requesting_country,
        ),
        _ => (
            requesting_org.name.to_string(),
            v.record.requesting_country,
            requesting_entry.and_then(|a| a.address.clone()),
            requested.as_ref().map(|a| a.name.clone()).unwrap_or_default(),
            d.requested_country,
        ),
    };
    let addressee = |code: &str| -> Vec<String> {
        [to_name.clone(), to_country.name_in(code).to_string()].into_iter().filter(|s| !s.is_empty()).collect()
    };
    let t = st.i18n.tr(&lang);
    let (ours, theirs) = match kind {
        Kind::Acknowledgement => {
            (v.record.their_reference.clone().unwrap_or_default(), Some(v.record.our_reference.clone()))
        }
        _ => (v.record.our_reference.clone(), v.record.their_reference.clone()),
    };
    let primary = version_in(&t, kind, &v, &loaded.catalogue, &addressee(t.code), &ours);
    let secondary = match d.second_language.as_deref().filter(|l| *l != lang) {
        Some(l2) => {
            let t2 = st.i18n.tr(l2);
            let layout = if kind == Kind::Request { Bilingual::Consecutive } else { Bilingual::Columns };
            Some((version_in(&t2, kind, &v, &loaded.catalogue, &addressee(t2.code), &ours), layout))
        }
        None => None,
    };
    let signatory = match kind {
        Kind::Request => (d.signatory_name.clone(), d.signatory_position.clone()),
        _ => (caller_name(st, caller).await?, String::new()),
    };
    let doc = FormalDocument {
        letterhead: Letterhead {
            authority: from_name,
            country: country_line(from_country, t.code),
            address_lines: from_address.map(|a| a.lines().map(str::to_string).collect()).unwrap_or_default(),
        },
        our_reference: ours,
        your_reference: theirs,
        date: date_in(t.code, st.today()?),
        urgent: d.urgency != Urgency::Normal,
        primary,
        secondary,
        signature: Signature { name: signatory.0, position: signatory.1, place: String::new() },
        cosignatories: Vec::new(),
    };
    let bytes = render(doc).await?;
    let name = match kind {
        Kind::Request => format!("{}.pdf", v.record.our_reference),
        Kind::Acknowledgement => format!("{}-acknowledgement.pdf", v.record.our_reference),
        Kind::Reminder => format!("{}-reminder-{}.pdf", v.record.our_reference, st.today()?),
    };
    super::record_alone(
        st,
        caller,
        "request.document",
        &super::Object::new("request", v.record.id, Some(v.record.org.to_string())).with(
            serde_json::json!({"document": format!("{kind:?}").to_lowercase(), "bytes": bytes.len(), "language": lang}),
        ),
        liaison_domain::audit::Outcome::Success,
    )
    .await;
    Ok((name, bytes))
}

/// Renders a document on a blocking thread; a language or script no shipped font prints is the caller's
/// error (422 on `language`), anything else an internal one.
pub(crate) async fn render(doc: FormalDocument) -> Result<Vec<u8>, AppError> {
    tokio::task::spawn_blocking(move || liaison_documents::render_pdf(&doc))
        .await
        .map_err(|e| AppError::Internal(format!("rendering task: {e}")))?
        .map_err(|e| match e {
            liaison_documents::RenderError::Unsupported(_) | liaison_documents::RenderError::Language(_) => {
                AppError::from(FieldError::new("language", "unsupported", e.to_string()))
            }
            other => AppError::Internal(other.to_string()),
        })
}

fn country_line(c: CountryCode, lang: &str) -> String {
    c.name_in(lang).to_string()
}

async fn caller_name(st: &AppState, caller: &Caller) -> Result<String, AppError> {
    let Some(a) = caller.actor() else { return Ok(String::new()) };
    let mut c = st.store.read().await?;
    Ok(liaison_store::users::get(&mut c, a.user).await?.map(|u| u.display_name.to_string()).unwrap_or_default())
}
