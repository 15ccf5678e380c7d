//! Text helpers shared by every layer: segmentation of a text into grapheme clusters,
//! words, sentences and tokens, right-to-left detection, the wording of counts for
//! messages, and escaping for markup. Offsets are chars (Unicode scalar values), as
//! everywhere inside claimmark.
//!
//! This is the bottom layer: nothing here knows about projects, claims, files or the
//! window, and it imports no other claimmark module. [`CharSpan`], the pair of char
//! offsets every span is given in, lives here (`anchor` re-exports it with its quote
//! selectors).
//!
//! One file a concern, each item re-exported here so that callers write
//! `crate::text::word_at`:
//!
//! - `graphemes.rs`: grapheme cluster boundaries (accents, emoji, flags stay whole).
//! - `words.rs`: words and the ctrl+arrow word boundaries.
//! - `sentences.rs`: UAX #29 sentence starts.
//! - `tokens.rs`: tokens and their sentences, for the token-based formats and for
//!   suggestions; which tokens a span covers.
//! - `direction.rs`: right-to-left scripts.
//! - `span.rs`: [`CharSpan`] and the conversions between char and byte offsets.

mod direction;
mod graphemes;
mod sentences;
mod span;
mod tokens;
mod words;

pub use direction::is_rtl_char;
pub use graphemes::{next_grapheme_boundary, previous_grapheme_boundary, snap_to_grapheme};
pub use sentences::sentence_starts;
pub use span::{CharSpan, byte_to_char, char_to_byte};
pub use tokens::{Spanned, Token, token_range, tokenize};
pub use words::{next_word_boundary, previous_word_boundary, word_at, words};

/// "1 claim", "2 claims", "3 matches": a count with its noun (nouns with a regular plural).
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if ["s", "x", "z", "ch", "sh"].iter().any(|end| noun.ends_with(end)) {
        format!("{n} {noun}es")
    } else {
        format!("{n} {noun}s")
    }
}
/// Escapes text for HTML, SVG and XML, in text and in attribute values (quoted with `"`
/// or `'`); control characters, which neither allows, become U+FFFD.
pub fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_markup_into(&mut out, text);
    out
}

/// [`escape_markup`], appending to `out`.
pub fn escape_markup_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and line breaks are not allowed in HTML.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_take_the_plural_except_for_one() {
        assert_eq!(count(0, "claim"), "0 claims");
        assert_eq!(count(1, "claim"), "1 claim");
        assert_eq!(count(2, "document"), "2 documents");
        assert_eq!(count(105, "match"), "105 matches");
        assert_eq!(count(1, "match"), "1 match");
        assert_eq!(count(3, "box"), "3 boxes");
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape_markup("a < b & \"c\" 'd' > کشور"),
            "a &lt; b &amp; &quot;c&quot; &#39;d&#39; &gt; کشور"
        );
        assert_eq!(escape_markup("bell\u{7}"), "bell\u{FFFD}");
    }
}
