//! A friend's profile picture, from the address the profile gave (LINE's CDN). Fetched
//! once per address, so no screen ever loads a LINE URL (the window's CSP forbids it,
//! and the history must show pictures offline).

use reqwest::header::CONTENT_TYPE;

use crate::client::LineClient;
use crate::error::LineError;
use crate::responses::Content;

/// LINE's profile pictures are small JPEGs; anything larger is not one.
const MAX_PICTURE_BYTES: usize = 5 * 1024 * 1024;

impl LineClient {
    /// Downloads a profile picture. The channel's token is never sent: the address comes
    /// from the profile, and the token is for LINE's API hosts only. https only, except
    /// on the configured API host itself (the simulator on loopback).
    pub async fn get_profile_picture(&self, url: &str) -> Result<Content, LineError> {
        let parsed = reqwest::Url::parse(url)
            .map_err(|e| LineError::InvalidRequest(format!("picture address {url:?}: {e}")))?;
        let same_as_api = reqwest::Url::parse(&self.config().api_base)
            .is_ok_and(|api| api.origin() == parsed.origin());
        if parsed.scheme() != "https" && !same_as_api {
            return Err(LineError::InvalidRequest(format!("picture address is not https: {url:?}")));
        }
        let resp = self
            .http()
            .get(parsed)
            .timeout(self.config().timeout)
            .send()
            .await
            .map_err(|e| if e.is_timeout() { LineError::Timeout } else { LineError::Transport(e.to_string()) })?;
        let status = resp.status();
        if !status.is_success() {
            return Err(LineError::Server { status: status.as_u16(), message: format!("picture answered {status}") });
        }
        let content_type = resp.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_owned);
        if !content_type.as_deref().is_some_and(|ct| ct.starts_with("image/")) {
            return Err(LineError::Decode(format!("picture is not an image ({content_type:?})")));
        }
        let too_big = || LineError::Decode("picture is larger than 5 MiB".into());
        if resp.content_length().is_some_and(|n| n > MAX_PICTURE_BYTES as u64) {
            return Err(too_big());
        }
        // Read in chunks: a body without a length must not grow past the limit in memory.
        let mut resp = resp;
        let mut bytes = Vec::new();
        while let Some(chunk) = resp.chunk().await.map_err(|e| LineError::Transport(e.to_string()))? {
            if bytes.len() + chunk.len() > MAX_PICTURE_BYTES {
                return Err(too_big());
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(Content { bytes: bytes.into(), content_type })
    }
}
