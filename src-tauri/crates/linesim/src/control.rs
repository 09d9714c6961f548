//! `/sim/`: the control API for out-of-process users (Playwright, benchmarks). No auth:
//! it listens on loopback and exists only in tests and demos.

use axum::Json;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::faults::FaultRule;
use crate::png;
use crate::sim::Simulator;
use crate::webhook_sender::Delivery;

pub fn router(sim: Simulator) -> Router {
    Router::new()
        .route("/sim/users", get(list_users).post(add_user))
        .route("/sim/users/{user_id}/{action}", post(user_action))
        .route("/sim/avatars/{user_id}", get(avatar))
        .route("/sim/received", get(received))
        .route("/sim/stats", get(stats))
        .route(
            "/sim/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/sim/webhook-url", post(set_webhook_url))
        .route("/sim/mark-read", get(mark_read))
        .route("/sim/loading", get(loading))
        .with_state(sim)
}

struct ControlError(StatusCode, String);

impl IntoResponse for ControlError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({ "message": self.1 }))).into_response()
    }
}

fn bad(message: impl Into<String>) -> ControlError {
    ControlError(StatusCode::BAD_REQUEST, message.into())
}

async fn list_users(State(sim): State<Simulator>) -> Json<Value> {
    Json(json!(sim.users()))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct NewUser {
    display_name: String,
    language: Option<String>,
}

async fn add_user(State(sim): State<Simulator>, Json(req): Json<NewUser>) -> Json<Value> {
    let user = sim.add_user_with(
        &req.display_name,
        req.language.as_deref().unwrap_or("ja"),
        None,
    );
    Json(json!(user))
}

/// The body of every `/sim/users/{id}/{action}` call; each action reads its own fields
/// and falls back to a plausible default.
#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct ActionBody {
    text: Option<String>,
    package_id: Option<String>,
    sticker_id: Option<String>,
    keywords: Option<Vec<String>>,
    file_name: Option<String>,
    size: Option<u64>,
    title: Option<String>,
    address: Option<String>,
    latitude: Option<f64>,
    longitude: Option<f64>,
    is_unblocked: Option<bool>,
    data: Option<String>,
    params: Option<Value>,
    message_id: Option<String>,
}

async fn user_action(
    State(sim): State<Simulator>,
    Path((user_id, action)): Path<(String, String)>,
    body: Option<Json<ActionBody>>,
) -> Result<Json<Delivery>, ControlError> {
    if sim.user(&user_id).is_none() {
        return Err(ControlError(
            StatusCode::NOT_FOUND,
            format!("unknown user {user_id}"),
        ));
    }
    let b = body.map(|Json(b)| b).unwrap_or_default();
    let result = match action.as_str() {
        "text" => {
            sim.send_text(
                &user_id,
                b.text.as_deref().ok_or_else(|| bad("text is required"))?,
            )
            .await
        }
        "sticker" => {
            let keywords: Vec<&str> = b.keywords.iter().flatten().map(String::as_str).collect();
            let package = b.package_id.as_deref().unwrap_or("446");
            let sticker = b.sticker_id.as_deref().unwrap_or("1988");
            sim.send_sticker(&user_id, package, sticker, &keywords)
                .await
        }
        "image" => sim.send_image(&user_id).await,
        "video" => sim.send_video(&user_id).await,
        "audio" => sim.send_audio(&user_id).await,
        "file" => {
            let name = b.file_name.as_deref().unwrap_or("予約表.pdf");
            sim.send_file(&user_id, name, b.size.unwrap_or(24_576))
                .await
        }
        "location" => {
            sim.send_location(
                &user_id,
                b.title.as_deref().unwrap_or("渋谷駅"),
                b.address.as_deref().unwrap_or("東京都渋谷区道玄坂1丁目"),
                b.latitude.unwrap_or(35.658_034),
                b.longitude.unwrap_or(139.701_636),
            )
            .await
        }
        "follow" => sim.follow(&user_id, b.is_unblocked.unwrap_or(false)).await,
        "unfollow" => sim.unfollow(&user_id).await,
        "postback" => {
            let data = b.data.as_deref().ok_or_else(|| bad("data is required"))?;
            sim.postback(&user_id, data, b.params).await
        }
        "unsend" => {
            let id = b
                .message_id
                .as_deref()
                .ok_or_else(|| bad("messageId is required"))?;
            sim.unsend(&user_id, id).await
        }
        other => {
            return Err(ControlError(
                StatusCode::NOT_FOUND,
                format!("unknown action {other}"),
            ));
        }
    };
    // The webhook receiver being down is the caller's business, reported as 502.
    result
        .map(Json)
        .map_err(|e| ControlError(StatusCode::BAD_GATEWAY, format!("{e:#}")))
}

#[derive(Deserialize)]
struct AvatarQuery {
    /// A new picture gets a new address, as on LINE's CDN ([`Simulator::change_picture`]).
    v: Option<u32>,
}

async fn avatar(
    State(sim): State<Simulator>,
    Path(user_id): Path<String>,
    Query(q): Query<AvatarQuery>,
) -> Response {
    if sim.user(&user_id).is_none() {
        return ControlError(StatusCode::NOT_FOUND, "unknown user".into()).into_response();
    }
    let seed = format!("{user_id}/{}", q.v.unwrap_or(0));
    (
        [(header::CONTENT_TYPE, "image/png")],
        png::gradient(&seed, 96, 96),
    )
        .into_response()
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ReceivedQuery {
    user_id: Option<String>,
}

async fn received(State(sim): State<Simulator>, Query(q): Query<ReceivedQuery>) -> Json<Value> {
    Json(json!(match q.user_id {
        Some(id) => sim.received(&id),
        None => sim.all_received(),
    }))
}

async fn stats(State(sim): State<Simulator>) -> Json<Value> {
    Json(json!(sim.stats()))
}

async fn list_faults(State(sim): State<Simulator>) -> Json<Value> {
    Json(json!(sim.faults().rules()))
}

async fn add_fault(
    State(sim): State<Simulator>,
    Json(rule): Json<FaultRule>,
) -> Result<StatusCode, ControlError> {
    if rule.status.is_none() && rule.delay_ms == 0 {
        return Err(bad("a fault needs a status, a delayMs, or both"));
    }
    if rule
        .status
        .is_some_and(|s| StatusCode::from_u16(s).is_err())
    {
        return Err(bad("status is not an HTTP status code"));
    }
    sim.faults().add(rule);
    Ok(StatusCode::NO_CONTENT)
}

async fn clear_faults(State(sim): State<Simulator>) -> StatusCode {
    sim.faults().clear();
    StatusCode::NO_CONTENT
}

#[derive(Deserialize)]
struct WebhookUrl {
    url: String,
}

async fn set_webhook_url(State(sim): State<Simulator>, Json(req): Json<WebhookUrl>) -> StatusCode {
    sim.set_webhook_url(&req.url);
    StatusCode::NO_CONTENT
}

async fn mark_read(State(sim): State<Simulator>) -> Json<Value> {
    Json(json!(sim.mark_read_calls()))
}

async fn loading(State(sim): State<Simulator>) -> Json<Value> {
    let calls: Vec<Value> = sim
        .loading_calls()
        .into_iter()
        .map(|(chat_id, s)| json!({ "chatId": chat_id, "loadingSeconds": s }))
        .collect();
    Json(json!(calls))
}
