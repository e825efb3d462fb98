//! API tokens for programs: shown once, stored as SHA-256 of the secret, scoped, expiring, revocable.

use crate::row::{RowExt, uuid_of};
use crate::{Result, StoreError};
use liaison_domain::policy::Scope;
use liaison_domain::{TokenId, UserId};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiToken {
    pub id: TokenId,
    pub user_id: UserId,
    pub name: String,
    /// The first characters of the token, shown so its owner can recognise it.
    pub prefix: String,
    pub secret_hash: String,
    pub scopes: Vec<Scope>,
    pub created_at: i64,
    pub expires_at: i64,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

fn from_row(r: &AnyRow) -> Result<ApiToken> {
    let scopes = r
        .s("scopes")?
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| Scope::parse(s).ok_or_else(|| StoreError::Corrupt(format!("token scope '{s}'"))))
        .collect::<Result<Vec<_>>>()?;
    Ok(ApiToken {
        id: TokenId(uuid_of("id", &r.s("id")?)?),
        user_id: UserId(uuid_of("user_id", &r.s("user_id")?)?),
        name: r.s("name")?,
        prefix: r.s("prefix")?,
        secret_hash: r.s("secret_hash")?,
        scopes,
        created_at: r.i("created_at")?,
        expires_at: r.i("expires_at")?,
        last_used_at: r.oi("last_used_at")?,
        revoked_at: r.oi("revoked_at")?,
    })
}

const SELECT: &str = "SELECT id, user_id, name, prefix, secret_hash, scopes, created_at, expires_at, last_used_at, revoked_at FROM api_tokens";

pub async fn insert(conn: &mut AnyConnection, t: &ApiToken) -> Result<()> {
    let scopes: Vec<&str> = t.scopes.iter().map(|s| s.as_str()).collect();
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, name, prefix, secret_hash, scopes, created_at, expires_at, last_used_at, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(t.id.to_string())
    .bind(t.user_id.to_string())
    .bind(&t.name)
    .bind(&t.prefix)
    .bind(&t.secret_hash)
    .bind(scopes.join(","))
    .bind(t.created_at)
    .bind(t.expires_at)
    .bind(t.last_used_at)
    .bind(t.revoked_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn get(conn: &mut AnyConnection, id: TokenId) -> Result<Option<ApiToken>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn get_by_secret_hash(conn: &mut AnyConnection, hash: &str) -> Result<Option<ApiToken>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE secret_hash = $1")))
        .bind(hash)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn list_for_user(
    conn: &mut AnyConnection,
    user: UserId,
    limit: u32,
    offset: u64,
) -> Result<(Vec<ApiToken>, u64)> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE user_id = $1 ORDER BY created_at DESC LIMIT $2 OFFSET $3"
    )))
    .bind(user.to_string())
    .bind(i64::from(limit))
    .bind(offset as i64)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM api_tokens WHERE user_id = $1")
        .bind(user.to_string())
        .fetch_one(conn)
        .await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total as u64))
}

pub async fn revoke(conn: &mut AnyConnection, id: TokenId, now: i64) -> Result<bool> {
    let done = sqlx::query("UPDATE api_tokens SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL")
        .bind(id.to_string())
        .bind(now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn revoke_all_for_user(conn: &mut AnyConnection, user: UserId, now: i64) -> Result<u64> {
    let done = sqlx::query("UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
        .bind(user.to_string())
        .bind(now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Records use; written at most once a minute per token.
pub async fn touch(conn: &mut AnyConnection, id: TokenId, now: i64) -> Result<()> {
    sqlx::query(
        "UPDATE api_tokens SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)",
    )
    .bind(id.to_string())
    .bind(now)
    .bind(now - 60_000)
    .execute(conn)
    .await?;
    Ok(())
}
