//! Checking a saved web page before it becomes a document: what the article extraction
//! found (title, address, author, date, the site as the outlet, and the text) shown in a
//! window to correct, one page after the other; nothing is added until the reviewer says
//! so. Text files are added at once; only pages wait here.

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use super::widgets::field_label;
use crate::edit::Edit;
use crate::model::{Document, LabelId, Outlet, OutletId, is_partial_date, prefix};

/// A page waiting to be checked: the document made of it, and the site the page names
/// when no outlet of the project has that name.
#[derive(Clone, Debug)]
pub struct PageDraft {
    /// The page's file name.
    pub file: String,
    /// The document as the extraction made it.
    pub document: Document,
    /// The site the page names, to create as the outlet.
    pub site: Option<String>,
}

/// Which outlet the document will have.
#[derive(Clone, Debug, PartialEq)]
enum OutletChoice {
    None,
    Existing(OutletId),
    New(String),
}

/// The window and the pages waiting in it.
#[derive(Default)]
pub struct PagePreview {
    /// Pages not yet added nor discarded, first shown first.
    pub pages: Vec<PageDraft>,
    /// The outlet chosen for the first page (`None` until it is shown).
    choice: Option<OutletChoice>,
    /// The affiliation of a new outlet for it (unknown when not chosen).
    affiliation: Option<LabelId>,
}

impl PagePreview {
    /// Queues pages to check.
    pub fn add(&mut self, pages: Vec<PageDraft>) {
        self.pages.extend(pages);
    }

    /// Shows the first page waiting, if any.
    pub fn show(&mut self, ctx: &egui::Context, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) {
        let waiting = self.pages.len();
        let Some(page) = self.pages.first_mut() else {
            return;
        };
        let project = cx.project;
        let choice = self.choice.get_or_insert_with(|| match (&page.document.outlet, &page.site) {
            (Some(id), _) => OutletChoice::Existing(id.clone()),
            (None, Some(site)) => OutletChoice::New(site.clone()),
            (None, None) => OutletChoice::None,
        });
        let affiliation = &mut self.affiliation;
        let mut open = true;
        let mut decided: Option<bool> = None;
        egui::Window::new("Check the saved page").open(&mut open).default_size([620.0, 560.0]).show(
            ctx,
            |ui| {
                ui.label(format!(
                    "{}{}: what claimmark found in the page. Correct it before it becomes a document.",
                    page.file,
                    if waiting > 1 { format!(" (1 of {waiting} pages)") } else { String::new() }
                ));
                let document = &mut page.document;
                egui::Grid::new("page-fields").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
                    let label = field_label(ui, "Title");
                    ui.add(egui::TextEdit::singleline(&mut document.title).desired_width(420.0))
                        .labelled_by(label.id);
                    ui.end_row();
                    for (name, value, hint) in [
                        ("URL", &mut document.url, "https://…"),
                        ("Author", &mut document.author, "byline"),
                        ("Published", &mut document.published, "YYYY-MM-DD, YYYY-MM or YYYY"),
                    ] {
                        let label = field_label(ui, name);
                        let mut text = value.clone().unwrap_or_default();
                        let field =
                            egui::TextEdit::singleline(&mut text).hint_text(hint).desired_width(420.0);
                        if ui.add(field).labelled_by(label.id).changed() {
                            *value = Some(text.trim().to_owned()).filter(|t| !t.is_empty());
                        }
                        ui.end_row();
                    }
                    let label = field_label(ui, "Outlet");
                    let shown = match &*choice {
                        OutletChoice::None => "not recorded".to_owned(),
                        OutletChoice::Existing(id) => {
                            project.outlet(id).map_or(id.to_string(), |o| o.name.clone())
                        }
                        OutletChoice::New(name) => format!("{name} (new outlet)"),
                    };
                    egui::ComboBox::from_id_salt("page-outlet")
                        .selected_text(shown)
                        .width(420.0)
                        .show_ui(ui, |ui| {
                            ui.selectable_value(choice, OutletChoice::None, "not recorded");
                            if let Some(site) = &page.site {
                                ui.selectable_value(
                                    choice,
                                    OutletChoice::New(site.clone()),
                                    format!("{site} (new outlet)"),
                                );
                            }
                            for outlet in &project.outlets {
                                ui.selectable_value(
                                    choice,
                                    OutletChoice::Existing(outlet.id.clone()),
                                    &outlet.name,
                                );
                            }
                        })
                        .response
                        .labelled_by(label.id);
                    ui.end_row();
                    if matches!(choice, OutletChoice::New(_)) {
                        let label = field_label(ui, "Affiliation");
                        let current = affiliation.clone().unwrap_or_else(|| LabelId::new("unknown"));
                        if let Some(chosen) = super::widgets::label_combo(
                            ui,
                            project,
                            crate::model::LabelSet::Affiliation,
                            "page-affiliation",
                            Some(&current),
                            false,
                            label.id,
                        ) {
                            *affiliation = chosen;
                        }
                        ui.end_row();
                    }
                });
                if let Some(date) = &document.published
                    && !is_partial_date(date)
                {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "the date must be YYYY-MM-DD, YYYY-MM or YYYY",
                    );
                }
                let text = document.text.to_string();
                ui.horizontal(|ui| {
                    let ready = !text.trim().is_empty()
                        && document.published.as_deref().is_none_or(is_partial_date)
                        && !document.title.trim().is_empty();
                    if ui.add_enabled(ready, egui::Button::new("Add document")).clicked() {
                        decided = Some(true);
                    }
                    if ui.button("Discard page").clicked() {
                        decided = Some(false);
                    }
                    ui.small(format!(
                        "{} chars in {} paragraphs",
                        text.chars().count(),
                        text.split("\n\n").count()
                    ));
                });
                ui.separator();
                let label = ui.strong("Article text");
                let mut edited = text.clone();
                egui::ScrollArea::vertical().id_salt("page-text").show(ui, |ui| {
                    let field =
                        egui::TextEdit::multiline(&mut edited).desired_width(f32::INFINITY).desired_rows(16);
                    ui.add(field).labelled_by(label.id);
                });
                if edited != text {
                    document.text = edited.into();
                }
            },
        );
        if !open {
            decided = Some(false);
        }
        let Some(add) = decided else {
            return;
        };
        let page = self.pages.remove(0);
        let choice = self.choice.take().unwrap_or(OutletChoice::None);
        let affiliation = self.affiliation.take().unwrap_or_else(|| LabelId::new("unknown"));
        if add {
            add_page(cx.project, page, (choice, affiliation), commands);
        } else {
            commands.status(format!("{} discarded; nothing was added", page.file));
        }
    }
}

