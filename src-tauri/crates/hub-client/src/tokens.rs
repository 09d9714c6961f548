use std::sync::Mutex;

use crate::HubError;

/// A device token: what the hub answered at pairing, sent as `Authorization: Bearer`.
/// Never printed: Debug is redacted, and it is not Serialize.
#[derive(Clone, PartialEq, Eq)]
pub struct DeviceToken(String);

impl DeviceToken {
    pub fn new(token: impl Into<String>) -> Self {
        DeviceToken(token.into())
    }

    pub(crate) fn bearer(&self) -> String {
        format!("Bearer {}", self.0)
    }

    /// For tests that check where the token went.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for DeviceToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DeviceToken(••••)")
    }
}

/// Where the device token is kept between runs: the OS keyring, nothing else.
pub trait TokenStore: Send + Sync {
    fn get(&self) -> Result<Option<DeviceToken>, HubError>;
    fn set(&self, token: &DeviceToken) -> Result<(), HubError>;
    fn delete(&self) -> Result<(), HubError>;
}

/// The OS keyring (Keychain, Credential Manager, Secret Service) under `service`, one
/// entry per hub (`hub/<address>/device-token`), beside the LINE credentials.
pub struct KeyringTokens {
    service: String,
    user: String,
}

impl KeyringTokens {
    pub fn new(service: impl Into<String>, hub_address: &str) -> Result<Self, HubError> {
        keyring::Entry::store_status().as_ref().map_err(|e| HubError::Keyring(e.to_string()))?;
        Ok(KeyringTokens { service: service.into(), user: format!("hub/{hub_address}/device-token") })
    }

    fn entry(&self) -> Result<keyring::Entry, HubError> {
        keyring::Entry::new(&self.service, &self.user).map_err(|e| HubError::Keyring(e.to_string()))
    }
}

impl TokenStore for KeyringTokens {
    fn get(&self) -> Result<Option<DeviceToken>, HubError> {
        match self.entry()?.get_password() {
            Ok(v) => Ok(Some(DeviceToken(v))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(HubError::Keyring(e.to_string())),
        }
    }

    fn set(&self, token: &DeviceToken) -> Result<(), HubError> {
        self.entry()?.set_password(&token.0).map_err(|e| HubError::Keyring(e.to_string()))
    }

    fn delete(&self) -> Result<(), HubError> {
        match self.entry()?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(HubError::Keyring(e.to_string())),
        }
    }
}

/// In memory, for tests.
#[derive(Default)]
pub struct MemoryTokens(Mutex<Option<DeviceToken>>);

impl TokenStore for MemoryTokens {
    fn get(&self) -> Result<Option<DeviceToken>, HubError> {
        Ok(self.0.lock().map_err(|_| HubError::Keyring("poisoned".into()))?.clone())
    }

    fn set(&self, token: &DeviceToken) -> Result<(), HubError> {
        *self.0.lock().map_err(|_| HubError::Keyring("poisoned".into()))? = Some(token.clone());
        Ok(())
    }

    fn delete(&self) -> Result<(), HubError> {
        *self.0.lock().map_err(|_| HubError::Keyring("poisoned".into()))? = None;
        Ok(())
    }
}
