//! Cases and requests over HTTP on both engines: the writer's findings, the lifecycle by side and role,
//! the requested side's registry, recording a foreign counterpart's answers, need-to-know denials.

use crate::support::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn case_body() -> Value {
    json!({
        "reference": "12-345/2026",
        "title": "Мошенничество в особо крупном размере",
        "proceedings": "Pre-trial investigation by the Investigative Committee",
        "summary": "Investors were defrauded of 40 million roubles.",
        "offences": [{"key": "o1", "category": "fraud", "description": "Fraud on a large scale",
                      "legal_provision": "Article 159(4) of the Criminal Code", "maximum_penalty": "10 years",
                      "time_and_place": "2024–2025, Moscow"}],
        "persons": [
            {"key": "p1", "role": "suspect", "name": "Сергей Плохов", "name_latin": "Sergei Plokhov", "birth_date": "1980-03", "nationalities": ["RU"]},
            {"key": "w1", "role": "witness", "name": "Արամ Պետրոսյան", "name_latin": "Aram Petrosyan", "location": "Gyumri", "location_country": "AM"}
        ],
        "assets": [{"key": "a1", "kind": "bank_account", "description": "Current account", "identifier": "AM00 1234 5678", "holder": "p1"}]
    })
}

fn complete_draft(to: &str, authority: Option<&str>) -> Value {
    json!({
        "kind": "mla", "requested_country": to, "requested_authority": authority,
        "measures": ["hearing_witness", "bank_records"],
        "legal_basis": if to == "AM" { json!(["ets030"]) } else { json!([]) }, "reciprocity": to != "AM",
        "language": "ru", "second_language": "en",
        "subject": "Criminal case 12-345/2026 investigated by the Investigative Committee",
        "facts": "Between 2024 and 2025 the suspect defrauded investors…",
        "offences": ["o1"], "persons": ["w1"], "assets": ["a1"],
        "assistance_sought": "Hear the witness; obtain the account statements",
        "purpose": "Evidence for the trial", "confidentiality": false,
        "measure_details": {"questions": "1. Когда вы познакомились с С. Плоховым?", "accounts": "Account AM00 1234 5678, 2024–2025"},
        "signatory_name": "А. Иванов", "signatory_position": "Начальник управления"
    })
}

async fn step(c: &Client, id: &str, body: Value) -> (StatusCode, Value) {
    c.post(&format!("/api/v1/requests/{id}/transitions"), body).await
}

