//! The directory, the legal-basis finder and reference-data imports, over HTTP and the command line.

use crate::authz::token_for;
use crate::support::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn the_finder_ranks_and_explains_and_says_where_to_send() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let org = s.org("Генеральная прокуратура", "RU", false).await;
        s.user(&org, "officer", &["central_authority_officer"]).await;
        let c = s.login("officer").await;

        // RU and AM are both parties to the 1959 European MLA Convention (ETS 030 rows in
        // data/instruments/ets030.json, sourced from the CoE declarations and Tractatenblad 2002/204).
        let (st, body) = c.get("/api/v1/legal-basis?from=RU&to=AM&type=mla&date=2025-06-01").await;
        assert_eq!(st, StatusCode::OK, "{}: {body}", e.name);
        let bases = body["answer"]["bases"].as_array().unwrap();
        let ids: Vec<&str> = bases.iter().map(|b| b["instrument"].as_str().unwrap()).collect();
        assert!(ids.contains(&"ets030") && ids.contains(&"minsk1993"), "{ids:?}");
        let levels: Vec<&str> = bases.iter().map(|b| b["level"].as_str().unwrap()).collect();
        let first_universal = levels.iter().position(|l| *l == "universal").unwrap_or(levels.len());
        assert!(
            levels[..first_universal].iter().all(|l| *l != "universal")
                && levels[first_universal..].iter().all(|l| *l == "universal"),
            "{levels:?}"
        );
        assert!(bases[0]["explanation"].as_str().unwrap().contains("binds RU"), "every answer explains itself");
        let ets030 = bases.iter().find(|b| b["instrument"] == "ets030").unwrap();
        assert!(ets030["provision"]["articles"].as_str().unwrap().contains("15"), "{ets030}");
        let send_to: Vec<&str> =
            body["send_to"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
        assert!(send_to.iter().all(|id| id.starts_with("am-")) && !send_to.is_empty(), "{send_to:?}");

        // Georgia's declaration under ETS 030 Art. 16: requests in English or Russian.
        let (_, ge) = c.get("/api/v1/legal-basis?from=RU&to=GE&type=mla&date=2021-01-01").await;
        let ets030 =
            ge["answer"]["bases"].as_array().unwrap().iter().find(|b| b["instrument"] == "ets030").unwrap().clone();
        assert_eq!(ets030["requested_declarations"][0]["languages"], json!(["en", "ru"]), "{ets030}");

        // Before any of these instruments was in force: reciprocity, with a warning.
        let (_, old) = c.get("/api/v1/legal-basis?from=RU&to=AM&type=mla&date=1960-01-01").await;
        assert!(old["answer"]["bases"].as_array().unwrap().is_empty(), "{old}");
        assert!(old["answer"]["reciprocity"].as_str().unwrap().contains("Reciprocity"));
        assert!(
            old["answer"]["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|w| w.as_str().unwrap().contains("reciprocity only"))
        );

        let (st, bad) = c.get("/api/v1/legal-basis?from=RU&to=QQ&type=bribery&date=2025-02-30").await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<&str> =
            bad["errors"].as_array().unwrap().iter().map(|x| x["field"].as_str().unwrap()).collect();
        assert_eq!(fields, ["to", "type", "date"], "{bad}");
        assert_eq!(c.get("/api/v1/legal-basis?from=RU").await.0, StatusCode::BAD_REQUEST, "missing parameters");
    }
}

