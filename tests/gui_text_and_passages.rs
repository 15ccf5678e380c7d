//! Documents as fact-checkers find them, in the app: correcting a document's text (Edit
//! → Correct document text…, the claims to re-anchor, placing one again, one undo
//! step, a second writer's `set-text` behind the app) and marking a passage from
//! another outlet (Ctrl+Shift+O, the margin bar, the inspector, the comparison).

#![cfg(feature = "gui")]
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::anchor::CharSpan;
use claimmark::compare::{Dimension, Measure};
use claimmark::model::{DocumentId, Project};
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::{AppCommand, UiCommand};
use common::{char_offset_of, open_app};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

const SPUTNIK: &str = "sputnik-2025-12-17-eurasian-forum";

fn open_sample(dir: &Path) -> Harness<'static, ClaimmarkApp> {
    let path = dir.join("sample.ron");
    std::fs::write(&path, claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
    let mut harness = open_app(&path);
    harness.state_mut().send(AppCommand::SelectClaim(None));
    harness.state_mut().send(AppCommand::SelectDocument(DocumentId::new(SPUTNIK)));
    harness.run();
    harness
}

fn focus_text(harness: &mut Harness<'_, ClaimmarkApp>) {
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
}

fn sputnik(project: &Project) -> &claimmark::model::Document {
    project.document(&DocumentId::new(SPUTNIK)).unwrap()
}

/// The chars of `needle`'s first occurrence in the Sputnik text.
fn span_of(project: &Project, needle: &str) -> CharSpan {
    let start = char_offset_of(&sputnik(project).text, needle);
    CharSpan::new(start, start + needle.chars().count())
}

#[test]
fn correcting_a_text_carries_its_claims_flags_the_changed_one_and_is_placed_again_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_sample(dir.path());
    let before = harness.state().project().clone();
    let old_text = sputnik(&before).text.to_string();
    // The publisher corrected the range, and a reviewer put back a space the capture lost.
    let corrected = old_text
        .replacen("between 3,000 to 5,000 ISIS-K", "between 3,000 and 5,000 ISIS-K", 1)
        .replacen("two nations.The outlined", "two nations. The outlined", 1);
    assert_ne!(corrected, old_text);
    let range = before.claims.iter().find(|c| c.quote.exact.contains("3,000 to 5,000")).unwrap().id.clone();

    harness.state_mut().send(AppCommand::Run(UiCommand::CorrectText));
    harness.run();
    harness.get_by_role_and_label(Role::MultilineTextInput, "Corrected text").focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_role_and_label(Role::MultilineTextInput, "Corrected text").type_text(&corrected);
    harness.run();
    // Check says what applying would do, and changes nothing.
    harness.get_by_label("Check").click();
    harness.run();
    harness.get_by_label_contains("Applying it: ");
    harness.get_by_label_contains(&format!("1 to re-anchor ({range} “between 3,000 to 5,000"));
    assert_eq!(*harness.state().project(), before);
    harness.get_by_label("Apply correction").click();
    harness.run();

    let project = harness.state().project();
    assert_eq!(*sputnik(project).text, *corrected);
    assert_eq!(project.claims.len(), before.claims.len(), "no claim is lost");
    let flagged: Vec<_> =
        project.claims.iter().filter(|c| c.needs_reanchoring).map(|c| c.id.clone()).collect();
    assert_eq!(flagged, std::slice::from_ref(&range), "only the claim whose words changed");
    let status = harness.state().status().unwrap().to_owned();
    assert!(status.starts_with("Text corrected:") && status.contains("1 to re-anchor"), "{status}");
    // Every other claim still sits on its words.
    let text: Vec<char> = corrected.chars().collect();
    for claim in project.claims.iter().filter(|c| c.document.as_str() == SPUTNIK && !c.needs_reanchoring) {
        assert_eq!(text[claim.span.start..claim.span.end].iter().collect::<String>(), claim.quote.exact);
    }
    // The list of claims to re-anchor opened by itself; Show selects the claim.
    harness.get_by_label("Claims to re-anchor");
    harness.get_by_label("Show").click();
    harness.run();
    assert_eq!(harness.state().selection().claim.as_ref(), Some(&range));
    harness.get_by_label("Needs re-anchoring");

    // The reviewer selects the corrected words and places the claim there.
    let words = span_of(harness.state().project(), "between 3,000 and 5,000 ISIS-K* fighters");
    harness.state_mut().send(AppCommand::SelectText(words));
    harness.run();
    focus_text(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    harness.run();
    let placed = harness.state().project().claim(&range).unwrap().clone();
    assert!(!placed.needs_reanchoring);
    assert_eq!(placed.span, words);
    assert_eq!(placed.quote.exact, "between 3,000 and 5,000 ISIS-K* fighters");
    assert!(harness.query_by_label("Needs re-anchoring").is_none());

    // Two undo steps: the placing, then the whole correction.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().project().claim(&range).unwrap().needs_reanchoring);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(*harness.state().project(), before, "one undo step gives the text and every claim back");
}

