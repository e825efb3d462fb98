//! Request templates, per organisation and name.

use crate::Result;
use crate::row::{RowExt, parsed, uuid_of};
use liaison_domain::request::Draft;
use liaison_domain::{OrgId, UserId};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub id: String,
    pub org: OrgId,
    pub name: String,
    pub draft: Draft,
    pub created_by: UserId,
    pub created_at: i64,
    pub updated_at: i64,
}

fn from_row(r: &AnyRow) -> Result<Template> {
    Ok(Template {
        id: r.s("id")?,
        org: OrgId(uuid_of("org_id", &r.s("org_id")?)?),
        name: r.s("name")?,
        draft: parsed("body", serde_json::from_str::<Draft>(&r.s("body")?))?,
        created_by: UserId(uuid_of("created_by", &r.s("created_by")?)?),
        created_at: r.i("created_at")?,
        updated_at: r.i("updated_at")?,
    })
}

const SELECT: &str = "SELECT id, org_id, name, kind, body, created_by, created_at, updated_at FROM request_templates";

/// Inserts, or replaces the template of the same name; returns what is stored.
pub async fn upsert(conn: &mut AnyConnection, t: &Template) -> Result<Template> {
    let body = serde_json::to_string(&t.draft).map_err(|e| crate::StoreError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO request_templates (id, org_id, name, kind, body, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (org_id, name) DO UPDATE SET kind = $4, body = $5, updated_at = $8",
    )
    .bind(&t.id)
    .bind(t.org.to_string())
    .bind(&t.name)
    .bind(t.draft.kind.as_str())
    .bind(body)
    .bind(t.created_by.to_string())
    .bind(t.created_at)
    .bind(t.updated_at)
    .execute(&mut *conn)
    .await?;
    get(conn, t.org, &t.name).await?.ok_or(crate::StoreError::NotFound("template"))
}

pub async fn get(conn: &mut AnyConnection, org: OrgId, name: &str) -> Result<Option<Template>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE org_id = $1 AND name = $2")))
        .bind(org.to_string())
        .bind(name.trim())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn list(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<Template>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE org_id = $1 ORDER BY name")))
        .bind(org.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(from_row).collect()
}

pub async fn delete(conn: &mut AnyConnection, org: OrgId, name: &str) -> Result<bool> {
    let done = sqlx::query("DELETE FROM request_templates WHERE org_id = $1 AND name = $2")
        .bind(org.to_string())
        .bind(name.trim())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}
