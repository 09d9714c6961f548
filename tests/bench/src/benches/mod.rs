//! The benchmarks, in the order they run. Adding one = one module with a
//! `pub fn bench() -> Benchmark` and one line in [`ALL`].

mod webhook_ingest;
// Customers: tag-expression filter.
mod tag_filter;

use futures::future::BoxFuture;

use crate::Ctx;
use crate::report::Outcome;

pub struct Benchmark {
    pub name: &'static str,
    pub run: for<'a> fn(&'a Ctx) -> BoxFuture<'a, anyhow::Result<Outcome>>,
}

pub const ALL: &[Benchmark] = &[webhook_ingest::BENCH, tag_filter::BENCH];
