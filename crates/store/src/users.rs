//! User accounts: identity, roles, password hash, second factor and lockout state.

use crate::row::{RowExt, parsed, uuid_of};
use crate::{Result, StoreError};
use liaison_domain::policy::OrgScope;
use liaison_domain::text::{DisplayName, Email, Username};
use liaison_domain::{OrgId, RoleSet, UserId};
use sqlx::AnyConnection;
use sqlx::any::AnyRow;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub org_id: OrgId,
    pub username: Username,
    pub display_name: DisplayName,
    pub email: Option<Email>,
    pub roles: RoleSet,
    /// Argon2id PHC string.
    pub password_hash: String,
    pub password_changed_at: i64,
    pub must_change_password: bool,
    /// The user's interface language (BCP 47 tag among those the UI ships).
    pub locale: String,
    pub disabled: bool,
    /// Base32 TOTP secret once enrolment is confirmed.
    pub totp_secret: Option<String>,
    /// Secret shown during enrolment, until the first code confirms it.
    pub totp_pending_secret: Option<String>,
    /// Last TOTP time step accepted, so a code cannot be replayed.
    pub totp_last_step: i64,
    pub failed_logins: i64,
    /// Locked out until this time (ms) after repeated failures; 0 when not locked.
    pub locked_until: i64,
    pub last_login_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl User {
    pub fn has_totp(&self) -> bool {
        self.totp_secret.is_some()
    }
}

const SELECT: &str = "SELECT id, org_id, username, display_name, email, roles, password_hash, password_changed_at,
    must_change_password, locale, disabled, totp_secret, totp_pending_secret, totp_last_step, failed_logins,
    locked_until, last_login_at, created_at, updated_at FROM users";

fn from_row(r: &AnyRow) -> Result<User> {
    Ok(User {
        id: UserId(uuid_of("id", &r.s("id")?)?),
        org_id: OrgId(uuid_of("org_id", &r.s("org_id")?)?),
        username: parsed("username", Username::parse(&r.s("username")?))?,
        display_name: parsed("display_name", DisplayName::parse(&r.s("display_name")?))?,
        email: r.os("email")?.map(|e| parsed("email", Email::parse(&e))).transpose()?,
        roles: parsed("roles", RoleSet::from_csv(&r.s("roles")?))?,
        password_hash: r.s("password_hash")?,
        password_changed_at: r.i("password_changed_at")?,
        must_change_password: r.b("must_change_password")?,
        locale: r.s("locale")?,
        disabled: r.b("disabled")?,
        totp_secret: r.os("totp_secret")?,
        totp_pending_secret: r.os("totp_pending_secret")?,
        totp_last_step: r.i("totp_last_step")?,
        failed_logins: r.i("failed_logins")?,
        locked_until: r.i("locked_until")?,
        last_login_at: r.oi("last_login_at")?,
        created_at: r.i("created_at")?,
        updated_at: r.i("updated_at")?,
    })
}

fn search_text(u: &User) -> String {
    format!("{} {}", u.username, u.display_name).to_lowercase()
}

pub async fn insert(conn: &mut AnyConnection, u: &User) -> Result<()> {
    sqlx::query(
        "INSERT INTO users (id, org_id, username, display_name, email, roles, password_hash, password_changed_at,
            must_change_password, locale, disabled, totp_secret, totp_pending_secret, totp_last_step, failed_logins,
            locked_until, last_login_at, created_at, updated_at, search_text)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)",
    )
    .bind(u.id.to_string())
    .bind(u.org_id.to_string())
    .bind(u.username.as_str())
    .bind(u.display_name.as_str())
    .bind(u.email.as_ref().map(|e| e.as_str().to_string()))
    .bind(u.roles.to_csv())
    .bind(&u.password_hash)
    .bind(u.password_changed_at)
    .bind(i64::from(u.must_change_password))
    .bind(&u.locale)
    .bind(i64::from(u.disabled))
    .bind(u.totp_secret.clone())
    .bind(u.totp_pending_secret.clone())
    .bind(u.totp_last_step)
    .bind(u.failed_logins)
    .bind(u.locked_until)
    .bind(u.last_login_at)
    .bind(u.created_at)
    .bind(u.updated_at)
    .bind(search_text(u))
    .execute(conn)
    .await
    .map_err(StoreError::conflict_as("a user with this user name"))?;
    Ok(())
}

