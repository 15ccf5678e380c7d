//! Grouping suggestions in the app: for the selected claim, the most similar claims of
//! other documents ([`crate::suggest`]), shown in the inspector with their reasons and
//! accepted with one key (1 to 5 in the text) or a click: the two claims then share a
//! group. The index is rebuilt on a thread when claims were added, removed or moved, so
//! a large project never stalls a frame, once the project has stayed unchanged for
//! [`REBUILD_AFTER`]: marking claims in a row rebuilds it once, not after each claim (on
//! 200,000 claims a rebuild copies the project and takes seconds of a core).

use super::command::{AppCommand, CommandSink};
use super::session::ViewContext;
use super::widgets::excerpt;
use crate::edit::{Edit, RecordEdit};
use crate::model::{Claim, ClaimGroup, ClaimId, GroupId, Timestamp, prefix};
use crate::suggest::{SuggestIndex, Suggestion};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::{Duration, Instant};

/// How many suggestions are shown (and numbered for the keys 1 to 5).
pub const SHOWN: usize = 5;

/// How long the project must stay unchanged before the index is rebuilt.
pub const REBUILD_AFTER: Duration = Duration::from_millis(300);

/// The "similar claims" part of the inspector: the index and the suggestions shown.
#[derive(Default)]
pub struct Suggestions {
    index: Option<Arc<SuggestIndex>>,
    /// History state at which `index` was last found current.
    checked: Option<u64>,
    building: Option<Receiver<SuggestIndex>>,
    /// The suggestions shown for a claim at a history state.
    shown: Option<(ClaimId, u64, Vec<Suggestion>)>,
    /// The history state the index was found out of date at, and when.
    stale_since: Option<(u64, Instant)>,
    /// How many times the index was built.
    builds: usize,
}

impl Suggestions {
    /// How many times the index has been built (or started to be) since the app started.
    pub fn builds(&self) -> usize {
        self.builds
    }

    /// The suggestions last shown for `claim`.
    pub fn shown_for(&self, claim: &ClaimId) -> &[Suggestion] {
        match &self.shown {
            Some((id, _, list)) if id == claim => list,
            _ => &[],
        }
    }

    /// Makes sure an index for the project exists or is being built; returns it when ready.
    fn index(&mut self, ctx: &egui::Context, cx: &ViewContext<'_>) -> Option<Arc<SuggestIndex>> {
        let version = cx.version();
        let suggest = self;
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
            let known_stale = matches!(suggest.stale_since, Some((v, _)) if v == version);
            let current = !known_stale && suggest.index.as_ref().is_some_and(|i| i.is_current(cx.project));
            if current {
                suggest.checked = Some(version);
            } else {
                suggest.index = None;
                let since = match suggest.stale_since {
                    Some((v, since)) if v == version => since,
                    _ => suggest.stale_since.insert((version, Instant::now())).1,
                };
                let wait = REBUILD_AFTER.saturating_sub(since.elapsed());
                if !wait.is_zero() {
                    ctx.request_repaint_after(wait);
                    return None;
                }
                suggest.stale_since = None;
                let project = cx.project.clone();
                let (sender, receiver) = channel();
                let repaint = ctx.clone();
                let spawned = std::thread::Builder::new().name("suggest-index".into()).spawn(move || {
                    let _ = sender.send(SuggestIndex::new(&project));
                    repaint.request_repaint();
                });
                if spawned.is_ok() {
                    suggest.building = Some(receiver);
                    suggest.builds += 1;
                }
                return None;
            }
        }
        suggest.index.clone()
    }

    /// The "similar claims" section of the inspector for `claim`.
    pub fn ui(
        &mut self,
        ui: &mut egui::Ui,
        cx: &ViewContext<'_>,
        claim: &Claim,
        commands: &mut CommandSink<'_>,
    ) {
        let version = cx.version();
        let Some(claim_index) = cx.project.claims.iter().position(|c| c.id == claim.id) else {
            return;
        };
        let fresh = matches!(&self.shown, Some((id, v, _)) if id == &claim.id && *v == version);
        if !fresh {
            match self.index(ui.ctx(), cx) {
                Some(index) => {
                    let list = index.suggest(cx.project, claim_index, SHOWN);
                    self.shown = Some((claim.id.clone(), version, list));
                }
                None => {
                    ui.small("Finding similar claims…");
                    return;
                }
            }
        }
        let project = cx.project;
        let list = self.shown_for(&claim.id);
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
            let quote = excerpt(&other.quote.exact, 80);
            ui.horizontal_wrapped(|ui| {
                ui.strong(format!("{}.", n + 1));
                if ui.link(format!("“{quote}”")).on_hover_text("Show it in its document").clicked() {
                    commands.send(AppCommand::SelectClaim(Some(other.id.clone())));
                }
                ui.small(format!("{outlet} · {:.0}%", suggestion.score * 100.0));
                if ui.small_button("Group").on_hover_text(format!("Key {}", n + 1)).clicked() {
                    accept(commands, claim, other);
                }
            });
            ui.small(suggestion.reasons.join(" · "));
        }
    }

    /// Accepts suggestion `n` (0-based) of `claim_id`, as last shown in the inspector;
    /// `false` when there is no such suggestion or the two already share a group.
    pub fn accept_shown(
        &self,
        cx: &ViewContext<'_>,
        claim_id: &ClaimId,
        n: usize,
        commands: &mut CommandSink<'_>,
    ) -> bool {
        // Shown for another version of the project, the list's claim numbers may point
        // at other claims now.
        let current = matches!(&self.shown, Some((_, version, _)) if *version == cx.version());
        let Some(suggestion) = self.shown_for(claim_id).get(n).filter(|_| current) else {
            return false;
        };
        let (Some(claim), Some(other)) =
            (cx.project.claim(claim_id), cx.project.claims.get(suggestion.claim_index))
        else {
            return false;
        };
        accept(commands, claim, other)
    }
}

