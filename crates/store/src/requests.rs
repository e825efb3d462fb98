//! Requests: the checked draft, status and dates, numbering, the timeline, deadlines, the registry
//! (outgoing and incoming) and the backlog of unanswered requests per counterpart country.

use crate::row::{RowExt, opt_uuid, parsed, uuid_of};
use crate::{Result, StoreError, like_text};
use liaison_domain::legal_basis::CooperationType;
use liaison_domain::policy::RequestScope;
use liaison_domain::request::deadline::DeadlineKind;
use liaison_domain::request::{Draft, Status, Urgency};
use liaison_domain::{CaseId, CountryCode, OrgId, RequestId, UserId};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestRecord {
    pub id: RequestId,
    pub case: CaseId,
    /// The requesting organisation.
    pub org: OrgId,
    pub requesting_country: CountryCode,
    /// The requested organisation, when it uses this installation.
    pub requested_org: Option<OrgId>,
    pub status: Status,
    pub our_reference: String,
    pub their_reference: Option<String>,
    /// The request this one supplements.
    pub parent: Option<RequestId>,
    pub draft: Draft,
    /// The completeness check found nothing blocking at the last write.
    pub complete: bool,
    pub created_by: UserId,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
    pub sent_at: Option<i64>,
    pub acknowledged_at: Option<i64>,
    pub closed_at: Option<i64>,
    pub refusal_grounds: Vec<String>,
    /// What the request cited of its case when it was sent.
    pub sent_cited: Option<liaison_domain::request::Case>,
}

impl RequestRecord {
    pub fn kind(&self) -> CooperationType {
        self.draft.kind
    }
    pub fn requested_country(&self) -> CountryCode {
        self.draft.requested_country
    }
    pub fn urgency(&self) -> Urgency {
        self.draft.urgency
    }
}

const SELECT: &str = "SELECT id, case_id, org_id, requesting_country, requested_org_id, status, our_reference,
    their_reference, parent_id, body, complete, created_by, created_at, updated_at, version, sent_at,
    acknowledged_at, closed_at, refusal_grounds, sent_cited FROM requests";

fn from_row(r: &AnyRow) -> Result<RequestRecord> {
    let status = r.s("status")?;
    Ok(RequestRecord {
        id: RequestId(uuid_of("id", &r.s("id")?)?),
        case: CaseId(uuid_of("case_id", &r.s("case_id")?)?),
        org: OrgId(uuid_of("org_id", &r.s("org_id")?)?),
        requesting_country: parsed("requesting_country", CountryCode::parse(&r.s("requesting_country")?))?,
        requested_org: opt_uuid("requested_org_id", r.os("requested_org_id")?)?.map(OrgId),
        status: Status::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("column status: '{status}'")))?,
        our_reference: r.s("our_reference")?,
        their_reference: r.os("their_reference")?,
        parent: opt_uuid("parent_id", r.os("parent_id")?)?.map(RequestId),
        draft: parsed("body", serde_json::from_str::<Draft>(&r.s("body")?))?,
        complete: r.b("complete")?,
        created_by: UserId(uuid_of("created_by", &r.s("created_by")?)?),
        created_at: r.i("created_at")?,
        updated_at: r.i("updated_at")?,
        version: r.i("version")?,
        sent_at: r.oi("sent_at")?,
        acknowledged_at: r.oi("acknowledged_at")?,
        closed_at: r.oi("closed_at")?,
        refusal_grounds: match r.os("refusal_grounds")? {
            Some(s) => parsed("refusal_grounds", serde_json::from_str(&s))?,
            None => Vec::new(),
        },
        sent_cited: r.os("sent_cited")?.map(|s| parsed("sent_cited", serde_json::from_str(&s))).transpose()?,
    })
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(format!("does not serialise: {e}")))
}

