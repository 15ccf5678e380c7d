//! View → Suggested claims (Ctrl+Shift+D): the claim detector's candidates for the
//! document shown ([`crate::detect::suggestions`]), drawn in the reader as dashed
//! outlines in their kind's colour, and a bar over the text with the score threshold,
//! how they are scored and the keys. In the text, Tab and Shift+Tab select the next and
//! previous suggestion; Enter accepts it (a claim of its kind, origin "suggested"), a
//! kind's key accepts it as that kind, X or Del rejects it (kept in the project, never
//! proposed again). Each decision is one undo step.
//!
//! The app never waits on the detector: the ranker is trained on the project's decisions
//! when the view opens and again each [`RETRAIN_EVERY`] decisions, and the suggestions of
//! a document are worked out when the project, the document, the threshold or the ranker
//! change; both on a thread once the texts are big ([`BACKGROUND_FROM`]), the last
//! results shown meanwhile.

use super::command::{AppCommand, CommandSink, UiCommand};
use super::session::{Settings, ViewContext};
use crate::detect::Candidate;
use crate::detect::rank::Ranker;
use crate::detect::suggestions::{self, decisions};
use crate::model::{DocumentId, LabelId, LabelSet, Project};
use crate::text::CharSpan;
use std::collections::HashSet;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};
use std::time::Duration;

/// The ranker is trained again when this many decisions (claims marked, suggestions
/// rejected) were made, or taken back, since it was last trained.
pub const RETRAIN_EVERY: usize = 5;

/// Texts of more bytes than this are worked on on a thread (training: the texts of the
/// documents it learns from; suggestions: the document's text). The detector reads about
/// 40 MB a second, so below this a frame is not held up.
pub const BACKGROUND_FROM: usize = 256 * 1024;

/// The suggestions shown for one document.
#[derive(Clone, Debug, PartialEq)]
pub struct SuggestedClaims {
    /// The document.
    pub document: DocumentId,
    /// The version of the project they were worked out for ([`crate::edit::History::state`]):
    /// an older list is shown but takes no decision.
    pub version: u64,
    /// Its suggestions, in text order.
    pub candidates: Vec<Candidate>,
}

impl SuggestedClaims {
    /// The suggestion on exactly `span`, if any.
    pub fn on(&self, span: CharSpan) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.span == span)
    }
}

/// What a list was worked out for: the project's version, the document, the threshold
/// (its bits) and the ranker's generation.
type ListKey = (u64, DocumentId, u32, u64);

/// The detector's state in the app.
#[derive(Default)]
pub struct Detector {
    ranker: Option<Arc<Ranker>>,
    /// Bumped with each newly trained ranker.
    generation: u64,
    /// The decisions the current ranker (or the one in training) learned from.
    trained_on: Option<usize>,
    training: Option<(usize, Receiver<Ranker>)>,
    list: Option<(ListKey, Arc<SuggestedClaims>)>,
    listing: Option<(ListKey, Receiver<Vec<Candidate>>)>,
    /// How many times a ranker was trained (shown in the bar, and for tests).
    pub trainings: usize,
    /// The decisions of the project at a version: counted when it changes, not each frame.
    counted: Option<(u64, usize)>,
}

