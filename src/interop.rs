//! Exchange with the tools annotators already use: exports for training pipelines and
//! imports of work done elsewhere. One file per foreign format; this module holds what
//! they share: the formats and their offset units, the options of an export (which
//! label a span carries, which claims, train/dev/test splits), the claim and document
//! fields every format carries where it has room, and merging imported documents and
//! spans into a project.
//!
//! Exports are deterministic: the same project and options give the same bytes.
//! Nothing here writes files except through the writers the caller passes in.

pub mod brat;
pub mod claimreview;
pub mod conll;
pub mod csv;
pub mod doccano;
pub mod jsonl;
pub mod label_studio;
pub mod offsets;
pub mod w3c;

use crate::anchor::{CharSpan, QuoteSelector};
use crate::edit::{ClaimRequest, Edit};
use crate::model::{
    Attribution, Claim, ClaimGroup, ClaimId, Document, DocumentId, GroupId, IdAllocator, Label, LabelId,
    LabelSet, Outlet, OutletId, Project, Source, Timestamp, prefix,
};
use offsets::OffsetUnit;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicUsize;
use thiserror::Error;

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

    /// Whether an export is a folder rather than a file.
    pub fn writes_folder(self) -> bool {
        self == Format::Brat
    }

    /// The unit span offsets are counted in, as the format's own tool counts.
    pub fn offset_unit(self) -> OffsetUnit {
        match self {
            Format::LabelStudio => OffsetUnit::Utf16,
            Format::Conll => OffsetUnit::Tokens,
            _ => OffsetUnit::Chars,
        }
    }

    /// Whether `claimmark import` reads this format.
    pub fn importable(self) -> bool {
        matches!(self, Format::Jsonl | Format::Doccano | Format::Brat | Format::LabelStudio | Format::W3c)
    }
}

/// Which property of a claim becomes the label of its span.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum LabelBy {
    /// The claim kind (default).
    #[default]
    Kind,
    /// Each frame: a claim with two frames gives two spans; one without gives none.
    Frame,
    /// The verdict.
    Verdict,
    /// The affiliation of the document's outlet (`unknown` without one).
    Affiliation,
}

impl LabelBy {
    /// Every choice, with its command-line name.
    pub const ALL: [(LabelBy, &'static str); 4] = [
        (LabelBy::Kind, "kind"),
        (LabelBy::Frame, "frame"),
        (LabelBy::Verdict, "verdict"),
        (LabelBy::Affiliation, "affiliation"),
    ];

    /// The choice named `name`.
    pub fn from_name(name: &str) -> Option<LabelBy> {
        LabelBy::ALL.iter().find(|(_, n)| *n == name).map(|(l, _)| *l)
    }

    /// The command-line name.
    pub fn name(self) -> &'static str {
        LabelBy::ALL.iter().find(|(l, _)| *l == self).map_or("kind", |(_, n)| n)
    }
}

/// Which claims (and documents) an export keeps. Empty lists keep everything; values
/// within one list are alternatives, lists are combined (all must hold).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ClaimFilter {
    /// Claim kind ids.
    pub kinds: Vec<String>,
    /// Verdict ids.
    pub verdicts: Vec<String>,
    /// Outlet ids or names (case-insensitive).
    pub outlets: Vec<String>,
    /// Affiliation ids of the document's outlet.
    pub affiliations: Vec<String>,
    /// Genre ids of the document.
    pub genres: Vec<String>,
    /// Reviewer ids or names (case-insensitive).
    pub reviewers: Vec<String>,
}

/// A problem with export options.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum OptionError {
    /// A `--filter` that is not `KEY=VALUE[,VALUE...]`.
    #[error(
        "filter \"{0}\": expected KEY=VALUE[,VALUE...] with KEY one of kind, verdict, outlet, affiliation, genre, reviewer"
    )]
    Filter(String),
    /// A `--split` that is not `NAME=SHARE,...` summing to 1.
    #[error(
        "split \"{0}\": expected NAME=SHARE,... with shares between 0 and 1 that add up to 1, e.g. train=0.8,dev=0.1,test=0.1"
    )]
    Split(String),
    /// A label id that the project's taxonomy does not have.
    #[error("unknown {set} \"{id}\" in the filter; this project's are: {known}")]
    UnknownLabel {
        /// The label set.
        set: LabelSet,
        /// The id given.
        id: String,
        /// The ids the project has.
        known: String,
    },
}

impl ClaimFilter {
    /// Adds one `KEY=VALUE[,VALUE...]` condition.
    pub fn add(&mut self, condition: &str) -> Result<(), OptionError> {
        let Some((key, values)) = condition.split_once('=') else {
            return Err(OptionError::Filter(condition.to_owned()));
        };
        let values = values.split(',').map(str::trim).filter(|v| !v.is_empty()).map(str::to_owned);
        let list = match key.trim() {
            "kind" => &mut self.kinds,
            "verdict" => &mut self.verdicts,
            "outlet" => &mut self.outlets,
            "affiliation" => &mut self.affiliations,
            "genre" => &mut self.genres,
            "reviewer" => &mut self.reviewers,
            _ => return Err(OptionError::Filter(condition.to_owned())),
        };
        let before = list.len();
        list.extend(values);
        if list.len() == before {
            return Err(OptionError::Filter(condition.to_owned()));
        }
        Ok(())
    }

