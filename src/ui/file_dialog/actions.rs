//! How what the user asks for in the file dialog ([`Action`]) changes the dialog's
//! state: navigation, selection, the keyboard cursor, confirming, saving over a file, new
//! folders. Every change of state after the view is drawn happens here; nothing here draws.

use std::path::{Path, PathBuf};

use egui::Modifiers;

use super::action::{Action, CursorMove};
use super::listing::{describe_io_error, home_dir, read_folder, resolve_typed_path, with_default_extension};
use super::{FileDialog, FileDialogMode, FileDialogResult, FocusTarget};

impl FileDialog {
    pub(super) fn apply(&mut self, action: Action) {
        match action {
            Action::Up => self.go_up(),
            Action::Reload => self.reload(),
            Action::PathEntered => self.path_entered(),
            Action::HiddenToggled => self.refresh_visible(),
            Action::FilterChanged { previous } => {
                self.adapt_file_name_extension(previous);
                self.refresh_visible();
            }
            Action::Click { entry_index, modifiers } => self.click(entry_index, modifiers),
            Action::Activate(entry_index) => self.activate(entry_index),
            Action::MoveCursor { step, extend } => self.move_cursor(step, extend),
            Action::SelectAll => self.select_all(),
            Action::Confirm => self.confirm(),
            Action::EnterInList => match self.only_selected_folder() {
                Some(entry_index) => self.activate(entry_index),
                None => self.confirm(),
            },
            Action::Cancel => self.finish(FileDialogResult::Cancelled),
            Action::Escape => {
                if self.replace_target.is_some() {
                    self.keep_existing();
                } else if self.new_folder_name.is_some() {
                    self.new_folder_name = None;
                } else {
                    self.finish(FileDialogResult::Cancelled);
                }
            }
            Action::Replace => {
                if let Some(target) = self.replace_target.take() {
                    self.finish(FileDialogResult::Picked(vec![target]));
                }
            }
            Action::KeepExisting => self.keep_existing(),
            Action::StartNewFolder => {
                self.new_folder_name = Some(String::new());
                self.focus_request = Some(FocusTarget::NewFolder);
            }
            Action::CreateFolder => self.create_folder(),
            Action::CancelNewFolder => self.new_folder_name = None,
        }
    }

    fn finish(&mut self, outcome: FileDialogResult) {
        self.outcome = Some(outcome);
    }

    /// Shows `dir` (absolute), or the reason it cannot be listed.
    pub(super) fn navigate(&mut self, dir: PathBuf) {
        self.dir = dir;
        self.path_text = self.dir.display().to_string();
        self.message = None;
        self.new_folder_name = None;
        self.selected.clear();
        self.anchor = None;
        self.cursor = None;
        self.scroll.target = Some(0.0);
        self.load_entries();
    }

    fn load_entries(&mut self) {
        match read_folder(&self.dir) {
            Ok(entries) => {
                self.entries = entries;
                self.listing_error = None;
            }
            Err(error) => {
                self.entries.clear();
                self.listing_error = Some(format!(
                    "Cannot list the folder {}: {}. Go up or type another folder.",
                    self.dir.display(),
                    describe_io_error(&error)
                ));
            }
        }
        self.refresh_visible();
    }

    /// Lists the folder again, keeping the selection of what is still there.
    fn reload(&mut self) {
        let selected_names: Vec<String> = self
            .selected
            .iter()
            .filter_map(|&i| self.entries.get(i))
            .map(|entry| entry.name.clone())
            .collect();
        let cursor_name = self.cursor.and_then(|i| self.entries.get(i)).map(|entry| entry.name.clone());
        self.message = None;
        self.load_entries();
        let position_of = |name: &str| self.entries.iter().position(|entry| entry.name == name);
        self.selected = selected_names.iter().filter_map(|name| position_of(name)).collect();
        self.cursor = cursor_name.as_deref().and_then(position_of);
        self.anchor = self.cursor;
        self.refresh_visible();
    }

    fn go_up(&mut self) {
        let Some(parent) = self.dir.parent().map(Path::to_path_buf) else {
            return;
        };
        let child = self.dir.file_name().map(|name| name.to_string_lossy().into_owned());
        self.navigate(parent);
        // Show where we came from, as file managers do.
        if let Some(child) = child
            && let Some(entry_index) =
                self.entries.iter().position(|entry| entry.is_dir && entry.name == child)
            && self.visible.contains(&entry_index)
        {
            self.select_only(entry_index);
            self.scroll_to_entry(entry_index);
        }
    }

