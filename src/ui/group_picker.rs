//! The group picker (G on a selected claim): type to filter the project's claim groups,
//! Up/Down and Enter to put the claim into one, or Enter on "New group" to create a group
//! named as typed; Esc closes. One undo step either way.

use super::command::{CommandSink, Scope, UiCommand};
use super::session::ViewContext;
use super::type_ahead::TypeAhead;
use super::widgets::excerpt;
use crate::edit::{Edit, RecordEdit};
use crate::model::{ClaimGroup, ClaimId, GroupId, Timestamp, prefix};

/// The open picker.
#[derive(Clone, Debug)]
pub struct GroupPicker {
    /// The claim to put into a group.
    pub claim: ClaimId,
    /// What was typed: filters the groups, and names a new one.
    pub query: String,
    /// The highlighted entry (0 = first match).
    pub highlighted: usize,
    focus_requested: bool,
    /// Whether the highlight was put on the claim's own group yet.
    placed: bool,
    /// Keys typed after G, and keys that wait for the text typed before them.
    type_ahead: TypeAhead,
}

impl GroupPicker {
    /// A picker for `claim`.
    pub fn new(claim: ClaimId) -> GroupPicker {
        GroupPicker {
            claim,
            query: String::new(),
            highlighted: 0,
            focus_requested: true,
            placed: false,
            type_ahead: TypeAhead::default(),
        }
    }

    /// Whether the picker waits for the focus, and so takes the keys typed after G.
    pub fn wants_type_ahead(&self) -> bool {
        self.focus_requested
    }

    /// Holds `keys` (typed after G) for the query field.
    pub fn hold_keys(&mut self, keys: TypeAhead) {
        self.type_ahead.append(keys);
    }
}

/// Id of the picker's window.
fn modal_id() -> egui::Id {
    egui::Id::unique("group-picker")
}

/// Id of the picker's text field.
pub fn query_field_id() -> egui::Id {
    egui::Id::unique("group-picker-query")
}

