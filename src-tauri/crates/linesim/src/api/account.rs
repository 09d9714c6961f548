//! Quota, consumption and bot info.

use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};

use crate::ids::splitmix;
use crate::sim::Simulator;

pub async fn quota(State(sim): State<Simulator>) -> Json<Value> {
    match sim.lock().quota {
        Some(value) => Json(json!({ "type": "limited", "value": value })),
        None => Json(json!({ "type": "none" })),
    }
}

pub async fn consumption(State(sim): State<Simulator>) -> Json<Value> {
    Json(json!({ "totalUsage": sim.lock().total_usage }))
}

pub async fn bot_info(State(sim): State<Simulator>) -> Json<Value> {
    let cfg = &sim.inner.cfg;
    // Basic IDs look like "@123abcde"; derive one from the seed so it is stable per run.
    let basic_id = format!(
        "@{:03}{:05x}",
        splitmix(cfg.seed) % 1000,
        splitmix(cfg.seed ^ 1) & 0xFFFFF
    );
    Json(json!({
        "userId": cfg.bot_user_id,
        "basicId": basic_id,
        "displayName": "ヘアサロン 窓口 (シミュレーター)",
        "chatMode": "chat",
        "markAsReadMode": "manual",
    }))
}
