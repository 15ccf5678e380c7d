//! The outlets and sources managers: two windows (View → Outlets, View → Sources) that
//! list every outlet or source of the project with each field editable in place, add new
//! ones, merge a duplicate into the record to keep, and delete one after a confirmation
//! that lists what refers to it. Links open in the system browser only when clicked, and
//! only for http(s).
//!
//! Nothing here changes the project: every change is sent as an [`AppCommand::Edit`], and a
//! merge or delete is one [`Edit::Batch`], so one undo step. What each window remembers
//! between frames (the filter, a pending confirmation) is its own state.

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use crate::edit::{Edit, RecordEdit};
use crate::model::{
    Claim, Document, LabelId, LabelSet, Outlet, OutletId, Project, Source, SourceId, SourceKind, Timestamp,
    parse_colour, prefix,
};
use egui::{Id, RichText, TextEdit};
use std::collections::HashMap;

/// Id of the outlets window.
pub fn outlets_window_id() -> Id {
    Id::unique("claimmark-outlets-window")
}

/// Id of the sources window.
pub fn sources_window_id() -> Id {
    Id::unique("claimmark-sources-window")
}

/// Id of the text field of one field of one record in a manager, e.g.
/// `field_id("outlet", "outlet-3", "name")`.
pub fn field_id(kind: &str, record: &str, field: &str) -> Id {
    Id::unique(("claimmark-manager-field", kind, record, field))
}

/// What one manager window remembers between frames.
#[derive(Clone, Debug)]
struct ManagerUi<I> {
    /// Text of the filter box.
    filter: String,
    /// A merge or delete waiting for confirmation.
    pending: Option<Pending<I>>,
    /// A record added last frame, whose first field gets the focus.
    focus_new: Option<I>,
}

impl<I> Default for ManagerUi<I> {
    fn default() -> Self {
        ManagerUi { filter: String::new(), pending: None, focus_new: None }
    }
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

/// The outlets window.
#[derive(Default)]
pub struct OutletsWindow {
    view: ManagerUi<OutletId>,
}

/// The sources window.
#[derive(Default)]
pub struct SourcesWindow {
    view: ManagerUi<SourceId>,
}

/// The URL to open for a link, or `None` when it is not an http(s) URL (`javascript:`,
/// `file:`, `data:` ... never open). The scheme is returned in lower case, because the
/// app opens only links that start with `http://` or `https://`.
pub fn web_url(url: &str) -> Option<String> {
    let url = url.trim();
    if url.chars().any(char::is_control) {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    let scheme = ["https://", "http://"].into_iter().find(|s| lower.starts_with(s))?;
    let rest = &url[scheme.len()..];
    (!rest.is_empty() && !rest.starts_with('/')).then(|| format!("{scheme}{rest}"))
}

/// The web address of an outlet's domain: `https://DOMAIN` for a plain domain (with an
/// optional path), the URL itself when the domain was entered as an http(s) URL, and
/// `None` for anything that is not a domain (so that nothing else ever opens).
pub fn domain_url(domain: &str) -> Option<String> {
    let domain = domain.trim();
    if let Some(url) = web_url(domain) {
        return Some(url);
    }
    let (host, path) = domain.split_once('/').map_or((domain, ""), |(host, path)| (host, path));
    let host_ok = host.contains('.')
        && !host.starts_with(['.', '-'])
        && !host.ends_with(['.', '-'])
        && host.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    let path_ok = !path.chars().any(|c| c.is_whitespace() || c.is_control());
    (host_ok && path_ok).then(|| format!("https://{domain}"))
}

/// Text of an optional field: empty (or blank) means `None`.
fn optional(text: String) -> Option<String> {
    (!text.trim().is_empty()).then_some(text)
}

/// The first `max` chars of `text`, with an ellipsis when cut.
fn excerpt(text: &str, max: usize) -> String {
    let mut short: String = text.chars().take(max).collect();
    if text.chars().nth(max).is_some() {
        short.push('…');
    }
    short.replace(['\n', '\r'], " ")
}

// ---------------------------------------------------------------------------------------
// The edits (pure: they read the project and build one batch)

/// One batch that points every document of `duplicate` at `keep` and removes
/// `duplicate`; `None` when either outlet is missing or they are the same.
pub fn merge_outlets_edit(project: &Project, duplicate: &OutletId, keep: &OutletId) -> Option<Edit> {
    if duplicate == keep || project.outlet(duplicate).is_none() || project.outlet(keep).is_none() {
        return None;
    }
    let mut edits: Vec<Edit> = project
        .documents
        .iter()
        .filter(|d| d.outlet.as_ref() == Some(duplicate))
        .map(|d| {
            let mut updated = d.clone();
            updated.outlet = Some(keep.clone());
            Edit::Document(RecordEdit::Replace(updated))
        })
        .collect();
    edits.push(Edit::Outlet(RecordEdit::Remove(duplicate.clone())));
    Some(Edit::Batch(edits))
}

/// One batch that sets the outlet of the documents of `outlet` to none and removes
/// `outlet`; `None` when it is missing.
pub fn delete_outlet_edit(project: &Project, outlet: &OutletId) -> Option<Edit> {
    project.outlet(outlet)?;
    let mut edits: Vec<Edit> = documents_of_outlet(project, outlet)
        .into_iter()
        .map(|d| {
            let mut updated = d.clone();
            updated.outlet = None;
            Edit::Document(RecordEdit::Replace(updated))
        })
        .collect();
    edits.push(Edit::Outlet(RecordEdit::Remove(outlet.clone())));
    Some(Edit::Batch(edits))
}

/// One batch that moves every claim's link to `duplicate` over to `keep` (dropping it
/// where the claim links `keep` already, so a claim never links a source twice because
/// of the merge) and removes `duplicate`. Changed claims get `now` as their modified
/// time. `None` when either source is missing or they are the same.
pub fn merge_sources_edit(
    project: &Project,
    duplicate: &SourceId,
    keep: &SourceId,
    now: &Timestamp,
) -> Option<Edit> {
    if duplicate == keep || project.source(duplicate).is_none() || project.source(keep).is_none() {
        return None;
    }
    let mut edits: Vec<Edit> = claims_linking(project, duplicate)
        .into_iter()
        .map(|claim| {
            let mut updated = claim.clone();
            let links_keep = claim.sources.iter().any(|l| &l.source == keep);
            updated.sources.retain(|l| !(links_keep && &l.source == duplicate));
            for link in &mut updated.sources {
                if &link.source == duplicate {
                    link.source = keep.clone();
                }
            }
            updated.modified = now.clone();
            Edit::Claim(RecordEdit::Replace(updated))
        })
        .collect();
    edits.push(Edit::Source(RecordEdit::Remove(duplicate.clone())));
    Some(Edit::Batch(edits))
}

/// One batch that unlinks `source` from every claim that links it (setting their
/// modified time to `now`) and removes `source`; `None` when it is missing.
pub fn delete_source_edit(project: &Project, source: &SourceId, now: &Timestamp) -> Option<Edit> {
    project.source(source)?;
    let mut edits: Vec<Edit> = claims_linking(project, source)
        .into_iter()
        .map(|claim| {
            let mut updated = claim.clone();
            updated.sources.retain(|l| &l.source != source);
            updated.modified = now.clone();
            Edit::Claim(RecordEdit::Replace(updated))
        })
        .collect();
    edits.push(Edit::Source(RecordEdit::Remove(source.clone())));
    Some(Edit::Batch(edits))
}

/// The documents whose outlet is `outlet`, in project order.
pub fn documents_of_outlet<'a>(project: &'a Project, outlet: &OutletId) -> Vec<&'a Document> {
    project.documents.iter().filter(|d| d.outlet.as_ref() == Some(outlet)).collect()
}

