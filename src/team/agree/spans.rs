//! Span agreement between two reviewers: which of their marks match (the same span, or
//! overlapping spans paired one to one), precision, recall and F1 of one against the
//! other, and the confusion matrix of the kinds they gave matched marks. Over plain
//! codes (document, kind and verdict as numbers), so that the same code serves a project
//! after a merge and several copies of one.

use crate::text::CharSpan;
use std::collections::HashMap;

/// One reviewer's mark as agreement sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Which document (a code shared by the reviewers).
    pub document: usize,
    /// Where, in chars.
    pub span: CharSpan,
    /// The claim kind's code.
    pub kind: usize,
}

/// When two marks are the same unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Matching {
    /// The same document and the same span.
    Exact,
    /// The same document and spans sharing at least one char; each mark is paired with
    /// at most one, the pairs sharing the most chars first.
    Overlap,
}

/// The marks of `a` and of `b` that match, as pairs of their positions in `a` and `b`,
/// in the order of `a`. Each mark is in at most one pair.
pub fn matches(a: &[Mark], b: &[Mark], matching: Matching) -> Vec<(usize, usize)> {
    let mut pairs = match matching {
        Matching::Exact => exact_pairs(a, b),
        Matching::Overlap => overlap_pairs(a, b),
    };
    pairs.sort_unstable();
    pairs
}

fn exact_pairs(a: &[Mark], b: &[Mark]) -> Vec<(usize, usize)> {
    let mut unpaired: HashMap<(usize, CharSpan), Vec<usize>> = HashMap::new();
    for (j, mark) in b.iter().enumerate().rev() {
        unpaired.entry((mark.document, mark.span)).or_default().push(j);
    }
    let pair = |(i, mark): (usize, &Mark)| Some((i, unpaired.get_mut(&(mark.document, mark.span))?.pop()?));
    a.iter().enumerate().filter_map(pair).collect()
}

