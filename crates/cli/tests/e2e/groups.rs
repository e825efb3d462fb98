//! Working groups over HTTP on both engines: a secretary sets up a group of two prosecutor general's
//! offices, plans a meeting whose agenda already holds the overdue task and the unanswered request between
//! the parties, members propose items, the protocol's decisions become tasks, the member responsible reports;
//! the calendar reads back; outsiders see nothing, in lists or by identifier.

use crate::support::*;
use liaison_domain::date::Date;
use liaison_domain::group::ics;
use liaison_server::clock::Clock;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const DAY: i64 = 86_400_000;

fn case_body() -> Value {
    json!({
        "reference": "7-1/2026", "title": "Контрабанда наркотиков", "proceedings": "Pre-trial investigation",
        "summary": "A consignment crossed the border.",
        "offences": [{"key": "o1", "category": "drug_trafficking", "description": "Smuggling",
                      "legal_provision": "Article 229.1", "maximum_penalty": "20 years", "time_and_place": "2026"}],
        "persons": [{"key": "w1", "role": "witness", "name": "Алишер Каримов", "location": "Tashkent", "location_country": "UZ"}],
        "assets": []
    })
}

fn draft() -> Value {
    json!({
        "kind": "mla", "requested_country": "UZ", "requested_authority": "uz-gpo", "measures": ["hearing_witness"],
        "legal_basis": [], "reciprocity": true, "language": "ru", "subject": "Criminal case 7-1/2026",
        "facts": "The consignment…", "offences": ["o1"], "persons": ["w1"], "assets": [],
        "assistance_sought": "Hear the witness", "purpose": "Evidence", "confidentiality": false,
        "measure_details": {"questions": "1. Кто передал груз?"},
        "signatory_name": "А. Иванов", "signatory_position": "Начальник управления"
    })
}

