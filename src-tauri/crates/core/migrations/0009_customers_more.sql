-- Customers, part two: reply-time tracking and automatic tagging.

-- The oldest customer message not answered yet; NULL = nobody is waiting. Kept by
-- ingest (a customer message sets it when empty) and the outbox (the owner's reply
-- clears it) in their own transactions, so the list can say "waiting 3 h" and sort by it.
ALTER TABLE conversations ADD COLUMN waiting_since INTEGER;
UPDATE conversations SET waiting_since = (
    SELECT min(m.created_at) FROM messages m
    WHERE m.conversation_id = conversations.id AND m.direction = 'in'
      AND m.kind NOT IN ('follow', 'unfollow')
      AND m.id > coalesce((SELECT max(o.id) FROM messages o
                           WHERE o.conversation_id = conversations.id AND o.direction = 'out'), 0))
WHERE status = 'needsAction';
CREATE INDEX conversations_waiting ON conversations(account_id, waiting_since) WHERE waiting_since IS NOT NULL;

-- One row per answered wait: how long the customer waited for the shop's first reply.
CREATE TABLE response_times (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts(id),
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    waited_from     INTEGER NOT NULL,
    answered_at     INTEGER NOT NULL
);
CREATE INDEX response_times_by_time ON response_times(account_id, answered_at);

-- Automatic tags: a trigger (follow, a keyword in a message, a postback's data, a
-- reservation made or cancelled) adds a tag to the friend.
CREATE TABLE tag_rules (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    trigger    TEXT    NOT NULL CHECK (trigger IN ('follow','keyword','postback','reservationMade','reservationCancelled')),
    match_kind TEXT    NOT NULL DEFAULT 'contains' CHECK (match_kind IN ('exact','contains')),
    pattern    TEXT    NOT NULL DEFAULT '',
    enabled    INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);
CREATE INDEX tag_rules_by_account ON tag_rules(account_id, trigger);

-- The auto-tag worker's durable position in `messages` (commit order). Starts at the
-- newest message so a new install does not re-tag its history.
CREATE TABLE tag_rule_cursor (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    last_message_id INTEGER NOT NULL
);
INSERT INTO tag_rule_cursor (id, last_message_id) SELECT 1, coalesce(max(id), 0) FROM messages;

