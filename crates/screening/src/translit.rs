//! Transliteration into Latin under every scheme real documents use. The schemes are the tables in
//! `crates/screening/tables/` (each names its standard and source), compiled in and parsed once. A word gets
//! one spelling per scheme that covers all its letters, and every spelling a letter with alternatives allows,
//! up to a cap: these are its *forms*, ASCII lower case.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::normalize::{self, Script, Word};

/// At most this many forms per word and scheme, and per word in all: a name never explodes combinatorially.
const MAX_PER_SCHEME: usize = 4;
const MAX_PER_WORD: usize = 12;

/// The tables compiled into the binary: (scheme file name, contents).
const TABLES: &[(&str, &str)] = &crate::tables::ALL;

/// A spelling of a word in ASCII Latin and the scheme that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub text: String,
    pub scheme: &'static str,
}

#[derive(Debug)]
struct Rule {
    normal: Vec<String>,
    /// Used at the start of a word and after a vowel or a sign (BGN/PCGN's ye, Ukrainian's word-initial ye).
    initial: Option<Vec<String>>,
}

/// One transliteration scheme for one script.
#[derive(Debug)]
pub struct Scheme {
    pub id: &'static str,
    pub script: Script,
    rules: HashMap<String, Rule>,
    longest: usize,
}

/// A table that does not parse: the file and line, for the test that keeps every table valid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableError {
    pub table: &'static str,
    pub line: usize,
    pub reason: String,
}

struct Catalogue {
    schemes: Vec<Scheme>,
    /// Whole-word spellings (common Arabic and Persian names written with the vowels the script leaves out).
    whole_words: HashMap<String, Vec<String>>,
    errors: Vec<TableError>,
}

fn catalogue() -> &'static Catalogue {
    static CATALOGUE: OnceLock<Catalogue> = OnceLock::new();
    CATALOGUE.get_or_init(|| {
        let mut schemes = Vec::new();
        let mut whole_words = HashMap::new();
        let mut errors = Vec::new();
        for (id, text) in TABLES {
            if id.ends_with("common-names") {
                match parse_whole_words(id, text) {
                    Ok(words) => whole_words.extend(words),
                    Err(e) => errors.push(e),
                }
            } else if !crate::tables::INFORMATIONAL.contains(id) {
                match parse_scheme(id, text) {
                    Ok(s) => schemes.push(s),
                    Err(e) => errors.push(e),
                }
            }
        }
        Catalogue { schemes, whole_words, errors }
    })
}

/// Problems found in the compiled-in tables; empty when all of them parse (a test keeps it so).
pub fn table_errors() -> &'static [TableError] {
    &catalogue().errors
}

/// The schemes for a script, in table order.
pub fn schemes(script: Script) -> impl Iterator<Item = &'static Scheme> {
    catalogue().schemes.iter().filter(move |s| s.script == script)
}

fn alternatives(cell: &str) -> Vec<String> {
    cell.split('|').map(|s| s.trim().to_lowercase()).collect()
}

