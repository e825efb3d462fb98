//! Storage tests of working groups, meetings and tasks, on every engine.

use crate::testing::engines;
use crate::tests::{org, user};
use crate::{StoreError, groups, orgs, users};
use groups::{GroupRecord, MeetingRecord, TaskNote, TaskRecord};
use liaison_domain::date::Date;
use liaison_domain::group::meeting::{AgendaItem, AgendaSource, MeetingBody, MeetingStatus, Protocol};
use liaison_domain::group::task::{Link, LinkKind, TaskBody, TaskStatus};
use liaison_domain::group::{GroupBody, GroupRole, GroupStatus, Member, Party};
use liaison_domain::{GroupId, MeetingId, TaskId};
use uuid::Uuid;

fn body_parties(g: &GroupRecord) -> Vec<Party> {
    g.body.parties.clone()
}

fn d(s: &str) -> Date {
    Date::parse(s).unwrap()
}

#[tokio::test]
async fn groups_are_found_by_their_members_only_and_keep_meetings_and_plans() {
    for (engine, store) in engines().await {
        let ru = org("Генеральная прокуратура Российской Федерации", "RU");
        let uz = org("Генеральная прокуратура Республики Узбекистан", "UZ");
        let kz = org("Генеральная прокуратура Республики Казахстан", "KZ");
        let secretary = user(ru.id, "ru.secretary");
        let member = user(uz.id, "uz.member");
        let outsider = user(kz.id, "kz.outsider");
        let mut tx = store.write().await.unwrap();
        for o in [&ru, &uz, &kz] {
            orgs::insert(&mut tx, o).await.unwrap();
        }
        for u in [&secretary, &member, &outsider] {
            users::insert(&mut tx, u).await.unwrap();
        }
        let body = GroupBody {
            name: "Рабочая группа Россия — Узбекистан".into(),
            mandate: "Взаимодействие по уголовным делам".into(),
            established: d("2019-10-01"),
            rhythm: Some("Дважды в год".into()),
            parties: vec![Party { org: ru.id, country: ru.country }, Party { org: uz.id, country: uz.country }],
        };
        let group = GroupRecord {
            id: GroupId(Uuid::now_v7()),
            status: GroupStatus::Active,
            body: body.check().unwrap(),
            created_by: Some(secretary.id),
            created_at: 10,
            updated_at: 10,
            version: 1,
        };
        groups::insert_group(&mut tx, &group).await.unwrap();
        let members = vec![
            Member { user: secretary.id, org: ru.id, role: GroupRole::Secretary },
            Member { user: member.id, org: uz.id, role: GroupRole::Member },
        ];
        groups::set_members(&mut tx, group.id, &members, 10).await.unwrap();

        let meeting = MeetingRecord {
            id: MeetingId(Uuid::now_v7()),
            group: group.id,
            status: MeetingStatus::Planned,
            body: MeetingBody {
                title: "Заседание № 7".into(),
                starts_at: d("2026-12-01").start_ms(),
                duration_minutes: 180,
                time_zone: "Asia/Tashkent".into(),
                place: Some("Ташкент".into()),
                online_link: None,
            },
            agenda: vec![AgendaItem {
                title: "Обмен статистикой".into(),
                notes: None,
                source: AgendaSource::Proposed,
                task: None,
                request: None,
                proposed_by: Some(member.id),
            }],
            attendance: Vec::new(),
            protocol: None,
            created_at: 20,
            updated_at: 20,
            version: 1,
        };
        groups::insert_meeting(&mut tx, &meeting).await.unwrap();
        let task = TaskRecord {
            id: TaskId(Uuid::now_v7()),
            group: group.id,
            status: TaskStatus::Open,
            body: TaskBody {
                description: "Направить сведения о неисполненных запросах".into(),
                party: uz.id,
                owner: Some(member.id),
                due: d("2026-11-15"),
                decision: None,
                links: vec![Link { kind: LinkKind::Request, id: Uuid::now_v7().to_string() }],
            },
            reminded: 0,
            created_at: 30,
            updated_at: 30,
            version: 1,
        };
        groups::insert_task(&mut tx, &task).await.unwrap();
        // Figures the secretary enters: one per year and indicator, the last one kept, to a thousandth.
        use liaison_domain::group::results::{Entered, Indicator};
        let frozen =
            |value: f64| Entered { year: 2025, indicator: Indicator::AssetsFrozen, value, note: Some("EUR".into()) };
        groups::set_result(&mut tx, group.id, &frozen(100.5), Some(secretary.id), 40).await.unwrap();
        groups::set_result(&mut tx, group.id, &frozen(1_250_000.125), Some(secretary.id), 41).await.unwrap();
        assert_eq!(groups::results(&mut tx, group.id).await.unwrap(), vec![frozen(1_250_000.125)], "{engine}");
        assert!(groups::courses_between(&mut tx, &body_parties(&group)).await.unwrap().is_empty(), "{engine}");
        tx.commit().await.unwrap();
        // A user is a member once; the refused change leaves the members as they were.
        let mut tx = store.write().await.unwrap();
        let twice = [members[0].clone(), members[0].clone()];
        assert!(matches!(groups::set_members(&mut tx, group.id, &twice, 11).await, Err(StoreError::Conflict(_))));
        drop(tx);

        let mut c = store.read().await.unwrap();
        assert_eq!(groups::get_group(&mut c, group.id).await.unwrap().as_ref(), Some(&group), "{engine}");
        assert_eq!(groups::groups_of(&mut c, member.id).await.unwrap(), vec![group.clone()]);
        assert!(groups::groups_of(&mut c, outsider.id).await.unwrap().is_empty(), "{engine}: outsiders see nothing");
        assert_eq!(groups::role_of(&mut c, group.id, secretary.id).await.unwrap(), Some(GroupRole::Secretary));
        assert_eq!(groups::role_of(&mut c, group.id, outsider.id).await.unwrap(), None);
        assert_eq!(groups::members(&mut c, group.id).await.unwrap().len(), 2);
        assert_eq!(groups::meetings(&mut c, group.id).await.unwrap(), vec![meeting.clone()]);
        assert_eq!(groups::tasks_of(&mut c, member.id).await.unwrap(), vec![task.clone()]);
        assert_eq!(groups::open_tasks_due_by(&mut c, d("2026-11-20")).await.unwrap(), vec![task.clone()]);
        assert!(groups::open_tasks_due_by(&mut c, d("2026-11-01")).await.unwrap().is_empty());
        drop(c);

        // The meeting is held: protocol and attendance; a stale writer is refused.
        let mut tx = store.write().await.unwrap();
        let held = MeetingRecord {
            status: MeetingStatus::Held,
            attendance: vec![secretary.id, member.id],
            protocol: Some(Protocol::numbered("Протокол".into(), vec!["Решение первое".into()])),
            version: 2,
            updated_at: 40,
            ..meeting.clone()
        };
        groups::update_meeting(&mut tx, &held).await.unwrap();
        assert!(matches!(groups::update_meeting(&mut tx, &held).await, Err(StoreError::Stale(_))));
        let done = TaskRecord { status: TaskStatus::Done, version: 2, updated_at: 50, ..task.clone() };
        groups::update_task(&mut tx, &done).await.unwrap();
        for (i, text) in ["Запрос направлен", "Ответ получен"].into_iter().enumerate() {
            let note = TaskNote {
                id: Uuid::now_v7(),
                task: task.id,
                author: Some(member.id),
                text: text.into(),
                created_at: 60 + i as i64,
            };
            groups::add_note(&mut tx, &note).await.unwrap();
        }
        // A member who leaves no longer finds the group, nor their tasks in it.
        groups::set_members(&mut tx, group.id, &members[..1], 70).await.unwrap();
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();
        assert_eq!(groups::get_meeting(&mut c, meeting.id).await.unwrap(), Some(held), "{engine}");
        assert!(groups::open_tasks_due_by(&mut c, d("2026-12-31")).await.unwrap().is_empty());
        let notes = groups::notes(&mut c, task.id).await.unwrap();
        assert_eq!(
            notes.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
            vec!["Запрос направлен", "Ответ получен"]
        );
        assert!(groups::groups_of(&mut c, member.id).await.unwrap().is_empty());
        assert!(groups::tasks_of(&mut c, member.id).await.unwrap().is_empty());
    }
}
