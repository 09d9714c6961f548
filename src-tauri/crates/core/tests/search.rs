//! Search: FTS5 trigram over messages and notes, the short-query scan, and opening a
//! thread at a found message. The reference is always a plain substring scan.

use madoguchi_core::api::types::*;
use madoguchi_core::api::{Request, Response};
use madoguchi_core::search::text;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::support::{eventually, Harness};

async fn search_all(h: &Harness, notes: bool, query: &str, account_id: Option<i64>) -> anyhow::Result<Vec<SearchHit>> {
    let mut all = Vec::new();
    let mut before = None;
    loop {
        let q = SearchQuery { query: query.into(), account_id, before, limit: Some(7) };
        let req = if notes { Request::SearchNotes(q) } else { Request::SearchMessages(q) };
        let page = match h.core.dispatch(req).await? {
            Response::SearchResults(p) => p,
            other => anyhow::bail!("unexpected response {other:?}"),
        };
        anyhow::ensure!(page.hits.len() <= 7);
        all.extend(page.hits);
        match page.next_before {
            Some(b) => before = Some(b),
            None => return Ok(all),
        }
    }
}

/// Inserts messages straight into the store (the triggers index them), one chat.
async fn insert_messages(h: &Harness, conversation_id: i64, texts: &[String]) -> anyhow::Result<Vec<i64>> {
    let pool = &h.core.store().pool;
    let mut ids = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO messages (account_id, conversation_id, direction, kind, text, payload_json, created_at, status)
             VALUES (?, ?, 'in', 'text', ?, '{}', ?, 'received') RETURNING id",
        )
        .bind(h.account_id)
        .bind(conversation_id)
        .bind(t)
        .bind(1_790_000_000_000i64 + i as i64)
        .fetch_one(pool)
        .await?;
        ids.push(id);
    }
    Ok(ids)
}

/// The reference: every message with text, scanned in Rust, newest first.
async fn scan(h: &Harness, query: &str) -> anyhow::Result<Vec<i64>> {
    let rows: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, text FROM messages WHERE text IS NOT NULL AND unsent = 0 ORDER BY id DESC")
            .fetch_all(&h.core.store().pool)
            .await?;
    Ok(rows.into_iter().filter(|(_, t)| text::contains(t, query.trim())).map(|(id, _)| id).collect())
}

async fn chat(h: &Harness, name: &str, texts: &[&str]) -> anyhow::Result<(i64, String)> {
    let u = h.sim.add_user(name);
    let t0 = 1_790_000_000_000i64;
    let events = texts.iter().enumerate().map(|(i, t)| h.sim.event_text(&u.user_id, t, Some(t0 + i as i64 * 1000))).collect();
    h.ingest(events).await?;
    // The profile worker stores the LINE name shortly after the first event.
    let pool = h.core.store().pool.clone();
    let uid = u.user_id.clone();
    eventually(10, "the LINE name fetched", || {
        let (pool, uid) = (pool.clone(), uid.clone());
        async move {
            let n: Option<String> = sqlx::query_scalar("SELECT display_name FROM friends WHERE line_user_id = ?")
                .bind(&uid)
                .fetch_one(&pool)
                .await?;
            Ok(n.map(|_| ()))
        }
    })
    .await?;
    Ok((h.conversation_of(&u.user_id).await?, u.user_id))
}

fn highlighted(hit: &SearchHit) -> Vec<String> {
    let units: Vec<u16> = hit.snippet.encode_utf16().collect();
    hit.highlights
        .iter()
        .map(|r| String::from_utf16_lossy(&units[r.start as usize..r.end as usize]))
        .collect()
}