    /// Recomputes the rows shown and drops from the selection what is no longer shown.
    fn refresh_visible(&mut self) {
        let filter = &self.filters[self.filter_index.min(self.filters.len() - 1)];
        let show_hidden = self.show_hidden;
        self.visible = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, entry)| {
                (show_hidden || !entry.hidden) && (entry.is_dir || filter.matches(&entry.name))
            })
            .map(|(index, _)| index)
            .collect();
        let visible = &self.visible;
        self.selected.retain(|index| visible.binary_search(index).is_ok());
        if self.cursor.is_some_and(|index| visible.binary_search(&index).is_err()) {
            self.cursor = None;
        }
        if self.anchor.is_some_and(|index| visible.binary_search(&index).is_err()) {
            self.anchor = None;
        }
    }

    pub(super) fn select_only(&mut self, entry_index: usize) {
        self.selected.clear();
        self.selected.insert(entry_index);
        self.anchor = Some(entry_index);
        self.cursor = Some(entry_index);
        if self.mode == FileDialogMode::Save
            && let Some(entry) = self.entries.get(entry_index)
            && !entry.is_dir
        {
            self.file_name = entry.name.clone();
        }
    }

    fn click(&mut self, entry_index: usize, modifiers: Modifiers) {
        self.message = None;
        if self.mode != FileDialogMode::OpenMany {
            self.select_only(entry_index);
            return;
        }
        if modifiers.command {
            if !self.selected.remove(&entry_index) {
                self.selected.insert(entry_index);
            }
            self.anchor = Some(entry_index);
            self.cursor = Some(entry_index);
        } else if modifiers.shift && self.anchor.is_some() {
            self.select_range_to(entry_index);
        } else {
            self.select_only(entry_index);
        }
    }

    /// Selects the visible rows from the anchor to `entry_index`, keeping the anchor.
    fn select_range_to(&mut self, entry_index: usize) {
        let position = |index: usize| self.visible.iter().position(|&i| i == index);
        let (Some(from), Some(to)) = (self.anchor.and_then(position), position(entry_index)) else {
            self.select_only(entry_index);
            return;
        };
        let (low, high) = if from <= to { (from, to) } else { (to, from) };
        self.selected = self.visible[low..=high].iter().copied().collect();
        self.cursor = Some(entry_index);
    }

    fn move_cursor(&mut self, step: CursorMove, extend: bool) {
        let Some(last) = self.visible.len().checked_sub(1) else {
            return;
        };
        let current = self.cursor.and_then(|index| self.visible.iter().position(|&i| i == index));
        let position = match (step, current) {
            (CursorMove::First, _) => 0,
            (CursorMove::Last, _) => last,
            (CursorMove::By(delta), None) => {
                if delta < 0 {
                    last
                } else {
                    0
                }
            }
            (CursorMove::By(delta), Some(current)) => current.saturating_add_signed(delta).min(last),
        };
        let Some(&entry_index) = self.visible.get(position) else {
            return;
        };
        if extend && self.mode == FileDialogMode::OpenMany && self.anchor.is_some() {
            self.select_range_to(entry_index);
        } else {
            self.select_only(entry_index);
        }
        self.scroll_to_entry(entry_index);
    }

    fn select_all(&mut self) {
        if self.mode != FileDialogMode::OpenMany {
            return;
        }
        let files =
            self.visible.iter().copied().filter(|&i| self.entries.get(i).is_some_and(|entry| !entry.is_dir));
        self.selected = files.collect();
    }

    /// Scrolls the list so that the row of `entry_index` shows.
    pub(super) fn scroll_to_entry(&mut self, entry_index: usize) {
        let Some(position) = self.visible.iter().position(|&i| i == entry_index) else {
            return;
        };
        let row = self.scroll.row_height.max(1.0);
        let top = position as f32 * row;
        let viewport = self.scroll.viewport_height;
        if top < self.scroll.offset {
            self.scroll.target = Some(top);
        } else if viewport > 0.0 && top + row > self.scroll.offset + viewport {
            self.scroll.target = Some(top + row - viewport);
        } else if viewport <= 0.0 {
            // Not drawn yet: put the row at the top.
            self.scroll.target = Some(top);
        }
    }

    /// Double click, or Enter on the only selected row.
    fn activate(&mut self, entry_index: usize) {
        let Some(entry) = self.entries.get(entry_index) else {
            return;
        };
        if entry.is_dir {
            let path = entry.path.clone();
            self.navigate(path);
            return;
        }
        match self.mode {
            FileDialogMode::Open => self.finish(FileDialogResult::Picked(vec![entry.path.clone()])),
            FileDialogMode::OpenMany => {
                let files = if self.selected.contains(&entry_index) {
                    self.selected_files()
                } else {
                    vec![entry.path.clone()]
                };
                self.finish(FileDialogResult::Picked(files));
            }
            FileDialogMode::Save => {
                let name = entry.name.clone();
                self.file_name.clone_from(&name);
                self.try_save(&name);
            }
        }
    }

    fn selected_files(&self) -> Vec<PathBuf> {
        self.visible
            .iter()
            .filter(|&index| self.selected.contains(index))
            .filter_map(|&index| self.entries.get(index))
            .filter(|entry| !entry.is_dir)
            .map(|entry| entry.path.clone())
            .collect()
    }

    /// The one row selected, when it is a folder.
    pub(super) fn only_selected_folder(&self) -> Option<usize> {
        let mut selected = self.selected.iter().copied();
        match (selected.next(), selected.next()) {
            (Some(only), None) if self.entries.get(only).is_some_and(|entry| entry.is_dir) => Some(only),
            _ => None,
        }
    }

    /// The Open/Save button, or Enter in the file name field.
    fn confirm(&mut self) {
        if self.mode == FileDialogMode::Save {
            let name = self.file_name.clone();
            match self.only_selected_folder() {
                // Nothing typed and a folder selected: the button opens the folder.
                Some(entry_index) if name.trim().is_empty() => self.activate(entry_index),
                _ => self.try_save(&name),
            }
            return;
        }
        if let Some(entry_index) = self.only_selected_folder() {
            self.activate(entry_index);
            return;
        }
        let files = self.selected_files();
        if files.is_empty() {
            self.message = Some(if self.mode == FileDialogMode::OpenMany {
                "Select one or more files (Ctrl-click or Shift-click adds to the selection).".to_owned()
            } else {
                "Select a file, or type its path in the folder field.".to_owned()
            });
        } else {
            self.finish(FileDialogResult::Picked(files));
        }
    }

    /// Save mode: `typed` is a name in the current folder, or a path (relative or absolute).
    fn try_save(&mut self, typed: &str) {
        let typed = typed.trim();
        if typed.is_empty() {
            self.message = Some("Type a name for the file.".to_owned());
            return;
        }
        let target = resolve_typed_path(&self.dir, typed, home_dir().as_deref());
        if target.is_dir() {
            // Typing a folder's name and Enter goes there, as in other file dialogs.
            self.navigate(target);
            self.file_name.clear();
            return;
        }
        let target = with_default_extension(target, self.filter());
        if target.is_dir() {
            self.message = Some(format!("{} is a folder; type another name.", target.display()));
            return;
        }
        let Some(parent) = target.parent().map(Path::to_path_buf) else {
            self.message = Some("Type a name for the file.".to_owned());
            return;
        };
        if !parent.is_dir() {
            self.message =
                Some(format!("The folder {} does not exist; create it or pick another.", parent.display()));
            return;
        }
        if parent != self.dir {
            self.navigate(parent);
        }
        if let Some(name) = target.file_name() {
            self.file_name = name.to_string_lossy().into_owned();
        }
        // `symlink_metadata`: a dangling link is still something the save would replace.
        if std::fs::symlink_metadata(&target).is_ok() {
            self.replace_target = Some(target);
            self.focus_request = Some(FocusTarget::Replace);
        } else {
            self.finish(FileDialogResult::Picked(vec![target]));
        }
    }

    fn keep_existing(&mut self) {
        self.replace_target = None;
        self.focus_request = Some(FocusTarget::FileName);
    }

    /// Enter in the folder field: go to a folder, pick a file, or (save) take a new path.
    fn path_entered(&mut self) {
        let typed = self.path_text.trim().to_owned();
        if typed.is_empty() {
            self.path_text = self.dir.display().to_string();
            return;
        }
        let target = resolve_typed_path(&self.dir, &typed, home_dir().as_deref());
        if target.is_dir() {
            self.navigate(target);
            return;
        }
        match self.mode {
            FileDialogMode::Open | FileDialogMode::OpenMany => {
                if target.is_file() {
                    self.finish(FileDialogResult::Picked(vec![target]));
                } else {
                    self.message =
                        Some(format!("There is no file or folder at {}; check the path.", target.display()));
                }
            }
            FileDialogMode::Save => {
                self.path_text = self.dir.display().to_string();
                self.try_save(&target.display().to_string());
            }
        }
    }

    /// Save mode: when the name carries the old filter's extension, give it the new one's.
    fn adapt_file_name_extension(&mut self, previous: usize) {
        if self.mode != FileDialogMode::Save {
            return;
        }
        let Some(old_filter) = self.filters.get(previous) else {
            return;
        };
        let Some(new_extension) = self.filter().extensions.first().cloned() else {
            return;
        };
        let name = Path::new(&self.file_name);
        if let Some(extension) = name.extension().map(|ext| ext.to_string_lossy().to_lowercase())
            && old_filter.extensions.contains(&extension)
        {
            self.file_name = name.with_extension(new_extension).to_string_lossy().into_owned();
        }
    }

    fn create_folder(&mut self) {
        let name = self.new_folder_name.as_deref().map(str::trim).unwrap_or_default().to_owned();
        if name.is_empty() {
            self.message = Some("Type a name for the new folder.".to_owned());
            return;
        }
        if name.contains(['/', '\\']) || name == "." || name == ".." {
            self.message =
                Some("A folder name cannot hold / or \\, nor be . or ..; type another.".to_owned());
            return;
        }
        let path = self.dir.join(&name);
        match std::fs::create_dir(&path) {
            Ok(()) => self.navigate(path),
            Err(error) => {
                self.message =
                    Some(format!("Cannot create the folder {name}: {}.", describe_io_error(&error)));
            }
        }
    }
}
