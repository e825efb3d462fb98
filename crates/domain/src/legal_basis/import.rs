//! The reference-data importer: JSON files of instruments (one per instrument) and of their provisions
//! become a checked `Catalogue`. A wrong country code, an impossible date or a duplicate is refused
//! with the file, the record and the reason; nothing is returned unless every file is sound.

use super::model::*;
use crate::CountryCode;
use crate::date::Date;
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// One refusal: which file, which record, why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub record: String,
    pub reason: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}: {}", self.file, self.record, self.reason)
    }
}

// Descriptive fields are parsed (so typos in field names are refused) but only people read them.
#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawInstrument {
    id: String,
    title: String,
    short: String,
    level: Option<String>,
    adopted: Option<String>,
    in_force: Option<String>,
    #[serde(default)]
    scope: Vec<String>,
    #[serde(default)]
    sources: Vec<String>,
    parties: Vec<RawParty>,
    // Descriptive fields kept in the files for people; not used by the resolver.
    #[serde(default)]
    depositary: Option<String>,
    #[serde(default)]
    untc_ref: Option<String>,
    #[serde(default)]
    completeness: Option<serde_json::Value>,
    #[serde(default)]
    relation: Option<String>,
    #[serde(default)]
    protocol: Option<String>,
    #[serde(default)]
    in_force_rule: Option<String>,
    #[serde(default)]
    date_conflicts: Option<serde_json::Value>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParty {
    state: String,
    status: String,
    signed: Option<String>,
    ratified: Option<String>,
    in_force: Option<String>,
    denounced: Option<String>,
    #[serde(default)]
    notes: Option<String>,
    #[serde(default)]
    source: Option<serde_json::Value>,
    #[serde(default)]
    ratification_kind: Option<String>,
    #[serde(default)]
    declarations: Vec<RawDeclaration>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeclaration {
    about: String,
    #[serde(default)]
    article: Option<String>,
    text: String,
    #[serde(default)]
    languages: Vec<String>,
    #[serde(default)]
    source: Option<serde_json::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvisions {
    level: Option<String>,
    #[serde(default)]
    cooperation: BTreeMap<String, RawProvision>,
    #[serde(default)]
    supersedes: Vec<RawSupersession>,
    #[serde(default)]
    sources: Vec<String>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    supersedes_note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProvision {
    #[serde(default)]
    articles: Option<String>,
    #[serde(default)]
    channel: Vec<String>,
    #[serde(default)]
    channel_note: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    dual_criminality: Option<String>,
    #[serde(default)]
    dual_criminality_note: Option<String>,
    #[serde(default)]
    time_limits: Option<String>,
    #[serde(default)]
    source: Option<serde_json::Value>,
}

#[allow(dead_code)]
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSupersession {
    /// The id of the instrument replaced…
    #[serde(default)]
    instrument: Option<String>,
    /// …or the level of the instruments replaced (e.g. bilateral treaties).
    #[serde(default)]
    level: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    between: Option<String>,
    #[serde(default)]
    article: Option<String>,
    #[serde(default)]
    source: Option<serde_json::Value>,
}

fn source_text(v: &Option<serde_json::Value>) -> String {
    match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(serde_json::Value::Array(a)) => a.iter().filter_map(|x| x.as_str()).collect::<Vec<_>>().join(" "),
        _ => String::new(),
    }
}

struct Ctx<'a> {
    file: &'a str,
    errors: Vec<ImportError>,
}

impl Ctx<'_> {
    fn err(&mut self, record: impl Into<String>, reason: impl Into<String>) {
        self.errors.push(ImportError { file: self.file.to_string(), record: record.into(), reason: reason.into() });
    }

    fn date(&mut self, record: &str, field: &str, v: &Option<String>) -> Option<Date> {
        let s = v.as_deref()?;
        match Date::parse(s) {
            Ok(d) => Some(d),
            Err(e) => {
                self.err(record, format!("{field}: {}", e.message));
                None
            }
        }
    }
}

