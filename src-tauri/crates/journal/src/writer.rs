//! The writing side: appends batches, rolls segments over and drops projected ones.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::time::Duration;

use crate::files::{SpareMaker, create_segment, list_segments, lock, read_projected, segment_path, spare_maker};
use crate::reader::Scan;
use crate::record::{encode, write_at};
use crate::{LOG_DIR, PROJECTED_FILE, SEGMENT_BYTES, SEGMENT_MIN_BYTES, SPARE_FILE};

/// The writing side: one per data dir, used from the journal's writer thread only.
pub struct LogWriter {
    dir: PathBuf,
    /// First ids of the segments on disk, oldest first; the last one is `file`.
    pub(crate) segments: Vec<i64>,
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
    pub(crate) remove_segment: fn(&Path) -> io::Result<()>,
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

    pub(crate) fn open_with(data_dir: &Path, wait: Duration, segment_bytes: u64) -> io::Result<Option<LogWriter>> {
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
    pub(crate) fn first_id(&self) -> i64 {
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
