//! Blobs as files: `<root>/ab/cd/<sha256>`, two levels of fan-out so no folder grows huge. A blob is written to a
//! temporary file in its final folder, flushed to disk and renamed into place, so a reader never sees half a file
//! and a crash leaves at worst a stray temporary file.

use async_trait::async_trait;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};
use tokio::io::AsyncWriteExt;

use super::{content_key, is_content_key, BlobError, BlobStore};

pub struct DiskBlobStore {
    root: PathBuf,
}

impl DiskBlobStore {
    /// A store under `root` (created on first write).
    pub fn new(root: impl Into<PathBuf>) -> DiskBlobStore {
        DiskBlobStore { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path_of(&self, key: &str) -> PathBuf {
        self.root.join(&key[0..2]).join(&key[2..4]).join(key)
    }
}

#[async_trait]
impl BlobStore for DiskBlobStore {
    async fn put(&self, bytes: &[u8]) -> Result<String, BlobError> {
        let key = content_key(bytes);
        let path = self.path_of(&key);
        if let Ok(existing) = tokio::fs::metadata(&path).await {
            if existing.is_file() && existing.len() == bytes.len() as u64 {
                return Ok(key);
            }
        }
        let folder = path.parent().ok_or_else(|| BlobError::Backend(format!("no folder for {}", path.display())))?;
        tokio::fs::create_dir_all(folder).await?;
        let temporary = folder.join(format!(".{key}.{}.tmp", uuid::Uuid::now_v7().simple()));
        let written = write_synced(&temporary, bytes).await;
        let renamed = match written {
            Ok(()) => tokio::fs::rename(&temporary, &path).await,
            Err(err) => Err(err),
        };
        if let Err(err) = renamed {
            let _ = tokio::fs::remove_file(&temporary).await;
            return Err(err.into());
        }
        Ok(key)
    }

    async fn get(&self, key: &str) -> Result<Option<Vec<u8>>, BlobError> {
        if !is_content_key(key) {
            return Ok(None);
        }
        match tokio::fs::read(self.path_of(key)).await {
            Ok(bytes) => Ok(Some(bytes)),
            Err(err) if err.kind() == ErrorKind::NotFound => Ok(None),
            Err(err) => Err(err.into()),
        }
    }
}

async fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = tokio::fs::File::create(path).await?;
    file.write_all(bytes).await?;
    file.sync_all().await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_under(dir: &Path) -> Vec<PathBuf> {
        let mut found = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                found.extend(files_under(&path));
            } else {
                found.push(path);
            }
        }
        found
    }

    #[tokio::test]
    async fn blobs_are_stored_once_under_their_hash_and_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let store = DiskBlobStore::new(dir.path().join("attachments"));
        let key = store.put(b"hello").await.unwrap();
        assert_eq!(store.put(b"hello").await.unwrap(), key, "same content, same key");
        let other = store.put(b"world").await.unwrap();
        assert_ne!(key, other);
        assert_eq!(store.get(&key).await.unwrap().as_deref(), Some(&b"hello"[..]));
        let files = files_under(store.root());
        assert_eq!(files.len(), 2, "one file per distinct content, no temporary files left: {files:?}");
        assert!(files.contains(&store.root().join(&key[0..2]).join(&key[2..4]).join(&key)));
    }

    #[tokio::test]
    async fn unknown_and_malformed_keys_find_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = DiskBlobStore::new(dir.path());
        assert_eq!(store.get(&content_key(b"never stored")).await.unwrap(), None);
        assert_eq!(store.get("../../etc/passwd").await.unwrap(), None);
    }
}
