//! What the app has open and what views may read of it: the open project with its history
//! ([`OpenProject`]), what is selected ([`Selection`]), the settings kept between runs
//! ([`Settings`]), and the read-only [`ViewContext`] every view draws from.
//!
//! Views only read these: they send commands (`command::AppCommand`) that `app.rs`
//! applies. The one thing of the session they use up is fresh record ids, which the
//! command sink hands out.

use super::detector::SuggestedClaims;
use crate::edit::History;
use crate::model::{Claim, ClaimId, Document, DocumentId, IdAllocator, LabelId, Project, ReviewerId};
use crate::store::disk::DiskVersion;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// Settings kept between runs (in eframe's storage).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Recently opened projects, newest first.
    pub recent_files: Vec<PathBuf>,
    /// Name recorded as the reviewer of new claims.
    pub reviewer: String,
    /// Font size of the text in the reader.
    pub font_size: f32,
    /// Use the built-in file dialog even where a native one exists.
    pub builtin_file_dialog: bool,
    /// Whether the claims table is open.
    pub claims_table_open: bool,
    /// The width the documents panel was given (by dragging its edge); a narrower window
    /// squeezes it for a while, never for good.
    pub documents_panel_width: Option<f32>,
    /// The width the inspector panel was given, kept in the same way.
    pub inspector_panel_width: Option<f32>,
    /// Dark, light, or as the system says.
    pub theme: egui::ThemePreference,
    /// Show each claim's kind as a small label above it in the text.
    pub kind_labels: bool,
    /// View → Suggested claims shows suggestions scored at least this (0 to 1).
    pub suggestion_threshold: f32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            recent_files: Vec::new(),
            reviewer: String::new(),
            font_size: 16.0,
            builtin_file_dialog: false,
            claims_table_open: false,
            documents_panel_width: None,
            inspector_panel_width: None,
            theme: egui::ThemePreference::System,
            kind_labels: false,
            suggestion_threshold: 0.3,
        }
    }
}

/// Most recent files remembered.
pub const MAX_RECENT_FILES: usize = 10;

impl Settings {
    /// Puts `path` first in the recent files.
    pub fn remember_recent(&mut self, path: &std::path::Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent_files.retain(|p| p != &path);
        self.recent_files.insert(0, path);
        self.recent_files.truncate(MAX_RECENT_FILES);
    }
}

/// The open project with its history and where it lives.
pub struct OpenProject {
    /// The project.
    pub project: Project,
    /// The file it was loaded from or saved to; `None` for a new or sample project.
    pub path: Option<PathBuf>,
    /// Undo and redo.
    pub history: History,
    /// The history state at the last save (or load).
    pub saved_state: u64,
    /// Whether this is the bundled sample (saved only with Save As).
    pub is_sample: bool,
    /// Hands out ids for new records.
    pub ids: IdAllocator,
    /// The version of `path` last loaded or saved, to notice changes made behind the
    /// app's back; `None` without a file.
    pub disk: Option<DiskVersion>,
    /// Another claimmark has the file open: saving asks for another name.
    pub read_only: bool,
}

impl OpenProject {
    /// A freshly loaded project.
    pub fn new(project: Project, path: Option<PathBuf>, is_sample: bool) -> OpenProject {
        let ids = IdAllocator::for_project(&project);
        let history = History::new();
        let saved_state = history.state();
        OpenProject { project, path, history, saved_state, is_sample, ids, disk: None, read_only: false }
    }

    /// A project loaded from `path` at `version`.
    pub fn loaded(project: Project, path: PathBuf, version: DiskVersion) -> OpenProject {
        OpenProject { disk: Some(version), ..OpenProject::new(project, Some(path), false) }
    }

    /// Whether there are changes since the last save.
    pub fn is_dirty(&self) -> bool {
        self.history.state() != self.saved_state
    }

    /// The file name for the title bar.
    pub fn display_name(&self) -> String {
        match &self.path {
            Some(path) => {
                path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into())
            }
            None if self.is_sample => crate::sample::SAMPLE_FILE_NAME.to_owned(),
            None => "untitled".to_owned(),
        }
    }
}

/// The open project and the settings: what file operations (open, save, recovery) work on.
pub struct Session {
    /// The open project.
    pub open: OpenProject,
    /// Settings kept between runs.
    pub settings: Settings,
}

/// What is selected: the document shown, the claim selected, and the kind Enter marks with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Selection {
    /// The document shown in the reader.
    pub document: Option<DocumentId>,
    /// The selected claim (it may be in another document than the one shown, so that the
    /// members of its group stay marked there).
    pub claim: Option<ClaimId>,
    /// The kind Enter marks with (the one used last).
    pub last_kind: Option<LabelId>,
    /// The two reviewers the Reviewers view compares, while it is shown.
    pub lanes: Option<ReviewLanes>,
}

/// The two reviewers compared in the Reviewers view: whose claims the reader shows above
/// and below the lines of text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewLanes {
    /// Shown above the lines (U accepts theirs).
    pub upper: ReviewerId,
    /// Shown below the lines (D accepts theirs).
    pub lower: ReviewerId,
}

/// What a view may read this frame. Built by the app from the session; nothing here can
/// change the project.
#[derive(Clone, Copy)]
pub struct ViewContext<'a> {
    /// The project.
    pub project: &'a Project,
    /// Undo and redo (for menu labels).
    pub history: &'a History,
    /// What is selected.
    pub selection: &'a Selection,
    /// The settings.
    pub settings: &'a Settings,
    /// The claim detector's suggestions for the document shown, while View → Suggested
    /// claims is on.
    pub suggested: Option<&'a SuggestedClaims>,
}

impl<'a> ViewContext<'a> {
    /// Changes whenever the project changes (the history's state): views key caches on it.
    pub fn version(&self) -> u64 {
        self.history.state()
    }

    /// The document shown.
    pub fn document(&self) -> Option<&'a Document> {
        self.selection.document.as_ref().and_then(|id| self.project.document(id))
    }

    /// The selected claim.
    pub fn claim(&self) -> Option<&'a Claim> {
        self.selection.claim.as_ref().and_then(|id| self.project.claim(id))
    }

    /// The id of the selected claim.
    pub fn claim_id(&self) -> Option<&'a ClaimId> {
        self.selection.claim.as_ref()
    }

    /// The kind Enter marks with: the one used last, or the taxonomy's first.
    pub fn default_kind(&self) -> LabelId {
        self.selection
            .last_kind
            .clone()
            .or_else(|| self.project.taxonomy.claim_kinds.first().map(|k| k.id.clone()))
            .unwrap_or_else(|| LabelId::new("claim"))
    }
}

/// Which windows are open: the one place their toggles live.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Windows {
    /// The claims table.
    pub claims_table: bool,
    /// The outlets manager.
    pub outlets: bool,
    /// The sources manager.
    pub sources: bool,
    /// The claim groups view.
    pub groups: bool,
    /// The comparison view.
    pub compare: bool,
    /// The export window.
    pub export: bool,
    /// The import window.
    pub import: bool,
    /// The list of keys.
    pub shortcuts: bool,
    /// Search across all documents.
    pub find_all: bool,
    /// The conflicts a merge recorded.
    pub conflicts: bool,
    /// The agreement between reviewers.
    pub reviewers: bool,
    /// The marking guideline.
    pub guideline: bool,
    /// The claim detector's suggestions in the text (a bar over it, not a window).
    pub suggested_claims: bool,
    /// Correcting the current document's text.
    pub correction: bool,
    /// The claims a text correction could not carry over.
    pub reanchor: bool,
}