    /// Checks that every label id in the filter exists in the project's taxonomy.
    pub fn check(&self, project: &Project) -> Result<(), OptionError> {
        let taxonomy = &project.taxonomy;
        for (set, ids) in [
            (LabelSet::ClaimKind, &self.kinds),
            (LabelSet::Verdict, &self.verdicts),
            (LabelSet::Affiliation, &self.affiliations),
            (LabelSet::Genre, &self.genres),
        ] {
            for id in ids {
                if !taxonomy.contains(set, &LabelId::new(id.as_str())) {
                    let known: Vec<&str> = taxonomy.labels(set).iter().map(|l| l.id.as_str()).collect();
                    return Err(OptionError::UnknownLabel { set, id: id.clone(), known: known.join(", ") });
                }
            }
        }
        Ok(())
    }

    /// Whether the document-level conditions hold for `document`.
    pub fn keeps_document(&self, document: &Document, outlet: Option<&Outlet>) -> bool {
        let outlet_ok = self.outlets.is_empty()
            || outlet.is_some_and(|o| {
                self.outlets.iter().any(|v| v == o.id.as_str() || v.eq_ignore_ascii_case(o.name.trim()))
            });
        let affiliation = outlet.map_or("unknown", |o| o.affiliation.as_str());
        let affiliation_ok =
            self.affiliations.is_empty() || self.affiliations.iter().any(|v| v == affiliation);
        let genre_ok = self.genres.is_empty()
            || document.genre.as_ref().is_some_and(|g| self.genres.iter().any(|v| v == g.as_str()));
        outlet_ok && affiliation_ok && genre_ok
    }

    /// Whether the claim-level conditions hold for `claim`.
    pub fn keeps_claim(&self, project: &Project, claim: &Claim) -> bool {
        let kind_ok = self.kinds.is_empty() || self.kinds.iter().any(|v| v == claim.kind.as_str());
        let verdict_ok =
            self.verdicts.is_empty() || self.verdicts.iter().any(|v| v == claim.verdict.as_str());
        let reviewer_ok = self.reviewers.is_empty()
            || claim.reviewer.as_ref().is_some_and(|id| {
                let name = project.reviewers.iter().find(|r| &r.id == id).map_or("", |r| r.name.as_str());
                self.reviewers.iter().any(|v| v == id.as_str() || v.eq_ignore_ascii_case(name))
            });
        kind_ok && verdict_ok && reviewer_ok
    }

    /// Whether no condition is set.
    pub fn is_empty(&self) -> bool {
        [&self.kinds, &self.verdicts, &self.outlets, &self.affiliations, &self.genres, &self.reviewers]
            .iter()
            .all(|l| l.is_empty())
    }
}

/// A split of the documents into named parts (train/dev/test), by document.
#[derive(Clone, Debug, PartialEq)]
pub struct Split {
    /// Part names and shares, in order; shares add up to 1.
    pub parts: Vec<(String, f64)>,
    /// Seed of the assignment.
    pub seed: u64,
}

impl Split {
    /// Parses `train=0.8,dev=0.1,test=0.1`.
    pub fn parse(spec: &str, seed: u64) -> Result<Split, OptionError> {
        let error = || OptionError::Split(spec.to_owned());
        let mut parts = Vec::new();
        for part in spec.split(',') {
            let (name, share) = part.split_once('=').ok_or_else(error)?;
            let share: f64 = share.trim().parse().map_err(|_| error())?;
            let name = name.trim();
            if name.is_empty() || !(0.0..=1.0).contains(&share) || parts.iter().any(|(n, _)| n == name) {
                return Err(error());
            }
            parts.push((name.to_owned(), share));
        }
        let total: f64 = parts.iter().map(|(_, s)| s).sum();
        if parts.is_empty() || (total - 1.0).abs() > 1e-6 {
            return Err(error());
        }
        Ok(Split { parts, seed })
    }

    /// Assigns each of `document_ids` to a part: documents are ordered by a seeded hash
    /// of their id (stable across runs and independent of their order in the project),
    /// then cut into parts whose sizes follow the shares (largest remainders). Returns
    /// the part index of each document, in the order given.
    pub fn assign(&self, document_ids: &[&str]) -> Vec<usize> {
        let n = document_ids.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&i| (seeded_hash(self.seed, document_ids[i]), document_ids[i]));
        // Sizes by largest remainder.
        let exact: Vec<f64> = self.parts.iter().map(|(_, s)| s * n as f64).collect();
        let mut sizes: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
        let mut remainders: Vec<(usize, f64)> =
            exact.iter().enumerate().map(|(i, e)| (i, e - e.floor())).collect();
        remainders.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut missing = n - sizes.iter().sum::<usize>();
        for (i, _) in remainders {
            if missing == 0 {
                break;
            }
            sizes[i] += 1;
            missing -= 1;
        }
        let mut assignment = vec![0; n];
        let mut next = 0;
        for (part, size) in sizes.iter().enumerate() {
            for &document in &order[next..next + size] {
                assignment[document] = part;
            }
            next += size;
        }
        assignment
    }
}

/// FNV-1a of the seed and a string: stable across Rust versions and platforms.
fn seeded_hash(seed: u64, text: &str) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// What an export writes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExportOptions {
    /// What a span's label is.
    pub labels: LabelBy,
    /// Which claims and documents.
    pub filter: ClaimFilter,
    /// Whether to include document texts (formats that can leave them out do so when false).
    pub with_text: bool,
}

