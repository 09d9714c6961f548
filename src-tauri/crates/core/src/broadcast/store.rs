//! Broadcast rows: compose, preview, freeze the audience into batches, list, cancel.

use std::path::Path;

use sqlx::SqlitePool;

use super::model::*;
use crate::events::CoreEvent;
use crate::outbox::content;
use crate::outbox::model::OutgoingContent;
use crate::runtime::Core;
use crate::tags::expr::matching_friend_ids;
use crate::time::now_ms;
use crate::{CoreError, Result};

/// LINE's multicast limit on recipients per request.
pub const BATCH_SIZE: usize = 500;
pub const MAX_BUBBLES: usize = 5;

/// Recipient counts and this month's quota impact of sending to `audience` now.
pub async fn preview(core: &Core, account_id: i64, audience: &BroadcastAudience) -> Result<BroadcastPreview> {
    let pool = &core.store().pool;
    let counts = audience_counts(pool, account_id, audience).await?;
    let pending = sqlx::query_scalar!(
        r#"SELECT coalesce(sum(coalesce(b.sent_count, b.recipients)), 0) AS "n!: i64"
           FROM broadcast_batches b JOIN broadcasts x ON x.id = b.broadcast_id
           WHERE x.account_id = ? AND b.status IN ('pending', 'sending')"#,
        account_id
    )
    .fetch_one(pool)
    .await?;
    let (quota, quota_error) = match read_quota(core, account_id).await {
        Ok((limit, used)) => {
            (Some(QuotaImpact { limit, used, pending, after: used + pending + counts.followed }), None)
        }
        Err(e) => (None, Some(e)),
    };
    let would_exceed = quota.as_ref().is_some_and(|q| q.limit.is_some_and(|l| q.after > l));
    Ok(BroadcastPreview { recipients: counts.followed, blocked_excluded: counts.blocked, quota, quota_error, would_exceed })
}

struct AudienceCounts {
    followed: i64,
    blocked: i64,
}

/// The friends `audience` selects now: those who follow the account, and those left out
/// because they blocked it.
async fn audience_counts(pool: &SqlitePool, account_id: i64, audience: &BroadcastAudience) -> Result<AudienceCounts> {
    let ids = matching_friend_ids(pool, account_id, &audience.expr()).await?;
    let ids_json = serde_json::to_string(&ids)?;
    let counts = sqlx::query!(
        r#"SELECT coalesce(sum(followed = 1), 0) AS "followed!: i64", coalesce(sum(followed = 0), 0) AS "blocked!: i64"
           FROM friends WHERE id IN (SELECT value FROM json_each(?))"#,
        ids_json
    )
    .fetch_one(pool)
    .await?;
    Ok(AudienceCounts { followed: counts.followed, blocked: counts.blocked })
}

/// A scheduled broadcast has no batches yet, so its audience is counted as it stands now
/// (who it will go to if nothing changes before it starts); from the start it is frozen.
async fn with_audience(pool: &SqlitePool, mut view: BroadcastView) -> Result<BroadcastView> {
    if view.status == BroadcastStatus::Scheduled {
        view.recipients_total = audience_counts(pool, view.account_id, &view.audience).await?.followed;
    }
    // Who created it: a runtime query, the view's own query predates the column.
    let (member_id, name): (Option<i64>, Option<String>) =
        sqlx::query_as("SELECT created_by_member_id, created_by_name FROM broadcasts WHERE id = ?").bind(view.id).fetch_one(pool).await?;
    view.created_by = crate::events::ActedBy::from_columns(member_id, name);
    Ok(view)
}

/// (limit, used) from LINE, the same two calls as `GetQuota`; a bilingual reason otherwise.
async fn read_quota(core: &Core, account_id: i64) -> std::result::Result<(Option<i64>, i64), String> {
    let Some(client) = core.client(account_id).await else {
        return Err("LINE の認証情報がありません / no LINE credentials for this account".into());
    };
    let unreachable = |e: line::LineError| format!("LINE の残り通数を確認できません / cannot read the quota from LINE: {}", e.reason());
    let quota = client.get_quota().await.map_err(unreachable)?;
    let used = client.get_quota_consumption().await.map_err(unreachable)?;
    let limit = match quota.kind {
        line::responses::QuotaType::Limited => quota.value,
        line::responses::QuotaType::Unlimited => None,
    };
    Ok((limit, used.total_usage))
}

