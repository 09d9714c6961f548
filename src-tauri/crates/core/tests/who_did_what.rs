//! Who did what (members): a member's send, note, tag, status and settings change name
//! them, in the rows themselves and in the events every screen hears; the owner at this
//! PC (the printed session token, the desktop window) is recorded as nobody; automatic
//! replies say so; the settings history holds no secret.

use anyhow::{ensure, Context, Result};
use madoguchi_core::activity::{ActedBy, ActivityKind, ListSettingsHistory, SettingsHistoryPage};
use madoguchi_core::api::types::*;
use madoguchi_core::api::{Request, Response};
use madoguchi_core::events::CoreEvent;
use madoguchi_core::members::{store, Actor, NewMember, Role};
use serde_json::json;

use crate::support::{eventually, Harness};

fn send(conversation_id: i64, text: &str) -> Request {
    Request::SendMessage(SendMessage { client_key: None, conversation_id, content: OutgoingContent::Text { text: text.into() } })
}

async fn thread(h: &Harness, conversation_id: i64) -> Result<Vec<MessageView>> {
    match h.core.dispatch(Request::GetThread(GetThread { conversation_id, before: None, limit: Some(50), around: None })).await? {
        Response::Thread(t) => Ok(t.messages),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

fn sender_of<'a>(messages: &'a [MessageView], text: &str) -> Result<&'a MessageView> {
    messages.iter().find(|m| m.text.as_deref() == Some(text)).with_context(|| format!("no message {text:?}"))
}

async fn activity_count(h: &Harness, kind: &str) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM activity_log WHERE kind = ?").bind(kind).fetch_one(&h.core.store().pool).await?)
}

