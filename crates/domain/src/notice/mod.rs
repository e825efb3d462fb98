//! Notices and the objects they concern: wanted, missing and unidentified persons (the INTERPOL colours and
//! the INTERPOL–UN Security Council special notices), diffusions addressed to chosen countries, stolen
//! vehicles and stolen or lost travel documents. A notice is a checked document: `NoticeBody::check` names
//! every bad field. Person fields keep the names of INTERPOL's public notices JSON so that imports and
//! exports map one to one.

pub mod ftm;
pub mod interpol;
pub mod manifest;
pub mod mrz;
pub mod vin;

use serde::{Deserialize, Serialize};

use crate::CountryCode;
use crate::date::{Date, PartialDate};
use crate::validation::{FieldError, Invalid, opt_text, text};

named_enum! {
    /// What a notice asks for.
    pub enum NoticeKind {
        /// Wanted for arrest with a view to extradition.
        Red = "red",
        /// Missing person.
        Yellow = "yellow",
        /// Locate, identify or obtain information on a person.
        Blue = "blue",
        /// Unidentified body.
        Black = "black",
        /// Warning about a person's criminal activities.
        Green = "green",
        /// Imminent threat.
        Orange = "orange",
        /// Modus operandi, objects, devices, concealment methods.
        Purple = "purple",
        /// Asset tracing.
        Silver = "silver",
        /// INTERPOL–United Nations Security Council special notice (sanctioned persons).
        UnSpecial = "un_special",
        /// A request sent directly to chosen countries.
        Diffusion = "diffusion",
        StolenVehicle = "stolen_vehicle",
        TravelDocument = "travel_document",
    }
}

impl NoticeKind {
    /// Which subject a notice of this kind concerns.
    pub fn subject(self) -> SubjectKind {
        match self {
            NoticeKind::StolenVehicle => SubjectKind::Vehicle,
            NoticeKind::TravelDocument => SubjectKind::Document,
            _ => SubjectKind::Person,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectKind {
    Person,
    Vehicle,
    Document,
}

named_enum! {
    pub enum NoticeStatus {
        Active = "active",
        Cancelled = "cancelled",
        Expired = "expired",
    }
}

named_enum! {
    /// INTERPOL's `sex_id`.
    pub enum Sex {
        Male = "M",
        Female = "F",
        Unknown = "U",
    }
}

named_enum! {
    /// What happened to a travel document.
    pub enum DocumentStatus {
        Stolen = "stolen",
        Lost = "lost",
        Revoked = "revoked",
        StolenBlank = "stolen_blank",
    }
}

/// An arrest warrant behind a red notice or diffusion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArrestWarrant {
    /// A country code, or an international court's INTERPOL code (914 ICC, 916 STL, 922 IRMCT).
    pub issuing_country_id: String,
    pub charge: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub charge_translation: Option<String>,
}

/// Another name a person is known by, in Latin and perhaps in its original script.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Alias {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forename: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forename_in_original_script: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_in_original_script: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    /// The source's own rating (the UN list's "Good" / "Low").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualification: Option<String>,
}

/// An identity document held by a person (UN notices list them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityDocument {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    pub nr: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing_country_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<String>,
}

/// A person as INTERPOL's notices describe them, plus names in further scripts.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticePerson {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forename: Option<String>,
    /// Family name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forename_in_original_script: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name_in_original_script: Option<String>,
    /// Full names in further scripts or spellings, each as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other_names: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<Alias>,
    /// `YYYY/MM/DD`, `YYYY/MM` or `YYYY`, as INTERPOL writes it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nationalities: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex_id: Option<Sex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country_of_birth_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_of_birth: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distinguishing_marks: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub languages_spoken_ids: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eyes_colors_id: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hairs_id: Vec<String>,
    /// Metres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub height: Option<f64>,
    /// Kilograms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub arrest_warrants: Vec<ArrestWarrant>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identity_documents: Vec<IdentityDocument>,
}

