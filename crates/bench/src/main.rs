//! Benchmarks that print figures for docs/benchmarks.md:
//! 1. an authenticated JSON GET (`/api/v1/me` with an API token) under load from `wrk`, beside a bare
//!    axum handler on the same machine in the same run, as a ratio;
//! 2. the commit rate of audited writes (one change plus its hash-chained audit event per transaction)
//!    on SQLite and, when `LIAISON_BENCH_POSTGRES_URL` is set, on PostgreSQL.
//!
//! Run: `cargo run --release -p liaison-bench` (needs Debian's `wrk`).

mod knowledge;
mod requests;
mod results;
mod screening;

use anyhow::{Context, Result, bail};
use liaison_server::auth::principal::actor_of;
use liaison_server::clock::SystemClock;
use liaison_server::services::{Caller, accounts, orgs, tokens, users};
use liaison_server::state::AppState;
use liaison_store::Store;
use std::sync::Arc;
use std::time::{Duration, Instant};

const SECONDS: u32 = 10;
const CONNECTIONS: u32 = 32;

#[tokio::main]
async fn main() -> Result<()> {
    // Errors the server logs (the cause of an internal error) go to stderr.
    tracing_subscriber::fmt().with_env_filter("warn").with_writer(std::io::stderr).init();
    let dir = std::env::temp_dir().join(format!("liaison-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir)?;
    // A given SQLite database is kept (a loaded knowledge base is searched again without loading it).
    let sqlite = std::env::var("LIAISON_BENCH_SQLITE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", dir.join("bench.db").display()));

    if std::env::args().nth(1).as_deref() == Some("screening") {
        return screening_only(&sqlite).await;
    }
    if std::env::args().nth(1).as_deref() == Some("results") {
        return results_only(&sqlite).await;
    }
    if std::env::args().nth(1).as_deref() == Some("knowledge") {
        let n = std::env::args().nth(2).and_then(|n| n.parse().ok()).unwrap_or(100_000);
        return knowledge_only(&sqlite, n).await;
    }
    println!(
        "# Liaison benchmarks ({} logical CPUs)",
        std::thread::available_parallelism().map(|n| n.get()).unwrap_or(0)
    );
    println!();
    let (st, secret) = setup(&sqlite).await?;
    let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
    let liaison_url = format!("http://{}/api/v1/me", listener.local_addr()?);
    let s2 = st.clone();
    tokio::spawn(async move { liaison_server::serve(s2, listener, std::future::pending()).await });

    let bare = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let bare_url = format!("http://{}/me", bare.local_addr()?);
    let app = axum::Router::new()
        .route("/me", axum::routing::get(|| async { axum::Json(serde_json::json!({"user": {"username": "bench"}})) }));
    tokio::spawn(async move { axum::serve(bare, app).await });
    tokio::time::sleep(Duration::from_millis(300)).await;

    let base = liaison_url.trim_end_matches("/me").to_string();
    let bare_r = wrk(&bare_url, None)?;
    let liaison_r = wrk(&liaison_url, Some(&secret))?;
    println!("## Authenticated JSON GET (wrk, {CONNECTIONS} connections, 2 threads, {SECONDS} s, SQLite)");
    println!();
    println!("| endpoint | requests/s | p50 | p99 |");
    println!("|---|---|---|---|");
    println!("| bare axum handler (`/me`, no auth) | {:.0} | {} | {} |", bare_r.rps, bare_r.p50, bare_r.p99);
    println!(
        "| Liaison `/api/v1/me` (token lookup, user and organisation read, JSON) | {:.0} | {} | {} |",
        liaison_r.rps, liaison_r.p50, liaison_r.p99
    );
    println!();
    println!("Liaison / bare = {:.2} of the throughput.", liaison_r.rps / bare_r.rps);
    println!();

    let lb = wrk(&format!("{base}/legal-basis?from=RU&to=AM&type=mla&date=2025-01-01"), Some(&secret))?;
    let dir = wrk(&format!("{base}/directory/authorities?type=mla&limit=50"), Some(&secret))?;
    println!("## Reference data over HTTP (same load, SQLite)");
    println!();
    println!("| endpoint | requests/s | p50 | p99 |");
    println!("|---|---|---|---|");
    println!("| `GET /api/v1/legal-basis?from=RU&to=AM&type=mla` | {:.0} | {} | {} |", lb.rps, lb.p50, lb.p99);
    println!("| `GET /api/v1/directory/authorities?type=mla` | {:.0} | {} | {} |", dir.rps, dir.p50, dir.p99);
    println!();
    resolver_throughput()?;
    println!(
        "## Audited writes (change + hash-chained audit event, one transaction each, 8 concurrent writers, {SECONDS} s)"
    );
    println!();
    println!("| engine | commits/s | audit chain after the run |");
    println!("|---|---|---|");
    let (rate, chain) = audited_writes(&st).await?;
    println!("| SQLite (WAL, synchronous=FULL) | {rate:.0} | {chain} |");
    if let Ok(pg) = std::env::var("LIAISON_BENCH_POSTGRES_URL") {
        let (st, _) = setup(&pg).await?;
        let (rate, chain) = audited_writes(&st).await?;
        println!("| PostgreSQL (fsync on, synchronous_commit on) | {rate:.0} | {chain} |");
    } else {
        println!("| PostgreSQL | not run: set LIAISON_BENCH_POSTGRES_URL | |");
    }
    println!();
    let mut engines = vec![("SQLite", st.clone(), liaison_url.trim_end_matches("/api/v1/me").to_string())];
    if let Ok(pg) = std::env::var("LIAISON_BENCH_POSTGRES_URL") {
        let (pst, _) = setup(&pg).await?;
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        let url = format!("http://{}", listener.local_addr()?);
        let s2 = pst.clone();
        tokio::spawn(async move { liaison_server::serve(s2, listener, std::future::pending()).await });
        engines.push(("PostgreSQL", pst, url));
    }
    println!(
        "## Requests: full lifecycles (create, write, mark ready, send, acknowledge, execute), 8 officers, {SECONDS} s"
    );
    println!();
    println!("| engine | lifecycles/s | audited transactions/s |");
    println!("|---|---|---|");
    for (name, st, _) in &engines {
        let (cycles, txs) = requests::lifecycles(st, u64::from(SECONDS), 8).await?;
        println!("| {name} | {cycles:.1} | {txs:.0} |");
    }
    println!();
    const N: usize = 100_000;
    println!("## Unanswered requests over {N} requests of one organisation (13 states, 60 % unanswered)");
    println!();
    println!(
        "| engine | fill time | backlog (service) p50 / p99 | `GET /api/v1/requests/unanswered` | `GET /api/v1/requests?pending=true&country=UZ` |"
    );
    println!("|---|---|---|---|---|");
    for (name, st, base) in &engines {
        let (secret, fill_secs, caller, _) = requests::fill(st, N, 730).await?;
        let (p50, p99, rows) = requests::backlog_latency(st, &caller, 50).await?;
        let page = wrk(&format!("{base}/api/v1/requests/unanswered"), Some(&secret))?;
        let list = wrk(&format!("{base}/api/v1/requests?pending=true&country=UZ&limit=50"), Some(&secret))?;
        println!(
            "| {name} | {fill_secs:.0} s | {p50:.1} ms / {p99:.1} ms ({rows} states) | {:.0} req/s, p50 {}, p99 {} | {:.0} req/s, p50 {}, p99 {} |",
            page.rps, page.p50, page.p99, list.rps, list.p50, list.p99
        );
    }
    Ok(())
}

/// The pure resolver over the shipped catalogue: every ordered pair of the seed states × every type.
fn resolver_throughput() -> Result<()> {
    use liaison_domain::legal_basis::{CooperationType, Query, resolve};
    let cat = liaison_domain::reference::shipped_catalogue().map_err(|e| anyhow::anyhow!("{}", e[0]))?;
    let states: Vec<liaison_domain::CountryCode> =
        ["RU", "AZ", "BY", "IR", "IQ", "MN", "UZ", "KZ", "KG", "TJ", "TM", "AM", "GE"]
            .iter()
            .filter_map(|c| liaison_domain::CountryCode::parse(c).ok())
            .collect();
    let date = liaison_domain::date::Date::new(2025, 6, 1).context("date")?;
    let mut queries = Vec::new();
    for a in &states {
        for b in &states {
            for kind in CooperationType::ALL {
                queries.push(Query { requesting: *a, requested: *b, kind, measure: None, offence: None, date });
            }
        }
    }
    let start = Instant::now();
    let mut bases = 0usize;
    let rounds = 50;
    for _ in 0..rounds {
        for q in &queries {
            bases += resolve(&cat, q).bases.len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let n = queries.len() * rounds;
    println!("## Legal-basis resolver (pure, one core, {} instruments)", cat.instruments.len());
    println!();
    println!(
        "{n} answers ({} pairs × 6 types × {rounds} rounds, {bases} bases in all) in {:.2} s: {:.0} answers/s, {:.1} µs each.",
        states.len() * states.len(),
        secs,
        n as f64 / secs,
        secs * 1e6 / n as f64
    );
    println!();
    Ok(())
}

/// The engines a benchmark runs on: SQLite, and PostgreSQL when `LIAISON_BENCH_POSTGRES_URL` is set;
/// `LIAISON_BENCH_ONLY=sqlite|postgres` keeps one (to run the two in separate processes).
fn engines(sqlite: &str) -> Vec<(&'static str, String)> {
    let only = std::env::var("LIAISON_BENCH_ONLY").unwrap_or_default();
    let mut engines = Vec::new();
    if only != "postgres" {
        engines.push(("SQLite", sqlite.to_owned()));
    }
    if let (Ok(pg), true) = (std::env::var("LIAISON_BENCH_POSTGRES_URL"), only != "sqlite") {
        engines.push(("PostgreSQL", pg));
    }
    engines
}

/// `liaison-bench screening`: a 10,000-row manifest screened over the API against 20,000 notices.
/// `liaison-bench results`: a working group's results over ten years of data on each engine.
async fn results_only(sqlite: &str) -> Result<()> {
    let engines = engines(sqlite);
    println!("## A working group's results over ten years (200 meetings, 500 tasks)");
    println!();
    println!(
        "| engine | requests stored (of the group's parties) | ten years' results p50 | p99 | yearly report PDF (bilingual) |"
    );
    println!("|---|---|---|---|---|");
    for (name, url) in engines {
        let (st, _) = setup(&url).await?;
        let r = results::ten_years(&st, 100_000).await?;
        println!(
            "| {name} | {} ({} executed between the parties) | {:.1} ms | {:.1} ms | {:.0} ms |",
            r.requests, r.group_requests, r.p50_ms, r.p99_ms, r.report_ms
        );
    }
    Ok(())
}

/// `liaison-bench knowledge [N]`: knowledge-base search over N documents on each engine.
async fn knowledge_only(sqlite: &str, n: usize) -> Result<()> {
    let engines = engines(sqlite);
    println!("## Knowledge-base search ({n} documents in ru, en, fr, ar; 1,000 queries of one to three words)");
    println!();
    println!(
        "| engine | load | no lists in memory: p50 / p99 / max | after the start's warm-up | lists in memory | mean found | warm-up |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (name, url) in engines {
        let (st, _) = setup(&url).await?;
        let publisher = screening::officer(&st, "UZ", "Publisher").await?;
        let reader = screening::officer(&st, "KZ", "Reader").await?;
        let org = publisher.actor().map(|a| a.org).ok_or_else(|| anyhow::anyhow!("no actor"))?;
        let r = knowledge::search(&st, org, &reader, n, 1_000).await?;
        println!(
            "| {name} | {} documents in {:.0} s | {:.1} / {:.1} / {:.1} ms | {:.1} / {:.1} / {:.1} ms | {:.1} / {:.1} / {:.1} ms | {:.0} | {} lists, {:.0} MB in {:.1} s |",
            r.documents,
            r.load_seconds,
            r.cold.p50_ms,
            r.cold.p99_ms,
            r.cold.max_ms,
            r.after_warm_up.p50_ms,
            r.after_warm_up.p99_ms,
            r.after_warm_up.max_ms,
            r.warm.p50_ms,
            r.warm.p99_ms,
            r.warm.max_ms,
            r.mean_results,
            r.warm_up_lists,
            r.held_mb,
            r.warm_up_seconds
        );
    }
    Ok(())
}

async fn screening_only(sqlite: &str) -> Result<()> {
    let engines = engines(sqlite);
    println!("## A passenger manifest screened over the API (`POST /api/v1/screenings/list`, CSV in, JSON lines out)");
    println!();
    println!(
        "| engine | notices (import) | manifest rows | time to the last line | rows/s | planted people found | hits |"
    );
    println!("|---|---|---|---|---|---|---|");
    for (name, url) in engines {
        let (st, _) = setup(&url).await?;
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        let base = format!("http://{}", listener.local_addr()?);
        let s2 = st.clone();
        tokio::spawn(async move { liaison_server::serve(s2, listener, std::future::pending()).await });
        tokio::time::sleep(Duration::from_millis(200)).await;
        let r = screening::manifest(&st, &base, 20_000, 10_000, 100).await?;
        println!(
            "| {name} | {} ({:.1} s) | {} | {:.2} s | {:.0} | {} of {} | {} |",
            r.notices,
            r.import_seconds,
            r.rows,
            r.seconds,
            r.rows as f64 / r.seconds,
            r.found,
            r.planted,
            r.hits
        );
    }
    Ok(())
}

async fn setup(url: &str) -> Result<(AppState, String)> {
    let store = Store::open(url).await?;
    let st = AppState::new(store, Default::default(), Arc::new(SystemClock))?;
    liaison_server::services::reference::load_shipped(&st).await.map_err(|e| anyhow::anyhow!("{e}"))?;
    let org = orgs::create(
        &st,
        &Caller::Cli,
        orgs::NewOrg {
            name: format!("Bench {}", uuid::Uuid::new_v4()),
            country: "RU".into(),
            kind: "prosecutor".into(),
            require_totp: false,
            is_operator: false,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let user = users::create(
        &st,
        &Caller::Cli,
        users::NewUser {
            org_id: org.id,
            username: format!("bench{}", &uuid::Uuid::new_v4().simple().to_string()[..8]),
            display_name: "Нагрузка".into(),
            email: None,
            roles: vec!["analyst".into()],
            password: "Benchmark-Password-2026".into(),
            locale: None,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let caller = Caller::User { actor: actor_of(&user, &org, None), username: user.username.to_string(), client: None };
    let (_, secret) = tokens::create(
        &st,
        &caller,
        tokens::NewToken { name: "bench".into(), scopes: vec!["read".into(), "write".into()], expires_in_days: 1 },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok((st, secret))
}

struct WrkResult {
    rps: f64,
    p50: String,
    p99: String,
}

fn wrk(url: &str, token: Option<&str>) -> Result<WrkResult> {
    let mut cmd = std::process::Command::new("wrk");
    cmd.args(["-t2", &format!("-c{CONNECTIONS}"), &format!("-d{SECONDS}s"), "--latency"]);
    if let Some(t) = token {
        cmd.args(["-H", &format!("Authorization: Bearer {t}")]);
    }
    let out = cmd.arg(url).output().context("running wrk (apt-get install wrk)")?;
    let text = String::from_utf8_lossy(&out.stdout);
    if text.contains("Non-2xx") {
        bail!("wrk saw error answers:\n{text}");
    }
    let find = |prefix: &str| text.lines().find_map(|l| l.trim().strip_prefix(prefix).map(|v| v.trim().to_string()));
    Ok(WrkResult {
        rps: find("Requests/sec:").and_then(|v| v.parse().ok()).context("wrk output without Requests/sec")?,
        p50: find("50%").context("no p50")?,
        p99: find("99%").context("no p99")?,
    })
}

/// Eight writers change a user's interface language in a loop; each change commits with its audit event.
async fn audited_writes(st: &AppState) -> Result<(f64, String)> {
    let org = orgs::create(
        st,
        &Caller::Cli,
        orgs::NewOrg {
            name: format!("Writers {}", uuid::Uuid::new_v4()),
            country: "UZ".into(),
            kind: "prosecutor".into(),
            require_totp: false,
            is_operator: false,
        },
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut principals = Vec::new();
    for i in 0..8 {
        let u = users::create(
            st,
            &Caller::Cli,
            users::NewUser {
                org_id: org.id,
                username: format!("w{i}-{}", &uuid::Uuid::new_v4().simple().to_string()[..6]),
                display_name: format!("Writer {i}"),
                email: None,
                roles: vec!["analyst".into()],
                password: "Benchmark-Password-2026".into(),
                locale: None,
            },
        )
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
        let actor = actor_of(&u, &org, None);
        principals.push(liaison_server::auth::principal::Principal {
            user: u,
            org: org.clone(),
            actor,
            via: liaison_server::auth::principal::Via::Token(liaison_domain::TokenId(uuid::Uuid::nil())),
            client: None,
        });
    }
    let deadline = Instant::now() + Duration::from_secs(u64::from(SECONDS));
    let start = Instant::now();
    let mut tasks = Vec::new();
    for p in principals {
        let st = st.clone();
        tasks.push(tokio::spawn(async move {
            let mut n = 0u64;
            while Instant::now() < deadline {
                let locale = if n.is_multiple_of(2) { "ru" } else { "en" };
                if accounts::set_locale(&st, &p, locale).await.is_ok() {
                    n += 1;
                }
            }
            n
        }));
    }
    let mut total = 0;
    for t in tasks {
        total += t.await?;
    }
    let rate = total as f64 / start.elapsed().as_secs_f64();
    let mut c = st.store.read().await?;
    let chain = match liaison_store::audit::verify(&mut c).await? {
        liaison_store::audit::Verification::Intact { events, .. } => format!("intact, {events} events"),
        liaison_store::audit::Verification::Broken(e) => format!("BROKEN: {e}"),
    };
    Ok((rate, chain))
}
