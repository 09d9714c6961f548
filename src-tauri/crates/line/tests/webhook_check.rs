//! `check_callback` (the cheap check before LINE gets its answer) against `parse_callback`
//! and `parse_callback_keeping_unreadable` (the projector's read later): a body the check
//! lets through must be readable later, and the check refuses only what `parse_callback`
//! refuses too, with the same error.

use anyhow::{Context, Result, anyhow, bail, ensure};
use line::{
    EventKind, MessageContent, Source, WebhookParseError, check_callback, parse_callback,
    parse_callback_keeping_unreadable,
};
use proptest::prelude::*;
use proptest::sample::Index;
use serde_json::{Value, json};

use crate::webhook::{BOT, body, event, examples, message};

/// The error type of all three, for comparing them.
type Parsed<T> = Result<T, WebhookParseError>;

/// `b` must pass all three with the same events and nothing left unreadable.
fn accepted_alike(what: &str, b: &[u8]) -> Result<()> {
    let parsed = parse_callback(b).with_context(|| format!("{what}: parse_callback"))?;
    let n = check_callback(b).map_err(|e| anyhow!("{what}: check_callback refused: {e}"))?;
    ensure!(
        n == parsed.events.len(),
        "{what}: check counted {n} events, parse_callback {}",
        parsed.events.len()
    );
    let (kept, unreadable) = parse_callback_keeping_unreadable(b)
        .with_context(|| format!("{what}: parse_callback_keeping_unreadable"))?;
    ensure!(
        kept == parsed && unreadable.is_empty(),
        "{what}: keeping_unreadable differs: {unreadable:?}"
    );
    Ok(())
}

/// `b` must fail all three with the same error.
fn refused_alike(what: &str, b: &[u8]) -> Result<WebhookParseError> {
    let Err(checked) = check_callback(b) else {
        bail!("{what}: check_callback accepted it")
    };
    let parsed: Parsed<_> = parse_callback(b).map(|_| ());
    let kept: Parsed<_> = parse_callback_keeping_unreadable(b).map(|_| ());
    ensure!(
        parsed.as_ref().err() == Some(&checked) && kept.as_ref().err() == Some(&checked),
        "{what}: check_callback said {checked:?}, parse_callback {parsed:?}, keeping_unreadable {kept:?}"
    );
    Ok(checked)
}

fn text_example() -> Value {
    examples()
        .into_iter()
        .find(|(name, _)| *name == "text")
        .map(|(_, v)| v)
        .unwrap_or(Value::Null)
}

fn without(mut ev: Value, path: &[&str]) -> Value {
    let mut node = &mut ev;
    for p in &path[..path.len() - 1] {
        node = &mut node[*p];
    }
    if let Some(o) = node.as_object_mut() {
        o.remove(path[path.len() - 1]);
    }
    ev
}

fn with(mut ev: Value, path: &[&str], value: Value) -> Value {
    let mut node = &mut ev;
    for p in path {
        node = &mut node[*p];
    }
    *node = value;
    ev
}

/// The examples plus events of kinds LINE may add, and a group chat.
fn accepted_events() -> Vec<(&'static str, Value)> {
    let mut all = examples();
    all.extend([
        (
            "future event type",
            event(
                "hologram",
                40,
                json!({"hologram": {"depth": 3}, "mode": "standby", "source": {"type": "space", "spaceId": "S1"}}),
            ),
        ),
        (
            "future message type",
            message(41, json!({"type": "hologram", "id": "999"})),
        ),
        (
            "text in a group, with emoji",
            with(
                message(
                    42,
                    json!({
                        "type": "text", "id": "468789577898262531", "quoteToken": "q42",
                        "text": "(brown)予約😀できますか", "emojis": [{"index": 0, "length": 7, "productId": "5ac1bfd5040ab15980c9b435", "emojiId": "002"}]
                    }),
                ),
                &["source"],
                json!({"type": "group", "groupId": "Ca56f94637c", "userId": "U4af4980629"}),
            ),
        ),
        (
            "redelivered, odd mode, null reply token",
            with(
                with(event("unfollow", 43, json!({"mode": "dreaming"})), &["deliveryContext", "isRedelivery"], json!(true)),
                &["replyToken"],
                Value::Null,
            ),
        ),
        ("negative timestamp", with(event("unfollow", 44, json!({})), &["timestamp"], json!(-1))),
    ]);
    all
}

