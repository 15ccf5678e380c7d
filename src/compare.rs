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
//! `groups.rs` the group views, `hedges.rs` the hedging lexicon, `output.rs` and `html.rs`
//! the renderings. Everything is re-exported here, so callers write
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
//! - **Rows** are every outlet (project order), affiliation or genre (taxonomy order)
//!   that has at least one document, whether or not that document has claims; then any
//!   affiliation or genre id that documents use but the taxonomy lacks; then a "none" row
//!   ([`NONE_ID`]) for documents with no outlet recorded (for outlet and affiliation) or
//!   no genre, only when such documents have claims. A document whose outlet id names no
//!   outlet of the project counts as having none.
//! - A claim counts in the row of its document. Its **row's claims** ([`Comparison::row_claims`])
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
//! A row **covers** a claim group when at least one claim of the group is in a document
//! of that row; otherwise it **leaves the group out**. Rows follow the same rules as
//! [`compare`]'s, so the two line up.
//!
//! # Group views ([`group_views`])
//!
//! Every group of the project, in project order, with its member claims in claim order
//! (documents, then position): who published each, how, and the **passage** that holds
//! it with the hedging, certainty and attribution words marked ([`hedges`]).

mod coverage;
mod groups;
mod hedges;
pub mod html;
pub mod output;
mod passage;

pub use coverage::{Coverage, coverage};
pub use groups::{GroupView, MemberView, group_views};
pub use hedges::{Condition, Hedge, HedgeKind, LEXICON, LexiconEntry, hedges};
pub use passage::{MAX_PASSAGE_CHARS, Passage, passage, passage_with};

use crate::model::{Document, DocumentId, LabelId, LabelSet, Outlet, Project, Taxonomy};
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
    /// Documents per row (including documents without claims).
    pub row_documents: Vec<usize>,
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

    /// Whether the column is one the taxonomy lacks (an extra column of raw ids).
    pub fn is_extra_column(&self, column: usize, taxonomy: &Taxonomy) -> bool {
        let known = taxonomy.labels(self.against.label_set()).len();
        let no_frame = usize::from(self.against == Measure::Frame);
        column >= known + no_frame
    }
}

/// Where each document goes: the rows of a dimension.
struct Rows<'a> {
    headers: Vec<Header>,
    documents: Vec<usize>,
    row_of_document: HashMap<&'a DocumentId, usize>,
}

/// Where a document's key landed while the rows are collected.
#[derive(Clone, Copy)]
enum Slot {
    Known(usize),
    Extra(usize),
    None,
}

fn rows(project: &Project, by: Dimension) -> Rows<'_> {
    let taxonomy = &project.taxonomy;
    let outlets = project.outlets_by_id();
    let outlet_of = |document: &Document| -> Option<&Outlet> {
        document.outlet.as_ref().and_then(|id| outlets.get(id).copied())
    };
    let known: Vec<Header> = match by {
        Dimension::Outlet => project
            .outlets
            .iter()
            .map(|outlet| Header {
                id: outlet.id.to_string(),
                name: outlet.name.clone(),
                colour: taxonomy.label(LabelSet::Affiliation, &outlet.affiliation).map(|l| l.colour.clone()),
            })
            .collect(),
        Dimension::Affiliation | Dimension::Genre => {
            let set = if by == Dimension::Genre { LabelSet::Genre } else { LabelSet::Affiliation };
            taxonomy.labels(set).iter().map(|l| Header::of_label(taxonomy, set, &l.id)).collect()
        }
    };
    let mut known_index: HashMap<&str, usize> = HashMap::new();
    for (index, header) in known.iter().enumerate() {
        known_index.entry(header.id.as_str()).or_insert(index);
    }
    let mut known_documents = vec![0; known.len()];
    let mut extras: Vec<String> = Vec::new();
    let mut extra_documents: Vec<usize> = Vec::new();
    let mut none_documents = 0;
    let mut slots: Vec<(&DocumentId, Slot)> = Vec::with_capacity(project.documents.len());
    for document in &project.documents {
        let key: Option<&str> = match by {
            Dimension::Outlet => outlet_of(document).map(|o| o.id.as_str()),
            Dimension::Affiliation => outlet_of(document).map(|o| o.affiliation.as_str()),
            Dimension::Genre => document.genre.as_ref().map(LabelId::as_str),
        };
        let slot = match key {
            None => {
                none_documents += 1;
                Slot::None
            }
            Some(key) => match known_index.get(key) {
                Some(&index) => {
                    known_documents[index] += 1;
                    Slot::Known(index)
                }
                None => {
                    let index = extras.iter().position(|e| e == key).unwrap_or_else(|| {
                        extras.push(key.to_owned());
                        extra_documents.push(0);
                        extras.len() - 1
                    });
                    extra_documents[index] += 1;
                    Slot::Extra(index)
                }
            },
        };
        slots.push((&document.id, slot));
    }
    let none_has_claims = none_documents > 0 && {
        let none: std::collections::HashSet<&DocumentId> =
            slots.iter().filter(|(_, slot)| matches!(slot, Slot::None)).map(|(id, _)| *id).collect();
        project.claims.iter().any(|claim| none.contains(&claim.document))
    };
    let mut headers = Vec::new();
    let mut documents = Vec::new();
    let mut known_row = vec![None; known.len()];
    for (index, header) in known.into_iter().enumerate() {
        if known_documents[index] > 0 {
            known_row[index] = Some(headers.len());
            headers.push(header);
            documents.push(known_documents[index]);
        }
    }
    let extra_start = headers.len();
    for (key, count) in extras.into_iter().zip(extra_documents) {
        headers.push(Header::plain(key.clone(), key));
        documents.push(count);
    }
    let none_row = none_has_claims.then(|| {
        let name = match by {
            Dimension::Outlet => "No outlet recorded",
            Dimension::Affiliation => "No outlet recorded (no affiliation)",
            Dimension::Genre => "No genre recorded",
        };
        headers.push(Header::plain(NONE_ID, name));
        documents.push(none_documents);
        headers.len() - 1
    });
    let row_of_document = slots
        .into_iter()
        .filter_map(|(id, slot)| {
            let row = match slot {
                Slot::Known(index) => known_row[index]?,
                Slot::Extra(index) => extra_start + index,
                Slot::None => none_row?,
            };
            Some((id, row))
        })
        .collect();
    Rows { headers, documents, row_of_document }
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
    let Rows { headers: rows, documents: row_documents, row_of_document } = rows(project, by);
    let (columns, column_of) = columns(project, against);
    let no_frame = (against == Measure::Frame).then_some(project.taxonomy.frames.len());
    let mut cells = vec![vec![Vec::new(); columns.len()]; rows.len()];
    let mut row_claims = vec![0; rows.len()];
    let mut skipped_claims = 0;
    let mut seen: Vec<usize> = Vec::new();
    for (claim_index, claim) in project.claims.iter().enumerate() {
        let Some(&row) = row_of_document.get(&claim.document) else {
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
        rows,
        columns,
        counts,
        row_claims,
        row_documents,
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
}

impl Report {
    /// Computes the whole report for a project.
    pub fn new(project: &Project, by: Dimension, against: Measure) -> Report {
        Report {
            comparison: compare(project, by, against),
            coverage: coverage(project, by),
            groups: group_views(project),
        }
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
}
