//! What every request handler shares: the store, settings, clock, translations, limits and metrics.

use crate::auth::ratelimit::RateLimiter;
use crate::clock::SharedClock;
use crate::config::ServerConfig;
use crate::i18n::I18n;
use crate::metrics::Metrics;
use liaison_store::Store;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub store: Store,
    pub config: ServerConfig,
    pub clock: SharedClock,
    pub i18n: I18n,
    pub login_limiter: RateLimiter,
    pub metrics: Metrics,
    /// Parsed reference data (instruments, directory), rebuilt when the stored records change.
    pub reference_cache: crate::services::reference::Cache,
    /// The screening index of active notices, rebuilt when the stored notices change.
    pub screening_index: crate::services::screening::IndexCache,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(store: Store, config: ServerConfig, clock: SharedClock) -> Result<Self, crate::i18n::I18nError> {
        let login_limiter = RateLimiter::new(config.login_attempts_per_window, config.login_window_seconds * 1000);
        Ok(Self(Arc::new(Inner {
            store,
            config,
            clock,
            i18n: I18n::load()?,
            login_limiter,
            metrics: Metrics::default(),
            reference_cache: Default::default(),
            screening_index: Default::default(),
        })))
    }

    pub fn now(&self) -> i64 {
        self.clock.now_ms()
    }

    /// Today's date (UTC) by the clock.
    pub fn today(&self) -> Result<liaison_domain::date::Date, crate::error::AppError> {
        crate::clock::date_of(self.now()).ok_or(crate::error::AppError::Internal("clock out of range".into()))
    }
}
