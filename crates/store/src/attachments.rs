//! Files attached to requests, stored encrypted (the store never sees a key or plaintext).

use crate::Result;
use crate::row::{RowExt, uuid_of};
use liaison_domain::{RequestId, UserId};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// An attachment's description (without its content).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: String,
    pub request: RequestId,
    pub side: String,
    pub kind: String,
    pub name: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub note: String,
    pub uploaded_by: UserId,
    pub uploaded_by_label: String,
    pub created_at: i64,
}

const COLUMNS: &str =
    "id, request_id, side, kind, name, media_type, size, sha256, note, uploaded_by, uploaded_by_label, created_at";

fn from_row(r: &AnyRow) -> Result<Attachment> {
    Ok(Attachment {
        id: r.s("id")?,
        request: RequestId(uuid_of("request_id", &r.s("request_id")?)?),
        side: r.s("side")?,
        kind: r.s("kind")?,
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

pub async fn insert(conn: &mut AnyConnection, a: &Attachment, nonce: &str, ciphertext: &[u8]) -> Result<()> {
    sqlx::query(
        "INSERT INTO attachments (id, request_id, side, kind, name, media_type, size, sha256, note, nonce, content,
            uploaded_by, uploaded_by_label, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(&a.id)
    .bind(a.request.to_string())
    .bind(&a.side)
    .bind(&a.kind)
    .bind(&a.name)
    .bind(&a.media_type)
    .bind(a.size)
    .bind(&a.sha256)
    .bind(&a.note)
    .bind(nonce)
    .bind(ciphertext.to_vec())
    .bind(a.uploaded_by.to_string())
    .bind(&a.uploaded_by_label)
    .bind(a.created_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn of_request(conn: &mut AnyConnection, request: RequestId) -> Result<Vec<Attachment>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM attachments WHERE request_id = $1 ORDER BY created_at, id"
    )))
    .bind(request.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// The description, the nonce and the ciphertext of one attachment of a request.
pub async fn get(
    conn: &mut AnyConnection,
    request: RequestId,
    id: &str,
) -> Result<Option<(Attachment, String, Vec<u8>)>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS}, nonce, content FROM attachments WHERE request_id = $1 AND id = $2"
    )))
    .bind(request.to_string())
    .bind(id)
    .fetch_optional(conn)
    .await?;
    match row {
        Some(r) => Ok(Some((from_row(&r)?, r.s("nonce")?, r.try_get::<Vec<u8>, _>("content")?))),
        None => Ok(None),
    }
}
