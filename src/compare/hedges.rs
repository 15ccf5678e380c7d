//! Hedging, certainty and attribution words in a passage: the words with which a text
//! distances itself from a claim ("reportedly", "an estimated", "may"), boosts it
//! ("clearly", "in fact", "unstoppable") or hands it to a speaker ("said", "according
//! to"). Framing researchers read them side by side across outlets.
//!
//! A fixed, documented lexicon ([`LEXICON`]) matched on whole words, ignoring case, with
//! multi-word phrases matched as phrases (their words separated by white space only)
//! and the longest phrase winning. It marks words, not meanings: a reader judges each
//! mark. Two guards ([`Condition`]) keep the noisiest words honest. Nothing here knows
//! about claims or projects.
//!
//! # Choices
//!
//! - "claimed", "alleged", "reported" and "said to" are **hedging**: they distance the
//!   writer from what is reported. "according to" and neutral speech verbs ("said",
//!   "stated", "argued", "declared" ...) are **attribution**: they name a source
//!   without doubting it. "is said to" (hedging) beats "said" (attribution) as the
//!   longer match.
//! - Approximators ("about", "around", "some", "up to", "as many as", "close to",
//!   "roughly") are hedges only before a number ("about 3,000", "around $7 billion",
//!   "some two dozen"): "talks about Afghanistan" is not marked.
//! - "May" with a capital inside a sentence, or before a number, is the month.
//! - "only", "never", "always", "must" and "highly" are boosters as asked for by
//!   researchers of certainty; they are common words, so expect marks a reader will
//!   dismiss.

use crate::anchor::CharSpan;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::OnceLock;
use unicode_segmentation::UnicodeSegmentation as _;

/// What a marked word does to the claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum HedgeKind {
    /// Distances the writer from the claim or makes it vaguer: "reportedly", "may".
    Hedging,
    /// Boosts the claim: "clearly", "in fact", "undoubtedly".
    Certainty,
    /// Hands the claim to a speaker: "said", "according to".
    Attribution,
}

impl HedgeKind {
    /// Every kind, in legend order.
    pub const ALL: [HedgeKind; 3] = [HedgeKind::Hedging, HedgeKind::Certainty, HedgeKind::Attribution];

    /// The id used in exports and as a CSS class suffix.
    pub fn id(self) -> &'static str {
        match self {
            HedgeKind::Hedging => "hedging",
            HedgeKind::Certainty => "certainty",
            HedgeKind::Attribution => "attribution",
        }
    }

    /// Name shown to the user.
    pub fn name(self) -> &'static str {
        match self {
            HedgeKind::Hedging => "Hedging",
            HedgeKind::Certainty => "Certainty / booster",
            HedgeKind::Attribution => "Attribution",
        }
    }
}

/// When a lexicon entry counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Condition {
    /// Wherever it occurs as whole words.
    Always,
    /// Only right before a number: digits (a currency sign may come between) or a
    /// number word ("two", "dozen", "a hundred").
    BeforeNumber,
    /// Not the month: skipped when capitalised inside a sentence or followed by a number.
    NotMonth,
}

/// One word or phrase of the lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LexiconEntry {
    /// The word or phrase, lower case, words separated by one space.
    pub phrase: &'static str,
    /// What it does.
    pub kind: HedgeKind,
    /// When it counts.
    pub condition: Condition,
}

const fn entry(phrase: &'static str, kind: HedgeKind, condition: Condition) -> LexiconEntry {
    LexiconEntry { phrase, kind, condition }
}

use Condition::{Always, BeforeNumber, NotMonth};
use HedgeKind::{Attribution, Certainty, Hedging};

