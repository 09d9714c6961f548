//! The one API: typed requests and responses, and one `dispatch` that the Tauri
//! command and the HTTP server both call. TypeScript types for the UI are generated
//! from these types (see `typescript.rs`), and a test fails when the committed file drifts.

mod dispatch;
pub mod error;
pub mod types;
pub mod typescript;

pub use dispatch::dispatch;
pub use error::ApiError;
pub use types::{Request, Response};
