//! Words as the suggestions see them: the tokens of a text (from [`crate::text::tokenize`])
//! with a normalised form (lower case, diacritics folded, possessive and inner dots
//! removed), and the word tables that say which words carry no meaning for similarity
//! (stop words) or are capitalised without being names (titles, weekdays, months).
//! Knows nothing of claims or projects.

use super::fold::fold_char;
use crate::anchor::{CharIndex, CharSpan};
use crate::text::{Spanned, tokenize};
use std::collections::HashSet;
use std::sync::OnceLock;

/// A token of a document with what the features need of it.
pub(super) struct Tok<'a> {
    pub(super) raw: &'a str,
    /// Lower case, diacritics folded, possessive and inner dots/apostrophes removed;
    /// numbers keep their separators.
    pub(super) norm: String,
    pub(super) span: CharSpan,
    pub(super) sentence: usize,
    /// Contains a letter or digit (not punctuation).
    pub(super) word: bool,
}

/// The tokens of `text` with their normalised forms.
pub(super) fn analyse_tokens(text: &str) -> Vec<Tok<'_>> {
    let index = CharIndex::new(text);
    tokenize(text)
        .into_iter()
        .map(|token| {
            let raw = index.slice(token.span).unwrap_or("");
            let word = raw.chars().any(char::is_alphanumeric);
            Tok {
                raw,
                norm: if word { normalize_word(raw) } else { String::new() },
                span: token.span,
                sentence: token.sentence,
                word,
            }
        })
        .collect()
}

impl Spanned for Tok<'_> {
    fn span(&self) -> CharSpan {
        self.span
    }
}

pub(super) fn strip_possessive(raw: &str) -> &str {
    ["’s", "'s", "’S", "'S"].iter().find_map(|p| raw.strip_suffix(p)).filter(|r| !r.is_empty()).unwrap_or(raw)
}

/// Lower case, diacritics folded, possessive and inner dots and apostrophes removed
/// ("U.S" → "us", "Daesh’s" → "daesh"). Numbers keep their separators.
pub(super) fn normalize_word(raw: &str) -> String {
    let raw = strip_possessive(raw);
    let numeric = raw.starts_with(|c: char| c.is_ascii_digit());
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        if !numeric && matches!(c, '.' | '\'' | '’') {
            continue;
        }
        if ('\u{300}'..='\u{36f}').contains(&c) {
            continue; // combining accents
        }
        for lower in c.to_lowercase() {
            out.push(fold_char(lower));
        }
    }
    out
}

/// Words that say nothing about what a claim is about: function words and the verbs of
/// reporting ("said", "according"). A whitespace-separated list. Kept by hand rather than
/// taken from a stop-word crate: NLTK's English list lacks the news words here ("said",
/// "according", "amid", "per", "may" ...) and holds content words and names ("won",
/// "don", "ma"), and the ISO list holds over a thousand words, many of them content.
const STOP_WORDS: &str = "\
    a about above according after again against all also already am amid among an and any are \
    around as at be because been before being below between both but by can could did do does \
    doing down during each either even ever few for from further had has have having he her here \
    hers herself him himself his how however i if in into is it its itself just like many may me \
    might more most much must my myself no nor not now of off on once one only or other our ours \
    ourselves out over own per said same say says she should since so some still such than that \
    the their theirs them themselves then there these they this those though through thus to too \
    under until up upon us very via was we were what when where whether which while who whom \
    whose why will with within without would yet you your yours";

/// Capitalised words that are titles, weekdays or sentence glue rather than names (month
/// names are in [`MONTHS`]).
pub(super) const NOT_NAMES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "president",
    "prime",
    "minister",
    "deputy",
    "general",
    "chief",
    "former",
    "foreign",
    "secretary",
    "senior",
    "first",
    "then",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

pub(super) const MONTHS: &[&str] = &[
    "january",
    "jan",
    "february",
    "feb",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sep",
    "sept",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec",
];

pub(super) fn is_stop_word(norm: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP_WORDS.split_whitespace().collect()).contains(norm)
}

/// Whether a token's words count for wording similarity.
pub(super) fn is_content_word(tok: &Tok<'_>) -> bool {
    tok.word
        && tok.norm.chars().any(char::is_alphabetic)
        && tok.norm.chars().count() >= 2
        && !is_stop_word(&tok.norm)
}
