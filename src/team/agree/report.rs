//! Agreement of the reviewers of one project (after a merge of their copies): each
//! reviewer's claims are their marks. Per document and over all documents the reviewers
//! both (or all) marked:
//! - per pair of reviewers: precision, recall and F1, exact and overlapping, overall and
//!   per claim kind; Cohen's kappa on the kinds and on the verdicts of matched marks; the
//!   confusion matrix of kinds (overall only);
//! - over all reviewers: units are the marks that overlap across reviewers (each
//!   reviewer's first mark in a unit counts); Fleiss' kappa on the kinds of units every
//!   reviewer marked, Krippendorff's alpha on kinds (nominal) and on verdicts (ordinal)
//!   with what a reviewer did not mark as missing; Krippendorff's unitizing alpha on where
//!   marks start and end and their kinds, the documents' texts laid end to end.
//!
//! Verdicts are ordered as the taxonomy lists them, true to false; the first verdict,
//! the one a claim starts with ("unverified"), is missing data, not a value on the scale,
//! and verdicts after "false" ("unsupported") are off the scale: missing for the ordinal
//! alpha, a category of their own for Cohen's kappa.

use super::measures::{self, Metric};
use super::spans::{self, Mark, Matching, Scores};
use super::unitizing::{self, Unit};
use crate::model::{Claim, ClaimId, DocumentId, LabelId, Project, ReviewerId};
use std::collections::HashMap;

/// Agreement between two reviewers.
#[derive(Clone, Debug, PartialEq)]
pub struct Pair {
    /// The reviewer taken as the reference (precision is of `b` against `a`).
    pub a: ReviewerId,
    /// The other reviewer.
    pub b: ReviewerId,
    /// Marks matching exactly.
    pub exact: Scores,
    /// Marks overlapping, paired one to one.
    pub overlap: Scores,
    /// Per claim kind (the taxonomy's order): exact, then overlapping.
    pub per_kind: Vec<(LabelId, Scores, Scores)>,
    /// Cohen's kappa on the kinds of overlapping pairs.
    pub kind_kappa: Option<f64>,
    /// Cohen's kappa on the verdicts of overlapping pairs both rated.
    pub verdict_kappa: Option<f64>,
}

/// Agreement over some documents.
#[derive(Clone, Debug, PartialEq)]
pub struct Agreement {
    /// Each pair of reviewers, in the order of the reviewers.
    pub pairs: Vec<Pair>,
    /// Units every reviewer marked, of all units (marks overlapping across reviewers).
    pub units_all_marked: usize,
    /// All units.
    pub units: usize,
    /// Fleiss' kappa on the kinds of the units every reviewer marked.
    pub kind_fleiss: Option<f64>,
    /// Krippendorff's alpha, nominal, on the kinds of the units.
    pub kind_alpha: Option<f64>,
    /// Krippendorff's alpha, ordinal, on the verdicts of the units.
    pub verdict_alpha: Option<f64>,
    /// Krippendorff's unitizing alpha (α_u) on where marks start and end and their
    /// kinds, over the documents' texts (laid end to end) as the continuum.
    pub unitizing_alpha: Option<f64>,
}

/// The agreement of a project's reviewers.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    /// The reviewers compared, in project order (or as asked).
    pub reviewers: Vec<ReviewerId>,
    /// The claim kinds: the taxonomy's, then any other kind a claim has.
    pub kinds: Vec<LabelId>,
    /// Each document some reviewer marked, in project order.
    pub documents: Vec<(DocumentId, Agreement)>,
    /// All those documents together.
    pub overall: Agreement,
    /// Per pair (as in [`Agreement::pairs`]), the confusion matrix of kinds over all
    /// documents: `[x][y]` counts overlapping pairs with kinds `x` and `y`; the last row
    /// and column count the marks the other reviewer did not match.
    pub confusion: Vec<Vec<Vec<usize>>>,
    /// Per pair (as in [`Agreement::pairs`]), where the two disagree, in project order.
    pub disagreements: Vec<Vec<Disagreement>>,
}

/// A place where two reviewers disagree: a mark only one of them made, or overlapping
/// marks that differ in span, kind or verdict (both rated).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    /// The document.
    pub document: DocumentId,
    /// The first reviewer's claim (its id), if they marked it.
    pub a: Option<ClaimId>,
    /// The second reviewer's claim, if they marked it.
    pub b: Option<ClaimId>,
    /// Both marked it, on different spans.
    pub span: bool,
    /// Both marked it, as different kinds.
    pub kind: bool,
    /// Both marked and rated it, with different verdicts.
    pub verdict: bool,
}

