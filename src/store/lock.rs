//! Advisory locks beside a project file, so that two writers never interleave their
//! read-modify-write cycles and a second app can say who has a project open.
//!
//! Saves replace a project by renaming a new file over it, so a lock on the project
//! file itself would lock an inode that the next save throws away. The locks are taken on
//! files of their own beside the project instead:
//!
//! - `.NAME.lock` ([`ProjectLock`]): held by whoever reads, changes and saves the project
//!   (a `claimmark` subcommand, or the app while it saves). Short-lived; writers wait for
//!   each other a bounded time.
//! - `.NAME.open` ([`OpenLock`]): held by the app for as long as it has the project open,
//!   so that a second app can say "NAME is open in claimmark (pid N, …)". It does not
//!   block writers: the command line only takes the write lock.
//!
//! A lock file holds its [`Holder`] (program, pid, user, host, since) as RON, so whoever
//! finds it taken can name who holds it. The lock is `flock`-style (std's `File::lock`,
//! stable since Rust 1.89: `fs4` and `fd-lock` offer the same calls and were not taken):
//! the system releases it when its holder dies, so a killed process never leaves a
//! project locked. A holder removes its lock file when it lets go; since a waiter may
//! have opened the file just before, whoever takes a lock checks afterwards that the path
//! still names the file it locked, and tries again otherwise.
//!
//! This module only locks: it must not read or write projects, nor print.

use crate::model::Timestamp;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use thiserror::Error;

/// How long the command line waits for another writer by default.
pub const DEFAULT_WAIT: Duration = Duration::from_secs(10);

/// Who holds a lock, as written in its lock file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holder {
    /// What holds it, in words: `claimmark mark`, `claimmark` (the app).
    pub program: String,
    /// The holder's process id.
    pub pid: u32,
    /// The user it runs as (a name where the system gives one, else `uid N`).
    pub user: String,
    /// The machine it runs on.
    pub host: String,
    /// When it took the lock.
    pub since: Timestamp,
}

impl Holder {
    /// This process, described as `program`, from now on.
    pub fn current(program: &str) -> Holder {
        Holder {
            program: program.to_owned(),
            pid: std::process::id(),
            user: user_name(),
            host: host_name(),
            since: Timestamp::now(),
        }
    }

    /// Reads the holder written in a lock file; `None` for an empty or unreadable one
    /// (its holder may not have written it yet).
    fn parse(text: &str) -> Option<Holder> {
        ron::from_str(text).ok()
    }
}

impl fmt::Display for Holder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (pid {}, user {} on {}, since {})",
            self.program,
            self.pid,
            self.user,
            self.host,
            self.since.as_str()
        )
    }
}

/// Which lock a [`LockError`] is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockKind {
    /// The write lock ([`ProjectLock`]).
    Write,
    /// The open-project presence ([`OpenLock`]).
    Open,
}

/// Why a lock was not taken.
#[derive(Debug, Error)]
pub enum LockError {
    /// Someone else holds it (and did not let go within the wait).
    #[error("{}", held_message(.kind, .project, .holder.as_deref(), .waited))]
    Held {
        /// The project file the lock is for.
        project: PathBuf,
        /// Which lock.
        kind: LockKind,
        /// Who holds it, when its lock file says so (boxed: it is the large part of a
        /// result that is mostly `Ok`).
        holder: Option<Box<Holder>>,
        /// How long we waited before giving up.
        waited: Duration,
    },
    /// The lock file could not be created, opened or locked.
    #[error("{project}: could not take the lock {lock_file}: {source}", project = .project.display(), lock_file = .lock_file.display())]
    Io {
        /// The project file the lock is for.
        project: PathBuf,
        /// The lock file.
        lock_file: PathBuf,
        /// What the system said.
        source: io::Error,
    },
}

fn held_message(kind: &LockKind, project: &Path, holder: Option<&Holder>, waited: &Duration) -> String {
    let holder = holder.map_or_else(|| "another program".to_owned(), Holder::to_string);
    match kind {
        LockKind::Write if waited.is_zero() => format!("{}: {holder} is writing it", project.display()),
        LockKind::Write => format!(
            "{}: {holder} is writing it; gave up after waiting {:.1} s",
            project.display(),
            waited.as_secs_f64()
        ),
        LockKind::Open => format!("{} is open in {holder}", project.display()),
    }
}

