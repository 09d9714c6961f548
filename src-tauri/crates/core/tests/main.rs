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
mod secrets;
mod typescript;
// Search and canned replies (定型文).
mod search;
mod templates;
