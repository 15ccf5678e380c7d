//! The in-app file dialog, driven as a user drives it (clicks, double clicks, typing, keys)
//! with egui_kittest, in a temporary folder:
//!
//! ```text
//! <tmp>/sub/inner.ron
//! <tmp>/sub/deeper/
//! <tmp>/alpha.ron  <tmp>/Beta.ron  <tmp>/notes.txt  <tmp>/.hidden.ron
//! ```
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

use std::path::{Path, PathBuf};

use claimmark::ui::file_dialog::{FileDialog, FileDialogMode, FileDialogResult};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

/// The dialog and what its last `show` returned; the app stops calling `show` once it is final.
struct Screen {
    dialog: FileDialog,
    result: FileDialogResult,
}

fn harness(dialog: FileDialog) -> Harness<'static, Screen> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(900.0, 700.0))
        // Steps 1/60 s apart, as on a real screen, so that two clicks make a double click.
        .with_step_dt(1.0 / 60.0)
        .build_ui_state(
            |ui, screen: &mut Screen| {
                if screen.result == FileDialogResult::Pending {
                    screen.result = screen.dialog.show(ui.ctx());
                }
            },
            Screen { dialog, result: FileDialogResult::Pending },
        );
    harness.run();
    harness
}

/// A temporary folder with the files of the module documentation.
fn fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
    for name in ["sub/inner.ron", "alpha.ron", "Beta.ron", "notes.txt", ".hidden.ron"] {
        std::fs::write(root.join(name), format!("contents of {name}")).unwrap();
    }
    dir
}

fn ron_filter() -> Vec<(String, Vec<String>)> {
    vec![("claimmark project".to_owned(), vec!["ron".to_owned()])]
}

fn open_dialog(mode: FileDialogMode, start: &Path) -> FileDialog {
    FileDialog::new(mode, "Open project", start.to_path_buf(), ron_filter())
}

/// The labels of the list's rows, top to bottom.
fn rows(harness: &Harness<'_, Screen>) -> Vec<String> {
    harness
        .query_all_by_role(Role::ListBoxOption)
        .map(|node| node.accesskit_node().label().unwrap_or_default())
        .collect()
}

fn is_selected(harness: &Harness<'_, Screen>, label: &str) -> bool {
    harness.get_by_role_and_label(Role::ListBoxOption, label).accesskit_node().is_selected() == Some(true)
}

fn folder_field(harness: &Harness<'_, Screen>) -> String {
    harness.get_by_role_and_label(Role::TextInput, "Folder").value().unwrap_or_default()
}

fn double_click_row(harness: &mut Harness<'_, Screen>, label: &str) {
    let row = harness.get_by_role_and_label(Role::ListBoxOption, label);
    row.click();
    row.click();
    harness.run();
    // Half a second, as a person takes: a click soon after would count as a triple click.
    harness.run_steps(30);
}

fn click_row(harness: &mut Harness<'_, Screen>, label: &str) {
    harness.get_by_role_and_label(Role::ListBoxOption, label).click();
    harness.run();
    // A second click on the same row right away would count as a double click.
    harness.run_steps(30);
}

