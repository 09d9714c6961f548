use super::{SecretError, SecretKind, SecretStore};

/// Headless runs (`madoguchi-server`, CI) take one account's secrets from the
/// environment, under the names LINE's own SDK samples use.
#[derive(Debug, Default, Clone)]
pub struct EnvSecretStore;

pub const ENV_CHANNEL_SECRET: &str = "LINE_CHANNEL_SECRET";
pub const ENV_ACCESS_TOKEN: &str = "LINE_CHANNEL_ACCESS_TOKEN";

impl SecretStore for EnvSecretStore {
    fn get(&self, _account_key: &str, kind: SecretKind) -> Result<Option<String>, SecretError> {
        let name = match kind {
            SecretKind::ChannelSecret => ENV_CHANNEL_SECRET,
            SecretKind::AccessToken => ENV_ACCESS_TOKEN,
        };
        Ok(std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    fn set(&self, _: &str, _: SecretKind, _: &str) -> Result<(), SecretError> {
        Err(SecretError::ReadOnly("set LINE_CHANNEL_SECRET / LINE_CHANNEL_ACCESS_TOKEN in the environment"))
    }

    fn delete(&self, _: &str, _: SecretKind) -> Result<(), SecretError> {
        Err(SecretError::ReadOnly("secrets come from the environment"))
    }
}
