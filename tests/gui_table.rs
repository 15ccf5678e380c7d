//! The claims table driven headlessly as a user drives it (egui_kittest): open it with
//! Ctrl+T, sort by a header click (and reverse), filter, and jump to a claim of another
//! document by clicking its row.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::edit::{Edit, RecordEdit};
use claimmark::generate::{GeneratedSize, generate_project};
use claimmark::model::{
    Attribution, ClaimId, DocumentId, LabelId, Outlet, OutletId, Project, Reviewer, ReviewerId, Taxonomy,
};
use claimmark::store;
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use common::{claim_on, corpus_text, document, open_app};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};

const SPUTNIK: &str = "sputnik-2025-12-17-eurasian-forum.txt";
const ARAB_NEWS: &str = "arabnews-oped-2020-regional-peace.txt";

/// The claims of the test project, in project order: (id, document, quote, claimant).
const CLAIMS: [(&str, &str, &str, &str); 5] = [
    (
        "claim-1",
        "sputnik",
        "We do believe that this forum will launch an absolutely new era of our relationships",
        "Roxolana Zigon",
    ),
    ("claim-2", "sputnik", "over $7 billion in American military equipment", "Maria Sultan"),
    ("claim-3", "sputnik", "between 3,000 to 5,000 ISIS-K* fighters", "Maria Sultan"),
    (
        "claim-4",
        "arabnews",
        "Russia has maintained cordial relations with Iran and keeps a military presence in Syria",
        "Zafar Nawaz Jaspal",
    ),
    (
        "claim-5",
        "arabnews",
        "Foreign Minister Shah Mahmood Qureshi called his Russian counterpart, Sergey Lavrov",
        "Shah Mahmood Qureshi",
    ),
];

fn outlet(id: &str, name: &str, affiliation: &str) -> Outlet {
    Outlet {
        id: OutletId::new(id),
        name: name.into(),
        domain: None,
        country: None,
        affiliation: LabelId::new(affiliation),
        owner: None,
        notes: String::new(),
    }
}

/// Two corpus documents from two outlets with the claims of [`CLAIMS`], saved in `dir`.
fn project_file(dir: &Path) -> PathBuf {
    let sputnik = corpus_text(SPUTNIK);
    let arab_news = corpus_text(ARAB_NEWS);
    let mut project = Project::new("table test", Taxonomy::builtin());
    project.outlets.push(outlet("outlet-1", "Sputnik International", "state-media"));
    project.outlets.push(outlet("outlet-2", "Arab News", "private"));
    let mut first = document("sputnik", &sputnik, Some("outlet-1"));
    first.title = "Pakistan, Russia Forum Lays Groundwork for Strategic Dialogue".into();
    let mut second = document("arabnews", &arab_news, Some("outlet-2"));
    second.title = "Pakistan-Russia cooperation for regional peace".into();
    second.genre = Some(LabelId::new("opinion"));
    project.documents.push(first);
    project.documents.push(second);
    for (id, document_id, quote, claimant) in CLAIMS {
        let text = if document_id == "sputnik" { &sputnik } else { &arab_news };
        let mut claim = claim_on(id, document_id, text, quote);
        claim.claimant = claimant.into();
        if document_id == "arabnews" {
            claim.kind = LabelId::new("event");
            claim.verdict = LabelId::new("true");
            claim.attribution = Attribution::Asserted;
        }
        project.claims.push(claim);
    }
    let path = dir.join("project.ron");
    store::save(&project, &path).unwrap();
    path
}

fn open_table(harness: &mut Harness<'_, ClaimmarkApp>) {
    assert!(harness.query_by_label("5 of 5 claims").is_none(), "the table starts closed");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    assert!(harness.state().windows().claims_table, "Ctrl+T opens the claims table");
    harness.get_by_label("5 of 5 claims");
}

