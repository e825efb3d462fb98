//! How close two keys are as spellings: edit distance scaled so that one slip in a long name still counts as
//! the same part and two different names of the same length do not.

/// Edit distance between two byte strings (keys are ASCII), counting the swap of two neighbours as one edit
/// (optimal string alignment): Ibraimova / Ibarimova is one slip, not two.
pub fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    if a.len() <= 64 && a.is_ascii() {
        return osa_bits(a, b);
    }
    edit_distance_table(a, b)
}

/// The same distance by bit-parallel rows (Hyyrö 2003, "A bit-vector algorithm for computing
/// Levenshtein and Damerau edit distances"): one machine word holds a column of the table, so a key of up
/// to 64 letters costs a few operations per letter of the other. `a` is ASCII, 1 to 64 bytes long.
fn osa_bits(a: &[u8], b: &[u8]) -> usize {
    // Per byte value, the positions of `a` holding it.
    let mut positions = [0u64; 128];
    for (i, c) in a.iter().enumerate() {
        if let Some(p) = positions.get_mut(usize::from(*c)) {
            *p |= 1 << i;
        }
    }
    let last = 1u64 << (a.len() - 1);
    let (mut vp, mut vn, mut d0, mut previous) = (!0u64, 0u64, 0u64, 0u64);
    let mut distance = a.len();
    for c in b {
        let matches = positions.get(usize::from(*c)).copied().unwrap_or(0);
        let transposed = ((!d0 & matches) << 1) & previous;
        d0 = ((((matches & vp).wrapping_add(vp)) ^ vp) | matches | vn) | transposed;
        let hp = vn | !(d0 | vp);
        let hn = d0 & vp;
        if hp & last != 0 {
            distance += 1;
        }
        if hn & last != 0 {
            distance -= 1;
        }
        let hp = (hp << 1) | 1;
        vp = (hn << 1) | !(d0 | hp);
        vn = hp & d0;
        previous = matches;
    }
    distance
}

/// The same distance by the table, three rows at a time (any length, any bytes).
fn edit_distance_table(a: &[u8], b: &[u8]) -> usize {
    // Keys are short: three rows on the stack, on the heap only past 63 letters.
    const STACK: usize = 64;
    let width = b.len() + 1;
    if width <= STACK {
        let (mut r0, mut r1, mut r2) = ([0usize; STACK], [0usize; STACK], [0usize; STACK]);
        osa(a, b, &mut r0[..width], &mut r1[..width], &mut r2[..width])
    } else {
        osa(a, b, &mut vec![0; width], &mut vec![0; width], &mut vec![0; width])
    }
}

fn osa(a: &[u8], b: &[u8], two_back: &mut [usize], previous: &mut [usize], current: &mut [usize]) -> usize {
    for (j, p) in previous.iter_mut().enumerate() {
        *p = j;
    }
    let (mut two_back, mut previous, mut current) = (two_back, previous, current);
    for i in 1..=a.len() {
        current[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_back[j - 2] + 1);
            }
            current[j] = d;
        }
        std::mem::swap(&mut two_back, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// Whether two keys are the masculine and feminine forms of one Slavic or Central Asian surname
/// (Ivanov / Ivanova, Zhukovski / Zhukovska): different people, however close the spelling.
pub fn gender_pair(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if short.len() < 4 {
        return false;
    }
    let added_a = long.len() == short.len() + 1 && long.ends_with('a') && long.starts_with(short);
    let swapped_ending = long.len() == short.len()
        && long.get(..long.len() - 1) == short.get(..short.len() - 1)
        && matches!(
            (long.as_bytes().last(), short.as_bytes().last()),
            (Some(b'a'), Some(b'i')) | (Some(b'i'), Some(b'a'))
        );
    added_a || swapped_ending
}

/// Similarity of two keys in [0, 1]: 1 for equal keys, 0.75 for one slip in eight letters, 0.6 for one in
/// five, 0 once half the longer key differs. Symmetric.
pub fn spelling(a: &str, b: &str) -> f32 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    // The distance is at least the difference in length: past half the longer key, nothing is left.
    if 2 * a.len().abs_diff(b.len()) >= longer {
        return 0.0;
    }
    let ratio = 1.0 - edit_distance(a.as_bytes(), b.as_bytes()) as f32 / longer as f32;
    ((ratio - 0.5) / 0.5).clamp(0.0, 1.0)
}

/// What the bound of `could_be_close` reads of a key: its length and its bytes, each as one of 64 bits (two
/// bytes may share a bit: the count of bits one key has and the other lacks then only falls, and stays a
/// lower bound of the distance).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Shape {
    letters: u64,
    len: usize,
}

impl Shape {
    pub fn of(key: &str) -> Shape {
        Shape { letters: key.bytes().fold(0, |m, c| m | 1 << (c & 63)), len: key.len() }
    }
}