impl NoticePerson {
    /// Every full name of the person, main name first: Latin, original script, further names, aliases.
    pub fn all_names(&self) -> Vec<String> {
        let join = |f: &Option<String>, n: &Option<String>| {
            let parts: Vec<&str> = [f, n].into_iter().flatten().map(|s| s.trim()).filter(|s| !s.is_empty()).collect();
            (!parts.is_empty()).then(|| parts.join(" "))
        };
        let mut names: Vec<String> = Vec::new();
        let mut add = |n: Option<String>| {
            if let Some(n) = n.filter(|n| !names.contains(n)) {
                names.push(n);
            }
        };
        add(join(&self.forename, &self.name));
        add(join(&self.forename_in_original_script, &self.name_in_original_script));
        for n in &self.other_names {
            add(Some(n.trim().to_owned()).filter(|n| !n.is_empty()));
        }
        for a in &self.aliases {
            add(join(&a.forename, &a.name));
            add(join(&a.forename_in_original_script, &a.name_in_original_script));
        }
        names
    }

    /// The dates of birth as partial dates: the person's and its aliases'.
    pub fn birth_dates(&self) -> Vec<PartialDate> {
        std::iter::once(&self.date_of_birth)
            .chain(self.aliases.iter().map(|a| &a.date_of_birth))
            .flatten()
            .filter_map(|d| parse_interpol_date(d).ok())
            .collect()
    }
}

/// A stolen vehicle.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StolenVehicle {
    /// A 17-character VIN, checked (ISO 3779; the check digit where the region mandates it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vin: Option<String>,
    /// A chassis or frame number that is not a VIN (older or Japanese domestic vehicles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chassis_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plate: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plate_country: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub make: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
}

/// A stolen, lost or revoked travel document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TravelDocument {
    /// passport, id_card, visa, residence_permit…
    pub document_type: String,
    pub number: String,
    /// ICAO 9303 code of the issuing state (three letters, or D for Germany).
    pub issuing_state: String,
    pub status: Option<DocumentStatus>,
    /// The machine-readable zone when known; checked, and number and state must agree with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mrz: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holder_name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiry_date: Option<String>,
}

impl TravelDocument {
    /// The number as compared: upper case, without spaces, dashes and fillers.
    pub fn normalised_number(&self) -> String {
        normalise_document_number(&self.number)
    }
}

/// A registration plate as compared: letters and digits only, upper case, with the Cyrillic letters that
/// plates share with Latin (А В Е К М Н О Р С Т У Х) read as their Latin twins, so that «А 123 ВС 77» and
/// "a123bc77" are one plate.
pub fn normalise_plate(plate: &str) -> String {
    plate
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .map(|c| match c {
            'А' => 'A',
            'В' => 'B',
            'Е' => 'E',
            'К' => 'K',
            'М' => 'M',
            'Н' => 'H',
            'О' => 'O',
            'Р' => 'P',
            'С' => 'C',
            'Т' => 'T',
            'У' => 'Y',
            'Х' => 'X',
            other => other,
        })
        .collect()
}

pub fn normalise_document_number(number: &str) -> String {
    number.chars().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

/// What a notice is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
#[allow(clippy::large_enum_variant)] // most notices are about persons; boxing would only add a pointer chase
pub enum Subject {
    Person(NoticePerson),
    Vehicle(StolenVehicle),
    Document(TravelDocument),
}

/// The content of a notice. Owner, status and timestamps are kept beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoticeBody {
    pub kind: NoticeKind,
    /// A short title (`Wanted for fraud`); the person's name is shown beside it.
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub summary: String,
    pub subject: Subject,
    /// Countries the notice is addressed to; empty means every member. A diffusion must name them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub addressees: Vec<CountryCode>,
    /// When the owner must review the notice (INTERPOL reviews notices at least every five years).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_date: Option<Date>,
    /// The identifier of the notice in its source (INTERPOL's `entity_id`, an FtM id): re-imports update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_id: Option<String>,
}

const MAX_TEXT: usize = 4000;

/// Reads INTERPOL's date of birth: `YYYY/MM/DD`, `YYYY/MM` or `YYYY` (dashes also accepted). A zero month or
/// day (`1993/00/00`) means unknown.
pub fn parse_interpol_date(s: &str) -> Result<PartialDate, FieldError> {
    let mut parts: Vec<&str> = s.trim().split(['/', '-']).collect();
    while parts.len() > 1 && parts.last().is_some_and(|p| p.bytes().all(|b| b == b'0')) {
        parts.pop();
    }
    PartialDate::parse(&parts.join("-")).map_err(|_| {
        FieldError::new(
            "date_of_birth",
            "invalid_format",
            format!("'{s}' is not a date of the form YYYY/MM/DD, YYYY/MM or YYYY"),
        )
    })
}

