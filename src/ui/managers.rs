//! The outlets and sources managers: two windows (View → Outlets, View → Sources) that
//! list every outlet or source of the project with each field editable in place, add new
//! ones, merge a duplicate into the record to keep, and delete one after a confirmation
//! that lists what refers to it. Links open in the system browser only when clicked, and
//! only for http(s).
//!
//! Both are one table widget, [`RecordManager`], over a [`ManagedRecord`]: what differs
//! (the fields of a row, what refers to a record, the wording) lives in
//! `managers/outlets.rs` and `managers/sources.rs`. Nothing here changes the project:
//! every change is sent as an [`AppCommand::Edit`], and a merge or delete is one
//! [`Edit::Batch`] from [`crate::edit::records`], so one undo step. What each window
//! remembers between frames (the filter, a pending confirmation) is its own state.

mod outlets;
mod sources;

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use crate::edit::Edit;
use crate::model::Project;
use egui::{Id, RichText, TextEdit};
use std::collections::HashMap;
use std::hash::Hash;

/// The outlets window.
pub type OutletsWindow = RecordManager<crate::model::Outlet>;

/// The sources window.
pub type SourcesWindow = RecordManager<crate::model::Source>;

/// Id of the text field of one field of one record in a manager, e.g.
/// `field_id("outlet", "outlet-3", "name")`.
pub fn field_id(kind: &str, record: &str, field: &str) -> Id {
    Id::unique(("claimmark-manager-field", kind, record, field))
}

/// What the manager needs to know of a kind of record: its words, its fields, what
/// refers to it, and the edits that add, merge and delete it.
pub trait ManagedRecord: Sized + 'static {
    /// The record's id type.
    type Id: Clone + PartialEq + Eq + Hash + std::fmt::Display;
    /// "outlet", "source": in ids of fields and in messages.
    const KIND: &'static str;
    /// The prefix of its ids ([`crate::model::prefix`]).
    const ID_PREFIX: &'static str;
    /// "outlets": in the filter's name and the count.
    const PLURAL: &'static str;
    /// The window's title.
    const TITLE: &'static str;
    /// Where the window opens first.
    const POSITION: [f32; 2];
    /// The names of its text fields (a row stays shown while one of them has the focus).
    const FIELDS: &'static [&'static str];
    /// The column titles between the id and the merge and delete buttons.
    const COLUMNS: &'static [&'static str];
    /// What the filter searches.
    const FILTER_HINT: &'static str;
    /// The add button and its tooltip.
    const ADD: (&'static str, &'static str);
    /// Shown when the project has none.
    const NONE_YET: &'static str;
    /// The column that counts the references ("Documents", "Claims").
    const REFERENCES_COLUMN: &'static str;
    /// Said when nothing refers to the record.
    const UNREFERENCED: &'static str;
    /// The hover text of the merge menu.
    const MERGE_HOVER: &'static str;

    /// The project's records of this kind.
    fn records(project: &Project) -> &[Self];
    /// The record's id.
    fn record_id(&self) -> &Self::Id;
    /// How the record is named in questions and lists.
    fn display_name(&self) -> String;
    /// A new record with this id and placeholder values.
    fn placeholder(id: String) -> Self;
    /// The edit that adds it.
    fn add(self) -> Edit;
    /// Whether it matches the filter (lower case, not empty).
    fn matches(&self, project: &Project, filter: &str) -> bool;
    /// For each record, a line per thing that refers to it (a document, a claim).
    fn references(project: &Project) -> HashMap<Self::Id, Vec<String>>;
    /// The editable fields of its row, in the order of [`Self::COLUMNS`] (the count of
    /// references is drawn after them).
    fn fields_ui(&self, ui: &mut egui::Ui, project: &Project, focus: bool, commands: &mut CommandSink<'_>);
    /// The merge of `duplicate` into `keep`; `None` when it cannot be made.
    fn merge(project: &Project, duplicate: &Self::Id, keep: &Self::Id) -> Option<Edit>;
    /// The deletion of `id`; `None` when it cannot be made.
    fn delete(project: &Project, id: &Self::Id) -> Option<Edit>;
    /// What a merge does to the `count` references, naming `keep` and `duplicate`.
    fn merge_consequence(count: usize, keep: &str, duplicate: &str) -> String;
    /// What a deletion does to the `count` references (`count` > 0).
    fn delete_consequence(count: usize) -> String;
}

/// A change that waits for the user's confirmation.
#[derive(Clone, Debug, PartialEq)]
enum Pending<I> {
    /// Merge `duplicate` into `keep`.
    Merge {
        /// The record that goes away.
        duplicate: I,
        /// The record that stays and takes over the references.
        keep: I,
    },
    /// Delete this record (and the references to it).
    Delete(I),
}