/// Writes every mutable field of the account back.
pub async fn update(conn: &mut AnyConnection, u: &User) -> Result<()> {
    let done = sqlx::query(
        "UPDATE users SET display_name = $2, email = $3, roles = $4, password_hash = $5, password_changed_at = $6,
            must_change_password = $7, locale = $8, disabled = $9, totp_secret = $10, totp_pending_secret = $11,
            totp_last_step = $12, failed_logins = $13, locked_until = $14, last_login_at = $15, updated_at = $16,
            search_text = $17
         WHERE id = $1",
    )
    .bind(u.id.to_string())
    .bind(u.display_name.as_str())
    .bind(u.email.as_ref().map(|e| e.as_str().to_string()))
    .bind(u.roles.to_csv())
    .bind(&u.password_hash)
    .bind(u.password_changed_at)
    .bind(i64::from(u.must_change_password))
    .bind(&u.locale)
    .bind(i64::from(u.disabled))
    .bind(u.totp_secret.clone())
    .bind(u.totp_pending_secret.clone())
    .bind(u.totp_last_step)
    .bind(u.failed_logins)
    .bind(u.locked_until)
    .bind(u.last_login_at)
    .bind(u.updated_at)
    .bind(search_text(u))
    .execute(conn)
    .await?;
    if done.rows_affected() == 0 {
        return Err(StoreError::NotFound("user"));
    }
    Ok(())
}

pub async fn get(conn: &mut AnyConnection, id: UserId) -> Result<Option<User>> {
    let sql = sqlx::AssertSqlSafe(format!("{SELECT} WHERE id = $1"));
    let row = sqlx::query(sql).bind(id.to_string()).fetch_optional(conn).await?;
    row.as_ref().map(from_row).transpose()
}

pub async fn get_by_username(conn: &mut AnyConnection, username: &str) -> Result<Option<User>> {
    let sql = sqlx::AssertSqlSafe(format!("{SELECT} WHERE username = $1"));
    let row = sqlx::query(sql).bind(username.trim().to_lowercase()).fetch_optional(conn).await?;
    row.as_ref().map(from_row).transpose()
}

/// Users visible under `scope`, ordered by user name, optionally filtered by a fragment of the user name
/// or display name.
pub async fn list(
    conn: &mut AnyConnection,
    scope: OrgScope,
    query: Option<&str>,
    limit: u32,
    offset: u64,
) -> Result<(Vec<User>, u64)> {
    let only = match scope {
        OrgScope::All => None,
        OrgScope::Only(o) => Some(o.to_string()),
    };
    let pattern = query.map(|q| format!("%{}%", crate::like_text(q)));
    let filter = "WHERE ($1 IS NULL OR org_id = $1) AND ($2 IS NULL OR search_text LIKE $2 ESCAPE '\\')";
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} {filter} ORDER BY username LIMIT $3 OFFSET $4")))
        .bind(only.clone())
        .bind(pattern.clone())
        .bind(i64::from(limit))
        .bind(offset as i64)
        .fetch_all(&mut *conn)
        .await?;
    let total: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(format!("SELECT COUNT(*) FROM users {filter}")))
        .bind(only)
        .bind(pattern)
        .fetch_one(conn)
        .await?;
    Ok((rows.iter().map(from_row).collect::<Result<_>>()?, total as u64))
}

/// The active users of an organisation (organisations have tens of users, not thousands).
pub async fn active_of_org(conn: &mut AnyConnection, org: OrgId) -> Result<Vec<User>> {
    let rows =
        sqlx::query(sqlx::AssertSqlSafe(format!("{SELECT} WHERE org_id = $1 AND disabled = 0 ORDER BY username")))
            .bind(org.to_string())
            .fetch_all(conn)
            .await?;
    rows.iter().map(from_row).collect()
}

/// Replaces the user's recovery codes (hashes) with a new set.
pub async fn replace_recovery_codes(conn: &mut AnyConnection, user: UserId, hashes: &[String]) -> Result<()> {
    sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(user.to_string()).execute(&mut *conn).await?;
    for h in hashes {
        sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
            .bind(user.to_string())
            .bind(h)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Marks an unused recovery code as used; returns whether one matched.
pub async fn use_recovery_code(conn: &mut AnyConnection, user: UserId, hash: &str, now: i64) -> Result<bool> {
    let done =
        sqlx::query("UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL")
            .bind(user.to_string())
            .bind(hash)
            .bind(now)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn unused_recovery_codes(conn: &mut AnyConnection, user: UserId) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL")
        .bind(user.to_string())
        .fetch_one(conn)
        .await?)
}
