//! The inspector: every field of the selected claim (kind, claimant, attribution,
//! verdict, frames, sources with their relation, group, note, reviewer, times) and of
//! the current document (title, outlet, genre, URL, date, author, notes), all editable.
//! Each change is sent as an [`AppCommand::Edit`]; typing in a field is one undo step.

mod document;

use super::command::{AppCommand, CommandSink, Scope, UiCommand};
use super::session::ViewContext;
use super::suggestions::Suggestions;
use super::type_ahead::TypeAhead;
use super::widgets::{excerpt, field_label, label_combo, shortcut_hint};
use crate::edit::{Edit, RecordEdit};
use crate::model::{
    Attribution, Claim, ClaimGroup, ClaimId, GroupId, LabelSet, Project, Source, SourceId, SourceKind,
    SourceLink, Timestamp, prefix,
};

/// Id of the claimant field, to give it the focus after marking a claim.
pub fn claimant_field_id() -> egui::Id {
    egui::Id::unique("inspector-claimant")
}

/// Inputs of the inspector that live between frames (fields for new records).
#[derive(Debug, Default, Clone)]
pub struct InspectorDrafts {
    /// Name of a new group.
    pub new_group: String,
    /// Title of a new source.
    pub new_source_title: String,
    /// URL of a new source.
    pub new_source_url: String,
    /// Name of a new outlet.
    pub new_outlet: String,
}

/// The inspector panel and its state between frames.
#[derive(Default)]
pub struct Inspector {
    /// Inputs for new records.
    pub drafts: InspectorDrafts,
    /// Move the focus to the claimant field as soon as it takes keys (after marking a
    /// claim).
    pub focus_claimant: bool,
    /// Keys typed after the mark, for the claimant field.
    type_ahead: TypeAhead,
    /// Grouping suggestions for the selected claim.
    pub suggestions: Suggestions,
    /// The claim shown last frame: another one is shown from the top.
    shown_claim: Option<ClaimId>,
}

impl Inspector {
    /// Holds `keys` (typed after marking a claim) for the claimant field.
    pub fn hold_keys(&mut self, keys: TypeAhead) {
        self.type_ahead.append(keys);
    }

    /// Shows the selected claim and the current document; every change is sent as an edit.
    pub fn ui(&mut self, ui: &mut egui::Ui, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) {
        let state = self;
        let mut area = egui::ScrollArea::vertical().id_salt("inspector-scroll");
        if state.shown_claim.as_ref() != cx.claim_id() {
            area = area.vertical_scroll_offset(0.0);
            state.shown_claim = cx.claim_id().cloned();
        }
        area.show(ui, |ui| {
        ui.heading("Claim");
        match cx.claim() {
            Some(claim) => claim_ui(ui, state, cx, claim, commands),
            None => {
                state.focus_claimant = false;
                state.type_ahead.clear();
                ui.label("No claim selected.");
                ui.small("Select text in the document and press a kind's key (F1 lists them) or Enter to mark a claim; click a highlight to select it.");
            }
        }
        ui.add_space(12.0);
        ui.separator();
        ui.heading("Document");
        match cx.document() {
            Some(document) => {
                document::document_ui(ui, &mut state.drafts.new_outlet, cx, document, commands);
                ui.add_space(8.0);
                ui.strong("Passages from other outlets");
                super::passages::passages_ui(ui, cx, document, commands);
            }
            None => {
                ui.label("No document.");
            }
        }
    });
    }
}

