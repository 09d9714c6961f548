//! Live demo traffic: now and then a customer writes, and customers sometimes answer the
//! shop's messages a few seconds later.

use std::collections::HashMap;
use std::ops::Range;
use std::time::Duration;

use rand::rngs::StdRng;
use rand::seq::IndexedRandom as _;
use rand::{Rng as _, SeedableRng as _};
use tokio::sync::broadcast::error::RecvError;
use tokio::task::JoinHandle;
use tokio::time::Instant;

use crate::sim::Simulator;
use crate::state::Via;

const NEW_MESSAGES: &[&str] = &[
    "来週の火曜日、空いてる時間ありますか？",
    "前髪だけカットってできますか？",
    "トリートメントのおすすめありますか？",
    "今日って当日予約できますか？",
    "ヘッドスパ気になってます！",
    "予約の時間、30分遅らせることってできますか？",
    "この前はありがとうございました😊 周りにも褒められました！",
    "ポイントカード忘れちゃったんですが大丈夫ですか？",
    "カラーの色落ちが気になってきました…",
    "年末は何日まで営業されてますか？",
    "土曜の午前中って混んでますか？",
];

const ANSWERS: &[&str] = &[
    "ありがとうございます！",
    "では15時でお願いします",
    "了解です🙆‍♀️",
    "わかりました！よろしくお願いします",
    "助かります〜",
    "はい、大丈夫です！",
    "楽しみにしてます✨",
];

/// A customer answers at most once per this window, so an auto-reply rule on the shop's
/// side cannot ping-pong with the chatter forever.
const ANSWER_COOLDOWN: Duration = Duration::from_secs(30);
const ANSWER_PROBABILITY: f64 = 0.6;

pub fn start_chatter(sim: &Simulator, every: Range<Duration>) -> JoinHandle<()> {
    let sim = sim.clone();
    tokio::spawn(async move {
        let mut rng = StdRng::seed_from_u64(sim.config().seed ^ 0xC4A7_7E55);
        let mut received = sim.subscribe_received();
        let mut last_answer: HashMap<String, Instant> = HashMap::new();
        let mut next_at = Instant::now() + pick(&mut rng, &every);
        loop {
            tokio::select! {
                () = tokio::time::sleep_until(next_at) => {
                    next_at = Instant::now() + pick(&mut rng, &every);
                    let users = sim.following_users();
                    let Some(user) = users.choose(&mut rng) else { continue };
                    let roll = rng.random_range(0..10);
                    let result = match roll {
                        0 => sim.send_image(&user.user_id).await,
                        1 => sim.send_sticker(&user.user_id, "446", "1988", &["よろしく"]).await,
                        _ => {
                            let text = NEW_MESSAGES.choose(&mut rng).copied().unwrap_or("こんにちは");
                            sim.send_text(&user.user_id, text).await
                        }
                    };
                    if let Err(e) = result {
                        tracing::warn!(error = %format!("{e:#}"), "chatter could not deliver");
                    }
                }
                r = received.recv() => match r {
                    Ok(rec) => {
                        if !matches!(rec.via, Via::Reply | Via::Push) || !rng.random_bool(ANSWER_PROBABILITY) {
                            continue;
                        }
                        let now = Instant::now();
                        if last_answer.get(&rec.user_id).is_some_and(|t| now.duration_since(*t) < ANSWER_COOLDOWN) {
                            continue;
                        }
                        last_answer.insert(rec.user_id.clone(), now);
                        let text = ANSWERS.choose(&mut rng).copied().unwrap_or("ありがとうございます！");
                        let delay = Duration::from_millis(rng.random_range(2_000..8_000));
                        let sim = sim.clone();
                        tokio::spawn(async move {
                            tokio::time::sleep(delay).await;
                            if let Err(e) = sim.send_text(&rec.user_id, text).await {
                                tracing::warn!(error = %format!("{e:#}"), "chatter could not answer");
                            }
                        });
                    }
                    // Missing a few notifications under load only means fewer answers.
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => break,
                },
            }
        }
    })
}

fn pick(rng: &mut StdRng, every: &Range<Duration>) -> Duration {
    let (lo, hi) = (every.start.as_millis() as u64, every.end.as_millis() as u64);
    Duration::from_millis(if hi > lo {
        rng.random_range(lo..hi)
    } else {
        lo
    })
}
