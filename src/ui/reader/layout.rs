//! Layout of a document text for the reader: one galley per paragraph (a paragraph ends
//! at a newline), laid out lazily as it scrolls into view and kept between frames, with
//! the char ↔ screen mapping the reader needs for hit-testing, carets and highlights.
//!
//! egui 0.37 has no bidirectional text: it shapes a right-to-left run as one piece and
//! its caret positions inside it do not match the chars (see ../shared/EGUI-NOTES.md).
//! Paragraphs with right-to-left letters, and any paragraph whose galley does not have
//! exactly one glyph per char, are therefore laid out here word by word ("tokens"):
//! each token is its own galley (so Arabic letters still join), tokens are placed
//! right to left for a right-to-left paragraph, and a right-to-left token maps to its
//! chars only as a whole. Highlights are painted as rectangles over the text, so adding
//! or changing a claim never re-lays out text.

use crate::text::is_rtl_char;
use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, Context, FontId, Galley, Pos2, Rect, pos2, vec2};
use std::ops::Range;
use std::sync::Arc;

/// What a layout depends on besides the text.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LayoutStyle {
    /// Font size in points.
    pub font_size: f32,
    /// Row height as a multiple of the font's own row height (room for underlines).
    pub line_spacing: f32,
    /// Width to wrap at, in points.
    pub wrap_width: f32,
}

/// A laid-out (or partly laid-out) document text. Coordinates are relative to the top
/// left of the text ("content coordinates").
pub struct TextLayout {
    text: Arc<str>,
    style: LayoutStyle,
    pixels_per_point: f32,
    paragraphs: Vec<Paragraph>,
    row_height: f32,
    char_count: usize,
}

struct Paragraph {
    /// Chars of the paragraph in the text, without its newline.
    chars: Range<usize>,
    /// Bytes of the paragraph in the text, without its newline.
    bytes: Range<usize>,
    top: f32,
    height: f32,
    shape: Option<Shape>,
    /// The next paragraph is the rest of this one's line (a long line in pieces): the
    /// position at this one's end is the next one's start.
    continued: bool,
}

/// Which way a paragraph's words run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    LeftToRight,
    RightToLeft,
}

enum Shape {
    /// egui's own layout, trusted char for char, with the paragraph-relative char at
    /// which each of its rows starts (to find a span's rows without walking them all).
    Flow(Arc<Galley>, Vec<usize>),
    /// Word by word, placed by us.
    Tokens(Vec<Token>, Direction),
}

struct Token {
    /// Chars relative to the paragraph start.
    chars: Range<usize>,
    /// Where the token's galley stands, relative to the paragraph's top left.
    rect: Rect,
    galley: Arc<Galley>,
    /// Right-to-left letters: only the token's two ends are valid positions.
    rtl: bool,
    /// egui's galley has one glyph per char, so inner positions are exact.
    exact: bool,
}

impl TextLayout {
    /// A layout of `text` with every paragraph's height estimated; call
    /// [`TextLayout::ensure_laid_out`] for the part on screen.
    pub fn new(ctx: &Context, text: Arc<str>, style: LayoutStyle) -> TextLayout {
        let font_id = FontId::proportional(style.font_size);
        let row_height = ctx.fonts_mut(|f| f.row_height(&font_id)) * style.line_spacing;
        let average_char_width = style.font_size * 0.5;
        let chars_per_row = (style.wrap_width / average_char_width).max(1.0);
        let mut paragraphs = Vec::new();
        let mut char_start = 0;
        let mut byte_start = 0;
        let mut top = 0.0;
        for line in text.split('\n') {
            // A very long line (a capture with no line breaks) is laid out in pieces, each
            // beginning a row, so that the part on screen is laid out and kept, not the
            // whole line.
            let mut piece_char = char_start;
            let mut piece_byte = byte_start;
            let line_pieces = pieces(line);
            let last = line_pieces.len() - 1;
            for (i, (bytes, chars)) in line_pieces.into_iter().enumerate() {
                let rows = (chars as f32 / chars_per_row).ceil().max(1.0);
                let height = rows * row_height;
                paragraphs.push(Paragraph {
                    chars: piece_char..piece_char + chars,
                    bytes: piece_byte..piece_byte + bytes,
                    top,
                    height,
                    shape: None,
                    continued: i < last,
                });
                top += height;
                piece_char += chars;
                piece_byte += bytes;
            }
            char_start = piece_char + 1;
            byte_start = piece_byte + 1;
        }
        let char_count = char_start.saturating_sub(1);
        TextLayout {
            text,
            style,
            pixels_per_point: ctx.pixels_per_point(),
            paragraphs,
            row_height,
            char_count,
        }
    }

