//! View → Reviewers (Ctrl+Shift+R) on the three-reviewer fixture: the figures of the
//! document shown and of the project, a disagreement's button selects that claim; two
//! reviewers in lanes over the text, accepting a claim into the adjudicated set with
//! keys and with buttons, marking a settled claim of one's own, and undoing each step.

#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::model::{Claim, ReviewerId};
use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use claimmark::ui::reader::lanes::Lane;
use claimmark::ui::session::Settings;
use common::open_app;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

#[test]
fn the_reviewers_view_shows_the_figures_and_selects_a_disagreeing_claim() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&fixture(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    harness.run();
    harness.get_by_label("Every pair, and every disagreement in this document").click();
    harness.run();
    harness.get_by_label("3 reviewers: Amina, Bruno, Chen.");
    harness.get_by_label("This document");
    harness.get_by_label("The project");
    // The project's figures, as `claimmark agree` gives them (see tests/agree.rs).
    harness.get_by_label_contains(
        "All reviewers: Krippendorff's α on kinds 0.719, on verdicts 0.640, unitizing α 0.525",
    );
    assert!(harness.get_all_by_label("Amina / Chen").count() >= 2, "a row per pair in both tables");
    // Bruno's long clause against Chen's "$7 billion": Show selects Chen's claim.
    let shown = harness.state().selection().document.clone().unwrap();
    assert_eq!(shown.as_str(), "sputnik-2025-12-17-eurasian-forum");
    // (It disagrees with Amina's and with Bruno's mark: a button in each pair's list.)
    let button = harness.get_all_by_label("Chen: “$7 billion”").next().unwrap();
    button.scroll_to_me();
    harness.run();
    harness.get_all_by_label("Chen: “$7 billion”").next().unwrap().click();
    harness.run();
    let selected = harness.state().selection().claim.clone().expect("a claim is selected");
    let claim = harness.state().project().claim(&selected).unwrap().clone();
    assert_eq!(claim.quote.exact, "$7 billion");
    let chen = harness.state().project().reviewers.iter().find(|r| r.name == "Chen").unwrap().id.clone();
    assert_eq!(claim.reviewer, Some(chen));
    // Ctrl+Shift+R again closes it, and the lanes go with it.
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    harness.run();
    assert!(harness.query_by_label("The project").is_none());
    assert!(harness.state().selection().lanes.is_none());
    assert!(harness.state().reader().lane_bars_shown.is_empty());
}

fn focus_text(harness: &mut Harness<'_, ClaimmarkApp>) {
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
}

/// A copy of the fixture in `dir`.
fn fixture(dir: &Path) -> PathBuf {
    let fixture = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_projects/three-reviewers.ron");
    let path = dir.join("three-reviewers.ron");
    std::fs::copy(fixture, &path).unwrap();
    path
}

fn reviewer(harness: &Harness<'_, ClaimmarkApp>, name: &str) -> ReviewerId {
    harness.state().project().reviewer_by_name(name).unwrap().id.clone()
}

fn settled(harness: &Harness<'_, ClaimmarkApp>) -> Vec<Claim> {
    harness.state().project().claims.iter().filter(|c| c.adjudicated).cloned().collect()
}

/// The app on the fixture as the editor "Eve", with the Reviewers view open.
fn reviewers_view(dir: &Path) -> Harness<'static, ClaimmarkApp> {
    let mut harness = open_app(&fixture(dir));
    let settings = Settings { reviewer: "Eve".into(), ..harness.state().settings().clone() };
    harness.state_mut().send(AppCommand::ChangeSettings(settings));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    harness.run();
    harness
}

