//! Measures the screening engine (figures for docs/benchmarks.md):
//!
//! - `pairs N FILE [SEED]`: writes N labelled pairs as JSON lines (the input of
//!   scripts/bench-screening/nomenklatura_pairs.py, so both engines score the same pairs);
//! - `quality FILE [THRESHOLD]`: scores a pair file with this engine: precision, recall and F1 overall and
//!   per group, and pairs per second on one core (the median of 15 warm passes), as one JSON object like the Python side
//!   prints;
//! - `index N [QUERIES]`: builds the index over N synthetic records and reports build time, memory, single
//!   query p50/p99, bulk queries per second on every core and the recall of true queries in the top 10.
//!
//! `cargo run --release -p liaison-screening --features synthetic --example screening_bench -- index 1000000`

use std::io::{BufRead, Write};
use std::time::Instant;

use liaison_screening::synthetic::{self, Pair, Side};
use liaison_screening::{Index, SearchOptions, score};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let arg = |i: usize| args.get(i).map(String::as_str);
    let result = match arg(0) {
        Some("pairs") => write_pairs(arg(1), arg(2), arg(3)),
        Some("quality") => quality(arg(1), arg(2)),
        Some("index") => index(arg(1), arg(2)),
        _ => Err("usage: screening_bench pairs N FILE [SEED] | quality FILE [THRESHOLD] | index N [QUERIES]".into()),
    };
    if let Err(e) = result {
        eprintln!("error: {e}");
        std::process::exit(2);
    }
}

type Result<T> = std::result::Result<T, String>;

fn number(s: Option<&str>, what: &str) -> Result<usize> {
    s.ok_or(format!("{what} is missing"))?.replace('_', "").parse().map_err(|e| format!("{what}: {e}"))
}

fn write_pairs(n: Option<&str>, file: Option<&str>, seed: Option<&str>) -> Result<()> {
    let n = number(n, "N")?;
    let seed = seed.map(|s| number(Some(s), "SEED")).transpose()?.unwrap_or(1) as u64;
    let file = file.ok_or("FILE is missing")?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(file).map_err(|e| format!("{file}: {e}"))?);
    for pair in synthetic::pairs(n, seed) {
        let line = serde_json::to_string(&pair).map_err(|e| e.to_string())?;
        writeln!(out, "{line}").map_err(|e| e.to_string())?;
    }
    out.flush().map_err(|e| e.to_string())?;
    eprintln!("{n} pairs written to {file}");
    Ok(())
}

fn read_pairs(file: &str) -> Result<Vec<Pair>> {
    let f = std::fs::File::open(file).map_err(|e| format!("{file}: {e}"))?;
    let mut pairs = Vec::new();
    for (n, line) in std::io::BufReader::new(f).lines().enumerate() {
        let line = line.map_err(|e| e.to_string())?;
        let v: serde_json::Value = serde_json::from_str(&line).map_err(|e| format!("{file}:{}: {e}", n + 1))?;
        let side = |s: &serde_json::Value| Side {
            name: s["name"].as_str().unwrap_or_default().to_owned(),
            birth_date: s["birth_date"].as_str().map(str::to_owned),
            nationality: s["nationality"].as_str().map(str::to_owned),
        };
        pairs.push(Pair {
            id: v["id"].as_str().unwrap_or_default().to_owned(),
            group: v["group"].as_str().unwrap_or("all").to_owned(),
            label: v["label"].as_bool().unwrap_or(false),
            a: side(&v["a"]),
            b: side(&v["b"]),
        });
    }
    Ok(pairs)
}

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
    tn: u32,
}

impl Counts {
    fn add(&mut self, label: bool, predicted: bool) {
        match (label, predicted) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }

    fn json(&self) -> serde_json::Value {
        let p = f64::from(self.tp) / f64::from((self.tp + self.fp).max(1));
        let r = f64::from(self.tp) / f64::from((self.tp + self.fn_).max(1));
        let f1 = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        let round = |x: f64| (x * 10000.0).round() / 10000.0;
        serde_json::json!({"tp": self.tp, "fp": self.fp, "fn": self.fn_, "tn": self.tn,
            "precision": round(p), "recall": round(r), "f1": round(f1)})
    }
}

/// Warm passes over the pairs; the median is reported.
const ROUNDS: usize = 15;

