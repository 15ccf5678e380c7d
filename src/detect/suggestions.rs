//! The detector inside a project: a ranker trained on the project's own decisions, the
//! suggestions left for a document (candidates no claim covers and no reviewer turned
//! down), and the edits that accept or reject one.
//!
//! What the ranker learns from, per document: a candidate a claim overlaps is a "yes"; a
//! candidate on a rejected span is a "no"; in a document with claims, a candidate no claim
//! overlaps is a "no" too (the reviewer went past it). A document with neither claims nor
//! rejections teaches nothing, and claims `detect --apply` marked count as none. With
//! too few answers the rules' own scores stand
//! ([`Ranker::Rules`]).

use super::eval::Sorted;
use super::rank::{self, Ranker};
use super::{Candidate, candidates};
use crate::edit::{ClaimRequest, Edit, MarkError, mark_claim, reviewer_of};
use crate::model::{
    Attribution, ClaimId, Document, DocumentId, IdAllocator, LabelId, LabelSet, Origin, Project, Rejection,
    Timestamp,
};
use crate::text::CharSpan;
use std::collections::HashSet;

/// The training examples of `project`: each candidate of each document with claims or
/// rejections, with its answer (see the module's documentation).
pub fn examples(project: &Project) -> Vec<([f32; rank::FEATURES], bool)> {
    let mut by_document: std::collections::HashMap<&str, (Vec<CharSpan>, HashSet<CharSpan>)> =
        std::collections::HashMap::new();
    // A claim `detect --apply` made is no reviewer's decision.
    for claim in project.claims.iter().filter(|c| c.origin != Origin::Detected) {
        by_document.entry(claim.document.as_str()).or_default().0.push(claim.span);
    }
    for rejection in &project.rejections {
        by_document.entry(rejection.document.as_str()).or_default().1.insert(rejection.span);
    }
    let mut out = Vec::new();
    for document in &project.documents {
        let Some((marked, rejected)) = by_document.get(document.id.as_str()) else { continue };
        let covered = Sorted::new(marked.iter().copied());
        for candidate in candidates(&document.text) {
            let yes = covered.any_overlaps(candidate.span);
            // Without claims in the document only a rejection says "no".
            if yes || !marked.is_empty() || rejected.contains(&candidate.span) {
                out.push((
                    rank::features(&document.text, &candidate),
                    yes && !rejected.contains(&candidate.span),
                ));
            }
        }
    }
    out
}

/// The ranker trained on `project`'s decisions.
pub fn train(project: &Project) -> Ranker {
    Ranker::train(&examples(project))
}

/// The suggestions for `document` of `project`: its candidates scored by `ranker`, at
/// least `min_score`, that no claim overlaps and no reviewer rejected (by span), the
/// best of overlapping ones ([`best_of_overlapping`]), in text order.
pub fn suggestions(
    project: &Project,
    document: &Document,
    ranker: &Ranker,
    min_score: f32,
) -> Vec<Candidate> {
    let claims = project.claims_in(&document.id).map(|c| c.span);
    let rejected = project.rejections.iter().filter(|r| r.document == document.id).map(|r| r.span);
    suggestions_in(&document.text, claims, rejected.collect(), ranker, min_score)
}

/// [`suggestions`] from a text, its claims' spans and its rejected spans (what a thread
/// needs of a project).
pub fn suggestions_in(
    text: &str,
    claims: impl Iterator<Item = CharSpan>,
    rejected: HashSet<CharSpan>,
    ranker: &Ranker,
    min_score: f32,
) -> Vec<Candidate> {
    let covered = Sorted::new(claims);
    let found: Vec<Candidate> = candidates(text)
        .into_iter()
        .filter(|c| !rejected.contains(&c.span) && !covered.any_overlaps(c.span))
        .filter_map(|mut c| {
            c.score = ranker.score(&rank::features(text, &c));
            (c.score >= min_score).then_some(c)
        })
        .collect();
    best_of_overlapping(found)
}

/// How many decisions the ranker can learn from: claims not marked by `detect --apply`,
/// and rejections. The app retrains when this has moved on.
pub fn decisions(project: &Project) -> usize {
    project.claims.iter().filter(|c| c.origin != Origin::Detected).count() + project.rejections.len()
}

/// How a suggestion is taken: as a claim of which kind, and of which origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Take {
    /// The claim kind (the suggestion's own, or the one the reviewer chose).
    pub kind: LabelId,
    /// Suggested (a reviewer accepted it) or detected (`detect --apply`).
    pub origin: Origin,
}

