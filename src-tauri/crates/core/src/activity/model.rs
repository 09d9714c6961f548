//! Who did what, as the API shows it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::events::{ActedBy, ActivityKind};

/// Who acts is known to members (the request's actor); the type lives with the events
/// that carry it.
impl ActedBy {
    /// The acting member of the running request, if a member made it.
    pub fn current() -> Option<ActedBy> {
        crate::members::actor::current().and_then(|a| Some(ActedBy { member_id: a.member_id?, name: a.name.unwrap_or_default() }))
    }
}

/// One settings change in the owner's history (変更履歴).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsChange {
    #[ts(type = "number")]
    pub id: i64,
    /// Epoch ms.
    #[ts(type = "number")]
    pub at: i64,
    /// Null: the owner at this PC (the desktop window or the printed session token).
    pub by: Option<ActedBy>,
    /// The API method, e.g. `SetBusinessHours`.
    pub method: String,
    /// A short phrase in Japanese, e.g. 「営業時間を変更」.
    pub summary: String,
}

/// Newest first; `before` pages on to older changes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListSettingsHistory {
    /// Only changes with a smaller id (the last id of the previous page).
    #[ts(optional, type = "number")]
    #[serde(default)]
    pub before: Option<i64>,
    #[ts(optional, type = "number")]
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SettingsHistoryPage {
    pub changes: Vec<SettingsChange>,
    pub has_more: bool,
}

/// One thing done, before the method ran.
#[derive(Debug, Clone)]
pub struct Done {
    pub kind: ActivityKind,
    pub summary: String,
    pub conversation_id: Option<i64>,
    pub friend_id: Option<i64>,
    pub reservation_id: Option<i64>,
}
