//! Every merge rule on copies of the sample, and random edits on both sides.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::anchor::CharSpan;
use crate::model::{
    ClaimId, GroupId, LabelId, OutletId, Reviewer, ReviewerId, SourceId, SourceKind, SourceLink,
};
use crate::sample::sample_project;

fn info() -> MergeInfo {
    MergeInfo { at: Timestamp::from_unix(1_800_000_000) }
}

fn sample() -> Project {
    sample_project().unwrap()
}

/// Merges and checks what every merge must give: a sound project that saves and loads
/// back the same, the same bytes on a second run.
fn merged(base: &Project, ours: &Project, theirs: &Project) -> MergeOutcome {
    let outcome = merge(base, ours, theirs, &info());
    let problems = crate::store::integrity::check(&outcome.project);
    assert!(problems.is_empty(), "{problems:#?}");
    let text = crate::store::to_ron_string(&outcome.project).unwrap();
    let again = crate::store::to_ron_string(&merge(base, ours, theirs, &info()).project).unwrap();
    assert!(text == again, "not deterministic");
    let loaded = crate::store::parse(&text, std::path::Path::new("m.ron"), true).unwrap();
    assert_eq!(loaded, outcome.project);
    outcome
}

fn claim_mut<'p>(project: &'p mut Project, id: &str) -> &'p mut Claim {
    project.claims.iter_mut().find(|c| c.id.as_str() == id).unwrap()
}

fn claim<'p>(project: &'p Project, id: &str) -> &'p Claim {
    project.claim(&ClaimId::new(id)).unwrap()
}

/// A new claim on the `n`-th word-ish stretch of the first document.
fn new_claim(project: &Project, id: &str, start: usize, len: usize, kind: &str) -> Claim {
    let document = &project.documents[0];
    let span = CharSpan::new(start, start + len);
    let quote = QuoteSelector::capture(&document.text, span).unwrap();
    Claim::new(
        ClaimId::new(id),
        document.id.clone(),
        span,
        quote,
        LabelId::new(kind),
        LabelId::new("unverified"),
        Timestamp::from_unix(1_700_000_000),
    )
}

#[test]
fn changes_to_different_fields_of_one_claim_are_both_kept() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    claim_mut(&mut ours, "claim-1").verdict = LabelId::new("false");
    claim_mut(&mut ours, "claim-1").modified = Timestamp::from_unix(1_790_000_000);
    claim_mut(&mut theirs, "claim-1").claimant = "Someone else".into();
    claim_mut(&mut theirs, "claim-1").modified = Timestamp::from_unix(1_790_000_100);
    claim_mut(&mut theirs, "claim-1").modified_by = Some(ReviewerId::new("reviewer-1"));
    let outcome = merged(&base, &ours, &theirs);
    assert_eq!(outcome.conflicts_added, 0);
    let c = claim(&outcome.project, "claim-1");
    assert_eq!((c.verdict.as_str(), c.claimant.as_str()), ("false", "Someone else"));
    // The later change says who and when.
    assert_eq!(c.modified, Timestamp::from_unix(1_790_000_100));
    assert_eq!(c.modified_by, Some(ReviewerId::new("reviewer-1")));
}

#[test]
fn both_changing_a_field_differently_keeps_ours_and_records_both() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    claim_mut(&mut ours, "claim-2").verdict = LabelId::new("false");
    claim_mut(&mut theirs, "claim-2").verdict = LabelId::new("true");
    claim_mut(&mut theirs, "claim-2").note = "checked".into();
    let outcome = merged(&base, &ours, &theirs);
    assert_eq!(outcome.conflicts_added, 1);
    let c = claim(&outcome.project, "claim-2");
    assert_eq!((c.verdict.as_str(), c.note.as_str()), ("false", "checked"));
    let conflict = &outcome.project.conflicts[0];
    assert_eq!(conflict.kind, ConflictKind::Field);
    assert_eq!(conflict.field.as_deref(), Some("verdict"));
    assert_eq!(conflict.record, RecordRef { kind: RecordKind::Claim, id: "claim-2".into() });
    let theirs_claim: Claim = ron::from_str(conflict.theirs.value.as_deref().unwrap()).unwrap();
    assert_eq!(theirs_claim.verdict.as_str(), "true");
    let base_claim: Claim = ron::from_str(conflict.base.as_deref().unwrap()).unwrap();
    assert_eq!(&base_claim, claim(&base, "claim-2"));
    assert_eq!(conflict.merged, info().at);
    assert!(conflict.id.as_str().starts_with("conflict-1-"));
    // Merged the other way round, theirs is kept.
    let other_way = merged(&base, &theirs, &ours);
    assert_eq!(claim(&other_way.project, "claim-2").verdict.as_str(), "true");
}