/// The next number of the organisation for (year, kind): `{country}-{KIND}-{year}-{nnnn}`.
pub async fn next_reference(
    conn: &mut AnyConnection,
    org: OrgId,
    country: CountryCode,
    kind: CooperationType,
    year: i32,
) -> Result<String> {
    let code = match kind {
        CooperationType::Mla => "MLA",
        CooperationType::Extradition => "EXT",
        CooperationType::TransferOfProceedings => "TOP",
        CooperationType::TransferOfSentencedPersons => "TSP",
        CooperationType::Confiscation => "CONF",
        CooperationType::RecognitionOfJudgment => "REC",
    };
    sqlx::query(
        "INSERT INTO request_counters (org_id, year, kind, last) VALUES ($1, $2, $3, 1)
         ON CONFLICT (org_id, year, kind) DO UPDATE SET last = request_counters.last + 1",
    )
    .bind(org.to_string())
    .bind(i64::from(year))
    .bind(code)
    .execute(&mut *conn)
    .await?;
    let n: i64 = sqlx::query_scalar("SELECT last FROM request_counters WHERE org_id = $1 AND year = $2 AND kind = $3")
        .bind(org.to_string())
        .bind(i64::from(year))
        .bind(code)
        .fetch_one(conn)
        .await?;
    Ok(format!("{country}-{code}-{year}-{n:04}"))
}

/// Inserts `r`; `false` (and nothing written) when its reference is already taken — by another
/// organisation of the same country numbering its own requests — so the caller takes the next number.
pub async fn insert(conn: &mut AnyConnection, r: &RequestRecord) -> Result<bool> {
    let done = sqlx::query(
        "INSERT INTO requests (id, case_id, org_id, requesting_country, requested_country, requested_org_id, kind,
            status, urgency, our_reference, their_reference, parent_id, body, complete, created_by, created_at,
            updated_at, version, sent_at, acknowledged_at, closed_at, refusal_grounds, sent_cited)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23)
         ON CONFLICT (our_reference) DO NOTHING",
    )
    .bind(r.id.to_string())
    .bind(r.case.to_string())
    .bind(r.org.to_string())
    .bind(r.requesting_country.as_str())
    .bind(r.requested_country().as_str())
    .bind(r.requested_org.map(|o| o.to_string()))
    .bind(r.kind().as_str())
    .bind(r.status.as_str())
    .bind(r.urgency().as_str())
    .bind(&r.our_reference)
    .bind(r.their_reference.clone())
    .bind(r.parent.map(|p| p.to_string()))
    .bind(json(&r.draft)?)
    .bind(i64::from(r.complete))
    .bind(r.created_by.to_string())
    .bind(r.created_at)
    .bind(r.updated_at)
    .bind(r.version)
    .bind(r.sent_at)
    .bind(r.acknowledged_at)
    .bind(r.closed_at)
    .bind((!r.refusal_grounds.is_empty()).then(|| json(&r.refusal_grounds)).transpose()?)
    .bind(r.sent_cited.as_ref().map(json).transpose()?)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Writes `r` if the stored version is still `r.version - 1`; `Conflict` when it was changed meanwhile.
pub async fn update(conn: &mut AnyConnection, r: &RequestRecord) -> Result<()> {
    let done = sqlx::query(
        "UPDATE requests SET requested_country = $3, requested_org_id = $4, kind = $5, status = $6, urgency = $7,
            their_reference = $8, body = $9, complete = $10, updated_at = $11, version = $12, sent_at = $13,
            acknowledged_at = $14, closed_at = $15, refusal_grounds = $16, sent_cited = $17
         WHERE id = $1 AND version = $2",
    )
    .bind(r.id.to_string())
    .bind(r.version - 1)
    .bind(r.requested_country().as_str())
    .bind(r.requested_org.map(|o| o.to_string()))
    .bind(r.kind().as_str())
    .bind(r.status.as_str())
    .bind(r.urgency().as_str())
    .bind(r.their_reference.clone())
    .bind(json(&r.draft)?)
    .bind(i64::from(r.complete))
    .bind(r.updated_at)
    .bind(r.version)
    .bind(r.sent_at)
    .bind(r.acknowledged_at)
    .bind(r.closed_at)
    .bind((!r.refusal_grounds.is_empty()).then(|| json(&r.refusal_grounds)).transpose()?)
    .bind(r.sent_cited.as_ref().map(json).transpose()?)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Stale("request"));
    }
    Ok(())
}

pub async fn get(conn: &mut AnyConnection, id: RequestId) -> Result<Option<RequestRecord>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1")))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn of_case(conn: &mut AnyConnection, case: CaseId) -> Result<Vec<RequestRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE case_id = $1 ORDER BY created_at, id")))
        .bind(case.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(from_row).collect()
}

