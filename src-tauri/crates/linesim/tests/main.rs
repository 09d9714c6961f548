//! Integration tests of the simulator: a real listener, a real webhook receiver that
//! verifies signatures with `line::signature::verify`, and LINE's OpenAPI files as the
//! judge of wire shapes.

mod common;
/// LINE's OpenAPI files as validators, shared with the other crates' contract tests.
use openapi_check as openapi;

mod content;
mod control;
mod demo;
mod determinism;
mod faults;
mod sending;
mod validation;
mod webhooks;
