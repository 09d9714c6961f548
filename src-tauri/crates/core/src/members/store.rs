//! Members, their devices' tokens and pairing codes in SQLite.

use sqlx::{Row, SqlitePool};
use unicode_normalization::UnicodeNormalization as _;

use super::model::{DeviceView, MemberView, NewMember, PairingCode, Principal, Role, Session, SessionMember, UpdateMember};
use super::{password, revocations, secret_codes};
use crate::error::{CoreError, Result};
use crate::time::now_ms;

pub const NAME_MAX_CHARS: usize = 40;
pub const DEVICE_NAME_MAX_CHARS: usize = 60;
/// How long a pairing code works.
pub const PAIRING_TTL_MS: i64 = 10 * 60 * 1000;
/// A device's last use is written at most this often (reads must not all become writes).
const LAST_USED_EVERY_MS: i64 = 60 * 1000;

fn clean_name(name: &str) -> Result<String> {
    let name: String = name.nfkc().collect::<String>().trim().to_string();
    if name.is_empty() || name.chars().count() > NAME_MAX_CHARS || name.chars().any(char::is_control) {
        return Err(CoreError::bad_input(
            format!("a member's name is 1 to {NAME_MAX_CHARS} characters, without line breaks"),
            format!("メンバーの名前は1〜{NAME_MAX_CHARS}文字で、改行なしで入力してください"),
        ));
    }
    Ok(name)
}

/// A device name is shown to the owner only; whatever arrives is cut to size, not refused.
fn clean_device_name(name: &str) -> String {
    let name: String = name.chars().filter(|c| !c.is_control()).take(DEVICE_NAME_MAX_CHARS).collect();
    let name = name.trim();
    if name.is_empty() { "名前のない端末".to_string() } else { name.to_string() }
}

fn member_from_row(row: &sqlx::sqlite::SqliteRow) -> Result<MemberView> {
    let role: String = row.try_get("role")?;
    Ok(MemberView {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        role: Role::parse(&role).ok_or_else(|| CoreError::internal(format!("member role {role:?} in the store")))?,
        reservation_staff_id: row.try_get("reservation_staff_id")?,
        has_password: row.try_get::<Option<String>, _>("password_hash")?.is_some(),
        created_at: row.try_get("created_at")?,
    })
}

/// Members still there, owners first, then by name.
pub async fn list(pool: &SqlitePool) -> Result<Vec<MemberView>> {
    let rows = sqlx::query(
        "SELECT id, name, role, password_hash, reservation_staff_id, created_at FROM members
         WHERE removed_at IS NULL ORDER BY role = 'owner' DESC, name",
    )
    .fetch_all(pool)
    .await?;
    rows.iter().map(member_from_row).collect()
}

/// How many members there are; while there are none, the printed session token is the key.
pub async fn count(pool: &SqlitePool) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM members WHERE removed_at IS NULL").fetch_one(pool).await?)
}

pub async fn get(pool: &SqlitePool, member_id: i64) -> Result<MemberView> {
    let row = sqlx::query("SELECT id, name, role, password_hash, reservation_staff_id, created_at FROM members WHERE id = ? AND removed_at IS NULL")
        .bind(member_id)
        .fetch_optional(pool)
        .await?
        .ok_or_else(|| CoreError::NotFound(format!("member {member_id}")))?;
    member_from_row(&row)
}

pub async fn find_by_name(pool: &SqlitePool, name: &str) -> Result<Option<MemberView>> {
    let Ok(name) = clean_name(name) else { return Ok(None) };
    let row = sqlx::query("SELECT id, name, role, password_hash, reservation_staff_id, created_at FROM members WHERE name = ? AND removed_at IS NULL")
        .bind(name)
        .fetch_optional(pool)
        .await?;
    row.as_ref().map(member_from_row).transpose()
}

async fn check_reservation_staff(pool: &SqlitePool, id: Option<i64>) -> Result<()> {
    let Some(id) = id else { return Ok(()) };
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM reservation_staff WHERE id = ? AND active = 1")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    found.map(|_| ()).ok_or_else(|| {
        CoreError::bad_input("that reservation staff member does not exist", "その担当者（予約）は見つかりません")
    })
}

pub async fn add(pool: &SqlitePool, new: NewMember) -> Result<MemberView> {
    let name = clean_name(&new.name)?;
    let hash = match new.password {
        Some(p) => {
            password::check_new(&p)?;
            Some(password::hash(p).await?)
        }
        None => None,
    };
    check_reservation_staff(pool, new.reservation_staff_id).await?;
    let inserted = sqlx::query(
        "INSERT INTO members (name, role, password_hash, reservation_staff_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
    )
    .bind(&name)
    .bind(new.role.as_str())
    .bind(hash)
    .bind(new.reservation_staff_id)
    .bind(now_ms())
    .fetch_one(pool)
    .await;
    match inserted {
        Ok(row) => get(pool, row.try_get("id")?).await,
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() => Err(CoreError::bad_input(
            format!("there is already a member called {name}"),
            format!("「{name}」という名前のメンバーはすでにいます"),
        )),
        Err(e) => Err(e.into()),
    }
}

