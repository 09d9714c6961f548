//! Japanese full-text search over message text and friend notes. Queries of 3+
//! characters go through the FTS5 trigram indexes (migration 0006). Trigrams cannot
//! answer 1–2 characters: for messages those go through the bigram index (migration
//! 0016, `bigram`), and below its backfill mark, and for notes (a few per customer),
//! through a newest-first scan (LIKE when only ASCII letters have case, else `instr`
//! over every case spelling). All paths share the matching rules, so the results are
//! always those of a plain case-insensitive substring search.

pub mod api;
pub mod backfill;
pub mod bigram;
pub mod model;
pub mod text;

use sqlx::SqlitePool;

use crate::inbox::model::Direction;
use crate::{CoreError, Result};
use model::{SearchHit, SearchPage, SearchQuery, SearchSource};

const DEFAULT_PAGE: u32 = 30;
const MAX_PAGE: u32 = 200;
const MAX_QUERY_CHARS: usize = 200;

struct Row {
    id: i64,
    conversation_id: Option<i64>,
    account_id: i64,
    friend_id: i64,
    friend_name: Option<String>,
    direction: Option<String>,
    at: i64,
    text: String,
}

fn checked(q: &SearchQuery) -> Result<Option<(String, i64, i64)>> {
    let query = q.query.trim();
    if query.is_empty() {
        return Ok(None);
    }
    if query.chars().count() > MAX_QUERY_CHARS {
        return Err(CoreError::bad_input(
            format!("search for at most {MAX_QUERY_CHARS} characters"),
            format!("検索できるのは {MAX_QUERY_CHARS} 文字までです"),
        ));
    }
    let limit = i64::from(q.limit.unwrap_or(DEFAULT_PAGE).clamp(1, MAX_PAGE));
    Ok(Some((query.to_string(), q.before.unwrap_or(i64::MAX), limit)))
}

fn page(query: &str, source: SearchSource, mut rows: Vec<Row>, limit: i64) -> SearchPage {
    let more = rows.len() as i64 > limit;
    rows.truncate(limit as usize);
    let next_before = if more { rows.last().map(|r| r.id) } else { None };
    let hits = rows
        .into_iter()
        .map(|r| {
            let (snippet, highlights) = text::snippet(&r.text, query);
            SearchHit {
                source,
                id: r.id,
                conversation_id: r.conversation_id,
                account_id: r.account_id,
                friend_id: r.friend_id,
                friend_name: r.friend_name,
                direction: r.direction.map(|d| if d == "out" { Direction::Out } else { Direction::In }),
                at: r.at,
                snippet,
                highlights,
            }
        })
        .collect();
    SearchPage { hits, next_before }
}

/// Messages whose text contains the query, newest (highest id) first. A message the
/// customer unsent is not found: the thread no longer shows its text either. Nor is a
/// send the owner cancelled: it never reached the customer.
pub async fn messages(pool: &SqlitePool, q: &SearchQuery) -> Result<SearchPage> {
    let Some((query, before, limit)) = checked(q)? else {
        return Ok(SearchPage { hits: vec![], next_before: None });
    };
    let fetch = limit + 1;
    let rows = if text::needs_scan(&query) {
        short(pool, &query, q.account_id, before, fetch).await?
    } else {
        let phrase = text::fts_phrase(&query);
        sqlx::query_as!(
            Row,
            r#"SELECT m.id AS "id!", m.conversation_id AS "conversation_id?", m.account_id, c.friend_id,
                      coalesce(nullif(f.private_name, ''), f.display_name) AS "friend_name?: String",
                      m.direction AS "direction?", m.created_at AS at, m.text AS "text!"
               FROM messages_fts
               JOIN messages m ON m.id = messages_fts.rowid
               JOIN conversations c ON c.id = m.conversation_id
               JOIN friends f ON f.id = c.friend_id
               WHERE messages_fts MATCH ?4 AND messages_fts.rowid < ?1
                 AND (?2 IS NULL OR m.account_id = ?2) AND m.unsent = 0 AND m.status <> 'cancelled'
               ORDER BY messages_fts.rowid DESC
               LIMIT ?3"#,
            before,
            q.account_id,
            fetch,
            phrase,
        )
        .fetch_all(pool)
        .await?
    };
    Ok(page(&query, SearchSource::Message, rows, limit))
}

/// A 1–2 character query: from the bigram index down to its backfill mark, and below the
/// mark (only while an older store's index is still being built) by the scan.
async fn short(pool: &SqlitePool, query: &str, account_id: Option<i64>, before: i64, fetch: i64) -> Result<Vec<Row>> {
    let from = backfill::indexed_from(pool).await?;
    let mut rows = bigram::messages(pool, query, account_id, before, from, fetch).await?;
    let missing = fetch - rows.len() as i64;
    if from > 0 && missing > 0 {
        rows.extend(scan(pool, query, account_id, before.min(from), missing).await?);
    }
    Ok(rows)
}

