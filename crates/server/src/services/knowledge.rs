//! The knowledge base: legislation extracts, case law, best practice, training material, model forms and
//! guides, published by an organisation for every user or for the states of one network, found by words in
//! any script and filtered by country, instrument, crime type, kind and language.

use super::{Caller, Object, authorize, authorize_object, commit, files, record};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::Outcome;
use liaison_domain::date::Date;
use liaison_domain::knowledge::terms::{query_words, snippet};
use liaison_domain::knowledge::{Access, KnowledgeBody, KnowledgeKind};
use liaison_domain::page::PageRequest;
use liaison_domain::policy::{Action, Target};
use liaison_domain::request::OffenceCategory;
use liaison_domain::validation::{FieldError, Invalid};
use liaison_domain::{CountryCode, OrgId};
use liaison_store::files::{Owner, StoredFile};
use liaison_store::knowledge::{self, KnowledgeRecord, Reader, Search};
use liaison_store::orgs;
use serde_json::json;

/// A query asks for at most this many words.
pub const MAX_QUERY_WORDS: usize = 8;

/// A document as a publisher writes it (the API's body and the form's fields).
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct KnowledgeInput {
    pub title: String,
    /// legislation, case_law, best_practice, training, model_form, guide
    pub kind: String,
    /// ISO 639 code of the text's language.
    pub language: String,
    #[serde(default)]
    pub summary: Option<String>,
    pub text: String,
    /// ISO 3166-1 alpha-2 codes.
    #[serde(default)]
    pub countries: Vec<String>,
    /// Instrument ids of the treaty data (untoc, ets030, minsk1993…).
    #[serde(default)]
    pub instruments: Vec<String>,
    #[serde(default)]
    pub articles: Option<String>,
    /// Offence categories (drug_trafficking, corruption…).
    #[serde(default)]
    pub crime_types: Vec<String>,
    #[serde(default)]
    pub source: Option<String>,
    /// YYYY-MM-DD
    #[serde(default)]
    pub dated: Option<String>,
    /// The network (directory id) the document is restricted to; none: every user.
    #[serde(default)]
    pub network: Option<String>,
}

/// One result: the document, its score and an extract around the first word found.
#[derive(Debug, Clone)]
pub struct Hit {
    pub document: KnowledgeRecord,
    pub score: f64,
    pub snippet: String,
}

#[derive(Debug, Clone)]
pub struct Results {
    pub hits: Vec<Hit>,
    pub total: usize,
}

/// Filters of a search: each given one must hold.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct Filters {
    /// Words to find (all of them), in any script.
    pub q: Option<String>,
    pub kind: Option<String>,
    pub language: Option<String>,
    pub country: Option<String>,
    pub instrument: Option<String>,
    pub crime: Option<String>,
    /// A network (directory id): only documents restricted to it.
    pub network: Option<String>,
    pub limit: Option<i64>,
    pub offset: Option<i64>,
}

fn object(d: &KnowledgeRecord) -> Object {
    Object::new("knowledge_document", d.id, Some(d.org.to_string()))
}

/// Who reads, for the store: their organisation and the networks their state is a member of or takes part in.
async fn reader(st: &AppState, caller: &Caller) -> Result<Reader, AppError> {
    let actor = caller.actor().ok_or(AppError::Unauthenticated)?;
    let country = {
        let mut c = st.store.read().await?;
        orgs::get(&mut c, actor.org).await?.map(|o| o.country)
    };
    let loaded = super::reference::loaded(st).await?;
    let networks = loaded
        .networks
        .iter()
        .filter(|n| country.is_some_and(|c| n.members.contains(&c) || n.participants.contains(&c)))
        .map(|n| n.id.clone())
        .collect();
    Ok(Reader { org: actor.org, networks })
}

/// The networks whose restricted documents the caller reads, as (directory id, name): what a search can be
/// narrowed to.
pub async fn networks_read(st: &AppState, caller: &Caller) -> Result<Vec<(String, String)>, AppError> {
    let ids = reader(st, caller).await?.networks;
    let loaded = super::reference::loaded(st).await?;
    Ok(loaded.networks.iter().filter(|n| ids.contains(&n.id)).map(|n| (n.id.clone(), n.name.clone())).collect())
}

