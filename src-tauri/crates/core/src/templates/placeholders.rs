//! The placeholder language of canned replies: `{名前}`, `{店名}`, `{次回予約}`, a custom
//! field by its name (`{誕生日}`), and fill-in prompts `{?メニュー}`. `{{` and `}}` are
//! literal braces; a brace that does not close a placeholder on the same line stays text.
//! Substitution is one pass: a value that itself contains `{名前}` is sent as typed.

pub const NAME: &str = "名前";
pub const SHOP: &str = "店名";
pub const NEXT_RESERVATION: &str = "次回予約";
const MAX_INNER: usize = 40;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placeholder {
    Name,
    Shop,
    NextReservation,
    /// A custom field, by its name.
    Field(String),
    /// `{?label}`.
    Prompt(String),
}

impl Placeholder {
    /// The text between the braces: the key the owner's answers use.
    pub fn key(&self) -> String {
        match self {
            Placeholder::Name => NAME.into(),
            Placeholder::Shop => SHOP.into(),
            Placeholder::NextReservation => NEXT_RESERVATION.into(),
            Placeholder::Field(n) => n.clone(),
            Placeholder::Prompt(l) => format!("?{l}"),
        }
    }

    fn parse(inner: &str) -> Option<Placeholder> {
        let inner = inner.trim();
        if inner.is_empty() {
            return None;
        }
        Some(match inner {
            NAME => Placeholder::Name,
            SHOP => Placeholder::Shop,
            NEXT_RESERVATION => Placeholder::NextReservation,
            _ => match inner.strip_prefix('?').or_else(|| inner.strip_prefix('？')) {
                Some(label) if !label.trim().is_empty() => Placeholder::Prompt(label.trim().to_string()),
                Some(_) => return None,
                None => Placeholder::Field(inner.to_string()),
            },
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    Slot(Placeholder),
}

pub fn parse(template: &str) -> Vec<Piece> {
    let chars: Vec<char> = template.chars().collect();
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c == '{' || c == '}') && chars.get(i + 1) == Some(&c) {
            lit.push(c);
            i += 2;
            continue;
        }
        if c == '{' {
            let close = chars[i + 1..]
                .iter()
                .take(MAX_INNER + 1)
                .take_while(|&&x| x != '{' && x != '\n')
                .position(|&x| x == '}');
            if let Some(len) = close {
                let inner: String = chars[i + 1..i + 1 + len].iter().collect();
                if let Some(p) = Placeholder::parse(&inner) {
                    if !lit.is_empty() {
                        out.push(Piece::Text(std::mem::take(&mut lit)));
                    }
                    out.push(Piece::Slot(p));
                    i += len + 2;
                    continue;
                }
            }
        }
        lit.push(c);
        i += 1;
    }
    if !lit.is_empty() {
        out.push(Piece::Text(lit));
    }
    out
}

/// The placeholders of a text, each once, in order of first use.
pub fn slots(template: &str) -> Vec<Placeholder> {
    let mut out: Vec<Placeholder> = Vec::new();
    for p in parse(template) {
        if let Piece::Slot(s) = p
            && !out.contains(&s)
        {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_slots_escapes_and_stray_braces() {
        assert_eq!(
            parse("{名前}様 {{x}} {?メニュー}{誕生日} {未完"),
            vec![
                Piece::Slot(Placeholder::Name),
                Piece::Text("様 {x} ".into()),
                Piece::Slot(Placeholder::Prompt("メニュー".into())),
                Piece::Slot(Placeholder::Field("誕生日".into())),
                Piece::Text(" {未完".into()),
            ]
        );
        assert_eq!(parse("{}"), vec![Piece::Text("{}".into())]);
        assert_eq!(slots("{店名}{店名}{次回予約}"), vec![Placeholder::Shop, Placeholder::NextReservation]);
    }
}
