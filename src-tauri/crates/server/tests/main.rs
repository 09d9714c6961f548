//! Integration tests of `madoguchi-server`: the real binary as a child process, talking
//! to an in-process LINE simulator. One binary, one module per topic; every test has its
//! own temp data dir and its own simulator (port 0).
//!
//! Knobs: MADOGUCHI_CRASH_ROUNDS (default 20), MADOGUCHI_CRASH_SEED, MADOGUCHI_OUTBOX_SEED,
//! MADOGUCHI_BACKUP_SEED, MADOGUCHI_BROADCAST_SEED (every random test prints its seed), MADOGUCHI_TEST_LOGS=1 (print
//! each server's stderr when it stops).

mod support;
// A real Caddy in front of a hub, from the shipped Caddyfile (also used by the bench).
mod caddy;

// Assignment: 「入力中」 reaches the other members and is never stored.
mod assignment_typing;
mod backup;
// Broadcast to a segment: 10 000 recipients across SIGKILLs.
mod broadcast_crash;
mod crash;
// A lagging event stream is told to re-read.
mod events_resync;
// Settings: CSV export.
mod export_csv;
// The owner's desk keeps the hub's history: backups pulled over /api/backup.
mod hub_backup_pull;
// The hub behind a real Caddy (packaging/hub/Caddyfile.example).
mod hub_caddy;
// The desktop as a hub's client (crates/hub-client) against this server.
mod hub_client;
// Members: sign-in, roles on every method, devices.
mod members;
mod outbox_crash;
mod public_router;
// Reservations: reminders across SIGKILL
mod reservations_reminders;
mod route;
mod secrets_leak;
// A desk's send caught by a SIGKILL of the hub: sent once or not at all, and the desk can tell which.
mod send_key_crash;
mod webhook;
// Who did what: members named on sends, the owner's settings history.
mod who_did_what;
