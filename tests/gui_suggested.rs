//! View → Suggested claims (Ctrl+Shift+D) on the bundled sample: the detector's
//! suggestions outlined in the text, Tab and Shift+Tab going to them, a kind's key and
//! Enter accepting one (a claim of origin "suggested", by the reviewer of the settings),
//! X and Del rejecting one (kept in the project, never proposed again), each decision one
//! undo step; and a big document, whose suggestions are worked out on a thread.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::anchor::CharSpan;
use claimmark::detect::Candidate;
use claimmark::detect::suggestions;
use claimmark::model::{Origin, Project};
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use claimmark::ui::session::Settings;
use common::open_app;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::Path;

fn focus_text(harness: &mut Harness<'_, ClaimmarkApp>) {
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
}

fn selection(harness: &Harness<'_, ClaimmarkApp>) -> CharSpan {
    harness.state().reader().selection()
}

/// The suggestions the app should show for the document shown, worked out here with
/// the library: a ranker trained on the project, the threshold of the settings.
fn expected(harness: &Harness<'_, ClaimmarkApp>) -> Vec<Candidate> {
    let app = harness.state();
    let project = app.project();
    let document = project.document(app.selection().document.as_ref().unwrap()).unwrap();
    let ranker = suggestions::train(project);
    suggestions::suggestions(project, document, &ranker, app.settings().suggestion_threshold)
}

fn open_sample(dir: &Path) -> Harness<'static, ClaimmarkApp> {
    let path = dir.join("sample.ron");
    std::fs::write(&path, claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
    let mut harness = open_app(&path);
    // The complete sample leaves few suggestions in a document at the default 0.3.
    let settings =
        Settings { reviewer: "Dana".into(), suggestion_threshold: 0.1, ..harness.state().settings().clone() };
    harness.state_mut().send(AppCommand::ChangeSettings(settings));
    harness.run();
    harness
}

#[test]
fn accepting_with_a_kind_key_rejecting_with_x_and_undoing_both() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_sample(dir.path());
    let before: Project = harness.state().project().clone();
    assert!(harness.state().reader().suggestions_shown.is_empty(), "off until asked for");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    assert!(harness.state().windows().suggested_claims);
    harness.get_by_label_contains("Tab / Shift+Tab: next / previous suggestion");
    let list = expected(&harness);
    assert!(list.len() >= 3, "{list:#?}");
    assert_eq!(harness.state().suggested().unwrap().candidates, list);
    focus_text(&mut harness);

    // Tab selects the first suggestion and says what it is; the view follows it, and
    // every suggestion in view is outlined.
    harness.key_press(Key::Tab);
    harness.run();
    assert_eq!(selection(&harness), list[0].span);
    let shown = harness.state().reader().suggestions_shown.clone();
    assert!(shown.contains(&list[0].span), "{shown:?}");
    assert!(shown.iter().all(|s| list.iter().any(|c| c.span == *s)), "{shown:?}");
    assert!(harness.state().status().unwrap().starts_with(&format!("Suggestion 1 of {}", list.len())));
    // Tab, then Shift+Tab: the second, and back to the first.
    harness.key_press(Key::Tab);
    harness.run();
    assert_eq!(selection(&harness), list[1].span);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    harness.run();
    assert_eq!(selection(&harness), list[0].span);

    // M (money's key) accepts it as money, whatever kind it was proposed as.
    harness.key_press(Key::M);
    harness.run();
    let project = harness.state().project();
    assert_eq!(project.claims.len(), before.claims.len() + 1);
    let accepted = project.claims.iter().find(|c| before.claim(&c.id).is_none()).unwrap().clone();
    assert_eq!(accepted.span, list[0].span);
    assert_eq!(accepted.kind.as_str(), "money");
    assert_eq!(accepted.origin, Origin::Suggested);
    assert_eq!(accepted.reviewer, project.reviewer_by_name("Dana").map(|r| r.id.clone()));
    // The speaker the detector found, or else the outlet, in whose voice it stands.
    let document = project.document(&accepted.document).unwrap();
    let outlet = project.outlet_of(document).unwrap().name.clone();
    assert_eq!(accepted.claimant, list[0].claimant.clone().unwrap_or(outlet));
    assert!(harness.state().status().unwrap().starts_with("Accepted"));
    // The text keeps the focus, on the next suggestion the decision leaves.
    let next = list[1..].iter().find(|c| !c.span.overlaps(&list[0].span)).unwrap().clone();
    assert_eq!(selection(&harness), next.span);
    assert!(!harness.state().reader().suggestions_shown.contains(&list[0].span));

    // X rejects it: kept in the project, no longer outlined.
    harness.key_press(Key::X);
    harness.run();
    let project = harness.state().project();
    assert_eq!(project.rejections.len(), 1);
    assert_eq!(project.rejections[0].span, next.span);
    assert_eq!(project.rejections[0].kind.as_str(), next.kind.id());
    assert_eq!(project.rejections[0].reviewer, project.reviewer_by_name("Dana").map(|r| r.id.clone()));
    assert_eq!(project.claims.len(), before.claims.len() + 1, "a rejection marks nothing");
    assert!(!harness.state().reader().suggestions_shown.contains(&next.span));
    assert!(expected(&harness).iter().all(|c| c.span != next.span), "never proposed again");

    // Ctrl+Z twice: the rejection, then the claim; the project is as it was.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(harness.state().project().rejections.is_empty());
    assert_eq!(harness.state().project().claims.len(), before.claims.len() + 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().project(), &before);
    assert_eq!(harness.state().suggested().unwrap().candidates, list, "all proposed again");

    // Ctrl+Shift+D hides them again.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    assert!(harness.state().reader().suggestions_shown.is_empty());
}

