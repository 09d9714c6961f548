//! The one command: every UI request goes through `madoguchi_core::api::dispatch`,
//! exactly as over HTTP in `madoguchi-server`.

use madoguchi_core::api::{ApiError, Request, Response};
use madoguchi_core::Core;
use tauri::State;

#[tauri::command]
pub async fn rpc(core: State<'_, Core>, request: Request) -> Result<Response, ApiError> {
    core.dispatch(request).await
}
