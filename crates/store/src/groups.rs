//! Working groups: the group document with status and version, its members (membership is what lets a user
//! see a group at all), its meetings and the tasks of its action plan with their progress notes.

use crate::row::{RowExt, opt_uuid, parsed, uuid_of};
use crate::{Result, StoreError};
use liaison_domain::date::Date;
use liaison_domain::group::meeting::{AgendaItem, MeetingBody, MeetingStatus, Protocol};
use liaison_domain::group::task::{TaskBody, TaskStatus};
use liaison_domain::group::{GroupBody, GroupRole, GroupStatus, Member};
use liaison_domain::{GroupId, MeetingId, OrgId, TaskId, UserId};
use serde::Serialize;
use serde::de::DeserializeOwned;
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

fn json<T: Serialize>(what: &str, v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| StoreError::Corrupt(format!("{what} does not serialise: {e}")))
}

fn from_json<T: DeserializeOwned>(col: &str, s: &str) -> Result<T> {
    parsed(col, serde_json::from_str::<T>(s))
}

#[derive(Debug, Clone, PartialEq)]
pub struct GroupRecord {
    pub id: GroupId,
    pub status: GroupStatus,
    pub body: GroupBody,
    pub created_by: Option<UserId>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
}

const GROUP: &str = "SELECT id, status, body, created_by, created_at, updated_at, version FROM working_groups";

fn group_row(r: &AnyRow) -> Result<GroupRecord> {
    Ok(GroupRecord {
        id: GroupId(uuid_of("id", &r.s("id")?)?),
        status: parsed("status", GroupStatus::parse(&r.s("status")?).ok_or("unknown status"))?,
        body: from_json("body", &r.s("body")?)?,
        created_by: opt_uuid("created_by", r.os("created_by")?)?.map(UserId),
        created_at: r.i("created_at")?,
        updated_at: r.i("updated_at")?,
        version: r.i("version")?,
    })
}

pub async fn insert_group(conn: &mut AnyConnection, g: &GroupRecord) -> Result<()> {
    sqlx::query(
        "INSERT INTO working_groups (id, name, status, body, created_by, created_at, updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(g.id.to_string())
    .bind(g.body.name.clone())
    .bind(g.status.as_str())
    .bind(json("group", &g.body)?)
    .bind(g.created_by.map(|u| u.to_string()))
    .bind(g.created_at)
    .bind(g.updated_at)
    .bind(g.version)
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes `g` if the stored version is still `g.version - 1`; `Stale` otherwise.
pub async fn update_group(conn: &mut AnyConnection, g: &GroupRecord) -> Result<()> {
    let done = sqlx::query(
        "UPDATE working_groups SET name = $3, status = $4, body = $5, updated_at = $6, version = $7
         WHERE id = $1 AND version = $2",
    )
    .bind(g.id.to_string())
    .bind(g.version - 1)
    .bind(g.body.name.clone())
    .bind(g.status.as_str())
    .bind(json("group", &g.body)?)
    .bind(g.updated_at)
    .bind(g.version)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Stale("working group"));
    }
    Ok(())
}

pub async fn get_group(conn: &mut AnyConnection, id: GroupId) -> Result<Option<GroupRecord>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{GROUP} WHERE id = $1")))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(group_row).transpose()
}

/// The groups `user` is a member of, by name.
pub async fn groups_of(conn: &mut AnyConnection, user: UserId) -> Result<Vec<GroupRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{GROUP} WHERE id IN (SELECT group_id FROM group_members WHERE user_id = $1) ORDER BY name, id"
    )))
    .bind(user.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(group_row).collect()
}

/// Every group, by name (the operator's audit view).
pub async fn all_groups(conn: &mut AnyConnection) -> Result<Vec<GroupRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{GROUP} ORDER BY name, id"))).fetch_all(conn).await?;
    rows.iter().map(group_row).collect()
}

