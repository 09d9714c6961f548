//! Members' passwords: Argon2id with the `argon2` crate's defaults (19 MiB, 2 passes,
//! 1 lane: OWASP's recommended minimum) and a fresh random salt per hash, stored as a
//! PHC string so the parameters can be raised later without breaking old hashes.

use std::sync::LazyLock;

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::{CoreError, Result};

pub const MIN_LEN: usize = 8;
/// Hashing is deliberately slow; a megabyte-long "password" must not make it slower.
pub const MAX_LEN: usize = 256;

/// Checks the rules a new password must meet, with the reason in both languages.
pub fn check_new(password: &str) -> Result<()> {
    let chars = password.chars().count();
    if chars < MIN_LEN {
        return Err(CoreError::bad_input(
            format!("the password needs at least {MIN_LEN} characters"),
            format!("パスワードは{MIN_LEN}文字以上にしてください"),
        ));
    }
    if password.len() > MAX_LEN {
        return Err(CoreError::bad_input(
            format!("the password is too long (at most {MAX_LEN} bytes)"),
            format!("パスワードが長すぎます（{MAX_LEN}バイトまで）"),
        ));
    }
    Ok(())
}

/// The PHC string for `password` (runs on a blocking thread: it takes tens of ms).
pub async fn hash(password: String) -> Result<String> {
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
            .map_err(|e| CoreError::internal(format!("hashing a password: {e}")))
    })
    .await
    .map_err(|e| CoreError::internal(format!("password hashing task: {e}")))?
}

/// A hash no password matches, verified when the name is unknown, so an unknown name
/// takes as long to refuse as a wrong password (names cannot be found by timing).
static DUMMY: LazyLock<Option<String>> = LazyLock::new(|| {
    let salt = SaltString::generate(&mut OsRng);
    let random: [u8; 32] = rand::random();
    Argon2::default().hash_password(&random, &salt).ok().map(|h| h.to_string())
});

/// Whether `password` matches `stored` (or, with None, the same work for nothing).
pub async fn verify(password: String, stored: Option<String>) -> bool {
    let checked = tokio::task::spawn_blocking(move || {
        let (phc, real) = match stored {
            Some(s) => (s, true),
            None => (DUMMY.clone().unwrap_or_default(), false),
        };
        let Ok(parsed) = PasswordHash::new(&phc) else { return false };
        let ok = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
        ok && real
    })
    .await;
    checked.unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_verifies_its_password_only_and_salts_differ() {
        let a = hash("しゃちょうのパスワード".into()).await.expect("hash");
        let b = hash("しゃちょうのパスワード".into()).await.expect("hash");
        assert!(a.starts_with("$argon2id$"), "{a}");
        assert_ne!(a, b, "each hash has its own salt");
        assert!(verify("しゃちょうのパスワード".into(), Some(a.clone())).await);
        assert!(!verify("しゃちょうのパスワーど".into(), Some(a)).await);
        assert!(!verify("anything".into(), None).await, "an unknown name never verifies");
    }

    #[test]
    fn rules_for_new_passwords() {
        assert!(check_new("1234567").is_err());
        assert!(check_new("12345678").is_ok());
        assert!(check_new("あいうえおかきく").is_ok(), "counted in characters, not bytes");
        assert!(check_new(&"x".repeat(MAX_LEN + 1)).is_err());
    }
}