    /// Whether this layout fits `text` and `style` as they are now.
    pub fn fits(&self, ctx: &Context, text: &Arc<str>, style: LayoutStyle) -> bool {
        Arc::ptr_eq(&self.text, text)
            && self.style == style
            && self.pixels_per_point == ctx.pixels_per_point()
    }

    /// The text laid out.
    pub fn text(&self) -> &Arc<str> {
        &self.text
    }

    /// Number of chars in the text.
    pub fn char_count(&self) -> usize {
        self.char_count
    }

    /// Height of one row of text.
    pub fn row_height(&self) -> f32 {
        self.row_height
    }

    /// Height of the whole text (estimated for paragraphs not yet laid out).
    pub fn height(&self) -> f32 {
        self.paragraphs.last().map_or(0.0, |p| p.top + p.height)
    }

    /// Number of paragraphs.
    pub fn paragraph_count(&self) -> usize {
        self.paragraphs.len()
    }

    /// Lays out every paragraph that intersects `y_range` (content coordinates), fixing
    /// the positions of those below when heights differ from their estimates. Returns
    /// whether anything changed.
    pub fn ensure_laid_out(&mut self, ctx: &Context, y_range: Range<f32>) -> bool {
        let first = self.paragraph_index_at(y_range.start);
        let mut changed = false;
        let mut index = first;
        // Laying out changes heights, so walk with fresh tops until past the range.
        while index < self.paragraphs.len() && self.paragraphs[index].top <= y_range.end {
            if self.paragraphs[index].shape.is_none() {
                self.lay_out_paragraph(ctx, index);
                changed = true;
            }
            index += 1;
        }
        changed
    }

    /// Lays out the paragraph holding `char_index` (to scroll to it exactly).
    pub fn ensure_char_laid_out(&mut self, ctx: &Context, char_index: usize) {
        let index = self.paragraph_of_char(char_index);
        if self.paragraphs.get(index).is_some_and(|p| p.shape.is_none()) {
            self.lay_out_paragraph(ctx, index);
        }
    }

    /// Lays out every paragraph (for tests and small texts).
    pub fn lay_out_all(&mut self, ctx: &Context) {
        for index in 0..self.paragraphs.len() {
            if self.paragraphs[index].shape.is_none() {
                self.lay_out_paragraph(ctx, index);
            }
        }
    }

    fn lay_out_paragraph(&mut self, ctx: &Context, index: usize) {
        let paragraph = &self.paragraphs[index];
        let line = &self.text[paragraph.bytes.clone()];
        let char_count = paragraph.chars.len();
        let font_id = FontId::proportional(self.style.font_size);
        let shape = if line.chars().any(is_rtl_char) {
            self.tokens(ctx, line, &font_id)
        } else {
            let galley = ctx.fonts_mut(|f| f.layout_job(self.job(line, &font_id, self.style.wrap_width)));
            let glyphs: usize = galley.rows.iter().map(|r| r.char_count_excluding_newline().0).sum();
            if glyphs == char_count {
                let mut row_starts = Vec::with_capacity(galley.rows.len());
                let mut start = 0;
                for placed in &galley.rows {
                    row_starts.push(start);
                    start += placed.row.char_count_excluding_newline().0;
                }
                Shape::Flow(galley, row_starts)
            } else {
                self.tokens(ctx, line, &font_id)
            }
        };
        let height = match &shape {
            Shape::Flow(galley, _) => galley.size().y.max(self.row_height),
            Shape::Tokens(tokens, _) => tokens.iter().map(|t| t.rect.max.y).fold(self.row_height, f32::max),
        };
        let paragraph = &mut self.paragraphs[index];
        paragraph.shape = Some(shape);
        let delta = height - paragraph.height;
        paragraph.height = height;
        if delta != 0.0 {
            for later in &mut self.paragraphs[index + 1..] {
                later.top += delta;
            }
        }
    }

