//! Test kit: a real server on an ephemeral port over a fresh database per engine, an HTTP client
//! that keeps cookies and the CSRF token, and builders for organisations and users.

#![allow(dead_code)]

use liaison_server::clock::{Clock, ManualClock, SystemClock};
use liaison_server::config::ServerConfig;
use liaison_server::services::{Caller, orgs, users};
use liaison_server::state::AppState;
use liaison_store::Store;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use std::sync::Arc;

pub const PASSWORD: &str = "Correct-Horse-Battery-9";

pub struct Engine {
    pub name: &'static str,
    pub url: String,
}

/// A fresh database per engine: SQLite always, PostgreSQL when `LIAISON_TEST_POSTGRES_URL` is set
/// (the test command sets it; in CI its absence fails the run).
pub async fn engines() -> Vec<Engine> {
    let dir = std::env::temp_dir().join(format!("liaison-e2e-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut v = vec![Engine { name: "sqlite", url: format!("sqlite://{}", dir.join("liaison.db").display()) }];
    match std::env::var("LIAISON_TEST_POSTGRES_URL") {
        Ok(base) => {
            v.push(Engine { name: "postgres", url: liaison_store::testing::fresh_postgres_database(&base).await })
        }
        Err(_) if std::env::var("CI").is_ok() => panic!("LIAISON_TEST_POSTGRES_URL must be set in CI"),
        Err(_) => {}
    }
    v
}

pub struct TestServer {
    pub engine: &'static str,
    pub base: String,
    pub state: AppState,
    pub clock: Option<ManualClock>,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(s) = self.shutdown.take() {
            let _ = s.send(());
        }
    }
}

pub struct Options {
    pub manual_clock: bool,
    pub config: ServerConfig,
}

impl Default for Options {
    fn default() -> Self {
        // Tests log in many times from one address.
        let key = liaison_server::files::FileKey::generate_hex().unwrap();
        let config = ServerConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            login_attempts_per_window: 10_000,
            files_key: Some(liaison_server::files::FileKey::from_hex(&key).unwrap()),
            ..Default::default()
        };
        Options { manual_clock: false, config }
    }
}

impl TestServer {
    pub async fn start(engine: &Engine) -> TestServer {
        Self::start_with(engine, Options::default()).await
    }

    pub async fn start_with(engine: &Engine, opts: Options) -> TestServer {
        // LIAISON_TEST_LOG=warn shows what the server logs (the cause of an internal error).
        if let Ok(filter) = std::env::var("LIAISON_TEST_LOG") {
            let _ = tracing_subscriber::fmt().with_env_filter(filter).with_test_writer().try_init();
        }
        let store = Store::open(&engine.url).await.unwrap();
        let manual = opts.manual_clock.then(|| ManualClock::new(SystemClock.now_ms()));
        let clock: Arc<dyn Clock> = match &manual {
            Some(m) => Arc::new(m.clone()),
            None => Arc::new(SystemClock),
        };
        let state = AppState::new(store, opts.config.clone(), clock).unwrap();
        liaison_server::services::reference::load_shipped(&state).await.unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let (tx, rx) = tokio::sync::oneshot::channel::<()>();
        let st = state.clone();
        tokio::spawn(async move {
            liaison_server::serve(st, listener, async {
                let _ = rx.await;
            })
            .await
            .unwrap();
        });
        TestServer { engine: engine.name, base: format!("http://{addr}"), state, clock: manual, shutdown: Some(tx) }
    }

    /// Creates an organisation directly through the service layer (as the command line does).
    pub async fn org(&self, name: &str, country: &str, operator: bool) -> orgs_store::Organisation {
        orgs::create(
            &self.state,
            &Caller::Cli,
            orgs::NewOrg {
                name: name.into(),
                country: country.into(),
                kind: "prosecutor".into(),
                require_totp: false,
                is_operator: operator,
            },
        )
        .await
        .unwrap()
    }

    /// Creates a user with the given roles and the test password.
    pub async fn user(
        &self,
        org: &orgs_store::Organisation,
        username: &str,
        roles: &[&str],
    ) -> liaison_store::users::User {
        users::create(
            &self.state,
            &Caller::Cli,
            users::NewUser {
                org_id: org.id,
                username: username.into(),
                display_name: format!("Тест {username}"),
                email: None,
                roles: roles.iter().map(|r| r.to_string()).collect(),
                password: PASSWORD.into(),
                locale: None,
            },
        )
        .await
        .unwrap()
    }

    pub fn client(&self) -> Client {
        Client {
            base: self.base.clone(),
            http: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap(),
            csrf: None,
            bearer: None,
        }
    }

    /// A client logged in through the JSON API (password only: users without a second factor).
    pub async fn login(&self, username: &str) -> Client {
        self.login_with(username, PASSWORD).await
    }

    pub async fn login_with(&self, username: &str, password: &str) -> Client {
        let mut c = self.client();
        let (status, body) = c.post("/api/v1/auth/login", json!({"username": username, "password": password})).await;
        assert_eq!(status, StatusCode::OK, "{} login {username}: {body}", self.engine);
        c.csrf = body["csrf_token"].as_str().map(str::to_string);
        c
    }

    pub async fn count(&self, table: &'static str) -> i64 {
        let mut c = self.state.store.read().await.unwrap();
        liaison_store::count(&mut c, table).await.unwrap()
    }

    pub async fn audit_intact(&self) -> i64 {
        let mut c = self.state.store.read().await.unwrap();
        match liaison_store::audit::verify(&mut c).await.unwrap() {
            liaison_store::audit::Verification::Intact { events, .. } => events,
            other => panic!("{}: audit chain broken: {other:?}", self.engine),
        }
    }

