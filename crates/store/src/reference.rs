//! Reference data records (instruments, provisions, authorities, networks) as checked JSON documents.

use crate::Result;
use crate::row::RowExt;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// `instrument`, `provisions`, `authority` or `network`.
    pub kind: String,
    pub id: String,
    pub country: Option<String>,
    pub body: String,
    pub confirmed_on: Option<String>,
    /// `shipped`, `import` or `edit`.
    pub origin: String,
    /// Where the content comes from, as the person who wrote it said (URL, letter, call…).
    pub provenance: String,
    pub updated_at: i64,
    pub updated_by: Option<String>,
}

fn from_row(r: &AnyRow) -> Result<Record> {
    Ok(Record {
        kind: r.s("kind")?,
        id: r.s("id")?,
        country: r.os("country")?,
        body: r.s("body")?,
        confirmed_on: r.os("confirmed_on")?,
        origin: r.s("origin")?,
        provenance: r.s("provenance")?,
        updated_at: r.i("updated_at")?,
        updated_by: r.os("updated_by")?,
    })
}

/// What writing a record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    Inserted,
    Updated,
    Unchanged,
    /// Left alone: the record exists and only missing records were to be added.
    Kept,
}

/// Inserts or replaces a record; `overwrite == false` adds it only when absent. An identical body is
/// not rewritten, so importing the same data twice changes nothing.
pub async fn put(conn: &mut AnyConnection, r: &Record, overwrite: bool) -> Result<Written> {
    let existing = get(conn, &r.kind, &r.id).await?;
    match existing {
        None => {
            sqlx::query(
                "INSERT INTO reference_records (kind, id, country, body, confirmed_on, origin, provenance, updated_at, updated_by)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
            )
            .bind(&r.kind)
            .bind(&r.id)
            .bind(r.country.clone())
            .bind(&r.body)
            .bind(r.confirmed_on.clone())
            .bind(&r.origin)
            .bind(&r.provenance)
            .bind(r.updated_at)
            .bind(r.updated_by.clone())
            .execute(conn)
            .await?;
            Ok(Written::Inserted)
        }
        Some(_) if !overwrite => Ok(Written::Kept),
        Some(old) if old.body == r.body && old.confirmed_on == r.confirmed_on => Ok(Written::Unchanged),
        Some(_) => {
            sqlx::query(
                "UPDATE reference_records SET country = $3, body = $4, confirmed_on = $5, origin = $6, provenance = $7,
                    updated_at = $8, updated_by = $9 WHERE kind = $1 AND id = $2",
            )
            .bind(&r.kind)
            .bind(&r.id)
            .bind(r.country.clone())
            .bind(&r.body)
            .bind(r.confirmed_on.clone())
            .bind(&r.origin)
            .bind(&r.provenance)
            .bind(r.updated_at)
            .bind(r.updated_by.clone())
            .execute(conn)
            .await?;
            Ok(Written::Updated)
        }
    }
}

pub async fn get(conn: &mut AnyConnection, kind: &str, id: &str) -> Result<Option<Record>> {
    let row = sqlx::query(
        "SELECT kind, id, country, body, confirmed_on, origin, provenance, updated_at, updated_by
         FROM reference_records WHERE kind = $1 AND id = $2",
    )
    .bind(kind)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Every record of a kind, ordered by id.
pub async fn list(conn: &mut AnyConnection, kind: &str) -> Result<Vec<Record>> {
    let rows = sqlx::query(
        "SELECT kind, id, country, body, confirmed_on, origin, provenance, updated_at, updated_by
         FROM reference_records WHERE kind = $1 ORDER BY id",
    )
    .bind(kind)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// A cheap fingerprint of all reference records, to tell whether a cached, parsed copy is still current
/// (also across several servers sharing one database).
pub async fn stamp(conn: &mut AnyConnection) -> Result<(i64, i64, i64)> {
    Ok(sqlx::query_as(
        "SELECT COUNT(*), COALESCE(MAX(updated_at), 0), COALESCE(SUM(LENGTH(body)), 0) FROM reference_records",
    )
    .fetch_one(conn)
    .await?)
}
