//! The candidate index. Every part of every name is filed under its keys (the fine keys of all its spellings,
//! their one-letter deletions for typing slips, its consonant keys); a query looks up its own keys and only
//! records that share keys with at least two of its parts (one, for a one-part name) are scored. Records are
//! held compactly: key texts are interned once, a record is a few ranges of integers.

use std::collections::HashMap;

use serde::Serialize;

use crate::evidence::{self, BirthDate};
use crate::key;
use crate::name::{Keys, Kind, Token};
use crate::person::{self, Analysed, Explanation, Person};

/// At most this many candidates are scored per query (the best by the rarity of the parts they share).
const MAX_SCORED: usize = 400;

/// Fuzzy keys with longer posting lists than this (at least 5,000; a two-hundredth of the records in larger
/// indexes) are not looked up.
fn fuzzy_limit(records: usize) -> usize {
    (records / 200).max(5_000)
}

/// How many of a part's spellings get deletion keys (each costs about as many postings as it has letters).
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

#[derive(Debug, Clone, Copy)]
struct PartEntry {
    word: u32,
    keys_start: u32,
    fine: u8,
    cons: u8,
    kind: Kind,
    vowelless: bool,
}

/// A part of an indexed record's name, read through the interner.
struct IndexedPart<'a> {
    index: &'a Index,
    entry: PartEntry,
}

impl IndexedPart<'_> {
    fn ids(&self, skip: usize, take: usize) -> &[u32] {
        let start = self.entry.keys_start as usize + skip;
        self.index.keys.get(start..start + take).unwrap_or_default()
    }
}

impl Keys for IndexedPart<'_> {
    fn word(&self) -> &str {
        self.index.strings.get(self.entry.word)
    }
    fn kind(&self) -> Kind {
        self.entry.kind
    }
    fn vowelless(&self) -> bool {
        self.entry.vowelless
    }
    fn fine(&self) -> impl Iterator<Item = &str> {
        self.ids(0, self.entry.fine as usize).iter().map(|id| self.index.strings.get(*id))
    }
    fn cons(&self) -> impl Iterator<Item = &str> {
        self.ids(self.entry.fine as usize, self.entry.cons as usize).iter().map(|id| self.index.strings.get(*id))
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
}

