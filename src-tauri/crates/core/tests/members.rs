//! Members: passwords as Argon2id, tokens and pairing codes only as hashes, the last
//! owner kept, a removed member's devices signed out.

use madoguchi_core::members::{store, NewMember, Role, UpdateMember};

use crate::support::Harness;

fn new(name: &str, role: Role, password: Option<&str>) -> NewMember {
    NewMember { name: name.into(), role, password: password.map(Into::into), reservation_staff_id: None }
}

/// The bytes of every file of the store (database, WAL), to look for secrets in.
async fn everything_stored(core: &madoguchi_core::Core) -> anyhow::Result<String> {
    let mut all = Vec::new();
    for entry in std::fs::read_dir(core.store().data_dir())? {
        let path = entry?.path();
        if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.contains(".db")) {
            all.extend(std::fs::read(&path)?);
        }
    }
    Ok(String::from_utf8_lossy(&all).into_owned())
}

#[tokio::test]
async fn login_gives_a_token_kept_only_as_a_hash_and_the_same_refusal_for_name_and_password() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let pool = &h.core.store().pool;
    assert_eq!(store::count(pool).await?, 0);
    let owner = store::add(pool, new("山田 花子", Role::Owner, Some("kuruma-no-kagi-2026"))).await?;
    assert_eq!(owner.role, Role::Owner);
    assert!(owner.has_password);

    let session = store::login(pool, "山田 花子", "kuruma-no-kagi-2026", "レジ横のPC").await?.expect("right password");
    assert_eq!(session.member.id, owner.id);
    assert!(session.token.len() >= 22, "at least 128 bits");
    let who = store::authenticate(pool, &session.token).await?.expect("the token works");
    assert_eq!((who.member_id, who.role), (owner.id, Role::Owner));

    assert!(store::login(pool, "山田 花子", "kuruma-no-kagi-2025", "x").await?.is_none(), "wrong password");
    assert!(store::login(pool, "田中 一郎", "kuruma-no-kagi-2026", "x").await?.is_none(), "unknown name");
    assert!(store::login(pool, "山田 花子", &"x".repeat(10_000), "x").await?.is_none(), "oversize password");

    let stored = everything_stored(&h.core).await?;
    assert!(!stored.contains("kuruma-no-kagi-2026"), "the password is not in the database");
    assert!(!stored.contains(&session.token), "the token is not in the database");
    assert!(stored.contains("$argon2id$"), "the password is kept as an Argon2id hash");

    assert!(store::logout(pool, &session.token).await?);
    assert!(store::authenticate(pool, &session.token).await?.is_none(), "a logged-out token is refused");
    Ok(())
}

#[tokio::test]
async fn a_pairing_code_works_once_for_ten_minutes_however_it_is_typed() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let pool = &h.core.store().pool;
    let staff = store::add(pool, new("佐藤", Role::Staff, None)).await?;
    let code = store::create_pairing_code(pool, staff.id).await?;
    let typed = code.code.to_lowercase().replace('-', " ");
    let session = store::pair(pool, &typed, "佐藤のiPhone").await?.expect("a fresh code pairs");
    assert_eq!((session.member.id, session.member.role), (staff.id, Role::Staff));
    assert!(store::pair(pool, &code.code, "もう一台").await?.is_none(), "a code works once");

    let late = store::create_pairing_code(pool, staff.id).await?;
    sqlx::query("UPDATE pairing_codes SET expires_at = ? WHERE expires_at = ?")
        .bind(madoguchi_core::time::now_ms() - 1)
        .bind(late.expires_at)
        .execute(pool)
        .await?;
    assert!(store::pair(pool, &late.code, "遅れた端末").await?.is_none(), "an expired code is refused");
    assert!(!everything_stored(&h.core).await?.contains(&code.code.replace('-', "")), "codes are kept as hashes");

    let devices = store::list_devices(pool).await?;
    assert_eq!(devices.len(), 1);
    assert_eq!(devices[0].device_name, "佐藤のiPhone");
    store::revoke_device(pool, devices[0].id).await?;
    assert!(store::authenticate(pool, &session.token).await?.is_none(), "a revoked device is refused");
    Ok(())
}

#[tokio::test]
async fn the_last_owner_stays_and_a_removed_member_is_signed_out() -> anyhow::Result<()> {
    let h = Harness::new().await?;
    let pool = &h.core.store().pool;
    let owner = store::add(pool, new("店長", Role::Owner, Some("tencho-password"))).await?;
    let err = store::update(pool, UpdateMember { member_id: owner.id, role: Role::Staff, reservation_staff_id: None }).await;
    assert!(err.is_err(), "the only owner cannot become staff");
    assert!(store::remove(pool, owner.id).await.is_err(), "the only owner cannot be removed");
    assert!(store::add(pool, new(" 店長 ", Role::Staff, Some("another-password"))).await.is_err(), "names are unique");
    assert!(store::add(pool, new("", Role::Staff, None)).await.is_err(), "a name is needed");
    assert!(store::add(pool, new("短い", Role::Staff, Some("short"))).await.is_err(), "passwords have 8 characters");

    let staff = store::add(pool, new("アルバイト", Role::Staff, Some("baito-password"))).await?;
    let session = store::login(pool, "アルバイト", "baito-password", "PC").await?.expect("login");
    let mut revoked = madoguchi_core::members::revocations::watch();
    store::remove(pool, staff.id).await?;
    assert!(revoked.has_changed()?, "open event streams hear of it");
    revoked.mark_unchanged();
    assert!(store::authenticate(pool, &session.token).await?.is_none(), "a removed member's token is refused");
    assert!(store::login(pool, "アルバイト", "baito-password", "PC").await?.is_none(), "and cannot log in");
    assert_eq!(store::list(pool).await?.len(), 1);
    // The name is free again for someone new.
    store::add(pool, new("アルバイト", Role::Staff, None)).await?;
    Ok(())
}
