//! The directory of authorities and networks: who in state Y handles which kind of cooperation, in
//! which languages, through which channels, with which contact points — and when that was last confirmed.

use crate::CountryCode;
use crate::date::Date;
use crate::legal_basis::CooperationType;
use crate::legal_basis::import::ImportError;
use crate::legal_basis::model::Channel;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Entries not confirmed for this many days are flagged as stale.
pub const STALE_AFTER_DAYS: i64 = 365;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CompetenceRole {
    /// Designated central authority: receives and transmits requests of this kind.
    CentralAuthority,
    /// Competent to issue or execute requests of this kind.
    CompetentAuthority,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Competence {
    #[serde(rename = "type")]
    pub kind: String,
    pub role: CompetenceRole,
    /// pre_trial, trial, enforcement or any.
    #[serde(default)]
    pub stage: Option<String>,
    #[serde(default)]
    pub measures: Vec<String>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactPoint {
    pub name: String,
    #[serde(default)]
    pub function: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// Reachable around the clock.
    #[serde(default)]
    pub available_24_7: bool,
    /// Networks or cooperation types this contact serves.
    #[serde(default)]
    pub serves: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Authority {
    pub id: String,
    pub country: CountryCode,
    /// Name in the state's own language and script.
    pub name: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub kind: String,
    #[serde(default)]
    pub competences: Vec<Competence>,
    /// ISO 639-1 codes of the languages it accepts requests in.
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default)]
    pub channels: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<ContactPoint>,
    #[serde(default)]
    pub networks: Vec<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub website: Option<String>,
    #[serde(default)]
    pub source: Vec<String>,
    /// When the entry was last confirmed as correct.
    #[serde(default)]
    pub confirmed: Option<Date>,
    /// The organisation using Liaison that this entry describes, whose administrators may keep it.
    #[serde(default)]
    pub organisation: Option<crate::OrgId>,
    #[serde(default)]
    pub note: Option<String>,
    /// Where the name comes from, when not from the cited sources.
    #[serde(default)]
    pub name_note: Option<String>,
}

impl Authority {
    /// Whether it handles `kind` (any role).
    pub fn handles(&self, kind: CooperationType) -> bool {
        self.competences.iter().any(|c| CooperationType::parse(&c.kind) == Some(kind))
    }

    /// Whether it is the designated central authority for `kind`.
    pub fn central_for(&self, kind: CooperationType) -> bool {
        self.competences
            .iter()
            .any(|c| CooperationType::parse(&c.kind) == Some(kind) && c.role == CompetenceRole::CentralAuthority)
    }

    /// Not confirmed within a year of `today` (or never).
    pub fn stale(&self, today: Date) -> bool {
        self.confirmed.is_none_or(|c| today.days_since(c) > STALE_AFTER_DAYS)
    }

    pub fn has_24_7(&self) -> bool {
        self.contacts.iter().any(|c| c.available_24_7)
    }

    /// Checks an entry, naming each problem.
    pub fn check(&self, known_networks: &BTreeSet<String>) -> Vec<String> {
        let mut problems = Vec::new();
        if !valid_id(&self.id) {
            problems.push("id must be lowercase ASCII letters, digits and '-' (e.g. ru-gpo)".into());
        }
        if self.name.trim().is_empty() || self.name.chars().any(char::is_control) {
            problems.push("name is required, without control characters".into());
        }
        if !KINDS.contains(&self.kind.as_str()) {
            problems.push(format!("kind '{}' is not one of {}", self.kind, KINDS.join(", ")));
        }
        for (i, c) in self.competences.iter().enumerate() {
            if CooperationType::parse(&c.kind).is_none() {
                problems.push(format!("competences[{i}]: '{}' is not a cooperation type", c.kind));
            }
        }
        for l in &self.languages {
            if l.len() != 2 || !l.chars().all(|c| c.is_ascii_lowercase()) {
                problems.push(format!("language '{l}' is not an ISO 639-1 code (two lowercase letters)"));
            }
        }
        for c in &self.channels {
            if Channel::parse(c).is_none() {
                problems
                    .push(format!("channel '{c}' is not central_authority, direct_judicial, diplomatic or interpol"));
            }
        }
        for n in &self.networks {
            if !known_networks.contains(n) {
                problems.push(format!("network '{n}' is not in the directory"));
            }
        }
        for (i, c) in self.contacts.iter().enumerate() {
            if c.name.trim().is_empty() {
                problems.push(format!("contacts[{i}]: name is required"));
            }
        }
        problems
    }
}

pub const KINDS: [&str; 11] = [
    "central_authority",
    "prosecutor",
    "court",
    "ministry",
    "police",
    "fiu",
    "asset_recovery_office",
    "customs",
    "investigative_committee",
    "international",
    "network_secretariat",
];

fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 80 && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Network {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub full_name: Option<String>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub secretariat: Option<String>,
    #[serde(default)]
    pub members: Vec<CountryCode>,
    /// States taking part without being members.
    #[serde(default)]
    pub participants: Vec<CountryCode>,
    #[serde(default)]
    pub legal_basis: Option<String>,
    #[serde(default)]
    pub source: Vec<String>,
    #[serde(default)]
    pub name_note: Option<String>,
    #[serde(default)]
    pub members_note: Option<String>,
    #[serde(default)]
    pub secretariat_note: Option<String>,
    #[serde(default)]
    pub scope_note: Option<String>,
}

/// The whole directory, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Directory {
    pub authorities: Vec<Authority>,
    pub networks: Vec<Network>,
}

