//! The comparison view's statistics, driven headlessly on the sample: the thin tag of
//! a row and why, each cell's interval, the reading of the tests, documents as the unit,
//! and the column compared pair by pair.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::compare::inference::wilson;
use claimmark::compare::{Dimension, Measure, Unit, compare};
use common::open_app;
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};

fn sample_file(dir: &Path) -> PathBuf {
    let path = dir.join("sample.ron");
    std::fs::write(&path, claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
    path
}

fn choose(
    harness: &mut egui_kittest::Harness<'_, claimmark::ui::app::ClaimmarkApp>,
    combo: &str,
    item: &str,
) {
    harness.get_by_role_and_label(Role::ComboBox, combo).click();
    harness.run();
    // The popup's entry is the last node of that name (a column heading can share it).
    harness.get_all_by_label(item).rfind(|n| n.accesskit_node().role() != Role::Label).unwrap().click();
    harness.run();
}

#[test]
fn the_comparison_says_which_rows_are_thin_and_what_is_chance() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&sample_file(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    harness.run();

    // Thin rows carry a tag that says why; a row of 53 claims from two documents does not.
    harness.get_by_label(
        "State media is a thin row: all 23 claims come from a single document. Read its shares with care.",
    );
    harness.get_by_label_contains("Unknown is a thin row: only 18 claims, fewer than 20");
    assert!(harness.query_by_label_contains("State-affiliated is a thin row").is_none());

    // A cell's tooltip (and its name for screen readers) gives the share's interval.
    let project = harness.state().project().clone();
    let frames = compare(&project, Dimension::Affiliation, Measure::Frame);
    let row = frames.rows.iter().position(|r| r.id == "state-media").unwrap();
    let column = frames.columns.iter().position(|c| c.id == "security-defense").unwrap();
    let count = frames.count(row, column);
    let interval = wilson(count, frames.row_claims[row]).unwrap();
    let label = format!(
        "State media × Security and defense: {count} claims ({:.0}%); 95% interval {:.1}–{:.1}%; a thin row",
        frames.share(row, column) * 100.0,
        interval.low * 100.0,
        interval.high * 100.0
    );
    harness.get_by_label(&label);

    // The tests, read out: every frame on its own, one pair that holds after Holm.
    harness.get_by_label("Is it more than chance?");
    harness.get_by_label_contains("• 5 of 6 rows are thin");
    harness.get_by_label_contains("the matrix of frames is not one contingency table");
    harness.get_by_label_contains(
        "• On External regulation and reputation, these pairs of rows differ beyond chance",
    );

    // Another column for the pairs (scrolled into view first).
    let heading = harness.get_by_label("Is it more than chance?").rect();
    harness.hover_at(heading.center());
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, -400.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    harness.run_steps(10);
    choose(&mut harness, "Compare pairs of rows on:", "Crime and punishment");
    harness.get_by_label_contains("• On Crime and punishment, no two rows differ beyond chance");

    // Documents as the unit: every row is thin, and a cell counts documents.
    choose(&mut harness, "Statistics count:", "Documents");
    harness.get_by_label_contains("• Every row is thin");
    harness.get_by_label_contains(
        "State media × Security and defense: 13 claims (57%); 1 of 1 texts (documents or passages) have it (100%",
    );
    // Rows or columns changed: the pairs go back to the column that differs most.
    choose(&mut harness, "Columns:", "Claim kind");
    let kinds = compare(&project, Dimension::Affiliation, Measure::Kind);
    let most = claimmark::compare::inference::statistics(&project, &kinds, Unit::Documents, None);
    let most = most.pairwise.unwrap().column;
    let crime = frames.column_of("crime-punishment").unwrap();
    assert_ne!(most, crime, "the kind at the index of Crime and punishment would not show a reset");
    harness.get_by_label_contains(&format!("• On {},", kinds.columns[most].name));
}
