//! Storage tests of notices and screenings, on every engine.

use crate::testing::engines;
use crate::tests::{org, user};
use crate::{StoreError, notices, orgs, screenings, users};
use liaison_domain::notice::{NoticeBody, NoticeStatus};
use liaison_domain::{HitId, NoticeId, ScreeningId};
use notices::{Filter, NoticeRecord, Upsert, Viewer};
use screenings::{Decision, Hit, Screening};
use uuid::Uuid;

fn body(v: serde_json::Value) -> NoticeBody {
    serde_json::from_value::<NoticeBody>(v).unwrap().check().unwrap()
}

fn person(name: &str, source: &str, addressees: &[&str]) -> NoticeBody {
    body(serde_json::json!({"kind": if addressees.is_empty() { "red" } else { "diffusion" }, "title": "Wanted",
        "addressees": addressees, "source_id": source,
        "subject": {"person": {"name_in_original_script": name, "nationalities": ["RU"]}}}))
}

#[tokio::test]
async fn notices_are_seen_by_owner_and_addressees_imports_are_idempotent_and_objects_are_found_exactly() {
    for (engine, store) in engines().await {
        let ru = org("NCB Moscow", "RU");
        let uz = org("NCB Tashkent", "UZ");
        let kz = org("NCB Astana", "KZ");
        let officer = user(ru.id, "ru.ncb");
        let mut tx = store.write().await.unwrap();
        for o in [&ru, &uz, &kz] {
            orgs::insert(&mut tx, o).await.unwrap();
        }
        users::insert(&mut tx, &officer).await.unwrap();
        let to_all = person("Сергей Плохов", "ftm:1", &[]);
        let to_uz = person("Rəşad Əliyev", "ftm:2", &["UZ"]);
        let new = || NoticeId(Uuid::now_v7());
        assert!(matches!(
            notices::upsert_by_source(&mut tx, ru.id, &to_all, new(), Some(officer.id), 10).await.unwrap(),
            Upsert::Added(_)
        ));
        assert!(matches!(
            notices::upsert_by_source(&mut tx, ru.id, &to_uz, new(), Some(officer.id), 10).await.unwrap(),
            Upsert::Added(_)
        ));
        // The same again changes nothing; a changed title updates the same notice.
        assert!(matches!(
            notices::upsert_by_source(&mut tx, ru.id, &to_all, new(), None, 11).await.unwrap(),
            Upsert::Unchanged(_)
        ));
        let retitled = NoticeBody { title: "Wanted for fraud".into(), ..to_all.clone() };
        let Upsert::Updated(id) = notices::upsert_by_source(&mut tx, ru.id, &retitled, new(), None, 12).await.unwrap()
        else {
            panic!("{engine}: not updated")
        };
        let car = body(serde_json::json!({"kind": "stolen_vehicle", "title": "Car",
            "subject": {"vehicle": {"vin": "5YJ3E1EA7HF000337", "plate": "А 123 ВС 77"}}}));
        let car_rec = NoticeRecord {
            id: new(),
            org: ru.id,
            status: NoticeStatus::Active,
            body: car,
            created_by: None,
            created_at: 13,
            updated_at: 13,
            version: 1,
        };
        notices::insert(&mut tx, &car_rec).await.unwrap();
        tx.commit().await.unwrap();

        let mut c = store.read().await.unwrap();
        let viewer = |o: &orgs::Organisation| Viewer { org: o.id, country: o.country, all: false };
        for (o, want) in [(&ru, 3), (&uz, 3), (&kz, 2)] {
            let (items, n) = notices::list(&mut c, viewer(o), &Filter::default(), 50, 0).await.unwrap();
            assert_eq!((n, items.len()), (want, want as usize), "{engine}: {}", o.name);
        }
        let (found, _) =
            notices::list(&mut c, viewer(&kz), &Filter { q: Some("плохов".into()), ..Filter::default() }, 50, 0)
                .await
                .unwrap();
        assert_eq!(found.first().map(|n| n.id), Some(id), "{engine}: Unicode search");
        assert_eq!(notices::by_object_key(&mut c, "vin:5YJ3E1EA7HF000337").await.unwrap().len(), 1);
        assert_eq!(
            notices::by_plate(&mut c, "a123bc77").await.unwrap().len(),
            1,
            "{engine}: plates across look-alike letters"
        );
        let before = notices::fingerprint(&mut c).await.unwrap();
        drop(c);

        // A stale write is refused; a change moves the fingerprint (other servers rebuild their index).
        let mut tx = store.write().await.unwrap();
        let stale = NoticeRecord { version: 1, ..car_rec.clone() };
        assert!(matches!(
            notices::update(&mut tx, &NoticeRecord { version: 1, ..stale }).await,
            Err(StoreError::Stale(_))
        ));
        notices::update(
            &mut tx,
            &NoticeRecord { status: NoticeStatus::Cancelled, version: 2, updated_at: 20, ..car_rec.clone() },
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();
        assert_ne!(notices::fingerprint(&mut c).await.unwrap(), before);
        assert_eq!(notices::active(&mut c).await.unwrap().len(), 2);
        assert!(notices::by_object_key(&mut c, "vin:5YJ3E1EA7HF000337").await.unwrap().is_empty());
        drop(c);

        // A screening, its hit, a decision that is taken once and remembered.
        let mut tx = store.write().await.unwrap();
        let s = Screening {
            id: ScreeningId(Uuid::now_v7()),
            org: uz.id,
            user: None,
            kind: "person".into(),
            purpose: "Border".into(),
            query: "{}".into(),
            algorithm: "liaison-names-1".into(),
            threshold_milli: 700,
            queries: 1,
            hits: 1,
            created_at: 30,
        };
        screenings::insert(&mut tx, &s).await.unwrap();
        let h = Hit {
            id: HitId(Uuid::now_v7()),
            screening: s.id,
            notice: id,
            query_label: "Sergei Plohov".into(),
            query_row: None,
            score_milli: 950,
            explanation: "{}".into(),
            decision: Decision::Pending,
            decided_by: None,
            decided_at: None,
            decision_note: None,
            created_at: 30,
        };
        screenings::insert_hit(&mut tx, &h).await.unwrap();
        screenings::decide(&mut tx, h.id, Decision::FalsePositive, officer.id, 31, Some("other person")).await.unwrap();
        assert!(matches!(
            screenings::decide(&mut tx, h.id, Decision::Confirmed, officer.id, 32, None).await,
            Err(StoreError::Stale(_))
        ));
        screenings::remember(&mut tx, uz.id, "key", id, Decision::FalsePositive, officer.id, 31).await.unwrap();
        screenings::remember(&mut tx, uz.id, "key", id, Decision::Confirmed, officer.id, 33).await.unwrap();
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();
        assert_eq!(screenings::verdict(&mut c, uz.id, "key", id).await.unwrap(), Some(Decision::Confirmed));
        assert_eq!(screenings::verdict(&mut c, kz.id, "key", id).await.unwrap(), None);
        let on_notice = screenings::hits_on_notice(&mut c, id, 10).await.unwrap();
        assert_eq!((on_notice.len(), on_notice[0].searching_org, on_notice[0].purpose.as_str()), (1, uz.id, "Border"));
        assert!(screenings::pending(&mut c, uz.id, 10).await.unwrap().is_empty());
        drop(c);

        // A notice past its review date is due to expire; one without a date never is.
        let mut reviewed = person("Иван Петров", "ftm:3", &[]);
        reviewed.review_date = Some(liaison_domain::date::Date::parse("2026-01-31").unwrap());
        let mut tx = store.write().await.unwrap();
        notices::upsert_by_source(&mut tx, ru.id, &reviewed, new(), None, 40).await.unwrap();
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();
        assert!(notices::due_for_expiry(&mut c, "2026-01-31").await.unwrap().is_empty(), "{engine}: not before");
        let due = notices::due_for_expiry(&mut c, "2026-02-01").await.unwrap();
        assert_eq!(due.iter().map(|n| n.body.label()).collect::<Vec<_>>(), vec!["Иван Петров".to_owned()]);
    }
}
