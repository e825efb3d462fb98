//! The JSON API and the server's behaviour over HTTP, on every engine.

use crate::support::*;
use liaison_server::auth::totp;
use liaison_server::clock::Clock;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn code_at_clock(s: &TestServer, secret: &str) -> String {
    let now = s.clock.as_ref().map(|c| c.now_ms()).unwrap() / 1000;
    totp::code_at(secret, now).unwrap()
}

#[tokio::test]
async fn login_me_and_logout_are_audited_with_the_client_address() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let org = s.org("Генеральная прокуратура", "RU", false).await;
        s.user(&org, "ivanov", &["prosecutor"]).await;

        let anon = s.client();
        let (st, body) = anon.get("/api/v1/me").await;
        assert_eq!(st, StatusCode::UNAUTHORIZED, "{}", e.name);
        assert_eq!(body["type"], "/problems/unauthenticated");

        let (st, _) =
            anon.post("/api/v1/auth/login", json!({"username": "ivanov", "password": "wrong-password-123"})).await;
        assert_eq!(st, StatusCode::UNAUTHORIZED);
        let (st, _) =
            anon.post("/api/v1/auth/login", json!({"username": "nobody", "password": "whatever-123456"})).await;
        assert_eq!(st, StatusCode::UNAUTHORIZED, "unknown users get the same answer");

        let c = s.login("ivanov").await;
        let (st, me) = c.get("/api/v1/me").await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(me["user"]["display_name"], "Тест ivanov");
        assert_eq!(me["organisation"]["country"], "RU");
        assert_eq!(me["authenticated_by"], "session");

        let (st, _) = c.post("/api/v1/auth/logout", json!({})).await;
        assert_eq!(st, StatusCode::NO_CONTENT);
        assert_eq!(c.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED, "{}: session ended", e.name);

        let logins = s.audit_events("auth.login").await;
        let outcomes: Vec<(&str, &str)> =
            logins.iter().map(|x| (x.event.actor_label.as_str(), x.event.outcome.as_str())).collect();
        assert!(outcomes.contains(&("ivanov", "failure")), "{outcomes:?}");
        assert!(outcomes.contains(&("nobody", "failure")), "{outcomes:?}");
        assert!(outcomes.contains(&("ivanov", "success")), "{outcomes:?}");
        assert!(logins.iter().all(|x| x.event.client.as_deref() == Some("127.0.0.1")));
        assert_eq!(s.audit_events("auth.logout").await.len(), 1);
        s.audit_intact().await;
    }
}

