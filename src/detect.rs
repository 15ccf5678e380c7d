//! Claim detection: candidate check-worthy claims found in a document's own words, each
//! with a span, a claim kind, a guess at its claimant, a score in 0..1 and a short
//! reason a reviewer can read. No model and no network: patterns over the words of each
//! sentence ([`rules`]), on a scan of the text made for speed ([`scan`]).
//!
//! What it finds:
//! - numbers with what they count ("3,000 to 5,000 ISIS-K* fighters"), sums of money
//!   ("over $7 billion in American military equipment", "$100 million a day"),
//!   percentages and ranges, in any script's digits, with English and Russian scale and
//!   currency words;
//! - statements put in someone's mouth ("X said/estimated/argued that …", "according to
//!   X"), with the speaker as the claimant (a pronoun stands for the last person named);
//! - dates with what happened (events; before 2010, or decades, historical);
//! - what happened (meetings, visits, signings: events), causal connectives,
//!   predictions and modal or future statements, comparisons and superlatives,
//!   statements about the past, stated policies, and judgements stated as fact.
//!
//! Spans lie on word boundaries and are trimmed as a reviewer's selection is (no white
//! space or closing punctuation at the ends). Never panics, whatever the text.

pub mod eval;
pub mod rank;
pub mod rules;
pub mod scan;
pub mod suggestions;

use crate::text::CharSpan;

/// The claim kind a candidate proposes: ids of the default taxonomy's claim kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A number with what it counts.
    Statistic,
    /// A sum of money.
    Money,
    /// Something that happened, with its date.
    Event,
    /// A statement put in a speaker's mouth.
    Attributed,
    /// One thing caused another.
    Causal,
    /// What will or may happen.
    Prediction,
    /// More, less, the most, the first.
    Comparison,
    /// A statement about the past.
    Historical,
    /// A stated policy or commitment.
    Policy,
    /// A judgement stated as fact ("a significant step", "in shambles").
    Evaluative,
}

impl Kind {
    /// Every kind, in the order of the default taxonomy.
    pub const ALL: [Kind; 10] = [
        Kind::Statistic,
        Kind::Money,
        Kind::Event,
        Kind::Attributed,
        Kind::Causal,
        Kind::Prediction,
        Kind::Comparison,
        Kind::Historical,
        Kind::Policy,
        Kind::Evaluative,
    ];

    /// The kind with this id ([`Kind::id`]).
    pub fn from_id(id: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.id() == id)
    }

    /// The id of the claim kind in the default taxonomy.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Statistic => "statistic",
            Kind::Money => "money",
            Kind::Event => "event",
            Kind::Attributed => "attributed",
            Kind::Causal => "causal",
            Kind::Prediction => "prediction",
            Kind::Comparison => "comparison",
            Kind::Historical => "historical",
            Kind::Policy => "policy",
            Kind::Evaluative => "evaluative",
        }
    }
}

/// A proposed claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    /// Chars of the document text.
    pub span: CharSpan,
    /// The same in bytes, to read the text at once (`&text[bytes.0..bytes.1]`).
    pub bytes: (usize, usize),
    /// The kind it would be marked as.
    pub kind: Kind,
    /// Who asserts it, when the text names someone (a speaker, the subject of "said").
    pub claimant: Option<String>,
    /// How likely a reviewer marks it, 0..1 (the rules' own score until the ranker
    /// learns from the project).
    pub score: f32,
    /// Why it is proposed, in a few words ("a sum of money with what it counts").
    pub reason: String,
    /// Which rule found it.
    pub rule: Rule,
}

/// The rule that found a candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Rule {
    /// A number, a sum of money, a percentage or a range.
    Number,
    /// A statement with its speaker.
    Attribution,
    /// A date with what happened.
    Date,
    /// A cue word (of a cause, a prediction, a comparison …).
    Cue,
    /// A clause no other rule found.
    Statement,
}

impl Candidate {
    /// The text of the candidate in `text` (the text it was found in).
    pub fn quote<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.bytes.0..self.bytes.1).unwrap_or_default()
    }
}

/// The candidates of `text`, in text order (by start, then end, then kind).
pub fn candidates(text: &str) -> Vec<Candidate> {
    let scanned = scan::scan(text);
    let mut found = rules::apply(text, &scanned);
    found.sort_by_key(|c| (c.span, c.kind));
    found.dedup_by(|a, b| a.span == b.span && a.kind == b.kind);
    found
}

#[cfg(test)]
mod tests;
