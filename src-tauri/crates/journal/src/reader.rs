//! The reading side: entries in id order across segments, each record checked.

use std::fs::File;
use std::io::{self, Seek, SeekFrom};
use std::path::{Path, PathBuf};

use crate::files::{list_segments, read_projected, segment_path};
use crate::record::{dword, read_full, word};
use crate::{HEADER, LOG_DIR, LogEntry, MAX_BODY};

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
pub(crate) struct Scan {
    pub(crate) first: i64,
    pub(crate) file: io::BufReader<File>,
    /// End of the last good record.
    pub(crate) offset: u64,
    /// The id the next record must carry.
    pub(crate) expect: i64,
}

impl Scan {
    pub(crate) fn open(dir: &Path, first: i64) -> io::Result<Scan> {
        let file = io::BufReader::with_capacity(256 << 10, File::open(segment_path(dir, first))?);
        Ok(Scan { first, file, offset: 0, expect: first })
    }

    /// The next good record with an id below `bound`; None at the end of what is there.
    pub(crate) fn next(&mut self, bound: i64) -> io::Result<Option<LogEntry>> {
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
    pub(crate) fn stop(&mut self) -> io::Result<Option<LogEntry>> {
        self.file.seek(SeekFrom::Start(self.offset))?;
        Ok(None)
    }
}
