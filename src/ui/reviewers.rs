//! The agreement between the project's reviewers (View → Reviewers, Ctrl+Shift+R): the
//! figures of `claimmark agree` for the document shown and for the whole project, and
//! the places in the document where two reviewers disagree, each with Show buttons that
//! select either reviewer's claim. Worked out once per version of the project.

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use crate::model::{ClaimId, DocumentId, Project};
use crate::team::agree::output::{name, number};
use crate::team::agree::report::{Agreement, Report};
use std::collections::HashMap;

/// The reviewers window: its report for one version of the project, and the
/// disagreements of the document shown as they are drawn, worked out when either changes
/// (a claim's quote is found by id, which must not happen every frame).
#[derive(Debug, Default)]
pub struct ReviewersWindow {
    report: Option<(u64, Report)>,
    shown: Option<(u64, Option<DocumentId>, Vec<PairRows>)>,
}

/// One pair's disagreements in the document shown: what differs, and a button (its
/// label and claim) for each reviewer's claim.
#[derive(Debug)]
struct PairRows {
    pair: String,
    rows: Vec<(String, Vec<(String, ClaimId)>)>,
}

impl ReviewersWindow {
    /// Shows the window when `open`.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        cx: &ViewContext<'_>,
        commands: &mut CommandSink<'_>,
    ) {
        if !*open {
            return;
        }
        let project = cx.project;
        let version = cx.history.state();
        let document = cx.selection.document.as_ref();
        if self.report.as_ref().is_none_or(|(v, _)| *v != version) {
            self.report = Some((version, Report::new(project, None, None)));
        }
        let Some((_, report)) = &self.report else { return };
        if self.shown.as_ref().is_none_or(|(v, d, _)| *v != version || d.as_ref() != document) {
            let rows = document.map(|d| pair_rows(project, report, d)).unwrap_or_default();
            self.shown = Some((version, document.cloned(), rows));
        }
        let Some((_, _, rows)) = &self.shown else { return };
        egui::Window::new("Reviewers").open(open).default_size([720.0, 520.0]).show(ctx, |ui| {
            if report.reviewers.len() < 2 {
                ui.label(
                    "Agreement needs two reviewers with claims: merge their copies (claimmark merge, or git \
                     with claimmark git-setup), and each claim keeps who marked it.",
                );
                return;
            }
            let names: Vec<String> = report.reviewers.iter().map(|r| name(project, r)).collect();
            ui.label(format!("{} reviewers: {}.", names.len(), names.join(", ")));
            let here = document.and_then(|d| report.documents.iter().find(|(id, _)| id == d));
            egui::ScrollArea::vertical().show(ui, |ui| {
                if let Some((id, agreement)) = here {
                    ui.heading("This document");
                    figures(ui, project, agreement, &format!("reviewers-{id}"));
                }
                ui.heading("The project");
                figures(ui, project, &report.overall, "reviewers-project");
                if document.is_some() {
                    ui.separator();
                    disagreements(ui, rows, commands);
                }
            });
        });
    }
}

/// The coefficients of `agreement`: a row per pair, then those over all reviewers.
fn figures(ui: &mut egui::Ui, project: &Project, agreement: &Agreement, id: &str) {
    egui::Grid::new(id).striped(true).show(ui, |ui| {
        for header in ["pair", "exact F1", "overlap F1", "κ kinds", "κ verdicts"] {
            ui.strong(header);
        }
        ui.end_row();
        for pair in &agreement.pairs {
            ui.label(format!("{} / {}", name(project, &pair.a), name(project, &pair.b)));
            ui.label(number(pair.exact.f1()));
            ui.label(number(pair.overlap.f1()));
            ui.label(number(pair.kind_kappa));
            ui.label(number(pair.verdict_kappa));
            ui.end_row();
        }
    });
    ui.label(format!(
        "All reviewers: Krippendorff's α on kinds {}, on verdicts {}, unitizing α {}; Fleiss' κ on kinds {}.",
        number(agreement.kind_alpha),
        number(agreement.verdict_alpha),
        number(agreement.unitizing_alpha),
        number(agreement.kind_fleiss)
    ));
    ui.add_space(8.0);
}

/// Each pair's disagreements in `document`, as the window draws them.
fn pair_rows(project: &Project, report: &Report, document: &DocumentId) -> Vec<PairRows> {
    let quotes: HashMap<&ClaimId, &str> = project
        .claims
        .iter()
        .filter(|c| &c.document == document)
        .map(|c| (&c.id, c.quote.exact.as_str()))
        .collect();
    let mut shown = Vec::new();
    for (pair, found) in report.overall.pairs.iter().zip(&report.disagreements) {
        let (a, b) = (name(project, &pair.a), name(project, &pair.b));
        let rows: Vec<(String, Vec<(String, ClaimId)>)> = found
            .iter()
            .filter(|d| &d.document == document)
            .map(|d| {
                let buttons = [(&d.a, &a), (&d.b, &b)]
                    .into_iter()
                    .filter_map(|(claim, who)| {
                        let id = claim.as_ref()?;
                        Some((
                            format!("{who}: “{}”", shortened(quotes.get(id).copied().unwrap_or(""))),
                            id.clone(),
                        ))
                    })
                    .collect();
                (d.describe(&a, &b), buttons)
            })
            .collect();
        if !rows.is_empty() {
            shown.push(PairRows { pair: format!("{a} / {b}"), rows });
        }
    }
    shown
}

/// Where two reviewers disagree in the document shown, each claim a button selecting it.
fn disagreements(ui: &mut egui::Ui, shown: &[PairRows], commands: &mut CommandSink<'_>) {
    ui.heading("Where they disagree in this document");
    if shown.is_empty() {
        ui.label("None: every pair marked the same claims here, alike.");
    }
    for pair in shown {
        ui.strong(&pair.pair);
        for (what, buttons) in &pair.rows {
            ui.horizontal_wrapped(|ui| {
                ui.label(what);
                for (label, id) in buttons {
                    if ui.button(label).on_hover_text("Select this claim").clicked() {
                        commands.send(AppCommand::SelectClaim(Some(id.clone())));
                    }
                }
            });
        }
    }
}

/// A claim's text, shortened for a button.
fn shortened(exact: &str) -> String {
    if exact.chars().count() > 40 {
        format!("{}…", exact.chars().take(39).collect::<String>())
    } else {
        exact.to_owned()
    }
}
