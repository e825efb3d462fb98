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

/// Whether a WebDriver error is the page changing under an element found just before (the previous
/// page's element after a form was submitted): then the element is found again on the new page.
fn stale(e: &fantoccini::error::CmdError) -> bool {
    matches!(e, fantoccini::error::CmdError::Standard(w) if w.error == fantoccini::error::ErrorStatus::StaleElementReference)
}

async fn fill(b: &Browser, css: &str, text: &str) {
    for _ in 0..30 {
        let el = find(b, css).await;
        match el.clear().await {
            Ok(()) => {
                el.send_keys(text).await.unwrap();
                return;
            }
            Err(e) if stale(&e) => tokio::time::sleep(Duration::from_millis(100)).await,
            Err(e) => panic!("{css}: {e}"),
        }
    }
    panic!("{css}: stale for three seconds");
}

async fn click(b: &Browser, css: &str) {
    for _ in 0..30 {
        match find(b, css).await.click().await {
            Ok(()) => return,
            Err(e) if stale(&e) => tokio::time::sleep(Duration::from_millis(100)).await,
            Err(e) => panic!("{css}: {e}"),
        }
    }
    panic!("{css}: stale for three seconds");
}

/// Clicks a form's submit button and waits until the answer has replaced the page, so what is read next
/// is the new page, not the old one still on screen.
async fn submit(b: &Browser, css: &str) {
    let old = b.find(Locator::Css("html")).await.unwrap();
    click(b, css).await;
    for _ in 0..100 {
        match old.text().await {
            Err(e) if stale(&e) => return,
            _ => tokio::time::sleep(Duration::from_millis(50)).await,
        }
    }
    panic!("{css}: the page did not change after five seconds");
}

async fn html_attr(b: &Browser, attr: &str) -> String {
    b.find(Locator::Css("html")).await.unwrap().attr(attr).await.unwrap().unwrap_or_default()
}

