//! The claim detector's suggestions in the reader (View → Suggested claims): dashed
//! outlines in each kind's colour, and which one Tab and Shift+Tab go to.

use super::kind_labels::TextBand;
use super::layout::TextLayout;
use crate::detect::Candidate;
use crate::model::{LabelId, LabelSet, Project};
use crate::text::CharSpan;
use crate::ui::detector::SuggestedClaims;
use crate::ui::widgets::label_colour;
use egui::{Painter, Pos2, Rect, Shape, Stroke, vec2};

/// The suggestion Tab (`forward`) or Shift+Tab goes to: after (before) the one on
/// `selection`, or else the first starting at or after (before) the caret; round the
/// end of the text to the other end. `None` when there are none.
pub fn step(list: &SuggestedClaims, selection: CharSpan, caret: usize, forward: bool) -> Option<&Candidate> {
    let all = &list.candidates;
    let key = |c: &Candidate| (c.span.start, c.span.end);
    let found = match (list.on(selection).filter(|_| !selection.is_empty()), forward) {
        (Some(current), true) => all.iter().find(|c| key(c) > key(current)),
        (Some(current), false) => all.iter().rev().find(|c| key(c) < key(current)),
        (None, true) => all.iter().find(|c| c.span.start >= caret),
        (None, false) => all.iter().rev().find(|c| c.span.start < caret),
    };
    found.or(if forward { all.first() } else { all.last() })
}

/// After a decision on `decided`, the suggestion to go on with: the next one in the text
/// that the decision leaves (an accepted one takes those overlapping it along).
pub fn after<'l>(list: &'l SuggestedClaims, decided: &Candidate, accepted: bool) -> Option<&'l Candidate> {
    let key = (decided.span.start, decided.span.end);
    list.candidates
        .iter()
        .filter(|c| c.span != decided.span && !(accepted && c.span.overlaps(&decided.span)))
        .find(|c| (c.span.start, c.span.end) > key)
}

/// The status line for a suggestion: its place in the list, kind, score and reason.
pub fn describe(project: &Project, list: &SuggestedClaims, candidate: &Candidate) -> String {
    let number = list.candidates.iter().position(|c| c.span == candidate.span).map_or(0, |i| i + 1);
    let kind = project.taxonomy.name_of(LabelSet::ClaimKind, &kind_id(candidate)).to_owned();
    let claimant = candidate.claimant.as_ref().map(|who| format!("; claimant: {who}")).unwrap_or_default();
    format!(
        "Suggestion {number} of {}: {kind} {:.2}, {}{claimant} · Enter accepts, X rejects",
        list.candidates.len(),
        candidate.score,
        candidate.reason
    )
}

/// The claim kind a suggestion proposes.
pub fn kind_id(candidate: &Candidate) -> LabelId {
    LabelId::new(candidate.kind.id())
}

/// Where the reader paints this frame.
pub struct Canvas<'a> {
    /// The painter of the text.
    pub painter: &'a Painter,
    /// The laid-out text.
    pub layout: &'a TextLayout,
    /// The text's band of each row.
    pub band: &'a TextBand,
    /// Where content coordinates start on screen.
    pub origin: Pos2,
    /// The chars in view.
    pub visible: std::ops::Range<usize>,
}

/// Paints the dashed outline of each suggestion in view, the one on `selection`
/// thicker; returns the spans outlined.
pub fn paint(
    list: &SuggestedClaims,
    project: &Project,
    selection: CharSpan,
    canvas: Canvas<'_>,
) -> Vec<CharSpan> {
    let Canvas { painter, layout, band, origin, visible } = canvas;
    let mut shown = Vec::new();
    let mut rects = Vec::new();
    for candidate in &list.candidates {
        let span = candidate.span;
        if span.end <= visible.start || span.start >= visible.end {
            continue;
        }
        rects.clear();
        layout.span_rects(span.start..span.end, &mut rects);
        let colour = label_colour(project, LabelSet::ClaimKind, &kind_id(candidate));
        let width = if span == selection { 2.5 } else { 1.5 };
        for rect in super::merge_rows(&rects) {
            let rect = band.of(rect).translate(origin.to_vec2()).expand2(vec2(2.0, 1.0));
            dashed_box(painter, rect, Stroke::new(width, colour));
        }
        shown.push(span);
    }
    shown
}

/// A rectangle outlined with a dashed line.
pub fn dashed_box(painter: &Painter, rect: Rect, stroke: Stroke) {
    let corners = [rect.left_top(), rect.right_top(), rect.right_bottom(), rect.left_bottom()];
    let outline = [corners.as_slice(), &[corners[0]]].concat();
    painter.extend(Shape::dashed_line(&outline, stroke, 4.0, 3.0));
}
