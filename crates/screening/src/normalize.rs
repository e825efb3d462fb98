//! From a name as typed or printed to its words: Unicode composed, lower-cased, split, each word tagged with
//! its script and cleaned of what that script writes optionally (Arabic vowel marks, tatweel, letter variants).

use unicode_normalization::UnicodeNormalization;

/// The writing systems the engine transliterates. Anything else is kept as it is and matched as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Georgian,
    Armenian,
    Other,
}

impl Script {
    pub fn of(c: char) -> Option<Script> {
        if !c.is_alphabetic() {
            return None;
        }
        let script = match c as u32 {
            0x41..=0x5A | 0x61..=0x7A | 0xC0..=0x24F | 0x1E00..=0x1EFF | 0x259 => Script::Latin,
            0x400..=0x52F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
            0x600..=0x6FF | 0x750..=0x77F | 0x8A0..=0x8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
            0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Script::Georgian,
            0x530..=0x58F | 0xFB13..=0xFB17 => Script::Armenian,
            _ => Script::Other,
        };
        Some(script)
    }
}

/// One word of a name, in its own script, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    pub script: Script,
}

/// Characters that sit inside a word without separating it: apostrophes of Uzbek o‘/g‘, Ukrainian ʼ, Irish O'.
pub fn is_inner_mark(c: char) -> bool {
    // The zero-width non-joiner and joiner sit inside Persian compounds (تقی‌زاده).
    matches!(c, '\'' | '’' | '‘' | 'ʻ' | 'ʼ' | '`' | 'ʹ' | 'ʺ' | '\u{200C}' | '\u{200D}')
}

/// Splits a name into words. Hyphens, dots, commas and spaces separate; apostrophes do not. A word that
/// changes script midway (rare: a typing slip) is split where the script changes.
pub fn words(name: &str) -> Vec<Word> {
    let mut out = Vec::new();
    each_word(name, |text, script| out.push(Word { text: text.to_owned(), script }));
    out
}

/// The words of `words`, each handed to `f` as it is found, in one buffer: nothing is allocated per word
/// (names are split millions of times, and most of their words are found in a cache by their text).
pub fn each_word(name: &str, mut f: impl FnMut(&str, Script)) {
    if name.is_ascii() { ascii_words(name, &mut f) } else { unicode_words(name, &mut f) }
}

/// `each_word` for a name in ASCII: the same words without the Unicode tables (most names typed at a border).
fn ascii_words(name: &str, f: &mut impl FnMut(&str, Script)) {
    let mut current = String::with_capacity(name.len() + 8);
    for b in name.bytes() {
        let c = char::from(b.to_ascii_lowercase());
        if is_inner_mark(c) {
            match current.pop() {
                Some('o') => current.push('ŏ'),
                Some('g') => current.push('ğ'),
                Some(other) => current.push(other),
                None => {}
            }
        } else if c.is_ascii_alphabetic() {
            current.push(c);
        } else if !current.is_empty() {
            f(&current, Script::Latin);
            current.clear();
        }
    }
    if !current.is_empty() {
        f(&current, Script::Latin);
    }
}

/// The lower case of `c` and its script when `c` is one of the letters most names are written in (ASCII,
/// the Russian alphabet and its neighbours, the basic Arabic, Armenian and Georgian letters), by arithmetic;
/// `None` for any other character, which takes the Unicode tables.
fn common_letter(c: char) -> Option<(char, Script)> {
    let lower = |c: u32, by: u32| char::from_u32(c + by);
    let u = c as u32;
    Some(match u {
        0x61..=0x7A => (c, Script::Latin),
        0x41..=0x5A => (lower(u, 0x20)?, Script::Latin),
        0x430..=0x45F => (c, Script::Cyrillic),
        0x410..=0x42F => (lower(u, 0x20)?, Script::Cyrillic),
        0x400..=0x40F => (lower(u, 0x50)?, Script::Cyrillic),
        0x621..=0x63A | 0x641..=0x64A => (c, Script::Arabic),
        0x561..=0x586 => (c, Script::Armenian),
        0x531..=0x556 => (lower(u, 0x30)?, Script::Armenian),
        0x10D0..=0x10FA => (c, Script::Georgian),
        _ => return None,
    })
}

fn is_nfc(name: &str) -> bool {
    unicode_normalization::is_nfc_quick(name.chars()) == unicode_normalization::IsNormalized::Yes
}

/// The word being read: its letters so far and their script, and a second buffer for the cleaned word.
struct Reader<'f, F: FnMut(&str, Script)> {
    current: String,
    script: Option<Script>,
    cleaned: String,
    f: &'f mut F,
}

