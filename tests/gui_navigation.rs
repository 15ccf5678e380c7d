//! Crossing a long text from the keyboard, driven headlessly (issue 11, item 5): Page
//! Down / Page Up move the caret a screen and the view with it, Ctrl+Home / Ctrl+End go
//! to the text's ends (not the paragraph's), Home / End to the ends of the screen row,
//! Ctrl+G to a claim number or id, a char position or a share of the text.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::anchor::CharSpan;
use claimmark::model::{Project, Taxonomy};
use claimmark::store;
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use common::{claim_on, document, open_app};
use egui::{Key, Modifiers, Rect};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

const SENTENCE: &str = "Officials said trade between the two countries rose 40% to $1.2 billion last year. ";
const LAST: &str = "The last paragraph.";

/// One long paragraph (a capture without line breaks, laid out in pieces), then a short one.
fn text() -> String {
    format!("{}\n\n{LAST}", SENTENCE.repeat(400))
}

fn project_file(dir: &Path) -> PathBuf {
    let mut project = Project::new("navigation", Taxonomy::builtin());
    project.documents.push(document("long", &text(), None));
    project.claims.push(claim_on("claim-7", "long", &text(), LAST));
    let path = dir.join("project.ron");
    store::save(&project, &path).unwrap();
    path
}

fn caret(harness: &Harness<'_, ClaimmarkApp>) -> usize {
    harness.state().reader().caret
}

/// Where the char after `at` is on screen.
fn char_rect(harness: &Harness<'_, ClaimmarkApp>, at: usize) -> Rect {
    let rects = harness.state().reader().span_screen_rects(CharSpan::new(at, at + 1));
    *rects.first().unwrap_or_else(|| panic!("char {at} is laid out"))
}

/// Whether the char after `at` is in the window (900 points high).
fn on_screen(harness: &Harness<'_, ClaimmarkApp>, at: usize) -> bool {
    harness
        .state()
        .reader()
        .span_screen_rects(CharSpan::new(at, at + 1))
        .first()
        .is_some_and(|r| r.min.y >= 0.0 && r.max.y <= 900.0)
}

fn press(harness: &mut Harness<'_, ClaimmarkApp>, modifiers: Modifiers, key: Key) {
    harness.key_press_modifiers(modifiers, key);
    // A scroll to the caret eases in over a few frames.
    harness.run_steps(15);
}

fn focus_text(harness: &mut Harness<'_, ClaimmarkApp>) {
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
}

#[test]
fn ctrl_end_and_ctrl_home_go_to_the_ends_of_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    focus_text(&mut harness);
    let chars = text().chars().count();
    press(&mut harness, Modifiers::COMMAND, Key::End);
    assert_eq!(caret(&harness), chars, "the end of the text, past the long paragraph");
    assert!(on_screen(&harness, chars - LAST.len()), "the last paragraph is in view");
    press(&mut harness, Modifiers::COMMAND | Modifiers::SHIFT, Key::Home);
    assert_eq!(caret(&harness), 0);
    assert_eq!(harness.state().reader().selection(), CharSpan::new(0, chars), "Shift selects all the way");
    assert!(on_screen(&harness, 0), "the view is back at the top");
}

#[test]
fn page_down_and_page_up_move_a_screen_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    focus_text(&mut harness);
    let top = char_rect(&harness, 0).min.y;
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    let first = caret(&harness);
    assert!(first > 0, "Page Down moves the caret");
    // The view moves with it: the caret stays near where it was on screen, a few rows
    // from the top (it used to land on the last row, 750 points down, with the view
    // scrolled by one row).
    let moved_to = char_rect(&harness, first).min.y;
    assert!((moved_to - top).abs() < 100.0, "the caret keeps its place: {top} -> {moved_to}");
    press(&mut harness, Modifiers::NONE, Key::PageDown);
    let second = caret(&harness);
    assert!(second > first, "and again");
    assert!(on_screen(&harness, second), "the view follows the caret");
    assert!(!on_screen(&harness, 0), "the top scrolled out of view");
    // A page is most of the view's height: more rows than an arrow key's one.
    let rows_per_page = (second - first) / SENTENCE.len();
    assert!(rows_per_page >= 5, "{} chars for a page", second - first);
    press(&mut harness, Modifiers::NONE, Key::PageUp);
    press(&mut harness, Modifiers::NONE, Key::PageUp);
    assert!(caret(&harness) < first, "back up two pages: {}", caret(&harness));
    assert!((char_rect(&harness, 0).min.y - top).abs() < 60.0, "the top is in view again");
}

#[test]
fn home_and_end_go_to_the_ends_of_the_screen_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    focus_text(&mut harness);
    // A caret in the middle of the long paragraph's fifth row.
    let row_y = |harness: &Harness<'_, ClaimmarkApp>, at: usize| char_rect(harness, at).center().y;
    let mut at = 0;
    let first_row = row_y(&harness, 0);
    let mut rows = 0;
    while rows < 4 {
        at += 1;
        if row_y(&harness, at) > row_y(&harness, at - 1) + 1.0 {
            rows += 1;
        }
    }
    assert!(row_y(&harness, at) > first_row);
    let middle = at + 20;
    harness.state_mut().send(AppCommand::SelectText(CharSpan::new(middle, middle)));
    harness.run();
    focus_text(&mut harness);

    press(&mut harness, Modifiers::NONE, Key::End);
    let end = caret(&harness);
    assert!(end > middle, "End moves forward within the row");
    let y = row_y(&harness, middle);
    assert!((row_y(&harness, end - 1) - y).abs() < 1.0, "the last char before the caret is on the row");
    assert!(row_y(&harness, end + 1) > y + 1.0, "the row ends there (a space, then the next row)");

    press(&mut harness, Modifiers::NONE, Key::Home);
    let home = caret(&harness);
    assert_eq!(home, at, "Home goes to the row's first char");
    assert!(row_y(&harness, home - 1) < y - 1.0, "the char before is on the row above");
    assert!(home > 0, "not the paragraph's start");
}

/// Types `text` into the field that has the focus, then Enter.
fn type_and_enter(harness: &mut Harness<'_, ClaimmarkApp>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
    press(harness, Modifiers::NONE, Key::Enter);
}

#[test]
fn ctrl_g_goes_to_a_claim_a_position_or_a_share_of_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    focus_text(&mut harness);
    let chars = text().chars().count();

    press(&mut harness, Modifiers::COMMAND, Key::G);
    type_and_enter(&mut harness, "#20000");
    assert_eq!(caret(&harness), 20_000);
    assert!(on_screen(&harness, 20_000), "the position is in view");
    assert!(!on_screen(&harness, 0));
    // The bar closed and the text has the keys again: an arrow moves the caret.
    press(&mut harness, Modifiers::NONE, Key::ArrowRight);
    assert_eq!(caret(&harness), 20_001);

    press(&mut harness, Modifiers::COMMAND, Key::G);
    type_and_enter(&mut harness, "1");
    assert_eq!(harness.state().selection().claim.as_ref().map(|c| c.as_str()), Some("claim-7"));
    assert!(on_screen(&harness, chars - LAST.len()), "the claim at the end is in view");

    press(&mut harness, Modifiers::COMMAND, Key::G);
    type_and_enter(&mut harness, "50%");
    assert_eq!(caret(&harness), (chars as f64 / 2.0).round() as usize);

    // A number past the claims says so and stays open.
    press(&mut harness, Modifiers::COMMAND, Key::G);
    type_and_enter(&mut harness, "2");
    harness.get_by_label_contains("this text has 1 claim");
}
