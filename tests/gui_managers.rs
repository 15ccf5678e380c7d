//! The outlets and sources managers driven headlessly as a user drives them
//! (egui_kittest): open them from the View menu, rename an outlet by typing (one undo
//! step), merge duplicate outlets and sources, delete a used source after the
//! confirmation, and check that only http(s) links ever reach the browser.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::model::{
    DocumentId, LabelId, Outlet, OutletId, Project, Source, SourceId, SourceKind, SourceLink, Taxonomy,
    Timestamp,
};
use claimmark::store;
use claimmark::ui::app::ClaimmarkApp;
use common::{claim_on, corpus_text, document, open_app};
use egui::{Key, Modifiers, OutputCommand, PointerButton};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable};
use std::path::{Path, PathBuf};

const SPUTNIK: &str = "sputnik-2025-12-17-eurasian-forum.txt";
const AFGAZAD: &str = "afgazad-2024-07-14-sco-summit.txt";
const DEFENCEPK: &str = "defencepk-forum-2013-strategic-dialogue.txt";
const ARABNEWS: &str = "arabnews-oped-2020-regional-peace.txt";
const SPUTNIK_URL: &str = "https://sputnikglobe.com/20251217/eurasian-forum.html";

fn outlet(id: &str, name: &str, domain: &str, affiliation: &str) -> Outlet {
    Outlet {
        id: OutletId::new(id),
        name: name.into(),
        domain: Some(domain.into()),
        country: None,
        affiliation: LabelId::new(affiliation),
        owner: None,
        notes: String::new(),
    }
}

fn source(id: &str, title: &str, url: &str) -> Source {
    Source {
        id: SourceId::new(id),
        title: title.into(),
        url: Some(url.into()),
        publisher: None,
        kind: SourceKind::Article,
        notes: String::new(),
    }
}

fn link(source: &str) -> SourceLink {
    SourceLink { source: SourceId::new(source), relation: LabelId::new("cited") }
}

/// Four corpus texts; outlet-2 is a duplicate of outlet-1 and names two documents;
/// source-4 duplicates source-1; source-2 and source-3 hold links that must never open.
fn project_file(dir: &Path) -> PathBuf {
    let sputnik = corpus_text(SPUTNIK);
    let arabnews = corpus_text(ARABNEWS);
    let mut project = Project::new("managers test", Taxonomy::builtin());
    project.outlets.push(outlet("outlet-1", "Sputnik International", "sputnikglobe.com", "state-media"));
    project.outlets.push(outlet("outlet-2", "Sputnik Intl.", "sputniknews.com", "state-media"));
    project.outlets.push(outlet("outlet-3", "Arab News", "arabnews.com", "private"));
    project.documents.push(document("sputnik", &sputnik, Some("outlet-1")));
    project.documents.push(document("afgazad", &corpus_text(AFGAZAD), Some("outlet-2")));
    project.documents.push(document("defencepk", &corpus_text(DEFENCEPK), Some("outlet-2")));
    project.documents.push(document("arabnews", &arabnews, Some("outlet-3")));
    project.sources.push(source("source-1", "Sputnik report on the forum", SPUTNIK_URL));
    project.sources.push(source("source-2", "Pasted script", "javascript:alert(1)"));
    project.sources.push(source("source-3", "Local copy", "file:///etc/passwd"));
    project.sources.push(source("source-4", "Sputnik forum report (copy)", SPUTNIK_URL));
    let mut claim = claim_on("claim-1", "sputnik", &sputnik, "between 3,000 to 5,000 ISIS-K* fighters");
    claim.sources = vec![link("source-1")];
    project.claims.push(claim);
    let mut claim =
        claim_on("claim-2", "sputnik", &sputnik, "over $7 billion in American military equipment");
    claim.sources = vec![link("source-1"), link("source-4")];
    project.claims.push(claim);
    let mut claim = claim_on("claim-3", "sputnik", &sputnik, "$100 million a day for two decades");
    claim.sources = vec![link("source-4")];
    project.claims.push(claim);
    let path = dir.join("managers.ron");
    store::save(&project, &path).unwrap();
    path
}

fn project<'h>(harness: &'h Harness<'_, ClaimmarkApp>) -> &'h Project {
    harness.state().project()
}

/// Opens a manager the way a user does: View, then the manager's menu entry.
fn open_manager(harness: &mut Harness<'_, ClaimmarkApp>, entry: &str) {
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label(entry).click();
    harness.run();
}

