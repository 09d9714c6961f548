//! The hub's event stream (`GET /api/events`, server-sent events) read as it arrives:
//! each message's `data:` lines are one `CoreEvent` as JSON; comments (the hub's
//! keep-alives) and unknown fields are skipped.

/// Splits a growing buffer into complete SSE messages' data.
#[derive(Default)]
pub(crate) struct SseParser {
    /// Bytes, not text: a chunk may end inside a character.
    buf: Vec<u8>,
    data: Vec<String>,
}

impl SseParser {
    /// Feeds bytes; returns the data of every message they complete.
    pub(crate) fn push(&mut self, chunk: &[u8]) -> Vec<String> {
        self.buf.extend_from_slice(chunk);
        let mut out = Vec::new();
        while let Some(end) = self.buf.iter().position(|b| *b == b'\n') {
            let raw: Vec<u8> = self.buf.drain(..=end).collect();
            let line = String::from_utf8_lossy(&raw);
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                if !self.data.is_empty() {
                    out.push(std::mem::take(&mut self.data).join("\n"));
                }
            } else if let Some(d) = line.strip_prefix("data:") {
                self.data.push(d.strip_prefix(' ').unwrap_or(d).to_owned());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_split_across_chunks_and_comments_skipped() {
        let mut p = SseParser::default();
        assert!(p.push(b": keep-alive\n\ndata: {\"a\"").is_empty());
        assert_eq!(p.push(b":1}\n\ndata:x\r\n\r\n"), vec!["{\"a\":1}".to_owned(), "x".to_owned()]);
        let text = "data: 予約\n\n".as_bytes();
        assert!(p.push(&text[..7]).is_empty(), "a character cut in two waits for its rest");
        assert_eq!(p.push(&text[7..]), vec!["予約".to_owned()]);
    }
}
