//! A stand-in for the LINE platform: the Messaging API subset Madoguchi calls, served at
//! LINE's real paths with LINE's JSON, plus simulated customers whose actions arrive at a
//! webhook URL as signed events in the `webhook.yml` wire format.
//!
//! It is used in-process (demo mode, Rust integration tests) and out-of-process (the
//! `madoguchi-linesim` binary with its `/sim/` control API, for Playwright and benchmarks).
//! Request bodies are checked as raw JSON (`serde_json::Value`), independently of the typed
//! client in `madoguchi-line`, so a client bug cannot hide behind shared types.

mod api;
pub mod chatter;
mod clock;
mod config;
mod control;
pub mod demo;
mod events;
mod faults;
mod ids;
mod png;
mod sim;
mod state;
mod stats;
mod validate;
mod webhook_sender;

pub use chatter::start_chatter;
pub use config::SimConfig;
pub use demo::seed_shop;
pub use events::LineEmoji;
pub use faults::{FaultRule, Faults};
pub use sim::Simulator;
pub use state::{Received, SimUser, Via};
pub use stats::Stats;
pub use webhook_sender::Delivery;
