//! Go to (Ctrl+G): a bar above the reader that takes a claim number of the shown text
//! (in reading order), a claim id of the project, a char position (`#1234`) or a share
//! of the text (`50%`), and goes there: the claim is selected and shown, the caret put
//! at the position. For texts too long to cross with the scroll bar.

use super::command::{AppCommand, CommandSink, UiCommand};
use super::session::ViewContext;
use super::type_ahead::TypeAhead;
use crate::anchor::CharSpan;
use crate::model::{ClaimId, Document, Project};

/// The bar and its state.
#[derive(Debug, Default)]
pub struct GoToBar {
    /// Whether the bar is shown.
    pub open: bool,
    /// What was typed.
    pub query: String,
    /// Why the last try went nowhere.
    pub problem: Option<String>,
    focus_requested: bool,
    /// Keys typed after Ctrl+G, before the field could take them.
    type_ahead: TypeAhead,
}

/// Where a query leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// A claim (of any document).
    Claim(ClaimId),
    /// A char position in the shown text.
    Position(usize),
}

/// Reads `query` against the shown `document`: `12` the 12th claim of the text in
/// reading order, `#1234` (or `@1234`) char 1234, `50%` half way, anything else a claim
/// id of the project. The error says what was wrong in a user's words.
pub fn target(query: &str, project: &Project, document: &Document) -> Result<Target, String> {
    let query = query.trim();
    let chars = document.text.chars().count();
    let number = |digits: &str| digits.trim().parse::<usize>().ok();
    if query.is_empty() {
        return Err("Type a claim number, a claim id, #position or a percentage".into());
    }
    if let Some(share) = query.strip_suffix('%') {
        return match share.trim().parse::<f64>() {
            Ok(share) if (0.0..=100.0).contains(&share) => {
                Ok(Target::Position(((chars as f64) * share / 100.0).round() as usize))
            }
            _ => Err(format!("{query}: a percentage is 0% to 100%")),
        };
    }
    if let Some(position) = query.strip_prefix('#').or_else(|| query.strip_prefix('@')) {
        return match number(position) {
            Some(at) if at <= chars => Ok(Target::Position(at)),
            Some(_) => Err(format!("{query}: the text has {}", crate::text::count(chars, "char"))),
            None => Err(format!("{query}: a position is # and a number of chars (#1234)")),
        };
    }
    if let Some(n) = number(query) {
        let mut here: Vec<_> = project.claims.iter().filter(|c| c.document == document.id).collect();
        here.sort_by_key(|c| (c.span.start, c.span.end));
        return match n.checked_sub(1).and_then(|i| here.get(i)) {
            Some(claim) => Ok(Target::Claim(claim.id.clone())),
            None => Err(format!(
                "{query}: this text has {} (claim numbers count from 1 in reading order)",
                crate::text::count(here.len(), "claim")
            )),
        };
    }
    match project.claims.iter().find(|c| c.id.as_str() == query) {
        Some(claim) => Ok(Target::Claim(claim.id.clone())),
        None => Err(format!("No claim \"{query}\" in this project")),
    }
}

impl GoToBar {
    /// Holds keys typed right after Ctrl+G for the field.
    pub fn hold_keys(&mut self, keys: TypeAhead) {
        self.type_ahead.append(keys);
    }

    /// Shows the bar, empty, and puts the focus in its field (Ctrl+G).
    pub fn start(&mut self) {
        self.open = true;
        self.query.clear();
        self.focus_requested = true;
        self.problem = None;
    }

