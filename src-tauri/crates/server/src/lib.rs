//! The HTTP face of `madoguchi-core`, shared by `madoguchi-server` (everything: webhook,
//! API, UI) and the desktop app (only the public part: the webhook receiver and the
//! media LINE fetches), plus the `--demo` set-up both of them offer.

pub mod demo;
mod demo_settings;
pub mod http;
