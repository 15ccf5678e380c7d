//! A second writer while the app has the project open (issue 10, items 2 and 3): the
//! real `claimmark` binary changes the file behind the app, and the app neither
//! overwrites that change silently nor loses its own unsaved work; recovery is offered
//! whatever the files' times.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::anchor::CharSpan;
use claimmark::model::{Project, Taxonomy};
use claimmark::store;
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use common::{char_offset_of, corpus_text, document, open_app_with, test_data_dir};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

const SPUTNIK: &str = "sputnik-2025-12-17-eurasian-forum.txt";
/// Marked by the app.
const APP_QUOTE: &str = "Prokhor Tebin";
/// Marked by the command line behind the app's back.
const CLI_QUOTE: &str = "between 3,000 to 5,000 ISIS-K* fighters";

fn project_file(dir: &Path) -> PathBuf {
    let mut project = Project::new("second writer", Taxonomy::builtin());
    project.documents.push(document("sputnik", &corpus_text(SPUTNIK), None));
    let path = dir.join("project.ron");
    store::save(&project, &path).unwrap();
    path
}

fn open_app(path: &Path) -> Harness<'static, ClaimmarkApp> {
    open_app_with(Some(path), 1.0 / 60.0, test_data_dir())
}

/// Marks `needle` in the shown document with the "event" key, as a person would.
fn mark_in_app(harness: &mut Harness<'_, ClaimmarkApp>, needle: &str) {
    let text = corpus_text(SPUTNIK);
    let start = char_offset_of(&text, needle);
    harness.state_mut().send(AppCommand::SelectText(CharSpan::new(start, start + needle.chars().count())));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    harness.key_press(Key::E);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
}

/// `claimmark mark` in its own process, as from a terminal.
fn mark_with_cli(path: &Path, quote: &str) {
    let output = Command::new(env!("CARGO_BIN_EXE_claimmark"))
        .arg("mark")
        .arg(path)
        .args(["sputnik", "--quote", quote, "--kind", "statistic"])
        .output()
        .unwrap();
    assert!(output.status.success(), "claimmark mark: {}", String::from_utf8_lossy(&output.stderr));
}

/// The app marks a claim, `claimmark mark` marks another in the file, the app saves:
/// the project file and the app, at the question that save asks.
fn save_over_a_command_line_change(dir: &Path) -> (PathBuf, Harness<'static, ClaimmarkApp>) {
    let path = project_file(dir);
    let mut harness = open_app(&path);
    mark_in_app(&mut harness, APP_QUOTE);
    mark_with_cli(&path, CLI_QUOTE);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    (path, harness)
}

fn quotes(project: &Project) -> Vec<String> {
    let mut quotes: Vec<String> = project.claims.iter().map(|c| c.quote.exact.clone()).collect();
    quotes.sort();
    quotes
}

fn sorted(mut quotes: Vec<String>) -> Vec<String> {
    quotes.sort();
    quotes
}

fn saved_quotes(path: &Path) -> Vec<String> {
    quotes(&store::load(path).unwrap())
}

/// The window loses the system's focus and gets it back (the person was in a terminal).
fn refocus(harness: &mut Harness<'_, ClaimmarkApp>) {
    harness.input_mut().focused = false;
    harness.run();
    harness.input_mut().focused = true;
    harness.run();
}

fn unsaved_copies(dir: &Path) -> Vec<PathBuf> {
    let mut copies: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().contains(".unsaved-"))
        .collect();
    copies.sort();
    copies
}

