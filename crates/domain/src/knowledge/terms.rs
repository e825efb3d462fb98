//! Search terms of the knowledge base, the same for every database: text is split into words, folded
//! (lowercase; accents and Arabic vowel marks dropped; the letter variants that spellings of one word mix
//! made one: ё/е, Arabic and Persian yeh and kaf, alef with hamza) and stemmed with the Snowball
//! stemmer of the word's script and language, so that "конвенции" finds "конвенция" and "الاتفاقيات"
//! finds "الاتفاقية". A document files each word under its stem, and under its folded form where a query
//! might not ask for that stem; a query word asks for any of its variants.

use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Words longer than this are not indexed (base64 blobs, hashes): no one searches for them.
pub const MAX_WORD_CHARS: usize = 40;

/// The words of `text`, folded, in order. A word is a run of letters and digits; an apostrophe or hyphen
/// inside a word splits it ("d'entraide" gives "d" and "entraide").
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut word = String::new();
    let letter = |c: char, word: &mut String, out: &mut Vec<String>| {
        if is_combining_mark(c) || is_arabic_mark(c) {
            return;
        }
        if c.is_alphanumeric() {
            word.extend(fold(c));
        } else if !word.is_empty() {
            push(out, std::mem::take(word));
        }
    };
    for c in text.nfc() {
        if ('\u{0400}'..='\u{04FF}').contains(&c) {
            // Cyrillic letters stay whole: й and ї are letters of their own, not и and і with a mark.
            letter(c, &mut word, &mut out);
        } else {
            decompose_compatible(c, |d| letter(d, &mut word, &mut out));
        }
    }
    if !word.is_empty() {
        push(&mut out, word);
    }
    out
}

fn push(out: &mut Vec<String>, word: String) {
    if word.chars().count() <= MAX_WORD_CHARS {
        out.push(word);
    }
}

/// Arabic harakat, tanwin, shadda, sukun, superscript alef and tatweel: written or not, the word is one.
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}')
}

fn fold(c: char) -> impl Iterator<Item = char> {
    let c = match c {
        'ё' | 'Ё' => 'е',
        // Persian yeh and kaf, alef maqsura; alef with hamza or madda (ta marbuta stays: the stemmer
        // reads it as the feminine ending it is).
        'ی' | 'ى' | 'ې' => 'ي',
        'ک' => 'ك',
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        other => other,
    };
    c.to_lowercase()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Other,
}

fn script(word: &str) -> Script {
    match word.chars().find(|c| c.is_alphabetic()) {
        Some('a'..='z' | '\u{00C0}'..='\u{024F}') => Script::Latin,
        Some('\u{0400}'..='\u{04FF}') => Script::Cyrillic,
        Some('\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}') => Script::Arabic,
        _ => Script::Other,
    }
}

fn latin_stemmer(lang: &str) -> Option<Algorithm> {
    Some(match lang {
        "en" => Algorithm::English,
        "fr" => Algorithm::French,
        "es" => Algorithm::Spanish,
        "de" => Algorithm::German,
        "pt" => Algorithm::Portuguese,
        "it" => Algorithm::Italian,
        "ro" => Algorithm::Romanian,
        "tr" | "az" => Algorithm::Turkish,
        _ => return None,
    })
}

/// The Latin stemmers a query word is tried with, the reader's language not being the document's.
const QUERY_LATIN: [Algorithm; 4] = [Algorithm::English, Algorithm::French, Algorithm::Spanish, Algorithm::German];

fn stem(algorithm: Algorithm, word: &str) -> String {
    Stemmer::create(algorithm).stem(word).into_owned()
}

/// Arabic words take one-letter proclitics (و and, ف then, ب with, ل for, ك as) that the stemmer keeps:
/// the word without one, when what remains is a word of three letters or more.
fn without_proclitic(word: &str) -> Option<&str> {
    let mut chars = word.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    (matches!(first, 'و' | 'ف' | 'ب' | 'ل' | 'ك') && rest.chars().count() >= 3).then_some(rest)
}

/// The further stems an Arabic word is filed and asked under: without a proclitic; and, for a final ه
/// typed for ة (common in informal writing), the feminine form.
fn arabic_alternatives(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(rest) = without_proclitic(word) {
        out.push(stem(Algorithm::Arabic, rest));
    }
    if let Some(base) = word.strip_suffix('ه') {
        out.push(stem(Algorithm::Arabic, &format!("{base}ة")));
    }
    out
}

/// The stem a document in language `lang` files `word` under, if the word's script has a stemmer.
fn document_stem(word: &str, lang: &str) -> Option<String> {
    let algorithm = match script(word) {
        Script::Cyrillic => Algorithm::Russian,
        Script::Arabic => Algorithm::Arabic,
        Script::Latin => latin_stemmer(lang)?,
        Script::Other => return None,
    };
    Some(stem(algorithm, word)).filter(|s| !s.is_empty())
}

