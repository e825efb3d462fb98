//! How close two keys are as spellings: edit distance scaled so that one slip in a long name still counts as
//! the same part and two different names of the same length do not.

/// Levenshtein distance between two byte strings (keys are ASCII).
pub fn edit_distance(a: &[u8], b: &[u8]) -> usize {
    if a.is_empty() || b.is_empty() {
        return a.len().max(b.len());
    }
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == cb { diagonal } else { 1 + diagonal.min(above).min(row[j]) };
            diagonal = above;
        }
    }
    row[b.len()]
}

/// Similarity of two keys in [0, 1]: 1 for equal keys, about 0.7 for one slip in eight letters, 0 once a
/// third of the longer key differs. Symmetric.
pub fn spelling(a: &str, b: &str) -> f32 {
    let longer = a.len().max(b.len());
    if longer == 0 {
        return 0.0;
    }
    if a == b {
        return 1.0;
    }
    let ratio = 1.0 - edit_distance(a.as_bytes(), b.as_bytes()) as f32 / longer as f32;
    ((ratio - 0.6) / 0.4).clamp(0.0, 1.0)
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
    }

    #[test]
    fn one_slip_in_a_long_name_stays_close_and_different_names_do_not() {
        assert!(spelling("plotnikov", "plotnikof") > 0.7);
        assert!(spelling("petrov", "plotnikov") < 0.1);
        assert_eq!(spelling("ivanov", "ivanov"), 1.0);
        assert_eq!(spelling("", ""), 0.0);
    }

    #[test]
    fn symmetric() {
        for (a, b) in [("abc", "abd"), ("sergei", "serge"), ("x", "")] {
            assert_eq!(spelling(a, b), spelling(b, a));
        }
    }
}
