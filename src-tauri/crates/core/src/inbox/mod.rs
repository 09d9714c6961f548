//! Everything that comes in from LINE: webhook ingest, the conversations it feeds,
//! and the after-commit work (profiles, media downloads).

pub mod api;
pub mod conversations;
mod event_rows;
pub mod ingest;
pub mod journal;
pub mod media;
pub mod media_copy;
pub mod media_serve;
pub mod model;
pub mod profiles;
pub mod thread;
pub mod typing;
pub mod unread;
