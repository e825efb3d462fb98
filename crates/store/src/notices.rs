//! Notices: the checked notice document with owner, status and version; visibility by owner and addressees;
//! idempotent import by source identifier; exact lookups of vehicles and documents.

use crate::row::{RowExt, opt_uuid, parsed, uuid_of};
use crate::{Result, StoreError, like_text};
use liaison_domain::notice::{
    NoticeBody, NoticeKind, NoticeStatus, Subject, normalise_document_number, normalise_plate,
};
use liaison_domain::{CountryCode, NoticeId, OrgId, UserId};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq)]
pub struct NoticeRecord {
    pub id: NoticeId,
    pub org: OrgId,
    pub status: NoticeStatus,
    pub body: NoticeBody,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
}

/// Who is looking: notices of their own organisation, and the others' addressed to every member or to their
/// country. `all` is the operator's audit view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Viewer {
    pub org: OrgId,
    pub country: CountryCode,
    pub all: bool,
}

/// The exact key of an object notice: the VIN, else the plate with its country, else the chassis number; the
/// document number with its issuing state.
pub fn object_key(body: &NoticeBody) -> Option<String> {
    match &body.subject {
        Subject::Person(_) => None,
        Subject::Vehicle(v) => v
            .vin
            .as_ref()
            .map(|vin| format!("vin:{vin}"))
            .or_else(|| v.chassis_number.as_ref().map(|c| format!("chassis:{}", normalise_document_number(c)))),
        Subject::Document(d) => Some(document_key(&d.issuing_state, &d.number)),
    }
}

pub fn document_key(state: &str, number: &str) -> String {
    format!("doc:{}:{}", state.trim().to_ascii_uppercase(), normalise_document_number(number))
}

fn search_text(body: &NoticeBody) -> String {
    let mut s = format!("{} {}", body.title, body.label());
    match &body.subject {
        Subject::Person(p) => {
            for n in p.all_names() {
                s.push(' ');
                s.push_str(&n);
            }
            for d in &p.identity_documents {
                s.push(' ');
                s.push_str(&d.nr);
            }
        }
        Subject::Vehicle(v) => {
            for x in [&v.plate, &v.chassis_number, &v.make, &v.model].into_iter().flatten() {
                s.push(' ');
                s.push_str(x);
            }
            // The plate once more without spaces and dashes, for plate lookups however it is typed.
            if let Some(p) = &v.plate {
                s.push_str(" plate:");
                s.push_str(&normalise_plate(p).to_lowercase());
            }
        }
        Subject::Document(d) => {
            s.push(' ');
            s.push_str(&d.number);
            if let Some(h) = &d.holder_name {
                s.push(' ');
                s.push_str(h);
            }
        }
    }
    s.to_lowercase()
}

fn addressees(body: &NoticeBody) -> String {
    if body.addressees.is_empty() {
        String::new()
    } else {
        format!(",{},", body.addressees.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(","))
    }
}

fn json(body: &NoticeBody) -> Result<String> {
    serde_json::to_string(body).map_err(|e| StoreError::Corrupt(format!("notice does not serialise: {e}")))
}

const SELECT: &str = "SELECT id, org_id, status, body, created_by, created_at, updated_at, version FROM notices";

fn from_row(r: &AnyRow) -> Result<NoticeRecord> {
    Ok(NoticeRecord {
        id: NoticeId(uuid_of("id", &r.s("id")?)?),
        org: OrgId(uuid_of("org_id", &r.s("org_id")?)?),
        status: parsed("status", NoticeStatus::parse(&r.s("status")?).ok_or("unknown status"))?,
        body: parsed("body", serde_json::from_str::<NoticeBody>(&r.s("body")?))?,
        created_by: opt_uuid("created_by", r.os("created_by")?)?.map(UserId),
        created_at: r.i("created_at")?,
        updated_at: r.i("updated_at")?,
        version: r.i("version")?,
    })
}

