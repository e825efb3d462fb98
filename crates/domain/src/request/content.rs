//! The content of a request as its writer fills it in. A draft may be incomplete at any point;
//! `Draft::check` only refuses what is malformed (too long, control characters, unknown references
//! are reported by the completeness check, which also knows what is still missing).

use super::case::text;
use super::kind::{ExtraditionPurpose, Measure, Urgency};
use crate::CountryCode;
use crate::date::Date;
use crate::legal_basis::CooperationType;
use crate::validation::{FieldError, Invalid};
use serde::{Deserialize, Serialize};

/// Details that only some measures need.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MeasureDetails {
    /// Hearings: the questions to put, one per line.
    pub questions: String,
    /// Hearing by video link: equipment, times, who attends from the requesting side.
    pub video_link: String,
    /// Search and seizure: premises or places to search and what to seize.
    pub premises: String,
    /// Bank records: institutions, accounts, holders and the period.
    pub accounts: String,
    /// Telecommunications data: numbers or identifiers, kinds of data, the period.
    pub telecom: String,
    /// Service of documents: what is to be served, on whom, where; how proof of service is returned.
    pub service: String,
    /// Controlled delivery or covert investigation: consignment, route, timing, officers involved.
    pub operation: String,
    /// Temporary transfer of a detained person: purpose, duration, custody and return.
    pub transfer: String,
    /// Asset sharing: the proposal and its basis.
    pub sharing: String,
}

/// A request as written. Every text is free text in the document's language; references to the
/// case's offences, persons and assets are by their keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Draft {
    pub kind: CooperationType,
    #[serde(default)]
    pub extradition_purpose: Option<ExtraditionPurpose>,
    #[serde(default)]
    pub measures: Vec<Measure>,
    pub requested_country: CountryCode,
    /// The directory entry of the requested authority, when known.
    #[serde(default)]
    pub requested_authority: Option<String>,
    #[serde(default = "normal")]
    pub urgency: Urgency,
    #[serde(default)]
    pub urgency_reason: String,
    /// Date by which the requesting authority needs the answer.
    #[serde(default)]
    pub deadline: Option<Date>,
    /// Instruments cited as the legal basis (ids from the treaty data).
    #[serde(default)]
    pub legal_basis: Vec<String>,
    /// The request rests on reciprocity, with the requesting state's assurance of it.
    #[serde(default)]
    pub reciprocity: bool,
    /// Language of the document (ISO 639-1), and optionally a second language for a bilingual document.
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub second_language: Option<String>,
    /// Subject and nature of the investigation or proceedings, and the authority conducting them.
    #[serde(default)]
    pub subject: String,
    /// Summary of the relevant facts.
    #[serde(default)]
    pub facts: String,
    /// Keys of the case's offences the request concerns.
    #[serde(default)]
    pub offences: Vec<String>,
    /// Description of the assistance sought.
    #[serde(default)]
    pub assistance_sought: String,
    /// Purpose for which the evidence, information or action is sought.
    #[serde(default)]
    pub purpose: String,
    /// Any particular procedure the requesting state wishes followed (and why).
    #[serde(default)]
    pub procedure: String,
    /// Keys of the case's persons concerned.
    #[serde(default)]
    pub persons: Vec<String>,
    /// Keys of the case's assets concerned.
    #[serde(default)]
    pub assets: Vec<String>,
    /// Must the request and its content be kept confidential? Stated explicitly before it is ready.
    #[serde(default)]
    pub confidentiality: Option<bool>,
    #[serde(default)]
    pub confidentiality_reason: String,
    #[serde(default)]
    pub measure_details: MeasureDetails,
    /// The warrant, judgment or order the request rests on: authority, date, reference.
    #[serde(default)]
    pub decision: String,
    /// The maximum penalty, or the sentence imposed and the part remaining to be served.
    #[serde(default)]
    pub penalty: String,
    /// Assurances given (speciality, no death penalty, fair trial).
    #[serde(default)]
    pub assurances: String,
    /// Extradition: the date of a provisional arrest of the person sought, which starts the time
    /// limit for sending the request under some instruments.
    #[serde(default)]
    pub provisional_arrest: Option<Date>,
    /// Transfer of a sentenced person, temporary transfer of a detained person: has the person consented?
    #[serde(default)]
    pub consent: Option<bool>,
    /// The documents annexed, one per entry.
    #[serde(default)]
    pub annexes: Vec<String>,
    #[serde(default)]
    pub signatory_name: String,
    #[serde(default)]
    pub signatory_position: String,
}

fn normal() -> Urgency {
    Urgency::Normal
}

/// Document languages Liaison writes formal documents in (ISO 639-1). Chinese waits for a CJK font
/// (Noto CJK is 15–20 MB a weight); the interface itself is available in Chinese.
pub const DOCUMENT_LANGUAGES: [&str; 5] = ["en", "ru", "fr", "ar", "es"];

