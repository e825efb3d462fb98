//! Server-side login sessions. The cookie carries a random secret; only its SHA-256 is stored.

use crate::Result;
use crate::row::{RowExt, uuid_of};
use liaison_domain::UserId;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

/// How far a session has come through login.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Password accepted, second factor still to give.
    SecondFactor,
    /// Logged in, but a second factor is required and not yet enrolled: enrolment only.
    MustEnrol,
    /// Fully logged in.
    Full,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::SecondFactor => "second_factor",
            Stage::MustEnrol => "must_enrol",
            Stage::Full => "full",
        }
    }
    fn parse(s: &str) -> Option<Stage> {
        [Stage::SecondFactor, Stage::MustEnrol, Stage::Full].into_iter().find(|x| x.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id_hash: String,
    pub user_id: UserId,
    pub stage: Stage,
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub client: Option<String>,
    pub user_agent: Option<String>,
    pub revoked_at: Option<i64>,
}

fn from_row(r: &AnyRow) -> Result<Session> {
    let stage = r.s("stage")?;
    Ok(Session {
        id_hash: r.s("id_hash")?,
        user_id: UserId(uuid_of("user_id", &r.s("user_id")?)?),
        stage: Stage::parse(&stage).ok_or_else(|| crate::StoreError::Corrupt(format!("session stage '{stage}'")))?,
        csrf_token: r.s("csrf_token")?,
        created_at: r.i("created_at")?,
        last_seen_at: r.i("last_seen_at")?,
        client: r.os("client")?,
        user_agent: r.os("user_agent")?,
        revoked_at: r.oi("revoked_at")?,
    })
}

pub async fn insert(conn: &mut AnyConnection, s: &Session) -> Result<()> {
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, stage, csrf_token, created_at, last_seen_at, client, user_agent, revoked_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&s.id_hash)
    .bind(s.user_id.to_string())
    .bind(s.stage.as_str())
    .bind(&s.csrf_token)
    .bind(s.created_at)
    .bind(s.last_seen_at)
    .bind(s.client.clone())
    .bind(s.user_agent.clone())
    .bind(s.revoked_at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn get(conn: &mut AnyConnection, id_hash: &str) -> Result<Option<Session>> {
    let row = sqlx::query(
        "SELECT id_hash, user_id, stage, csrf_token, created_at, last_seen_at, client, user_agent, revoked_at
         FROM sessions WHERE id_hash = $1",
    )
    .bind(id_hash)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(from_row).transpose()
}

/// Records activity; only written when the last write is older than `granularity_ms`, to spare the disk.
pub async fn touch(conn: &mut AnyConnection, id_hash: &str, now: i64, granularity_ms: i64) -> Result<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id_hash = $1 AND last_seen_at < $3")
        .bind(id_hash)
        .bind(now)
        .bind(now - granularity_ms)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn set_stage(conn: &mut AnyConnection, id_hash: &str, stage: Stage) -> Result<()> {
    sqlx::query("UPDATE sessions SET stage = $2 WHERE id_hash = $1")
        .bind(id_hash)
        .bind(stage.as_str())
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn revoke(conn: &mut AnyConnection, id_hash: &str, now: i64) -> Result<()> {
    sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE id_hash = $1 AND revoked_at IS NULL")
        .bind(id_hash)
        .bind(now)
        .execute(conn)
        .await?;
    Ok(())
}

/// Revokes every live session of a user ("log out everywhere"); returns how many.
pub async fn revoke_all_for_user(conn: &mut AnyConnection, user: UserId, now: i64) -> Result<u64> {
    let done = sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
        .bind(user.to_string())
        .bind(now)
        .execute(conn)
        .await?;
    Ok(done.rows_affected())
}

/// Revokes every live session of a user except `keep` (after a password change).
pub async fn revoke_others(conn: &mut AnyConnection, user: UserId, keep: &str, now: i64) -> Result<u64> {
    let done =
        sqlx::query("UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL AND id_hash <> $3")
            .bind(user.to_string())
            .bind(now)
            .bind(keep)
            .execute(conn)
            .await?;
    Ok(done.rows_affected())
}

/// One page of the user's sessions that are not revoked and started at or after `since_ms`, most
/// recently used first, with their total.
pub async fn list_live_for_user(
    conn: &mut AnyConnection,
    user: UserId,
    since_ms: i64,
    limit: u32,
    offset: u64,
) -> Result<(Vec<Session>, u64)> {
    let rows = sqlx::query(
        "SELECT id_hash, user_id, stage, csrf_token, created_at, last_seen_at, client, user_agent, revoked_at
         FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND created_at >= $2
         ORDER BY last_seen_at DESC, id_hash LIMIT $3 OFFSET $4",
    )
    .bind(user.to_string())
    .bind(since_ms)
    .bind(i64::from(limit))
    .bind(offset as i64)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND created_at >= $2",
    )
    .bind(user.to_string())
    .bind(since_ms)
    .fetch_one(conn)
    .await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total as u64))
}

/// Deletes sessions that ended before `before_ms` (revoked or idle past their life).
pub async fn purge(conn: &mut AnyConnection, before_ms: i64) -> Result<u64> {
    let done =
        sqlx::query("DELETE FROM sessions WHERE last_seen_at < $1 OR (revoked_at IS NOT NULL AND revoked_at < $1)")
            .bind(before_ms)
            .execute(conn)
            .await?;
    Ok(done.rows_affected())
}
