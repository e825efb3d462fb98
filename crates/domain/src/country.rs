//! ISO 3166-1 alpha-2 country codes, checked against the committed list in `data/`.

use crate::validation::FieldError;
use serde::{Deserialize, Serialize};
use std::fmt;

const TABLE: &str = include_str!("../../../data/iso3166-1-alpha2.txt");

/// A country as ISO 3166-1 alpha-2 (`RU`, `UZ`, `IQ`…). Only assigned codes parse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    pub fn parse(s: &str) -> Result<Self, FieldError> {
        let up = s.trim().to_ascii_uppercase();
        let b = up.as_bytes();
        if b.len() != 2 || !b.iter().all(u8::is_ascii_uppercase) {
            return Err(FieldError::new(
                "country",
                "invalid_format",
                format!("'{s}' is not a two-letter ISO 3166-1 code"),
            ));
        }
        if english_name_of(&up).is_none() {
            return Err(FieldError::new(
                "country",
                "unknown_value",
                format!("'{up}' is not an assigned ISO 3166-1 code"),
            ));
        }
        Ok(Self([b[0], b[1]]))
    }

    pub fn as_str(&self) -> &str {
        // Both bytes are ASCII uppercase letters by construction.
        std::str::from_utf8(&self.0).unwrap_or("??")
    }

    /// English short name from ISO 3166-1.
    pub fn english_name(&self) -> &'static str {
        english_name_of(self.as_str()).unwrap_or("")
    }

    /// Every assigned code with its English name, in code order.
    pub fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
        TABLE.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t'))
    }
}

/// Names in the six UN languages (ar, en, es, fr, ru, zh) from `data/countries.json`.
fn names() -> &'static std::collections::HashMap<String, std::collections::HashMap<String, String>> {
    static NAMES: std::sync::OnceLock<std::collections::HashMap<String, std::collections::HashMap<String, String>>> =
        std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Row {
            code: String,
            names: std::collections::HashMap<String, Option<String>>,
        }
        #[derive(serde::Deserialize)]
        struct File {
            countries: Vec<Row>,
        }
        let file: File =
            serde_json::from_str(include_str!("../../../data/countries.json")).unwrap_or(File { countries: vec![] });
        file.countries
            .into_iter()
            .map(|r| (r.code, r.names.into_iter().filter_map(|(l, n)| n.map(|n| (l, n))).collect()))
            .collect()
    })
}

/// ISO 3166-1 alpha-3 codes to alpha-2, from `data/countries.json`.
fn alpha3() -> &'static std::collections::HashMap<String, String> {
    static TABLE3: std::sync::OnceLock<std::collections::HashMap<String, String>> = std::sync::OnceLock::new();
    TABLE3.get_or_init(|| {
        #[derive(serde::Deserialize)]
        struct Row {
            code: String,
            alpha3: Option<String>,
        }
        #[derive(serde::Deserialize)]
        struct File {
            countries: Vec<Row>,
        }
        let file: File =
            serde_json::from_str(include_str!("../../../data/countries.json")).unwrap_or(File { countries: vec![] });
        file.countries.into_iter().filter_map(|r| r.alpha3.map(|a| (a, r.code))).collect()
    })
}

impl CountryCode {
    /// The country of an ICAO 9303 state code: ISO 3166-1 alpha-3, or `D` for Germany. None for codes that
    /// are not states (UNO, XXA stateless, XXB refugee…).
    pub fn from_icao(code: &str) -> Option<CountryCode> {
        let code = code.trim().trim_end_matches('<').to_ascii_uppercase();
        if code == "D" {
            return CountryCode::parse("DE").ok();
        }
        alpha3().get(&code).and_then(|c| CountryCode::parse(c).ok())
    }

    /// The country's name in one of the six UN languages, English otherwise.
    pub fn name_in(&self, lang: &str) -> &'static str {
        names().get(self.as_str()).and_then(|m| m.get(lang)).map(String::as_str).unwrap_or_else(|| self.english_name())
    }
}

fn english_name_of(code: &str) -> Option<&'static str> {
    CountryCode::all().find(|(c, _)| *c == code).map(|(_, n)| n)
}

#[cfg(test)]
#[test]
fn icao_codes() {
    assert_eq!(CountryCode::from_icao("RUS").map(|c| c.to_string()), Some("RU".into()));
    assert_eq!(CountryCode::from_icao("D<<").map(|c| c.to_string()), Some("DE".into()));
    assert_eq!(CountryCode::from_icao("XXA"), None);
}

impl fmt::Display for CountryCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl TryFrom<String> for CountryCode {
    type Error = String;
    fn try_from(s: String) -> Result<Self, String> {
        Self::parse(&s).map_err(|e| e.message)
    }
}

impl From<CountryCode> for String {
    fn from(c: CountryCode) -> String {
        c.as_str().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn assigned_codes_parse_and_others_are_refused() {
        assert_eq!(CountryCode::parse("ru").map(|c| c.to_string()), Ok("RU".to_string()));
        assert_eq!(CountryCode::parse("UZ").map(|c| c.english_name()), Ok("Uzbekistan"));
        assert_eq!(CountryCode::parse("XX").map_err(|e| e.code), Err("unknown_value"));
        assert_eq!(CountryCode::parse("RUS").map_err(|e| e.code), Err("invalid_format"));
        assert_eq!(CountryCode::parse("Р У").map_err(|e| e.code), Err("invalid_format"));
    }

    #[test]
    fn table_has_every_assigned_code() {
        assert_eq!(CountryCode::all().count(), 249);
    }

    #[test]
    fn names_in_the_six_un_languages() {
        let uz = CountryCode::parse("UZ").unwrap();
        assert_eq!(uz.name_in("ru"), "Узбекистан");
        assert_eq!(uz.name_in("zh"), "乌兹别克斯坦");
        assert_eq!(CountryCode::parse("IQ").unwrap().name_in("ar"), "العراق");
        assert_eq!(uz.name_in("xx"), "Uzbekistan");
        assert_eq!(names().len(), 249);
    }
}
