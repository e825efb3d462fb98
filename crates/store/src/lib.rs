//! Persistence for Liaison over SQLite (the embedded default) and PostgreSQL through one code path:
//! sqlx's `Any` driver with portable SQL, so every query is written once and tested on both engines.

pub mod attachments;
pub mod audit;
pub mod cases;
pub mod files;
pub mod groups;
pub mod knowledge;
pub mod networks;
pub mod notices;
pub mod notifications;
pub mod orgs;
pub mod reference;
pub mod requests;
mod row;
pub mod screenings;
pub mod sessions;
pub mod templates;
pub mod tokens;
pub mod users;

use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{AnyConnection, AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;

pub use sqlx::AnyConnection as Conn;

/// A write transaction; commit it or drop it to roll back.
/// How long a writer waits for its turn on SQLite (the same as the database's busy timeout).
const WRITER_WAIT: Duration = Duration::from_secs(15);

/// A write transaction. On SQLite it also holds this process's writer turn (see `Store::write`).
pub struct WriteTx {
    // Dropped first: the transaction rolls back, then the turn passes on.
    tx: sqlx::Transaction<'static, sqlx::Any>,
    _turn: Option<tokio::sync::OwnedMutexGuard<()>>,
}

impl std::ops::Deref for WriteTx {
    type Target = sqlx::Transaction<'static, sqlx::Any>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

impl WriteTx {
    pub async fn commit(self) -> std::result::Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    /// A uniqueness rule was broken; the string names it (`username`, `organisation name`).
    #[error("{0} already exists")]
    Conflict(&'static str),
    /// The row changed since the writer read it (optimistic concurrency); the string names it.
    #[error("this {0} was changed by someone else since it was read")]
    Stale(&'static str),
    /// A row that should exist does not.
    #[error("{0} not found")]
    NotFound(&'static str),
    /// A stored value does not parse: the database was changed outside Liaison.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    #[error("unsupported database URL '{0}': use sqlite://PATH or postgres://…")]
    UnsupportedUrl(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

impl StoreError {
    /// Maps a unique-constraint violation to `Conflict(what)`, passing other errors through.
    pub(crate) fn conflict_as(what: &'static str) -> impl FnOnce(sqlx::Error) -> StoreError {
        move |e| match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => StoreError::Conflict(what),
            _ => StoreError::Database(e),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A connection pool to one database, SQLite or PostgreSQL.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    engine: Engine,
    /// SQLite has one writer at a time. Writers of this process queue here, holding no connection, rather
    /// than each holding a pooled connection while it waits for the database lock: otherwise a burst of
    /// writers can take every connection and leave the one holding the lock without a connection for a read.
    writer: std::sync::Arc<tokio::sync::Mutex<()>>,
    /// The knowledge base's posting lists held in memory (see `knowledge::PostingCache`).
    postings: std::sync::Arc<knowledge::PostingCache>,
}

static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

impl Store {
    /// Opens the database at `url` (`sqlite://PATH` creates the file; `postgres://…`), without migrating.
    pub async fn connect(url: &str) -> Result<Store> {
        sqlx::any::install_default_drivers();
        let engine = if url.starts_with("sqlite:") {
            Engine::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Engine::Postgres
        } else {
            return Err(StoreError::UnsupportedUrl(url.to_string()));
        };
        let url = match engine {
            Engine::Sqlite if !url.contains("mode=") => {
                format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
            }
            _ => url.to_string(),
        };
        let options = AnyConnectOptions::from_str(&url)?;
        let pool = AnyPoolOptions::new()
            .max_connections(match engine {
                Engine::Sqlite => 8,
                Engine::Postgres => 16,
            })
            .acquire_timeout(Duration::from_secs(15))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        // WAL for concurrent readers; FULL sync so an acknowledged commit survives a crash
                        // or power loss; foreign keys enforced; writers wait instead of failing at once.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA synchronous = FULL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA busy_timeout = 15000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Store {
            pool,
            engine,
            writer: Default::default(),
            postings: std::sync::Arc::new(knowledge::PostingCache::new(knowledge::DEFAULT_BUDGET)),
        })
    }

    /// Applies pending migrations (versioned, checksummed, recorded in `_sqlx_migrations`).
    pub async fn migrate(&self) -> Result<()> {
        MIGRATOR.run(&self.pool).await?;
        Ok(())
    }

    /// Connects and migrates.
    pub async fn open(url: &str) -> Result<Store> {
        let s = Self::connect(url).await?;
        s.migrate().await?;
        Ok(s)
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// This store with `bytes` of memory for the knowledge base's posting lists (none held before).
    pub fn with_search_memory(mut self, bytes: usize) -> Store {
        self.postings = std::sync::Arc::new(knowledge::PostingCache::new(bytes));
        self
    }

    /// The knowledge base's posting lists held in memory.
    pub fn postings(&self) -> &knowledge::PostingCache {
        &self.postings
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A connection for reads.
    pub async fn read(&self) -> Result<sqlx::pool::PoolConnection<sqlx::Any>> {
        Ok(self.pool.acquire().await?)
    }

    /// Begins a write transaction. On SQLite it takes the write lock at once (`BEGIN IMMEDIATE`) so
    /// concurrent writers queue on the busy timeout instead of failing on a lock upgrade.
    pub async fn write(&self) -> Result<WriteTx> {
        Ok(match self.engine {
            Engine::Sqlite => {
                // Bounded like SQLite's own busy timeout, so that a writer never waits for ever.
                let turn = tokio::time::timeout(WRITER_WAIT, self.writer.clone().lock_owned())
                    .await
                    .map_err(|_| StoreError::Database(sqlx::Error::PoolTimedOut))?;
                WriteTx { tx: self.pool.begin_with("BEGIN IMMEDIATE").await?, _turn: Some(turn) }
            }
            Engine::Postgres => WriteTx { tx: self.pool.begin().await?, _turn: None },
        })
    }

    /// Checks that the database answers (for `/readyz`).
    pub async fn ping(&self) -> Result<()> {
        let mut c = self.read().await?;
        let _: i64 = sqlx::query_scalar("SELECT CAST(1 AS BIGINT)").fetch_one(&mut *c).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// Text for a LIKE pattern: trimmed, lowercased, with the pattern's own special characters escaped
/// (every LIKE here says `ESCAPE '\'`), so `request.attachment_download` matches itself and only itself.
pub(crate) fn like_text(s: &str) -> String {
    s.trim().to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
}

/// Count rows of a table (used by tests and the demo seeding).
pub async fn count(conn: &mut AnyConnection, table: &'static str) -> Result<i64> {
    let sql = match table {
        "organisations" => "SELECT COUNT(*) FROM organisations",
        "users" => "SELECT COUNT(*) FROM users",
        "audit_events" => "SELECT COUNT(*) FROM audit_events",
        "sessions" => "SELECT COUNT(*) FROM sessions",
        "api_tokens" => "SELECT COUNT(*) FROM api_tokens",
        "knowledge_documents" => "SELECT COUNT(*) FROM knowledge_documents",
        _ => return Err(StoreError::Corrupt(format!("no such table {table}"))),
    };
    Ok(sqlx::query_scalar(sql).fetch_one(conn).await?)
}

pub mod testing;

#[cfg(test)]
mod group_tests;
#[cfg(test)]
mod knowledge_tests;
#[cfg(test)]
mod notice_tests;
#[cfg(test)]
mod request_tests;
#[cfg(test)]
mod tests;
