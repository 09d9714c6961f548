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
mod secrets;
mod typescript;