/// The write lock's file for `project`: `.NAME.lock` beside it.
pub fn write_lock_path(project: &Path) -> PathBuf {
    lock_file_path(project, "lock")
}

/// The open-project lock's file for `project`: `.NAME.open` beside it.
pub fn open_lock_path(project: &Path) -> PathBuf {
    lock_file_path(project, "open")
}

/// `.NAME.SUFFIX` beside the file `project` names, following a symbolic link so that two
/// paths to one file share one lock.
fn lock_file_path(project: &Path, suffix: &str) -> PathBuf {
    let real = fs::canonicalize(project).unwrap_or_else(|_| {
        // A project not written yet: its folder's real path and its own name.
        let name = project.file_name().unwrap_or_default();
        match project.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => {
                fs::canonicalize(parent).map_or_else(|_| project.to_owned(), |p| p.join(name))
            }
            _ => project.to_owned(),
        }
    });
    let mut name = std::ffi::OsString::from(".");
    name.push(real.file_name().unwrap_or_default());
    name.push(".");
    name.push(suffix);
    real.with_file_name(name)
}

/// The write lock of one project: while it is held, no other [`ProjectLock`] on the same
/// file can be taken. Take it before reading the project and keep it through the save;
/// it is released when dropped.
#[derive(Debug)]
pub struct ProjectLock {
    held: HeldFile,
}

impl ProjectLock {
    /// Takes the write lock of `project` for `program` (say `claimmark mark`), waiting up
    /// to `wait` for another holder to let go. While it waits, `on_wait` is called with
    /// whoever holds the lock, once for each holder seen (`None` when the lock file does
    /// not name one), so the caller can say who it is waiting for.
    pub fn acquire(
        project: &Path,
        program: &str,
        wait: Duration,
        mut on_wait: impl FnMut(Option<&Holder>),
    ) -> Result<ProjectLock, LockError> {
        let lock_file = write_lock_path(project);
        let holder = Holder::current(program);
        let started = Instant::now();
        let mut reported: Option<Option<Holder>> = None;
        let mut pause = Duration::from_millis(2);
        loop {
            match HeldFile::try_take(&lock_file, &holder) {
                Ok(Ok(held)) => return Ok(ProjectLock { held }),
                Ok(Err(other)) => {
                    let waited = started.elapsed();
                    if waited >= wait {
                        return Err(LockError::Held {
                            project: project.to_owned(),
                            kind: LockKind::Write,
                            holder: other.map(Box::new),
                            waited,
                        });
                    }
                    // Name a holder once it has written itself down; an unnamed one only
                    // once it has kept the lock for a moment.
                    let worth_saying = other.is_some() || waited > Duration::from_millis(300);
                    if worth_saying && reported.as_ref() != Some(&other) {
                        on_wait(other.as_ref());
                        reported = Some(other);
                    }
                    // Short pauses first (most holders are done within milliseconds), a
                    // little jitter so waiters do not retry in step.
                    let jitter = Duration::from_micros(u64::from(std::process::id() % 7) * 300);
                    std::thread::sleep((pause + jitter).min(wait.saturating_sub(waited)));
                    pause = (pause * 2).min(Duration::from_millis(40));
                }
                Err(source) => return Err(LockError::Io { project: project.to_owned(), lock_file, source }),
            }
        }
    }

    /// Takes the write lock of `project` if no one holds it, without waiting.
    pub fn try_acquire(project: &Path, program: &str) -> Result<ProjectLock, LockError> {
        ProjectLock::acquire(project, program, Duration::ZERO, |_| {})
    }

    /// Who holds it: this process.
    pub fn holder(&self) -> &Holder {
        &self.held.holder
    }

    /// The lock file (`.NAME.lock`).
    pub fn lock_file(&self) -> &Path {
        &self.held.path
    }
}

