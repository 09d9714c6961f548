-- Reply tokens, kept in chat order and nowhere else. Every lookup names the chat (the
-- newest unused token of a chat; a token claimed or released in its chat), so a token
-- needs no index of its own. The old table kept three b-trees per token, two of them at
-- random places (the token itself is random), and under a stream of webhooks those two
-- were a third of all pages the store wrote.
CREATE TABLE reply_tokens_by_chat (
    conversation_id INTEGER NOT NULL REFERENCES conversations(id),
    received_at     INTEGER NOT NULL,
    token           TEXT    NOT NULL,
    used_at         INTEGER,
    PRIMARY KEY (conversation_id, received_at, token)
) WITHOUT ROWID;

INSERT INTO reply_tokens_by_chat (conversation_id, received_at, token, used_at)
SELECT conversation_id, received_at, token, used_at FROM reply_tokens;

DROP TABLE reply_tokens;
ALTER TABLE reply_tokens_by_chat RENAME TO reply_tokens;
