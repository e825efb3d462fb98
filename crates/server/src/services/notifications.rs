//! A user's notifications: reminders of deadlines, incoming requests, the counterpart's steps.

use super::Caller;
use crate::error::AppError;
use crate::state::AppState;
use liaison_domain::page::{Page, PageRequest};
use liaison_store::notifications::{self, Notification};

fn me(caller: &Caller) -> Result<liaison_domain::UserId, AppError> {
    caller.actor().map(|a| a.user).ok_or(AppError::Unauthenticated)
}

/// One's own notifications (no policy question: they are addressed to the caller alone).
pub async fn list(
    st: &AppState,
    caller: &Caller,
    unread_only: bool,
    page: PageRequest,
) -> Result<Page<Notification>, AppError> {
    let user = me(caller)?;
    let mut c = st.store.read().await?;
    let (items, total) = notifications::list(&mut c, user, unread_only, page.limit, page.offset).await?;
    Ok(Page { items, total, limit: page.limit, offset: page.offset })
}

pub async fn unread(st: &AppState, caller: &Caller) -> Result<i64, AppError> {
    let user = me(caller)?;
    let mut c = st.store.read().await?;
    Ok(notifications::unread_count(&mut c, user).await?)
}

/// Marks one notification (or all) read; another user's notification is "not found".
pub async fn mark_read(st: &AppState, caller: &Caller, id: Option<&str>) -> Result<u64, AppError> {
    let user = me(caller)?;
    let mut tx = st.store.write().await?;
    let n = notifications::mark_read(&mut tx, user, id, st.now()).await?;
    super::commit(tx).await?;
    if id.is_some() && n == 0 {
        return Err(AppError::NotFound("notification"));
    }
    Ok(n)
}