#[test]
fn the_check_accepts_every_body_parse_callback_accepts() -> Result<()> {
    let all = accepted_events();
    accepted_alike(
        "all together",
        &body(all.iter().map(|(_, v)| v.clone()).collect()),
    )?;
    accepted_alike("connection check", &body(vec![]))?;
    for (name, ev) in &all {
        accepted_alike(name, &body(vec![ev.clone()]))?;
    }
    ensure!(
        check_callback(&body(all.iter().map(|(_, v)| v.clone()).collect()))? == all.len(),
        "count"
    );
    Ok(())
}

/// Bodies LINE wouldn't send but serde_json's `Value` reads in its own way; the check must
/// not differ from it in either direction.
#[test]
fn the_check_reads_json_as_value_does() -> Result<()> {
    let unfollow = event("unfollow", 1, json!({})).to_string();
    // `fields` before the event's own (which win if repeated), or after them.
    let splice = |fields: &str| format!("{{{fields},{}", &unfollow[1..]);
    let append = |fields: &str| format!("{},{fields}}}", &unfollow[..unfollow.len() - 1]);
    let envelope = |ev: &str| format!(r#"{{"destination":"{BOT}","events":[{ev}]}}"#);

    for (what, ev) in [
        ("escaped key and value", r#"{"t\u0079pe":"unfollow","mode":"\u0061ctive","timestamp":1,"webhookEventId":"01J\"x","deliveryContext":{"isRedelivery":false}}"#.to_owned()),
        ("a bad value replaced by a later duplicate", splice(r#""timestamp":"soon","webhookEventId":7"#)),
        ("deliveryContext as an array", splice(r#""deliveryContext":[true]"#)),
        ("raw-value token standing for the event", serde_json::to_string(&json!({"$serde_json::private::RawValue": unfollow}))?),
        ("raw-value token standing for a field", splice(r#""timestamp":{"$serde_json::private::RawValue":"5"}"#)),
        ("raw-value token as a later key", splice(r#""x":1,"$serde_json::private::RawValue":"nonsense""#)),
    ] {
        accepted_alike(what, envelope(&ev).as_bytes())?;
    }

    let mut bad_utf8 = envelope(&splice(r#""note":"ab""#)).into_bytes();
    let at = bad_utf8
        .windows(2)
        .position(|w| w == b"ab")
        .context("no `ab`")?;
    bad_utf8[at] = 0xff;
    let refused: Vec<(&str, Vec<u8>)> = vec![
        ("invalid UTF-8 in a field nobody reads", bad_utf8),
        (
            "lone surrogate in a field nobody reads",
            envelope(&splice(r#""note":"\ud800""#)).into_bytes(),
        ),
        (
            "number out of range in a field nobody reads",
            envelope(&splice(r#""note":[1e999]"#)).into_bytes(),
        ),
        (
            "a good value replaced by a bad duplicate",
            envelope(&append(r#""webhookEventId":7"#)).into_bytes(),
        ),
        (
            "raw-value token followed by other keys",
            envelope(&format!(
                r#"{{"$serde_json::private::RawValue":"{{}}",{}"#,
                &unfollow[1..]
            ))
            .into_bytes(),
        ),
        (
            "raw-value token that is not a string",
            envelope(r#"{"$serde_json::private::RawValue":5}"#).into_bytes(),
        ),
        (
            "deliveryContext array too long",
            envelope(&append(r#""deliveryContext":[true,1]"#)).into_bytes(),
        ),
        (
            "deliveryContext array empty",
            envelope(&append(r#""deliveryContext":[]"#)).into_bytes(),
        ),
        (
            "duplicate destination",
            format!(r#"{{"destination":"{BOT}","destination":"{BOT}","events":[]}}"#).into_bytes(),
        ),
    ];
    for (what, b) in refused {
        refused_alike(what, &b)?;
    }
    Ok(())
}

#[test]
fn malformed_bodies_fail_the_check_and_the_parse_alike() -> Result<()> {
    let follow = event(
        "follow",
        10,
        json!({"replyToken": "rt", "follow": {"isUnblocked": false}}),
    );
    let good = body(accepted_events().into_iter().map(|(_, v)| v).collect());
    let whole: &[(&str, Vec<u8>)] = &[
        ("truncated JSON", good[..good.len() / 2].to_vec()),
        ("truncated by one byte", good[..good.len() - 1].to_vec()),
        ("not JSON", b"<html>".to_vec()),
        ("empty", Vec::new()),
        ("trailing bytes", [good.as_slice(), b"x"].concat()),
        (
            "events missing",
            format!(r#"{{"destination":"{BOT}"}}"#).into_bytes(),
        ),
        (
            "events not an array",
            format!(r#"{{"destination":"{BOT}","events":{{}}}}"#).into_bytes(),
        ),
        ("destination missing", br#"{"events":[]}"#.to_vec()),
        (
            "destination not a string",
            br#"{"destination":1,"events":[]}"#.to_vec(),
        ),
        ("a bad event before a syntax error", {
            let b = body(vec![
                without(follow.clone(), &["webhookEventId"]),
                follow.clone(),
            ]);
            b[..b.len() - 3].to_vec()
        }),
    ];
    for (what, b) in whole {
        match refused_alike(what, b)? {
            WebhookParseError::Body(_) => {}
            other => bail!("{what}: expected a body error, got {other:?}"),
        }
    }

    let events = [
        ("event is a string", json!("x")),
        ("event is null", Value::Null),
        ("event is an array", json!([follow.clone()])),
        (
            "without webhookEventId",
            without(follow.clone(), &["webhookEventId"]),
        ),
        ("without type", without(follow.clone(), &["type"])),
        ("without mode", without(follow.clone(), &["mode"])),
        ("without timestamp", without(follow.clone(), &["timestamp"])),
        (
            "timestamp as a string",
            with(follow.clone(), &["timestamp"], json!("1751328000000")),
        ),
        (
            "timestamp with a fraction",
            with(follow.clone(), &["timestamp"], json!(1.5)),
        ),
        (
            "timestamp past i64",
            with(follow.clone(), &["timestamp"], json!(u64::MAX)),
        ),
        (
            "type not a string",
            with(follow.clone(), &["type"], json!(3)),
        ),
        (
            "webhookEventId null",
            with(follow.clone(), &["webhookEventId"], Value::Null),
        ),
        (
            "replyToken a number",
            with(follow.clone(), &["replyToken"], json!(1)),
        ),
        (
            "deliveryContext missing",
            without(follow.clone(), &["deliveryContext"]),
        ),
        (
            "deliveryContext null",
            with(follow.clone(), &["deliveryContext"], Value::Null),
        ),
        (
            "isRedelivery missing",
            without(follow.clone(), &["deliveryContext", "isRedelivery"]),
        ),
        (
            "isRedelivery not a bool",
            with(
                follow.clone(),
                &["deliveryContext", "isRedelivery"],
                json!("false"),
            ),
        ),
        (
            "two bad fields",
            with(
                without(follow.clone(), &["mode"]),
                &["timestamp"],
                json!(null),
            ),
        ),
    ];
    for (what, ev) in events {
        match refused_alike(what, &body(vec![follow.clone(), ev, json!("also bad")]))? {
            WebhookParseError::Event { index: 1, .. } => {}
            other => bail!("{what}: expected an error for event 1, got {other:?}"),
        }
    }
    Ok(())
}

#[test]
fn type_specific_gaps_pass_the_check_and_are_kept_as_unknown() -> Result<()> {
    let text = text_example();
    let unfollow = event("unfollow", 30, json!({}));
    for (what, broken, type_name) in [
        (
            "message event without message",
            without(text.clone(), &["message"]),
            "message",
        ),
        (
            "follow without isUnblocked",
            event("follow", 31, json!({"replyToken": "rt-31", "follow": {}})),
            "follow",
        ),
    ] {
        let b = body(vec![text.clone(), broken.clone(), unfollow.clone()]);
        ensure!(
            check_callback(&b) == Ok(3),
            "{what}: check_callback {:?}",
            check_callback(&b)
        );
        let Err(WebhookParseError::Event { index: 1, message }) = parse_callback(&b) else {
            bail!(
                "{what}: parse_callback should refuse event 1: {:?}",
                parse_callback(&b)
            )
        };
        let (kept, unreadable) = parse_callback_keeping_unreadable(&b)
            .with_context(|| format!("{what}: keeping_unreadable"))?;
        ensure!(
            unreadable == [(1, message)],
            "{what}: unreadable {unreadable:?}"
        );
        let [first, second, third] = kept.events.as_slice() else {
            bail!("{what}: {} events", kept.events.len())
        };
        ensure!(
            matches!(&first.kind, EventKind::Message(MessageContent::Text { .. })),
            "{what}: first event {:?}",
            first.kind
        );
        ensure!(
            matches!(third.kind, EventKind::Unfollow),
            "{what}: third {:?}",
            third.kind
        );
        ensure!(
            second.kind
                == EventKind::Unknown {
                    type_name: type_name.to_owned()
                },
            "{what}: kept as {:?}",
            second.kind
        );
        ensure!(
            second.type_name() == type_name
                && second.raw == broken
                && second.webhook_event_id == broken["webhookEventId"].as_str().unwrap_or_default()
                && second.reply_token.as_deref() == broken["replyToken"].as_str()
                && matches!(&second.source, Some(Source::User { .. })),
            "{what}: common fields not kept: {second:?}"
        );
    }
    Ok(())
}

/// A change to a body, made on its JSON or on its bytes.
#[derive(Debug, Clone)]
enum Mutation {
    /// Removes the key at `path` (an index into every key path of the event).
    DropField {
        event: Index,
        path: Index,
    },
    ReplaceValue {
        event: Index,
        path: Index,
        with: Index,
    },
    DeleteBytes {
        at: Index,
        len: usize,
    },
    ReplaceByte {
        at: Index,
        byte: u8,
    },
    /// Inserts a snippet right after an opening brace, making duplicate keys and the like.
    InsertAfterBrace {
        brace: Index,
        snippet: Index,
    },
}

/// Values that break or bend the common fields.
fn odd_values() -> Vec<Value> {
    vec![
        Value::Null,
        json!(""),
        json!("x"),
        json!(0),
        json!(-1),
        json!(1.5),
        json!(u64::MAX),
        json!(true),
        json!([]),
        json!([false]),
        json!([false, 1]),
        json!({}),
        json!({"isRedelivery": true}),
        json!({"isRedelivery": "no"}),
        json!({"$serde_json::private::RawValue": "7"}),
    ]
}

const SNIPPETS: &[&str] = &[
    r#""timestamp":"x","#,
    r#""timestamp":2,"#,
    r#""webhookEventId":1,"#,
    r#""webhookEventId":"dup","#,
    r#""type":"message","#,
    r#""type":"follow","#,
    r#""mode":null,"#,
    r#""replyToken":5,"#,
    r#""deliveryContext":{},"#,
    r#""deliveryContext":[true],"#,
    r#""isRedelivery":"yes","#,
    r#""isRedelivery":true,"#,
    r#""note":"\ud800","#,
    r#""note":1e999,"#,
    r#""note":"\u00e9","#,
    r#""$serde_json::private::RawValue":"{}","#,
    r#""$serde_json::private::RawValue":"1"}"#,
    r#""destination":"U1","#,
    r#""events":[],"#,
    "\"\u{ff}\":1,",
];

/// Every key path in `v`, objects and arrays walked.
fn key_paths(v: &Value, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                prefix.push(k.clone());
                out.push(prefix.clone());
                key_paths(child, prefix, out);
                prefix.pop();
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                prefix.push(i.to_string());
                key_paths(child, prefix, out);
                prefix.pop();
            }
        }
        _ => {}
    }
}

fn node_at<'v>(v: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(v, |node, p| match node {
        Value::Object(m) => m.get_mut(p),
        Value::Array(a) => p.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
        _ => None,
    })
}

fn mutate(events: &mut [Value], bytes: &mut Vec<u8>, m: &Mutation) {
    let pick_path = |ev: &Value, path: &Index| {
        let mut paths = Vec::new();
        key_paths(ev, &mut Vec::new(), &mut paths);
        (!paths.is_empty()).then(|| paths.swap_remove(path.index(paths.len())))
    };
    match m {
        Mutation::DropField { event, path } if !events.is_empty() => {
            let ev = &mut events[event.index(events.len())];
            if let Some(path) = pick_path(ev, path) {
                let (last, parent) = path.split_last().expect("paths are not empty");
                if let Some(Value::Object(o)) = node_at(ev, parent) {
                    o.remove(last);
                }
            }
        }
        Mutation::ReplaceValue { event, path, with } if !events.is_empty() => {
            let ev = &mut events[event.index(events.len())];
            if let Some(path) = pick_path(ev, path) {
                let odd = odd_values();
                if let Some(node) = node_at(ev, &path) {
                    *node = odd[with.index(odd.len())].clone();
                }
            }
        }
        Mutation::DeleteBytes { at, len } if !bytes.is_empty() => {
            let at = at.index(bytes.len());
            let end = (at + len).min(bytes.len());
            bytes.drain(at..end);
        }
        Mutation::ReplaceByte { at, byte } if !bytes.is_empty() => {
            let at = at.index(bytes.len());
            bytes[at] = *byte;
        }
        Mutation::InsertAfterBrace { brace, snippet } => {
            let braces: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i] == b'{').collect();
            if !braces.is_empty() {
                let at = braces[brace.index(braces.len())] + 1;
                let s = SNIPPETS[snippet.index(SNIPPETS.len())].as_bytes();
                bytes.splice(at..at, s.iter().copied());
            }
        }
        _ => {}
    }
}

fn arb_mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<Index>(), any::<Index>()).prop_map(|(event, path)| Mutation::DropField { event, path }),
        3 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(event, path, with)| Mutation::ReplaceValue { event, path, with }),
        1 => (any::<Index>(), 1usize..8).prop_map(|(at, len)| Mutation::DeleteBytes { at, len }),
        1 => (any::<Index>(), any::<u8>()).prop_map(|(at, byte)| Mutation::ReplaceByte { at, byte }),
        2 => (any::<Index>(), any::<Index>())
            .prop_map(|(brace, snippet)| Mutation::InsertAfterBrace { brace, snippet }),
    ]
}

/// The invariant, and its converse: the check accepts exactly what the lenient parse reads,
/// counts the same events, and fails with the same error as both parses.
fn agree(b: &[u8]) -> Result<(), TestCaseError> {
    let checked = check_callback(b);
    let parsed = parse_callback(b);
    match (checked, parse_callback_keeping_unreadable(b)) {
        (Ok(n), Ok((kept, unreadable))) => {
            prop_assert_eq!(n, kept.events.len());
            for (index, _) in &unreadable {
                let unknown = matches!(kept.events[*index].kind, EventKind::Unknown { .. });
                prop_assert!(
                    unknown,
                    "event {} listed as unreadable but kept as {:?}",
                    index,
                    kept.events[*index].kind
                );
            }
            match parsed {
                Ok(p) => prop_assert!(p == kept && unreadable.is_empty()),
                Err(WebhookParseError::Event { index, message }) => {
                    prop_assert_eq!(unreadable.first(), Some(&(index, message)));
                }
                Err(e) => prop_assert!(
                    false,
                    "check and keeping_unreadable passed, parse_callback: {e}"
                ),
            }
        }
        (Err(c), Err(k)) => {
            prop_assert_eq!(&c, &k);
            // parse_callback stops at the first event it can't read, which may be an
            // earlier one whose type-specific part is what's wrong.
            match (parsed, &c) {
                (Err(p), _) if p == c => {}
                (
                    Err(WebhookParseError::Event { index, .. }),
                    WebhookParseError::Event { index: refused, .. },
                ) if index < *refused => {}
                (p, _) => prop_assert!(false, "check_callback {c:?} but parse_callback {p:?}"),
            }
        }
        (c, k) => prop_assert!(false, "check_callback {c:?} but keeping_unreadable {k:?}"),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_check_agrees_with_the_parses_on_mutated_bodies(
        picks in proptest::collection::vec(any::<Index>(), 1..5),
        json_mutations in proptest::collection::vec(arb_mutation(), 0..5),
        byte_mutations in proptest::collection::vec(arb_mutation(), 0..4),
    ) {
        let all = accepted_events();
        let mut events: Vec<Value> = picks.iter().map(|i| all[i.index(all.len())].1.clone()).collect();
        let mut bytes = Vec::new();
        for m in &json_mutations {
            mutate(&mut events, &mut bytes, m);
        }
        bytes = body(events.clone());
        agree(&bytes)?;
        for m in &byte_mutations {
            mutate(&mut [], &mut bytes, m);
            agree(&bytes)?;
        }
    }
}
