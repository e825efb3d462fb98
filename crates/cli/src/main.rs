//! The `liaison` binary: serve, demo, administration and verification commands.

mod config;
mod demo;
mod demo_groups;
mod demo_knowledge;
mod demo_notices;
mod demo_requests;
mod legal_basis_cmd;
mod screen_cmd;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand};
use config::{DbArgs, ServeArgs};
use liaison_domain::page::PageRequest;
use liaison_server::services::{Caller, orgs, users};
use liaison_server::state::AppState;
use liaison_store::audit::Verification;
use std::io::BufRead;

#[derive(Parser)]
#[command(name = "liaison", version, about = "Liaison: secure international cooperation in criminal matters")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Start the server.
    Serve(ServeArgs),
    /// Start the server on a data directory filled with demonstration data when empty.
    Demo(ServeArgs),
    /// Apply database migrations and exit.
    Migrate(DbArgs),
    /// Manage user accounts.
    #[command(subcommand)]
    User(UserCmd),
    /// Manage organisations.
    #[command(subcommand)]
    Org(OrgCmd),
    /// Audit trail tools.
    #[command(subcommand)]
    Audit(AuditCmd),
    /// Load data files into the database.
    #[command(subcommand)]
    Import(ImportCmd),
    /// Find the legal bases for cooperation between two states (from the shipped reference data).
    LegalBasis(legal_basis_cmd::LegalBasisArgs),
    /// Screen people against notice records offline, without a server (batch work).
    Screen(screen_cmd::ScreenArgs),
    /// Print the OpenAPI document of the JSON API.
    Openapi,
    /// Chase deadlines once: send the reminders owed today and the e-mail waiting (for cron; `serve`
    /// also does it on its own schedule).
    Remind(ServeArgs),
}

#[derive(Subcommand)]
enum UserCmd {
    /// Create a user.
    Add {
        #[command(flatten)]
        db: DbArgs,
        /// Organisation id or exact name.
        #[arg(long)]
        org: String,
        #[arg(long)]
        username: String,
        #[arg(long)]
        display_name: String,
        #[arg(long)]
        email: Option<String>,
        /// Role (repeatable): administrator, central_authority_officer, prosecutor, liaison_officer,
        /// working_group_secretary, analyst, auditor, observer.
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
        #[arg(long)]
        locale: Option<String>,
        /// Read the password from the first line of standard input (otherwise one is generated and printed).
        #[arg(long)]
        password_stdin: bool,
    },
    /// List users.
    List {
        #[command(flatten)]
        db: DbArgs,
        /// Organisation id or exact name (default: all).
        #[arg(long)]
        org: Option<String>,
    },
    /// Disable an account (ends its sessions and tokens).
    Disable {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        username: String,
    },
    /// Set a new password (and lift a lockout).
    ResetPassword {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        username: String,
        #[arg(long)]
        password_stdin: bool,
        /// Also remove the second factor (lost device).
        #[arg(long)]
        clear_second_factor: bool,
    },
}

#[derive(Subcommand)]
enum OrgCmd {
    /// Create an organisation.
    Add {
        #[command(flatten)]
        db: DbArgs,
        #[arg(long)]
        name: String,
        /// ISO 3166-1 alpha-2.
        #[arg(long)]
        country: String,
        #[arg(long, default_value = "central_authority")]
        kind: String,
        #[arg(long)]
        require_totp: bool,
        /// This organisation operates the installation (its administrators manage all organisations).
        #[arg(long)]
        operator: bool,
    },
    /// List organisations.
    List {
        #[command(flatten)]
        db: DbArgs,
    },
}