/// Stems are kept apart from words (a stem may be another word), marked with a trailing `~`.
fn stem_term(stem: &str) -> String {
    format!("{stem}~")
}

/// Whether every query for a word of this script finds the stem a document in `lang` files it under
/// (`query_words` stems Cyrillic and Arabic as documents do, and Latin with `QUERY_LATIN`): then the folded
/// word itself need not be filed, since its stem finds it and weighs at least as much.
fn queries_ask_for_stem(script: Script, lang: &str) -> bool {
    match script {
        Script::Cyrillic | Script::Arabic => true,
        Script::Latin => latin_stemmer(lang).is_some_and(|a| QUERY_LATIN.contains(&a)),
        Script::Other => false,
    }
}

/// The terms a document files itself under, each with the number of times it occurs: the stems of each
/// word in the document's language, and the folded word where a query might not ask for those stems.
/// Sorted, each term once. Also returns the number of words.
pub fn document_terms(text: &str, lang: &str) -> (BTreeMap<String, u32>, usize) {
    let mut terms = BTreeMap::new();
    let words = words(text);
    for word in &words {
        let mut stems: Vec<String> = document_stem(word, lang).into_iter().collect();
        if script(word) == Script::Arabic {
            stems.extend(arabic_alternatives(word));
            stems.sort();
            stems.dedup();
        }
        stems.retain(|s| !s.is_empty());
        for s in &stems {
            *terms.entry(stem_term(s)).or_insert(0) += 1;
        }
        if stems.is_empty() || !queries_ask_for_stem(script(word), lang) {
            *terms.entry(word.clone()).or_insert(0) += 1;
        }
    }
    (terms, words.len())
}

/// One word of a query with the terms that find it: the folded word and its possible stems.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryWord {
    pub word: String,
    pub variants: Vec<String>,
}

/// The words of a query, each with its variants; a word repeated is asked for once. At most `max` words.
pub fn query_words(query: &str, max: usize) -> Vec<QueryWord> {
    let mut out: Vec<QueryWord> = Vec::new();
    for word in words(query) {
        if out.iter().any(|q| q.word == word) {
            continue;
        }
        if out.len() == max {
            break;
        }
        let stems: Vec<String> = match script(&word) {
            Script::Cyrillic => vec![stem(Algorithm::Russian, &word)],
            Script::Arabic => {
                std::iter::once(stem(Algorithm::Arabic, &word)).chain(arabic_alternatives(&word)).collect()
            }
            Script::Latin => QUERY_LATIN.iter().map(|a| stem(*a, &word)).collect(),
            Script::Other => Vec::new(),
        };
        let mut variants = vec![word.clone()];
        for term in stems.iter().filter(|s| !s.is_empty()).map(|s| stem_term(s)) {
            if !variants.contains(&term) {
                variants.push(term);
            }
        }
        out.push(QueryWord { word, variants });
    }
    out
}

/// The weight of a term in a document, after BM25's term-frequency part (k1 = 1.2, b = 0.75) with the
/// document's length in words against a typical length: frequent in a short document weighs most. Kept
/// with the posting (scaled by 1,000) so that a search reads the best documents of a term first; the rarity
/// of the term (idf) is applied at search time.
pub fn weight(tf: u32, doc_words: usize) -> i64 {
    const K1: f64 = 1.2;
    const B: f64 = 0.75;
    const TYPICAL_WORDS: f64 = 400.0;
    let tf = f64::from(tf);
    let norm = 1.0 - B + B * (doc_words as f64 / TYPICAL_WORDS);
    (1000.0 * tf * (K1 + 1.0) / (tf + K1 * norm)).round() as i64
}

