//! Which version of a project file a program holds, so that a change made behind its
//! back (the command line, a second app, git, a sync tool) is noticed before it is
//! overwritten. A [`DiskVersion`] is taken from the very bytes that were loaded or
//! saved; [`DiskVersion::compare`] reads the file again and compares contents. Size and
//! modification time are kept to describe the change, not to decide it: a file touched
//! without a change (`git checkout` of the same content) is not a change, and a change
//! within the file system's time resolution is still one.

use super::{LoadError, Project};
use std::hash::{DefaultHasher, Hasher};
use std::path::Path;
use std::time::SystemTime;

/// The version of a project file that was loaded or saved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DiskVersion {
    /// Length in bytes.
    pub len: u64,
    /// Modification time, where the file system gives one.
    pub modified: Option<SystemTime>,
    /// A hash of the content (SipHash with fixed keys: the same bytes, the same hash).
    hash: u64,
}

/// What became of a file since a [`DiskVersion`] of it was taken.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiskChange {
    /// The same content.
    Unchanged,
    /// Other content: the version now on disk.
    Changed(DiskVersion),
    /// There is no file at the path any more.
    Missing,
}

fn hash_of(bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(bytes);
    hasher.finish()
}

impl DiskVersion {
    /// The version of `bytes`, just read from or written to `path`.
    pub fn of(path: &Path, bytes: &[u8]) -> DiskVersion {
        let modified = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        DiskVersion { len: bytes.len() as u64, modified, hash: hash_of(bytes) }
    }

    /// The version as a short text (`LEN:HASH`), to write down with work based on it (the
    /// app's recovery file).
    pub fn token(&self) -> String {
        format!("{}:{:016x}", self.len, self.hash)
    }

    /// The version a [`DiskVersion::token`] names; `None` for other text.
    pub fn from_token(token: &str) -> Option<DiskVersion> {
        let (len, hash) = token.trim().split_once(':')?;
        Some(DiskVersion {
            len: len.parse().ok()?,
            modified: None,
            hash: u64::from_str_radix(hash, 16).ok()?,
        })
    }

    /// A version no file has: work whose base is not known compares as changed.
    pub fn unknown() -> DiskVersion {
        DiskVersion { len: u64::MAX, modified: None, hash: 0 }
    }

    /// Reads `path` and says whether its content still is this version.
    pub fn compare(&self, path: &Path) -> std::io::Result<DiskChange> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let now = DiskVersion::of(path, &bytes);
                Ok(if now.hash == self.hash && now.len == self.len {
                    DiskChange::Unchanged
                } else {
                    DiskChange::Changed(now)
                })
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(DiskChange::Missing),
            Err(error) => Err(error),
        }
    }
}

/// Loads the project at `path` (as [`super::load`] does) with the version of the bytes
/// it was parsed from.
pub fn load_versioned(path: &Path) -> Result<(Project, DiskVersion), LoadError> {
    let text = super::read_text(path, super::DEFAULT_MAX_FILE_BYTES)?;
    let version = DiskVersion::of(path, text.as_bytes());
    let project = super::parse(&text, path, true)?;
    Ok((project, version))
}

/// Saves `project` to `path` as [`super::save`] does (atomically, keeping a `.bak`) and
/// returns the version written.
pub fn save_versioned(project: &Project, path: &Path) -> Result<DiskVersion, super::SaveError> {
    let text = super::save_text(project, path)?;
    Ok(DiskVersion::of(path, text.as_bytes()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn a_touch_is_no_change_and_a_rewrite_is_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        std::fs::write(&path, "abc").unwrap();
        let version = DiskVersion::of(&path, b"abc");
        // Same content written again (a new modification time): unchanged.
        std::thread::sleep(std::time::Duration::from_millis(10));
        std::fs::write(&path, "abc").unwrap();
        assert_eq!(version.compare(&path).unwrap(), DiskChange::Unchanged);
        // Same length, other content, within the same instant: changed.
        std::fs::write(&path, "abd").unwrap();
        assert!(matches!(version.compare(&path).unwrap(), DiskChange::Changed(v) if v.len == 3));
        std::fs::remove_file(&path).unwrap();
        assert_eq!(version.compare(&path).unwrap(), DiskChange::Missing);
        // Written down and read back, it is the same version.
        let back = DiskVersion::from_token(&version.token()).unwrap();
        assert_eq!((back.len, back.hash), (version.len, version.hash));
        assert!(DiskVersion::from_token("not a version").is_none());
    }
}
