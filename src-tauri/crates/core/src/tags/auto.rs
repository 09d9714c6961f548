//! Automatic tags. The worker walks inbound messages (follows, texts, postbacks) in
//! commit order from its own durable cursor (`tag_rule_cursor`), like the auto-reply
//! worker; the tags a batch earns and the cursor move commit in one transaction, so a
//! crash or restart neither skips a message nor applies a rule twice (a tag the owner
//! took off stays off). Reservations call [`on_reservation`] after their own commit.

use std::time::Duration;

use sqlx::{SqliteConnection, SqlitePool};

use unicode_normalization::UnicodeNormalization;

use crate::runtime::Core;
use crate::tags::model::{SaveTagRule, TagMatch, TagRule, TagTrigger};
use crate::time::now_ms;
use crate::{CoreError, Result};

const BATCH: i64 = 256;
const MAX_PATTERN: usize = 300;

pub async fn worker(core: Core) {
    let wake = core.wakeups().autotag.clone();
    crate::runtime::worker_loop(core, "autotag", wake, Duration::from_secs(30), |c| async move {
        let (more, changed) = step(&c.store().pool).await?;
        for conversation_id in changed {
            c.events().publish(crate::events::CoreEvent::ConversationUpdated { conversation_id });
        }
        Ok(more)
    })
    .await;
}

struct Inbound {
    id: i64,
    account_id: i64,
    conversation_id: i64,
    friend_id: i64,
    kind: String,
    text: Option<String>,
}

struct RuleRow {
    id: i64,
    account_id: i64,
    tag_id: i64,
    trigger: String,
    match_kind: String,
    pattern: String,
    enabled: i64,
}

impl RuleRow {
    fn view(self) -> TagRule {
        TagRule {
            id: self.id,
            account_id: self.account_id,
            tag_id: self.tag_id,
            trigger: TagTrigger::parse(&self.trigger),
            match_kind: TagMatch::parse(&self.match_kind),
            pattern: self.pattern,
            enabled: self.enabled != 0,
        }
    }
}

/// Whether `rule` fires on an inbound message of `kind` with `text` (a postback's data).
pub fn fires(rule: &TagRule, kind: &str, text: Option<&str>) -> bool {
    if !rule.enabled {
        return false;
    }
    match (rule.trigger, kind) {
        (TagTrigger::Follow, "follow") => true,
        (TagTrigger::Keyword, "text") => {
            let (Some(text), false) = (text, rule.pattern.trim().is_empty()) else { return false };
            let (t, p) = (normalize(text), normalize(&rule.pattern));
            match rule.match_kind {
                TagMatch::Exact => t.trim() == p.trim(),
                TagMatch::Contains => t.contains(p.trim()),
            }
        }
        // Postback data is machine-made: compared as is.
        (TagTrigger::Postback, "postback") => match (text, rule.match_kind) {
            (Some(d), TagMatch::Exact) => d == rule.pattern,
            (Some(d), TagMatch::Contains) => !rule.pattern.is_empty() && d.contains(&rule.pattern),
            (None, _) => false,
        },
        _ => false,
    }
}

/// Tags the next batch of inbound messages; returns (more may be waiting, conversations changed).
pub async fn step(pool: &SqlitePool) -> Result<(bool, Vec<i64>)> {
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let cursor = sqlx::query_scalar!("SELECT last_message_id FROM tag_rule_cursor WHERE id = 1")
        .fetch_one(&mut *tx)
        .await?;
    let due = sqlx::query_as!(
        Inbound,
        r#"SELECT m.id AS "id!", m.account_id, m.conversation_id, c.friend_id, m.kind, m.text
           FROM messages m JOIN conversations c ON c.id = m.conversation_id
           WHERE m.id > ? AND m.direction = 'in' ORDER BY m.id LIMIT ?"#,
        cursor,
        BATCH
    )
    .fetch_all(&mut *tx)
    .await?;
    let Some(last) = due.last().map(|m| m.id) else {
        return Ok((false, Vec::new()));
    };
    let rules = all_rules(&mut tx).await?;
    let now = now_ms();
    let mut changed = Vec::new();
    for m in &due {
        for rule in rules.iter().filter(|r| r.account_id == m.account_id) {
            if fires(rule, &m.kind, m.text.as_deref()) && add_tag(&mut tx, m.friend_id, rule.tag_id, now).await? {
                changed.push(m.conversation_id);
            }
        }
    }
    sqlx::query!("UPDATE tag_rule_cursor SET last_message_id = ? WHERE id = 1", last)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    changed.dedup();
    Ok((due.len() as i64 == BATCH, changed))
}

