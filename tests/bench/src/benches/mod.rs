//! The benchmarks, in the order they run. Adding one = one module with a
//! `pub fn bench() -> Benchmark` and one line in [`ALL`].

// Reservations
mod availability;
mod webhook_ingest;

use futures::future::BoxFuture;

use crate::Ctx;
use crate::report::Outcome;

pub struct Benchmark {
    pub name: &'static str,
    pub run: for<'a> fn(&'a Ctx) -> BoxFuture<'a, anyhow::Result<Outcome>>,
}

pub const ALL: &[Benchmark] = &[
    webhook_ingest::BENCH,
    // Reservations
    availability::BENCH,
];
