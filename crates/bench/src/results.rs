//! The results of a working group with ten years of data: a Russian office's requests to 13 states over ten
//! years (those to Uzbekistan are the group's), 20 held meetings a year with five decisions each, 50 tasks a
//! year; then the results of the ten years through the service, and a year's report as PDF.

use anyhow::{Result, anyhow};
use liaison_domain::group::meeting::{MeetingBody, MeetingStatus, Protocol};
use liaison_domain::group::task::{TaskBody, TaskStatus};
use liaison_domain::{MeetingId, TaskId};
use liaison_server::auth::principal::actor_of;
use liaison_server::services::group_results;
use liaison_server::services::groups::{self as groups_svc, GroupInput};
use liaison_server::services::{Caller, users};
use liaison_server::state::AppState;
use liaison_store::groups::{MeetingRecord, TaskRecord};
use std::time::Instant;

fn e(e: impl std::fmt::Debug) -> anyhow::Error {
    anyhow!("{e:?}")
}

pub struct Report {
    pub requests: usize,
    pub group_requests: usize,
    pub p50_ms: f64,
    pub p99_ms: f64,
    pub report_ms: f64,
}

const DAY: i64 = 86_400_000;

pub async fn ten_years(st: &AppState, requests: usize) -> Result<Report> {
    let (_, _, _, ru) = crate::requests::fill(st, requests, 3_650).await?;
    let uz = crate::requests::org(st, &format!("UZ results {}", uuid::Uuid::new_v4()), "UZ").await?;
    let secretary = users::create(
        st,
        &Caller::Cli,
        users::NewUser {
            org_id: ru.id,
            username: format!("secretary{}", &uuid::Uuid::new_v4().simple().to_string()[..6]),
            display_name: "Секретарь".into(),
            email: None,
            roles: vec!["working_group_secretary".into()],
            password: "Benchmark-Password-2026".into(),
            locale: Some("ru".into()),
        },
    )
    .await
    .map_err(e)?;
    let caller =
        Caller::User { actor: actor_of(&secretary, &ru, None), username: secretary.username.to_string(), client: None };
    let group = groups_svc::create(
        st,
        &caller,
        GroupInput {
            name: "Рабочая группа Россия — Узбекистан".into(),
            mandate: "Взаимодействие".into(),
            established: "2015-01-01".into(),
            rhythm: None,
            parties: vec![ru.id.to_string(), uz.id.to_string()],
            members: Vec::new(),
        },
    )
    .await
    .map_err(e)?;
    let now = st.now();
    let mut tx = st.store.write().await.map_err(e)?;
    for i in 0..200i64 {
        let at = now - (i * 18 + 1) * DAY;
        let m = MeetingRecord {
            id: MeetingId(uuid::Uuid::now_v7()),
            group: group.id,
            status: MeetingStatus::Held,
            body: MeetingBody {
                title: format!("Заседание № {}", 200 - i),
                starts_at: at,
                duration_minutes: 120,
                time_zone: "Asia/Tashkent".into(),
                place: Some("Ташкент".into()),
                online_link: None,
            },
            agenda: Vec::new(),
            attendance: vec![secretary.id],
            protocol: Some(Protocol::numbered("Протокол".into(), (1..=5).map(|n| format!("Решение {n}")).collect())),
            created_at: at,
            updated_at: at,
            version: 1,
        };
        liaison_store::groups::insert_meeting(&mut tx, &m).await.map_err(e)?;
    }
    for i in 0..500i64 {
        let due = liaison_domain::date::Date::of_ms(now - (i * 7) * DAY).ok_or_else(|| anyhow!("date"))?;
        let t = TaskRecord {
            id: TaskId(uuid::Uuid::now_v7()),
            group: group.id,
            status: if i % 3 == 0 { TaskStatus::Open } else { TaskStatus::Done },
            body: TaskBody {
                description: format!("Задача {i}"),
                party: uz.id,
                owner: None,
                due,
                decision: None,
                links: Vec::new(),
            },
            reminded: 0,
            created_at: now,
            updated_at: now,
            version: 1,
        };
        liaison_store::groups::insert_task(&mut tx, &t).await.map_err(e)?;
    }
    tx.commit().await?;

    let mut times = Vec::new();
    let mut group_requests = 0;
    for _ in 0..50 {
        let t = Instant::now();
        let (_, years) = group_results::yearly(st, &caller, group.id, None, None).await.map_err(e)?;
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        group_requests = years
            .iter()
            .flat_map(|y| &y.figures)
            .filter(|f| f.indicator == liaison_domain::group::results::Indicator::RequestsExecuted)
            .filter_map(|f| f.value)
            .sum::<f64>() as usize;
    }
    times.sort_by(f64::total_cmp);
    let year = st.today().map_err(e)?.year() - 1;
    let t = Instant::now();
    for _ in 0..5 {
        group_results::report_pdf(st, &caller, group.id, year, "ru", Some("en")).await.map_err(e)?;
    }
    let report_ms = t.elapsed().as_secs_f64() * 1000.0 / 5.0;
    Ok(Report {
        requests,
        group_requests,
        p50_ms: times[times.len() / 2],
        p99_ms: times[(times.len() * 99 / 100).min(times.len() - 1)],
        report_ms,
    })
}
