-- Who did what (members): each send, note and change names the member who made it.
-- The name is a snapshot, so a removed member's name still shows. NULL = no member:
-- the one person at this PC (the desktop window or the printed session token) or the
-- core's own work (automatic replies, reminders).
ALTER TABLE messages ADD COLUMN sent_by_member_id INTEGER REFERENCES members(id);
ALTER TABLE messages ADD COLUMN sent_by_name TEXT;
ALTER TABLE outbox ADD COLUMN sent_by_member_id INTEGER REFERENCES members(id);
ALTER TABLE outbox ADD COLUMN sent_by_name TEXT;
ALTER TABLE broadcasts ADD COLUMN created_by_member_id INTEGER REFERENCES members(id);
ALTER TABLE broadcasts ADD COLUMN created_by_name TEXT;
ALTER TABLE friend_notes ADD COLUMN author_member_id INTEGER REFERENCES members(id);
ALTER TABLE friend_notes ADD COLUMN author_name TEXT;

-- What members did, one row per successful method call that changes something: sends,
-- notes, tags, statuses and bookings when a member made them; settings changes always
-- (the owner's history). `summary` is a fixed short phrase per method (plus a name at
-- most), never a value the method was given: LINE credentials never reach this table.
CREATE TABLE activity_log (
    id              INTEGER PRIMARY KEY,
    at              INTEGER NOT NULL,
    member_id       INTEGER REFERENCES members(id),
    member_name     TEXT,
    kind            TEXT    NOT NULL CHECK (kind IN ('send','note','tag','status','booking','settings')),
    method          TEXT    NOT NULL,
    summary         TEXT    NOT NULL,
    conversation_id INTEGER,
    friend_id       INTEGER,
    reservation_id  INTEGER
);
CREATE INDEX activity_log_by_kind ON activity_log(kind, id DESC);
