//! Screening: a person, a travel document, a vehicle or a whole list (a passenger manifest) against the
//! active notices the caller's organisation may see. A purpose is required; every screening is audited; each
//! hit goes to the searching side's review queue and is told to the notice's owner with who searched and why.
//! An earlier "not the same" (or "the same") decision on the same query and notice is applied again.

use std::collections::HashMap;
use std::sync::Arc;

use super::notices::viewer;
use super::{Caller, Object, authorize, authorize_object, commit, record};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::Role;
use liaison_domain::audit::Outcome;
use liaison_domain::notice::{mrz, normalise_document_number, vin::Vin};
use liaison_domain::policy::{Action, Target};
use liaison_domain::{FieldError, HitId, Invalid, NoticeId, OrgId, ScreeningId, UserId};
use liaison_screening::{BirthDate, Index, Person, SearchOptions};
use liaison_store::notices::{self, NoticeRecord};
use liaison_store::notifications::{self, Notification};
use liaison_store::screenings::{self, Decision, Hit, Screening};
use liaison_store::{Conn, users};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

/// The stored notices' fingerprint: count, latest change, sum of versions.
type Stamp = (i64, i64, i64);

/// The index of active notices, rebuilt when the stored notices change (on this server or another).
#[derive(Default)]
pub struct IndexCache {
    slot: tokio::sync::Mutex<Option<(Stamp, Arc<Loaded>)>>,
}

pub struct Loaded {
    pub index: Index,
    pub notices: HashMap<String, NoticeRecord>,
}

async fn loaded(st: &AppState) -> Result<Arc<Loaded>, AppError> {
    let stamp = {
        let mut c = st.store.read().await?;
        notices::fingerprint(&mut c).await?
    };
    let mut slot = st.screening_index.slot.lock().await;
    if let Some((s, l)) = slot.as_ref()
        && *s == stamp
    {
        return Ok(l.clone());
    }
    let active = {
        let mut c = st.store.read().await?;
        notices::active(&mut c).await?
    };
    let built = tokio::task::spawn_blocking(move || {
        let mut index = Index::new();
        let mut by_id = HashMap::new();
        for n in active {
            if let Some(p) = n.body.person() {
                index.insert(&n.id.to_string(), &Person::from(p));
            }
            by_id.insert(n.id.to_string(), n);
        }
        Loaded { index, notices: by_id }
    })
    .await
    .map_err(|e| AppError::Internal(format!("index build: {e}")))?;
    let l = Arc::new(built);
    *slot = Some((stamp, l.clone()));
    Ok(l)
}

/// Checks a purpose: required, as the legal basis of the search is.
fn purpose(text: &str) -> Result<String, AppError> {
    let p = text.trim();
    if p.is_empty() {
        return Err(FieldError::new("purpose", "required", "say why you are searching (case, control, request)").into());
    }
    if p.chars().count() > 500 {
        return Err(FieldError::new("purpose", "too_long", "at most 500 characters").into());
    }
    Ok(p.to_owned())
}

fn threshold(t: Option<f32>) -> Result<f32, AppError> {
    let t = t.unwrap_or(liaison_screening::DEFAULT_THRESHOLD);
    if !(0.5..=1.0).contains(&t) {
        return Err(FieldError::new("threshold", "out_of_range", "between 0.5 and 1").into());
    }
    Ok(t)
}

/// A person to look for.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct PersonQuery {
    pub name: String,
    #[serde(default)]
    pub birth_date: Option<String>,
    #[serde(default)]
    pub nationality: Option<String>,
}

