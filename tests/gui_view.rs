//! How the app looks and what the View menu sets, driven headlessly (egui_kittest): kind
//! labels over claims, the theme, the smallest text size, and the keys that move between
//! documents.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

fn sample_file(dir: &Path) -> PathBuf {
    let path = dir.join("sample.ron");
    std::fs::write(&path, claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
    path
}

/// Clicks `entry` in the View menu (opening the menu unless a setting clicked before
/// left it open: the View menu stays open while its settings are clicked).
fn view_menu(harness: &mut Harness<'_, ClaimmarkApp>, entry: &str) {
    if harness.query_by_label(entry).is_none() {
        harness.get_by_label("View").click();
        harness.run();
    }
    harness.get_by_label(entry).click();
    harness.run();
}

#[test]
fn kind_labels_stand_above_their_claims_when_turned_on_in_the_view_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::open_app(&sample_file(dir.path()));
    assert!(!harness.state().settings().kind_labels, "off by default");
    assert!(harness.state().reader().kind_labels_shown.is_empty());

    view_menu(&mut harness, "Kind labels");
    assert!(harness.state().settings().kind_labels, "kept in the settings");
    // Where the Sputnik text's claims stand close together.
    let document = harness.state().selection().document.clone().unwrap();
    let claims = &harness.state().project().claims;
    let mut in_document: Vec<_> = claims.iter().filter(|c| c.document == document).collect();
    in_document.sort_by_key(|c| c.span.start);
    // The third claim: four more follow within 700 chars.
    let first = in_document[2].id.clone();
    harness.state_mut().send(AppCommand::SelectClaim(Some(first)));
    harness.run_steps(20);
    let app = harness.state();
    let project = app.project();
    let labels = app.reader().kind_labels_shown.clone();
    assert!(labels.len() >= 3, "{labels:?}");
    let font_size = app.settings().font_size;
    // Every claim starting on screen has its label, above its first row's text.
    let mut starts = Vec::new();
    for claim in project.claims.iter().filter(|c| c.document == document) {
        let Some(first) = app.reader().span_screen_rects(claim.span).first().copied() else {
            continue;
        };
        if first.min.y < 0.0 || first.max.y > 900.0 {
            continue;
        }
        let kind = project.taxonomy.name_of(claimmark::model::LabelSet::ClaimKind, &claim.kind);
        let short = kind.split(" / ").next().unwrap();
        let glyph_top = first.center().y - 0.5 * font_size;
        let found = labels.iter().find(|(rect, name)| {
            name == short
                && rect.max.y <= glyph_top
                && rect.min.y >= first.min.y - 1.0
                && rect.min.x >= first.min.x - 0.5
        });
        assert!(found.is_some(), "no {short} label above {:?} at {first:?}: {labels:?}", claim.quote.exact);
        starts.push(first);
    }
    assert!(!starts.is_empty());
    // No label covers the text of a claim.
    for claim in project.claims.iter().filter(|c| c.document == document) {
        for row in app.reader().span_screen_rects(claim.span) {
            let glyphs = egui::Rect::from_x_y_ranges(
                row.x_range(),
                (row.center().y - 0.5 * font_size)..=(row.center().y + 0.5 * font_size),
            );
            for (label, name) in &labels {
                assert!(!label.intersects(glyphs), "{name} at {label:?} covers {:?}", claim.quote.exact);
            }
        }
    }
    for (i, (a, first)) in labels.iter().enumerate() {
        for (b, second) in &labels[i + 1..] {
            assert!(!a.intersects(*b), "{first} and {second} overlap");
        }
    }
    // Off again: no labels.
    view_menu(&mut harness, "Kind labels");
    assert!(!harness.state().settings().kind_labels);
    assert!(harness.state().reader().kind_labels_shown.is_empty());
}