    fn job(&self, text: &str, font_id: &FontId, wrap_width: f32) -> LayoutJob {
        let format = TextFormat {
            font_id: font_id.clone(),
            color: Color32::PLACEHOLDER,
            line_height: Some(self.row_height),
            valign: egui::Align::Center,
            ..TextFormat::default()
        };
        let mut job = LayoutJob::single_section(text.to_owned(), format);
        job.wrap.max_width = wrap_width;
        job.keep_trailing_whitespace = true;
        job
    }

    /// Word-by-word layout of one paragraph.
    fn tokens(&self, ctx: &Context, line: &str, font_id: &FontId) -> Shape {
        let rtl_paragraph = line.chars().find(|c| c.is_alphabetic()).is_some_and(is_rtl_char);
        let width = self.style.wrap_width.max(self.style.font_size);
        let mut tokens = Vec::new();
        let mut char_start = 0;
        let mut x = 0.0_f32; // distance from the starting edge
        let mut y = 0.0_f32;
        for piece in split_tokens(line) {
            let len = piece.chars().count();
            // Arabic-script digits belong to the Arabic script, so the shaper lays a run of
            // them out right to left like letters, and ۲۰۲۴ would read ۴۲۰۲. Numbers run
            // left to right in right-to-left text (bidi class EN/AN): hand the shaper the
            // digits reversed, so that its reversal puts them back in reading order.
            let shaped: std::borrow::Cow<'_, str> = if is_arabic_number(piece) {
                piece.chars().rev().collect::<String>().into()
            } else {
                piece.into()
            };
            let galley = ctx.fonts_mut(|f| f.layout_job(self.job(&shaped, font_id, f32::INFINITY)));
            let size = vec2(galley.size().x, self.row_height);
            let space = piece.chars().all(char::is_whitespace);
            if !space && x > 0.0 && x + size.x > width {
                x = 0.0;
                y += self.row_height;
            }
            let left = if rtl_paragraph { width - x - size.x } else { x };
            let glyphs: usize = galley.rows.iter().map(|r| r.char_count_excluding_newline().0).sum();
            let rtl = piece.chars().any(is_rtl_char);
            tokens.push(Token {
                chars: char_start..char_start + len,
                rect: Rect::from_min_size(pos2(left, y), size),
                exact: !rtl && glyphs == len,
                rtl,
                galley,
            });
            x += size.x;
            char_start += len;
        }
        let direction = if rtl_paragraph { Direction::RightToLeft } else { Direction::LeftToRight };
        Shape::Tokens(tokens, direction)
    }

    fn paragraph_index_at(&self, y: f32) -> usize {
        self.paragraphs
            .partition_point(|p| p.top + p.height <= y)
            .min(self.paragraphs.len().saturating_sub(1))
    }

    fn paragraph_of_char(&self, char_index: usize) -> usize {
        // A char equal to a paragraph's end (its newline or the text end) belongs to it;
        // the end of a piece of a longer line is the next piece's start.
        self.paragraphs
            .partition_point(|p| p.chars.end < char_index || (p.continued && p.chars.end == char_index))
            .min(self.paragraphs.len().saturating_sub(1))
    }

    /// The char position nearest to `pos` (content coordinates): between chars, so a
    /// value from 0 to the char count. Paragraphs not yet laid out answer their start.
    pub fn char_at(&self, pos: Pos2) -> usize {
        if self.paragraphs.is_empty() {
            return 0;
        }
        if pos.y < 0.0 {
            return 0;
        }
        if pos.y >= self.height() {
            return self.char_count;
        }
        let paragraph = &self.paragraphs[self.paragraph_index_at(pos.y)];
        let local = pos - vec2(0.0, paragraph.top);
        let offset = match &paragraph.shape {
            None => 0,
            Some(Shape::Flow(galley, _)) => galley.cursor_from_pos(local.to_vec2()).index.0,
            Some(Shape::Tokens(tokens, _)) => token_char_at(tokens, local, self.row_height),
        };
        paragraph.chars.start + offset.min(paragraph.chars.len())
    }

    /// The caret rectangle before char `char_index` (content coordinates), if its
    /// paragraph is laid out.
    pub fn caret_rect(&self, char_index: usize) -> Option<Rect> {
        let paragraph = self.paragraphs.get(self.paragraph_of_char(char_index))?;
        let offset = char_index.clamp(paragraph.chars.start, paragraph.chars.end) - paragraph.chars.start;
        let origin = vec2(0.0, paragraph.top);
        let rect = match paragraph.shape.as_ref()? {
            Shape::Flow(galley, _) => galley.pos_from_cursor(CCursor::new(offset)),
            Shape::Tokens(tokens, _) => {
                let token =
                    tokens.iter().find(|t| t.chars.start <= offset && offset < t.chars.end).or(tokens.last());
                match token {
                    None => Rect::from_min_size(Pos2::ZERO, vec2(0.0, self.row_height)),
                    Some(token) => {
                        let x = token_x(token, offset);
                        Rect::from_min_max(pos2(x, token.rect.min.y), pos2(x, token.rect.max.y))
                    }
                }
            }
        };
        Some(rect.translate(origin))
    }

    /// The chars of the screen row that holds the caret position `char_index` (for
    /// Home and End), if its paragraph is laid out. A wrapped row ends before the space
    /// it wraps at, so that End leaves the caret on that row.
    pub fn row_chars(&self, char_index: usize) -> Option<Range<usize>> {
        let paragraph = self.paragraphs.get(self.paragraph_of_char(char_index))?;
        let offset = char_index.clamp(paragraph.chars.start, paragraph.chars.end) - paragraph.chars.start;
        let (start, end) = match paragraph.shape.as_ref()? {
            Shape::Flow(galley, row_starts) => {
                let row = row_starts.partition_point(|&s| s <= offset).saturating_sub(1);
                let start = row_starts.get(row).copied().unwrap_or(0);
                let end = start + galley.rows.get(row).map_or(0, |r| r.row.char_count_excluding_newline().0);
                (start, end)
            }
            Shape::Tokens(tokens, _) => {
                let at = tokens
                    .iter()
                    .position(|t| offset < t.chars.end)
                    .unwrap_or(tokens.len().saturating_sub(1));
                let Some(token) = tokens.get(at) else {
                    return Some(paragraph.chars.clone());
                };
                let same_row = |t: &&Token| (t.rect.min.y - token.rect.min.y).abs() < 0.5;
                let first = tokens[..at].iter().rev().take_while(same_row).count();
                let last = tokens[at..].iter().take_while(same_row).count();
                (tokens[at - first].chars.start, tokens[at + last - 1].chars.end)
            }
        };
        let text = &self.text[paragraph.bytes.clone()];
        // Not the paragraph's last row, and ending in a space: End stops before it.
        let wrapped = end < paragraph.chars.len() || paragraph.continued;
        let trailing_space = wrapped
            && end > start
            && crate::text::char_to_byte(text, end - 1)
                .and_then(|b| text[b..].chars().next())
                .is_some_and(char::is_whitespace);
        let end = if trailing_space { end - 1 } else { end };
        Some(paragraph.chars.start + start..paragraph.chars.start + end)
    }

    /// Appends the rectangles covering chars `span` (content coordinates) to `out`, one
    /// per row piece, for the laid-out paragraphs it touches.
    pub fn span_rects(&self, span: Range<usize>, out: &mut Vec<Rect>) {
        if span.start >= span.end {
            return;
        }
        let first = self.paragraph_of_char(span.start);
        for paragraph in &self.paragraphs[first..] {
            if paragraph.chars.start >= span.end {
                break;
            }
            let start = span.start.max(paragraph.chars.start) - paragraph.chars.start;
            let end = span.end.min(paragraph.chars.end) - paragraph.chars.start;
            if start >= end {
                continue;
            }
            let origin = vec2(0.0, paragraph.top);
            match &paragraph.shape {
                None => {}
                Some(Shape::Flow(galley, row_starts)) => {
                    // Only the rows the span touches: from the row holding its start.
                    let first_row = row_starts.partition_point(|&s| s <= start).saturating_sub(1);
                    for (placed, &row_start) in galley.rows.iter().zip(row_starts).skip(first_row) {
                        if row_start >= end {
                            break;
                        }
                        let row_end = row_start + placed.row.char_count_excluding_newline().0;
                        let (a, b) = (start.max(row_start), end.min(row_end));
                        if a < b {
                            let x0 = placed.pos.x + placed.row.x_offset((a - row_start).into());
                            let x1 = placed.pos.x + placed.row.x_offset((b - row_start).into());
                            let rect = placed.rect();
                            out.push(Rect::from_x_y_ranges(x0..=x1, rect.y_range()).translate(origin));
                        }
                    }
                }
                Some(Shape::Tokens(tokens, _)) => {
                    let first = tokens.partition_point(|t| t.chars.end <= start);
                    for token in tokens[first..].iter().take_while(|t| t.chars.start < end) {
                        let (a, b) = (start.max(token.chars.start), end.min(token.chars.end));
                        if a >= b {
                            continue;
                        }
                        let rect = if token.rtl || !token.exact {
                            token.rect
                        } else {
                            let (x0, x1) = (token_x(token, a), token_x(token, b));
                            Rect::from_x_y_ranges(x0.min(x1)..=x0.max(x1), token.rect.y_range())
                        };
                        out.push(rect.translate(origin));
                    }
                }
            }
        }
    }

    /// Paints the text of the laid-out paragraphs that intersect `clip` (content
    /// coordinates); `origin` is where content coordinates start on screen.
    pub fn paint(&self, painter: &egui::Painter, origin: Pos2, clip: Rect, color: Color32) {
        let first = self.paragraph_index_at(clip.min.y);
        for paragraph in &self.paragraphs[first.min(self.paragraphs.len())..] {
            if paragraph.top > clip.max.y {
                break;
            }
            let top_left = origin + vec2(0.0, paragraph.top);
            match &paragraph.shape {
                None => {}
                Some(Shape::Flow(galley, _)) => painter.galley(top_left, galley.clone(), color),
                Some(Shape::Tokens(tokens, _)) => {
                    for token in tokens {
                        painter.galley(top_left + token.rect.min.to_vec2(), token.galley.clone(), color);
                    }
                }
            }
        }
    }

    /// The range of chars of the paragraphs that intersect `y_range`.
    pub fn chars_in(&self, y_range: Range<f32>) -> Range<usize> {
        if self.paragraphs.is_empty() {
            return 0..0;
        }
        let first = self.paragraph_index_at(y_range.start);
        let last = self.paragraph_index_at(y_range.end);
        self.paragraphs[first].chars.start..self.paragraphs[last].chars.end
    }

    /// Whether the paragraph holding `char_index` runs right to left (so that the arrow
    /// keys can move the way the text looks).
    pub fn is_right_to_left(&self, char_index: usize) -> bool {
        matches!(
            self.paragraphs.get(self.paragraph_of_char(char_index)).and_then(|p| p.shape.as_ref()),
            Some(Shape::Tokens(_, Direction::RightToLeft))
        )
    }

    /// Whether the paragraph holding `char_index` is laid out by tokens.
    pub fn is_token_layout(&self, char_index: usize) -> bool {
        matches!(
            self.paragraphs.get(self.paragraph_of_char(char_index)).and_then(|p| p.shape.as_ref()),
            Some(Shape::Tokens(..))
        )
    }
}

