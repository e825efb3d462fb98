//! Storage tests of the knowledge base, on every engine: documents found by inflected words in Cyrillic,
//! Arabic and Latin, ranked, filtered by tags; restricted documents seen by their network only; edits
//! re-index; a stale edit changes nothing.

use crate::knowledge::{self, KnowledgeRecord, PostingCache, Reader, Search};
use crate::testing::engines;
use crate::tests::org;
use crate::{StoreError, orgs};
use liaison_domain::CountryCode;
use liaison_domain::knowledge::terms::query_words;
use liaison_domain::knowledge::{Access, KnowledgeBody, KnowledgeKind};
use liaison_domain::request::OffenceCategory;
use uuid::Uuid;

fn doc(
    org: liaison_domain::OrgId,
    title: &str,
    lang: &str,
    text: &str,
    country: &str,
    access: Access,
) -> KnowledgeRecord {
    KnowledgeRecord {
        id: Uuid::now_v7(),
        org,
        body: KnowledgeBody {
            title: title.into(),
            kind: KnowledgeKind::Legislation,
            language: lang.into(),
            summary: None,
            text: text.into(),
            countries: vec![CountryCode::parse(country).unwrap()],
            instruments: vec!["untoc".into()],
            articles: None,
            crime_types: vec![OffenceCategory::DrugTrafficking],
            source: None,
            dated: None,
            access,
        }
        .check()
        .unwrap(),
        created_by: None,
        created_at: 1,
        updated_at: 1,
        version: 1,
    }
}

fn search(words: &str, tags: &[&str]) -> Search {
    Search { words: query_words(words, 8), tags: tags.iter().map(|t| t.to_string()).collect(), limit: 10, offset: 0 }
}

fn titles(found: &knowledge::Found) -> Vec<String> {
    found.items.iter().map(|(d, _)| d.body.title.clone()).collect()
}

#[tokio::test]
async fn documents_are_found_by_inflected_words_in_their_script_and_seen_by_their_network_only() {
    for (engine, store) in engines().await {
        let ru = org("Генеральная прокуратура Российской Федерации", "RU");
        let iq = org("مجلس القضاء الأعلى", "IQ");
        let mut tx = store.write().await.unwrap();
        for o in [&ru, &iq] {
            orgs::insert(&mut tx, o).await.unwrap();
        }
        let law = doc(
            ru.id,
            "Уголовно-процессуальный кодекс: выдача",
            "ru",
            "Выдача лица производится на основании международного договора. Конвенции о правовой помощи применяются.",
            "RU",
            Access::All,
        );
        let guide = doc(
            ru.id,
            "Методические рекомендации CASC",
            "ru",
            "Запросы о правовой помощи направляются центральному органу. Правовая помощь по конвенции.",
            "KZ",
            Access::Network { network: "casc".into() },
        );
        let arabic =
            doc(iq.id, "قانون أصول المحاكمات الجزائية", "ar", "تنص الاتفاقية على تسليم المجرمين.", "IQ", Access::All);
        let english = doc(
            iq.id,
            "Guide to mutual legal assistance",
            "en",
            "Requests are executed by the prosecutor.",
            "IQ",
            Access::All,
        );
        for d in [&law, &guide, &arabic, &english] {
            knowledge::insert(&mut tx, d).await.unwrap();
        }
        tx.commit().await.unwrap();

        let mut c = store.read().await.unwrap();
        let outsider = Reader { org: iq.id, networks: vec![] };
        let member = Reader { org: iq.id, networks: vec!["casc".into()] };
        // Inflected Russian finds both; the restricted one only for the network's states.
        let found = knowledge::search(&mut c, store.postings(), &member, &search("правовая помощь конвенция", &[]))
            .await
            .unwrap();
        assert_eq!(found.total, 2, "{engine}: {:?}", titles(&found));
        let found =
            knowledge::search(&mut c, store.postings(), &outsider, &search("правовая помощь", &[])).await.unwrap();
        assert_eq!(titles(&found), vec![law.body.title.clone()], "{engine}");
        // The publisher sees its restricted document without belonging to the network.
        let publisher = Reader { org: ru.id, networks: vec![] };
        let found = knowledge::search(&mut c, store.postings(), &publisher, &search("запросы", &[])).await.unwrap();
        assert_eq!(titles(&found), vec![guide.body.title.clone()], "{engine}");
        // Arabic: the plural finds the singular; vowel marks do not matter.
        let found =
            knowledge::search(&mut c, store.postings(), &outsider, &search("الاتفاقيات تَسليم", &[])).await.unwrap();
        assert_eq!(titles(&found), vec![arabic.body.title.clone()], "{engine}");
        let found =
            knowledge::search(&mut c, store.postings(), &outsider, &search("request executing", &[])).await.unwrap();
        assert_eq!(titles(&found), vec![english.body.title.clone()], "{engine}");
        // Every word must be found; tags filter.
        let found =
            knowledge::search(&mut c, store.postings(), &member, &search("выдача конфискация", &[])).await.unwrap();
        assert_eq!(found.total, 0, "{engine}");
        let found =
            knowledge::search(&mut c, store.postings(), &member, &search("помощь", &["country:KZ"])).await.unwrap();
        assert_eq!(titles(&found), vec![guide.body.title.clone()], "{engine}");
        // Ranking: the guide says "правовая помощь" twice in a short text, the code once in a longer one.
        let found = knowledge::search(&mut c, store.postings(), &member, &search("помощь", &[])).await.unwrap();
        assert_eq!(titles(&found).first(), Some(&guide.body.title), "{engine}");
        // Browsing without words: newest first, access and tags applied.
        let found = knowledge::search(&mut c, store.postings(), &outsider, &search("", &["crime:drug_trafficking"]))
            .await
            .unwrap();
        assert_eq!(found.total, 3, "{engine}");
        drop(c);

        // An edit re-indexes; a stale one is refused and changes nothing.
        let mut edited = law.clone();
        edited.body.text = "Конфискация имущества.".into();
        edited.version = 2;
        let mut tx = store.write().await.unwrap();
        knowledge::update(&mut tx, &edited).await.unwrap();
        assert!(matches!(knowledge::update(&mut tx, &edited).await, Err(StoreError::Stale(_))));
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();
        let found = knowledge::search(&mut c, store.postings(), &outsider, &search("конфискации", &[])).await.unwrap();
        assert_eq!(titles(&found), vec![law.body.title.clone()], "{engine}");
        let found = knowledge::search(&mut c, store.postings(), &outsider, &search("договор", &[])).await.unwrap();
        assert_eq!(found.total, 0, "{engine}: the old text is gone from the index");
        drop(c);
        let mut tx = store.write().await.unwrap();
        assert!(knowledge::delete(&mut tx, arabic.id).await.unwrap());
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();
        let found = knowledge::search(&mut c, store.postings(), &outsider, &search("تسليم", &[])).await.unwrap();
        assert_eq!(found.total, 0, "{engine}");
    }
}

