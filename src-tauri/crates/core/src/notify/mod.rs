//! Desktop notifications: the settings (popup, sound, quiet hours), what the UI says
//! about its focus, and the one decision "does this event notify, and with what".
//! The desktop shell only shows what [`notification_for`] returns.

pub mod api;

use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use sqlx::SqlitePool;
use ts_rs::TS;

use crate::events::CoreEvent;
use crate::inbox::model::{Direction, MessageView};
use crate::inbox::{conversations, thread};
use crate::runtime::Core;
use crate::{hours, settings, CoreError, Result};

pub const POPUP: &str = "notifyPopup";
pub const SOUND: &str = "notifySound";
pub const QUIET_START: &str = "notifyQuietStart";
pub const QUIET_END: &str = "notifyQuietEnd";

/// Shown when a friend has no display name (yet).
pub const NO_NAME: &str = "（名前未設定）";
const PREVIEW_CHARS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NotificationSettings {
    /// Show a popup for new messages (default on).
    pub popup: bool,
    /// Play the notification sound (default on).
    pub sound: bool,
    /// No popups between these times ("HH:MM", shop time zone); None = off.
    pub quiet_hours: Option<QuietHours>,
}

impl Default for NotificationSettings {
    fn default() -> Self {
        NotificationSettings { popup: true, sound: true, quiet_hours: None }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct QuietHours {
    /// "HH:MM", inclusive.
    pub start: String,
    /// "HH:MM", exclusive; earlier than `start` = spans midnight.
    pub end: String,
}

impl QuietHours {
    /// Is `at` (shop-local wall time) inside the quiet hours?
    pub fn contains(&self, at: jiff::civil::Time) -> Result<bool> {
        let (start, end) = (parse_hhmm(&self.start)?, parse_hhmm(&self.end)?);
        Ok(if start == end {
            false
        } else if start < end {
            start <= at && at < end
        } else {
            at >= start || at < end
        })
    }
}

fn parse_hhmm(s: &str) -> Result<jiff::civil::Time> {
    let bad = || {
        CoreError::bad_input(
            format!("time \"{s}\" is not HH:MM"),
            format!("時刻「{s}」は HH:MM の形式で入力してください"),
        )
    };
    let (h, m) = s.trim().split_once(':').ok_or_else(bad)?;
    let (h, m): (i8, i8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    jiff::civil::Time::new(h, m, 0, 0).map_err(|_| bad())
}

/// What the UI last told us (the `uiFocus` request). Kept in memory only.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct UiFocus {
    pub focused: bool,
    #[ts(type = "number | null")]
    #[serde(default)]
    pub open_conversation_id: Option<i64>,
}

/// Holder of the current [`UiFocus`], one per `Core`.
#[derive(Debug, Default)]
pub struct FocusState(Mutex<UiFocus>);

impl FocusState {
    pub fn get(&self) -> UiFocus {
        self.0.lock().map(|f| f.clone()).unwrap_or_default()
    }

    pub fn set(&self, focus: UiFocus) {
        if let Ok(mut f) = self.0.lock() {
            *f = focus;
        }
    }
}

/// A notification to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Notification {
    /// The friend's display name, or [`NO_NAME`].
    pub title: String,
    /// The text, shortened, or a label for stickers, images and the like.
    pub body: String,
    pub conversation_id: i64,
    pub sound: bool,
}

pub async fn get_settings(pool: &SqlitePool) -> Result<NotificationSettings> {
    let flag = |v: Option<String>, d: bool| v.map(|v| v == "1" || v == "true").unwrap_or(d);
    let popup = flag(settings::get(pool, POPUP).await?, true);
    let sound = flag(settings::get(pool, SOUND).await?, true);
    let start = settings::get(pool, QUIET_START).await?.filter(|s| !s.is_empty());
    let end = settings::get(pool, QUIET_END).await?.filter(|s| !s.is_empty());
    let quiet_hours = match (start, end) {
        (Some(start), Some(end)) => Some(QuietHours { start, end }),
        _ => None,
    };
    Ok(NotificationSettings { popup, sound, quiet_hours })
}

pub async fn set_settings(pool: &SqlitePool, s: &NotificationSettings) -> Result<NotificationSettings> {
    let quiet = match &s.quiet_hours {
        Some(q) => {
            let (start, end) = (parse_hhmm(&q.start)?, parse_hhmm(&q.end)?);
            let fmt = |t: jiff::civil::Time| format!("{:02}:{:02}", t.hour(), t.minute());
            Some((fmt(start), fmt(end)))
        }
        None => None,
    };
    settings::set(pool, POPUP, if s.popup { "1" } else { "0" }).await?;
    settings::set(pool, SOUND, if s.sound { "1" } else { "0" }).await?;
    let (start, end) = quiet.unwrap_or_default();
    settings::set(pool, QUIET_START, &start).await?;
    settings::set(pool, QUIET_END, &end).await?;
    get_settings(pool).await
}

/// The decision, pure: an arrived message, who sent it, what the UI shows, the
/// settings and the shop-local time now → a notification or nothing.
pub fn decide(
    message: &MessageView,
    friend_name: Option<&str>,
    focus: &UiFocus,
    settings: &NotificationSettings,
    local_now: jiff::civil::Time,
) -> Option<Notification> {
    if message.direction != Direction::In || message.unsent || matches!(message.kind.as_str(), "follow" | "unfollow") {
        return None;
    }
    if focus.focused && focus.open_conversation_id == Some(message.conversation_id) {
        return None;
    }
    if !settings.popup {
        return None;
    }
    // Unparseable quiet hours (stored before validation) count as off.
    if let Some(q) = &settings.quiet_hours
        && q.contains(local_now).unwrap_or(false)
    {
        return None;
    }
    let title = friend_name.map(str::trim).filter(|n| !n.is_empty()).unwrap_or(NO_NAME).to_string();
    Some(Notification { title, body: preview(message), conversation_id: message.conversation_id, sound: settings.sound })
}

fn preview(message: &MessageView) -> String {
    let label = match message.kind.as_str() {
        "text" => {
            let text = message.text.as_deref().unwrap_or("").trim();
            if !text.is_empty() {
                let mut s: String = text.chars().take(PREVIEW_CHARS).collect();
                if text.chars().count() > PREVIEW_CHARS {
                    s.push('…');
                }
                return s;
            }
            "メッセージが届きました"
        }
        "sticker" => "スタンプが届きました",
        "image" => "画像が届きました",
        "video" => "動画が届きました",
        "audio" => "音声メッセージが届きました",
        "file" => "ファイルが届きました",
        "location" => "位置情報が届きました",
        "postback" => "ボタンがタップされました",
        _ => "メッセージが届きました",
    };
    label.to_string()
}

/// Looks up what [`decide`] needs for a `MessageArrived` event; other events never notify.
/// Messages older than this when they reach us do not pop up.
pub const STALE_AFTER_MS: i64 = 10 * 60 * 1000;

pub async fn notification_for(core: &Core, event: &CoreEvent) -> Result<Option<Notification>> {
    let CoreEvent::MessageArrived { conversation_id, message_id, .. } = event else {
        return Ok(None);
    };
    let pool = &core.store().pool;
    let Some(message) = thread::message(pool, *message_id).await? else {
        return Ok(None);
    };
    if message.direction != Direction::In {
        return Ok(None);
    }
    // History arriving late (LINE redelivering after the PC was off, a demo seeding its
    // past) is for the inbox's unread badges, not a burst of pop-ups.
    if crate::time::now_ms() - message.created_at > STALE_AFTER_MS {
        return Ok(None);
    }
    let conversation = conversations::get(pool, *conversation_id).await?;
    let settings = get_settings(pool).await?;
    let zone = hours::store::time_zone(pool, conversation.account_id).await?;
    let local_now = hours::store::now()?.to_zoned_datetime(zone).time();
    Ok(decide(&message, conversation.friend.display_name.as_deref(), &core.ui_focus().get(), &settings, local_now))
}

impl Core {
    /// The UI's focus as last reported by the `uiFocus` request.
    pub fn ui_focus(&self) -> Arc<FocusState> {
        self.state()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::events::MessageStatus;
    use jiff::civil::time;

    fn msg(kind: &str, text: Option<&str>, direction: Direction) -> MessageView {
        MessageView {
            id: 7,
            conversation_id: 3,
            direction,
            kind: kind.into(),
            text: text.map(Into::into),
            payload: serde_json::Value::Null,
            created_at: 0,
            status: MessageStatus::Received,
            error: None,
            media_file: None,
            unsent: false,
            outbox_id: None,
            route: None,
            sent_by: None,
            auto_reply: false,
        }
    }

    fn away() -> UiFocus {
        UiFocus { focused: false, open_conversation_id: Some(3) }
    }

    const NOON: jiff::civil::Time = time(12, 0, 0, 0);

    #[test]
    fn inbound_text_notifies_with_name_and_preview() {
        let n = decide(&msg("text", Some("明日の予約できますか"), Direction::In), Some("佐藤 花子"), &away(), &Default::default(), NOON);
        assert_eq!(
            n,
            Some(Notification { title: "佐藤 花子".into(), body: "明日の予約できますか".into(), conversation_id: 3, sound: true })
        );
    }

    #[test]
    fn outbound_and_follow_entries_never_notify() {
        let s = NotificationSettings::default();
        assert_eq!(decide(&msg("text", Some("hi"), Direction::Out), None, &away(), &s, NOON), None);
        assert_eq!(decide(&msg("follow", None, Direction::In), None, &away(), &s, NOON), None);
        assert_eq!(decide(&msg("unfollow", None, Direction::In), None, &away(), &s, NOON), None);
    }

    #[test]
    fn focus_on_the_same_chat_suppresses_other_chat_or_blur_notifies() {
        let s = NotificationSettings::default();
        let m = msg("text", Some("hi"), Direction::In);
        let same = UiFocus { focused: true, open_conversation_id: Some(3) };
        let other = UiFocus { focused: true, open_conversation_id: Some(4) };
        let none_open = UiFocus { focused: true, open_conversation_id: None };
        assert_eq!(decide(&m, None, &same, &s, NOON), None);
        assert!(decide(&m, None, &other, &s, NOON).is_some());
        assert!(decide(&m, None, &none_open, &s, NOON).is_some());
        assert!(decide(&m, None, &away(), &s, NOON).is_some());
    }

    #[test]
    fn labels_for_non_text_and_missing_name() {
        let s = NotificationSettings::default();
        let n = decide(&msg("sticker", None, Direction::In), Some("  "), &away(), &s, NOON).unwrap();
        assert_eq!((n.title.as_str(), n.body.as_str()), (NO_NAME, "スタンプが届きました"));
        let n = decide(&msg("image", None, Direction::In), None, &away(), &s, NOON).unwrap();
        assert_eq!(n.body, "画像が届きました");
        let long = "あ".repeat(150);
        let n = decide(&msg("text", Some(&long), Direction::In), None, &away(), &s, NOON).unwrap();
        assert_eq!(n.body.chars().count(), PREVIEW_CHARS + 1);
    }

    #[test]
    fn popup_off_and_sound_off() {
        let m = msg("text", Some("hi"), Direction::In);
        let off = NotificationSettings { popup: false, ..Default::default() };
        assert_eq!(decide(&m, None, &away(), &off, NOON), None);
        let quiet = NotificationSettings { sound: false, ..Default::default() };
        assert!(!decide(&m, None, &away(), &quiet, NOON).unwrap().sound);
    }

    #[test]
    fn quiet_hours_suppress_and_span_midnight() {
        let m = msg("text", Some("hi"), Direction::In);
        let night = NotificationSettings {
            quiet_hours: Some(QuietHours { start: "22:00".into(), end: "07:30".into() }),
            ..Default::default()
        };
        for t in [time(22, 0, 0, 0), time(23, 59, 0, 0), time(0, 0, 0, 0), time(7, 29, 0, 0)] {
            assert_eq!(decide(&m, None, &away(), &night, t), None, "{t} is quiet");
        }
        for t in [time(7, 30, 0, 0), time(12, 0, 0, 0), time(21, 59, 0, 0)] {
            assert!(decide(&m, None, &away(), &night, t).is_some(), "{t} is not quiet");
        }
        let lunch = NotificationSettings {
            quiet_hours: Some(QuietHours { start: "12:00".into(), end: "13:00".into() }),
            ..Default::default()
        };
        assert_eq!(decide(&m, None, &away(), &lunch, NOON), None);
        assert!(decide(&m, None, &away(), &lunch, time(13, 0, 0, 0)).is_some());
        assert!(decide(&m, None, &away(), &lunch, time(11, 59, 0, 0)).is_some());
    }

    #[test]
    fn hhmm_is_validated() {
        assert!(parse_hhmm("7:05").is_ok());
        assert!(parse_hhmm("24:00").is_err());
        assert!(parse_hhmm("noon").is_err());
    }
}
