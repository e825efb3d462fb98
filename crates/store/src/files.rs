//! Files of meetings and knowledge-base documents, stored encrypted (the store never sees a key or
//! plaintext). A file belongs to one owner; the services decide who sees the owner.

use crate::Result;
use crate::row::{RowExt, uuid_of};
use liaison_domain::UserId;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// What a file belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Owner {
    Meeting,
    Knowledge,
}

impl Owner {
    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Meeting => "meeting",
            Owner::Knowledge => "knowledge",
        }
    }
}

/// A file's description (without its content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    pub id: String,
    pub owner_id: String,
    pub name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub note: String,
    pub uploaded_by: UserId,
    pub uploaded_by_label: String,
    pub created_at: i64,
}

const COLUMNS: &str = "id, owner_id, name, media_type, size, sha256, note, uploaded_by, uploaded_by_label, created_at";

fn from_row(r: &AnyRow) -> Result<StoredFile> {
    Ok(StoredFile {
        id: r.s("id")?,
        owner_id: r.s("owner_id")?,
        name: r.s("name")?,
        media_type: r.s("media_type")?,
        size: r.i("size")?,
        sha256: r.s("sha256")?,
        note: r.s("note")?,
        uploaded_by: UserId(uuid_of("uploaded_by", &r.s("uploaded_by")?)?),
        uploaded_by_label: r.s("uploaded_by_label")?,
        created_at: r.i("created_at")?,
    })
}

pub async fn insert(
    conn: &mut AnyConnection,
    owner: Owner,
    f: &StoredFile,
    nonce: &str,
    ciphertext: &[u8],
) -> Result<()> {
    sqlx::query(
        "INSERT INTO files (id, owner, owner_id, name, media_type, size, sha256, note, nonce, content, uploaded_by,
            uploaded_by_label, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&f.id)
    .bind(owner.as_str())
    .bind(&f.owner_id)
    .bind(&f.name)
    .bind(&f.media_type)
    .bind(f.size)
    .bind(&f.sha256)
    .bind(&f.note)
    .bind(nonce)
    .bind(ciphertext.to_vec())
    .bind(f.uploaded_by.to_string())
    .bind(&f.uploaded_by_label)
    .bind(f.created_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The files of one owner, oldest first.
pub async fn of_owner(conn: &mut AnyConnection, owner: Owner, owner_id: &str) -> Result<Vec<StoredFile>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM files WHERE owner = $1 AND owner_id = $2 ORDER BY created_at, id"
    )))
    .bind(owner.as_str())
    .bind(owner_id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// The description, the nonce and the ciphertext of one file of an owner.
pub async fn get(
    conn: &mut AnyConnection,
    owner: Owner,
    owner_id: &str,
    id: &str,
) -> Result<Option<(StoredFile, String, Vec<u8>)>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}, nonce, content FROM files WHERE owner = $1 AND owner_id = $2 AND id = $3"
    )))
    .bind(owner.as_str())
    .bind(owner_id)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    match row {
        Some(r) => Ok(Some((from_row(&r)?, r.s("nonce")?, r.try_get::<Vec<u8>, _>("content")?))),
        None => Ok(None),
    }
}

/// Removes every file of an owner (when the owner itself goes); returns how many.
pub async fn delete_of_owner(conn: &mut AnyConnection, owner: Owner, owner_id: &str) -> Result<u64> {
    let done = sqlx::query("DELETE FROM files WHERE owner = $1 AND owner_id = $2")
        .bind(owner.as_str())
        .bind(owner_id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}
