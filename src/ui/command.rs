//! The two command types of the app, and the sink views send them into.
//!
//! - [`UiCommand`]: what a person can ask for by name — from a menu, a shortcut, the
//!   command palette or Help, which all come from this one list (rerun's `UICommand`).
//!   Each has a name, a tooltip, a shortcut and a [`Scope`]: global commands work
//!   anywhere, text commands (J, K, G, 1–5, Del …) only while the text has the focus.
//! - [`AppCommand`]: what a view asks the app to do this frame — run a [`UiCommand`],
//!   apply an [`Edit`] to the project, select a claim, show a message. Views push them
//!   into a [`CommandSink`]; `app.rs` applies them once per frame, and is the only place
//!   that changes the project (through [`crate::edit`], so that undo, autosave and the
//!   unsaved marker see every change).
//!
//! The project-level [`Edit`] and the command line's `cli::Command` are the other two
//! command-like types of the code base; docs/ARCHITECTURE.md says when to use which.

use super::session::{ReviewLanes, Settings};
use super::type_ahead::TypeAhead;
use crate::anchor::CharSpan;
use crate::detect::Candidate;
use crate::edit::Edit;
use crate::interop::Format;
use crate::model::{ClaimId, DocumentId, IdAllocator, LabelId};
use egui::{Key, KeyboardShortcut, Modifiers};
use std::path::PathBuf;
use strum::{EnumIter, IntoEnumIterator};

/// Where a command's shortcut works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Anywhere in the app; the shortcut is taken before any field sees it.
    Global,
    /// Only while the text has the keyboard focus (plain letters, Del, Tab …).
    Text,
    /// Only while a window is the one in use and no field has the focus (Esc).
    Window,
    /// In the text while View → Suggested claims is on, before the text's own keys (Tab
    /// goes to the next suggestion, not the next claim).
    Suggestions,
}

/// Where a command is listed in the menus and in Help.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuGroup {
    /// File menu.
    File,
    /// Edit menu.
    Edit,
    /// View menu.
    View,
    /// Working in the text: marking, selecting and changing claims.
    Text,
    /// Help menu.
    Help,
}

/// A command the user can give by name: from a menu, a shortcut, the palette or Help.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, EnumIter)]
pub enum UiCommand {
    /// Start a new, empty project.
    New,
    /// Open a project file.
    Open,
    /// Save the project.
    Save,
    /// Save the project under a new name.
    SaveAs,
    /// Open the bundled sample project.
    OpenSample,
    /// Add text files as documents.
    ImportText,
    /// Export claims in another tool's format.
    Export,
    /// Import documents and claims from another tool.
    Import,
    /// Close the app.
    Quit,
    /// Undo the last change.
    Undo,
    /// Redo the last undone change.
    Redo,
    /// Search the current text.
    Find,
    /// Search the text of every document.
    FindInAllDocuments,
    /// Go to a claim number, claim id, char position or share of the text.
    GoTo,
    /// Search every command by name and run one.
    CommandPalette,
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
    /// Show or hide the list of keys.
    ToggleShortcuts,
    /// Show or hide the conflicts a merge recorded.
    ToggleConflicts,
    /// Show or hide the Reviewers view: two reviewers' claims in lanes over the text, the
    /// agreement figures, and settling their marks into the adjudicated set.
    ToggleReviewers,
    /// Close the window in use (the claims table).
    CloseWindow,
    /// Show or hide each claim's kind as a small label above it in the text.
    ToggleKindLabels,
    /// Show the next document of the list.
    NextDocument,
    /// Show the previous document of the list.
    PreviousDocument,
    /// Put the focus on the text (from any field).
    FocusText,
    /// Mark the selected text as a claim of the kind used last.
    MarkClaim,
    /// Select the whole text.
    SelectAll,
    /// Go to the next claim in the text.
    NextClaim,
    /// Go to the previous claim in the text.
    PreviousClaim,
    /// Put the selected claim into a claim group.
    GroupClaim,
    /// Group the selected claim with grouping suggestion 1.
    GroupWithSuggestion1,
    /// … with suggestion 2.
    GroupWithSuggestion2,
    /// … with suggestion 3.
    GroupWithSuggestion3,
    /// … with suggestion 4.
    GroupWithSuggestion4,
    /// … with suggestion 5.
    GroupWithSuggestion5,
    /// Move the selected claim's start back by a word.
    MoveStartLeft,
    /// Move the selected claim's start forward by a word.
    MoveStartRight,
    /// Move the selected claim's end back by a word.
    MoveEndLeft,
    /// Move the selected claim's end forward by a word.
    MoveEndRight,
    /// Switch the selected claim between attributed to a speaker and asserted by the outlet.
    ToggleAttribution,
    /// Delete the selected claim.
    DeleteClaim,
    /// Clear the text selection, or else the claim selection.
    Deselect,
    /// Reviewers view: go to the next place where the two reviewers disagree.
    NextDisagreement,
    /// Reviewers view: go to the previous place where the two reviewers disagree.
    PreviousDisagreement,
    /// Reviewers view: accept the upper lane's claim at the caret into the adjudicated set.
    AcceptUpper,
    /// Reviewers view: accept the lower lane's claim at the caret into the adjudicated set.
    AcceptLower,
    /// Reviewers view: accept every claim both reviewers marked alike in the document.
    AcceptAgreed,
    /// Show or hide the desk's marking guideline.
    ToggleGuideline,
    /// Show or hide the claim detector's suggestions in the text.
    ToggleSuggestedClaims,
    /// Suggested claims: select the next suggestion.
    NextSuggestedClaim,
    /// Suggested claims: select the previous suggestion.
    PreviousSuggestedClaim,
    /// Suggested claims: accept the selected suggestion as a claim of its kind.
    AcceptSuggestedClaim,
    /// Suggested claims: reject the selected suggestion.
    RejectSuggestedClaim,
    /// Correct the current document's text (edit it, or take a corrected file).
    CorrectText,
    /// Show or hide the claims a text correction could not carry over.
    ToggleReanchor,
    /// Mark the selected text as a passage from another outlet.
    MarkPassage,
    /// Place the selected claim on the selected text.
    PlaceClaim,
}