fn count_labels(harness: &Harness<'_, ClaimmarkApp>, label: &str) -> usize {
    harness.query_all_by_label(label).count()
}

fn undo(harness: &mut Harness<'_, ClaimmarkApp>) {
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
}

fn outlet_of(harness: &Harness<'_, ClaimmarkApp>, document: &str) -> Option<String> {
    let project = project(harness);
    project.document(&DocumentId::new(document)).unwrap().outlet.as_ref().map(|o| o.to_string())
}

fn links_of(harness: &Harness<'_, ClaimmarkApp>, claim: &str) -> Vec<String> {
    let project = project(harness);
    let claim = project.claims.iter().find(|c| c.id.as_str() == claim).unwrap();
    claim.sources.iter().map(|l| l.source.to_string()).collect()
}

/// The URLs the app asked the platform to open in the frame that just ran.
fn opened_urls(harness: &Harness<'_, ClaimmarkApp>) -> Vec<String> {
    harness
        .output()
        .platform_output
        .commands
        .iter()
        .filter_map(|command| match command {
            OutputCommand::OpenUrl(open) => Some(open.url.clone()),
            _ => None,
        })
        .collect()
}

/// Clicks at `pos` one event per frame and collects every URL opened on the way.
fn click_collecting_urls(harness: &mut Harness<'_, ClaimmarkApp>, pos: egui::Pos2) -> Vec<String> {
    let mut urls = Vec::new();
    let events = [
        egui::Event::PointerMoved(pos),
        egui::Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        },
        egui::Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        },
    ];
    for event in events {
        harness.event(event);
        harness.step();
        urls.extend(opened_urls(harness));
    }
    for _ in 0..3 {
        harness.step();
        urls.extend(opened_urls(harness));
    }
    harness.run();
    urls
}

#[test]
fn renaming_an_outlet_by_typing_is_one_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    open_manager(&mut harness, "Outlets");

    harness.get_by_label("Name of outlet-3").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    for c in "Arab News Daily".chars() {
        harness.get_by_label("Name of outlet-3").type_text(&c.to_string());
    }
    harness.run();
    let name = |harness: &Harness<'_, ClaimmarkApp>| {
        project(harness).outlet(&OutletId::new("outlet-3")).unwrap().name.clone()
    };
    assert_eq!(name(&harness), "Arab News Daily");
    assert_eq!(harness.state().open_project().history.undo_label(), Some("Edit outlet name"));
    assert!(harness.state().open_project().is_dirty());

    undo(&mut harness);
    assert_eq!(name(&harness), "Arab News", "one undo reverts the whole typed word");
    assert_eq!(harness.state().open_project().history.undo_label(), None, "the typing was a single step");
    assert_eq!(harness.get_by_label("Name of outlet-3").value().as_deref(), Some("Arab News"));
}

#[test]
fn leaving_a_field_ends_its_undo_step() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    open_manager(&mut harness, "Outlets");

    harness.get_by_label("Country of outlet-1").focus();
    harness.run();
    harness.get_by_label("Country of outlet-1").type_text("Rus");
    harness.run();
    harness.get_by_label("Owner of outlet-1").focus();
    harness.run();
    harness.get_by_label("Country of outlet-1").focus();
    harness.run();
    harness.get_by_label("Country of outlet-1").type_text("sia");
    harness.run();
    let country = |harness: &Harness<'_, ClaimmarkApp>| {
        project(harness).outlet(&OutletId::new("outlet-1")).unwrap().country.clone()
    };
    assert_eq!(country(&harness).as_deref(), Some("Russia"));
    undo(&mut harness);
    assert_eq!(country(&harness).as_deref(), Some("Rus"), "the second visit to the field is its own step");
    undo(&mut harness);
    assert_eq!(country(&harness), None, "an emptied optional field is None again");
}

