//! An in-app file dialog (open one file, open several, save as), shown as an [`egui::Modal`]
//! when no native dialog (rfd's desktop portal or zenity) is available.
//!
//! It only picks paths. It must not read or write the files it lists, and it knows nothing of
//! projects: the one change it makes to the disk is a folder the user creates with "New folder"
//! in save mode. The caller keeps a [`FileDialog`] while it is open and calls
//! [`FileDialog::show`] every frame until that returns [`FileDialogResult::Cancelled`] or
//! [`FileDialogResult::Picked`].
//!
//! Keys: Enter confirms (opens the selected folder or picks the selection; in the folder field
//! it goes to the path typed), Escape cancels from anywhere (or backs out of the "Replace?"
//! question), Up/Down/Home/End/Page Up/Page Down move the selection (with Shift they extend it
//! in [`FileDialogMode::OpenMany`]), Ctrl+A selects every file shown, Alt+Up or Backspace goes
//! to the parent folder. The list keys work while no text field has the keyboard focus: a
//! click on a row, or anywhere outside the fields, hands them to the list.
//!
//! The files: this one holds the public types and the dialog's state; `view` draws it and
//! returns what the user asked for, `actions` applies that, and `listing` reads folders and
//! resolves typed paths (plain Rust, no egui). No file of the dialog imports another claimmark
//! module (egui, std and jiff only), so it could move to a crate of its own unchanged.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use egui::{Context, Id, Key, Modal, Modifiers};

use action::Action;
use listing::{Entry, FileFilter, start_folder};

mod action;
mod actions;
mod listing;
mod view;

/// What the dialog picks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileDialogMode {
    /// One existing file.
    Open,
    /// One or more existing files of one folder (Ctrl-click and Shift-click select several).
    OpenMany,
    /// A file to save to, new or existing; replacing an existing file asks first.
    Save,
}

/// What [`FileDialog::show`] returns each frame.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileDialogResult {
    /// Still open: call [`FileDialog::show`] again next frame.
    Pending,
    /// Closed without a pick (Cancel or Escape).
    Cancelled,
    /// The absolute paths picked: exactly one, except in [`FileDialogMode::OpenMany`].
    Picked(Vec<PathBuf>),
}

/// The in-app file dialog; see the module documentation.
#[derive(Debug)]
pub struct FileDialog {
    id: Id,
    mode: FileDialogMode,
    title: String,
    /// The caller's filters, then "All files" (an empty extension list) last.
    filters: Vec<FileFilter>,
    filter_index: usize,
    /// The folder shown, absolute.
    dir: PathBuf,
    /// The text of the folder field; the folder itself until the user edits it.
    path_text: String,
    /// Whether the folder field had the keyboard focus last frame.
    path_field_focused: bool,
    /// Everything in `dir`, sorted: folders first, then files, in natural order.
    entries: Vec<Entry>,
    /// Indices into `entries` of the rows shown (filter and hidden files applied).
    visible: Vec<usize>,
    /// Why `dir` could not be listed, shown instead of the list.
    listing_error: Option<String>,
    /// A note on the last thing that went wrong (nothing at a typed path, no name, …).
    message: Option<String>,
    /// Indices into `entries`.
    selected: BTreeSet<usize>,
    /// The fixed end of a Shift-click or Shift-arrow range; index into `entries`.
    anchor: Option<usize>,
    /// Where the arrow keys move from; index into `entries`.
    cursor: Option<usize>,
    /// Save mode: the name typed or picked.
    file_name: String,
    show_hidden: bool,
    /// Save mode: the existing file the user is asked about replacing.
    replace_target: Option<PathBuf>,
    /// Save mode: the name of the folder being created, while its field is open.
    new_folder_name: Option<String>,
    /// A field or button to give the keyboard focus to next frame.
    focus_request: Option<FocusTarget>,
    scroll: ListScroll,
    /// Set once the dialog has closed; `show` keeps returning it.
    outcome: Option<FileDialogResult>,
}