impl Disagreement {
    /// Both marked it alike: same span and kind, and no two different verdicts (a place
    /// of [`places`], not a disagreement).
    pub fn agrees(&self) -> bool {
        self.a.is_some() && self.b.is_some() && !self.span && !self.kind && !self.verdict
    }

    /// What differs, in words, with the two reviewers' names: "only Ana marked it",
    /// "different span, kind".
    pub fn describe(&self, a: &str, b: &str) -> String {
        match (&self.a, &self.b) {
            (Some(_), None) => format!("only {a} marked it"),
            (None, Some(_)) => format!("only {b} marked it"),
            _ if self.agrees() => "both marked it alike".to_owned(),
            _ => {
                let aspects = [(self.span, "span"), (self.kind, "kind"), (self.verdict, "verdict")];
                let differ: Vec<&str> = aspects.iter().filter(|(d, _)| *d).map(|(_, w)| *w).collect();
                format!("different {}", differ.join(", "))
            }
        }
    }
}

/// A reviewer's mark with its verdict's place on the scale (`None`: unverified).
#[derive(Clone, Copy)]
struct Rated {
    mark: Mark,
    /// The verdict among all but the first (`None`: unverified).
    verdict: Option<usize>,
    /// The verdict's place on the scale from true to false (`None`: off it).
    on_scale: Option<usize>,
    /// The claim's position in the project.
    claim: usize,
}

impl Report {
    /// The agreement of `reviewers` (all of the project's reviewers with claims when
    /// `None`) over `documents` (all when `None`). Claims without a reviewer, and the
    /// adjudicated set, count for no one.
    pub fn new(
        project: &Project,
        reviewers: Option<&[ReviewerId]>,
        documents: Option<&[DocumentId]>,
    ) -> Report {
        let reviewers: Vec<ReviewerId> = match reviewers {
            Some(chosen) => chosen.to_vec(),
            None => reviewers_with_marks(project),
        };
        let (marks, kinds, verdicts) = rated_marks(project, &reviewers, documents);

        // Per pair over all documents, the overlapping marks matched once for both.
        let (mut confusion, mut disagreements) = (Vec::new(), Vec::new());
        for (a, b) in pairs_of(reviewers.len()) {
            let (ma, mb) = (plain(&marks[a]), plain(&marks[b]));
            let matched = spans::matches(&ma, &mb, Matching::Overlap);
            confusion.push(spans::confusion(&ma, &mb, &matched, kinds.len()));
            disagreements.push(places_of(project, &marks[a], &marks[b], &matched, false));
        }
        // Each document's marks per reviewer, sorted out in one pass.
        let mut by_document: Vec<Vec<Vec<Rated>>> = Vec::new();
        for (reviewer, rated) in marks.iter().enumerate().flat_map(|(r, ms)| ms.iter().map(move |m| (r, *m)))
        {
            let document = rated.mark.document;
            if by_document.len() <= document {
                by_document.resize_with(document + 1, || vec![Vec::new(); reviewers.len()]);
            }
            by_document[document][reviewer].push(rated);
        }
        // The length of each marked document, the continuum of the unitizing alpha.
        let lengths: Vec<u64> = by_document
            .iter()
            .zip(&project.documents)
            .map(
                |(of_document, d)| {
                    if of_document.iter().all(Vec::is_empty) { 0 } else { d.text.chars().count() as u64 }
                },
            )
            .collect();
        let overall = agreement(&reviewers, &marks, &kinds, verdicts, &lengths);
        let documents = by_document
            .iter()
            .enumerate()
            .filter(|(_, of_document)| of_document.iter().any(|ms| !ms.is_empty()))
            .map(|(document, of_document)| {
                let id = project.documents[document].id.clone();
                (id, agreement(&reviewers, of_document, &kinds, verdicts, &lengths))
            })
            .collect();
        Report { reviewers, kinds, documents, overall, confusion, disagreements }
    }
}

/// The project's reviewers who marked claims (not counting the adjudicated set), in
/// project order: those [`Report::new`] compares when given none.
pub fn reviewers_with_marks(project: &Project) -> Vec<ReviewerId> {
    let marked: std::collections::HashSet<&ReviewerId> =
        project.claims.iter().filter(|c| !c.adjudicated).filter_map(|c| c.reviewer.as_ref()).collect();
    project.reviewers.iter().map(|r| &r.id).filter(|id| marked.contains(id)).cloned().collect()
}