#[test]
fn a_delete_against_a_change_keeps_ours_and_records_both() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.claims.retain(|c| c.id.as_str() != "claim-3");
    claim_mut(&mut theirs, "claim-3").note = "their note".into();
    // An untouched claim deleted on one side is just deleted.
    theirs.claims.retain(|c| c.id.as_str() != "claim-4");
    let outcome = merged(&base, &ours, &theirs);
    assert!(outcome.project.claim(&ClaimId::new("claim-3")).is_none());
    assert!(outcome.project.claim(&ClaimId::new("claim-4")).is_none());
    assert_eq!(outcome.conflicts_added, 1);
    let conflict = &outcome.project.conflicts[0];
    assert_eq!((conflict.kind, conflict.field.as_deref()), (ConflictKind::Deleted, None));
    assert!(
        conflict.ours.value.is_none() && conflict.theirs.value.as_deref().unwrap().contains("their note")
    );
    // The other way: ours changed it, theirs deleted it; ours stays.
    let outcome = merged(&base, &theirs, &ours);
    assert_eq!(claim(&outcome.project, "claim-3").note, "their note");
    assert!(outcome.project.conflicts[0].theirs.value.is_none());
}

#[test]
fn an_outlet_renamed_on_one_side_and_changed_on_the_other_keeps_both() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.outlets[0].name = "Renamed outlet".into();
    theirs.outlets[0].notes = "their notes".into();
    theirs.outlets[1].name = "Their name".into();
    let outcome = merged(&base, &ours, &theirs);
    assert_eq!(outcome.conflicts_added, 0);
    assert_eq!(outcome.project.outlets[0].name, "Renamed outlet");
    assert_eq!(outcome.project.outlets[0].notes, "their notes");
    assert_eq!(outcome.project.outlets[1].name, "Their name");
    // Both renamed it: a conflict on the name.
    theirs.outlets[0].name = "Another name".into();
    let outcome = merged(&base, &ours, &theirs);
    assert_eq!(outcome.project.outlets[0].name, "Renamed outlet");
    assert_eq!(outcome.project.conflicts[0].field.as_deref(), Some("name"));
    assert_eq!(outcome.project.conflicts[0].record.kind, RecordKind::Outlet);
}

#[test]
fn a_moved_claim_keeps_the_other_sides_changes() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let moved = claim(&base, "claim-1").clone();
    let text = &base.document(&moved.document).unwrap().text;
    let span = CharSpan::new(moved.span.start, moved.span.end + 1);
    let c = claim_mut(&mut ours, "claim-1");
    c.span = span;
    c.quote = QuoteSelector::capture(text, span).unwrap();
    claim_mut(&mut theirs, "claim-1").verdict = LabelId::new("misleading");
    claim_mut(&mut theirs, "claim-1").frames.push(LabelId::new("morality"));
    let outcome = merged(&base, &ours, &theirs);
    assert_eq!(outcome.conflicts_added, 0);
    let c = claim(&outcome.project, "claim-1");
    assert_eq!(c.span, span);
    assert_eq!(c.verdict.as_str(), "misleading");
    assert!(c.frames.contains(&LabelId::new("morality")));
    // Moved differently on both sides: a conflict on the span, ours kept.
    let c = claim_mut(&mut theirs, "claim-1");
    let other = CharSpan::new(moved.span.start + 1, moved.span.end);
    c.span = other;
    c.quote = QuoteSelector::capture(text, other).unwrap();
    let outcome = merged(&base, &ours, &theirs);
    assert_eq!(claim(&outcome.project, "claim-1").span, span);
    assert!(outcome.project.conflicts.iter().any(|c| c.field.as_deref() == Some("span")));
}

#[test]
fn frames_and_source_links_merge_as_sets() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let c = claim_mut(&mut ours, "claim-5");
    c.frames = vec![LabelId::new("economic"), LabelId::new("morality")];
    c.sources.push(SourceLink { source: SourceId::new("source-1"), relation: LabelId::new("supports") });
    let c = claim_mut(&mut theirs, "claim-5");
    c.frames = vec![LabelId::new("legality"), LabelId::new("economic")];
    c.sources.push(SourceLink { source: SourceId::new("source-2"), relation: LabelId::new("contradicts") });
    let base_frames = claim(&base, "claim-5").frames.clone();
    let outcome = merged(&base, &ours, &theirs);
    assert_eq!(outcome.conflicts_added, 0);
    let c = claim(&outcome.project, "claim-5");
    for frame in ["economic", "morality", "legality"] {
        assert!(c.frames.contains(&LabelId::new(frame)), "{frame} in {:?}", c.frames);
    }
    for frame in base_frames.iter().filter(|f| f.as_str() != "economic") {
        assert!(!c.frames.contains(frame), "{frame} was removed on both sides");
    }
    let sources: Vec<&str> = c.sources.iter().map(|l| l.source.as_str()).collect();
    assert!(sources.contains(&"source-1") && sources.contains(&"source-2"), "{sources:?}");
}

