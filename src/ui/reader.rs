//! The reader: a document's text with every claim highlighted, where the user selects
//! text with mouse or keyboard and marks claims. It reads the project and reports what
//! the user asked for as [`ReaderAction`]s; it never changes the project itself.
//!
//! Claims are painted as translucent fills in their kind's colour (overlaps blend) with
//! one underline lane per overlapping claim, so nested and crossing claims stay apart.
//! Text is laid out by [`layout::TextLayout`], which is kept between frames; highlights
//! are recomputed only when the project changes.

pub mod layout;

use crate::anchor::{CharSpan, claim_span_from_selection};
use crate::model::{Claim, ClaimId, Document, GroupId, LabelId, LabelSet, Project, parse_colour};
use crate::text::{
    next_grapheme_boundary, next_word_boundary, previous_grapheme_boundary, previous_word_boundary, word_at,
};
use egui::{
    Color32, CornerRadius, EventFilter, Id, Key, Modifiers, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, pos2,
    vec2,
};
use layout::{LayoutStyle, TextLayout};
use std::sync::Arc;

/// What the reader asks the app to do.
#[derive(Clone, Debug, PartialEq)]
pub enum ReaderAction {
    /// Select a claim (or none).
    SelectClaim(Option<ClaimId>),
    /// Mark a new claim on `span` with `kind`.
    Mark {
        /// Chars of the document text.
        span: CharSpan,
        /// Claim kind.
        kind: LabelId,
    },
    /// Delete a claim.
    Delete(ClaimId),
    /// Move a claim's boundaries.
    Resize {
        /// The claim.
        claim: ClaimId,
        /// Its new span.
        span: CharSpan,
    },
    /// Change a claim's kind.
    SetKind {
        /// The claim.
        claim: ClaimId,
        /// The new kind.
        kind: LabelId,
    },
    /// Change a claim's verdict (Shift + the verdict's key).
    SetVerdict {
        /// The claim.
        claim: ClaimId,
        /// The new verdict.
        verdict: LabelId,
    },
    /// Add or remove a frame of a claim (Alt + the frame's key).
    ToggleFrame {
        /// The claim.
        claim: ClaimId,
        /// The frame.
        frame: LabelId,
    },
    /// Group the claim with grouping suggestion `number` (0-based) shown for it (keys 1-5).
    AcceptSuggestion {
        /// The selected claim.
        claim: ClaimId,
        /// Which suggestion, 0-based.
        number: usize,
    },
    /// Open the group picker for a claim (G).
    PickGroup(ClaimId),
    /// Tell the user something in the status line.
    Status(String),
}

/// What the reader shows this frame.
pub struct ReaderView<'a> {
    /// The project.
    pub project: &'a Project,
    /// The document shown.
    pub document: &'a Document,
    /// Changes whenever the project changes (the history's state).
    pub project_version: u64,
    /// The selected claim.
    pub selected_claim: Option<&'a ClaimId>,
    /// The selected claim's group, whose members get a marker too.
    pub selected_group: Option<&'a GroupId>,
    /// Search matches in this document, and which one is current.
    pub search_matches: &'a [CharSpan],
    /// Index into `search_matches` of the current match.
    pub current_match: Option<usize>,
    /// Kind used by Enter.
    pub default_kind: &'a LabelId,
    /// Font size of the text.
    pub font_size: f32,
}

/// One claim as painted.
#[derive(Clone, Debug)]
struct Highlight {
    claim_index: usize,
    span: CharSpan,
    colour: Color32,
    lane: usize,
}

/// The reader's state between frames.
#[derive(Default)]
pub struct Reader {
    layout: Option<TextLayout>,
    highlights: Vec<Highlight>,
    highlights_key: Option<(String, u64)>,
    /// Caret position (chars).
    pub caret: usize,
    /// Selection anchor: the selection runs between `anchor` and `caret`.
    pub anchor: usize,
    scroll_to: Option<usize>,
    dragging: bool,
    /// Where content coordinates started on screen last frame (for tests).
    pub last_origin: Option<Pos2>,
    /// The reader's widget id, to give it focus.
    pub id: Option<Id>,
}

