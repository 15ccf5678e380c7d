//! The agreement between the project's reviewers (View → Reviewers, Ctrl+Shift+R): the
//! figures of `claimmark agree` for the document shown and for the whole project, and
//! the places in the document where two reviewers disagree, each with Show buttons that
//! select either reviewer's claim. Worked out once per version of the project.

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use crate::model::{ClaimId, DocumentId, Project};
use crate::team::agree::output::{name, number};
use crate::team::agree::report::{Agreement, Disagreement, Report};

/// The reviewers window and its report, for one version of the project.
#[derive(Debug, Default)]
pub struct ReviewersWindow {
    report: Option<(u64, Report)>,
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
        if self.report.as_ref().is_none_or(|(v, _)| *v != version) {
            self.report = Some((version, Report::new(project, None, None)));
        }
        let Some((_, report)) = &self.report else { return };
        let document = cx.selection.document.as_ref();
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
                if let Some(document) = document {
                    ui.separator();
                    disagreements(ui, project, report, document, commands);
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

/// Where two reviewers disagree in `document`, each with Show buttons.
fn disagreements(
    ui: &mut egui::Ui,
    project: &Project,
    report: &Report,
    document: &DocumentId,
    commands: &mut CommandSink<'_>,
) {
    ui.heading("Where they disagree in this document");
    let mut any = false;
    for (pair, found) in report.overall.pairs.iter().zip(&report.disagreements) {
        let here: Vec<&Disagreement> = found.iter().filter(|d| &d.document == document).collect();
        if here.is_empty() {
            continue;
        }
        any = true;
        let (a, b) = (name(project, &pair.a), name(project, &pair.b));
        ui.strong(format!("{a} / {b}"));
        for disagreement in here {
            ui.horizontal_wrapped(|ui| {
                ui.label(what(disagreement, &a, &b));
                for (claim, who) in [(&disagreement.a, &a), (&disagreement.b, &b)] {
                    if let Some(id) = claim {
                        let quote = quote(project, id);
                        if ui.button(format!("{who}: “{quote}”")).on_hover_text("Select this claim").clicked()
                        {
                            commands.send(AppCommand::SelectClaim(Some(id.clone())));
                        }
                    }
                }
            });
        }
    }
    if !any {
        ui.label("None: every pair marked the same claims here, alike.");
    }
}

/// What differs, in words.
fn what(disagreement: &Disagreement, a: &str, b: &str) -> String {
    match (&disagreement.a, &disagreement.b) {
        (Some(_), None) => format!("only {a} marked it"),
        (None, Some(_)) => format!("only {b} marked it"),
        _ => {
            let aspects =
                [(disagreement.span, "span"), (disagreement.kind, "kind"), (disagreement.verdict, "verdict")];
            let differ: Vec<&str> = aspects.iter().filter(|(d, _)| *d).map(|(_, w)| *w).collect();
            format!("different {}", differ.join(", "))
        }
    }
}

/// The claim's text, shortened.
fn quote(project: &Project, id: &ClaimId) -> String {
    let exact = project.claim(id).map_or("", |c| c.quote.exact.as_str());
    if exact.chars().count() > 40 {
        format!("{}…", exact.chars().take(39).collect::<String>())
    } else {
        exact.to_owned()
    }
}
