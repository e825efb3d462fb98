//! Notices: published by an organisation's liaison officers (one by one or imported from INTERPOL JSON
//! and FtM files), seen by every member or only by the countries a diffusion is addressed to, cancelled or
//! expired at their review date. Hits on a notice are shown to its owner with who searched and why.

use super::{Caller, Object, authorize, authorize_object, commit, record};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::Outcome;
use liaison_domain::notice::interpol::ImportError;
use liaison_domain::notice::{NoticeBody, NoticeKind, NoticeStatus, ftm, interpol};
use liaison_domain::page::{Page, PageRequest};
use liaison_domain::policy::{Action, Permit, Target};
use liaison_domain::{NoticeId, OrgId, UserId};
use liaison_store::notices::{self, Filter, NoticeRecord, Upsert, Viewer};
use liaison_store::orgs;
use liaison_store::screenings::{self, HitOnNotice};
use serde_json::json;

pub(crate) fn object(n: &NoticeRecord) -> Object {
    Object::new("notice", n.id, Some(n.org.to_string()))
}

/// The caller's user, organisation and the organisation's country (which decides what is addressed to it).
pub(crate) async fn viewer(st: &AppState, caller: &Caller) -> Result<(UserId, Viewer), AppError> {
    let actor = caller.actor().ok_or(AppError::Unauthenticated)?;
    let mut c = st.store.read().await?;
    let org = orgs::get(&mut c, actor.org).await?.ok_or(AppError::NotFound("organisation"))?;
    Ok((actor.user, Viewer { org: actor.org, country: org.country, all: false }))
}

/// Loads a notice and asks the policy for `action` on it; one the caller may not see is "not found".
pub(crate) async fn load(
    st: &AppState,
    caller: &Caller,
    id: NoticeId,
    action: Action,
) -> Result<(NoticeRecord, Permit), AppError> {
    let (_, v) = viewer(st, caller).await?;
    let mut c = st.store.read().await?;
    let rec = notices::get(&mut c, id).await?.ok_or(AppError::NotFound("notice"))?;
    drop(c);
    let target = Target::Notice { org: rec.org, addressed: rec.body.visible_to(v.country) };
    let permit = authorize_object(st, caller, action, target, Some(id.to_string())).await?;
    Ok((rec, permit))
}