/// One document of an export with its kept claims.
#[derive(Clone, Debug)]
pub struct ExportDocument<'a> {
    /// The document.
    pub document: &'a Document,
    /// Its outlet, if recorded.
    pub outlet: Option<&'a Outlet>,
    /// The claims kept by the filter, in document order.
    pub claims: Vec<&'a Claim>,
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
    /// claim left: texts without claims are negative examples for training.
    pub fn new(project: &'a Project, options: &'a ExportOptions) -> ExportSet<'a> {
        let outlets = project.outlets_by_id();
        let mut by_document: HashMap<&DocumentId, Vec<&'a Claim>> = HashMap::new();
        for claim in &project.claims {
            if options.filter.keeps_claim(project, claim) {
                by_document.entry(&claim.document).or_default().push(claim);
            }
        }
        let documents = project
            .documents
            .iter()
            .filter_map(|document| {
                let outlet = document.outlet.as_ref().and_then(|id| outlets.get(id).copied());
                if !options.filter.keeps_document(document, outlet) {
                    return None;
                }
                let mut claims = by_document.remove(&document.id).unwrap_or_default();
                claims.sort_by_key(|c| (c.span.start, c.span.end));
                Some(ExportDocument { document, outlet, claims })
            })
            .collect();
        ExportSet { project, options, documents, progress: None }
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
                    },
                )
            })
            .collect();
        for (document, part) in self.documents.into_iter().zip(assignment) {
            parts[part].1.documents.push(document);
        }
        parts
    }

    /// The labels of a claim's span(s) under the export's [`LabelBy`].
    pub fn labels_of(&self, claim: &Claim, outlet: Option<&Outlet>) -> Vec<String> {
        match self.options.labels {
            LabelBy::Kind => vec![claim.kind.to_string()],
            LabelBy::Verdict => vec![claim.verdict.to_string()],
            LabelBy::Frame => claim.frames.iter().map(ToString::to_string).collect(),
            LabelBy::Affiliation => vec![outlet.map_or("unknown", |o| o.affiliation.as_str()).to_owned()],
        }
    }

    /// The labels of a claim's span(s), as [`ExportSet::labels_of`]; when it has none under
    /// the export's [`LabelBy`] (a claim without frames under `--labels frame`), the claim
    /// is recorded in `summary` as skipped, so every format reports it the same way.
    pub fn labels_or_skip(
        &self,
        claim: &Claim,
        outlet: Option<&Outlet>,
        summary: &mut ExportSummary,
    ) -> Vec<String> {
        let labels = self.labels_of(claim, outlet);
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

    /// The fields of a claim every format carries where it has room.
    pub fn claim_fields(&self, claim: &'a Claim) -> ClaimFields<'a> {
        let project = self.project;
        let taxonomy = &project.taxonomy;
        let group = claim.group.as_ref().and_then(|g| project.group(g));
        ClaimFields {
            id: claim.id.as_str(),
            kind: claim.kind.as_str(),
            kind_name: taxonomy.name_of(LabelSet::ClaimKind, &claim.kind),
            claimant: claim.claimant.as_str(),
            attribution: attribution_id(claim.attribution),
            verdict: claim.verdict.as_str(),
            verdict_name: taxonomy.name_of(LabelSet::Verdict, &claim.verdict),
            frames: claim.frames.iter().map(LabelId::as_str).collect(),
            sources: claim
                .sources
                .iter()
                .map(|link| {
                    let source = project.source(&link.source);
                    SourceFields {
                        id: link.source.as_str(),
                        title: source.map_or("", |s: &Source| s.title.as_str()),
                        url: source.and_then(|s| s.url.as_deref()),
                        relation: link.relation.as_str(),
                    }
                })
                .collect(),
            group: claim.group.as_ref().map(GroupId::as_str),
            group_name: group.map(|g| g.name.as_str()),
            note: claim.note.as_str(),
            reviewer: claim.reviewer.as_ref().map(|id| {
                project.reviewers.iter().find(|r| &r.id == id).map_or(id.as_str(), |r| r.name.as_str())
            }),
            created: claim.created.as_str(),
            modified: claim.modified.as_str(),
        }
    }

    /// The fields of a document every format carries where it has room.
    pub fn document_fields(&self, document: &ExportDocument<'a>) -> DocumentFields<'a> {
        let taxonomy = &self.project.taxonomy;
        let d = document.document;
        DocumentFields {
            id: d.id.as_str(),
            title: d.title.as_str(),
            url: d.url.as_deref(),
            published: d.published.as_deref(),
            author: d.author.as_deref(),
            outlet: document.outlet.map(|o| o.name.as_str()),
            outlet_id: document.outlet.map(|o| o.id.as_str()),
            affiliation: document.outlet.map(|o| o.affiliation.as_str()),
            affiliation_name: document
                .outlet
                .map(|o| taxonomy.name_of(LabelSet::Affiliation, &o.affiliation)),
            genre: d.genre.as_ref().map(LabelId::as_str),
            genre_name: d.genre.as_ref().map(|g| taxonomy.name_of(LabelSet::Genre, g)),
        }
    }
}

/// `asserted` or `attributed`.
pub fn attribution_id(attribution: Attribution) -> &'static str {
    match attribution {
        Attribution::Asserted => "asserted",
        Attribution::Attributed => "attributed",
    }
}

/// A claim's fields as exports write them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimFields<'a> {
    /// Claim id.
    pub id: &'a str,
    /// Kind id.
    pub kind: &'a str,
    /// Kind name.
    pub kind_name: &'a str,
    /// Who asserts it.
    pub claimant: &'a str,
    /// `asserted` or `attributed`.
    pub attribution: &'a str,
    /// Verdict id.
    pub verdict: &'a str,
    /// Verdict name.
    pub verdict_name: &'a str,
    /// Frame ids.
    pub frames: Vec<&'a str>,
    /// Linked sources.
    pub sources: Vec<SourceFields<'a>>,
    /// Group id.
    pub group: Option<&'a str>,
    /// Group name.
    pub group_name: Option<&'a str>,
    /// The reviewer's note.
    pub note: &'a str,
    /// Reviewer name.
    pub reviewer: Option<&'a str>,
    /// When marked.
    pub created: &'a str,
    /// When last changed.
    pub modified: &'a str,
}

