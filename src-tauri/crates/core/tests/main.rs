//! Integration tests of madoguchi-core: one binary, one module per topic, a fresh
//! temporary SQLite store per test.

mod shop;
mod support;

mod autoreply;
mod conversations;
// Customers: friends, tags, reply-time tracking.
mod customers;
mod hours;
mod notify;
mod outbox_route;
mod payments;
mod phone;
mod secrets;
mod typescript;
