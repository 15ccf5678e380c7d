//! The Reviewers view's lanes in the reader: the upper reviewer's claims as bars above
//! each line of text, the lower reviewer's below it, in their kinds' colours; where the
//! two agree the bars are thin, where they disagree (only one marked it; different span,
//! kind or verdict) thick, and a place not yet settled is outlined with a dashed line.
//! The text's own fills are then the adjudicated set, the version being settled.
//!
//! Worked out once per version of the project, document and pair of reviewers
//! ([`crate::team::adjudicate::places`]); painting and hit-testing look only at what is
//! in view.

use super::kind_labels::TextBand;
use super::layout::TextLayout;
use crate::anchor::CharSpan;
use crate::model::{ClaimId, Document, LabelSet, Project};
use crate::team::adjudicate::{self, Place};
use crate::ui::session::ReviewLanes;
use crate::ui::widgets::label_colour;
use egui::{Color32, Painter, Pos2, Rect, Stroke, vec2};

/// One reviewer's claim in a lane.
#[derive(Clone, Debug)]
struct LaneMark {
    claim_index: usize,
    id: ClaimId,
    span: CharSpan,
    colour: Color32,
    /// Its place is a disagreement.
    disagrees: bool,
}

/// Which lane.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lane {
    /// Above the line: the first reviewer of [`ReviewLanes`].
    Upper,
    /// Below the line.
    Lower,
}

/// The lanes of one document for one version of the project and one pair of reviewers.
pub struct Lanes {
    key: (String, u64, ReviewLanes),
    /// Every place either reviewer marked something, in text order.
    pub places: Vec<Place>,
    /// The upper and the lower lane's marks, by start.
    marks: [Vec<LaneMark>; 2],
    longest: usize,
    /// The longest place, to find those in view by their starts.
    longest_place: usize,
}

/// A lane bar as painted this frame, for tests: where, which lane, whose claim.
#[derive(Clone, Debug, PartialEq)]
pub struct ShownBar {
    /// On screen.
    pub rect: Rect,
    /// Which lane.
    pub lane: Lane,
    /// The reviewer's claim.
    pub claim: ClaimId,
    /// Thick: its place is a disagreement.
    pub disagrees: bool,
    /// Outlined: the selected claim.
    pub selected: bool,
}