#[test]
fn a_correction_by_the_command_line_behind_the_app_is_not_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_sample(dir.path());
    let path = dir.path().join("sample.ron");
    // An unsaved change in the app.
    let title_edit = {
        let project = harness.state().project();
        let mut document = sputnik(project).clone();
        document.title.push_str(" (checked)");
        claimmark::edit::Edit::Document(claimmark::edit::RecordEdit::Replace(document))
    };
    harness.state_mut().send(AppCommand::Edit {
        edit: title_edit,
        label: "Edit title".into(),
        merge_key: None,
    });
    harness.run();
    // The command line corrects the text meanwhile.
    let old_text = sputnik(harness.state().project()).text.to_string();
    std::fs::write(dir.path().join("fixed.txt"), old_text.replacen("two nations.The", "two nations. The", 1))
        .unwrap();
    let run = common::claimmark(dir.path(), &["set-text", "sample.ron", SPUTNIK, "fixed.txt"]);
    assert!(run.status.success(), "{}", common::printed(&run));
    let on_disk = || claimmark::store::load(&path).unwrap();
    let corrected = on_disk();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("sample.ron changed on disk");
    assert_eq!(on_disk(), corrected, "nothing written over the command line's correction");
    harness.get_by_label("Reload, keep my changes in a copy").click();
    harness.run();
    assert_eq!(*harness.state().project(), corrected, "what is open is what is on disk");
    let kept = claimmark::store::load(&common::unsaved_copy(dir.path())).unwrap();
    assert!(sputnik(&kept).title.ends_with(" (checked)"), "the app's change is in the copy");
}

/// `claimmark place` is another writer too: run behind the app's unsaved work, the app's
/// save asks instead of writing over the moved claim.
#[test]
fn a_claim_placed_by_the_command_line_behind_the_app_is_not_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_sample(dir.path());
    let path = dir.path().join("sample.ron");
    let title_edit = {
        let mut document = sputnik(harness.state().project()).clone();
        document.title.push_str(" (checked)");
        claimmark::edit::Edit::Document(claimmark::edit::RecordEdit::Replace(document))
    };
    harness.state_mut().send(AppCommand::Edit {
        edit: title_edit,
        label: "Edit title".into(),
        merge_key: None,
    });
    harness.run();
    let range = harness
        .state()
        .project()
        .claims
        .iter()
        .find(|c| c.quote.exact.contains("3,000 to 5,000"))
        .unwrap()
        .clone();
    let run = common::claimmark(
        dir.path(),
        &["place", "sample.ron", range.id.as_str(), "--quote", "3,000 to 5,000"],
    );
    assert!(run.status.success(), "{}", common::printed(&run));
    let on_disk = || claimmark::store::load(&path).unwrap();
    let placed = on_disk();
    assert_eq!(placed.claim(&range.id).unwrap().quote.exact, "3,000 to 5,000");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("sample.ron changed on disk");
    assert_eq!(on_disk(), placed, "nothing written over the command line's move");
    harness.get_by_label("Reload, keep my changes in a copy").click();
    harness.run();
    assert_eq!(*harness.state().project(), placed, "what is open is what is on disk");
    let kept = claimmark::store::load(&common::unsaved_copy(dir.path())).unwrap();
    assert!(sputnik(&kept).title.ends_with(" (checked)"), "the app's change is in the copy");
}

