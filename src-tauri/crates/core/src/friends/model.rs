//! The friends API's types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::tags::TagExpr;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FriendRef {
    #[ts(type = "number")]
    pub friend_id: i64,
}

/// Everything the friend panel shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FriendProfile {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    #[ts(type = "number | null")]
    pub conversation_id: Option<i64>,
    pub line_user_id: String,
    pub display_name: Option<String>,
    pub picture_url: Option<String>,
    /// The picture's stored copy, served like other media (screens never load LINE's URL).
    pub picture_file: Option<String>,
    pub status_message: Option<String>,
    /// Only the shop sees it.
    pub private_name: Option<String>,
    /// False once the friend blocked the account (an unfollow event).
    pub followed: bool,
    #[ts(type = "number")]
    pub first_contact_at: i64,
    #[ts(type = "number")]
    pub last_contact_at: i64,
    /// Messages in the chat, both directions.
    #[ts(type = "number")]
    pub message_count: i64,
    #[ts(type = "number[]")]
    pub tag_ids: Vec<i64>,
    pub notes: Vec<FriendNote>,
    pub fields: Vec<FieldValue>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FriendNote {
    #[ts(type = "number")]
    pub id: i64,
    pub body: String,
    #[ts(type = "number")]
    pub created_at: i64,
    #[ts(type = "number")]
    pub updated_at: i64,
    /// Who wrote it (members); null for the owner at this PC.
    pub author: Option<crate::events::ActedBy>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FieldValue {
    #[ts(type = "number")]
    pub field_id: i64,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetPrivateName {
    #[ts(type = "number")]
    pub friend_id: i64,
    /// Empty or null clears it.
    #[serde(default)]
    pub private_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AddNote {
    #[ts(type = "number")]
    pub friend_id: i64,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UpdateNote {
    #[ts(type = "number")]
    pub note_id: i64,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NoteRef {
    #[ts(type = "number")]
    pub note_id: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum FieldKind {
    Text,
    Number,
    Date,
    Choice,
    Checkbox,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomField {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    pub name: String,
    pub kind: FieldKind,
    /// The choices of a `choice` field.
    pub options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveCustomField {
    #[ts(type = "number")]
    pub account_id: i64,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub id: Option<i64>,
    pub name: String,
    pub kind: FieldKind,
    #[serde(default)]
    pub options: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CustomFieldRef {
    #[ts(type = "number")]
    pub field_id: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetFieldValue {
    #[ts(type = "number")]
    pub friend_id: i64,
    #[ts(type = "number")]
    pub field_id: i64,
    /// Null or empty clears it. Number as typed, date `YYYY-MM-DD`, checkbox `true`/`false`.
    #[serde(default)]
    pub value: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ListFriends {
    #[ts(type = "number")]
    pub account_id: i64,
    /// Part of the LINE name or the private name.
    #[serde(default)]
    pub query: Option<String>,
    #[serde(default)]
    pub tags: Option<TagExpr>,
    #[serde(default)]
    pub offset: Option<u32>,
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FriendSummary {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub conversation_id: Option<i64>,
    pub line_user_id: String,
    pub display_name: Option<String>,
    pub private_name: Option<String>,
    pub picture_url: Option<String>,
    pub followed: bool,
    #[ts(type = "number")]
    pub last_contact_at: i64,
    #[ts(type = "number[]")]
    pub tag_ids: Vec<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FriendPage {
    pub items: Vec<FriendSummary>,
    /// How many friends match in all.
    #[ts(type = "number")]
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvFile {
    pub file_name: String,
    /// UTF-8 with a byte-order mark, CRLF line ends: what Excel on Windows opens as Japanese.
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ImportFriendsCsv {
    #[ts(type = "number")]
    pub account_id: i64,
    pub content: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvRowError {
    /// 1-based line in the file (the header is line 1).
    #[ts(type = "number")]
    pub line: u64,
    pub column: Option<String>,
    pub message: String,
    pub message_ja: String,
}

/// When `errors` is not empty nothing was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CsvImportResult {
    #[ts(type = "number")]
    pub friends: i64,
    #[ts(type = "number")]
    pub created_friends: i64,
    #[ts(type = "number")]
    pub created_tags: i64,
    pub errors: Vec<CsvRowError>,
}

impl FieldKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Text => "text",
            FieldKind::Number => "number",
            FieldKind::Date => "date",
            FieldKind::Choice => "choice",
            FieldKind::Checkbox => "checkbox",
        }
    }

    pub fn parse(s: &str) -> FieldKind {
        match s {
            "number" => FieldKind::Number,
            "date" => FieldKind::Date,
            "choice" => FieldKind::Choice,
            "checkbox" => FieldKind::Checkbox,
            _ => FieldKind::Text,
        }
    }
}
