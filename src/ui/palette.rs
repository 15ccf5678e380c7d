//! The command palette (Ctrl+Shift+P): type a few letters of any command's name, pick it
//! with Up/Down and Enter (or a click), and it runs as if chosen from its menu or key. The
//! list is [`UiCommand::all`], so every command is here.

use super::command::{CommandSink, Scope, UiCommand};

/// The palette and what was typed in it.
#[derive(Debug, Default)]
pub struct CommandPalette {
    open: bool,
    query: String,
    highlighted: usize,
    focus_requested: bool,
}

/// Id of the palette's text field.
pub fn query_field_id() -> egui::Id {
    egui::Id::unique("command-palette-query")
}

/// The commands whose name or tooltip has every word of `query` (ignoring case), those
/// whose name has them first.
pub fn matching(query: &str) -> Vec<UiCommand> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    let has_all = |text: &str| {
        let text = text.to_lowercase();
        words.iter().all(|w| text.contains(w.as_str()))
    };
    let (mut by_name, mut by_tooltip): (Vec<UiCommand>, Vec<UiCommand>) = (Vec::new(), Vec::new());
    // The palette is open already: it does not list itself.
    for command in UiCommand::all().filter(|&c| c != UiCommand::CommandPalette) {
        if has_all(command.name()) {
            by_name.push(command);
        } else if has_all(command.tooltip()) {
            by_tooltip.push(command);
        }
    }
    by_name.extend(by_tooltip);
    by_name
}

impl CommandPalette {
    /// Opens the palette with an empty query.
    pub fn start(&mut self) {
        *self = CommandPalette { open: true, focus_requested: true, ..CommandPalette::default() };
    }

    /// Shows the palette when open; the chosen command is sent to `commands`.
    pub fn show(&mut self, ctx: &egui::Context, commands: &mut CommandSink<'_>) {
        if !self.open {
            return;
        }
        let found = matching(&self.query);
        // Keys first, so the field does not take ↑/↓ and Enter.
        let (up, down, enter, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
            )
        });
        if down {
            self.highlighted = (self.highlighted + 1).min(found.len().saturating_sub(1));
        }
        if up {
            self.highlighted = self.highlighted.saturating_sub(1);
        }
        // Scroll to the highlight only when the keys moved it, not over the mouse wheel.
        let follow_highlight = up || down;
        self.highlighted = self.highlighted.min(found.len().saturating_sub(1));
        let mut chosen = None;
        let response = egui::Modal::new(egui::Id::unique("command-palette")).show(ctx, |ui| {
            ui.set_width(520.0);
            let label = ui.label("Command:");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.query)
                        .id(query_field_id())
                        .hint_text("type to find a command")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if self.focus_requested {
                field.request_focus();
                self.focus_requested = false;
            }
            if field.changed() {
                self.highlighted = 0;
            }
            egui::ScrollArea::vertical().max_height(360.0).show(ui, |ui| {
                for (i, command) in found.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let entry = ui.selectable_label(i == self.highlighted, command.name());
                        if follow_highlight && i == self.highlighted {
                            entry.scroll_to_me(None);
                        }
                        if entry.on_hover_text(command.tooltip()).clicked() {
                            chosen = Some(*command);
                        }
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            // Clear of the scroll bar.
                            ui.add_space(12.0);
                            ui.weak(command.shortcut_text(ui.ctx()));
                        });
                    });
                }
                if found.is_empty() {
                    ui.weak("No command matches.");
                }
            });
            ui.small("Up/Down to choose, Enter to run, Esc to close.");
        });
        if enter && chosen.is_none() {
            chosen = found.get(self.highlighted).copied();
        }
        if let Some(command) = chosen {
            self.open = false;
            commands.run(command);
            // Text commands give the text the focus themselves (in the app).
            if !command.takes_focus() && command.scope() == Scope::Global && command != UiCommand::FocusText {
                commands.run(UiCommand::FocusText);
            }
        } else if escape || response.should_close() {
            self.open = false;
            commands.run(UiCommand::FocusText);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_find_commands_by_name_first_then_by_tooltip() {
        // Save As by its name; Save and Quit only by their tooltips, after it.
        assert_eq!(matching("save as"), [UiCommand::SaveAs, UiCommand::Save, UiCommand::Quit]);
        assert_eq!(matching("SAVE").first(), Some(&UiCommand::Save));
        // "heat map" is only in the tooltip of Compare outlets.
        assert_eq!(matching("heat map"), [UiCommand::ToggleCompare]);
        assert!(matching("no such command").is_empty());
        assert_eq!(matching("").len(), UiCommand::all().count() - 1, "all but the palette itself");
    }
}