#[test]
fn enter_accepts_its_own_kind_del_rejects_and_away_from_a_suggestion_they_work_as_ever() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_sample(dir.path());
    let before = harness.state().project().clone();
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    focus_text(&mut harness);
    let list = expected(&harness);
    harness.key_press(Key::Tab);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
    let project = harness.state().project();
    let accepted = project.claims.iter().find(|c| before.claim(&c.id).is_none()).unwrap();
    assert_eq!((accepted.span, accepted.kind.as_str()), (list[0].span, list[0].kind.id()));
    // Del on the next one rejects it.
    let next = selection(&harness);
    harness.key_press(Key::Delete);
    harness.run();
    assert_eq!(harness.state().project().rejections.iter().map(|r| r.span).collect::<Vec<_>>(), [next]);
    // Away from a suggestion X rejects nothing (a desk's taxonomy may give it a kind),
    // and Enter marks the selection as ever (a claim of origin marked).
    harness.state_mut().send(AppCommand::SelectText(CharSpan::new(0, 0)));
    harness.run();
    harness.key_press(Key::X);
    harness.run();
    assert_eq!(harness.state().project().rejections.len(), 1);
    let claims = harness.state().project().claims.len();
    // A word no suggestion is on: Enter marks it with the kind used last (its own kind
    // of the accepted suggestion), a claim of origin marked.
    let document = harness.state().selection().document.clone().unwrap();
    let text = before.document(&document).unwrap().text.clone();
    let word = CharSpan::new(
        common::char_offset_of(&text, "Wednesday"),
        common::char_offset_of(&text, "Wednesday") + "Wednesday".len(),
    );
    assert!(list.iter().all(|c| c.span != word));
    harness.state_mut().send(AppCommand::SelectText(word));
    harness.run();
    focus_text(&mut harness);
    harness.key_press(Key::Enter);
    harness.run();
    let project = harness.state().project();
    assert_eq!(project.claims.len(), claims + 1);
    let marked = project.claims.iter().find(|c| c.span == word).unwrap();
    assert_eq!((marked.origin, marked.kind.as_str()), (Origin::Marked, list[0].kind.id()));
    // The inspector says where the accepted claim came from.
    let accepted = project.claims.iter().find(|c| c.span == list[0].span).unwrap().id.clone();
    harness.state_mut().send(AppCommand::SelectClaim(Some(accepted)));
    harness.run();
    harness.get_by_label("Suggested by the detector, accepted");
}

