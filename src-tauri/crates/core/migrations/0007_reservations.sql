-- Reservations (予約): menus, staff with weekly shifts, resources (chairs, rooms,
-- tables) with seats, the bookings themselves and per-account booking settings.
-- Times are epoch milliseconds (UTC); dates and shift times are the shop's wall clock.

CREATE TABLE reservation_settings (
    account_id            INTEGER PRIMARY KEY REFERENCES accounts(id),
    slot_minutes          INTEGER NOT NULL,   -- start times are offered every N minutes
    min_notice_minutes    INTEGER NOT NULL,   -- customers cannot book sooner than this
    window_days           INTEGER NOT NULL,   -- nor further ahead than this
    cancel_deadline_hours INTEGER NOT NULL,   -- customers may cancel/change until N hours before
    approval_required     INTEGER NOT NULL,   -- 1 = LINE bookings start as 仮予約 until the owner confirms
    updated_at            INTEGER NOT NULL
);

-- Staff. `weekly_json` is seven lists of {"start","end"} periods (Sunday first, the
-- same form as business hours); `days_off_json` a list of "YYYY-MM-DD".
CREATE TABLE reservation_staff (
    id            INTEGER PRIMARY KEY,
    account_id    INTEGER NOT NULL REFERENCES accounts(id),
    name          TEXT    NOT NULL,
    color         TEXT    NOT NULL,
    weekly_json   TEXT    NOT NULL,
    days_off_json TEXT    NOT NULL,
    position      INTEGER NOT NULL,
    active        INTEGER NOT NULL DEFAULT 1,  -- 0 = removed; kept for past bookings
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX reservation_staff_account ON reservation_staff(account_id, active, position);

CREATE TABLE reservation_resources (
    id          INTEGER PRIMARY KEY,
    account_id  INTEGER NOT NULL REFERENCES accounts(id),
    name        TEXT    NOT NULL,
    kind        TEXT    NOT NULL,             -- free text the menus refer to: "chair", "個室", …
    capacity    INTEGER NOT NULL CHECK (capacity >= 1),
    position    INTEGER NOT NULL,
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX reservation_resources_account ON reservation_resources(account_id, active, position);

-- `staff_ids_json`: who may do it ([] = anyone); `needs_staff` 0 for e.g. a table booking.
CREATE TABLE reservation_menus (
    id               INTEGER PRIMARY KEY,
    account_id       INTEGER NOT NULL REFERENCES accounts(id),
    name             TEXT    NOT NULL,
    duration_minutes INTEGER NOT NULL CHECK (duration_minutes >= 1),
    buffer_minutes   INTEGER NOT NULL CHECK (buffer_minutes >= 0),
    price_yen        INTEGER NOT NULL CHECK (price_yen >= 0),
    needs_staff      INTEGER NOT NULL DEFAULT 1,
    staff_ids_json   TEXT    NOT NULL,
    resource_kind    TEXT,                    -- NULL = needs no resource
    position         INTEGER NOT NULL,
    active           INTEGER NOT NULL DEFAULT 1,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
);
CREATE INDEX reservation_menus_account ON reservation_menus(account_id, active, position);

-- A booking. Busy time is [start_at, end_at + buffer_minutes): the cleanup after counts.
-- `menus_json` is a snapshot of the booked menus (name, minutes, price) so that later
-- menu edits do not rewrite history.
CREATE TABLE reservations (
    id             INTEGER PRIMARY KEY,
    account_id     INTEGER NOT NULL REFERENCES accounts(id),
    friend_id      INTEGER REFERENCES friends(id),
    customer_name  TEXT,
    customer_phone TEXT,
    menus_json     TEXT    NOT NULL,
    staff_id       INTEGER REFERENCES reservation_staff(id),
    resource_id    INTEGER REFERENCES reservation_resources(id),
    start_at       INTEGER NOT NULL,
    end_at         INTEGER NOT NULL CHECK (end_at > start_at),
    buffer_minutes INTEGER NOT NULL DEFAULT 0,
    busy_until     INTEGER NOT NULL,          -- end_at + buffer, kept for the overlap queries
    party_size     INTEGER NOT NULL CHECK (party_size >= 1),
    status         TEXT    NOT NULL CHECK (status IN ('tentative','confirmed','arrived','completed','cancelled','noShow')),
    notes          TEXT    NOT NULL DEFAULT '',
    source         TEXT    NOT NULL CHECK (source IN ('owner','line','phone','walkIn')),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    CHECK (friend_id IS NOT NULL OR customer_name IS NOT NULL)
);
CREATE INDEX reservations_range ON reservations(account_id, start_at);
CREATE INDEX reservations_staff ON reservations(staff_id, start_at) WHERE staff_id IS NOT NULL;
CREATE INDEX reservations_resource ON reservations(resource_id, start_at) WHERE resource_id IS NOT NULL;
CREATE INDEX reservations_friend ON reservations(friend_id, start_at) WHERE friend_id IS NOT NULL;
