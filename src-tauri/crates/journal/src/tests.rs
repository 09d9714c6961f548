//! The log against its files: order, torn tails, flipped bytes, segment roll-over and
//! deletion, and the one-writer lock.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::files::{list_segments, lock_holder, segment_path};
use crate::{HEADER, HOLDER_FILE, LOCK_FILE, LOG_DIR, LogEntry, LogReader, LogWriter, SEGMENT_MIN_BYTES, SPARE_FILE};

fn append(w: &mut LogWriter, bodies: &[&[u8]]) -> i64 {
    let batch: Vec<(i64, &[u8])> = bodies.iter().map(|b| (7, *b)).collect();
    w.append(&batch, 1).expect("append")
}

fn ids(entries: &[LogEntry]) -> Vec<i64> {
    entries.iter().map(|e| e.id).collect()
}

#[test]
fn entries_come_back_in_order_and_only_up_to_what_was_committed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut w = LogWriter::open(dir.path(), Duration::ZERO).expect("open").expect("not locked");
    assert_eq!(append(&mut w, &[b"a", b"bb"]), 1);
    assert_eq!(append(&mut w, &[b"ccc"]), 3);
    let mut r = LogReader::new(dir.path());
    let got = r.read_after(0, 2, 10).expect("read");
    assert_eq!(ids(&got), [1, 2]);
    assert_eq!(got[1].body, b"bb");
    assert_eq!(got[1].account_id, 7);
    assert_eq!(ids(&r.read_after(2, 3, 10).expect("read")), [3]);
    assert_eq!(ids(&r.read_after(0, 3, 2).expect("read")), [1, 2], "a reader may start over");
}

#[test]
fn entries_written_after_a_read_into_a_zero_filled_segment_are_seen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut w = LogWriter::open_with(dir.path(), Duration::ZERO, 1 << 20).expect("open").expect("not locked");
    append(&mut w, &[b"in the first segment"]);
    // Wait for the spare, so the next write moves into a segment full of zeros.
    let spare = dir.path().join(LOG_DIR).join(SPARE_FILE);
    let until = Instant::now() + Duration::from_secs(10);
    while !spare.exists() && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(5));
    }
    append(&mut w, &[b"first in the spare"]);
    assert_eq!(list_segments(&dir.path().join(LOG_DIR)).expect("list"), [1, 2], "the growing segment was left for the spare");
    let mut r = LogReader::new(dir.path());
    assert_eq!(ids(&r.read_after(0, 2, 10).expect("read")), [1, 2]);
    append(&mut w, &[b"second in the spare"]);
    assert_eq!(ids(&r.read_after(2, 3, 10).expect("read")), [3], "the reader's buffer of zeros hid a new entry");
}

#[test]
fn a_torn_tail_is_cut_and_its_ids_are_given_out_again() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut w = LogWriter::open(dir.path(), Duration::ZERO).expect("open").expect("not locked");
    append(&mut w, &[b"kept", b"kept too"]);
    append(&mut w, &[b"torn"]);
    drop(w);
    let path = segment_path(&dir.path().join(LOG_DIR), 1);
    let len = fs::metadata(&path).expect("meta").len();
    OpenOptions::new().write(true).open(&path).expect("open").set_len(len - 2).expect("cut");

    let mut w = LogWriter::open(dir.path(), Duration::ZERO).expect("reopen").expect("not locked");
    assert_eq!(w.next_id(), 3, "the torn entry was never acknowledged");
    assert_eq!(append(&mut w, &[b"after"]), 3);
    let got = LogReader::new(dir.path()).read_after(0, 3, 10).expect("read");
    assert_eq!(got.iter().map(|e| e.body.as_slice()).collect::<Vec<_>>(), [&b"kept"[..], b"kept too", b"after"]);
}

#[test]
fn a_flipped_byte_ends_the_log_there() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut w = LogWriter::open(dir.path(), Duration::ZERO).expect("open").expect("not locked");
    append(&mut w, &[b"one", b"two", b"three"]);
    drop(w);
    let path = segment_path(&dir.path().join(LOG_DIR), 1);
    let mut bytes = fs::read(&path).expect("read");
    let second_body = HEADER + 3 + HEADER;
    bytes[second_body] ^= 1;
    fs::write(&path, bytes).expect("write");
    let w = LogWriter::open(dir.path(), Duration::ZERO).expect("reopen").expect("not locked");
    assert_eq!(w.next_id(), 2);
}

#[test]
fn segments_roll_over_and_projected_ones_are_dropped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut w = LogWriter::open_with(dir.path(), Duration::ZERO, 64 << 10).expect("open").expect("not locked");
    let big = vec![b'x'; 20 << 10];
    for _ in 0..7 {
        append(&mut w, &[&big]);
    }
    let segments = list_segments(&dir.path().join(LOG_DIR)).expect("list");
    assert!(segments.len() >= 3, "{segments:?}");
    let mut r = LogReader::new(dir.path());
    let got = r.read_after(0, 7, 100).expect("read");
    assert_eq!(ids(&got), (1..=7).collect::<Vec<_>>(), "reads go on across segments");

    w.forget(5).expect("forget");
    assert!(w.first_id() > 1 && w.first_id() <= 6, "first id {}", w.first_id());
    assert_eq!(ids(&LogReader::new(dir.path()).read_after(0, 7, 100).expect("read")), [6, 7], "a new reader starts after what was projected");
    drop(w);
    let w = LogWriter::open(dir.path(), Duration::ZERO).expect("reopen").expect("not locked");
    assert_eq!(w.next_id(), 8);
    assert_eq!(LogReader::new(dir.path()).newest().expect("newest"), 7);
}

