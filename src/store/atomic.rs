//! Writing a file so that a crash, a full disk or a missing permission never leaves a
//! half-written or missing file behind: write a temporary file in the same folder,
//! flush it to disk, keep the previous version as `NAME.bak`, rename the temporary
//! file over the target, sync the folder.
//!
//! Nothing here writes into an existing file: every file is made under a fresh name and
//! renamed into place, so a reader (or a hard link to an older version) never sees bytes
//! change under it. A project save ([`write_atomically`] with `keep_backup`) also removes
//! the temporary files that killed saves of the same file left behind; it is meant to
//! run under the project's write lock ([`super::ProjectLock`]), which this module does
//! not take.

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

/// Replaces the file at `path` with `bytes` atomically. With `keep_backup` (a project
/// save), the previous file (if any) stays as `NAME.bak` and the leftovers of killed
/// saves of this file are removed. An existing file that this process may not write, or
/// that belongs to another user, is refused rather than replaced.
pub fn write_atomically(path: &Path, bytes: &[u8], keep_backup: bool) -> Result<(), SaveError> {
    write_atomically_with(path, keep_backup, |file| file.write_all(bytes))
}

/// [`write_atomically`] with the content written by `write` into the temporary file
/// (through a buffer) rather than held in memory first: an export of hundreds of
/// megabytes streams to the disk. When `write` fails, nothing is replaced.
pub fn write_atomically_with(
    path: &Path,
    keep_backup: bool,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), SaveError> {
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

    if let Some(metadata) = &existing {
        check_permissions(&target, metadata).map_err(failed("checking the target"))?;
    }
    if keep_backup {
        remove_leftovers(&target);
        remove_leftovers(&backup_path(&target));
    }

    let mut write = Some(write);
    let written = create_unique(&target, |temporary| {
        // A name taken by another file fails here, before `write` is used, and the next
        // name is tried.
        let mut file = OpenOptions::new().write(true).create_new(true).open(temporary)?;
        let result = (|| {
            let write = write.take().ok_or_else(|| io::Error::other("the content was written already"))?;
            let mut buffered = io::BufWriter::with_capacity(1 << 20, &mut file);
            write(&mut buffered)?;
            buffered.flush()?;
            drop(buffered);
            if let Some(metadata) = &existing {
                // Keep the old file's permissions (say, readable by a shared group).
                file.set_permissions(metadata.permissions())?;
            }
            file.sync_all()
        })();
        if result.is_err() {
            let _ = fs::remove_file(temporary);
        }
        result
    });
    let temporary = written.map_err(failed("writing the temporary file"))?;

    if keep_backup
        && existing.is_some()
        && let Err(error) = keep_previous_version(&target)
    {
        let _ = fs::remove_file(&temporary);
        return Err(failed("keeping the previous version as .bak")(error));
    }

    if let Err(error) = fs::rename(&temporary, &target) {
        let _ = fs::remove_file(&temporary);
        return Err(failed("replacing the file")(error));
    }
    sync_folder(&folder).map_err(failed("syncing the folder"))
}

/// Refuses a save that would get round the file's permissions or change its owner: the
/// save makes a new file (ours) and renames it over the old one, which only the folder's
/// permissions govern.
fn check_permissions(target: &Path, metadata: &fs::Metadata) -> io::Result<()> {
    if metadata.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only; save under another name or make it writable",
        ));
    }
    #[cfg(unix)]
    {
        use rustix::fs::{Access, AtFlags, CWD, accessat};
        use rustix::io::Errno;
        use std::os::unix::fs::MetadataExt;
        // The permission as the system grants it to this process (owner, group, others,
        // ACLs), rather than the mode bits alone.
        match accessat(CWD, target, Access::WRITE_OK, AtFlags::EACCESS) {
            Ok(()) => {}
            Err(Errno::ACCESS | Errno::PERM) => {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "you may not write this file (its permissions forbid it), and saving would replace it with a copy of your own; save under another name or ask its owner for write permission",
                ));
            }
            Err(Errno::ROFS) => {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    "the file is on a read-only file system; save under another name elsewhere",
                ));
            }
            // Anything else (say, a file system without the call) leaves the decision to
            // the save itself.
            Err(_) => {}
        }
        let owner = metadata.uid();
        let user = rustix::process::geteuid().as_raw();
        if owner != user {
            return Err(io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "the file belongs to user {owner} but this program runs as user {user}, and saving would replace it with a file of user {user}; save under another name or as its owner"
                ),
            ));
        }
    }
    Ok(())
}