#[test]
fn a_passage_is_marked_from_the_selection_shown_in_the_margin_counted_and_edited_in_the_inspector() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_sample(dir.path());
    let before = harness.state().project().clone();
    // Maria Sultan's paragraph, as if the page quoted it from another outlet.
    let start = span_of(&before, "Sultan detailed how over $7 billion").start;
    let end = span_of(&before, "continuous flow of undocumented refugees.").end;
    let span = CharSpan::new(start, end);
    let inside: Vec<_> = before
        .claims
        .iter()
        .filter(|c| c.document.as_str() == SPUTNIK && start <= c.span.start && c.span.start < end)
        .map(|c| c.id.clone())
        .collect();
    assert!(inside.len() >= 3, "the paragraph holds claims: {inside:?}");

    harness.state_mut().send(AppCommand::SelectText(span));
    harness.run();
    focus_text(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    harness.run();
    harness.get_by_label("Mark passage from another outlet");
    // The outlet field has the focus: a new outlet's name, its affiliation, then Mark.
    harness.get_by_role_and_label(Role::TextInput, "Outlet").type_text("TASS");
    harness.run();
    let window = || harness.get_by_role_and_label(Role::Window, "Mark passage from another outlet");
    window().get_by_role_and_label(Role::ComboBox, "Affiliation").click();
    harness.run();
    // The option in the list that opened (the documents list has a "State media" badge too).
    harness.get_all_by_label("State media").last().unwrap().click();
    harness.run();
    harness.get_by_label("Mark passage").click();
    harness.run();

    let project = harness.state().project().clone();
    let tass = project.outlet_by_name("TASS").expect("the new outlet");
    assert_eq!(tass.affiliation.as_str(), "state-media");
    let tass = tass.id.clone();
    let passages = &sputnik(&project).passages;
    assert_eq!(passages.len(), 1);
    assert_eq!((passages[0].span, &passages[0].outlet), (span, &tass));
    let status = harness.state().status().unwrap();
    assert!(status.contains(&format!("{} claims in it now count for TASS", inside.len())), "{status}");
    assert!(harness.query_by_label("Mark passage from another outlet").is_none(), "the window closed");

    // The margin bar, with the outlet's name.
    harness.state_mut().send(AppCommand::SelectText(span));
    harness.run();
    let bars = &harness.state().reader().passage_bars_shown;
    assert_eq!(bars.iter().map(|(_, name)| name.as_str()).collect::<Vec<_>>(), ["TASS"]);

    // The comparison counts the paragraph's claims for TASS, the rest for Sputnik.
    let comparison = claimmark::compare::compare(&project, Dimension::Outlet, Measure::Kind);
    let row = |id: &str| comparison.rows.iter().position(|r| r.id == id).map(|r| comparison.row_claims[r]);
    assert_eq!(row(tass.as_str()), Some(inside.len()));
    let sputnik_claims = project.claims_in(&DocumentId::new(SPUTNIK)).count();
    assert_eq!(row("outlet-1"), Some(sputnik_claims - inside.len()));

    // The comparison window says how passages count (the sample's three and this one).
    harness.state_mut().send(AppCommand::Run(UiCommand::ToggleCompare));
    harness.run();
    harness.get_by_label_contains(
        "4 passages quoted from other outlets: their claims count for the outlet quoted",
    );
    harness.state_mut().send(AppCommand::Run(UiCommand::ToggleCompare));
    harness.run();
    // The claim groups name the page a quoted member was found on: a grouped claim of
    // the newspaper articles pasted into the Defence.pk thread.
    let thread = project.document(&DocumentId::new("defencepk-forum-2013-strategic-dialogue")).unwrap();
    let quoted = project
        .claims_in(&thread.id)
        .find(|c| c.group.is_some() && thread.passage_at(c.span.start).is_some())
        .expect("a grouped claim in a quoted passage");
    harness.state_mut().send(AppCommand::SelectClaim(Some(quoted.id.clone())));
    harness.run();
    harness.state_mut().send(AppCommand::Run(UiCommand::ToggleGroups));
    harness.run();
    assert!(
        !harness
            .get_all_by_label("quoted via Defence.pk (Pakistan Defence Forum)")
            .collect::<Vec<_>>()
            .is_empty()
    );
    harness.state_mut().send(AppCommand::Run(UiCommand::ToggleGroups));
    harness.state_mut().send(AppCommand::SelectClaim(None));
    harness.state_mut().send(AppCommand::SelectDocument(DocumentId::new(SPUTNIK)));
    harness.run();

    // The inspector shows it; its URL is edited there, and it is removed there.
    harness.get_by_label("From TASS");
    harness.get_by_label("Remove passage").click();
    harness.run();
    assert!(sputnik(harness.state().project()).passages.is_empty());
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(sputnik(harness.state().project()).passages.len(), 1, "undo brings it back");

    // An overlapping passage is refused with the reason.
    let overlapping = CharSpan::new(start + 10, end + 40);
    harness.state_mut().send(AppCommand::SelectText(overlapping));
    harness.run();
    focus_text(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::O);
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "Outlet").type_text("Reuters");
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    assert_eq!(sputnik(harness.state().project()).passages.len(), 1);
    assert!(harness.state().status().unwrap().contains("overlaps the passage from TASS"));
}

#[test]
fn a_project_opened_with_claims_to_re_anchor_says_so_and_lists_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.ron");
    std::fs::write(&path, claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
    let project = claimmark::store::load(&path).unwrap();
    let fixed = sputnik(&project).text.replacen("3,000 to 5,000", "3,000 and 5,000", 1);
    std::fs::write(dir.path().join("fixed.txt"), fixed).unwrap();
    let run = common::claimmark(dir.path(), &["set-text", "sample.ron", SPUTNIK, "fixed.txt"]);
    assert!(run.status.success(), "{}", common::printed(&run));
    let harness = open_app(&path);
    assert!(harness.state().status().unwrap().starts_with("1 claim to re-anchor after a text correction"));
    assert!(harness.state().windows().reanchor, "the list is open");
    harness.get_by_label_contains("was: “between 3,000 to 5,000 ISIS-K* fighters”");
}