/// The claims that link `source`, in project order.
pub fn claims_linking<'a>(project: &'a Project, source: &SourceId) -> Vec<&'a Claim> {
    project.claims.iter().filter(|c| c.sources.iter().any(|l| &l.source == source)).collect()
}

// ---------------------------------------------------------------------------------------
// Widgets shared by both windows

/// The filter box and the add button; returns whether "add" was clicked.
fn toolbar_ui(
    ui: &mut egui::Ui,
    filter: &mut String,
    what: &str,
    hint: &str,
    add: &str,
    add_hover: &str,
) -> bool {
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
        ui.button(add).on_hover_text(add_hover).clicked()
    })
    .inner
}

/// A single-line text field of one record. `change` turns the typed text into the edit
/// to push (or `None` when nothing changes); leaving the field ends the undo step.
#[allow(clippy::too_many_arguments)] // One call per field reads better than a builder here.
fn text_field_ui(
    ui: &mut egui::Ui,
    id: Id,
    accessible_name: String,
    value: &str,
    hint: &str,
    width: f32,
    focus: bool,
    commands: &mut CommandSink<'_>,
    change: impl FnOnce(String) -> Option<AppCommand>,
) {
    let mut text = value.to_owned();
    // Sized explicitly: inside a Grid a text field only gets the column's width of the
    // previous frame, which starts narrow and would stay so.
    let size = egui::vec2(width, ui.spacing().interact_size.y);
    let response = ui
        .add_sized(size, TextEdit::singleline(&mut text).id(id).hint_text(hint))
        .accessible_name(accessible_name);
    if focus {
        response.request_focus();
        response.scroll_to_me(None);
        // Select the placeholder name, so typing replaces it.
        let mut edit_state = egui::text_edit::TextEditState::load(ui.ctx(), id).unwrap_or_default();
        edit_state.cursor.set_char_range(Some(egui::text_selection::CCursorRange::select_all_str(value)));
        edit_state.store(ui.ctx(), id);
    }
    if response.changed()
        && let Some(action) = change(text)
    {
        commands.send(action);
    }
    if response.lost_focus() {
        commands.send(AppCommand::SealHistory);
    }
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

/// A small square in a label's colour.
fn swatch_ui(ui: &mut egui::Ui, colour: egui::Color32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    ui.painter().rect_filled(rect, 2.0, colour);
}

fn label_colour(project: &Project, set: LabelSet, id: &LabelId) -> egui::Color32 {
    project
        .taxonomy
        .label(set, id)
        .and_then(|l| parse_colour(&l.colour))
        .map_or(egui::Color32::GRAY, |[r, g, b]| egui::Color32::from_rgb(r, g, b))
}

fn header_ui(ui: &mut egui::Ui, titles: &[&str]) {
    for title in titles {
        ui.label(RichText::new(*title).strong());
    }
    ui.end_row();
}

/// Whether the keyboard focus is in one of the fields of a record (a row stays visible
/// while it is edited, even when the typed text no longer matches the filter).
fn row_has_focus(focused: Option<Id>, kind: &str, record: &str, fields: &[&str]) -> bool {
    focused.is_some_and(|focused| fields.iter().any(|field| field_id(kind, record, field) == focused))
}

/// The confirm and cancel buttons of a confirmation; returns `Some(true)` on confirm,
/// `Some(false)` on cancel.
fn confirm_buttons_ui(ui: &mut egui::Ui, confirm: &str, hover: &str) -> Option<bool> {
    ui.horizontal(|ui| {
        if ui.button(confirm).on_hover_text(hover).clicked() {
            return Some(true);
        }
        if ui.button("Cancel").clicked() {
            return Some(false);
        }
        None
    })
    .inner
}

/// A list of lines in a scroll area of limited height.
fn reference_list_ui(ui: &mut egui::Ui, salt: &str, lines: &[String]) {
    egui::ScrollArea::vertical().id_salt(salt).max_height(140.0).auto_shrink([false, true]).show(ui, |ui| {
        for line in lines {
            ui.label(line);
        }
    });
}

// ---------------------------------------------------------------------------------------
// Outlets

const OUTLET_FIELDS: [&str; 5] = ["name", "domain", "country", "owner", "notes"];

impl OutletsWindow {
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
            self.view.pending = None;
            return;
        }
        let view = &mut self.view;
        egui::Window::new("Outlets")
            .id(outlets_window_id())
            .open(open)
            .default_pos([40.0, 60.0])
            .default_size([1280.0, 460.0])
            .vscroll(false)
            .show(ctx, |ui| outlets_ui(ui, cx, view, commands));
    }
}