/// Every place in `document` where reviewer `a` or `b` marked something, in the order
/// of the claims: each overlapping pair of their marks (alike, or a [`Disagreement`] in
/// span, kind or verdict; see [`Disagreement::agrees`]) and each mark only one of them
/// made. The adjudicated set is left out, as in [`Report::new`].
pub fn places(project: &Project, a: &ReviewerId, b: &ReviewerId, document: &DocumentId) -> Vec<Disagreement> {
    let (marks, _, _) = rated_marks(project, &[a.clone(), b.clone()], Some(std::slice::from_ref(document)));
    let (ma, mb) = (plain(&marks[0]), plain(&marks[1]));
    let matched = spans::matches(&ma, &mb, Matching::Overlap);
    places_of(project, &marks[0], &marks[1], &matched, true)
}

/// Each reviewer's marks (by the position of `reviewers`) over `documents` (all when
/// `None`), in claim order; the kinds coded (the taxonomy's, then any other kind a claim
/// has); and how many verdicts are rated and how many of them are on the scale.
fn rated_marks(
    project: &Project,
    reviewers: &[ReviewerId],
    documents: Option<&[DocumentId]>,
) -> (Vec<Vec<Rated>>, Vec<LabelId>, (usize, usize)) {
    let mut kinds: Vec<LabelId> = project.taxonomy.claim_kinds.iter().map(|k| k.id.clone()).collect();
    let mut kind_codes: HashMap<LabelId, usize> =
        kinds.iter().enumerate().map(|(i, k)| (k.clone(), i)).collect();
    let (rated, scale) = verdict_codes(project);
    let document_codes = project.document_positions();
    let wanted = |id: &DocumentId| documents.is_none_or(|ds| ds.contains(id));
    let reviewer_codes: HashMap<&ReviewerId, usize> =
        reviewers.iter().enumerate().map(|(i, r)| (r, i)).collect();
    let mut marks: Vec<Vec<Rated>> = vec![Vec::new(); reviewers.len()];
    let mut rate = |position: usize, claim: &Claim| -> Option<(usize, Rated)> {
        // The adjudicated set is the editor's settled version, not a reviewer's marks.
        if claim.adjudicated {
            return None;
        }
        let reviewer = *reviewer_codes.get(claim.reviewer.as_ref()?)?;
        let document = *document_codes.get(&claim.document)?;
        if !wanted(&claim.document) {
            return None;
        }
        let next = kind_codes.len();
        let kind = *kind_codes.entry(claim.kind.clone()).or_insert_with(|| {
            kinds.push(claim.kind.clone());
            next
        });
        let verdict = rated.get(&claim.verdict).copied();
        let on_scale = scale.get(&claim.verdict).copied();
        let mark = Mark { document, span: claim.span, kind };
        Some((reviewer, Rated { mark, verdict, on_scale, claim: position }))
    };
    for (position, claim) in project.claims.iter().enumerate() {
        if let Some((reviewer, rated)) = rate(position, claim) {
            marks[reviewer].push(rated);
        }
    }
    let verdicts = (rated.len(), scale.len());
    (marks, kinds, verdicts)
}

/// Where the marks `a` and `b` of two reviewers (matched in `pairs`) disagree, in the
/// order of the claims; with `agreements`, also the pairs that agree.
fn places_of(
    project: &Project,
    a: &[Rated],
    b: &[Rated],
    pairs: &[(usize, usize)],
    agreements: bool,
) -> Vec<Disagreement> {
    let (mut paired_a, mut paired_b) = (vec![false; a.len()], vec![false; b.len()]);
    let id = |rated: &Rated| project.claims[rated.claim].id.clone();
    let document = |rated: &Rated| project.claims[rated.claim].document.clone();
    // (the first claim's position, the disagreement)
    let mut found: Vec<(usize, Disagreement)> = Vec::new();
    for &(i, j) in pairs {
        (paired_a[i], paired_b[j]) = (true, true);
        let (x, y) = (&a[i], &b[j]);
        let span = x.mark.span != y.mark.span;
        let kind = x.mark.kind != y.mark.kind;
        let verdict = matches!((x.verdict, y.verdict), (Some(v), Some(w)) if v != w);
        if span || kind || verdict || agreements {
            let (a, b) = (Some(id(x)), Some(id(y)));
            let disagreement = Disagreement { document: document(x), a, b, span, kind, verdict };
            found.push((x.claim.min(y.claim), disagreement));
        }
    }
    let alone = |rated: &Rated, first: bool| {
        let (a, b) = if first { (Some(id(rated)), None) } else { (None, Some(id(rated))) };
        let disagreement =
            Disagreement { document: document(rated), a, b, span: false, kind: false, verdict: false };
        (rated.claim, disagreement)
    };
    found.extend(a.iter().zip(&paired_a).filter(|(_, p)| !**p).map(|(r, _)| alone(r, true)));
    found.extend(b.iter().zip(&paired_b).filter(|(_, p)| !**p).map(|(r, _)| alone(r, false)));
    found.sort_by_key(|(position, _)| *position);
    found.into_iter().map(|(_, d)| d).collect()
}

