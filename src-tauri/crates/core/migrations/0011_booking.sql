-- Booking through LINE, reminders and the thank-you (予約の LINE 受付・リマインド).

-- Per account: the LINE booking keyword and what reminders go out when.
CREATE TABLE reservation_line_settings (
    account_id            INTEGER PRIMARY KEY REFERENCES accounts(id),
    booking_enabled       INTEGER NOT NULL,   -- 1 = 予約 / the booking postbacks are answered
    keyword               TEXT    NOT NULL,   -- the text that starts a booking ("予約")
    day_before_enabled    INTEGER NOT NULL,
    day_before_time       TEXT    NOT NULL,   -- shop wall clock, "18:00"
    hours_before          INTEGER NOT NULL,   -- 0 = no "N hours before" reminder
    thanks_enabled        INTEGER NOT NULL,
    thanks_delay_minutes  INTEGER NOT NULL,   -- after the end (or once marked 完了)
    thanks_text           TEXT    NOT NULL,
    updated_at            INTEGER NOT NULL
);

-- Every push about a reservation, at most once per (reservation, kind): the row is
-- written in the same transaction as its outbox row, so a crash or a restart can
-- neither lose nor repeat one. 'requested' marks a LINE booking made as 仮予約 (no
-- message of its own): its 'approved' notice goes out once the owner confirms.
CREATE TABLE reservation_notices (
    id             INTEGER PRIMARY KEY,
    reservation_id INTEGER NOT NULL REFERENCES reservations(id),
    kind           TEXT    NOT NULL CHECK (kind IN ('requested','approved','dayBefore','hoursBefore','thanks')),
    outbox_id      INTEGER REFERENCES outbox(id),
    due_at         INTEGER NOT NULL,
    created_at     INTEGER NOT NULL,
    UNIQUE (reservation_id, kind)
);
CREATE INDEX reservation_notices_created ON reservation_notices(created_at);