#[test]
fn two_reviewers_in_lanes_a_claim_accepted_with_a_key_and_undone() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = reviewers_view(dir.path());
    // The first two reviewers, Amina above and Bruno below.
    let lanes = harness.state().selection().lanes.clone().expect("two reviewers in lanes");
    assert_eq!(
        (lanes.upper.clone(), lanes.lower.clone()),
        (reviewer(&harness, "Amina"), reviewer(&harness, "Bruno"))
    );
    // Choose Chen for the lower lane.
    harness.get_by_label("Lower lane:").click();
    harness.run();
    harness.get_by_label("Chen").click();
    harness.run();
    let lanes = harness.state().selection().lanes.clone().unwrap();
    assert_eq!(lanes.lower, reviewer(&harness, "Chen"));
    // The lanes: Amina's claims above the lines, Chen's below, thick where they differ.
    let project = harness.state().project().clone();
    let bars = harness.state().reader().lane_bars_shown.clone();
    let whose = |lane: Lane| -> Vec<Option<ReviewerId>> {
        bars.iter()
            .filter(|b| b.lane == lane)
            .map(|b| project.claim(&b.claim).unwrap().reviewer.clone())
            .collect()
    };
    let (upper, lower) = (whose(Lane::Upper), whose(Lane::Lower));
    assert!(!upper.is_empty() && upper.iter().all(|r| r.as_ref() == Some(&lanes.upper)), "{upper:?}");
    assert!(!lower.is_empty() && lower.iter().all(|r| r.as_ref() == Some(&lanes.lower)), "{lower:?}");
    assert!(bars.iter().any(|b| b.disagrees));
    // Each bar stands in its claim's row of text, above or below the middle of the row.
    for bar in &bars {
        let span = project.claim(&bar.claim).unwrap().span;
        let rows = harness.state().reader().span_screen_rects(span);
        let row = rows.iter().find(|r| {
            r.x_range().intersects(bar.rect.x_range()) && r.y_range().contains(bar.rect.center().y)
        });
        let row = row.unwrap_or_else(|| panic!("{bar:?} is in no row of {rows:?}"));
        match bar.lane {
            Lane::Upper => assert!(bar.rect.max.y < row.center().y - 5.0, "{bar:?} {row:?}"),
            Lane::Lower => assert!(bar.rect.min.y > row.center().y + 5.0, "{bar:?} {row:?}"),
        }
    }
    // No claim is settled yet: the text shows no fills (the adjudicated set is empty).
    assert!(settled(&harness).is_empty());

    // N goes to the first disagreement and selects Amina's claim; U accepts it.
    focus_text(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    harness.run();
    harness.key_press(Key::N);
    harness.run();
    let status = harness.state().status().unwrap_or_default().to_owned();
    assert!(status.starts_with("Disagreement 1 of "), "{status}");
    // On to the first place both marked (N selects the upper reviewer's claim there).
    for _ in 0..20 {
        if harness.state().status().unwrap_or_default().contains("D takes")
            && harness.state().status().unwrap_or_default().contains("U takes")
        {
            break;
        }
        harness.key_press(Key::N);
        harness.run();
    }
    let first = harness.state().selection().claim.clone().expect("a reviewer's claim is selected");
    let amina = harness.state().project().claim(&first).unwrap().clone();
    assert_eq!(amina.reviewer, Some(lanes.upper.clone()), "{:?}", harness.state().status());
    // Its bar is outlined.
    let outlined: Vec<_> =
        harness.state().reader().lane_bars_shown.iter().filter(|b| b.selected).cloned().collect();
    assert!(
        !outlined.is_empty() && outlined.iter().all(|b| b.claim == first && b.lane == Lane::Upper),
        "{outlined:?}"
    );
    // A reviewer's claim is their mark: the label keys leave it as it is (S is a kind's
    // key, Shift+T the verdict "true").
    let unchanged = harness.state().project().clone();
    harness.key_press(Key::S);
    harness.run();
    harness.key_press_modifiers(Modifiers::SHIFT, Key::T);
    harness.run();
    assert_eq!(harness.state().project().claims, unchanged.claims);
    assert!(
        harness.state().status().unwrap_or_default().contains("is their mark"),
        "{:?}",
        harness.state().status()
    );
    // Shift+N goes back a disagreement (it is no verdict's key here), N forward again.
    let number = |h: &Harness<'_, ClaimmarkApp>| {
        h.state().status().unwrap_or_default().split(' ').nth(1).map(str::to_owned)
    };
    harness.key_press(Key::N);
    harness.run();
    let ahead = number(&harness);
    harness.key_press_modifiers(Modifiers::SHIFT, Key::N);
    harness.run();
    assert_eq!(harness.state().project().claims, unchanged.claims, "no verdict was set");
    assert_ne!(number(&harness), ahead, "{:?}", harness.state().status());
    assert_eq!(harness.state().selection().claim.as_ref(), Some(&first), "back at the same place");
    harness.key_press(Key::U);
    harness.run();
    let now = settled(&harness);
    assert_eq!(now.len(), 1, "{:?}", harness.state().status());
    assert_eq!(
        (now[0].span, now[0].kind.clone(), now[0].verdict.clone()),
        (amina.span, amina.kind.clone(), amina.verdict.clone())
    );
    assert_eq!(now[0].reviewer, Some(reviewer(&harness, "Eve")), "the editor's");
    assert_eq!(harness.state().selection().claim.as_ref(), Some(&now[0].id), "the settled claim is selected");
    assert!(harness.state().reader().lane_bars_shown.len() == bars.len(), "the lanes stay as they were");
    // D takes Chen's claim of the same place instead, in one step.
    harness.key_press(Key::D);
    harness.run();
    let now = settled(&harness);
    assert_eq!(now.len(), 1);
    assert_eq!(now[0].reviewer, Some(reviewer(&harness, "Eve")));
    let chens = harness
        .state()
        .project()
        .claims
        .iter()
        .find(|c| !c.adjudicated && c.reviewer.as_ref() == Some(&lanes.lower) && c.span == now[0].span);
    assert!(chens.is_some(), "Chen's span: {:?}", now[0]);
    // Undo: Amina's claim again; undo again: nothing settled.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(settled(&harness).iter().map(|c| c.span).collect::<Vec<_>>(), [amina.span]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert!(settled(&harness).is_empty());
}

