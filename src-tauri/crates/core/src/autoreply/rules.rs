//! Keyword matching and the texts of automatic replies. Pure: no database, no clock.

use jiff::civil::{Date, DateTime};
use line::messages::MessageObject;

use crate::autoreply::model::{KeywordRule, KeywordRuleInput, MatchKind};
use crate::hours::model::{parse_date, parse_period};
use crate::hours::schedule::Period;
use crate::outgoing::OutgoingEntry;
use crate::{CoreError, Result};

pub const MAX_RULES: usize = 500;
const MAX_PATTERN_CHARS: usize = 200;

/// Placeholders filled in when a reply is sent.
pub const NAME_PLACEHOLDERS: [&str; 2] = ["{名前}", "{name}"];
pub const NEXT_OPENING_PLACEHOLDERS: [&str; 2] = ["{次の営業開始}", "{nextOpening}"];
const NAME_FALLBACK: &str = "お客様";
const NEXT_OPENING_FALLBACK: &str = "次の営業時間";

pub use crate::tags::auto::normalize;

/// A rule ready to match.
#[derive(Debug, Clone)]
pub struct Compiled {
    pub rule: KeywordRule,
    pub position: i64,
    pattern: String,
    from: Option<Date>,
    until: Option<Date>,
    hours: Option<Period>,
}

impl Compiled {
    pub fn new(rule: KeywordRule, position: i64) -> Result<Compiled> {
        let from = rule.active_from.as_deref().map(parse_date).transpose()?;
        let until = rule.active_until.as_deref().map(parse_date).transpose()?;
        let hours = match &rule.active_hours {
            Some(p) => Some(parse_period(p, "active hours", "有効時間帯")?.0),
            None => None,
        };
        Ok(Compiled { pattern: normalize(&rule.pattern), rule, position, from, until, hours })
    }

    /// Enabled, within its dates and daily hours at `local` (shop time)?
    pub fn is_active(&self, local: DateTime) -> bool {
        if !self.rule.enabled {
            return false;
        }
        let d = local.date();
        if self.from.is_some_and(|f| d < f) || self.until.is_some_and(|u| d > u) {
            return false;
        }
        match self.hours {
            None => true,
            Some(p) => {
                let t = local.time();
                if p.start == p.end {
                    true
                } else if p.crosses_midnight() {
                    t >= p.start || t < p.end
                } else {
                    p.start <= t && t < p.end
                }
            }
        }
    }

    pub fn matches(&self, normalized_text: &str) -> bool {
        match self.rule.match_kind {
            MatchKind::Exact => normalized_text == self.pattern,
            MatchKind::Contains => normalized_text.contains(&self.pattern),
            MatchKind::StartsWith => normalized_text.starts_with(&self.pattern),
        }
    }
}

/// First match wins, in list order.
pub fn first_match<'a>(rules: &'a [Compiled], text: &str, local: DateTime) -> Option<&'a Compiled> {
    let text = normalize(text);
    if text.is_empty() {
        return None;
    }
    rules.iter().find(|r| r.is_active(local) && r.matches(&text))
}

/// Checks a rule from the editor; returns it in stored form (id left to the caller).
pub fn validate(input: &KeywordRuleInput, index: usize) -> Result<KeywordRule> {
    let n = index + 1;
    let pattern = input.pattern.trim().to_string();
    if normalize(&pattern).is_empty() {
        return Err(CoreError::bad_input(
            format!("rule {n}: the keyword is empty"),
            format!("ルール {n}: キーワードが空です"),
        ));
    }
    if pattern.chars().count() > MAX_PATTERN_CHARS {
        return Err(CoreError::bad_input(
            format!("rule {n}: the keyword is longer than {MAX_PATTERN_CHARS} characters"),
            format!("ルール {n}: キーワードは {MAX_PATTERN_CHARS} 文字までです"),
        ));
    }
    check_messages(&input.messages).map_err(|e| prefix(e, n))?;
    let active_from = input.active_from.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let active_until = input.active_until.as_deref().map(str::trim).filter(|s| !s.is_empty());
    let from = active_from.map(parse_date).transpose().map_err(|e| prefix(e, n))?;
    let until = active_until.map(parse_date).transpose().map_err(|e| prefix(e, n))?;
    if let (Some(f), Some(u)) = (from, until)
        && f > u
    {
        return Err(CoreError::bad_input(
            format!("rule {n}: the end date {u} is before the start date {f}"),
            format!("ルール {n}: 終了日 {u} が開始日 {f} より前です"),
        ));
    }
    let active_hours = match &input.active_hours {
        Some(p) => {
            let (period, view) = parse_period(p, &format!("rule {n}"), &format!("ルール {n}"))?;
            // 00:00–24:00 is the same as no window.
            (period.start != period.end).then_some(view)
        }
        None => None,
    };
    Ok(KeywordRule {
        id: input.id.unwrap_or(0),
        match_kind: input.match_kind,
        pattern,
        messages: input.messages.clone(),
        active_from: from.map(|d| d.to_string()),
        active_until: until.map(|d| d.to_string()),
        active_hours,
        enabled: input.enabled,
    })
}

