//! The candidate index. Every distinct word of the indexed names is filed under its keys (the fine keys of
//! all its spellings, their one-letter deletions for typing slips, its consonant keys) and lists the records
//! that use it. A query part looks up its own keys, compares itself once with each word they find, and reads
//! the records of the close words; only records close on at least two of the query's parts (one, for a
//! one-part name) are candidates, and at most a few hundred of them — the best by the rarity and closeness
//! of the parts they share and by their dates of birth — are scored. Records are held compactly: texts are
//! interned once, a record is a few ranges of integers.

use std::collections::HashMap;

use serde::Serialize;

use crate::evidence::{self, BirthDate, DateEvidence, NationalityEvidence};
use crate::key;
use crate::name::{self, Keys, Kind, Token};
use crate::person::{self, Analysed, Explanation, Person};

/// At most this many candidates are scored per query.
const MAX_SCORED: usize = 200;

/// How many of a word's spellings get deletion keys.
const EDIT_KEYS_PER_PART: usize = 2;

/// Texts stored once and numbered.
#[derive(Debug, Default)]
struct Interner {
    text: String,
    ends: Vec<u32>,
    by_hash: HashMap<u64, u32>,
    collisions: HashMap<Box<str>, u32>,
}

impl Interner {
    fn get(&self, id: u32) -> &str {
        let end = self.ends.get(id as usize).copied().unwrap_or(0) as usize;
        let start = if id == 0 { 0 } else { self.ends.get(id as usize - 1).copied().unwrap_or(0) as usize };
        self.text.get(start..end).unwrap_or_default()
    }

    fn find(&self, s: &str) -> Option<u32> {
        match self.by_hash.get(&hash(0, s)) {
            Some(id) if self.get(*id) == s => Some(*id),
            Some(_) => self.collisions.get(s).copied(),
            None => None,
        }
    }

    fn intern(&mut self, s: &str) -> u32 {
        if let Some(id) = self.find(s) {
            return id;
        }
        self.text.push_str(s);
        let id = self.ends.len() as u32;
        self.ends.push(self.text.len() as u32);
        let h = hash(0, s);
        match self.by_hash.entry(h) {
            std::collections::hash_map::Entry::Occupied(_) => {
                self.collisions.insert(s.into(), id);
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(id);
            }
        }
        id
    }

    fn bytes(&self) -> usize {
        self.text.capacity() + self.ends.capacity() * 4 + self.by_hash.capacity() * 16
    }
}

/// FNV-1a over a namespace byte and the text: deterministic across runs and machines.
fn hash(namespace: u8, s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(namespace).chain(s.bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

const EDIT: u8 = 1;
const CONSONANT: u8 = 2;

/// A distinct word of the indexed names with where its keys are kept.
#[derive(Debug, Clone, Copy)]
struct WordEntry {
    keys_start: u32,
    fine: u8,
    cons: u8,
    kind: Kind,
    vowelless: bool,
}

/// A part of an indexed record's name: a word of the vocabulary, read through the index.
struct IndexedPart<'a> {
    index: &'a Index,
    word: u32,
}

impl IndexedPart<'_> {
    fn entry(&self) -> Option<&WordEntry> {
        self.index.words.get(self.word as usize)
    }

    fn ids(&self, skip: usize, take: usize) -> &[u32] {
        let start = self.entry().map_or(0, |e| e.keys_start as usize) + skip;
        self.index.keys.get(start..start + take).unwrap_or_default()
    }
}

impl Keys for IndexedPart<'_> {
    fn word(&self) -> &str {
        self.index.word_texts.get(self.word)
    }
    fn kind(&self) -> Kind {
        self.entry().map_or(Kind::Regular, |e| e.kind)
    }
    fn vowelless(&self) -> bool {
        self.entry().is_some_and(|e| e.vowelless)
    }
    fn fine(&self) -> impl Iterator<Item = &str> {
        let n = self.entry().map_or(0, |e| e.fine as usize);
        self.ids(0, n).iter().map(|id| self.index.strings.get(*id))
    }
    fn cons(&self) -> impl Iterator<Item = &str> {
        let (skip, n) = self.entry().map_or((0, 0), |e| (e.fine as usize, e.cons as usize));
        self.ids(skip, n).iter().map(|id| self.index.strings.get(*id))
    }
}

