//! The knowledge base: legislation extracts, case law, best practice, training material and model forms,
//! each tagged by country, instrument and article, crime type and language, open to every user or
//! restricted to the states of one network. Searching is by the terms of `terms`, filtered by tags.

pub mod terms;

use serde::{Deserialize, Serialize};

use crate::CountryCode;
use crate::date::Date;
use crate::request::OffenceCategory;
use crate::validation::{FieldError, Invalid, opt_text, text};

named_enum! {
    pub enum KnowledgeKind {
        Legislation = "legislation",
        CaseLaw = "case_law",
        BestPractice = "best_practice",
        Training = "training",
        ModelForm = "model_form",
        /// Guides of a central authority or a network (how to send a request to us).
        Guide = "guide",
    }
}

/// Who may read a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "to", rename_all = "snake_case")]
pub enum Access {
    /// Every user of the installation.
    All,
    /// The users of the states that are members of, or take part in, a network (its id in the directory).
    Network { network: String },
}

/// A document of the knowledge base as its publisher writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnowledgeBody {
    pub title: String,
    pub kind: KnowledgeKind,
    /// ISO 639 code of the language the text is written in.
    pub language: String,
    #[serde(default)]
    pub summary: Option<String>,
    pub text: String,
    #[serde(default)]
    pub countries: Vec<CountryCode>,
    /// Instruments by their id in the treaty data (`untoc`, `ets030`, `minsk1993`…).
    #[serde(default)]
    pub instruments: Vec<String>,
    /// Articles cited ("Art. 18", "ст. 56").
    #[serde(default)]
    pub articles: Option<String>,
    #[serde(default)]
    pub crime_types: Vec<OffenceCategory>,
    /// Where it comes from: a citation or an address.
    #[serde(default)]
    pub source: Option<String>,
    /// The date of the law, judgment or material.
    #[serde(default)]
    pub dated: Option<Date>,
    pub access: Access,
}

pub const MAX_TEXT_CHARS: usize = 500_000;

impl KnowledgeBody {
    /// Trims and checks the document; instrument and network ids are checked by whoever holds the catalogue.
    pub fn check(mut self) -> Result<KnowledgeBody, Invalid> {
        let mut inv = Invalid::default();
        text(&mut inv, "title", &mut self.title, true, 500);
        text(&mut inv, "text", &mut self.text, true, MAX_TEXT_CHARS);
        opt_text(&mut inv, "summary", &mut self.summary, 4_000);
        opt_text(&mut inv, "articles", &mut self.articles, 300);
        opt_text(&mut inv, "source", &mut self.source, 1_000);
        self.language = self.language.trim().to_owned();
        if !crate::group::meeting::is_language_code(&self.language) {
            inv.push(FieldError::new("language", "invalid_language", "an ISO 639 code: ru, en, ar…"));
        }
        for (i, id) in self.instruments.iter_mut().enumerate() {
            *id = id.trim().to_owned();
            if id.is_empty() || id.len() > 64 {
                inv.push(FieldError::new(format!("instruments[{i}]"), "invalid_id", "an instrument's id"));
            }
        }
        self.countries.sort();
        self.countries.dedup();
        self.instruments.sort();
        self.instruments.dedup();
        self.crime_types.sort_by_key(|c| c.as_str());
        self.crime_types.dedup();
        if let Access::Network { network } = &mut self.access {
            *network = network.trim().to_owned();
            if network.is_empty() {
                inv.push(FieldError::new("access.network", "required", "the network the document is restricted to"));
            }
        }
        inv.into_result().map(|()| self)
    }

    /// The tags filters ask for: `kind:…`, `lang:…`, `country:…`, `instrument:…`, `crime:…`, and
    /// `network:…` for a document restricted to a network.
    pub fn tags(&self) -> Vec<String> {
        let mut tags = vec![format!("kind:{}", self.kind.as_str()), format!("lang:{}", self.language)];
        tags.extend(self.network().map(Self::network_tag));
        tags.extend(self.countries.iter().map(|c| format!("country:{c}")));
        tags.extend(self.instruments.iter().map(|i| format!("instrument:{i}")));
        tags.extend(self.crime_types.iter().map(|c| format!("crime:{}", c.as_str())));
        tags
    }

    /// The tag of the documents restricted to `network`.
    pub fn network_tag(network: &str) -> String {
        format!("network:{network}")
    }

    /// Everything a search reads: the title (twice: a word of the title weighs more), summary, articles,
    /// source and text.
    pub fn searchable(&self) -> String {
        [Some(&self.title), Some(&self.title), self.summary.as_ref(), self.articles.as_ref(), self.source.as_ref()]
            .into_iter()
            .flatten()
            .chain(std::iter::once(&self.text))
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn network(&self) -> Option<&str> {
        match &self.access {
            Access::All => None,
            Access::Network { network } => Some(network),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> KnowledgeBody {
        KnowledgeBody {
            title: " Закон о международном сотрудничестве ".into(),
            kind: KnowledgeKind::Legislation,
            language: "ru".into(),
            summary: None,
            text: "Статья 1".into(),
            countries: vec![
                CountryCode::parse("UZ").unwrap(),
                CountryCode::parse("KZ").unwrap(),
                CountryCode::parse("UZ").unwrap(),
            ],
            instruments: vec!["untoc".into()],
            articles: Some("ст. 1".into()),
            crime_types: vec![OffenceCategory::Fraud],
            source: None,
            dated: None,
            access: Access::Network { network: "casc".into() },
        }
    }

    #[test]
    fn documents_are_trimmed_and_tagged() {
        let b = body().check().unwrap();
        assert_eq!(b.title, "Закон о международном сотрудничестве");
        assert_eq!(
            b.tags(),
            vec![
                "kind:legislation",
                "lang:ru",
                "network:casc",
                "country:KZ",
                "country:UZ",
                "instrument:untoc",
                "crime:fraud"
            ]
        );
        assert_eq!(b.network(), Some("casc"));
    }

    #[test]
    fn bad_documents_name_each_field() {
        let mut b = body();
        b.title = " ".into();
        b.language = "Russian".into();
        b.access = Access::Network { network: String::new() };
        let fields: Vec<String> = b.check().unwrap_err().0.into_iter().map(|f| f.field).collect();
        assert_eq!(fields, vec!["title", "language", "access.network"]);
    }
}
