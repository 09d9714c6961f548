//! Call requests: the customer tapped "電話してほしい" (postback `madoguchi=call-request`).
//!
//! Decided by the auto-reply worker (its durable cursor walks every inbound message,
//! postbacks included), in the same transaction as the cursor move: the request row,
//! the conversation's 要対応 status and the reply's outbox row commit together, so a
//! crash neither repeats nor loses a decision.
//!
//! The answer goes only through the postback's reply token (free). If the token is
//! missing, too old or already used, the request is still recorded and flagged for the
//! owner, but nothing is sent: a call request never costs a push.
//! - a request within `spacingMinutes` of the last answered one from the same chat →
//!   the polite note only (no new 要対応, no new notification);
//! - outside business hours → the absence text with `{次の営業開始}`;
//! - otherwise → the received text.

use sqlx::{SqliteConnection, SqlitePool};

use crate::autoreply::rules::{self, Vars};
use crate::events::CoreEvent;
use crate::hours::format::describe_opening;
use crate::hours;
use crate::outbox;
use crate::phone::store;
use crate::Result;

/// What the settings and the hours say about one request; whether it is a repeat is
/// decided inside the transaction.
#[derive(Debug)]
pub struct CallPlan {
    spacing_ms: i64,
    received_text: String,
    polite_text: String,
    /// Some(rendered absence text) when the shop is closed at the request's time.
    absence_text: Option<String>,
}

/// None: call requests are switched off; the postback is just a message in the thread.
pub async fn plan(pool: &SqlitePool, account_id: i64, requested_at: i64) -> Result<Option<CallPlan>> {
    let s = store::get(pool, account_id).await?;
    if !s.enabled {
        return Ok(None);
    }
    let at = hours::store::timestamp(requested_at)?;
    // No hours saved = no idea when we are closed: treat as open.
    let absence_text = match hours::store::schedule(pool, account_id).await? {
        Some(schedule) if !schedule.is_open(at) => {
            let next = schedule.next_opening(at).map(|t| describe_opening(&schedule.tz, at, t));
            Some(rules::render_text(&s.absence_text, &Vars { name: None, next_opening: next }))
        }
        _ => None,
    };
    Ok(Some(CallPlan {
        spacing_ms: s.spacing_minutes.max(0) * 60_000,
        received_text: s.received_text,
        polite_text: s.polite_text,
        absence_text,
    }))
}

/// The request as the worker saw it.
pub struct CallRequest<'a> {
    pub account_id: i64,
    pub conversation_id: i64,
    pub message_id: i64,
    pub requested_at: i64,
    pub reply_token: Option<&'a str>,
    /// Why the reply token cannot be used (none, too old), decided by the caller.
    pub token_problem: Option<&'static str>,
}

/// Records and answers one request inside the caller's transaction. Returns the events
/// to publish after commit and whether an outbox row was queued.
pub async fn record(
    conn: &mut SqliteConnection,
    r: &CallRequest<'_>,
    plan: CallPlan,
    now: i64,
) -> Result<(Vec<CoreEvent>, bool)> {
    let repeat = plan.spacing_ms > 0 && {
        let since = r.requested_at - plan.spacing_ms;
        let n = sqlx::query_scalar!(
            r#"SELECT count(*) AS "n!: i64" FROM call_requests
               WHERE conversation_id = ? AND outcome != 'repeat' AND requested_at > ? AND message_id < ?"#,
            r.conversation_id,
            since,
            r.message_id
        )
        .fetch_one(&mut *conn)
        .await?;
        n > 0
    };
    let (outcome, text) = if repeat {
        ("repeat", plan.polite_text)
    } else if let Some(t) = plan.absence_text {
        ("outsideHours", t)
    } else {
        ("received", plan.received_text)
    };

    let mut events = Vec::new();
    let mut reason = r.token_problem.map(str::to_string);
    let mut outbox_id = None;
    if reason.is_none() {
        let token = r.reply_token.unwrap_or_default();
        let claimed = sqlx::query!(
            "UPDATE reply_tokens SET used_at = ? WHERE token = ? AND conversation_id = ? AND used_at IS NULL",
            now,
            token,
            r.conversation_id
        )
        .execute(&mut *conn)
        .await?
        .rows_affected()
            == 1;
        if claimed {
            let entries = rules::text_entry(&text)?;
            let (id, evs) = outbox::enqueue_auto_reply(&mut *conn, r.conversation_id, token, &entries, now).await?;
            outbox_id = Some(id);
            events.extend(evs);
        } else {
            reason = Some("the reply token was already used (the shop answered first) or five newer messages replaced it".into());
        }
    }
    if let Some(why) = &reason {
        tracing::info!(message = r.message_id, outcome, reason = %why, "call request: no reply sent");
    }
    sqlx::query!(
        "INSERT INTO call_requests (account_id, conversation_id, message_id, requested_at, outcome, outbox_id, reason, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        r.account_id,
        r.conversation_id,
        r.message_id,
        r.requested_at,
        outcome,
        outbox_id,
        reason,
        now
    )
    .execute(&mut *conn)
    .await?;
    if !repeat {
        sqlx::query!("UPDATE conversations SET status = 'needsAction' WHERE id = ?", r.conversation_id)
            .execute(&mut *conn)
            .await?;
        events.push(CoreEvent::CallRequested { conversation_id: r.conversation_id });
    }
    events.push(CoreEvent::ConversationUpdated { conversation_id: r.conversation_id });
    Ok((events, outbox_id.is_some()))
}