#[tokio::test]
async fn the_directory_filters_by_country_type_network_and_language() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let org = s.org("Office", "KG", false).await;
        s.user(&org, "reader", &["observer"]).await;
        let c = s.login("reader").await;
        let ids = |v: &serde_json::Value| -> Vec<String> {
            v["items"].as_array().unwrap().iter().map(|x| x["id"].as_str().unwrap().to_string()).collect()
        };
        let (_, ge) = c.get("/api/v1/directory/authorities?country=GE").await;
        assert!(ids(&ge).iter().all(|i| i.starts_with("ge-")) && ge["total"].as_u64().unwrap() >= 2, "{ge}");
        let (_, casc) = c.get("/api/v1/directory/networks/casc").await;
        let members: Vec<&str> =
            casc["members"].as_array().unwrap().iter().map(|m| m["country"].as_str().unwrap()).collect();
        for st in ["KZ", "KG", "TJ", "UZ"] {
            assert!(members.contains(&st), "CASC members from the source article: {members:?}");
        }
        let (_, ext) = c.get("/api/v1/directory/authorities?type=extradition&country=RU").await;
        assert!(ids(&ext).contains(&"ru-gpo".to_string()), "{ext}");
        let (_, hy) = c.get("/api/v1/directory/authorities?language=hy").await;
        assert!(ids(&hy).iter().all(|i| i.starts_with("am-")), "{hy}");
        let (_, page) = c.get("/api/v1/directory/authorities?limit=5").await;
        assert_eq!(page["items"].as_array().unwrap().len(), 5);
        assert_eq!(page["next_offset"], 5);
        let (st, bad) = c.get("/api/v1/directory/authorities?kind=spy&type=gossip&country=XX").await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(bad["errors"].as_array().unwrap().len(), 3);
        assert_eq!(c.get("/api/v1/directory/authorities/nope").await.0, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn data_stewards_edit_and_confirm_entries_with_provenance_others_cannot() {
    for e in engines().await {
        let s = TestServer::start_with(&e, Options { manual_clock: true, ..Default::default() }).await;
        let op = s.org("Secretariat", "AT", true).await;
        let steward = s.user(&op, "steward", &["data_steward"]).await;
        let org = s.org("Office", "TJ", false).await;
        s.user(&org, "prosecutor", &["prosecutor"]).await;
        let st_client = s.client().with_token(&token_for(&s, &steward, &op).await);
        let p = s.login("prosecutor").await;

        let (_, before) = st_client.get("/api/v1/directory/authorities/tj-gpo").await;
        let mut entry = before["entry"].clone();
        entry["contacts"] = json!([{"name": "Дежурный прокурор", "phone": "+992 00 000 0000", "available_24_7": true}]);
        entry["languages"] = json!(["tg", "ru"]);
        let body =
            json!({"authority": entry.clone(), "provenance": "letter of the Prosecutor General's Office, ref. 123"});

        let (code, denied) =
            p.call(reqwest::Method::PUT, "/api/v1/directory/authorities/tj-gpo", Some(body.clone())).await;
        assert_eq!(code, StatusCode::FORBIDDEN, "{}: {denied}", e.name);

        let mut broken = entry.clone();
        broken["country"] = json!("XX");
        let (code, _) = st_client
            .call(
                reqwest::Method::PUT,
                "/api/v1/directory/authorities/tj-gpo",
                Some(json!({"authority": broken, "provenance": "a letter"})),
            )
            .await;
        assert_eq!(code, StatusCode::BAD_REQUEST);
        let mut bad_lang = entry.clone();
        bad_lang["languages"] = json!(["tajik"]);
        let (code, problem) = st_client
            .call(
                reqwest::Method::PUT,
                "/api/v1/directory/authorities/tj-gpo",
                Some(json!({"authority": bad_lang, "provenance": "a letter"})),
            )
            .await;
        assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        let (code, _) = st_client
            .call(
                reqwest::Method::PUT,
                "/api/v1/directory/authorities/tj-gpo",
                Some(json!({"authority": entry, "provenance": ""})),
            )
            .await;
        assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY, "provenance is required");
        let (_, unchanged) = st_client.get("/api/v1/directory/authorities/tj-gpo").await;
        assert_eq!(unchanged["entry"], before["entry"], "{}: refused edits change nothing", e.name);

        let (code, after) =
            st_client.call(reqwest::Method::PUT, "/api/v1/directory/authorities/tj-gpo", Some(body)).await;
        assert_eq!(code, StatusCode::OK, "{after}");
        assert_eq!(after["has_24_7_contact"], true);
        assert_eq!(after["origin"], "edit");
        assert_eq!(after["updated_by"], "steward");
        let edits: Vec<_> = s
            .audit_events("directory.edit")
            .await
            .into_iter()
            .filter(|x| x.event.outcome.as_str() == "success")
            .collect();
        assert_eq!(edits.len(), 1);
        assert_eq!(s.audit_events("directory.edit").await.len(), 2, "the prosecutor's refused attempt is audited too");
        assert!(
            edits[0].event.details.contains("ref. 123") && edits[0].event.details.contains("before"),
            "{}",
            edits[0].event.details
        );

        // A year without confirmation flags the entry; confirming clears it.
        s.clock.as_ref().unwrap().advance_ms(400 * 86_400_000);
        // Sessions and tokens have long expired by then: sign in again.
        let p = s.login("prosecutor").await;
        let st_client = s.client().with_token(&token_for(&s, &steward, &op).await);
        let (_, old) = p.get("/api/v1/directory/authorities/tj-gpo").await;
        assert_eq!(old["stale"], true, "{}", e.name);
        let (code, confirmed) = st_client
            .post("/api/v1/directory/authorities/tj-gpo/confirm", json!({"provenance": "call on the 24/7 line"}))
            .await;
        assert_eq!(code, StatusCode::OK);
        assert_eq!(confirmed["stale"], false);
        assert_eq!(s.audit_events("directory.confirm").await.len(), 1);
        // A restart does not overwrite the edit with the shipped data.
        liaison_server::services::reference::load_shipped(&s.state).await.unwrap();
        let (_, kept) = p.get("/api/v1/directory/authorities/tj-gpo").await;
        assert_eq!(kept["has_24_7_contact"], true, "{}: edits survive start-up imports", e.name);
        s.audit_intact().await;
    }
}

