//! Request benchmarks: full lifecycles per second (create, write, mark ready, send, acknowledge,
//! execute: six audited transactions each) with eight concurrent officers, and the unanswered-requests
//! backlog and registry over 100,000 requests.

use anyhow::{Result, anyhow};
use liaison_domain::legal_basis::CooperationType;
use liaison_domain::request::{Draft, Status, Transition};
use liaison_domain::{CountryCode, RequestId};
use liaison_server::auth::principal::actor_of;
use liaison_server::services::requests::{self as svc, NewRequest, StepInput};
use liaison_server::services::{Caller, cases, orgs, reference, tokens, users};
use liaison_server::state::AppState;
use std::time::{Duration, Instant};

fn e(e: impl std::fmt::Debug) -> anyhow::Error {
    anyhow!("{e:?}")
}

pub(crate) async fn org(st: &AppState, name: &str, country: &str) -> Result<liaison_store::orgs::Organisation> {
    let input = orgs::NewOrg {
        name: name.into(),
        country: country.into(),
        kind: "prosecutor".into(),
        require_totp: false,
        is_operator: false,
    };
    orgs::create(st, &Caller::Cli, input).await.map_err(e)
}

async fn officer(
    st: &AppState,
    o: &liaison_store::orgs::Organisation,
    name: &str,
) -> Result<(Caller, liaison_store::users::User)> {
    let u = users::create(
        st,
        &Caller::Cli,
        users::NewUser {
            org_id: o.id,
            username: name.into(),
            display_name: name.into(),
            email: None,
            roles: vec!["central_authority_officer".into()],
            password: "Benchmark-Password-2026".into(),
            locale: None,
        },
    )
    .await
    .map_err(e)?;
    Ok((Caller::User { actor: actor_of(&u, o, None), username: u.username.to_string(), client: None }, u))
}

fn complete(to: &str) -> Result<Draft> {
    Ok(serde_json::from_value(serde_json::json!({
        "kind": "mla", "requested_country": to, "requested_authority": "am-gpo", "measures": ["bank_records"],
        "legal_basis": ["ets030"], "language": "en", "subject": "Case", "facts": "Facts", "offences": ["o1"],
        "assets": ["a1"], "assistance_sought": "Records", "purpose": "Evidence", "confidentiality": false,
        "measure_details": {"accounts": "AM00 1234, 2024–2025"}, "signatory_name": "A", "signatory_position": "B"
    }))?)
}

/// Full lifecycles per second with `writers` concurrent requesting officers (and the requested side).
pub async fn lifecycles(st: &AppState, seconds: u64, writers: usize) -> Result<(f64, f64)> {
    let tag = &uuid::Uuid::new_v4().simple().to_string()[..6];
    let ru = org(st, &format!("RU bench {tag}"), "RU").await?;
    let am = org(st, &format!("AM bench {tag}"), "AM").await?;
    let mut a = reference::authority(st, &Caller::Cli, "am-gpo").await.map_err(e)?.authority;
    a.organisation = Some(am.id);
    reference::edit_authority(st, &Caller::Cli, "am-gpo", a, "benchmark").await.map_err(e)?;
    let (am_caller, _) = officer(st, &am, &format!("am{tag}")).await?;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..writers {
        let (caller, _) = officer(st, &ru, &format!("ru{tag}{i}")).await?;
        let case: liaison_domain::request::Case = serde_json::from_value(serde_json::json!({
            "reference": format!("B-{tag}-{i}"), "title": "Бенчмарк",
            "offences": [{"key": "o1", "category": "fraud", "description": "Fraud"}],
            "assets": [{"key": "a1", "kind": "bank_account", "description": "Account"}]
        }))?;
        let case = cases::create(st, &caller, case).await.map_err(e)?;
        let (st, am_caller) = (st.clone(), am_caller.clone());
        tasks.push(tokio::spawn(async move {
            let mut done = 0u64;
            while Instant::now() < deadline {
                let r = svc::create(
                    &st,
                    &caller,
                    NewRequest {
                        case: case.id,
                        kind: "mla".into(),
                        requested_country: "AM".into(),
                        template: None,
                        supplements: None,
                    },
                )
                .await
                .map_err(e)?;
                svc::edit(&st, &caller, r.id, r.version, complete("AM")?).await.map_err(e)?;
                for (who, t) in [
                    (&caller, Transition::MarkReady),
                    (&caller, Transition::Send),
                    (&am_caller, Transition::Acknowledge),
                    (&am_caller, Transition::Execute),
                ] {
                    svc::transition(
                        &st,
                        who,
                        r.id,
                        StepInput {
                            step: t,
                            comment: String::new(),
                            grounds: vec![],
                            their_reference: None,
                            version: None,
                        },
                    )
                    .await
                    .map_err(e)?;
                }
                done += 1;
            }
            Ok::<u64, anyhow::Error>(done)
        }));
    }
    let mut total = 0;
    for t in tasks {
        total += t.await??;
    }
    let secs = start.elapsed().as_secs_f64();
    Ok((total as f64 / secs, total as f64 * 6.0 / secs))
}

