//! The reader: a document's text with every claim highlighted, where the user selects
//! text with mouse or keyboard and marks claims. It reads the project and sends what the
//! user asked for as [`AppCommand`]s; it never changes the project itself. Its keys are
//! the text commands of [`UiCommand`] (scope [`Scope::Text`]) and the keys of the
//! taxonomy's labels.
//!
//! Claims are painted as fills computed from their kind's colour for the theme
//! ([`super::colours::claim_fill`]) with one underline lane per overlapping claim, so
//! nested and crossing claims stay apart; the selection and search matches have colours
//! no claim has. With the View option "Kind labels" each claim's kind also stands in a
//! small label above its start (as in brat).
//! Text is laid out by [`layout::TextLayout`], which is kept between frames; highlights
//! are recomputed only when the project changes.

pub mod kind_labels;
pub mod lanes;
pub mod layout;
pub mod suggested;

use super::colours::{ReaderColours, claim_fill, text_on};
use super::command::{AppCommand, CommandSink, Scope, UiCommand};
use super::detector::SuggestedClaims;
use super::search::SearchBar;
use super::session::{ReviewLanes, ViewContext};
use super::type_ahead::TypeAhead;
use super::widgets::{claim_summary_ui, label_colour, shortcut_key};
use crate::anchor::{CharSpan, QuoteSelector, claim_span_from_selection};
use crate::detect::Candidate;
use crate::edit::Edit;
use crate::model::{
    Attribution, Claim, ClaimId, Document, GroupId, Label, LabelId, LabelSet, Project, Timestamp,
};
use crate::team::agree::output::name;
use crate::text::{
    char_to_byte, next_grapheme_boundary, next_word_boundary, previous_grapheme_boundary,
    previous_word_boundary, word_at,
};
use egui::{
    Color32, CornerRadius, EventFilter, Id, Key, Modifiers, Pos2, Rect, Sense, Stroke, StrokeKind, Ui, pos2,
    vec2,
};
use layout::{LayoutStyle, TextLayout};
use std::sync::Arc;

/// What the reader shows this frame.
struct ReaderView<'a> {
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
    pub default_kind: LabelId,
    /// Font size of the text.
    pub font_size: f32,
    /// Show each claim's kind as a small label above its start.
    pub kind_labels: bool,
    /// The Reviewers view: two reviewers' claims in lanes, the adjudicated set as fills.
    pub lanes: Option<&'a ReviewLanes>,
    /// The claim detector's suggestions for this document (View > Suggested claims).
    pub suggested: Option<&'a SuggestedClaims>,
}

impl<'a> ReaderView<'a> {
    /// The current document of `cx` with the matches of `search`; `None` without one.
    fn of(cx: &ViewContext<'a>, search: &'a SearchBar) -> Option<ReaderView<'a>> {
        let document = cx.document()?;
        Some(ReaderView {
            project: cx.project,
            document,
            project_version: cx.version(),
            selected_claim: cx.claim_id(),
            selected_group: cx.claim().and_then(|c| c.group.as_ref()),
            search_matches: search.matches_for(&document.id),
            current_match: search.current,
            default_kind: cx.default_kind(),
            font_size: cx.settings.font_size,
            // The lanes take the room above the lines that kind labels use.
            kind_labels: cx.settings.kind_labels && cx.selection.lanes.is_none(),
            lanes: cx.selection.lanes.as_ref(),
            suggested: cx.suggested.filter(|list| list.document == document.id),
        })
    }
}

/// One claim as painted.
#[derive(Clone, Debug)]
struct Highlight {
    claim_index: usize,
    span: CharSpan,
    /// The kind's colour (underlines and kind labels).
    colour: Color32,
    /// The fill behind the text on the light and on the dark theme.
    fills: [Color32; 2],
    lane: usize,
}

/// The reader's state between frames.
#[derive(Default)]
pub struct Reader {
    layout: Option<TextLayout>,
    highlights: Vec<Highlight>,
    /// The longest span among `highlights`, to find those in view by their starts.
    longest_highlight: usize,
    highlights_key: Option<(String, u64, bool)>,
    /// The Reviewers view's lanes, kept between frames.
    lanes: Option<lanes::Lanes>,
    /// The lane bars painted last frame, for tests.
    pub lane_bars_shown: Vec<lanes::ShownBar>,
    /// The suggestions outlined last frame, for tests.
    pub suggestions_shown: Vec<CharSpan>,
    /// Caret position (chars).
    pub caret: usize,
    /// Height of the view last frame (what Page Up and Page Down move by).
    page_height: f32,
    /// Scroll offset of the view last frame.
    view_top: f32,
    /// Page Up or Down: scroll the view by this much with the caret, so that the caret
    /// keeps its place on screen.
    scroll_by: Option<f32>,
    /// A key moved the caret: scroll it into view.
    follow_caret: bool,
    /// Selection anchor: the selection runs between `anchor` and `caret`.
    pub anchor: usize,
    scroll_to: Option<usize>,
    dragging: bool,
    /// Where the current drag started (chars); `None` for Shift+drag, which keeps the
    /// anchor.
    drag_origin: Option<usize>,
    /// Where content coordinates started on screen last frame (for tests).
    pub last_origin: Option<Pos2>,
    /// The reader's widget id, to give it focus.
    pub id: Option<Id>,
    /// Keys typed after Enter in a field that sends the focus back to the text.
    type_ahead: TypeAhead,
    /// The kind labels painted last frame (screen rectangle, text), for tests.
    pub kind_labels_shown: Vec<(Rect, String)>,
    /// The passage bars painted last frame in the margin (screen rectangle, outlet
    /// name), for tests.
    pub passage_bars_shown: Vec<(Rect, String)>,
    atlas: super::fonts::AtlasWatch,
}

/// Width of the margin left of the text where passages from other outlets show; none
/// in a document without passages.
fn gutter(document: &Document) -> f32 {
    if document.passages.is_empty() { 0.0 } else { 24.0 }
}

