use std::collections::HashMap;
use std::sync::Mutex;

use super::{SecretError, SecretKind, SecretStore};

/// In-memory store for tests and for the demo's simulated account.
#[derive(Debug, Default)]
pub struct MemorySecretStore {
    values: Mutex<HashMap<(String, SecretKind), String>>,
}

impl MemorySecretStore {
    pub fn with(account_key: &str, channel_secret: &str, access_token: &str) -> Self {
        let store = Self::default();
        // A fresh Mutex cannot be poisoned, so these cannot fail.
        let _ = store.set(account_key, SecretKind::ChannelSecret, channel_secret);
        let _ = store.set(account_key, SecretKind::AccessToken, access_token);
        store
    }
}

impl SecretStore for MemorySecretStore {
    fn get(&self, account_key: &str, kind: SecretKind) -> Result<Option<String>, SecretError> {
        let values = self.values.lock().map_err(|_| SecretError::Backend("poisoned".into()))?;
        Ok(values.get(&(account_key.to_string(), kind)).cloned())
    }

    fn set(&self, account_key: &str, kind: SecretKind, value: &str) -> Result<(), SecretError> {
        let mut values = self.values.lock().map_err(|_| SecretError::Backend("poisoned".into()))?;
        values.insert((account_key.to_string(), kind), value.to_string());
        Ok(())
    }

    fn delete(&self, account_key: &str, kind: SecretKind) -> Result<(), SecretError> {
        let mut values = self.values.lock().map_err(|_| SecretError::Backend("poisoned".into()))?;
        values.remove(&(account_key.to_string(), kind));
        Ok(())
    }
}
