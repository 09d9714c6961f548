-- Broadcasts to a segment. A broadcast's audience is resolved ("frozen") once, when it
-- starts, into batches of at most 500 friends (LINE's multicast limit) in one
-- transaction. Each batch carries its X-Line-Retry-Key from that commit on, so a resend
-- after a crash or a timeout is answered 409 by LINE instead of delivering twice.

CREATE TABLE broadcasts (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts(id),
    messages_json TEXT    NOT NULL,         -- 1..5 LINE message objects, built when composed
    summary       TEXT,                     -- the first text bubble, for the list
    bubble_kinds  TEXT    NOT NULL,         -- e.g. 'text,image,sticker'
    audience_json TEXT    NOT NULL,         -- {"type":"all"} or {"type":"tags","expr":{...}}
    status        TEXT    NOT NULL CHECK (status IN ('scheduled','sending','done','failed','cancelled')),
    send_at       INTEGER NOT NULL,
    started_at    INTEGER,
    finished_at   INTEGER,
    error         TEXT,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX broadcasts_by_account ON broadcasts(account_id, id DESC);
CREATE INDEX broadcasts_due ON broadcasts(send_at) WHERE status = 'scheduled';

CREATE TABLE broadcast_batches (
    id               INTEGER PRIMARY KEY,
    broadcast_id     INTEGER NOT NULL REFERENCES broadcasts(id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL,      -- 1-based, in send order
    retry_key        TEXT    NOT NULL UNIQUE,
    friend_ids_json  TEXT    NOT NULL,      -- the frozen audience slice (friend ids)
    recipients       INTEGER NOT NULL,      -- its size
    -- LINE user ids actually requested: fixed (blocked friends dropped) in the commit
    -- that precedes the first attempt, and reused unchanged by every retry of the key.
    sent_to_json     TEXT,
    sent_count       INTEGER,
    status           TEXT    NOT NULL CHECK (status IN ('pending','sending','sent','failed','cancelled')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    ambiguous        INTEGER NOT NULL DEFAULT 0, -- an attempt may have reached LINE
    not_before       INTEGER NOT NULL,
    first_attempt_at INTEGER,
    request_id       TEXT,                  -- x-line-request-id (or the accepted one on 409)
    error            TEXT,
    updated_at       INTEGER NOT NULL,
    UNIQUE (broadcast_id, seq)
);
CREATE INDEX broadcast_batches_due ON broadcast_batches(status, not_before);