impl<I: PartialEq> Pending<I> {
    /// Whether every record the pending change names still exists.
    fn is_valid(&self, exists: impl Fn(&I) -> bool) -> bool {
        match self {
            Pending::Merge { duplicate, keep } => duplicate != keep && exists(duplicate) && exists(keep),
            Pending::Delete(id) => exists(id),
        }
    }
}

/// A manager window over records of type `R`, and what it remembers between frames.
pub struct RecordManager<R: ManagedRecord> {
    /// Text of the filter box.
    filter: String,
    /// A merge or delete waiting for confirmation.
    pending: Option<Pending<R::Id>>,
    /// A record added last frame, whose first field gets the focus.
    focus_new: Option<R::Id>,
}

impl<R: ManagedRecord> Default for RecordManager<R> {
    fn default() -> Self {
        RecordManager { filter: String::new(), pending: None, focus_new: None }
    }
}

/// Id of a manager's window.
pub fn window_id(kind: &str) -> Id {
    Id::unique(("claimmark-manager-window", kind))
}

impl<R: ManagedRecord> RecordManager<R> {
    /// Shows the window while `open`.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        cx: &ViewContext<'_>,
        commands: &mut CommandSink<'_>,
    ) {
        if !*open {
            // A confirmation does not outlive its window.
            self.pending = None;
            return;
        }
        egui::Window::new(R::TITLE)
            .id(window_id(R::KIND))
            .open(open)
            .default_pos(R::POSITION)
            .default_size([1280.0, 460.0])
            .vscroll(false)
            .show(ctx, |ui| self.table_ui(ui, cx.project, commands));
    }

    fn table_ui(&mut self, ui: &mut egui::Ui, project: &Project, commands: &mut CommandSink<'_>) {
        let focus_new = self.focus_new.take();
        if toolbar_ui(ui, &mut self.filter, R::PLURAL, R::FILTER_HINT, R::ADD) {
            let record = R::placeholder(commands.next_id(R::ID_PREFIX));
            self.filter.clear();
            self.focus_new = Some(record.record_id().clone());
            commands.edit(record.add(), R::ADD.0);
        }
        let records = R::records(project);
        let exists = |id: &R::Id| records.iter().any(|r| r.record_id() == id);
        if self.pending.as_ref().is_some_and(|p| !p.is_valid(exists)) {
            self.pending = None;
        }
        let references = R::references(project);
        self.pending_ui(ui, project, &references, commands);
        ui.separator();

        let filter = self.filter.trim().to_lowercase();
        let focused = ui.memory(|m| m.focused());
        let row_has_focus = |id: &R::Id| {
            focused
                .is_some_and(|f| R::FIELDS.iter().any(|field| field_id(R::KIND, &id.to_string(), field) == f))
        };
        let rows: Vec<&R> = records
            .iter()
            .filter(|r| {
                filter.is_empty()
                    || r.matches(project, &filter)
                    || row_has_focus(r.record_id())
                    || focus_new.as_ref() == Some(r.record_id())
            })
            .collect();
        ui.weak(format!("{} of {} {}", rows.len(), records.len(), R::PLURAL));

        egui::ScrollArea::both().id_salt((R::PLURAL, "scroll")).auto_shrink([false, false]).show(ui, |ui| {
            let columns = R::COLUMNS.len() + 4;
            egui::Grid::new((R::PLURAL, "grid")).striped(true).num_columns(columns).spacing([8.0, 4.0]).show(
                ui,
                |ui| {
                    ui.label(RichText::new("Id").strong());
                    for title in R::COLUMNS {
                        ui.label(RichText::new(*title).strong());
                    }
                    ui.label(RichText::new(R::REFERENCES_COLUMN).strong());
                    ui.label("");
                    ui.label("");
                    ui.end_row();
                    for record in &rows {
                        let used_by = references.get(record.record_id()).map_or(&[][..], Vec::as_slice);
                        let focus = focus_new.as_ref() == Some(record.record_id());
                        self.row_ui(ui, project, record, used_by, focus, commands);
                        ui.end_row();
                    }
                },
            );
            if records.is_empty() {
                ui.label(R::NONE_YET);
            } else if rows.is_empty() {
                ui.label(format!("No {} matches the filter.", R::KIND));
            }
        });
    }

    fn row_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        record: &R,
        used_by: &[String],
        focus: bool,
        commands: &mut CommandSink<'_>,
    ) {
        let id = record.record_id().to_string();
        ui.label(RichText::new(&id).small().weak());
        record.fields_ui(ui, project, focus, commands);
        let count = ui.label(used_by.len().to_string());
        if used_by.is_empty() {
            count.on_hover_text(R::UNREFERENCED);
        } else {
            let lines: Vec<&str> = used_by.iter().take(30).map(String::as_str).collect();
            count.on_hover_text(lines.join("\n"));
        }
        ui.push_id((R::KIND, "merge", &id), |ui| {
            // The other records are listed only while the menu is open: a row is drawn
            // every frame, and a list per row would cost records² a frame.
            let others = || R::records(project).iter().filter(|r| r.record_id() != record.record_id());
            let response = ui
                .add_enabled_ui(R::records(project).len() > 1, |ui| {
                    ui.menu_button("Merge into…", |ui| {
                        ui.label(format!(
                            "Keep which {}? \"{}\" is merged into it:",
                            R::KIND,
                            record.display_name()
                        ));
                        for other in others() {
                            if ui
                                .button(format!("{} ({})", other.display_name(), other.record_id()))
                                .clicked()
                            {
                                self.pending = Some(Pending::Merge {
                                    duplicate: record.record_id().clone(),
                                    keep: other.record_id().clone(),
                                });
                            }
                        }
                    })
                    .response
                })
                .inner;
            response
                .accessible_name(format!("Merge {id} into another {}", R::KIND))
                .on_hover_text(R::MERGE_HOVER);
        });
        ui.push_id((R::KIND, "delete", &id), |ui| {
            let response = ui.button("Delete").accessible_name(format!("Delete {id}"));
            if response.on_hover_text(format!("Remove this {} (asks first)", R::KIND)).clicked() {
                self.pending = Some(Pending::Delete(record.record_id().clone()));
            }
        });
    }

    fn pending_ui(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        references: &HashMap<R::Id, Vec<String>>,
        commands: &mut CommandSink<'_>,
    ) {
        let Some(pending) = self.pending.clone() else {
            return;
        };
        let name = |id: &R::Id| {
            R::records(project)
                .iter()
                .find(|r| r.record_id() == id)
                .map_or_else(|| id.to_string(), R::display_name)
        };
        let lines = |id: &R::Id| references.get(id).cloned().unwrap_or_default();
        let (question, consequence, warn, listed, confirm, hover) = match &pending {
            Pending::Merge { duplicate, keep } => {
                let listed = lines(duplicate);
                (
                    format!("Merge \"{}\" ({duplicate}) into \"{}\" ({keep})?", name(duplicate), name(keep)),
                    R::merge_consequence(listed.len(), &name(keep), &name(duplicate)),
                    false,
                    listed,
                    format!("Merge {}", R::PLURAL),
                    "One step: Ctrl+Z undoes the whole merge",
                )
            }
            Pending::Delete(id) => {
                let listed = lines(id);
                let consequence = if listed.is_empty() {
                    R::UNREFERENCED.to_owned()
                } else {
                    R::delete_consequence(listed.len())
                };
                (
                    format!("Delete the {} \"{}\" ({id})?", R::KIND, name(id)),
                    consequence,
                    !listed.is_empty(),
                    listed,
                    format!("Delete {}", R::KIND),
                    "One step: Ctrl+Z brings it back",
                )
            }
        };
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(RichText::new(question).strong());
            if warn {
                ui.colored_label(ui.visuals().warn_fg_color, consequence);
            } else {
                ui.label(consequence);
            }
            if !listed.is_empty() {
                egui::ScrollArea::vertical()
                    .id_salt((R::KIND, "pending-list"))
                    .max_height(140.0)
                    .auto_shrink([false, true])
                    .show(ui, |ui| {
                        for line in &listed {
                            ui.label(line);
                        }
                    });
            }
            let choice = ui
                .horizontal(|ui| {
                    if ui.button(&confirm).on_hover_text(hover).clicked() {
                        return Some(true);
                    }
                    if ui.button("Cancel").clicked() {
                        return Some(false);
                    }
                    None
                })
                .inner;
            match choice {
                Some(true) => {
                    let (edit, label, message) = match &pending {
                        Pending::Merge { duplicate, keep } => (
                            R::merge(project, duplicate, keep),
                            format!("Merge {}", R::PLURAL),
                            format!(
                                "Merged \"{}\" into \"{}\" (Ctrl+Z undoes it)",
                                name(duplicate),
                                name(keep)
                            ),
                        ),
                        Pending::Delete(id) => (
                            R::delete(project, id),
                            format!("Delete {}", R::KIND),
                            format!("Deleted the {} \"{}\" (Ctrl+Z brings it back)", R::KIND, name(id)),
                        ),
                    };
                    if let Some(edit) = edit {
                        commands.edit(edit, label);
                        commands.status(message);
                    }
                    self.pending = None;
                }
                Some(false) => self.pending = None,
                None => {}
            }
        });
    }
}

