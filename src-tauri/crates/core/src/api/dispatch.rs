use crate::api::types::{Request, Response};
use crate::api::{methods, what};
use crate::error::ApiError;
use crate::runtime::Core;

/// The one entry point for every transport: each method's handler, as declared in
/// `methods.rs`. What a call changed is recorded with its member afterwards
/// (`activity`), so no handler has to remember to.
pub async fn dispatch(core: &Core, request: Request) -> Result<Response, ApiError> {
    let done = what::describe(&request);
    let method = request.name();
    let response = methods::route(core, request).await.map_err(ApiError::from)?;
    if let Some(mut done) = done {
        what::complete(&mut done, &response);
        crate::activity::after(core, method, done).await;
    }
    Ok(response)
}

impl Core {
    pub async fn dispatch(&self, request: Request) -> Result<Response, ApiError> {
        dispatch(self, request).await
    }

    /// `dispatch` on behalf of a member: what the handler records (a send, a note, a
    /// settings change) names them. See `members::actor`.
    pub async fn dispatch_as(&self, actor: crate::members::Actor, request: Request) -> Result<Response, ApiError> {
        crate::members::actor::acting(actor, dispatch(self, request)).await
    }
}
