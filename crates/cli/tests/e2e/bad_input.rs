//! Bad input over HTTP: each case gets a 4xx problem document, never a 500, and nothing stored changes.

use crate::authz::token_for;
use crate::support::*;
use reqwest::{Method, StatusCode};

#[tokio::test]
async fn malformed_requests_are_refused_precisely_and_change_nothing() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let org = s.org("Office", "IR", false).await;
        let admin = s.user(&org, "admin.ir", &["administrator"]).await;
        let c = s.client().with_token(&token_for(&s, &admin, &org).await);
        let users_before = s.count("users").await;
        let orgs_before = s.count("organisations").await;

        let valid = format!(
            r#"{{"username":"rezaei","display_name":"رضا رضایی","roles":["analyst"],"password":"Caravan-Of-Saffron-77","org_id":"{}"}}"#,
            org.id
        );
        let long = "ж".repeat(5000);
        let cases: Vec<(&str, Vec<u8>, Option<&str>, StatusCode, &str)> = vec![
            (
                "truncated JSON",
                br#"{"username": "rez"#.to_vec(),
                Some("application/json"),
                StatusCode::BAD_REQUEST,
                "malformed JSON",
            ),
            ("not JSON", b"username=rez".to_vec(), Some("application/json"), StatusCode::BAD_REQUEST, "malformed JSON"),
            (
                "wrong type",
                br#"{"username": 5, "display_name": "x", "roles": [], "password": "p"}"#.to_vec(),
                Some("application/json"),
                StatusCode::BAD_REQUEST,
                "username",
            ),
            (
                "roles not a list",
                br#"{"username": "abc", "display_name": "x", "roles": "analyst", "password": "p"}"#.to_vec(),
                Some("application/json"),
                StatusCode::BAD_REQUEST,
                "roles",
            ),
            (
                "unknown field",
                valid.replace("\"roles\"", "\"is_root\":true,\"roles\"").into_bytes(),
                Some("application/json"),
                StatusCode::BAD_REQUEST,
                "unknown field `is_root`",
            ),
            (
                "invalid UTF-8",
                b"{\"username\":\"\xff\xfe\",\"display_name\":\"x\",\"roles\":[\"analyst\"],\"password\":\"p\"}"
                    .to_vec(),
                Some("application/json"),
                StatusCode::BAD_REQUEST,
                "JSON",
            ),
            ("no content type", valid.clone().into_bytes(), None, StatusCode::UNSUPPORTED_MEDIA_TYPE, "Content-Type"),
            (
                "oversized body",
                format!(r#"{{"username":"{}"}}"#, "a".repeat(2 * 1024 * 1024)).into_bytes(),
                Some("application/json"),
                StatusCode::PAYLOAD_TOO_LARGE,
                "limit",
            ),
            (
                "overlong name",
                valid.replace("رضا رضایی", &long).into_bytes(),
                Some("application/json"),
                StatusCode::UNPROCESSABLE_ENTITY,
                "at most 200",
            ),
            (
                "control characters",
                valid.replace("رضا رضایی", "a\\u0000b").into_bytes(),
                Some("application/json"),
                StatusCode::UNPROCESSABLE_ENTITY,
                "control",
            ),
            (
                "deep nesting",
                format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes(),
                Some("application/json"),
                StatusCode::BAD_REQUEST,
                "JSON",
            ),
            ("empty body", Vec::new(), Some("application/json"), StatusCode::BAD_REQUEST, "JSON"),
        ];
        for (what, body, ct, expect, mention) in cases {
            let (st, h, text) = c.raw(Method::POST, "/api/v1/users", Some(body), ct).await;
            assert_eq!(st, expect, "{}: {what}: {text}", e.name);
            assert_eq!(h["content-type"], "application/problem+json", "{what}");
            let p: serde_json::Value = serde_json::from_str(&text).unwrap();
            assert_eq!(p["status"], expect.as_u16());
            assert!(text.contains(mention), "{}: {what}: the problem should mention {mention:?}: {text}", e.name);
        }
        for (path, expect) in [
            ("/api/v1/users/not-a-uuid", StatusCode::NOT_FOUND),
            ("/api/v1/users/00000000-0000-0000-0000-000000000000", StatusCode::NOT_FOUND),
            ("/api/v1/organisations?limit=-5", StatusCode::UNPROCESSABLE_ENTITY),
            ("/api/v1/organisations?country=XX", StatusCode::UNPROCESSABLE_ENTITY),
            ("/api/v1/organisations?limit=1e99", StatusCode::BAD_REQUEST),
        ] {
            let (st, h, text) = c.raw(Method::GET, path, None, None).await;
            assert_eq!(st, expect, "{}: {path}: {text}", e.name);
            assert_eq!(h["content-type"], "application/problem+json");
        }
        let (st, _, _) = c
            .raw(
                Method::PATCH,
                &format!("/api/v1/users/{}", admin.id),
                Some(br#"{"roles": ["administrator", "emperor"]}"#.to_vec()),
                Some("application/json"),
            )
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);

        assert_eq!(s.count("users").await, users_before, "{}: nothing was stored", e.name);
        assert_eq!(s.count("organisations").await, orgs_before);
        let me = liaison_server::services::users::find_by_username(&s.state, "admin.ir").await.unwrap();
        assert_eq!(me.roles.to_csv(), "administrator", "{}: a refused change leaves the record as it was", e.name);
        let (st, _, text) =
            c.raw(Method::POST, "/api/v1/users", Some(valid.into_bytes()), Some("application/json")).await;
        assert_eq!(st, StatusCode::CREATED, "the valid request still works: {text}");
        s.audit_intact().await;
    }
}

