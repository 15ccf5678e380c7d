//! The desktop app (eframe). [`run`] opens the window; [`app::ClaimmarkApp`] is the app.
//!
//! One file per view; each view is a struct that owns its state and draws from a
//! read-only [`session::ViewContext`], sending [`command::AppCommand`]s that only
//! `app.rs` applies (through [`crate::edit`]). Imports among these files run one way:
//! `app` uses the views, the views use `command`, `session`, `type_ahead` and `widgets`,
//! and nothing but this module map (which opens the window with it) uses `app`.

pub mod app;
pub mod colours;
pub mod command;
pub mod compare;
pub mod conflicts;
pub mod correction;
pub mod detector;
pub mod documents;
pub mod exchange;
pub mod file_dialog;
pub mod files;
pub mod find_all;
pub mod fonts;
pub mod goto;
pub mod group_picker;
pub mod groups;
pub mod guideline;
pub mod inspector;
pub mod managers;
pub mod menu;
pub mod page_preview;
pub mod palette;
pub mod passages;
pub mod reader;
pub mod reviewers;
pub mod search;
pub mod session;
pub mod suggestions;
pub mod table;
pub mod type_ahead;
pub mod widgets;

pub use app::StartOptions;

use std::process::ExitCode;

/// Whether a display is there to open a window on (X11 or Wayland on Linux; always on
/// other systems).
pub fn display_available() -> bool {
    if cfg!(target_os = "linux") || cfg!(target_os = "freebsd") {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        set("DISPLAY") || set("WAYLAND_DISPLAY")
    } else {
        true
    }
}

/// Opens the app window; returns when it closes.
pub fn run(options: StartOptions) -> ExitCode {
    if !display_available() {
        eprintln!(
            "claimmark: no display to open a window on (DISPLAY and WAYLAND_DISPLAY are unset); the subcommands work without one, see `claimmark --help`"
        );
        return ExitCode::FAILURE;
    }
    let native_options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("claimmark")
            .with_app_id("claimmark")
            .with_inner_size([1400.0, 900.0])
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        ..Default::default()
    };
    let result = eframe::run_native(
        "claimmark",
        native_options,
        Box::new(move |cc| Ok(Box::new(app::ClaimmarkApp::new(cc, options)))),
    );
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("claimmark: could not open the window: {error}");
            ExitCode::FAILURE
        }
    }
}
