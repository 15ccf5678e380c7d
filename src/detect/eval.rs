//! How good the detector is on a project's own claims, document by document: each
//! document's candidates are scored by a ranker trained on the other documents only
//! (leave one document out; with more than ten documents, ten folds of documents),
//! those at or above a threshold are kept, and they are matched to the document's claims
//! one to one, exactly (the same span) and by overlap (the largest overlaps first). The
//! claims are the adjudicated set when the project has one; otherwise every claim, a
//! span marked with one kind by several reviewers counted once; never those `detect
//! --apply` marked (the detector's own answers). Per claim kind, recall counts the claims of that kind
//! found and precision the candidates of that kind that found one. A sentence holding a
//! claim is flagged when a kept candidate overlaps it.

use super::rank::{self, Ranker};
use super::{Candidate, candidates, scan};
use crate::model::{DocumentId, Project};
use crate::text::CharSpan;
use std::collections::BTreeMap;

/// Matched, proposed and marked counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Candidates that found a claim (precision's numerator).
    pub useful: usize,
    /// Candidates kept.
    pub proposed: usize,
    /// Claims that a candidate found (recall's numerator).
    pub found: usize,
    /// Claims.
    pub marked: usize,
}

impl Counts {
    /// Share of candidates that found a claim.
    pub fn precision(&self) -> Option<f64> {
        (self.proposed > 0).then(|| self.useful as f64 / self.proposed as f64)
    }

    /// Share of claims found.
    pub fn recall(&self) -> Option<f64> {
        (self.marked > 0).then(|| self.found as f64 / self.marked as f64)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        Some(if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
    }

    fn add(&mut self, other: Counts) {
        self.useful += other.useful;
        self.proposed += other.proposed;
        self.found += other.found;
        self.marked += other.marked;
    }
}

/// The evaluation of a project.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Evaluation {
    /// The score threshold of kept candidates.
    pub min_score: f32,
    /// Documents evaluated (those with claims).
    pub documents: usize,
    /// Exact matches over all kinds.
    pub exact: Counts,
    /// Overlap matches over all kinds.
    pub overlap: Counts,
    /// Per claim kind id: exact, then overlap.
    pub per_kind: BTreeMap<String, (Counts, Counts)>,
    /// Sentences flagged, and sentences holding a claim.
    pub sentences: (usize, usize),
    /// The claims no kept candidate overlaps: document, kind, quote.
    pub misses: Vec<(DocumentId, String, String)>,
}

/// A document with its candidates and its claims' spans and kinds.
type Held<'p> = (&'p crate::model::Document, Vec<Candidate>, Vec<(CharSpan, String)>);

/// Evaluates the detector on `project`'s claims with leave-one-document-out training,
/// keeping candidates scored at least `min_score`.
pub fn evaluate(project: &Project, min_score: f32) -> Evaluation {
    // Each document with claims: its candidates and its claims' spans and kinds.
    let settled_only = project.claims.iter().any(|c| c.adjudicated);
    let documents: Vec<Held<'_>> = project
        .documents
        .iter()
        .map(|d| {
            let mut claims: Vec<(CharSpan, String)> = project
                .claims_in(&d.id)
                // What `detect --apply` marked is the detector's own answer, not a truth.
                .filter(|c| (c.adjudicated || !settled_only) && c.origin != crate::model::Origin::Detected)
                .map(|c| (c.span, c.kind.to_string()))
                .collect();
            claims.sort();
            claims.dedup();
            (d, candidates(&d.text), claims)
        })
        .filter(|(_, _, claims)| !claims.is_empty())
        .collect();
    let examples: Vec<Vec<([f32; rank::FEATURES], bool)>> = documents
        .iter()
        .map(|(d, found, claims)| {
            let spans: Vec<CharSpan> = claims.iter().map(|(s, _)| *s).collect();
            rank::examples(&d.text, found, &spans)
        })
        .collect();
    let mut evaluation = Evaluation { min_score, documents: documents.len(), ..Evaluation::default() };
    // Leave one document out, or with many documents ten folds: training grows with
    // the project, not with its square.
    let folds = documents.len().min(10);
    let rankers: Vec<Ranker> = (0..folds)
        .map(|fold| {
            let training: Vec<([f32; rank::FEATURES], bool)> = examples
                .iter()
                .enumerate()
                .filter(|(i, _)| i % folds != fold)
                .flat_map(|(_, e)| e.iter().copied())
                .collect();
            Ranker::train(&training)
        })
        .collect();
    for (held_out, (document, found, claims)) in documents.iter().enumerate() {
        let ranker = &rankers[held_out % folds];
        let scored: Vec<Candidate> = found
            .iter()
            .zip(&examples[held_out])
            .filter_map(|(c, (x, _))| {
                let score = ranker.score(x);
                (score >= min_score).then(|| Candidate { score, ..c.clone() })
            })
            .collect();
        // As the app and `detect` propose them: the best of overlapping candidates.
        let kept = super::suggestions::best_of_overlapping(scored);
        let kept: Vec<&Candidate> = kept.iter().collect();
        evaluation.add_document(&document.id, &document.text, &kept, claims);
    }
    evaluation
}

