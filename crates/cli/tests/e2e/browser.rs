//! Browser journeys in headless Chromium over WebDriver: log in with a TOTP code, switch to Russian
//! and Arabic (right-to-left), create a user as administrator and find the audit entry for it.

use crate::support::*;
use fantoccini::{Client as Browser, ClientBuilder, Locator};
use liaison_server::clock::Clock;
use std::process::Stdio;
use std::time::Duration;

struct Driver {
    child: std::process::Child,
    port: u16,
    /// Chromium's profile directory for this test; also how its processes are found and stopped.
    profile: std::path::PathBuf,
}

impl Drop for Driver {
    fn drop(&mut self) {
        // A failed test never reaches `close()`: stop its browser too, or it keeps running.
        let _ = std::process::Command::new("pkill").arg("-f").arg(&self.profile).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Starts chromedriver, or explains why not. In CI a missing browser fails the test.
fn chromedriver() -> Option<Driver> {
    let have =
        std::path::Path::new("/usr/bin/chromedriver").exists() && std::path::Path::new("/usr/bin/chromium").exists();
    if !have {
        assert!(
            std::env::var("CI").is_err(),
            "chromium and chromium-driver must be installed in CI (the test command does it)"
        );
        eprintln!("skipping browser test: install chromium and chromium-driver (the test command does)");
        return None;
    }
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = std::process::Command::new("/usr/bin/chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let profile = std::env::temp_dir().join(format!("liaison-chromium-{}", uuid::Uuid::new_v4()));
    Some(Driver { child, port, profile })
}

async fn connect(driver: &Driver) -> Browser {
    let (port, profile) = (driver.port, &driver.profile);
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1280,900", format!("--user-data-dir={}", profile.display())]
        }),
    );
    let url = format!("http://127.0.0.1:{port}");
    for _ in 0..100 {
        let connector = hyper_util::client::legacy::connect::HttpConnector::new();
        if let Ok(b) = ClientBuilder::new(connector).capabilities(caps.clone()).connect(&url).await {
            return b;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("could not start a Chromium session");
}

/// Waits for an element (pages load after clicks at their own pace).
async fn find(b: &Browser, css: &str) -> fantoccini::elements::Element {
    b.wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
}

/// Waits until the browser is on `path`.
async fn on(b: &Browser, path: &str) {
    for _ in 0..150 {
        if b.current_url().await.unwrap().path() == path {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("expected to be on {path}, am on {}", b.current_url().await.unwrap());
}

async fn fill(b: &Browser, css: &str, text: &str) {
    let el = find(b, css).await;
    el.clear().await.unwrap();
    el.send_keys(text).await.unwrap();
}

async fn click(b: &Browser, css: &str) {
    find(b, css).await.click().await.unwrap();
}

async fn html_attr(b: &Browser, attr: &str) -> String {
    b.find(Locator::Css("html")).await.unwrap().attr(attr).await.unwrap().unwrap_or_default()
}

async fn text(b: &Browser, css: &str) -> String {
    find(b, css).await.text().await.unwrap()
}

async fn choose_language(b: &Browser, code: &str) {
    find(b, &format!("#locale option[value='{code}']")).await.click().await.unwrap();
    click(b, "#set-language").await;
    find(b, &format!("html[lang='{code}']")).await;
}

#[tokio::test]
async fn administrator_logs_in_with_totp_switches_language_creates_a_user_and_finds_it_in_the_audit_trail() {
    let Some(driver) = chromedriver() else { return };
    let e = engines().await.remove(0);
    let s = TestServer::start_with(&e, Options { manual_clock: true, ..Default::default() }).await;
    let clock = s.clock.clone().unwrap();
    let op = s.org("Liaison Secretariat", "AT", true).await;
    s.user(&op, "chief", &["administrator", "auditor"]).await;
    let b = connect(&driver).await;
    let base = s.base.clone();

    // First login: the administrator must enrol a second factor from the QR page.
    b.goto(&format!("{base}/login")).await.unwrap();
    fill(&b, "#username", "chief").await;
    fill(&b, "#password", PASSWORD).await;
    click(&b, "#login-submit").await;
    on(&b, "/account/second-factor").await;
    assert!(b.find(Locator::Css(".qr svg")).await.is_ok(), "QR code shown");
    let secret = text(&b, "#totp-secret").await;
    let code = liaison_server::auth::totp::code_at(&secret, clock.now_ms() / 1000).unwrap();
    fill(&b, "#code", &code).await;
    click(&b, "#enrol-submit").await;
    find(&b, "#recovery-codes").await;
    let codes = b.find_all(Locator::Css("#recovery-codes li")).await.unwrap();
    assert_eq!(codes.len(), 10);
    click(&b, "#logout").await;
    on(&b, "/login").await;

    // Second login with a TOTP code (a later time step: codes are single-use).
    clock.advance_ms(31_000);
    fill(&b, "#username", "chief").await;
    fill(&b, "#password", PASSWORD).await;
    click(&b, "#login-submit").await;
    on(&b, "/login/second-factor").await;
    fill(&b, "#code", "000000").await;
    click(&b, "#code-submit").await;
    find(&b, "p.error").await;
    let code = liaison_server::auth::totp::code_at(&secret, clock.now_ms() / 1000).unwrap();
    fill(&b, "#code", &code).await;
    click(&b, "#code-submit").await;
    on(&b, "/").await;
    assert_eq!(html_attr(&b, "lang").await, "en");

    // Russian, then Arabic laid out right to left; the choice stays with the account.
    choose_language(&b, "ru").await;
    assert_eq!(html_attr(&b, "lang").await, "ru");
    assert!(text(&b, "header nav").await.contains("Пользователи"));
    choose_language(&b, "ar").await;
    assert_eq!(html_attr(&b, "lang").await, "ar");
    assert_eq!(html_attr(&b, "dir").await, "rtl");
    b.goto(&format!("{base}/account")).await.unwrap();
    assert_eq!(html_attr(&b, "dir").await, "rtl", "the language stays across pages");
    let user = liaison_server::services::users::find_by_username(&s.state, "chief").await.unwrap();
    assert_eq!(user.locale, "ar", "and is stored on the account");
    choose_language(&b, "en").await;

    // Create a user as administrator, with a name in Cyrillic.
    b.goto(&format!("{base}/admin/users")).await.unwrap();
    click(&b, "#new-user").await;
    on(&b, "/admin/users/new").await;
    fill(&b, "#username", "petrova").await;
    fill(&b, "#display_name", "Мария Петрова").await;
    click(&b, "#role-analyst").await;
    fill(&b, "#password", "password1234").await;
    click(&b, "#user-submit").await;
    let err = text(&b, "#form-error").await;
    assert!(err.contains("Password") && err.contains("common"), "the password policy explains itself: {err}");
    fill(&b, "#password", "Northern-Lights-Over-Baikal").await;
    click(&b, "#user-submit").await;
    assert_eq!(text(&b, "#user-username").await, "petrova");
    assert!(b.source().await.unwrap().contains("Мария Петрова"));

    // The auditor's page shows who created whom.
    b.goto(&format!("{base}/audit")).await.unwrap();
    fill(&b, "#f-action", "user.create").await;
    click(&b, "#audit-filter").await;
    find(&b, "#audit-table").await;
    let table = text(&b, "#audit-table").await;
    assert!(table.contains("user.create") && table.contains("chief") && table.contains("petrova"), "{table}");
    b.close().await.unwrap();
    s.audit_intact().await;
}

#[tokio::test]
async fn an_officer_finds_the_legal_basis_and_the_authority_in_the_browser() {
    let Some(driver) = chromedriver() else { return };
    let e = engines().await.remove(0);
    let s = TestServer::start(&e).await;
    let org = s.org("Генеральная прокуратура Российской Федерации", "RU", false).await;
    s.user(&org, "officer", &["central_authority_officer"]).await;
    let b = connect(&driver).await;
    b.goto(&format!("{}/login", s.base)).await.unwrap();
    fill(&b, "#username", "officer").await;
    fill(&b, "#password", PASSWORD).await;
    click(&b, "#login-submit").await;
    on(&b, "/").await;
    click(&b, "header nav a[href='/legal-basis']").await;
    on(&b, "/legal-basis").await;
    find(&b, "#f-from option[value='RU']").await.click().await.unwrap();
    find(&b, "#f-to option[value='AM']").await.click().await.unwrap();
    find(&b, "#f-type option[value='mla']").await.click().await.unwrap();
    click(&b, "#finder-submit").await;
    let answer = text(&b, "#finder-answer").await;
    assert!(answer.contains("ETS No. 030") && answer.contains("binds RU"), "{answer}");
    let send_to = text(&b, "#send-to").await;
    assert!(send_to.contains("Հայաստանի"), "the Armenian authority in its own script: {send_to}");
    // From the answer to the authority's page, then to the directory filtered by country.
    click(&b, "#send-to a").await;
    find(&b, "#competences").await;
    b.goto(&format!("{}/directory?country=GE", s.base)).await.unwrap();
    let table = text(&b, "#directory-table").await;
    assert!(table.contains("GE · Georgia"), "{table}");
    b.close().await.unwrap();
}
