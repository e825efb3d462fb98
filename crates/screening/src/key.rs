//! Keys: what remains of a Latin spelling once the differences between transliteration schemes are ironed
//! out. Two spellings of one name under different schemes (Plokhov / Plohov, Sergei / Sergey / Serguei,
//! Yuriy / Iurii / Jurij) share a *fine* key; spellings that differ only in vowels (Mohammed / Muhammad, or
//! an Arabic-script name with its short vowels unwritten) share a *consonant* key.

/// Rewrites applied left to right, longest first. Upper-case letters are internal symbols for one sound
/// (S: sh/shch, C: ch, Z: zh/dzh/dj) so that they never collide with a plain letter.
const REWRITES: &[(&str, &str)] = &[
    ("shch", "S"),
    ("tsch", "C"),
    ("dzh", "Z"),
    ("sch", "S"),
    ("shh", "S"),
    ("tch", "C"),
    // Polish spellings: Czernow, Szewczenko, Rzewski.
    ("cz", "C"),
    ("sz", "S"),
    ("sh", "S"),
    ("ch", "C"),
    ("zh", "Z"),
    ("dj", "Z"),
    ("kh", "h"),
    // French spellings: Serguei, Guennadi.
    ("gue", "ge"),
    ("gui", "gi"),
    ("gh", "g"),
    ("ph", "f"),
    ("ck", "k"),
    ("ts", "T"),
    ("tz", "T"),
    ("ks", "x"),
    ("cs", "x"),
    ("yu", "u"),
    ("iu", "u"),
    ("ju", "u"),
    ("ya", "a"),
    ("ia", "a"),
    ("ja", "a"),
    ("yo", "o"),
    ("jo", "o"),
    ("ye", "e"),
    ("je", "e"),
    ("ou", "u"),
    ("q", "k"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
];

/// The fine key of an ASCII lower-case spelling (other characters are skipped). Deterministic.
pub fn fine(spelling: &str) -> String {
    let bytes = spelling.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    'outer: while i < bytes.len() {
        for (from, to) in REWRITES {
            if bytes[i..].starts_with(from.as_bytes()) {
                out.push_str(to);
                i += from.len();
                continue 'outer;
            }
        }
        if bytes[i].is_ascii_alphabetic() {
            out.push(bytes[i] as char);
        }
        i += 1;
    }
    collapse_doubles(&out)
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// The consonant key: the fine key without vowels after its first letter. An initial vowel is kept as `a`
/// (Arabic script writes it with one letter whatever the vowel).
pub fn consonants(fine_key: &str) -> String {
    let mut out = String::with_capacity(fine_key.len());
    for (n, c) in fine_key.chars().enumerate() {
        if n == 0 {
            out.push(if is_vowel(c) { 'a' } else { c });
        } else if !is_vowel(c) {
            out.push(c);
        }
    }
    collapse_doubles(&out)
}

fn collapse_doubles(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last = None;
    for c in s.chars() {
        if Some(c) != last {
            out.push(c);
        }
        last = Some(c);
    }
    out
}

/// Every key one character shorter, for typing slips: two keys within one substitution or one insertion share
/// a member of each other's neighbourhood (or the key itself). Short keys get none: their neighbourhoods
/// match too much.
pub fn deletions(key: &str) -> Vec<String> {
    let chars: Vec<char> = key.chars().collect();
    if chars.len() < 5 {
        return Vec::new();
    }
    let mut out: Vec<String> = (0..chars.len())
        .map(|skip| chars.iter().enumerate().filter(|(n, _)| *n != skip).map(|(_, c)| *c).collect())
        .collect();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes_agree_on_fine_keys() {
        for group in [
            &["plokhov", "plohov"][..],
            &["sergei", "sergey", "sergej", "serghei", "serguei"],
            &["yuriy", "iurii", "jurij", "yuri"],
            &["shcherbakov", "scherbakov", "shherbakov"],
            &["tsvetkov", "tzvetkov"],
            &["aleksandr", "alexandr"],
            &["zhukov", "dzhukov"],
            &["yevgeniy", "jevgenij"],
            &["sergeyev", "sergeev"],
        ] {
            let keys: Vec<String> = group.iter().map(|s| fine(s)).collect();
            assert!(keys.windows(2).all(|w| w[0] == w[1]), "{group:?} gave {keys:?}");
        }
    }

    #[test]
    fn different_names_keep_different_fine_keys() {
        assert_ne!(fine("ivanov"), fine("ivanova"));
        assert_ne!(fine("petrov"), fine("pavlov"));
        assert_ne!(fine("sasha"), fine("saca"));
    }

    #[test]
    fn vowel_variants_share_a_consonant_key() {
        assert_eq!(consonants(&fine("mohammed")), consonants(&fine("muhammad")));
        assert_eq!(consonants(&fine("mhmd")), consonants(&fine("mohamed")));
        assert_eq!(consonants(&fine("abdullah")), consonants(&fine("abdallah")));
        assert_eq!(consonants(&fine("omar")), consonants(&fine("umar")));
    }

    #[test]
    fn consonant_keys_are_idempotent() {
        for s in ["plokhov", "shcherbakova", "yevgeniya", "mohammed", "xoja"] {
            let k = consonants(&fine(s));
            assert_eq!(consonants(&k), k);
        }
    }

    #[test]
    fn a_substitution_shares_a_deletion() {
        let a = deletions("plotnikov");
        let b = deletions("plotnikof");
        assert!(a.iter().any(|k| b.contains(k)));
        assert!(deletions("ivan").is_empty());
    }
}