pub async fn supplements(conn: &mut AnyConnection, parent: RequestId) -> Result<Vec<RequestRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE parent_id = $1 ORDER BY created_at, id")))
        .bind(parent.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(from_row).collect()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Requests the organisation made.
    Outgoing,
    /// Requests sent to the organisation.
    Incoming,
}

/// What the registry shows.
#[derive(Debug, Clone)]
pub struct RegistryFilter {
    pub scope: RequestScope,
    pub direction: Direction,
    pub status: Option<Status>,
    pub kind: Option<CooperationType>,
    /// The counterpart country (requested state for outgoing, requesting state for incoming).
    pub country: Option<CountryCode>,
    /// A fragment of a reference.
    pub q: Option<String>,
    /// Only requests sent and not yet answered.
    pub pending_only: bool,
}

const PENDING: &str = "('sent', 'received', 'acknowledged', 'in_execution')";

fn registry_where(f: &RegistryFilter) -> String {
    let side = match f.direction {
        Direction::Outgoing => {
            "org_id = $1 AND ($2 IS NULL OR case_id IN (SELECT case_id FROM case_members WHERE user_id = $2))
             AND ($5 IS NULL OR requested_country = $5)"
        }
        // Incoming requests are the central authority's; a team-scoped list has none.
        Direction::Incoming => {
            "requested_org_id = $1 AND $2 IS NULL AND sent_at IS NOT NULL
             AND ($5 IS NULL OR requesting_country = $5)"
        }
    };
    let pending = if f.pending_only { format!(" AND status IN {PENDING}") } else { String::new() };
    format!(
        "{side} AND ($3 IS NULL OR status = $3) AND ($4 IS NULL OR kind = $4)
         AND ($6 IS NULL OR LOWER(our_reference) LIKE $6 ESCAPE '\\' OR LOWER(their_reference) LIKE $6 ESCAPE '\\'){pending}"
    )
}

/// The registry: requests in scope and direction, newest first (by sending, then creation).
pub async fn list(
    conn: &mut AnyConnection,
    f: &RegistryFilter,
    limit: u32,
    offset: u64,
) -> Result<(Vec<RequestRecord>, u64)> {
    let w = registry_where(f);
    let pattern = f.q.as_deref().map(like_text).filter(|s| !s.is_empty()).map(|s| format!("%{s}%"));
    let binds = (
        f.scope.org.to_string(),
        f.scope.team_member.map(|u| u.to_string()),
        f.status.map(|s| s.as_str()),
        f.kind.map(|k| k.as_str()),
        f.country.map(|c| c.to_string()),
        pattern,
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE {w} ORDER BY COALESCE(sent_at, created_at) DESC, id LIMIT $7 OFFSET $8"
    )))
    .bind(binds.0.clone())
    .bind(binds.1.clone())
    .bind(binds.2)
    .bind(binds.3)
    .bind(binds.4.clone())
    .bind(binds.5.clone())
    .bind(i64::from(limit))
    .bind(offset as i64)
    .fetch_all(&mut *conn)
    .await?;
    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM requests WHERE {w}")))
        .bind(binds.0)
        .bind(binds.1)
        .bind(binds.2)
        .bind(binds.3)
        .bind(binds.4)
        .bind(binds.5)
        .fetch_one(conn)
        .await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total as u64))
}

/// Unanswered requests to one counterpart country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backlog {
    pub country: CountryCode,
    pub count: i64,
    /// When the oldest of them was sent.
    pub oldest_sent_at: i64,
    /// How many have an answer deadline before the given day.
    pub overdue: i64,
}

/// The organisation's requests sent and not yet answered, per requested country, oldest backlog first.
pub async fn unanswered(conn: &mut AnyConnection, scope: RequestScope, today: &str) -> Result<Vec<Backlog>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT r.requested_country AS country, COUNT(*) AS n, MIN(r.sent_at) AS oldest,
                SUM(CASE WHEN d.due < $3 THEN 1 ELSE 0 END) AS overdue
         FROM requests r LEFT JOIN request_deadlines d ON d.request_id = r.id AND d.kind = 'answer'
         WHERE r.org_id = $1 AND r.status IN {PENDING}
           AND ($2 IS NULL OR r.case_id IN (SELECT case_id FROM case_members WHERE user_id = $2))
         GROUP BY r.requested_country ORDER BY MIN(r.sent_at), r.requested_country"
    )))
    .bind(scope.org.to_string())
    .bind(scope.team_member.map(|u| u.to_string()))
    .bind(today)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Backlog {
                country: parsed("country", CountryCode::parse(&r.s("country")?))?,
                count: r.i("n")?,
                oldest_sent_at: r.oi("oldest")?.unwrap_or(0),
                overdue: r.oi("overdue")?.unwrap_or(0),
            })
        })
        .collect()
}

