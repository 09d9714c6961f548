//! Search's methods of the one API (declared in `api/methods.rs`).

use crate::runtime::Core;
use crate::search::model::{SearchPage, SearchQuery};
use crate::Result;

pub async fn search_messages(core: &Core, q: SearchQuery) -> Result<SearchPage> {
    crate::search::messages(&core.store().pool, &q).await
}

pub async fn search_notes(core: &Core, q: SearchQuery) -> Result<SearchPage> {
    crate::search::notes(&core.store().pool, &q).await
}