/// Id of the reader widget.
pub fn reader_id() -> Id {
    Id::unique("claimmark-reader")
}

impl Reader {
    /// The current text selection (may be empty).
    pub fn selection(&self) -> CharSpan {
        CharSpan::new(self.anchor.min(self.caret), self.anchor.max(self.caret))
    }

    /// Selects chars `span` and scrolls them into view.
    pub fn select(&mut self, span: CharSpan) {
        self.anchor = span.start;
        self.caret = span.end;
        self.scroll_to = Some(span.start);
    }

    /// Scrolls so that char `char_index` is visible.
    pub fn scroll_to(&mut self, char_index: usize) {
        self.scroll_to = Some(char_index);
    }

    /// Forgets the layout and selection (another document is shown).
    pub fn reset(&mut self) {
        self.layout = None;
        self.highlights_key = None;
        self.caret = 0;
        self.anchor = 0;
        self.dragging = false;
    }

    /// Screen rectangle of the chars `span` as last laid out, one per row piece (for
    /// tests that drag across text, and for scrolling).
    pub fn span_screen_rects(&self, span: CharSpan) -> Vec<Rect> {
        let (Some(layout), Some(origin)) = (&self.layout, self.last_origin) else {
            return Vec::new();
        };
        let mut rects = Vec::new();
        layout.span_rects(span.start..span.end, &mut rects);
        rects.into_iter().map(|r| r.translate(origin.to_vec2())).collect()
    }

