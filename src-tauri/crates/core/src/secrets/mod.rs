//! Where the channel secret and access token live: the OS keyring on the desktop,
//! the environment for headless runs, memory in tests. Never SQLite, never logs,
//! never API responses: the only way out of this module is `AccountSecrets`, whose
//! Debug output is redacted.

mod env;
#[cfg(feature = "keyring")]
mod keyring_store;
mod memory;

pub use env::EnvSecretStore;
#[cfg(feature = "keyring")]
pub use keyring_store::KeyringSecretStore;
pub use memory::MemorySecretStore;

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKind {
    ChannelSecret,
    AccessToken,
}

impl SecretKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SecretKind::ChannelSecret => "channel-secret",
            SecretKind::AccessToken => "channel-access-token",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum SecretError {
    #[error("the secret store is read-only here ({0})")]
    ReadOnly(&'static str),
    #[error("the OS keyring is not available: {0}")]
    Unavailable(String),
    #[error("the OS keyring refused: {0}")]
    Backend(String),
}

pub trait SecretStore: Send + Sync {
    fn get(&self, account_key: &str, kind: SecretKind) -> Result<Option<String>, SecretError>;
    fn set(&self, account_key: &str, kind: SecretKind, value: &str) -> Result<(), SecretError>;
    fn delete(&self, account_key: &str, kind: SecretKind) -> Result<(), SecretError>;

    /// Both secrets of an account, or None while either is missing.
    fn account(&self, account_key: &str) -> Result<Option<AccountSecrets>, SecretError> {
        let secret = self.get(account_key, SecretKind::ChannelSecret)?;
        let token = self.get(account_key, SecretKind::AccessToken)?;
        Ok(match (secret, token) {
            (Some(channel_secret), Some(access_token)) => {
                Some(AccountSecrets { channel_secret, access_token })
            }
            _ => None,
        })
    }
}

#[derive(Clone, PartialEq, Eq)]
pub struct AccountSecrets {
    pub channel_secret: String,
    pub access_token: String,
}

impl fmt::Debug for AccountSecrets {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AccountSecrets { channel_secret: \"***\", access_token: \"***\" }")
    }
}

/// What the UI may show of a secret: enough to recognise it, never enough to use it.
pub fn mask(value: &str) -> String {
    let tail: String = value.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
    if value.chars().count() <= 8 {
        "••••".to_string()
    } else {
        format!("••••{tail}")
    }
}