pub async fn insert(conn: &mut AnyConnection, n: &NoticeRecord) -> Result<()> {
    sqlx::query(
        "INSERT INTO notices (id, org_id, kind, status, source_id, label, search_text, addressees, object_key,
             review_date, body, created_by, created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(n.id.to_string())
    .bind(n.org.to_string())
    .bind(n.body.kind.as_str())
    .bind(n.status.as_str())
    .bind(n.body.source_id.clone())
    .bind(n.body.label())
    .bind(search_text(&n.body))
    .bind(addressees(&n.body))
    .bind(object_key(&n.body))
    .bind(n.body.review_date.map(|d| d.to_string()))
    .bind(json(&n.body)?)
    .bind(n.created_by.map(|u| u.to_string()))
    .bind(n.created_at)
    .bind(n.updated_at)
    .bind(n.version)
    .execute(conn)
    .await
    .map_err(StoreError::conflict_as("a notice with this source identifier in this organisation"))?;
    Ok(())
}

/// Writes `n` if the stored version is still `n.version - 1`; `Stale` when someone changed it meanwhile.
pub async fn update(conn: &mut AnyConnection, n: &NoticeRecord) -> Result<()> {
    let done = sqlx::query(
        "UPDATE notices SET kind = $3, status = $4, source_id = $5, label = $6, search_text = $7, addressees = $8,
             object_key = $9, review_date = $10, body = $11, updated_at = $12, version = $13
         WHERE id = $1 AND version = $2",
    )
    .bind(n.id.to_string())
    .bind(n.version - 1)
    .bind(n.body.kind.as_str())
    .bind(n.status.as_str())
    .bind(n.body.source_id.clone())
    .bind(n.body.label())
    .bind(search_text(&n.body))
    .bind(addressees(&n.body))
    .bind(object_key(&n.body))
    .bind(n.body.review_date.map(|d| d.to_string()))
    .bind(json(&n.body)?)
    .bind(n.updated_at)
    .bind(n.version)
    .execute(conn)
    .await
    .map_err(StoreError::conflict_as("a notice with this source identifier in this organisation"))?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Stale("notice"));
    }
    Ok(())
}

pub async fn get(conn: &mut AnyConnection, id: NoticeId) -> Result<Option<NoticeRecord>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn by_source(conn: &mut AnyConnection, org: OrgId, source_id: &str) -> Result<Option<NoticeRecord>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE org_id = $1 AND source_id = $2")))
        .bind(org.to_string())
        .bind(source_id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

/// What an import did with one notice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upsert {
    Added(NoticeId),
    Updated(NoticeId),
    Unchanged(NoticeId),
}

/// Adds a notice, or updates the organisation's notice with the same source identifier when its content
/// changed (a cancelled one comes back active). Re-importing a file changes nothing.
pub async fn upsert_by_source(
    conn: &mut AnyConnection,
    org: OrgId,
    body: &NoticeBody,
    new_id: NoticeId,
    user: Option<UserId>,
    now: i64,
) -> Result<Upsert> {
    let existing = match &body.source_id {
        Some(s) => by_source(conn, org, s).await?,
        None => None,
    };
    match existing {
        Some(old) if old.body == *body && old.status == NoticeStatus::Active => Ok(Upsert::Unchanged(old.id)),
        Some(old) => {
            let id = old.id;
            let next = NoticeRecord {
                body: body.clone(),
                status: NoticeStatus::Active,
                updated_at: now,
                version: old.version + 1,
                ..old
            };
            update(conn, &next).await?;
            Ok(Upsert::Updated(id))
        }
        None => {
            let rec = NoticeRecord {
                id: new_id,
                org,
                status: NoticeStatus::Active,
                body: body.clone(),
                created_by: user,
                created_at: now,
                updated_at: now,
                version: 1,
            };
            insert(conn, &rec).await?;
            Ok(Upsert::Added(new_id))
        }
    }
}

/// Filters of the notice list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    pub kind: Option<NoticeKind>,
    pub status: Option<NoticeStatus>,
    pub q: Option<String>,
    /// Only this organisation's notices.
    pub own_only: bool,
}

const VISIBLE: &str = "($1 = 1 OR org_id = $2 OR addressees = '' OR addressees LIKE $3)";

