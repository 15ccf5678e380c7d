//! The document part of the inspector: title, outlet (or a new one), genre, URL, date,
//! author and notes of the current document, each change sent as an edit.

use crate::edit::{Edit, RecordEdit};
use crate::model::{Document, LabelId, LabelSet, Outlet, OutletId, is_partial_date, prefix};
use crate::ui::command::{AppCommand, CommandSink};
use crate::ui::session::ViewContext;
use crate::ui::widgets::{field_label, label_combo};

/// Pushes a replacement of `document` made by `change`.
fn edit_document(
    commands: &mut CommandSink<'_>,
    document: &Document,
    label: &str,
    merge_field: Option<&str>,
    change: impl FnOnce(&mut Document),
) {
    let mut updated = document.clone();
    change(&mut updated);
    if updated == *document {
        return;
    }
    commands.send(AppCommand::Edit {
        edit: Edit::Document(RecordEdit::Replace(updated)),
        label: label.to_owned(),
        merge_key: merge_field.map(|field| format!("{}/{field}", document.id)),
    });
}

/// A text field bound to an optional document field; empty text means `None`.
fn optional_text_field(
    ui: &mut egui::Ui,
    name: &str,
    value: Option<&str>,
    hint: &str,
    commands: &mut CommandSink<'_>,
    document: &Document,
    set: fn(&mut Document, Option<String>),
) -> egui::Response {
    let label = field_label(ui, name);
    let mut text = value.unwrap_or_default().to_owned();
    let response = ui
        .add(egui::TextEdit::singleline(&mut text).hint_text(hint).desired_width(200.0))
        .labelled_by(label.id);
    if response.changed() {
        let trimmed = text.trim();
        let new = (!trimmed.is_empty()).then(|| text.clone());
        edit_document(commands, document, &format!("Edit {}", name.to_lowercase()), Some(name), |d| {
            set(d, new)
        });
    }
    if response.lost_focus() {
        commands.send(AppCommand::SealHistory);
    }
    response
}

/// The fields of the current document; `new_outlet` is what is typed as the name of a
/// new outlet.
pub fn document_ui(
    ui: &mut egui::Ui,
    new_outlet: &mut String,
    cx: &ViewContext<'_>,
    document: &Document,
    commands: &mut CommandSink<'_>,
) {
    let project = cx.project;
    egui::Grid::new("document-fields").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        let label = field_label(ui, "Title");
        let mut title = document.title.clone();
        let response =
            ui.add(egui::TextEdit::singleline(&mut title).desired_width(200.0)).labelled_by(label.id);
        if response.changed() {
            edit_document(commands, document, "Edit title", Some("title"), |d| d.title = title.clone());
        }
        if response.lost_focus() {
            commands.send(AppCommand::SealHistory);
        }
        ui.end_row();

        let outlet_label = field_label(ui, "Outlet");
        let current = document.outlet.as_ref().and_then(|id| project.outlet(id));
        let mut chosen: Option<Option<OutletId>> = None;
        egui::ComboBox::from_id_salt("document-outlet")
            .selected_text(current.map_or("not recorded", |o| o.name.as_str()))
            .width(200.0)
            .show_ui(ui, |ui| {
                if ui.selectable_label(current.is_none(), "not recorded").clicked() {
                    chosen = Some(None);
                }
                for outlet in &project.outlets {
                    let affiliation = project.taxonomy.name_of(LabelSet::Affiliation, &outlet.affiliation);
                    if ui
                        .selectable_label(
                            document.outlet.as_ref() == Some(&outlet.id),
                            format!("{} ({affiliation})", outlet.name),
                        )
                        .clicked()
                    {
                        chosen = Some(Some(outlet.id.clone()));
                    }
                }
            })
            .response
            .labelled_by(outlet_label.id);
        if let Some(outlet) = chosen.filter(|o| o != &document.outlet) {
            edit_document(commands, document, "Change outlet", None, |d| d.outlet = outlet);
        }
        ui.end_row();

        if let Some(outlet) = current {
            let affiliation_label = field_label(ui, "Affiliation");
            if let Some(Some(affiliation)) = label_combo(
                ui,
                project,
                LabelSet::Affiliation,
                "outlet-affiliation",
                Some(&outlet.affiliation),
                false,
                affiliation_label.id,
            ) {
                let mut updated: Outlet = outlet.clone();
                updated.affiliation = affiliation;
                commands.send(AppCommand::Edit {
                    edit: Edit::Outlet(RecordEdit::Replace(updated)),
                    label: "Change affiliation".into(),
                    merge_key: None,
                });
            }
            ui.end_row();
        }

        let genre_label = field_label(ui, "Genre");
        if let Some(genre) = label_combo(
            ui,
            project,
            LabelSet::Genre,
            "document-genre",
            document.genre.as_ref(),
            true,
            genre_label.id,
        ) {
            edit_document(commands, document, "Change genre", None, |d| d.genre = genre);
        }
        ui.end_row();

        let response = optional_text_field(
            ui,
            "URL",
            document.url.as_deref(),
            "https://…",
            commands,
            document,
            |d, v| d.url = v,
        );
        let _ = response;
        ui.end_row();
        if let Some(url) = &document.url {
            ui.label("");
            if url.starts_with("http://") || url.starts_with("https://") {
                if ui.link("Open in browser").on_hover_text(url).clicked() {
                    commands.send(AppCommand::OpenUrl(url.clone()));
                }
            } else {
                ui.small("only http(s) links open");
            }
            ui.end_row();
        }

        optional_text_field(
            ui,
            "Published",
            document.published.as_deref(),
            "YYYY-MM-DD, YYYY-MM or YYYY",
            commands,
            document,
            |d, v| {
                d.published = v;
            },
        );
        ui.end_row();
        if let Some(date) = &document.published
            && !is_partial_date(date)
        {
            ui.label("");
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "use YYYY-MM-DD, YYYY-MM or YYYY; the file will not validate otherwise",
            );
            ui.end_row();
        }

        optional_text_field(
            ui,
            "Author",
            document.author.as_deref(),
            "byline",
            commands,
            document,
            |d, v| d.author = v,
        );
        ui.end_row();
    });

    ui.horizontal_wrapped(|ui| {
        let label = ui.label("New outlet:");
        ui.add(egui::TextEdit::singleline(new_outlet).hint_text("name").desired_width(150.0))
            .labelled_by(label.id);
        if ui
            .add_enabled(!new_outlet.trim().is_empty(), egui::Button::new("Create"))
            .on_hover_text("Create the outlet (affiliation unknown) and make it this document's")
            .clicked()
        {
            let id = OutletId::new(commands.next_id(prefix::OUTLET));
            let outlet = Outlet::new(id, new_outlet, LabelId::new("unknown"), document.url.as_deref());
            let mut updated = document.clone();
            updated.outlet = Some(outlet.id.clone());
            commands.send(AppCommand::Edit {
                edit: Edit::Batch(vec![
                    Edit::Outlet(Edit::append(outlet)),
                    Edit::Document(RecordEdit::Replace(updated)),
                ]),
                label: "Create outlet".into(),
                merge_key: None,
            });
            new_outlet.clear();
        }
    });

    let label = field_label(ui, "Notes");
    let mut notes = document.notes.clone();
    let response = ui.add(egui::TextEdit::multiline(&mut notes).desired_rows(2)).labelled_by(label.id);
    if response.changed() {
        edit_document(commands, document, "Edit document notes", Some("notes"), |d| d.notes = notes.clone());
    }
    if response.lost_focus() {
        commands.send(AppCommand::SealHistory);
    }
}