/// The in-memory index of screening records.
#[derive(Debug, Default)]
pub struct Index {
    strings: Interner,
    record_ids: Interner,
    /// Per record id (the interner's number), the slot holding its current version.
    slot_of: Vec<u32>,
    /// Per slot: record id, first name, first date, first nationality; one more entry closes the ranges.
    slots: Vec<Slot>,
    names: Vec<u32>,
    parts: Vec<PartEntry>,
    keys: Vec<u32>,
    dates: Vec<BirthDate>,
    nationalities: Vec<[u8; 2]>,
    removed: Vec<bool>,
    postings: HashMap<u64, Vec<u32>>,
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
        let postings: usize =
            self.postings.values().map(|v| v.capacity() * 4 + 24).sum::<usize>() + self.postings.capacity() * 8;
        self.strings.bytes()
            + self.record_ids.bytes()
            + self.slot_of.capacity() * 4
            + self.slots.capacity() * std::mem::size_of::<Slot>()
            + self.names.capacity() * 4
            + self.parts.capacity() * std::mem::size_of::<PartEntry>()
            + self.keys.capacity() * 4
            + self.dates.capacity() * std::mem::size_of::<BirthDate>()
            + self.nationalities.capacity() * 2
            + self.removed.capacity()
            + postings
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
        let mut filed: Vec<u64> = Vec::new();
        for name in &person.names {
            self.names.push(self.parts.len() as u32);
            for token in name {
                let entry = self.add_part(token);
                self.parts.push(entry);
                filed.extend(part_keys(token).into_iter().map(|(h, _)| h));
            }
        }
        filed.sort_unstable();
        filed.dedup();
        for h in filed {
            self.postings.entry(h).or_default().push(slot);
        }
    }

    fn add_part(&mut self, token: &Token) -> PartEntry {
        let keys_start = self.keys.len() as u32;
        let fine = token.fine.len().min(u8::MAX as usize);
        let cons = token.cons.len().min(u8::MAX as usize);
        for k in token.fine.iter().take(fine).chain(token.cons.iter().take(cons)) {
            let id = self.strings.intern(k);
            self.keys.push(id);
        }
        PartEntry {
            word: self.strings.intern(&token.word),
            keys_start,
            fine: fine as u8,
            cons: cons as u8,
            kind: token.kind,
            vowelless: token.vowelless(),
        }
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
                .map(|e| IndexedPart { index: self, entry: *e })
                .collect()
        })
    }

    /// Scores one stored record against an analysed query; with `explain`, also says why.
    fn score_slot(&self, query: &Analysed, slot: u32, explain: bool) -> Option<(f32, Option<Explanation>)> {
        let dates = self.dates.get(self.slot_range(slot, |s| s.dates, self.dates.len())).unwrap_or_default();
        let nats: Vec<String> = self
            .nationalities
            .get(self.slot_range(slot, |s| s.nationalities, self.nationalities.len()))
            .unwrap_or_default()
            .iter()
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect();
        let birth_date = evidence::compare_dates(&query.birth_dates, dates);
        let nationality = evidence::compare_nationalities(&query.nationalities, &nats);
        let names: Vec<Vec<IndexedPart<'_>>> = self.record_names(slot).collect();
        let (qi, r, m) = person::best_names(&query.names, names.iter().map(Vec::as_slice))?;
        let score = person::weigh(m.score, birth_date, nationality);
        let explanation = explain.then(|| {
            let q = query.names.get(qi).map(Vec::as_slice).unwrap_or_default();
            person::explain(q, r, &m, birth_date, nationality)
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
        let mut candidates: Vec<(u32, f32)> = Vec::new();
        for name in &query.names {
            let regular: Vec<&Token> = name.iter().filter(|t| t.kind == Kind::Regular).collect();
            let parts: Vec<&Token> = if regular.is_empty() { name.iter().collect() } else { regular };
            let lists: Vec<Vec<u32>> = parts
                .iter()
                .map(|t| {
                    let mut slots: Vec<u32> = Vec::new();
                    for (h, fuzzy) in part_keys(t) {
                        if let Some(list) = self.postings.get(&h) {
                            // A fuzzy key shared by very many records (a deletion of a common name) finds little
                            // the spellings have not found, at great cost: it is skipped.
                            if fuzzy && list.len() > fuzzy_limit(self.slots.len()) {
                                continue;
                            }
                            stats.postings_read += list.len();
                            slots.extend_from_slice(list);
                        }
                    }
                    slots.sort_unstable();
                    slots.dedup();
                    slots
                })
                .collect();
            // A part found in few records says more than one found in many (Plokhov against Ivanov).
            let weights: Vec<f32> =
                lists.iter().map(|l| (self.slots.len() as f32 / (1.0 + l.len() as f32)).ln().max(0.1)).collect();
            candidates.extend(at_least(&lists, &weights, lists.len().min(2)));
        }
        candidates.retain(|(s, _)| !self.removed.get(*s as usize).copied().unwrap_or(true));
        // Very common names would bring thousands of candidates: only the best by that weight are scored,
        // so a search's cost stays bounded however common the name.
        candidates.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        candidates.dedup_by_key(|c| c.0);
        candidates.truncate(MAX_SCORED);
        let candidates: Vec<u32> = candidates.into_iter().map(|(s, _)| s).collect();
        stats.candidates = candidates.len();
        // Score every candidate; explain only the hits that are kept.
        let mut scored: Vec<(f32, u32)> = candidates
            .into_iter()
            .filter_map(|slot| self.score_slot(query, slot, false).map(|(s, _)| (s, slot)))
            .filter(|(s, slot)| *s >= options.threshold && keep(self.record_id(*slot)))
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

/// The keys of a part, each saying whether it is fuzzy (a deletion or a consonant key) rather than a
/// spelling of the part; sorted, one entry per key (a spelling wins over a fuzzy key with the same hash).
/// A stored part is filed under them and a query part looks them up, so that a slip on either side meets a
/// deletion of the other.
fn part_keys(token: &Token) -> Vec<(u64, bool)> {
    let mut keys: Vec<(u64, bool)> = Vec::new();
    for (n, k) in token.fine.iter().enumerate() {
        keys.push((hash(EDIT, k), false));
        if n < EDIT_KEYS_PER_PART {
            keys.extend(key::deletions(k).iter().map(|d| (hash(EDIT, d), true)));
        }
    }
    keys.extend(token.cons.iter().filter(|c| c.len() > 1).map(|c| (hash(CONSONANT, c), true)));
    keys.sort_unstable();
    keys.dedup_by_key(|k| k.0);
    keys
}

/// The slots present in at least `need` of the sorted lists, each with the summed weight of the lists it
/// is in.
fn at_least(lists: &[Vec<u32>], weights: &[f32], need: usize) -> Vec<(u32, f32)> {
    let mut cursors = vec![0usize; lists.len()];
    let mut out = Vec::new();
    loop {
        let smallest = lists.iter().zip(&cursors).filter_map(|(l, c)| l.get(*c)).min().copied();
        let Some(slot) = smallest else { break };
        let (mut count, mut weight) = (0, 0.0f32);
        for ((l, c), w) in lists.iter().zip(cursors.iter_mut()).zip(weights) {
            if l.get(*c) == Some(&slot) {
                count += 1;
                weight += w;
                *c += 1;
            }
        }
        if count >= need.max(1) {
            out.push((slot, weight));
        }
    }
    out
}

#[cfg(test)]
mod tests;
