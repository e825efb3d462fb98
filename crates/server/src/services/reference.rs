//! Reference data in the database: importing checked files (at start from the data shipped in the
//! binary, or `liaison import reference DIR`), the directory of authorities and networks with search and
//! edits by data stewards, and the legal-basis finder over the instruments stored.

use super::{Caller, Object, authorize, commit, record};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::Outcome;
use liaison_domain::date::Date;
use liaison_domain::directory::{self, Authority, Network};
use liaison_domain::legal_basis::import::{ImportError, catalogue};
use liaison_domain::legal_basis::{Answer, Catalogue, CooperationType, Query, resolve};
use liaison_domain::page::{Page, PageRequest};
use liaison_domain::policy::{Action, Target};
use liaison_domain::{CountryCode, FieldError, Invalid};
use liaison_store::reference::{self, Record, Written};
use serde_json::json;
use std::collections::BTreeMap;

/// A set of reference files as (name, contents).
#[derive(Default)]
pub struct ReferenceFiles {
    pub instruments: Vec<(String, String)>,
    pub provisions: Option<(String, String)>,
    pub authorities: Option<(String, String)>,
    pub networks: Option<(String, String)>,
}

impl ReferenceFiles {
    /// The files shipped inside the binary.
    pub fn shipped() -> Self {
        use liaison_domain::reference::*;
        let own = |(a, b): (&str, &str)| (a.to_string(), b.to_string());
        ReferenceFiles {
            instruments: INSTRUMENT_FILES.iter().map(|f| own(*f)).collect(),
            provisions: Some(own(PROVISIONS_FILE)),
            authorities: Some(own(AUTHORITIES_FILE)),
            networks: Some(own(NETWORKS_FILE)),
        }
    }
}

#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub kept: usize,
}

/// The import failed: every problem, with file, record and reason. Nothing was written.
#[derive(Debug)]
pub struct ImportFailed(pub Vec<ImportError>);

fn instrument_id(text: &str) -> Option<String> {
    serde_json::from_str::<serde_json::Value>(text).ok()?.get("id")?.as_str().map(str::to_string)
}

