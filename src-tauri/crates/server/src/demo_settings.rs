//! What the demo shop has set up before its window shows: business hours (the usual
//! template, Mon–Sat 10:00–19:00), an away reply written but left off (on, it would take
//! the free reply token of every evening message the demo's customers send), and a few
//! 定型文 with placeholders.
//! Made through the same API requests the settings screens send, so they are checked
//! like an owner's input. Only what is not set up yet: a reused demo data dir keeps its
//! own changes.

use madoguchi_core::api::{Request, Response};
use madoguchi_core::Core;
use serde_json::json;

pub async fn seed(core: &Core, account_id: i64) -> anyhow::Result<()> {
    let account = json!({ "accountId": account_id });
    if let Response::BusinessHours(view) = call(core, json!({ "method": "getBusinessHours", "params": account })).await? {
        if !view.configured {
            let params = json!({ "accountId": account_id, "hours": view.hours });
            call(core, json!({ "method": "setBusinessHours", "params": params })).await?;
            let away = json!({ "enabled": false, "text": AWAY_REPLY });
            call(core, json!({ "method": "setAwayReply", "params": { "accountId": account_id, "away": away } })).await?;
        }
    }
    if let Response::Templates(library) = call(core, json!({ "method": "listTemplates", "params": account })).await? {
        if library.templates.is_empty() {
            for (title, text) in TEMPLATES {
                let bubbles = json!([{ "type": "text", "text": text }]);
                let params = json!({ "accountId": account_id, "id": null, "folderId": null, "title": title, "bubbles": bubbles });
                call(core, json!({ "method": "saveTemplate", "params": params })).await?;
            }
        }
    }
    Ok(())
}

const AWAY_REPLY: &str = "メッセージありがとうございます。ただいま営業時間外のため、翌営業日に順番にお返事いたします。";

const TEMPLATES: &[(&str, &str)] = &[
    ("予約の確認", "{名前}様、ご予約ありがとうございます。{?日時}にお待ちしております。{店名}"),
    ("空き状況のご案内", "{名前}様、お問い合わせありがとうございます。{?日付}は{?時間}でしたらご案内できます。いかがでしょうか？"),
    ("駐車場のご案内", "駐車場はございませんが、店舗の向かいにコインパーキングがございます。"),
    ("来店のお礼", "{名前}様、本日はご来店ありがとうございました！またのお越しをお待ちしております。{店名}"),
];

async fn call(core: &Core, request: serde_json::Value) -> anyhow::Result<Response> {
    let request: Request = serde_json::from_value(request)?;
    core.dispatch(request).await.map_err(|e| anyhow::anyhow!("demo settings: {}", e.message))
}
