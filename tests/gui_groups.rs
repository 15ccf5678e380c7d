//! Claim groups in the app, driven headlessly: the group picker (G), the groups view
//! with its side-by-side members, grouping suggestions accepted with one key, and the
//! comparison view.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::anchor::CharSpan;
use claimmark::model::{ClaimGroup, ClaimId, GroupId, LabelId, Project, Taxonomy};
use claimmark::store;
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use common::{claim_on, corpus_text, document, open_app};
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

fn select_in_text(harness: &mut Harness<'_, ClaimmarkApp>, claim: &str) {
    harness.state_mut().send(AppCommand::SelectClaim(Some(ClaimId::new(claim))));
    let document = harness.state().project().claim(&ClaimId::new(claim)).unwrap().document.clone();
    harness.state_mut().send(AppCommand::SelectDocument(document));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
}

/// Waits until the inspector lists the suggestions (their index is built on a thread).
fn wait_for_suggestions(harness: &mut Harness<'_, ClaimmarkApp>) {
    for _ in 0..200 {
        harness.step();
        if harness.query_by_label_contains("Finding similar claims").is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    harness.run();
}

fn group_of(harness: &Harness<'_, ClaimmarkApp>, claim: &str) -> Option<String> {
    let project = &harness.state().project();
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
    assert_eq!(harness.state().project().groups.len(), 2);
    // Escape closes without a change.
    select_in_text(&mut harness, "claim-1");
    harness.key_press(Key::G);
    harness.run();
    harness.key_press(Key::Escape);
    harness.run();
    assert_eq!(group_of(&harness, "claim-1").as_deref(), Some("Daesh threat"));
}

fn sample_file(dir: &Path) -> PathBuf {
    let path = dir.join("sample.ron");
    std::fs::write(&path, claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
    path
}

#[test]
fn the_groups_view_shows_members_side_by_side_and_jumps_to_one() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&sample_file(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    harness.run();
    let project = harness.state().project().clone();
    let views = claimmark::compare::group_views(&project);
    let sco = views.iter().find(|v| v.name.contains("SCO")).expect("the sample has an SCO group");
    harness.get_by_label_contains(&sco.name[..20]).click();
    harness.run();
    // Every member's outlet and a piece of its passage are on screen.
    for member in &sco.members {
        let outlet = member.outlet_name.clone().unwrap_or_else(|| "no outlet recorded".into());
        assert!(harness.query_all_by_label_contains(&outlet).count() > 0, "{outlet}");
    }
    let links = harness.get_all_by_label("Show in the text").count();
    assert_eq!(links, sco.members.len());
    // The second member (the first is in the document already shown).
    harness.get_all_by_label("Show in the text").nth(1).unwrap().click();
    harness.run();
    let member = &sco.members[1];
    assert_eq!(
        harness.state().selection().claim.as_ref().map(|c| c.as_str()),
        Some(member.claim_id.as_str())
    );
    assert_eq!(
        harness.state().selection().document.as_ref().map(|d| d.as_str()),
        Some(member.document_id.as_str())
    );
}

#[test]
fn the_comparison_view_lists_a_cells_claims_and_the_coverage() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&sample_file(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    harness.run();
    let project = harness.state().project().clone();
    let comparison = claimmark::compare::compare(
        &project,
        claimmark::compare::Dimension::Affiliation,
        claimmark::compare::Measure::Frame,
    );
    let row = comparison.rows.iter().position(|r| r.id == "state-media").unwrap();
    let column = comparison.columns.iter().position(|c| c.id == "security-defense").unwrap();
    let count = comparison.count(row, column);
    assert!(count > 0);
    let label = format!("State media × Security and defense: {}", claimmark::text::count(count, "claim"));
    harness.get_by_label_contains(&label).click();
    harness.run();
    // The cell's claims are listed; clicking one shows it.
    let first = comparison.claims_in(row, column)[0];
    let quote: String = project.claims[first].quote.exact.chars().take(40).collect();
    harness.get_by_label_contains(&quote).click();
    // Jumping to the claim scrolls the text with an animation of a few frames.
    harness.run_steps(20);
    assert_eq!(harness.state().selection().claim.as_ref(), Some(&project.claims[first].id));
    // Coverage: the rows and what they leave out.
    harness.get_by_label("Claim groups each row tells, and leaves out");
    harness.get_by_label("Columns:");
}

#[test]
fn a_suggested_similar_claim_is_grouped_with_one_key() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    select_in_text(&mut harness, "claim-2");
    wait_for_suggestions(&mut harness);
    harness.get_by_label("Similar claims in other documents");
    // The Sputnik claim about ISIS-K fighters is suggested for Arab News' "Daesh".
    harness.get_by_label_contains("between 3,000 to 5,000 ISIS-K* fighters");
    harness.get_by_label_contains("Daesh = ISIS-K");
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    harness.key_press(Key::Num1);
    harness.run();
    assert_eq!(
        group_of(&harness, "claim-2").as_deref(),
        Some("Daesh threat"),
        "joined the suggestion's group"
    );
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(group_of(&harness, "claim-2"), None, "one undo");
}

#[test]
fn the_view_menu_opens_the_groups_and_comparison_views() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Claim groups").click();
    harness.run();
    assert!(harness.state().windows().groups);
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Compare outlets").click();
    harness.run();
    assert!(harness.state().windows().compare);
    // The keys of grouping are in the list of keys (Help, or F1).
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("Put claim into a group…");
    harness.get_by_label("Group with suggestion 1");
}

