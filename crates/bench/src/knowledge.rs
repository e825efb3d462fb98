//! Knowledge-base search over a large synthetic corpus: documents in Russian, English, French and Arabic
//! (words drawn with a skewed, Zipf-like frequency from a legal vocabulary plus generated words, so some
//! words are in half the documents and most in few), stored on the engine, then searched through the
//! service as a user would (authorisation, reader's networks, the index, extracts).

use anyhow::{Result, anyhow};
use liaison_domain::knowledge::{Access, KnowledgeBody, KnowledgeKind};
use liaison_domain::{CountryCode, OrgId};
use liaison_server::services::Caller;
use liaison_server::services::knowledge::{self as svc, Filters};
use liaison_server::state::AppState;
use liaison_store::knowledge::{self, KnowledgeRecord};
use std::time::Instant;

/// A small deterministic generator (xorshift64*), so every run builds the same corpus.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// An index below `n`, small ones much more often (Zipf-like).
    fn skewed(&mut self, n: usize) -> usize {
        ((self.unit().powi(3)) * n as f64) as usize % n.max(1)
    }
}

const RU: &[&str] = &[
    "выдача",
    "запрос",
    "правовой",
    "помощи",
    "конвенции",
    "центральный",
    "орган",
    "прокуратура",
    "уголовное",
    "дело",
    "обвиняемый",
    "свидетель",
    "допрос",
    "обыск",
    "выемка",
    "арест",
    "имущества",
    "конфискация",
    "приговор",
    "суд",
    "следователь",
    "доказательства",
    "исполнение",
    "сроки",
    "договор",
    "государство",
    "гражданин",
    "экстрадиция",
    "передача",
    "осужденного",
    "наркотиков",
    "коррупция",
    "отмывание",
    "доходов",
];
const EN: &[&str] = &[
    "request",
    "mutual",
    "legal",
    "assistance",
    "extradition",
    "central",
    "authority",
    "prosecutor",
    "criminal",
    "proceedings",
    "witness",
    "hearing",
    "search",
    "seizure",
    "freezing",
    "confiscation",
    "judgment",
    "court",
    "evidence",
    "execution",
    "deadline",
    "treaty",
    "convention",
    "state",
    "transfer",
    "sentenced",
    "person",
    "drug",
    "trafficking",
    "corruption",
    "laundering",
    "proceeds",
    "videoconference",
    "reciprocity",
];
const FR: &[&str] = &[
    "demande",
    "entraide",
    "judiciaire",
    "extradition",
    "autorité",
    "centrale",
    "procureur",
    "pénale",
    "procédure",
    "témoin",
    "audition",
    "perquisition",
    "saisie",
    "gel",
    "confiscation",
    "jugement",
    "tribunal",
    "preuves",
    "exécution",
    "délai",
    "traité",
    "convention",
    "État",
    "transfèrement",
    "personne",
    "condamnée",
    "stupéfiants",
    "corruption",
    "blanchiment",
    "produits",
    "réciprocité",
];
const AR: &[&str] = &[
    "طلب",
    "المساعدة",
    "القانونية",
    "المتبادلة",
    "تسليم",
    "المجرمين",
    "السلطة",
    "المركزية",
    "النيابة",
    "العامة",
    "الجنائية",
    "الشاهد",
    "الاستماع",
    "التفتيش",
    "الحجز",
    "التجميد",
    "المصادرة",
    "الحكم",
    "المحكمة",
    "الأدلة",
    "التنفيذ",
    "المهلة",
    "المعاهدة",
    "الاتفاقية",
    "الدولة",
    "نقل",
    "المحكوم",
    "المخدرات",
    "الفساد",
    "غسل",
    "الأموال",
    "المعاملة",
    "بالمثل",
];

/// Syllables of generated words per script, so the vocabulary is large (most words rare) and realistic.
const SYLLABLES: [&[&str]; 4] = [
    &["ва", "ко", "ни", "ст", "ра", "ле", "мо", "ту", "пе", "жи", "ды", "че"],
    &["ta", "ro", "ven", "li", "mar", "cus", "de", "po", "sin", "gra", "tel", "ori"],
    &["pré", "ju", "ment", "ca", "lio", "ré", "sion", "por", "té", "qui", "ben", "ta"],
    &["سا", "لي", "مو", "كر", "تب", "نا", "حد", "فع", "قي", "جو", "زم", "هل"],
];
const LANGS: [&str; 4] = ["ru", "en", "fr", "ar"];
const COUNTRIES: [&str; 8] = ["RU", "UZ", "KZ", "AM", "GB", "FR", "IQ", "MA"];

fn vocabulary(lang: usize, size: usize) -> Vec<String> {
    let base: &[&str] = [RU, EN, FR, AR][lang];
    let mut words: Vec<String> = base.iter().map(|w| (*w).to_owned()).collect();
    let syl = SYLLABLES[lang];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ lang as u64);
    while words.len() < size {
        let n = 2 + (rng.next() % 3) as usize;
        words.push((0..n).map(|_| syl[(rng.next() % syl.len() as u64) as usize]).collect());
    }
    words
}

