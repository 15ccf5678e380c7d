//! The Reviewers view (View → Reviewers, Ctrl+Shift+R): a bar over the text where the
//! editor chooses two reviewers, whose claims the reader then shows in lanes above and
//! below the lines (see `reader/lanes.rs`) while its fills show the adjudicated set. The
//! bar holds the pair's agreement figures for the document shown and for the project,
//! how many places they disagree on and how many are settled, and the buttons of the
//! keys (N, Shift+N, U, D, and accepting every agreed claim at once); below, on demand,
//! the figures of every pair and every disagreement of the document, as `claimmark
//! agree` reports them. Worked out once per version of the project.

use super::command::{AppCommand, CommandSink, UiCommand};
use super::session::{ReviewLanes, Settings, ViewContext};
use super::widgets::label_badge;
use crate::model::{ClaimId, DocumentId, LabelId, LabelSet, Project, ReviewerId};
use crate::team::adjudicate::{self, Place};
use crate::team::agree::output::{name, number};
use crate::team::agree::report::{Agreement, Pair, Report, reviewers_with_marks};
use std::collections::HashMap;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// Projects with more claims than this have their project-wide figures worked out on a
/// thread (0.2 s at 100,000 claims), from a copy of the project (30 ms), so that
/// settling stays quick; smaller ones at once.
const BACKGROUND_FROM: usize = 20_000;

/// The Reviewers view's state: the project's figures for one version of it (and those
/// being worked out), and what it shows of the document, worked out when the project,
/// the document or the lanes change (a claim's quote is found by id, which must not
/// happen every frame).
#[derive(Debug, Default)]
pub struct ReviewersView {
    /// Every reviewer over the project, at a version.
    project_report: Option<(u64, Report)>,
    /// The report of a newer version, being worked out on a thread.
    pending: Option<(u64, Receiver<Report>)>,
    shown: Option<(u64, Option<DocumentId>, Option<ReviewLanes>, Shown)>,
}

/// What the view shows of the document.
#[derive(Debug, Default)]
struct Shown {
    /// The reviewers with marks, in project order.
    reviewers: Vec<ReviewerId>,
    /// Every reviewer over the document shown.
    document_report: Option<Report>,
    rows: Vec<PairRows>,
    places: Vec<Place>,
    /// The kinds of the lanes' claims, in the taxonomy's order (the legend).
    kinds: Vec<LabelId>,
}

/// One pair's disagreements in the document shown: what differs, and a button (its
/// label and claim) for each reviewer's claim.
#[derive(Debug)]
struct PairRows {
    pair: String,
    rows: Vec<(String, Vec<(String, ClaimId)>)>,
}

impl ReviewersView {
    /// Works out the project-wide report of `version` (at once, or on a thread for a big
    /// project), or takes it from the thread when it is done.
    fn update_project_report(&mut self, ctx: &egui::Context, project: &Project, version: u64) {
        if let Some((v, receiver)) = &self.pending {
            match receiver.try_recv() {
                Ok(report) => {
                    self.project_report = Some((*v, report));
                    self.pending = None;
                }
                Err(TryRecvError::Empty) => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
                Err(TryRecvError::Disconnected) => self.pending = None,
            }
        }
        // One thread at a time: while one works on an older version, its result is
        // awaited (and shown as updating), and the newest version is worked out after it.
        let current = self.project_report.as_ref().is_some_and(|(v, _)| *v == version);
        if !current && self.pending.is_none() {
            if project.claims.len() < BACKGROUND_FROM {
                self.project_report = Some((version, Report::new(project, None, None)));
            } else {
                let copy = project.clone();
                let (sender, receiver) = channel();
                let repaint = ctx.clone();
                let spawned = std::thread::Builder::new().name("agreement".into()).spawn(move || {
                    let _ = sender.send(Report::new(&copy, None, None));
                    repaint.request_repaint();
                });
                match spawned {
                    Ok(_) => self.pending = Some((version, receiver)),
                    Err(_) => self.project_report = Some((version, Report::new(project, None, None))),
                }
            }
        }
    }

