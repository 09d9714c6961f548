use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::CoreError;

/// What a transport returns when a request fails: a stable code for programs and the
/// message in both languages for people. Never carries secrets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, thiserror::Error)]
#[serde(rename_all = "camelCase")]
#[error("{code}: {message}")]
pub struct ApiError {
    pub code: String,
    pub message: String,
    pub message_ja: String,
    /// Only for an internal error: the id its details were logged under, shown to the
    /// person so that they can quote it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub log_id: Option<String>,
}

impl ApiError {
    pub fn new(code: &str, message: impl Into<String>, message_ja: impl Into<String>) -> Self {
        ApiError { code: code.into(), message: message.into(), message_ja: message_ja.into(), log_id: None }
    }

    /// A failure of ours: the details go to the log under a fresh id, the person gets
    /// the id and no details.
    pub fn internal(details: &dyn std::fmt::Display) -> Self {
        let log_id = format!("{:08x}", rand::random::<u32>());
        tracing::error!(log_id = %log_id, error = %details, "internal error in API call");
        ApiError {
            code: "internal".into(),
            message: "An internal error occurred".into(),
            message_ja: "内部エラーが発生しました".into(),
            log_id: Some(log_id),
        }
    }

    /// HTTP status a transport should use.
    pub fn http_status(&self) -> u16 {
        match self.code.as_str() {
            "notFound" => 404,
            "invalid" | "badRequest" => 400,
            "notConfigured" | "slotTaken" | "readOnly" => 409,
            _ => 500,
        }
    }
}

/// SQLite's SQLITE_READONLY (8, and its extended codes): a store opened read-only.
fn is_read_only(e: &sqlx::Error) -> bool {
    e.as_database_error().and_then(|d| d.code()).and_then(|c| c.parse::<i64>().ok()).is_some_and(|c| c & 0xff == 8)
}

impl From<CoreError> for ApiError {
    fn from(e: CoreError) -> Self {
        match e {
            CoreError::NotFound(what) => ApiError::new("notFound", format!("not found: {what}"), format!("見つかりません: {what}")),
            CoreError::BadInput { en, ja } => ApiError::new("invalid", en, ja),
            CoreError::NotConfigured { en, ja } => ApiError::new("notConfigured", en, ja),
            // Reservations: "just taken", a distinct code the calendar and the LINE flow act on.
            CoreError::SlotTaken { en, ja } => ApiError::new("slotTaken", en, ja),
            CoreError::Db(err) if is_read_only(&err) => ApiError::new(
                "readOnly",
                "This is a copy opened to look through: nothing in it can be changed or sent",
                "これは閲覧用に開いた控えです。変更や送信はできません",
            ),
            CoreError::Line(err) => ApiError::new(
                "line",
                format!("LINE refused: {}", err.reason()),
                format!("LINE に拒否されました: {}", err.reason()),
            ),
            other => ApiError::internal(&other),
        }
    }
}
