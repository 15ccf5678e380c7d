//! Help → Marking guideline on the bundled sample, driven headlessly (egui_kittest): its
//! tables are grids of cells, not runs of pipes; its fenced passage is one block, without
//! the fences; its code spans (exact quotes from the corpus) are shown without added quotes;
//! and the window can still be made narrower, its tables wrapping within it.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::{AppCommand, UiCommand};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn open_guideline() -> Harness<'static, ClaimmarkApp> {
    let mut harness = common::open_app_with(None, 0.25, common::test_data_dir());
    assert!(harness.query_by_label("whose voice").is_none(), "the guideline is closed at the start");
    harness.state_mut().send(AppCommand::Run(UiCommand::ToggleGuideline));
    harness.run();
    harness
}

#[test]
fn the_guidelines_tables_are_grids_of_cells() {
    let harness = open_guideline();
    // The claimant table: a header cell and a body cell, each a label of its own.
    harness.get_by_label("whose voice");
    harness.get_by_label("claimant as the sample writes it");
    harness.get_by_label("a forum member's own words");
    // The verdict table and the worked example's table.
    harness.get_by_label("Unsupported (N)");
    harness.get_by_label("checked, and no evidence supports it");
    harness.get_by_label("the 20-year war");
    harness.get_by_label("posing a direct security threat to neighboring Pakistan");
    assert_eq!(harness.query_all_by_label_contains("|---").count(), 0, "no delimiter row shown as text");
    assert_eq!(harness.query_all_by_label_contains("| whose voice").count(), 0);
    assert_eq!(harness.query_all_by_label_contains("| claim |").count(), 0);
}

#[test]
fn code_is_shown_as_written_without_added_quotes() {
    let harness = open_guideline();
    // The worked example's passage: one block, verbatim, no fences.
    let passage = harness.get_by_label_contains("During a panel discussion at the forum");
    let passage = passage.accesskit_node().value().unwrap_or_default();
    assert!(passage.starts_with("During a panel discussion"), "{passage}");
    assert!(passage.contains("between 3,000 to 5,000 ISIS-K* fighters"), "{passage}");
    assert!(!passage.contains('`') && !passage.contains('“'), "{passage}");
    // Code spans inside a paragraph: the straight and the curly apostrophe as in the corpus.
    harness.get_by_label_contains("(Pakistan's in the Afghanistan Azad text, Pakistan’s elsewhere)");
    for added in ["```", "“”", "“Pakistan", "Pakistan's”", "“the 20-year war”"] {
        assert_eq!(harness.query_all_by_label_contains(added).count(), 0, "{added}");
    }
}

#[test]
fn the_window_can_be_made_narrow_and_its_tables_wrap_within_it() {
    let mut harness = open_guideline();
    let window = harness.get_by_label("Marking guideline").rect();
    // Drag the right edge 200 points to the left, a frame per step (680 to 480 points wide:
    // the worked example's table, its words kept whole, needs about 460).
    let start = egui::pos2(window.right() - 2.0, window.center().y);
    harness.hover_at(start);
    harness.step();
    harness.drag_at(start);
    harness.step();
    let end = start.x - 200.0;
    for step in 1..=8 {
        harness.hover_at(egui::pos2(start.x - 200.0 * step as f32 / 8.0, start.y));
        harness.step();
    }
    harness.drop_at(egui::pos2(end, start.y));
    harness.run();
    let narrow = harness.get_by_label("Marking guideline").rect();
    assert!(narrow.right() < end + 20.0, "the window stays at {narrow:?} when dragged to x = {end}");
    for cell in ["claims", "claimant as the sample writes it", "sample use", "verdict", "span"] {
        let rect = harness.get_by_label(cell).rect();
        assert!(
            rect.right() <= narrow.right(),
            "{cell:?} at {rect:?} stands out of the window at {narrow:?}"
        );
    }
}
