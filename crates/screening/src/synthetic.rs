//! Synthetic people and labelled name pairs for measuring the engine, deterministic from a seed. Names come
//! from the pools in `crates/screening/synthetic/` (names in their own script with the Latin spellings real
//! documents use, per culture); the spellings there are written independently of the engine's
//! transliteration tables, so a measurement does not test the tables against themselves.
//!
//! True pairs: one person written twice, the way two sources would — own script against a Latin spelling,
//! or two Latin spellings — with the usual damage: parts in another order, the patronymic left out, a typing
//! slip, an initial, a partial, swapped or off-by-one date of birth. Hard non-matches: two different people
//! of one culture whose names differ in one part by a near spelling (Petrov / Petrova / Petrenko), or
//! namesakes born years apart.

use std::collections::HashMap;

use crate::evidence::BirthDate;
use crate::person::Person;

macro_rules! pools {
    ($($name:literal),* $(,)?) => {
        const POOLS: &[(&str, &str)] = &[$(($name, include_str!(concat!("../synthetic/", $name, ".tsv")))),*];
    };
}

pools!("ru", "uk", "be", "kk", "ky", "tg", "uz", "mn", "az", "ka", "hy", "ar", "fa", "en", "de", "fr", "tr");

/// SplitMix64: small, fast, and the same sequence on every machine.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// True with probability p.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        if items.is_empty() { None } else { items.get(self.below(items.len())) }
    }
}

/// A name part: as written in its own script, and its Latin spellings.
#[derive(Debug, Clone)]
pub struct Part {
    pub native: String,
    pub latin: Vec<String>,
}

/// One culture's names.
#[derive(Debug, Clone)]
pub struct Culture {
    pub code: String,
    pub script: String,
    pub nationality: String,
    pub given_m: Vec<Part>,
    pub given_f: Vec<Part>,
    pub surname: Vec<Part>,
    pub surname_f: Vec<Part>,
    pub patronymic_m: Vec<Part>,
    pub patronymic_f: Vec<Part>,
}

impl Culture {
    /// The group a pair of this culture's names falls in when one side is in the culture's own script.
    pub fn group(&self) -> &str {
        match self.code.as_str() {
            "fa" => "persian",
            "az" => "azerbaijani",
            _ => match self.script.as_str() {
                "cyrillic" => "cyrillic",
                "arabic" => "arabic",
                "georgian" => "georgian",
                "armenian" => "armenian",
                _ => "latin",
            },
        }
    }
}

fn nationality_of(code: &str) -> &'static str {
    match code {
        "ru" => "RU",
        "uk" => "UA",
        "be" => "BY",
        "kk" => "KZ",
        "ky" => "KG",
        "tg" => "TJ",
        "uz" => "UZ",
        "mn" => "MN",
        "az" => "AZ",
        "ka" => "GE",
        "hy" => "AM",
        "ar" => "IQ",
        "fa" => "IR",
        "en" => "GB",
        "de" => "DE",
        "fr" => "FR",
        "tr" => "TR",
        _ => "XX",
    }
}

/// Reads the pools. Rows that do not parse are skipped (a test checks there are none).
pub fn cultures() -> Vec<Culture> {
    POOLS.iter().map(|(code, text)| parse_pool(code, text).0).collect()
}

/// A pool and the numbers of the lines it could not read.
pub fn parse_pool(code: &str, text: &str) -> (Culture, Vec<usize>) {
    let mut script = String::from("latin");
    let mut kinds: HashMap<String, Vec<Part>> = HashMap::new();
    let mut bad = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if let Some(s) = line.strip_prefix("# script:") {
            script = s.split_whitespace().next().unwrap_or("latin").to_lowercase();
            continue;
        }
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        match cells.as_slice() {
            [kind, native, latin, ..] if !native.trim().is_empty() => {
                let latin: Vec<String> =
                    latin.split('|').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect();
                let native = native.trim().to_owned();
                let latin = if latin.is_empty() { vec![native.clone()] } else { latin };
                kinds.entry(kind.trim().to_owned()).or_default().push(Part { native, latin });
            }
            _ => bad.push(n + 1),
        }
    }
    let mut take = |k: &str| kinds.remove(k).unwrap_or_default();
    let culture = Culture {
        code: code.to_owned(),
        nationality: nationality_of(code).to_owned(),
        given_m: take("given_m"),
        given_f: take("given_f"),
        surname: take("surname"),
        surname_f: take("surname_f"),
        patronymic_m: take("patronymic_m"),
        patronymic_f: take("patronymic_f"),
        script,
    };
    (culture, bad)
}

/// A synthetic person: the parts of their name (given, surname, perhaps patronymic) and a date of birth.
#[derive(Debug, Clone)]
pub struct Individual {
    pub culture: usize,
    pub given: Part,
    pub surname: Part,
    pub patronymic: Option<Part>,
    pub birth: (u16, u8, u8),
}

pub fn individual(cultures: &[Culture], rng: &mut Rng) -> Option<Individual> {
    let ci = rng.below(cultures.len());
    let c = cultures.get(ci)?;
    individual_of(c, ci, rng)
}

