//! Spans of text: char offsets ([`CharSpan`]), quote selectors ([`QuoteSelector`]) and
//! finding a quote again in a text ([`locate`]).
//!
//! Inside claimmark every offset counts Unicode scalar values (Rust `char`s) of a
//! document text, end exclusive. Byte offsets appear only at the edges (slicing a
//! `&str`, egui's layout sections, formats that count bytes) and are converted here.
//! Nothing in this module knows about claims or files.

pub use crate::text::{CharSpan, byte_to_char, char_to_byte};
use crate::text::{is_rtl_char, snap_to_grapheme};
use serde::{Deserialize, Serialize};
use std::ops::Range;

/// Most chars of context a quote selector keeps on each side of the exact text.
pub const QUOTE_CONTEXT_CHARS: usize = 32;

/// Converts many char offsets of one text to byte offsets without rescanning from the
/// start each time: it keeps the byte offset of every 64th char.
#[derive(Clone, Debug)]
pub struct CharIndex<'a> {
    text: &'a str,
    /// Byte offset of char `i * STRIDE`; empty when the text is ASCII.
    checkpoints: Vec<usize>,
    char_count: usize,
}

const STRIDE: usize = 64;

impl<'a> CharIndex<'a> {
    /// Indexes `text` (one pass).
    pub fn new(text: &'a str) -> CharIndex<'a> {
        if text.is_ascii() {
            return CharIndex { text, checkpoints: Vec::new(), char_count: text.len() };
        }
        let mut checkpoints = Vec::with_capacity(text.len() / STRIDE + 1);
        let mut char_count = 0;
        for (byte, _) in text.char_indices() {
            if char_count % STRIDE == 0 {
                checkpoints.push(byte);
            }
            char_count += 1;
        }
        CharIndex { text, checkpoints, char_count }
    }

    /// Number of chars in the text.
    pub fn char_count(&self) -> usize {
        self.char_count
    }

    /// Byte offset of a char offset (the text length for the end), `None` past the end.
    pub fn byte(&self, char_index: usize) -> Option<usize> {
        if char_index > self.char_count {
            return None;
        }
        if self.checkpoints.is_empty() {
            return Some(char_index);
        }
        let checkpoint = char_index / STRIDE;
        let Some(&base) = self.checkpoints.get(checkpoint) else {
            return Some(self.text.len());
        };
        char_to_byte(&self.text[base..], char_index - checkpoint * STRIDE).map(|b| base + b)
    }

    /// The byte range of a span, `None` if it runs past the text or is reversed.
    pub fn byte_range(&self, span: CharSpan) -> Option<Range<usize>> {
        if span.end < span.start {
            return None;
        }
        Some(self.byte(span.start)?..self.byte(span.end)?)
    }

    /// The text of a span, `None` if it runs past the text or is reversed.
    pub fn slice(&self, span: CharSpan) -> Option<&'a str> {
        self.byte_range(span).map(|range| &self.text[range])
    }
}

/// A W3C-style text quote selector: the exact text of a span with up to
/// [`QUOTE_CONTEXT_CHARS`] chars before (`prefix`) and after (`suffix`) it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSelector {
    /// The text at the span.
    pub exact: String,
    /// Up to 32 chars right before the span.
    #[serde(default)]
    pub prefix: String,
    /// Up to 32 chars right after the span.
    #[serde(default)]
    pub suffix: String,
}

/// How a quote selector compares with the text at its span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteCheck {
    /// Exact text and context match.
    Matches,
    /// The span runs past the end of the text or is reversed.
    OutOfRange,
    /// The text at the span differs from the quote's exact text.
    ExactDiffers,
    /// The exact text matches but the text around it changed.
    ContextDiffers,
}