/// Search settings: the score from which a record is a hit, and how many hits at most.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchOptions {
    pub threshold: f32,
    pub top: usize,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions { threshold: crate::DEFAULT_THRESHOLD, top: 10 }
    }
}

/// A record that scored at or above the threshold.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub record: String,
    pub score: f32,
    pub explanation: Explanation,
}

/// Counts of what a search did, for benchmarks and for the curious.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SearchStats {
    pub postings_read: usize,
    pub candidates: usize,
    /// Microseconds spent finding the candidates, ranking them, and scoring them.
    pub finding_us: u64,
    pub ranking_us: u64,
    pub scoring_us: u64,
}

/// The in-memory index of screening records. Two levels: a key leads to the distinct words filed under it
/// (few, however many records there are), a word to the records whose names use it. A query compares its
/// parts with the words its keys find, once per word, and reads the records of the words that are close.
#[derive(Debug, Default)]
pub struct Index {
    /// Key texts.
    strings: Interner,
    /// The vocabulary: distinct words of the indexed names, numbered as `words` and `postings`.
    word_texts: Interner,
    words: Vec<WordEntry>,
    /// Per word, the slots of the records using it, by year of birth.
    postings: Vec<YearLists>,
    /// Per key hash, the words filed under it.
    key_words: HashMap<u64, Vec<u32>>,
    /// Key text ids of the words, `fine` then `cons` per word.
    keys: Vec<u32>,
    record_ids: Interner,
    /// Per record id (the interner's number), the slot holding its current version.
    slot_of: Vec<u32>,
    /// Per slot: record id, first name, first date, first nationality; one more entry closes the ranges.
    slots: Vec<Slot>,
    /// Per name, its first part in `parts`.
    names: Vec<u32>,
    /// The parts of the names as word numbers.
    parts: Vec<u32>,
    dates: Vec<BirthDate>,
    nationalities: Vec<[u8; 2]>,
    removed: Vec<bool>,
    live: usize,
}

#[derive(Debug, Clone, Copy)]
struct Slot {
    record: u32,
    names: u32,
    dates: u32,
    nationalities: u32,
}

const NO_SLOT: u32 = u32::MAX;

/// The year under which records without a date of birth are filed.
const NO_YEAR: u16 = 0;

/// A word's records by year of birth: (year, slots ascending), ordered by year.
#[derive(Debug, Default)]
struct YearLists(Vec<(u16, Vec<u32>)>);

impl YearLists {
    fn add(&mut self, year: u16, slot: u32) {
        match self.0.binary_search_by_key(&year, |(y, _)| *y) {
            Ok(i) => {
                if let Some((_, list)) = self.0.get_mut(i)
                    && list.last() != Some(&slot)
                {
                    list.push(slot);
                }
            }
            Err(i) => self.0.insert(i, (year, vec![slot])),
        }
    }
}

impl Index {
    pub fn new() -> Index {
        Index::default()
    }

    /// Records in the index (a replaced or removed record no longer counts).
    pub fn len(&self) -> usize {
        self.live
    }

    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// An estimate of the memory the index holds, in bytes.
    pub fn memory_bytes(&self) -> usize {
        let lists = |n: usize, items: usize| n * 24 + items * 4;
        let postings: usize = self.postings.capacity() * 24
            + self
                .postings
                .iter()
                .map(|p| p.0.capacity() * 32 + p.0.iter().map(|(_, l)| l.capacity() * 4).sum::<usize>())
                .sum::<usize>();
        let key_words = lists(self.key_words.capacity(), self.key_words.values().map(Vec::capacity).sum())
            + self.key_words.capacity() * 8;
        self.strings.bytes()
            + self.word_texts.bytes()
            + self.words.capacity() * std::mem::size_of::<WordEntry>()
            + postings
            + key_words
            + self.keys.capacity() * 4
            + self.record_ids.bytes()
            + self.slot_of.capacity() * 4
            + self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.names.capacity() * 4
            + self.parts.capacity() * 4
            + self.dates.capacity() * std::mem::size_of::<BirthDate>()
            + self.nationalities.capacity() * 2
            + self.removed.capacity()
    }

