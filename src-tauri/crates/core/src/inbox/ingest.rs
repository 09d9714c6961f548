//! Webhook ingest, second half: the projector. The HTTP answer waits only for the
//! journal (`journal.rs`); this task turns journal entries into friends, chats and
//! messages on a dedicated store connection, many requests per transaction, and
//! drops them from the journal once the store has committed them. Duplicates
//! (LINE's redeliveries, or a body projected again after a crash) are no-ops.
//! The statements work on the whole batch as a set, so a commit costs a fixed number
//! of round trips to SQLite whatever the batch size.

use std::collections::HashSet;
use std::time::Duration;

use futures::future::BoxFuture;
use line::webhook::CallbackRequest;
use sqlx::{Connection, SqliteConnection};
use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::inbox::event_rows::EventRow;
use crate::inbox::journal::{Journal, JournalEntry, JournalReader};

use crate::events::{CoreEvent, EventBus};
use crate::runtime::Wakeups;
use crate::store::Store;
use crate::time::now_ms;
use crate::{CoreError, Result};

/// How many journal entries one store transaction may take. Large, because the store's
/// cost per transaction (index pages, the search index's new segment, the fsync) is
/// what a burst has to amortise.
const MAX_BATCH: usize = 2048;

/// A journal entry, parsed again for projection.
struct Job {
    journal_id: i64,
    account_id: i64,
    request: CallbackRequest,
}

#[derive(Clone)]
pub struct Ingestor {
    journal: Journal,
    projected: watch::Receiver<i64>,
}

impl Ingestor {
    /// Opens the journal and starts the projector, which first catches up with whatever
    /// the journal still holds from before (a crash, or a kill right after a 200).
    ///
    /// The projector has an OS thread of its own at a lower priority: during a burst the
    /// CPU goes first to answering LINE (which must happen within seconds, or LINE counts
    /// a failure and redelivers), and the inbox catches up a moment later.
    pub async fn start(store: &Store, events: EventBus, wake: Wakeups, shutdown: watch::Receiver<bool>, reader_if_busy: bool) -> Result<(Ingestor, JoinHandle<()>)> {
        let journal = Journal::open(store.data_dir(), reader_if_busy).await?;
        let (projected_tx, projected) = watch::channel(0);
        let (ended_tx, ended) = tokio::sync::oneshot::channel::<()>();
        let (store, j) = (store.clone(), journal.clone());
        std::thread::Builder::new().name("webhook-projector".into()).spawn(move || {
            lower_this_threads_priority();
            match tokio::runtime::Builder::new_current_thread().enable_all().build() {
                Ok(rt) => rt.block_on(run_projector(store, j, projected_tx, events, wake, shutdown)),
                Err(e) => tracing::error!(error = %e, "webhook projector could not start"),
            }
            drop(ended_tx);
        })?;
        let handle = tokio::spawn(async move {
            let _ = ended.await;
        });
        Ok((Ingestor { journal, projected }, handle))
    }

    /// Stores a verified request body durably; returns its journal id. The store has
    /// it once `projected(id)` resolves.
    pub async fn append(&self, account_id: i64, body: &[u8]) -> Result<i64> {
        self.journal.append(account_id, body.to_vec()).await
    }

    /// Resolves once the store holds every journal entry up to `id`.
    pub async fn projected(&self, id: i64) -> Result<()> {
        let mut rx = self.projected.clone();
        rx.wait_for(|&p| p >= id).await.map(|_| ()).map_err(|_| CoreError::Closed)
    }

    /// Resolves once everything journaled so far is in the store (backups, tests, start-up).
    pub async fn settled(&self) -> Result<()> {
        let last = *self.journal.appended().borrow();
        self.projected(last).await
    }

    /// Lets go of the journal's files; the projector must have stopped.
    pub async fn close(&self) {
        self.journal.close().await
    }

    /// Journaled requests the projector has not reached yet.
    pub fn backlog(&self) -> i64 {
        (*self.journal.appended().borrow() - *self.projected.borrow()).max(0)
    }
}