/// Keeps the file at `target` as `NAME.bak`: a hard link (or, where links are refused, a
/// fresh copy) under a temporary name, renamed over the old `.bak`, so that a `.bak`
/// exists at every moment once there was one, and no file another name shares is
/// written.
fn keep_previous_version(target: &Path) -> io::Result<()> {
    let backup = backup_path(target);
    let staged = create_unique(&backup, |staged| match fs::hard_link(target, staged) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == io::ErrorKind::AlreadyExists => Err(error),
        Err(_) => copy_to_new_file(target, staged),
    })?;
    let renamed = fs::rename(&staged, &backup);
    // Where the `.bak` already is the target's file (a save killed after keeping it and
    // before replacing the target), the rename of one link onto another of the same file
    // does nothing and leaves the staged name: remove it either way.
    let _ = fs::remove_file(&staged);
    renamed
}

/// Copies `from` into a file made at `to`, which must not exist yet.
fn copy_to_new_file(from: &Path, to: &Path) -> io::Result<()> {
    let mut source = File::open(from)?;
    let mut copy = OpenOptions::new().write(true).create_new(true).open(to)?;
    let result = io::copy(&mut source, &mut copy)
        .and_then(|_| copy.set_permissions(source.metadata()?.permissions()))
        .and_then(|()| copy.sync_all());
    if result.is_err() {
        let _ = fs::remove_file(to);
    }
    result
}

/// Runs `make` on fresh temporary names beside `target` until one is free: a killed
/// process with this process's id may have left the first one behind.
fn create_unique(target: &Path, mut make: impl FnMut(&Path) -> io::Result<()>) -> io::Result<PathBuf> {
    let mut tries = 0;
    loop {
        let temporary = temporary_path(target);
        match make(&temporary) {
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists && tries < 100 => tries += 1,
            Err(error) => return Err(error),
            Ok(()) => return Ok(temporary),
        }
    }
}

/// Removes the temporary files (`.NAME.tmp-PID-N`) that saves of `target` by processes
/// no longer running left behind. Only this file's own names are touched, and only those
/// of dead processes: a save running now keeps its file.
fn remove_leftovers(target: &Path) {
    let (Some(folder), Some(name)) = (target.parent(), target.file_name()) else { return };
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".tmp-");
    let Ok(entries) = fs::read_dir(folder) else { return };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.as_encoded_bytes().strip_prefix(prefix.as_encoded_bytes()) else {
            continue;
        };
        let Some(pid) = std::str::from_utf8(rest)
            .ok()
            .and_then(|rest| rest.split_once('-'))
            .filter(|(_, counter)| counter.parse::<u64>().is_ok())
            .and_then(|(pid, _)| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if pid != std::process::id() && !process_is_running(pid) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id runs on this machine (or may: when in doubt, yes).
#[cfg(unix)]
fn process_is_running(pid: u32) -> bool {
    let Some(pid) = i32::try_from(pid).ok().and_then(rustix::process::Pid::from_raw) else {
        return true;
    };
    !matches!(rustix::process::test_kill_process(pid), Err(rustix::io::Errno::SRCH))
}

/// Without a way to ask, every process may be running: nothing is removed.
#[cfg(not(unix))]
fn process_is_running(_pid: u32) -> bool {
    true
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

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// A streamed write replaces the file when it succeeds; when it fails halfway, the
    /// old file stays as it was and no temporary file is left.
    #[test]
    fn a_streamed_write_replaces_the_file_or_leaves_it_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("export.jsonl");
        fs::write(&path, "old\n").unwrap();
        write_atomically_with(&path, false, |out| {
            for n in 0..100_000 {
                writeln!(out, "line {n}")?;
            }
            Ok(())
        })
        .unwrap();
        let text = fs::read_to_string(&path).unwrap();
        assert_eq!(text.lines().count(), 100_000);
        assert!(text.ends_with("line 99999\n"));
        let failed = write_atomically_with(&path, false, |out| {
            out.write_all(b"half of a new export")?;
            Err(io::Error::other("the disk is full"))
        });
        let error = failed.unwrap_err();
        assert!(error.to_string().contains("the disk is full"), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), text, "the old file is untouched");
        let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("export.jsonl")], "no temporary file left");
    }
}