fn individual_of(c: &Culture, ci: usize, rng: &mut Rng) -> Option<Individual> {
    let female = rng.chance(0.5) && !c.given_f.is_empty();
    let given = if female { rng.pick(&c.given_f) } else { rng.pick(&c.given_m) }?.clone();
    let surname =
        if female && !c.surname_f.is_empty() { rng.pick(&c.surname_f) } else { rng.pick(&c.surname) }?.clone();
    let patronymics = if female { &c.patronymic_f } else { &c.patronymic_m };
    let patronymic = rng.pick(patronymics).cloned();
    let birth = (1940 + rng.below(65) as u16, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8);
    Some(Individual { culture: ci, given, surname, patronymic, birth })
}

/// How a name is written on one side of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Writing {
    Native,
    Latin,
}

/// A typing slip: one letter replaced, dropped, doubled or swapped with the next.
fn slip(word: &str, rng: &mut Rng) -> String {
    let mut chars: Vec<char> = word.chars().collect();
    if chars.len() < 4 {
        return word.to_owned();
    }
    let i = 1 + rng.below(chars.len() - 2);
    match rng.below(4) {
        0 => {
            let letters: Vec<char> = "aeioubdgklmnrstvz".chars().collect();
            if let (Some(c), Some(slot)) = (rng.pick(&letters).copied(), chars.get_mut(i)) {
                *slot = c;
            }
        }
        1 => {
            chars.remove(i);
        }
        2 => {
            let c = chars.get(i).copied().unwrap_or('a');
            chars.insert(i, c);
        }
        _ => chars.swap(i, i + 1),
    }
    chars.into_iter().collect()
}

/// Writes a person's name one way, with the damage two sources do to a name.
fn write(p: &Individual, how: Writing, damage: bool, rng: &mut Rng) -> String {
    let spell = |part: &Part, rng: &mut Rng| match how {
        Writing::Native => part.native.clone(),
        Writing::Latin => rng.pick(&part.latin).cloned().unwrap_or_else(|| part.native.clone()),
    };
    let mut given = spell(&p.given, rng);
    let mut surname = spell(&p.surname, rng);
    let patronymic = p.patronymic.as_ref().map(|x| spell(x, rng));
    if damage && how == Writing::Latin {
        if rng.chance(0.15) {
            if rng.chance(0.5) {
                surname = slip(&surname, rng);
            } else {
                given = slip(&given, rng);
            }
        }
        if rng.chance(0.05) {
            given = format!("{}.", given.chars().next().unwrap_or('X'));
        }
    }
    let keep_patronymic = patronymic.filter(|_| !damage || rng.chance(0.3));
    let mut parts: Vec<String> = if rng.chance(0.5) { vec![given, surname] } else { vec![surname, given] };
    if let Some(pat) = keep_patronymic {
        parts.insert(if parts.len() == 2 && rng.chance(0.8) { 2 } else { 1 }, pat);
    }
    let name = parts.join(" ");
    if how == Writing::Latin && rng.chance(0.5) { name.to_uppercase() } else { name }
}

fn date_text((y, m, d): (u16, u8, u8)) -> String {
    format!("{y:04}-{m:02}-{d:02}")
}

/// The date of birth as another source gives it: the same, partial, missing, swapped or a year off.
fn damaged_date(birth: (u16, u8, u8), rng: &mut Rng) -> Option<String> {
    let (y, m, d) = birth;
    match rng.below(20) {
        0..=9 => Some(date_text(birth)),
        10..=12 => Some(format!("{y:04}")),
        13..=15 => None,
        16 | 17 if d <= 12 && d != m => Some(date_text((y, d, m))),
        _ => Some(date_text((y + 1, m, d))),
    }
}

/// One side of a labelled pair.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Side {
    pub name: String,
    pub birth_date: Option<String>,
    pub nationality: Option<String>,
}

impl Side {
    pub fn person(&self) -> Person {
        Person {
            names: vec![self.name.clone()],
            birth_dates: self.birth_date.as_deref().and_then(BirthDate::parse).into_iter().collect(),
            nationalities: self.nationality.iter().cloned().collect(),
        }
    }
}

/// A labelled pair: the same person written twice (label true), or two different people (false).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pair {
    pub id: String,
    pub group: String,
    pub label: bool,
    pub a: Side,
    pub b: Side,
}