/// A source link as exports write it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceFields<'a> {
    /// Source id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// URL.
    pub url: Option<&'a str>,
    /// Relation id.
    pub relation: &'a str,
}

/// A document's fields as exports write them.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DocumentFields<'a> {
    /// Document id.
    pub id: &'a str,
    /// Title.
    pub title: &'a str,
    /// URL.
    pub url: Option<&'a str>,
    /// Publication date.
    pub published: Option<&'a str>,
    /// Author.
    pub author: Option<&'a str>,
    /// Outlet name.
    pub outlet: Option<&'a str>,
    /// Outlet id.
    pub outlet_id: Option<&'a str>,
    /// Affiliation id.
    pub affiliation: Option<&'a str>,
    /// Affiliation name.
    pub affiliation_name: Option<&'a str>,
    /// Genre id.
    pub genre: Option<&'a str>,
    /// Genre name.
    pub genre_name: Option<&'a str>,
}

/// Writes a single-file export of `set` in `format` to `out`.
pub fn write_export(
    format: Format,
    set: &ExportSet<'_>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<ExportSummary> {
    match format {
        Format::Jsonl => jsonl::write(set, out),
        Format::Csv => csv::write(set, out),
        Format::Doccano => doccano::write(set, out),
        Format::Conll => conll::write(set, out),
        Format::ClaimReview => claimreview::write(set, out),
        Format::LabelStudio => label_studio::write(set, out),
        Format::W3c => w3c::write(set, out),
        // FORMAT-DISPATCH-WRITE: one arm per format module.
        Format::Brat => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "brat writes a folder (a .txt and an .ann per document); give a folder as the destination",
        )),
    }
}

/// Writes an export that is a folder (brat) into `folder`.
pub fn write_export_folder(
    format: Format,
    set: &ExportSet<'_>,
    folder: &std::path::Path,
) -> std::io::Result<ExportSummary> {
    match format {
        // FORMAT-DISPATCH-FOLDER
        Format::Brat => brat::write_folder(set, folder),
        Format::Jsonl
        | Format::Doccano
        | Format::Conll
        | Format::Csv
        | Format::W3c
        | Format::ClaimReview
        | Format::LabelStudio => Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("{} writes one file, not a folder; give a file as the destination", format.id()),
        )),
    }
}

/// Reads an import of `format` from `path` (a file; for brat also a folder).
pub fn read_import(format: Format, path: &std::path::Path) -> Result<ParsedImport, ImportProblem> {
    let whole_file = |message: String| ImportProblem { file: path.to_owned(), line: 0, message };
    if !format.importable() {
        return Err(whole_file(format!("claimmark does not import {}", format.id())));
    }
    let read = |path: &std::path::Path| -> Result<String, ImportProblem> {
        crate::store::read_text(path, crate::store::DEFAULT_MAX_FILE_BYTES).map_err(|e| ImportProblem {
            file: path.to_owned(),
            line: 0,
            message: e.to_string(),
        })
    };
    match format {
        Format::Jsonl => Ok(jsonl::read(path, &read(path)?)),
        Format::Doccano => Ok(doccano::read(path, &read(path)?)),
        // A brat import is a folder (or .ann files with their .txt): the module reads it.
        Format::Brat => Ok(brat::read(path)),
        Format::LabelStudio => Ok(label_studio::read(path, &read(path)?)),
        Format::W3c => Ok(w3c::read(path, &read(path)?)),
        // FORMAT-DISPATCH-READ
        Format::Conll | Format::Csv | Format::ClaimReview => {
            Err(whole_file(format!("claimmark does not import {}", format.id())))
        }
    }
}

/// Like [`read_import`], for an import into `project`: a w3c file exported without its
/// texts is re-anchored onto the project's documents (by URL or document id, then by
/// position and quote, see [`w3c::read_with_project`]); other formats read the same.
pub fn read_import_into(
    format: Format,
    path: &std::path::Path,
    project: &Project,
) -> Result<ParsedImport, ImportProblem> {
    if format != Format::W3c {
        return read_import(format, path);
    }
    let content = crate::store::read_text(path, crate::store::DEFAULT_MAX_FILE_BYTES)
        .map_err(|e| ImportProblem { file: path.to_owned(), line: 0, message: e.to_string() })?;
    Ok(w3c::read_with_project(path, &content, Some(project)))
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
            let mut bytes = Vec::new();
            let summary = write_export(format, &part, &mut bytes)?;
            let write = |path: &Path, bytes: &[u8]| {
                crate::store::write_atomically(path, bytes, false)
                    .map_err(|e| std::io::Error::new(e.source.kind(), e.to_string()))
            };
            write(&path, &bytes)?;
            if format == Format::LabelStudio {
                // The labeling config a Label Studio project needs to show these labels.
                write(&label_studio_config_path(&path), label_studio::labeling_config(&part).as_bytes())?;
            }
            summary
        };
        written.push((path, summary));
    }
    Ok(written)
}

