use std::convert::Infallible;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Json;
use futures_util::Stream;
use madoguchi_core::api::{ApiError, Request};
use serde::Deserialize;

use super::AppState;

#[derive(Deserialize)]
pub struct TokenQuery {
    pub token: Option<String>,
}

/// Constant time, so the token cannot be guessed byte by byte from response times.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The session cookie lets `<img src="/api/media/...">` load customers' photos without
/// putting the token in URLs; the UI's API calls carry it as a bearer header.
const SESSION_COOKIE: &str = "madoguchi_session";

/// The cookie counts only where `allow_cookie` (read-only media): API calls must carry the
/// token themselves, so no other page can make the browser act for it.
pub fn authorized(state: &AppState, headers: &HeaderMap, query_token: Option<&str>, allow_cookie: bool) -> bool {
    let bearer = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let cookie = headers
        .get_all("cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().strip_prefix(SESSION_COOKIE)?.strip_prefix('='))
        .next()
        .filter(|_| allow_cookie);
    bearer.or(query_token).or(cookie).is_some_and(|t| same(t, &state.token))
}

fn session_cookie(state: &AppState) -> String {
    format!("{SESSION_COOKIE}={}; HttpOnly; SameSite=Strict; Path=/api", state.token)
}

fn unauthorized() -> Response {
    let e = ApiError::new(
        "unauthorized",
        "missing or wrong session token; open the URL the server printed",
        "セッショントークンがありません。サーバーが表示した URL から開いてください",
    );
    (StatusCode::UNAUTHORIZED, Json(e)).into_response()
}

pub async fn rpc(State(state): State<AppState>, headers: HeaderMap, body: axum::body::Bytes) -> Response {
    if !authorized(&state, &headers, None, false) {
        return unauthorized();
    }
    let request: Request = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => {
            let e = ApiError::new("badRequest", format!("not a valid request: {e}"), format!("リクエストの形式が正しくありません: {e}"));
            return (StatusCode::BAD_REQUEST, Json(e)).into_response();
        }
    };
    match state.core.dispatch(request).await {
        Ok(resp) => ([(axum::http::header::SET_COOKIE, session_cookie(&state))], Json(resp)).into_response(),
        Err(e) => {
            let status = StatusCode::from_u16(e.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            (status, Json(e)).into_response()
        }
    }
}

/// Server-sent events: the browser's EventSource cannot set headers, hence the query token.
pub async fn events(State(state): State<AppState>, headers: HeaderMap, Query(q): Query<TokenQuery>) -> Response {
    if !authorized(&state, &headers, q.token.as_deref(), false) {
        return unauthorized();
    }
    let rx = state.core.events().subscribe();
    Sse::new(stream(rx)).keep_alive(KeepAlive::default()).into_response()
}

fn stream(
    mut rx: tokio::sync::broadcast::Receiver<madoguchi_core::events::CoreEvent>,
) -> impl Stream<Item = Result<Event, Infallible>> {
    async_stream(move |tx| async move {
        loop {
            match rx.recv().await {
                Ok(e) => {
                    let Ok(data) = serde_json::to_string(&e) else { continue };
                    if tx.send(Ok(Event::default().data(data))).await.is_err() {
                        return;
                    }
                }
                // Missed events: tell the UI to re-read everything.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                    if tx.send(Ok(Event::default().event("resync").data("{}"))).await.is_err() {
                        return;
                    }
                }
                Err(_) => return,
            }
        }
    })
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
