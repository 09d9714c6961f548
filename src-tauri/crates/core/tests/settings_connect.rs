//! The connect wizard against the simulator: good and bad credentials, secrets only
//! ever masked, the webhook set-and-test with its plain-language result, and the
//! wizard storing into a real Secret Service.

use std::sync::Arc;

use linesim::{SimConfig, Simulator};
use madoguchi_core::api::types::{AccountRef, ConnectAccount, Request, Response, SetPublicBaseUrl, WebhookCheck};
use madoguchi_core::secrets::{MemorySecretStore, SecretKind, SecretStore};
use madoguchi_core::{Core, CoreOptions};
use tempfile::TempDir;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const SECRET: &str = "0123456789abcdef0123456789abcdef";
const TOKEN: &str = "wizard-test-access-token-0123456789";

struct Fresh {
    core: Core,
    sim: Simulator,
    dir: TempDir,
}

/// A Core with no account yet (first run), against a simulator with known credentials.
async fn fresh(secrets: Arc<dyn SecretStore>) -> anyhow::Result<Fresh> {
    let sim = Simulator::start(SimConfig {
        channel_secret: SECRET.into(),
        access_token: TOKEN.into(),
        ..SimConfig::default()
    })
    .await?;
    let dir = tempfile::tempdir()?;
    let mut opts = CoreOptions::new(dir.path(), secrets);
    opts.line_api_base = sim.base_url();
    opts.line_data_base = sim.base_url();
    let core = Core::open(opts).await?;
    Ok(Fresh { core, sim, dir })
}

fn connect_req(account_id: Option<i64>, secret: &str, token: &str) -> Request {
    Request::ConnectAccount(ConnectAccount {
        account_id,
        channel_secret: secret.into(),
        access_token: token.into(),
    })
}

/// A loopback webhook receiver in front of Core's own webhook path (signature check
/// included), standing in for the tunnel LINE would call.
async fn receiver(core: Core) -> anyhow::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/webhook", listener.local_addr()?);
    tokio::spawn(async move {
        while let Ok((mut sock, _)) = listener.accept().await {
            let core = core.clone();
            tokio::spawn(async move {
                let mut buf = Vec::new();
                let mut chunk = [0u8; 4096];
                let (head_end, len, sig) = loop {
                    let Ok(n) = sock.read(&mut chunk).await else { return };
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                    if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&buf[..i]).to_ascii_lowercase();
                        let header = |name: &str| {
                            head.lines()
                                .find_map(|l| l.strip_prefix(name).map(|v| v.trim().to_string()))
                        };
                        let len: usize = header("content-length:").and_then(|v| v.parse().ok()).unwrap_or(0);
                        // Signatures are case-sensitive base64: take it from the original bytes.
                        let raw = String::from_utf8_lossy(&buf[..i]).to_string();
                        let sig = raw.lines().find_map(|l| {
                            let (k, v) = l.split_once(':')?;
                            k.eq_ignore_ascii_case("x-line-signature").then(|| v.trim().to_string())
                        });
                        break (i + 4, len, sig);
                    }
                };
                while buf.len() < head_end + len {
                    let Ok(n) = sock.read(&mut chunk).await else { return };
                    if n == 0 {
                        return;
                    }
                    buf.extend_from_slice(&chunk[..n]);
                }
                let body = &buf[head_end..head_end + len];
                let status = match core.handle_webhook(body, sig.as_deref()).await {
                    Ok(_) => "200 OK",
                    Err(madoguchi_core::runtime::WebhookRejection::Unauthorized) => "401 Unauthorized",
                    Err(_) => "400 Bad Request",
                };
                let _ = sock
                    .write_all(
                        format!("HTTP/1.1 {status}\r\ncontent-length: 0\r\nconnection: close\r\n\r\n").as_bytes(),
                    )
                    .await;
            });
        }
    });
    Ok(url)
}

