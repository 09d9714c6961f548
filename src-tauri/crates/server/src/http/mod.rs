//! The HTTP face of `Core`: `/webhook` for LINE, `/api/*` for the UI (session token),
//! `/media/*` for LINE to fetch what we send, and the built UI.

mod api;
pub mod auth;
mod backup;
mod login;
mod login_limit;
mod media;
mod ui;
mod webhook;

use std::path::PathBuf;
use std::sync::Arc;

use axum::extract::DefaultBodyLimit;
use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use madoguchi_core::Core;
use tower_http::set_header::SetResponseHeaderLayer;

/// LINE's webhook bodies are small; anything near this is not LINE.
pub const WEBHOOK_BODY_LIMIT: usize = 1 << 20;
/// The largest upload as base64, plus room for the JSON around it.
pub const RPC_BODY_LIMIT: usize = madoguchi_core::outbox::upload::MAX_UPLOAD_BYTES / 3 * 4 + (64 << 10);

/// The same policy as the desktop window: customer text is hostile input.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https://stickershop.line-scdn.net; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

#[derive(Clone)]
pub struct AppState {
    pub core: Core,
    pub token: Arc<str>,
    pub ui_dir: Option<PathBuf>,
    /// Failed sign-ins per name and per address (login_limit.rs).
    pub login_limit: Arc<login_limit::LoginLimit>,
}

impl AppState {
    pub fn new(core: Core, token: &str, ui_dir: Option<PathBuf>) -> AppState {
        AppState { core, token: Arc::from(token), ui_dir, login_limit: Arc::default() }
    }
}

pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/healthz", get(health))
        .route("/webhook", post(webhook::receive).layer(DefaultBodyLimit::max(WEBHOOK_BODY_LIMIT)))
        // Attachments travel inside the request as base64 (see core's outbox::upload).
        .route("/api/rpc", post(api::rpc).layer(DefaultBodyLimit::max(RPC_BODY_LIMIT)))
        .route("/api/events", get(api::events))
        .route("/api/login", post(login::login))
        .route("/api/pair", post(login::pair))
        .route("/api/logout", post(login::logout))
        .route("/api/me", get(login::me))
        .route("/api/version", get(version))
        .route("/api/backup", get(backup::download))
        .route("/api/media/{file}", get(media::private))
        .route("/media/{file}", get(media::public))
        .fallback(ui::serve)
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CSP),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(state)
}

/// Up, how many acknowledged webhook requests are not in the inbox yet (the journal's
/// backlog; 0 except during a burst), and how far the short-query search index is built
/// for a store older than it. No token: it says nothing about customers.
async fn health(axum::extract::State(state): axum::extract::State<AppState>) -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({
        "status": "ok",
        "webhookBacklog": state.core.webhook_backlog(),
        "shortSearchIndex": state.core.short_search_index().snapshot(),
    }))
}

/// `GET /api/version`, no token: this build's version and the hash of its API
/// (`madoguchi_core::api::api_hash`), which a desktop compares with its own before it
/// pairs, to say whether the hub or the desk needs updating. Says nothing about the shop.
async fn version() -> axum::Json<serde_json::Value> {
    axum::Json(serde_json::json!({
        "version": env!("CARGO_PKG_VERSION"),
        "api": madoguchi_core::api::api_hash(),
    }))
}

/// Only what LINE must reach: the webhook and the media we send. The desktop app
/// serves this on a local port for a tunnel to forward to; its UI talks over IPC.
pub fn public_router(core: Core) -> Router {
    let state = AppState::new(core, "", None);
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/webhook", post(webhook::receive).layer(DefaultBodyLimit::max(WEBHOOK_BODY_LIMIT)))
        .route("/media/{file}", get(media::public))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .with_state(state)
}
