//! Words: runs of letters, digits and joiners as Unicode word segmentation (UAX #29)
//! defines them, and where ctrl+left / ctrl+right go. Punctuation and spaces are not
//! words. Offsets are chars.

use super::span::CharSpan;
use unicode_segmentation::UnicodeSegmentation as _;

/// Char spans of the words of `text` (runs of letters, digits and joiners as Unicode
/// word segmentation defines them; punctuation and spaces are not words).
pub fn words(text: &str) -> Vec<CharSpan> {
    let mut spans = Vec::new();
    let mut chars = 0;
    for piece in text.split_word_bounds() {
        let len = piece.chars().count();
        if piece.chars().any(char::is_alphanumeric) {
            spans.push(CharSpan::new(chars, chars + len));
        }
        chars += len;
    }
    spans
}

/// The word at `char_index` (the one containing it, or the one it ends), or `None` when
/// it is in spaces or punctuation.
pub fn word_at(text: &str, char_index: usize) -> Option<CharSpan> {
    let words = words(text);
    words
        .iter()
        .find(|w| w.start <= char_index && char_index < w.end)
        .or_else(|| words.iter().find(|w| w.end == char_index))
        .copied()
}

/// Where ctrl+right goes from `char_index`: the end of the current or next word.
pub fn next_word_boundary(text: &str, char_index: usize) -> usize {
    words(text)
        .into_iter()
        .map(|w| w.end)
        .find(|&end| end > char_index)
        .unwrap_or_else(|| text.chars().count())
}

/// Where ctrl+left goes from `char_index`: the start of the current or previous word.
pub fn previous_word_boundary(text: &str, char_index: usize) -> usize {
    words(text).into_iter().map(|w| w.start).rfind(|&start| start < char_index).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::char_to_byte;

    #[test]
    fn word_navigation() {
        let text = "Sultan’s estimate: 3,000 to 5,000 ISIS-K* fighters.";
        assert_eq!(word_at(text, 2).unwrap().slice(text), Some("Sultan’s"));
        assert_eq!(word_at(text, 20).unwrap().slice(text), Some("3,000"));
        assert_eq!(word_at(text, 18), None); // the space after the colon
        let end = next_word_boundary(text, 0);
        assert_eq!(&text[..char_to_byte(text, end).unwrap()], "Sultan’s");
        assert_eq!(next_word_boundary(text, end), 17);
        assert_eq!(previous_word_boundary(text, 17), 9);
        assert_eq!(previous_word_boundary(text, 0), 0);
        assert_eq!(next_word_boundary(text, 50), text.chars().count());
    }
}