fn refuse_over_quota(p: &BroadcastPreview) -> CoreError {
    let (limit, after) = p.quota.as_ref().map(|q| (q.limit.unwrap_or(0), q.after)).unwrap_or((0, 0));
    CoreError::bad_input(
        format!(
            "this broadcast to {} friends would bring this month's messages to {after}, over the plan's limit of {limit}; \
             narrow the audience or raise the plan in LINE Official Account Manager",
            p.recipients
        ),
        format!(
            "この配信（{} 人）を送ると今月の送信数が {after} 通になり、上限の {limit} 通を超えてしまいます。\
             配信先を絞るか、LINE公式アカウントのプランを見直してください",
            p.recipients
        ),
    )
}

/// Composes a broadcast: refuses an empty audience or one over this month's quota,
/// then either starts it now (freezing the audience) or leaves it scheduled.
pub async fn create(core: &Core, account_id: i64, req: CreateBroadcast) -> Result<(BroadcastView, Vec<CoreEvent>)> {
    let pool = &core.store().pool;
    if req.contents.is_empty() || req.contents.len() > MAX_BUBBLES {
        return Err(CoreError::bad_input(
            "a broadcast holds 1 to 5 bubbles",
            "一斉配信の吹き出しは 1〜5 個です",
        ));
    }
    let entries = build_bubbles(pool, &core.store().media_dir(), req.contents).await?;
    crate::outbox::limits::check_objects(entries.iter().map(|e| &e.object))?;
    let preview = preview(core, account_id, &req.audience).await?;
    if preview.recipients == 0 {
        return Err(CoreError::bad_input(
            "nobody to send to: the audience selects no friend who follows the account",
            "配信先がいません（条件に合う友だちがいないか、全員にブロックされています）",
        ));
    }
    if let Some(reason) = &preview.quota_error {
        return Err(CoreError::bad_input(
            format!("cannot check this month's quota before sending, so nothing was sent ({reason})"),
            format!("今月の送信可能数を確認できないため、配信しませんでした（{reason}）"),
        ));
    }
    if preview.would_exceed {
        return Err(refuse_over_quota(&preview));
    }
    let now = now_ms();
    let send_at = req.send_at.unwrap_or(now).max(now);
    let objects: Vec<_> = entries.iter().map(|e| &e.object).collect();
    let messages_json = serde_json::to_string(&objects)?;
    let summary = entries.iter().find_map(|e| e.text.clone());
    let kinds = entries.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>().join(",");
    let audience_json = serde_json::to_string(&req.audience)?;
    let id = sqlx::query_scalar!(
        r#"INSERT INTO broadcasts (account_id, messages_json, summary, bubble_kinds, audience_json, status, send_at,
                                  created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, 'scheduled', ?, ?, ?) RETURNING id AS "id!""#,
        account_id,
        messages_json,
        summary,
        kinds,
        audience_json,
        send_at,
        now,
        now
    )
    .fetch_one(pool)
    .await?;
    // Who created it (members); nobody for the owner at this PC.
    if let Some(by) = crate::events::ActedBy::current() {
        sqlx::query("UPDATE broadcasts SET created_by_member_id = ?, created_by_name = ? WHERE id = ?")
            .bind(by.member_id)
            .bind(&by.name)
            .bind(id)
            .execute(pool)
            .await?;
    }
    if send_at <= now {
        start(pool, id).await?;
    }
    let view = view(pool, id).await?;
    Ok((view, vec![CoreEvent::BroadcastUpdated { broadcast_id: id }]))
}

async fn build_bubbles(
    pool: &SqlitePool,
    media_dir: &Path,
    contents: Vec<OutgoingContent>,
) -> Result<Vec<crate::outbox::OutgoingEntry>> {
    let mut entries = Vec::with_capacity(contents.len());
    for c in contents {
        if !matches!(c, OutgoingContent::Text { .. } | OutgoingContent::Image { .. } | OutgoingContent::Sticker { .. }) {
            return Err(CoreError::bad_input(
                "a broadcast bubble is a text, an image or a sticker",
                "一斉配信で送れるのはテキスト・画像・スタンプです",
            ));
        }
        // No chat: only the call button reads the conversation, and it is refused above.
        entries.push(content::build(pool, media_dir, 0, c).await?);
    }
    Ok(entries)
}