/// x of the caret before paragraph-relative char `offset` in `token`.
fn token_x(token: &Token, offset: usize) -> f32 {
    let inner = offset.clamp(token.chars.start, token.chars.end) - token.chars.start;
    if token.rtl {
        // Right-to-left: the first char stands at the right edge.
        return if inner == 0 { token.rect.max.x } else { token.rect.min.x };
    }
    if !token.exact {
        return if inner == 0 { token.rect.min.x } else { token.rect.max.x };
    }
    token.rect.min.x + token.galley.pos_from_cursor(CCursor::new(inner)).min.x
}

fn token_char_at(tokens: &[Token], pos: Pos2, row_height: f32) -> usize {
    let row_top = (pos.y / row_height).floor() * row_height;
    let on_row = tokens.iter().filter(|t| (t.rect.min.y - row_top).abs() < row_height * 0.5);
    let Some(token) = on_row.min_by(|a, b| distance_x(a.rect, pos.x).total_cmp(&distance_x(b.rect, pos.x)))
    else {
        return tokens.last().map_or(0, |t| t.chars.end);
    };
    if token.rtl || !token.exact {
        // Only the ends are trusted: the visual right end of a right-to-left word is
        // its logical start.
        let right_half = pos.x > token.rect.center().x;
        return if right_half == token.rtl { token.chars.start } else { token.chars.end };
    }
    let local = vec2(pos.x - token.rect.min.x, token.rect.height() * 0.5);
    token.chars.start + token.galley.cursor_from_pos(local).index.0.min(token.chars.len())
}

