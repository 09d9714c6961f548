//! Message-object validation on raw JSON, to the depth LINE enforces (deeper than the
//! OpenAPI file, which e.g. does not require HTTPS). Every problem is reported with the
//! JSON path LINE would put in `details[].property`.

use serde_json::Value;

use crate::api::error::Detail;

const MAX_MESSAGES: usize = 5;
const MAX_TEXT_UTF16: usize = 5000;
const MAX_URL: usize = 2000;
const MAX_ALT_TEXT: usize = 1500;
const MAX_QUICK_REPLY_ITEMS: usize = 13;

/// Validates `messages` of a send request and returns them.
pub fn messages(body: &Value) -> Result<Vec<Value>, Vec<Detail>> {
    let Some(list) = body.get("messages").and_then(Value::as_array) else {
        return Err(vec![Detail::new("must be specified", "messages")]);
    };
    if list.is_empty() || list.len() > MAX_MESSAGES {
        return Err(vec![Detail::new(
            format!("size must be between 1 and {MAX_MESSAGES}"),
            "messages",
        )]);
    }
    let mut details = Vec::new();
    for (i, m) in list.iter().enumerate() {
        message(m, &format!("messages[{i}]"), &mut details);
    }
    if details.is_empty() {
        Ok(list.clone())
    } else {
        Err(details)
    }
}

/// Whether LINE returns a `quoteToken` for this sent message type.
pub fn quotable(m: &Value) -> bool {
    matches!(
        m.get("type").and_then(Value::as_str),
        Some("text" | "textV2" | "sticker" | "image" | "video")
    )
}

pub fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

fn message(m: &Value, at: &str, out: &mut Vec<Detail>) {
    if !m.is_object() {
        out.push(Detail::new("must be a message object", at));
        return;
    }
    let Some(kind) = m.get("type").and_then(Value::as_str) else {
        out.push(Detail::new("must be specified", format!("{at}.type")));
        return;
    };
    match kind {
        "text" | "textV2" => {
            if let Some(text) = required_str(m, at, "text", out) {
                let n = utf16_len(text);
                if n == 0 || n > MAX_TEXT_UTF16 {
                    out.push(Detail::new(
                        format!("Length must be between 1 and {MAX_TEXT_UTF16}"),
                        format!("{at}.text"),
                    ));
                }
                if kind == "text" {
                    emojis(m, text, at, out);
                }
            }
        }
        "sticker" => {
            required_str(m, at, "packageId", out);
            required_str(m, at, "stickerId", out);
        }
        "image" | "video" => {
            https_url(m, at, "originalContentUrl", out);
            https_url(m, at, "previewImageUrl", out);
        }
        "audio" => {
            https_url(m, at, "originalContentUrl", out);
            if m.get("duration").is_none_or(|d| d.as_u64().is_none()) {
                out.push(Detail::new(
                    "must be specified as a non-negative integer (ms)",
                    format!("{at}.duration"),
                ));
            }
        }
        "location" => {
            for field in ["title", "address"] {
                if let Some(s) = required_str(m, at, field, out)
                    && (s.is_empty() || s.chars().count() > 100)
                {
                    out.push(Detail::new(
                        "Length must be between 1 and 100",
                        format!("{at}.{field}"),
                    ));
                }
            }
            for field in ["latitude", "longitude"] {
                if !m.get(field).is_some_and(Value::is_number) {
                    out.push(Detail::new(
                        "must be specified as a number",
                        format!("{at}.{field}"),
                    ));
                }
            }
        }
        "template" => {
            alt_text(m, at, out);
            if !m
                .get("template")
                .and_then(|t| t.get("type"))
                .is_some_and(Value::is_string)
            {
                out.push(Detail::new("must be specified", format!("{at}.template")));
            }
        }
        "flex" => {
            alt_text(m, at, out);
            let container = m
                .get("contents")
                .and_then(|c| c.get("type"))
                .and_then(Value::as_str);
            if !matches!(container, Some("bubble" | "carousel")) {
                out.push(Detail::new(
                    "must be a bubble or carousel container",
                    format!("{at}.contents"),
                ));
            }
        }
        "imagemap" => {
            alt_text(m, at, out);
            https_url(m, at, "baseUrl", out);
        }
        "coupon" => {
            required_str(m, at, "couponId", out);
        }
        _ => out.push(Detail::new("Invalid message type", format!("{at}.type"))),
    }
    if let Some(items) = m.get("quickReply").and_then(|q| q.get("items"))
        && !items
            .as_array()
            .is_some_and(|a| !a.is_empty() && a.len() <= MAX_QUICK_REPLY_ITEMS)
    {
        out.push(Detail::new(
            format!("size must be between 1 and {MAX_QUICK_REPLY_ITEMS}"),
            format!("{at}.quickReply.items"),
        ));
    }
    if let Some(sender) = m.get("sender") {
        if sender
            .get("name")
            .and_then(Value::as_str)
            .is_some_and(|n| n.chars().count() > 20)
        {
            out.push(Detail::new(
                "Length must be between 1 and 20",
                format!("{at}.sender.name"),
            ));
        }
        if sender.get("iconUrl").is_some() {
            https_url(sender, &format!("{at}.sender"), "iconUrl", out);
        }
    }
}