fn country_list(inv: &mut Invalid, field: &str, list: &mut [String]) {
    for (i, c) in list.iter_mut().enumerate() {
        *c = c.trim().to_ascii_uppercase();
        if CountryCode::parse(c).is_err() && c != "UNK" {
            inv.push(FieldError::new(
                format!("{field}[{i}]"),
                "unknown_country",
                format!("'{c}' is not a country code"),
            ));
        }
    }
}

fn check_person(inv: &mut Invalid, p: &mut NoticePerson) {
    for (field, value) in [
        ("subject.forename", &mut p.forename),
        ("subject.name", &mut p.name),
        ("subject.forename_in_original_script", &mut p.forename_in_original_script),
        ("subject.name_in_original_script", &mut p.name_in_original_script),
        ("subject.place_of_birth", &mut p.place_of_birth),
    ] {
        opt_text(inv, field, value, 200);
    }
    opt_text(inv, "subject.distinguishing_marks", &mut p.distinguishing_marks, MAX_TEXT);
    for (i, n) in p.other_names.iter_mut().enumerate() {
        text(inv, &format!("subject.other_names[{i}]"), n, true, 300);
    }
    if p.all_names().is_empty() {
        inv.push(FieldError::new("subject.name", "required", "a person notice needs at least one name"));
    }
    if let Some(d) = &p.date_of_birth
        && let Err(mut e) = parse_interpol_date(d)
    {
        e.field = "subject.date_of_birth".into();
        inv.push(e);
    }
    country_list(inv, "subject.nationalities", &mut p.nationalities);
    if let Some(c) = &mut p.country_of_birth_id {
        *c = c.trim().to_ascii_uppercase();
        if CountryCode::parse(c).is_err() {
            inv.push(FieldError::new(
                "subject.country_of_birth_id",
                "unknown_country",
                format!("'{c}' is not a country code"),
            ));
        }
    }
    if p.height.is_some_and(|h| !(0.3..=2.8).contains(&h)) {
        inv.push(FieldError::new("subject.height", "out_of_range", "height is in metres, between 0.3 and 2.8"));
    }
    if p.weight.is_some_and(|w| !(1.0..=400.0).contains(&w)) {
        inv.push(FieldError::new("subject.weight", "out_of_range", "weight is in kilograms, between 1 and 400"));
    }
    for (i, w) in p.arrest_warrants.iter_mut().enumerate() {
        text(inv, &format!("subject.arrest_warrants[{i}].issuing_country_id"), &mut w.issuing_country_id, true, 10);
        text(inv, &format!("subject.arrest_warrants[{i}].charge"), &mut w.charge, true, MAX_TEXT);
        opt_text(inv, &format!("subject.arrest_warrants[{i}].charge_translation"), &mut w.charge_translation, MAX_TEXT);
    }
    for (i, d) in p.identity_documents.iter_mut().enumerate() {
        text(inv, &format!("subject.identity_documents[{i}].nr"), &mut d.nr, true, 40);
    }
}

fn check_vehicle(inv: &mut Invalid, v: &mut StolenVehicle) {
    if let Some(vin) = &mut v.vin {
        match vin::Vin::parse(vin) {
            Ok(parsed) => *vin = parsed.to_string(),
            Err(e) => inv.push(FieldError::new("subject.vin", "invalid_vin", e.to_string())),
        }
    }
    for (field, value) in [
        ("subject.chassis_number", &mut v.chassis_number),
        ("subject.plate", &mut v.plate),
        ("subject.make", &mut v.make),
        ("subject.model", &mut v.model),
        ("subject.colour", &mut v.colour),
    ] {
        opt_text(inv, field, value, 60);
    }
    if v.vin.is_none() && v.chassis_number.is_none() && v.plate.is_none() {
        inv.push(FieldError::new(
            "subject.vin",
            "required",
            "a stolen vehicle needs a VIN, a chassis number or a plate",
        ));
    }
    if let Some(c) = &mut v.plate_country {
        *c = c.trim().to_ascii_uppercase();
        if CountryCode::parse(c).is_err() {
            inv.push(FieldError::new(
                "subject.plate_country",
                "unknown_country",
                format!("'{c}' is not a country code"),
            ));
        }
    }
}

