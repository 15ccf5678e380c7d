//! Outlets and sources managers (being written).

use super::app::{Action, AppState};

/// The outlets window.
pub fn outlets_window(_ctx: &egui::Context, _state: &mut AppState, _actions: &mut Vec<Action>) {}

/// The sources window.
pub fn sources_window(_ctx: &egui::Context, _state: &mut AppState, _actions: &mut Vec<Action>) {}