fn click_button(harness: &mut Harness<'_, Screen>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

fn press(harness: &mut Harness<'_, Screen>, key: Key) {
    harness.key_press(key);
    harness.run();
}

/// Focuses a text field, replaces its text with `text` and presses Enter.
fn type_into(harness: &mut Harness<'_, Screen>, field: &str, text: &str) {
    harness.get_by_role_and_label(Role::TextInput, field).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_role_and_label(Role::TextInput, field).type_text(text);
    harness.run();
    press(harness, Key::Enter);
}

fn picked(paths: &[PathBuf]) -> FileDialogResult {
    FileDialogResult::Picked(paths.to_vec())
}

fn has_text(harness: &Harness<'_, Screen>, needle: &str) -> bool {
    harness.query_all_by(|node| node.value().is_some_and(|v| v.contains(needle))).next().is_some()
        || harness.query_by_label_contains(needle).is_some()
}

#[test]
fn double_click_opens_a_folder_then_picks_a_file() {
    let tmp = fixture();
    let mut harness = harness(open_dialog(FileDialogMode::Open, tmp.path()));
    assert_eq!(folder_field(&harness), tmp.path().display().to_string());

    double_click_row(&mut harness, "sub");
    assert_eq!(harness.state().result, FileDialogResult::Pending);
    assert_eq!(folder_field(&harness), tmp.path().join("sub").display().to_string());
    assert_eq!(rows(&harness), ["deeper", "inner.ron"]);

    double_click_row(&mut harness, "inner.ron");
    assert_eq!(harness.state().result, picked(&[tmp.path().join("sub/inner.ron")]));
}

#[test]
fn single_click_selects_and_open_picks_the_selection() {
    let tmp = fixture();
    let mut harness = harness(open_dialog(FileDialogMode::Open, tmp.path()));
    assert!(
        harness.get_by_role_and_label(Role::Button, "Open").accesskit_node().is_disabled(),
        "nothing selected yet"
    );

    click_row(&mut harness, "Beta.ron");
    assert!(is_selected(&harness, "Beta.ron"));
    assert!(!is_selected(&harness, "alpha.ron"));
    assert_eq!(harness.state().result, FileDialogResult::Pending, "one click only selects");

    click_row(&mut harness, "alpha.ron");
    assert!(is_selected(&harness, "alpha.ron"));
    assert!(!is_selected(&harness, "Beta.ron"), "Open mode selects one file");

    click_button(&mut harness, "Open");
    assert_eq!(harness.state().result, picked(&[tmp.path().join("alpha.ron")]));
}

#[test]
fn folders_come_first_then_files_case_insensitively_and_the_filter_hides_other_files() {
    let tmp = fixture();
    let mut harness = harness(open_dialog(FileDialogMode::Open, tmp.path()));
    assert_eq!(rows(&harness), ["sub", "alpha.ron", "Beta.ron"]);

    // Choose "All files" in the file type list.
    harness.get_by_role_and_label(Role::ComboBox, "File type").click();
    harness.run();
    harness.get_by_label("All files").click();
    harness.run();
    assert_eq!(rows(&harness), ["sub", "alpha.ron", "Beta.ron", "notes.txt"]);

    harness.get_by_label("Show hidden files").click();
    harness.run();
    assert_eq!(rows(&harness), ["sub", ".hidden.ron", "alpha.ron", "Beta.ron", "notes.txt"]);
}

#[test]
fn open_many_selects_with_ctrl_and_shift_clicks() {
    let tmp = fixture();
    let dialog = FileDialog::new(FileDialogMode::OpenMany, "Import texts", tmp.path().to_path_buf(), vec![]);
    let mut harness = harness(dialog);
    assert_eq!(rows(&harness), ["sub", "alpha.ron", "Beta.ron", "notes.txt"], "no filter: all files");

    click_row(&mut harness, "alpha.ron");
    harness.get_by_role_and_label(Role::ListBoxOption, "notes.txt").click_modifiers(Modifiers::SHIFT);
    harness.run();
    assert!(
        is_selected(&harness, "alpha.ron")
            && is_selected(&harness, "Beta.ron")
            && is_selected(&harness, "notes.txt")
    );
    assert!(!is_selected(&harness, "sub"));

    harness.get_by_role_and_label(Role::ListBoxOption, "Beta.ron").click_modifiers(Modifiers::COMMAND);
    harness.run();
    assert!(!is_selected(&harness, "Beta.ron"), "Ctrl-click takes a row out of the selection");

    click_button(&mut harness, "Open");
    assert_eq!(harness.state().result, picked(&[tmp.path().join("alpha.ron"), tmp.path().join("notes.txt")]));
}

#[test]
fn save_with_a_new_name_adds_the_filter_extension() {
    let tmp = fixture();
    let dialog =
        FileDialog::new(FileDialogMode::Save, "Save project", tmp.path().to_path_buf(), ron_filter());
    let mut harness = harness(dialog);
    // The name field has the focus from the start: just type.
    harness.get_by_role_and_label(Role::TextInput, "File name").type_text("report");
    harness.run();
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().result, picked(&[tmp.path().join("report.ron")]));
}

