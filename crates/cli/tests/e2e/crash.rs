//! Durability: kill -9 the real `liaison serve` during a burst of concurrent writes, restart it, and
//! find every write that was acknowledged, with an intact audit trail (`liaison audit verify`).

use crate::support::*;
use serde_json::json;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::Duration;

const BIN: &str = env!("CARGO_BIN_EXE_liaison");

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn db_args(data_dir: &std::path::Path, url: Option<&str>) -> Vec<String> {
    match url {
        Some(u) => vec!["--database-url".into(), u.into()],
        None => vec!["--data-dir".into(), data_dir.display().to_string()],
    }
}

pub fn run(args: &[String], stdin: Option<&str>) -> std::process::Output {
    use std::io::Write;
    let mut child = std::process::Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(s) = stdin {
        child.stdin.take().unwrap().write_all(s.as_bytes()).unwrap();
    }
    child.wait_with_output().unwrap()
}

async fn start(db: &[String], port: u16) -> tokio::process::Child {
    let mut args = vec!["serve".to_string(), "--listen".into(), format!("127.0.0.1:{port}")];
    args.extend_from_slice(db);
    let child = tokio::process::Command::new(BIN)
        .args(&args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}/readyz");
    for _ in 0..200 {
        if reqwest::get(&url).await.map(|r| r.status().is_success()).unwrap_or(false) {
            return child;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server did not become ready on port {port}");
}

async fn login(port: u16) -> Client {
    let mut c = Client {
        base: format!("http://127.0.0.1:{port}"),
        http: reqwest::Client::builder().cookie_store(true).build().unwrap(),
        csrf: None,
        bearer: None,
    };
    let (st, body) = c.post("/api/v1/auth/login", json!({"username": "crash.writer", "password": PASSWORD})).await;
    assert!(st.is_success(), "{body}");
    c.csrf = body["csrf_token"].as_str().map(str::to_string);
    c
}

#[tokio::test]
async fn acknowledged_writes_survive_kill_9() {
    for e in engines().await {
        let dir = std::env::temp_dir().join(format!("liaison-crash-{}", uuid::Uuid::new_v4()));
        let url = (e.name == "postgres").then_some(e.url.as_str());
        let db = db_args(&dir, url);

        let mut add_org = vec![
            "org".to_string(),
            "add".into(),
            "--name".into(),
            "Crash Office".into(),
            "--country".into(),
            "BY".into(),
        ];
        add_org.extend_from_slice(&db);
        assert!(run(&add_org, None).status.success());
        let mut add_user = vec![
            "user".to_string(),
            "add".into(),
            "--org".into(),
            "Crash Office".into(),
            "--username".into(),
            "crash.writer".into(),
        ];
        add_user.extend([
            "--display-name".into(),
            "Писатель".into(),
            "--role".into(),
            "prosecutor".into(),
            "--password-stdin".into(),
        ]);
        add_user.extend_from_slice(&db);
        let out = run(&add_user, Some(&format!("{PASSWORD}\n")));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));

        let port = free_port();
        let mut server = start(&db, port).await;
        let client = Arc::new(login(port).await);
        let acked: Arc<Mutex<Vec<String>>> = Arc::default();
        let mut writers = Vec::new();
        for w in 0..12 {
            let (client, acked) = (client.clone(), acked.clone());
            writers.push(tokio::spawn(async move {
                for i in 0.. {
                    let body = json!({"name": format!("w{w}-{i}"), "scopes": ["read"], "expires_in_days": 3});
                    let res = client
                        .http
                        .post(format!("{}/api/v1/tokens", client.base))
                        .header("x-csrf-token", client.csrf.clone().unwrap())
                        .json(&body)
                        .send()
                        .await;
                    match res {
                        Ok(r) if r.status().as_u16() == 201 => {
                            if let Ok(v) = r.json::<serde_json::Value>().await {
                                acked.lock().unwrap().push(v["token"]["id"].as_str().unwrap().to_string());
                            }
                        }
                        Ok(r) => panic!("unexpected answer {}", r.status()),
                        Err(_) => break,
                    }
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(1500)).await;
        server.start_kill().unwrap(); // SIGKILL: no shutdown, no flush.
        server.wait().await.unwrap();
        for w in writers {
            w.await.unwrap();
        }
        let acked = acked.lock().unwrap().clone();
        assert!(
            acked.len() > 20,
            "{}: the burst should have written something before the kill ({})",
            e.name,
            acked.len()
        );

        let port = free_port();
        let mut server = start(&db, port).await;
        let c = login(port).await;
        let mut stored = std::collections::HashSet::new();
        let mut offset = 0;
        loop {
            let (_, page) = c.get(&format!("/api/v1/tokens?limit=500&offset={offset}")).await;
            for t in page["items"].as_array().unwrap() {
                stored.insert(t["id"].as_str().unwrap().to_string());
            }
            match page["next_offset"].as_u64() {
                Some(n) => offset = n,
                None => break,
            }
        }
        let lost: Vec<&String> = acked.iter().filter(|id| !stored.contains(*id)).collect();
        assert!(lost.is_empty(), "{}: {} acknowledged writes lost of {}", e.name, lost.len(), acked.len());
        server.start_kill().unwrap();
        server.wait().await.unwrap();

        let mut verify = vec!["audit".to_string(), "verify".into()];
        verify.extend_from_slice(&db);
        let out = run(&verify, None);
        assert!(
            out.status.success(),
            "{}: {} {}",
            e.name,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).contains("intact"));
    }
}

#[tokio::test]
async fn audit_verify_names_the_first_tampered_event_and_fails() {
    let dir = std::env::temp_dir().join(format!("liaison-tamper-{}", uuid::Uuid::new_v4()));
    let db = db_args(&dir, None);
    let mut add_org =
        vec!["org".to_string(), "add".into(), "--name".into(), "Office".into(), "--country".into(), "IQ".into()];
    add_org.extend_from_slice(&db);
    assert!(run(&add_org, None).status.success());
    let mut add_org2 =
        vec!["org".to_string(), "add".into(), "--name".into(), "Office 2".into(), "--country".into(), "IQ".into()];
    add_org2.extend_from_slice(&db);
    assert!(run(&add_org2, None).status.success());
    let mut verify = vec!["audit".to_string(), "verify".into()];
    verify.extend_from_slice(&db);
    assert!(run(&verify, None).status.success());

    let store = liaison_store::Store::open(&format!("sqlite://{}", dir.join("liaison.db").display())).await.unwrap();
    let mut c = store.read().await.unwrap();
    sqlx::query("UPDATE audit_events SET details = '{\"name\":\"forged\"}' WHERE seq = 1")
        .execute(&mut *c)
        .await
        .unwrap();
    drop(c);
    store.close().await;
    let out = run(&verify, None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("event #1") && err.contains("changed"), "{err}");
}
