//! The app driven headlessly as a user drives it (egui_kittest): mark claims with the
//! mouse and the keyboard, edit fields, undo and redo, save and load, the unsaved-changes
//! prompt, load errors, Persian text.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::anchor::CharSpan;
use claimmark::model::{ClaimId, DocumentId, LabelId, Project, Taxonomy};
use claimmark::store;
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use common::{char_offset_of, claim_on, corpus_text, document, open_app};
use egui::{Key, Modifiers, Pos2, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

const SPUTNIK: &str = "sputnik-2025-12-17-eurasian-forum.txt";
const AFGAZAD: &str = "afgazad-2024-07-14-sco-summit.txt";

/// A project with the Sputnik and Afghanistan Azad texts and one claim, saved in `dir`.
fn project_file(dir: &Path) -> PathBuf {
    let sputnik = corpus_text(SPUTNIK);
    let afgazad = corpus_text(AFGAZAD);
    let mut project = Project::new("gui test", Taxonomy::builtin());
    project.documents.push(document("sputnik", &sputnik, None));
    project.documents.push(document("afgazad", &afgazad, None));
    project.claims.push(claim_on("claim-1", "sputnik", &sputnik, "between 3,000 to 5,000 ISIS-K* fighters"));
    let path = dir.join("project.ron");
    store::save(&project, &path).unwrap();
    path
}

fn project<'h>(harness: &'h Harness<'_, ClaimmarkApp>) -> &'h Project {
    harness.state().project()
}

/// Scrolls the reader to `span` and returns its on-screen rectangles.
fn show_span(harness: &mut Harness<'_, ClaimmarkApp>, span: CharSpan) -> Vec<egui::Rect> {
    harness.state_mut().send(AppCommand::SelectText(CharSpan::new(span.start, span.start)));
    harness.run();
    let rects = harness.state().reader().span_screen_rects(span);
    assert!(!rects.is_empty(), "span {span:?} is not laid out");
    rects
}

/// Presses the mouse at `from`, moves to `to`, releases: a drag selection.
fn drag(harness: &mut Harness<'_, ClaimmarkApp>, from: Pos2, to: Pos2) {
    harness.hover_at(from);
    harness.step();
    harness.drag_at(from);
    harness.step();
    let middle = from + (to - from) * 0.5;
    harness.hover_at(middle);
    harness.step();
    harness.hover_at(to);
    harness.step();
    harness.drop_at(to);
    harness.run();
}

fn span_of(text: &str, needle: &str) -> CharSpan {
    let start = char_offset_of(text, needle);
    CharSpan::new(start, start + needle.chars().count())
}

fn new_claim_ids(harness: &Harness<'_, ClaimmarkApp>, before: &[ClaimId]) -> Vec<ClaimId> {
    project(harness).claims.iter().map(|c| c.id.clone()).filter(|id| !before.contains(id)).collect()
}

#[test]
fn mark_a_claim_with_the_mouse_and_a_kind_key_then_type_its_claimant() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let text = corpus_text(SPUTNIK);
    let target = span_of(&text, "$100 million a day for two decades");
    let rects = show_span(&mut harness, target);
    let (first, last) = (rects[0], rects[rects.len() - 1]);
    // From just inside the first char to just inside the last: the selection snaps to
    // the chars under the pointer.
    drag(
        &mut harness,
        first.left_center() + egui::vec2(1.0, 0.0),
        last.right_center() - egui::vec2(1.0, 0.0),
    );
    assert_eq!(harness.state().reader().selection(), target, "the drag selects the span");
    let before: Vec<ClaimId> = project(&harness).claims.iter().map(|c| c.id.clone()).collect();
    harness.key_press(Key::M); // "money"
    harness.run();

    let added = new_claim_ids(&harness, &before);
    assert_eq!(added.len(), 1);
    let claim = project(&harness).claim(&added[0]).unwrap().clone();
    assert_eq!(claim.span, target);
    assert_eq!(claim.quote.exact, "$100 million a day for two decades");
    assert_eq!(claim.kind, LabelId::new("money"));
    assert_eq!(harness.state().selection().claim.as_ref(), Some(&claim.id), "the new claim is selected");
    let focused = harness.ctx.memory(|m| m.focused());
    assert_eq!(focused, Some(claimmark::ui::inspector::claimant_field_id()), "focus goes to the claimant");

    harness.event(egui::Event::Text("Mushahid Hussain Syed".into()));
    harness.run();
    assert_eq!(project(&harness).claim(&claim.id).unwrap().claimant, "Mushahid Hussain Syed");
    assert!(harness.state().title().contains('•'), "the title shows unsaved changes");
}