    /// Distinct words in the index.
    pub fn vocabulary(&self) -> usize {
        self.words.len()
    }

    /// Adds a record, or replaces the record of that id.
    pub fn insert(&mut self, id: &str, person: &Person) {
        self.insert_analysed(id, &person.analyse());
    }

    pub fn insert_analysed(&mut self, id: &str, person: &Analysed) {
        self.remove(id);
        let record = self.record_ids.intern(id);
        let slot = self.slots.len() as u32;
        if self.slot_of.len() <= record as usize {
            self.slot_of.resize(record as usize + 1, NO_SLOT);
        }
        self.slot_of[record as usize] = slot;
        self.slots.push(Slot {
            record,
            names: self.names.len() as u32,
            dates: self.dates.len() as u32,
            nationalities: self.nationalities.len() as u32,
        });
        self.removed.push(false);
        self.live += 1;
        self.dates.extend(person.birth_dates.iter().copied());
        self.nationalities.extend(person.nationalities.iter().filter_map(|n| country(n)));
        let mut years: Vec<u16> = person.birth_dates.iter().map(BirthDate::year).collect();
        years.sort_unstable();
        years.dedup();
        if years.is_empty() {
            years.push(NO_YEAR);
        }
        for name in &person.names {
            self.names.push(self.parts.len() as u32);
            for token in name {
                let word = self.word(token);
                self.parts.push(word);
                if let Some(lists) = self.postings.get_mut(word as usize) {
                    for year in &years {
                        lists.add(*year, slot);
                    }
                }
            }
        }
    }

    /// The number of a token's word in the vocabulary; a new word has its keys kept and filed.
    fn word(&mut self, token: &Token) -> u32 {
        let word = self.word_texts.intern(&token.word);
        if (word as usize) < self.words.len() {
            return word;
        }
        let keys_start = self.keys.len() as u32;
        let fine = token.fine.len().min(u8::MAX as usize);
        let cons = token.cons.len().min(u8::MAX as usize);
        for k in token.fine.iter().take(fine).chain(token.cons.iter().take(cons)) {
            let id = self.strings.intern(k);
            self.keys.push(id);
        }
        self.words.push(WordEntry {
            keys_start,
            fine: fine as u8,
            cons: cons as u8,
            kind: token.kind,
            vowelless: token.vowelless(),
        });
        self.postings.push(YearLists::default());
        for h in part_keys(token) {
            self.key_words.entry(h).or_default().push(word);
        }
        word
    }

    /// Removes a record; searches no longer find it. Returns whether it was there.
    pub fn remove(&mut self, id: &str) -> bool {
        let Some(record) = self.record_ids.find(id) else { return false };
        let Some(slot) = self.slot_of.get_mut(record as usize) else { return false };
        if *slot == NO_SLOT {
            return false;
        }
        if let Some(r) = self.removed.get_mut(*slot as usize) {
            *r = true;
        }
        *slot = NO_SLOT;
        self.live -= 1;
        true
    }

    fn slot_range(&self, slot: u32, field: impl Fn(&Slot) -> u32, total: usize) -> std::ops::Range<usize> {
        let start = self.slots.get(slot as usize).map(&field).unwrap_or(0) as usize;
        let end = self.slots.get(slot as usize + 1).map(&field).map_or(total, |e| e as usize);
        start..end
    }

