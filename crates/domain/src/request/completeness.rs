//! What a request still lacks, or gets wrong, for its type, measures and legal basis. The writer shows
//! these findings at each step; a request with any `Missing` or `Inconsistent` finding cannot be marked
//! ready or sent. Each finding names the field and, where a convention requires the content, the article.

use super::case::{Case, Person, PersonRole};
use super::content::Draft;
use super::kind::{ExtraditionPurpose, Measure, Urgency};
use crate::CountryCode;
use crate::date::Date;
use crate::legal_basis::model::{DeclarationAbout, DualCriminality};
use crate::legal_basis::{Answer, CooperationType};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Required content is absent.
    Missing,
    /// Content contradicts the case, the type or the legal basis.
    Inconsistent,
    /// Worth a look; does not block.
    Advice,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The field concerned (`facts`, `persons`, `measure_details.questions`, `case.offences[o1].legal_provision`).
    pub field: String,
    pub severity: Severity,
    /// Stable code; the UI words it in the reader's language.
    pub code: &'static str,
    /// In English, with the particulars.
    pub message: String,
    /// The provision that asks for it (`UNTOC Art. 18(15)(c)`), when one does.
    pub source: Option<String>,
}

/// The writer's steps; every field belongs to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum WriterStep {
    /// Case, requested state and authority, type, measures, urgency.
    Basics,
    /// Legal basis and language.
    LegalBasis,
    /// Subject, facts, offences, assistance sought, purpose, procedure, confidentiality.
    Content,
    /// Persons, assets and the details each measure needs.
    Particulars,
    /// Annexes and signature.
    Signature,
}

impl WriterStep {
    pub const ALL: [WriterStep; 5] = [
        WriterStep::Basics,
        WriterStep::LegalBasis,
        WriterStep::Content,
        WriterStep::Particulars,
        WriterStep::Signature,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            WriterStep::Basics => "basics",
            WriterStep::LegalBasis => "legal_basis",
            WriterStep::Content => "content",
            WriterStep::Particulars => "particulars",
            WriterStep::Signature => "signature",
        }
    }

    pub fn parse(s: &str) -> Option<WriterStep> {
        WriterStep::ALL.into_iter().find(|x| x.as_str() == s)
    }

    /// The step where `field` is filled in.
    pub fn of(field: &str) -> WriterStep {
        let head = field.split(['.', '[']).next().unwrap_or(field);
        match head {
            "kind"
            | "extradition_purpose"
            | "measures"
            | "requested_country"
            | "requested_authority"
            | "urgency"
            | "urgency_reason"
            | "deadline"
            | "case"
                if !field.starts_with("case.") =>
            {
                WriterStep::Basics
            }
            "legal_basis" | "reciprocity" | "language" | "second_language" => WriterStep::LegalBasis,
            "subject"
            | "facts"
            | "offences"
            | "assistance_sought"
            | "purpose"
            | "procedure"
            | "confidentiality"
            | "confidentiality_reason" => WriterStep::Content,
            "annexes" | "signatory_name" | "signatory_position" => WriterStep::Signature,
            _ => WriterStep::Particulars,
        }
    }
}

impl Finding {
    pub fn step(&self) -> WriterStep {
        WriterStep::of(&self.field)
    }

    pub fn blocks(&self) -> bool {
        self.severity != Severity::Advice
    }
}

/// What the check needs besides the draft.
pub struct Context<'a> {
    pub requesting_country: CountryCode,
    pub case: &'a Case,
    /// The resolver's answer for (requesting, requested, type) today; `None` when not available.
    pub answer: Option<&'a Answer>,
    pub today: Date,
}

/// The articles that ask for a piece of content, per instrument: the ones cited are named, or the
/// UN conventions' when none of them is cited.
type Cites = &'static [(&'static str, &'static str)];

