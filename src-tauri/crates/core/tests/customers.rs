//! Customers: tag expressions, automatic tags, friend profiles and fields, CSV round
//! trip, reply-time tracking.

use std::collections::HashMap;
use std::sync::Arc;

use madoguchi_core::api::types::*;
use madoguchi_core::api::{Request, Response};
use madoguchi_core::secrets::MemorySecretStore;
use madoguchi_core::tags::expr::matching_friend_ids;
use madoguchi_core::{Core, CoreOptions};

use crate::support::{ACCOUNT_KEY, Harness, eventually};

async fn call(h: &Harness, r: Request) -> anyhow::Result<Response> {
    Ok(h.core.dispatch(r).await?)
}

async fn new_tag(h: &Harness, name: &str) -> anyhow::Result<i64> {
    match call(h, Request::SaveTag(SaveTag { account_id: h.account_id, id: None, name: name.into(), color: "#06C755".into() })).await? {
        Response::Tag(t) => Ok(t.id),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

async fn tag(h: &Harness, tag_id: i64, friend_ids: Vec<i64>, add: bool) -> anyhow::Result<()> {
    call(h, Request::TagFriends(TagFriends { tag_id, friend_ids, add })).await?;
    Ok(())
}

async fn friend_of(h: &Harness, user: &str) -> anyhow::Result<i64> {
    Ok(sqlx::query_scalar("SELECT id FROM friends WHERE line_user_id = ?").bind(user).fetch_one(&h.core.store().pool).await?)
}

async fn list(h: &Harness, filter: ConversationFilter, tags: Option<TagExpr>, sort: ConversationSort, before: Option<String>, limit: u32) -> anyhow::Result<ConversationPage> {
    match call(h, Request::ListConversations(ListConversations { account_id: Some(h.account_id), filter, before, limit: Some(limit), tags, sort: Some(sort), assignee: None })).await? {
        Response::Conversations(p) => Ok(p),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

/// Every page, following the cursor.
async fn list_all(h: &Harness, filter: ConversationFilter, tags: Option<TagExpr>, sort: ConversationSort, limit: u32) -> anyhow::Result<Vec<ConversationView>> {
    let mut out = Vec::new();
    let mut cursor = None;
    loop {
        let page = list(h, filter, tags.clone(), sort, cursor, limit).await?;
        out.extend(page.items);
        cursor = page.next_cursor;
        if cursor.is_none() {
            return Ok(out);
        }
    }
}

/// A small deterministic generator, so a failure can be replayed.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
    fn pick(&mut self, tags: &[i64], max: u64) -> Vec<i64> {
        (0..self.next(max + 1)).map(|_| tags[self.next(tags.len() as u64) as usize]).collect()
    }
}

#[tokio::test]
async fn tag_expressions_agree_with_a_brute_force_evaluation() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let t0 = 1_790_000_000_000i64;
    let mut users = Vec::new();
    let mut events = Vec::new();
    for i in 0..40 {
        let u = h.sim.add_user(&format!("客{i}"));
        events.push(h.sim.event_text(&u.user_id, &format!("こんにちは {i}"), Some(t0 + i * 1000)));
        users.push(u.user_id);
    }
    h.ingest(events).await?;
    let mut tags = Vec::new();
    for name in ["常連", "新規", "カット", "カラー", "VIP", "休眠"] {
        tags.push(new_tag(&h, name).await?);
    }
    let mut rng = Lcg(7);
    let mut has: HashMap<i64, Vec<i64>> = HashMap::new();
    for u in &users {
        let f = friend_of(&h, u).await?;
        let mine: Vec<i64> = tags.iter().copied().filter(|_| rng.next(3) == 0).collect();
        for t in &mine {
            tag(&h, *t, vec![f], true).await?;
        }
        has.insert(f, mine);
    }
    let conversation_of: HashMap<i64, i64> = sqlx::query_as::<_, (i64, i64)>("SELECT friend_id, id FROM conversations")
        .fetch_all(&h.core.store().pool)
        .await?
        .into_iter()
        .collect();
    let mut friends: Vec<i64> = has.keys().copied().collect();
    friends.sort();
    for round in 0..120 {
        let expr = TagExpr { all: rng.pick(&tags, 2), any: rng.pick(&tags, 3), none: rng.pick(&tags, 2) };
        let expected: Vec<i64> = friends.iter().copied().filter(|f| expr.matches(&has[f])).collect();
        let got = matching_friend_ids(&h.core.store().pool, h.account_id, &expr).await?;
        assert_eq!(got, expected, "round {round}: {expr:?}");
        // The inbox filter, page by page, selects the same chats.
        let rows = list_all(&h, ConversationFilter::All, Some(expr.clone()), ConversationSort::Recent, 4).await?;
        let mut chats: Vec<i64> = rows.iter().map(|c| c.id).collect();
        chats.sort();
        let mut want: Vec<i64> = expected.iter().map(|f| conversation_of[f]).collect();
        want.sort();
        assert_eq!(chats, want, "round {round}: inbox filter {expr:?}");
        for c in &rows {
            assert!(expr.matches(&c.tag_ids), "row tags {:?} vs {expr:?}", c.tag_ids);
        }
    }
    // The empty expression is everyone.
    assert_eq!(matching_friend_ids(&h.core.store().pool, h.account_id, &TagExpr::default()).await?, friends);

    // "None of" alone starts from all of the account's friends, which is worked out from
    // the span of ids when they have no gaps: another account's friend in the middle must
    // not count, and a gap must send it back to reading the friends.
    let pool = &h.core.store().pool;
    let other = madoguchi_core::accounts::ensure(pool, "other", "別の店").await?.id;
    let add = |account: i64, id: Option<i64>, user: &'static str| async move {
        let q = sqlx::query("INSERT INTO friends (id, account_id, line_user_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, 0, 0) RETURNING id")
            .bind(id)
            .bind(account)
            .bind(user);
        anyhow::Ok(sqlx::Row::get::<i64, _>(&q.fetch_one(pool).await?, 0))
    };
    add(other, None, "Uother-in-the-middle").await?;
    let after_other = add(h.account_id, None, "Umine-after-other").await?;
    has.insert(after_other, vec![]);
    let none_only = TagExpr { all: vec![], any: vec![], none: vec![tags[0], tags[4]] };
    for gap in [false, true] {
        if gap {
            let beyond = add(h.account_id, Some(after_other + 10), "Umine-after-a-gap").await?;
            has.insert(beyond, vec![]);
        }
        let mut friends: Vec<i64> = has.keys().copied().collect();
        friends.sort();
        assert_eq!(matching_friend_ids(pool, h.account_id, &TagExpr::default()).await?, friends, "gap {gap}");
        let expected: Vec<i64> = friends.iter().copied().filter(|f| none_only.matches(&has[f])).collect();
        assert_eq!(matching_friend_ids(pool, h.account_id, &none_only).await?, expected, "gap {gap}");
    }
    Ok(())
}

async fn save_rule(h: &Harness, tag_id: i64, trigger: TagTrigger, match_kind: TagMatch, pattern: &str) -> anyhow::Result<()> {
    let q = SaveTagRule { account_id: h.account_id, id: None, tag_id, trigger, match_kind, pattern: pattern.into(), enabled: true };
    call(h, Request::SaveTagRule(q)).await?;
    Ok(())
}

async fn reopen(h: &mut Harness, start_workers: bool) -> anyhow::Result<()> {
    let dir = h.core.store().data_dir().to_path_buf();
    h.core.shutdown().await;
    let c = h.sim.config();
    let secrets = Arc::new(MemorySecretStore::with(ACCOUNT_KEY, &c.channel_secret, &c.access_token));
    let mut opts = CoreOptions::new(dir, secrets);
    opts.line_api_base = h.sim.base_url();
    opts.line_data_base = h.sim.base_url();
    opts.start_workers = start_workers;
    h.core = Core::open(opts).await?;
    Ok(())
}

async fn tags_of(h: &Harness, friend_id: i64) -> anyhow::Result<Vec<i64>> {
    Ok(sqlx::query_scalar("SELECT tag_id FROM friend_tags WHERE friend_id = ? ORDER BY tag_id")
        .bind(friend_id)
        .fetch_all(&h.core.store().pool)
        .await?)
}

#[tokio::test]
async fn auto_tags_apply_exactly_once_across_a_restart() -> anyhow::Result<()> {
    let mut h = Harness::new().await?;
    let (new, booking, cut) = (new_tag(&h, "新規").await?, new_tag(&h, "予約希望").await?, new_tag(&h, "カット").await?);
    save_rule(&h, new, TagTrigger::Follow, TagMatch::Contains, "").await?;
    save_rule(&h, booking, TagTrigger::Keyword, TagMatch::Contains, "予約").await?;
    save_rule(&h, cut, TagTrigger::Postback, TagMatch::Exact, "menu=cut").await?;
    let (a, b) = (h.sim.add_user("青木"), h.sim.add_user("馬場"));
    h.ingest(vec![
        h.sim.event_follow(&a.user_id, false, None),
        h.sim.event_text(&a.user_id, "明日の予約できますか", None),
        h.sim.event_postback(&a.user_id, "menu=cut", None, None),
        h.sim.event_text(&b.user_id, "こんにちは", None),
        h.sim.event_postback(&b.user_id, "menu=cut&x=1", None, None),
    ])
    .await?;
    let (fa, fb) = (friend_of(&h, &a.user_id).await?, friend_of(&h, &b.user_id).await?);
    let mut want_a = vec![new, booking, cut];
    want_a.sort();
    eventually(10, "A's automatic tags", || async { Ok((tags_of(&h, fa).await? == want_a).then_some(())) }).await?;
    assert_eq!(tags_of(&h, fb).await?, Vec::<i64>::new(), "neither a greeting text nor other postback data tags B");
    // The owner takes one off: an automatic rule must not put it back.
    tag(&h, booking, vec![fa], false).await?;

    // Stopped before the worker looked at B's keyword message: the next start does.
    reopen(&mut h, false).await?;
    h.ingest(vec![h.sim.event_text(&b.user_id, "ＹＯＹＡＫＵではなく予約を", None)]).await?;
    reopen(&mut h, true).await?;
    eventually(10, "B's keyword tag after the restart", || async { Ok((tags_of(&h, fb).await? == vec![booking]).then_some(())) }).await?;
    let cursor: i64 = sqlx::query_scalar("SELECT last_message_id FROM tag_rule_cursor").fetch_one(&h.core.store().pool).await?;
    let newest: i64 = sqlx::query_scalar("SELECT max(id) FROM messages WHERE direction = 'in'").fetch_one(&h.core.store().pool).await?;
    eventually(10, "the cursor at the newest message", || async {
        let c: i64 = sqlx::query_scalar("SELECT last_message_id FROM tag_rule_cursor").fetch_one(&h.core.store().pool).await?;
        Ok((c >= newest).then_some(()))
    })
    .await?;
    let _ = cursor;
    let mut want_a = vec![new, cut];
    want_a.sort();
    assert_eq!(tags_of(&h, fa).await?, want_a, "the removed tag stays removed: no message was tagged twice");
    let sources: Vec<String> = sqlx::query_scalar("SELECT source FROM friend_tags WHERE friend_id = ?").bind(fb).fetch_all(&h.core.store().pool).await?;
    assert_eq!(sources, vec!["rule".to_string()]);
    Ok(())
}

#[tokio::test]
async fn reservation_rules_tag_through_on_reservation() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let (made, cancelled) = (new_tag(&h, "予約済み").await?, new_tag(&h, "キャンセル歴").await?);
    save_rule(&h, made, TagTrigger::ReservationMade, TagMatch::Contains, "").await?;
    save_rule(&h, cancelled, TagTrigger::ReservationCancelled, TagMatch::Contains, "").await?;
    let u = h.sim.add_user("千葉");
    h.ingest(vec![h.sim.event_text(&u.user_id, "こんにちは", None)]).await?;
    let f = friend_of(&h, &u.user_id).await?;
    let pool = &h.core.store().pool;
    assert_eq!(madoguchi_core::tags::auto::on_reservation(pool, f, true).await?, vec![made]);
    assert_eq!(madoguchi_core::tags::auto::on_reservation(pool, f, true).await?, Vec::<i64>::new(), "idempotent");
    assert_eq!(tags_of(&h, f).await?, vec![made]);
    assert_eq!(madoguchi_core::tags::auto::on_reservation(pool, f, false).await?, vec![cancelled]);
    let mut both = vec![made, cancelled];
    both.sort();
    assert_eq!(tags_of(&h, f).await?, both);
    Ok(())
}