#[test]
fn the_picker_starts_on_the_claims_own_group() {
    let dir = tempfile::tempdir().unwrap();
    let path = project_file(dir.path());
    let mut project = store::load(&path).unwrap();
    project.groups.insert(
        0,
        ClaimGroup { id: GroupId::new("group-0"), name: "An earlier group".into(), notes: String::new() },
    );
    store::save(&project, &path).unwrap();
    let mut harness = open_app(&path);
    select_in_text(&mut harness, "claim-1");
    harness.key_press(Key::G);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(
        group_of(&harness, "claim-1").as_deref(),
        Some("Daesh threat"),
        "Enter at once keeps the group"
    );
    assert!(!harness.state().open_project().is_dirty(), "choosing the claim's own group changes nothing");
}

#[test]
fn a_suggestion_shown_before_an_edit_is_not_accepted_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    select_in_text(&mut harness, "claim-2");
    wait_for_suggestions(&mut harness);
    harness.get_by_label_contains("between 3,000 to 5,000 ISIS-K* fighters");
    // An edit and the key of suggestion 1 in one batch: the suggestion was found for the
    // project before the edit, so nothing is grouped until it is shown again.
    let mut changed = harness.state().project().claim(&ClaimId::new("claim-2")).unwrap().clone();
    changed.note = "checked".into();
    let edit = claimmark::edit::Edit::Claim(claimmark::edit::RecordEdit::Replace(changed));
    harness.state_mut().send(AppCommand::Edit { edit, label: "Edit note".into(), merge_key: None });
    harness.state_mut().send(AppCommand::AcceptSuggestion { claim: ClaimId::new("claim-2"), number: 0 });
    harness.run();
    assert_eq!(group_of(&harness, "claim-2"), None);
    // Shown again for the project as it is now, the same key groups them.
    wait_for_suggestions(&mut harness);
    harness.state_mut().send(AppCommand::AcceptSuggestion { claim: ClaimId::new("claim-2"), number: 0 });
    harness.run();
    assert_eq!(group_of(&harness, "claim-2").as_deref(), Some("Daesh threat"));
}

