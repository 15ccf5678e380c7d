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

use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use egui::text::{CCursor, CCursorRange};
use egui::{
    Align, Align2, Button, ComboBox, Context, FontId, Id, Key, Layout, Modal, Modifiers, Painter, Rect, Role,
    ScrollArea, Sense, Stroke, TextEdit, TextStyle, TextWrapMode, Ui, UiBuilder, WidgetInfo, WidgetText,
    pos2, vec2,
};

use crate::model::Timestamp;

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

    // ---------------------------------------------------------------------------------------
    // The view: draws and returns what the user asked for, changing only view state.

    fn contents_ui(&mut self, ui: &mut Ui, popup_was_open: bool) -> Option<Action> {
        let focused_at_start = ui.memory(|memory| memory.focused());
        let keys_free = focused_at_start.is_none() && !popup_was_open;
        let mut action = None;
        let builder =
            UiBuilder::new().accessibility_role(Role::Dialog).accessibility_label(self.title.clone());
        ui.scope_builder(builder, |ui| {
            let content = ui.ctx().content_rect();
            let width = (content.width() - 64.0).clamp(280.0, 760.0);
            if let Some(target) = self.replace_target.clone() {
                ui.set_width(width.min(460.0));
                self.replace_ui(ui, &target, &mut action);
                return;
            }
            ui.set_width(width);
            ui.heading(&self.title);
            ui.add_space(4.0);
            self.location_ui(ui, &mut action);
            self.options_ui(ui, &mut action);
            if self.new_folder_name.is_some() {
                self.new_folder_ui(ui, &mut action);
            }
            if keys_free && action.is_none() {
                action = self.list_keys(ui);
            }
            let list_height = (content.height() - 280.0).clamp(96.0, 420.0);
            self.list_ui(ui, list_height, &mut action);
            if let Some(message) = &self.message {
                alert_ui(ui, message);
            }
            if self.mode == FileDialogMode::Save {
                self.file_name_ui(ui, &mut action);
            }
            ui.add_space(4.0);
            self.buttons_ui(ui, &mut action);
        });
        if action.is_none() && keys_free && ui.input(|input| input.key_pressed(Key::Enter)) {
            action = Some(Action::EnterInList);
        }
        action
    }

    fn location_ui(&mut self, ui: &mut Ui, action: &mut Option<Action>) {
        ui.horizontal(|ui| {
            let up = ui
                .add_enabled(self.dir.parent().is_some(), Button::new("Up"))
                .on_hover_text("Go to the folder that holds this one (Alt+Up)");
            if up.clicked() {
                *action = Some(Action::Up);
            }
            if ui.button("Reload").on_hover_text("List this folder again").clicked() {
                *action = Some(Action::Reload);
            }
            let label = ui.label("Folder");
            let path_id = self.id.with("path");
            let mut output =
                TextEdit::singleline(&mut self.path_text).id(path_id).desired_width(f32::INFINITY).show(ui);
            let response = output.response.response.labelled_by(label.id);
            let response =
                response.on_hover_text("Type a folder or file path and press Enter; ~ is your home folder");
            if response.has_focus() {
                if !self.path_field_focused {
                    // Like a browser's address bar: typing replaces the whole path.
                    let end = CCursor::new(self.path_text.chars().count());
                    output.state.cursor.set_char_range(Some(CCursorRange::two(CCursor::new(0), end)));
                    output.state.store(ui.ctx(), path_id);
                }
                self.path_field_focused = true;
            } else if self.path_field_focused {
                // `lost_focus` stays true for two frames; this runs once.
                self.path_field_focused = false;
                if ui.input(|input| input.key_pressed(Key::Enter)) {
                    *action = Some(Action::PathEntered);
                } else {
                    // Left without Enter: show where we are again.
                    self.path_text = self.dir.display().to_string();
                }
            }
        });
    }

    fn options_ui(&mut self, ui: &mut Ui, action: &mut Option<Action>) {
        ui.horizontal(|ui| {
            if ui.checkbox(&mut self.show_hidden, "Show hidden files").changed() {
                *action = Some(Action::HiddenToggled);
            }
            if self.mode == FileDialogMode::Save
                && self.new_folder_name.is_none()
                && self.listing_error.is_none()
                && ui.button("New folder").on_hover_text("Create a folder here").clicked()
            {
                *action = Some(Action::StartNewFolder);
            }
        });
    }

    fn new_folder_ui(&mut self, ui: &mut Ui, action: &mut Option<Action>) {
        let Some(name) = self.new_folder_name.as_mut() else {
            return;
        };
        ui.horizontal(|ui| {
            let label = ui.label("New folder name");
            let field_width = (ui.available_width() - 140.0).max(80.0);
            let response =
                ui.add(TextEdit::singleline(name).id(self.id.with("new_folder")).desired_width(field_width));
            let response = response.labelled_by(label.id);
            if self.focus_request == Some(FocusTarget::NewFolder) {
                // Asked again until it takes: a modal's first frame may not hand out focus.
                if response.has_focus() {
                    self.focus_request = None;
                } else {
                    response.request_focus();
                }
            }
            if response.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter)) {
                *action = Some(Action::CreateFolder);
            }
            if ui.button("Create").clicked() {
                *action = Some(Action::CreateFolder);
            }
            if ui.button("Cancel").on_hover_text("Do not create a folder").clicked() {
                *action = Some(Action::CancelNewFolder);
            }
        });
    }

    /// Keys for the list, read while no text field or button has the keyboard focus.
    fn list_keys(&self, ui: &Ui) -> Option<Action> {
        let page = ((self.scroll.viewport_height / row_height(ui)).floor() as isize).max(1);
        ui.input_mut(|input| {
            // The most specific shortcut first: `consume_key` ignores extra Shift and Alt.
            let moves = [
                (Key::ArrowDown, CursorMove::By(1)),
                (Key::ArrowUp, CursorMove::By(-1)),
                (Key::PageDown, CursorMove::By(page)),
                (Key::PageUp, CursorMove::By(-page)),
                (Key::Home, CursorMove::First),
                (Key::End, CursorMove::Last),
            ];
            if input.consume_key(Modifiers::ALT, Key::ArrowUp)
                || input.consume_key(Modifiers::NONE, Key::Backspace)
            {
                return Some(Action::Up);
            }
            if input.consume_key(Modifiers::COMMAND, Key::A) {
                return Some(Action::SelectAll);
            }
            for (key, step) in moves {
                if input.consume_key(Modifiers::SHIFT, key) {
                    return Some(Action::MoveCursor { step, extend: true });
                }
                if input.consume_key(Modifiers::NONE, key) {
                    return Some(Action::MoveCursor { step, extend: false });
                }
            }
            None
        })
    }

    fn list_ui(&mut self, ui: &mut Ui, list_height: f32, action: &mut Option<Action>) {
        let row_height = row_height(ui);
        self.scroll.row_height = row_height;
        let columns = Columns::new(ui, ui.available_width());
        let frame = egui::Frame::group(ui.style()).inner_margin(2.0);
        frame.show(ui, |ui| {
            ui.set_width(ui.available_width());
            columns.header_ui(ui, row_height);
            if let Some(error) = &self.listing_error {
                ui.allocate_ui(vec2(ui.available_width(), list_height), |ui| {
                    ui.set_min_size(vec2(ui.available_width(), list_height));
                    alert_ui(ui, error);
                });
                return;
            }
            let mut area = ScrollArea::vertical()
                .id_salt("file_dialog_list")
                .auto_shrink([false, false])
                .min_scrolled_height(list_height)
                .max_height(list_height);
            if let Some(offset) = self.scroll.target.take() {
                area = area.vertical_scroll_offset(offset);
            }
            let builder = UiBuilder::new()
                .accessibility_role(Role::ListBox)
                .accessibility_label(format!("Contents of {}", self.dir.display()));
            let output = ui
                .scope_builder(builder, |ui| {
                    if self.mode == FileDialogMode::OpenMany {
                        ui.ctx().accesskit_node_builder(ui.unique_id(), |node| node.set_multiselectable());
                    }
                    ui.spacing_mut().item_spacing.y = 0.0;
                    area.show_rows(ui, row_height, self.visible.len(), |ui, rows| {
                        let modifiers = ui.input(|input| input.modifiers);
                        for position in rows {
                            let Some(&entry_index) = self.visible.get(position) else {
                                continue;
                            };
                            let row = self.row_ui(ui, entry_index, &columns, row_height);
                            if row.double_clicked() {
                                *action = Some(Action::Activate(entry_index));
                            } else if row.clicked() {
                                *action = Some(Action::Click { entry_index, modifiers });
                            }
                        }
                    })
                })
                .inner;
            self.scroll.offset = output.state.clamped_offset().y;
            self.scroll.viewport_height = output.inner_rect.height();
            if self.visible.is_empty() {
                let empty = if self.entries.is_empty() {
                    "This folder is empty."
                } else {
                    "Nothing here matches the file type; choose another type or show hidden files."
                };
                ui.painter().text(
                    output.inner_rect.center(),
                    Align2::CENTER_CENTER,
                    empty,
                    TextStyle::Body.resolve(ui.style()),
                    ui.visuals().weak_text_color(),
                );
            }
        });
    }

    fn row_ui(&self, ui: &mut Ui, entry_index: usize, columns: &Columns, row_height: f32) -> egui::Response {
        let Some(entry) = self.entries.get(entry_index) else {
            return ui.allocate_response(vec2(0.0, row_height), Sense::hover());
        };
        let selected = self.selected.contains(&entry_index);
        let (_, rect) = ui.allocate_space(vec2(ui.available_width(), row_height));
        let response = ui.interact(rect, self.id.with(("entry", &entry.path)), Sense::CLICK);
        response.widget_info(|| WidgetInfo::selected(Role::ListBoxOption, true, selected, &entry.name));
        ui.ctx().accesskit_node_builder(response.id, |node| {
            node.set_selected(selected);
            node.set_description(entry.description());
        });
        if !ui.is_rect_visible(rect) {
            return response;
        }
        let visuals = ui.visuals();
        let painter = ui.painter();
        if selected {
            painter.rect_filled(rect, 2.0, visuals.selection.bg_fill);
        } else if response.hovered() {
            painter.rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
        }
        let text_color = if selected { visuals.selection.stroke.color } else { visuals.text_color() };
        let detail_color = if selected { text_color } else { visuals.weak_text_color() };
        let icon_side = (row_height - 8.0).max(6.0);
        let icon = Rect::from_min_size(
            pos2(rect.left() + 4.0, rect.center().y - icon_side / 2.0),
            vec2(icon_side, icon_side),
        );
        paint_icon(painter, icon, entry.is_dir, text_color);
        let name_left = icon.right() + 6.0;
        let name_width = (columns.name_right(rect) - name_left).max(8.0);
        let galley = WidgetText::from(entry.name.as_str()).into_galley(
            ui,
            Some(TextWrapMode::Truncate),
            name_width,
            TextStyle::Body,
        );
        painter.galley(pos2(name_left, rect.center().y - galley.size().y / 2.0), galley, text_color);
        let font = TextStyle::Body.resolve(ui.style());
        if let Some(size) = entry.size {
            painter.text(
                pos2(columns.size_right(rect), rect.center().y),
                Align2::RIGHT_CENTER,
                format_size(size),
                font.clone(),
                detail_color,
            );
        }
        // The header says the times are UTC.
        if columns.show_modified
            && let Some(modified) = entry.modified.and_then(format_modified)
            && let Some(modified) = modified.strip_suffix(" UTC")
        {
            painter.text(
                pos2(columns.modified_right(rect), rect.center().y),
                Align2::RIGHT_CENTER,
                modified,
                font,
                detail_color,
            );
        }
        response
    }

    fn file_name_ui(&mut self, ui: &mut Ui, action: &mut Option<Action>) {
        ui.horizontal(|ui| {
            let label = ui.label("File name");
            let name_id = self.id.with("file_name");
            let mut output =
                TextEdit::singleline(&mut self.file_name).id(name_id).desired_width(f32::INFINITY).show(ui);
            let response = output.response.response.labelled_by(label.id);
            if self.focus_request == Some(FocusTarget::FileName) {
                // Select the name without its extension, ready to be typed over.
                let stem = match self.file_name.rfind('.') {
                    Some(dot) if dot > 0 => self.file_name[..dot].chars().count(),
                    _ => self.file_name.chars().count(),
                };
                output
                    .state
                    .cursor
                    .set_char_range(Some(CCursorRange::two(CCursor::new(0), CCursor::new(stem))));
                output.state.store(ui.ctx(), name_id);
                // Asked again until it takes: a modal's first frame may not hand out focus.
                if response.has_focus() {
                    self.focus_request = None;
                } else {
                    response.request_focus();
                }
            }
            if response.lost_focus() && ui.input(|input| input.key_pressed(Key::Enter)) {
                *action = Some(Action::Confirm);
            }
        });
    }

    fn buttons_ui(&mut self, ui: &mut Ui, action: &mut Option<Action>) {
        ui.horizontal(|ui| {
            let label = ui.label("File type");
            let previous = self.filter_index;
            let combo = ComboBox::from_id_salt("file_dialog_filter")
                .selected_text(self.filter().label())
                .width(220.0)
                .show_ui(ui, |ui| {
                    for (index, filter) in self.filters.iter().enumerate() {
                        ui.selectable_value(&mut self.filter_index, index, filter.label());
                    }
                });
            combo.response.labelled_by(label.id);
            if self.filter_index != previous {
                *action = Some(Action::FilterChanged { previous });
            }
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
                let enabled = match self.mode {
                    FileDialogMode::Open | FileDialogMode::OpenMany => !self.selected.is_empty(),
                    FileDialogMode::Save => {
                        !self.file_name.trim().is_empty() || self.only_selected_folder().is_some()
                    }
                };
                let primary = ui.add_enabled(enabled, Button::new(self.primary_label()));
                if primary.clicked() {
                    *action = Some(Action::Confirm);
                }
                if ui.button("Cancel").on_hover_text("Close without choosing (Escape)").clicked() {
                    *action = Some(Action::Cancel);
                }
            });
        });
    }

    fn replace_ui(&mut self, ui: &mut Ui, target: &Path, action: &mut Option<Action>) {
        let name = target
            .file_name()
            .map_or_else(|| target.display().to_string(), |n| n.to_string_lossy().into_owned());
        let folder = target.parent().map_or_else(String::new, |p| p.display().to_string());
        ui.heading(format!("Replace {name}?"));
        ui.add_space(4.0);
        ui.label(format!(
            "A file named “{name}” already exists in {folder}. Replacing it overwrites what it holds."
        ));
        ui.add_space(8.0);
        // In a row: a right-to-left layout alone would take the dialog's whole height.
        ui.horizontal(|ui| {
            ui.with_layout(Layout::right_to_left(Align::Center), |ui| self.replace_buttons_ui(ui, action));
        });
    }

    fn replace_buttons_ui(&mut self, ui: &mut Ui, action: &mut Option<Action>) {
        let replace = ui.button("Replace");
        if self.focus_request == Some(FocusTarget::Replace) {
            if replace.has_focus() {
                self.focus_request = None;
            } else {
                replace.request_focus();
            }
        }
        if replace.clicked() {
            *action = Some(Action::Replace);
        }
        if ui.button("Cancel").on_hover_text("Keep the file and choose another name (Escape)").clicked() {
            *action = Some(Action::KeepExisting);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Actions: every change of state after the view was drawn happens here.

    fn apply(&mut self, action: Action) {
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
    fn navigate(&mut self, dir: PathBuf) {
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

    fn select_only(&mut self, entry_index: usize) {
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
    fn scroll_to_entry(&mut self, entry_index: usize) {
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
    fn only_selected_folder(&self) -> Option<usize> {
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

/// What the user asked for in one frame; applied after the frame's view is drawn.
#[derive(Clone, Copy, Debug)]
enum Action {
    Up,
    Reload,
    PathEntered,
    HiddenToggled,
    FilterChanged {
        previous: usize,
    },
    Click {
        entry_index: usize,
        modifiers: Modifiers,
    },
    Activate(usize),
    MoveCursor {
        step: CursorMove,
        extend: bool,
    },
    SelectAll,
    /// The Open/Save button, or Enter in the file name field.
    Confirm,
    /// Enter while no field has the keyboard focus: opens a selected folder, else confirms.
    EnterInList,
    Cancel,
    Escape,
    Replace,
    KeepExisting,
    StartNewFolder,
    CreateFolder,
    CancelNewFolder,
}

#[derive(Clone, Copy, Debug)]
enum CursorMove {
    By(isize),
    First,
    Last,
}

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

#[derive(Clone, Debug)]
struct FileFilter {
    name: String,
    /// Lower case, without dot; empty for "All files".
    extensions: Vec<String>,
}

impl FileFilter {
    fn matches(&self, file_name: &str) -> bool {
        if self.extensions.is_empty() {
            return true;
        }
        let lower = file_name.to_lowercase();
        // `x.ron`, not `.ron` nor `xron`.
        self.extensions.iter().any(|ext| {
            lower.strip_suffix(ext.as_str()).is_some_and(|stem| stem.len() > 1 && stem.ends_with('.'))
        })
    }

    fn label(&self) -> String {
        if self.extensions.is_empty() {
            return self.name.clone();
        }
        let patterns: Vec<String> = self.extensions.iter().map(|ext| format!("*.{ext}")).collect();
        format!("{} ({})", self.name, patterns.join(", "))
    }
}

#[derive(Clone, Debug)]
struct Entry {
    /// For display and sorting; lossy when the name is not valid Unicode (the path is exact).
    name: String,
    path: PathBuf,
    is_dir: bool,
    hidden: bool,
    /// Files only.
    size: Option<u64>,
    modified: Option<SystemTime>,
}

impl Entry {
    /// What a screen reader says after the name.
    fn description(&self) -> String {
        if self.is_dir {
            return "Folder".to_owned();
        }
        let mut description = "File".to_owned();
        if let Some(size) = self.size {
            description.push_str(", ");
            description.push_str(&format_size(size));
        }
        if let Some(modified) = self.modified.and_then(format_modified) {
            description.push_str(", modified ");
            description.push_str(&modified);
        }
        description
    }
}

/// Where the columns of the list end; the name takes what the others leave.
struct Columns {
    size_width: f32,
    modified_width: f32,
    show_modified: bool,
}

impl Columns {
    fn new(ui: &Ui, width: f32) -> Self {
        let font = TextStyle::Body.resolve(ui.style());
        let text_width = |text: &str| {
            ui.fonts_mut(|fonts| {
                fonts.layout_no_wrap(text.to_owned(), font.clone(), egui::Color32::WHITE).size().x
            })
        };
        Self {
            size_width: text_width("999.9 MB") + 16.0,
            modified_width: text_width("0000-00-00 00:00") + 16.0,
            show_modified: width > 460.0,
        }
    }

    fn modified_right(&self, row: Rect) -> f32 {
        row.right() - 6.0
    }

    fn size_right(&self, row: Rect) -> f32 {
        if self.show_modified { self.modified_right(row) - self.modified_width } else { row.right() - 6.0 }
    }

    fn name_right(&self, row: Rect) -> f32 {
        self.size_right(row) - self.size_width
    }

    fn header_ui(&self, ui: &mut Ui, row_height: f32) {
        let (_, rect) = ui.allocate_space(vec2(ui.available_width(), row_height));
        let painter = ui.painter();
        let font: FontId = TextStyle::Small.resolve(ui.style());
        let color = ui.visuals().weak_text_color();
        let y = rect.center().y;
        let name_left = rect.left() + 4.0 + (row_height - 8.0).max(6.0) + 6.0;
        painter.text(pos2(name_left, y), Align2::LEFT_CENTER, "Name", font.clone(), color);
        painter.text(pos2(self.size_right(rect), y), Align2::RIGHT_CENTER, "Size", font.clone(), color);
        if self.show_modified {
            painter.text(
                pos2(self.modified_right(rect), y),
                Align2::RIGHT_CENTER,
                "Modified (UTC)",
                font,
                color,
            );
        }
        painter.hline(
            rect.x_range(),
            rect.bottom(),
            Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color),
        );
    }
}

fn row_height(ui: &Ui) -> f32 {
    ui.text_style_height(&TextStyle::Body) + 2.0 * ui.spacing().button_padding.y + 2.0
}

/// A red note; screen readers announce it as an alert.
fn alert_ui(ui: &mut Ui, text: &str) {
    let builder = UiBuilder::new().accessibility_role(Role::Alert);
    ui.scope_builder(builder, |ui| {
        ui.add(egui::Label::new(egui::RichText::new(text).color(ui.visuals().error_fg_color)).wrap());
    });
}

/// A folder (a tab on a body) or a page with a folded corner, drawn: the default fonts have no
/// icon glyphs.
fn paint_icon(painter: &Painter, rect: Rect, is_dir: bool, color: egui::Color32) {
    if is_dir {
        let body = Rect::from_min_max(pos2(rect.left(), rect.top() + rect.height() * 0.25), rect.max);
        let tab = Rect::from_min_size(
            rect.min + vec2(0.0, rect.height() * 0.1),
            vec2(rect.width() * 0.45, rect.height() * 0.3),
        );
        painter.rect_filled(tab, 1.0, color.gamma_multiply(0.6));
        painter.rect_filled(body, 1.5, color.gamma_multiply(0.6));
    } else {
        let page = rect.shrink2(vec2(rect.width() * 0.15, 0.0));
        let fold = page.width() * 0.35;
        let stroke = Stroke::new(1.0, color.gamma_multiply(0.8));
        let corner = pos2(page.right() - fold, page.top());
        let points = vec![
            page.left_top(),
            corner,
            pos2(page.right(), page.top() + fold),
            page.right_bottom(),
            page.left_bottom(),
            page.left_top(),
        ];
        painter.add(egui::Shape::line(points, stroke));
        painter.add(egui::Shape::line(
            vec![corner, pos2(corner.x, corner.y + fold), pos2(page.right(), page.top() + fold)],
            stroke,
        ));
    }
}

/// `start` when it is a folder, its folder when it is a file; else the home folder; else the root.
fn start_folder(start: &Path) -> PathBuf {
    let start = normalize(&std::path::absolute(start).unwrap_or_else(|_| start.to_path_buf()));
    if start.is_dir() {
        return start;
    }
    if start.is_file()
        && let Some(parent) = start.parent()
    {
        return parent.to_path_buf();
    }
    if let Some(home) = home_dir().filter(|home| home.is_dir()) {
        return home;
    }
    root_folder()
}

fn root_folder() -> PathBuf {
    std::env::current_dir()
        .ok()
        .and_then(|dir| dir.ancestors().last().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("/"))
}

fn home_dir() -> Option<PathBuf> {
    std::env::home_dir().filter(|home| home.is_absolute())
}

/// `typed` (a name, a relative or absolute path, `~` for home) resolved against `base`, with
/// `.` and `..` taken out as a shell's `cd` would.
fn resolve_typed_path(base: &Path, typed: &str, home: Option<&Path>) -> PathBuf {
    let expanded = match (typed, home) {
        ("~", Some(home)) => home.to_path_buf(),
        (_, Some(home)) if typed.starts_with("~/") || typed.starts_with("~\\") => home.join(&typed[2..]),
        _ => PathBuf::from(typed),
    };
    normalize(&base.join(expanded))
}

/// Removes `.` and resolves `..` without asking the disk (so a link's name stays visible).
fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if normal.file_name().is_some() {
                    normal.pop();
                } else if !normal.has_root() {
                    // A relative path that climbs above its start keeps its `..`.
                    normal.push(component);
                }
            }
            other => normal.push(other),
        }
    }
    normal
}

/// `path` with the filter's first extension added when its name has none.
fn with_default_extension(path: PathBuf, filter: &FileFilter) -> PathBuf {
    match filter.extensions.first() {
        Some(extension) if path.extension().is_none() => {
            let mut name = path.file_name().map(std::ffi::OsStr::to_os_string).unwrap_or_default();
            name.push(".");
            name.push(extension);
            path.with_file_name(name)
        }
        _ => path,
    }
}

fn read_folder(dir: &Path) -> io::Result<Vec<Entry>> {
    let mut entries = Vec::new();
    for item in std::fs::read_dir(dir)? {
        // An entry that vanished while the folder was read is simply not listed.
        let Ok(item) = item else {
            continue;
        };
        let path = item.path();
        let name = item.file_name().to_string_lossy().into_owned();
        // Follow links, so that a link to a folder opens like a folder; a dangling link is a file.
        let metadata = std::fs::metadata(&path).or_else(|_| item.metadata()).ok();
        let is_dir = metadata.as_ref().is_some_and(std::fs::Metadata::is_dir);
        let hidden = name.starts_with('.') || metadata.as_ref().is_some_and(hidden_attribute);
        entries.push(Entry {
            size: metadata.as_ref().filter(|_| !is_dir).map(std::fs::Metadata::len),
            modified: metadata.as_ref().and_then(|m| m.modified().ok()),
            name,
            path,
            is_dir,
            hidden,
        });
    }
    entries.sort_by(|a, b| {
        b.is_dir.cmp(&a.is_dir).then_with(|| natural_cmp(&a.name, &b.name)).then_with(|| a.name.cmp(&b.name))
    });
    Ok(entries)
}

#[cfg(windows)]
fn hidden_attribute(metadata: &std::fs::Metadata) -> bool {
    use std::os::windows::fs::MetadataExt as _;
    const FILE_ATTRIBUTE_HIDDEN: u32 = 0x2;
    metadata.file_attributes() & FILE_ATTRIBUTE_HIDDEN != 0
}

#[cfg(not(windows))]
fn hidden_attribute(_metadata: &std::fs::Metadata) -> bool {
    false
}

fn describe_io_error(error: &io::Error) -> String {
    match error.kind() {
        io::ErrorKind::NotFound => "it does not exist".to_owned(),
        io::ErrorKind::PermissionDenied => "you do not have permission".to_owned(),
        io::ErrorKind::NotADirectory => "it is not a folder".to_owned(),
        io::ErrorKind::AlreadyExists => "something of that name already exists".to_owned(),
        _ => error.to_string(),
    }
}

/// Case-insensitive order in which digit runs compare as numbers: `file2` before `file10`.
fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.is_empty(), b.is_empty()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            (false, false) => {}
        }
        let (a_run, a_digits, a_rest) = split_run(a);
        let (b_run, b_digits, b_rest) = split_run(b);
        let order = if a_digits && b_digits {
            let (a_num, b_num) = (a_run.trim_start_matches('0'), b_run.trim_start_matches('0'));
            a_num.len().cmp(&b_num.len()).then_with(|| a_num.cmp(b_num))
        } else {
            a_run.chars().flat_map(char::to_lowercase).cmp(b_run.chars().flat_map(char::to_lowercase))
        };
        if order != Ordering::Equal {
            return order;
        }
        (a, b) = (a_rest, b_rest);
    }
}

