-- What the shop knows about each customer beyond LINE's profile: a private name only
-- the shop sees, notes, tags, and fields the shop defines. The hosted tools cap or
-- delete this data; here it is the shop's, forever.

ALTER TABLE friends ADD COLUMN private_name TEXT;

CREATE TABLE friend_notes (
    id         INTEGER PRIMARY KEY,
    friend_id  INTEGER NOT NULL REFERENCES friends(id) ON DELETE CASCADE,
    body       TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX friend_notes_friend ON friend_notes(friend_id, created_at);

CREATE TABLE tags (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts(id),
    name       TEXT    NOT NULL,
    color      TEXT    NOT NULL,            -- '#rrggbb'
    position   INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    UNIQUE (account_id, name)
);

CREATE TABLE friend_tags (
    friend_id  INTEGER NOT NULL REFERENCES friends(id) ON DELETE CASCADE,
    tag_id     INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    source     TEXT    NOT NULL DEFAULT 'owner', -- 'owner', 'rule', 'import'
    PRIMARY KEY (friend_id, tag_id)
) WITHOUT ROWID;
-- "Everyone with tag X" without scanning every friend.
CREATE INDEX friend_tags_by_tag ON friend_tags(tag_id, friend_id);

CREATE TABLE custom_fields (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts(id),
    name         TEXT    NOT NULL,          -- also the placeholder name in canned replies: {name}
    kind         TEXT    NOT NULL CHECK (kind IN ('text','number','date','choice','checkbox')),
    options_json TEXT    NOT NULL DEFAULT '[]', -- the choices of a 'choice' field
    position     INTEGER NOT NULL DEFAULT 0,
    created_at   INTEGER NOT NULL,
    UNIQUE (account_id, name)
);

CREATE TABLE friend_field_values (
    friend_id  INTEGER NOT NULL REFERENCES friends(id) ON DELETE CASCADE,
    field_id   INTEGER NOT NULL REFERENCES custom_fields(id) ON DELETE CASCADE,
    value      TEXT    NOT NULL,            -- canonical text: number as typed, date YYYY-MM-DD, checkbox 'true'/'false'
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (friend_id, field_id)
) WITHOUT ROWID;
