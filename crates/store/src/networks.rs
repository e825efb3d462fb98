//! Networks' own space: focal points over time and events.

use crate::row::{RowExt, parsed, uuid_of};
use crate::{Result, StoreError};
use liaison_domain::network::{EventBody, EventStatus, FocalPoint};
use liaison_domain::{CountryCode, UserId};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

fn focal_row(r: &AnyRow) -> Result<FocalPoint> {
    Ok(FocalPoint {
        network: r.s("network")?,
        country: parsed("country", CountryCode::parse(&r.s("country")?))?,
        user: UserId(uuid_of("user_id", &r.s("user_id")?)?),
        since: r.i("since")?,
        until: r.oi("until")?,
    })
}

/// The focal points of a network, current ones first, then by state and start.
pub async fn focal_points(conn: &mut AnyConnection, network: &str) -> Result<Vec<FocalPoint>> {
    let rows = sqlx::query(
        "SELECT network, country, user_id, since, until FROM network_focal_points WHERE network = $1
         ORDER BY CASE WHEN until IS NULL THEN 0 ELSE 1 END, country, since DESC",
    )
    .bind(network)
    .fetch_all(conn)
    .await?;
    rows.iter().map(focal_row).collect()
}

/// The current focal point of a state in a network.
pub async fn current_focal_point(
    conn: &mut AnyConnection,
    network: &str,
    country: CountryCode,
) -> Result<Option<FocalPoint>> {
    let row = sqlx::query(
        "SELECT network, country, user_id, since, until FROM network_focal_points
         WHERE network = $1 AND country = $2 AND until IS NULL",
    )
    .bind(network)
    .bind(country.as_str())
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(focal_row).transpose()
}

/// Ends the current term of the state (if `ended` is given) and starts `next`; `Stale` when another
/// handover came first.
pub async fn hand_over(conn: &mut AnyConnection, ended: Option<&FocalPoint>, next: &FocalPoint) -> Result<()> {
    if let Some(p) = ended {
        let done = sqlx::query(
            "UPDATE network_focal_points SET until = $4 WHERE network = $1 AND country = $2 AND user_id = $3
             AND until IS NULL",
        )
        .bind(p.network.clone())
        .bind(p.country.as_str())
        .bind(p.user.to_string())
        .bind(p.until)
        .execute(&mut *conn)
        .await?;
        if done.rows_affected() == 0 {
            return Err(StoreError::Stale("focal point"));
        }
    }
    sqlx::query("INSERT INTO network_focal_points (id, network, country, user_id, since, until) VALUES ($1, $2, $3, $4, $5, NULL)")
        .bind(uuid::Uuid::now_v7().to_string())
        .bind(next.network.clone())
        .bind(next.country.as_str())
        .bind(next.user.to_string())
        .bind(next.since)
        .execute(conn)
        .await?;
    Ok(())
}

/// What a handover passed on: the groups where the successor was given the predecessor's seat, and how many
/// open tasks moved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HandedOver {
    pub seats: Vec<String>,
    pub tasks: u64,
}

/// Passes `from`'s seats in the groups where they sit for `org` (with the same role, where `to` has none)
/// and `from`'s open tasks of `org` to `to`.
pub async fn hand_over_items(
    conn: &mut AnyConnection,
    from: UserId,
    to: UserId,
    org: liaison_domain::OrgId,
    at: i64,
) -> Result<HandedOver> {
    let seats: Vec<String> = sqlx::query_scalar(
        "SELECT m.group_id FROM group_members m WHERE m.user_id = $1 AND m.org_id = $3
           AND NOT EXISTS (SELECT 1 FROM group_members x WHERE x.group_id = m.group_id AND x.user_id = $2)
         ORDER BY m.group_id",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(org.to_string())
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO group_members (group_id, user_id, org_id, role, added_at)
         SELECT m.group_id, $2, $3, m.role, $4 FROM group_members m
         WHERE m.user_id = $1 AND m.org_id = $3
           AND NOT EXISTS (SELECT 1 FROM group_members x WHERE x.group_id = m.group_id AND x.user_id = $2)",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(org.to_string())
    .bind(at)
    .execute(&mut *conn)
    .await?;
    let done = sqlx::query(
        "UPDATE group_tasks SET owner_id = $2, updated_at = $4, version = version + 1
         WHERE owner_id = $1 AND party_org_id = $3 AND status IN ('open', 'in_progress')",
    )
    .bind(from.to_string())
    .bind(to.to_string())
    .bind(org.to_string())
    .bind(at)
    .execute(conn)
    .await?;
    Ok(HandedOver { seats, tasks: done.rows_affected() })
}

#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    pub id: uuid::Uuid,
    pub network: String,
    pub status: EventStatus,
    pub body: EventBody,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
}

const EVENT: &str = "SELECT id, network, status, body, created_by, created_at, updated_at, version FROM network_events";

fn event_row(r: &AnyRow) -> Result<EventRecord> {
    Ok(EventRecord {
        id: uuid_of("id", &r.s("id")?)?,
        network: r.s("network")?,
        status: parsed("status", EventStatus::parse(&r.s("status")?).ok_or("unknown status"))?,
        body: parsed("body", serde_json::from_str(&r.s("body")?))?,
        created_by: crate::row::opt_uuid("created_by", r.os("created_by")?)?.map(UserId),
        created_at: r.i("created_at")?,
        updated_at: r.i("updated_at")?,
        version: r.i("version")?,
    })
}

fn body_json(b: &EventBody) -> Result<String> {
    serde_json::to_string(b).map_err(|e| StoreError::Corrupt(format!("event does not serialise: {e}")))
}

pub async fn insert_event(conn: &mut AnyConnection, e: &EventRecord) -> Result<()> {
    sqlx::query(
        "INSERT INTO network_events (id, network, status, starts, body, created_by, created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(e.id.to_string())
    .bind(e.network.clone())
    .bind(e.status.as_str())
    .bind(e.body.starts.to_string())
    .bind(body_json(&e.body)?)
    .bind(e.created_by.map(|u| u.to_string()))
    .bind(e.created_at)
    .bind(e.updated_at)
    .bind(e.version)
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes `e` if the stored version is still `e.version - 1`; `Stale` otherwise.
pub async fn update_event(conn: &mut AnyConnection, e: &EventRecord) -> Result<()> {
    let done = sqlx::query(
        "UPDATE network_events SET status = $3, starts = $4, body = $5, updated_at = $6, version = $7
         WHERE id = $1 AND version = $2",
    )
    .bind(e.id.to_string())
    .bind(e.version - 1)
    .bind(e.status.as_str())
    .bind(e.body.starts.to_string())
    .bind(body_json(&e.body)?)
    .bind(e.updated_at)
    .bind(e.version)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Stale("event"));
    }
    Ok(())
}

pub async fn get_event(conn: &mut AnyConnection, id: uuid::Uuid) -> Result<Option<EventRecord>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{EVENT} WHERE id = $1")))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(event_row).transpose()
}

/// A network's events, the latest first.
pub async fn events(conn: &mut AnyConnection, network: &str) -> Result<Vec<EventRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{EVENT} WHERE network = $1 ORDER BY starts DESC, id")))
        .bind(network)
        .fetch_all(conn)
        .await?;
    rows.iter().map(event_row).collect()
}
