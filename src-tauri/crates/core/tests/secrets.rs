use madoguchi_core::secrets::{mask, AccountSecrets, MemorySecretStore, SecretKind, SecretStore};

#[test]
fn memory_store_round_trip_and_redacted_debug() -> anyhow::Result<()> {
    let store = MemorySecretStore::with("shop", "sec-123456789", "tok-abcdefghij");
    let got = store.account("shop")?.ok_or_else(|| anyhow::anyhow!("secrets missing"))?;
    assert_eq!(got, AccountSecrets { channel_secret: "sec-123456789".into(), access_token: "tok-abcdefghij".into() });
    let debug = format!("{got:?}");
    assert!(!debug.contains("sec-123456789") && !debug.contains("tok-abcdefghij"), "Debug leaks: {debug}");
    store.delete("shop", SecretKind::AccessToken)?;
    assert!(store.account("shop")?.is_none(), "an account without its token is not usable");
    assert_eq!(mask("tok-abcdefghij"), "••••ghij");
    assert_eq!(mask("short"), "••••");
    Ok(())
}

/// The real OS keyring (Secret Service on Linux). `make test` runs the suite under
/// `dbus-run-session` with an unlocked gnome-keyring and sets
/// MADOGUCHI_REQUIRE_SECRET_SERVICE=1, so there this test cannot quietly skip.
#[test]
fn real_secret_service_round_trip() -> anyhow::Result<()> {
    use madoguchi_core::secrets::KeyringSecretStore;
    let required = std::env::var("MADOGUCHI_REQUIRE_SECRET_SERVICE").is_ok_and(|v| v == "1");
    let store = match KeyringSecretStore::new("jp.madoguchi.test") {
        Ok(s) => s,
        Err(e) if !required => {
            eprintln!("skipped: no Secret Service here ({e}); `make test` provides one");
            return Ok(());
        }
        Err(e) => anyhow::bail!("Secret Service required but unavailable: {e}"),
    };
    let key = format!("acct-{}", std::process::id());
    store.set(&key, SecretKind::ChannelSecret, "keyring-secret-値")?;
    store.set(&key, SecretKind::AccessToken, "keyring-token")?;
    let got = store.account(&key)?.ok_or_else(|| anyhow::anyhow!("stored secrets not found again"))?;
    assert_eq!(got.channel_secret, "keyring-secret-値");
    assert_eq!(got.access_token, "keyring-token");
    store.delete(&key, SecretKind::ChannelSecret)?;
    store.delete(&key, SecretKind::AccessToken)?;
    assert!(store.get(&key, SecretKind::ChannelSecret)?.is_none(), "deleted secret still there");
    Ok(())
}
