//! The connect wizard: the channel secret and access token go into the SecretStore
//! (the OS keyring on the desktop) after LINE's bot info accepted the token; the API
//! only ever shows them masked. Then the public base URL that reaches this PC, and one
//! step that sets the webhook endpoint at LINE and runs LINE's webhook test, explained
//! in plain Japanese and English.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use line::LineError;
use line::client::{LineClient, LineConfig};

use crate::accounts::{self, AccountView};
use crate::runtime::Core;
use crate::secrets::{SecretError, SecretKind, mask};
use crate::{CoreError, Result, settings};

const MAX_BASE_URL: usize = 400;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectAccount {
    /// Re-enter the credentials of this account; null = connect a new Official Account.
    #[ts(type = "number | null")]
    #[serde(default)]
    pub account_id: Option<i64>,
    pub channel_secret: String,
    pub access_token: String,
}

/// What the wizard may show about one account: never the secrets themselves.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct AccountConnection {
    pub account: AccountView,
    pub has_credentials: bool,
    pub channel_secret_masked: Option<String>,
    pub access_token_masked: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ConnectionOverview {
    pub accounts: Vec<AccountConnection>,
    /// "" = not set yet.
    pub public_base_url: String,
    /// `{publicBaseUrl}/webhook`, what LINE is told to call; null while no base URL is set.
    pub webhook_url: Option<String>,
    /// True when no account has credentials: the UI opens the wizard first.
    pub needs_setup: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SetPublicBaseUrl {
    pub url: String,
}

/// LINE's webhook test, with what it means for the owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct WebhookCheck {
    pub ok: bool,
    pub endpoint: String,
    /// The HTTP status LINE got from this PC; 0 or less = no answer at all.
    pub status_code: i32,
    pub reason: String,
    pub message_ja: String,
    pub message_en: String,
}

pub async fn overview(core: &Core) -> Result<ConnectionOverview> {
    let pool = &core.store().pool;
    let mut out = vec![];
    for row in accounts::list(pool).await? {
        let secret = core.secrets().get(&row.secret_key, SecretKind::ChannelSecret)?;
        let token = core.secrets().get(&row.secret_key, SecretKind::AccessToken)?;
        out.push(AccountConnection {
            account: row.view(),
            has_credentials: secret.is_some() && token.is_some(),
            channel_secret_masked: secret.as_deref().map(mask),
            access_token_masked: token.as_deref().map(mask),
        });
    }
    let base = settings::get(pool, settings::PUBLIC_BASE_URL)
        .await?
        .unwrap_or_default();
    Ok(ConnectionOverview {
        needs_setup: !out.iter().any(|a| a.has_credentials),
        accounts: out,
        webhook_url: (!base.is_empty()).then(|| webhook_url(&base)),
        public_base_url: base,
    })
}

fn webhook_url(base: &str) -> String {
    format!("{}/webhook", base.trim_end_matches('/'))
}

fn check_channel_secret(s: &str) -> Result<()> {
    if s.len() != 32 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(CoreError::bad_input(
            "the channel secret is 32 letters and digits (LINE Developers console → Basic settings → Channel secret)",
            "チャネルシークレットは 32 文字の英数字です（LINE Developers コンソール → チャネル基本設定 → チャネルシークレット）",
        ));
    }
    Ok(())
}

fn check_access_token(s: &str) -> Result<()> {
    if s.len() < 20 || s.len() > 2000 || !s.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(CoreError::bad_input(
            "that does not look like a channel access token (Messaging API settings → Channel access token (long-lived) → Issue)",
            "チャネルアクセストークンではないようです（Messaging API 設定 → チャネルアクセストークン（長期）→ 発行 でコピーしてください）",
        ));
    }
    Ok(())
}

/// Checks the token with LINE's bot info, stores both secrets, records the bot and
/// loads the account. Returns the account's masked view.
pub async fn connect(core: &Core, q: &ConnectAccount) -> Result<AccountConnection> {
    let secret = q.channel_secret.trim();
    let token = q.access_token.trim();
    check_channel_secret(secret)?;
    check_access_token(token)?;
    let (api_base, data_base) = core.line_bases();
    let client =
        LineClient::new(LineConfig::new(token.to_string()).with_bases(api_base.to_string(), data_base.to_string()))?;
    let bot = client.get_bot_info().await.map_err(|e| match e {
        LineError::Api { status: 401 | 403, .. } => CoreError::bad_input(
            "LINE did not accept this channel access token; copy it again (a reissued token replaces the old one)",
            "LINE がこのチャネルアクセストークンを受け付けませんでした。もう一度コピーしてください（再発行すると古いものは使えません）",
        ),
        LineError::Transport(_) | LineError::Timeout => CoreError::bad_input(
            "could not reach LINE; check this PC's internet connection",
            "LINE に接続できませんでした。パソコンのインターネット接続を確認してください",
        ),
        other => CoreError::Line(other),
    })?;
    let pool = &core.store().pool;
    let existing = accounts::list(pool).await?;
    let key = match q.account_id {
        Some(id) => {
            let row = existing
                .iter()
                .find(|a| a.id == id)
                .ok_or_else(|| CoreError::NotFound(format!("account {id}")))?;
            // Its chats belong to one bot: another bot's token here would mix two shops' customers.
            if row.bot_user_id.as_deref().is_some_and(|b| b != bot.user_id) {
                return Err(CoreError::bad_input(
                    format!(
                        "these credentials belong to another Official Account ({}); connect it as a new account",
                        bot.display_name
                    ),
                    format!(
                        "この認証情報は別の公式アカウント（{}）のものです。「新しい公式アカウント」として接続してください",
                        bot.display_name
                    ),
                ));
            }
            row.secret_key.clone()
        }
        // The same bot connected again is the same account, not a second one.
        None => match existing
            .iter()
            .find(|a| a.bot_user_id.as_deref() == Some(bot.user_id.as_str()))
        {
            Some(a) => a.secret_key.clone(),
            None => format!("oa-{}", ulid::Ulid::new()),
        },
    };
    let store_err = |e: SecretError| match e {
        SecretError::ReadOnly(_) => CoreError::not_configured(
            "this server reads the credentials from LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN; set them there",
            "このサーバーは認証情報を環境変数 LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN から読みます。そちらに設定してください",
        ),
        SecretError::Unavailable(_) | SecretError::Backend(_) => CoreError::not_configured(
            format!("could not save to the OS keyring: {e}"),
            "OS のキーチェーン（資格情報の保管庫）に保存できませんでした。ログインし直してからもう一度お試しください",
        ),
    };
    core.secrets()
        .set(&key, SecretKind::ChannelSecret, secret)
        .map_err(store_err)?;
    core.secrets()
        .set(&key, SecretKind::AccessToken, token)
        .map_err(store_err)?;
    let row = core.register_account(&key, &bot.display_name).await?;
    accounts::set_bot_info(pool, row.id, &bot.user_id, &bot.basic_id, &bot.display_name).await?;
    core.reload_accounts().await?;
    tracing::info!(account = row.id, "account connected");
    overview(core)
        .await?
        .accounts
        .into_iter()
        .find(|a| a.account.id == row.id)
        .ok_or_else(|| CoreError::NotFound(format!("account {}", row.id)))
}

