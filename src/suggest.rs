//! Grouping suggestions: for a selected claim, the claims of *other* documents that most
//! likely tell the same claim, best first, each with a score in `0..=1` and the reasons
//! a reviewer can check at a glance ("both say 3,000", "ISIS-K = Daesh", "similar
//! wording 0.42").
//!
//! A [`SuggestIndex`] is built once per state of the claims and texts. It reads every
//! document once (UAX #29 words and sentences, see [`crate::text::tokenize`]) and keeps,
//! per claim, four kinds of features:
//!
//! - **quantities** in the claim text ([`quantities`]): numbers with thousands
//!   separators and decimals, scale words and suffixes (million, bn, lakh), money,
//!   percentages, years and decades, durations ("two decades", "20-year"), rates ("a
//!   day") and ranges ("3,000 to 5,000"). Close values (within [`NUMBER_TOLERANCE`])
//!   of compatible kinds match; years match only exactly.
//! - **named entities** in the claim and its sentence ([`entities`]): capitalised words,
//!   normalised (case, diacritics, possessive), and the names of the [`ALIASES`] table,
//!   so that "ISIS-K" meets "Daesh". Rare entities count more (inverse sentence
//!   frequency).
//! - **wording** of the claim: a tf-idf cosine over light word stems (stop words
//!   removed) blended with a cosine over character trigrams, which catches
//!   "counterterrorism" against "counter-terrorism".
//! - **wording of the sentence(s)** the claim sits in, with a smaller weight.
//!
//! A query walks inverted indexes (stems, sentence stems, entity keys, number buckets)
//! to gather candidates sharing at least one feature, keeps the best
//! [`CANDIDATES_RESCORED`] of them by a quick linear score, and scores those exactly (see
//! [`WEIGHT_TEXT`] and its siblings for the blend). Group membership and documents are
//! read from the project at query time, so accepting a suggestion (a group change)
//! needs no rebuild; adding, deleting or re-spanning claims or editing texts does (see
//! [`SuggestIndex::is_current`]).
//!
//! Pure: no egui, no files, no threads; it never changes the project.
//!
//! The files, one concern each: `words.rs` (tokens with normalised forms, stop words and
//! other word tables), `fold.rs` (diacritic folding), `stem.rs` (stemming),
//! `entities.rs` (the alias table and name mentions), `quantities.rs` (numbers and how
//! they match), `vectors.rs` (sparse vectors, trigrams, feature ids) and `index.rs`
//! ([`SuggestIndex`]: features, inverted indexes, the query). The public items are
//! re-exported here.

mod entities;
mod fold;
mod index;
mod quantities;
mod stem;
mod vectors;
mod words;

pub use entities::{ALIASES, Alias, EntityMention, entities};
pub use index::SuggestIndex;
pub use quantities::{NUMBER_TOLERANCE, Quantity, QuantityKind, quantities, quantity_match};

/// Weight of the claims' own wording (stems and trigrams) in the score.
pub const WEIGHT_TEXT: f32 = 0.40;

/// Weight of the wording of the claims' sentences.
pub const WEIGHT_SENTENCE: f32 = 0.15;

/// Weight of shared named entities. Counts only when the selected claim or its sentence
/// names an entity; otherwise the other weights are scaled up to keep scores in `0..=1`.
pub const WEIGHT_ENTITIES: f32 = 0.25;

/// Weight of shared quantities. Counts only when the selected claim states a quantity;
/// otherwise the other weights are scaled up.
pub const WEIGHT_NUMBERS: f32 = 0.20;

/// Share of stems (rather than character trigrams) in the wording similarity.
pub const STEM_SHARE: f32 = 0.75;

/// A candidate that is already in a group scores this much more (times its score, so a
/// group lifts similar claims without pulling up unrelated ones), capped at 1.
pub const GROUP_BONUS: f32 = 0.15;

/// Entity evidence (sum of inverse sentence frequencies of shared entities) at which the
/// entity part of the score reaches one half; it approaches 1 as evidence grows.
pub const ENTITY_HALF: f32 = 4.0;

/// An entity named only in the sentence around a claim, not in the claim itself, counts
/// this much.
pub const SENTENCE_ENTITY_FACTOR: f32 = 0.6;

/// How many of the candidates found through the inverted indexes are scored exactly.
pub const CANDIDATES_RESCORED: usize = 300;

/// A suggested claim for the selected one.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    /// Index into `project.claims`.
    pub claim_index: usize,
    /// How alike the two claims are, `0..=1`.
    pub score: f32,
    /// Short reasons for the user, strongest first: "both say 3,000", "ISIS-K = Daesh",
    /// "similar wording 0.42", "in group “…”".
    pub reasons: Vec<String>,
}
