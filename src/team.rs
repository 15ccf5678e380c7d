//! Several reviewers on one project: the three-way merge of two copies of a project
//! that git runs as a merge driver ([`merge`]), the conflicts it records for an editor,
//! and settling them ([`settle`]: ours or theirs, in one edit), and agreement between
//! reviewers ([`agree`]) and an editor settling their marks into one version
//! ([`adjudicate`]). Plain Rust on the model: no files (the CLI loads and saves), no
//! window.

pub mod adjudicate;
pub mod agree;
pub mod merge;
pub mod settle;