/// Sends the edit that puts `claim` and `other` into one group: `claim` joins `other`'s
/// group (as the suggestion's reason says), else `other` joins `claim`'s, else both go
/// into a new group named after `claim`'s text. Only the selected claim ever leaves a
/// group: the suggested claim's group stays as it was. `false` when they already share one.
pub fn accept(commands: &mut CommandSink<'_>, claim: &Claim, other: &Claim) -> bool {
    let now = Timestamp::now();
    let with_group = |c: &Claim, group: &GroupId| {
        let mut updated = c.clone();
        updated.group = Some(group.clone());
        updated.modified = now.clone();
        Edit::Claim(RecordEdit::Replace(updated))
    };
    let edit = match (&claim.group, &other.group) {
        (Some(a), Some(b)) if a == b => return false,
        (_, Some(group)) => with_group(claim, group),
        (Some(group), None) => with_group(other, group),
        (None, None) => {
            let name = excerpt(&claim.quote.exact, 80);
            let group =
                ClaimGroup { id: GroupId::new(commands.next_id(prefix::GROUP)), name, notes: String::new() };
            let id = group.id.clone();
            Edit::Batch(vec![
                Edit::Group(Edit::append(group)),
                with_group(claim, &id),
                with_group(other, &id),
            ])
        }
    };
    commands.edit(edit, "Group with a similar claim");
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchor::{CharSpan, QuoteSelector};
    use crate::model::{DocumentId, IdAllocator, LabelId};

    fn claim(id: &str, group: Option<&str>) -> Claim {
        let mut claim = Claim::new(
            ClaimId::new(id),
            DocumentId::new("d"),
            CharSpan::new(0, 4),
            QuoteSelector::capture("Text", CharSpan::new(0, 4)).unwrap(),
            LabelId::new("statistic"),
            LabelId::new("unverified"),
            Timestamp::from_unix(0),
        );
        claim.group = group.map(GroupId::new);
        claim
    }

    /// The claims the edit sent by `accept` changes, with their new groups.
    fn accepted(selected: &Claim, suggested: &Claim) -> Vec<(String, Option<String>)> {
        let mut ids = IdAllocator::default();
        let mut sink = CommandSink::new(&mut ids);
        if !accept(&mut sink, selected, suggested) {
            return Vec::new();
        }
        let Some(AppCommand::Edit { edit, .. }) = sink.into_commands().pop() else { panic!("no edit") };
        let edits = match edit {
            Edit::Batch(edits) => edits,
            edit => vec![edit],
        };
        edits
            .into_iter()
            .filter_map(|e| match e {
                Edit::Claim(RecordEdit::Replace(c)) => {
                    Some((c.id.to_string(), c.group.map(|g| g.to_string())))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_selected_claim_joins_the_suggestions_group_and_nothing_else_moves() {
        let (g1, g2) = (Some("g1"), Some("g2"));
        let own = |s: &str| Some(s.to_owned());
        // Both grouped differently: the selected claim moves, the suggested one stays.
        assert_eq!(accepted(&claim("a", g1), &claim("b", g2)), [("a".to_owned(), own("g2"))]);
        assert_eq!(accepted(&claim("a", None), &claim("b", g2)), [("a".to_owned(), own("g2"))]);
        assert_eq!(accepted(&claim("a", g1), &claim("b", None)), [("b".to_owned(), own("g1"))]);
        // A new group, with a fresh id (`group-1-TAG`) given to both.
        let new = accepted(&claim("a", None), &claim("b", None));
        let group = new[0].1.clone().unwrap();
        assert!(group.starts_with("group-1-"), "{group}");
        assert_eq!(new, [("a".to_owned(), Some(group.clone())), ("b".to_owned(), Some(group))]);
        assert!(accepted(&claim("a", g1), &claim("b", g1)).is_empty());
    }
}
