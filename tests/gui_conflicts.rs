//! Settling a merge's conflicts in the app (issue 12, item 4), driven headlessly: a
//! project merged with two conflicts opens with the Conflicts window and a count in the
//! status bar; one is settled keeping ours, the other taking theirs, each one undo step;
//! undo brings the second back; what is saved loads again with what is left.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::model::{ClaimId, LabelId, Project, Taxonomy, Timestamp};
use claimmark::store;
use claimmark::team::merge::{MergeInfo, merge};
use claimmark::ui::app::ClaimmarkApp;
use common::{claim_on, corpus_text, document, open_app};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

const SPUTNIK: &str = "sputnik-2025-12-17-eurasian-forum.txt";

/// Base with two claims; ours and theirs change the verdict of the first and the
/// claimant of the second, each differently: two conflicts.
fn merged_file(dir: &Path) -> PathBuf {
    let text = corpus_text(SPUTNIK);
    let mut base = Project::new("merged", Taxonomy::builtin());
    base.documents.push(document("sputnik", &text, None));
    base.claims.push(claim_on("claim-1", "sputnik", &text, "between 3,000 to 5,000 ISIS-K* fighters"));
    base.claims.push(claim_on("claim-2", "sputnik", &text, "Prokhor Tebin"));
    let (mut ours, mut theirs) = (base.clone(), base.clone());
    ours.claims[0].verdict = LabelId::new("true");
    theirs.claims[0].verdict = LabelId::new("false");
    ours.claims[1].claimant = "Ana's reading".into();
    theirs.claims[1].claimant = "Bob's reading".into();
    let outcome = merge(&base, &ours, &theirs, &MergeInfo { at: Timestamp::from_unix(1_764_000_000) });
    assert_eq!(outcome.conflicts_added, 2);
    let path = dir.join("merged.ron");
    store::save(&outcome.project, &path).unwrap();
    path
}

fn claim(harness: &Harness<'_, ClaimmarkApp>, id: &str) -> claimmark::model::Claim {
    harness.state().project().claim(&ClaimId::new(id)).unwrap().clone()
}

#[test]
fn conflicts_are_settled_one_by_one_each_way_undone_and_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = merged_file(dir.path());
    let mut harness = open_app(&path);
    harness.get_by_label_contains("2 conflicts recorded by a merge");
    assert!(harness.state().status().unwrap_or_default().contains("2 conflicts from a merge"));
    harness.get_by_label_contains("2 conflicts to settle");
    // Both versions side by side.
    harness.get_by_label("\"true\"");
    harness.get_by_label("\"false\"");
    harness.get_by_label("\"Bob's reading\"");

    // The first (the verdict): keep ours.
    harness.get_all_by_label("Keep ours").next().unwrap().click();
    harness.run();
    assert_eq!(harness.state().project().conflicts.len(), 1);
    assert_eq!(claim(&harness, "claim-1").verdict, LabelId::new("true"));
    // The second (the claimant): take theirs.
    harness.get_by_label("Take theirs").click();
    harness.run();
    assert!(harness.state().project().conflicts.is_empty());
    assert_eq!(claim(&harness, "claim-2").claimant, "Bob's reading");
    harness.get_by_label_contains("No conflicts");

    // Undo brings the second back, as it was.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().project().conflicts.len(), 1);
    assert_eq!(claim(&harness, "claim-2").claimant, "Ana's reading");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    drop(harness);
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.conflicts.len(), 1);
    assert_eq!(saved.conflicts[0].field.as_deref(), Some("claimant"));
    let harness = open_app(&path);
    harness.get_by_label_contains("1 conflict recorded by a merge");
}

#[test]
fn a_claim_changed_in_the_app_records_who_changed_it() {
    use claimmark::model::{Reviewer, ReviewerId};
    use claimmark::ui::command::AppCommand;
    let dir = tempfile::tempdir().unwrap();
    let text = corpus_text(SPUTNIK);
    let mut project = Project::new("who", Taxonomy::builtin());
    project.documents.push(document("sputnik", &text, None));
    project.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-1"), name: "Ana".into() });
    project.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-2"), name: "Bob".into() });
    let mut first = claim_on("claim-1", "sputnik", &text, "Prokhor Tebin");
    first.reviewer = Some(ReviewerId::new("reviewer-2"));
    project.claims.push(first);
    let path = dir.path().join("who.ron");
    store::save(&project, &path).unwrap();

    let mut harness = open_app(&path);
    let settings =
        claimmark::ui::session::Settings { reviewer: "Ana".into(), ..harness.state().settings().clone() };
    harness.state_mut().send(AppCommand::ChangeSettings(settings));
    harness.state_mut().send(AppCommand::SelectClaim(Some(ClaimId::new("claim-1"))));
    harness.run();
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    harness.key_press_modifiers(Modifiers::SHIFT, Key::T);
    harness.run();
    let changed = claim(&harness, "claim-1");
    assert_eq!(changed.verdict, LabelId::new("true"));
    assert_eq!(changed.modified_by, Some(ReviewerId::new("reviewer-1")), "Ana changed it");
    assert_eq!(changed.reviewer, Some(ReviewerId::new("reviewer-2")), "Bob still made it");
}
