//! reply, push, multicast and validate: the endpoints that deliver messages to users.

use axum::Json;
use axum::extract::{Extension, Path, State};
use axum::http::HeaderMap;
use bytes::Bytes;
use serde_json::{Value, json};

use super::RequestId;
use super::error::{ApiError, Detail};
use crate::clock::now_ms;
use crate::sim::Simulator;
use crate::state::{AcceptedKey, Received, State as SimState, Via};
use crate::validate;

const RETRY_KEY: &str = "x-line-retry-key";
const MAX_MULTICAST: usize = 500;

pub async fn reply(
    State(sim): State<Simulator>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    // LINE refuses the header outside push/multicast/narrowcast/broadcast.
    if headers.contains_key(RETRY_KEY) {
        return Err(ApiError::bad(
            "X-Line-Retry-Key is not supported on this endpoint",
        ));
    }
    let body = parse(&body)?;
    let Some(token) = body.get("replyToken").and_then(Value::as_str) else {
        return Err(ApiError::property("must be specified", "replyToken"));
    };
    let messages = validate::messages(&body).map_err(ApiError::invalid)?;
    let now = now_ms();
    let (sent, delivered) = {
        let mut st = sim.lock();
        let user_id = match st.reply_tokens.get_mut(token) {
            Some(t) if !t.used && t.expires_at_ms > now => {
                t.used = true;
                t.user_id.clone()
            }
            _ => return Err(ApiError::bad("Invalid reply token")),
        };
        accept(
            &sim,
            &mut st,
            &[user_id],
            &messages,
            Via::Reply,
            None,
            &request_id,
            now,
        )
    };
    notify(&sim, delivered);
    Ok(Json(json!({ "sentMessages": sent })))
}

pub async fn push(
    State(sim): State<Simulator>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let key = retry_key(&headers)?;
    check_key(&sim, key.as_deref())?;
    let body = parse(&body)?;
    let to = body.get("to").and_then(Value::as_str).unwrap_or_default();
    if !is_user_id(to) || sim.lock().user(to).is_none() {
        return Err(ApiError::property(
            "The property, 'to', in the request body is invalid",
            "to",
        ));
    }
    let messages = validate::messages(&body).map_err(ApiError::invalid)?;
    let now = now_ms();
    let (sent, delivered) = {
        let mut st = sim.lock();
        // Checked again under the lock: two concurrent requests with one key must not both pass.
        conflict(&st, key.as_deref())?;
        let following = st.user(to).is_some_and(|u| u.following);
        let recipients: Vec<String> = if following {
            vec![to.to_owned()]
        } else {
            vec![]
        };
        charge(&mut st, recipients.len())?;
        let out = accept(
            &sim,
            &mut st,
            &recipients,
            &messages,
            Via::Push,
            key.as_deref(),
            &request_id,
            now,
        );
        remember_key(&mut st, key, &request_id, &out.0);
        out
    };
    notify(&sim, delivered);
    Ok(Json(json!({ "sentMessages": sent })))
}

pub async fn multicast(
    State(sim): State<Simulator>,
    Extension(RequestId(request_id)): Extension<RequestId>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    let key = retry_key(&headers)?;
    check_key(&sim, key.as_deref())?;
    let body = parse(&body)?;
    let Some(to) = body.get("to").and_then(Value::as_array) else {
        return Err(ApiError::property("must be specified", "to"));
    };
    if to.is_empty() || to.len() > MAX_MULTICAST {
        return Err(ApiError::property(
            format!("size must be between 1 and {MAX_MULTICAST}"),
            "to",
        ));
    }
    let mut ids = Vec::with_capacity(to.len());
    for (i, v) in to.iter().enumerate() {
        match v.as_str() {
            Some(id) if is_user_id(id) => ids.push(id.to_owned()),
            _ => return Err(ApiError::property("must be a user ID", format!("to[{i}]"))),
        }
    }
    let messages = validate::messages(&body).map_err(ApiError::invalid)?;
    let now = now_ms();
    let delivered = {
        let mut st = sim.lock();
        conflict(&st, key.as_deref())?;
        // Like LINE, unknown ids and users who blocked the bot are skipped silently.
        ids.dedup();
        let recipients: Vec<String> = ids
            .into_iter()
            .filter(|id| st.user(id).is_some_and(|u| u.following))
            .collect();
        charge(&mut st, recipients.len())?;
        let (sent, delivered) = accept(
            &sim,
            &mut st,
            &recipients,
            &messages,
            Via::Multicast,
            key.as_deref(),
            &request_id,
            now,
        );
        remember_key(&mut st, key, &request_id, &sent);
        delivered
    };
    notify(&sim, delivered);
    Ok(Json(json!({})))
}

