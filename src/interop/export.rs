//! What an export writes and where: the documents and claims the options keep
//! ([`ExportSet`], split into parts by [`Split`]), the counts the user sees
//! ([`ExportSummary`]), and writing an export to a file or folder ([`export_to_path`]),
//! atomically, one file or folder per part of a split; which of those destinations
//! already hold something ([`occupied_destinations`]), so that callers can ask first.
//!
//! Formats write through [`ExportSet`]; this module must not know how any one format
//! lays out its output (the dispatch is in [`super::format`]).

use super::Format;
use super::format::{companion_files, companion_paths, write_export, write_export_folder};
use super::options::{ExportOptions, LabelBy, Split};
use crate::model::{
    Claim, ClaimGroup, ClaimOutlet, Document, DocumentId, GroupId, Label, Outlet, OutletId, Project, Source,
    SourceId,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;

/// One document of an export with its kept claims.
#[derive(Clone, Debug)]
pub struct ExportDocument<'a> {
    /// The document.
    pub document: &'a Document,
    /// Its own outlet, if recorded (a claim in a quoted passage counts for the passage's
    /// outlet instead: [`ExportSet::claim_outlet`]).
    pub outlet: Option<&'a Outlet>,
    /// The claims kept by the filter, in document order.
    pub claims: Vec<&'a Claim>,
    /// Claims the filter keeps that a text correction left to re-anchor: not written (their
    /// span no longer holds their words), reported as skipped.
    pub unplaced: Vec<&'a Claim>,
}

/// The documents and claims one export (or one part of a split) writes.
#[derive(Clone, Debug)]
pub struct ExportSet<'a> {
    /// The project.
    pub project: &'a Project,
    /// The options.
    pub options: &'a ExportOptions,
    /// The documents, in project order.
    pub documents: Vec<ExportDocument<'a>>,
    /// Counts written documents, for a progress bar (writers call [`ExportSet::tick`]).
    pub progress: Option<&'a AtomicUsize>,
    /// The records claims refer to, by id, looked up for every claim written.
    pub(super) records: RecordsById<'a>,
}

/// The groups and sources of a project by id: a claim's fields name them, and a search
/// of the project's lists for each claim would make an export quadratic.
#[derive(Clone, Debug, Default)]
pub(super) struct RecordsById<'a> {
    pub(super) groups: HashMap<&'a GroupId, &'a ClaimGroup>,
    pub(super) sources: HashMap<&'a SourceId, &'a Source>,
    pub(super) outlets: HashMap<&'a OutletId, &'a Outlet>,
}

impl<'a> RecordsById<'a> {
    fn new(project: &'a Project) -> RecordsById<'a> {
        // The first of a repeated id wins, as a search of the list would find it.
        RecordsById {
            groups: project.groups.iter().rev().map(|g| (&g.id, g)).collect(),
            sources: project.sources.iter().rev().map(|s| (&s.id, s)).collect(),
            outlets: project.outlets.iter().rev().map(|o| (&o.id, o)).collect(),
        }
    }
}

/// Counts of an export, for the summary the user sees.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ExportSummary {
    /// Documents written.
    pub documents: usize,
    /// Claims written.
    pub claims: usize,
    /// Spans written (a claim gives several under `--labels frame`, none without a label).
    pub spans: usize,
    /// Claims that could not be written, with why.
    pub skipped: Vec<String>,
}

impl ExportSummary {
    /// Adds another part's counts.
    pub fn add(&mut self, other: ExportSummary) {
        self.documents += other.documents;
        self.claims += other.claims;
        self.spans += other.spans;
        self.skipped.extend(other.skipped);
    }
}