#[tokio::test]
async fn administrators_must_enrol_totp_and_then_log_in_with_it() {
    for e in engines().await {
        let s = TestServer::start_with(&e, Options { manual_clock: true, ..Default::default() }).await;
        let org = s.org("Prosecutor General's Office", "UZ", false).await;
        s.user(&org, "karimov", &["administrator"]).await;

        let mut c = s.client();
        let (st, body) = c.post("/api/v1/auth/login", json!({"username": "karimov", "password": PASSWORD})).await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(body["stage"], "must_enrol", "{}", e.name);
        c.csrf = body["csrf_token"].as_str().map(str::to_string);
        assert_eq!(
            c.get("/api/v1/users").await.0,
            StatusCode::UNAUTHORIZED,
            "nothing but enrolment before the second factor"
        );

        let (st, enrol) = c.post("/api/v1/me/second-factor", json!({})).await;
        assert_eq!(st, StatusCode::OK);
        let secret = enrol["secret"].as_str().unwrap().to_string();
        assert!(enrol["otpauth_uri"].as_str().unwrap().starts_with("otpauth://totp/Liaison:karimov"));
        let (st, _) = c.call(Method::PUT, "/api/v1/me/second-factor", Some(json!({"code": "000000"}))).await;
        assert_eq!(st, StatusCode::UNAUTHORIZED, "a wrong first code does not activate");
        let (st, codes) =
            c.call(Method::PUT, "/api/v1/me/second-factor", Some(json!({"code": code_at_clock(&s, &secret)}))).await;
        assert_eq!(st, StatusCode::OK, "{codes}");
        let codes: Vec<String> =
            codes["recovery_codes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect();
        assert_eq!(codes.len(), 10);
        assert_eq!(c.get("/api/v1/me").await.0, StatusCode::OK, "enrolment completes the session");

        // Next login needs the code; a replayed code is refused.
        s.clock.as_ref().unwrap().advance_ms(31_000);
        let mut c2 = s.client();
        let (_, body) = c2.post("/api/v1/auth/login", json!({"username": "karimov", "password": PASSWORD})).await;
        assert_eq!(body["stage"], "second_factor");
        c2.csrf = body["csrf_token"].as_str().map(str::to_string);
        assert_eq!(c2.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(c2.post("/api/v1/auth/second-factor", json!({"code": "123456"})).await.0, StatusCode::UNAUTHORIZED);
        let code = code_at_clock(&s, &secret);
        assert_eq!(c2.post("/api/v1/auth/second-factor", json!({"code": code})).await.0, StatusCode::NO_CONTENT);
        assert_eq!(c2.get("/api/v1/me").await.0, StatusCode::OK);

        let mut c3 = s.client();
        let (_, body) = c3.post("/api/v1/auth/login", json!({"username": "karimov", "password": PASSWORD})).await;
        c3.csrf = body["csrf_token"].as_str().map(str::to_string);
        assert_eq!(
            c3.post("/api/v1/auth/second-factor", json!({"code": code})).await.0,
            StatusCode::UNAUTHORIZED,
            "{}: replay",
            e.name
        );
        // A recovery code works once, whatever its case and dashes.
        let rc = codes[0].to_lowercase().replace('-', " ");
        assert_eq!(c3.post("/api/v1/auth/second-factor", json!({"code": rc})).await.0, StatusCode::NO_CONTENT);
        let mut c4 = s.client();
        let (_, body) = c4.post("/api/v1/auth/login", json!({"username": "karimov", "password": PASSWORD})).await;
        c4.csrf = body["csrf_token"].as_str().map(str::to_string);
        assert_eq!(c4.post("/api/v1/auth/second-factor", json!({"code": codes[0]})).await.0, StatusCode::UNAUTHORIZED);
        s.audit_intact().await;
    }
}

#[tokio::test]
async fn repeated_failures_lock_the_account_for_a_while() {
    for e in engines().await {
        let s = TestServer::start_with(&e, Options { manual_clock: true, ..Default::default() }).await;
        let org = s.org("Ministry of Justice", "AZ", false).await;
        s.user(&org, "aliyev", &["central_authority_officer"]).await;
        let c = s.client();
        for i in 0..4 {
            let (st, _) = c
                .post("/api/v1/auth/login", json!({"username": "aliyev", "password": format!("wrong-password-{i}")}))
                .await;
            assert_eq!(st, StatusCode::UNAUTHORIZED);
        }
        let (st, body) =
            c.post("/api/v1/auth/login", json!({"username": "aliyev", "password": "wrong-password-5"})).await;
        assert_eq!(st, StatusCode::TOO_MANY_REQUESTS, "{}: fifth failure locks", e.name);
        assert_eq!(body["type"], "/problems/account-locked");
        let (st, _) = c.post("/api/v1/auth/login", json!({"username": "aliyev", "password": PASSWORD})).await;
        assert_eq!(st, StatusCode::TOO_MANY_REQUESTS, "even the right password is refused while locked");
        s.clock.as_ref().unwrap().advance_ms(16 * 60_000);
        s.login("aliyev").await;
        let failures =
            s.audit_events("auth.login").await.into_iter().filter(|x| x.event.outcome.as_str() == "failure").count();
        assert_eq!(failures, 6, "{}", e.name);
    }
}

#[tokio::test]
async fn login_attempts_are_rate_limited_per_address() {
    let e = engines().await.remove(0);
    let mut opts = Options::default();
    opts.config.login_attempts_per_window = 3;
    let s = TestServer::start_with(&e, opts).await;
    let c = s.client();
    for _ in 0..3 {
        assert_eq!(
            c.post("/api/v1/auth/login", json!({"username": "x", "password": "y"})).await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    let (st, headers, body) = c
        .raw(
            Method::POST,
            "/api/v1/auth/login",
            Some(br#"{"username":"x","password":"y"}"#.to_vec()),
            Some("application/json"),
        )
        .await;
    assert_eq!(st, StatusCode::TOO_MANY_REQUESTS);
    assert!(headers.get("retry-after").is_some());
    assert!(body.contains("/problems/rate-limited"));
}

#[tokio::test]
async fn sessions_end_after_idle_and_absolute_timeouts_and_everywhere_on_request() {
    for e in engines().await {
        let s = TestServer::start_with(&e, Options { manual_clock: true, ..Default::default() }).await;
        let clock = s.clock.clone().unwrap();
        let org = s.org("Prosecutor's Office", "MN", false).await;
        s.user(&org, "dorj", &["working_group_secretary"]).await;

        let c = s.login("dorj").await;
        clock.advance_ms(29 * 60_000);
        assert_eq!(c.get("/api/v1/me").await.0, StatusCode::OK, "activity within the idle limit");
        clock.advance_ms(31 * 60_000);
        assert_eq!(c.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED, "{}: idle timeout", e.name);

        let c = s.login("dorj").await;
        for _ in 0..25 {
            clock.advance_ms(29 * 60_000);
            if c.get("/api/v1/me").await.0 != StatusCode::OK {
                break;
            }
        }
        assert_eq!(c.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED, "{}: absolute timeout of 12 h", e.name);

        let a = s.login("dorj").await;
        let b = s.login("dorj").await;
        let (st, list) = a.get("/api/v1/me/sessions?limit=1").await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(
            (list["total"].as_u64(), list["items"].as_array().unwrap().len()),
            (Some(2), 1),
            "{}: {list}",
            e.name
        );
        let (_, list) = a.get("/api/v1/me/sessions").await;
        let current = list["items"].as_array().unwrap().iter().filter(|x| x["current"] == true).count();
        assert_eq!(current, 1);
        // A password change ends the other sessions, not this one.
        let c = s.login("dorj").await;
        let (st, _) = c
            .post(
                "/api/v1/me/password",
                json!({"current_password": PASSWORD, "new_password": "Gobi-Desert-Night-Sky-3"}),
            )
            .await;
        assert_eq!(st, StatusCode::NO_CONTENT);
        assert_eq!(c.get("/api/v1/me").await.0, StatusCode::OK);
        assert_eq!(
            a.get("/api/v1/me").await.0,
            StatusCode::UNAUTHORIZED,
            "{}: other sessions end on password change",
            e.name
        );
        assert_eq!(b.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
        let a = s.login_with("dorj", "Gobi-Desert-Night-Sky-3").await;
        let b = s.login_with("dorj", "Gobi-Desert-Night-Sky-3").await;
        let (st, n) = a.post("/api/v1/auth/logout-everywhere", json!({})).await;
        assert_eq!(st, StatusCode::OK);
        assert!(n["count"].as_u64().unwrap() >= 2);
        assert_eq!(a.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
        assert_eq!(b.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED, "{}: other sessions end too", e.name);
    }
}

#[tokio::test]
async fn api_tokens_are_shown_once_scoped_expiring_and_revocable() {
    for e in engines().await {
        let s = TestServer::start_with(&e, Options { manual_clock: true, ..Default::default() }).await;
        let org = s.org("Ministry of Justice", "GE", false).await;
        s.user(&org, "beridze", &["administrator"]).await;
        s.user(&org, "kapanadze", &["prosecutor"]).await;
        // The administrator would need a second factor; a prosecutor's session suffices here.
        let c = s.login("kapanadze").await;

        let (st, body) = c
            .post("/api/v1/tokens", json!({"name": "export", "scopes": ["read", "audit"], "expires_in_days": 30}))
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "{}: a prosecutor cannot grant the audit scope", e.name);
        assert_eq!(body["errors"][0]["pointer"], "/scopes/1");

        let (st, created) =
            c.post("/api/v1/tokens", json!({"name": "Выгрузка", "scopes": ["read"], "expires_in_days": 30})).await;
        assert_eq!(st, StatusCode::CREATED, "{created}");
        let secret = created["secret"].as_str().unwrap().to_string();
        assert!(secret.starts_with("lsn_"));
        let (_, list) = c.get("/api/v1/tokens").await;
        assert_eq!(list["total"], 1);
        assert!(!list.to_string().contains(&secret), "the secret is never listed");

        let t = c.with_token(&secret);
        let (st, me) = t.get("/api/v1/me").await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(me["authenticated_by"], "token");
        let (st, body) =
            t.post("/api/v1/tokens", json!({"name": "more", "scopes": ["read"], "expires_in_days": 1})).await;
        assert_eq!(st, StatusCode::FORBIDDEN, "read-only token cannot write: {body}");
        assert_eq!(body["type"], "/problems/insufficient-scope");

        let other = s.user(&org, "tsiklauri", &["prosecutor"]).await;
        let oc = s.login(other.username.as_str()).await;
        let id = created["token"]["id"].as_str().unwrap();
        assert_eq!(
            oc.delete(&format!("/api/v1/tokens/{id}")).await.0,
            StatusCode::NOT_FOUND,
            "{}: others cannot see or revoke it",
            e.name
        );
        assert_eq!(t.get("/api/v1/me").await.0, StatusCode::OK);

        s.clock.as_ref().unwrap().advance_ms(31 * 86_400_000);
        assert_eq!(t.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED, "{}: expired", e.name);

        let c = s.login("kapanadze").await;
        let (_, created) =
            c.post("/api/v1/tokens", json!({"name": "second", "scopes": ["read"], "expires_in_days": 5})).await;
        let t = c.with_token(created["secret"].as_str().unwrap());
        assert_eq!(t.get("/api/v1/me").await.0, StatusCode::OK);
        let id = created["token"]["id"].as_str().unwrap();
        assert_eq!(c.delete(&format!("/api/v1/tokens/{id}")).await.0, StatusCode::NO_CONTENT);
        assert_eq!(t.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED, "{}: revoked", e.name);
        let bogus = c.with_token("lsn_not-a-token");
        assert_eq!(bogus.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn users_made_by_administrators_must_change_their_password_first() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let org = s.org("Ministry of Justice", "KZ", false).await;
        s.user(&org, "admin.kz", &["administrator"]).await;
        // Administrators need a second factor: the token path is the program's way in.
        let admin = admin_token_client(&s, "admin.kz").await;

        let (st, body) = admin
            .post("/api/v1/users", json!({"username": "nurlan", "display_name": "Нұрлан Әбенов", "roles": ["analyst"], "password": "password123456"}))
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "common password refused: {body}");
        assert_eq!(body["errors"][0]["code"], "common");
        let (st, u) = admin
            .post("/api/v1/users", json!({"username": "nurlan", "display_name": "Нұрлан Әбенов", "roles": ["analyst"], "password": "Steppe-Wind-Over-Astana"}))
            .await;
        assert_eq!(st, StatusCode::CREATED, "{u}");
        assert_eq!(u["must_change_password"], true);
        let (st, _) = admin
            .post("/api/v1/users", json!({"username": "nurlan", "display_name": "Другой", "roles": ["analyst"], "password": "Steppe-Wind-Over-Astana"}))
            .await;
        assert_eq!(st, StatusCode::CONFLICT, "{}", e.name);

        let mut c = s.client();
        let (_, body) =
            c.post("/api/v1/auth/login", json!({"username": "nurlan", "password": "Steppe-Wind-Over-Astana"})).await;
        c.csrf = body["csrf_token"].as_str().map(str::to_string);
        let (st, body) = c.get("/api/v1/users").await;
        assert_eq!(st, StatusCode::FORBIDDEN);
        assert_eq!(body["type"], "/problems/password-change-required");
        let (st, _) = c
            .post(
                "/api/v1/me/password",
                json!({"current_password": "Steppe-Wind-Over-Astana", "new_password": "nurlan-abenov-2026"}),
            )
            .await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY, "may not contain the user name");
        let (st, _) = c
            .post(
                "/api/v1/me/password",
                json!({"current_password": "Steppe-Wind-Over-Astana", "new_password": "Caspian sea at dawn 77"}),
            )
            .await;
        assert_eq!(st, StatusCode::NO_CONTENT);
        assert_eq!(c.get("/api/v1/users").await.0, StatusCode::OK, "{}", e.name);

        // Disabling ends sessions and refuses logins.
        let id = u["id"].as_str().unwrap();
        let (st, _) = admin.patch(&format!("/api/v1/users/{id}"), json!({"disabled": true})).await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(c.get("/api/v1/me").await.0, StatusCode::UNAUTHORIZED);
        let (st, _) = s
            .client()
            .post("/api/v1/auth/login", json!({"username": "nurlan", "password": "Caspian sea at dawn 77"}))
            .await;
        assert_eq!(st, StatusCode::UNAUTHORIZED, "{}", e.name);
        s.audit_intact().await;
    }
}

/// Logs an administrator in with a second factor and returns a client using an all-scopes token.
pub async fn admin_token_client(s: &TestServer, username: &str) -> Client {
    let mut c = s.client();
    let (_, body) = c.post("/api/v1/auth/login", json!({"username": username, "password": PASSWORD})).await;
    c.csrf = body["csrf_token"].as_str().map(str::to_string);
    let (_, enrol) = c.post("/api/v1/me/second-factor", json!({})).await;
    let secret = enrol["secret"].as_str().unwrap();
    let (st, _) = c.call(Method::PUT, "/api/v1/me/second-factor", Some(json!({"code": totp_now(secret)}))).await;
    assert_eq!(st, StatusCode::OK);
    let (_, me) = c.get("/api/v1/me").await;
    let roles: Vec<String> =
        me["user"]["roles"].as_array().unwrap().iter().map(|r| r.as_str().unwrap().to_string()).collect();
    let mut scopes = vec!["read", "write", "admin"];
    if roles.iter().any(|r| r == "auditor") {
        scopes.push("audit");
    }
    let (st, created) =
        c.post("/api/v1/tokens", json!({"name": "tests", "scopes": scopes, "expires_in_days": 2})).await;
    assert_eq!(st, StatusCode::CREATED, "{created}");
    c.with_token(created["secret"].as_str().unwrap())
}

#[tokio::test]
async fn lists_are_paginated_and_bounded() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let org = s.org("Office", "AM", false).await;
        for i in 0..7 {
            s.user(&org, &format!("user{i}"), &["observer"]).await;
        }
        let c = s.login("user0").await;
        let (_, p1) = c.get("/api/v1/users?limit=3").await;
        assert_eq!(
            (p1["total"].as_u64(), p1["items"].as_array().unwrap().len(), p1["next_offset"].as_u64()),
            (Some(7), 3, Some(3))
        );
        let (_, p3) = c.get("/api/v1/users?limit=3&offset=6").await;
        assert_eq!(p3["items"].as_array().unwrap().len(), 1);
        assert!(p3["next_offset"].is_null());
        let names: Vec<&str> =
            p1["items"].as_array().unwrap().iter().map(|u| u["username"].as_str().unwrap()).collect();
        assert_eq!(names, ["user0", "user1", "user2"], "{}: ordered by user name", e.name);
        let (st, body) = c.get("/api/v1/users?limit=0").await;
        assert_eq!(st, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(body["errors"][0]["field"], "limit");
        assert_eq!(c.get("/api/v1/users?limit=100000").await.0, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(c.get("/api/v1/users?limit=abc").await.0, StatusCode::BAD_REQUEST);
        assert_eq!(
            c.get("/api/v1/users?colour=red").await.0,
            StatusCode::BAD_REQUEST,
            "unknown parameters are refused"
        );
        let (_, found) = c.get("/api/v1/users?q=%D1%82%D0%B5%D1%81%D1%82%20user5").await;
        assert_eq!(found["total"], 1, "{}: search in Cyrillic display names", e.name);
    }
}

#[tokio::test]
async fn the_auditor_filters_and_exports_a_verifiable_trail() {
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let op = s.org("Secretariat", "AT", true).await;
        let a = s.org("Office A", "BY", false).await;
        let b = s.org("Office B", "TJ", false).await;
        s.user(&op, "op.auditor", &["auditor"]).await;
        s.user(&a, "a.auditor", &["auditor"]).await;
        s.user(&a, "a.user", &["prosecutor"]).await;
        s.user(&b, "b.user", &["prosecutor"]).await;
        s.login("a.user").await;
        s.login("b.user").await;

        let a_aud = s.login("a.auditor").await;
        let (st, page) = a_aud.get("/api/v1/audit/events?action=auth.login&outcome=success&limit=50").await;
        assert_eq!(st, StatusCode::OK);
        let actors: Vec<&str> =
            page["items"].as_array().unwrap().iter().map(|x| x["actor_label"].as_str().unwrap()).collect();
        assert!(
            actors.contains(&"a.user") && !actors.contains(&"b.user"),
            "{}: org auditors see their organisation only: {actors:?}",
            e.name
        );
        assert_eq!(a_aud.get("/api/v1/audit/events?outcome=maybe").await.0, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(a_aud.get("/api/v1/audit/events?from=yesterday").await.0, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(
            a_aud.get("/api/v1/audit/verify").await.0,
            StatusCode::FORBIDDEN,
            "verification covers all organisations"
        );

        let op_aud = s.login("op.auditor").await;
        let (st, headers, text) = op_aud.raw(Method::GET, "/api/v1/audit/export", None, None).await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(headers["content-type"], "application/x-ndjson");
        let events: Vec<Value> = text.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
        assert!(events.len() >= 8, "{}", events.len());
        for w in events.windows(2) {
            assert_eq!(w[1]["prev_hash"], w[0]["hash"], "{}: exported lines chain", e.name);
        }
        assert!(events.iter().any(|x| x["actor_label"] == "b.user"));
        let (st, v) = op_aud.get("/api/v1/audit/verify").await;
        assert_eq!(st, StatusCode::OK);
        assert_eq!(v["intact"], true, "{v}");
        assert!(!s.audit_events("audit.export").await.is_empty(), "reading the trail is itself audited");
        assert!(!s.audit_events("audit.read").await.is_empty());
    }
}

#[tokio::test]
async fn operational_endpoints_headers_and_the_openapi_document() {
    let e = engines().await.remove(0);
    let s = TestServer::start(&e).await;
    let c = s.client();
    let (st, h, body) = c.raw(Method::GET, "/healthz", None, None).await;
    assert_eq!((st, body.as_str()), (StatusCode::OK, "ok"));
    let csp = h["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self'") && !csp.contains("unsafe-inline") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(h["x-frame-options"], "DENY");
    assert_eq!(h["x-content-type-options"], "nosniff");
    assert!(h.get("strict-transport-security").is_none(), "no HSTS without TLS");
    assert_eq!(c.raw(Method::GET, "/readyz", None, None).await.0, StatusCode::OK);
    let (_, _, metrics) = c.raw(Method::GET, "/metrics", None, None).await;
    assert!(
        metrics.contains("liaison_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"}"),
        "{metrics}"
    );
    assert!(metrics.contains("liaison_http_request_duration_seconds_bucket"));

    let (st, doc) = c.get("/api/v1/openapi.json").await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/auth/login",
        "/me",
        "/organisations",
        "/organisations/{id}",
        "/users",
        "/users/{id}",
        "/tokens",
        "/audit/events",
        "/audit/export",
        "/audit/verify",
    ] {
        assert!(paths.contains_key(p), "OpenAPI lacks {p}");
    }
    assert!(doc["components"]["schemas"]["Problem"].is_object());
    let (st, body) = c.get("/api/v1/no-such-thing").await;
    assert_eq!(st, StatusCode::NOT_FOUND);
    assert_eq!(body["type"], "/problems/not-found");
    let (st, body) = c.call(Method::PUT, "/api/v1/users", None).await;
    assert_eq!(st, StatusCode::METHOD_NOT_ALLOWED, "{body}");
}

#[tokio::test]
async fn web_forms_need_their_csrf_token() {
    let e = engines().await.remove(0);
    let s = TestServer::start(&e).await;
    let org = s.org("Office", "KG", false).await;
    s.user(&org, "asanov", &["analyst"]).await;
    let c = s.client();
    // No token at all.
    let (st, _, body) = c
        .raw(
            Method::POST,
            "/login",
            Some(format!("username=asanov&password={PASSWORD}").into_bytes()),
            Some("application/x-www-form-urlencoded"),
        )
        .await;
    assert_eq!(st, StatusCode::FORBIDDEN, "{body}");
    // The login page sets the anonymous token; with it the login works.
    let (_, _, page) = c.raw(Method::GET, "/login", None, None).await;
    let token = page.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let form = format!("csrf={token}&username=asanov&password={PASSWORD}");
    let (st, h, _) =
        c.raw(Method::POST, "/login", Some(form.into_bytes()), Some("application/x-www-form-urlencoded")).await;
    assert_eq!(st, StatusCode::SEE_OTHER);
    let cookie = h["set-cookie"].to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"), "{cookie}");
    // Signed in, a form with the anonymous token or none is refused; the session's own token works.
    let (_, _, home) = c.raw(Method::GET, "/", None, None).await;
    assert!(home.contains("Тест asanov"), "{home}");
    let session_token = home.split("name=\"csrf\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    assert_ne!(session_token, token);
    let (st, _, _) =
        c.raw(Method::POST, "/logout", Some(b"csrf=forged".to_vec()), Some("application/x-www-form-urlencoded")).await;
    assert_eq!(st, StatusCode::FORBIDDEN);
    let (st, _, _) = c
        .raw(
            Method::POST,
            "/logout",
            Some(format!("csrf={session_token}").into_bytes()),
            Some("application/x-www-form-urlencoded"),
        )
        .await;
    assert_eq!(st, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn tls_serves_hsts_and_secure_cookies() {
    let dir = std::env::temp_dir().join(format!("liaison-tls-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let (cert, key) = (dir.join("cert.pem"), dir.join("key.pem"));
    let ok = std::process::Command::new("openssl")
        .args(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=localhost", "-keyout"])
        .arg(&key)
        .arg("-out")
        .arg(&cert)
        .output()
        .expect("openssl is installed by the test command");
    assert!(ok.status.success(), "{}", String::from_utf8_lossy(&ok.stderr));
    let e = engines().await.remove(0);
    let mut opts = Options::default();
    opts.config.tls = Some(liaison_server::config::TlsFiles { cert, key });
    let s = TestServer::start_with(&e, opts).await;
    let url = s.base.replace("http://", "https://") + "/login";
    let out =
        tokio::process::Command::new("curl").args(["-sk", "-D", "-", "-o", "/dev/null", &url]).output().await.unwrap();
    let headers = String::from_utf8_lossy(&out.stdout).to_lowercase();
    assert!(headers.starts_with("http/"), "{headers}");
    assert!(headers.contains("strict-transport-security: max-age="), "{headers}");
    assert!(headers.contains("set-cookie: liaison_prelogin=") && headers.contains("; secure"), "{headers}");
}