pub async fn set_public_base_url(core: &Core, url: &str) -> Result<ConnectionOverview> {
    let url = url.trim().trim_end_matches('/');
    let host = url.strip_prefix("https://").unwrap_or("");
    if host.is_empty()
        || url.len() > MAX_BASE_URL
        || host.starts_with('/')
        || url.chars().any(|c| c.is_whitespace() || c.is_control())
        || url.contains(['?', '#'])
    {
        return Err(CoreError::bad_input(
            "the public address must start with https:// (LINE only calls https), e.g. https://shop.example.com or your tunnel's address",
            "公開URL は https:// で始まるアドレスにしてください（LINE は https にしか送りません）。例: https://xxxx.trycloudflare.com",
        ));
    }
    settings::set(&core.store().pool, settings::PUBLIC_BASE_URL, url).await?;
    overview(core).await
}

async fn client_for(core: &Core, account_id: i64) -> Result<LineClient> {
    core.client(account_id).await.ok_or_else(|| {
        CoreError::not_configured(
            format!("account {account_id} has no LINE credentials yet"),
            format!("アカウント {account_id} の LINE 認証情報がまだ設定されていません"),
        )
    })
}

/// Points LINE's webhook at `{publicBaseUrl}/webhook`, then has LINE test it.
pub async fn connect_webhook(core: &Core, account_id: i64) -> Result<WebhookCheck> {
    let client = client_for(core, account_id).await?;
    let base = settings::get(&core.store().pool, settings::PUBLIC_BASE_URL)
        .await?
        .unwrap_or_default();
    if base.is_empty() {
        return Err(CoreError::not_configured(
            "set the public address of this PC first",
            "先にこのパソコンの公開URLを設定してください",
        ));
    }
    let endpoint = webhook_url(&base);
    client.set_webhook_endpoint(&endpoint).await?;
    test_webhook(core, account_id).await
}

/// Runs LINE's webhook test against the endpoint LINE has now.
pub async fn test_webhook(core: &Core, account_id: i64) -> Result<WebhookCheck> {
    let client = client_for(core, account_id).await?;
    let endpoint = client.get_webhook_endpoint().await?.endpoint;
    let r = client.test_webhook_endpoint(None).await?;
    let ok = r.success.unwrap_or((200..300).contains(&r.status_code));
    let (message_ja, message_en) = explain(ok, r.status_code);
    Ok(WebhookCheck {
        ok,
        endpoint,
        status_code: r.status_code,
        reason: r.reason,
        message_ja,
        message_en,
    })
}

/// The webhook test in the owner's words: what happened and what to do next.
pub fn explain(ok: bool, status: i32) -> (String, String) {
    let (ja, en): (String, String) = if ok {
        (
            "接続できました。LINE からこのパソコンにメッセージが届きます。".into(),
            "Connected: LINE reaches this PC, messages will arrive here.".into(),
        )
    } else if status <= 0 {
        (
            "LINE からこのパソコンに届きませんでした。トンネル（cloudflared など）が動いているか、公開URLが正しいかを確認してください。".into(),
            "LINE could not reach this PC. Check that the tunnel (e.g. cloudflared) is running and the public address is right.".into(),
        )
    } else if status == 401 {
        (
            "届きましたが署名が合いませんでした。チャネルシークレットが正しいか確認して、もう一度入力してください。"
                .into(),
            "LINE reached this PC but the signature did not match: check the channel secret and enter it again.".into(),
        )
    } else if status == 404 || status == 405 {
        (
            format!(
                "届いた先に Madoguchi の受け口がありませんでした（{status}）。公開URLがこのアプリを指しているか確認してください。"
            ),
            format!(
                "LINE reached an address without Madoguchi behind it ({status}). Check that the public address points at this app."
            ),
        )
    } else if status >= 500 {
        (
            format!("このパソコン側でエラーになりました（{status}）。アプリを再起動してもう一度お試しください。"),
            format!("This PC answered with an error ({status}). Restart the app and try again."),
        )
    } else {
        (
            format!("LINE の接続テストが失敗しました（HTTP {status}）。公開URLを確認してください。"),
            format!("LINE's webhook test failed (HTTP {status}). Check the public address."),
        )
    };
    (ja, en)
}