    /// The names of a slot. Names and parts are appended in order, so a name ends where the next begins.
    fn record_names(&self, slot: u32) -> impl Iterator<Item = Vec<IndexedPart<'_>>> {
        let names = self.slot_range(slot, |s| s.names, self.names.len());
        names.map(move |n| {
            let start = self.names.get(n).copied().unwrap_or(0) as usize;
            let end = self.names.get(n + 1).map_or(self.parts.len(), |e| *e as usize);
            self.parts
                .get(start..end)
                .unwrap_or_default()
                .iter()
                .map(|w| IndexedPart { index: self, word: *w })
                .collect()
        })
    }

    /// Scores one stored record against an analysed query; with `explain`, also says why.
    fn score_slot(&self, query: &Analysed, slot: u32, explain: bool) -> Option<(f32, Option<Explanation>)> {
        let Evidence { birth_date, nationality } = self.evidence(query, slot);
        let names: Vec<Vec<IndexedPart<'_>>> = self.record_names(slot).collect();
        let (qi, r, name_score) = person::best_names(&query.names, names.iter().map(Vec::as_slice))?;
        let score = person::weigh(name_score, birth_date, nationality);
        let explanation = explain.then(|| {
            let q = query.names.get(qi).map(Vec::as_slice).unwrap_or_default();
            person::explain(q, r, &name::compare(q, r), birth_date, nationality)
        });
        Some((score, explanation))
    }

    /// The hits for a person, best first; ties in score go to the record inserted first.
    pub fn search(&self, query: &Person, options: SearchOptions) -> Vec<Hit> {
        self.search_analysed(&query.analyse(), options).0
    }

    /// The hits among the records `keep` accepts (by record id): records the searcher may not see are left
    /// out before the top hits are chosen and explained.
    pub fn search_where(&self, query: &Person, options: SearchOptions, keep: impl Fn(&str) -> bool) -> Vec<Hit> {
        self.search_analysed_where(&query.analyse(), options, keep).0
    }

    pub fn search_analysed(&self, query: &Analysed, options: SearchOptions) -> (Vec<Hit>, SearchStats) {
        self.search_analysed_where(query, options, |_| true)
    }

    /// Appends the postings of the words close to a query part, each packed with the part's number and how
    /// close the word is (see `Posting`); returns how many. Each word the part's keys find is compared with
    /// the part once, whatever its records. With `years`, only records born within a year of one of them (or
    /// of unknown birth) are read.
    fn part_postings(&self, part: &Token, n: usize, years: Option<&[u16]>, out: &mut Vec<u64>) -> usize {
        let mut words: Vec<u32> =
            part_keys(part).iter().filter_map(|h| self.key_words.get(h)).flatten().copied().collect();
        words.sort_unstable();
        words.dedup();
        let before = out.len();
        for word in words {
            let (similarity, _) = name::compare_parts(part, &IndexedPart { index: self, word });
            if similarity < name::PART_FLOOR {
                continue;
            }
            let Some(lists) = self.postings.get(word as usize) else { continue };
            for (year, list) in &lists.0 {
                let wanted = *year == NO_YEAR || years.is_none_or(|ys| ys.iter().any(|y| y.abs_diff(*year) <= 1));
                if wanted {
                    out.extend(list.iter().map(|slot| Posting::pack(*slot, n, similarity)));
                }
            }
        }
        out.len() - before
    }

    /// What a record's dates of birth and nationalities say about a query, as the factor it puts on a score.
    fn evidence(&self, query: &Analysed, slot: u32) -> Evidence {
        let dates = self.dates.get(self.slot_range(slot, |s| s.dates, self.dates.len())).unwrap_or_default();
        let nats = self
            .nationalities
            .get(self.slot_range(slot, |s| s.nationalities, self.nationalities.len()))
            .unwrap_or_default();
        let nationality = if query.nationalities.is_empty() || nats.is_empty() {
            NationalityEvidence::Unknown
        } else if nats.iter().any(|n| query.nationalities.iter().any(|q| q.as_bytes().eq_ignore_ascii_case(n))) {
            NationalityEvidence::Shared
        } else {
            NationalityEvidence::Different
        };
        Evidence { birth_date: evidence::compare_dates(&query.birth_dates, dates), nationality }
    }

    fn record_id(&self, slot: u32) -> &str {
        self.slots.get(slot as usize).map(|s| self.record_ids.get(s.record)).unwrap_or_default()
    }

    pub fn search_analysed_where(
        &self,
        query: &Analysed,
        options: SearchOptions,
        keep: impl Fn(&str) -> bool,
    ) -> (Vec<Hit>, SearchStats) {
        let mut stats = SearchStats::default();
        let started = std::time::Instant::now();
        let mut candidates: Vec<(u32, f32)> = Vec::new();
        let records = self.slots.len() as f32;
        // A record born two or more years away from every date of the query has conflicting dates, which caps
        // its score below the threshold: such records are not even read.
        let years: Vec<u16> = query.birth_dates.iter().map(BirthDate::year).collect();
        let conflict_ceiling = person::weigh(1.0, DateEvidence::Conflict, NationalityEvidence::Shared);
        let years = (!years.is_empty() && options.threshold > conflict_ceiling).then_some(years.as_slice());
        let mut postings: Vec<u64> = Vec::new();
        let mut scratch: Vec<u64> = Vec::new();
        for name in &query.names {
            let regular: Vec<&Token> = name.iter().filter(|t| t.kind == Kind::Regular).collect();
            let parts: Vec<&Token> = if regular.is_empty() { name.iter().collect() } else { regular };
            postings.clear();
            // A part found in few records says more than one found in many (Plokhov against Ivanov); a part
            // matched closely more than one matched loosely.
            let rarity: Vec<f32> = parts
                .iter()
                .take(Posting::MAX_PARTS)
                .enumerate()
                .map(|(n, t)| {
                    let read = self.part_postings(t, n, years, &mut postings);
                    (records / (1.0 + read as f32)).ln().max(0.1)
                })
                .collect();
            stats.postings_read += postings.len();
            radix_sort_by_slot(&mut postings, &mut scratch, self.slots.len());
            candidates.extend(at_least(&postings, &rarity, rarity.len().min(2)));
        }
        candidates.sort_unstable_by_key(|c| c.0);
        candidates.dedup_by(|later, first| {
            let same = later.0 == first.0;
            if same {
                first.1 = first.1.max(later.1);
            }
            same
        });
        candidates.retain(|(s, _)| !self.removed.get(*s as usize).copied().unwrap_or(true) && keep(self.record_id(*s)));
        let found = std::time::Instant::now();
        stats.finding_us = (found - started).as_micros() as u64;
        // Very common names would bring thousands of candidates: only the best are scored, so a search's
        // cost stays bounded however common the name. Best by the names' weight and by what the dates and
        // nationalities say (a namesake born in another year goes after one born on the same day).
        if candidates.len() > MAX_SCORED {
            if !query.birth_dates.is_empty() || !query.nationalities.is_empty() {
                for c in &mut candidates {
                    c.1 *= self.evidence(query, c.0).factor();
                }
            }
            let best_first = |a: &(u32, f32), b: &(u32, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
            candidates.select_nth_unstable_by(MAX_SCORED, best_first);
            candidates.truncate(MAX_SCORED);
        }
        let candidates: Vec<u32> = candidates.into_iter().map(|(s, _)| s).collect();
        stats.candidates = candidates.len();
        let ranked = std::time::Instant::now();
        stats.ranking_us = (ranked - found).as_micros() as u64;
        // Score every candidate; explain only the hits that are kept.
        let mut scored: Vec<(f32, u32)> = candidates
            .into_iter()
            .filter_map(|slot| self.score_slot(query, slot, false).map(|(s, _)| (s, slot)))
            .filter(|(s, _)| *s >= options.threshold)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(options.top);
        let hits = scored
            .into_iter()
            .filter_map(|(score, slot)| {
                self.score_slot(query, slot, true).and_then(|(_, e)| e).map(|e| (score, slot, e))
            })
            .map(|(score, slot, explanation)| Hit {
                record: self.record_id(slot).to_owned(),
                score: (score * 1000.0).round() / 1000.0,
                explanation,
            })
            .collect();
        stats.scoring_us = ranked.elapsed().as_micros() as u64;
        (hits, stats)
    }
}

