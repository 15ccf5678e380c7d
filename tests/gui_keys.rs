//! Keys as a fast typist sends them, driven headlessly: keys typed in the same frame as
//! a key that moves the focus (mark a claim, then type its claimant; G, then type a
//! group's name) all go to the field that gets the focus, none is lost and none is also
//! read as a command; and every change a key makes is on screen after that key, without
//! waiting for the mouse to move.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::anchor::CharSpan;
use claimmark::model::{ClaimGroup, ClaimId, GroupId, LabelId, Project, Taxonomy};
use claimmark::store;
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use common::{char_offset_of, claim_on, corpus_text, document, open_app};
use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

const SPUTNIK: &str = "sputnik-2025-12-17-eurasian-forum.txt";

fn project_file(dir: &Path) -> PathBuf {
    let sputnik = corpus_text(SPUTNIK);
    let mut project = Project::new("keys test", Taxonomy::builtin());
    project.documents.push(document("sputnik", &sputnik, None));
    project.groups.push(ClaimGroup {
        id: GroupId::new("group-1"),
        name: "Daesh threat".into(),
        notes: String::new(),
    });
    project.claims.push(claim_on("claim-1", "sputnik", &sputnik, "between 3,000 to 5,000 ISIS-K* fighters"));
    let path = dir.join("project.ron");
    store::save(&project, &path).unwrap();
    path
}

/// The key a char is typed with, and whether Shift is held for it.
fn key_of(c: char) -> (Key, Modifiers) {
    let key = match c {
        ' ' => Key::Space,
        _ => Key::from_name(&c.to_ascii_uppercase().to_string()).unwrap(),
    };
    let modifiers = if c.is_uppercase() { Modifiers::SHIFT } else { Modifiers::NONE };
    (key, modifiers)
}

/// The events of one key stroke as a desktop sends them: the press, the text it types
/// (if any), the release.
fn stroke(key: Key, modifiers: Modifiers, text: Option<char>) -> Vec<Event> {
    let event = |pressed| Event::Key { key, physical_key: None, pressed, repeat: false, modifiers };
    let mut events = vec![event(true)];
    events.extend(text.map(|c| Event::Text(c.to_string())));
    events.push(event(false));
    events
}

/// The key strokes that type `text`.
fn typing(text: &str) -> Vec<Event> {
    text.chars()
        .flat_map(|c| {
            let (key, modifiers) = key_of(c);
            stroke(key, modifiers, Some(c))
        })
        .collect()
}

/// Puts `events` into the input of the next frame, all at once.
fn deliver(harness: &mut Harness<'_, ClaimmarkApp>, events: Vec<Event>) {
    harness.input_mut().events.extend(events);
}

fn select_text(harness: &mut Harness<'_, ClaimmarkApp>, needle: &str) -> CharSpan {
    let text = corpus_text(SPUTNIK);
    let start = char_offset_of(&text, needle);
    let span = CharSpan::new(start, start + needle.chars().count());
    harness.state_mut().send(AppCommand::SelectText(span));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    span
}

/// Undoes with Ctrl+Z until nothing is left, returning the labels of the steps undone.
fn undo_all(harness: &mut Harness<'_, ClaimmarkApp>) -> Vec<String> {
    let mut labels = Vec::new();
    while let Some(label) = harness.state().open_project().history.undo_label().map(str::to_owned) {
        labels.push(label);
        harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
        harness.run();
        assert!(labels.len() < 10, "undo does not end");
    }
    labels
}

fn new_claim(harness: &Harness<'_, ClaimmarkApp>) -> claimmark::model::Claim {
    let project = harness.state().project();
    project.claims.iter().find(|c| c.id.as_str() != "claim-1").cloned().expect("a claim was marked")
}

