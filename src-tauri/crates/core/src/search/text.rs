//! The text rules of search, kept in one place so the index path, the short-query scan
//! and the snippet agree: case folding like FTS5's trigram tokenizer, the literal FTS
//! phrase, and the snippet with match offsets.

use super::model::Highlight;

/// FTS5's trigram tokenizer folds case character by character; so do we (a character
/// whose lower case is several characters stays as it is, as in SQLite).
pub fn fold(c: char) -> char {
    let mut l = c.to_lowercase();
    match (l.next(), l.next()) {
        (Some(x), None) => x,
        _ => c,
    }
}

/// The query as one FTS5 string: every character literal (quotes doubled), so `OR`,
/// `NEAR`, `*`, `"` and `:` are searched for, not obeyed.
pub fn fts_phrase(query: &str) -> String {
    format!("\"{}\"", query.replace('"', "\"\""))
}

/// Trigrams need 3 characters; shorter queries go to the bigram index (or the scan).
pub fn needs_scan(query: &str) -> bool {
    query.chars().count() < 3
}

/// Every spelling of a short query that folds to the same text, for a case-sensitive
/// `instr` scan (SQLite's `lower()` only knows ASCII). Exactly `n`, padded with None
/// (`instr(text, NULL)` is NULL at once, so padding costs nothing per row).
pub fn spellings(query: &str, n: usize) -> Vec<Option<String>> {
    let mut out = vec![String::new()];
    for c in query.chars() {
        let lower = fold(c);
        let mut variants = vec![lower];
        let mut up = lower.to_uppercase();
        if let (Some(u), None) = (up.next(), up.next())
            && fold(u) == lower && !variants.contains(&u)
        {
            variants.push(u);
        }
        if fold(c) == lower && !variants.contains(&c) {
            variants.push(c);
        }
        out = out
            .iter()
            .flat_map(|prefix| variants.iter().map(move |v| format!("{prefix}{v}")))
            .collect();
    }
    let mut out: Vec<Option<String>> = out.into_iter().take(n).map(Some).collect();
    out.resize(n, None);
    out
}

/// True when the only letters of `query` that have case are ASCII: then SQLite's `LIKE`
/// (ASCII-only case folding) means exactly "contains, ignoring case".
pub fn like_is_exact(query: &str) -> bool {
    query.chars().all(|c| c.is_ascii() || (fold(c) == c && c.to_uppercase().eq(std::iter::once(c))))
}

/// `%query%` for `LIKE … ESCAPE '\'`, with the query's own `%`, `_` and `\` literal.
pub fn like_pattern(query: &str) -> String {
    let mut p = String::with_capacity(query.len() + 2);
    p.push('%');
    for c in query.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// True when `text` contains `query` under the folding above: the reference meaning of a match.
pub fn contains(text: &str, query: &str) -> bool {
    !find_all(&folded(text), &folded(query)).is_empty()
}

fn folded(s: &str) -> Vec<char> {
    s.chars().map(fold).collect()
}

/// Start indexes (in chars) of non-overlapping occurrences.
fn find_all(hay: &[char], needle: &[char]) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return out;
    }
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == *needle {
            out.push(i);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

const BEFORE: usize = 20;
const WIDTH: usize = 80;

/// A one-line excerpt around the first match and where the matches are in it.
pub fn snippet(text: &str, query: &str) -> (String, Vec<Highlight>) {
    let chars: Vec<char> = text.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let needle = folded(query);
    let hits = find_all(&folded(text), &needle);
    let start = hits.first().map_or(0, |&h| h.saturating_sub(BEFORE));
    let end = (start + WIDTH).min(chars.len());
    let start = end.saturating_sub(WIDTH).min(start);
    let mut out = String::new();
    let mut units = 0u32;
    if start > 0 {
        out.push('…');
        units += 1;
    }
    let mut highlights = Vec::new();
    let mut pos_units = Vec::with_capacity(end - start + 1);
    for &c in &chars[start..end] {
        pos_units.push(units);
        out.push(c);
        units += c.len_utf16() as u32;
    }
    pos_units.push(units);
    for h in hits {
        if h >= start && h + needle.len() <= end {
            highlights.push(Highlight { start: pos_units[h - start], end: pos_units[h + needle.len() - start] });
        }
    }
    if end < chars.len() {
        out.push('…');
    }
    (out, highlights)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_quotes_are_literal() {
        assert_eq!(fts_phrase(r#"a"b OR c*"#), r#""a""b OR c*""#);
    }

    #[test]
    fn spellings_cover_ascii_and_fullwidth_case() {
        let s = spellings("aＢ", 9);
        for want in ["aｂ", "aＢ", "Aｂ", "AＢ"] {
            assert!(s.contains(&Some(want.to_string())), "{want} missing from {s:?}");
        }
        assert_eq!(s.iter().flatten().count(), 4);
        let one = spellings("予", 9);
        assert_eq!(one[0].as_deref(), Some("予"));
        assert!(one[1..].iter().all(Option::is_none));
    }

    #[test]
    fn like_only_when_case_is_ascii() {
        assert!(like_is_exact("予約"));
        assert!(like_is_exact("aB"));
        assert!(like_is_exact("😀"));
        assert!(!like_is_exact("Ａ"));
        assert!(!like_is_exact("ｂ"));
        assert_eq!(like_pattern("a%_\\"), "%a\\%\\_\\\\%");
    }

    #[test]
    fn snippet_offsets_are_utf16() {
        let (s, h) = snippet("😀😀予約abc", "予約");
        assert_eq!(s, "😀😀予約abc");
        assert_eq!(h, vec![Highlight { start: 4, end: 6 }]);
        let long = format!("{}予約{}", "あ".repeat(100), "い".repeat(100));
        let (s, h) = snippet(&long, "予約");
        assert!(s.starts_with('…') && s.ends_with('…'));
        let units: Vec<u16> = s.encode_utf16().collect();
        let hit = String::from_utf16(&units[h[0].start as usize..h[0].end as usize]).unwrap();
        assert_eq!(hit, "予約");
    }
}
