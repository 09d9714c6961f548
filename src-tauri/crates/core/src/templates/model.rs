use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::outbox::model::OutgoingContent;

/// One message of a canned reply. Text may hold placeholders (`{名前}`, `{?メニュー}` …).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum TemplateBubble {
    Text { text: String },
    /// A local JPEG/PNG file, sent like SendMessage's image.
    Image { path: String },
    Sticker { package_id: String, sticker_id: String },
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateFolder {
    #[ts(type = "number")]
    pub id: i64,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number | null")]
    pub folder_id: Option<i64>,
    pub title: String,
    pub bubbles: Vec<TemplateBubble>,
    /// Fill-in prompts (`{?…}`) the owner is asked for before sending, in order.
    pub prompts: Vec<String>,
    #[ts(type = "number")]
    pub updated_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum PlaceholderKind {
    /// From the friend's profile (name).
    Friend,
    /// From the shop (account name).
    Shop,
    /// A custom field of the friend.
    Field,
    /// The friend's next reservation (needs the reservations feature).
    Reservation,
    /// `{?…}`: asked from the owner when sending.
    Prompt,
}

/// One placeholder the editor can offer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PlaceholderInfo {
    /// As written in a template, braces included, e.g. `{名前}`.
    pub token: String,
    pub kind: PlaceholderKind,
    /// False when it cannot be filled yet (next reservation before reservations exist).
    pub available: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateLibrary {
    pub folders: Vec<TemplateFolder>,
    pub templates: Vec<TemplateView>,
    pub placeholders: Vec<PlaceholderInfo>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveTemplateFolder {
    #[ts(type = "number")]
    pub account_id: i64,
    /// null = a new folder.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub id: Option<i64>,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateFolderRef {
    #[ts(type = "number")]
    pub folder_id: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveTemplate {
    #[ts(type = "number")]
    pub account_id: i64,
    /// null = a new template.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub id: Option<i64>,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub folder_id: Option<i64>,
    pub title: String,
    pub bubbles: Vec<TemplateBubble>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateRef {
    #[ts(type = "number")]
    pub template_id: i64,
}

/// Render (preview) or send a template to one chat.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UseTemplate {
    #[ts(type = "number")]
    pub template_id: i64,
    #[ts(type = "number")]
    pub conversation_id: i64,
    /// Values the owner typed, by `MissingValue.key`.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    /// SendTemplate only: the desk's key for this send, as in `SendMessage.clientKey`.
    #[ts(optional)]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_key: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MissingKind {
    /// A fill-in prompt: the owner types it for this send.
    Prompt,
    /// The friend has no value for this (no name, field not filled in, no reservation).
    FriendValue,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct MissingValue {
    /// The key to answer under in `UseTemplate.answers`: the text between the braces.
    pub key: String,
    /// What to show the owner (the prompt or field name).
    pub label: String,
    pub kind: MissingKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct RenderedTemplate {
    /// Exactly what would be sent; empty while anything is missing.
    pub bubbles: Vec<OutgoingContent>,
    /// Values to ask the owner for before it can be sent.
    pub missing: Vec<MissingValue>,
}