#[test]
fn save_proposes_the_given_name_with_its_stem_selected() {
    let tmp = fixture();
    let dialog =
        FileDialog::new(FileDialogMode::Save, "Save project", tmp.path().to_path_buf(), ron_filter())
            .with_file_name("draft.ron");
    let mut harness = harness(dialog);
    assert_eq!(
        harness.get_by_role_and_label(Role::TextInput, "File name").value().as_deref(),
        Some("draft.ron")
    );
    // Typing replaces the selected stem and keeps the extension.
    harness.get_by_role_and_label(Role::TextInput, "File name").type_text("final");
    harness.run();
    click_button(&mut harness, "Save");
    assert_eq!(harness.state().result, picked(&[tmp.path().join("final.ron")]));
}

#[test]
fn saving_over_an_existing_file_asks_first() {
    let tmp = fixture();
    let dialog =
        FileDialog::new(FileDialogMode::Save, "Save project", tmp.path().to_path_buf(), ron_filter())
            .with_file_name("alpha.ron");
    let mut harness = harness(dialog);

    click_button(&mut harness, "Save");
    assert_eq!(harness.state().result, FileDialogResult::Pending, "must ask before replacing");
    assert!(has_text(&harness, "Replace alpha.ron?"));

    // Cancel in the question goes back to the dialog, which stays open.
    click_button(&mut harness, "Cancel");
    assert_eq!(harness.state().result, FileDialogResult::Pending);
    assert!(!has_text(&harness, "Replace alpha.ron?"));
    assert_eq!(rows(&harness), ["sub", "alpha.ron", "Beta.ron"]);

    // Escape in the question also goes back, without closing the dialog.
    click_button(&mut harness, "Save");
    assert!(has_text(&harness, "Replace alpha.ron?"));
    press(&mut harness, Key::Escape);
    assert_eq!(harness.state().result, FileDialogResult::Pending);
    assert!(!has_text(&harness, "Replace alpha.ron?"));

    click_button(&mut harness, "Save");
    click_button(&mut harness, "Replace");
    assert_eq!(harness.state().result, picked(&[tmp.path().join("alpha.ron")]));
    assert_eq!(std::fs::read_to_string(tmp.path().join("alpha.ron")).unwrap(), "contents of alpha.ron");
}

#[test]
fn clicking_a_file_in_save_mode_takes_its_name() {
    let tmp = fixture();
    let dialog =
        FileDialog::new(FileDialogMode::Save, "Save project", tmp.path().to_path_buf(), ron_filter());
    let mut harness = harness(dialog);
    click_row(&mut harness, "Beta.ron");
    assert_eq!(
        harness.get_by_role_and_label(Role::TextInput, "File name").value().as_deref(),
        Some("Beta.ron")
    );
}

#[test]
fn escape_cancels() {
    let tmp = fixture();
    let mut harness = harness(open_dialog(FileDialogMode::Open, tmp.path()));
    click_row(&mut harness, "alpha.ron");
    press(&mut harness, Key::Escape);
    assert_eq!(harness.state().result, FileDialogResult::Cancelled);
}

#[test]
fn escape_in_the_folder_field_cancels_too() {
    let tmp = fixture();
    let mut harness = harness(open_dialog(FileDialogMode::Open, tmp.path()));
    harness.get_by_role_and_label(Role::TextInput, "Folder").focus();
    harness.run();
    press(&mut harness, Key::Escape);
    assert_eq!(harness.state().result, FileDialogResult::Cancelled);
}

#[test]
fn cancel_button_cancels() {
    let tmp = fixture();
    let mut harness = harness(open_dialog(FileDialogMode::Open, tmp.path()));
    click_button(&mut harness, "Cancel");
    assert_eq!(harness.state().result, FileDialogResult::Cancelled);
}

