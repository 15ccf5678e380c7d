//! The list of foreign formats and the one place that calls each format's module: its
//! command-line name, file extension, offset unit, and which writer or reader runs for
//! it. Adding a format means a variant here, an arm in each `match`, and its own file.
//!
//! Nothing here knows a format's details: the format files do. This module must not
//! write files itself (see [`super::export_to_path`]) nor merge anything into a project.

use super::offsets::OffsetUnit;
use super::{ExportSet, ExportSummary, ImportProblem, OptionError, ParsedImport, label_studio_config_path};
use super::{brat, claimreview, conll, csv, doccano, jsonl, label_studio, w3c};
use crate::model::Project;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// A foreign format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// spaCy/Prodigy-style JSON lines: one document a line with tokens and spans.
    Jsonl,
    /// doccano sequence-labelling JSON lines.
    Doccano,
    /// brat standoff: a folder of `.txt` and `.ann` files.
    Brat,
    /// CoNLL-style BIO tags, a token a line.
    Conll,
    /// A row per claim.
    Csv,
    /// W3C Web Annotation JSON-LD.
    W3c,
    /// schema.org ClaimReview JSON-LD.
    ClaimReview,
    /// Label Studio JSON tasks.
    LabelStudio,
}

impl Format {
    /// Every format, in the order the README lists them.
    pub const ALL: [Format; 8] = [
        Format::Jsonl,
        Format::Doccano,
        Format::Brat,
        Format::Conll,
        Format::Csv,
        Format::W3c,
        Format::ClaimReview,
        Format::LabelStudio,
    ];

    /// The name on the command line.
    pub fn id(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::Doccano => "doccano",
            Format::Brat => "brat",
            Format::Conll => "conll",
            Format::Csv => "csv",
            Format::W3c => "w3c",
            Format::ClaimReview => "claimreview",
            Format::LabelStudio => "label-studio",
        }
    }

    /// The format named `id` on the command line.
    pub fn from_id(id: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.id() == id)
    }

    /// The file extension of an export (brat writes a folder).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jsonl | Format::Doccano => "jsonl",
            Format::Brat => "",
            Format::Conll => "conll",
            Format::Csv => "csv",
            Format::W3c | Format::ClaimReview => "jsonld",
            Format::LabelStudio => "json",
        }
    }

    /// `path` renamed for an export in this format: an extension of any format's export
    /// (`claims.jsonl`) becomes this format's (`claims.json` for label-studio), or is
    /// taken off for a folder (`claims` for brat); a path without one gets this format's.
    /// Another extension (`claims.txt`) was chosen on purpose and stays.
    pub fn destination_for(self, path: &Path) -> PathBuf {
        let known =
            |extension: &str| Format::ALL.iter().any(|f| !f.writes_folder() && f.extension() == extension);
        let extension = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        match extension.as_deref() {
            Some(extension) if !known(extension) => path.to_owned(),
            Some(_) if self.writes_folder() => path.with_extension(""),
            _ if self.writes_folder() => path.to_owned(),
            _ => path.with_extension(self.extension()),
        }
    }

    /// Whether an export is a folder rather than a file.
    pub fn writes_folder(self) -> bool {
        self == Format::Brat
    }

    /// The unit span offsets are counted in by default, as the format's own program
    /// counts: doccano 1.8 in its browser page (UTF-16), Label Studio 1.23 in Python
    /// (code points), both checked with the real programs.
    pub fn offset_unit(self) -> OffsetUnit {
        match self {
            Format::Doccano => OffsetUnit::Utf16,
            Format::Conll => OffsetUnit::Tokens,
            Format::Jsonl
            | Format::Brat
            | Format::Csv
            | Format::W3c
            | Format::ClaimReview
            | Format::LabelStudio => OffsetUnit::Chars,
        }
    }

    /// Every unit `--offsets` may choose for this format, the default first. More than
    /// one only for doccano: grapheme clusters for projects with "Count grapheme clusters
    /// as one character" on, chars for files that count code points (claimmark's doccano
    /// exports before UTF-16 was the default).
    pub fn offset_units(self) -> &'static [OffsetUnit] {
        match self {
            Format::Doccano => &[OffsetUnit::Utf16, OffsetUnit::Graphemes, OffsetUnit::Chars],
            Format::Conll => &[OffsetUnit::Tokens],
            Format::Jsonl
            | Format::Brat
            | Format::Csv
            | Format::W3c
            | Format::ClaimReview
            | Format::LabelStudio => &[OffsetUnit::Chars],
        }
    }

    /// The unit an export or import counts in: `chosen` (`--offsets`) when the format
    /// can count in it, else an error naming the units it can; the default when `None`.
    pub fn offsets(self, chosen: Option<OffsetUnit>) -> Result<OffsetUnit, OptionError> {
        let Some(unit) = chosen else {
            return Ok(self.offset_unit());
        };
        if self.offset_units().contains(&unit) {
            return Ok(unit);
        }
        let names: Vec<&str> = self.offset_units().iter().map(|u| u.name()).collect();
        Err(OptionError::Offsets { format: self.id(), unit: unit.name(), allowed: names.join(", ") })
    }

    /// Whether `claimmark import` reads this format.
    pub fn importable(self) -> bool {
        matches!(self, Format::Jsonl | Format::Doccano | Format::Brat | Format::LabelStudio | Format::W3c)
    }
}

