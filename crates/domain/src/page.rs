//! Pagination of every list: a bounded page size and an offset, with the total returned.

use crate::validation::FieldError;
use serde::Serialize;

pub const DEFAULT_LIMIT: u32 = 50;
pub const MAX_LIMIT: u32 = 500;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    pub limit: u32,
    pub offset: u64,
}

impl Default for PageRequest {
    fn default() -> Self {
        Self { limit: DEFAULT_LIMIT, offset: 0 }
    }
}

impl PageRequest {
    pub fn parse(limit: Option<i64>, offset: Option<i64>) -> Result<Self, FieldError> {
        let limit = match limit {
            None => DEFAULT_LIMIT,
            Some(l) if (1..=i64::from(MAX_LIMIT)).contains(&l) => l as u32,
            Some(l) => {
                return Err(FieldError::new(
                    "limit",
                    "out_of_range",
                    format!("must be between 1 and {MAX_LIMIT} (got {l})"),
                ));
            }
        };
        let offset = match offset {
            None => 0,
            Some(o) if o >= 0 => o as u64,
            Some(o) => {
                return Err(FieldError::new("offset", "out_of_range", format!("must not be negative (got {o})")));
            }
        };
        Ok(Self { limit, offset })
    }
}

/// One page of a list, with the total count for the same filter.
#[derive(Debug, Clone, Serialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
    pub limit: u32,
    pub offset: u64,
}

impl<T> Page<T> {
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            limit: self.limit,
            offset: self.offset,
        }
    }

    /// The offset of the next page, if there is one.
    pub fn next_offset(&self) -> Option<u64> {
        let next = self.offset + u64::from(self.limit);
        (next < self.total).then_some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_bounded() {
        assert_eq!(PageRequest::parse(None, None).unwrap(), PageRequest::default());
        assert_eq!(PageRequest::parse(Some(0), None).unwrap_err().field, "limit");
        assert_eq!(PageRequest::parse(Some(501), None).unwrap_err().code, "out_of_range");
        assert_eq!(PageRequest::parse(Some(10), Some(-1)).unwrap_err().field, "offset");
    }

    #[test]
    fn next_offset_stops_at_the_end() {
        let p = Page { items: vec![1, 2], total: 5, limit: 2, offset: 2 };
        assert_eq!(p.next_offset(), Some(4));
        let last = Page { items: vec![5], total: 5, limit: 2, offset: 4 };
        assert_eq!(last.next_offset(), None);
    }
}
