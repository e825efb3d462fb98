//! Names: a name analysed into tokens (each with its keys under every scheme), and two names compared part
//! by part whatever the order of the parts, with missing middle names and patronymics costing little,
//! initials and particles counting for less, and compound names (Abdulla / Abd Ulla) joined.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::key;
use crate::normalize::{self, Script};
use crate::similarity;
use crate::translit;

/// What kind of part a token is; it decides the token's weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Regular,
    /// A connecting word or patronymic marker: al, bin, ibn, ogly, kyzy, van, de…
    Particle,
    /// One letter: an initial.
    Initial,
}

impl Kind {
    pub fn weight(self) -> f32 {
        match self {
            Kind::Regular => 1.0,
            Kind::Initial => 0.5,
            Kind::Particle => 0.2,
        }
    }
}

const PARTICLES: &[&str] = &[
    "al", "el", "ul", "bin", "ibn", "ben", "bint", "binti", "ogli", "ogly", "oglu", "ugli", "kizi", "kyzy", "qizi",
    "gizi", "uly", "uli", "bn", "abn", "van", "von", "der", "de", "la", "le", "di", "da", "du", "del", "dos",
];

/// One part of a name with its keys, shared: a cached word is handed out with one count raised, not copied
/// (names are analysed millions of times; each shared piece handed out separately would cost a cache miss).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token(Arc<Part>);

/// What a token holds. The keys are ordered: those of the first forms come first.
#[derive(Debug, PartialEq, Eq)]
pub struct Part {
    pub word: Box<str>,
    pub script: Script,
    pub kind: Kind,
    pub fine: Box<[String]>,
    pub cons: Box<[String]>,
}

impl std::ops::Deref for Token {
    type Target = Part;
    fn deref(&self) -> &Part {
        &self.0
    }
}

/// Reads a token's keys; implemented by analysed query tokens and by the index's compact records.
pub trait Keys {
    fn word(&self) -> &str;
    fn kind(&self) -> Kind;
    /// Written without short vowels (Arabic script): consonant keys count as strong evidence.
    fn vowelless(&self) -> bool;
    fn fine(&self) -> impl Iterator<Item = &str>;
    fn cons(&self) -> impl Iterator<Item = &str>;
}

impl Keys for Token {
    fn word(&self) -> &str {
        &self.word
    }
    fn kind(&self) -> Kind {
        self.kind
    }
    fn vowelless(&self) -> bool {
        self.script == Script::Arabic
    }
    fn fine(&self) -> impl Iterator<Item = &str> {
        self.fine.iter().map(String::as_str)
    }
    fn cons(&self) -> impl Iterator<Item = &str> {
        self.cons.iter().map(String::as_str)
    }
}

/// Analyses a name into its tokens. Words that give no form (letters of no known script) are kept with their
/// own text as key, so that the same spelling still matches itself.
pub fn analyse(name: &str) -> Vec<Token> {
    normalize::words(name).into_iter().take(MAX_PARTS).map(|word| cached(&word)).collect()
}

/// A name has at most this many parts; what follows is not a name (and would only cost time).
pub const MAX_PARTS: usize = 16;

/// Words analysed on this thread, by their normalised text. Names repeat (a few thousand given names and
/// surnames cover most people), so most words are analysed once per thread. Bounded: cleared when full.
const CACHE_LIMIT: usize = 200_000;

/// FNV-1a of a word: words are short, and a stronger hash's protection against chosen collisions is not
/// needed for a bounded per-thread cache (a collision only costs analysing the word again).
fn word_hash(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Hands a word's hash to the table as it is.
#[derive(Default, Clone, Copy)]
struct Hashed(u64);

impl std::hash::Hasher for Hashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Tokens by the hash of their word: the table holds no keys of its own to follow, and the token that is
/// found says whether it is the word's (its word compared), in the same place as its count.
type WordCache = HashMap<u64, Token, std::hash::BuildHasherDefault<Hashed>>;

thread_local! {
    static CACHE: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache::default());
    static CACHING: std::cell::Cell<bool> = const { std::cell::Cell::new(true) };
}

/// Turns the word cache of this thread on or off (benchmarks measure both; off empties it).
pub fn set_caching(on: bool) {
    CACHING.with(|c| c.set(on));
    if !on {
        CACHE.with(|c| c.borrow_mut().clear());
    }
}

fn cached(word: &normalize::Word) -> Token {
    if !CACHING.with(std::cell::Cell::get) {
        return analyse_word(word);
    }
    let h = word_hash(&word.text);
    let found = CACHE.with(|c| c.borrow().get(&h).filter(|t| *t.word == *word.text).cloned());
    if let Some(t) = found {
        return t;
    }
    let token = analyse_word(word);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_LIMIT {
            c.clear();
        }
        c.insert(h, token.clone());
    });
    token
}

