//! Search: p95 latency of a first results page (30 hits, newest first, with the friend's
//! name and a snippet) over 2 000 000 Japanese messages, through madoguchi-core's own
//! search (FTS5 trigram for 3+ characters, the bigram index for 1–2), beside a plain
//! `LIKE '%…%'` scan with the same joins and limit on the same database in the same run,
//! in alternating rounds. Each query's hits are also compared with the LIKE scan's. The
//! bigram index is built as an upgraded store builds it, and measured on disk.

use std::time::Instant;

use anyhow::Context as _;
use madoguchi_core::api::types::SearchQuery;
use madoguchi_core::search::backfill;
use madoguchi_core::store::Store;

use super::Benchmark;
use crate::Ctx;
use crate::report::{Outcome, Row, ms, thousands};
use crate::rounds::{Paired, ROUNDS};
use crate::stats::percentile;

pub const BENCH: Benchmark = Benchmark { name: "search", run: |ctx| Box::pin(run(ctx)) };

const MESSAGES: u64 = 2_000_000;

/// BENCH_SEARCH_MESSAGES overrides the size, for a quick trial run.
fn messages() -> u64 {
    std::env::var("BENCH_SEARCH_MESSAGES").ok().and_then(|v| v.parse().ok()).unwrap_or(MESSAGES)
}
const FRIENDS: u64 = 2_000;
const GOAL_MS: f64 = 50.0;
const SHORT_GOAL_MS: f64 = 30.0;
const SHORT_GOAL_RATIO: f64 = 5.0;
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

