//! The knowledge base over HTTP on both engines: a central authority publishes legislation and a network's
//! restricted guide; users find them by inflected words in Cyrillic and Arabic with filters; states outside
//! the network see nothing of the guide, in search or by identifier; bad input names its field and stores
//! nothing; stale edits are refused; every change is audited.

use crate::support::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn titles(v: &Value) -> Vec<String> {
    v["items"].as_array().unwrap().iter().filter_map(|i| i["title"].as_str().map(str::to_owned)).collect()
}

#[tokio::test]
async fn documents_are_found_across_scripts_and_network_material_stays_in_the_network() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let uz = s.org("Генеральная прокуратура Республики Узбекистан", "UZ", false).await;
        let kz = s.org("Генеральная прокуратура Республики Казахстан", "KZ", false).await;
        let iq = s.org("مجلس القضاء الأعلى", "IQ", false).await;
        s.user(&uz, "uz.officer", &["central_authority_officer"]).await;
        s.user(&uz, "uz.prosecutor", &["prosecutor"]).await;
        s.user(&kz, "kz.prosecutor", &["prosecutor"]).await;
        s.user(&iq, "iq.officer", &["central_authority_officer"]).await;
        let officer = s.login("uz.officer").await;
        let law = json!({
            "title": "Уголовно-процессуальный кодекс Республики Узбекистан: выдача", "kind": "legislation",
            "language": "ru", "countries": ["UZ"], "instruments": ["minsk1993"], "articles": "ст. 586–599",
            "crime_types": ["drug_trafficking"],
            "text": "Выдача лица иностранному государству производится на основании международного договора."
        });
        let (st, created) = officer.post("/api/v1/knowledge", law.clone()).await;
        assert_eq!(st, StatusCode::CREATED, "{}: {created}", e.name);
        let law_id = created["id"].as_str().unwrap().to_string();
        let guide = json!({
            "title": "Памятка CASC о запросах", "kind": "guide", "language": "ru", "countries": ["UZ", "KZ"],
            "text": "Запросы о правовой помощи направляются в центральный орган.", "network": "casc"
        });
        let (st, created) = officer.post("/api/v1/knowledge", guide).await;
        assert_eq!(st, StatusCode::CREATED, "{created}");
        let guide_id = created["id"].as_str().unwrap().to_string();
        let iqc = s.login("iq.officer").await;
        let (st, arabic) = iqc
            .post(
                "/api/v1/knowledge",
                json!({"title": "دليل المساعدة القانونية المتبادلة", "kind": "guide", "language": "ar",
                       "countries": ["IQ"], "text": "تنص الاتفاقية على تسليم المجرمين وتقديم المساعدة القانونية."}),
            )
            .await;
        assert_eq!(st, StatusCode::CREATED, "{arabic}");

        // Bad input names the field and stores nothing; prosecutors do not publish.
        let before = s.count("knowledge_documents").await;
        for (field, patch) in [
            ("kind", json!({"kind": "novel"})),
            ("countries[0]", json!({"countries": ["XX"]})),
            ("instruments[0]", json!({"instruments": ["no-such-treaty"]})),
            ("network", json!({"network": "atlantis"})),
            ("language", json!({"language": "Russian"})),
            ("text", json!({"text": "  "})),
        ] {
            let mut bad = law.clone();
            for (k, v) in patch.as_object().unwrap() {
                bad[k] = v.clone();
            }
            let (st, problem) = officer.post("/api/v1/knowledge", bad).await;
            assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{field}: {problem}");
            assert!(problem.to_string().contains(&format!("\"{field}\"")), "{field}: {problem}");
        }
        let (st, _) = officer.post("/api/v1/knowledge", json!({"title": "x", "unknown": 1})).await;
        assert_eq!(st, StatusCode::BAD_REQUEST);
        let prosecutor = s.login("uz.prosecutor").await;
        let (st, _) = prosecutor.post("/api/v1/knowledge", law.clone()).await;
        assert_eq!(st, StatusCode::FORBIDDEN);
        assert_eq!(s.count("knowledge_documents").await, before, "nothing stored");

        // Inflected Russian finds both for a CASC state; Arabic with vowel marks and a plural finds the guide.
        let kzc = s.login("kz.prosecutor").await;
        let q = |words: &str, extra: &str| format!("/api/v1/knowledge?q={}{extra}", urlencode(words));
        let (st, found) = kzc.get(&q("правовая помощь", "")).await;
        assert_eq!(st, StatusCode::OK, "{found}");
        assert_eq!(titles(&found), vec!["Памятка CASC о запросах"], "{}: правовая помощь", e.name);
        let (_, found) = kzc.get(&q("выдачи договору", "")).await;
        assert_eq!(found["total"], 1, "{found}");
        assert!(found["items"][0]["snippet"].as_str().unwrap().contains("Выдача лица"), "{found}");
        let (_, found) = kzc.get(&q("الاتفاقيات تَسليم", "")).await;
        assert_eq!(titles(&found), vec!["دليل المساعدة القانونية المتبادلة"], "{found}");
        let (_, found) = kzc.get(&q("", "&kind=legislation&instrument=minsk1993&crime=drug_trafficking")).await;
        assert_eq!(titles(&found).len(), 1, "{found}");
        let (st, bad) = kzc.get(&q("", "&kind=novel")).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");

        // Iraq is not in CASC: the guide is not found, not readable, not changeable.
        let (_, found) = iqc.get(&q("запросы помощи", "")).await;
        assert_eq!(found["total"], 0, "{}: {found}", e.name);
        let (_, all) = iqc.get("/api/v1/knowledge").await;
        assert!(!titles(&all).contains(&"Памятка CASC о запросах".to_owned()), "{all}");
        let path = format!("/api/v1/knowledge/{guide_id}");
        assert_eq!(iqc.get(&path).await.0, StatusCode::NOT_FOUND);
        assert_eq!(iqc.put(&path, json!({"version": 1, "document": law})).await.0, StatusCode::NOT_FOUND);
        assert_eq!(iqc.delete(&path).await.0, StatusCode::NOT_FOUND);
        let (st, _, _) = iqc.raw(Method::GET, &format!("/knowledge/{guide_id}"), None, None).await;
        assert_eq!(st, StatusCode::NOT_FOUND, "the web page too");
        // The guide's full text as a file: added by its publisher, read by CASC states, nothing to Iraq.
        let text = "Памятка CASC — полный текст, маркер 5c1e".as_bytes().to_vec();
        let files = format!("/api/v1/knowledge/{guide_id}/files");
        let upload = |c: &Client, bytes: Vec<u8>| {
            let url = format!("{files}?name=pamyatka.txt&note=%D0%BF%D0%BE%D0%BB%D0%BD%D1%8B%D0%B9");
            let c =
                Client { base: c.base.clone(), http: c.http.clone(), csrf: c.csrf.clone(), bearer: c.bearer.clone() };
            async move { c.raw(Method::POST, &url, Some(bytes), Some("application/octet-stream")).await }
        };
        let (st, _, body) = upload(&officer, text.clone()).await;
        assert_eq!(st, StatusCode::CREATED, "{}: {body}", e.name);
        let file: Value = serde_json::from_str(&body).unwrap();
        assert_eq!((file["note"].as_str(), file["size"].as_u64()), (Some("полный"), Some(text.len() as u64)));
        let (st, _, body) = upload(&officer, b"MZ\x90\x00".to_vec()).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "a program is refused: {body}");
        assert_eq!(upload(&kzc, text.clone()).await.0, StatusCode::FORBIDDEN, "only the publisher adds files");
        let file_path = format!("{files}/{}", file["id"].as_str().unwrap());
        let (st, _, got) = kzc.raw(Method::GET, &file_path, None, None).await;
        assert_eq!((st, got.into_bytes()), (StatusCode::OK, text.clone()));
        let (_, list) = kzc.get(&files).await;
        assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
        for path in [files.clone(), file_path.clone(), file_path.replace("/api/v1", "")] {
            assert_eq!(iqc.raw(Method::GET, &path, None, None).await.0, StatusCode::NOT_FOUND, "{path}");
        }
        assert_eq!(upload(&iqc, text.clone()).await.0, StatusCode::NOT_FOUND);
        let (_, _, page) = kzc.raw(Method::GET, &format!("/knowledge/{guide_id}"), None, None).await;
        assert!(page.contains("pamyatka.txt") && !page.contains("id=\"file-form\""), "{page}");
        // Narrowed to the network's material.
        let (_, found) = kzc.get(&q("", "&network=casc")).await;
        assert_eq!(titles(&found), vec!["Памятка CASC о запросах"], "{found}");
        let (st, _) = kzc.get(&q("", "&network=nowhere")).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);

        // Another organisation may read open material but not change it.
        let (st, _) = iqc.put(&format!("/api/v1/knowledge/{law_id}"), json!({"version": 1, "document": law})).await;
        assert_eq!(st, StatusCode::FORBIDDEN);

        // Edits re-index; a stale one is refused; withdrawal removes it from search.
        let mut edited = law.clone();
        edited["text"] = json!("Конфискация имущества по приговору суда.");
        let (st, saved) =
            officer.put(&format!("/api/v1/knowledge/{law_id}"), json!({"version": 1, "document": edited})).await;
        assert_eq!(st, StatusCode::OK, "{saved}");
        let (st, _) = officer.put(&format!("/api/v1/knowledge/{law_id}"), json!({"version": 1, "document": law})).await;
        assert_eq!(st, StatusCode::CONFLICT);
        let (_, found) = kzc.get(&q("конфискации", "")).await;
        assert_eq!(found["total"], 1, "{found}");
        let (st, _) = officer.delete(&format!("/api/v1/knowledge/{law_id}")).await;
        assert_eq!(st, StatusCode::NO_CONTENT);
        let (_, found) = kzc.get(&q("конфискации", "")).await;
        assert_eq!(found["total"], 0, "{found}");

        // Reading restricted material is on the record, with every change and refusal.
        let (st, _) = kzc.get(&format!("/api/v1/knowledge/{guide_id}")).await;
        assert_eq!(st, StatusCode::OK);
        for action in [
            "knowledge.publish",
            "knowledge.update",
            "knowledge.withdraw",
            "knowledge.read",
            "knowledge.attach",
            "knowledge.file_download",
        ] {
            assert!(!s.audit_events(action).await.is_empty(), "{action}");
        }
        assert!(s.denied_count().await >= 5);
        assert!(s.audit_intact().await > 0);

        // The search page in the browser's language, with the results.
        let (st, _, html) = kzc.raw(Method::GET, &format!("/knowledge?q={}", urlencode("помощь")), None, None).await;
        assert_eq!(st, StatusCode::OK);
        assert!(html.contains("Памятка CASC о запросах"), "{html}");
    }
}

fn urlencode(s: &str) -> String {
    s.bytes().map(|b| if b.is_ascii_alphanumeric() { (b as char).to_string() } else { format!("%{b:02X}") }).collect()
}
