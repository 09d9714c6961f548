//! `check_callback`'s reader: the envelope and each event's common fields straight from
//! the bytes, with no `Value` built.
//!
//! It must accept and refuse exactly what `parse_callback` does short of the type-specific
//! parts, so it reads every value the way `Value` reads it rather than through derive and
//! `IgnoredAny`: `IgnoredAny` skips strings without checking UTF-8 or surrogates and
//! numbers without checking their range, derive refuses duplicate keys where `Value` keeps
//! the last one, and `Value` reads an object keyed by serde_json's raw-value token as the
//! JSON in its string. A field's error is recorded, not raised, so that a syntax error
//! later in the body still wins, as it does when the whole body becomes `Value`s first.
//! Messages are the ones `parse_event` gives.

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Unexpected, Visitor};

/// Used only to word messages exactly as serde_json words them from a `Value`.
type JsonError = serde_json::Error;

/// What `parse_event` would say about a value: `Err` carries its message.
type Verdict = Result<(), String>;

#[derive(Deserialize)]
pub(super) struct Wire<'a> {
    #[serde(borrow, rename = "destination")]
    _destination: Cow<'a, str>,
    pub(super) events: Events,
}

pub(super) struct Events {
    pub(super) count: usize,
    /// The first event `parse_event` would refuse, and why.
    pub(super) first_error: Option<(usize, String)>,
}

impl<'de> Deserialize<'de> for Events {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EventsVisitor;
        impl<'de> Visitor<'de> for EventsVisitor {
            type Value = Events;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a sequence")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Events, A::Error> {
                let mut events = Events {
                    count: 0,
                    first_error: None,
                };
                while let Some(verdict) = seq.next_element_seed(Read(Event))? {
                    if let (Err(message), None) = (verdict, &events.first_error) {
                        events.first_error = Some((events.count, message));
                    }
                    events.count += 1;
                }
                Ok(events)
            }
        }
        // As `Vec<Value>` does, so that the same bodies fail with the same message.
        deserializer.deserialize_seq(EventsVisitor)
    }
}

/// How one kind of value is judged: from a scalar, or by walking an array or object.
trait Judge: Copy {
    type Out;
    fn scalar(self, got: Unexpected<'_>) -> Self::Out;

    fn array<'de, A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Out, A::Error> {
        while seq.next_element_seed(Read(Any))?.is_some() {}
        Ok(self.scalar(Unexpected::Seq))
    }

    fn object<'de, A: MapAccess<'de>>(self, map: A) -> Result<Self::Out, A::Error> {
        let raw = walk_object(map, self, |_, map| map.next_value_seed(Read(Any)))?;
        Ok(raw.unwrap_or_else(|| self.scalar(Unexpected::Map)))
    }
}

/// Reads any JSON value (`deserialize_any`, as `Value` does) and hands it to a `Judge`.
#[derive(Clone, Copy)]
struct Read<J>(J);