/// The shop owners' own short words (most absent from this salon corpus, so the LIKE
/// scan reads every row for them), and 1–2 character ones that are in it, in both cases.
fn short_queries() -> Vec<String> {
    [
        "予約", "田中", "駐車", "遅刻", "返金", "ヘア", "色", "傘", "予", "約", "髪", "券", "😊", "OK", "ok", "前髪", "料金", "到",
        "猫", "カ", "の", "Th", "。", "15",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// One pass over `queries`: each one's time and its first page's ids.
struct Pass {
    us: Vec<u64>,
    ids: Vec<Vec<i64>>,
}

impl Pass {
    fn p(&self, pct: f64) -> f64 {
        let mut v = self.us.clone();
        v.sort_unstable();
        percentile(&v, pct) as f64 / 1000.0
    }
}

async fn ours(pool: &sqlx::SqlitePool, queries: &[String]) -> anyhow::Result<Pass> {
    let mut pass = Pass { us: vec![], ids: vec![] };
    for q in queries {
        let t = Instant::now();
        let page = madoguchi_core::search::messages(
            pool,
            &SearchQuery { query: q.clone(), account_id: None, before: None, limit: Some(PAGE) },
        )
        .await?;
        pass.us.push(t.elapsed().as_micros() as u64);
        pass.ids.push(page.hits.iter().map(|h| h.id).collect());
    }
    Ok(pass)
}

/// The peer: `LIKE '%…%'` with the same joins, order and page size.
async fn like(pool: &sqlx::SqlitePool, queries: &[String]) -> anyhow::Result<Pass> {
    let mut pass = Pass { us: vec![], ids: vec![] };
    for q in queries {
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
        pass.us.push(t.elapsed().as_micros() as u64);
        pass.ids.push(rows.iter().map(|r| r.0).collect());
    }
    Ok(pass)
}

/// Bytes on disk of the named b-trees (SQLite's dbstat table), or None without dbstat.
async fn btree_bytes(pool: &sqlx::SqlitePool, names: &[&str]) -> Option<u64> {
    let mut total = 0i64;
    for name in names {
        let n: Option<i64> = sqlx::query_scalar("SELECT sum(pgsize) FROM dbstat WHERE name = ?1 AND aggregate = TRUE")
            .bind(*name)
            .fetch_one(pool)
            .await
            .ok()?;
        total += n.unwrap_or(0);
    }
    Some(total as u64)
}

fn mb(bytes: Option<u64>) -> String {
    bytes.map_or("n/a (no dbstat)".to_string(), |b| format!("{:.0} MB", b as f64 / 1e6))
}

/// Builds the short-query index for the seeded history as the app's background worker
/// does for a store older than the index, while the store is used: a short query and a
/// message insert every 100 ms. Returns (build seconds, query times, insert times).
async fn build_while_used(pool: &sqlx::SqlitePool) -> anyhow::Result<(f64, Vec<u64>, Vec<u64>)> {
    sqlx::query("UPDATE search_bigram_state SET indexed_from = (SELECT max(id) + 1 FROM messages)").execute(pool).await?;
    let t = Instant::now();
    let builder = {
        let pool = pool.clone();
        tokio::spawn(async move {
            while backfill::step(&pool, backfill::CHUNK).await?.is_some() {
                tokio::time::sleep(backfill::PAUSE).await;
            }
            anyhow::Ok(())
        })
    };
    let (mut query_us, mut insert_us) = (vec![], vec![]);
    let queries = short_queries();
    let mut i = 0;
    while !builder.is_finished() {
        let q = &queries[i % queries.len()];
        i += 1;
        let s = Instant::now();
        madoguchi_core::search::messages(pool, &SearchQuery { query: q.clone(), account_id: None, before: None, limit: Some(PAGE) }).await?;
        query_us.push(s.elapsed().as_micros() as u64);
        let s = Instant::now();
        sqlx::query(
            "INSERT INTO messages (account_id, conversation_id, direction, kind, text, payload_json, created_at, status)
             VALUES (1, 1, 'in', 'text', '索引の構築中に届いたメッセージ', '{}', 1700000000000, 'received')",
        )
        .execute(pool)
        .await?;
        insert_us.push(s.elapsed().as_micros() as u64);
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    builder.await??;
    let secs = t.elapsed().as_secs_f64();
    query_us.sort_unstable();
    insert_us.sort_unstable();
    Ok((secs, query_us, insert_us))
}

async fn run(ctx: &Ctx) -> anyhow::Result<Outcome> {
    let dir = ctx.work.path().join("search-data");
    let store = Store::open(&dir).await.context("opening the bench store")?;
    let pool = &store.pool;

    // Seeded as a store older than the short-query index (its triggers skip every row
    // below the mark), so that the index is then built the way such a store gets it.
    sqlx::query("UPDATE search_bigram_state SET indexed_from = 9223372036854775807").execute(pool).await?;
    let t = Instant::now();
    let mut conn = pool.acquire().await?;
    // The SQL is built from constants above, no outside input.
    sqlx::raw_sql(sqlx::AssertSqlSafe(seed_sql())).execute(&mut *conn).await.context("seeding messages")?;
    drop(conn);
    let seed_s = t.elapsed().as_secs_f64();
    let total = messages();
    eprintln!("bench: search: {total} messages seeded in {seed_s:.1} s");
    let (build_s, during_query, during_insert) = build_while_used(pool).await.context("building the short-query index")?;
    eprintln!("bench: search: short-query index built in {build_s:.1} s");
    let db_mb = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".db"))
        .filter_map(|e| e.metadata().ok())
        .map(|m| m.len())
        .sum::<u64>() as f64
        / 1e6;
    let messages_bytes = btree_bytes(pool, &["messages"]).await;
    let trigram_bytes = btree_bytes(pool, &["messages_fts_data", "messages_fts_idx", "messages_fts_docsize", "messages_fts_config"]).await;
    let bigram_bytes = btree_bytes(pool, &["messages_bigram_data", "messages_bigram_idx", "messages_bigram_config"]).await;

    // One unmeasured pass warms the page cache for both sides alike; then rounds of ours
    // and the LIKE scan in turn, the same queries each round.
    let long: Vec<String> = long_queries().into_iter().step_by(3).collect();
    let short = short_queries();
    ours(pool, &long[..20]).await?;
    like(pool, &long[..20]).await?;
    let (mut l95, mut l50, mut s95, mut s50) = (Paired::latency(), Paired::latency(), Paired::latency(), Paired::latency());
    let mut mismatches = 0;
    for round in 0..ROUNDS {
        let (ol, pl) = (ours(pool, &long).await?, like(pool, &long).await?);
        let (os, ps) = (ours(pool, &short).await?, like(pool, &short).await?);
        l95.push(ol.p(95.0), pl.p(95.0));
        l50.push(ol.p(50.0), pl.p(50.0));
        s95.push(os.p(95.0), ps.p(95.0));
        s50.push(os.p(50.0), ps.p(50.0));
        if round == 0 {
            mismatches = ol.ids.iter().zip(&pl.ids).chain(os.ids.iter().zip(&ps.ids)).filter(|(a, b)| a != b).count();
        }
        eprintln!("bench: search round {}: short p95 {:.2} ms vs LIKE {:.2} ms", round + 1, os.p(95.0), ps.p(95.0));
    }
    let fmt_ms = |x: f64| format!("{x:.2} ms");
    let n = thousands(total as f64);
    let checked = long.len() + short.len();
    let rows = vec![
        Row::info(format!("Search over {n} messages, 3+ character queries ({} queries), first page of {PAGE}: p95 (peer: LIKE scan; ratio = peer ÷ ours)", long.len()), fmt_ms(l95.ours_median()))
            .paired(fmt_ms(l95.peer_median()), &l95)
            .goal(format!("< {GOAL_MS} ms"), l95.ours_median() < GOAL_MS),
        Row::info("Search, 3+ character queries: p50", fmt_ms(l50.ours_median())).paired(fmt_ms(l50.peer_median()), &l50),
        Row::info(format!("Search, 1–2 character queries ({}, bigram index), first page of {PAGE}: p95 (peer: LIKE scan)", short.len()), fmt_ms(s95.ours_median()))
            .paired(fmt_ms(s95.peer_median()), &s95)
            .goal(format!("< {SHORT_GOAL_MS} ms and ≥ {SHORT_GOAL_RATIO}× peer"), s95.ours_median() < SHORT_GOAL_MS && s95.ratio() >= SHORT_GOAL_RATIO),
        Row::info("Search, 1–2 character queries: p50", fmt_ms(s50.ours_median())).paired(fmt_ms(s50.peer_median()), &s50),
        Row::info("Search: first pages equal to the LIKE scan's", format!("{} of {checked}", checked - mismatches)).goal("all", mismatches == 0),
        Row::info(format!("Search index sizes on disk over {n} messages: 1–2 character (bigram) index"), mb(bigram_bytes)),
        Row::info("Search index sizes: 3+ character (trigram) index, for scale", mb(trigram_bytes)),
        Row::info("Search index sizes: the messages table itself (without its other indexes), for scale", mb(messages_bytes)),
        Row::info(
            format!("Short-query index built for {n} stored messages in the background (an older store's upgrade: {} messages per transaction, the app's pause between)", backfill::CHUNK),
            format!("{build_s:.0} s"),
        ),
        Row::info(
            "While it builds, every 100 ms: a 1–2 character search (index above the mark, scan below) p95 / a message insert p95 / insert max",
            format!("{} / {} / {}", ms(percentile(&during_query, 95.0)), ms(percentile(&during_insert, 95.0)), ms(during_insert.last().copied().unwrap_or(0))),
        ),
    ];
    let notes = vec![
        format!(
            "search: {n} messages (6 words each from a {}-word salon vocabulary, 1 in 97 with a member number) in {FRIENDS} chats, seeded in one transaction by a recursive CTE with the trigram triggers on in {seed_s:.1} s, then the bigram index built as for an upgraded store in {build_s:.1} s; database + indexes {db_mb:.0} MB. Queries: common words, word pairs, member numbers, absent phrases of common trigrams; short ones: {}. The LIKE peer is ASCII-case-insensitive only, which these queries do not need.",
            VOCAB.len(),
            short.join(" ")
        ),
        format!("search rounds (ours then LIKE, same queries each round), 1–2 character p95 in ms: {}", s95.per_round(fmt_ms)),
        format!("search rounds, 3+ character p95 in ms: {}", l95.per_round(fmt_ms)),
    ];
    Ok(Outcome { rows, notes })
}