async fn all_rules(conn: &mut SqliteConnection) -> Result<Vec<TagRule>> {
    Ok(sqlx::query_as!(
        RuleRow,
        r#"SELECT id AS "id!", account_id, tag_id, trigger, match_kind, pattern, enabled
           FROM tag_rules WHERE enabled = 1 AND trigger IN ('follow', 'keyword', 'postback') ORDER BY id"#
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(RuleRow::view)
    .collect())
}

/// True when the friend did not have the tag yet.
async fn add_tag(conn: &mut SqliteConnection, friend_id: i64, tag_id: i64, now: i64) -> Result<bool> {
    Ok(sqlx::query!(
        "INSERT INTO friend_tags (friend_id, tag_id, created_at, source) VALUES (?, ?, ?, 'rule') ON CONFLICT DO NOTHING",
        friend_id,
        tag_id,
        now
    )
    .execute(&mut *conn)
    .await?
    .rows_affected()
        == 1)
}

/// For the reservations feature, after it committed a reservation being made
/// (`made_or_cancelled = true`) or cancelled (`false`): applies the account's
/// "on reservation made / cancelled" rules to the friend. Returns the tag ids added.
/// Idempotent (a tag already there is left alone), so calling it again after a crash is safe.
pub async fn on_reservation(pool: &SqlitePool, friend_id: i64, made_or_cancelled: bool) -> Result<Vec<i64>> {
    let trigger = if made_or_cancelled { TagTrigger::ReservationMade } else { TagTrigger::ReservationCancelled }.as_str();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let tags = sqlx::query_scalar!(
        r#"SELECT DISTINCT r.tag_id AS "tag_id!" FROM tag_rules r JOIN friends f ON f.account_id = r.account_id
           WHERE f.id = ? AND r.enabled = 1 AND r.trigger = ? ORDER BY r.tag_id"#,
        friend_id,
        trigger
    )
    .fetch_all(&mut *tx)
    .await?;
    let now = now_ms();
    let mut added = Vec::new();
    for tag_id in tags {
        if add_tag(&mut tx, friend_id, tag_id, now).await? {
            added.push(tag_id);
        }
    }
    tx.commit().await?;
    Ok(added)
}

pub async fn list_rules(pool: &SqlitePool, account_id: i64) -> Result<Vec<TagRule>> {
    Ok(sqlx::query_as!(
        RuleRow,
        r#"SELECT id AS "id!", account_id, tag_id, trigger, match_kind, pattern, enabled
           FROM tag_rules WHERE account_id = ? ORDER BY id"#,
        account_id
    )
    .fetch_all(pool)
    .await?
    .into_iter()
    .map(RuleRow::view)
    .collect())
}

pub async fn save_rule(pool: &SqlitePool, q: &SaveTagRule) -> Result<Vec<TagRule>> {
    let tag = crate::tags::store::get(pool, q.tag_id).await?;
    if tag.account_id != q.account_id {
        return Err(CoreError::NotFound(format!("tag {}", q.tag_id)));
    }
    let pattern = q.pattern.trim().to_string();
    let needs_pattern = matches!(q.trigger, TagTrigger::Keyword | TagTrigger::Postback);
    if needs_pattern && pattern.is_empty() {
        return Err(CoreError::bad_input(
            "a keyword or postback rule needs the text to look for",
            "キーワードまたはポストバックのデータを入力してください",
        ));
    }
    if pattern.chars().count() > MAX_PATTERN {
        return Err(CoreError::bad_input(
            format!("the text to look for has at most {MAX_PATTERN} characters"),
            format!("条件の文字列は {MAX_PATTERN} 文字までです"),
        ));
    }
    let pattern = if needs_pattern { pattern } else { String::new() };
    let (trigger, kind) = (q.trigger.as_str(), q.match_kind.as_str());
    match q.id {
        Some(id) => {
            let n = sqlx::query!(
                "UPDATE tag_rules SET tag_id = ?, trigger = ?, match_kind = ?, pattern = ?, enabled = ?
                 WHERE id = ? AND account_id = ?",
                q.tag_id,
                trigger,
                kind,
                pattern,
                q.enabled,
                id,
                q.account_id
            )
            .execute(pool)
            .await?
            .rows_affected();
            if n == 0 {
                return Err(CoreError::NotFound(format!("tag rule {id}")));
            }
        }
        None => {
            let now = now_ms();
            sqlx::query!(
                "INSERT INTO tag_rules (account_id, tag_id, trigger, match_kind, pattern, enabled, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?)",
                q.account_id,
                q.tag_id,
                trigger,
                kind,
                pattern,
                q.enabled,
                now
            )
            .execute(pool)
            .await?;
        }
    }
    list_rules(pool, q.account_id).await
}

pub async fn delete_rule(pool: &SqlitePool, rule_id: i64) -> Result<()> {
    let n = sqlx::query!("DELETE FROM tag_rules WHERE id = ?", rule_id).execute(pool).await?.rows_affected();
    if n == 0 {
        return Err(CoreError::NotFound(format!("tag rule {rule_id}")));
    }
    Ok(())
}

/// Keywords and messages are compared in this form (auto-tags and auto-replies alike): NFKC (full-width letters and digits, half-width
/// kana), lower case, trimmed, runs of white space as one space.
pub fn normalize(s: &str) -> String {
    let n: String = s.nfkc().collect::<String>().to_lowercase();
    n.split_whitespace().collect::<Vec<_>>().join(" ")
}
