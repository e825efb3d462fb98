//! Files attached to a request: annexes and evidence sent by the requesting side, results and returned
//! evidence from the requested side. Each upload passes the checks of `files` (size, type by content,
//! name, note), is hashed and encrypted at rest, put on the request's timeline and in the audit trail;
//! each download is audited too and checked against its hash.

use super::requests::{get as get_request, timeline_entry};
use super::{Caller, Object, commit, files, record, record_alone};
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::audit::Outcome;
use liaison_domain::policy::Denied;
use liaison_domain::request::{Side, Status};
use liaison_domain::{FieldError, RequestId, Role};
use liaison_store::attachments::{self, Attachment};
use liaison_store::requests::{self, Event};
use serde_json::json;

pub const KINDS: [&str; 4] = ["annex", "result", "evidence", "other"];

pub struct Upload {
    pub name: String,
    pub kind: String,
    pub note: String,
    pub bytes: Vec<u8>,
}

pub async fn upload(st: &AppState, caller: &Caller, id: RequestId, u: Upload) -> Result<Attachment, AppError> {
    let v = get_request(st, caller, id).await?;
    let actor = caller.actor().ok_or(AppError::Unauthenticated)?;
    super::requests::authorize_write(st, caller, &v).await?;
    let object = Object::new("request", v.record.id, Some(v.record.org.to_string()));
    let allowed = match v.side {
        Side::Requesting => actor.roles.has(Role::CentralAuthorityOfficer) || actor.roles.has(Role::Prosecutor),
        Side::Requested => actor.roles.has(Role::CentralAuthorityOfficer),
    };
    if !allowed {
        record_alone(st, caller, "request.attach", &object.with(json!({"refused": "role"})), Outcome::Denied).await;
        return Err(AppError::Denied(Denied::Role));
    }
    if v.record.status == Status::Withdrawn {
        return Err(AppError::Conflict("the request was withdrawn; nothing more can be attached".into()));
    }
    let key = files::key(st)?;
    let kind = KINDS.iter().find(|k| **k == u.kind.trim()).ok_or_else(|| {
        FieldError::new("kind", "unknown_value", format!("unknown kind '{}'; known: {}", u.kind, KINDS.join(", ")))
    })?;
    let checked = files::check(st, &u.name, &u.note, &u.bytes)?;
    let att = Attachment {
        id: uuid::Uuid::now_v7().to_string(),
        request: v.record.id,
        side: if v.side == Side::Requesting { "requesting" } else { "requested" }.into(),
        kind: (*kind).into(),
        name: checked.name,
        media_type: checked.media_type,
        size: u.bytes.len() as i64,
        sha256: checked.sha256,
        note: checked.note,
        uploaded_by: actor.user,
        uploaded_by_label: files::label(caller),
        created_at: st.now(),
    };
    let (nonce, ct) = key.seal(&att.id, &u.bytes).map_err(AppError::Internal)?;
    let mut tx = st.store.write().await?;
    attachments::insert(&mut tx, &att, &nonce, &ct).await?;
    let details = json!({"attachment": att.id, "name": att.name, "kind": att.kind, "size": att.size, "sha256": att.sha256, "media_type": att.media_type});
    let ev = Event {
        kind: "attachment".into(),
        comment: att.note.clone(),
        ..timeline_entry(st, caller, &v.record, details.clone())
    };
    requests::append_event(&mut tx, &ev).await?;
    record(st, &mut tx, caller, "request.attach", &object.with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(att)
}

pub async fn list(st: &AppState, caller: &Caller, id: RequestId) -> Result<Vec<Attachment>, AppError> {
    let v = get_request(st, caller, id).await?;
    let mut c = st.store.read().await?;
    Ok(attachments::of_request(&mut c, v.record.id).await?)
}

/// The file and its plaintext, after checking it decrypts and matches its hash.
pub async fn download(
    st: &AppState,
    caller: &Caller,
    id: RequestId,
    attachment: &str,
) -> Result<(Attachment, Vec<u8>), AppError> {
    let v = get_request(st, caller, id).await?;
    let mut c = st.store.read().await?;
    let (att, nonce, ct) =
        attachments::get(&mut c, v.record.id, attachment).await?.ok_or(AppError::NotFound("attachment"))?;
    drop(c);
    let plain = files::open(st, &att.id, &nonce, &ct, &att.sha256)?;
    let details = json!({"attachment": att.id, "name": att.name, "sha256": att.sha256});
    record_alone(
        st,
        caller,
        "request.attachment_download",
        &Object::new("request", v.record.id, Some(v.record.org.to_string())).with(details),
        Outcome::Success,
    )
    .await;
    Ok((att, plain))
}
