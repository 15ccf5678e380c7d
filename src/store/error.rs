//! Errors of loading and saving project files. Every message names the file and, where
//! there is one, the line and column, and says what was expected.

use super::integrity::Problem;
use std::fmt;
use std::io;
use std::path::PathBuf;
use thiserror::Error;

/// Why a project file could not be loaded. The file on disk is never changed by a load.
#[derive(Debug, Error)]
pub enum LoadError {
    /// The file does not exist.
    #[error("{path}: no such file; check the path or create a project with `claimmark new`")]
    NotFound {
        /// The file asked for.
        path: PathBuf,
    },
    /// The file could not be read.
    #[error("{path}: could not read the file: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: io::Error,
    },
    /// The file is larger than the size limit; it was not read.
    #[error(
        "{path}: the file is {size} bytes, over the limit of {limit} bytes for a project; it was not read"
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file holds nothing (or only white space).
    #[error("{path}: the file is empty; expected a claimmark project `(format: ..., ...)`")]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is not UTF-8 text.
    #[error(
        "{path}:{line}:{column}: invalid UTF-8 (byte {byte_offset}); project files are UTF-8 text, is this the right file?"
    )]
    NotUtf8 {
        /// The file.
        path: PathBuf,
        /// Line of the first bad byte (1-based).
        line: usize,
        /// Column of the first bad byte (1-based, in chars).
        column: usize,
        /// Offset of the first bad byte.
        byte_offset: usize,
    },
    /// The text is not valid RON, or not a project of the expected shape.
    #[error("{path}:{line}:{column}: {message}")]
    Syntax {
        /// The file.
        path: PathBuf,
        /// Line of the error (1-based).
        line: usize,
        /// Column of the error (1-based).
        column: usize,
        /// What was wrong and what was expected.
        message: String,
    },
    /// The file was written by a newer claimmark.
    #[error(
        "{path}: this project is format version {found}, but this claimmark reads versions up to {supported}; update claimmark to open it"
    )]
    NewerVersion {
        /// The file.
        path: PathBuf,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The file names a format version that never existed.
    #[error(
        "{path}:{line}:{column}: format version {found} is not a claimmark format; expected 1 to {supported}"
    )]
    UnknownVersion {
        /// The file.
        path: PathBuf,
        /// Line of the version field.
        line: usize,
        /// Column of the version field.
        column: usize,
        /// The version in the file.
        found: u32,
        /// The newest version this build reads.
        supported: u32,
    },
    /// The file parsed, but records refer to things that are not there, or spans no
    /// longer match their text.
    #[error("{}", IntegrityDisplay { path, problems })]
    Integrity {
        /// The file.
        path: PathBuf,
        /// Every problem found, in file order.
        problems: Vec<Problem>,
    },
}

impl LoadError {
    /// The file the error is about.
    pub fn path(&self) -> &PathBuf {
        match self {
            LoadError::NotFound { path }
            | LoadError::Io { path, .. }
            | LoadError::TooLarge { path, .. }
            | LoadError::Empty { path }
            | LoadError::NotUtf8 { path, .. }
            | LoadError::Syntax { path, .. }
            | LoadError::NewerVersion { path, .. }
            | LoadError::UnknownVersion { path, .. }
            | LoadError::Integrity { path, .. } => path,
        }
    }

    /// One line per problem, each starting with `file:line:col:` where known.
    pub fn lines(&self) -> Vec<String> {
        match self {
            LoadError::Integrity { path, problems } => {
                problems.iter().map(|p| p.display_with_path(path)).collect()
            }
            other => vec![other.to_string()],
        }
    }
}

struct IntegrityDisplay<'a> {
    path: &'a PathBuf,
    problems: &'a [Problem],
}

impl fmt::Display for IntegrityDisplay<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        let noun = if count == 1 { "problem" } else { "problems" };
        write!(
            f,
            "{}: the project has {count} integrity {noun}; fix the file or run `claimmark validate` for the list",
            self.path.display()
        )?;
        for problem in self.problems {
            write!(f, "\n  {}", problem.display_with_path(self.path))?;
        }
        Ok(())
    }
}

/// Why a project could not be saved. The previous file, if any, is left as it was.
#[derive(Debug, Error)]
#[error("{path}: could not save: {step} failed: {source}; the previous version on disk is untouched")]
pub struct SaveError {
    /// The file being saved.
    pub path: PathBuf,
    /// Which step failed ("writing the temporary file", "replacing the file" ...).
    pub step: &'static str,
    /// What the system said.
    pub source: io::Error,
}
