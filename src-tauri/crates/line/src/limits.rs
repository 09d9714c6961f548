//! LINE's limits on message objects, the one place they are written down: the client
//! checks every request with them before sending, and `core` checks every message
//! object it stores for later sending with them when it is saved.
//!
//! Values marked "spec" are `maxLength` / `maxItems` in `messaging-api.yml`; the others
//! are only in LINE's reference docs (the spec leaves them out), and LINE refuses
//! bodies over them all the same. Lengths are counted as LINE counts text: UTF-16 units.

use std::fmt;

use crate::messages::{utf16_len, Action, Message, MessageObject, Sender, Template};

pub const MAX_MESSAGES: usize = 5;
pub const MAX_TEXT_UTF16: usize = 5000;
/// Spec: `QuickReply.items.maxItems`.
pub const MAX_QUICK_REPLY_ITEMS: usize = 13;
/// Docs: text message `emojis`.
pub const MAX_EMOJIS: usize = 20;
/// Spec: `Sender.name.maxLength`.
pub const MAX_SENDER_NAME: usize = 20;
/// Spec: `Sender.iconUrl`, `QuickReplyItem.imageUrl`; docs: media and thumbnail URLs.
pub const MAX_URL: usize = 2000;
/// Spec: `PostbackAction.data`, `DatetimePickerAction.data`.
pub const MAX_ACTION_DATA: usize = 300;
/// Docs: `displayText`, `fillInText` and a message action's `text`.
pub const MAX_ACTION_TEXT: usize = 300;
/// Docs: every action label in templates and quick replies.
pub const MAX_ACTION_LABEL: usize = 20;
/// Docs: a URI action's `uri`.
pub const MAX_ACTION_URI: usize = 1000;
/// Docs: template `altText`.
pub const MAX_ALT_TEXT: usize = 1500;
/// Docs: buttons template `title`.
pub const MAX_BUTTONS_TITLE: usize = 40;
/// Docs: buttons template `text`, and with a title or an image.
pub const MAX_BUTTONS_TEXT: usize = 160;
pub const MAX_BUTTONS_TEXT_WITH_HEADER: usize = 60;
pub const MAX_BUTTONS_ACTIONS: usize = 4;
/// Docs: confirm template `text`; it has exactly two actions.
pub const MAX_CONFIRM_TEXT: usize = 240;
/// Docs: location `title` and `address`.
pub const MAX_LOCATION_TEXT: usize = 100;
/// Docs: video `trackingId`.
pub const MAX_TRACKING_ID: usize = 100;

/// Which rule a field breaks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Empty,
    TooLong { max: usize, len: usize },
    Count { min: usize, max: usize, got: usize },
    NotHttps,
    NotPositive,
}

/// A field of a message object (e.g. `quickReply.items[0].imageUrl`) and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub field: String,
    pub rule: Rule,
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let field = &self.field;
        match &self.rule {
            Rule::Empty => write!(f, "{field} is empty"),
            Rule::TooLong { max, len } => {
                write!(f, "{field} is {len} characters long; LINE allows {max}")
            }
            Rule::Count { min, max, got } if min == max => {
                write!(f, "{field} needs exactly {max}, got {got}")
            }
            Rule::Count { min, max, got } => {
                write!(f, "{field} needs {min} to {max}, got {got}")
            }
            Rule::NotHttps => write!(f, "{field} must be an https:// URL"),
            Rule::NotPositive => write!(f, "{field} must be positive"),
        }
    }
}

impl Violation {
    /// The same violation one level further out (`sender.name` → `messages[0].sender.name`).
    pub fn under(self, parent: &str) -> Violation {
        Violation {
            field: format!("{parent}.{}", self.field),
            rule: self.rule,
        }
    }
}

type Checked = Result<(), Violation>;

fn violation(field: &str, rule: Rule) -> Violation {
    Violation {
        field: field.to_owned(),
        rule,
    }
}

fn non_empty(field: &str, value: &str) -> Checked {
    if value.trim().is_empty() {
        Err(violation(field, Rule::Empty))
    } else {
        Ok(())
    }
}

fn at_most(field: &str, value: &str, max: usize) -> Checked {
    let len = utf16_len(value);
    if len > max {
        Err(violation(field, Rule::TooLong { max, len }))
    } else {
        Ok(())
    }
}

fn filled(field: &str, value: &str, max: usize) -> Checked {
    non_empty(field, value)?;
    at_most(field, value, max)
}

fn count(field: &str, got: usize, min: usize, max: usize) -> Checked {
    if got < min || got > max {
        Err(violation(field, Rule::Count { min, max, got }))
    } else {
        Ok(())
    }
}

/// The spec only says `format: uri`, but LINE refuses media that is not HTTPS.
fn https(field: &str, url: &str) -> Checked {
    let lower = url.get(..8).map(str::to_ascii_lowercase);
    if lower.as_deref() == Some("https://") && url.len() > 8 {
        at_most(field, url, MAX_URL)
    } else {
        Err(violation(field, Rule::NotHttps))
    }
}

