//! Screenings and their hits: who searched, why, with which engine and threshold; each hit with its score,
//! explanation and review decision; decisions that stick for the same query and notice.

use crate::row::{RowExt, opt_uuid, parsed, uuid_of};
use crate::{Result, StoreError};
use liaison_domain::{HitId, NoticeId, OrgId, ScreeningId, UserId};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screening {
    pub id: ScreeningId,
    pub org: OrgId,
    pub user: Option<UserId>,
    /// person, document, vehicle, list
    pub kind: String,
    pub purpose: String,
    /// What was searched, as JSON.
    pub query: String,
    pub algorithm: String,
    pub threshold_milli: i64,
    pub queries: i64,
    pub hits: i64,
    pub created_at: i64,
}

/// A hit's review state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Pending,
    Confirmed,
    FalsePositive,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Pending => "pending",
            Decision::Confirmed => "confirmed",
            Decision::FalsePositive => "false_positive",
        }
    }

    pub fn parse(s: &str) -> Option<Decision> {
        [Decision::Pending, Decision::Confirmed, Decision::FalsePositive].into_iter().find(|d| d.as_str() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub id: HitId,
    pub screening: ScreeningId,
    pub notice: NoticeId,
    pub query_label: String,
    pub query_row: Option<i64>,
    pub score_milli: i64,
    /// The engine's explanation, as JSON.
    pub explanation: String,
    pub decision: Decision,
    pub decided_by: Option<UserId>,
    pub decided_at: Option<i64>,
    pub decision_note: Option<String>,
    pub created_at: i64,
}

pub async fn insert(conn: &mut AnyConnection, s: &Screening) -> Result<()> {
    sqlx::query(
        "INSERT INTO screenings (id, org_id, user_id, kind, purpose, query, algorithm, threshold_milli, queries, hits,
             created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(s.id.to_string())
    .bind(s.org.to_string())
    .bind(s.user.map(|u| u.to_string()))
    .bind(&s.kind)
    .bind(&s.purpose)
    .bind(&s.query)
    .bind(&s.algorithm)
    .bind(s.threshold_milli)
    .bind(s.queries)
    .bind(s.hits)
    .bind(s.created_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records the final counts of a list screening.
pub async fn set_counts(conn: &mut AnyConnection, id: ScreeningId, queries: i64, hits: i64) -> Result<()> {
    sqlx::query("UPDATE screenings SET queries = $2, hits = $3 WHERE id = $1")
        .bind(id.to_string())
        .bind(queries)
        .bind(hits)
        .execute(conn)
        .await?;
    Ok(())
}

const SELECT_S: &str = "SELECT id, org_id, user_id, kind, purpose, query, algorithm, threshold_milli, queries, hits,
    created_at FROM screenings";

fn screening_from(r: &AnyRow) -> Result<Screening> {
    Ok(Screening {
        id: ScreeningId(uuid_of("id", &r.s("id")?)?),
        org: OrgId(uuid_of("org_id", &r.s("org_id")?)?),
        user: opt_uuid("user_id", r.os("user_id")?)?.map(UserId),
        kind: r.s("kind")?,
        purpose: r.s("purpose")?,
        query: r.s("query")?,
        algorithm: r.s("algorithm")?,
        threshold_milli: r.i("threshold_milli")?,
        queries: r.i("queries")?,
        hits: r.i("hits")?,
        created_at: r.i("created_at")?,
    })
}

pub async fn get(conn: &mut AnyConnection, id: ScreeningId) -> Result<Option<Screening>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT_S} WHERE id = $1")))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(screening_from).transpose()
}

pub async fn list(conn: &mut AnyConnection, org: OrgId, limit: u32, offset: u64) -> Result<Vec<Screening>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT_S} WHERE org_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3"
    )))
    .bind(org.to_string())
    .bind(i64::from(limit))
    .bind(offset as i64)
    .fetch_all(conn)
    .await?;
    rows.iter().map(screening_from).collect()
}

