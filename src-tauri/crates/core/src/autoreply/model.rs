//! Automatic replies as the UI edits and tests them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::hours::model::PeriodView;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub enum MatchKind {
    /// The whole message equals the pattern.
    Exact,
    Contains,
    StartsWith,
}

impl MatchKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Exact => "exact",
            MatchKind::Contains => "contains",
            MatchKind::StartsWith => "startsWith",
        }
    }

    pub fn parse(s: &str) -> MatchKind {
        match s {
            "exact" => MatchKind::Exact,
            "startsWith" => MatchKind::StartsWith,
            _ => MatchKind::Contains,
        }
    }
}

/// A keyword reply. Rules are tried in list order; the first that matches answers.
/// Matching ignores case, width (ＡＢＣ = ABC, ｶﾅ = カナ) and surrounding spaces.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeywordRule {
    #[ts(type = "number")]
    pub id: i64,
    pub match_kind: MatchKind,
    pub pattern: String,
    /// 1–5 LINE message objects. In text messages `{名前}` becomes the friend's name.
    #[ts(type = "Array<Record<string, unknown>>")]
    pub messages: Vec<serde_json::Value>,
    /// YYYY-MM-DD (shop time), inclusive; null = no start.
    pub active_from: Option<String>,
    /// YYYY-MM-DD (shop time), inclusive; null = no end.
    pub active_until: Option<String>,
    /// Daily window (shop time); null = all day. An end at or before the start is the next day.
    pub active_hours: Option<PeriodView>,
    pub enabled: bool,
}

/// A rule as saved from the editor: `id` null for a new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct KeywordRuleInput {
    #[ts(type = "number | null")]
    #[serde(default)]
    pub id: Option<i64>,
    pub match_kind: MatchKind,
    pub pattern: String,
    #[ts(type = "Array<Record<string, unknown>>")]
    pub messages: Vec<serde_json::Value>,
    #[serde(default)]
    pub active_from: Option<String>,
    #[serde(default)]
    pub active_until: Option<String>,
    #[serde(default)]
    pub active_hours: Option<PeriodView>,
    #[serde(default = "yes")]
    pub enabled: bool,
}

fn yes() -> bool {
    true
}

/// Replaces the account's whole rule list; the order given is the matching order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SaveKeywordRules {
    #[ts(type = "number")]
    pub account_id: i64,
    pub rules: Vec<KeywordRuleInput>,
}

/// The greeting sent on follow (友だち追加). `{名前}` becomes the friend's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GreetingSettings {
    pub enabled: bool,
    pub follow_text: String,
    /// Sent instead when a friend unblocks; null = the follow text.
    #[serde(default)]
    pub unblock_text: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetGreeting {
    #[ts(type = "number")]
    pub account_id: i64,
    pub greeting: GreetingSettings,
}

/// The away reply outside business hours: at most once per chat per closed period,
/// never on top of a keyword reply. `{次の営業開始}` becomes e.g. "明日 10:00".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AwayReplySettings {
    pub enabled: bool,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetAwayReply {
    #[ts(type = "number")]
    pub account_id: i64,
    pub away: AwayReplySettings,
}

/// The rule tester: what would answer `text` if a customer sent it at `at` (default now).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TestKeywordRule {
    #[ts(type = "number")]
    pub account_id: i64,
    pub text: String,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub at: Option<i64>,
    /// Fills `{名前}`; default 〇〇.
    #[serde(default)]
    pub display_name: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "camelCase", rename_all_fields = "camelCase")]
pub enum AutoReplyTest {
    Keyword {
        #[ts(type = "number")]
        rule_id: i64,
        /// 0-based place in the list.
        #[ts(type = "number")]
        position: i64,
        #[ts(type = "Array<Record<string, unknown>>")]
        messages: Vec<serde_json::Value>,
    },
    Away {
        #[ts(type = "Array<Record<string, unknown>>")]
        messages: Vec<serde_json::Value>,
        #[ts(type = "number | null")]
        next_opening: Option<i64>,
    },
    None,
}

pub const DEFAULT_FOLLOW_TEXT: &str =
    "{名前}さん、友だち追加ありがとうございます！\nご予約・お問い合わせはこのトークでお気軽にどうぞ。";
pub const DEFAULT_AWAY_TEXT: &str =
    "お問い合わせありがとうございます。ただいま営業時間外のため、{次の営業開始} から順にご返信します。";

impl Default for GreetingSettings {
    fn default() -> Self {
        GreetingSettings { enabled: false, follow_text: DEFAULT_FOLLOW_TEXT.into(), unblock_text: None }
    }
}

impl Default for AwayReplySettings {
    fn default() -> Self {
        AwayReplySettings { enabled: false, text: DEFAULT_AWAY_TEXT.into() }
    }
}