/// The first shortcut of a command as written in messages ("Ctrl+Shift+O").
fn shortcut_name(command: UiCommand) -> String {
    command.shortcuts().first().map(|s| s.format(&egui::ModifierNames::NAMES, false)).unwrap_or_default()
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

    /// Puts the caret (with an empty selection) at char `char_index` and scrolls to it.
    pub fn place_caret(&mut self, char_index: usize) {
        self.anchor = char_index;
        self.caret = char_index;
        self.scroll_to = Some(char_index);
    }

    /// Scrolls so that char `char_index` is visible.
    pub fn scroll_to(&mut self, char_index: usize) {
        self.scroll_to = Some(char_index);
    }

    /// Holds `keys` (typed after Enter in a field that sends the focus back to the
    /// text) for the next frame in which the text has the focus.
    pub fn hold_keys(&mut self, keys: TypeAhead) {
        self.type_ahead.append(keys);
    }

    /// Forgets the layout and selection (another document is shown), and shows the text
    /// from its top (not where the last document was scrolled to).
    pub fn reset(&mut self) {
        self.reloaded();
        self.scroll_to = Some(0);
    }

    /// Forgets the layout and selection (the project was loaded again: the text may have
    /// changed), and stays where it was scrolled to.
    pub fn reloaded(&mut self) {
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

    /// Shows the current document of `cx` with the matches of `search`; what the user
    /// asks for is sent to `commands`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        cx: &ViewContext<'_>,
        search: &SearchBar,
        commands: &mut CommandSink<'_>,
    ) {
        let Some(view) = ReaderView::of(cx, search) else {
            return;
        };
        let view = &view;
        let text = &view.document.text;
        let ctx = ui.ctx().clone();
        let style = LayoutStyle {
            font_size: view.font_size,
            line_spacing: kind_labels::line_spacing(
                &ctx,
                view.font_size,
                view.kind_labels || view.lanes.is_some(),
            ),
            wrap_width: (ui.available_width() - 24.0 - gutter(view.document)).max(120.0),
        };
        // Glyphs rendered anew (another theme) leave the kept galleys pointing at nothing.
        if self.atlas.rebuilt(&ctx) {
            self.layout = None;
        }
        if !self.layout.as_ref().is_some_and(|l| l.fits(&ctx, text, style)) {
            self.layout = Some(TextLayout::new(&ctx, Arc::clone(text), style));
        }
        self.refresh_highlights(view);
        if let Some(lanes) = view.lanes {
            lanes::Lanes::refresh(&mut self.lanes, view.project, view.document, view.project_version, lanes);
        }
        let char_count = self.layout.as_ref().map_or(0, TextLayout::char_count);
        self.caret = self.caret.min(char_count);
        self.anchor = self.anchor.min(char_count);

        let id = reader_id();
        self.id = Some(id);
        let has_focus = ui.memory(|m| m.has_focus(id));
        if has_focus {
            self.keyboard(ui, view, commands);
        } else {
            // Keys held for the text are typed into whatever has the focus now.
            self.type_ahead.clear();
        }

        let scroll_target = self.scroll_to.take();
        let mut area = egui::ScrollArea::vertical().id_salt("reader-scroll").auto_shrink([false, false]);
        if let Some(step) = self.scroll_by.take() {
            area = area.vertical_scroll_offset((self.view_top + step).max(0.0));
        }
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
            self.page_height = viewport.height();
            self.view_top = viewport.min.y;
            layout.ensure_laid_out(&ctx, (viewport.min.y - margin)..(viewport.max.y + margin));
            let size = vec2(ui.available_width(), layout.height());
            let content = Rect::from_min_size(ui.max_rect().min, size);
            let response = ui.interact(content, id, Sense::click_and_drag());
            ui.allocate_rect(content, Sense::hover());
            // The text starts after the margin where passages show.
            let origin = content.min + vec2(gutter(view.document), 0.0);
            self.last_origin = Some(origin);
            if std::mem::take(&mut self.follow_caret) {
                layout.ensure_char_laid_out(&ctx, self.caret);
                if let Some(rect) = layout.caret_rect(self.caret) {
                    // A row of room above and below, as text editors keep.
                    let room = vec2(0.0, layout.row_height());
                    ui.scroll_to_rect(rect.translate(origin.to_vec2()).expand2(room), None);
                }
            }
            self.pointer(ui, &response, view, origin, viewport, commands);
            (self.kind_labels_shown, self.lane_bars_shown, self.suggestions_shown) =
                self.paint(ui, view, origin, viewport, response.has_focus());
            self.passage_bars_shown = self.paint_passages(ui, view, origin, viewport, commands);
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
        commands: &mut CommandSink<'_>,
    ) {
        let Some(layout) = self.layout.as_ref() else {
            return;
        };
        let to_char = |pos: Pos2| layout.char_at(pos - origin.to_vec2());
        let shift = ui.input(|i| i.modifiers.shift);
        // A reviewer's claim in a lane of the Reviewers view, under the pointer.
        let lane_claim = |pos: Pos2| -> Option<usize> {
            let lanes = self.lanes.as_ref().filter(|_| view.lanes.is_some())?;
            let band = kind_labels::TextBand::new(ui.ctx(), view.font_size, layout.row_height(), true);
            lanes.claim_at(layout, &band, pos - origin.to_vec2()).map(|(_, index)| index)
        };
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
                } else if let Some(index) = lane_claim(pos) {
                    // A lane's claim is selected (the inspector shows it); U or D accepts it.
                    self.anchor = at;
                    self.caret = at;
                    commands.send(AppCommand::SelectClaimInText(Some(view.project.claims[index].id.clone())));
                } else {
                    self.anchor = at;
                    self.caret = at;
                    let under = claims_at(self.highlights_in(at..at + 1), view.project, at);
                    // Repeated clicks on overlapping claims cycle through them.
                    let next = match view.selected_claim.and_then(|s| under.iter().position(|id| id == s)) {
                        Some(i) => under.get((i + 1) % under.len()).cloned(),
                        None => under.first().cloned(),
                    };
                    commands.send(AppCommand::SelectClaimInText(next));
                }
            }
        } else if response.drag_started() {
            response.request_focus();
            // Where the button went down, not where the pointer is once the drag is
            // recognised (a few points later).
            if let Some(pos) = ui.input(|i| i.pointer.press_origin()).or(response.interact_pointer_pos()) {
                let at = to_char(pos);
                // Shift+drag extends the selection from its anchor.
                self.drag_origin = (!shift).then_some(at);
                let exact = ui.input(|i| i.modifiers.alt);
                (self.anchor, self.caret) =
                    drag_selection(layout.text(), self.drag_origin, self.anchor, at, exact);
                self.dragging = true;
            }
        } else if response.dragged()
            && self.dragging
            && let Some(pos) = ui.ctx().pointer_latest_pos()
        {
            {
                let exact = ui.input(|i| i.modifiers.alt);
                (self.anchor, self.caret) =
                    drag_selection(layout.text(), self.drag_origin, self.anchor, to_char(pos), exact);
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
            let in_lane = lane_claim(pos).map(|index| &view.project.claims[index].id);
            if let Some(claim_id) =
                in_lane.or(claims_at(self.highlights_in(at..at + 1), view.project, at).first())
                && let Some(claim) = view.project.claim(claim_id)
            {
                response.clone().on_hover_ui_at_pointer(|ui| claim_summary_ui(ui, view.project, claim));
            }
        }
    }

    /// Acts on the keys of this frame in the order they were pressed. After a key that
    /// sends the focus into a field (a kind's key or Enter marks a claim, G opens the
    /// group picker), the keys typed after it are that field's: they are sent on as
    /// [`AppCommand::TypeAhead`], never read here.
    fn keyboard(&mut self, ui: &mut Ui, view: &ReaderView<'_>, commands: &mut CommandSink<'_>) {
        let Some(text) = self.layout.as_ref().map(|l| Arc::clone(l.text())) else {
            return;
        };
        // Keys typed after Enter in a field that sent the focus back here come first.
        if !self.type_ahead.is_empty() {
            let global = ui.input_mut(|i| {
                self.type_ahead.release(i);
                UiCommand::pressed(i, Scope::Global)
            });
            for command in global {
                commands.run(command);
            }
        }

        let selection = self.selection();
        if ui.input(|i| i.events.iter().any(|e| matches!(e, egui::Event::Copy)))
            && !selection.is_empty()
            && let Some(selected_text) = selection.slice(&text)
        {
            ui.ctx().copy_text(selected_text.to_owned());
        }

        let events = ui.input_mut(|i| std::mem::take(&mut i.events));
        let mut kept = Vec::with_capacity(events.len());
        let mut moved = false;
        let mut events = events.into_iter();
        while let Some(event) = events.next() {
            let egui::Event::Key { key, modifiers, pressed: true, .. } = event else {
                kept.push(event);
                continue;
            };
            match self.key(key, modifiers, view, &text, commands) {
                KeyOutcome::NotMine => kept.push(event),
                KeyOutcome::Done => {}
                KeyOutcome::CaretMoved => moved = true,
                KeyOutcome::FocusLeaves => {
                    let (type_ahead, others) = TypeAhead::typed_after(events.by_ref().collect());
                    kept.extend(others);
                    if !type_ahead.is_empty() {
                        commands.send(AppCommand::TypeAhead(type_ahead));
                    }
                }
            }
        }
        ui.input_mut(|i| i.events = kept);
        if moved {
            self.follow_caret = true;
            self.scroll_to = None;
        }
    }

    /// Acts on one key press: caret movement (Shift extends the selection), the keys of
    /// the taxonomy's labels, and the text commands.
    fn key(
        &mut self,
        key: Key,
        modifiers: Modifiers,
        view: &ReaderView<'_>,
        text: &str,
        commands: &mut CommandSink<'_>,
    ) -> KeyOutcome {
        if matches!(
            key,
            Key::ArrowLeft
                | Key::ArrowRight
                | Key::ArrowUp
                | Key::ArrowDown
                | Key::Home
                | Key::End
                | Key::PageUp
                | Key::PageDown
        ) && !modifiers.alt
            // Ctrl+PgUp/PgDn switch documents (a command).
            && !(matches!(key, Key::PageUp | Key::PageDown) && (modifiers.command || modifiers.ctrl))
        {
            self.move_caret(key, modifiers, text);
            return KeyOutcome::CaretMoved;
        }

        // The keys of the taxonomy's labels: a kind's key marks the selection (or, with
        // no text selected, changes the selected claim's kind); Shift + a verdict's key
        // sets the verdict; Alt + a frame's key adds or removes the frame.
        let taxonomy = &view.project.taxonomy;
        let selection = self.selection();
        // Suggested claims: Tab and Shift+Tab go to them; on the one selected, Enter or a
        // kind's key accepts it, X or Del rejects it. Away from a suggestion Enter and
        // Del keep their ordinary work.
        if let Some(list) = view.suggested {
            let current = list.on(selection).filter(|_| !selection.is_empty());
            if let Some(candidate) = current
                && modifiers.matches_exact(Modifiers::NONE)
                && let Some(label) = label_for_key(&taxonomy.claim_kinds, key)
            {
                if self.list_is_current(view, list, commands) {
                    self.decide(view, list, candidate, Some(label.id.clone()), commands);
                }
                return KeyOutcome::Done;
            }
            if let Some(command) = UiCommand::for_key(key, modifiers, Scope::Suggestions)
                && (current.is_some()
                    || matches!(command, UiCommand::NextSuggestedClaim | UiCommand::PreviousSuggestedClaim))
            {
                self.suggestion_command(command, view, commands);
                return KeyOutcome::Done;
            }
        }
        // In the Reviewers view its own keys come first (Shift+N goes back, it sets no
        // verdict), and a reviewer's claim is their mark: the label keys change only
        // the settled claims.
        if view.lanes.is_some()
            && let Some(command) =
                UiCommand::for_key(key, modifiers, Scope::Text).filter(|c| c.is_adjudication())
        {
            self.run(command, view, commands);
            return KeyOutcome::Done;
        }
        let selected = view.selected_claim.and_then(|id| view.project.claim(id));
        if let Some(mark) = selected.filter(|c| view.lanes.is_some() && !c.adjudicated)
            && selection.is_empty()
            && is_label_key(taxonomy, key, modifiers)
        {
            protected(view.project, mark, commands);
            return KeyOutcome::Done;
        }
        let selected = selected.filter(|c| view.lanes.is_none() || c.adjudicated);
        if modifiers.matches_exact(Modifiers::NONE)
            && (!selection.is_empty() || selected.is_some())
            && let Some(label) = label_for_key(&taxonomy.claim_kinds, key)
        {
            return match selected.filter(|_| selection.is_empty()) {
                Some(claim) => {
                    set_kind(view.project, claim, &label.id, commands);
                    KeyOutcome::Done
                }
                None if self.mark(text, label.id.clone(), commands) => KeyOutcome::FocusLeaves,
                None => KeyOutcome::Done,
            };
        }
        if let Some(claim) = selected {
            if modifiers.matches_exact(Modifiers::SHIFT)
                && let Some(label) = label_for_key(&taxonomy.verdicts, key)
            {
                if claim.verdict != label.id
                    && let Some(edit) =
                        Edit::replace_claim(claim, Timestamp::now(), |c| c.verdict = label.id.clone())
                {
                    commands.edit(edit, "Change verdict");
                    commands.status(format!("Verdict: {}", label.name));
                }
                return KeyOutcome::Done;
            }
            if modifiers.matches_exact(Modifiers::ALT)
                && let Some(label) = label_for_key(&taxonomy.frames, key)
            {
                let added = !claim.frames.contains(&label.id);
                let change = |c: &mut Claim| match added {
                    true => c.frames.push(label.id.clone()),
                    false => c.frames.retain(|f| f != &label.id),
                };
                if let Some(edit) = Edit::replace_claim(claim, Timestamp::now(), change) {
                    let what = if added { "Add frame" } else { "Remove frame" };
                    commands.edit(edit, what);
                    commands.status(format!("{what}: {}", label.name));
                }
                return KeyOutcome::Done;
            }
        }

        match UiCommand::for_key(key, modifiers, Scope::Text) {
            Some(command) if self.run(command, view, commands) => KeyOutcome::FocusLeaves,
            Some(_) => KeyOutcome::Done,
            None => KeyOutcome::NotMine,
        }
    }

    /// Moves the caret for an arrow, Home, End, Page Up or Page Down key; Ctrl moves by
    /// words (arrows) or to the text's ends (Home, End), Shift keeps the selection's
    /// anchor. Home and End go to the ends of the screen row; Page Up and Down move the
    /// caret by the height of the view, which follows it.
    fn move_caret(&mut self, key: Key, modifiers: Modifiers, text: &str) {
        let Some(layout) = self.layout.as_ref() else {
            return;
        };
        let by_word = modifiers.command || modifiers.ctrl;
        self.caret = match key {
            Key::ArrowLeft | Key::ArrowRight => {
                // In a right-to-left paragraph the left arrow moves forward in the text.
                let forward = (key == Key::ArrowRight) != layout.is_right_to_left(self.caret);
                match (forward, by_word) {
                    (true, false) => next_grapheme_boundary(text, self.caret),
                    (false, false) => previous_grapheme_boundary(text, self.caret),
                    (true, true) => next_word_boundary(text, self.caret),
                    (false, true) => previous_word_boundary(text, self.caret),
                }
            }
            Key::ArrowUp | Key::ArrowDown => match layout.caret_rect(self.caret) {
                Some(rect) => {
                    let step = if key == Key::ArrowDown { layout.row_height() } else { -layout.row_height() };
                    layout.char_at(pos2(rect.min.x, rect.center().y + step))
                }
                None => self.caret,
            },
            Key::Home if by_word => 0,
            Key::End if by_word => layout.char_count(),
            Key::Home => {
                layout.row_chars(self.caret).map_or_else(|| text_line_start(text, self.caret), |r| r.start)
            }
            Key::End => {
                layout.row_chars(self.caret).map_or_else(|| text_line_end(text, self.caret), |r| r.end)
            }
            Key::PageUp | Key::PageDown => {
                let page = (self.page_height - layout.row_height()).max(layout.row_height());
                let step = if key == Key::PageDown { page } else { -page };
                self.scroll_by = Some(step);
                match layout.caret_rect(self.caret) {
                    Some(rect) => layout.char_at(pos2(rect.min.x, rect.center().y + step)),
                    None => self.caret,
                }
            }
            _ => self.caret,
        }
        .min(layout.char_count());
        if !modifiers.shift {
            self.anchor = self.caret;
        }
    }

    /// The highlights that may reach into the chars `range` (sorted by start, they are
    /// found by binary search: those starting within the longest span before it, up
    /// to its end).
    fn highlights_in(&self, range: std::ops::Range<usize>) -> &[Highlight] {
        let from = range.start.saturating_sub(self.longest_highlight);
        let first = self.highlights.partition_point(|h| h.span.start < from);
        let last = self.highlights.partition_point(|h| h.span.start < range.end);
        &self.highlights[first..last.max(first)]
    }

    /// The highlights of `view`'s document at its project version (they index the
    /// project's claims, so they must never be used from another version).
    fn refresh_highlights(&mut self, view: &ReaderView<'_>) {
        let key = (view.document.id.to_string(), view.project_version, view.lanes.is_some());
        if self.highlights_key.as_ref() != Some(&key) {
            self.highlights = highlights(view.project, view.document, view.lanes.is_some());
            self.longest_highlight = self.highlights.iter().map(|h| h.span.len()).max().unwrap_or(0);
            self.highlights_key = Some(key);
        }
    }

    /// Runs a text command (from its key, or from the command palette through the app);
    /// `true` when it sends the focus into a field (a mark, the group picker).
    fn run(&mut self, command: UiCommand, view: &ReaderView<'_>, commands: &mut CommandSink<'_>) -> bool {
        // Run by name, after an edit of the same frame, the highlights may be older.
        self.refresh_highlights(view);
        let text = Arc::clone(&view.document.text);
        let selection = self.selection();
        let selected = view.selected_claim.and_then(|id| view.project.claim(id));
        match command {
            UiCommand::MarkClaim => {
                if selection.is_empty() {
                    commands.status("Select some text first, then press Enter or a kind's key to mark it.");
                } else {
                    return self.mark(&text, view.default_kind.clone(), commands);
                }
            }
            UiCommand::SelectAll => {
                self.anchor = 0;
                self.caret = text.chars().count();
            }
            UiCommand::MarkPassage => match claim_span_from_selection(&text, selection) {
                Some(span) => {
                    commands.send(AppCommand::StartPassage(span));
                    return true;
                }
                None => commands.status(format!(
                    "Select the quoted or republished text first, then press {}.",
                    shortcut_name(UiCommand::MarkPassage)
                )),
            },
            UiCommand::PlaceClaim => match selected {
                None => commands.status(
                    "Select a claim first (View > Claims to re-anchor lists those to place), then the words it belongs on.",
                ),
                Some(claim) if claim.document != view.document.id => {
                    commands.status("The selected claim is in another document; Show it there first.")
                }
                Some(claim) => match claim_span_from_selection(&text, selection) {
                    None => commands.status(format!(
                        "Select the words the claim belongs on, then press {}.",
                        shortcut_name(UiCommand::PlaceClaim)
                    )),
                    Some(span) => {
                        let at = crate::model::Timestamp::now();
                        match crate::edit::place_claim(view.project, &claim.id, span, at) {
                            Some(edit) => {
                                commands.edit(edit, "Re-anchor claim");
                                commands.status(format!("{} placed on the selection", claim.id));
                            }
                            None => commands.status("The claim is already there."),
                        }
                    }
                },
            },
            UiCommand::NextClaim | UiCommand::PreviousClaim => {
                let next = command == UiCommand::NextClaim;
                let claims: Vec<&Claim> =
                    self.highlights.iter().map(|h| &view.project.claims[h.claim_index]).collect();
                if claims.is_empty() {
                    return false;
                }
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
                commands.send(AppCommand::SelectClaimInText(Some(claim.id.clone())));
            }
            UiCommand::Deselect => {
                if selection.is_empty() {
                    commands.send(AppCommand::SelectClaimInText(None));
                } else {
                    self.anchor = self.caret;
                }
            }
            UiCommand::NextDisagreement
            | UiCommand::PreviousDisagreement
            | UiCommand::AcceptUpper
            | UiCommand::AcceptLower
            | UiCommand::AcceptAgreed => self.adjudicate(command, view, commands),
            UiCommand::NextSuggestedClaim
            | UiCommand::PreviousSuggestedClaim
            | UiCommand::AcceptSuggestedClaim
            | UiCommand::RejectSuggestedClaim => self.suggestion_command(command, view, commands),
            _ => {
                let Some(claim) = selected else {
                    commands.status(format!("{}: select a claim first (click it, or J / K)", command.name()));
                    return false;
                };
                if view.lanes.is_some() && !claim.adjudicated {
                    protected(view.project, claim, commands);
                    return false;
                }
                self.run_on_claim(command, &text, claim, commands);
                return command == UiCommand::GroupClaim;
            }
        }
        false
    }

    /// Runs a command of the suggested claims: go to the next or previous one, accept or
    /// reject the one selected.
    fn suggestion_command(
        &mut self,
        command: UiCommand,
        view: &ReaderView<'_>,
        commands: &mut CommandSink<'_>,
    ) {
        let Some(list) = view.suggested else {
            commands
                .status(format!("{}: turn on View > Suggested claims (Ctrl+Shift+D) first", command.name()));
            return;
        };
        let selection = self.selection();
        let current = list.on(selection).filter(|_| !selection.is_empty());
        let deciding = matches!(command, UiCommand::AcceptSuggestedClaim | UiCommand::RejectSuggestedClaim);
        if deciding && current.is_some() && !self.list_is_current(view, list, commands) {
            return;
        }
        match (command, current) {
            (UiCommand::NextSuggestedClaim | UiCommand::PreviousSuggestedClaim, _) => {
                let forward = command == UiCommand::NextSuggestedClaim;
                match suggested::step(list, selection, self.caret, forward) {
                    Some(candidate) => self.go_to_suggestion(view, list, candidate, commands),
                    None => commands.status(
                        "No suggestion left in this document at this threshold (the bar above the text sets it)",
                    ),
                }
            }
            (UiCommand::AcceptSuggestedClaim, Some(candidate)) => {
                self.decide(view, list, candidate, None, commands)
            }
            (UiCommand::RejectSuggestedClaim, Some(candidate)) => {
                commands.send(AppCommand::RejectSuggestedClaim {
                    document: view.document.id.clone(),
                    candidate: candidate.clone(),
                });
                self.go_on_after(list, candidate, false);
            }
            _ => commands.status(format!("{}: select a suggestion first (Tab)", command.name())),
        }
    }

    /// Whether `list` was worked out for the project as it is now; an older one (a big
    /// document's, while the new one is worked out) takes no decision, and the status
    /// line says so.
    fn list_is_current(
        &self,
        view: &ReaderView<'_>,
        list: &SuggestedClaims,
        commands: &mut CommandSink<'_>,
    ) -> bool {
        let current = list.version == view.project_version;
        if !current {
            commands.status(
                "The suggestions are being worked out again after the last change: try again in a moment",
            );
        }
        current
    }

    /// Accepts `candidate` as a claim of `kind` (its own kind when `None`, or the kind
    /// Enter marks with when the taxonomy lacks it), and goes on to the next suggestion.
    fn decide(
        &mut self,
        view: &ReaderView<'_>,
        list: &SuggestedClaims,
        candidate: &Candidate,
        kind: Option<LabelId>,
        commands: &mut CommandSink<'_>,
    ) {
        let own = suggested::kind_id(candidate);
        let kind = kind.unwrap_or_else(|| {
            if view.project.taxonomy.contains(LabelSet::ClaimKind, &own) {
                own
            } else {
                view.default_kind.clone()
            }
        });
        commands.send(AppCommand::TakeSuggestedClaim {
            document: view.document.id.clone(),
            candidate: candidate.clone(),
            kind,
        });
        self.go_on_after(list, candidate, true);
    }

    /// After a decision on `decided`: selects the next suggestion it leaves, or puts the
    /// caret after it when none is left.
    fn go_on_after(&mut self, list: &SuggestedClaims, decided: &Candidate, accepted: bool) {
        match suggested::after(list, decided, accepted) {
            Some(next) => {
                self.anchor = next.span.start;
                self.caret = next.span.end;
                self.scroll_to = Some(next.span.start);
            }
            None => {
                self.anchor = decided.span.end;
                self.caret = decided.span.end;
            }
        }
    }

    /// Selects `candidate`'s span (no claim selected) and says what it is.
    fn go_to_suggestion(
        &mut self,
        view: &ReaderView<'_>,
        list: &SuggestedClaims,
        candidate: &Candidate,
        commands: &mut CommandSink<'_>,
    ) {
        self.anchor = candidate.span.start;
        self.caret = candidate.span.end;
        self.scroll_to = Some(candidate.span.start);
        commands.send(AppCommand::SelectClaimInText(None));
        commands.status(suggested::describe(view.project, list, candidate));
    }

    /// Runs a command of the Reviewers view: go to a disagreement, accept a lane's claim
    /// at the caret (or all agreed claims) into the adjudicated set.
    fn adjudicate(&mut self, command: UiCommand, view: &ReaderView<'_>, commands: &mut CommandSink<'_>) {
        let Some(pair) = view.lanes else {
            commands.status(format!("{}: open View > Reviewers (Ctrl+Shift+R) first", command.name()));
            return;
        };
        let project = view.project;
        let lanes =
            lanes::Lanes::refresh(&mut self.lanes, project, view.document, view.project_version, pair);
        let (upper, lower) = (name(project, &pair.upper), name(project, &pair.lower));
        let kind_of = |id: &Option<ClaimId>| {
            id.as_ref()
                .and_then(|id| project.claim(id))
                .map_or("", |c| project.taxonomy.name_of(LabelSet::ClaimKind, &c.kind))
                .to_owned()
        };
        match command {
            UiCommand::NextDisagreement | UiCommand::PreviousDisagreement => {
                let forward = command == UiCommand::NextDisagreement;
                let Some((place, number, count)) =
                    lanes.next_disagreement(project, self.caret, view.selected_claim, forward)
                else {
                    commands.status(format!("{upper} and {lower} agree on every claim of this document."));
                    return;
                };
                let start = place.span.start;
                let settled = if place.settled { " (settled)" } else { "" };
                let what = place.outcome.describe(&upper, &lower);
                let mut keys = Vec::new();
                if place.outcome.a.is_some() {
                    keys.push(format!("U takes {upper}'s ({})", kind_of(&place.outcome.a)));
                }
                if place.outcome.b.is_some() {
                    keys.push(format!("D takes {lower}'s ({})", kind_of(&place.outcome.b)));
                }
                commands.status(format!(
                    "Disagreement {number} of {count}{settled}: {what}. {}",
                    keys.join(", ")
                ));
                let shown = place.outcome.a.clone().or(place.outcome.b.clone());
                (self.anchor, self.caret, self.scroll_to) = (start, start, Some(start));
                commands.send(AppCommand::SelectClaimInText(shown));
            }
            UiCommand::AcceptUpper | UiCommand::AcceptLower => {
                let upper_lane = command == UiCommand::AcceptUpper;
                let Some(place) = lanes.place_at(project, self.caret, view.selected_claim) else {
                    commands.status("No reviewer's claim at the caret: N goes to the next disagreement.");
                    return;
                };
                let (claim, instead_of, other, key) = match upper_lane {
                    true => (&place.outcome.a, &place.outcome.b, &lower, "D"),
                    false => (&place.outcome.b, &place.outcome.a, &upper, "U"),
                };
                match claim {
                    Some(id) => commands
                        .send(AppCommand::Adjudicate { claim: id.clone(), instead_of: instead_of.clone() }),
                    None => commands.status(format!("Only {other} marked it here: {key} takes theirs.")),
                }
            }
            _ => commands.send(AppCommand::AdjudicateAgreed),
        }
    }

    /// Runs a text command that acts on the selected claim.
    fn run_on_claim(
        &mut self,
        command: UiCommand,
        text: &str,
        claim: &Claim,
        commands: &mut CommandSink<'_>,
    ) {
        if let Some(number) = command.suggestion_number() {
            commands.send(AppCommand::AcceptSuggestion { claim: claim.id.clone(), number });
            return;
        }
        // Alt+arrows move the start by a word; Alt+Shift+arrows move the end.
        let mut span = claim.span;
        match command {
            UiCommand::GroupClaim => return commands.send(AppCommand::PickGroup(claim.id.clone())),
            UiCommand::DeleteClaim => return commands.send(AppCommand::DeleteClaim(claim.id.clone())),
            UiCommand::ToggleAttribution => return toggle_attribution(claim, commands),
            UiCommand::MoveEndRight => span.end = next_word_boundary(text, span.end),
            UiCommand::MoveEndLeft => span.end = previous_word_end(text, span.end).max(span.start + 1),
            UiCommand::MoveStartLeft => span.start = previous_word_boundary(text, span.start),
            UiCommand::MoveStartRight => {
                span.start = next_word_start(text, span.start).min(span.end.saturating_sub(1));
            }
            _ => return,
        }
        if let Some(span) = claim_span_from_selection(text, span)
            && span != claim.span
            && let Some(quote) = QuoteSelector::capture(text, span)
            && let Some(edit) = Edit::replace_claim(claim, Timestamp::now(), |c| {
                c.span = span;
                c.quote = quote;
                // Its ends set by hand: a claim waiting to be placed again is placed.
                c.needs_reanchoring = false;
            })
        {
            commands.edit(edit, "Move claim boundary");
        }
    }

    /// Marks the selection (trimmed to whole characters, without surrounding space) as a
    /// claim of `kind`; `true` when the mark was sent.
    fn mark(&mut self, text: &str, kind: LabelId, commands: &mut CommandSink<'_>) -> bool {
        match claim_span_from_selection(text, self.selection()) {
            Some(span) => {
                commands.send(AppCommand::Mark { span, kind });
                self.anchor = span.end;
                self.caret = span.end;
                true
            }
            None => {
                commands.status("Select some text (not only spaces) to mark a claim.");
                false
            }
        }
    }

    /// Runs a text command given by name (the command palette): as if its key had been
    /// pressed in the text.
    pub fn run_command(
        &mut self,
        command: UiCommand,
        cx: &ViewContext<'_>,
        search: &SearchBar,
        commands: &mut CommandSink<'_>,
    ) {
        if let Some(view) = ReaderView::of(cx, search) {
            self.run(command, &view, commands);
        }
    }

    /// Paints a bar in the margin beside each passage from another outlet, with the
    /// outlet's name along it; hovering names the passage, a click selects its text.
    /// Returns the bars painted.
    fn paint_passages(
        &self,
        ui: &Ui,
        view: &ReaderView<'_>,
        origin: Pos2,
        viewport: Rect,
        commands: &mut CommandSink<'_>,
    ) -> Vec<(Rect, String)> {
        let document = view.document;
        let Some(layout) = self.layout.as_ref().filter(|_| !document.passages.is_empty()) else {
            return Vec::new();
        };
        let visible = layout.chars_in(viewport.min.y..viewport.max.y);
        let offset = origin.to_vec2();
        let left = origin.x - gutter(document);
        let mut shown = Vec::new();
        for (i, passage) in document.passages.iter().enumerate() {
            let span = passage.span;
            if span.end <= visible.start || span.start >= visible.end {
                continue;
            }
            let top = match layout.caret_rect(span.start) {
                Some(rect) if span.start >= visible.start => rect.min.y + offset.y,
                _ => viewport.min.y + offset.y,
            };
            let bottom = match layout.caret_rect(span.end) {
                Some(rect) if span.end <= visible.end => rect.max.y + offset.y,
                _ => viewport.max.y + offset.y,
            };
            let outlet = view.project.outlet(&passage.outlet);
            let name = outlet.map_or(passage.outlet.as_str(), |o| o.name.as_str());
            let colour = outlet.map_or(ui.visuals().weak_text_color(), |o| {
                label_colour(view.project, LabelSet::Affiliation, &o.affiliation)
            });
            let area = Rect::from_min_max(
                pos2(left, top),
                pos2(left + gutter(document) - 2.0, bottom.max(top + 4.0)),
            );
            let bar = Rect::from_min_max(pos2(left + 2.0, area.min.y), pos2(left + 5.0, area.max.y));
            let painter = ui.painter();
            painter.rect_filled(bar, 1.0, colour);
            // The name along the bar, reading upwards, as long as the bar allows.
            let font = egui::FontId::proportional(super::fonts::MIN_TEXT_SIZE);
            let strong = ui.visuals().strong_text_color();
            let galley = painter.layout(name.to_owned(), font, strong, f32::INFINITY);
            if galley.size().x + 8.0 <= area.height() {
                let at = pos2(left + 6.0, area.min.y + 4.0 + galley.size().x);
                let text =
                    egui::epaint::TextShape::new(at, galley, strong).with_angle(-std::f32::consts::FRAC_PI_2);
                painter.add(text);
            }
            let response = ui.interact(area, reader_id().with(("passage-bar", i)), Sense::click());
            let via =
                document.outlet.as_ref().and_then(|id| view.project.outlet(id)).map(|o| o.name.as_str());
            let date = passage.published.as_deref().map(|d| format!(", {d}")).unwrap_or_default();
            let tip = format!(
                "Passage from {name}{date}{} (chars {}–{}): its claims count for {name}. Click to select it; edit it in the inspector.",
                via.map(|v| format!(", via {v}")).unwrap_or_default(),
                span.start,
                span.end
            );
            if response.on_hover_text(tip).clicked() {
                commands.send(AppCommand::SelectText(span));
            }
            shown.push((area, name.to_owned()));
        }
        shown
    }

    /// Paints, from the bottom up: claim fills, search matches, the selection, the
    /// underline lanes, the text (again in a contrasting colour over the selection and the
    /// current match), the outlines of the selected claim and its group, the kind labels
    /// and the caret. The colours come from [`crate::ui::colours`]: claim fills in the
    /// theme's band, the selection and the search marks outside it.
    /// Returns the kind labels and the lane bars painted, where they stand.
    fn paint(
        &self,
        ui: &Ui,
        view: &ReaderView<'_>,
        origin: Pos2,
        viewport: Rect,
        focused: bool,
    ) -> (Vec<(Rect, String)>, Vec<lanes::ShownBar>, Vec<CharSpan>) {
        let Some(layout) = self.layout.as_ref() else {
            return (Vec::new(), Vec::new(), Vec::new());
        };
        let painter = ui.painter();
        let visuals = ui.visuals();
        let dark = visuals.dark_mode;
        let marks = ReaderColours::for_theme(dark);
        let text_colour = visuals.strong_text_color();
        let visible = layout.chars_in(viewport.min.y..viewport.max.y);
        let offset = origin.to_vec2();
        // With kind labels the rows are taller; fills and marks keep to the text's band.
        let band = kind_labels::TextBand::new(
            ui.ctx(),
            view.font_size,
            layout.row_height(),
            view.kind_labels || view.lanes.is_some(),
        );
        // Only the claims that reach into view: a frame costs what is on screen, not the
        // claims of the whole text.
        let in_view = self.highlights_in(visible.clone());
        let mut rects = Vec::new();
        let rects_of = |span: CharSpan, rects: &mut Vec<Rect>| {
            rects.clear();
            if span.end > visible.start && span.start < visible.end {
                layout.span_rects(span.start..span.end, rects);
                for rect in rects.iter_mut() {
                    *rect = band.of(*rect);
                }
            }
        };

        // Claim fills: opaque, so that the text on them keeps its contrast; an inner claim
        // is painted over an outer one, and the underline lanes show both.
        for highlight in in_view {
            rects_of(highlight.span, &mut rects);
            let fill = highlight.fills[usize::from(dark)];
            for rect in &rects {
                painter.rect_filled(rect.translate(offset).shrink2(vec2(0.0, 2.0)), 0.0, fill);
            }
            // A claim a text correction left to place again: a warning frame round what
            // replaced its words.
            if view.project.claims.get(highlight.claim_index).is_some_and(|c| c.needs_reanchoring) {
                let stroke = Stroke::new(2.0, visuals.warn_fg_color);
                for rect in &rects {
                    painter.rect_stroke(rect.translate(offset), 2.0, stroke, StrokeKind::Outside);
                }
            }
        }

        // Search matches: outlined, the current one filled; then the selection.
        let mut contrasting_text: Vec<(Rect, Color32)> = Vec::new();
        for (i, span) in view.search_matches.iter().enumerate() {
            rects_of(*span, &mut rects);
            for rect in &rects {
                let rect = rect.translate(offset).shrink2(vec2(0.0, 1.0));
                if Some(i) == view.current_match {
                    painter.rect_filled(rect, 2.0, marks.search);
                    contrasting_text.push((rect, text_on(marks.search)));
                } else {
                    painter.rect_stroke(rect, 2.0, Stroke::new(2.0, marks.search), StrokeKind::Inside);
                }
            }
        }
        let selection = self.selection();
        rects_of(selection, &mut rects);
        for rect in &rects {
            let rect = rect.translate(offset);
            painter.rect_filled(rect, 0.0, marks.selection);
            contrasting_text.push((rect, text_on(marks.selection)));
        }

        // Underline lanes, one per overlapping claim, in the kind's own colour.
        for highlight in in_view {
            rects_of(highlight.span, &mut rects);
            for rect in &rects {
                let rect = rect.translate(offset);
                let y = rect.max.y - 2.0 - highlight.lane as f32 * 3.0;
                painter.hline(rect.x_range(), y, Stroke::new(2.0, highlight.colour));
            }
        }

        // The Reviewers view: each reviewer's claims in a lane above or below the lines.
        let bars = match (view.lanes, &self.lanes) {
            (Some(_), Some(lanes)) => {
                lanes.paint(view.selected_claim, painter, layout, &band, origin, visible.clone())
            }
            _ => Vec::new(),
        };

        // The text is what a reviewer reads for hours: full contrast, not egui's dimmed default.
        layout.paint(painter, origin, viewport.expand(layout.row_height()), text_colour);
        for (rect, colour) in contrasting_text {
            if colour != text_colour {
                let clipped = painter.with_clip_rect(rect.intersect(painter.clip_rect()));
                layout.paint(&clipped, origin, rect.translate(-offset), colour);
            }
        }

        // Outlines: the selected claim, and the members of its group.
        for highlight in in_view {
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

        // The detector's suggestions: dashed, in their kind's colour.
        let suggestions = match view.suggested {
            Some(list) => {
                let canvas =
                    suggested::Canvas { painter, layout, band: &band, origin, visible: visible.clone() };
                suggested::paint(list, view.project, selection, canvas)
            }
            None => Vec::new(),
        };

        let mut labels = kind_labels::Placer::default();
        if view.kind_labels {
            let taxonomy = &view.project.taxonomy;
            for highlight in in_view {
                rects_of(highlight.span, &mut rects);
                // The label stands over the claim's first piece (its start).
                let Some(first) = rects.first() else {
                    continue;
                };
                let kind = &view.project.claims[highlight.claim_index].kind;
                let name = kind_labels::short_name(taxonomy.name_of(LabelSet::ClaimKind, kind));
                let first = first.translate(offset);
                labels.paint(painter, first, band.glyph_top(first) - 1.0, name, highlight.colour);
            }
        }

        if focused && let Some(rect) = layout.caret_rect(self.caret) {
            let rect = band.of(rect).translate(offset);
            painter.vline(rect.min.x, rect.y_range(), Stroke::new(2.0, visuals.text_cursor.stroke.color));
        }
        (labels.into_placed(), bars, suggestions)
    }
}

