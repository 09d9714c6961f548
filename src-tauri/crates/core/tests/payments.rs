//! Payment links (お支払い): a buttons template opening the owner's https payment page.
//! (LINE Pay ended in Japan in April 2025.)

use madoguchi_core::api::types::*;
use madoguchi_core::api::Request;

use crate::support::{eventually, Harness};

fn link(url: &str, amount_yen: i64, label: &str) -> OutgoingContent {
    OutgoingContent::PaymentLink { url: url.into(), amount_yen, label: label.into() }
}

#[tokio::test]
async fn a_payment_link_is_a_valid_template_and_bad_inputs_are_refused() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let u = h.sim.add_user("山田 花子");
    h.ingest(vec![h.sim.event_text(&u.user_id, "お会計をお願いします", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;

    for (content, en, ja) in [
        (link("http://buy.stripe.com/x", 3000, "カット"), "https", "https"),
        (link("javascript:alert(1)", 3000, "カット"), "https", "https"),
        (link("https://", 3000, "カット"), "https", "https"),
        (link("https://buy.stripe.com/x", 3000, "  "), "label", "ラベル"),
        (link("https://buy.stripe.com/x", 0, "カット"), "amount", "金額"),
        (link("https://buy.stripe.com/x", -500, "カット"), "amount", "金額"),
        (link("https://buy.stripe.com/x", 100_000_000, "カット"), "amount", "金額"),
    ] {
        let err = h
            .core
            .dispatch(Request::SendMessage(SendMessage { client_key: None, conversation_id: conv, content: content.clone() }))
            .await
            .expect_err("refused");
        assert!(err.message.contains(en) && err.message_ja.contains(ja), "{content:?}: {err:?}");
    }

    h.core
        .dispatch(Request::SendMessage(SendMessage {
            client_key: None,
            conversation_id: conv,
            content: link("https://buy.stripe.com/test_abc", 12_800, "カット＋カラー"),
        }))
        .await?;
    let got = eventually(10, "the payment link reaches the customer", || {
        let got = h.sim.received(&u.user_id);
        async move { Ok((!got.is_empty()).then_some(got)) }
    })
    .await?;
    assert_eq!(got.len(), 1, "only the valid one was sent");
    let m = &got[0].message;
    assert_eq!(m["type"], "template");
    assert_eq!(m["altText"], "お支払いのご案内: カット＋カラー ¥12,800");
    assert_eq!(m["template"]["actions"][0]["type"], "uri");
    assert_eq!(m["template"]["actions"][0]["uri"], "https://buy.stripe.com/test_abc");
    assert!(madoguchi_core::payments::LINE_PAY_NOTE_EN.contains("April 2025"));
    Ok(())
}