impl crate::runtime::Webhooks for Ingestor {
    fn append<'a>(&'a self, account_id: i64, body: &'a [u8]) -> BoxFuture<'a, Result<i64>> {
        Box::pin(Ingestor::append(self, account_id, body))
    }

    fn projected(&self, id: i64) -> BoxFuture<'_, Result<()>> {
        Box::pin(Ingestor::projected(self, id))
    }

    fn settled(&self) -> BoxFuture<'_, Result<()>> {
        Box::pin(Ingestor::settled(self))
    }

    fn backlog(&self) -> i64 {
        Ingestor::backlog(self)
    }

    fn close(&self) -> BoxFuture<'_, ()> {
        Box::pin(Ingestor::close(self))
    }
}

#[derive(Default)]
struct Effects {
    events: Vec<CoreEvent>,
    profiles_due: bool,
    media_due: bool,
}

/// Opens the projector's connections on its own thread, so SQLite's threads for them
/// inherit its priority, then projects until shutdown.
async fn run_projector(
    store: Store,
    journal: Journal,
    projected: watch::Sender<i64>,
    events: EventBus,
    wake: Wakeups,
    shutdown: watch::Receiver<bool>,
) {
    let opened = async {
        let conn = store.dedicated_connection().await?;
        let checkpoints = store.checkpoint_connection(CHECKPOINT_WAIT).await?;
        Ok::<_, CoreError>(Opened { store: conn, journal: journal.reader(), durability: Durability::new(checkpoints) })
    };
    match opened.await {
        Ok(opened) => projector(opened, journal, projected, events, wake, shutdown).await,
        Err(e) => tracing::error!(error = %e, "webhook projector could not open the store"),
    }
}

