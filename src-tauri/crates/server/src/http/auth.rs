//! Who is calling: a member's device token, or — while the counter has no members yet
//! (a fresh install, `--demo`) — the session token printed at start.

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use madoguchi_core::api::ApiError;
use madoguchi_core::members::{store as members, Principal, Role};

use super::AppState;

/// The session cookie lets `<img src="/api/media/...">` load customers' photos without
/// putting the token in URLs; the UI's API calls carry it as a bearer header.
pub const SESSION_COOKIE: &str = "madoguchi_session";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    /// The printed session token: the one person at this PC, allowed everything.
    Session,
    Member(Principal),
}

impl Caller {
    pub fn may(&self, needed: Role) -> bool {
        match self {
            Caller::Session => true,
            Caller::Member(p) => p.role.allows(needed),
        }
    }
}

/// Constant time, so the token cannot be guessed byte by byte from response times.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    headers.get("authorization").and_then(|v| v.to_str().ok()).and_then(|v| v.strip_prefix("Bearer "))
}

fn cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all("cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| c.trim().strip_prefix(SESSION_COOKIE)?.strip_prefix('='))
}

/// The token a request carries. The cookie counts only where `allow_cookie` (read-only
/// media): API calls must carry the token themselves, so no other page can make the
/// browser act for it.
pub fn presented<'a>(headers: &'a HeaderMap, query_token: Option<&'a str>, allow_cookie: bool) -> Option<&'a str> {
    bearer(headers).or(query_token).or_else(|| cookie(headers).filter(|_| allow_cookie))
}

/// Whoever holds `token`, or None. The session token only counts while there are no
/// members and only when the request did not come through a proxy (a hub's HTTPS
/// front adds `X-Forwarded-For`): it is the key of the one person at this PC.
pub async fn caller_of(state: &AppState, headers: &HeaderMap, token: &str) -> Result<Option<Caller>, Response> {
    let pool = &state.core.store().pool;
    if !state.token.is_empty() && same(token, &state.token) {
        let alone = members::count(pool).await.map_err(internal)? == 0;
        let direct = !headers.contains_key("x-forwarded-for");
        return Ok((alone && direct).then_some(Caller::Session));
    }
    Ok(members::authenticate(pool, token).await.map_err(internal)?.map(Caller::Member))
}

/// The caller, or the 401 to answer.
pub async fn caller(state: &AppState, headers: &HeaderMap, query_token: Option<&str>, allow_cookie: bool) -> Result<Caller, Response> {
    let Some(token) = presented(headers, query_token, allow_cookie) else { return Err(unauthorized()) };
    caller_of(state, headers, token).await?.ok_or_else(unauthorized)
}

pub fn unauthorized() -> Response {
    let e = ApiError::new(
        "unauthorized",
        "sign in again: the token is missing, wrong or signed out",
        "もう一度ログインしてください（トークンがないか、正しくないか、ログアウト済みです）",
    );
    (StatusCode::UNAUTHORIZED, Json(e)).into_response()
}

pub fn forbidden() -> Response {
    let e = ApiError::new(
        "forbidden",
        "only an owner (管理者) may do this",
        "この操作は管理者だけができます",
    );
    (StatusCode::FORBIDDEN, Json(e)).into_response()
}

fn internal(e: madoguchi_core::CoreError) -> Response {
    let e = ApiError::from(e);
    (StatusCode::INTERNAL_SERVER_ERROR, Json(e)).into_response()
}

pub fn session_cookie(token: &str) -> String {
    format!("{SESSION_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/api")
}

/// The address a request came from: the peer, or — when the peer is this machine's
/// HTTPS front (Caddy) — the client it names last in `X-Forwarded-For`.
pub fn client_address(headers: &HeaderMap, peer: Option<&ConnectInfo<SocketAddr>>) -> String {
    let peer_ip = peer.map(|c| c.0.ip());
    let forwarded = headers
        .get("x-forwarded-for")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.rsplit(',').next())
        .map(str::trim)
        .and_then(|v| v.parse::<IpAddr>().ok());
    match (peer_ip, forwarded) {
        (Some(ip), Some(client)) if ip.is_loopback() => client.to_string(),
        (Some(ip), _) => ip.to_string(),
        // Without the peer nothing vouches for the header: one shared bucket.
        (None, _) => "unknown".to_string(),
    }
}
