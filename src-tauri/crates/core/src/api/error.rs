use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::CoreError;

/// What a transport returns when a request fails: a stable code for programs and the
/// message in both languages for people. Never carries secrets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{code}: {message}")]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub message_ja: String,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>, message_ja: impl Into<String>) -> Self {
        ApiError { code: code.into(), message: message.into(), message_ja: message_ja.into() }
    }

    /// HTTP status a transport should use.
    pub fn http_status(&self) -> u16 {
        match self.code.as_str() {
            "notFound" => 404,
            "invalid" | "badRequest" => 400,
            "notConfigured" | "slotTaken" => 409,
            _ => 500,
        }
    }
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        match e {
            CoreError::NotFound(what) => ApiError::new("notFound", format!("not found: {what}"), format!("見つかりません: {what}")),
            CoreError::BadInput { en, ja } => ApiError::new("invalid", en, ja),
            CoreError::Invalid(why) => ApiError::new("invalid", why.clone(), format!("入力を確認してください: {why}")),
            CoreError::NotConfigured { en, ja } => ApiError::new("notConfigured", en, ja),
            // Reservations: "just taken", a distinct code the calendar and the LINE flow act on.
            CoreError::SlotTaken { en, ja } => ApiError::new("slotTaken", en, ja),
            CoreError::Line(err) => ApiError::new(
                "line",
                format!("LINE refused: {}", err.reason()),
                format!("LINE に拒否されました: {}", err.reason()),
            ),
            other => {
                tracing::error!(error = %other, "internal error in API call");
                ApiError::new("internal", "something went wrong; the details are in the log", "内部エラーが発生しました（詳細はログにあります）")
            }
        }
    }
}