#[test]
fn merging_outlets_moves_their_documents_and_one_undo_restores_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    open_manager(&mut harness, "Outlets");

    let afgazad_before = count_labels(&harness, "Title of afgazad");
    let defencepk_before = count_labels(&harness, "Title of defencepk");
    harness.get_by_label("Merge outlet-2 into another outlet").click();
    harness.run();
    harness.get_by_label("Sputnik International (outlet-1)").click();
    harness.run();
    // The confirmation names the documents that move (besides the documents list).
    assert_eq!(count_labels(&harness, "Title of afgazad"), afgazad_before + 1);
    assert_eq!(count_labels(&harness, "Title of defencepk"), defencepk_before + 1);
    assert!(
        project(&harness).outlet(&OutletId::new("outlet-2")).is_some(),
        "nothing changes before the confirmation"
    );
    harness.get_by_label("Merge outlets").click();
    harness.run();

    assert!(project(&harness).outlet(&OutletId::new("outlet-2")).is_none());
    for document in ["sputnik", "afgazad", "defencepk"] {
        assert_eq!(outlet_of(&harness, document).as_deref(), Some("outlet-1"), "{document}");
    }
    assert_eq!(outlet_of(&harness, "arabnews").as_deref(), Some("outlet-3"));
    assert_eq!(harness.state().open_project().history.undo_label(), Some("Merge outlets"));

    undo(&mut harness);
    let outlets: Vec<&str> = project(&harness).outlets.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(outlets, ["outlet-1", "outlet-2", "outlet-3"]);
    assert_eq!(outlet_of(&harness, "afgazad").as_deref(), Some("outlet-2"));
    assert_eq!(outlet_of(&harness, "defencepk").as_deref(), Some("outlet-2"));
    assert_eq!(outlet_of(&harness, "sputnik").as_deref(), Some("outlet-1"));
    assert_eq!(harness.state().open_project().history.undo_label(), None, "the merge was one step");
}

#[test]
fn deleting_an_outlet_asks_and_lists_its_documents() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    open_manager(&mut harness, "Outlets");

    let listed_before = count_labels(&harness, "Title of arabnews");
    harness.get_by_label("Delete outlet-3").click();
    harness.run();
    assert_eq!(
        count_labels(&harness, "Title of arabnews"),
        listed_before + 1,
        "the warning lists the document"
    );
    harness.get_by_label("Cancel").click();
    harness.run();
    assert!(project(&harness).outlet(&OutletId::new("outlet-3")).is_some(), "cancel changes nothing");
    assert!(harness.query_by_label("Delete outlet").is_none(), "cancel closes the confirmation");

    harness.get_by_label("Delete outlet-3").click();
    harness.run();
    harness.get_by_label("Delete outlet").click();
    harness.run();
    assert!(project(&harness).outlet(&OutletId::new("outlet-3")).is_none());
    assert_eq!(outlet_of(&harness, "arabnews"), None);
    undo(&mut harness);
    assert_eq!(outlet_of(&harness, "arabnews").as_deref(), Some("outlet-3"));
}

#[test]
fn adding_an_outlet_gives_a_new_id_and_unknown_affiliation() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    open_manager(&mut harness, "Outlets");

    harness.get_by_label("Add outlet").click();
    harness.run();
    let added = project(&harness).outlets.last().unwrap().clone();
    // The next number, and the session's random tag (`outlet-4-k3x9qa`).
    assert!(added.id.as_str().starts_with("outlet-4-"), "{}", added.id);
    assert_eq!(added.affiliation.as_str(), "unknown");
    // The new name field has the focus with its text selected: typing replaces it.
    harness.get_by_label(&format!("Name of {}", added.id)).type_text("Dawn");
    harness.run();
    assert_eq!(project(&harness).outlet(&added.id).unwrap().name, "Dawn");
}

#[test]
fn the_filter_hides_outlets_that_do_not_match() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    open_manager(&mut harness, "Outlets");

    harness.get_by_label("Filter outlets").focus();
    harness.run();
    harness.get_by_label("Filter outlets").type_text("arab");
    harness.run();
    assert!(harness.query_by_label("Name of outlet-3").is_some());
    assert!(harness.query_by_label("Name of outlet-1").is_none());
    assert!(harness.query_by_label("Name of outlet-2").is_none());
}