pub async fn validate(Path(kind): Path<String>, body: Bytes) -> Result<Json<Value>, ApiError> {
    if !matches!(
        kind.as_str(),
        "reply" | "push" | "multicast" | "narrowcast" | "broadcast"
    ) {
        return Err(ApiError::NotFound);
    }
    let body = parse(&body)?;
    validate::messages(&body).map_err(ApiError::invalid)?;
    Ok(Json(json!({})))
}

pub fn parse(body: &[u8]) -> Result<Value, ApiError> {
    match serde_json::from_slice::<Value>(body) {
        Ok(v) if v.is_object() => Ok(v),
        Ok(_) => Err(ApiError::bad("The request body must be a JSON object")),
        Err(e) => Err(ApiError::bad(format!(
            "The request body could not be parsed as JSON: {e}"
        ))),
    }
}

fn is_user_id(s: &str) -> bool {
    s.len() == 33 && s.starts_with('U') && s[1..].bytes().all(|b| b.is_ascii_hexdigit())
}

fn retry_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(v) = headers.get(RETRY_KEY) else {
        return Ok(None);
    };
    let parsed = v
        .to_str()
        .ok()
        .and_then(|s| uuid::Uuid::parse_str(s.trim()).ok());
    match parsed {
        Some(u) => Ok(Some(u.hyphenated().to_string())),
        None => Err(ApiError::invalid(vec![Detail::new(
            "must be a UUID",
            "X-Line-Retry-Key",
        )])),
    }
}

fn check_key(sim: &Simulator, key: Option<&str>) -> Result<(), ApiError> {
    conflict(&sim.lock(), key)
}

fn conflict(st: &SimState, key: Option<&str>) -> Result<(), ApiError> {
    match key.and_then(|k| st.retry_keys.get(k)) {
        Some(acc) => Err(ApiError::Conflict {
            accepted_request_id: acc.request_id.clone(),
            sent_messages: acc.sent_messages.clone(),
        }),
        None => Ok(()),
    }
}

fn remember_key(st: &mut SimState, key: Option<String>, request_id: &str, sent: &[Value]) {
    if let Some(k) = key {
        st.retry_keys.insert(
            k,
            AcceptedKey {
                request_id: request_id.to_owned(),
                sent_messages: sent.to_vec(),
            },
        );
    }
}

/// LINE bills push/multicast per recipient (not per message object) against the quota.
fn charge(st: &mut SimState, recipients: usize) -> Result<(), ApiError> {
    let n = recipients as u64;
    if let Some(q) = st.quota
        && st.total_usage + n > q
    {
        return Err(ApiError::TooManyRequests(
            "You have reached your monthly limit.".to_owned(),
        ));
    }
    st.total_usage += n;
    Ok(())
}

/// Records each message for each recipient; returns the `sentMessages` array and the records.
#[allow(clippy::too_many_arguments)]
fn accept(
    sim: &Simulator,
    st: &mut SimState,
    recipients: &[String],
    messages: &[Value],
    via: Via,
    retry_key: Option<&str>,
    request_id: &str,
    now: i64,
) -> (Vec<Value>, Vec<Received>) {
    let ids = &sim.inner.ids;
    let mut sent = Vec::with_capacity(messages.len());
    let mut delivered = Vec::with_capacity(messages.len() * recipients.len());
    for m in messages {
        let id = ids.sent_message_id();
        sent.push(if validate::quotable(m) {
            json!({ "id": id, "quoteToken": ids.quote_token() })
        } else {
            json!({ "id": id })
        });
        for user_id in recipients {
            delivered.push(Received {
                user_id: user_id.clone(),
                via,
                retry_key: retry_key.map(str::to_owned),
                message: m.clone(),
                at_ms: now,
                request_id: request_id.to_owned(),
                message_id: id.clone(),
            });
        }
    }
    st.received.extend(delivered.iter().cloned());
    tracing::debug!(
        ?via,
        recipients = recipients.len(),
        messages = messages.len(),
        "accepted"
    );
    (sent, delivered)
}

fn notify(sim: &Simulator, delivered: Vec<Received>) {
    for r in delivered {
        // No subscribers is normal (no chatter running).
        let _ = sim.inner.received_tx.send(r);
    }
}
