//! Files in the app, driven headlessly: importing texts by dropping them, Save As with
//! the built-in dialog, autosave to the recovery file and the offer to restore it, the
//! unsaved-changes prompt before opening another project, search, double-click and
//! shift-click selection, group members marked across documents.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::anchor::CharSpan;
use claimmark::model::{ClaimGroup, DocumentId, GroupId, Project, Taxonomy};
use claimmark::store;
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use common::{char_offset_of, claim_on, corpus_dir, corpus_text, document, open_app_with, test_data_dir};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const SPUTNIK: &str = "sputnik-2025-12-17-eurasian-forum.txt";
const ARABNEWS: &str = "arabnews-oped-2020-regional-peace.txt";

fn project_file(dir: &Path) -> PathBuf {
    let sputnik = corpus_text(SPUTNIK);
    let arabnews = corpus_text(ARABNEWS);
    let mut project = Project::new("files test", Taxonomy::builtin());
    project.documents.push(document("sputnik", &sputnik, None));
    project.documents.push(document("arabnews", &arabnews, None));
    project.groups.push(ClaimGroup {
        id: GroupId::new("group-1"),
        name: "Daesh threat".into(),
        notes: String::new(),
    });
    let mut first = claim_on("claim-1", "sputnik", &sputnik, "between 3,000 to 5,000 ISIS-K* fighters");
    first.group = Some(GroupId::new("group-1"));
    let mut second =
        claim_on("claim-2", "arabnews", &arabnews, "increasing presence of Daesh in their neighborhood");
    second.group = Some(GroupId::new("group-1"));
    project.claims.push(first);
    project.claims.push(second);
    let path = dir.join("project.ron");
    store::save(&project, &path).unwrap();
    path
}

fn project<'h>(harness: &'h Harness<'_, ClaimmarkApp>) -> &'h Project {
    harness.state().project()
}

/// Marks `needle` in the current document with the "event" key.
fn mark(harness: &mut Harness<'_, ClaimmarkApp>, text: &str, needle: &str) {
    let start = char_offset_of(text, needle);
    harness.state_mut().send(AppCommand::SelectText(CharSpan::new(start, start + needle.chars().count())));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    harness.key_press(Key::E);
    harness.run();
}

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_dropped_saved_page_is_checked_and_corrected_before_it_is_added_and_an_index_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(Some(&project_file(dir.path())));
    let pages = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/html");
    let before = project(&harness).documents.len();
    harness.input_mut().dropped_files.push(Arc::new(Dropped(pages.join("news-jsonld.html"))));
    harness.run();
    // Nothing is added yet: the window shows what the page gave.
    assert_eq!(project(&harness).documents.len(), before);
    harness.get_by_label("Check the saved page");
    assert!(harness.state().status().unwrap().contains("check what was found in each before it is added"));
    // The window's own fields (the inspector has a Title and a URL too).
    let field = |harness: &Harness<'_, ClaimmarkApp>, name: &str| {
        let window = harness.get_by_role_and_label(Role::Window, "Check the saved page");
        window.get_by_role_and_label(Role::TextInput, name).value().unwrap_or_default()
    };
    assert_eq!(field(&harness, "Title"), "Pakistan-Russia cooperation for regional peace");
    assert_eq!(field(&harness, "URL"), "https://www.arabnews.com/node/1613306");
    assert_eq!(field(&harness, "Author"), "Zafar Nawaz Jaspal");
    assert_eq!(field(&harness, "Published"), "2020-01-16");
    let text =
        harness.get_by_role_and_label(Role::MultilineTextInput, "Article text").value().unwrap_or_default();
    assert!(text.starts_with("Any military confrontation between Iran and the United States"), "{text}");
    assert!(!text.contains("Most Popular") && !text.contains("reader42"), "{text}");
    // The reviewer corrects the author before adding it.
    harness
        .get_by_role_and_label(Role::Window, "Check the saved page")
        .get_by_role_and_label(Role::TextInput, "Author")
        .focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness
        .get_by_role_and_label(Role::Window, "Check the saved page")
        .get_by_role_and_label(Role::TextInput, "Author")
        .type_text("Dr. Zafar Nawaz Jaspal");
    harness.run();
    harness.get_by_label("Add document").click();
    harness.run();
    let project = project(&harness);
    assert_eq!(project.documents.len(), before + 1);
    let page = project.documents.last().unwrap();
    assert_eq!(page.title, "Pakistan-Russia cooperation for regional peace");
    assert_eq!(page.url.as_deref(), Some("https://www.arabnews.com/node/1613306"));
    assert_eq!(page.author.as_deref(), Some("Dr. Zafar Nawaz Jaspal"), "the correction is kept");
    assert_eq!(page.published.as_deref(), Some("2020-01-16"));
    assert!(page.text.starts_with("Any military confrontation between Iran and the United States"));
    let outlet = project.outlet_of(page).expect("the page's site became its outlet");
    assert_eq!((outlet.name.as_str(), outlet.domain.as_deref()), ("Arab News", Some("arabnews.com")));
    assert!(harness.query_by_label("Check the saved page").is_none());
    // One undo takes the page and its new outlet away.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(self::project(&harness).documents.len(), before);
    assert!(self::project(&harness).outlets.is_empty());
    // A page discarded adds nothing.
    harness.input_mut().dropped_files.push(Arc::new(Dropped(pages.join("og-time.html"))));
    harness.run();
    harness.get_by_label("Discard page").click();
    harness.run();
    assert_eq!(self::project(&harness).documents.len(), before);
    // An index of forum threads is no article: refused with the reason, nothing to check.
    harness.input_mut().dropped_files.push(Arc::new(Dropped(pages.join("index.html"))));
    harness.run();
    harness.get_by_label("Some files were not imported");
    harness.get_by_label_contains("no article found in the page");
    assert!(harness.query_by_label("Check the saved page").is_none());
    assert_eq!(self::project(&harness).documents.len(), before);
}