/// Replaces the members of a group.
pub async fn set_members(conn: &mut AnyConnection, group: GroupId, members: &[Member], at: i64) -> Result<()> {
    sqlx::query("DELETE FROM group_members WHERE group_id = $1").bind(group.to_string()).execute(&mut *conn).await?;
    for m in members {
        sqlx::query(
            "INSERT INTO group_members (group_id, user_id, org_id, role, added_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(group.to_string())
        .bind(m.user.to_string())
        .bind(m.org.to_string())
        .bind(m.role.as_str())
        .bind(at)
        .execute(&mut *conn)
        .await
        .map_err(StoreError::conflict_as("a member of this group"))?;
    }
    Ok(())
}

pub async fn members(conn: &mut AnyConnection, group: GroupId) -> Result<Vec<Member>> {
    let rows = sqlx::query(
        "SELECT m.user_id, m.org_id, m.role FROM group_members m JOIN users u ON u.id = m.user_id
         WHERE m.group_id = $1 ORDER BY m.role, u.display_name, m.user_id",
    )
    .bind(group.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Member {
                user: UserId(uuid_of("user_id", &r.s("user_id")?)?),
                org: OrgId(uuid_of("org_id", &r.s("org_id")?)?),
                role: parsed("role", GroupRole::parse(&r.s("role")?).ok_or("unknown role"))?,
            })
        })
        .collect()
}

/// The role of `user` in `group`; none for a user who is not a member.
pub async fn role_of(conn: &mut AnyConnection, group: GroupId, user: UserId) -> Result<Option<GroupRole>> {
    let role: Option<String> =
        sqlx::query_scalar("SELECT role FROM group_members WHERE group_id = $1 AND user_id = $2")
            .bind(group.to_string())
            .bind(user.to_string())
            .fetch_optional(conn)
            .await?;
    role.map(|r| parsed("role", GroupRole::parse(&r).ok_or("unknown role"))).transpose()
}

#[derive(Debug, Clone, PartialEq)]
pub struct MeetingRecord {
    pub id: MeetingId,
    pub group: GroupId,
    pub status: MeetingStatus,
    pub body: MeetingBody,
    pub agenda: Vec<AgendaItem>,
    pub attendance: Vec<UserId>,
    pub protocol: Option<Protocol>,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
}

const MEETING: &str = "SELECT id, group_id, status, body, agenda, attendance, protocol, created_at, updated_at, version
     FROM group_meetings";

fn meeting_row(r: &AnyRow) -> Result<MeetingRecord> {
    Ok(MeetingRecord {
        id: MeetingId(uuid_of("id", &r.s("id")?)?),
        group: GroupId(uuid_of("group_id", &r.s("group_id")?)?),
        status: parsed("status", MeetingStatus::parse(&r.s("status")?).ok_or("unknown status"))?,
        body: from_json("body", &r.s("body")?)?,
        agenda: from_json("agenda", &r.s("agenda")?)?,
        attendance: from_json("attendance", &r.s("attendance")?)?,
        protocol: r.os("protocol")?.map(|p| from_json("protocol", &p)).transpose()?,
        created_at: r.i("created_at")?,
        updated_at: r.i("updated_at")?,
        version: r.i("version")?,
    })
}

pub async fn insert_meeting(conn: &mut AnyConnection, m: &MeetingRecord) -> Result<()> {
    sqlx::query(
        "INSERT INTO group_meetings (id, group_id, status, starts_at, body, agenda, attendance, protocol, created_at,
             updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(m.id.to_string())
    .bind(m.group.to_string())
    .bind(m.status.as_str())
    .bind(m.body.starts_at)
    .bind(json("meeting", &m.body)?)
    .bind(json("agenda", &m.agenda)?)
    .bind(json("attendance", &m.attendance)?)
    .bind(m.protocol.as_ref().map(|p| json("protocol", p)).transpose()?)
    .bind(m.created_at)
    .bind(m.updated_at)
    .bind(m.version)
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes `m` if the stored version is still `m.version - 1`; `Stale` otherwise.
pub async fn update_meeting(conn: &mut AnyConnection, m: &MeetingRecord) -> Result<()> {
    let done = sqlx::query(
        "UPDATE group_meetings SET status = $3, starts_at = $4, body = $5, agenda = $6, attendance = $7,
             protocol = $8, updated_at = $9, version = $10
         WHERE id = $1 AND version = $2",
    )
    .bind(m.id.to_string())
    .bind(m.version - 1)
    .bind(m.status.as_str())
    .bind(m.body.starts_at)
    .bind(json("meeting", &m.body)?)
    .bind(json("agenda", &m.agenda)?)
    .bind(json("attendance", &m.attendance)?)
    .bind(m.protocol.as_ref().map(|p| json("protocol", p)).transpose()?)
    .bind(m.updated_at)
    .bind(m.version)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Stale("meeting"));
    }
    Ok(())
}

