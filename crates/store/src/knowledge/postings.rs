//! Posting lists held in memory for search. The database keeps the postings (and stays the truth); a
//! search reads each term's version with its count, and uses the list held here when it was read at that
//! version, reading it again otherwise. Every change to a term's postings raises its version in the same
//! transaction, so a list held here is never used after the term changed, whichever process changed it.
//!
//! Documents are held as small keys (given in the order they were first read, never reused), each list
//! sorted by key with the weights beside, six bytes a posting; lists are dropped least recently used first
//! when their bytes pass the budget.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};

/// How many bytes of posting lists are held when no budget is set.
pub const DEFAULT_BUDGET: usize = 256 * 1024 * 1024;

/// One term's documents (keys, ascending) and their weights.
#[derive(Debug, Default, PartialEq)]
pub struct List {
    pub keys: Vec<u32>,
    pub weights: Vec<u16>,
}

impl List {
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    fn bytes(&self) -> usize {
        self.keys.len() * 6
    }

    /// The union of `lists`: each document once, with its best weight.
    pub fn union(lists: &[Arc<List>]) -> Arc<List> {
        match lists {
            [] => Arc::new(List::default()),
            [one] => one.clone(),
            many => {
                let mut all: Vec<(u32, u16)> =
                    many.iter().flat_map(|l| l.keys.iter().copied().zip(l.weights.iter().copied())).collect();
                // Per key, the best weight first; then keep the first of each key.
                all.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
                all.dedup_by_key(|p| p.0);
                Arc::new(List { keys: all.iter().map(|p| p.0).collect(), weights: all.iter().map(|p| p.1).collect() })
            }
        }
    }
}

/// Walks a list forwards, finding keys asked for in ascending order in steps that double (so a short list
/// checked against a long one costs the short one's length times a logarithm, not the long one's length).
pub struct Cursor<'a> {
    list: &'a List,
    at: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(list: &'a List) -> Self {
        Cursor { list, at: 0 }
    }

    /// The weight of `key` if the list holds it; `key` must not be lower than the one asked before.
    pub fn seek(&mut self, key: u32) -> Option<u16> {
        let keys = &self.list.keys;
        let mut step = 1;
        let mut hi = self.at;
        while hi < keys.len() && keys[hi] < key {
            self.at = hi + 1;
            hi += step;
            step *= 2;
        }
        let end = hi.min(keys.len());
        self.at += keys[self.at..end].partition_point(|k| *k < key);
        (self.at < keys.len() && keys[self.at] == key).then(|| self.list.weights[self.at])
    }
}

/// The documents holding every word (each a list and its rarity), carrying every tag of `all_of` and any
/// of `any_of` (what the reader may read), with their scores: each word's weight in the document times its
/// rarity, summed. Ascending by key.
pub fn matches(
    mut words: Vec<(Arc<List>, f64)>,
    all_of: Vec<Arc<List>>,
    mut any_of: Vec<Arc<List>>,
) -> Vec<(u32, f64)> {
    // The shortest list leads, and the others are sought in it; the likeliest reading right first.
    words.sort_by_key(|(l, _)| l.len());
    any_of.sort_by_key(|l| std::cmp::Reverse(l.len()));
    let Some(((first, rarity), rest)) = words.split_first() else {
        return Vec::new();
    };
    let part = |rarity: f64, weight: u16| rarity * f64::from(weight) / 1000.0;
    let mut out: Vec<(u32, f64)> =
        first.keys.iter().zip(&first.weights).map(|(k, w)| (*k, part(*rarity, *w))).collect();
    for (list, rarity) in rest {
        let mut c = Cursor::new(list);
        out.retain_mut(|(k, score)| match c.seek(*k) {
            Some(w) => {
                *score += part(*rarity, w);
                true
            }
            None => false,
        });
    }
    for list in &all_of {
        let mut c = Cursor::new(list);
        out.retain(|(k, _)| c.seek(*k).is_some());
    }
    let mut readers: Vec<Cursor> = any_of.iter().map(|l| Cursor::new(l)).collect();
    out.retain(|(k, _)| readers.iter_mut().any(|c| c.seek(*k).is_some()));
    out
}

struct Held {
    version: i64,
    list: Arc<List>,
    used: u64,
}

#[derive(Default)]
struct Inner {
    keys: HashMap<u128, u32>,
    ids: Vec<u128>,
    held: HashMap<String, Held>,
    bytes: usize,
    tick: u64,
}