fn outlets_ui(
    ui: &mut egui::Ui,
    cx: &ViewContext<'_>,
    view: &mut ManagerUi<OutletId>,
    commands: &mut CommandSink<'_>,
) {
    let focus_new = view.focus_new.take();
    let add = toolbar_ui(
        ui,
        &mut view.filter,
        "outlets",
        "name, domain, country, owner, notes",
        "Add outlet",
        "Add an outlet with affiliation \"unknown\"",
    );
    if add {
        let outlet = Outlet {
            id: OutletId::new(commands.next_id(prefix::OUTLET)),
            name: "New outlet".into(),
            domain: None,
            country: None,
            affiliation: LabelId::new("unknown"),
            owner: None,
            notes: String::new(),
        };
        view.filter.clear();
        view.focus_new = Some(outlet.id.clone());
        commands.send(AppCommand::Edit {
            edit: Edit::Outlet(Edit::append(outlet)),
            label: "Add outlet".into(),
            merge_key: None,
        });
    }

    let project = cx.project;
    if view.pending.as_ref().is_some_and(|p| !p.is_valid(|id| project.outlet(id).is_some())) {
        view.pending = None;
    }
    outlet_pending_ui(ui, project, view, commands);
    ui.separator();

    let mut documents: HashMap<&OutletId, Vec<&Document>> = HashMap::new();
    for document in &project.documents {
        if let Some(outlet) = &document.outlet {
            documents.entry(outlet).or_default().push(document);
        }
    }
    let filter = view.filter.trim().to_lowercase();
    let focused = ui.memory(|m| m.focused());
    let rows: Vec<&Outlet> = project
        .outlets
        .iter()
        .filter(|o| {
            outlet_matches(project, o, &filter)
                || row_has_focus(focused, "outlet", o.id.as_str(), &OUTLET_FIELDS)
                || focus_new.as_ref() == Some(&o.id)
        })
        .collect();
    ui.weak(format!("{} of {} outlets", rows.len(), project.outlets.len()));

    egui::ScrollArea::both().id_salt("outlets-scroll").auto_shrink([false, false]).show(ui, |ui| {
        egui::Grid::new("outlets-grid").striped(true).num_columns(10).spacing([8.0, 4.0]).show(ui, |ui| {
            header_ui(
                ui,
                &["Id", "Name", "Affiliation", "Domain", "Country", "Owner", "Notes", "Documents", "", ""],
            );
            for outlet in &rows {
                let used_by = documents.get(&outlet.id).map_or(&[][..], Vec::as_slice);
                let focus = focus_new.as_ref() == Some(&outlet.id);
                outlet_row_ui(ui, project, outlet, used_by, focus, view, commands);
                ui.end_row();
            }
        });
        if project.outlets.is_empty() {
            ui.label("No outlets yet. \"Add outlet\" creates one; documents are linked to outlets in the inspector.");
        } else if rows.is_empty() {
            ui.label("No outlet matches the filter.");
        }
    });
}

fn outlet_matches(project: &Project, outlet: &Outlet, filter: &str) -> bool {
    if filter.is_empty() {
        return true;
    }
    let affiliation = project.taxonomy.name_of(LabelSet::Affiliation, &outlet.affiliation);
    [
        Some(outlet.id.as_str()),
        Some(outlet.name.as_str()),
        Some(affiliation),
        outlet.domain.as_deref(),
        outlet.country.as_deref(),
        outlet.owner.as_deref(),
        Some(outlet.notes.as_str()),
    ]
    .into_iter()
    .flatten()
    .any(|text| text.to_lowercase().contains(filter))
}