impl UiCommand {
    /// Every command, in menu order.
    pub fn all() -> impl Iterator<Item = UiCommand> {
        UiCommand::iter()
    }

    /// Menu text.
    pub fn name(self) -> &'static str {
        self.text_and_tooltip().0
    }

    /// One line on what the command does.
    pub fn tooltip(self) -> &'static str {
        self.text_and_tooltip().1
    }

    fn text_and_tooltip(self) -> (&'static str, &'static str) {
        match self {
            UiCommand::New => ("New project", "Start an empty project with the default taxonomy"),
            UiCommand::Open => ("Open…", "Open a claimmark project file (.ron)"),
            UiCommand::Save => {
                ("Save", "Save the project (atomically, keeping the previous version as .bak)")
            }
            UiCommand::SaveAs => ("Save As…", "Save the project to a new file"),
            UiCommand::OpenSample => {
                ("Open the sample project", "Open the bundled sample project (Pakistan–Russia relations)")
            }
            UiCommand::ImportText => (
                "Import text documents…",
                "Add UTF-8 text files as documents (you can also drop .txt files on the window)",
            ),
            UiCommand::Export => (
                "Export…",
                "Export claims as training data: jsonl, doccano, brat, CoNLL, CSV, W3C, ClaimReview, Label Studio",
            ),
            UiCommand::Import => (
                "Import from other tools…",
                "Import documents and claims from doccano, brat, Label Studio, W3C or jsonl files",
            ),
            UiCommand::Quit => ("Quit", "Close claimmark (asks to save unsaved changes)"),
            UiCommand::Undo => ("Undo", "Undo the last change"),
            UiCommand::Redo => ("Redo", "Redo the last undone change"),
            UiCommand::Find => ("Find in text…", "Search the current document's text"),
            UiCommand::FindInAllDocuments => (
                "Find in all documents…",
                "Search the text of every document; a click on a match shows it in its document",
            ),
            UiCommand::GoTo => (
                "Go to…",
                "Go to a claim of this text by its number (12), a claim id (claim-58), a char position (#1234) or a share of the text (50%)",
            ),
            UiCommand::CommandPalette => ("Command palette…", "Find any command by name and run it"),
            UiCommand::ToggleClaimsTable => ("Claims table", "All claims of the project in a sortable table"),
            UiCommand::ToggleGroups => (
                "Claim groups",
                "Every claim group with its members side by side: passages, outlets, hedging words",
            ),
            UiCommand::ToggleCompare => (
                "Compare outlets",
                "Frames, kinds or verdicts by outlet, affiliation or genre, as a heat map",
            ),
            UiCommand::ToggleOutlets => ("Outlets", "Add, edit, merge and delete outlets"),
            UiCommand::ToggleSources => ("Sources", "Add, edit, merge and delete sources"),
            UiCommand::ToggleShortcuts => ("Keyboard shortcuts", "Every command and label key in one list"),
            UiCommand::ToggleConflicts => {
                ("Conflicts", "The conflicts a merge recorded, to keep ours or take theirs one by one")
            }
            UiCommand::ToggleReviewers => (
                "Reviewers",
                "Two reviewers' claims in lanes above and below the text, how far they agree, and settling their marks",
            ),
            UiCommand::CloseWindow => {
                ("Close window", "Close the claims table (Esc while it is the window in use)")
            }
            UiCommand::ToggleKindLabels => (
                "Kind labels",
                "Show each claim's kind in a small label above its start in the text (as brat does)",
            ),
            UiCommand::NextDocument => {
                ("Next document", "Show the next document of the list (after the last, the first)")
            }
            UiCommand::PreviousDocument => {
                ("Previous document", "Show the previous document of the list (before the first, the last)")
            }
            UiCommand::FocusText => ("Back to the text", "Move the keyboard focus back to the text"),
            UiCommand::MarkClaim => (
                "Mark claim",
                "Mark the selected text as a claim of the kind used last (a kind's key picks the kind)",
            ),
            UiCommand::SelectAll => ("Select all text", "Select the whole text of the document"),
            UiCommand::NextClaim => ("Next claim", "Select the next claim in the text"),
            UiCommand::PreviousClaim => ("Previous claim", "Select the previous claim in the text"),
            UiCommand::GroupClaim => {
                ("Put claim into a group…", "Choose or name the claim group of the selected claim")
            }
            UiCommand::GroupWithSuggestion1 => {
                ("Group with suggestion 1", "Put the selected claim and grouping suggestion 1 into one group")
            }
            UiCommand::GroupWithSuggestion2 => {
                ("Group with suggestion 2", "Put the selected claim and grouping suggestion 2 into one group")
            }
            UiCommand::GroupWithSuggestion3 => {
                ("Group with suggestion 3", "Put the selected claim and grouping suggestion 3 into one group")
            }
            UiCommand::GroupWithSuggestion4 => {
                ("Group with suggestion 4", "Put the selected claim and grouping suggestion 4 into one group")
            }
            UiCommand::GroupWithSuggestion5 => {
                ("Group with suggestion 5", "Put the selected claim and grouping suggestion 5 into one group")
            }
            UiCommand::MoveStartLeft => {
                ("Move claim start left", "Widen the selected claim by a word at its start")
            }
            UiCommand::MoveStartRight => {
                ("Move claim start right", "Narrow the selected claim by a word at its start")
            }
            UiCommand::MoveEndLeft => {
                ("Move claim end left", "Narrow the selected claim by a word at its end")
            }
            UiCommand::MoveEndRight => {
                ("Move claim end right", "Widen the selected claim by a word at its end")
            }
            UiCommand::ToggleAttribution => (
                "Attributed / asserted",
                "Switch the selected claim between attributed to a speaker and asserted by the outlet",
            ),
            UiCommand::DeleteClaim => ("Delete claim", "Delete the selected claim (Ctrl+Z brings it back)"),
            UiCommand::Deselect => ("Deselect", "Clear the text selection, or else the selected claim"),
            UiCommand::NextDisagreement => (
                "Next disagreement",
                "Reviewers view: put the caret on the next place where the two reviewers disagree",
            ),
            UiCommand::PreviousDisagreement => (
                "Previous disagreement",
                "Reviewers view: put the caret on the previous place where the two reviewers disagree",
            ),
            UiCommand::AcceptUpper => (
                "Accept upper reviewer's claim",
                "Reviewers view: the upper lane's claim at the caret joins the adjudicated set",
            ),
            UiCommand::AcceptLower => (
                "Accept lower reviewer's claim",
                "Reviewers view: the lower lane's claim at the caret joins the adjudicated set",
            ),
            UiCommand::ToggleSuggestedClaims => (
                "Suggested claims",
                "The claim detector's suggestions as dashed outlines in the text, to accept or reject one by one",
            ),
            UiCommand::NextSuggestedClaim => {
                ("Next suggested claim", "Suggested claims: select the next suggestion in the text")
            }
            UiCommand::PreviousSuggestedClaim => {
                ("Previous suggested claim", "Suggested claims: select the previous suggestion in the text")
            }
            UiCommand::AcceptSuggestedClaim => (
                "Accept suggested claim",
                "Suggested claims: mark the selected suggestion as a claim of its kind (a kind's key picks another)",
            ),
            UiCommand::RejectSuggestedClaim => (
                "Reject suggested claim",
                "Suggested claims: turn the selected suggestion down; it is never proposed again",
            ),
            UiCommand::ToggleGuideline => (
                "Marking guideline",
                "What counts as a claim, where a span starts and ends, each kind with examples from the corpus",
            ),
            UiCommand::CorrectText => (
                "Correct document text…",
                "Edit the current document's text or take a corrected file; claims on unchanged words follow it, the others are flagged to place again",
            ),
            UiCommand::ToggleReanchor => (
                "Claims to re-anchor",
                "Claims whose words a text correction changed, to place again one by one",
            ),
            UiCommand::MarkPassage => (
                "Mark passage from another outlet…",
                "The selected text reproduces another outlet's text (a quoted article, a republished one): its claims count for that outlet",
            ),
            UiCommand::PlaceClaim => (
                "Place claim on selection",
                "Put the selected claim on the selected text (how a claim flagged by a text correction is placed again)",
            ),
            UiCommand::AcceptAgreed => (
                "Accept all agreed claims",
                "Reviewers view: every claim both reviewers marked alike in this document joins the adjudicated set",
            ),
        }
    }

    /// A key of the Reviewers view (going to disagreements, accepting a claim).
    pub fn is_adjudication(self) -> bool {
        matches!(
            self,
            UiCommand::NextDisagreement
                | UiCommand::PreviousDisagreement
                | UiCommand::AcceptUpper
                | UiCommand::AcceptLower
                | UiCommand::AcceptAgreed
        )
    }

    /// A key of the suggested claims (going to one, accepting or rejecting it).
    pub fn is_suggestion_key(self) -> bool {
        matches!(
            self,
            UiCommand::NextSuggestedClaim
                | UiCommand::PreviousSuggestedClaim
                | UiCommand::AcceptSuggestedClaim
                | UiCommand::RejectSuggestedClaim
        )
    }

    /// Where the shortcut works.
    pub fn scope(self) -> Scope {
        if self == UiCommand::CloseWindow {
            return Scope::Window;
        }
        if self.is_suggestion_key() {
            return Scope::Suggestions;
        }
        match self.menu_group() {
            MenuGroup::Text => Scope::Text,
            _ => Scope::Global,
        }
    }

    /// Where the command is listed.
    pub fn menu_group(self) -> MenuGroup {
        use UiCommand::*;
        match self {
            New | Open | Save | SaveAs | OpenSample | ImportText | Export | Import | Quit => MenuGroup::File,
            Undo | Redo | Find | FindInAllDocuments | GoTo | CommandPalette | CorrectText => MenuGroup::Edit,
            ToggleClaimsTable
            | ToggleGroups
            | ToggleCompare
            | ToggleOutlets
            | ToggleSources
            | ToggleShortcuts
            | ToggleConflicts
            | ToggleReviewers
            | CloseWindow
            | ToggleKindLabels
            | NextDocument
            | PreviousDocument
            | FocusText
            | ToggleSuggestedClaims
            | ToggleReanchor => MenuGroup::View,
            MarkClaim
            | SelectAll
            | NextClaim
            | PreviousClaim
            | GroupClaim
            | GroupWithSuggestion1
            | GroupWithSuggestion2
            | GroupWithSuggestion3
            | GroupWithSuggestion4
            | GroupWithSuggestion5
            | MoveStartLeft
            | MoveStartRight
            | MoveEndLeft
            | MoveEndRight
            | ToggleAttribution
            | DeleteClaim
            | Deselect
            | NextDisagreement
            | PreviousDisagreement
            | AcceptUpper
            | AcceptLower
            | AcceptAgreed
            | NextSuggestedClaim
            | PreviousSuggestedClaim
            | AcceptSuggestedClaim
            | RejectSuggestedClaim
            | MarkPassage
            | PlaceClaim => MenuGroup::Text,
            ToggleGuideline => MenuGroup::Help,
        }
    }

    /// The shortcuts, the first of which menus show. Matched with exactly these modifiers
    /// (Alt+Shift+→ is not taken for Alt+→).
    pub fn shortcuts(self) -> Vec<KeyboardShortcut> {
        let key = |modifiers, key| KeyboardShortcut::new(modifiers, key);
        let command = |k| key(Modifiers::COMMAND, k);
        let command_shift = |k| key(Modifiers::COMMAND | Modifiers::SHIFT, k);
        let plain = |k| key(Modifiers::NONE, k);
        match self {
            UiCommand::New => vec![command(Key::N)],
            UiCommand::Open => vec![command(Key::O)],
            UiCommand::Save => vec![command(Key::S)],
            UiCommand::SaveAs => vec![command_shift(Key::S)],
            UiCommand::OpenSample => vec![],
            UiCommand::ImportText => vec![command(Key::I)],
            UiCommand::Export => vec![command(Key::E)],
            UiCommand::Import => vec![command_shift(Key::I)],
            UiCommand::Quit => vec![command(Key::Q)],
            UiCommand::Undo => vec![command(Key::Z)],
            UiCommand::Redo => vec![command_shift(Key::Z), command(Key::Y)],
            UiCommand::Find => vec![command(Key::F)],
            UiCommand::FindInAllDocuments => vec![command_shift(Key::F)],
            UiCommand::GoTo => vec![command(Key::G)],
            UiCommand::CommandPalette => vec![command_shift(Key::P)],
            UiCommand::ToggleClaimsTable => vec![command(Key::T)],
            UiCommand::ToggleGroups => vec![command_shift(Key::G)],
            UiCommand::ToggleCompare => vec![command_shift(Key::C)],
            UiCommand::ToggleOutlets => vec![],
            UiCommand::ToggleSources => vec![],
            UiCommand::ToggleShortcuts => vec![plain(Key::F1)],
            UiCommand::ToggleConflicts => vec![command_shift(Key::K)],
            UiCommand::ToggleReviewers => vec![command_shift(Key::R)],
            UiCommand::CloseWindow => vec![plain(Key::Escape)],
            UiCommand::ToggleKindLabels => vec![],
            UiCommand::NextDocument => vec![command(Key::PageDown)],
            UiCommand::PreviousDocument => vec![command(Key::PageUp)],
            UiCommand::FocusText => vec![plain(Key::F6)],
            UiCommand::MarkClaim => vec![plain(Key::Enter)],
            UiCommand::SelectAll => vec![command(Key::A)],
            UiCommand::NextClaim => vec![plain(Key::J), plain(Key::Tab)],
            UiCommand::PreviousClaim => vec![plain(Key::K), key(Modifiers::SHIFT, Key::Tab)],
            UiCommand::GroupClaim => vec![plain(Key::G)],
            UiCommand::GroupWithSuggestion1 => vec![plain(Key::Num1)],
            UiCommand::GroupWithSuggestion2 => vec![plain(Key::Num2)],
            UiCommand::GroupWithSuggestion3 => vec![plain(Key::Num3)],
            UiCommand::GroupWithSuggestion4 => vec![plain(Key::Num4)],
            UiCommand::GroupWithSuggestion5 => vec![plain(Key::Num5)],
            UiCommand::MoveStartLeft => vec![key(Modifiers::ALT, Key::ArrowLeft)],
            UiCommand::MoveStartRight => vec![key(Modifiers::ALT, Key::ArrowRight)],
            UiCommand::MoveEndLeft => vec![key(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft)],
            UiCommand::MoveEndRight => vec![key(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight)],
            UiCommand::ToggleAttribution => vec![plain(Key::Q)],
            UiCommand::DeleteClaim => vec![plain(Key::Delete), plain(Key::Backspace)],
            UiCommand::Deselect => vec![plain(Key::Escape)],
            UiCommand::NextDisagreement => vec![plain(Key::N)],
            UiCommand::PreviousDisagreement => vec![key(Modifiers::SHIFT, Key::N)],
            UiCommand::AcceptUpper => vec![plain(Key::U)],
            UiCommand::AcceptLower => vec![plain(Key::D)],
            UiCommand::ToggleSuggestedClaims => vec![command_shift(Key::D)],
            UiCommand::NextSuggestedClaim => vec![plain(Key::Tab)],
            UiCommand::PreviousSuggestedClaim => vec![key(Modifiers::SHIFT, Key::Tab)],
            UiCommand::AcceptSuggestedClaim => vec![plain(Key::Enter)],
            UiCommand::RejectSuggestedClaim => vec![plain(Key::X), plain(Key::Delete)],
            UiCommand::MarkPassage => vec![command_shift(Key::O)],
            UiCommand::PlaceClaim => vec![command_shift(Key::A)],
            UiCommand::AcceptAgreed
            | UiCommand::ToggleGuideline
            | UiCommand::CorrectText
            | UiCommand::ToggleReanchor => Vec::new(),
        }
    }

    /// The first shortcut as the platform writes it ("Ctrl+S"), or "".
    pub fn shortcut_text(self, ctx: &egui::Context) -> String {
        self.shortcuts().first().map(|s| ctx.format_shortcut(s)).unwrap_or_default()
    }

    /// Whether running the command puts the keyboard focus somewhere of its own (the
    /// search field, the group picker, the palette); after the others the palette gives
    /// the focus back to the text.
    pub fn takes_focus(self) -> bool {
        matches!(
            self,
            UiCommand::Find
                | UiCommand::FindInAllDocuments
                | UiCommand::GoTo
                | UiCommand::GroupClaim
                | UiCommand::CommandPalette
                | UiCommand::MarkPassage
        )
    }

    /// Which of the grouping suggestions (0-based) the command accepts, if it is one.
    pub fn suggestion_number(self) -> Option<usize> {
        match self {
            UiCommand::GroupWithSuggestion1 => Some(0),
            UiCommand::GroupWithSuggestion2 => Some(1),
            UiCommand::GroupWithSuggestion3 => Some(2),
            UiCommand::GroupWithSuggestion4 => Some(3),
            UiCommand::GroupWithSuggestion5 => Some(4),
            _ => None,
        }
    }

    /// The command of `scope` whose shortcut is `key` with exactly `modifiers`.
    pub fn for_key(key: Key, modifiers: Modifiers, scope: Scope) -> Option<UiCommand> {
        UiCommand::all().filter(|c| c.scope() == scope).find(|c| {
            c.shortcuts().iter().any(|s| s.logical_key == key && modifiers.matches_exact(s.modifiers))
        })
    }

    /// [`UiCommand::pressed`], stopping at a command that takes the focus into a field of
    /// its own (Ctrl+F): the keys typed after it in this frame are that field's, not the
    /// text's, and are returned (taken out of `input`) to be handed to it.
    pub fn pressed_then_typed(input: &mut egui::InputState, scope: Scope) -> (Vec<UiCommand>, TypeAhead) {
        let mut pressed = Vec::new();
        let mut index = 0;
        while index < input.events.len() {
            let command = match &input.events[index] {
                egui::Event::Key { key, modifiers, pressed: true, .. } => {
                    UiCommand::for_key(*key, *modifiers, scope)
                }
                _ => None,
            };
            let Some(command) = command else {
                index += 1;
                continue;
            };
            input.events.remove(index);
            pressed.push(command);
            if command.takes_focus() {
                // The text the key typed itself (Ctrl+F types none, but a desktop may
                // send one) is the command's, not the field's.
                if matches!(input.events.get(index), Some(egui::Event::Text(_))) {
                    input.events.remove(index);
                }
                return (pressed, TypeAhead::split_off(input, index));
            }
        }
        (pressed, TypeAhead::default())
    }

    /// The commands of `scope` whose shortcut was pressed this frame, in the order
    /// pressed, consuming the presses so no field also acts on them.
    pub fn pressed(input: &mut egui::InputState, scope: Scope) -> Vec<UiCommand> {
        let mut pressed = Vec::new();
        input.events.retain(|event| {
            let egui::Event::Key { key, modifiers, pressed: true, .. } = event else {
                return true;
            };
            match UiCommand::for_key(*key, *modifiers, scope) {
                Some(command) => {
                    pressed.push(command);
                    false
                }
                None => true,
            }
        });
        pressed
    }
}