/// The edit that accepts `candidate` of `document` as a claim of `kind` (its own kind, or
/// the one the reviewer chose), of `origin` (suggested, or detected for `detect
/// --apply`) and marked by `reviewer`: the
/// candidate's claimant guess, attributed when there is one. Refused as a hand-made mark
/// would be (a claim of this kind on the span already, a kind not in the taxonomy).
pub fn accept(
    project: &Project,
    ids: &mut IdAllocator,
    document: &Document,
    candidate: &Candidate,
    take: Take,
    reviewer: Option<&str>,
    at: Timestamp,
) -> Result<(Edit, ClaimId), MarkError> {
    let Take { kind, origin } = take;
    let mut request = ClaimRequest::new(document.id.clone(), candidate.span, kind);
    claimant_of(project, document, candidate, &mut request);
    request.reviewer = reviewer.map(str::to_owned);
    request.origin = origin;
    mark_claim(project, ids, request, at)
}

/// The claimant of a claim made from `candidate`, as the guideline names it: the speaker
/// the detector found (the claim attributed to them), or else the outlet of the
/// document, in whose own voice it stands (asserted); none when the outlet is unknown.
fn claimant_of(project: &Project, document: &Document, candidate: &Candidate, request: &mut ClaimRequest) {
    match &candidate.claimant {
        Some(speaker) => {
            request.claimant.clone_from(speaker);
            request.attribution = Attribution::Attributed;
        }
        None => {
            request.claimant = project.outlet_of(document).map(|o| o.name.clone()).unwrap_or_default();
            request.attribution = Attribution::Asserted;
        }
    }
}

/// The edit that records `candidate` of `document` as turned down by `reviewer` (a
/// reviewer record is added for a new name): the span is not suggested again.
pub fn reject(
    project: &Project,
    ids: &mut IdAllocator,
    document: &Document,
    candidate: &Candidate,
    reviewer: Option<&str>,
    at: Timestamp,
) -> Edit {
    let mut edits = Vec::new();
    let reviewer = reviewer_of(project, ids, reviewer, &mut edits);
    let rejection = Rejection {
        document: document.id.clone(),
        span: candidate.span,
        kind: LabelId::new(candidate.kind.id()),
        reviewer,
        at,
    };
    edits.push(Edit::Rejections { add: vec![rejection], remove: Vec::new(), restore: Vec::new() });
    if edits.len() == 1 { edits.remove(0) } else { Edit::Batch(edits) }
}

/// What [`apply_all`] marked.
#[derive(Debug, Default)]
pub struct Applied {
    /// The edit: the reviewer's record when new, and the claims, each inserted at its
    /// place in document order (one batch, applied in time linear in the project).
    pub edit: Option<Edit>,
    /// Each claim made, with its candidate and document.
    pub claims: Vec<(ClaimId, DocumentId, Candidate)>,
    /// Candidates left out because the project's taxonomy lacks their kind.
    pub unknown_kinds: usize,
}

/// `detect --apply`: the suggestions of `documents` (those no claim covers and no one
/// rejected, the best of overlapping ones) as claims of origin [`Origin::Detected`] by
/// `reviewer`, made `at`. In time linear in the project and the suggestions: each
/// document's text is indexed once, and the claims go in at their places in one batch.
/// `None` edit when there is nothing to mark.
pub fn apply_all(
    project: &Project,
    ids: &mut IdAllocator,
    documents: &[DocumentId],
    (ranker, min_score): (&Ranker, f32),
    reviewer: Option<&str>,
    at: Timestamp,
) -> Applied {
    let mut applied = Applied::default();
    let mut new_claims = Vec::new();
    let mut edits = Vec::new();
    let default_verdict =
        project.taxonomy.default_verdict().cloned().unwrap_or_else(|| LabelId::new("unverified"));
    let mut reviewer_id = None;
    for id in documents {
        let Some(document) = project.document(id) else { continue };
        let found = suggestions(project, document, ranker, min_score);
        let index = crate::anchor::CharIndex::new(&document.text);
        for candidate in found {
            let kind = LabelId::new(candidate.kind.id());
            if !project.taxonomy.contains(LabelSet::ClaimKind, &kind) {
                applied.unknown_kinds += 1;
                continue;
            }
            let Some(quote) = crate::anchor::QuoteSelector::capture_indexed(&index, candidate.span) else {
                continue;
            };
            if reviewer_id.is_none() {
                reviewer_id = Some(reviewer_of(project, ids, reviewer, &mut edits));
            }
            let mut request = ClaimRequest::new(id.clone(), candidate.span, kind);
            claimant_of(project, document, &candidate, &mut request);
            request.origin = Origin::Detected;
            let claim_id = ClaimId::new(ids.next(crate::model::prefix::CLAIM));
            let claim = request.into_claim(
                claim_id.clone(),
                quote,
                default_verdict.clone(),
                reviewer_id.clone().flatten(),
                at.clone(),
            );
            new_claims.push(claim);
            applied.claims.push((claim_id, id.clone(), candidate));
        }
    }
    if new_claims.is_empty() {
        return applied;
    }
    // Every claim in document order, then an insert at its final place for each new one.
    let positions = project.document_positions();
    let rank = |c: &crate::model::Claim| (positions.get(&c.document).copied(), c.span.start, c.span.end);
    let new_ids: HashSet<ClaimId> = new_claims.iter().map(|c| c.id.clone()).collect();
    let mut all: Vec<crate::model::Claim> = project.claims.clone();
    all.extend(new_claims);
    all.sort_by_cached_key(rank);
    for (index, claim) in all.into_iter().enumerate() {
        if new_ids.contains(&claim.id) {
            edits.push(Edit::Claim(crate::edit::RecordEdit::Insert { index, record: claim }));
        }
    }
    applied.edit = Some(Edit::Batch(edits));
    applied
}

