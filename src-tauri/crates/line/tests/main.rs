//! The crate's one integration-test binary.

mod client;
mod contract;
mod fake_line;
/// LINE's OpenAPI files as validators, shared with the other crates' contract tests.
use openapi_check as openapi;
mod webhook;
mod webhook_check;
