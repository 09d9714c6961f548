//! The benchmarks, in the order they run. Adding one = one module with a
//! `pub fn bench() -> Benchmark` and one line in [`ALL`].

mod desktop;
// The always-on hub behind Caddy: idle memory, rpc through Caddy, fan-out to desks.
mod hub;
mod inbox_page;
// Reservations
mod availability;
mod webhook_ingest;
// Broadcast to a segment.
mod broadcast;
// Search (FTS5 trigram) beside a LIKE scan.
mod search;
// Customers: tag-expression filter.
mod tag_filter;

use futures::future::BoxFuture;

use crate::Ctx;
use crate::report::Outcome;

pub struct Benchmark {
    pub name: &'static str,
    pub run: for<'a> fn(&'a Ctx) -> BoxFuture<'a, anyhow::Result<Outcome>>,
}

pub const ALL: &[Benchmark] = &[
    webhook_ingest::BENCH,
    inbox_page::BENCH,
    hub::BENCH,
    search::BENCH,
    tag_filter::BENCH,
    broadcast::BENCH,
    desktop::BENCH,
    // Reservations
    availability::BENCH,
];