fn quality(file: Option<&str>, threshold: Option<&str>) -> Result<()> {
    let file = file.ok_or("FILE is missing")?;
    let threshold: f32 = threshold
        .map_or(Ok(liaison_screening::DEFAULT_THRESHOLD), |t| t.parse().map_err(|e| format!("THRESHOLD: {e}")))?;
    let pairs = read_pairs(file)?;
    let people: Vec<_> = pairs.iter().map(|p| (p.a.person(), p.b.person())).collect();
    // Cold: every word analysed afresh (no cache), as a first screening of new names would.
    liaison_screening::name::set_caching(false);
    let start = Instant::now();
    let scores: Vec<f32> = people.iter().map(|(a, b)| score(&a.analyse(), &b.analyse())).collect();
    let cold_seconds = start.elapsed().as_secs_f64();
    // Warm: the word cache filled, as in a running server (the cache is per thread and bounded).
    liaison_screening::name::set_caching(true);
    people.iter().for_each(|(a, b)| {
        score(&a.analyse(), &b.analyse());
    });
    // One pass over the pairs takes a few tens of milliseconds, shorter than this shared machine's pauses:
    // the warm pass is run ROUNDS times and the median reported, with the slowest and fastest.
    let mut rounds = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let warm: Vec<f32> = people.iter().map(|(a, b)| score(&a.analyse(), &b.analyse())).collect();
        rounds.push(start.elapsed().as_secs_f64());
        if warm != scores {
            return Err("the word cache changed a score".into());
        }
    }
    rounds.sort_by(f64::total_cmp);
    let seconds = rounds[ROUNDS / 2];
    let per_second = |s: f64| (pairs.len() as f64 / s).round();
    // Every core, each thread with its own warm cache, the pairs shared out.
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let all_cores = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let people = &people;
                s.spawn(move || {
                    let mine = || people.iter().skip(t).step_by(threads);
                    mine().for_each(|(a, b)| {
                        score(&a.analyse(), &b.analyse());
                    });
                    let start = Instant::now();
                    let n = mine().map(|(a, b)| score(&a.analyse(), &b.analyse())).filter(|s| *s >= threshold).count();
                    (n, start.elapsed().as_secs_f64())
                })
            })
            .collect();
        let slowest = handles.into_iter().filter_map(|h| h.join().ok()).map(|(_, t)| t).fold(0.0, f64::max);
        pairs.len() as f64 / slowest.max(1e-9)
    });
    // The same work split: analysing the names, and comparing analysed names.
    let t = Instant::now();
    let analysed: Vec<_> = people.iter().map(|(a, b)| (a.analyse(), b.analyse())).collect();
    let analyse_seconds = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let compared = analysed.iter().filter(|(a, b)| score(a, b) >= threshold).count();
    let compare_seconds = t.elapsed().as_secs_f64();
    let mut overall = Counts::default();
    let mut groups: std::collections::BTreeMap<&str, Counts> = Default::default();
    for (pair, score) in pairs.iter().zip(&scores) {
        overall.add(pair.label, *score >= threshold);
        groups.entry(pair.group.as_str()).or_default().add(pair.label, *score >= threshold);
    }
    let by_group: serde_json::Map<String, serde_json::Value> =
        groups.iter().map(|(g, c)| ((*g).to_owned(), c.json())).collect();
    let report = serde_json::json!({
        "algorithm": liaison_screening::ALGORITHM,
        "threshold": threshold,
        "pairs": pairs.len(),
        "seconds": (seconds * 1000.0).round() / 1000.0,
        "pairs_per_second": per_second(seconds),
        "rounds": ROUNDS,
        "slowest_round_pairs_per_second": per_second(rounds[ROUNDS - 1]),
        "fastest_round_pairs_per_second": per_second(rounds[0]),
        "cold_seconds": (cold_seconds * 1000.0).round() / 1000.0,
        "cold_pairs_per_second": (pairs.len() as f64 / cold_seconds).round(),
        "all_cores_pairs_per_second": all_cores.round(),
        "threads": threads,
        "analyse_seconds": (analyse_seconds * 1000.0).round() / 1000.0,
        "compare_seconds": (compare_seconds * 1000.0).round() / 1000.0,
        "compared_hits": compared,
        "overall": overall.json(),
        "by_group": by_group,
    });
    println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
    if std::env::var_os("SCREENING_BENCH_ERRORS").is_some() {
        for (pair, score) in pairs.iter().zip(&scores) {
            if pair.label != (*score >= threshold) {
                eprintln!("{} {} {:.3} | {} | {}", pair.group, pair.label, score, pair.a.name, pair.b.name);
            }
        }
    }
    Ok(())
}