#[test]
fn the_comparison_reads_at_its_default_size() {
    use egui::accesskit::Role;
    use egui_kittest::kittest::NodeT;
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&sample_file(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::C);
    harness.run();
    let window = harness.get_by_role_and_label(Role::Window, "Compare outlets").rect();
    assert!(window.width() <= 1020.0, "the window keeps its default width: {window:?}");
    let project = harness.state().project().clone();
    let comparison = claimmark::compare::compare(
        &project,
        claimmark::compare::Dimension::Affiliation,
        claimmark::compare::Measure::Frame,
    );
    assert!(comparison.columns.len() > 12, "more columns than fit");

    // Headings stand apart from each other and from every cell.
    let headings: Vec<(String, egui::Rect)> = comparison
        .columns
        .iter()
        .map(|c| (c.name.clone(), harness.get_by_role_and_label(Role::ColumnHeader, &c.name).rect()))
        .collect();
    let cells: Vec<(String, egui::Rect)> = comparison
        .rows
        .iter()
        .flat_map(|r| comparison.columns.iter().map(move |c| format!("{} × {}: ", r.name, c.name)))
        .map(|label| {
            let rect = harness.get_by_label_contains(&label).rect();
            (label, rect)
        })
        .collect();
    for (i, (name, heading)) in headings.iter().enumerate() {
        for (other, rect) in &headings[i + 1..] {
            assert!(!heading.intersects(*rect), "headings {name} and {other} overlap");
        }
        for (cell, rect) in &cells {
            assert!(!heading.intersects(*rect), "heading {name} overlaps the cell {cell}");
        }
    }

    // Columns beyond the window's edge scroll into view.
    let last = &comparison.columns.last().unwrap().name;
    let last_heading = || harness.get_by_role_and_label(Role::ColumnHeader, last).rect();
    assert!(!window.contains_rect(last_heading()), "the last column starts out of view");
    let first_cell = harness.get_by_label_contains(&cells[0].0).rect();
    harness.hover_at(first_cell.center());
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(-3000.0, 0.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: Modifiers::NONE,
    });
    // The scroll eases in over a few frames.
    harness.run_steps(10);
    let heading = harness.get_by_role_and_label(Role::ColumnHeader, last).rect();
    assert!(window.contains_rect(heading), "{last} scrolled into view: {heading:?} in {window:?}");

    // The note on frames counting twice is for frames only.
    harness.get_by_label_contains("A claim with two frames counts in both");
    harness.get_by_role_and_label(Role::ComboBox, "Columns:").click();
    harness.run();
    harness
        .get_all_by_label("Claim kind")
        .find(|n| n.accesskit_node().role() != Role::Label)
        .unwrap()
        .click();
    harness.run();
    assert!(harness.query_by_label_contains("counts in both").is_none(), "no frames, no note");
    harness.get_by_label_contains("a row's shares add up to 100%");

    // The stacked bars: each row's bar divided among the kinds as the counts are.
    let kinds = claimmark::compare::compare(
        &project,
        claimmark::compare::Dimension::Affiliation,
        claimmark::compare::Measure::Kind,
    );
    harness.get_by_label("Stacked bars per row");
    for (r, row) in kinds.rows.iter().enumerate() {
        let total = kinds.row_label_total(r);
        let pieces: Vec<(usize, f32)> = kinds
            .columns
            .iter()
            .enumerate()
            .filter(|(c, _)| kinds.count(r, *c) > 0)
            .map(|(c, column)| {
                let label =
                    format!("Bar of {}: {}, {} of {total} claim", row.name, column.name, kinds.count(r, c));
                (kinds.count(r, c), harness.get_by_label_contains(&label).rect().width())
            })
            .collect();
        let bar: f32 = pieces.iter().map(|(_, width)| width).sum();
        for (count, width) in pieces {
            let expected = bar * count as f32 / total as f32;
            assert!((width - expected).abs() < 1.0, "{}: {width} for {count} of {total}", row.name);
        }
    }
}