    /// How many audit events record a refusal by the policy.
    pub async fn denied_count(&self) -> usize {
        let mut c = self.state.store.read().await.unwrap();
        let f = liaison_store::audit::AuditFilter {
            outcome: Some(liaison_domain::audit::Outcome::Denied),
            ..Default::default()
        };
        liaison_store::audit::list(&mut c, liaison_domain::policy::OrgScope::All, &f, false, 1, 0).await.unwrap().1
            as usize
    }

    /// Audit events with this action, newest first.
    pub async fn audit_events(&self, action: &str) -> Vec<liaison_domain::audit::AuditEvent> {
        let mut c = self.state.store.read().await.unwrap();
        let f = liaison_store::audit::AuditFilter { action: Some(action.into()), ..Default::default() };
        liaison_store::audit::list(&mut c, liaison_domain::policy::OrgScope::All, &f, false, 500, 0).await.unwrap().0
    }
}

pub use liaison_store::orgs as orgs_store;

pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
    pub csrf: Option<String>,
    pub bearer: Option<String>,
}

impl Client {
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let (s, _, text) =
            self.raw(method, path, body.map(|b| b.to_string().into_bytes()), Some("application/json")).await;
        let v = serde_json::from_str(&text).unwrap_or(Value::String(text));
        (s, v)
    }

    /// Sends bytes as they are; returns status, headers and body text.
    pub async fn raw(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        content_type: Option<&str>,
    ) -> (StatusCode, reqwest::header::HeaderMap, String) {
        let mut rb = self.http.request(method, format!("{}{}", self.base, path));
        if let Some(c) = &self.csrf {
            rb = rb.header("x-csrf-token", c);
        }
        if let Some(b) = &self.bearer {
            rb = rb.bearer_auth(b);
        }
        if let Some(body) = body {
            if let Some(ct) = content_type {
                rb = rb.header("content-type", ct);
            }
            rb = rb.body(body);
        }
        let res = rb.send().await.unwrap();
        let status = res.status();
        let headers = res.headers().clone();
        (status, headers, res.text().await.unwrap())
    }

    pub async fn get(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::POST, path, Some(body)).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PATCH, path, Some(body)).await
    }

    pub async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.call(Method::DELETE, path, None).await
    }

    /// A client that authenticates with an API token only.
    pub fn with_token(&self, secret: &str) -> Client {
        Client { base: self.base.clone(), http: reqwest::Client::new(), csrf: None, bearer: Some(secret.to_string()) }
    }
}

/// The current TOTP code for a base32 secret.
pub fn totp_now(secret: &str) -> String {
    let now = SystemClock.now_ms() / 1000;
    liaison_server::auth::totp::code_at(secret, now).unwrap()
}

impl Client {
    pub async fn put(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.call(Method::PUT, path, Some(body)).await
    }
}

impl TestServer {
    /// Links a directory entry to an organisation using this installation (as a data steward would).
    pub async fn link_authority(&self, authority: &str, org: &orgs_store::Organisation) {
        use liaison_server::services::reference;
        let mut entry = reference::authority(&self.state, &Caller::Cli, authority).await.unwrap().authority;
        entry.organisation = Some(org.id);
        reference::edit_authority(&self.state, &Caller::Cli, authority, entry, "test set-up").await.unwrap();
    }
}

/// A local SMTP sink: accepts every message and keeps it, to test e-mail without a mail server.
pub struct SmtpSink {
    pub port: u16,
    pub messages: std::sync::Arc<std::sync::Mutex<Vec<String>>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let messages = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let kept = messages.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let kept = kept.clone();
                tokio::spawn(async move {
                    let (r, mut w) = stream.into_split();
                    let mut r = BufReader::new(r);
                    w.write_all(b"220 sink ESMTP\r\n").await.unwrap();
                    let mut envelope = String::new();
                    loop {
                        let mut line = String::new();
                        if r.read_line(&mut line).await.unwrap_or(0) == 0 {
                            return;
                        }
                        let cmd = line.trim_end().to_ascii_uppercase();
                        if cmd.starts_with("DATA") {
                            w.write_all(b"354 go on\r\n").await.unwrap();
                            let mut data = String::new();
                            loop {
                                let mut l = String::new();
                                r.read_line(&mut l).await.unwrap();
                                if l == ".\r\n" {
                                    break;
                                }
                                data.push_str(&l);
                            }
                            kept.lock().unwrap().push(format!("{envelope}{data}"));
                            w.write_all(b"250 kept\r\n").await.unwrap();
                        } else if cmd.starts_with("QUIT") {
                            w.write_all(b"221 bye\r\n").await.unwrap();
                            return;
                        } else {
                            if cmd.starts_with("MAIL") || cmd.starts_with("RCPT") {
                                envelope.push_str(&line);
                            }
                            w.write_all(b"250 ok\r\n").await.unwrap();
                        }
                    }
                });
            }
        });
        SmtpSink { port, messages }
    }
}

/// Text of a PDF as `pdftotext` (poppler) reads it, without bidi control marks.
pub fn pdf_text(bytes: &[u8]) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("pdftotext")
        .args(["-", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("pdftotext (poppler-utils) is installed by the test command");
    child.stdin.take().unwrap().write_all(bytes).unwrap();
    let out = child.wait_with_output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .chars()
        .filter(
            |c| !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}' | '\u{2066}'..='\u{2069}'),
        )
        .collect()
}