/// The leading run of ASCII digits or of other characters, whether it is digits, and the rest.
fn split_run(text: &str) -> (&str, bool, &str) {
    let digits = text.starts_with(|c: char| c.is_ascii_digit());
    let end = text.find(|c: char| c.is_ascii_digit() != digits).unwrap_or(text.len());
    let (run, rest) = text.split_at(end);
    (run, digits, rest)
}

fn format_size(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["kB", "MB", "GB", "TB", "PB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

/// `YYYY-MM-DD HH:MM UTC` (the app has no time zone data).
fn format_modified(time: SystemTime) -> Option<String> {
    let seconds = time.duration_since(UNIX_EPOCH).ok()?.as_secs();
    let stamp = Timestamp::from_unix(seconds);
    let stamp = stamp.as_str();
    Some(format!("{} {} UTC", stamp.get(..10)?, stamp.get(11..16)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_is_case_insensitive_and_numeric() {
        let mut names = vec!["file10.ron", "File2.ron", "file1.ron", "b", "A", "a2", "a10", "x007", "x7"];
        names.sort_by(|a, b| natural_cmp(a, b).then_with(|| a.cmp(b)));
        assert_eq!(names, ["A", "a2", "a10", "b", "file1.ron", "File2.ron", "file10.ron", "x007", "x7"]);
    }

    #[test]
    fn filters_match_extensions_case_insensitively() {
        let ron = FileFilter { name: "Project".into(), extensions: vec!["ron".into(), "tar.gz".into()] };
        assert!(ron.matches("a.ron"));
        assert!(ron.matches("A.RON"));
        assert!(ron.matches("b.tar.gz"));
        assert!(!ron.matches("a.ron.bak"));
        assert!(!ron.matches("aron"));
        assert!(!ron.matches("notes.txt"));
        assert_eq!(ron.label(), "Project (*.ron, *.tar.gz)");
        let all = FileFilter { name: "All files".into(), extensions: vec![] };
        assert!(all.matches("anything"));
    }

    #[test]
    fn default_extension_only_when_the_name_has_none() {
        let ron = FileFilter { name: "Project".into(), extensions: vec!["ron".into()] };
        let all = FileFilter { name: "All files".into(), extensions: vec![] };
        assert_eq!(with_default_extension(PathBuf::from("/d/name"), &ron), PathBuf::from("/d/name.ron"));
        assert_eq!(with_default_extension(PathBuf::from("/d/name.txt"), &ron), PathBuf::from("/d/name.txt"));
        assert_eq!(with_default_extension(PathBuf::from("/d/name"), &all), PathBuf::from("/d/name"));
    }

    #[test]
    fn typed_paths_resolve_against_the_folder_and_home() {
        let base = Path::new("/data/projects");
        let home = Path::new("/home/me");
        assert_eq!(resolve_typed_path(base, "a.ron", Some(home)), PathBuf::from("/data/projects/a.ron"));
        assert_eq!(resolve_typed_path(base, "../x", Some(home)), PathBuf::from("/data/x"));
        assert_eq!(resolve_typed_path(base, "./sub/./y", Some(home)), PathBuf::from("/data/projects/sub/y"));
        assert_eq!(resolve_typed_path(base, "/etc", Some(home)), PathBuf::from("/etc"));
        assert_eq!(resolve_typed_path(base, "~", Some(home)), PathBuf::from("/home/me"));
        assert_eq!(resolve_typed_path(base, "~/docs", Some(home)), PathBuf::from("/home/me/docs"));
        assert_eq!(resolve_typed_path(base, "/..", Some(home)), PathBuf::from("/"));
    }

    #[test]
    fn sizes_read_like_a_file_manager() {
        assert_eq!(format_size(0), "0 B");
        assert_eq!(format_size(999), "999 B");
        assert_eq!(format_size(1500), "1.5 kB");
        assert_eq!(format_size(999_999), "1.0 MB");
        assert_eq!(format_size(2_500_000_000), "2.5 GB");
    }

    #[test]
    fn modification_times_are_minutes_in_utc() {
        let time = UNIX_EPOCH + std::time::Duration::from_secs(1_700_000_000);
        assert_eq!(format_modified(time).as_deref(), Some("2023-11-14 22:13 UTC"));
    }
}
