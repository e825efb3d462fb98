//! Chasing with a controllable clock: reminders before, at and after each deadline, once per stage,
//! to both sides, in the application and by e-mail through a local SMTP sink.

use crate::support::*;
use base64::Engine;
use liaison_server::services::{Caller, chasing, users};
use reqwest::StatusCode;
use serde_json::json;

const DAY: i64 = 86_400_000;

async fn user_with_mail(s: &TestServer, org: &orgs_store::Organisation, name: &str, role: &str) {
    users::create(
        &s.state,
        &Caller::Cli,
        users::NewUser {
            org_id: org.id,
            username: name.into(),
            display_name: name.into(),
            email: Some(format!("{name}@example.org")),
            roles: vec![role.into()],
            password: PASSWORD.into(),
            locale: None,
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn overdue_requests_chase_themselves_once_per_stage_in_the_application_and_by_mail() {
    let sink = SmtpSink::start().await;
    for e in engines().await {
        let mut opts = Options { manual_clock: true, ..Default::default() };
        opts.config.smtp = Some(
            liaison_server::mail::SmtpConfig::parse(&format!("smtp://127.0.0.1:{}", sink.port), "liaison@example.org")
                .unwrap(),
        );
        opts.config.public_url = Some("https://liaison.example.org".into());
        let s = TestServer::start_with(&e, opts).await;
        let clock = s.clock.clone().unwrap();
        let ru = s.org("Генеральная прокуратура", "RU", false).await;
        let am = s.org("Գլխավոր դատախազություն", "AM", false).await;
        s.link_authority("am-gpo", &am).await;
        user_with_mail(&s, &ru, "ru.officer", "central_authority_officer").await;
        user_with_mail(&s, &am, "am.officer", "central_authority_officer").await;
        let officer = s.login("ru.officer").await;
        let am_officer = s.login("am.officer").await;

        let (_, case) = officer
            .post("/api/v1/cases", json!({"reference": "1/2026", "title": "Дело", "offences": [{"key": "o1", "category": "fraud", "description": "Fraud"}],
                "persons": [{"key": "w1", "role": "witness", "name": "Արամ Պետրոսյան"}]}))
            .await;
        let (_, r) = officer
            .post("/api/v1/requests", json!({"case_id": case["id"], "type": "mla", "requested_country": "AM"}))
            .await;
        let id = r["id"].as_str().unwrap().to_string();
        let reference = r["our_reference"].as_str().unwrap().to_string();
        let draft = json!({"kind": "mla", "requested_country": "AM", "requested_authority": "am-gpo", "measures": ["hearing_witness"],
            "legal_basis": ["ets030"], "language": "en", "subject": "s", "facts": "f", "offences": ["o1"], "persons": ["w1"],
            "assistance_sought": "hear", "purpose": "evidence", "confidentiality": false, "measure_details": {"questions": "q"},
            "signatory_name": "A", "signatory_position": "B"});
        let (st, saved) =
            officer.put(&format!("/api/v1/requests/{id}"), json!({"version": r["version"], "draft": draft})).await;
        assert_eq!(st, StatusCode::OK, "{saved}");
        for stp in ["mark_ready", "send"] {
            let (st, body) = officer.post(&format!("/api/v1/requests/{id}/transitions"), json!({"step": stp})).await;
            assert_eq!(st, StatusCode::OK, "{body}");
        }
        let (_, n) = am_officer.get("/api/v1/notifications?unread=true").await;
        assert_eq!(n["total"], 1, "{}: the requested side is told of the incoming request: {n}", e.name);
        assert!(n["items"][0]["text"].as_str().unwrap().contains(&reference));

        let run = |days: i64| {
            clock.advance_ms(days * DAY);
            let st = s.state.clone();
            async move { chasing::run(&st, st.today().unwrap()).await.unwrap() }
        };
        // The acknowledgement is due 20 days after sending (normal urgency): nothing for 12 days.
        assert_eq!(run(12).await.reminders, 0, "{}", e.name);
        // 14 days in: due within a week — both sides are reminded, once.
        let first = run(2).await;
        assert_eq!((first.reminders, first.notifications, first.mails), (1, 2, 2), "{}: {first:?}", e.name);
        assert_eq!(run(0).await.reminders, 0, "{}: the same stage is not sent twice", e.name);
        // 28 days in: overdue; a run that missed days sends one reminder, for where things stand.
        let overdue = run(14).await;
        assert_eq!(overdue.reminders, 1, "{}", e.name);
        // (Sessions end after 30 idle minutes; four weeks have passed.)
        let officer = s.login("ru.officer").await;
        let (_, n) = officer.get("/api/v1/notifications").await;
        let texts: Vec<&str> = n["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["text"].as_str().unwrap_or_else(|| panic!("{n}")))
            .collect();
        assert!(texts[0].contains("overdue") && texts[1].contains("due on"), "{}: {texts:?}", e.name);

        // E-mail goes out through the relay, with a link to the request.
        let before = sink.messages.lock().unwrap().len();
        let (sent, failed) = chasing::deliver(&s.state).await.unwrap();
        assert_eq!((sent, failed), (5, 0), "{}: the incoming notice and two reminders to two people", e.name);
        let mails: Vec<String> = sink.messages.lock().unwrap()[before..].to_vec();
        let to_ru: Vec<&String> = mails.iter().filter(|m| m.contains("RCPT TO:<ru.officer@example.org>")).collect();
        assert_eq!(to_ru.len(), 2, "{}", e.name);
        assert!(to_ru[1].contains(&format!("Subject: Liaison: {reference}")), "{}", to_ru[1]);
        let body = to_ru[1].split("\r\n\r\n").nth(1).unwrap().replace("\r\n", "");
        let body = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(body).unwrap()).unwrap();
        assert!(body.contains(&format!("https://liaison.example.org/requests/{id}")), "{body}");
        assert_eq!(chasing::deliver(&s.state).await.unwrap(), (0, 0), "nothing is sent twice");

        // The acknowledgement meets its deadline: no more reminders of it; the requesting side is told.
        let am_officer = s.login("am.officer").await;
        let (st, _) =
            am_officer.post(&format!("/api/v1/requests/{id}/transitions"), json!({"step": "acknowledge"})).await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(run(30).await.reminders, 0, "{}", e.name);
        let officer = s.login("ru.officer").await;
        let (_, n) = officer.get("/api/v1/notifications?unread=true").await;
        assert!(n["items"][0]["text"].as_str().unwrap().contains("am.officer"), "{n}");
        let (st, m) = officer.post("/api/v1/notifications/all/read", json!({})).await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(m["marked"], 3);
        let (st, _) = officer.post("/api/v1/notifications/nonsense/read", json!({})).await;
        assert_eq!(st, StatusCode::NOT_FOUND);

        // The answer is due 120 days after sending: reminded before, then overdue every fortnight.
        assert_eq!(run(52).await.reminders, 0, "{}: day 110; the answer is due on day 120", e.name);
        let officer = s.login("ru.officer").await;
        let timeline = officer.get(&format!("/api/v1/requests/{id}")).await.1;
        let reminders = timeline["timeline"].as_array().unwrap().iter().filter(|t| t["kind"] == "reminder").count();
        assert_eq!(reminders, 2, "{}", e.name);
        assert_eq!(s.audit_events("request.reminder").await.len(), 2);
        s.audit_intact().await;
    }
}

#[tokio::test]
async fn an_overdue_request_is_escalated_to_the_network_contact_point_by_mail() {
    let sink = SmtpSink::start().await;
    for e in engines().await {
        let mut opts = Options { manual_clock: true, ..Default::default() };
        opts.config.smtp = Some(
            liaison_server::mail::SmtpConfig::parse(&format!("smtp://127.0.0.1:{}", sink.port), "liaison@example.org")
                .unwrap(),
        );
        let s = TestServer::start_with(&e, opts).await;
        let clock = s.clock.clone().unwrap();
        let kz = s.org("Генеральная прокуратура Республики Казахстан", "KZ", false).await;
        s.user(&kz, "kz.officer", &["central_authority_officer"]).await;
        s.user(&kz, "kz.prosecutor", &["prosecutor"]).await;
        let officer = s.login("kz.officer").await;
        let (_, case) = officer
            .post("/api/v1/cases", json!({"reference": "KZ-7", "title": "Дело", "offences": [{"key": "o1", "category": "fraud", "description": "Fraud"}],
                "assets": [{"key": "a1", "kind": "bank_account", "description": "Account"}]}))
            .await;
        let (_, r) = officer
            .post("/api/v1/requests", json!({"case_id": case["id"], "type": "mla", "requested_country": "UZ"}))
            .await;
        let id = r["id"].as_str().unwrap().to_string();
        let draft = json!({"kind": "mla", "requested_country": "UZ", "requested_authority": "uz-gpo", "measures": ["bank_records"],
            "reciprocity": true, "language": "ru", "subject": "s", "facts": "f", "offences": ["o1"], "assets": ["a1"],
            "assistance_sought": "records", "purpose": "evidence", "confidentiality": false, "measure_details": {"accounts": "a"},
            "signatory_name": "A", "signatory_position": "B"});
        let (st, saved) =
            officer.put(&format!("/api/v1/requests/{id}"), json!({"version": r["version"], "draft": draft})).await;
        assert_eq!(st, StatusCode::OK, "{saved}");
        for stp in ["mark_ready", "send"] {
            assert_eq!(
                officer.post(&format!("/api/v1/requests/{id}/transitions"), json!({"step": stp})).await.0,
                StatusCode::OK
            );
        }
        let (_, routes) = officer.get(&format!("/api/v1/requests/{id}/escalation")).await;
        let casc =
            routes.as_array().unwrap().iter().find(|r| r["network"] == "casc").unwrap_or_else(|| panic!("{routes}"));
        assert_eq!(casc["contacts"].as_array().unwrap().len(), 0, "no contact point is shipped");
        let (st, body) = officer.post(&format!("/api/v1/requests/{id}/escalation"), json!({"network": "casc"})).await;
        assert_eq!(
            (st, body["errors"][0]["code"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("no_contact")),
            "{body}"
        );

        // A data steward records Uzbekistan's CASC focal point; a month later the request is escalated to it.
        let mut uz =
            liaison_server::services::reference::authority(&s.state, &Caller::Cli, "uz-gpo").await.unwrap().authority;
        uz.contacts.push(liaison_domain::directory::ContactPoint {
            name: "Focal point of CASC".into(),
            function: None,
            phone: None,
            email: Some("casc.focal@example.uz".into()),
            available_24_7: false,
            serves: vec!["casc".into()],
        });
        liaison_server::services::reference::edit_authority(
            &s.state,
            &Caller::Cli,
            "uz-gpo",
            uz,
            "letter of the CASC secretariat",
        )
        .await
        .unwrap();
        clock.advance_ms(30 * DAY);
        let officer = s.login("kz.officer").await;
        let (st, _) = s
            .login("kz.prosecutor")
            .await
            .post(&format!("/api/v1/requests/{id}/escalation"), json!({"network": "casc"}))
            .await;
        assert_eq!(st, StatusCode::NOT_FOUND, "{}: not on the team, the prosecutor does not see it", e.name);
        let (st, body) = officer
            .post(
                &format!("/api/v1/requests/{id}/escalation"),
                json!({"network": "casc", "comment": "Просим содействия"}),
            )
            .await;
        assert_eq!((st, body["contacted"].as_u64()), (StatusCode::OK, Some(1)), "{}: {body}", e.name);
        let before = sink.messages.lock().unwrap().len();
        assert_eq!(chasing::deliver(&s.state).await.unwrap(), (1, 0));
        let mail = sink.messages.lock().unwrap()[before].clone();
        assert!(mail.contains("RCPT TO:<casc.focal@example.uz>"), "{mail}");
        let body = mail.split("\r\n\r\n").nth(1).unwrap().replace("\r\n", "");
        let body = String::from_utf8(base64::engine::general_purpose::STANDARD.decode(body).unwrap()).unwrap();
        assert!(
            body.contains("has not been answered") && body.contains("Просим содействия") && body.contains("CASC"),
            "{body}"
        );
        let (_, v) = officer.get(&format!("/api/v1/requests/{id}")).await;
        assert!(
            v["timeline"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t["kind"] == "escalation" && t["comment"] == "Просим содействия")
        );
        assert_eq!(s.audit_events("request.escalate").await.len(), 1);
    }
}
