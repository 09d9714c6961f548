use madoguchi_core::events::{CoreEvent, EventBus};

/// A screen that falls behind the bus is told so, once, in place of what it missed, and
/// then goes on with the events still held.
#[tokio::test]
async fn a_listener_that_falls_behind_gets_one_resync_then_the_rest() {
    let bus = EventBus::default();
    let mut behind = bus.listen();
    // More than the bus holds, with nobody reading in between.
    for conversation_id in 0..5_000 {
        bus.publish(CoreEvent::ConversationUpdated { conversation_id });
    }
    assert_eq!(behind.recv().await, Some(CoreEvent::Resync));
    let next = behind.recv().await;
    assert!(matches!(next, Some(CoreEvent::ConversationUpdated { .. })), "{next:?}");
}

/// A screen that keeps up never sees a resync.
#[tokio::test]
async fn a_listener_that_keeps_up_gets_every_event_and_no_resync() {
    let bus = EventBus::default();
    let mut listener = bus.listen();
    for conversation_id in 0..3 {
        bus.publish(CoreEvent::ConversationUpdated { conversation_id });
        assert_eq!(listener.recv().await, Some(CoreEvent::ConversationUpdated { conversation_id }));
    }
    drop(bus);
    assert_eq!(listener.recv().await, None);
}
