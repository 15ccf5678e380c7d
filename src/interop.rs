//! Exchange with the tools annotators already use: exports for training pipelines and
//! imports of work done elsewhere. This file is the map of the folder and nothing else;
//! every public name of `interop` is re-exported here, so callers write
//! `interop::ExportSet`, `interop::merge_import` and so on.
//!
//! The folder holds two kinds of file. **Format files**, one per foreign format
//! ([`brat`], [`claimreview`], [`conll`], [`csv`], [`doccano`], [`jsonl`],
//! [`label_studio`], [`w3c`]), each knowing one format's layout and offsets and nothing
//! of the others: a format file never imports another format file. **Shared
//! machinery**, which knows no format's details:
//!
//! - `format`: the list of formats, their names, extensions and offset units, and the one
//!   `match` per operation that calls a format's writer or reader;
//! - `options`: `--labels`, `--filter`, `--split`;
//! - `export`: the documents and claims an export writes, its summary, and writing it to
//!   a file or folder;
//! - `fields`: the claim and document fields every format carries, as written and as
//!   read back;
//! - `import`: what a reader found (documents, spans in chars, problems);
//! - `merge`: merging an import into a project as one edit;
//! - [`offsets`] and `json_scan`: offset units, and locating records in a JSON file
//!   (tokens and sentences are [`crate::text`]'s).
//!
//! Exports are deterministic: the same project and options give the same bytes.
//! Nothing here writes files except [`export_to_path`] and [`brat::write_folder`],
//! which write atomically.

pub mod brat;
pub mod claimreview;
pub mod conll;
pub mod csv;
pub mod doccano;
pub mod jsonl;
pub mod label_studio;
pub mod offsets;
pub mod w3c;

mod export;
mod fields;
#[cfg(test)]
mod fixtures;
mod format;
mod import;
mod json_scan;
mod merge;
mod options;

pub use export::{
    ExportDocument, ExportSet, ExportSummary, export_destinations, export_to_path, label_studio_config_path,
    occupied_destinations, part_path,
};
pub use fields::{ClaimFields, ClaimIn, DocumentFields, SourceFields, attribution_id};
pub use format::{Format, read_import, read_import_into, write_export, write_export_folder};
pub use import::{ImportProblem, ImportedDocument, ImportedSource, ImportedSpan, ParsedImport};
pub use merge::{ImportReport, merge_import};
pub use offsets::OffsetUnit;
pub use options::{ClaimFilter, ExportOptions, LabelBy, OptionError, Split};