impl FileDialog {
    /// A dialog showing `start_dir`: a folder, or a file whose folder is shown. When there is
    /// nothing at `start_dir`, the home folder is shown, or else the root folder.
    ///
    /// `filters`: (name, extensions without dot), e.g. `("claimmark project", ["ron"])`; the
    /// first one is chosen at the start, and an "All files" choice is always added.
    pub fn new(
        mode: FileDialogMode,
        title: impl Into<String>,
        start_dir: PathBuf,
        filters: Vec<(String, Vec<String>)>,
    ) -> Self {
        let title = title.into();
        let mut filters: Vec<FileFilter> = filters
            .into_iter()
            .map(|(name, extensions)| FileFilter {
                name,
                extensions: extensions
                    .iter()
                    .map(|ext| ext.trim().trim_start_matches('.').to_lowercase())
                    .filter(|ext| !ext.is_empty())
                    .collect(),
            })
            // A filter without extensions would be a second "All files".
            .filter(|filter| !filter.extensions.is_empty())
            .collect();
        filters.push(FileFilter { name: "All files".to_owned(), extensions: Vec::new() });
        let mut dialog = Self {
            id: Id::unique(("claimmark_file_dialog", title.as_str())),
            mode,
            title,
            filters,
            filter_index: 0,
            dir: PathBuf::new(),
            path_text: String::new(),
            path_field_focused: false,
            entries: Vec::new(),
            visible: Vec::new(),
            listing_error: None,
            message: None,
            selected: BTreeSet::new(),
            anchor: None,
            cursor: None,
            file_name: String::new(),
            show_hidden: false,
            replace_target: None,
            new_folder_name: None,
            focus_request: (mode == FileDialogMode::Save).then_some(FocusTarget::FileName),
            scroll: ListScroll::default(),
            outcome: None,
        };
        dialog.navigate(start_folder(&start_dir));
        dialog
    }

    /// The proposed file name. In save mode it fills the name field (the part before the
    /// extension is selected, ready to be typed over); in the open modes the file of that name,
    /// if listed, is selected.
    #[must_use]
    pub fn with_file_name(mut self, name: impl Into<String>) -> Self {
        let name = name.into();
        if self.mode == FileDialogMode::Save {
            self.file_name = name;
        } else if let Some(entry_index) = self.entries.iter().position(|entry| entry.name == name)
            && self.visible.contains(&entry_index)
        {
            self.select_only(entry_index);
            self.scroll_to_entry(entry_index);
        }
        self
    }

    /// The folder shown now (absolute). Callers may keep it to start the next dialog there.
    pub fn current_dir(&self) -> &Path {
        &self.dir
    }

    /// What this dialog picks.
    pub fn mode(&self) -> FileDialogMode {
        self.mode
    }

    /// Shows the dialog as an [`egui::Modal`]; call every frame until it returns
    /// [`FileDialogResult::Cancelled`] or [`FileDialogResult::Picked`] (after that it keeps
    /// returning the same result and shows nothing).
    pub fn show(&mut self, ctx: &Context) -> FileDialogResult {
        if let Some(outcome) = &self.outcome {
            return outcome.clone();
        }
        // Escape closes an open popup (the file type list) first; egui's own modals check the
        // same thing before the contents can open or close one.
        let popup_was_open = egui::Popup::is_any_open(ctx);
        let modal = Modal::new(self.id).show(ctx, |ui| self.contents_ui(ui, popup_was_open));
        let mut action = modal.inner;
        // Not `ModalResponse::should_close`: a click beside the dialog must not throw away the
        // folder the user went looking for, so only Escape (and Cancel) close it.
        if action.is_none()
            && modal.is_top_modal
            && !popup_was_open
            && ctx.input_mut(|input| input.consume_key(Modifiers::NONE, Key::Escape))
        {
            action = Some(Action::Escape);
        }
        if let Some(action) = action {
            self.apply(action);
            // The frame just drawn shows the state before the action.
            ctx.request_repaint();
        }
        self.outcome.clone().unwrap_or(FileDialogResult::Pending)
    }

    fn primary_label(&self) -> &'static str {
        match self.mode {
            FileDialogMode::Open | FileDialogMode::OpenMany => "Open",
            FileDialogMode::Save => "Save",
        }
    }

    fn filter(&self) -> &FileFilter {
        // `filters` always holds "All files"; the index is only set from its positions.
        &self.filters[self.filter_index.min(self.filters.len() - 1)]
    }
}

/// A field or button that is to get the keyboard focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum FocusTarget {
    FileName,
    NewFolder,
    Replace,
}

/// The list's scroll position, kept to scroll a row into view from the keyboard.
#[derive(Clone, Copy, Debug, Default)]
struct ListScroll {
    offset: f32,
    viewport_height: f32,
    row_height: f32,
    /// An offset to scroll to next frame.
    target: Option<f32>,
}
