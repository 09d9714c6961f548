//! Who did what, as the API shows it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The member who sent a message, wrote a note or changed something, as recorded then:
/// the name is a snapshot, so a removed member's name still shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ActedBy {
    #[ts(type = "number")]
    pub member_id: i64,
    pub name: String,
}

impl ActedBy {
    /// The acting member of the running request, if a member made it.
    pub fn current() -> Option<ActedBy> {
        crate::members::actor::current().and_then(|a| Some(ActedBy { member_id: a.member_id?, name: a.name.unwrap_or_default() }))
    }

    /// From a row's two nullable columns.
    pub fn from_columns(member_id: Option<i64>, name: Option<String>) -> Option<ActedBy> {
        Some(ActedBy { member_id: member_id?, name: name.unwrap_or_default() })
    }
}

/// What kind of thing a member did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum ActivityKind {
    Send,
    Note,
    Tag,
    Status,
    Booking,
    Settings,
}

impl ActivityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Send => "send",
            ActivityKind::Note => "note",
            ActivityKind::Tag => "tag",
            ActivityKind::Status => "status",
            ActivityKind::Booking => "booking",
            ActivityKind::Settings => "settings",
        }
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
