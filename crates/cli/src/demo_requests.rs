//! Demonstration cases and requests: a Russian fraud case with requests to Armenia (in execution), to
//! Uzbekistan (overdue, never acknowledged), to Georgia (not on this installation: its answers are
//! recorded from its letters) and to Kazakhstan (an extradition draft still missing content), and an
//! incoming request from Uzbekistan. Written with a clock set back in time, so the deadlines and the
//! unanswered backlog have real ages.

use anyhow::{Context, Result};
use liaison_domain::policy::Actor;
use liaison_domain::request::{Case, Draft, Transition};
use liaison_server::clock::{Clock, ManualClock, SystemClock};
use liaison_server::services::requests::{self, NewRequest, StepInput};
use liaison_server::services::{Caller, cases, reference};
use liaison_server::state::AppState;
use liaison_store::orgs::Organisation;
use liaison_store::users;
use serde_json::json;
use std::sync::Arc;

const DAY: i64 = 86_400_000;

pub async fn caller(st: &AppState, username: &str) -> Result<Caller> {
    let mut c = st.store.read().await?;
    let u = users::get_by_username(&mut c, username).await?.with_context(|| format!("demo user {username}"))?;
    let org = liaison_store::orgs::get(&mut c, u.org_id).await?.context("demo organisation")?;
    Ok(Caller::User {
        actor: Actor {
            user: u.id,
            org: u.org_id,
            org_is_operator: org.is_operator,
            roles: u.roles.clone(),
            token_scopes: None,
        },
        username: u.username.to_string(),
        client: None,
    })
}

/// Makes the directory entry describe the demo organisation, so requests to it arrive in its registry.
pub async fn link(st: &AppState, authority: &str, org: &Organisation) -> Result<()> {
    let mut a = reference::authority(st, &Caller::Cli, authority).await?.authority;
    a.organisation = Some(org.id);
    reference::edit_authority(st, &Caller::Cli, authority, a, "demo data").await?;
    Ok(())
}

fn fraud_case() -> Result<Case> {
    Ok(serde_json::from_value(json!({
        "reference": "12-0457/2026",
        "title": "Мошенничество в особо крупном размере (инвестиционная схема «Восток-Капитал»)",
        "proceedings": "Pre-trial investigation by the Main Investigative Department of the Investigative Committee of the Russian Federation",
        "summary": "Between March 2024 and June 2025 the organisers of «Восток-Капитал» took 412 million roubles from 1,830 investors, promising returns from mining projects that did not exist, and moved the money through accounts in Armenia and Uzbekistan.",
        "offences": [
            {"key": "o1", "category": "fraud", "description": "Fraud on an especially large scale committed by an organised group",
             "legal_provision": "Article 159(4) of the Criminal Code of the Russian Federation", "maximum_penalty": "10 years' imprisonment",
             "time_and_place": "March 2024 – June 2025, Moscow"},
            {"key": "o2", "category": "money_laundering", "description": "Laundering of the proceeds through foreign accounts",
             "legal_provision": "Article 174.1(4) of the Criminal Code of the Russian Federation", "maximum_penalty": "7 years' imprisonment",
             "time_and_place": "2024–2025, Moscow, Yerevan, Tashkent"}
        ],
        "persons": [
            {"key": "p1", "role": "accused", "name": "Сергей Викторович Плохов", "name_latin": "Sergei Plokhov", "birth_date": "1979-11-04",
             "birth_place": "Новосибирск", "nationalities": ["RU"], "identity_documents": "Passport RU 75 1234567",
             "location": "Tashkent (believed)", "location_country": "UZ"},
            {"key": "w1", "role": "witness", "name": "Արամ Պետրոսյան", "name_latin": "Aram Petrosyan", "birth_date": "1985",
             "nationalities": ["AM"], "location": "Yerevan, Armenia", "location_country": "AM"},
            {"key": "w2", "role": "witness", "name": "Dilnoza Rahimova", "name_latin": "Dilnoza Rahimova", "nationalities": ["UZ"],
             "location": "Tashkent", "location_country": "UZ"}
        ],
        "assets": [
            {"key": "a1", "kind": "bank_account", "description": "Current account of «Vostok Invest» LLC", "identifier": "AM12 3456 7890 1234", "country": "AM", "value": "1,200,000 USD"},
            {"key": "a2", "kind": "bank_account", "description": "Account of S. Plokhov", "identifier": "UZ-20208000900123456001", "holder": "p1", "country": "UZ"}
        ]
    }))?)
}

