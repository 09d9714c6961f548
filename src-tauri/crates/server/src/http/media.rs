use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use madoguchi_core::inbox::media_serve;

use super::api::TokenQuery;
use super::auth;
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
    if auth::caller(&state, &headers, q.token.as_deref(), true).await.is_err() {
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
    let (status, headers, body) = answer.into_parts();
    let mut response = (StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR), body).into_response();
    for (name, value) in headers {
        // Only a content type from LINE that is not a valid header value is skipped.
        if let Ok(v) = HeaderValue::from_str(&value) {
            response.headers_mut().insert(name, v);
        }
    }
    response
}