#[tokio::test]
async fn an_mla_request_goes_from_case_to_execution_between_two_authorities_on_one_installation() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let ru = s.org("Генеральная прокуратура Российской Федерации", "RU", false).await;
        let am = s.org("Գլխավոր դատախազություն", "AM", false).await;
        s.link_authority("am-gpo", &am).await;
        s.user(&ru, "ru.pros", &["prosecutor"]).await;
        s.user(&ru, "ru.other", &["prosecutor"]).await;
        s.user(&ru, "ru.officer", &["central_authority_officer"]).await;
        s.user(&ru, "ru.analyst", &["analyst", "observer"]).await;
        s.user(&am, "am.officer", &["central_authority_officer"]).await;
        s.user(&am, "am.pros", &["prosecutor"]).await;
        let pros = s.login("ru.pros").await;
        let officer = s.login("ru.officer").await;
        let am_officer = s.login("am.officer").await;

        let (st, case) = pros.post("/api/v1/cases", case_body()).await;
        assert_eq!(st, StatusCode::CREATED, "{}: {case}", e.name);
        let case_id = case["id"].as_str().unwrap().to_string();
        assert_eq!(case["case"]["persons"][1]["name"], "Արամ Պետրոսյան");

        let (st, req) =
            pros.post("/api/v1/requests", json!({"case_id": case_id, "type": "mla", "requested_country": "AM"})).await;
        assert_eq!(st, StatusCode::CREATED, "{}: {req}", e.name);
        let id = req["id"].as_str().unwrap().to_string();
        assert!(req["our_reference"].as_str().unwrap().starts_with("RU-MLA-"), "{req}");
        let missing: Vec<&str> = req["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "missing")
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        for f in ["measures", "legal_basis", "language", "subject", "facts", "confidentiality", "signatory_name"] {
            assert!(missing.contains(&f), "{}: {f} should be missing: {missing:?}", e.name);
        }
        assert!(
            req["legal_basis"]["bases"].as_array().unwrap().iter().any(|b| b["instrument"] == "ets030"),
            "the resolver's bases come with the draft"
        );

        let (st, body) = step(&pros, &id, json!({"step": "mark_ready"})).await;
        assert_eq!(
            (st, body["type"].as_str()),
            (StatusCode::CONFLICT, Some("/problems/request-incomplete")),
            "{}: {body}",
            e.name
        );

        // The draft in Russian alone is not accepted by Armenia under ETS 030: the writer says so.
        let mut d = complete_draft("AM", Some("am-gpo"));
        d["second_language"] = Value::Null;
        let (st, saved) =
            pros.put(&format!("/api/v1/requests/{id}"), json!({"version": req["version"], "draft": d})).await;
        assert_eq!(st, StatusCode::OK, "{}: {saved}", e.name);
        assert!(saved["findings"].as_array().unwrap().iter().any(|f| f["code"] == "language_not_accepted"), "{saved}");
        assert_eq!(saved["counterpart_on_installation"], true);
        // A save based on the old version is refused and loses nothing.
        let (st, body) = pros
            .put(
                &format!("/api/v1/requests/{id}"),
                json!({"version": req["version"], "draft": complete_draft("AM", None)}),
            )
            .await;
        assert_eq!((st, body["type"].as_str()), (StatusCode::CONFLICT, Some("/problems/stale")), "{}: {body}", e.name);
        let (st, saved) = pros
            .put(
                &format!("/api/v1/requests/{id}"),
                json!({"version": saved["version"], "draft": complete_draft("AM", Some("am-gpo"))}),
            )
            .await;
        assert_eq!(st, StatusCode::OK);
        assert!(saved["complete"].as_bool().unwrap(), "{}: {}", e.name, saved["findings"]);

        // Need to know: a colleague not on the team, an analyst and the requested side (before sending) see nothing.
        for who in ["ru.other", "ru.analyst", "am.officer"] {
            let (st, _) = s.login(who).await.get(&format!("/api/v1/requests/{id}")).await;
            assert_eq!(st, StatusCode::NOT_FOUND, "{}: {who} must not see a draft", e.name);
        }
        let (_, list) = s.login("ru.other").await.get("/api/v1/cases").await;
        assert_eq!(list["total"], 0, "{}", e.name);

        let (st, body) = step(&pros, &id, json!({"step": "mark_ready"})).await;
        assert_eq!(st, StatusCode::OK, "{}: {body}", e.name);
        let (st, body) = step(&pros, &id, json!({"step": "send"})).await;
        assert_eq!(
            (st, body["type"].as_str()),
            (StatusCode::FORBIDDEN, Some("/problems/step-forbidden")),
            "prosecutors prepare, officers send"
        );
        let (st, sent) = step(&officer, &id, json!({"step": "send", "comment": "Sent by courier"})).await;
        assert_eq!((st, sent["status"].as_str()), (StatusCode::OK, Some("sent")), "{}: {sent}", e.name);
        let kinds: Vec<&str> =
            sent["deadlines"].as_array().unwrap().iter().map(|d| d["kind"].as_str().unwrap()).collect();
        assert_eq!(kinds.len(), 2, "{kinds:?}");
        assert!(kinds.contains(&"acknowledgement") && kinds.contains(&"answer"));
        let (_, body) = pros
            .put(
                &format!("/api/v1/requests/{id}"),
                json!({"version": sent["version"], "draft": complete_draft("AM", Some("am-gpo"))}),
            )
            .await;
        assert_eq!(body["type"], "/problems/conflict", "a sent request cannot be edited: {body}");

        // The requested side sees it in its registry, with what the request cites and not the whole case.
        let (_, incoming) = am_officer.get("/api/v1/requests?direction=incoming").await;
        assert_eq!(incoming["total"], 1, "{}: {incoming}", e.name);
        let (st, seen) = am_officer.get(&format!("/api/v1/requests/{id}")).await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!((seen["side"].as_str(), seen["case_id"].as_str()), (Some("requested"), None));
        let names: Vec<&str> =
            seen["cited"]["persons"].as_array().unwrap().iter().map(|p| p["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Արամ Պետրոսյան"], "the suspect is not cited, so not shown");
        // Editing the case after sending changes nothing the requested side sees: it sees what was sent.
        let (_, c) = pros.get(&format!("/api/v1/cases/{case_id}")).await;
        let mut changed = c["case"].clone();
        changed["persons"][1]["name"] = json!("Protected witness X");
        let (st, _) =
            pros.put(&format!("/api/v1/cases/{case_id}"), json!({"version": c["version"], "case": changed})).await;
        assert_eq!(st, StatusCode::OK);
        let (_, seen) = am_officer.get(&format!("/api/v1/requests/{id}")).await;
        assert_eq!(seen["cited"]["persons"][0]["name"], "Արամ Պետրոսյան", "{}", e.name);
        let (st, _) = s.login("am.pros").await.get(&format!("/api/v1/requests/{id}")).await;
        assert_eq!(st, StatusCode::NOT_FOUND, "incoming requests are the central authority's");

        // Each side keeps to its steps.
        let (st, _) = step(&officer, &id, json!({"step": "acknowledge"})).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{}: the requested side acknowledges", e.name);
        let (st, _) = step(&am_officer, &id, json!({"step": "withdraw", "comment": "x"})).await;
        assert_eq!(st, StatusCode::FORBIDDEN);
        for (stp, status) in
            [("acknowledge", "acknowledged"), ("start_execution", "in_execution"), ("execute", "executed")]
        {
            let (st, body) = step(&am_officer, &id, json!({"step": stp, "their_reference": if stp == "acknowledge" { json!("AM-2026/77") } else { Value::Null }})).await;
            assert_eq!((st, body["status"].as_str()), (StatusCode::OK, Some(status)), "{}: {body}", e.name);
        }
        let (_, done) = pros.get(&format!("/api/v1/requests/{id}")).await;
        assert_eq!(done["their_reference"], "AM-2026/77");
        let steps: Vec<&str> =
            done["timeline"].as_array().unwrap().iter().filter_map(|t| t["to_status"].as_str()).collect();
        assert_eq!(steps, ["ready", "sent", "acknowledged", "in_execution", "executed"], "{}", e.name);
        assert!(done["deadlines"].as_array().unwrap().iter().all(|d| !d["met_at"].is_null()), "every deadline met");
        let (st, _) = step(&am_officer, &id, json!({"step": "refuse", "grounds": ["other"]})).await;
        assert_eq!(st, StatusCode::CONFLICT, "nothing follows execution");

        assert_eq!(s.audit_events("request.send").await.len(), 1);
        assert!(
            s.audit_events("request.transition")
                .await
                .iter()
                .any(|ev| ev.event.outcome == liaison_domain::audit::Outcome::Denied)
        );
        assert!(s.audit_intact().await > 10);
    }
}

