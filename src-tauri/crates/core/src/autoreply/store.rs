//! Keyword rules, greeting and away settings in the store.

use sqlx::SqlitePool;

use crate::accounts::check_exists;
use crate::autoreply::model::{AwayReplySettings, GreetingSettings, KeywordRule, KeywordRuleInput, MatchKind};
use crate::autoreply::rules::{self, check_text, Compiled, MAX_RULES};
use crate::hours::model::PeriodView;
use crate::time::now_ms;
use crate::{CoreError, Result};

struct Row {
    id: i64,
    match_kind: String,
    pattern: String,
    messages_json: String,
    active_from: Option<String>,
    active_until: Option<String>,
    active_hours_json: Option<String>,
    enabled: i64,
}

impl Row {
    fn into_rule(self) -> Result<KeywordRule> {
        let active_hours: Option<PeriodView> = match self.active_hours_json {
            Some(j) => Some(serde_json::from_str(&j)?),
            None => None,
        };
        Ok(KeywordRule {
            id: self.id,
            match_kind: MatchKind::parse(&self.match_kind),
            pattern: self.pattern,
            messages: serde_json::from_str(&self.messages_json)?,
            active_from: self.active_from,
            active_until: self.active_until,
            active_hours,
            enabled: self.enabled != 0,
        })
    }
}

pub async fn list_rules(pool: &SqlitePool, account_id: i64) -> Result<Vec<KeywordRule>> {
    let rows = sqlx::query_as!(
        Row,
        r#"SELECT id AS "id!", match_kind, pattern, messages_json, active_from, active_until, active_hours_json, enabled
           FROM keyword_rules WHERE account_id = ? ORDER BY position, id"#,
        account_id
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter().map(Row::into_rule).collect()
}

/// The rules ready to match, in order. A rule that no longer parses is left out (and logged).
pub async fn compiled_rules(pool: &SqlitePool, account_id: i64) -> Result<Vec<Compiled>> {
    Ok(list_rules(pool, account_id)
        .await?
        .into_iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let id = r.id;
            Compiled::new(r, i as i64)
                .map_err(|e| tracing::warn!(rule = id, error = %e, "keyword rule skipped"))
                .ok()
        })
        .collect())
}