#[test]
fn the_view_menu_switches_to_the_light_theme_and_back_to_the_systems() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::open_app(&sample_file(dir.path()));
    assert_eq!(
        harness.state().settings().theme,
        egui::ThemePreference::System,
        "follows the system at first"
    );
    view_menu(&mut harness, "Light");
    harness.get_by_label("Dark");
    assert_eq!(harness.state().settings().theme, egui::ThemePreference::Light, "kept in the settings");
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
    assert!(!harness.ctx.global_style().visuals.dark_mode);
    view_menu(&mut harness, "Dark");
    assert_eq!(harness.ctx.theme(), egui::Theme::Dark);
    view_menu(&mut harness, "Follow the system");
    assert_eq!(harness.state().settings().theme, egui::ThemePreference::System);
    assert_eq!(harness.ctx.options(|o| o.theme_preference), egui::ThemePreference::System);
}

#[test]
fn a_theme_kept_in_the_settings_is_used_from_the_start() {
    let dir = tempfile::tempdir().unwrap();
    let file = sample_file(dir.path());
    let settings = claimmark::ui::session::Settings {
        theme: egui::ThemePreference::Light,
        ..claimmark::ui::session::Settings::default()
    };
    let mut harness = Harness::builder().with_size(egui::vec2(1400.0, 900.0)).build_eframe(move |cc| {
        claimmark::ui::fonts::install(&cc.egui_ctx);
        let options = claimmark::ui::StartOptions {
            file: Some(file),
            native_dialogs: false,
            data_dir: Some(common::test_data_dir()),
        };
        ClaimmarkApp::with_settings(&cc.egui_ctx, options, settings)
    });
    harness.run();
    assert_eq!(harness.ctx.theme(), egui::Theme::Light);
}

#[test]
fn no_text_of_the_app_is_below_12_points_in_either_theme() {
    let dir = tempfile::tempdir().unwrap();
    let harness = common::open_app(&sample_file(dir.path()));
    for theme in [egui::Theme::Dark, egui::Theme::Light] {
        for (style, font) in &harness.ctx.style_of(theme).text_styles {
            assert!(font.size >= 12.0, "{theme:?} {style:?} is {} points", font.size);
        }
    }
    // The secondary labels (outlet names and claim counts in the documents list) are small text.
    // The Defence.pk thread's count: the only document with 37 claims (the others have 23,
    // 30, 23 and 18; `grep -c 'document: "defencepk-' sample_projects/pakistan-russia.ron`).
    let count = harness.get_by_label("37 claims");
    assert!(count.rect().height() >= 12.0, "{:?}", count.rect());
}

#[test]
fn ctrl_page_down_and_up_step_through_the_documents_going_round() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::open_app(&sample_file(dir.path()));
    let ids: Vec<String> = harness.state().project().documents.iter().map(|d| d.id.to_string()).collect();
    let shown = |harness: &Harness<'_, ClaimmarkApp>| {
        harness.state().selection().document.as_ref().unwrap().to_string()
    };
    assert_eq!(shown(&harness), ids[0]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run();
    assert_eq!(shown(&harness), ids[1]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run();
    assert_eq!(shown(&harness), ids[0]);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageUp);
    harness.run();
    assert_eq!(shown(&harness), *ids.last().unwrap(), "before the first: the last");
    // The keys work from a field too (they are global), and follow the list's filter.
    harness.get_by_label("Filter:").click();
    harness.run();
    harness.get_by_label("Filter:").type_text("sputnik");
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::PageDown);
    harness.run();
    assert_eq!(shown(&harness), ids[0], "the one document the filter shows");
    // Listed with their keys in the View menu.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label_contains("Next document");
    harness.get_by_label_contains("Previous document");
}

#[test]
fn q_switches_the_selected_claim_between_attributed_and_asserted_and_undo_restores_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::open_app(&sample_file(dir.path()));
    let claim = harness.state().project().claims[0].clone();
    harness.state_mut().send(AppCommand::SelectClaim(Some(claim.id.clone())));
    harness.ctx.memory_mut(|m| m.request_focus(claimmark::ui::reader::reader_id()));
    harness.run();
    let attribution =
        |harness: &Harness<'_, ClaimmarkApp>| harness.state().project().claim(&claim.id).unwrap().attribution;
    let before = attribution(&harness);
    harness.key_press(Key::Q);
    harness.run();
    assert_ne!(attribution(&harness), before, "Q switched it");
    assert_eq!(harness.state().status(), Some(attribution(&harness).name()));
    harness.key_press(Key::Q);
    harness.run();
    assert_eq!(attribution(&harness), before, "and back");
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    assert_ne!(attribution(&harness), before, "each switch is one undo step");
    // In the Text menu and in F1's list.
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label("Attributed / asserted");
}