impl PersonQuery {
    /// The query as the engine reads it; `field` prefixes error names (`rows[3].name`).
    fn person(&self, field: &str) -> Result<Person, Invalid> {
        let mut inv = Invalid::default();
        let name = self.name.trim();
        if name.is_empty() {
            inv.push(FieldError::new(format!("{field}name"), "required", "a name is needed"));
        } else if name.chars().count() > 300 {
            inv.push(FieldError::new(format!("{field}name"), "too_long", "at most 300 characters"));
        }
        let mut birth_dates = Vec::new();
        if let Some(d) = self.birth_date.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            match BirthDate::parse(d) {
                Some(b) => birth_dates.push(b),
                None => inv.push(FieldError::new(
                    format!("{field}birth_date"),
                    "invalid_format",
                    format!("'{d}' is not YYYY, YYYY-MM or YYYY-MM-DD"),
                )),
            }
        }
        let mut nationalities = Vec::new();
        if let Some(n) = self.nationality.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            match liaison_domain::CountryCode::parse(n) {
                Ok(c) => nationalities.push(c.as_str().to_owned()),
                Err(_) => inv.push(FieldError::new(
                    format!("{field}nationality"),
                    "unknown_country",
                    format!("'{n}' is not a country code"),
                )),
            }
        }
        inv.into_result()?;
        Ok(Person { names: vec![name.to_owned()], birth_dates, nationalities })
    }

    fn label(&self) -> String {
        let mut s = self.name.trim().to_owned();
        if let Some(d) = self.birth_date.as_deref().filter(|d| !d.trim().is_empty()) {
            s.push_str(&format!(" ({})", d.trim()));
        }
        s
    }
}

/// One thing looked for in a screening: a person, document keys, a plate.
struct Item {
    row: Option<i64>,
    label: String,
    person: Option<Person>,
    object_keys: Vec<String>,
    plate: Option<String>,
}

/// A hit with the notice it points to.
#[derive(Debug, Clone)]
pub struct HitView {
    pub hit: Hit,
    pub notice: NoticeRecord,
}

/// A screening with its hits, best first.
#[derive(Debug, Clone)]
pub struct Screened {
    pub screening: Screening,
    pub hits: Vec<HitView>,
}

fn query_key(label: &str) -> String {
    hex::encode(Sha256::digest(label.trim().to_lowercase().as_bytes()))
}

/// Finds the hits for each item, records the screening, its hits and their notifications, in one
/// transaction, and audits it.
/// What a screening asks: its kind (person, document, vehicle, list), purpose and query as recorded.
struct Asked<'a> {
    kind: &'a str,
    purpose: &'a str,
    query: Value,
}