impl<'de, J: Judge> DeserializeSeed<'de> for Read<J> {
    type Value = J::Out;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<J::Out, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de, J: Judge> Visitor<'de> for Read<J> {
    type Value = J::Out;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<J::Out, E> {
        Ok(self.0.scalar(Unexpected::Bool(v)))
    }
    fn visit_i64<E>(self, v: i64) -> Result<J::Out, E> {
        Ok(self.0.scalar(Unexpected::Signed(v)))
    }
    fn visit_u64<E>(self, v: u64) -> Result<J::Out, E> {
        Ok(self.0.scalar(Unexpected::Unsigned(v)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<J::Out, E> {
        Ok(self.0.scalar(Unexpected::Float(v)))
    }
    fn visit_str<E>(self, v: &str) -> Result<J::Out, E> {
        Ok(self.0.scalar(Unexpected::Str(v)))
    }
    fn visit_unit<E>(self) -> Result<J::Out, E> {
        Ok(self.0.scalar(Unexpected::Unit))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<J::Out, A::Error> {
        self.0.array(seq)
    }
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<J::Out, A::Error> {
        self.0.object(map)
    }
}

/// Calls `entry` for each key of an object. `Value` reads an object whose first key is
/// serde_json's raw-value token as the JSON text in its value; that value judged by
/// `judge` is returned instead.
fn walk_object<'de, A, J>(
    mut map: A,
    judge: J,
    mut entry: impl FnMut(Key, &mut A) -> Result<(), A::Error>,
) -> Result<Option<J::Out>, A::Error>
where
    A: MapAccess<'de>,
    J: Judge,
{
    match map.next_key_seed(KeySeed)? {
        None => return Ok(None),
        Some(Key::RawValueToken) => {
            let text = map.next_value_seed(RawText)?;
            let mut de = serde_json::Deserializer::from_str(&text);
            let out = Read(judge)
                .deserialize(&mut de)
                .and_then(|out| de.end().map(|()| out))
                .map_err(de::Error::custom)?;
            return Ok(Some(out));
        }
        Some(first) => entry(first, &mut map)?,
    }
    while let Some(key) = map.next_key_seed(KeySeed)? {
        entry(key, &mut map)?;
    }
    Ok(None)
}

/// The keys any of the judges look at; the rest are `Other`.
#[derive(Clone, Copy)]
enum Key {
    Type,
    Timestamp,
    Mode,
    WebhookEventId,
    DeliveryContext,
    ReplyToken,
    IsRedelivery,
    RawValueToken,
    Other,
}

#[derive(Clone, Copy)]
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Key;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl Visitor<'_> for KeySeed {
    type Value = Key;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string")
    }
    fn visit_str<E>(self, v: &str) -> Result<Key, E> {
        Ok(match v {
            "type" => Key::Type,
            "timestamp" => Key::Timestamp,
            "mode" => Key::Mode,
            "webhookEventId" => Key::WebhookEventId,
            "deliveryContext" => Key::DeliveryContext,
            "replyToken" => Key::ReplyToken,
            "isRedelivery" => Key::IsRedelivery,
            "$serde_json::private::RawValue" => Key::RawValueToken,
            _ => Key::Other,
        })
    }
}

/// The string value of the raw-value token, read as `Value` reads it.
struct RawText;

impl<'de> DeserializeSeed<'de> for RawText {
    type Value = Cow<'de, str>;
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for RawText {
    type Value = Cow<'de, str>;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("raw value")
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_owned()))
    }
}

/// Any value, checked as `Value` would check it, kept nowhere.
#[derive(Clone, Copy)]
struct Any;

impl Judge for Any {
    type Out = ();
    fn scalar(self, _: Unexpected<'_>) {}
}

/// A common field, by its type in `parse_event`'s `Common`.
#[derive(Clone, Copy)]
enum Field {
    /// `String`, or `&str` when the text is "a borrowed string".
    Str(&'static str),
    OptStr,
    I64,
    Bool,
}

impl Judge for Field {
    type Out = Verdict;
    fn scalar(self, got: Unexpected<'_>) -> Verdict {
        let expected = match (self, got) {
            (Field::Str(_) | Field::OptStr, Unexpected::Str(_))
            | (Field::OptStr, Unexpected::Unit)
            | (Field::I64, Unexpected::Signed(_))
            | (Field::Bool, Unexpected::Bool(_)) => return Ok(()),
            (Field::I64, Unexpected::Unsigned(n)) if i64::try_from(n).is_ok() => return Ok(()),
            (Field::I64, Unexpected::Unsigned(_)) => {
                return Err(err_text(de::Error::invalid_value(got, &"i64")));
            }
            (Field::Str(expected), _) => expected,
            (Field::OptStr, _) => "a string",
            (Field::I64, _) => "i64",
            (Field::Bool, _) => "a boolean",
        };
        Err(err_text(de::Error::invalid_type(got, &expected)))
    }
}

fn err_text(e: JsonError) -> String {
    e.to_string()
}

/// `deliveryContext`: a struct with `isRedelivery`, which derive also reads from an array.
#[derive(Clone, Copy)]
struct DeliveryContext;

impl Judge for DeliveryContext {
    type Out = Verdict;
    fn scalar(self, got: Unexpected<'_>) -> Verdict {
        Err(err_text(de::Error::invalid_type(
            got,
            &"struct DeliveryContext",
        )))
    }

