//! A believable hair salon's LINE history: Japanese customers who followed the account
//! over the last two months and wrote the things salon customers write.

use anyhow::bail;
use rand::rngs::StdRng;
use rand::seq::IndexedRandom as _;
use rand::{Rng as _, SeedableRng as _};
use serde_json::Value;

use crate::clock::now_ms;
use crate::events::LineEmoji;
use crate::sim::Simulator;
use crate::state::SimUser;

/// Display names as customers set them: full names, hiragana, romaji, decorations.
pub const CUSTOMER_NAMES: &[&str] = &[
    "佐藤 美咲",
    "たかはし",
    "Yuki☆",
    "鈴木 陽菜",
    "田中 さくら",
    "伊藤 健太",
    "渡辺 あおい",
    "山本 翔",
    "中村 結衣",
    "小林 りん🌸",
    "かとう まい",
    "吉田 大輔",
    "山田 花子",
    "松本 楓",
    "井上 蓮",
    "木村 真由美",
    "はやし みほ",
    "清水 あや💇‍♀️",
    "山口 陽子",
    "mami♡",
    "森 智子",
    "池田 悠真",
    "橋本 奈々",
    "あべちゃん",
    "石川 優奈",
    "Kenji.O",
    "前田 ひかり",
    "藤田 千尋",
    "おかだ🐶",
    "後藤 美穂",
    "長谷川 ゆい",
    "村上 拓海",
];

const DAY_MS: i64 = 86_400_000;
const MINUTE_MS: i64 = 60_000;

