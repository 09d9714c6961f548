//! The webhook journal's files: an append-only log of verified request bodies, in
//! segments named after their first entry's id. A record is a 32-byte header (body
//! length, CRC-32 of everything after it, id, account, arrival time) and the body.
//!
//! Why not SQLite (what the journal was before): a commit there writes every touched
//! b-tree page twice over (WAL frame, then checkpoint) and costs the writer about twice
//! the CPU per request that one `pwrite` and one `fdatasync` per batch do; that writer
//! is what LINE waits on. Why not a WAL crate: the ones on crates.io hand the log to a
//! checkpoint callback when a segment fills, while the projector needs to read at its
//! own pace and let go of entries by id. The format needs only append, scan and drop.
//!
//! A crash can leave a torn batch at the end of the newest segment; nobody was told
//! 200 for it. Opening stops at the first record that is short, fails its CRC or does
//! not carry the next id, and cuts the file there.

use std::time::Duration;

mod files;
mod reader;
mod record;
mod writer;

pub use reader::LogReader;
pub use writer::LogWriter;

/// The folder in the data dir that holds the segments.
pub const LOG_DIR: &str = "webhook-journal";

const HEADER: usize = 32;
/// A new segment is started past this size, so projected entries can be dropped a file at a time.
const SEGMENT_BYTES: u64 = 32 << 20;
/// A current segment holding only projected entries is closed early from this size, so a
/// quiet shop does not keep months of bodies in its journal.
const SEGMENT_MIN_BYTES: u64 = 1 << 20;
/// Larger than any body the webhook accepts (1 MiB); a header claiming more is garbage.
const MAX_BODY: usize = 4 << 20;
const SUFFIX: &str = ".log";
/// Held (an OS file lock) by the one process that writes the log.
const LOCK_FILE: &str = "lock";
/// The lock holder's process id, beside the lock: on Windows the lock is mandatory and
/// nobody else can read the locked file itself.
const HOLDER_FILE: &str = "lock.holder";
/// How long an opener waits for a writer of the same process to finish closing.
const SAME_PROCESS_WAIT: Duration = Duration::from_secs(10);
/// The newest id the store is known to hold, so a restart does not project the current
/// segment again. Not flushed: losing it costs a replay, which the dedupe makes a no-op.
const PROJECTED_FILE: &str = "projected";
/// The next segment, already full of zeros: writing into it never changes a file's size,
/// so a flush has no metadata to commit and does not wait for the file system's journal
/// (behind everything else being written). Made by a helper thread ahead of need.
const SPARE_FILE: &str = "spare";

/// One entry as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    pub id: i64,
    pub account_id: i64,
    pub body: Vec<u8>,
}

#[cfg(test)]
mod tests;
