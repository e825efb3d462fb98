//! Names: a name analysed into tokens (each with its keys under every scheme), and two names compared part
//! by part whatever the order of the parts, with missing middle names and patronymics costing little,
//! initials and particles counting for less, and compound names (Abdulla / Abd Ulla) joined.

use std::collections::HashMap;
use std::sync::Arc;

use serde::Serialize;

use crate::key;
use crate::normalize::{self, Script};
use crate::similarity::{self, Shape};
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

/// What a token holds. The keys are ordered: those of the first forms come first. The summary comes first
/// and is small, so that what most comparisons read lies beside the token's count.
#[derive(Debug, PartialEq, Eq)]
#[repr(C)]
pub struct Part {
    summary: Summary,
    pub kind: Kind,
    pub script: Script,
    pub word: Box<str>,
    pub fine: Box<[String]>,
    pub cons: Box<[String]>,
}

/// What a comparison of two parts reads first, held beside the part so that two different parts are mostly
/// told apart without reading their keys: the word's hash, the fine keys' hashes sorted, and the shapes of
/// the fine keys spelling compares.
#[derive(Debug, PartialEq, Eq)]
pub struct Summary {
    word: u64,
    /// The shapes of the first SPELLED_KEYS fine keys.
    shapes: [Shape; SPELLED_KEYS],
    /// 16 bits of each fine key's hash, sorted: a collision only costs comparing the keys.
    fine: [u16; HASHED_KEYS],
    /// How many fine keys are hashed; `None` when the part has more than are hashed.
    hashed: Option<u8>,
    shaped: u8,
}

/// Fine keys hashed per part; parts with more are compared by their keys.
const HASHED_KEYS: usize = 12;

/// Fine keys of each part whose spellings are compared (the first, from the first forms).
const SPELLED_KEYS: usize = 3;

impl Summary {
    fn of(word: &str, fine: &[String]) -> Summary {
        let mut hashes = [0u16; HASHED_KEYS];
        let hashed = (fine.len() <= HASHED_KEYS).then(|| {
            for (slot, k) in hashes.iter_mut().zip(fine) {
                *slot = word_hash(k) as u16;
            }
            hashes[..fine.len()].sort_unstable();
            fine.len() as u8
        });
        let (shapes, shaped) = shapes_of(fine.iter().map(String::as_str));
        Summary { word: word_hash(word), shapes, fine: hashes, hashed, shaped: shaped as u8 }
    }

    fn fine_hashes(&self) -> Option<&[u16]> {
        self.hashed.and_then(|n| self.fine.get(..usize::from(n)))
    }

    /// Whether two parts may share a fine key.
    fn may_share(&self, other: &Summary) -> bool {
        match (self.fine_hashes(), other.fine_hashes()) {
            (Some(a), Some(b)) => share(a, b),
            _ => true,
        }
    }
}

/// The shapes of the first SPELLED_KEYS of `keys`, and how many there are.
fn shapes_of<'k>(keys: impl Iterator<Item = &'k str>) -> ([Shape; SPELLED_KEYS], usize) {
    let mut shapes = [Shape::default(); SPELLED_KEYS];
    let mut n = 0;
    for (slot, k) in shapes.iter_mut().zip(keys) {
        *slot = Shape::of(k);
        n += 1;
    }
    (shapes, n)
}

/// The shapes of a part's first fine keys: from its summary, or from its keys.
fn shapes<K: Keys>(part: &K) -> ([Shape; SPELLED_KEYS], usize) {
    match part.summary() {
        Some(s) => (s.shapes, usize::from(s.shaped)),
        None => shapes_of(part.fine()),
    }
}