/// Fills the database with `n` requests of one organisation to 13 states over two years (about 60 % still
/// unanswered, each with its answer deadline) and returns a token of its central authority officer.
/// Stores `n` requests of one Russian office to 13 states, sent over the last `days` days (60 % pending).
/// Returns an API token of its officer, the seconds it took, the officer and the office.
pub async fn fill(
    st: &AppState,
    n: usize,
    days: i64,
) -> Result<(String, f64, Caller, liaison_store::orgs::Organisation)> {
    let tag = &uuid::Uuid::new_v4().simple().to_string()[..6];
    let ru = org(st, &format!("RU backlog {tag}"), "RU").await?;
    let (caller, user) = officer(st, &ru, &format!("backlog{tag}")).await?;
    let case: liaison_domain::request::Case =
        serde_json::from_value(serde_json::json!({"reference": format!("L-{tag}"), "title": "Backlog"}))?;
    let case = cases::create(st, &caller, case).await.map_err(e)?;
    let states = ["AM", "AZ", "BY", "GE", "IQ", "IR", "KG", "KZ", "MN", "TJ", "TM", "UZ", "FR"];
    let now = st.now();
    let start = Instant::now();
    let mut i = 0;
    while i < n {
        let mut tx = st.store.write().await?;
        for _ in 0..5_000.min(n - i) {
            let to = states[i % states.len()];
            let sent = now - ((i as i64 * 7_919) % days) * 86_400_000;
            let pending = i % 5 < 3;
            let status = if pending {
                [Status::Sent, Status::Acknowledged, Status::InExecution][i % 3]
            } else {
                [Status::Executed, Status::Refused][i % 2]
            };
            let rec = liaison_store::requests::RequestRecord {
                id: RequestId(uuid::Uuid::now_v7()),
                case: case.id,
                org: ru.id,
                requesting_country: CountryCode::parse("RU").map_err(e)?,
                requested_org: None,
                status,
                our_reference: format!("RU-MLA-{tag}-{i:06}"),
                their_reference: None,
                parent: None,
                draft: Draft::new(CooperationType::Mla, CountryCode::parse(to).map_err(e)?),
                complete: true,
                created_by: user.id,
                created_at: sent,
                updated_at: sent,
                version: 1,
                sent_at: Some(sent),
                acknowledged_at: None,
                closed_at: (!pending).then_some(sent + 40 * 86_400_000),
                refusal_grounds: vec![],
                sent_cited: None,
            };
            liaison_store::requests::insert(&mut tx, &rec).await?;
            let due =
                liaison_domain::date::Date::of_ms(sent + 120 * 86_400_000).map(|d| d.to_string()).unwrap_or_default();
            liaison_store::requests::put_deadline(
                &mut tx,
                &liaison_store::requests::StoredDeadline {
                    request: rec.id,
                    kind: liaison_domain::request::deadline::DeadlineKind::Answer,
                    due,
                    source: "{}".into(),
                    last_stage: 0,
                    met_at: (!pending).then_some(sent),
                },
            )
            .await?;
            i += 1;
        }
        tx.commit().await?;
    }
    let fill_secs = start.elapsed().as_secs_f64();
    let (_, secret) = tokens::create(
        st,
        &caller,
        tokens::NewToken { name: "bench".into(), scopes: vec!["read".into()], expires_in_days: 1 },
    )
    .await
    .map_err(e)?;
    Ok((secret, fill_secs, caller, ru))
}

/// p50 and p99 of `calls` sequential runs of the unanswered backlog through the service.
pub async fn backlog_latency(st: &AppState, token_owner: &Caller, calls: usize) -> Result<(f64, f64, usize)> {
    let mut times = Vec::new();
    let mut rows = 0;
    for _ in 0..calls {
        let t = Instant::now();
        rows = svc::unanswered(st, token_owner).await.map_err(e)?.len();
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    Ok((times[times.len() / 2], times[(times.len() * 99 / 100).min(times.len() - 1)], rows))
}