impl Evaluation {
    fn add_document(
        &mut self,
        id: &DocumentId,
        text: &str,
        kept: &[&Candidate],
        claims: &[(CharSpan, String)],
    ) {
        for exact in [true, false] {
            let pairs = matches(kept, claims, exact);
            let (mut cand_used, mut claim_used) = (vec![false; kept.len()], vec![false; claims.len()]);
            for &(c, m) in &pairs {
                (cand_used[c], claim_used[m]) = (true, true);
            }
            let mut totals = Counts { marked: claims.len(), proposed: kept.len(), ..Counts::default() };
            totals.useful = pairs.len();
            totals.found = pairs.len();
            let mut per_kind: BTreeMap<String, Counts> = BTreeMap::new();
            for (i, c) in kept.iter().enumerate() {
                let counts = per_kind.entry(c.kind.id().to_owned()).or_default();
                counts.proposed += 1;
                counts.useful += usize::from(cand_used[i]);
            }
            for (i, (_, kind)) in claims.iter().enumerate() {
                let counts = per_kind.entry(kind.clone()).or_default();
                counts.marked += 1;
                counts.found += usize::from(claim_used[i]);
            }
            if exact {
                self.exact.add(totals);
            } else {
                self.overlap.add(totals);
                for (i, (span, kind)) in claims.iter().enumerate() {
                    if !claim_used[i] {
                        let quote = span.slice(text).unwrap_or_default().to_owned();
                        self.misses.push((id.clone(), kind.clone(), quote));
                    }
                }
            }
            for (kind, counts) in per_kind {
                let entry = self.per_kind.entry(kind).or_default();
                if exact { entry.0.add(counts) } else { entry.1.add(counts) }
            }
        }
        // Sentences holding a claim, and those a kept candidate overlaps.
        let claim_spans = Sorted::new(claims.iter().map(|(s, _)| *s));
        let kept_spans = Sorted::new(kept.iter().map(|c| c.span));
        let scanned = scan::scan(text);
        for range in &scanned.sentences {
            let words = &scanned.words[range.clone()];
            let (Some(first), Some(last)) = (words.first(), words.last()) else { continue };
            let sentence = CharSpan::new(first.start, last.end);
            if claim_spans.any_overlaps(sentence) {
                self.sentences.1 += 1;
                self.sentences.0 += usize::from(kept_spans.any_overlaps(sentence));
            }
        }
    }
}

/// Spans sorted by start, to find those overlapping a span without a pass over all.
pub struct Sorted {
    spans: Vec<CharSpan>,
    longest: usize,
}

impl Sorted {
    /// The spans, sorted.
    pub fn new(spans: impl Iterator<Item = CharSpan>) -> Sorted {
        let mut spans: Vec<CharSpan> = spans.collect();
        spans.sort_by_key(|s| s.start);
        let longest = spans.iter().map(CharSpan::len).max().unwrap_or(0);
        Sorted { spans, longest }
    }

    /// Whether one of the spans overlaps `span`.
    pub fn any_overlaps(&self, span: CharSpan) -> bool {
        let from = self.spans.partition_point(|s| s.start + self.longest < span.start);
        self.spans[from..].iter().take_while(|s| s.start < span.end).any(|s| s.overlaps(&span))
    }
}