/// The warning on a claim a text correction could not carry over, with the ways to place
/// it again.
fn reanchor_ui(ui: &mut egui::Ui, cx: &ViewContext<'_>, claim: &Claim, commands: &mut CommandSink<'_>) {
    let key = UiCommand::PlaceClaim.shortcut_text(ui.ctx());
    let now = cx
        .project
        .document(&claim.document)
        .and_then(|d| claim.span.slice(&d.text).map(str::to_owned))
        .filter(|s| !s.trim().is_empty());
    egui::Frame::group(ui.style()).stroke(egui::Stroke::new(1.0, ui.visuals().warn_fg_color)).show(ui, |ui| {
        ui.colored_label(ui.visuals().warn_fg_color, "Needs re-anchoring");
        ui.small(format!(
            "The document's text was corrected and these words changed. Select the words the claim belongs \
             on and press {key}{}.",
            if now.is_some() { ", or keep it on the words that replaced them" } else { "; its words were deleted" }
        ));
        if let Some(now) = &now {
            ui.small(format!("Now there: “{}”", excerpt(now, 110)));
        }
        ui.horizontal(|ui| {
            if ui.button("Place on selection").on_hover_text(format!("{key}: put the claim on the selected text")).clicked() {
                commands.send(AppCommand::Run(UiCommand::PlaceClaim));
            }
            if now.is_some()
                && ui.button("Keep here").clicked()
                && let Some(edit) = crate::edit::place_claim(cx.project, &claim.id, claim.span, Timestamp::now())
            {
                commands.send(AppCommand::Edit { edit, label: "Re-anchor claim".into(), merge_key: None });
            }
        });
    });
}

/// Pushes a replacement of `claim` made by `change`, if it changes anything.
fn edit_claim(
    commands: &mut CommandSink<'_>,
    claim: &Claim,
    label: &str,
    merge_field: Option<&str>,
    change: impl FnOnce(&mut Claim),
) {
    if let Some(edit) = Edit::replace_claim(claim, Timestamp::now(), change) {
        let merge_key = merge_field.map(|field| format!("{}/{field}", claim.id));
        commands.send(AppCommand::Edit { edit, label: label.to_owned(), merge_key });
    }
}

