//! What a format's reader hands on: the documents and spans it found, already in chars
//! ([`ParsedImport`], [`ImportedDocument`], [`ImportedSpan`]), and the records it could
//! not read ([`ImportProblem`], reported as `file:line: message`).
//!
//! These are plain records: reading them into a project is [`super::merge_import`]'s
//! job, and which reader runs is [`super::format`]'s.

use std::path::PathBuf;

/// A span found in a foreign file, already converted to chars.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportedSpan {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The label as the file has it (mapped to a claim kind on merge).
    pub label: String,
    /// Claim fields the file carries (claimmark's own exports carry them all).
    pub claimant: Option<String>,
    /// `asserted` / `attributed`.
    pub attribution: Option<String>,
    /// Verdict id.
    pub verdict: Option<String>,
    /// Frame ids.
    pub frames: Vec<String>,
    /// Group name.
    pub group: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Reviewer name.
    pub reviewer: Option<String>,
    /// Linked sources.
    pub sources: Vec<ImportedSource>,
    /// The id of the claim the span was exported from (claimmark's own exports carry
    /// it): a claim of the project with this id on the same span of the same document is
    /// updated rather than marked again.
    pub claim_id: Option<String>,
}

/// A source link found in a foreign file.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub struct ImportedSource {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Relation id (`cited` when missing or unknown).
    #[serde(default)]
    pub relation: Option<String>,
}

/// A document found in a foreign file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportedDocument {
    /// The document's id in the file (claimmark's own exports carry it); kept when free.
    pub id: Option<String>,
    /// Title, if the file gives one.
    pub title: Option<String>,
    /// The text.
    pub text: String,
    /// URL.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Outlet name.
    pub outlet: Option<String>,
    /// Affiliation id of the outlet.
    pub affiliation: Option<String>,
    /// Genre id.
    pub genre: Option<String>,
    /// Spans, in chars.
    pub spans: Vec<ImportedSpan>,
    /// Where it came from: file and line (1-based), for messages.
    pub origin: (PathBuf, usize),
}

/// A record that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    /// The file.
    pub file: PathBuf,
    /// 1-based line (0 when the problem is with the whole file).
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        }
    }
}

/// What a format's reader found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedImport {
    /// The documents read.
    pub documents: Vec<ImportedDocument>,
    /// The records that could not be read.
    pub problems: Vec<ImportProblem>,
}