#[tokio::test]
async fn the_requesting_side_records_a_foreign_authoritys_answers_and_chases_the_backlog() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let ru = s.org("Генеральная прокуратура", "RU", false).await;
        s.user(&ru, "ru.officer", &["central_authority_officer"]).await;
        let officer = s.login("ru.officer").await;
        let (_, case) = officer.post("/api/v1/cases", case_body()).await;
        let case_id = case["id"].as_str().unwrap();
        let mut ids = Vec::new();
        for _ in 0..2 {
            let (_, r) = officer
                .post("/api/v1/requests", json!({"case_id": case_id, "type": "mla", "requested_country": "UZ"}))
                .await;
            let id = r["id"].as_str().unwrap().to_string();
            let (st, saved) = officer
                .put(
                    &format!("/api/v1/requests/{id}"),
                    json!({"version": r["version"], "draft": complete_draft("UZ", Some("uz-gpo"))}),
                )
                .await;
            assert_eq!(st, StatusCode::OK, "{saved}");
            assert_eq!(saved["counterpart_on_installation"], false);
            for stp in ["mark_ready", "send"] {
                let (st, body) = step(&officer, &id, json!({"step": stp})).await;
                assert_eq!(st, StatusCode::OK, "{}: {stp}: {body}", e.name);
            }
            ids.push(id);
        }
        let (_, backlog) = officer.get("/api/v1/requests/unanswered").await;
        assert_eq!(
            (backlog[0]["country"].as_str(), backlog[0]["count"].as_i64()),
            (Some("UZ"), Some(2)),
            "{}: {backlog}",
            e.name
        );

        // Uzbekistan's answers arrive by letter; the officer records them on its behalf.
        let (st, body) = step(&officer, &ids[0], json!({"step": "acknowledge", "their_reference": "UZ-15/2026"})).await;
        assert_eq!(st, StatusCode::OK, "{body}");
        assert_eq!(body["timeline"].as_array().unwrap().last().unwrap()["on_behalf"], true);
        let (st, body) = step(&officer, &ids[0], json!({"step": "refuse", "comment": "see letter"})).await;
        assert_eq!(
            (st, body["errors"][0]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, Some("grounds")),
            "{body}"
        );
        let (st, body) = step(&officer, &ids[0], json!({"step": "refuse", "grounds": ["nonsense"]})).await;
        assert_eq!((st, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("grounds[0]")));
        let (st, body) = step(
            &officer,
            &ids[0],
            json!({"step": "refuse", "grounds": ["no_dual_criminality"], "comment": "Letter of 2026-05-02"}),
        )
        .await;
        assert_eq!((st, body["status"].as_str()), (StatusCode::OK, Some("refused")), "{body}");
        assert_eq!(body["refusal_grounds"], json!(["no_dual_criminality"]));

        // A supplementary request to the one still pending goes the same way, on the same basis.
        let (st, sup) = officer
            .post(
                "/api/v1/requests",
                json!({"case_id": case_id, "type": "mla", "requested_country": "UZ", "supplements": ids[1]}),
            )
            .await;
        assert_eq!(st, StatusCode::CREATED, "{sup}");
        assert_eq!(
            (sup["supplements"].as_str(), sup["draft"]["reciprocity"].as_bool()),
            (Some(ids[1].as_str()), Some(true))
        );
        let (_, original) = officer.get(&format!("/api/v1/requests/{}", ids[1])).await;
        assert_eq!(original["supplementary_requests"][0]["id"], sup["id"]);
        let (_, backlog) = officer.get("/api/v1/requests/unanswered").await;
        assert_eq!(backlog[0]["count"], 1, "{}: the refused one is answered", e.name);
        let (_, pending) = officer.get("/api/v1/requests?pending=true&country=UZ").await;
        assert_eq!(pending["total"], 1);
        let (st, body) = officer.get("/api/v1/requests?status=lost").await;
        assert_eq!((st, body["errors"][0]["field"].as_str()), (StatusCode::UNPROCESSABLE_ENTITY, Some("status")));

        // Statistics count what was sent; the registry exports as CSV.
        let (st, stats) = officer.get("/api/v1/statistics").await;
        assert_eq!(st, StatusCode::OK, "{stats}");
        assert_eq!(
            (stats["total"].as_u64(), stats["by_type"]["mla"].as_u64()),
            (Some(2), Some(2)),
            "{}: {stats}",
            e.name
        );
        assert_eq!(stats["refused_share"].as_f64(), Some(1.0), "the one answered was refused");
        assert_eq!(stats["refusal_grounds"]["no_dual_criminality"], 1);
        let ack = stats["pair_years"][0]["median_days_to_acknowledgement"].as_f64().unwrap();
        assert!((0.0..0.01).contains(&ack), "acknowledged within moments: {ack}");
        let (st, _) = officer.get("/api/v1/statistics?from=2026-13-01").await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
        let csv =
            officer.http.get(format!("{}/api/v1/requests/export.csv?country=UZ", officer.base)).send().await.unwrap();
        assert_eq!(csv.status(), StatusCode::OK);
        let csv = csv.text().await.unwrap();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 4, "{}: header and three requests: {csv}", e.name);
        assert!(lines[0].starts_with("our_reference,their_reference,type,status"));
        assert!(
            csv.contains("UZ-15/2026") && csv.contains(",refused,") && csv.contains("no_dual_criminality"),
            "{csv}"
        );
    }
}