fn mla(to: &str, authority: &str, basis: &[&str], witness: &str, account: &str) -> Result<Draft> {
    Ok(serde_json::from_value(json!({
        "kind": "mla", "requested_country": to, "requested_authority": authority,
        "measures": ["hearing_witness", "bank_records"],
        "legal_basis": basis, "reciprocity": basis.is_empty(),
        "language": "ru", "second_language": if to == "AM" { json!("en") } else { json!(null) },
        "subject": "Criminal case No. 12-0457/2026 investigated by the Main Investigative Department of the Investigative Committee of the Russian Federation into fraud and money laundering.",
        "facts": "Between March 2024 and June 2025 the accused, S. V. Plokhov, and others organised the investment scheme «Восток-Капитал»…",
        "offences": ["o1", "o2"], "persons": [witness], "assets": [account],
        "assistance_sought": "1. Hear the witness on the questions attached. 2. Obtain the statements of the account for 2024–2025 and the identity of its holders.",
        "purpose": "Evidence for the indictment and to trace the proceeds for confiscation.",
        "confidentiality": true, "confidentiality_reason": "Disclosure could lead to the transfer of the funds.",
        "measure_details": {"questions": "1. Как и когда вы познакомились с С. В. Плоховым?\n2. Какие платежи вы получали от ООО «Восток Инвест»?", "accounts": "Account and holders, 2024-03-01 to 2025-06-30"},
        "annexes": ["Decision to open criminal case No. 12-0457/2026", "Text of Articles 159 and 174.1 of the Criminal Code"],
        "signatory_name": "А. В. Смирнова", "signatory_position": "Начальник отдела правовой помощи"
    }))?)
}

async fn start(
    st: &AppState,
    who: &Caller,
    case: liaison_domain::CaseId,
    kind: &str,
    to: &str,
) -> Result<liaison_store::requests::RequestRecord> {
    Ok(requests::create(
        st,
        who,
        NewRequest { case, kind: kind.into(), requested_country: to.into(), template: None, supplements: None },
    )
    .await?)
}

async fn step(
    st: &AppState,
    who: &Caller,
    id: liaison_domain::RequestId,
    t: Transition,
    comment: &str,
    their: Option<&str>,
) -> Result<()> {
    requests::transition(
        st,
        who,
        id,
        StepInput {
            step: t,
            comment: comment.into(),
            grounds: vec![],
            their_reference: their.map(str::to_string),
            version: None,
        },
    )
    .await?;
    Ok(())
}