/// The edit that replaces `outlet` by its changed copy, merged with the typing in the
/// same field; `None` when nothing changes.
fn edit_outlet(
    outlet: &Outlet,
    label: &str,
    field: Option<&str>,
    change: impl FnOnce(&mut Outlet),
) -> Option<AppCommand> {
    let mut updated = outlet.clone();
    change(&mut updated);
    (updated != *outlet).then(|| AppCommand::Edit {
        edit: Edit::Outlet(RecordEdit::Replace(updated)),
        label: label.to_owned(),
        merge_key: field.map(|field| format!("{}/{field}", outlet.id)),
    })
}

fn outlet_row_ui(
    ui: &mut egui::Ui,
    project: &Project,
    outlet: &Outlet,
    used_by: &[&Document],
    focus: bool,
    view: &mut ManagerUi<OutletId>,
    commands: &mut CommandSink<'_>,
) {
    let id = outlet.id.as_str();
    let field = |name: &str| field_id("outlet", id, name);
    ui.label(RichText::new(id).small().weak());

    let hint = "name (required)";
    text_field_ui(
        ui,
        field("name"),
        format!("Name of {id}"),
        &outlet.name,
        hint,
        160.0,
        focus,
        commands,
        |text| edit_outlet(outlet, "Edit outlet name", Some("name"), |o| o.name = text),
    );

    ui.horizontal(|ui| {
        swatch_ui(ui, label_colour(project, LabelSet::Affiliation, &outlet.affiliation));
        let mut chosen: Option<LabelId> = None;
        let current = project.taxonomy.name_of(LabelSet::Affiliation, &outlet.affiliation);
        let response = egui::ComboBox::from_id_salt(("outlet-affiliation", id))
            .selected_text(current)
            .width(160.0)
            .show_ui(ui, |ui| {
                for label in &project.taxonomy.affiliations {
                    ui.horizontal(|ui| {
                        swatch_ui(ui, label_colour(project, LabelSet::Affiliation, &label.id));
                        let selected = label.id == outlet.affiliation;
                        if ui
                            .selectable_label(selected, &label.name)
                            .on_hover_text(&label.description)
                            .clicked()
                        {
                            chosen = Some(label.id.clone());
                        }
                    });
                }
            })
            .response;
        response.accessible_name(format!("Affiliation of {id}"));
        if let Some(affiliation) = chosen
            && let Some(action) =
                edit_outlet(outlet, "Change affiliation", None, |o| o.affiliation = affiliation)
        {
            commands.send(action);
        }
    });

    ui.horizontal(|ui| {
        let domain = outlet.domain.as_deref().unwrap_or_default();
        text_field_ui(
            ui,
            field("domain"),
            format!("Domain of {id}"),
            domain,
            "example.com",
            130.0,
            false,
            commands,
            |text| edit_outlet(outlet, "Edit outlet domain", Some("domain"), |o| o.domain = optional(text)),
        );
        match domain_url(domain) {
            Some(url) => open_link_ui(ui, url, commands),
            None if !domain.trim().is_empty() => no_link_ui(ui, "not a domain"),
            None => {}
        }
    });

    let country = outlet.country.as_deref().unwrap_or_default();
    text_field_ui(
        ui,
        field("country"),
        format!("Country of {id}"),
        country,
        "country",
        90.0,
        false,
        commands,
        |text| edit_outlet(outlet, "Edit outlet country", Some("country"), |o| o.country = optional(text)),
    );
    let owner = outlet.owner.as_deref().unwrap_or_default();
    text_field_ui(
        ui,
        field("owner"),
        format!("Owner of {id}"),
        owner,
        "owner or parent",
        130.0,
        false,
        commands,
        |text| edit_outlet(outlet, "Edit outlet owner", Some("owner"), |o| o.owner = optional(text)),
    );
    text_field_ui(
        ui,
        field("notes"),
        format!("Notes of {id}"),
        &outlet.notes,
        "notes",
        180.0,
        false,
        commands,
        |text| edit_outlet(outlet, "Edit outlet notes", Some("notes"), |o| o.notes = text),
    );

    let count = ui.label(used_by.len().to_string());
    if used_by.is_empty() {
        count.on_hover_text("No document names this outlet.");
    } else {
        let titles: Vec<String> = used_by.iter().take(30).map(|d| excerpt(&d.title, 80)).collect();
        count.on_hover_text(titles.join("\n"));
    }

    ui.push_id(("outlet-merge", id), |ui| {
        let others: Vec<&Outlet> = project.outlets.iter().filter(|o| o.id != outlet.id).collect();
        let response = ui
            .add_enabled_ui(!others.is_empty(), |ui| {
                ui.menu_button("Merge into…", |ui| {
                    ui.label(format!("Keep which outlet? \"{}\" is merged into it:", outlet.name));
                    for other in &others {
                        if ui.button(format!("{} ({})", other.name, other.id)).clicked() {
                            view.pending =
                                Some(Pending::Merge { duplicate: outlet.id.clone(), keep: other.id.clone() });
                        }
                    }
                })
                .response
            })
            .inner;
        response.accessible_name(format!("Merge {id} into another outlet")).on_hover_text(
            "This outlet is a duplicate: move its documents to the outlet to keep, then remove it",
        );
    });
    ui.push_id(("outlet-delete", id), |ui| {
        let response = ui.button("Delete").accessible_name(format!("Delete {id}"));
        if response.on_hover_text("Remove this outlet (asks first)").clicked() {
            view.pending = Some(Pending::Delete(outlet.id.clone()));
        }
    });
}