/// What a view asks the app to do; applied by `app.rs` at the end of the frame, in order.
// A frame makes a handful of commands; boxing the large edit variant would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug)]
pub enum AppCommand {
    /// Run a named command.
    Run(UiCommand),
    /// Change the project as one undoable step.
    Edit {
        /// The change.
        edit: Edit,
        /// What undo calls it ("Edit claimant").
        label: String,
        /// Consecutive edits with this key merge into one undo step (typing).
        merge_key: Option<String>,
    },
    /// End merging of typing into the current undo step.
    SealHistory,
    /// Show a document.
    SelectDocument(DocumentId),
    /// Select a claim, show its document and scroll to it (or select none).
    SelectClaim(Option<ClaimId>),
    /// Select a claim where the user clicked it in the text: the text does not scroll.
    SelectClaimInText(Option<ClaimId>),
    /// Mark a new claim on `span` of the current document.
    Mark {
        /// Chars of the document text.
        span: CharSpan,
        /// Claim kind.
        kind: LabelId,
    },
    /// Delete a claim.
    DeleteClaim(ClaimId),
    /// Compare these two reviewers in the Reviewers view (upper and lower lane), or none.
    SetLanes(Option<ReviewLanes>),
    /// Copy a reviewer's claim into the adjudicated set (as the editor's), instead of
    /// the other reviewer's claim of the same place when that one was settled.
    Adjudicate {
        /// The reviewer's claim accepted.
        claim: ClaimId,
        /// The other reviewer's claim of the place.
        instead_of: Option<ClaimId>,
    },
    /// Accept every claim the two reviewers of the lanes marked alike in the document shown.
    AdjudicateAgreed,
    /// Remember the kind that Enter marks with.
    UseKind(LabelId),
    /// Group the claim with grouping suggestion `number` (0-based) shown for it.
    AcceptSuggestion {
        /// The claim.
        claim: ClaimId,
        /// Which suggestion, 0-based.
        number: usize,
    },
    /// Open the group picker for a claim.
    PickGroup(ClaimId),
    /// Select chars of the current document's text and scroll to them (a search match).
    SelectText(CharSpan),
    /// Move the keyboard focus to the claimant field of the inspector.
    FocusClaimant,
    /// Keys typed after a key that sent the focus into a field (a mark, G): the field
    /// that gets the focus takes them (the text, when none is waiting for it).
    TypeAhead(TypeAhead),
    /// Open a project file (asks about unsaved changes first).
    OpenPath(PathBuf),
    /// Ask where an export goes (a file dialog); the answer goes to the export window.
    ChooseExportDestination(Format),
    /// Ask which files to import; the answer goes to the import window.
    ChooseImportSources(Format),
    /// The path a file dialog picked for the export window.
    ExportDestinationChosen(PathBuf),
    /// The files a file dialog picked for the import window.
    ImportSourcesChosen(Vec<PathBuf>),
    /// Another project was opened (or the open one restored): selection and views start
    /// afresh.
    ProjectReplaced,
    /// The project file was loaded again (changed on disk): the selection stays where
    /// its document and claim still exist.
    ProjectReloaded,
    /// Mark a suggestion of the claim detector as a claim of `kind` (origin suggested).
    TakeSuggestedClaim {
        /// Its document.
        document: DocumentId,
        /// The suggestion.
        candidate: Candidate,
        /// The claim kind chosen.
        kind: LabelId,
    },
    /// Record a suggestion of the claim detector as rejected.
    RejectSuggestedClaim {
        /// Its document.
        document: DocumentId,
        /// The suggestion.
        candidate: Candidate,
    },
    /// Keep these settings.
    ChangeSettings(Settings),
    /// Open the window that marks `span` of the current document as a passage from
    /// another outlet.
    StartPassage(CharSpan),
    /// Ask which file holds a document's corrected text; the answer goes to the text
    /// correction window.
    ChooseCorrectedText,
    /// The file a file dialog picked for the text correction window.
    CorrectedTextChosen(PathBuf),
    /// Show the list of claims to re-anchor.
    ShowReanchor,
    /// Saved web pages to check before they are added as documents.
    PreviewPages(Vec<super::page_preview::PageDraft>),
    /// Show a message in the status line.
    Status(String),
    /// Show an error to read and dismiss.
    Error {
        /// Title.
        title: String,
        /// The message.
        message: String,
    },
    /// Open a web link in the system browser (http and https only).
    OpenUrl(String),
}

