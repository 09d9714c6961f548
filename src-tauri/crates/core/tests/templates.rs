//! Canned replies: placeholders filled in core from the friend and the shop, fill-in
//! prompts, missing values that ask or refuse (never a raw `{名前}` on the wire),
//! values kept as plain text, and several bubbles sent as one request.

use std::collections::BTreeMap;

use madoguchi_core::api::types::*;
use madoguchi_core::api::{Request, Response};
use madoguchi_core::settings;

use crate::support::{eventually, set_setting, Harness};

async fn save(h: &Harness, title: &str, bubbles: Vec<TemplateBubble>) -> anyhow::Result<TemplateView> {
    let r = h
        .core
        .dispatch(Request::SaveTemplate(SaveTemplate { account_id: h.account_id, id: None, folder_id: None, title: title.into(), bubbles }))
        .await?;
    match r {
        Response::Template(t) => Ok(t),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

fn text(s: &str) -> TemplateBubble {
    TemplateBubble::Text { text: s.into() }
}

fn use_tpl(template_id: i64, conversation_id: i64, answers: &[(&str, &str)]) -> UseTemplate {
    UseTemplate {
        client_key: None,
        template_id,
        conversation_id,
        answers: answers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect::<BTreeMap<_, _>>(),
    }
}

async fn render(h: &Harness, q: UseTemplate) -> anyhow::Result<RenderedTemplate> {
    match h.core.dispatch(Request::RenderTemplate(q)).await? {
        Response::TemplateRendered(r) => Ok(r),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

fn texts(r: &RenderedTemplate) -> Vec<String> {
    r.bubbles
        .iter()
        .filter_map(|b| match b {
            OutgoingContent::Text { text } => Some(text.clone()),
            _ => None,
        })
        .collect()
}

async fn friend_chat(h: &Harness, name: &str) -> anyhow::Result<(i64, i64, String)> {
    let u = h.sim.add_user(name);
    h.ingest(vec![h.sim.event_text(&u.user_id, "こんにちは", None)]).await?;
    let conv = h.conversation_of(&u.user_id).await?;
    let friend: i64 = sqlx::query_scalar("SELECT friend_id FROM conversations WHERE id = ?")
        .bind(conv)
        .fetch_one(&h.core.store().pool)
        .await?;
    // Wait for the profile worker to store the LINE name, so it cannot overwrite a test's edits later.
    let pool = h.core.store().pool.clone();
    eventually(10, "the LINE name fetched", || {
        let pool = pool.clone();
        async move {
            let n: Option<String> = sqlx::query_scalar("SELECT display_name FROM friends WHERE id = ? AND profile_fetched_at IS NOT NULL")
                .bind(friend)
                .fetch_optional(&pool)
                .await?
                .flatten();
            Ok(n.map(|_| ()))
        }
    })
    .await?;
    Ok((conv, friend, u.user_id))
}

async fn add_field(h: &Harness, friend: i64, name: &str, kind: &str, value: Option<&str>) -> anyhow::Result<()> {
    let pool = &h.core.store().pool;
    let field: i64 = sqlx::query_scalar(
        "INSERT INTO custom_fields (account_id, name, kind, created_at) VALUES (?, ?, ?, 0) RETURNING id",
    )
    .bind(h.account_id)
    .bind(name)
    .bind(kind)
    .fetch_one(pool)
    .await?;
    if let Some(v) = value {
        sqlx::query("INSERT INTO friend_field_values (friend_id, field_id, value, updated_at) VALUES (?, ?, ?, 0)")
            .bind(friend)
            .bind(field)
            .bind(v)
            .execute(pool)
            .await?;
    }
    Ok(())
}

#[tokio::test]
async fn placeholders_fill_from_friend_shop_fields_and_prompts_and_send_as_one_request() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let (conv, friend, user) = friend_chat(&h, "Hanako").await?;
    add_field(&h, friend, "誕生日", "date", Some("1990-04-01")).await?;
    add_field(&h, friend, "会員", "checkbox", Some("true")).await?;
    let tpl = save(
        &h,
        "予約確認",
        vec![
            text("{名前}様、{店名}です。"),
            text("{?メニュー}のご予約承りました。誕生日 {誕生日} / 会員 {会員} {{そのまま}}"),
            TemplateBubble::Sticker { package_id: "446".into(), sticker_id: "1988".into() },
        ],
    )
    .await?;
    assert_eq!(tpl.prompts, vec!["メニュー".to_string()]);

    // The prompt is asked for first; nothing is rendered with a hole.
    let r = render(&h, use_tpl(tpl.id, conv, &[])).await?;
    assert!(r.bubbles.is_empty());
    assert_eq!(r.missing, vec![MissingValue { key: "?メニュー".into(), label: "メニュー".into(), kind: MissingKind::Prompt }]);

    // The private name wins over the LINE name.
    sqlx::query("UPDATE friends SET private_name = '花子' WHERE id = ?").bind(friend).execute(&h.core.store().pool).await?;
    let r = render(&h, use_tpl(tpl.id, conv, &[("?メニュー", "カット")])).await?;
    assert!(r.missing.is_empty());
    assert_eq!(
        texts(&r),
        vec![
            "花子様、テスト店です。".to_string(),
            "カットのご予約承りました。誕生日 1990-04-01 / 会員 はい {そのまま}".to_string()
        ]
    );
    assert_eq!(r.bubbles.len(), 3);

    let accepted = match h.core.dispatch(Request::SendTemplate(use_tpl(tpl.id, conv, &[("?メニュー", "カット")]))).await? {
        Response::SendAccepted(a) => a,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    assert_eq!(accepted.route, Route::Reply, "the fresh reply token makes it free");
    let got = eventually(10, "3 bubbles arrive", || async {
        let r = h.sim.received(&user);
        Ok((r.len() >= 3).then_some(r))
    })
    .await?;
    assert_eq!(got.len(), 3);
    assert!(got.iter().all(|r| r.request_id == got[0].request_id), "one request for all bubbles");
    assert_eq!(got[0].message["text"], "花子様、テスト店です。");
    assert_eq!(got[2].message["type"], "sticker");
    Ok(())
}

#[tokio::test]
async fn a_missing_value_asks_or_refuses_and_never_sends_the_placeholder() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let (conv, friend, user) = friend_chat(&h, "x").await?;
    add_field(&h, friend, "誕生日", "date", None).await?;
    sqlx::query("UPDATE friends SET display_name = NULL, private_name = '  ' WHERE id = ?")
        .bind(friend)
        .execute(&h.core.store().pool)
        .await?;
    let tpl = save(&h, "挨拶", vec![text("{名前}様 お誕生日({誕生日})おめでとうございます")]).await?;

    let r = render(&h, use_tpl(tpl.id, conv, &[])).await?;
    let keys: Vec<(&str, MissingKind)> = r.missing.iter().map(|m| (m.key.as_str(), m.kind)).collect();
    assert_eq!(keys, vec![("名前", MissingKind::FriendValue), ("誕生日", MissingKind::FriendValue)]);

    // Sending without the values is refused, and nothing goes out.
    let err = h.core.dispatch(Request::SendTemplate(use_tpl(tpl.id, conv, &[("名前", "   ")]))).await.unwrap_err();
    assert_eq!(err.code, "invalid");
    assert!(err.message_ja.contains("名前") && err.message_ja.contains("誕生日"), "{err:?}");
    let outbox: i64 = sqlx::query_scalar("SELECT count(*) FROM outbox").fetch_one(&h.core.store().pool).await?;
    assert_eq!(outbox, 0);

    // With the owner's answers it goes, and no brace reaches the customer.
    match h.core.dispatch(Request::SendTemplate(use_tpl(tpl.id, conv, &[("名前", "山田"), ("誕生日", "4月1日")]))).await? {
        Response::SendAccepted(_) => {}
        other => anyhow::bail!("unexpected {other:?}"),
    }
    let got = eventually(10, "the greeting arrives", || async {
        let r = h.sim.received(&user);
        Ok((!r.is_empty()).then_some(r))
    })
    .await?;
    assert_eq!(got[0].message["text"], "山田様 お誕生日(4月1日)おめでとうございます");
    assert!(h.sim.all_received().iter().all(|r| !r.message.to_string().contains("{名前}")));

    // {次回予約} for a friend with no upcoming reservation: asked for, never sent raw
    // (filled from the calendar: see wiring.rs).
    let rsv = save(&h, "予約", vec![text("次回は{次回予約}です")]).await?;
    let r = render(&h, use_tpl(rsv.id, conv, &[])).await?;
    assert!(r.bubbles.is_empty() && r.missing.iter().any(|m| m.key == "次回予約"), "{r:?}");
    Ok(())
}

#[tokio::test]
async fn values_with_html_or_placeholders_stay_plain_text() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    set_setting(&h.core, settings::UNDO_SECONDS, "0").await?;
    let hostile = r#"<script>alert("x")</script>&amp;<b>{店名}</b>"#;
    let (conv, _friend, user) = friend_chat(&h, hostile).await?;
    let tpl = save(&h, "html", vec![text("{名前}様 {?メモ}")]).await?;
    let prompt = "<img src=x onerror=alert(1)> {名前}";
    let r = render(&h, use_tpl(tpl.id, conv, &[("?メモ", prompt)])).await?;
    let want = format!("{hostile}様 {prompt}");
    assert_eq!(texts(&r), vec![want.clone()], "values are neither escaped, interpreted, nor expanded again");
    h.core.dispatch(Request::SendTemplate(use_tpl(tpl.id, conv, &[("?メモ", prompt)]))).await?;
    let got = eventually(10, "the message arrives", || async {
        let r = h.sim.received(&user);
        Ok((!r.is_empty()).then_some(r))
    })
    .await?;
    assert_eq!(got[0].message["text"], serde_json::Value::String(want));
    Ok(())
}

#[tokio::test]
async fn templates_are_checked_on_save_and_folders_keep_them() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let err = h
        .core
        .dispatch(Request::SaveTemplate(SaveTemplate {
            account_id: h.account_id,
            id: None,
            folder_id: None,
            title: "x".into(),
            bubbles: vec![text("{ポイント}")],
        }))
        .await
        .unwrap_err();
    assert!(err.message_ja.contains("{?ポイント}"), "suggests a prompt: {err:?}");
    let six = (0..6).map(|i| text(&format!("{i}"))).collect();
    assert!(save(&h, "six", six).await.is_err());
    assert!(save(&h, "  ", vec![text("a")]).await.is_err());
    assert!(save(&h, "empty prompt", vec![text("{?}をどうぞ")]).await.is_err(), "an unnamed prompt would be sent as text");
    assert!(save(&h, "img", vec![TemplateBubble::Image { path: "/nonexistent/a.png".into() }]).await.is_err());

    let lib = match h
        .core
        .dispatch(Request::SaveTemplateFolder(SaveTemplateFolder { account_id: h.account_id, id: None, name: "予約".into() }))
        .await?
    {
        Response::Templates(l) => l,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    let folder = lib.folders[0].id;
    assert!(h
        .core
        .dispatch(Request::SaveTemplateFolder(SaveTemplateFolder { account_id: h.account_id, id: None, name: "予約".into() }))
        .await
        .is_err(), "names are unique");
    let t = match h
        .core
        .dispatch(Request::SaveTemplate(SaveTemplate {
            account_id: h.account_id,
            id: None,
            folder_id: Some(folder),
            title: "確認".into(),
            bubbles: vec![text("{名前}様")],
        }))
        .await?
    {
        Response::Template(t) => t,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    assert_eq!(t.folder_id, Some(folder));
    h.core.dispatch(Request::DeleteTemplateFolder(TemplateFolderRef { folder_id: folder })).await?;
    let lib = match h.core.dispatch(Request::ListTemplates(AccountRef { account_id: h.account_id })).await? {
        Response::Templates(l) => l,
        other => anyhow::bail!("unexpected {other:?}"),
    };
    assert!(lib.folders.is_empty());
    assert_eq!(lib.templates.len(), 1, "deleting a folder keeps its templates");
    assert_eq!(lib.templates[0].folder_id, None);
    assert!(lib.placeholders.iter().any(|p| p.token == "{名前}" && p.available));
    assert!(lib.placeholders.iter().any(|p| p.token == "{次回予約}" && p.available), "the calendar provides it");
    h.core.dispatch(Request::DeleteTemplate(TemplateRef { template_id: t.id })).await?;
    Ok(())
}
