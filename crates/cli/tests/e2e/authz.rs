//! The authorisation matrix: every endpoint × every role × own / other organisation, plus the operator's
//! administrator and auditor and the anonymous caller, allowed or denied exactly as the policy says.
//! Working groups, the knowledge base and networks' own space are decided by membership (of the group, of
//! the network by the organisation's state) as much as by organisation; their cases say which.
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

fn ok_if(allowed: bool, yes: StatusCode) -> StatusCode {
    if allowed { yes } else { StatusCode::FORBIDDEN }
}

/// A user with one role and a client holding a token with every scope that role allows.
async fn user_with_token(
    s: &TestServer,
    org: &orgs_store::Organisation,
    username: &str,
    role: &str,
) -> (liaison_store::users::User, Client) {
    let user = s.user(org, username, &[role]).await;
    let c = s.client().with_token(&token_for(s, &user, org).await);
    (user, c)
}

/// Creates something that must be created (201) and returns its id.
async fn created(c: &Client, path: &str, body: Value) -> String {
    let (st, v) = c.post(path, body).await;
    assert_eq!(st, StatusCode::CREATED, "set-up {path}: {v}");
    v["id"].as_str().unwrap_or_else(|| panic!("set-up {path}: no id in {v}")).to_string()
}

/// What the cases of working groups, the knowledge base and networks are about.
struct Shared {
    /// B's group with C, A not a party: a planned meeting with a file, and a task.
    group_b: String,
    meeting: String,
    meeting_file: String,
    task: String,
    /// A's group with B, set up by A's secretary alone: no user of the matrix is a member.
    group_a: String,
    /// B's documents: open to all, restricted to WACAP (A's state is not in it), restricted to CASC (it is).
    open_b: String,
    open_b_file: String,
    wacap_b: String,
    wacap_b_file: String,
    casc_b: String,
    /// A's documents: open, and restricted to WACAP.
    open_a: String,
    wacap_a: String,
    /// Events of CASC (planned by B's secretary) and of WACAP (by a Senegalese secretary).
    casc_event: String,
    wacap_event: String,
}

fn knowledge_doc(title: &str, network: Option<&str>) -> Value {
    json!({"title": title, "kind": "guide", "language": "ru", "network": network,
           "text": "Запросы о правовой помощи направляются в центральный орган."})
}

fn network_event() -> Value {
    json!({"title": "Региональный семинар", "kind": "workshop", "objectives": "Обмен практикой",
           "starts": "2030-05-12", "ends": "2030-05-14", "organisers": ["UNODC"]})
}

async fn shared(
    s: &TestServer,
    a: &orgs_store::Organisation,
    b: &orgs_store::Organisation,
    ca: &Client,
    cb: &Client,
) -> Shared {
    let c = s.org("Office C", "TJ", false).await;
    let w = s.org("Office W", "SN", false).await;
    let c_member = s.user(&c, "c.member", &["prosecutor"]).await;
    let (_, b_sec) = user_with_token(s, b, "b.sec", "working_group_secretary").await;
    let (_, a_sec) = user_with_token(s, a, "a.sec", "working_group_secretary").await;
    let (_, w_sec) = user_with_token(s, &w, "w.sec", "working_group_secretary").await;
    let group = |parties: [&orgs_store::Organisation; 2], members: Value| {
        json!({"name": "Рабочая группа", "mandate": "Взаимодействие", "established": "2020-01-01",
               "parties": [parties[0].id.to_string(), parties[1].id.to_string()], "members": members})
    };
    let group_b =
        created(&b_sec, "/api/v1/groups", group([b, &c], json!([{"user": c_member.id.to_string(), "role": "member"}])))
            .await;
    let meeting = created(
        &b_sec,
        &format!("/api/v1/groups/{group_b}/meetings"),
        json!({"title": "Заседание № 1", "starts": "2030-03-10T10:00", "time_zone": "Asia/Tashkent", "duration_minutes": 120}),
    )
    .await;
    let meeting_file =
        created(&b_sec, &format!("/api/v1/meetings/{meeting}/files?name=paper.txt"), json!("Справка к заседанию"))
            .await;
    let task = created(
        &b_sec,
        &format!("/api/v1/groups/{group_b}/tasks"),
        json!({"description": "Обзор практики", "party": c.id.to_string(), "owner": c_member.id.to_string(), "due": "2030-01-15"}),
    )
    .await;
    let group_a = created(&a_sec, "/api/v1/groups", group([a, b], json!([]))).await;
    let open_b = created(cb, "/api/v1/knowledge", knowledge_doc("B: открытый", None)).await;
    let open_b_file = created(cb, &format!("/api/v1/knowledge/{open_b}/files?name=a.txt"), json!("Текст")).await;
    let wacap_b = created(cb, "/api/v1/knowledge", knowledge_doc("B: WACAP", Some("wacap"))).await;
    let wacap_b_file = created(cb, &format!("/api/v1/knowledge/{wacap_b}/files?name=a.txt"), json!("Текст")).await;
    let casc_b = created(cb, "/api/v1/knowledge", knowledge_doc("B: CASC", Some("casc"))).await;
    let open_a = created(ca, "/api/v1/knowledge", knowledge_doc("A: открытый", None)).await;
    let wacap_a = created(ca, "/api/v1/knowledge", knowledge_doc("A: WACAP", Some("wacap"))).await;
    let casc_event = created(&b_sec, "/api/v1/networks/casc/events", network_event()).await;
    let wacap_event = created(&w_sec, "/api/v1/networks/wacap/events", network_event()).await;
    Shared {
        group_b,
        meeting,
        meeting_file,
        task,
        group_a,
        open_b,
        open_b_file,
        wacap_b,
        wacap_b_file,
        casc_b,
        open_a,
        wacap_a,
        casc_event,
        wacap_event,
    }
}

