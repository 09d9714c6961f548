use axum::Json;
use axum::extract::{Path, State};
use serde_json::{Map, Value, json};

use super::error::ApiError;
use crate::sim::Simulator;

/// 404 for unknown users and for users who blocked the bot, as LINE does.
pub async fn get_profile(
    State(sim): State<Simulator>,
    Path(user_id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let st = sim.lock();
    let entry = st
        .user(&user_id)
        .filter(|u| u.following)
        .ok_or(ApiError::NotFound)?;
    let u = &entry.user;
    let mut body = Map::new();
    body.insert("displayName".into(), json!(u.display_name));
    body.insert("userId".into(), json!(u.user_id));
    if let Some(p) = &u.picture_url {
        body.insert("pictureUrl".into(), json!(p));
    }
    body.insert("language".into(), json!(u.language));
    Ok(Json(Value::Object(body)))
}
