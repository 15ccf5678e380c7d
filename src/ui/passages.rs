//! Passages from other outlets in the app: the window that marks one from the text
//! selection (Ctrl+Shift+O: whose text it is, typed with completion, its address, date
//! and a note) and the inspector's list of the current document's passages, each
//! editable. Every change is one edit of the document.

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use super::widgets::{excerpt, field_label};
use crate::anchor::CharSpan;
use crate::edit::{Edit, RecordEdit};
use crate::model::{
    Document, DocumentId, LabelId, LabelSet, Outlet, OutletId, Project, QuotedPassage, is_partial_date,
    prefix,
};

/// A passage being marked: the document, the span and the fields typed so far.
#[derive(Clone, Debug, Default)]
pub struct PassageDraft {
    /// The document.
    pub document: Option<DocumentId>,
    /// The selected chars.
    pub span: CharSpan,
    /// The outlet's name as typed (an outlet of the project, or a new one).
    pub outlet: String,
    /// Its address.
    pub url: String,
    /// Its date.
    pub published: String,
    /// A note.
    pub note: String,
    /// The affiliation of a new outlet (unknown when not chosen).
    pub affiliation: Option<LabelId>,
}

/// The window that marks a passage.
#[derive(Default)]
pub struct PassageWindow {
    /// The passage being marked, while the window is open.
    pub draft: Option<PassageDraft>,
    focus: bool,
}

/// Which outlet a typed name means: one of the project's (its name, or the only one whose
/// name holds the text), else a new one.
fn outlet_for<'a>(project: &'a Project, typed: &str) -> Option<&'a Outlet> {
    let typed = typed.trim();
    if typed.is_empty() {
        return None;
    }
    if let Some(outlet) = project.outlet_by_name(typed) {
        return Some(outlet);
    }
    let lower = typed.to_lowercase();
    let mut holding = project.outlets.iter().filter(|o| o.name.to_lowercase().contains(&lower));
    match (holding.next(), holding.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

impl PassageWindow {
    /// Opens the window for `span` of `document`, with the outlet of the passage marked
    /// last in that document as a start.
    pub fn start(&mut self, project: &Project, document: &DocumentId, span: CharSpan) {
        let last = project.document(document).and_then(|d| d.passages.last());
        let outlet = last.and_then(|p| project.outlet(&p.outlet)).map(|o| o.name.clone()).unwrap_or_default();
        self.draft =
            Some(PassageDraft { document: Some(document.clone()), span, outlet, ..PassageDraft::default() });
        self.focus = true;
    }

    /// Shows the window while a passage is being marked.
    pub fn show(&mut self, ctx: &egui::Context, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) {
        let Some(draft) = &mut self.draft else {
            return;
        };
        let Some(document) = draft.document.as_ref().and_then(|id| cx.project.document(id)) else {
            self.draft = None;
            return;
        };
        let project = cx.project;
        let mut open = true;
        let mut done = false;
        egui::Window::new("Mark passage from another outlet")
            .open(&mut open)
            // Beside the text, not over the selection it marks.
            .default_pos(ctx.content_rect().right_top() + egui::vec2(-800.0, 80.0))
            .collapsible(false)
            .default_width(420.0)
            .show(ctx, |ui| {
                // Counted from the start up to the span only, not an index of the whole text each frame.
                let text = draft.span.slice(&document.text).unwrap_or_default();
                ui.label(format!("“{}” ({} chars)", excerpt(text, 160), draft.span.len()));
                ui.small(
                    "Its claims count for this outlet in the comparison and the exports, with the \
                     document's own outlet as the one it came via.",
                );
                let mut confirm = false;
                egui::Grid::new("passage-fields").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
                    let label = field_label(ui, "Outlet");
                    let field = ui.add(
                        egui::TextEdit::singleline(&mut draft.outlet)
                            .hint_text("whose text it is: a name")
                            .desired_width(240.0),
                    );
                    let field = field.labelled_by(label.id);
                    if std::mem::take(&mut self.focus) {
                        field.request_focus();
                    }
                    confirm |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    ui.end_row();
                    ui.label("");
                    match outlet_for(project, &draft.outlet) {
                        Some(outlet) => ui.small(format!(
                            "= {} ({})",
                            outlet.name,
                            project.taxonomy.name_of(LabelSet::Affiliation, &outlet.affiliation)
                        )),
                        None if draft.outlet.trim().is_empty() => ui.small("type an outlet's name"),
                        None => ui.small(format!("= a new outlet “{}”", draft.outlet.trim())),
                    };
                    ui.end_row();
                    if outlet_for(project, &draft.outlet).is_none() && !draft.outlet.trim().is_empty() {
                        let label = field_label(ui, "Affiliation");
                        let current = draft.affiliation.clone().unwrap_or_else(|| LabelId::new("unknown"));
                        if let Some(chosen) = super::widgets::label_combo(
                            ui,
                            project,
                            LabelSet::Affiliation,
                            "passage-affiliation",
                            Some(&current),
                            false,
                            label.id,
                        ) {
                            draft.affiliation = chosen;
                        }
                        ui.end_row();
                    }
                    for (name, value, hint) in [
                        ("URL", &mut draft.url, "where the outlet published it"),
                        ("Published", &mut draft.published, "YYYY-MM-DD, YYYY-MM or YYYY"),
                        ("Note", &mut draft.note, "how you found it and where it ends"),
                    ] {
                        let label = field_label(ui, name);
                        let field =
                            ui.add(egui::TextEdit::singleline(value).hint_text(hint).desired_width(240.0));
                        let field = field.labelled_by(label.id);
                        confirm |= field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        ui.end_row();
                    }
                });
                let date = draft.published.trim();
                let date_ok = date.is_empty() || is_partial_date(date);
                if !date_ok {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "the date must be YYYY-MM-DD, YYYY-MM or YYYY",
                    );
                }
                let ready = !draft.outlet.trim().is_empty() && date_ok;
                ui.horizontal(|ui| {
                    confirm |= ui.add_enabled(ready, egui::Button::new("Mark passage")).clicked();
                    if ui.button("Cancel").clicked() {
                        done = true;
                    }
                });
                if confirm && ready {
                    done = mark_passage(project, document, draft, commands);
                }
            });
        if !open || done {
            self.draft = None;
            commands.send(AppCommand::Run(super::command::UiCommand::FocusText));
            // The claims under the new passage show again, not the selection over them.
            commands.send(AppCommand::Run(super::command::UiCommand::Deselect));
        }
    }
}

