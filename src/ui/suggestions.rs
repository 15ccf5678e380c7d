//! Grouping suggestions in the app: for the selected claim, the most similar claims of
//! other documents ([`crate::suggest`]), shown in the inspector with their reasons and
//! accepted with one key (1 to 5 in the text) or a click: the two claims then share a
//! group. The index is rebuilt on a thread when claims were added, removed or moved, so
//! a large project never stalls a frame.

use super::app::{Action, AppState};
use crate::edit::{Edit, RecordEdit};
use crate::model::{Claim, ClaimGroup, ClaimId, GroupId, Timestamp, prefix};
use crate::suggest::{SuggestIndex, Suggestion};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

/// How many suggestions are shown (and numbered for the keys 1 to 5).
pub const SHOWN: usize = 5;

/// The index and the suggestions shown.
#[derive(Default)]
pub struct SuggestState {
    index: Option<Arc<SuggestIndex>>,
    /// History state at which `index` was last found current.
    checked: Option<u64>,
    building: Option<Receiver<SuggestIndex>>,
    /// The suggestions shown for a claim at a history state.
    shown: Option<(ClaimId, u64, Vec<Suggestion>)>,
}

impl SuggestState {
    /// The suggestions last shown for `claim`.
    pub fn shown_for(&self, claim: &ClaimId) -> &[Suggestion] {
        match &self.shown {
            Some((id, _, list)) if id == claim => list,
            _ => &[],
        }
    }
}

/// Makes sure an index for the project exists or is being built; returns it when ready.
fn index(ctx: &egui::Context, state: &mut AppState) -> Option<Arc<SuggestIndex>> {
    let version = state.open.history.state();
    let suggest = &mut state.suggest;
    if let Some(receiver) = &suggest.building {
        match receiver.try_recv() {
            Ok(index) => {
                suggest.index = Some(Arc::new(index));
                suggest.building = None;
                suggest.checked = None;
            }
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return None;
            }
            Err(TryRecvError::Disconnected) => suggest.building = None,
        }
    }
    if suggest.checked != Some(version) {
        let current = suggest.index.as_ref().is_some_and(|i| i.is_current(&state.open.project));
        if current {
            suggest.checked = Some(version);
        } else {
            suggest.index = None;
            let project = state.open.project.clone();
            let (sender, receiver) = channel();
            let repaint = ctx.clone();
            let spawned = std::thread::Builder::new().name("suggest-index".into()).spawn(move || {
                let _ = sender.send(SuggestIndex::new(&project));
                repaint.request_repaint();
            });
            if spawned.is_ok() {
                suggest.building = Some(receiver);
            }
            return None;
        }
    }
    suggest.index.clone()
}

/// The "similar claims" section of the inspector for `claim`.
pub fn suggestions_ui(ui: &mut egui::Ui, state: &mut AppState, claim: &Claim, actions: &mut Vec<Action>) {
    let version = state.open.history.state();
    let Some(claim_index) = state.open.project.claims.iter().position(|c| c.id == claim.id) else {
        return;
    };
    let fresh = matches!(&state.suggest.shown, Some((id, v, _)) if id == &claim.id && *v == version);
    if !fresh {
        match index(ui.ctx(), state) {
            Some(index) => {
                let list = index.suggest(&state.open.project, claim_index, SHOWN);
                state.suggest.shown = Some((claim.id.clone(), version, list));
            }
            None => {
                ui.small("Finding similar claims…");
                return;
            }
        }
    }
    let project = &state.open.project;
    let list = state.suggest.shown_for(&claim.id);
    if list.is_empty() {
        ui.small("No similar claim in the other documents.");
        return;
    }
    ui.small("Press 1 to 5 in the text (or Group) to put the claim and that one into a group.");
    for (n, suggestion) in list.iter().enumerate() {
        let Some(other) = project.claims.get(suggestion.claim_index) else {
            continue;
        };
        let document = project.document(&other.document);
        let outlet = document.and_then(|d| project.outlet_of(d)).map_or("no outlet", |o| o.name.as_str());
        let mut quote: String = other.quote.exact.chars().take(80).collect();
        if other.quote.exact.chars().count() > 80 {
            quote.push('…');
        }
        ui.horizontal_wrapped(|ui| {
            ui.strong(format!("{}.", n + 1));
            if ui.link(format!("“{quote}”")).on_hover_text("Show it in its document").clicked() {
                actions.push(Action::SelectClaim(Some(other.id.clone())));
            }
            ui.small(format!("{outlet} · {:.0}%", suggestion.score * 100.0));
            if ui.small_button("Group").on_hover_text(format!("Key {}", n + 1)).clicked()
                && let Some(action) = accept(&mut state.open.ids, claim, other)
            {
                actions.push(action);
            }
        });
        ui.small(suggestion.reasons.join(" · "));
    }
}

/// Puts `claim` and `other` into one group: `claim`'s group, else `other`'s, else a new
/// group named after `claim`'s text. `None` when they already share one.
pub fn accept(ids: &mut crate::model::IdAllocator, claim: &Claim, other: &Claim) -> Option<Action> {
    let now = Timestamp::now();
    let with_group = |c: &Claim, group: &GroupId| {
        let mut updated = c.clone();
        updated.group = Some(group.clone());
        updated.modified = now.clone();
        Edit::Claim(RecordEdit::Replace(updated))
    };
    let edit = match (&claim.group, &other.group) {
        (Some(a), Some(b)) if a == b => return None,
        (Some(group), _) => with_group(other, group),
        (None, Some(group)) => with_group(claim, group),
        (None, None) => {
            let mut name: String = claim.quote.exact.chars().take(80).collect();
            if claim.quote.exact.chars().count() > 80 {
                name.push('…');
            }
            let group = ClaimGroup { id: GroupId::new(ids.next(prefix::GROUP)), name, notes: String::new() };
            let id = group.id.clone();
            Edit::Batch(vec![
                Edit::Group(Edit::append(group)),
                with_group(claim, &id),
                with_group(other, &id),
            ])
        }
    };
    Some(Action::Edit { edit, label: "Group with a similar claim".into(), merge_key: None })
}

/// Accepts suggestion `n` (0-based) of the selected claim, as shown in the inspector.
pub fn accept_shown(state: &mut AppState, claim_id: &ClaimId, n: usize) -> Option<Action> {
    let suggestion = state.suggest.shown_for(claim_id).get(n)?.clone();
    let project = &state.open.project;
    let claim = project.claim(claim_id)?.clone();
    let other = project.claims.get(suggestion.claim_index)?.clone();
    accept(&mut state.open.ids, &claim, &other)
}