fn claim_ui(
    ui: &mut egui::Ui,
    state: &mut Inspector,
    cx: &ViewContext<'_>,
    claim: &Claim,
    commands: &mut CommandSink<'_>,
) {
    let project = cx.project;
    // At most two lines of the quote, so the fields below stay where the hand expects
    // them; the whole quote on hover.
    let quote = excerpt(&claim.quote.exact, 110);
    ui.label(egui::RichText::new(format!("“{quote}”")).italics()).on_hover_text(&claim.quote.exact);
    if cx.selection.document.as_ref() != Some(&claim.document) {
        let title = project.document(&claim.document).map_or(claim.document.as_str(), |d| d.title.as_str());
        if ui.link(format!("in {title}")).on_hover_text("Show this claim in its document").clicked() {
            commands.send(AppCommand::SelectClaim(Some(claim.id.clone())));
        }
    }
    ui.small(format!("{} · chars {}–{}", claim.id, claim.span.start, claim.span.end));
    if claim.needs_reanchoring {
        reanchor_ui(ui, cx, claim, commands);
    }
    // Whose text it is, when it sits in a passage from another outlet.
    if let Some(document) = project.document(&claim.document) {
        let whose = project.claim_outlet(document, claim.span);
        if let Some(passage) = whose.passage {
            let name = whose.outlet.map_or(passage.outlet.as_str(), |o| o.name.as_str());
            let via = whose.via.map(|o| format!(", via {}", o.name)).unwrap_or_default();
            ui.small(format!("In a passage from {name}{via}: counts for {name}"));
        }
    }
    // Whose it is, at the top, where an editor settling reviewers' marks looks first.
    let by = claim.reviewer.as_ref().and_then(|id| project.reviewers.iter().find(|r| &r.id == id));
    let whose = match (claim.adjudicated, by) {
        (true, Some(by)) => Some(format!("Adjudicated: settled by {}", by.name)),
        (true, None) => Some("Adjudicated: in the settled set".to_owned()),
        (false, Some(by)) if cx.selection.lanes.is_some() => Some(format!("{}'s claim", by.name)),
        _ => None,
    };
    if let Some(whose) = whose {
        ui.strong(whose);
    }
    ui.add_space(6.0);

    egui::Grid::new("claim-fields").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
        let label = field_label(ui, "Kind");
        if let Some(Some(kind)) =
            label_combo(ui, project, LabelSet::ClaimKind, "claim-kind", Some(&claim.kind), false, label.id)
        {
            edit_claim(commands, claim, "Change kind", None, |c| c.kind = kind);
        }
        ui.end_row();

        let label = field_label(ui, "Claimant");
        if state.focus_claimant {
            state.focus_claimant = !take_type_ahead(ui, &mut state.type_ahead, commands);
        }
        let mut claimant = claim.claimant.clone();
        let response = ui.add(
            egui::TextEdit::singleline(&mut claimant)
                .id(claimant_field_id())
                .hint_text("who asserts it (person or body)")
                .desired_width(200.0),
        );
        let response = response.labelled_by(label.id);
        if response.changed() {
            edit_claim(commands, claim, "Edit claimant", Some("claimant"), |c| c.claimant = claimant.clone());
        }
        if response.lost_focus() {
            commands.send(AppCommand::SealHistory);
            // Enter or Escape in the claimant field goes back to the text, to go on marking;
            // keys typed after it in the same frame are the text's.
            for key in [egui::Key::Enter, egui::Key::Escape] {
                if ui.input(|i| i.key_pressed(key)) {
                    commands.run(UiCommand::FocusText);
                    let after = ui.input_mut(|i| TypeAhead::after_key(i, key));
                    if !after.is_empty() {
                        commands.send(AppCommand::TypeAhead(after));
                    }
                    break;
                }
            }
        }
        ui.end_row();
        if response.has_focus() && !claimant.trim().is_empty() {
            let suggestions = claimant_suggestions(project, &claimant);
            if !suggestions.is_empty() {
                ui.label("");
                ui.horizontal_wrapped(|ui| {
                    for suggestion in suggestions.into_iter().take(5) {
                        if ui.small_button(&suggestion).clicked() {
                            edit_claim(commands, claim, "Edit claimant", None, |c| {
                                c.claimant = suggestion.clone()
                            });
                        }
                    }
                });
                ui.end_row();
            }
        }

        field_label(ui, "Voice");
        ui.vertical(|ui| {
            for attribution in [Attribution::Asserted, Attribution::Attributed] {
                if ui.radio(claim.attribution == attribution, attribution.name()).clicked()
                    && claim.attribution != attribution
                {
                    edit_claim(commands, claim, "Change attribution", None, |c| c.attribution = attribution);
                }
            }
        });
        ui.end_row();

        let label = field_label(ui, "Verdict");
        if let Some(Some(verdict)) = label_combo(
            ui,
            project,
            LabelSet::Verdict,
            "claim-verdict",
            Some(&claim.verdict),
            false,
            label.id,
        ) {
            edit_claim(commands, claim, "Change verdict", None, |c| c.verdict = verdict);
        }
        ui.end_row();
    });

    ui.add_space(6.0);
    egui::CollapsingHeader::new(format!("Frames ({})", claim.frames.len()))
        .id_salt("claim-frames")
        .default_open(true)
        .show(ui, |ui| {
            // Toggle chips that wrap: fifteen frames as checkboxes would push every field
            // below them out of sight.
            ui.horizontal_wrapped(|ui| {
                for frame in &project.taxonomy.frames {
                    let checked = claim.frames.contains(&frame.id);
                    let hover = match shortcut_hint(LabelSet::Frame, frame.shortcut) {
                        Some(key) => format!("{} ({key} in the text)", frame.description),
                        None => frame.description.clone(),
                    };
                    if ui.selectable_label(checked, &frame.name).on_hover_text(hover).clicked() {
                        let id = frame.id.clone();
                        edit_claim(
                            commands,
                            claim,
                            if checked { "Remove frame" } else { "Add frame" },
                            None,
                            |c| {
                                if checked {
                                    c.frames.retain(|f| f != &id);
                                } else {
                                    c.frames.push(id);
                                }
                            },
                        );
                    }
                }
            });
        });

    egui::CollapsingHeader::new(format!("Sources ({})", claim.sources.len()))
        .id_salt("claim-sources")
        .default_open(true)
        .show(ui, |ui| {
            sources_ui(ui, state, cx, claim, commands);
        });

    ui.add_space(6.0);
    group_ui(ui, state, cx, claim, commands);
    egui::CollapsingHeader::new("Similar claims in other documents")
        .id_salt("claim-suggestions")
        .default_open(true)
        .show(ui, |ui| state.suggestions.ui(ui, cx, claim, commands));

    ui.add_space(6.0);
    let label = field_label(ui, "Note");
    let mut note = claim.note.clone();
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut note)
                .desired_rows(3)
                .hint_text("what was checked, why the verdict"),
        )
        .labelled_by(label.id);
    if response.changed() {
        edit_claim(commands, claim, "Edit note", Some("note"), |c| c.note = note.clone());
    }
    if response.lost_focus() {
        commands.send(AppCommand::SealHistory);
    }

    ui.add_space(6.0);
    let project = cx.project;
    let reviewer = claim
        .reviewer
        .as_ref()
        .and_then(|id| project.reviewers.iter().find(|r| &r.id == id))
        .map_or("not recorded", |r| r.name.as_str());
    ui.horizontal_wrapped(|ui| {
        let label = field_label(ui, "Reviewer");
        let mut chosen: Option<Option<crate::model::ReviewerId>> = None;
        egui::ComboBox::from_id_salt("claim-reviewer")
            .selected_text(reviewer)
            .show_ui(ui, |ui| {
                if ui.selectable_label(claim.reviewer.is_none(), "not recorded").clicked() {
                    chosen = Some(None);
                }
                for person in &project.reviewers {
                    if ui
                        .selectable_label(claim.reviewer.as_ref() == Some(&person.id), &person.name)
                        .clicked()
                    {
                        chosen = Some(Some(person.id.clone()));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if let Some(reviewer) = chosen.filter(|r| r != &claim.reviewer) {
            edit_claim(commands, claim, "Change reviewer", None, |c| c.reviewer = reviewer);
        }
    });
    // Without a name, new claims have no reviewer: ask here, where it shows, and keep the
    // field while it is being typed in.
    let name_field = egui::Id::unique("inspector-reviewer-name");
    if cx.settings.reviewer.trim().is_empty() || ui.memory(|m| m.has_focus(name_field)) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.small("Your name, recorded on the claims you mark:");
            let mut name = cx.settings.reviewer.clone();
            let response = ui
                .add(egui::TextEdit::singleline(&mut name).id(name_field).desired_width(140.0))
                .labelled_by(label.id);
            if response.changed() {
                commands.send(AppCommand::ChangeSettings(super::session::Settings {
                    reviewer: name,
                    ..cx.settings.clone()
                }));
            }
        });
    }
    // Times are kept by the app (marking, every change), not typed.
    let changed_by = claim
        .modified_by
        .as_ref()
        .and_then(|id| project.reviewers.iter().find(|r| &r.id == id))
        .map(|r| format!(" by {}", r.name))
        .unwrap_or_default();
    ui.small(format!("Created {} · modified {}{changed_by}", claim.created, claim.modified));
    if !claim.origin.is_marked() {
        ui.small(claim.origin.name());
    }
    ui.add_space(6.0);
    if ui.button("Delete claim").on_hover_text("Del in the text; Ctrl+Z brings it back").clicked() {
        commands.send(AppCommand::DeleteClaim(claim.id.clone()));
    }
}