#[test]
fn undo_and_redo_are_single_steps_a_user_expects() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let text = corpus_text(SPUTNIK);
    let target = span_of(&text, "Maria Sultan");
    harness.state_mut().send(AppCommand::SelectText(target));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    harness.key_press(Key::A); // "attributed statement"
    harness.run();
    let id = harness.state().selection().claim.clone().expect("a claim was marked");
    // Typing letter by letter, as a person does.
    for c in "Sputnik".chars() {
        harness.event(egui::Event::Text(c.to_string()));
        harness.step();
    }
    harness.run();
    assert_eq!(project(&harness).claim(&id).unwrap().claimant, "Sputnik");

    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(project(&harness).claim(&id).unwrap().claimant, "", "one undo reverts the typed word");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(project(&harness).claim(&id).is_none(), "the second undo removes the claim");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert!(project(&harness).claim(&id).is_some(), "redo brings the claim back");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(project(&harness).claim(&id).unwrap().claimant, "Sputnik", "Ctrl+Y redoes too");
}

#[test]
fn keyboard_selection_marks_by_word_and_tab_navigates() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let text = corpus_text(SPUTNIK);
    let start = char_offset_of(&text, "Roxolana Zigon");
    harness.state_mut().send(AppCommand::SelectText(CharSpan::new(start, start)));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    assert_eq!(harness.ctx.memory(|m| m.focused()), Some(claimmark::ui::reader::reader_id()));
    // Two words with Ctrl+Shift+Right, then Enter marks with the default kind.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().reader().selection().slice(&text), Some("Roxolana Zigon"));
    harness.key_press(Key::Enter);
    harness.run();
    let id = harness.state().selection().claim.clone().unwrap();
    assert_eq!(project(&harness).claim(&id).unwrap().quote.exact, "Roxolana Zigon");

    // Back to the text, then Alt+Shift+Right widens the claim's end by a word.
    harness.key_press(Key::F6);
    harness.run();
    harness.key_press_modifiers(Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    harness.run();
    assert_eq!(project(&harness).claim(&id).unwrap().quote.exact, "Roxolana Zigon, a");

    // Tab and J go to the next claim in the text, K back.
    harness.key_press(Key::Tab);
    harness.run();
    assert_eq!(harness.state().selection().claim.as_ref().unwrap().as_str(), "claim-1");
    harness.key_press(Key::K);
    harness.run();
    assert_eq!(harness.state().selection().claim.as_ref(), Some(&id));
    // Del deletes the selected claim.
    harness.key_press(Key::Delete);
    harness.run();
    assert!(project(&harness).claim(&id).is_none());
}