/// One entry of a request's timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub request: RequestId,
    pub seq: i64,
    pub at_ms: i64,
    pub actor_user: Option<UserId>,
    pub actor_label: String,
    pub actor_org: Option<OrgId>,
    /// `created`, `edited`, `transition`, `reminder`, `deadline`, `supplementary`.
    pub kind: String,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    pub on_behalf: bool,
    pub comment: String,
    pub details: serde_json::Value,
}

/// Appends an event with the next sequence number of the request.
pub async fn append_event(conn: &mut AnyConnection, e: &Event) -> Result<i64> {
    // Take the request's row lock first (PostgreSQL; SQLite's writer lock is already held), so that two
    // writers on one request never compute the same sequence number.
    sqlx::query("UPDATE requests SET updated_at = updated_at WHERE id = $1")
        .bind(e.request.to_string())
        .execute(&mut *conn)
        .await?;
    let seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM request_events WHERE request_id = $1")
        .bind(e.request.to_string())
        .fetch_one(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO request_events (request_id, seq, at_ms, actor_user, actor_label, actor_org, kind, from_status,
            to_status, on_behalf, comment, details)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(e.request.to_string())
    .bind(seq)
    .bind(e.at_ms)
    .bind(e.actor_user.map(|u| u.to_string()))
    .bind(&e.actor_label)
    .bind(e.actor_org.map(|o| o.to_string()))
    .bind(&e.kind)
    .bind(e.from_status.map(|s| s.as_str()))
    .bind(e.to_status.map(|s| s.as_str()))
    .bind(i64::from(e.on_behalf))
    .bind(&e.comment)
    .bind(e.details.to_string())
    .execute(conn)
    .await?;
    Ok(seq)
}

pub async fn events(conn: &mut AnyConnection, request: RequestId) -> Result<Vec<Event>> {
    let rows = sqlx::query(
        "SELECT request_id, seq, at_ms, actor_user, actor_label, actor_org, kind, from_status, to_status, on_behalf,
            comment, details FROM request_events WHERE request_id = $1 ORDER BY seq",
    )
    .bind(request.to_string())
    .fetch_all(conn)
    .await?;
    let status = |v: Option<String>| -> Result<Option<Status>> {
        v.map(|s| Status::parse(&s).ok_or_else(|| StoreError::Corrupt(format!("event status '{s}'")))).transpose()
    };
    rows.iter()
        .map(|r| {
            Ok(Event {
                request: RequestId(uuid_of("request_id", &r.s("request_id")?)?),
                seq: r.i("seq")?,
                at_ms: r.i("at_ms")?,
                actor_user: opt_uuid("actor_user", r.os("actor_user")?)?.map(UserId),
                actor_label: r.s("actor_label")?,
                actor_org: opt_uuid("actor_org", r.os("actor_org")?)?.map(OrgId),
                kind: r.s("kind")?,
                from_status: status(r.os("from_status")?)?,
                to_status: status(r.os("to_status")?)?,
                on_behalf: r.b("on_behalf")?,
                comment: r.s("comment")?,
                details: parsed("details", serde_json::from_str(&r.s("details")?))?,
            })
        })
        .collect()
}

/// A deadline of a request as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDeadline {
    pub request: RequestId,
    pub kind: DeadlineKind,
    /// `YYYY-MM-DD`.
    pub due: String,
    /// The `DeadlineSource` as JSON.
    pub source: String,
    /// Ordinal of the last reminder stage sent (0: none).
    pub last_stage: i64,
    pub met_at: Option<i64>,
}

pub async fn put_deadline(conn: &mut AnyConnection, d: &StoredDeadline) -> Result<()> {
    sqlx::query(
        "INSERT INTO request_deadlines (request_id, kind, due, source, last_stage, met_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (request_id, kind) DO UPDATE SET due = $3, source = $4, last_stage = $5, met_at = $6",
    )
    .bind(d.request.to_string())
    .bind(d.kind.as_str())
    .bind(&d.due)
    .bind(&d.source)
    .bind(d.last_stage)
    .bind(d.met_at)
    .execute(conn)
    .await?;
    Ok(())
}