#[test]
fn claims_both_sides_numbered_alike_are_both_kept_under_different_ids() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    // Old-style ids minted apart: both sides' next claim has the same number (claim-132
    // on the sample as shipped).
    let last = base.claims.iter().filter_map(|c| c.id.as_str().strip_prefix("claim-")?.parse::<u32>().ok());
    let next = last.max().unwrap() + 1;
    let id = format!("claim-{next}");
    let mine = new_claim(&base, &id, 0, 10, "event");
    let yours = new_claim(&base, &id, 20, 12, "statistic");
    crate::edit::Edit::add_claim(&ours, mine.clone()).apply(&mut ours).unwrap();
    crate::edit::Edit::add_claim(&theirs, yours.clone()).apply(&mut theirs).unwrap();
    // A group both numbered group-7, one claim in each.
    ours.groups.push(ClaimGroup { id: GroupId::new("group-7"), name: "ours".into(), notes: String::new() });
    theirs.groups.push(ClaimGroup {
        id: GroupId::new("group-7"),
        name: "theirs".into(),
        notes: String::new(),
    });
    claim_mut(&mut theirs, &id).group = Some(GroupId::new("group-7"));
    let outcome = merged(&base, &ours, &theirs);
    assert_eq!(outcome.conflicts_added, 0);
    assert_eq!(outcome.renumbered.len(), 2, "{:?}", outcome.renumbered);
    assert_eq!(claim(&outcome.project, &id).span, mine.span);
    let renamed = &outcome.renumbered[0];
    assert_eq!((renamed.kind, renamed.from.as_str()), (RecordKind::Claim, id.as_str()));
    assert!(renamed.to.starts_with(&format!("claim-{}-", next + 1)), "{}", renamed.to);
    let theirs_claim = claim(&outcome.project, &renamed.to);
    assert_eq!(theirs_claim.span, yours.span);
    // Its group followed its new id.
    let group = outcome.project.group(theirs_claim.group.as_ref().unwrap()).unwrap();
    assert_eq!(group.name, "theirs");
    assert_eq!(outcome.project.group(&GroupId::new("group-7")).unwrap().name, "ours");
    assert_eq!(outcome.project.claims.len(), base.claims.len() + 2);
}

#[test]
fn two_reviewers_marks_of_one_span_stay_two_marks() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let reviewer = |id: &str, name: &str| Reviewer { id: ReviewerId::new(id), name: name.into() };
    ours.reviewers.push(reviewer("reviewer-7-aaaaaa", "Ana"));
    theirs.reviewers.push(reviewer("reviewer-7-bbbbbb", "Ben"));
    theirs.reviewers.push(reviewer("reviewer-8-bbbbbb", " ana "));
    let by = |mut claim: Claim, id: &str| {
        claim.reviewer = Some(ReviewerId::new(id));
        claim
    };
    let anas = by(new_claim(&base, "claim-57-aaaaaa", 0, 10, "event"), "reviewer-7-aaaaaa");
    let anas_kind = by(new_claim(&base, "claim-58-aaaaaa", 30, 5, "money"), "reviewer-7-aaaaaa");
    let bens = by(new_claim(&base, "claim-57-bbbbbb", 0, 10, "event"), "reviewer-7-bbbbbb");
    let bens_kind = by(new_claim(&base, "claim-58-bbbbbb", 30, 5, "statistic"), "reviewer-7-bbbbbb");
    // The same person under another id in their copy: one mark, as before.
    let anas_again = by(new_claim(&base, "claim-59-bbbbbb", 50, 5, "event"), "reviewer-8-bbbbbb");
    let anas_first = by(new_claim(&base, "claim-59-aaaaaa", 50, 5, "event"), "reviewer-7-aaaaaa");
    for c in [anas, anas_kind, anas_first] {
        crate::edit::Edit::add_claim(&ours, c).apply(&mut ours).unwrap();
    }
    for c in [bens, bens_kind, anas_again] {
        crate::edit::Edit::add_claim(&theirs, c).apply(&mut theirs).unwrap();
    }
    let outcome = merged(&base, &ours, &theirs);
    for id in ["claim-57-aaaaaa", "claim-57-bbbbbb", "claim-58-aaaaaa", "claim-58-bbbbbb", "claim-59-aaaaaa"]
    {
        assert!(outcome.project.claim(&ClaimId::new(id)).is_some(), "{id} is kept");
    }
    assert!(outcome.project.claim(&ClaimId::new("claim-59-bbbbbb")).is_none(), "Ana's two marks are one");
    assert_eq!(outcome.conflicts_added, 0, "two reviewers disagreeing is not a conflict");
}