/// Newest-first scan for a 1–2 character query (LIKE when only ASCII letters have case,
/// else `instr` over every case spelling), for messages the index does not hold yet.
async fn scan(pool: &SqlitePool, query: &str, account_id: Option<i64>, before: i64, fetch: i64) -> Result<Vec<Row>> {
    let rows = if text::like_is_exact(query) {
        // Case matters only for ASCII here, which is exactly what LIKE folds.
        let pattern = text::like_pattern(query);
        sqlx::query_as!(
            Row,
            r#"SELECT m.id AS "id!", m.conversation_id AS "conversation_id?", m.account_id, c.friend_id,
                      coalesce(nullif(f.private_name, ''), f.display_name) AS "friend_name?: String",
                      m.direction AS "direction?", m.created_at AS at, m.text AS "text!"
               FROM messages m
               JOIN conversations c ON c.id = m.conversation_id
               JOIN friends f ON f.id = c.friend_id
               WHERE m.id < ?1 AND (?2 IS NULL OR m.account_id = ?2) AND m.text IS NOT NULL AND m.unsent = 0
                 AND m.status <> 'cancelled'
                 AND m.text LIKE ?4 ESCAPE '\'
               ORDER BY m.id DESC
               LIMIT ?3"#,
            before,
            account_id,
            fetch,
            pattern,
        )
        .fetch_all(pool)
        .await?
    } else {
        let s = text::spellings(query, 9);
        sqlx::query_as!(
            Row,
            r#"SELECT m.id AS "id!", m.conversation_id AS "conversation_id?", m.account_id, c.friend_id,
                      coalesce(nullif(f.private_name, ''), f.display_name) AS "friend_name?: String",
                      m.direction AS "direction?", m.created_at AS at, m.text AS "text!"
               FROM messages m
               JOIN conversations c ON c.id = m.conversation_id
               JOIN friends f ON f.id = c.friend_id
               WHERE m.id < ?1 AND (?2 IS NULL OR m.account_id = ?2) AND m.text IS NOT NULL AND m.unsent = 0
                 AND m.status <> 'cancelled'
                 AND (instr(m.text, ?4) OR instr(m.text, ?5) OR instr(m.text, ?6) OR instr(m.text, ?7)
                      OR instr(m.text, ?8) OR instr(m.text, ?9) OR instr(m.text, ?10) OR instr(m.text, ?11)
                      OR instr(m.text, ?12))
               ORDER BY m.id DESC
               LIMIT ?3"#,
            before,
            account_id,
            fetch,
            s[0],
            s[1],
            s[2],
            s[3],
            s[4],
            s[5],
            s[6],
            s[7],
            s[8],
        )
        .fetch_all(pool)
        .await?
    };
    Ok(rows)
}

/// Friend notes whose body contains the query, newest first.
pub async fn notes(pool: &SqlitePool, q: &SearchQuery) -> Result<SearchPage> {
    let Some((query, before, limit)) = checked(q)? else {
        return Ok(SearchPage { hits: vec![], next_before: None });
    };
    let fetch = limit + 1;
    let rows = if text::needs_scan(&query) && text::like_is_exact(&query) {
        let pattern = text::like_pattern(&query);
        sqlx::query_as!(
            Row,
            r#"SELECT n.id AS "id!", c.id AS "conversation_id?", f.account_id, n.friend_id,
                      coalesce(nullif(f.private_name, ''), f.display_name) AS "friend_name?: String",
                      NULL AS "direction?: String", n.updated_at AS at, n.body AS text
               FROM friend_notes n
               JOIN friends f ON f.id = n.friend_id
               LEFT JOIN conversations c ON c.friend_id = f.id
               WHERE n.id < ?1 AND (?2 IS NULL OR f.account_id = ?2) AND n.body LIKE ?4 ESCAPE '\'
               ORDER BY n.id DESC
               LIMIT ?3"#,
            before,
            q.account_id,
            fetch,
            pattern,
        )
        .fetch_all(pool)
        .await?
    } else if text::needs_scan(&query) {
        let s = text::spellings(&query, 9);
        sqlx::query_as!(
            Row,
            r#"SELECT n.id AS "id!", c.id AS "conversation_id?", f.account_id, n.friend_id,
                      coalesce(nullif(f.private_name, ''), f.display_name) AS "friend_name?: String",
                      NULL AS "direction?: String", n.updated_at AS at, n.body AS text
               FROM friend_notes n
               JOIN friends f ON f.id = n.friend_id
               LEFT JOIN conversations c ON c.friend_id = f.id
               WHERE n.id < ?1 AND (?2 IS NULL OR f.account_id = ?2)
                 AND (instr(n.body, ?4) OR instr(n.body, ?5) OR instr(n.body, ?6) OR instr(n.body, ?7)
                      OR instr(n.body, ?8) OR instr(n.body, ?9) OR instr(n.body, ?10) OR instr(n.body, ?11)
                      OR instr(n.body, ?12))
               ORDER BY n.id DESC
               LIMIT ?3"#,
            before,
            q.account_id,
            fetch,
            s[0],
            s[1],
            s[2],
            s[3],
            s[4],
            s[5],
            s[6],
            s[7],
            s[8],
        )
        .fetch_all(pool)
        .await?
    } else {
        let phrase = text::fts_phrase(&query);
        sqlx::query_as!(
            Row,
            r#"SELECT n.id AS "id!", c.id AS "conversation_id?", f.account_id, n.friend_id,
                      coalesce(nullif(f.private_name, ''), f.display_name) AS "friend_name?: String",
                      NULL AS "direction?: String", n.updated_at AS at, n.body AS text
               FROM friend_notes_fts
               JOIN friend_notes n ON n.id = friend_notes_fts.rowid
               JOIN friends f ON f.id = n.friend_id
               LEFT JOIN conversations c ON c.friend_id = f.id
               WHERE friend_notes_fts MATCH ?4 AND friend_notes_fts.rowid < ?1
                 AND (?2 IS NULL OR f.account_id = ?2)
               ORDER BY friend_notes_fts.rowid DESC
               LIMIT ?3"#,
            before,
            q.account_id,
            fetch,
            phrase,
        )
        .fetch_all(pool)
        .await?
    };
    Ok(page(&query, SearchSource::Note, rows, limit))
}
