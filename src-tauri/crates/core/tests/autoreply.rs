//! Automatic replies against the LINE simulator: away replies once per closed period
//! per chat and always through the reply token, keyword rules first, the greeting on
//! follow, and no duplicates across a restart.

use std::sync::Arc;
use std::time::Duration;

use linesim::{SimConfig, Via};
use madoguchi_core::api::types::*;
use madoguchi_core::api::{ApiError, Request, Response};
use madoguchi_core::secrets::MemorySecretStore;
use madoguchi_core::{settings, Core, CoreOptions};
use serde_json::json;

use crate::shop::{jst, settled, shop_hours, texts};
use crate::support::{set_setting, Harness, ACCOUNT_KEY};

const AWAY: &str = "ただいま営業時間外です。{次の営業開始} から順にご返信します。";

/// A harness whose events may carry fixed past timestamps: the simulator keeps their
/// reply tokens valid and the core treats them as fresh, so the clock of each event is
/// the test's choice.
async fn harness_at_fixed_times() -> anyhow::Result<Harness> {
    let h = Harness::with_sim(SimConfig { reply_token_ttl: Duration::from_secs(5 * 365 * 86_400), ..SimConfig::default() }).await?;
    set_setting(&h.core, settings::REPLY_SAFE_WINDOW_SECONDS, &(5 * 365 * 86_400).to_string()).await?;
    Ok(h)
}

async fn call(h: &Harness, r: Request) -> Result<Response, ApiError> {
    h.core.dispatch(r).await
}

async fn setup_away(h: &Harness) -> anyhow::Result<()> {
    call(h, Request::SetBusinessHours(SetBusinessHours { account_id: h.account_id, hours: shop_hours() })).await?;
    call(h, Request::SetAwayReply(SetAwayReply { account_id: h.account_id, away: AwayReplySettings { enabled: true, text: AWAY.into() } }))
        .await?;
    Ok(())
}

fn text_rule(kind: MatchKind, pattern: &str, reply: &str) -> KeywordRuleInput {
    KeywordRuleInput {
        id: None,
        match_kind: kind,
        pattern: pattern.into(),
        messages: vec![json!({ "type": "text", "text": reply })],
        active_from: None,
        active_until: None,
        active_hours: None,
        enabled: true,
    }
}

async fn save_rules(h: &Harness, rules: Vec<KeywordRuleInput>) -> anyhow::Result<Vec<KeywordRule>> {
    match call(h, Request::SaveKeywordRules(SaveKeywordRules { account_id: h.account_id, rules })).await? {
        Response::KeywordRules(r) => Ok(r),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn away_reply_once_per_closed_period_per_chat_by_reply_token() -> anyhow::Result<()> {
    let h = harness_at_fixed_times().await?;
    setup_away(&h).await?;
    let a = h.sim.add_user("山田 花子");
    let b = h.sim.add_user("佐藤 健");
    let expected = "ただいま営業時間外です。明日 10:00 から順にご返信します。".to_string();

    // Tuesday 22:00, closed since 19:00.
    h.ingest(vec![h.sim.event_text(&a.user_id, "こんばんは", Some(jst(2026, 11, 17, 22, 0)))]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &a.user_id), [(expected.clone(), Via::Reply)]);

    // The same closed period: nothing more for A; B's chat gets its own.
    h.ingest(vec![
        h.sim.event_text(&a.user_id, "まだですか？", Some(jst(2026, 11, 17, 23, 30))),
        h.sim.event_sticker(&a.user_id, "446", "1988", &[], Some(jst(2026, 11, 18, 2, 0))),
        h.sim.event_text(&b.user_id, "予約の相談です", Some(jst(2026, 11, 18, 8, 0))),
    ])
    .await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &a.user_id).len(), 1, "one away reply per chat per closed period");
    assert_eq!(texts(&h, &b.user_id), [("ただいま営業時間外です。本日 10:00 から順にご返信します。".to_string(), Via::Reply)]);

    // Open hours: no automatic reply.
    h.ingest(vec![h.sim.event_text(&a.user_id, "お昼です", Some(jst(2026, 11, 18, 12, 0)))]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &a.user_id).len(), 1);

    // Wednesday 21:00 is the next closed period: one again.
    h.ingest(vec![h.sim.event_text(&a.user_id, "また来ました", Some(jst(2026, 11, 18, 21, 0)))]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &a.user_id), [(expected.clone(), Via::Reply), (expected, Via::Reply)]);

    // Saturday after 17:00: Sunday is closed and Monday 11/23 is 勤労感謝の日, so Tuesday.
    h.ingest(vec![h.sim.event_text(&b.user_id, "土曜の夜", Some(jst(2026, 11, 21, 18, 0)))]).await?;
    settled(&h).await?;
    let got = texts(&h, &b.user_id);
    assert_eq!(got.last().map(|g| g.0.as_str()), Some("ただいま営業時間外です。11月24日(火) 10:00 から順にご返信します。"));

    let stats = h.sim.stats();
    assert_eq!(stats.requests("push"), 0, "automatic replies never cost a push");
    assert_eq!(stats.accepted("reply"), 4);
    Ok(())
}