/// Checks every file, then writes all records in one transaction. With `overwrite`, existing records are
/// replaced (an explicit import); without, only missing ones are added (start-up), so edits survive.
pub async fn import(
    st: &AppState,
    caller: &Caller,
    files: &ReferenceFiles,
    overwrite: bool,
    origin: &str,
) -> Result<Result<ImportSummary, ImportFailed>, AppError> {
    authorize(st, caller, Action::ReferenceImport, Target::None).await?;
    let inst: Vec<(&str, &str)> = files.instruments.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let prov = files.provisions.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
    let mut errors = Vec::new();
    if let Err(mut e) = catalogue(&inst, prov) {
        errors.append(&mut e);
    }
    let dir = match (&files.networks, &files.authorities) {
        (Some(n), Some(a)) => match directory::import((&n.0, &n.1), (&a.0, &a.1)) {
            Ok(d) => Some(d),
            Err(mut e) => {
                errors.append(&mut e);
                None
            }
        },
        _ => None,
    };
    if !errors.is_empty() {
        super::record_alone(
            st,
            caller,
            "reference.import",
            &Object::none().with(json!({"errors": errors.len(), "first": errors[0].to_string()})),
            Outcome::Failure,
        )
        .await;
        return Ok(Err(ImportFailed(errors)));
    }
    let now = st.now();
    let updated_by = match caller {
        Caller::User { username, .. } => Some(username.clone()),
        _ => None,
    };
    let mut records = Vec::new();
    let rec = |kind: &str,
               id: String,
               country: Option<String>,
               body: String,
               confirmed: Option<String>,
               provenance: String| Record {
        kind: kind.into(),
        id,
        country,
        body,
        confirmed_on: confirmed,
        origin: origin.into(),
        provenance,
        updated_at: now,
        updated_by: updated_by.clone(),
    };
    for (name, text) in &files.instruments {
        let id = instrument_id(text).unwrap_or_default();
        records.push(rec("instrument", id, None, text.clone(), None, name.clone()));
    }
    if let Some((name, text)) = &files.provisions {
        let map: BTreeMap<String, serde_json::Value> = serde_json::from_str(text)
            .map_err(|e| AppError::Internal(format!("provisions checked but unreadable: {e}")))?;
        for (id, v) in map {
            records.push(rec("provisions", id, None, v.to_string(), None, name.clone()));
        }
    }
    if let Some(d) = &dir {
        let name = files.authorities.as_ref().map(|a| a.0.clone()).unwrap_or_default();
        for a in &d.authorities {
            let body = serde_json::to_string(a).map_err(|e| AppError::Internal(e.to_string()))?;
            records.push(rec(
                "authority",
                a.id.clone(),
                Some(a.country.to_string()),
                body,
                a.confirmed.map(|c| c.to_string()),
                name.clone(),
            ));
        }
        let name = files.networks.as_ref().map(|a| a.0.clone()).unwrap_or_default();
        for n in &d.networks {
            let body = serde_json::to_string(n).map_err(|e| AppError::Internal(e.to_string()))?;
            records.push(rec("network", n.id.clone(), None, body, None, name.clone()));
        }
    }
    let mut summary = ImportSummary::default();
    let mut tx = st.store.write().await?;
    for r in &records {
        match reference::put(&mut tx, r, overwrite).await? {
            Written::Inserted => summary.inserted += 1,
            Written::Updated => summary.updated += 1,
            Written::Unchanged => summary.unchanged += 1,
            Written::Kept => summary.kept += 1,
        }
    }
    if summary.inserted + summary.updated > 0 {
        let details = json!({"origin": origin, "inserted": summary.inserted, "updated": summary.updated, "unchanged": summary.unchanged, "kept": summary.kept});
        record(st, &mut tx, caller, "reference.import", &Object::none().with(details), Outcome::Success).await?;
    }
    commit(tx).await?;
    st.reference_cache.clear().await;
    Ok(Ok(summary))
}

/// Adds the reference data shipped in the binary that the database lacks (edits are kept). Run at start.
pub async fn load_shipped(st: &AppState) -> Result<ImportSummary, AppError> {
    match import(st, &Caller::Cli, &ReferenceFiles::shipped(), false, "shipped").await? {
        Ok(s) => Ok(s),
        Err(f) => Err(AppError::Internal(format!(
            "the shipped reference data does not check: {}",
            f.0.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")
        ))),
    }
}

/// Fingerprint of the stored records: count, latest change, total size.
type Stamp = (i64, i64, i64);

/// The reference data parsed and checked once, kept while the records' fingerprint does not change.
#[derive(Default)]
pub struct Cache {
    slot: tokio::sync::Mutex<Option<(Stamp, std::sync::Arc<Loaded>)>>,
}

/// Parsed reference data.
pub struct Loaded {
    pub catalogue: Catalogue,
    pub entries: Vec<Entry>,
    pub networks: Vec<Network>,
}

impl Cache {
    /// Forgets the parsed copy (after a write on this server).
    pub async fn clear(&self) {
        *self.slot.lock().await = None;
    }
}

/// The parsed reference data, rebuilt only when the stored records changed.
pub async fn loaded(st: &AppState) -> Result<std::sync::Arc<Loaded>, AppError> {
    let stamp = {
        let mut c = st.store.read().await?;
        reference::stamp(&mut c).await?
    };
    let mut slot = st.reference_cache.slot.lock().await;
    if let Some((s, l)) = slot.as_ref()
        && *s == stamp
    {
        return Ok(l.clone());
    }
    let (entries, networks) = stored_directory(st).await?;
    let l = std::sync::Arc::new(Loaded { catalogue: stored_catalogue(st).await?, entries, networks });
    *slot = Some((stamp, l.clone()));
    Ok(l)
}