#[test]
fn typing_a_path_goes_to_the_folder_or_picks_the_file() {
    let tmp = fixture();
    let mut harness = harness(open_dialog(FileDialogMode::Open, tmp.path()));

    type_into(&mut harness, "Folder", &tmp.path().join("sub").display().to_string());
    assert_eq!(harness.state().result, FileDialogResult::Pending);
    assert_eq!(folder_field(&harness), tmp.path().join("sub").display().to_string());
    assert_eq!(rows(&harness), ["deeper", "inner.ron"]);

    // A relative path goes from the folder shown.
    type_into(&mut harness, "Folder", "deeper");
    assert_eq!(folder_field(&harness), tmp.path().join("sub/deeper").display().to_string());
    type_into(&mut harness, "Folder", "../..");
    assert_eq!(folder_field(&harness), tmp.path().display().to_string());

    // Nothing there: say so, keep what was typed, stay open.
    type_into(&mut harness, "Folder", "missing.ron");
    assert_eq!(harness.state().result, FileDialogResult::Pending);
    assert!(has_text(&harness, "There is no file or folder at"));
    assert_eq!(folder_field(&harness), "missing.ron");

    type_into(&mut harness, "Folder", &tmp.path().join("notes.txt").display().to_string());
    assert_eq!(harness.state().result, picked(&[tmp.path().join("notes.txt")]));
}

#[test]
fn typing_a_path_in_save_mode_saves_there() {
    let tmp = fixture();
    let dialog =
        FileDialog::new(FileDialogMode::Save, "Save project", tmp.path().to_path_buf(), ron_filter());
    let mut harness = harness(dialog);
    type_into(&mut harness, "File name", "sub/fresh");
    assert_eq!(harness.state().result, picked(&[tmp.path().join("sub/fresh.ron")]));
}

#[test]
fn up_goes_to_the_parent_and_selects_the_folder_left() {
    let tmp = fixture();
    let mut harness = harness(open_dialog(FileDialogMode::Open, &tmp.path().join("sub")));
    assert_eq!(rows(&harness), ["deeper", "inner.ron"]);
    click_button(&mut harness, "Up");
    assert_eq!(folder_field(&harness), tmp.path().display().to_string());
    assert!(is_selected(&harness, "sub"));
}

#[test]
fn keyboard_alone_opens_a_folder_and_picks_a_file() {
    let tmp = fixture();
    let mut harness = harness(open_dialog(FileDialogMode::Open, tmp.path()));
    press(&mut harness, Key::ArrowDown);
    assert!(is_selected(&harness, "sub"));
    press(&mut harness, Key::Enter);
    assert_eq!(folder_field(&harness), tmp.path().join("sub").display().to_string());
    press(&mut harness, Key::End);
    assert!(is_selected(&harness, "inner.ron"));
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().result, picked(&[tmp.path().join("sub/inner.ron")]));
}

#[test]
fn a_folder_that_cannot_be_listed_shows_why() {
    let tmp = fixture();
    let gone = tmp.path().join("sub/deeper");
    let mut harness = harness(open_dialog(FileDialogMode::Open, &gone));
    assert_eq!(folder_field(&harness), gone.display().to_string());
    std::fs::remove_dir(&gone).unwrap();
    click_button(&mut harness, "Reload");
    assert!(has_text(&harness, "Cannot list the folder"), "the error must show in the dialog");
    assert!(has_text(&harness, "it does not exist"));
    assert!(rows(&harness).is_empty());
    // The way out still works.
    click_button(&mut harness, "Up");
    assert_eq!(rows(&harness), ["inner.ron"]);
}