#[test]
fn two_editors_settling_one_span_is_one_claim_and_a_conflict_where_they_differ() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let reviewer = |id: &str, name: &str| Reviewer { id: ReviewerId::new(id), name: name.into() };
    ours.reviewers.push(reviewer("reviewer-7-aaaaaa", "Eve"));
    theirs.reviewers.push(reviewer("reviewer-7-bbbbbb", "Fay"));
    let settled = |mut claim: Claim, by: &str, verdict: &str| {
        claim.reviewer = Some(ReviewerId::new(by));
        claim.adjudicated = true;
        claim.verdict = LabelId::new(verdict);
        claim
    };
    let eves = settled(new_claim(&base, "claim-57-aaaaaa", 0, 10, "event"), "reviewer-7-aaaaaa", "true");
    let fays = settled(new_claim(&base, "claim-57-bbbbbb", 0, 10, "event"), "reviewer-7-bbbbbb", "false");
    // Fay's mark as a reviewer on Eve's settled span: a mark of its own.
    let mut fays_mark = new_claim(&base, "claim-58-bbbbbb", 0, 10, "event");
    fays_mark.reviewer = Some(ReviewerId::new("reviewer-7-bbbbbb"));
    crate::edit::Edit::add_claim(&ours, eves).apply(&mut ours).unwrap();
    for c in [fays, fays_mark] {
        crate::edit::Edit::add_claim(&theirs, c).apply(&mut theirs).unwrap();
    }
    let outcome = merged(&base, &ours, &theirs);
    let project = &outcome.project;
    assert!(project.claim(&ClaimId::new("claim-57-bbbbbb")).is_none(), "Fay's settled claim is Eve's");
    let one = project.claim(&ClaimId::new("claim-57-aaaaaa")).unwrap();
    assert!(one.adjudicated);
    assert!(project.claim(&ClaimId::new("claim-58-bbbbbb")).is_some_and(|c| !c.adjudicated));
    assert_eq!(outcome.conflicts_added, 1, "the verdicts differ");
    let conflict = project.conflicts.last().unwrap();
    assert_eq!((conflict.kind, conflict.field.as_deref()), (ConflictKind::Field, Some("verdict")));
}

#[test]
fn the_same_span_marked_by_both_sides() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let mine = new_claim(&base, "claim-57-aaaaaa", 0, 10, "event");
    let mut same = new_claim(&base, "claim-57-bbbbbb", 0, 10, "event");
    same.note = "their note".into();
    let other_kind = new_claim(&base, "claim-58-bbbbbb", 30, 5, "statistic");
    let ours_kind = new_claim(&base, "claim-58-aaaaaa", 30, 5, "money");
    for c in [mine, ours_kind] {
        crate::edit::Edit::add_claim(&ours, c).apply(&mut ours).unwrap();
    }
    for c in [same, other_kind] {
        crate::edit::Edit::add_claim(&theirs, c).apply(&mut theirs).unwrap();
    }
    let outcome = merged(&base, &ours, &theirs);
    // Same span, same kind: one claim, ours' id, their note.
    assert!(outcome.project.claim(&ClaimId::new("claim-57-bbbbbb")).is_none());
    assert_eq!(claim(&outcome.project, "claim-57-aaaaaa").note, "their note");
    // Same span, different kinds: both kept, one conflict naming both.
    assert!(outcome.project.claim(&ClaimId::new("claim-58-aaaaaa")).is_some());
    assert!(outcome.project.claim(&ClaimId::new("claim-58-bbbbbb")).is_some());
    assert_eq!(outcome.conflicts_added, 1);
    let conflict = &outcome.project.conflicts[0];
    assert_eq!(conflict.kind, ConflictKind::SameSpan);
    assert_eq!(conflict.record.id, "claim-58-aaaaaa");
    assert_eq!(conflict.other.as_ref().unwrap().id, "claim-58-bbbbbb");
}

#[test]
fn a_deleted_group_that_a_new_claim_uses_is_kept_with_a_conflict() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let group = base.groups[0].id.clone();
    ours.groups.retain(|g| g.id != group);
    for c in &mut ours.claims {
        if c.group.as_ref() == Some(&group) {
            c.group = None;
        }
    }
    let mut new = new_claim(&base, "claim-57-bbbbbb", 0, 10, "event");
    new.group = Some(group.clone());
    crate::edit::Edit::add_claim(&theirs, new).apply(&mut theirs).unwrap();
    let outcome = merged(&base, &ours, &theirs);
    assert!(outcome.project.group(&group).is_some());
    assert_eq!(claim(&outcome.project, "claim-57-bbbbbb").group.as_ref(), Some(&group));
    let conflict = outcome.project.conflicts.iter().find(|c| c.record.kind == RecordKind::Group).unwrap();
    assert_eq!(conflict.kind, ConflictKind::Deleted);
    assert!(conflict.ours.value.is_none() && conflict.theirs.value.is_some());
    // Ours' unlinking of the old members stands.
    assert!(
        base.claims
            .iter()
            .filter(|c| c.group.as_ref() == Some(&group))
            .all(|c| { outcome.project.claim(&c.id).unwrap().group.is_none() })
    );
}

