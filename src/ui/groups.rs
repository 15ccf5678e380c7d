//! The groups view: every claim group with its members side by side — each member's
//! passage in context (the claim highlighted, hedging, certainty and attribution words
//! underlined), its outlet and affiliation, genre, claimant, attribution, verdict and
//! frames. Clicking a member shows it in its document. The views come from
//! [`crate::compare::group_views`], computed again only when the project changes.

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use super::widgets::{badge, hex_colour};
use crate::compare::{GroupView, HedgeKind, MemberView, group_views};
use crate::model::{Attribution, ClaimId, GroupId};

/// The claim groups window and its state between frames.
#[derive(Default)]
pub struct GroupsWindow {
    /// The id of the group shown; the first group when none (or when it is gone).
    pub shown_group: Option<String>,
    /// The selected claim and its group as last seen: when either changes (a click, J,
    /// G, undo), the window shows the selected claim's group.
    followed: Option<(ClaimId, Option<GroupId>)>,
    /// Filter of the group list.
    pub filter: String,
    cache: Option<(u64, Vec<GroupView>)>,
}

impl GroupsWindow {
    /// The group views of the project at history state `version`.
    fn views(&mut self, project: &crate::model::Project, version: u64) -> &[GroupView] {
        if self.cache.as_ref().is_none_or(|(v, _)| *v != version) {
            self.cache = Some((version, group_views(project)));
        }
        self.cache.as_ref().map_or(&[], |(_, views)| views.as_slice())
    }
}

fn colour(hex: Option<&str>) -> egui::Color32 {
    hex_colour(hex, egui::Color32::GRAY)
}

/// Colour of a hedge underline: hedging amber, certainty red, attribution blue.
pub fn hedge_colour(kind: HedgeKind) -> egui::Color32 {
    match kind {
        HedgeKind::Hedging => egui::Color32::from_rgb(230, 160, 30),
        HedgeKind::Certainty => egui::Color32::from_rgb(220, 60, 60),
        HedgeKind::Attribution => egui::Color32::from_rgb(70, 140, 230),
    }
}

impl GroupsWindow {
    /// Shows the window while `open`; a click on a member sends [`AppCommand::SelectClaim`].
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        open: &mut bool,
        cx: &ViewContext<'_>,
        commands: &mut CommandSink<'_>,
    ) {
        let version = cx.version();
        let project = cx.project;
        let groups = self;
        let selected_claim = cx.claim_id().cloned();
        let followed = cx.claim().map(|claim| (claim.id.clone(), claim.group.clone()));
        if followed != groups.followed {
            if let Some((_, Some(group))) = &followed {
                groups.shown_group = Some(group.as_str().to_owned());
            }
            groups.followed = followed;
        }
        egui::Window::new("Claim groups")
            .open(open)
            .default_size([1100.0, 520.0])
            .min_size([700.0, 320.0])
            .show(ctx, |ui| {
                let filter = groups.filter.trim().to_lowercase();
                let shown_group = groups.shown_group.clone();
                let views = groups.views(project, version);
                if views.is_empty() {
                    ui.label("No claim groups yet. Select a claim and press G to put it into a group.");
                    return;
                }
                let mut selected =
                    views.iter().position(|v| Some(&v.group_id) == shown_group.as_ref()).unwrap_or(0);
                let mut filter_text = filter.clone();
                egui::Panel::left("groups-list").resizable(true).default_size(260.0).show(ui, |ui| {
                    ui.horizontal(|ui| {
                        let label = ui.label("Filter:");
                        ui.add(egui::TextEdit::singleline(&mut filter_text).desired_width(170.0))
                            .labelled_by(label.id);
                    });
                    egui::ScrollArea::vertical().id_salt("groups-list-scroll").show(ui, |ui| {
                        for (i, view) in views.iter().enumerate() {
                            if !filter.is_empty() && !view.name.to_lowercase().contains(&filter) {
                                continue;
                            }
                            let outlets: std::collections::BTreeSet<&str> =
                                view.members.iter().filter_map(|m| m.outlet_name.as_deref()).collect();
                            let text = format!(
                                "{}\n{} · {}",
                                view.name,
                                crate::text::count(view.members.len(), "claim"),
                                crate::text::count(outlets.len(), "outlet")
                            );
                            if ui.selectable_label(i == selected, text).clicked() {
                                selected = i;
                            }
                        }
                    });
                });
                let Some(view) = views.get(selected) else {
                    return;
                };
                ui.heading(&view.name);
                if !view.notes.is_empty() {
                    ui.label(&view.notes);
                }
                legend_ui(ui);
                egui::ScrollArea::both().id_salt("group-members").show(ui, |ui| {
                    ui.horizontal_top(|ui| {
                        for member in &view.members {
                            member_ui(ui, project, member, selected_claim.as_ref(), commands);
                        }
                    });
                });
                groups.shown_group = Some(view.group_id.clone());
                groups.filter = filter_text;
            });
    }
}

