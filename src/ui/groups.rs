//! The groups view: every claim group with its members side by side — each member's
//! passage in context (the claim highlighted, hedging, certainty and attribution words
//! underlined), its outlet and affiliation, genre, claimant, attribution, verdict and
//! frames. Clicking a member shows it in its document. The views come from
//! [`crate::compare::group_views`], computed again only when the project changes.
//!
//! Over the members, the shown group's framing diff ([`crate::compare::framing_diff`])
//! says in one line in which aspects the members differ; in each member's card the
//! aspects that differ from the first member (the reference) are shaded and marked `*`,
//! and the card shows the numbers of its quote, its hedging and certainty words, and its
//! quote against the reference's: inserted words on green, deleted words struck through
//! in red. The diff is computed for the shown group only, again when the project or the
//! group changes.

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use super::widgets::{badge, hex_colour};
use crate::compare::output::framing::{differs_text, words_text};
use crate::compare::{
    Change, FramingDiff, GroupView, HedgeKind, MemberFraming, MemberView, framing_diff, group_views,
};
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
    /// The framing diff of the shown group, with the history state and group it is of.
    framing: Option<(u64, String, FramingDiff)>,
}

impl GroupsWindow {
    /// The group views of the project at history state `version`.
    fn views<'a>(
        cache: &'a mut Option<(u64, Vec<GroupView>)>,
        project: &crate::model::Project,
        version: u64,
    ) -> &'a [GroupView] {
        if cache.as_ref().is_none_or(|(v, _)| *v != version) {
            *cache = Some((version, group_views(project)));
        }
        cache.as_ref().map_or(&[], |(_, views)| views.as_slice())
    }

    /// The framing diff of `view` at history state `version`.
    fn framing<'a>(
        cache: &'a mut Option<(u64, String, FramingDiff)>,
        view: &GroupView,
        version: u64,
    ) -> &'a FramingDiff {
        if cache.as_ref().is_some_and(|(v, group, _)| *v != version || *group != view.group_id) {
            *cache = None;
        }
        let (_, _, diff) = cache.get_or_insert_with(|| (version, view.group_id.clone(), framing_diff(view)));
        diff
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
            .default_size([1100.0, 600.0])
            .min_size([700.0, 320.0])
            .show(ctx, |ui| {
                let filter = groups.filter.trim().to_lowercase();
                let shown_group = groups.shown_group.clone();
                let views = Self::views(&mut groups.cache, project, version);
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
                let framing = Self::framing(&mut groups.framing, view, version);
                if !view.members.is_empty() {
                    ui.label(egui::RichText::new(differs_text(framing)).strong());
                }
                legend_ui(ui);
                egui::ScrollArea::both().id_salt("group-members").show(ui, |ui| {
                    ui.horizontal_top(|ui| {
                        for (number, member) in view.members.iter().enumerate() {
                            let member_framing = framing.members.get(number);
                            let reference = number == framing.reference;
                            member_ui(
                                ui,
                                member,
                                member_framing,
                                reference,
                                selected_claim.as_ref(),
                                commands,
                            );
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
        ui.small("·");
        let fill = differs_fill(ui);
        egui::Frame::new().fill(fill).corner_radius(3.0).inner_margin(egui::Margin::symmetric(3, 0)).show(
            ui,
            |ui| {
                strong_text(ui);
                ui.small("* shaded: differs from member 1, the reference");
            },
        );
        ui.small("· in the quotes:");
        let mut job = egui::text::LayoutJob::default();
        let font = egui::TextStyle::Small.resolve(ui.style());
        let ink = ui.visuals().text_color();
        let (inserted, deleted) = diff_formats(ui, font.clone());
        job.append("added", 0.0, inserted);
        job.append(" ", 0.0, egui::TextFormat::simple(font, ink));
        job.append("left out", 0.0, deleted);
        ui.label(job);
    });
}

/// The shade of an aspect that differs from the reference member.
fn differs_fill(ui: &egui::Ui) -> egui::Color32 {
    if ui.visuals().dark_mode {
        egui::Color32::from_rgb(75, 52, 18)
    } else {
        egui::Color32::from_rgb(255, 232, 190)
    }
}

/// Text on a shade in the strong colour: the dimmer default text reads poorly on it.
fn strong_text(ui: &mut egui::Ui) {
    ui.visuals_mut().override_text_color = Some(ui.visuals().strong_text_color());
}

/// Text formats of inserted words (on green) and deleted words (struck through, red).
fn diff_formats(ui: &egui::Ui, font: egui::FontId) -> (egui::TextFormat, egui::TextFormat) {
    let dark = ui.visuals().dark_mode;
    let mut inserted = egui::TextFormat::simple(font.clone(), ui.visuals().strong_text_color());
    inserted.background =
        if dark { egui::Color32::from_rgb(25, 90, 45) } else { egui::Color32::from_rgb(190, 240, 200) };
    let red =
        if dark { egui::Color32::from_rgb(255, 120, 120) } else { egui::Color32::from_rgb(180, 30, 30) };
    let mut deleted = egui::TextFormat::simple(font, red);
    deleted.strikethrough = egui::Stroke::new(1.5, red);
    (inserted, deleted)
}

/// One line of a member card: shaded and marked `*` when it differs from the reference.
fn aspect_ui(ui: &mut egui::Ui, differs: bool, add_contents: impl FnOnce(&mut egui::Ui)) {
    if differs {
        shaded_frame(ui).show(ui, |ui| {
            strong_text(ui);
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new("*").strong());
                add_contents(ui);
            });
        });
    } else {
        ui.horizontal_wrapped(add_contents);
    }
}

/// The member's quote against the reference's: inserted words on green, deleted words
/// struck through in red. Its accessible name marks them `{+...+}` and `[-...-]`.
fn quote_diff_ui(ui: &mut egui::Ui, framing: &MemberFraming) {
    let font = egui::FontId::proportional(14.0);
    let (inserted, deleted) = diff_formats(ui, font.clone());
    let equal =
        egui::TextFormat::simple(font, ui.visuals().override_text_color.unwrap_or(ui.visuals().text_color()));
    let mut job = egui::text::LayoutJob::default();
    // No wrap width here: a label wraps a job at the width it is given.
    for segment in &framing.quote_diff {
        let format = match segment.change {
            Change::Equal => equal.clone(),
            Change::Inserted => inserted.clone(),
            Change::Deleted => deleted.clone(),
        };
        job.append(&segment.text, 0.0, format);
    }
    let marked = framing.marked_quote();
    let response = ui.label(job);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &marked));
}

