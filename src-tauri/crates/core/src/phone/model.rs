//! Phone settings as the UI edits them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const DEFAULT_SPACING_MINUTES: i64 = 30;
pub const DEFAULT_RECEIVED_TEXT: &str = "お電話のご依頼を承りました。担当者より折り返しお電話いたしますので、少々お待ちください。";
pub const DEFAULT_POLITE_TEXT: &str = "お電話のご依頼はすでに承っております。折り返しまで今しばらくお待ちください。";
pub const DEFAULT_ABSENCE_TEXT: &str = "ただいま営業時間外です。{次の営業開始} 以降に折り返しお電話いたします。";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhoneSettings {
    /// Call requests (the "電話してほしい" button) are accepted and answered.
    pub enabled: bool,
    /// The shop's number, Japanese (03-1234-5678) or international (+81 3 1234 5678); "" = not set.
    pub phone: String,
    /// A second request from the same chat within this many minutes only gets the polite note.
    #[ts(type = "number")]
    pub spacing_minutes: i64,
    /// The answer to a request within business hours.
    pub received_text: String,
    /// The answer to a repeat request within the spacing.
    pub polite_text: String,
    /// The answer outside business hours; `{次の営業開始}` becomes the next opening.
    pub absence_text: String,
}

impl Default for PhoneSettings {
    fn default() -> Self {
        PhoneSettings {
            enabled: false,
            phone: String::new(),
            spacing_minutes: DEFAULT_SPACING_MINUTES,
            received_text: DEFAULT_RECEIVED_TEXT.into(),
            polite_text: DEFAULT_POLITE_TEXT.into(),
            absence_text: DEFAULT_ABSENCE_TEXT.into(),
        }
    }
}

/// The settings plus what the UI must say: LINE Call is not available to bots.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PhoneSettingsView {
    pub settings: PhoneSettings,
    /// `tel:+81...` when the number is set and valid.
    pub tel_uri: Option<String>,
    pub line_call_note_ja: String,
    pub line_call_note_en: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetPhoneSettings {
    #[ts(type = "number")]
    pub account_id: i64,
    pub phone: PhoneSettings,
}

/// A LINE message object built for the owner to look at or send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct LineMessageView {
    #[ts(type = "Record<string, unknown>")]
    pub message: serde_json::Value,
}
