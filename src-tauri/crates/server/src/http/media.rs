use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use madoguchi_core::inbox::media_serve::{self, MediaAnswer};

use super::api::{authorized, TokenQuery};
use super::AppState;

/// What we send: LINE fetches it from here without a token.
pub async fn public(State(state): State<AppState>, headers: HeaderMap, Path(file): Path<String>) -> Response {
    serve(&state, &headers, &file, true).await
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
    serve(&state, &headers, &file, false).await
}

async fn serve(state: &AppState, headers: &HeaderMap, file: &str, public_only: bool) -> Response {
    let store = state.core.store();
    let range = headers.get(header::RANGE).and_then(|v| v.to_str().ok());
    let answer = match media_serve::answer(&store.pool, &store.media_dir(), file, range, public_only).await {
        Ok(a) => a,
        Err(e) => {
            tracing::error!(error = %e, "serving a media file failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let status = StatusCode::from_u16(answer.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let content_range = answer.content_range().and_then(|r| HeaderValue::from_str(&r).ok());
    let mut response = match answer {
        MediaAnswer::NotFound => return StatusCode::NOT_FOUND.into_response(),
        MediaAnswer::Unsatisfiable { .. } => status.into_response(),
        MediaAnswer::Body { content_type, bytes, .. } => {
            let mut r = (status, bytes).into_response();
            if let Ok(ct) = HeaderValue::from_str(&content_type) {
                r.headers_mut().insert(header::CONTENT_TYPE, ct);
            }
            // Names are content hashes: the bytes behind a name never change.
            r.headers_mut()
                .insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=31536000, immutable"));
            r
        }
    };
    let h = response.headers_mut();
    h.insert(header::ACCEPT_RANGES, HeaderValue::from_static("bytes"));
    // A content type from LINE is data: the browser must not guess a more dangerous one.
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if let Some(cr) = content_range {
        h.insert(header::CONTENT_RANGE, cr);
    }
    response
}