    /// Shows the bar (when open) above the reader. Enter goes (and closes the bar),
    /// Esc closes it.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) {
        if !self.open {
            return;
        }
        let Some(document) = cx.document() else {
            self.open = false;
            return;
        };
        let mut go = false;
        let mut close = false;
        ui.horizontal(|ui| {
            let label = ui.label("Go to:");
            let field_id = ui.make_persistent_id("go-to-query");
            let focus_now = std::mem::take(&mut self.focus_requested);
            if focus_now {
                ui.memory_mut(|m| m.request_focus(field_id));
                ui.input_mut(|i| self.type_ahead.release(i));
            }
            let (enter, escape) =
                ui.input(|i| (i.key_pressed(egui::Key::Enter), i.key_pressed(egui::Key::Escape)));
            let response = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id(field_id)
                        .desired_width(200.0)
                        .hint_text("12, claim-58, #1234 or 50%"),
                )
                .labelled_by(label.id);
            if focus_now {
                response.request_focus();
            }
            if response.changed() {
                self.problem = None;
            }
            go = response.lost_focus() && enter;
            close = response.lost_focus() && escape;
            ui.weak("claim number in this text, claim id, #char position or % of the text");
            if ui.small_button("Close").on_hover_text("Esc").clicked() {
                close = true;
            }
        });
        if let Some(problem) = &self.problem {
            ui.colored_label(ui.visuals().warn_fg_color, problem);
        }
        if close {
            self.open = false;
            commands.send(AppCommand::Run(UiCommand::FocusText));
        }
        if go {
            match target(&self.query, cx.project, document) {
                Ok(Target::Claim(id)) => {
                    self.open = false;
                    commands.send(AppCommand::SelectClaim(Some(id)));
                    commands.send(AppCommand::Run(UiCommand::FocusText));
                }
                Ok(Target::Position(at)) => {
                    self.open = false;
                    commands.send(AppCommand::SelectText(CharSpan::new(at, at)));
                    commands.send(AppCommand::Run(UiCommand::FocusText));
                }
                Err(problem) => {
                    self.problem = Some(problem);
                    self.focus_requested = true;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Claim, DocumentId, LabelId, Taxonomy, Timestamp};

    fn project() -> Project {
        let mut project = Project::new("go to", Taxonomy::builtin());
        let text = "One claim here, then another one, and a third one.";
        project.documents.push(Document::new(DocumentId::new("doc"), "Doc", text));
        // Added out of reading order: numbers follow the text, not the list.
        for (id, start, end) in [("claim-9", 21, 32), ("claim-2", 0, 9), ("claim-5", 38, 49)] {
            let span = CharSpan::new(start, end);
            let quote = crate::anchor::QuoteSelector::capture(text, span).unwrap();
            project.claims.push(Claim::new(
                ClaimId::new(id),
                DocumentId::new("doc"),
                span,
                quote,
                LabelId::new("statistic"),
                LabelId::new("unverified"),
                Timestamp::from_unix(0),
            ));
        }
        project
    }

    #[test]
    fn numbers_count_claims_in_reading_order_and_the_rest_are_positions_or_ids() {
        let project = project();
        let document = &project.documents[0];
        let go = |q: &str| target(q, &project, document);
        assert_eq!(go("1"), Ok(Target::Claim(ClaimId::new("claim-2"))));
        assert_eq!(go(" 2 "), Ok(Target::Claim(ClaimId::new("claim-9"))));
        assert_eq!(go("3"), Ok(Target::Claim(ClaimId::new("claim-5"))));
        assert_eq!(go("claim-9"), Ok(Target::Claim(ClaimId::new("claim-9"))));
        assert_eq!(go("#10"), Ok(Target::Position(10)));
        assert_eq!(go("@0"), Ok(Target::Position(0)));
        assert_eq!(go("50%"), Ok(Target::Position(25)), "half of 50 chars");
        assert_eq!(go("100 %"), Ok(Target::Position(50)));
        assert!(go("4").unwrap_err().contains("this text has 3 claims"));
        assert!(go("0").unwrap_err().contains("count from 1"));
        assert!(go("#51").unwrap_err().contains("the text has 50 chars"));
        assert!(go("120%").unwrap_err().contains("0% to 100%"));
        assert!(go("claim-77").unwrap_err().contains("No claim \"claim-77\""));
        assert!(go("").is_err());
    }
}