/// Working groups are their members' business: B's group (A not a party) and A's own (no user of the
/// matrix a member) are not found by any role of A, to read or to write; the lists answer everyone with
/// their own; only a working-group secretary sets up a group, with their organisation a party.
fn group_cases(x: &Shared, i: usize, role: &str, a: &str, b: &str) -> Vec<Case> {
    use StatusCode as S;
    let (g, m, t) = (&x.group_b, &x.meeting, &x.task);
    let mut cases: Vec<Case> = [
        format!("/api/v1/groups/{g}"),
        format!("/api/v1/groups/{g}/meetings"),
        format!("/api/v1/groups/{g}/calendar.ics"),
        format!("/api/v1/groups/{g}/tasks"),
        format!("/api/v1/groups/{g}/results"),
        format!("/api/v1/groups/{g}/results/2030/report.pdf"),
        format!("/api/v1/meetings/{m}"),
        format!("/api/v1/meetings/{m}/files"),
        format!("/api/v1/meetings/{m}/files/{}", x.meeting_file),
        format!("/api/v1/meetings/{m}/protocol.pdf"),
        format!("/api/v1/tasks/{t}"),
        format!("/api/v1/groups/{}", x.group_a),
        format!("/api/v1/groups/{}/tasks", x.group_a),
    ]
    .into_iter()
    .map(|path| case(Method::GET, path, None, S::NOT_FOUND))
    .collect();
    let group = json!({"name": format!("Группа {i}"), "mandate": "Взаимодействие", "established": "2020-01-01",
                       "parties": [a, b]});
    let mut update = group.clone();
    update["version"] = json!(1);
    cases.extend([
        case(Method::PUT, format!("/api/v1/groups/{g}"), Some(update), S::NOT_FOUND),
        case(
            Method::POST,
            format!("/api/v1/groups/{g}/meetings"),
            Some(
                json!({"title": "X", "starts": "2030-04-01T10:00", "time_zone": "Asia/Almaty", "duration_minutes": 60}),
            ),
            S::NOT_FOUND,
        ),
        case(
            Method::POST,
            format!("/api/v1/groups/{g}/tasks"),
            Some(json!({"description": "X", "party": b, "due": "2030-01-01"})),
            S::NOT_FOUND,
        ),
        case(
            Method::PUT,
            format!("/api/v1/groups/{g}/results"),
            Some(json!({"year": 2029, "indicator": "assets_frozen", "value": 1.0})),
            S::NOT_FOUND,
        ),
        case(Method::POST, format!("/api/v1/meetings/{m}/agenda"), Some(json!({"title": "Let me in"})), S::NOT_FOUND),
        case(
            Method::PUT,
            format!("/api/v1/meetings/{m}/agenda"),
            Some(json!({"version": 1, "order": [0]})),
            S::NOT_FOUND,
        ),
        case(
            Method::PUT,
            format!("/api/v1/meetings/{m}/protocol"),
            Some(json!({"version": 1, "decisions": ["X"]})),
            S::NOT_FOUND,
        ),
        case(Method::POST, format!("/api/v1/meetings/{m}/files?name=x.txt"), Some(json!("let me in")), S::NOT_FOUND),
        case(
            Method::POST,
            format!("/api/v1/tasks/{t}/reports"),
            Some(json!({"version": 1, "status": "done"})),
            S::NOT_FOUND,
        ),
        case(Method::GET, "/api/v1/groups".into(), None, S::OK),
        case(Method::GET, "/api/v1/tasks/mine".into(), None, S::OK),
        case(Method::POST, "/api/v1/groups".into(), Some(group), ok_if(role == "working_group_secretary", S::CREATED)),
    ]);
    cases
}