impl Detector {
    /// Brings the ranker and the list of `document` up to date with `project` at
    /// `version`: at once when the texts are small, otherwise by starting (or polling) a
    /// thread.
    pub fn refresh(
        &mut self,
        ctx: &egui::Context,
        project: &Project,
        version: u64,
        document: Option<&DocumentId>,
        min_score: f32,
    ) {
        self.refresh_ranker(ctx, project, version);
        let Some(document) = document.and_then(|id| project.document(id)) else {
            self.list = None;
            return;
        };
        let key: ListKey = (version, document.id.clone(), min_score.to_bits(), self.generation);
        if let Some((k, receiver)) = &self.listing {
            match receiver.try_recv() {
                Ok(candidates) => {
                    let list = SuggestedClaims { document: k.1.clone(), version: k.0, candidates };
                    self.list = Some((k.clone(), Arc::new(list)));
                    self.listing = None;
                }
                Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(50)),
                Err(TryRecvError::Disconnected) => self.listing = None,
            }
        }
        let current = self.list.as_ref().is_some_and(|(k, _)| *k == key);
        let pending = self.listing.as_ref().is_some_and(|(k, _)| *k == key);
        if current || pending || self.listing.is_some() {
            // One thread at a time; the newest key is worked out after it.
            return;
        }
        // A list of another document is not shown meanwhile.
        if self.list.as_ref().is_some_and(|(k, _)| k.1 != document.id) {
            self.list = None;
        }
        let ranker = self.ranker();
        let text = Arc::clone(&document.text);
        let claims: Vec<CharSpan> = project.claims_in(&document.id).map(|c| c.span).collect();
        let rejected: HashSet<CharSpan> =
            project.rejections.iter().filter(|r| r.document == document.id).map(|r| r.span).collect();
        // Only kinds the project's taxonomy has (a desk's own may lack some of the
        // detector's), as `detect --apply` marks them.
        let kinds: HashSet<&'static str> = crate::detect::Kind::ALL
            .iter()
            .map(|k| k.id())
            .filter(|id| project.taxonomy.contains(LabelSet::ClaimKind, &LabelId::new(*id)))
            .collect();
        let work = move || {
            let mut found =
                suggestions::suggestions_in(&text, claims.into_iter(), rejected, &ranker, min_score);
            found.retain(|c| kinds.contains(c.kind.id()));
            found
        };
        if document.text.len() < BACKGROUND_FROM {
            let list = SuggestedClaims { document: document.id.clone(), version, candidates: work() };
            self.list = Some((key, Arc::new(list)));
            return;
        }
        let (sender, receiver) = channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new().name("suggested claims".into()).spawn(move || {
            let _ = sender.send(work());
            repaint.request_repaint();
        });
        if spawned.is_ok() {
            self.listing = Some((key, receiver));
        }
    }

    /// Trains the ranker when there is none or the decisions moved on by
    /// [`RETRAIN_EVERY`], and takes a trained one from its thread.
    fn refresh_ranker(&mut self, ctx: &egui::Context, project: &Project, version: u64) {
        if let Some((count, receiver)) = &self.training {
            match receiver.try_recv() {
                Ok(ranker) => {
                    self.trained_on = Some(*count);
                    self.set_ranker(ranker);
                    self.training = None;
                }
                Err(TryRecvError::Empty) => ctx.request_repaint_after(Duration::from_millis(100)),
                Err(TryRecvError::Disconnected) => self.training = None,
            }
        }
        let now = match self.counted {
            Some((v, count)) if v == version => count,
            _ => {
                let count = decisions(project);
                self.counted = Some((version, count));
                count
            }
        };
        let due = self.trained_on.is_none_or(|count| count.abs_diff(now) >= RETRAIN_EVERY);
        if !due || self.training.is_some() {
            return;
        }
        let learned_from: usize = {
            let marked: HashSet<&DocumentId> = project
                .claims
                .iter()
                .map(|c| &c.document)
                .chain(project.rejections.iter().map(|r| &r.document))
                .collect();
            project.documents.iter().filter(|d| marked.contains(&d.id)).map(|d| d.text.len()).sum()
        };
        if learned_from < BACKGROUND_FROM {
            self.trained_on = Some(now);
            self.set_ranker(suggestions::train(project));
            return;
        }
        let copy = project.clone();
        let (sender, receiver) = channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new().name("detector training".into()).spawn(move || {
            let _ = sender.send(suggestions::train(&copy));
            repaint.request_repaint();
        });
        match spawned {
            Ok(_) => self.training = Some((now, receiver)),
            Err(_) => {
                self.trained_on = Some(now);
                self.set_ranker(suggestions::train(project));
            }
        }
    }

    fn set_ranker(&mut self, ranker: Ranker) {
        self.ranker = Some(Arc::new(ranker));
        self.generation += 1;
        self.trainings += 1;
    }

    /// The ranker in use: the last trained, or the rules' scores until there is one.
    fn ranker(&self) -> Arc<Ranker> {
        self.ranker.clone().unwrap_or_else(|| Arc::new(Ranker::Rules))
    }

    /// The suggestions shown (of the document shown, or of the one before while the
    /// first list of a big document is worked out).
    pub fn shown(&self) -> Option<&SuggestedClaims> {
        self.list.as_ref().map(|(_, list)| list.as_ref())
    }

    /// Whether a ranker or a list is being worked out on a thread.
    pub fn working(&self) -> bool {
        self.training.is_some() || self.listing.is_some()
    }

    /// Forgets everything (another project was opened).
    pub fn reset(&mut self) {
        *self = Detector::default();
    }

    /// The bar over the text: the threshold, how suggestions are scored, the keys.
    pub fn bar_ui(&self, ui: &mut egui::Ui, cx: &ViewContext<'_>, commands: &mut CommandSink<'_>) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_max_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                ui.strong("Suggested claims");
                // Of the document shown (the app passes no list of another).
                match cx.suggested {
                    Some(list) => ui.label(crate::text::count(list.candidates.len(), "suggestion")),
                    None => ui.label("working out…"),
                };
                let label = ui.label("at a score of at least");
                let mut threshold = cx.settings.suggestion_threshold;
                let slider = egui::Slider::new(&mut threshold, 0.0..=1.0).step_by(0.05).fixed_decimals(2);
                let response = ui.add(slider).labelled_by(label.id).on_hover_text(
                    "The chance that a reviewer marks a suggestion, as the ranker judges it: raise it for \
                     fewer, surer suggestions",
                );
                if response.changed() {
                    let settings = Settings { suggestion_threshold: threshold, ..cx.settings.clone() };
                    commands.send(AppCommand::ChangeSettings(settings));
                }
                if ui.button("Close").on_hover_text("Hide the suggestions (Ctrl+Shift+D)").clicked() {
                    commands.run(UiCommand::ToggleSuggestedClaims);
                }
            });
            let scored_by = match self.ranker.as_deref() {
                Some(Ranker::Learned(_)) => format!(
                    "Scored by a ranker trained on this project's {} (retrained every {RETRAIN_EVERY})",
                    crate::text::count(self.trained_on.unwrap_or(0), "decision")
                ),
                _ => "Scored by the rules alone: the ranker learns once the project has 5 claims and 5 \
                      passed or rejected suggestions"
                    .to_owned(),
            };
            ui.small(if self.working() { format!("{scored_by} (updating…)") } else { scored_by });
            ui.small(
                "Tab / Shift+Tab: next / previous suggestion · Enter: accept · a kind's key: accept as that kind \
                 · X or Del: reject (never proposed again) · Ctrl+Z: undo",
            );
            ui.horizontal_wrapped(|ui| {
                let label = ui.label("You decide as:");
                let mut name = cx.settings.reviewer.clone();
                let field = egui::TextEdit::singleline(&mut name).hint_text("your name").desired_width(120.0);
                if ui.add(field).labelled_by(label.id).changed() {
                    commands.send(AppCommand::ChangeSettings(Settings { reviewer: name, ..cx.settings.clone() }));
                }
                if cx.settings.reviewer.trim().is_empty() {
                    ui.colored_label(ui.visuals().warn_fg_color, "no name: what you accept and reject records no one");
                }
            });
        });
    }
}
