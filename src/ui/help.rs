//! The menu bar and the list of keys (Help → Keyboard shortcuts, F1). Both are made from
//! [`UiCommand::all`] and the taxonomy's label keys, so a command added to the list is in
//! the menus, in Help and in the palette at once.

use super::command::{AppCommand, CommandSink, MenuGroup, UiCommand};
use super::session::{ViewContext, Windows};
use crate::model::{Label, LabelSet};

/// `button` with the command's first shortcut shown at its right, when it has one.
fn with_shortcut<'a>(ui: &egui::Ui, button: egui::Button<'a>, command: UiCommand) -> egui::Button<'a> {
    match command.shortcut_text(ui.ctx()) {
        shortcut if shortcut.is_empty() => button,
        shortcut => button.shortcut_text(shortcut),
    }
}

/// A menu entry for `command`: its name, its shortcut, its tooltip; sends it when clicked.
fn command_button(
    ui: &mut egui::Ui,
    command: UiCommand,
    text: Option<String>,
    enabled: bool,
    commands: &mut CommandSink<'_>,
) {
    let shortcut = command.shortcut_text(ui.ctx());
    let button = egui::Button::new(text.unwrap_or_else(|| command.name().to_owned())).shortcut_text(shortcut);
    if ui.add_enabled(enabled, button).on_hover_text(command.tooltip()).clicked() {
        commands.run(command);
    }
}

/// A window toggle: a checked entry while the window is open.
fn window_toggle(ui: &mut egui::Ui, command: UiCommand, open: bool, commands: &mut CommandSink<'_>) {
    let button = with_shortcut(ui, egui::Button::selectable(open, command.name()), command);
    if ui.add(button).on_hover_text(command.tooltip()).clicked() {
        commands.run(command);
    }
}

/// The menu bar: File, Edit, View, Text and Help.
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    cx: &ViewContext<'_>,
    windows: &Windows,
    commands: &mut CommandSink<'_>,
) {
    let mut settings = cx.settings.clone();
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            for command in [UiCommand::New, UiCommand::Open, UiCommand::Save, UiCommand::SaveAs] {
                command_button(ui, command, None, true, commands);
            }
            ui.menu_button("Open recent", |ui| {
                if settings.recent_files.is_empty() {
                    ui.label("No recent files");
                }
                for path in &settings.recent_files {
                    if ui.button(path.display().to_string()).clicked() {
                        commands.send(AppCommand::OpenPath(path.clone()));
                    }
                }
            });
            command_button(ui, UiCommand::OpenSample, None, true, commands);
            ui.separator();
            for command in [UiCommand::ImportText, UiCommand::Export, UiCommand::Import] {
                command_button(ui, command, None, true, commands);
            }
            ui.separator();
            ui.checkbox(&mut settings.builtin_file_dialog, "Use the built-in file dialog")
                .on_hover_text("Instead of the system's file dialog");
            ui.separator();
            command_button(ui, UiCommand::Quit, None, true, commands);
        });
        ui.menu_button("Edit", |ui| {
            let history = cx.history;
            let undo = history.undo_label().map(|l| format!("Undo {l}"));
            command_button(ui, UiCommand::Undo, undo, history.undo_label().is_some(), commands);
            let redo = history.redo_label().map(|l| format!("Redo {l}"));
            command_button(ui, UiCommand::Redo, redo, history.redo_label().is_some(), commands);
            ui.separator();
            command_button(ui, UiCommand::Find, None, true, commands);
            command_button(ui, UiCommand::CommandPalette, None, true, commands);
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label("Reviewer:");
                ui.add(egui::TextEdit::singleline(&mut settings.reviewer).desired_width(140.0))
                    .labelled_by(label.id)
                    .on_hover_text("Recorded as the reviewer of the claims you mark");
            });
        });
        ui.menu_button("View", |ui| {
            for (command, open) in [
                (UiCommand::ToggleClaimsTable, windows.claims_table),
                (UiCommand::ToggleGroups, windows.groups),
                (UiCommand::ToggleCompare, windows.compare),
                (UiCommand::ToggleOutlets, windows.outlets),
                (UiCommand::ToggleSources, windows.sources),
            ] {
                window_toggle(ui, command, open, commands);
            }
            command_button(ui, UiCommand::FocusText, None, true, commands);
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label("Text size:");
                ui.add(egui::Slider::new(&mut settings.font_size, 11.0..=28.0)).labelled_by(label.id);
            });
        });
        ui.menu_button("Text", |ui| {
            ui.label(egui::RichText::new("With text selected, or a claim selected:").small().weak());
            for command in UiCommand::all().filter(|c| c.menu_group() == MenuGroup::Text) {
                command_button(ui, command, None, true, commands);
            }
        });
        ui.menu_button("Help", |ui| {
            ui.label("Marking claims:");
            ui.label("Select text (drag, double-click a word, shift-click, or Shift+arrows),");
            ui.label("then press a kind's key or Enter. The Text menu lists every key of the text.");
            ui.separator();
            window_toggle(ui, UiCommand::ToggleShortcuts, windows.shortcuts, commands);
            command_button(ui, UiCommand::CommandPalette, None, true, commands);
        });
    });
    if settings != *cx.settings {
        commands.send(AppCommand::ChangeSettings(settings));
    }
}

