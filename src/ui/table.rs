//! Claims table (being written).

use super::app::{Action, AppState};

/// The claims table window.
pub fn claims_table_window(_ctx: &egui::Context, _state: &mut AppState, _actions: &mut Vec<Action>) {}