    /// Shows the reader; what the user asks for is pushed to `actions`.
    pub fn ui(&mut self, ui: &mut Ui, view: &ReaderView<'_>, actions: &mut Vec<ReaderAction>) {
        let text = &view.document.text;
        let style = LayoutStyle {
            font_size: view.font_size,
            line_spacing: 1.55,
            wrap_width: (ui.available_width() - 24.0).max(120.0),
        };
        let ctx = ui.ctx().clone();
        if !self.layout.as_ref().is_some_and(|l| l.fits(&ctx, text, style)) {
            self.layout = Some(TextLayout::new(&ctx, Arc::clone(text), style));
        }
        let key = (view.document.id.to_string(), view.project_version);
        if self.highlights_key.as_ref() != Some(&key) {
            self.highlights = highlights(view.project, view.document);
            self.highlights_key = Some(key);
        }
        let char_count = self.layout.as_ref().map_or(0, TextLayout::char_count);
        self.caret = self.caret.min(char_count);
        self.anchor = self.anchor.min(char_count);

        let id = reader_id();
        self.id = Some(id);
        let has_focus = ui.memory(|m| m.has_focus(id));
        if has_focus {
            self.keyboard(ui, view, actions);
        }

        let scroll_target = self.scroll_to.take();
        let mut area = egui::ScrollArea::vertical().id_salt("reader-scroll").auto_shrink([false, false]);
        if let (Some(target), Some(layout)) = (scroll_target, self.layout.as_mut()) {
            layout.ensure_char_laid_out(&ctx, target);
            if let Some(rect) = layout.caret_rect(target) {
                let viewport_height = ui.available_height();
                area = area.vertical_scroll_offset((rect.min.y - viewport_height * 0.3).max(0.0));
            }
        }
        area.show_viewport(ui, |ui, viewport| {
            let Some(layout) = self.layout.as_mut() else {
                return;
            };
            // Lay out what is on screen plus a screen's worth around it.
            let margin = viewport.height();
            layout.ensure_laid_out(&ctx, (viewport.min.y - margin)..(viewport.max.y + margin));
            let size = vec2(ui.available_width(), layout.height());
            let content = Rect::from_min_size(ui.max_rect().min, size);
            let response = ui.interact(content, id, Sense::click_and_drag());
            ui.allocate_rect(content, Sense::hover());
            let origin = content.min;
            self.last_origin = Some(origin);
            self.pointer(ui, &response, view, origin, viewport, actions);
            self.paint(ui, view, origin, viewport, response.has_focus());
            if response.has_focus() {
                ui.memory_mut(|m| {
                    m.set_focus_lock_filter(
                        id,
                        EventFilter {
                            tab: true,
                            horizontal_arrows: true,
                            vertical_arrows: true,
                            escape: true,
                        },
                    );
                });
            }
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Document,
                    true,
                    format!("Text of {}", view.document.title),
                )
            });
        });
    }

    fn pointer(
        &mut self,
        ui: &mut Ui,
        response: &egui::Response,
        view: &ReaderView<'_>,
        origin: Pos2,
        viewport: Rect,
        actions: &mut Vec<ReaderAction>,
    ) {
        let Some(layout) = self.layout.as_ref() else {
            return;
        };
        let to_char = |pos: Pos2| layout.char_at(pos - origin.to_vec2());
        let shift = ui.input(|i| i.modifiers.shift);
        if response.double_clicked() {
            if let Some(pos) = response.interact_pointer_pos()
                && let Some(word) = word_at(layout.text(), to_char(pos))
            {
                self.anchor = word.start;
                self.caret = word.end;
            }
        } else if response.clicked() {
            response.request_focus();
            if let Some(pos) = response.interact_pointer_pos() {
                let at = to_char(pos);
                if shift {
                    self.caret = at;
                } else {
                    self.anchor = at;
                    self.caret = at;
                    let under = claims_at(&self.highlights, view.project, at);
                    // Repeated clicks on overlapping claims cycle through them.
                    let next = match view.selected_claim.and_then(|s| under.iter().position(|id| id == s)) {
                        Some(i) => under.get((i + 1) % under.len()).cloned(),
                        None => under.first().cloned(),
                    };
                    actions.push(ReaderAction::SelectClaim(next));
                }
            }
        } else if response.drag_started() {
            response.request_focus();
            // Where the button went down, not where the pointer is once the drag is
            // recognised (a few points later).
            if let Some(pos) = ui.input(|i| i.pointer.press_origin()).or(response.interact_pointer_pos()) {
                let at = to_char(pos);
                if !shift {
                    self.anchor = at;
                }
                self.caret = at;
                self.dragging = true;
            }
        } else if response.dragged()
            && self.dragging
            && let Some(pos) = ui.ctx().pointer_latest_pos()
        {
            {
                self.caret = to_char(pos);
                // Scroll when dragging past the top or bottom edge.
                let screen_viewport = viewport.translate(origin.to_vec2());
                if pos.y < screen_viewport.min.y {
                    ui.scroll_with_delta(vec2(0.0, (screen_viewport.min.y - pos.y).min(40.0)));
                } else if pos.y > screen_viewport.max.y {
                    ui.scroll_with_delta(vec2(0.0, -(pos.y - screen_viewport.max.y).min(40.0)));
                }
            }
        }
        if response.drag_stopped() {
            self.dragging = false;
        }
        if let Some(pos) = response.hover_pos() {
            let at = to_char(pos);
            if let Some(claim_id) = claims_at(&self.highlights, view.project, at).first()
                && let Some(claim) = view.project.claim(claim_id)
            {
                response.clone().on_hover_ui_at_pointer(|ui| claim_summary_ui(ui, view.project, claim));
            }
        }
    }

    fn keyboard(&mut self, ui: &mut Ui, view: &ReaderView<'_>, actions: &mut Vec<ReaderAction>) {
        let Some(layout) = self.layout.as_ref() else {
            return;
        };
        let text = layout.text().clone();
        let count = layout.char_count();
        let mut moved = false;
        let pressed = |ui: &mut Ui, modifiers: Modifiers, key: Key| {
            ui.input_mut(|i| consume_key_exact(i, modifiers, key))
        };

        // Caret movement, with Shift extending the selection. Every press of the frame
        // counts, in order (a held key repeats faster than frames come).
        let navigation: Vec<(Key, Modifiers)> = ui.input_mut(|input| {
            let mut found = Vec::new();
            input.events.retain(|event| match event {
                egui::Event::Key { key, modifiers, pressed: true, .. }
                    if matches!(
                        key,
                        Key::ArrowLeft
                            | Key::ArrowRight
                            | Key::ArrowUp
                            | Key::ArrowDown
                            | Key::Home
                            | Key::End
                    ) && !modifiers.alt =>
                {
                    found.push((*key, *modifiers));
                    false
                }
                _ => true,
            });
            found
        });
        for (key, modifiers) in navigation {
            let by_word = modifiers.command || modifiers.ctrl;
            self.caret = match key {
                Key::ArrowLeft | Key::ArrowRight => {
                    // In a right-to-left paragraph the left arrow moves forward in the text.
                    let forward = (key == Key::ArrowRight) != layout.is_right_to_left(self.caret);
                    match (forward, by_word) {
                        (true, false) => next_grapheme_boundary(&text, self.caret),
                        (false, false) => previous_grapheme_boundary(&text, self.caret),
                        (true, true) => next_word_boundary(&text, self.caret),
                        (false, true) => previous_word_boundary(&text, self.caret),
                    }
                }
                Key::ArrowUp | Key::ArrowDown => match layout.caret_rect(self.caret) {
                    Some(rect) => {
                        let step =
                            if key == Key::ArrowDown { layout.row_height() } else { -layout.row_height() };
                        layout.char_at(pos2(rect.min.x, rect.center().y + step))
                    }
                    None => self.caret,
                },
                Key::Home => text_line_start(&text, self.caret),
                _ => text_line_end(&text, self.caret),
            }
            .min(count);
            if !modifiers.shift {
                self.anchor = self.caret;
            }
            moved = true;
        }
        if pressed(ui, Modifiers::COMMAND, Key::A) {
            self.anchor = 0;
            self.caret = count;
        }
        if moved {
            self.scroll_to = None;
        }

        let selection = self.selection();
        let claims: Vec<&Claim> =
            self.highlights.iter().map(|h| &view.project.claims[h.claim_index]).collect();
        let selected = view.selected_claim.and_then(|id| claims.iter().find(|c| &c.id == id).copied());

        if ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)))
            && !selection.is_empty()
            && let Some(selected_text) = selection.slice(&text)
        {
            ui.ctx().copy_text(selected_text.to_owned());
        }

        // Marking: a kind's key, or Enter for the default kind.
        if !selection.is_empty() {
            let mut kind = None;
            if pressed(ui, Modifiers::NONE, Key::Enter) {
                kind = Some(view.default_kind.clone());
            }
            for label in &view.project.taxonomy.claim_kinds {
                if let Some(key) = label.shortcut.and_then(shortcut_key)
                    && pressed(ui, Modifiers::NONE, key)
                {
                    kind = Some(label.id.clone());
                }
            }
            if let Some(kind) = kind {
                match claim_span_from_selection(&text, selection) {
                    Some(span) => {
                        actions.push(ReaderAction::Mark { span, kind });
                        self.anchor = span.end;
                        self.caret = span.end;
                    }
                    None => actions.push(ReaderAction::Status(
                        "Select some text (not only spaces) to mark a claim.".into(),
                    )),
                }
                return;
            }
        } else if let Some(claim) = selected {
            // With a claim selected and no text selected, a kind's key changes its kind.
            for label in &view.project.taxonomy.claim_kinds {
                if let Some(key) = label.shortcut.and_then(shortcut_key)
                    && pressed(ui, Modifiers::NONE, key)
                    && claim.kind != label.id
                {
                    actions.push(ReaderAction::SetKind { claim: claim.id.clone(), kind: label.id.clone() });
                }
            }
        }

        if let Some(claim) = selected {
            // Shift + a verdict's key sets the verdict; Alt + a frame's key toggles the frame.
            for label in &view.project.taxonomy.verdicts {
                if let Some(key) = label.shortcut.and_then(shortcut_key)
                    && pressed(ui, Modifiers::SHIFT, key)
                {
                    actions.push(ReaderAction::SetVerdict {
                        claim: claim.id.clone(),
                        verdict: label.id.clone(),
                    });
                }
            }
            for label in &view.project.taxonomy.frames {
                if let Some(key) = label.shortcut.and_then(shortcut_key)
                    && pressed(ui, Modifiers::ALT, key)
                {
                    actions
                        .push(ReaderAction::ToggleFrame { claim: claim.id.clone(), frame: label.id.clone() });
                }
            }
            for (number, key) in
                [Key::Num1, Key::Num2, Key::Num3, Key::Num4, Key::Num5].into_iter().enumerate()
            {
                if pressed(ui, Modifiers::NONE, key) {
                    actions.push(ReaderAction::AcceptSuggestion { claim: claim.id.clone(), number });
                }
            }
            if pressed(ui, Modifiers::NONE, Key::G) {
                actions.push(ReaderAction::PickGroup(claim.id.clone()));
                return;
            }
            if pressed(ui, Modifiers::NONE, Key::Delete) || pressed(ui, Modifiers::NONE, Key::Backspace) {
                actions.push(ReaderAction::Delete(claim.id.clone()));
                return;
            }
            // Alt+arrows move the start by a word; Alt+Shift+arrows move the end.
            let mut span = claim.span;
            let mut resized = false;
            // Alt+Shift before Alt: egui ignores an extra Shift when matching.
            if pressed(ui, Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight) {
                span.end = next_word_boundary(&text, span.end);
                resized = true;
            }
            if pressed(ui, Modifiers::ALT | Modifiers::SHIFT, Key::ArrowLeft) {
                span.end = previous_word_end(&text, span.end).max(span.start + 1);
                resized = true;
            }
            if pressed(ui, Modifiers::ALT, Key::ArrowLeft) {
                span.start = previous_word_boundary(&text, span.start);
                resized = true;
            }
            if pressed(ui, Modifiers::ALT, Key::ArrowRight) {
                span.start = next_word_start(&text, span.start).min(span.end.saturating_sub(1));
                resized = true;
            }
            if resized
                && let Some(span) = claim_span_from_selection(&text, span)
                && span != claim.span
            {
                actions.push(ReaderAction::Resize { claim: claim.id.clone(), span });
            }
        }

        // Claim navigation: Tab / Shift+Tab or J / K.
        let previous = pressed(ui, Modifiers::SHIFT, Key::Tab) || pressed(ui, Modifiers::NONE, Key::K);
        let next = pressed(ui, Modifiers::NONE, Key::Tab) || pressed(ui, Modifiers::NONE, Key::J);
        if (next || previous) && !claims.is_empty() {
            let current = selected.and_then(|s| claims.iter().position(|c| c.id == s.id));
            let index = match (current, next) {
                (None, true) => claims.iter().position(|c| c.span.start >= self.caret).unwrap_or(0),
                (None, false) => {
                    claims.iter().rposition(|c| c.span.start < self.caret).unwrap_or(claims.len() - 1)
                }
                (Some(i), true) => (i + 1) % claims.len(),
                (Some(i), false) => (i + claims.len() - 1) % claims.len(),
            };
            let claim = claims[index];
            self.anchor = claim.span.start;
            self.caret = claim.span.start;
            self.scroll_to = Some(claim.span.start);
            actions.push(ReaderAction::SelectClaim(Some(claim.id.clone())));
        }
        if pressed(ui, Modifiers::NONE, Key::Escape) {
            if selection.is_empty() {
                actions.push(ReaderAction::SelectClaim(None));
            } else {
                self.anchor = self.caret;
            }
        }
    }

    fn paint(&self, ui: &Ui, view: &ReaderView<'_>, origin: Pos2, viewport: Rect, focused: bool) {
        let Some(layout) = self.layout.as_ref() else {
            return;
        };
        let painter = ui.painter();
        let visuals = ui.visuals();
        let visible = layout.chars_in(viewport.min.y..viewport.max.y);
        let offset = origin.to_vec2();
        let mut rects = Vec::new();
        let rects_of = |span: CharSpan, rects: &mut Vec<Rect>| {
            rects.clear();
            if span.end > visible.start && span.start < visible.end {
                layout.span_rects(span.start..span.end, rects);
            }
        };

        // Search matches and the text selection, under the claims.
        for (i, span) in view.search_matches.iter().enumerate() {
            rects_of(*span, &mut rects);
            let colour = if Some(i) == view.current_match {
                Color32::from_rgba_unmultiplied(255, 170, 0, 150)
            } else {
                Color32::from_rgba_unmultiplied(255, 220, 0, 90)
            };
            for rect in &rects {
                painter.rect_filled(rect.translate(offset), 2.0, colour);
            }
        }
        let selection = self.selection();
        rects_of(selection, &mut rects);
        for rect in &rects {
            painter.rect_filled(rect.translate(offset), 0.0, visuals.selection.bg_fill.gamma_multiply(0.7));
        }

        // Claim fills (translucent, so overlaps blend) and underline lanes.
        let alpha = if visuals.dark_mode { 70 } else { 55 };
        for highlight in &self.highlights {
            rects_of(highlight.span, &mut rects);
            let [r, g, b, _] = highlight.colour.to_array();
            let fill = Color32::from_rgba_unmultiplied(r, g, b, alpha);
            for rect in &rects {
                let rect = rect.translate(offset);
                painter.rect_filled(rect.shrink2(vec2(0.0, 2.0)), 0.0, fill);
                let y = rect.max.y - 2.0 - highlight.lane as f32 * 3.0;
                painter.hline(rect.x_range(), y, Stroke::new(2.0, highlight.colour));
            }
        }

        // The text is what a reviewer reads for hours: full contrast, not egui's dimmed default.
        layout.paint(painter, origin, viewport.expand(layout.row_height()), visuals.strong_text_color());

        // Outlines: the selected claim, and the members of its group.
        for highlight in &self.highlights {
            let claim = &view.project.claims[highlight.claim_index];
            let selected = Some(&claim.id) == view.selected_claim;
            let in_group =
                !selected && view.selected_group.is_some() && claim.group.as_ref() == view.selected_group;
            if !selected && !in_group {
                continue;
            }
            rects_of(highlight.span, &mut rects);
            let stroke = if selected {
                Stroke::new(2.0, visuals.strong_text_color())
            } else {
                Stroke::new(1.5, visuals.hyperlink_color)
            };
            // Pieces on one row (the words of a right-to-left line) make one outline.
            for rect in merge_rows(&rects) {
                painter.rect_stroke(
                    rect.translate(offset).expand(1.0),
                    CornerRadius::same(3),
                    stroke,
                    StrokeKind::Outside,
                );
            }
        }

        if focused && let Some(rect) = layout.caret_rect(self.caret) {
            let rect = rect.translate(offset);
            painter.vline(rect.min.x, rect.y_range(), Stroke::new(2.0, visuals.text_cursor.stroke.color));
        }
    }
}