async fn webhook_check(core: &Core, r: Request) -> anyhow::Result<WebhookCheck> {
    match core.dispatch(r).await? {
        Response::WebhookCheck(c) => Ok(c),
        other => anyhow::bail!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn wizard_checks_credentials_stores_them_and_only_shows_masks() -> anyhow::Result<()> {
    let secrets = Arc::new(MemorySecretStore::default());
    let f = fresh(secrets.clone()).await?;
    let Response::Connections(o) = f.core.dispatch(Request::GetConnections).await? else {
        anyhow::bail!("connections")
    };
    assert!(o.needs_setup, "a first run with no account asks for the wizard");

    // A token LINE refuses: a clear message in both languages, nothing stored.
    let err = f
        .core
        .dispatch(connect_req(None, SECRET, "a-wrong-token-that-line-refuses"))
        .await
        .expect_err("bad token accepted");
    assert_eq!(err.code, "invalid");
    assert!(err.message_ja.contains("チャネルアクセストークン"), "{err:?}");
    assert!(
        !err.message.contains("a-wrong-token"),
        "the error repeats the token: {err:?}"
    );
    // A token pasted into the secret field is caught before LINE is asked.
    let err = f
        .core
        .dispatch(connect_req(None, TOKEN, TOKEN))
        .await
        .expect_err("token as secret accepted");
    assert!(err.message_ja.contains("チャネルシークレット"), "{err:?}");
    let Response::Accounts(list) = f.core.dispatch(Request::ListAccounts).await? else {
        anyhow::bail!("accounts")
    };
    assert!(list.is_empty(), "a refused attempt created an account: {list:?}");

    // Good credentials: checked with bot info, stored, account named after the bot.
    let Response::AccountConnection(a) = f.core.dispatch(connect_req(None, SECRET, TOKEN)).await? else {
        anyhow::bail!("connect")
    };
    assert!(a.has_credentials);
    assert_eq!(a.account.name, "ヘアサロン 窓口 (シミュレーター)");
    assert_eq!(
        a.account.bot_user_id.as_deref(),
        Some(f.sim.config().bot_user_id.as_str())
    );
    assert_eq!(a.channel_secret_masked.as_deref(), Some("••••cdef"));
    assert_eq!(a.access_token_masked.as_deref(), Some("••••6789"));
    let key = sqlx::query_scalar::<_, String>("SELECT secret_key FROM accounts WHERE id = ?")
        .bind(a.account.id)
        .fetch_one(&f.core.store().pool)
        .await?;
    assert_eq!(secrets.get(&key, SecretKind::AccessToken)?.as_deref(), Some(TOKEN));
    assert!(
        f.core.client(a.account.id).await.is_some(),
        "the account is live without a restart"
    );

    // The same bot again is the same account; nothing the API says contains a secret.
    let Response::AccountConnection(again) = f.core.dispatch(connect_req(None, SECRET, TOKEN)).await? else {
        anyhow::bail!("connect")
    };
    assert_eq!(again.account.id, a.account.id);
    let Response::Connections(o) = f.core.dispatch(Request::GetConnections).await? else {
        anyhow::bail!("connections")
    };
    assert!(!o.needs_setup && o.accounts.len() == 1, "{o:?}");

    // Another bot's credentials into an account that already has chats of this bot: refused.
    sqlx::query("UPDATE accounts SET bot_user_id = 'U0000000000000000000000000000other' WHERE id = ?")
        .bind(a.account.id)
        .execute(&f.core.store().pool)
        .await?;
    let err = f
        .core
        .dispatch(connect_req(Some(a.account.id), SECRET, TOKEN))
        .await
        .expect_err("another bot accepted");
    assert!(err.message_ja.contains("別の公式アカウント"), "{err:?}");
    let json = serde_json::to_string(&o)?;
    assert!(
        !json.contains(SECRET) && !json.contains(TOKEN),
        "secrets in the API: {json}"
    );
    f.core.shutdown().await;
    drop(f.dir);
    Ok(())
}

#[tokio::test]
async fn webhook_button_sets_the_endpoint_and_explains_the_test() -> anyhow::Result<()> {
    let f = fresh(Arc::new(MemorySecretStore::default())).await?;
    let Response::AccountConnection(a) = f.core.dispatch(connect_req(None, SECRET, TOKEN)).await? else {
        anyhow::bail!("connect")
    };
    let account = AccountRef {
        account_id: a.account.id,
    };

    let err = f
        .core
        .dispatch(Request::ConnectWebhook(account.clone()))
        .await
        .expect_err("no base URL yet");
    assert_eq!(err.code, "notConfigured");
    let err = f
        .core
        .dispatch(Request::SetPublicBaseUrl(SetPublicBaseUrl {
            url: "http://insecure.example".into(),
        }))
        .await
        .expect_err("http accepted");
    assert!(err.message_ja.contains("https://"), "{err:?}");

    // A tunnel address nobody answers at: LINE's test fails, and we say what to check.
    let Response::Connections(o) = f
        .core
        .dispatch(Request::SetPublicBaseUrl(SetPublicBaseUrl {
            url: "https://madoguchi-test.invalid/".into(),
        }))
        .await?
    else {
        anyhow::bail!("connections")
    };
    assert_eq!(o.webhook_url.as_deref(), Some("https://madoguchi-test.invalid/webhook"));
    let check = webhook_check(&f.core, Request::ConnectWebhook(account.clone())).await?;
    assert_eq!(
        f.sim.webhook_url().as_deref(),
        Some("https://madoguchi-test.invalid/webhook"),
        "LINE was told our endpoint"
    );
    assert!(!check.ok, "{check:?}");
    assert!(check.status_code <= 0, "{check:?}");
    assert!(check.message_ja.contains("トンネル"), "{check:?}");

    // LINE reaching Core's webhook path: success, said plainly.
    let url = receiver(f.core.clone()).await?;
    f.sim.set_webhook_url(&url);
    let check = webhook_check(&f.core, Request::TestWebhook(account.clone())).await?;
    assert!(check.ok, "{check:?}");
    assert_eq!(check.status_code, 200);
    assert!(check.message_ja.contains("接続できました"), "{check:?}");

    // The wrong channel secret: LINE gets 401 from us, and the owner is told which field.
    let Response::AccountConnection(_) = f
        .core
        .dispatch(connect_req(
            Some(a.account.id),
            "ffffffffffffffffffffffffffffffff",
            TOKEN,
        ))
        .await?
    else {
        anyhow::bail!("reconnect")
    };
    let check = webhook_check(&f.core, Request::TestWebhook(account)).await?;
    assert!(!check.ok);
    assert_eq!(check.status_code, 401);
    assert!(check.message_ja.contains("チャネルシークレット"), "{check:?}");
    f.core.shutdown().await;
    Ok(())
}

/// The wizard's path into the real OS keyring (Secret Service). Like the keyring test in
/// secrets.rs, it may only skip where no Secret Service exists and none is required.
#[tokio::test]
async fn wizard_stores_secrets_in_a_real_secret_service() -> anyhow::Result<()> {
    use madoguchi_core::secrets::KeyringSecretStore;
    let required = std::env::var("MADOGUCHI_REQUIRE_SECRET_SERVICE").is_ok_and(|v| v == "1");
    let store = match KeyringSecretStore::new("jp.madoguchi.test.wizard") {
        Ok(s) => Arc::new(s),
        Err(e) if !required => {
            eprintln!("skipped: no Secret Service here ({e}); `make test` provides one");
            return Ok(());
        }
        Err(e) => anyhow::bail!("Secret Service required but unavailable: {e}"),
    };
    let f = fresh(store.clone()).await?;
    let Response::AccountConnection(a) = f.core.dispatch(connect_req(None, SECRET, TOKEN)).await? else {
        anyhow::bail!("connect")
    };
    let key: String = sqlx::query_scalar("SELECT secret_key FROM accounts WHERE id = ?")
        .bind(a.account.id)
        .fetch_one(&f.core.store().pool)
        .await?;
    // Read back through a second handle: it is the Secret Service that holds them.
    let other = KeyringSecretStore::new("jp.madoguchi.test.wizard")?;
    let got = other
        .account(&key)?
        .ok_or_else(|| anyhow::anyhow!("the wizard's secrets are not in the keyring"))?;
    assert_eq!(got.channel_secret, SECRET);
    assert_eq!(got.access_token, TOKEN);
    f.core.store().checkpoint().await?;
    f.core.shutdown().await;
    for entry in std::fs::read_dir(f.dir.path())? {
        let path = entry?.path();
        if path.is_file() {
            let bytes = std::fs::read(&path)?;
            assert!(
                !bytes.windows(TOKEN.len()).any(|w| w == TOKEN.as_bytes()),
                "token in {}",
                path.display()
            );
            assert!(
                !bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes()),
                "secret in {}",
                path.display()
            );
        }
    }
    other.delete(&key, SecretKind::ChannelSecret)?;
    other.delete(&key, SecretKind::AccessToken)?;
    Ok(())
}