#[test]
fn a_text_changed_on_both_sides_keeps_ours_and_claims_follow_their_passage() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let document = base.documents[0].id.clone();
    let text = base.documents[0].text.to_string();
    ours.documents[0].text = format!("Ours: {text}").into();
    theirs.documents[0].text = format!("Theirs!! {text}").into();
    // Each side moved its claims along with its text, as the app does.
    for (project, shift) in [(&mut ours, 6), (&mut theirs, 9)] {
        let new_text = project.documents[0].text.clone();
        for c in project.claims.iter_mut().filter(|c| c.document == document) {
            c.span = CharSpan::new(c.span.start + shift, c.span.end + shift);
            c.quote = QuoteSelector::capture(&new_text, c.span).unwrap();
        }
    }
    // Theirs also marks a new claim on its text.
    let mut new = new_claim(&theirs, "claim-57-bbbbbb", 12, 8, "event");
    new.note = "new".into();
    crate::edit::Edit::add_claim(&theirs, new.clone()).apply(&mut theirs).unwrap();
    let outcome = merged(&base, &ours, &theirs);
    assert!(outcome.project.documents[0].text.starts_with("Ours: "));
    let conflict = outcome.project.conflicts.iter().find(|c| c.kind == ConflictKind::DocumentText).unwrap();
    assert_eq!(conflict.field.as_deref(), Some("text"));
    // Their new claim found its passage in our text.
    let moved = claim(&outcome.project, "claim-57-bbbbbb");
    assert_eq!(moved.quote.exact, new.quote.exact);
    assert_eq!(moved.span.start, new.span.start - 3);
}

#[test]
fn reviewers_added_on_both_sides_under_one_name_become_one() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-2-aaaaaa"), name: "Bo".into() });
    theirs.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-2-bbbbbb"), name: "bo".into() });
    let mut new = new_claim(&base, "claim-57-bbbbbb", 0, 10, "event");
    new.reviewer = Some(ReviewerId::new("reviewer-2-bbbbbb"));
    crate::edit::Edit::add_claim(&theirs, new).apply(&mut theirs).unwrap();
    let outcome = merged(&base, &ours, &theirs);
    assert_eq!(outcome.project.reviewers.len(), base.reviewers.len() + 1);
    assert_eq!(
        claim(&outcome.project, "claim-57-bbbbbb").reviewer,
        Some(ReviewerId::new("reviewer-2-aaaaaa"))
    );
}

#[test]
fn sources_and_outlets_added_on_both_sides_are_all_kept() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let source = |id: &str| Source {
        id: SourceId::new(id),
        title: id.into(),
        url: None,
        publisher: None,
        kind: SourceKind::Report,
        notes: String::new(),
    };
    ours.sources.push(source("source-20-aaaaaa"));
    theirs.sources.push(source("source-20-bbbbbb"));
    let mut outlet = base.outlets[0].clone();
    outlet.id = OutletId::new("outlet-6-bbbbbb");
    theirs.outlets.push(outlet);
    let outcome = merged(&base, &ours, &theirs);
    assert_eq!(outcome.project.sources.len(), base.sources.len() + 2);
    assert_eq!(outcome.project.sources[base.sources.len()].id.as_str(), "source-20-aaaaaa");
    assert_eq!(outcome.project.outlets.len(), base.outlets.len() + 1);
    assert_eq!(outcome.conflicts_added, 0);
}

