//! Device tokens and pairing codes: random, shown once, stored only as SHA-256 hashes
//! (enough for random secrets of this length; slow hashing is for what people choose).

use base64::Engine as _;
use rand::Rng as _;
use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization as _;

/// 256 random bits, URL-safe (it travels in an EventSource URL).
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// Letters and digits nobody confuses when reading them off a screen onto a phone:
/// no 0/O/D/Q, 1/I/L, 2/Z, 5/S, 8/B, U/V.
const CODE_ALPHABET: &[u8] = b"ACEFGHJKMNPRTWXY34679";
pub const CODE_LEN: usize = 8;

/// A pairing code as shown: `XXXX-XXXX`.
pub fn new_pairing_code() -> String {
    let mut rng = rand::rng();
    let chars: String = (0..CODE_LEN).map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char).collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

/// What was typed, in the form the code was hashed in: width and case folded, the
/// hyphen and spaces dropped (phones add spaces, Japanese IMEs give full-width letters).
pub fn normalize_code(typed: &str) -> String {
    typed.nfkc().filter(|c| c.is_ascii_alphanumeric()).map(|c| c.to_ascii_uppercase()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_url_safe() {
        let a = new_token();
        assert_eq!(a.len(), 43, "256 bits in base64 without padding");
        assert!(a.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_ne!(a, new_token());
        assert_eq!(hash(&a).len(), 32);
    }

    #[test]
    fn pairing_codes_survive_how_people_type_them() {
        let code = new_pairing_code();
        assert_eq!(code.len(), CODE_LEN + 1);
        let plain = normalize_code(&code);
        assert_eq!(plain.len(), CODE_LEN);
        assert!(plain.bytes().all(|b| CODE_ALPHABET.contains(&b)), "{plain}");
        let typed_on_a_phone: String = code.to_lowercase().chars().map(|c| if c == '-' { ' ' } else { c }).collect();
        assert_eq!(normalize_code(&typed_on_a_phone), plain);
        let full_width: String = code.chars().map(|c| if c.is_ascii_alphanumeric() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c }).collect();
        assert_eq!(normalize_code(&full_width), plain, "an IME's full-width letters");
    }
}
