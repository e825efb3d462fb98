//! FollowTheMoney entities (JSON lines, as OpenSanctions and Aleph export them): `Person` entities import as
//! person notices, `Passport` and `Identification` entities add documents to the person they name as holder;
//! person notices export back as `Person` entities. Each bad line is reported with its number and reason; the
//! good lines are imported.

use serde_json::{Map, Value, json};

use super::interpol::{ImportError, Imported};
use super::{Alias, IdentityDocument, NoticeBody, NoticeKind, NoticePerson, Sex, Subject, parse_interpol_date};

/// The schemas read; anything else is reported (`Persn` is a typing slip, `Company` is not a person).
const KNOWN: &[&str] = &["Person", "Passport", "Identification"];

struct Entity {
    line: usize,
    id: String,
    schema: String,
    props: Map<String, Value>,
}

impl Entity {
    fn values(&self, prop: &str) -> Vec<String> {
        self.props
            .get(prop)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|v| v.as_str())
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    }

    fn first(&self, prop: &str) -> Option<String> {
        self.values(prop).into_iter().next()
    }
}

fn read_line(n: usize, line: &str) -> Result<Entity, String> {
    let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let id = v["id"].as_str().map(str::trim).filter(|s| !s.is_empty()).ok_or("the entity has no id")?.to_owned();
    let schema = v["schema"].as_str().ok_or("the entity has no schema")?.to_owned();
    if !KNOWN.contains(&schema.as_str()) {
        return Err(format!("schema '{schema}' is not imported (Person, Passport and Identification are)"));
    }
    let props = v["properties"].as_object().ok_or("properties must be an object of lists")?.clone();
    for (key, value) in &props {
        if !value.as_array().is_some_and(|a| a.iter().all(Value::is_string)) {
            return Err(format!("property '{key}' must be a list of strings"));
        }
    }
    Ok(Entity { line: n, id, schema, props })
}