fn unicode_words(name: &str, f: &mut impl FnMut(&str, Script)) {
    let mut r = Reader { current: String::with_capacity(name.len() + 8), script: None, cleaned: String::new(), f };
    // Most names come composed already: composing them again would only copy them. A name of common letters
    // and ASCII is composed (no combining marks, no letters that compose) without asking the tables.
    let common = name.chars().all(|c| c.is_ascii() || common_letter(c).is_some());
    let composed: std::borrow::Cow<str> = match common || is_nfc(name) {
        true => name.into(),
        false => name.nfc().collect::<String>().into(),
    };
    for c in composed.chars() {
        if let Some((c, script)) = common_letter(c) {
            if r.script.is_some_and(|s| s != script) {
                r.flush();
            }
            r.script = Some(script);
            r.current.push(c);
            continue;
        }
        for c in c.to_lowercase() {
            r.letter(c);
        }
    }
    r.flush();
}

impl<F: FnMut(&str, Script)> Reader<'_, F> {
    /// One lower-cased character of a name that is not one of the common letters.
    fn letter(&mut self, c: char) {
        if is_inner_mark(c) {
            // Uzbek Latin writes ў and ғ as o‘ and g‘: kept as letters of their own (ŏ, ğ).
            if self.script == Some(Script::Latin) {
                match self.current.pop() {
                    Some('o') => self.current.push('ŏ'),
                    Some('g') => self.current.push('ğ'),
                    Some(other) => self.current.push(other),
                    None => {}
                }
            }
            return;
        }
        let is_mark = unicode_normalization::char::is_combining_mark(c);
        if is_mark || is_arabic_optional(c) {
            // Combining marks belong to the word they follow; Arabic vowel marks are dropped below.
            if self.script.is_some() {
                self.current.push(c);
            }
            return;
        }
        match Script::of(c) {
            Some(script) => {
                if self.script.is_some_and(|s| s != script) {
                    self.flush();
                }
                self.script = Some(script);
                self.current.push(c);
            }
            None => self.flush(),
        }
    }

    /// Hands the word read so far on, cleaned of what its script writes optionally.
    fn flush(&mut self) {
        if let Some(script) = self.script.take() {
            let text = if script == Script::Arabic {
                self.cleaned.clear();
                self.cleaned.extend(self.current.chars().filter_map(arabic_letter));
                &self.cleaned
            } else {
                &self.current
            };
            if !text.is_empty() {
                (self.f)(text, script);
            }
        }
        self.current.clear();
    }
}

/// Arabic script writes short vowels, shadda and tatweel optionally: names are compared without them.
fn is_arabic_optional(c: char) -> bool {
    matches!(c as u32, 0x610..=0x61A | 0x64B..=0x65F | 0x670 | 0x6D6..=0x6ED | 0x640)
}

/// One letter per sound class: hamza carriers and alef forms to alef, alef maqsura and Persian yeh to yeh,
/// Persian keheh to kaf, teh marbuta to heh. Persian and Arabic spellings of one name then agree.
fn arabic_letter(c: char) -> Option<char> {
    if is_arabic_optional(c) || unicode_normalization::char::is_combining_mark(c) {
        return None;
    }
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' | 'ی' | 'ئ' | 'ې' => 'ي',
        'ک' | 'ڪ' => 'ك',
        'ة' | 'ۀ' | 'ہ' | 'ھ' => 'ه',
        'ؤ' => 'و',
        'ء' => return None,
        // Arabic-Indic digits are not letters of a name.
        '\u{660}'..='\u{669}' | '\u{6F0}'..='\u{6F9}' => return None,
        other => other,
    })
}

/// Latin letters folded to ASCII, each to every spelling real data uses for it (ə is written e or a, ş sh or s).
/// Letters not listed lose their diacritics (é → e).
pub fn latin_variants(c: char) -> &'static [&'static str] {
    match c {
        'ə' => &["e", "a"],
        // Uzbek o‘ (Cyrillic ў): written o in Latin, u in Russian-style spellings (Oʻtkir / Utkir).
        'ŏ' => &["o", "u"],
        'ş' | 'š' | 'ș' => &["sh", "s"],
        'ç' | 'č' => &["ch", "c"],
        'ğ' => &["gh", "g"],
        'ž' => &["zh", "z"],
        'ı' => &["i"],
        'ö' => &["o", "oe"],
        'ü' => &["u", "ue"],
        'ä' => &["a", "ae"],
        'ß' => &["ss"],
        'æ' => &["ae"],
        'ø' => &["o", "oe"],
        'œ' => &["oe"],
        'ł' => &["l"],
        'đ' => &["dj", "d"],
        'ð' => &["d"],
        'þ' => &["th"],
        'ñ' => &["n", "ny"],
        _ => &[],
    }
}