/// Joins rectangles that share a row into one (left to right extent of the row).
fn merge_rows(rects: &[Rect]) -> Vec<Rect> {
    let mut merged: Vec<Rect> = Vec::new();
    for rect in rects {
        match merged.iter_mut().find(|m| (m.center().y - rect.center().y).abs() < 1.0) {
            Some(row) => *row = row.union(*rect),
            None => merged.push(*rect),
        }
    }
    merged
}

/// Consumes a press of `key` with exactly `modifiers` (egui's own `consume_key` ignores
/// extra Shift and Alt, which would take Alt+Shift+→ for a plain →).
fn consume_key_exact(input: &mut egui::InputState, modifiers: Modifiers, key: Key) -> bool {
    let mut found = false;
    input.events.retain(|event| {
        let hit = !found
            && matches!(event, egui::Event::Key { key: k, modifiers: m, pressed: true, .. }
                if *k == key && m.matches_exact(modifiers));
        found |= hit;
        !hit
    });
    found
}

/// Paints the claims of `document` in kind colours with lanes for overlaps.
fn highlights(project: &Project, document: &Document) -> Vec<Highlight> {
    let taxonomy = &project.taxonomy;
    let mut list: Vec<Highlight> = project
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.document == document.id)
        .map(|(claim_index, claim)| {
            let colour = taxonomy
                .label(LabelSet::ClaimKind, &claim.kind)
                .and_then(|l| parse_colour(&l.colour))
                .map_or(Color32::GRAY, |[r, g, b]| Color32::from_rgb(r, g, b));
            Highlight { claim_index, span: claim.span, colour, lane: 0 }
        })
        .collect();
    list.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
    let mut lane_ends: Vec<usize> = Vec::new();
    for highlight in &mut list {
        let lane = lane_ends.iter().position(|&end| end <= highlight.span.start).unwrap_or(lane_ends.len());
        if lane == lane_ends.len() {
            lane_ends.push(highlight.span.end);
        } else {
            lane_ends[lane] = highlight.span.end;
        }
        highlight.lane = lane;
    }
    list
}

