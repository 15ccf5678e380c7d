//! Kind labels over claims (View → Kind labels), as brat shows them: a small label in the
//! kind's colour above the start of each claim. Rows grow to make room above the text,
//! and fills, marks and the caret keep to the text's own band of the row
//! ([`TextBand`]), so that a label never covers the text or another claim's fill.
//!
//! It only measures and paints; what the labels say comes from the reader.

use crate::ui::colours::text_on;
use egui::{Color32, Context, FontId, Painter, Rect, pos2, vec2};

/// Size of a label's text: the smallest text of the app (see `ui/fonts.rs`).
pub const LABEL_FONT_SIZE: f32 = 12.0;

/// The reader's row height as a multiple of the font's row height, without labels:
/// room for the underline lanes of overlapping claims.
pub const LINE_SPACING: f32 = 1.55;

/// Height of a label: its text and a point of margin above and below.
fn label_height(ctx: &Context) -> f32 {
    ctx.fonts_mut(|fonts| fonts.row_height(&FontId::proportional(LABEL_FONT_SIZE))) + 2.0
}

/// The height of the glyphs of text of `font_size` (egui's row height of the font).
fn glyph_height(ctx: &Context, font_size: f32) -> f32 {
    ctx.fonts_mut(|fonts| fonts.row_height(&FontId::proportional(font_size))).max(1.0)
}

/// The reader's line spacing for text of `font_size`: with labels, enough for a label
/// above the glyphs, standing on the top edge of the claim's fill. Rows centre their
/// text, so the room is added on both sides.
pub fn line_spacing(ctx: &Context, font_size: f32, labels: bool) -> f32 {
    if !labels {
        return LINE_SPACING;
    }
    let glyphs = glyph_height(ctx, font_size);
    // A plain row already has this much room above its glyphs.
    let room = (LINE_SPACING - 1.0) / 2.0 * glyphs;
    LINE_SPACING + 2.0 * (label_height(ctx) + 1.0 - room).max(0.0) / glyphs
}

/// The part of a row where its text stands: the whole row without labels, the middle
/// band of a plain row's height with them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TextBand {
    /// What is cut off at the top and at the bottom of a row.
    trim: f32,
    /// Height of the glyphs, centred in the band.
    glyphs: f32,
}

impl TextBand {
    /// The band of rows `row_height` high of text of `font_size`.
    pub fn new(ctx: &Context, font_size: f32, row_height: f32, labels: bool) -> TextBand {
        let glyphs = glyph_height(ctx, font_size);
        if !labels {
            return TextBand { trim: 0.0, glyphs };
        }
        TextBand { trim: ((row_height - glyphs * LINE_SPACING) / 2.0).max(0.0), glyphs }
    }

    /// Where the glyphs of a band (a rectangle [`TextBand::of`] gave) start.
    pub fn glyph_top(&self, band: Rect) -> f32 {
        band.center().y - self.glyphs / 2.0
    }

    /// `rect` (a row piece) cut to the band.
    pub fn of(&self, rect: Rect) -> Rect {
        if self.trim > 0.0 && rect.height() > 2.0 * self.trim + 1.0 {
            rect.shrink2(vec2(0.0, self.trim))
        } else {
            rect
        }
    }
}

/// A kind's name as a label: up to its first " / " ("Statistic / quantity" → "Statistic").
pub fn short_name(name: &str) -> &str {
    name.split(" / ").next().unwrap_or(name).trim()
}

/// Places labels left to right without overlaps: a label that would cover one already
/// placed (claims that start close together) moves to its right.
#[derive(Debug, Default)]
pub struct Placer {
    placed: Vec<(Rect, String)>,
}

impl Placer {
    /// Paints `name` on `colour` at the start of the claim's first piece `claim_start`
    /// (cut to the text band), its bottom at `bottom`, just above the glyphs.
    pub fn paint(&mut self, painter: &Painter, claim_start: Rect, bottom: f32, name: &str, colour: Color32) {
        let ink = text_on(colour);
        let galley = painter.layout_no_wrap(name.to_owned(), FontId::proportional(LABEL_FONT_SIZE), ink);
        let size = galley.size() + vec2(6.0, 2.0);
        let mut rect = Rect::from_min_size(pos2(claim_start.min.x, bottom - size.y), size);
        while let Some((other, _)) = self.placed.iter().find(|(placed, _)| placed.intersects(rect)) {
            rect = rect.translate(vec2(other.max.x + 2.0 - rect.min.x, 0.0));
        }
        painter.rect_filled(rect, 3.0, colour);
        painter.galley(rect.min + vec2(3.0, 1.0), galley, ink);
        self.placed.push((rect, name.to_owned()));
    }

    /// The labels painted, with where they stand on screen.
    pub fn into_placed(self) -> Vec<(Rect, String)> {
        self.placed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_cut_at_the_first_slash() {
        assert_eq!(short_name("Statistic / quantity"), "Statistic");
        assert_eq!(short_name("Evaluative / opinion as fact"), "Evaluative");
        assert_eq!(short_name("Attributed statement"), "Attributed statement");
    }
}
