//! The detector's own scan of a text into words and sentences, in one pass over its
//! chars (no Unicode segmentation tables: candidate generation must run at tens of MB
//! per second). A word is a run of letters and digits, with an apostrophe or hyphen
//! between letters ("Pakistan's", "ISIS-K") and a comma or point between digits
//! ("3,000", "1.2") kept inside; every other char that is not white space is a word of
//! its own (punctuation, currency signs). A sentence ends after `.`, `!`, `?`, `؟` or
//! `。` followed by white space, a capital letter (captured texts run sentences
//! together: "payroll.The result") or the end, unless the point closes an abbreviation
//! ("Dr.", "U.S.", "Jan."), and at every line break.

/// What a word is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Letters (and maybe digits), starting with a letter.
    Alpha,
    /// Starting with a digit (any script's digits).
    Number,
    /// One char that is neither a letter, a digit nor white space.
    Mark,
}

/// A word of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// Chars of the word in the text.
    pub start: usize,
    /// One past its last char.
    pub end: usize,
    /// Bytes of the word in the text.
    pub bytes: (usize, usize),
    /// What it is made of.
    pub class: Class,
    /// Its first char is an upper-case letter.
    pub capital: bool,
}

impl Word {
    /// The word's text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.bytes.0..self.bytes.1]
    }
}

/// The words of a text, and where its sentences start (indices into the words).
#[derive(Debug, Default)]
pub struct Scan {
    /// Every word, in order.
    pub words: Vec<Word>,
    /// For each sentence, the range of its words; sentences without words are left out.
    pub sentences: Vec<std::ops::Range<usize>>,
}

/// Abbreviations whose point does not end a sentence (compared in lower case).
const ABBREVIATIONS: &[&str] = &[
    "dr", "mr", "mrs", "ms", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "sen", "rep", "gov", "st",
    "jr", "sr", "no", "vs", "etc", "e.g", "i.e", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec", "inc", "ltd", "co", "corp", "approx", "est",
];

/// Scans `text` into words and sentences.
pub fn scan(text: &str) -> Scan {
    let mut words: Vec<Word> = Vec::with_capacity(text.len() / 5);
    let mut sentence_ends: Vec<usize> = Vec::new(); // word index after which a sentence ends
    let mut chars = text.char_indices().peekable();
    let mut index = 0usize; // char index of the char `chars` yields next
    while let Some((byte, c)) = chars.next() {
        let at = index;
        index += 1;
        if c.is_whitespace() {
            if c == '\n' && !words.is_empty() {
                sentence_ends.push(words.len());
            }
            continue;
        }
        if c.is_alphanumeric() {
            let class = if c.is_numeric() { Class::Number } else { Class::Alpha };
            let capital = c.is_uppercase();
            let mut end_byte = byte + c.len_utf8();
            let mut previous = c;
            while let Some(&(next_byte, next)) = chars.peek() {
                if next.is_alphanumeric() {
                    chars.next();
                    index += 1;
                    end_byte = next_byte + next.len_utf8();
                    previous = next;
                    continue;
                }
                // A joiner stays inside the word only between two letters or digits of
                // the right kind: look one char past it.
                let joins = match next {
                    '\'' | '’' | '-' | '‑' => previous.is_alphabetic() || previous.is_numeric(),
                    ',' | '.' => previous.is_numeric(),
                    _ => false,
                };
                if !joins {
                    break;
                }
                let after = text[next_byte + next.len_utf8()..].chars().next();
                let continues = match next {
                    ',' | '.' => after.is_some_and(char::is_numeric),
                    _ => after.is_some_and(char::is_alphanumeric),
                };
                if !continues {
                    break;
                }
                chars.next();
                index += 1;
                end_byte = next_byte + next.len_utf8();
                previous = next;
            }
            let start_char = at;
            let end_char = index;
            words.push(Word { start: start_char, end: end_char, bytes: (byte, end_byte), class, capital });
            continue;
        }
        words.push(Word {
            start: at,
            end: at + 1,
            bytes: (byte, byte + c.len_utf8()),
            class: Class::Mark,
            capital: false,
        });
        if matches!(c, '.' | '!' | '?' | '؟' | '。' | '…') {
            let next = chars.peek().map(|&(_, n)| n);
            let ends = match next {
                None => true,
                Some(n) if n.is_whitespace() => true,
                Some(n) => n.is_uppercase() || matches!(n, '"' | '“' | '”' | '\'' | '’' | ')'),
            };
            let abbreviation = c == '.' && words.len() >= 2 && {
                let before = words[words.len() - 2];
                before.end == at && is_abbreviation(before, text)
            };
            if ends && !abbreviation {
                sentence_ends.push(words.len());
            }
        }
    }
    let mut sentences = Vec::with_capacity(sentence_ends.len() + 1);
    let mut start = 0;
    for end in sentence_ends.into_iter().chain(std::iter::once(words.len())) {
        // A "sentence" longer than any real one (a text without stops) is cut, so that
        // the rules' work per sentence stays bounded and the whole stays linear.
        while end > start + MAX_SENTENCE_WORDS {
            sentences.push(start..start + MAX_SENTENCE_WORDS);
            start += MAX_SENTENCE_WORDS;
        }
        if end > start {
            sentences.push(start..end);
            start = end;
        }
    }
    Scan { words, sentences }
}

/// The most words a sentence has: longer runs are cut into pieces of this many (real
/// sentences of the corpus have at most about 90).
pub const MAX_SENTENCE_WORDS: usize = 300;

/// Whether the word before a point is an abbreviation: a listed one, or a single capital
/// letter ("U" of "U.S.", an initial).
fn is_abbreviation(word: Word, text: &str) -> bool {
    let w = word.text(text);
    if word.class == Class::Alpha && w.chars().count() == 1 && word.capital {
        return true;
    }
    w.len() <= 6 && ABBREVIATIONS.iter().any(|a| a.eq_ignore_ascii_case(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(text: &str) -> Vec<&str> {
        scan(text).words.iter().map(|w| w.text(text)).collect()
    }

    fn sentences_of(text: &str) -> Vec<String> {
        let scan = scan(text);
        scan.sentences
            .iter()
            .map(|r| {
                let (a, b) = (scan.words[r.start].bytes.0, scan.words[r.end - 1].bytes.1);
                text[a..b].to_owned()
            })
            .collect()
    }

    #[test]
    fn words_keep_numbers_names_and_contractions_whole() {
        assert_eq!(
            words_of("between 3,000 to 5,000 ISIS-K* fighters, over $7 billion; Pakistan's 1.2%."),
            [
                "between",
                "3,000",
                "to",
                "5,000",
                "ISIS-K",
                "*",
                "fighters",
                ",",
                "over",
                "$",
                "7",
                "billion",
                ";",
                "Pakistan's",
                "1.2",
                "%",
                "."
            ]
        );
        // Digits of other scripts are numbers too.
        let persian = scan("۱۲۳ کشته");
        assert_eq!(persian.words[0].class, Class::Number);
        assert_eq!(persian.words[1].class, Class::Alpha);
    }

    #[test]
    fn sentences_end_after_stops_also_run_together_but_not_after_abbreviations() {
        let text = "Dr. Roxolana Zigon said it. The U.S. left.The result, she argued, is clear\nNext line";
        assert_eq!(
            sentences_of(text),
            [
                "Dr. Roxolana Zigon said it.",
                "The U.S. left.",
                "The result, she argued, is clear",
                "Next line"
            ]
        );
        assert_eq!(sentences_of("On Jan. 10, he called."), ["On Jan. 10, he called."]);
    }
}