pub async fn set_password(pool: &SqlitePool, member_id: i64, new_password: String) -> Result<()> {
    password::check_new(&new_password)?;
    get(pool, member_id).await?;
    let hash = password::hash(new_password).await?;
    sqlx::query("UPDATE members SET password_hash = ? WHERE id = ?").bind(hash).bind(member_id).execute(pool).await?;
    Ok(())
}

fn last_owner() -> CoreError {
    CoreError::bad_input(
        "the counter needs at least one owner; make someone else an owner first",
        "管理者が一人もいなくなります。先にほかのメンバーを管理者にしてください",
    )
}

async fn other_owners(pool: &SqlitePool, member_id: i64) -> Result<i64> {
    Ok(sqlx::query_scalar("SELECT count(*) FROM members WHERE role = 'owner' AND removed_at IS NULL AND id != ?")
        .bind(member_id)
        .fetch_one(pool)
        .await?)
}

pub async fn update(pool: &SqlitePool, change: UpdateMember) -> Result<MemberView> {
    let current = get(pool, change.member_id).await?;
    if current.role == Role::Owner && change.role != Role::Owner && other_owners(pool, current.id).await? == 0 {
        return Err(last_owner());
    }
    check_reservation_staff(pool, change.reservation_staff_id).await?;
    sqlx::query("UPDATE members SET role = ?, reservation_staff_id = ? WHERE id = ?")
        .bind(change.role.as_str())
        .bind(change.reservation_staff_id)
        .bind(change.member_id)
        .execute(pool)
        .await?;
    get(pool, change.member_id).await
}