pub async fn create(st: &AppState, caller: &Caller, body: NoticeBody) -> Result<NoticeRecord, AppError> {
    let (user, v) = viewer(st, caller).await?;
    authorize(st, caller, Action::NoticePublish, Target::Org(v.org)).await?;
    let body = body.check()?;
    let now = st.now();
    let rec = NoticeRecord {
        id: NoticeId(uuid::Uuid::now_v7()),
        org: v.org,
        status: NoticeStatus::Active,
        body,
        created_by: Some(user),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let mut tx = st.store.write().await?;
    notices::insert(&mut tx, &rec).await?;
    let details = json!({"kind": rec.body.kind, "label": rec.body.label(), "addressees": rec.body.addressees});
    record(st, &mut tx, caller, "notice.create", &object(&rec).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(rec)
}

pub async fn get(st: &AppState, caller: &Caller, id: NoticeId) -> Result<NoticeRecord, AppError> {
    Ok(load(st, caller, id, Action::NoticeRead).await?.0)
}

/// A notice the caller may edit (its organisation's, by a liaison officer), for the edit form.
pub async fn editable(st: &AppState, caller: &Caller, id: NoticeId) -> Result<NoticeRecord, AppError> {
    Ok(load(st, caller, id, Action::NoticeUpdate).await?.0)
}

/// Replaces the content of one's organisation's notice; `version` is the one the editor read.
pub async fn update(
    st: &AppState,
    caller: &Caller,
    id: NoticeId,
    version: i64,
    body: NoticeBody,
) -> Result<NoticeRecord, AppError> {
    let (old, _) = load(st, caller, id, Action::NoticeUpdate).await?;
    if old.version != version {
        return Err(AppError::Stale("notice"));
    }
    let body = body.check()?;
    let next = NoticeRecord { body, updated_at: st.now(), version: old.version + 1, ..old };
    let mut tx = st.store.write().await?;
    notices::update(&mut tx, &next).await?;
    record(
        st,
        &mut tx,
        caller,
        "notice.update",
        &object(&next).with(json!({"version": next.version})),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    Ok(next)
}

/// Cancels (the person was arrested, the vehicle found) or reactivates one's organisation's notice.
pub async fn set_status(
    st: &AppState,
    caller: &Caller,
    id: NoticeId,
    status: NoticeStatus,
    reason: &str,
) -> Result<NoticeRecord, AppError> {
    let (old, _) = load(st, caller, id, Action::NoticeUpdate).await?;
    let reason = reason.trim();
    if status == NoticeStatus::Cancelled && reason.is_empty() {
        return Err(liaison_domain::FieldError::new("reason", "required", "say why the notice is cancelled").into());
    }
    let next = NoticeRecord { status, updated_at: st.now(), version: old.version + 1, ..old };
    let mut tx = st.store.write().await?;
    notices::update(&mut tx, &next).await?;
    let details = json!({"status": status, "reason": reason});
    record(st, &mut tx, caller, "notice.status", &object(&next).with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(next)
}

/// The notices the caller may see (own, addressed to all, addressed to the caller's country).
pub async fn list(
    st: &AppState,
    caller: &Caller,
    filter: &Filter,
    page: PageRequest,
) -> Result<Page<NoticeRecord>, AppError> {
    let (_, v) = viewer(st, caller).await?;
    authorize(st, caller, Action::NoticeList, Target::None).await?;
    let mut c = st.store.read().await?;
    let (items, total) = notices::list(&mut c, v, filter, page.limit, page.offset).await?;
    Ok(Page { items, total, limit: page.limit, offset: page.offset })
}

/// Who screened against one's notice and why (the owner's view of hits).
pub async fn hits(st: &AppState, caller: &Caller, id: NoticeId) -> Result<Vec<(HitOnNotice, String)>, AppError> {
    let (rec, _) = load(st, caller, id, Action::NoticeUpdate).await?;
    let mut c = st.store.read().await?;
    let mut out = Vec::new();
    for h in screenings::hits_on_notice(&mut c, rec.id, 200).await? {
        let org = orgs::get(&mut c, h.searching_org).await?.map(|o| o.name.to_string()).unwrap_or_default();
        out.push((h, org));
    }
    Ok(out)
}

/// The outcome of an import: how many notices were added, updated or unchanged, and the records refused.
#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
pub struct ImportReport {
    pub added: usize,
    pub updated: usize,
    pub unchanged: usize,
    #[schema(value_type = Vec<Object>)]
    pub errors: Vec<ImportError>,
}

/// The formats notices are imported from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Interpol,
    Ftm,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "interpol" => Some(Format::Interpol),
            "ftm" => Some(Format::Ftm),
            _ => None,
        }
    }
}

/// Imports a file of notices into the caller's organisation. Good records are written (re-importing the
/// same file changes nothing), bad ones reported with their place; all in one transaction.
pub async fn import(
    st: &AppState,
    caller: &Caller,
    format: Format,
    kind: Option<NoticeKind>,
    text: &str,
) -> Result<ImportReport, AppError> {
    let (user, v) = viewer(st, caller).await?;
    authorize(st, caller, Action::NoticePublish, Target::Org(v.org)).await?;
    import_into(st, caller, v.org, Some(user), format, kind, text).await
}

pub(crate) async fn import_into(
    st: &AppState,
    caller: &Caller,
    org: OrgId,
    user: Option<UserId>,
    format: Format,
    kind: Option<NoticeKind>,
    text: &str,
) -> Result<ImportReport, AppError> {
    let imported = match format {
        Format::Interpol => interpol::import(text, kind),
        Format::Ftm => ftm::import(text, kind.unwrap_or(NoticeKind::Blue)),
    };
    let mut report = ImportReport { errors: imported.errors, ..ImportReport::default() };
    let now = st.now();
    let mut tx = st.store.write().await?;
    for body in &imported.notices {
        match notices::upsert_by_source(&mut tx, org, body, NoticeId(uuid::Uuid::now_v7()), user, now).await? {
            Upsert::Added(_) => report.added += 1,
            Upsert::Updated(_) => report.updated += 1,
            Upsert::Unchanged(_) => report.unchanged += 1,
        }
    }
    let details = json!({"format": format!("{format:?}").to_lowercase(), "added": report.added,
        "updated": report.updated, "unchanged": report.unchanged, "refused": report.errors.len()});
    record(
        st,
        &mut tx,
        caller,
        "notice.import",
        &Object::new("organisation", org, Some(org.to_string())).with(details),
        Outcome::Success,
    )
    .await?;
    commit(tx).await?;
    Ok(report)
}

/// One's organisation's visible person notices as FtM JSON lines.
pub async fn export_ftm(st: &AppState, caller: &Caller) -> Result<String, AppError> {
    let (_, v) = viewer(st, caller).await?;
    authorize(st, caller, Action::NoticeList, Target::None).await?;
    let mut c = st.store.read().await?;
    let filter = Filter { status: Some(NoticeStatus::Active), ..Filter::default() };
    let (items, _) = notices::list(&mut c, v, &filter, u32::MAX, 0).await?;
    let mut out = String::new();
    for n in items {
        if let Some(line) = ftm::export(&n.id.to_string(), &n.body) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    Ok(out)
}

/// Active notices past their review date expire (run with the reminders).
pub async fn expire_due(st: &AppState) -> Result<usize, AppError> {
    let today = st.today()?.to_string();
    let due = {
        let mut c = st.store.read().await?;
        notices::due_for_expiry(&mut c, &today).await?
    };
    let mut tx = st.store.write().await?;
    for n in &due {
        let next =
            NoticeRecord { status: NoticeStatus::Expired, updated_at: st.now(), version: n.version + 1, ..n.clone() };
        notices::update(&mut tx, &next).await?;
        record(st, &mut tx, &Caller::System, "notice.expire", &object(&next), Outcome::Success).await?;
    }
    commit(tx).await?;
    Ok(due.len())
}
