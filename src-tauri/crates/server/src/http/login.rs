//! `POST /api/login`, `/api/pair`, `/api/logout` (DESIGN §3): a member signs in with a
//! name and password or a pairing code and gets a device token; logout revokes it.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use madoguchi_core::api::ApiError;
use madoguchi_core::members::{store as members, Session};
use serde::Deserialize;

use super::auth::{self, session_cookie};
use super::AppState;

/// A login body is a name and a password; anything bigger is not one.
const BODY_LIMIT: usize = 16 << 10;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Login {
    name: String,
    password: String,
    device_name: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Pair {
    code: String,
    device_name: Option<String>,
}

fn error(status: StatusCode, code: &str, en: &str, ja: &str) -> Response {
    (status, Json(ApiError::new(code, en, ja))).into_response()
}

/// The body as `T`, or the 413/400 to answer.
async fn body<T: serde::de::DeserializeOwned>(request: Request) -> Result<(HeaderMap, Option<ConnectInfo<SocketAddr>>, T), Response> {
    let peer = request.extensions().get::<ConnectInfo<SocketAddr>>().cloned();
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, BODY_LIMIT).await.map_err(|_| {
        error(StatusCode::PAYLOAD_TOO_LARGE, "tooLarge", "the request is too large", "リクエストが大きすぎます")
    })?;
    let value = serde_json::from_slice(&bytes).map_err(|_| {
        error(StatusCode::BAD_REQUEST, "badRequest", "not a valid sign-in request", "ログインのリクエストの形式が正しくありません")
    })?;
    Ok((parts.headers, peer, value))
}

fn too_many(wait: std::time::Duration) -> Response {
    let secs = wait.as_secs().max(1) + u64::from(wait.subsec_nanos() > 0);
    let mut r = error(
        StatusCode::TOO_MANY_REQUESTS,
        "tooManyAttempts",
        &format!("too many failed sign-ins; try again in {} minutes", secs.div_ceil(60)),
        &format!("ログインの失敗が続いたため、{}分後にもう一度お試しください", secs.div_ceil(60)),
    );
    if let Ok(v) = HeaderValue::from_str(&secs.to_string()) {
        r.headers_mut().insert(header::RETRY_AFTER, v);
    }
    r
}

fn signed_in(session: Session) -> Response {
    let cookie = session_cookie(&session.token);
    ([(header::SET_COOKIE, cookie)], Json(session)).into_response()
}

fn server_error(e: madoguchi_core::CoreError) -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, Json(ApiError::from(e))).into_response()
}

pub async fn login(State(state): State<AppState>, request: Request) -> Response {
    let (headers, peer, q) = match body::<Login>(request).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let name_key = format!("name:{}", q.name.trim());
    let keys = [name_key.clone(), format!("addr:{}", auth::client_address(&headers, peer.as_ref()))];
    if let Some(wait) = state.login_limit.retry_after(&keys) {
        return too_many(wait);
    }
    let device = q.device_name.as_deref().unwrap_or("ブラウザ");
    match members::login(&state.core.store().pool, &q.name, &q.password, device).await {
        Ok(Some(session)) => {
            state.login_limit.succeeded(&name_key);
            tracing::info!(member_id = session.member.id, "member signed in");
            signed_in(session)
        }
        Ok(None) => {
            state.login_limit.failed(&keys);
            error(
                StatusCode::UNAUTHORIZED,
                "wrongLogin",
                "the name or the password is wrong",
                "名前またはパスワードが違います",
            )
        }
        Err(e) => server_error(e),
    }
}

pub async fn pair(State(state): State<AppState>, request: Request) -> Response {
    let (headers, peer, q) = match body::<Pair>(request).await {
        Ok(b) => b,
        Err(r) => return r,
    };
    let keys = [format!("pair:{}", auth::client_address(&headers, peer.as_ref()))];
    if let Some(wait) = state.login_limit.retry_after(&keys) {
        return too_many(wait);
    }
    let device = q.device_name.as_deref().unwrap_or("ブラウザ");
    match members::pair(&state.core.store().pool, &q.code, device).await {
        Ok(Some(session)) => {
            tracing::info!(member_id = session.member.id, "device paired");
            signed_in(session)
        }
        Ok(None) => {
            state.login_limit.failed(&keys);
            error(
                StatusCode::UNAUTHORIZED,
                "wrongCode",
                "this pairing code is wrong, used or expired; ask the owner for a new one",
                "このコードは正しくないか、使用済みか、期限切れです。管理者に新しいコードを作ってもらってください",
            )
        }
        Err(e) => server_error(e),
    }
}

pub async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(token) = auth::bearer(&headers) else { return auth::unauthorized() };
    match members::logout(&state.core.store().pool, token).await {
        Ok(true) => {
            let expired = format!("{}=; HttpOnly; SameSite=Strict; Path=/api; Max-Age=0", auth::SESSION_COOKIE);
            ([(header::SET_COOKIE, expired)], Json(serde_json::json!({ "ok": true }))).into_response()
        }
        Ok(false) => auth::unauthorized(),
        Err(e) => server_error(e),
    }
}

/// `GET /api/me`: who this token belongs to, so the UI shows what the role allows.
/// The printed session token is the one person at this PC: an owner without a name.
pub async fn me(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match auth::caller(&state, &headers, None, false).await {
        Ok(auth::Caller::Session) => Json(serde_json::json!({ "member": null, "role": "owner" })).into_response(),
        Ok(auth::Caller::Member(p)) => match members::get(&state.core.store().pool, p.member_id).await {
            Ok(m) => Json(serde_json::json!({
                "member": { "id": m.id, "name": m.name, "role": m.role },
                "role": m.role,
            }))
            .into_response(),
            Err(e) => server_error(e),
        },
        Err(r) => r,
    }
}