/// One-to-one pairs (candidate, claim): the same span when `exact`, else overlapping
/// ones, the largest overlaps first. Claims are found by their starts (sorted, with the
/// longest claim's length as the reach), so a text with many claims is not compared
/// candidate by claim.
fn matches(kept: &[&Candidate], claims: &[(CharSpan, String)], exact: bool) -> Vec<(usize, usize)> {
    let mut order: Vec<usize> = (0..claims.len()).collect();
    order.sort_by_key(|&m| claims[m].0.start);
    let starts: Vec<usize> = order.iter().map(|&m| claims[m].0.start).collect();
    let longest = claims.iter().map(|(s, _)| s.len()).max().unwrap_or(0);
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (c, candidate) in kept.iter().enumerate() {
        let from = starts.partition_point(|&s| s + longest < candidate.span.start);
        let to = starts.partition_point(|&s| s < candidate.span.end);
        for &m in &order[from..to.max(from)] {
            let span = claims[m].0;
            let overlap =
                candidate.span.end.min(span.end).saturating_sub(candidate.span.start.max(span.start));
            if exact && candidate.span == span || !exact && overlap > 0 {
                pairs.push((overlap, c, m));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut cand_used, mut claim_used) = (vec![false; kept.len()], vec![false; claims.len()]);
    let mut out = Vec::new();
    for (_, c, m) in pairs {
        if !cand_used[c] && !claim_used[m] {
            (cand_used[c], claim_used[m]) = (true, true);
            out.push((c, m));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::Kind;

    fn candidate(start: usize, end: usize) -> Candidate {
        Candidate {
            span: CharSpan::new(start, end),
            bytes: (start, end),
            kind: Kind::Statistic,
            claimant: None,
            score: 1.0,
            reason: "r".into(),
            rule: crate::detect::Rule::Number,
        }
    }

    #[test]
    fn each_claim_and_each_candidate_is_matched_once_largest_overlap_first() {
        // Counted by hand: candidate 0 (0..10) overlaps claims 0 (2..4) and 1 (5..20);
        // candidate 1 (8..12) overlaps claim 1 only. Largest first: (c0, m1) by 5 chars,
        // then c1 has nothing left, and claim 0 stays unmatched.
        let (a, b) = (candidate(0, 10), candidate(8, 12));
        let kept = [&a, &b];
        let claims =
            [(CharSpan::new(2, 4), "statistic".to_owned()), (CharSpan::new(5, 20), "money".to_owned())];
        assert_eq!(matches(&kept, &claims, false), [(0, 1)]);
        assert_eq!(matches(&kept, &claims, true), []);
        let exact = [(CharSpan::new(8, 12), "money".to_owned())];
        assert_eq!(matches(&kept, &exact, true), [(1, 0)]);
    }

    #[test]
    fn several_reviewers_marks_of_one_span_count_once_and_a_settled_set_alone() {
        let mut project = crate::store::parse(
            include_str!("../../sample_projects/three-reviewers.ron"),
            std::path::Path::new("three-reviewers.ron"),
            true,
        )
        .expect("the fixture loads");
        let distinct: std::collections::HashSet<(&DocumentId, CharSpan, &str)> =
            project.claims.iter().map(|c| (&c.document, c.span, c.kind.as_str())).collect();
        assert!(distinct.len() < project.claims.len(), "the reviewers share some marks");
        assert_eq!(evaluate(&project, 0.3).overlap.marked, distinct.len());
        // With a settled set, it alone is what the detector is measured against.
        for claim in project.claims.iter_mut().take(3) {
            claim.adjudicated = true;
        }
        let evaluation = evaluate(&project, 0.3);
        assert_eq!(evaluation.overlap.marked, 3);
    }

    #[test]
    fn the_sample_evaluated_document_by_document() {
        let project = crate::sample::sample_project().expect("the bundled sample loads");
        let evaluation = evaluate(&project, 0.5);
        assert_eq!(evaluation.documents, 5);
        assert_eq!(evaluation.overlap.marked, project.claims.len());
        assert_eq!(evaluation.overlap.marked - evaluation.overlap.found, evaluation.misses.len());
        let per_kind_marked: usize = evaluation.per_kind.values().map(|(_, o)| o.marked).sum();
        assert_eq!(per_kind_marked, project.claims.len());
        assert!(evaluation.sentences.0 <= evaluation.sentences.1 && evaluation.sentences.1 > 0);
        assert!(evaluation.exact.found <= evaluation.overlap.found);
    }

    /// The targets of issue 14 on the complete sample, leave-one-document-out, at the
    /// default score of 0.3: overlap recall at least 0.85 overall and 0.95 for statistic
    /// and money claims, overlap precision at least 0.5, sentence recall at least 0.95.
    /// Measured 2026-11-30: recall 0.908, statistic and money 1.0 (2 and 3 claims),
    /// precision 0.546, sentences 106 of 109 (0.972).
    #[test]
    fn the_sample_meets_the_targets() {
        let project = crate::sample::sample_project().expect("the bundled sample loads");
        assert!(project.claims.len() >= 131, "the complete sample");
        let at_03 = evaluate(&project, 0.3);
        let overlap = &at_03.overlap;
        assert!(overlap.recall().unwrap_or(0.0) >= 0.85, "{overlap:?} missed {:#?}", at_03.misses);
        assert!(overlap.precision().unwrap_or(0.0) >= 0.5, "{overlap:?}");
        for kind in ["statistic", "money"] {
            let (_, counts) = &at_03.per_kind[kind];
            assert!(counts.marked > 0 && counts.recall().unwrap_or(0.0) >= 0.95, "{kind}: {counts:?}");
        }
        assert!(at_03.sentences.0 * 100 >= at_03.sentences.1 * 95, "{:?}", at_03.sentences);
    }
}