pub async fn get_meeting(conn: &mut AnyConnection, id: MeetingId) -> Result<Option<MeetingRecord>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{MEETING} WHERE id = $1")))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(meeting_row).transpose()
}

/// A group's meetings, latest first.
pub async fn meetings(conn: &mut AnyConnection, group: GroupId) -> Result<Vec<MeetingRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{MEETING} WHERE group_id = $1 ORDER BY starts_at DESC, id")))
        .bind(group.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(meeting_row).collect()
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskRecord {
    pub id: TaskId,
    pub group: GroupId,
    pub status: TaskStatus,
    pub body: TaskBody,
    /// The ordinal of the last reminder sent (0: none).
    pub reminded: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub version: i64,
}

const TASK: &str = "SELECT id, group_id, status, body, reminded, created_at, updated_at, version FROM group_tasks";

fn task_row(r: &AnyRow) -> Result<TaskRecord> {
    Ok(TaskRecord {
        id: TaskId(uuid_of("id", &r.s("id")?)?),
        group: GroupId(uuid_of("group_id", &r.s("group_id")?)?),
        status: parsed("status", TaskStatus::parse(&r.s("status")?).ok_or("unknown status"))?,
        body: from_json("body", &r.s("body")?)?,
        reminded: r.i("reminded")?,
        created_at: r.i("created_at")?,
        updated_at: r.i("updated_at")?,
        version: r.i("version")?,
    })
}

pub async fn insert_task(conn: &mut AnyConnection, t: &TaskRecord) -> Result<()> {
    sqlx::query(
        "INSERT INTO group_tasks (id, group_id, status, due, party_org_id, owner_id, body, reminded, created_at,
             updated_at, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(t.id.to_string())
    .bind(t.group.to_string())
    .bind(t.status.as_str())
    .bind(t.body.due.to_string())
    .bind(t.body.party.to_string())
    .bind(t.body.owner.map(|u| u.to_string()))
    .bind(json("task", &t.body)?)
    .bind(t.reminded)
    .bind(t.created_at)
    .bind(t.updated_at)
    .bind(t.version)
    .execute(conn)
    .await?;
    Ok(())
}

/// Writes `t` if the stored version is still `t.version - 1`; `Stale` otherwise.
pub async fn update_task(conn: &mut AnyConnection, t: &TaskRecord) -> Result<()> {
    let done = sqlx::query(
        "UPDATE group_tasks SET status = $3, due = $4, party_org_id = $5, owner_id = $6, body = $7, reminded = $8,
             updated_at = $9, version = $10
         WHERE id = $1 AND version = $2",
    )
    .bind(t.id.to_string())
    .bind(t.version - 1)
    .bind(t.status.as_str())
    .bind(t.body.due.to_string())
    .bind(t.body.party.to_string())
    .bind(t.body.owner.map(|u| u.to_string()))
    .bind(json("task", &t.body)?)
    .bind(t.reminded)
    .bind(t.updated_at)
    .bind(t.version)
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::Stale("task"));
    }
    Ok(())
}