/// Says why a reviewer's claim is not changed from the keyboard in the Reviewers view.
fn protected(project: &Project, claim: &Claim, commands: &mut CommandSink<'_>) {
    let whose =
        claim.reviewer.as_ref().map_or("This reviewer".to_owned(), |r| format!("{}'s", name(project, r)));
    commands.status(format!(
        "{whose} claim is their mark, which the agreement counts: U or D accepts it into the settled set, where \
         you can change it (or change it in the inspector)"
    ));
}

/// Whether `key` with `modifiers` is the key of a kind, a verdict (Shift) or a frame (Alt).
fn is_label_key(taxonomy: &crate::model::Taxonomy, key: Key, modifiers: Modifiers) -> bool {
    let of = |labels: &[Label], wanted: Modifiers| {
        modifiers.matches_exact(wanted) && label_for_key(labels, key).is_some()
    };
    of(&taxonomy.claim_kinds, Modifiers::NONE)
        || of(&taxonomy.verdicts, Modifiers::SHIFT)
        || of(&taxonomy.frames, Modifiers::ALT)
}

/// Sends the change of `claim`'s kind to `kind`, which Enter then marks with too.
fn set_kind(project: &Project, claim: &Claim, kind: &LabelId, commands: &mut CommandSink<'_>) {
    if let Some(edit) = Edit::replace_claim(claim, Timestamp::now(), |c| c.kind = kind.clone()) {
        commands.edit(edit, "Change kind");
        commands.send(AppCommand::UseKind(kind.clone()));
        commands.status(format!("Kind: {}", project.taxonomy.name_of(LabelSet::ClaimKind, kind)));
    }
}