fn check_document(inv: &mut Invalid, d: &mut TravelDocument) {
    text(inv, "subject.document_type", &mut d.document_type, true, 40);
    d.issuing_state = d.issuing_state.trim().to_ascii_uppercase();
    if !(1..=3).contains(&d.issuing_state.len()) || !d.issuing_state.bytes().all(|b| b.is_ascii_uppercase()) {
        inv.push(FieldError::new(
            "subject.issuing_state",
            "invalid_format",
            "the ICAO 9303 code of the issuing state (RUS, UZB, D…)",
        ));
    }
    if let Some(zone) = &d.mrz {
        match mrz::parse(zone) {
            Ok(m) => {
                if d.number.trim().is_empty() {
                    d.number = m.document_number.clone();
                }
                if normalise_document_number(&d.number) != normalise_document_number(&m.document_number) {
                    inv.push(FieldError::new(
                        "subject.number",
                        "mrz_mismatch",
                        format!("the machine-readable zone gives {}", m.document_number),
                    ));
                }
                if d.issuing_state != m.issuing_state {
                    inv.push(FieldError::new(
                        "subject.issuing_state",
                        "mrz_mismatch",
                        format!("the machine-readable zone gives {}", m.issuing_state),
                    ));
                }
                if d.holder_name.is_none() {
                    d.holder_name = Some(format!("{} {}", m.given_names, m.surname).trim().to_owned());
                }
            }
            Err(e) => inv.push(FieldError::new("subject.mrz", "invalid_mrz", e.to_string())),
        }
    }
    text(inv, "subject.number", &mut d.number, true, 40);
    opt_text(inv, "subject.holder_name", &mut d.holder_name, 200);
}

impl NoticeBody {
    /// Checks and normalises the notice; every bad field is named.
    pub fn check(mut self) -> Result<NoticeBody, Invalid> {
        let mut inv = Invalid::default();
        text(&mut inv, "title", &mut self.title, true, 200);
        text(&mut inv, "summary", &mut self.summary, false, MAX_TEXT);
        opt_text(&mut inv, "source_id", &mut self.source_id, 200);
        let expected = self.kind.subject();
        match (&mut self.subject, expected) {
            (Subject::Person(p), SubjectKind::Person) => check_person(&mut inv, p),
            (Subject::Vehicle(v), SubjectKind::Vehicle) => check_vehicle(&mut inv, v),
            (Subject::Document(d), SubjectKind::Document) => check_document(&mut inv, d),
            _ => inv.push(FieldError::new(
                "subject",
                "wrong_subject",
                format!("a {} notice is not about this kind of subject", self.kind),
            )),
        }
        if self.kind == NoticeKind::Diffusion && self.addressees.is_empty() {
            inv.push(FieldError::new("addressees", "required", "a diffusion names the countries it is sent to"));
        }
        self.addressees.sort();
        self.addressees.dedup();
        inv.into_result()?;
        Ok(self)
    }

    pub fn person(&self) -> Option<&NoticePerson> {
        match &self.subject {
            Subject::Person(p) => Some(p),
            _ => None,
        }
    }

    /// Whether a user of an organisation in `country` may see the notice: addressed to every member, or
    /// to that country. (The owner always sees its own notices; the store checks that.)
    pub fn visible_to(&self, country: CountryCode) -> bool {
        self.addressees.is_empty() || self.addressees.contains(&country)
    }

    /// A short label for lists: the person's name, the VIN or plate, the document number.
    pub fn label(&self) -> String {
        match &self.subject {
            Subject::Person(p) => p.all_names().into_iter().next().unwrap_or_default(),
            Subject::Vehicle(v) => {
                v.vin.clone().or_else(|| v.plate.clone()).or_else(|| v.chassis_number.clone()).unwrap_or_default()
            }
            Subject::Document(d) => format!("{} {}", d.issuing_state, d.number),
        }
    }
}

#[cfg(test)]
mod tests;
