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

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

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

/// The writing side: one per data dir, used from the journal's writer thread only.
pub struct LogWriter {
    dir: PathBuf,
    /// First ids of the segments on disk, oldest first; the last one is `file`.
    segments: Vec<i64>,
    file: File,
    offset: u64,
    /// The current segment's length: writes below it change no file size.
    zeroed_to: u64,
    next_id: i64,
    /// Entries up to here may be dropped.
    forget_upto: i64,
    /// After a failed write the rest of the segment is in doubt: the next batch starts a new one.
    rotate: bool,
    segment_bytes: u64,
    buf: Vec<u8>,
    /// Asks the helper thread for the next spare segment, and the thread, joined on drop:
    /// a helper outliving its writer would still be filling a file that a new writer on
    /// the same data dir may already have taken as a segment and written entries into.
    spares: Option<SpareMaker>,
    /// Deletes a dropped segment's file (a stand-in in tests).
    remove_segment: fn(&Path) -> io::Result<()>,
    /// The segment whose deletion failed last, so a file held open for an hour is
    /// reported once, not at every retry.
    stuck: Option<i64>,
    _lock: File,
}

impl LogWriter {
    /// Opens the log under `data_dir`, creating it, and recovers its end after a crash.
    /// None when another process holds it for longer than `wait` (a writer of this
    /// process that is still closing is always waited for).
    pub fn open(data_dir: &Path, wait: Duration) -> io::Result<Option<LogWriter>> {
        Self::open_with(data_dir, wait, SEGMENT_BYTES)
    }

    fn open_with(data_dir: &Path, wait: Duration, segment_bytes: u64) -> io::Result<Option<LogWriter>> {
        let dir = data_dir.join(LOG_DIR);
        fs::create_dir_all(&dir)?;
        let Some(lock) = lock(&dir, wait)? else {
            return Ok(None);
        };
        let forget_upto = read_projected(&dir);
        let mut segments = list_segments(&dir)?;
        if segments.is_empty() {
            create_segment(&dir, 1)?;
            segments.push(1);
        }
        // Every segment before the newest was complete before the next one was started;
        // only the newest can end in a torn batch.
        let mut next_id = segments[0];
        let mut scan = None;
        for (i, &first) in segments.iter().enumerate() {
            let bound = segments.get(i + 1).copied().unwrap_or(i64::MAX);
            if next_id < first && i > 0 {
                tracing::error!(segment = segments[i - 1], missing_from = next_id, next_segment = first, "webhook journal segment ends early");
            }
            let mut s = Scan::open(&dir, first)?;
            while let Some(e) = s.next(bound)? {
                next_id = e.id + 1;
            }
            next_id = next_id.max(first);
            scan = Some(s);
        }
        let Some(newest) = scan else {
            return Err(io::Error::other("webhook journal without segments"));
        };
        let path = segment_path(&dir, newest.first);
        let file = OpenOptions::new().read(true).write(true).open(path)?;
        if file.metadata()?.len() > newest.offset {
            file.set_len(newest.offset)?;
            file.sync_all()?;
        }
        let offset = newest.offset;
        let spares = Some(spare_maker(dir.clone(), segment_bytes)?);
        let mut log = LogWriter {
            dir,
            segments,
            file,
            offset,
            zeroed_to: offset,
            next_id,
            forget_upto,
            rotate: false,
            segment_bytes,
            buf: Vec::new(),
            spares,
            remove_segment: |path| fs::remove_file(path),
            stuck: None,
            _lock: lock,
        };
        log.drop_forgotten();
        Ok(Some(log))
    }

    /// The id the next appended entry gets.
    pub fn next_id(&self) -> i64 {
        self.next_id
    }

    /// The oldest id still on disk (entries before it were dropped).
    #[cfg(test)]
    fn first_id(&self) -> i64 {
        self.segments[0]
    }

