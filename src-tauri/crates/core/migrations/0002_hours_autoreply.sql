-- Business hours (応答時間) and automatic replies: keyword rules, the greeting on
-- follow, the away reply outside hours, and the durable log that makes "at most once
-- per chat per closed period" and "decided exactly once" survive restarts.

-- One schedule per account: the JSON document of `hours::model::BusinessHours`
-- (time zone, weekly periods, holiday rule, one-off days), validated before it is stored.
CREATE TABLE business_hours (
    account_id    INTEGER PRIMARY KEY REFERENCES accounts(id),
    schedule_json TEXT    NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- Keyword replies, first match wins in `position` order.
CREATE TABLE keyword_rules (
    id                INTEGER PRIMARY KEY,
    account_id        INTEGER NOT NULL REFERENCES accounts(id),
    position          INTEGER NOT NULL,
    match_kind        TEXT    NOT NULL CHECK (match_kind IN ('exact','contains','startsWith')),
    pattern           TEXT    NOT NULL,
    messages_json     TEXT    NOT NULL,  -- JSON array of 1..5 LINE message objects
    active_from       TEXT,              -- YYYY-MM-DD in the shop's time zone, inclusive; NULL = always
    active_until      TEXT,              -- YYYY-MM-DD, inclusive; NULL = open-ended
    active_hours_json TEXT,              -- {"start":"11:00","end":"14:00"} daily, shop time; NULL = all day
    enabled           INTEGER NOT NULL DEFAULT 1,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
);
CREATE INDEX keyword_rules_order ON keyword_rules(account_id, position, id);

-- The greeting sent through the follow event's reply token. unblock_text NULL = the
-- follow text is used for unblocks too.
CREATE TABLE greeting_settings (
    account_id   INTEGER PRIMARY KEY REFERENCES accounts(id),
    enabled      INTEGER NOT NULL DEFAULT 0,
    follow_text  TEXT    NOT NULL,
    unblock_text TEXT,
    updated_at   INTEGER NOT NULL
);

-- The away reply outside business hours; `{次の営業開始}` is filled in when sent.
CREATE TABLE away_settings (
    account_id INTEGER PRIMARY KEY REFERENCES accounts(id),
    enabled    INTEGER NOT NULL DEFAULT 0,
    text       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

-- Every automatic reply decided (queued or skipped, with why). Written in the same
-- transaction as the outbox row and the cursor move, so a restart neither repeats nor
-- skips one.
CREATE TABLE auto_reply_log (
    id                  INTEGER PRIMARY KEY,
    account_id          INTEGER NOT NULL REFERENCES accounts(id),
    conversation_id     INTEGER NOT NULL REFERENCES conversations(id),
    message_id          INTEGER NOT NULL UNIQUE REFERENCES messages(id), -- the inbound message / follow that triggered it
    kind                TEXT    NOT NULL CHECK (kind IN ('keyword','away','greeting','unblock')),
    rule_id             INTEGER,            -- keyword rule (no FK: rules may be deleted later)
    closed_period_start INTEGER,            -- away: start of the closed period (epoch ms), the once-per-period key
    outbox_id           INTEGER REFERENCES outbox(id),
    outcome             TEXT    NOT NULL CHECK (outcome IN ('queued','skipped')),
    reason              TEXT,
    created_at          INTEGER NOT NULL
);
CREATE INDEX auto_reply_log_away ON auto_reply_log(conversation_id, closed_period_start) WHERE kind = 'away';

-- How far the auto-reply worker has decided (messages.id). Starts after the history
-- that existed before this migration: old messages are never answered automatically.
CREATE TABLE auto_reply_cursor (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    last_message_id INTEGER NOT NULL
);
INSERT INTO auto_reply_cursor (id, last_message_id) SELECT 1, coalesce(max(id), 0) FROM messages;

-- Automatic replies go out only through the reply token of the event that triggered
-- them: the sender never turns such a row into a push (a push would cost the shop).
ALTER TABLE outbox ADD COLUMN auto_reply INTEGER NOT NULL DEFAULT 0;