/// Parses and checks one instrument file.
pub fn instrument(file: &str, json: &str) -> Result<Instrument, Vec<ImportError>> {
    let raw: RawInstrument = serde_json::from_str(json).map_err(|e| {
        vec![ImportError {
            file: file.into(),
            record: format!("line {}, column {}", e.line(), e.column()),
            reason: e.to_string(),
        }]
    })?;
    let mut cx = Ctx { file, errors: Vec::new() };
    let rec = format!("instrument {}", raw.id);
    if raw.id.trim().is_empty() || !raw.id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') {
        cx.err(&rec, "id must be non-empty ASCII letters, digits, '_' or '-'");
    }
    let level = match raw.level.as_deref() {
        Some(l) => Level::parse(l).unwrap_or_else(|| {
            cx.err(&rec, format!("level '{l}' is not bilateral, regional or universal"));
            Level::Universal
        }),
        None => {
            cx.err(&rec, "level is missing (bilateral, regional or universal)");
            Level::Universal
        }
    };
    let adopted = cx.date(&rec, "adopted", &raw.adopted);
    let in_force = cx.date(&rec, "in_force", &raw.in_force);
    if let (Some(a), Some(f)) = (adopted, in_force)
        && f < a
    {
        cx.err(&rec, format!("in force {f} before it was adopted {a}"));
    }
    let scope: BTreeSet<CooperationType> = raw.scope.iter().filter_map(|s| CooperationType::parse(s)).collect();
    let mut seen = BTreeSet::new();
    let mut parties = Vec::new();
    for (i, p) in raw.parties.iter().enumerate() {
        let prec = format!("parties[{i}] (state {})", p.state);
        let state = match CountryCode::parse(&p.state) {
            Ok(c) => Some(c),
            Err(e) => {
                cx.err(&prec, e.message);
                None
            }
        };
        let status = PartyStatus::parse(&p.status);
        if status.is_none() {
            cx.err(&prec, format!("status '{}' is not one of party, party_per_domestic_law, signatory, signatory_or_party, withdrawn, non_party", p.status));
        }
        let signed = cx.date(&prec, "signed", &p.signed);
        let ratified = cx.date(&prec, "ratified", &p.ratified);
        let pin = cx.date(&prec, "in_force", &p.in_force);
        let denounced = cx.date(&prec, "denounced", &p.denounced);
        if let (Some(s), Some(r)) = (signed, ratified)
            && r < s
        {
            cx.err(&prec, format!("ratified {r} before it was signed {s}"));
        }
        if let (Some(r), Some(f)) = (ratified, pin)
            && f < r
        {
            cx.err(&prec, format!("in force {f} before it was ratified {r}"));
        }
        for (what, d) in [("signed", signed), ("ratified", ratified), ("in force", pin)] {
            if let (Some(a), Some(d)) = (adopted, d)
                && d < a
            {
                cx.err(&prec, format!("{what} {d} before the instrument was adopted {a}"));
            }
        }
        if let (Some(g), Some(f)) = (in_force, pin)
            && f < g
        {
            cx.err(&prec, format!("in force {f} before the instrument itself entered into force {g}"));
        }
        if let (Some(f), Some(d)) = (pin, denounced)
            && d < f
        {
            cx.err(&prec, format!("denounced {d} before it entered into force {f}"));
        }
        if let Some(state) = state
            && !seen.insert(state)
        {
            cx.err(&prec, format!("a second row for {state}"));
        }
        let mut declarations = Vec::new();
        for (j, d) in p.declarations.iter().enumerate() {
            let Some(about) = DeclarationAbout::parse(&d.about) else {
                cx.err(&prec, format!("declarations[{j}]: about '{}' is not language, central_authority, channel, refusal_grounds or other", d.about));
                continue;
            };
            if let Some(bad) = d.languages.iter().find(|l| l.len() != 2 || !l.chars().all(|c| c.is_ascii_lowercase())) {
                cx.err(&prec, format!("declarations[{j}]: '{bad}' is not an ISO 639-1 language code"));
            }
            if d.text.trim().is_empty() {
                cx.err(&prec, format!("declarations[{j}]: text is required"));
            }
            declarations.push(Declaration {
                about,
                article: d.article.clone().unwrap_or_default(),
                text: d.text.clone(),
                languages: d.languages.clone(),
                source: source_text(&d.source),
            });
        }
        if let (Some(state), Some(status)) = (state, status) {
            parties.push(Party {
                declarations,
                state,
                status,
                signed,
                ratified,
                in_force: pin,
                denounced,
                notes: p.notes.clone().unwrap_or_default(),
                source: source_text(&p.source),
            });
        }
    }
    if !cx.errors.is_empty() {
        return Err(cx.errors);
    }
    Ok(Instrument {
        id: raw.id,
        short: raw.short,
        title: raw.title,
        level,
        adopted,
        in_force,
        scope: scope.into_iter().collect(),
        parties,
        provisions: BTreeMap::new(),
        supersedes: Vec::new(),
        sources: raw.sources,
    })
}