#[tokio::test]
async fn the_request_its_reminder_and_the_acknowledgement_print_in_the_request_languages() {
    let e = engines().await.remove(0);
    let s = TestServer::start(&e).await;
    let ru = s.org("Генеральная прокуратура Российской Федерации", "RU", false).await;
    let am = s.org("Գլխավոր դատախազություն", "AM", false).await;
    s.link_authority("am-gpo", &am).await;
    s.user(&ru, "ru.officer", &["central_authority_officer"]).await;
    s.user(&am, "am.officer", &["central_authority_officer"]).await;
    let officer = s.login("ru.officer").await;
    let (_, case) = officer.post("/api/v1/cases", case_body()).await;
    let (_, r) = officer
        .post("/api/v1/requests", json!({"case_id": case["id"], "type": "mla", "requested_country": "AM"}))
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    let (_, saved) = officer
        .put(
            &format!("/api/v1/requests/{id}"),
            json!({"version": r["version"], "draft": complete_draft("AM", Some("am-gpo"))}),
        )
        .await;
    assert!(saved["complete"].as_bool().unwrap(), "{}", saved["findings"]);

    let res =
        officer.http.get(format!("{}/api/v1/requests/{id}/documents/request", officer.base)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["content-type"], "application/pdf");
    let bytes = res.bytes().await.unwrap();
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let text = pdf_text(&bytes);
    for expected in [
        "Запрос о правовой помощи по уголовному делу", // the title, in Russian (the request's language)
        "Request for mutual legal assistance in criminal matters", // and the English version (second language)
        "Когда вы познакомились с С. Плоховым?",       // the writer's questions, as written
        "Արամ Պետրոսյան",                              // the witness, in Armenian script
        "European Convention on Mutual Assistance in Criminal Matters", // the legal basis cited
        "А. Иванов",                                   // the signatory
    ] {
        assert!(text.contains(expected), "{expected:?} not in the PDF text:\n{text}");
    }
    let (st, body) = officer.get(&format!("/api/v1/requests/{id}/documents/reminder")).await;
    assert_eq!(st, StatusCode::CONFLICT, "no reminder before sending: {body}");

    for stp in ["mark_ready", "send"] {
        let (st, body) = step(&officer, &id, json!({"step": stp})).await;
        assert_eq!(st, StatusCode::OK, "{body}");
    }
    let reminder =
        officer.http.get(format!("{}/api/v1/requests/{id}/documents/reminder", officer.base)).send().await.unwrap();
    assert_eq!(reminder.status(), StatusCode::OK);
    let text = pdf_text(&reminder.bytes().await.unwrap());
    assert!(text.contains("Напоминание") && text.contains(r["our_reference"].as_str().unwrap()), "{text}");
    assert!(text.contains("подтверждения его получения"), "not yet acknowledged: {text}");

    // The requested side acknowledges and prints its acknowledgement; the requesting side may not print it.
    let am_officer = s.login("am.officer").await;
    let (st, _) = step(&am_officer, &id, json!({"step": "acknowledge", "their_reference": "ԳԴ-2026/318"})).await;
    assert_eq!(st, StatusCode::OK);
    let ack = am_officer
        .http
        .get(format!("{}/api/v1/requests/{id}/documents/acknowledgement", am_officer.base))
        .send()
        .await
        .unwrap();
    assert_eq!(ack.status(), StatusCode::OK);
    let text = pdf_text(&ack.bytes().await.unwrap());
    assert!(text.contains("Подтверждение получения") && text.contains("ԳԴ-2026/318"), "{text}");
    let (st, _) = officer.get(&format!("/api/v1/requests/{id}/documents/acknowledgement")).await;
    assert_eq!(st, StatusCode::FORBIDDEN, "the requesting side does not write the requested side's acknowledgement");
    assert_eq!(s.audit_events("request.document").await.len(), 3, "request, reminder, acknowledgement");
}