#[test]
fn selecting_inside_the_persian_verse_marks_exactly_the_selected_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    harness.get_by_label("Title of afgazad").click();
    harness.run();
    assert_eq!(harness.state().selection().document, Some(DocumentId::new("afgazad")));
    let text = corpus_text(AFGAZAD);
    let keshvar = span_of(&text, "کشور");
    let nabashad = CharSpan::new(keshvar.end + 1, keshvar.end + 1 + "نباشد".chars().count());
    assert_eq!(nabashad.slice(&text), Some("نباشد"));
    let keshvar_rect = show_span(&mut harness, keshvar)[0];
    let nabashad_rect = show_span(&mut harness, nabashad)[0];
    // Right to left: the first word stands to the right of the second.
    assert!(keshvar_rect.center().x > nabashad_rect.center().x, "the verse runs right to left");
    // Drag from inside the first word (near its visual start, the right) to inside the
    // second (near its visual end, the left), as a reader of Persian would.
    let from = egui::pos2(keshvar_rect.max.x - keshvar_rect.width() * 0.25, keshvar_rect.center().y);
    let to = egui::pos2(nabashad_rect.min.x + nabashad_rect.width() * 0.25, nabashad_rect.center().y);
    drag(&mut harness, from, to);
    let before: Vec<ClaimId> = project(&harness).claims.iter().map(|c| c.id.clone()).collect();
    harness.key_press(Key::V); // "evaluative"
    harness.run();
    let added = new_claim_ids(&harness, &before);
    assert_eq!(added.len(), 1, "one claim marked");
    let claim = project(&harness).claim(&added[0]).unwrap();
    let expected = CharSpan::new(keshvar.start, nabashad.end);
    assert_eq!(claim.span, expected);
    assert_eq!(claim.span.slice(&text), Some("کشور نباشد"));

    // A selection that starts or ends mid-word widens to whole words.
    let bom = span_of(&text, "بدین بوم و بر");
    let rects = show_span(&mut harness, bom);
    let right = rects.iter().map(|r| r.max.x).fold(f32::MIN, f32::max);
    let left = rects.iter().map(|r| r.min.x).fold(f32::MAX, f32::min);
    let y = rects[0].center().y;
    drag(&mut harness, egui::pos2(right - 3.0, y), egui::pos2(left + 3.0, y));
    harness.key_press(Key::V);
    harness.run();
    let newest = harness.state().selection().claim.clone().unwrap();
    let claim = project(&harness).claim(&newest).unwrap();
    assert_eq!(claim.span.slice(&text), Some("بدین بوم و بر"));
}

#[test]
fn save_writes_a_file_that_loads_back_equal() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let mut harness = open_app(&path);
    let text = corpus_text(SPUTNIK);
    harness.state_mut().send(AppCommand::SelectText(span_of(&text, "Prokhor Tebin")));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    harness.key_press(Key::E);
    harness.run();
    harness.event(egui::Event::Text("Sputnik International".into()));
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!harness.state().title().contains('•'), "saved: no unsaved marker");
    let loaded = store::load(&path).unwrap();
    assert_eq!(&loaded, project(&harness));
    assert!(store::backup_path(&path).exists(), "the previous version is kept as .bak");
}

#[test]
fn closing_with_unsaved_changes_asks_save_discard_cancel() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let mut harness = open_app(&path);
    let text = corpus_text(SPUTNIK);
    harness.state_mut().send(AppCommand::SelectText(span_of(&text, "Moscow")));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    harness.key_press(Key::E);
    harness.run();
    let request_close = |harness: &mut Harness<'_, ClaimmarkApp>| {
        harness.input_mut().viewports.entry(ViewportId::ROOT).or_default().events.push(ViewportEvent::Close);
        harness.run();
    };
    request_close(&mut harness);
    let commands = |harness: &Harness<'_, ClaimmarkApp>| {
        harness
            .output()
            .viewport_output
            .get(&ViewportId::ROOT)
            .map(|v| v.commands.clone())
            .unwrap_or_default()
    };
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label("Unsaved changes").is_none(), "Cancel keeps the app open");
    assert!(!harness.state().is_closing());

    request_close(&mut harness);
    harness.get_by_label("Save").click();
    harness.step();
    assert!(harness.state().is_closing(), "Save then closes");
    assert!(commands(&harness).contains(&egui::ViewportCommand::Close));
    harness.run();
    assert_eq!(&store::load(&path).unwrap(), project(&harness), "and the work is on disk");
}

#[test]
fn discard_closes_without_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let before = std::fs::read(&path).unwrap();
    let mut harness = open_app(&path);
    harness.state_mut().send(AppCommand::SelectText(CharSpan::new(1, 5)));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    harness.key_press(Key::E);
    harness.run();
    harness.input_mut().viewports.entry(ViewportId::ROOT).or_default().events.push(ViewportEvent::Close);
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert!(harness.state().is_closing());
    assert_eq!(std::fs::read(&path).unwrap(), before, "nothing was written");
}