#[test]
fn dropping_text_files_imports_them_as_documents_in_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(Some(&project_file(dir.path())));
    let afgazad = corpus_dir().join("afgazad-2024-07-14-sco-summit.txt");
    let military = corpus_dir().join("military-consultative-committee-undated.txt");
    let not_text = dir.path().join("picture.png");
    std::fs::write(&not_text, b"\x89PNG").unwrap();
    for path in [&afgazad, &military, &not_text] {
        harness.input_mut().dropped_files.push(Arc::new(Dropped(path.clone())));
    }
    harness.run();
    let documents = &project(&harness).documents;
    assert_eq!(documents.len(), 4);
    assert_eq!(&*documents[2].text, std::fs::read_to_string(&afgazad).unwrap(), "imported verbatim");
    assert_eq!(documents[3].id, DocumentId::new("military-consultative-committee-undated"));
    assert_eq!(
        harness.state().selection().document.as_ref(),
        Some(&documents[2].id),
        "the first import is shown"
    );
    let status = harness.state().status().unwrap().to_owned();
    assert!(status.contains("ignored"), "the .png is reported: {status}");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(project(&harness).documents.len(), 2, "one undo removes both imports");
}

#[test]
fn a_non_utf8_text_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(Some(&project_file(dir.path())));
    let bad = dir.path().join("cp1256.txt");
    std::fs::write(&bad, b"first line\nPakistan \xe1\xc7\xe5").unwrap();
    harness.input_mut().dropped_files.push(Arc::new(Dropped(bad.clone())));
    harness.run();
    harness.get_by_label("Some files were not imported");
    harness.get_by_label_contains(&format!("{}:2: not UTF-8", bad.display()));
    assert_eq!(project(&harness).documents.len(), 2);
}

#[test]
fn save_as_with_the_built_in_dialog_writes_the_new_file_and_retitles() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let mut harness = open_app(Some(&path));
    mark(&mut harness, &corpus_text(SPUTNIK), "Prokhor Tebin");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    harness.run();
    // The built-in dialog opens in the project's folder with its name proposed.
    let name_field = harness.get_by_label("File name");
    name_field.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("File name").type_text("copy");
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    let copy = dir.path().join("copy.ron");
    assert_eq!(&store::load(&copy).unwrap(), project(&harness));
    assert_eq!(harness.state().open_project().path.as_deref(), Some(copy.as_path()));
    assert!(harness.state().title().starts_with("copy.ron — "), "{}", harness.state().title());
    assert_ne!(&store::load(&path).unwrap(), project(&harness), "the original is unchanged");
}

