//! The reference data shipped inside the binary (from `data/`), so that the legal-basis resolver works
//! on a fresh machine without a database.

use crate::legal_basis::Catalogue;
use crate::legal_basis::import::{ImportError, catalogue};

/// Instrument files as (path, contents).
pub const INSTRUMENT_FILES: [(&str, &str); 13] = [
    ("data/instruments/cets198.json", include_str!("../../../data/instruments/cets198.json")),
    ("data/instruments/chisinau2002.json", include_str!("../../../data/instruments/chisinau2002.json")),
    ("data/instruments/ets024.json", include_str!("../../../data/instruments/ets024.json")),
    ("data/instruments/ets030.json", include_str!("../../../data/instruments/ets030.json")),
    ("data/instruments/ets070.json", include_str!("../../../data/instruments/ets070.json")),
    ("data/instruments/ets073.json", include_str!("../../../data/instruments/ets073.json")),
    ("data/instruments/ets112.json", include_str!("../../../data/instruments/ets112.json")),
    ("data/instruments/ets141.json", include_str!("../../../data/instruments/ets141.json")),
    ("data/instruments/ets185.json", include_str!("../../../data/instruments/ets185.json")),
    ("data/instruments/minsk1993.json", include_str!("../../../data/instruments/minsk1993.json")),
    ("data/instruments/uncac.json", include_str!("../../../data/instruments/uncac.json")),
    ("data/instruments/untoc.json", include_str!("../../../data/instruments/untoc.json")),
    ("data/instruments/vienna1988.json", include_str!("../../../data/instruments/vienna1988.json")),
];

pub const PROVISIONS_FILE: (&str, &str) = ("data/provisions.json", include_str!("../../../data/provisions.json"));
pub const AUTHORITIES_FILE: (&str, &str) = ("data/authorities.json", include_str!("../../../data/authorities.json"));
pub const NETWORKS_FILE: (&str, &str) = ("data/networks.json", include_str!("../../../data/networks.json"));

/// The catalogue built from the shipped files.
pub fn shipped_catalogue() -> Result<Catalogue, Vec<ImportError>> {
    catalogue(&INSTRUMENT_FILES, Some(PROVISIONS_FILE))
}

/// The directory built from the shipped files.
pub fn shipped_directory() -> Result<crate::directory::Directory, Vec<ImportError>> {
    crate::directory::import(NETWORKS_FILE, AUTHORITIES_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CountryCode;
    use crate::date::Date;
    use crate::legal_basis::{CooperationType, Query, resolve};

    #[test]
    fn the_shipped_reference_data_imports_cleanly() {
        let cat = shipped_catalogue()
            .unwrap_or_else(|e| panic!("{}", e.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("\n")));
        assert_eq!(cat.instruments.len(), 13);
        assert!(cat.get("untoc").unwrap().provisions.contains_key(&crate::legal_basis::CooperationType::Mla));
        let dir = shipped_directory()
            .unwrap_or_else(|e| panic!("{}", e.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("\n")));
        let seed_states = ["RU", "AZ", "BY", "IR", "IQ", "MN", "UZ", "KZ", "KG", "TJ", "TM", "AM", "GE"];
        for s in seed_states {
            assert!(dir.authorities.iter().any(|a| a.country.as_str() == s), "no authority for {s}");
        }
        for n in ["casc", "wacap", "refco", "ejn"] {
            assert!(dir.networks.iter().any(|x| x.id == n), "no network {n}");
        }
    }

    /// Known pairs, with the sources of their facts (see the `source` of each party row):
    /// RU ratified UNTOC with entry into force 2004-05-26 (UNIS press release / news report in untoc.json).
    #[test]
    fn known_pairs() {
        let cat = shipped_catalogue().unwrap();
        let q = |from: &str, to: &str, kind, date: &str| Query {
            requesting: CountryCode::parse(from).unwrap(),
            requested: CountryCode::parse(to).unwrap(),
            kind,
            measure: None,
            offence: None,
            date: Date::parse(date).unwrap(),
        };
        let a = resolve(&cat, &q("RU", "UZ", CooperationType::Mla, "2025-01-01"));
        let ids: Vec<&str> = a.bases.iter().map(|b| b.instrument.as_str()).collect();
        assert!(
            ids.contains(&"minsk1993") || ids.contains(&"chisinau2002"),
            "CIS convention between RU and UZ: {ids:?} {:?}",
            a.excluded
        );
        assert!(
            a.bases.iter().position(|b| b.level == crate::legal_basis::Level::Regional)
                < a.bases.iter().position(|b| b.level == crate::legal_basis::Level::Universal)
                || !ids.iter().any(|i| ["untoc", "uncac", "vienna1988"].contains(i))
        );
        let a = resolve(&cat, &q("RU", "UZ", CooperationType::Mla, "1990-01-01"));
        assert!(a.bases.is_empty() && a.reciprocity.is_some(), "nothing was in force in 1990: {:?}", a.bases);
    }
}