/// The counts a search reads for each word's rarity follow inserts, edits and deletes.
async fn docs_of(c: &mut sqlx::AnyConnection, term: &str) -> i64 {
    sqlx::query_scalar("SELECT docs FROM knowledge_terms WHERE term = $1")
        .bind(term.to_owned())
        .fetch_optional(c)
        .await
        .unwrap()
        .unwrap_or(0)
}

#[tokio::test]
async fn results_are_exact_and_follow_edits_made_elsewhere_whatever_memory_holds() {
    for (engine, store) in engines().await {
        let ru = org("Генеральная прокуратура Российской Федерации", "RU");
        let mut tx = store.write().await.unwrap();
        orgs::insert(&mut tx, &ru).await.unwrap();
        // Twelve documents say "выдача"; the more often in its short text, the better it ranks. One of
        // them, the weakest, is the only one about Kazakhstan.
        let mut docs = Vec::new();
        for i in 0..12 {
            let text = format!("{} запрос", "выдача ".repeat(12 - i));
            let country = if i == 11 { "KZ" } else { "RU" };
            let d = doc(ru.id, &format!("Документ {i}"), "ru", &text, country, Access::All);
            knowledge::insert(&mut tx, &d).await.unwrap();
            docs.push(d);
        }
        tx.commit().await.unwrap();

        let mut c = store.read().await.unwrap();
        assert_eq!(docs_of(&mut c, "").await, 12, "{engine}");
        assert_eq!(docs_of(&mut c, "выдач~").await, 12, "{engine}");
        assert_eq!(docs_of(&mut c, "#country:KZ").await, 1, "{engine}");
        let reader = Reader { org: ru.id, networks: vec![] };
        // A cache with room for one short list only, and one with room for all: the same results, exact.
        let tight = PostingCache::new(200);
        for cache in [store.postings(), &tight] {
            let found = knowledge::search(&mut c, cache, &reader, &search("выдачи", &[])).await.unwrap();
            assert_eq!(found.total, 12, "{engine}");
            assert_eq!(titles(&found)[..3], ["Документ 0", "Документ 1", "Документ 2"], "{engine}");
            let paged = Search { offset: 10, ..search("выдачи запрос", &[]) };
            let found = knowledge::search(&mut c, cache, &reader, &paged).await.unwrap();
            assert_eq!((found.total, titles(&found)), (12, vec!["Документ 10".to_owned(), "Документ 11".to_owned()]));
            let found = knowledge::search(&mut c, cache, &reader, &search("выдачи", &["country:KZ"])).await.unwrap();
            assert_eq!(titles(&found), vec!["Документ 11".to_owned()], "{engine}");
        }
        drop(c);

        // A document closed to a network while the outsider's lists are in memory is gone from their
        // results at once, in the items and in the count; opened again, it is back.
        let outsider = Reader { org: crate::tests::org("Ministère de la Justice", "FR").id, networks: vec![] };
        let mut c = store.read().await.unwrap();
        let before = knowledge::search(&mut c, store.postings(), &outsider, &search("выдачи", &[])).await.unwrap();
        assert_eq!(before.total, 12, "{engine}");
        drop(c);
        let mut closed = docs[0].clone();
        closed.body.access = Access::Network { network: "casc".into() };
        closed.version = 2;
        let mut tx = store.write().await.unwrap();
        knowledge::update(&mut tx, &closed).await.unwrap();
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();
        let after = knowledge::search(&mut c, store.postings(), &outsider, &search("выдачи", &[])).await.unwrap();
        assert_eq!(after.total, 11, "{engine}");
        assert!(!titles(&after).contains(&"Документ 0".to_owned()), "{engine}");
        // Lists read just before the change (a search racing the writer) still hand out nothing closed:
        // what is handed out is checked on what is stored.
        let version: i64 = sqlx::query_scalar("SELECT version FROM knowledge_terms WHERE term = '#open'")
            .fetch_one(&mut *c)
            .await
            .unwrap();
        let raced = PostingCache::new(1 << 20);
        raced.put("#open", version, docs.iter().map(|d| (d.id.as_u128(), 0)).collect());
        let found = knowledge::search(&mut c, &raced, &outsider, &search("выдачи", &[])).await.unwrap();
        assert!(!titles(&found).contains(&"Документ 0".to_owned()), "{engine}");
        let member = Reader { org: outsider.org, networks: vec!["casc".into()] };
        let found = knowledge::search(&mut c, store.postings(), &member, &search("выдачи", &[])).await.unwrap();
        assert_eq!((found.total, titles(&found)[0].as_str()), (12, "Документ 0"), "{engine}");
        drop(c);
        let mut reopened = closed.clone();
        reopened.body.access = Access::All;
        reopened.version = 3;
        let mut tx = store.write().await.unwrap();
        knowledge::update(&mut tx, &reopened).await.unwrap();
        tx.commit().await.unwrap();
        docs[0] = reopened;
        let mut c = store.read().await.unwrap();
        let found = knowledge::search(&mut c, store.postings(), &outsider, &search("выдачи", &[])).await.unwrap();
        assert_eq!(found.total, 12, "{engine}");
        drop(c);

        // Another process edits (writes never touch this process's lists): the next search sees the edit.
        let mut moved = docs[11].clone();
        moved.body.countries = vec![CountryCode::parse("RU").unwrap()];
        moved.body.text = "запрос".into();
        moved.version = 2;
        let mut tx = store.write().await.unwrap();
        knowledge::update(&mut tx, &moved).await.unwrap();
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();
        let found =
            knowledge::search(&mut c, store.postings(), &reader, &search("выдачи", &["country:KZ"])).await.unwrap();
        assert_eq!(found.total, 0, "{engine}");
        let found = knowledge::search(&mut c, store.postings(), &reader, &search("выдачи", &[])).await.unwrap();
        assert_eq!(found.total, 11, "{engine}");
        drop(c);
        docs[11] = moved;

        // An edit that drops the word, and a delete, take it out of the counts.
        let mut edited = docs[0].clone();
        edited.body.text = "Конфискация".into();
        edited.version = 4;
        let mut tx = store.write().await.unwrap();
        knowledge::update(&mut tx, &edited).await.unwrap();
        assert!(knowledge::delete(&mut tx, docs[1].id).await.unwrap());
        assert!(!knowledge::delete(&mut tx, docs[1].id).await.unwrap());
        tx.commit().await.unwrap();
        let mut c = store.read().await.unwrap();
        assert_eq!(docs_of(&mut c, "").await, 11, "{engine}");
        assert_eq!(docs_of(&mut c, "выдач~").await, 9, "{engine}");
        let found = knowledge::search(&mut c, store.postings(), &reader, &search("выдачи", &[])).await.unwrap();
        assert_eq!(found.total, 9, "{engine}");
        assert!(!titles(&found).contains(&"Документ 0".to_owned()), "{engine}");
        assert_eq!(docs_of(&mut c, "конфискац~").await, 1, "{engine}");
    }
}