/// The presence of an app that has a project open: while one is held, a second
/// [`OpenLock::try_acquire`] on the same project fails with the first's [`Holder`]. It
/// does not keep anyone from writing the project; released when dropped.
#[derive(Debug)]
pub struct OpenLock {
    held: HeldFile,
}

impl OpenLock {
    /// Marks `project` as open in `program` (say `claimmark`), or says who has it open
    /// ([`LockError::Held`] with [`LockKind::Open`]).
    pub fn try_acquire(project: &Path, program: &str) -> Result<OpenLock, LockError> {
        let lock_file = open_lock_path(project);
        match HeldFile::try_take(&lock_file, &Holder::current(program)) {
            Ok(Ok(held)) => Ok(OpenLock { held }),
            Ok(Err(holder)) => Err(LockError::Held {
                project: project.to_owned(),
                kind: LockKind::Open,
                holder: holder.map(Box::new),
                waited: Duration::ZERO,
            }),
            Err(source) => Err(LockError::Io { project: project.to_owned(), lock_file, source }),
        }
    }

    /// Who holds it: this process.
    pub fn holder(&self) -> &Holder {
        &self.held.holder
    }

    /// The lock file (`.NAME.open`).
    pub fn lock_file(&self) -> &Path {
        &self.held.path
    }
}

/// A lock file that this process has locked and written its holder into.
#[derive(Debug)]
struct HeldFile {
    file: File,
    path: PathBuf,
    holder: Holder,
}

impl HeldFile {
    /// One attempt: the held file, or (inner `Err`) whoever holds it now.
    fn try_take(path: &Path, holder: &Holder) -> io::Result<Result<HeldFile, Option<Holder>>> {
        loop {
            let mut file =
                OpenOptions::new().read(true).write(true).create(true).truncate(false).open(path)?;
            match file.try_lock() {
                Ok(()) => {}
                Err(TryLockError::WouldBlock) => {
                    let mut text = String::new();
                    // Best effort: the holder may be writing it this very moment.
                    let _ = file.read_to_string(&mut text);
                    return Ok(Err(Holder::parse(&text)));
                }
                Err(TryLockError::Error(error)) => return Err(error),
            }
            // The previous holder may have removed this file (and someone else made a new
            // one) between our open and our lock: then we hold a lock nobody else sees.
            if !names_same_file(path, &file)? {
                continue;
            }
            let text = ron::to_string(holder).map_err(io::Error::other)?;
            file.set_len(0)?;
            file.rewind()?;
            file.write_all(text.as_bytes())?;
            file.write_all(b"\n")?;
            return Ok(Ok(HeldFile { file, path: path.to_owned(), holder: holder.clone() }));
        }
    }
}

impl Drop for HeldFile {
    fn drop(&mut self) {
        // Remove the file while still holding the lock: a waiter that opened it before
        // notices (see `names_same_file`) and tries again on a fresh one.
        let _ = fs::remove_file(&self.path);
        let _ = self.file.unlock();
    }
}

/// Whether `path` still names the open `file`.
#[cfg(unix)]
fn names_same_file(path: &Path, file: &File) -> io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let open = file.metadata()?;
    match fs::metadata(path) {
        Ok(on_disk) => Ok(on_disk.dev() == open.dev() && on_disk.ino() == open.ino()),
        Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(error) => Err(error),
    }
}

/// Elsewhere an open file cannot be removed, so the path always names it.
#[cfg(not(unix))]
fn names_same_file(_path: &Path, _file: &File) -> io::Result<bool> {
    Ok(true)
}

/// The user this process runs as: `$USER` (or `$LOGNAME`, `$USERNAME`), else its uid.
fn user_name() -> String {
    for variable in ["USER", "LOGNAME", "USERNAME"] {
        if let Ok(name) = std::env::var(variable)
            && !name.is_empty()
        {
            return name;
        }
    }
    #[cfg(unix)]
    {
        let uid = rustix::process::geteuid().as_raw();
        let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
        passwd_name(&passwd, uid).unwrap_or_else(|| format!("uid {uid}"))
    }
    #[cfg(not(unix))]
    return "unknown".to_owned();
}