/// Folds one Latin letter without a listed variant to ASCII by dropping its diacritics.
pub fn latin_fold(c: char) -> Option<char> {
    c.to_string().nfkd().find(|d| d.is_ascii_alphabetic())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_common_letters_take_the_same_case_and_script_as_the_unicode_tables_give() {
        let mut checked = 0;
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            if let Some((lower, script)) = common_letter(c) {
                let tables: Vec<char> = c.to_lowercase().collect();
                assert_eq!(tables, vec![lower], "{c:?}");
                assert_eq!(Script::of(lower), Some(script), "{c:?}");
                assert!(!is_inner_mark(lower) && !is_arabic_optional(lower), "{c:?}");
                assert!(!unicode_normalization::char::is_combining_mark(lower), "{c:?}");
                checked += 1;
            }
        }
        assert!(checked > 300, "{checked}");
    }

    #[test]
    fn names_of_common_letters_are_composed_already() {
        let common: Vec<char> =
            (0..0x11000u32).filter_map(char::from_u32).filter(|c| common_letter(*c).is_some()).collect();
        let mut checked = 0;
        for a in &common {
            for b in common.iter().chain(['-', ' ', '\'', '.'].iter()) {
                let pair: String = [*a, *b].iter().collect();
                assert!(is_nfc(&pair), "{pair:?}");
                assert_eq!(pair.nfc().collect::<String>(), pair, "{pair:?}");
                checked += 1;
            }
        }
        assert!(checked > 90_000, "{checked}");
    }

    proptest::proptest! {
        #[test]
        fn ascii_names_split_as_any_name_does(name in "[ -~]{0,40}") {
            let (mut ascii, mut unicode) = (Vec::new(), Vec::new());
            ascii_words(&name, &mut |t: &str, s| ascii.push((t.to_owned(), s)));
            unicode_words(&name, &mut |t: &str, s| unicode.push((t.to_owned(), s)));
            proptest::prop_assert_eq!(ascii, unicode);
        }
    }

    fn texts(name: &str) -> Vec<(String, Script)> {
        words(name).into_iter().map(|w| (w.text, w.script)).collect()
    }

    #[test]
    fn splits_on_spaces_hyphens_and_punctuation_but_not_apostrophes() {
        assert_eq!(
            texts("PETROVA-Vodkina, Anna  O‘g‘li"),
            vec![
                ("petrova".into(), Script::Latin),
                ("vodkina".into(), Script::Latin),
                ("anna".into(), Script::Latin),
                ("ŏğli".into(), Script::Latin),
            ]
        );
    }

    #[test]
    fn tags_scripts() {
        let w = texts("Сергей გიორგი Արամ محمد Ōno");
        let scripts: Vec<Script> = w.iter().map(|(_, s)| *s).collect();
        assert_eq!(scripts, vec![Script::Cyrillic, Script::Georgian, Script::Armenian, Script::Arabic, Script::Latin]);
        assert_eq!(w[0].0, "сергей", "й keeps its breve: it is a letter of its own");
    }

    #[test]
    fn arabic_and_persian_spellings_agree_without_vowel_marks() {
        // Persian yeh and keheh, Arabic yeh and kaf, a fatha and a tatweel.
        assert_eq!(texts("کریمی"), texts("كريمي"));
        assert_eq!(texts("مُحَمَّد"), texts("محمد"));
        assert_eq!(texts("أحمد"), texts("احمد"));
        assert_eq!(texts("مـحـمـد"), texts("محمد"));
    }

    #[test]
    fn decomposed_input_is_composed_first() {
        assert_eq!(texts("Jose\u{301}"), texts("José"));
        assert_eq!(texts("и\u{306}"), texts("й"));
    }

    #[test]
    fn a_script_change_inside_a_word_splits_it() {
        let w = texts("Ivanов");
        assert_eq!(w, vec![("ivan".into(), Script::Latin), ("ов".into(), Script::Cyrillic)]);
    }

    #[test]
    fn nothing_but_punctuation_gives_no_words() {
        assert!(words(" -.,' ").is_empty());
        assert!(words("").is_empty());
    }

    #[test]
    fn latin_letters_fold() {
        assert_eq!(latin_fold('é'), Some('e'));
        assert_eq!(latin_fold('ő'), Some('o'));
        assert_eq!(latin_variants('ə'), &["e", "a"]);
    }
}