fn json_error(file: &str, e: &serde_json::Error) -> ImportError {
    ImportError {
        file: file.into(),
        record: format!("line {}, column {}", e.line(), e.column()),
        reason: e.to_string(),
    }
}

/// Parses the networks and authorities files; all or nothing.
pub fn import(networks: (&str, &str), authorities: (&str, &str)) -> Result<Directory, Vec<ImportError>> {
    let mut errors = Vec::new();
    let nets: Vec<Network> = serde_json::from_str(networks.1).map_err(|e| vec![json_error(networks.0, &e)])?;
    let auths: Vec<serde_json::Value> =
        serde_json::from_str(authorities.1).map_err(|e| vec![json_error(authorities.0, &e)])?;
    let mut ids = BTreeSet::new();
    for (i, n) in nets.iter().enumerate() {
        if !valid_id(&n.id) {
            errors.push(ImportError {
                file: networks.0.into(),
                record: format!("[{i}] (network {})", n.id),
                reason: "id must be lowercase ASCII letters, digits and '-'".into(),
            });
        }
        if !ids.insert(n.id.clone()) {
            errors.push(ImportError {
                file: networks.0.into(),
                record: format!("[{i}] (network {})", n.id),
                reason: "a second network with this id".into(),
            });
        }
    }
    let mut out = Vec::new();
    let mut seen = BTreeSet::new();
    for (i, v) in auths.into_iter().enumerate() {
        let label = v.get("id").and_then(|x| x.as_str()).unwrap_or("?").to_string();
        let record = format!("[{i}] (authority {label})");
        match serde_json::from_value::<Authority>(v) {
            Ok(a) => {
                for p in a.check(&ids) {
                    errors.push(ImportError { file: authorities.0.into(), record: record.clone(), reason: p });
                }
                if !seen.insert(a.id.clone()) {
                    errors.push(ImportError {
                        file: authorities.0.into(),
                        record: record.clone(),
                        reason: "a second authority with this id".into(),
                    });
                }
                out.push(a);
            }
            Err(e) => errors.push(ImportError { file: authorities.0.into(), record, reason: e.to_string() }),
        }
    }
    if errors.is_empty() { Ok(Directory { authorities: out, networks: nets }) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NETS: &str = r#"[{"id": "casc", "name": "CASC", "members": ["KZ", "KG"]}]"#;
    const AUTHS: &str = r#"[{"id": "kz-gpo", "country": "KZ", "name": "Генеральная прокуратура Республики Казахстан", "kind": "prosecutor",
        "competences": [{"type": "mla", "role": "central_authority", "stage": "pre_trial"}, {"type": "extradition", "role": "central_authority"}],
        "languages": ["kk", "ru"], "networks": ["casc"], "contacts": [{"name": "Duty prosecutor", "available_24_7": true}],
        "confirmed": "2026-01-10"}]"#;

    #[test]
    fn a_sound_directory_imports_and_answers_questions() {
        let d = import(("networks.json", NETS), ("authorities.json", AUTHS)).unwrap();
        let a = &d.authorities[0];
        assert!(
            a.central_for(CooperationType::Mla)
                && a.handles(CooperationType::Extradition)
                && !a.handles(CooperationType::Confiscation)
        );
        assert!(a.has_24_7());
        assert!(!a.stale(Date::parse("2026-11-23").unwrap()));
        assert!(a.stale(Date::parse("2027-02-01").unwrap()));
    }

    #[test]
    fn bad_entries_are_refused_with_file_record_and_reason() {
        let e = import(
            ("networks.json", NETS),
            ("authorities.json", &AUTHS.replace("\"KZ\", \"name\"", "\"QQ\", \"name\"")),
        )
        .unwrap_err();
        assert_eq!(e[0].file, "authorities.json");
        assert_eq!(e[0].record, "[0] (authority kz-gpo)");
        assert!(e[0].reason.contains("QQ"), "{}", e[0]);
        let e = import(("networks.json", NETS), ("authorities.json", &AUTHS.replace("[\"casc\"]", "[\"wacap\"]")))
            .unwrap_err();
        assert!(e[0].reason.contains("network 'wacap' is not in the directory"));
        let e = import(("networks.json", NETS), ("authorities.json", &AUTHS.replace("\"mla\"", "\"espionage\"")))
            .unwrap_err();
        assert!(e[0].reason.contains("'espionage' is not a cooperation type"));
        let two = format!("[{},{}]", &AUTHS[1..AUTHS.len() - 1], &AUTHS[1..AUTHS.len() - 1]);
        let e = import(("networks.json", NETS), ("authorities.json", &two)).unwrap_err();
        assert!(e.iter().any(|x| x.reason == "a second authority with this id"));
        let e = import(
            ("networks.json", "[{\"id\": \"casc\", \"name\": \"C\", \"members\": [\"XX\"]}]"),
            ("authorities.json", "[]"),
        )
        .unwrap_err();
        assert!(e[0].reason.contains("XX"));
    }
}