/// Claims covering char position `at`, shortest first.
fn claims_at(highlights: &[Highlight], project: &Project, at: usize) -> Vec<ClaimId> {
    let mut under: Vec<&Highlight> =
        highlights.iter().filter(|h| h.span.start <= at && at < h.span.end).collect();
    under.sort_by_key(|h| (h.span.len(), h.span.start));
    under.into_iter().map(|h| project.claims[h.claim_index].id.clone()).collect()
}

/// The hover card of a claim.
pub fn claim_summary_ui(ui: &mut Ui, project: &Project, claim: &Claim) {
    let taxonomy = &project.taxonomy;
    ui.strong(taxonomy.name_of(LabelSet::ClaimKind, &claim.kind));
    let claimant = if claim.claimant.is_empty() { "claimant not recorded" } else { claim.claimant.as_str() };
    ui.label(format!("{claimant} · {}", claim.attribution.name()));
    ui.label(format!("Verdict: {}", taxonomy.name_of(LabelSet::Verdict, &claim.verdict)));
    if let Some(group) = claim.group.as_ref().and_then(|g| project.group(g)) {
        ui.label(format!("Group: {}", group.name));
    }
    let mut quote: String = claim.quote.exact.chars().take(160).collect();
    if claim.quote.exact.chars().count() > 160 {
        quote.push('…');
    }
    ui.label(egui::RichText::new(format!("“{quote}”")).italics());
}

/// The egui key for a shortcut char of the taxonomy.
pub fn shortcut_key(c: char) -> Option<Key> {
    Key::from_name(&c.to_ascii_uppercase().to_string())
}

fn next_word_start(text: &str, char_index: usize) -> usize {
    crate::text::words(text).into_iter().map(|w| w.start).find(|&s| s > char_index).unwrap_or(char_index)
}

fn previous_word_end(text: &str, char_index: usize) -> usize {
    crate::text::words(text).into_iter().map(|w| w.end).rfind(|&e| e < char_index).unwrap_or(char_index)
}

fn text_line_start(text: &str, char_index: usize) -> usize {
    let chars: Vec<char> = text.chars().take(char_index).collect();
    chars.iter().rposition(|&c| c == '\n').map_or(0, |p| p + 1)
}

fn text_line_end(text: &str, char_index: usize) -> usize {
    text.chars()
        .skip(char_index)
        .position(|c| c == '\n')
        .map_or_else(|| text.chars().count(), |p| char_index + p)
}
