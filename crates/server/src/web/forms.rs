//! Reading urlencoded forms with repeated fields (checkbox lists) and translating enum values.

use crate::i18n::Tr;
use liaison_domain::CountryCode;

/// A posted form as its (name, value) pairs, in order.
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// The first value of `name`, trimmed ("" when absent).
    pub fn get(&self, name: &str) -> String {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim().to_string()).unwrap_or_default()
    }

    /// The value of `name` when present and not blank.
    pub fn opt(&self, name: &str) -> Option<String> {
        Some(self.get(name)).filter(|v| !v.is_empty())
    }

    /// Every non-blank value of a repeated field.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0.iter().filter(|(k, v)| k == name && !v.trim().is_empty()).map(|(_, v)| v.trim().to_string()).collect()
    }

    pub fn has(&self, name: &str) -> bool {
        self.0.iter().any(|(k, _)| k == name)
    }

    /// A yes/no radio group: `Some(true)` for "yes", `Some(false)` for "no", `None` otherwise.
    pub fn yes_no(&self, name: &str) -> Option<bool> {
        match self.get(name).as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }
    }

    pub fn version(&self) -> i64 {
        self.get("version").parse().unwrap_or(-1)
    }
}

/// The translation of an enum value: `{prefix}-{value with '-' for '_'}`.
pub fn label(t: &Tr<'_>, prefix: &str, value: &str) -> String {
    t.t(&format!("{prefix}-{}", value.replace('_', "-")))
}

/// A select option.
pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub fn options<'a>(t: &Tr<'_>, prefix: &str, values: impl IntoIterator<Item = &'a str>, selected: &str) -> Vec<Opt> {
    values
        .into_iter()
        .map(|v| Opt { value: v.to_string(), label: label(t, prefix, v), selected: v == selected })
        .collect()
}

/// Countries in the reader's language, sorted by code.
pub fn countries(t: &Tr<'_>, selected: &str) -> Vec<Opt> {
    CountryCode::all()
        .filter_map(|(code, _)| CountryCode::parse(code).ok())
        .map(|c| Opt {
            value: c.to_string(),
            label: format!("{c} · {}", c.name_in(t.code)),
            selected: c.as_str() == selected,
        })
        .collect()
}

/// The label of a field named in a finding or a validation error (`measure_details.questions`,
/// `persons[1]`, `case.offences[o1].legal_provision`): its last name, translated.
pub fn field_label(t: &Tr<'_>, field: &str) -> String {
    let last = field.rsplit('.').next().unwrap_or(field);
    let base = last.split('[').next().unwrap_or(last);
    let id = format!("field-{}", base.replace('_', "-"));
    let l = t.t(&id);
    if l == id { field.to_string() } else { l }
}

/// The languages formal documents are written in, in the reader's language, with a first "none" option.
pub fn document_languages(t: &crate::i18n::Tr<'_>, selected: Option<&str>) -> Vec<Opt> {
    let none = Opt { value: String::new(), label: t.t("option-none"), selected: selected.is_none() };
    std::iter::once(none)
        .chain(liaison_domain::request::content::DOCUMENT_LANGUAGES.iter().map(|l| Opt {
            value: (*l).into(),
            label: label(t, "doc-lang", l),
            selected: selected == Some(*l),
        }))
        .collect()
}
