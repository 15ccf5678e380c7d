//! Passages: the sentence or sentences of a document that hold a claim, cut around the
//! claim when long, for the side-by-side group views and the reports. Sentences are
//! [`crate::text::sentence_starts`]'s. Knows nothing of claims beyond their span.

use crate::anchor::{CharIndex, CharSpan};
use crate::text::sentence_starts;
use serde::Serialize;

/// Most chars a passage keeps around a claim (the claim itself is never cut).
pub const MAX_PASSAGE_CHARS: usize = 400;

/// The text around a claim: the sentence or sentences that hold it, cut to about
/// [`MAX_PASSAGE_CHARS`] chars around the claim when longer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// The passage, trimmed of white space at its ends.
    pub text: String,
    /// The claim's chars inside [`Passage::text`].
    pub claim: CharSpan,
    /// Char offset of the passage in the document text.
    pub start: usize,
    /// Whether text of the first sentence was cut off before the passage.
    pub cut_before: bool,
    /// Whether text of the last sentence was cut off after the passage.
    pub cut_after: bool,
}

/// The passage of `span` in `text`, or `None` when the span runs past the text or is
/// reversed. Computes the sentences of `text`; for many claims of one text use
/// [`sentence_starts`](crate::text::sentence_starts) once and [`passage_with`].
pub fn passage(text: &str, span: CharSpan) -> Option<Passage> {
    passage_with(&CharIndex::new(text), &sentence_starts(text), span)
}

/// Like [`passage`], with the text's index and
/// [`sentence_starts`](crate::text::sentence_starts) computed once.
pub fn passage_with(index: &CharIndex<'_>, sentence_starts: &[usize], span: CharSpan) -> Option<Passage> {
    let chars = index.char_count();
    if span.start > span.end || span.end > chars {
        return None;
    }
    let first = sentence_starts.partition_point(|&s| s <= span.start).saturating_sub(1);
    let start = sentence_starts.get(first).copied().unwrap_or(0).min(span.start);
    let last_char = if span.is_empty() { span.start } else { span.end - 1 };
    let last = sentence_starts.partition_point(|&s| s <= last_char).saturating_sub(1);
    let end = sentence_starts.get(last + 1).copied().unwrap_or(chars).clamp(span.end, chars);
    let window: Vec<char> = index.slice(CharSpan::new(start, end))?.chars().collect();
    let (claim_start, claim_end) = (span.start - start, span.end - start);
    let (mut low, mut high) = (0, window.len());
    while low < claim_start && window[low].is_whitespace() {
        low += 1;
    }
    while high > claim_end && window[high - 1].is_whitespace() {
        high -= 1;
    }
    let (mut cut_before, mut cut_after) = (false, false);
    if high - low > MAX_PASSAGE_CHARS {
        let budget = MAX_PASSAGE_CHARS.saturating_sub(claim_end - claim_start);
        let (room_before, room_after) = (claim_start - low, high - claim_end);
        let mut before = room_before.min(budget / 2);
        let after = room_after.min(budget - before);
        before = room_before.min(budget - after);
        if before < room_before {
            // Start at a word: after the first white space inside the kept context.
            let mut new_low = claim_start - before;
            while new_low < claim_start && !window[new_low - 1].is_whitespace() {
                new_low += 1;
            }
            while new_low < claim_start && window[new_low].is_whitespace() {
                new_low += 1;
            }
            low = new_low;
            cut_before = true;
        }
        if after < room_after {
            let mut new_high = claim_end + after;
            while new_high > claim_end && !window[new_high].is_whitespace() {
                new_high -= 1;
            }
            while new_high > claim_end && window[new_high - 1].is_whitespace() {
                new_high -= 1;
            }
            high = new_high;
            cut_after = true;
        }
    }
    Some(Passage {
        text: window[low..high].iter().collect(),
        claim: CharSpan::new(claim_start - low, claim_end - low),
        start: start + low,
        cut_before,
        cut_after,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passages_are_the_claims_sentences() {
        let text = "Headline\n\nFirst sentence here. The army said 3,000 fighters may come. Last one.";
        let start = text.find("3,000").unwrap();
        let span = CharSpan::new(start, start + "3,000 fighters".len());
        let p = passage(text, span).unwrap();
        assert_eq!(p.text, "The army said 3,000 fighters may come.");
        assert_eq!(p.claim.slice(&p.text), Some("3,000 fighters"));
        assert!(!p.cut_before && !p.cut_after);
        // A claim across two sentences gets both.
        let end = text.find("Last").unwrap() + 4;
        let p = passage(text, CharSpan::new(start, end)).unwrap();
        assert_eq!(p.text, "The army said 3,000 fighters may come. Last one.");
        assert_eq!(passage(text, CharSpan::new(5, 500)), None);
    }

    #[test]
    fn long_sentences_are_cut_at_words_around_the_claim() {
        let before = "word ".repeat(200);
        let after = " tail".repeat(200);
        let text = format!("{before}کشور CLAIM here{after}.");
        let start = text.chars().position(|c| c == 'C').unwrap();
        let span = CharSpan::new(start, start + 10);
        let p = passage(&text, span).unwrap();
        assert!(p.text.chars().count() <= MAX_PASSAGE_CHARS, "{}", p.text.chars().count());
        assert!(p.text.chars().count() > MAX_PASSAGE_CHARS - 12);
        assert_eq!(p.claim.slice(&p.text), Some("CLAIM here"));
        assert!(p.cut_before && p.cut_after);
        assert!(p.text.starts_with("word ") && p.text.ends_with(" tail"), "{}", p.text);
        assert_eq!(
            CharSpan::new(p.start, p.start + p.text.chars().count()).slice(&text),
            Some(p.text.as_str())
        );
        // A claim longer than the cap is kept whole.
        let p = passage(&text, CharSpan::new(0, 599)).unwrap();
        assert_eq!((p.text.chars().count(), p.claim), (599, CharSpan::new(0, 599)));
        assert!(p.cut_after && !p.cut_before);
    }
}