/// Checks an input against the directory and the treaty data, naming every bad field.
async fn body_of(st: &AppState, input: KnowledgeInput) -> Result<KnowledgeBody, AppError> {
    let mut inv = Invalid::default();
    let kind = KnowledgeKind::parse(input.kind.trim());
    if kind.is_none() {
        inv.push(FieldError::new(
            "kind",
            "unknown_value",
            "legislation, case_law, best_practice, training, model_form or guide",
        ));
    }
    let mut countries = Vec::new();
    for (i, c) in input.countries.iter().enumerate() {
        match CountryCode::parse(c.trim()) {
            Ok(code) => countries.push(code),
            Err(mut e) => {
                e.field = format!("countries[{i}]");
                inv.push(e);
            }
        }
    }
    let mut crime_types = Vec::new();
    for (i, c) in input.crime_types.iter().enumerate() {
        match OffenceCategory::parse(c.trim()) {
            Some(k) => crime_types.push(k),
            None => inv.push(FieldError::new(format!("crime_types[{i}]"), "unknown_value", "not a crime type")),
        }
    }
    let loaded = super::reference::loaded(st).await?;
    for (i, id) in input.instruments.iter().enumerate() {
        if loaded.catalogue.get(id.trim()).is_none() {
            inv.push(FieldError::new(
                format!("instruments[{i}]"),
                "unknown_instrument",
                format!("no instrument '{id}'"),
            ));
        }
    }
    let network = input.network.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty());
    if let Some(n) = &network
        && !loaded.networks.iter().any(|x| &x.id == n)
    {
        inv.push(FieldError::new("network", "unknown_network", format!("no network '{n}' in the directory")));
    }
    let dated = input.dated.as_deref().map(str::trim).filter(|d| !d.is_empty()).and_then(|d| {
        inv.check(
            "dated",
            Date::parse(d).map_err(|mut e| {
                e.field = "dated".into();
                e
            }),
        )
    });
    inv.into_result()?;
    let kind = kind.ok_or(AppError::Internal("kind".into()))?;
    Ok(KnowledgeBody {
        title: input.title,
        kind,
        language: input.language,
        summary: input.summary,
        text: input.text,
        countries,
        instruments: input.instruments,
        articles: input.articles,
        crime_types,
        source: input.source,
        dated,
        access: match network {
            Some(network) => Access::Network { network },
            None => Access::All,
        },
    }
    .check()?)
}

