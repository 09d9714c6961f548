//! A desk's notification for a customer's message the hub's stream carries: the same
//! decisions as the hub's own screens, asked of the hub as the member this desk is
//! paired as — whether their scope wants this chat (`shouldNotify`), then core's
//! `decide` on the message, the friend's name, the shop's settings and quiet hours
//! (the shop's clock) and this desk's own focus.

use madoguchi_core::api::types::{ConversationRef, GetThread};
use madoguchi_core::api::{Request, Response};
use madoguchi_core::notify::{decide, Notification, UiFocus, STALE_AFTER_MS};

use crate::{HubError, Link};

/// What the hub answered that was not the kind asked for.
fn unexpected(what: &str) -> HubError {
    HubError::BadAnswer(format!("{what}: another kind of answer"))
}

impl Link {
    /// The notification this desk shows for message `message_id` in `conversation_id`,
    /// or None (not this member's to hear of, not a customer's message, old, focused,
    /// popups off, quiet hours).
    pub async fn notification(&self, conversation_id: i64, message_id: i64, focus: &UiFocus) -> Result<Option<Notification>, HubError> {
        let Response::ShouldNotify(wanted) = self.call(&Request::ShouldNotify(ConversationRef { conversation_id })).await? else {
            return Err(unexpected("shouldNotify"));
        };
        if !wanted {
            return Ok(None);
        }
        let thread = Request::GetThread(GetThread { conversation_id, before: None, limit: Some(20), around: None });
        let Response::Thread(page) = self.call(&thread).await? else { return Err(unexpected("getThread")) };
        let Some(message) = page.messages.iter().find(|m| m.id == message_id) else { return Ok(None) };
        if madoguchi_core::time::now_ms() - message.created_at > STALE_AFTER_MS {
            return Ok(None);
        }
        let Response::NotificationSettings(settings) = self.call(&Request::GetNotificationSettings).await? else {
            return Err(unexpected("getNotificationSettings"));
        };
        let zone = self.state().time_zone.unwrap_or_else(|| "Asia/Tokyo".into());
        let local_now = jiff::Timestamp::now().in_tz(&zone).map_err(|e| HubError::BadAnswer(format!("the shop's time zone {zone:?}: {e}")))?.time();
        Ok(decide(message, page.conversation.friend.display_name.as_deref(), focus, &settings, local_now))
    }
}