pub async fn insert_hit(conn: &mut AnyConnection, h: &Hit) -> Result<()> {
    sqlx::query(
        "INSERT INTO screening_hits (id, screening_id, notice_id, query_label, query_row, score_milli, explanation,
             decision, decided_by, decided_at, decision_note, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(h.id.to_string())
    .bind(h.screening.to_string())
    .bind(h.notice.to_string())
    .bind(&h.query_label)
    .bind(h.query_row)
    .bind(h.score_milli)
    .bind(&h.explanation)
    .bind(h.decision.as_str())
    .bind(h.decided_by.map(|u| u.to_string()))
    .bind(h.decided_at)
    .bind(h.decision_note.clone())
    .bind(h.created_at)
    .execute(conn)
    .await?;
    Ok(())
}

const SELECT_H: &str = "SELECT h.id, h.screening_id, h.notice_id, h.query_label, h.query_row, h.score_milli,
    h.explanation, h.decision, h.decided_by, h.decided_at, h.decision_note, h.created_at FROM screening_hits h";

fn hit_from(r: &AnyRow) -> Result<Hit> {
    Ok(Hit {
        id: HitId(uuid_of("id", &r.s("id")?)?),
        screening: ScreeningId(uuid_of("screening_id", &r.s("screening_id")?)?),
        notice: NoticeId(uuid_of("notice_id", &r.s("notice_id")?)?),
        query_label: r.s("query_label")?,
        query_row: r.oi("query_row")?,
        score_milli: r.i("score_milli")?,
        explanation: r.s("explanation")?,
        decision: parsed("decision", Decision::parse(&r.s("decision")?).ok_or("unknown decision"))?,
        decided_by: opt_uuid("decided_by", r.os("decided_by")?)?.map(UserId),
        decided_at: r.oi("decided_at")?,
        decision_note: r.os("decision_note")?,
        created_at: r.i("created_at")?,
    })
}

/// The hits of one screening, best first.
pub async fn hits_of(conn: &mut AnyConnection, screening: ScreeningId) -> Result<Vec<Hit>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT_H} WHERE h.screening_id = $1 ORDER BY h.score_milli DESC, h.query_row, h.id"
    )))
    .bind(screening.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(hit_from).collect()
}

/// The review queue of an organisation: its pending hits, oldest first.
pub async fn pending(conn: &mut AnyConnection, org: OrgId, limit: u32) -> Result<Vec<Hit>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT_H} JOIN screenings s ON s.id = h.screening_id
         WHERE s.org_id = $1 AND h.decision = 'pending' ORDER BY h.created_at, h.id LIMIT $2"
    )))
    .bind(org.to_string())
    .bind(i64::from(limit))
    .fetch_all(conn)
    .await?;
    rows.iter().map(hit_from).collect()
}

pub async fn get_hit(conn: &mut AnyConnection, id: HitId) -> Result<Option<Hit>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT_H} WHERE h.id = $1")))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(hit_from).transpose()
}

/// Records a decision on a pending hit; `Stale` when it was decided meanwhile.
pub async fn decide(
    conn: &mut AnyConnection,
    id: HitId,
    decision: Decision,
    by: UserId,
    at: i64,
    note: Option<&str>,
) -> Result<()> {
    let done = sqlx::query(
        "UPDATE screening_hits SET decision = $2, decided_by = $3, decided_at = $4, decision_note = $5
         WHERE id = $1 AND decision = 'pending'",
    )
    .bind(id.to_string())
    .bind(decision.as_str())
    .bind(by.to_string())
    .bind(at)
    .bind(note)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Stale("hit"));
    }
    Ok(())
}

/// The hits on an owner's notice: who searched (organisation) and why, for the owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HitOnNotice {
    pub hit: Hit,
    pub searching_org: OrgId,
    pub purpose: String,
}

pub async fn hits_on_notice(conn: &mut AnyConnection, notice: NoticeId, limit: u32) -> Result<Vec<HitOnNotice>> {
    let rows = sqlx::query(
        "SELECT h.id, h.screening_id, h.notice_id, h.query_label, h.query_row, h.score_milli, h.explanation,
             h.decision, h.decided_by, h.decided_at, h.decision_note, h.created_at, s.org_id AS searching_org,
             s.purpose AS purpose
         FROM screening_hits h JOIN screenings s ON s.id = h.screening_id
         WHERE h.notice_id = $1 ORDER BY h.created_at DESC, h.id LIMIT $2",
    )
    .bind(notice.to_string())
    .bind(i64::from(limit))
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(HitOnNotice {
                hit: hit_from(r)?,
                searching_org: OrgId(uuid_of("searching_org", &r.s("searching_org")?)?),
                purpose: r.s("purpose")?,
            })
        })
        .collect()
}

/// Remembers a decision for this organisation, query and notice (replacing an earlier one).
pub async fn remember(
    conn: &mut AnyConnection,
    org: OrgId,
    query_key: &str,
    notice: NoticeId,
    decision: Decision,
    by: UserId,
    at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO screening_verdicts (org_id, query_key, notice_id, decision, decided_by, decided_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (org_id, query_key, notice_id) DO UPDATE SET decision = $4, decided_by = $5, decided_at = $6",
    )
    .bind(org.to_string())
    .bind(query_key)
    .bind(notice.to_string())
    .bind(decision.as_str())
    .bind(by.to_string())
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// An earlier decision for this organisation, query and notice.
pub async fn verdict(
    conn: &mut AnyConnection,
    org: OrgId,
    query_key: &str,
    notice: NoticeId,
) -> Result<Option<Decision>> {
    let row =
        sqlx::query("SELECT decision FROM screening_verdicts WHERE org_id = $1 AND query_key = $2 AND notice_id = $3")
            .bind(org.to_string())
            .bind(query_key)
            .bind(notice.to_string())
            .fetch_optional(conn)
            .await?;
    row.map(|r| parsed("decision", Decision::parse(&r.s("decision")?).ok_or("unknown decision"))).transpose()
}