fn legend_ui(ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.small("Underlined in the passages:");
        for (kind, name) in [
            (HedgeKind::Hedging, "hedging"),
            (HedgeKind::Certainty, "certainty"),
            (HedgeKind::Attribution, "attribution"),
        ] {
            ui.small(egui::RichText::new(name).color(hedge_colour(kind)).underline());
        }
    });
}

fn member_ui(
    ui: &mut egui::Ui,
    project: &crate::model::Project,
    member: &MemberView,
    selected_claim: Option<&ClaimId>,
    commands: &mut CommandSink<'_>,
) {
    let selected = selected_claim.is_some_and(|c| c.as_str() == member.claim_id);
    let stroke = if selected {
        egui::Stroke::new(2.0, ui.visuals().strong_text_color())
    } else {
        ui.visuals().widgets.noninteractive.bg_stroke
    };
    egui::Frame::group(ui.style()).stroke(stroke).show(ui, |ui| {
        ui.set_width(300.0);
        ui.vertical(|ui| {
            ui.horizontal_wrapped(|ui| {
                ui.strong(member.outlet_name.as_deref().unwrap_or("no outlet recorded"));
                if let Some(affiliation) = &member.affiliation {
                    badge(ui, &affiliation.name, colour(affiliation.colour.as_deref()));
                }
                if let Some(genre) = &member.genre {
                    badge(ui, &genre.name, colour(genre.colour.as_deref()));
                }
            });
            // A claim in a passage quoted from another outlet: whose page it was found on.
            if let Some(via) = &member.via_outlet_name {
                ui.small(format!("quoted via {via}"));
            }
            ui.small(format!(
                "{} · {}",
                member.document_title,
                member.published.as_deref().unwrap_or("undated")
            ));
            ui.add_space(4.0);
            passage_ui(ui, member);
            ui.add_space(4.0);
            let claimant =
                if member.claimant.is_empty() { "claimant not recorded" } else { member.claimant.as_str() };
            let voice = match member.attribution {
                Attribution::Asserted => "asserted by the outlet",
                Attribution::Attributed => "attributed",
            };
            ui.label(format!("{claimant} ({voice})"));
            ui.horizontal_wrapped(|ui| {
                ui.label("Verdict:");
                badge(ui, &member.verdict.name, colour(member.verdict.colour.as_deref()));
            });
            ui.horizontal_wrapped(|ui| {
                ui.label("Kind:");
                badge(ui, &member.kind.name, colour(member.kind.colour.as_deref()));
            });
            if member.frames.is_empty() {
                ui.small("no frame");
            } else {
                ui.horizontal_wrapped(|ui| {
                    for frame in &member.frames {
                        badge(ui, &frame.name, colour(frame.colour.as_deref()));
                    }
                });
            }
            if ui.link("Show in the text").clicked() {
                commands.send(AppCommand::SelectClaim(Some(ClaimId::new(member.claim_id.as_str()))));
            }
        });
    });
    let _ = project;
}

/// The passage with the claim on a tinted background and the hedges underlined.
fn passage_ui(ui: &mut egui::Ui, member: &MemberView) {
    let passage = &member.passage;
    let chars: Vec<char> = passage.text.chars().collect();
    let font = egui::FontId::proportional(14.0);
    let text_colour = ui.visuals().strong_text_color();
    let claim_fill = ui.visuals().selection.bg_fill.gamma_multiply(0.6);
    let mut job = egui::text::LayoutJob::default();
    job.wrap.max_width = 290.0;
    if passage.cut_before {
        job.append("… ", 0.0, egui::TextFormat::simple(font.clone(), text_colour));
    }
    // Cut the passage at every claim and hedge boundary; format each piece.
    let mut cuts =
        vec![0, chars.len(), passage.claim.start.min(chars.len()), passage.claim.end.min(chars.len())];
    for hedge in &member.hedges {
        cuts.push(hedge.span.start.min(chars.len()));
        cuts.push(hedge.span.end.min(chars.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        if start >= end {
            continue;
        }
        let piece: String = chars[start..end].iter().collect();
        let mut format = egui::TextFormat::simple(font.clone(), text_colour);
        if passage.claim.start <= start && end <= passage.claim.end {
            format.background = claim_fill;
        }
        if let Some(hedge) = member.hedges.iter().find(|h| h.span.start <= start && end <= h.span.end) {
            format.underline = egui::Stroke::new(2.0, hedge_colour(hedge.kind));
        }
        job.append(&piece, 0.0, format);
    }
    if passage.cut_after {
        job.append(" …", 0.0, egui::TextFormat::simple(font, text_colour));
    }
    ui.label(job);
}