async fn history(h: &Harness, q: ListSettingsHistory) -> Result<SettingsHistoryPage> {
    match h.core.dispatch(Request::ListSettingsHistory(q)).await? {
        Response::SettingsHistory(p) => Ok(p),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn a_members_send_note_and_status_name_them_and_the_session_tokens_do_not() -> Result<()> {
    let h = Harness::new().await?;
    let pool = &h.core.store().pool;
    let u = h.sim.add_user("小林");
    h.ingest(vec![h.sim.event_text(&u.user_id, "今日は空いてますか", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let friend_id: i64 = sqlx::query_scalar("SELECT friend_id FROM conversations WHERE id = ?").bind(conv).fetch_one(pool).await?;
    let sato = store::add(pool, NewMember { name: "佐藤".into(), role: Role::Staff, password: None, reservation_staff_id: None }).await?;
    let as_sato = || Actor::member(sato.id, "佐藤");
    let session = || Actor { member_id: None, name: None };
    let mut events = h.core.events().listen();

    h.core.dispatch_as(as_sato(), send(conv, "佐藤です、空いてます")).await?;
    h.core.dispatch_as(session(), send(conv, "店長です")).await?;
    h.core.dispatch(send(conv, "このパソコンから")).await?;
    let messages = thread(&h, conv).await?;
    let by_sato = sender_of(&messages, "佐藤です、空いてます")?;
    ensure!(by_sato.sent_by == Some(ActedBy { member_id: sato.id, name: "佐藤".into() }), "the member's send: {:?}", by_sato.sent_by);
    ensure!(!by_sato.auto_reply);
    for text in ["店長です", "このパソコンから"] {
        let m = sender_of(&messages, text)?;
        ensure!(m.sent_by.is_none() && !m.auto_reply, "{text}: nobody named, not automatic: {:?}", m.sent_by);
    }
    let outbox_sender: Option<String> = sqlx::query_scalar("SELECT sent_by_name FROM outbox WHERE sent_by_member_id = ?").bind(sato.id).fetch_one(pool).await?;
    ensure!(outbox_sender.as_deref() == Some("佐藤"), "the outbox row names the sender too");

    // The screens hear who sent it (MemberActed after the message itself).
    let heard = tokio::time::timeout(std::time::Duration::from_secs(5), async {
        loop {
            match events.recv().await {
                Some(e @ CoreEvent::MemberActed { .. }) => return Some(e),
                Some(_) => continue,
                None => return None,
            }
        }
    })
    .await?
    .context("the event bus closed")?;
    ensure!(
        heard == CoreEvent::MemberActed {
            by: ActedBy { member_id: sato.id, name: "佐藤".into() },
            kind: ActivityKind::Send,
            conversation_id: Some(conv),
            friend_id: None,
            reservation_id: None,
        },
        "event: {heard:?}"
    );

    // Notes: the author, or nobody.
    h.core.dispatch_as(as_sato(), Request::AddNote(AddNote { friend_id, body: "窓際の席が好き".into() })).await?;
    let profile = match h.core.dispatch_as(session(), Request::AddNote(AddNote { friend_id, body: "辛いものが苦手".into() })).await? {
        Response::Friend(f) => f,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    let note = |body: &str| profile.notes.iter().find(|n| n.body == body).cloned().context("note");
    ensure!(note("窓際の席が好き")?.author == Some(ActedBy { member_id: sato.id, name: "佐藤".into() }));
    ensure!(note("辛いものが苦手")?.author.is_none(), "the session token's note has no author");

    // Status: the member's change is logged with them, the session token's is not.
    h.core.dispatch_as(as_sato(), Request::SetConversationStatus(SetConversationStatus { conversation_id: conv, status: ConversationStatus::NeedsAction })).await?;
    h.core.dispatch_as(session(), Request::SetConversationStatus(SetConversationStatus { conversation_id: conv, status: ConversationStatus::Resolved })).await?;
    let status_rows: Vec<(Option<i64>, Option<String>, String)> =
        sqlx::query_as("SELECT member_id, member_name, summary FROM activity_log WHERE kind = 'status'").fetch_all(pool).await?;
    ensure!(status_rows == vec![(Some(sato.id), Some("佐藤".into()), "要対応にした".into())], "status log: {status_rows:?}");
    ensure!(activity_count(&h, "send").await? == 1 && activity_count(&h, "note").await? == 1, "only the member's send and note are logged");

    // A removed member's name still shows on what they did.
    store::remove(pool, sato.id).await?;
    let messages = thread(&h, conv).await?;
    ensure!(sender_of(&messages, "佐藤です、空いてます")?.sent_by.as_ref().map(|b| b.name.as_str()) == Some("佐藤"));
    Ok(())
}

#[tokio::test]
async fn an_automatic_reply_says_so_and_names_nobody() -> Result<()> {
    let h = Harness::new().await?;
    let rule = KeywordRuleInput {
        id: None,
        match_kind: MatchKind::Contains,
        pattern: "営業時間".into(),
        messages: vec![json!({ "type": "text", "text": "10時から19時までです" })],
        active_from: None,
        active_until: None,
        active_hours: None,
        enabled: true,
    };
    h.core.dispatch(Request::SaveKeywordRules(SaveKeywordRules { account_id: h.account_id, rules: vec![rule] })).await?;
    let u = h.sim.add_user("木村");
    h.ingest(vec![h.sim.event_text(&u.user_id, "営業時間を教えて", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let reply = eventually(10, "the automatic reply", || async {
        Ok(thread(&h, conv).await?.into_iter().find(|m| m.text.as_deref() == Some("10時から19時までです")))
    })
    .await?;
    ensure!(reply.auto_reply && reply.sent_by.is_none(), "{reply:?}");
    let customer = sender_of(&thread(&h, conv).await?, "営業時間を教えて")?.clone();
    ensure!(!customer.auto_reply && customer.sent_by.is_none(), "a customer's message is nobody's send");
    Ok(())
}

#[tokio::test]
async fn the_settings_history_is_newest_first_paged_and_holds_no_secret() -> Result<()> {
    let h = Harness::with_sim(linesim::SimConfig {
        channel_secret: "0123456789abcdef0123456789abcdef".into(),
        access_token: "who-did-what-access-token-0123456789".into(),
        ..linesim::SimConfig::default()
    })
    .await?;
    let pool = &h.core.store().pool;
    let owner = store::add(pool, NewMember { name: "店長".into(), role: Role::Owner, password: None, reservation_staff_id: None }).await?;
    let sato = store::add(pool, NewMember { name: "佐藤".into(), role: Role::Staff, password: None, reservation_staff_id: None }).await?;
    let sending = |undo| Request::SetSendingSettings(SendingSettings { undo_seconds: undo, reply_safe_window_seconds: 50 });
    h.core.dispatch(sending(5)).await?;
    h.core.dispatch_as(Actor::member(sato.id, "佐藤"), sending(10)).await?;
    // The owner re-enters the LINE credentials: the change is listed, the values are not.
    let secret = h.sim.config().channel_secret.clone();
    let token = h.sim.config().access_token.clone();
    h.core
        .dispatch_as(
            Actor::member(owner.id, "店長"),
            Request::ConnectAccount(ConnectAccount { account_id: Some(h.account_id), channel_secret: secret.clone(), access_token: token.clone() }),
        )
        .await?;
    // Reading is not changing.
    h.core.dispatch_as(Actor::member(sato.id, "佐藤"), Request::GetSendingSettings).await?;
    // A refused change is not a change.
    let refused = h
        .core
        .dispatch_as(
            Actor::member(owner.id, "店長"),
            Request::ConnectAccount(ConnectAccount { account_id: Some(h.account_id), channel_secret: "too-short".into(), access_token: token.clone() }),
        )
        .await;
    ensure!(refused.is_err(), "a malformed secret is refused");
    let page = history(&h, ListSettingsHistory::default()).await?;
    let lines: Vec<(Option<String>, String, String)> =
        page.changes.iter().map(|c| (c.by.as_ref().map(|b| b.name.clone()), c.method.clone(), c.summary.clone())).collect();
    let expected_len = 3;
    ensure!(lines.len() == expected_len, "history: {lines:?}");
    ensure!(lines == [
        (Some("店長".into()), "ConnectAccount".into(), "LINE公式アカウントの接続情報を変更".into()),
        (Some("佐藤".into()), "SetSendingSettings".into(), "送信の設定を変更".into()),
        (None, "SetSendingSettings".into(), "送信の設定を変更".into()),
    ], "newest first, the desktop's change without a name: {lines:?}");
    ensure!(page.changes.windows(2).all(|w| w[0].at >= w[1].at && w[0].id > w[1].id));

    let first = history(&h, ListSettingsHistory { before: None, limit: Some(2) }).await?;
    ensure!(first.changes.len() == 2 && first.has_more, "a page of 2 of {expected_len}");
    let rest = history(&h, ListSettingsHistory { before: Some(first.changes[1].id), limit: Some(2) }).await?;
    ensure!(rest.changes.len() == expected_len - 2 && !rest.has_more, "the rest");

    let logged: Vec<String> = sqlx::query_scalar("SELECT method || ' ' || summary || ' ' || coalesce(member_name, '') FROM activity_log").fetch_all(pool).await?;
    let all = logged.join("\n");
    ensure!(!all.contains(&secret) && !all.contains(&token), "no credential in the log: {all}");
    Ok(())
}

#[tokio::test]
async fn a_broadcast_names_the_member_who_created_it() -> Result<()> {
    let h = Harness::new().await?;
    let pool = &h.core.store().pool;
    let u = h.sim.add_user("小林");
    h.ingest(vec![h.sim.event_text(&u.user_id, "こんにちは", None)]).await?;
    let sato = store::add(pool, NewMember { name: "佐藤".into(), role: Role::Staff, password: None, reservation_staff_id: None }).await?;
    let later = madoguchi_core::time::now_ms() + 3_600_000;
    let create = || {
        Request::CreateBroadcast(CreateBroadcast {
            account_id: Some(h.account_id),
            contents: vec![OutgoingContent::Text { text: "今月のお知らせ".into() }],
            audience: BroadcastAudience::All,
            send_at: Some(later),
        })
    };
    let by_sato = match h.core.dispatch_as(Actor::member(sato.id, "佐藤"), create()).await? {
        Response::Broadcast(b) => b,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    let from_here = match h.core.dispatch(create()).await? {
        Response::Broadcast(b) => b,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    ensure!(by_sato.created_by == Some(ActedBy { member_id: sato.id, name: "佐藤".into() }), "{:?}", by_sato.created_by);
    ensure!(from_here.created_by.is_none());
    let listed = match h.core.dispatch(Request::ListBroadcasts(BroadcastAccount { account_id: Some(h.account_id) })).await? {
        Response::Broadcasts(list) => list,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    ensure!(listed.iter().find(|b| b.id == by_sato.id).and_then(|b| b.created_by.as_ref()).map(|b| b.name.as_str()) == Some("佐藤"));
    Ok(())
}
