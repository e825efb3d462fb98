//! Working-group pages: one's groups, a new group, a group with its members, meetings and plan, a meeting
//! with its agenda (proposals, the protocol with decisions), one's tasks with their reports.

use super::files::FileRow;
use super::forms::{Fields, Opt, document_languages, label, options};
use super::page::{Chrome, Signed, after, error_message, render};
use crate::error::AppError;
use crate::services::group_files;
use crate::services::groups::{self as svc, GroupInput, MeetingInput, TaskInput};
use crate::state::AppState;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use liaison_domain::group::GroupRole;
use liaison_domain::group::meeting::{MeetingStatus, Translation};
use liaison_domain::group::task::TaskStatus;
use liaison_domain::{GroupId, MeetingId, Role, TaskId, UserId};
use liaison_store::groups::{MeetingRecord, TaskRecord};

type Tr<'a> = crate::i18n::Tr<'a>;

pub struct GroupRow {
    pub id: String,
    pub name: String,
    pub states: String,
    pub status: String,
}

#[derive(Template)]
#[template(path = "groups.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    rows: Vec<GroupRow>,
    may_create: bool,
}

pub async fn list(State(st): State<AppState>, s: Signed) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let rows = svc::list(&st, &s.p.caller())
            .await?
            .iter()
            .map(|g| GroupRow {
                id: g.id.to_string(),
                name: g.body.name.clone(),
                states: g.body.states().iter().map(|c| c.name_in(t.code)).collect::<Vec<_>>().join(" · "),
                status: label(&t, "group-status", g.status.as_str()),
            })
            .collect();
        Ok::<_, AppError>(render(&ListPage {
            c: s.ctx.chrome(&st, "groups-title"),
            rows,
            may_create: s.p.user.roles.has(Role::WorkingGroupSecretary),
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(&st, e))
}

#[derive(Template)]
#[template(path = "group_new.html")]
struct NewPage<'a> {
    c: Chrome<'a>,
    orgs: Vec<Opt>,
    f: Fields,
    error: Option<String>,
}

async fn new_page(st: &AppState, s: &Signed, f: Fields, error: Option<String>) -> Response {
    let chosen = f.all("parties");
    let orgs = match svc::organisations(st, &s.p.caller()).await {
        Ok(orgs) => orgs
            .into_iter()
            .map(|o| Opt {
                value: o.id.to_string(),
                label: format!("{} ({})", o.name, o.country),
                selected: chosen.contains(&o.id.to_string()) || (chosen.is_empty() && o.id == s.p.org.id),
            })
            .collect(),
        Err(e) => return s.ctx.fail(st, e),
    };
    render(&NewPage { c: s.ctx.chrome(st, "group-new-title"), orgs, f, error })
}

pub async fn new_form(State(st): State<AppState>, s: Signed) -> Response {
    new_page(&st, &s, Fields(Vec::new()), None).await
}

pub async fn create(State(st): State<AppState>, s: Signed, Form(f): Form<Vec<(String, String)>>) -> Response {
    let f = Fields(f);
    let result = async {
        let members = svc::members_from_lines(&st, &f.get("members")).await?;
        let input = GroupInput {
            name: f.get("name"),
            mandate: f.get("mandate"),
            established: f.get("established"),
            rhythm: f.opt("rhythm"),
            parties: f.all("parties"),
            members,
        };
        svc::create(&st, &s.p.caller(), input).await
    }
    .await;
    after(&st, &s, result, |g| format!("/groups/{}", g.id), |msg| new_page(&st, &s, f, Some(msg))).await
}

pub struct MemberRow {
    pub name: String,
    pub org: String,
    pub role: String,
}

pub struct MeetingRow {
    pub id: String,
    pub title: String,
    pub when: String,
    pub status: String,
}

pub struct TaskRow {
    pub id: String,
    pub description: String,
    pub party: String,
    pub owner: String,
    pub due: String,
    pub status: String,
    pub overdue: bool,
    pub decision: String,
}

#[derive(Template)]
#[template(path = "group.html")]
struct GroupPage<'a> {
    c: Chrome<'a>,
    id: String,
    name: String,
    mandate: String,
    established: String,
    rhythm: String,
    states: String,
    status: String,
    manages: bool,
    members: Vec<MemberRow>,
    meetings: Vec<MeetingRow>,
    tasks: Vec<TaskRow>,
    parties: Vec<Opt>,
    owners: Vec<Opt>,
    decisions: Vec<Opt>,
    f: Fields,
    error: Option<String>,
}