/// The filter box and the add button; returns whether "add" was clicked.
fn toolbar_ui(ui: &mut egui::Ui, filter: &mut String, what: &str, hint: &str, add: (&str, &str)) -> bool {
    ui.horizontal(|ui| {
        ui.label("Filter:");
        // Named after what it filters: the documents panel has a "Filter:" box too.
        ui.add(
            TextEdit::singleline(filter)
                .id_salt(("manager-filter", what))
                .hint_text(hint)
                .desired_width(260.0),
        )
        .accessible_name(format!("Filter {what}"));
        if !filter.is_empty() && ui.button("Clear filter").clicked() {
            filter.clear();
        }
        ui.separator();
        ui.button(add.0).on_hover_text(add.1).clicked()
    })
    .inner
}

/// One text field of a record in a manager's row.
pub struct FieldInput<'a> {
    /// The field's id ([`field_id`]).
    pub id: Id,
    /// Its name for screen readers ("Name of outlet-3").
    pub accessible_name: String,
    /// Its current value.
    pub value: &'a str,
    /// The hint shown when empty.
    pub hint: &'a str,
    /// Its width.
    pub width: f32,
    /// Whether it takes the focus (a record just added: its first field).
    pub focus: bool,
}

/// A single-line text field of one record. `change` turns the typed text into the edit
/// to send (or `None` when nothing changes); leaving the field ends the undo step.
fn text_field_ui(
    ui: &mut egui::Ui,
    field: FieldInput<'_>,
    commands: &mut CommandSink<'_>,
    change: impl FnOnce(String) -> Option<AppCommand>,
) {
    let mut text = field.value.to_owned();
    // Sized explicitly: inside a Grid a text field only gets the column's width of the
    // previous frame, which starts narrow and would stay so.
    let size = egui::vec2(field.width, ui.spacing().interact_size.y);
    let response = ui
        .add_sized(size, TextEdit::singleline(&mut text).id(field.id).hint_text(field.hint))
        .accessible_name(field.accessible_name);
    if field.focus {
        response.request_focus();
        response.scroll_to_me(None);
        // Select the placeholder name, so typing replaces it.
        let mut state = egui::text_edit::TextEditState::load(ui.ctx(), field.id).unwrap_or_default();
        state.cursor.set_char_range(Some(egui::text_selection::CCursorRange::select_all_str(field.value)));
        state.store(ui.ctx(), field.id);
    }
    if response.changed()
        && let Some(command) = change(text)
    {
        commands.send(command);
    }
    if response.lost_focus() {
        commands.send(AppCommand::SealHistory);
    }
}

