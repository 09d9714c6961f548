//! The short-query index (migration 0016): a 1–2 character query is one term of
//! `messages_bigram` per case spelling, looked up newest first. Its tokens are the hex of
//! the UTF-8 bytes of each character and of each pair of neighbouring characters.

use sqlx::SqlitePool;

use super::{text, Row};
use crate::Result;

/// The FTS5 query: any of the query's case spellings, each one literal term. The index
/// keeps case (hex has none to fold), so case-insensitivity is these spellings, exactly
/// as in the scan.
pub fn match_expr(query: &str) -> String {
    let mut terms: Vec<String> = text::spellings(query, 9).into_iter().flatten().map(|s| hex(&s)).collect();
    terms.sort();
    terms.dedup();
    terms.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(" OR ")
}

/// Lower-case hex, as the `ascii` tokenizer folds SQLite's `hex()` output.
fn hex(s: &str) -> String {
    use std::fmt::Write as _;
    s.bytes().fold(String::with_capacity(s.len() * 2), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

type Tuple = (i64, Option<i64>, i64, i64, Option<String>, Option<String>, i64, String);

/// Messages with id in `[from, before)` that contain the 1–2 character `query`, newest
/// first, at most `limit`. Only messages at or above the backfill mark are in the index.
pub(super) async fn messages(
    pool: &SqlitePool,
    query: &str,
    account_id: Option<i64>,
    before: i64,
    from: i64,
    limit: i64,
) -> Result<Vec<Row>> {
    let rows: Vec<Tuple> = sqlx::query_as(
        "SELECT m.id, m.conversation_id, m.account_id, c.friend_id,
                coalesce(nullif(f.private_name, ''), f.display_name), m.direction, m.created_at, m.text
         FROM messages_bigram
         JOIN messages m ON m.id = messages_bigram.rowid
         JOIN conversations c ON c.id = m.conversation_id
         JOIN friends f ON f.id = c.friend_id
         WHERE messages_bigram MATCH ?4 AND messages_bigram.rowid < ?1 AND messages_bigram.rowid >= ?5
           AND (?2 IS NULL OR m.account_id = ?2) AND m.text IS NOT NULL AND m.unsent = 0
           AND m.status <> 'cancelled'
         ORDER BY messages_bigram.rowid DESC
         LIMIT ?3",
    )
    .bind(before)
    .bind(account_id)
    .bind(limit)
    .bind(match_expr(query))
    .bind(from)
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, conversation_id, account_id, friend_id, friend_name, direction, at, text)| Row {
            id,
            conversation_id,
            account_id,
            friend_id,
            friend_name,
            direction,
            at,
            text,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_term_per_spelling_in_hex() {
        assert_eq!(match_expr("予約"), "\"e4ba88e7b484\"");
        assert_eq!(match_expr("ok"), "\"4f4b\" OR \"4f6b\" OR \"6f4b\" OR \"6f6b\"");
        assert_eq!(match_expr("\""), "\"22\"");
    }
}