#[test]
fn deleting_a_used_source_after_confirming_unlinks_it_from_its_claims() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    open_manager(&mut harness, "Sources");

    harness.get_by_label("Delete source-1").click();
    harness.run();
    // The confirmation lists both claims that link it, by quote and document.
    assert!(
        harness
            .query_by_label_contains("“between 3,000 to 5,000 ISIS-K* fighters” in Title of sputnik")
            .is_some()
    );
    assert!(harness.query_by_label_contains("“over $7 billion in American military equipment” in").is_some());
    assert_eq!(links_of(&harness, "claim-1"), ["source-1"], "nothing changes before the confirmation");
    harness.get_by_label("Delete source").click();
    harness.run();

    let project_now = project(&harness);
    assert!(project_now.source(&SourceId::new("source-1")).is_none());
    assert!(project_now.claims.iter().all(|c| c.sources.iter().all(|l| l.source.as_str() != "source-1")));
    assert_eq!(links_of(&harness, "claim-2"), ["source-4"]);
    let claim = project_now.claims.iter().find(|c| c.id.as_str() == "claim-1").unwrap();
    assert_ne!(claim.modified, Timestamp::from_unix(1_763_900_000), "an unlinked claim is marked modified");
    assert_eq!(harness.state().open_project().history.undo_label(), Some("Delete source"));

    undo(&mut harness);
    assert!(project(&harness).source(&SourceId::new("source-1")).is_some());
    assert_eq!(links_of(&harness, "claim-1"), ["source-1"]);
    assert_eq!(links_of(&harness, "claim-2"), ["source-1", "source-4"]);
    assert_eq!(harness.state().open_project().history.undo_label(), None, "the delete was one step");
}

#[test]
fn merging_sources_moves_links_and_keeps_one_per_claim() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    open_manager(&mut harness, "Sources");

    harness.get_by_label("Merge source-4 into another source").click();
    harness.run();
    harness.get_by_label("Sputnik report on the forum (source-1)").click();
    harness.run();
    harness.get_by_label("Merge sources").click();
    harness.run();

    assert!(project(&harness).source(&SourceId::new("source-4")).is_none());
    assert_eq!(links_of(&harness, "claim-1"), ["source-1"]);
    assert_eq!(links_of(&harness, "claim-2"), ["source-1"], "a claim that linked both keeps one link");
    assert_eq!(links_of(&harness, "claim-3"), ["source-1"]);
    undo(&mut harness);
    assert_eq!(links_of(&harness, "claim-2"), ["source-1", "source-4"]);
    assert_eq!(links_of(&harness, "claim-3"), ["source-4"]);
    assert!(project(&harness).source(&SourceId::new("source-4")).is_some());
}

#[test]
fn only_http_links_reach_the_browser() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    open_manager(&mut harness, "Sources");

    // An http(s) URL is a link, and clicking it opens exactly that URL.
    // source-1 and its duplicate source-4 share the URL.
    let link = harness.get_all_by_label(&format!("Open {SPUTNIK_URL}")).next().unwrap().rect().center();
    let urls = click_collecting_urls(&mut harness, link);
    assert_eq!(urls, [SPUTNIK_URL]);

    // javascript: and file: URLs are no links: plain text with a note, and clicking the
    // note or the text opens nothing.
    for bad in ["javascript:alert(1)", "file:///etc/passwd"] {
        assert!(harness.query_by_label(&format!("Open {bad}")).is_none(), "{bad} must not be a link");
    }
    let links: Vec<String> = harness
        .get_all_by_role(egui::accesskit::Role::Link)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(links.iter().all(|l| !l.contains("javascript") && !l.contains("file:")), "{links:?}");
    let notes: Vec<egui::Pos2> =
        harness.get_all_by_label("not a web link").map(|n| n.rect().center()).collect();
    assert_eq!(notes.len(), 2, "both bad URLs carry the note");
    for note in notes {
        assert_eq!(click_collecting_urls(&mut harness, note), Vec::<String>::new());
    }
    for field in ["URL of source-2", "URL of source-3"] {
        let pos = harness.get_by_label(field).rect().center();
        assert_eq!(click_collecting_urls(&mut harness, pos), Vec::<String>::new(), "{field}");
    }
}

#[test]
fn an_outlet_domain_opens_over_https() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    open_manager(&mut harness, "Outlets");

    let link = harness.get_by_label("Open https://arabnews.com").rect().center();
    assert_eq!(click_collecting_urls(&mut harness, link), ["https://arabnews.com"]);

    // A domain edited into a script URL stops being a link.
    harness.get_by_label("Domain of outlet-3").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.get_by_label("Domain of outlet-3").type_text("javascript:alert(1)");
    harness.run();
    assert_eq!(
        project(&harness).outlet(&OutletId::new("outlet-3")).unwrap().domain.as_deref(),
        Some("javascript:alert(1)")
    );
    assert!(harness.query_by_label_contains("Open https://javascript").is_none());
    assert!(harness.query_by_label("Open javascript:alert(1)").is_none());
    assert!(harness.query_by_label("not a domain").is_some());
}
