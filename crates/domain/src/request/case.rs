//! The national criminal case a request belongs to: offences, persons (named in their own script and
//! in Latin letters) and assets. A case is a checked document: `Case::check` names every bad field.

use crate::CountryCode;
use crate::date::PartialDate;
use crate::validation::{FieldError, Invalid};
use serde::{Deserialize, Serialize};

named_enum! {
    /// Kinds of offence, after the crime areas the UN conventions and the networks use.
    pub enum OffenceCategory {
        DrugTrafficking = "drug_trafficking",
        MoneyLaundering = "money_laundering",
        Corruption = "corruption",
        Fraud = "fraud",
        Cybercrime = "cybercrime",
        Terrorism = "terrorism",
        TraffickingInPersons = "trafficking_in_persons",
        MigrantSmuggling = "migrant_smuggling",
        ParticipationInOrganisedCrime = "participation_in_organised_crime",
        Homicide = "homicide",
        RobberyOrTheft = "robbery_or_theft",
        Firearms = "firearms",
        TaxOffence = "tax_offence",
        EnvironmentalCrime = "environmental_crime",
        SexualExploitationOfChildren = "sexual_exploitation_of_children",
        Other = "other",
    }
}

named_enum! {
    /// What a person is in the case.
    pub enum PersonRole {
        Suspect = "suspect",
        Accused = "accused",
        Witness = "witness",
        Victim = "victim",
        Expert = "expert",
        SentencedPerson = "sentenced_person",
        Other = "other",
    }
}

named_enum! {
    pub enum AssetKind {
        BankAccount = "bank_account",
        RealEstate = "real_estate",
        Vehicle = "vehicle",
        Vessel = "vessel",
        CompanyShares = "company_shares",
        Cash = "cash",
        VirtualAssets = "virtual_assets",
        Other = "other",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offence {
    /// Short key, unique in the case, that requests refer to (`o1`).
    pub key: String,
    pub category: OffenceCategory,
    /// The conduct in a sentence.
    pub description: String,
    /// The provision of national law (`Article 159(4) of the Criminal Code`), quoted in requests.
    #[serde(default)]
    pub legal_provision: String,
    /// Maximum penalty under that provision (extradition needs it).
    #[serde(default)]
    pub maximum_penalty: String,
    /// When and where it was committed, as known.
    #[serde(default)]
    pub time_and_place: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// Short key, unique in the case (`p1`).
    pub key: String,
    pub role: PersonRole,
    /// The name as the person writes it, in its own script (`Сергей Плохов`, `سعيد الحسني`).
    pub name: String,
    /// The same name in Latin letters, as in the passport when known.
    #[serde(default)]
    pub name_latin: String,
    #[serde(default)]
    pub birth_date: Option<PartialDate>,
    #[serde(default)]
    pub birth_place: String,
    #[serde(default)]
    pub nationalities: Vec<CountryCode>,
    /// Identity documents (type, number, issuing state).
    #[serde(default)]
    pub identity_documents: String,
    /// Where the person is believed to be (address, institution of detention).
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub location_country: Option<CountryCode>,
    /// Description, distinguishing marks, occupation: what helps identify the person.
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Asset {
    /// Short key, unique in the case (`a1`).
    pub key: String,
    pub kind: AssetKind,
    pub description: String,
    /// Account number (IBAN), land register number, registration plate, wallet address…
    #[serde(default)]
    pub identifier: String,
    /// Key of the person who holds it, if one of the case's persons.
    #[serde(default)]
    pub holder: Option<String>,
    #[serde(default)]
    pub country: Option<CountryCode>,
    /// Estimated value with its currency (`125000 EUR`).
    #[serde(default)]
    pub value: String,
}

/// A case as its authority records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The authority's own case number (`12-345/2026`).
    pub reference: String,
    pub title: String,
    /// Stage and nature of the proceedings (pre-trial investigation, trial, enforcement) and who conducts them.
    #[serde(default)]
    pub proceedings: String,
    /// Summary of the facts.
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub offences: Vec<Offence>,
    #[serde(default)]
    pub persons: Vec<Person>,
    #[serde(default)]
    pub assets: Vec<Asset>,
}

/// Checks a text field: trimmed, within `max` characters, no control characters except line breaks.
pub(crate) fn text(inv: &mut Invalid, field: &str, value: &mut String, required: bool, max: usize) {
    let t = value.trim().to_string();
    let n = t.chars().count();
    if required && n == 0 {
        inv.push(FieldError::new(field, "required", "is required"));
    } else if n > max {
        inv.push(FieldError::new(field, "too_long", format!("must be at most {max} characters (got {n})")));
    } else if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        inv.push(FieldError::new(field, "invalid_characters", "must not contain control characters"));
    }
    *value = t.replace("\r\n", "\n");
}

/// Keys: 1–16 characters of ASCII letters, digits, `-`, `_`; unique within their list.
pub(crate) fn keys<'a>(inv: &mut Invalid, list: &str, keys: impl Iterator<Item = &'a mut String>) {
    let mut seen = std::collections::BTreeSet::new();
    for (i, k) in keys.enumerate() {
        *k = k.trim().to_string();
        let field = format!("{list}[{i}].key");
        if k.is_empty() || k.len() > 16 || !k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
            inv.push(FieldError::new(field, "invalid_format", "a key is 1–16 latin letters, digits, '-' or '_'"));
        } else if !seen.insert(k.clone()) {
            inv.push(FieldError::new(field, "duplicate", format!("key '{k}' is used twice")));
        }
    }
}