fn analyse_word(word: &normalize::Word) -> Token {
    let mut forms: Vec<String> = translit::forms(word).into_iter().map(|f| f.text).collect();
    if word.script == Script::Arabic {
        // The article is written joined to the name in Arabic script and apart in Latin.
        let without: Vec<String> = forms
            .iter()
            .filter_map(|f| f.strip_prefix("a'l'").or_else(|| f.strip_prefix("al")).filter(|r| r.len() > 2))
            .map(str::to_owned)
            .collect();
        forms.extend(without);
        // A final ه (often teh marbuta) is mostly not written in Latin: Roqia / رقیه, Fatima / فاطمة.
        let bare: Vec<String> = forms.iter().filter_map(|f| f.strip_suffix("'h")).map(str::to_owned).collect();
        forms.extend(bare);
    }
    let mut fine: Vec<String> = Vec::new();
    for f in &forms {
        let k = key::fine(f);
        if !k.is_empty() && !fine.contains(&k) {
            fine.push(k);
        }
    }
    if fine.is_empty() {
        fine.push(word.text.clone());
    }
    let mut cons: Vec<String> = Vec::new();
    for k in &fine {
        for c in [key::consonants(k), key::weak_consonants(k)] {
            if !cons.contains(&c) {
                cons.push(c);
            }
        }
    }
    let kind = if word.text.chars().count() == 1 {
        Kind::Initial
    } else if forms.iter().any(|f| PARTICLES.contains(&f.replace(translit::SEPARATOR, "").as_str())) {
        Kind::Particle
    } else {
        Kind::Regular
    };
    Token(Arc::new(Part {
        word: word.text.as_str().into(),
        script: word.script,
        kind,
        fine: fine.into(),
        cons: cons.into(),
    }))
}

/// How two parts were found to match, for the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum How {
    /// Written the same.
    Same,
    /// Same after transliteration (different scripts or schemes).
    Transliteration,
    /// Same consonants; one side is written without short vowels.
    Consonants,
    /// Close spelling (a typing slip or an unusual scheme).
    Spelling,
    /// An initial that agrees with the other side's first letter.
    Initial,
    /// Two parts on one side written as one on the other.
    Compound,
}

/// A part of one name matched to a part of the other.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartMatch {
    /// The parts of each side, as index ranges (two parts for a compound).
    pub left: std::ops::Range<usize>,
    pub right: std::ops::Range<usize>,
    pub similarity: f32,
    pub how: How,
}

/// Two names compared: a score in [0, 1] and which parts matched how.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NameMatch {
    pub score: f32,
    pub parts: Vec<PartMatch>,
}

/// Below this similarity two parts are not taken as the same part.
pub(crate) const PART_FLOOR: f32 = 0.5;

/// Compares two parts. Symmetric.
pub fn compare_parts<A: Keys, B: Keys>(a: &A, b: &B) -> (f32, How) {
    if a.word() == b.word() {
        return (1.0, How::Same);
    }
    if a.kind() == Kind::Initial || b.kind() == Kind::Initial {
        let fa = a.fine().next().and_then(|k| k.chars().next());
        let fb = b.fine().next().and_then(|k| k.chars().next());
        return match (fa, fb) {
            (Some(x), Some(y)) if x == y => (0.8, How::Initial),
            _ => (0.0, How::Initial),
        };
    }
    if a.fine().any(|k| b.fine().any(|l| l == k)) {
        return (0.97, How::Transliteration);
    }
    let mut best = (0.0, How::Spelling);
    for ka in a.fine().take(3) {
        for kb in b.fine().take(3) {
            if similarity::gender_pair(ka, kb) {
                continue;
            }
            let s = similarity::spelling(ka, kb);
            if s > best.0 {
                best = (s, How::Spelling);
            }
        }
    }
    if (a.vowelless() || b.vowelless()) && best.0 < 0.9 && a.cons().any(|k| k.len() > 1 && b.cons().any(|l| l == k)) {
        best = (0.9, How::Consonants);
    }
    best
}

