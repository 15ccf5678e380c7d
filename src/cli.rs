//! The command line: every operation that needs no window (`new`, `add-document`,
//! `add-source`, `add-group`, `group`, `mark`, `validate`, `fmt`, `stats`, `export`,
//! `import`, `compare`, `merge`, `conflicts`, `settle`, `agree`, `detect`, `git-setup`). This is the binary's edge: errors become one-line messages and
//! exit codes here, and `anyhow` is used here only.
//!
//! Split as ripgrep splits its flags from running them:
//! - `args`: the clap types, [`Cli`], [`Command`] and one `*Args` struct per subcommand;
//! - `run`: [`main`] and [`run()`], the dispatch from a [`Command`] to the function that does
//!   it, the load-change-check-save cycle, and `validate`, `fmt` and `stats`;
//! - `project`: the subcommands that build a project (`new`, `add-*`, `group`, `mark`);
//! - `exchange`: `export`, `import` and `compare`;
//! - `team`: `merge` (git's merge driver), `conflicts`, `settle`, `agree` and `git-setup`;
//! - `detect`: `detect`, the claim detector's candidates and its evaluation.
//!
//! Projects change only through [`crate::edit`] (claims through [`crate::edit::mark_claim`],
//! as in the app) and are saved through [`crate::store`]. This module must never import
//! `ui`: the command line builds without eframe (`--no-default-features`).

/// Prints a line to standard output. A closed pipe (`claimmark stats f | head`) ends the
/// program quietly instead of panicking as `println!` would.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::run::write_stdout(&format!("{}\n", format_args!($($arg)*)))
    };
}

mod args;
mod detect;
mod exchange;
mod project;
mod run;
mod team;

pub use args::{
    AddDocumentArgs, AddGroupArgs, AddSourceArgs, Cli, Command, CompareArgs, CompareFormat, ConflictsArgs,
    ExportArgs, FmtArgs, GitSetupArgs, GroupArgs, ImportArgs, MarkArgs, MergeArgs, NewArgs, SettleArgs,
    SourceKindArg, StatsArgs, ValidateArgs,
};
pub use run::{main, run};