/// A small deterministic generator, so a failing input can be reproduced from the seed.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[tokio::test]
async fn random_bodies_never_cause_a_server_error() {
    let e = engines().await.remove(0);
    let s = TestServer::start(&e).await;
    let org = s.org("Office", "TM", false).await;
    let admin = s.user(&org, "admin.tm", &["administrator", "auditor"]).await;
    let c = s.client().with_token(&token_for(&s, &admin, &org).await);
    let fragments: [&[u8]; 16] = [
        b"{",
        b"}",
        b"[",
        b"]",
        b"\"",
        b":",
        b",",
        b"null",
        b"true",
        b"-1e999",
        b"\"username\"",
        b"\"roles\"",
        b"\xd0\x96",
        b"\xff",
        b"\\u0000",
        b"\"password\"",
    ];
    let targets =
        ["/api/v1/users", "/api/v1/organisations", "/api/v1/tokens", "/api/v1/auth/login", "/api/v1/me/password"];
    let mut rng = Lcg(0x11a1_5011);
    for i in 0..400 {
        let n = rng.next() % 24;
        let body: Vec<u8> = (0..n).flat_map(|_| fragments[(rng.next() % 16) as usize].to_vec()).collect();
        let path = targets[i % targets.len()];
        let (st, _, text) = c.raw(Method::POST, path, Some(body.clone()), Some("application/json")).await;
        assert!(
            st.is_client_error() || st.is_success(),
            "seed step {i}: {path} {:?} → {st} {text}",
            String::from_utf8_lossy(&body)
        );
    }
    s.audit_intact().await;
}

