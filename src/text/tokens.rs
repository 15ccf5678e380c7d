//! Tokens and sentences of a text for the token-based formats (spaCy/Prodigy `tokens`,
//! CoNLL) and for grouping suggestions. Words, numbers and punctuation marks are tokens
//! (Unicode word segmentation, UAX #29); white space is not. Sentences follow UAX #29
//! sentence boundaries ([`super::sentence_starts`]), and a blank line always ends one.
//! Offsets are chars. Knows nothing of claims or formats.

use super::sentence_starts;
use super::span::CharSpan;
use unicode_segmentation::UnicodeSegmentation as _;

/// A token: its chars in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Chars of the token.
    pub span: CharSpan,
    /// Index of the sentence it belongs to.
    pub sentence: usize,
    /// Whether white space follows it (spaCy's `ws`).
    pub space_after: bool,
}

/// The tokens of `text`, in order.
///
/// Beyond UAX #29: captured web texts often run sentences together ("payroll.The result"),
/// which word segmentation keeps as one word, as it does "e.g."; a `.`, `!` or `?` between
/// a lower-case letter and an upper-case one is therefore split off as its own token and
/// ends the sentence, so that no token straddles two sentences or a claim's end.
pub fn tokenize(text: &str) -> Vec<Token> {
    let starts = sentence_starts(text);
    let mut tokens: Vec<Token> = Vec::new();
    let mut chars = 0;
    let mut paragraph = 0; // blank-line runs seen so far
    let mut run_together = 0; // sentence ends found inside words so far
    let mut newlines_in_run = 0;
    let mut last_key = None;
    let mut sentence = 0;
    let pieces: Vec<&str> = text.split_word_bounds().collect();
    for (i, piece) in pieces.iter().enumerate() {
        let len = piece.chars().count();
        if piece.chars().all(char::is_whitespace) {
            newlines_in_run += piece.chars().filter(|&c| c == '\n').count();
            chars += len;
            continue;
        }
        if newlines_in_run >= 2 {
            paragraph += 1;
        }
        newlines_in_run = 0;
        let space_after = pieces.get(i + 1).is_some_and(|next| next.starts_with(char::is_whitespace));
        let parts = split_run_together(piece);
        let last_part = parts.len() - 1;
        for (n, (offset, part_len, ends_sentence)) in parts.into_iter().enumerate() {
            let start = chars + offset;
            // A token's sentence: the UAX #29 sentence it starts in, split further at
            // blank lines and at run-together sentence ends.
            let key = (starts.partition_point(|&s| s <= start), paragraph, run_together);
            if last_key.is_some_and(|last| last != key) {
                sentence += 1;
            }
            last_key = Some(key);
            let space = n == last_part && space_after;
            tokens.push(Token { span: CharSpan::new(start, start + part_len), sentence, space_after: space });
            if ends_sentence {
                run_together += 1;
            }
        }
        chars += len;
    }
    tokens
}

/// Splits a word at sentence ends run into it: returns (char offset, char length,
/// whether a sentence ends after this part) for each part.
fn split_run_together(piece: &str) -> Vec<(usize, usize, bool)> {
    let chars: Vec<char> = piece.chars().collect();
    let mut parts = Vec::new();
    let mut start = 0;
    for i in 1..chars.len().saturating_sub(1) {
        if matches!(chars[i], '.' | '!' | '?') && chars[i - 1].is_lowercase() && chars[i + 1].is_uppercase() {
            parts.push((start, i - start, false));
            parts.push((i, 1, true));
            start = i + 1;
        }
    }
    parts.push((start, chars.len() - start, false));
    parts
}

/// Something with a place in a text: a [`Token`], or a richer token built from one.
pub trait Spanned {
    /// Its chars in the text.
    fn span(&self) -> CharSpan;
}

impl Spanned for Token {
    fn span(&self) -> CharSpan {
        self.span
    }
}

/// The first and one-past-last token indices that `span` covers (tokens partly inside
/// count), or `None` when it covers no token. `tokens` are in text order and do not
/// overlap, as [`tokenize`] gives them.
pub fn token_range<T: Spanned>(tokens: &[T], span: CharSpan) -> Option<(usize, usize)> {
    let first = tokens.partition_point(|t| t.span().end <= span.start);
    let end = tokens.partition_point(|t| t.span().start < span.end);
    (first < end).then_some((first, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_numbers_and_punctuation_are_tokens() {
        let text = "She estimated 3,000 to 5,000 ISIS-K* fighters. Next one.\n\nکشور نباشد";
        let tokens = tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text).unwrap()).collect();
        assert_eq!(
            words,
            [
                "She",
                "estimated",
                "3,000",
                "to",
                "5,000",
                "ISIS",
                "-",
                "K",
                "*",
                "fighters",
                ".",
                "Next",
                "one",
                ".",
                "کشور",
                "نباشد"
            ]
        );
        let sentences: Vec<usize> = tokens.iter().map(|t| t.sentence).collect();
        assert_eq!(sentences, [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 2]);
        assert!(tokens[0].space_after && !tokens[9].space_after);
    }

    #[test]
    fn sentences_run_together_are_split_but_abbreviations_are_not() {
        let text = "army payroll.The result, she argued. U.S. forces e.g. here";
        let tokens = tokenize(text);
        let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text).unwrap()).collect();
        assert_eq!(
            words,
            [
                "army", "payroll", ".", "The", "result", ",", "she", "argued", ".", "U.S", ".", "forces",
                "e.g", ".", "here"
            ]
        );
        let sentence_of = |word: &str| tokens[words.iter().position(|w| *w == word).unwrap()].sentence;
        assert_eq!(sentence_of("payroll"), sentence_of("army"));
        assert_eq!(
            sentence_of("The"),
            sentence_of("payroll") + 1,
            "a new sentence after the run-together stop"
        );
        assert!(!tokens[1].space_after && !tokens[2].space_after && tokens[3].space_after);
    }

    #[test]
    fn spans_map_to_token_ranges() {
        let text = "over $7 billion in equipment";
        let tokens = tokenize(text);
        assert_eq!(token_range(&tokens, CharSpan::new(5, 15)), Some((1, 4)));
        assert_eq!(token_range(&tokens, CharSpan::new(4, 5)), None);
    }
}
