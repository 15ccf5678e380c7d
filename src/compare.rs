//! Framing comparison across outlets: how outlets of different affiliation, or texts of
//! different genre, frame, classify and rate the claims they carry, and how each of them
//! tells the claims that several documents share (claim groups).
//!
//! This module is pure computation over a [`Project`]: no egui, no files, no printing.
//! The app's views and `claimmark compare` both call [`compare`], [`coverage`],
//! [`group_views`] and [`hedges`]; the renderings for the command line live in
//! [`output`] (table, csv, json) and [`html`] (the self-contained report). It must not
//! change the project, and it must stay fast on a 100,000-claim project (one pass over
//! the claims, hash look-ups, no per-claim scan of a text).
//!
//! The files: this one holds the rows, the columns and [`compare`]'s counting;
//! `coverage.rs` the group coverage, `passage.rs` the passages around claims,
//! `groups.rs` the group views, `framing.rs` the framing diff of a group's members,
//! `hedges.rs` the hedging lexicon, `inference.rs` the intervals and tests of difference,
//! `output.rs` and `html.rs` the renderings. Everything is re-exported here, so callers write
//! `crate::compare::Passage`.
//!
//! # Counting rules of [`compare`]
//!
//! - **Columns** are every label of the measured taxonomy set ([`Measure`]) in the
//!   taxonomy's order, zeros kept, so that tables of different projects line up. Under
//!   [`Measure::Frame`] a "no frame" column ([`NO_FRAME_ID`]) always follows the
//!   frames: a claim without frames is counted there, so that every claim is counted at
//!   least once and unframed claims stay visible. A label id that a claim uses but the
//!   taxonomy lacks gets an extra column at the end (named by its raw id), in the order
//!   the claims first use it, so that no claim drops out of the totals.
//! - **Whose claim it is.** Under outlet and affiliation a claim counts for the outlet
//!   whose text it is ([`ClaimOutlet`]): the outlet of the quoted passage
//!   ([`QuotedPassage`]) that holds its **first char** (a newspaper article a forum post
//!   pastes, an article an aggregator republishes), else its document's outlet; its
//!   affiliation is that outlet's. Under genre a claim counts in its document's genre,
//!   passage or not (a pasted news report is still part of a forum thread).
//! - **Rows**, whether or not they hold claims: under outlet, every outlet (project
//!   order) that has at least one document or at least one passage; under affiliation,
//!   every affiliation (taxonomy order) of such an outlet; under genre, every genre
//!   (taxonomy order) that has at least one document. Then any affiliation or genre id
//!   that outlets or documents use but the taxonomy lacks; then a "none" row
//!   ([`NONE_ID`]) for claims with no outlet (outlet and affiliation) or no genre, only
//!   when there are such claims. An outlet id that names no outlet of the project counts
//!   as none. A row's documents ([`Comparison::row_documents`]) are those its outlets
//!   published (or of its genre), its passages ([`Comparison::row_passages`]) those of
//!   its outlets that documents quote.
//! - A claim counts in one row. Its **row's claims** ([`Comparison::row_claims`])
//!   are the denominator of every share in that row: [`Comparison::share`] is the share
//!   of the row's claims that carry the column's label.
//! - Kinds and verdicts: each claim has exactly one, so a row's shares add up to 100%.
//! - Frames: a claim with two frames counts once in each frame's column (a frame listed
//!   twice on one claim counts once). **A row's frame shares can therefore add up to
//!   more than 100%**: they say "x% of this row's claims use this frame".
//! - A claim whose document is not in the project is counted nowhere; see
//!   [`Comparison::skipped_claims`].
//!
//! # Group coverage ([`coverage`])
//!
//! A row **covers** a claim group when at least one claim of the group counts in that
//! row (the same claim-by-claim rule, passages included); otherwise it **leaves the
//! group out**. Rows follow the same rules as
//! [`compare`]'s, so the two line up.
//!
//! # Group views ([`group_views`])
//!
//! Every group of the project, in project order, with its member claims in claim order
//! (documents, then position): whose text each is (the quoted passage's outlet, with the
//! document's outlet it came `via`, or the document's outlet), how, and the **passage**
//! that holds it with the hedging, certainty and attribution words marked ([`hedges`]).
//! ("Passage" there is the sentence around the claim; a [`QuotedPassage`] is a stretch
//! of a document quoted from another outlet.)
//!
//! # Framing diff ([`framing_diff`])
//!
//! For one group view, how its members word the claim: per member the numbers of its
//! quote, its hedging, certainty and attribution words, asserted or attributed, the
//! claimant, the verdict and a word diff of its quote against the group's first member;
//! per aspect whether the members differ. The rules are in `framing.rs`.