#[tokio::test]
async fn search_finds_japanese_latin_emoji_and_short_queries() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let (conv, user) = chat(
        &h,
        "山田 花子",
        &[
            "明日の予約を変更したいです",
            "カットとカラーでお願いします",
            "ありがとうございました",
            "Wi-Fiのパスワードを教えてください",
            "今日もよろしく🎉お願いします🙏",
            "駐車場はありますか？",
            "予約",
        ],
    )
    .await?;

    let cases: &[(&str, usize)] = &[
        ("ありがとう", 1),  // hiragana
        ("カラー", 1),      // katakana
        ("駐車場", 1),      // kanji
        ("wi-fi", 1),       // Latin, case-insensitive
        ("WI-FIのパス", 1), // mixed
        ("🎉お願い", 1),    // emoji
        ("お願いします", 2),
        ("予", 2),          // 1 character
        ("予約", 2),        // 2 characters
        ("🙏", 1),          // 1 emoji
        ("ｗｉ", 0),        // full-width Latin is another character
        ("OR", 0),          // FTS operators are text
        ("\"予約", 0),      // quotes are text
        ("予約 OR カット", 0),
        ("存在しない言葉", 0),
    ];
    for (q, n) in cases {
        let hits = search_all(&h, false, q, None).await?;
        let ids: Vec<i64> = hits.iter().map(|x| x.id).collect();
        assert_eq!(ids, scan(&h, q).await?, "query {q:?} must equal a substring scan");
        assert_eq!(hits.len(), *n, "query {q:?}");
        for hit in &hits {
            assert_eq!(hit.conversation_id, Some(conv));
            assert_eq!(hit.friend_name.as_deref(), Some("山田 花子"));
            let marks = highlighted(hit);
            assert!(!marks.is_empty(), "{q:?}: the match is marked in {:?}", hit.snippet);
            for m in marks {
                assert!(text::contains(&m, q) && m.chars().count() == q.chars().count(), "{q:?} marked {m:?}");
            }
        }
    }
    // Newest first.
    let hits = search_all(&h, false, "予約", None).await?;
    assert!(hits[0].id > hits[1].id && hits[0].at >= hits[1].at);
    // Blank queries find nothing; an unknown account finds nothing.
    assert!(search_all(&h, false, "   ", None).await?.is_empty());
    assert!(search_all(&h, false, "予約", Some(h.account_id + 99)).await?.is_empty());
    assert_eq!(search_all(&h, false, "予約", Some(h.account_id)).await?.len(), 2);

    // A message the customer unsent is no longer found, by either path.
    let line_id: String = sqlx::query_scalar("SELECT line_message_id FROM messages WHERE text = '駐車場はありますか？'")
        .fetch_one(&h.core.store().pool)
        .await?;
    h.ingest(vec![h.sim.event_unsend(&user, &line_id, None)]).await?;
    assert!(search_all(&h, false, "駐車場", None).await?.is_empty());
    assert!(search_all(&h, false, "駐", None).await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn search_equals_a_substring_scan_on_random_japanese() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let (conv, _) = chat(&h, "客", &["はじめまして"]).await?;
    let alphabet: Vec<char> = "あいうかきアイウカキ予約変更時間abcABC 　😀🎉ー、。ＡａＢｂ\"*%_\\".chars().collect();
    let mut rng = StdRng::seed_from_u64(20261125);
    let texts: Vec<String> = (0..400)
        .map(|_| {
            let n = rng.random_range(1..30);
            (0..n).map(|_| alphabet[rng.random_range(0..alphabet.len())]).collect()
        })
        .collect();
    insert_messages(&h, conv, &texts).await?;
    let mut checked = 0;
    for i in 0..250 {
        // Half the queries are cut from a stored text (so they hit), half are random.
        let len = rng.random_range(1..6);
        let q: String = if i % 2 == 0 {
            let t: Vec<char> = texts[rng.random_range(0..texts.len())].chars().collect();
            let start = rng.random_range(0..t.len());
            t[start..(start + len).min(t.len())].iter().collect()
        } else {
            (0..len).map(|_| alphabet[rng.random_range(0..alphabet.len())]).collect()
        };
        if q.trim().is_empty() {
            continue;
        }
        let got: Vec<i64> = search_all(&h, false, &q, None).await?.iter().map(|x| x.id).collect();
        assert_eq!(got, scan(&h, &q).await?, "query {q:?}");
        checked += 1;
    }
    assert!(checked > 200);
    Ok(())
}

#[tokio::test]
async fn notes_are_searched_and_follow_edits() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let (conv, user) = chat(&h, "佐藤", &["こんにちは"]).await?;
    let pool = &h.core.store().pool;
    let friend_id: i64 = sqlx::query_scalar("SELECT id FROM friends WHERE line_user_id = ?").bind(&user).fetch_one(pool).await?;
    sqlx::query("UPDATE friends SET private_name = '佐藤さん（常連）' WHERE id = ?").bind(friend_id).execute(pool).await?;
    let note: i64 = sqlx::query_scalar(
        "INSERT INTO friend_notes (friend_id, body, created_at, updated_at) VALUES (?, 'アレルギー：キウイ。カラーは明るめ', 1, 1) RETURNING id",
    )
    .bind(friend_id)
    .fetch_one(pool)
    .await?;
    for q in ["キウイ", "明る", "ア"] {
        let hits = search_all(&h, true, q, None).await?;
        assert_eq!(hits.len(), 1, "{q:?}");
        assert_eq!(hits[0].source, SearchSource::Note);
        assert_eq!(hits[0].id, note);
        assert_eq!(hits[0].conversation_id, Some(conv));
        assert_eq!(hits[0].friend_name.as_deref(), Some("佐藤さん（常連）"), "the private name wins");
    }
    sqlx::query("UPDATE friend_notes SET body = 'パーマ希望' WHERE id = ?").bind(note).execute(pool).await?;
    assert!(search_all(&h, true, "キウイ", None).await?.is_empty(), "an edit drops the old words");
    assert_eq!(search_all(&h, true, "パーマ希望", None).await?.len(), 1);
    sqlx::query("DELETE FROM friend_notes WHERE id = ?").bind(note).execute(pool).await?;
    assert!(search_all(&h, true, "パーマ希望", None).await?.is_empty());
    // Messages are not notes.
    assert!(search_all(&h, true, "こんにちは", None).await?.is_empty());
    Ok(())
}

#[tokio::test]
async fn thread_opens_around_a_found_message() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let (conv, _) = chat(&h, "客", &["最初"]).await?;
    let texts: Vec<String> = (0..120).map(|i| format!("メッセージ{i:03}")).collect();
    let ids = insert_messages(&h, conv, &texts).await?;
    let hit = search_all(&h, false, "メッセージ010", None).await?;
    assert_eq!(hit.len(), 1);
    let page = match h
        .core
        .dispatch(Request::GetThread(GetThread { conversation_id: conv, before: None, limit: None, around: Some(hit[0].id) }))
        .await?
    {
        Response::Thread(p) => p,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    let got: Vec<i64> = page.messages.iter().map(|m| m.id).collect();
    assert!(got.contains(&ids[10]));
    assert_eq!(*got.last().unwrap_or(&0), ids[119], "up to the newest, no gap");
    assert!(got.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(got.len(), 121, "all from the first message (fewer than 20 older)");
    assert!(!page.has_more);
    let far = match h
        .core
        .dispatch(Request::GetThread(GetThread { conversation_id: conv, before: None, limit: None, around: Some(ids[100]) }))
        .await?
    {
        Response::Thread(p) => p,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    assert_eq!(far.messages.first().map(|m| m.id), Some(ids[80]), "20 older than the target");
    assert!(far.has_more);
    Ok(())
}
