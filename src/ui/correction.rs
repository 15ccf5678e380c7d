//! Correcting a document's text in the app: the text correction window (Edit > Correct
//! document text…: the text to edit, or a corrected file to take, applied as one undo
//! step through [`crate::edit::set_text`]) and the list of claims to re-anchor (View →
//! Claims to re-anchor: what a correction could not carry over, to place again).

use super::command::{AppCommand, CommandSink, UiCommand};
use super::session::ViewContext;
use super::widgets::excerpt;
use crate::anchor::CharIndex;
use crate::model::{DocumentId, Project, Timestamp};
use std::path::Path;

/// Longest text the window lets one edit in place (longer texts are corrected from a
/// file): egui lays a text field out whole every frame.
pub const MAX_EDITABLE_CHARS: usize = 300_000;

/// The text correction window and its draft.
#[derive(Default)]
pub struct TextCorrection {
    /// The document the draft is of.
    document: Option<DocumentId>,
    /// The corrected text as typed or loaded.
    pub draft: String,
    /// Where the draft came from, when a file.
    loaded_from: Option<String>,
    /// What applying the draft would do to the claims, as last checked (and the draft it
    /// was checked on).
    forecast: Option<(String, String)>,
}

impl TextCorrection {
    /// Takes the text of a corrected file (or a saved page's article) as the draft; the
    /// reason when it cannot be read.
    pub fn load(&mut self, path: &Path) -> Result<(), String> {
        let (text, _) = crate::textfile::read_document(path).map_err(|error| error.to_string())?;
        self.draft = text.to_string();
        let name =
            path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into());
        self.loaded_from = Some(name);
        Ok(())
    }

    /// Shows the window for the current document.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        cx: &ViewContext<'_>,
        commands: &mut CommandSink<'_>,
    ) {
        if !*open {
            // Opened again, it starts from the document's text.
            self.document = None;
            return;
        }
        // The document it was opened on, whatever the reader shows since (a draft is
        // never thrown away by a click in the documents list).
        let kept = self.document.as_ref().and_then(|id| cx.project.document(id));
        let Some(document) = kept.or_else(|| cx.document()) else {
            *open = false;
            return;
        };
        if self.document.as_ref() != Some(&document.id) {
            self.document = Some(document.id.clone());
            self.draft = document.text.to_string();
            self.loaded_from = None;
            self.forecast = None;
        }
        let mut close = false;
        egui::Window::new("Correct document text").open(open).default_size([860.0, 640.0]).show(ctx, |ui| {
            ui.label(format!("“{}”", excerpt(&document.title, 80)));
            ui.small(
                "Edit the text below, or load a corrected file (a .txt, or a saved page's article). \
                 Applying maps every claim through the difference: claims on unchanged words follow \
                 the text, any other is kept and flagged to place again (View > Claims to re-anchor). \
                 Ctrl+Z undoes the whole correction.",
            );
            ui.horizontal(|ui| {
                if ui.button("Load corrected file…").clicked() {
                    commands.send(AppCommand::ChooseCorrectedText);
                }
                if ui.button("Start again from the document").clicked() {
                    self.draft = document.text.to_string();
                    self.loaded_from = None;
                }
                if let Some(name) = &self.loaded_from {
                    ui.small(format!("loaded from {name}"));
                }
            });
            let chars = self.draft.chars().count();
            let same = *document.text == *self.draft;
            ui.horizontal(|ui| {
                let apply = ui
                    .add_enabled(
                        !same && !self.draft.trim().is_empty(),
                        egui::Button::new("Apply correction"),
                    )
                    .on_hover_text("Give the document this text, carrying its claims over");
                if apply.clicked() {
                    close = apply_correction(cx, &document.id, &self.draft, commands);
                }
                if ui
                    .add_enabled(!same, egui::Button::new("Check"))
                    .on_hover_text("Say what applying it would do to the claims, and change nothing")
                    .clicked()
                {
                    self.forecast = Some((self.draft.clone(), forecast(cx, &document.id, &self.draft)));
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
                ui.small(if same { "unchanged".to_owned() } else { format!("{chars} chars, changed") });
            });
            if let Some((checked, forecast)) = &self.forecast
                && *checked == self.draft
            {
                ui.label(forecast);
            }
            ui.separator();
            let label = ui.strong("Corrected text");
            egui::ScrollArea::vertical().id_salt("correction-draft").show(ui, |ui| {
                if chars > MAX_EDITABLE_CHARS {
                    ui.label(format!(
                        "This text has {chars} chars, too long to edit here; load a corrected file instead."
                    ));
                    ui.label(excerpt(&self.draft, 2000));
                } else {
                    let field = egui::TextEdit::multiline(&mut self.draft)
                        .desired_width(f32::INFINITY)
                        .desired_rows(20)
                        .id_salt("correction-text");
                    ui.add(field).labelled_by(label.id);
                }
            });
        });
        if close {
            *open = false;
            self.document = None;
        }
    }
}

