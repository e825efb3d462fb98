//! `liaison legal-basis`: the resolver on the command line, from the reference data shipped in the binary.

use anyhow::{Result, anyhow, bail};
use clap::Args;
use liaison_domain::CountryCode;
use liaison_domain::date::Date;
use liaison_domain::legal_basis::{CooperationType, Query, resolve};
use liaison_domain::reference::shipped_catalogue;

#[derive(Args)]
pub struct LegalBasisArgs {
    /// Requesting state (ISO 3166-1 alpha-2).
    #[arg(long)]
    from: String,
    /// Requested state.
    #[arg(long)]
    to: String,
    /// mla, extradition, transfer_of_proceedings, transfer_of_sentenced_persons, confiscation, recognition_of_judgment
    #[arg(long = "type")]
    kind: String,
    /// The measure sought (for MLA), shown with the answer.
    #[arg(long)]
    measure: Option<String>,
    /// Offence category, shown with the answer.
    #[arg(long)]
    offence: Option<String>,
    /// Date to judge on (YYYY-MM-DD); today by default.
    #[arg(long)]
    date: Option<String>,
    /// Print the answer as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(a: LegalBasisArgs, today: Date) -> Result<()> {
    let state = |s: &str, flag: &str| CountryCode::parse(s).map_err(|e| anyhow!("--{flag}: {}", e.message));
    let Some(kind) = CooperationType::parse(&a.kind) else {
        bail!("--type: '{}' is not one of {}", a.kind, CooperationType::ALL.map(|t| t.as_str()).join(", "));
    };
    let date = match &a.date {
        Some(d) => Date::parse(d).map_err(|e| anyhow!("--date: {}", e.message))?,
        None => today,
    };
    let q = Query {
        requesting: state(&a.from, "from")?,
        requested: state(&a.to, "to")?,
        kind,
        measure: a.measure,
        offence: a.offence,
        date,
    };
    let cat = shipped_catalogue()
        .map_err(|e| anyhow!("reference data: {}", e.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("; ")))?;
    let ans = resolve(&cat, &q);
    if a.json {
        println!("{}", serde_json::to_string_pretty(&ans)?);
        return Ok(());
    }
    println!(
        "Legal basis for {} from {} ({}) to {} ({}) on {}",
        q.kind,
        q.requesting,
        q.requesting.english_name(),
        q.requested,
        q.requested.english_name(),
        q.date
    );
    for (i, b) in ans.bases.iter().enumerate() {
        println!("\n{}. {} — {} [{:?}]", i + 1, b.short, b.title, b.level);
        println!("   {}", b.explanation);
        if let Some(p) = &b.provision {
            if !p.articles.is_empty() {
                println!("   articles: {}", p.articles);
            }
            if !p.channels.is_empty() {
                println!("   channel: {:?} {}", p.channels, p.channel_note);
            }
            if !p.language.is_empty() {
                println!("   language: {}", p.language);
            }
            if let Some(dc) = p.dual_criminality {
                println!("   dual criminality: {dc:?} {}", p.dual_criminality_note);
            }
        }
    }
    if let Some(r) = &ans.reciprocity {
        println!("\n{r}");
    }
    if !ans.excluded.is_empty() {
        println!("\nConsidered and set aside:");
        for e in &ans.excluded {
            println!("  - {}: {}", e.short, e.reason);
        }
    }
    for w in &ans.warnings {
        println!("\nwarning: {w}");
    }
    Ok(())
}