/// Whether two sorted rows share a value.
fn share(a: &[u16], b: &[u16]) -> bool {
    let (mut i, mut j) = (0, 0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    false
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
    /// The part's summary where it is at hand (analysed parts have one).
    fn summary(&self) -> Option<&Summary> {
        None
    }
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
    fn summary(&self) -> Option<&Summary> {
        Some(&self.summary)
    }
}

/// Analyses a name into its tokens. Words that give no form (letters of no known script) are kept with their
/// own text as key, so that the same spelling still matches itself.
pub fn analyse(name: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(4);
    normalize::each_word(name, |text, script| {
        if tokens.len() < MAX_PARTS {
            tokens.push(cached(text, script));
        }
    });
    tokens
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
type WordCache = HashMap<u64, Cached, std::hash::BuildHasherDefault<Hashed>>;

/// A cached token with its word's first bytes beside it: a word that fits is confirmed from the table's own
/// memory, without following the token to its word.
struct Cached {
    len: u8,
    bytes: [u8; INLINE_WORD],
    token: Token,
}

/// Bytes of a word held in the table (a name part in Cyrillic or Arabic script takes two bytes a letter).
const INLINE_WORD: usize = 23;

impl Cached {
    fn new(token: Token) -> Cached {
        let mut bytes = [0u8; INLINE_WORD];
        let word = token.word.as_bytes();
        let len = if word.len() <= INLINE_WORD {
            bytes[..word.len()].copy_from_slice(word);
            word.len() as u8
        } else {
            u8::MAX
        };
        Cached { len, bytes, token }
    }

    /// Whether this is the token of `text`.
    fn is(&self, text: &str) -> bool {
        match self.bytes.get(..usize::from(self.len)) {
            Some(inline) => inline == text.as_bytes(),
            None => *self.token.word == *text,
        }
    }
}

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

/// The token of a word, from this thread's cache when it is there; the word is copied only when it is not.
fn cached(text: &str, script: Script) -> Token {
    let word = || normalize::Word { text: text.to_owned(), script };
    if !CACHING.with(std::cell::Cell::get) {
        return analyse_word(&word());
    }
    let h = word_hash(text);
    // A word's script follows from its letters: the same text is the same word.
    let found = CACHE.with(|c| c.borrow().get(&h).filter(|c| c.is(text)).map(|c| c.token.clone()));
    if let Some(t) = found {
        return t;
    }
    let token = analyse_word(&word());
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= CACHE_LIMIT {
            c.clear();
        }
        c.insert(h, Cached::new(token.clone()));
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
        summary: Summary::of(&word.text, &fine),
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

/// Compares two parts: a similarity of at least `PART_FLOOR` and how they matched, or 0 for two parts that
/// are not taken as the same part. Symmetric.
pub fn compare_parts<A: Keys, B: Keys>(a: &A, b: &B) -> (f32, How) {
    let summaries = a.summary().zip(b.summary());
    // One summary is one part (the cache hands out one token per word): the same word, without reading it.
    let same = match summaries {
        Some((x, y)) => std::ptr::eq(x, y) || (x.word == y.word && a.word() == b.word()),
        None => a.word() == b.word(),
    };
    if same {
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
    if summaries.is_none_or(|(x, y)| x.may_share(y)) && a.fine().any(|k| b.fine().any(|l| l == k)) {
        return (0.97, How::Transliteration);
    }
    let mut best = (0.0, How::Spelling);
    let mut spell = |ka: &str, kb: &str| {
        if !similarity::gender_pair(ka, kb) {
            let s = similarity::spelling(ka, kb);
            if s > best.0 {
                best = (s, How::Spelling);
            }
        }
    };
    // Only the keys of the pairs of shapes that may be close are read; most pairs of parts have none.
    let ((shapes_a, na), (shapes_b, nb)) = (shapes(a), shapes(b));
    for (n, sa) in shapes_a.iter().take(na).enumerate() {
        for (m, sb) in shapes_b.iter().take(nb).enumerate() {
            if similarity::could_be_close(*sa, *sb)
                && let (Some(ka), Some(kb)) = (a.fine().nth(n), b.fine().nth(m))
            {
                spell(ka, kb);
            }
        }
    }
    if (a.vowelless() || b.vowelless()) && best.0 < 0.9 && a.cons().any(|k| k.len() > 1 && b.cons().any(|l| l == k)) {
        best = (0.9, How::Consonants);
    }
    if best.0 < PART_FLOOR { (0.0, How::Spelling) } else { best }
}

/// Compares two names part by part. Symmetric: compare(a, b) and compare(b, a) give the same score.
pub fn compare<A: Keys, B: Keys>(a: &[A], b: &[B]) -> NameMatch {
    let (score, links) = matching(a, b);
    let mut parts: Vec<PartMatch> = links
        .as_slice()
        .iter()
        .map(|l| PartMatch {
            left: usize::from(l.left.0)..usize::from(l.left.1),
            right: usize::from(l.right.0)..usize::from(l.right.1),
            similarity: l.similarity,
            how: l.how,
        })
        .collect();
    parts.sort_by_key(|p| (p.left.start, p.left.end));
    NameMatch { score, parts }
}

/// The score of `compare`, without the parts: bulk screening scores many names and explains few.
pub fn score<A: Keys, B: Keys>(a: &[A], b: &[B]) -> f32 {
    matching(a, b).0
}

/// A part (or two, for a compound) of one name matched to a part of the other, as index ranges.
#[derive(Debug, Clone, Copy)]
struct Link {
    left: (u8, u8),
    right: (u8, u8),
    similarity: f32,
    how: How,
}

/// The links of a comparison, on the stack: each takes at least one part of each side, so there are at
/// most MAX_PARTS.
struct Links {
    items: [Link; MAX_PARTS],
    len: usize,
}

impl Links {
    fn new() -> Links {
        let none = Link { left: (0, 0), right: (0, 0), similarity: 0.0, how: How::Same };
        Links { items: [none; MAX_PARTS], len: 0 }
    }

    fn push(&mut self, link: Link) {
        if let Some(slot) = self.items.get_mut(self.len) {
            *slot = link;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[Link] {
        self.items.get(..self.len).unwrap_or_default()
    }

    /// The links from a part of `a` to a part of `b`, swapped end for end.
    fn swapped(&self) -> Links {
        let mut out = Links::new();
        for l in self.as_slice() {
            out.push(Link { left: l.right, right: l.left, ..*l });
        }
        out
    }
}

/// Two parts above the floor: their similarity, positions and how they matched.
type Candidate = (f32, u8, u8, How);

thread_local! {
    /// The candidate pairs of the comparison running on this thread, kept between comparisons so that
    /// comparing does not allocate.
    static CANDIDATES: std::cell::RefCell<Vec<Candidate>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The score of two names and the parts that matched.
fn matching<A: Keys, B: Keys>(a: &[A], b: &[B]) -> (f32, Links) {
    // A name has at most MAX_PARTS parts (`analyse` keeps no more): the working rows live on the stack.
    let (a, b) = (&a[..a.len().min(MAX_PARTS)], &b[..b.len().min(MAX_PARTS)]);
    let mut links = Links::new();
    if a.is_empty() || b.is_empty() {
        return (0.0, links);
    }
    let (mut sim_a, mut sim_b) = ([0.0f32; MAX_PARTS], [0.0f32; MAX_PARTS]);
    let (mut used_a, mut used_b) = ([false; MAX_PARTS], [false; MAX_PARTS]);
    let (sim_a, sim_b) = (&mut sim_a[..a.len()], &mut sim_b[..b.len()]);
    let (used_a, used_b) = (&mut used_a[..a.len()], &mut used_b[..b.len()]);
    CANDIDATES.with(|c| {
        let mut pairs = c.borrow_mut();
        pairs.clear();
        for (i, ta) in a.iter().enumerate() {
            for (j, tb) in b.iter().enumerate() {
                let (s, how) = compare_parts(ta, tb);
                if s >= PART_FLOOR {
                    // Both below MAX_PARTS = 16.
                    pairs.push((s, i as u8, j as u8, how));
                }
            }
        }
        // Highest similarity first; ties broken by position so the result is deterministic and symmetric
        // (the last key, the left position, orders the two mirror pairs as they were found).
        pairs.sort_unstable_by(|x, y| {
            let order = |p: &Candidate| (p.1 + p.2, p.1.min(p.2), p.1.max(p.2), p.1);
            y.0.total_cmp(&x.0).then(order(x).cmp(&order(y)))
        });
        for &(s, i, j, how) in pairs.iter() {
            let (iu, ju) = (usize::from(i), usize::from(j));
            if used_a[iu] || used_b[ju] {
                continue;
            }
            used_a[iu] = true;
            used_b[ju] = true;
            sim_a[iu] = s;
            sim_b[ju] = s;
            links.push(Link { left: (i, i + 1), right: (j, j + 1), similarity: s, how });
        }
    });
    // The side with more parts left over may have written one name in two; equal counts join nothing, which
    // keeps the comparison symmetric.
    let left_a = used_a.iter().filter(|u| !**u).count();
    let left_b = used_b.iter().filter(|u| !**u).count();
    if left_a > left_b {
        join_compounds(a, b, used_a, used_b, sim_a, sim_b, &mut links);
    } else if left_b > left_a {
        let mut swapped = links.swapped();
        join_compounds(b, a, used_b, used_a, sim_b, sim_a, &mut swapped);
        links = swapped.swapped();
    }
    let side = |kinds: &mut dyn Iterator<Item = Kind>, sims: &[f32]| {
        let (mut got, mut all) = (0.0f32, 0.0f32);
        for (kind, s) in kinds.zip(sims) {
            got += kind.weight() * s;
            all += kind.weight();
        }
        if all > 0.0 { got / all } else { 0.0 }
    };
    let sa = side(&mut a.iter().map(Keys::kind), sim_a);
    let sb = side(&mut b.iter().map(Keys::kind), sim_b);
    let (hi, lo) = if sa >= sb { (sa, sb) } else { (sb, sa) };
    let mut score = 0.7 * hi + 0.3 * lo;
    // With two or more real parts on each side, one matching part is not a match of the person.
    let regular = |kinds: &mut dyn Iterator<Item = Kind>| kinds.filter(|k| *k == Kind::Regular).count();
    let is_regular = |kind: Option<Kind>| kind == Some(Kind::Regular);
    let matched_regular = links
        .as_slice()
        .iter()
        .filter(|l| {
            (l.left.0..l.left.1).any(|i| is_regular(a.get(usize::from(i)).map(Keys::kind)))
                && (l.right.0..l.right.1).any(|j| is_regular(b.get(usize::from(j)).map(Keys::kind)))
        })
        .count();
    if regular(&mut a.iter().map(Keys::kind)) >= 2 && regular(&mut b.iter().map(Keys::kind)) >= 2 && matched_regular < 2
    {
        score *= 0.6;
    }
    (score.clamp(0.0, 1.0), links)
}

/// Two adjacent unmatched parts of `a` written as one unmatched part of `b` (Abd Ulla / Abdulla).
fn join_compounds<A: Keys, B: Keys>(
    a: &[A],
    b: &[B],
    used_a: &mut [bool],
    used_b: &mut [bool],
    sim_a: &mut [f32],
    sim_b: &mut [f32],
    links: &mut Links,
) {
    let mut joined = String::new();
    for i in 0..a.len().saturating_sub(1) {
        if used_a[i] || used_a[i + 1] {
            continue;
        }
        for (j, tb) in b.iter().enumerate() {
            if used_b[j] {
                continue;
            }
            let mut best = 0.0f32;
            for x in a[i].fine().take(SPELLED_KEYS) {
                for y in a[i + 1].fine().take(SPELLED_KEYS) {
                    joined.clear();
                    joined.push_str(x);
                    joined.push_str(y);
                    for l in tb.fine().take(SPELLED_KEYS) {
                        best = best.max(similarity::spelling(&joined, l));
                    }
                }
            }
            if best >= 0.85 {
                used_a[i] = true;
                used_a[i + 1] = true;
                used_b[j] = true;
                sim_a[i] = best;
                sim_a[i + 1] = best;
                sim_b[j] = best;
                // Positions below MAX_PARTS = 16.
                let (i, j) = (i as u8, j as u8);
                links.push(Link { left: (i, i + 2), right: (j, j + 1), similarity: best, how: How::Compound });
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests;