/// Overlapping pairs found by a sweep over each document's marks in order of start, then
/// kept greedily, most shared chars first (ties: earlier marks first).
fn overlap_pairs(a: &[Mark], b: &[Mark]) -> Vec<(usize, usize)> {
    let mut by_start: Vec<(usize, usize, bool, usize)> = Vec::with_capacity(a.len() + b.len());
    by_start.extend(a.iter().enumerate().map(|(i, m)| (m.document, m.span.start, false, i)));
    by_start.extend(b.iter().enumerate().map(|(j, m)| (m.document, m.span.start, true, j)));
    by_start.sort_unstable();
    let mark = |in_b: bool, k: usize| if in_b { &b[k] } else { &a[k] };
    // Marks still open at the sweep's position, per side.
    let (mut open_a, mut open_b): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
    let mut document = usize::MAX;
    for &(doc, start, in_b, k) in &by_start {
        if doc != document {
            (document, open_a, open_b) = (doc, Vec::new(), Vec::new());
        }
        open_a.retain(|&i| a[i].span.end > start);
        open_b.retain(|&j| b[j].span.end > start);
        let span = mark(in_b, k).span;
        if span.is_empty() {
            continue;
        }
        let others = if in_b { &open_a } else { &open_b };
        for &other in others {
            let shared = span.end.min(mark(!in_b, other).span.end) - start;
            let (i, j) = if in_b { (other, k) } else { (k, other) };
            candidates.push((shared, i, j));
        }
        if in_b { open_b.push(k) } else { open_a.push(k) }
    }
    candidates.sort_unstable_by(|x, y| y.0.cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let (mut used_a, mut used_b) = (vec![false; a.len()], vec![false; b.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_a[i] && !used_b[j] {
            (used_a[i], used_b[j]) = (true, true);
            pairs.push((i, j));
        }
    }
    pairs
}

/// How many marks matched, out of how many each side made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Scores {
    /// Pairs of matching marks.
    pub matched: usize,
    /// Marks of the reviewer taken as the reference.
    pub reference: usize,
    /// Marks of the other reviewer.
    pub other: usize,
}

impl Scores {
    /// The share of the other's marks that match one of the reference's.
    pub fn precision(&self) -> Option<f64> {
        (self.other > 0).then(|| self.matched as f64 / self.other as f64)
    }

    /// The share of the reference's marks that the other matched.
    pub fn recall(&self) -> Option<f64> {
        (self.reference > 0).then(|| self.matched as f64 / self.reference as f64)
    }

    /// The harmonic mean of precision and recall: 2 · matched / (reference + other).
    pub fn f1(&self) -> Option<f64> {
        let marks = self.reference + self.other;
        (marks > 0).then(|| 2.0 * self.matched as f64 / marks as f64)
    }
}

/// Precision, recall and F1 of `other` against `reference`, over the marks of `kind`
/// only when one is given (a mark then matches only a mark of that kind).
pub fn scores(reference: &[Mark], other: &[Mark], matching: Matching, kind: Option<usize>) -> Scores {
    let of_kind = |marks: &[Mark]| -> Vec<Mark> {
        marks.iter().filter(|m| kind.is_none_or(|k| m.kind == k)).copied().collect()
    };
    let (reference, other) = (of_kind(reference), of_kind(other));
    let matched = matches(&reference, &other, matching).len();
    Scores { matched, reference: reference.len(), other: other.len() }
}

/// The confusion matrix of kinds over the matched `pairs` of `a` and `b` (from
/// [`matches`], whatever their kinds): `matrix[x][y]` counts pairs with kind `x` for `a`
/// and `y` for `b`; row and column `kinds` count the marks the other side has no match
/// for (and kinds from `kinds` up).
pub fn confusion(a: &[Mark], b: &[Mark], pairs: &[(usize, usize)], kinds: usize) -> Vec<Vec<usize>> {
    let mut matrix = vec![vec![0; kinds + 1]; kinds + 1];
    let (mut paired_a, mut paired_b) = (vec![false; a.len()], vec![false; b.len()]);
    for &(i, j) in pairs {
        matrix[a[i].kind.min(kinds)][b[j].kind.min(kinds)] += 1;
        (paired_a[i], paired_b[j]) = (true, true);
    }
    for (mark, _) in a.iter().zip(paired_a).filter(|(_, paired)| !paired) {
        matrix[mark.kind.min(kinds)][kinds] += 1;
    }
    for (mark, _) in b.iter().zip(paired_b).filter(|(_, paired)| !paired) {
        matrix[kinds][mark.kind.min(kinds)] += 1;
    }
    matrix
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(document: usize, start: usize, end: usize, kind: usize) -> Mark {
        Mark { document, span: CharSpan::new(start, end), kind }
    }

    /// Reviewer A marks four claims; B marks the first exactly, the second longer, the
    /// third with another kind, misses the fourth and adds one of her own.
    fn two_reviewers() -> (Vec<Mark>, Vec<Mark>) {
        let a = vec![mark(0, 0, 10, 0), mark(0, 20, 30, 0), mark(0, 40, 50, 1), mark(1, 0, 5, 1)];
        let b = vec![mark(0, 0, 10, 0), mark(0, 15, 35, 0), mark(0, 40, 50, 0), mark(1, 10, 20, 2)];
        (a, b)
    }

    #[test]
    fn exact_and_overlapping_matches_count_by_hand() {
        let (a, b) = two_reviewers();
        assert_eq!(matches(&a, &b, Matching::Exact), [(0, 0), (2, 2)]);
        assert_eq!(matches(&a, &b, Matching::Overlap), [(0, 0), (1, 1), (2, 2)]);
        // Exact: 2 of 4 each way, F1 = 2·2/8 = 0.5. Overlap: 3 of 4, F1 = 0.75.
        let exact = scores(&a, &b, Matching::Exact, None);
        assert_eq!((exact.precision(), exact.recall(), exact.f1()), (Some(0.5), Some(0.5), Some(0.5)));
        let overlap = scores(&a, &b, Matching::Overlap, None);
        assert_eq!(overlap.f1(), Some(0.75));
        // Kind 0: A has two, B three; overlapping pairs (0,0) and (1,1): P = 2/3, R = 1.
        let kind = scores(&a, &b, Matching::Overlap, Some(0));
        assert_eq!(kind, Scores { matched: 2, reference: 2, other: 3 });
        assert_eq!(scores(&a, &b, Matching::Exact, Some(3)).f1(), None, "nobody used the kind");
    }

    #[test]
    fn each_mark_pairs_once_the_largest_overlap_first() {
        // B's long mark overlaps both of A's; it pairs with the one it shares more with,
        // and A's other mark pairs with B's short one.
        let a = vec![mark(0, 0, 10, 0), mark(0, 12, 30, 0)];
        let b = vec![mark(0, 5, 28, 0), mark(0, 8, 11, 0)];
        assert_eq!(matches(&a, &b, Matching::Overlap), [(0, 1), (1, 0)]);
        // Touching is not overlapping, other documents never match, empty spans never do.
        let a = vec![mark(0, 0, 10, 0), mark(1, 0, 10, 0), mark(0, 20, 20, 0)];
        let b = vec![mark(0, 10, 20, 0), mark(2, 0, 10, 0), mark(0, 15, 25, 0)];
        assert_eq!(matches(&a, &b, Matching::Overlap), []);
        // Repeated identical marks pair one to one.
        let a = vec![mark(0, 0, 5, 0), mark(0, 0, 5, 0)];
        assert_eq!(matches(&a, &a[..1], Matching::Exact), [(0, 0)]);
    }

    #[test]
    fn the_confusion_matrix_counts_matched_kinds_and_the_unmatched() {
        let (a, b) = two_reviewers();
        let matrix = confusion(&a, &b, &matches(&a, &b, Matching::Overlap), 3);
        // Pairs: (0,0) kinds 0/0, (1,1) 0/0, (2,2) 1/0. Unmatched: A's kind 1, B's kind 2.
        let expected = vec![vec![2, 0, 0, 0], vec![1, 0, 0, 1], vec![0, 0, 0, 0], vec![0, 0, 1, 0]];
        assert_eq!(matrix, expected);
    }
}