fn required_str<'a>(m: &'a Value, at: &str, field: &str, out: &mut Vec<Detail>) -> Option<&'a str> {
    let s = m.get(field).and_then(Value::as_str);
    if s.is_none() {
        out.push(Detail::new("must be specified", format!("{at}.{field}")));
    }
    s
}

fn https_url(m: &Value, at: &str, field: &str, out: &mut Vec<Detail>) {
    let Some(url) = required_str(m, at, field, out) else {
        return;
    };
    if !url.starts_with("https://") {
        out.push(Detail::new("must be an HTTPS URL", format!("{at}.{field}")));
    } else if url.len() > MAX_URL {
        out.push(Detail::new(
            format!("Length must be between 0 and {MAX_URL}"),
            format!("{at}.{field}"),
        ));
    }
}

fn alt_text(m: &Value, at: &str, out: &mut Vec<Detail>) {
    if let Some(s) = required_str(m, at, "altText", out) {
        let n = s.chars().count();
        if n == 0 || n > MAX_ALT_TEXT {
            out.push(Detail::new(
                format!("Length must be between 1 and {MAX_ALT_TEXT}"),
                format!("{at}.altText"),
            ));
        }
    }
}

/// Outbound LINE emoji replace a `$` placeholder at `index` (UTF-16 units) of the text.
fn emojis(m: &Value, text: &str, at: &str, out: &mut Vec<Detail>) {
    let Some(list) = m.get("emojis") else { return };
    let Some(list) = list.as_array() else {
        out.push(Detail::new("must be an array", format!("{at}.emojis")));
        return;
    };
    let units: Vec<u16> = text.encode_utf16().collect();
    for (j, e) in list.iter().enumerate() {
        let here = format!("{at}.emojis[{j}]");
        let index = e
            .get("index")
            .and_then(Value::as_u64)
            .and_then(|i| usize::try_from(i).ok());
        match index {
            Some(i) if units.get(i) == Some(&u16::from(b'$')) => {}
            _ => out.push(Detail::new(
                "must point at a '$' in text",
                format!("{here}.index"),
            )),
        }
        required_str(e, &here, "productId", out);
        required_str(e, &here, "emojiId", out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn props(body: Value) -> Vec<String> {
        match messages(&body) {
            Ok(_) => vec![],
            Err(d) => d.into_iter().map(|d| d.property).collect(),
        }
    }

    #[test]
    fn reports_the_offending_property() {
        assert!(props(json!({"messages":[{"type":"text","text":"こんにちは"}]})).is_empty());
        assert_eq!(
            props(json!({"messages":[{"type":"text","text":""}]})),
            ["messages[0].text"]
        );
        assert_eq!(
            props(json!({"messages":[{"type":"file"}]})),
            ["messages[0].type"]
        );
        assert_eq!(
            props(
                json!({"messages":[{"type":"text","text":"a"},{"type":"image","originalContentUrl":"http://x/a.png","previewImageUrl":"https://x/p.png"}]})
            ),
            ["messages[1].originalContentUrl"]
        );
        assert_eq!(
            props(
                json!({"messages":[{"type":"text","text":"$ hi","emojis":[{"index":1,"productId":"p","emojiId":"e"}]}]})
            ),
            ["messages[0].emojis[0].index"]
        );
        assert_eq!(
            props(json!({"messages":[{"type":"flex","altText":"x","contents":{"type":"box"}}]})),
            ["messages[0].contents"]
        );
    }
}