/// Writes a single-file export of `set` in `format` to `out`.
pub fn write_export(format: Format, set: &ExportSet<'_>, out: &mut dyn Write) -> io::Result<ExportSummary> {
    let mut summary = write_export_of(format, set, out)?;
    summary.skipped.extend(set.unplaced_lines());
    Ok(summary)
}

fn write_export_of(format: Format, set: &ExportSet<'_>, out: &mut dyn Write) -> io::Result<ExportSummary> {
    match format {
        Format::Jsonl => jsonl::write(set, out),
        Format::Csv => csv::write(set, out),
        Format::Doccano => doccano::write(set, set.options.offsets.unwrap_or(format.offset_unit()), out),
        Format::Conll => conll::write(set, out),
        Format::ClaimReview => claimreview::write(set, out),
        Format::LabelStudio => label_studio::write(set, out),
        Format::W3c => w3c::write(set, out),
        // FORMAT-DISPATCH-WRITE: one arm per format module.
        Format::Brat => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "brat writes a folder (a .txt and an .ann per document); give a folder as the destination",
        )),
    }
}

/// Writes an export that is a folder (brat) into `folder`.
pub fn write_export_folder(format: Format, set: &ExportSet<'_>, folder: &Path) -> io::Result<ExportSummary> {
    let mut summary = write_export_folder_of(format, set, folder)?;
    summary.skipped.extend(set.unplaced_lines());
    Ok(summary)
}

fn write_export_folder_of(format: Format, set: &ExportSet<'_>, folder: &Path) -> io::Result<ExportSummary> {
    match format {
        // FORMAT-DISPATCH-FOLDER
        Format::Brat => brat::write_folder(set, folder),
        Format::Jsonl
        | Format::Doccano
        | Format::Conll
        | Format::Csv
        | Format::W3c
        | Format::ClaimReview
        | Format::LabelStudio => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} writes one file, not a folder; give a file as the destination", format.id()),
        )),
    }
}

/// The files a single-file export of `format` to `path` writes beside it, with their
/// contents: Label Studio's labeling config, which a Label Studio project needs to show
/// the export's labels.
pub(crate) fn companion_files(format: Format, set: &ExportSet<'_>, path: &Path) -> Vec<(PathBuf, String)> {
    match format {
        Format::LabelStudio => vec![(label_studio_config_path(path), label_studio::labeling_config(set))],
        Format::Jsonl
        | Format::Doccano
        | Format::Brat
        | Format::Conll
        | Format::Csv
        | Format::W3c
        | Format::ClaimReview => Vec::new(),
    }
}

/// Where [`companion_files`] go, without making their contents.
pub(crate) fn companion_paths(format: Format, path: &Path) -> Vec<PathBuf> {
    match format {
        Format::LabelStudio => vec![label_studio_config_path(path)],
        Format::Jsonl
        | Format::Doccano
        | Format::Brat
        | Format::Conll
        | Format::Csv
        | Format::W3c
        | Format::ClaimReview => Vec::new(),
    }
}