#[cfg(target_os = "linux")]
fn lower_this_threads_priority() {
    // On Linux the nice value belongs to the thread (who = 0 is the calling thread), and
    // threads created from it later inherit it.
    // SAFETY: plain syscall wrapper, no pointers.
    if unsafe { libc::setpriority(libc::PRIO_PROCESS, 0, 10) } != 0 {
        tracing::debug!("could not lower the webhook projector's priority");
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_this_threads_priority() {}

/// The projector's own connections, opened on its thread (see `run_projector`).
struct Opened {
    store: SqliteConnection,
    journal: JournalReader,
    durability: Durability,
}

async fn projector(
    opened: Opened,
    journal: Journal,
    projected: watch::Sender<i64>,
    bus: EventBus,
    wake: Wakeups,
    mut shutdown: watch::Receiver<bool>,
) {
    let Opened { store: mut conn, journal: mut reader, mut durability } = opened;
    let mut appended = journal.appended();
    let mut cursor = 0;
    // Entries whose projection failed stay in the journal (tried again on the next start);
    // only what lies before the oldest of them may be forgotten.
    let mut held: Option<i64> = None;
    // The earliest moment the next transaction may begin (see `PACE`).
    let mut not_before: Option<tokio::time::Instant> = None;
    let mut flood = Flood::new(*appended.borrow());
    loop {
        // A long backlog must not keep the core from stopping: the journal keeps the rest.
        if *shutdown.borrow() {
            return;
        }
        if let Some(at) = not_before.take() {
            tokio::select! {
                _ = tokio::time::sleep_until(at) => {}
                _ = shutdown.changed() => return,
            }
        }
        // Read before the journal: whatever was committed by then is in this read or earlier.
        let seen = *appended.borrow_and_update();
        if let Some(pause) = flood.hold(seen) {
            not_before = Some(tokio::time::Instant::now() + pause);
            continue;
        }
        let entries = match reader.read_after(cursor, MAX_BATCH) {
            Ok(e) => e,
            Err(e) => {
                tracing::error!(error = %e, "reading the webhook journal failed");
                tokio::select! {
                    _ = tokio::time::sleep(Duration::from_secs(1)) => continue,
                    _ = shutdown.changed() => return,
                }
            }
        };
        let Some(last) = entries.last().map(|e| e.id) else {
            // Caught up: everything appended so far is in the store.
            projected.send_replace(seen.max(cursor));
            tokio::select! {
                r = appended.changed() => if r.is_err() { return },
                _ = shutdown.changed() => return,
            }
            // A moment for the requests arriving together to share one transaction.
            not_before = Some(tokio::time::Instant::now() + COALESCE);
            continue;
        };
        not_before = pause_after(entries.len()).map(|p| tokio::time::Instant::now() + p);
        let durable = durability.before_commit(&mut conn, last >= seen).await;
        let failed = project(&mut conn, entries, &bus, &wake).await;
        if let Some(first_failed) = failed {
            held = lowest(held, first_failed);
        }
        cursor = last;
        projected.send_replace(last);
        if durable {
            // Only now may the journal let go: the store's copy survives a power cut.
            journal.forget(held.map_or(last, |h| (h - 1).min(last)));
            durability.checkpoint().await;
        }
    }
}

/// Arrivals faster than this are a flood: a redelivery storm or a load test, far above
/// what one shop's account sees (a few requests a second at its busiest moment).
const FLOOD_RATE: f64 = 2_000.0;
/// How often a held projector looks at the arrival rate again.
const FLOOD_SAMPLE: Duration = Duration::from_millis(100);
/// The longest a flood holds the projector: the inbox lags by at most this much plus the catch-up.
const FLOOD_HOLD: Duration = Duration::from_secs(30);

/// During a flood the projector waits: each of its transactions takes CPU and disk from
/// the journal's writes, which LINE is waiting on, and a request LINE gives up on is
/// sent again, so the flood grows. Once the rate falls, or after `FLOOD_HOLD`, the
/// backlog is worked off.
struct Flood {
    at: std::time::Instant,
    seen: i64,
    since: Option<std::time::Instant>,
}

impl Flood {
    fn new(appended: i64) -> Flood {
        Flood { at: std::time::Instant::now(), seen: appended, since: None }
    }

    /// How long to wait before looking again; None when projecting may go ahead.
    fn hold(&mut self, appended: i64) -> Option<Duration> {
        let now = std::time::Instant::now();
        let secs = now.duration_since(self.at).as_secs_f64().max(0.001);
        let rate = (appended - self.seen) as f64 / secs;
        self.at = now;
        self.seen = appended;
        if rate < FLOOD_RATE {
            self.since = None;
            return None;
        }
        let since = *self.since.get_or_insert(now);
        (now.duration_since(since) < FLOOD_HOLD).then_some(FLOOD_SAMPLE)
    }
}

/// How long the projector waits after a quiet spell, so requests arriving close together
/// share one transaction (and one fsync) instead of one each: at a steady trickle of
/// webhooks the store's fsyncs would otherwise queue with the journal's, which LINE waits
/// on. Short next to the time anyone takes to look at the inbox.
const COALESCE: Duration = Duration::from_millis(50);
/// At a steady stream, transactions start at least this far apart. Each one rewrites the
/// same hot pages (every index's newest leaf and the pages above it, about a hundred)
/// however few messages it holds: at 1 000 requests/s, back-to-back commits of a few
/// requests each wrote 43 MB/s to the store's WAL, paced ones 22 MB/s, and the journal's
/// syncs (LINE waits on those) queue behind whatever the store has written. A message
/// reaches the inbox at most this much later. A backlog (full batches) is worked off
/// without pauses.
const PACE: Duration = Duration::from_millis(250);
/// Transactions of fewer requests than this are not paced: at a shop's few requests a
/// second the WAL traffic `PACE` saves is tiny, while every desk would wait up to `PACE`
/// for each message's event. At 1 000 requests/s a 50 ms coalesce already gathers ~50.
const PACE_FROM: usize = 16;

/// How long to wait before the next transaction after one of `batch` requests: none for
/// a backlog (full batches are worked off at once) or a trickle (each message reaches
/// the desks after its coalescing moment only), `PACE` for a steady stream.
fn pause_after(batch: usize) -> Option<Duration> {
    (PACE_FROM..MAX_BATCH).contains(&batch).then_some(PACE)
}
/// During a burst, how often the store is made durable so the journal can shrink.
const SYNC_EVERY: Duration = Duration::from_millis(500);
/// How often the projector copies the store's WAL back into the database, between its
/// commits. A checkpoint racing its back-to-back commits rarely completes, and without
/// one that completes SQLite never restarts the WAL, which then grows for the whole burst.
const CHECKPOINT_EVERY: Duration = Duration::from_millis(500);
/// How long that checkpoint waits for the writer lock or for readers to move on.
const CHECKPOINT_WAIT: Duration = Duration::from_millis(250);

/// The projector's store commits skip the fsync (synchronous=NORMAL) while a burst is
/// being worked off: the journal still holds those requests, so a power cut costs
/// nothing but a replay, and the journal's own fsyncs (LINE is waiting on those) do not
/// queue behind the store's. When it catches up, or every `SYNC_EVERY`, one commit is
/// made with the fsync (FULL), which makes every earlier commit durable too; after
/// that the journal forgets what the store now holds for good.
struct Durability {
    full: Option<bool>,
    last_durable: std::time::Instant,
    last_checkpoint: std::time::Instant,
    /// Waits only `CHECKPOINT_WAIT` for locks (see `checkpoint`).
    checkpoints: SqliteConnection,
}

impl Durability {
    fn new(checkpoints: SqliteConnection) -> Durability {
        let now = std::time::Instant::now();
        Durability { full: None, last_durable: now, last_checkpoint: now, checkpoints }
    }

    /// Between commits, so the next one starts the WAL again from its beginning. RESTART,
    /// not PASSIVE: after every arrival the inbox and the workers read, and a reader still
    /// on an older snapshot keeps a PASSIVE checkpoint from ever letting the WAL restart.
    /// RESTART waits for those readers, but only briefly: a long one (a backup) then
    /// costs this checkpoint, never the projector's next commit.
    async fn checkpoint(&mut self) {
        if self.last_checkpoint.elapsed() < CHECKPOINT_EVERY {
            return;
        }
        self.last_checkpoint = std::time::Instant::now();
        if let Err(e) = sqlx::query("PRAGMA wal_checkpoint(RESTART)").execute(&mut self.checkpoints).await {
            tracing::warn!(error = %e, "the projector's WAL checkpoint failed");
        }
    }

    /// Sets the mode for the next commit; true when that commit will be durable.
    async fn before_commit(&mut self, conn: &mut SqliteConnection, caught_up: bool) -> bool {
        let want_full = caught_up || self.last_durable.elapsed() >= SYNC_EVERY;
        if self.full != Some(want_full) {
            let pragma = if want_full { "PRAGMA synchronous = FULL" } else { "PRAGMA synchronous = NORMAL" };
            if let Err(e) = sqlx::query(pragma).execute(&mut *conn).await {
                tracing::warn!(error = %e, "could not switch the projector's commit mode");
                self.full = None;
                // Unknown mode: treat the commit as not durable; the journal keeps the entries.
                return false;
            }
            self.full = Some(want_full);
        }
        if want_full {
            self.last_durable = std::time::Instant::now();
        }
        want_full
    }
}

fn lowest(a: Option<i64>, b: i64) -> Option<i64> {
    Some(a.map_or(b, |a| a.min(b)))
}

/// Projects one run of entries; returns the id of the first one that could not be stored.
async fn project(conn: &mut SqliteConnection, entries: Vec<JournalEntry>, bus: &EventBus, wake: &Wakeups) -> Option<i64> {
    let mut failed = None;
    let mut batch = Vec::with_capacity(entries.len());
    for e in entries {
        // The body was checked before it was journaled (`check_callback`): authentic, and
        // every event has its common fields. An event whose own fields this version cannot
        // read is kept as it came (raw JSON), never dropped: LINE was told 200.
        match line::webhook::parse_callback_keeping_unreadable(&e.body) {
            Ok((request, unreadable)) => {
                for (index, why) in unreadable {
                    tracing::warn!(journal_id = e.id, index, %why, "webhook event kept raw: its fields do not parse");
                }
                batch.push(Job { journal_id: e.id, account_id: e.account_id, request })
            }
            Err(err) => {
                tracing::error!(journal_id = e.id, error = %err, "journaled webhook body no longer parses; kept in the journal");
                failed = lowest(failed, e.id);
            }
        }
    }
    let mut effects = Effects::default();
    for (job, result) in batch.iter().zip(commit_batch(conn, &batch, &mut effects).await) {
        if let Err(e) = result {
            tracing::error!(journal_id = job.journal_id, error = %e, "webhook entry not stored; kept in the journal");
            failed = lowest(failed, job.journal_id);
        }
    }
    let arrived = effects.events.iter().any(|e| matches!(e, CoreEvent::MessageArrived { .. }));
    for event in effects.events {
        bus.publish(event);
    }
    if effects.profiles_due {
        wake.profiles.notify_one();
    }
    if effects.media_due {
        wake.media.notify_one();
    }
    if arrived {
        wake.autoreply.notify_one();
        wake.autotag.notify_one();
    }
    failed
}

/// Commits the whole batch; if that fails, each request alone, so one poisoned request
/// fails by itself and the others are still stored.
async fn commit_batch(conn: &mut SqliteConnection, batch: &[Job], effects: &mut Effects) -> Vec<Result<()>> {
    let all: Vec<(i64, &CallbackRequest)> = batch.iter().map(|j| (j.account_id, &j.request)).collect();
    match store_requests(conn, &all, effects).await {
        Ok(()) => batch.iter().map(|_| Ok(())).collect(),
        Err(batch_error) => {
            tracing::warn!(error = %batch_error, requests = batch.len(), "batch refused; storing requests one by one");
            let mut results = Vec::with_capacity(batch.len());
            for job in batch {
                results.push(store_requests(conn, &[(job.account_id, &job.request)], effects).await);
            }
            results
        }
    }
}

/// One transaction, a fixed number of statements however many events: every statement
/// works on the batch as a set (`json_each` over one JSON array), so the cost per event
/// is SQLite's own work, not a round trip per row.
async fn store_requests(
    conn: &mut SqliteConnection,
    requests: &[(i64, &CallbackRequest)],
    effects: &mut Effects,
) -> Result<()> {
    let mut rows = Vec::new();
    for (account_id, request) in requests {
        for event in &request.events {
            rows.push(EventRow::new(*account_id, event)?);
        }
    }
    let all_json = serde_json::to_string(&rows)?;
    let now = now_ms();

    let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
    let inserted: HashSet<String> = sqlx::query_scalar!(
        r#"INSERT INTO webhook_events
             (account_id, webhook_event_id, event_type, occurred_at, received_at, is_redelivery, mode, source_user_id, raw_json)
           SELECT j.value ->> 'account', j.value ->> 'id', j.value ->> 'ty', j.value ->> 'at', ?2,
                  j.value ->> 'redelivery', j.value ->> 'mode', j.value ->> 'user', j.value ->> 'raw'
           FROM jsonb_each(?1) AS j WHERE true
           ON CONFLICT(webhook_event_id) DO NOTHING
           RETURNING webhook_event_id"#,
        all_json,
        now
    )
    .fetch_all(&mut *tx)
    .await?
    .into_iter()
    .collect();

    // Only the events stored just now go further; the same event twice in one batch:
    // the first one is the stored one.
    let mut claimed = HashSet::with_capacity(inserted.len());
    let fresh: Vec<EventRow> = rows
        .into_iter()
        .filter(|row| inserted.contains(row.id) && claimed.insert(row.id))
        .map(|row| EventRow { raw: String::new(), ..row })
        .collect();
    if fresh.is_empty() {
        tx.commit().await?;
        return Ok(());
    }
    // Parsed into SQLite's binary JSON once: each statement below walks the batch again,
    // and given text, every `jsonb_each` would parse all of it again.
    let fresh_jsonb: Vec<u8> = sqlx::query_scalar("SELECT jsonb(?1)").bind(serde_json::to_string(&fresh)?).fetch_one(&mut *tx).await?;

    sqlx::query!(
        r#"INSERT INTO friends (account_id, line_user_id, first_seen_at, last_seen_at)
           SELECT j.value ->> 'account', j.value ->> 'user', min(j.value ->> 'at'), max(j.value ->> 'at')
           FROM jsonb_each(?1) AS j WHERE j.value ->> 'user' IS NOT NULL
           GROUP BY 1, 2
           ON CONFLICT(account_id, line_user_id) DO UPDATE SET last_seen_at = max(last_seen_at, excluded.last_seen_at)"#,
        fresh_jsonb
    )
    .execute(&mut *tx)
    .await?;
    let new_friends = sqlx::query!(
        r#"INSERT INTO conversations (account_id, friend_id)
           SELECT DISTINCT f.account_id, f.id
           FROM jsonb_each(?1) AS j
           JOIN friends f ON f.account_id = j.value ->> 'account' AND f.line_user_id = j.value ->> 'user'
           WHERE true
           ON CONFLICT(friend_id) DO NOTHING"#,
        fresh_jsonb
    )
    .execute(&mut *tx)
    .await?
    .rows_affected();
    // The last follow or unfollow of a friend in this batch decides; a follow refetches the profile.
    let follows = if !fresh.iter().any(|r| r.follow.is_some()) {
        0
    } else {
        sqlx::query!(
        r#"UPDATE friends SET
             followed = x.followed,
             profile_fetched_at = CASE WHEN x.followed = 1 THEN NULL ELSE profile_fetched_at END,
             profile_attempts = CASE WHEN x.followed = 1 THEN 0 ELSE profile_attempts END
           FROM (SELECT j.value ->> 'account' AS account, j.value ->> 'user' AS user, j.value ->> 'follow' AS followed,
                        row_number() OVER (PARTITION BY j.value ->> 'account', j.value ->> 'user' ORDER BY j.key DESC) AS rn
                 FROM jsonb_each(?1) AS j
                 WHERE j.value ->> 'follow' IS NOT NULL AND j.value ->> 'user' IS NOT NULL) AS x
           WHERE x.rn = 1 AND friends.account_id = x.account AND friends.line_user_id = x.user"#,
            fresh_jsonb
        )
        .execute(&mut *tx)
        .await?
        .rows_affected()
    };
    // A trigger keeps each chat's five newest (migration 0014).
    sqlx::query!(
        r#"INSERT INTO reply_tokens (conversation_id, token, received_at)
           SELECT c.id, j.value ->> 'rt', j.value ->> 'at'
           FROM jsonb_each(?1) AS j
           JOIN friends f ON f.account_id = j.value ->> 'account' AND f.line_user_id = j.value ->> 'user'
           JOIN conversations c ON c.friend_id = f.id
           WHERE j.value ->> 'rt' IS NOT NULL
           ON CONFLICT DO NOTHING"#,
        fresh_jsonb
    )
    .execute(&mut *tx)
    .await?;
    let messages = sqlx::query!(
        r#"INSERT INTO messages
             (account_id, conversation_id, direction, kind, text, payload_json, line_message_id,
              webhook_event_id, quote_token, mark_as_read_token, created_at, status, media_state)
           SELECT c.account_id, c.id, 'in', j.value ->> 'kind', j.value ->> 'text', j.value ->> 'payload',
                  j.value ->> 'mid', j.value ->> 'id', j.value ->> 'qt', j.value ->> 'mrt', j.value ->> 'at',
                  'received', CASE WHEN j.value ->> 'media' THEN 'pending' END
           FROM jsonb_each(?1) AS j
           JOIN friends f ON f.account_id = j.value ->> 'account' AND f.line_user_id = j.value ->> 'user'
           JOIN conversations c ON c.friend_id = f.id
           WHERE j.value ->> 'kind' IS NOT NULL
           ORDER BY j.key
           ON CONFLICT DO NOTHING
           RETURNING id AS "id!", conversation_id, media_state"#,
        fresh_jsonb
    )
    .fetch_all(&mut *tx)
    .await?;
    // Per chat: the newest entry becomes the preview (events can arrive out of order,
    // redeliveries), and unread counts add up.
    sqlx::query!(
        r#"UPDATE conversations SET
             last_preview   = CASE WHEN x.at >= last_message_at THEN x.text ELSE last_preview END,
             last_kind      = CASE WHEN x.at >= last_message_at THEN x.kind ELSE last_kind END,
             last_direction = CASE WHEN x.at >= last_message_at THEN 'in' ELSE last_direction END,
             last_message_at = max(last_message_at, x.at),
             unread_count = unread_count + x.unread,
             status = CASE WHEN x.unread > 0 THEN 'needsAction' ELSE status END,
             -- Reply-time tracking (customers): the oldest unanswered customer message.
             waiting_since = CASE WHEN x.unread > 0 THEN min(coalesce(waiting_since, x.first_unread), x.first_unread)
                                  ELSE waiting_since END
           FROM (SELECT c.id AS cid, j.value ->> 'at' AS at, j.value ->> 'text' AS text, j.value ->> 'kind' AS kind,
                        sum(j.value ->> 'unread') OVER (PARTITION BY c.id) AS unread,
                        min(CASE WHEN j.value ->> 'unread' > 0 THEN j.value ->> 'at' END) OVER (PARTITION BY c.id) AS first_unread,
                        row_number() OVER (PARTITION BY c.id ORDER BY j.value ->> 'at' DESC, j.key DESC) AS rn
                 FROM jsonb_each(?1) AS j
                 JOIN friends f ON f.account_id = j.value ->> 'account' AND f.line_user_id = j.value ->> 'user'
                 JOIN conversations c ON c.friend_id = f.id
                 WHERE j.value ->> 'kind' IS NOT NULL) AS x
           WHERE x.rn = 1 AND conversations.id = x.cid"#,
        fresh_jsonb
    )
    .execute(&mut *tx)
    .await?;
    // Assignment: new chats to a member (if the owner turned it on), and each chat's
    // assignee for the events. Never fails the batch: the messages matter more.
    let message_ids: Vec<i64> = messages.iter().map(|m| m.id).collect();
    let assignees = crate::assignment::auto::on_ingest(&mut tx, &message_ids, now).await.unwrap_or_else(|e| {
        tracing::warn!(error = %e, "automatic assignment skipped for this batch");
        Default::default()
    });
    // A row-value IN here made SQLite scan every message; the join uses the index.
    let unsent = if fresh.iter().any(|r| r.unsend.is_some()) {
        sqlx::query_scalar!(
            r#"UPDATE messages SET unsent = 1
               FROM (SELECT j.value ->> 'account' AS account, j.value ->> 'unsend' AS mid
                     FROM jsonb_each(?1) AS j WHERE j.value ->> 'unsend' IS NOT NULL) AS u
               WHERE messages.account_id = u.account AND messages.line_message_id = u.mid
               RETURNING conversation_id"#,
            fresh_jsonb
        )
        .fetch_all(&mut *tx)
        .await?
    } else {
        Vec::new()
    };
    tx.commit().await?;

    effects.profiles_due |= new_friends > 0 || follows > 0;
    for m in messages {
        effects.media_due |= m.media_state.is_some();
        effects.events.push(CoreEvent::MessageArrived {
            conversation_id: m.conversation_id,
            message_id: m.id,
            assignee_member_id: assignees.get(&m.conversation_id).copied(),
        });
    }
    for conversation_id in unsent {
        effects.events.push(CoreEvent::ConversationUpdated { conversation_id });
    }
    Ok(())
}

#[cfg(test)]
mod pacing_tests {
    use super::*;

    #[test]
    fn only_a_steady_stream_is_paced() {
        assert_eq!(pause_after(1), None, "one customer's message reaches the desks without waiting out PACE");
        assert_eq!(pause_after(PACE_FROM - 1), None);
        assert_eq!(pause_after(PACE_FROM), Some(PACE));
        assert_eq!(pause_after(MAX_BATCH - 1), Some(PACE));
        assert_eq!(pause_after(MAX_BATCH), None, "a backlog is worked off without pauses");
    }
}
