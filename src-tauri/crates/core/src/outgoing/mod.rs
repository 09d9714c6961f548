//! A LINE message ready to queue, and LINE's limits on it: what the outbox sends and
//! every domain that prepares messages (auto-replies, call buttons, payment links,
//! bookings, templates, broadcasts) builds, below all of them.

pub mod limits;

use line::messages::MessageObject;

use crate::Result;

/// One message of an outbox row, as the thread will show it.
pub struct OutgoingEntry {
    pub kind: String,
    pub text: Option<String>,
    pub media_id: Option<i64>,
    pub object: MessageObject,
}

/// A plain text as the one entry of a send, within LINE's limits.
pub fn text_entry(text: &str) -> Result<Vec<OutgoingEntry>> {
    limits::check_text(text)?;
    Ok(vec![OutgoingEntry {
        kind: "text".into(),
        text: Some(text.to_string()),
        media_id: None,
        object: MessageObject::text(text),
    }])
}