/// One thing a customer does in a conversation.
#[derive(Clone, Copy)]
enum Step {
    Text(&'static str),
    /// Text with one LINE emoji at the `$`.
    Emoji(&'static str),
    Sticker(&'static str, &'static str, &'static [&'static str]),
    Image,
    Video,
    Audio,
    /// A file with its name and size as LINE reports them.
    File(&'static str, u64),
    Location(&'static str, &'static str, f64, f64),
    Postback(&'static str),
}

use Step::*;

const CONVERSATIONS: &[&[Step]] = &[
    &[
        Text("こんにちは！今週の土曜日って空いてますか？"),
        Text("カットとカラーでお願いしたいです"),
        Text("14時以降だと嬉しいです🙏"),
    ],
    &[
        Text("今日はありがとうございました！"),
        Sticker("11537", "52002734", &["ありがとう", "感謝"]),
        Text("すごく気に入ってます✨ また来月お願いします"),
    ],
    &[
        Text("次はこんな感じにしたいです"),
        Image,
        Text("できそうですか？"),
    ],
    &[
        Text("すみません、道に迷ってしまって…"),
        Location(
            "表参道駅",
            "東京都港区北青山3丁目6-12",
            35.665_498,
            139.712_353,
        ),
        Text("今ここにいます！"),
    ],
    &[
        Text("明日の予約なんですが、17時に変更できますか？"),
        Text("難しければ大丈夫です！"),
    ],
    &[Text(
        "すみません、子どもが熱を出してしまって…明日の予約をキャンセルさせてください🙇‍♀️",
    )],
    &[
        Text("縮毛矯正っていくらくらいかかりますか？"),
        Text("時間はどのくらいかかりますか？"),
    ],
    &[Text("子どものカットもやってますか？5歳の男の子です")],
    &[
        Postback("action=reserve&menu=cut"),
        Text("カットの予約をしたいです。来週の平日の夕方は空いてますか？"),
    ],
    &[Text("駐車場ってありますか？車で行こうと思っていて")],
    &[Text("ごめんなさい、10分ほど遅れそうです💦")],
    &[
        Emoji("いつもありがとうございます$"),
        Text("次回もよろしくお願いします"),
    ],
    &[
        Text("ヘッドスパだけの予約もできますか？"),
        Sticker("446", "1989", &["お願い"]),
    ],
];

/// The first customer always sent one of each kind of media a little while ago, so the
/// demo (and the tests that open it) shows a photo, a video, a voice message and a file.
const MEDIA_CONVERSATION: &[Step] = &[
    Text("前回の仕上がり、すごく好評でした！写真と動画です"),
    Image,
    Video,
    Audio,
    File("カラー見本.pdf", 48_213),
    Text("次回もこの色でお願いします"),
];

/// Adds `friends` customers and delivers their follow events and past conversations,
/// oldest first, through the webhook. Needs a webhook URL.
pub async fn seed_shop(sim: &Simulator, friends: usize) -> anyhow::Result<Vec<SimUser>> {
    let mut rng = StdRng::seed_from_u64(sim.config().seed ^ 0xDE30_5A10);
    let now = now_ms();
    let mut events: Vec<Value> = Vec::new();
    let mut users = Vec::with_capacity(friends);
    for i in 0..friends {
        let base = CUSTOMER_NAMES[i % CUSTOMER_NAMES.len()];
        let name = match i / CUSTOMER_NAMES.len() {
            0 => base.to_owned(),
            n => format!("{base}{}", n + 1),
        };
        // Most customers have a profile picture; the first one always does (the demo and
        // its tests show it in the friend panel).
        let user = sim.add_user_with(&name, "ja", Some(i % 7 != 3));
        let followed_at = now - rng.random_range(3 * DAY_MS..60 * DAY_MS);
        events.push(sim.event_follow(&user.user_id, rng.random_bool(0.1), Some(followed_at)));

        let mut t = followed_at + rng.random_range(MINUTE_MS..DAY_MS);
        for _ in 0..rng.random_range(1..=3) {
            let Some(conversation) = CONVERSATIONS.choose(&mut rng) else {
                break;
            };
            if t > now - 30 * MINUTE_MS {
                break;
            }
            for step in *conversation {
                events.push(step_event(sim, &user.user_id, *step, t));
                t += rng.random_range(20_000..180_000);
            }
            t += rng.random_range(DAY_MS..20 * DAY_MS);
        }
        if i == 0 {
            let mut at = now - 2 * 60 * MINUTE_MS;
            for step in MEDIA_CONVERSATION {
                events.push(step_event(sim, &user.user_id, *step, at));
                at += 40_000;
            }
        }
        // A few customers blocked the account at some point: the inbox must show that too.
        // (Never the first customer, whose media must reach the shop.)
        if rng.random_bool(0.05) && t < now - MINUTE_MS && i != 0 {
            events.push(sim.event_unfollow(&user.user_id, Some(t)));
        }
        users.push(user);
    }

    events.sort_by_key(|e| e.get("timestamp").and_then(Value::as_i64).unwrap_or(0));
    // Events close in time share one request, as LINE batches them.
    let mut batch: Vec<Value> = Vec::new();
    for e in events {
        let ts = timestamp(&e);
        if batch.len() == 5 || batch.first().is_some_and(|f| ts - timestamp(f) > MINUTE_MS) {
            send(sim, std::mem::take(&mut batch)).await?;
        }
        batch.push(e);
    }
    if !batch.is_empty() {
        send(sim, batch).await?;
    }
    tracing::info!(friends, "seeded the demo shop");
    Ok(users)
}

fn timestamp(e: &Value) -> i64 {
    e.get("timestamp").and_then(Value::as_i64).unwrap_or(0)
}

async fn send(sim: &Simulator, events: Vec<Value>) -> anyhow::Result<()> {
    let d = sim.deliver(events).await?;
    if !(200..300).contains(&d.status) {
        bail!(
            "the webhook answered {} while seeding the demo history",
            d.status
        );
    }
    Ok(())
}

fn step_event(sim: &Simulator, user_id: &str, step: Step, t: i64) -> Value {
    match step {
        Text(s) => sim.event_text(user_id, s, Some(t)),
        Emoji(s) => {
            let emoji = LineEmoji::new("5ac1bfd5040ab15980c9b435", "001", "(love)");
            sim.event_text_with_emoji(user_id, s, &[emoji], Some(t))
        }
        Sticker(p, s, k) => sim.event_sticker(user_id, p, s, k, Some(t)),
        Image => sim.event_image(user_id, Some(t)),
        Video => sim.event_video(user_id, Some(t)),
        Audio => sim.event_audio(user_id, Some(t)),
        File(name, size) => sim.event_file(user_id, name, size, Some(t)),
        Location(title, address, lat, lon) => {
            sim.event_location(user_id, title, address, lat, lon, Some(t))
        }
        Postback(data) => sim.event_postback(user_id, data, None, Some(t)),
    }
}
