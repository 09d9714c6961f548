-- Times are epoch milliseconds, UTC. Shown in the shop's time zone by the UI.

-- One row per LINE Official Account. Secrets are NOT here: they live in the OS
-- keyring (desktop) or the environment (headless), keyed by `secret_key`.
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY,
    name          TEXT    NOT NULL,
    secret_key    TEXT    NOT NULL UNIQUE,
    bot_user_id   TEXT    UNIQUE,            -- webhook `destination`, from bot info
    basic_id      TEXT,
    created_at    INTEGER NOT NULL
);

CREATE TABLE friends (
    id                 INTEGER PRIMARY KEY,
    account_id         INTEGER NOT NULL REFERENCES accounts(id),
    line_user_id       TEXT    NOT NULL,
    display_name       TEXT,
    picture_url        TEXT,
    status_message     TEXT,
    language           TEXT,
    followed           INTEGER NOT NULL DEFAULT 1,
    profile_fetched_at INTEGER,             -- NULL = the profile worker still owes a fetch
    profile_attempts   INTEGER NOT NULL DEFAULT 0,
    first_seen_at      INTEGER NOT NULL,
    last_seen_at       INTEGER NOT NULL,
    UNIQUE (account_id, line_user_id)
);
CREATE INDEX friends_profile_due ON friends(profile_fetched_at) WHERE profile_fetched_at IS NULL;

-- One 1:1 chat per friend.
CREATE TABLE conversations (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    friend_id       INTEGER NOT NULL UNIQUE REFERENCES friends(id),
    last_message_at INTEGER NOT NULL DEFAULT 0,
    last_read_message_id INTEGER NOT NULL DEFAULT 0, -- newest message whose markAsReadToken we sent
    last_preview    TEXT,                   -- text of the last message; NULL for non-text
    last_kind       TEXT,                   -- so the UI can say 〔スタンプ〕 in its own language
    last_direction  TEXT,
    unread_count    INTEGER NOT NULL DEFAULT 0,
    status          TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open','needsAction','resolved')),
    pinned          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX conversations_recent ON conversations(account_id, pinned DESC, last_message_at DESC, id DESC);

-- Every webhook event ever accepted; the UNIQUE key is what makes redeliveries no-ops.
CREATE TABLE webhook_events (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts(id),
    webhook_event_id TEXT    NOT NULL UNIQUE,
    event_type       TEXT    NOT NULL,
    occurred_at      INTEGER NOT NULL,
    received_at      INTEGER NOT NULL,
    is_redelivery    INTEGER NOT NULL,
    mode             TEXT    NOT NULL,
    source_user_id   TEXT,
    raw_json         TEXT    NOT NULL
);

CREATE TABLE media (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT    NOT NULL UNIQUE,
    content_type TEXT    NOT NULL,
    size         INTEGER NOT NULL,
    file_name    TEXT    NOT NULL,          -- under <data dir>/media/, derived from the hash
    public       INTEGER NOT NULL DEFAULT 0, -- 1 = we send it, so LINE must be able to fetch it
    created_at   INTEGER NOT NULL
);

CREATE TABLE messages (
    id                 INTEGER PRIMARY KEY,
    account_id         INTEGER NOT NULL REFERENCES accounts(id),
    conversation_id    INTEGER NOT NULL REFERENCES conversations(id),
    direction          TEXT    NOT NULL CHECK (direction IN ('in','out')),
    kind               TEXT    NOT NULL,    -- text, sticker, image, ..., follow, unfollow, postback
    text               TEXT,
    payload_json       TEXT    NOT NULL,    -- the LINE message object (in) or what we send (out)
    line_message_id    TEXT,
    webhook_event_id   TEXT,
    quote_token        TEXT,
    mark_as_read_token TEXT,
    created_at         INTEGER NOT NULL,
    status             TEXT    NOT NULL CHECK (status IN ('received','pending','sending','sent','failed','cancelled')),
    error              TEXT,
    unsent             INTEGER NOT NULL DEFAULT 0,
    media_id           INTEGER REFERENCES media(id),
    media_state        TEXT CHECK (media_state IN ('pending','done','failed')),
    media_attempts     INTEGER NOT NULL DEFAULT 0,
    outbox_id          INTEGER
);
CREATE INDEX messages_thread ON messages(conversation_id, created_at, id);
CREATE UNIQUE INDEX messages_line_id ON messages(account_id, line_message_id) WHERE line_message_id IS NOT NULL;
CREATE INDEX messages_media_due ON messages(media_state) WHERE media_state = 'pending';

-- Reply tokens are free but single-use and short-lived; the outbox takes the newest
-- unused one of a chat while it is young enough, else it pushes.
CREATE TABLE reply_tokens (
    id              INTEGER PRIMARY KEY,
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    token           TEXT    NOT NULL UNIQUE,
    received_at     INTEGER NOT NULL,
    used_at         INTEGER
);
CREATE INDEX reply_tokens_fresh ON reply_tokens(conversation_id, received_at DESC) WHERE used_at IS NULL;

-- What we owe LINE. The row is committed before anything is sent; the retry key
-- makes a resend after a crash safe (LINE answers 409 if it already took it).
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    conversation_id INTEGER REFERENCES conversations(id),
    route           TEXT    NOT NULL CHECK (route IN ('reply','push','multicast')),
    retry_key       TEXT    NOT NULL UNIQUE,
    reply_token     TEXT,
    recipients_json TEXT    NOT NULL,       -- JSON array of LINE user ids
    messages_json   TEXT    NOT NULL,       -- JSON array of LINE message objects (1..5)
    status          TEXT    NOT NULL CHECK (status IN ('pending','sending','sent','failed','cancelled')),
    not_before      INTEGER NOT NULL,       -- the undo window ends here
    attempts        INTEGER NOT NULL DEFAULT 0,
    ambiguous       INTEGER NOT NULL DEFAULT 0, -- an attempt ended without knowing whether LINE took it
    last_error      TEXT,
    request_id      TEXT,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox(status, not_before) WHERE status IN ('pending','sending');

CREATE TABLE settings (
    account_id INTEGER NOT NULL,            -- 0 = app-wide
    key        TEXT    NOT NULL,
    value      TEXT    NOT NULL,
    PRIMARY KEY (account_id, key)
);