#[tokio::test]
async fn a_keyword_reply_wins_over_the_away_reply() -> anyhow::Result<()> {
    let h = harness_at_fixed_times().await?;
    setup_away(&h).await?;
    save_rules(&h, vec![text_rule(MatchKind::Contains, "予約", "ご予約はこちらから: https://example.jp/r")]).await?;
    let u = h.sim.add_user("鈴木 一郎");

    h.ingest(vec![h.sim.event_text(&u.user_id, "予約したいです", Some(jst(2026, 11, 17, 22, 0)))]).await?;
    settled(&h).await?;
    assert_eq!(
        texts(&h, &u.user_id),
        [("ご予約はこちらから: https://example.jp/r".to_string(), Via::Reply)],
        "the keyword reply alone: never an away reply on top"
    );

    // Another message in the same closed period: the away reply has not been sent yet.
    h.ingest(vec![h.sim.event_text(&u.user_id, "よろしくお願いします", Some(jst(2026, 11, 17, 22, 5)))]).await?;
    settled(&h).await?;
    let got = texts(&h, &u.user_id);
    assert_eq!(got.len(), 2);
    assert!(got[1].0.starts_with("ただいま営業時間外です"), "{got:?}");

    // Keywords answer during open hours too.
    h.ingest(vec![h.sim.event_text(&u.user_id, "予約の変更", Some(jst(2026, 11, 18, 12, 0)))]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &u.user_id).len(), 3);
    assert_eq!(h.sim.stats().requests("push"), 0);
    Ok(())
}

#[tokio::test]
async fn greeting_on_follow_with_the_friends_name_and_the_unblock_text() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let greeting = GreetingSettings {
        enabled: true,
        follow_text: "{名前}さん、友だち追加ありがとうございます！".into(),
        unblock_text: Some("{名前}さん、おかえりなさい！".into()),
    };
    call(&h, Request::SetGreeting(SetGreeting { account_id: h.account_id, greeting: greeting.clone() })).await?;
    match call(&h, Request::GetGreeting(AccountRef { account_id: h.account_id })).await? {
        Response::Greeting(g) => assert_eq!(g, greeting),
        other => anyhow::bail!("unexpected {other:?}"),
    }
    let u = h.sim.add_user("たかはし");
    h.ingest(vec![h.sim.event_follow(&u.user_id, false, None)]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &u.user_id), [("たかはしさん、友だち追加ありがとうございます！".to_string(), Via::Reply)]);

    h.ingest(vec![h.sim.event_unfollow(&u.user_id, None)]).await?;
    h.ingest(vec![h.sim.event_follow(&u.user_id, true, None)]).await?;
    settled(&h).await?;
    let got = texts(&h, &u.user_id);
    assert_eq!(got.len(), 2);
    assert_eq!(got[1], ("たかはしさん、おかえりなさい！".to_string(), Via::Reply));
    assert_eq!(h.sim.stats().requests("push"), 0);

    // Without an unblock text the follow text is used; disabled = silence.
    let g2 = GreetingSettings { unblock_text: None, ..greeting.clone() };
    call(&h, Request::SetGreeting(SetGreeting { account_id: h.account_id, greeting: g2 })).await?;
    let v = h.sim.add_user("中村 さくら");
    h.ingest(vec![h.sim.event_follow(&v.user_id, true, None)]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &v.user_id), [("中村 さくらさん、友だち追加ありがとうございます！".to_string(), Via::Reply)]);
    let off = GreetingSettings { enabled: false, ..greeting };
    call(&h, Request::SetGreeting(SetGreeting { account_id: h.account_id, greeting: off })).await?;
    let w = h.sim.add_user("小林");
    h.ingest(vec![h.sim.event_follow(&w.user_id, false, None)]).await?;
    settled(&h).await?;
    assert!(texts(&h, &w.user_id).is_empty());
    Ok(())
}

