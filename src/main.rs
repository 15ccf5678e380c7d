//! The `claimmark` binary, and the one switch between the command line and the window:
//! a subcommand runs in [`claimmark::cli`], no subcommand opens the app ([`claimmark::ui`]).

use claimmark::cli::Cli;
use clap::Parser as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => claimmark::cli::main(command),
        None => match cli.file.as_deref().and_then(Cli::mistyped_subcommand) {
            Some(message) => {
                eprintln!("claimmark: {message}");
                ExitCode::from(2)
            }
            None => open_app(cli.file),
        },
    }
}

/// Opens the app on `file` (or the bundled sample project).
#[cfg(feature = "gui")]
fn open_app(file: Option<std::path::PathBuf>) -> ExitCode {
    claimmark::ui::run(claimmark::ui::StartOptions { file, ..Default::default() })
}

/// This build has no app: says so and how to get it.
#[cfg(not(feature = "gui"))]
fn open_app(_file: Option<std::path::PathBuf>) -> ExitCode {
    eprintln!(
        "claimmark: this build has no window (built without the `gui` feature); use a subcommand (see `claimmark --help`) or build with `cargo build --release` to get the app"
    );
    ExitCode::FAILURE
}