fn plain(marks: &[Rated]) -> Vec<Mark> {
    marks.iter().map(|r| r.mark).collect()
}

/// Each pair of reviewer positions, the first first.
fn pairs_of(reviewers: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..reviewers).flat_map(move |a| (a + 1..reviewers).map(move |b| (a, b)))
}

/// The verdicts' codes: every verdict but the first ("unverified", missing data), and
/// the scale from true to false: those verdicts up to the one with the id `false` (when
/// there is one; "unsupported", after it, is a finding about the evidence, not a point
/// between true and false).
fn verdict_codes(project: &Project) -> (HashMap<&LabelId, usize>, HashMap<&LabelId, usize>) {
    let verdicts = project.taxonomy.verdicts.get(1..).unwrap_or_default();
    let rated = verdicts.iter().enumerate().map(|(i, v)| (&v.id, i)).collect();
    let last = verdicts.iter().position(|v| v.id.as_str() == "false").map_or(verdicts.len(), |f| f + 1);
    let scale = verdicts[..last].iter().enumerate().map(|(i, v)| (&v.id, i)).collect();
    (rated, scale)
}

/// `verdicts`: how many verdicts are rated, and how many of them are on the scale.
fn agreement(
    reviewers: &[ReviewerId],
    marks: &[Vec<Rated>],
    kind_ids: &[LabelId],
    verdicts: (usize, usize),
    lengths: &[u64],
) -> Agreement {
    let kinds = kind_ids.len();
    let pairs = pairs_of(reviewers.len())
        .map(|(a, b)| {
            let (ma, mb) = (plain(&marks[a]), plain(&marks[b]));
            let per_kind = (0..kinds)
                .map(|k| {
                    let exact = spans::scores(&ma, &mb, Matching::Exact, Some(k));
                    (kind_ids[k].clone(), exact, spans::scores(&ma, &mb, Matching::Overlap, Some(k)))
                })
                .collect();
            let matched = spans::matches(&ma, &mb, Matching::Overlap);
            let overlap = Scores { matched: matched.len(), reference: ma.len(), other: mb.len() };
            let kind_pairs: Vec<(usize, usize)> =
                matched.iter().map(|&(i, j)| (ma[i].kind, mb[j].kind)).collect();
            let verdict_pairs: Vec<(usize, usize)> = matched
                .iter()
                .filter_map(|&(i, j)| Some((marks[a][i].verdict?, marks[b][j].verdict?)))
                .collect();
            Pair {
                a: reviewers[a].clone(),
                b: reviewers[b].clone(),
                exact: spans::scores(&ma, &mb, Matching::Exact, None),
                overlap,
                per_kind,
                kind_kappa: measures::cohen_kappa(&kind_pairs, kinds),
                verdict_kappa: measures::cohen_kappa(&verdict_pairs, verdicts.0),
            }
        })
        .collect();
    let units = units(marks);
    let everyone = marks.len();
    let complete: Vec<&Vec<Option<Rated>>> = units.iter().filter(|u| u.iter().all(Option::is_some)).collect();
    let kind_counts: Vec<Vec<usize>> = complete
        .iter()
        .map(|unit| {
            let mut counts = vec![0; kinds];
            unit.iter().flatten().for_each(|r| counts[r.mark.kind] += 1);
            counts
        })
        .collect();
    let values = |value: fn(&Rated) -> Option<usize>| -> Vec<Vec<usize>> {
        units.iter().map(|unit| unit.iter().flatten().filter_map(value).collect()).collect()
    };
    Agreement {
        pairs,
        units_all_marked: complete.len(),
        units: units.len(),
        kind_fleiss: if everyone >= 2 { measures::fleiss_kappa(&kind_counts) } else { None },
        kind_alpha: measures::krippendorff_alpha(&values(|r| Some(r.mark.kind)), kinds, Metric::Nominal),
        verdict_alpha: measures::krippendorff_alpha(&values(|r| r.on_scale), verdicts.1, Metric::Ordinal),
        unitizing_alpha: unitizing_alpha(marks, kinds, lengths),
    }
}

