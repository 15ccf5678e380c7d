//! Char offsets: [`CharSpan`], a range of chars of a text (the unit every offset inside
//! claimmark counts in), and the conversions between char and byte offsets. The bottom of
//! the code base: it imports nothing of claimmark.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A range of chars in a text, `start` inclusive, `end` exclusive.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CharSpan {
    /// First char of the span.
    pub start: usize,
    /// One past the last char of the span.
    pub end: usize,
}

impl CharSpan {
    /// A span from `start` to `end` (chars, end exclusive).
    pub fn new(start: usize, end: usize) -> CharSpan {
        CharSpan { start, end }
    }

    /// Number of chars covered.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers nothing (or is reversed).
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether the two spans share at least one char.
    pub fn overlaps(&self, other: &CharSpan) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The byte range of this span in `text`, or `None` if it runs past the text or is
    /// reversed.
    pub fn byte_range(&self, text: &str) -> Option<Range<usize>> {
        if self.end < self.start {
            return None;
        }
        let start = char_to_byte(text, self.start)?;
        let end = start + char_to_byte(&text[start..], self.end - self.start)?;
        Some(start..end)
    }

    /// The text this span covers, or `None` if it runs past the text or is reversed.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        self.byte_range(text).map(|range| &text[range])
    }
}

/// The byte offset of char number `char_index` in `text`; the text's length in bytes
/// when `char_index` equals its char count; `None` past that.
pub fn char_to_byte(text: &str, char_index: usize) -> Option<usize> {
    if char_index == 0 {
        return Some(0);
    }
    match text.char_indices().nth(char_index) {
        Some((byte, _)) => Some(byte),
        None => (text.chars().count() == char_index).then_some(text.len()),
    }
}

/// The char offset of byte offset `byte_index` in `text`, or `None` if it is not on a
/// char boundary or lies past the text.
pub fn byte_to_char(text: &str, byte_index: usize) -> Option<usize> {
    text.is_char_boundary(byte_index).then(|| text[..byte_index].chars().count())
}