    /// Shows the bar over the text; chooses the first two reviewers for the lanes when
    /// none are chosen (or one of them has no claims left).
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) {
        let project = cx.project;
        let version = cx.history.state();
        let document = cx.selection.document.as_ref();
        let lanes = cx.selection.lanes.as_ref();
        if self
            .shown
            .as_ref()
            .is_none_or(|(v, d, l, _)| *v != version || d.as_ref() != document || l.as_ref() != lanes)
        {
            let reviewers = reviewers_with_marks(project);
            let document_report = document.map(|d| Report::new(project, None, Some(std::slice::from_ref(d))));
            let rows = match (document, &document_report) {
                (Some(d), Some(report)) => pair_rows(project, report, d),
                _ => Vec::new(),
            };
            let places = match (document, lanes) {
                (Some(d), Some(l)) => adjudicate::places(project, d, &l.upper, &l.lower),
                _ => Vec::new(),
            };
            let kinds = lane_kinds(project, document, &places);
            self.shown = Some((
                version,
                document.cloned(),
                lanes.cloned(),
                Shown { reviewers, document_report, rows, places, kinds },
            ));
        }
        let lanes = {
            let reviewers: &[ReviewerId] =
                self.shown.as_ref().map_or(&[], |(_, _, _, s)| s.reviewers.as_slice());
            let valid = |l: &&ReviewLanes| {
                l.upper != l.lower && reviewers.contains(&l.upper) && reviewers.contains(&l.lower)
            };
            if lanes.filter(valid).is_none() && reviewers.len() >= 2 {
                let (upper, lower) = (reviewers[0].clone(), reviewers[1].clone());
                commands.send(AppCommand::SetLanes(Some(ReviewLanes { upper, lower })));
            } else if lanes.is_some() && reviewers.len() < 2 {
                // (An undo took a reviewer's claims away.) No lanes: the reader shows every
                // claim again and marks are ordinary ones.
                commands.send(AppCommand::SetLanes(None));
            }
            lanes.filter(valid)
        };
        self.update_project_report(ui.ctx(), project, version);
        // The last one worked out, and whether it is of this version.
        let project_report = self.project_report.as_ref().map(|(v, report)| (report, *v == version));
        let Some((_, _, _, shown)) = &self.shown else { return };

        egui::Frame::group(ui.style()).show(ui, |ui| {
            let Some(lanes) = lanes else {
                ui.horizontal_wrapped(|ui| {
                    ui.strong("Reviewers");
                    close_button(ui, commands);
                });
                ui.label(
                    "The Reviewers view needs two reviewers with claims: merge their copies (claimmark merge, or \
                     git with claimmark git-setup), and each claim keeps who marked it.",
                );
                return;
            };
            // Rows of short widgets, and labels on lines of their own, so that nothing
            // widens the reading column.
            ui.set_max_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.strong("Reviewers");
                lane_pickers(ui, project, &shown.reviewers, lanes, commands);
                close_button(ui, commands);
            });
            ui.horizontal_wrapped(|ui| editor_name(ui, cx, commands));
            ui.small(format!(
                "{}'s claims above the lines, {}'s below: thick where they disagree, boxed until settled. The \
                 filled claims are the adjudicated set; select text and press a kind's key to add your own.",
                name(project, &lanes.upper),
                name(project, &lanes.lower)
            ));
            ui.horizontal_wrapped(|ui| {
                for kind in &shown.kinds {
                    label_badge(ui, project, LabelSet::ClaimKind, kind);
                }
            });
            let here = shown.document_report.as_ref().and_then(|r| pair_of(&r.overall, lanes));
            ui.label(format!("This document: {}.", here.map_or("nothing marked by either".to_owned(), pair_figures)));
            match project_report.and_then(|(r, fresh)| Some((pair_of(&r.overall, lanes)?, fresh))) {
                Some((pair, true)) => ui.label(format!("The project: {}.", pair_figures(pair))),
                Some((pair, false)) => ui.label(format!("The project: {} (updating…)", pair_figures(pair))),
                None => ui.label("The project: working out…"),
            };
            if document.is_some() {
                settle_bar(ui, &shown.places, commands);
            }
            egui::CollapsingHeader::new("Every pair, and every disagreement in this document")
                .id_salt("reviewers-details")
                .show(ui, |ui| {
                    egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                        let reports = (shown.document_report.as_ref(), project_report.map(|(r, _)| r));
                        details(ui, project, reports, &shown.rows, commands);
                    });
                });
        });
    }
}

/// The two lanes' reviewers, each a combo box, and a button that swaps them.
fn lane_pickers(
    ui: &mut egui::Ui,
    project: &Project,
    reviewers: &[ReviewerId],
    lanes: &ReviewLanes,
    commands: &mut CommandSink<'_>,
) {
    {
        for (upper, title, salt) in
            [(true, "Upper lane:", "lane-upper"), (false, "Lower lane:", "lane-lower")]
        {
            let current = if upper { &lanes.upper } else { &lanes.lower };
            let label = ui.label(title);
            egui::ComboBox::from_id_salt(salt)
                .selected_text(name(project, current))
                .show_ui(ui, |ui| {
                    for reviewer in reviewers {
                        if ui.selectable_label(reviewer == current, name(project, reviewer)).clicked()
                            && reviewer != current
                        {
                            let mut chosen = lanes.clone();
                            let (this, other) = match upper {
                                true => (&mut chosen.upper, &mut chosen.lower),
                                false => (&mut chosen.lower, &mut chosen.upper),
                            };
                            // Choosing the other lane's reviewer swaps the two.
                            if other == reviewer {
                                *other = this.clone();
                            }
                            *this = reviewer.clone();
                            commands.send(AppCommand::SetLanes(Some(chosen)));
                        }
                    }
                })
                .response
                .labelled_by(label.id);
        }
        if ui
            .button("Swap")
            .on_hover_text("Show the lower lane's reviewer above, and the upper's below")
            .clicked()
        {
            let swapped = ReviewLanes { upper: lanes.lower.clone(), lower: lanes.upper.clone() };
            commands.send(AppCommand::SetLanes(Some(swapped)));
        }
    }
}