#[test]
fn saving_over_a_change_made_by_the_command_line_asks_and_overwrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let mut harness = open_app(&path);
    mark_in_app(&mut harness, APP_QUOTE);
    mark_with_cli(&path, CLI_QUOTE);

    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("project.ron changed on disk");
    assert_eq!(saved_quotes(&path), vec![CLI_QUOTE.to_owned()], "the command line's claim is still there");
    assert!(harness.state().title().contains('•'), "the app's claim is not saved yet");

    // Cancel: nothing written, the question comes back at the next save.
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(saved_quotes(&path), vec![CLI_QUOTE.to_owned()]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("project.ron changed on disk");

    // Reload: the file as the command line left it, the app's work kept in a copy.
    harness.get_by_label("Reload, keep my changes in a copy").click();
    harness.run();
    assert_eq!(quotes(harness.state().project()), vec![CLI_QUOTE.to_owned()]);
    assert!(!harness.state().title().contains('•'), "what is open is what is on disk");
    let copies = unsaved_copies(dir.path());
    assert_eq!(copies.len(), 1, "one copy of the unsaved work: {copies:?}");
    assert_eq!(saved_quotes(&copies[0]), vec![APP_QUOTE.to_owned()], "the app's claim is in the copy");
    assert!(harness.state().status().unwrap_or_default().contains(".unsaved-"), "the status says where");

    // From now on a save is of the reloaded version: no question.
    mark_in_app(&mut harness, APP_QUOTE);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.query_by_label("project.ron changed on disk").is_none());
    assert_eq!(saved_quotes(&path), sorted(vec![APP_QUOTE.to_owned(), CLI_QUOTE.to_owned()]));
}

#[test]
fn a_file_touched_without_a_change_saves_without_a_question() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let mut harness = open_app(&path);
    mark_in_app(&mut harness, APP_QUOTE);
    // `claimmark fmt` rewrites the file with the same bytes: a new time, the same content.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let same = std::fs::read(&path).unwrap();
    std::fs::write(&path, same).unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(harness.query_by_label("project.ron changed on disk").is_none());
    assert_eq!(saved_quotes(&path), vec![APP_QUOTE.to_owned()]);
}

#[test]
fn back_in_the_window_an_unchanged_project_is_reloaded_and_a_changed_one_asks() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let mut harness = open_app(&path);

    // Nothing unsaved: the command line's claim simply appears.
    mark_with_cli(&path, CLI_QUOTE);
    refocus(&mut harness);
    assert_eq!(quotes(harness.state().project()), vec![CLI_QUOTE.to_owned()]);
    assert!(harness.state().status().unwrap_or_default().contains("Reloaded"));
    assert!(harness.query_by_label("project.ron changed on disk").is_none());

    // Unsaved work: a question, and "Not now" changes nothing.
    mark_in_app(&mut harness, APP_QUOTE);
    mark_with_cli(&path, "Roxolana Zigon");
    refocus(&mut harness);
    harness.get_by_label("project.ron changed on disk");
    harness.get_by_label("Not now").click();
    harness.run();
    assert_eq!(quotes(harness.state().project()), sorted(vec![APP_QUOTE.to_owned(), CLI_QUOTE.to_owned()]));
    assert_eq!(saved_quotes(&path), sorted(vec![CLI_QUOTE.to_owned(), "Roxolana Zigon".to_owned()]));
}

#[test]
fn recovery_is_offered_when_the_project_file_was_touched_after_the_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let recovery = store::recovery_path(&path);
    let mut harness = open_app(&path);
    mark_in_app(&mut harness, APP_QUOTE);
    harness.run_steps(31 * 60); // the autosave after 30 s
    assert!(recovery.exists());
    // The command line writes the project file after the autosave, then the app dies.
    std::thread::sleep(std::time::Duration::from_millis(20));
    mark_with_cli(&path, CLI_QUOTE);
    assert!(
        std::fs::metadata(&path).unwrap().modified().unwrap()
            > std::fs::metadata(&recovery).unwrap().modified().unwrap()
    );
    drop(harness);

    let mut harness = open_app(&path);
    harness.get_by_label("Restore unsaved work?");
    // Esc is no choice: the question and the file stay.
    harness.key_press(Key::Escape);
    harness.run();
    harness.get_by_label("Restore unsaved work?");
    assert!(recovery.exists());
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(quotes(harness.state().project()), vec![APP_QUOTE.to_owned()]);
    assert!(harness.state().title().contains('•'));
    assert!(recovery.exists(), "kept until a save includes it");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    // The file changed after the autosave: the save asks; Overwrite is a choice.
    harness.get_by_label("Overwrite").click();
    harness.run();
    assert!(!recovery.exists(), "a save of the restored work removes it");
    assert_eq!(saved_quotes(&path), vec![APP_QUOTE.to_owned()]);
}

