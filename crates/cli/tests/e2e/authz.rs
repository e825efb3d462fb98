//! The authorisation matrix: every endpoint × every role × own / other organisation, plus the operator's
//! administrator and auditor and the anonymous caller, allowed or denied exactly as the policy says.
//! Each denial is also found in the audit trail.

use crate::support::*;
use liaison_server::auth::principal::actor_of;
use liaison_server::services::{Caller, tokens};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

const ROLES: [&str; 9] = [
    "administrator",
    "central_authority_officer",
    "prosecutor",
    "liaison_officer",
    "working_group_secretary",
    "analyst",
    "auditor",
    "observer",
    "data_steward",
];

/// A token with every scope the user's roles allow, made through the service layer.
pub async fn token_for(
    s: &TestServer,
    user: &liaison_store::users::User,
    org: &liaison_store::orgs::Organisation,
) -> String {
    let actor = actor_of(user, org, None);
    let scopes = liaison_domain::policy::grantable_scopes(&actor).iter().map(|s| s.as_str().to_string()).collect();
    let caller = Caller::User { actor, username: user.username.to_string(), client: None };
    let (_, secret) =
        tokens::create(&s.state, &caller, tokens::NewToken { name: "matrix".into(), scopes, expires_in_days: 1 })
            .await
            .unwrap();
    secret
}

struct Case {
    method: Method,
    path: String,
    body: Option<Value>,
    expect: StatusCode,
}

fn case(method: Method, path: String, body: Option<Value>, expect: StatusCode) -> Case {
    Case { method, path, body, expect }
}

