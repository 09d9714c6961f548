//! The desktop as a hub's client (DESIGN §7, client mode): the hub's address checked
//! (https, or http on this PC only), pairing with a code, every API call, the event
//! stream and media forwarded with the device token, which lives in the OS keyring and
//! nowhere else. No Tauri here: the shell wires a [`Link`] to its window, tray and
//! notifications.

mod address;
mod client;
mod error;
mod link;
mod notify;
mod pulls;
mod sse;
mod tokens;

pub use address::parse_address;
pub use client::{HubClient, HubVersion, MediaAnswer, Paired};
pub use error::{HubError, Side};
pub use link::{Link, LinkState};
pub use pulls::{PullSettings, PullStatus, Pulls};
pub use tokens::{DeviceToken, KeyringTokens, MemoryTokens, TokenStore};