#[test]
fn reopening_again_and_again_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let body = vec![b'z'; 10 << 10];
    // Spares big enough that one is usually still being written when the writer goes.
    for round in 0..12i64 {
        let mut w = LogWriter::open_with(dir.path(), Duration::ZERO, 8 << 20).expect("open").expect("not locked");
        for _ in 0..3 {
            append(&mut w, &[&body]);
        }
        drop(w);
        let got = LogReader::new(dir.path()).read_after(0, i64::MAX, 1000).expect("read");
        assert_eq!(ids(&got), (1..=3 * (round + 1)).collect::<Vec<_>>(), "round {round}");
        assert!(got.iter().all(|e| e.body == body), "round {round}: an entry's bytes changed");
    }
}

#[test]
fn only_one_writer_at_a_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let w = LogWriter::open(dir.path(), Duration::ZERO).expect("open");
    assert!(w.is_some());
    assert!(LogWriter::open(dir.path(), Duration::from_millis(100)).expect("second open").is_none());
    drop(w);
    assert!(LogWriter::open(dir.path(), Duration::ZERO).expect("open after").is_some());
}

/// A remover that refuses while `HELD` is set, like a file an antivirus scanner holds
/// open on Windows.
static HELD: AtomicBool = AtomicBool::new(true);
fn remove_unless_held(path: &Path) -> io::Result<()> {
    if HELD.load(Ordering::SeqCst) {
        return Err(io::Error::new(io::ErrorKind::PermissionDenied, "held open by another process"));
    }
    fs::remove_file(path)
}

#[test]
fn a_segment_that_cannot_be_deleted_never_fails_an_append_and_goes_later() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log_dir = dir.path().join(LOG_DIR);
    let mut w = LogWriter::open_with(dir.path(), Duration::ZERO, 64 << 10).expect("open").expect("not locked");
    w.remove_segment = remove_unless_held;
    HELD.store(true, Ordering::SeqCst);
    let big = vec![b'x'; 20 << 10];
    for _ in 0..4 {
        append(&mut w, &[&big]);
    }
    let before = list_segments(&log_dir).expect("list");
    assert!(before.len() >= 2, "{before:?}");
    w.forget(4).expect("forget records how far the store is, whatever the files do");
    // Every append from here starts new segments, each of which tries the deletion.
    for _ in 0..6 {
        let first = w.next_id();
        assert_eq!(w.append(&[(7, big.as_slice())], 1).expect("append while a segment is held"), first);
    }
    let held = list_segments(&log_dir).expect("list");
    assert_eq!(held[0], 1, "the held segment is still there: {held:?}");
    assert_eq!(ids(&LogReader::new(dir.path()).read_after(0, 10, 100).expect("read")), (5..=10).collect::<Vec<_>>());

    HELD.store(false, Ordering::SeqCst);
    w.forget(9).expect("forget");
    let after = list_segments(&log_dir).expect("list");
    assert!(after[0] > 4, "the files of projected entries went at the next try: {after:?}");
    assert_eq!(after, w.segments, "the writer's list matches the disk");
    drop(w);
    let w = LogWriter::open(dir.path(), Duration::ZERO).expect("reopen").expect("not locked");
    assert_eq!(w.next_id(), 11);
}

#[test]
fn the_holder_is_named_beside_the_lock_not_in_the_locked_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let log_dir = dir.path().join(LOG_DIR);
    let w = LogWriter::open(dir.path(), Duration::ZERO).expect("open").expect("not locked");
    assert_eq!(lock_holder(&log_dir), Some(std::process::id()));
    assert_eq!(fs::read(log_dir.join(LOCK_FILE)).expect("read lock").len(), 0, "Windows could not read it there");

    // The holder is this process (a core still closing): the next opener waits for
    // it instead of giving up at once as it would for another process.
    let closer = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        drop(w);
    });
    let started = Instant::now();
    let second = LogWriter::open(dir.path(), Duration::ZERO).expect("second open");
    assert!(second.is_some(), "gave up on a writer of this process after {:?}", started.elapsed());
    closer.join().expect("closer");

    // Someone else's id: not waited for beyond `wait_other`.
    drop(second);
    let held = LogWriter::open(dir.path(), Duration::ZERO).expect("open").expect("not locked");
    fs::write(log_dir.join(HOLDER_FILE), "4294967295").expect("write holder");
    let started = Instant::now();
    assert!(LogWriter::open(dir.path(), Duration::from_millis(50)).expect("third open").is_none());
    assert!(started.elapsed() < Duration::from_secs(5), "waited {:?} for another process", started.elapsed());
    drop(held);
}

#[test]
fn a_quiet_segment_is_closed_once_everything_in_it_is_projected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut w = LogWriter::open(dir.path(), Duration::ZERO).expect("open").expect("not locked");
    let body = vec![b'y'; SEGMENT_MIN_BYTES as usize];
    append(&mut w, &[&body]);
    w.forget(1).expect("forget");
    append(&mut w, &[b"next"]);
    assert_eq!(list_segments(&dir.path().join(LOG_DIR)).expect("list"), [2]);
    assert_eq!(ids(&LogReader::new(dir.path()).read_after(0, 2, 10).expect("read")), [2]);
}
