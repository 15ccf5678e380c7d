//! Sentences: where the UAX #29 sentences of a text start, in chars. Used by the
//! tokenizer (a token's sentence) and by the comparison's passages (the sentences that
//! hold a claim). Knows nothing of claims or documents.

use unicode_segmentation::UnicodeSegmentation as _;

/// Char offsets where UAX #29 sentences start in `text`, ascending; the first is 0, also
/// for an empty text. UAX #29 already ends a sentence at every line break, so a heading
/// or a blank line never joins two sentences.
pub fn sentence_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::new();
    let mut chars = 0;
    for sentence in text.split_sentence_bounds() {
        starts.push(chars);
        chars += sentence.chars().count();
    }
    if starts.is_empty() {
        starts.push(0);
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_start_after_stops_and_line_breaks() {
        let text = "Headline\n\nFirst one. Second — کشور؟ Third.";
        let starts = sentence_starts(text);
        let sentences: Vec<String> = starts
            .iter()
            .zip(starts.iter().skip(1).chain(std::iter::once(&text.chars().count())))
            .map(|(&a, &b)| text.chars().skip(a).take(b - a).collect())
            .collect();
        // Every line break ends a sentence, so a blank line is a sentence of its own.
        assert_eq!(sentences, ["Headline\n", "\n", "First one. ", "Second — کشور؟ ", "Third."]);
        assert_eq!(sentence_starts(""), [0]);
    }
}