/// Where views send their [`AppCommand`]s; also hands out ids for the records they create
/// (a group named in the picker, a source typed in the inspector), so that views need no
/// write access to the project.
pub struct CommandSink<'a> {
    commands: Vec<AppCommand>,
    ids: &'a mut IdAllocator,
}

impl<'a> CommandSink<'a> {
    /// An empty sink drawing new ids from `ids`.
    pub fn new(ids: &'a mut IdAllocator) -> CommandSink<'a> {
        CommandSink { commands: Vec::new(), ids }
    }

    /// Sends a command.
    pub fn send(&mut self, command: AppCommand) {
        self.commands.push(command);
    }

    /// Sends a named command.
    pub fn run(&mut self, command: UiCommand) {
        self.send(AppCommand::Run(command));
    }

    /// Sends an edit as one undo step called `label`.
    pub fn edit(&mut self, edit: Edit, label: impl Into<String>) {
        self.send(AppCommand::Edit { edit, label: label.into(), merge_key: None });
    }

    /// Sends a message for the status line.
    pub fn status(&mut self, message: impl Into<String>) {
        self.send(AppCommand::Status(message.into()));
    }

    /// A fresh id for a new record (`prefix` from [`crate::model::prefix`]).
    pub fn next_id(&mut self, prefix: &'static str) -> String {
        self.ids.next(prefix)
    }

    /// The id allocator itself, for library calls that create several records at once
    /// (an import).
    pub fn ids(&mut self) -> &mut IdAllocator {
        self.ids
    }

    /// The commands sent, in order.
    pub fn into_commands(self) -> Vec<AppCommand> {
        self.commands
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn every_command_has_a_name_a_tooltip_and_no_shortcut_taken_twice_in_its_scope() {
        let mut seen: HashMap<(String, String), UiCommand> = HashMap::new();
        for command in UiCommand::all() {
            assert!(!command.name().is_empty() && !command.tooltip().is_empty(), "{command:?}");
            for shortcut in command.shortcuts() {
                // Global and window keys are taken before the text's: one set.
                let scope = match command.scope() {
                    Scope::Global | Scope::Window => "app",
                    Scope::Text => "text",
                    Scope::Suggestions => "suggestions",
                };
                let key = (format!("{:?}+{:?}", shortcut.modifiers, shortcut.logical_key), scope.to_owned());
                if let Some(other) = seen.insert(key.clone(), command) {
                    panic!("{command:?} and {other:?} share {key:?}");
                }
            }
        }
        // A global shortcut must not be a plain letter: it would be taken from every field.
        for command in UiCommand::all().filter(|c| c.scope() == Scope::Global) {
            for shortcut in command.shortcuts() {
                assert!(
                    shortcut.modifiers.command
                        || shortcut.modifiers.ctrl
                        || function_key(shortcut.logical_key),
                    "{command:?}"
                );
            }
        }
    }

    /// F1 to F35.
    fn function_key(key: Key) -> bool {
        (1..=35).any(|n| Key::from_name(&format!("F{n}")) == Some(key))
    }

    #[test]
    fn only_f_keys_count_as_function_keys() {
        assert!(function_key(Key::F1) && function_key(Key::F6));
        assert!(!function_key(Key::F), "the letter F is not a function key");
    }

    #[test]
    fn pressed_takes_exact_modifiers_and_keeps_other_keys() {
        let key = |key, modifiers| egui::Event::Key {
            key,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers,
        };
        let mut input = egui::InputState::default();
        input.events = vec![
            key(Key::ArrowRight, Modifiers::ALT | Modifiers::SHIFT),
            key(Key::ArrowRight, Modifiers::ALT),
            key(Key::X, Modifiers::NONE),
            key(Key::S, Modifiers::COMMAND | Modifiers::SHIFT),
        ];
        assert_eq!(
            UiCommand::pressed(&mut input, Scope::Text),
            [UiCommand::MoveEndRight, UiCommand::MoveStartRight]
        );
        assert_eq!(UiCommand::pressed(&mut input, Scope::Global), [UiCommand::SaveAs]);
        assert_eq!(input.events, [key(Key::X, Modifiers::NONE)]);
    }
}