/// Applies a provisions file (`{instrument id: {level, cooperation: {type: …}, supersedes: […]}}`).
fn apply_provisions(file: &str, json: &str, instruments: &mut [Instrument]) -> Vec<ImportError> {
    let mut cx = Ctx { file, errors: Vec::new() };
    let raw: BTreeMap<String, RawProvisions> = match serde_json::from_str(json) {
        Ok(r) => r,
        Err(e) => {
            cx.err(format!("line {}, column {}", e.line(), e.column()), e.to_string());
            return cx.errors;
        }
    };
    let ids: BTreeSet<String> = instruments.iter().map(|i| i.id.clone()).collect();
    for (id, p) in raw {
        let Some(inst) = instruments.iter_mut().find(|i| i.id == id) else {
            cx.err(format!("instrument {id}"), "no instrument file has this id");
            continue;
        };
        if let Some(l) = p.level.as_deref() {
            match Level::parse(l) {
                Some(level) => inst.level = level,
                None => {
                    cx.err(format!("instrument {id}"), format!("level '{l}' is not bilateral, regional or universal"))
                }
            }
        }
        for (t, prov) in p.cooperation {
            let rec = format!("instrument {id}, cooperation {t}");
            let Some(kind) = CooperationType::parse(&t) else {
                cx.err(&rec, "not a cooperation type (mla, extradition, transfer_of_proceedings, transfer_of_sentenced_persons, confiscation, recognition_of_judgment)");
                continue;
            };
            let mut channels = Vec::new();
            for c in &prov.channel {
                match Channel::parse(c) {
                    Some(ch) => channels.push(ch),
                    None => cx.err(
                        &rec,
                        format!("channel '{c}' is not central_authority, direct_judicial, diplomatic or interpol"),
                    ),
                }
            }
            let dual = match prov.dual_criminality.as_deref() {
                None => None,
                Some(d) => {
                    let v = DualCriminality::parse(d);
                    if v.is_none() {
                        cx.err(&rec, format!("dual_criminality '{d}' is not required, may_refuse or not_required"));
                    }
                    v
                }
            };
            if !inst.scope.contains(&kind) {
                inst.scope.push(kind);
                inst.scope.sort();
            }
            inst.provisions.insert(
                kind,
                Provision {
                    articles: prov.articles.unwrap_or_default(),
                    channels,
                    channel_note: prov.channel_note.unwrap_or_default(),
                    language: prov.language.unwrap_or_default(),
                    dual_criminality: dual,
                    dual_criminality_note: prov.dual_criminality_note.unwrap_or_default(),
                    time_limits: prov.time_limits.unwrap_or_default(),
                    source: source_text(&prov.source),
                },
            );
        }
        for s in p.supersedes {
            let rec = format!("instrument {id}, supersedes");
            let target = match (s.instrument, s.level.as_deref().map(|l| (l, Level::parse(l)))) {
                (Some(other), None) if ids.contains(&other) => Superseded::Instrument(other),
                (Some(other), None) => {
                    cx.err(&rec, format!("no instrument file has the id '{other}'"));
                    continue;
                }
                (None, Some((_, Some(level)))) => Superseded::Level(level),
                (None, Some((l, None))) => {
                    cx.err(&rec, format!("level '{l}' is not bilateral, regional or universal"));
                    continue;
                }
                _ => {
                    cx.err(&rec, "give either an instrument id or a level");
                    continue;
                }
            };
            inst.supersedes.push(Supersession {
                target,
                description: s.description.unwrap_or_default(),
                article: s.article.unwrap_or_default(),
                source: source_text(&s.source),
            });
        }
        let _ = (p.sources, p.note, p.supersedes_note);
    }
    cx.errors
}