/// What the framing diff shows in a member's card.
fn framing_ui(ui: &mut egui::Ui, framing: &MemberFraming, reference: bool) {
    let flags = framing.differs;
    let numbers = framing.numbers_text();
    aspect_ui(ui, flags.numbers, |ui| {
        ui.label(format!("Numbers: {}", if numbers.is_empty() { "none" } else { numbers.as_str() }));
    });
    aspect_ui(ui, flags.hedges, |ui| {
        ui.label(format!("Words: {}", words_text(framing)));
    });
    let caption = if reference { "Quote (the reference of the diff):" } else { "Quote against member 1:" };
    // The quote wraps on its own lines under its caption: inside a wrapping row a long
    // label would widen the card.
    let contents = |ui: &mut egui::Ui| {
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                if flags.wording {
                    ui.label(egui::RichText::new("*").strong());
                }
                ui.small(caption);
            });
            quote_diff_ui(ui, framing);
        });
    };
    if flags.wording {
        shaded_frame(ui).show(ui, |ui| {
            strong_text(ui);
            contents(ui);
        });
    } else {
        contents(ui);
    }
}

/// The frame of an aspect that differs from the reference member.
fn shaded_frame(ui: &egui::Ui) -> egui::Frame {
    egui::Frame::new().fill(differs_fill(ui)).corner_radius(3.0).inner_margin(egui::Margin::symmetric(3, 1))
}

fn member_ui(
    ui: &mut egui::Ui,
    member: &MemberView,
    framing: Option<&MemberFraming>,
    reference: bool,
    selected_claim: Option<&ClaimId>,
    commands: &mut CommandSink<'_>,
) {
    let differs = framing.map(|f| f.differs).unwrap_or_default();
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
            if ui.link("Show in the text").clicked() {
                commands.send(AppCommand::SelectClaim(Some(ClaimId::new(member.claim_id.as_str()))));
            }
            ui.add_space(4.0);
            passage_ui(ui, member);
            ui.add_space(4.0);
            let claimant =
                if member.claimant.is_empty() { "claimant not recorded" } else { member.claimant.as_str() };
            let voice = match member.attribution {
                Attribution::Asserted => "asserted by the outlet",
                Attribution::Attributed => "attributed",
            };
            aspect_ui(ui, differs.claimant || differs.attribution, |ui| {
                ui.label(format!("{claimant} ({voice})"));
            });
            aspect_ui(ui, differs.verdict, |ui| {
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
            if let Some(framing) = framing {
                ui.add_space(4.0);
                ui.separator();
                framing_ui(ui, framing, reference);
            }
        });
    });
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
