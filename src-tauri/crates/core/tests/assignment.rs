//! Assignment (担当者): a chat given to a member or to nobody, the list's 自分の担当 /
//! 未割り当て filters, new chats assigned in turn or to the customer's stylist of the
//! day, the last member reply on the server's clock, and 「入力中」 as an event only.

use madoguchi_core::api::types::*;
use madoguchi_core::api::{Request, Response};
use madoguchi_core::assignment::{AssignConversation, AssigneeFilter, AutoAssignSettings};
use madoguchi_core::events::CoreEvent;
use madoguchi_core::members::{store, Actor, MemberView, NewMember, Role};

use crate::support::Harness;

async fn member(h: &Harness, name: &str, role: Role, staff_id: Option<i64>) -> anyhow::Result<(MemberView, Actor)> {
    let m = store::add(
        &h.core.store().pool,
        NewMember { name: name.into(), role, password: Some("kuruma-no-kagi-2026".into()), reservation_staff_id: staff_id },
    )
    .await?;
    let actor = Actor::member(m.id, name);
    Ok((m, actor))
}

async fn call(h: &Harness, actor: Option<&Actor>, r: Request) -> anyhow::Result<Response> {
    Ok(match actor {
        Some(a) => h.core.dispatch_as(a.clone(), r).await?,
        None => h.core.dispatch(r).await?,
    })
}

async fn listed(h: &Harness, actor: Option<&Actor>, assignee: AssigneeFilter) -> anyhow::Result<Vec<ConversationView>> {
    let q = ListConversations {
        account_id: Some(h.account_id),
        filter: ConversationFilter::All,
        before: None,
        limit: Some(50),
        tags: None,
        sort: None,
        assignee: Some(assignee),
    };
    match call(h, actor, Request::ListConversations(q)).await? {
        Response::Conversations(p) => Ok(p.items),
        other => anyhow::bail!("unexpected response {other:?}"),
    }
}

fn ids(rows: &[ConversationView]) -> Vec<i64> {
    let mut v: Vec<i64> = rows.iter().map(|c| c.id).collect();
    v.sort_unstable();
    v
}

/// A customer who writes once; the chat's id.
async fn customer_writes(h: &Harness, name: &str, text: &str) -> anyhow::Result<(String, i64)> {
    let u = h.sim.add_user(name);
    h.ingest(vec![h.sim.event_text(&u.user_id, text, None)]).await?;
    Ok((u.user_id.clone(), h.conversation_of(&u.user_id).await?))
}

async fn assignee_of(h: &Harness, conversation_id: i64) -> anyhow::Result<Option<String>> {
    let c = madoguchi_core::inbox::conversations::get(&h.core.store().pool, conversation_id).await?;
    Ok(c.assignee.map(|a| a.name))
}

