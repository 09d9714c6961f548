//! The crate's one integration-test binary.

mod client;
mod contract;
mod fake_line;
mod openapi;
mod webhook;