/// A small seeded random generator (xorshift), so that the test needs no crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A few random edits of the kinds a reviewer makes.
fn random_edits(project: &mut Project, rng: &mut Rng, ids: &mut IdAllocator) {
    let verdicts: Vec<LabelId> = project.taxonomy.verdicts.iter().map(|l| l.id.clone()).collect();
    let kinds: Vec<LabelId> = project.taxonomy.claim_kinds.iter().map(|l| l.id.clone()).collect();
    let frames: Vec<LabelId> = project.taxonomy.frames.iter().map(|l| l.id.clone()).collect();
    for _ in 0..1 + rng.below(6) {
        let n = project.claims.len();
        match rng.below(10) {
            0 => project.claims[rng.below(n)].verdict = verdicts[rng.below(verdicts.len())].clone(),
            1 => project.claims[rng.below(n)].claimant = format!("claimant {}", rng.below(3)),
            2 => {
                let frame = frames[rng.below(frames.len())].clone();
                let claim = &mut project.claims[rng.below(n)];
                if let Some(at) = claim.frames.iter().position(|f| *f == frame) {
                    claim.frames.remove(at);
                } else {
                    claim.frames.push(frame);
                }
            }
            3 => {
                project.claims.remove(rng.below(n));
            }
            4 | 5 => {
                let d = rng.below(project.documents.len());
                let chars = project.documents[d].text.chars().count();
                let start = rng.below(chars - 20);
                let span = CharSpan::new(start, start + 1 + rng.below(15));
                let document = &project.documents[d];
                let Some(quote) = QuoteSelector::capture(&document.text, span) else { continue };
                let mut claim = Claim::new(
                    ClaimId::new(ids.next(prefix::CLAIM)),
                    document.id.clone(),
                    span,
                    quote,
                    kinds[rng.below(kinds.len())].clone(),
                    verdicts[0].clone(),
                    Timestamp::from_unix(1_790_000_000 + rng.next() % 1000),
                );
                if rng.below(2) == 0 && !project.groups.is_empty() {
                    claim.group = Some(project.groups[rng.below(project.groups.len())].id.clone());
                }
                crate::edit::Edit::add_claim(project, claim).apply(project).unwrap();
            }
            6 => {
                let group = ClaimGroup {
                    id: GroupId::new(ids.next(prefix::GROUP)),
                    name: "g".into(),
                    notes: String::new(),
                };
                let claim = rng.below(n);
                project.claims[claim].group = Some(group.id.clone());
                project.groups.push(group);
            }
            7 => {
                if project.groups.is_empty() {
                    continue;
                }
                let group = project.groups.remove(rng.below(project.groups.len())).id;
                for claim in &mut project.claims {
                    if claim.group.as_ref() == Some(&group) {
                        claim.group = None;
                    }
                }
            }
            8 => {
                // Move a claim: one char less at its start.
                let i = rng.below(n);
                let claim = &project.claims[i];
                if claim.span.len() < 3 {
                    continue;
                }
                let span = CharSpan::new(claim.span.start + 1, claim.span.end);
                let text = &project.document(&claim.document).unwrap().text;
                let quote = QuoteSelector::capture(text, span).unwrap();
                let claim = &mut project.claims[i];
                claim.span = span;
                claim.quote = quote;
            }
            _ => project.claims[rng.below(n)].note = format!("note {}", rng.below(1000)),
        }
    }
}

#[test]
fn random_edits_on_both_sides_always_merge_into_a_sound_project_keeping_every_change() {
    let base = sample();
    for seed in 1..=300u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        random_edits(&mut ours, &mut rng, &mut IdAllocator::with_tag(&base, "aaaaaa"));
        random_edits(&mut theirs, &mut rng, &mut IdAllocator::with_tag(&base, "bbbbbb"));
        let outcome = merge(&base, &ours, &theirs, &info());
        let project = &outcome.project;
        let problems = crate::store::integrity::check(project);
        assert!(problems.is_empty(), "seed {seed}: {problems:#?}");
        let conflicted: HashSet<&str> = project
            .conflicts
            .iter()
            .flat_map(|c| std::iter::once(&c.record).chain(&c.other))
            .filter(|r| r.kind == RecordKind::Claim)
            .map(|r| r.id.as_str())
            .collect();
        // Every change of one side to a claim the other left alone is there.
        for (side, other) in [(&ours, &theirs), (&theirs, &ours)] {
            for claim in &side.claims {
                let b = base.claim(&claim.id);
                if b == Some(claim) || conflicted.contains(claim.id.as_str()) {
                    continue;
                }
                if b.is_some() && other.claim(&claim.id) != b {
                    continue; // both sides touched it: checked field by field below
                }
                assert_eq!(project.claim(&claim.id), Some(claim), "seed {seed}: {}", claim.id);
            }
            // A claim one side deleted and the other left alone is gone.
            for b in &base.claims {
                if side.claim(&b.id).is_none() && other.claim(&b.id) == Some(b) {
                    assert!(project.claim(&b.id).is_none(), "seed {seed}: {} deleted", b.id);
                }
            }
        }
        // Claims both sides changed: each side's changed fields, where they agree.
        for b in &base.claims {
            let (Some(o), Some(t)) = (ours.claim(&b.id), theirs.claim(&b.id)) else { continue };
            if conflicted.contains(b.id.as_str()) {
                continue;
            }
            let m = project.claim(&b.id).unwrap();
            for (side, other) in [(o, t), (t, o)] {
                if side.verdict != b.verdict {
                    assert_eq!(m.verdict, side.verdict, "seed {seed}");
                }
                if side.span != b.span && other.span == b.span {
                    assert_eq!((&m.span, &m.quote), (&side.span, &side.quote), "seed {seed}");
                }
                if side.note != b.note && other.note == b.note {
                    assert_eq!(m.note, side.note, "seed {seed}");
                }
                for frame in side.frames.iter().filter(|f| !b.frames.contains(f)) {
                    assert!(m.frames.contains(frame), "seed {seed}");
                }
            }
        }
        // Saved and loaded back: the same project.
        let text = crate::store::to_ron_string(project).unwrap();
        assert_eq!(&crate::store::parse(&text, std::path::Path::new("m.ron"), true).unwrap(), project);
    }
}

