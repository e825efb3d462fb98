//! Organisations: authorities and international bodies, each with a country.

use crate::row::{RowExt, parsed, uuid_of};
use crate::{Result, StoreError};
use liaison_domain::policy::OrgScope;
use liaison_domain::text::OrgName;
use liaison_domain::{CountryCode, OrgId};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organisation {
    pub id: OrgId,
    pub name: OrgName,
    pub country: CountryCode,
    /// Kind of authority (`central_authority`, `prosecutor`, `police`, `court`, `ministry`, `fiu`,
    /// `international`, `operator`…), validated by the service.
    pub kind: String,
    /// This organisation operates the installation.
    pub is_operator: bool,
    /// Every user of this organisation must use a second factor.
    pub require_totp: bool,
    pub created_at: i64,
    pub updated_at: i64,
}

fn from_row(r: &AnyRow) -> Result<Organisation> {
    Ok(Organisation {
        id: OrgId(uuid_of("id", &r.s("id")?)?),
        name: parsed("name", OrgName::parse(&r.s("name")?))?,
        country: parsed("country", CountryCode::parse(&r.s("country")?))?,
        kind: r.s("kind")?,
        is_operator: r.b("is_operator")?,
        require_totp: r.b("require_totp")?,
        created_at: r.i("created_at")?,
        updated_at: r.i("updated_at")?,
    })
}

pub async fn insert(conn: &mut AnyConnection, o: &Organisation) -> Result<()> {
    sqlx::query(
        "INSERT INTO organisations (id, name, country, kind, is_operator, require_totp, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(o.id.to_string())
    .bind(o.name.as_str())
    .bind(o.country.as_str())
    .bind(&o.kind)
    .bind(i64::from(o.is_operator))
    .bind(i64::from(o.require_totp))
    .bind(o.created_at)
    .bind(o.updated_at)
    .execute(conn)
    .await
    .map_err(StoreError::conflict_as("an organisation with this name in this country"))?;
    Ok(())
}

pub async fn update(conn: &mut AnyConnection, o: &Organisation) -> Result<()> {
    let done = sqlx::query(
        "UPDATE organisations SET name = $2, country = $3, kind = $4, require_totp = $5, updated_at = $6 WHERE id = $1",
    )
    .bind(o.id.to_string())
    .bind(o.name.as_str())
    .bind(o.country.as_str())
    .bind(&o.kind)
    .bind(i64::from(o.require_totp))
    .bind(o.updated_at)
    .execute(conn)
    .await
    .map_err(StoreError::conflict_as("an organisation with this name in this country"))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("organisation"));
    }
    Ok(())
}

pub async fn get(conn: &mut AnyConnection, id: OrgId) -> Result<Option<Organisation>> {
    let sql = "SELECT id, name, country, kind, is_operator, require_totp, created_at, updated_at FROM organisations WHERE id = $1";
    let row = sqlx::query(sql).bind(id.to_string()).fetch_optional(conn).await?;
    row.as_ref().map(from_row).transpose()
}

/// Organisations ordered by country then name, optionally filtered by country and a name fragment.
pub async fn list(
    conn: &mut AnyConnection,
    scope: OrgScope,
    country: Option<CountryCode>,
    limit: u32,
    offset: u64,
) -> Result<(Vec<Organisation>, u64)> {
    let only = match scope {
        OrgScope::All => None,
        OrgScope::Only(o) => Some(o.to_string()),
    };
    let country = country.map(|c| c.to_string());
    let rows = sqlx::query(
        "SELECT id, name, country, kind, is_operator, require_totp, created_at, updated_at FROM organisations
         WHERE ($1 IS NULL OR id = $1) AND ($2 IS NULL OR country = $2)
         ORDER BY country, name LIMIT $3 OFFSET $4",
    )
    .bind(only.clone())
    .bind(country.clone())
    .bind(i64::from(limit))
    .bind(offset as i64)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM organisations WHERE ($1 IS NULL OR id = $1) AND ($2 IS NULL OR country = $2)",
    )
    .bind(only)
    .bind(country)
    .fetch_one(conn)
    .await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total as u64))
}

pub async fn find_operator(conn: &mut AnyConnection) -> Result<Option<Organisation>> {
    let row = sqlx::query(
        "SELECT id, name, country, kind, is_operator, require_totp, created_at, updated_at FROM organisations
         WHERE is_operator = 1 ORDER BY created_at LIMIT 1",
    )
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn find_by_name(conn: &mut AnyConnection, country: CountryCode, name: &str) -> Result<Option<Organisation>> {
    let row = sqlx::query(
        "SELECT id, name, country, kind, is_operator, require_totp, created_at, updated_at FROM organisations
         WHERE country = $1 AND name = $2",
    )
    .bind(country.as_str())
    .bind(name)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}
