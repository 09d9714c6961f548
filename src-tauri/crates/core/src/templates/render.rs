//! Filling a template for one chat. The values come from the friend and the shop; a
//! value that is missing is returned as a question for the owner (or the send is
//! refused), never sent as the raw `{名前}`. Values are plain text: LINE text messages
//! are not HTML, and the UI renders them as text.

use std::collections::BTreeMap;
use std::sync::Arc;

use futures::future::BoxFuture;
use sqlx::SqlitePool;

use super::model::*;
use super::placeholders::{self, Piece, Placeholder};
use crate::outbox::model::OutgoingContent;
use crate::{CoreError, Result};

/// Where `{次回予約}` comes from; the reservations feature supplies one.
pub trait NextReservation: Send + Sync {
    /// The friend's next reservation as the customer should read it, or None.
    fn next_for<'a>(&'a self, pool: &'a SqlitePool, friend_id: i64) -> BoxFuture<'a, Result<Option<String>>>;
}

/// The optional value sources. Without a next-reservation provider, a template that
/// uses `{次回予約}` is refused with an explanation.
#[derive(Default, Clone)]
pub struct Providers {
    pub next_reservation: Option<Arc<dyn NextReservation>>,
}

struct Chat {
    friend_id: i64,
    account_id: i64,
    friend_name: Option<String>,
    shop_name: String,
}

pub async fn render(pool: &SqlitePool, providers: &Providers, q: &UseTemplate) -> Result<RenderedTemplate> {
    let tpl = sqlx::query!(r#"SELECT account_id, bubbles_json FROM templates WHERE id = ?"#, q.template_id)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| CoreError::NotFound(format!("template {}", q.template_id)))?;
    let chat = sqlx::query_as!(
        Chat,
        r#"SELECT f.id AS "friend_id!", c.account_id,
                  coalesce(nullif(trim(f.private_name), ''), nullif(trim(f.display_name), '')) AS "friend_name?: String",
                  a.name AS shop_name
           FROM conversations c JOIN friends f ON f.id = c.friend_id JOIN accounts a ON a.id = c.account_id
           WHERE c.id = ?"#,
        q.conversation_id
    )
    .fetch_optional(pool)
    .await?
    .ok_or_else(|| CoreError::NotFound(format!("conversation {}", q.conversation_id)))?;
    if chat.account_id != tpl.account_id {
        return Err(CoreError::bad_input(
            "this canned reply belongs to another LINE account",
            "この定型文は別の LINE アカウントのものです",
        ));
    }
    let bubbles: Vec<TemplateBubble> = serde_json::from_str(&tpl.bubbles_json)?;

    // Resolve each placeholder once.
    let mut values: BTreeMap<String, String> = BTreeMap::new();
    let mut missing: Vec<MissingValue> = Vec::new();
    for b in &bubbles {
        let TemplateBubble::Text { text } = b else { continue };
        for slot in placeholders::slots(text) {
            let key = slot.key();
            if values.contains_key(&key) || missing.iter().any(|m| m.key == key) {
                continue;
            }
            let (value, label, kind) = match &slot {
                Placeholder::Name => (chat.friend_name.clone(), key.clone(), MissingKind::FriendValue),
                Placeholder::Shop => (Some(chat.shop_name.clone()), key.clone(), MissingKind::FriendValue),
                Placeholder::NextReservation => {
                    let Some(p) = &providers.next_reservation else {
                        return Err(CoreError::not_configured(
                            "{次回予約} (next reservation) needs the reservation calendar, which is not set up; remove it from this canned reply",
                            "{次回予約} は予約カレンダーが使えるようになるまで差し込めません。この定型文から外してください",
                        ));
                    };
                    (p.next_for(pool, chat.friend_id).await?, key.clone(), MissingKind::FriendValue)
                }
                Placeholder::Field(name) => (field_value(pool, chat.account_id, chat.friend_id, name).await?, name.clone(), MissingKind::FriendValue),
                Placeholder::Prompt(label) => (None, label.clone(), MissingKind::Prompt),
            };
            let value = value
                .filter(|v| !v.trim().is_empty())
                .or_else(|| q.answers.get(&key).filter(|v| !v.trim().is_empty()).cloned());
            match value {
                Some(v) => {
                    values.insert(key, v);
                }
                None => missing.push(MissingValue { key, label, kind }),
            }
        }
    }
    if !missing.is_empty() {
        return Ok(RenderedTemplate { bubbles: vec![], missing });
    }

    let mut out = Vec::with_capacity(bubbles.len());
    for b in bubbles {
        out.push(match b {
            TemplateBubble::Text { text } => {
                let mut s = String::with_capacity(text.len());
                for piece in placeholders::parse(&text) {
                    match piece {
                        Piece::Text(t) => s.push_str(&t),
                        // Every slot was resolved above; a gap here would be a bug, and
                        // refusing beats sending a hole.
                        Piece::Slot(p) => s.push_str(values.get(&p.key()).ok_or_else(|| {
                            CoreError::internal(format!("placeholder {{{}}} unresolved", p.key()))
                        })?),
                    }
                }
                OutgoingContent::Text { text: s }
            }
            TemplateBubble::Image { path } => OutgoingContent::Image { path },
            TemplateBubble::Sticker { package_id, sticker_id } => OutgoingContent::Sticker { package_id, sticker_id },
        });
    }
    Ok(RenderedTemplate { bubbles: out, missing: vec![] })
}

async fn field_value(pool: &SqlitePool, account_id: i64, friend_id: i64, name: &str) -> Result<Option<String>> {
    let field = sqlx::query!(
        r#"SELECT cf.kind, v.value AS "value?" FROM custom_fields cf
           LEFT JOIN friend_field_values v ON v.field_id = cf.id AND v.friend_id = ?
           WHERE cf.account_id = ? AND cf.name = ?"#,
        friend_id,
        account_id,
        name
    )
    .fetch_optional(pool)
    .await?;
    let Some(f) = field else {
        return Err(CoreError::bad_input(
            format!("{{{name}}}: no custom field has this name any more; edit the canned reply"),
            format!("{{{name}}}: この名前の項目はもうありません。定型文を直してください"),
        ));
    };
    Ok(f.value.map(|v| match (f.kind.as_str(), v.as_str()) {
        ("checkbox", "true") => "はい".to_string(),
        ("checkbox", "false") => "いいえ".to_string(),
        _ => v,
    }))
}

/// Renders and enqueues all bubbles as one request; refuses while anything is missing.
pub async fn entries(
    pool: &SqlitePool,
    media_dir: &std::path::Path,
    providers: &Providers,
    q: &UseTemplate,
) -> Result<Vec<crate::outbox::OutgoingEntry>> {
    let rendered = render(pool, providers, q).await?;
    if !rendered.missing.is_empty() {
        let names: Vec<String> = rendered.missing.iter().map(|m| m.label.clone()).collect();
        return Err(CoreError::bad_input(
            format!("fill in before sending: {}", names.join(", ")),
            format!("送る前に入力してください: {}", names.join("、")),
        ));
    }
    let mut out = Vec::with_capacity(rendered.bubbles.len());
    for content in rendered.bubbles {
        out.push(crate::outbox::content::build(pool, media_dir, q.conversation_id, content).await?);
    }
    Ok(out)
}
