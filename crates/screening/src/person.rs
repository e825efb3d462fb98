//! A person as screening sees them — names (with aliases and names in original script), dates of birth,
//! nationalities — and the comparison of two persons: the best pair of names, weighed by the evidence.

use serde::Serialize;

use crate::evidence::{self, BirthDate, DateEvidence, NationalityEvidence};
use crate::name::{self, How, Keys, NameMatch, Token};

/// What is known of a person: one or more names, zero or more dates of birth and nationalities.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub names: Vec<String>,
    pub birth_dates: Vec<BirthDate>,
    /// ISO 3166-1 alpha-2 codes.
    pub nationalities: Vec<String>,
}

/// A person with every name analysed once, ready to be compared many times.
#[derive(Debug, Clone, PartialEq)]
pub struct Analysed {
    pub names: Vec<Vec<Token>>,
    pub birth_dates: Vec<BirthDate>,
    pub nationalities: Vec<String>,
}

impl Person {
    pub fn analyse(&self) -> Analysed {
        Analysed {
            names: self.names.iter().map(|n| name::analyse(n)).filter(|t| !t.is_empty()).collect(),
            birth_dates: self.birth_dates.clone(),
            nationalities: self.nationalities.clone(),
        }
    }
}

/// One pair of parts in an explanation, in their own scripts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartExplanation {
    pub query: String,
    pub record: String,
    pub similarity: f32,
    pub how: How,
}

/// Why a score is what it is: the names compared, the parts that matched and how, what the dates and
/// nationalities said.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explanation {
    pub name_score: f32,
    pub parts: Vec<PartExplanation>,
    /// Parts of the record's name that matched nothing (a patronymic the query left out, say).
    pub unmatched_record_parts: Vec<String>,
    pub unmatched_query_parts: Vec<String>,
    pub birth_date: DateEvidence,
    pub nationality: NationalityEvidence,
}

/// A score in [0, 1] with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    pub score: f32,
    pub explanation: Explanation,
}

/// The best-matching pair of names of two persons, by score alone: the query name's position, the record
/// name and the score. Ties go to the first pair, so results are deterministic.
pub fn best_names<'r, Q: Keys, R: Keys + 'r>(
    query: &[Vec<Q>],
    record: impl Iterator<Item = &'r [R]>,
) -> Option<(usize, &'r [R], f32)> {
    let mut best: Option<(usize, &'r [R], f32)> = None;
    for r in record {
        for (qi, q) in query.iter().enumerate() {
            let score = name::score(q, r);
            if best.as_ref().is_none_or(|b| score > b.2) {
                best = Some((qi, r, score));
            }
        }
    }
    best
}

/// The score of a name match weighed by the other evidence.
pub fn weigh(name_score: f32, birth_date: DateEvidence, nationality: NationalityEvidence) -> f32 {
    nationality.apply(birth_date.apply(name_score)).clamp(0.0, 1.0)
}

/// Builds the explanation of a name match between query parts and record parts.
pub fn explain<Q: Keys, R: Keys>(
    query: &[Q],
    record: &[R],
    m: &NameMatch,
    birth_date: DateEvidence,
    nationality: NationalityEvidence,
) -> Explanation {
    let words = |idx: &std::ops::Range<usize>, tokens: &dyn Fn(usize) -> Option<String>| -> String {
        idx.clone().filter_map(tokens).collect::<Vec<_>>().join(" ")
    };
    let q = |i: usize| query.get(i).map(|t| t.word().to_owned());
    let r = |i: usize| record.get(i).map(|t| t.word().to_owned());
    let parts = m
        .parts
        .iter()
        .map(|p| PartExplanation {
            query: words(&p.left, &q),
            record: words(&p.right, &r),
            similarity: (p.similarity * 1000.0).round() / 1000.0,
            how: p.how,
        })
        .collect();
    let unmatched = |n: usize, used: &dyn Fn(usize) -> bool, word: &dyn Fn(usize) -> Option<String>| {
        (0..n).filter(|i| !used(*i)).filter_map(word).collect::<Vec<_>>()
    };
    let used_q = |i: usize| m.parts.iter().any(|p| p.left.contains(&i));
    let used_r = |i: usize| m.parts.iter().any(|p| p.right.contains(&i));
    Explanation {
        name_score: (m.score * 1000.0).round() / 1000.0,
        parts,
        unmatched_record_parts: unmatched(record.len(), &used_r, &r),
        unmatched_query_parts: unmatched(query.len(), &used_q, &q),
        birth_date,
        nationality,
    }
}

/// The score of two analysed persons without its explanation (bulk scoring). Equal to `compare(..).score`.
pub fn score(query: &Analysed, record: &Analysed) -> f32 {
    let birth_date = evidence::compare_dates(&query.birth_dates, &record.birth_dates);
    let nationality = evidence::compare_nationalities(&query.nationalities, &record.nationalities);
    best_names(&query.names, record.names.iter().map(Vec::as_slice))
        .map_or(0.0, |(_, _, score)| weigh(score, birth_date, nationality))
}

/// Compares two analysed persons. Symmetric in its score.
pub fn compare(query: &Analysed, record: &Analysed) -> Comparison {
    let birth_date = evidence::compare_dates(&query.birth_dates, &record.birth_dates);
    let nationality = evidence::compare_nationalities(&query.nationalities, &record.nationalities);
    match best_names(&query.names, record.names.iter().map(Vec::as_slice)) {
        Some((qi, r, _)) => {
            let q = query.names.get(qi).map(Vec::as_slice).unwrap_or_default();
            let m = name::compare(q, r);
            let score = weigh(m.score, birth_date, nationality);
            Comparison { score, explanation: explain(q, r, &m, birth_date, nationality) }
        }
        None => Comparison {
            score: 0.0,
            explanation: Explanation {
                name_score: 0.0,
                parts: Vec::new(),
                unmatched_record_parts: Vec::new(),
                unmatched_query_parts: Vec::new(),
                birth_date,
                nationality,
            },
        },
    }
}

#[cfg(test)]
mod tests;