fn prefix(e: CoreError, n: usize) -> CoreError {
    match e {
        CoreError::BadInput { en, ja } => CoreError::bad_input(format!("rule {n}: {en}"), format!("ルール {n}: {ja}")),
        other => other,
    }
}

/// 1–5 message objects within every limit LINE documents (the checks each send runs too).
pub fn check_messages(messages: &[serde_json::Value]) -> Result<()> {
    if messages.is_empty() || messages.len() > 5 {
        return Err(CoreError::bad_input(
            "a reply has between 1 and 5 messages",
            "返信メッセージは 1〜5 件です",
        ));
    }
    let objects = messages
        .iter()
        .map(|m| {
            serde_json::from_value::<MessageObject>(m.clone()).map_err(|e| {
                CoreError::bad_input(
                    format!("not a LINE message object: {e}"),
                    format!("LINE のメッセージとして読めません: {e}"),
                )
            })
        })
        .collect::<Result<Vec<_>>>()?;
    crate::outgoing::limits::check_objects(objects.iter())
}

pub use crate::outgoing::limits::check_text;
pub use crate::outgoing::text_entry;

/// What the placeholders become.
#[derive(Debug, Default, Clone)]
pub struct Vars {
    pub name: Option<String>,
    pub next_opening: Option<String>,
}

pub fn uses_name(template: &str) -> bool {
    NAME_PLACEHOLDERS.iter().any(|p| template.contains(p))
}

pub fn messages_use_name(messages: &[serde_json::Value]) -> bool {
    messages.iter().any(|m| m.get("text").and_then(|t| t.as_str()).is_some_and(uses_name))
}

pub fn render_text(template: &str, vars: &Vars) -> String {
    let mut out = template.to_string();
    let name = vars.name.as_deref().filter(|n| !n.trim().is_empty()).unwrap_or(NAME_FALLBACK);
    for p in NAME_PLACEHOLDERS {
        out = out.replace(p, name);
    }
    let next = vars.next_opening.as_deref().unwrap_or(NEXT_OPENING_FALLBACK);
    for p in NEXT_OPENING_PLACEHOLDERS {
        out = out.replace(p, next);
    }
    out
}

/// The message objects with placeholders filled in (only text messages have any).
pub fn render_messages(messages: &[serde_json::Value], vars: &Vars) -> Vec<serde_json::Value> {
    messages
        .iter()
        .map(|m| {
            let mut m = m.clone();
            if let Some(text) = m.get("text").and_then(|t| t.as_str()).map(|t| render_text(t, vars)) {
                m["text"] = serde_json::Value::String(text);
            }
            m
        })
        .collect()
}

/// Outbox entries for rendered message objects.
pub fn entries(messages: &[serde_json::Value]) -> Result<Vec<OutgoingEntry>> {
    messages
        .iter()
        .map(|m| {
            let object: MessageObject = serde_json::from_value(m.clone())?;
            let kind = m.get("type").and_then(|t| t.as_str()).unwrap_or("unknown").to_string();
            let text = m.get("text").and_then(|t| t.as_str()).map(str::to_string);
            if let Some(t) = &text {
                check_text(t)?;
            }
            Ok(OutgoingEntry { kind, text, media_id: None, object })
        })
        .collect()
}

