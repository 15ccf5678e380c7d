//! Writing a file so that a crash, a full disk or a missing permission never leaves a
//! half-written or missing file behind: write a temporary file in the same folder,
//! flush it to disk, keep the previous version as `NAME.bak`, rename the temporary
//! file over the target, sync the folder.

use super::SaveError;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where the previous version of `path` is kept: `NAME.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Replaces the file at `path` with `bytes` atomically. With `keep_backup`, the
/// previous file (if any) stays as `NAME.bak`.
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    let failed =
        |step: &'static str| move |source: io::Error| SaveError { path: path.to_owned(), step, source };
    // Write through a symbolic link to the file it points at, rather than replacing
    // the link with a plain file.
    let target = match fs::canonicalize(path) {
        Ok(real) => real,
        Err(error) if error.kind() == io::ErrorKind::NotFound => path.to_owned(),
        Err(error) => return Err(failed("finding the file")(error)),
    };
    let folder = match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_owned(),
        _ => PathBuf::from("."),
    };
    let existing = fs::metadata(&target).ok();
    if existing.as_ref().is_some_and(fs::Metadata::is_dir) {
        return Err(failed("checking the target")(io::Error::new(
            io::ErrorKind::InvalidInput,
            "a folder has this name",
        )));
    }

    if existing.as_ref().is_some_and(|m| m.permissions().readonly()) {
        return Err(failed("checking the target")(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only; save under another name or make it writable",
        )));
    }

    let temporary = temporary_path(&target);
    let write = || -> io::Result<()> {
        let mut file = OpenOptions::new().write(true).create_new(true).open(&temporary)?;
        file.write_all(bytes)?;
        if let Some(metadata) = &existing {
            // Keep the old file's permissions (say, readable by a shared group).
            file.set_permissions(metadata.permissions())?;
        }
        file.sync_all()
    };
    if let Err(error) = write() {
        let _ = fs::remove_file(&temporary);
        return Err(failed("writing the temporary file")(error));
    }

    if keep_backup && existing.is_some() {
        let backup = backup_path(&target);
        let kept = fs::remove_file(&backup)
            .or_else(|e| if e.kind() == io::ErrorKind::NotFound { Ok(()) } else { Err(e) })
            .and_then(|()| fs::hard_link(&target, &backup).or_else(|_| fs::copy(&target, &backup).map(drop)));
        if let Err(error) = kept {
            let _ = fs::remove_file(&temporary);
            return Err(failed("keeping the previous version as .bak")(error));
        }
    }

    if let Err(error) = fs::rename(&temporary, &target) {
        let _ = fs::remove_file(&temporary);
        return Err(failed("replacing the file")(error));
    }
    sync_folder(&folder).map_err(failed("syncing the folder"))
}

/// A name beside `target` that no other save (of this or another process) uses.
fn temporary_path(target: &Path) -> PathBuf {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(format!(".tmp-{}-{}", std::process::id(), COUNTER.fetch_add(1, Ordering::Relaxed)));
    target.with_file_name(name)
}

/// Makes the rename itself durable. Folders cannot be opened for syncing on every
/// platform; there the rename is as durable as the platform makes it.
fn sync_folder(folder: &Path) -> io::Result<()> {
    if cfg!(unix) { File::open(folder)?.sync_all() } else { Ok(()) }
}