#[tokio::test]
async fn reference_import_from_a_directory_is_precise_all_or_nothing_and_idempotent() {
    use crate::crash::{db_args, run};
    let dir = std::env::temp_dir().join(format!("liaison-import-{}", uuid::Uuid::new_v4()));
    let db = db_args(&dir, None);
    let data = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let mut args = vec!["import".to_string(), "reference".into(), data.display().to_string()];
    args.extend_from_slice(&db);
    let out = run(&args, None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = run(&args, None);
    let text = String::from_utf8_lossy(&again.stdout);
    assert!(text.contains(" 0 added, 0 updated,"), "importing twice changes nothing: {text}");

    // A bad file: the wrong code is named with file and record, and nothing is written.
    let bad = dir.join("bad");
    std::fs::create_dir_all(bad.join("instruments")).unwrap();
    let untoc = std::fs::read_to_string(data.join("instruments/untoc.json")).unwrap();
    std::fs::write(bad.join("instruments/untoc.json"), untoc.replacen("\"state\": \"AM\"", "\"state\": \"QQ\"", 1))
        .unwrap();
    let ets = std::fs::read_to_string(data.join("instruments/ets030.json")).unwrap();
    std::fs::write(
        bad.join("instruments/ets030.json"),
        ets.replacen("\"adopted\": \"1959-04-20\"", "\"adopted\": \"1962-07-01\"", 1),
    )
    .unwrap();
    let mut args = vec!["import".to_string(), "reference".into(), bad.display().to_string()];
    args.extend_from_slice(&db);
    let out = run(&args, None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("untoc.json") && err.contains("(state QQ)") && err.contains("not an assigned ISO 3166-1 code"),
        "{err}"
    );
    assert!(err.contains("ets030.json") && err.contains("before it was adopted"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
}

#[tokio::test]
async fn a_steward_adds_a_bilateral_treaty_and_it_ranks_first() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let op = s.org("Secretariat", "AT", true).await;
        let steward = s.user(&op, "steward", &["data_steward"]).await;
        s.user(&op, "reader", &["analyst"]).await;
        let st_client = s.client().with_token(&token_for(&s, &steward, &op).await);
        let reader = s.login("reader").await;
        // A test treaty (not shipped data): the shape stewards use for bilateral treaties.
        let treaty = json!({
            "id": "test-ru-uz-mla", "title": "Test treaty on legal assistance in criminal matters", "short": "RU–UZ test treaty",
            "level": "bilateral", "adopted": "2001-05-01", "in_force": "2002-01-01", "scope": ["mla"],
            "parties": [
                {"state": "RU", "status": "party", "signed": "2001-05-01", "ratified": "2001-10-01", "in_force": "2002-01-01", "denounced": null},
                {"state": "UZ", "status": "party", "signed": "2001-05-01", "ratified": "2001-11-01", "in_force": "2002-01-01", "denounced": null}
            ],
            "sources": ["test fixture"]
        });
        let put =
            |t: serde_json::Value| json!({"instrument": t, "provenance": "treaty text received from the ministry"});
        let (code, _) =
            reader.call(reqwest::Method::PUT, "/api/v1/instruments/test-ru-uz-mla", Some(put(treaty.clone()))).await;
        assert_eq!(code, StatusCode::FORBIDDEN, "{}", e.name);
        let mut bad = treaty.clone();
        bad["parties"][1]["ratified"] = json!("2000-01-01");
        let (code, problem) =
            st_client.call(reqwest::Method::PUT, "/api/v1/instruments/test-ru-uz-mla", Some(put(bad))).await;
        assert_eq!(code, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            problem.to_string().contains("parties[1] (state UZ)")
                && problem.to_string().contains("before it was signed"),
            "{problem}"
        );
        let (code, body) =
            st_client.call(reqwest::Method::PUT, "/api/v1/instruments/test-ru-uz-mla", Some(put(treaty))).await;
        assert_eq!(code, StatusCode::OK, "{body}");
        let (_, ans) = reader.get("/api/v1/legal-basis?from=RU&to=UZ&type=mla&date=2020-01-01").await;
        let first = &ans["answer"]["bases"][0];
        assert_eq!(first["instrument"], "test-ru-uz-mla", "{}: bilateral first: {ans}", e.name);
        assert_eq!(
            first["explanation"],
            "RU–UZ test treaty binds RU since 2002-01-01 and UZ since 2002-01-01; it covers mla."
        );
        let (_, list) = reader.get("/api/v1/instruments").await;
        assert!(list.as_array().unwrap().iter().any(|i| i["id"] == "test-ru-uz-mla"));
        assert_eq!(
            s.audit_events("instrument.put").await.iter().filter(|x| x.event.outcome.as_str() == "success").count(),
            1
        );
    }
}

#[tokio::test]
async fn two_servers_on_one_database_see_each_others_directory_edits() {
    for e in engines().await {
        let a = TestServer::start(&e).await;
        let b = TestServer::start(&e).await;
        let op = a.org("Secretariat", "AT", true).await;
        let steward = a.user(&op, "steward", &["data_steward"]).await;
        a.user(&op, "reader", &["analyst"]).await;
        let reader_b = b.login("reader").await;
        let (_, before) = reader_b.get("/api/v1/directory/authorities/kz-gpo").await;
        assert_eq!(before["has_24_7_contact"], false, "{before}");
        let st_a = a.client().with_token(&token_for(&a, &steward, &op).await);
        let mut entry = before["entry"].clone();
        entry["contacts"] = json!([{"name": "Duty officer", "available_24_7": true}]);
        let (code, _) = st_a
            .call(
                reqwest::Method::PUT,
                "/api/v1/directory/authorities/kz-gpo",
                Some(json!({"authority": entry, "provenance": "confirmed by e-mail"})),
            )
            .await;
        assert_eq!(code, StatusCode::OK);
        let (_, after) = reader_b.get("/api/v1/directory/authorities/kz-gpo").await;
        assert_eq!(after["has_24_7_contact"], true, "{}: the other server's cached copy is refreshed", e.name);
    }
}

#[tokio::test]
async fn an_organisations_administrators_keep_their_own_entry_once_linked() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let op = s.org("Secretariat", "AT", true).await;
        let steward = s.user(&op, "steward", &["data_steward"]).await;
        let kz = s.org("Генеральная прокуратура Республики Казахстан", "KZ", false).await;
        let kz_admin = s.user(&kz, "kz.admin", &["administrator"]).await;
        let other = s.org("Office", "KG", false).await;
        let other_admin = s.user(&other, "kg.admin", &["administrator"]).await;
        let st_c = s.client().with_token(&token_for(&s, &steward, &op).await);
        let kz_c = s.client().with_token(&token_for(&s, &kz_admin, &kz).await);
        let kg_c = s.client().with_token(&token_for(&s, &other_admin, &other).await);
        let confirm = json!({"provenance": "checked by our international department"});
        assert_eq!(
            kz_c.post("/api/v1/directory/authorities/kz-gpo/confirm", confirm.clone()).await.0,
            StatusCode::FORBIDDEN,
            "not linked yet"
        );

        let (_, cur) = st_c.get("/api/v1/directory/authorities/kz-gpo").await;
        let mut entry = cur["entry"].clone();
        entry["organisation"] = json!(kz.id.to_string());
        let (code, _) = kz_c
            .call(
                reqwest::Method::PUT,
                "/api/v1/directory/authorities/kz-gpo",
                Some(json!({"authority": entry.clone(), "provenance": "we are this office"})),
            )
            .await;
        assert_eq!(code, StatusCode::FORBIDDEN, "{}: only stewards link entries to organisations", e.name);
        let (code, _) = st_c
            .call(
                reqwest::Method::PUT,
                "/api/v1/directory/authorities/kz-gpo",
                Some(json!({"authority": entry, "provenance": "link requested by the office, letter 7"})),
            )
            .await;
        assert_eq!(code, StatusCode::OK);

        assert_eq!(
            kz_c.post("/api/v1/directory/authorities/kz-gpo/confirm", confirm.clone()).await.0,
            StatusCode::OK,
            "{}",
            e.name
        );
        assert_eq!(kg_c.post("/api/v1/directory/authorities/kz-gpo/confirm", confirm).await.0, StatusCode::FORBIDDEN);
        let confirms = s.audit_events("directory.confirm").await;
        assert!(confirms.iter().any(|x| x.event.actor_label == "kz.admin" && x.event.outcome.as_str() == "success"));
        // A refusal is recorded under the policy's action name.
        let refused = s.audit_events("directory.edit").await;
        assert!(refused.iter().any(|x| x.event.actor_label == "kg.admin" && x.event.outcome.as_str() == "denied"));
    }
}
