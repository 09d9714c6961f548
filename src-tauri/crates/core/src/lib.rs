//! Madoguchi's product logic, free of Tauri: the store, the inbox (webhook ingest,
//! conversations, media, profiles), the outbox, accounts and their secrets, the one
//! API that every transport (Tauri command, HTTP server) dispatches to, export and
//! backup. The desktop shell and `madoguchi-server` only adapt this crate.
//!
//! The modules sit in layers without an import circle: the low ones (store, events,
//! errors, the `Core` handle in `runtime`) name no domain, the domains name only those
//! below them, and `api` and `start` sit on top; `tests/layers.rs` gives the order and
//! fails on a circle.

pub mod accounts;
// Who did what: the member behind each send, note and change.
pub mod activity;
pub mod api;
// Settings page (sending, payment links, its API arm).
pub mod app_settings;
// Assignment (担当者) and who is typing where.
pub mod assignment;
pub mod autoreply;
pub mod backup;
// Broadcast to a segment (一斉配信).
pub mod broadcast;
// What a request names a chat by, and a chat's status.
pub mod conversation;
pub mod error;
pub mod events;
pub mod export;
// Flushing backups and exports, also on network folders.
pub mod flush;
// Customers: friend profiles, tags, reply-time tracking.
pub mod friends;
pub mod replytime;
pub mod hours;
pub mod inbox;
pub mod members;
pub mod notify;
pub mod outbox;
// A LINE message ready to queue, and LINE's limits on it.
pub mod outgoing;
pub mod payments;
pub mod phone;
// Reservations (予約): menus, staff, resources, bookings, availability.
pub mod reservations;
pub mod runtime;
// Search and canned replies (定型文).
pub mod search;
pub mod templates;
pub mod secrets;
pub mod settings;
// Opening a core and starting every domain's worker.
mod start;
pub mod store;
pub mod tags;
pub mod time;

pub use error::{CoreError, Result};
pub use runtime::{Core, CoreOptions};