#[test]
fn accepting_every_claim_alike_and_marking_a_settled_claim_of_ones_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = reviewers_view(dir.path());
    let before = harness.state().project().clone();
    // The bar keeps to the reading column: nothing of it under the inspector (at least
    // 260 points wide on the right of the 1400-point window).
    for label in ["Accept all alike", "Accept lower (D)", "Close", "Lower lane:"] {
        let right = harness.get_by_label(label).rect().max.x;
        assert!(right < 1400.0 - 260.0, "{label} reaches {right}");
    }
    harness.get_by_label("Accept all alike").click();
    harness.run();
    let alike = settled(&harness);
    assert!(!alike.is_empty(), "{:?}", harness.state().status());
    assert!(harness.state().status().unwrap_or_default().starts_with("Settled "));
    // Every one of them is a claim Amina and Bruno both made on that span, of that kind.
    for claim in &alike {
        for name in ["Amina", "Bruno"] {
            let id = reviewer(&harness, name);
            assert!(
                before.claims.iter().any(|c| c.reviewer.as_ref() == Some(&id)
                    && c.span == claim.span
                    && c.kind == claim.kind),
                "{name} did not mark {:?}",
                claim.quote.exact
            );
        }
    }
    harness.get_by_label_contains(&format!(" alike ({} settled)", alike.len()));
    // A claim of one's own: select a word with the keyboard and press a kind's key.
    focus_text(&mut harness);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Home);
    harness.run();
    harness.key_press_modifiers(Modifiers::SHIFT | Modifiers::COMMAND, Key::ArrowRight);
    harness.run();
    let word = harness.state().reader().selection();
    assert!(word.start == 0 && word.end > 0, "the first word: {word:?}");
    harness.key_press(Key::E);
    harness.run();
    let mine = settled(&harness);
    assert_eq!(mine.len(), alike.len() + 1, "{:?}", harness.state().status());
    let new = mine.iter().find(|c| !alike.contains(c)).unwrap();
    assert_eq!(new.kind.as_str(), "event");
    assert_eq!(new.span.end, word.end, "the word marked, trimmed as a selection is");
    // Each step undone on its own.
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(settled(&harness), alike);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_eq!(harness.state().project().claims, before.claims);
}

/// A project of 24,000 claims, each document's claims marked alternately by Ana and Ben.
fn big_project(dir: &Path) -> PathBuf {
    use claimmark::generate::{GeneratedSize, generate_project};
    use claimmark::model::Reviewer;
    let size = GeneratedSize {
        documents: 40,
        text_bytes: 6_000,
        claims: 24_000,
        outlets: 4,
        groups: 10,
        sources: 10,
    };
    let mut project = generate_project(3, size);
    project.reviewers = ["Ana", "Ben"]
        .iter()
        .map(|n| Reviewer { id: ReviewerId::new(n.to_lowercase()), name: (*n).into() })
        .collect();
    for (n, claim) in project.claims.iter_mut().enumerate() {
        claim.reviewer = Some(ReviewerId::new(if n % 2 == 0 { "ana" } else { "ben" }));
        claim.group = None;
    }
    project.groups.clear();
    let path = dir.join("big.ron");
    claimmark::store::save(&project, &path).unwrap();
    path
}

