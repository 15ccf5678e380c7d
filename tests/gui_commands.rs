//! The one command list in the app, driven headlessly: the command palette
//! (Ctrl+Shift+P) runs a window toggle and a text command, the Text menu runs the keys of
//! the text by name, the list of keys (F1) shows every command and the taxonomy's keys,
//! and a text command's letter typed into a field stays in the field.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::model::{ClaimId, Project, Taxonomy};
use claimmark::store;
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::{AppCommand, UiCommand};
use common::{claim_on, corpus_text, document, open_app};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

const SPUTNIK: &str = "sputnik-2025-12-17-eurasian-forum.txt";

fn project_file(dir: &Path) -> PathBuf {
    let sputnik = corpus_text(SPUTNIK);
    let mut project = Project::new("commands test", Taxonomy::builtin());
    project.documents.push(document("sputnik", &sputnik, None));
    project.claims.push(claim_on("claim-1", "sputnik", &sputnik, "between 3,000 to 5,000 ISIS-K* fighters"));
    project.claims.push(claim_on(
        "claim-2",
        "sputnik",
        &sputnik,
        "over $7 billion in American military equipment",
    ));
    let path = dir.join("project.ron");
    store::save(&project, &path).unwrap();
    path
}

fn palette(harness: &mut Harness<'_, ClaimmarkApp>, query: &str) {
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::P);
    harness.run();
    harness.get_by_label("Command:").type_text(query);
    harness.run();
}

/// The claim ids in the order they stand in the text.
fn text_order(harness: &Harness<'_, ClaimmarkApp>) -> Vec<String> {
    let mut claims: Vec<_> = harness.state().project().claims.iter().collect();
    claims.sort_by_key(|c| c.span.start);
    claims.iter().map(|c| c.id.to_string()).collect()
}

fn selected_claim(harness: &Harness<'_, ClaimmarkApp>) -> Option<String> {
    harness.state().selection().claim.as_ref().map(ClaimId::to_string)
}

#[test]
fn the_palette_finds_a_command_by_name_and_enter_runs_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    assert!(!harness.state().windows().groups);
    palette(&mut harness, "claim groups");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().windows().groups, "Enter ran the highlighted command");
    assert!(harness.query_by_label("Command:").is_none(), "the palette closed");

    // Down moves to the second match; Escape closes without running anything.
    palette(&mut harness, "claim");
    harness.key_press(Key::Escape);
    harness.run();
    assert!(harness.query_by_label("Command:").is_none());
    assert!(harness.state().windows().groups, "nothing else changed");
}

#[test]
fn the_palette_runs_a_text_command_on_the_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    assert_eq!(selected_claim(&harness), None);
    let order = text_order(&harness);
    palette(&mut harness, "next claim");
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(selected_claim(&harness), Some(order[0].clone()), "as J in the text would");
    assert_eq!(harness.ctx.memory(|m| m.focused()), Some(claimmark::ui::reader::reader_id()));
    // J in the text, now that it has the focus, goes on to the next claim.
    harness.key_press(Key::J);
    harness.run();
    assert_eq!(selected_claim(&harness), Some(order[1].clone()));
    // Deleting by name, then undo brings it back.
    palette(&mut harness, "delete claim");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().project().claim(&ClaimId::new(order[1].as_str())).is_none());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().project().claim(&ClaimId::new(order[1].as_str())).is_some());
}

#[test]
fn every_menu_lists_the_commands_of_its_group_and_the_text_menu_runs_them() {
    use claimmark::ui::command::MenuGroup;
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    for (group, title) in [
        (MenuGroup::File, "File"),
        (MenuGroup::Edit, "Edit"),
        (MenuGroup::View, "View"),
        (MenuGroup::Text, "Text"),
        (MenuGroup::Help, "Help"),
    ] {
        harness.get_by_label(title).click();
        harness.run();
        for command in UiCommand::all().filter(|c| c.menu_group() == group) {
            assert!(
                harness.query_all_by_label_contains(command.name()).next().is_some(),
                "{} is in the {title} menu",
                command.name()
            );
        }
        harness.key_press(Key::Escape);
        harness.run();
    }
    harness.get_by_label("Text").click();
    harness.run();
    harness.get_by_label_contains("Previous claim").click();
    harness.run();
    let last = text_order(&harness).pop();
    assert_eq!(selected_claim(&harness), last, "from the start, back to the last claim of the text");
}

#[test]
fn f1_lists_every_command_and_the_taxonomy_keys() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    harness.key_press(Key::F1);
    harness.run();
    assert!(harness.state().windows().shortcuts);
    for command in UiCommand::all() {
        assert!(harness.query_all_by_label(command.name()).next().is_some(), "{} is listed", command.name());
    }
    // The kinds, verdicts and frames of this project, with their keys.
    harness.get_by_label("Statistic / quantity");
    harness.get_by_label("Shift+F");
    harness.get_by_label("Alt+E");
    harness.key_press(Key::F1);
    harness.run();
    assert!(!harness.state().windows().shortcuts, "F1 again closes it");
}

#[test]
fn a_text_key_typed_in_a_field_stays_in_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    harness.state_mut().send(AppCommand::SelectClaim(Some(ClaimId::new("claim-1"))));
    harness.run();
    harness.get_by_label("Claimant").click();
    harness.run();
    // J and K navigate in the text; in the claimant field they are letters.
    harness.get_by_label("Claimant").type_text("JK");
    harness.run();
    assert_eq!(selected_claim(&harness).as_deref(), Some("claim-1"), "no navigation");
    let claimant = &harness.state().project().claim(&ClaimId::new("claim-1")).unwrap().claimant;
    assert!(claimant.ends_with("JK"), "{claimant}");
}

#[test]
fn find_from_the_palette_leaves_the_focus_in_the_search_field() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    palette(&mut harness, "find in text");
    harness.key_press(Key::Enter);
    harness.run();
    assert!(harness.state().search_open());
    // Typing goes into the field, and J there is a letter, not the next claim.
    harness.key_press(Key::J);
    harness.input_mut().events.push(egui::Event::Text("jk".into()));
    harness.run();
    assert_eq!(selected_claim(&harness), None);
    assert!(harness.query_all_by_value("jk").next().is_some(), "typed into the search field");
}

#[test]
fn a_text_command_after_an_edit_of_the_same_frame_sees_the_new_claims() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    let order = text_order(&harness);
    harness.state_mut().send(AppCommand::SelectClaim(Some(ClaimId::new(order[1].as_str()))));
    harness.run();
    // Delete the last claim of the text and go to the next one, in one batch: the reader
    // must not use what it drew before the delete.
    harness.state_mut().send(AppCommand::DeleteClaim(ClaimId::new(order[1].as_str())));
    harness.state_mut().send(AppCommand::Run(UiCommand::NextClaim));
    harness.run();
    assert_eq!(selected_claim(&harness), Some(order[0].clone()), "the one claim left");
}
