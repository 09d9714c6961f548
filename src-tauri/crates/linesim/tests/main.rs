//! Integration tests of the simulator: a real listener, a real webhook receiver that
//! verifies signatures with `line::signature::verify`, and LINE's OpenAPI files as the
//! judge of wire shapes.

mod common;
mod openapi;

mod content;
mod control;
mod demo;
mod determinism;
mod faults;
mod sending;
mod validation;
mod webhooks;