fn assert_claimant_typed_after_the_mark(harness: &mut Harness<'_, ClaimmarkApp>, span: CharSpan) {
    let claim = new_claim(harness);
    assert_eq!(claim.span, span);
    assert_eq!(claim.claimant, "Jam Kamal Khan", "every key after P went to the claimant");
    assert_eq!(claim.kind, LabelId::new("prediction"), "no letter of the name was read as a kind key");
    let old = harness.state().project().claim(&ClaimId::new("claim-1")).unwrap().clone();
    assert_eq!(old.kind, LabelId::new("statistic"), "nor did it change the claim selected before");
    assert_eq!(old.verdict, LabelId::new("unverified"), "nor its verdict (Shift+K, Shift+J)");
    assert_eq!(
        harness.ctx.memory(|m| m.focused()),
        Some(claimmark::ui::reader::reader_id()),
        "Enter took the focus back to the text"
    );
    assert_eq!(undo_all(harness), ["Edit claimant", "Mark Prediction claim"]);
}

#[test]
fn keys_typed_in_the_same_frame_as_the_mark_all_go_to_the_claimant() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let span = select_text(&mut harness, "Roxolana Zigon");
    let mut events = stroke(Key::P, Modifiers::NONE, Some('p'));
    events.extend(typing("Jam Kamal Khan"));
    events.extend(stroke(Key::Enter, Modifiers::NONE, None));
    deliver(&mut harness, events);
    harness.run();
    assert_claimant_typed_after_the_mark(&mut harness, span);
}

#[test]
fn keys_typed_in_the_frames_right_after_the_mark_all_go_to_the_claimant() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    // A claim selected before: a kind key read by the text would change that one.
    harness.state_mut().send(AppCommand::SelectClaim(Some(ClaimId::new("claim-1"))));
    harness.run();
    let span = select_text(&mut harness, "Roxolana Zigon");
    deliver(&mut harness, stroke(Key::P, Modifiers::NONE, Some('p')));
    harness.step();
    // One key a frame, as a typist at 50 ms a key on a busy machine sends them.
    for c in "Jam Kamal Khan".chars() {
        let (key, modifiers) = key_of(c);
        deliver(&mut harness, stroke(key, modifiers, Some(c)));
        harness.step();
    }
    deliver(&mut harness, stroke(Key::Enter, Modifiers::NONE, None));
    harness.run();
    assert_claimant_typed_after_the_mark(&mut harness, span);
}

#[test]
fn keys_typed_with_the_g_key_all_go_to_the_group_picker() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let span = select_text(&mut harness, "Roxolana Zigon");
    harness.key_press(Key::E); // an "event" claim, selected
    harness.run();
    harness.key_press(Key::Escape); // back to the text
    harness.run();
    let claim = new_claim(&harness);
    assert_eq!(claim.span, span);
    assert_eq!(harness.ctx.memory(|m| m.focused()), Some(claimmark::ui::reader::reader_id()));
    // G and the start of a group's name in one frame, the rest in the next.
    let mut events = stroke(Key::G, Modifiers::NONE, Some('g'));
    events.extend(typing("da"));
    deliver(&mut harness, events);
    harness.step();
    let mut events = typing("esh");
    events.extend(stroke(Key::Enter, Modifiers::NONE, None));
    deliver(&mut harness, events);
    // Enter waits a frame for the field to filter the groups by the text before it.
    harness.step();
    harness.run();
    let claim = harness.state().project().claim(&claim.id).unwrap().clone();
    assert_eq!(claim.group, Some(GroupId::new("group-1")), "\"daesh\" chose the Daesh group");
    assert_eq!(claim.kind, LabelId::new("event"), "no letter was read as a kind key");
    assert!(harness.query_by_label("Put the claim into a group").is_none(), "Enter closed the picker");
}

/// Whether a list entry whose label contains `label` is drawn selected.
fn shown_selected(harness: &Harness<'_, ClaimmarkApp>, label: &str) -> bool {
    use egui_kittest::kittest::NodeT as _;
    harness
        .query_all_by_label_contains(label)
        .any(|node| node.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True))
}