fn outlet_pending_ui(
    ui: &mut egui::Ui,
    project: &Project,
    view: &mut ManagerUi<OutletId>,
    commands: &mut CommandSink<'_>,
) {
    let Some(pending) = view.pending.clone() else {
        return;
    };
    let name = |id: &OutletId| project.outlet(id).map_or(id.as_str(), |o| o.name.as_str()).to_owned();
    egui::Frame::group(ui.style()).show(ui, |ui| match &pending {
        Pending::Merge { duplicate, keep } => {
            let moved = documents_of_outlet(project, duplicate);
            ui.label(
                RichText::new(format!(
                    "Merge \"{}\" ({duplicate}) into \"{}\" ({keep})?",
                    name(duplicate),
                    name(keep)
                ))
                .strong(),
            );
            ui.label(match moved.len() {
                0 => format!("No document names \"{}\"; it is removed.", name(duplicate)),
                1 => {
                    format!("This document will name \"{}\"; \"{}\" is removed:", name(keep), name(duplicate))
                }
                n => format!(
                    "These {n} documents will name \"{}\"; \"{}\" is removed:",
                    name(keep),
                    name(duplicate)
                ),
            });
            let lines: Vec<String> = moved.iter().map(|d| excerpt(&d.title, 100)).collect();
            reference_list_ui(ui, "outlet-merge-list", &lines);
            match confirm_buttons_ui(ui, "Merge outlets", "One step: Ctrl+Z undoes the whole merge") {
                Some(true) => {
                    if let Some(edit) = merge_outlets_edit(project, duplicate, keep) {
                        commands.send(AppCommand::Edit {
                            edit,
                            label: "Merge outlets".into(),
                            merge_key: None,
                        });
                        commands.send(AppCommand::Status(format!(
                            "Merged \"{}\" into \"{}\" (Ctrl+Z undoes it)",
                            name(duplicate),
                            name(keep)
                        )));
                    }
                    view.pending = None;
                }
                Some(false) => view.pending = None,
                None => {}
            }
        }
        Pending::Delete(outlet) => {
            let used_by = documents_of_outlet(project, outlet);
            ui.label(RichText::new(format!("Delete the outlet \"{}\" ({outlet})?", name(outlet))).strong());
            if used_by.is_empty() {
                ui.label("No document names it.");
            } else {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "{} document(s) name this outlet; their outlet becomes \"not recorded\":",
                        used_by.len()
                    ),
                );
                let lines: Vec<String> = used_by.iter().map(|d| excerpt(&d.title, 100)).collect();
                reference_list_ui(ui, "outlet-delete-list", &lines);
            }
            match confirm_buttons_ui(ui, "Delete outlet", "One step: Ctrl+Z brings it back") {
                Some(true) => {
                    if let Some(edit) = delete_outlet_edit(project, outlet) {
                        commands.send(AppCommand::Edit {
                            edit,
                            label: "Delete outlet".into(),
                            merge_key: None,
                        });
                        commands.send(AppCommand::Status(format!(
                            "Deleted the outlet \"{}\" (Ctrl+Z brings it back)",
                            name(outlet)
                        )));
                    }
                    view.pending = None;
                }
                Some(false) => view.pending = None,
                None => {}
            }
        }
    });
}

// ---------------------------------------------------------------------------------------
// Sources

const SOURCE_FIELDS: [&str; 4] = ["title", "url", "publisher", "notes"];

impl SourcesWindow {
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
            self.view.pending = None;
            return;
        }
        let view = &mut self.view;
        egui::Window::new("Sources")
            .id(sources_window_id())
            .open(open)
            .default_pos([70.0, 90.0])
            .default_size([1280.0, 460.0])
            .vscroll(false)
            .show(ctx, |ui| sources_ui(ui, cx, view, commands));
    }
}

fn sources_ui(
    ui: &mut egui::Ui,
    cx: &ViewContext<'_>,
    view: &mut ManagerUi<SourceId>,
    commands: &mut CommandSink<'_>,
) {
    let focus_new = view.focus_new.take();
    let add = toolbar_ui(
        ui,
        &mut view.filter,
        "sources",
        "title, URL, publisher, kind, notes",
        "Add source",
        "Add a source; link it to claims in the inspector",
    );
    if add {
        let source = Source {
            id: SourceId::new(commands.next_id(prefix::SOURCE)),
            title: "New source".into(),
            url: None,
            publisher: None,
            kind: SourceKind::Article,
            notes: String::new(),
        };
        view.filter.clear();
        view.focus_new = Some(source.id.clone());
        commands.send(AppCommand::Edit {
            edit: Edit::Source(Edit::append(source)),
            label: "Add source".into(),
            merge_key: None,
        });
    }

    let project = cx.project;
    if view.pending.as_ref().is_some_and(|p| !p.is_valid(|id| project.source(id).is_some())) {
        view.pending = None;
    }
    source_pending_ui(ui, project, view, commands);
    ui.separator();

    let mut linked: HashMap<&SourceId, Vec<&Claim>> = HashMap::new();
    for claim in &project.claims {
        let mut seen: Vec<&SourceId> = Vec::new();
        for link in &claim.sources {
            if !seen.contains(&&link.source) {
                seen.push(&link.source);
                linked.entry(&link.source).or_default().push(claim);
            }
        }
    }
    let filter = view.filter.trim().to_lowercase();
    let focused = ui.memory(|m| m.focused());
    let rows: Vec<&Source> = project
        .sources
        .iter()
        .filter(|s| {
            source_matches(s, &filter)
                || row_has_focus(focused, "source", s.id.as_str(), &SOURCE_FIELDS)
                || focus_new.as_ref() == Some(&s.id)
        })
        .collect();
    ui.weak(format!("{} of {} sources", rows.len(), project.sources.len()));

    egui::ScrollArea::both().id_salt("sources-scroll").auto_shrink([false, false]).show(ui, |ui| {
        egui::Grid::new("sources-grid").striped(true).num_columns(9).spacing([8.0, 4.0]).show(ui, |ui| {
            header_ui(ui, &["Id", "Title", "URL", "Publisher", "Kind", "Notes", "Claims", "", ""]);
            for source in &rows {
                let claims = linked.get(&source.id).map_or(&[][..], Vec::as_slice);
                let focus = focus_new.as_ref() == Some(&source.id);
                source_row_ui(ui, project, source, claims, focus, view, commands);
                ui.end_row();
            }
        });
        if project.sources.is_empty() {
            ui.label("No sources yet. \"Add source\" creates one; link sources to claims in the inspector.");
        } else if rows.is_empty() {
            ui.label("No source matches the filter.");
        }
    });
}