fn distance_x(rect: Rect, x: f32) -> f32 {
    if x < rect.min.x {
        rect.min.x - x
    } else if x > rect.max.x {
        x - rect.max.x
    } else {
        0.0
    }
}

/// Whether `piece` is a number written with Arabic-script digits (Arabic-Indic or
/// Extended Arabic-Indic), possibly with separators between them.
fn is_arabic_number(piece: &str) -> bool {
    let arabic_digit = |c: char| matches!(c, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}');
    piece.chars().any(arabic_digit)
        && piece
            .chars()
            .all(|c| arabic_digit(c) || matches!(c, '\u{066B}' | '\u{066C}' | ',' | '.' | '/' | ':'))
}

/// Lines up to this many chars are laid out whole.
const PIECE_CHARS: usize = 8_000;
/// A piece of a longer line ends at the first sentence end after this many chars (else
/// at the last space before [`PIECE_CHARS`], else there).
const PIECE_MIN_CHARS: usize = 6_000;

/// The pieces a line is laid out in, as (bytes, chars): the whole line when it is short,
/// otherwise pieces of [`PIECE_MIN_CHARS`] to [`PIECE_CHARS`] chars ending after a
/// sentence (or a space, or a grapheme cluster), so that a piece begins a row where a
/// reader would not mind one. Always at least one piece (an empty line is one).
fn pieces(line: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut rest = line;
    loop {
        match piece_end(rest) {
            None => {
                out.push((rest.len(), rest.chars().count()));
                return out;
            }
            Some((bytes, chars)) => {
                out.push((bytes, chars));
                rest = &rest[bytes..];
            }
        }
    }
}

