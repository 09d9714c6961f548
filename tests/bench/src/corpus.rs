//! Webhook bodies as LINE sends them: built by the simulator (so they carry every field
//! of `webhook.yml`: reply, quote and markAsRead tokens, delivery context, ...), two text
//! events each, from many customers, each body signed with the channel secret.

use std::io::Write as _;
use std::path::Path;

use bytes::Bytes;
use linesim::{SimUser, Simulator};
use serde_json::Value;

const FAMILY: &[&str] = &[
    "佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田", "佐々木", "山口",
    "松本", "井上", "木村", "林", "斎藤", "清水", "山崎", "森", "池田", "橋本", "阿部", "石川", "前田", "藤田",
];
const GIVEN: &[&str] = &[
    "さくら", "陽菜", "美咲", "結衣", "葵", "大翔", "蓮", "悠真", "湊", "健太", "由美", "恵子", "翔太", "花子",
    "あかり", "拓海", "真由美", "直樹", "彩", "亮", "ゆうこ", "けんじ", "Mika", "りな",
];
const TEXTS: &[&str] = &[
    "来週の火曜日、空いてる時間ありますか？",
    "前髪だけカットってできますか？",
    "今日って当日予約できますか？",
    "予約の時間、30分遅らせることってできますか？🙏",
    "この前はありがとうございました😊 周りにも褒められました！",
    "ポイントカード忘れちゃったんですが大丈夫ですか？",
    "年末は何日まで営業されてますか？",
    "土曜の午前中って混んでますか？",
    "駐車場はありますか？",
    "明日の14時で2名予約したいです",
    "テイクアウトのお弁当、12時に3つお願いできますか？",
    "アレルギーがあるので、卵を使っていないメニューを教えてください",
    "ギフト用のラッピングってお願いできますか？",
    "クーポンの有効期限はいつまでですか？",
    "すみません、電車が遅れていて10分ほど遅れます💦",
    "了解です🙆‍♀️",
    "ありがとうございます！楽しみにしてます✨",
    "キャンセル待ちってできますか？",
    "支払いはPayPay使えますか？",
    "先日購入したシャンプー、すごく良かったのでもう1本取り置きお願いします",
    "子ども連れでも大丈夫ですか？ベビーカーで伺いたいです",
    "営業時間の変更があれば教えてください",
    "はい、大丈夫です！",
    "写真のこのケーキ、ホールで予約できますか？🎂",
];

/// One signed webhook request body.
pub struct Body {
    pub bytes: Bytes,
    pub signature: String,
    pub event_ids: Vec<String>,
}

/// splitmix64: deterministic choices without a dependency.
pub struct Mix(u64);

impl Mix {
    pub fn new(seed: u64) -> Mix {
        Mix(seed)
    }
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }
}

/// `n` new friends of the bot with Japanese names.
pub fn add_users(sim: &Simulator, n: usize) -> Vec<SimUser> {
    let mut mix = Mix::new(0x05E7);
    (0..n)
        .map(|_| {
            let name = format!("{} {}", *mix.pick(FAMILY), *mix.pick(GIVEN));
            sim.add_user(&name)
        })
        .collect()
}

/// `n` bodies of `events_per_body` text events, each event from a random customer.
/// Every event gets a fresh webhookEventId from the simulator, so no body is a redelivery.
pub fn bodies(sim: &Simulator, users: &[SimUser], n: usize, events_per_body: usize, seed: u64) -> Vec<Body> {
    let mut mix = Mix::new(seed);
    (0..n)
        .map(|_| {
            let events: Vec<Value> = (0..events_per_body)
                .map(|_| {
                    let user = mix.pick(users);
                    let text = *mix.pick::<&str>(TEXTS);
                    sim.event_text(&user.user_id, text, None)
                })
                .collect();
            let event_ids = events
                .iter()
                .map(|e| e["webhookEventId"].as_str().unwrap_or_default().to_owned())
                .collect();
            let (bytes, signature) = sim.signed_body(events);
            Body { bytes: Bytes::from(bytes), signature, event_ids }
        })
        .collect()
}

/// The bodies, byte for byte, as JSON Lines `{"body": "...", "signature": "..."}` for the
/// Python peer. Bodies are UTF-8 JSON, so the text round-trips exactly.
pub fn write_jsonl(path: &Path, bodies: &[Body]) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    for b in bodies {
        let body = std::str::from_utf8(&b.bytes)?;
        serde_json::to_writer(&mut out, &serde_json::json!({ "body": body, "signature": b.signature }))?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
