//! Reading typed values out of `AnyRow`s, turning stored values that do not parse into `Corrupt`.

use crate::StoreError;
use sqlx::Row;
use sqlx::any::AnyRow;

pub(crate) trait RowExt {
    fn s(&self, col: &str) -> Result<String, StoreError>;
    fn os(&self, col: &str) -> Result<Option<String>, StoreError>;
    fn i(&self, col: &str) -> Result<i64, StoreError>;
    fn oi(&self, col: &str) -> Result<Option<i64>, StoreError>;
    fn b(&self, col: &str) -> Result<bool, StoreError> {
        Ok(self.i(col)? != 0)
    }
}

impl RowExt for AnyRow {
    fn s(&self, col: &str) -> Result<String, StoreError> {
        Ok(self.try_get::<String, _>(col)?)
    }
    fn os(&self, col: &str) -> Result<Option<String>, StoreError> {
        Ok(self.try_get::<Option<String>, _>(col)?)
    }
    fn i(&self, col: &str) -> Result<i64, StoreError> {
        Ok(self.try_get::<i64, _>(col)?)
    }
    fn oi(&self, col: &str) -> Result<Option<i64>, StoreError> {
        Ok(self.try_get::<Option<i64>, _>(col)?)
    }
}

/// Parses a stored value with a domain parser, reporting which column was bad.
pub(crate) fn parsed<T, E: std::fmt::Display>(col: &str, r: Result<T, E>) -> Result<T, StoreError> {
    r.map_err(|e| StoreError::Corrupt(format!("column {col}: {e}")))
}

pub(crate) fn opt_uuid(col: &str, v: Option<String>) -> Result<Option<uuid::Uuid>, StoreError> {
    v.map(|s| uuid_of(col, &s)).transpose()
}

pub(crate) fn uuid_of(col: &str, s: &str) -> Result<uuid::Uuid, StoreError> {
    parsed(col, uuid::Uuid::parse_str(s))
}