#[test]
fn the_sample_project_is_saved_with_save_as_not_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(None);
    assert!(harness.state().open_project().is_sample);
    assert_eq!(project(&harness).documents.len(), 5);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    let folder = harness.get_by_label("Folder");
    folder.focus();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Folder").type_text(&dir.path().display().to_string());
    harness.key_press(Key::Enter);
    harness.run();
    harness.get_by_label("Save").click();
    harness.run();
    let saved = dir.path().join(claimmark::sample::SAMPLE_FILE_NAME);
    assert_eq!(std::fs::read_to_string(&saved).unwrap(), claimmark::sample::SAMPLE_PROJECT_RON);
}

#[test]
fn unsaved_work_is_autosaved_and_offered_back_on_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let original = std::fs::read(&path).unwrap();
    let recovery = store::recovery_path(&path);
    let mut harness = open_app(Some(&path));
    mark(&mut harness, &corpus_text(SPUTNIK), "Prokhor Tebin");
    let claims = project(&harness).claims.len();
    assert!(!recovery.exists(), "nothing before the interval");
    // 31 seconds of frames at 60 per second.
    harness.run_steps(31 * 60);
    assert!(recovery.exists(), "autosaved after 30 s");
    assert_eq!(std::fs::read(&path).unwrap(), original, "the project file itself is untouched");
    drop(harness); // a crash: nothing saved

    let mut harness = open_app(Some(&path));
    harness.get_by_label("Restore unsaved work?");
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(project(&harness).claims.len(), claims, "the unsaved claim is back");
    assert!(harness.state().title().contains('•'), "restored work counts as unsaved");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    assert!(!recovery.exists(), "a save removes the recovery file");
    assert_eq!(store::load(&path).unwrap().claims.len(), claims);
}

#[test]
fn discarding_the_recovery_file_keeps_the_saved_project() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let recovery = store::recovery_path(&path);
    let mut stale = store::load(&path).unwrap();
    stale.name = "recovered".into();
    std::thread::sleep(std::time::Duration::from_millis(20));
    store::write_atomically(&recovery, store::to_ron_string(&stale).unwrap().as_bytes(), false).unwrap();
    let mut harness = open_app(Some(&path));
    harness.get_by_label("Discard it").click();
    harness.run();
    assert_eq!(project(&harness).name, "files test");
    assert!(!recovery.exists());
}

#[test]
fn opening_another_project_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let other = dir.path().join("other.ron");
    let mut other_project = store::load(&path).unwrap();
    other_project.name = "other project".into();
    store::save(&other_project, &other).unwrap();
    let mut harness = open_app(Some(&path));
    mark(&mut harness, &corpus_text(SPUTNIK), "Prokhor Tebin");
    common::set_recent_files(&mut harness, vec![other.clone()]);
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open recent").hover();
    harness.run();
    harness.get_by_label(&other.display().to_string()).click();
    harness.run();
    harness.get_by_label("Unsaved changes");
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(project(&harness).name, "files test", "Cancel keeps the current project");
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label("Open recent").hover();
    harness.run();
    harness.get_by_label(&other.display().to_string()).click();
    harness.run();
    harness.get_by_label("Discard").click();
    harness.run();
    assert_eq!(project(&harness).name, "other project");
}

#[test]
fn search_finds_every_match_and_enter_steps_through_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(Some(&project_file(dir.path())));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::F);
    harness.run();
    harness.get_by_label("Find:").type_text("zigon");
    harness.run();
    let text = corpus_text(SPUTNIK);
    let expected = claimmark::ui::search::find_all(&text, "zigon", false);
    assert_eq!(expected.len(), text.matches("Zigon").count() + text.matches("zigon").count());
    harness.get_by_label_contains(&format!("of {}", expected.len()));
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(harness.state().reader().selection(), expected[1], "Enter goes to the next match");
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    harness.run();
    assert_eq!(harness.state().reader().selection(), expected[0]);
    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().search_open(), "Escape closes the bar");
}