#[tokio::test]
async fn every_endpoint_every_role_own_and_other_organisation() {
    use StatusCode as S;
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let op = s.org("Secretariat", "AT", true).await;
        let a = s.org("Office A", "RU", false).await;
        let b = s.org("Office B", "UZ", false).await;
        let victim_a = s.user(&a, "victim.a", &["observer"]).await;
        let victim_b = s.user(&b, "victim.b", &["observer"]).await;
        let b_owner = s.user(&b, "b.owner", &["prosecutor"]).await;
        let b_token_id = {
            let actor = actor_of(&b_owner, &b, None);
            let caller = Caller::User { actor, username: "b.owner".into(), client: None };
            tokens::create(
                &s.state,
                &caller,
                tokens::NewToken { name: "b".into(), scopes: vec!["read".into()], expires_in_days: 1 },
            )
            .await
            .unwrap()
            .0
            .id
        };
        // Cases and requests: one of A's (a draft), one of B's, and one B sent to A on this installation.
        s.link_authority("ru-gpo", &a).await;
        let a_cao = s.user(&a, "a.cao", &["central_authority_officer"]).await;
        let b_cao = s.user(&b, "b.cao", &["central_authority_officer"]).await;
        let ca = s.client().with_token(&token_for(&s, &a_cao, &a).await);
        let cb = s.client().with_token(&token_for(&s, &b_cao, &b).await);
        let (_, case_a) = ca.post("/api/v1/cases", json!({"reference": "A-1", "title": "Дело"})).await;
        let (_, req_a) = ca
            .post("/api/v1/requests", json!({"case_id": case_a["id"], "type": "mla", "requested_country": "UZ"}))
            .await;
        let (_, case_b) = cb.post("/api/v1/cases", json!({"reference": "B-1", "title": "Ish", "offences": [{"key": "o1", "category": "fraud", "description": "Firibgarlik"}],
            "persons": [{"key": "p1", "role": "suspect", "name": "Анвар Каримов"}]})).await;
        let (_, req_b) = cb
            .post(
                "/api/v1/requests",
                json!({"case_id": case_b["id"], "type": "transfer_of_proceedings", "requested_country": "RU"}),
            )
            .await;
        let (st, saved) = cb
            .put(
                &format!("/api/v1/requests/{}", req_b["id"].as_str().unwrap()),
                json!({"version": req_b["version"], "draft": {"kind": "transfer_of_proceedings", "requested_country": "RU",
                    "requested_authority": "ru-gpo", "reciprocity": true, "language": "ru", "subject": "s", "facts": "f",
                    "offences": ["o1"], "persons": ["p1"], "confidentiality": false, "signatory_name": "B", "signatory_position": "P"}}),
            )
            .await;
        assert_eq!(st, S::OK, "{saved}");
        let (case_a, req_a, case_b, req_b) = (
            case_a["id"].as_str().unwrap().to_string(),
            req_a["id"].as_str().unwrap().to_string(),
            case_b["id"].as_str().unwrap().to_string(),
            req_b["id"].as_str().unwrap().to_string(),
        );
        let mut checked = 0;
        let denied_before = s.denied_count().await;
        let mut denials = 0;

        for (i, role) in ROLES.iter().enumerate() {
            let me = s.user(&a, &format!("a.{i}"), &[role]).await;
            let c = s.client().with_token(&token_for(&s, &me, &a).await);
            let admin = *role == "administrator";
            let auditor = *role == "auditor";
            let steward = *role == "data_steward";
            let cao = *role == "central_authority_officer";
            let works = cao || *role == "prosecutor";
            let ok_if = |allowed: bool, yes: S| if allowed { yes } else { S::FORBIDDEN };
            let new_user = |org: &str, n: &str| json!({"org_id": org, "username": format!("new.{i}.{n}"), "display_name": "Новый", "roles": ["observer"], "password": "Distant-Mountain-River-42"});
            let cases = vec![
                case(Method::GET, "/api/v1/me".into(), None, S::OK),
                case(Method::GET, "/api/v1/organisations".into(), None, S::OK),
                case(
                    Method::POST,
                    "/api/v1/organisations".into(),
                    Some(json!({"name": format!("New {i}"), "country": "FR", "kind": "court"})),
                    S::FORBIDDEN,
                ),
                case(Method::GET, format!("/api/v1/organisations/{}", a.id), None, S::OK),
                case(Method::GET, format!("/api/v1/organisations/{}", b.id), None, S::OK),
                case(
                    Method::PATCH,
                    format!("/api/v1/organisations/{}", a.id),
                    Some(json!({"require_totp": false})),
                    ok_if(admin, S::OK),
                ),
                case(
                    Method::PATCH,
                    format!("/api/v1/organisations/{}", b.id),
                    Some(json!({"require_totp": false})),
                    S::FORBIDDEN,
                ),
                case(Method::GET, format!("/api/v1/users?org_id={}", a.id), None, S::OK),
                case(Method::GET, format!("/api/v1/users?org_id={}", b.id), None, S::FORBIDDEN),
                case(
                    Method::POST,
                    "/api/v1/users".into(),
                    Some(new_user(&a.id.to_string(), "a")),
                    ok_if(admin, S::CREATED),
                ),
                case(Method::POST, "/api/v1/users".into(), Some(new_user(&b.id.to_string(), "b")), S::FORBIDDEN),
                case(Method::GET, format!("/api/v1/users/{}", victim_a.id), None, S::OK),
                case(Method::GET, format!("/api/v1/users/{}", victim_b.id), None, S::NOT_FOUND),
                case(
                    Method::PATCH,
                    format!("/api/v1/users/{}", victim_a.id),
                    Some(json!({"display_name": "Жертва А"})),
                    ok_if(admin, S::OK),
                ),
                case(
                    Method::PATCH,
                    format!("/api/v1/users/{}", victim_b.id),
                    Some(json!({"display_name": "X"})),
                    S::NOT_FOUND,
                ),
                case(
                    Method::POST,
                    format!("/api/v1/users/{}/reset-password", victim_a.id),
                    Some(json!({"new_password": "Quiet-Harbour-Lights-8"})),
                    ok_if(admin, S::OK),
                ),
                case(
                    Method::POST,
                    format!("/api/v1/users/{}/reset-password", victim_b.id),
                    Some(json!({"new_password": "Quiet-Harbour-Lights-8"})),
                    S::NOT_FOUND,
                ),
                case(Method::POST, format!("/api/v1/users/{}/revoke-sessions", victim_a.id), None, ok_if(admin, S::OK)),
                case(Method::POST, format!("/api/v1/users/{}/revoke-sessions", victim_b.id), None, S::NOT_FOUND),
                case(Method::GET, "/api/v1/tokens".into(), None, S::OK),
                case(Method::DELETE, format!("/api/v1/tokens/{b_token_id}"), None, S::NOT_FOUND),
                case(Method::GET, "/api/v1/audit/events".into(), None, ok_if(auditor, S::OK)),
                case(Method::GET, "/api/v1/audit/export".into(), None, ok_if(auditor, S::OK)),
                case(Method::GET, "/api/v1/audit/verify".into(), None, S::FORBIDDEN),
                case(Method::GET, "/api/v1/directory/authorities?country=UZ".into(), None, S::OK),
                case(Method::GET, "/api/v1/directory/networks/casc".into(), None, S::OK),
                case(Method::GET, "/api/v1/legal-basis?from=RU&to=UZ&type=mla".into(), None, S::OK),
                case(
                    Method::POST,
                    "/api/v1/directory/authorities/uz-gpo/confirm".into(),
                    Some(json!({"provenance": format!("telephone call, matrix {i}")})),
                    ok_if(steward, S::OK),
                ),
                case(Method::GET, "/api/v1/cases".into(), None, ok_if(works, S::OK)),
                case(
                    Method::POST,
                    "/api/v1/cases".into(),
                    Some(json!({"reference": format!("A-new-{i}"), "title": "Новое дело"})),
                    ok_if(works, S::CREATED),
                ),
                // Need to know: A's case is its team's and A's central authority officers'; B's is B's.
                case(Method::GET, format!("/api/v1/cases/{case_a}"), None, if cao { S::OK } else { S::NOT_FOUND }),
                case(Method::GET, format!("/api/v1/cases/{case_b}"), None, S::NOT_FOUND),
                case(Method::GET, format!("/api/v1/requests/{req_a}"), None, if cao { S::OK } else { S::NOT_FOUND }),
                case(Method::GET, format!("/api/v1/requests/{req_b}"), None, S::NOT_FOUND),
                case(Method::GET, "/api/v1/requests".into(), None, ok_if(works, S::OK)),
                case(Method::GET, "/api/v1/requests/unanswered".into(), None, ok_if(works, S::OK)),
                case(
                    Method::PUT,
                    "/api/v1/request-templates/standard".into(),
                    Some(json!({"draft": {"kind": "mla", "requested_country": "UZ"}})),
                    ok_if(cao, S::OK),
                ),
            ];
            for k in cases {
                let (st, body) = c.call(k.method.clone(), &k.path, k.body.clone()).await;
                assert_eq!(st, k.expect, "{}: {role} in A: {} {} → {body}", e.name, k.method, k.path);
                if st == S::FORBIDDEN || st == S::NOT_FOUND {
                    assert!(body["type"].as_str().is_some_and(|t| t.starts_with("/problems/")), "{body}");
                    denials += 1;
                }
                checked += 1;
            }
        }

        // Once B sends its request to A, A's central authority officer sees it and may take A's steps.
        for stp in ["mark_ready", "send"] {
            let (st, body) = cb.post(&format!("/api/v1/requests/{req_b}/transitions"), json!({"step": stp})).await;
            assert_eq!(st, S::OK, "{}: {body}", e.name);
        }
        let (st, body) = ca.get(&format!("/api/v1/requests/{req_b}")).await;
        assert_eq!((st, body["side"].as_str()), (S::OK, Some("requested")), "{}: {body}", e.name);
        let (st, _) = ca
            .post(&format!("/api/v1/requests/{req_b}/transitions"), json!({"step": "withdraw", "comment": "no"}))
            .await;
        assert_eq!(st, S::FORBIDDEN, "{}: the requested side cannot withdraw", e.name);
        let (st, _) = ca.get(&format!("/api/v1/cases/{case_b}")).await;
        assert_eq!(st, S::NOT_FOUND, "{}: the request, not the requesting side's case", e.name);
        denials += 2; // the refused step is audited as a denial too
        checked += 3;

        // The operator's administrator acts on every organisation; its auditor verifies the chain.
        let op_admin = s.user(&op, "op.admin", &["administrator"]).await;
        let op_auditor = s.user(&op, "op.auditor", &["auditor"]).await;
        let c = s.client().with_token(&token_for(&s, &op_admin, &op).await);
        for (m, path, body, expect) in [
            (
                Method::POST,
                "/api/v1/organisations".to_string(),
                Some(json!({"name": "Cour de cassation", "country": "FR", "kind": "court"})),
                S::CREATED,
            ),
            (Method::PATCH, format!("/api/v1/organisations/{}", b.id), Some(json!({"require_totp": true})), S::OK),
            (Method::GET, format!("/api/v1/users?org_id={}", b.id), None, S::OK),
            (Method::GET, format!("/api/v1/users/{}", victim_b.id), None, S::OK),
            (Method::PATCH, format!("/api/v1/users/{}", victim_b.id), Some(json!({"roles": ["analyst"]})), S::OK),
            (Method::GET, "/api/v1/audit/events".into(), None, S::FORBIDDEN),
            (Method::GET, format!("/api/v1/cases/{case_a}"), None, S::NOT_FOUND),
            (Method::GET, format!("/api/v1/requests/{req_b}"), None, S::NOT_FOUND),
        ] {
            let (st, resp) = c.call(m.clone(), &path, body).await;
            assert_eq!(st, expect, "{}: operator admin {m} {path} → {resp}", e.name);
            if st == S::FORBIDDEN || st == S::NOT_FOUND {
                denials += 1;
            }
            checked += 1;
        }
        let c = s.client().with_token(&token_for(&s, &op_auditor, &op).await);
        let (st, v) = c.get("/api/v1/audit/verify").await;
        assert_eq!((st, v["intact"].clone()), (S::OK, json!(true)), "{}", e.name);
        let (_, all) = c.get("/api/v1/audit/events?actor=a.&limit=500").await;
        assert!(all["total"].as_u64().unwrap() > 0, "operator auditors see every organisation");

        // Anonymous callers get 401 everywhere.
        let anon = s.client();
        for path in [
            "/api/v1/me",
            "/api/v1/organisations",
            "/api/v1/users",
            "/api/v1/tokens",
            "/api/v1/audit/events",
            "/api/v1/audit/verify",
            "/api/v1/cases",
            "/api/v1/requests",
        ] {
            assert_eq!(anon.get(path).await.0, S::UNAUTHORIZED, "{}: anonymous {path}", e.name);
            checked += 1;
        }
        assert!(checked > 200, "{checked}");
        let denied_after = s.denied_count().await;
        assert_eq!(
            denied_after - denied_before,
            denials,
            "{}: every refusal by the policy is in the audit trail",
            e.name
        );
        s.audit_intact().await;
    }
}