/// Gives the claimant field the focus and the keys typed since the mark, once it takes
/// keys: the first frame of the fields is a sizing pass in which it takes none, and the
/// keys of that frame are held for the next. `true` once done.
fn take_type_ahead(ui: &mut egui::Ui, type_ahead: &mut TypeAhead, commands: &mut CommandSink<'_>) -> bool {
    if !ui.is_visible() || ui.is_sizing_pass() {
        ui.input_mut(|i| type_ahead.hold_frame(i));
        return false;
    }
    ui.memory_mut(|m| m.request_focus(claimant_field_id()));
    let global = ui.input_mut(|i| {
        type_ahead.release(i);
        UiCommand::pressed(i, Scope::Global)
    });
    for command in global {
        commands.run(command);
    }
    true
}

/// Known claimants that contain what was typed, most used first.
fn claimant_suggestions(project: &Project, typed: &str) -> Vec<String> {
    let typed = typed.trim().to_lowercase();
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for claim in &project.claims {
        if !claim.claimant.is_empty()
            && claim.claimant.to_lowercase().contains(&typed)
            && claim.claimant.to_lowercase() != typed
        {
            *counts.entry(claim.claimant.as_str()).or_default() += 1;
        }
    }
    let mut list: Vec<(&str, usize)> = counts.into_iter().collect();
    list.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    list.into_iter().map(|(name, _)| name.to_owned()).collect()
}