/// Adds the checked page as a document (and its outlet when new), one undo step.
fn add_page(
    project: &crate::model::Project,
    page: PageDraft,
    (choice, affiliation): (OutletChoice, LabelId),
    commands: &mut CommandSink<'_>,
) {
    let mut document = page.document;
    // The project as it is now: a page added before this one may have taken the id, or
    // created the outlet this one names.
    if project.document(&document.id).is_some() {
        let mut taken: Vec<String> = project.documents.iter().map(|d| d.id.to_string()).collect();
        let path = std::path::PathBuf::from(&page.file);
        document.id = crate::model::DocumentId::new(crate::textfile::unique_slug(&path, &mut taken));
    }
    let mut edits = Vec::new();
    document.outlet = match choice {
        OutletChoice::None => None,
        OutletChoice::Existing(id) if project.outlet(&id).is_some() => Some(id),
        OutletChoice::Existing(_) => None,
        OutletChoice::New(name) if project.outlet_by_name(&name).is_some() => {
            project.outlet_by_name(&name).map(|o| o.id.clone())
        }
        OutletChoice::New(name) => {
            let id = OutletId::new(commands.next_id(prefix::OUTLET));
            let outlet = Outlet::new(id, &name, affiliation, document.url.as_deref());
            let id = outlet.id.clone();
            edits.push(Edit::Outlet(Edit::append(outlet)));
            Some(id)
        }
    };
    let id = document.id.clone();
    let title = document.title.clone();
    edits.push(Edit::Document(Edit::append(document)));
    commands.edit(Edit::Batch(edits), "Import saved page");
    commands.send(AppCommand::SelectDocument(id));
    commands.status(format!("Added “{title}” from {}", page.file));
}