fn meeting_row(t: &Tr<'_>, m: &MeetingRecord) -> MeetingRow {
    MeetingRow {
        id: m.id.to_string(),
        title: m.body.title.clone(),
        when: format!("{} ({})", svc::local_time(m.body.starts_at, &m.body.time_zone), m.body.time_zone),
        status: label(t, "meeting-status", m.status.as_str()),
    }
}

fn task_rows(
    t: &Tr<'_>,
    tasks: &[TaskRecord],
    names: &dyn Fn(UserId) -> String,
    orgs: &dyn Fn(liaison_domain::OrgId) -> String,
    today: liaison_domain::date::Date,
) -> Vec<TaskRow> {
    tasks
        .iter()
        .map(|k| TaskRow {
            id: k.id.to_string(),
            description: k.body.description.clone(),
            party: orgs(k.body.party),
            owner: k.body.owner.map(names).unwrap_or_default(),
            due: k.body.due.to_string(),
            status: label(t, "task-status", k.status.as_str()),
            overdue: liaison_domain::group::task::overdue(k.status, k.body.due, today),
            decision: k.body.decision.map(|d| format!("№ {}", d.n)).unwrap_or_default(),
        })
        .collect()
}

async fn group_page(st: &AppState, s: &Signed, id: &str, f: Fields, error: Option<String>) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let gid = GroupId::parse(id).ok_or(AppError::NotFound("working group"))?;
        let view = svc::get(st, &s.p.caller(), gid).await?;
        let meetings = svc::meetings(st, &s.p.caller(), gid).await?;
        let tasks = svc::plan(st, &s.p.caller(), gid).await?;
        let g = &view.group;
        let name_of =
            |u: UserId| view.members.iter().find(|m| m.member.user == u).map(|m| m.name.clone()).unwrap_or_default();
        let org_of = |o: liaison_domain::OrgId| {
            view.members.iter().find(|m| m.member.org == o).map(|m| m.org_name.clone()).unwrap_or_else(|| o.to_string())
        };
        let decisions = meetings
            .iter()
            .filter_map(|m| m.protocol.as_ref().map(|p| (m, p)))
            .flat_map(|(m, p)| {
                p.decisions.iter().map(move |d| Opt {
                    value: format!("{}:{}", m.id, d.n),
                    label: format!("{} № {}: {}", m.body.title, d.n, d.text.chars().take(60).collect::<String>()),
                    selected: false,
                })
            })
            .collect();
        Ok::<_, AppError>(render(&GroupPage {
            c: s.ctx.chrome(st, "group-title"),
            id: g.id.to_string(),
            name: g.body.name.clone(),
            mandate: g.body.mandate.clone(),
            established: g.body.established.to_string(),
            rhythm: g.body.rhythm.clone().unwrap_or_default(),
            states: g.body.states().iter().map(|c| c.name_in(t.code)).collect::<Vec<_>>().join(" · "),
            status: label(&t, "group-status", g.status.as_str()),
            manages: view.role.is_some_and(GroupRole::manages),
            members: view
                .members
                .iter()
                .map(|m| MemberRow {
                    name: m.name.clone(),
                    org: m.org_name.clone(),
                    role: label(&t, "group-role", m.member.role.as_str()),
                })
                .collect(),
            meetings: meetings.iter().map(|m| meeting_row(&t, m)).collect(),
            tasks: task_rows(&t, &tasks, &name_of, &org_of, st.today()?),
            parties: g
                .body
                .parties
                .iter()
                .map(|p| Opt { value: p.org.to_string(), label: org_of(p.org), selected: false })
                .collect(),
            owners: view
                .members
                .iter()
                .map(|m| Opt {
                    value: m.member.user.to_string(),
                    label: format!("{} ({})", m.name, m.org_name),
                    selected: false,
                })
                .collect(),
            decisions,
            f,
            error,
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(st, e))
}

pub async fn show(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    group_page(&st, &s, &id, Fields(Vec::new()), None).await
}

pub async fn plan_meeting(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let result = async {
        let gid = GroupId::parse(&id).ok_or(AppError::NotFound("working group"))?;
        let input = MeetingInput {
            title: f.get("title"),
            starts: f.get("starts"),
            time_zone: f.get("time_zone"),
            duration_minutes: f.get("duration_minutes").parse().unwrap_or(0),
            place: f.opt("place"),
            online_link: f.opt("online_link"),
        };
        svc::plan_meeting(&st, &s.p.caller(), gid, input).await
    }
    .await;
    after(&st, &s, result, |m| format!("/meetings/{}", m.id), |msg| group_page(&st, &s, &id, f, Some(msg))).await
}

pub async fn add_task(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let result = async {
        let gid = GroupId::parse(&id).ok_or(AppError::NotFound("working group"))?;
        let decision = f.get("decision");
        let (meeting, n) = match decision.split_once(':') {
            Some((m, n)) => (Some(m.to_owned()), n.parse().ok()),
            None => (None, None),
        };
        let input = TaskInput {
            description: f.get("description"),
            party: f.get("party"),
            owner: f.opt("owner"),
            due: f.get("due"),
            meeting,
            decision: n,
            links: Vec::new(),
        };
        svc::create_task(&st, &s.p.caller(), gid, input).await
    }
    .await;
    after(&st, &s, result, |_| format!("/groups/{id}"), |msg| group_page(&st, &s, &id, f, Some(msg))).await
}

pub async fn calendar(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    let result = async {
        let gid = GroupId::parse(&id).ok_or(AppError::NotFound("working group"))?;
        svc::calendar(&st, &s.p.caller(), gid).await
    }
    .await;
    match result {
        Ok(ics) => (
            [
                (axum::http::header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
                (axum::http::header::CONTENT_DISPOSITION, "attachment; filename=\"meetings.ics\""),
            ],
            ics,
        )
            .into_response(),
        Err(e) => s.ctx.fail(&st, e),
    }
}

pub struct AgendaRow {
    pub title: String,
    pub notes: String,
    pub source: String,
    pub link: String,
}

pub struct Attendee {
    pub id: String,
    pub name: String,
    pub present: bool,
}

#[derive(Template)]
#[template(path = "meeting.html")]
struct MeetingPage<'a> {
    c: Chrome<'a>,
    id: String,
    group_id: String,
    group_name: String,
    title: String,
    when: String,
    place: String,
    link: String,
    status: String,
    planned: bool,
    manages: bool,
    /// The meeting has begun: its protocol may be recorded.
    begun: bool,
    version: i64,
    agenda: Vec<AgendaRow>,
    attendees: Vec<Attendee>,
    minutes: String,
    decisions: Vec<String>,
    /// The decisions as the form takes them, one per line.
    decisions_text: String,
    languages: Vec<Opt>,
    translation_languages: Vec<Opt>,
    translation_minutes: String,
    translation_decisions: String,
    /// Links to the protocol's PDF: in its language(s), and with a second language's wording.
    documents: Vec<Opt>,
    files: Vec<FileRow>,
    files_base: String,
    may_attach: bool,
    error: Option<String>,
}

async fn meeting_page(st: &AppState, s: &Signed, id: &str, error: Option<String>) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let mid = MeetingId::parse(id).ok_or(AppError::NotFound("meeting"))?;
        let (m, g) = svc::meeting(st, &s.p.caller(), mid).await?;
        let view = svc::get(st, &s.p.caller(), g.id).await?;
        let agenda = m
            .agenda
            .iter()
            .map(|a| AgendaRow {
                title: a.title.clone(),
                notes: a.notes.clone().unwrap_or_default(),
                source: label(&t, "agenda-source", a.source.as_str()),
                link: a.request.map(|r| format!("/requests/{r}")).unwrap_or_default(),
            })
            .collect();
        let protocol = m.protocol.clone().unwrap_or_default();
        let tr = protocol.translation.as_ref();
        let documents = if m.protocol.is_some() && m.status == MeetingStatus::Held {
            let base = format!("/meetings/{}/protocol.pdf", m.id);
            let mut d = vec![Opt { value: base.clone(), label: t.t("meeting-protocol-pdf"), selected: false }];
            if tr.is_none() {
                d.extend(
                    liaison_domain::request::content::DOCUMENT_LANGUAGES
                        .iter()
                        .filter(|l| Some(**l) != protocol.language.as_deref())
                        .map(|l| Opt {
                            value: format!("{base}?second={l}"),
                            label: t.t1("meeting-protocol-pdf-with", "language", &label(&t, "doc-lang", l)),
                            selected: false,
                        }),
                );
            }
            d
        } else {
            Vec::new()
        };
        Ok::<_, AppError>(render(&MeetingPage {
            c: s.ctx.chrome(st, "meeting-title"),
            id: m.id.to_string(),
            group_id: g.id.to_string(),
            group_name: g.body.name.clone(),
            title: m.body.title.clone(),
            when: format!("{} ({})", svc::local_time(m.body.starts_at, &m.body.time_zone), m.body.time_zone),
            place: m.body.place.clone().unwrap_or_default(),
            link: m.body.online_link.clone().unwrap_or_default(),
            status: label(&t, "meeting-status", m.status.as_str()),
            planned: m.status == MeetingStatus::Planned,
            manages: view.role.is_some_and(GroupRole::manages),
            begun: svc::has_begun(st, &m),
            version: m.version,
            agenda,
            attendees: view
                .members
                .iter()
                .map(|v| Attendee {
                    id: v.member.user.to_string(),
                    name: format!("{} ({})", v.name, v.org_name),
                    present: m.attendance.contains(&v.member.user),
                })
                .collect(),
            decisions: protocol.decisions.iter().map(|d| format!("{}. {}", d.n, d.text)).collect(),
            decisions_text: protocol.decisions.iter().map(|d| d.text.as_str()).collect::<Vec<_>>().join("\n"),
            languages: document_languages(&t, Some(protocol.language.as_deref().unwrap_or(s.ctx.locale))),
            translation_languages: document_languages(&t, tr.map(|x| x.language.as_str())),
            translation_minutes: tr.map(|x| x.minutes.clone()).unwrap_or_default(),
            translation_decisions: tr.map(|x| x.decisions.join("\n")).unwrap_or_default(),
            documents,
            minutes: protocol.minutes.clone(),
            files: super::files::rows(group_files::list(st, &s.p.caller(), mid).await?),
            files_base: format!("/meetings/{}/files", m.id),
            may_attach: view.role.is_some() && m.status != MeetingStatus::Cancelled,
            error,
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(st, e))
}

pub async fn meeting(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    meeting_page(&st, &s, &id, None).await
}

pub async fn propose(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let result = async {
        let mid = MeetingId::parse(&id).ok_or(AppError::NotFound("meeting"))?;
        svc::propose(&st, &s.p.caller(), mid, &f.get("title"), f.opt("notes")).await
    }
    .await;
    after(&st, &s, result, |_| format!("/meetings/{id}"), |msg| meeting_page(&st, &s, &id, Some(msg))).await
}

#[derive(serde::Deserialize)]
pub struct SecondLanguage {
    second: Option<String>,
}

/// The protocol as PDF (`?second=xx` for a second language's wording).
pub async fn protocol_document(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<SecondLanguage>,
) -> Response {
    let result = async {
        let mid = MeetingId::parse(&id).ok_or(AppError::NotFound("meeting"))?;
        crate::services::group_documents::protocol_pdf(&st, &s.p.caller(), mid, q.second.as_deref()).await
    }
    .await;
    match result {
        Ok((name, bytes)) => crate::api::requests::pdf_file(&name, bytes),
        Err(e @ (AppError::Invalid(_) | AppError::Conflict(_))) => {
            let msg = error_message(&st.i18n.tr(s.ctx.locale), &e);
            meeting_page(&st, &s, &id, Some(msg)).await
        }
        Err(e) => s.ctx.fail(&st, e),
    }
}

pub async fn protocol(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let result = async {
        let mid = MeetingId::parse(&id).ok_or(AppError::NotFound("meeting"))?;
        let lines = |name: &str| -> Vec<String> {
            f.get(name).lines().map(|l| l.trim().to_owned()).filter(|l| !l.is_empty()).collect()
        };
        let translation = f.opt("translation_language").map(|language| Translation {
            language,
            minutes: f.get("translation_minutes"),
            decisions: lines("translation_decisions"),
        });
        let input = svc::ProtocolRecord {
            attendance: f.all("present").iter().filter_map(|u| UserId::parse(u)).collect(),
            minutes: f.get("minutes"),
            decisions: lines("decisions"),
            language: f.opt("language").or_else(|| Some(s.ctx.locale.to_owned())),
            translation,
        };
        let version = f.get("version").parse().unwrap_or(-1);
        svc::record_protocol(&st, &s.p.caller(), mid, version, input).await
    }
    .await;
    after(&st, &s, result, |_| format!("/meetings/{id}"), |msg| meeting_page(&st, &s, &id, Some(msg))).await
}

pub struct MyTask {
    pub row: TaskRow,
    pub version: i64,
    pub statuses: Vec<Opt>,
}

#[derive(Template)]
#[template(path = "my_tasks.html")]
struct MyTasksPage<'a> {
    c: Chrome<'a>,
    tasks: Vec<MyTask>,
    error: Option<String>,
}

async fn my_tasks_page(st: &AppState, s: &Signed, error: Option<String>) -> Response {
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let tasks = svc::my_tasks(st, &s.p.caller()).await?;
        let me = s.p.user.display_name.to_string();
        let org = s.p.org.name.to_string();
        let rows = task_rows(&t, &tasks, &|_| me.clone(), &|_| org.clone(), st.today()?);
        let tasks = tasks
            .iter()
            .zip(rows)
            .map(|(k, row)| MyTask {
                row,
                version: k.version,
                statuses: options(&t, "task-status", TaskStatus::ALL.iter().map(|x| x.as_str()), k.status.as_str()),
            })
            .collect();
        Ok::<_, AppError>(render(&MyTasksPage { c: s.ctx.chrome(st, "my-tasks-title"), tasks, error }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(st, e))
}

pub async fn my_tasks(State(st): State<AppState>, s: Signed) -> Response {
    my_tasks_page(&st, &s, None).await
}

pub async fn report(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    let f = Fields(f);
    let result = async {
        let tid = TaskId::parse(&id).ok_or(AppError::NotFound("task"))?;
        let version = f.get("version").parse().unwrap_or(-1);
        svc::report(&st, &s.p.caller(), tid, version, TaskStatus::parse(&f.get("status")), f.opt("note")).await
    }
    .await;
    after(&st, &s, result, |_| "/tasks/mine".into(), |msg| my_tasks_page(&st, &s, Some(msg))).await
}

pub struct ResultCell {
    pub text: String,
    pub entered: bool,
}

pub struct ResultRow {
    pub indicator: String,
    pub cells: Vec<ResultCell>,
}

#[derive(Template)]
#[template(path = "group_results.html")]
struct ResultsPage<'a> {
    c: Chrome<'a>,
    id: String,
    name: String,
    years: Vec<i32>,
    rows: Vec<ResultRow>,
    charts: Vec<String>,
    indicators: Vec<Opt>,
    reports: Vec<Opt>,
    manages: bool,
    error: Option<String>,
}

async fn results_page(st: &AppState, s: &Signed, id: &str, error: Option<String>) -> Response {
    use crate::services::group_results::{format_figure, yearly};
    use liaison_domain::group::results::{Indicator, Source};
    let run = async {
        let t = st.i18n.tr(s.ctx.locale);
        let gid = GroupId::parse(id).ok_or(AppError::NotFound("working group"))?;
        let (g, years) = yearly(st, &s.p.caller(), gid, None, None).await?;
        let view = svc::get(st, &s.p.caller(), gid).await?;
        let name_of = |i: Indicator| label(&t, "indicator", i.as_str());
        let value_of = |y: &liaison_domain::group::results::Year, i: Indicator| {
            y.figures.iter().find(|f| f.indicator == i).and_then(|f| f.value)
        };
        let rows = Indicator::ALL
            .iter()
            .map(|&i| ResultRow {
                indicator: name_of(i),
                cells: years
                    .iter()
                    .map(|y| {
                        let f = y.figures.iter().find(|f| f.indicator == i);
                        ResultCell {
                            text: format_figure(&t, i, f.and_then(|f| f.value)),
                            entered: f.and_then(|f| f.source) == Some(Source::Entered),
                        }
                    })
                    .collect(),
            })
            .collect();
        let labels: Vec<i32> = years.iter().map(|y| y.year).collect();
        let series = |set: &[Indicator]| -> Vec<(String, Vec<Option<f64>>)> {
            set.iter().map(|&i| (name_of(i), years.iter().map(|y| value_of(y, i)).collect())).collect()
        };
        let charts = vec![
            super::charts::lines(
                "chart-results-requests",
                &t.t("results-chart-requests"),
                &labels,
                &series(&[Indicator::RequestsExecuted, Indicator::PersonsExtradited, Indicator::PersonsTransferred]),
                "",
            ),
            super::charts::lines(
                "chart-results-days",
                &t.t("results-chart-days"),
                &labels,
                &series(&[Indicator::MedianDaysToExecution]),
                "",
            ),
            super::charts::lines(
                "chart-results-assets",
                &t.t("results-chart-assets"),
                &labels,
                &series(&[Indicator::AssetsFrozen, Indicator::AssetsConfiscated, Indicator::AssetsReturned]),
                "€",
            ),
        ];
        let reports = labels
            .iter()
            .rev()
            .map(|y| Opt {
                value: format!("/groups/{}/results/{y}/report.pdf", g.id),
                label: y.to_string(),
                selected: false,
            })
            .collect();
        Ok::<_, AppError>(render(&ResultsPage {
            c: s.ctx.chrome(st, "results-title"),
            id: g.id.to_string(),
            name: g.body.name.clone(),
            years: labels,
            rows,
            charts,
            indicators: options(&t, "indicator", Indicator::ALL.iter().map(|i| i.as_str()), ""),
            reports,
            manages: view.role.is_some_and(GroupRole::manages),
            error,
        }))
    };
    run.await.unwrap_or_else(|e| s.ctx.fail(st, e))
}

pub async fn results(State(st): State<AppState>, s: Signed, Path(id): Path<String>) -> Response {
    results_page(&st, &s, &id, None).await
}

pub async fn enter_result(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    Form(f): Form<Vec<(String, String)>>,
) -> Response {
    use liaison_domain::FieldError;
    use liaison_domain::group::results::{Entered, Indicator};
    let f = Fields(f);
    let result = async {
        let gid = GroupId::parse(&id).ok_or(AppError::NotFound("working group"))?;
        let indicator = Indicator::parse(&f.get("indicator"))
            .ok_or_else(|| FieldError::new("indicator", "unknown_value", "choose an indicator"))?;
        let year = f.get("year").trim().parse().map_err(|_| FieldError::new("year", "invalid_number", "a year"))?;
        let value = f
            .get("value")
            .trim()
            .replace([' ', '\u{202F}', '\u{A0}'], "")
            .replace(',', ".")
            .parse()
            .map_err(|_| FieldError::new("value", "invalid_number", "a number"))?;
        crate::services::group_results::enter(
            &st,
            &s.p.caller(),
            gid,
            Entered { year, indicator, value, note: f.opt("note") },
        )
        .await
    }
    .await;
    after(&st, &s, result, |_| format!("/groups/{id}/results"), |msg| results_page(&st, &s, &id, Some(msg))).await
}

pub async fn results_report(
    State(st): State<AppState>,
    s: Signed,
    Path((id, year)): Path<(String, String)>,
    axum::extract::Query(q): axum::extract::Query<SecondLanguage>,
) -> Response {
    let result = async {
        let gid = GroupId::parse(&id).ok_or(AppError::NotFound("working group"))?;
        let year = year.parse().map_err(|_| AppError::NotFound("year"))?;
        crate::services::group_results::report_pdf(&st, &s.p.caller(), gid, year, s.ctx.locale, q.second.as_deref())
            .await
    }
    .await;
    match result {
        Ok((name, bytes)) => crate::api::requests::pdf_file(&name, bytes),
        Err(e) => s.ctx.fail(&st, e),
    }
}

/// Adds a file to a meeting from its page (multipart form).
pub async fn attach(
    State(st): State<AppState>,
    s: Signed,
    Path(id): Path<String>,
    form: axum::extract::Multipart,
) -> Response {
    let result = async {
        let mid = MeetingId::parse(&id).ok_or(AppError::NotFound("meeting"))?;
        group_files::attach(&st, &s.p.caller(), mid, super::files::upload_of(form).await?).await
    }
    .await;
    after(&st, &s, result, |_| format!("/meetings/{id}#files"), |msg| meeting_page(&st, &s, &id, Some(msg))).await
}

/// A meeting's file, decrypted and checked; the download is audited.
pub async fn file(State(st): State<AppState>, s: Signed, Path((id, file)): Path<(String, String)>) -> Response {
    let result = async {
        let mid = MeetingId::parse(&id).ok_or(AppError::NotFound("meeting"))?;
        group_files::download(&st, &s.p.caller(), mid, &file).await
    }
    .await;
    super::files::download(&st, &s, result)
}
