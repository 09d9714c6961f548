//! Broadcasts to a segment (一斉配信): up to 5 bubbles to every followed friend, or to
//! those a tag expression selects, sent as multicasts of at most 500 recipients through
//! durable batch rows with retry keys — exactly once per recipient across crashes.

pub mod api;
pub mod model;
pub mod store;
pub mod worker;

pub use model::*;