async fn profile(h: &Harness, friend_id: i64) -> anyhow::Result<FriendProfile> {
    match call(h, Request::GetFriend(FriendRef { friend_id })).await? {
        Response::Friend(p) => Ok(p),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

async fn fields(h: &Harness, name: &str, kind: FieldKind, options: &[&str]) -> anyhow::Result<i64> {
    let q = SaveCustomField { account_id: h.account_id, id: None, name: name.into(), kind, options: options.iter().map(|s| s.to_string()).collect() };
    match call(h, Request::SaveCustomField(q)).await? {
        Response::CustomFields(f) => Ok(f.iter().find(|f| f.name == name).map(|f| f.id).unwrap_or(0)),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

async fn set_value(h: &Harness, friend_id: i64, field_id: i64, v: &str) -> Result<Response, madoguchi_core::api::ApiError> {
    h.core.dispatch(Request::SetFieldValue(SetFieldValue { friend_id, field_id, value: Some(v.into()) })).await
}

#[tokio::test]
async fn friend_profile_notes_and_validated_fields() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let u = h.sim.add_user("大野");
    let t0 = 1_790_000_000_000i64;
    h.ingest(vec![h.sim.event_text(&u.user_id, "一", Some(t0)), h.sim.event_text(&u.user_id, "二", Some(t0 + 5000))]).await?;
    let f = friend_of(&h, &u.user_id).await?;
    call(&h, Request::SetPrivateName(SetPrivateName { friend_id: f, private_name: Some("  大野さん（火曜）<b> ".into()) })).await?;
    call(&h, Request::AddNote(AddNote { friend_id: f, body: "カラーはアッシュ系".into() })).await?;
    let p = profile(&h, f).await?;
    assert_eq!(p.private_name.as_deref(), Some("大野さん（火曜）<b>"));
    assert_eq!((p.first_contact_at, p.last_contact_at, p.message_count, p.followed), (t0, t0 + 5000, 2, true));
    assert_eq!(p.notes.len(), 1);
    let note = p.notes[0].id;
    call(&h, Request::UpdateNote(UpdateNote { note_id: note, body: "ベージュ系に変更".into() })).await?;
    assert_eq!(profile(&h, f).await?.notes[0].body, "ベージュ系に変更");
    let empty = h.core.dispatch(Request::AddNote(AddNote { friend_id: f, body: "  ".into() })).await.err().ok_or_else(|| anyhow::anyhow!("empty note accepted"))?;
    assert!(empty.message_ja.contains("メモ"), "{empty:?}");
    call(&h, Request::DeleteNote(NoteRef { note_id: note })).await?;
    assert!(profile(&h, f).await?.notes.is_empty());

    let birthday = fields(&h, "誕生日", FieldKind::Date, &[]).await?;
    let visits = fields(&h, "来店回数", FieldKind::Number, &[]).await?;
    let menu = fields(&h, "メニュー", FieldKind::Choice, &["カット", "カラー"]).await?;
    let dm = fields(&h, "DM可", FieldKind::Checkbox, &[]).await?;
    set_value(&h, f, birthday, "1990/4/1").await?;
    set_value(&h, f, visits, "１２").await?;
    set_value(&h, f, menu, "カラー").await?;
    set_value(&h, f, dm, "はい").await?;
    let values: Vec<(i64, String)> = profile(&h, f).await?.fields.into_iter().map(|v| (v.field_id, v.value)).collect();
    assert_eq!(values, vec![(birthday, "1990-04-01".into()), (visits, "12".into()), (menu, "カラー".into()), (dm, "true".into())]);
    for (field, bad, ja) in [(birthday, "1990-02-30", "日付"), (visits, "たくさん", "数値"), (menu, "パーマ", "選択肢"), (dm, "maybe", "true")] {
        let e = set_value(&h, f, field, bad).await.err().ok_or_else(|| anyhow::anyhow!("{bad} accepted"))?;
        assert_eq!(e.code, "invalid", "{e:?}");
        assert!(e.message_ja.contains(ja) && !e.message.is_empty(), "{e:?}");
    }
    // Blocking is seen in the profile.
    h.ingest(vec![h.sim.event_unfollow(&u.user_id, None)]).await?;
    assert!(!profile(&h, f).await?.followed);
    Ok(())
}

async fn open_plain(sim: &linesim::Simulator, dir: &std::path::Path) -> anyhow::Result<(Core, i64)> {
    let c = sim.config();
    let secrets = Arc::new(MemorySecretStore::with(ACCOUNT_KEY, &c.channel_secret, &c.access_token));
    let mut opts = CoreOptions::new(dir, secrets);
    opts.line_api_base = sim.base_url();
    opts.line_data_base = sim.base_url();
    opts.start_workers = false;
    let core = Core::open(opts).await?;
    let account = core.register_account(ACCOUNT_KEY, "テスト店").await?;
    Ok((core, account.id))
}

async fn export(core: &Core, account_id: i64) -> anyhow::Result<String> {
    match core.dispatch(Request::ExportFriendsCsv(AccountRef { account_id })).await? {
        Response::Csv(f) => Ok(f.content),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

async fn import(core: &Core, account_id: i64, content: &str) -> anyhow::Result<CsvImportResult> {
    match core.dispatch(Request::ImportFriendsCsv(ImportFriendsCsv { account_id, content: content.into() })).await? {
        Response::CsvImport(r) => Ok(r),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn csv_export_import_export_is_byte_identical() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let names = ["山田 花子", "\"引用\",カンマ", "=HYPERLINK(\"x\")", "改行\nあり", "'アポストロフィ", "😀絵文字"];
    let mut events = Vec::new();
    let mut users = Vec::new();
    for n in names {
        let u = h.sim.add_user(n);
        events.push(h.sim.event_text(&u.user_id, "こんにちは", None));
        users.push(u.user_id);
    }
    h.ingest(events).await?;
    eventually(10, "profiles fetched", || async {
        let n: i64 = sqlx::query_scalar("SELECT count(*) FROM friends WHERE display_name IS NOT NULL").fetch_one(&h.core.store().pool).await?;
        Ok((n == names.len() as i64).then_some(()))
    })
    .await?;
    let (vip, cut) = (new_tag(&h, "VIP").await?, new_tag(&h, "カット").await?);
    let birthday = fields(&h, "誕生日", FieldKind::Date, &[]).await?;
    let memo = fields(&h, "+メモ", FieldKind::Text, &[]).await?;
    let points = fields(&h, "ポイント", FieldKind::Number, &[]).await?;
    for (i, u) in users.iter().enumerate() {
        let f = friend_of(&h, u).await?;
        if i % 2 == 0 {
            tag(&h, vip, vec![f], true).await?;
        }
        if i % 3 == 0 {
            tag(&h, cut, vec![f], true).await?;
        }
        call(&h, Request::SetPrivateName(SetPrivateName { friend_id: f, private_name: Some(format!("{}, 様\r\n\"{i}\"", names[i])) })).await?;
        set_value(&h, f, birthday, &format!("2000-01-{:02}", i + 1)).await?;
        set_value(&h, f, memo, &format!("-{i} @メモ\n二行目")).await?;
        set_value(&h, f, points, &format!("-{i}.5")).await?;
    }
    h.ingest(vec![h.sim.event_unfollow(&users[1], None)]).await?;
    let first = export(&h.core, h.account_id).await?;
    assert!(first.starts_with('\u{feff}'), "UTF-8 with BOM for Excel");
    assert!(first.contains("\r\n") && first.contains("'=HYPERLINK"), "CRLF rows; a formula-looking cell is guarded");
    assert_eq!(first.matches("\r\nU").count(), names.len(), "one row per friend");

    let dir = tempfile::tempdir()?;
    let (empty, account) = open_plain(&h.sim, dir.path()).await?;
    let result = import(&empty, account, &first).await?;
    assert!(result.errors.is_empty(), "{:?}", result.errors);
    assert_eq!((result.friends, result.created_friends, result.created_tags), (6, 6, 2));
    let second = export(&empty, account).await?;
    assert_eq!(second.as_bytes(), first.as_bytes(), "export → import into an empty store → export");
    // Importing the same file again changes nothing.
    assert!(import(&empty, account, &second).await?.errors.is_empty());
    assert_eq!(export(&empty, account).await?, first);
    empty.shutdown().await;
    Ok(())
}

#[tokio::test]
async fn a_bad_csv_reports_rows_and_writes_nothing() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    fields(&h, "誕生日", FieldKind::Date, &[]).await?;
    let good = "U0123456789abcdef0123456789abcdef";
    let csv = format!(
        "\u{feff}LINEユーザーID,LINE名,タグ,誕生日\r\n{good},良い行,新しいタグ,2000-01-01\r\nnot-a-user,悪い,,\r\nU1123456789abcdef0123456789abcdef,日付,,2000-13-01\r\n{good},重複,,\r\n"
    );
    let r = import(&h.core, h.account_id, &csv).await?;
    let lines: Vec<(u64, Option<String>)> = r.errors.iter().map(|e| (e.line, e.column.clone())).collect();
    assert_eq!(lines, vec![(3, Some("LINEユーザーID".into())), (4, Some("誕生日".into())), (5, Some("LINEユーザーID".into()))]);
    assert!(r.errors.iter().all(|e| !e.message.is_empty() && !e.message_ja.is_empty()));
    let (friends, tags): (i64, i64) = sqlx::query_as("SELECT (SELECT count(*) FROM friends), (SELECT count(*) FROM tags)")
        .fetch_one(&h.core.store().pool)
        .await?;
    assert_eq!((friends, tags), (0, 0), "nothing of a refused file is written");
    Ok(())
}

async fn conversation(h: &Harness, id: i64) -> anyhow::Result<ConversationView> {
    Ok(madoguchi_core::inbox::conversations::get(&h.core.store().pool, id).await?)
}

#[tokio::test]
async fn waiting_time_and_statuses_follow_messages_and_replies() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let t0 = madoguchi_core::time::now_ms() - 3 * 3_600_000;
    let (a, b, c) = (h.sim.add_user("A"), h.sim.add_user("B"), h.sim.add_user("C"));
    h.ingest(vec![
        h.sim.event_text(&a.user_id, "一通目", Some(t0)),
        h.sim.event_text(&a.user_id, "二通目", Some(t0 + 60_000)),
        h.sim.event_text(&b.user_id, "B です", Some(t0 - 30 * 3_600_000)),
        h.sim.event_text(&c.user_id, "C です", Some(t0 + 120_000)),
    ])
    .await?;
    let (ca, cb, cc) = (h.conversation_of(&a.user_id).await?, h.conversation_of(&b.user_id).await?, h.conversation_of(&c.user_id).await?);
    let va = conversation(&h, ca).await?;
    assert_eq!((va.status, va.waiting_since), (ConversationStatus::NeedsAction, Some(t0)), "the oldest unanswered message");

    // Longest wait on top; B is over the 24 h limit.
    let page = list(&h, ConversationFilter::All, None, ConversationSort::Waiting, None, 10).await?;
    assert_eq!(page.items.iter().map(|c| c.id).collect::<Vec<_>>(), vec![cb, ca, cc]);
    assert_eq!(page.wait_limit_ms, 24 * 3_600_000);

    // A reply undone within the undo window answered nobody: A waits again, since t0.
    let sent = match call(&h, Request::SendMessage(SendMessage { client_key: None, conversation_id: ca, content: OutgoingContent::Text { text: "あ、間違い".into() } })).await? {
        Response::SendAccepted(a) => a,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    assert_eq!(conversation(&h, ca).await?.status, ConversationStatus::Resolved);
    call(&h, Request::CancelSend(OutboxRef { outbox_id: sent.outbox_id })).await?;
    let va = conversation(&h, ca).await?;
    assert_eq!((va.status, va.waiting_since), (ConversationStatus::NeedsAction, Some(t0)));

    // The owner's reply answers A.
    call(&h, Request::SendMessage(SendMessage { client_key: None, conversation_id: ca, content: OutgoingContent::Text { text: "お待たせしました".into() } })).await?;
    let va = conversation(&h, ca).await?;
    assert_eq!((va.status, va.waiting_since), (ConversationStatus::Resolved, None));
    let waited: (i64, i64) = sqlx::query_as("SELECT waited_from, conversation_id FROM response_times").fetch_one(&h.core.store().pool).await?;
    assert_eq!(waited, (t0, ca));

    // Paging the waiting sort: no gaps, no repeats, A (no longer waiting) last.
    let all = list_all(&h, ConversationFilter::All, None, ConversationSort::Waiting, 1).await?;
    assert_eq!(all.iter().map(|c| c.id).collect::<Vec<_>>(), vec![cb, cc, ca]);
    let needs = list_all(&h, ConversationFilter::NeedsAction, None, ConversationSort::Recent, 1).await?;
    assert_eq!(needs.iter().map(|c| c.id).collect::<Vec<_>>(), vec![cc, cb]);
    let done = list_all(&h, ConversationFilter::Resolved, None, ConversationSort::Recent, 1).await?;
    assert_eq!(done.iter().map(|c| c.id).collect::<Vec<_>>(), vec![ca]);

    // A new customer message makes it 要対応 again, from that message.
    let t1 = madoguchi_core::time::now_ms();
    h.ingest(vec![h.sim.event_text(&a.user_id, "もう一つ質問", Some(t1))]).await?;
    let va = conversation(&h, ca).await?;
    assert_eq!((va.status, va.waiting_since), (ConversationStatus::NeedsAction, Some(t1)));
    // The owner's button: 対応済み without a reply stops the clock, records no response.
    match call(&h, Request::SetConversationStatus(SetConversationStatus { conversation_id: ca, status: ConversationStatus::Resolved })).await? {
        Response::Conversation(c) => assert_eq!((c.status, c.waiting_since), (ConversationStatus::Resolved, None)),
        other => anyhow::bail!("unexpected {other:?}"),
    }
    let n: i64 = sqlx::query_scalar("SELECT count(*) FROM response_times").fetch_one(&h.core.store().pool).await?;
    assert_eq!(n, 1);
    // A follow is not a question: it does not start a wait.
    let d = h.sim.add_user("D");
    h.ingest(vec![h.sim.event_follow(&d.user_id, false, None)]).await?;
    let vd = conversation(&h, h.conversation_of(&d.user_id).await?).await?;
    assert_eq!(vd.waiting_since, None);
    Ok(())
}

#[tokio::test]
async fn reply_time_report_counts_medians_and_averages_per_day_and_week() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let u = h.sim.add_user("E");
    h.ingest(vec![h.sim.event_text(&u.user_id, "こんにちは", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let pool = &h.core.store().pool;
    // Wednesday 2026-11-18 and Thursday 2026-11-19 (JST); Monday 2026-11-16 starts the week.
    let jst = |d: i8, hh: i8| crate::shop::jst(2026, 11, d, hh, 0);
    let min = 60_000i64;
    for (answered, waited) in [(jst(18, 10), 10 * min), (jst(18, 23), 20 * min), (jst(18, 12), 60 * min), (jst(19, 9), 4 * min), (jst(19, 1), 6 * min)] {
        sqlx::query("INSERT INTO response_times (account_id, conversation_id, waited_from, answered_at) VALUES (?, ?, ?, ?)")
            .bind(h.account_id)
            .bind(conv)
            .bind(answered - waited)
            .bind(answered)
            .execute(pool)
            .await?;
    }
    let now = jst(20, 12);
    let q = |bucket| ReplyTimeQuery { account_id: h.account_id, bucket, days: Some(7) };
    let day = madoguchi_core::replytime::report_at(pool, &q(ReportBucket::Day), now).await?;
    let rows: Vec<(String, i64, i64, i64)> = day.rows.iter().map(|r| (r.start.clone(), r.count, r.median_ms, r.average_ms)).collect();
    assert_eq!(rows, vec![("2026-11-18".into(), 3, 20 * min, 30 * min), ("2026-11-19".into(), 2, 5 * min, 5 * min)]);
    let week = madoguchi_core::replytime::report_at(pool, &q(ReportBucket::Week), now).await?;
    let rows: Vec<(String, i64, i64, i64)> = week.rows.iter().map(|r| (r.start.clone(), r.count, r.median_ms, r.average_ms)).collect();
    assert_eq!(rows, vec![("2026-11-16".into(), 5, 10 * min, 20 * min)]);
    // One day back only sees Friday: nothing.
    let short = madoguchi_core::replytime::report_at(pool, &ReplyTimeQuery { days: Some(1), ..q(ReportBucket::Day) }, now).await?;
    assert!(short.rows.is_empty());
    Ok(())
}
