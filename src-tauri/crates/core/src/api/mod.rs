//! The one API: typed requests and responses, and one `dispatch` that the Tauri
//! command and the HTTP server both call. Each method is declared once, in
//! `methods.rs`; TypeScript types for the UI are generated from the same declaration
//! (see `typescript.rs`), and a test fails when the committed file drifts.

#[macro_use]
mod declare;
mod dispatch;
pub mod methods;
pub mod types;
pub mod typescript;
// What a call did, for the activity history.
pub mod what;
pub mod wire;

pub use declare::{role_of, wire_name_of, MethodInfo, ResponseKind, Role};
pub use dispatch::dispatch;
pub use crate::error::ApiError;
pub use types::{Request, Response};
pub use wire::api_hash;