/// The lexicon, in the order the report's legend lists it.
pub const LEXICON: &[LexiconEntry] = &[
    // Hedging: distance, doubt, approximation.
    entry("estimated", Hedging, Always),
    entry("estimate", Hedging, Always),
    entry("estimates", Hedging, Always),
    entry("alleged", Hedging, Always),
    entry("allegedly", Hedging, Always),
    entry("reportedly", Hedging, Always),
    entry("reported", Hedging, Always),
    entry("claimed", Hedging, Always),
    entry("purported", Hedging, Always),
    entry("purportedly", Hedging, Always),
    entry("supposedly", Hedging, Always),
    entry("is said to", Hedging, Always),
    entry("are said to", Hedging, Always),
    entry("was said to", Hedging, Always),
    entry("were said to", Hedging, Always),
    entry("believed", Hedging, Always),
    entry("may", Hedging, NotMonth),
    entry("might", Hedging, Always),
    entry("could", Hedging, Always),
    entry("possibly", Hedging, Always),
    entry("possible", Hedging, Always),
    entry("perhaps", Hedging, Always),
    entry("probably", Hedging, Always),
    entry("likely", Hedging, Always),
    entry("unlikely", Hedging, Always),
    entry("suggest", Hedging, Always),
    entry("suggests", Hedging, Always),
    entry("suggested", Hedging, Always),
    entry("appear", Hedging, Always),
    entry("appears", Hedging, Always),
    entry("appeared", Hedging, Always),
    entry("apparently", Hedging, Always),
    entry("seem", Hedging, Always),
    entry("seems", Hedging, Always),
    entry("seemed", Hedging, Always),
    entry("presumably", Hedging, Always),
    entry("potentially", Hedging, Always),
    entry("unconfirmed", Hedging, Always),
    entry("approximately", Hedging, Always),
    entry("nearly", Hedging, Always),
    entry("almost", Hedging, Always),
    entry("roughly", Hedging, BeforeNumber),
    entry("about", Hedging, BeforeNumber),
    entry("around", Hedging, BeforeNumber),
    entry("some", Hedging, BeforeNumber),
    entry("up to", Hedging, BeforeNumber),
    entry("as many as", Hedging, BeforeNumber),
    entry("close to", Hedging, BeforeNumber),
    // Certainty: boosters.
    entry("clearly", Certainty, Always),
    entry("certainly", Certainty, Always),
    entry("undoubtedly", Certainty, Always),
    entry("obviously", Certainty, Always),
    entry("definitely", Certainty, Always),
    entry("indeed", Certainty, Always),
    entry("in fact", Certainty, Always),
    entry("of course", Certainty, Always),
    entry("surely", Certainty, Always),
    entry("undeniably", Certainty, Always),
    entry("unquestionably", Certainty, Always),
    entry("absolutely", Certainty, Always),
    entry("no doubt", Certainty, Always),
    entry("without doubt", Certainty, Always),
    entry("without a doubt", Certainty, Always),
    entry("beyond doubt", Certainty, Always),
    entry("proof", Certainty, Always),
    entry("prove", Certainty, Always),
    entry("proves", Certainty, Always),
    entry("proved", Certainty, Always),
    entry("proven", Certainty, Always),
    entry("must", Certainty, Always),
    entry("always", Certainty, Always),
    entry("never", Certainty, Always),
    entry("only", Certainty, Always),
    entry("unstoppable", Certainty, Always),
    entry("highly", Certainty, Always),
    entry("completely", Certainty, Always),
    entry("entirely", Certainty, Always),
    entry("totally", Certainty, Always),
    entry("inevitably", Certainty, Always),
    entry("inevitable", Certainty, Always),
    // Attribution: a speaker named or cited, without doubt cast.
    entry("according to", Attribution, Always),
    entry("said", Attribution, Always),
    entry("says", Attribution, Always),
    entry("stated", Attribution, Always),
    entry("told", Attribution, Always),
    entry("added", Attribution, Always),
    entry("noted", Attribution, Always),
    entry("announced", Attribution, Always),
    entry("declared", Attribution, Always),
    entry("argued", Attribution, Always),
    entry("argues", Attribution, Always),
    entry("explained", Attribution, Always),
    entry("emphasized", Attribution, Always),
    entry("emphasised", Attribution, Always),
    entry("stressed", Attribution, Always),
    entry("asserted", Attribution, Always),
    entry("insisted", Attribution, Always),
    entry("remarked", Attribution, Always),
    entry("quoted", Attribution, Always),
];

