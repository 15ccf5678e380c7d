//! View → Reviewers (Ctrl+Shift+R) on the three-reviewer fixture: the figures of the
//! document shown and of the project, and Show on a disagreement selects that claim.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use common::open_app;
use egui::{Key, Modifiers};
use egui_kittest::kittest::Queryable;
use std::path::PathBuf;

#[test]
fn the_reviewers_window_shows_the_figures_and_selects_a_disagreeing_claim() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_projects/three-reviewers.ron");
    let path = dir.path().join("three-reviewers.ron");
    std::fs::copy(fixture, &path).unwrap();
    let mut harness = open_app(&path);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    harness.run();
    harness.get_by_label("3 reviewers: Amina, Bruno, Chen.");
    harness.get_by_label("This document");
    harness.get_by_label("The project");
    // The project's figures, as `claimmark agree` gives them (see tests/agree.rs).
    harness.get_by_label_contains(
        "All reviewers: Krippendorff's α on kinds 0.719, on verdicts 0.640, unitizing α 0.525",
    );
    assert!(harness.get_all_by_label("Amina / Chen").count() >= 2, "a row per pair in both tables");
    // Bruno's long clause against Chen's "$7 billion": Show selects Chen's claim.
    let shown = harness.state().selection().document.clone().unwrap();
    assert_eq!(shown.as_str(), "sputnik-2025-12-17-eurasian-forum");
    // (It disagrees with Amina's and with Bruno's mark: a button in each pair's list.)
    let button = harness.get_all_by_label("Chen: “$7 billion”").next().unwrap();
    button.scroll_to_me();
    harness.run();
    harness.get_all_by_label("Chen: “$7 billion”").next().unwrap().click();
    harness.run();
    let selected = harness.state().selection().claim.clone().expect("a claim is selected");
    let claim = harness.state().project().claim(&selected).unwrap().clone();
    assert_eq!(claim.quote.exact, "$7 billion");
    let chen = harness.state().project().reviewers.iter().find(|r| r.name == "Chen").unwrap().id.clone();
    assert_eq!(claim.reviewer, Some(chen));
    // Ctrl+Shift+R again closes it.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    harness.run();
    assert!(harness.query_by_label("The project").is_none());
}
