//! Places, accepting and undoing, on a sentence marked by hand and on the fixture of
//! three reviewers.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::anchor::QuoteSelector;
use crate::model::{Document, LabelId, Reviewer};
use crate::team::agree::report::Report;

const TEXT: &str = "Officials said trade rose 40% to $1.2 billion last year.";

fn at() -> Timestamp {
    Timestamp::from_unix(1_800_000_000)
}

/// The claim of `reviewer` on the first occurrence of `quote`.
fn mark(project: &mut Project, id: &str, quote: &str, kind: &str, verdict: &str, reviewer: &str) {
    let start = TEXT[..TEXT.find(quote).unwrap()].chars().count();
    let span = CharSpan::new(start, start + quote.chars().count());
    let document = project.documents[0].id.clone();
    let mut claim = Claim::new(
        ClaimId::new(id),
        document,
        span,
        QuoteSelector::capture(TEXT, span).unwrap(),
        LabelId::new(kind),
        LabelId::new(verdict),
        at(),
    );
    claim.reviewer = Some(ReviewerId::new(reviewer));
    claim.note = format!("{reviewer}'s note");
    project.claims.push(claim);
}

/// Ana and Ben's marks of one sentence, by hand:
/// - "40%" (Ana) and "trade rose 40%" (Ben), statistics: different spans;
/// - "$1.2 billion", money, true, by both: alike;
/// - "last year" (Ben only), an event.
fn two_reviewers() -> Project {
    let mut project = Project::new("adjudication", crate::model::Taxonomy::builtin());
    project.documents.push(Document::new(DocumentId::new("d"), "Trade", TEXT));
    for (id, name) in [("ana", "Ana"), ("ben", "Ben")] {
        project.reviewers.push(Reviewer { id: ReviewerId::new(id), name: name.into() });
    }
    mark(&mut project, "a1", "40%", "statistic", "true", "ana");
    mark(&mut project, "b1", "trade rose 40%", "statistic", "true", "ben");
    mark(&mut project, "a2", "$1.2 billion", "money", "true", "ana");
    mark(&mut project, "b2", "$1.2 billion", "money", "true", "ben");
    mark(&mut project, "b3", "last year", "event", "unverified", "ben");
    project.claims.sort_by_key(|c| (c.span.start, c.span.end));
    assert!(crate::store::integrity::check(&project).is_empty());
    project
}

fn ids(project: &Project) -> IdAllocator {
    IdAllocator::for_project(project)
}

fn places_of(project: &Project) -> Vec<Place> {
    places(project, &DocumentId::new("d"), &ReviewerId::new("ana"), &ReviewerId::new("ben"))
}

/// A place as the test states it: both claims, the words, the span, settled.
type Summary = (Option<ClaimId>, Option<ClaimId>, String, CharSpan, bool);

fn id(s: &str) -> Option<ClaimId> {
    Some(ClaimId::new(s))
}

#[test]
fn places_pair_the_two_reviewers_marks_in_text_order() {
    let project = two_reviewers();
    let found = places_of(&project);
    let summary: Vec<Summary> = found
        .iter()
        .map(|p| {
            (p.outcome.a.clone(), p.outcome.b.clone(), p.outcome.describe("Ana", "Ben"), p.span, p.settled)
        })
        .collect();
    // Chars counted by hand: "trade rose 40%" is 15..29, "40%" 26..29, "$1.2 billion"
    // 33..45, "last year" 46..55.
    assert_eq!(
        summary,
        [
            (id("a1"), id("b1"), "different span".to_owned(), CharSpan::new(15, 29), false),
            (id("a2"), id("b2"), "both marked it alike".to_owned(), CharSpan::new(33, 45), false),
            (None, id("b3"), "only Ben marked it".to_owned(), CharSpan::new(46, 55), false),
        ]
    );
    assert!(found[1].outcome.agrees() && !found[0].outcome.agrees() && !found[2].outcome.agrees());
}