/// Sends the edit that marks the draft's passage (and adds its outlet when new); `false`
/// with a message when it overlaps another passage.
fn mark_passage(
    project: &Project,
    document: &Document,
    draft: &PassageDraft,
    commands: &mut CommandSink<'_>,
) -> bool {
    let span = draft.span;
    let mut edits = Vec::new();
    let outlet = match outlet_for(project, &draft.outlet) {
        Some(outlet) => outlet.id.clone(),
        None => {
            let id = OutletId::new(commands.next_id(prefix::OUTLET));
            let affiliation = draft.affiliation.clone().unwrap_or_else(|| LabelId::new("unknown"));
            let outlet = Outlet::new(id, &draft.outlet, affiliation, Some(draft.url.trim()));
            let id = outlet.id.clone();
            edits.push(Edit::Outlet(Edit::append(outlet)));
            id
        }
    };
    let text = |value: &str| Some(value.trim().to_owned()).filter(|v| !v.is_empty());
    let passage = QuotedPassage {
        span,
        outlet: outlet.clone(),
        url: text(&draft.url),
        published: text(&draft.published),
        note: draft.note.trim().to_owned(),
    };
    match Edit::add_passage(document, passage) {
        Ok(added) => edits.push(added),
        Err(other) => {
            let name = project.outlet(&other.outlet).map_or(other.outlet.as_str(), |o| o.name.as_str());
            commands.status(format!(
                "Not marked: it overlaps the passage from {name} (chars {}–{}); passages do not overlap",
                other.span.start, other.span.end
            ));
            return false;
        }
    }
    commands.edit(Edit::Batch(edits), "Mark passage");
    let name = project.outlet(&outlet).map_or_else(|| draft.outlet.trim().to_owned(), |o| o.name.clone());
    let inside = project.claims_starting_in(&document.id, span);
    commands.status(format!(
        "Passage from {name} marked: {} in it now count for {name}",
        crate::text::count(inside, "claim")
    ));
    true
}