    /// Appends one batch and makes it durable; returns the first entry's id (the rest follow).
    pub fn append(&mut self, account_bodies: &[(i64, &[u8])], received_at: i64) -> io::Result<i64> {
        let first_id = self.next_id;
        self.buf.clear();
        for (i, (account_id, body)) in account_bodies.iter().enumerate() {
            encode(&mut self.buf, first_id + i as i64, *account_id, received_at, body);
        }
        let fits = self.offset + self.buf.len() as u64 <= self.segment_bytes;
        let forgotten = self.forget_upto >= self.next_id - 1 && self.offset >= SEGMENT_MIN_BYTES;
        // A segment that would grow (made when no spare was ready, or cut after a crash)
        // is left as soon as a zero-filled one is.
        let grows = self.offset + self.buf.len() as u64 > self.zeroed_to && self.dir.join(SPARE_FILE).exists();
        if self.rotate || (self.offset > 0 && (!fits || forgotten || grows)) {
            self.start_segment()?;
        }
        let written = write_at(&self.file, &self.buf, self.offset).and_then(|()| self.file.sync_data());
        if let Err(e) = written {
            // Whatever reached the file is not acknowledged; it must not be read as entries
            // when the next batch reuses these ids in a new segment.
            let _ = self.file.set_len(self.offset);
            self.rotate = true;
            return Err(e);
        }
        self.offset += self.buf.len() as u64;
        self.next_id += account_bodies.len() as i64;
        Ok(first_id)
    }

    /// Entries up to `upto` are in the store: drops every segment that holds nothing newer.
    /// Fails only when the note of how far that is cannot be written; a segment file that
    /// cannot be deleted yet stays for the next try (see [`Self::drop_forgotten`]).
    pub fn forget(&mut self, upto: i64) -> io::Result<()> {
        if upto > self.forget_upto {
            self.forget_upto = upto;
            let tmp = self.dir.join(format!("{PROJECTED_FILE}.tmp"));
            fs::write(&tmp, upto.to_string())?;
            fs::rename(&tmp, self.dir.join(PROJECTED_FILE))?;
        }
        self.drop_forgotten();
        Ok(())
    }

    /// Deletes the files of segments that hold only projected entries, oldest first.
    /// Housekeeping, never a reason to refuse a batch: on Windows an antivirus scanner or
    /// a backup tool can hold a segment open without delete sharing for a while. A file
    /// that cannot go now is logged and stays (with every newer one, so the segments on
    /// disk stay one unbroken run of ids); the next forget or new segment tries again.
    fn drop_forgotten(&mut self) {
        while self.segments.len() > 1 && self.segments[1] - 1 <= self.forget_upto {
            let first = self.segments[0];
            let path = segment_path(&self.dir, first);
            match (self.remove_segment)(&path) {
                Ok(()) => {}
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => {
                    if self.stuck.replace(first) != Some(first) {
                        tracing::warn!(error = %e, path = %path.display(), "could not delete a projected webhook journal file yet; trying again later");
                    }
                    return;
                }
            }
            if self.stuck == Some(first) {
                tracing::info!(path = %path.display(), "deleted the projected webhook journal file that was held before");
                self.stuck = None;
            }
            self.segments.remove(0);
        }
    }

    fn start_segment(&mut self) -> io::Result<()> {
        let first = self.next_id;
        // After a failed write the failed batch's ids are reused; its segment may then be
        // named after the same first id, which only happens if it held nothing.
        if self.segments.last() == Some(&first) {
            self.file.set_len(0)?;
            self.zeroed_to = 0;
        } else {
            self.file = create_segment(&self.dir, first)?;
            self.zeroed_to = self.file.metadata()?.len();
            self.segments.push(first);
            if let Some(maker) = &self.spares {
                let _ = maker.ask.send(());
            }
        }
        self.offset = 0;
        self.rotate = false;
        self.drop_forgotten();
        Ok(())
    }
}

impl Drop for LogWriter {
    fn drop(&mut self) {
        if let Some(maker) = self.spares.take() {
            maker.stop.store(true, Ordering::Relaxed);
            drop(maker.ask);
            let _ = maker.thread.join();
        }
    }
}

/// The reading side, for the projector: entries in id order, never past what was committed.
pub struct LogReader {
    dir: PathBuf,
    /// Entries up to here were projected before this reader was made.
    floor: i64,
    /// Where the last read stopped, to go on from there instead of scanning the segment again.
    at: Option<Scan>,
}

impl LogReader {
    pub fn new(data_dir: &Path) -> LogReader {
        let dir = data_dir.join(LOG_DIR);
        LogReader { floor: read_projected(&dir), dir, at: None }
    }

    /// The id of the newest whole entry on disk, for a process that does not own the log.
    pub fn newest(&mut self) -> io::Result<i64> {
        let mut newest = self.floor;
        loop {
            match self.read_after(newest, i64::MAX, 4096)?.last() {
                Some(e) => newest = e.id,
                None => return Ok(newest),
            }
        }
    }