/// The notices a viewer may see, newest first.
pub async fn list(
    conn: &mut AnyConnection,
    viewer: Viewer,
    f: &Filter,
    limit: u32,
    offset: u64,
) -> Result<(Vec<NoticeRecord>, u64)> {
    let pattern = f.q.as_deref().map(like_text).filter(|s| !s.is_empty()).map(|s| format!("%{s}%"));
    let filter = format!(
        "{VISIBLE} AND ($4 IS NULL OR kind = $4) AND ($5 IS NULL OR status = $5)
         AND ($6 IS NULL OR search_text LIKE $6 ESCAPE '\\') AND ($7 = 0 OR org_id = $2)"
    );
    let bind = |sql: String| {
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(i64::from(viewer.all))
            .bind(viewer.org.to_string())
            .bind(format!("%,{},%", viewer.country.as_str()))
            .bind(f.kind.map(|k| k.as_str()))
            .bind(f.status.map(|s| s.as_str()))
            .bind(pattern.clone())
            .bind(i64::from(f.own_only))
    };
    let rows = bind(format!("{SELECT} WHERE {filter} ORDER BY updated_at DESC, id LIMIT $8 OFFSET $9"))
        .bind(i64::from(limit))
        .bind(offset as i64)
        .fetch_all(&mut *conn)
        .await?;
    let total: i64 = {
        let row = bind(format!("SELECT COUNT(*) AS n FROM notices WHERE {filter}")).fetch_one(conn).await?;
        row.i("n")?
    };
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total as u64))
}

/// Whether a viewer may see a notice (the same rule as the list).
pub fn visible(viewer: Viewer, n: &NoticeRecord) -> bool {
    viewer.all || n.org == viewer.org || n.body.visible_to(viewer.country)
}

/// Every active notice, for building the screening index.
pub async fn active(conn: &mut AnyConnection) -> Result<Vec<NoticeRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE status = 'active' ORDER BY created_at, id")))
        .fetch_all(conn)
        .await?;
    rows.iter().map(from_row).collect()
}

/// Changes to notices since an index was built are seen through this: (count, latest change, sum of versions).
pub async fn fingerprint(conn: &mut AnyConnection) -> Result<(i64, i64, i64)> {
    let row = sqlx::query(
        "SELECT COUNT(*) AS n, COALESCE(MAX(updated_at), 0) AS at, CAST(COALESCE(SUM(version), 0) AS BIGINT) AS v
         FROM notices",
    )
    .fetch_one(conn)
    .await?;
    Ok((row.i("n")?, row.i("at")?, row.i("v")?))
}

/// Active notices with this exact object key (a VIN, a document number with its state).
pub async fn by_object_key(conn: &mut AnyConnection, key: &str) -> Result<Vec<NoticeRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE object_key = $1 AND status = 'active' ORDER BY created_at, id"
    )))
    .bind(key)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Active vehicle notices whose plate is this one (plates are not unique keys: compared case- and
/// space-insensitively).
pub async fn by_plate(conn: &mut AnyConnection, plate: &str) -> Result<Vec<NoticeRecord>> {
    let want = normalise_plate(plate);
    if want.is_empty() {
        return Ok(Vec::new());
    }
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE kind = 'stolen_vehicle' AND status = 'active' AND search_text LIKE $1 ESCAPE '\\'"
    )))
    .bind(format!("%plate:{}%", like_text(&want.to_lowercase())))
    .fetch_all(conn)
    .await?;
    let all: Vec<NoticeRecord> = rows.iter().map(from_row).collect::<Result<_>>()?;
    Ok(all
        .into_iter()
        .filter(|n| match &n.body.subject {
            Subject::Vehicle(v) => v.plate.as_deref().map(normalise_plate).as_deref() == Some(want.as_str()),
            _ => false,
        })
        .collect())
}

/// Notices whose review date has passed (`today` as YYYY-MM-DD) and are still active: they expire.
pub async fn due_for_expiry(conn: &mut AnyConnection, today: &str) -> Result<Vec<NoticeRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE status = 'active' AND review_date IS NOT NULL AND review_date < $1 ORDER BY review_date, id"
    )))
    .bind(today)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}