/// Cases, drafts and steps with bad content: a problem naming the field, nothing stored changes.
#[tokio::test]
async fn bad_cases_drafts_and_steps_are_refused_precisely_and_change_nothing() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let org = s.org("Office", "RU", false).await;
        let officer = s.user(&org, "officer.ru", &["central_authority_officer"]).await;
        let c = s.client().with_token(&token_for(&s, &officer, &org).await);
        let (st, case) = c.post("/api/v1/cases", serde_json::json!({"reference": "1/2026", "title": "Дело"})).await;
        assert_eq!(st, StatusCode::CREATED);
        let (_, req) = c
            .post(
                "/api/v1/requests",
                serde_json::json!({"case_id": case["id"], "type": "mla", "requested_country": "AM"}),
            )
            .await;
        let rid = req["id"].as_str().unwrap().to_string();
        let long = "ж".repeat(400);
        let cases: Vec<(Method, String, serde_json::Value, StatusCode, &str)> = vec![
            (
                Method::POST,
                "/api/v1/cases".into(),
                serde_json::json!({"reference": "2", "title": "t", "persons": [{"key": "p1", "role": "boss", "name": "X"}]}),
                StatusCode::BAD_REQUEST,
                "boss",
            ),
            (
                Method::POST,
                "/api/v1/cases".into(),
                serde_json::json!({"reference": "2", "title": long}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "/title",
            ),
            (
                Method::POST,
                "/api/v1/cases".into(),
                serde_json::json!({"reference": "2", "title": "t", "persons": [{"key": "p1", "role": "witness", "name": "A", "birth_date": "1980-02-30"}]}),
                StatusCode::BAD_REQUEST,
                "birth_date",
            ),
            (
                Method::POST,
                "/api/v1/cases".into(),
                serde_json::json!({"reference": "2", "title": "t", "assets": [{"key": "a1", "kind": "cash", "description": "d", "holder": "p9"}]}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "/assets/0/holder",
            ),
            (
                Method::POST,
                "/api/v1/cases".into(),
                serde_json::json!({"reference": "1/2026", "title": "again"}),
                StatusCode::CONFLICT,
                "already exists",
            ),
            (
                Method::POST,
                "/api/v1/requests".into(),
                serde_json::json!({"case_id": case["id"], "type": "espionage", "requested_country": "AM"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "/kind",
            ),
            (
                Method::POST,
                "/api/v1/requests".into(),
                serde_json::json!({"case_id": case["id"], "type": "mla", "requested_country": "XX"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "/requested_country",
            ),
            (
                Method::POST,
                "/api/v1/requests".into(),
                serde_json::json!({"case_id": "not-a-uuid", "type": "mla", "requested_country": "AM"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "/case_id",
            ),
            (
                Method::PUT,
                format!("/api/v1/requests/{rid}"),
                serde_json::json!({"version": 1, "draft": {"kind": "mla", "requested_country": "AM", "language": "klingon"}}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "/language",
            ),
            (
                Method::PUT,
                format!("/api/v1/requests/{rid}"),
                serde_json::json!({"version": 1, "draft": {"kind": "mla", "requested_country": "AM", "measures": ["torture"]}}),
                StatusCode::BAD_REQUEST,
                "torture",
            ),
            (
                Method::PUT,
                format!("/api/v1/requests/{rid}"),
                serde_json::json!({"version": 1, "draft": {"kind": "mla", "requested_country": "AM", "requested_authority": "ge-pog"}}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "/requested_authority",
            ),
            (
                Method::PUT,
                format!("/api/v1/requests/{rid}"),
                serde_json::json!({"version": 1, "draft": {"kind": "mla", "requested_country": "AM", "deadline": "tomorrow"}}),
                StatusCode::BAD_REQUEST,
                "deadline",
            ),
            (
                Method::POST,
                format!("/api/v1/requests/{rid}/transitions"),
                serde_json::json!({"step": "teleport"}),
                StatusCode::UNPROCESSABLE_ENTITY,
                "/step",
            ),
            (
                Method::POST,
                format!("/api/v1/requests/{rid}/transitions"),
                serde_json::json!({"step": "send"}),
                StatusCode::CONFLICT,
                "not possible for a request that is draft",
            ),
            (
                Method::GET,
                format!("/api/v1/requests/{rid}/documents/will"),
                serde_json::Value::Null,
                StatusCode::NOT_FOUND,
                "not found",
            ),
            (
                Method::GET,
                "/api/v1/requests?direction=sideways".into(),
                serde_json::Value::Null,
                StatusCode::UNPROCESSABLE_ENTITY,
                "/direction",
            ),
        ];
        for (m, path, body, expect, says) in cases {
            let body = (!body.is_null()).then_some(body);
            let (st, problem) = c.call(m.clone(), &path, body).await;
            assert_eq!(st, expect, "{}: {m} {path} → {problem}", e.name);
            let text = problem.to_string();
            assert!(text.contains(says), "{}: {m} {path}: the problem should say {says:?}: {text}", e.name);
        }
        let (_, again) = c.get(&format!("/api/v1/requests/{rid}")).await;
        assert_eq!(
            (again["version"].as_i64(), again["status"].as_str()),
            (Some(1), Some("draft")),
            "{}: nothing changed",
            e.name
        );
        let (_, list) = c.get("/api/v1/cases").await;
        assert_eq!(list["total"], 1, "{}", e.name);
    }
}
