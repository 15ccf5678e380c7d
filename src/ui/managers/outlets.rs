//! The outlets manager's rows: name, affiliation, domain (with a link), country, owner
//! and notes of each outlet, and the documents that name it.

use super::{
    FieldInput, ManagedRecord, excerpt, field_id, no_link_ui, open_link_ui, optional, replace_command,
    text_field_ui,
};
use crate::edit::{Edit, RecordEdit, records};
use crate::model::{LabelId, LabelSet, Outlet, OutletId, Project};
use crate::ui::command::{AppCommand, CommandSink};
use crate::ui::widgets::{colour_swatch, domain_url, label_colour};
use std::collections::HashMap;

/// The edit of one outlet field, merged with the typing in that field.
fn change(
    outlet: &Outlet,
    label: &str,
    field: Option<&str>,
    apply: impl FnOnce(&mut Outlet),
) -> Option<AppCommand> {
    replace_command(outlet, outlet.id.as_str(), label, field, |o| Edit::Outlet(RecordEdit::Replace(o)), apply)
}

impl ManagedRecord for Outlet {
    type Id = OutletId;
    const KIND: &'static str = "outlet";
    const ID_PREFIX: &'static str = crate::model::prefix::OUTLET;
    const PLURAL: &'static str = "outlets";
    const TITLE: &'static str = "Outlets";
    const POSITION: [f32; 2] = [40.0, 60.0];
    const FIELDS: &'static [&'static str] = &["name", "domain", "country", "owner", "notes"];
    const COLUMNS: &'static [&'static str] = &["Name", "Affiliation", "Domain", "Country", "Owner", "Notes"];
    const FILTER_HINT: &'static str = "name, domain, country, owner, notes";
    const ADD: (&'static str, &'static str) = ("Add outlet", "Add an outlet with affiliation \"unknown\"");
    const NONE_YET: &'static str =
        "No outlets yet. \"Add outlet\" creates one; documents are linked to outlets in the inspector.";
    const REFERENCES_COLUMN: &'static str = "Documents";
    const UNREFERENCED: &'static str = "No document names this outlet.";
    const MERGE_HOVER: &'static str =
        "This outlet is a duplicate: move its documents to the outlet to keep, then remove it";

    fn records(project: &Project) -> &[Outlet] {
        &project.outlets
    }

    fn record_id(&self) -> &OutletId {
        &self.id
    }

    fn display_name(&self) -> String {
        self.name.clone()
    }

    fn placeholder(id: String) -> Outlet {
        Outlet {
            id: OutletId::new(id),
            name: "New outlet".into(),
            domain: None,
            country: None,
            affiliation: LabelId::new("unknown"),
            owner: None,
            notes: String::new(),
        }
    }

    fn add(self) -> Edit {
        Edit::Outlet(Edit::append(self))
    }

    fn matches(&self, project: &Project, filter: &str) -> bool {
        let affiliation = project.taxonomy.name_of(LabelSet::Affiliation, &self.affiliation);
        [
            Some(self.id.as_str()),
            Some(self.name.as_str()),
            Some(affiliation),
            self.domain.as_deref(),
            self.country.as_deref(),
            self.owner.as_deref(),
            Some(self.notes.as_str()),
        ]
        .into_iter()
        .flatten()
        .any(|text| text.to_lowercase().contains(filter))
    }

    fn references(project: &Project) -> HashMap<OutletId, Vec<String>> {
        let mut documents: HashMap<OutletId, Vec<String>> = HashMap::new();
        for document in &project.documents {
            if let Some(outlet) = &document.outlet {
                documents.entry(outlet.clone()).or_default().push(excerpt(&document.title, 80));
            }
        }
        documents
    }

    fn fields_ui(&self, ui: &mut egui::Ui, project: &Project, focus: bool, commands: &mut CommandSink<'_>) {
        let outlet = self;
        let id = outlet.id.as_str();
        let field = |name: &str| field_id(Self::KIND, id, name);
        let input = |name: &str, accessible: &str, value, hint, width| FieldInput {
            id: field(name),
            accessible_name: format!("{accessible} of {id}"),
            value,
            hint,
            width,
            focus: focus && name == "name",
        };
        text_field_ui(ui, input("name", "Name", &outlet.name, "name (required)", 160.0), commands, |text| {
            change(outlet, "Edit outlet name", Some("name"), |o| o.name = text)
        });

        ui.horizontal(|ui| {
            colour_swatch(ui, label_colour(project, LabelSet::Affiliation, &outlet.affiliation));
            let mut chosen: Option<LabelId> = None;
            let current = project.taxonomy.name_of(LabelSet::Affiliation, &outlet.affiliation);
            let response = egui::ComboBox::from_id_salt(("outlet-affiliation", id))
                .selected_text(current)
                .width(160.0)
                .show_ui(ui, |ui| {
                    for label in &project.taxonomy.affiliations {
                        ui.horizontal(|ui| {
                            colour_swatch(ui, label_colour(project, LabelSet::Affiliation, &label.id));
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
                && let Some(command) =
                    change(outlet, "Change affiliation", None, |o| o.affiliation = affiliation)
            {
                commands.send(command);
            }
        });

        ui.horizontal(|ui| {
            let domain = outlet.domain.as_deref().unwrap_or_default();
            text_field_ui(ui, input("domain", "Domain", domain, "example.com", 130.0), commands, |text| {
                change(outlet, "Edit outlet domain", Some("domain"), |o| o.domain = optional(text))
            });
            match domain_url(domain) {
                Some(url) => open_link_ui(ui, url, commands),
                None if !domain.trim().is_empty() => no_link_ui(ui, "not a domain"),
                None => {}
            }
        });
        let country = outlet.country.as_deref().unwrap_or_default();
        text_field_ui(ui, input("country", "Country", country, "country", 90.0), commands, |text| {
            change(outlet, "Edit outlet country", Some("country"), |o| o.country = optional(text))
        });
        let owner = outlet.owner.as_deref().unwrap_or_default();
        text_field_ui(ui, input("owner", "Owner", owner, "owner or parent", 130.0), commands, |text| {
            change(outlet, "Edit outlet owner", Some("owner"), |o| o.owner = optional(text))
        });
        text_field_ui(ui, input("notes", "Notes", &outlet.notes, "notes", 180.0), commands, |text| {
            change(outlet, "Edit outlet notes", Some("notes"), |o| o.notes = text)
        });
    }

    fn merge(project: &Project, duplicate: &OutletId, keep: &OutletId) -> Option<Edit> {
        records::merge_outlets(project, duplicate, keep)
    }

    fn delete(project: &Project, id: &OutletId) -> Option<Edit> {
        records::delete_outlet(project, id)
    }

    fn merge_consequence(count: usize, keep: &str, duplicate: &str) -> String {
        match count {
            0 => format!("No document names \"{duplicate}\"; it is removed."),
            1 => format!("This document will name \"{keep}\"; \"{duplicate}\" is removed:"),
            n => format!("These {n} documents will name \"{keep}\"; \"{duplicate}\" is removed:"),
        }
    }

    fn delete_consequence(count: usize) -> String {
        format!("{count} document(s) name this outlet; their outlet becomes \"not recorded\":")
    }
}
