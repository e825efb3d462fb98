//! Notices and screening over HTTP on both engines: publishing and importing (idempotent, bad records
//! named), cross-script screening with explanations, diffusions invisible to others in lists and hits,
//! the owner told of every hit with who and why, decisions that stick, documents and vehicles, lists
//! streamed with progress, and every denial.

use crate::support::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../domain/tests/fixtures/notices").join(name),
    )
    .unwrap()
}

fn red(name_latin: (&str, &str), original: (&str, &str), dob: &str) -> Value {
    json!({"kind": "red", "title": "Wanted for fraud", "subject": {"person": {
        "forename": name_latin.0, "name": name_latin.1,
        "forename_in_original_script": original.0, "name_in_original_script": original.1,
        "date_of_birth": dob, "nationalities": ["RU"],
        "arrest_warrants": [{"issuing_country_id": "RU", "charge": "Мошенничество (ст. 159 УК РФ)"}]}}})
}

#[tokio::test]
async fn notices_are_published_screened_across_scripts_and_hits_reach_their_owner() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let ru = s.org("NCB Moscow", "RU", false).await;
        let uz = s.org("NCB Tashkent", "UZ", false).await;
        let kz = s.org("NCB Astana", "KZ", false).await;
        s.user(&ru, "ru.ncb", &["liaison_officer"]).await;
        s.user(&ru, "ru.auditor", &["auditor"]).await;
        s.user(&uz, "uz.border", &["liaison_officer"]).await;
        s.user(&uz, "uz.observer", &["observer"]).await;
        s.user(&kz, "kz.border", &["liaison_officer"]).await;
        let ru_c = s.login("ru.ncb").await;
        let uz_c = s.login("uz.border").await;
        let kz_c = s.login("kz.border").await;

        // Publishing: a red notice to all, a diffusion to Uzbekistan only; a bad one is named field by field.
        let (st, n1) =
            ru_c.post("/api/v1/notices", red(("Sergei", "Plokhov"), ("Сергей", "Плохов"), "1975/03/05")).await;
        assert_eq!(st, StatusCode::CREATED, "{}: {n1}", s.engine);
        let mut diffusion = red(("Rashad", "Aliyev"), ("Rəşad", "Əliyev"), "1980");
        diffusion["kind"] = json!("diffusion");
        diffusion["addressees"] = json!(["UZ"]);
        let (st, n2) = ru_c.post("/api/v1/notices", diffusion).await;
        assert_eq!(st, StatusCode::CREATED, "{n2}");
        let (st, bad) = ru_c
            .post(
                "/api/v1/notices",
                json!({"kind": "diffusion", "title": "", "subject": {"person": {"date_of_birth": "1975/13"}}}),
            )
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<&str> =
            bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
        assert!(
            fields.contains(&"title") && fields.contains(&"subject.date_of_birth") && fields.contains(&"addressees"),
            "{bad}"
        );
        let (st, _) = ru_c
            .post("/api/v1/notices", json!({"kind": "stolen_vehicle", "title": "Stolen car", "subject": {"vehicle": {"vin": "1HGCM82633A004353"}}}))
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "a VIN whose check digit is wrong");
        let (st, car) = ru_c
            .post("/api/v1/notices", json!({"kind": "stolen_vehicle", "title": "Stolen Toyota", "subject": {"vehicle": {"vin": "5YJ3E1EA7HF000337", "plate": "А 123 ВС 77", "plate_country": "RU"}}}))
            .await;
        assert_eq!(st, StatusCode::CREATED, "{car}");
        let (st, doc) = ru_c
            .post(
                "/api/v1/notices",
                json!({"kind": "travel_document", "title": "Stolen passport", "subject": {"document": {
                "document_type": "passport", "number": "", "issuing_state": "UTO", "status": "stolen",
                "mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"}}}),
            )
            .await;
        assert_eq!(st, StatusCode::CREATED, "{doc}");

        // Visibility: Uzbekistan sees the diffusion, Kazakhstan does not, in the list or by id.
        let (_, uz_list) = uz_c.get("/api/v1/notices").await;
        let (_, kz_list) = kz_c.get("/api/v1/notices").await;
        assert_eq!(uz_list["total"], 4);
        assert_eq!(kz_list["total"], 3);
        let n2_path = format!("/api/v1/notices/{}", n2["id"].as_str().unwrap());
        assert_eq!(kz_c.get(&n2_path).await.0, StatusCode::NOT_FOUND);
        assert_eq!(uz_c.get(&n2_path).await.0, StatusCode::OK);

        // Screening a Latin spelling finds the Cyrillic notice, explained part by part.
        let (st, res) = uz_c
            .post("/api/v1/screenings/person", json!({"name": "Sergey Plohov", "birth_date": "1975-03-05", "purpose": "Border control, Tashkent airport, flight HY 602"}))
            .await;
        assert_eq!(st, StatusCode::CREATED, "{}: {res}", s.engine);
        let hit = &res["hits"][0];
        assert_eq!(hit["notice"]["id"], n1["id"]);
        assert!(hit["score"].as_f64().unwrap() > 0.9, "{hit}");
        assert_eq!(hit["explanation"]["birth_date"], "exact");
        let parts: Vec<(&str, &str)> = hit["explanation"]["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p["query"].as_str().unwrap(), p["record"].as_str().unwrap()))
            .collect();
        assert!(parts.iter().any(|(q, r)| *q == "plohov" && (*r == "плохов" || *r == "plokhov")), "{parts:?}");
        assert_eq!(res["algorithm"], "liaison-names-1");

        // A purpose is required; a bad date is named.
        let (st, p) = uz_c.post("/api/v1/screenings/person", json!({"name": "Sergey Plohov", "purpose": " "})).await;
        assert_eq!((st, p["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("purpose")));
        let (st, p) =
            uz_c.post("/api/v1/screenings/person", json!({"name": "X", "birth_date": "75", "purpose": "p"})).await;
        assert_eq!((st, p["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("birth_date")));

        // The diffusion: Kazakhstan's screening of the same person finds nothing, Uzbekistan's finds it.
        let q = json!({"name": "Rashad Aliyev", "purpose": "Visa application"});
        let (_, kz_res) = kz_c.post("/api/v1/screenings/person", q.clone()).await;
        assert_eq!(kz_res["hits"].as_array().unwrap().len(), 0, "{kz_res}");
        let (_, uz_res) = uz_c.post("/api/v1/screenings/person", q).await;
        assert_eq!(uz_res["hits"][0]["notice"]["id"], n2["id"]);

        // The owner is told of each hit: who searched and why; the notice shows it too.
        let (_, notes) = ru_c.get("/api/v1/notifications").await;
        let hits_told = notes["items"].as_array().unwrap().iter().filter(|n| n["kind"] == "hit").count();
        assert_eq!(hits_told, 2, "{notes}");
        let (st, who) = ru_c.get(&format!("/api/v1/notices/{}/hits", n1["id"].as_str().unwrap())).await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(who[0]["searching_organisation"], "NCB Tashkent");
        assert_eq!(who[0]["purpose"], "Border control, Tashkent airport, flight HY 602");
        assert_eq!(
            uz_c.get(&format!("/api/v1/notices/{}/hits", n1["id"].as_str().unwrap())).await.0,
            StatusCode::FORBIDDEN
        );

        // Review: the searching side decides; a "not the same" sticks for the same query and notice.
        let (_, queue) = uz_c.get("/api/v1/screenings/review").await;
        assert_eq!(queue.as_array().unwrap().len(), 2);
        let hit_id = hit["id"].as_str().unwrap();
        let (st, _) = uz_c
            .post(
                &format!("/api/v1/hits/{hit_id}/decision"),
                json!({"decision": "false_positive", "note": "different father's name"}),
            )
            .await;
        assert_eq!(st, StatusCode::OK);
        let (st, _) = uz_c.post(&format!("/api/v1/hits/{hit_id}/decision"), json!({"decision": "confirmed"})).await;
        assert_eq!(st, StatusCode::CONFLICT, "a decided hit is not decided again");
        assert_eq!(
            kz_c.post(&format!("/api/v1/hits/{hit_id}/decision"), json!({"decision": "confirmed"})).await.0,
            StatusCode::NOT_FOUND
        );
        let (_, again) = uz_c
            .post(
                "/api/v1/screenings/person",
                json!({"name": "Sergey Plohov", "birth_date": "1975-03-05", "purpose": "Second pass"}),
            )
            .await;
        assert_eq!(again["hits"][0]["decision"], "false_positive");

        // Documents and vehicles: exact numbers, the MRZ's holder too; a bad MRZ names line and position.
        let (st, d) = kz_c
            .post("/api/v1/screenings/document", json!({"mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10", "purpose": "Hotel check"}))
            .await;
        assert_eq!(st, StatusCode::CREATED, "{d}");
        assert_eq!(d["hits"][0]["notice"]["id"], doc["id"]);
        let (st, d) = kz_c
            .post(
                "/api/v1/screenings/document",
                json!({"number": "l898902c3", "issuing_state": "uto", "purpose": "Hotel"}),
            )
            .await;
        assert_eq!((st, d["hits"][0]["notice"]["id"].clone()), (StatusCode::CREATED, doc["id"].clone()));
        let (st, bad) = kz_c
            .post("/api/v1/screenings/document", json!({"mrz": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408123F1204159ZE184226B<<<<<10", "purpose": "x"}))
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad["errors"][0]["message"].as_str().unwrap().contains("line 2, position 20"), "{bad}");
        let (_, v) =
            kz_c.post("/api/v1/screenings/vehicle", json!({"plate": "a123вс77", "purpose": "Road check"})).await;
        assert_eq!(v["hits"][0]["notice"]["id"], car["id"], "{v}");
        let (_, v) =
            kz_c.post("/api/v1/screenings/vehicle", json!({"vin": "5yj3e1ea7hf000337", "purpose": "Road check"})).await;
        assert_eq!(v["hits"][0]["notice"]["id"], car["id"]);

        // A manifest, streamed with progress; a bad row is named by its line.
        let csv = "name,birth_date,nationality\nAnna Ivanova,1990-01-01,RU\nПлохов Сергей,1975,RU\nJohn Smith,,GB\n";
        let (st, headers, body) = uz_c
            .raw(
                Method::POST,
                "/api/v1/screenings/list?purpose=Flight%20HY%20602%20manifest",
                Some(csv.as_bytes().to_vec()),
                Some("text/csv"),
            )
            .await;
        assert_eq!(st, StatusCode::OK);
        assert!(headers["content-type"].to_str().unwrap().starts_with("application/x-ndjson"));
        let lines: Vec<Value> = body.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert_eq!(lines.first().map(|l| l["progress"].clone()), Some(json!(0)));
        assert!(lines.iter().any(|l| l["progress"] == 3 && l["of"] == 3), "{body}");
        let done = &lines.last().unwrap()["screening"];
        assert_eq!(done["queries"], 3);
        let rows: Vec<i64> = done["hits"].as_array().unwrap().iter().map(|h| h["row"].as_i64().unwrap()).collect();
        assert_eq!(rows, vec![2], "only the second passenger: {done}");
        let (st, _, bad) = uz_c
            .raw(
                Method::POST,
                "/api/v1/screenings/list?purpose=x",
                Some(b"name,dob\n,1970\n".to_vec()),
                Some("text/csv"),
            )
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad.contains("line 2"), "{bad}");

        // Denials: no purpose-less or role-less screening, no publishing without the role, no import either.
        let admin = s.login("ru.auditor").await;
        assert_eq!(admin.get("/api/v1/notices").await.0, StatusCode::FORBIDDEN);
        assert_eq!(
            admin.post("/api/v1/screenings/person", json!({"name": "A B", "purpose": "p"})).await.0,
            StatusCode::FORBIDDEN
        );
        let observer = s.login("uz.observer").await;
        assert_eq!(observer.get("/api/v1/notices").await.0, StatusCode::OK);
        assert_eq!(
            observer.post("/api/v1/notices", red(("A", "B"), ("А", "Б"), "1970")).await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            observer.post("/api/v1/screenings/person", json!({"name": "A B", "purpose": "p"})).await.0,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            uz_c.post("/api/v1/notices", red(("A", "B"), ("А", "Б"), "1970")).await.0,
            StatusCode::CREATED,
            "Uzbekistan publishes its own"
        );
        let n1_status = format!("/api/v1/notices/{}/status", n1["id"].as_str().unwrap());
        assert_eq!(uz_c.post(&n1_status, json!({"status": "cancelled", "reason": "x"})).await.0, StatusCode::FORBIDDEN);
        let screening_id = res["id"].as_str().unwrap();
        assert_eq!(kz_c.get(&format!("/api/v1/screenings/{screening_id}")).await.0, StatusCode::NOT_FOUND);
        assert_eq!(s.client().get("/api/v1/notices").await.0, StatusCode::UNAUTHORIZED);

        // Cancelling takes a reason and removes the notice from screening at once.
        assert_eq!(ru_c.post(&n1_status, json!({"status": "cancelled"})).await.0, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            ru_c.post(&n1_status, json!({"status": "cancelled", "reason": "Arrested 2026-11-20"})).await.0,
            StatusCode::OK
        );
        let (_, after) =
            uz_c.post("/api/v1/screenings/person", json!({"name": "Sergey Plohov", "purpose": "after"})).await;
        assert_eq!(after["hits"].as_array().unwrap().len(), 0, "{after}");

        // Every screening is audited with its purpose; refusals too.
        let runs = s.audit_events("screening.run").await;
        assert!(runs.iter().any(|e| e.event.details.contains("Visa application")));
        assert!(s.denied_count().await >= 6);
        s.audit_intact().await;
    }
}

#[tokio::test]
async fn imports_report_bad_records_and_are_idempotent() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let ru = s.org("NCB Moscow", "RU", false).await;
        s.user(&ru, "ru.ncb", &["liaison_officer"]).await;
        let c = s.login("ru.ncb").await;
        let import = |format: &'static str, body: String| {
            let c = &c;
            async move {
                let (st, _, text) = c
                    .raw(
                        Method::POST,
                        &format!("/api/v1/notices/import?format={format}"),
                        Some(body.into_bytes()),
                        Some("application/json"),
                    )
                    .await;
                (st, serde_json::from_str::<Value>(&text).unwrap_or(Value::Null))
            }
        };
        let (st, r) = import("ftm", fixture("ftm-bad.jsonl")).await;
        assert_eq!(st, StatusCode::OK, "{r}");
        assert_eq!(r["added"], 1);
        let at: Vec<&str> = r["errors"].as_array().unwrap().iter().map(|e| e["at"].as_str().unwrap()).collect();
        assert_eq!(at, vec!["line 1", "line 3", "line 4", "line 6", "line 7", "line 8"]);
        let (st, r) = import("ftm", fixture("ftm-persons.jsonl")).await;
        assert_eq!(
            (st, r["added"].clone(), r["errors"].as_array().map(Vec::len)),
            (StatusCode::OK, json!(6), Some(0)),
            "{r}"
        );
        let (_, r) = import("ftm", fixture("ftm-persons.jsonl")).await;
        assert_eq!((r["added"].clone(), r["unchanged"].clone()), (json!(0), json!(6)), "re-import changes nothing");
        let (_, r) = import("interpol", fixture("interpol-un-detail.json")).await;
        assert_eq!(r["added"], 1, "{r}");
        let (st, p) = import("xml", String::new()).await;
        assert_eq!((st, p["errors"][0]["field"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("format")));
        let (_, list) = c.get("/api/v1/notices?kind=un_special").await;
        assert!(list["total"].as_u64().unwrap() >= 2, "sanctioned persons from FtM topics and the UN notice: {list}");
        let (st, _, ftm) = c.raw(Method::GET, "/api/v1/notices/export.ftm", None, None).await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(ftm.lines().count(), 8);
        assert!(ftm.contains("Білоконенко") && ftm.contains("القصراوي"));
        // The Arabic-script alias of the UN notice is found from a Latin spelling.
        let (_, res) =
            c.post("/api/v1/screenings/person", json!({"name": "Salim al-Qasrawi", "purpose": "test"})).await;
        assert!(res["hits"].as_array().map_or(0, Vec::len) >= 2, "{res}");
        s.audit_intact().await;
    }
}