#[derive(Subcommand)]
enum ImportCmd {
    /// Load reference data (DIR/instruments/*.json, DIR/provisions.json, DIR/authorities.json,
    /// DIR/networks.json), replacing the stored records; all or nothing; importing twice changes nothing.
    Reference {
        #[command(flatten)]
        db: DbArgs,
        /// The directory holding the files (the repository's `data/` has the shipped set).
        dir: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum AuditCmd {
    /// Verify the hash chain; exits non-zero and names the first bad event when it is broken.
    Verify {
        #[command(flatten)]
        db: DbArgs,
    },
}

fn main() -> std::process::ExitCode {
    let cli = Cli::parse();
    let rt = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the runtime: {e}");
            return std::process::ExitCode::FAILURE;
        }
    };
    match rt.block_on(run(cli)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run(cli: Cli) -> Result<std::process::ExitCode> {
    let ok = std::process::ExitCode::SUCCESS;
    match cli.command {
        Command::Serve(args) => serve(args, false).await?,
        Command::Demo(args) => serve(args, true).await?,
        Command::Migrate(db) => {
            let store = db.resolve()?.open_store().await?;
            println!("database is at the latest schema version");
            store.close().await;
        }
        Command::Openapi => println!("{}", liaison_server::openapi_json()),
        Command::Remind(args) => {
            let settings = args.resolve()?;
            let store = settings.db.open_store().await?;
            let st = AppState::new(
                store.clone(),
                settings.server.clone(),
                std::sync::Arc::new(liaison_server::clock::SystemClock),
            )?;
            let today = st.today().map_err(show)?;
            let sum = liaison_server::services::chasing::run(&st, today).await.map_err(show)?;
            let expired = liaison_server::services::notices::expire_due(&st).await.map_err(show)?;
            let tasks = liaison_server::services::groups::remind(&st, today).await.map_err(show)?;
            if tasks > 0 {
                println!("{tasks} working-group task reminders");
            }
            if expired > 0 {
                println!("{expired} notices past their review date expired");
            }
            let (sent, failed) = liaison_server::services::chasing::deliver(&st).await.map_err(show)?;
            println!(
                "{} deadlines looked at; {} reminders, {} notifications, {} e-mails queued; {sent} e-mails sent, {failed} failed",
                sum.deadlines, sum.reminders, sum.notifications, sum.mails
            );
            store.close().await;
        }
        Command::Screen(args) => screen_cmd::run(args)?,
        Command::LegalBasis(args) => {
            let now = liaison_server::clock::Clock::now_ms(&liaison_server::clock::SystemClock);
            let today = liaison_server::clock::date_of(now).context("the system clock is outside the calendar")?;
            legal_basis_cmd::run(args, today).await?
        }
        Command::User(cmd) => user(cmd).await?,
        Command::Import(ImportCmd::Reference { db, dir }) => return import_reference(db, &dir).await,
        Command::Org(cmd) => org(cmd).await?,
        Command::Audit(AuditCmd::Verify { db }) => {
            let store = db.resolve()?.open_store().await?;
            let mut c = store.read().await?;
            let v = liaison_store::audit::verify(&mut c).await?;
            drop(c);
            store.close().await;
            match v {
                Verification::Intact { events, head_hash } => {
                    println!("audit trail intact: {events} events, head {head_hash}")
                }
                Verification::Broken(e) => {
                    eprintln!("audit trail BROKEN: {e}");
                    return Ok(std::process::ExitCode::from(2));
                }
            }
        }
    }
    Ok(ok)
}

async fn serve(args: ServeArgs, demo: bool) -> Result<()> {
    let settings = args.resolve()?;
    config::init_logging(&settings.log_format);
    let store = settings.db.open_store().await?.with_search_memory(settings.search_memory_bytes);
    let state =
        AppState::new(store.clone(), settings.server.clone(), std::sync::Arc::new(liaison_server::clock::SystemClock))?;
    load_shipped_reference(&state).await?;
    if demo {
        demo::seed_if_empty(&state).await?;
    }
    let listener = std::net::TcpListener::bind(settings.server.listen)
        .with_context(|| format!("cannot listen on {}", settings.server.listen))?;
    let addr = listener.local_addr()?;
    let scheme = if settings.server.tls.is_some() { "https" } else { "http" };
    println!("Liaison is listening on {scheme}://{addr}/  (database: {})", settings.db.describe());
    if demo {
        demo::print_logins(&format!("{scheme}://{addr}/"));
    }
    tracing::info!(%addr, "listening");
    tokio::spawn(chase_forever(state.clone()));
    tokio::spawn(warm_search(store.clone()));
    liaison_server::serve(state, listener, shutdown_signal()).await?;
    store.close().await;
    Ok(())
}

/// Reads the knowledge base's commonest search lists into memory, so the first searches do not wait for them.
async fn warm_search(store: liaison_store::Store) {
    let started = std::time::Instant::now();
    let warmed = match store.read().await {
        Ok(mut c) => liaison_store::knowledge::warm(&mut c, store.postings()).await,
        Err(e) => Err(e),
    };
    match warmed {
        Ok(lists) => tracing::info!(
            lists,
            megabytes = store.postings().held_bytes() / 1_000_000,
            seconds = started.elapsed().as_secs_f64(),
            "knowledge-base search lists read"
        ),
        Err(e) => tracing::warn!(error = %e, "reading the knowledge base's search lists failed; searches read them"),
    }
}

/// Chases deadlines on the configured schedule and sends waiting e-mail every minute. Errors are logged
/// and the loop goes on; several nodes may run it (each reminder is sent once).
async fn chase_forever(st: AppState) {
    use liaison_server::services::chasing;
    let every = std::time::Duration::from_secs(st.config.chase_every_seconds);
    let mut last_chase: Option<std::time::Instant> = None;
    loop {
        if last_chase.is_none_or(|t| t.elapsed() >= every) {
            last_chase = Some(std::time::Instant::now());
            match st.today() {
                Ok(today) => match chasing::run(&st, today).await {
                    Ok(s) if s.reminders > 0 => {
                        tracing::info!(reminders = s.reminders, mails = s.mails, "deadlines chased")
                    }
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "chasing deadlines failed"),
                },
                Err(e) => tracing::error!(error = %e, "no date to chase deadlines on"),
            }
            if let Ok(today) = st.today() {
                match liaison_server::services::groups::remind(&st, today).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(reminders = n, "working-group tasks reminded"),
                    Err(e) => tracing::error!(error = %e, "reminding working-group tasks failed"),
                }
            }
            match liaison_server::services::notices::expire_due(&st).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(expired = n, "notices past their review date expired"),
                Err(e) => tracing::error!(error = %e, "expiring notices failed"),
            }
        }
        if let Err(e) = chasing::deliver(&st).await {
            tracing::error!(error = %e, "sending e-mail failed");
        }
        tokio::time::sleep(std::time::Duration::from_secs(60).min(every)).await;
    }
}