pub const MAX_PERSONS: usize = 200;
pub const MAX_OFFENCES: usize = 100;
pub const MAX_ASSETS: usize = 500;

impl Case {
    /// Trims every field and checks lengths, keys and references; returns every problem at once.
    pub fn check(mut self) -> Result<Case, Invalid> {
        let mut inv = Invalid::default();
        text(&mut inv, "reference", &mut self.reference, true, 100);
        text(&mut inv, "title", &mut self.title, true, 300);
        text(&mut inv, "proceedings", &mut self.proceedings, false, 2_000);
        text(&mut inv, "summary", &mut self.summary, false, 50_000);
        for (list, n, max) in [
            ("offences", self.offences.len(), MAX_OFFENCES),
            ("persons", self.persons.len(), MAX_PERSONS),
            ("assets", self.assets.len(), MAX_ASSETS),
        ] {
            if n > max {
                inv.push(FieldError::new(list, "too_many", format!("at most {max} entries (got {n})")));
            }
        }
        keys(&mut inv, "offences", self.offences.iter_mut().map(|o| &mut o.key));
        keys(&mut inv, "persons", self.persons.iter_mut().map(|p| &mut p.key));
        keys(&mut inv, "assets", self.assets.iter_mut().map(|a| &mut a.key));
        for (i, o) in self.offences.iter_mut().enumerate() {
            let f = |x: &str| format!("offences[{i}].{x}");
            text(&mut inv, &f("description"), &mut o.description, true, 2_000);
            text(&mut inv, &f("legal_provision"), &mut o.legal_provision, false, 2_000);
            text(&mut inv, &f("maximum_penalty"), &mut o.maximum_penalty, false, 500);
            text(&mut inv, &f("time_and_place"), &mut o.time_and_place, false, 1_000);
        }
        for (i, p) in self.persons.iter_mut().enumerate() {
            let f = |x: &str| format!("persons[{i}].{x}");
            text(&mut inv, &f("name"), &mut p.name, true, 300);
            text(&mut inv, &f("name_latin"), &mut p.name_latin, false, 300);
            text(&mut inv, &f("birth_place"), &mut p.birth_place, false, 300);
            text(&mut inv, &f("identity_documents"), &mut p.identity_documents, false, 1_000);
            text(&mut inv, &f("location"), &mut p.location, false, 1_000);
            text(&mut inv, &f("description"), &mut p.description, false, 2_000);
            if p.nationalities.len() > 5 {
                inv.push(FieldError::new(f("nationalities"), "too_many", "at most 5 nationalities"));
            }
            p.nationalities.dedup();
        }
        let person_keys: Vec<String> = self.persons.iter().map(|p| p.key.clone()).collect();
        for (i, a) in self.assets.iter_mut().enumerate() {
            let f = |x: &str| format!("assets[{i}].{x}");
            text(&mut inv, &f("description"), &mut a.description, true, 2_000);
            text(&mut inv, &f("identifier"), &mut a.identifier, false, 300);
            text(&mut inv, &f("value"), &mut a.value, false, 100);
            if let Some(h) = &a.holder
                && !person_keys.contains(h)
            {
                inv.push(FieldError::new(
                    f("holder"),
                    "unknown_reference",
                    format!("no person with key '{h}' in the case"),
                ));
            }
        }
        inv.into_result().map(|()| self)
    }