/// Number words that make an approximator a hedge ("some two dozen", "about a third").
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "fifteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "billion",
    "billions",
    "dozen",
    "dozens",
    "half",
    "third",
    "quarter",
    "fifth",
    "tenth",
];

/// Signs that may stand between an approximator and its number ("about $7 billion").
const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₹', '₽'];

/// A marked word or phrase in a passage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hedge {
    /// Chars of the passage it covers.
    pub span: CharSpan,
    /// The words as they stand in the passage.
    pub word: String,
    /// What it does.
    pub kind: HedgeKind,
}

/// What stands between a word and the word before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gap {
    /// White space only (or nothing: the first word).
    Space,
    /// White space and currency signs.
    Currency,
    /// Anything else: punctuation, symbols.
    Other,
}

struct Word<'a> {
    span: CharSpan,
    text: &'a str,
    lower: String,
    gap: Gap,
    /// Whether a sentence (or line) ends between this word and the one before.
    sentence_start: bool,
}

fn words(passage: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut chars = 0;
    let (mut gap, mut sentence_start) = (Gap::Space, true);
    for piece in passage.split_word_bounds() {
        let len = piece.chars().count();
        if piece.chars().any(char::is_alphanumeric) {
            words.push(Word {
                span: CharSpan::new(chars, chars + len),
                text: piece,
                lower: piece.to_lowercase(),
                gap,
                sentence_start,
            });
            (gap, sentence_start) = (Gap::Space, false);
        } else {
            if piece.chars().any(|c| matches!(c, '.' | '!' | '?' | '\n' | '\r')) {
                sentence_start = true;
            }
            let currency = piece.chars().all(|c| c.is_whitespace() || CURRENCY_SIGNS.contains(&c));
            gap = match (gap, piece.chars().all(char::is_whitespace), currency) {
                (Gap::Other, _, _) | (_, false, false) => Gap::Other,
                (_, true, _) => gap,
                (_, false, true) => Gap::Currency,
            };
        }
        chars += len;
    }
    words
}

/// A lexicon entry with its phrase split into words.
type Phrase = (Vec<&'static str>, &'static LexiconEntry);

/// Lexicon entries by their first word, longest phrase first.
fn index() -> &'static HashMap<&'static str, Vec<Phrase>> {
    static INDEX: OnceLock<HashMap<&'static str, Vec<Phrase>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: HashMap<&'static str, Vec<Phrase>> = HashMap::new();
        for entry in LEXICON {
            let words: Vec<&'static str> = entry.phrase.split(' ').collect();
            if let Some(&first) = words.first() {
                index.entry(first).or_default().push((words, entry));
            }
        }
        for entries in index.values_mut() {
            entries.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        }
        index
    })
}

