//! Phone (電話). LINE Call is not part of the Messaging API: a bot can neither place nor
//! receive LINE calls. What the API allows, and what this module offers instead:
//! - a buttons message "電話する" with a `tel:` link to the shop's number, plus a
//!   "電話してほしい" postback (`madoguchi=call-request`);
//! - call requests: that postback becomes a 要対応 (needsAction) conversation and a
//!   `callRequested` event for the desktop notification, and is answered through the
//!   postback's own reply token (never a push): received text, or a polite note for a
//!   repeat within the spacing, or the absence text outside business hours.
//!
//! The decision runs in the auto-reply worker (same durable cursor, same transaction
//! as the outbox row); see `calls`.

pub mod api;
pub mod model;
pub mod store;

use line::messages::{Action, Message, MessageObject, Template};

use crate::outgoing::OutgoingEntry;
use crate::{CoreError, Result};

pub use model::{PhoneSettings, PhoneSettingsView, SetPhoneSettings};

/// The postback data of the "電話してほしい" button.
pub const CALL_REQUEST_DATA: &str = "madoguchi=call-request";

/// Shown in the phone settings: what LINE cannot do, in both languages.
pub const LINE_CALL_NOTE_JA: &str = "LINE の通話（LINE コール）は Messaging API では使えません。代わりに「電話する」ボタン（お店の電話番号へ発信）と、お客さまからの「電話してほしい」リクエストを使えます。";
pub const LINE_CALL_NOTE_EN: &str = "LINE Call is not part of the Messaging API. Instead, send a 'call us' button (dials the shop's number) and let customers request a call back.";

/// Validates a Japanese or international phone number and returns it as a `tel:` URI
/// (E.164: `tel:+81...`). Accepts `03-1234-5678`, `090 1234 5678`, `+81 3-1234-5678`,
/// full-width digits, `（03）1234-5678`.
pub fn tel_uri(phone: &str) -> Result<String> {
    let bad = || {
        CoreError::bad_input(
            format!("'{phone}' is not a phone number (e.g. 03-1234-5678 or +81 3 1234 5678)"),
            format!("「{phone}」は電話番号として使えません（例: 03-1234-5678、+81 3 1234 5678）"),
        )
    };
    let mut digits = String::new();
    let mut plus = false;
    for (i, c) in phone.trim().chars().enumerate() {
        let c = match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '＋' => '+',
            other => other,
        };
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => plus = true,
            ' ' | '-' | '(' | ')' | '　' | 'ー' | '－' | '（' | '）' | '‐' | '.' => {}
            _ => return Err(bad()),
        }
    }
    let e164 = if plus {
        // Country code + number: E.164 allows at most 15 digits.
        if digits.len() < 8 || digits.len() > 15 || digits.starts_with('0') {
            return Err(bad());
        }
        if let Some(national) = digits.strip_prefix("81") {
            // +81 0 3 ... is a common mistake; the trunk 0 is dropped.
            let national = national.trim_start_matches('0');
            if !(9..=10).contains(&national.len()) {
                return Err(bad());
            }
            format!("+81{national}")
        } else {
            format!("+{digits}")
        }
    } else {
        // A Japanese number: trunk 0, then 9 (landline) or 10 (mobile, 050, 0120 is 9/10) digits.
        if !digits.starts_with('0') || !(10..=11).contains(&digits.len()) {
            return Err(bad());
        }
        format!("+81{}", &digits[1..])
    };
    Ok(format!("tel:{e164}"))
}

/// The "電話する / 電話してほしい" buttons message for the saved settings.
pub fn call_button(settings: &PhoneSettings) -> Result<MessageObject> {
    if settings.phone.trim().is_empty() {
        return Err(CoreError::not_configured(
            "set the shop's phone number first (Settings → Phone)",
            "先にお店の電話番号を設定してください（設定 → 電話）",
        ));
    }
    let tel = tel_uri(&settings.phone)?;
    let mut actions = vec![Action::uri("電話する", tel)];
    if settings.enabled {
        actions.push(Action::postback("電話してほしい", CALL_REQUEST_DATA));
    }
    let text = if settings.enabled {
        "お電話でのお問い合わせはこちら。折り返しをご希望の方は「電話してほしい」を押してください。"
    } else {
        "お電話でのお問い合わせはこちら。"
    };
    Ok(Message::Template {
        alt_text: format!("お店に電話する: {}", settings.phone.trim()),
        template: Template::Buttons { text: text.into(), title: None, thumbnail_image_url: None, actions },
    }
    .into())
}

pub fn call_button_entry(settings: &PhoneSettings) -> Result<OutgoingEntry> {
    let object = call_button(settings)?;
    Ok(OutgoingEntry { kind: "template".into(), text: Some("電話する".into()), media_id: None, object })
}
