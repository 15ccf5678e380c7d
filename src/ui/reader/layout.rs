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
}

/// Which way a paragraph's words run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Direction {
    LeftToRight,
    RightToLeft,
}

enum Shape {
    /// egui's own layout, trusted char for char.
    Flow(Arc<Galley>),
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
            let chars = line.chars().count();
            let rows = (chars as f32 / chars_per_row).ceil().max(1.0);
            let height = rows * row_height;
            paragraphs.push(Paragraph {
                chars: char_start..char_start + chars,
                bytes: byte_start..byte_start + line.len(),
                top,
                height,
                shape: None,
            });
            top += height;
            char_start += chars + 1;
            byte_start += line.len() + 1;
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
            if glyphs == char_count { Shape::Flow(galley) } else { self.tokens(ctx, line, &font_id) }
        };
        let height = match &shape {
            Shape::Flow(galley) => galley.size().y.max(self.row_height),
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
        // A char equal to a paragraph's end (its newline or the text end) belongs to it.
        self.paragraphs
            .partition_point(|p| p.chars.end < char_index)
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
            Some(Shape::Flow(galley)) => galley.cursor_from_pos(local.to_vec2()).index.0,
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
            Shape::Flow(galley) => galley.pos_from_cursor(CCursor::new(offset)),
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
                Some(Shape::Flow(galley)) => {
                    let mut row_start = 0;
                    for placed in &galley.rows {
                        let row_chars = placed.row.char_count_excluding_newline().0;
                        let row_end = row_start + row_chars;
                        let (a, b) = (start.max(row_start), end.min(row_end));
                        if a < b {
                            let x0 = placed.pos.x + placed.row.x_offset((a - row_start).into());
                            let x1 = placed.pos.x + placed.row.x_offset((b - row_start).into());
                            let rect = placed.rect();
                            out.push(Rect::from_x_y_ranges(x0..=x1, rect.y_range()).translate(origin));
                        }
                        row_start = row_end;
                    }
                }
                Some(Shape::Tokens(tokens, _)) => {
                    for token in tokens {
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
                Some(Shape::Flow(galley)) => painter.galley(top_left, galley.clone(), color),
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
}
