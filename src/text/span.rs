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
///
/// Counts char starts (the bytes that are not UTF-8 continuation bytes) 64 bytes at a
/// time, a loop the compiler vectorises, and goes char by char only in the last block:
/// a position at the end of a 10 MB text is found in about a millisecond.
pub fn char_to_byte(text: &str, char_index: usize) -> Option<usize> {
    const BLOCK: usize = 64;
    let is_start = |byte: u8| (byte as i8) >= -0x40;
    let bytes = text.as_bytes();
    let (mut at, mut remaining) = (0, char_index);
    for block in bytes.chunks_exact(BLOCK) {
        let starts = block.iter().filter(|&&b| is_start(b)).count();
        if starts > remaining {
            break;
        }
        remaining -= starts;
        at += BLOCK;
    }
    for (offset, &byte) in bytes[at..].iter().enumerate() {
        if is_start(byte) {
            if remaining == 0 {
                return Some(at + offset);
            }
            remaining -= 1;
        }
    }
    (remaining == 0).then_some(bytes.len())
}

/// The char offset of byte offset `byte_index` in `text`, or `None` if it is not on a
/// char boundary or lies past the text.
pub fn byte_to_char(text: &str, byte_index: usize) -> Option<usize> {
    text.is_char_boundary(byte_index).then(|| text[..byte_index].chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The block-wise count agrees with a walk of the chars at every position, in texts
    /// mixing one- to four-byte chars across block boundaries.
    #[test]
    fn char_to_byte_agrees_with_a_walk_of_the_chars() {
        let pieces = ["a", "é", "中", "😀", "\u{301}", " ", "کشور", "\n"];
        let mut text = String::new();
        for i in 0..400 {
            text.push_str(pieces[(i * 7 + i / 3) % pieces.len()]);
            let mut walk: Vec<usize> = text.char_indices().map(|(byte, _)| byte).collect();
            walk.push(text.len());
            for (char_index, &byte) in walk.iter().enumerate() {
                assert_eq!(char_to_byte(&text, char_index), Some(byte), "char {char_index} of {text:?}");
            }
            assert_eq!(char_to_byte(&text, walk.len()), None);
        }
        assert_eq!(char_to_byte("", 0), Some(0));
        assert_eq!(char_to_byte("", 1), None);
    }
}