impl Draft {
    /// An empty draft of a type to a state.
    pub fn new(kind: CooperationType, requested_country: CountryCode) -> Draft {
        Draft {
            kind,
            extradition_purpose: None,
            measures: Vec::new(),
            requested_country,
            requested_authority: None,
            urgency: Urgency::Normal,
            urgency_reason: String::new(),
            deadline: None,
            legal_basis: Vec::new(),
            reciprocity: false,
            language: None,
            second_language: None,
            subject: String::new(),
            facts: String::new(),
            offences: Vec::new(),
            assistance_sought: String::new(),
            purpose: String::new(),
            procedure: String::new(),
            persons: Vec::new(),
            assets: Vec::new(),
            confidentiality: None,
            confidentiality_reason: String::new(),
            measure_details: MeasureDetails::default(),
            decision: String::new(),
            penalty: String::new(),
            assurances: String::new(),
            provisional_arrest: None,
            consent: None,
            annexes: Vec::new(),
            signatory_name: String::new(),
            signatory_position: String::new(),
        }
    }

    /// The draft as a template for other requests: what is standard (type, measures, addressee, basis,
    /// languages, purpose, procedure, whether it is confidential, assurances, signatory) stays; what
    /// belongs to one case (its subject, facts, the assistance sought, persons, offences, assets, the
    /// details of the measures, decisions, dates, reasons, consent, annexes) goes.
    pub fn as_template(&self) -> Draft {
        Draft {
            subject: String::new(),
            facts: String::new(),
            assistance_sought: String::new(),
            urgency_reason: String::new(),
            confidentiality_reason: String::new(),
            annexes: Vec::new(),
            offences: Vec::new(),
            persons: Vec::new(),
            assets: Vec::new(),
            measure_details: MeasureDetails::default(),
            decision: String::new(),
            penalty: String::new(),
            deadline: None,
            provisional_arrest: None,
            consent: None,
            ..self.clone()
        }
    }

    /// Trims and bounds every text, refuses what is malformed; leaves what is merely missing to the
    /// completeness check so that a draft can be saved half-written.
    pub fn check(mut self) -> Result<Draft, Invalid> {
        let mut inv = Invalid::default();
        let long = 50_000;
        for (field, value, max) in [
            ("urgency_reason", &mut self.urgency_reason, 2_000),
            ("subject", &mut self.subject, 5_000),
            ("facts", &mut self.facts, long),
            ("assistance_sought", &mut self.assistance_sought, long),
            ("purpose", &mut self.purpose, 5_000),
            ("procedure", &mut self.procedure, 10_000),
            ("confidentiality_reason", &mut self.confidentiality_reason, 2_000),
            ("decision", &mut self.decision, 5_000),
            ("penalty", &mut self.penalty, 2_000),
            ("assurances", &mut self.assurances, 10_000),
            ("signatory_name", &mut self.signatory_name, 200),
            ("signatory_position", &mut self.signatory_position, 300),
            ("measure_details.questions", &mut self.measure_details.questions, long),
            ("measure_details.video_link", &mut self.measure_details.video_link, 5_000),
            ("measure_details.premises", &mut self.measure_details.premises, 10_000),
            ("measure_details.accounts", &mut self.measure_details.accounts, 10_000),
            ("measure_details.telecom", &mut self.measure_details.telecom, 10_000),
            ("measure_details.service", &mut self.measure_details.service, 10_000),
            ("measure_details.operation", &mut self.measure_details.operation, 10_000),
            ("measure_details.transfer", &mut self.measure_details.transfer, 10_000),
            ("measure_details.sharing", &mut self.measure_details.sharing, 10_000),
        ] {
            text(&mut inv, field, value, false, max);
        }
        if let Some(a) = &mut self.requested_authority {
            text(&mut inv, "requested_authority", a, false, 100);
        }
        if self.requested_authority.as_deref() == Some("") {
            self.requested_authority = None;
        }
        for (i, a) in self.annexes.iter_mut().enumerate() {
            text(&mut inv, &format!("annexes[{i}]"), a, true, 500);
        }
        if self.annexes.len() > 100 {
            inv.push(FieldError::new("annexes", "too_many", "at most 100 annexes"));
        }
        for (list, items) in [
            ("offences", &mut self.offences),
            ("persons", &mut self.persons),
            ("assets", &mut self.assets),
            ("legal_basis", &mut self.legal_basis),
        ] {
            for x in items.iter_mut() {
                *x = x.trim().to_string();
            }
            items.retain(|x| !x.is_empty());
            let mut seen = std::collections::BTreeSet::new();
            items.retain(|x| seen.insert(x.clone()));
            if items.len() > 200 || items.iter().any(|x| x.len() > 64) {
                inv.push(FieldError::new(list, "too_long", "at most 200 entries of at most 64 characters"));
            }
        }
        let mut seen = std::collections::BTreeSet::new();
        self.measures.retain(|m| seen.insert(*m));
        for (field, lang) in [("language", &mut self.language), ("second_language", &mut self.second_language)] {
            if let Some(l) = lang {
                *l = l.trim().to_ascii_lowercase();
                if l.is_empty() {
                    *lang = None;
                } else if !DOCUMENT_LANGUAGES.contains(&l.as_str()) {
                    inv.push(FieldError::new(
                        field,
                        "unknown_value",
                        format!("'{l}' is not a document language; known: {}", DOCUMENT_LANGUAGES.join(", ")),
                    ));
                }
            }
        }
        inv.into_result().map(|()| self)
    }
}