// ---------------------------------------------------------------------------------
// Import

/// A span found in a foreign file, already converted to chars.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportedSpan {
    /// First char.
    pub start: usize,
    /// One past the last char.
    pub end: usize,
    /// The label as the file has it (mapped to a claim kind on merge).
    pub label: String,
    /// Claim fields the file carries (claimmark's own exports carry them all).
    pub claimant: Option<String>,
    /// `asserted` / `attributed`.
    pub attribution: Option<String>,
    /// Verdict id.
    pub verdict: Option<String>,
    /// Frame ids.
    pub frames: Vec<String>,
    /// Group name.
    pub group: Option<String>,
    /// Note.
    pub note: Option<String>,
    /// Reviewer name.
    pub reviewer: Option<String>,
    /// Linked sources.
    pub sources: Vec<ImportedSource>,
}

/// A source link found in a foreign file.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Deserialize)]
pub struct ImportedSource {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// URL.
    #[serde(default)]
    pub url: Option<String>,
    /// Relation id (`cited` when missing or unknown).
    #[serde(default)]
    pub relation: Option<String>,
}

/// A document found in a foreign file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportedDocument {
    /// The document's id in the file (claimmark's own exports carry it); kept when free.
    pub id: Option<String>,
    /// Title, if the file gives one.
    pub title: Option<String>,
    /// The text.
    pub text: String,
    /// URL.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Author.
    pub author: Option<String>,
    /// Outlet name.
    pub outlet: Option<String>,
    /// Affiliation id of the outlet.
    pub affiliation: Option<String>,
    /// Genre id.
    pub genre: Option<String>,
    /// Spans, in chars.
    pub spans: Vec<ImportedSpan>,
    /// Where it came from: file and line (1-based), for messages.
    pub origin: (PathBuf, usize),
}

/// A record that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportProblem {
    /// The file.
    pub file: PathBuf,
    /// 1-based line (0 when the problem is with the whole file).
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line == 0 {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(f, "{}:{}: {}", self.file.display(), self.line, self.message)
        }
    }
}

/// What a format's reader found.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ParsedImport {
    /// The documents read.
    pub documents: Vec<ImportedDocument>,
    /// The records that could not be read.
    pub problems: Vec<ImportProblem>,
}

/// What merging an import into a project did.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// New documents.
    pub documents_added: usize,
    /// Documents whose text was already in the project (claims were added to them).
    pub documents_matched: usize,
    /// New claims.
    pub claims_added: usize,
    /// Claims already in the project (same document, span and kind), not added again.
    pub claims_existing: usize,
    /// Labels that matched no claim kind; kept as new kinds.
    pub new_kinds: Vec<String>,
    /// Records that could not be read or merged, as `file:line: message`.
    pub problems: Vec<String>,
}

const IMPORTED_KIND_COLOURS: [&str; 8] =
    ["#66c2a5", "#fc8d62", "#8da0cb", "#e78ac3", "#a6d854", "#ffd92f", "#e5c494", "#b3b3b3"];

/// Maps an imported label to a claim kind id: by id, by name, or by an id written
/// upper-case with underscores (`STATISTIC`, `ATTRIBUTED_STATEMENT`).
fn kind_for_label(kinds: &[Label], label: &str) -> Option<LabelId> {
    let normal = |s: &str| s.trim().to_lowercase().replace(['_', ' '], "-");
    let wanted = normal(label);
    kinds.iter().find(|k| normal(k.id.as_str()) == wanted || normal(&k.name) == wanted).map(|k| k.id.clone())
}

/// A kind id for an unknown label: lower-case, dashes.
fn new_kind_id(label: &str) -> String {
    let mut id = String::new();
    for c in label.trim().chars() {
        if c.is_alphanumeric() {
            id.extend(c.to_lowercase());
        } else if !id.ends_with('-') && !id.is_empty() {
            id.push('-');
        }
    }
    let id = id.trim_end_matches('-').to_owned();
    if id.is_empty() { "imported".to_owned() } else { id }
}

