use crate::api::types::{Request, Response};
use crate::api::{methods, ApiError};
use crate::runtime::Core;

/// The one entry point for every transport: each method's handler, as declared in
/// `methods.rs`.
pub async fn dispatch(core: &Core, request: Request) -> Result<Response, ApiError> {
    methods::route(core, request).await.map_err(ApiError::from)
}