#[tokio::test]
async fn assignment_gives_a_chat_to_a_member_and_the_filters_follow() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let (_owner, owner) = member(&h, "店長", Role::Owner, None).await?;
    let (sato_m, sato) = member(&h, "佐藤", Role::Staff, None).await?;
    let (_, a) = customer_writes(&h, "小林", "カットの予約をしたいです").await?;
    let (_, b) = customer_writes(&h, "田中", "駐車場はありますか").await?;

    let mut events = h.core.events().subscribe();
    let view = match call(&h, Some(&owner), Request::AssignConversation(AssignConversation { conversation_id: a, member_id: Some(sato_m.id) })).await? {
        Response::Conversation(c) => c,
        other => anyhow::bail!("unexpected response {other:?}"),
    };
    assert_eq!(view.assignee.as_ref().map(|m| (m.id, m.name.as_str())), Some((sato_m.id, "佐藤")));
    // Queued already (published before the call answered); the projector and the outbox
    // may have queued their own events for other chats around it.
    let heard: Vec<CoreEvent> = std::iter::from_fn(|| events.try_recv().ok()).collect();
    assert!(heard.contains(&CoreEvent::ConversationUpdated { conversation_id: a }), "every screen hears it: {heard:?}");

    assert_eq!(ids(&listed(&h, Some(&sato), AssigneeFilter::Mine).await?), vec![a], "佐藤's own");
    assert_eq!(ids(&listed(&h, Some(&owner), AssigneeFilter::Mine).await?), Vec::<i64>::new(), "the owner has none");
    assert_eq!(ids(&listed(&h, Some(&sato), AssigneeFilter::Unassigned).await?), vec![b]);
    assert_eq!(ids(&listed(&h, Some(&sato), AssigneeFilter::Everyone).await?), ids(&listed(&h, None, AssigneeFilter::Everyone).await?));
    assert_eq!(listed(&h, None, AssigneeFilter::Everyone).await?.len(), 2);
    // The one person at this PC has no 自分の担当; said in both languages.
    let err = h.core.dispatch(Request::ListConversations(ListConversations {
        account_id: Some(h.account_id), filter: ConversationFilter::All, before: None, limit: None, tags: None, sort: None,
        assignee: Some(AssigneeFilter::Mine),
    })).await.err().ok_or_else(|| anyhow::anyhow!("mine without a member must be refused"))?;
    assert!(err.message_ja.contains("自分の担当"), "{err:?}");

    // Unknown members are refused and change nothing; None gives it back to nobody.
    let bad = call(&h, Some(&owner), Request::AssignConversation(AssignConversation { conversation_id: b, member_id: Some(9_999) })).await;
    assert!(bad.is_err());
    assert_eq!(assignee_of(&h, b).await?, None);
    call(&h, Some(&sato), Request::AssignConversation(AssignConversation { conversation_id: a, member_id: None })).await?;
    assert_eq!(ids(&listed(&h, Some(&sato), AssigneeFilter::Unassigned).await?), vec![a, b]);

    // A removed member's chats go back to nobody.
    call(&h, Some(&owner), Request::AssignConversation(AssignConversation { conversation_id: b, member_id: Some(sato_m.id) })).await?;
    call(&h, Some(&owner), Request::RemoveMember(madoguchi_core::members::MemberRef { member_id: sato_m.id })).await?;
    assert_eq!(assignee_of(&h, b).await?, None);
    match call(&h, Some(&owner), Request::ListAssignees).await? {
        Response::Assignees(list) => assert_eq!(list.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), vec!["店長"]),
        other => anyhow::bail!("unexpected response {other:?}"),
    }
    Ok(())
}

#[tokio::test]
async fn assignment_new_chats_go_round_in_turn_and_the_events_name_the_assignee() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let (m1, _) = member(&h, "店長", Role::Owner, None).await?;
    let (m2, _) = member(&h, "佐藤", Role::Staff, None).await?;
    // Off by default: a new chat is nobody's.
    let (_, before) = customer_writes(&h, "最初の客", "こんにちは").await?;
    assert_eq!(assignee_of(&h, before).await?, None);

    let on = AutoAssignSettings { booking_staff: false, round_robin: true };
    match h.core.dispatch(Request::SetAutoAssign(on.clone())).await? {
        Response::AutoAssign(s) => assert_eq!(s, on),
        other => anyhow::bail!("unexpected response {other:?}"),
    }
    let mut events = h.core.events().subscribe();
    let mut got = Vec::new();
    for name in ["一郎", "二郎", "三郎"] {
        let (_, c) = customer_writes(&h, name, "予約できますか").await?;
        got.push(assignee_of(&h, c).await?.unwrap_or_default());
    }
    assert_eq!(got, vec!["店長", "佐藤", "店長"], "in turn, in the order the members joined");
    let arrived: Vec<Option<i64>> = std::iter::from_fn(|| events.try_recv().ok())
        .filter_map(|e| match e {
            CoreEvent::MessageArrived { assignee_member_id, .. } => Some(assignee_member_id),
            _ => None,
        })
        .collect();
    assert_eq!(arrived, vec![Some(m1.id), Some(m2.id), Some(m1.id)], "each message event names its chat's assignee");

    // Only new chats: the first customer writing again, or a chat someone took, stays as it is.
    let u = h.sim.users().into_iter().find(|u| u.display_name == "最初の客").ok_or_else(|| anyhow::anyhow!("user"))?;
    h.ingest(vec![h.sim.event_text(&u.user_id, "もう一度", None)]).await?;
    assert_eq!(assignee_of(&h, before).await?, None, "an old chat is not new");
    Ok(())
}

