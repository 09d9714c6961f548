//! `x-line-signature`: Base64(HMAC-SHA256(channel secret, raw body)).
//!
//! Verification works on the raw bytes, before any parsing, and compares in constant
//! time (the `hmac` crate's `verify_slice` uses `subtle`), so a forged request learns
//! nothing from timing and never reaches the JSON parser.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

/// Why a webhook request was refused before parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SignatureError {
    #[error("x-line-signature header is missing")]
    Missing,
    #[error("x-line-signature is not valid base64")]
    Malformed,
    #[error("x-line-signature does not match the body")]
    Mismatch,
}

/// The signature LINE would send for `body` (used by the simulator and tests).
pub fn sign(channel_secret: &str, body: &[u8]) -> String {
    STANDARD.encode(mac(channel_secret, body).finalize().into_bytes())
}

/// Checks `header` (the value of `x-line-signature`) against `body`.
pub fn verify(
    channel_secret: &str,
    body: &[u8],
    header: Option<&str>,
) -> Result<(), SignatureError> {
    let header = header.ok_or(SignatureError::Missing)?;
    let expected = STANDARD
        .decode(header.trim())
        .map_err(|_| SignatureError::Malformed)?;
    mac(channel_secret, body)
        .verify_slice(&expected)
        .map_err(|_| SignatureError::Mismatch)
}

fn mac(channel_secret: &str, body: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = <HmacSha256 as KeyInit>::new_from_slice(channel_secret.as_bytes())
        .expect("HMAC takes keys of any length");
    mac.update(body);
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejections() {
        let body = br#"{"destination":"U0","events":[]}"#;
        let sig = sign("secret", body);
        assert_eq!(verify("secret", body, Some(&sig)), Ok(()));
        assert_eq!(
            verify("other", body, Some(&sig)),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(
            verify("secret", b"{}", Some(&sig)),
            Err(SignatureError::Mismatch)
        );
        assert_eq!(verify("secret", body, None), Err(SignatureError::Missing));
        assert_eq!(
            verify("secret", body, Some("%%%")),
            Err(SignatureError::Malformed)
        );
    }
}