/// 1 to 5 message objects, fields named `messages[i]…` as LINE names them.
pub fn check_messages(messages: &[MessageObject]) -> Checked {
    count("messages", messages.len(), 1, MAX_MESSAGES)?;
    for (i, m) in messages.iter().enumerate() {
        m.check().map_err(|v| v.under(&format!("messages[{i}]")))?;
    }
    Ok(())
}

impl MessageObject {
    /// Every limit LINE documents for this one message object.
    pub fn check(&self) -> Checked {
        check_body(&self.body)?;
        if let Some(qr) = &self.quick_reply {
            count("quickReply.items", qr.items.len(), 1, MAX_QUICK_REPLY_ITEMS)?;
            for (j, item) in qr.items.iter().enumerate() {
                let at = format!("quickReply.items[{j}]");
                if let Some(url) = &item.image_url {
                    https(&format!("{at}.imageUrl"), url)?;
                }
                check_action(&format!("{at}.action"), &item.action)?;
            }
        }
        if let Some(Sender { name, icon_url }) = &self.sender {
            if let Some(name) = name {
                filled("sender.name", name, MAX_SENDER_NAME)?;
            }
            if let Some(url) = icon_url {
                https("sender.iconUrl", url)?;
            }
        }
        Ok(())
    }
}

fn check_body(body: &Message) -> Checked {
    match body {
        Message::Text { text, emojis, .. } => {
            filled("text", text, MAX_TEXT_UTF16)?;
            if let Some(e) = emojis {
                count("emojis", e.len(), 0, MAX_EMOJIS)?;
            }
        }
        Message::Sticker {
            package_id,
            sticker_id,
            ..
        } => {
            non_empty("packageId", package_id)?;
            non_empty("stickerId", sticker_id)?;
        }
        Message::Image {
            original_content_url,
            preview_image_url,
        } => {
            https("originalContentUrl", original_content_url)?;
            https("previewImageUrl", preview_image_url)?;
        }
        Message::Video {
            original_content_url,
            preview_image_url,
            tracking_id,
        } => {
            https("originalContentUrl", original_content_url)?;
            https("previewImageUrl", preview_image_url)?;
            if let Some(id) = tracking_id {
                filled("trackingId", id, MAX_TRACKING_ID)?;
            }
        }
        Message::Audio {
            original_content_url,
            duration,
        } => {
            https("originalContentUrl", original_content_url)?;
            if *duration <= 0 {
                return Err(violation("duration", Rule::NotPositive));
            }
        }
        Message::Location { title, address, .. } => {
            filled("title", title, MAX_LOCATION_TEXT)?;
            filled("address", address, MAX_LOCATION_TEXT)?;
        }
        Message::Template { alt_text, template } => {
            filled("altText", alt_text, MAX_ALT_TEXT)?;
            check_template(template)?;
        }
    }
    Ok(())
}

fn check_template(template: &Template) -> Checked {
    match template {
        Template::Buttons {
            text,
            title,
            thumbnail_image_url,
            actions,
        } => {
            if let Some(title) = title {
                at_most("template.title", title, MAX_BUTTONS_TITLE)?;
            }
            if let Some(url) = thumbnail_image_url {
                https("template.thumbnailImageUrl", url)?;
            }
            let header = title.as_deref().is_some_and(|t| !t.is_empty()) || thumbnail_image_url.is_some();
            let max = if header {
                MAX_BUTTONS_TEXT_WITH_HEADER
            } else {
                MAX_BUTTONS_TEXT
            };
            filled("template.text", text, max)?;
            check_actions("template.actions", actions, 1, MAX_BUTTONS_ACTIONS)
        }
        Template::Confirm { text, actions } => {
            filled("template.text", text, MAX_CONFIRM_TEXT)?;
            check_actions("template.actions", actions, 2, 2)
        }
    }
}

fn check_actions(at: &str, actions: &[Action], min: usize, max: usize) -> Checked {
    count(at, actions.len(), min, max)?;
    for (k, a) in actions.iter().enumerate() {
        check_action(&format!("{at}[{k}]"), a)?;
    }
    Ok(())
}

/// Template and quick-reply buttons: LINE's docs require a label on every one.
fn check_action(at: &str, action: &Action) -> Checked {
    filled(&format!("{at}.label"), action.label().unwrap_or(""), MAX_ACTION_LABEL)?;
    match action {
        Action::Postback {
            data,
            display_text,
            fill_in_text,
            ..
        } => {
            at_most(&format!("{at}.data"), data, MAX_ACTION_DATA)?;
            if let Some(t) = display_text {
                at_most(&format!("{at}.displayText"), t, MAX_ACTION_TEXT)?;
            }
            if let Some(t) = fill_in_text {
                at_most(&format!("{at}.fillInText"), t, MAX_ACTION_TEXT)?;
            }
        }
        Action::Message { text, .. } => filled(&format!("{at}.text"), text, MAX_ACTION_TEXT)?,
        Action::Uri { uri, .. } => filled(&format!("{at}.uri"), uri, MAX_ACTION_URI)?,
        Action::DatetimePicker { data, .. } => {
            at_most(&format!("{at}.data"), data, MAX_ACTION_DATA)?
        }
    }
    Ok(())
}