/// Marking claims in a row rebuilds the suggestion index once, after the marking stops,
/// not after each claim (on a big project each build copies the project and takes
/// seconds of a core).
#[test]
fn the_suggestion_index_is_rebuilt_once_after_claims_marked_in_a_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&project_file(dir.path()));
    select_in_text(&mut harness, "claim-2");
    wait_for_suggestions(&mut harness);
    assert_eq!(harness.state().suggestion_index_builds(), 1);
    let document = harness.state().selection().document.clone().unwrap();
    let before = harness.state().project().claims_in(&document).count();
    for start in [0, 10, 20] {
        let span = CharSpan::new(start, start + 4);
        harness.state_mut().send(AppCommand::Mark { span, kind: LabelId::new("statistic") });
        // One frame each, well within REBUILD_AFTER.
        harness.step();
    }
    assert_eq!(harness.state().project().claims_in(&document).count(), before + 3);
    assert_eq!(harness.state().suggestion_index_builds(), 1, "no build while marking");
    harness.get_by_label_contains("Finding similar claims");
    std::thread::sleep(claimmark::ui::suggestions::REBUILD_AFTER);
    wait_for_suggestions(&mut harness);
    assert_eq!(harness.state().suggestion_index_builds(), 2, "one build after it");
}

/// The framing diff of group-4 of the sample, read from its two texts: New Eastern
/// Outlook (via Afghanistan Azad) writes "Pakistan sided with the US bloc against the
/// Soviet Union in the Cold War" (no number, true), The Express Tribune (via Defence.pk)
/// "Islamabad and Moscow remained bitter enemies in the 1980s when Pakistan along with
/// ..." (the 1980s, mostly true, another claimant); both assert it, neither hedges.
#[test]
fn the_groups_view_shows_the_framing_diff_of_the_shown_group() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&sample_file(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::G);
    harness.run();
    harness.get_by_label_contains("Pakistan sided with the US against the Soviet Union").click();
    harness.run();
    harness.get_by_label(
        "Differs in: numbers, claimant, verdict, wording. Same: hedging and certainty, asserted or attributed.",
    );
    // The reference gives no number; the Tribune's 1980s differs and is marked.
    harness.get_by_label("Numbers: none");
    let tribune_numbers = harness.get_by_label("Numbers: 1980s (1980–1989)").rect();
    let marks: Vec<egui::Rect> = harness.get_all_by_label("*").map(|n| n.rect()).collect();
    assert_eq!(marks.len(), 4, "the Tribune's claimant, verdict, numbers and quote differ");
    assert!(
        marks.iter().any(|m| (m.center().y - tribune_numbers.center().y).abs() < 4.0
            && m.right() <= tribune_numbers.left()),
        "the marked numbers line: {marks:?} {tribune_numbers:?}"
    );
    // The Tribune's quote against the reference's, word by word.
    let quote = harness.get_by_label_contains(
        "{+Islamabad and Moscow remained bitter enemies in the 1980s when +}Pakistan [-sided-]{+along+} with",
    );
    assert!(quote.rect().height() >= 12.0);
    assert!(quote.rect().width() < 400.0, "the quote wraps inside its card: {:?}", quote.rect());
    harness.get_by_label("Pakistan sided with the US bloc against the Soviet Union in the Cold War");
    // An edit (the Tribune's verdict set to the reference's) shows at once, and undo
    // brings the difference back: the diff is computed again for each history state.
    let mut tribune = harness.state().project().claim(&ClaimId::new("claim-28")).unwrap().clone();
    tribune.verdict = LabelId::new("true");
    let edit = claimmark::edit::Edit::Claim(claimmark::edit::RecordEdit::Replace(tribune));
    harness.state_mut().send(AppCommand::Edit { edit, label: "Set verdict".into(), merge_key: None });
    harness.run();
    harness.get_by_label(
        "Differs in: numbers, claimant, wording. Same: hedging and certainty, asserted or attributed, verdict.",
    );
    assert_eq!(harness.get_all_by_label("*").count(), 3);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    harness.get_by_label_contains("Differs in: numbers, claimant, verdict, wording.");
    // Another group: the diff follows the shown group.
    harness.get_by_label_contains("Terrorist groups based in Afghanistan").click();
    harness.run();
    harness.get_by_label_contains(
        "Differs in: hedging and certainty, asserted or attributed, claimant, verdict, wording.",
    );
    harness.get_by_label("Words: hedging: estimated");
    assert!(harness.query_by_label("Numbers: 1980s (1980–1989)").is_none());
}
