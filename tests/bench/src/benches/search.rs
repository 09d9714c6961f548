//! Search: p95 latency of a first results page (30 hits, newest first, with the friend's
//! name and a snippet) over 2 000 000 Japanese messages, through madoguchi-core's own
//! search (FTS5 trigram for 3+ characters, the exact scan for 1–2), beside a plain
//! `LIKE '%…%'` scan with the same joins and limit on the same database in the same run.
//! Each query's hits are also compared with the LIKE scan's.

use std::time::Instant;

use anyhow::Context as _;
use madoguchi_core::api::types::SearchQuery;
use madoguchi_core::store::Store;

use super::Benchmark;
use crate::Ctx;
use crate::report::{Outcome, Row, ms, thousands};
use crate::stats::percentile;

pub const BENCH: Benchmark = Benchmark { name: "search", run: |ctx| Box::pin(run(ctx)) };

const MESSAGES: u64 = 2_000_000;

/// BENCH_SEARCH_MESSAGES overrides the size, for a quick trial run.
fn messages() -> u64 {
    std::env::var("BENCH_SEARCH_MESSAGES").ok().and_then(|v| v.parse().ok()).unwrap_or(MESSAGES)
}
const FRIENDS: u64 = 2_000;
const GOAL_MS: f64 = 50.0;
const PAGE: u32 = 30;

/// Words of salon chats; each message is six of them, and 1 in 97 carries a member number.
const VOCAB: &[&str] = &[
    "予約", "変更", "キャンセル", "カット", "カラー", "パーマ", "ネイル", "明日", "来週", "今日", "何時", "空いて", "いますか",
    "ありがとうございます", "よろしくお願いします", "駐車場", "料金", "トリートメント", "ヘッドスパ", "前髪", "少し", "遅れます",
    "到着", "しました", "ポイント", "カード", "クーポン", "使えますか", "土曜日", "日曜日", "午前", "午後", "10時", "15時", "の",
    "を", "に", "で", "は", "が", "、", "。", "！", "？", "😊", "🙏", "✨", "OK", "Thanks", "LINE",
];

fn seed_sql() -> String {
    let vocab: Vec<String> = VOCAB.iter().map(|w| format!("('{w}')")).collect();
    let word = format!("(SELECT w FROM bench_vocab WHERE k = 1 + (abs(random()) + n.i * 0) % {})", VOCAB.len());
    format!(
        "BEGIN;
         INSERT INTO accounts (id, name, secret_key, created_at) VALUES (1, 'ベンチ店', 'bench', 0);
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {FRIENDS})
         INSERT INTO friends (id, account_id, line_user_id, display_name, first_seen_at, last_seen_at)
           SELECT i, 1, 'U' || i, '客' || i, 0, 0 FROM n;
         INSERT INTO conversations (id, account_id, friend_id) SELECT id, 1, id FROM friends;
         CREATE TEMP TABLE bench_vocab (k INTEGER PRIMARY KEY, w TEXT NOT NULL);
         INSERT INTO bench_vocab (w) VALUES {vocab};
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {total})
         INSERT INTO messages (account_id, conversation_id, direction, kind, text, payload_json, created_at, status)
           SELECT 1, 1 + n.i % {FRIENDS}, CASE WHEN n.i % 3 = 0 THEN 'out' ELSE 'in' END, 'text',
                  {word} || {word} || {word} || {word} || {word} || {word}
                    || CASE WHEN n.i % 97 = 0 THEN '会員番号' || (abs(random()) % 100000) ELSE '' END,
                  '{{}}', 1700000000000 + n.i * 1000, 'received'
           FROM n;
         COMMIT;",
        vocab = vocab.join(","),
        total = messages()
    )
}

/// A small deterministic generator, so every run asks the same questions.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// 3+ character queries: common words, pairs of words (fewer hits), member numbers
/// (rare or absent), and absent phrases made of common trigrams (the index's worst case).
fn long_queries() -> Vec<String> {
    let mut r = Lcg(20261125);
    let long_words: Vec<&str> = VOCAB.iter().copied().filter(|w| w.chars().count() >= 3).collect();
    let mut out = Vec::new();
    for i in 0..200 {
        out.push(match i % 5 {
            0 => long_words[r.next(long_words.len())].to_string(),
            1 | 2 => format!("{}{}", VOCAB[r.next(VOCAB.len())], VOCAB[r.next(VOCAB.len())]),
            3 => format!("会員番号{}", r.next(100_000)),
            _ => ["予約予約予約予約", "キャンセルキャンセル料金", "存在しない言葉", "thanks"][r.next(4)].to_string(),
        });
    }
    out.retain(|q| q.chars().count() >= 3);
    out
}