/// The project of [`project_file`] with its claim in the group "Daesh threat", and a
/// second group, "Working groups", holding a second claim, on "Roxolana Zigon".
fn two_groups_file(dir: &Path) -> PathBuf {
    let path = project_file(dir);
    let mut project = store::load(&path).unwrap();
    project.groups.push(ClaimGroup {
        id: GroupId::new("group-2"),
        name: "Working groups".into(),
        notes: String::new(),
    });
    project.claims[0].group = Some(GroupId::new("group-1"));
    let text = corpus_text(SPUTNIK);
    let mut claim = claim_on("claim-2", "sputnik", &text, "Roxolana Zigon");
    claim.group = Some(GroupId::new("group-2"));
    project.claims.push(claim);
    store::save(&project, &path).unwrap();
    path
}

fn select_claim_in_text(harness: &mut Harness<'_, ClaimmarkApp>, claim: &str) {
    harness.state_mut().send(AppCommand::SelectClaim(Some(ClaimId::new(claim))));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
}

#[test]
fn g_shows_the_picker_with_its_field_focused_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&two_groups_file(dir.path()));
    select_claim_in_text(&mut harness, "claim-2");
    harness.key_press(Key::G);
    harness.run();
    harness.get_by_label("Put the claim into a group");
    assert!(field_focused(&harness), "the field has the focus");
    assert!(shown_selected(&harness, "Working groups"), "the claim's own group is highlighted");
    harness.key_press(Key::ArrowUp);
    harness.run();
    assert!(shown_selected(&harness, "Daesh threat"), "↑ moves the highlight");
    assert!(!shown_selected(&harness, "Working groups"));
}

fn field_focused(harness: &Harness<'_, ClaimmarkApp>) -> bool {
    harness.ctx.memory(|m| m.focused()) == Some(claimmark::ui::group_picker::query_field_id())
}

#[test]
fn undo_and_redo_are_on_screen_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    select_text(&mut harness, "Roxolana Zigon");
    harness.key_press(Key::P);
    harness.run();
    harness.event(Event::Text("Jam Kamal Khan".into()));
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(harness.get_by_label("Claimant").value().as_deref(), Some("Jam Kamal Khan"));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.get_by_label("Claimant").value().as_deref(), Some(""), "undo is drawn");
    harness.get_by_label_contains("Undid: Edit claimant");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    harness.run();
    assert_eq!(harness.get_by_label("Claimant").value().as_deref(), Some("Jam Kamal Khan"), "redo is drawn");
}

#[test]
fn the_groups_list_highlights_the_group_a_key_put_the_claim_into() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&two_groups_file(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    harness.run();
    select_claim_in_text(&mut harness, "claim-2");
    assert!(shown_selected(&harness, "Working groups"), "the list shows the selected claim's group");
    // J goes to the other claim: its group is highlighted.
    harness.key_press(Key::J);
    harness.run();
    assert_eq!(harness.state().selection().claim, Some(ClaimId::new("claim-1")));
    assert!(shown_selected(&harness, "Daesh threat"), "J: the list follows");
    // G puts it into the other group: the list follows at once.
    harness.key_press(Key::G);
    harness.run();
    harness.event(Event::Text("working".into()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        harness.state().project().claim(&ClaimId::new("claim-1")).unwrap().group,
        Some(GroupId::new("group-2"))
    );
    assert!(shown_selected(&harness, "Working groups"), "G: the list follows");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(shown_selected(&harness, "Daesh threat"), "undo: the list follows");
}

#[test]
fn keys_typed_with_ctrl_f_go_to_the_search_field_and_replace_the_last_query() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    let claims = harness.state().project().claims.clone();
    // Ctrl+F and the word in one frame, as a fast typist sends them.
    let mut events = stroke(Key::F, Modifiers::COMMAND, None);
    events.extend(typing("Moscow"));
    deliver(&mut harness, events);
    harness.run();
    assert!(harness.state().search_open());
    assert_eq!(harness.state().search_query(), "Moscow", "no key lost, none read by the text");
    assert_eq!(harness.state().project().claims, claims, "no letter marked or changed a claim");

    // Back in the text, Ctrl+F again: the old query is selected, typing replaces it.
    harness.key_press(Key::Escape);
    harness.run();
    let mut events = stroke(Key::F, Modifiers::COMMAND, None);
    events.extend(typing("forum"));
    deliver(&mut harness, events);
    harness.run();
    assert_eq!(harness.state().search_query(), "forum");
}
