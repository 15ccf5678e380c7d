//! Several reviewers on one project: the three-way merge of two copies of a project
//! that git runs as a merge driver ([`merge`]), and the conflicts it records for an
//! editor. Plain Rust on the model: no files (the CLI loads and saves), no window.

pub mod merge;