/// Turns what a reader found into one edit of `project`: documents (a text already in
/// the project is matched, not added again), outlets by name, claims (a claim with the
/// same document, span and kind is not added twice), and labels that match no claim
/// kind become new kinds — reported, never dropped. With `strict`, any problem (a bad
/// record, a span outside its text) refuses the whole import.
pub fn merge_import(
    project: &Project,
    ids: &mut IdAllocator,
    parsed: ParsedImport,
    strict: bool,
) -> Result<(Edit, ImportReport), ImportReport> {
    if parsed.documents.is_empty() {
        // Nothing readable at all: a wrong --format, or not an export. Never create or
        // change a project for that.
        let mut report = ImportReport {
            problems: parsed.problems.iter().map(ToString::to_string).collect(),
            ..Default::default()
        };
        report
            .problems
            .push("no document could be read from the files: is --format the format they are in?".into());
        return Err(report);
    }
    let mut report = ImportReport {
        problems: parsed.problems.iter().map(ToString::to_string).collect(),
        ..Default::default()
    };
    let mut taxonomy = project.taxonomy.clone();
    let mut edits = Vec::new();
    let documents_by_text: HashMap<&str, DocumentId> =
        project.documents.iter().map(|d| (&*d.text, d.id.clone())).collect();
    let mut taken_ids: HashSet<String> = project.documents.iter().map(|d| d.id.to_string()).collect();
    let mut outlets_by_name: HashMap<String, OutletId> =
        project.outlets.iter().map(|o| (o.name.trim().to_lowercase(), o.id.clone())).collect();
    let mut groups_by_name: HashMap<String, GroupId> =
        project.groups.iter().map(|g| (g.name.trim().to_lowercase(), g.id.clone())).collect();
    let mut reviewers_by_name: HashMap<String, crate::model::ReviewerId> =
        project.reviewers.iter().map(|r| (r.name.trim().to_lowercase(), r.id.clone())).collect();
    let mut sources_by_key: HashMap<(String, Option<String>), crate::model::SourceId> = project
        .sources
        .iter()
        .map(|s| ((s.title.trim().to_lowercase(), s.url.clone()), s.id.clone()))
        .collect();
    let mut existing: HashSet<(DocumentId, CharSpan, LabelId)> =
        project.claims.iter().map(|c| (c.document.clone(), c.span, c.kind.clone())).collect();
    let mut claims = Vec::new();
    let now = Timestamp::now();
    let default_verdict = taxonomy.default_verdict().cloned().unwrap_or_else(|| LabelId::new("unverified"));
    let mut new_texts: HashMap<String, DocumentId> = HashMap::new();
    let imported_texts: Vec<(ImportedDocument, DocumentId, bool)> = parsed
        .documents
        .into_iter()
        .map(|document| {
            // A text already in the project, or met earlier in this import, is matched.
            if let Some(id) = documents_by_text.get(document.text.as_str()).or(new_texts.get(&document.text))
            {
                return (document, id.clone(), false);
            }
            // The file's own id when it has one that is free, else a slug of the title.
            let own_id =
                document.id.as_deref().map(str::trim).filter(|id| !id.is_empty() && !taken_ids.contains(*id));
            if let Some(id) = own_id.map(str::to_owned) {
                taken_ids.insert(id.clone());
                new_texts.insert(document.text.clone(), DocumentId::new(id.as_str()));
                return (document, DocumentId::new(id), true);
            }
            let base = document.title.as_deref().map(new_kind_id).unwrap_or_else(|| "doc".into());
            let base: String = base.chars().take(50).collect();
            let mut id = base.clone();
            let mut n = 2;
            while taken_ids.contains(&id) {
                id = format!("{base}-{n}");
                n += 1;
            }
            taken_ids.insert(id.clone());
            new_texts.insert(document.text.clone(), DocumentId::new(id.as_str()));
            (document, DocumentId::new(id), true)
        })
        .collect();
    for (document, document_id, is_new) in &imported_texts {
        if *is_new {
            let outlet = match &document.outlet {
                None => None,
                Some(name) => {
                    let key = name.trim().to_lowercase();
                    Some(match outlets_by_name.get(&key) {
                        Some(id) => id.clone(),
                        None => {
                            let affiliation = document
                                .affiliation
                                .as_deref()
                                .map(LabelId::new)
                                .filter(|a| taxonomy.contains(LabelSet::Affiliation, a))
                                .unwrap_or_else(|| LabelId::new("unknown"));
                            let outlet = Outlet {
                                id: OutletId::new(ids.next(prefix::OUTLET)),
                                name: name.trim().to_owned(),
                                domain: document.url.as_deref().and_then(crate::textfile::domain_of),
                                country: None,
                                affiliation,
                                owner: None,
                                notes: String::new(),
                            };
                            let id = outlet.id.clone();
                            outlets_by_name.insert(key, id.clone());
                            edits.push(Edit::Outlet(Edit::append(outlet)));
                            id
                        }
                    })
                }
            };
            let genre =
                document.genre.as_deref().map(LabelId::new).filter(|g| taxonomy.contains(LabelSet::Genre, g));
            let (file, line) = &document.origin;
            edits.push(Edit::Document(Edit::append(Document {
                id: document_id.clone(),
                title: document
                    .title
                    .clone()
                    .unwrap_or_else(|| crate::textfile::default_title(&document.text, file)),
                outlet,
                genre,
                url: document.url.clone(),
                published: document.published.clone().filter(|d| crate::model::is_partial_date(d)),
                author: document.author.clone(),
                captured: None,
                // The file's name only: a local folder path would travel with the project.
                notes: format!(
                    "Imported from {}:{line}",
                    file.file_name()
                        .map_or_else(|| file.display().to_string(), |n| n.to_string_lossy().into_owned())
                ),
                text: document.text.as_str().into(),
            })));
            report.documents_added += 1;
        } else {
            report.documents_matched += 1;
        }
        let index = crate::anchor::CharIndex::new(&document.text);
        for span in &document.spans {
            let char_span = CharSpan::new(span.start, span.end);
            let Some(quote) =
                (span.start < span.end).then(|| QuoteSelector::capture_indexed(&index, char_span)).flatten()
            else {
                let (file, line) = &document.origin;
                report.problems.push(format!(
                    "{}:{line}: span {}..{} ({}) lies outside its text of {} chars; skipped",
                    file.display(),
                    span.start,
                    span.end,
                    span.label,
                    index.char_count()
                ));
                continue;
            };
            let kind = match kind_for_label(&taxonomy.claim_kinds, &span.label) {
                Some(kind) => kind,
                None => {
                    let mut id = new_kind_id(&span.label);
                    while taxonomy.contains(LabelSet::ClaimKind, &LabelId::new(id.as_str())) {
                        id.push('-');
                        id.push('x');
                    }
                    let colour = IMPORTED_KIND_COLOURS[report.new_kinds.len() % IMPORTED_KIND_COLOURS.len()];
                    taxonomy.claim_kinds.push(Label {
                        id: LabelId::new(id.as_str()),
                        name: span.label.trim().to_owned(),
                        colour: colour.to_owned(),
                        shortcut: None,
                        description: format!("Imported label \"{}\"", span.label.trim()),
                    });
                    report.new_kinds.push(span.label.trim().to_owned());
                    LabelId::new(id)
                }
            };
            if !existing.insert((document_id.clone(), char_span, kind.clone())) {
                report.claims_existing += 1;
                continue;
            }
            let verdict = span
                .verdict
                .as_deref()
                .map(LabelId::new)
                .filter(|v| taxonomy.contains(LabelSet::Verdict, v))
                .unwrap_or_else(|| default_verdict.clone());
            let frames = span
                .frames
                .iter()
                .map(|f| LabelId::new(f.as_str()))
                .filter(|f| taxonomy.contains(LabelSet::Frame, f))
                .collect::<Vec<_>>();
            let group = match &span.group {
                None => None,
                Some(name) => {
                    let key = name.trim().to_lowercase();
                    Some(match groups_by_name.get(&key) {
                        Some(id) => id.clone(),
                        None => {
                            let group = ClaimGroup {
                                id: GroupId::new(ids.next(prefix::GROUP)),
                                name: name.trim().to_owned(),
                                notes: String::new(),
                            };
                            let id = group.id.clone();
                            groups_by_name.insert(key, id.clone());
                            edits.push(Edit::Group(Edit::append(group)));
                            id
                        }
                    })
                }
            };
            let mut request = ClaimRequest::new(document_id.clone(), char_span, kind);
            request.verdict = Some(verdict);
            request.claimant = span.claimant.clone().unwrap_or_default();
            request.attribution = if span.attribution.as_deref() == Some("attributed") {
                Attribution::Attributed
            } else {
                Attribution::Asserted
            };
            request.sources = span
                .sources
                .iter()
                .filter(|source| !source.title.trim().is_empty() || source.url.is_some())
                .map(|source| {
                    let key = (source.title.trim().to_lowercase(), source.url.clone());
                    let id = match sources_by_key.get(&key) {
                        Some(id) => id.clone(),
                        None => {
                            let record = Source {
                                id: crate::model::SourceId::new(ids.next(prefix::SOURCE)),
                                title: source.title.trim().to_owned(),
                                url: source.url.clone(),
                                publisher: None,
                                kind: crate::model::SourceKind::Other,
                                notes: String::new(),
                            };
                            let id = record.id.clone();
                            sources_by_key.insert(key, id.clone());
                            edits.push(Edit::Source(Edit::append(record)));
                            id
                        }
                    };
                    let relation = source
                        .relation
                        .as_deref()
                        .map(LabelId::new)
                        .filter(|r| taxonomy.contains(LabelSet::SourceRelation, r))
                        .unwrap_or_else(|| LabelId::new("cited"));
                    crate::model::SourceLink { source: id, relation }
                })
                .collect();
            request.frames = frames;
            request.group = group;
            request.note = span.note.clone().unwrap_or_default();
            request.reviewer = span.reviewer.clone();
            let reviewer = request.reviewer_name().map(|name| {
                let key = name.to_lowercase();
                match reviewers_by_name.get(&key) {
                    Some(id) => id.clone(),
                    None => {
                        let reviewer = crate::model::Reviewer {
                            id: crate::model::ReviewerId::new(ids.next(prefix::REVIEWER)),
                            name: name.to_owned(),
                        };
                        let id = reviewer.id.clone();
                        reviewers_by_name.insert(key, id.clone());
                        edits.push(Edit::Reviewer(Edit::append(reviewer)));
                        id
                    }
                }
            });
            let claim_id = ClaimId::new(ids.next(prefix::CLAIM));
            claims.push(request.into_claim(claim_id, quote, default_verdict.clone(), reviewer, now.clone()));
            report.claims_added += 1;
        }
    }
    if strict && !report.problems.is_empty() {
        return Err(report);
    }
    if taxonomy != project.taxonomy {
        edits.insert(0, Edit::Taxonomy(Box::new(taxonomy)));
    }
    // Claims go in document order: the new documents are appended after the existing ones.
    let document_rank: HashMap<DocumentId, usize> = project
        .documents
        .iter()
        .map(|d| d.id.clone())
        .chain(imported_texts.iter().filter(|(_, _, new)| *new).map(|(_, id, _)| id.clone()))
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let mut all_claims = project.claims.clone();
    all_claims.extend(claims);
    all_claims.sort_by_key(|c| (document_rank.get(&c.document).copied(), c.span.start, c.span.end));
    let new_ids: HashSet<ClaimId> =
        all_claims.iter().map(|c| c.id.clone()).filter(|id| project.claim(id).is_none()).collect();
    for (index, claim) in all_claims.into_iter().enumerate() {
        if new_ids.contains(&claim.id) {
            edits.push(Edit::Claim(crate::edit::RecordEdit::Insert { index, record: claim }));
        }
    }
    Ok((Edit::Batch(edits), report))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Taxonomy;

    #[test]
    fn filters_parse_and_check_their_labels() {
        let mut filter = ClaimFilter::default();
        filter.add("kind=money,statistic").unwrap();
        filter.add("verdict=false").unwrap();
        assert_eq!(filter.kinds, ["money", "statistic"]);
        assert!(filter.add("colour=red").is_err());
        assert!(filter.add("kind=").is_err());
        assert!(filter.add("kind").is_err());
        let project = Project::new("t", Taxonomy::builtin());
        assert!(filter.check(&project).is_ok());
        filter.add("genre=gossip").unwrap();
        assert!(matches!(filter.check(&project), Err(OptionError::UnknownLabel { .. })));
    }

    #[test]
    fn splits_are_stable_by_document_and_follow_the_shares() {
        let split = Split::parse("train=0.8,dev=0.1,test=0.1", 42).unwrap();
        let ids: Vec<String> = (0..100).map(|i| format!("doc-{i}")).collect();
        let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let assignment = split.assign(&refs);
        let count = |part: usize| assignment.iter().filter(|&&p| p == part).count();
        assert_eq!((count(0), count(1), count(2)), (80, 10, 10));
        assert_eq!(assignment, split.assign(&refs), "stable across runs");
        // Independent of the order of the documents.
        let mut reversed = refs.clone();
        reversed.reverse();
        let mut again = split.assign(&reversed);
        again.reverse();
        assert_eq!(assignment, again);
        let other_seed = Split::parse("train=0.8,dev=0.1,test=0.1", 7).unwrap().assign(&refs);
        assert_ne!(assignment, other_seed);
        // Five documents, 80/10/10: largest remainders give 4/1/0.
        let five = split.assign(&refs[..5]);
        assert_eq!(five.iter().filter(|&&p| p == 0).count(), 4);
        for bad in ["train=0.8,dev=0.1", "train=1.2,dev=-0.2", "train", "a=0.5,a=0.5", ""] {
            assert!(Split::parse(bad, 1).is_err(), "{bad}");
        }
    }

    #[test]
    fn labels_map_to_kinds_by_id_name_or_shouting_case() {
        let kinds = Taxonomy::builtin().claim_kinds;
        assert_eq!(kind_for_label(&kinds, "money").unwrap().as_str(), "money");
        assert_eq!(kind_for_label(&kinds, "MONEY").unwrap().as_str(), "money");
        assert_eq!(kind_for_label(&kinds, "Attributed statement").unwrap().as_str(), "attributed");
        assert_eq!(kind_for_label(&kinds, "ATTRIBUTED_STATEMENT").unwrap().as_str(), "attributed");
        assert_eq!(kind_for_label(&kinds, "RUMOUR"), None);
        assert_eq!(new_kind_id("Named Entity / ORG"), "named-entity-org");
    }

    #[test]
    fn merge_adds_documents_claims_and_unknown_kinds_and_matches_known_texts() {
        let project = Project::new("t", Taxonomy::builtin());
        let mut ids = IdAllocator::for_project(&project);
        let text = "Sultan said 3,000 fighters and $7 billion.";
        let parsed = ParsedImport {
            documents: vec![ImportedDocument {
                title: Some("A text".into()),
                text: text.into(),
                outlet: Some("Sputnik".into()),
                affiliation: Some("state-media".into()),
                spans: vec![
                    ImportedSpan { start: 12, end: 26, label: "STATISTIC".into(), ..Default::default() },
                    ImportedSpan {
                        start: 31,
                        end: 41,
                        label: "price tag".into(),
                        claimant: Some("Sultan".into()),
                        ..Default::default()
                    },
                    ImportedSpan { start: 31, end: 99, label: "money".into(), ..Default::default() },
                ],
                origin: (PathBuf::from("in.jsonl"), 1),
                ..Default::default()
            }],
            problems: vec![],
        };
        let (edit, report) = merge_import(&project, &mut ids, parsed.clone(), false).unwrap();
        assert_eq!(report.documents_added, 1);
        assert_eq!(report.claims_added, 2);
        assert_eq!(report.new_kinds, ["price tag"]);
        assert_eq!(report.problems.len(), 1, "the span past the text is reported");
        assert!(report.problems[0].starts_with("in.jsonl:1: span 31..99"), "{:?}", report.problems);
        let mut merged = project.clone();
        edit.apply(&mut merged).unwrap();
        assert_eq!(crate::store::integrity::check(&merged), vec![]);
        assert_eq!(merged.claims[1].span.slice(text), Some("$7 billion"));
        assert_eq!(merged.claims[1].kind.as_str(), "price-tag");
        assert_eq!(merged.outlets[0].affiliation.as_str(), "state-media");
        // The same import again matches the text and adds nothing.
        let (edit, report) = merge_import(&merged, &mut ids, parsed.clone(), false).unwrap();
        assert_eq!((report.documents_matched, report.claims_added, report.claims_existing), (1, 0, 2));
        let before = merged.clone();
        edit.apply(&mut merged).unwrap();
        assert_eq!(merged.claims, before.claims);
        // Strict refuses an import with a problem.
        assert!(merge_import(&project, &mut ids, parsed, true).is_err());
    }
}