mod coverage;
mod framing;
mod groups;
mod hedges;
pub mod html;
pub mod inference;
pub mod output;
mod passage;

pub use coverage::{Coverage, coverage};
pub use framing::{
    Aspect, AspectFlags, Change, DiffSegment, FramedNumber, FramedWord, FramingDiff, MemberFraming,
    framing_diff, framing_diffs, word_diff,
};
pub use groups::{GroupView, MemberView, group_views};
pub use hedges::{Condition, Hedge, HedgeKind, LEXICON, LexiconEntry, hedges};
pub use inference::{Statistics, Unit};
pub use passage::{MAX_PASSAGE_CHARS, Passage, passage, passage_with};

use crate::model::{
    Claim, ClaimOutlet, Document, DocumentId, LabelId, LabelSet, Outlet, OutletId, Project, QuotedPassage,
    Taxonomy,
};
use serde::Serialize;
use std::collections::HashMap;

/// Id of the row of documents without an outlet (or without a genre): the same key as
/// `claimmark stats` uses ([`crate::stats::NONE_KEY`]).
pub const NONE_ID: &str = crate::stats::NONE_KEY;

/// Id of the column of claims without frames under [`Measure::Frame`].
pub const NO_FRAME_ID: &str = "no-frame";

/// What the rows of a comparison are (`--by`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Dimension {
    /// One row per outlet.
    Outlet,
    /// One row per outlet affiliation (state media, forum ...).
    Affiliation,
    /// One row per document genre (news report, op-ed ...).
    Genre,
}

impl Dimension {
    /// Every dimension, in menu order.
    pub const ALL: [Dimension; 3] = [Dimension::Outlet, Dimension::Affiliation, Dimension::Genre];

    /// The id used on the command line and in exports.
    pub fn id(self) -> &'static str {
        match self {
            Dimension::Outlet => "outlet",
            Dimension::Affiliation => "affiliation",
            Dimension::Genre => "genre",
        }
    }

    /// The dimension with this id (case and surrounding space ignored).
    pub fn from_id(id: &str) -> Option<Dimension> {
        let id = id.trim();
        Dimension::ALL.into_iter().find(|d| d.id().eq_ignore_ascii_case(id))
    }

    /// Name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Dimension::Outlet => "Outlet",
            Dimension::Affiliation => "Affiliation",
            Dimension::Genre => "Genre",
        }
    }
}

/// What the columns of a comparison are (`--against`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// The framing dimensions of the claims ([`Taxonomy::frames`]).
    Frame,
    /// The claim kinds ([`Taxonomy::claim_kinds`]).
    Kind,
    /// The verdicts ([`Taxonomy::verdicts`]).
    Verdict,
}

impl Measure {
    /// Every measure, in menu order.
    pub const ALL: [Measure; 3] = [Measure::Frame, Measure::Kind, Measure::Verdict];

    /// The id used on the command line and in exports.
    pub fn id(self) -> &'static str {
        match self {
            Measure::Frame => "frame",
            Measure::Kind => "kind",
            Measure::Verdict => "verdict",
        }
    }

    /// The measure with this id (case and surrounding space ignored).
    pub fn from_id(id: &str) -> Option<Measure> {
        let id = id.trim();
        Measure::ALL.into_iter().find(|m| m.id().eq_ignore_ascii_case(id))
    }

    /// Name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            Measure::Frame => "Frame",
            Measure::Kind => "Claim kind",
            Measure::Verdict => "Verdict",
        }
    }

    /// The taxonomy set the columns come from.
    pub fn label_set(self) -> LabelSet {
        match self {
            Measure::Frame => LabelSet::Frame,
            Measure::Kind => LabelSet::ClaimKind,
            Measure::Verdict => LabelSet::Verdict,
        }
    }
}

/// A row or column heading: an outlet, a taxonomy label, a group or "none".
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Header {
    /// The outlet, label or group id; [`NONE_ID`] or [`NO_FRAME_ID`] for those rows.
    pub id: String,
    /// Name shown to the user.
    pub name: String,
    /// Display colour `#rrggbb`: the label's, or for an outlet its affiliation's; `None`
    /// where there is none (groups, "none" rows, ids the taxonomy lacks).
    pub colour: Option<String>,
}

impl Header {
    fn plain(id: impl Into<String>, name: impl Into<String>) -> Header {
        Header { id: id.into(), name: name.into(), colour: None }
    }

    /// The heading of a taxonomy label; a raw id the set lacks is its own name.
    pub fn of_label(taxonomy: &Taxonomy, set: LabelSet, id: &LabelId) -> Header {
        match taxonomy.label(set, id) {
            Some(label) => Header {
                id: label.id.to_string(),
                name: label.name.clone(),
                colour: Some(label.colour.clone()),
            },
            None => Header::plain(id.as_str(), id.as_str()),
        }
    }
}