#[test]
fn a_corrupt_file_shows_its_error_and_keeps_the_current_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let mut harness = open_app(&path);
    let bad = dir.path().join("bad.ron");
    std::fs::write(&bad, "// broken\n(\n    format: 1,\n    name: 42,\n)").unwrap();
    let before = project(&harness).clone();
    common::set_recent_files(&mut harness, vec![bad.clone(), path.clone()]);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open recent").hover();
    harness.run();
    harness.get_by_label(&bad.display().to_string()).click();
    harness.run();
    harness.get_by_label("Could not open the project");
    let message = format!("{}:4:", bad.display());
    harness.get_by_label_contains(&message);
    assert_eq!(project(&harness), &before, "the current project stays open");
    harness.get_by_label("OK").click();
    harness.run();
    assert!(harness.query_by_label("Could not open the project").is_none());
}

#[test]
fn clicking_a_highlight_selects_its_claim_and_the_inspector_edits_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let span = project(&harness).claims[0].span;
    let center = show_span(&mut harness, span)[0].center();
    harness.hover_at(center);
    harness.step();
    harness.drag_at(center);
    harness.step();
    harness.drop_at(center);
    harness.run();
    assert_eq!(harness.state().selection().claim.as_ref().map(ClaimId::as_str), Some("claim-1"));
    assert_eq!(project(&harness).claims[0].attribution, claimmark::model::Attribution::Attributed);
    harness.get_by_label("Asserted by the outlet").click();
    harness.run();
    assert_eq!(project(&harness).claims[0].attribution, claimmark::model::Attribution::Asserted);
    harness.get_by_label_contains("Economic").click();
    harness.run();
    assert!(project(&harness).claims[0].frames.contains(&LabelId::new("economic")));
}

#[test]
fn verdict_and_frame_keys_change_the_selected_claim() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    harness.state_mut().send(AppCommand::SelectClaim(Some(ClaimId::new("claim-1"))));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    harness.key_press_modifiers(Modifiers::SHIFT, Key::F); // false
    harness.run();
    assert_eq!(project(&harness).claims[0].verdict, LabelId::new("false"));
    harness.key_press_modifiers(Modifiers::ALT, Key::E); // economic frame on
    harness.run();
    assert!(project(&harness).claims[0].frames.contains(&LabelId::new("economic")));
    harness.key_press_modifiers(Modifiers::ALT, Key::E); // and off again
    harness.run();
    assert!(!project(&harness).claims[0].frames.contains(&LabelId::new("economic")));
    assert_eq!(project(&harness).claims[0].kind, LabelId::new("statistic"), "no kind key fired");
}

#[test]
fn several_key_presses_in_one_frame_all_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let text = corpus_text(SPUTNIK);
    let start = char_offset_of(&text, "Roxolana");
    harness.state_mut().send(AppCommand::SelectText(CharSpan::new(start, start)));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    // Five presses arriving between two frames, as a fast key repeat delivers them.
    for _ in 0..5 {
        harness.input_mut().events.push(egui::Event::Key {
            key: Key::ArrowRight,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: Modifiers::SHIFT,
        });
    }
    harness.step();
    harness.run();
    assert_eq!(harness.state().reader().selection().slice(&text), Some("Roxol"));
}

#[test]
fn arrow_keys_move_the_way_a_right_to_left_line_reads() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    harness.get_by_label("Title of afgazad").click();
    harness.run();
    let text = corpus_text(AFGAZAD);
    let verse = span_of(&text, "چو کشور نباشد تن من مباد");
    show_span(&mut harness, verse);
    harness.state_mut().send(AppCommand::SelectText(CharSpan::new(verse.start, verse.start)));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    // The line starts at its right edge: Shift+Ctrl+Left selects its first words.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowLeft);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowLeft);
    harness.run();
    assert_eq!(harness.state().reader().selection().slice(&text), Some("چو کشور"));
    // Right goes back: to the start of the second word.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::ArrowRight);
    harness.run();
    assert_eq!(harness.state().reader().selection().slice(&text), Some("چو "));
}