fn country(code: &str) -> Option<[u8; 2]> {
    let b = code.trim().as_bytes();
    match b {
        [x, y] if x.is_ascii_alphabetic() && y.is_ascii_alphabetic() => {
            Some([x.to_ascii_uppercase(), y.to_ascii_uppercase()])
        }
        _ => None,
    }
}

/// What the dates of birth and the nationalities of two persons say.
#[derive(Debug, Clone, Copy)]
struct Evidence {
    birth_date: DateEvidence,
    nationality: NationalityEvidence,
}

impl Evidence {
    /// The factor the evidence puts on a middling name score (above 1 for agreement, below for conflict).
    fn factor(self) -> f32 {
        self.nationality.apply(self.birth_date.apply(0.5)) / 0.5
    }
}

/// The keys of a part (hashes, sorted, distinct): its spellings, their one-letter deletions, its consonant
/// keys. A stored word is filed under them and a query part looks them up, so that a slip on either side
/// meets a deletion of the other.
fn part_keys(token: &Token) -> Vec<u64> {
    let mut keys: Vec<u64> = Vec::new();
    for (n, k) in token.fine.iter().enumerate() {
        keys.push(hash(EDIT, k));
        if n < EDIT_KEYS_PER_PART {
            keys.extend(key::deletions(k).iter().map(|d| hash(EDIT, d)));
        }
    }
    keys.extend(token.cons.iter().filter(|c| c.len() > 1).map(|c| hash(CONSONANT, c)));
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// A posting read for a query: the record's slot, the query part it was found for and how close the
/// word was, packed in one integer so that a query's postings sort by slot in two or three radix passes.
struct Posting;

impl Posting {
    /// Parts beyond this are not looked up (a name has at most `name::MAX_PARTS`).
    const MAX_PARTS: usize = 16;

    fn pack(slot: u32, part: usize, similarity: f32) -> u64 {
        let closeness = (similarity.clamp(0.0, 1.0) * 255.0).round() as u64;
        (u64::from(slot) << 16) | ((part as u64 & 0xff) << 8) | closeness
    }

    fn slot(p: u64) -> u32 {
        (p >> 16) as u32
    }

    fn part(p: u64) -> usize {
        ((p >> 8) & 0xff) as usize
    }

    fn similarity(p: u64) -> f32 {
        (p & 0xff) as f32 / 255.0
    }
}

/// Sorts packed postings by slot (least significant digit first, 11 bits a pass, as many passes as the
/// largest slot needs). Faster than a comparison sort for the long lists of common names.
fn radix_sort_by_slot(postings: &mut Vec<u64>, scratch: &mut Vec<u64>, slots: usize) {
    if postings.len() < 512 {
        postings.sort_unstable_by_key(|p| Posting::slot(*p));
        return;
    }
    const BITS: u32 = 11;
    let mut shift = 16;
    let last = 16 + (u64::BITS - (slots.max(1) as u64).leading_zeros());
    scratch.clear();
    scratch.resize(postings.len(), 0);
    while shift < last {
        let mut counts = [0usize; 1 << BITS];
        for p in postings.iter() {
            counts[((p >> shift) & ((1 << BITS) - 1)) as usize] += 1;
        }
        let mut at = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = at;
            at += n;
        }
        for p in postings.iter() {
            let bucket = &mut counts[((p >> shift) & ((1 << BITS) - 1)) as usize];
            if let Some(place) = scratch.get_mut(*bucket) {
                *place = *p;
            }
            *bucket += 1;
        }
        std::mem::swap(postings, scratch);
        shift += BITS;
    }
}

/// The slots found for at least `need` different parts, from postings sorted by slot, each with its
/// weight: per part it was found for, the part's rarity times how close its closest word was.
fn at_least(postings: &[u64], rarity: &[f32], need: usize) -> Vec<(u32, f32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(first) = postings.get(i) {
        let slot = Posting::slot(*first);
        let mut best = [0.0f32; Posting::MAX_PARTS];
        let mut seen = 0u32;
        while let Some(p) = postings.get(i).filter(|p| Posting::slot(**p) == slot) {
            let part = Posting::part(*p).min(Posting::MAX_PARTS - 1);
            seen |= 1 << part;
            if let Some(b) = best.get_mut(part) {
                *b = b.max(Posting::similarity(*p));
            }
            i += 1;
        }
        if seen.count_ones() as usize >= need.max(1) {
            let weight = best.iter().zip(rarity).map(|(s, r)| s * r).sum();
            out.push((slot, weight));
        }
    }
    out
}

#[cfg(test)]
mod tests;
