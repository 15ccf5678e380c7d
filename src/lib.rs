//! claimmark: mark, source and compare factual claims in news texts.
//!
//! The module map; see `../shared/DESIGN.md` (and the README) for the whole picture.
//! Everything outside `ui` is plain Rust without egui and is tested without a window;
//! `ui` (the app) is built with the `gui` feature, on by default.

pub mod anchor;
pub mod cli;
pub mod compare;
pub mod detect;
pub mod edit;
pub mod generate;
pub mod interop;
pub mod model;
pub mod sample;
pub mod stats;
pub mod store;
pub mod suggest;
pub mod team;
pub mod text;
pub mod textfile;
#[cfg(feature = "gui")]
pub mod ui;

/// The allocator of every program linking claimmark (the app, the command line, tests
/// and benchmarks): see `Cargo.toml`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
