//! Instruments, their parties and what each instrument says about a kind of cooperation.

use crate::CountryCode;
use crate::date::Date;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The kinds of cooperation a request can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CooperationType {
    /// Mutual legal assistance (with its measures: evidence, hearings, search and seizure, records…).
    Mla,
    Extradition,
    TransferOfProceedings,
    TransferOfSentencedPersons,
    /// Freezing, seizure and confiscation of proceeds, and asset sharing.
    Confiscation,
    /// Recognition and enforcement of a foreign judgment.
    RecognitionOfJudgment,
}

impl CooperationType {
    pub const ALL: [CooperationType; 6] = [
        CooperationType::Mla,
        CooperationType::Extradition,
        CooperationType::TransferOfProceedings,
        CooperationType::TransferOfSentencedPersons,
        CooperationType::Confiscation,
        CooperationType::RecognitionOfJudgment,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CooperationType::Mla => "mla",
            CooperationType::Extradition => "extradition",
            CooperationType::TransferOfProceedings => "transfer_of_proceedings",
            CooperationType::TransferOfSentencedPersons => "transfer_of_sentenced_persons",
            CooperationType::Confiscation => "confiscation",
            CooperationType::RecognitionOfJudgment => "recognition_of_judgment",
        }
    }

    /// Parses a type name, accepting the synonyms the reference data uses.
    pub fn parse(s: &str) -> Option<CooperationType> {
        Some(match s.trim() {
            "mla" | "mutual_legal_assistance" => CooperationType::Mla,
            "extradition" => CooperationType::Extradition,
            "transfer_of_proceedings" => CooperationType::TransferOfProceedings,
            "transfer_of_sentenced_persons" => CooperationType::TransferOfSentencedPersons,
            "confiscation" | "freezing" | "asset_recovery" => CooperationType::Confiscation,
            "recognition_of_judgment" | "enforcement_of_judgments" => CooperationType::RecognitionOfJudgment,
            _ => return None,
        })
    }
}

impl fmt::Display for CooperationType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How wide an instrument is; by default bilateral treaties take precedence over regional, and
/// regional over universal ones (lex specialis).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Bilateral,
    Regional,
    Universal,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Bilateral => "bilateral",
            Level::Regional => "regional",
            Level::Universal => "universal",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Some(match s {
            "bilateral" => Level::Bilateral,
            "regional" => Level::Regional,
            "universal" => Level::Universal,
            _ => return None,
        })
    }
}

/// What a source says about a state and an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PartyStatus {
    Party,
    /// Only a domestic approval law was found, no deposit date.
    PartyPerDomesticLaw,
    Signatory,
    /// Signature found; whether it was ratified is not known.
    SignatoryOrParty,
    Withdrawn,
    NonParty,
}

impl PartyStatus {
    pub fn parse(s: &str) -> Option<PartyStatus> {
        Some(match s {
            "party" => PartyStatus::Party,
            "party_per_domestic_law" => PartyStatus::PartyPerDomesticLaw,
            "signatory" => PartyStatus::Signatory,
            "signatory_or_party" => PartyStatus::SignatoryOrParty,
            "withdrawn" => PartyStatus::Withdrawn,
            "non_party" => PartyStatus::NonParty,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Party {
    pub state: CountryCode,
    pub status: PartyStatus,
    pub signed: Option<Date>,
    pub ratified: Option<Date>,
    /// Entry into force for this party.
    pub in_force: Option<Date>,
    pub denounced: Option<Date>,
    pub notes: String,
    pub source: String,
    /// Reservations and declarations that change practice (languages, central authority, channels).
    pub declarations: Vec<Declaration>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeclarationAbout {
    Language,
    CentralAuthority,
    Channel,
    RefusalGrounds,
    Other,
}

impl DeclarationAbout {
    pub fn parse(s: &str) -> Option<DeclarationAbout> {
        Some(match s {
            "language" => DeclarationAbout::Language,
            "central_authority" => DeclarationAbout::CentralAuthority,
            "channel" => DeclarationAbout::Channel,
            "refusal_grounds" => DeclarationAbout::RefusalGrounds,
            "other" => DeclarationAbout::Other,
            _ => return None,
        })
    }
}

/// A party's declaration or reservation under an instrument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Declaration {
    pub about: DeclarationAbout,
    pub article: String,
    pub text: String,
    /// For language declarations: the languages accepted (ISO 639-1).
    pub languages: Vec<String>,
    pub source: String,
}

/// Channels a request may travel through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    CentralAuthority,
    DirectJudicial,
    Diplomatic,
    Interpol,
}

impl Channel {
    pub fn parse(s: &str) -> Option<Channel> {
        Some(match s {
            "central_authority" => Channel::CentralAuthority,
            "direct_judicial" => Channel::DirectJudicial,
            "diplomatic" => Channel::Diplomatic,
            "interpol" => Channel::Interpol,
            _ => return None,
        })
    }
}

/// Whether the conduct must be an offence in both states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DualCriminality {
    Required,
    /// The requested state may refuse when it is absent.
    MayRefuse,
    NotRequired,
}

impl DualCriminality {
    pub fn parse(s: &str) -> Option<DualCriminality> {
        Some(match s {
            "required" => DualCriminality::Required,
            "may_refuse" => DualCriminality::MayRefuse,
            "not_required" => DualCriminality::NotRequired,
            _ => return None,
        })
    }
}

/// What an instrument says about one kind of cooperation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Provision {
    pub articles: String,
    pub channels: Vec<Channel>,
    pub channel_note: String,
    /// The language rule, as the instrument states it.
    pub language: String,
    pub dual_criminality: Option<DualCriminality>,
    pub dual_criminality_note: String,
    pub time_limits: String,
    pub source: String,
}

/// What an instrument replaces between states bound by it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Superseded {
    /// One named instrument (Chisinau 2002 replaces Minsk 1993).
    Instrument(String),
    /// Every instrument of a level (ETS 030 replaces bilateral MLA treaties between its parties).
    Level(Level),
}

/// "Between parties to both, this instrument replaces that one."
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Supersession {
    pub target: Superseded,
    pub description: String,
    pub article: String,
    pub source: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Instrument {
    pub id: String,
    pub short: String,
    pub title: String,
    pub level: Level,
    pub adopted: Option<Date>,
    /// General entry into force.
    pub in_force: Option<Date>,
    pub scope: Vec<CooperationType>,
    pub parties: Vec<Party>,
    pub provisions: BTreeMap<CooperationType, Provision>,
    /// Instruments this one replaces between states bound by both.
    pub supersedes: Vec<Supersession>,
    pub sources: Vec<String>,
}

impl Instrument {
    pub fn party(&self, state: CountryCode) -> Option<&Party> {
        self.parties.iter().find(|p| p.state == state)
    }
}

/// Every instrument known, by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Catalogue {
    pub instruments: Vec<Instrument>,
}

impl Catalogue {
    pub fn get(&self, id: &str) -> Option<&Instrument> {
        self.instruments.iter().find(|i| i.id == id)
    }
}