async fn run(
    st: &AppState,
    caller: &Caller,
    asked: Asked<'_>,
    items: Vec<Item>,
    threshold: f32,
    progress: &(dyn Fn(usize) + Send + Sync),
) -> Result<Screened, AppError> {
    let Asked { kind, purpose: purpose_text, query } = asked;
    let (user, v) = viewer(st, caller).await?;
    authorize(st, caller, Action::Screen, Target::Org(v.org)).await?;
    let purpose = purpose(purpose_text)?;
    let index = loaded(st).await?;
    let visible = |n: &NoticeRecord| notices::visible(v, n);
    let options = SearchOptions { threshold, top: 10 };
    let mut found: Vec<(Option<i64>, String, NoticeRecord, f32, Value)> = Vec::new();
    for (done, item) in items.iter().enumerate() {
        if done % 50 == 0 {
            progress(done);
        }
        if let Some(p) = &item.person {
            // Notices the caller may not see never take a place among the top hits.
            let visible_id = |id: &str| index.notices.get(id).is_some_and(visible);
            for h in index.index.search_where(p, options, visible_id) {
                let Some(n) = index.notices.get(&h.record) else { continue };
                let explanation = serde_json::to_value(&h.explanation).unwrap_or(Value::Null);
                found.push((item.row, item.label.clone(), n.clone(), h.score, explanation));
            }
        }
        // Documents and vehicles are found by their exact keys (a list of people has none).
        if item.object_keys.is_empty() && item.plate.is_none() {
            continue;
        }
        let mut c = st.store.read().await?;
        let mut exact: Vec<NoticeRecord> = Vec::new();
        for key in &item.object_keys {
            exact.extend(notices::by_object_key(&mut c, key).await?);
        }
        if let Some(plate) = &item.plate {
            exact.extend(notices::by_plate(&mut c, plate).await?);
        }
        exact.dedup_by_key(|n| n.id);
        for n in exact.into_iter().filter(|n| visible(n)) {
            let how = json!({"exact": true, "key": item.object_keys.first().cloned().or_else(|| item.plate.clone())});
            found.push((item.row, item.label.clone(), n, 1.0, how));
        }
    }
    progress(items.len());
    let now = st.now();
    let screening = Screening {
        id: ScreeningId(uuid::Uuid::now_v7()),
        org: v.org,
        user: Some(user),
        kind: kind.to_owned(),
        purpose: purpose.clone(),
        query: query.to_string(),
        algorithm: liaison_screening::ALGORITHM.to_owned(),
        threshold_milli: (threshold * 1000.0).round() as i64,
        queries: items.len() as i64,
        hits: found.len() as i64,
        created_at: now,
    };
    let mut tx = st.store.write().await?;
    screenings::insert(&mut tx, &screening).await?;
    let mut hits = Vec::new();
    let mut told: Vec<NoticeId> = Vec::new();
    for (row, label, notice, score, explanation) in found {
        let key = query_key(&label);
        let earlier = screenings::verdict(&mut tx, v.org, &key, notice.id).await?;
        let hit = Hit {
            id: HitId(uuid::Uuid::now_v7()),
            screening: screening.id,
            notice: notice.id,
            query_label: label,
            query_row: row,
            score_milli: (score * 1000.0).round() as i64,
            explanation: explanation.to_string(),
            decision: earlier.unwrap_or(Decision::Pending),
            decided_by: None,
            decided_at: earlier.map(|_| now),
            decision_note: earlier.map(|_| "earlier decision on the same query".to_owned()),
            created_at: now,
        };
        screenings::insert_hit(&mut tx, &hit).await?;
        if notice.org != v.org && !told.contains(&notice.id) {
            told.push(notice.id);
            tell_owner(st, &mut tx, &notice, v.org, &purpose, &screening, score).await?;
        }
        hits.push(HitView { hit, notice });
    }
    let details = json!({"kind": kind, "purpose": purpose, "queries": screening.queries, "hits": screening.hits,
        "threshold": threshold, "algorithm": liaison_screening::ALGORITHM});
    let object = Object::new("screening", screening.id, Some(v.org.to_string())).with(details);
    record(st, &mut tx, caller, "screening.run", &object, Outcome::Success).await?;
    commit(tx).await?;
    hits.sort_by(|a, b| b.hit.score_milli.cmp(&a.hit.score_milli).then(a.hit.query_row.cmp(&b.hit.query_row)));
    Ok(Screened { screening, hits })
}

/// Tells the notice's owner (its liaison officers) that someone screened against it, who and why.
async fn tell_owner(
    st: &AppState,
    conn: &mut Conn,
    notice: &NoticeRecord,
    searching: OrgId,
    purpose: &str,
    screening: &Screening,
    score: f32,
) -> Result<(), AppError> {
    let org_name = liaison_store::orgs::get(conn, searching).await?.map(|o| o.name.to_string()).unwrap_or_default();
    for u in users::active_of_org(conn, notice.org).await? {
        if !u.roles.has(Role::LiaisonOfficer) {
            continue;
        }
        notifications::insert(
            conn,
            &Notification {
                id: uuid::Uuid::now_v7().to_string(),
                user: u.id,
                kind: "hit".into(),
                request: None,
                params: json!({"label": notice.body.label(), "org": org_name, "purpose": purpose,
                    "score": format!("{:.2}", score), "screening": screening.id.to_string(),
                    "link": format!("/notices/{}", notice.id)}),
                created_at: st.now(),
                read_at: None,
            },
        )
        .await?;
    }
    Ok(())
}

/// Screens one person.
pub async fn person(
    st: &AppState,
    caller: &Caller,
    q: &PersonQuery,
    purpose: &str,
    threshold_: Option<f32>,
) -> Result<Screened, AppError> {
    let t = threshold(threshold_)?;
    let person = q.person("")?;
    let item = Item { row: None, label: q.label(), person: Some(person), object_keys: Vec::new(), plate: None };
    run(st, caller, Asked { kind: "person", purpose, query: json!(q) }, vec![item], t, &|_| {}).await
}

/// A travel document to look for: its machine-readable zone, or its number and issuing state.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct DocumentQuery {
    #[serde(default)]
    pub mrz: Option<String>,
    #[serde(default)]
    pub number: Option<String>,
    #[serde(default)]
    pub issuing_state: Option<String>,
}