/// Leaves the Reviewers view.
fn close_button(ui: &mut egui::Ui, commands: &mut CommandSink<'_>) {
    if ui.button("Close").on_hover_text("Leave the Reviewers view (Ctrl+Shift+R)").clicked() {
        commands.run(UiCommand::ToggleReviewers);
    }
}

/// Who the settled claims are recorded as: the reviewer name of the settings, asked
/// for here when there is none.
fn editor_name(ui: &mut egui::Ui, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) {
    let label = ui.label("You settle as:");
    let mut name = cx.settings.reviewer.clone();
    let field = egui::TextEdit::singleline(&mut name).hint_text("your name").desired_width(120.0);
    if ui.add(field).labelled_by(label.id).changed() {
        commands.send(AppCommand::ChangeSettings(Settings { reviewer: name, ..cx.settings.clone() }));
    }
    if cx.settings.reviewer.trim().is_empty() {
        ui.colored_label(ui.visuals().warn_fg_color, "no name: what you settle records no editor");
    }
}

/// The kinds of the claims in `places`, in the taxonomy's order.
fn lane_kinds(project: &Project, document: Option<&DocumentId>, places: &[Place]) -> Vec<LabelId> {
    let Some(document) = document else { return Vec::new() };
    let ids: std::collections::HashSet<&ClaimId> =
        places.iter().flat_map(|p| p.outcome.a.iter().chain(&p.outcome.b)).collect();
    let present: std::collections::HashSet<&LabelId> =
        project.claims_in(document).filter(|c| ids.contains(&c.id)).map(|c| &c.kind).collect();
    let mut kinds: Vec<LabelId> =
        project.taxonomy.claim_kinds.iter().map(|k| &k.id).filter(|k| present.contains(k)).cloned().collect();
    // Kinds the taxonomy lacks (imported), after its own.
    let mut others: Vec<LabelId> = present.into_iter().filter(|k| !kinds.contains(k)).cloned().collect();
    others.sort();
    kinds.extend(others);
    kinds
}

/// One pair's figures in a line.
fn pair_figures(pair: &Pair) -> String {
    format!(
        "exact F1 {} · overlap F1 {} · Cohen's κ kinds {} · verdicts {}",
        number(pair.exact.f1()),
        number(pair.overlap.f1()),
        number(pair.kind_kappa),
        number(pair.verdict_kappa)
    )
}

/// How much of the document is settled, and the buttons of the view's keys.
fn settle_bar(ui: &mut egui::Ui, places: &[Place], commands: &mut CommandSink<'_>) {
    let count = |agree: bool| places.iter().filter(|p| p.outcome.agrees() == agree).count();
    let settled = |agree: bool| places.iter().filter(|p| p.outcome.agrees() == agree && p.settled).count();
    let (disagree, alike) = (count(false), count(true));
    ui.label(format!(
        "Here: {disagree} {} ({} settled), {alike} {} alike ({} settled).",
        if disagree == 1 { "disagreement" } else { "disagreements" },
        settled(false),
        if alike == 1 { "claim" } else { "claims" },
        settled(true)
    ));
    ui.horizontal_wrapped(|ui| {
        for (label, command) in [
            ("Previous (Shift+N)", UiCommand::PreviousDisagreement),
            ("Next (N)", UiCommand::NextDisagreement),
            ("Accept upper (U)", UiCommand::AcceptUpper),
            ("Accept lower (D)", UiCommand::AcceptLower),
            ("Accept all alike", UiCommand::AcceptAgreed),
        ] {
            if ui.button(label).on_hover_text(command.tooltip()).clicked() {
                commands.run(command);
            }
        }
    });
}

/// The coefficients of every pair and of all reviewers, for the document shown and the
/// project, then the disagreements of every pair in the document.
fn details(
    ui: &mut egui::Ui,
    project: &Project,
    (document, whole): (Option<&Report>, Option<&Report>),
    rows: &[PairRows],
    commands: &mut CommandSink<'_>,
) {
    if let Some(report) = whole {
        let names: Vec<String> = report.reviewers.iter().map(|r| name(project, r)).collect();
        ui.label(format!("{} reviewers: {}.", names.len(), names.join(", ")));
    }
    if let Some(report) = document {
        ui.strong("This document");
        figures(ui, project, &report.overall, "reviewers-document");
    }
    ui.strong("The project");
    match whole {
        Some(report) => figures(ui, project, &report.overall, "reviewers-project"),
        None => {
            ui.label("working out…");
        }
    }
    if document.is_some() {
        ui.separator();
        disagreements(ui, rows, commands);
    }
}

/// The figures of the pair of `lanes` (in either order) among those of `agreement`.
fn pair_of<'a>(agreement: &'a Agreement, lanes: &ReviewLanes) -> Option<&'a Pair> {
    agreement
        .pairs
        .iter()
        .find(|p| (p.a == lanes.upper && p.b == lanes.lower) || (p.a == lanes.lower && p.b == lanes.upper))
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

/// Each pair's disagreements in `document`, as the view draws them.
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
    ui.strong("Where they disagree in this document");
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