fn deadline_from_row(r: &AnyRow) -> Result<StoredDeadline> {
    let kind = r.s("kind")?;
    Ok(StoredDeadline {
        request: RequestId(uuid_of("request_id", &r.s("request_id")?)?),
        kind: DeadlineKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("deadline kind '{kind}'")))?,
        due: r.s("due")?,
        source: r.s("source")?,
        last_stage: r.i("last_stage")?,
        met_at: r.oi("met_at")?,
    })
}

pub async fn deadlines(conn: &mut AnyConnection, request: RequestId) -> Result<Vec<StoredDeadline>> {
    let rows = sqlx::query(
        "SELECT request_id, kind, due, source, last_stage, met_at FROM request_deadlines WHERE request_id = $1
         ORDER BY due, kind",
    )
    .bind(request.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(deadline_from_row).collect()
}

pub async fn delete_deadline(conn: &mut AnyConnection, request: RequestId, kind: DeadlineKind) -> Result<()> {
    sqlx::query("DELETE FROM request_deadlines WHERE request_id = $1 AND kind = $2")
        .bind(request.to_string())
        .bind(kind.as_str())
        .execute(conn)
        .await?;
    Ok(())
}

/// Marks a deadline met (the acknowledgement came, the request was answered or sent).
pub async fn meet_deadline(conn: &mut AnyConnection, request: RequestId, kind: DeadlineKind, at: i64) -> Result<()> {
    sqlx::query("UPDATE request_deadlines SET met_at = $3 WHERE request_id = $1 AND kind = $2 AND met_at IS NULL")
        .bind(request.to_string())
        .bind(kind.as_str())
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}

/// Open deadlines due on or before `until` (`YYYY-MM-DD`): the candidates for a reminder.
pub async fn open_deadlines_until(conn: &mut AnyConnection, until: &str, limit: u32) -> Result<Vec<StoredDeadline>> {
    let rows = sqlx::query(
        "SELECT request_id, kind, due, source, last_stage, met_at FROM request_deadlines
         WHERE met_at IS NULL AND due <= $1 ORDER BY due, request_id, kind LIMIT $2",
    )
    .bind(until)
    .bind(i64::from(limit))
    .fetch_all(conn)
    .await?;
    rows.iter().map(deadline_from_row).collect()
}

/// Records that the reminder of `stage` was sent, unless another run did it first (then `false`).
pub async fn advance_stage(
    conn: &mut AnyConnection,
    request: RequestId,
    kind: DeadlineKind,
    from: i64,
    to: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE request_deadlines SET last_stage = $4 WHERE request_id = $1 AND kind = $2 AND last_stage = $3",
    )
    .bind(request.to_string())
    .bind(kind.as_str())
    .bind(from)
    .bind(to)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub use liaison_domain::statistics::Course;

/// The course of every request the organisation sent or received, sent between `from` and `to` (ms).
pub async fn courses(conn: &mut AnyConnection, org: OrgId, from: i64, to: i64) -> Result<Vec<Course>> {
    let rows = sqlx::query(
        "SELECT org_id, kind, status, requesting_country, requested_country, sent_at, acknowledged_at, closed_at,
                refusal_grounds
         FROM requests WHERE (org_id = $1 OR requested_org_id = $1) AND sent_at IS NOT NULL AND sent_at >= $2 AND sent_at < $3
         ORDER BY sent_at",
    )
    .bind(org.to_string())
    .bind(from)
    .bind(to)
    .fetch_all(conn)
    .await?;
    rows.iter().map(course_row).collect()
}

/// A request's course from a row with its kind, status, countries, times and refusal grounds.
pub(crate) fn course_row(r: &AnyRow) -> Result<Course> {
    Ok(Course {
        kind: r.s("kind")?,
        status: r.s("status")?,
        requesting_country: r.s("requesting_country")?,
        requested_country: r.s("requested_country")?,
        sent_at: r.oi("sent_at")?.unwrap_or(0),
        acknowledged_at: r.oi("acknowledged_at")?,
        closed_at: r.oi("closed_at")?,
        refusal_grounds: match r.os("refusal_grounds")? {
            Some(s) => parsed("refusal_grounds", serde_json::from_str(&s))?,
            None => Vec::new(),
        },
    })
}