fn sources_ui(
    ui: &mut egui::Ui,
    state: &mut Inspector,
    cx: &ViewContext<'_>,
    claim: &Claim,
    commands: &mut CommandSink<'_>,
) {
    let project = cx.project;
    for (index, link) in claim.sources.iter().enumerate() {
        let source = project.source(&link.source);
        ui.horizontal_wrapped(|ui| {
            let title = source.map_or(link.source.as_str(), |s| s.title.as_str());
            let title_response = match source.and_then(|s| s.url.as_ref()) {
                Some(url) => {
                    let response = ui.link(title).on_hover_text(format!("Open {url} in the browser"));
                    if response.clicked() {
                        commands.send(AppCommand::OpenUrl(url.clone()));
                    }
                    response
                }
                None => ui.label(title),
            };
            if let Some(Some(relation)) = label_combo(
                ui,
                project,
                LabelSet::SourceRelation,
                &format!("relation-{index}"),
                Some(&link.relation),
                false,
                title_response.id,
            ) {
                edit_claim(commands, claim, "Change source relation", None, |c| {
                    c.sources[index].relation = relation
                });
            }
            if ui.small_button("Unlink").on_hover_text("Unlink this source from the claim").clicked() {
                edit_claim(commands, claim, "Unlink source", None, |c| {
                    c.sources.remove(index);
                });
            }
        });
    }
    let linked: Vec<&SourceId> = claim.sources.iter().map(|l| &l.source).collect();
    let available: Vec<&Source> = project.sources.iter().filter(|s| !linked.contains(&&s.id)).collect();
    let default_relation = project.taxonomy.source_relations.first().map(|r| r.id.clone());
    if !available.is_empty()
        && let Some(relation) = &default_relation
    {
        let mut chosen: Option<SourceId> = None;
        let link_label = ui.label("Link:");
        egui::ComboBox::from_id_salt("link-source")
            .selected_text("Link a source…")
            .width(220.0)
            .show_ui(ui, |ui| {
                for source in &available {
                    if ui.selectable_label(false, &source.title).clicked() {
                        chosen = Some(source.id.clone());
                    }
                }
            })
            .response
            .labelled_by(link_label.id);
        if let Some(source) = chosen {
            edit_claim(commands, claim, "Link source", None, |c| {
                c.sources.push(SourceLink { source, relation: relation.clone() })
            });
        }
    }
    ui.horizontal_wrapped(|ui| {
        let drafts = &mut state.drafts;
        let label = ui.label("New:");
        ui.add(
            egui::TextEdit::singleline(&mut drafts.new_source_title).hint_text("title").desired_width(110.0),
        )
        .labelled_by(label.id);
        let url_label = ui.label("URL:");
        ui.add(
            egui::TextEdit::singleline(&mut drafts.new_source_url).hint_text("https://…").desired_width(90.0),
        )
        .labelled_by(url_label.id);
        let ready = !drafts.new_source_title.trim().is_empty();
        if ui
            .add_enabled(ready, egui::Button::new("Add"))
            .on_hover_text("Create the source and link it (cited in text)")
            .clicked()
            && let Some(relation) = default_relation.clone()
        {
            let url = drafts.new_source_url.trim();
            let source = Source {
                id: SourceId::new(commands.next_id(prefix::SOURCE)),
                title: drafts.new_source_title.trim().to_owned(),
                url: (!url.is_empty()).then(|| url.to_owned()),
                publisher: None,
                kind: SourceKind::Article,
                notes: String::new(),
            };
            let mut updated = claim.clone();
            updated.sources.push(SourceLink { source: source.id.clone(), relation });
            updated.modified = Timestamp::now();
            commands.send(AppCommand::Edit {
                edit: Edit::Batch(vec![
                    Edit::Source(Edit::append(source)),
                    Edit::Claim(RecordEdit::Replace(updated)),
                ]),
                label: "Add source".into(),
                merge_key: None,
            });
            drafts.new_source_title.clear();
            drafts.new_source_url.clear();
        }
    });
}

