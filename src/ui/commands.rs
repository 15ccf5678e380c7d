//! Every command of the app with its name, tooltip and shortcut, in one list: menus,
//! shortcut handling and the command palette all come from here (rerun's `UICommand`).

use egui::{Key, KeyboardShortcut, Modifiers};

/// A command the user can give from a menu or a shortcut.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum UiCommand {
    /// Start a new, empty project.
    New,
    /// Open a project file.
    Open,
    /// Save the project.
    Save,
    /// Save the project under a new name.
    SaveAs,
    /// Add text files as documents.
    ImportText,
    /// Export claims in another tool's format.
    Export,
    /// Import documents and claims from another tool.
    Import,
    /// Open the bundled sample project.
    OpenSample,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Search the current text.
    Find,
    /// Show or hide the claims table.
    ToggleClaimsTable,
    /// Show or hide the claim groups view.
    ToggleGroups,
    /// Show or hide the comparison view.
    ToggleCompare,
    /// Show or hide the outlets manager.
    ToggleOutlets,
    /// Show or hide the sources manager.
    ToggleSources,
    /// Put the focus on the text (from any field).
    FocusText,
    /// Close the app.
    Quit,
}

impl UiCommand {
    /// Every command, in menu order.
    pub const ALL: [UiCommand; 18] = [
        UiCommand::New,
        UiCommand::Open,
        UiCommand::Save,
        UiCommand::SaveAs,
        UiCommand::ImportText,
        UiCommand::Export,
        UiCommand::Import,
        UiCommand::OpenSample,
        UiCommand::Undo,
        UiCommand::Redo,
        UiCommand::Find,
        UiCommand::ToggleClaimsTable,
        UiCommand::ToggleGroups,
        UiCommand::ToggleCompare,
        UiCommand::ToggleOutlets,
        UiCommand::ToggleSources,
        UiCommand::FocusText,
        UiCommand::Quit,
    ];

    /// Menu text.
    pub fn name(self) -> &'static str {
        match self {
            UiCommand::New => "New project",
            UiCommand::Open => "Open…",
            UiCommand::Save => "Save",
            UiCommand::SaveAs => "Save As…",
            UiCommand::ImportText => "Import text documents…",
            UiCommand::Export => "Export…",
            UiCommand::Import => "Import from other tools…",
            UiCommand::OpenSample => "Open the sample project",
            UiCommand::Undo => "Undo",
            UiCommand::Redo => "Redo",
            UiCommand::Find => "Find in text…",
            UiCommand::ToggleClaimsTable => "Claims table",
            UiCommand::ToggleGroups => "Claim groups",
            UiCommand::ToggleCompare => "Compare outlets",
            UiCommand::ToggleOutlets => "Outlets",
            UiCommand::ToggleSources => "Sources",
            UiCommand::FocusText => "Back to the text",
            UiCommand::Quit => "Quit",
        }
    }

    /// One line on what the command does.
    pub fn tooltip(self) -> &'static str {
        match self {
            UiCommand::New => "Start an empty project with the default taxonomy",
            UiCommand::Open => "Open a claimmark project file (.ron)",
            UiCommand::Save => "Save the project (atomically, keeping the previous version as .bak)",
            UiCommand::SaveAs => "Save the project to a new file",
            UiCommand::ImportText => {
                "Add UTF-8 text files as documents (you can also drop .txt files on the window)"
            }
            UiCommand::OpenSample => "Open the bundled sample project (Pakistan–Russia relations)",
            UiCommand::Export => {
                "Export claims as training data: jsonl, doccano, brat, CoNLL, CSV, W3C, ClaimReview, Label Studio"
            }
            UiCommand::Import => {
                "Import documents and claims from doccano, brat, Label Studio, W3C or jsonl files"
            }
            UiCommand::Undo => "Undo the last change",
            UiCommand::Redo => "Redo the last undone change",
            UiCommand::Find => "Search the current document's text",
            UiCommand::ToggleClaimsTable => "All claims of the project in a sortable table",
            UiCommand::ToggleGroups => {
                "Every claim group with its members side by side: passages, outlets, hedging words"
            }
            UiCommand::ToggleCompare => {
                "Frames, kinds or verdicts by outlet, affiliation or genre, as a heat map"
            }
            UiCommand::ToggleOutlets => "Add, edit, merge and delete outlets",
            UiCommand::ToggleSources => "Add, edit, merge and delete sources",
            UiCommand::FocusText => "Move the keyboard focus back to the text",
            UiCommand::Quit => "Close claimmark (asks to save unsaved changes)",
        }
    }

    /// The shortcut, if any.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let command = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        let command_shift = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND | Modifiers::SHIFT, key));
        match self {
            UiCommand::New => command(Key::N),
            UiCommand::Open => command(Key::O),
            UiCommand::Save => command(Key::S),
            UiCommand::SaveAs => command_shift(Key::S),
            UiCommand::ImportText => command(Key::I),
            UiCommand::Export => command(Key::E),
            UiCommand::Import => command_shift(Key::I),
            UiCommand::OpenSample => None,
            UiCommand::Undo => command(Key::Z),
            UiCommand::Redo => command_shift(Key::Z),
            UiCommand::Find => command(Key::F),
            UiCommand::ToggleClaimsTable => command(Key::T),
            UiCommand::ToggleGroups => command_shift(Key::G),
            UiCommand::ToggleCompare => command_shift(Key::C),
            UiCommand::ToggleOutlets => None,
            UiCommand::ToggleSources => None,
            UiCommand::FocusText => Some(KeyboardShortcut::new(Modifiers::NONE, Key::F6)),
            UiCommand::Quit => command(Key::Q),
        }
    }

    /// Extra shortcuts that do the same (Ctrl+Y for redo).
    pub fn alternative_shortcut(self) -> Option<KeyboardShortcut> {
        match self {
            UiCommand::Redo => Some(KeyboardShortcut::new(Modifiers::COMMAND, Key::Y)),
            _ => None,
        }
    }

    /// The commands whose shortcut was pressed this frame (consuming the key presses,
    /// so text fields do not also act on them).
    pub fn pressed(ctx: &egui::Context) -> Vec<UiCommand> {
        ctx.input_mut(|input| {
            // Longest modifier combinations first, so Ctrl+Shift+S is not taken for Ctrl+S.
            let mut commands: Vec<(UiCommand, KeyboardShortcut)> = UiCommand::ALL
                .iter()
                .flat_map(|&c| {
                    [c.shortcut(), c.alternative_shortcut()].into_iter().flatten().map(move |s| (c, s))
                })
                .collect();
            commands.sort_by_key(|(_, s)| std::cmp::Reverse(modifier_count(s.modifiers)));
            commands.into_iter().filter(|(_, s)| input.consume_shortcut(s)).map(|(c, _)| c).collect()
        })
    }
}

fn modifier_count(modifiers: Modifiers) -> usize {
    [modifiers.alt, modifiers.ctrl || modifiers.command || modifiers.mac_cmd, modifiers.shift]
        .iter()
        .filter(|&&m| m)
        .count()
}
