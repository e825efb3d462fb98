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

/// Keeps two letters' spellings apart in a form (see `Scheme::spell`); skipped by the keys.
pub const SEPARATOR: char = '\'';

/// A spelling of a word in ASCII Latin and the scheme that produced it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub text: String,
    pub scheme: &'static str,
}

/// A small fast hash for the compiled-in tables (their keys are ours, not an attacker's).
#[derive(Default, Clone, Copy)]
struct Fx(u64);

impl std::hash::Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0.rotate_left(5) ^ u64::from(*b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fx>>;

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
    rules: FxMap<String, Rule>,
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
    let mut rules = FxMap::default();
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
    if c.is_ascii() {
        return false;
    }
    "аеёиоуыэюяіїєўәөүұйъь".contains(c)
}

impl Scheme {
    fn rule(&self, piece: &str) -> Option<&Rule> {
        self.rules.get(piece)
    }

    /// The spellings of a word under this scheme. A letter the scheme lacks (a Kazakh ә in a Russian table,
    /// a Persian ژ in an Arabic one) is spelled by the first scheme of the script that has it; None when no
    /// scheme has it.
    fn spell<'s>(&'s self, word: &str, others: &[&'s Scheme]) -> Option<Vec<String>> {
        // Byte offsets of the characters, so that pieces of the word are looked up without allocating.
        let bounds: Vec<usize> = word.char_indices().map(|(i, _)| i).chain(std::iter::once(word.len())).collect();
        let count = bounds.len() - 1;
        let mut forms = vec![String::with_capacity(word.len() * 2)];
        let mut i = 0;
        let mut previous: Option<char> = None;
        while i < count {
            let longest = others.iter().map(|s| s.longest).fold(self.longest, usize::max);
            fn lookup<'s>(
                word: &str,
                bounds: &[usize],
                i: usize,
                len: usize,
                scheme: &'s Scheme,
            ) -> Option<(usize, &'s Rule)> {
                let piece = word.get(*bounds.get(i)?..*bounds.get(i + len)?)?;
                scheme.rule(piece).map(|r| (len, r))
            }
            let lookup = |len: usize, scheme: &'s Scheme| lookup(word, &bounds, i, len, scheme);
            let own = (1..=self.longest.min(count - i)).rev().find_map(|len| lookup(len, self));
            let (len, rule) = own.or_else(|| {
                (1..=longest.min(count - i)).rev().find_map(|len| others.iter().find_map(|s| lookup(len, s)))
            })?;
            let initial = previous.is_none_or(opens_syllable);
            let options = match (&rule.initial, initial) {
                (Some(alt), true) => alt,
                _ => &rule.normal,
            };
            // Arabic script: letters are kept apart by a mark the keys skip, so that س + ه (s, h) is never
            // read as ش (sh).
            if self.script == Script::Arabic && i > 0 {
                forms.iter_mut().for_each(|f| f.push(SEPARATOR));
            }
            match options.as_slice() {
                [only] => forms.iter_mut().for_each(|f| f.push_str(only)),
                _ => forms = product(&forms, options, MAX_PER_SCHEME),
            }
            previous = word.get(*bounds.get(i + len - 1)?..*bounds.get(i + len)?).and_then(|p| p.chars().next());
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
    if spelling.bytes().all(|b| b.is_ascii_lowercase() || b == SEPARATOR as u8) {
        return vec![spelling.to_owned()];
    }
    let mut forms = vec![String::new()];
    for c in spelling.chars() {
        let variants = normalize::latin_variants(c);
        if !variants.is_empty() {
            let options: Vec<String> = variants.iter().map(|v| (*v).to_owned()).collect();
            forms = product(&forms, &options, cap);
        } else if c.is_ascii_alphabetic() || c == SEPARATOR {
            forms.iter_mut().for_each(|f| f.push(c.to_ascii_lowercase()));
        } else if let Some(folded) = normalize::latin_fold(c) {
            forms.iter_mut().for_each(|f| f.push(folded.to_ascii_lowercase()));
        }
    }
    forms.retain(|f| f.bytes().any(|b| b.is_ascii_lowercase()));
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
                // German, Czech and Polish transliterations write х as ch (Plochow); Uzbek and Azerbaijani
                // Latin write it x (Xudoyberdiyev) and дж as j (Tojiyev / Tadjiyev): read them both ways.
                let readings = [("ch", "kh"), ("x", "kh"), ("j", "dj")];
                let other: Vec<String> = readings
                    .iter()
                    .filter(|(from, _)| text.contains(from))
                    .map(|(from, to)| text.replace(from, to))
                    .collect();
                add(text, "latin", &mut out);
                for o in other {
                    add(o, "latin-reading", &mut out);
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
            let all: Vec<&Scheme> = schemes(script).collect();
            for scheme in &all {
                for spelled in scheme.spell(&word.text, &all).unwrap_or_default() {
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
        assert_eq!(texts("José"), vec!["jose", "djose"]);
        assert_eq!(texts("Oʻtkir"), vec!["otkir", "utkir"]);
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