impl<'a> ExportSet<'a> {
    /// The documents and claims of `project` that `options` keep. Documents are kept
    /// when they pass the document conditions (outlet, affiliation, genre), even with no
    /// claim left: texts without claims are negative examples for training. When the
    /// filter chooses one set of claims (the adjudicated set, a reviewer's marks), only
    /// the documents that set marked are kept: the others were not marked by it.
    pub fn new(project: &'a Project, options: &'a ExportOptions) -> ExportSet<'a> {
        let records = RecordsById::new(project);
        let filter = &options.filter;
        let mut by_document: HashMap<&DocumentId, Vec<&'a Claim>> = HashMap::new();
        let mut unplaced: HashMap<&DocumentId, Vec<&'a Claim>> = HashMap::new();
        let mut marked_by_set: HashSet<&DocumentId> = HashSet::new();
        for claim in &project.claims {
            if filter.keeps_claim(project, claim) {
                let list = if claim.needs_reanchoring { &mut unplaced } else { &mut by_document };
                list.entry(&claim.document).or_default().push(claim);
            }
            if filter.chooses_set() && filter.in_set(project, claim) {
                marked_by_set.insert(&claim.document);
            }
        }
        let documents = project
            .documents
            .iter()
            .filter_map(|document| {
                let outlet = document.outlet.as_ref().and_then(|id| records.outlets.get(id).copied());
                if !filter.keeps_document(document, outlet)
                    || filter.chooses_set() && !marked_by_set.contains(&document.id)
                {
                    return None;
                }
                let mut claims = by_document.remove(&document.id).unwrap_or_default();
                claims.sort_by_key(|c| (c.span.start, c.span.end));
                let unplaced = unplaced.remove(&document.id).unwrap_or_default();
                Some(ExportDocument { document, outlet, claims, unplaced })
            })
            .collect();
        ExportSet { project, options, documents, progress: None, records }
    }

    /// The claims left out because they need re-anchoring, as skipped lines.
    pub fn unplaced_lines(&self) -> Vec<String> {
        self.documents
            .iter()
            .flat_map(|d| &d.unplaced)
            .map(|claim| {
                format!("{}: needs re-anchoring after a text correction; place it again first", claim.id)
            })
            .collect()
    }

    /// Records that one more document was written.
    pub fn tick(&self) {
        if let Some(progress) = self.progress {
            progress.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
    }

    /// Splits the set by document into the parts of `split`, named.
    pub fn split(self, split: &Split) -> Vec<(String, ExportSet<'a>)> {
        let ids: Vec<&str> = self.documents.iter().map(|d| d.document.id.as_str()).collect();
        let assignment = split.assign(&ids);
        let mut parts: Vec<(String, ExportSet<'a>)> = split
            .parts
            .iter()
            .map(|(name, _)| {
                (
                    name.clone(),
                    ExportSet {
                        project: self.project,
                        options: self.options,
                        documents: Vec::new(),
                        progress: self.progress,
                        records: self.records.clone(),
                    },
                )
            })
            .collect();
        for (document, part) in self.documents.into_iter().zip(assignment) {
            parts[part].1.documents.push(document);
        }
        parts
    }

    /// Whose text a claim of `document` is: the outlet of the quoted passage that holds
    /// its first char, with the document's outlet as `via`, else the document's outlet
    /// (see [`ClaimOutlet`]). Exports write this outlet and its affiliation as the claim's.
    pub fn claim_outlet(&self, document: &ExportDocument<'a>, claim: &Claim) -> ClaimOutlet<'a> {
        ClaimOutlet::of(document.document, claim.span, |id| self.records.outlets.get(id).copied())
    }

    /// The labels of a claim's span(s) under the export's [`LabelBy`]; under
    /// [`LabelBy::Affiliation`], the affiliation of the outlet whose text it is
    /// ([`ExportSet::claim_outlet`]).
    pub fn labels_of(&self, document: &ExportDocument<'a>, claim: &Claim) -> Vec<String> {
        match self.options.labels {
            LabelBy::Kind => vec![claim.kind.to_string()],
            LabelBy::Verdict => vec![claim.verdict.to_string()],
            LabelBy::Frame => claim.frames.iter().map(ToString::to_string).collect(),
            LabelBy::Affiliation => {
                let outlet = self.claim_outlet(document, claim).outlet;
                vec![outlet.map_or("unknown", |o| o.affiliation.as_str()).to_owned()]
            }
        }
    }

    /// The labels of a claim's span(s), as [`ExportSet::labels_of`]; when it has none under
    /// the export's [`LabelBy`] (a claim without frames under `--labels frame`), the claim
    /// is recorded in `summary` as skipped, so every format reports it the same way.
    pub fn labels_or_skip(
        &self,
        document: &ExportDocument<'a>,
        claim: &Claim,
        summary: &mut ExportSummary,
    ) -> Vec<String> {
        let labels = self.labels_of(document, claim);
        if labels.is_empty() {
            summary.skipped.push(format!(
                "{}: no label under --labels {}",
                claim.id,
                self.options.labels.name()
            ));
        }
        labels
    }

    /// Every label this export can write (for brat's `annotation.conf`, Label Studio's
    /// config): the taxonomy set behind [`LabelBy`].
    pub fn label_set(&self) -> &'a [Label] {
        let taxonomy = &self.project.taxonomy;
        match self.options.labels {
            LabelBy::Kind => &taxonomy.claim_kinds,
            LabelBy::Frame => &taxonomy.frames,
            LabelBy::Verdict => &taxonomy.verdicts,
            LabelBy::Affiliation => &taxonomy.affiliations,
        }
    }
}

/// Where the part `part` of a split export of `out` goes: `data.jsonl` → `data.train.jsonl`;
/// a folder `brat-out` → `brat-out/train`.
pub fn part_path(format: Format, out: &Path, part: &str) -> PathBuf {
    if format.writes_folder() {
        return out.join(part);
    }
    let stem = out.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let name = match out.extension() {
        Some(extension) => format!("{stem}.{part}.{}", extension.to_string_lossy()),
        None => format!("{stem}.{part}"),
    };
    out.with_file_name(name)
}

/// Where the Label Studio labeling config of an export to `path` goes:
/// `tasks.json` → `tasks.config.xml`.
pub fn label_studio_config_path(path: &Path) -> PathBuf {
    path.with_extension("config.xml")
}

/// Every file and folder an export of `format` to `out` writes: one per part of a
/// split ([`part_path`]), and the files beside each (Label Studio's labeling config).
pub fn export_destinations(format: Format, split: Option<&Split>, out: &Path) -> Vec<PathBuf> {
    let parts: Vec<PathBuf> = match split {
        None => vec![out.to_owned()],
        Some(split) => split.parts.iter().map(|(name, _)| part_path(format, out, name)).collect(),
    };
    parts
        .into_iter()
        .flat_map(|part| {
            let companions = if format.writes_folder() { Vec::new() } else { companion_paths(format, &part) };
            std::iter::once(part).chain(companions)
        })
        .collect()
}

/// Those of [`export_destinations`] that an export would replace: a file (or link) where
/// a file goes, a folder with anything in it (or a file) where a folder goes. An empty
/// folder is not listed; nor is a folder where a file goes, which the export refuses by
/// itself. Callers ask before replacing these (`--force`, the export window's question).
pub fn occupied_destinations(format: Format, split: Option<&Split>, out: &Path) -> Vec<PathBuf> {
    export_destinations(format, split, out)
        .into_iter()
        .filter(|path| {
            let Ok(metadata) = std::fs::symlink_metadata(path) else {
                return false;
            };
            if !metadata.is_dir() {
                return true;
            }
            format.writes_folder()
                && std::fs::read_dir(path).map_or(true, |mut entries| entries.next().is_some())
        })
        .collect()
}

/// Exports `project` to `out` (a file, or a folder for brat); with a split, one file or
/// folder per part ([`part_path`]). Files are written atomically. Returns what was
/// written where.
pub fn export_to_path(
    project: &Project,
    format: Format,
    options: &ExportOptions,
    split: Option<&Split>,
    out: &Path,
    progress: Option<&AtomicUsize>,
) -> std::io::Result<Vec<(PathBuf, ExportSummary)>> {
    let mut set = ExportSet::new(project, options);
    set.progress = progress;
    let parts: Vec<(PathBuf, ExportSet<'_>)> = match split {
        None => vec![(out.to_owned(), set)],
        Some(split) => {
            set.split(split).into_iter().map(|(name, part)| (part_path(format, out, &name), part)).collect()
        }
    };
    let mut written = Vec::new();
    for (path, part) in parts {
        let summary = if format.writes_folder() {
            std::fs::create_dir_all(&path)?;
            write_export_folder(format, &part, &path)?
        } else {
            // Streamed into the temporary file: a 100,000-claim export is never held in
            // memory whole. An error of the export itself is returned as it is.
            let mut outcome: Option<std::io::Result<ExportSummary>> = None;
            let written = crate::store::write_atomically_with(&path, false, |out| {
                let result = write_export(format, &part, out);
                let failed = result.as_ref().err().map(|e| std::io::Error::new(e.kind(), e.to_string()));
                outcome = Some(result);
                failed.map_or(Ok(()), Err)
            });
            if let Some(Err(error)) = outcome {
                return Err(error);
            }
            written.map_err(|e| std::io::Error::new(e.source.kind(), e.to_string()))?;
            let summary = outcome.and_then(Result::ok).unwrap_or_default();
            for (companion, text) in companion_files(format, &part, &path) {
                write_file(&companion, text.as_bytes())?;
            }
            summary
        };
        written.push((path, summary));
    }
    Ok(written)
}

/// Writes `bytes` to `path` atomically (a temporary file beside it, then a rename), so
/// that a failed export never leaves half a file.
pub(crate) fn write_file(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::store::write_atomically(path, bytes, false)
        .map_err(|e| std::io::Error::new(e.source.kind(), e.to_string()))
}