impl GroupPicker {
    /// Shows the picker; `false` once it is closed (a choice made, or cancelled).
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        cx: &ViewContext<'_>,
        commands: &mut CommandSink<'_>,
    ) -> bool {
        let picker = self;
        let project = cx.project;
        let Some(claim) = project.claim(&picker.claim) else {
            return false;
        };
        let query = picker.query.trim().to_lowercase();
        let matches: Vec<&ClaimGroup> = project
            .groups
            .iter()
            .filter(|g| query.is_empty() || g.name.to_lowercase().contains(&query))
            .collect();
        let exact = project.groups.iter().any(|g| g.name.trim().eq_ignore_ascii_case(picker.query.trim()));
        let offer_new = !picker.query.trim().is_empty() && !exact;
        let entries = matches.len() + usize::from(offer_new);
        if !picker.placed {
            // Start on the claim's own group, so that Enter at once changes nothing.
            picker.highlighted =
                matches.iter().position(|g| Some(&g.id) == claim.group.as_ref()).unwrap_or(0);
            picker.placed = true;
        }
        // The first time it opens, the window is sized in a frame in which its field takes
        // no keys: until it does, the keys typed since G wait.
        let ready = egui::AreaState::load(ctx, modal_id()).is_some_and(|area| area.size.is_some());
        if !ready {
            ctx.input_mut(|i| picker.type_ahead.hold_frame(i));
        } else if picker.focus_requested || !picker.type_ahead.is_empty() {
            ctx.memory_mut(|m| m.request_focus(query_field_id()));
            picker.focus_requested = false;
            let global = ctx.input_mut(|i| {
                picker.type_ahead.release(i);
                UiCommand::pressed(i, Scope::Global)
            });
            for command in global {
                commands.run(command);
            }
        }
        // ↑, ↓ and Enter choose among the groups that match what was typed: typed in this
        // same frame, the field has not filtered them yet, so these keys wait a frame.
        ctx.input_mut(|i| {
            let mut typed = false;
            let waiting = i.events.iter().position(|event| match event {
                egui::Event::Text(_) => {
                    typed = true;
                    false
                }
                egui::Event::Key { key, pressed: true, .. } => {
                    typed && matches!(key, egui::Key::ArrowUp | egui::Key::ArrowDown | egui::Key::Enter)
                }
                _ => false,
            });
            if let Some(index) = waiting {
                picker.type_ahead.append(TypeAhead::split_off(i, index));
            }
        });
        if !picker.type_ahead.is_empty() {
            ctx.request_repaint();
        }
        // Keys first, so the field does not take ↑/↓ and Enter.
        let (up, down, enter, escape) = ctx.input_mut(|i| {
            (
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Enter),
                i.consume_key(egui::Modifiers::NONE, egui::Key::Escape),
            )
        });
        if down && entries > 0 {
            picker.highlighted = (picker.highlighted + 1).min(entries - 1);
        }
        if up {
            picker.highlighted = picker.highlighted.saturating_sub(1);
        }
        picker.highlighted = picker.highlighted.min(entries.saturating_sub(1));
        let mut chosen: Option<Choice> = None;
        let mut close = escape;
        let quote = excerpt(&claim.quote.exact, 90);
        let response = egui::Modal::new(modal_id()).show(ctx, |ui| {
            ui.set_width(460.0);
            ui.heading("Put the claim into a group");
            ui.label(egui::RichText::new(format!("“{quote}”")).italics());
            let label = ui.label("Group:");
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut picker.query)
                        .id(query_field_id())
                        .hint_text("type to filter, or name a new group")
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(label.id);
            if field.changed() {
                picker.highlighted = 0;
            }
            egui::ScrollArea::vertical().max_height(260.0).show(ui, |ui| {
                for (i, group) in matches.iter().enumerate() {
                    let members =
                        project.claims.iter().filter(|c| c.group.as_ref() == Some(&group.id)).count();
                    let current = claim.group.as_ref() == Some(&group.id);
                    let text = format!(
                        "{}  ({}){}",
                        group.name,
                        crate::text::count(members, "claim"),
                        if current { ", this claim's group" } else { "" }
                    );
                    if ui.selectable_label(picker.highlighted == i, text).clicked() {
                        chosen = Some(Choice::Existing(group.id.clone()));
                    }
                }
                if offer_new
                    && ui
                        .selectable_label(
                            picker.highlighted == matches.len(),
                            format!("New group “{}”", picker.query.trim()),
                        )
                        .clicked()
                {
                    chosen = Some(Choice::New(picker.query.trim().to_owned()));
                }
                if entries == 0 {
                    ui.small("No group yet: type a neutral wording of the claim to create one.");
                }
            });
            ui.horizontal(|ui| {
                if claim.group.is_some() && ui.button("Take it out of its group").clicked() {
                    chosen = Some(Choice::None);
                }
                if ui.button("Cancel").clicked() {
                    close = true;
                }
            });
            ui.small("Up/Down to choose, Enter to put the claim in, Esc to close.");
        });
        if enter && chosen.is_none() {
            chosen = match matches.get(picker.highlighted) {
                Some(group) => Some(Choice::Existing(group.id.clone())),
                None if offer_new => Some(Choice::New(picker.query.trim().to_owned())),
                None => None,
            };
        }
        // The claim's own group chosen again changes nothing (and is no undo step).
        if let Some(Choice::Existing(group)) = &chosen
            && claim.group.as_ref() == Some(group)
        {
            chosen = None;
            close = true;
        }
        if let Some(choice) = chosen {
            let mut updated = claim.clone();
            updated.modified = Timestamp::now();
            let edit = match choice {
                Choice::Existing(group) => {
                    updated.group = Some(group);
                    Edit::Claim(RecordEdit::Replace(updated))
                }
                Choice::None => {
                    updated.group = None;
                    Edit::Claim(RecordEdit::Replace(updated))
                }
                Choice::New(name) => {
                    let group = ClaimGroup {
                        id: GroupId::new(commands.next_id(prefix::GROUP)),
                        name,
                        notes: String::new(),
                    };
                    updated.group = Some(group.id.clone());
                    Edit::Batch(vec![
                        Edit::Group(Edit::append(group)),
                        Edit::Claim(RecordEdit::Replace(updated)),
                    ])
                }
            };
            commands.edit(edit, "Change group");
            close = true;
        }
        if close || response.should_close() {
            commands.run(UiCommand::FocusText);
            return false;
        }
        true
    }
}

enum Choice {
    Existing(GroupId),
    New(String),
    None,
}
