//! Keys: what remains of a Latin spelling once the differences between transliteration schemes are ironed
//! out. Two spellings of one name under different schemes (Plokhov / Plohov, Sergei / Sergey / Serguei,
//! Yuriy / Iurii / Jurij) share a *fine* key; spellings that differ only in vowels (Mohammed / Muhammad, or
//! an Arabic-script name with its short vowels unwritten) share a *consonant* key.

/// The fine key of an ASCII lower-case spelling (other characters are skipped). Deterministic.
///
/// Rewrites apply left to right, longest first. Upper-case letters are internal symbols for one sound
/// (S: sh/shch, C: ch, Z: zh/dzh/dj, T: ts) so that they never collide with a plain letter. Written as one
/// match on the bytes ahead: this runs for every spelling of every name part.
pub fn fine(spelling: &str) -> String {
    let b = spelling.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(rest) = b.get(i..).filter(|r| !r.is_empty()) {
        let (emit, used): (&[u8], usize) = match rest {
            [b's', b'c', b'h', b't', b's', b'c', b'h', ..] => (b"S", 7), // German щ: Polischtschuk
            [b's', b'h', b'c', b'h', ..] => (b"S", 4),
            [b't', b's', b'c', b'h', ..] => (b"C", 4),
            [b'd', b'z', b'h', ..] => (b"Z", 3),
            [b's', b'c', b'h', ..] | [b's', b'h', b'h', ..] => (b"S", 3),
            [b't', b'c', b'h', ..] => (b"C", 3),
            // French spellings: Serguei, Guennadi.
            [b'g', b'u', b'e', ..] => (b"ge", 3),
            [b'g', b'u', b'i', ..] => (b"gi", 3),
            // Polish spellings: Czernow, Szewczenko.
            [b'c', b'z', ..] => (b"C", 2),
            [b's', b'z', ..] => (b"S", 2),
            [b's', b'h', ..] => (b"S", 2),
            [b'c', b'h', ..] => (b"C", 2),
            [b'z', b'h', ..] | [b'd', b'j', ..] => (b"Z", 2),
            [b'k', b'h', ..] => (b"h", 2),
            [b'g', b'h', ..] => (b"g", 2),
            [b'p', b'h', ..] => (b"f", 2),
            [b'c', b'k', ..] => (b"k", 2),
            [b't', b's', ..] | [b't', b'z', ..] => (b"T", 2),
            [b'k', b's', ..] | [b'c', b's', ..] => (b"x", 2),
            [b'y' | b'i' | b'j', b'u', ..] => (b"u", 2),
            [b'y' | b'i' | b'j', b'a', ..] => (b"a", 2),
            [b'y' | b'j', b'o', ..] => (b"o", 2),
            [b'y' | b'j', b'e', ..] => (b"e", 2),
            [b'o', b'u', ..] => (b"u", 2),
            [b'q', ..] => (b"k", 1),
            [b'w', ..] => (b"v", 1),
            [b'y' | b'j', ..] => (b"i", 1),
            [c, ..] if c.is_ascii_lowercase() => (std::slice::from_ref(c), 1),
            _ => (b"", 1),
        };
        for c in emit {
            if out.last() != Some(c) {
                out.push(*c);
            }
        }
        i += used;
    }
    String::from_utf8(out).unwrap_or_default()
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

/// The consonant key without v and i as well: Arabic script writes و and ي both as consonants (v, y) and as
/// long vowels (u, i), so Darvishi and درویشی, Pooya and پویا meet here.
pub fn weak_consonants(fine_key: &str) -> String {
    let mut out = String::with_capacity(fine_key.len());
    for (n, c) in fine_key.chars().enumerate() {
        if n == 0 {
            out.push(if is_vowel(c) || c == 'v' { 'a' } else { c });
        } else if !is_vowel(c) && c != 'v' {
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