    /// The entries with ids in `after+1 ..= committed`, oldest first, at most `limit`.
    pub fn read_after(&mut self, after: i64, committed: i64, limit: usize) -> io::Result<Vec<LogEntry>> {
        let after = after.max(self.floor);
        let mut out = Vec::new();
        if after >= committed || limit == 0 {
            return Ok(out);
        }
        let segments = list_segments(&self.dir)?;
        if segments.is_empty() {
            return Ok(out);
        }
        // The segment holding `after + 1`, or the oldest if that was dropped.
        let mut index = segments.iter().rposition(|&first| first <= after + 1).unwrap_or(0);
        let mut scan = match self.at.take() {
            Some(mut s) if s.first == segments[index] && s.expect == after + 1 => {
                // What the last read buffered past its end is stale: in a zero-filled
                // segment it is zeros where entries have been written since.
                s.stop()?;
                s
            }
            _ => Scan::open(&self.dir, segments[index])?,
        };
        loop {
            let bound = segments.get(index + 1).copied().unwrap_or(i64::MAX).min(committed.saturating_add(1));
            while out.len() < limit {
                match scan.next(bound)? {
                    Some(e) if e.id <= after => {}
                    Some(e) => out.push(e),
                    None => break,
                }
            }
            // A full batch, or the newest segment read up to what was committed: stop here.
            if out.len() >= limit || index + 1 >= segments.len() || segments[index + 1] > committed {
                break;
            }
            index += 1;
            scan = Scan::open(&self.dir, segments[index])?;
        }
        self.at = Some(scan);
        Ok(out)
    }
}

/// Reads one segment's records in order, checking each.
struct Scan {
    first: i64,
    file: io::BufReader<File>,
    /// End of the last good record.
    offset: u64,
    /// The id the next record must carry.
    expect: i64,
}

impl Scan {
    fn open(dir: &Path, first: i64) -> io::Result<Scan> {
        let file = io::BufReader::with_capacity(256 << 10, File::open(segment_path(dir, first))?);
        Ok(Scan { first, file, offset: 0, expect: first })
    }

    /// The next good record with an id below `bound`; None at the end of what is there.
    fn next(&mut self, bound: i64) -> io::Result<Option<LogEntry>> {
        if self.expect >= bound {
            return Ok(None);
        }
        let mut header = [0u8; HEADER];
        if !read_full(&mut self.file, &mut header)? {
            return self.stop();
        }
        let len = u32::from_le_bytes(word(&header, 0)) as usize;
        let crc = u32::from_le_bytes(word(&header, 4));
        let id = i64::from_le_bytes(dword(&header, 8));
        let account_id = i64::from_le_bytes(dword(&header, 16));
        if len > MAX_BODY || id != self.expect {
            return self.stop();
        }
        let mut body = vec![0u8; len];
        if !read_full(&mut self.file, &mut body)? {
            return self.stop();
        }
        let mut hasher = crc32fast::Hasher::new();
        hasher.update(&header[8..]);
        hasher.update(&body);
        if hasher.finalize() != crc {
            return self.stop();
        }
        self.offset += (HEADER + len) as u64;
        self.expect += 1;
        Ok(Some(LogEntry { id, account_id, body }))
    }

    /// Back to the end of the last good record, so a later call sees what is appended there.
    fn stop(&mut self) -> io::Result<Option<LogEntry>> {
        self.file.seek(SeekFrom::Start(self.offset))?;
        Ok(None)
    }
}

fn encode(buf: &mut Vec<u8>, id: i64, account_id: i64, received_at: i64, body: &[u8]) {
    let start = buf.len();
    buf.extend_from_slice(&(body.len() as u32).to_le_bytes());
    buf.extend_from_slice(&[0; 4]);
    buf.extend_from_slice(&id.to_le_bytes());
    buf.extend_from_slice(&account_id.to_le_bytes());
    buf.extend_from_slice(&received_at.to_le_bytes());
    buf.extend_from_slice(body);
    let crc = crc32fast::hash(&buf[start + 8..]);
    buf[start + 4..start + 8].copy_from_slice(&crc.to_le_bytes());
}

fn word(b: &[u8; HEADER], at: usize) -> [u8; 4] {
    [b[at], b[at + 1], b[at + 2], b[at + 3]]
}

fn dword(b: &[u8; HEADER], at: usize) -> [u8; 8] {
    let mut out = [0u8; 8];
    out.copy_from_slice(&b[at..at + 8]);
    out
}

/// Fills `buf`; false when the file ends first.
fn read_full(r: &mut impl Read, buf: &mut [u8]) -> io::Result<bool> {
    match r.read_exact(buf) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(unix)]
fn write_at(file: &File, buf: &[u8], offset: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, buf, offset)
}