#[test]
fn the_ranker_is_retrained_after_five_decisions() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_sample(dir.path());
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    let decisions = harness.state().project().claims.len();
    harness.get_by_label_contains(&format!("trained on this project's {decisions} decisions"));
    focus_text(&mut harness);
    // Four rejections: the ranker stays; the fifth decision retrains it.
    for n in 1..=5 {
        harness.key_press(Key::Tab);
        harness.run();
        harness.key_press(Key::X);
        harness.run();
        assert_eq!(harness.state().project().rejections.len(), n);
        let trained_on = if n < 5 { decisions } else { decisions + 5 };
        harness.get_by_label_contains(&format!("trained on this project's {trained_on} decisions"));
    }
    // What it shows now is what a ranker trained on the project with them gives.
    assert_eq!(harness.state().suggested().unwrap().candidates, expected(&harness));
}

#[test]
fn a_big_documents_suggestions_are_worked_out_on_a_thread() {
    // One document of about 600 KB (the sample's texts repeated), no claims.
    let sample = claimmark::sample::sample_project().unwrap();
    let text: String = sample.documents.iter().map(|d| d.text.to_string()).collect::<Vec<_>>().join("\n\n");
    let mut big = String::new();
    while big.len() < 600_000 {
        big.push_str(&text);
        big.push_str("\n\n");
    }
    let mut project = Project::new("big", sample.taxonomy.clone());
    project.documents.push(claimmark::model::Document::new("big".into(), "Big", big.as_str()));
    // Decisions to learn from: the sample's claims on the first copy of its texts, so
    // that the ranker too is trained on a thread (its texts are big).
    let mut offset = 0;
    for document in &sample.documents {
        for claim in sample.claims_in(&document.id) {
            let span = CharSpan::new(claim.span.start + offset, claim.span.end + offset);
            let quote = claimmark::anchor::QuoteSelector::capture(&big, span).unwrap();
            let id = claimmark::model::ClaimId::new(format!("{}-big", claim.id));
            let mut copy = claimmark::model::Claim::new(
                id,
                "big".into(),
                span,
                quote,
                claim.kind.clone(),
                claim.verdict.clone(),
                claim.created.clone(),
            );
            copy.claimant = claim.claimant.clone();
            project.claims.push(copy);
        }
        offset += document.text.chars().count() + 2;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    claimmark::store::save(&project, &path).unwrap();
    let mut harness = open_app(&path);
    // The copies past the first have no claims: the trained ranker scores low there.
    let settings = Settings { suggestion_threshold: 0.05, ..harness.state().settings().clone() };
    harness.state_mut().send(AppCommand::ChangeSettings(settings));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    // The frame that turned them on did not wait for them.
    let mut frames = 0;
    let listed = |harness: &Harness<'_, ClaimmarkApp>| harness.state().suggested().is_some();
    while !listed(&harness) && frames < 400 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
        frames += 1;
    }
    assert!(frames > 0, "the list was worked out within the frame");
    // Trained on a thread too: the rules' scores until then.
    while harness.query_by_label_contains("trained on this project's").is_none() && frames < 800 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
        frames += 1;
    }
    harness.get_by_label_contains(&format!("trained on this project's {} decisions", project.claims.len()));
    assert!(listed(&harness), "no suggestions after {frames} frames");
    // Then the list scored by the trained ranker, worked out on a thread again.
    let want = expected(&harness);
    assert!(!want.is_empty());
    while harness.state().suggested().unwrap().candidates != want && frames < 1200 {
        std::thread::sleep(std::time::Duration::from_millis(10));
        harness.step();
        frames += 1;
    }
    assert_eq!(harness.state().suggested().unwrap().candidates, want);

    // A decision on the list of an older version takes nothing: accept one, then at
    // once go back to it and reject it, while the new list is worked out.
    focus_text(&mut harness);
    harness.key_press(Key::Tab);
    harness.run();
    let accepted = selection(&harness);
    assert!(!accepted.is_empty(), "{:?}", harness.state().status());
    harness.key_press(Key::Enter);
    harness.step();
    assert!(
        harness.state().project().claims.iter().any(|c| c.span == accepted),
        "{accepted:?} {:?}",
        harness.state().status()
    );
    harness.key_press_modifiers(Modifiers::SHIFT, Key::Tab);
    harness.step();
    harness.key_press(Key::X);
    harness.step();
    assert!(
        harness.state().project().rejections.iter().all(|r| r.span != accepted),
        "a claim and a rejection on one span"
    );
}