const SUBJECT: Cites = &[
    ("untoc", "UNTOC Art. 18(15)(b)"),
    ("uncac", "UNCAC Art. 46(15)(b)"),
    ("vienna1988", "1988 Convention Art. 7(10)(b)"),
    ("ets030", "ETS 030 Art. 14(1)(b)"),
    ("minsk1993", "Minsk Convention Art. 7"),
];
const FACTS: Cites = &[
    ("untoc", "UNTOC Art. 18(15)(c)"),
    ("uncac", "UNCAC Art. 46(15)(c)"),
    ("vienna1988", "1988 Convention Art. 7(10)(c)"),
    ("ets030", "ETS 030 Art. 14(2)"),
    ("minsk1993", "Minsk Convention Art. 7"),
];
const ASSISTANCE: Cites = &[
    ("untoc", "UNTOC Art. 18(15)(d)"),
    ("uncac", "UNCAC Art. 46(15)(d)"),
    ("vienna1988", "1988 Convention Art. 7(10)(d)"),
    ("ets030", "ETS 030 Art. 14(1)(b)"),
];
const PERSONS: Cites = &[
    ("untoc", "UNTOC Art. 18(15)(e)"),
    ("uncac", "UNCAC Art. 46(15)(e)"),
    ("vienna1988", "1988 Convention Art. 7(10)(e)"),
    ("ets030", "ETS 030 Art. 14(1)(c)"),
];
const PURPOSE: Cites = &[
    ("untoc", "UNTOC Art. 18(15)(f)"),
    ("uncac", "UNCAC Art. 46(15)(f)"),
    ("vienna1988", "1988 Convention Art. 7(10)(f)"),
];
const CONFIDENTIALITY: Cites = &[("untoc", "UNTOC Art. 18(20)"), ("uncac", "UNCAC Art. 46(20)")];
const VIDEO_LINK: Cites = &[("untoc", "UNTOC Art. 18(18)"), ("uncac", "UNCAC Art. 46(18)")];
const TEMPORARY_TRANSFER: Cites = &[("untoc", "UNTOC Art. 18(10)(a)"), ("uncac", "UNCAC Art. 46(10)(a)")];
const SERVICE: Cites = &[("ets030", "ETS 030 Art. 14(1)(d)"), ("untoc", "UNTOC Art. 18(3)(b)")];
const CONFISCATION_ASSETS: Cites = &[("untoc", "UNTOC Art. 13(3)(a)"), ("uncac", "UNCAC Art. 55(3)(a)")];
const CONFISCATION_ORDER: Cites = &[("untoc", "UNTOC Art. 13(3)(b)"), ("uncac", "UNCAC Art. 55(3)(b)")];
const FREEZING: Cites = &[("untoc", "UNTOC Art. 13(3)(c)"), ("uncac", "UNCAC Art. 55(3)(c)")];
const EXTRADITION_DECISION: Cites = &[("ets024", "ETS 024 Art. 12(2)(a)"), ("minsk1993", "Minsk Convention Art. 58")];
const EXTRADITION_OFFENCES: Cites = &[("ets024", "ETS 024 Art. 12(2)(b)"), ("minsk1993", "Minsk Convention Art. 58")];
const EXTRADITION_PERSON: Cites = &[("ets024", "ETS 024 Art. 12(2)(c)"), ("minsk1993", "Minsk Convention Art. 58")];
const EXTRADITION_PENALTY: Cites = &[("ets024", "ETS 024 Art. 2(1)")];
const NATIONALS: Cites = &[("ets024", "ETS 024 Art. 6(1)(a)")];
const TRANSFER_JUDGMENT: Cites = &[("ets112", "ETS 112 Art. 6(2)(a)")];
const TRANSFER_SERVED: Cites = &[("ets112", "ETS 112 Art. 6(2)(b)")];
const TRANSFER_CONSENT: Cites = &[("ets112", "ETS 112 Art. 3(1)(d), Art. 7")];
const DUAL_CRIMINALITY: Cites =
    &[("ets030", "ETS 030 Art. 5(1)"), ("untoc", "UNTOC Art. 18(9)"), ("uncac", "UNCAC Art. 46(9)")];

fn cite(cites: Cites, cited: &[String]) -> Option<String> {
    let chosen: Vec<&str> = cites.iter().filter(|(id, _)| cited.iter().any(|c| c == id)).map(|(_, a)| *a).collect();
    if !chosen.is_empty() {
        return Some(chosen.join("; "));
    }
    cites.first().map(|(_, a)| (*a).to_string())
}

struct Findings<'a> {
    out: Vec<Finding>,
    cited: &'a [String],
}

impl Findings<'_> {
    fn add(&mut self, field: impl Into<String>, severity: Severity, code: &'static str, message: String, cites: Cites) {
        let source = if cites.is_empty() { None } else { cite(cites, self.cited) };
        self.out.push(Finding { field: field.into(), severity, code, message, source });
    }
    fn require_text(&mut self, field: &str, value: &str, what: &str, cites: Cites) {
        if value.trim().is_empty() {
            self.add(field, Severity::Missing, "required", format!("{what} is required"), cites);
        }
    }
}