/// Counts of claims per row and column: the result of [`compare`].
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// What the rows are.
    pub by: Dimension,
    /// What the columns are.
    pub against: Measure,
    /// Row headings (see the module's counting rules).
    pub rows: Vec<Header>,
    /// Column headings (see the module's counting rules).
    pub columns: Vec<Header>,
    /// `counts[row][column]`: claims of the row that carry the column's label.
    pub counts: Vec<Vec<usize>>,
    /// Claims per row: the denominator of the row's shares.
    pub row_claims: Vec<usize>,
    /// Documents per row (including documents without claims): under outlet and
    /// affiliation, the documents the row's outlets published.
    pub row_documents: Vec<usize>,
    /// Quoted passages per row: stretches of other outlets' documents that reproduce a
    /// text of the row's outlets ([`crate::model::QuotedPassage`]); always 0 under genre.
    pub row_passages: Vec<usize>,
    /// Claims counted in some row (all claims but [`Comparison::skipped_claims`]).
    pub total_claims: usize,
    /// Claims whose document is not in the project, counted nowhere.
    pub skipped_claims: usize,
    /// `cells[row][column]`: indices into `project.claims`, ascending.
    cells: Vec<Vec<Vec<usize>>>,
}

impl Comparison {
    /// The share of the row's claims that carry the column's label, `0.0..=1.0`
    /// (0 for an empty row or an index out of range). Frame shares of one row can add up
    /// to more than 1, since a claim with two frames counts in both.
    pub fn share(&self, row: usize, column: usize) -> f64 {
        let count = self.count(row, column);
        match self.row_claims.get(row) {
            Some(&claims) if claims > 0 => count as f64 / claims as f64,
            _ => 0.0,
        }
    }

    /// `counts[row][column]`, 0 out of range.
    pub fn count(&self, row: usize, column: usize) -> usize {
        self.counts.get(row).and_then(|r| r.get(column)).copied().unwrap_or(0)
    }

    /// The claims of a cell: indices into `project.claims`, ascending (empty out of range).
    pub fn claims_in(&self, row: usize, column: usize) -> &[usize] {
        self.cells.get(row).and_then(|r| r.get(column)).map_or(&[], Vec::as_slice)
    }

    /// Claims of all rows that carry the column's label.
    pub fn column_total(&self, column: usize) -> usize {
        self.counts.iter().filter_map(|r| r.get(column)).sum()
    }

    /// The sum of a row's counts: its claims under kinds and verdicts, at least as many
    /// under frames (a claim with two frames counts twice). Stacked bars divide by this.
    pub fn row_label_total(&self, row: usize) -> usize {
        self.counts.get(row).map_or(0, |r| r.iter().sum())
    }

    /// The index of the column with this id (a label id, [`NO_FRAME_ID`] or a raw id).
    pub fn column_of(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|h| h.id == id)
    }

    /// Whether the column is one the taxonomy lacks (an extra column of raw ids).
    pub fn is_extra_column(&self, column: usize, taxonomy: &Taxonomy) -> bool {
        let known = taxonomy.labels(self.against.label_set()).len();
        let no_frame = usize::from(self.against == Measure::Frame);
        column >= known + no_frame
    }
}

/// The key of the row a document, passage or claim counts in: an outlet id, an
/// affiliation id or a genre id; `None` for the "none" row.
struct Keys<'a> {
    by: Dimension,
    documents: HashMap<&'a DocumentId, &'a Document>,
    outlets: HashMap<&'a OutletId, &'a Outlet>,
}