/// The rarity of a term found in `df` of `n` documents (BM25's idf, never negative).
pub fn idf(df: i64, n: i64) -> f64 {
    let (df, n) = (df.max(0) as f64, n.max(1) as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// Whether a word of a text answers a query word: the same folded word, or a word starting with one of
/// its stems (three letters at least).
fn answers(word: &str, q: &QueryWord) -> bool {
    word == q.word
        || q.variants.iter().filter_map(|v| v.strip_suffix('~')).any(|s| s.chars().count() >= 3 && word.starts_with(s))
}

/// An extract of `text` of about `max_chars` around the first word that answers the query (the start of
/// the text when none does), cut at spaces, with "…" where it was cut.
pub fn snippet(text: &str, query: &[QueryWord], max_chars: usize) -> String {
    let tokens: Vec<(usize, &str)> =
        text.split_whitespace().map(|t| (t.as_ptr() as usize - text.as_ptr() as usize, t)).collect();
    let hit = tokens.iter().position(|(_, t)| words(t).iter().any(|w| query.iter().any(|q| answers(w, q))));
    let first = hit.map_or(0, |h| {
        // A few words of context before the hit.
        let mut before = 0;
        let mut i = h;
        while i > 0 && before + tokens[i - 1].1.chars().count() < max_chars / 3 {
            i -= 1;
            before += tokens[i].1.chars().count() + 1;
        }
        i
    });
    let mut out = String::new();
    let mut used = 0;
    let mut last = first;
    for (i, (_, t)) in tokens.iter().enumerate().skip(first) {
        let n = t.chars().count();
        if used > 0 && used + n > max_chars {
            break;
        }
        if used > 0 {
            out.push(' ');
        }
        out.push_str(t);
        used += n + 1;
        last = i;
    }
    if first > 0 {
        out.insert(0, '…');
    }
    if last + 1 < tokens.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(doc: &str, lang: &str, query: &str) -> bool {
        let (terms, _) = document_terms(doc, lang);
        query_words(query, 10).iter().all(|q| q.variants.iter().any(|v| terms.contains_key(v)))
    }

    #[test]
    fn words_are_folded_across_scripts() {
        assert_eq!(words("Ёлка, «Конвенция» (ООН) й"), vec!["елка", "конвенция", "оон", "й"]);
        assert_eq!(words("Extradición d'entraide"), vec!["extradicion", "d", "entraide"]);
        // Vowel marks, tatweel, hamza on alef, ta marbuta and Persian letters fold away.
        assert_eq!(words("الاتِّفاقيَّة"), words("الاتفاقية"));
        assert_eq!(words("أحمد"), words("احمد"));
        assert_eq!(words("کریمی"), words("كريمي"));
        assert!(words(&"x".repeat(41)).is_empty());
    }

    #[test]
    fn inflected_forms_find_each_other() {
        let ru = "Выдача осуществляется на основании Конвенции о правовой помощи";
        assert!(finds(ru, "ru", "конвенция"));
        assert!(finds(ru, "ru", "правовая помощь"));
        assert!(!finds(ru, "ru", "конфискация"));
        let ar = "تنص الاتفاقية على تسليم المجرمين";
        assert!(finds(ar, "ar", "الاتفاقيات"), "{:?}", document_terms(ar, "ar"));
        assert!(finds(ar, "ar", "تسليم"));
        // A proclitic on either side, and ه typed for ة.
        assert!(finds("دليل موجز لطلبات المساعدة", "ar", "طلبات"));
        assert!(finds("طلبات المساعدة", "ar", "وطلبات"));
        assert!(finds("المساعدة القانونية", "ar", "المساعدة القانونيه"));
        let en = "Requests for mutual legal assistance were executed";
        assert!(finds(en, "en", "request executing"));
        assert!(finds("Les demandes d'entraide judiciaire", "fr", "demande"));
        assert!(!finds(en, "en", "extradition"));
    }

    #[test]
    fn a_word_is_filed_once_when_its_stem_finds_it() {
        let (terms, words) = document_terms("Конвенции конвенция", "ru");
        assert_eq!(words, 2);
        assert_eq!(terms.into_iter().collect::<Vec<_>>(), vec![("конвенц~".to_owned(), 2)]);
        // An Italian document: queries do not stem Italian, so the word is filed too and still found.
        let (terms, _) = document_terms("estradizione", "it");
        assert!(terms.contains_key("estradizione") && terms.len() == 2, "{terms:?}");
        assert!(finds("estradizione", "it", "estradizione"));
        // A script without a stemmer keeps the word.
        assert_eq!(document_terms("日本", "ja").0.into_keys().collect::<Vec<_>>(), vec!["日本".to_owned()]);
    }

    #[test]
    fn snippets_open_on_the_first_word_found() {
        let text = "Глава 1. Общие положения. Статья 453. Выдача лица иностранному государству производится \
                    на основании международного договора.";
        let s = snippet(text, &query_words("выдачи", 3), 60);
        assert!(s.starts_with('…') && s.contains("Выдача лица"), "{s}");
        assert!(s.chars().count() <= 64, "{s}");
        assert_eq!(snippet("short text", &query_words("absent", 3), 60), "short text");
    }

    #[test]
    fn weights_favour_frequent_terms_in_short_documents() {
        assert!(weight(3, 100) > weight(1, 100));
        assert!(weight(1, 100) > weight(1, 5_000));
        assert!(idf(1, 100_000) > idf(50_000, 100_000));
        assert!(idf(100_000, 100_000) >= 0.0);
    }

    #[test]
    fn a_query_asks_each_word_once_and_at_most_the_limit() {
        let q = query_words("convention Convention extradition mutual assistance", 3);
        assert_eq!(q.iter().map(|w| w.word.as_str()).collect::<Vec<_>>(), vec!["convention", "extradition", "mutual"]);
        assert!(q[0].variants.contains(&"convent~".to_owned()), "{:?}", q[0]);
    }
}