/// Builds the catalogue from instrument files and an optional provisions file; all or nothing.
pub fn catalogue(files: &[(&str, &str)], provisions: Option<(&str, &str)>) -> Result<Catalogue, Vec<ImportError>> {
    let mut errors = Vec::new();
    let mut instruments: Vec<Instrument> = Vec::new();
    for (name, text) in files {
        match instrument(name, text) {
            Ok(i) => {
                if instruments.iter().any(|x| x.id == i.id) {
                    errors.push(ImportError {
                        file: name.to_string(),
                        record: format!("instrument {}", i.id),
                        reason: "another file has the same id".into(),
                    });
                } else {
                    instruments.push(i);
                }
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if let Some((name, text)) = provisions {
        errors.extend(apply_provisions(name, text, &mut instruments));
    }
    if errors.is_empty() {
        instruments.sort_by(|a, b| a.id.cmp(&b.id));
        Ok(Catalogue { instruments })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"id": "t1", "title": "Treaty", "short": "T1", "level": "regional", "adopted": "2000-01-01",
        "in_force": "2001-01-01", "scope": ["mla", "jit"], "parties": [
        {"state": "RU", "status": "party", "signed": "2000-02-01", "ratified": "2000-06-01", "in_force": "2001-01-01", "denounced": null},
        {"state": "UZ", "status": "signatory", "signed": "2000-03-01", "ratified": null, "in_force": null, "denounced": null}]}"#;

    fn one_error(json: &str) -> ImportError {
        let mut e = instrument("data/instruments/t1.json", json).unwrap_err();
        assert_eq!(e.len(), 1, "{e:?}");
        e.remove(0)
    }

    #[test]
    fn a_sound_file_imports() {
        let i = instrument("t1.json", GOOD).unwrap();
        assert_eq!(i.scope, vec![CooperationType::Mla]);
        assert_eq!(i.parties.len(), 2);
    }

    #[test]
    fn wrong_country_codes_are_refused_with_file_record_and_reason() {
        let e = one_error(&GOOD.replace("\"UZ\"", "\"XX\""));
        assert_eq!(e.file, "data/instruments/t1.json");
        assert_eq!(e.record, "parties[1] (state XX)");
        assert!(e.reason.contains("not an assigned ISO 3166-1 code"), "{e}");
    }

    #[test]
    fn impossible_dates_are_refused() {
        let e = one_error(&GOOD.replace("\"ratified\": \"2000-06-01\"", "\"ratified\": \"2000-01-15\""));
        assert!(e.reason.contains("ratified 2000-01-15 before it was signed 2000-02-01"), "{e}");
        let e = one_error(
            &GOOD.replace("\"in_force\": \"2001-01-01\", \"scope\"", "\"in_force\": \"1999-01-01\", \"scope\""),
        );
        assert!(e.reason.contains("before it was adopted"), "{e}");
        let e = one_error(&GOOD.replace("\"signed\": \"2000-03-01\"", "\"signed\": \"2000-02-30\""));
        assert!(e.reason.contains("signed: '2000-02-30' is not a day of the calendar"), "{e}");
        let e =
            one_error(&GOOD.replace("\"denounced\": null}]", "\"denounced\": null, \"in_force\": \"1998-01-01\"}]"));
        assert!(e.record.starts_with("line"), "duplicate keys are a JSON error: {e}");
    }

    #[test]
    fn duplicates_are_refused_and_nothing_is_half_imported() {
        let e = one_error(&GOOD.replace("\"UZ\"", "\"RU\""));
        assert!(e.reason.contains("a second row for RU"));
        let errs = catalogue(&[("a.json", GOOD), ("b.json", GOOD)], None).unwrap_err();
        assert_eq!(errs[0].reason, "another file has the same id");
        let errs = catalogue(
            &[("a.json", GOOD)],
            Some(("p.json", r#"{"t1": {"cooperation": {"mla": {"channel": ["pigeon"]}}}}"#)),
        )
        .unwrap_err();
        assert!(errs[0].reason.contains("channel 'pigeon'"), "{errs:?}");
        assert!(catalogue(&[("a.json", GOOD)], Some(("p.json", r#"{"nope": {}}"#))).is_err());
    }

    #[test]
    fn declarations_are_checked() {
        let with = |d: &str| {
            GOOD.replace("\"denounced\": null}]", &format!("\"denounced\": null, \"declarations\": [{d}]}}]"))
        };
        let i = instrument(
            "t1.json",
            &with(r#"{"about": "language", "text": "Russian or English", "languages": ["ru", "en"]}"#),
        )
        .unwrap();
        assert_eq!(i.parties[1].declarations[0].languages, ["ru", "en"]);
        let e = one_error(&with(r#"{"about": "weather", "text": "x"}"#));
        assert!(e.reason.contains("about 'weather'"), "{e}");
        let e = one_error(&with(r#"{"about": "language", "text": "x", "languages": ["russian"]}"#));
        assert!(e.reason.contains("'russian' is not an ISO 639-1"), "{e}");
    }

    #[test]
    fn unknown_fields_and_broken_json_are_refused_with_position() {
        let e = one_error(&GOOD.replace("\"short\"", "\"shorty\": 1, \"short\""));
        assert!(e.reason.contains("unknown field `shorty`"), "{e}");
        let e = one_error("{\"id\": ");
        assert!(e.record.starts_with("line 1"), "{e}");
    }
}