#[test]
fn ctrl_shift_f_finds_in_every_document_and_a_click_selects_the_match_in_its_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::open_app(&sample_file(dir.path()));
    harness.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::F);
    harness.run();
    assert!(harness.state().windows().find_all, "Ctrl+Shift+F opens the window");
    // Typed at once: the query field has the focus.
    harness.event(egui::Event::Text("terror".into()));
    harness.run();
    let project = harness.state().project().clone();
    let found = claimmark::ui::find_all::find_in_documents(&project, "terror", false);
    let mut documents: Vec<_> = found.iter().map(|m| m.document.clone()).collect();
    documents.dedup();
    assert!(documents.len() >= 3, "the sample has terror in several documents: {documents:?}");
    let count = |n, noun| claimmark::text::count(n, noun);
    harness.get_by_label(&format!(
        "{} in {}",
        count(found.len(), "match"),
        count(documents.len(), "document")
    ));
    // Each document is listed by its title, each match with its context.
    let window = harness.get_by_role_and_label(egui::accesskit::Role::Window, "Find in all documents");
    for document in &documents {
        window.get_by_label(&project.document(document).unwrap().title);
    }
    let shown = harness.state().selection().document.clone().unwrap();
    let target = found.iter().find(|m| m.document != shown).unwrap().clone();
    let context = format!("{}{}{}", target.before, target.matched, target.after);
    harness.get_by_label(&context).click();
    harness.run_steps(10);
    let app = harness.state();
    assert_eq!(app.selection().document.as_ref(), Some(&target.document), "its document is shown");
    assert_eq!(app.reader().selection(), target.span, "the match is selected");
    assert!(
        harness.ctx.memory(|m| m.has_focus(claimmark::ui::reader::reader_id())),
        "the text has the focus"
    );
    assert!(harness.state().windows().find_all, "the window stays open for the next match");
    // Listed in the Edit menu with its key.
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label_contains("Find in all documents…");
}

/// The documents list counts each document's claims once per project version: the count
/// follows a new claim and its undo.
#[test]
fn the_documents_list_counts_follow_marking_and_undo() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::open_app(&sample_file(dir.path()));
    // Each count shown as often as documents have it (in the sample the Sputnik report and
    // the Arab News op-ed both have 23 claims).
    let counts_listed_right = |harness: &Harness<'_, ClaimmarkApp>, n: usize| {
        let project = harness.state().project();
        let documents = project.documents.iter().filter(|d| project.claims_in(&d.id).count() == n).count();
        let labels = harness.query_all_by_label(&format!("{n} claims")).count();
        assert!(documents >= 1, "no document has {n} claims");
        assert_eq!(labels, documents, "{n} claims");
    };
    let shown = harness.state().selection().document.clone().unwrap();
    let before = harness.state().project().claims_in(&shown).count();
    counts_listed_right(&harness, before);
    let span = claimmark::anchor::CharSpan::new(0, 4);
    let kind = claimmark::model::LabelId::new("statistic");
    harness.state_mut().send(AppCommand::Mark { span, kind });
    harness.run();
    assert_eq!(harness.state().project().claims_in(&shown).count(), before + 1);
    counts_listed_right(&harness, before + 1);
    harness.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    harness.run();
    counts_listed_right(&harness, before);
}

/// Help → Marking guideline opens the desk's guideline, with the card's kinds among its
/// examples; the entry again closes it.
#[test]
fn the_marking_guideline_opens_from_the_help_menu() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = common::open_app(&sample_file(dir.path()));
    harness.get_by_label("Help").click();
    harness.run();
    harness.get_by_label("Marking guideline").click();
    harness.run();
    assert!(harness.state().windows().guideline);
    harness.get_by_label("Marking guideline for reviewers");
    harness.get_by_label_contains("Where a span starts and ends");
    // The entry again (by name: the window's title has the same words) closes it.
    harness.state_mut().send(AppCommand::Run(claimmark::ui::command::UiCommand::ToggleGuideline));
    harness.run();
    assert!(harness.query_by_label("Marking guideline for reviewers").is_none());
}