impl Inner {
    /// The key of document `id` (a new one if it has none; `put` sees that keys do not run out).
    fn key(&mut self, id: u128) -> u32 {
        let next = u32::try_from(self.ids.len()).unwrap_or(u32::MAX);
        *self.keys.entry(id).or_insert_with(|| {
            self.ids.push(id);
            next
        })
    }

    /// Drops the least recently used lists, but `kept`, until a quarter of the budget is free.
    fn shrink(&mut self, budget: usize, kept: &str) {
        if self.bytes <= budget {
            return;
        }
        let mut by_use: Vec<(u64, String)> = self.held.iter().map(|(t, h)| (h.used, t.clone())).collect();
        by_use.sort_unstable();
        for (_, term) in by_use {
            if self.bytes <= budget / 4 * 3 {
                break;
            }
            if term == kept {
                continue;
            }
            if let Some(h) = self.held.remove(&term) {
                self.bytes -= h.list.bytes() + term.len();
            }
        }
    }
}

/// The lists of one database's terms (one per `Store`, shared by its clones).
pub struct PostingCache {
    budget: usize,
    inner: Mutex<Inner>,
}

impl std::fmt::Debug for PostingCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let inner = self.lock();
        f.debug_struct("PostingCache")
            .field("budget", &self.budget)
            .field("bytes", &inner.bytes)
            .field("lists", &inner.held.len())
            .finish()
    }
}

impl PostingCache {
    pub fn new(budget: usize) -> Self {
        PostingCache { budget, inner: Mutex::default() }
    }