impl QuoteSelector {
    /// The selector for `span` of `text`, or `None` if the span runs past the text.
    pub fn capture(text: &str, span: CharSpan) -> Option<QuoteSelector> {
        // Without a whole-text index: a claim marked in a 10 MB text finds its few
        // positions by counting from the start (see `char_to_byte`), not by indexing the
        // whole text first.
        if span.end < span.start {
            return None;
        }
        let prefix_start = span.start.saturating_sub(QUOTE_CONTEXT_CHARS);
        let prefix_byte = char_to_byte(text, prefix_start)?;
        let start_byte = prefix_byte + char_to_byte(&text[prefix_byte..], span.start - prefix_start)?;
        let end_byte = start_byte + char_to_byte(&text[start_byte..], span.end - span.start)?;
        let after = &text[end_byte..];
        let suffix_len = after.char_indices().nth(QUOTE_CONTEXT_CHARS).map_or(after.len(), |(byte, _)| byte);
        Some(QuoteSelector {
            exact: text[start_byte..end_byte].to_owned(),
            prefix: text[prefix_byte..start_byte].to_owned(),
            suffix: after[..suffix_len].to_owned(),
        })
    }

    /// Like [`QuoteSelector::capture`], with an index built once for many spans.
    pub fn capture_indexed(index: &CharIndex<'_>, span: CharSpan) -> Option<QuoteSelector> {
        let exact = index.slice(span)?;
        let prefix_span = CharSpan::new(span.start.saturating_sub(QUOTE_CONTEXT_CHARS), span.start);
        let suffix_end = (span.end + QUOTE_CONTEXT_CHARS).min(index.char_count());
        let suffix_span = CharSpan::new(span.end, suffix_end);
        Some(QuoteSelector {
            exact: exact.to_owned(),
            prefix: index.slice(prefix_span)?.to_owned(),
            suffix: index.slice(suffix_span)?.to_owned(),
        })
    }

    /// Compares the selector with the text at `span`.
    pub fn check(&self, index: &CharIndex<'_>, span: CharSpan) -> QuoteCheck {
        // Compares slices of the text in place: loading a large project checks every
        // claim, and copying three strings per claim would cost more than the check.
        let Some(exact) = index.slice(span) else {
            return QuoteCheck::OutOfRange;
        };
        if exact != self.exact {
            return QuoteCheck::ExactDiffers;
        }
        let prefix = index.slice(CharSpan::new(span.start.saturating_sub(QUOTE_CONTEXT_CHARS), span.start));
        let suffix =
            index.slice(CharSpan::new(span.end, (span.end + QUOTE_CONTEXT_CHARS).min(index.char_count())));
        if prefix == Some(self.prefix.as_str()) && suffix == Some(self.suffix.as_str()) {
            QuoteCheck::Matches
        } else {
            QuoteCheck::ContextDiffers
        }
    }
}

/// Finds `quote` in `text`: among the places where its exact text occurs, the one whose
/// surroundings agree most with its prefix and suffix, then the one nearest `hint`.
/// Returns `None` when the exact text does not occur at all.
pub fn locate(text: &str, quote: &QuoteSelector, hint: Option<CharSpan>) -> Option<CharSpan> {
    if quote.exact.is_empty() {
        return None;
    }
    let exact_chars = quote.exact.chars().count();
    let mut best: Option<(usize, usize, CharSpan)> = None; // (context score, distance, span)
    let mut chars_before = 0;
    let mut last_byte = 0;
    for (byte, _) in text.match_indices(&quote.exact) {
        chars_before += text[last_byte..byte].chars().count();
        last_byte = byte;
        let span = CharSpan::new(chars_before, chars_before + exact_chars);
        let before = &text[..byte];
        let after = &text[byte + quote.exact.len()..];
        let score = common_suffix_chars(before, &quote.prefix) + common_prefix_chars(after, &quote.suffix);
        let distance = hint.map_or(0, |h| h.start.abs_diff(span.start));
        let better = match best {
            None => true,
            Some((best_score, best_distance, _)) => {
                score > best_score || (score == best_score && distance < best_distance)
            }
        };
        if better {
            best = Some((score, distance, span));
        }
    }
    best.map(|(_, _, span)| span)
}