fn rows(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(n, l)| (n + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

fn parse_scheme(id: &'static str, text: &str) -> Result<Scheme, TableError> {
    let error = |line, reason: &str| TableError { table: id, line, reason: reason.to_owned() };
    let mut rules = HashMap::new();
    let mut script = None;
    let mut longest = 1;
    for (line, row) in rows(text) {
        let mut cells = row.split('\t');
        let source = cells.next().unwrap_or_default().trim().to_lowercase();
        let Some(latin) = cells.next() else {
            return Err(error(line, "expected a letter, a tab and its Latin spelling"));
        };
        let initial = cells.next().filter(|c| !c.trim().is_empty()).map(alternatives);
        if source.is_empty() {
            return Err(error(line, "the source letter is empty"));
        }
        if source.chars().all(|c| normalize::is_inner_mark(c) || !c.is_alphabetic()) {
            // Apostrophes and the like: the normaliser drops them before any scheme sees a word.
            continue;
        }
        let letter_script = source.chars().find_map(Script::of);
        match (script, letter_script) {
            (_, None) => return Err(error(line, "the source is not a letter")),
            (None, s) => script = s,
            (Some(a), Some(b)) if a != b => return Err(error(line, "letters of two scripts in one table")),
            _ => {}
        }
        longest = longest.max(source.chars().count());
        if rules.insert(source, Rule { normal: alternatives(latin), initial }).is_some() {
            return Err(error(line, "the letter is listed twice"));
        }
    }
    let script = script.ok_or_else(|| error(0, "the table has no rows"))?;
    Ok(Scheme { id, script, rules, longest })
}

fn parse_whole_words(id: &'static str, text: &str) -> Result<HashMap<String, Vec<String>>, TableError> {
    let mut out = HashMap::new();
    for (line, row) in rows(text) {
        let Some((word, latin)) = row.split_once('\t') else {
            return Err(TableError { table: id, line, reason: "expected a word, a tab and its spellings".into() });
        };
        // The key goes through the same normalisation as a name does, so that it is found.
        let key: String = normalize::words(word).into_iter().map(|w| w.text).collect();
        out.entry(key).or_insert_with(Vec::new).extend(alternatives(latin));
    }
    Ok(out)
}

/// Letters after which a scheme's word-initial spelling applies (BGN/PCGN: after vowels, й, ъ, ь).
fn opens_syllable(c: char) -> bool {
    "аеёиоуыэюяіїєўәөүұйъь".contains(c)
}

impl Scheme {
    /// The spellings of a word under this scheme, or None when the scheme lacks one of its letters.
    fn spell(&self, word: &str) -> Option<Vec<String>> {
        let chars: Vec<char> = word.chars().collect();
        let mut forms = vec![String::new()];
        let mut i = 0;
        while i < chars.len() {
            let (len, rule) = (1..=self.longest.min(chars.len() - i)).rev().find_map(|len| {
                let piece: String = chars[i..i + len].iter().collect();
                self.rules.get(&piece).map(|r| (len, r))
            })?;
            let initial = i == 0 || chars.get(i - 1).is_some_and(|c| opens_syllable(*c));
            let options = match (&rule.initial, initial) {
                (Some(alt), true) => alt,
                _ => &rule.normal,
            };
            forms = product(&forms, options, MAX_PER_SCHEME);
            i += len;
        }
        Some(forms)
    }
}

fn product(prefixes: &[String], options: &[String], cap: usize) -> Vec<String> {
    let mut out = Vec::with_capacity(cap);
    for option in options {
        for prefix in prefixes {
            if out.len() == cap {
                return out;
            }
            out.push(format!("{prefix}{option}"));
        }
    }
    out
}

/// A Latin spelling (possibly with diacritics, as ISO 9 and national alphabets write) to its ASCII forms.
fn fold_latin(spelling: &str, cap: usize) -> Vec<String> {
    let mut forms = vec![String::new()];
    for c in spelling.chars() {
        let variants = normalize::latin_variants(c);
        if !variants.is_empty() {
            let options: Vec<String> = variants.iter().map(|v| (*v).to_owned()).collect();
            forms = product(&forms, &options, cap);
        } else if c.is_ascii_alphabetic() {
            forms.iter_mut().for_each(|f| f.push(c.to_ascii_lowercase()));
        } else if let Some(folded) = normalize::latin_fold(c) {
            forms.iter_mut().for_each(|f| f.push(folded.to_ascii_lowercase()));
        }
    }
    forms.retain(|f| !f.is_empty());
    forms
}

/// Every form of a word: for Latin, its ASCII foldings; for other scripts, its spelling under each scheme
/// covering its letters, then common full spellings of the whole word where the tables know them.
pub fn forms(word: &Word) -> Vec<Form> {
    let mut out: Vec<Form> = Vec::new();
    let add = |text: String, scheme: &'static str, out: &mut Vec<Form>| {
        if out.len() < MAX_PER_WORD && !text.is_empty() && !out.iter().any(|f| f.text == text) {
            out.push(Form { text, scheme });
        }
    };
    match word.script {
        Script::Latin | Script::Other => {
            for text in fold_latin(&word.text, MAX_PER_SCHEME) {
                // German, Czech and Polish transliterations write х as ch (Plochow): read it both ways.
                let kh = text.contains("ch").then(|| text.replace("ch", "kh"));
                add(text, "latin", &mut out);
                if let Some(kh) = kh {
                    add(kh, "latin-ch-as-kh", &mut out);
                }
            }
        }
        script => {
            if let Some(spellings) = catalogue().whole_words.get(&word.text) {
                for s in spellings {
                    for text in fold_latin(s, 2) {
                        add(text, "common-names", &mut out);
                    }
                }
            }
            for scheme in schemes(script) {
                for spelled in scheme.spell(&word.text).unwrap_or_default() {
                    for text in fold_latin(&spelled, 2) {
                        add(text, scheme.id, &mut out);
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(name: &str) -> Vec<String> {
        normalize::words(name).iter().flat_map(forms).map(|f| f.text).collect()
    }

    #[test]
    fn every_table_parses() {
        assert_eq!(table_errors(), &[] as &[TableError]);
        assert!(schemes(Script::Cyrillic).count() >= 3);
    }

    #[test]
    fn latin_gets_its_ascii_spellings() {
        assert_eq!(texts("Əliyev"), vec!["eliyev", "aliyev"]);
        assert_eq!(texts("Şükürov"), vec!["shukurov", "sukurov", "shuekurov", "suekurov"]);
        assert_eq!(texts("José"), vec!["jose"]);
    }

    #[test]
    fn cyrillic_is_spelled_under_several_schemes() {
        let forms = texts("Плохов");
        assert!(forms.contains(&"plokhov".to_owned()), "{forms:?}");
        let forms = texts("Сергей");
        assert!(forms.contains(&"sergey".to_owned()) && forms.contains(&"sergei".to_owned()), "{forms:?}");
    }

    #[test]
    fn a_letter_no_scheme_knows_leaves_no_form_rather_than_a_wrong_one() {
        let word = Word { text: "ꙮ".into(), script: Script::Cyrillic };
        assert!(forms(&word).is_empty());
    }
}