fn group_ui(
    ui: &mut egui::Ui,
    state: &mut Inspector,
    cx: &ViewContext<'_>,
    claim: &Claim,
    commands: &mut CommandSink<'_>,
) {
    let project = cx.project;
    ui.horizontal_wrapped(|ui| {
        let group_label = field_label(ui, "Group");
        let current = claim.group.as_ref().and_then(|g| project.group(g));
        let text = current.map_or("none", |g| g.name.as_str());
        let mut chosen: Option<Option<GroupId>> = None;
        egui::ComboBox::from_id_salt("claim-group")
            .selected_text(text)
            .width(220.0)
            .show_ui(ui, |ui| {
                if ui.selectable_label(claim.group.is_none(), "none").clicked() {
                    chosen = Some(None);
                }
                for group in &project.groups {
                    let members =
                        project.claims.iter().filter(|c| c.group.as_ref() == Some(&group.id)).count();
                    let label = format!("{} ({members})", group.name);
                    if ui.selectable_label(claim.group.as_ref() == Some(&group.id), label).clicked() {
                        chosen = Some(Some(group.id.clone()));
                    }
                }
            })
            .response
            .labelled_by(group_label.id);
        if let Some(group) = chosen.filter(|g| g != &claim.group) {
            edit_claim(commands, claim, "Change group", None, |c| c.group = group);
        }
    });
    if let Some(group) = claim.group.as_ref() {
        let others: Vec<&Claim> =
            project.claims.iter().filter(|c| c.group.as_ref() == Some(group) && c.id != claim.id).collect();
        if !others.is_empty() {
            ui.small("Same claim elsewhere:");
            for other in others {
                let document = project.document(&other.document).map_or("?", |d| d.title.as_str());
                let mut quote: String = other.quote.exact.chars().take(60).collect();
                if other.quote.exact.chars().count() > 60 {
                    quote.push('…');
                }
                if ui.link(format!("{document}: “{quote}”")).clicked() {
                    commands.send(AppCommand::SelectClaim(Some(other.id.clone())));
                }
            }
        }
    }
    ui.horizontal_wrapped(|ui| {
        let drafts = &mut state.drafts;
        let label = ui.label("New group:");
        ui.add(
            egui::TextEdit::singleline(&mut drafts.new_group)
                .hint_text("neutral wording of the claim")
                .desired_width(170.0),
        )
        .labelled_by(label.id);
        if ui.add_enabled(!drafts.new_group.trim().is_empty(), egui::Button::new("Create")).clicked() {
            let group = ClaimGroup {
                id: GroupId::new(commands.next_id(prefix::GROUP)),
                name: drafts.new_group.trim().to_owned(),
                notes: String::new(),
            };
            let mut updated = claim.clone();
            updated.group = Some(group.id.clone());
            updated.modified = Timestamp::now();
            commands.send(AppCommand::Edit {
                edit: Edit::Batch(vec![
                    Edit::Group(Edit::append(group)),
                    Edit::Claim(RecordEdit::Replace(updated)),
                ]),
                label: "Create group".into(),
                merge_key: None,
            });
            drafts.new_group.clear();
        }
    });
}
