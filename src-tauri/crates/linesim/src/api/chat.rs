//! markAsRead (by token) and the loading animation.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use bytes::Bytes;
use serde_json::{Value, json};

use super::error::ApiError;
use super::messages::parse;
use crate::sim::Simulator;

pub async fn mark_as_read(
    State(sim): State<Simulator>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let body = parse(&body)?;
    let Some(token) = body.get("markAsReadToken").and_then(Value::as_str) else {
        return Err(ApiError::property("must be specified", "markAsReadToken"));
    };
    let mut st = sim.lock();
    // Read tokens never expire, but only tokens this bot received are valid.
    if !st.read_tokens.contains_key(token) {
        return Err(ApiError::bad("Invalid markAsReadToken"));
    }
    st.mark_read_calls.push(token.to_owned());
    Ok(Json(json!({})))
}

pub async fn loading(
    State(sim): State<Simulator>,
    body: Bytes,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let body = parse(&body)?;
    let Some(chat_id) = body.get("chatId").and_then(Value::as_str) else {
        return Err(ApiError::property("must be specified", "chatId"));
    };
    let seconds = match body.get("loadingSeconds") {
        None => 20,
        Some(v) => match v.as_u64() {
            Some(s) if (5..=60).contains(&s) && s.is_multiple_of(5) => s as u32,
            _ => {
                return Err(ApiError::property(
                    "must be a multiple of 5 between 5 and 60",
                    "loadingSeconds",
                ));
            }
        },
    };
    let mut st = sim.lock();
    if st.user(chat_id).is_none() {
        return Err(ApiError::property(
            "The user is not a friend of the bot",
            "chatId",
        ));
    }
    st.loading_calls.push((chat_id.to_owned(), seconds));
    Ok((StatusCode::ACCEPTED, Json(json!({}))))
}