#[test]
fn a_recovery_file_equal_to_the_project_is_not_offered() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let recovery = store::recovery_path(&path);
    std::fs::copy(&path, &recovery).unwrap();
    // Newer than the project, and the same: nothing to restore.
    let harness = open_app(&path);
    assert!(harness.query_by_label("Restore unsaved work?").is_none());
    assert!(!recovery.exists());
}

#[test]
fn a_second_app_on_the_same_file_opens_it_read_only_or_edits_it_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let original = std::fs::read(&path).unwrap();
    let first = open_app(&path);
    assert!(first.query_by_label("project.ron is open in another claimmark").is_none());

    let mut second = open_app(&path);
    second.get_by_label("project.ron is open in another claimmark");
    second.get_by_label_contains("the claimmark app (pid");
    second.get_by_label("Keep read-only").click();
    second.run();
    assert!(second.state().title().contains("(read-only)"));
    mark_in_app(&mut second, APP_QUOTE);
    second.key_press_modifiers(Modifiers::COMMAND, Key::S);
    second.run();
    assert!(second.query_all_by_label("Save project as").count() > 0, "Save asks for another name");
    assert_eq!(std::fs::read(&path).unwrap(), original, "a read-only window does not save over the file");
    drop(second);

    // Asked to, a second window edits and saves the file.
    let mut third = open_app(&path);
    third.get_by_label("Edit anyway").click();
    third.run();
    assert!(!third.state().title().contains("(read-only)"));
    mark_in_app(&mut third, APP_QUOTE);
    third.key_press_modifiers(Modifiers::COMMAND, Key::S);
    third.run();
    assert_eq!(saved_quotes(&path), vec![APP_QUOTE.to_owned()]);
    drop(third);

    // Once the first window is gone, the file opens for editing without a question.
    drop(first);
    let fourth = open_app(&path);
    assert!(fourth.query_by_label("project.ron is open in another claimmark").is_none());
    assert!(!fourth.state().title().contains("(read-only)"));
}

#[test]
fn a_save_while_another_writer_holds_the_lock_waits_then_says_who_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let original = std::fs::read(&path).unwrap();
    let mut harness = open_app(&path);
    mark_in_app(&mut harness, APP_QUOTE);
    // The command line in the middle of a read-modify-write.
    let lock = store::ProjectLock::acquire(&path, "claimmark mark", Duration::ZERO, |_| {}).unwrap();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("Could not save");
    harness.get_by_label_contains("claimmark mark (pid");
    assert_eq!(std::fs::read(&path).unwrap(), original, "nothing written");
    assert!(harness.state().title().contains('•'), "the changes are still unsaved");
    harness.get_by_label("OK").click();
    harness.run();
    drop(lock);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(saved_quotes(&path), vec![APP_QUOTE.to_owned()]);
}

#[test]
fn restored_work_is_still_checked_against_the_file_before_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let recovery = store::recovery_path(&path);
    let mut stale = store::load(&path).unwrap();
    stale.name = "restored".into();
    store::write_atomically(&recovery, store::to_ron_string(&stale).unwrap().as_bytes(), false).unwrap();
    let mut harness = open_app(&path);
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(harness.state().project().name, "restored");
    mark_with_cli(&path, CLI_QUOTE);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("project.ron changed on disk");
    assert_eq!(saved_quotes(&path), vec![CLI_QUOTE.to_owned()]);
}

