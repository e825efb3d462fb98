//! Storage tests, each run against every engine (SQLite always, PostgreSQL in the test command).

use crate::testing::engines;
use crate::{StoreError, audit, orgs, sessions, tokens, users};
use liaison_domain::audit::{NewAuditEvent, Outcome};
use liaison_domain::policy::{OrgScope, Scope};
use liaison_domain::text::{DisplayName, OrgName, Username};
use liaison_domain::{CountryCode, OrgId, Role, RoleSet, TokenId, UserId};
use uuid::Uuid;

pub(crate) fn org(name: &str, country: &str) -> orgs::Organisation {
    orgs::Organisation {
        id: OrgId(Uuid::now_v7()),
        name: OrgName::parse(name).unwrap(),
        country: CountryCode::parse(country).unwrap(),
        kind: "prosecutor".into(),
        is_operator: false,
        require_totp: false,
        created_at: 1,
        updated_at: 1,
    }
}

pub(crate) fn user(org: OrgId, name: &str) -> users::User {
    users::User {
        id: UserId(Uuid::now_v7()),
        org_id: org,
        username: Username::parse(name).unwrap(),
        display_name: DisplayName::parse("Сергей Плохов").unwrap(),
        email: None,
        roles: RoleSet::of([Role::Prosecutor]),
        password_hash: "$argon2id$stub".into(),
        password_changed_at: 1,
        must_change_password: false,
        locale: "ru".into(),
        disabled: false,
        totp_secret: None,
        totp_pending_secret: None,
        totp_last_step: 0,
        failed_logins: 0,
        locked_until: 0,
        last_login_at: None,
        created_at: 1,
        updated_at: 1,
    }
}

fn event(i: usize, org: Option<OrgId>) -> NewAuditEvent {
    NewAuditEvent {
        id: Uuid::now_v7().to_string(),
        at_ms: 1_000 + i as i64,
        actor_user: None,
        actor_label: format!("actor{i}"),
        actor_org: org.map(|o| o.to_string()),
        action: if i.is_multiple_of(2) { "user.create".into() } else { "auth.login".into() },
        object_kind: None,
        object_id: Some(format!("obj{i}")),
        object_org: None,
        client: Some("127.0.0.1".into()),
        outcome: if i.is_multiple_of(3) { Outcome::Failure } else { Outcome::Success },
        details: "{}".into(),
    }
}

#[tokio::test]
async fn organisations_and_users_round_trip_in_their_own_script() {
    for (engine, store) in engines().await {
        let mut tx = store.write().await.unwrap();
        let a = org("Генеральная прокуратура Российской Федерации", "RU");
        orgs::insert(&mut tx, &a).await.unwrap_or_else(|e| panic!("{engine}: {e}"));
        let u = user(a.id, "plokhov");
        users::insert(&mut tx, &u).await.unwrap();
        tx.commit().await.unwrap();

        let mut c = store.read().await.unwrap();
        assert_eq!(orgs::get(&mut c, a.id).await.unwrap(), Some(a.clone()), "{engine}");
        assert_eq!(users::get(&mut c, u.id).await.unwrap(), Some(u.clone()), "{engine}");
        assert_eq!(users::get_by_username(&mut c, "PLOKHOV").await.unwrap().map(|x| x.id), Some(u.id));
        let (list, total) = users::list(&mut c, OrgScope::Only(a.id), Some("плох"), 10, 0).await.unwrap();
        assert_eq!((list.len(), total), (1, 1), "{engine}: search in Cyrillic display names");
    }
}

#[tokio::test]
async fn duplicates_and_dangling_references_are_refused_and_change_nothing() {
    for (engine, store) in engines().await {
        let a = org("Prosecutor General's Office", "UZ");
        let mut tx = store.write().await.unwrap();
        orgs::insert(&mut tx, &a).await.unwrap();
        users::insert(&mut tx, &user(a.id, "karimov")).await.unwrap();
        tx.commit().await.unwrap();

        let mut tx = store.write().await.unwrap();
        let dup = users::insert(&mut tx, &user(a.id, "karimov")).await;
        assert!(matches!(dup, Err(StoreError::Conflict(_))), "{engine}: {dup:?}");
        drop(tx);

        let mut tx = store.write().await.unwrap();
        let mut same_name = org("Prosecutor General's Office", "UZ");
        same_name.id = OrgId(Uuid::now_v7());
        assert!(matches!(orgs::insert(&mut tx, &same_name).await, Err(StoreError::Conflict(_))), "{engine}");
        drop(tx);

        let mut tx = store.write().await.unwrap();
        let orphan = users::insert(&mut tx, &user(OrgId(Uuid::now_v7()), "orphan")).await;
        assert!(orphan.is_err(), "{engine}: a user of an unknown organisation must be refused");
        drop(tx);

        let mut c = store.read().await.unwrap();
        assert_eq!(crate::count(&mut c, "users").await.unwrap(), 1, "{engine}");
        assert_eq!(crate::count(&mut c, "organisations").await.unwrap(), 1, "{engine}");
    }
}

