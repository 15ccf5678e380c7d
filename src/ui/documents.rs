//! The documents list: each document's title, outlet, affiliation badge and claim
//! count, with a filter box. Clicking a row shows the document.

use super::app::{Action, AppState};
use crate::model::{Document, LabelSet, Project, parse_colour};
use std::collections::HashMap;

/// The documents panel.
pub fn documents_ui(ui: &mut egui::Ui, state: &mut AppState, actions: &mut Vec<Action>) {
    ui.heading("Documents");
    ui.horizontal(|ui| {
        let label = ui.label("Filter:");
        ui.add(
            egui::TextEdit::singleline(&mut state.document_filter).hint_text("title, outlet, affiliation"),
        )
        .labelled_by(label.id);
    });
    ui.separator();
    let project = &state.open.project;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for claim in &project.claims {
        *counts.entry(claim.document.as_str()).or_default() += 1;
    }
    let filter = state.document_filter.trim().to_lowercase();
    // Documents that tell the selected claim's group, marked in the list.
    let group = state.selected_claim.as_ref().and_then(|id| project.claim(id)).and_then(|c| c.group.as_ref());
    let in_group: std::collections::HashSet<&str> = match group {
        Some(group) => project
            .claims
            .iter()
            .filter(|c| c.group.as_ref() == Some(group))
            .map(|c| c.document.as_str())
            .collect(),
        None => std::collections::HashSet::new(),
    };
    egui::ScrollArea::vertical().id_salt("documents-scroll").show(ui, |ui| {
        for document in &project.documents {
            let outlet = project.outlet_of(document);
            let outlet_name = outlet.map_or("no outlet recorded", |o| o.name.as_str());
            let affiliation = outlet.map(|o| project.taxonomy.name_of(LabelSet::Affiliation, &o.affiliation));
            if !filter.is_empty() {
                let haystack =
                    format!("{} {outlet_name} {}", document.title, affiliation.unwrap_or_default())
                        .to_lowercase();
                if !haystack.contains(&filter) {
                    continue;
                }
            }
            let selected = state.current_document.as_ref() == Some(&document.id);
            let count = counts.get(document.id.as_str()).copied().unwrap_or(0);
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
                        ui.small(crate::text::count(count, "claim"));
                        if in_group.contains(document.id.as_str()) {
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
                actions.push(Action::SelectDocument(document.id.clone()));
            }
            ui.add_space(4.0);
        }
    });
}

/// A small coloured badge with a label's name.
pub fn label_badge(ui: &mut egui::Ui, project: &Project, set: LabelSet, id: &crate::model::LabelId) {
    let label = project.taxonomy.label(set, id);
    let name = label.map_or(id.as_str(), |l| l.name.as_str());
    let colour = label
        .and_then(|l| parse_colour(&l.colour))
        .map_or(egui::Color32::GRAY, |[r, g, b]| egui::Color32::from_rgb(r, g, b));
    let text_colour =
        if (u32::from(colour.r()) * 299 + u32::from(colour.g()) * 587 + u32::from(colour.b()) * 114) / 1000
            > 150
        {
            egui::Color32::BLACK
        } else {
            egui::Color32::WHITE
        };
    egui::Frame::new().fill(colour).corner_radius(4.0).inner_margin(egui::Margin::symmetric(4, 1)).show(
        ui,
        |ui| {
            ui.label(egui::RichText::new(name).small().color(text_colour));
        },
    );
}

/// Outlet, affiliation, genre and date of a document, for the reader's header.
pub fn document_badges_ui(ui: &mut egui::Ui, project: &Project, document: &Document) {
    match project.outlet_of(document) {
        Some(outlet) => {
            ui.label(&outlet.name);
            label_badge(ui, project, LabelSet::Affiliation, &outlet.affiliation);
        }
        None => {
            ui.label("no outlet recorded");
        }
    }
    if let Some(genre) = &document.genre {
        label_badge(ui, project, LabelSet::Genre, genre);
    }
    ui.label(document.published.as_deref().unwrap_or("undated"));
}