#[test]
fn save_a_copy_proposes_a_copy_and_a_save_as_onto_the_file_itself_still_asks() {
    use egui::accesskit::Role;
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    // The project opened under another spelling of its path.
    let spelled = dir.path().join(".").join("project.ron");
    let mut harness = open_app(&spelled);
    mark_in_app(&mut harness, APP_QUOTE);
    mark_with_cli(&path, CLI_QUOTE);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("Save a copy…").click();
    harness.run();
    let field = || harness.get_by_role_and_label(Role::TextInput, "File name").value();
    assert_eq!(field().as_deref(), Some("project-copy.ron"), "a copy's name, not the file's own");
    // Typed over with the file's own name, Save, Replace: still this file, still a question.
    harness.get_by_role_and_label(Role::TextInput, "File name").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_role_and_label(Role::TextInput, "File name").type_text("project.ron");
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Save").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "Replace").click();
    harness.run();
    harness.get_by_label("project.ron changed on disk");
    assert_eq!(saved_quotes(&path), vec![CLI_QUOTE.to_owned()], "the command line's claim is still there");
}

#[test]
fn overwrite_is_a_choice_and_keeps_the_replaced_version_beside_the_file_and_as_bak() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut harness) = save_over_a_command_line_change(dir.path());
    harness.get_by_label("Overwrite").click();
    harness.run();
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().starts_with("project.replaced-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(saved_quotes(&kept[0]), vec![CLI_QUOTE.to_owned()]);
    assert_eq!(saved_quotes(&path), vec![APP_QUOTE.to_owned()]);
    assert_eq!(saved_quotes(&store::backup_path(&path)), vec![CLI_QUOTE.to_owned()]);
    assert!(!harness.state().title().contains('•'));
    assert!(harness.state().status().unwrap_or_default().contains(".replaced-"));
    // A second save replaces the .bak; the kept version stays.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(saved_quotes(&kept[0]), vec![CLI_QUOTE.to_owned()]);
}

#[test]
fn restoring_work_autosaved_before_another_program_saved_asks_before_saving() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let mut harness = open_app(&path);
    mark_in_app(&mut harness, APP_QUOTE);
    harness.run_steps(31 * 60); // the autosave
    drop(harness); // killed
    mark_with_cli(&path, CLI_QUOTE);

    let mut harness = open_app(&path);
    harness.get_by_label_contains("was saved by another program after this work was autosaved");
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(quotes(harness.state().project()), vec![APP_QUOTE.to_owned()]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("project.ron changed on disk");
    assert_eq!(
        saved_quotes(&path),
        vec![CLI_QUOTE.to_owned()],
        "nothing saved over the command line's claim"
    );
}

/// Undo steps name the positions of their records. After another program changed the
/// file and the app reloaded it, those positions belong to a project that is gone: undo
/// must not act on the reloaded one (the claim the app marked stays, and so does the
/// command line's, which moved it).
#[test]
fn undo_after_a_reload_does_not_reach_into_the_other_programs_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let mut harness = open_app(&path);
    mark_in_app(&mut harness, APP_QUOTE);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(saved_quotes(&path), vec![APP_QUOTE.to_owned()]);
    // The command line's claim comes first in the text, so the app's moves to second.
    let text = corpus_text(SPUTNIK);
    assert!(char_offset_of(&text, CLI_QUOTE) < char_offset_of(&text, APP_QUOTE));
    mark_with_cli(&path, CLI_QUOTE);
    refocus(&mut harness);
    assert!(harness.state().status().unwrap_or_default().contains("Reloaded"));
    let both = sorted(vec![APP_QUOTE.to_owned(), CLI_QUOTE.to_owned()]);
    assert_eq!(quotes(harness.state().project()), both);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(quotes(harness.state().project()), both, "nothing of the old history applies");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert_eq!(saved_quotes(&path), both);
}