#[test]
fn accepting_copies_the_claim_as_the_editors_and_undo_takes_it_back() {
    let mut project = two_reviewers();
    let before = project.clone();
    let (edit, new_id) =
        accept(&project, &mut ids(&project), &ClaimId::new("b1"), None, Some("Eve"), at()).unwrap();
    let undo = edit.apply(&mut project).unwrap();
    let copy = project.claim(&new_id).unwrap().clone();
    let original = project.claim(&ClaimId::new("b1")).unwrap();
    assert!(copy.adjudicated && !original.adjudicated);
    let eve = project.reviewer_by_name("Eve").unwrap().id.clone();
    assert_eq!(copy.reviewer, Some(eve));
    // Every field of the reviewer's claim, but who marked it and when.
    let same = Claim {
        id: copy.id.clone(),
        reviewer: copy.reviewer.clone(),
        adjudicated: true,
        created: copy.created.clone(),
        modified: copy.modified.clone(),
        ..original.clone()
    };
    assert_eq!(copy, same);
    assert_eq!(copy.note, "ben's note");
    assert!(places_of(&project)[0].settled && !places_of(&project)[1].settled);
    assert!(crate::store::integrity::check(&project).is_empty());
    // The reviewers' agreement does not count the editor's claim.
    assert_eq!(Report::new(&project, None, None), Report::new(&before, None, None));
    undo.apply(&mut project).unwrap();
    assert_eq!(project, before);
}

#[test]
fn accepting_the_other_reviewers_claim_replaces_the_earlier_choice_in_one_step() {
    let mut project = two_reviewers();
    let (edit, first) =
        accept(&project, &mut ids(&project), &ClaimId::new("a1"), None, Some("Eve"), at()).unwrap();
    edit.apply(&mut project).unwrap();
    let chose_ana = project.clone();
    let (edit, second) =
        accept(&project, &mut ids(&project), &ClaimId::new("b1"), None, Some("Eve"), at()).unwrap();
    let undo = edit.apply(&mut project).unwrap();
    assert!(project.claim(&first).is_none(), "the statistic overlapping it is replaced");
    assert_eq!(project.claim(&second).unwrap().span, CharSpan::new(15, 29));
    assert_eq!(project.claims.iter().filter(|c| c.adjudicated).count(), 1);
    undo.apply(&mut project).unwrap();
    assert_eq!(project, chose_ana);
}

#[test]
fn a_settled_claim_of_another_kind_inside_is_kept_and_a_repeat_is_refused() {
    let mut project = two_reviewers();
    // A money claim inside "trade rose 40%"? None there; settle "$1.2 billion", then
    // accept Ben's statistic next to it: different places, both kept.
    let (edit, money) = accept(&project, &mut ids(&project), &ClaimId::new("a2"), None, None, at()).unwrap();
    edit.apply(&mut project).unwrap();
    assert_eq!(project.claim(&money).unwrap().reviewer, None, "no editor name: no reviewer");
    let (edit, _) = accept(&project, &mut ids(&project), &ClaimId::new("b1"), None, None, at()).unwrap();
    edit.apply(&mut project).unwrap();
    assert_eq!(project.claims.iter().filter(|c| c.adjudicated).count(), 2);
    // Ben's "$1.2 billion" is the same span, kind and verdict as the settled one.
    assert_eq!(
        accept(&project, &mut ids(&project), &ClaimId::new("b2"), None, None, at()).unwrap_err(),
        AdjudicateError::AlreadySettled(money.clone())
    );
    assert_eq!(
        accept(&project, &mut ids(&project), &money, None, None, at()).unwrap_err(),
        AdjudicateError::IsAdjudicated(money.clone())
    );
    assert_eq!(
        accept(&project, &mut ids(&project), &ClaimId::new("zz"), None, None, at()).unwrap_err(),
        AdjudicateError::NoClaim(ClaimId::new("zz"))
    );
    // With another verdict, the same span and kind is a new choice: it replaces.
    project.claims.iter_mut().find(|c| c.id.as_str() == "b2").unwrap().verdict = LabelId::new("misleading");
    let (edit, _) = accept(&project, &mut ids(&project), &ClaimId::new("b2"), None, None, at()).unwrap();
    edit.apply(&mut project).unwrap();
    assert!(project.claim(&money).is_none());
}

