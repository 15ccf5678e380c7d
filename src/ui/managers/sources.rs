//! The sources manager's rows: title, URL (with a link), publisher, kind and notes of
//! each source, and the claims that link it.

use super::{
    FieldInput, ManagedRecord, excerpt, field_id, no_link_ui, open_link_ui, optional, replace_command,
    text_field_ui,
};
use crate::edit::{Edit, RecordEdit, records};
use crate::model::{Claim, Project, Source, SourceId, SourceKind, Timestamp};
use crate::ui::command::{AppCommand, CommandSink};
use crate::ui::widgets::web_url;
use std::collections::HashMap;

/// The edit of one source field, merged with the typing in that field.
fn change(
    source: &Source,
    label: &str,
    field: Option<&str>,
    apply: impl FnOnce(&mut Source),
) -> Option<AppCommand> {
    replace_command(source, source.id.as_str(), label, field, |s| Edit::Source(RecordEdit::Replace(s)), apply)
}

/// "“quote…” in Document title" for a claim.
fn claim_line(project: &Project, claim: &Claim) -> String {
    let document = project.document(&claim.document).map_or(claim.document.as_str(), |d| d.title.as_str());
    format!("“{}” in {}", excerpt(&claim.quote.exact, 80), excerpt(document, 60))
}

impl ManagedRecord for Source {
    type Id = SourceId;
    const KIND: &'static str = "source";
    const ID_PREFIX: &'static str = crate::model::prefix::SOURCE;
    const PLURAL: &'static str = "sources";
    const TITLE: &'static str = "Sources";
    const POSITION: [f32; 2] = [70.0, 90.0];
    const FIELDS: &'static [&'static str] = &["title", "url", "publisher", "notes"];
    const COLUMNS: &'static [&'static str] = &["Title", "URL", "Publisher", "Kind", "Notes"];
    const FILTER_HINT: &'static str = "title, URL, publisher, kind, notes";
    const ADD: (&'static str, &'static str) =
        ("Add source", "Add a source; link it to claims in the inspector");
    const NONE_YET: &'static str =
        "No sources yet. \"Add source\" creates one; link sources to claims in the inspector.";
    const REFERENCES_COLUMN: &'static str = "Claims";
    const UNREFERENCED: &'static str = "No claim links this source.";
    const MERGE_HOVER: &'static str =
        "This source is a duplicate: move its claim links to the source to keep, then remove it";

    fn records(project: &Project) -> &[Source] {
        &project.sources
    }

    fn record_id(&self) -> &SourceId {
        &self.id
    }

    fn display_name(&self) -> String {
        excerpt(&self.title, 60)
    }

    fn placeholder(id: String) -> Source {
        Source {
            id: SourceId::new(id),
            title: "New source".into(),
            url: None,
            publisher: None,
            kind: SourceKind::Article,
            notes: String::new(),
        }
    }

    fn add(self) -> Edit {
        Edit::Source(Edit::append(self))
    }

    fn matches(&self, _project: &Project, filter: &str) -> bool {
        [
            Some(self.id.as_str()),
            Some(self.title.as_str()),
            self.url.as_deref(),
            self.publisher.as_deref(),
            Some(self.kind.name()),
            Some(self.notes.as_str()),
        ]
        .into_iter()
        .flatten()
        .any(|text| text.to_lowercase().contains(filter))
    }

    fn references(project: &Project) -> HashMap<SourceId, Vec<String>> {
        let mut linked: HashMap<SourceId, Vec<String>> = HashMap::new();
        for claim in &project.claims {
            let mut seen: Vec<&SourceId> = Vec::new();
            for link in &claim.sources {
                if !seen.contains(&&link.source) {
                    seen.push(&link.source);
                    linked.entry(link.source.clone()).or_default().push(claim_line(project, claim));
                }
            }
        }
        linked
    }

    fn fields_ui(&self, ui: &mut egui::Ui, _project: &Project, focus: bool, commands: &mut CommandSink<'_>) {
        let source = self;
        let id = source.id.as_str();
        let input = |name: &str, accessible: &str, value, hint, width| FieldInput {
            id: field_id(Self::KIND, id, name),
            accessible_name: format!("{accessible} of {id}"),
            value,
            hint,
            width,
            focus: focus && name == "title",
        };
        text_field_ui(ui, input("title", "Title", &source.title, "title", 200.0), commands, |text| {
            change(source, "Edit source title", Some("title"), |s| s.title = text)
        });
        ui.horizontal(|ui| {
            let url = source.url.as_deref().unwrap_or_default();
            text_field_ui(ui, input("url", "URL", url, "https://…", 200.0), commands, |text| {
                change(source, "Edit source URL", Some("url"), |s| s.url = optional(text))
            });
            match web_url(url) {
                Some(url) => open_link_ui(ui, url, commands),
                None if !url.trim().is_empty() => no_link_ui(ui, "not a web link"),
                None => {}
            }
        });
        let publisher = source.publisher.as_deref().unwrap_or_default();
        text_field_ui(ui, input("publisher", "Publisher", publisher, "publisher", 130.0), commands, |text| {
            change(source, "Edit source publisher", Some("publisher"), |s| s.publisher = optional(text))
        });
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
            && let Some(command) = change(source, "Change source kind", None, |s| s.kind = kind)
        {
            commands.send(command);
        }
        text_field_ui(ui, input("notes", "Notes", &source.notes, "notes", 180.0), commands, |text| {
            change(source, "Edit source notes", Some("notes"), |s| s.notes = text)
        });
    }

    fn merge(project: &Project, duplicate: &SourceId, keep: &SourceId) -> Option<Edit> {
        records::merge_sources(project, duplicate, keep, &Timestamp::now())
    }

    fn delete(project: &Project, id: &SourceId) -> Option<Edit> {
        records::delete_source(project, id, &Timestamp::now())
    }

    fn merge_consequence(count: usize, keep: &str, duplicate: &str) -> String {
        match count {
            0 => format!("No claim links \"{duplicate}\"; it is removed."),
            n => format!(
                "{n} claim(s) will link \"{keep}\" instead (once, if they link both); \"{duplicate}\" is removed:"
            ),
        }
    }

    fn delete_consequence(count: usize) -> String {
        format!("{count} claim(s) link this source; it is unlinked from them:")
    }
}