#[tokio::test]
async fn an_arabic_request_prints_right_to_left_with_its_text_in_order() {
    let e = engines().await.remove(0);
    let s = TestServer::start(&e).await;
    let iq = s.org("رئاسة الادعاء العام", "IQ", false).await;
    s.user(&iq, "iq.officer", &["central_authority_officer"]).await;
    let officer = s.login("iq.officer").await;
    let mut case = case_body();
    case["persons"][1]["name"] = json!("سعيد الحسني");
    let (_, case) = officer.post("/api/v1/cases", case).await;
    let (_, r) = officer
        .post("/api/v1/requests", json!({"case_id": case["id"], "type": "mla", "requested_country": "IR"}))
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    let mut d = complete_draft("IR", None);
    d["language"] = json!("ar");
    d["second_language"] = json!(null);
    d["facts"] = json!("قام المشتبه به بتحويل الأموال إلى حسابات في الخارج");
    let (st, saved) =
        officer.put(&format!("/api/v1/requests/{id}"), json!({"version": r["version"], "draft": d})).await;
    assert_eq!(st, StatusCode::OK, "{saved}");
    let res =
        officer.http.get(format!("{}/api/v1/requests/{id}/documents/request", officer.base)).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let text = pdf_text(&res.bytes().await.unwrap());
    for expected in [
        "طلب مساعدة قانونية متبادلة في المسائل الجنائية",
        "قام المشتبه به بتحويل الأموال إلى حسابات في الخارج",
        "سعيد الحسني",
    ] {
        assert!(text.contains(expected), "{expected:?} not in logical order in:\n{text}");
    }
}