/// Where the first piece of `line` ends, or `None` when the rest fits in one.
fn piece_end(line: &str) -> Option<(usize, usize)> {
    let mut last_space = None;
    let mut previous = ' ';
    let mut sentence_end = false;
    for (chars, (byte, c)) in line.char_indices().enumerate() {
        if chars == PIECE_CHARS {
            // No sentence end in the window: the last space, else a grapheme boundary.
            if let Some(at) = last_space {
                return Some(at);
            }
            let char_end = crate::text::previous_grapheme_boundary(line, chars + 1).max(1);
            let byte_end = crate::text::char_to_byte(line, char_end).unwrap_or(byte);
            return Some((byte_end, char_end));
        }
        if chars >= PIECE_MIN_CHARS && !c.is_whitespace() && previous.is_whitespace() {
            if sentence_end {
                return Some((byte, chars));
            }
            last_space = Some((byte, chars));
        }
        if !c.is_whitespace() {
            sentence_end = matches!(c, '.' | '!' | '?' | '\u{3002}' | '\u{061F}' | '…');
        }
        previous = c;
    }
    None
}

/// Splits a line into runs of white space and runs of everything else.
fn split_tokens(line: &str) -> impl Iterator<Item = &str> {
    let mut rest = line;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let space = first.is_whitespace();
        let end = rest.find(|c: char| c.is_whitespace() != space).unwrap_or(rest.len());
        let (piece, tail) = rest.split_at(end);
        rest = tail;
        Some(piece)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> Context {
        let ctx = Context::default();
        crate::ui::fonts::install(&ctx);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx
    }

    /// The chars of a galley's visible glyphs from left to right.
    fn visual(galley: &Galley) -> String {
        let mut glyphs: Vec<(f32, char)> = galley
            .rows
            .iter()
            .flat_map(|r| r.row.glyphs.iter().filter(|g| g.advance_width > 0.0).map(|g| (g.pos.x, g.chr)))
            .collect();
        glyphs.sort_by(|a, b| a.0.total_cmp(&b.0));
        glyphs.into_iter().map(|(_, c)| c).collect()
    }

    #[test]
    fn persian_digits_read_left_to_right_in_a_right_to_left_line() {
        let ctx = context();
        let text: Arc<str> = Arc::from("در سال ۲۰۲۴ صادرات ۱۲۳ درصد");
        let style = LayoutStyle { font_size: 16.0, line_spacing: 1.5, wrap_width: 600.0 };
        let mut layout = TextLayout::new(&ctx, text, style);
        layout.lay_out_all(&ctx);
        let Some(Shape::Tokens(tokens, Direction::RightToLeft)) = &layout.paragraphs[0].shape else {
            panic!("a right-to-left token layout");
        };
        let year = tokens.iter().find(|t| t.chars.start == 7).expect("the year's token");
        assert_eq!(visual(&year.galley), "۲۰۲۴", "digits keep their order on screen");
        // The words themselves still come out of the shaper right to left.
        let word = tokens.iter().find(|t| t.chars.start == 0).expect("the first word");
        assert_eq!(visual(&word.galley), "رد");
    }

    #[test]
    fn a_long_line_is_laid_out_in_pieces_that_end_after_a_sentence() {
        let sentence = "Officials said trade rose 40% to $1.2 billion last year. ";
        let line = sentence.repeat(1_000);
        let cut = pieces(&line);
        assert!(cut.len() > 5, "{} pieces", cut.len());
        let mut at = 0;
        for (i, &(bytes, chars)) in cut.iter().enumerate() {
            let piece = &line[at..at + bytes];
            assert_eq!(piece.chars().count(), chars);
            if i + 1 < cut.len() {
                assert!((PIECE_MIN_CHARS..=PIECE_CHARS).contains(&chars), "piece {i}: {chars} chars");
                assert!(piece.ends_with("last year. "), "piece {i} ends after a sentence");
            }
            at += bytes;
        }
        assert_eq!(at, line.len(), "the pieces are the whole line");
        assert_eq!(pieces("short line"), vec![(10, 10)]);
        assert_eq!(pieces(""), vec![(0, 0)]);
    }

    #[test]
    fn a_line_without_spaces_is_cut_between_grapheme_clusters() {
        // "e" + a combining acute accent: two chars, one cluster, over and over.
        let line = "e\u{301}".repeat(10_000);
        let cut = pieces(&line);
        let mut at = 0;
        for &(bytes, chars) in &cut {
            assert_eq!(chars % 2, 0, "a cut between a letter and its accent: {chars}");
            assert!(chars <= PIECE_CHARS);
            at += bytes;
        }
        assert_eq!(at, line.len());
    }

    #[test]
    fn spans_across_pieces_give_the_rectangles_of_every_row_they_cover() {
        let ctx = context();
        let sentence = "Officials said trade rose 40% to $1.2 billion last year. ";
        let text: Arc<str> = Arc::from(sentence.repeat(400));
        let style = LayoutStyle { font_size: 16.0, line_spacing: 1.5, wrap_width: 600.0 };
        let mut layout = TextLayout::new(&ctx, Arc::clone(&text), style);
        layout.lay_out_all(&ctx);
        assert!(layout.paragraph_count() > 1, "a 22,800-char line comes in pieces");
        let boundary = layout.paragraphs[1].chars.start;
        assert_eq!(layout.paragraphs[0].chars.end, boundary, "pieces follow each other");
        // "Officials" at the start of the second piece, and the span from the sentence
        // before it across the boundary.
        let word = boundary..boundary + "Officials".len();
        let mut rects = Vec::new();
        layout.span_rects(word.clone(), &mut rects);
        assert_eq!(rects.len(), 1);
        let caret = layout.caret_rect(word.start).unwrap();
        assert!((rects[0].min.x - caret.min.x).abs() < 0.5 && (rects[0].min.y - caret.min.y).abs() < 0.5);
        assert!(rects[0].min.x < 1.0, "a piece begins a row");
        let across = boundary - "last year. ".len()..boundary + "Officials".len();
        rects.clear();
        layout.span_rects(across, &mut rects);
        assert_eq!(rects.len(), 2, "one row piece on each side: {rects:?}");
        assert!(rects[0].max.y <= rects[1].min.y + 0.5, "the second below the first");
        // A span in the middle of a piece: its rectangles follow its rows.
        let middle = boundary + 3_000..boundary + 3_400;
        rects.clear();
        layout.span_rects(middle.clone(), &mut rects);
        let start = layout.caret_rect(middle.start).unwrap();
        assert!((rects[0].min.x - start.min.x).abs() < 0.5 && (rects[0].min.y - start.min.y).abs() < 0.5);
        assert!(rects.windows(2).all(|w| w[0].min.y < w[1].min.y), "one rectangle a row, top down");
        let covered: f32 = rects.iter().map(Rect::width).sum();
        assert!(covered > 400.0 * 4.0, "400 chars of 16 px text: {covered}");
    }
}