pub async fn get_task(conn: &mut AnyConnection, id: TaskId) -> Result<Option<TaskRecord>> {
    let row = sqlx::query(sqlx::AssertSqlSafe(format!("{TASK} WHERE id = $1")))
        .bind(id.to_string())
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(task_row).transpose()
}

/// A group's plan, by due date.
pub async fn tasks(conn: &mut AnyConnection, group: GroupId) -> Result<Vec<TaskRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{TASK} WHERE group_id = $1 ORDER BY due, id")))
        .bind(group.to_string())
        .fetch_all(conn)
        .await?;
    rows.iter().map(task_row).collect()
}

/// The tasks a member is responsible for, in the groups they are still a member of, by due date.
pub async fn tasks_of(conn: &mut AnyConnection, user: UserId) -> Result<Vec<TaskRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{TASK} WHERE owner_id = $1
             AND group_id IN (SELECT group_id FROM group_members WHERE user_id = $1)
         ORDER BY due, id"
    )))
    .bind(user.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(task_row).collect()
}

/// Open tasks due on or before `by` (reminders look a week ahead), by due date.
pub async fn open_tasks_due_by(conn: &mut AnyConnection, by: Date) -> Result<Vec<TaskRecord>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{TASK} WHERE status IN ('open', 'in_progress') AND due <= $1 ORDER BY due, id"
    )))
    .bind(by.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter().map(task_row).collect()
}

/// A progress note on a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskNote {
    pub id: uuid::Uuid,
    pub task: TaskId,
    pub author: Option<UserId>,
    pub text: String,
    pub created_at: i64,
}

pub async fn add_note(conn: &mut AnyConnection, n: &TaskNote) -> Result<()> {
    sqlx::query("INSERT INTO group_task_notes (id, task_id, author_id, text, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(n.id.to_string())
        .bind(n.task.to_string())
        .bind(n.author.map(|u| u.to_string()))
        .bind(n.text.clone())
        .bind(n.created_at)
        .execute(conn)
        .await?;
    Ok(())
}

/// A task's notes, oldest first.
pub async fn notes(conn: &mut AnyConnection, task: TaskId) -> Result<Vec<TaskNote>> {
    let rows = sqlx::query(
        "SELECT id, task_id, author_id, text, created_at FROM group_task_notes WHERE task_id = $1
         ORDER BY created_at, id",
    )
    .bind(task.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(TaskNote {
                id: uuid_of("id", &r.s("id")?)?,
                task: TaskId(uuid_of("task_id", &r.s("task_id")?)?),
                author: opt_uuid("author_id", r.os("author_id")?)?.map(UserId),
                text: r.s("text")?,
                created_at: r.i("created_at")?,
            })
        })
        .collect()
}

/// The requests of the parties' authorities to the other parties' states that still await an answer
/// (sent, received, acknowledged or in execution), with their answer deadline: what a group's agenda takes up.
pub async fn pending_between(
    conn: &mut AnyConnection,
    parties: &[liaison_domain::group::Party],
) -> Result<Vec<liaison_domain::group::meeting::PendingRequest>> {
    let rows = between_parties(conn, parties, |orgs, states| {
        format!(
            "SELECT r.id, r.our_reference, r.requesting_country, r.requested_country, r.sent_at, d.due
             FROM requests r LEFT JOIN request_deadlines d ON d.request_id = r.id AND d.kind = 'answer'
             WHERE r.org_id IN ({orgs}) AND r.requested_country IN ({states})
               AND r.requested_country <> r.requesting_country
               AND r.status IN ('sent', 'received', 'acknowledged', 'in_execution')
             ORDER BY r.sent_at, r.id"
        )
    })
    .await?;
    rows.iter()
        .map(|r| {
            let country = |col: &str| -> Result<liaison_domain::CountryCode> {
                parsed(col, liaison_domain::CountryCode::parse(&r.s(col)?))
            };
            Ok(liaison_domain::group::meeting::PendingRequest {
                id: liaison_domain::RequestId(uuid_of("id", &r.s("id")?)?),
                reference: r.s("our_reference")?,
                from: country("requesting_country")?,
                to: country("requested_country")?,
                sent: r
                    .oi("sent_at")?
                    .and_then(Date::of_ms)
                    .ok_or_else(|| StoreError::Corrupt("a pending request without its sending time".into()))?,
                due: r.os("due")?.map(|d| parsed("due", Date::parse(&d))).transpose()?,
            })
        })
        .collect()
}

