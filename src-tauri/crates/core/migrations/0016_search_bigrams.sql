-- Search: an index for 1- and 2-character queries (予約, 田中, 色, 傘), which trigrams
-- cannot answer. It is what pg_bigm and Groonga's TokenBigram do for short Japanese
-- terms: every message is indexed by each of its characters and each pair of
-- neighbouring characters, so a short query is one term lookup, newest first.
--
-- Tokens are the hex of the characters' UTF-8 bytes, so that every character is a token
-- character for the plain `ascii` tokenizer: punctuation, emoji and spaces are found
-- like letters, with nothing of the text's own lost to a tokenizer's rules. Hex keeps
-- case, so a query asks for each case spelling (src/search/bigram.rs), as the scan did.
-- Contentless, only row ids (detail=none): the text itself stays in `messages` alone.
CREATE VIRTUAL TABLE messages_bigram USING fts5(
    grams, content = '', detail = none, columnsize = 0, tokenize = 'ascii'
);

-- Messages with id >= indexed_from are in messages_bigram, always with their current
-- text; older ones are added by a background worker (src/search/backfill.rs) in small
-- transactions that lower the mark, so a large store stays usable while it is built.
-- 0 = every message. The triggers keep to the same rule, so a message is indexed
-- exactly once and 'delete' is only ever given the tokens that were inserted.
CREATE TABLE search_bigram_state (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_from INTEGER NOT NULL
);
INSERT INTO search_bigram_state (id, indexed_from)
    SELECT 1, CASE WHEN EXISTS (SELECT 1 FROM messages) THEN (SELECT max(id) + 1 FROM messages) ELSE 0 END;

-- The tokens of one text: for each character, itself and the pair it starts (the last
-- character's "pair" is itself again). Triggers cannot hold a CTE, so the positions
-- come from json_each over an array of length(text) zeros.
CREATE VIEW message_grams (id, grams) AS
    SELECT m.id, (SELECT group_concat(hex(substr(m.text, j.key + 1, 1)) || ' ' || hex(substr(m.text, j.key + 1, 2)), ' ')
                  FROM json_each('[' || replace(hex(zeroblob(length(m.text) - 1)), '00', '0,') || '0]') j)
    FROM messages m WHERE m.text IS NOT NULL;

CREATE TRIGGER messages_bigram_insert AFTER INSERT ON messages
WHEN new.text IS NOT NULL AND new.id >= (SELECT indexed_from FROM search_bigram_state) BEGIN
    INSERT INTO messages_bigram (rowid, grams)
        SELECT new.id, group_concat(hex(substr(new.text, j.key + 1, 1)) || ' ' || hex(substr(new.text, j.key + 1, 2)), ' ')
        FROM json_each('[' || replace(hex(zeroblob(length(new.text) - 1)), '00', '0,') || '0]') j;
END;
CREATE TRIGGER messages_bigram_delete AFTER DELETE ON messages
WHEN old.text IS NOT NULL AND old.id >= (SELECT indexed_from FROM search_bigram_state) BEGIN
    INSERT INTO messages_bigram (messages_bigram, rowid, grams)
        SELECT 'delete', old.id, group_concat(hex(substr(old.text, j.key + 1, 1)) || ' ' || hex(substr(old.text, j.key + 1, 2)), ' ')
        FROM json_each('[' || replace(hex(zeroblob(length(old.text) - 1)), '00', '0,') || '0]') j;
END;
CREATE TRIGGER messages_bigram_update AFTER UPDATE OF text ON messages
WHEN old.id >= (SELECT indexed_from FROM search_bigram_state) BEGIN
    INSERT INTO messages_bigram (messages_bigram, rowid, grams)
        SELECT 'delete', old.id, group_concat(hex(substr(old.text, j.key + 1, 1)) || ' ' || hex(substr(old.text, j.key + 1, 2)), ' ')
        FROM json_each('[' || replace(hex(zeroblob(length(old.text) - 1)), '00', '0,') || '0]') j
        WHERE old.text IS NOT NULL;
    INSERT INTO messages_bigram (rowid, grams)
        SELECT new.id, group_concat(hex(substr(new.text, j.key + 1, 1)) || ' ' || hex(substr(new.text, j.key + 1, 2)), ' ')
        FROM json_each('[' || replace(hex(zeroblob(length(new.text) - 1)), '00', '0,') || '0]') j
        WHERE new.text IS NOT NULL;
END;