#[test]
fn deciding_while_detect_apply_changes_the_file_overwrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_sample(dir.path());
    let path = dir.path().join("sample.ron");
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    focus_text(&mut harness);
    // Accept one, reject the next: two decisions, not saved yet.
    harness.key_press(Key::Tab);
    harness.run();
    let accepted = selection(&harness);
    harness.key_press(Key::Enter);
    harness.run();
    let rejected = selection(&harness);
    harness.key_press(Key::X);
    harness.run();
    assert_eq!(harness.state().project().rejections.len(), 1);
    // The real command line marks what is left behind the app's back.
    let applied = common::claimmark(
        dir.path(),
        &["detect", "sample.ron", "--apply", "--min-score", "0.6", "--reviewer", "Eve"],
    );
    assert!(applied.status.success(), "{}", common::printed(&applied));
    let on_disk = || claimmark::store::load(&path).unwrap();
    let before_save = on_disk();
    assert!(before_save.claims.iter().any(|c| c.origin == Origin::Detected), "{}", common::printed(&applied));
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("sample.ron changed on disk");
    assert_eq!(on_disk(), before_save, "nothing written over the command line's change");
    harness.get_by_label("Reload, keep my changes in a copy").click();
    harness.run();
    let project = harness.state().project();
    assert!(project.claims.iter().any(|c| c.origin == Origin::Detected), "the command line's claims");
    assert!(project.rejections.is_empty(), "what is open is what is on disk");
    // The two decisions are in the copy of the unsaved work.
    let copy = common::unsaved_copy(dir.path());
    let kept = claimmark::store::load(&copy).unwrap();
    assert_eq!(kept.rejections.iter().map(|r| r.span).collect::<Vec<_>>(), [rejected]);
    let taken = kept.claims.iter().find(|c| c.span == accepted).expect("the accepted claim");
    assert_eq!(taken.origin, Origin::Suggested);
}

#[test]
fn the_reviewer_is_named_in_the_edit_menu_with_a_click_and_in_the_bar() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sample.ron");
    std::fs::write(&path, claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
    let mut harness = open_app(&path);
    assert_eq!(harness.state().settings().reviewer, "");
    // A click into the menu's field keeps the menu open for typing.
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Reviewer:").click();
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Reviewer:").type_text("Ana");
    harness.run();
    assert_eq!(harness.state().settings().reviewer, "Ana");
    harness.key_press(Key::Escape);
    harness.run();
    // The Suggested claims bar has the field too.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "You decide as:").click();
    harness.run();
    harness.key_press(Key::End);
    harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "You decide as:").type_text("ta");
    harness.run();
    assert_eq!(harness.state().settings().reviewer, "Anata");
}

#[test]
fn a_taxonomy_without_a_kind_gets_no_suggestion_of_it() {
    // A desk's own taxonomy with no "money": no sum is proposed (as `detect --apply`
    // leaves them out), though the detector finds them.
    let sample = claimmark::sample::sample_project().unwrap();
    let mut taxonomy = sample.taxonomy.clone();
    taxonomy.claim_kinds.retain(|k| k.id.as_str() != "money");
    let mut project = Project::new("no money", taxonomy);
    project.documents.push(sample.documents[0].clone());
    project.outlets = sample.outlets.clone();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("no-money.ron");
    claimmark::store::save(&project, &path).unwrap();
    claimmark::store::load(&path).unwrap();
    let mut harness = open_app(&path);
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::D);
    harness.run();
    assert_eq!(harness.state().project().name, "no money", "{:?}", harness.state().status());
    let all = expected(&harness);
    assert!(all.iter().any(|c| c.kind == claimmark::detect::Kind::Money), "{all:#?}");
    let shown = &harness.state().suggested().unwrap().candidates;
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|c| c.kind != claimmark::detect::Kind::Money), "{shown:#?}");
}