/// Of `found`, the best scored of each set of overlapping candidates (a span is proposed
/// once, as one kind: claims do not nest, as the guideline says), in text order. Best
/// score first, each one that overlaps none taken before it; in time `k log k`.
pub fn best_of_overlapping(mut found: Vec<Candidate>) -> Vec<Candidate> {
    found.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.span.start.cmp(&b.span.start)));
    // The spans taken, by start: disjoint, so the one starting last before a span's end
    // is the only one that can overlap it.
    let mut taken: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    let mut kept = Vec::with_capacity(found.len());
    for candidate in found {
        let span = candidate.span;
        let clash = taken.range(..span.end).next_back().is_some_and(|(_, &end)| end > span.start);
        if !clash {
            taken.insert(span.start, span.end);
            kept.push(candidate);
        }
    }
    kept.sort_by_key(|c| (c.span.start, c.span.end));
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::model::{Claim, Reviewer, ReviewerId, Taxonomy};

    /// A project of the Sputnik passage with one claim, on the money.
    fn project() -> Project {
        let mut project = Project::new("p", Taxonomy::builtin());
        project.documents.push(Document::new("d".into(), "t", super::super::tests::SULTAN));
        project
    }

    fn candidate_on(project: &Project, quote: &str) -> Candidate {
        let text = &project.documents[0].text;
        let all = suggestions(project, &project.documents[0], &Ranker::Rules, 0.0);
        all.into_iter().find(|c| c.quote(text) == quote).unwrap_or_else(|| panic!("no suggestion “{quote}”"))
    }

    #[test]
    fn accepting_marks_a_suggested_claim_with_the_speaker_and_undo_takes_it_back() {
        let mut project = project();
        let mut ids = IdAllocator::for_project(&project);
        let fighters = candidate_on(&project, "between 3,000 to 5,000 ISIS-K* fighters");
        let document = project.documents[0].clone();
        let (edit, id) = accept(
            &project,
            &mut ids,
            &document,
            &fighters,
            Take { kind: "statistic".into(), origin: Origin::Suggested },
            Some("Amina"),
            Timestamp::now(),
        )
        .unwrap();
        let before = project.clone();
        let mut history = History::new();
        history.apply(&mut project, edit, "accept", None).unwrap();
        let claim: &Claim = project.claim(&id).unwrap();
        assert_eq!(claim.origin, Origin::Suggested);
        assert_eq!(claim.kind.as_str(), "statistic");
        assert_eq!((claim.claimant.as_str(), claim.attribution), ("Maria Sultan", Attribution::Attributed));
        assert_eq!(project.reviewer_by_name("Amina").map(|r| &r.id), claim.reviewer.as_ref());
        // Covered now: not suggested again, in any kind.
        let left = suggestions(&project, &project.documents[0], &Ranker::Rules, 0.0);
        assert!(left.iter().all(|c| !c.span.overlaps(&fighters.span)), "{left:#?}");
        history.undo(&mut project);
        assert_eq!(project, before);
    }

    #[test]
    fn a_rejected_span_is_never_suggested_again_and_undo_brings_it_back() {
        let mut project = project();
        project.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-1"), name: "Amina".into() });
        let mut ids = IdAllocator::for_project(&project);
        let money = candidate_on(&project, "over $7 billion in American military equipment");
        let document = project.documents[0].clone();
        let before = project.clone();
        let shown = suggestions(&project, &project.documents[0], &Ranker::Rules, 0.0);
        let edit = reject(&project, &mut ids, &document, &money, Some("Amina"), Timestamp::now());
        let mut history = History::new();
        history.apply(&mut project, edit, "reject", None).unwrap();
        assert_eq!(project.rejections.len(), 1);
        assert_eq!(project.rejections[0].reviewer, Some(ReviewerId::new("reviewer-1")));
        assert_eq!(project.rejections[0].kind.as_str(), "money");
        assert!(crate::store::integrity::check(&project).is_empty());
        let left = suggestions(&project, &project.documents[0], &Ranker::Rules, 0.0);
        assert!(!left.iter().any(|c| c.span == money.span), "{left:#?}");
        // Every other suggestion stays: a rejection is of one span.
        for other in shown.iter().filter(|c| c.span != money.span) {
            assert!(left.contains(other), "{other:?} went with the rejection");
        }
        history.undo(&mut project);
        assert_eq!(project, before);
        history.redo(&mut project);
        assert_eq!(project.rejections.len(), 1);
    }

    #[test]
    fn a_rejection_of_a_kind_the_taxonomy_lacks_keeps_the_project_sound() {
        // A desk's own taxonomy without "money": the detector still proposes sums.
        let mut project = project();
        project.taxonomy.claim_kinds.retain(|k| k.id.as_str() != "money");
        let mut ids = IdAllocator::for_project(&project);
        let money = candidate_on(&project, "over $7 billion in American military equipment");
        let document = project.documents[0].clone();
        let edit = reject(&project, &mut ids, &document, &money, None, Timestamp::now());
        edit.apply(&mut project).unwrap();
        assert_eq!(project.rejections[0].kind.as_str(), "money");
        assert!(crate::store::integrity::check(&project).is_empty());
        let text = crate::store::to_ron_string(&project).unwrap();
        assert_eq!(crate::store::parse(&text, std::path::Path::new("p.ron"), true).unwrap(), project);
    }

    #[test]
    fn rejections_teach_the_ranker_no_and_claims_yes() {
        // Ten documents, each the passage: claims on every money candidate, every
        // prediction rejected. The money scores rise, the rejected kind's fall.
        let mut project = Project::new("p", Taxonomy::builtin());
        let text = super::super::tests::SULTAN;
        let all = candidates(text);
        for n in 0..10 {
            let id = crate::model::DocumentId::new(format!("d{n}"));
            project.documents.push(Document::new(id.clone(), "t", text));
            for c in &all {
                if c.kind == super::super::Kind::Money {
                    let quote = crate::anchor::QuoteSelector::capture(text, c.span).unwrap();
                    let at = Timestamp::now();
                    let claim_id = ClaimId::new(format!("claim-{n}-{}", c.span.start));
                    project.claims.push(Claim::new(
                        claim_id,
                        id.clone(),
                        c.span,
                        quote,
                        "money".into(),
                        "unverified".into(),
                        at,
                    ));
                } else {
                    project.rejections.push(Rejection {
                        document: id.clone(),
                        span: c.span,
                        kind: LabelId::new(c.kind.id()),
                        reviewer: None,
                        at: Timestamp::now(),
                    });
                }
            }
        }
        let examples = examples(&project);
        assert_eq!(examples.len(), all.len() * 10);
        let ranker = train(&project);
        assert!(matches!(ranker, Ranker::Learned(_)));
        for c in &all {
            let score = ranker.score(&rank::features(text, c));
            let overlaps_money =
                all.iter().any(|m| m.kind == super::super::Kind::Money && m.span.overlaps(&c.span));
            if c.kind == super::super::Kind::Money {
                assert!(score > 0.5, "{c:?} {score}");
            } else if !overlaps_money {
                assert!(score < 0.5, "{c:?} {score}");
            }
        }
    }

    #[test]
    fn of_overlapping_candidates_the_best_scored_is_kept() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789";
        let candidate = |start: usize, end: usize, score: f32| Candidate {
            span: CharSpan::new(start, end),
            bytes: (start, end),
            kind: super::super::Kind::Event,
            claimant: None,
            score,
            reason: "r".into(),
            rule: super::super::Rule::Cue,
        };
        // A chain of overlaps: the best (12..20) takes out both neighbours, so 0..10
        // stays though it overlaps the weaker 5..15; 20..25 touches 12..20 without
        // overlapping; 22..30 overlaps the better 20..25.
        let all = vec![
            candidate(0, 10, 0.5),
            candidate(5, 15, 0.6),
            candidate(12, 20, 0.9),
            candidate(20, 25, 0.4),
            candidate(22, 30, 0.3),
            candidate(31, 36, 0.1),
        ];
        let taken = best_of_overlapping(all.clone());
        let spans: Vec<(usize, usize)> = taken.iter().map(|c| (c.span.start, c.span.end)).collect();
        assert_eq!(spans, [(0, 10), (12, 20), (20, 25), (31, 36)]);
        assert!(taken.iter().all(|c| c.quote(text).len() == c.span.len()));
    }
}