fn roles_for(m: Measure) -> &'static [PersonRole] {
    match m {
        Measure::HearingWitness => &[PersonRole::Witness, PersonRole::Victim],
        Measure::HearingSuspect => &[PersonRole::Suspect, PersonRole::Accused],
        Measure::HearingExpert => &[PersonRole::Expert],
        Measure::TemporaryTransferOfDetainedPerson => {
            &[PersonRole::Witness, PersonRole::Suspect, PersonRole::Accused, PersonRole::SentencedPerson]
        }
        _ => &[],
    }
}

/// Every finding for `d` in context `cx`, in writer order.
pub fn check(d: &Draft, cx: &Context<'_>) -> Vec<Finding> {
    let mut f = Findings { out: Vec::new(), cited: &d.legal_basis };
    basics(d, cx, &mut f);
    legal_basis(d, cx, &mut f);
    content(d, cx, &mut f);
    particulars(d, cx, &mut f);
    f.require_text("signatory_name", &d.signatory_name, "The name of the person signing", &[]);
    f.require_text("signatory_position", &d.signatory_position, "The position of the person signing", &[]);
    let mut out = f.out;
    out.sort_by_key(|x| (x.step(), x.severity));
    out
}

/// True when nothing blocks: the request may be marked ready and sent.
pub fn is_complete(findings: &[Finding]) -> bool {
    !findings.iter().any(Finding::blocks)
}

fn basics(d: &Draft, cx: &Context<'_>, f: &mut Findings<'_>) {
    if d.requested_country == cx.requesting_country {
        f.add(
            "requested_country",
            Severity::Inconsistent,
            "same_state",
            format!("the requested state is the requesting state ({})", cx.requesting_country),
            &[],
        );
    }
    for (i, m) in d.measures.iter().enumerate() {
        if !m.fits(d.kind) {
            f.add(
                format!("measures[{i}]"),
                Severity::Inconsistent,
                "not_applicable",
                format!("the measure '{m}' does not belong to a request of type '{}'", d.kind),
                &[],
            );
        }
    }
    let wants_measures = matches!(d.kind, CooperationType::Mla | CooperationType::Confiscation);
    if wants_measures && !d.measures.iter().any(|m| m.fits(d.kind)) {
        f.add("measures", Severity::Missing, "required", "Choose at least one measure".into(), ASSISTANCE);
    }
    if d.kind == CooperationType::Extradition && d.extradition_purpose.is_none() {
        f.add(
            "extradition_purpose",
            Severity::Missing,
            "required",
            "State whether extradition is sought for prosecution or to enforce a sentence".into(),
            &[],
        );
    }
    if d.urgency != Urgency::Normal {
        f.require_text("urgency_reason", &d.urgency_reason, "The reason for urgency", &[]);
    }
    if let Some(dl) = d.deadline
        && dl < cx.today
    {
        f.add("deadline", Severity::Inconsistent, "past_date", format!("the deadline {dl} has passed"), &[]);
    }
}

fn legal_basis(d: &Draft, cx: &Context<'_>, f: &mut Findings<'_>) {
    if d.legal_basis.is_empty() && !d.reciprocity {
        f.add(
            "legal_basis",
            Severity::Missing,
            "required",
            "Cite the legal basis, or state that the request rests on reciprocity".into(),
            &[],
        );
    }
    if let Some(answer) = cx.answer {
        for (i, id) in d.legal_basis.iter().enumerate() {
            if !answer.bases.iter().any(|b| &b.instrument == id) {
                let why = answer.excluded.iter().find(|e| &e.instrument == id).map(|e| e.reason.clone());
                f.add(
                    format!("legal_basis[{i}]"),
                    Severity::Inconsistent,
                    "not_binding",
                    match why {
                        Some(r) => format!("'{id}' does not bind both states for this request: {r}"),
                        None => format!("'{id}' does not bind both states for this request"),
                    },
                    &[],
                );
            }
        }
        if d.reciprocity && d.legal_basis.is_empty() && !answer.bases.is_empty() {
            f.add(
                "reciprocity",
                Severity::Advice,
                "treaty_available",
                format!("{} binds both states; cite it rather than reciprocity", answer.bases[0].short),
                &[],
            );
        }
        if let Some(lang) = &d.language {
            for b in answer.bases.iter().filter(|b| d.legal_basis.contains(&b.instrument)) {
                for decl in b.requested_declarations.iter().filter(|x| x.about == DeclarationAbout::Language) {
                    let accepted = |l: &Option<String>| l.as_ref().is_some_and(|l| decl.languages.contains(l));
                    if !decl.languages.is_empty() && !accepted(&d.language) && !accepted(&d.second_language) {
                        f.add(
                            "language",
                            Severity::Inconsistent,
                            "language_not_accepted",
                            format!(
                                "{} accepts requests under {} in {} only ({}), not in '{lang}': add a translation as second language",
                                d.requested_country,
                                b.short,
                                decl.languages.join(", "),
                                decl.article
                            ),
                            &[],
                        );
                    }
                }
            }
        }
    }
    if d.language.is_none() {
        f.add("language", Severity::Missing, "required", "Choose the language of the document".into(), &[]);
    }
}