/// The keyboard shortcuts window: every command with its keys, and the keys of the
/// taxonomy's kinds, verdicts and frames.
#[derive(Debug, Default)]
pub struct ShortcutsWindow;

impl ShortcutsWindow {
    /// Shows the window while `open`.
    pub fn show(&mut self, ctx: &egui::Context, open: &mut bool, cx: &ViewContext<'_>) {
        egui::Window::new("Keyboard shortcuts")
            .open(open)
            .default_pos([80.0, 60.0])
            .default_size([720.0, 560.0])
            .show(ctx, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    ui.columns(2, |columns| {
                        for (group, title) in [
                            (MenuGroup::Text, "In the text"),
                            (MenuGroup::File, "File"),
                            (MenuGroup::Edit, "Edit"),
                            (MenuGroup::View, "View"),
                        ] {
                            let ui = &mut columns[usize::from(group != MenuGroup::Text)];
                            ui.strong(title);
                            egui::Grid::new(("shortcuts", title)).num_columns(2).striped(true).show(
                                ui,
                                |ui| {
                                    for command in UiCommand::all().filter(|c| c.menu_group() == group) {
                                        let keys: Vec<String> = command
                                            .shortcuts()
                                            .iter()
                                            .map(|s| ui.ctx().format_shortcut(s))
                                            .collect();
                                        ui.label(keys.join(" or "));
                                        ui.label(command.name()).on_hover_text(command.tooltip());
                                        ui.end_row();
                                    }
                                },
                            );
                            ui.add_space(8.0);
                        }
                    });
                    ui.separator();
                    ui.strong("Label keys of this project's taxonomy");
                    ui.columns(3, |columns| {
                        let taxonomy = &cx.project.taxonomy;
                        label_keys_ui(
                            &mut columns[0],
                            "Kinds: mark the selection, or change the claim's kind",
                            LabelSet::ClaimKind,
                            &taxonomy.claim_kinds,
                        );
                        label_keys_ui(
                            &mut columns[1],
                            "Verdicts of the selected claim",
                            LabelSet::Verdict,
                            &taxonomy.verdicts,
                        );
                        label_keys_ui(
                            &mut columns[2],
                            "Frames: add or remove",
                            LabelSet::Frame,
                            &taxonomy.frames,
                        );
                    });
                });
            });
    }
}

fn label_keys_ui(ui: &mut egui::Ui, title: &str, set: LabelSet, labels: &[Label]) {
    ui.label(egui::RichText::new(title).small().weak());
    egui::Grid::new(("label-keys", title)).num_columns(2).show(ui, |ui| {
        for label in labels {
            ui.label(super::widgets::shortcut_hint(set, label.shortcut).unwrap_or_default());
            ui.label(&label.name).on_hover_text(&label.description);
            ui.end_row();
        }
    });
}