/// α_u over the documents the marks are in, laid end to end in project order.
fn unitizing_alpha(marks: &[Vec<Rated>], kinds: usize, lengths: &[u64]) -> Option<f64> {
    let mut marked: Vec<usize> = marks.iter().flatten().map(|r| r.mark.document).collect();
    marked.sort_unstable();
    marked.dedup();
    let mut offsets = HashMap::with_capacity(marked.len());
    let mut length = 0;
    for document in marked {
        offsets.insert(document, length);
        length += lengths.get(document).copied().unwrap_or(0);
    }
    let coders: Vec<Vec<Unit>> = marks
        .iter()
        .map(|own| {
            let unit = |r: &Rated| {
                let offset = offsets[&r.mark.document];
                let (start, end) = (r.mark.span.start as u64, r.mark.span.end as u64);
                Unit { start: offset + start, end: offset + end, category: r.mark.kind }
            };
            own.iter().map(unit).collect()
        })
        .collect();
    unitizing::unitizing(length, &coders, kinds).alpha()
}

/// The units: groups of marks that overlap (through one another) across reviewers, per
/// document, with each reviewer's first mark in the group (`None` where they have none).
fn units(marks: &[Vec<Rated>]) -> Vec<Vec<Option<Rated>>> {
    let mut all: Vec<(usize, Rated)> =
        marks.iter().enumerate().flat_map(|(r, ms)| ms.iter().map(move |m| (r, *m))).collect();
    all.sort_by_key(|(r, m)| (m.mark.document, m.mark.span.start, m.mark.span.end, *r));
    let mut units: Vec<Vec<Option<Rated>>> = Vec::new();
    let mut reach: Option<(usize, usize)> = None;
    for (reviewer, rated) in all {
        let Mark { document, span, .. } = rated.mark;
        let joins = reach.is_some_and(|(d, end)| d == document && span.start < end);
        if !joins {
            units.push(vec![None; marks.len()]);
        }
        let end = reach.filter(|_| joins).map_or(span.end, |(_, end)| end.max(span.end));
        reach = Some((document, end));
        let unit = units.last_mut().expect("a unit");
        if unit[reviewer].is_none() {
            unit[reviewer] = Some(rated);
        }
    }
    units
}

#[cfg(test)]
mod tests {
    use super::super::close;
    use super::*;
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::model::{Document, Reviewer, Taxonomy, Timestamp};

    const TEXT: &str = "Ten thousand troops left. The war cost two trillion dollars. It ended in 2021.";

    /// Two documents with the same text; claims as (reviewer, document, start, end, kind,
    /// verdict).
    fn project(claims: &[(&str, usize, usize, usize, &str, &str)]) -> Project {
        let mut project = Project::new("agree", Taxonomy::builtin());
        for d in 0..2 {
            project.documents.push(Document::new(DocumentId::new(format!("doc-{d}")), "D", TEXT));
        }
        for name in ["ana", "ben", "cy"] {
            project.reviewers.push(Reviewer { id: ReviewerId::new(name), name: name.into() });
        }
        for (n, &(reviewer, document, start, end, kind, verdict)) in claims.iter().enumerate() {
            let span = CharSpan::new(start, end);
            let mut claim = Claim::new(
                crate::model::ClaimId::new(format!("claim-{n}")),
                DocumentId::new(format!("doc-{document}")),
                span,
                QuoteSelector::capture(TEXT, span).unwrap(),
                LabelId::new(kind),
                LabelId::new(verdict),
                Timestamp::from_unix(0),
            );
            claim.reviewer = Some(ReviewerId::new(reviewer));
            project.claims.push(claim);
        }
        project
    }