#[tokio::test]
async fn concurrent_audit_appends_form_one_intact_chain() {
    for (engine, store) in engines().await {
        let mut handles = Vec::new();
        for i in 0..40 {
            let store = store.clone();
            handles.push(tokio::spawn(async move {
                let mut tx = store.write().await.unwrap();
                audit::append(&mut tx, &event(i, None)).await.unwrap();
                tx.commit().await.unwrap();
            }));
        }
        for h in handles {
            h.await.unwrap();
        }
        let mut c = store.read().await.unwrap();
        match audit::verify(&mut c).await.unwrap() {
            audit::Verification::Intact { events, .. } => assert_eq!(events, 40, "{engine}"),
            other => panic!("{engine}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn tampering_with_the_audit_trail_is_detected_and_located() {
    for (engine, store) in engines().await {
        let mut tx = store.write().await.unwrap();
        for i in 0..6 {
            audit::append(&mut tx, &event(i, None)).await.unwrap();
        }
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();

        sqlx::query("UPDATE audit_events SET actor_label = 'someone-else' WHERE seq = 3")
            .execute(&mut *c)
            .await
            .unwrap();
        let v = audit::verify(&mut c).await.unwrap();
        assert!(
            matches!(&v, audit::Verification::Broken(liaison_domain::audit::ChainError::Altered { seq: 3, .. })),
            "{engine}: {v:?}"
        );

        sqlx::query("UPDATE audit_events SET actor_label = 'actor2' WHERE seq = 3").execute(&mut *c).await.unwrap();
        assert!(
            matches!(audit::verify(&mut c).await.unwrap(), audit::Verification::Intact { events: 6, .. }),
            "{engine}"
        );

        sqlx::query("DELETE FROM audit_events WHERE seq = 6").execute(&mut *c).await.unwrap();
        let v = audit::verify(&mut c).await.unwrap();
        assert!(
            matches!(&v, audit::Verification::Broken(liaison_domain::audit::ChainError::Head { last_seq: 5, .. })),
            "{engine}: {v:?}"
        );

        sqlx::query("DELETE FROM audit_events WHERE seq = 2").execute(&mut *c).await.unwrap();
        let v = audit::verify(&mut c).await.unwrap();
        assert!(
            matches!(&v, audit::Verification::Broken(liaison_domain::audit::ChainError::Gap { seq: 3, .. })),
            "{engine}: {v:?}"
        );
    }
}

#[tokio::test]
async fn audit_lists_are_scoped_and_filtered() {
    for (engine, store) in engines().await {
        let (a, b) = (OrgId(Uuid::now_v7()), OrgId(Uuid::now_v7()));
        let mut tx = store.write().await.unwrap();
        for i in 0..10 {
            audit::append(&mut tx, &event(i, Some(if i < 4 { a } else { b }))).await.unwrap();
        }
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();
        let f = audit::AuditFilter::default();
        let (items, total) = audit::list(&mut c, OrgScope::Only(a), &f, false, 2, 0).await.unwrap();
        assert_eq!((items.len(), total), (2, 4), "{engine}");
        assert!(items[0].seq > items[1].seq, "{engine}: newest first");
        let f =
            audit::AuditFilter { action: Some("user.".into()), outcome: Some(Outcome::Failure), ..Default::default() };
        let (items, total) = audit::list(&mut c, OrgScope::All, &f, true, 50, 0).await.unwrap();
        assert_eq!(total, 2, "{engine}: i in {{0, 6}}");
        assert!(items.iter().all(|e| e.event.action == "user.create" && e.event.outcome == Outcome::Failure));
    }
}

#[tokio::test]
async fn sessions_and_tokens_can_be_revoked() {
    for (engine, store) in engines().await {
        let a = org("Ministry of Justice", "AZ");
        let u = user(a.id, "aliyev");
        let mut tx = store.write().await.unwrap();
        orgs::insert(&mut tx, &a).await.unwrap();
        users::insert(&mut tx, &u).await.unwrap();
        for n in 0..3 {
            let s = sessions::Session {
                id_hash: format!("h{n}"),
                user_id: u.id,
                stage: sessions::Stage::Full,
                csrf_token: "c".into(),
                created_at: 10,
                last_seen_at: 10,
                client: None,
                user_agent: None,
                revoked_at: None,
            };
            sessions::insert(&mut tx, &s).await.unwrap();
        }
        let t = tokens::ApiToken {
            id: TokenId(Uuid::now_v7()),
            user_id: u.id,
            name: "exporter".into(),
            prefix: "lsn_abcd".into(),
            secret_hash: "deadbeef".into(),
            scopes: vec![Scope::Read, Scope::Audit],
            created_at: 10,
            expires_at: 1000,
            last_used_at: None,
            revoked_at: None,
        };
        tokens::insert(&mut tx, &t).await.unwrap();
        tx.commit().await.unwrap();

        let mut c = store.read().await.unwrap();
        assert_eq!(tokens::get_by_secret_hash(&mut c, "deadbeef").await.unwrap(), Some(t.clone()), "{engine}");
        let (page, total) = sessions::list_live_for_user(&mut c, u.id, 0, 2, 0).await.unwrap();
        assert_eq!((page.len(), total), (2, 3), "{engine}: paged");
        assert_eq!(sessions::revoke_others(&mut c, u.id, "h0", 19).await.unwrap(), 2, "{engine}");
        assert_eq!(sessions::revoke_all_for_user(&mut c, u.id, 20).await.unwrap(), 1, "{engine}");
        assert_eq!(sessions::list_live_for_user(&mut c, u.id, 0, 10, 0).await.unwrap().1, 0);
        assert!(tokens::revoke(&mut c, t.id, 20).await.unwrap());
        assert!(!tokens::revoke(&mut c, t.id, 21).await.unwrap(), "{engine}: revoking twice changes nothing");
        assert_eq!(tokens::get(&mut c, t.id).await.unwrap().unwrap().revoked_at, Some(20));
        assert_eq!(sessions::purge(&mut c, 15).await.unwrap(), 3, "{engine}: ended sessions are purged");
        assert_eq!(crate::count(&mut c, "sessions").await.unwrap(), 0);
    }
}

#[tokio::test]
async fn reference_records_are_written_once_and_kept_unless_overwritten() {
    use crate::reference::{self, Record, Written};
    for (engine, store) in engines().await {
        let r = Record {
            kind: "authority".into(),
            id: "uz-gpo".into(),
            country: Some("UZ".into()),
            body: r#"{"name":"Oʻzbekiston Respublikasi Bosh prokuraturasi"}"#.into(),
            confirmed_on: Some("2026-01-01".into()),
            origin: "shipped".into(),
            provenance: "data/authorities.json".into(),
            updated_at: 1,
            updated_by: None,
        };
        let mut tx = store.write().await.unwrap();
        assert_eq!(reference::put(&mut tx, &r, false).await.unwrap(), Written::Inserted, "{engine}");
        assert_eq!(reference::put(&mut tx, &r, true).await.unwrap(), Written::Unchanged, "{engine}");
        let edited = Record { body: r#"{"name":"changed"}"#.into(), origin: "edit".into(), ..r.clone() };
        assert_eq!(reference::put(&mut tx, &edited, false).await.unwrap(), Written::Kept, "{engine}");
        assert_eq!(reference::put(&mut tx, &edited, true).await.unwrap(), Written::Updated, "{engine}");
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();
        let got = reference::get(&mut c, "authority", "uz-gpo").await.unwrap().unwrap();
        assert_eq!((got.body.as_str(), got.origin.as_str()), (r#"{"name":"changed"}"#, "edit"));
        assert_eq!(reference::list(&mut c, "authority").await.unwrap().len(), 1);
    }
}

#[tokio::test]
async fn like_searches_take_underscores_and_percents_literally() {
    for (engine, store) in engines().await {
        let a = org("Office_Under", "RU");
        let mut tx = store.write().await.unwrap();
        orgs::insert(&mut tx, &a).await.unwrap();
        for name in ["snake_case", "snakeXcase", "hundred%"] {
            users::insert(&mut tx, &user(a.id, &name.replace('%', "pct"))).await.unwrap();
        }
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();
        let (found, _) = users::list(&mut c, OrgScope::Only(a.id), Some("snake_c"), 10, 0).await.unwrap();
        let names: Vec<&str> = found.iter().map(|u| u.username.as_str()).collect();
        assert_eq!(names, ["snake_case"], "{engine}: '_' is a character, not a wildcard");
    }
}