/// Screens a travel document: the document itself (stolen or lost), and its holder from the MRZ against the
/// person notices.
pub async fn document(st: &AppState, caller: &Caller, q: &DocumentQuery, purpose: &str) -> Result<Screened, AppError> {
    let item = match q.mrz.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
        Some(zone) => {
            let m = mrz::parse(zone).map_err(|e| FieldError::new("mrz", "invalid_mrz", e.to_string()))?;
            let name = format!("{} {}", m.given_names, m.surname).trim().to_owned();
            let year = m.birth_date.year(st.today()?.year() as u16);
            let birth = match (year, m.birth_date.mm, m.birth_date.dd) {
                (Some(y), Some(mm), Some(dd)) => BirthDate::parse(&format!("{y:04}-{mm:02}-{dd:02}")),
                (Some(y), _, _) => BirthDate::parse(&format!("{y:04}")),
                _ => None,
            };
            let nationality = liaison_domain::CountryCode::from_icao(&m.nationality).map(|c| c.as_str().to_owned());
            Item {
                row: None,
                label: format!("{} {} — {}", m.issuing_state, m.document_number, name),
                person: (!name.is_empty()).then(|| Person {
                    names: vec![name.clone()],
                    birth_dates: birth.into_iter().collect(),
                    nationalities: nationality.into_iter().collect(),
                }),
                object_keys: vec![notices::document_key(&m.issuing_state, &m.document_number)],
                plate: None,
            }
        }
        None => {
            let number = q.number.as_deref().map(normalise_document_number).filter(|n| !n.is_empty());
            let state = q.issuing_state.as_deref().map(|s| s.trim().to_ascii_uppercase()).filter(|s| !s.is_empty());
            let (Some(number), Some(state)) = (number, state) else {
                return Err(FieldError::new(
                    "mrz",
                    "required",
                    "give the machine-readable zone, or the number and the issuing state",
                )
                .into());
            };
            Item {
                row: None,
                label: format!("{state} {number}"),
                person: None,
                object_keys: vec![notices::document_key(&state, &number)],
                plate: None,
            }
        }
    };
    run(
        st,
        caller,
        Asked { kind: "document", purpose, query: json!(q) },
        vec![item],
        liaison_screening::DEFAULT_THRESHOLD,
        &|_| {},
    )
    .await
}

/// A vehicle to look for: its VIN, or its plate.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize, utoipa::ToSchema)]
pub struct VehicleQuery {
    #[serde(default)]
    pub vin: Option<String>,
    #[serde(default)]
    pub plate: Option<String>,
}

pub async fn vehicle(st: &AppState, caller: &Caller, q: &VehicleQuery, purpose: &str) -> Result<Screened, AppError> {
    let vin = q.vin.as_deref().map(str::trim).filter(|v| !v.is_empty());
    let plate = q.plate.as_deref().map(str::trim).filter(|p| !p.is_empty());
    let item = match (vin, plate) {
        (Some(v), _) => {
            let vin = Vin::parse(v).map_err(|e| FieldError::new("vin", "invalid_vin", e.to_string()))?;
            Item {
                row: None,
                label: vin.to_string(),
                person: None,
                object_keys: vec![format!("vin:{vin}")],
                plate: plate.map(str::to_owned),
            }
        }
        (None, Some(p)) => {
            Item { row: None, label: p.to_owned(), person: None, object_keys: Vec::new(), plate: Some(p.to_owned()) }
        }
        (None, None) => return Err(FieldError::new("vin", "required", "give the VIN or the plate").into()),
    };
    run(
        st,
        caller,
        Asked { kind: "vehicle", purpose, query: json!(q) },
        vec![item],
        liaison_screening::DEFAULT_THRESHOLD,
        &|_| {},
    )
    .await
}

/// The most rows a list screening takes.
pub const MAX_ROWS: usize = 20_000;