    #[test]
    fn two_reviewers_compared_by_hand() {
        // Ana: three claims in doc-0. Ben: the first the same, the second longer and of
        // another kind, the third missed, one of his own in doc-1.
        let project = project(&[
            ("ana", 0, 0, 12, "statistic", "true"),
            ("ana", 0, 26, 59, "money", "false"),
            ("ana", 0, 64, 78, "event", "true"),
            ("ben", 0, 0, 12, "statistic", "true"),
            ("ben", 0, 26, 60, "statistic", "misleading"),
            ("ben", 1, 0, 12, "statistic", "unverified"),
        ]);
        let report = Report::new(&project, None, None);
        assert_eq!(report.reviewers, [ReviewerId::new("ana"), ReviewerId::new("ben")]);
        let pair = &report.overall.pairs[0];
        // Exact: 1 of Ana's 3 and of Ben's 3. Overlap: 2.
        assert_eq!(pair.exact, Scores { matched: 1, reference: 3, other: 3 });
        assert_eq!(pair.overlap, Scores { matched: 2, reference: 3, other: 3 });
        let statistic = pair.per_kind.iter().find(|(k, ..)| k.as_str() == "statistic").unwrap();
        assert_eq!(statistic.2, Scores { matched: 1, reference: 1, other: 3 });
        // Kinds of the two overlapping pairs: (statistic, statistic), (money, statistic).
        // p_o = 1/2; Ana's shares statistic 1/2, money 1/2; Ben's statistic 1: p_e = 1/2,
        // so kappa = 0.
        close(pair.kind_kappa, 0.0);
        // Verdicts: (true, true) and (false, misleading): p_o = 1/2, p_e = 1/2·1/2 (true)
        // + 0 = 1/4 -> kappa = (0.5 - 0.25) / 0.75 = 1/3.
        close(pair.verdict_kappa, 1.0 / 3.0);
        // Units: doc-0 [0,12] both, [26,60] both, [64,78] Ana; doc-1 [0,12] Ben.
        assert_eq!((report.overall.units, report.overall.units_all_marked), (4, 2));
        // Per document: doc-0 has all three of Ana's and two of Ben's.
        assert_eq!(report.documents.len(), 2);
        assert_eq!(report.documents[0].1.pairs[0].overlap, Scores { matched: 2, reference: 3, other: 2 });
        assert_eq!(report.documents[1].1.pairs[0].overlap, Scores { matched: 0, reference: 0, other: 1 });
        // The confusion of kinds: statistic/statistic 1, money/statistic 1, event/none 1,
        // none/statistic 1.
        let kinds = &report.kinds;
        let at = |k: &str| kinds.iter().position(|x| x.as_str() == k).unwrap();
        let matrix = &report.confusion[0];
        let none = kinds.len();
        assert_eq!(matrix[at("statistic")][at("statistic")], 1);
        assert_eq!(matrix[at("money")][at("statistic")], 1);
        assert_eq!(matrix[at("event")][none], 1);
        assert_eq!(matrix[none][at("statistic")], 1);
        assert_eq!(matrix.iter().flatten().sum::<usize>(), 4);
        // α_u: the two documents end to end, doc-1's marks after doc-0's text.
        let n = TEXT.chars().count() as u64;
        let kind = |k: &str| at(k);
        let ana = vec![
            Unit { start: 0, end: 12, category: kind("statistic") },
            Unit { start: 26, end: 59, category: kind("money") },
            Unit { start: 64, end: 78, category: kind("event") },
        ];
        let ben = vec![
            Unit { start: 0, end: 12, category: kind("statistic") },
            Unit { start: 26, end: 60, category: kind("statistic") },
            Unit { start: n, end: n + 12, category: kind("statistic") },
        ];
        let expected = unitizing::unitizing(2 * n, &[ana, ben], kinds.len()).alpha();
        assert!(expected.is_some());
        assert_eq!(report.overall.unitizing_alpha, expected);
        // Where they disagree: the money claim (span, kind, verdict), the missed event,
        // Ben's own claim in doc-1; the first claim they agree on is not listed.
        let found: Vec<String> = report.disagreements[0]
            .iter()
            .map(|d| {
                let id = |c: &Option<ClaimId>| c.as_ref().map_or("-".to_owned(), |c| c.to_string());
                format!("{} {} {} {} {}", id(&d.a), id(&d.b), d.span, d.kind, d.verdict)
            })
            .collect();
        assert_eq!(
            found,
            ["claim-1 claim-4 true true true", "claim-2 - false false false", "- claim-5 false false false"]
        );
    }

