//! The menu bar and the list of keys (Help → Keyboard shortcuts, F1). Both are made from
//! [`UiCommand::all`] (each command in the menu of its [`MenuGroup`]) and the taxonomy's
//! label keys, so a command added to the list is in its menu, in F1 and in the palette
//! at once.

use super::command::{AppCommand, CommandSink, MenuGroup, UiCommand};
use super::session::{Settings, ViewContext, Windows};
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
        ui.close();
    }
}

/// A window toggle: a checked entry while the window is open.
fn window_toggle(ui: &mut egui::Ui, command: UiCommand, open: bool, commands: &mut CommandSink<'_>) {
    let button = with_shortcut(ui, egui::Button::selectable(open, command.name()), command);
    if ui.add(button).on_hover_text(command.tooltip()).clicked() {
        commands.run(command);
        ui.close();
    }
}

/// The menu bar: File, Edit, View, Text and Help, each the commands of its
/// [`MenuGroup`] in list order, with the few entries that are settings rather than
/// commands (recent files, the file dialog, the reviewer's name, the text size, the
/// theme).
pub fn menu_bar_ui(
    ui: &mut egui::Ui,
    cx: &ViewContext<'_>,
    windows: &Windows,
    commands: &mut CommandSink<'_>,
) {
    let mut settings = cx.settings.clone();
    egui::MenuBar::new().ui(ui, |ui| {
        for (group, title) in [
            (MenuGroup::File, "File"),
            (MenuGroup::Edit, "Edit"),
            (MenuGroup::View, "View"),
            (MenuGroup::Text, "Text"),
            (MenuGroup::Help, "Help"),
        ] {
            // Menus holding settings (the reviewer's name, the text size) stay open while
            // they are clicked into; their commands close them.
            let mut menu = egui::containers::menu::MenuButton::new(title);
            if matches!(group, MenuGroup::Edit | MenuGroup::View) {
                let config = egui::containers::menu::MenuConfig::find(ui)
                    .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside);
                menu = menu.config(config);
            }
            menu.ui(ui, |ui| {
                if group == MenuGroup::Text {
                    ui.label(egui::RichText::new("With text selected, or a claim selected:").small().weak());
                }
                if group == MenuGroup::Help {
                    ui.label("Select text (drag, double-click a word, shift-click, or Shift+arrows),");
                    ui.label("then press a kind's key or Enter to mark it as a claim.");
                    ui.label("F1 lists every key, with this project's kind, verdict and frame keys.");
                    ui.separator();
                }
                for command in UiCommand::all().filter(|c| c.menu_group() == group) {
                    settings_before_ui(ui, command, &mut settings, commands);
                    entry_ui(ui, command, cx, windows, commands);
                }
                settings_after_ui(ui, group, &mut settings);
            });
        }
    });
    if settings != *cx.settings {
        commands.send(AppCommand::ChangeSettings(settings));
    }
}

/// One command's menu entry: window toggles are checked while their window is open,
/// undo and redo say what they undo and are greyed out when there is nothing.
fn entry_ui(
    ui: &mut egui::Ui,
    command: UiCommand,
    cx: &ViewContext<'_>,
    windows: &Windows,
    commands: &mut CommandSink<'_>,
) {
    let open = match command {
        UiCommand::ToggleClaimsTable => Some(windows.claims_table),
        UiCommand::ToggleGroups => Some(windows.groups),
        UiCommand::ToggleCompare => Some(windows.compare),
        UiCommand::ToggleOutlets => Some(windows.outlets),
        UiCommand::ToggleSources => Some(windows.sources),
        UiCommand::ToggleShortcuts => Some(windows.shortcuts),
        UiCommand::ToggleGuideline => Some(windows.guideline),
        UiCommand::ToggleSuggestedClaims => Some(windows.suggested_claims),
        // A setting rather than a window, checked alike.
        UiCommand::ToggleKindLabels => Some(cx.settings.kind_labels),
        _ => None,
    };
    if let Some(open) = open {
        return window_toggle(ui, command, open, commands);
    }
    let history = cx.history;
    match command {
        UiCommand::Undo => {
            let text = history.undo_label().map(|l| format!("Undo {l}"));
            command_button(ui, command, text, history.undo_label().is_some(), commands);
        }
        UiCommand::Redo => {
            let text = history.redo_label().map(|l| format!("Redo {l}"));
            command_button(ui, command, text, history.redo_label().is_some(), commands);
        }
        _ => command_button(ui, command, None, true, commands),
    }
}

/// The settings entries that stand before a command in its menu.
fn settings_before_ui(
    ui: &mut egui::Ui,
    command: UiCommand,
    settings: &mut Settings,
    commands: &mut CommandSink<'_>,
) {
    match command {
        UiCommand::OpenSample => {
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
        }
        UiCommand::ImportText | UiCommand::Find | UiCommand::FocusText => {
            ui.separator();
        }
        UiCommand::Quit => {
            ui.separator();
            ui.checkbox(&mut settings.builtin_file_dialog, "Use the built-in file dialog")
                .on_hover_text("Instead of the system's file dialog");
            ui.separator();
        }
        _ => {}
    }
}

/// The settings entries at the end of a menu.
fn settings_after_ui(ui: &mut egui::Ui, group: MenuGroup, settings: &mut Settings) {
    match group {
        MenuGroup::Edit => {
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label("Reviewer:");
                ui.add(egui::TextEdit::singleline(&mut settings.reviewer).desired_width(140.0))
                    .labelled_by(label.id)
                    .on_hover_text("Recorded as the reviewer of the claims you mark");
            });
        }
        MenuGroup::View => {
            ui.separator();
            ui.horizontal(|ui| {
                let label = ui.label("Text size:");
                ui.add(egui::Slider::new(&mut settings.font_size, super::fonts::MIN_TEXT_SIZE..=28.0))
                    .labelled_by(label.id);
            });
            ui.horizontal(|ui| {
                ui.label("Theme:");
                for (theme, name) in [
                    (egui::ThemePreference::Dark, "Dark"),
                    (egui::ThemePreference::Light, "Light"),
                    (egui::ThemePreference::System, "Follow the system"),
                ] {
                    ui.radio_value(&mut settings.theme, theme, name);
                }
            });
        }
        _ => {}
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
                            (MenuGroup::Help, "Help"),
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