fn source_matches(source: &Source, filter: &str) -> bool {
    if filter.is_empty() {
        return true;
    }
    [
        Some(source.id.as_str()),
        Some(source.title.as_str()),
        source.url.as_deref(),
        source.publisher.as_deref(),
        Some(source.kind.name()),
        Some(source.notes.as_str()),
    ]
    .into_iter()
    .flatten()
    .any(|text| text.to_lowercase().contains(filter))
}

/// The edit that replaces `source` by its changed copy; `None` when nothing changes.
fn edit_source(
    source: &Source,
    label: &str,
    field: Option<&str>,
    change: impl FnOnce(&mut Source),
) -> Option<AppCommand> {
    let mut updated = source.clone();
    change(&mut updated);
    (updated != *source).then(|| AppCommand::Edit {
        edit: Edit::Source(RecordEdit::Replace(updated)),
        label: label.to_owned(),
        merge_key: field.map(|field| format!("{}/{field}", source.id)),
    })
}

/// "“quote…” in Document title" for a claim.
fn claim_line(project: &Project, claim: &Claim) -> String {
    let document = project.document(&claim.document).map_or(claim.document.as_str(), |d| d.title.as_str());
    format!("“{}” in {}", excerpt(&claim.quote.exact, 80), excerpt(document, 60))
}

fn source_row_ui(
    ui: &mut egui::Ui,
    project: &Project,
    source: &Source,
    claims: &[&Claim],
    focus: bool,
    view: &mut ManagerUi<SourceId>,
    commands: &mut CommandSink<'_>,
) {
    let id = source.id.as_str();
    let field = |name: &str| field_id("source", id, name);
    ui.label(RichText::new(id).small().weak());

    text_field_ui(
        ui,
        field("title"),
        format!("Title of {id}"),
        &source.title,
        "title",
        200.0,
        focus,
        commands,
        |text| edit_source(source, "Edit source title", Some("title"), |s| s.title = text),
    );

    ui.horizontal(|ui| {
        let url = source.url.as_deref().unwrap_or_default();
        text_field_ui(
            ui,
            field("url"),
            format!("URL of {id}"),
            url,
            "https://…",
            200.0,
            false,
            commands,
            |text| edit_source(source, "Edit source URL", Some("url"), |s| s.url = optional(text)),
        );
        match web_url(url) {
            Some(url) => open_link_ui(ui, url, commands),
            None if !url.trim().is_empty() => no_link_ui(ui, "not a web link"),
            None => {}
        }
    });

    let publisher = source.publisher.as_deref().unwrap_or_default();
    text_field_ui(
        ui,
        field("publisher"),
        format!("Publisher of {id}"),
        publisher,
        "publisher",
        130.0,
        false,
        commands,
        |text| {
            edit_source(source, "Edit source publisher", Some("publisher"), |s| s.publisher = optional(text))
        },
    );

    let mut chosen: Option<SourceKind> = None;
    let response = egui::ComboBox::from_id_salt(("source-kind", id))
        .selected_text(source.kind.name())
        .width(150.0)
        .show_ui(ui, |ui| {
            for kind in SourceKind::ALL {
                if ui.selectable_label(kind == source.kind, kind.name()).clicked() {
                    chosen = Some(kind);
                }
            }
        })
        .response;
    response.accessible_name(format!("Kind of {id}"));
    if let Some(kind) = chosen
        && let Some(action) = edit_source(source, "Change source kind", None, |s| s.kind = kind)
    {
        commands.send(action);
    }

    text_field_ui(
        ui,
        field("notes"),
        format!("Notes of {id}"),
        &source.notes,
        "notes",
        180.0,
        false,
        commands,
        |text| edit_source(source, "Edit source notes", Some("notes"), |s| s.notes = text),
    );

    let count = ui.label(claims.len().to_string());
    if claims.is_empty() {
        count.on_hover_text("No claim links this source.");
    } else {
        let lines: Vec<String> = claims.iter().take(30).map(|c| claim_line(project, c)).collect();
        count.on_hover_text(lines.join("\n"));
    }

    ui.push_id(("source-merge", id), |ui| {
        let others: Vec<&Source> = project.sources.iter().filter(|s| s.id != source.id).collect();
        let response = ui
            .add_enabled_ui(!others.is_empty(), |ui| {
                ui.menu_button("Merge into…", |ui| {
                    ui.label(format!(
                        "Keep which source? \"{}\" is merged into it:",
                        excerpt(&source.title, 60)
                    ));
                    for other in &others {
                        if ui.button(format!("{} ({})", excerpt(&other.title, 60), other.id)).clicked() {
                            view.pending =
                                Some(Pending::Merge { duplicate: source.id.clone(), keep: other.id.clone() });
                        }
                    }
                })
                .response
            })
            .inner;
        response.accessible_name(format!("Merge {id} into another source")).on_hover_text(
            "This source is a duplicate: move its claim links to the source to keep, then remove it",
        );
    });
    ui.push_id(("source-delete", id), |ui| {
        let response = ui.button("Delete").accessible_name(format!("Delete {id}"));
        if response.on_hover_text("Remove this source (asks first)").clicked() {
            view.pending = Some(Pending::Delete(source.id.clone()));
        }
    });
}