#[tokio::test]
async fn assignment_a_customer_booked_today_goes_to_their_stylist() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let pool = &h.core.store().pool;
    let now = madoguchi_core::time::now_ms();
    let staff_id: i64 = sqlx::query_scalar(
        "INSERT INTO reservation_staff (account_id, name, color, weekly_json, days_off_json, position, created_at, updated_at)
         VALUES (?, '佐藤', '#888', '[]', '[]', 0, ?, ?) RETURNING id",
    )
    .bind(h.account_id)
    .bind(now)
    .bind(now)
    .fetch_one(pool)
    .await?;
    member(&h, "店長", Role::Owner, None).await?;
    let (sato, _) = member(&h, "佐藤", Role::Staff, Some(staff_id)).await?;
    h.core.dispatch(Request::SetAutoAssign(AutoAssignSettings { booking_staff: true, round_robin: true })).await?;

    // The customer follows (a friend, no chat message yet) and has a booking with 佐藤 in a few minutes.
    let u = h.sim.add_user("予約の客");
    h.ingest(vec![h.sim.event_follow(&u.user_id, false, None)]).await?;
    let friend_id: i64 = sqlx::query_scalar("SELECT id FROM friends WHERE line_user_id = ?").bind(&u.user_id).fetch_one(pool).await?;
    let start = now + 5 * 60_000;
    sqlx::query(
        "INSERT INTO reservations (account_id, friend_id, menus_json, staff_id, start_at, end_at, busy_until, party_size, status, source, created_at, updated_at)
         VALUES (?, ?, '[]', ?, ?, ?, ?, 1, 'confirmed', 'owner', ?, ?)",
    )
    .bind(h.account_id)
    .bind(friend_id)
    .bind(staff_id)
    .bind(start)
    .bind(start + 3_600_000)
    .bind(start + 3_600_000)
    .bind(now)
    .bind(now)
    .execute(pool)
    .await?;
    h.ingest(vec![h.sim.event_text(&u.user_id, "少し遅れます", None)]).await?;
    let c = h.conversation_of(&u.user_id).await?;
    let got = madoguchi_core::inbox::conversations::get(pool, c).await?.assignee.map(|a| a.id);
    assert_eq!(got, Some(sato.id), "the stylist of today's booking, not the next in turn (the owner)");

    // Without a booking today the turn decides (the owner, first to join).
    let (_, other) = customer_writes(&h, "予約なしの客", "営業時間は？").await?;
    assert_eq!(assignee_of(&h, other).await?.as_deref(), Some("店長"));
    Ok(())
}

#[tokio::test]
async fn assignment_remembers_a_members_last_reply_and_typing_is_an_event_only() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let (sato_m, sato) = member(&h, "佐藤", Role::Staff, None).await?;
    let (_, c) = customer_writes(&h, "小林", "明日あいてますか").await?;
    assert_eq!(madoguchi_core::inbox::conversations::get(&h.core.store().pool, c).await?.last_reply_by, None);

    // The owner at this PC (no member) sending names nobody.
    let text = |t: &str| Request::SendMessage(SendMessage { client_key: None, conversation_id: c, content: OutgoingContent::Text { text: t.into() } });
    call(&h, None, text("確認します")).await?;
    assert_eq!(madoguchi_core::inbox::conversations::get(&h.core.store().pool, c).await?.last_reply_by, None);
    let before = madoguchi_core::time::now_ms();
    call(&h, Some(&sato), text("あいています")).await?;
    let last = madoguchi_core::inbox::conversations::get(&h.core.store().pool, c).await?.last_reply_by.ok_or_else(|| anyhow::anyhow!("no last reply"))?;
    assert_eq!((last.member_id, last.name.as_str()), (sato_m.id, "佐藤"));
    assert!(last.at >= before && last.ago_ms >= 0 && last.ago_ms < 10_000, "{last:?}");

    let mut events = h.core.events().subscribe();
    call(&h, Some(&sato), Request::ReportTyping(ConversationRef { conversation_id: c })).await?;
    // The sends' own events (their status from the outbox) may be queued around it.
    let typing = |events: &mut tokio::sync::broadcast::Receiver<CoreEvent>| -> Vec<CoreEvent> {
        std::iter::from_fn(|| events.try_recv().ok()).filter(|e| matches!(e, CoreEvent::MemberTyping { .. })).collect()
    };
    assert_eq!(typing(&mut events), [CoreEvent::MemberTyping { conversation_id: c, member_id: sato_m.id, name: "佐藤".into() }]);
    call(&h, None, Request::ReportTyping(ConversationRef { conversation_id: c })).await?;
    assert!(typing(&mut events).is_empty(), "nobody to tell without a member");
    assert!(call(&h, Some(&sato), Request::ReportTyping(ConversationRef { conversation_id: 9_999 })).await.is_err());
    Ok(())
}

