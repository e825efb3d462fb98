//! Storage tests of cases and requests, on every engine.

use crate::testing::engines;
use crate::tests::{org, user};
use crate::{StoreError, cases, orgs, requests, users};
use liaison_domain::legal_basis::CooperationType;
use liaison_domain::policy::RequestScope;
use liaison_domain::request::deadline::DeadlineKind;
use liaison_domain::request::{Case, Draft, Status};
use liaison_domain::{CaseId, CountryCode, RequestId};
use requests::{Direction, RegistryFilter};
use uuid::Uuid;

fn case_doc(reference: &str) -> Case {
    serde_json::from_value::<Case>(serde_json::json!({
        "reference": reference, "title": "Отмывание денежных средств",
        "persons": [{"key": "p1", "role": "suspect", "name": "Сергей Плохов", "name_latin": "Sergei Plokhov"},
                    {"key": "p2", "role": "witness", "name": "سعيد الحسني"}]
    }))
    .unwrap()
    .check()
    .unwrap()
}

fn request(
    case: &cases::CaseRecord,
    reference: &str,
    to: &str,
    requested_org: Option<liaison_domain::OrgId>,
) -> requests::RequestRecord {
    requests::RequestRecord {
        id: RequestId(Uuid::now_v7()),
        case: case.id,
        org: case.org,
        requesting_country: CountryCode::parse("RU").unwrap(),
        requested_org,
        status: Status::Draft,
        our_reference: reference.into(),
        their_reference: None,
        parent: None,
        draft: Draft::new(CooperationType::Mla, CountryCode::parse(to).unwrap()),
        complete: false,
        created_by: case.created_by,
        created_at: 10,
        updated_at: 10,
        version: 1,
        sent_at: None,
        acknowledged_at: None,
        closed_at: None,
        refusal_grounds: vec![],
        sent_cited: None,
    }
}

#[tokio::test]
async fn cases_round_trip_keep_their_team_and_refuse_stale_writes() {
    for (engine, store) in engines().await {
        let ru = org("Генеральная прокуратура", "RU");
        let mut tx = store.write().await.unwrap();
        orgs::insert(&mut tx, &ru).await.unwrap();
        let (a, b) = (user(ru.id, "prosecutor.a"), user(ru.id, "prosecutor.b"));
        users::insert(&mut tx, &a).await.unwrap();
        users::insert(&mut tx, &b).await.unwrap();
        let mut c = cases::CaseRecord {
            id: CaseId(Uuid::now_v7()),
            org: ru.id,
            case: case_doc("12-345/2026"),
            created_by: a.id,
            created_at: 5,
            updated_at: 5,
            version: 1,
        };
        cases::insert(&mut tx, &c).await.unwrap();
        cases::add_member(&mut tx, c.id, a.id, 5).await.unwrap();
        cases::add_member(&mut tx, c.id, a.id, 6).await.unwrap(); // twice: no error, one row
        tx.commit().await.unwrap();

        let mut conn = store.read().await.unwrap();
        assert_eq!(cases::get(&mut conn, c.id).await.unwrap().as_ref(), Some(&c), "{engine}");
        assert_eq!(cases::members(&mut conn, c.id).await.unwrap(), vec![a.id]);
        let team_a = RequestScope { org: ru.id, team_member: Some(a.id) };
        let team_b = RequestScope { org: ru.id, team_member: Some(b.id) };
        let all = RequestScope { org: ru.id, team_member: None };
        assert_eq!(cases::list(&mut conn, team_a, None, 10, 0).await.unwrap().1, 1, "{engine}");
        assert_eq!(cases::list(&mut conn, team_b, None, 10, 0).await.unwrap().1, 0, "{engine}: not on the team");
        assert_eq!(cases::list(&mut conn, all, Some("ПЛОХОВ"), 10, 0).await.unwrap().1, 1, "{engine}: Cyrillic search");
        assert_eq!(cases::list(&mut conn, all, Some("الحسني"), 10, 0).await.unwrap().1, 1, "{engine}: Arabic search");
        drop(conn);

        // Two editors read version 1; the second write is refused and the first survives.
        let mut first = c.clone();
        first.case.title = "First edit".into();
        first.version = 2;
        let mut second = c.clone();
        second.case.title = "Second edit".into();
        second.version = 2;
        let mut tx = store.write().await.unwrap();
        cases::update(&mut tx, &first).await.unwrap();
        let stale = cases::update(&mut tx, &second).await;
        assert!(matches!(stale, Err(StoreError::Stale(_))), "{engine}: {stale:?}");
        tx.commit().await.unwrap();
        let mut conn = store.read().await.unwrap();
        assert_eq!(cases::get(&mut conn, c.id).await.unwrap().unwrap().case.title, "First edit");
        c.version = 2;
        drop(conn);

        // The same reference twice in one organisation is refused.
        let mut tx = store.write().await.unwrap();
        let dup = cases::CaseRecord { id: CaseId(Uuid::now_v7()), case: case_doc("12-345/2026"), ..c.clone() };
        assert!(matches!(cases::insert(&mut tx, &dup).await, Err(StoreError::Conflict(_))), "{engine}");
    }
}