/// Whether two keys may have a `spelling` of a half or more. Each letter one key has and the other lacks
/// costs at least one edit, and so does each letter of difference in length: most pairs of different names
/// are told apart by two integers each, without computing the distance.
pub fn could_be_close(a: Shape, b: Shape) -> bool {
    let lacking = (a.letters & !b.letters).count_ones().max((b.letters & !a.letters).count_ones()) as usize;
    // A similarity of a half is a distance of a quarter of the longer key.
    4 * lacking.max(a.len.abs_diff(b.len)) <= a.len.max(b.len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance(b"kitten", b"sitting"), 3);
        assert_eq!(edit_distance(b"", b"abc"), 3);
        assert_eq!(edit_distance(b"plotnikov", b"plotnikof"), 1);
        assert_eq!(edit_distance(b"abc", b"abc"), 0);
        assert_eq!(edit_distance(b"ab", b"ba"), 1);
    }

    #[test]
    fn the_bit_parallel_distance_is_the_table_distance() {
        let words = ["", "a", "ab", "ba", "abc", "acb", "ibraimova", "ibarimova", "sergei", "segrei", "abab", "baba"];
        for a in words {
            for b in words {
                assert_eq!(edit_distance(a.as_bytes(), b.as_bytes()), edit_distance_table(a.as_bytes(), b.as_bytes()));
            }
        }
        let long = "a".repeat(64);
        assert_eq!(edit_distance(long.as_bytes(), b"b"), 64);
        assert_eq!(edit_distance(b"b", long.as_bytes()), 64);
    }

    proptest::proptest! {
        #[test]
        fn the_two_distances_agree(a in "[abcs]{0,70}", b in "[abcs\u{e9}]{0,70}") {
            proptest::prop_assert_eq!(
                edit_distance(a.as_bytes(), b.as_bytes()),
                edit_distance_table(a.as_bytes(), b.as_bytes())
            );
        }
    }

    #[test]
    fn one_slip_in_a_long_name_stays_close_and_different_names_do_not() {
        assert!(spelling("plotnikov", "plotnikof") > 0.7);
        assert!(spelling("ibraimova", "ibarimova") > 0.7, "a swap is one slip");
        assert!(spelling("petrov", "plotnikov") < 0.1);
        assert!(spelling("petrov", "pavlov") < 0.5);
        assert_eq!(spelling("ivanov", "ivanov"), 1.0);
        assert_eq!(spelling("", ""), 0.0);
    }

    proptest::proptest! {
        #[test]
        fn keys_a_half_alike_or_more_may_be_close(a in "[a-zSCZT\u{e9}]{0,14}", b in "[a-zSCZT\u{e9}]{0,14}") {
            if spelling(&a, &b) >= 0.5 {
                proptest::prop_assert!(could_be_close(Shape::of(&a), Shape::of(&b)));
            }
        }

        #[test]
        fn a_key_with_a_stretch_rewritten_may_be_close_if_it_is(
            a in "[a-zSCZT]{1,16}", at in 0usize..16, cut in 0usize..4, put in "[a-zSCZT]{0,3}"
        ) {
            let at = at % (a.len() + 1);
            let end = (at + cut).min(a.len());
            let b = format!("{}{}{}", &a[..at], put, &a[end..]);
            if spelling(&a, &b) >= 0.5 {
                proptest::prop_assert!(could_be_close(Shape::of(&a), Shape::of(&b)), "{} {}", a, b);
            }
        }

        #[test]
        fn one_changed_letter_may_be_close(a in "[a-z]{4,14}", at in 0usize..14, c in "[a-z]") {
            let mut b = a.clone().into_bytes();
            let at = at % b.len();
            b[at] = c.as_bytes()[0];
            let b = String::from_utf8(b).unwrap_or_default();
            proptest::prop_assert!(could_be_close(Shape::of(&a), Shape::of(&b)));
        }
    }

    #[test]
    fn letters_one_key_lacks_tell_different_names_apart() {
        let close = |a: &str, b: &str| could_be_close(Shape::of(a), Shape::of(b));
        assert!(!close("petrov", "ivanov"));
        assert!(!close("sergei", "plohov"));
        assert!(close("plotnikof", "plotnikov"));
        assert!(close("ibraimova", "ibarimova"));
    }

    #[test]
    fn gender_forms() {
        assert!(gender_pair("ivanov", "ivanova"));
        assert!(gender_pair("Zukovska", "Zukovski"));
        assert!(!gender_pair("ivanov", "ivanow"));
        assert!(!gender_pair("ana", "an"));
    }

    #[test]
    fn symmetric() {
        for (a, b) in [("abc", "abd"), ("sergei", "serge"), ("x", "")] {
            assert_eq!(spelling(a, b), spelling(b, a));
        }
    }
}
