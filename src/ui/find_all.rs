//! Search across every document of the project (Edit → Find in all documents,
//! Ctrl+Shift+F): a window with the query, "Match case", and the matches grouped by
//! document, each with the words around it. A click on a match shows its document and
//! selects the match in the text (through [`AppCommand::SelectDocument`] and
//! [`AppCommand::SelectText`]), with the keyboard focus in the text, so that a kind's key
//! marks it at once.
//!
//! The window only reads the project. The matches come from [`find_in_documents`], a
//! plain function, computed again only when the query or the project changes.

use super::command::{AppCommand, CommandSink, UiCommand};
use super::search::find_all;
use super::session::ViewContext;
use crate::anchor::CharSpan;
use crate::model::{DocumentId, Project};
use std::sync::Arc;

/// Chars of context shown on each side of a match.
pub const CONTEXT_CHARS: usize = 40;

/// At most this many matches are listed (the count says how many there are).
pub const MAX_LISTED: usize = 500;

/// One match: where it is and the text around it, on one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundMatch {
    /// The document.
    pub document: DocumentId,
    /// The matched chars of the document's text.
    pub span: CharSpan,
    /// Up to [`CONTEXT_CHARS`] chars before the match, white space folded to spaces,
    /// starting with "…" when cut.
    pub before: String,
    /// The matched text.
    pub matched: String,
    /// Up to [`CONTEXT_CHARS`] chars after the match, like `before`.
    pub after: String,
}

/// Every match of `query` in the texts of `project`'s documents, in document order, then
/// text order; case is ignored unless `match_case` (as in the search of one text).
pub fn find_in_documents(project: &Project, query: &str, match_case: bool) -> Vec<FoundMatch> {
    let mut found = Vec::new();
    if query.is_empty() {
        return found;
    }
    for document in &project.documents {
        let spans = find_all(&document.text, query, match_case);
        if spans.is_empty() {
            continue;
        }
        let chars: Vec<char> = document.text.chars().collect();
        let piece = |from: usize, to: usize| -> String {
            chars[from..to].iter().map(|&c| if c.is_whitespace() { ' ' } else { c }).collect()
        };
        for span in spans {
            let start = span.start.saturating_sub(CONTEXT_CHARS);
            let end = (span.end + CONTEXT_CHARS).min(chars.len());
            let mut before = piece(start, span.start);
            if start > 0 {
                before.insert(0, '…');
            }
            let mut after = piece(span.end, end);
            if end < chars.len() {
                after.push('…');
            }
            found.push(FoundMatch {
                document: document.id.clone(),
                span,
                before,
                matched: piece(span.start, span.end),
                after,
            });
        }
    }
    found
}

/// What the matches were computed for: the project's content, the query and the case.
#[derive(Clone, Debug, PartialEq, Eq)]
struct SearchKey {
    project_version: u64,
    /// The address and length of the documents: the history state alone repeats when
    /// another project is opened.
    documents_address: usize,
    documents_len: usize,
    query: String,
    match_case: bool,
}

/// The window's state between frames.
#[derive(Debug, Default)]
pub struct FindAllWindow {
    /// What to look for.
    pub query: String,
    /// Match case exactly.
    pub match_case: bool,
    /// Put the focus in the query field next time the window is drawn.
    focus_requested: bool,
    cache: Option<(SearchKey, Arc<Vec<FoundMatch>>)>,
}

impl FindAllWindow {
    /// Puts the focus in the query field (Ctrl+Shift+F).
    pub fn start(&mut self) {
        self.focus_requested = true;
    }

    fn matches(&mut self, project: &Project, project_version: u64) -> Arc<Vec<FoundMatch>> {
        let key = SearchKey {
            project_version,
            documents_address: project.documents.as_ptr().addr(),
            documents_len: project.documents.len(),
            query: self.query.clone(),
            match_case: self.match_case,
        };
        match &self.cache {
            Some((cached, matches)) if *cached == key => Arc::clone(matches),
            _ => {
                let matches = Arc::new(find_in_documents(project, &self.query, self.match_case));
                self.cache = Some((key, Arc::clone(&matches)));
                matches
            }
        }
    }