/// A way to escalate an unanswered request: a network both states take part in, and the contact points
/// of the requested state's authorities that serve it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EscalationRoute {
    pub network: String,
    pub network_name: String,
    /// (authority id, authority name, contact point)
    pub contacts: Vec<(String, String, ContactPoint)>,
}

/// The networks `requesting` and `requested` both belong to (as members or participants), each with the
/// requested state's contact points for it (those that name the network, or whose authority is in it and
/// names nothing). A network with no recorded contact point is still listed: the UI says whom to ask.
pub fn escalation_routes(
    networks: &[Network],
    authorities: &[Authority],
    requesting: CountryCode,
    requested: CountryCode,
) -> Vec<EscalationRoute> {
    let takes_part = |n: &Network, c: CountryCode| n.members.contains(&c) || n.participants.contains(&c);
    networks
        .iter()
        .filter(|n| takes_part(n, requesting) && takes_part(n, requested))
        .map(|n| EscalationRoute {
            network: n.id.clone(),
            network_name: n.name.clone(),
            contacts: authorities
                .iter()
                .filter(|a| a.country == requested)
                .flat_map(|a| {
                    a.contacts
                        .iter()
                        .filter(|c| c.serves.contains(&n.id) || (c.serves.is_empty() && a.networks.contains(&n.id)))
                        .map(|c| (a.id.clone(), a.name.clone(), c.clone()))
                })
                .collect(),
        })
        .collect()
}

#[cfg(test)]
mod escalation_tests {
    use super::*;

    #[test]
    fn routes_are_the_shared_networks_with_the_requested_states_contacts() {
        let mut d = crate::reference::shipped_directory().unwrap();
        let cc = |s| CountryCode::parse(s).unwrap();
        let uz = d.authorities.iter_mut().find(|a| a.id == "uz-gpo").unwrap();
        uz.contacts.push(ContactPoint {
            name: "Focal point".into(),
            function: None,
            phone: None,
            email: Some("casc@example.uz".into()),
            available_24_7: false,
            serves: vec!["casc".into()],
        });
        let routes = escalation_routes(&d.networks, &d.authorities, cc("KZ"), cc("UZ"));
        let casc = routes.iter().find(|r| r.network == "casc").unwrap();
        assert_eq!(casc.contacts.len(), 1);
        assert_eq!(casc.contacts[0].2.email.as_deref(), Some("casc@example.uz"));
        assert!(
            escalation_routes(&d.networks, &d.authorities, cc("RU"), cc("UZ")).iter().all(|r| r.network != "casc"),
            "RU is not in CASC"
        );
        let am = escalation_routes(&d.networks, &d.authorities, cc("KZ"), cc("AM"));
        assert!(
            am.iter().any(|r| r.network == "casc" && r.contacts.is_empty()),
            "participants count; no contact recorded"
        );
    }
}