impl<'a> Keys<'a> {
    fn new(project: &'a Project, by: Dimension) -> Keys<'a> {
        Keys { by, documents: project.documents_by_id(), outlets: project.outlets_by_id() }
    }

    /// An outlet's key: its id, or under [`Dimension::Affiliation`] its affiliation.
    /// (Under genre no outlet is asked for its key.)
    fn of_outlet(&self, outlet: &'a Outlet) -> &'a str {
        match self.by {
            Dimension::Affiliation => outlet.affiliation.as_str(),
            Dimension::Outlet | Dimension::Genre => outlet.id.as_str(),
        }
    }

    /// The key of an outlet id; `None` when it names no outlet of the project.
    fn of_outlet_id(&self, id: &OutletId) -> Option<&'a str> {
        self.outlets.get(id).map(|outlet| self.of_outlet(outlet))
    }

    /// A document's key: its outlet's (outlet, affiliation), or its genre.
    fn document(&self, document: &'a Document) -> Option<&'a str> {
        match self.by {
            Dimension::Genre => document.genre.as_ref().map(LabelId::as_str),
            Dimension::Outlet | Dimension::Affiliation => {
                document.outlet.as_ref().and_then(|id| self.of_outlet_id(id))
            }
        }
    }

    /// A passage's key, under outlet and affiliation only (`None` under genre, which
    /// stays the document's): its outlet's, `Some(None)` when that is no outlet of the
    /// project.
    fn passage(&self, passage: &QuotedPassage) -> Option<Option<&'a str>> {
        (self.by != Dimension::Genre).then(|| self.of_outlet_id(&passage.outlet))
    }

    /// A claim's key: the outlet it counts for ([`ClaimOutlet`]: its passage's, else its
    /// document's), or its document's genre. `None` when its document is not in the
    /// project.
    fn claim(&self, claim: &Claim) -> Option<Option<&'a str>> {
        let document = *self.documents.get(&claim.document)?;
        Some(match self.by {
            Dimension::Genre => document.genre.as_ref().map(LabelId::as_str),
            Dimension::Outlet | Dimension::Affiliation => {
                ClaimOutlet::of(document, claim.span, |id| self.outlets.get(id).copied())
                    .outlet
                    .map(|outlet| self.of_outlet(outlet))
            }
        })
    }
}

/// The rows of a dimension, and where each claim goes.
struct Rows<'a> {
    headers: Vec<Header>,
    documents: Vec<usize>,
    passages: Vec<usize>,
    keys: Keys<'a>,
    row_of_key: HashMap<&'a str, usize>,
    none_row: Option<usize>,
}

impl Rows<'_> {
    /// The row a claim counts in; `None` when its document is not in the project.
    fn row_of(&self, claim: &Claim) -> Option<usize> {
        match self.keys.claim(claim)? {
            Some(key) => self.row_of_key.get(key).copied(),
            None => self.none_row,
        }
    }
}

/// Documents and passages of one row.
#[derive(Clone, Copy, Default)]
struct Tally {
    documents: usize,
    passages: usize,
}

impl Tally {
    fn add(&mut self, passage: bool) {
        if passage {
            self.passages += 1;
        } else {
            self.documents += 1;
        }
    }

    fn any(self) -> bool {
        self.documents + self.passages > 0
    }
}

fn rows(project: &Project, by: Dimension) -> Rows<'_> {
    let taxonomy = &project.taxonomy;
    let keys = Keys::new(project, by);
    let (known, known_ids): (Vec<Header>, Vec<&str>) = match by {
        Dimension::Outlet => project
            .outlets
            .iter()
            .map(|outlet| {
                let header = Header {
                    id: outlet.id.to_string(),
                    name: outlet.name.clone(),
                    colour: taxonomy
                        .label(LabelSet::Affiliation, &outlet.affiliation)
                        .map(|l| l.colour.clone()),
                };
                (header, outlet.id.as_str())
            })
            .unzip(),
        Dimension::Affiliation | Dimension::Genre => {
            let set = if by == Dimension::Genre { LabelSet::Genre } else { LabelSet::Affiliation };
            taxonomy
                .labels(set)
                .iter()
                .map(|l| (Header::of_label(taxonomy, set, &l.id), l.id.as_str()))
                .unzip()
        }
    };
    let mut known_index: HashMap<&str, usize> = HashMap::new();
    for (index, id) in known_ids.iter().enumerate() {
        known_index.entry(id).or_insert(index);
    }
    // Documents by their own key, passages by their outlet's, in document order.
    let mut known_tally = vec![Tally::default(); known.len()];
    let mut extras: Vec<&str> = Vec::new();
    let mut extra_tally: Vec<Tally> = Vec::new();
    let mut none_tally = Tally::default();
    for document in &project.documents {
        let passages = document.passages.iter().filter_map(|p| keys.passage(p)).map(|key| (key, true));
        for (key, passage) in std::iter::once((keys.document(document), false)).chain(passages) {
            let Some(key) = key else {
                none_tally.add(passage);
                continue;
            };
            if let Some(&index) = known_index.get(key) {
                known_tally[index].add(passage);
                continue;
            }
            let index = extras.iter().position(|e| *e == key).unwrap_or_else(|| {
                extras.push(key);
                extra_tally.push(Tally::default());
                extras.len() - 1
            });
            extra_tally[index].add(passage);
        }
    }
    // Only a document or passage without a key can put a claim in the none row.
    let none_has_claims =
        none_tally.any() && project.claims.iter().any(|claim| keys.claim(claim) == Some(None));
    let mut headers = Vec::new();
    let mut documents = Vec::new();
    let mut passages = Vec::new();
    let mut row_of_key: HashMap<&str, usize> = HashMap::new();
    let rows_of_keys = known.into_iter().zip(known_ids).zip(known_tally).filter(|(_, tally)| tally.any());
    let extra_rows = extras.into_iter().map(|key| (Header::plain(key, key), key)).zip(extra_tally);
    for ((header, key), tally) in rows_of_keys.chain(extra_rows) {
        row_of_key.insert(key, headers.len());
        headers.push(header);
        documents.push(tally.documents);
        passages.push(tally.passages);
    }
    let none_row = none_has_claims.then(|| {
        let name = match by {
            Dimension::Outlet => "No outlet recorded",
            Dimension::Affiliation => "No outlet recorded (no affiliation)",
            Dimension::Genre => "No genre recorded",
        };
        headers.push(Header::plain(NONE_ID, name));
        documents.push(none_tally.documents);
        passages.push(none_tally.passages);
        headers.len() - 1
    });
    Rows { headers, documents, passages, keys, row_of_key, none_row }
}