/// Replaces the whole list: rules keep their id when given one of this account's ids,
/// new ones get a new id, the ones left out are deleted. Order = list order.
pub async fn save_rules(pool: &SqlitePool, account_id: i64, inputs: &[KeywordRuleInput]) -> Result<Vec<KeywordRule>> {
    check_exists(pool, account_id).await?;
    if inputs.len() > MAX_RULES {
        return Err(CoreError::bad_input(
            format!("at most {MAX_RULES} keyword rules"),
            format!("キーワード応答は {MAX_RULES} 件までです"),
        ));
    }
    let validated = inputs.iter().enumerate().map(|(i, r)| rules::validate(r, i)).collect::<Result<Vec<_>>>()?;
    let now = now_ms();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let existing = sqlx::query_scalar!(r#"SELECT id AS "id!" FROM keyword_rules WHERE account_id = ?"#, account_id)
        .fetch_all(&mut *tx)
        .await?;
    let mut kept = Vec::new();
    for (position, rule) in validated.iter().enumerate() {
        let position = position as i64;
        let kind = rule.match_kind.as_str();
        let messages = serde_json::to_string(&rule.messages)?;
        let hours = rule.active_hours.as_ref().map(serde_json::to_string).transpose()?;
        if rule.id != 0 && existing.contains(&rule.id) && !kept.contains(&rule.id) {
            sqlx::query!(
                "UPDATE keyword_rules SET position = ?, match_kind = ?, pattern = ?, messages_json = ?, active_from = ?,
                   active_until = ?, active_hours_json = ?, enabled = ?, updated_at = ? WHERE id = ?",
                position,
                kind,
                rule.pattern,
                messages,
                rule.active_from,
                rule.active_until,
                hours,
                rule.enabled,
                now,
                rule.id
            )
            .execute(&mut *tx)
            .await?;
            kept.push(rule.id);
        } else {
            let id = sqlx::query_scalar!(
                r#"INSERT INTO keyword_rules (account_id, position, match_kind, pattern, messages_json, active_from,
                     active_until, active_hours_json, enabled, created_at, updated_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id AS "id!""#,
                account_id,
                position,
                kind,
                rule.pattern,
                messages,
                rule.active_from,
                rule.active_until,
                hours,
                rule.enabled,
                now,
                now
            )
            .fetch_one(&mut *tx)
            .await?;
            kept.push(id);
        }
    }
    for id in existing.iter().filter(|id| !kept.contains(id)) {
        sqlx::query!("DELETE FROM keyword_rules WHERE id = ?", id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    list_rules(pool, account_id).await
}

pub async fn greeting(pool: &SqlitePool, account_id: i64) -> Result<GreetingSettings> {
    let row = sqlx::query!(
        "SELECT enabled, follow_text, unblock_text FROM greeting_settings WHERE account_id = ?",
        account_id
    )
    .fetch_optional(pool)
    .await?;
    Ok(match row {
        Some(r) => GreetingSettings { enabled: r.enabled != 0, follow_text: r.follow_text, unblock_text: r.unblock_text },
        None => GreetingSettings::default(),
    })
}

pub async fn set_greeting(pool: &SqlitePool, account_id: i64, g: &GreetingSettings) -> Result<GreetingSettings> {
    check_exists(pool, account_id).await?;
    let follow = g.follow_text.trim().to_string();
    let unblock = g.unblock_text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    if g.enabled || !follow.is_empty() {
        check_text(&follow).map_err(|e| label(e, "greeting", "あいさつメッセージ"))?;
    }
    if let Some(u) = &unblock {
        check_text(u).map_err(|e| label(e, "unblock greeting", "ブロック解除時のメッセージ"))?;
    }
    let now = now_ms();
    sqlx::query!(
        "INSERT INTO greeting_settings (account_id, enabled, follow_text, unblock_text, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(account_id) DO UPDATE SET enabled = excluded.enabled, follow_text = excluded.follow_text,
           unblock_text = excluded.unblock_text, updated_at = excluded.updated_at",
        account_id,
        g.enabled,
        follow,
        unblock,
        now
    )
    .execute(pool)
    .await?;
    greeting(pool, account_id).await
}

pub async fn away(pool: &SqlitePool, account_id: i64) -> Result<AwayReplySettings> {
    let row = sqlx::query!("SELECT enabled, text FROM away_settings WHERE account_id = ?", account_id)
        .fetch_optional(pool)
        .await?;
    Ok(match row {
        Some(r) => AwayReplySettings { enabled: r.enabled != 0, text: r.text },
        None => AwayReplySettings::default(),
    })
}

pub async fn set_away(pool: &SqlitePool, account_id: i64, a: &AwayReplySettings) -> Result<AwayReplySettings> {
    check_exists(pool, account_id).await?;
    let text = a.text.trim().to_string();
    if a.enabled || !text.is_empty() {
        check_text(&text).map_err(|e| label(e, "away reply", "営業時間外の応答メッセージ"))?;
    }
    let now = now_ms();
    sqlx::query!(
        "INSERT INTO away_settings (account_id, enabled, text, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT(account_id) DO UPDATE SET enabled = excluded.enabled, text = excluded.text, updated_at = excluded.updated_at",
        account_id,
        a.enabled,
        text,
        now
    )
    .execute(pool)
    .await?;
    away(pool, account_id).await
}

fn label(e: CoreError, en: &str, ja: &str) -> CoreError {
    match e {
        CoreError::BadInput { en: m, ja: mj } => CoreError::bad_input(format!("{en}: {m}"), format!("{ja}: {mj}")),
        other => other,
    }
}
