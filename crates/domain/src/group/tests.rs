use super::ics::{self, Event};
use super::meeting::{self, AgendaItem, AgendaSource, MeetingBody, OpenTask, PendingRequest, Protocol};
use super::task::{self, TaskStatus};
use super::*;
use crate::request::deadline::Stage;
use crate::{RequestId, TaskId};
use proptest::prelude::*;

fn org(n: u128) -> OrgId {
    OrgId(uuid::Uuid::from_u128(n))
}

fn user(n: u128) -> UserId {
    UserId(uuid::Uuid::from_u128(n))
}

fn cc(s: &str) -> CountryCode {
    CountryCode::parse(s).unwrap()
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

fn group() -> GroupBody {
    GroupBody {
        name: " Рабочая группа Генеральных прокуратур России и Узбекистана ".into(),
        mandate: "Взаимодействие по уголовным делам".into(),
        established: d("2019-10-01"),
        rhythm: Some("  ".into()),
        parties: vec![Party { org: org(1), country: cc("RU") }, Party { org: org(2), country: cc("UZ") }],
    }
}

#[test]
fn a_group_has_parties_of_two_states() {
    let g = group().check().unwrap();
    assert_eq!(g.name, "Рабочая группа Генеральных прокуратур России и Узбекистана");
    assert_eq!(g.rhythm, None, "a blank rhythm is none");
    assert_eq!(g.states(), vec![cc("RU"), cc("UZ")]);

    let mut same_state = group();
    same_state.parties[1].country = cc("RU");
    let e = same_state.check().unwrap_err();
    assert!(e.0.iter().any(|f| f.field == "parties" && f.code == "too_few"), "{e}");

    let mut twice = group();
    twice.parties.push(Party { org: org(1), country: cc("RU") });
    assert!(twice.check().unwrap_err().0.iter().any(|f| f.code == "duplicate"));

    let mut nameless = group();
    nameless.name = "   ".into();
    assert!(nameless.check().unwrap_err().0.iter().any(|f| f.field == "name"));
}

#[test]
fn members_belong_to_the_parties_and_someone_runs_the_group() {
    let g = group();
    let secretary = Member { user: user(1), org: org(1), role: GroupRole::Secretary };
    let member = Member { user: user(2), org: org(2), role: GroupRole::Member };
    assert!(check_members(&g, &[secretary.clone(), member.clone()]).is_ok());
    let e = check_members(&g, std::slice::from_ref(&member)).unwrap_err();
    assert_eq!(e.0[0].code, "no_manager");
    let outsider = Member { user: user(3), org: org(9), role: GroupRole::Expert };
    let e = check_members(&g, &[secretary.clone(), outsider]).unwrap_err();
    assert_eq!((e.0[0].field.as_str(), e.0[0].code), ("members[1].org", "not_a_party"));
    let e = check_members(&g, &[secretary.clone(), secretary]).unwrap_err();
    assert_eq!(e.0[0].code, "duplicate");
}

fn meeting() -> MeetingBody {
    MeetingBody {
        title: "Заседание № 7".into(),
        starts_at: d("2026-12-01").start_ms() + 7 * 3_600_000,
        duration_minutes: 180,
        time_zone: "Asia/Tashkent".into(),
        place: Some("Ташкент".into()),
        online_link: None,
    }
}

#[test]
fn meetings_are_checked() {
    assert!(meeting().check().is_ok());
    let mut m = meeting();
    m.online_link = Some("http://example.org/meet".into());
    m.duration_minutes = 0;
    m.time_zone = " ".into();
    let e = m.check().unwrap_err();
    let fields: Vec<&str> = e.0.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(fields, vec!["online_link", "duration_minutes", "time_zone"]);
    assert_eq!(meeting().ends_at() - meeting().starts_at, 180 * 60_000);
}

fn task_id(n: u128) -> TaskId {
    TaskId(uuid::Uuid::from_u128(n))
}

fn request_id(n: u128) -> RequestId {
    RequestId(uuid::Uuid::from_u128(n))
}

#[test]
fn the_agenda_starts_with_overdue_tasks_and_unanswered_requests() {
    let tasks = vec![
        OpenTask { id: task_id(1), description: "Exchange statistics".into(), due: d("2026-11-01") },
        OpenTask { id: task_id(2), description: "Not yet due".into(), due: d("2026-12-20") },
        OpenTask { id: task_id(3), description: "Older".into(), due: d("2026-06-01") },
    ];
    let requests = vec![
        PendingRequest {
            id: request_id(1),
            reference: "RU-2026-0042".into(),
            from: cc("RU"),
            to: cc("UZ"),
            sent: d("2026-03-01"),
            due: Some(d("2026-09-01")),
        },
        PendingRequest {
            id: request_id(2),
            reference: "UZ-2026-0007".into(),
            from: cc("UZ"),
            to: cc("RU"),
            sent: d("2026-11-20"),
            due: None,
        },
        PendingRequest {
            id: request_id(3),
            reference: "UZ-2025-0100".into(),
            from: cc("UZ"),
            to: cc("RU"),
            sent: d("2025-10-01"),
            due: None,
        },
    ];
    let agenda = meeting::prefill(&[], &tasks, &requests, d("2026-12-01"), 90);
    let got: Vec<(AgendaSource, &str)> = agenda.iter().map(|i| (i.source, i.title.as_str())).collect();
    assert_eq!(
        got,
        vec![
            (AgendaSource::OverdueTask, "Older"),
            (AgendaSource::OverdueTask, "Exchange statistics"),
            (AgendaSource::UnansweredRequest, "UZ-2025-0100"),
            (AgendaSource::UnansweredRequest, "RU-2026-0042"),
        ]
    );
    // Planning again does not repeat what is already on the agenda.
    assert!(meeting::prefill(&agenda, &tasks, &requests, d("2026-12-01"), 90).is_empty());
}

#[test]
fn an_agenda_names_each_task_once() {
    let item = AgendaItem {
        title: "Item".into(),
        notes: None,
        source: AgendaSource::Proposed,
        task: Some(task_id(1)),
        request: None,
        proposed_by: Some(user(1)),
    };
    let mut items = vec![item.clone(), AgendaItem { title: " ".into(), ..item }];
    let e = meeting::check_agenda(&mut items).unwrap_err();
    let codes: Vec<&str> = e.0.iter().map(|f| f.code).collect();
    assert_eq!(codes, vec!["required", "duplicate"]);
}

#[test]
fn decisions_are_numbered_in_order() {
    let p = Protocol::numbered("Minutes".into(), vec!["First".into(), " ".into(), "Second".into()]);
    assert_eq!(p.decisions.iter().map(|d| d.n).collect::<Vec<_>>(), vec![1, 2]);
    let p = p.check().unwrap();
    let mut wrong = p.clone();
    wrong.decisions[1].n = 5;
    assert_eq!(wrong.check().unwrap_err().0[0].code, "out_of_order");
}

#[test]
fn a_translated_protocol_has_every_decision_in_another_language() {
    use super::meeting::Translation;
    let p = Protocol::numbered("Протокол".into(), vec!["Первое".into(), "Второе".into()]);
    let tr = |language: &str, decisions: &[&str]| Translation {
        language: language.into(),
        minutes: "Minutes".into(),
        decisions: decisions.iter().map(|d| d.to_string()).collect(),
    };
    let good = p.clone().in_language(Some("ru".into()), Some(tr("en", &["First", " ", "Second"])));
    assert_eq!(good.check().unwrap().translation.unwrap().decisions, vec!["First", "Second"]);
    let codes = |p: Protocol| p.check().unwrap_err().0.iter().map(|f| f.code).collect::<Vec<_>>();
    assert_eq!(codes(p.clone().in_language(Some("ru".into()), Some(tr("en", &["First"])))), vec!["count_mismatch"]);
    assert_eq!(codes(p.clone().in_language(Some("ru".into()), Some(tr("ru", &["a", "b"])))), vec!["same_language"]);
    assert_eq!(codes(p.clone().in_language(Some("RU".into()), None)), vec!["invalid_language"]);
    assert_eq!(codes(p.in_language(None, Some(tr("english", &["a", "b"])))), vec!["invalid_language"]);
}

#[test]
fn open_tasks_are_reminded_before_and_after_their_due_date() {
    let due = d("2026-12-10");
    assert_eq!(task::reminder_owed(TaskStatus::Open, due, d("2026-12-01"), 0), None);
    assert_eq!(task::reminder_owed(TaskStatus::Open, due, d("2026-12-04"), 0), Some(Stage::DueSoon));
    assert_eq!(task::reminder_owed(TaskStatus::InProgress, due, d("2026-12-10"), 1), Some(Stage::Due));
    assert_eq!(task::reminder_owed(TaskStatus::Open, due, d("2026-12-20"), 2), Some(Stage::Overdue(1)));
    assert_eq!(task::reminder_owed(TaskStatus::Done, due, d("2026-12-20"), 0), None);
    assert!(task::overdue(TaskStatus::Open, due, d("2026-12-11")));
    assert!(!task::overdue(TaskStatus::Dropped, due, d("2026-12-11")));
}

fn event(summary: &str, description: &str) -> Event {
    Event {
        uid: "0192f0c2-1111-7000-8000-000000000001@liaison".into(),
        stamp: d("2026-11-23").start_ms() + 1_000,
        start: meeting().starts_at,
        end: meeting().ends_at(),
        summary: summary.into(),
        location: Some("Ташкент, ул. Гулямова, 66".into()),
        url: Some("https://meet.example.org/wg-7".into()),
        description: Some(description.into()),
        cancelled: false,
        sequence: 2,
    }
}

#[test]
fn calendars_are_folded_escaped_and_read_back() {
    let e =
        event("Заседание рабочей группы; повестка: запросы, задачи", "اجتماع الفريق العامل\nвторая строка, с запятой");
    let text = ics::calendar(std::slice::from_ref(&e));
    assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(text.contains("DTSTART:20261201T070000Z\r\n") && text.contains("DTEND:20261201T100000Z\r\n"));
    assert!(text.split("\r\n").all(|l| l.len() <= 75), "every line within 75 octets");
    assert!(text.contains("\\;") && text.contains("\\,") && text.contains("\\n"));
    assert_eq!(ics::parse(&text).unwrap(), vec![e]);
}

#[test]
fn bad_calendars_say_which_line() {
    assert_eq!(ics::parse("hello").unwrap_err().line, 1);
    let cut = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n";
    assert!(ics::parse(cut).unwrap_err().reason.contains("cut short"));
    let bad_time = ics::calendar(&[event("a", "b")]).replace("DTSTART:20261201T070000Z", "DTSTART:2026-12-01");
    let e = ics::parse(&bad_time).unwrap_err();
    assert!(e.reason.contains("DTSTART") && e.line == 6, "{e}");
}

proptest! {
    #[test]
    fn any_text_survives_the_calendar(summary in "\\PC{0,200}", description in "[\\PC\n]{0,300}") {
        let e = event(&summary, &description);
        let back = ics::parse(&ics::calendar(std::slice::from_ref(&e))).unwrap();
        prop_assert_eq!(back.len(), 1);
        prop_assert_eq!(&back[0].summary, summary.trim_end_matches(char::is_control));
        prop_assert_eq!(back[0].description.as_deref(), Some(description.as_str()));
    }

    #[test]
    fn the_calendar_parser_never_panics(text in "[\\PC\r\n:;]{0,400}") {
        let _ = ics::parse(&text);
    }
}
