-- Phone (電話) settings and call requests. LINE Call is not part of the Messaging API:
-- a bot cannot place or receive calls. What we offer instead is a buttons message with
-- a `tel:` link to the shop and a "call me back" postback (`madoguchi=call-request`).

CREATE TABLE phone_settings (
    account_id      INTEGER PRIMARY KEY REFERENCES accounts(id),
    enabled         INTEGER NOT NULL DEFAULT 0,
    phone           TEXT    NOT NULL,       -- as the owner typed it, validated; '' = not set
    spacing_minutes INTEGER NOT NULL DEFAULT 30,
    received_text   TEXT    NOT NULL,
    polite_text     TEXT    NOT NULL,
    absence_text    TEXT    NOT NULL,       -- `{次の営業開始}` is filled in when sent
    updated_at      INTEGER NOT NULL
);

-- Every call request decided, with what was answered. Written in the same transaction
-- as the auto-reply cursor move and the outbox row: decided exactly once.
CREATE TABLE call_requests (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    message_id      INTEGER NOT NULL UNIQUE REFERENCES messages(id), -- the postback
    requested_at    INTEGER NOT NULL,       -- epoch ms of the postback event
    outcome         TEXT    NOT NULL CHECK (outcome IN ('received','repeat','outsideHours')),
    outbox_id       INTEGER REFERENCES outbox(id),
    reason          TEXT,                   -- why no reply went out, when none did
    created_at      INTEGER NOT NULL
);
CREATE INDEX call_requests_recent ON call_requests(conversation_id, requested_at);
