//! The append-only, hash-chained audit trail. Appends happen inside the caller's write transaction,
//! so an action and its audit event commit together or not at all.

use crate::row::RowExt;
use crate::{Result, StoreError};
use liaison_domain::audit::{AuditEvent, ChainError, ChainVerifier, NewAuditEvent, Outcome, chain_hash};
use liaison_domain::policy::OrgScope;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

/// Appends an event at the end of the chain. The head row is updated first, which takes the row lock
/// on PostgreSQL (and SQLite's write transactions are already exclusive), so appends serialise.
pub async fn append(conn: &mut AnyConnection, e: &NewAuditEvent) -> Result<AuditEvent> {
    let (seq, prev_hash): (i64, String) =
        sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
            .fetch_one(&mut *conn)
            .await?;
    let hash = chain_hash(&prev_hash, seq, e);
    sqlx::query(
        "INSERT INTO audit_events (seq, id, at_ms, actor_user, actor_label, actor_org, action, object_kind, object_id,
            object_org, client, outcome, details, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(seq)
    .bind(&e.id)
    .bind(e.at_ms)
    .bind(e.actor_user.clone())
    .bind(&e.actor_label)
    .bind(e.actor_org.clone())
    .bind(&e.action)
    .bind(e.object_kind.clone())
    .bind(e.object_id.clone())
    .bind(e.object_org.clone())
    .bind(e.client.clone())
    .bind(e.outcome.as_str())
    .bind(&e.details)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1").bind(&hash).execute(conn).await?;
    Ok(AuditEvent { seq, event: e.clone(), prev_hash, hash })
}

fn from_row(r: &AnyRow) -> Result<AuditEvent> {
    let outcome = r.s("outcome")?;
    Ok(AuditEvent {
        seq: r.i("seq")?,
        event: NewAuditEvent {
            id: r.s("id")?,
            at_ms: r.i("at_ms")?,
            actor_user: r.os("actor_user")?,
            actor_label: r.s("actor_label")?,
            actor_org: r.os("actor_org")?,
            action: r.s("action")?,
            object_kind: r.os("object_kind")?,
            object_id: r.os("object_id")?,
            object_org: r.os("object_org")?,
            client: r.os("client")?,
            outcome: Outcome::parse(&outcome)
                .ok_or_else(|| StoreError::Corrupt(format!("audit outcome '{outcome}'")))?,
            details: r.s("details")?,
        },
        prev_hash: r.s("prev_hash")?,
        hash: r.s("hash")?,
    })
}

const SELECT: &str = "SELECT seq, id, at_ms, actor_user, actor_label, actor_org, action, object_kind, object_id,
    object_org, client, outcome, details, prev_hash, hash FROM audit_events";

/// Filters of the auditor's page and the export. All optional; all must hold.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    /// Fragment of the actor's label (user name).
    pub actor: Option<String>,
    /// Action name or its prefix (`user.` matches every user action).
    pub action: Option<String>,
    pub outcome: Option<Outcome>,
    pub object_id: Option<String>,
    pub from_ms: Option<i64>,
    pub to_ms: Option<i64>,
    /// Only events with a sequence number greater than this (for streaming exports).
    pub after_seq: Option<i64>,
}

const FILTER: &str = "WHERE ($1 IS NULL OR actor_org = $1 OR object_org = $1)
    AND ($2 IS NULL OR LOWER(actor_label) LIKE $2 ESCAPE '\\')
    AND ($3 IS NULL OR action LIKE $3 ESCAPE '\\')
    AND ($4 IS NULL OR outcome = $4)
    AND ($5 IS NULL OR object_id = $5)
    AND ($6 IS NULL OR at_ms >= $6)
    AND ($7 IS NULL OR at_ms < $7)
    AND ($8 IS NULL OR seq > $8)";

/// Events visible under `scope` matching `f`, newest first (or oldest first when `ascending`).
pub async fn list(
    conn: &mut AnyConnection,
    scope: OrgScope,
    f: &AuditFilter,
    ascending: bool,
    limit: u32,
    offset: u64,
) -> Result<(Vec<AuditEvent>, u64)> {
    let org = match scope {
        OrgScope::All => None,
        OrgScope::Only(o) => Some(o.to_string()),
    };
    let actor = f.actor.as_deref().map(|a| format!("%{}%", crate::like_text(a)));
    let action = f.action.as_deref().map(|a| format!("{}%", crate::like_text(a)));
    let order = if ascending { "ASC" } else { "DESC" };
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} {FILTER} ORDER BY seq {order} LIMIT $9 OFFSET $10")))
        .bind(org.clone())
        .bind(actor.clone())
        .bind(action.clone())
        .bind(f.outcome.map(|o| o.as_str()))
        .bind(f.object_id.clone())
        .bind(f.from_ms)
        .bind(f.to_ms)
        .bind(f.after_seq)
        .bind(i64::from(limit))
        .bind(offset as i64)
        .fetch_all(&mut *conn)
        .await?;
    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM audit_events {FILTER}")))
        .bind(org)
        .bind(actor)
        .bind(action)
        .bind(f.outcome.map(|o| o.as_str()))
        .bind(f.object_id.clone())
        .bind(f.from_ms)
        .bind(f.to_ms)
        .bind(f.after_seq)
        .fetch_one(conn)
        .await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total as u64))
}

/// The chain head: number of events and the last hash.
pub async fn head(conn: &mut AnyConnection) -> Result<(i64, String)> {
    Ok(sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1").fetch_one(conn).await?)
}

/// Outcome of verifying the whole chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    Intact { events: i64, head_hash: String },
    Broken(ChainError),
}

/// Reads the chain in order in batches and checks every link and the head.
pub async fn verify(conn: &mut AnyConnection) -> Result<Verification> {
    const BATCH: i64 = 2000;
    let mut verifier = ChainVerifier::default();
    let mut after = 0i64;
    loop {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE seq > $1 ORDER BY seq ASC LIMIT $2")))
            .bind(after)
            .bind(BATCH)
            .fetch_all(&mut *conn)
            .await?;
        for r in &rows {
            let ev = from_row(r)?;
            if let Err(e) = verifier.push(&ev) {
                return Ok(Verification::Broken(e));
            }
            after = ev.seq;
        }
        if (rows.len() as i64) < BATCH {
            break;
        }
    }
    let (count, hash) = head(conn).await?;
    Ok(match verifier.finish(count, &hash) {
        Ok(n) => Verification::Intact { events: n, head_hash: hash },
        Err(e) => Verification::Broken(e),
    })
}