#[tokio::test]
async fn files_are_typed_by_content_hashed_encrypted_at_rest_and_seen_by_both_sides() {
    for e in engines().await {
        let mut opts = Options::default();
        opts.config.max_file_bytes = 200_000;
        let s = TestServer::start_with(&e, opts).await;
        let ru = s.org("Генеральная прокуратура", "RU", false).await;
        let am = s.org("Գլխավոր դատախազություն", "AM", false).await;
        s.link_authority("am-gpo", &am).await;
        s.user(&ru, "ru.officer", &["central_authority_officer"]).await;
        s.user(&ru, "ru.other", &["prosecutor"]).await;
        s.user(&am, "am.officer", &["central_authority_officer"]).await;
        let officer = s.login("ru.officer").await;
        let (_, case) = officer.post("/api/v1/cases", case_body()).await;
        let (_, r) = officer
            .post("/api/v1/requests", json!({"case_id": case["id"], "type": "mla", "requested_country": "AM"}))
            .await;
        let id = r["id"].as_str().unwrap().to_string();
        let upload = |c: &Client, name: &str, kind: &str, bytes: Vec<u8>| {
            let url = format!("/api/v1/requests/{id}/attachments?name={}&kind={kind}", urlencoding_lite(name));
            let c =
                Client { base: c.base.clone(), http: c.http.clone(), csrf: c.csrf.clone(), bearer: c.bearer.clone() };
            async move {
                let (st, _, text) =
                    c.raw(reqwest::Method::POST, &url, Some(bytes), Some("application/octet-stream")).await;
                (st, serde_json::from_str::<Value>(&text).unwrap_or(Value::String(text)))
            }
        };
        let statement = "ПРОТОКОЛ ДОПРОСА СВИДЕТЕЛЯ — секретный маркер 7f3a".as_bytes().to_vec();
        let (st, a) = upload(&officer, "Протокол.txt", "annex", statement.clone()).await;
        assert_eq!(st, StatusCode::CREATED, "{}: {a}", e.name);
        assert_eq!(a["media_type"], "text/plain; charset=utf-8");
        use sha2::Digest;
        assert_eq!(a["sha256"].as_str().unwrap(), hex::encode(sha2::Sha256::digest(&statement)));
        // Refused: a program, an unknown binary, too large, an unknown kind — and nothing is stored.
        for (name, kind, bytes, code) in [
            ("setup.pdf", "annex", b"MZ\x90\x00\x03".to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
            ("blob.bin", "annex", vec![0u8, 1, 2, 3, 0, 9], StatusCode::UNPROCESSABLE_ENTITY),
            ("big.txt", "annex", vec![b'a'; 300_000], StatusCode::PAYLOAD_TOO_LARGE),
            ("x.txt", "souvenir", b"text".to_vec(), StatusCode::UNPROCESSABLE_ENTITY),
        ] {
            let (st, body) = upload(&officer, name, kind, bytes).await;
            assert_eq!(st, code, "{}: {name}: {body}", e.name);
        }
        let (_, list) = officer.get(&format!("/api/v1/requests/{id}/attachments")).await;
        assert_eq!(list.as_array().unwrap().len(), 1, "{}", e.name);
        // At rest the file is ciphertext.
        let mut c = s.state.store.read().await.unwrap();
        let (_, _, stored) = liaison_store::attachments::get(
            &mut c,
            liaison_domain::RequestId::parse(&id).unwrap(),
            a["id"].as_str().unwrap(),
        )
        .await
        .unwrap()
        .unwrap();
        drop(c);
        assert!(
            !stored.windows(6).any(|w| w == "маркер".as_bytes().get(..6).unwrap()),
            "{}: plaintext found at rest",
            e.name
        );
        // Download: the same bytes, with their hash; audited.
        let res = officer
            .http
            .get(format!("{}/api/v1/requests/{id}/attachments/{}", officer.base, a["id"].as_str().unwrap()))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(res.headers()["x-content-sha256"].to_str().unwrap(), a["sha256"].as_str().unwrap());
        assert_eq!(res.bytes().await.unwrap().to_vec(), statement);
        let (st, _) = s.login("ru.other").await.get(&format!("/api/v1/requests/{id}/attachments")).await;
        assert_eq!(st, StatusCode::NOT_FOUND, "not on the team");

        // Once sent, the requested side sees the annex and returns its result.
        let (_, saved) = officer
            .put(
                &format!("/api/v1/requests/{id}"),
                json!({"version": r["version"], "draft": complete_draft("AM", Some("am-gpo"))}),
            )
            .await;
        assert!(saved["complete"].as_bool().unwrap());
        for stp in ["mark_ready", "send"] {
            assert_eq!(step(&officer, &id, json!({"step": stp})).await.0, StatusCode::OK);
        }
        let am_officer = s.login("am.officer").await;
        let pdf = b"%PDF-1.7\n% result of execution\n".to_vec();
        let (st, res) = upload(&am_officer, "Результат.pdf", "result", pdf).await;
        assert_eq!((st, res["side"].as_str()), (StatusCode::CREATED, Some("requested")), "{res}");
        let (_, list) = am_officer.get(&format!("/api/v1/requests/{id}/attachments")).await;
        assert_eq!(list.as_array().unwrap().len(), 2, "{}", e.name);
        let (_, v) = officer.get(&format!("/api/v1/requests/{id}")).await;
        assert_eq!(v["timeline"].as_array().unwrap().iter().filter(|t| t["kind"] == "attachment").count(), 2);
        let attach = s.audit_events("request.attach").await;
        assert_eq!(attach.iter().filter(|ev| ev.event.action == "request.attach").count(), 2);
        assert_eq!(s.audit_events("request.attachment_download").await.len(), 1);
    }
}

fn urlencoding_lite(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b".-_".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }
        })
        .collect()
}

