//! What every CSV we write needs for Excel on a shop's Windows PC: a byte-order mark
//! (without it Excel reads UTF-8 Japanese as Shift_JIS mojibake) and cells that cannot
//! run. Customer text is attacker-controlled: a cell starting with `=`, `+`, `-`, `@`
//! (or their full-width forms, which Excel also accepts), a tab or a CR would be
//! evaluated as a formula, so it gets a leading `'`, which Excel shows as text.

/// Written first in every CSV file.
pub const BOM: char = '\u{feff}';

fn risky(c: char) -> bool {
    matches!(c, '=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠' | '\'')
}

/// A cell that Excel will show as text. A leading `'` is guarded too, so that
/// [`unguard`] is the exact inverse (an export → import round trip is lossless).
pub fn guard(cell: &str) -> String {
    if cell.starts_with(risky) { format!("'{cell}") } else { cell.to_owned() }
}

/// The cell as it was before [`guard`].
pub fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(risky) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_become_text_and_come_back_unchanged() {
        for cell in ["=HYPERLINK(\"http://x\")", "+81", "-1", "@SUM(A1)", "＝１＋１", "'quoted", "\tx", "普通の文", ""] {
            let g = guard(cell);
            assert!(!g.starts_with(['=', '+', '-', '@', '\t', '＝']), "{g}");
            assert_eq!(unguard(&g), cell);
        }
        assert_eq!(guard("予約"), "予約");
    }
}
