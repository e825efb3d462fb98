//! Screening through the product, as a border service uses it: notices imported by one state's bureau
//! (FollowTheMoney JSON lines), then a passenger manifest (CSV) uploaded by another state's officer to
//! `POST /api/v1/screenings/list` and read back as JSON lines. Reports the import time, the time from the
//! upload to the last line, and how many of the people written into the manifest from the notices (in
//! another script or spelling, with what is known of the date of birth) were found.

use anyhow::{Context, Result, anyhow};
use liaison_domain::notice::NoticeKind;
use liaison_screening::synthetic;
use liaison_server::auth::principal::actor_of;
use liaison_server::services::notices::{self as notice_svc, Format};
use liaison_server::services::{Caller, orgs, tokens, users};
use liaison_server::state::AppState;
use std::collections::HashMap;
use std::io::Write;
use std::time::Instant;

fn e(e: impl std::fmt::Debug) -> anyhow::Error {
    anyhow!("{e:?}")
}

pub struct Report {
    pub notices: usize,
    pub import_seconds: f64,
    pub rows: usize,
    pub planted: usize,
    pub found: usize,
    pub hits: usize,
    pub seconds: f64,
}

pub(crate) async fn officer(st: &AppState, country: &str, name: &str) -> Result<Caller> {
    let org = orgs::create(
        st,
        &Caller::Cli,
        orgs::NewOrg {
            name: format!("{name} {}", uuid::Uuid::new_v4()),
            country: country.into(),
            kind: "police".into(),
            require_totp: false,
            is_operator: false,
        },
    )
    .await
    .map_err(e)?;
    let user = users::create(
        st,
        &Caller::Cli,
        users::NewUser {
            org_id: org.id,
            username: format!("{}{}", name.to_lowercase(), &uuid::Uuid::new_v4().simple().to_string()[..6]),
            display_name: name.into(),
            email: None,
            roles: vec!["liaison_officer".into()],
            password: "Benchmark-Password-2026".into(),
            locale: None,
        },
    )
    .await
    .map_err(e)?;
    Ok(Caller::User { actor: actor_of(&user, &org, None), username: user.username.to_string(), client: None })
}

fn quoted(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Imports `notices` synthetic red notices, then screens a manifest of `rows` people of whom `planted` are
/// people of the notices written another way.
pub async fn manifest(st: &AppState, base: &str, notices: usize, rows: usize, planted: usize) -> Result<Report> {
    let owner = officer(st, "KZ", "Bureau").await?;
    let records: Vec<synthetic::Record> = synthetic::records(notices, 42).collect();
    let started = Instant::now();
    for chunk in records.chunks(5_000) {
        let mut lines = String::new();
        for r in chunk {
            let entity = serde_json::json!({
                "id": r.id, "schema": "Person",
                "properties": {
                    "name": r.person.names,
                    "birthDate": r.person.birth_dates.iter().map(ToString::to_string).collect::<Vec<_>>(),
                    "nationality": r.person.nationalities.iter().map(|n| n.to_lowercase()).collect::<Vec<_>>(),
                }
            });
            lines.push_str(&entity.to_string());
            lines.push('\n');
        }
        let report = notice_svc::import(st, &owner, Format::Ftm, Some(NoticeKind::Red), &lines).await.map_err(e)?;
        if !report.errors.is_empty() {
            return Err(anyhow!("import refused {} records: {:?}", report.errors.len(), report.errors.first()));
        }
    }
    let import_seconds = started.elapsed().as_secs_f64();

    let border = officer(st, "UZ", "Border").await?;
    let (_, secret) = tokens::create(
        st,
        &border,
        tokens::NewToken { name: "manifest".into(), scopes: vec!["read".into(), "write".into()], expires_in_days: 1 },
    )
    .await
    .map_err(e)?;

    // Planted rows spread through the manifest, the others people who are not in the notices.
    let every = (notices / planted.max(1)).max(1);
    let mut expected: HashMap<usize, String> = HashMap::new();
    let mut planted_rows = records.iter().step_by(every).take(planted).enumerate();
    let mut outsiders = synthetic::records(rows, 4242);
    let mut csv = String::from("name,birth_date,nationality\n");
    let spacing = (rows / planted.max(1)).max(1);
    for line in 0..rows {
        let person = if line % spacing == 0
            && let Some((i, r)) = planted_rows.next()
        {
            // Rows are numbered from 1 after the header; notices imported from FtM keep the entity id.
            expected.insert(line + 1, format!("ftm:{}", r.id));
            synthetic::query_for(r, i as u64)
        } else {
            outsiders.next().map(|o| o.person).unwrap_or_default()
        };
        let name = person.names.first().cloned().unwrap_or_default();
        let date = person.birth_dates.first().map(ToString::to_string).unwrap_or_default();
        csv.push_str(&format!(
            "{},{},{}\n",
            quoted(&name),
            date,
            person.nationalities.first().cloned().unwrap_or_default()
        ));
    }
    let path = std::env::temp_dir().join(format!("liaison-manifest-{}.csv", uuid::Uuid::new_v4()));
    std::fs::File::create(&path)?.write_all(csv.as_bytes())?;

    let started = Instant::now();
    let out = std::process::Command::new("curl")
        .args(["-sS", "--fail-with-body", "-X", "POST"])
        .arg(format!("{base}/api/v1/screenings/list?purpose=Flight%20manifest%20benchmark"))
        .args(["-H", &format!("Authorization: Bearer {secret}"), "-H", "Content-Type: text/csv"])
        .arg("--data-binary")
        .arg(format!("@{}", path.display()))
        .output()
        .context("curl (Debian package curl)")?;
    let seconds = started.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&path);
    if !out.status.success() {
        return Err(anyhow!("screening failed: {}", String::from_utf8_lossy(&out.stdout)));
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let last = text.lines().last().ok_or_else(|| anyhow!("no answer"))?;
    let v: serde_json::Value = serde_json::from_str(last)?;
    let hits = v["screening"]["hits"].as_array().ok_or_else(|| anyhow!("no screening in {last}"))?;
    let found = expected
        .iter()
        .filter(|(row, id)| {
            hits.iter().any(|h| {
                h["row"].as_u64() == Some(**row as u64)
                    && h["notice"]["notice"]["source_id"].as_str() == Some(id.as_str())
            })
        })
        .count();
    if found == 0
        && let Some(h) = hits.first()
    {
        eprintln!("no planted person found; first hit: row {} notice {}", h["row"], h["notice"]["notice"]);
    }
    Ok(Report { notices, import_seconds, rows, planted: expected.len(), found, hits: hits.len(), seconds })
}