async fn tester(h: &Harness, text: &str, at: Option<i64>) -> anyhow::Result<AutoReplyTest> {
    let q = TestKeywordRule { account_id: h.account_id, text: text.into(), at, display_name: Some("山田".into()) };
    match call(h, Request::TestKeywordRule(q)).await? {
        Response::AutoReplyTest(t) => Ok(t),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

fn answered_by(t: &AutoReplyTest) -> String {
    match t {
        AutoReplyTest::Keyword { messages, .. } => messages[0]["text"].as_str().unwrap_or_default().to_string(),
        AutoReplyTest::Away { .. } => "away".into(),
        AutoReplyTest::None => "none".into(),
    }
}

#[tokio::test]
async fn rules_match_in_order_by_kind_and_the_tester_says_which() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let mut off = text_rule(MatchKind::Contains, "キャンセル", "D");
    off.enabled = false;
    let saved = save_rules(
        &h,
        vec![
            text_rule(MatchKind::Exact, "営業時間", "A"),
            text_rule(MatchKind::StartsWith, "予約", "B"),
            text_rule(MatchKind::Contains, "予約", "C {名前}様"),
            off,
            text_rule(MatchKind::Exact, "menu", "E"),
        ],
    )
    .await?;
    assert_eq!(saved.len(), 5);
    for (text, expected) in [
        ("営業時間", "A"),
        ("  営業時間 ", "A"),
        ("営業時間は？", "none"),
        ("予約したい", "B"),
        ("明日の予約をお願いします", "C 山田様"),
        ("キャンセルします", "none"),
        ("ＭＥＮＵ", "E"),
        ("Menu", "E"),
        ("", "none"),
    ] {
        assert_eq!(answered_by(&tester(&h, text, None).await?), expected, "for {text:?}");
    }
    match tester(&h, "明日の予約", None).await? {
        AutoReplyTest::Keyword { rule_id, position, .. } => {
            assert_eq!(position, 2);
            assert_eq!(rule_id, saved[2].id);
        }
        other => anyhow::bail!("unexpected {other:?}"),
    }

    // Reordering keeps ids and changes which rule wins; left-out rules are deleted.
    let mut ids: Vec<KeywordRuleInput> = saved
        .iter()
        .map(|r| KeywordRuleInput {
            id: Some(r.id),
            match_kind: r.match_kind,
            pattern: r.pattern.clone(),
            messages: r.messages.clone(),
            active_from: r.active_from.clone(),
            active_until: r.active_until.clone(),
            active_hours: r.active_hours.clone(),
            enabled: r.enabled,
        })
        .collect();
    ids.swap(1, 2);
    ids.truncate(3);
    let again = save_rules(&h, ids).await?;
    assert_eq!(again.iter().map(|r| r.id).collect::<Vec<_>>(), vec![saved[0].id, saved[2].id, saved[1].id]);
    assert_eq!(answered_by(&tester(&h, "予約したい", None).await?), "C 山田様");

    // The rule answers a real customer with the real name, through the reply token.
    let u = h.sim.add_user("田中 太郎");
    h.ingest(vec![h.sim.event_text(&u.user_id, "予約できますか", None)]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &u.user_id), [("C 田中 太郎様".to_string(), Via::Reply)]);

    // Bad rules are refused in both languages.
    let err = save_rules(&h, vec![text_rule(MatchKind::Contains, "  ", "x")]).await.err().ok_or_else(|| anyhow::anyhow!("empty keyword accepted"))?;
    let api = err.downcast_ref::<ApiError>().ok_or_else(|| anyhow::anyhow!("ApiError expected"))?;
    assert_eq!(api.code, "invalid");
    assert!(api.message_ja.contains("キーワードが空"), "{api:?}");
    let mut no_messages = text_rule(MatchKind::Contains, "x", "x");
    no_messages.messages.clear();
    let err = save_rules(&h, vec![no_messages]).await.err().ok_or_else(|| anyhow::anyhow!("no messages accepted"))?;
    assert!(err.downcast_ref::<ApiError>().is_some_and(|e| e.message_ja.contains("1〜5")), "{err}");
    Ok(())
}

