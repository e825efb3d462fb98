//! Documents of working groups as PDF: the protocol of a held meeting, in the language it was recorded in
//! and — side by side — in its translation or, without one, with Liaison's fixed wording in a second
//! language. Signed by the group's co-chairs (by the secretary when it has none).

use super::Caller;
use super::documents::{date_in, direction, labels, render};
use super::groups::{self as svc, GroupView, local_time};
use crate::error::AppError;
use crate::i18n::{Tr, plain};
use crate::state::AppState;
use liaison_documents::{Bilingual, DocumentText, FormalDocument, Letterhead, Paragraph, Signature};
use liaison_domain::date::Date;
use liaison_domain::group::GroupRole;
use liaison_domain::group::meeting::{MeetingStatus, Protocol, is_language_code};
use liaison_domain::{FieldError, MeetingId};
use liaison_store::groups::MeetingRecord;

/// The minutes and decisions of one language version.
struct Texts<'a> {
    minutes: &'a str,
    decisions: Vec<&'a str>,
}

fn language_version(t: &Tr<'_>, view: &GroupView, m: &MeetingRecord, texts: &Texts<'_>) -> DocumentText {
    let l = |id: &str| plain(t.t(id));
    let mut labels = labels(t);
    labels.our_reference = l("doc-protocol-number");
    labels.to = l("doc-protocol-where");
    labels.legal_basis = l("doc-protocol-participants");
    let mut where_and_when =
        vec![format!("{} ({})", local_time(m.body.starts_at, &m.body.time_zone), m.body.time_zone)];
    where_and_when.extend(m.body.place.clone());
    if let Some(link) = &m.body.online_link {
        where_and_when.push(format!("{}: {link}", l("doc-protocol-online")));
    }
    let participants = view
        .members
        .iter()
        .filter(|v| m.attendance.contains(&v.member.user))
        .map(|v| format!("{} — {}", v.name, v.org_name))
        .collect();
    let agenda: Vec<String> = m
        .agenda
        .iter()
        .zip(1..)
        .map(|(item, n)| {
            let source = plain(t.t(&format!("agenda-source-{}", item.source.as_str().replace('_', "-"))));
            format!("{n}. {} ({source})", item.title)
        })
        .collect();
    let decisions: Vec<String> = texts.decisions.iter().zip(1..).map(|(d, n)| format!("{n}. {d}")).collect();
    let mut paragraphs = Vec::new();
    for (heading, text) in
        [("doc-protocol-agenda", agenda.join("\n\n")), ("doc-protocol-minutes", texts.minutes.to_owned())]
            .into_iter()
            .chain([("doc-protocol-decisions", decisions.join("\n\n"))])
    {
        if !text.trim().is_empty() {
            paragraphs.push(Paragraph { heading: Some(l(heading)), text });
        }
    }
    DocumentText {
        lang: t.code.to_owned(),
        direction: direction(t.code),
        labels,
        title: l("doc-protocol-title"),
        addressee: where_and_when,
        legal_basis: participants,
        paragraphs,
        annexes: Vec::new(),
        closing: None,
    }
}

/// Who signs a group's documents: its co-chairs, or its secretaries when it has none; the first, and the
/// others beside.
pub(crate) fn signatories(t: &Tr<'_>, view: &GroupView) -> (Signature, Vec<Signature>) {
    let with = |role: GroupRole| view.members.iter().filter(move |v| v.member.role == role);
    let (position, who): (&str, Vec<_>) = if with(GroupRole::CoChair).next().is_some() {
        ("doc-protocol-co-chair", with(GroupRole::CoChair).collect())
    } else {
        ("doc-protocol-secretary", with(GroupRole::Secretary).collect())
    };
    let mut all = who.into_iter().map(|v| Signature {
        name: v.name.clone(),
        position: format!("{}, {}", plain(t.t(position)), v.org_name),
        place: String::new(),
    });
    let first = all.next().unwrap_or(Signature { name: String::new(), position: String::new(), place: String::new() });
    (first, all.collect())
}

/// The language of `second`, a language Liaison's fixed wording of documents is written in: a document
/// does not quietly fall back to another language than the one asked for.
pub(crate) fn wording_language(second: &str) -> Result<&'static str, AppError> {
    let known = crate::i18n::LOCALES.iter().map(|l| l.code).collect::<Vec<_>>().join(", ");
    match crate::i18n::I18n::supported(second) {
        Some(code) if is_language_code(second) => Ok(code),
        _ => Err(FieldError::new(
            "second",
            "unsupported_language",
            format!("'{second}': the wording of documents is written in {known} only"),
        )
        .into()),
    }
}

/// The protocol of meeting `id` as PDF. `second` asks for Liaison's wording in a second language when the
/// protocol has no translation (with one, the translation's language is the second). Returns a file name
/// and the PDF.
pub async fn protocol_pdf(
    st: &AppState,
    caller: &Caller,
    id: MeetingId,
    second: Option<&str>,
) -> Result<(String, Vec<u8>), AppError> {
    let (m, g) = svc::meeting(st, caller, id).await?;
    let protocol: &Protocol = match (&m.protocol, m.status) {
        (Some(p), MeetingStatus::Held) => p,
        _ => return Err(AppError::Conflict("the meeting has no protocol yet".into())),
    };
    let view = svc::get(st, caller, g.id).await?;
    let lang = protocol.language.clone().unwrap_or_else(|| "en".to_owned());
    let original =
        Texts { minutes: &protocol.minutes, decisions: protocol.decisions.iter().map(|d| d.text.as_str()).collect() };
    let t = st.i18n.tr(&lang);
    let primary = language_version(&t, &view, &m, &original);
    let secondary = match (&protocol.translation, second.map(str::trim).filter(|s| !s.is_empty())) {
        (Some(tr), _) => {
            let texts = Texts { minutes: &tr.minutes, decisions: tr.decisions.iter().map(String::as_str).collect() };
            Some(language_version(&st.i18n.tr(&tr.language), &view, &m, &texts))
        }
        (None, Some(l2)) => match wording_language(l2)? {
            l2 if l2 != lang => Some(language_version(&st.i18n.tr(l2), &view, &m, &original)),
            _ => None,
        },
        (None, None) => None,
    };
    // The meeting's day where it was held.
    let day = local_time(m.body.starts_at, &m.body.time_zone)
        .get(..10)
        .and_then(|d| Date::parse(d).ok())
        .or_else(|| Date::of_ms(m.body.starts_at))
        .ok_or(AppError::Internal("meeting date".into()))?;
    let (signature, cosignatories) = signatories(&t, &view);
    let states: Vec<&str> = g.body.states().iter().map(|c| c.name_in(t.code)).collect();
    let doc = FormalDocument {
        letterhead: Letterhead {
            authority: g.body.name.clone(),
            country: states.join(" · "),
            address_lines: Vec::new(),
        },
        our_reference: m.body.title.clone(),
        your_reference: None,
        date: date_in(t.code, day),
        urgent: false,
        primary,
        secondary: secondary.map(|s| (s, Bilingual::Columns)),
        signature: Signature { place: m.body.place.clone().unwrap_or_default(), ..signature },
        cosignatories,
    };
    let bytes = render(doc).await?;
    super::record_alone(
        st,
        caller,
        "group.meeting.protocol_document",
        &super::Object::new("group_meeting", m.id, None)
            .with(serde_json::json!({"bytes": bytes.len(), "language": lang, "bilingual": protocol.translation.is_some() || second.is_some()})),
        liaison_domain::audit::Outcome::Success,
    )
    .await;
    Ok((format!("protocol-{day}.pdf"), bytes))
}