/// The columns of a measure: taxonomy labels, "no frame", then ids the taxonomy lacks.
fn columns(project: &Project, against: Measure) -> (Vec<Header>, HashMap<&str, usize>) {
    let taxonomy = &project.taxonomy;
    let set = against.label_set();
    let mut headers: Vec<Header> =
        taxonomy.labels(set).iter().map(|l| Header::of_label(taxonomy, set, &l.id)).collect();
    if against == Measure::Frame {
        headers.push(Header::plain(NO_FRAME_ID, "No frame"));
    }
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, label) in taxonomy.labels(set).iter().enumerate() {
        index.entry(label.id.as_str()).or_insert(i);
    }
    for claim in &project.claims {
        let ids: &[LabelId] = match against {
            Measure::Frame => &claim.frames,
            Measure::Kind => std::slice::from_ref(&claim.kind),
            Measure::Verdict => std::slice::from_ref(&claim.verdict),
        };
        for id in ids {
            if !index.contains_key(id.as_str()) {
                index.insert(id.as_str(), headers.len());
                headers.push(Header::plain(id.as_str(), id.as_str()));
            }
        }
    }
    (headers, index)
}

/// Counts the project's claims by `by` (rows) against `against` (columns); see the
/// module's counting rules.
pub fn compare(project: &Project, by: Dimension, against: Measure) -> Comparison {
    let row_set = rows(project, by);
    let (columns, column_of) = columns(project, against);
    let no_frame = (against == Measure::Frame).then_some(project.taxonomy.frames.len());
    let mut cells = vec![vec![Vec::new(); columns.len()]; row_set.headers.len()];
    let mut row_claims = vec![0; row_set.headers.len()];
    let mut skipped_claims = 0;
    let mut seen: Vec<usize> = Vec::new();
    for (claim_index, claim) in project.claims.iter().enumerate() {
        let Some(row) = row_set.row_of(claim) else {
            skipped_claims += 1;
            continue;
        };
        row_claims[row] += 1;
        seen.clear();
        match against {
            Measure::Frame => {
                seen.extend(claim.frames.iter().filter_map(|f| column_of.get(f.as_str()).copied()));
                seen.sort_unstable();
                seen.dedup();
                if seen.is_empty() {
                    seen.extend(no_frame);
                }
            }
            Measure::Kind => seen.extend(column_of.get(claim.kind.as_str()).copied()),
            Measure::Verdict => seen.extend(column_of.get(claim.verdict.as_str()).copied()),
        }
        for &column in &seen {
            cells[row][column].push(claim_index);
        }
    }
    let counts = cells.iter().map(|row| row.iter().map(Vec::len).collect()).collect();
    Comparison {
        by,
        against,
        rows: row_set.headers,
        columns,
        counts,
        row_claims,
        row_documents: row_set.documents,
        row_passages: row_set.passages,
        total_claims: project.claims.len() - skipped_claims,
        skipped_claims,
        cells,
    }
}

/// Everything a report shows: the comparison, the coverage and the group views.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// Counts of `by` against `against`.
    pub comparison: Comparison,
    /// Group coverage of the same rows.
    pub coverage: Coverage,
    /// Every group, side by side.
    pub groups: Vec<GroupView>,
    /// Intervals, thin rows and tests of the comparison.
    pub statistics: Statistics,
}

impl Report {
    /// Computes the whole report for a project, its statistics with claims as the unit
    /// and the pairwise tests on the column that differs most.
    pub fn new(project: &Project, by: Dimension, against: Measure) -> Report {
        Report::with_statistics(project, by, against, Unit::Claims, None)
    }

