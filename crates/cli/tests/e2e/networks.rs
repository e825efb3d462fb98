//! Networks' own space over HTTP on both engines: CASC states see the focal points and events, others see
//! nothing; a secretary plans a workshop, records participants and attendance; a state's focal point is
//! handed over and the successor gets the predecessor's open tasks.

use crate::support::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_network_keeps_its_focal_points_and_events_for_its_states_only() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let uz = s.org("Генеральная прокуратура Республики Узбекистан", "UZ", false).await;
        let kz = s.org("Генеральная прокуратура Республики Казахстан", "KZ", false).await;
        let iq = s.org("مجلس القضاء الأعلى", "IQ", false).await;
        let old = s.user(&uz, "uz.old", &["working_group_secretary"]).await;
        let new = s.user(&uz, "uz.new", &["prosecutor"]).await;
        let uz_prosecutor = s.user(&uz, "uz.prosecutor", &["prosecutor"]).await;
        let kz_user = s.user(&kz, "kz.secretary", &["working_group_secretary"]).await;
        s.user(&iq, "iq.secretary", &["working_group_secretary"]).await;
        let secretary = s.login("uz.old").await;

        // A workshop of CASC, with participants from two states.
        let workshop = json!({"title": "Региональный семинар по выдаче и правовой помощи", "kind": "workshop",
            "objectives": "Обмен практикой исполнения запросов", "programme": "День 1: выдача. День 2: правовая помощь.",
            "starts": "2026-05-12", "ends": "2026-05-14", "place": "Ташкент", "organisers": ["UNODC", "CASC Secretariat"],
            "participants": [
                {"name": "Азиз Каримов", "country": "UZ", "authority": "Генеральная прокуратура"},
                {"name": "Айгерим Сапарова", "country": "KZ", "authority": "Генеральная прокуратура"},
                {"name": "Ерлан Нурланов", "country": "KZ", "authority": "Министерство юстиции"}]});
        let mut bad = workshop.clone();
        bad["ends"] = json!("2026-05-01");
        let (st, problem) = secretary.post("/api/v1/networks/casc/events", bad).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
        assert!(problem.to_string().contains("\"ends\""), "{problem}");
        let (st, event) = secretary.post("/api/v1/networks/casc/events", workshop.clone()).await;
        assert_eq!(st, StatusCode::CREATED, "{}: {event}", e.name);
        let eid = event["id"].as_str().unwrap().to_string();
        assert_eq!(event["by_country"]["KZ"], json!([2, 0]));

        // Attendance only once held; then the list by country.
        let mut attended = event["event"].clone();
        attended["participants"][1]["attended"] = json!(true);
        attended["participants"][0]["attended"] = json!(true);
        let (st, _) = secretary
            .put(&format!("/api/v1/events/{eid}"), json!({"version": 1, "status": "planned", "event": attended}))
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
        let (st, held) = secretary
            .put(&format!("/api/v1/events/{eid}"), json!({"version": 1, "status": "held", "event": attended}))
            .await;
        assert_eq!(st, StatusCode::OK, "{held}");
        assert_eq!(
            (held["by_country"]["KZ"].clone(), held["by_country"]["UZ"].clone()),
            (json!([2, 1]), json!([1, 1]))
        );
        let (st, _) = secretary
            .put(&format!("/api/v1/events/{eid}"), json!({"version": 1, "status": "held", "event": attended}))
            .await;
        assert_eq!(st, StatusCode::CONFLICT, "a stale edit is refused");

        // Another CASC state reads; a prosecutor does not plan; Iraq sees nothing at all.
        let kzc = s.login("kz.secretary").await;
        let (_, list) = kzc.get("/api/v1/networks/casc/events").await;
        assert_eq!(list.as_array().map(Vec::len), Some(1));
        let (st, _) = kzc
            .put(&format!("/api/v1/events/{eid}"), json!({"version": 2, "status": "cancelled", "event": attended}))
            .await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{}: the planning organisation alone changes its event", e.name);
        let (_, _, page) = kzc.raw(reqwest::Method::GET, &format!("/events/{eid}"), None, None).await;
        assert!(!page.contains("id=\"attendance-save\""), "no attendance form for another state's event");
        let (_, _, page) = secretary.raw(reqwest::Method::GET, &format!("/events/{eid}"), None, None).await;
        assert!(page.contains("id=\"attendance-save\""), "the planner's secretary keeps the attendance list");
        let prosecutor = s.login("uz.prosecutor").await;
        let (st, _) = prosecutor.post("/api/v1/networks/casc/events", workshop.clone()).await;
        assert_eq!(st, StatusCode::FORBIDDEN);
        let iqc = s.login("iq.secretary").await;
        for path in
            ["/api/v1/networks/casc/events", "/api/v1/networks/casc/focal-points", &format!("/api/v1/events/{eid}")]
        {
            assert_eq!(iqc.get(path).await.0, StatusCode::NOT_FOUND, "{path}");
        }
        assert_eq!(iqc.post("/api/v1/networks/casc/events", workshop).await.0, StatusCode::NOT_FOUND);

        // Uzbekistan's focal point: the old secretary, then a handover to a colleague, who takes the open task.
        let (st, body) =
            secretary.post("/api/v1/networks/casc/focal-points", json!({"user": old.id.to_string()})).await;
        assert_eq!((st, body["tasks_handed_over"].as_u64()), (StatusCode::OK, Some(0)), "{body}");
        let (_, group) = secretary
            .post(
                "/api/v1/groups",
                json!({"name": "Узбекско-казахстанская группа", "mandate": "Взаимодействие", "established": "2020-01-01",
                       "parties": [uz.id.to_string(), kz.id.to_string()],
                       "members": [{"user": kz_user.id.to_string(), "role": "member"}]}),
            )
            .await;
        let gid = group["id"].as_str().unwrap();
        let (st, task) = secretary
            .post(
                &format!("/api/v1/groups/{gid}/tasks"),
                json!({"description": "Подготовить обзор практики", "party": uz.id.to_string(),
                       "owner": old.id.to_string(), "due": "2027-01-15"}),
            )
            .await;
        assert_eq!(st, StatusCode::CREATED, "{task}");
        let (st, _) =
            secretary.post("/api/v1/networks/casc/focal-points", json!({"user": kz_user.id.to_string()})).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "another state's user is not our focal point");
        let (st, body) =
            secretary.post("/api/v1/networks/casc/focal-points", json!({"user": new.id.to_string()})).await;
        assert_eq!((st, body["tasks_handed_over"].as_u64()), (StatusCode::OK, Some(1)), "{}: {body}", e.name);
        let (_, points) = kzc.get("/api/v1/networks/casc/focal-points").await;
        let points = points.as_array().unwrap();
        assert_eq!(points.len(), 2);
        assert_eq!(
            (points[0]["user"].as_str(), points[0]["until"].is_null()),
            (Some(new.id.to_string().as_str()), true)
        );
        assert!(!points[1]["until"].is_null(), "the predecessor's term ended");
        let newc = s.login("uz.new").await;
        let (_, mine) = newc.get("/api/v1/tasks/mine").await;
        assert_eq!(mine.as_array().map(Vec::len), Some(1), "{mine}");
        let (_, notes) = newc.get("/api/v1/notifications").await;
        assert!(notes.to_string().contains("focal point of CASC"), "{notes}");
        assert!(!s.audit_events("network.focal_point").await.is_empty());
        assert_eq!(s.audit_events("group.member.handover").await.len(), 1, "the seat given is audited in its group");

        // Another authority of the state may name the focal point, but passes on nothing of this one's groups;
        // and no one gives themselves the predecessor's seats by naming themselves.
        let court = s.org("Верховный суд Республики Узбекистан", "UZ", false).await;
        s.user(&court, "uz.court.secretary", &["working_group_secretary"]).await;
        let other = s.user(&uz, "uz.secretary2", &["working_group_secretary"]).await;
        let prosecutor = s.login("uz.prosecutor").await;
        let (st, body) = s
            .login("uz.court.secretary")
            .await
            .post("/api/v1/networks/casc/focal-points", json!({"user": uz_prosecutor.id.to_string()}))
            .await;
        assert_eq!((st, body["tasks_handed_over"].as_u64()), (StatusCode::OK, Some(0)), "{}: {body}", e.name);
        assert_eq!(prosecutor.get(&format!("/api/v1/groups/{gid}")).await.0, StatusCode::NOT_FOUND, "{}", e.name);
        let (st, _) = secretary.post("/api/v1/networks/casc/focal-points", json!({"user": new.id.to_string()})).await;
        assert_eq!(st, StatusCode::OK);
        let second = s.login("uz.secretary2").await;
        let (st, body) = second.post("/api/v1/networks/casc/focal-points", json!({"user": other.id.to_string()})).await;
        assert_eq!((st, body["tasks_handed_over"].as_u64()), (StatusCode::OK, Some(0)), "{}: {body}", e.name);
        assert_eq!(second.get(&format!("/api/v1/groups/{gid}")).await.0, StatusCode::NOT_FOUND, "{}", e.name);
        assert_eq!(s.audit_events("group.member.handover").await.len(), 1, "{}", e.name);
        assert_eq!(newc.get("/api/v1/tasks/mine").await.1.as_array().map(Vec::len), Some(1), "the task stays");

        // The pages: the network's space and the event with its attendance by country; not for Iraq.
        let (st, _, html) = kzc.raw(reqwest::Method::GET, "/networks/casc", None, None).await;
        assert_eq!(st, StatusCode::OK);
        assert!(html.contains("Региональный семинар") && html.contains("Тест uz.new"), "{html}");
        let (st, _, html) = kzc.raw(reqwest::Method::GET, &format!("/events/{eid}"), None, None).await;
        assert_eq!(st, StatusCode::OK);
        assert!(html.contains("Айгерим Сапарова") && html.contains("by-country"), "{html}");
        // The page offers each form only to those who may use it.
        let forms = |html: &str| (html.contains("id=\"handover-form\""), html.contains("id=\"event-form\""));
        assert_eq!(forms(&html_of(&kzc, "/networks/casc").await), (true, true));
        assert_eq!(forms(&html_of(&prosecutor, "/networks/casc").await), (false, false));
        for path in ["/networks/casc".to_owned(), format!("/events/{eid}")] {
            let (st, _, _) = iqc.raw(reqwest::Method::GET, &path, None, None).await;
            assert_eq!(st, StatusCode::NOT_FOUND, "{path}");
        }
        assert!(s.audit_intact().await > 0);
    }
}

async fn html_of(c: &Client, path: &str) -> String {
    let (st, _, html) = c.raw(reqwest::Method::GET, path, None, None).await;
    assert_eq!(st, StatusCode::OK, "{path}");
    html
}
