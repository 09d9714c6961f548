//! The LINE Messaging API subset, at LINE's real paths. api.line.me and api-data.line.me
//! paths are served by the same listener, so one base URL works for both hosts.

mod account;
mod chat;
mod content;
pub mod error;
mod messages;
mod profile;
mod webhook;

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderValue, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use crate::sim::Simulator;
use error::ApiError;

/// The request id of the current LINE API request (also sent as `x-line-request-id`).
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

pub fn router(sim: Simulator) -> Router {
    Router::new()
        .route("/v2/bot/message/reply", post(messages::reply))
        .route("/v2/bot/message/push", post(messages::push))
        .route("/v2/bot/message/multicast", post(messages::multicast))
        .route("/v2/bot/message/validate/{kind}", post(messages::validate))
        .route("/v2/bot/profile/{user_id}", get(profile::get_profile))
        .route(
            "/v2/bot/message/{message_id}/content",
            get(content::content),
        )
        .route(
            "/v2/bot/message/{message_id}/content/preview",
            get(content::preview),
        )
        .route(
            "/v2/bot/message/{message_id}/content/transcoding",
            get(content::transcoding),
        )
        .route("/v2/bot/chat/markAsRead", post(chat::mark_as_read))
        .route("/v2/bot/chat/loading/start", post(chat::loading))
        .route("/v2/bot/message/quota", get(account::quota))
        .route(
            "/v2/bot/message/quota/consumption",
            get(account::consumption),
        )
        .route("/v2/bot/info", get(account::bot_info))
        .route(
            "/v2/bot/channel/webhook/endpoint",
            get(webhook::get_endpoint).put(webhook::set_endpoint),
        )
        .route("/v2/bot/channel/webhook/test", post(webhook::test))
        // route_layer: runs after routing, so MatchedPath names the endpoint.
        .route_layer(middleware::from_fn_with_state(sim.clone(), line_layer))
        .fallback(|| async { ApiError::NotFound })
        .with_state(sim)
}

/// The stats/faults name of a route.
fn endpoint_name(path: &str) -> &'static str {
    match path {
        "/v2/bot/message/reply" => "reply",
        "/v2/bot/message/push" => "push",
        "/v2/bot/message/multicast" => "multicast",
        "/v2/bot/message/validate/{kind}" => "validate",
        "/v2/bot/profile/{user_id}" => "profile",
        "/v2/bot/message/{message_id}/content" => "content",
        "/v2/bot/message/{message_id}/content/preview" => "contentPreview",
        "/v2/bot/message/{message_id}/content/transcoding" => "transcoding",
        "/v2/bot/chat/markAsRead" => "markAsRead",
        "/v2/bot/chat/loading/start" => "loading",
        "/v2/bot/message/quota" => "quota",
        "/v2/bot/message/quota/consumption" => "consumption",
        "/v2/bot/info" => "botInfo",
        "/v2/bot/channel/webhook/endpoint" => "webhookEndpoint",
        "/v2/bot/channel/webhook/test" => "webhookTest",
        _ => "other",
    }
}

/// Cross-cutting behaviour of every LINE endpoint: request id header, injected faults,
/// bearer auth, stats.
async fn line_layer(State(sim): State<Simulator>, mut req: Request, next: Next) -> Response {
    let endpoint = req
        .extensions()
        .get::<MatchedPath>()
        .map_or("other", |p| endpoint_name(p.as_str()));
    let request_id = sim.inner.ids.request_id();

    let mut faulted = false;
    let mut recorded = false;
    // A fault applied after the endpoint has done its work: (answer instead, delay).
    let mut after = None;
    let mut resp = 'answer: {
        if let Some(fault) = sim.inner.faults.take(endpoint) {
            if fault.after_processing {
                after = Some((fault.status, fault.delay));
            } else {
                if !fault.delay.is_zero() {
                    tokio::time::sleep(fault.delay).await;
                }
                if let Some(status) = fault.status {
                    faulted = true;
                    tracing::debug!(endpoint, status, "injected fault");
                    break 'answer ApiError::Injected(status).into_response();
                }
            }
        }
        let expected = format!("Bearer {}", sim.inner.cfg.access_token);
        let authorized = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == expected);
        if !authorized {
            break 'answer ApiError::Unauthorized.into_response();
        }
        req.extensions_mut().insert(RequestId(request_id.clone()));
        let processed = next.run(req).await;
        let Some((status, delay)) = after else {
            break 'answer processed;
        };
        // Done: counted now, since the answer below may never go out (a client that
        // gives up or dies meanwhile drops this future and never learns it was accepted).
        sim.lock().stats.record(endpoint, processed.status().as_u16(), false);
        recorded = true;
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        match status {
            Some(status) => {
                sim.lock().stats.faulted += 1;
                tracing::debug!(endpoint, status, "injected fault after processing");
                ApiError::Injected(status).into_response()
            }
            None => processed,
        }
    };

    if let Ok(v) = HeaderValue::from_str(&request_id) {
        resp.headers_mut().insert("x-line-request-id", v);
    }
    if !recorded {
        sim.lock()
            .stats
            .record(endpoint, resp.status().as_u16(), faulted);
    }
    resp
}
