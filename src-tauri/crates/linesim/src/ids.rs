//! Identifiers derived from the seed and a per-kind counter.
//!
//! A shared RNG would make every id depend on the interleaving of unrelated work (chatter
//! timing, concurrent requests); hashing (seed, kind, n) keeps user ids and event ids stable
//! for a given seed no matter what else happened in between.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Clone, Copy)]
pub enum Kind {
    User = 0,
    Message = 1,
    ReplyToken = 2,
    QuoteToken = 3,
    ReadToken = 4,
    Event = 5,
    Request = 6,
    SentMessage = 7,
}
const KINDS: usize = 8;

pub struct Ids {
    seed: u64,
    counters: [AtomicU64; KINDS],
}

pub fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

impl Ids {
    pub fn new(seed: u64) -> Self {
        Ids {
            seed,
            counters: Default::default(),
        }
    }

    fn next(&self, kind: Kind) -> u128 {
        let n = self.counters[kind as usize].fetch_add(1, Ordering::Relaxed);
        let hi = splitmix(splitmix(self.seed) ^ splitmix((kind as u64) << 56 | n));
        let lo = splitmix(hi ^ 0xD1B5_4A32_D192_ED03);
        (u128::from(hi) << 64) | u128::from(lo)
    }

    /// "U" + 32 lowercase hex, the shape webhook.yml gives for user ids.
    pub fn user_id(&self) -> String {
        format!("U{:032x}", self.next(Kind::User))
    }

    /// LINE message ids are decimal strings of about 18 digits, and a newer message has
    /// a larger id. Random ids would make every stored message land at a random place
    /// in the receiver's index on them, which LINE's own ids never do.
    pub fn message_id(&self) -> String {
        self.increasing_id(Kind::Message, 400_000_000_000_000_000)
    }

    pub fn sent_message_id(&self) -> String {
        self.increasing_id(Kind::SentMessage, 700_000_000_000_000_000)
    }

    /// Grows with the kind's counter: a seeded start within 10^15 of `floor`, steps of
    /// 1 000 with a seeded jitter below that, so ids are unique and ordered per kind and
    /// the two kinds' ranges stay apart for far more messages than any run sends.
    fn increasing_id(&self, kind: Kind, floor: u64) -> String {
        let n = self.counters[kind as usize].fetch_add(1, Ordering::Relaxed);
        let start = floor + splitmix(splitmix(self.seed) ^ kind as u64) % 1_000_000_000_000_000;
        let jitter = splitmix(splitmix(self.seed) ^ ((kind as u64) << 56 | n)) % 1_000;
        (start + n * 1_000 + jitter).to_string()
    }

    pub fn reply_token(&self) -> String {
        format!("{:032x}", self.next(Kind::ReplyToken))
    }

    pub fn quote_token(&self) -> String {
        format!("q{:032x}", self.next(Kind::QuoteToken))
    }

    pub fn read_token(&self) -> String {
        format!("r{:032x}", self.next(Kind::ReadToken))
    }

    /// A ULID whose time part is the event's timestamp and whose random part comes from
    /// the seed, so ids sort like LINE's and differ between runs only in the time prefix.
    pub fn event_id(&self, timestamp_ms: i64) -> String {
        let ts = u64::try_from(timestamp_ms).unwrap_or(0);
        ulid::Ulid::from_parts(ts, self.next(Kind::Event)).to_string()
    }

    /// x-line-request-id values are UUIDs.
    pub fn request_id(&self) -> String {
        uuid::Builder::from_random_bytes(self.next(Kind::Request).to_be_bytes())
            .into_uuid()
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_ids_and_shapes() {
        let (a, b) = (Ids::new(7), Ids::new(7));
        let ua = a.user_id();
        assert_eq!(ua, b.user_id());
        assert_eq!(ua.len(), 33);
        assert_ne!(ua, a.user_id());
        assert_ne!(Ids::new(8).user_id(), ua);
        let (m1, m2) = (a.message_id(), a.message_id());
        assert_eq!(m1.len(), 18);
        assert!(m2.parse::<u64>().unwrap() > m1.parse::<u64>().unwrap(), "{m2} after {m1}");
        assert_eq!(b.message_id(), m1);
        assert_eq!(a.event_id(1_700_000_000_000).len(), 26);
    }
}
