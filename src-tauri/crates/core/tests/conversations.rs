use madoguchi_core::api::types::*;
use madoguchi_core::api::{Request, Response};

use crate::support::{eventually, Harness};

async fn list(h: &Harness, filter: ConversationFilter, before: Option<String>, limit: u32) -> anyhow::Result<ConversationPage> {
    match h
        .core
        .dispatch(Request::ListConversations(ListConversations {
            account_id: Some(h.account_id),
            filter,
            before,
            limit: Some(limit),
            tags: None,
            sort: None,
            assignee: None,
        }))
        .await?
    {
        Response::Conversations(p) => Ok(p),
        other => anyhow::bail!("unexpected response {other:?}"),
    }
}

async fn thread(h: &Harness, conversation_id: i64, before: Option<i64>, limit: u32) -> anyhow::Result<ThreadPage> {
    match h
        .core
        .dispatch(Request::GetThread(GetThread { conversation_id, before, limit: Some(limit), around: None }))
        .await?
    {
        Response::Thread(t) => Ok(t),
        other => anyhow::bail!("unexpected response {other:?}"),
    }
}

#[tokio::test]
async fn conversations_page_newest_first_without_gaps_or_repeats() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let t0 = 1_790_000_000_000i64;
    let mut events = Vec::new();
    let mut users = Vec::new();
    for i in 0..25 {
        let u = h.sim.add_user(&format!("客{i}"));
        events.push(h.sim.event_text(&u.user_id, &format!("こんにちは {i}"), Some(t0 + i * 1000)));
        users.push(u);
    }
    h.ingest(events).await?;

    let mut seen = Vec::new();
    let mut cursor = None;
    loop {
        let page = list(&h, ConversationFilter::All, cursor.clone(), 7).await?;
        seen.extend(page.items.iter().map(|c| c.last_preview.clone().unwrap_or_default()));
        cursor = page.next_cursor;
        if cursor.is_none() {
            break;
        }
    }
    let expected: Vec<String> = (0..25).rev().map(|i| format!("こんにちは {i}")).collect();
    assert_eq!(seen, expected, "pages must be newest first, each conversation once");

    let bad = h
        .core
        .dispatch(Request::ListConversations(ListConversations {
            account_id: Some(h.account_id),
            filter: ConversationFilter::All,
            before: Some("garbage".into()),
            limit: None,
            tags: None,
            sort: None,
            assignee: None,
        }))
        .await;
    let err = bad.err().ok_or_else(|| anyhow::anyhow!("a garbage cursor must be refused"))?;
    assert_eq!(err.code, "invalid");
    assert!(err.message_ja.contains("ページ"), "Japanese message expected: {err:?}");
    Ok(())
}

#[tokio::test]
async fn thread_pages_backwards_and_mark_read_sends_the_newest_token_once() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let u = h.sim.add_user("佐藤 美咲");
    let t0 = 1_790_000_000_000i64;
    let events: Vec<_> = (0..12).map(|i| h.sim.event_text(&u.user_id, &format!("m{i:02}"), Some(t0 + i * 1000))).collect();
    h.ingest(events).await?;
    let conv = h.conversation_of(&u.user_id).await?;

    let last = thread(&h, conv, None, 5).await?;
    let texts: Vec<_> = last.messages.iter().filter_map(|m| m.text.clone()).collect();
    assert_eq!(texts, ["m07", "m08", "m09", "m10", "m11"], "newest page, oldest first");
    assert!(last.has_more);
    let older = thread(&h, conv, Some(last.messages[0].id), 5).await?;
    let texts: Vec<_> = older.messages.iter().filter_map(|m| m.text.clone()).collect();
    assert_eq!(texts, ["m02", "m03", "m04", "m05", "m06"]);

    let unread = list(&h, ConversationFilter::Unread, None, 10).await?;
    assert_eq!(unread.items.len(), 1);
    assert_eq!(unread.items[0].unread_count, 12);
    assert_eq!(unread.items[0].status, ConversationStatus::NeedsAction);

    h.core.dispatch(Request::MarkRead(ConversationRef { conversation_id: conv })).await?;
    let calls = eventually(5, "markAsRead reaches LINE", || async {
        let calls = h.sim.mark_read_calls();
        Ok((!calls.is_empty()).then_some(calls))
    })
    .await?;
    assert_eq!(calls.len(), 1, "one call: LINE marks everything up to the newest token as read");
    let unread = list(&h, ConversationFilter::Unread, None, 10).await?;
    assert!(unread.items.is_empty(), "no unread conversations after mark read");

    // Opening the chat again with nothing new must not call LINE again.
    h.core.dispatch(Request::MarkRead(ConversationRef { conversation_id: conv })).await?;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(h.sim.mark_read_calls().len(), 1);
    Ok(())
}