#[test]
fn accepting_what_both_agree_on_settles_those_places_in_document_order() {
    let mut project = two_reviewers();
    let before = project.clone();
    let pair = (&ReviewerId::new("ana"), &ReviewerId::new("ben"));
    let d = DocumentId::new("d");
    let (edit, count) = accept_agreed(&project, &mut ids(&project), &d, pair, Some("Eve"), at()).unwrap();
    assert_eq!(count, 1);
    let undo = edit.apply(&mut project).unwrap();
    let settled: Vec<&Claim> = project.claims.iter().filter(|c| c.adjudicated).collect();
    assert_eq!(settled.len(), 1);
    assert_eq!(settled[0].quote.exact, "$1.2 billion");
    let spans: Vec<(usize, usize)> = project.claims.iter().map(|c| (c.span.start, c.span.end)).collect();
    assert!(spans.is_sorted(), "{spans:?}");
    assert!(crate::store::integrity::check(&project).is_empty());
    assert!(matches!(
        accept_agreed(&project, &mut ids(&project), &d, pair, Some("Eve"), at()),
        Err(AdjudicateError::Nothing(_))
    ));
    undo.apply(&mut project).unwrap();
    assert_eq!(project, before);
}

#[test]
fn on_the_fixture_the_places_hold_every_disagreement_of_the_report() {
    let project = crate::store::parse(
        include_str!("../../../sample_projects/three-reviewers.ron"),
        std::path::Path::new("three-reviewers.ron"),
        true,
    )
    .unwrap();
    let report = Report::new(&project, None, None);
    let (a, b) = (&report.reviewers[0], &report.reviewers[1]);
    for document in &project.documents {
        let found = places(&project, &document.id, a, b);
        let disagreeing: Vec<&Disagreement> =
            found.iter().map(|p| &p.outcome).filter(|o| !o.agrees()).collect();
        let reported: Vec<&Disagreement> =
            report.disagreements[0].iter().filter(|d| d.document == document.id).collect();
        // The report's disagreements are places here too, the same pairs of claims;
        // places add those where one verdict is still "unverified" (no verdict for the
        // figures, a difference to settle here), and nothing else.
        for d in &reported {
            let place = disagreeing.iter().find(|p| p.a == d.a && p.b == d.b);
            let place = place.unwrap_or_else(|| panic!("{d:?}"));
            assert_eq!((place.span, place.kind), (d.span, d.kind));
        }
        for p in disagreeing.iter().filter(|p| !reported.iter().any(|d| d.a == p.a && d.b == p.b)) {
            assert!(p.verdict && !p.span && !p.kind, "{p:?}");
        }
    }
    // Accepting everything they agree on in every document, then all of Amina's other
    // claims: the set covers every place, and the figures stay as they were.
    let mut settled = project.clone();
    for document in &project.documents {
        if let Ok((edit, _)) =
            accept_agreed(&settled, &mut ids(&settled), &document.id, (a, b), Some("Editor"), at())
        {
            edit.apply(&mut settled).unwrap();
        }
    }
    for document in &project.documents {
        for place in places(&settled, &document.id, a, b) {
            if !place.settled {
                let chosen = place.outcome.a.clone().or(place.outcome.b.clone()).unwrap();
                let (edit, _) =
                    accept(&settled, &mut ids(&settled), &chosen, None, Some("Editor"), at()).unwrap();
                edit.apply(&mut settled).unwrap();
            }
        }
        assert!(places(&settled, &document.id, a, b).iter().all(|p| p.settled));
    }
    assert!(crate::store::integrity::check(&settled).is_empty());
    assert_eq!(Report::new(&settled, None, None), report);
}

/// A project of the sentence with `marks` (id, quote, kind, verdict, reviewer).
fn marked(marks: &[(&str, &str, &str, &str, &str)]) -> Project {
    let mut project = Project::new("adjudication", crate::model::Taxonomy::builtin());
    project.documents.push(Document::new(DocumentId::new("d"), "Trade", TEXT));
    for (id, name) in [("ana", "Ana"), ("ben", "Ben")] {
        project.reviewers.push(Reviewer { id: ReviewerId::new(id), name: name.into() });
    }
    for (id, quote, kind, verdict, reviewer) in marks {
        mark(&mut project, id, quote, kind, verdict, reviewer);
    }
    project.claims.sort_by_key(|c| (c.span.start, c.span.end));
    project
}

