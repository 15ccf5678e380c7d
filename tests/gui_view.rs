//! How the app looks and what the View menu sets, driven headlessly (egui_kittest): kind
//! labels over claims, the theme, the smallest text size, and the keys that move between
//! documents.
#![allow(clippy::unwrap_used)] // In tests a panic is the failure report.

mod common;

use claimmark::ui::app::ClaimmarkApp;
use claimmark::ui::command::AppCommand;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};

fn sample_file(dir: &Path) -> PathBuf {
    let path = dir.join("sample.ron");
    std::fs::write(&path, claimmark::sample::SAMPLE_PROJECT_RON).unwrap();
    path
}

/// Clicks `entry` in the View menu.
fn view_menu(harness: &mut Harness<'_, ClaimmarkApp>, entry: &str) {
    harness.get_by_label("View").click();
    harness.run();
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
