//! The after-commit worker that decides automatic replies. It walks inbound messages
//! (and follows) in commit order from a durable cursor, and for each decides:
//! keyword rule → reply; else closed → away reply (once per chat per closed period);
//! follow → greeting (unblock → the unblock text); a "電話してほしい" postback → a call
//! request (`phone::calls`, recorded in `call_requests` instead of the log); a booking
//! postback or the 予約 keyword → `reservations::chat_booking` (logged as `keyword`). The outbox
//! row, the log entry and the cursor move commit together, so a crash or restart
//! neither skips nor repeats a decision.
//!
//! Every automatic reply uses the reply token of the event that triggered it: free.
//! If that token is too old or already used, or LINE refuses it, nothing is sent
//! (and the log says why): an automatic message never becomes a push.
//! Skipped: `mode: standby` events (another channel has the chat), blocked friends,
//! the shop's own echo, group and room chats (they never become conversations).

use std::time::Duration;

use sqlx::SqliteConnection;

use crate::autoreply::rules::{self, Vars};
use crate::autoreply::store;
use crate::events::CoreEvent;
use crate::hours::format::describe_opening;
use crate::hours;
use crate::outbox::{self, OutgoingEntry};
use crate::runtime::Core;
use crate::settings;
use crate::time::now_ms;
use crate::Result;

const BATCH: i64 = 32;

struct Pending {
    id: i64,
    account_id: i64,
    conversation_id: i64,
    kind: String,
    text: Option<String>,
    payload_json: String,
    created_at: i64,
    mode: Option<String>,
    reply_token: Option<String>,
    followed: i64,
    display_name: Option<String>,
    line_user_id: String,
    bot_user_id: Option<String>,
}