/// What applying `text` would do to the document's claims, in words.
fn forecast(cx: &ViewContext<'_>, document: &DocumentId, text: &str) -> String {
    match crate::edit::set_text(cx.project, document, text, &Timestamp::now(), None) {
        Err(error) => error.to_string(),
        Ok(retext) => {
            let ids: std::collections::HashSet<&crate::model::ClaimId> = retext.flagged.iter().collect();
            let flagged: Vec<String> = cx
                .project
                .claims
                .iter()
                .filter(|c| ids.contains(&c.id))
                .take(5)
                .map(|c| format!("{} “{}”", c.id, excerpt(&c.quote.exact, 60)))
                .collect();
            let mut said = format!(
                "Applying it: {} unchanged, {} moved, {} to re-anchor",
                crate::text::count(retext.unchanged, "claim"),
                retext.moved,
                retext.flagged.len()
            );
            if !flagged.is_empty() {
                said.push_str(&format!(
                    " ({}{})",
                    flagged.join(", "),
                    if retext.flagged.len() > 5 { ", …" } else { "" }
                ));
            }
            said
        }
    }
}

/// Applies the draft as the document's text; `true` when it was sent.
fn apply_correction(
    cx: &ViewContext<'_>,
    document: &DocumentId,
    text: &str,
    commands: &mut CommandSink<'_>,
) -> bool {
    let project = cx.project;
    let by = project.reviewer_by_name(&cx.settings.reviewer).map(|r| &r.id);
    let retext = match crate::edit::set_text(project, document, text, &Timestamp::now(), by) {
        Ok(retext) => retext,
        Err(error) => {
            commands
                .send(AppCommand::Error { title: "Correction failed".into(), message: error.to_string() });
            return false;
        }
    };
    let Some(edit) = retext.edit else {
        return false;
    };
    commands.send(AppCommand::Edit { edit, label: "Correct document text".into(), merge_key: None });
    let mut message = format!(
        "Text corrected: {} unchanged, {} moved, {} to re-anchor",
        crate::text::count(retext.unchanged, "claim"),
        retext.moved,
        retext.flagged.len()
    );
    if retext.restored > 0 {
        message.push_str(&format!(", {} placed again", retext.restored));
    }
    if retext.passages_dropped > 0 {
        message.push_str(&format!("; {} passages left empty were dropped", retext.passages_dropped));
    }
    commands.status(message);
    if !retext.flagged.is_empty() {
        commands.send(AppCommand::ShowReanchor);
    }
    true
}

/// The claims to re-anchor, for the list (kept per project version).
#[derive(Default)]
pub struct ReanchorWindow {
    shown: Option<(u64, Vec<Flagged>)>,
}

/// A claim to re-anchor, as the list shows it.
struct Flagged {
    id: crate::model::ClaimId,
    document: String,
    kind: String,
    /// Its old text.
    was: String,
    /// The text at its span now, if any.
    now: Option<String>,
}