impl Lanes {
    /// The lanes of `document` for `lanes` at `version`, kept in `kept` when they are
    /// still those.
    pub fn refresh<'a>(
        kept: &'a mut Option<Lanes>,
        project: &Project,
        document: &Document,
        version: u64,
        lanes: &ReviewLanes,
    ) -> &'a Lanes {
        let key = (document.id.to_string(), version, lanes.clone());
        if kept.as_ref().is_none_or(|l| l.key != key) {
            *kept = Some(Lanes::new(project, document, key));
        }
        kept.as_ref().expect("just set")
    }

    fn new(project: &Project, document: &Document, key: (String, u64, ReviewLanes)) -> Lanes {
        let places = adjudicate::places(project, &document.id, &key.2.upper, &key.2.lower);
        let positions: std::collections::HashMap<&ClaimId, usize> = project
            .claims
            .iter()
            .enumerate()
            .filter(|(_, c)| c.document == document.id)
            .map(|(i, c)| (&c.id, i))
            .collect();
        let mut marks: [Vec<LaneMark>; 2] = [Vec::new(), Vec::new()];
        for place in &places {
            let disagrees = !place.outcome.agrees();
            for (lane, id) in [(0, &place.outcome.a), (1, &place.outcome.b)] {
                if let Some(&claim_index) = id.as_ref().and_then(|id| positions.get(id)) {
                    let claim = &project.claims[claim_index];
                    let colour = label_colour(project, LabelSet::ClaimKind, &claim.kind);
                    let id = claim.id.clone();
                    marks[lane].push(LaneMark { claim_index, id, span: claim.span, colour, disagrees });
                }
            }
        }
        for lane in &mut marks {
            lane.sort_by_key(|m| m.span.start);
        }
        let longest = marks.iter().flatten().map(|m| m.span.len()).max().unwrap_or(0);
        let longest_place = places.iter().map(|p| p.span.len()).max().unwrap_or(0);
        Lanes { key, places, marks, longest, longest_place }
    }

    /// The marks of `lane` that may reach into the chars `range`.
    fn marks_in(&self, lane: Lane, range: std::ops::Range<usize>) -> &[LaneMark] {
        let marks = &self.marks[lane as usize];
        let from = range.start.saturating_sub(self.longest);
        let first = marks.partition_point(|m| m.span.start < from);
        let last = marks.partition_point(|m| m.span.start < range.end);
        &marks[first..last.max(first)]
    }

    /// The place at the caret: the one holding the `selected` claim when that claim is
    /// of this document and holds the caret (a reviewer's claim, or the settled claim
    /// just accepted), or else the shortest place whose span holds `caret` (its end
    /// included).
    pub fn place_at(&self, project: &Project, caret: usize, selected: Option<&ClaimId>) -> Option<&Place> {
        let selected = selected
            .and_then(|id| project.claim(id))
            .filter(|c| c.document.as_str() == self.key.0 && c.span.start <= caret && caret <= c.span.end);
        if let Some(claim) = selected {
            let holds = |p: &&Place| {
                p.outcome.a.as_ref() == Some(&claim.id) || p.outcome.b.as_ref() == Some(&claim.id)
            };
            if let Some(place) = self.places.iter().find(holds) {
                return Some(place);
            }
        }
        let at = selected.map_or(caret, |c| c.span.start);
        self.places.iter().filter(|p| p.span.start <= at && at <= p.span.end).min_by_key(|p| p.span.len())
    }

    /// The next (or previous) disagreement from the one at the caret (`current`, the
    /// place of the selected claim), or after (before) char `caret`, going round the end
    /// of the text; with its number among the disagreements (1-based) and their count.
    pub fn next_disagreement(
        &self,
        project: &Project,
        caret: usize,
        selected: Option<&ClaimId>,
        forward: bool,
    ) -> Option<(&Place, usize, usize)> {
        let disagreements: Vec<&Place> = self.places.iter().filter(|p| !p.outcome.agrees()).collect();
        let count = disagreements.len();
        let current = self
            .place_at(project, caret, selected)
            .filter(|_| selected.is_some())
            .and_then(|place| disagreements.iter().position(|p| std::ptr::eq(*p, place)));
        let index = match (current, forward) {
            (Some(i), true) => (i + 1) % count,
            (Some(i), false) => (i + count - 1) % count,
            (None, true) => disagreements.iter().position(|p| p.span.start > caret).unwrap_or(0),
            (None, false) => {
                disagreements.iter().rposition(|p| p.span.start < caret).unwrap_or(count.checked_sub(1)?)
            }
        };
        disagreements.get(index).map(|p| (*p, index + 1, count))
    }

    /// The reviewer's claim under `pos` (content coordinates) in a lane: above the
    /// band of text of its row for the upper lane, below it for the lower.
    pub fn claim_at(&self, layout: &TextLayout, band: &TextBand, pos: Pos2) -> Option<(Lane, usize)> {
        let at = layout.char_at(pos);
        let row = band.of(layout.caret_rect(at)?);
        let lane = if pos.y < row.min.y {
            Lane::Upper
        } else if pos.y > row.max.y {
            Lane::Lower
        } else {
            return None;
        };
        let mut rects = Vec::new();
        self.marks_in(lane, at.saturating_sub(1)..at + 2)
            .iter()
            .filter(|m| {
                rects.clear();
                layout.span_rects(m.span.start..m.span.end, &mut rects);
                rects.iter().any(|r| r.x_range().contains(pos.x) && r.y_range().contains(pos.y))
            })
            .min_by_key(|m| m.span.len())
            .map(|m| (lane, m.claim_index))
    }

    /// Paints the lanes of the chars `visible` (the bars of the `selected` claim
    /// outlined) and the dashed outline of each place not yet settled where the
    /// reviewers disagree; returns the bars painted.
    pub fn paint(
        &self,
        selected: Option<&ClaimId>,
        painter: &Painter,
        layout: &TextLayout,
        band: &TextBand,
        origin: Pos2,
        visible: std::ops::Range<usize>,
    ) -> Vec<ShownBar> {
        let visuals = &painter.ctx().global_style().visuals;
        let (warn, outline) = (visuals.warn_fg_color, visuals.strong_text_color());
        let offset = origin.to_vec2();
        let mut rects = Vec::new();
        let mut shown = Vec::new();
        for lane in [Lane::Upper, Lane::Lower] {
            for mark in self.marks_in(lane, visible.clone()) {
                rects.clear();
                layout.span_rects(mark.span.start..mark.span.end, &mut rects);
                let thickness = if mark.disagrees { 4.0 } else { 2.0 };
                for rect in &rects {
                    let text = band.of(*rect).translate(offset);
                    let (top, bottom) = match lane {
                        Lane::Upper => (text.min.y - 2.0 - thickness, text.min.y - 2.0),
                        Lane::Lower => (text.max.y + 2.0, text.max.y + 2.0 + thickness),
                    };
                    let bar = Rect::from_x_y_ranges(text.x_range().shrink(0.5), top..=bottom);
                    painter.rect_filled(bar, 1.0, mark.colour);
                    let chosen = selected == Some(&mark.id);
                    if chosen {
                        painter.rect_stroke(
                            bar.expand(1.5),
                            2.0,
                            Stroke::new(1.5, outline),
                            egui::StrokeKind::Outside,
                        );
                    }
                    shown.push(ShownBar {
                        rect: bar,
                        lane,
                        claim: mark.id.clone(),
                        disagrees: mark.disagrees,
                        selected: chosen,
                    });
                }
            }
        }
        let from = visible.start.saturating_sub(self.longest_place);
        for place in self.places.iter().skip_while(|p| p.span.start < from) {
            if place.span.start >= visible.end {
                break;
            }
            if place.settled || place.outcome.agrees() || place.span.end <= visible.start {
                continue;
            }
            rects.clear();
            layout.span_rects(place.span.start..place.span.end, &mut rects);
            for rect in &rects {
                let rect = band.of(*rect).translate(offset).expand2(vec2(1.0, 0.0));
                super::suggested::dashed_box(painter, rect, Stroke::new(1.5, warn));
            }
        }
        shown
    }
}