/// The knowledge base: open material is read by all and changed by its organisation's publishers only;
/// material restricted to a network is not found outside the network's states, except by the organisation
/// that published it.
fn knowledge_cases(x: &Shared, i: usize, role: &str, open_a_version: i64) -> Vec<Case> {
    use StatusCode as S;
    let publishes = matches!(role, "data_steward" | "central_authority_officer" | "working_group_secretary");
    let doc = |id: &str| format!("/api/v1/knowledge/{id}");
    let edit = |v: i64| Some(json!({"version": v, "document": knowledge_doc(&format!("Правка {i}"), None)}));
    let file = Some(json!("Полный текст"));
    vec![
        case(Method::GET, "/api/v1/knowledge".into(), None, S::OK),
        case(
            Method::POST,
            "/api/v1/knowledge".into(),
            Some(knowledge_doc(&format!("Памятка {i}"), None)),
            ok_if(publishes, S::CREATED),
        ),
        // B's, restricted to WACAP: as if it did not exist.
        case(Method::GET, doc(&x.wacap_b), None, S::NOT_FOUND),
        case(Method::GET, format!("{}/files", doc(&x.wacap_b)), None, S::NOT_FOUND),
        case(Method::GET, format!("{}/files/{}", doc(&x.wacap_b), x.wacap_b_file), None, S::NOT_FOUND),
        case(Method::PUT, doc(&x.wacap_b), edit(1), S::NOT_FOUND),
        case(Method::DELETE, doc(&x.wacap_b), None, S::NOT_FOUND),
        case(Method::POST, format!("{}/files?name=x.txt", doc(&x.wacap_b)), file.clone(), S::NOT_FOUND),
        // B's, open: read, not changed.
        case(Method::GET, doc(&x.open_b), None, S::OK),
        case(Method::GET, format!("{}/files", doc(&x.open_b)), None, S::OK),
        case(Method::GET, format!("{}/files/{}", doc(&x.open_b), x.open_b_file), None, S::OK),
        case(Method::PUT, doc(&x.open_b), edit(1), S::FORBIDDEN),
        case(Method::DELETE, doc(&x.open_b), None, S::FORBIDDEN),
        case(Method::POST, format!("{}/files?name=x.txt", doc(&x.open_b)), file.clone(), S::FORBIDDEN),
        // B's, restricted to CASC, which A's state is in.
        case(Method::GET, doc(&x.casc_b), None, S::OK),
        // A's own: restricted to a network A's state is not in, yet A's; open, changed by A's publishers.
        case(Method::GET, doc(&x.wacap_a), None, S::OK),
        case(Method::PUT, doc(&x.open_a), edit(open_a_version), ok_if(publishes, S::OK)),
        case(Method::POST, format!("{}/files?name=x.txt", doc(&x.open_a)), file, ok_if(publishes, S::CREATED)),
    ]
}

/// Networks' own space, by the state of the caller's organisation: CASC's is A's (focal points named by
/// administrators and secretaries, events planned by secretaries and kept by the planning organisation's);
/// WACAP's is not found.
fn network_cases(x: &Shared, role: &str, me: &str) -> Vec<Case> {
    use StatusCode as S;
    let secretary = role == "working_group_secretary";
    let names_focal_points = secretary || role == "administrator";
    let update = Some(json!({"version": 1, "status": "planned", "event": network_event()}));
    let mut cases = vec![];
    for (net, event, inside) in [("casc", &x.casc_event, true), ("wacap", &x.wacap_event, false)] {
        let or_not_found = |yes: S| if inside { yes } else { S::NOT_FOUND };
        cases.extend([
            case(Method::GET, format!("/api/v1/networks/{net}/focal-points"), None, or_not_found(S::OK)),
            case(Method::GET, format!("/api/v1/networks/{net}/events"), None, or_not_found(S::OK)),
            case(Method::GET, format!("/api/v1/events/{event}"), None, or_not_found(S::OK)),
            case(
                Method::POST,
                format!("/api/v1/networks/{net}/events"),
                Some(network_event()),
                or_not_found(ok_if(secretary, S::CREATED)),
            ),
            // B planned the event: its secretaries alone change it, not A's.
            case(Method::PUT, format!("/api/v1/events/{event}"), update.clone(), or_not_found(S::FORBIDDEN)),
            // The caller names themselves their state's focal point.
            case(
                Method::POST,
                format!("/api/v1/networks/{net}/focal-points"),
                Some(json!({"user": me})),
                or_not_found(ok_if(names_focal_points, S::OK)),
            ),
        ]);
    }
    cases
}

