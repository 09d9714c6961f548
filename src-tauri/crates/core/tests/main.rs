//! Integration tests of madoguchi-core: one binary, one module per topic, a fresh
//! temporary SQLite store per test.

mod shop;
mod support;

// The API's declaration: who may call what, and what a failure tells the person.
mod api_errors;
mod api_roles;
// Assignment (担当者), the last member reply and 「入力中」.
mod assignment;
mod autoreply;
// Sending to a friend who blocked the account.
mod blocked_friend;
// Broadcast to a segment.
mod broadcast;
mod cancelled_send;
mod conversations;
// Customers: friends, tags, reply-time tracking.
mod customers;
// A screen that falls behind the events is told to re-read.
mod events_resync;
mod hours;
// No import circle among the core's top-level modules.
mod layers;
// The webhook journal (acknowledged before projected).
mod journal;
// LINE's limits on message objects saved for later sending.
mod message_limits;
// Members: passwords, device tokens, pairing codes.
mod members;
mod notify;
// A send result that cannot be written does not stop the chat.
mod outbox_record;
mod outbox_route;
// The desk's key for a send: a repeat sends nothing twice; what became of a lost answer.
mod send_key;
mod payments;
mod phone;
// Reservations
mod reservations;
mod reservations_availability;
// Reservations: LINE booking, reminders, export
mod reservations_line;
mod reservations_reminders;
mod secrets;
// The store's write lock under a busy writer.
mod store_locks;
// Full flushes to the drive (macOS) on every store connection.
mod store_durability;
mod typing;
mod upload;
// Who did what: the member behind each send, note and change.
mod who_did_what;
// Settings page.
mod backup_import;
mod backup_replace;
mod settings_backup;
mod settings_connect;
mod settings_general;
mod typescript;
// Search and canned replies (定型文).
mod search;
mod search_short;
mod templates;
mod wiring;