/// A person near `p` but not `p`: one name part replaced by a close one of the same culture, or a namesake
/// born years apart.
fn near_miss(c: &Culture, p: &Individual, rng: &mut Rng) -> Option<Individual> {
    let mut q = p.clone();
    if rng.chance(0.15) {
        q.birth.0 = if q.birth.0 > 1960 { q.birth.0 - 7 - rng.below(10) as u16 } else { q.birth.0 + 9 };
        return Some(q);
    }
    let replace_surname = rng.chance(0.6);
    let pool: Vec<&Part> = if replace_surname {
        c.surname.iter().chain(&c.surname_f).collect()
    } else {
        c.given_m.iter().chain(&c.given_f).collect()
    };
    let current = if replace_surname { &p.surname } else { &p.given };
    let key = |s: &str| s.chars().take(3).collect::<String>();
    let close: Vec<&Part> =
        pool.iter().copied().filter(|x| x.native != current.native && key(&x.native) == key(&current.native)).collect();
    let choice = if close.is_empty() || rng.chance(0.3) {
        pool.iter().copied().filter(|x| x.native != current.native).collect::<Vec<_>>()
    } else {
        close
    };
    let other = (*rng.pick(&choice)?).clone();
    if replace_surname {
        q.surname = other;
    } else {
        q.given = other;
    }
    if rng.chance(0.5) {
        q.birth = (1940 + rng.below(65) as u16, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8);
    }
    Some(q)
}

/// `n` labelled pairs, half true, half hard non-matches, over every culture.
pub fn pairs(n: usize, seed: u64) -> Vec<Pair> {
    let cultures = cultures();
    let mut rng = Rng::new(seed);
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let Some(p) = individual(&cultures, &mut rng) else { break };
        let Some(c) = cultures.get(p.culture) else { break };
        let label = out.len() % 2 == 0;
        let q = if label { Some(p.clone()) } else { near_miss(c, &p, &mut rng) };
        let Some(q) = q else { continue };
        // Own script against Latin, or two Latin spellings (the Latin group).
        let cross = c.group() != "latin" && rng.chance(0.7);
        let a_how = if cross || c.group() == "latin" { Writing::Native } else { Writing::Latin };
        let group = if cross { c.group().to_owned() } else { "latin".to_owned() };
        let nat = Some(c.nationality.clone());
        let a =
            Side { name: write(&p, a_how, false, &mut rng), birth_date: Some(date_text(p.birth)), nationality: nat };
        // A namesake is only a non-match when the dates say so: it keeps its full date.
        let namesake = !label && q.given.native == p.given.native && q.surname.native == p.surname.native;
        let b = Side {
            name: write(&q, Writing::Latin, true, &mut rng),
            birth_date: if namesake { Some(date_text(q.birth)) } else { damaged_date(q.birth, &mut rng) },
            nationality: rng.chance(0.5).then(|| c.nationality.clone()),
        };
        out.push(Pair { id: format!("p{}", out.len() + 1), group, label, a, b });
    }
    out
}

/// A screening record as a source holds it: the name in its own script, often a Latin alias, a date of birth.
#[derive(Debug, Clone)]
pub struct Record {
    pub id: String,
    pub person: Person,
    pub individual: Individual,
}

/// `n` records over every culture, deterministic from the seed.
pub fn records(n: usize, seed: u64) -> impl Iterator<Item = Record> {
    let cultures = cultures();
    let mut rng = Rng::new(seed);
    (0..n).filter_map(move |i| {
        let p = individual(&cultures, &mut rng)?;
        let c = cultures.get(p.culture)?;
        let mut names = vec![write(&p, Writing::Native, false, &mut rng)];
        if c.group() != "latin" && rng.chance(0.5) {
            names.push(write(&p, Writing::Latin, false, &mut rng));
        }
        let person = Person {
            names,
            birth_dates: BirthDate::parse(&date_text(p.birth)).into_iter().collect(),
            nationalities: vec![c.nationality.clone()],
        };
        Some(Record { id: format!("r{i}"), person, individual: p })
    })
}

/// A query for a record as a screener would type it: Latin, damaged, with what they know of the date.
pub fn query_for(record: &Record, seed: u64) -> Person {
    let mut rng = Rng::new(seed);
    let name = write(&record.individual, Writing::Latin, true, &mut rng);
    Person {
        names: vec![name],
        birth_dates: damaged_date(record.individual.birth, &mut rng)
            .as_deref()
            .and_then(BirthDate::parse)
            .into_iter()
            .collect(),
        nationalities: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pool_reads_and_has_names() {
        for (code, text) in POOLS {
            let (c, bad) = parse_pool(code, text);
            assert_eq!(bad, Vec::<usize>::new(), "{code}");
            assert!(c.given_m.len() >= 20 && c.surname.len() >= 20, "{code}");
        }
    }

    #[test]
    fn generation_is_deterministic() {
        let a: Vec<Pair> = pairs(200, 7);
        assert_eq!(a, pairs(200, 7));
        assert_ne!(a, pairs(200, 8));
        assert_eq!(a.iter().filter(|p| p.label).count(), 100);
        let r1: Vec<String> = records(50, 3).map(|r| r.person.names.join("/")).collect();
        let r2: Vec<String> = records(50, 3).map(|r| r.person.names.join("/")).collect();
        assert_eq!(r1, r2);
    }

    #[test]
    fn every_group_is_represented() {
        let groups: std::collections::BTreeSet<String> = pairs(3000, 1).into_iter().map(|p| p.group).collect();
        for g in ["latin", "cyrillic", "arabic", "persian", "georgian", "armenian", "azerbaijani"] {
            assert!(groups.contains(g), "{g} missing from {groups:?}");
        }
    }
}
