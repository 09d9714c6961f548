//! Payment links (お支払い).
//!
//! LINE Pay ended in Japan in April 2025, so there is no in-LINE payment to offer.
//! Instead the owner sends a payment-link message: a buttons template whose button
//! opens a URL the owner pastes (a Stripe Payment Link, PayPay, the shop's own
//! checkout), with the amount and a label. Links must be https.

use line::messages::{Action, Message, Template};

use crate::outgoing::OutgoingEntry;
use crate::{CoreError, Result};

/// For the UI and docs: why there is no LINE Pay button.
pub const LINE_PAY_NOTE_JA: &str = "LINE Pay は 2025 年 4 月に日本でのサービスを終了しました。Stripe の支払いリンク、PayPay、お店の決済ページなどの URL をお支払いボタンとして送れます。";
pub const LINE_PAY_NOTE_EN: &str = "LINE Pay ended in Japan in April 2025. Send a payment link instead: a button opening a Stripe Payment Link, PayPay or your own checkout page.";

/// More than this is surely a typo (an extra zero or two), not a shop's bill.
pub const MAX_AMOUNT_YEN: i64 = 10_000_000;
/// LINE: button labels at most 20 characters; template text at most 160 (no title/image).
const MAX_LABEL_CHARS: usize = 40;
const MAX_URL_CHARS: usize = 1000;

/// "12,345"
pub fn yen(amount: i64) -> String {
    let s = amount.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if amount < 0 { format!("-{out}") } else { out }
}

/// Checks the owner's input and builds the message.
pub fn payment_link_entry(url: &str, amount_yen: i64, label: &str) -> Result<OutgoingEntry> {
    let url = url.trim();
    let label = label.trim();
    let lower = url.get(..8).map(str::to_ascii_lowercase);
    if lower.as_deref() != Some("https://")
        || url.len() <= 8
        || url.chars().count() > MAX_URL_CHARS
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
        || url[8..].starts_with('/')
    {
        return Err(CoreError::bad_input(
            format!("the payment link must be an https:// address (up to {MAX_URL_CHARS} characters), e.g. https://buy.stripe.com/…"),
            format!("お支払いリンクは https:// で始まるアドレス（{MAX_URL_CHARS} 文字まで）にしてください（例: https://buy.stripe.com/…）"),
        ));
    }
    if label.is_empty() {
        return Err(CoreError::bad_input(
            "give the payment a label (what it is for)",
            "お支払いの内容（ラベル）を入力してください",
        ));
    }
    if label.chars().count() > MAX_LABEL_CHARS {
        return Err(CoreError::bad_input(
            format!("the label is too long (at most {MAX_LABEL_CHARS} characters)"),
            format!("ラベルが長すぎます（{MAX_LABEL_CHARS} 文字まで）"),
        ));
    }
    if amount_yen <= 0 || amount_yen > MAX_AMOUNT_YEN {
        return Err(CoreError::bad_input(
            format!("the amount must be between ¥1 and ¥{}", yen(MAX_AMOUNT_YEN)),
            format!("金額は 1 円から {} 円までで入力してください", yen(MAX_AMOUNT_YEN)),
        ));
    }
    let amount = yen(amount_yen);
    let alt_text = format!("お支払いのご案内: {label} ¥{amount}");
    let text = format!("{label}\nお支払い金額: ¥{amount}\n下のボタンからお支払いください。");
    Ok(OutgoingEntry {
        kind: "template".into(),
        text: Some(alt_text.clone()),
        media_id: None,
        object: Message::Template {
            alt_text,
            template: Template::Buttons {
                text,
                title: None,
                thumbnail_image_url: None,
                actions: vec![Action::uri("お支払いへ進む", url)],
            },
        }
        .into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yen_groups_thousands() {
        assert_eq!(yen(1), "1");
        assert_eq!(yen(1000), "1,000");
        assert_eq!(yen(1234567), "1,234,567");
    }
}