/// Adds the reference data shipped in the binary that the database lacks (edits are kept).
pub(crate) async fn load_shipped_reference(st: &AppState) -> Result<()> {
    let s = liaison_server::services::reference::load_shipped(st).await.map_err(show)?;
    if s.inserted > 0 {
        tracing::info!(inserted = s.inserted, "reference data loaded");
    }
    Ok(())
}

async fn import_reference(db: DbArgs, dir: &std::path::Path) -> Result<std::process::ExitCode> {
    use liaison_server::services::reference::{ReferenceFiles, import};
    let read = |p: std::path::PathBuf| -> Result<Option<(String, String)>> {
        match std::fs::read_to_string(&p) {
            Ok(t) => Ok(Some((p.display().to_string(), t))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(anyhow::anyhow!("{}: {e}", p.display())),
        }
    };
    let mut files = ReferenceFiles::default();
    let idir = dir.join("instruments");
    let mut names: Vec<_> = std::fs::read_dir(&idir)
        .with_context(|| format!("cannot read {}", idir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    for p in names {
        if let Some(f) = read(p)? {
            files.instruments.push(f);
        }
    }
    files.provisions = read(dir.join("provisions.json"))?;
    files.authorities = read(dir.join("authorities.json"))?;
    files.networks = read(dir.join("networks.json"))?;
    if files.authorities.is_some() != files.networks.is_some() {
        bail!("authorities.json and networks.json go together (authorities name their networks)");
    }
    let st = cli_state(db).await?;
    let result = import(&st, &Caller::Cli, &files, true, "import").await.map_err(show)?;
    st.store.close().await;
    match result {
        Ok(s) => {
            println!(
                "reference data imported: {} added, {} updated, {} unchanged ({} instrument files)",
                s.inserted,
                s.updated,
                s.unchanged,
                files.instruments.len()
            );
            Ok(std::process::ExitCode::SUCCESS)
        }
        Err(f) => {
            eprintln!("nothing was imported; {} problem(s):", f.0.len());
            for e in f.0 {
                eprintln!("  {e}");
            }
            Ok(std::process::ExitCode::from(2))
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
    tracing::info!("shutting down");
}

pub(crate) async fn cli_state(db: DbArgs) -> Result<AppState> {
    let store = db.resolve()?.open_store().await?;
    Ok(AppState::new(store, Default::default(), std::sync::Arc::new(liaison_server::clock::SystemClock))?)
}

async fn find_org(st: &AppState, key: &str) -> Result<liaison_store::orgs::Organisation> {
    if let Some(id) = liaison_domain::OrgId::parse(key) {
        return Ok(orgs::get(st, &Caller::Cli, id).await?);
    }
    let all = orgs::list(st, &Caller::Cli, None, PageRequest { limit: 500, offset: 0 }).await?;
    let found: Vec<_> = all.items.into_iter().filter(|o| o.name.as_str() == key).collect();
    match found.len() {
        1 => Ok(found.into_iter().next().context("organisation")?),
        0 => bail!("no organisation with id or name '{key}' (see `liaison org list`)"),
        _ => bail!("several organisations are named '{key}'; give its id"),
    }
}

fn read_password(from_stdin: bool) -> Result<(String, bool)> {
    if from_stdin {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line)?;
        Ok((line.trim_end_matches(['\r', '\n']).to_string(), false))
    } else {
        Ok((liaison_server::auth::secrets::random_token()[..24].to_string(), true))
    }
}

pub(crate) fn show(e: liaison_server::error::AppError) -> anyhow::Error {
    match e {
        liaison_server::error::AppError::Invalid(inv) => {
            anyhow::anyhow!(
                "{}",
                inv.0.iter().map(|f| format!("{}: {}", f.field, f.message)).collect::<Vec<_>>().join("\n")
            )
        }
        other => anyhow::anyhow!("{other}"),
    }
}

async fn user(cmd: UserCmd) -> Result<()> {
    match cmd {
        UserCmd::Add { db, org, username, display_name, email, roles, locale, password_stdin } => {
            let st = cli_state(db).await?;
            let o = find_org(&st, &org).await?;
            let (password, generated) = read_password(password_stdin)?;
            let input = users::NewUser {
                org_id: o.id,
                username,
                display_name,
                email,
                roles,
                password: password.clone(),
                locale,
            };
            let u = users::create(&st, &Caller::Cli, input).await.map_err(show)?;
            println!("created user {} ({}) in {}", u.username, u.id, o.name);
            if generated {
                println!("password: {password}");
            }
            st.store.close().await;
        }
        UserCmd::List { db, org } => {
            let st = cli_state(db).await?;
            let orgs_list = match org {
                Some(k) => vec![find_org(&st, &k).await?],
                None => orgs::list(&st, &Caller::Cli, None, PageRequest { limit: 500, offset: 0 }).await?.items,
            };
            for o in orgs_list {
                let mut offset = 0;
                loop {
                    let page = users::list(&st, &Caller::Cli, o.id, None, PageRequest { limit: 500, offset }).await?;
                    for u in &page.items {
                        let state = if u.disabled { "disabled" } else { "active" };
                        println!(
                            "{}\t{}\t{}\t{}\t{}\t{}",
                            u.username,
                            u.display_name,
                            o.country,
                            o.name,
                            u.roles.to_csv(),
                            state
                        );
                    }
                    match page.next_offset() {
                        Some(n) => offset = n,
                        None => break,
                    }
                }
            }
            st.store.close().await;
        }
        UserCmd::Disable { db, username } => {
            let st = cli_state(db).await?;
            let u = users::find_by_username(&st, &username).await.map_err(show)?;
            users::update(&st, &Caller::Cli, u.id, users::UserChanges { disabled: Some(true), ..Default::default() })
                .await
                .map_err(show)?;
            println!("disabled {username}; its sessions and tokens are ended");
            st.store.close().await;
        }
        UserCmd::ResetPassword { db, username, password_stdin, clear_second_factor } => {
            let st = cli_state(db).await?;
            let u = users::find_by_username(&st, &username).await.map_err(show)?;
            let (password, generated) = read_password(password_stdin)?;
            users::reset_password(&st, &Caller::Cli, u.id, &password, clear_second_factor).await.map_err(show)?;
            println!("password of {username} reset; its sessions are ended");
            if generated {
                println!("password: {password}");
            }
            st.store.close().await;
        }
    }
    Ok(())
}

async fn org(cmd: OrgCmd) -> Result<()> {
    match cmd {
        OrgCmd::Add { db, name, country, kind, require_totp, operator } => {
            let st = cli_state(db).await?;
            let o = orgs::create(
                &st,
                &Caller::Cli,
                orgs::NewOrg { name, country, kind, require_totp, is_operator: operator },
            )
            .await
            .map_err(show)?;
            println!("created organisation {} ({}) {}", o.name, o.country, o.id);
            st.store.close().await;
        }
        OrgCmd::List { db } => {
            let st = cli_state(db).await?;
            let mut offset = 0;
            loop {
                let page = orgs::list(&st, &Caller::Cli, None, PageRequest { limit: 500, offset }).await?;
                for o in &page.items {
                    println!(
                        "{}\t{}\t{}\t{}{}",
                        o.id,
                        o.country,
                        o.kind,
                        o.name,
                        if o.is_operator { "\t(operator)" } else { "" }
                    );
                }
                match page.next_offset() {
                    Some(n) => offset = n,
                    None => break,
                }
            }
            st.store.close().await;
        }
    }
    Ok(())
}
