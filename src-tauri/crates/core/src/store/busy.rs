//! How a store connection waits for another's write lock.
//!
//! SQLite's own busy timeout sleeps longer and longer between tries (1, 2, 5 … then
//! 100 ms each). Against a writer that works off a backlog — the webhook projector,
//! one transaction of up to 2 048 requests after another with some 20 ms of parsing
//! between them — a waiter that has slept its way up to 100 ms steps catches one of
//! those short gaps only now and then: during a burst, the auto-reply worker's and the
//! owner's writes waited 1–3.8 s, several transactions long. Trying again every
//! millisecond gets them in at the first gap, after at most one transaction.

use std::os::raw::{c_int, c_void};
use std::time::Duration;

use rusqlite::ffi;
use sqlx::SqliteConnection;

/// Between two tries. Short next to the gaps between a busy writer's transactions.
const TRY_EVERY: Duration = Duration::from_millis(1);

/// Replaces the connection's busy handler: it tries again every `TRY_EVERY` and gives up
/// (SQLITE_BUSY, as with a busy timeout) after about `wait`.
pub async fn poll_for_locks(conn: &mut SqliteConnection, wait: Duration) -> sqlx::Result<()> {
    // The handler gets no state but this pointer-sized value, so it carries the number of
    // tries allowed instead of a pointer to anything that would have to outlive the connection.
    let tries = usize::try_from(wait.as_millis() / TRY_EVERY.as_millis()).unwrap_or(usize::MAX);
    let mut handle = conn.lock_handle().await?;
    // SAFETY: the handle is this connection's open database, held locked for the call;
    // the handler reads only its argument's address, never what it points to.
    let rc = unsafe { ffi::sqlite3_busy_handler(handle.as_raw_handle().as_ptr().cast(), Some(try_again), tries as *mut c_void) };
    if rc != ffi::SQLITE_OK {
        return Err(sqlx::Error::Configuration(format!("setting the store's busy handler failed (SQLite code {rc})").into()));
    }
    Ok(())
}

/// SQLite calls this each time a lock it needs is held; `count` is how often it already
/// did for this wait. Non-zero means "try again".
extern "C" fn try_again(tries: *mut c_void, count: c_int) -> c_int {
    if usize::try_from(count).unwrap_or(usize::MAX) >= tries as usize {
        return 0;
    }
    std::thread::sleep(TRY_EVERY);
    1
}
