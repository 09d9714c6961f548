//! Webhook endpoint get/set and the "verify" button (webhook test).

use axum::Json;
use axum::extract::State;
use bytes::Bytes;
use serde_json::{Value, json};

use super::error::ApiError;
use super::messages::parse;
use crate::clock::{now_ms, rfc3339};
use crate::sim::Simulator;

const MAX_ENDPOINT: usize = 500;

pub async fn get_endpoint(State(sim): State<Simulator>) -> Json<Value> {
    match sim.webhook_url() {
        Some(url) => Json(json!({ "endpoint": url, "active": true })),
        None => Json(json!({ "endpoint": "", "active": false })),
    }
}

pub async fn set_endpoint(
    State(sim): State<Simulator>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = parse(&body)?;
    let Some(url) = body.get("endpoint").and_then(Value::as_str) else {
        return Err(ApiError::property("must be specified", "endpoint"));
    };
    check_endpoint(url)?;
    sim.set_webhook_url(url);
    Ok(Json(json!({})))
}

pub async fn test(State(sim): State<Simulator>, body: Bytes) -> Result<Json<Value>, ApiError> {
    // The body is optional: an empty one tests the configured endpoint.
    let body = if body.is_empty() {
        json!({})
    } else {
        parse(&body)?
    };
    let url = match body.get("endpoint").and_then(Value::as_str) {
        Some(u) => {
            check_endpoint(u)?;
            u.to_owned()
        }
        None => sim
            .webhook_url()
            .ok_or_else(|| ApiError::bad("The webhook endpoint is not set"))?,
    };
    let timestamp = rfc3339(now_ms());
    let (bytes, signature) = sim.signed_body(vec![]);
    let result = sim.post_signed(&url, bytes, &signature).await;
    Ok(Json(match result {
        Ok(status) => json!({
            "success": (200..300).contains(&status),
            "timestamp": timestamp,
            "statusCode": status,
            "reason": axum::http::StatusCode::from_u16(status).ok().and_then(|s| s.canonical_reason()).unwrap_or(""),
            "detail": status.to_string(),
        }),
        Err(e) => json!({
            "success": false,
            "timestamp": timestamp,
            "statusCode": 0,
            "reason": "COULD_NOT_CONNECT",
            "detail": e.to_string(),
        }),
    }))
}

/// LINE requires HTTPS; plain HTTP is accepted for loopback hosts so local receivers work.
fn check_endpoint(url: &str) -> Result<(), ApiError> {
    let loopback = ["http://127.0.0.1", "http://localhost", "http://[::1]"]
        .iter()
        .any(|p| url.starts_with(p));
    if url.len() > MAX_ENDPOINT || !(url.starts_with("https://") || loopback) {
        return Err(ApiError::property(
            "must be an HTTPS URL of at most 500 characters",
            "endpoint",
        ));
    }
    Ok(())
}