#[tokio::test]
async fn rules_have_active_dates_and_hours_and_the_tester_shows_the_away_reply() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    setup_away(&h).await?;
    let mut lunch = text_rule(MatchKind::Contains, "ランチ", "ランチは 11:00〜14:00 です");
    lunch.active_from = Some("2026-12-01".into());
    lunch.active_until = Some("2026-12-31".into());
    lunch.active_hours = Some(PeriodView { start: "11:00".into(), end: "14:00".into() });
    let mut night = text_rule(MatchKind::Contains, "ランチ", "深夜はランチの受付をしていません");
    night.active_hours = Some(PeriodView { start: "22:00".into(), end: "02:00".into() });
    save_rules(&h, vec![lunch, night]).await?;

    let cases = [
        (jst(2026, 12, 1, 11, 0), "ランチは 11:00〜14:00 です"),
        (jst(2026, 12, 31, 13, 59), "ランチは 11:00〜14:00 です"),
        (jst(2026, 12, 1, 14, 0), "none"),             // after the hours, open: no away either
        (jst(2026, 11, 30, 12, 0), "none"),            // before the dates
        (jst(2027, 1, 4, 12, 0), "none"),              // after the dates
        (jst(2026, 12, 1, 23, 0), "深夜はランチの受付をしていません"), // the second rule, past midnight
        (jst(2026, 12, 2, 1, 30), "深夜はランチの受付をしていません"),
        (jst(2026, 12, 2, 3, 0), "away"),              // no rule; closed → away
    ];
    for (at, expected) in cases {
        assert_eq!(answered_by(&tester(&h, "ランチやってますか", Some(at)).await?), expected, "at {at}");
    }
    match tester(&h, "こんばんは", Some(jst(2026, 11, 17, 22, 0))).await? {
        AutoReplyTest::Away { messages, next_opening } => {
            assert_eq!(next_opening, Some(jst(2026, 11, 18, 10, 0)));
            assert_eq!(messages[0]["text"], "ただいま営業時間外です。明日 10:00 から順にご返信します。");
        }
        other => anyhow::bail!("unexpected {other:?}"),
    }
    Ok(())
}

/// Reopens the Core on the same data dir (as after a restart of the app).
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