pub async fn seed(live: &AppState) -> Result<()> {
    let clock = ManualClock::new(SystemClock.now_ms() - 160 * DAY);
    let st = AppState::new(live.store.clone(), live.config.clone(), Arc::new(clock.clone()))?;
    let officer = caller(&st, "ru.officer").await?;
    let prosecutor = caller(&st, "ru.prosecutor").await?;
    let am = caller(&st, "am.officer").await?;
    let uz = caller(&st, "uz.officer").await?;

    let case = cases::create(&st, &prosecutor, fraud_case()?).await?;
    cases::add_member(&st, &prosecutor, case.id, "ru.officer").await?;

    // To Armenia, on this installation: sent, acknowledged, in execution.
    let r = start(&st, &prosecutor, case.id, "mla", "AM").await?;
    requests::edit(&st, &prosecutor, r.id, r.version, mla("AM", "am-gpo", &["ets030"], "w1", "a1")?).await?;
    step(&st, &prosecutor, r.id, Transition::MarkReady, "", None).await?;
    step(&st, &officer, r.id, Transition::Send, "Sent through the central authority", None).await?;
    clock.advance_ms(6 * DAY);
    step(&st, &am, r.id, Transition::Acknowledge, "", Some("ԳԴ-2026/318")).await?;
    clock.advance_ms(10 * DAY);
    step(&st, &am, r.id, Transition::StartExecution, "Passed to the Investigative Committee of Armenia", None).await?;

    // To Uzbekistan: sent long ago, never acknowledged.
    let r = start(&st, &officer, case.id, "mla", "UZ").await?;
    requests::edit(&st, &officer, r.id, r.version, mla("UZ", "uz-gpo", &[], "w2", "a2")?).await?;
    step(&st, &officer, r.id, Transition::MarkReady, "", None).await?;
    step(&st, &officer, r.id, Transition::Send, "Sent by diplomatic courier", None).await?;

    // To Georgia, which does not use this installation: its acknowledgement is recorded from its letter.
    clock.advance_ms(20 * DAY);
    let r = start(&st, &officer, case.id, "mla", "GE").await?;
    let mut d = mla("GE", "ge-pog", &["ets030"], "w1", "a1")?;
    d.measures = vec![liaison_domain::request::Measure::BankRecords];
    d.persons.clear();
    d.measure_details.questions.clear();
    d.second_language = Some("en".into());
    requests::edit(&st, &officer, r.id, r.version, d).await?;
    step(&st, &officer, r.id, Transition::MarkReady, "", None).await?;
    step(&st, &officer, r.id, Transition::Send, "", None).await?;
    clock.advance_ms(12 * DAY);
    step(
        &st,
        &officer,
        r.id,
        Transition::Acknowledge,
        "Letter No. 13/4471 of the Prosecutor's Office of Georgia",
        Some("13/4471"),
    )
    .await?;

    // To Kazakhstan: an extradition draft, still missing what the writer lists.
    clock.advance_ms(60 * DAY);
    let r = start(&st, &prosecutor, case.id, "extradition", "KZ").await?;
    let mut d = Draft::new(
        liaison_domain::legal_basis::CooperationType::Extradition,
        liaison_domain::CountryCode::parse("KZ").map_err(|e| anyhow::anyhow!("{e}"))?,
    );
    d.extradition_purpose = Some(liaison_domain::request::ExtraditionPurpose::Prosecution);
    d.persons = vec!["p1".into()];
    d.offences = vec!["o1".into()];
    d.language = Some("ru".into());
    requests::edit(&st, &prosecutor, r.id, r.version, d).await?;

    // From Uzbekistan to Russia: arrives in the Russian central authority's registry.
    let uz_case = cases::create(
        &st,
        &uz,
        serde_json::from_value(json!({
            "reference": "UZ-23/114-2026", "title": "Firibgarlik — «Sharq Invest»",
            "offences": [{"key": "o1", "category": "fraud", "description": "Fraud", "legal_provision": "Article 168 of the Criminal Code of Uzbekistan"}],
            "persons": [{"key": "w1", "role": "witness", "name": "Игорь Ким", "name_latin": "Igor Kim", "location": "Moscow", "location_country": "RU"}]
        }))?,
    )
    .await?;
    let r = start(&st, &uz, uz_case.id, "mla", "RU").await?;
    let mut d = mla("RU", "ru-gpo", &[], "w1", "")?;
    d.assets.clear();
    d.offences = vec!["o1".into()];
    d.measures = vec![liaison_domain::request::Measure::HearingWitness];
    d.measure_details.accounts.clear();
    d.subject = "Criminal case UZ-23/114-2026 of the Prosecutor General's Office of Uzbekistan (fraud)".into();
    d.signatory_name = "D. Karimov".into();
    requests::edit(&st, &uz, r.id, r.version, d).await?;
    step(&st, &uz, r.id, Transition::MarkReady, "", None).await?;
    step(&st, &uz, r.id, Transition::Send, "", None).await?;
    Ok(())
}