fn content(d: &Draft, cx: &Context<'_>, f: &mut Findings<'_>) {
    let only_service = d.kind == CooperationType::Mla
        && !d.measures.is_empty()
        && d.measures.iter().all(|m| *m == Measure::ServiceOfDocuments);
    // The UN conventions' list of contents is for mutual legal assistance; other types cite their own.
    let mla = d.kind == CooperationType::Mla;
    let facts_cites = match d.kind {
        CooperationType::Mla => FACTS,
        CooperationType::Extradition => EXTRADITION_OFFENCES,
        _ => &[],
    };
    f.require_text("subject", &d.subject, "The subject and nature of the proceedings", if mla { SUBJECT } else { &[] });
    if !only_service {
        f.require_text("facts", &d.facts, "A summary of the relevant facts", facts_cites);
        if d.offences.is_empty() {
            f.add(
                "offences",
                Severity::Missing,
                "required",
                "Name at least one offence of the case".into(),
                facts_cites,
            );
        }
    }
    for (i, k) in d.offences.iter().enumerate() {
        if cx.case.offence(k).is_none() {
            f.add(
                format!("offences[{i}]"),
                Severity::Inconsistent,
                "unknown_reference",
                format!("the case has no offence '{k}'"),
                &[],
            );
        }
    }
    if d.kind == CooperationType::Mla {
        f.require_text("assistance_sought", &d.assistance_sought, "A description of the assistance sought", ASSISTANCE);
        f.require_text("purpose", &d.purpose, "The purpose for which the evidence or action is sought", PURPOSE);
    }
    let conf_cites = if mla { CONFIDENTIALITY } else { &[] };
    match d.confidentiality {
        None => f.add(
            "confidentiality",
            Severity::Missing,
            "required",
            "State whether the request must be kept confidential".into(),
            conf_cites,
        ),
        Some(true) => f.require_text(
            "confidentiality_reason",
            &d.confidentiality_reason,
            "The reason for confidentiality",
            conf_cites,
        ),
        Some(false) => {}
    }
    if d.kind == CooperationType::Mla
        && d.measures.iter().any(|m| matches!(m, Measure::SearchAndSeizure | Measure::Freezing))
        && let Some(answer) = cx.answer
        && let Some(b) = answer.bases.iter().find(|b| d.legal_basis.contains(&b.instrument))
        && let Some(p) = &b.provision
        && matches!(p.dual_criminality, Some(DualCriminality::Required | DualCriminality::MayRefuse))
    {
        f.add(
            "offences",
            Severity::Advice,
            "dual_criminality",
            format!(
                "coercive measures under {} may be refused unless the conduct is an offence in {} too: describe the conduct, not only its name",
                b.short, d.requested_country
            ),
            DUAL_CRIMINALITY,
        );
    }
}

/// Persons concerned, checked against the case; returns those found.
fn persons_concerned<'c>(d: &Draft, case: &'c Case, f: &mut Findings<'_>) -> Vec<&'c Person> {
    let mut found = Vec::new();
    for (i, k) in d.persons.iter().enumerate() {
        match case.person(k) {
            Some(p) => found.push(p),
            None => f.add(
                format!("persons[{i}]"),
                Severity::Inconsistent,
                "unknown_reference",
                format!("the case has no person '{k}'"),
                &[],
            ),
        }
    }
    found
}