fn common_prefix_chars(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

fn common_suffix_chars(a: &str, b: &str) -> usize {
    a.chars().rev().zip(b.chars().rev()).take_while(|(x, y)| x == y).count()
}

/// Turns a raw selection into the span of a claim: ends snapped outwards to whole
/// grapheme clusters, white space trimmed from both ends, and ends that fall inside a
/// right-to-left word widened to the whole word (egui positions carets inside
/// right-to-left words wrongly, so only whole words are trusted there). `None` when
/// nothing but white space is selected.
pub fn claim_span_from_selection(text: &str, selection: CharSpan) -> Option<CharSpan> {
    let count = text.chars().count();
    let (mut start, mut end) = (selection.start.min(selection.end), selection.start.max(selection.end));
    end = end.min(count);
    start = start.min(end);
    start = snap_to_grapheme(text, start, true);
    end = snap_to_grapheme(text, end, false);
    let chars: Vec<char> = text.chars().collect();
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start == end {
        return None;
    }
    let in_rtl_word = |i: usize| -> bool {
        // The run of non-space chars around position i contains right-to-left letters.
        let run_start = chars[..i].iter().rposition(|c| c.is_whitespace()).map_or(0, |p| p + 1);
        let run_end = chars[i..].iter().position(|c| c.is_whitespace()).map_or(count, |p| i + p);
        chars[run_start..run_end].iter().any(|&c| is_rtl_char(c))
    };
    if start > 0 && !chars[start - 1].is_whitespace() && in_rtl_word(start) {
        start = chars[..start].iter().rposition(|c| c.is_whitespace()).map_or(0, |p| p + 1);
    }
    if end < count && !chars[end].is_whitespace() && in_rtl_word(end - 1) {
        end = chars[end..].iter().position(|c| c.is_whitespace()).map_or(count, |p| end + p);
    }
    Some(CharSpan::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    const MIXED: &str = "a “quote” — چو کشور نباشد 😀 end";

    #[test]
    fn spans_slice_by_chars_not_bytes() {
        let span = CharSpan::new(2, 9);
        assert_eq!(span.slice(MIXED), Some("“quote”"));
        let persian = CharSpan::new(15, 19);
        assert_eq!(persian.slice(MIXED), Some("کشور"));
        assert_eq!(CharSpan::new(26, 27).slice(MIXED), Some("😀"));
        let count = MIXED.chars().count();
        assert_eq!(CharSpan::new(count, count).slice(MIXED), Some(""));
        assert_eq!(CharSpan::new(count, count + 1).slice(MIXED), None);
        assert_eq!(CharSpan::new(3, 2).slice(MIXED), None);
    }

    #[test]
    fn char_index_agrees_with_plain_scanning() {
        let long: String = MIXED.repeat(20);
        let index = CharIndex::new(&long);
        let count = long.chars().count();
        assert_eq!(index.char_count(), count);
        for i in 0..=count + 1 {
            assert_eq!(index.byte(i), char_to_byte(&long, i), "char {i}");
        }
        let ascii = CharIndex::new("plain");
        assert_eq!(ascii.slice(CharSpan::new(1, 3)), Some("la"));
        assert_eq!(ascii.byte(6), None);
    }

    /// Capturing without an index gives what capturing with one gives, for every span of
    /// a mixed text (near its ends, empty, reversed and past the end too).
    #[test]
    fn a_quote_captured_without_an_index_is_the_one_captured_with_it() {
        let long: String = MIXED.repeat(4);
        let index = CharIndex::new(&long);
        let count = long.chars().count();
        for start in 0..=count + 1 {
            for end in [start.saturating_sub(1), start, start + 1, start + 7, start + 40, count, count + 1] {
                let span = CharSpan::new(start, end);
                assert_eq!(
                    QuoteSelector::capture(&long, span),
                    QuoteSelector::capture_indexed(&index, span),
                    "{start}..{end}"
                );
            }
        }
    }

    #[test]
    fn byte_to_char_rejects_inner_bytes() {
        assert_eq!(byte_to_char(MIXED, 2), Some(2));
        assert_eq!(byte_to_char(MIXED, 3), None); // inside “
        assert_eq!(byte_to_char(MIXED, 5), Some(3));
    }

    #[test]
    fn quote_capture_and_check() {
        let text = "0123456789".repeat(8);
        let span = CharSpan::new(40, 45);
        let quote = QuoteSelector::capture(&text, span).unwrap();
        assert_eq!(quote.exact, "01234");
        assert_eq!(quote.prefix.chars().count(), 32);
        assert_eq!(quote.suffix.chars().count(), 32);
        let index = CharIndex::new(&text);
        assert_eq!(quote.check(&index, span), QuoteCheck::Matches);
        assert_eq!(quote.check(&index, CharSpan::new(41, 46)), QuoteCheck::ExactDiffers);
        assert_eq!(quote.check(&index, CharSpan::new(30, 35)), QuoteCheck::ContextDiffers);
        assert_eq!(quote.check(&index, CharSpan::new(78, 81)), QuoteCheck::OutOfRange);
        let edge = QuoteSelector::capture(&text, CharSpan::new(0, 2)).unwrap();
        assert_eq!(edge.prefix, "");
    }

    #[test]
    fn locate_prefers_context_then_hint() {
        let text = "alpha SAME beta. gamma SAME delta. alpha SAME beta.";
        let first = QuoteSelector::capture(text, CharSpan::new(6, 10)).unwrap();
        assert_eq!(locate(text, &first, None), Some(CharSpan::new(6, 10)));
        let second = QuoteSelector::capture(text, CharSpan::new(23, 27)).unwrap();
        assert_eq!(locate(text, &second, None), Some(CharSpan::new(23, 27)));
        // Same context twice: the hint decides.
        let third = QuoteSelector::capture(text, CharSpan::new(41, 45)).unwrap();
        assert_eq!(locate(text, &third, Some(CharSpan::new(40, 44))), Some(CharSpan::new(41, 45)));
        // After an edit before the quote, it is found at its new place.
        let edited = format!("NEW TEXT {text}");
        assert_eq!(locate(&edited, &second, Some(CharSpan::new(23, 27))), Some(CharSpan::new(32, 36)));
        let missing = QuoteSelector { exact: "absent".into(), ..QuoteSelector::default() };
        assert_eq!(locate(text, &missing, None), None);
    }
    #[test]
    fn claim_spans_trim_space_and_keep_whole_graphemes() {
        let text = "  over $7 billion  e\u{301}t\u{e9} 🇵🇰 flag ";
        let span = claim_span_from_selection(text, CharSpan::new(0, 19)).unwrap();
        assert_eq!(span.slice(text), Some("over $7 billion"));
        // A selection ending between "e" and its combining accent keeps the accent.
        let start = text.find("e\u{301}").unwrap();
        let start = byte_to_char(text, start).unwrap();
        let span = claim_span_from_selection(text, CharSpan::new(start, start + 1)).unwrap();
        assert_eq!(span.slice(text), Some("e\u{301}"));
        // Half a flag (two regional indicators) becomes the whole flag.
        let flag = byte_to_char(text, text.find('🇵').unwrap()).unwrap();
        let span = claim_span_from_selection(text, CharSpan::new(flag + 1, flag + 2)).unwrap();
        assert_eq!(span.slice(text), Some("🇵🇰"));
        assert_eq!(claim_span_from_selection(text, CharSpan::new(0, 2)), None);
        // Reversed and overlong selections are normalised.
        let count = text.chars().count();
        assert_eq!(claim_span_from_selection(text, CharSpan::new(count + 5, 2)).unwrap().end, count - 1);
    }

    #[test]
    fn selections_inside_persian_words_widen_to_whole_words() {
        let text = "چو کشور نباشد تن من مباد";
        // From the middle of کشور to the middle of نباشد.
        let span = claim_span_from_selection(text, CharSpan::new(4, 10)).unwrap();
        assert_eq!(span.slice(text), Some("کشور نباشد"));
        let whole = claim_span_from_selection(text, CharSpan::new(0, 24)).unwrap();
        assert_eq!(whole.slice(text), Some(text));
        // Latin words are not widened.
        let latin = "Pakistan and Russia";
        assert_eq!(claim_span_from_selection(latin, CharSpan::new(2, 5)).unwrap().slice(latin), Some("kis"));
    }
}
