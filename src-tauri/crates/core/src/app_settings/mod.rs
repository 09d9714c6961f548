//! The Settings page's own values that are not a feature's: the undo-send seconds and
//! the reply-token safe window (keys in `crate::settings`, read where they are used, so
//! a change applies to the next send), and the account-scoped saved payment links.

pub mod api;
pub mod payment_links;
pub mod sending;
