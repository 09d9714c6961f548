//! The log's folder: segment files and their names, the one-writer lock, the
//! projected mark and the zero-filled spare segment made ahead of need.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use crate::{HOLDER_FILE, LOCK_FILE, PROJECTED_FILE, SAME_PROCESS_WAIT, SPARE_FILE, SUFFIX};

pub(crate) fn segment_path(dir: &Path, first: i64) -> PathBuf {
    dir.join(format!("{first:020}{SUFFIX}"))
}

pub(crate) fn list_segments(dir: &Path) -> io::Result<Vec<i64>> {
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
pub(crate) fn lock(dir: &Path, wait_other: Duration) -> io::Result<Option<File>> {
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
pub(crate) fn lock_holder(dir: &Path) -> Option<u32> {
    fs::read_to_string(dir.join(HOLDER_FILE)).ok().and_then(|s| s.trim().parse().ok())
}

pub(crate) fn read_projected(dir: &Path) -> i64 {
    fs::read_to_string(dir.join(PROJECTED_FILE)).ok().and_then(|s| s.trim().parse().ok()).unwrap_or(0)
}

/// A new segment (the spare if one is ready, else an empty file) whose name survives a
/// crash before its first entry is acknowledged.
pub(crate) fn create_segment(dir: &Path, first: i64) -> io::Result<File> {
    let path = segment_path(dir, first);
    let file = match fs::rename(dir.join(SPARE_FILE), &path) {
        Ok(()) => OpenOptions::new().read(true).write(true).open(&path)?,
        Err(_) => OpenOptions::new().read(true).write(true).create_new(true).open(&path)?,
    };
    sync_dir(dir)?;
    Ok(file)
}

/// The thread that keeps one zero-filled spare segment ready.
pub(crate) struct SpareMaker {
    pub(crate) ask: mpsc::Sender<()>,
    /// Set when the writer goes: the thread stops within one chunk instead of finishing the file.
    pub(crate) stop: Arc<AtomicBool>,
    pub(crate) thread: std::thread::JoinHandle<()>,
}

/// Starts the spare maker and asks it for the first spare.
pub(crate) fn spare_maker(dir: PathBuf, bytes: u64) -> io::Result<SpareMaker> {
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

pub(crate) fn make_spare(dir: &Path, bytes: u64, stop: &AtomicBool) -> io::Result<()> {
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
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

/// Windows cannot open a folder to flush it; NTFS journals the new name itself.
#[cfg(not(unix))]
pub(crate) fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}
