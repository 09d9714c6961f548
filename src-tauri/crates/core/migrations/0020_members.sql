-- Members: the people who work the counter (hub mode). Not reservation staff (the
-- stylists a booking is for), though a member may be linked to one.
CREATE TABLE members (
    id                   INTEGER PRIMARY KEY,
    name                 TEXT    NOT NULL,
    role                 TEXT    NOT NULL CHECK (role IN ('owner', 'staff')),
    -- Argon2id in PHC form (algorithm, parameters and the member's own salt inside);
    -- NULL for a member who only ever pairs devices with a code.
    password_hash        TEXT,
    reservation_staff_id INTEGER REFERENCES reservation_staff(id) ON DELETE SET NULL,
    created_at           INTEGER NOT NULL,
    removed_at           INTEGER
);
-- A name signs in, so it is unique among the members still there.
CREATE UNIQUE INDEX members_name_active ON members(name) WHERE removed_at IS NULL;

-- One row per signed-in device. The token itself is never stored: only its SHA-256.
CREATE TABLE member_tokens (
    id           INTEGER PRIMARY KEY,
    member_id    INTEGER NOT NULL REFERENCES members(id),
    token_hash   BLOB    NOT NULL UNIQUE,
    device_name  TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_used_at INTEGER NOT NULL,
    revoked_at   INTEGER
);
CREATE INDEX member_tokens_member ON member_tokens(member_id);

-- Codes an owner makes so a phone or another PC can join without typing a password.
-- Stored as hashes like tokens; single use, short-lived.
CREATE TABLE pairing_codes (
    id         INTEGER PRIMARY KEY,
    member_id  INTEGER NOT NULL REFERENCES members(id),
    code_hash  BLOB    NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
