use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use madoguchi_core::inbox::media;

use super::api::{authorized, TokenQuery};
use super::AppState;

/// What we send: LINE fetches it from here without a token.
pub async fn public(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    serve(&state, &file, true).await
}

/// Everything, customers' photos included: the UI only, with the session token.
pub async fn private(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<TokenQuery>,
    Path(file): Path<String>,
) -> Response {
    if !authorized(&state, &headers, q.token.as_deref(), true) {
        return StatusCode::UNAUTHORIZED.into_response();
    }
    serve(&state, &file, false).await
}

async fn serve(state: &AppState, file: &str, public_only: bool) -> Response {
    // Names are "<sha256>.<ext>"; anything else (a path, "..") is not ours.
    if file.is_empty() || !file.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') || file.starts_with('.') {
        return StatusCode::NOT_FOUND.into_response();
    }
    let pool = &state.core.store().pool;
    let Ok(Some(content_type)) = media::lookup(pool, file, public_only).await else {
        return StatusCode::NOT_FOUND.into_response();
    };
    match tokio::fs::read(state.core.store().media_dir().join(file)).await {
        Ok(bytes) => (
            [(header::CONTENT_TYPE, content_type), (header::CACHE_CONTROL, "private, max-age=31536000, immutable".into())],
            bytes,
        )
            .into_response(),
        Err(_) => StatusCode::NOT_FOUND.into_response(),
    }
}
