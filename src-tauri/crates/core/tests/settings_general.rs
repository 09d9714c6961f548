//! The Settings page's 基本 values (undo-send, reply window) and saved payment links.

use madoguchi_core::api::types::{AccountRef, PaymentLinkPreset, Request, Response, SendingSettings, SetPaymentLinks};

use crate::support::Harness;

#[tokio::test]
async fn sending_settings_are_validated_and_applied_to_the_next_send() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let Response::SendingSettings(s) = h.core.dispatch(Request::GetSendingSettings).await? else {
        anyhow::bail!("get")
    };
    assert_eq!(
        s,
        SendingSettings {
            undo_seconds: 5,
            reply_safe_window_seconds: 50
        }
    );
    for bad in [
        SendingSettings {
            undo_seconds: -1,
            reply_safe_window_seconds: 50,
        },
        SendingSettings {
            undo_seconds: 61,
            reply_safe_window_seconds: 50,
        },
    ] {
        let e = h
            .core
            .dispatch(Request::SetSendingSettings(bad))
            .await
            .expect_err("bad undo accepted");
        assert!(e.message_ja.contains("送信取り消し"), "{e:?}");
    }
    let e = h
        .core
        .dispatch(Request::SetSendingSettings(SendingSettings {
            undo_seconds: 5,
            reply_safe_window_seconds: 60,
        }))
        .await
        .expect_err("a window past LINE's minute accepted");
    assert!(e.message_ja.contains("約 1 分"), "{e:?}");

    let Response::SendingSettings(s) = h
        .core
        .dispatch(Request::SetSendingSettings(SendingSettings {
            undo_seconds: 30,
            reply_safe_window_seconds: 40,
        }))
        .await?
    else {
        anyhow::bail!("set")
    };
    assert_eq!(s.undo_seconds, 30);

    // Applied at once: the next send waits the new undo time.
    let u = h.sim.add_user("田中 花子");
    h.ingest(vec![h.sim.event_text(&u.user_id, "こんにちは", None)]).await?;
    let conversation_id = h.conversation_of(&u.user_id).await?;
    let before = madoguchi_core::time::now_ms();
    let Response::SendAccepted(a) = h
        .core
        .dispatch(Request::SendMessage(madoguchi_core::api::types::SendMessage {
            client_key: None,
            conversation_id,
            content: madoguchi_core::api::types::OutgoingContent::Text { text: "はい".into() },
        }))
        .await?
    else {
        anyhow::bail!("send")
    };
    assert!(
        a.send_at >= before + 30_000,
        "undo window not applied: send_at {} vs now {before}",
        a.send_at
    );
    h.core
        .dispatch(Request::CancelSend(madoguchi_core::api::types::OutboxRef {
            outbox_id: a.outbox_id,
        }))
        .await?;
    Ok(())
}

#[tokio::test]
async fn payment_links_are_https_only_and_saved_per_account() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let link = |url: &str| PaymentLinkPreset {
        label: "カット代".into(),
        url: url.into(),
        amount_yen: 4400,
    };
    let set = |links| {
        Request::SetPaymentLinks(SetPaymentLinks {
            account_id: h.account_id,
            links,
        })
    };
    let e = h
        .core
        .dispatch(set(vec![
            link("https://buy.stripe.com/ok"),
            link("http://pay.example/x"),
        ]))
        .await
        .expect_err("http accepted");
    assert!(
        e.message_ja.starts_with("2 件目") && e.message_ja.contains("https://"),
        "{e:?}"
    );
    assert!(e.message.starts_with("link 2"), "{e:?}");
    let e = h
        .core
        .dispatch(set(vec![link("javascript:alert(1)")]))
        .await
        .expect_err("javascript: accepted");
    assert_eq!(e.code, "invalid");

    let Response::PaymentLinks(v) = h
        .core
        .dispatch(set(vec![link("  https://buy.stripe.com/test_123  ")]))
        .await?
    else {
        anyhow::bail!("set")
    };
    assert_eq!(v.links, vec![link("https://buy.stripe.com/test_123")]);
    assert!(v.line_pay_note_ja.contains("LINE Pay"));
    let Response::PaymentLinks(v) = h
        .core
        .dispatch(Request::GetPaymentLinks(AccountRef {
            account_id: h.account_id,
        }))
        .await?
    else {
        anyhow::bail!("get")
    };
    assert_eq!(v.links.len(), 1, "saved in the store");
    let e = h
        .core
        .dispatch(Request::GetPaymentLinks(AccountRef { account_id: 999 }))
        .await
        .expect_err("unknown account");
    assert_eq!(e.code, "notFound");
    Ok(())
}
