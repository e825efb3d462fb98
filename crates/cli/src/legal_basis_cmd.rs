//! `liaison legal-basis`: the resolver on the command line, from the reference data shipped in the binary.

use anyhow::{Result, anyhow, bail};
use clap::Args;
use liaison_domain::CountryCode;
use liaison_domain::date::Date;
use liaison_domain::legal_basis::{CooperationType, Query, resolve};
use liaison_domain::reference::{shipped_catalogue, shipped_directory};

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
    /// Use the reference data stored in this database (with `--data-dir` or `--database-url`) instead of
    /// the data shipped in the binary.
    #[command(flatten)]
    db: crate::config::DbArgs,
}

pub async fn run(a: LegalBasisArgs, today: Date) -> Result<()> {
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
    let stored = a.db.data_dir.is_some() || a.db.database_url.is_some() || a.db.config.is_some();
    let joined = |e: Vec<liaison_domain::legal_basis::import::ImportError>| {
        anyhow!("reference data: {}", e.iter().map(|x| x.to_string()).collect::<Vec<_>>().join("; "))
    };
    let (ans, send_to) = if stored {
        let st = crate::cli_state(a.db.clone()).await?;
        crate::load_shipped_reference(&st).await?;
        let (ans, entries) =
            liaison_server::services::reference::legal_basis(&st, &liaison_server::services::Caller::Cli, &q)
                .await
                .map_err(crate::show)?;
        st.store.close().await;
        (ans, entries.into_iter().map(|e| e.authority).collect::<Vec<_>>())
    } else {
        let cat = shipped_catalogue().map_err(joined)?;
        let dir = shipped_directory().map_err(joined)?;
        let in_state: Vec<_> =
            dir.authorities.into_iter().filter(|x| x.country == q.requested && x.handles(q.kind)).collect();
        let central: Vec<_> = in_state.iter().filter(|x| x.central_for(q.kind)).cloned().collect();
        (resolve(&cat, &q), if central.is_empty() { in_state } else { central })
    };
    if a.json {
        println!("{}", serde_json::to_string_pretty(&serde_json::json!({"answer": ans, "send_to": send_to}))?);
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
            for d in &b.requested_declarations {
                println!("   declaration of {} ({}): {}", q.requested, d.article, d.text);
            }
            if let Some(dc) = p.dual_criminality {
                println!("   dual criminality: {dc:?} {}", p.dual_criminality_note);
            }
        }
    }
    if send_to.is_empty() {
        println!("\nSend to: no authority of {} for {} is in the directory yet.", q.requested, q.kind);
    } else {
        println!("\nSend to:");
        for x in &send_to {
            let role = if x.central_for(q.kind) { "central authority" } else { "competent authority" };
            println!("  - {} ({}) — {role} [{}]", x.name, x.name_en.clone().unwrap_or_default(), x.id);
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
