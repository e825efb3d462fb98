//! In-app notifications and the e-mail outbox.

use crate::Result;
use crate::row::{RowExt, opt_uuid, parsed, uuid_of};
use liaison_domain::{RequestId, UserId};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq)]
pub struct Notification {
    pub id: String,
    pub user: UserId,
    /// `deadline`, `incoming` or `step`.
    pub kind: String,
    pub request: Option<RequestId>,
    pub params: serde_json::Value,
    pub created_at: i64,
    pub read_at: Option<i64>,
}

fn from_row(r: &AnyRow) -> Result<Notification> {
    Ok(Notification {
        id: r.s("id")?,
        user: UserId(uuid_of("user_id", &r.s("user_id")?)?),
        kind: r.s("kind")?,
        request: opt_uuid("request_id", r.os("request_id")?)?.map(RequestId),
        params: parsed("params", serde_json::from_str(&r.s("params")?))?,
        created_at: r.i("created_at")?,
        read_at: r.oi("read_at")?,
    })
}

pub async fn insert(conn: &mut AnyConnection, n: &Notification) -> Result<()> {
    sqlx::query(
        "INSERT INTO notifications (id, user_id, kind, request_id, params, created_at, read_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&n.id)
    .bind(n.user.to_string())
    .bind(&n.kind)
    .bind(n.request.map(|r| r.to_string()))
    .bind(n.params.to_string())
    .bind(n.created_at)
    .bind(n.read_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A user's notifications, newest first; `unread_only` leaves out those read.
pub async fn list(
    conn: &mut AnyConnection,
    user: UserId,
    unread_only: bool,
    limit: u32,
    offset: u64,
) -> Result<(Vec<Notification>, u64)> {
    let filter = "user_id = $1 AND ($2 = 0 OR read_at IS NULL)";
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT id, user_id, kind, request_id, params, created_at, read_at FROM notifications WHERE {filter}
         ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4"
    )))
    .bind(user.to_string())
    .bind(i64::from(unread_only))
    .bind(i64::from(limit))
    .bind(offset as i64)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 =
        sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM notifications WHERE {filter}")))
            .bind(user.to_string())
            .bind(i64::from(unread_only))
            .fetch_one(conn)
            .await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total as u64))
}

pub async fn unread_count(conn: &mut AnyConnection, user: UserId) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM notifications WHERE user_id = $1 AND read_at IS NULL")
        .bind(user.to_string())
        .fetch_one(conn)
        .await?)
}

/// Marks one (or, with `None`, every) notification of the user read; returns how many changed.
pub async fn mark_read(conn: &mut AnyConnection, user: UserId, id: Option<&str>, at: i64) -> Result<u64> {
    let done = sqlx::query(
        "UPDATE notifications SET read_at = $3 WHERE user_id = $1 AND ($2 IS NULL OR id = $2) AND read_at IS NULL",
    )
    .bind(user.to_string())
    .bind(id)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected())
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mail {
    pub id: String,
    pub to: String,
    pub subject: String,
    pub body: String,
    pub created_at: i64,
    pub attempts: i64,
}

pub async fn enqueue(conn: &mut AnyConnection, m: &Mail) -> Result<()> {
    sqlx::query(
        "INSERT INTO mail_outbox (id, to_address, subject, body, created_at, attempts, next_attempt_at)
         VALUES ($1, $2, $3, $4, $5, 0, $5)",
    )
    .bind(&m.id)
    .bind(&m.to)
    .bind(&m.subject)
    .bind(&m.body)
    .bind(m.created_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Mails not yet sent whose next attempt is due, oldest first.
pub async fn due_mail(conn: &mut AnyConnection, now: i64, limit: u32) -> Result<Vec<Mail>> {
    let rows = sqlx::query(
        "SELECT id, to_address, subject, body, created_at, attempts FROM mail_outbox
         WHERE sent_at IS NULL AND next_attempt_at <= $1 AND attempts < 10 ORDER BY created_at, id LIMIT $2",
    )
    .bind(now)
    .bind(i64::from(limit))
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Mail {
                id: r.s("id")?,
                to: r.s("to_address")?,
                subject: r.s("subject")?,
                body: r.s("body")?,
                created_at: r.i("created_at")?,
                attempts: r.i("attempts")?,
            })
        })
        .collect()
}

/// Claims a due mail for sending until `until` (so another node does not send it too); `false` when
/// another node claimed or sent it first.
pub async fn claim(conn: &mut AnyConnection, id: &str, now: i64, until: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE mail_outbox SET next_attempt_at = $3 WHERE id = $1 AND sent_at IS NULL AND next_attempt_at <= $2",
    )
    .bind(id)
    .bind(now)
    .bind(until)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn mark_sent(conn: &mut AnyConnection, id: &str, at: i64) -> Result<()> {
    sqlx::query("UPDATE mail_outbox SET sent_at = $2, attempts = attempts + 1, last_error = NULL WHERE id = $1")
        .bind(id)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records a failed attempt and when to try again.
pub async fn mark_failed(conn: &mut AnyConnection, id: &str, error: &str, retry_at: i64) -> Result<()> {
    sqlx::query("UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2, next_attempt_at = $3 WHERE id = $1")
        .bind(id)
        .bind(error)
        .bind(retry_at)
        .execute(conn)
        .await?;
    Ok(())
}

/// (sent, waiting, failed for good) counts, for the metrics and the administrator.
pub async fn outbox_counts(conn: &mut AnyConnection) -> Result<(i64, i64, i64)> {
    let sent: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NOT NULL").fetch_one(&mut *conn).await?;
    let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND attempts < 10")
        .fetch_one(&mut *conn)
        .await?;
    let failed: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND attempts >= 10")
        .fetch_one(conn)
        .await?;
    Ok((sent, waiting, failed))
}