/// Screens a list of people (a passenger manifest). Bad rows are refused together, each named.
pub async fn list(
    st: &AppState,
    caller: &Caller,
    rows: &[PersonQuery],
    purpose: &str,
    threshold_: Option<f32>,
    progress: &(dyn Fn(usize) + Send + Sync),
) -> Result<Screened, AppError> {
    let t = threshold(threshold_)?;
    if rows.is_empty() {
        return Err(FieldError::new("rows", "required", "the list has no rows").into());
    }
    if rows.len() > MAX_ROWS {
        return Err(FieldError::new("rows", "too_many", format!("at most {MAX_ROWS} rows")).into());
    }
    let mut inv = Invalid::default();
    let mut items = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        match r.person(&format!("rows[{}].", i + 1)) {
            Ok(p) => items.push(Item {
                row: Some(i as i64 + 1),
                label: r.label(),
                person: Some(p),
                object_keys: Vec::new(),
                plate: None,
            }),
            Err(e) => inv.0.extend(e.0),
        }
    }
    inv.into_result()?;
    run(st, caller, Asked { kind: "list", purpose, query: json!({"rows": rows.len()}) }, items, t, progress).await
}

/// A screening of one's organisation with its hits.
pub async fn get(st: &AppState, caller: &Caller, id: ScreeningId) -> Result<Screened, AppError> {
    let mut c = st.store.read().await?;
    let s = screenings::get(&mut c, id).await?.ok_or(AppError::NotFound("screening"))?;
    drop(c);
    authorize_object(st, caller, Action::ScreeningRead, Target::Screening { org: s.org }, Some(id.to_string())).await?;
    let mut c = st.store.read().await?;
    let mut hits = Vec::new();
    for h in screenings::hits_of(&mut c, id).await? {
        if let Some(n) = notices::get(&mut c, h.notice).await? {
            hits.push(HitView { hit: h, notice: n });
        }
    }
    Ok(Screened { screening: s, hits })
}

/// The review queue: one's organisation's undecided hits, oldest first.
pub async fn pending(st: &AppState, caller: &Caller) -> Result<Vec<HitView>, AppError> {
    let (_, v) = viewer(st, caller).await?;
    authorize(st, caller, Action::ScreeningRead, Target::Screening { org: v.org }).await?;
    let mut c = st.store.read().await?;
    let mut out = Vec::new();
    for h in screenings::pending(&mut c, v.org, 500).await? {
        if let Some(n) = notices::get(&mut c, h.notice).await? {
            out.push(HitView { hit: h, notice: n });
        }
    }
    Ok(out)
}

/// Records the searching side's decision on a hit; it sticks for the same query and notice.
pub async fn decide(
    st: &AppState,
    caller: &Caller,
    id: HitId,
    decision: Decision,
    note: Option<&str>,
) -> Result<Hit, AppError> {
    if decision == Decision::Pending {
        return Err(FieldError::new("decision", "unknown_value", "confirmed or false_positive").into());
    }
    let mut c = st.store.read().await?;
    let hit = screenings::get_hit(&mut c, id).await?.ok_or(AppError::NotFound("hit"))?;
    let s = screenings::get(&mut c, hit.screening).await?.ok_or(AppError::NotFound("hit"))?;
    drop(c);
    authorize_object(st, caller, Action::HitReview, Target::Screening { org: s.org }, Some(id.to_string())).await?;
    let user: UserId = caller.actor().map(|a| a.user).ok_or(AppError::Unauthenticated)?;
    let note = note.map(str::trim).filter(|n| !n.is_empty());
    if note.is_some_and(|n| n.chars().count() > 1000) {
        return Err(FieldError::new("note", "too_long", "at most 1000 characters").into());
    }
    let now = st.now();
    let mut tx = st.store.write().await?;
    screenings::decide(&mut tx, id, decision, user, now, note).await?;
    screenings::remember(&mut tx, s.org, &query_key(&hit.query_label), hit.notice, decision, user, now).await?;
    let details =
        json!({"decision": decision.as_str(), "notice": hit.notice.to_string(), "screening": s.id.to_string()});
    record(
        st,
        &mut tx,
        caller,
        "screening.review",
        &Object::new("hit", id, Some(s.org.to_string())).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    let mut c = st.store.read().await?;
    screenings::get_hit(&mut c, id).await?.ok_or(AppError::NotFound("hit"))
}