    /// Computes the whole report, its statistics with `unit` as the unit and the
    /// pairwise tests on `pair_column` (an index into the columns) when given.
    pub fn with_statistics(
        project: &Project,
        by: Dimension,
        against: Measure,
        unit: Unit,
        pair_column: Option<usize>,
    ) -> Report {
        let comparison = compare(project, by, against);
        let statistics = inference::statistics(project, &comparison, unit, pair_column);
        Report { comparison, coverage: coverage(project, by), groups: group_views(project), statistics }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::model::{Claim, ClaimGroup, ClaimId, GroupId, OutletId, Timestamp};
    use std::sync::Arc;

    pub(super) fn outlet(id: &str, affiliation: &str) -> Outlet {
        Outlet {
            id: OutletId::new(id),
            name: format!("Outlet {id}"),
            domain: None,
            country: None,
            affiliation: LabelId::new(affiliation),
            owner: None,
            notes: String::new(),
        }
    }

    pub(super) fn document(id: &str, outlet: Option<&str>, genre: Option<&str>, text: &str) -> Document {
        Document {
            id: DocumentId::new(id),
            title: format!("Title {id}"),
            outlet: outlet.map(OutletId::new),
            genre: genre.map(LabelId::new),
            url: None,
            published: None,
            author: None,
            captured: None,
            notes: String::new(),
            passages: Vec::new(),
            text: Arc::from(text),
        }
    }

    pub(super) fn claim(
        id: &str,
        document: &str,
        kind: &str,
        verdict: &str,
        frames: &[&str],
        group: Option<&str>,
    ) -> Claim {
        Claim {
            frames: frames.iter().map(|f| LabelId::new(*f)).collect(),
            group: group.map(GroupId::new),
            ..Claim::new(
                ClaimId::new(id),
                DocumentId::new(document),
                CharSpan::new(0, 4),
                QuoteSelector::default(),
                LabelId::new(kind),
                LabelId::new(verdict),
                Timestamp::from_unix(0),
            )
        }
    }

    /// Three outlets (two state media, one forum without documents), a document without
    /// an outlet, a document without claims; claims with 0, 1 and 2 frames (one listed
    /// twice) and one with a frame the taxonomy lacks.
    pub(super) fn small() -> Project {
        let mut p = Project::new("small", Taxonomy::builtin());
        p.outlets = vec![outlet("o1", "state-media"), outlet("o2", "state-media"), outlet("o3", "forum")];
        p.documents = vec![
            document("d1", Some("o1"), Some("news-report"), "Text one. More."),
            document("d2", Some("o2"), Some("opinion"), "Text two."),
            document("d3", None, None, "Text three."),
            document("d4", Some("o2"), Some("analysis"), "No claims here."),
        ];
        p.groups = vec![
            ClaimGroup { id: GroupId::new("g1"), name: "First".into(), notes: String::new() },
            ClaimGroup { id: GroupId::new("g2"), name: "Second".into(), notes: String::new() },
        ];
        p.claims = vec![
            claim("c1", "d1", "statistic", "true", &["economic", "security-defense"], Some("g1")),
            claim("c2", "d1", "event", "false", &["economic", "economic"], None),
            claim("c3", "d2", "statistic", "true", &[], Some("g1")),
            claim("c4", "d3", "money", "unverified", &["security-defense"], Some("g2")),
            claim("c5", "d3", "money", "true", &["made-up-frame"], None),
        ];
        p
    }

    fn row(c: &Comparison, id: &str) -> usize {
        c.rows.iter().position(|h| h.id == id).unwrap_or_else(|| panic!("no row {id}"))
    }

    fn column(c: &Comparison, id: &str) -> usize {
        c.columns.iter().position(|h| h.id == id).unwrap_or_else(|| panic!("no column {id}"))
    }

    #[test]
    fn ids_round_trip() {
        for d in Dimension::ALL {
            assert_eq!(Dimension::from_id(d.id()), Some(d));
        }
        for m in Measure::ALL {
            assert_eq!(Measure::from_id(m.id()), Some(m));
        }
        assert_eq!(Dimension::from_id(" Affiliation "), Some(Dimension::Affiliation));
        assert_eq!(Measure::from_id("frames"), None);
    }

    #[test]
    fn rows_are_values_with_documents_plus_none_when_it_has_claims() {
        let p = small();
        let c = compare(&p, Dimension::Affiliation, Measure::Verdict);
        let ids: Vec<&str> = c.rows.iter().map(|h| h.id.as_str()).collect();
        // forum has an outlet but no document: no row. d3 has no outlet and claims: "none".
        assert_eq!(ids, ["state-media", "none"]);
        assert_eq!(c.row_claims, [3, 2]);
        assert_eq!(c.row_documents, [3, 1]);
        assert_eq!(c.total_claims, 5);

        let c = compare(&p, Dimension::Outlet, Measure::Verdict);
        let ids: Vec<&str> = c.rows.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["o1", "o2", "none"]);
        assert_eq!(c.row_claims, [2, 1, 2]);
        assert_eq!(c.rows[0].colour.as_deref(), Some(p.taxonomy.affiliations[0].colour.as_str()));

        // The analysis genre has a document without claims: a row of zeros.
        let c = compare(&p, Dimension::Genre, Measure::Kind);
        let ids: Vec<&str> = c.rows.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["news-report", "opinion", "analysis", "none"]);
        assert_eq!(c.row_claims, [2, 1, 0, 2]);
        assert_eq!(c.share(2, 0), 0.0);