/// The text of an element; retried when the page changes under it (a stale element after navigation).
async fn text(b: &Browser, css: &str) -> String {
    let mut last = None;
    for _ in 0..30 {
        match find(b, css).await.text().await {
            Ok(t) => return t,
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css}: {last:?}")
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

async fn login(b: &Browser, base: &str, username: &str) {
    b.goto(&format!("{base}/login")).await.unwrap();
    fill(b, "#username", username).await;
    fill(b, "#password", PASSWORD).await;
    click(b, "#login-submit").await;
    on(b, "/").await;
}

async fn check(b: &Browser, css: &str) {
    for _ in 0..30 {
        match find(b, css).await.prop("checked").await {
            Ok(checked) => {
                if checked.as_deref() != Some("true") {
                    click(b, css).await;
                }
                return;
            }
            Err(e) if stale(&e) => tokio::time::sleep(Duration::from_millis(100)).await,
            Err(e) => panic!("{css}: {e}"),
        }
    }
    panic!("{css}: stale for three seconds");
}

async fn select(b: &Browser, select: &str, value: &str) {
    click(b, &format!("{select} option[value='{value}']")).await;
}

/// A prosecutor writes a complete MLA request from a new case through the five writer steps (autosave
/// included), a central authority officer sends it, and the requested authority on the same
/// installation acknowledges and executes it.
#[tokio::test]
async fn a_request_is_written_sent_acknowledged_and_executed_in_the_browser() {
    let Some(driver) = chromedriver() else { return };
    let e = engines().await.remove(0);
    let s = TestServer::start(&e).await;
    let ru = s.org("Генеральная прокуратура Российской Федерации", "RU", false).await;
    let am = s.org("Գլխավոր դատախազություն", "AM", false).await;
    s.link_authority("am-gpo", &am).await;
    s.user(&ru, "prosecutor", &["prosecutor"]).await;
    s.user(&ru, "officer", &["central_authority_officer"]).await;
    s.user(&am, "am.officer", &["central_authority_officer"]).await;
    let b = connect(&driver).await;
    let base = s.base.clone();

    login(&b, &base, "prosecutor").await;
    click(&b, "header nav a[href='/cases']").await;
    fill(&b, "#case-reference", "12-345/2026").await;
    fill(&b, "#case-title", "Мошенничество в особо крупном размере").await;
    click(&b, "#case-create").await;
    find(&b, "#case-persons").await;
    click(&b, "#case-offences details.add summary").await;
    select(&b, "#offence-category", "fraud").await;
    fill(&b, "#offence-description", "Мошенничество").await;
    fill(&b, "#offence-provision", "ч. 4 ст. 159 УК РФ").await;
    click(&b, "#offence-add").await;
    find(&b, "#case-offences details.item").await;
    click(&b, "#case-persons details.add summary").await;
    select(&b, "#person-role", "witness").await;
    fill(&b, "#person-name", "Արամ Պետրոսյան").await;
    fill(&b, "#person-name-latin", "Aram Petrosyan").await;
    fill(&b, "#person-location", "Yerevan").await;
    click(&b, "#person-add").await;
    assert!(text(&b, "#case-persons").await.contains("Արամ Պետրոսյան"));

    // The writer, step by step.
    select(&b, "#nr-kind", "mla").await;
    select(&b, "#nr-country", "AM").await;
    click(&b, "#new-request").await;
    find(&b, "#writer-form").await;
    assert!(b.current_url().await.unwrap().path().ends_with("/write/basics"));
    check(&b, "input[name=measures][value=hearing_witness]").await;
    select(&b, "#w-authority", "am-gpo").await;
    click(&b, "#writer-next").await;
    find(&b, "#w-bases").await;
    check(&b, "input[name=legal_basis][value=ets030]").await;
    select(&b, "#w-language", "ru").await;
    click(&b, "#writer-save").await;
    // Armenia takes requests under ETS 030 in Armenian, English or French: the writer says so.
    let findings = text(&b, "#findings").await;
    assert!(findings.contains("Language") || findings.contains("language"), "{findings}");
    select(&b, "#w-language2", "en").await;
    click(&b, "#writer-next").await;
    find(&b, "#w-subject").await;
    fill(&b, "#w-subject", "Уголовное дело № 12-345/2026").await;
    check(&b, "input[name=offences][value=o1]").await;
    fill(&b, "#w-assistance", "Допросить свидетеля").await;
    fill(&b, "#w-purpose-text", "Доказательства для суда").await;
    click(&b, "#w-conf-no").await;
    // Autosave: typing and pausing saves without leaving the page.
    fill(&b, "#w-facts", "В 2024–2025 годах обвиняемый похитил средства инвесторов.").await;
    let mut saved = String::new();
    for _ in 0..100 {
        saved = text(&b, "#autosave-status").await;
        if !saved.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(saved.contains("Saved"), "autosave reported: {saved:?}");
    let id = b.current_url().await.unwrap().path().split('/').nth(2).unwrap().to_string();
    let stored = liaison_server::services::requests::get(
        &s.state,
        &liaison_server::services::Caller::User {
            actor: liaison_domain::policy::Actor {
                user: liaison_server::services::users::find_by_username(&s.state, "officer").await.unwrap().id,
                org: ru.id,
                org_is_operator: false,
                roles: liaison_domain::RoleSet::of([liaison_domain::Role::CentralAuthorityOfficer]),
                token_scopes: None,
            },
            username: "officer".into(),
            client: None,
        },
        liaison_domain::RequestId::parse(&id).unwrap(),
    )
    .await
    .unwrap();
    assert!(stored.record.draft.facts.contains("похитил"), "autosaved to the database");
    click(&b, "#writer-next").await;
    find(&b, "#w-persons").await;
    check(&b, "input[name=persons][value=p1]").await;
    fill(&b, "#w-questions", "1. Когда вы познакомились с обвиняемым?").await;
    click(&b, "#writer-next").await;
    fill(&b, "#w-signatory", "Д. Орлов").await;
    fill(&b, "#w-position", "Прокурор").await;
    click(&b, "#writer-done").await;
    find(&b, "#request-actions").await;
    assert!(b.find(Locator::Css("#request-findings")).await.is_err(), "nothing missing any more");
    click(&b, "#step-mark_ready button").await;
    find(&b, "#step-return_to_draft").await;
    assert!(b.find(Locator::Css("#step-send")).await.is_err(), "prosecutors do not send");
    click(&b, "#logout").await;

    // The central authority officer sends it.
    login(&b, &base, "officer").await;
    b.goto(&format!("{base}/requests/{id}")).await.unwrap();
    click(&b, "#step-send button").await;
    find(&b, "#doc-reminder").await;
    assert_eq!(text(&b, "#request-status").await, "sent");
    assert!(text(&b, "#request-deadlines").await.contains("Acknowledgement"));
    // An annex goes up through the page's multipart form (its CSRF token travels inside the form).
    let annex = std::env::temp_dir().join(format!("liaison-annex-{}.txt", uuid::Uuid::new_v4()));
    std::fs::write(&annex, "Постановление о возбуждении уголовного дела").unwrap();
    find(&b, "#upload-file").await.send_keys(&annex.display().to_string()).await.unwrap();
    click(&b, "#upload-submit").await;
    let files = text(&b, "#request-files").await;
    assert!(files.contains("liaison-annex-") && files.contains("annex"), "{files}");
    let _ = std::fs::remove_file(&annex);
    click(&b, "#logout").await;

    // The Armenian central authority finds it among incoming requests, acknowledges and executes it.
    login(&b, &base, "am.officer").await;
    b.goto(&format!("{base}/requests?direction=incoming")).await.unwrap();
    click(&b, "#registry tbody a").await;
    fill(&b, "#step-acknowledge input[name=their_reference]", "ԳԴ-2026/318").await;
    click(&b, "#step-acknowledge button").await;
    find(&b, "#doc-acknowledgement").await;
    click(&b, "#step-start_execution button").await;
    click(&b, "#step-execute button").await;
    for _ in 0..50 {
        if text(&b, "#request-status").await == "executed" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(text(&b, "#request-status").await, "executed");
    // The requested side sees the course from sending on, not the requesting side's drafting.
    let timeline = text(&b, "#request-timeline").await;
    assert!(
        timeline.contains("am.officer") && timeline.contains("· officer") && !timeline.contains("prosecutor"),
        "{timeline}"
    );
    b.close().await.unwrap();
    s.audit_intact().await;
}

/// A liaison officer publishes a red notice in Cyrillic; a border officer of another state screens a
/// passenger manifest (sent by the page with its progress), finds the passenger written in Latin, reads the
/// explanation and decides; the notice's owner sees who screened and why.
#[tokio::test]
async fn a_manifest_is_screened_in_the_browser_and_the_owner_sees_the_hit() {
    let Some(driver) = chromedriver() else { return };
    let e = engines().await.remove(0);
    let s = TestServer::start(&e).await;
    let ru = s.org("НЦБ Интерпола МВД России", "RU", false).await;
    let uz = s.org("NCB Tashkent", "UZ", false).await;
    s.user(&ru, "ru.ncb", &["liaison_officer"]).await;
    s.user(&uz, "uz.border", &["liaison_officer"]).await;
    let b = connect(&driver).await;

    login(&b, &s.base, "ru.ncb").await;
    click(&b, "header nav a[href='/notices']").await;
    on(&b, "/notices").await;
    click(&b, "#notice-new").await;
    on(&b, "/notices/new").await;
    select(&b, "#n-kind", "red").await;
    fill(&b, "#n-title", "Мошенничество в особо крупном размере").await;
    fill(&b, "#n-forename-orig", "Сергей").await;
    fill(&b, "#n-name-orig", "Плохов").await;
    fill(&b, "#n-dob", "1975/03/05").await;
    fill(&b, "#n-nat", "RU").await;
    fill(&b, "#n-wc", "RU").await;
    fill(&b, "#n-charge", "ст. 159 ч. 4 УК РФ").await;
    click(&b, "#notice-create").await;
    let label = text(&b, "#notice-label").await;
    assert!(label.contains("Сергей Плохов"), "{label}");
    let notice_url = b.current_url().await.unwrap().to_string();
    // The owner corrects the notice: the form holds what is stored, and a name added becomes searchable.
    click(&b, "#notice-edit").await;
    let stored = find(&b, "#n-name-orig").await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(stored, "Плохов");
    fill(&b, "#n-other", "Sergey Plokhov-Zadunaysky").await;
    click(&b, "#notice-create").await;
    let names = text(&b, "#notice-names").await;
    assert!(names.contains("Sergey Plokhov-Zadunaysky") && names.contains("Сергей Плохов"), "{names}");
    click(&b, "#logout").await;

    login(&b, &s.base, "uz.border").await;
    // Another state's officer sees the notice but may not edit it.
    b.goto(&format!("{notice_url}/edit")).await.unwrap();
    let refused = text(&b, "#error-message").await;
    assert!(!refused.is_empty() && b.find_all(Locator::Css("#notice-form")).await.unwrap().is_empty(), "{refused}");
    click(&b, "header nav a[href='/screening']").await;
    on(&b, "/screening").await;
    fill(
        &b,
        "#s-list",
        "name,birth_date,nationality\nAnna Petrova,1990-01-01,RU\nPLOKHOV SERGEI,1975-03-05,RU\nJohn Smith,,GB",
    )
    .await;
    fill(&b, "#s-lpurpose", "Flight HY 602 passenger manifest").await;
    click(&b, "#screen-list-submit").await;
    // The page streams the progress and then opens the result.
    for _ in 0..100 {
        if b.current_url().await.unwrap().path().starts_with("/screenings/") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let hits = text(&b, "#hits-table").await;
    assert!(hits.contains("PLOKHOV SERGEI") && hits.contains("Сергей Плохов"), "{hits}");
    assert!(hits.contains("плохов") && !hits.contains("Anna Petrova"), "{hits}");
    let summary = text(&b, "#screening-summary").await;
    assert!(summary.contains("Flight HY 602"), "{summary}");
    click(&b, "button.false-positive").await;
    let after = text(&b, "#hits-table").await;
    assert!(after.contains("Not the same") && !after.contains("Same person or object"), "{after}");
    click(&b, "#logout").await;

    login(&b, &s.base, "ru.ncb").await;
    b.goto(&format!("{}/notifications", s.base)).await.unwrap();
    let notes = text(&b, "#notifications").await;
    assert!(notes.contains("NCB Tashkent") && notes.contains("Flight HY 602"), "{notes}");
    b.goto(&notice_url).await.unwrap();
    let seen = text(&b, "#notice-hits").await;
    assert!(seen.contains("NCB Tashkent") && seen.contains("PLOKHOV SERGEI"), "{seen}");
    b.close().await.unwrap();
}

/// A working-group secretary sets up a group of two prosecutor general's offices, adds a task, plans a
/// meeting whose agenda already holds the overdue task, records the protocol with decisions, turns a
/// decision into a task for the other party's member, who finds it under "My tasks" and reports on it.
#[tokio::test]
async fn a_secretary_plans_a_meeting_records_the_protocol_and_the_member_reports_on_the_task() {
    let Some(driver) = chromedriver() else { return };
    let e = engines().await.remove(0);
    let s = TestServer::start(&e).await;
    let ru = s.org("Генеральная прокуратура Российской Федерации", "RU", false).await;
    let uz = s.org("Генеральная прокуратура Республики Узбекистан", "UZ", false).await;
    s.user(&ru, "ru.secretary", &["working_group_secretary"]).await;
    s.user(&uz, "uz.member", &["prosecutor"]).await;
    let today = liaison_domain::date::Date::of_ms(liaison_server::clock::SystemClock.now_ms()).unwrap();
    let b = connect(&driver).await;

    login(&b, &s.base, "ru.secretary").await;
    click(&b, "header nav a[href='/groups']").await;
    on(&b, "/groups").await;
    click(&b, "#group-new").await;
    on(&b, "/groups/new").await;
    fill(&b, "#g-name", "Рабочая группа Генеральных прокуратур России и Узбекистана").await;
    fill(&b, "#g-mandate", "Взаимодействие по уголовным делам о незаконном обороте наркотиков").await;
    b.execute("document.getElementById('g-established').value = '2019-10-01'", vec![]).await.unwrap();
    select(&b, "#g-parties", &uz.id.to_string()).await;
    fill(&b, "#g-members", "uz.member member").await;
    submit(&b, "#group-create").await;
    let name = text(&b, "#group-name").await;
    assert!(name.contains("России и Узбекистана"), "{name}");
    let members = text(&b, "#group-members").await;
    assert!(members.contains("Тест uz.member") && members.contains("Secretary"), "{members}");
    let group_url = b.current_url().await.unwrap().to_string();

    // A task already overdue, then the meeting: its agenda opens with that task.
    fill(&b, "#t-description", "Обменяться сведениями о неисполненных запросах").await;
    let due = today.add_days(-5).unwrap().to_string();
    b.execute(&format!("document.getElementById('t-due').value = '{due}'"), vec![]).await.unwrap();
    submit(&b, "#task-add").await;
    let plan = text(&b, "#group-tasks").await;
    assert!(plan.contains("Обменяться сведениями"), "{plan}");
    fill(&b, "#m-title", "Заседание № 7").await;
    // Yesterday's meeting, recorded today (a protocol is recorded once the meeting has begun).
    let starts = format!("{}T10:00", today.add_days(-1).unwrap());
    b.execute(&format!("document.getElementById('m-starts').value = '{starts}'"), vec![]).await.unwrap();
    fill(&b, "#m-zone", "Asia/Tashkent").await;
    fill(&b, "#m-place", "Ташкент").await;
    submit(&b, "#meeting-plan").await;
    let agenda = text(&b, "#agenda").await;
    assert!(agenda.contains("Overdue task") && agenda.contains("Обменяться сведениями"), "{agenda}");
    let when = text(&b, "#meeting-when").await;
    assert!(when.contains("10:00") && when.contains("Asia/Tashkent"), "{when}");

    // The protocol: attendance, minutes, two decisions numbered in order.
    check(&b, "#protocol-form input[name='present']").await;
    fill(&b, "#pr-minutes", "Обсуждены вопросы повестки дня.").await;
    fill(&b, "#pr-decisions", "Ускорить исполнение запросов\nПровести семинар по контролируемым поставкам").await;
    submit(&b, "#protocol-save").await;
    let decisions = text(&b, "#decisions").await;
    assert!(decisions.contains("2. Провести семинар"), "{decisions}");
    assert_eq!(text(&b, "#meeting-status").await, "Held");
    // Fluent isolates the language's name (U+2068 … U+2069) for mixed-direction text.
    let documents = text(&b, "#protocol-documents").await.replace(['\u{2068}', '\u{2069}'], "");
    assert!(documents.contains("Protocol (PDF)") && documents.contains("with Russian"), "{documents}");

    // Decision 2 becomes the Uzbek member's task.
    b.goto(&group_url).await.unwrap();
    let pick = |id: &str, text: &str| {
        format!(
            "const s = document.getElementById('{id}'); s.value = [...s.options].find(o => o.text.includes('{text}')).value;"
        )
    };
    b.execute(&pick("t-decision", "№ 2"), vec![]).await.unwrap();
    fill(&b, "#t-description", "Подготовить семинар").await;
    select(&b, "#t-party", &uz.id.to_string()).await;
    b.execute(&pick("t-owner", "uz.member"), vec![]).await.unwrap();
    let due = today.add_days(60).unwrap().to_string();
    b.execute(&format!("document.getElementById('t-due').value = '{due}'"), vec![]).await.unwrap();
    submit(&b, "#task-add").await;
    let plan = text(&b, "#group-tasks").await;
    assert!(plan.contains("Подготовить семинар") && plan.contains("№ 2"), "{plan}");
    click(&b, "#logout").await;

    login(&b, &s.base, "uz.member").await;
    b.goto(&format!("{}/tasks/mine", s.base)).await.unwrap();
    let mine = text(&b, "#my-tasks").await;
    assert!(mine.contains("Подготовить семинар"), "{mine}");
    select(&b, "#my-tasks select[name='status']", "in_progress").await;
    fill(&b, "#my-tasks input[name='note']", "Программа согласована").await;
    click(&b, "#my-tasks button").await;
    on(&b, "/tasks/mine").await;
    let after = text(&b, "#my-tasks").await;
    assert!(after.contains("In progress"), "{after}");
    b.close().await.unwrap();
}