/// The name of user `uid` in the text of `/etc/passwd` (`name:x:uid:...` lines).
#[cfg(unix)]
fn passwd_name(passwd: &str, uid: u32) -> Option<String> {
    passwd.lines().find_map(|line| {
        let mut fields = line.split(':');
        let name = fields.next()?;
        let uid_field = fields.nth(1)?;
        (uid_field.parse::<u32>().ok()? == uid && !name.is_empty()).then(|| name.to_owned())
    })
}

/// This machine's name.
fn host_name() -> String {
    #[cfg(unix)]
    return rustix::system::uname().nodename().to_string_lossy().into_owned();
    #[cfg(not(unix))]
    return std::env::var("COMPUTERNAME").unwrap_or_else(|_| "this computer".to_owned());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_is_refused_and_named_until_the_first_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        let first = ProjectLock::try_acquire(&project, "claimmark mark").unwrap();
        assert_eq!(first.lock_file(), dir.path().canonicalize().unwrap().join(".p.ron.lock"));
        let mut seen = Vec::new();
        let error = ProjectLock::acquire(&project, "claimmark fmt", Duration::from_millis(100), |holder| {
            seen.push(holder.cloned());
        })
        .unwrap_err();
        let LockError::Held { holder: Some(holder), waited, kind: LockKind::Write, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(holder.program, "claimmark mark");
        assert_eq!(holder.pid, std::process::id());
        assert!(*waited >= Duration::from_millis(100));
        assert_eq!(seen, vec![Some(Holder::clone(holder))], "told once who holds it");
        let message = error.to_string();
        assert!(message.contains("claimmark mark (pid ") && message.contains("gave up after"), "{message}");
        drop(first);
        assert!(!dir.path().join(".p.ron.lock").exists(), "the lock file goes with its holder");
        let second = ProjectLock::try_acquire(&project, "claimmark fmt").unwrap();
        assert_eq!(second.holder().program, "claimmark fmt");
    }

    #[test]
    fn a_waiter_gets_the_lock_when_the_holder_lets_go() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        let first = ProjectLock::try_acquire(&project, "first").unwrap();
        let releaser = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(150));
            drop(first);
        });
        let second = ProjectLock::acquire(&project, "second", Duration::from_secs(10), |_| {}).unwrap();
        releaser.join().unwrap();
        let text = fs::read_to_string(second.lock_file()).unwrap();
        assert_eq!(Holder::parse(&text).unwrap().program, "second", "{text}");
    }

    #[test]
    fn the_open_lock_names_the_app_and_does_not_block_writers() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        let open = OpenLock::try_acquire(&project, "claimmark").unwrap();
        let error = OpenLock::try_acquire(&project, "claimmark").unwrap_err();
        let message = error.to_string();
        assert!(message.contains("p.ron is open in claimmark (pid "), "{message}");
        let _write = ProjectLock::try_acquire(&project, "claimmark mark").unwrap();
        drop(open);
        let _again = OpenLock::try_acquire(&project, "claimmark").unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn two_paths_to_one_file_share_its_lock() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        fs::write(&project, "x").unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink(&project, &link).unwrap();
        let _held = ProjectLock::try_acquire(&project, "one").unwrap();
        assert!(matches!(ProjectLock::try_acquire(&link, "two"), Err(LockError::Held { .. })));
    }

    #[test]
    fn a_lock_in_a_missing_folder_is_an_io_error() {
        let dir = tempfile::tempdir().unwrap();
        let error = ProjectLock::try_acquire(&dir.path().join("none/p.ron"), "x").unwrap_err();
        assert!(matches!(error, LockError::Io { .. }), "{error:?}");
    }

    #[cfg(unix)]
    #[test]
    fn a_user_without_user_in_the_environment_is_named_from_the_password_file() {
        let passwd = "# comment\nroot:x:0:0:root:/root:/bin/bash\nana:x:1000:1000::/home/ana:/bin/sh\n";
        assert_eq!(passwd_name(passwd, 1000).as_deref(), Some("ana"));
        assert_eq!(passwd_name(passwd, 0).as_deref(), Some("root"));
        assert_eq!(passwd_name(passwd, 4242), None);
    }
}
