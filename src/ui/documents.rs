//! The documents list: each document's title, outlet, affiliation badge and claim
//! count, with a filter box. Clicking a row shows the document; Ctrl+PgDn and Ctrl+PgUp
//! (`UiCommand::NextDocument`, `PreviousDocument`) step through the list as filtered.

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use super::widgets::label_badge;
use crate::model::{Document, DocumentId, GroupId, LabelSet, Project};
use std::collections::HashSet;

/// The documents panel and its filter.
#[derive(Debug, Default)]
pub struct DocumentsPanel {
    /// What the list is filtered by (title, outlet, affiliation).
    pub filter: String,
    /// The claims of each document (by position in the project), counted for the
    /// project version it holds: counting every frame walked every claim.
    counts: Option<(u64, Vec<usize>)>,
    /// The documents (by position) holding a claim of a group, for a project version.
    group_documents: Option<(u64, GroupId, HashSet<usize>)>,
}

impl DocumentsPanel {
    /// Whether `document` passes the filter (`filter` trimmed and lowercased): its
    /// title, outlet name or affiliation contains it.
    fn shows(project: &Project, document: &Document, filter: &str) -> bool {
        if filter.is_empty() {
            return true;
        }
        let outlet = project.outlet_of(document);
        let outlet_name = outlet.map_or("no outlet recorded", |o| o.name.as_str());
        let affiliation = outlet.map(|o| project.taxonomy.name_of(LabelSet::Affiliation, &o.affiliation));
        format!("{} {outlet_name} {}", document.title, affiliation.unwrap_or_default())
            .to_lowercase()
            .contains(filter)
    }

    /// The document after (or before) `current` among those the list shows, going round
    /// at the ends; `None` when the list shows no other document.
    pub fn neighbour(
        &self,
        project: &Project,
        current: Option<&DocumentId>,
        forward: bool,
    ) -> Option<DocumentId> {
        let filter = self.filter.trim().to_lowercase();
        let count = project.documents.len();
        let start = current.and_then(|id| project.documents.iter().position(|d| &d.id == id));
        (1..=count)
            .map(|step| match (start, forward) {
                (Some(at), true) => (at + step) % count,
                (Some(at), false) => (at + count - step) % count,
                // Nothing shown yet: the first (or the last) document.
                (None, true) => step - 1,
                (None, false) => count - step,
            })
            .map(|index| &project.documents[index])
            .find(|document| Self::shows(project, document, &filter) && Some(&document.id) != current)
            .map(|document| document.id.clone())
    }

    /// Shows the list; a click on a document sends [`AppCommand::SelectDocument`].
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) {
        ui.heading("Documents");
        ui.horizontal(|ui| {
            let label = ui.label("Filter:");
            ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text("title, outlet, affiliation"))
                .labelled_by(label.id);
        });
        ui.separator();
        self.list_ui(ui, cx, commands);
    }

    fn list_ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) {
        let project = cx.project;
        let version = cx.version();
        if self
            .counts
            .as_ref()
            .is_none_or(|(v, counts)| *v != version || counts.len() != project.documents.len())
        {
            let positions = project.document_positions();
            let mut counts = vec![0; project.documents.len()];
            for at in project.claim_document_positions(&positions).flatten() {
                counts[at] += 1;
            }
            self.counts = Some((version, counts));
        }
        // Documents that tell the selected claim's group, marked in the list.
        let group = cx.claim().and_then(|c| c.group.as_ref());
        match group {
            Some(group) if !matches!(&self.group_documents, Some((v, g, _)) if *v == version && g == group) =>
            {
                let positions = project.document_positions();
                let in_group = project
                    .claims
                    .iter()
                    .filter(|c| c.group.as_ref() == Some(group))
                    .filter_map(|c| positions.get(&c.document).copied())
                    .collect();
                self.group_documents = Some((version, group.clone(), in_group));
            }
            Some(_) => {}
            None => self.group_documents = None,
        }
        let counts = self.counts.as_ref().map_or(&[][..], |(_, counts)| counts.as_slice());
        let empty = HashSet::new();
        let in_group = self.group_documents.as_ref().map_or(&empty, |(_, _, documents)| documents);
        let filter = self.filter.trim().to_lowercase();
        egui::ScrollArea::vertical().id_salt("documents-scroll").show(ui, |ui| {
            for (position, document) in project.documents.iter().enumerate() {
                if !Self::shows(project, document, &filter) {
                    continue;
                }
                let outlet = project.outlet_of(document);
                let outlet_name = outlet.map_or("no outlet recorded", |o| o.name.as_str());
                let selected = cx.selection.document.as_ref() == Some(&document.id);
                let count = counts.get(position).copied().unwrap_or(0);
                let response = ui
                    .scope(|ui| {
                        let mut title = egui::RichText::new(&document.title).strong();
                        if selected {
                            title = title.color(ui.visuals().strong_text_color());
                        }
                        let response = ui.selectable_label(selected, title);
                        ui.horizontal_wrapped(|ui| {
                            ui.small(outlet_name);
                            if let Some(outlet) = outlet {
                                label_badge(ui, project, LabelSet::Affiliation, &outlet.affiliation);
                            }
                            super::widgets::small_unbroken(ui, crate::text::count(count, "claim"));
                            if in_group.contains(&position) {
                                ui.small(
                                    egui::RichText::new("tells the selected claim")
                                        .color(ui.visuals().hyperlink_color),
                                )
                                .on_hover_text("This document has a claim of the selected claim's group");
                            }
                        });
                        response
                    })
                    .inner;
                if response.clicked() {
                    commands.send(AppCommand::SelectDocument(document.id.clone()));
                }
                ui.add_space(4.0);
            }
        });
    }
}
