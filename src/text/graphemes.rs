//! Grapheme clusters: the characters a reader sees (a letter with its accents, an emoji,
//! a flag), so that a selection or a caret never splits one. Offsets are chars.

use unicode_segmentation::UnicodeSegmentation as _;

/// The grapheme cluster boundaries of `text` as char offsets, from 0 to the char count.
fn grapheme_boundaries(text: &str) -> impl Iterator<Item = usize> + '_ {
    let mut chars = 0;
    std::iter::once(0).chain(text.graphemes(true).map(move |g| {
        chars += g.chars().count();
        chars
    }))
}

/// The nearest grapheme boundary at or after `char_index` (clamped to the text).
pub fn next_grapheme_boundary(text: &str, char_index: usize) -> usize {
    let mut last = 0;
    for boundary in grapheme_boundaries(text) {
        if boundary > char_index {
            return boundary;
        }
        last = boundary;
    }
    last
}

/// The nearest grapheme boundary before `char_index` (0 at the start).
pub fn previous_grapheme_boundary(text: &str, char_index: usize) -> usize {
    grapheme_boundaries(text).take_while(|&b| b < char_index).last().unwrap_or(0)
}

/// Moves `char_index` to a grapheme boundary: down when `towards_start`, else up.
pub fn snap_to_grapheme(text: &str, char_index: usize, towards_start: bool) -> usize {
    let mut previous = 0;
    for boundary in grapheme_boundaries(text) {
        if boundary == char_index {
            return boundary;
        }
        if boundary > char_index {
            return if towards_start { previous } else { boundary };
        }
        previous = boundary;
    }
    previous
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_flags_stay_whole() {
        assert_eq!(next_grapheme_boundary("e\u{301}x", 0), 2);
        assert_eq!(previous_grapheme_boundary("e\u{301}x", 2), 0);
        let flag = "a🇵🇰b";
        assert_eq!(snap_to_grapheme(flag, 2, true), 1);
        assert_eq!(snap_to_grapheme(flag, 2, false), 3);
        assert_eq!(snap_to_grapheme(flag, 3, true), 3);
        assert_eq!(next_grapheme_boundary(flag, 9), 4);
    }
}