#[tokio::test]
async fn a_secretary_plans_a_meeting_on_what_is_overdue_records_decisions_and_outsiders_see_nothing() {
    for e in engines().await {
        let s = TestServer::start_with(&e, Options { manual_clock: true, ..Default::default() }).await;
        let clock = s.clock.clone().unwrap();
        let ru = s.org("Генеральная прокуратура Российской Федерации", "RU", false).await;
        let uz = s.org("Генеральная прокуратура Республики Узбекистан", "UZ", false).await;
        let kz = s.org("Генеральная прокуратура Республики Казахстан", "KZ", false).await;
        s.user(&ru, "ru.secretary", &["working_group_secretary"]).await;
        s.user(&ru, "ru.officer", &["central_authority_officer"]).await;
        let member = s.user(&uz, "uz.member", &["prosecutor"]).await;
        s.user(&ru, "ru.colleague", &["prosecutor", "working_group_secretary"]).await;
        s.user(&kz, "kz.outsider", &["working_group_secretary"]).await;
        let op = s.org("Operator", "RU", true).await;
        s.user(&op, "operator.auditor", &["auditor"]).await;

        // A request from Russia to Uzbekistan, sent and never answered.
        let officer = s.login("ru.officer").await;
        let (_, case) = officer.post("/api/v1/cases", case_body()).await;
        let (_, r) = officer
            .post("/api/v1/requests", json!({"case_id": case["id"], "type": "mla", "requested_country": "UZ"}))
            .await;
        let rid = r["id"].as_str().unwrap().to_string();
        let (st, saved) =
            officer.put(&format!("/api/v1/requests/{rid}"), json!({"version": r["version"], "draft": draft()})).await;
        assert_eq!(st, StatusCode::OK, "{saved}");
        for stp in ["mark_ready", "send"] {
            let (st, body) = officer.post(&format!("/api/v1/requests/{rid}/transitions"), json!({"step": stp})).await;
            assert_eq!(st, StatusCode::OK, "{}: {stp}: {body}", e.name);
        }
        let reference = saved["reference"].as_str().unwrap_or_default().to_string();
        clock.advance_ms(200 * DAY);
        let today = Date::of_ms(clock.now_ms()).unwrap();
        let officer = s.login("ru.officer").await;

        // The secretary sets up the group; only working-group secretaries may.
        let secretary = s.login("ru.secretary").await;
        let input = json!({
            "name": "Рабочая группа Генеральных прокуратур России и Узбекистана",
            "mandate": "Взаимодействие по уголовным делам о наркотиках и организованной преступности",
            "established": "2019-10-01", "rhythm": "Дважды в год",
            "parties": [ru.id.to_string(), uz.id.to_string()],
            "members": [{"user": member.id.to_string(), "role": "member"}]
        });
        let (st, body) = officer.post("/api/v1/groups", input.clone()).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "{body}");
        let mut one_state = input.clone();
        one_state["parties"] = json!([ru.id.to_string()]);
        let (st, bad) = secretary.post("/api/v1/groups", one_state).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(bad.to_string().contains("parties"), "{bad}");
        let (st, group) = secretary.post("/api/v1/groups", input.clone()).await;
        assert_eq!(st, StatusCode::CREATED, "{}: {group}", e.name);
        let gid = group["id"].as_str().unwrap().to_string();
        let (_, detail) = secretary.get(&format!("/api/v1/groups/{gid}")).await;
        assert_eq!(detail["your_role"], "secretary");
        assert_eq!(detail["members"].as_array().map(Vec::len), Some(2));

        // A task already in the plan, due before the meeting.
        let due = today.add_days(3).unwrap().to_string();
        let (st, task) = secretary
            .post(
                &format!("/api/v1/groups/{gid}/tasks"),
                json!({"description": "Обменяться статистикой по запросам", "party": uz.id.to_string(),
                       "owner": member.id.to_string(), "due": due}),
            )
            .await;
        assert_eq!(st, StatusCode::CREATED, "{task}");

        // The meeting in ten days: its agenda holds the overdue task and the unanswered request.
        let day = today.add_days(10).unwrap();
        let (st, meeting) = secretary
            .post(
                &format!("/api/v1/groups/{gid}/meetings"),
                json!({"title": "Заседание № 7", "starts": format!("{day}T10:00"), "time_zone": "Asia/Tashkent",
                       "duration_minutes": 180, "place": "Ташкент"}),
            )
            .await;
        assert_eq!(st, StatusCode::CREATED, "{}: {meeting}", e.name);
        let mid = meeting["id"].as_str().unwrap().to_string();
        let agenda = meeting["agenda"].as_array().unwrap();
        let sources: Vec<&str> = agenda.iter().filter_map(|i| i["source"].as_str()).collect();
        assert_eq!(sources, vec!["overdue_task", "unanswered_request"], "{meeting}");
        assert_eq!(agenda[0]["title"], "Обменяться статистикой по запросам");
        assert!(agenda[1]["title"].as_str().unwrap().contains(&reference), "{meeting}");
        assert_eq!(agenda[1]["request"], rid.as_str());
        assert_eq!(meeting["local_start"], format!("{day} 10:00 +05"));
        assert!(meeting["starts_at"].as_str().unwrap().contains("T05:00:00"), "10:00 in Tashkent is 05:00 UTC");
        let (st, bad_zone) = secretary
            .post(
                &format!("/api/v1/groups/{gid}/meetings"),
                json!({"title": "X", "starts": format!("{day}T10:00"), "time_zone": "Mars/Olympus", "duration_minutes": 60}),
            )
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(bad_zone.to_string().contains("time_zone"), "{bad_zone}");

        // A member proposes an item, but does not run the group.
        let uzc = s.login("uz.member").await;
        let (_, mine) = uzc.get("/api/v1/groups").await;
        assert_eq!(mine.as_array().map(Vec::len), Some(1));
        let (st, proposed) =
            uzc.post(&format!("/api/v1/meetings/{mid}/agenda"), json!({"title": "Контролируемые поставки"})).await;
        assert_eq!(st, StatusCode::OK, "{proposed}");
        assert_eq!(proposed["agenda"].as_array().map(Vec::len), Some(3));
        let protocol = json!({"version": proposed["version"], "attendance": [member.id.to_string()],
            "minutes": "Обсуждены вопросы повестки.", "decisions": ["Ускорить исполнение запроса", "Провести семинар"]});
        let (st, _) = uzc.put(&format!("/api/v1/meetings/{mid}/protocol"), protocol.clone()).await;
        assert_eq!(st, StatusCode::FORBIDDEN);
        // A member adds a paper to the meeting; the secretary reads it back, byte for byte.
        let paper = "Справка о ходе исполнения запросов, маркер 91d2".as_bytes().to_vec();
        let files = format!("/api/v1/meetings/{mid}/files");
        let (st, _, body) = uzc
            .raw(
                Method::POST,
                &format!("{files}?name=spravka.txt"),
                Some(paper.clone()),
                Some("application/octet-stream"),
            )
            .await;
        assert_eq!(st, StatusCode::CREATED, "{}: {body}", e.name);
        let file: Value = serde_json::from_str(&body).unwrap();
        let file_path = format!("{files}/{}", file["id"].as_str().unwrap());
        let (st, _, got) = secretary.raw(Method::GET, &file_path, None, None).await;
        assert_eq!((st, got.into_bytes()), (StatusCode::OK, paper.clone()));
        let (_, list) = secretary.get(&files).await;
        assert_eq!(list[0]["uploaded_by"], "uz.member", "{list}");
        let (_, _, page) = secretary.raw(Method::GET, &format!("/meetings/{mid}"), None, None).await;
        assert!(page.contains("spravka.txt") && page.contains("id=\"file-form\""), "the meeting page lists it");
        assert!(!s.audit_events("group.meeting.file_download").await.is_empty());
        // The page's form takes a file larger than an ordinary form may be (1 MB), as the API does.
        let big = "Протокол рабочей встречи. ".repeat(60_000).into_bytes();
        let boundary = "liaison-form-boundary";
        let mut form = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"protokol.txt\"\r\nContent-Type: text/plain\r\n\r\n",
            uzc.csrf.clone().unwrap()
        )
        .into_bytes();
        form.extend(&big);
        form.extend(format!("\r\n--{boundary}--\r\n").as_bytes());
        let multipart = format!("multipart/form-data; boundary={boundary}");
        let (st, _, body) =
            uzc.raw(Method::POST, &format!("/meetings/{mid}/files"), Some(form), Some(&multipart)).await;
        assert_eq!(st, StatusCode::SEE_OTHER, "{}: {body}", e.name);
        let (_, list) = secretary.get(&files).await;
        assert!(
            list.as_array().unwrap().iter().any(|f| f["name"] == "protokol.txt" && f["size"] == json!(big.len())),
            "{list}"
        );

        // Outsiders — another state's secretary, a colleague of the secretary, the operator — see nothing.
        for name in ["kz.outsider", "ru.colleague", "operator.auditor"] {
            let c = s.login(name).await;
            let (_, list) = c.get("/api/v1/groups").await;
            assert_eq!(list, json!([]), "{name}");
            for path in [
                format!("/api/v1/groups/{gid}"),
                format!("/api/v1/groups/{gid}/meetings"),
                format!("/api/v1/groups/{gid}/tasks"),
                format!("/api/v1/groups/{gid}/calendar.ics"),
                format!("/api/v1/meetings/{mid}"),
                format!("/api/v1/tasks/{}", task["id"].as_str().unwrap()),
                files.clone(),
                file_path.clone(),
                file_path.replace("/api/v1", ""),
            ] {
                let (st, _, _) = c.raw(Method::GET, &path, None, None).await;
                assert_eq!(st, StatusCode::NOT_FOUND, "{name} {path}");
            }
            let (st, _) = c.post(&format!("/api/v1/meetings/{mid}/agenda"), json!({"title": "Let me in"})).await;
            assert_eq!(st, StatusCode::NOT_FOUND, "{name}");
            let (st, _, _) = c
                .raw(Method::POST, &format!("{files}?name=x.txt"), Some(b"let me in".to_vec()), Some("text/plain"))
                .await;
            assert_eq!(st, StatusCode::NOT_FOUND, "{name}");
        }

        // The protocol records what was said: not before the meeting begins. On the day, it is recorded;
        // decisions numbered in order; a decision becomes a task with its owner.
        let (st, early) = secretary.put(&format!("/api/v1/meetings/{mid}/protocol"), protocol.clone()).await;
        assert_eq!(st, StatusCode::CONFLICT, "{}: {early}", e.name);
        let (_, _, page) = secretary.raw(Method::GET, &format!("/meetings/{mid}"), None, None).await;
        assert!(page.contains("id=\"protocol-later\"") && !page.contains("id=\"protocol-form\""), "{page}");
        clock.advance_ms(11 * DAY);
        let secretary = s.login("ru.secretary").await;
        let uzc = s.login("uz.member").await;
        let (st, held) = secretary.put(&format!("/api/v1/meetings/{mid}/protocol"), protocol).await;
        assert_eq!(st, StatusCode::OK, "{held}");
        assert_eq!(held["status"], "held");
        assert_eq!(held["protocol"]["decisions"][1], json!({"n": 2, "text": "Провести семинар"}));
        let from_decision = |n: u32| {
            json!({"description": "Подготовить семинар по контролируемым поставкам", "party": uz.id.to_string(),
                   "owner": member.id.to_string(), "due": today.add_days(60).unwrap().to_string(),
                   "meeting": mid, "decision": n})
        };
        let (st, _) = secretary.post(&format!("/api/v1/groups/{gid}/tasks"), from_decision(9)).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
        let (st, seminar) = secretary.post(&format!("/api/v1/groups/{gid}/tasks"), from_decision(2)).await;
        assert_eq!(st, StatusCode::CREATED, "{seminar}");
        let (_, my) = uzc.get("/api/v1/tasks/mine").await;
        assert_eq!(my.as_array().map(Vec::len), Some(2), "{my}");
        let tid = seminar["id"].as_str().unwrap();
        let (st, reported) = uzc
            .post(
                &format!("/api/v1/tasks/{tid}/reports"),
                json!({"version": 1, "status": "in_progress", "note": "Программа согласована"}),
            )
            .await;
        assert_eq!(st, StatusCode::OK, "{reported}");
        assert_eq!(
            (reported["status"].as_str(), reported["notes"][0]["text"].as_str()),
            (Some("in_progress"), Some("Программа согласована"))
        );
        let (st, _) = uzc.post(&format!("/api/v1/tasks/{tid}/reports"), json!({"version": 1, "status": "done"})).await;
        assert_eq!(st, StatusCode::CONFLICT, "a stale report is refused");

        // The calendar reads back: the meeting at its instant, in UTC.
        let (st, headers, text) = uzc.raw(Method::GET, &format!("/api/v1/groups/{gid}/calendar.ics"), None, None).await;
        assert_eq!(st, StatusCode::OK);
        assert!(headers["content-type"].to_str().unwrap().starts_with("text/calendar"));
        let events = ics::parse(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(events.len(), 1);
        assert!(events[0].summary.contains("Заседание № 7"));
        assert_eq!(events[0].start, day.start_ms() + 5 * 3_600_000);
        assert_eq!(events[0].end - events[0].start, 180 * 60_000);

        // Reminders: the seminar task a few days before it is due, the first task long overdue; once each.
        clock.advance_ms(46 * DAY);
        let later = Date::of_ms(clock.now_ms()).unwrap();
        let remind = || liaison_server::services::groups::remind(&s.state, later);
        assert_eq!(remind().await.unwrap(), 2, "{}", e.name);
        assert_eq!(remind().await.unwrap(), 0, "{}: a reminder is sent once", e.name);
        let uzc = s.login("uz.member").await;
        let (_, notes) = uzc.get("/api/v1/notifications").await;
        let texts: Vec<&str> = notes["items"].as_array().unwrap().iter().filter_map(|n| n["text"].as_str()).collect();
        assert!(texts.iter().any(|t| t.contains("Подготовить семинар") && t.contains("is due on")), "{notes}");
        assert!(texts.iter().any(|t| t.contains("Обменяться статистикой") && t.contains("overdue since")), "{notes}");

        // Results: the request between the parties, executed (recorded on Uzbekistan's behalf), counts for the
        // year; the secretary enters the assets frozen; members read, only those who run the group enter.
        let officer = s.login("ru.officer").await;
        for stp in ["acknowledge", "start_execution", "execute"] {
            let (st, body) = officer.post(&format!("/api/v1/requests/{rid}/transitions"), json!({"step": stp})).await;
            assert_eq!(st, StatusCode::OK, "{}: {stp}: {body}", e.name);
        }
        let year = later.year();
        let results_path = format!("/api/v1/groups/{gid}/results?from={}&to={year}", year - 1);
        let figure = |years: &Value, y: i32, indicator: &str| -> Value {
            let year = years["years"].as_array().unwrap().iter().find(|x| x["year"] == y).unwrap().clone();
            year["figures"].as_array().unwrap().iter().find(|f| f["indicator"] == indicator).unwrap().clone()
        };
        let secretary = s.login("ru.secretary").await;
        let (st, res) = secretary.get(&results_path).await;
        assert_eq!(st, StatusCode::OK, "{res}");
        assert_eq!(figure(&res, year, "requests_executed")["value"], 1.0, "{}: {res}", e.name);
        assert_eq!(figure(&res, year, "requests_executed")["source"], "computed");
        assert_eq!(figure(&res, year, "median_days_to_execution")["value"], 257.0, "{res}");
        assert_eq!(figure(&res, year, "assets_frozen")["value"], Value::Null);
        let entry =
            json!({"year": year, "indicator": "assets_frozen", "value": 1250000.5, "note": "Счета в двух банках"});
        let (st, _) = uzc.put(&format!("/api/v1/groups/{gid}/results"), entry.clone()).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "a member does not enter figures");
        let (st, bad) = secretary
            .put(
                &format!("/api/v1/groups/{gid}/results"),
                json!({"year": year, "indicator": "assets_frozen", "value": -3}),
            )
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        let (st, _) = secretary.put(&format!("/api/v1/groups/{gid}/results"), entry).await;
        assert_eq!(st, StatusCode::NO_CONTENT);
        let (_, res) = uzc.get(&results_path).await;
        assert_eq!(figure(&res, year, "assets_frozen")["value"], 1250000.5, "{res}");
        assert_eq!(figure(&res, year, "assets_frozen")["source"], "entered");
        let (st, _) = secretary.get(&format!("/api/v1/groups/{gid}/results?from=1900&to={year}")).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
        for name in ["kz.outsider", "ru.colleague"] {
            let c = s.login(name).await;
            assert_eq!(c.get(&results_path).await.0, StatusCode::NOT_FOUND, "{name}");
            let (st, _, _) =
                c.raw(Method::GET, &format!("/api/v1/groups/{gid}/results/{year}/report.pdf"), None, None).await;
            assert_eq!(st, StatusCode::NOT_FOUND, "{name}");
        }
        // The yearly report: the figures with their sources, the year's meetings and decisions.
        let response = uzc
            .http
            .get(format!("{}/api/v1/groups/{gid}/results/{year}/report.pdf?second=ru", uzc.base))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let text = pdf_text(&response.bytes().await.unwrap()).split_whitespace().collect::<Vec<_>>().join(" ");
        for expected in [
            format!("Results of the working group in {year}"),
            format!("Итоги работы рабочей группы за {year} год"),
            "Requests executed between the parties: 1".to_owned(),
            "(entered by the secretary) — Счета в двух банках".to_owned(),
        ] {
            assert!(text.contains(&expected), "{}: {expected:?} in\n{text}", e.name);
        }
        // A second language Liaison does not write documents in is refused, naming the field, not replaced.
        let (st, bad) = uzc.get(&format!("/api/v1/groups/{gid}/results/{year}/report.pdf?second=xx")).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert_eq!(bad["errors"][0]["field"], "second", "{bad}");
        // The results page draws its charts.
        let (st, _, html) = secretary.raw(Method::GET, &format!("/groups/{gid}/results"), None, None).await;
        assert_eq!(st, StatusCode::OK);
        assert!(html.contains("chart-results-requests") && html.contains("1\u{202F}250\u{202F}001 €"), "{html}");

        assert!(s.denied_count().await >= 19, "every refusal is audited");
        assert!(s.audit_intact().await > 0);
    }
}

