//! `liaison screen`: screening without a server, for batch work. Records are FollowTheMoney JSON lines or
//! INTERPOL notice JSON; queries are JSON lines `{"id", "name", "birth_date", "nationality"}`; each hit is
//! printed as one JSON line `{"query", "record", "score", "explanation"}`. Bad records and queries are
//! reported on stderr with their place and skipped.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use clap::Args;
use liaison_domain::notice::{NoticeKind, ftm, interpol};
use liaison_screening::{BirthDate, Index, Person, SearchOptions};

#[derive(Args)]
pub struct ScreenArgs {
    /// The records to screen against: FtM JSON lines or INTERPOL notice JSON (list or detail).
    #[arg(long)]
    records: PathBuf,
    /// The people to look for: JSON lines with "id", "name" and optionally "birth_date" and "nationality".
    #[arg(long)]
    queries: PathBuf,
    /// The score from which a record is a hit (0 to 1).
    #[arg(long, default_value_t = liaison_screening::DEFAULT_THRESHOLD)]
    threshold: f32,
    /// At most this many hits per query.
    #[arg(long, default_value_t = 10)]
    top: usize,
}

/// FtM files are JSON lines whose objects carry a schema (a broken first line does not hide it); anything
/// else is read as INTERPOL JSON.
fn looks_like_ftm(text: &str) -> bool {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .any(|v| v.get("schema").is_some())
}

fn load_records(path: &PathBuf) -> Result<Index> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let imported = if looks_like_ftm(&text) {
        ftm::import(&text, NoticeKind::Blue)
    } else {
        interpol::import(&text, Some(NoticeKind::Blue))
    };
    for e in &imported.errors {
        eprintln!("{}: {e}", path.display());
    }
    let mut index = Index::new();
    for (n, notice) in imported.notices.iter().enumerate() {
        let Some(person) = notice.person() else { continue };
        let id = notice
            .source_id
            .as_deref()
            .and_then(|s| s.split_once(':'))
            .map_or_else(|| format!("record {}", n + 1), |(_, id)| id.to_owned());
        index.insert(&id, &Person::from(person));
    }
    if index.is_empty() && !imported.errors.is_empty() {
        bail!("no record of {} could be read", path.display());
    }
    eprintln!("{}: {} records", path.display(), index.len());
    Ok(index)
}

fn query(line: &str) -> Result<(String, Person), String> {
    let v: serde_json::Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
    let id = match &v["id"] {
        serde_json::Value::String(s) if !s.trim().is_empty() => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return Err("\"id\" is missing".into()),
    };
    let name = v["name"].as_str().filter(|n| !n.trim().is_empty()).ok_or("\"name\" is missing")?;
    let birth_dates = match v["birth_date"].as_str().filter(|d| !d.trim().is_empty()) {
        Some(d) => vec![BirthDate::parse(d).ok_or(format!("\"birth_date\" '{d}' is not YYYY, YYYY-MM or YYYY-MM-DD"))?],
        None => Vec::new(),
    };
    let nationalities = v["nationality"].as_str().map(|n| vec![n.trim().to_ascii_uppercase()]).unwrap_or_default();
    Ok((id, Person { names: vec![name.to_owned()], birth_dates, nationalities }))
}

pub fn run(a: ScreenArgs) -> Result<()> {
    if !(0.0..=1.0).contains(&a.threshold) {
        bail!("--threshold: {} is not between 0 and 1", a.threshold);
    }
    let index = load_records(&a.records)?;
    let file = std::fs::File::open(&a.queries).with_context(|| format!("cannot read {}", a.queries.display()))?;
    let mut queries = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{}: line {}", a.queries.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        match query(&line) {
            Ok(q) => queries.push(q),
            Err(reason) => eprintln!("{}: line {}: {reason}", a.queries.display(), n + 1),
        }
    }
    let options = SearchOptions { threshold: a.threshold, top: a.top };
    // Queries are screened on every core; the output keeps their order.
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(queries.len().max(1));
    let chunk = queries.len().div_ceil(threads).max(1);
    let results: Vec<Vec<String>> = std::thread::scope(|s| {
        let handles: Vec<_> = queries
            .chunks(chunk)
            .map(|part| {
                let index = &index;
                s.spawn(move || {
                    part.iter()
                        .flat_map(|(id, person)| {
                            index.search(person, options).into_iter().map(move |hit| {
                                serde_json::json!({"query": id, "record": hit.record, "score": hit.score, "explanation": hit.explanation})
                                    .to_string()
                            })
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap_or_default()).collect()
    });
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for line in results.into_iter().flatten() {
        writeln!(out, "{line}")?;
    }
    out.flush()?;
    Ok(())
}