#[tokio::test]
async fn assignment_notification_scope_is_each_members_own() -> anyhow::Result<()> {
    use madoguchi_core::assignment::{MyNotifyScope, NotifyScope};
    let h = Harness::new().await?;
    let (_, owner) = member(&h, "店長", Role::Owner, None).await?;
    let (_, sato) = member(&h, "佐藤", Role::Staff, None).await?;
    let scope_of = |r: Response| match r {
        Response::NotifyScope(s) => Ok(s.scope),
        other => Err(anyhow::anyhow!("unexpected response {other:?}")),
    };
    assert_eq!(scope_of(call(&h, Some(&sato), Request::GetMyNotifyScope).await?)?, NotifyScope::All, "everything by default");
    let set = Request::SetMyNotifyScope(MyNotifyScope { scope: NotifyScope::Mine });
    assert_eq!(scope_of(call(&h, Some(&sato), set.clone()).await?)?, NotifyScope::Mine);
    assert_eq!(scope_of(call(&h, Some(&sato), Request::GetMyNotifyScope).await?)?, NotifyScope::Mine);
    assert_eq!(scope_of(call(&h, Some(&owner), Request::GetMyNotifyScope).await?)?, NotifyScope::All, "the owner's own is untouched");
    assert!(call(&h, None, set).await.is_err(), "the one person at this PC has no member scope to set");
    Ok(())
}

/// `shouldNotify`, the one rule the browser and the desktop shell ask: 自分の担当だけ hears
/// of their own chat and not of another member's or nobody's; すべて of all; the one
/// person at this PC (no member) of every chat.
#[tokio::test]
async fn assignment_should_notify_follows_the_callers_scope_and_the_chats_assignee() -> anyhow::Result<()> {
    use madoguchi_core::assignment::{MyNotifyScope, NotifyScope};
    let h = Harness::new().await?;
    let (owner_m, owner) = member(&h, "店長", Role::Owner, None).await?;
    let (sato_m, sato) = member(&h, "佐藤", Role::Staff, None).await?;
    let (_, mine) = customer_writes(&h, "小林", "カットの予約をしたいです").await?;
    let (_, owners) = customer_writes(&h, "田中", "駐車場はありますか").await?;
    let (_, nobodys) = customer_writes(&h, "高橋", "何時までですか").await?;
    for (c, m) in [(mine, sato_m.id), (owners, owner_m.id)] {
        call(&h, Some(&owner), Request::AssignConversation(AssignConversation { conversation_id: c, member_id: Some(m) })).await?;
    }
    let wants = async |who: Option<&Actor>, conversation_id: i64| -> anyhow::Result<bool> {
        match call(&h, who, Request::ShouldNotify(ConversationRef { conversation_id })).await? {
            Response::ShouldNotify(b) => Ok(b),
            other => anyhow::bail!("unexpected response {other:?}"),
        }
    };
    call(&h, Some(&sato), Request::SetMyNotifyScope(MyNotifyScope { scope: NotifyScope::Mine })).await?;
    assert!(wants(Some(&sato), mine).await?, "自分の担当だけ: their own chat");
    assert!(!wants(Some(&sato), owners).await?, "自分の担当だけ: not the owner's chat");
    assert!(!wants(Some(&sato), nobodys).await?, "自分の担当だけ: not a chat nobody has");
    call(&h, Some(&sato), Request::SetMyNotifyScope(MyNotifyScope { scope: NotifyScope::MineAndUnassigned })).await?;
    assert!(wants(Some(&sato), nobodys).await? && !wants(Some(&sato), owners).await?, "自分の担当と未割り当て");
    assert!(wants(Some(&owner), mine).await?, "the owner's scope is their own (すべて)");
    assert!(wants(None, owners).await?, "without a member every chat notifies");
    assert!(call(&h, Some(&sato), Request::ShouldNotify(ConversationRef { conversation_id: 9_999 })).await.is_err(), "an unknown chat");
    Ok(())
}