/// Sends the switch of `claim` between attributed to a speaker and asserted by the outlet.
fn toggle_attribution(claim: &Claim, commands: &mut CommandSink<'_>) {
    let attribution = match claim.attribution {
        Attribution::Asserted => Attribution::Attributed,
        Attribution::Attributed => Attribution::Asserted,
    };
    if let Some(edit) = Edit::replace_claim(claim, Timestamp::now(), |c| c.attribution = attribution) {
        commands.edit(edit, "Change attribution");
        commands.status(attribution.name());
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

/// The label whose shortcut is `key`.
fn label_for_key(labels: &[Label], key: Key) -> Option<&Label> {
    labels.iter().find(|l| l.shortcut.and_then(shortcut_key) == Some(key))
}

/// What a key press did in the text.
enum KeyOutcome {
    /// Not a key of the text: it stays in the input.
    NotMine,
    /// Acted on.
    Done,
    /// Moved the caret (the view follows the caret, not a scroll target).
    CaretMoved,
    /// Acted on, and the focus goes to a field: the keys after it are the field's.
    FocusLeaves,
}

/// The claims of `document` (only the adjudicated set with `settled_only`) with their
/// kind's colours and a lane each for overlaps.
fn highlights(project: &Project, document: &Document, settled_only: bool) -> Vec<Highlight> {
    let mut kind_colours: std::collections::HashMap<&LabelId, (Color32, [Color32; 2])> =
        std::collections::HashMap::new();
    let mut list: Vec<Highlight> = project
        .claims
        .iter()
        .enumerate()
        .filter(|(_, c)| c.document == document.id && (c.adjudicated || !settled_only))
        .map(|(claim_index, claim)| {
            // Fills are computed once per kind, not per claim.
            let (colour, fills) = *kind_colours.entry(&claim.kind).or_insert_with(|| {
                let colour = label_colour(project, LabelSet::ClaimKind, &claim.kind);
                (colour, [claim_fill(colour, false), claim_fill(colour, true)])
            });
            Highlight { claim_index, span: claim.span, colour, fills, lane: 0 }
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

/// The anchor and caret of a drag to char position `pointer` from `origin` (or, for
/// Shift+drag, from the selection's `anchor`): widened to whole words as brat and
/// INCEpTION do, or with `exact` (Alt held) the chars under the pointer.
fn drag_selection(
    text: &str,
    origin: Option<usize>,
    anchor: usize,
    pointer: usize,
    exact: bool,
) -> (usize, usize) {
    match (origin, exact) {
        (Some(origin), true) => (origin, pointer),
        (Some(origin), false) => snap_drag_to_words(text, origin, pointer),
        (None, true) => (anchor, pointer),
        (None, false) => (anchor, snap_drag_to_words(text, anchor, pointer).1),
    }
}

/// The word that char position `char_index` falls inside (not at one of its ends),
/// looked up in the run of text without white space around it (at most
/// [`WORD_WINDOW`] chars each way), so that a drag frame costs a word, not a line that
/// may be the whole text.
fn word_inside(text: &str, char_index: usize) -> Option<CharSpan> {
    let byte = char_to_byte(text, char_index)?;
    let before = &text[..byte];
    let mut window_start = byte;
    for (count, (at, c)) in before.char_indices().rev().enumerate() {
        if c.is_whitespace() || count == WORD_WINDOW {
            break;
        }
        window_start = at;
    }
    let mut window_end = byte;
    for (count, (at, c)) in text[byte..].char_indices().enumerate() {
        if c.is_whitespace() || count == WORD_WINDOW {
            break;
        }
        window_end = byte + at + c.len_utf8();
    }
    let first_char = char_index - text[window_start..byte].chars().count();
    let inside = char_index - first_char;
    crate::text::words(&text[window_start..window_end])
        .into_iter()
        .find(|w| w.start < inside && inside < w.end)
        .map(|w| CharSpan::new(first_char + w.start, first_char + w.end))
}

/// How far [`word_inside`] looks each way for the ends of a word.
const WORD_WINDOW: usize = 256;

/// The anchor and caret of a drag from char position `origin` to `pointer`, each end
/// that falls inside a word moved to the edge of that word away from the other end, so
/// that every word the drag touches is selected whole. Right-to-left words already
/// come whole from the layout, which gives only their ends as positions.
fn snap_drag_to_words(text: &str, origin: usize, pointer: usize) -> (usize, usize) {
    let forward = pointer >= origin;
    let snap = |at: usize, to_start: bool| {
        word_inside(text, at).map_or(at, |word| if to_start { word.start } else { word.end })
    };
    (snap(origin, forward), snap(pointer, !forward))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drag_selects_every_word_it_touches_whole() {
        let text = "Dr. Roxolana Zigon, a co-organizer\nof the forum";
        let at = |needle: &str, offset: usize| text.find(needle).unwrap() + offset; // ASCII: bytes are chars
        let slice =
            |(a, c): (usize, usize)| CharSpan::new(a.min(c), a.max(c)).slice(text).unwrap().to_owned();
        // From inside "Roxolana" to inside "Zigon", either way.
        assert_eq!(slice(snap_drag_to_words(text, at("Roxolana", 3), at("Zigon", 2))), "Roxolana Zigon");
        assert_eq!(slice(snap_drag_to_words(text, at("Zigon", 2), at("Roxolana", 3))), "Roxolana Zigon");
        // Ends between words or at punctuation stay where they are.
        assert_eq!(slice(snap_drag_to_words(text, at("Dr.", 0), at("Zigon,", 6))), "Dr. Roxolana Zigon,");
        // Across a line: each end is looked up in its own line.
        assert_eq!(slice(snap_drag_to_words(text, at("organizer", 2), at("the", 1))), "organizer\nof the");
        // Alt keeps the exact chars; Shift+drag keeps the anchor.
        assert_eq!(slice(drag_selection(text, Some(at("Roxolana", 3)), 0, at("Zigon", 2), true)), "olana Zi");
        assert_eq!(
            slice(drag_selection(text, None, at("Dr.", 0), at("Zigon", 2), false)),
            "Dr. Roxolana Zigon"
        );
    }
}