#[test]
fn another_document_opens_at_its_top_or_at_the_chosen_claim() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let text = corpus_text(SPUTNIK);
    // Far down the Sputnik text.
    let end = text.chars().count();
    harness.state_mut().send(AppCommand::SelectText(CharSpan::new(end - 1, end)));
    // The text's height is estimated until laid out: the scroll settles in a few frames.
    harness.run_steps(20);
    let top_of_text = |harness: &Harness<'_, ClaimmarkApp>| harness.state().reader().last_origin.unwrap().y;
    let scrolled = top_of_text(&harness);
    assert!(scrolled < -1000.0, "the text is scrolled down ({scrolled})");

    harness.get_by_label("Title of afgazad").click();
    harness.run();
    let top = top_of_text(&harness);
    assert!(top > 0.0, "the new document shows its first line (its text starts at {top})");

    // Back to the first document by choosing its claim: the claim is in view.
    harness.state_mut().send(AppCommand::SelectClaim(Some(ClaimId::new("claim-1"))));
    harness.run_steps(20);
    let claim = project(&harness).claim(&ClaimId::new("claim-1")).unwrap().span;
    let rect = harness.state().reader().span_screen_rects(claim)[0];
    assert!(rect.top() > 0.0 && rect.bottom() < 900.0, "the chosen claim is in view ({rect:?})");
}

#[test]
fn a_drag_selects_whole_words_and_alt_drag_the_exact_chars() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let text = corpus_text(SPUTNIK);
    let roxolana = span_of(&text, "Roxolana");
    let zigon = CharSpan::new(roxolana.end + 1, roxolana.end + 6);
    show_span(&mut harness, CharSpan::new(roxolana.start, zigon.end));
    let inside = |harness: &Harness<'_, ClaimmarkApp>, span: CharSpan| {
        harness.state().reader().span_screen_rects(span)[0].center()
    };
    let (from, to) = (inside(&harness, roxolana), inside(&harness, zigon));
    let selected = |harness: &Harness<'_, ClaimmarkApp>| {
        harness.state().reader().selection().slice(&text).unwrap().to_owned()
    };
    drag(&mut harness, from, to);
    assert_eq!(selected(&harness), "Roxolana Zigon", "from mid-word to mid-word selects both words");
    drag(&mut harness, to, from);
    assert_eq!(selected(&harness), "Roxolana Zigon", "and so does the same drag backwards");

    harness.event(egui::Event::ModifiersChanged(Modifiers::ALT));
    drag(&mut harness, from, to);
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    let exact = selected(&harness);
    assert!(
        "Roxolana Zigon".contains(&exact) && !exact.starts_with('R') && !exact.ends_with('n'),
        "Alt+drag keeps the chars under the pointer, from mid-word to mid-word: {exact:?}"
    );
}

/// Marks `needle` in the Sputnik text with the kind key `key`; returns the new claim's id.
fn mark(harness: &mut Harness<'_, ClaimmarkApp>, needle: &str, key: Key) -> ClaimId {
    let text = corpus_text(SPUTNIK);
    harness.state_mut().send(AppCommand::SelectText(span_of(&text, needle)));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    harness.key_press(key);
    harness.run();
    harness.key_press(Key::Escape); // from the claimant field back to the text
    harness.run();
    harness.state().selection().claim.clone().expect("a claim was marked")
}

#[test]
fn the_inspector_shows_another_claim_from_its_top() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let new = mark(&mut harness, "Roxolana Zigon", Key::P);
    let heading_top = harness.get_by_label("Claim").rect().top();
    harness.get_by_label("Delete claim").scroll_to_me();
    harness.run();
    assert!(
        harness.get_by_label("Claim").rect().top() < heading_top - 100.0,
        "the inspector is scrolled down"
    );
    harness.state_mut().send(AppCommand::SelectClaim(Some(ClaimId::new("claim-1"))));
    harness.run();
    assert_eq!(harness.get_by_label("Claim").rect().top(), heading_top, "another claim shows from the top");
    assert_ne!(harness.state().selection().claim, Some(new));
}