/// The instruments stored, checked again on the way out.
async fn stored_catalogue(st: &AppState) -> Result<Catalogue, AppError> {
    let mut c = st.store.read().await?;
    let inst = reference::list(&mut c, "instrument").await?;
    let prov = reference::list(&mut c, "provisions").await?;
    drop(c);
    let files: Vec<(String, String)> = inst.into_iter().map(|r| (format!("instrument {}", r.id), r.body)).collect();
    let prov_map: BTreeMap<String, serde_json::Value> =
        prov.into_iter().filter_map(|r| serde_json::from_str(&r.body).ok().map(|v| (r.id, v))).collect();
    let prov_text = serde_json::to_string(&prov_map).map_err(|e| AppError::Internal(e.to_string()))?;
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    catalogue(&refs, Some(("stored provisions", &prov_text)))
        .map_err(|e| AppError::Internal(format!("stored reference data does not check: {}", e[0])))
}

/// A directory entry with its record's metadata.
#[derive(Debug, Clone)]
pub struct Entry {
    pub authority: Authority,
    pub origin: String,
    pub provenance: String,
    pub updated_at: i64,
    pub updated_by: Option<String>,
}

async fn stored_directory(st: &AppState) -> Result<(Vec<Entry>, Vec<Network>), AppError> {
    let mut c = st.store.read().await?;
    let auth = reference::list(&mut c, "authority").await?;
    let nets = reference::list(&mut c, "network").await?;
    let mut entries = Vec::new();
    for r in auth {
        let a: Authority =
            serde_json::from_str(&r.body).map_err(|e| AppError::Internal(format!("authority {}: {e}", r.id)))?;
        entries.push(Entry {
            authority: a,
            origin: r.origin,
            provenance: r.provenance,
            updated_at: r.updated_at,
            updated_by: r.updated_by,
        });
    }
    let mut networks = Vec::new();
    for r in nets {
        networks.push(serde_json::from_str(&r.body).map_err(|e| AppError::Internal(format!("network {}: {e}", r.id)))?);
    }
    Ok((entries, networks))
}

/// Directory search filters, all optional.
#[derive(Debug, Default, Clone)]
pub struct DirectoryFilter {
    pub country: Option<CountryCode>,
    pub kind: Option<String>,
    pub cooperation: Option<CooperationType>,
    /// Fragment of a measure named in a competence.
    pub measure: Option<String>,
    pub network: Option<String>,
    pub language: Option<String>,
    /// Fragment of the name (own script or English), case-insensitive.
    pub text: Option<String>,
}

impl DirectoryFilter {
    /// Parses typed filter values, naming bad fields.
    pub fn parse(
        country: &str,
        kind: &str,
        cooperation: &str,
        measure: &str,
        network: &str,
        language: &str,
        text: &str,
    ) -> Result<DirectoryFilter, AppError> {
        let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        let mut inv = Invalid::default();
        let country = opt(country).and_then(|c| inv.check("country", CountryCode::parse(&c)));
        let cooperation = opt(cooperation).and_then(|t| {
            let r = CooperationType::parse(&t);
            if r.is_none() {
                inv.push(FieldError::new("type", "unknown_value", format!("'{t}' is not a cooperation type")));
            }
            r
        });
        let kind = opt(kind);
        if let Some(k) = &kind
            && !directory::KINDS.contains(&k.as_str())
        {
            inv.push(FieldError::new("kind", "unknown_value", format!("'{k}' is not a kind of authority")));
        }
        inv.into_result()?;
        Ok(DirectoryFilter {
            country,
            kind,
            cooperation,
            measure: opt(measure).map(|m| m.to_lowercase()),
            network: opt(network),
            language: opt(language).map(|l| l.to_lowercase()),
            text: opt(text).map(|t| t.to_lowercase()),
        })
    }