/// A draft withdrawn before it was sent never reaches the requested side, and a read-only token cannot
/// attach files or escalate.
#[tokio::test]
async fn a_withdrawn_draft_stays_with_the_requesting_side_and_read_tokens_cannot_write() {
    let e = engines().await.remove(0);
    let s = TestServer::start(&e).await;
    let ru = s.org("Генеральная прокуратура", "RU", false).await;
    let am = s.org("Գլխավոր դատախազություն", "AM", false).await;
    s.link_authority("am-gpo", &am).await;
    let officer_user = s.user(&ru, "ru.officer", &["central_authority_officer"]).await;
    s.user(&am, "am.officer", &["central_authority_officer"]).await;
    let officer = s.login("ru.officer").await;
    let (_, case) = officer.post("/api/v1/cases", case_body()).await;
    let (_, r) = officer
        .post("/api/v1/requests", json!({"case_id": case["id"], "type": "mla", "requested_country": "AM"}))
        .await;
    let id = r["id"].as_str().unwrap().to_string();
    let (_, saved) = officer
        .put(
            &format!("/api/v1/requests/{id}"),
            json!({"version": r["version"], "draft": complete_draft("AM", Some("am-gpo"))}),
        )
        .await;
    assert!(saved["complete"].as_bool().unwrap());
    assert_eq!(step(&officer, &id, json!({"step": "mark_ready"})).await.0, StatusCode::OK);
    assert_eq!(step(&officer, &id, json!({"step": "withdraw", "comment": "not needed"})).await.0, StatusCode::OK);
    let am_officer = s.login("am.officer").await;
    let (_, incoming) = am_officer.get("/api/v1/requests?direction=incoming").await;
    assert_eq!(incoming["total"], 0, "never sent, so never incoming");
    assert_eq!(am_officer.get(&format!("/api/v1/requests/{id}")).await.0, StatusCode::NOT_FOUND);

    let token = {
        let org = liaison_store::orgs::get(&mut s.state.store.read().await.unwrap(), ru.id).await.unwrap().unwrap();
        let actor = liaison_server::auth::principal::actor_of(&officer_user, &org, None);
        let caller = liaison_server::services::Caller::User { actor, username: "ru.officer".into(), client: None };
        liaison_server::services::tokens::create(
            &s.state,
            &caller,
            liaison_server::services::tokens::NewToken {
                name: "read".into(),
                scopes: vec!["read".into()],
                expires_in_days: 1,
            },
        )
        .await
        .unwrap()
        .1
    };
    let reader = s.client().with_token(&token);
    let (st, _, _) = reader
        .raw(
            reqwest::Method::POST,
            &format!("/api/v1/requests/{id}/attachments?name=a.txt&kind=annex"),
            Some(b"text".to_vec()),
            Some("text/plain"),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN, "a read-only token cannot attach");
    assert_eq!(
        reader.post(&format!("/api/v1/requests/{id}/escalation"), json!({"network": "casc"})).await.0,
        StatusCode::FORBIDDEN
    );
}