#[test]
fn undo_of_a_delete_and_redo_of_a_mark_select_the_claim_they_bring_back() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let id = mark(&mut harness, "Roxolana Zigon", Key::P);
    harness.key_press(Key::Delete);
    harness.run();
    assert!(project(&harness).claim(&id).is_none());
    assert_eq!(harness.state().selection().claim, None);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().selection().claim.as_ref(), Some(&id), "undo of the delete selects it");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(project(&harness).claim(&id).is_none(), "the mark is undone");
    assert_eq!(harness.state().selection().claim, None);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    harness.run();
    assert_eq!(harness.state().selection().claim.as_ref(), Some(&id), "redo of the mark selects it");
    harness.get_by_label_contains("Roxolana Zigon”");
}

#[test]
fn a_status_message_clears_after_a_while() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    // Frames of one second, so that a few steps are seconds.
    let mut harness = common::open_app_with(Some(&path), 1.0, common::test_data_dir());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().status(), Some("Nothing to undo"));
    harness.get_by_label("Nothing to undo");
    harness.run_steps(4);
    assert_eq!(harness.state().status(), Some("Nothing to undo"), "still there after a few seconds");
    harness.run_steps(6);
    assert_eq!(harness.state().status(), None, "gone after ten");
    assert!(harness.query_by_label("Nothing to undo").is_none());
}

#[test]
fn escape_closes_the_claims_table() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    // Opened with its key: Esc closes it.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    assert!(harness.state().windows().claims_table);
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().windows().claims_table, "Esc closes the table");
    // Clicked into: Esc closes it too; typing in its filter, Esc only leaves the field.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    harness.get_by_label("Filter claims:").click();
    harness.run();
    harness.get_by_label_contains("between 3,000 to 5,000").click();
    harness.run();
    assert_eq!(harness.state().selection().claim.as_ref().map(ClaimId::as_str), Some("claim-1"));
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Filter claims:").click();
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().windows().claims_table, "Esc in the filter leaves the field");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().windows().claims_table, "and then closes the table");
    // Clicked into the text, Esc is the text's: it deselects and leaves the table open.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    let span = project(&harness).claims[0].span;
    let claim = show_span(&mut harness, span)[0].center();
    harness.hover_at(claim);
    harness.step();
    harness.drag_at(claim);
    harness.step();
    harness.drop_at(claim);
    harness.run();
    assert_eq!(harness.state().selection().claim.as_ref().map(ClaimId::as_str), Some("claim-1"));
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.state().windows().claims_table, "Esc in the text is the text's");
    assert_eq!(harness.state().selection().claim, None, "it deselected the claim");
}

#[test]
fn a_side_panel_keeps_the_width_it_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let inspector_left = |harness: &Harness<'_, ClaimmarkApp>| harness.get_by_label("Claim").rect().left();
    let before = inspector_left(&harness);
    // Drag the inspector's edge 60 points to the left.
    let edge = before - 8.0;
    let y = 500.0;
    harness.hover_at(egui::pos2(edge, y));
    harness.step();
    harness.drag_at(egui::pos2(edge, y));
    harness.step();
    for x in [edge - 20.0, edge - 40.0, edge - 60.0] {
        harness.hover_at(egui::pos2(x, y));
        harness.step();
    }
    harness.drop_at(egui::pos2(edge - 60.0, y));
    harness.run();
    let widened = inspector_left(&harness);
    assert!((before - widened - 60.0).abs() < 3.0, "the drag widened the inspector ({before} -> {widened})");
    // Selecting claims and documents keeps it.
    harness.state_mut().send(AppCommand::SelectClaim(Some(ClaimId::new("claim-1"))));
    harness.run();
    harness.get_by_label("Title of afgazad").click();
    harness.run();
    assert_eq!(inspector_left(&harness), widened);
    // A narrower window squeezes it; wide again, it is back at the width it was given.
    harness.set_size(egui::vec2(1000.0, 900.0));
    harness.run();
    assert!(inspector_left(&harness) - 1000.0 > widened - 1400.0, "squeezed in the narrow window");
    harness.set_size(egui::vec2(1400.0, 900.0));
    harness.run();
    assert_eq!(inspector_left(&harness), widened, "the width it was given is back");
}