    pub fn budget(&self) -> usize {
        self.budget
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Inner> {
        // A panic while holding the lock leaves whole lists or none: the state is still sound.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The list of `term` if it is held at `version`.
    pub fn get(&self, term: &str, version: i64) -> Option<Arc<List>> {
        let mut inner = self.lock();
        inner.tick += 1;
        let tick = inner.tick;
        let held = inner.held.get_mut(term).filter(|h| h.version == version)?;
        held.used = tick;
        Some(held.list.clone())
    }

    /// Makes a list of `term`'s postings (document id, weight) as read at `version`, and holds it if it fits
    /// the budget.
    pub fn put(&self, term: &str, version: i64, postings: Vec<(u128, u16)>) -> Arc<List> {
        let mut pairs: Vec<(u32, u16)> = {
            let mut inner = self.lock();
            if inner.ids.len().saturating_add(postings.len()) >= u32::MAX as usize {
                // Keys would run out (four billion documents seen): start again rather than share one.
                *inner = Inner::default();
            }
            postings.into_iter().map(|(id, w)| (inner.key(id), w)).collect()
        };
        // Sorted outside the lock: a list may hold every document.
        pairs.sort_unstable();
        pairs.dedup_by_key(|p| p.0);
        let list =
            Arc::new(List { keys: pairs.iter().map(|p| p.0).collect(), weights: pairs.iter().map(|p| p.1).collect() });
        let mut inner = self.lock();
        if let Some(old) = inner.held.remove(term) {
            inner.bytes -= old.list.bytes() + term.len();
        }
        if list.bytes() + term.len() <= self.budget {
            inner.tick += 1;
            let used = inner.tick;
            inner.bytes += list.bytes() + term.len();
            inner.held.insert(term.to_owned(), Held { version, list: list.clone(), used });
            inner.shrink(self.budget, term);
        }
        list
    }

    /// The document ids of `keys` (the nil id for a key given before the keys started again, which no
    /// document has).
    pub fn ids(&self, keys: impl Iterator<Item = u32>) -> Vec<u128> {
        let inner = self.lock();
        keys.map(|k| inner.ids.get(k as usize).copied().unwrap_or(0)).collect()
    }

    /// Drops every list held (as after a restart; documents keep their keys).
    pub fn clear(&self) {
        let mut inner = self.lock();
        inner.held.clear();
        inner.bytes = 0;
    }

    /// Bytes of lists held now.
    pub fn held_bytes(&self) -> usize {
        self.lock().bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(keys: &[u32]) -> List {
        List { keys: keys.to_vec(), weights: keys.iter().map(|k| *k as u16 * 10).collect() }
    }

    #[test]
    fn a_cursor_finds_exactly_the_keys_a_list_holds() {
        let l = list(&[2, 3, 5, 8, 13, 21, 34, 55, 89]);
        let mut c = Cursor::new(&l);
        let found: Vec<(u32, Option<u16>)> = (0..100).map(|k| (k, c.seek(k))).filter(|(_, w)| w.is_some()).collect();
        assert_eq!(found.iter().map(|(k, _)| *k).collect::<Vec<_>>(), l.keys);
        assert!(found.iter().all(|(k, w)| *w == Some(*k as u16 * 10)));
        // Sparse seeks jump ahead and still land on the right place.
        let mut c = Cursor::new(&l);
        assert_eq!(
            (c.seek(4), c.seek(55), c.seek(56), c.seek(89), c.seek(90)),
            (None, Some(550), None, Some(890), None)
        );
        assert_eq!(Cursor::new(&List::default()).seek(1), None);
    }

    #[test]
    fn matches_hold_every_word_and_tag_and_one_right_to_read() {
        let l = |keys: &[u32], w: u16| Arc::new(List { keys: keys.to_vec(), weights: vec![w; keys.len()] });
        let words = vec![(l(&[1, 2, 3, 4, 5, 6], 1000), 1.0), (l(&[2, 4, 6, 8], 500), 2.0)];
        let tag = l(&[2, 4, 6, 7], 0);
        let (open, own) = (l(&[1, 2], 0), l(&[6], 0));
        let found = matches(words.clone(), vec![tag.clone()], vec![open.clone(), own.clone()]);
        assert_eq!(found, vec![(2, 2.0), (6, 2.0)]);
        // No right to read: nothing; no words: nothing.
        assert!(matches(words.clone(), vec![tag], vec![]).is_empty());
        assert!(matches(vec![], vec![], vec![open]).is_empty());
    }

    #[test]
    fn a_union_keeps_each_document_once_with_its_best_weight() {
        let a = Arc::new(List { keys: vec![1, 4, 7], weights: vec![10, 40, 70] });
        let b = Arc::new(List { keys: vec![4, 5], weights: vec![400, 5] });
        let u = List::union(&[a, b]);
        assert_eq!(u.keys, vec![1, 4, 5, 7]);
        assert_eq!(u.weights, vec![10, 400, 5, 70]);
    }

    #[test]
    fn a_list_is_used_at_its_version_only_and_the_least_recently_used_go_first() {
        // Room for two lists of 100 postings (600 bytes each, plus the term), not three; when passed, it
        // drops lists until a quarter is free (1,275 bytes held at most).
        let cache = PostingCache::new(1_700);
        let postings = |from: u128| (from..from + 100).rev().map(|id| (id, 7)).collect::<Vec<_>>();
        let a = cache.put("a", 1, postings(0));
        assert_eq!(a.len(), 100);
        assert!(a.keys.windows(2).all(|w| w[0] < w[1]), "sorted by key");
        let mut ids = cache.ids(a.keys.iter().copied());
        ids.sort_unstable();
        assert_eq!(ids, (0..100).collect::<Vec<_>>());
        assert!(cache.get("a", 1).is_some());
        assert!(cache.get("a", 2).is_none(), "a newer version is read again");
        cache.put("b", 1, postings(50));
        cache.get("a", 1);
        // "c" passes the budget: "b", used longest ago, is dropped; "a" stays.
        cache.put("c", 1, postings(200));
        assert!(cache.get("b", 1).is_none());
        assert!(cache.get("a", 1).is_some() && cache.get("c", 1).is_some());
        assert!(cache.held_bytes() <= 1_275);
        // A document keeps its key across lists.
        let b = cache.put("b", 2, postings(50));
        let shared: Vec<u32> = b.keys.iter().copied().filter(|k| a.keys.contains(k)).collect();
        let mut ids = cache.ids(shared.into_iter());
        ids.sort_unstable();
        assert_eq!(ids, (50..100).collect::<Vec<_>>());
        // A list larger than the budget is given but not held.
        let big = cache.put("big", 1, (0..1_000).map(|id| (id, 1)).collect());
        assert_eq!(big.len(), 1_000);
        assert!(cache.get("big", 1).is_none());
        // A list of most of the budget is held (the others make room for it), not dropped on arrival.
        let most = cache.put("most", 1, (0..250).map(|id| (id, 1)).collect());
        assert_eq!(most.len(), 250);
        assert!(cache.get("most", 1).is_some());
        cache.clear();
        assert!(cache.get("a", 1).is_none() && cache.held_bytes() == 0);
    }
}