#[tokio::test]
async fn requests_number_themselves_keep_a_timeline_and_show_in_both_registries() {
    for (engine, store) in engines().await {
        let ru = org("Генеральная прокуратура", "RU");
        let am = org("Գլխավոր դատախազություն", "AM");
        let mut tx = store.write().await.unwrap();
        orgs::insert(&mut tx, &ru).await.unwrap();
        orgs::insert(&mut tx, &am).await.unwrap();
        let a = user(ru.id, "officer.ru");
        users::insert(&mut tx, &a).await.unwrap();
        let c = cases::CaseRecord {
            id: CaseId(Uuid::now_v7()),
            org: ru.id,
            case: case_doc("1/2026"),
            created_by: a.id,
            created_at: 5,
            updated_at: 5,
            version: 1,
        };
        cases::insert(&mut tx, &c).await.unwrap();
        let ru_code = CountryCode::parse("RU").unwrap();
        let r1 = requests::next_reference(&mut tx, ru.id, ru_code, CooperationType::Mla, 2026).await.unwrap();
        let r2 = requests::next_reference(&mut tx, ru.id, ru_code, CooperationType::Mla, 2026).await.unwrap();
        let e1 = requests::next_reference(&mut tx, ru.id, ru_code, CooperationType::Extradition, 2026).await.unwrap();
        assert_eq!(
            (r1.as_str(), r2.as_str(), e1.as_str()),
            ("RU-MLA-2026-0001", "RU-MLA-2026-0002", "RU-EXT-2026-0001")
        );
        let mut to_am = request(&c, &r1, "AM", Some(am.id));
        let to_uz = request(&c, &r2, "UZ", None);
        assert!(requests::insert(&mut tx, &to_am).await.unwrap());
        assert!(requests::insert(&mut tx, &to_uz).await.unwrap());
        let taken = request(&c, &r1, "GE", None);
        assert!(!requests::insert(&mut tx, &taken).await.unwrap(), "{engine}: a taken reference is not written twice");
        tx.commit().await.unwrap();

        let incoming = |org| RegistryFilter {
            scope: RequestScope { org, team_member: None },
            direction: Direction::Incoming,
            status: None,
            kind: None,
            country: None,
            q: None,
            pending_only: false,
        };
        let mut conn = store.read().await.unwrap();
        assert_eq!(
            requests::list(&mut conn, &incoming(am.id), 10, 0).await.unwrap().1,
            0,
            "{engine}: drafts are not shown to the requested side"
        );
        let outgoing = RegistryFilter { direction: Direction::Outgoing, ..incoming(ru.id) };
        assert_eq!(requests::list(&mut conn, &outgoing, 10, 0).await.unwrap().1, 2, "{engine}");
        let by_ref = RegistryFilter { q: Some("mla-2026-0002".into()), ..outgoing.clone() };
        let (found, _) = requests::list(&mut conn, &by_ref, 10, 0).await.unwrap();
        assert_eq!(found.iter().map(|r| r.our_reference.as_str()).collect::<Vec<_>>(), ["RU-MLA-2026-0002"]);
        drop(conn);

        let mut tx = store.write().await.unwrap();
        to_am.status = Status::Sent;
        to_am.sent_at = Some(1_000);
        to_am.sent_cited = Some(case_doc("1/2026"));
        to_am.version = 2;
        requests::update(&mut tx, &to_am).await.unwrap();
        for kind in ["created", "transition"] {
            requests::append_event(
                &mut tx,
                &requests::Event {
                    request: to_am.id,
                    seq: 0,
                    at_ms: 1_000,
                    actor_user: Some(a.id),
                    actor_label: "officer.ru".into(),
                    actor_org: Some(ru.id),
                    kind: kind.into(),
                    from_status: Some(Status::Ready),
                    to_status: Some(Status::Sent),
                    on_behalf: false,
                    comment: "Отправлено".into(),
                    details: serde_json::json!({"n": 1}),
                },
            )
            .await
            .unwrap();
        }
        requests::put_deadline(
            &mut tx,
            &requests::StoredDeadline {
                request: to_am.id,
                kind: DeadlineKind::Answer,
                due: "2026-03-01".into(),
                source: "{}".into(),
                last_stage: 0,
                met_at: None,
            },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();

        let mut conn = store.read().await.unwrap();
        assert_eq!(requests::get(&mut conn, to_am.id).await.unwrap().as_ref(), Some(&to_am), "{engine}");
        let ev = requests::events(&mut conn, to_am.id).await.unwrap();
        assert_eq!(ev.iter().map(|e| e.seq).collect::<Vec<_>>(), [1, 2], "{engine}");
        assert_eq!(ev[1].comment, "Отправлено");
        assert_eq!(
            requests::list(&mut conn, &incoming(am.id), 10, 0).await.unwrap().1,
            1,
            "{engine}: sent, so incoming"
        );
        let backlog = requests::unanswered(&mut conn, RequestScope { org: ru.id, team_member: None }, "2026-04-01")
            .await
            .unwrap();
        assert_eq!(backlog.len(), 1, "{engine}");
        assert_eq!((backlog[0].country.as_str(), backlog[0].count, backlog[0].overdue), ("AM", 1, 1), "{engine}");
        assert_eq!(requests::open_deadlines_until(&mut conn, "2026-03-08", 10).await.unwrap().len(), 1);
        assert_eq!(requests::open_deadlines_until(&mut conn, "2026-02-20", 10).await.unwrap().len(), 0);
        drop(conn);

        // Two reminder runs race for the same stage: only one wins.
        let mut tx = store.write().await.unwrap();
        assert!(requests::advance_stage(&mut tx, to_am.id, DeadlineKind::Answer, 0, 2).await.unwrap());
        assert!(!requests::advance_stage(&mut tx, to_am.id, DeadlineKind::Answer, 0, 2).await.unwrap(), "{engine}");
        requests::meet_deadline(&mut tx, to_am.id, DeadlineKind::Answer, 2_000).await.unwrap();
        // A stale update of the request is refused.
        let stale = requests::update(&mut tx, &to_am).await;
        assert!(matches!(stale, Err(StoreError::Stale(_))), "{engine}: {stale:?}");
        tx.commit().await.unwrap();
        let mut conn = store.read().await.unwrap();
        assert!(requests::open_deadlines_until(&mut conn, "2026-12-31", 10).await.unwrap().is_empty(), "{engine}");
    }
}