fn particulars(d: &Draft, cx: &Context<'_>, f: &mut Findings<'_>) {
    let persons = persons_concerned(d, cx.case, f);
    for (i, k) in d.assets.iter().enumerate() {
        if cx.case.asset(k).is_none() {
            f.add(
                format!("assets[{i}]"),
                Severity::Inconsistent,
                "unknown_reference",
                format!("the case has no asset '{k}'"),
                &[],
            );
        }
    }
    let md = &d.measure_details;
    match d.kind {
        CooperationType::Mla => {
            for m in &d.measures {
                mla_measure(*m, d, &persons, f);
            }
            for p in &persons {
                if p.location.is_empty() && p.location_country.is_none() {
                    f.add(
                        "persons",
                        Severity::Advice,
                        "location_unknown",
                        format!("where possible, give the location of {}", p.name),
                        PERSONS,
                    );
                }
            }
        }
        CooperationType::Extradition => extradition(d, cx, &persons, f),
        CooperationType::TransferOfProceedings => {
            person_with_role(&persons, &[PersonRole::Suspect, PersonRole::Accused], "the suspect or accused", f, &[]);
        }
        CooperationType::TransferOfSentencedPersons => {
            person_with_role(&persons, &[PersonRole::SentencedPerson], "the sentenced person", f, &[]);
            f.require_text("decision", &d.decision, "The judgment (court, date, reference)", TRANSFER_JUDGMENT);
            f.require_text("penalty", &d.penalty, "The sentence and how much of it has been served", TRANSFER_SERVED);
            consent(d, f, TRANSFER_CONSENT);
        }
        CooperationType::Confiscation => {
            if d.assets.is_empty() {
                f.add(
                    "assets",
                    Severity::Missing,
                    "required",
                    "Describe the property concerned (the case's assets)".into(),
                    CONFISCATION_ASSETS,
                );
            }
            if d.measures.contains(&Measure::Confiscation) {
                f.require_text(
                    "decision",
                    &d.decision,
                    "The confiscation order (court, date, reference)",
                    CONFISCATION_ORDER,
                );
            }
            if d.measures.contains(&Measure::AssetSharing) {
                f.require_text("measure_details.sharing", &md.sharing, "The asset-sharing proposal", &[]);
            }
        }
        CooperationType::RecognitionOfJudgment => {
            person_with_role(
                &persons,
                &[PersonRole::SentencedPerson, PersonRole::Accused],
                "the person convicted",
                f,
                &[],
            );
            f.require_text("decision", &d.decision, "The judgment to be recognised (court, date, reference)", &[]);
            f.require_text("penalty", &d.penalty, "The sanction imposed", &[]);
        }
    }
}

fn person_with_role<'c>(
    persons: &[&'c Person],
    roles: &[PersonRole],
    what: &str,
    f: &mut Findings<'_>,
    cites: Cites,
) -> Option<&'c Person> {
    if persons.is_empty() {
        f.add("persons", Severity::Missing, "required", format!("Name {what} (a person of the case)"), cites);
        return None;
    }
    let found = persons.iter().find(|p| roles.contains(&p.role)).copied();
    if found.is_none() {
        f.add(
            "persons",
            Severity::Inconsistent,
            "role_mismatch",
            format!(
                "none of the persons named is {what} (roles expected: {})",
                roles.iter().map(|r| r.as_str()).collect::<Vec<_>>().join(", ")
            ),
            cites,
        );
    }
    found
}

fn consent(d: &Draft, f: &mut Findings<'_>, cites: Cites) {
    match d.consent {
        None => f.add("consent", Severity::Missing, "required", "State whether the person has consented".into(), cites),
        Some(false) => f.add(
            "consent",
            Severity::Inconsistent,
            "consent_refused",
            "the person has not consented, which this transfer requires".into(),
            cites,
        ),
        Some(true) => {}
    }
}

