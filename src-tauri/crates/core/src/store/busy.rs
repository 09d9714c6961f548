//! How a store connection waits for another's write lock.
//!
//! SQLite's own busy timeout sleeps longer and longer between tries (1, 2, 5 … then
//! 100 ms each). Against a writer that works off a backlog — the webhook projector,
//! one transaction of up to 2 048 requests after another with some 20 ms of parsing
//! between them — a waiter that has slept its way up to 100 ms steps catches one of
//! those short gaps only now and then: during a burst, the auto-reply worker's and the
//! owner's writes waited 1–3.8 s, several transactions long. Trying again every
//! millisecond gets them in at the first gap, after at most one transaction.
//!
//! The wait ends at a wall-clock deadline, not after a number of tries: a 1 ms sleep
//! lasts up to 16 ms on Windows (the default timer resolution), so 10 000 tries of
//! "1 ms" could stretch a 10 s wait to minutes.

use std::cell::Cell;
use std::os::raw::{c_int, c_void};
use std::time::{Duration, Instant};

use rusqlite::ffi;
use sqlx::SqliteConnection;

/// Between two tries. Short next to the gaps between a busy writer's transactions.
const TRY_EVERY: Duration = Duration::from_millis(1);

thread_local! {
    /// When the current wait on this thread gives up. SQLite calls the handler on the
    /// thread that runs the blocked statement, again and again for one wait, `count`
    /// starting at 0; a connection runs one statement at a time, so one slot per thread
    /// serves every connection whose worker runs there.
    static GIVE_UP_AT: Cell<Option<Instant>> = const { Cell::new(None) };
}

/// Replaces the connection's busy handler: it tries again every `TRY_EVERY` and gives up
/// (SQLITE_BUSY, as with a busy timeout) once `wait` has passed since the first try.
pub async fn poll_for_locks(conn: &mut SqliteConnection, wait: Duration) -> sqlx::Result<()> {
    // The handler gets no state but this pointer-sized value, so it carries the wait in
    // milliseconds instead of a pointer to anything that would have to outlive the connection.
    let wait_ms = usize::try_from(wait.as_millis()).unwrap_or(usize::MAX);
    let mut handle = conn.lock_handle().await?;
    // SAFETY: the handle is this connection's open database, held locked for the call;
    // the handler reads only its argument's address, never what it points to.
    let rc = unsafe { ffi::sqlite3_busy_handler(handle.as_raw_handle().as_ptr().cast(), Some(try_again), wait_ms as *mut c_void) };
    if rc != ffi::SQLITE_OK {
        return Err(sqlx::Error::Configuration(format!("setting the store's busy handler failed (SQLite code {rc})").into()));
    }
    Ok(())
}

/// SQLite calls this each time a lock it needs is held; `count` is how often it already
/// did for this wait. Non-zero means "try again".
extern "C" fn try_again(wait_ms: *mut c_void, count: c_int) -> c_int {
    let wait = Duration::from_millis(wait_ms as usize as u64);
    c_int::from(wait_turn(count, wait, std::thread::sleep))
}

/// One turn of a wait: false once `wait` has passed since the turn with `count` 0,
/// else sleeps (with `sleep`, however long it really takes) and returns true.
fn wait_turn(count: c_int, wait: Duration, sleep: impl FnOnce(Duration)) -> bool {
    let now = Instant::now();
    let give_up_at = GIVE_UP_AT.with(|slot| {
        let at = match slot.get() {
            Some(at) if count > 0 => at,
            _ => now.checked_add(wait).unwrap_or(now + Duration::from_secs(86_400)),
        };
        slot.set(Some(at));
        at
    });
    if now >= give_up_at {
        return false;
    }
    sleep(TRY_EVERY.min(give_up_at - now));
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs one wait to its end as SQLite would; returns how long it took and the tries.
    fn whole_wait(wait: Duration, sleep: impl Fn(Duration)) -> (Duration, c_int) {
        let start = Instant::now();
        let mut count = 0;
        while wait_turn(count, wait, &sleep) {
            count += 1;
        }
        (start.elapsed(), count)
    }

    #[test]
    fn a_sleep_that_oversleeps_does_not_stretch_the_wait() {
        // Windows' 1 ms sleep: about 16 ms. Counting 200 tries would take 3.2 s.
        let wait = Duration::from_millis(200);
        let (took, tries) = whole_wait(wait, |_| std::thread::sleep(Duration::from_millis(16)));
        assert!(took >= wait, "gave up early: {took:?}");
        assert!(took < wait + Duration::from_millis(100), "the deadline was not honoured: {took:?} for a {wait:?} wait");
        assert!(tries < 20, "{tries} tries of 16 ms in 200 ms");
    }

    #[test]
    fn each_wait_gets_its_own_deadline() {
        let wait = Duration::from_millis(50);
        let (first, _) = whole_wait(wait, std::thread::sleep);
        assert!(first >= wait);
        // A new wait (count 0 again) after the old deadline passed is not refused at once.
        let (second, tries) = whole_wait(wait, std::thread::sleep);
        assert!(second >= wait, "the second wait reused the first one's deadline: {second:?}");
        assert!(tries > 1);
    }

    #[test]
    fn no_wait_gives_up_at_the_first_turn() {
        let slept = Cell::new(false);
        assert!(!wait_turn(0, Duration::ZERO, |_| slept.set(true)));
        assert!(!slept.get());
    }
}
