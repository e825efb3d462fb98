//! Import of INTERPOL's public notices JSON: the list shape (`_embedded.notices[]`), the detail shapes of red,
//! yellow and UN notices, an array of either, or one object per line. Lenient where the source is (nulls,
//! unknown fields, `aliases` as objects or strings), strict on what Liaison stores: every notice is checked,
//! and one bad notice is reported with its place and reason without stopping the others.

use serde_json::Value;

use super::{Alias, ArrestWarrant, IdentityDocument, NoticeBody, NoticeKind, NoticePerson, Sex, Subject};

/// A record that could not be imported: where it is (`notice 3`, `line 7`) and why.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportError {
    pub at: String,
    pub reason: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.reason)
    }
}

/// What an import file gave: the notices that checked, and the records that did not.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    pub notices: Vec<NoticeBody>,
    pub errors: Vec<ImportError>,
}

fn string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn strings(v: &Value) -> Vec<String> {
    match v {
        Value::Array(items) => items.iter().filter_map(string).collect(),
        other => string(other).into_iter().collect(),
    }
}

fn number(v: &Value) -> Option<f64> {
    v.as_f64().or_else(|| v.as_str().and_then(|s| s.trim().parse().ok())).filter(|n| *n > 0.0)
}

/// The kind of a notice from its shape or its link, else the caller's default.
fn kind_of(v: &Value, default: Option<NoticeKind>) -> Option<NoticeKind> {
    let href = v["_links"]["self"]["href"].as_str().unwrap_or_default();
    if href.contains("/red") || v["arrest_warrants"].is_array() {
        Some(NoticeKind::Red)
    } else if href.contains("/yellow") || v.get("date_of_event").is_some() || v.get("birth_name").is_some() {
        Some(NoticeKind::Yellow)
    } else if href.contains("/un/") || v.get("un_reference").is_some() {
        Some(NoticeKind::UnSpecial)
    } else {
        default
    }
}

fn alias(v: &Value) -> Option<Alias> {
    if let Some(s) = string(v) {
        return Some(Alias { name: Some(s), ..Alias::default() });
    }
    let a = Alias {
        forename: string(&v["forename"]),
        name: string(&v["name"]),
        forename_in_original_script: string(&v["forename_in_original_script"]),
        name_in_original_script: string(&v["name_in_original_script"]),
        date_of_birth: string(&v["date_of_birth"]),
        qualification: string(&v["qualification"]),
    };
    (a.forename.is_some() || a.name.is_some() || a.name_in_original_script.is_some()).then_some(a)
}

fn person(v: &Value) -> NoticePerson {
    let list = |key: &str| v[key].as_array().cloned().unwrap_or_default();
    NoticePerson {
        forename: string(&v["forename"]),
        name: string(&v["name"]),
        forename_in_original_script: string(&v["forename_in_original_script"]),
        name_in_original_script: string(&v["name_in_original_script"]),
        other_names: Vec::new(),
        aliases: list("aliases").iter().filter_map(alias).collect(),
        date_of_birth: string(&v["date_of_birth"]),
        nationalities: strings(&v["nationalities"]),
        sex_id: v["sex_id"].as_str().and_then(Sex::parse),
        country_of_birth_id: string(&v["country_of_birth_id"]),
        place_of_birth: string(&v["place_of_birth"]),
        distinguishing_marks: string(&v["distinguishing_marks"]),
        languages_spoken_ids: strings(&v["languages_spoken_ids"]),
        eyes_colors_id: strings(&v["eyes_colors_id"]),
        hairs_id: strings(&v["hairs_id"]),
        height: number(&v["height"]),
        weight: number(&v["weight"]),
        arrest_warrants: list("arrest_warrants")
            .iter()
            .map(|w| ArrestWarrant {
                issuing_country_id: string(&w["issuing_country_id"]).unwrap_or_default(),
                charge: string(&w["charge"]).unwrap_or_default(),
                charge_translation: string(&w["charge_translation"]),
            })
            .collect(),
        identity_documents: list("identity_documents")
            .iter()
            .filter_map(|d| {
                Some(IdentityDocument {
                    kind: string(&d["type"]),
                    nr: string(&d["nr"])?,
                    issuing_country_id: string(&d["issuing_country_id"]),
                    issued_on: string(&d["issued_on"]),
                    expiry_date: string(&d["expiry_date"]),
                })
            })
            .collect(),
    }
}

fn title(kind: NoticeKind, v: &Value, p: &NoticePerson) -> String {
    let first_line = |s: &str| s.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default().to_owned();
    let from_source = match kind {
        NoticeKind::Red => {
            p.arrest_warrants.first().map(|w| first_line(w.charge_translation.as_deref().unwrap_or(&w.charge)))
        }
        NoticeKind::UnSpecial => string(&v["un_reference"]),
        _ => None,
    };
    let mut t = from_source.filter(|t| !t.is_empty()).unwrap_or_else(|| string(&v["entity_id"]).unwrap_or_default());
    if t.chars().count() > 200 {
        t = t.chars().take(199).collect::<String>() + "…";
    }
    t
}

/// One notice from its JSON object.
pub fn notice(v: &Value, default: Option<NoticeKind>) -> Result<NoticeBody, String> {
    if !v.is_object() {
        return Err("a notice is a JSON object".into());
    }
    let kind = kind_of(v, default)
        .ok_or("the kind of notice cannot be told from the record; give it (red, yellow, un_special…)")?;
    if kind.subject() != super::SubjectKind::Person {
        return Err(format!("INTERPOL notices are about persons, not a {kind}"));
    }
    let p = person(v);
    let body = NoticeBody {
        kind,
        title: title(kind, v, &p),
        summary: string(&v["summary"]).unwrap_or_default(),
        subject: Subject::Person(p),
        addressees: Vec::new(),
        review_date: None,
        source_id: string(&v["entity_id"]).map(|id| format!("interpol:{id}")),
    };
    body.check().map_err(|e| e.to_string())
}

/// Imports a file in any of the shapes INTERPOL's service and its crawlers produce.
pub fn import(text: &str, default: Option<NoticeKind>) -> Imported {
    let mut out = Imported::default();
    let take = |at: String, v: &Value, out: &mut Imported| match notice(v, default) {
        Ok(n) => out.notices.push(n),
        Err(reason) => out.errors.push(ImportError { at, reason }),
    };
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                take(format!("notice {}", i + 1), v, &mut out);
            }
        }
        Ok(v) if v["_embedded"]["notices"].is_array() => {
            for (i, n) in v["_embedded"]["notices"].as_array().into_iter().flatten().enumerate() {
                take(format!("notice {}", i + 1), n, &mut out);
            }
        }
        Ok(v @ Value::Object(_)) if v.get("_embedded").is_some() && v.get("entity_id").is_none() => {
            // A list without notices (no hits): nothing to import, nothing wrong.
        }
        Ok(v @ Value::Object(_)) => take("notice 1".into(), &v, &mut out),
        Ok(_) => out.errors.push(ImportError { at: "file".into(), reason: "expected a JSON object or array".into() }),
        Err(whole) => {
            // One object per line, as crawls are often saved.
            let mut any = false;
            for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
                any = true;
                match serde_json::from_str::<Value>(line) {
                    Ok(v) => take(format!("line {}", n + 1), &v, &mut out),
                    Err(e) => {
                        out.errors.push(ImportError { at: format!("line {}", n + 1), reason: format!("not JSON: {e}") })
                    }
                }
            }
            if !any {
                out.errors.push(ImportError { at: "file".into(), reason: format!("not JSON: {whole}") });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
