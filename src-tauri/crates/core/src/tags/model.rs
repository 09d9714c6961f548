//! The tag API's types.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagView {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    pub name: String,
    /// `#rrggbb`
    pub color: String,
    /// How many friends carry it.
    #[ts(type = "number")]
    pub friend_count: i64,
}

/// Creates a tag (`id` null) or renames / recolours one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveTag {
    #[ts(type = "number")]
    pub account_id: i64,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub id: Option<i64>,
    pub name: String,
    pub color: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagRef {
    #[ts(type = "number")]
    pub tag_id: i64,
}

/// Adds (or removes) one tag on several friends at once: the thread's panel sends one
/// friend, the list's multi-select many.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagFriends {
    #[ts(type = "number")]
    pub tag_id: i64,
    #[ts(type = "number[]")]
    pub friend_ids: Vec<i64>,
    pub add: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TagTrigger {
    Follow,
    Keyword,
    Postback,
    ReservationMade,
    ReservationCancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum TagMatch {
    Exact,
    Contains,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagRule {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub account_id: i64,
    #[ts(type = "number")]
    pub tag_id: i64,
    pub trigger: TagTrigger,
    pub match_kind: TagMatch,
    /// The keyword (keyword rules) or the postback data (postback rules); empty otherwise.
    pub pattern: String,
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveTagRule {
    #[ts(type = "number")]
    pub account_id: i64,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub id: Option<i64>,
    #[ts(type = "number")]
    pub tag_id: i64,
    pub trigger: TagTrigger,
    pub match_kind: TagMatch,
    #[serde(default)]
    pub pattern: String,
    pub enabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TagRuleRef {
    #[ts(type = "number")]
    pub rule_id: i64,
}

impl TagTrigger {
    pub fn as_str(self) -> &'static str {
        match self {
            TagTrigger::Follow => "follow",
            TagTrigger::Keyword => "keyword",
            TagTrigger::Postback => "postback",
            TagTrigger::ReservationMade => "reservationMade",
            TagTrigger::ReservationCancelled => "reservationCancelled",
        }
    }

    pub fn parse(s: &str) -> TagTrigger {
        match s {
            "keyword" => TagTrigger::Keyword,
            "postback" => TagTrigger::Postback,
            "reservationMade" => TagTrigger::ReservationMade,
            "reservationCancelled" => TagTrigger::ReservationCancelled,
            _ => TagTrigger::Follow,
        }
    }
}

impl TagMatch {
    pub fn as_str(self) -> &'static str {
        match self {
            TagMatch::Exact => "exact",
            TagMatch::Contains => "contains",
        }
    }

    pub fn parse(s: &str) -> TagMatch {
        if s == "exact" { TagMatch::Exact } else { TagMatch::Contains }
    }
}