#[test]
fn unverified_against_a_verdict_is_a_disagreement_to_settle() {
    let project = marked(&[
        ("a", "$1.2 billion", "money", "true", "ana"),
        ("b", "$1.2 billion", "money", "unverified", "ben"),
    ]);
    let found = places_of(&project);
    assert_eq!(found.len(), 1);
    assert!(found[0].outcome.verdict && !found[0].outcome.agrees(), "{:?}", found[0]);
    assert_eq!(found[0].outcome.describe("Ana", "Ben"), "different verdict");
}

#[test]
fn a_settled_claim_nested_in_a_place_of_another_kind_does_not_settle_it() {
    // Both mark the whole statement alike; only Ana marks the percentage inside it.
    let project = marked(&[
        ("a-out", "trade rose 40% to $1.2 billion", "attributed", "unverified", "ana"),
        ("a-in", "40%", "statistic", "true", "ana"),
        ("b-out", "trade rose 40% to $1.2 billion", "attributed", "unverified", "ben"),
    ]);
    let mut project = project;
    let (edit, _) =
        accept(&project, &mut ids(&project), &ClaimId::new("a-in"), None, Some("Eve"), at()).unwrap();
    edit.apply(&mut project).unwrap();
    let found = places_of(&project);
    let outer = found.iter().find(|p| p.outcome.agrees()).unwrap();
    assert!(!outer.settled, "the statement is not settled by the number inside it");
    assert!(found.iter().any(|p| !p.outcome.agrees() && p.settled), "the number's place is");
    let pair = (&ReviewerId::new("ana"), &ReviewerId::new("ben"));
    let (edit, count) =
        accept_agreed(&project, &mut ids(&project), &DocumentId::new("d"), pair, None, at()).unwrap();
    assert_eq!(count, 1);
    edit.apply(&mut project).unwrap();
    assert!(places_of(&project).iter().all(|p| p.settled));
}

#[test]
fn the_other_reviewers_claim_replaces_the_first_choice_whatever_its_span_and_kind() {
    // "rose 40%" (Ana, a statistic) and "40% to $1.2 billion" (Ben, money) overlap: one
    // place, differing in span and kind.
    let mut project = marked(&[
        ("a", "rose 40%", "statistic", "true", "ana"),
        ("b", "40% to $1.2 billion", "money", "true", "ben"),
    ]);
    let (a, b) = (ClaimId::new("a"), ClaimId::new("b"));
    let (edit, first) = accept(&project, &mut ids(&project), &a, Some(&b), Some("Eve"), at()).unwrap();
    edit.apply(&mut project).unwrap();
    let (edit, second) = accept(&project, &mut ids(&project), &b, Some(&a), Some("Eve"), at()).unwrap();
    edit.apply(&mut project).unwrap();
    assert!(project.claim(&first).is_none(), "Ana's, settled first, is replaced");
    let settled: Vec<&ClaimId> = project.claims.iter().filter(|c| c.adjudicated).map(|c| &c.id).collect();
    assert_eq!(settled, [&second]);
}

#[test]
fn a_claim_waiting_to_be_placed_again_is_not_accepted() {
    let mut project = two_reviewers();
    for claim in project.claims.iter_mut().filter(|c| c.id.as_str() == "a2" || c.id.as_str() == "b1") {
        claim.needs_reanchoring = true;
    }
    let refused = accept(&project, &mut ids(&project), &ClaimId::new("b1"), None, Some("Eve"), at());
    assert_eq!(refused.unwrap_err(), AdjudicateError::NeedsReanchoring(ClaimId::new("b1")));
    // "$1.2 billion", which both marked alike, is Ana's flagged claim: nothing is left
    // to accept in one go.
    let pair = (&ReviewerId::new("ana"), &ReviewerId::new("ben"));
    let agreed = accept_agreed(&project, &mut ids(&project), &DocumentId::new("d"), pair, Some("Eve"), at());
    assert!(matches!(agreed, Err(AdjudicateError::Nothing(_))), "{agreed:?}");
}
