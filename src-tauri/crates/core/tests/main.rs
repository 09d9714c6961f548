//! Integration tests of madoguchi-core: one binary, one module per topic, a fresh
//! temporary SQLite store per test.

mod support;

mod conversations;
mod outbox_route;
mod secrets;
mod typescript;