fn short_queries() -> Vec<String> {
    ["予", "約", "髪", "券", "😊", "OK", "ok", "前髪", "予約", "料金", "到", "猫"].iter().map(|s| s.to_string()).collect()
}

struct Measured {
    ours_us: Vec<u64>,
    like_us: Vec<u64>,
    mismatches: usize,
}

async fn measure(pool: &sqlx::SqlitePool, queries: &[String]) -> anyhow::Result<Measured> {
    let mut m = Measured { ours_us: vec![], like_us: vec![], mismatches: 0 };
    for q in queries {
        let t = Instant::now();
        let page = madoguchi_core::search::messages(
            pool,
            &SearchQuery { query: q.clone(), account_id: None, before: None, limit: Some(PAGE) },
        )
        .await?;
        m.ours_us.push(t.elapsed().as_micros() as u64);

        let pattern = format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
        let t = Instant::now();
        let rows: Vec<(i64, String, Option<String>)> = sqlx::query_as(
            "SELECT m.id, m.text, f.display_name FROM messages m
             JOIN conversations c ON c.id = m.conversation_id JOIN friends f ON f.id = c.friend_id
             WHERE m.text LIKE ?1 ESCAPE '\\' ORDER BY m.id DESC LIMIT ?2",
        )
        .bind(&pattern)
        .bind(i64::from(PAGE))
        .fetch_all(pool)
        .await?;
        m.like_us.push(t.elapsed().as_micros() as u64);
        let ours: Vec<i64> = page.hits.iter().map(|h| h.id).collect();
        let like: Vec<i64> = rows.iter().map(|r| r.0).collect();
        if ours != like {
            m.mismatches += 1;
        }
    }
    m.ours_us.sort_unstable();
    m.like_us.sort_unstable();
    Ok(m)
}

async fn run(ctx: &Ctx) -> anyhow::Result<Outcome> {
    let dir = ctx.work.path().join("search-data");
    let store = Store::open(&dir).await.context("opening the bench store")?;
    let pool = &store.pool;

    let t = Instant::now();
    let mut conn = pool.acquire().await?;
    // The SQL is built from constants above, no outside input.
    sqlx::raw_sql(sqlx::AssertSqlSafe(seed_sql())).execute(&mut *conn).await.context("seeding messages")?;
    drop(conn);
    let seed_s = t.elapsed().as_secs_f64();
    let db_mb = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".db"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum::<u64>() as f64
        / 1e6;
    let total = messages();
    eprintln!("bench: search: {total} messages seeded in {seed_s:.1} s ({db_mb:.0} MB)");

    // One unmeasured pass warms the page cache for both sides alike.
    let long = long_queries();
    let short = short_queries();
    measure(pool, &long[..20]).await?;
    let l = measure(pool, &long).await?;
    let s = measure(pool, &short).await?;
    let (p50, p95) = (percentile(&l.ours_us, 50.0), percentile(&l.ours_us, 95.0));
    let (lp50, lp95) = (percentile(&l.like_us, 50.0), percentile(&l.like_us, 95.0));
    let (sp95, slp95) = (percentile(&s.ours_us, 95.0), percentile(&s.like_us, 95.0));
    let n = thousands(total as f64);
    let rows = vec![
        Row::info(format!("Search over {n} messages, 3+ character queries ({} queries), first page of {PAGE}: p95 (peer: LIKE scan; ratio = peer ÷ ours)", l.ours_us.len()), ms(p95))
            .peer(ms(lp95), lp95 as f64 / (p95 as f64).max(1.0))
            .goal(format!("< {GOAL_MS} ms"), (p95 as f64) < GOAL_MS * 1000.0),
        Row::info("Search, 3+ character queries: p50", ms(p50)).peer(ms(lp50), lp50 as f64 / (p50 as f64).max(1.0)),
        Row::info(format!("Search, 1–2 character queries ({}, exact scan newest first): p95", s.ours_us.len()), ms(sp95))
            .peer(ms(slp95), slp95 as f64 / (sp95 as f64).max(1.0)),
        Row::info("Search: first pages equal to the LIKE scan's", format!("{} of {}", l.ours_us.len() + s.ours_us.len() - l.mismatches - s.mismatches, l.ours_us.len() + s.ours_us.len()))
            .goal("all", l.mismatches + s.mismatches == 0),
    ];
    let notes = vec![format!(
        "search: {n} messages (6 words each from a {}-word salon vocabulary, 1 in 97 with a member number) in {FRIENDS} chats, seeded in one transaction by a recursive CTE with the FTS triggers on in {seed_s:.1} s; database + index {db_mb:.0} MB. Queries: common words, word pairs, member numbers, absent phrases of common trigrams. The LIKE peer is ASCII-case-insensitive only, which these queries do not need.",
        VOCAB.len()
    )];
    Ok(Outcome { rows, notes })
}