/// Records that a task's reminder `to` was sent, if the last one recorded is still `from` (so that two
/// servers reminding at once send it once). Returns whether this caller won.
pub async fn mark_reminded(conn: &mut AnyConnection, task: TaskId, from: i64, to: i64) -> Result<bool> {
    let done = sqlx::query("UPDATE group_tasks SET reminded = $3 WHERE id = $1 AND reminded = $2")
        .bind(task.to_string())
        .bind(from)
        .bind(to)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Rows of a query over the requests between the parties (sent by one party's organisation to another
/// party's state): `sql` gets the placeholders of the parties' organisations and of their states.
async fn between_parties(
    conn: &mut AnyConnection,
    parties: &[liaison_domain::group::Party],
    sql: impl FnOnce(&str, &str) -> String,
) -> Result<Vec<AnyRow>> {
    if parties.is_empty() {
        return Ok(Vec::new());
    }
    let n = parties.len();
    let list = |range: std::ops::RangeInclusive<usize>| range.map(|i| format!("${i}")).collect::<Vec<_>>().join(", ");
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql(&list(1..=n), &list(n + 1..=2 * n))));
    for p in parties {
        q = q.bind(p.org.to_string());
    }
    for p in parties {
        q = q.bind(p.country.as_str().to_owned());
    }
    Ok(q.fetch_all(conn).await?)
}

/// The course of every request sent between the parties, for the group's results.
pub async fn courses_between(
    conn: &mut AnyConnection,
    parties: &[liaison_domain::group::Party],
) -> Result<Vec<liaison_domain::statistics::Course>> {
    let rows = between_parties(conn, parties, |orgs, states| {
        format!(
            "SELECT kind, status, requesting_country, requested_country, sent_at, acknowledged_at, closed_at,
                    refusal_grounds
             FROM requests WHERE org_id IN ({orgs}) AND requested_country IN ({states})
               AND requested_country <> requesting_country AND sent_at IS NOT NULL
             ORDER BY sent_at, id"
        )
    })
    .await?;
    rows.iter().map(crate::requests::course_row).collect()
}

/// Records (or replaces) a figure the secretary entered.
pub async fn set_result(
    conn: &mut AnyConnection,
    group: GroupId,
    e: &liaison_domain::group::results::Entered,
    by: Option<UserId>,
    at: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM group_results WHERE group_id = $1 AND year = $2 AND indicator = $3")
        .bind(group.to_string())
        .bind(i64::from(e.year))
        .bind(e.indicator.as_str())
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO group_results (group_id, year, indicator, value_milli, note, entered_by, entered_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(group.to_string())
    .bind(i64::from(e.year))
    .bind(e.indicator.as_str())
    .bind((e.value * 1000.0).round() as i64)
    .bind(e.note.clone())
    .bind(by.map(|u| u.to_string()))
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The figures entered for a group, by year.
pub async fn results(conn: &mut AnyConnection, group: GroupId) -> Result<Vec<liaison_domain::group::results::Entered>> {
    use liaison_domain::group::results::{Entered, Indicator};
    let rows = sqlx::query(
        "SELECT year, indicator, value_milli, note FROM group_results WHERE group_id = $1 ORDER BY year, indicator",
    )
    .bind(group.to_string())
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Entered {
                year: parsed("year", i32::try_from(r.i("year")?))?,
                indicator: parsed("indicator", Indicator::parse(&r.s("indicator")?).ok_or("unknown indicator"))?,
                value: r.i("value_milli")? as f64 / 1000.0,
                note: r.os("note")?,
            })
        })
        .collect()
}