/// Compares two names part by part. Symmetric: compare(a, b) and compare(b, a) give the same score.
pub fn compare<A: Keys, B: Keys>(a: &[A], b: &[B]) -> NameMatch {
    // A name has at most MAX_PARTS parts (`analyse` keeps no more): the working rows live on the stack.
    let (a, b) = (&a[..a.len().min(MAX_PARTS)], &b[..b.len().min(MAX_PARTS)]);
    if a.is_empty() || b.is_empty() {
        return NameMatch { score: 0.0, parts: Vec::new() };
    }
    let mut pairs: Vec<(f32, usize, usize, How)> = Vec::with_capacity(a.len() * b.len());
    for (i, ta) in a.iter().enumerate() {
        for (j, tb) in b.iter().enumerate() {
            let (s, how) = compare_parts(ta, tb);
            if s >= PART_FLOOR {
                pairs.push((s, i, j, how));
            }
        }
    }
    // Highest similarity first; ties broken by position so the result is deterministic and symmetric.
    pairs.sort_by(|x, y| {
        let order = |p: &(f32, usize, usize, How)| (p.1 + p.2, p.1.min(p.2), p.1.max(p.2));
        y.0.total_cmp(&x.0).then(order(x).cmp(&order(y)))
    });
    let (mut sim_a, mut sim_b) = ([0.0f32; MAX_PARTS], [0.0f32; MAX_PARTS]);
    let (mut used_a, mut used_b) = ([false; MAX_PARTS], [false; MAX_PARTS]);
    let (sim_a, sim_b) = (&mut sim_a[..a.len()], &mut sim_b[..b.len()]);
    let (used_a, used_b) = (&mut used_a[..a.len()], &mut used_b[..b.len()]);
    let mut parts = Vec::new();
    for (s, i, j, how) in pairs {
        if used_a[i] || used_b[j] {
            continue;
        }
        used_a[i] = true;
        used_b[j] = true;
        sim_a[i] = s;
        sim_b[j] = s;
        parts.push(PartMatch { left: i..i + 1, right: j..j + 1, similarity: s, how });
    }
    // The side with more parts left over may have written one name in two; equal counts join nothing, which
    // keeps the comparison symmetric.
    let left_a = used_a.iter().filter(|u| !**u).count();
    let left_b = used_b.iter().filter(|u| !**u).count();
    if left_a > left_b {
        join_compounds(a, b, used_a, used_b, sim_a, sim_b, &mut parts);
    } else if left_b > left_a {
        join_compounds_reversed(a, b, used_a, used_b, sim_a, sim_b, &mut parts);
    }
    let side = |tokens: &mut dyn Iterator<Item = (Kind, f32)>| {
        let (mut got, mut all) = (0.0f32, 0.0f32);
        for (kind, s) in tokens {
            got += kind.weight() * s;
            all += kind.weight();
        }
        if all > 0.0 { got / all } else { 0.0 }
    };
    let sa = side(&mut a.iter().zip(sim_a.iter()).map(|(t, s)| (t.kind(), *s)));
    let sb = side(&mut b.iter().zip(sim_b.iter()).map(|(t, s)| (t.kind(), *s)));
    let (hi, lo) = if sa >= sb { (sa, sb) } else { (sb, sa) };
    let mut score = 0.7 * hi + 0.3 * lo;
    // With two or more real parts on each side, one matching part is not a match of the person.
    let regular = |kinds: &mut dyn Iterator<Item = Kind>| kinds.filter(|k| *k == Kind::Regular).count();
    let matched_regular = parts
        .iter()
        .filter(|p| {
            p.left.clone().any(|i| a.get(i).is_some_and(|t| t.kind() == Kind::Regular))
                && p.right.clone().any(|j| b.get(j).is_some_and(|t| t.kind() == Kind::Regular))
        })
        .count();
    if regular(&mut a.iter().map(Keys::kind)) >= 2 && regular(&mut b.iter().map(Keys::kind)) >= 2 && matched_regular < 2
    {
        score *= 0.6;
    }
    parts.sort_by_key(|p| (p.left.start, p.left.end));
    NameMatch { score: score.clamp(0.0, 1.0), parts }
}

/// Two adjacent unmatched parts of `a` written as one unmatched part of `b` (Abd Ulla / Abdulla).
fn join_compounds<A: Keys, B: Keys>(
    a: &[A],
    b: &[B],
    used_a: &mut [bool],
    used_b: &mut [bool],
    sim_a: &mut [f32],
    sim_b: &mut [f32],
    parts: &mut Vec<PartMatch>,
) {
    for i in 0..a.len().saturating_sub(1) {
        if used_a[i] || used_a[i + 1] {
            continue;
        }
        let joined: Vec<String> =
            a[i].fine().take(3).flat_map(|x| a[i + 1].fine().take(3).map(move |y| format!("{x}{y}"))).collect();
        for (j, tb) in b.iter().enumerate() {
            if used_b[j] {
                continue;
            }
            let best = joined
                .iter()
                .flat_map(|k| tb.fine().take(3).map(move |l| similarity::spelling(k, l)))
                .fold(0.0f32, f32::max);
            if best >= 0.85 {
                used_a[i] = true;
                used_a[i + 1] = true;
                used_b[j] = true;
                sim_a[i] = best;
                sim_a[i + 1] = best;
                sim_b[j] = best;
                parts.push(PartMatch { left: i..i + 2, right: j..j + 1, similarity: best, how: How::Compound });
                break;
            }
        }
    }
}

fn join_compounds_reversed<A: Keys, B: Keys>(
    a: &[A],
    b: &[B],
    used_a: &mut [bool],
    used_b: &mut [bool],
    sim_a: &mut [f32],
    sim_b: &mut [f32],
    parts: &mut Vec<PartMatch>,
) {
    let mut swapped = Vec::new();
    join_compounds(b, a, used_b, used_a, sim_b, sim_a, &mut swapped);
    parts.extend(swapped.into_iter().map(|p| PartMatch { left: p.right, right: p.left, ..p }));
}

#[cfg(test)]
mod tests;