fn is_number(words: &[Word<'_>], at: usize) -> bool {
    let Some(word) = words.get(at) else {
        return false;
    };
    if word.gap == Gap::Other {
        return false;
    }
    if word.lower.starts_with(|c: char| c.is_ascii_digit()) || NUMBER_WORDS.contains(&word.lower.as_str()) {
        return true;
    }
    // "about a dozen", "nearly a third"
    word.gap == Gap::Space
        && matches!(word.lower.as_str(), "a" | "an")
        && words
            .get(at + 1)
            .is_some_and(|next| next.gap == Gap::Space && NUMBER_WORDS.contains(&next.lower.as_str()))
}

/// The hedging, certainty and attribution words of `passage`, in order, not
/// overlapping; spans are chars of `passage`. See [`LEXICON`] and the module docs.
pub fn hedges(passage: &str) -> Vec<Hedge> {
    let words = words(passage);
    let index = index();
    let mut found = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let matched = index.get(words[at].lower.as_str()).and_then(|entries| {
            entries.iter().find(|(phrase, entry)| {
                let end = at + phrase.len();
                end <= words.len()
                    && phrase.iter().enumerate().skip(1).all(|(k, w)| {
                        let word = &words[at + k];
                        word.gap == Gap::Space && word.lower == *w
                    })
                    && match entry.condition {
                        Condition::Always => true,
                        Condition::BeforeNumber => is_number(&words, end),
                        Condition::NotMonth => {
                            let capitalised = words[at].text.starts_with(char::is_uppercase);
                            let before_digits = words.get(end).is_some_and(|next| {
                                next.gap != Gap::Other && next.lower.starts_with(|c: char| c.is_ascii_digit())
                            });
                            (!capitalised || words[at].sentence_start) && !before_digits
                        }
                    }
            })
        });
        match matched {
            Some((phrase, entry)) => {
                let last = &words[at + phrase.len() - 1];
                let span = CharSpan::new(words[at].span.start, last.span.end);
                let word = span.slice(passage).unwrap_or_default().to_owned();
                found.push(Hedge { span, word, kind: entry.kind });
                at += phrase.len();
            }
            None => at += 1,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marks(passage: &str) -> Vec<(String, HedgeKind)> {
        hedges(passage).into_iter().map(|h| (h.word, h.kind)).collect()
    }

    fn words_of(passage: &str) -> Vec<String> {
        hedges(passage).into_iter().map(|h| h.word).collect()
    }

    #[test]
    fn lexicon_is_lower_case_single_spaced_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for entry in LEXICON {
            assert_eq!(entry.phrase, entry.phrase.to_lowercase());
            assert_eq!(entry.phrase.split_whitespace().collect::<Vec<_>>().join(" "), entry.phrase);
            assert!(seen.insert(entry.phrase), "{} twice", entry.phrase);
        }
    }

    #[test]
    fn phrases_match_as_phrases_ignoring_case() {
        let text = "According to officials, it is Said To be IN FACT an estimated 3,000.";
        assert_eq!(
            marks(text),
            [
                ("According to".to_owned(), Attribution),
                ("is Said To".to_owned(), Hedging),
                ("IN FACT".to_owned(), Certainty),
                ("estimated".to_owned(), Hedging),
            ]
        );
        // Spans are chars of the passage, also after non-ASCII text.
        let text = "کشور — he reportedly left";
        let found = hedges(text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span.slice(text), Some("reportedly"));
        assert_eq!(found[0].span, CharSpan::new(10, 20));
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(words_of("the roundabout near the mayor's office; unlikelyhood"), Vec::<String>::new());
        assert_eq!(words_of("Clearly-marked"), ["Clearly"], "a hyphen separates words");
        assert_eq!(words_of("according, to him"), Vec::<String>::new(), "punctuation breaks a phrase");
        assert_eq!(words_of("in\nfact"), ["in\nfact"], "a line break is white space");
    }

    #[test]
    fn approximators_only_before_numbers() {
        assert_eq!(words_of("talks about Afghanistan went around the region"), Vec::<String>::new());
        assert_eq!(words_of("about 3,000 fighters"), ["about"]);
        assert_eq!(words_of("around $7 billion"), ["around"]);
        assert_eq!(
            words_of("some two dozen and up to 5,000 or as many as a hundred"),
            ["some", "up to", "as many as"]
        );
        assert_eq!(words_of("some of them, up to now"), Vec::<String>::new());
        assert_eq!(words_of("about (3,000)"), Vec::<String>::new());
    }

    #[test]
    fn may_the_month_is_not_a_hedge() {
        assert_eq!(words_of("They met in May. May they succeed; it may rain."), ["May", "may"]);
        assert_eq!(words_of("on May 12"), Vec::<String>::new());
        assert_eq!(words_of("May 2013 was the date"), Vec::<String>::new());
    }

    #[test]
    fn longest_match_wins_and_marks_do_not_overlap() {
        assert_eq!(marks("He was said to agree"), [("was said to".to_owned(), Hedging)]);
        assert_eq!(marks("He said to me"), [("said".to_owned(), Attribution)]);
        assert_eq!(words_of("without a doubt, no doubt"), ["without a doubt", "no doubt"]);
    }
}
