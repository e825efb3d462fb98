//! National cases: the checked case document, its team, and need-to-know listing.

use crate::row::{RowExt, parsed, uuid_of};
use crate::{Result, StoreError, like_text};
use liaison_domain::policy::RequestScope;
use liaison_domain::request::Case;
use liaison_domain::{CaseId, OrgId, UserId};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: CaseId,
    pub org: OrgId,
    pub case: Case,
    pub created_by: UserId,
    pub created_at: i64,
    pub updated_at: i64,
    /// Grows by one with every change; an update names the version it read.
    pub version: i64,
}

/// Text a case is found by: its reference, title and the names of its persons, lowercased.
fn search_text(c: &Case) -> String {
    let mut s = format!("{} {}", c.reference, c.title);
    for p in &c.persons {
        s.push(' ');
        s.push_str(&p.name);
        s.push(' ');
        s.push_str(&p.name_latin);
    }
    s.to_lowercase()
}

fn body(c: &Case) -> Result<String> {
    serde_json::to_string(c).map_err(|e| StoreError::Corrupt(format!("case does not serialise: {e}")))
}

const SELECT: &str = "SELECT id, org_id, body, created_by, created_at, updated_at, version FROM cases";

fn from_row(r: &AnyRow) -> Result<CaseRecord> {
    Ok(CaseRecord {
        id: CaseId(uuid_of("id", &r.s("id")?)?),
        org: OrgId(uuid_of("org_id", &r.s("org_id")?)?),
        case: parsed("body", serde_json::from_str::<Case>(&r.s("body")?))?,
        created_by: UserId(uuid_of("created_by", &r.s("created_by")?)?),
        created_at: r.i("created_at")?,
        updated_at: r.i("updated_at")?,
        version: r.i("version")?,
    })
}

pub async fn insert(conn: &mut AnyConnection, c: &CaseRecord) -> Result<()> {
    sqlx::query(
        "INSERT INTO cases (id, org_id, reference, title, search_text, body, created_by, created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(c.id.to_string())
    .bind(c.org.to_string())
    .bind(&c.case.reference)
    .bind(&c.case.title)
    .bind(search_text(&c.case))
    .bind(body(&c.case)?)
    .bind(c.created_by.to_string())
    .bind(c.created_at)
    .bind(c.updated_at)
    .bind(c.version)
    .execute(conn)
    .await
    .map_err(StoreError::conflict_as("a case with this reference in this organisation"))?;
    Ok(())
}

/// Writes `c` if the stored version is still `c.version - 1`; `Conflict` when someone changed it meanwhile.
pub async fn update(conn: &mut AnyConnection, c: &CaseRecord) -> Result<()> {
    let done = sqlx::query(
        "UPDATE cases SET reference = $3, title = $4, search_text = $5, body = $6, updated_at = $7, version = $8
         WHERE id = $1 AND version = $2",
    )
    .bind(c.id.to_string())
    .bind(c.version - 1)
    .bind(&c.case.reference)
    .bind(&c.case.title)
    .bind(search_text(&c.case))
    .bind(body(&c.case)?)
    .bind(c.updated_at)
    .bind(c.version)
    .execute(conn)
    .await
    .map_err(StoreError::conflict_as("a case with this reference in this organisation"))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Stale("case"));
    }
    Ok(())
}

pub async fn get(conn: &mut AnyConnection, id: CaseId) -> Result<Option<CaseRecord>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn add_member(conn: &mut AnyConnection, case: CaseId, user: UserId, at: i64) -> Result<()> {
    sqlx::query(
        "INSERT INTO case_members (case_id, user_id, added_at) VALUES ($1, $2, $3)
         ON CONFLICT (case_id, user_id) DO NOTHING",
    )
    .bind(case.to_string())
    .bind(user.to_string())
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn remove_member(conn: &mut AnyConnection, case: CaseId, user: UserId) -> Result<bool> {
    let done = sqlx::query("DELETE FROM case_members WHERE case_id = $1 AND user_id = $2")
        .bind(case.to_string())
        .bind(user.to_string())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn members(conn: &mut AnyConnection, case: CaseId) -> Result<Vec<UserId>> {
    let rows: Vec<String> =
        sqlx::query_scalar("SELECT user_id FROM case_members WHERE case_id = $1 ORDER BY added_at, user_id")
            .bind(case.to_string())
            .fetch_all(conn)
            .await?;
    rows.iter().map(|s| Ok(UserId(uuid_of("user_id", s)?))).collect()
}

pub async fn is_member(conn: &mut AnyConnection, case: CaseId, user: UserId) -> Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_members WHERE case_id = $1 AND user_id = $2")
        .bind(case.to_string())
        .bind(user.to_string())
        .fetch_one(conn)
        .await?;
    Ok(n > 0)
}

/// The cases in scope, newest first, optionally matching a text.
pub async fn list(
    conn: &mut AnyConnection,
    scope: RequestScope,
    q: Option<&str>,
    limit: u32,
    offset: u64,
) -> Result<(Vec<CaseRecord>, u64)> {
    let member = scope.team_member.map(|u| u.to_string());
    let pattern = q.map(like_text).filter(|s| !s.is_empty()).map(|s| format!("%{s}%"));
    let filter = "org_id = $1
        AND ($2 IS NULL OR id IN (SELECT case_id FROM case_members WHERE user_id = $2))
        AND ($3 IS NULL OR search_text LIKE $3 ESCAPE '\\')";
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE {filter} ORDER BY created_at DESC, id LIMIT $4 OFFSET $5"
    )))
    .bind(scope.org.to_string())
    .bind(member.clone())
    .bind(pattern.clone())
    .bind(i64::from(limit))
    .bind(offset as i64)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM cases WHERE {filter}")))
        .bind(scope.org.to_string())
        .bind(member)
        .bind(pattern)
        .fetch_one(conn)
        .await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total as u64))
}