/// FtM dates are ISO (`1970`, `1970-05`, `1970-05-21`); notices keep INTERPOL's slashes.
fn birth_date(e: &Entity) -> Result<Option<String>, String> {
    let Some(d) = e.first("birthDate") else { return Ok(None) };
    let d = d.get(..10).unwrap_or(&d).to_owned();
    parse_interpol_date(&d).map_err(|_| format!("birthDate '{d}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))?;
    Ok(Some(d.replace('-', "/")))
}

fn kind_of(topics: &[String], default: NoticeKind) -> NoticeKind {
    if topics.iter().any(|t| t == "sanction" || t.starts_with("sanction.")) {
        NoticeKind::UnSpecial
    } else if topics.iter().any(|t| t == "wanted") {
        NoticeKind::Red
    } else {
        default
    }
}

fn person(e: &Entity, default: NoticeKind) -> Result<NoticeBody, String> {
    let names = e.values("name");
    let first = e.first("firstName");
    let last = e.first("lastName");
    let mut other_names: Vec<String> = names.clone();
    // With first and last name known the main name is made of them; the full names stay as further names.
    let (forename, name) = if first.is_some() || last.is_some() {
        (first, last)
    } else {
        (None, other_names.first().cloned().map(|_| other_names.remove(0)))
    };
    let mut aliases: Vec<Alias> = Vec::new();
    for a in e.values("alias").into_iter().chain(e.values("weakAlias")) {
        aliases.push(Alias { name: Some(a), ..Alias::default() });
    }
    let mut docs = Vec::new();
    for (prop, kind) in [("passportNumber", "passport"), ("idNumber", "id")] {
        for nr in e.values(prop) {
            docs.push(IdentityDocument { kind: Some(kind.to_owned()), nr, ..IdentityDocument::default() });
        }
    }
    let nationalities: Vec<String> =
        e.values("nationality").into_iter().chain(e.values("citizenship")).map(|c| c.to_ascii_uppercase()).fold(
            Vec::new(),
            |mut acc, c| {
                if !acc.contains(&c) {
                    acc.push(c);
                }
                acc
            },
        );
    let sex_id = e.first("gender").and_then(|g| match g.as_str() {
        "male" => Some(Sex::Male),
        "female" => Some(Sex::Female),
        _ => None,
    });
    let p = NoticePerson {
        forename,
        name,
        other_names,
        aliases,
        date_of_birth: birth_date(e)?,
        nationalities,
        sex_id,
        place_of_birth: e.first("birthPlace"),
        identity_documents: docs,
        ..NoticePerson::default()
    };
    let kind = kind_of(&e.values("topics"), default);
    let title = e.first("notes").map(|n| n.chars().take(200).collect()).unwrap_or_else(|| format!("ftm:{}", e.id));
    NoticeBody {
        kind,
        title,
        summary: e.values("notes").join("\n"),
        subject: Subject::Person(p),
        addressees: Vec::new(),
        review_date: None,
        source_id: Some(format!("ftm:{}", e.id)),
    }
    .check()
    .map_err(|e| e.to_string())
}

/// Imports FtM JSON lines. Persons become notices of their topic's kind (`sanction` → UN special notice,
/// `wanted` → red notice) or of `default`; documents attach to their holder in the same file.
pub fn import(text: &str, default: NoticeKind) -> Imported {
    let mut out = Imported::default();
    let mut entities = Vec::new();
    for (n, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        match read_line(n + 1, line) {
            Ok(e) => entities.push(e),
            Err(reason) => out.errors.push(ImportError { at: format!("line {}", n + 1), reason }),
        }
    }
    let mut persons: Vec<(String, NoticeBody)> = Vec::new();
    for e in entities.iter().filter(|e| e.schema == "Person") {
        match person(e, default) {
            Ok(body) => persons.push((e.id.clone(), body)),
            Err(reason) => out.errors.push(ImportError { at: format!("line {}", e.line), reason }),
        }
    }
    for e in entities.iter().filter(|e| e.schema != "Person") {
        let holder = e.first("holder");
        let target = persons.iter_mut().find(|(id, _)| Some(id) == holder.as_ref());
        let Some(number) = e.first("number") else {
            out.errors
                .push(ImportError { at: format!("line {}", e.line), reason: "the document has no number".into() });
            continue;
        };
        let document = IdentityDocument {
            kind: Some(if e.schema == "Passport" {
                "passport".into()
            } else {
                e.first("type").unwrap_or_else(|| "id".into())
            }),
            nr: number,
            issuing_country_id: e.first("country").map(|c| c.to_ascii_uppercase()),
            issued_on: e.first("startDate"),
            expiry_date: e.first("endDate"),
        };
        match target {
            Some((_, body)) if matches!(body.subject, Subject::Person(_)) => {
                // The holder was checked without the document: checked again with it, or the document is
                // refused (the holder stays).
                let mut with = body.clone();
                if let Subject::Person(p) = &mut with.subject {
                    p.identity_documents.push(document);
                }
                match with.check() {
                    Ok(checked) => *body = checked,
                    Err(invalid) => {
                        out.errors.push(ImportError { at: format!("line {}", e.line), reason: invalid.to_string() })
                    }
                }
            }
            _ => out.errors.push(ImportError {
                at: format!("line {}", e.line),
                reason: format!("the holder '{}' is not a person in this file", holder.unwrap_or_default()),
            }),
        }
    }
    out.notices = persons.into_iter().map(|(_, b)| b).collect();
    out
}

/// A person notice as one FtM `Person` entity (a JSON line); None for vehicles and documents.
pub fn export(id: &str, body: &NoticeBody) -> Option<String> {
    let p = body.person()?;
    let mut props: Map<String, Value> = Map::new();
    let mut put = |key: &str, values: Vec<String>| {
        let values: Vec<String> = values.into_iter().filter(|v| !v.trim().is_empty()).collect();
        if !values.is_empty() {
            props.insert(key.to_owned(), json!(values));
        }
    };
    let names = p.all_names();
    let alias_names: Vec<String> = p
        .aliases
        .iter()
        .flat_map(|a| {
            let latin = [&a.forename, &a.name].into_iter().flatten().cloned().collect::<Vec<_>>().join(" ");
            let original = [&a.forename_in_original_script, &a.name_in_original_script]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" ");
            [latin, original]
        })
        .collect();
    put("name", names.iter().filter(|n| !alias_names.contains(n)).cloned().collect());
    put("alias", alias_names);
    put("firstName", p.forename.iter().cloned().collect());
    put("lastName", p.name.iter().cloned().collect());
    put("birthDate", p.date_of_birth.iter().map(|d| d.replace('/', "-")).collect());
    put("birthPlace", p.place_of_birth.iter().cloned().collect());
    put("nationality", p.nationalities.iter().map(|c| c.to_ascii_lowercase()).collect());
    put(
        "gender",
        p.sex_id
            .and_then(|s| match s {
                Sex::Male => Some("male".to_owned()),
                Sex::Female => Some("female".to_owned()),
                Sex::Unknown => None,
            })
            .into_iter()
            .collect(),
    );
    put(
        "passportNumber",
        p.identity_documents.iter().filter(|d| d.kind.as_deref() == Some("passport")).map(|d| d.nr.clone()).collect(),
    );
    put(
        "idNumber",
        p.identity_documents.iter().filter(|d| d.kind.as_deref() != Some("passport")).map(|d| d.nr.clone()).collect(),
    );
    put("notes", vec![body.summary.clone()]);
    let topic = match body.kind {
        NoticeKind::Red | NoticeKind::Diffusion => "wanted",
        NoticeKind::UnSpecial => "sanction",
        _ => "crime",
    };
    put("topics", vec![topic.to_owned()]);
    let entity = json!({"id": id, "schema": "Person", "properties": props, "caption": names.first()});
    serde_json::to_string(&entity).ok()
}

#[cfg(test)]
mod tests;