fn source_pending_ui(
    ui: &mut egui::Ui,
    project: &Project,
    view: &mut ManagerUi<SourceId>,
    commands: &mut CommandSink<'_>,
) {
    let Some(pending) = view.pending.clone() else {
        return;
    };
    let title = |id: &SourceId| project.source(id).map_or(id.as_str().to_owned(), |s| excerpt(&s.title, 60));
    egui::Frame::group(ui.style()).show(ui, |ui| match &pending {
        Pending::Merge { duplicate, keep } => {
            let moved = claims_linking(project, duplicate);
            ui.label(
                RichText::new(format!(
                    "Merge \"{}\" ({duplicate}) into \"{}\" ({keep})?",
                    title(duplicate),
                    title(keep)
                ))
                .strong(),
            );
            ui.label(match moved.len() {
                0 => format!("No claim links \"{}\"; it is removed.", title(duplicate)),
                n => format!(
                    "{n} claim(s) will link \"{}\" instead (once, if they link both); \"{}\" is removed:",
                    title(keep),
                    title(duplicate)
                ),
            });
            let lines: Vec<String> = moved.iter().map(|c| claim_line(project, c)).collect();
            reference_list_ui(ui, "source-merge-list", &lines);
            match confirm_buttons_ui(ui, "Merge sources", "One step: Ctrl+Z undoes the whole merge") {
                Some(true) => {
                    if let Some(edit) = merge_sources_edit(project, duplicate, keep, &Timestamp::now()) {
                        commands.send(AppCommand::Edit {
                            edit,
                            label: "Merge sources".into(),
                            merge_key: None,
                        });
                        commands.send(AppCommand::Status(format!(
                            "Merged \"{}\" into \"{}\" (Ctrl+Z undoes it)",
                            title(duplicate),
                            title(keep)
                        )));
                    }
                    view.pending = None;
                }
                Some(false) => view.pending = None,
                None => {}
            }
        }
        Pending::Delete(source) => {
            let linking = claims_linking(project, source);
            ui.label(RichText::new(format!("Delete the source \"{}\" ({source})?", title(source))).strong());
            if linking.is_empty() {
                ui.label("No claim links it.");
            } else {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("{} claim(s) link this source; it is unlinked from them:", linking.len()),
                );
                let lines: Vec<String> = linking.iter().map(|c| claim_line(project, c)).collect();
                reference_list_ui(ui, "source-delete-list", &lines);
            }
            match confirm_buttons_ui(ui, "Delete source", "One step: Ctrl+Z brings it back with its links") {
                Some(true) => {
                    if let Some(edit) = delete_source_edit(project, source, &Timestamp::now()) {
                        commands.send(AppCommand::Edit {
                            edit,
                            label: "Delete source".into(),
                            merge_key: None,
                        });
                        commands.send(AppCommand::Status(format!(
                            "Deleted the source \"{}\" (Ctrl+Z brings it back)",
                            title(source)
                        )));
                    }
                    view.pending = None;
                }
                Some(false) => view.pending = None,
                None => {}
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::model::{ClaimId, DocumentId, SourceLink, Taxonomy};
    use std::sync::Arc;

    #[test]
    fn only_http_and_https_urls_are_web_links() {
        assert_eq!(web_url(" https://example.org/a "), Some("https://example.org/a".into()));
        assert_eq!(web_url("HTTP://example.org"), Some("http://example.org".into()));
        for url in [
            "javascript:alert(1)",
            "file:///etc/passwd",
            "data:text/html,x",
            "https://",
            "https:///x",
            "ftp://x.org",
            "example.org",
            "https://a\u{7}b",
        ] {
            assert_eq!(web_url(url), None, "{url}");
        }
    }

    #[test]
    fn domains_open_over_https_and_nothing_else_does() {
        assert_eq!(domain_url("sputnikglobe.com"), Some("https://sputnikglobe.com".into()));
        assert_eq!(domain_url("arabnews.com/opinion"), Some("https://arabnews.com/opinion".into()));
        assert_eq!(domain_url("http://defence.pk"), Some("http://defence.pk".into()));
        for domain in ["javascript:alert(1)", "file:///etc", "localhost", "", "a b.com", ".com", "x.org/a b"]
        {
            assert_eq!(domain_url(domain), None, "{domain}");
        }
    }

    fn project() -> Project {
        let mut project = Project::new("t", Taxonomy::builtin());
        for (id, name) in [("outlet-1", "Keep"), ("outlet-2", "Duplicate")] {
            project.outlets.push(Outlet {
                id: OutletId::new(id),
                name: name.into(),
                domain: None,
                country: None,
                affiliation: LabelId::new("unknown"),
                owner: None,
                notes: String::new(),
            });
        }
        for (id, title) in [("source-1", "Keep"), ("source-2", "Duplicate")] {
            project.sources.push(Source {
                id: SourceId::new(id),
                title: title.into(),
                url: None,
                publisher: None,
                kind: SourceKind::Report,
                notes: String::new(),
            });
        }
        let text = "One claim. Two claims. Three claims.";
        for (index, outlet) in
            [Some("outlet-2"), Some("outlet-1"), Some("outlet-2"), None].into_iter().enumerate()
        {
            project.documents.push(Document {
                id: DocumentId::new(format!("doc-{index}")),
                title: format!("Document {index}"),
                outlet: outlet.map(OutletId::new),
                genre: None,
                url: None,
                published: None,
                author: None,
                captured: None,
                notes: String::new(),
                text: Arc::from(text),
            });
        }
        let link = |source: &str, relation: &str| SourceLink {
            source: SourceId::new(source),
            relation: LabelId::new(relation),
        };
        let links = [
            vec![link("source-2", "cited")],
            vec![link("source-1", "supports"), link("source-2", "cited")],
            vec![link("source-1", "cited")],
        ];
        for (index, sources) in links.into_iter().enumerate() {
            let span = CharSpan::new(0, 3);
            project.claims.push(Claim {
                sources,
                ..Claim::new(
                    ClaimId::new(format!("claim-{index}")),
                    DocumentId::new("doc-0"),
                    span,
                    QuoteSelector::capture(text, span).unwrap(),
                    LabelId::new("statistic"),
                    LabelId::new("unverified"),
                    Timestamp::from_unix(1),
                )
            });
        }
        project
    }

    #[test]
    fn merging_outlets_moves_documents_and_undoes_in_one_step() {
        let original = project();
        let mut project = original.clone();
        let edit =
            merge_outlets_edit(&project, &OutletId::new("outlet-2"), &OutletId::new("outlet-1")).unwrap();
        let inverse = edit.apply(&mut project).unwrap();
        assert!(project.outlet(&OutletId::new("outlet-2")).is_none());
        let outlets: Vec<Option<&str>> =
            project.documents.iter().map(|d| d.outlet.as_ref().map(OutletId::as_str)).collect();
        assert_eq!(outlets, [Some("outlet-1"), Some("outlet-1"), Some("outlet-1"), None]);
        inverse.apply(&mut project).unwrap();
        assert_eq!(project, original);
        assert!(
            merge_outlets_edit(&project, &OutletId::new("outlet-1"), &OutletId::new("outlet-1")).is_none()
        );
        assert!(
            merge_outlets_edit(&project, &OutletId::new("outlet-9"), &OutletId::new("outlet-1")).is_none()
        );
    }

    #[test]
    fn deleting_an_outlet_clears_it_from_documents() {
        let original = project();
        let mut project = original.clone();
        let inverse =
            delete_outlet_edit(&project, &OutletId::new("outlet-2")).unwrap().apply(&mut project).unwrap();
        assert!(project.outlet(&OutletId::new("outlet-2")).is_none());
        assert!(project.documents.iter().all(|d| d.outlet.as_ref().is_none_or(|o| o.as_str() == "outlet-1")));
        assert_eq!(project.documents[1].outlet, Some(OutletId::new("outlet-1")));
        inverse.apply(&mut project).unwrap();
        assert_eq!(project, original);
    }

    #[test]
    fn merging_sources_keeps_one_link_per_claim() {
        let original = project();
        let mut project = original.clone();
        let now = Timestamp::from_unix(1_800_000_000);
        let edit = merge_sources_edit(&project, &SourceId::new("source-2"), &SourceId::new("source-1"), &now)
            .unwrap();
        let inverse = edit.apply(&mut project).unwrap();
        assert!(project.source(&SourceId::new("source-2")).is_none());
        let links = |i: usize| -> Vec<(String, String)> {
            project.claims[i].sources.iter().map(|l| (l.source.to_string(), l.relation.to_string())).collect()
        };
        assert_eq!(links(0), [("source-1".to_owned(), "cited".to_owned())]);
        // Claim 1 linked both: the link to the kept source stays, with its relation.
        assert_eq!(links(1), [("source-1".to_owned(), "supports".to_owned())]);
        assert_eq!(links(2), [("source-1".to_owned(), "cited".to_owned())]);
        assert_eq!(project.claims[0].modified, now);
        assert_eq!(project.claims[2].modified, Timestamp::from_unix(1), "an untouched claim keeps its time");
        inverse.apply(&mut project).unwrap();
        assert_eq!(project, original);
    }

    #[test]
    fn deleting_a_source_unlinks_it_from_claims() {
        let original = project();
        let mut project = original.clone();
        let now = Timestamp::from_unix(1_800_000_000);
        let inverse = delete_source_edit(&project, &SourceId::new("source-2"), &now)
            .unwrap()
            .apply(&mut project)
            .unwrap();
        assert!(project.source(&SourceId::new("source-2")).is_none());
        assert!(project.claims.iter().all(|c| c.sources.iter().all(|l| l.source.as_str() != "source-2")));
        assert_eq!(project.claims[1].sources.len(), 1);
        assert_eq!(project.claims[1].modified, now);
        inverse.apply(&mut project).unwrap();
        assert_eq!(project, original);
    }
}