/// Removes a member (kept for who-sent-what) and signs out every device of theirs.
pub async fn remove(pool: &SqlitePool, member_id: i64) -> Result<()> {
    let current = get(pool, member_id).await?;
    if current.role == Role::Owner && other_owners(pool, member_id).await? == 0 {
        return Err(last_owner());
    }
    let now = now_ms();
    let mut tx = pool.begin().await?;
    sqlx::query("UPDATE members SET removed_at = ? WHERE id = ?").bind(now).bind(member_id).execute(&mut *tx).await?;
    sqlx::query("UPDATE member_tokens SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL")
        .bind(now)
        .bind(member_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE pairing_codes SET used_at = ? WHERE member_id = ? AND used_at IS NULL")
        .bind(now)
        .bind(member_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    revocations::announce();
    Ok(())
}

async fn issue_token(pool: &SqlitePool, member: &MemberView, device_name: &str) -> Result<Session> {
    let token = secret_codes::new_token();
    let now = now_ms();
    sqlx::query("INSERT INTO member_tokens (member_id, token_hash, device_name, created_at, last_used_at) VALUES (?, ?, ?, ?, ?)")
        .bind(member.id)
        .bind(secret_codes::hash(&token))
        .bind(clean_device_name(device_name))
        .bind(now)
        .bind(now)
        .execute(pool)
        .await?;
    Ok(Session { token, member: SessionMember { id: member.id, name: member.name.clone(), role: member.role } })
}

/// A token for `name` if `password` is theirs; None otherwise, after the same work
/// whether the name exists or not.
pub async fn login(pool: &SqlitePool, name: &str, password: &str, device_name: &str) -> Result<Option<Session>> {
    if password.len() > password::MAX_LEN {
        return Ok(None);
    }
    let member = find_by_name(pool, name).await?;
    let stored: Option<String> = match &member {
        Some(m) => sqlx::query_scalar("SELECT password_hash FROM members WHERE id = ?").bind(m.id).fetch_one(pool).await?,
        None => None,
    };
    if !password::verify(password.to_string(), stored).await {
        return Ok(None);
    }
    match member {
        Some(m) => issue_token(pool, &m, device_name).await.map(Some),
        None => Ok(None),
    }
}

/// A code for `member_id` to sign in one device, valid for ten minutes, once.
pub async fn create_pairing_code(pool: &SqlitePool, member_id: i64) -> Result<PairingCode> {
    get(pool, member_id).await?;
    let code = secret_codes::new_pairing_code();
    let now = now_ms();
    let expires_at = now + PAIRING_TTL_MS;
    sqlx::query("INSERT INTO pairing_codes (member_id, code_hash, created_at, expires_at) VALUES (?, ?, ?, ?)")
        .bind(member_id)
        .bind(secret_codes::hash(&secret_codes::normalize_code(&code)))
        .bind(now)
        .bind(expires_at)
        .execute(pool)
        .await?;
    Ok(PairingCode { code, member_id, expires_at })
}

/// Spends a pairing code: a token for its member, or None when the code is unknown,
/// used or expired (one answer for all three).
pub async fn pair(pool: &SqlitePool, code: &str, device_name: &str) -> Result<Option<Session>> {
    let now = now_ms();
    // Claimed in one statement, so two phones typing the same code cannot both win.
    let claimed: Option<i64> = sqlx::query_scalar(
        "UPDATE pairing_codes SET used_at = ? WHERE code_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING member_id",
    )
    .bind(now)
    .bind(secret_codes::hash(&secret_codes::normalize_code(code)))
    .bind(now)
    .fetch_optional(pool)
    .await?;
    let Some(member_id) = claimed else { return Ok(None) };
    match get(pool, member_id).await {
        Ok(member) => issue_token(pool, &member, device_name).await.map(Some),
        Err(CoreError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Who holds `token`, if it is valid: not revoked, its member not removed.
pub async fn authenticate(pool: &SqlitePool, token: &str) -> Result<Option<Principal>> {
    let row = sqlx::query(
        "SELECT t.id, t.member_id, t.last_used_at, m.role, m.name FROM member_tokens t JOIN members m ON m.id = t.member_id
         WHERE t.token_hash = ? AND t.revoked_at IS NULL AND m.removed_at IS NULL",
    )
    .bind(secret_codes::hash(token))
    .fetch_optional(pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let role: String = row.try_get("role")?;
    let Some(role) = Role::parse(&role) else { return Ok(None) };
    let principal = Principal { member_id: row.try_get("member_id")?, name: row.try_get("name")?, role, token_id: row.try_get("id")? };
    let last_used: i64 = row.try_get("last_used_at")?;
    let now = now_ms();
    if now - last_used >= LAST_USED_EVERY_MS {
        sqlx::query("UPDATE member_tokens SET last_used_at = ? WHERE id = ?").bind(now).bind(principal.token_id).execute(pool).await?;
    }
    Ok(Some(principal))
}

/// Whether the token row is still valid (an open event stream asks after a revocation).
pub async fn still_valid(pool: &SqlitePool, token_id: i64) -> Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT t.id FROM member_tokens t JOIN members m ON m.id = t.member_id
         WHERE t.id = ? AND t.revoked_at IS NULL AND m.removed_at IS NULL",
    )
    .bind(token_id)
    .fetch_optional(pool)
    .await?;
    Ok(found.is_some())
}

pub async fn list_devices(pool: &SqlitePool) -> Result<Vec<DeviceView>> {
    let rows = sqlx::query(
        "SELECT t.id, t.member_id, m.name AS member_name, t.device_name, t.created_at, t.last_used_at
         FROM member_tokens t JOIN members m ON m.id = t.member_id
         WHERE t.revoked_at IS NULL AND m.removed_at IS NULL ORDER BY t.last_used_at DESC",
    )
    .fetch_all(pool)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(DeviceView {
                id: r.try_get("id")?,
                member_id: r.try_get("member_id")?,
                member_name: r.try_get("member_name")?,
                device_name: r.try_get("device_name")?,
                created_at: r.try_get("created_at")?,
                last_used_at: r.try_get("last_used_at")?,
            })
        })
        .collect()
}

/// Signs a device out; its next call is refused and its event stream ends.
pub async fn revoke_device(pool: &SqlitePool, device_id: i64) -> Result<()> {
    let done = sqlx::query("UPDATE member_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
        .bind(now_ms())
        .bind(device_id)
        .execute(pool)
        .await?;
    if done.rows_affected() == 0 {
        return Err(CoreError::NotFound(format!("device {device_id}")));
    }
    revocations::announce();
    Ok(())
}

/// Logout: revokes the token the caller holds. False when it was not valid anyway.
pub async fn logout(pool: &SqlitePool, token: &str) -> Result<bool> {
    let done = sqlx::query("UPDATE member_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
        .bind(now_ms())
        .bind(secret_codes::hash(token))
        .execute(pool)
        .await?;
    if done.rows_affected() > 0 {
        revocations::announce();
    }
    Ok(done.rows_affected() > 0)
}

/// A removed member's chats go back to nobody, so 未割り当て shows them.
pub async fn release_member(pool: &SqlitePool, member_id: i64) -> Result<u64> {
    Ok(sqlx::query("UPDATE conversations SET assignee_member_id = NULL WHERE assignee_member_id = ?")
        .bind(member_id)
        .execute(pool)
        .await?
        .rows_affected())
}
