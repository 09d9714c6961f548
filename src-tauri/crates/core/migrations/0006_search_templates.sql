-- Search: full-text indexes over message text and friend notes, and canned replies (定型文).

-- Japanese has no spaces between words, so a word tokenizer finds nothing; trigrams
-- make every substring of 3+ characters an index lookup (1–2 character queries are
-- answered by a scan in src/search). External content: the text lives once, in
-- `messages`/`friend_notes`; the triggers keep the index in step, and only rows
-- with text are indexed (the delete triggers mirror that rule exactly).
CREATE VIRTUAL TABLE messages_fts USING fts5(
    text, content = 'messages', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages WHEN new.text IS NOT NULL BEGIN
    INSERT INTO messages_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages WHEN old.text IS NOT NULL BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
    INSERT INTO messages_fts(messages_fts, rowid, text) SELECT 'delete', old.id, old.text WHERE old.text IS NOT NULL;
    INSERT INTO messages_fts(rowid, text) SELECT new.id, new.text WHERE new.text IS NOT NULL;
END;
INSERT INTO messages_fts(rowid, text) SELECT id, text FROM messages WHERE text IS NOT NULL;

CREATE VIRTUAL TABLE friend_notes_fts USING fts5(
    body, content = 'friend_notes', content_rowid = 'id', tokenize = 'trigram'
);
CREATE TRIGGER friend_notes_fts_insert AFTER INSERT ON friend_notes BEGIN
    INSERT INTO friend_notes_fts(rowid, body) VALUES (new.id, new.body);
END;
CREATE TRIGGER friend_notes_fts_delete AFTER DELETE ON friend_notes BEGIN
    INSERT INTO friend_notes_fts(friend_notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
END;
CREATE TRIGGER friend_notes_fts_update AFTER UPDATE OF body ON friend_notes BEGIN
    INSERT INTO friend_notes_fts(friend_notes_fts, rowid, body) VALUES ('delete', old.id, old.body);
    INSERT INTO friend_notes_fts(rowid, body) VALUES (new.id, new.body);
END;
INSERT INTO friend_notes_fts(rowid, body) SELECT id, body FROM friend_notes;

-- Canned replies. A folder is only a way to keep many of them tidy.
CREATE TABLE template_folders (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    name       TEXT    NOT NULL,
    position   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    UNIQUE (account_id, name)
);

CREATE TABLE templates (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    folder_id    INTEGER REFERENCES template_folders(id) ON DELETE SET NULL,
    title        TEXT    NOT NULL,
    bubbles_json TEXT    NOT NULL,          -- JSON array (1..5) of TemplateBubble, placeholders unrendered
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX templates_account ON templates(account_id, folder_id, position, id);
