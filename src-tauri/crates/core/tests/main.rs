//! Integration tests of madoguchi-core: one binary, one module per topic, a fresh
//! temporary SQLite store per test.

mod shop;
mod support;

mod autoreply;
mod conversations;
mod hours;
mod notify;
mod outbox_route;
mod payments;
mod phone;
// Reservations
mod reservations;
mod reservations_availability;
// Reservations: LINE booking, reminders, export
mod reservations_line;
mod reservations_reminders;
mod secrets;
mod typescript;