#[cfg(unix)]
#[test]
fn a_folder_without_read_permission_shows_why() {
    use std::os::unix::fs::PermissionsExt as _;
    let tmp = fixture();
    let locked = tmp.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read_dir(&locked).is_ok() {
        // Running as root (as in some containers): permissions do not stop us; nothing to test.
        eprintln!("skipped: this user can read a folder without read permission (root?)");
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
        return;
    }
    let mut harness = harness(open_dialog(FileDialogMode::Open, tmp.path()));
    double_click_row(&mut harness, "locked");
    assert!(has_text(&harness, "you do not have permission"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_start_folder_that_does_not_exist_falls_back_to_home() {
    let tmp = fixture();
    let missing = tmp.path().join("no/such/folder");
    let dialog = open_dialog(FileDialogMode::Open, &missing);
    let expected = std::env::home_dir().filter(|home| home.is_dir()).unwrap_or_else(|| PathBuf::from("/"));
    assert_eq!(dialog.current_dir(), expected);
    let harness = harness(dialog);
    assert_eq!(folder_field(&harness), expected.display().to_string());
}

#[test]
fn new_folder_in_save_mode_creates_it_and_goes_there() {
    let tmp = fixture();
    let dialog =
        FileDialog::new(FileDialogMode::Save, "Save project", tmp.path().to_path_buf(), ron_filter());
    let mut harness = harness(dialog);
    click_button(&mut harness, "New folder");
    type_into(&mut harness, "New folder name", "made");
    assert!(tmp.path().join("made").is_dir());
    assert_eq!(folder_field(&harness), tmp.path().join("made").display().to_string());
    type_into(&mut harness, "File name", "inside");
    assert_eq!(harness.state().result, picked(&[tmp.path().join("made/inside.ron")]));
}

#[test]
fn a_start_path_that_is_a_file_shows_its_folder() {
    let tmp = fixture();
    let dialog = open_dialog(FileDialogMode::Open, &tmp.path().join("sub/inner.ron"));
    assert_eq!(dialog.current_dir(), tmp.path().join("sub"));
}

#[test]
fn enter_on_a_selected_folder_in_save_mode_opens_it_and_keeps_the_name() {
    let tmp = fixture();
    let dialog =
        FileDialog::new(FileDialogMode::Save, "Save project", tmp.path().to_path_buf(), ron_filter());
    let mut harness = harness(dialog);
    harness.get_by_role_and_label(Role::TextInput, "File name").type_text("draft");
    harness.run();
    click_row(&mut harness, "sub");
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().result, FileDialogResult::Pending);
    assert_eq!(folder_field(&harness), tmp.path().join("sub").display().to_string());
    assert_eq!(harness.get_by_role_and_label(Role::TextInput, "File name").value().as_deref(), Some("draft"));
    click_button(&mut harness, "Save");
    assert_eq!(harness.state().result, picked(&[tmp.path().join("sub/draft.ron")]));
}

#[test]
fn a_long_folder_scrolls_the_keyboard_selection_into_view() {
    let tmp = tempfile::tempdir().unwrap();
    for number in 1..=300 {
        std::fs::write(tmp.path().join(format!("file{number}.ron")), "").unwrap();
    }
    let mut harness = harness(open_dialog(FileDialogMode::Open, tmp.path()));
    // Only the rows on screen are laid out; numbers sort as numbers.
    let shown = rows(&harness);
    assert!(shown.len() < 100, "{} rows laid out", shown.len());
    assert_eq!(shown[..3], ["file1.ron", "file2.ron", "file3.ron"]);
    assert!(harness.query_by_role_and_label(Role::ListBoxOption, "file300.ron").is_none());

    press(&mut harness, Key::End);
    assert!(is_selected(&harness, "file300.ron"), "the last row is selected and shown");
    press(&mut harness, Key::ArrowUp);
    assert!(is_selected(&harness, "file299.ron"));
    press(&mut harness, Key::Home);
    assert!(is_selected(&harness, "file1.ron"));
    press(&mut harness, Key::Enter);
    assert_eq!(harness.state().result, picked(&[tmp.path().join("file1.ron")]));
}

#[test]
fn choosing_another_file_type_in_save_mode_changes_the_extension_typed() {
    let tmp = fixture();
    let filters = vec![
        ("claimmark project".to_owned(), vec!["ron".to_owned()]),
        ("JSON export".to_owned(), vec!["json".to_owned()]),
    ];
    let dialog = FileDialog::new(FileDialogMode::Save, "Export", tmp.path().to_path_buf(), filters)
        .with_file_name("claims.ron");
    let mut harness = harness(dialog);
    harness.get_by_role_and_label(Role::ComboBox, "File type").click();
    harness.run();
    harness.get_by_label("JSON export (*.json)").click();
    harness.run();
    assert_eq!(
        harness.get_by_role_and_label(Role::TextInput, "File name").value().as_deref(),
        Some("claims.json")
    );
    assert_eq!(rows(&harness), ["sub"], "no .json files here");
    click_button(&mut harness, "Save");
    assert_eq!(harness.state().result, picked(&[tmp.path().join("claims.json")]));
}