pub async fn publish(st: &AppState, caller: &Caller, input: KnowledgeInput) -> Result<KnowledgeRecord, AppError> {
    let actor = caller.actor().ok_or(AppError::Unauthenticated)?.clone();
    authorize(st, caller, Action::KnowledgePublish, Target::Org(actor.org)).await?;
    let body = body_of(st, input).await?;
    let now = st.now();
    let d = KnowledgeRecord {
        id: uuid::Uuid::now_v7(),
        org: actor.org,
        body,
        created_by: Some(actor.user),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let mut tx = st.store.write().await?;
    knowledge::insert(&mut tx, &d).await?;
    let details = json!({"title": d.body.title, "kind": d.body.kind, "network": d.body.network()});
    record(st, &mut tx, caller, "knowledge.publish", &object(&d).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(d)
}

/// The document, if the caller may do `action` on it; one they may not see is "not found".
async fn load(st: &AppState, caller: &Caller, id: uuid::Uuid, action: Action) -> Result<KnowledgeRecord, AppError> {
    let d = {
        let mut c = st.store.read().await?;
        knowledge::get(&mut c, id).await?
    };
    let reader = reader(st, caller).await?;
    let target = match &d {
        Some(d) => Target::Knowledge {
            org: d.org,
            open: d.body.network().is_none_or(|n| reader.networks.iter().any(|x| x == n)),
        },
        None => Target::Knowledge { org: OrgId(uuid::Uuid::nil()), open: false },
    };
    authorize_object(st, caller, action, target, Some(id.to_string())).await?;
    d.ok_or(AppError::NotFound("knowledge document"))
}

pub async fn get(st: &AppState, caller: &Caller, id: uuid::Uuid) -> Result<KnowledgeRecord, AppError> {
    let d = load(st, caller, id, Action::KnowledgeRead).await?;
    if d.body.network().is_some() {
        // Restricted material: who read it is on the record.
        super::record_alone(st, caller, "knowledge.read", &object(&d), Outcome::Success).await;
    }
    Ok(d)
}

pub async fn update(
    st: &AppState,
    caller: &Caller,
    id: uuid::Uuid,
    version: i64,
    input: KnowledgeInput,
) -> Result<KnowledgeRecord, AppError> {
    let old = load(st, caller, id, Action::KnowledgeUpdate).await?;
    if old.version != version {
        return Err(AppError::Stale("knowledge document"));
    }
    let body = body_of(st, input).await?;
    let next = KnowledgeRecord { body, updated_at: st.now(), version: old.version + 1, ..old };
    let mut tx = st.store.write().await?;
    knowledge::update(&mut tx, &next).await?;
    let details = json!({"version": next.version, "network": next.body.network()});
    record(st, &mut tx, caller, "knowledge.update", &object(&next).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(next)
}

pub async fn withdraw(st: &AppState, caller: &Caller, id: uuid::Uuid) -> Result<(), AppError> {
    let d = load(st, caller, id, Action::KnowledgeUpdate).await?;
    let mut tx = st.store.write().await?;
    knowledge::delete(&mut tx, id).await?;
    let gone = liaison_store::files::delete_of_owner(&mut tx, Owner::Knowledge, &id.to_string()).await?;
    let details = json!({"title": d.body.title, "files": gone});
    record(st, &mut tx, caller, "knowledge.withdraw", &object(&d).with(details), Outcome::Success).await?;
    commit(tx).await
}

/// Adds a file (the full text, a model form) to a document the caller's organisation published.
pub async fn attach(st: &AppState, caller: &Caller, id: uuid::Uuid, u: files::Upload) -> Result<StoredFile, AppError> {
    let d = load(st, caller, id, Action::KnowledgeUpdate).await?;
    files::attach(st, caller, Owner::Knowledge, &id.to_string(), u, "knowledge.attach", object(&d)).await
}

/// The files of a document the caller may read.
pub async fn files(st: &AppState, caller: &Caller, id: uuid::Uuid) -> Result<Vec<StoredFile>, AppError> {
    load(st, caller, id, Action::KnowledgeRead).await?;
    files::list(st, Owner::Knowledge, &id.to_string()).await
}

/// One file of a document the caller may read, decrypted and checked; the download is audited.
pub async fn file(
    st: &AppState,
    caller: &Caller,
    id: uuid::Uuid,
    file: &str,
) -> Result<(StoredFile, Vec<u8>), AppError> {
    let d = load(st, caller, id, Action::KnowledgeRead).await?;
    files::download(st, caller, Owner::Knowledge, &id.to_string(), file, "knowledge.file_download", object(&d)).await
}

/// Searches what the caller may read: every word of `q` (inflected forms included), and each filter given.
pub async fn search(st: &AppState, caller: &Caller, f: &Filters) -> Result<Results, AppError> {
    authorize(st, caller, Action::KnowledgeRead, Target::None).await?;
    let page = PageRequest::parse(f.limit, f.offset)?;
    let loaded = super::reference::loaded(st).await?;
    let mut tags = Vec::new();
    let mut inv = Invalid::default();
    let mut tag = |field: &str, prefix: &str, value: &Option<String>, ok: &dyn Fn(&str) -> bool| {
        if let Some(v) = value.as_deref().map(str::trim).filter(|v| !v.is_empty()) {
            if ok(v) {
                tags.push(format!("{prefix}:{v}"));
            } else {
                inv.push(FieldError::new(field, "unknown_value", format!("'{v}' is not a {field}")));
            }
        }
    };
    tag("kind", "kind", &f.kind, &|v| KnowledgeKind::parse(v).is_some());
    tag("language", "lang", &f.language, &liaison_domain::group::meeting::is_language_code);
    tag("country", "country", &f.country, &|v| CountryCode::parse(v).is_ok());
    tag("instrument", "instrument", &f.instrument, &|v| v.len() <= 64);
    tag("crime", "crime", &f.crime, &|v| OffenceCategory::parse(v).is_some());
    tag("network", "network", &f.network, &|v| loaded.networks.iter().any(|n| n.id == v));
    inv.into_result()?;
    let words = query_words(f.q.as_deref().unwrap_or_default(), MAX_QUERY_WORDS);
    let reader = reader(st, caller).await?;
    let search = Search {
        words: words.clone(),
        tags,
        limit: page.limit as usize,
        offset: usize::try_from(page.offset).unwrap_or(usize::MAX),
    };
    let found = {
        let mut c = st.store.read().await?;
        knowledge::search(&mut c, st.store.postings(), &reader, &search).await?
    };
    let hits = found
        .items
        .into_iter()
        .map(|(document, score)| {
            let snippet = snippet(&document.body.text, &words, 240);
            Hit { document, score, snippet }
        })
        .collect();
    Ok(Results { hits, total: found.total })
}
