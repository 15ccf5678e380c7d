//! What the user can ask for in the file dialog in one frame: the view makes [`Action`]s,
//! `actions.rs` applies them. Plain data; nothing here draws or changes state.

use egui::Modifiers;

/// What the user asked for in one frame; applied after the frame's view is drawn.
#[derive(Clone, Copy, Debug)]
pub(super) enum Action {
    Up,
    Reload,
    PathEntered,
    HiddenToggled,
    FilterChanged {
        previous: usize,
    },
    Click {
        entry_index: usize,
        modifiers: Modifiers,
    },
    Activate(usize),
    MoveCursor {
        step: CursorMove,
        extend: bool,
    },
    SelectAll,
    /// The Open/Save button, or Enter in the file name field.
    Confirm,
    /// Enter while no field has the keyboard focus: opens a selected folder, else confirms.
    EnterInList,
    Cancel,
    Escape,
    Replace,
    KeepExisting,
    StartNewFolder,
    CreateFolder,
    CancelNewFolder,
}

/// How far the keyboard cursor moves in the list.
#[derive(Clone, Copy, Debug)]
pub(super) enum CursorMove {
    By(isize),
    First,
    Last,
}
