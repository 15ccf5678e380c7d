//! Search in the current text (Ctrl+F): a bar above the reader with the query, the
//! number of matches, and next / previous (Enter / Shift+Enter). Matches are char
//! spans, highlighted by the reader; case is ignored unless asked.

use super::command::{AppCommand, CommandSink, UiCommand};
use super::session::ViewContext;
use super::type_ahead::TypeAhead;
use crate::anchor::CharSpan;
use crate::model::DocumentId;

/// The search bar and its state.
#[derive(Debug, Default)]
pub struct SearchBar {
    /// Whether the bar is shown.
    pub open: bool,
    /// What to look for.
    pub query: String,
    /// Match case exactly.
    pub match_case: bool,
    /// The current match.
    pub current: Option<usize>,
    /// Put the focus in the query field next frame.
    pub focus_requested: bool,
    /// Keys typed after Ctrl+F, before the field could take them.
    type_ahead: TypeAhead,
    /// Matches of `query` in `document`, computed for that query.
    cached: Option<(DocumentId, String, bool, usize)>,
    matches: Vec<CharSpan>,
}

impl SearchBar {
    /// Shows the bar and puts the focus in its field (Ctrl+F), with the last query
    /// selected so that typing replaces it.
    pub fn start(&mut self) {
        self.open = true;
        self.focus_requested = true;
    }

    /// Holds keys typed right after Ctrl+F for the field.
    pub fn hold_keys(&mut self, keys: TypeAhead) {
        self.type_ahead.append(keys);
    }

    /// Forgets the matches (another project is open).
    pub fn clear(&mut self) {
        self.cached = None;
        self.matches.clear();
        self.current = None;
    }

    /// The matches in `document`, if they were computed for it.
    pub fn matches_for(&self, document: &DocumentId) -> &[CharSpan] {
        match &self.cached {
            Some((id, ..)) if id == document => &self.matches,
            _ => &[],
        }
    }

    fn update(&mut self, document: &DocumentId, text: &str) {
        let key = (document.clone(), self.query.clone(), self.match_case, text.len());
        if self.cached.as_ref() == Some(&key) {
            return;
        }
        self.matches = find_all(text, &self.query, self.match_case);
        self.current = if self.matches.is_empty() { None } else { Some(0) };
        self.cached = Some(key);
    }
}

/// Every occurrence of `query` in `text` as char spans, ignoring case unless
/// `match_case`. Case folding is per char (`char::to_lowercase`), so offsets stay
/// those of the original text.
pub fn find_all(text: &str, query: &str, match_case: bool) -> Vec<CharSpan> {
    if query.is_empty() {
        return Vec::new();
    }
    let fold = |c: char| -> char { if match_case { c } else { c.to_lowercase().next().unwrap_or(c) } };
    let haystack: Vec<char> = text.chars().map(fold).collect();
    let needle: Vec<char> = query.chars().map(fold).collect();
    let mut matches = Vec::new();
    let mut start = 0;
    while start + needle.len() <= haystack.len() {
        if haystack[start..start + needle.len()] == needle[..] {
            matches.push(CharSpan::new(start, start + needle.len()));
            start += needle.len();
        } else {
            start += 1;
        }
    }
    matches
}

impl SearchBar {
    /// Shows the bar (when open) above the reader; a match chosen is sent as
    /// [`AppCommand::SelectText`].
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) {
        if !self.open {
            return;
        }
        let Some(document) = cx.document() else {
            return;
        };
        let (document_id, text) = (document.id.clone(), document.text.clone());
        let search = self;
        let mut step: Option<bool> = None;
        let mut close = false;
        ui.horizontal(|ui| {
            let label = ui.label("Find:");
            let field_id = ui.make_persistent_id("search-query");
            let focus_now = std::mem::take(&mut search.focus_requested);
            if focus_now {
                // The focus first, the last query selected, then the keys typed since
                // Ctrl+F: the field takes them all this frame.
                ui.memory_mut(|m| m.request_focus(field_id));
                select_all(ui.ctx(), field_id, &search.query);
                ui.input_mut(|i| search.type_ahead.release(i));
            }
            // Read Enter and Escape before the field acts on them (it gives up the focus).
            let (enter, shift, escape) = ui.input(|i| {
                (i.key_pressed(egui::Key::Enter), i.modifiers.shift, i.key_pressed(egui::Key::Escape))
            });
            let response = ui.add(
                egui::TextEdit::singleline(&mut search.query)
                    .id(field_id)
                    .desired_width(260.0)
                    .hint_text("text in this document"),
            );
            let response = response.labelled_by(label.id);
            if focus_now {
                // Again once the field exists this frame (a modal that just closed, the
                // palette, may have taken the first request back).
                response.request_focus();
            }
            if response.lost_focus() && enter {
                // Enter: next match, Shift+Enter: previous; the field keeps the focus so
                // Enter can be pressed again.
                step = Some(!shift);
                response.request_focus();
            }
            if response.lost_focus() && escape {
                close = true;
            }
            ui.checkbox(&mut search.match_case, "Match case");
            search.update(&document_id, &text);
            let count = search.matches.len();
            let position = search.current.map_or(0, |c| c + 1);
            ui.label(if search.query.is_empty() {
                String::new()
            } else if count == 0 {
                "no matches".to_owned()
            } else {
                format!("{position} of {count}")
            });
            if ui.add_enabled(count > 0, egui::Button::new("Previous")).on_hover_text("Shift+Enter").clicked()
            {
                step = Some(false);
            }
            if ui.add_enabled(count > 0, egui::Button::new("Next")).on_hover_text("Enter").clicked() {
                step = Some(true);
            }
            if ui.button("Close").on_hover_text("Escape").clicked() {
                close = true;
            }
        });
        let count = search.matches.len();
        if let (Some(forward), true) = (step, count > 0) {
            let current = search.current.unwrap_or(0);
            let next = if forward { (current + 1) % count } else { (current + count - 1) % count };
            // The first Enter goes to the first match itself.
            let next = if search.current.is_none() { 0 } else { next };
            search.current = Some(next);
            let span = search.matches[next];
            commands.send(AppCommand::SelectText(span));
        }
        if close {
            search.open = false;
            search.clear();
            commands.run(UiCommand::FocusText);
        }
    }
}

/// Selects all of `text` in the single-line field `id`.
pub fn select_all(ctx: &egui::Context, id: egui::Id, text: &str) {
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    let all = egui::text::CCursorRange::two(
        egui::text::CCursor::new(0),
        egui::text::CCursor::new(text.chars().count()),
    );
    state.cursor.set_char_range(Some(all));
    state.store(ctx, id);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_match_in_chars_ignoring_case() {
        let text = "Daesh’s subsidiaries … presence of DAESH; daesh";
        let matches = find_all(text, "daesh", false);
        assert_eq!(matches.len(), 3);
        for span in &matches {
            assert_eq!(span.slice(text).unwrap().to_lowercase(), "daesh");
        }
        assert_eq!(find_all(text, "daesh", true).len(), 1);
        assert_eq!(
            find_all("چو کشور نباشد کشور", "کشور", true),
            vec![CharSpan::new(3, 7), CharSpan::new(14, 18)]
        );
        assert!(find_all(text, "", false).is_empty());
    }
}
