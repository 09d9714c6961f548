//! Tag-expression filter (customers): which of 100 000 friends match "all of / any of /
//! none of" a set of tags, the query behind the inbox filter and broadcast audiences.
//! Ours: `tags::expr::matching_friend_ids` (set algebra over each tag's friends, read
//! from the by-tag index as one row per tag). Peer, same store, same run: the first version of that query, which
//! checks every friend with correlated subqueries; also noted: loading every friend's
//! tags and filtering in memory.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use madoguchi_core::secrets::MemorySecretStore;
use madoguchi_core::tags::expr::{TagExpr, matching_friend_ids};
use madoguchi_core::{Core, CoreOptions};

use super::Benchmark;
use crate::Ctx;
use crate::report::{Outcome, Row, ms};
use crate::rounds::{Paired, ROUNDS as PAIRED_ROUNDS};
use crate::stats::percentile;

pub const BENCH: Benchmark = Benchmark { name: "tag-filter", run: |ctx| Box::pin(run(ctx)) };

const FRIENDS: i64 = 100_000;
const TAGS: i64 = 20;
const ROUNDS: usize = 25;
const GOAL_MS: f64 = 30.0;

const CORRELATED: &str = r#"SELECT f.id FROM friends f
   WHERE f.account_id = ?1
     AND (SELECT count(*) FROM friend_tags ft
          WHERE ft.friend_id = f.id AND ft.tag_id IN (SELECT value FROM json_each(?2))) = json_array_length(?2)
     AND (json_array_length(?3) = 0 OR EXISTS (
          SELECT 1 FROM friend_tags ft WHERE ft.friend_id = f.id AND ft.tag_id IN (SELECT value FROM json_each(?3))))
     AND NOT EXISTS (
          SELECT 1 FROM friend_tags ft WHERE ft.friend_id = f.id AND ft.tag_id IN (SELECT value FROM json_each(?4)))
   ORDER BY f.id"#;

