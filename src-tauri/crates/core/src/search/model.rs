use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::inbox::model::Direction;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchQuery {
    /// What to look for, as typed: matched as one literal substring (quotes and FTS
    /// operators are plain text), case-insensitively.
    pub query: String,
    /// Only this account; null = every account.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub account_id: Option<i64>,
    /// The previous page's `nextBefore`.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub before: Option<i64>,
    #[serde(default)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum SearchSource {
    Message,
    Note,
}

/// A part of the snippet that matched: `[start, end)` in UTF-16 code units of `snippet`
/// (JavaScript string indexes), so the UI can wrap it in an element without HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Highlight {
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub source: SearchSource,
    /// The message id (source = message) or the note id (source = note).
    #[ts(type = "number")]
    pub id: i64,
    /// The friend's chat; null when a noted friend has never chatted.
    #[ts(type = "number | null")]
    pub conversation_id: Option<i64>,
    #[ts(type = "number")]
    pub account_id: i64,
    #[ts(type = "number")]
    pub friend_id: i64,
    /// The private name when the shop set one, else the LINE name.
    pub friend_name: Option<String>,
    pub direction: Option<Direction>,
    #[ts(type = "number")]
    pub at: i64,
    /// Plain text around the first match (cut with "…" when the text is long).
    pub snippet: String,
    pub highlights: Vec<Highlight>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SearchPage {
    /// Newest first.
    pub hits: Vec<SearchHit>,
    /// Pass as `before` for the next page; null = no more.
    #[ts(type = "number | null")]
    pub next_before: Option<i64>,
}
