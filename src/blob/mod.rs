//! Where attachment bytes live. The database holds what a file is and who may see it; a [`BlobStore`] holds the
//! bytes under the SHA-256 of their content, so the same file uploaded twice is stored once. [`DiskBlobStore`] keeps
//! them under the data directory; an S3-compatible store can implement the same trait.

mod disk;

use async_trait::async_trait;
use sha2::{Digest, Sha256};

pub use disk::DiskBlobStore;

#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    #[error("blob storage I/O: {0}")]
    Io(#[from] std::io::Error),
    #[error("blob storage: {0}")]
    Backend(String),
}

#[async_trait]
pub trait BlobStore: Send + Sync + 'static {
    /// Stores `bytes` and returns their key, the lower-case hex SHA-256 of the content. Storing bytes that are
    /// already there keeps the existing copy.
    async fn put(&self, bytes: &[u8]) -> Result<String, BlobError>;
    /// The bytes stored under `key`; `None` if there are none (or `key` is not a key this store hands out).
    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, BlobError>;
}

/// The key a blob store gives `bytes`: their SHA-256, lower-case hex.
pub fn content_key(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// Whether `key` has the shape of a content key (64 lower-case hex digits), so it is safe in a path or object name.
pub fn is_content_key(key: &str) -> bool {
    key.len() == 64 && key.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_sha256_hex() {
        assert_eq!(content_key(b"abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assert!(is_content_key(&content_key(b"")));
        assert!(!is_content_key("../../etc/passwd"));
        assert!(!is_content_key(&"A".repeat(64)));
    }
}
