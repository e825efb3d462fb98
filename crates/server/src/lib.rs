//! Liaison's HTTP server: the JSON API and the server-rendered web UI over one service layer, with
//! authentication, the access policy, the audit trail and the operational endpoints.

pub mod api;
pub mod auth;
pub mod clock;
pub mod config;
pub mod error;
pub mod files;
pub mod i18n;
pub mod mail;
pub mod metrics;
mod middleware;
pub mod services;
pub mod state;
mod stream;
pub mod web;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use state::AppState;
use std::net::SocketAddr;
use tower_http::catch_panic::CatchPanicLayer;

/// The whole application: API, web UI, health and metrics, with every layer.
pub fn app(state: AppState) -> Router {
    let (api, _) = api::router();
    Router::new()
        .nest("/api/v1", api)
        .merge(web::router(state.clone()))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::observe))
        .layer(axum::extract::DefaultBodyLimit::max(state.config.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::security_headers))
        .layer(CatchPanicLayer::custom(middleware::panic_response))
        .with_state(state)
}

async fn readyz(State(st): State<AppState>) -> impl IntoResponse {
    match st.store.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(e) => {
            tracing::warn!(error = %e, "database not ready");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

async fn metrics(State(st): State<AppState>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/plain; version=0.0.4")], st.metrics.render())
}

/// The OpenAPI document, for tests and tooling.
pub fn openapi_json() -> String {
    let (_, doc) = api::router();
    doc.to_pretty_json().unwrap_or_default()
}

/// Serves until `shutdown` resolves, over TLS when configured.
pub async fn serve(
    state: AppState,
    listener: std::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let app = app(state.clone()).into_make_service_with_connect_info::<SocketAddr>();
    let maintenance = tokio::spawn(maintenance(state.clone()));
    match &state.config.tls {
        None => {
            listener.set_nonblocking(true)?;
            let l = tokio::net::TcpListener::from_std(listener)?;
            axum::serve(l, app).with_graceful_shutdown(shutdown).await?;
        }
        Some(tls) => {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let cfg = axum_server::tls_rustls::RustlsConfig::from_pem_file(&tls.cert, &tls.key).await.map_err(|e| {
                anyhow::anyhow!("TLS certificate {} or key {}: {e}", tls.cert.display(), tls.key.display())
            })?;
            let handle = axum_server::Handle::new();
            let h2 = handle.clone();
            tokio::spawn(async move {
                shutdown.await;
                h2.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
            });
            listener.set_nonblocking(true)?;
            axum_server::from_tcp_rustls(listener, cfg)?.handle(handle).serve(app).await?;
        }
    }
    maintenance.abort();
    Ok(())
}

/// Periodic housekeeping: deletes sessions that can no longer be used (past the absolute timeout or
/// revoked before it), so the table does not grow without bound.
async fn maintenance(state: AppState) {
    let mut tick = tokio::time::interval(std::time::Duration::from_secs(3600));
    loop {
        tick.tick().await;
        let before = state.now() - state.config.session_absolute_hours * 3_600_000;
        let result = async {
            let mut tx = state.store.write().await?;
            let n = liaison_store::sessions::purge(&mut tx, before).await?;
            tx.commit().await.map_err(liaison_store::StoreError::from)?;
            Ok::<u64, liaison_store::StoreError>(n)
        }
        .await;
        match result {
            Ok(n) if n > 0 => tracing::info!(sessions = n, "purged ended sessions"),
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "session purge failed"),
        }
    }
}