#[tokio::test]
async fn follow_fetches_the_profile_and_unfollow_marks_blocked() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let u = h.sim.add_user("たかはし");
    h.ingest(vec![h.sim.event_follow(&u.user_id, false, None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let name = eventually(5, "profile fetched", || async {
        let t = thread(&h, conv, None, 10).await?;
        Ok(t.conversation.friend.display_name.clone())
    })
    .await?;
    assert_eq!(name, "たかはし");
    h.ingest(vec![h.sim.event_unfollow(&u.user_id, None)]).await?;
    let t = thread(&h, conv, None, 10).await?;
    assert!(!t.conversation.friend.followed, "unfollow = blocked");
    let kinds: Vec<_> = t.messages.iter().map(|m| m.kind.as_str()).collect();
    assert_eq!(kinds, ["follow", "unfollow"]);
    Ok(())
}

/// LINE busy (429) or down (500) on a profile fetch: the name still arrives, by itself and
/// soon (a wait that doubles from 2 s, not the worker's idle half minute), and a 429 is
/// never taken for "no profile".
#[tokio::test]
async fn a_failed_profile_fetch_is_tried_again_until_the_name_arrives() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let u = h.sim.add_user("いしだ");
    // Each fetch makes 4 attempts: the first fetch meets 429s, the second 500s.
    h.sim.faults().fail_next("profile", 429, 4);
    h.sim.faults().fail_next("profile", 500, 4);
    h.ingest(vec![h.sim.event_follow(&u.user_id, false, None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let name = eventually(20, "the profile after two failed fetches", || async {
        Ok(thread(&h, conv, None, 10).await?.conversation.friend.display_name)
    })
    .await?;
    assert_eq!(name, "いしだ");
    let (attempts, failed_at): (i64, Option<i64>) =
        sqlx::query_as("SELECT profile_attempts, profile_failed_at FROM friends WHERE line_user_id = ?")
            .bind(&u.user_id)
            .fetch_one(&h.core.store().pool)
            .await?;
    assert_eq!(attempts, 2, "two fetches failed before the third succeeded");
    assert_eq!(failed_at, None, "a success clears the failure");
    Ok(())
}

#[tokio::test]
async fn profile_pictures_are_stored_once_per_address_and_follow_a_change() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let u = h.sim.add_user_with("写真 あり", "ja", Some(true));
    h.ingest(vec![h.sim.event_follow(&u.user_id, false, None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let first = eventually(10, "the profile picture to be stored", || picture_of(&h, conv)).await?;
    let bytes = std::fs::read(h.core.store().media_dir().join(&first))?;
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "the stored picture is the simulator's PNG");
    assert!(first.ends_with(".png"), "named by content type: {first}");
    let friend = thread(&h, conv, None, 10).await?.conversation.friend;
    assert!(friend.picture_url.is_some_and(|u| u.starts_with("http")), "LINE's address is kept as data only");

    // A new picture has a new address; the next profile fetch (on follow) stores it.
    h.sim.change_picture(&u.user_id, 2);
    h.ingest(vec![h.sim.event_follow(&u.user_id, true, None)]).await?;
    let second = eventually(10, "the changed picture to be stored", || async {
        Ok(picture_of(&h, conv).await?.filter(|f| *f != first))
    })
    .await?;
    assert!(h.core.store().media_dir().join(&second).exists(), "the new picture is on disk");

    // No picture on LINE: none here, the initial shows instead.
    let plain = h.sim.add_user_with("写真 なし", "ja", Some(false));
    h.ingest(vec![h.sim.event_follow(&plain.user_id, false, None)]).await?;
    let plain_conv = h.conversation_of(&plain.user_id).await?;
    let name = eventually(10, "the second profile", || async {
        Ok(thread(&h, plain_conv, None, 10).await?.conversation.friend.display_name)
    })
    .await?;
    assert_eq!(name, "写真 なし");
    assert_eq!(thread(&h, plain_conv, None, 10).await?.conversation.friend.picture_file, None);
    Ok(())
}

async fn picture_of(h: &Harness, conversation_id: i64) -> anyhow::Result<Option<String>> {
    Ok(thread(h, conversation_id, None, 10).await?.conversation.friend.picture_file)
}