#[tokio::test]
async fn the_protocol_prints_in_both_languages_signed_by_the_co_chairs_for_members_only() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let ru = s.org("Генеральная прокуратура Российской Федерации", "RU", false).await;
        let uz = s.org("Генеральная прокуратура Республики Узбекистан", "UZ", false).await;
        let kz = s.org("Генеральная прокуратура Республики Казахстан", "KZ", false).await;
        s.user(&ru, "ru.secretary", &["working_group_secretary"]).await;
        let ru_chair = s.user(&ru, "ru.chair", &["prosecutor"]).await;
        let uz_chair = s.user(&uz, "uz.chair", &["prosecutor"]).await;
        s.user(&kz, "kz.outsider", &["working_group_secretary"]).await;
        let secretary = s.login("ru.secretary").await;
        let (st, group) = secretary
            .post(
                "/api/v1/groups",
                json!({"name": "Российско-узбекская рабочая группа", "mandate": "Взаимодействие",
                       "established": "2019-10-01", "parties": [ru.id.to_string(), uz.id.to_string()],
                       "members": [{"user": ru_chair.id.to_string(), "role": "co_chair"},
                                   {"user": uz_chair.id.to_string(), "role": "co_chair"}]}),
            )
            .await;
        assert_eq!(st, StatusCode::CREATED, "{group}");
        let gid = group["id"].as_str().unwrap();
        let (_, meeting) = secretary
            .post(
                &format!("/api/v1/groups/{gid}/meetings"),
                json!({"title": "Заседание № 8", "starts": "2026-11-20T10:00", "time_zone": "Asia/Tashkent",
                       "duration_minutes": 120, "place": "Ташкент"}),
            )
            .await;
        let mid = meeting["id"].as_str().unwrap().to_string();
        let pdf_path = format!("/api/v1/meetings/{mid}/protocol.pdf");
        let (st, _) = secretary.get(&pdf_path).await;
        assert_eq!(st, StatusCode::CONFLICT, "{}: no protocol before the meeting is held", e.name);

        let mut protocol = json!({"version": meeting["version"], "language": "ru",
            "attendance": [ru_chair.id.to_string(), uz_chair.id.to_string()],
            "minutes": "Стороны обсудили ход исполнения запросов.",
            "decisions": ["Ускорить исполнение запросов", "Провести семинар в Самарканде"],
            "translation": {"language": "en", "minutes": "The parties reviewed the execution of requests.",
                            "decisions": ["Speed up the execution of requests"]}});
        let (st, bad) = secretary.put(&format!("/api/v1/meetings/{mid}/protocol"), protocol.clone()).await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");
        assert!(bad.to_string().contains("translation.decisions"), "{bad}");
        protocol["translation"]["decisions"] =
            json!(["Speed up the execution of requests", "Hold a workshop in Samarkand"]);
        let (st, held) = secretary.put(&format!("/api/v1/meetings/{mid}/protocol"), protocol).await;
        assert_eq!(st, StatusCode::OK, "{held}");
        assert_eq!(held["protocol"]["translation"]["language"], "en");

        let uzc = s.login("uz.chair").await;
        let response = uzc.http.get(format!("{}{pdf_path}", uzc.base)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "application/pdf");
        // Words as printed, whatever the line breaks of the two columns.
        let text = pdf_text(&response.bytes().await.unwrap()).split_whitespace().collect::<Vec<_>>().join(" ");
        for expected in [
            "Протокол заседания рабочей группы",
            "Protocol of the meeting of the working group",
            "Российско-узбекская рабочая группа",
            "Заседание № 8",
            "Провести семинар в Самарканде",
            "Hold a workshop in Samarkand",
            "The parties reviewed the execution of",
            "2026-11-20 10:00",
            "Сопредседатель рабочей группы",
        ] {
            assert!(text.contains(expected), "{}: {expected:?} in\n{text}", e.name);
        }
        // Both co-chairs sign; both attended.
        assert!(text.contains("Тест ru.chair") && text.contains("Тест uz.chair"), "{text}");

        // Without a translation, a second language gives Liaison's wording beside the same text.
        let (st, bad) = uzc.get(&format!("{pdf_path}?second=Русский")).await;
        assert_eq!(st, StatusCode::OK, "the translation decides the second language: {bad}");

        // Outsiders get nothing, not even whether the meeting exists.
        let kzc = s.login("kz.outsider").await;
        let (st, _, _) = kzc.raw(Method::GET, &pdf_path, None, None).await;
        assert_eq!(st, StatusCode::NOT_FOUND);
        let (st, _, _) = kzc.raw(Method::GET, &format!("/meetings/{mid}/protocol.pdf"), None, None).await;
        assert_ne!(st, StatusCode::OK);
        assert!(!s.audit_events("group.meeting.protocol_document").await.is_empty());
    }
}