#[test]
fn double_click_selects_a_word_and_shift_click_extends() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(Some(&project_file(dir.path())));
    let text = corpus_text(SPUTNIK);
    let start = char_offset_of(&text, "Roxolana");
    let word = CharSpan::new(start, start + "Roxolana".chars().count());
    harness.state_mut().send(AppCommand::SelectText(CharSpan::new(start, start)));
    harness.run();
    let rect = harness.state().reader().span_screen_rects(word)[0];
    let click = |harness: &mut Harness<'_, ClaimmarkApp>, pos: egui::Pos2, modifiers: Modifiers| {
        harness.event(egui::Event::PointerMoved(pos));
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers,
        });
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers,
        });
        harness.step();
    };
    click(&mut harness, rect.center(), Modifiers::NONE);
    click(&mut harness, rect.center(), Modifiers::NONE);
    harness.run();
    assert_eq!(harness.state().reader().selection(), word, "double click selects the word");
    let zigon = char_offset_of(&text, "Zigon, a co-organizer") + "Zigon".chars().count();
    let end_rect = harness.state().reader().span_screen_rects(CharSpan::new(zigon - 1, zigon))[0];
    harness.run_steps(60); // well past the double-click time
    harness.event(egui::Event::ModifiersChanged(Modifiers::SHIFT));
    click(&mut harness, end_rect.right_center() - egui::vec2(1.0, 0.0), Modifiers::SHIFT);
    harness.event(egui::Event::ModifiersChanged(Modifiers::NONE));
    harness.run();
    let selection = harness.state().reader().selection();
    assert_eq!(selection.slice(&text), Some("Roxolana Zigon"), "shift-click extends: {selection:?}");
}

#[test]
fn the_selected_claims_group_is_marked_in_the_other_documents() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(Some(&project_file(dir.path())));
    harness.state_mut().send(AppCommand::SelectClaim(Some(claimmark::model::ClaimId::new("claim-1"))));
    harness.run();
    assert_eq!(harness.get_all_by_label("tells the selected claim").count(), 2, "both documents tell it");
    harness.get_by_label("Title of arabnews").click();
    harness.run();
    assert_eq!(harness.state().selection().document, Some(DocumentId::new("arabnews")));
    assert_eq!(harness.state().selection().claim.as_ref().map(|c| c.as_str()), Some("claim-1"));
    // The inspector offers the way back to the claim's own document.
    harness.get_by_label("in Title of sputnik").click();
    harness.run();
    assert_eq!(harness.state().selection().document, Some(DocumentId::new("sputnik")));
}

#[test]
fn work_without_a_file_is_autosaved_and_offered_back_at_the_next_start() {
    let data = tempfile::tempdir().unwrap();
    let mut harness = open_app_with_data_dir(None, data.path().to_owned());
    assert!(harness.state().open_project().is_sample);
    let sputnik = corpus_text(SPUTNIK);
    harness
        .state_mut()
        .send(AppCommand::SelectDocument(DocumentId::new("sputnik-2025-12-17-eurasian-forum")));
    harness.run();
    mark(&mut harness, &sputnik, "Prokhor Tebin");
    let claims = project(&harness).claims.len();
    harness.run_steps(31 * 60);
    let recovery = data.path().join("untitled.ron.recovery");
    assert!(recovery.exists(), "autosaved into the data folder");
    drop(harness);

    let mut harness = open_app_with_data_dir(None, data.path().to_owned());
    harness.get_by_label("Restore unsaved work?");
    harness.get_by_label("Restore").click();
    harness.run();
    assert_eq!(project(&harness).claims.len(), claims);
    assert!(harness.state().open_project().is_sample, "still the sample: Save As to keep it");
}

fn open_app(path: Option<&Path>) -> Harness<'static, ClaimmarkApp> {
    open_app_with(path, 1.0 / 60.0, test_data_dir())
}

fn open_app_with_data_dir(path: Option<&Path>, data_dir: PathBuf) -> Harness<'static, ClaimmarkApp> {
    open_app_with(path, 1.0 / 60.0, data_dir)
}