    fn matches(&self, a: &Authority) -> bool {
        self.country.is_none_or(|c| a.country == c)
            && self.kind.as_ref().is_none_or(|k| &a.kind == k)
            && self.cooperation.is_none_or(|t| a.handles(t))
            && self
                .measure
                .as_ref()
                .is_none_or(|m| a.competences.iter().any(|c| c.measures.iter().any(|x| x.to_lowercase().contains(m))))
            && self.network.as_ref().is_none_or(|n| a.networks.contains(n))
            && self.language.as_ref().is_none_or(|l| a.languages.contains(l))
            && self.text.as_ref().is_none_or(|t| {
                a.name.to_lowercase().contains(t) || a.name_en.as_deref().is_some_and(|n| n.to_lowercase().contains(t))
            })
    }
}

pub async fn search(
    st: &AppState,
    caller: &Caller,
    f: &DirectoryFilter,
    page: PageRequest,
) -> Result<Page<Entry>, AppError> {
    authorize(st, caller, Action::ReferenceRead, Target::None).await?;
    let l = loaded(st).await?;
    let mut hits: Vec<Entry> = l.entries.iter().filter(|e| f.matches(&e.authority)).cloned().collect();
    hits.sort_by(|a, b| (a.authority.country, &a.authority.name).cmp(&(b.authority.country, &b.authority.name)));
    let total = hits.len() as u64;
    let items = hits.into_iter().skip(page.offset as usize).take(page.limit as usize).collect();
    Ok(Page { items, total, limit: page.limit, offset: page.offset })
}

pub async fn authority(st: &AppState, caller: &Caller, id: &str) -> Result<Entry, AppError> {
    authorize(st, caller, Action::ReferenceRead, Target::None).await?;
    loaded(st).await?.entries.iter().find(|e| e.authority.id == id).cloned().ok_or(AppError::NotFound("authority"))
}

pub async fn networks(st: &AppState, caller: &Caller) -> Result<Vec<Network>, AppError> {
    authorize(st, caller, Action::ReferenceRead, Target::None).await?;
    Ok(loaded(st).await?.networks.clone())
}

/// A network with the directory entries of its members.
pub async fn network(st: &AppState, caller: &Caller, id: &str) -> Result<(Network, Vec<Entry>), AppError> {
    authorize(st, caller, Action::ReferenceRead, Target::None).await?;
    let l = loaded(st).await?;
    let n = l.networks.iter().find(|n| n.id == id).cloned().ok_or(AppError::NotFound("network"))?;
    let members = l
        .entries
        .iter()
        .filter(|e| e.authority.networks.contains(&n.id) || n.members.contains(&e.authority.country))
        .cloned()
        .collect();
    Ok((n, members))
}

fn provenance_checked(provenance: &str) -> Result<String, AppError> {
    let p = provenance.trim();
    if p.chars().count() < 5 || p.chars().count() > 1000 || p.chars().any(char::is_control) {
        return Err(FieldError::new(
            "provenance",
            "required",
            "say where the information comes from (a URL, a letter, a call: 5–1000 characters)",
        )
        .into());
    }
    Ok(p.to_string())
}

/// Replaces a directory entry (data stewards, or the administrators of the organisation it describes).
/// The change is audited with its provenance, and the entry counts as confirmed today.
pub async fn edit_authority(
    st: &AppState,
    caller: &Caller,
    id: &str,
    mut new: Authority,
    provenance: &str,
) -> Result<Entry, AppError> {
    let old = authority(st, caller, id).await?;
    authorize(st, caller, Action::DirectoryEdit, Target::Authority { org: old.authority.organisation }).await?;
    if new.organisation != old.authority.organisation {
        // Linking an entry to an organisation hands it to that organisation's administrators: stewards only.
        authorize(st, caller, Action::DirectoryEdit, Target::Authority { org: None }).await?;
    }
    let provenance = provenance_checked(provenance)?;
    if new.id != id {
        return Err(FieldError::new("id", "immutable", "the id of an entry cannot change").into());
    }
    let known = loaded(st).await?.networks.iter().map(|n| n.id.clone()).collect();
    let problems = new.check(&known);
    if !problems.is_empty() {
        return Err(AppError::Invalid(Invalid(
            problems.into_iter().map(|p| FieldError::new("authority", "invalid", p)).collect(),
        )));
    }
    let today = st.today()?;
    new.confirmed = Some(today);
    write_authority(
        st,
        caller,
        &new,
        &provenance,
        "directory.edit",
        json!({"provenance": provenance, "before": old.authority, "after": new}),
    )
    .await
}