fn flagged(project: &Project) -> Vec<Flagged> {
    let documents = project.documents_by_id();
    let mut indexes: std::collections::HashMap<&DocumentId, CharIndex<'_>> = std::collections::HashMap::new();
    let mut list = Vec::new();
    for claim in project.claims.iter().filter(|c| c.needs_reanchoring) {
        let document = documents.get(&claim.document);
        let now = document.and_then(|d| {
            let index = indexes.entry(&claim.document).or_insert_with(|| CharIndex::new(&d.text));
            index.slice(claim.span).filter(|s| !s.trim().is_empty()).map(|s| excerpt(s, 120))
        });
        list.push(Flagged {
            id: claim.id.clone(),
            document: document.map_or_else(|| claim.document.to_string(), |d| excerpt(&d.title, 60)),
            kind: project.taxonomy.name_of(crate::model::LabelSet::ClaimKind, &claim.kind).to_owned(),
            was: excerpt(&claim.quote.exact, 160),
            now,
        });
    }
    list
}

impl ReanchorWindow {
    /// Shows the list.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        cx: &ViewContext<'_>,
        commands: &mut CommandSink<'_>,
    ) {
        if !*open {
            return;
        }
        let version = cx.version();
        if self.shown.as_ref().is_none_or(|(v, _)| *v != version) {
            self.shown = Some((version, flagged(cx.project)));
        }
        let shown = self.shown.as_ref().map_or(&[][..], |(_, s)| s.as_slice());
        let place_key = UiCommand::PlaceClaim.shortcut_text(ctx);
        // Over the lower part of the text, clear of the inspector it sends the reader to.
        let window = egui::Window::new("Claims to re-anchor").open(open).default_size([560.0, 360.0]);
        let window = window.default_pos(ctx.content_rect().left_bottom() + egui::vec2(300.0, -400.0));
        window.show(ctx, |ui| {
            if shown.is_empty() {
                ui.label("No claim needs re-anchoring: every claim sits on the words it quotes.");
                return;
            }
            ui.label(format!(
                "{} whose words a text correction changed. Show selects one in the text; select the words \
                 it should sit on and press {place_key} (or Place on selection). Keep here takes the words \
                 that replaced its old ones.",
                crate::text::count(shown.len(), "claim")
            ));
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                for item in shown {
                    ui.push_id(item.id.as_str(), |ui| {
                        ui.horizontal_wrapped(|ui| {
                            ui.strong(item.id.as_str());
                            ui.label(format!("{} · {}", item.kind, item.document));
                        });
                        ui.label(format!("was: “{}”", item.was));
                        match &item.now {
                            Some(now) => ui.label(format!("now there: “{now}”")),
                            None => ui.weak("its text was deleted"),
                        };
                        ui.horizontal(|ui| {
                            if ui.button("Show").clicked() {
                                commands.send(AppCommand::SelectClaim(Some(item.id.clone())));
                            }
                            if ui
                                .button("Place on selection")
                                .on_hover_text("Put the claim on the text selected in the reader")
                                .clicked()
                            {
                                commands.send(AppCommand::SelectClaimInText(Some(item.id.clone())));
                                commands.send(AppCommand::Run(UiCommand::PlaceClaim));
                            }
                            if item.now.is_some()
                                && ui
                                    .button("Keep here")
                                    .on_hover_text(
                                        "The words that took the place of its old ones are the claim",
                                    )
                                    .clicked()
                                && let Some(claim) = cx.project.claim(&item.id)
                                && let Some(edit) = crate::edit::place_claim(
                                    cx.project,
                                    &item.id,
                                    claim.span,
                                    Timestamp::now(),
                                )
                            {
                                commands.send(AppCommand::Edit {
                                    edit,
                                    label: "Re-anchor claim".into(),
                                    merge_key: None,
                                });
                                commands.send(AppCommand::SelectClaim(Some(item.id.clone())));
                                commands.status(format!(
                                    "{} kept on the words that replaced its old ones",
                                    item.id
                                ));
                            }
                        });
                        ui.separator();
                    });
                }
            });
        });
    }
}
