//! Drawing the file dialog: the folder bar, the options, the list with its columns, the
//! file name field, the buttons and the "Replace?" question. Each part returns what the
//! user asked for as an [`Action`]; it changes only view state (field texts, focus), never
//! the selection or the folder shown, which is `actions`' job.

use std::path::Path;

use egui::text::{CCursor, CCursorRange};
use egui::{
    Align, Align2, Button, ComboBox, FontId, Key, Layout, Modifiers, Painter, Rect, Role, ScrollArea, Sense,
    Stroke, TextEdit, TextStyle, TextWrapMode, Ui, UiBuilder, WidgetInfo, WidgetText, pos2, vec2,
};

use super::action::{Action, CursorMove};
use super::listing::{format_modified, format_size};
use super::{FileDialog, FileDialogMode, FocusTarget};

impl FileDialog {
    pub(super) fn contents_ui(&mut self, ui: &mut Ui, popup_was_open: bool) -> Option<Action> {
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