/// Records that an entry was checked and is still right.
pub async fn confirm_authority(st: &AppState, caller: &Caller, id: &str, provenance: &str) -> Result<Entry, AppError> {
    let mut a = authority(st, caller, id).await?.authority;
    authorize(st, caller, Action::DirectoryEdit, Target::Authority { org: a.organisation }).await?;
    let provenance = provenance_checked(provenance)?;
    let today = st.today()?;
    a.confirmed = Some(today);
    write_authority(
        st,
        caller,
        &a,
        &provenance,
        "directory.confirm",
        json!({"provenance": provenance, "confirmed": today}),
    )
    .await
}

async fn write_authority(
    st: &AppState,
    caller: &Caller,
    a: &Authority,
    provenance: &str,
    action: &str,
    details: serde_json::Value,
) -> Result<Entry, AppError> {
    let now = st.now();
    let updated_by = match caller {
        Caller::User { username, .. } => Some(username.clone()),
        _ => Some("cli".to_string()),
    };
    let body = serde_json::to_string(a).map_err(|e| AppError::Internal(e.to_string()))?;
    let r = Record {
        kind: "authority".into(),
        id: a.id.clone(),
        country: Some(a.country.to_string()),
        body,
        confirmed_on: a.confirmed.map(|d| d.to_string()),
        origin: "edit".into(),
        provenance: provenance.to_string(),
        updated_at: now,
        updated_by: updated_by.clone(),
    };
    let mut tx = st.store.write().await?;
    reference::put(&mut tx, &r, true).await?;
    record(
        st,
        &mut tx,
        caller,
        action,
        &Object::new("authority", &a.id, a.organisation.map(|o| o.to_string())).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    st.reference_cache.clear().await;
    Ok(Entry {
        authority: a.clone(),
        origin: "edit".into(),
        provenance: provenance.to_string(),
        updated_at: now,
        updated_by,
    })
}

/// The legal-basis answer with, for the requested state, the directory entries to send the request to:
/// the designated central authorities for the kind of cooperation, or else the competent ones.
pub async fn legal_basis(st: &AppState, caller: &Caller, q: &Query) -> Result<(Answer, Vec<Entry>), AppError> {
    authorize(st, caller, Action::ReferenceRead, Target::None).await?;
    let l = loaded(st).await?;
    let answer = resolve(&l.catalogue, q);
    let in_state: Vec<Entry> = l
        .entries
        .iter()
        .filter(|e| e.authority.country == q.requested && e.authority.handles(q.kind))
        .cloned()
        .collect();
    let central: Vec<Entry> = in_state.iter().filter(|e| e.authority.central_for(q.kind)).cloned().collect();
    Ok((answer, if central.is_empty() { in_state } else { central }))
}

/// Parses the finder's inputs, naming bad fields.
pub fn parse_query(
    from: &str,
    to: &str,
    kind: &str,
    date: &str,
    measure: &str,
    offence: &str,
    today: Date,
) -> Result<Query, AppError> {
    let mut inv = Invalid::default();
    let requesting = inv.check("from", CountryCode::parse(from));
    let requested = inv.check("to", CountryCode::parse(to));
    let kind_v = CooperationType::parse(kind);
    if kind_v.is_none() {
        inv.push(FieldError::new("type", "unknown_value", format!("'{kind}' is not a cooperation type")));
    }
    let date = if date.trim().is_empty() { Some(today) } else { inv.check("date", Date::parse(date)) };
    let opt = |s: &str| Some(s.trim().to_string()).filter(|s| !s.is_empty());
    match (requesting, requested, kind_v, date) {
        (Some(requesting), Some(requested), Some(kind), Some(date)) if inv.is_empty() => {
            Ok(Query { requesting, requested, kind, measure: opt(measure), offence: opt(offence), date })
        }
        _ => Err(inv.into()),
    }
}

/// The instruments stored.
pub async fn instruments(st: &AppState, caller: &Caller) -> Result<Catalogue, AppError> {
    authorize(st, caller, Action::ReferenceRead, Target::None).await?;
    Ok(loaded(st).await?.catalogue.clone())
}

/// Adds or replaces one instrument (a bilateral treaty, a new party row) after checking it with all the
/// others; data stewards only. Audited with its provenance.
pub async fn put_instrument(
    st: &AppState,
    caller: &Caller,
    id: &str,
    body: &serde_json::Value,
    provenance: &str,
) -> Result<liaison_domain::legal_basis::Instrument, AppError> {
    authorize(st, caller, Action::DirectoryEdit, Target::Authority { org: None }).await?;
    let provenance = provenance_checked(provenance)?;
    if body.get("id").and_then(|v| v.as_str()) != Some(id) {
        return Err(FieldError::new("instrument.id", "mismatch", format!("the instrument's id must be '{id}'")).into());
    }
    let text = serde_json::to_string_pretty(body).map_err(|e| AppError::Internal(e.to_string()))?;
    let mut c = st.store.read().await?;
    let mut files: Vec<(String, String)> = reference::list(&mut c, "instrument")
        .await?
        .into_iter()
        .filter(|r| r.id != id)
        .map(|r| (format!("instrument {}", r.id), r.body))
        .collect();
    let prov = reference::list(&mut c, "provisions").await?;
    drop(c);
    files.push(("the new instrument".to_string(), text.clone()));
    let prov_map: BTreeMap<String, serde_json::Value> =
        prov.into_iter().filter_map(|r| serde_json::from_str(&r.body).ok().map(|v| (r.id, v))).collect();
    let prov_text = serde_json::to_string(&prov_map).map_err(|e| AppError::Internal(e.to_string()))?;
    let refs: Vec<(&str, &str)> = files.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let cat = catalogue(&refs, Some(("stored provisions", &prov_text))).map_err(|errs| {
        AppError::Invalid(Invalid(
            errs.into_iter()
                .map(|e| FieldError::new("instrument", "invalid", format!("{}: {}", e.record, e.reason)))
                .collect(),
        ))
    })?;
    let inst = cat.get(id).cloned().ok_or(AppError::Internal("checked instrument vanished".into()))?;
    let now = st.now();
    let r = Record {
        kind: "instrument".into(),
        id: id.to_string(),
        country: None,
        body: text,
        confirmed_on: crate::clock::date_of(now).map(|d| d.to_string()),
        origin: "edit".into(),
        provenance: provenance.clone(),
        updated_at: now,
        updated_by: match caller {
            Caller::User { username, .. } => Some(username.clone()),
            _ => Some("cli".into()),
        },
    };
    let mut tx = st.store.write().await?;
    let written = reference::put(&mut tx, &r, true).await?;
    let details = json!({"provenance": provenance, "level": inst.level.as_str(), "parties": inst.parties.len(), "written": format!("{written:?}")});
    record(st, &mut tx, caller, "instrument.put", &Object::new("instrument", id, None).with(details), Outcome::Success)
        .await?;
    commit(tx).await?;
    st.reference_cache.clear().await;
    Ok(inst)
}
