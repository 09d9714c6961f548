use super::{SecretError, SecretKind, SecretStore};

/// The OS keyring: Keychain on macOS, Credential Manager on Windows, the Secret
/// Service (GNOME Keyring, KWallet) on Linux, through the `keyring` crate.
#[derive(Debug, Clone)]
pub struct KeyringSecretStore {
    service: String,
}

impl KeyringSecretStore {
    /// `service` separates installations (tests use their own).
    pub fn new(service: impl Into<String>) -> Result<Self, SecretError> {
        keyring::Entry::store_status()
            .as_ref()
            .map_err(|e| SecretError::Unavailable(e.to_string()))?;
        Ok(Self { service: service.into() })
    }

    fn entry(&self, account_key: &str, kind: SecretKind) -> Result<keyring::Entry, SecretError> {
        let user = format!("{account_key}/{}", kind.as_str());
        keyring::Entry::new(&self.service, &user).map_err(|e| SecretError::Backend(e.to_string()))
    }
}

impl SecretStore for KeyringSecretStore {
    fn get(&self, account_key: &str, kind: SecretKind) -> Result<Option<String>, SecretError> {
        match self.entry(account_key, kind)?.get_password() {
            Ok(v) => Ok(Some(v)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(SecretError::Backend(e.to_string())),
        }
    }

    fn set(&self, account_key: &str, kind: SecretKind, value: &str) -> Result<(), SecretError> {
        self.entry(account_key, kind)?
            .set_password(value)
            .map_err(|e| SecretError::Backend(e.to_string()))
    }

    fn delete(&self, account_key: &str, kind: SecretKind) -> Result<(), SecretError> {
        match self.entry(account_key, kind)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(SecretError::Backend(e.to_string())),
        }
    }
}