/// Runs frames until `done` (a thread's work arriving), at most about twenty seconds.
fn wait_until(harness: &mut Harness<'_, ClaimmarkApp>, done: impl Fn(&Harness<'_, ClaimmarkApp>) -> bool) {
    for _ in 0..400 {
        harness.run();
        if done(harness) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    panic!("the figures never came");
}

/// On a big project the project-wide figures are worked out on a thread: the view shows
/// "working out…" at first and the figures once they are there; after a step of
/// settling, the last figures stay, marked as being updated, until the new ones come.
#[test]
fn a_big_projects_figures_are_worked_out_in_the_background() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = open_app(&big_project(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::R);
    harness.run();
    assert!(harness.query_by_label("The project: working out…").is_some(), "not worked out on this frame");
    wait_until(&mut harness, |h| h.query_by_label("The project: working out…").is_none());
    let lines = harness.query_all_by_label_contains("exact F1").count();
    assert_eq!(lines, 2, "this document's line and the project's");
    harness.get_by_label("Accept all alike").click();
    harness.run();
    let status = harness.state().status().unwrap_or_default().to_owned();
    assert!(status.starts_with("Settled ") || status.starts_with("Not accepted"), "{status}");
    // Meanwhile the last figures stay (marked "updating…" while the thread works).
    assert!(harness.query_by_label("The project: working out…").is_none(), "the last figures stay meanwhile");
    assert_eq!(harness.query_all_by_label_contains("exact F1").count(), 2);
    wait_until(&mut harness, |h| h.query_by_label_contains("(updating…)").is_none());
    assert_eq!(harness.query_all_by_label_contains("exact F1").count(), 2);
}

/// When a change leaves fewer than two reviewers with claims (an undo, a deletion), the
/// lanes go: the reader shows every claim again and a mark is an ordinary claim.
#[test]
fn the_lanes_go_when_fewer_than_two_reviewers_are_left() {
    use claimmark::edit::{Edit, RecordEdit};
    let dir = tempfile::tempdir().unwrap();
    let mut harness = reviewers_view(dir.path());
    assert!(harness.state().selection().lanes.is_some());
    let amina = reviewer(&harness, "Amina");
    let others: Vec<Edit> = harness
        .state()
        .project()
        .claims
        .iter()
        .filter(|c| c.reviewer.as_ref() != Some(&amina))
        .map(|c| Edit::Claim(RecordEdit::Remove(c.id.clone())))
        .collect();
    harness.state_mut().send(AppCommand::Edit {
        edit: Edit::Batch(others),
        label: "Delete".into(),
        merge_key: None,
    });
    harness.run();
    harness.run();
    assert!(harness.state().selection().lanes.is_none());
    assert!(harness.state().reader().lane_bars_shown.is_empty());
    harness.get_by_label_contains("needs two reviewers with claims");
}

/// A second writer while the editor settles: the real `claimmark` binary marks a claim
/// in the file behind the app. The app's save asks and writes nothing; reloading keeps
/// the app's settled claim (flagged as such) in a copy, and the file keeps the command
/// line's claim.
#[test]
fn settling_while_the_command_line_changes_the_file_overwrites_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = reviewers_view(dir.path());
    let path = dir.path().join("three-reviewers.ron");
    focus_text(&mut harness);
    harness.key_press(Key::N);
    harness.run();
    harness.key_press(Key::U);
    harness.run();
    harness.key_press(Key::D);
    harness.run();
    let settled_in_app = settled(&harness);
    assert_eq!(settled_in_app.len(), 1, "{:?}", harness.state().status());
    // Nothing is saved yet: the command line sees no settled claim.
    let export = common::claimmark(
        dir.path(),
        &["export", "three-reviewers.ron", "--format", "jsonl", "--adjudicated"],
    );
    assert!(!export.status.success(), "nothing settled on disk yet");
    let marked = common::claimmark(
        dir.path(),
        &[
            "mark",
            "three-reviewers.ron",
            "sputnik-2025-12-17-eurasian-forum",
            "--quote",
            "Prokhor Tebin",
            "--kind",
            "event",
            "--reviewer",
            "Dana",
        ],
    );
    assert!(marked.status.success(), "{}", common::printed(&marked));
    let on_disk = || claimmark::store::load(&path).unwrap();
    let before_save = on_disk();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::S);
    harness.run();
    harness.get_by_label("three-reviewers.ron changed on disk");
    assert_eq!(on_disk(), before_save, "nothing written over the command line's change");
    harness.get_by_label("Reload, keep my changes in a copy").click();
    harness.run();
    let project = harness.state().project();
    assert!(project.claims.iter().any(|c| c.quote.exact == "Prokhor Tebin"), "the command line's claim");
    assert!(project.claims.iter().all(|c| !c.adjudicated), "what is open is what is on disk");
    let copy = common::unsaved_copy(dir.path());
    let kept: Vec<Claim> =
        claimmark::store::load(&copy).unwrap().claims.into_iter().filter(|c| c.adjudicated).collect();
    assert_eq!(kept, settled_in_app, "the settled claim, flagged, in the copy");
}