    /// Shows the window while `open`; a click on a match shows it in the text.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        cx: &ViewContext<'_>,
        commands: &mut CommandSink<'_>,
    ) {
        if !*open {
            self.cache = None;
            return;
        }
        let mut close = false;
        egui::Window::new("Find in all documents")
            .open(open)
            .default_size([620.0, 460.0])
            .show(ctx, |ui| close = self.window_ui(ui, cx, commands));
        if close {
            *open = false;
            self.cache = None;
            commands.run(UiCommand::FocusText);
        }
    }

    /// The query row, the count and the matches; `true` when Escape asked to close.
    fn window_ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) -> bool {
        let project = cx.project;
        let mut close = false;
        let mut go_to_first = false;
        ui.horizontal(|ui| {
            let label = ui.label("Find in all documents:");
            // Read Enter and Escape before the field acts on them (it gives up the focus).
            let (enter, escape) =
                ui.input(|i| (i.key_pressed(egui::Key::Enter), i.key_pressed(egui::Key::Escape)));
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .desired_width(280.0)
                        .hint_text("text in any document"),
                )
                .labelled_by(label.id);
            if self.focus_requested {
                response.request_focus();
                self.focus_requested = false;
            }
            go_to_first = response.lost_focus() && enter;
            close = response.lost_focus() && escape;
            ui.checkbox(&mut self.match_case, "Match case");
        });
        let matches = self.matches(project, cx.version());
        let documents = {
            let mut documents: Vec<&DocumentId> = matches.iter().map(|m| &m.document).collect();
            documents.dedup();
            documents.len()
        };
        ui.label(if self.query.is_empty() {
            "Type to search the text of every document; click a match to go to it.".to_owned()
        } else if matches.is_empty() {
            "No matches".to_owned()
        } else if matches.len() > MAX_LISTED {
            format!(
                "{} in {}; the first {MAX_LISTED} are listed",
                crate::text::count(matches.len(), "match"),
                crate::text::count(documents, "document")
            )
        } else {
            format!(
                "{} in {}",
                crate::text::count(matches.len(), "match"),
                crate::text::count(documents, "document")
            )
        });
        ui.separator();
        let mut chosen: Option<&FoundMatch> = go_to_first.then(|| matches.first()).flatten();
        egui::ScrollArea::vertical().id_salt("find-all-results").auto_shrink([false, false]).show(ui, |ui| {
            let mut last_document: Option<&DocumentId> = None;
            for found in matches.iter().take(MAX_LISTED) {
                if last_document != Some(&found.document) {
                    last_document = Some(&found.document);
                    let title = project.document(&found.document).map_or("?", |d| d.title.as_str());
                    let count = matches.iter().filter(|m| m.document == found.document).count();
                    ui.add_space(4.0);
                    ui.horizontal_wrapped(|ui| {
                        ui.strong(title);
                        ui.weak(crate::text::count(count, "match"));
                    });
                }
                if ui.add(match_button(ui, found)).on_hover_text("Show in the text").clicked() {
                    chosen = Some(found);
                }
            }
        });
        if let Some(found) = chosen {
            commands.send(AppCommand::SelectDocument(found.document.clone()));
            commands.send(AppCommand::SelectText(found.span));
            commands.run(UiCommand::FocusText);
        }
        close
    }
}

/// A match as a frameless button: the context, with the match in strong text on the
/// search marks' colour.
fn match_button<'a>(ui: &egui::Ui, found: &FoundMatch) -> egui::Button<'a> {
    let visuals = ui.visuals();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = egui::TextFormat::simple(font.clone(), visuals.text_color());
    let mark = super::colours::ReaderColours::for_theme(visuals.dark_mode).search;
    let strong = egui::TextFormat {
        background: mark,
        color: super::colours::text_on(mark),
        ..egui::TextFormat::simple(font, visuals.strong_text_color())
    };
    let mut job = egui::text::LayoutJob::default();
    job.append(&found.before, 0.0, plain.clone());
    job.append(&found.matched, 0.0, strong);
    job.append(&found.after, 0.0, plain);
    job.wrap.max_width = ui.available_width();
    egui::Button::new(job).frame(false).wrap()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Taxonomy};

    fn project(texts: &[(&str, &str)]) -> Project {
        let mut project = Project::new("t", Taxonomy::builtin());
        for (id, text) in texts {
            project.documents.push(Document::new(DocumentId::new(*id), format!("Title {id}"), *text));
        }
        project
    }

    #[test]
    fn finds_in_every_document_with_context_on_one_line() {
        let long = format!("{}Daesh\nfighters{}", "x".repeat(50), "y".repeat(50));
        let project = project(&[("a", "No match here."), ("b", "daesh and DAESH"), ("c", &long)]);
        let found = find_in_documents(&project, "Daesh", false);
        let places: Vec<(&str, CharSpan)> = found.iter().map(|m| (m.document.as_str(), m.span)).collect();
        assert_eq!(
            places,
            [("b", CharSpan::new(0, 5)), ("b", CharSpan::new(10, 15)), ("c", CharSpan::new(50, 55))]
        );
        assert_eq!((found[0].before.as_str(), found[0].matched.as_str()), ("", "daesh"));
        assert_eq!(found[0].after, " and DAESH");
        // Cut context is marked, and the newline is a space.
        assert_eq!(found[2].before, format!("…{}", "x".repeat(CONTEXT_CHARS)));
        assert_eq!(found[2].after, format!(" fighters{}…", "y".repeat(CONTEXT_CHARS - 9)));
        assert_eq!(find_in_documents(&project, "Daesh", true).len(), 1);
        assert!(find_in_documents(&project, "", false).is_empty());
    }

    #[test]
    fn spans_are_chars_of_the_document_text() {
        let project = project(&[("fa", "چو کشور نباشد تن من مباد — کشور")]);
        for found in find_in_documents(&project, "کشور", true) {
            let text = &project.documents[0].text;
            assert_eq!(found.span.slice(text), Some("کشور"));
        }
    }
}