fn document(rng: &mut Rng, vocabularies: &[Vec<String>], org: OrgId, i: usize) -> KnowledgeRecord {
    let lang = (rng.next() % 4) as usize;
    let vocab = &vocabularies[lang];
    let words = 80 + (rng.next() % 520) as usize;
    let text: Vec<&str> = (0..words).map(|_| vocab[rng.skewed(vocab.len())].as_str()).collect();
    let title: Vec<&str> = (0..6).map(|_| vocab[rng.skewed(vocab.len())].as_str()).collect();
    let kind = KnowledgeKind::ALL[(rng.next() % KnowledgeKind::ALL.len() as u64) as usize];
    let country = COUNTRIES[(rng.next() % COUNTRIES.len() as u64) as usize];
    KnowledgeRecord {
        id: uuid::Uuid::from_u128(0x4b42_0000_0000_0000_0000_0000_0000_0000 + i as u128),
        org,
        body: KnowledgeBody {
            title: title.join(" "),
            kind,
            language: LANGS[lang].to_owned(),
            summary: None,
            text: text.join(" "),
            countries: CountryCode::parse(country).into_iter().collect(),
            instruments: vec![["untoc", "uncac", "ets030", "minsk1993"][i % 4].to_owned()],
            articles: None,
            crime_types: Vec::new(),
            source: None,
            dated: None,
            access: if i.is_multiple_of(10) { Access::Network { network: "casc".into() } } else { Access::All },
        },
        created_by: None,
        created_at: i as i64,
        updated_at: i as i64,
        version: 1,
    }
}

/// Latencies of one pass of the queries, in milliseconds.
pub struct Pass {
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub max_ms: f64,
}

pub struct Report {
    pub documents: usize,
    pub load_seconds: f64,
    /// The first pass, every list read from the database on its first use.
    pub cold: Pass,
    /// The same queries on a fresh cache after the warm-up a server does at start.
    pub after_warm_up: Pass,
    /// The same queries again, the lists they use in memory.
    pub warm: Pass,
    pub mean_results: f64,
    /// Reading the commonest terms' lists into an empty cache (`knowledge::warm`, as a server does at start):
    /// seconds, lists, and megabytes held.
    pub warm_up_seconds: f64,
    pub warm_up_lists: usize,
    pub held_mb: f64,
}

/// Stores `n` documents, then runs `queries` searches as `reader` (one to three words, a quarter with a
/// country filter; a third of them with a word of the commonest few): on an empty cache, then on a fresh
/// one after the start's warm-up, then again.
pub async fn search(st: &AppState, org: OrgId, reader: &Caller, n: usize, queries: usize) -> Result<Report> {
    let vocabularies: Vec<Vec<String>> = (0..4).map(|l| vocabulary(l, 6_000)).collect();
    let mut rng = Rng(42);
    let started = Instant::now();
    // An interrupted load resumes: the corpus is generated in order and committed in batches, so the
    // documents stored are the first ones (generated again, unstored, to bring the generator to the same
    // point).
    let stored = {
        let mut c = st.store.read().await.map_err(|e| anyhow!("{e:?}"))?;
        usize::try_from(liaison_store::count(&mut c, "knowledge_documents").await.map_err(|e| anyhow!("{e:?}"))?)?
    };
    let mut i = 0;
    while i < stored.min(n) {
        document(&mut rng, &vocabularies, org, i);
        i += 1;
    }
    while i < n {
        let mut tx = st.store.write().await.map_err(|e| anyhow!("{e:?}"))?;
        for _ in 0..500.min(n - i) {
            knowledge::insert(&mut tx, &document(&mut rng, &vocabularies, org, i))
                .await
                .map_err(|e| anyhow!("{e:?}"))?;
            i += 1;
        }
        tx.commit().await?;
    }
    let load_seconds = started.elapsed().as_secs_f64();
    let asked: Vec<Filters> = (0..queries)
        .map(|q| {
            let vocab = &vocabularies[q % 4];
            let count = 1 + q % 3;
            let words: Vec<&str> = (0..count)
                .map(|k| {
                    if k == 0 && q.is_multiple_of(3) {
                        vocab[rng.skewed(10)].as_str()
                    } else {
                        vocab[rng.skewed(vocab.len())].as_str()
                    }
                })
                .collect();
            Filters {
                q: Some(words.join(" ")),
                country: (q % 4 == 1).then(|| COUNTRIES[q % COUNTRIES.len()].to_owned()),
                limit: Some(20),
                ..Filters::default()
            }
        })
        .collect();
    let mut results = 0usize;
    let cold = pass(st, reader, &asked, &mut results).await?;

    // As a server starts: an empty cache, the commonest lists read, then the queries.
    st.store.postings().clear();
    let t = Instant::now();
    let warm_up_lists = {
        let mut c = st.store.read().await.map_err(|e| anyhow!("{e:?}"))?;
        knowledge::warm(&mut c, st.store.postings()).await.map_err(|e| anyhow!("{e:?}"))?
    };
    let warm_up_seconds = t.elapsed().as_secs_f64();
    let held_mb = st.store.postings().held_bytes() as f64 / 1e6;
    let after_warm_up = pass(st, reader, &asked, &mut results).await?;
    let warm = pass(st, reader, &asked, &mut results).await?;
    Ok(Report {
        documents: n,
        load_seconds,
        cold,
        after_warm_up,
        warm,
        mean_results: results as f64 / (3 * queries.max(1)) as f64,
        warm_up_seconds,
        warm_up_lists,
        held_mb,
    })
}

async fn pass(st: &AppState, reader: &Caller, asked: &[Filters], results: &mut usize) -> Result<Pass> {
    let mut times = Vec::with_capacity(asked.len());
    for filters in asked {
        let t = Instant::now();
        let r = svc::search(st, reader, filters).await.map_err(|e| anyhow!("{e:?}"))?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        *results += r.total;
    }
    times.sort_by(f64::total_cmp);
    let at = |p: f64| {
        times.get(((times.len() as f64 * p) as usize).min(times.len().saturating_sub(1))).copied().unwrap_or(0.0)
    };
    Ok(Pass { p50_ms: at(0.50), p99_ms: at(0.99), max_ms: times.last().copied().unwrap_or(0.0) })
}