    fn array<'de, A: SeqAccess<'de>>(self, mut seq: A) -> Result<Verdict, A::Error> {
        let first = seq.next_element_seed(Read(Field::Bool))?;
        let mut len = usize::from(first.is_some());
        if first.is_some() {
            while seq.next_element_seed(Read(Any))?.is_some() {
                len += 1;
            }
        }
        Ok(match first {
            None => Err(err_text(de::Error::invalid_length(
                0,
                &"struct DeliveryContext with 1 element",
            ))),
            Some(Ok(())) if len > 1 => Err(err_text(de::Error::invalid_length(
                len,
                &"fewer elements in array",
            ))),
            Some(verdict) => verdict,
        })
    }

    fn object<'de, A: MapAccess<'de>>(self, map: A) -> Result<Verdict, A::Error> {
        let mut is_redelivery = None;
        let raw = walk_object(map, self, |key, map| {
            match key {
                Key::IsRedelivery => is_redelivery = Some(map.next_value_seed(Read(Field::Bool))?),
                _ => map.next_value_seed(Read(Any))?,
            }
            Ok(())
        })?;
        Ok(raw.unwrap_or_else(|| {
            is_redelivery.unwrap_or_else(|| Err(err_text(de::Error::missing_field("isRedelivery"))))
        }))
    }
}

/// One element of `events`.
#[derive(Clone, Copy)]
struct Event;

impl Judge for Event {
    type Out = Verdict;
    fn scalar(self, _: Unexpected<'_>) -> Verdict {
        Err("event is not a JSON object".to_owned())
    }

    fn object<'de, A: MapAccess<'de>>(self, map: A) -> Result<Verdict, A::Error> {
        let mut c = Common::default();
        let raw = walk_object(map, self, |key, map| {
            let (slot, verdict) = match key {
                Key::Type => (
                    &mut c.kind,
                    map.next_value_seed(Read(Field::Str("a borrowed string")))?,
                ),
                Key::Timestamp => (&mut c.timestamp, map.next_value_seed(Read(Field::I64))?),
                Key::Mode => (
                    &mut c.mode,
                    map.next_value_seed(Read(Field::Str("a string")))?,
                ),
                Key::WebhookEventId => (
                    &mut c.webhook_event_id,
                    map.next_value_seed(Read(Field::Str("a string")))?,
                ),
                Key::DeliveryContext => (
                    &mut c.delivery_context,
                    map.next_value_seed(Read(DeliveryContext))?,
                ),
                Key::ReplyToken => (
                    &mut c.reply_token,
                    map.next_value_seed(Read(Field::OptStr))?,
                ),
                _ => return map.next_value_seed(Read(Any)),
            };
            // A later duplicate key replaces the earlier one, as in a `Value` object.
            *slot = Some(verdict);
            Ok(())
        })?;
        Ok(raw.unwrap_or_else(|| c.verdict()))
    }
}

/// What was found for each of `Common`'s fields.
#[derive(Default)]
struct Common {
    kind: Option<Verdict>,
    timestamp: Option<Verdict>,
    mode: Option<Verdict>,
    webhook_event_id: Option<Verdict>,
    delivery_context: Option<Verdict>,
    reply_token: Option<Verdict>,
}

impl Common {
    /// As derive reads `Common` from a `Value` object: values in key order (sorted), the
    /// first bad one wins; then the first missing field in declaration order.
    fn verdict(self) -> Verdict {
        let sorted = [
            &self.delivery_context,
            &self.mode,
            &self.reply_token,
            &self.timestamp,
            &self.kind,
            &self.webhook_event_id,
        ];
        if let Some(Some(Err(e))) = sorted.into_iter().find(|v| matches!(v, Some(Err(_)))) {
            return Err(format!("event: {e}"));
        }
        let declared = [
            ("type", &self.kind),
            ("timestamp", &self.timestamp),
            ("mode", &self.mode),
            ("webhookEventId", &self.webhook_event_id),
            ("deliveryContext", &self.delivery_context),
        ];
        match declared.into_iter().find(|(_, v)| v.is_none()) {
            Some((name, _)) => Err(format!(
                "event: {}",
                <JsonError as de::Error>::missing_field(name)
            )),
            None => Ok(()),
        }
    }
}