#[test]
fn conflicts_already_recorded_merge_like_records_and_a_lost_passage_is_kept_in_one() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    claim_mut(&mut ours, "claim-2").verdict = LabelId::new("false");
    claim_mut(&mut theirs, "claim-2").verdict = LabelId::new("true");
    claim_mut(&mut theirs, "claim-6").verdict = LabelId::new("true");
    let first = merged(&base, &ours, &theirs).project;
    assert_eq!(first.conflicts.len(), 1);
    // The editor settles it on one copy; another copy deletes claim-6 and changes text.
    let mut settled = first.clone();
    settled.conflicts.clear();
    let mut other = first.clone();
    other.claims.retain(|c| c.id.as_str() != "claim-6");
    let outcome = merged(&first, &settled, &other);
    assert!(outcome.project.conflicts.is_empty(), "{:?}", outcome.project.conflicts);
    // A conflict about a claim the merge deleted is dropped; one recorded on one side stays.
    let mut with_conflict = first.clone();
    with_conflict.conflicts[0].record.id = "claim-6".into();
    let outcome = merged(&first, &with_conflict, &other);
    assert!(outcome.project.conflicts.is_empty());
    let outcome = merged(&base, &first, &base);
    assert_eq!(outcome.project.conflicts, first.conflicts);
    // Their new claim on a passage our side rewrote: left out, held by a conflict.
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let document = base.documents[0].id.clone();
    let new = new_claim(&base, "claim-57-bbbbbb", 0, 10, "event");
    crate::edit::Edit::add_claim(&theirs, new.clone()).apply(&mut theirs).unwrap();
    let text = base.documents[0].text.to_string();
    let cut: String = text.chars().skip(10).collect();
    ours.documents[0].text = cut.clone().into();
    ours.claims.retain(|c| c.document != document || c.span.start >= 10);
    for c in ours.claims.iter_mut().filter(|c| c.document == document) {
        c.span = CharSpan::new(c.span.start - 10, c.span.end - 10);
        c.quote = QuoteSelector::capture(&cut, c.span).unwrap();
    }
    let outcome = merged(&base, &ours, &theirs);
    assert!(outcome.project.claim(&new.id).is_none());
    let conflict = outcome.project.conflicts.iter().find(|c| c.kind == ConflictKind::PassageLost).unwrap();
    assert_eq!(conflict.record.id, new.id.as_str());
    let held: Claim = ron::from_str(conflict.theirs.value.as_deref().unwrap()).unwrap();
    assert_eq!(held, new);
}

#[test]
fn a_conflict_about_a_record_that_is_gone_fails_the_integrity_check() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    claim_mut(&mut ours, "claim-2").verdict = LabelId::new("false");
    claim_mut(&mut theirs, "claim-2").verdict = LabelId::new("true");
    let mut project = merged(&base, &ours, &theirs).project;
    project.conflicts[0].record.id = "claim-404".into();
    let problems = crate::store::integrity::check(&project);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].to_string().contains("claim \"claim-404\" does not exist"), "{}", problems[0]);
    project.conflicts[0].ours.value = None;
    assert!(crate::store::integrity::check(&project).is_empty());
}

#[test]
fn rejected_suggestions_merge_as_a_set_and_follow_renamed_reviewers() {
    let rejection = |project: &Project, start: usize, reviewer: Option<&str>| crate::model::Rejection {
        document: project.documents[1].id.clone(),
        span: CharSpan::new(start, start + 5),
        kind: LabelId::new("statistic"),
        reviewer: reviewer.map(ReviewerId::new),
        at: Timestamp::from_unix(1_700_000_000),
    };
    let mut base = sample();
    base.rejections = vec![rejection(&base, 0, None), rejection(&base, 10, None)];
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    // Ours takes one back (undo) and adds one; theirs adds two, one of them the same
    // span as ours' and one by a reviewer new on their side, named as one of ours.
    ours.rejections.remove(0);
    ours.rejections.push(rejection(&base, 20, None));
    ours.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-2-aaaaaa"), name: "Bo".into() });
    theirs.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-2-bbbbbb"), name: "Bo".into() });
    theirs.rejections.push(rejection(&base, 20, None));
    theirs.rejections.push(rejection(&base, 30, Some("reviewer-2-bbbbbb")));
    let outcome = merged(&base, &ours, &theirs);
    let starts: Vec<usize> = outcome.project.rejections.iter().map(|r| r.span.start).collect();
    assert_eq!(starts, [10, 20, 30]);
    assert_eq!(outcome.project.rejections[2].reviewer, Some(ReviewerId::new("reviewer-2-aaaaaa")));
    assert_eq!(outcome.conflicts_added, 0);
    // Theirs changes the text at its start (and drops its claims): their rejection stays
    // (it is on their text, the merged one); ours and the base's, made on the old text,
    // go.
    let mut changing = base.clone();
    let document = changing.documents[1].id.clone();
    changing.documents[1].text = format!("New first line.\n{}", changing.documents[1].text).into();
    changing.claims.retain(|c| c.document != document);
    changing.rejections.push(rejection(&changing, 40, None));
    let mut rejecting = base.clone();
    rejecting.rejections.push(rejection(&rejecting, 50, None));
    let outcome = merged(&base, &rejecting, &changing);
    let starts: Vec<usize> = outcome.project.rejections.iter().map(|r| r.span.start).collect();
    assert_eq!(starts, [40], "{:?}", outcome.project.rejections);
    // A document deleted on one side takes its rejections with it.
    let mut deleting = base.clone();
    let gone = deleting.documents.remove(1).id;
    deleting.claims.retain(|c| c.document != gone);
    let outcome = merged(&base, &deleting, &base);
    assert!(outcome.project.rejections.is_empty(), "{:?}", outcome.project.rejections);
}

