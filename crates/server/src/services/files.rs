//! Files kept encrypted at rest, for every owner: request attachments (`attachments.rs`), meeting papers and
//! knowledge-base files (`files` table). One set of checks for every upload — size, type judged by content
//! (executables refused), a clean name, a short note — a SHA-256 of the plaintext for the chain of custody,
//! ChaCha20-Poly1305 under the installation's key; every download decrypts, is checked against its hash and
//! is audited.

use super::{Caller, Object, commit, record, record_alone};
use crate::error::AppError;
use crate::files::FileKey;
use crate::state::AppState;
use liaison_domain::FieldError;
use liaison_domain::audit::Outcome;
use liaison_domain::sniff::{clean_name, sniff};
use liaison_store::files::{self, Owner, StoredFile};
use serde_json::json;
use sha2::{Digest, Sha256};

/// A file as it arrives: the name the uploader gave, a note, the bytes.
pub struct Upload {
    pub name: String,
    pub note: String,
    pub bytes: Vec<u8>,
}

/// An upload that passed the checks: its clean name, type, hash and note.
pub struct Checked {
    pub name: String,
    pub media_type: String,
    pub sha256: String,
    pub note: String,
}

pub fn key(st: &AppState) -> Result<&FileKey, AppError> {
    st.config.files_key.as_ref().ok_or_else(|| {
        AppError::Unavailable("no file key is configured (--files-key), so files cannot be stored".into())
    })
}

/// Checks an upload: within the size limit, of an accepted type (by content), with a note of at most
/// 2,000 characters and no control characters.
pub fn check(st: &AppState, name: &str, note: &str, bytes: &[u8]) -> Result<Checked, AppError> {
    if bytes.len() > st.config.max_file_bytes {
        return Err(AppError::PayloadTooLarge { limit: st.config.max_file_bytes });
    }
    let ty = sniff(bytes).map_err(|e| FieldError::new("file", "refused", e.to_string()))?;
    let note = note.trim();
    if note.chars().count() > 2_000 || note.chars().any(|c| c.is_control() && c != '\n') {
        return Err(FieldError::new("note", "invalid", "at most 2,000 characters, no control characters").into());
    }
    Ok(Checked {
        name: clean_name(name, ty.extension),
        media_type: ty.media_type.into(),
        sha256: hex::encode(Sha256::digest(bytes)),
        note: note.into(),
    })
}

/// The plaintext of a stored file, after checking it decrypts and matches its hash.
pub fn open(st: &AppState, id: &str, nonce: &str, ciphertext: &[u8], sha256: &str) -> Result<Vec<u8>, AppError> {
    let plain = key(st)?.open(id, nonce, ciphertext).map_err(|e| AppError::Internal(format!("file {id}: {e}")))?;
    if hex::encode(Sha256::digest(&plain)) != sha256 {
        return Err(AppError::Internal(format!("file {id}: content does not match its SHA-256")));
    }
    Ok(plain)
}

/// The name the caller signs uploads with.
pub fn label(caller: &Caller) -> String {
    match caller {
        Caller::User { username, .. } => username.clone(),
        _ => String::new(),
    }
}

/// Stores `u` as a file of `owner` (the caller's right to add to it already checked), with the audit
/// event `action` on `object` in the same transaction.
pub async fn attach(
    st: &AppState,
    caller: &Caller,
    owner: Owner,
    owner_id: &str,
    u: Upload,
    action: &str,
    object: Object,
) -> Result<StoredFile, AppError> {
    let actor = caller.actor().ok_or(AppError::Unauthenticated)?;
    let key = key(st)?;
    let c = check(st, &u.name, &u.note, &u.bytes)?;
    let f = StoredFile {
        id: uuid::Uuid::now_v7().to_string(),
        owner_id: owner_id.to_owned(),
        name: c.name,
        media_type: c.media_type,
        size: u.bytes.len() as i64,
        sha256: c.sha256,
        note: c.note,
        uploaded_by: actor.user,
        uploaded_by_label: label(caller),
        created_at: st.now(),
    };
    let (nonce, ct) = key.seal(&f.id, &u.bytes).map_err(AppError::Internal)?;
    let mut tx = st.store.write().await?;
    files::insert(&mut tx, owner, &f, &nonce, &ct).await?;
    let details = json!({"file": f.id, "name": f.name, "size": f.size, "sha256": f.sha256, "media_type": f.media_type});
    record(st, &mut tx, caller, action, &object.with(details), Outcome::Success).await?;
    commit(tx).await?;
    Ok(f)
}

/// The files of `owner` (the caller's right to see it already checked).
pub async fn list(st: &AppState, owner: Owner, owner_id: &str) -> Result<Vec<StoredFile>, AppError> {
    let mut c = st.store.read().await?;
    Ok(files::of_owner(&mut c, owner, owner_id).await?)
}

/// One file of `owner` with its plaintext (the caller's right to see the owner already checked); the
/// download is audited as `action` on `object`.
pub async fn download(
    st: &AppState,
    caller: &Caller,
    owner: Owner,
    owner_id: &str,
    file: &str,
    action: &str,
    object: Object,
) -> Result<(StoredFile, Vec<u8>), AppError> {
    let found = {
        let mut c = st.store.read().await?;
        files::get(&mut c, owner, owner_id, file).await?
    };
    let (f, nonce, ct) = found.ok_or(AppError::NotFound("file"))?;
    let plain = open(st, &f.id, &nonce, &ct, &f.sha256)?;
    let details = json!({"file": f.id, "name": f.name, "sha256": f.sha256});
    record_alone(st, caller, action, &object.with(details), Outcome::Success).await;
    Ok((f, plain))
}
