//! The `message` object of a message event (`MessageContent` in webhook.yml).

use serde::Deserialize;
use serde_json::Value;

/// Message types this crate knows; anything else becomes [`MessageContent::Unknown`].
const KNOWN: [&str; 7] = [
    "text", "image", "video", "audio", "file", "location", "sticker",
];

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase"
)]
pub enum MessageContent {
    Text {
        id: String,
        text: String,
        #[serde(default)]
        emojis: Vec<Emoji>,
        /// Kept as JSON: `core` only stores it; mentions matter in group chats we don't run.
        #[serde(default)]
        mention: Option<Value>,
        quote_token: String,
        #[serde(default)]
        quoted_message_id: Option<String>,
        #[serde(default)]
        mark_as_read_token: Option<String>,
    },
    Image {
        id: String,
        content_provider: ContentProvider,
        #[serde(default)]
        image_set: Option<ImageSet>,
        quote_token: String,
        #[serde(default)]
        mark_as_read_token: Option<String>,
    },
    Video {
        id: String,
        /// Milliseconds.
        #[serde(default)]
        duration: Option<i64>,
        content_provider: ContentProvider,
        quote_token: String,
        #[serde(default)]
        mark_as_read_token: Option<String>,
    },
    Audio {
        id: String,
        #[serde(default)]
        duration: Option<i64>,
        content_provider: ContentProvider,
        #[serde(default)]
        mark_as_read_token: Option<String>,
    },
    File {
        id: String,
        file_name: String,
        file_size: i64,
        #[serde(default)]
        mark_as_read_token: Option<String>,
    },
    Location {
        id: String,
        #[serde(default)]
        title: Option<String>,
        #[serde(default)]
        address: Option<String>,
        latitude: f64,
        longitude: f64,
        #[serde(default)]
        mark_as_read_token: Option<String>,
    },
    Sticker {
        id: String,
        package_id: String,
        sticker_id: String,
        /// STATIC, ANIMATION, …; a string so a new kind of sticker is not a parse error.
        sticker_resource_type: String,
        #[serde(default)]
        keywords: Vec<String>,
        /// Only for message stickers: what the user typed on it.
        #[serde(default)]
        text: Option<String>,
        quote_token: String,
        #[serde(default)]
        quoted_message_id: Option<String>,
        #[serde(default)]
        mark_as_read_token: Option<String>,
    },
    /// A message type newer than this crate. The event's `raw` JSON keeps everything.
    #[serde(skip)]
    Unknown { id: String, type_name: String },
}

impl MessageContent {
    pub fn id(&self) -> &str {
        match self {
            MessageContent::Text { id, .. }
            | MessageContent::Image { id, .. }
            | MessageContent::Video { id, .. }
            | MessageContent::Audio { id, .. }
            | MessageContent::File { id, .. }
            | MessageContent::Location { id, .. }
            | MessageContent::Sticker { id, .. }
            | MessageContent::Unknown { id, .. } => id,
        }
    }

    pub fn type_name(&self) -> &str {
        match self {
            MessageContent::Text { .. } => "text",
            MessageContent::Image { .. } => "image",
            MessageContent::Video { .. } => "video",
            MessageContent::Audio { .. } => "audio",
            MessageContent::File { .. } => "file",
            MessageContent::Location { .. } => "location",
            MessageContent::Sticker { .. } => "sticker",
            MessageContent::Unknown { type_name, .. } => type_name,
        }
    }

    pub fn mark_as_read_token(&self) -> Option<&str> {
        match self {
            MessageContent::Text {
                mark_as_read_token, ..
            }
            | MessageContent::Image {
                mark_as_read_token, ..
            }
            | MessageContent::Video {
                mark_as_read_token, ..
            }
            | MessageContent::Audio {
                mark_as_read_token, ..
            }
            | MessageContent::File {
                mark_as_read_token, ..
            }
            | MessageContent::Location {
                mark_as_read_token, ..
            }
            | MessageContent::Sticker {
                mark_as_read_token, ..
            } => mark_as_read_token.as_deref(),
            MessageContent::Unknown { .. } => None,
        }
    }

    /// The text a user typed: a text message, or the words on a message sticker.
    pub fn text(&self) -> Option<&str> {
        match self {
            MessageContent::Text { text, .. } => Some(text),
            MessageContent::Sticker { text, .. } => text.as_deref(),
            _ => None,
        }
    }

    pub fn quote_token(&self) -> Option<&str> {
        match self {
            MessageContent::Text { quote_token, .. }
            | MessageContent::Image { quote_token, .. }
            | MessageContent::Video { quote_token, .. }
            | MessageContent::Sticker { quote_token, .. } => Some(quote_token),
            _ => None,
        }
    }

    /// Where the binary lives, for image, video and audio.
    pub fn content_provider(&self) -> Option<&ContentProvider> {
        match self {
            MessageContent::Image {
                content_provider, ..
            }
            | MessageContent::Video {
                content_provider, ..
            }
            | MessageContent::Audio {
                content_provider, ..
            } => Some(content_provider),
            _ => None,
        }
    }

    pub(crate) fn from_json(message: &Value) -> Result<Self, String> {
        #[derive(Deserialize)]
        struct Head<'a> {
            #[serde(rename = "type")]
            kind: &'a str,
            id: String,
        }
        let head = Head::deserialize(message).map_err(|e| format!("message: {e}"))?;
        if KNOWN.contains(&head.kind) {
            MessageContent::deserialize(message).map_err(|e| format!("{} message: {e}", head.kind))
        } else {
            Ok(MessageContent::Unknown {
                id: head.id,
                type_name: head.kind.to_owned(),
            })
        }
    }
}

/// A LINE emoji inside received text; `index`/`length` are in UTF-16 units of `text`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Emoji {
    pub index: u32,
    pub length: u32,
    pub product_id: String,
    pub emoji_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ContentProvider {
    #[serde(rename = "type")]
    pub kind: ProviderKind,
    /// Only for `External`.
    #[serde(default)]
    pub original_content_url: Option<String>,
    #[serde(default)]
    pub preview_image_url: Option<String>,
}

/// `Line`: download the bytes from the data host. `External`: use the URLs given.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(from = "String")]
pub enum ProviderKind {
    Line,
    External,
    Other(String),
}

impl From<String> for ProviderKind {
    fn from(s: String) -> Self {
        match s.as_str() {
            "line" => ProviderKind::Line,
            "external" => ProviderKind::External,
            _ => ProviderKind::Other(s),
        }
    }
}

/// Several images sent at once share an `id`; `index` is 1-based.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct ImageSet {
    pub id: String,
    #[serde(default)]
    pub index: Option<u32>,
    #[serde(default)]
    pub total: Option<u32>,
}
