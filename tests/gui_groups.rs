//! Claim groups in the app, driven headlessly: the group picker (G), the groups view
//! with its side-by-side members, grouping suggestions accepted with one key, and the
//! comparison view.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::model::{ClaimGroup, ClaimId, GroupId, Project, Taxonomy};
use claimmark::store;
use claimmark::ui::StartOptions;
use claimmark::ui::app::ClaimmarkApp;
use common::{claim_on, corpus_text, document};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

const SPUTNIK: &str = "sputnik-2025-12-17-eurasian-forum.txt";
const ARABNEWS: &str = "arabnews-oped-2020-regional-peace.txt";

fn project_file(dir: &Path) -> PathBuf {
    let sputnik = corpus_text(SPUTNIK);
    let arabnews = corpus_text(ARABNEWS);
    let mut project = Project::new("groups test", Taxonomy::builtin());
    project.documents.push(document("sputnik", &sputnik, None));
    project.documents.push(document("arabnews", &arabnews, None));
    project.groups.push(ClaimGroup {
        id: GroupId::new("group-1"),
        name: "Daesh threat".into(),
        notes: String::new(),
    });
    let mut first = claim_on("claim-1", "sputnik", &sputnik, "between 3,000 to 5,000 ISIS-K* fighters");
    first.group = Some(GroupId::new("group-1"));
    project.claims.push(first);
    project.claims.push(claim_on(
        "claim-2",
        "arabnews",
        &arabnews,
        "increasing presence of Daesh in their neighborhood",
    ));
    let path = dir.join("project.ron");
    store::save(&project, &path).unwrap();
    path
}

fn open_app(path: &Path) -> Harness<'static, ClaimmarkApp> {
    let file = path.to_owned();
    let mut harness = Harness::builder().with_size(egui::vec2(1400.0, 900.0)).build_eframe(move |cc| {
        ClaimmarkApp::new(
            cc,
            StartOptions {
                file: Some(file),
                native_dialogs: false,
                data_dir: Some(
                    std::env::temp_dir().join(format!("claimmark-test-data-{}", std::process::id())),
                ),
            },
        )
    });
    harness.run();
    harness
}

fn select_in_text(harness: &mut Harness<'_, ClaimmarkApp>, claim: &str) {
    harness.state_mut().state.selected_claim = Some(ClaimId::new(claim));
    let document = harness.state().state.open.project.claim(&ClaimId::new(claim)).unwrap().document.clone();
    harness.state_mut().state.current_document = Some(document);
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
}

fn group_of(harness: &Harness<'_, ClaimmarkApp>, claim: &str) -> Option<String> {
    let project = &harness.state().state.open.project;
    let group = project.claim(&ClaimId::new(claim)).unwrap().group.clone()?;
    Some(project.group(&group).unwrap().name.clone())
}

#[test]
fn g_puts_the_selected_claim_into_an_existing_group_by_typing_part_of_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    select_in_text(&mut harness, "claim-2");
    harness.key_press(Key::G);
    harness.run();
    harness.get_by_label("Put the claim into a group");
    harness.event(egui::Event::Text("daesh".into()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(group_of(&harness, "claim-2").as_deref(), Some("Daesh threat"));
    assert!(harness.query_by_label("Put the claim into a group").is_none(), "the picker closes");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(group_of(&harness, "claim-2"), None, "one undo");
}

#[test]
fn g_creates_a_new_group_named_as_typed() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    select_in_text(&mut harness, "claim-2");
    harness.key_press(Key::G);
    harness.run();
    harness.event(egui::Event::Text("Russia alarmed by Daesh".into()));
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(group_of(&harness, "claim-2").as_deref(), Some("Russia alarmed by Daesh"));
    assert_eq!(harness.state().state.open.project.groups.len(), 2);
    // Escape closes without a change.
    select_in_text(&mut harness, "claim-1");
    harness.key_press(Key::G);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(group_of(&harness, "claim-1").as_deref(), Some("Daesh threat"));
}