/// The ids of the claims whose quote the table shows, top to bottom.
fn displayed_order(harness: &Harness<'_, ClaimmarkApp>) -> Vec<&'static str> {
    let mut rows: Vec<(f32, &'static str)> = CLAIMS
        .iter()
        .filter_map(|(id, _, quote, _)| {
            harness.query_by_label(quote).map(|node| (node.rect().center().y, *id))
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter().map(|(_, id)| id).collect()
}

fn click_header(harness: &mut Harness<'_, ClaimmarkApp>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

fn type_filter(harness: &mut Harness<'_, ClaimmarkApp>, text: &str) {
    harness.get_by_label("Filter claims:").click();
    harness.run();
    harness.get_by_label("Filter claims:").type_text(text);
    harness.run();
}

/// Rows of the table laid out this frame: each shows "asserted" or "attributed" once.
fn laid_out_rows(harness: &Harness<'_, ClaimmarkApp>) -> usize {
    harness.query_all_by_label("asserted").count() + harness.query_all_by_label("attributed").count()
}

#[test]
fn large_table_lays_out_only_visible_rows_and_follows_the_selection() {
    let size = GeneratedSize {
        documents: 20,
        text_bytes: 5_000,
        claims: 2_000,
        outlets: 5,
        groups: 50,
        sources: 10,
    };
    let mut project = generate_project(11, size);
    let last = project.claims.last_mut().unwrap();
    last.claimant = "Zelda Farthest".into();
    let last_id = last.id.clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    store::save(&project, &path).unwrap();

    let mut harness = open_app(&path);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::T);
    harness.run();
    harness.get_by_label("2000 of 2000 claims");
    let rows = laid_out_rows(&harness);
    assert!((5..100).contains(&rows), "{rows} of 2000 rows laid out");
    assert!(harness.query_by_label("Zelda Farthest").is_none(), "the last row is not laid out");

    // A claim selected elsewhere (the reader, the inspector) scrolls into view.
    harness.state_mut().send(AppCommand::SelectClaim(Some(last_id.clone())));
    // The reader and the table both animate their scroll to the claim: more frames than
    // `run` allows by default.
    harness.run_steps(30);
    harness.run();
    harness.get_by_label("Zelda Farthest");
    assert_eq!(harness.state().selection().claim, Some(last_id));
}

#[test]
fn claims_table_sorts_filters_and_jumps_to_a_claim() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    assert_eq!(harness.state().selection().document, Some(DocumentId::new("sputnik")));
    assert_eq!(harness.state().selection().claim, None);

    open_table(&mut harness);
    assert_eq!(displayed_order(&harness), ["claim-1", "claim-2", "claim-3", "claim-4", "claim-5"]);

    // Ascending by claimant; the two claims of Maria Sultan keep their project order.
    click_header(&mut harness, "Claimant");
    harness.get_by_role_and_label(Role::Button, "Claimant, sorted ascending");
    assert_eq!(displayed_order(&harness), ["claim-2", "claim-3", "claim-1", "claim-5", "claim-4"]);

    // Again: reversed, ties still in project order.
    click_header(&mut harness, "Claimant, sorted ascending");
    harness.get_by_role_and_label(Role::Button, "Claimant, sorted descending");
    assert_eq!(displayed_order(&harness), ["claim-4", "claim-5", "claim-1", "claim-2", "claim-3"]);

    // An edit to the project shows at once (the cached order is recomputed), and so does
    // its undo.
    let mut renamed = harness.state().project().claim(&ClaimId::new("claim-4")).unwrap().clone();
    renamed.claimant = "Aaron Aaronson".into();
    let edit = Edit::Claim(RecordEdit::Replace(renamed));
    harness.state_mut().send(AppCommand::Edit { edit, label: "Edit claimant".into(), merge_key: None });
    harness.run();
    harness.get_by_label("Aaron Aaronson");
    assert_eq!(displayed_order(&harness), ["claim-5", "claim-1", "claim-2", "claim-3", "claim-4"]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.query_by_label("Aaron Aaronson").is_none(), "undo restores the claimant");
    assert_eq!(displayed_order(&harness), ["claim-4", "claim-5", "claim-1", "claim-2", "claim-3"]);

    // Another column: ascending by it, the claimant header loses its arrow.
    click_header(&mut harness, "Outlet");
    harness.get_by_role_and_label(Role::Button, "Outlet, sorted ascending");
    harness.get_by_role_and_label(Role::Button, "Claimant");
    assert_eq!(displayed_order(&harness), ["claim-4", "claim-5", "claim-1", "claim-2", "claim-3"]);

    // The filter ignores case and matches claimants.
    type_filter(&mut harness, "sultan");
    harness.get_by_label("2 of 5 claims");
    assert_eq!(displayed_order(&harness), ["claim-2", "claim-3"]);

    // ... and outlets, and is cleared by its button.
    harness.get_by_role_and_label(Role::Button, "Clear").click();
    harness.run();
    harness.get_by_label("5 of 5 claims");
    type_filter(&mut harness, "ARAB NEWS");
    harness.get_by_label("2 of 5 claims");
    assert_eq!(displayed_order(&harness), ["claim-4", "claim-5"]);

    // A click on a row of the other document selects its claim and shows that document.
    harness.get_by_label("Shah Mahmood Qureshi").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.selection().claim, Some(ClaimId::new("claim-5")));
    assert_eq!(app.selection().document, Some(DocumentId::new("arabnews")));
    assert!(app.windows().claims_table, "the table stays open");

    // The window's close button closes the table.
    harness.get_by_label("Close window").click();
    harness.run();
    assert!(!harness.state().windows().claims_table);
    assert!(harness.query_by_label("2 of 5 claims").is_none());
}

/// Picks `option` in the filter dropdown labelled `dropdown`.
fn choose(harness: &mut Harness<'_, ClaimmarkApp>, dropdown: &str, option: &str) {
    harness.get_by_role_and_label(Role::ComboBox, dropdown).click();
    harness.run();
    // The option in the open dropdown, not a table cell of the same name.
    let node = harness
        .get_all_by_label(option)
        .find(|node| node.accesskit_node().role() != Role::Label)
        .unwrap_or_else(|| panic!("no option {option} in {dropdown}"));
    node.click();
    harness.run();
}

#[test]
fn filter_dropdowns_narrow_the_rows_by_kind_verdict_outlet_affiliation_and_reviewer() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    // Ana Petrova marked claims 1 and 4; the others have no reviewer recorded.
    let mut project = store::load(&path).unwrap();
    project.reviewers.push(Reviewer { id: ReviewerId::new("reviewer-1"), name: "Ana Petrova".into() });
    for claim in project.claims.iter_mut().filter(|c| ["claim-1", "claim-4"].contains(&c.id.as_str())) {
        claim.reviewer = Some(ReviewerId::new("reviewer-1"));
    }
    store::save(&project, &path).unwrap();
    let mut harness = open_app(&path);
    open_table(&mut harness);

    choose(&mut harness, "Kind:", "Event");
    harness.get_by_label("2 of 5 claims");
    assert_eq!(displayed_order(&harness), ["claim-4", "claim-5"]);
    choose(&mut harness, "Kind:", "All");
    harness.get_by_label("5 of 5 claims");

    choose(&mut harness, "Verdict:", "Unverified");
    assert_eq!(displayed_order(&harness), ["claim-1", "claim-2", "claim-3"]);
    choose(&mut harness, "Verdict:", "All");

    choose(&mut harness, "Outlet:", "Sputnik International");
    harness.get_by_label("3 of 5 claims");
    // Every dropdown must pass: Sputnik is state media, not private.
    choose(&mut harness, "Affiliation:", "Private / commercial");
    harness.get_by_label("0 of 5 claims");
    harness.get_by_role_and_label(Role::Button, "All claims").click();
    harness.run();
    harness.get_by_label("5 of 5 claims");
    choose(&mut harness, "Affiliation:", "Private / commercial");
    assert_eq!(displayed_order(&harness), ["claim-4", "claim-5"]);
    harness.get_by_role_and_label(Role::Button, "All claims").click();
    harness.run();

    choose(&mut harness, "Reviewer:", "Ana Petrova");
    assert_eq!(displayed_order(&harness), ["claim-1", "claim-4"]);
    choose(&mut harness, "Reviewer:", "No reviewer recorded");
    assert_eq!(displayed_order(&harness), ["claim-2", "claim-3", "claim-5"]);
    // Together with the filter text.
    type_filter(&mut harness, "sultan");
    harness.get_by_label("2 of 5 claims");
    assert_eq!(displayed_order(&harness), ["claim-2", "claim-3"]);
}