#[tokio::test]
async fn a_restart_neither_repeats_nor_skips_an_away_reply() -> anyhow::Result<()> {
    let mut h = harness_at_fixed_times().await?;
    setup_away(&h).await?;
    let u = h.sim.add_user("伊藤");

    h.ingest(vec![h.sim.event_text(&u.user_id, "一通目", Some(jst(2026, 11, 17, 22, 0)))]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &u.user_id).len(), 1);

    reopen(&mut h, true).await?;
    h.ingest(vec![h.sim.event_text(&u.user_id, "二通目", Some(jst(2026, 11, 17, 23, 0)))]).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &u.user_id).len(), 1, "the closed period's reply is remembered across the restart");

    // A crash right after the webhook commit, before any decision: the next start decides it.
    reopen(&mut h, false).await?;
    h.ingest(vec![h.sim.event_text(&u.user_id, "三通目", Some(jst(2026, 11, 18, 20, 0)))]).await?;
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert_eq!(texts(&h, &u.user_id).len(), 1, "no workers, no reply yet");
    reopen(&mut h, true).await?;
    settled(&h).await?;
    reopen(&mut h, true).await?;
    settled(&h).await?;
    let got = texts(&h, &u.user_id);
    assert_eq!(got.len(), 2, "decided once after the restart, not again after the next: {got:?}");
    assert!(got.iter().all(|g| g.1 == Via::Reply));
    assert_eq!(h.sim.stats().requests("push"), 0);
    Ok(())
}

async fn log_reasons(h: &Harness) -> anyhow::Result<Vec<(String, String, Option<String>)>> {
    Ok(sqlx::query_as("SELECT kind, outcome, reason FROM auto_reply_log ORDER BY id")
        .fetch_all(&h.core.store().pool)
        .await?)
}

#[tokio::test]
async fn an_automatic_reply_is_never_pushed() -> anyhow::Result<()> {
    // The simulator refuses tokens after 1 ms although they look fresh to us.
    let h = Harness::with_sim(SimConfig { reply_token_ttl: Duration::from_millis(1), ..SimConfig::default() }).await?;
    save_rules(&h, vec![text_rule(MatchKind::Contains, "料金", "料金表をお送りします")]).await?;
    let u = h.sim.add_user("加藤");

    // Too old by our own clock: not even tried.
    h.ingest(vec![h.sim.event_text(&u.user_id, "料金は？", Some(madoguchi_core::time::now_ms() - 120_000))]).await?;
    settled(&h).await?;
    // Fresh by our clock, refused by LINE: the row fails instead of becoming a push.
    h.ingest(vec![h.sim.event_text(&u.user_id, "料金を教えて", None)]).await?;
    settled(&h).await?;

    let stats = h.sim.stats();
    assert_eq!(stats.requests("push"), 0, "no push, whatever happened to the token");
    assert!(h.sim.received(&u.user_id).is_empty());
    let log = log_reasons(&h).await?;
    assert_eq!(log.len(), 2, "{log:?}");
    assert_eq!(log[0].1, "skipped");
    assert!(log[0].2.as_deref().is_some_and(|r| r.contains("too old")), "{log:?}");
    assert_eq!(log[1].1, "queued");
    let (status, error): (String, Option<String>) = sqlx::query_as("SELECT status, last_error FROM outbox WHERE auto_reply = 1")
        .fetch_one(&h.core.store().pool)
        .await?;
    assert_eq!(status, "failed");
    assert!(error.is_some_and(|e| e.contains("never pushed")));
    Ok(())
}