/// The inspector's list of the current document's passages, each editable.
pub fn passages_ui(
    ui: &mut egui::Ui,
    cx: &ViewContext<'_>,
    document: &Document,
    commands: &mut CommandSink<'_>,
) {
    let project = cx.project;
    let key = super::command::UiCommand::MarkPassage.shortcut_text(ui.ctx());
    if document.passages.is_empty() {
        ui.small(format!(
            "No passages from other outlets. Select a quoted or republished text and press {key} to mark one."
        ));
        return;
    }
    let edit = |commands: &mut CommandSink<'_>,
                i: usize,
                label: &str,
                merge: Option<&str>,
                change: &dyn Fn(&mut QuotedPassage)| {
        let mut updated = document.clone();
        change(&mut updated.passages[i]);
        if updated != *document {
            commands.send(AppCommand::Edit {
                edit: Edit::Document(RecordEdit::Replace(updated)),
                label: label.to_owned(),
                merge_key: merge.map(|m| format!("{}/passage-{i}/{m}", document.id)),
            });
        }
    };
    for (i, passage) in document.passages.iter().enumerate() {
        ui.push_id(("passage", i), |ui| {
            let name = project.outlet(&passage.outlet).map_or(passage.outlet.as_str(), |o| o.name.as_str());
            let claims = project.claims_starting_in(&document.id, passage.span);
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!("From {name}"));
                ui.small(format!(
                    "chars {}–{}, {}",
                    passage.span.start,
                    passage.span.end,
                    crate::text::count(claims, "claim")
                ));
            });
            let opening = CharSpan::new(passage.span.start, (passage.span.start + 120).min(passage.span.end));
            let opening = opening.slice(&document.text);
            let opening = opening.unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
            ui.weak(format!("“{}”", excerpt(&opening, 80)));
            egui::Grid::new("passage-grid").num_columns(2).spacing([8.0, 4.0]).show(ui, |ui| {
                let label = field_label(ui, "Outlet");
                let mut chosen = None;
                egui::ComboBox::from_id_salt("passage-outlet")
                    .selected_text(name)
                    .width(200.0)
                    .show_ui(ui, |ui| {
                        for outlet in &project.outlets {
                            if ui.selectable_label(outlet.id == passage.outlet, &outlet.name).clicked() {
                                chosen = Some(outlet.id.clone());
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                if let Some(outlet) = chosen {
                    edit(commands, i, "Change passage outlet", None, &|p| p.outlet = outlet.clone());
                }
                ui.end_row();
                type Set = fn(&mut QuotedPassage, Option<String>);
                let fields: [(&str, Option<&str>, &str, Set); 2] = [
                    ("URL", passage.url.as_deref(), "https://…", |p, v| p.url = v),
                    ("Published", passage.published.as_deref(), "YYYY-MM-DD", |p, v| p.published = v),
                ];
                for (name, value, hint, set) in fields {
                    let label = field_label(ui, name);
                    let mut text = value.unwrap_or_default().to_owned();
                    let response = ui
                        .add(egui::TextEdit::singleline(&mut text).hint_text(hint).desired_width(200.0))
                        .labelled_by(label.id);
                    if response.changed() {
                        let value = Some(text.trim().to_owned()).filter(|v| !v.is_empty());
                        edit(
                            commands,
                            i,
                            &format!("Edit passage {}", name.to_lowercase()),
                            Some(name),
                            &|p| set(p, value.clone()),
                        );
                    }
                    if response.lost_focus() {
                        commands.send(AppCommand::SealHistory);
                    }
                    ui.end_row();
                }
                let label = field_label(ui, "Note");
                let mut note = passage.note.clone();
                let field = egui::TextEdit::multiline(&mut note).desired_width(200.0).desired_rows(3);
                let response = ui.add(field).labelled_by(label.id);
                if response.changed() {
                    edit(commands, i, "Edit passage note", Some("note"), &|p| p.note = note.clone());
                }
                if response.lost_focus() {
                    commands.send(AppCommand::SealHistory);
                }
                ui.end_row();
            });
            if let Some(date) = &passage.published
                && !is_partial_date(date)
            {
                ui.colored_label(ui.visuals().warn_fg_color, "use YYYY-MM-DD, YYYY-MM or YYYY");
            }
            ui.horizontal(|ui| {
                if ui.button("Show").on_hover_text("Select the passage in the text").clicked() {
                    commands.send(AppCommand::SelectText(passage.span));
                }
                if ui
                    .button("Remove passage")
                    .on_hover_text("Its claims count for the document's outlet again")
                    .clicked()
                {
                    let mut updated = document.clone();
                    updated.passages.remove(i);
                    commands.edit(Edit::Document(RecordEdit::Replace(updated)), "Remove passage");
                }
            });
            ui.add_space(6.0);
        });
    }
}