#[cfg(windows)]
fn write_at(file: &File, mut buf: &[u8], mut offset: u64) -> io::Result<()> {
    while !buf.is_empty() {
        let n = std::os::windows::fs::FileExt::seek_write(file, buf, offset)?;
        if n == 0 {
            return Err(io::ErrorKind::WriteZero.into());
        }
        buf = &buf[n..];
        offset += n as u64;
    }
    Ok(())
}

fn segment_path(dir: &Path, first: i64) -> PathBuf {
    dir.join(format!("{first:020}{SUFFIX}"))
}

fn list_segments(dir: &Path) -> io::Result<Vec<i64>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let name = entry?.file_name();
        if let Some(first) = name.to_str().and_then(|n| n.strip_suffix(SUFFIX)).and_then(|n| n.parse::<i64>().ok()) {
            out.push(first);
        }
    }
    out.sort_unstable();
    Ok(out)
}

/// The log's lock. A holder in this process (a core still closing) is waited for up to
/// `SAME_PROCESS_WAIT`; another process, up to `wait_other`. The holder writes its
/// process id into `HOLDER_FILE` so the two can be told apart.
fn lock(dir: &Path, wait_other: Duration) -> io::Result<Option<File>> {
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new().read(true).write(true).create(true).truncate(false).open(&path)?;
    let start = Instant::now();
    loop {
        match file.try_lock() {
            Ok(()) => {
                // A lock file that still holds an id (written there by earlier versions)
                // would name a process that is gone.
                file.set_len(0)?;
                fs::write(dir.join(HOLDER_FILE), std::process::id().to_string())?;
                return Ok(Some(file));
            }
            Err(fs::TryLockError::WouldBlock) => {
                let holder = lock_holder(dir);
                let limit = if holder == Some(std::process::id()) { SAME_PROCESS_WAIT } else { wait_other };
                if start.elapsed() >= limit {
                    return Ok(None);
                }
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
    }
}

/// The process id the lock's holder wrote down, if it can be read.
fn lock_holder(dir: &Path) -> Option<u32> {
    fs::read_to_string(dir.join(HOLDER_FILE)).ok().and_then(|s| s.trim().parse().ok())
}

fn read_projected(dir: &Path) -> i64 {
    fs::read_to_string(dir.join(PROJECTED_FILE)).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0)
}

/// A new segment (the spare if one is ready, else an empty file) whose name survives a
/// crash before its first entry is acknowledged.
fn create_segment(dir: &Path, first: i64) -> io::Result<File> {
    let path = segment_path(dir, first);
    let file = match fs::rename(dir.join(SPARE_FILE), &path) {
        Ok(()) => OpenOptions::new().read(true).write(true).open(&path)?,
        Err(_) => OpenOptions::new().read(true).write(true).create_new(true).open(&path)?,
    };
    sync_dir(dir)?;
    Ok(file)
}

/// The thread that keeps one zero-filled spare segment ready.
struct SpareMaker {
    ask: mpsc::Sender<()>,
    /// Set when the writer goes: the thread stops within one chunk instead of finishing the file.
    stop: Arc<AtomicBool>,
    thread: std::thread::JoinHandle<()>,
}

/// Starts the spare maker and asks it for the first spare.
fn spare_maker(dir: PathBuf, bytes: u64) -> io::Result<SpareMaker> {
    let (ask, asked) = mpsc::channel::<()>();
    let stop = Arc::new(AtomicBool::new(false));
    let stopping = stop.clone();
    let thread = std::thread::Builder::new().name("webhook-journal-spare".into()).spawn(move || {
        while asked.recv().is_ok() {
            if !dir.join(SPARE_FILE).exists()
                && let Err(e) = make_spare(&dir, bytes, &stopping)
            {
                tracing::warn!(error = %e, "could not prepare the next webhook journal segment");
            }
        }
    })?;
    let _ = ask.send(());
    Ok(SpareMaker { ask, stop, thread })
}

fn make_spare(dir: &Path, bytes: u64, stop: &AtomicBool) -> io::Result<()> {
    let tmp = dir.join(format!("{SPARE_FILE}.tmp"));
    let mut file = File::create(&tmp)?;
    let zeros = vec![0u8; 1 << 20];
    let mut left = bytes;
    while left > 0 {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        let n = left.min(zeros.len() as u64) as usize;
        file.write_all(&zeros[..n])?;
        left -= n as u64;
    }
    file.sync_all()?;
    fs::rename(&tmp, dir.join(SPARE_FILE))
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Windows cannot open a folder to flush it; NTFS journals the new name itself.
#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests;
