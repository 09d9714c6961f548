//! Madoguchi's product logic, free of Tauri: the store, the inbox (webhook ingest,
//! conversations, media, profiles), the outbox, accounts and their secrets, the one
//! API that every transport (Tauri command, HTTP server) dispatches to, export and
//! backup. The desktop shell and `madoguchi-server` only adapt this crate.

pub mod accounts;
pub mod api;
pub mod autoreply;
pub mod backup;
pub mod error;
pub mod events;
pub mod export;
pub mod hours;
pub mod inbox;
pub mod notify;
pub mod outbox;
pub mod payments;
pub mod phone;
// Reservations (予約): menus, staff, resources, bookings, availability.
pub mod reservations;
pub mod runtime;
pub mod secrets;
pub mod settings;
pub mod store;
pub mod time;

pub use error::{CoreError, Result};
pub use runtime::{Core, CoreOptions};