/// The Sputnik document of the sample (no passages of its own).
fn sputnik_at(project: &Project) -> usize {
    project.documents.iter().position(|d| d.id.as_str() == "sputnik-2025-12-17-eurasian-forum").unwrap()
}

#[test]
fn a_claim_flagged_by_their_correction_keeps_the_flag_beside_our_verdict() {
    let base = sample();
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let at = sputnik_at(&base);
    let id = base.claims.iter().find(|c| c.quote.exact.contains("3,000 to 5,000")).unwrap().id.clone();
    let corrected = base.documents[at].text.replacen("3,000 to 5,000", "3,000 and 5,000", 1);
    let retext = crate::edit::set_text(
        &theirs,
        &base.documents[at].id,
        &corrected,
        &Timestamp::from_unix(1_790_000_000),
        None,
    )
    .unwrap();
    retext.edit.unwrap().apply(&mut theirs).unwrap();
    assert!(theirs.claim(&id).unwrap().needs_reanchoring);
    claim_mut(&mut ours, id.as_str()).verdict = LabelId::new("false");
    let outcome = merged(&base, &ours, &theirs);
    let c = outcome.project.claim(&id).expect("the flagged claim is kept");
    assert!(c.needs_reanchoring, "with its flag");
    assert_eq!(c.verdict.as_str(), "false", "and our verdict");
    assert_eq!(c.quote.exact, base.claim(&id).unwrap().quote.exact);
    assert!(outcome.project.conflicts.is_empty());
}

#[test]
fn passages_merge_as_one_field_and_follow_the_other_sides_text() {
    let base = sample();
    let at = sputnik_at(&base);
    let passage = |start: usize, end: usize, outlet: &str| crate::model::QuotedPassage {
        span: CharSpan::new(start, end),
        outlet: OutletId::new(outlet),
        url: None,
        published: None,
        note: String::new(),
    };
    // Ours edits the title, theirs marks a passage: both kept.
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.documents[at].title.push_str(" (checked)");
    theirs.documents[at].passages.push(passage(600, 900, "outlet-4"));
    let outcome = merged(&base, &ours, &theirs);
    let document = &outcome.project.documents[at];
    assert!(document.title.ends_with(" (checked)"));
    assert_eq!(document.passages, [passage(600, 900, "outlet-4")]);
    // Each side marks another passage: a conflict of the field, ours kept, never two
    // lists run together out of order.
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.documents[at].passages.push(passage(1000, 1200, "outlet-4"));
    theirs.documents[at].passages.push(passage(300, 500, "outlet-5"));
    let outcome = merged(&base, &ours, &theirs);
    assert_eq!(outcome.project.documents[at].passages, [passage(1000, 1200, "outlet-4")]);
    assert_eq!(outcome.conflicts_added, 1);
    // Ours corrects the text before the passage theirs marks: the passage moves with
    // the text it was marked on.
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    let old = base.documents[at].text.to_string();
    let new = format!("A line the reviewer added. {old}");
    let retext = crate::edit::set_text(&ours, &base.documents[at].id, &new, &info().at, None).unwrap();
    retext.edit.unwrap().apply(&mut ours).unwrap();
    theirs.documents[at].passages.push(passage(600, 900, "outlet-4"));
    let outcome = merged(&base, &ours, &theirs);
    let shift = "A line the reviewer added. ".chars().count();
    assert_eq!(outcome.project.documents[at].passages, [passage(600 + shift, 900 + shift, "outlet-4")]);
    // Theirs removes the only passage: the removal is kept beside our title.
    let mut with = base.clone();
    with.documents[at].passages.push(passage(600, 900, "outlet-4"));
    let (mut ours, mut theirs) = (with.clone(), with.clone());
    ours.documents[at].title.push_str(" (checked)");
    theirs.documents[at].passages.clear();
    theirs.documents[at].notes.push_str(" Passage removed.");
    let outcome = merged(&with, &ours, &theirs);
    let document = &outcome.project.documents[at];
    assert!(document.passages.is_empty() && document.notes.ends_with(" Passage removed."));
    assert!(document.title.ends_with(" (checked)"));
}