/// Reads an import of `format` from `path` (a file; for brat also a folder), with
/// offsets in the format's default unit.
pub fn read_import(format: Format, path: &Path) -> Result<ParsedImport, ImportProblem> {
    read(format, path, None, format.offset_unit())
}

/// Like [`read_import`], for an import into `project` with offsets counted in `offsets`
/// (the format's default when `None`; see [`Format::offsets`]): a w3c file exported
/// without its texts is re-anchored onto the project's documents (by URL or document id,
/// then by position and quote, see [`w3c::read_with_project`]); other formats read the same.
pub fn read_import_into(
    format: Format,
    path: &Path,
    project: &Project,
    offsets: Option<OffsetUnit>,
) -> Result<ParsedImport, ImportProblem> {
    let unit = format.offsets(offsets).map_err(|error| ImportProblem {
        file: path.to_owned(),
        line: 0,
        message: error.to_string(),
    })?;
    read(format, path, Some(project), unit)
}

fn read(
    format: Format,
    path: &Path,
    project: Option<&Project>,
    unit: OffsetUnit,
) -> Result<ParsedImport, ImportProblem> {
    let whole_file = |message: String| ImportProblem { file: path.to_owned(), line: 0, message };
    if !format.importable() {
        return Err(whole_file(format!("claimmark does not import {}", format.id())));
    }
    let read = |path: &Path| -> Result<String, ImportProblem> {
        crate::store::read_text(path, crate::store::DEFAULT_MAX_FILE_BYTES).map_err(|e| ImportProblem {
            file: path.to_owned(),
            line: 0,
            message: e.to_string(),
        })
    };
    match format {
        Format::Jsonl => Ok(jsonl::read(path, &read(path)?)),
        Format::Doccano => Ok(doccano::read_in(path, &read(path)?, unit)),
        // A brat import is a folder (or .ann files with their .txt): the module reads it.
        Format::Brat => Ok(brat::read(path)),
        Format::LabelStudio => Ok(label_studio::read(path, &read(path)?)),
        Format::W3c => Ok(w3c::read_with_project(path, &read(path)?, project)),
        // FORMAT-DISPATCH-READ
        Format::Conll | Format::Csv | Format::ClaimReview => {
            Err(whole_file(format!("claimmark does not import {}", format.id())))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_unit_comes_first_and_only_doccano_offers_others() {
        for format in Format::ALL {
            assert_eq!(format.offset_units()[0], format.offset_unit(), "{format:?}");
            assert_eq!(format.offsets(None), Ok(format.offset_unit()));
        }
        assert_eq!(Format::Doccano.offsets(Some(OffsetUnit::Graphemes)), Ok(OffsetUnit::Graphemes));
        let refused = Format::Jsonl.offsets(Some(OffsetUnit::Utf16)).unwrap_err().to_string();
        assert!(refused.contains("jsonl counts offsets in chars only"), "{refused}");
    }

    #[test]
    fn a_destination_follows_the_format() {
        let renamed = |format: Format, path: &str| format.destination_for(Path::new(path));
        assert_eq!(renamed(Format::LabelStudio, "out/claims.jsonl"), Path::new("out/claims.json"));
        assert_eq!(renamed(Format::Brat, "out/claims.json"), Path::new("out/claims"));
        assert_eq!(renamed(Format::Csv, "out/claims"), Path::new("out/claims.csv"));
        assert_eq!(renamed(Format::Brat, "out/claims"), Path::new("out/claims"));
        assert_eq!(renamed(Format::W3c, "claims.CSV"), Path::new("claims.jsonld"));
        assert_eq!(renamed(Format::Doccano, "claims.jsonl"), Path::new("claims.jsonl"));
        assert_eq!(renamed(Format::Csv, "claims.txt"), Path::new("claims.txt"), "chosen on purpose");
        assert_eq!(renamed(Format::Brat, "brat.v2"), Path::new("brat.v2"));
    }
}
