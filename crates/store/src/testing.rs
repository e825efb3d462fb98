//! Test support: a fresh, migrated database on each engine. SQLite always; PostgreSQL when
//! `LIAISON_TEST_POSTGRES_URL` is set (the test command sets it), each test in its own database.

#![allow(clippy::expect_used, clippy::panic)]

use crate::Store;

/// A fresh store per engine, named.
pub async fn engines() -> Vec<(String, Store)> {
    let mut out = Vec::new();
    let dir = std::env::temp_dir().join(format!("liaison-store-test-{}", uuid::Uuid::new_v4()));
    let _ = std::fs::create_dir_all(&dir);
    let url = format!("sqlite://{}", dir.join("test.db").display());
    out.push(("sqlite".to_string(), Store::open(&url).await.expect("sqlite store")));
    if let Ok(base) = std::env::var("LIAISON_TEST_POSTGRES_URL") {
        let url = fresh_postgres_database(&base).await;
        out.push(("postgres".to_string(), Store::open(&url).await.expect("postgres store")));
    } else if std::env::var("CI").is_ok() {
        panic!("LIAISON_TEST_POSTGRES_URL must be set in CI so storage tests run on PostgreSQL too");
    }
    out
}

/// Creates a new database on the server at `base` and returns its URL.
pub async fn fresh_postgres_database(base: &str) -> String {
    use sqlx::Connection;
    let name = format!("liaison_test_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(base).await.expect("connect to test postgres");
    sqlx::Executor::execute(&mut admin, sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .await
        .expect("create db");
    let (prefix, _) = base.rsplit_once('/').expect("postgres url has a database part");
    format!("{prefix}/{name}")
}
