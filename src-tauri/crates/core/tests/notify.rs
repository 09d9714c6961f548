use madoguchi_core::api::types::{NotificationSettings, QuietHours, UiFocus};
use madoguchi_core::api::{Request, Response};
use madoguchi_core::events::CoreEvent;
use madoguchi_core::notify::{notification_for, Notification};

use crate::support::{eventually, Harness};

async fn arrived(rx: &mut tokio::sync::broadcast::Receiver<CoreEvent>) -> anyhow::Result<Vec<CoreEvent>> {
    let mut out = Vec::new();
    while let Ok(e) = rx.try_recv() {
        if matches!(e, CoreEvent::MessageArrived { .. }) {
            out.push(e);
        }
    }
    Ok(out)
}

#[tokio::test]
async fn inbound_messages_notify_with_the_friends_name_unless_that_chat_is_in_front() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let mut rx = h.core.events().subscribe();
    let u = h.sim.add_user("佐藤 花子");
    h.ingest(vec![h.sim.event_follow(&u.user_id, false, None), h.sim.event_text(&u.user_id, "予約できますか", None)]).await?;
    let conversation_id = h.conversation_of(&u.user_id).await?;
    let events = arrived(&mut rx).await?;
    // The webhook's own events come first (an automatic greeting may follow later).
    anyhow::ensure!(events.len() >= 2, "expected a follow and a text MessageArrived, got {events:?}");

    // The profile worker fills the name in shortly after.
    eventually(10, "the friend's display name", || async {
        let n = notification_for(&h.core, &events[1]).await?;
        Ok(n.filter(|n| n.title == "佐藤 花子"))
    })
    .await?;

    assert_eq!(notification_for(&h.core, &events[0]).await?, None, "a follow entry must not notify");
    assert_eq!(
        notification_for(&h.core, &events[1]).await?,
        Some(Notification { title: "佐藤 花子".into(), body: "予約できますか".into(), conversation_id, sound: true })
    );

    let focus = |focused, open| Request::UiFocus(UiFocus { focused, open_conversation_id: open });
    h.core.dispatch(focus(true, Some(conversation_id))).await?;
    assert_eq!(notification_for(&h.core, &events[1]).await?, None, "that chat is open in the focused window");
    h.core.dispatch(focus(false, Some(conversation_id))).await?;
    assert!(notification_for(&h.core, &events[1]).await?.is_some(), "the window is in the background");
    h.core.dispatch(focus(true, Some(conversation_id + 1))).await?;
    assert!(notification_for(&h.core, &events[1]).await?.is_some(), "another chat is open");

    // An outbound message never notifies.
    let sent = h
        .core
        .dispatch(Request::SendMessage(madoguchi_core::api::types::SendMessage {
            client_key: None,
            conversation_id,
            content: madoguchi_core::api::types::OutgoingContent::Text { text: "はい".into() },
        }))
        .await?;
    let Response::SendAccepted(sent) = sent else { anyhow::bail!("unexpected response {sent:?}") };
    let out = CoreEvent::MessageArrived { conversation_id, message_id: sent.message_id, assignee_member_id: None };
    assert_eq!(notification_for(&h.core, &out).await?, None, "our own message must not notify");
    Ok(())
}

#[tokio::test]
async fn notification_settings_default_on_round_trip_and_validate() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let get = || async {
        match h.core.dispatch(Request::GetNotificationSettings).await? {
            Response::NotificationSettings(s) => anyhow::Ok(s),
            other => anyhow::bail!("unexpected response {other:?}"),
        }
    };
    assert_eq!(get().await?, NotificationSettings { popup: true, sound: true, quiet_hours: None });

    let wanted = NotificationSettings {
        popup: true,
        sound: false,
        quiet_hours: Some(QuietHours { start: "22:00".into(), end: "7:30".into() }),
    };
    let saved = h.core.dispatch(Request::SetNotificationSettings(wanted)).await?;
    let expected = NotificationSettings {
        popup: true,
        sound: false,
        quiet_hours: Some(QuietHours { start: "22:00".into(), end: "07:30".into() }),
    };
    assert_eq!(saved, Response::NotificationSettings(expected.clone()));
    assert_eq!(get().await?, expected);

    let bad = NotificationSettings {
        quiet_hours: Some(QuietHours { start: "25:00".into(), end: "07:00".into() }),
        ..expected.clone()
    };
    assert!(h.core.dispatch(Request::SetNotificationSettings(bad)).await.is_err(), "25:00 must be refused");
    assert_eq!(get().await?, expected, "a refused change must not be half-saved");

    let off = NotificationSettings { popup: false, sound: true, quiet_hours: None };
    h.core.dispatch(Request::SetNotificationSettings(off.clone())).await?;
    assert_eq!(get().await?, off);
    Ok(())
}