#[tokio::test]
async fn standby_events_and_a_token_the_shop_already_used_get_no_automatic_reply() -> anyhow::Result<()> {
    let h = harness_at_fixed_times().await?;
    setup_away(&h).await?;
    let u = h.sim.add_user("松本");
    let mut standby = h.sim.event_text(&u.user_id, "もしもし", Some(jst(2026, 11, 17, 22, 0)));
    standby["mode"] = json!("standby");
    h.ingest(vec![standby]).await?;
    settled(&h).await?;
    assert!(h.sim.received(&u.user_id).is_empty(), "standby: another channel has the chat");

    // Without workers, the owner answers first and takes the token; then the worker runs.
    let mut h = h;
    reopen(&mut h, false).await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    h.ingest(vec![h.sim.event_text(&u.user_id, "こんばんは", Some(jst(2026, 11, 17, 22, 30)))]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let sent = call(
        &h,
        Request::SendMessage(SendMessage { client_key: None, conversation_id: conv, content: OutgoingContent::Text { text: "はい、どうぞ".into() } }),
    )
    .await?;
    assert!(matches!(sent, Response::SendAccepted(SendAccepted { route: Route::Reply, .. })), "{sent:?}");
    reopen(&mut h, true).await?;
    settled(&h).await?;
    assert_eq!(texts(&h, &u.user_id), [("はい、どうぞ".to_string(), Via::Reply)], "the owner's reply only");
    let log = log_reasons(&h).await?;
    assert!(log.last().and_then(|l| l.2.clone()).is_some_and(|r| r.contains("already used")), "{log:?}");
    Ok(())
}

#[tokio::test]
async fn hours_api_get_set_status_and_bad_input() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let acct = AccountRef { account_id: h.account_id };
    match call(&h, Request::GetBusinessHours(acct.clone())).await? {
        Response::BusinessHours(v) => {
            assert!(!v.configured);
            assert_eq!(v.hours, BusinessHours::template());
        }
        other => anyhow::bail!("unexpected {other:?}"),
    }
    match call(&h, Request::HoursStatus(acct.clone())).await? {
        Response::HoursStatus(s) => assert!(!s.configured && s.open && s.next_opening.is_none()),
        other => anyhow::bail!("unexpected {other:?}"),
    }

    let all_day = vec![PeriodView { start: "00:00".into(), end: "24:00".into() }];
    let always = BusinessHours {
        time_zone: "Asia/Tokyo".into(),
        weekly: vec![all_day; 7],
        holidays: HolidayRuleView::Open,
        overrides: vec![],
    };
    call(&h, Request::SetBusinessHours(SetBusinessHours { account_id: h.account_id, hours: always.clone() })).await?;
    match call(&h, Request::GetBusinessHours(acct.clone())).await? {
        Response::BusinessHours(v) => assert_eq!((v.configured, v.hours), (true, always)),
        other => anyhow::bail!("unexpected {other:?}"),
    }
    match call(&h, Request::HoursStatus(acct.clone())).await? {
        Response::HoursStatus(s) => assert!(s.configured && s.open && s.next_opening.is_none(), "{s:?}"),
        other => anyhow::bail!("unexpected {other:?}"),
    }

    let never = BusinessHours { weekly: vec![vec![]; 7], holidays: HolidayRuleView::Closed, ..BusinessHours::template() };
    call(&h, Request::SetBusinessHours(SetBusinessHours { account_id: h.account_id, hours: never })).await?;
    match call(&h, Request::HoursStatus(acct.clone())).await? {
        Response::HoursStatus(s) => assert!(s.configured && !s.open && s.next_opening.is_none(), "{s:?}"),
        other => anyhow::bail!("unexpected {other:?}"),
    }

    let mut bad = BusinessHours::template();
    bad.weekly[3] = vec![PeriodView { start: "10:00".into(), end: "ten".into() }];
    let err = call(&h, Request::SetBusinessHours(SetBusinessHours { account_id: h.account_id, hours: bad }))
        .await
        .err()
        .ok_or_else(|| anyhow::anyhow!("a bad time was accepted"))?;
    assert_eq!(err.code, "invalid");
    assert!(err.message.contains("not a time") && err.message_ja.contains("時刻"), "{err:?}");

    let err = call(&h, Request::HoursStatus(AccountRef { account_id: 999 })).await.err().ok_or_else(|| anyhow::anyhow!("unknown account"))?;
    assert_eq!(err.code, "notFound");

    // Away text is checked too, and defaults are offered before anything is saved.
    match call(&h, Request::GetAwayReply(acct.clone())).await? {
        Response::AwayReply(a) => assert!(!a.enabled && a.text.contains("{次の営業開始}")),
        other => anyhow::bail!("unexpected {other:?}"),
    }
    let err = call(&h, Request::SetAwayReply(SetAwayReply { account_id: h.account_id, away: AwayReplySettings { enabled: true, text: " ".into() } }))
        .await
        .err()
        .ok_or_else(|| anyhow::anyhow!("an empty away text was accepted"))?;
    assert!(err.message_ja.contains("空"), "{err:?}");
    Ok(())
}