#[tokio::test]
async fn every_endpoint_every_role_own_and_other_organisation() {
    use StatusCode as S;
    for e in engines().await {
        let s = TestServer::start(&e).await;
        let op = s.org("Secretariat", "AT", true).await;
        // Kazakhstan and Uzbekistan are both CASC members in the shipped directory, neither is in WACAP;
        // Austria (the operator) is in neither.
        let a = s.org("Office A", "KZ", false).await;
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
        s.link_authority("kz-gpo", &a).await;
        let (_, ca) = user_with_token(&s, &a, "a.cao", "central_authority_officer").await;
        let (_, cb) = user_with_token(&s, &b, "b.cao", "central_authority_officer").await;
        let (_, case_a) = ca.post("/api/v1/cases", json!({"reference": "A-1", "title": "Дело"})).await;
        let (_, req_a) = ca
            .post("/api/v1/requests", json!({"case_id": case_a["id"], "type": "mla", "requested_country": "UZ"}))
            .await;
        let (_, case_b) = cb.post("/api/v1/cases", json!({"reference": "B-1", "title": "Ish", "offences": [{"key": "o1", "category": "fraud", "description": "Firibgarlik"}],
            "persons": [{"key": "p1", "role": "suspect", "name": "Анвар Каримов"}]})).await;
        let (_, req_b) = cb
            .post(
                "/api/v1/requests",
                json!({"case_id": case_b["id"], "type": "transfer_of_proceedings", "requested_country": "KZ"}),
            )
            .await;
        let (st, saved) = cb
            .put(
                &format!("/api/v1/requests/{}", req_b["id"].as_str().unwrap()),
                json!({"version": req_b["version"], "draft": {"kind": "transfer_of_proceedings", "requested_country": "KZ",
                    "requested_authority": "kz-gpo", "reciprocity": true, "language": "ru", "subject": "s", "facts": "f",
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
        let x = shared(&s, &a, &b, &ca, &cb).await;
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
            let new_user = |org: &str, n: &str| json!({"org_id": org, "username": format!("new.{i}.{n}"), "display_name": "Новый", "roles": ["observer"], "password": "Distant-Mountain-River-42"});
            let mut cases = vec![
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
            cases.extend(group_cases(&x, i, role, &a.id.to_string(), &b.id.to_string()));
            let (_, open_a) = ca.get(&format!("/api/v1/knowledge/{}", x.open_a)).await;
            cases.extend(knowledge_cases(&x, i, role, open_a["version"].as_i64().unwrap()));
            cases.extend(network_cases(&x, role, &me.id.to_string()));
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

        // Lists are scoped by the query layer as well: A's officer finds A's WACAP material but not B's, and
        // sees no group (A's own included).
        let (_, found) = ca.get("/api/v1/knowledge?network=wacap").await;
        let titles: Vec<&str> = found["items"].as_array().unwrap().iter().filter_map(|d| d["title"].as_str()).collect();
        assert_eq!(titles, vec!["A: WACAP"], "{}: {found}", e.name);
        assert_eq!(ca.get("/api/v1/groups").await.1, json!([]), "{}", e.name);
        checked += 2;

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
            // Not a member of any group, its state in no network: none of it is the operator's.
            (Method::GET, format!("/api/v1/groups/{}", x.group_b), None, S::NOT_FOUND),
            (Method::GET, format!("/api/v1/knowledge/{}", x.wacap_b), None, S::NOT_FOUND),
            (Method::GET, "/api/v1/networks/casc/events".into(), None, S::NOT_FOUND),
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
            "/api/v1/me".to_string(),
            "/api/v1/organisations".into(),
            "/api/v1/users".into(),
            "/api/v1/tokens".into(),
            "/api/v1/audit/events".into(),
            "/api/v1/audit/verify".into(),
            "/api/v1/cases".into(),
            "/api/v1/requests".into(),
            "/api/v1/groups".into(),
            "/api/v1/tasks/mine".into(),
            format!("/api/v1/groups/{}", x.group_b),
            format!("/api/v1/meetings/{}/files", x.meeting),
            "/api/v1/knowledge".into(),
            format!("/api/v1/knowledge/{}", x.open_b),
            "/api/v1/networks/casc/focal-points".into(),
            "/api/v1/networks/casc/events".into(),
        ] {
            assert_eq!(anon.get(&path).await.0, S::UNAUTHORIZED, "{}: anonymous {path}", e.name);
            checked += 1;
        }
        assert!(checked > 800, "{checked}");
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
