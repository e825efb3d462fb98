//! Demonstration data: an operating secretariat and authorities of several states from the source
//! material, with one user per role. Only written into an empty database.

use anyhow::Result;
use liaison_domain::page::PageRequest;
use liaison_server::services::{Caller, orgs, users};
use liaison_server::state::AppState;

pub const DEMO_PASSWORD: &str = "Cooperation-Demo-2026";

struct DemoOrg {
    key: &'static str,
    name: &'static str,
    country: &'static str,
    kind: &'static str,
    operator: bool,
}

const ORGS: [DemoOrg; 6] = [
    DemoOrg { key: "op", name: "Liaison Secretariat", country: "AT", kind: "operator", operator: true },
    DemoOrg {
        key: "ru",
        name: "Генеральная прокуратура Российской Федерации",
        country: "RU",
        kind: "prosecutor",
        operator: false,
    },
    DemoOrg {
        key: "uz",
        name: "Oʻzbekiston Respublikasi Bosh prokuraturasi",
        country: "UZ",
        kind: "prosecutor",
        operator: false,
    },
    DemoOrg {
        key: "mn",
        name: "Монгол Улсын Ерөнхий прокурорын газар",
        country: "MN",
        kind: "prosecutor",
        operator: false,
    },
    DemoOrg {
        key: "iq", name: "رئاسة الادعاء العام", country: "IQ", kind: "prosecutor", operator: false
    },
    DemoOrg {
        key: "am",
        name: "Հայաստանի Հանրապետության գլխավոր դատախազություն",
        country: "AM",
        kind: "prosecutor",
        operator: false,
    },
];

/// (organisation key, user name, display name, role, interface language)
const USERS: [(&str, &str, &str, &str, &str); 14] = [
    ("op", "admin", "Platform Administrator", "administrator", "en"),
    ("op", "auditor", "Clara Weiss", "auditor", "en"),
    ("op", "steward", "Nodira Yusupova", "data_steward", "ru"),
    ("ru", "ru.admin", "Ирина Волкова", "administrator", "ru"),
    ("ru", "ru.officer", "Анна Смирнова", "central_authority_officer", "ru"),
    ("ru", "ru.prosecutor", "Дмитрий Орлов", "prosecutor", "ru"),
    ("ru", "ru.observer", "Павел Зайцев", "observer", "ru"),
    ("ru", "ru.ncb", "Олег Кравец", "liaison_officer", "ru"),
    ("uz", "uz.liaison", "Dilshod Karimov", "liaison_officer", "ru"),
    ("uz", "uz.officer", "Malika Tursunova", "central_authority_officer", "ru"),
    ("uz", "uz.secretary", "Jasur Rahimov", "working_group_secretary", "ru"),
    ("am", "am.officer", "Անի Սարգսյան", "central_authority_officer", "en"),
    ("mn", "mn.secretary", "Батбаяр Дорж", "working_group_secretary", "ru"),
    ("iq", "iq.analyst", "علي حسن", "analyst", "ar"),
];

pub async fn seed_if_empty(st: &AppState) -> Result<()> {
    let existing = orgs::list(st, &Caller::Cli, None, PageRequest { limit: 1, offset: 0 }).await?;
    if existing.total > 0 {
        return Ok(());
    }
    let mut ids = Vec::new();
    for o in &ORGS {
        let input = orgs::NewOrg {
            name: o.name.into(),
            country: o.country.into(),
            kind: o.kind.into(),
            require_totp: false,
            is_operator: o.operator,
        };
        let created = orgs::create(st, &Caller::Cli, input).await?;
        ids.push((o.key, created.id));
    }
    for (org, username, display, role, locale) in USERS {
        let Some((_, org_id)) = ids.iter().find(|(k, _)| *k == org) else { continue };
        let input = users::NewUser {
            org_id: *org_id,
            username: username.into(),
            display_name: display.into(),
            email: None,
            roles: vec![role.into()],
            password: DEMO_PASSWORD.into(),
            locale: Some(locale.into()),
        };
        users::create(st, &Caller::Cli, input).await?;
    }
    // These prosecutor's offices use this installation: requests to them arrive in their registries.
    for (key, authority) in [("ru", "ru-gpo"), ("uz", "uz-gpo"), ("am", "am-gpo")] {
        if let Some((_, id)) = ids.iter().find(|(k, _)| *k == key) {
            let org = orgs::get(st, &Caller::Cli, *id).await?;
            crate::demo_requests::link(st, authority, &org).await?;
        }
    }
    crate::demo_requests::seed(st).await?;
    crate::demo_notices::seed(st).await?;
    crate::demo_knowledge::seed(st).await?;
    crate::demo_groups::seed(st).await?;
    Ok(())
}

pub fn print_logins(url: &str) {
    println!();
    println!("Demo data is loaded. Open {url} and log in with one of these (password: {DEMO_PASSWORD}):");
    for (org, username, display, role, _) in USERS {
        let country = ORGS.iter().find(|o| o.key == org).map(|o| o.country).unwrap_or("");
        println!("  {username:<14} {role:<26} {country}  {display}");
    }
    println!("Administrators must enrol a second factor (TOTP, QR code) at their first login.");
    println!();
}