fn mla_measure(m: Measure, d: &Draft, persons: &[&Person], f: &mut Findings<'_>) {
    let md = &d.measure_details;
    if m.is_hearing() {
        let roles = roles_for(m);
        if roles.is_empty() {
            if persons.is_empty() {
                f.add("persons", Severity::Missing, "required", "Name the person to be heard".into(), PERSONS);
            }
        } else {
            person_with_role(persons, roles, "a person of the kind to be heard", f, PERSONS);
        }
        f.require_text("measure_details.questions", &md.questions, "The questions to put", &[]);
    }
    match m {
        Measure::HearingByVideoLink => {
            f.require_text("measure_details.video_link", &md.video_link, "The video-link arrangements", VIDEO_LINK)
        }
        Measure::SearchAndSeizure => f.require_text(
            "measure_details.premises",
            &md.premises,
            "The premises to search and the items to seize",
            ASSISTANCE,
        ),
        Measure::BankRecords => {
            f.require_text("measure_details.accounts", &md.accounts, "The banks, accounts and period", ASSISTANCE)
        }
        Measure::TelecomData => f.require_text(
            "measure_details.telecom",
            &md.telecom,
            "The numbers or identifiers, kinds of data and period",
            ASSISTANCE,
        ),
        Measure::ServiceOfDocuments => {
            f.require_text("measure_details.service", &md.service, "The documents to serve and on whom", SERVICE);
            if persons.is_empty() {
                f.add("persons", Severity::Missing, "required", "Name the person to be served".into(), SERVICE);
            }
        }
        Measure::ControlledDelivery | Measure::CovertInvestigation => f.require_text(
            "measure_details.operation",
            &md.operation,
            "The operation (consignment or target, route, timing, officers)",
            ASSISTANCE,
        ),
        Measure::TemporaryTransferOfDetainedPerson => {
            person_with_role(persons, roles_for(m), "the detained person", f, TEMPORARY_TRANSFER);
            f.require_text(
                "measure_details.transfer",
                &md.transfer,
                "The purpose, duration, custody and return of the transfer",
                TEMPORARY_TRANSFER,
            );
            consent(d, f, TEMPORARY_TRANSFER);
        }
        Measure::Freezing if d.assets.is_empty() => {
            f.add("assets", Severity::Missing, "required", "Name the assets to freeze".into(), FREEZING);
        }
        _ => {}
    }
}

fn extradition(d: &Draft, cx: &Context<'_>, persons: &[&Person], f: &mut Findings<'_>) {
    let roles: &[PersonRole] = match d.extradition_purpose {
        Some(ExtraditionPurpose::Enforcement) => &[PersonRole::SentencedPerson],
        _ => &[PersonRole::Suspect, PersonRole::Accused],
    };
    if let Some(p) = person_with_role(persons, roles, "the person sought", f, EXTRADITION_PERSON) {
        if p.birth_date.is_none() && p.description.is_empty() && p.identity_documents.is_empty() {
            f.add(
                "persons",
                Severity::Missing,
                "identity",
                format!("describe {} as accurately as possible: date of birth, documents, description", p.name),
                EXTRADITION_PERSON,
            );
        }
        if p.nationalities.is_empty() {
            f.add(
                "persons",
                Severity::Advice,
                "nationality_unknown",
                format!("the nationality of {} is not given", p.name),
                EXTRADITION_PERSON,
            );
        }
        if p.nationalities.contains(&d.requested_country) {
            f.add(
                "persons",
                Severity::Advice,
                "own_national",
                format!(
                    "{} is a national of {}, which may refuse to extradite its nationals; consider a transfer of proceedings",
                    p.name, d.requested_country
                ),
                NATIONALS,
            );
        }
    }
    let (decision, penalty) = match d.extradition_purpose {
        Some(ExtraditionPurpose::Enforcement) => (
            "The enforceable judgment (court, date, reference)",
            "The sentence imposed and the part still to be served",
        ),
        _ => (
            "The arrest warrant or equivalent order (authority, date, reference)",
            "The maximum penalty for the offences",
        ),
    };
    f.require_text("decision", &d.decision, decision, EXTRADITION_DECISION);
    f.require_text("penalty", &d.penalty, penalty, EXTRADITION_PENALTY);
    for k in &d.offences {
        if let Some(o) = cx.case.offence(k) {
            if o.legal_provision.is_empty() {
                f.add(
                    format!("case.offences[{k}].legal_provision"),
                    Severity::Missing,
                    "required",
                    format!("the provision of law for offence '{k}' is required"),
                    EXTRADITION_OFFENCES,
                );
            }
            if o.time_and_place.is_empty() {
                f.add(
                    format!("case.offences[{k}].time_and_place"),
                    Severity::Missing,
                    "required",
                    format!("the time and place of offence '{k}' are required"),
                    EXTRADITION_OFFENCES,
                );
            }
        }
    }
    if let Some(arrest) = d.provisional_arrest
        && let Some(dl) = super::deadline::sending_after_arrest(arrest, &d.legal_basis)
    {
        let left = dl.due.days_since(cx.today);
        f.add(
            "provisional_arrest",
            if left < 0 { Severity::Inconsistent } else { Severity::Advice },
            "sending_deadline",
            format!(
                "after the provisional arrest on {arrest}, the request must arrive by {} ({left} days left)",
                dl.due
            ),
            &[("ets024", "ETS 024 Art. 16(4)")],
        );
    }
}

#[cfg(test)]
mod tests;