        // Without claims in outlet-less documents there is no none row.
        let mut q = small();
        q.claims.retain(|c| c.document.as_str() != "d3");
        let c = compare(&q, Dimension::Affiliation, Measure::Verdict);
        assert_eq!(c.rows.len(), 1);
    }

    #[test]
    fn columns_keep_every_label_and_verdicts_add_up() {
        let p = small();
        let c = compare(&p, Dimension::Affiliation, Measure::Verdict);
        assert_eq!(c.columns.len(), p.taxonomy.verdicts.len());
        let (state, none) = (row(&c, "state-media"), row(&c, "none"));
        let (t, f, u) = (column(&c, "true"), column(&c, "false"), column(&c, "unverified"));
        assert_eq!((c.count(state, t), c.count(state, f), c.count(state, u)), (2, 1, 0));
        assert_eq!((c.count(none, t), c.count(none, u)), (1, 1));
        assert_eq!(c.column_total(t), 3);
        assert!((c.share(state, t) - 2.0 / 3.0).abs() < 1e-12);
        let sum: f64 = (0..c.columns.len()).map(|k| c.share(state, k)).sum();
        assert!((sum - 1.0).abs() < 1e-12);
        assert_eq!(c.claims_in(state, t), [0, 2]);
        assert_eq!(c.claims_in(none, u), [3]);
        assert_eq!(c.claims_in(99, 0), [] as [usize; 0]);
    }

    #[test]
    fn frames_count_once_per_claim_and_unframed_claims_get_their_column() {
        let p = small();
        let c = compare(&p, Dimension::Affiliation, Measure::Frame);
        // 15 frames, then "no frame", then the unknown frame.
        assert_eq!(c.columns.len(), 17);
        assert_eq!(c.columns[15].id, NO_FRAME_ID);
        assert_eq!(c.columns[16].id, "made-up-frame");
        assert!(c.is_extra_column(16, &p.taxonomy) && !c.is_extra_column(15, &p.taxonomy));
        let state = row(&c, "state-media");
        let (economic, security) = (column(&c, "economic"), column(&c, "security-defense"));
        // c1 (economic + security) and c2 (economic twice) → economic 2, security 1.
        assert_eq!(c.count(state, economic), 2);
        assert_eq!(c.count(state, security), 1);
        assert_eq!(c.count(state, 15), 1, "c3 has no frame");
        // Shares add past 100%: 2/3 + 1/3 + 1/3.
        let sum: f64 = (0..c.columns.len()).map(|k| c.share(state, k)).sum();
        assert!((sum - 4.0 / 3.0).abs() < 1e-12);
        assert_eq!(c.row_label_total(state), 4);
        let none = row(&c, "none");
        assert_eq!(c.count(none, 16), 1);
        assert_eq!(c.count(none, security), 1);
    }

    #[test]
    fn claims_of_unknown_documents_are_skipped() {
        let mut p = small();
        p.claims.push(claim("c6", "nowhere", "event", "true", &[], None));
        let c = compare(&p, Dimension::Genre, Measure::Kind);
        assert_eq!((c.total_claims, c.skipped_claims), (5, 1));
    }

    /// The text of the forum thread in [`quoting`].
    pub(super) const THREAD: &str = "Look: Ten died in the flood. Agency: all calm. My view: sad.";

    /// A claim on the first `needle` of `text`, all ASCII (bytes are chars).
    fn claim_at(id: &str, document: &str, text: &str, needle: &str, group: Option<&str>) -> Claim {
        let start = text.find(needle).unwrap();
        let span = CharSpan::new(start, start + needle.len());
        let quote = QuoteSelector::capture(text, span).unwrap();
        Claim { span, quote, ..claim(id, document, "event", "true", &[], group) }
    }

    fn quoted(text: &str, needle: &str, outlet: &str) -> crate::model::QuotedPassage {
        let start = text.find(needle).unwrap();
        crate::model::QuotedPassage {
            span: CharSpan::new(start, start + needle.len()),
            outlet: OutletId::new(outlet),
            url: None,
            published: None,
            note: String::new(),
        }
    }

    /// A forum thread that quotes a newspaper ("Ten died in the flood.") and an agency
    /// ("Agency: all calm.", no claim in it); a document without an outlet that quotes
    /// the newspaper too. Neither the newspaper nor the agency published a document of
    /// the project; a fourth outlet has neither documents nor passages.
    pub(super) fn quoting() -> Project {
        let mut p = Project::new("quoting", Taxonomy::builtin());
        p.outlets = vec![
            outlet("forum", "forum"),
            outlet("paper", "private"),
            outlet("silent", "partisan"),
            outlet("agency", "state-media"),
        ];
        let mut thread = document("thread", Some("forum"), Some("forum-thread"), THREAD);
        thread.passages = vec![
            quoted(THREAD, "Ten died in the flood.", "paper"),
            quoted(THREAD, "Agency: all calm.", "agency"),
        ];
        let orphan_text = "Someone wrote: Ten died. Really?";
        let mut orphan = document("orphan", None, None, orphan_text);
        orphan.passages = vec![quoted(orphan_text, "Ten died.", "paper")];
        p.documents = vec![thread, orphan];
        p.groups = vec![ClaimGroup { id: GroupId::new("g1"), name: "Deaths".into(), notes: String::new() }];
        p.claims = vec![
            // Outside the passages: the forum's.
            claim_at("c1", "thread", THREAD, "Look", Some("g1")),
            // Inside the newspaper's passage.
            claim_at("c2", "thread", THREAD, "Ten died", Some("g1")),
            // Its first char is in the passage, its end past it: the newspaper's.
            claim_at("c3", "thread", THREAD, "flood. Agency", None),
            // It starts at the passage's end (end exclusive): the forum's.
            claim_at("c4", "thread", THREAD, " My view", None),
            // In the passage of a document without an outlet: the newspaper's.
            claim_at("c5", "orphan", orphan_text, "Ten died", None),
            // Outside it: no outlet.
            claim_at("c6", "orphan", orphan_text, "Really", None),
        ];
        p
    }

    fn rows_of(c: &Comparison) -> Vec<(&str, usize, usize, usize)> {
        (0..c.rows.len())
            .map(|r| (c.rows[r].id.as_str(), c.row_documents[r], c.row_passages[r], c.row_claims[r]))
            .collect()
    }

    #[test]
    fn a_claim_in_a_quoted_passage_counts_for_the_passages_outlet() {
        let p = quoting();
        assert!(crate::store::integrity::check(&p).is_empty(), "{:?}", crate::store::integrity::check(&p));
        let c = compare(&p, Dimension::Outlet, Measure::Kind);
        // (row, documents, passages, claims): the newspaper and the agency have a row for
        // their passages alone, the agency's with no claim; "silent" has none.
        assert_eq!(
            rows_of(&c),
            [("forum", 1, 0, 2), ("paper", 0, 2, 3), ("agency", 0, 1, 0), ("none", 1, 0, 1)]
        );
        let event = column(&c, "event");
        assert_eq!(c.claims_in(row(&c, "forum"), event), [0, 3]);
        assert_eq!(c.claims_in(row(&c, "paper"), event), [1, 2, 4]);
        assert_eq!(c.claims_in(row(&c, "none"), event), [5]);
        assert_eq!((c.total_claims, c.skipped_claims), (6, 0));

        // Affiliations in taxonomy order: state media (the agency's passage), private (the
        // newspaper), forum; the partisan outlet has neither documents nor passages.
        let c = compare(&p, Dimension::Affiliation, Measure::Kind);
        assert_eq!(
            rows_of(&c),
            [("state-media", 0, 1, 0), ("private", 0, 2, 3), ("forum", 1, 0, 2), ("none", 1, 0, 1)]
        );

        // Genre stays the document's, passage or not.
        let c = compare(&p, Dimension::Genre, Measure::Kind);
        assert_eq!(rows_of(&c), [("forum-thread", 1, 0, 4), ("none", 1, 0, 2)]);
    }

    #[test]
    fn without_a_claim_outside_passages_an_outletless_document_makes_no_none_row() {
        let mut p = quoting();
        p.claims.retain(|c| c.id.as_str() != "c6");
        let c = compare(&p, Dimension::Outlet, Measure::Verdict);
        let ids: Vec<&str> = c.rows.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["forum", "paper", "agency"], "c5 counts for the paper, not for none");
        assert_eq!(c.row_claims, [2, 3, 0]);
    }
}