/// Freezes the audience of a scheduled broadcast into batches of at most 500 followed
/// friends, each with its retry key, in one transaction; the broadcast becomes `sending`.
/// Returns false when it was not `scheduled` (already started, or cancelled).
pub async fn start(pool: &SqlitePool, broadcast_id: i64) -> Result<bool> {
    let Some(row) = sqlx::query!(
        "SELECT account_id, audience_json FROM broadcasts WHERE id = ? AND status = 'scheduled'",
        broadcast_id
    )
    .fetch_optional(pool)
    .await?
    else {
        return Ok(false);
    };
    let audience: BroadcastAudience = serde_json::from_str(&row.audience_json)?;
    let selected = matching_friend_ids(pool, row.account_id, &audience.expr()).await?;
    let selected_json = serde_json::to_string(&selected)?;
    let now = now_ms();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let started = sqlx::query!(
        "UPDATE broadcasts SET status = 'sending', started_at = ?1, updated_at = ?1 WHERE id = ?2 AND status = 'scheduled'",
        now,
        broadcast_id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if started == 0 {
        return Ok(false);
    }
    // Blocked friends are dropped here, and again right before each batch's first attempt.
    let followed = sqlx::query_scalar!(
        r#"SELECT id AS "id!" FROM friends
           WHERE id IN (SELECT value FROM json_each(?)) AND followed = 1 ORDER BY id"#,
        selected_json
    )
    .fetch_all(&mut *tx)
    .await?;
    for (i, chunk) in followed.chunks(BATCH_SIZE).enumerate() {
        let seq = i as i64 + 1;
        let key = uuid::Uuid::new_v4().to_string();
        let ids = serde_json::to_string(chunk)?;
        let n = chunk.len() as i64;
        sqlx::query!(
            "INSERT INTO broadcast_batches (broadcast_id, seq, retry_key, friend_ids_json, recipients, status, not_before, updated_at)
             VALUES (?, ?, ?, ?, ?, 'pending', ?, ?)",
            broadcast_id,
            seq,
            key,
            ids,
            n,
            now,
            now
        )
        .execute(&mut *tx)
        .await?;
    }
    if followed.is_empty() {
        sqlx::query!(
            "UPDATE broadcasts SET status = 'done', finished_at = ?1, updated_at = ?1 WHERE id = ?2",
            now,
            broadcast_id
        )
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Marks a broadcast in `status` as failed before it started (the quota re-check at start).
pub async fn fail_unstarted(pool: &SqlitePool, broadcast_id: i64, reason: &str) -> Result<()> {
    let now = now_ms();
    sqlx::query!(
        "UPDATE broadcasts SET status = 'failed', error = ?1, finished_at = ?2, updated_at = ?2 WHERE id = ?3 AND status = 'scheduled'",
        reason,
        now,
        broadcast_id
    )
    .execute(pool)
    .await?;
    Ok(())
}

/// Cancel: a scheduled broadcast never starts; a sending one sends no batch that has not
/// been attempted. A batch whose attempt may already have reached LINE keeps being
/// resolved with its retry key (it is reported as sent or failed, never guessed).
pub async fn cancel(pool: &SqlitePool, broadcast_id: i64) -> Result<BroadcastView> {
    let now = now_ms();
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let n = sqlx::query!(
        "UPDATE broadcasts SET status = 'cancelled', finished_at = ?1, updated_at = ?1
         WHERE id = ?2 AND status IN ('scheduled', 'sending')",
        now,
        broadcast_id
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(CoreError::bad_input(
            "this broadcast has already finished",
            "この配信はすでに終わっています",
        ));
    }
    sqlx::query!(
        "UPDATE broadcast_batches SET status = 'cancelled', updated_at = ?1
         WHERE broadcast_id = ?2 AND status = 'pending' AND ambiguous = 0",
        now,
        broadcast_id
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    view(pool, broadcast_id).await
}

struct ViewRow {
    id: i64,
    account_id: i64,
    status: String,
    summary: Option<String>,
    bubble_kinds: String,
    audience_json: String,
    send_at: i64,
    started_at: Option<i64>,
    finished_at: Option<i64>,
    error: Option<String>,
    created_at: i64,
    batches_total: i64,
    batches_sent: i64,
    batches_failed: i64,
    batches_cancelled: i64,
    recipients_total: i64,
    recipients_sent: i64,
}

impl ViewRow {
    fn into_view(self) -> Result<BroadcastView> {
        Ok(BroadcastView {
            id: self.id,
            account_id: self.account_id,
            status: BroadcastStatus::parse(&self.status),
            summary: self.summary,
            bubble_kinds: self.bubble_kinds.split(',').filter(|s| !s.is_empty()).map(str::to_string).collect(),
            audience: serde_json::from_str(&self.audience_json)?,
            send_at: self.send_at,
            started_at: self.started_at,
            finished_at: self.finished_at,
            error: self.error,
            created_at: self.created_at,
            batches_total: self.batches_total,
            batches_sent: self.batches_sent,
            batches_failed: self.batches_failed,
            batches_cancelled: self.batches_cancelled,
            recipients_total: self.recipients_total,
            recipients_sent: self.recipients_sent,
            created_by: None,
        })
    }
}

pub async fn view(pool: &SqlitePool, broadcast_id: i64) -> Result<BroadcastView> {
    let row = sqlx::query_as!(
        ViewRow,
        r#"SELECT x.id AS "id!", x.account_id, x.status, x.summary, x.bubble_kinds, x.audience_json, x.send_at,
                  x.started_at, x.finished_at, x.error, x.created_at,
                  count(b.id) AS "batches_total!: i64",
                  coalesce(sum(b.status = 'sent'), 0) AS "batches_sent!: i64",
                  coalesce(sum(b.status = 'failed'), 0) AS "batches_failed!: i64",
                  coalesce(sum(b.status = 'cancelled'), 0) AS "batches_cancelled!: i64",
                  coalesce(sum(b.recipients), 0) AS "recipients_total!: i64",
                  coalesce(sum(CASE WHEN b.status = 'sent' THEN b.sent_count ELSE 0 END), 0) AS "recipients_sent!: i64"
           FROM broadcasts x LEFT JOIN broadcast_batches b ON b.broadcast_id = x.id
           WHERE x.id = ? GROUP BY x.id"#,
        broadcast_id
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| CoreError::NotFound(format!("broadcast {broadcast_id}")))?;
    with_audience(pool, row.into_view()?).await
}

/// The account's broadcasts, newest first.
pub async fn list(pool: &SqlitePool, account_id: i64) -> Result<Vec<BroadcastView>> {
    let rows = sqlx::query_as!(
        ViewRow,
        r#"SELECT x.id AS "id!", x.account_id, x.status, x.summary, x.bubble_kinds, x.audience_json, x.send_at,
                  x.started_at, x.finished_at, x.error, x.created_at,
                  count(b.id) AS "batches_total!: i64",
                  coalesce(sum(b.status = 'sent'), 0) AS "batches_sent!: i64",
                  coalesce(sum(b.status = 'failed'), 0) AS "batches_failed!: i64",
                  coalesce(sum(b.status = 'cancelled'), 0) AS "batches_cancelled!: i64",
                  coalesce(sum(b.recipients), 0) AS "recipients_total!: i64",
                  coalesce(sum(CASE WHEN b.status = 'sent' THEN b.sent_count ELSE 0 END), 0) AS "recipients_sent!: i64"
           FROM broadcasts x LEFT JOIN broadcast_batches b ON b.broadcast_id = x.id
           WHERE x.account_id = ? GROUP BY x.id ORDER BY x.id DESC LIMIT 200"#,
        account_id
    )
    .fetch_all(pool)
    .await?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        views.push(with_audience(pool, row.into_view()?).await?);
    }
    Ok(views)
}

pub async fn detail(pool: &SqlitePool, broadcast_id: i64) -> Result<BroadcastDetail> {
    let broadcast = view(pool, broadcast_id).await?;
    let rows = sqlx::query!(
        r#"SELECT seq, status, recipients, sent_count, attempts, request_id, error, updated_at
           FROM broadcast_batches WHERE broadcast_id = ? ORDER BY seq"#,
        broadcast_id
    )
    .fetch_all(pool)
    .await?;
    let batches = rows
        .into_iter()
        .map(|r| BatchView {
            seq: r.seq,
            status: BatchStatus::parse(&r.status),
            recipients: r.recipients,
            sent_count: r.sent_count,
            attempts: r.attempts,
            request_id: r.request_id,
            error: r.error,
            updated_at: r.updated_at,
        })
        .collect();
    Ok(BroadcastDetail { broadcast, batches })
}

/// The account's tags for the audience picker, with their followed-friend counts.
pub async fn audience_tags(pool: &SqlitePool, account_id: i64) -> Result<Vec<AudienceTag>> {
    let tags = sqlx::query_as!(
        AudienceTag,
        r#"SELECT t.id AS "id!", t.name, t.color,
                  (SELECT count(*) FROM friend_tags ft JOIN friends f ON f.id = ft.friend_id
                   WHERE ft.tag_id = t.id AND f.followed = 1) AS "friends!: i64"
           FROM tags t WHERE t.account_id = ? ORDER BY t.position, t.name"#,
        account_id
    )
    .fetch_all(pool)
    .await?;
    Ok(tags)
}