/// What to do about one inbound message.
enum Plan {
    /// Not ours to answer: only the cursor moves.
    Nothing,
    Reply { kind: &'static str, rule_id: Option<i64>, closed_key: Option<i64>, entries: Vec<OutgoingEntry> },
    Skip { kind: &'static str, rule_id: Option<i64>, closed_key: Option<i64>, reason: String },
    /// A "電話してほしい" postback: recorded and answered by `phone::calls`.
    Call(crate::autoreply::calls::CallPlan),
}

pub async fn worker(core: Core) {
    let wake = core.wakeups().autoreply.clone();
    crate::runtime::worker_loop(core, "autoreply", wake, Duration::from_secs(30), |c| async move { step(&c).await })
        .await;
}

/// Decides the next batch; true when it did some (so there may be more).
pub async fn step(core: &Core) -> Result<bool> {
    let pool = &core.store().pool;
    let cursor = sqlx::query_scalar!("SELECT last_message_id FROM auto_reply_cursor WHERE id = 1")
        .fetch_one(pool)
        .await?;
    let due = sqlx::query_as!(
        Pending,
        r#"SELECT m.id AS "id!", m.account_id, m.conversation_id, m.kind, m.text, m.payload_json, m.created_at,
                  e.mode AS "mode?", json_extract(e.raw_json, '$.replyToken') AS "reply_token?: String",
                  f.followed, f.display_name, f.line_user_id, a.bot_user_id
           FROM messages m
           JOIN conversations c ON c.id = m.conversation_id
           JOIN friends f ON f.id = c.friend_id
           JOIN accounts a ON a.id = m.account_id
           LEFT JOIN webhook_events e ON e.webhook_event_id = m.webhook_event_id
           WHERE m.id > ? AND m.direction = 'in'
           ORDER BY m.id LIMIT ?"#,
        cursor,
        BATCH
    )
    .fetch_all(pool)
    .await?;
    if due.is_empty() {
        return Ok(false);
    }
    // Most messages need no reply: their cursor moves are batched into one write. Were
    // that write lost in a crash they would only be decided again, still as nothing.
    let mut nothing_up_to = None;
    for p in &due {
        let plan = match plan(core, p).await {
            Ok(plan) => plan,
            // A reply we cannot build (a rule gone bad) must not stall everything behind it.
            Err(e) => Plan::Skip { kind: kind_of(p), rule_id: None, closed_key: None, reason: format!("could not build the reply: {e}") },
        };
        if matches!(plan, Plan::Nothing) {
            nothing_up_to = Some(p.id);
            continue;
        }
        if let Some(id) = nothing_up_to.take() {
            advance(pool, id).await?;
        }
        execute(core, p, plan).await?;
    }
    if let Some(id) = nothing_up_to {
        advance(pool, id).await?;
    }
    Ok(true)
}

async fn advance(pool: &sqlx::SqlitePool, message_id: i64) -> Result<()> {
    sqlx::query!(
        "UPDATE auto_reply_cursor SET last_message_id = max(last_message_id, ?) WHERE id = 1",
        message_id
    )
    .execute(pool)
    .await?;
    Ok(())
}

fn kind_of(p: &Pending) -> &'static str {
    if p.kind == "follow" { "greeting" } else { "keyword" }
}

async fn plan(core: &Core, p: &Pending) -> Result<Plan> {
    let pool = &core.store().pool;
    if p.mode.as_deref() == Some("standby") || p.followed == 0 || p.bot_user_id.as_deref() == Some(p.line_user_id.as_str()) {
        return Ok(Plan::Nothing);
    }
    let at = hours::store::timestamp(p.created_at)?;
    // Reservations: booking through LINE (a `madoguchi=rsv…` postback or the 予約 keyword).
    if matches!(p.kind.as_str(), "postback" | "text") {
        let window_ms = settings::get_i64(pool, settings::REPLY_SAFE_WINDOW_SECONDS, settings::DEFAULT_REPLY_SAFE_WINDOW_SECONDS)
            .await?
            .max(0)
            * 1000;
        let now = now_ms();
        let m = crate::reservations::chat_booking::Inbound {
            account_id: p.account_id,
            conversation_id: p.conversation_id,
            kind: &p.kind,
            text: p.text.as_deref(),
            payload_json: &p.payload_json,
            act: p.reply_token.is_some() && p.created_at + window_ms > now,
            now,
        };
        if let Some(entries) = crate::reservations::chat_booking::plan(pool, &m).await? {
            return Ok(Plan::Reply { kind: "keyword", rule_id: None, closed_key: None, entries });
        }
    }
    match p.kind.as_str() {
        "follow" => {
            let g = store::greeting(pool, p.account_id).await?;
            if !g.enabled {
                return Ok(Plan::Nothing);
            }
            let unblocked = serde_json::from_str::<serde_json::Value>(&p.payload_json)
                .ok()
                .and_then(|v| v.get("isUnblocked").and_then(serde_json::Value::as_bool))
                .unwrap_or(false);
            let (kind, template) = match (&g.unblock_text, unblocked) {
                (Some(t), true) => ("unblock", t.clone()),
                (None, true) => ("unblock", g.follow_text.clone()),
                _ => ("greeting", g.follow_text.clone()),
            };
            let vars = Vars { name: name_if_needed(core, p, rules::uses_name(&template)).await, next_opening: None };
            let entries = rules::text_entry(&rules::render_text(&template, &vars))?;
            Ok(Plan::Reply { kind, rule_id: None, closed_key: None, entries })
        }
        "postback" if p.text.as_deref() == Some(crate::phone::CALL_REQUEST_DATA) => {
            Ok(crate::autoreply::calls::plan(pool, p.account_id, p.created_at).await?.map_or(Plan::Nothing, Plan::Call))
        }
        // Not messages a customer typed to us.
        "unfollow" | "postback" => Ok(Plan::Nothing),
        kind => {
            if kind == "text"
                && let Some(text) = &p.text
            {
                let rules = store::compiled_rules(pool, p.account_id).await?;
                if !rules.is_empty() {
                    let tz = hours::store::time_zone(pool, p.account_id).await?;
                    if let Some(rule) = rules::first_match(&rules, text, tz.to_datetime(at)) {
                        let name = name_if_needed(core, p, rules::messages_use_name(&rule.rule.messages)).await;
                        let rendered = rules::render_messages(&rule.rule.messages, &Vars { name, next_opening: None });
                        return Ok(Plan::Reply {
                            kind: "keyword",
                            rule_id: Some(rule.rule.id),
                            closed_key: None,
                            entries: rules::entries(&rendered)?,
                        });
                    }
                }
            }
            away_plan(core, p, at).await
        }
    }
}

async fn away_plan(core: &Core, p: &Pending, at: jiff::Timestamp) -> Result<Plan> {
    let pool = &core.store().pool;
    let away = store::away(pool, p.account_id).await?;
    if !away.enabled {
        return Ok(Plan::Nothing);
    }
    // No hours saved = no idea when we are closed: no away reply.
    let Some(schedule) = hours::store::schedule(pool, p.account_id).await? else {
        return Ok(Plan::Nothing);
    };
    let Some(closed_since) = schedule.current_closed_period_start(at) else {
        return Ok(Plan::Nothing);
    };
    let key = closed_since.as_millisecond();
    if already_answered(&mut *pool.acquire().await?, p.conversation_id, key).await? {
        return Ok(Plan::Skip {
            kind: "away",
            rule_id: None,
            closed_key: Some(key),
            reason: "already answered in this closed period".into(),
        });
    }
    let next = schedule.next_opening(at).map(|t| describe_opening(&schedule.tz, at, t));
    let name = name_if_needed(core, p, rules::uses_name(&away.text)).await;
    let text = rules::render_text(&away.text, &Vars { name, next_opening: next });
    Ok(Plan::Reply { kind: "away", rule_id: None, closed_key: Some(key), entries: rules::text_entry(&text)? })
}

/// The friend's LINE name when a template needs it. A new friend's profile may not be
/// fetched yet (the profile worker runs concurrently), so ask LINE directly: it is free.
async fn name_if_needed(core: &Core, p: &Pending, needed: bool) -> Option<String> {
    if !needed {
        return None;
    }
    if let Some(n) = p.display_name.clone().filter(|n| !n.is_empty()) {
        return Some(n);
    }
    let client = core.client(p.account_id).await?;
    match client.get_profile(&p.line_user_id).await {
        Ok(profile) => Some(profile.display_name),
        Err(e) => {
            tracing::info!(error = %e.reason(), "greeting: profile not available, using a generic name");
            None
        }
    }
}

/// An away reply already went (or is going) out to this chat in this closed period.
/// One LINE refused or that was cancelled does not count.
async fn already_answered(conn: &mut SqliteConnection, conversation_id: i64, key: i64) -> Result<bool> {
    let n = sqlx::query_scalar!(
        r#"SELECT count(*) AS "n!: i64" FROM auto_reply_log l LEFT JOIN outbox o ON o.id = l.outbox_id
           WHERE l.conversation_id = ? AND l.kind = 'away' AND l.closed_period_start = ? AND l.outcome = 'queued'
             AND (o.status IS NULL OR o.status NOT IN ('failed', 'cancelled'))"#,
        conversation_id,
        key
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(n > 0)
}

async fn execute(core: &Core, p: &Pending, plan: Plan) -> Result<()> {
    let pool = &core.store().pool;
    let now = now_ms();
    let window_ms = settings::get_i64(
        pool,
        settings::REPLY_SAFE_WINDOW_SECONDS,
        settings::DEFAULT_REPLY_SAFE_WINDOW_SECONDS,
    )
    .await?
    .max(0)
        * 1000;
    let plan = match plan {
        Plan::Reply { kind, rule_id, closed_key, .. } if p.reply_token.is_none() => {
            Plan::Skip { kind, rule_id, closed_key, reason: "the event has no reply token".into() }
        }
        // The reply token is the event's; LINE honours it for about a minute.
        Plan::Reply { kind, rule_id, closed_key, .. } if p.created_at + window_ms <= now => {
            Plan::Skip { kind, rule_id, closed_key, reason: "the reply token is too old; automatic replies are never pushed".into() }
        }
        other => other,
    };

    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let cursor = sqlx::query_scalar!("SELECT last_message_id FROM auto_reply_cursor WHERE id = 1")
        .fetch_one(&mut *tx)
        .await?;
    if cursor >= p.id {
        return Ok(()); // decided already (rolls back)
    }
    let mut events = Vec::new();
    let mut queued = false;
    match plan {
        Plan::Nothing => {} // batched by the caller; kept here for completeness
        Plan::Call(call) => {
            let token_problem = if p.reply_token.is_none() {
                Some("the event has no reply token")
            } else if p.created_at + window_ms <= now {
                Some("the reply token is too old; call request answers are never pushed")
            } else {
                None
            };
            let request = crate::autoreply::calls::CallRequest {
                account_id: p.account_id,
                conversation_id: p.conversation_id,
                message_id: p.id,
                requested_at: p.created_at,
                reply_token: p.reply_token.as_deref(),
                token_problem,
            };
            let (evs, q) = crate::autoreply::calls::record(&mut tx, &request, call, now).await?;
            events = evs;
            queued = q;
        }
        Plan::Skip { kind, rule_id, closed_key, reason } => {
            log(&mut tx, p, kind, rule_id, closed_key, None, Some(&reason), now).await?;
        }
        Plan::Reply { kind, rule_id, closed_key, entries } => {
            let token = p.reply_token.as_deref().unwrap_or_default();
            let again = match closed_key {
                Some(key) if kind == "away" => already_answered(&mut tx, p.conversation_id, key).await?,
                _ => false,
            };
            let claimed = !again
                && sqlx::query!(
                    "UPDATE reply_tokens SET used_at = ? WHERE token = ? AND conversation_id = ? AND used_at IS NULL",
                    now,
                    token,
                    p.conversation_id
                )
                .execute(&mut *tx)
                .await?
                .rows_affected()
                    == 1;
            if again {
                log(&mut tx, p, kind, rule_id, closed_key, None, Some("already answered in this closed period"), now).await?;
            } else if !claimed {
                let reason = "the reply token was already used (the shop answered first) or five newer messages replaced it";
                log(&mut tx, p, kind, rule_id, closed_key, None, Some(reason), now).await?;
            } else {
                let (outbox_id, evs) = outbox::enqueue_auto_reply(&mut tx, p.conversation_id, token, &entries, now).await?;
                log(&mut tx, p, kind, rule_id, closed_key, Some(outbox_id), None, now).await?;
                events = evs;
                queued = true;
            }
        }
    }
    sqlx::query!("UPDATE auto_reply_cursor SET last_message_id = ? WHERE id = 1", p.id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    for e in events {
        core.events().publish(e);
    }
    if queued {
        core.events().publish(CoreEvent::ConversationUpdated { conversation_id: p.conversation_id });
        core.wakeups().outbox.notify_one();
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn log(
    conn: &mut SqliteConnection,
    p: &Pending,
    kind: &str,
    rule_id: Option<i64>,
    closed_key: Option<i64>,
    outbox_id: Option<i64>,
    reason: Option<&str>,
    now: i64,
) -> Result<()> {
    let outcome = if outbox_id.is_some() { "queued" } else { "skipped" };
    if let Some(r) = reason {
        tracing::info!(message = p.id, kind, reason = r, "automatic reply skipped");
    }
    sqlx::query!(
        "INSERT INTO auto_reply_log (account_id, conversation_id, message_id, kind, rule_id, closed_period_start,
           outbox_id, outcome, reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        p.account_id,
        p.conversation_id,
        p.id,
        kind,
        rule_id,
        closed_key,
        outbox_id,
        outcome,
        reason,
        now
    )
    .execute(&mut *conn)
    .await?;
    Ok(())
}
