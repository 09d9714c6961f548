//! LINE's limits on a message object, for what the owner saves to send later (keyword
//! rules, greeting, away reply, templates, broadcasts, booking texts): the same checks
//! as the client runs before each send (`line::limits`), refused at save time with the
//! field named in both languages, so nothing stored can only fail once it is sent.

use line::limits::{Rule, Violation};
use line::messages::MessageObject;

use crate::{CoreError, Result};

pub fn check_object(object: &MessageObject) -> Result<()> {
    object.check().map_err(|v| {
        let (en, ja) = describe(v);
        CoreError::bad_input(en, ja)
    })
}

/// 1 to 5 message objects; an error names the message by its place in the list.
pub fn check_objects<'a>(objects: impl ExactSizeIterator<Item = &'a MessageObject>) -> Result<()> {
    let n = objects.len();
    if n == 0 || n > line::limits::MAX_MESSAGES {
        return Err(CoreError::bad_input(
            format!("between 1 and {} messages at a time", line::limits::MAX_MESSAGES),
            format!("メッセージは 1〜{} 件です", line::limits::MAX_MESSAGES),
        ));
    }
    for (i, o) in objects.enumerate() {
        o.check().map_err(|v| {
            let (en, ja) = describe(v);
            if n == 1 {
                CoreError::bad_input(en, ja)
            } else {
                CoreError::bad_input(format!("message {}: {en}", i + 1), format!("メッセージ {}: {ja}", i + 1))
            }
        })?;
    }
    Ok(())
}

/// A plain text as one text message.
pub fn check_text(text: &str) -> Result<()> {
    check_object(&MessageObject::text(text))
}

/// (English, Japanese).
fn describe(v: Violation) -> (String, String) {
    // A text message's own text is what the owner typed: say "the message", not a field name.
    if v.field == "text" {
        return match v.rule {
            Rule::TooLong { max, len } => (
                format!("the message is {len} characters; LINE accepts at most {max}"),
                format!("メッセージが {len} 文字あります。LINE で送れるのは {max} 文字までです"),
            ),
            _ => ("the message is empty".into(), "メッセージが空です".into()),
        };
    }
    let field = &v.field;
    let ja = match &v.rule {
        Rule::Empty => format!("{field} が空です"),
        Rule::TooLong { max, len } => {
            format!("{field} が {len} 文字あります。LINE で使えるのは {max} 文字までです")
        }
        Rule::Count { min, max, got } if min == max => {
            format!("{field} はちょうど {max} 個必要です（{got} 個あります）")
        }
        Rule::Count { min, max, got } => format!("{field} は {min}〜{max} 個です（{got} 個あります）"),
        Rule::NotHttps => format!("{field} は https:// で始まる URL にしてください"),
        Rule::NotPositive => format!("{field} は正の数にしてください"),
    };
    (v.to_string(), ja)
}