/// The edit that replaces `record` by its copy changed by `change`, merged with the
/// typing in the same `field`; `None` when nothing changes.
fn replace_command<R: Clone + PartialEq>(
    record: &R,
    id: &str,
    label: &str,
    field: Option<&str>,
    wrap: impl FnOnce(R) -> Edit,
    change: impl FnOnce(&mut R),
) -> Option<AppCommand> {
    let mut updated = record.clone();
    change(&mut updated);
    (updated != *record).then(|| AppCommand::Edit {
        edit: wrap(updated),
        label: label.to_owned(),
        merge_key: field.map(|field| format!("{id}/{field}")),
    })
}

/// Text of an optional field: empty (or blank) means `None`.
fn optional(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

/// The first `max` chars of `text` on one line, with an ellipsis when cut.
fn excerpt(text: &str, max: usize) -> String {
    super::widgets::excerpt(text, max).replace(['\n', '\r'], " ")
}

/// A link that opens `url` in the browser (the app refuses anything but http(s)).
fn open_link_ui(ui: &mut egui::Ui, url: String, commands: &mut CommandSink<'_>) {
    let response = ui.link("open").on_hover_text(format!("Open {url} in the browser"));
    let response = response.accessible_name(format!("Open {url}"));
    if response.clicked() {
        commands.send(AppCommand::OpenUrl(url));
    }
}

/// The note shown instead of a link for an address that will not be opened.
fn no_link_ui(ui: &mut egui::Ui, note: &str) {
    ui.weak(note).on_hover_text("Only http(s) links open in the browser; this one is kept as text.");
}