async fn run(ctx: &Ctx) -> anyhow::Result<Outcome> {
    let dir = ctx.work.path().join("tag-filter");
    std::fs::create_dir_all(&dir)?;
    let secrets = Arc::new(MemorySecretStore::with("bench", "secret", "token"));
    let mut opts = CoreOptions::new(&dir, secrets);
    opts.start_workers = false;
    let core = Core::open(opts).await?;
    let account = core.register_account("bench", "ベンチ店").await?.id;
    let pool = &core.store().pool;

    let t = Instant::now();
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
         INSERT INTO friends (account_id, line_user_id, first_seen_at, last_seen_at)
         SELECT ?1, printf('U%032x', i), i, i FROM n",
    )
    .bind(account)
    .bind(FRIENDS)
    .execute(pool)
    .await?;
    sqlx::query(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)
         INSERT INTO tags (account_id, name, color, created_at) SELECT ?1, 'タグ' || i, '#06c755', 0 FROM n",
    )
    .bind(account)
    .bind(TAGS)
    .execute(pool)
    .await?;
    // Tag k is on about (3 + 2k) % 35 + 2 percent of friends: some rare, some common.
    sqlx::query(
        "INSERT INTO friend_tags (friend_id, tag_id, created_at)
         SELECT f.id, t.id, 0 FROM friends f, tags t
         WHERE ((f.id * 2654435761 + t.id * t.id * 7919 + f.id * t.id * 104729) % 1000) < ((3 + 2 * t.id) % 35 + 2) * 10",
    )
    .execute(pool)
    .await?;
    sqlx::query("ANALYZE").execute(pool).await?;
    let links: i64 = sqlx::query_scalar("SELECT count(*) FROM friend_tags").fetch_one(pool).await?;
    let tag_ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM tags ORDER BY id").fetch_all(pool).await?;
    eprintln!("bench: {FRIENDS} friends, {links} tag links seeded in {:.1} s", t.elapsed().as_secs_f64());
    let tg = |i: usize| tag_ids[i % tag_ids.len()];
    let exprs = [
        TagExpr { all: vec![tg(1)], any: vec![], none: vec![] },
        TagExpr { all: vec![tg(2), tg(5)], any: vec![], none: vec![tg(7)] },
        TagExpr { all: vec![], any: vec![tg(3), tg(9), tg(12)], none: vec![tg(4)] },
        TagExpr { all: vec![tg(16)], any: vec![tg(0), tg(8)], none: vec![tg(10), tg(11)] },
        TagExpr { all: vec![], any: vec![], none: vec![tg(6)] },
    ];

    let mut ours_us = Vec::new();
    let mut mismatches = 0;
    let mut matched = Vec::new();
    let mut blocks: Vec<(Vec<u64>, Vec<u64>)> = vec![(vec![], vec![]); PAIRED_ROUNDS];
    for round in 0..ROUNDS {
        for e in &exprs {
            let t = Instant::now();
            let ours = matching_friend_ids(pool, account, e).await?;
            let o = t.elapsed().as_micros() as u64;
            let (all, any, none) = e.json_lists();
            let t = Instant::now();
            let peer: Vec<i64> = sqlx::query_scalar(CORRELATED).bind(account).bind(&all).bind(&any).bind(&none).fetch_all(pool).await?;
            let p = t.elapsed().as_micros() as u64;
            // The first round warms the page cache for both.
            if round > 0 {
                ours_us.push(o);
                // Consecutive rounds make up one of the paired blocks.
                let block = (round - 1) * PAIRED_ROUNDS / (ROUNDS - 1);
                blocks[block].0.push(o);
                blocks[block].1.push(p);
            } else {
                matched.push(ours.len());
            }
            mismatches += usize::from(ours != peer);
        }
    }

    // Naive: every friend's tags into memory, then the expression in Rust.
    let mut mem_us = Vec::new();
    for _ in 0..3 {
        let t = Instant::now();
        let rows: Vec<(i64, i64)> = sqlx::query_as("SELECT friend_id, tag_id FROM friend_tags").fetch_all(pool).await?;
        let mut by_friend: HashMap<i64, Vec<i64>> = HashMap::new();
        for (f, tag) in rows {
            by_friend.entry(f).or_default().push(tag);
        }
        let empty = Vec::new();
        let n: usize = (1..=FRIENDS).filter(|f| exprs[1].matches(by_friend.get(f).unwrap_or(&empty))).count();
        std::hint::black_box(n);
        mem_us.push(t.elapsed().as_micros() as u64);
    }
    ours_us.sort_unstable();
    mem_us.sort_unstable();
    core.shutdown().await;

    let (mut r50, mut r95) = (Paired::latency(), Paired::latency());
    for (o, p) in &mut blocks {
        o.sort_unstable();
        p.sort_unstable();
        r50.push(percentile(o, 50.0) as f64 / 1000.0, percentile(p, 50.0) as f64 / 1000.0);
        r95.push(percentile(o, 95.0) as f64 / 1000.0, percentile(p, 95.0) as f64 / 1000.0);
    }
    let (o50, o95) = ((r50.ours_median() * 1000.0) as u64, (r95.ours_median() * 1000.0) as u64);
    let (p50, p95) = ((r50.peer_median() * 1000.0) as u64, (r95.peer_median() * 1000.0) as u64);
    let rows = vec![
        Row::info(format!("Tag filter over {} friends ({} tag links), 5 expressions: p50", thousands_i(FRIENDS), thousands_i(links)), ms(o50))
            .paired(ms(p50), &r50),
        Row::info("Tag filter: p95 (peer: correlated subqueries per friend)", ms(o95))
            .paired(ms(p95), &r95)
            .goal(format!("< {GOAL_MS} ms"), (o95 as f64) < GOAL_MS * 1000.0),
        Row::info("Tag filter: results differing from the peer's", format!("{mismatches} of {}", ROUNDS * exprs.len())).goal("0", mismatches == 0),
    ];
    let notes = vec![
        format!(
            "tag-filter: friends matched per expression {matched:?}; {} timed runs each side, ours and the peer in turn per expression, in {PAIRED_ROUNDS} rounds whose p50 and p95 are paired; p95 per round: {}",
            ours_us.len(),
            r95.per_round(|x| format!("{x:.2} ms"))
        ),
        format!("tag-filter: loading every friend's tags and filtering in memory takes {} (median of 3)", ms(mem_us[mem_us.len() / 2])),
    ];
    Ok(Outcome { rows, notes })
}

fn thousands_i(n: i64) -> String {
    crate::report::thousands(n as f64)
}
