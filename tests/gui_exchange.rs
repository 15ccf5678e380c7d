//! File → Export… and File → Import… driven headlessly: an export with a progress bar
//! and a summary, an import that is one undo step.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::interop::{Format, OffsetUnit};
use claimmark::store;
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

fn sample_file(dir: &Path) -> std::path::PathBuf {
    let path = dir.join("sample.ron");
    std::fs::write(&path, claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
    path
}

/// Steps until `done` holds (a background thread is working), at most 10 s of frames.
fn wait_for(harness: &mut Harness<'_, ClaimmarkApp>, done: impl Fn(&ClaimmarkApp) -> bool) {
    for _ in 0..600 {
        if done(harness.state()) {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
    }
    panic!("timed out");
}

#[test]
fn export_window_writes_the_chosen_format_and_shows_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&sample_file(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    harness.get_by_label("Format").click();
    harness.run();
    harness.get_by_label("csv").click();
    harness.run();
    harness.get_by_label("Verdicts: all").click();
    harness.run();
    harness.get_by_label("True").click();
    harness.run();
    let out = dir.path().join("claims.csv");
    harness.get_by_label("Into file").focus();
    harness.get_by_label("Into file").type_text(&out.display().to_string());
    harness.run();
    harness.get_by_label("Export").click();
    wait_for(&mut harness, |app| app.export_window().result.is_some());
    let project = store::load(&dir.path().join("sample.ron")).unwrap();
    let true_claims = project.claims.iter().filter(|c| c.verdict.as_str() == "true").count();
    assert!(true_claims > 0);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let verdicts: Vec<String> = reader.records().map(|r| r.unwrap()[19].to_owned()).collect();
    assert_eq!(verdicts.len(), true_claims, "one row per kept claim");
    assert!(verdicts.iter().all(|v| v == "true"), "only claims rated true: {verdicts:?}");
    harness.get_by_label_contains(&format!("{true_claims} claims"));
}

#[test]
fn export_follows_the_format_asks_before_replacing_and_names_what_it_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&sample_file(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    let jsonl = dir.path().join("claims.jsonl");
    harness.get_by_label("Into file").focus();
    harness.get_by_label("Into file").type_text(&jsonl.display().to_string());
    harness.run();
    harness.get_by_label("Export").click();
    wait_for(&mut harness, |app| app.export_window().result.is_some());
    harness.get_by_label_contains(&format!("Wrote jsonl to {}:", jsonl.display()));
    let jsonl_text = std::fs::read_to_string(&jsonl).unwrap();
    assert!(jsonl_text.starts_with("{\"text\":"));

    // Another format: the file name follows it, and the jsonl file is left alone.
    harness.get_by_label("Format").click();
    harness.run();
    harness.get_by_label("label-studio").click();
    harness.run();
    let tasks = dir.path().join("claims.json");
    assert_eq!(harness.state().export_window().destination, tasks.display().to_string());
    harness.get_by_label("Export").click();
    wait_for(
        &mut harness,
        |app| matches!(&app.export_window().result, Some(Ok(done)) if done.format == Format::LabelStudio),
    );
    harness.get_by_label_contains(&format!("Wrote label-studio to {}:", tasks.display()));
    assert!(std::fs::read_to_string(&tasks).unwrap().starts_with("[\n{\"id\":1,"));
    assert_eq!(std::fs::read_to_string(&jsonl).unwrap(), jsonl_text, "the jsonl export is untouched");

    // Exported again to the same name: it asks; Cancel keeps the file as it is.
    std::fs::write(&tasks, "edited by hand").unwrap();
    harness.get_by_label("Export").click();
    harness.run();
    assert!(harness.state().export_window().result.is_none(), "the old summary is gone while it asks");
    harness.get_by_label_contains(
        "claims.config.xml already exist. Replace them with this label-studio export?",
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(harness.query_by_label_contains("already exist").is_none());
    assert_eq!(std::fs::read_to_string(&tasks).unwrap(), "edited by hand");
    // Replace writes it.
    harness.get_by_label("Export").click();
    harness.run();
    harness.get_by_label("Replace").click();
    wait_for(&mut harness, |app| app.export_window().result.is_some());
    assert!(std::fs::read_to_string(&tasks).unwrap().starts_with("[\n{\"id\":1,"));

    // brat writes a folder: the name loses its extension.
    harness.get_by_label("Format").click();
    harness.run();
    harness.get_by_label("brat").click();
    harness.run();
    assert_eq!(harness.state().export_window().destination, dir.path().join("claims").display().to_string());
    harness.get_by_label("Into folder");
}

#[test]
fn doccano_offers_its_offset_units_in_both_windows() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&sample_file(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::E);
    harness.run();
    assert!(harness.query_by_label("Offsets").is_none(), "jsonl counts chars only");
    harness.get_by_label("Format").click();
    harness.run();
    harness.get_by_label("doccano").click();
    harness.run();
    harness.get_by_label("Offsets").click();
    harness.run();
    harness.get_by_label("grapheme clusters (grapheme mode)").click();
    harness.run();
    assert_eq!(harness.state().export_window().offsets, Some(OffsetUnit::Graphemes));
    // Back to a format with one unit, the choice is dropped.
    harness.get_by_label("Format").click();
    harness.run();
    harness.get_by_label("csv").click();
    harness.run();
    assert_eq!(harness.state().export_window().offsets, None);
    // One window on a file at a time (a second one would open it read-only).
    drop(harness);

    let mut harness = open_app(&sample_file(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    harness.run();
    harness.get_by_label("Format").click();
    harness.run();
    harness.get_by_label("doccano").click();
    harness.run();
    harness.get_by_label("Offsets").click();
    harness.run();
    harness.get_by_label("grapheme clusters (grapheme mode)").click();
    harness.run();
    assert_eq!(harness.state().import_window().offsets, Some(OffsetUnit::Graphemes));
}

#[test]
fn import_window_adds_claims_as_one_undo_step_and_reports() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample_file(dir.path());
    // A jsonl export of the sample, imported into an empty project.
    let project = store::load(&sample).unwrap();
    let jsonl = dir.path().join("in.jsonl");
    let options = claimmark::interop::ExportOptions { with_text: true, ..Default::default() };
    claimmark::interop::export_to_path(
        &project,
        claimmark::interop::Format::Jsonl,
        &options,
        None,
        &jsonl,
        None,
    )
    .unwrap();
    let mut text = std::fs::read_to_string(&jsonl).unwrap();
    text.push_str("{ not json\n");
    std::fs::write(&jsonl, text).unwrap();
    let empty = dir.path().join("empty.ron");
    store::save(&claimmark::model::Project::new("empty", claimmark::model::Taxonomy::builtin()), &empty)
        .unwrap();

    let mut harness = open_app(&empty);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    harness.run();
    harness.state_mut().send(AppCommand::ImportSourcesChosen(vec![jsonl.clone()]));
    harness.run();
    harness.get_by_label("Import").click();
    wait_for(&mut harness, |app| app.import_window().result.is_some());
    let app = harness.state();
    assert_eq!(app.project().documents.len(), 5);
    assert_eq!(app.project().claims.len(), project.claims.len());
    harness.get_by_label_contains(&format!(
        "Added 5 documents (0 already there) and {} claims",
        project.claims.len()
    ));
    harness.get_by_label("1 problem(s)").click();
    harness.run();
    harness.get_by_label_contains(&format!("{}:6:", jsonl.display()));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().project().claims.is_empty(), "one undo removes the whole import");
}

#[test]
fn a_relabelled_export_imported_back_updates_its_claim_as_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let sample = sample_file(dir.path());
    let project = store::load(&sample).unwrap();
    let tasks_path = dir.path().join("tasks.json");
    let options = claimmark::interop::ExportOptions { with_text: true, ..Default::default() };
    let format = Format::LabelStudio;
    claimmark::interop::export_to_path(&project, format, &options, None, &tasks_path, None).unwrap();
    // Relabelled in Label Studio: the first region gets another kind.
    let mut tasks: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&tasks_path).unwrap()).unwrap();
    let region = &mut tasks[0]["annotations"][0]["result"][0];
    let old_kind = region["value"]["labels"][0].as_str().unwrap().to_owned();
    let new_kind = if old_kind == "causal" { "policy" } else { "causal" };
    region["value"]["labels"] = serde_json::json!([new_kind]);
    let claim_id = region["id"].as_str().unwrap().to_owned();
    std::fs::write(&tasks_path, tasks.to_string()).unwrap();

    let mut harness = open_app(&sample);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::I);
    harness.run();
    harness.get_by_label("Format").click();
    harness.run();
    harness.get_by_label("label-studio").click();
    harness.run();
    harness.state_mut().send(AppCommand::ImportSourcesChosen(vec![tasks_path]));
    harness.run();
    harness.get_by_label("Import").click();
    wait_for(&mut harness, |app| app.import_window().result.is_some());
    let kind_of = |app: &ClaimmarkApp| {
        app.project().claims.iter().find(|c| c.id.as_str() == claim_id).unwrap().kind.to_string()
    };
    assert_eq!(harness.state().project().claims.len(), project.claims.len(), "no second claim");
    assert_eq!(kind_of(harness.state()), new_kind);
    harness.get_by_label_contains(&format!(
        "and 0 claims ({} already there); 1 updated.",
        project.claims.len() - 1
    ));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(kind_of(harness.state()), old_kind, "one undo takes the update back");
}

fn open_app(path: &Path) -> Harness<'static, ClaimmarkApp> {
    common::open_app_with(Some(path), 1.0 / 60.0, common::test_data_dir())
}