    #[test]
    fn unsupported_is_a_verdict_for_kappa_and_off_the_true_to_false_scale() {
        let project = project(&[
            ("ana", 0, 0, 12, "statistic", "true"),
            ("ben", 0, 0, 12, "statistic", "true"),
            ("ana", 0, 26, 59, "money", "unsupported"),
            ("ben", 0, 26, 59, "money", "false"),
            ("ana", 0, 64, 78, "event", "false"),
            ("ben", 0, 64, 78, "event", "false"),
        ]);
        let overall = Report::new(&project, None, None).overall;
        // Nominal: (t,t) (u,f) (f,f): p_o = 2/3; Ana t u f a third each, Ben t 1/3 and
        // f 2/3: p_e = 1/9 + 2/9 = 1/3; kappa = (2/3 - 1/3) / (2/3) = 0.5.
        close(overall.pairs[0].verdict_kappa, 0.5);
        // Ordinal: "unsupported" is missing, so the units left, (t,t) and (f,f), agree.
        close(overall.verdict_alpha, 1.0);
    }

    #[test]
    fn three_reviewers_give_fleiss_and_alpha_over_units() {
        // Two units all three marked: kinds (s, s, s) and (m, m, s); one unit two marked.
        let project = project(&[
            ("ana", 0, 0, 12, "statistic", "true"),
            ("ben", 0, 0, 12, "statistic", "true"),
            ("cy", 0, 2, 12, "statistic", "mostly-true"),
            ("ana", 0, 26, 59, "money", "false"),
            ("ben", 0, 30, 59, "money", "false"),
            ("cy", 0, 26, 40, "statistic", "unverified"),
            ("ana", 0, 64, 78, "event", "true"),
            ("cy", 0, 64, 78, "event", "true"),
        ]);
        let report = Report::new(&project, None, None);
        let overall = &report.overall;
        assert_eq!(overall.pairs.len(), 3);
        assert_eq!((overall.units, overall.units_all_marked), (3, 2));
        // Fleiss over the two complete units, counts (3,0) and (1,2) over statistic and
        // money: P = (1 + 1/3) / 2 = 2/3; shares s = 4/6, m = 2/6: P_e = 5/9;
        // kappa = (2/3 - 5/9) / (4/9) = 0.25.
        close(overall.kind_fleiss, 0.25);
        // Alpha on kinds, by hand: units (s,s,s), (m,m,s), (e,e). Coincidences (each
        // ordered pair in a unit of m values weighs 1/(m-1)): o_ss = 6/2 = 3, o_mm = 2/2
        // = 1, o_ms = o_sm = 2/2 = 1, o_ee = 2. n_s = 4, n_m = 2, n_e = 2, n = 8.
        // alpha = 1 - (n-1) (o_ms + o_sm) / (sum over c != k of n_c n_k)
        //       = 1 - 7 · 2 / (2 · (4·2 + 4·2 + 2·2)) = 1 - 14/40 = 0.65.
        close(overall.kind_alpha, 0.65);
        // Alpha on verdicts, ordinal (true 0, mostly-true 1, ..., false 4; unverified is
        // missing): units (0,0,1), (4,4), (0,0). o_00 = 1 + 2 = 3, o_01 = o_10 = 1,
        // o_44 = 2; n_0 = 4, n_1 = 1, n_4 = 2, n = 7. Squared ordinal distances:
        // d01 = (5 - 2.5)^2 = 6.25, d04 = (7 - 3)^2 = 16, d14 = (3 - 1.5)^2 = 2.25.
        // alpha = 1 - 6 · (2 · 6.25) / (2 · (4·1·6.25 + 4·2·16 + 1·2·2.25)) = 1 - 75/315.
        close(overall.verdict_alpha, 1.0 - 75.0 / 315.0);
        assert!(overall.unitizing_alpha.is_some_and(|a| a < 1.0), "the cuts differ");
        // Only two of them, by name, and one document.
        let chosen = [ReviewerId::new("ana"), ReviewerId::new("cy")];
        let only = Report::new(&project, Some(&chosen), Some(&[DocumentId::new("doc-0")]));
        assert_eq!(only.overall.pairs.len(), 1);
        assert_eq!(only.overall.pairs[0].overlap, Scores { matched: 3, reference: 3, other: 3 });
    }
}