    pub fn person(&self, key: &str) -> Option<&Person> {
        self.persons.iter().find(|p| p.key == key)
    }
    pub fn offence(&self, key: &str) -> Option<&Offence> {
        self.offences.iter().find(|o| o.key == key)
    }
    pub fn asset(&self, key: &str) -> Option<&Asset> {
        self.assets.iter().find(|a| a.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn sample() -> Case {
        serde_json::from_value(serde_json::json!({
            "reference": " 12-345/2026 ",
            "title": "Мошенничество в особо крупном размере",
            "proceedings": "Pre-trial investigation by the Investigative Department",
            "summary": "Between 2024 and 2025 the suspects defrauded investors.",
            "offences": [{"key": "o1", "category": "fraud", "description": "Fraud on a large scale",
                          "legal_provision": "Article 159(4) of the Criminal Code", "maximum_penalty": "10 years"}],
            "persons": [
                {"key": "p1", "role": "suspect", "name": "Сергей Плохов", "name_latin": "Sergei Plokhov",
                 "birth_date": "1980-03", "nationalities": ["RU"], "location": "Yerevan", "location_country": "AM"},
                {"key": "p2", "role": "witness", "name": "Արամ Պետրոսյան", "name_latin": "Aram Petrosyan"}
            ],
            "assets": [{"key": "a1", "kind": "bank_account", "description": "Current account", "identifier": "AM12 3456", "holder": "p1"}]
        }))
        .unwrap()
    }

    #[test]
    fn a_good_case_is_trimmed_and_keeps_its_scripts() {
        let c = sample().check().unwrap();
        assert_eq!(c.reference, "12-345/2026");
        assert_eq!(c.person("p2").unwrap().name, "Արամ Պետրոսյան");
        assert_eq!(c.person("p1").unwrap().birth_date.unwrap().to_string(), "1980-03");
    }

    #[test]
    fn every_problem_is_named_with_its_place() {
        let mut c = sample();
        c.title = " ".into();
        c.persons[1].key = "p1".into();
        c.assets[0].holder = Some("p9".into());
        c.offences[0].description = "x\u{0}".into();
        let err = c.check().unwrap_err();
        let fields: Vec<&str> = err.0.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "persons[1].key", "offences[0].description", "assets[0].holder"]);
    }

    #[test]
    fn unknown_fields_and_values_are_refused_by_shape() {
        let bad = serde_json::json!({"reference": "1", "title": "t", "persons": [{"key": "p1", "role": "boss", "name": "X"}]});
        assert!(serde_json::from_value::<Case>(bad).unwrap_err().to_string().contains("boss"));
        let extra = serde_json::json!({"reference": "1", "title": "t", "colour": "red"});
        assert!(serde_json::from_value::<Case>(extra).unwrap_err().to_string().contains("colour"));
    }
}
