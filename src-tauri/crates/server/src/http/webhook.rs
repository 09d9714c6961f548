use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use madoguchi_core::runtime::WebhookRejection;

use super::AppState;

/// Verify (raw body) → parse → durable commit → 200. Nothing is stored unless all
/// three pass, and LINE never hears 200 for something that is not on disk.
pub async fn receive(State(state): State<AppState>, headers: HeaderMap, body: Bytes) -> (StatusCode, &'static str) {
    let signature = headers.get("x-line-signature").and_then(|v| v.to_str().ok());
    match state.core.handle_webhook(&body, signature).await {
        Ok(_) => (StatusCode::OK, "{}"),
        Err(WebhookRejection::Unauthorized) => (StatusCode::UNAUTHORIZED, "invalid signature"),
        Err(WebhookRejection::BadRequest(why)) => {
            tracing::warn!(%why, "webhook body refused");
            (StatusCode::BAD_REQUEST, "malformed webhook body")
        }
        Err(WebhookRejection::Unavailable(e)) => {
            tracing::error!(error = %e, "webhook not stored; LINE will redeliver");
            (StatusCode::INTERNAL_SERVER_ERROR, "not stored")
        }
    }
}
