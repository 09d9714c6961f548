//! What the handle needs of the webhook ingest (the journal and its projector, in the
//! inbox): the runtime answers LINE's requests and waits for the store through it
//! without depending on the inbox.

use futures::future::BoxFuture;

use crate::Result;

pub trait Webhooks: Send + Sync {
    /// Stores a verified request body durably; returns its journal id.
    fn append<'a>(&'a self, account_id: i64, body: &'a [u8]) -> BoxFuture<'a, Result<i64>>;
    /// Resolves once the store holds every journal entry up to `id`.
    fn projected(&self, id: i64) -> BoxFuture<'_, Result<()>>;
    /// Resolves once everything journaled so far is in the store.
    fn settled(&self) -> BoxFuture<'_, Result<()>>;
    /// Entries journaled but not yet in the store.
    fn backlog(&self) -> i64;
    /// Lets go of the journal's files (the core is shutting down).
    fn close(&self) -> BoxFuture<'_, ()>;
}
