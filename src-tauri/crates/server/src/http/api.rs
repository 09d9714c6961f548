use std::convert::Infallible;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::Stream;
use madoguchi_core::api::{ApiError, Request};
use serde::Deserialize;

use super::auth::{self, Caller};
use super::AppState;

#[derive(Deserialize)]
pub struct TokenQuery {
    pub token: Option<String>,
}

pub async fn rpc(State(state): State<AppState>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    let caller = match auth::caller(&state, &headers, None, false).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    // The method's role is checked before its params are read.
    #[derive(serde::Deserialize)]
    struct MethodOnly {
        method: String,
    }
    if let Ok(m) = serde_json::from_slice::<MethodOnly>(&body)
        && let Some(needed) = madoguchi_core::api::role_of(&m.method)
        && !caller.may(needed)
    {
        return auth::forbidden();
    }
    let request: Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            let e = ApiError::new("badRequest", format!("not a valid request: {e}"), format!("リクエストの形式が正しくありません: {e}"));
            return (StatusCode::BAD_REQUEST, Json(e)).into_response();
        }
    };
    if !caller.may(request.role()) {
        return auth::forbidden();
    }
    // Keeps the media cookie on the token this caller uses (see auth::SESSION_COOKIE).
    let cookie = auth::presented(&headers, None, false).map(auth::session_cookie);
    let actor = match &caller {
        Caller::Member(p) => madoguchi_core::members::Actor::member(p.member_id, p.name.clone()),
        Caller::Session => madoguchi_core::members::Actor { member_id: None, name: None },
    };
    match state.core.dispatch_as(actor, request).await {
        Ok(resp) => {
            let mut r = Json(resp).into_response();
            if let Some(v) = cookie.and_then(|c| axum::http::HeaderValue::from_str(&c).ok()) {
                r.headers_mut().insert(axum::http::header::SET_COOKIE, v);
            }
            r
        }
        Err(e) => {
            let status = StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, Json(e)).into_response()
        }
    }
}

/// Server-sent events: the browser's EventSource cannot set headers, hence the query
/// token. A member's stream ends as soon as their device is signed out.
pub async fn events(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<TokenQuery>) -> Response {
    let caller = match auth::caller(&state, &headers, q.token.as_deref(), false).await {
        Ok(c) => c,
        Err(r) => return r,
    };
    let rx = state.core.events().listen();
    let revoked = match caller {
        Caller::Member(p) => Some((p.token_id, state.core.store().pool.clone())),
        Caller::Session => None,
    };
    Sse::new(stream(rx, revoked)).keep_alive(KeepAlive::default()).into_response()
}

/// Resolves when the device `token_id` is no longer signed in.
async fn signed_out(token_id: i64, pool: sqlx::SqlitePool) {
    let mut revocations = madoguchi_core::members::revocations::watch();
    loop {
        if revocations.changed().await.is_err() {
            return std::future::pending().await;
        }
        match madoguchi_core::members::store::still_valid(&pool, token_id).await {
            Ok(true) => {}
            Ok(false) => return,
            Err(e) => tracing::warn!(error = %e, "checking a device after a sign-out failed"),
        }
    }
}

fn stream(
    rx: madoguchi_core::events::Listener,
    revoked: Option<(i64, sqlx::SqlitePool)>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    async_stream(move |tx| async move {
        match revoked {
            // Dropping `tx` ends the response: the signed-out device hears nothing more.
            Some((token_id, pool)) => tokio::select! {
                _ = forward(rx, tx) => {}
                _ = signed_out(token_id, pool) => {}
            },
            None => forward(rx, tx).await,
        }
    })
}

/// Every event as an SSE message; where the stream fell behind, core's `resync` event
/// (an ordinary message too, which `EventSource.onmessage` hears).
async fn forward(mut rx: madoguchi_core::events::Listener, tx: tokio::sync::mpsc::Sender<Result<Event, Infallible>>) {
    while let Some(e) = rx.recv().await {
        let Ok(data) = serde_json::to_string(&e) else { continue };
        if tx.send(Ok(Event::default().data(data))).await.is_err() {
            return;
        }
    }
}

/// A stream fed by a task through a channel (keeps us off extra stream-macro crates).
fn async_stream<F, Fut>(f: F) -> impl Stream<Item = Result<Event, Infallible>>
where
    F: FnOnce(tokio::sync::mpsc::Sender<Result<Event, Infallible>>) -> Fut,
    Fut: std::future::Future<Output = ()> + Send + 'static,
{
    let (tx, rx) = tokio::sync::mpsc::channel(64);
    tokio::spawn(f(tx));
    futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|item| (item, rx)) })
}