/// The resident memory of this process, from /proc (Linux).
fn rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse::<u64>().ok().map(|kb| kb * 1024)
}

fn index(n: Option<&str>, queries: Option<&str>) -> Result<()> {
    let n = number(n, "N")?;
    let q = queries.map(|s| number(Some(s), "QUERIES")).transpose()?.unwrap_or(2000);
    let rss_before = rss_bytes().unwrap_or(0);
    let start = Instant::now();
    let mut index = Index::new();
    let mut sample = Vec::new();
    let every = (n / q.max(1)).max(1);
    for (i, record) in synthetic::records(n, 42).enumerate() {
        index.insert(&record.id, &record.person);
        if i % every == 0 && sample.len() < q {
            sample.push(record);
        }
    }
    let build = start.elapsed().as_secs_f64();
    let rss = rss_bytes().unwrap_or(0).saturating_sub(rss_before);
    // Half the queries are people in the index written another way, half are people who are not in it.
    let mut queries = Vec::new();
    let outsiders: Vec<_> = synthetic::records(q / 2, 4242).collect();
    for (i, r) in sample.iter().take(q / 2).enumerate() {
        queries.push((Some(r.id.clone()), synthetic::query_for(r, i as u64).analyse()));
    }
    for (i, r) in outsiders.iter().enumerate() {
        queries.push((None, synthetic::query_for(r, 10_000 + i as u64).analyse()));
    }
    let options = SearchOptions::default();
    let mut times = Vec::with_capacity(queries.len());
    let (mut found, mut wanted, mut candidates, mut postings) = (0usize, 0usize, 0usize, 0usize);
    for (target, query) in &queries {
        let t = Instant::now();
        let (hits, stats) = index.search_analysed(query, options);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        candidates += stats.candidates;
        postings += stats.postings_read;
        if let Some(id) = target {
            wanted += 1;
            if hits.iter().any(|h| &h.record == id) {
                found += 1;
            }
        }
    }
    if std::env::var_os("SCREENING_BENCH_SLOW").is_some() {
        let mut slow: Vec<(f64, usize)> = times.iter().copied().zip(0..).collect();
        slow.sort_by(|a, b| b.0.total_cmp(&a.0));
        for (ms, i) in slow.into_iter().take(25) {
            if let Some((_, q)) = queries.get(i) {
                let (_, stats) = index.search_analysed(q, options);
                let words: Vec<&str> = q.names.iter().flatten().map(|t| &*t.word).collect();
                eprintln!("{ms:.2} ms {words:?} dates {:?} {stats:?}", q.birth_dates);
            }
        }
    }
    times.sort_by(f64::total_cmp);
    let pct = |p: f64| times.get(((times.len() as f64 - 1.0) * p).round() as usize).copied().unwrap_or(0.0);
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let bulk_start = Instant::now();
    std::thread::scope(|s| {
        for t in 0..threads {
            let (index, queries) = (&index, &queries);
            s.spawn(move || {
                for (_, query) in queries.iter().skip(t).step_by(threads) {
                    let _ = index.search_analysed(query, options);
                }
            });
        }
    });
    let bulk = queries.len() as f64 / bulk_start.elapsed().as_secs_f64();
    let report = serde_json::json!({
        "records": index.len(),
        "build_seconds": (build * 10.0).round() / 10.0,
        "records_per_second": (n as f64 / build).round(),
        "index_bytes_counted": index.memory_bytes(),
        "resident_bytes_added": rss,
        "queries": queries.len(),
        "p50_ms": (pct(0.5) * 1000.0).round() / 1000.0,
        "p99_ms": (pct(0.99) * 1000.0).round() / 1000.0,
        "max_ms": (pct(1.0) * 1000.0).round() / 1000.0,
        "bulk_queries_per_second": bulk.round(),
        "threads": threads,
        "mean_candidates": candidates / queries.len().max(1),
        "mean_postings_read": postings / queries.len().max(1),
        "true_queries_found_in_top_10": format!("{found}/{wanted}"),
    });
    println!("{}", serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?);
    Ok(())
}
