//! Which API this build speaks: a desktop in client mode compares it with its hub's
//! (`GET /api/version`) before pairing, so a hub and a desk of different builds say
//! which one to update instead of failing on the first changed method.

use sha2::{Digest, Sha256};

/// A hash of every method's name, role, params and answer and of the event and error
/// types as they travel on the wire: the TypeScript the UI is typed with
/// ([`super::typescript::render`]) is exactly that, so any change to a method, its
/// types or its role changes it, and nothing else does.
pub fn api_hash() -> &'static str {
    static HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        let digest = Sha256::digest(super::typescript::render().as_bytes());
        hex::encode(&digest[..8])
    });
    &HASH
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_hash_is_stable_and_short() {
        assert_eq!(super::api_hash(), super::api_hash());
        assert_eq!(super::api_hash().len(), 16);
    }
}
